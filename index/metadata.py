"""Release metadata detected from the text (company, ticker, fiscal period, currency, scale, release date),
overridable by a sidecar file `<stem>.meta.json` next to the release."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from index.periods import (
    CALENDAR,
    FULL_DATE_RE,
    FiscalCalendar,
    Period,
    period_label,
    snap_to_month_end,
    to_date,
)

_LEGAL = re.compile(
    r"\b((?:[A-Z][A-Za-z&.'’-]*\s+){0,5}?[A-Z][A-Za-z&.'’-]*,?\s+"
    r"(?:Holdings\s+Limited|Holdings\s+Ltd\.?|Corporation\s+Limited|Corporation|Corp\.|Incorporated|Inc\.|"
    r"Limited|Ltd\.?|plc|PLC|N\.V\.|S\.A\.))"
)
_TICKER = re.compile(r"\((?:NASDAQ|Nasdaq|NYSE|NYSE American|HKEX|HKSE|LSE|OTCQB|OTC)\s*[:：]\s*([A-Z][A-Z0-9.]{0,6})")
_SUFFIX = re.compile(r",?\s+(Holdings\s+Limited|Holdings\s+Ltd\.?|Corporation\s+Limited|Corporation|Corp\.|"
                     r"Incorporated|Inc\.|Limited|Ltd\.?|plc|PLC|N\.V\.|S\.A\.)$")
_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_QTR = re.compile(
    r"\b(?:(first|second|third|fourth)\s+quarter(?:\s+of)?(?:\s+(fiscal)(?:\s+year)?)?\s+((?:19|20)\d\d)"
    r"|(fiscal)\s+((?:19|20)\d\d)\s+(first|second|third|fourth)\s+quarter"
    r"|Q([1-4])\s+(?:(fiscal)\s+|FY\s?)?((?:19|20)\d\d))",
    re.I,
)
_ANNUAL = re.compile(r"\b(?:(full[\s-]year|fiscal(?:\s+year)?|annual results)\s+((?:19|20)\d\d)|((?:19|20)\d\d)\s+"
                     r"(?:annual results|full[\s-]year))", re.I)
_INTERIM = re.compile(r"\b(interim results|six months ended|first half|half[\s-]year)\b", re.I)
_FX = re.compile(r"RMB\s?(\d+\.\d+)\s+to\s+US\\?\$\s?1(?:\.00)?", re.I)
_SCALE = re.compile(r"in\s+(thousands|millions|billions)|(?:RMB|US\$|HK\$|\$)\s?'000|\$\s?million", re.I)


@dataclass(frozen=True)
class ReleaseMeta:
    company: str
    short_name: str
    ticker: str | None
    period: str  # "Q2 2025"
    period_end: date | None
    months: int
    currency: str
    scale: int  # default multiplier for amounts (1, 1_000, 1_000_000)
    release_date: date | None
    calendar: FiscalCalendar = CALENDAR
    fx_rate: Decimal | None = None  # local currency per US$ for convenience translations


def detect(text: str, stem: str, header_dates: list[date]) -> ReleaseMeta:
    head = text[:12000]
    ticker_m = _TICKER.search(text)
    ticker = ticker_m.group(1).rstrip(".") if ticker_m else None
    company = _company(head, stem)
    short = _SUFFIX.sub("", company).strip()
    period_end = _period_end(header_dates)
    if period_end is None:
        ended = re.search(r"\b(?:ended|ending)\s+" + FULL_DATE_RE.pattern, head, re.I)
        if ended:
            period_end = to_date(ended.group(1), ended.group(2), ended.group(3))
    q, fy, fiscal_word, months = None, None, False, 3
    m = _QTR.search(head)
    if m:
        if m.group(1):
            q, fiscal_word, fy = _ORD[m.group(1).lower()], bool(m.group(2)), int(m.group(3))
        elif m.group(4):
            q, fiscal_word, fy = _ORD[m.group(6).lower()], True, int(m.group(5))
        else:
            q, fiscal_word, fy = int(m.group(7)), bool(m.group(8)), int(m.group(9))
    a = _ANNUAL.search(head[:3000])
    if q is None and a:
        months, fy = 12, int(a.group(2) or a.group(3))
    elif q is None and _INTERIM.search(head[:3000]):
        months = 6
    cal = CALENDAR
    if period_end is None and fy is not None:
        period_end = date(fy, 3 * q, 30 if q in (2, 3) else 31) if q else date(fy, 12, 31)
    if period_end is not None and q is not None and fy is not None:
        e = snap_to_month_end(period_end)
        fy_end_month = (e.month + 3 * (4 - q) - 1) % 12 + 1
        year_end = e.year + (1 if e.month > fy_end_month else 0)
        cal = FiscalCalendar(fy_end_month, fy - year_end)
        if not fiscal_word and cal != CALENDAR and abs(cal.label_shift) > 1:
            cal = CALENDAR
    elif period_end is not None and months == 12 and fy is not None:
        e = snap_to_month_end(period_end)
        cal = FiscalCalendar(e.month, fy - e.year)
    if period_end is None:
        period = "unknown period"
    else:
        period = period_label(Period(period_end, months), cal)
    fx = _FX.search(text)
    return ReleaseMeta(
        company=company, short_name=short, ticker=ticker, period=period, period_end=period_end, months=months,
        currency=_currency(text), scale=_scale(text), release_date=_release_date(head, period_end),
        calendar=cal, fx_rate=Decimal(fx.group(1)) if fx else None,
    )


def apply_overrides(meta: ReleaseMeta, path: Path) -> ReleaseMeta:
    """`<stem>.meta.json` next to the release overrides any detected field (dates as ISO strings)."""
    side = path.with_name(path.stem + ".meta.json")
    if not side.exists():
        return meta
    data = json.loads(side.read_text(encoding="utf-8"))
    changes: dict[str, object] = {}
    for key, value in data.items():
        if key in ("period_end", "release_date") and value:
            changes[key] = date.fromisoformat(value)
        elif key == "fx_rate" and value is not None:
            changes[key] = Decimal(str(value))
        elif key in ("fiscal_year_end_month", "fiscal_label_shift"):
            cal = changes.get("calendar", meta.calendar)
            assert isinstance(cal, FiscalCalendar)
            changes["calendar"] = (replace(cal, fy_end_month=int(value)) if key == "fiscal_year_end_month"
                                   else replace(cal, label_shift=int(value)))
        elif key in ReleaseMeta.__dataclass_fields__:
            changes[key] = value
    meta = replace(meta, **changes)  # type: ignore[arg-type]
    if meta.period_end and "period" not in data:
        meta = replace(meta, period=period_label(Period(meta.period_end, meta.months), meta.calendar))
    return meta


def _company(head: str, stem: str) -> str:
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for m in _LEGAL.finditer(head):
        name = re.sub(r"\s+", " ", m.group(1)).strip()
        name = re.sub(r"^(?:The|THE|About|ABOUT|and|And|of|For|On|By|At|From)\s+", "", name)
        if name.isupper() and len(name) > 4:
            name = name.title().replace("Plc", "plc").replace("Inc.", "Inc.")
        if len(name) < 5:
            continue
        counts[name] += 1
        first.setdefault(name, m.start())
    stem_words = stem.split("_")[0].replace("-", " ").lower().split()
    best = None
    for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], first[kv[0]])):
        if stem_words and stem_words[0] in name.lower():
            best = name
            break
    if best is None and counts:
        best = max(counts, key=lambda k: (counts[k], -first[k]))
    return best or stem.split("_")[0].replace("-", " ").title()


def _period_end(header_dates: list[date]) -> date | None:
    if not header_dates:
        return None
    counts = Counter(header_dates)
    frequent = [d for d, n in counts.items() if n >= 2] or list(counts)
    return max(frequent)


def _currency(text: str) -> str:
    rmb = len(re.findall(r"RMB", text))
    usd = len(re.findall(r"US\$|\$", text))
    eur = len(re.findall(r"€|EUR\b", text))
    hkd = len(re.findall(r"HK\$", text))
    best = max((rmb, "RMB"), (usd - hkd, "USD"), (eur, "EUR"), (hkd, "HKD"))
    return best[1] if best[0] > 0 else "USD"


def _scale(text: str) -> int:
    m = _SCALE.search(text)
    if not m:
        return 1
    word = (m.group(1) or "").lower()
    if word == "millions" or "million" in m.group(0).lower():
        return 1_000_000
    if word == "billions":
        return 1_000_000_000
    return 1_000


def _release_date(head: str, period_end: date | None) -> date | None:
    for m in FULL_DATE_RE.finditer(head[:4000]):
        d = to_date(m.group(1), m.group(2), m.group(3))
        if d and period_end and 0 < (d - period_end).days <= 150:
            return d
    return None
