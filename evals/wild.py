"""The generalization report: label-free checks over releases nobody tuned the parsers to (evals/corpus/wild/).

Per release, with no hand labels:
- metadata: company, period end, currency and fiscal year end found, compared with the SOURCES.md columns;
- coverage: the share of amounts printed in the release's tables (value cells that are not percentages, years or
  a column of note references) that became facts;
- consistency: balance sheets that balance, gross profit = revenue - cost of revenue, and stated year-over-year
  growth rates that agree with their two cells, counted passed / failed;
- round trip: asking for a fact's label in its period, scoped to its document, returns that fact (or asks which
  heading is meant);
- a battery of ten plain questions scoped to the release, and one naming its company with every release in play:
  no crash, and a refusal says what the release holds.
"""

from __future__ import annotations

import json
import re
import traceback
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from assistant.answers import Figure, Status
from assistant.lookup import step_of
from assistant.respond import Assistant
from index.errors import IngestError
from index.facts import Fact, Unit
from index.headings import segment_of
from index.metrics import normalise_label
from index.numbers import parse_number
from index.pipeline import Extraction, Index, extract
from index.tables import CHANGE_COLUMN, columns_for
from lexicon.calendar import month_number

ROOT = Path(__file__).resolve().parent
WILD = ROOT / "corpus" / "wild"

BATTERY = (
    "What was revenue?", "What was net income?", "What was diluted EPS?", "What was operating cash flow?",
    "How much cash and cash equivalents did it have?", "What was revenue growth year over year?",
    "What was the operating margin?", "What drove revenue?", "What was revenue in Q1 2009?",
    "What was the number of widgets shipped to Mars?",
)
_CODES = ("USD", "EUR", "JMD", "CAD", "INR", "RMB", "CHF", "GBP", "NOK", "ARS", "AUD", "JPY", "MXN", "SEK", "TWD",
          "GEL", "HKD")


@dataclass(frozen=True)
class Source:
    """One row of SOURCES.md: what a person wrote down about the release."""

    document: str
    company: str
    period: str
    currency: str
    fmt: str
    standard: str

    @property
    def period_end(self) -> date | None:
        m = re.search(r"(?:ended|ending)\s+(\d{4}-\d\d-\d\d)", self.period)
        return date.fromisoformat(m.group(1)) if m else None

    @property
    def currency_code(self) -> str:
        m = re.search(r"\b(" + "|".join(_CODES) + r")\b", self.currency)
        return m.group(1) if m else ""

    @property
    def fy_end_month(self) -> int | None:
        m = re.search(r"FY ends (\w+)", self.period)
        return month_number(m.group(1)) if m else None


def sources(path: Path = WILD / "SOURCES.md") -> dict[str, Source]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 12 or not re.match(r"[\w.-]+\.(md|pdf|htm|html|txt)$", cells[0]):
            continue
        stem = cells[0].rsplit(".", 1)[0]
        out[stem] = Source(stem, cells[1], cells[2], cells[4], cells[3], cells[11])
    return out


@dataclass
class ReleaseReport:
    document: str
    fmt: str
    currency_group: str
    error: str = ""
    facts: int = 0
    meta: dict[str, str] = field(default_factory=dict)
    meta_right: dict[str, bool] = field(default_factory=dict)
    printed: int = 0
    covered: int = 0
    checks_passed: int = 0
    checks_failed: list[str] = field(default_factory=list)
    round_trip: int = 0
    round_trip_right: int = 0
    round_trip_misses: list[str] = field(default_factory=list)
    battery: dict[str, str] = field(default_factory=dict)
    crashes: list[str] = field(default_factory=list)

    @property
    def metadata_right(self) -> bool:
        return bool(self.meta_right) and all(self.meta_right.values())


def metadata(ex: Extraction, src: Source | None) -> tuple[dict[str, str], dict[str, bool]]:
    m = ex.meta
    found = {"company": m.company, "period": m.period, "period_end": str(m.period_end or ""),
             "currency": m.currency, "fy_end_month": str(m.calendar.fy_end_month)}
    if src is None:
        return found, {}
    right = {"company": _same_company(m.company, src.company)}
    if src.period_end:
        right["period_end"] = m.period_end is not None and abs((m.period_end - src.period_end).days) <= 7
    if src.currency_code:
        right["currency"] = m.currency == src.currency_code
    if src.fy_end_month:
        right["fy_end_month"] = m.calendar.fy_end_month == src.fy_end_month
    return found, right


_LEGAL_WORDS = re.compile(r"\b(?:limited|ltd|inc|incorporated|corp|corporation|co|company|group|holdings?|ag|se|sa|"
                          r"s\.a|plc|n\.v|nv|asa|ab|oyj|tbk|pt|the|publ)\b\.?")


def _squash(name: str) -> str:
    name = re.sub(r"\([^)]*\)", "", name.lower())
    name = _LEGAL_WORDS.sub(" ", re.sub(r"real estate investment trust", "reit", name))
    return re.sub(r"[^a-z0-9]+", "", name)


def _same_company(found: str, listed: str) -> bool:
    """'CT REIT' ~ 'CT Real Estate Investment Trust (CRT.UN)', 'OpenText' ~ 'Open Text Corp.', 'AMD' ~ 'Advanced
    Micro Devices, Inc. (AMD)': without legal words and squashed, one begins with the other's first five letters,
    or the name found is the listed ticker."""
    a, b = _squash(found), _squash(listed)
    tickers = re.findall(r"\(([A-Z][A-Z.]{1,6})[;)]", listed)
    return bool(a and b) and (b.startswith(a[:5]) or a.startswith(b[:5]) or found.strip() in tickers)


# a note reference ('(1)', '(a)') in a column of them ('GAAP | Adjustment | Note | Non-GAAP'): no amount
_NOTE_MARK = re.compile(r"^\(\s*(?:\d{1,2}|[a-z])\s*\)$")
_DASH = re.compile(r"^[-—–]+$")


def note_columns(rows: list[tuple[str, ...]]) -> set[tuple[int, int]]:
    """(row width, position) of the columns that hold only note references, among three rows or more of one width:
    '(1) (1) (2) (4) (5)' down a column, some referred to twice, is a column of notes, never of amounts."""
    out: set[tuple[int, int]] = set()
    for width in {len(r) for r in rows}:
        same = [r for r in rows if len(r) == width]
        for k in range(width):
            cells = [c.strip() for r in same if (c := r[k].strip()) and not _DASH.match(c)]
            # a note is referred to again down the column ('(1)' for each share-based compensation line)
            if len(cells) >= 3 and all(_NOTE_MARK.match(c) for c in cells) and len(set(cells)) < len(cells):
                out.add((width, k))
    return out


def coverage(ex: Extraction) -> tuple[int, int]:
    """(amounts printed in tables that have period columns, table facts): how much of what is printed is read."""
    printed = 0
    for t in ex.loaded.tables:
        cols = columns_for(t, ex.meta)
        if not cols:
            continue
        notes = note_columns([r.values for r in t.rows if r.values])
        changes = bool(CHANGE_COLUMN.search(" | ".join(t.header)))
        for r in t.rows:
            amounts = sum(1 for k, v in enumerate(r.values)
                          if (p := parse_number(v)) is not None and not p.percent and not p.dash
                          and not re.fullmatch(r"(?:19|20)\d\d", v.strip()) and (len(r.values), k) not in notes)
            printed += amounts_of_row(amounts, len(cols), changes)
    facts = sum(1 for f in ex.facts if f.statement != "Text" and f.unit != Unit.PERCENT)
    return printed, min(facts, printed)


def amounts_of_row(printed: int, periods: int, changes: bool) -> int:
    """The amounts among a row's `printed` numbers: under a header that names change columns ('2024 | 2023 |
    % change'), at most one per period column; the rest are its changes, rates whether or not each cell prints
    '%' (a rate printed with its sign is never counted either), and never to be read as values."""
    return min(printed, periods) if changes else printed


_ASSETS = re.compile(r"^total assets$")
_LIAB_EQ = re.compile(r"^total liabilities,? (?:and|&) (?:stockholders'|shareholders'|members'|total )?"
                      r"(?:equity|deficit)(?: \(deficit\))?$")
_REVENUE = re.compile(r"^(?:total )?(?:net )?(?:revenues?|net sales|sales|turnover)$")
_COST = re.compile(r"^(?:total )?cost of (?:revenues?|sales|goods sold)$")
_GROSS = re.compile(r"^gross (?:profit|margin)$")


def consistency(facts: list[Fact]) -> tuple[int, list[str]]:
    """Checks a release's own figures make: balance sheets balance, gross profit = revenue - cost (or less every
    cost row printed between the two, as where amortization sits under cost of sales), stated growth rates match
    their cells (within rounding)."""
    passed, failed = 0, []
    cells = [f for f in facts if f.statement != "Text" and f.unit == Unit.CURRENCY]
    by: dict[tuple, dict[str, Decimal]] = {}
    places: dict[tuple, dict[str, tuple[int, int, int]]] = {}  # key -> name -> (table, column, row)
    costs: dict[tuple, list[Decimal]] = {}  # further cost rows of a key
    for f in cells:
        key = (f.statement, f.period_end, f.months, f.currency)
        norm = normalise_label(f.label)
        for name, rx in (("assets", _ASSETS), ("liab_eq", _LIAB_EQ), ("revenue", _REVENUE), ("cost", _COST),
                         ("gross", _GROSS)):
            if rx.match(norm) and name == "cost" and "cost" in by.get(key, {}):
                costs.setdefault(key, []).append(f.value)  # 'Total cost of sales' under its parts
            elif rx.match(norm) and name not in by.get(key, {}):
                by.setdefault(key, {})[name] = f.value
                if (place := _place(f)) is not None:
                    places.setdefault(key, {})[name] = place
    for key, v in by.items():
        where = f"{key[0][:40]} {key[1]} {key[2]}m"
        if "assets" in v and "liab_eq" in v:
            if _close(v["assets"], v["liab_eq"]):
                passed += 1
            else:
                failed.append(f"balance sheet {where}: assets {v['assets']} != liabilities and equity {v['liab_eq']}")
        if {"revenue", "cost", "gross"} <= set(v):
            between = _costs_between(cells, places.get(key, {}))
            if any(_close(v["revenue"] - abs(cost), v["gross"]) for cost in [v["cost"], *costs.get(key, [])]) \
                    or (between is not None and _close(v["revenue"] - between, v["gross"])):
                passed += 1
            else:
                failed.append(f"gross profit {where}: {v['revenue']} - {abs(v['cost'])} != {v['gross']}")
    for f in facts:
        if f.statement != "Text" or f.unit != Unit.PERCENT or "year-over-year change" not in f.label:
            continue
        base = normalise_label(f.label.replace(" year-over-year change", ""))
        now = [c for c in cells if normalise_label(c.label) == base and c.period_end == f.period_end
               and c.months == f.months]
        before = [c for c in cells if normalise_label(c.label) == base and c.months == f.months
                  and abs((c.period_end - f.period_end).days - (-365)) <= 10]
        if now and before and before[0].value:
            rate = (now[0].value / before[0].value - 1) * 100
            if abs(rate - f.value) <= Decimal("0.6") or abs(abs(rate) - abs(f.value)) <= Decimal("0.6"):
                passed += 1
            else:
                failed.append(f"stated growth {f.label} {f.period}: {f.value}% vs cells {rate:.1f}%")
    return passed, failed


_LOCATOR = re.compile(r"table (?P<table>\d+), row (?P<row>\d+), column (?P<column>\d+)")


def _place(f: Fact) -> tuple[int, int, int] | None:
    """(table, column, row) of a table fact, from its locator."""
    m = _LOCATOR.match(f.locator)
    return (int(m["table"]), int(m["column"]), int(m["row"])) if m else None


def _costs_between(cells: list[Fact], at: dict[str, tuple[int, int, int]]) -> Decimal | None:
    """The cost rows printed between revenue and gross profit in one column ('Cost of sales' and 'Amortization of
    acquisition-related intangibles' above AMD's gross profit); None when the two are not in one column."""
    if "revenue" not in at or "gross" not in at or at["revenue"][:2] != at["gross"][:2]:
        return None
    total = Decimal(0)
    for f in cells:
        place = _place(f)
        if place is not None and place[:2] == at["gross"][:2] and at["revenue"][2] < place[2] < at["gross"][2]:
            total += abs(f.value)
    return total


def _close(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) <= max(abs(b) * Decimal("0.001"), Decimal(1_000_001))


def round_trip(bot: Assistant, facts: list[Fact], document: str, limit: int) -> tuple[int, int, list[str]]:
    """Ask for each of up to `limit` table facts by its label and period within its document."""
    picked = _spread([f for f in facts if f.statement != "Text" and f.label], limit)
    right, misses = 0, []
    for f in picked:
        part = segment_of(f.section)  # a part's figure is asked for by the part's name, as a user would
        q = f"What was {part + ' ' if part else ''}{f.label} in {f.period}?"
        try:
            a = bot.answer(q, document=document)
        except Exception as e:  # noqa: BLE001 - the report counts any crash as a miss with its type
            misses.append(f"{q} -> crash {type(e).__name__}")
            continue
        if a.status == Status.NEEDS_CLARIFICATION or any(
                fig.value == f.value and fig.period_end == f.period_end for fig in a.figures[:3]) or any(
                fig.value == f.value for fig in a.figures[:1]) or any(
                fig.period_end == f.period_end and _same_as_printed(fig.value, f) for fig in a.figures[:1]) or any(
                fig.period_end == f.period_end and _same_row_other_sign(fig, f) for fig in a.figures[:1]):
            right += 1
        else:
            got = f"{a.figures[0].label} {a.figures[0].period} {a.figures[0].value}" if a.figures else a.status.value
            misses.append(f"{q} [{f.value}] -> {got}")
    return len(picked), right, misses


def _same_as_printed(value: Decimal, fact: Fact) -> bool:
    """The value is the fact's figure to the precision the fact was printed in: '$ 2,033' in thousands is the
    statement's 2,033,324 (a release prints one figure at two precisions; the answer gives the exact one)."""
    step = step_of(fact)
    return step is not None and abs(value - fact.value) <= step / 2


def _row_words(label: str) -> set[str]:
    return set(re.findall(r"[a-z]+", normalise_label(label)))


def _same_row_other_sign(fig: Figure, fact: Fact) -> bool:
    """The answer is the row the question named, printed with the other sign convention in another table: an
    expense negative in the income statement and positive in the cash flow ('Depreciation and amortization'), or
    the mirrored name of one row ('Other (income) expense, net' -20,170 is 'Other income (expense), net' 20,170)."""
    asked = _row_words(f"{segment_of(fact.section)} {fact.label}")
    return fig.value == -fact.value and fig.value != 0 and _row_words(fig.label) == asked


def _spread(facts: list[Fact], limit: int) -> list[Fact]:
    if len(facts) <= limit:
        return facts
    step = len(facts) / limit
    return [facts[int(i * step)] for i in range(limit)]


def battery(bot: Assistant, document: str, company: str) -> tuple[dict[str, str], list[str]]:
    """The ten questions scoped to the document, and one naming the company with nothing scoped (every document
    in the home is in play: one odd release must not break the others)."""
    out, crashes = {}, []
    asks = [(q, document) for q in BATTERY] + [(f"What was {company}'s revenue?", None)]
    for q, scope in asks:
        try:
            a = bot.answer(q, document=scope)
            out[q] = a.status.value
            if a.status == Status.NOT_FOUND and not a.answer.strip():
                crashes.append(f"{q}: an empty refusal")
        except Exception:  # noqa: BLE001 - a crash is what this battery is for; it is reported, not raised
            out[q] = "crash"
            crashes.append(f"{q}: {traceback.format_exc(limit=2).splitlines()[-1]}")
    return out, crashes


def run(index: Index, releases: Iterable[Path], *, round_trip_limit: int = 40,
        on_release: Callable[[str], None] | None = None) -> list[ReleaseReport]:
    srcs = sources()
    bot = Assistant(index)
    reports = []
    for path in sorted(releases):
        if on_release:
            on_release(path.stem)
        src = srcs.get(path.stem)
        rep = ReleaseReport(path.stem, path.suffix.lstrip("."), src.currency_code if src else "")
        try:
            ex = extract(path)
        except Exception as e:  # noqa: BLE001 - an unreadable release is a row of the report with its reason
            rep.error = e.user_message() if isinstance(e, IngestError) else f"{type(e).__name__}: {e}"
            reports.append(rep)
            continue
        rep.facts = len(ex.facts)
        rep.meta, rep.meta_right = metadata(ex, src)
        rep.printed, rep.covered = coverage(ex)
        rep.checks_passed, rep.checks_failed = consistency(ex.facts)
        if index.facts.document(path.stem) is not None:
            rep.round_trip, rep.round_trip_right, rep.round_trip_misses = round_trip(
                bot, ex.facts, path.stem, round_trip_limit)
            rep.battery, rep.crashes = battery(bot, path.stem, ex.meta.short_name or ex.meta.company)
        reports.append(rep)
    return reports


def totals(reports: list[ReleaseReport], key: Callable[[ReleaseReport], str] | None = None) -> dict[str, dict]:
    groups: dict[str, list[ReleaseReport]] = {}
    for r in reports:
        groups.setdefault(key(r) if key else "all", []).append(r)
    out = {}
    for name, rs in sorted(groups.items()):
        printed = sum(r.printed for r in rs)
        checks = sum(r.checks_passed + len(r.checks_failed) for r in rs)
        trips = sum(r.round_trip for r in rs)
        out[name] = {
            "releases": len(rs),
            "errors": sum(1 for r in rs if r.error),
            "with_facts": sum(1 for r in rs if r.facts),
            "facts": sum(r.facts for r in rs),
            "metadata_right": sum(1 for r in rs if r.metadata_right),
            "coverage": round(sum(r.covered for r in rs) / printed, 3) if printed else 0.0,
            "checks": checks,
            "checks_passed": sum(r.checks_passed for r in rs),
            "round_trip": trips,
            "round_trip_right": sum(r.round_trip_right for r in rs),
            "battery_questions": sum(len(r.battery) for r in rs),
            "crashes": sum(len(r.crashes) for r in rs),
        }
    return out


def markdown(reports: list[ReleaseReport]) -> str:
    def pct(a: int, b: int) -> str:
        return f"{a / b:.1%}" if b else "n/a"

    lines = ["# Wild corpus: generalization report", "",
             "Label-free checks over every release in `evals/corpus/wild/` (made by `earnings-qa eval --wild`).", ""]
    for title, key in (("All releases", None), ("By format", lambda r: r.fmt),
                       ("By currency group", lambda r: r.currency_group or "?")):
        lines += [f"## {title}", "",
                  "| group | releases | read errors | with facts | facts | metadata right | table coverage | "
                  "consistency passed | round trip right | battery crashes |",
                  "|---|---|---|---|---|---|---|---|---|---|"]
        for name, t in totals(reports, key).items():
            lines.append(
                f"| {name} | {t['releases']} | {t['errors']} | {t['with_facts']} | {t['facts']} | "
                f"{t['metadata_right']} ({pct(t['metadata_right'], t['releases'])}) | {t['coverage']:.1%} | "
                f"{t['checks_passed']}/{t['checks']} ({pct(t['checks_passed'], t['checks'])}) | "
                f"{t['round_trip_right']}/{t['round_trip']} ({pct(t['round_trip_right'], t['round_trip'])}) | "
                f"{t['crashes']} of {t['battery_questions']} |")
        lines.append("")
    lines += ["## Per release", "",
              "| release | facts | period | currency | metadata wrong | coverage | checks failed | round trip |",
              "|---|---|---|---|---|---|---|---|"]
    for r in reports:
        wrong = ", ".join(k for k, ok in r.meta_right.items() if not ok) or ("error: " + r.error if r.error else "")
        lines.append(f"| {r.document} | {r.facts} | {r.meta.get('period', '')} | {r.meta.get('currency', '')} | "
                     f"{wrong} | {pct(r.covered, r.printed)} | {len(r.checks_failed)} | "
                     f"{r.round_trip_right}/{r.round_trip} |")
    return "\n".join(lines) + "\n"


def write(reports: list[ReleaseReport], out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    md, js = out / "wild.md", out / "wild.json"
    md.write_text(markdown(reports), encoding="utf-8")
    js.write_text(json.dumps({"totals": totals(reports), "releases": [asdict(r) for r in reports]}, indent=1,
                             default=str) + "\n", encoding="utf-8")
    return [md, js]


def releases(folder: Path = WILD) -> list[Path]:
    from index.loaders import SUFFIXES

    return sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES and p.name != "SOURCES.md")


__all__ = ["BATTERY", "ReleaseReport", "Source", "releases", "run", "sources", "totals", "write"]
