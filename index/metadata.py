"""Release metadata detected from the text (company, ticker, fiscal period, currency, scale, release date),
overridable by a sidecar file `<stem>.meta.json` next to the release."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from index.blocks import LoadedDocument
from index.currencies import reporting_currency
from index.numbers import scale_of
from index.periods import (
    CALENDAR,
    FULL_DATE_RE,
    FiscalCalendar,
    Period,
    parse_date,
    period_label,
    quarter_end,
    snap_to_month_end,
    split_fiscal_years,
    to_date,
)
from index.sidecar import read_sidecar

_LEGAL = re.compile(
    r"\b((?:[A-Z][A-Za-z&.'’-]*\s+(?:and\s+(?=[A-Z]))?){0,5}?[A-Z][A-Za-z&.'’-]*,?\s+"
    r"(?:Holdings\s+Limited|Holdings\s+Ltd\.?|Corporation\s+Limited|Corporation|Corp\.|Incorporated|Inc\.|"
    r"Limited|Ltd\.?|plc|PLC|N\.V\.|S\.A\.|International))"
)
_TICKER = re.compile(r"\((?:NASDAQ|Nasdaq|NYSE|NYSE American|HKEX|HKSE|LSE|OTCQB|OTC)(?:\s+Global(?:\s+Select)?"
                     r"\s+Market)?\s*[:：]?\s*[“\"]?([A-Z][A-Z0-9.]{0,6})\b")
_HK_TICKER = re.compile(r"\((\d{4}\.HK)\)")
_SUFFIX = re.compile(r",?\s+(Holdings\s+Limited|Holdings\s+Ltd\.?|Corporation\s+Limited|Corporation|Corp\.|"
                     r"Incorporated|Inc\.|Limited|Ltd\.?|plc|PLC|N\.V\.|S\.A\.)$")
_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_QTR = re.compile(
    r"\b(?:(first|second|third|fourth)[\s-]+quarter(?:\s+and\s+(?:full|fiscal)[\s-]+year)?(?:\s+of)?(?:\s+(fiscal)(?:\s+year)?)?\s+((?:19|20)\d\d)"
    r"|(fiscal)\s+((?:19|20)\d\d)\s+(first|second|third|fourth)\s+quarter"
    r"|Q([1-4])\s+(fiscal\s+|FY\s?)?((?:19|20)\d\d))",
    re.I,
)
# '2024 Financial Results' with no quarter or half in the headline is the year's ('Royalty Management Holding
# Corporation Reports 2024 Financial Results')
_ANNUAL = re.compile(r"\b(?:(full[\s-]year|fiscal(?:\s+year)?|annual results)\s+((?:19|20)\d\d)|((?:19|20)\d\d)\s+"
                     r"(?:annual results|full[\s-]year|financial results|earnings\b(?!\s+(?:call|release|date))))",
                     re.I)
_HEADLINE = 400  # the characters of a release's opening that state what it reports


def _fiscal_years(text: str) -> set[int]:
    """The years the text names as fiscal or full years ('fiscal 2019', 'fiscal year 2018', '2019 annual results')."""
    return {int(m.group(2) or m.group(3)) for m in _ANNUAL.finditer(text)}


_YEAR_ENDED = re.compile(r"\b(?:quarter|three months)\s+and\s+(?:the\s+)?(?:financial\s+|fiscal\s+)?year\s+ended\s+"
                         r"(.{6,30}?(?:19|20)\d\d)", re.I)
_INTERIM = re.compile(r"\b(interim results|six months ended|first half|half[\s-]year)\b", re.I)
_FX = re.compile(r"RMB\s?(\d+\.\d+)\s+to\s+US\\?\$\s?1(?:\.00)?", re.I)


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
    # columns headed by bare years ("2019 | 2018") with no "Year ended" are fiscal years; off by default because a
    # release's bare years may be anything (an outlook); annual-report extracts (TAT-QA) turn it on in .meta.json
    bare_years: bool = False


@dataclass(frozen=True)
class PeriodRule:
    """A named way a release (or its file name) states the period it reports, with examples a test runs."""

    name: str
    pattern: re.Pattern[str]
    months: int  # the span the match means (3 a quarter, 6 a half, 9 nine months, 12 a year)
    examples: tuple[tuple[str, str], ...]  # (text, period end it gives, ISO)
    not_examples: tuple[str, ...] = ()

    def end(self, m: re.Match[str]) -> date:
        g = m.groupdict()
        if g.get("date"):
            printed = parse_date(g["date"])
            if printed:
                return printed
        year = int(g["year"])
        if self.months == 3:
            return quarter_end(int(g.get("q") or _ORD.get((g.get("ord") or "").lower(), 0)), year)
        if self.months == 6:
            half = 2 if (g.get("half") or "").lower() in ("2", "second") else 1  # 'H2', 'second half'
            return date(year, 6, 30) if half == 1 else date(year, 12, 31)
        return date(year, 9, 30) if self.months == 9 else date(year, 12, 31)


_YR = r"(?P<year>(?:19|20)\d\d)"
# how headlines name the period they report, for releases whose tables and datelines give no date
HEADLINE_RULES: tuple[PeriodRule, ...] = (
    PeriodRule("nine months", re.compile(rf"\b(?:first\s+)?nine\s+months\s+(?:of\s+)?{_YR}", re.I), 9,
               (("Preliminary Figures for the First Nine Months of 2025", "2025-09-30"),)),
    PeriodRule("nine months", re.compile(rf"\b9M\s*{_YR}", re.I), 9, (("9M 2024 results", "2024-09-30"),)),
    PeriodRule("nine months", re.compile(rf"January\s*[-–]\s*September\s+{_YR}", re.I), 9,
               (("January–September 2025", "2025-09-30"),)),
    PeriodRule("half year", re.compile(rf"\b(?:(?P<half>first|second)\s+half(?:[\s-]+year)?|half[\s-]year|"
                                       rf"interim|six\s+months)\s*(?:of\s+|results\s+|report\s+)?(?:fiscal\s+)?{_YR}",
                                       re.I), 6,
               (("Half-Year Report 2025", "2025-06-30"), ("first half of 2025", "2025-06-30"))),
    PeriodRule("half year", re.compile(rf"\bH(?P<half>[12])\s*{_YR}", re.I), 6, (("H1 2024 Results", "2024-06-30"),)),
    PeriodRule("half year", re.compile(rf"\b{_YR}\s+(?:half[\s-]year|interim)\b", re.I), 6,
               (("2025 Half-Year Results", "2025-06-30"),)),
    PeriodRule("quarter", re.compile(rf"\b(?P<ord>first|second|third|fourth)[\s-]+quarter(?:\s+of)?(?:\s+fiscal)?"
                                     rf"\s+{_YR}", re.I), 3,
               (("Fourth Quarter 2024 Results", "2024-12-31"),), ("fourth quarter results",)),
    PeriodRule("quarter", re.compile(rf"\bQ(?P<q>[1-4])\s*/?\s*{_YR}", re.I), 3, (("Q3 2025 revenue", "2025-09-30"),)),
    PeriodRule("quarter", re.compile(rf"\b{_YR}\s+(?P<ord>first|second|third|fourth)\s+quarter(?![\w-])", re.I), 3,
               (("EPPLEY LIMITED 2023 SECOND QUARTER", "2023-06-30"),), ("2023 second quarter-end dividend",)),
    PeriodRule("year", re.compile(rf"\b(?:full[\s-]year|fiscal\s+year|annual\s+results|financial\s+statements"
                                  rf"\s+bulletin|annual\s+report|year[\s-]end(?:ed)?)\s+(?:results\s+)?{_YR}",
                                  re.I), 12,
               (("Financial Statements Bulletin 2024", "2024-12-31"), ("Full-Year 2025 Results", "2025-12-31"))),
    PeriodRule("year", re.compile(rf"\b{_YR}\s+(?:full[\s-]year|annual)\s+results", re.I), 12,
               (("2024 annual results", "2024-12-31"),)),
    PeriodRule("year", re.compile(rf"\bFY\s?{_YR}\b", re.I), 12, (("FY 2024 results", "2024-12-31"),)),
)
_DATE = (r"(?P<date>(?:\d{1,2}\s+[A-Z][a-z]+,?\s+|[A-Z][a-z]+\.?\s+\d{1,2},?\s+)"
         r"(?P<year>(?:19|20)\d\d))")
# a span ended on a printed date, as an opening sentence states it
SPAN_ENDED_RULES: tuple[PeriodRule, ...] = (
    PeriodRule("half year ended", re.compile(rf"\b(?:six|6)[\s-]+months?\s+(?:period\s+)?ended\s+{_DATE}", re.I), 6,
               (("interim results for the six months ended 30 June 2025", "2025-06-30"),
                ("for the six months ended March 31, 2024", "2024-03-31")),
               ("three months ended 30 June 2025",)),
    PeriodRule("nine months ended", re.compile(rf"\b(?:nine|9)[\s-]+months?\s+(?:period\s+)?ended\s+{_DATE}", re.I),
               9, (("results for the nine months ended September 30, 2025", "2025-09-30"),)),
)
# a quarter's ordinal bound to its end date: the fiscal year is the one in which that date closes that quarter
ORDINAL_QUARTER_ENDED = (
    re.compile(rf"\b(?P<ord>first|second|third|fourth)[\s-]+(?:fiscal\s+)?quarter\s+(?:\w+\s+){{0,3}}?ended\s+"
               rf"{_DATE}", re.I),
    re.compile(rf"\b(?:three|3)[\s-]+months?\s+(?:period\s+)?ended\s+{_DATE}\s*\((?:the\s+)?[“\"'‘]?"
               r"(?P<ord>first|second|third|fourth)\s+quarter", re.I),
)
ORDINAL_QUARTER_EXAMPLES = (  # (text, period end, fiscal year end month)
    ("results for the three-month period ended July 31, 2023 (the “First Quarter”)", date(2023, 7, 31), 4),
    ("for the second quarter of fiscal 2024 ended July 29, 2023", date(2023, 7, 29), 1),
    ("results for the first quarter ended March 31, 2025", date(2025, 3, 31), 12),
)


# a half of a fiscal year that spans two calendar years ('H1 2024-25', 'first half of fiscal 2024/25')
SPLIT_YEAR_HALF = re.compile(r"\b(?:H(?P<h>[12])|(?P<ord>first|second)\s+half)\s+(?:of\s+)?(?:fiscal\s+(?:year\s+)?|"
                             r"FY\s?)?(?P<y1>20\d\d)\s?[-/–]\s?(?P<y2>\d\d)\b", re.I)
SPLIT_YEAR_HALF_EXAMPLES = (  # (text, period end, fiscal year end month)
    ("Second Quarter and First Half 2024-25 Results H1 2024-25 results in line", date(2024, 12, 31), 6),
    ("results for the first half of fiscal 2025/26", date(2025, 9, 30), 3),
    ("H1 2024 results", date(2024, 6, 30), 12),  # one calendar year: no split year
)


def _year_ending_after(end: date, months: int) -> FiscalCalendar | None:
    """The fiscal calendar of a year that ends `months` after a period ending on `end` (None: December, the
    default calendar)."""
    fy_end_month = (snap_to_month_end(end).month + months - 1) % 12 + 1
    return FiscalCalendar(fy_end_month, 0) if fy_end_month != 12 else None


def _split_year_half_calendar(head: str, period_end: date) -> FiscalCalendar | None:
    """'H1 2024-25' in a release of the six months ended December 31, 2024: the first half of a year that ends in
    June 2025. Only a half whose split year holds the period end counts."""
    for m in SPLIT_YEAR_HALF.finditer(head):
        y1, y2 = int(m.group("y1")), int(m.group("y2"))
        if y2 != (y1 + 1) % 100 or not y1 <= period_end.year <= y1 + 1:
            continue
        h = int(m.group("h")) if m.group("h") else (1 if m.group("ord").lower() == "first" else 2)
        return _year_ending_after(period_end, 6 * (2 - h))
    return None


def _ordinal_quarter_calendar(head: str, period_end: date) -> FiscalCalendar | None:
    """'the three-month period ended July 31, 2023 (the “First Quarter”)': a first quarter ending in July means
    a year ending in April. Only a date at the release's period end counts."""
    for rx in ORDINAL_QUARTER_ENDED:
        for m in rx.finditer(head):
            end = parse_date(m.group("date"))
            if end is None or abs((end - period_end).days) > 7:
                continue
            return _year_ending_after(end, 3 * (4 - _ORD[m.group("ord").lower()]))
    return None


# the file name's period, as `company_PERIOD` names it: 2024Q3, 2025H1, 2024FY (calendar periods only; a fiscal
# FY2025Q1 needs the company's year end, which a name does not give)
NAME_RULES: tuple[PeriodRule, ...] = (
    PeriodRule("name quarter", re.compile(rf"_{_YR}Q(?P<q>[1-4])$"), 3,
               (("acme_2024Q3", "2024-09-30"),), ("acme_FY2025Q1",)),
    PeriodRule("name half", re.compile(rf"_{_YR}H(?P<half>[12])$"), 6, (("acme_2025H1", "2025-06-30"),)),
    PeriodRule("name year", re.compile(rf"_{_YR}FY$"), 12, (("acme_2024FY", "2024-12-31"),), ("acme_FY2024",)),
)


def stated_period(text: str, rules: tuple[PeriodRule, ...] = HEADLINE_RULES) -> tuple[date, int] | None:
    """The period the earliest matching rule names in `text` (a headline, a file name), as (end, months)."""
    found = [(m.start(), rule, m) for rule in rules for m in [rule.pattern.search(text)] if m]
    if not found:
        return None
    _, rule, m = min(found, key=lambda f: f[0])
    return rule.end(m), rule.months


# 'Dec. 08, 2022 (GLOBE NEWSWIRE)', 'Feb. 13, 2025 /PRNewswire/', 'October 29, 2025 (NEWMEDIAWIRE)'
_WIRE_DATELINE = re.compile(
    r"((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+(?:19|20)\d\d)\s*"
    r"(?:[-–—/(]+\s*)?(?:/?\s*)(?:PR\s?Newswire|GLOBE\s?NEWSWIRE|Business\s?Wire|NEWMEDIAWIRE|ACCESS\s?(?:WIRE|"
    r"Newswire)|Newsfile|CNW|Marketwired|EQS|Cision|MFN)", re.I)


def dateline(text: str) -> date | None:
    """When the release was published: its front matter's date, else the date of its newswire dateline; None when
    it has neither (a period's end date is never taken for it)."""
    m = re.search(r"^date:\s*\"?((?:19|20)\d\d)-(\d\d)-(\d\d)", text[:3000], re.M)
    if m:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    wire = _WIRE_DATELINE.search(text[:6000])
    return parse_date(wire.group(1)) if wire else None


@dataclass(frozen=True)
class TextRule:
    """A named test of a release's whole text, with examples (texts it finds) and counter-examples a test runs."""

    name: str
    pattern: re.Pattern[str]
    examples: tuple[str, ...]
    not_examples: tuple[str, ...] = ()


# A release whose opening and table headings name no span shorter than a year (no quarter, half, interim, months
# or weeks ended) reports years: its columns headed by bare years ("2019 | 2018", "December 31, | 2019 | 2018")
# are fiscal years, or balances at their ends. Full-year releases and annual-report extracts are such texts; a
# quarterly or half-year release names its span in its headline or over its columns (a sentence further on may
# name a quarter in any release: "review of quarterly financial statements"). Measured: all 9 full-year releases
# of the bundled and wild corpora, no quarterly or half-year one, and 263 of TAT-QA's 278 annual-report contexts.
SUB_ANNUAL = TextRule(
    "names a span shorter than a year",
    re.compile(r"\b(?:quarter(?:ly|s)?|(?:three|six|nine|3|6|9)[\s-]+months?|(?:12|13|16|24|26|39|40)[\s-]+weeks?|"
               r"weeks?\s+ended|half[\s-]+year(?:ly)?|interim|(?:first|second)\s+half|Q[1-4]|[1-4]Q|H[12]|[1-4]Q\d\d|"
               r"(?:six|nine|three)[\s-]+month)\b", re.I),
    ("Three Months Ended June 30,", "second quarter of 2025", "Q2 2025", "2Q25", "interim results", "H1 2025",
     "13 weeks ended July 29, 2023", "first half of the year", "Half-year report", "quarterly dividend"),
    ("Year Ended December 31, | 2019 | 2018", "December 31, | 2019 | 2018", "fiscal 2019 compared to fiscal 2018",
     "the twelve months ended", "2019 annual report", "Headquarters"),
)


def reports_years(loaded: LoadedDocument) -> bool:
    """Whether a release reports only years: its opening (800 characters: a headline and a lead, or an
    annual-report note's table) and its tables' headings name no shorter span (see SUB_ANNUAL)."""
    headings = " ".join(f"{t.title} {' | '.join(t.header)}" for t in loaded.tables)
    return SUB_ANNUAL.pattern.search(f"{loaded.text[:800]} {headings}") is None


def detect(text: str, stem: str, header_dates: list[date], years_only: bool = False) -> ReleaseMeta:
    """Metadata of a release. A period end on or after the release's dateline is an outlook's or the dateline
    itself, and one long before it a comparison's, never the period reported; a release whose text gives no
    plausible period takes its headline's, then its file name's."""
    meta = _detected(text, stem, header_dates)
    named = stated_period(text[:400]) or stated_period(stem, NAME_RULES)  # what the headline or file name states
    # a half or nine months found further on (an interim statement), or a quarter named, is no release of years
    stated_span = meta.months in (6, 9) or (meta.months == 3 and _QTR.search(text[:800]) is not None)
    if years_only and (named is None or named[1] == 12) and not stated_span:
        # a release of years alone (reports_years): its bare-year columns are fiscal years, its period a year
        meta = replace(meta, bare_years=True)
        if meta.period_end is not None and meta.months != 12 and not named:
            cal = FiscalCalendar(snap_to_month_end(meta.period_end).month, 0)
            meta = replace(meta, months=12, calendar=cal, period=period_label(Period(meta.period_end, 12), cal))
    return meta


def _detected(text: str, stem: str, header_dates: list[date]) -> ReleaseMeta:
    published = dateline(text)
    if published:
        header_dates = [d for d in header_dates if d < published]
    meta = _detect(text, stem, header_dates, published)
    body = re.sub(r"^---\n.*?\n---\n", "", text[:8000], flags=re.S)
    headline = stated_period(body[:400])
    if meta.period_end is not None and _plausible(meta.period_end, published):
        if headline and _headline_outweighs(headline, meta.period_end, header_dates):
            end, months = headline
            cal = meta.calendar if months != 12 else (CALENDAR if end.month == 12 else FiscalCalendar(end.month, 0))
            return replace(meta, period_end=end, months=months, calendar=cal,
                           period=period_label(Period(end, months), cal))
        return meta
    candidates = [stated_period(body[:1500]), stated_period(stem, NAME_RULES)]
    stated = next((c for c in candidates if c and _plausible(c[0], published)), None)
    if stated:
        end, months = stated
        period = period_label(Period(end, months))
        return replace(meta, period_end=end, months=months, period=period, calendar=CALENDAR,
                       release_date=meta.release_date or _release_date(text[:12000], end))
    return replace(meta, period_end=None, period="unknown period") if meta.period_end else meta


_YTD_ENDED = re.compile(r"\b(six|nine|6|9)[\s-]+months?\s+(?:period\s+)?ended\s*((?:\S+\s*){1,4})", re.I)


def _year_to_date_calendar(head: str, period_end: date) -> FiscalCalendar | None:
    """The fiscal year a year-to-date span implies: 'nine months ended December 31, 2018' in a release of that
    quarter means a year ending in March, 'six months ended December 31' one ending in June (a span ending at
    the release's period end; December years give the calendar)."""
    for m in _YTD_ENDED.finditer(head):
        end = parse_date(m.group(2).replace("-", " "))
        if end is None or abs((end - period_end).days) > 7:
            continue
        span = 6 if m.group(1).lower() in ("six", "6") else 9
        return _year_ending_after(end, 12 - span)
    return None


def _opening_span(head: str) -> tuple[int, date, int] | None:
    """(where, end, months) of a half year or nine months the release's opening states ('announces its interim
    results for the six months ended 30 June 2025'); None when the opening names no such span."""
    opening = re.sub(r"^---\n.*?\n---\n", "", head, flags=re.S)[:1500]
    offset = head.find(opening[:200]) if opening else 0
    rules = tuple(r for r in HEADLINE_RULES if r.months in (6, 9)) + SPAN_ENDED_RULES
    # 'the three and nine months ended December 31, 2024', 'second quarter and six months ended': a quarter's
    # release that also gives the year to date
    found = [(m.start(), rule, m) for rule in rules for m in rule.pattern.finditer(opening)
             if not re.search(r"\b(?:and|&)\s*$", opening[max(0, m.start() - 6):m.start()], re.I)]
    if not found:
        return None
    at, rule, m = min(found, key=lambda f: f[0])
    return offset + at, rule.end(m), rule.months


def _headline_outweighs(stated: tuple[date, int], chosen: date, header_dates: list[date]) -> bool:
    """The period the headline states ('2024 Full-year Results', 'Reports Third Quarter 2025 Results') against the
    end date the tables gave: the headline wins when the tables print its date more often, or when they print the
    other date only once (a dividend's record date) and the headline names a half or a year (a quarter a headline
    names may be a fiscal one: 'Q1 2025' of a year ending in October)."""
    end, months = stated
    if abs((end - chosen).days) <= 7:
        return False
    printed = header_dates.count(chosen)
    month_end = chosen.day <= 7 or chosen.day >= 24  # a period's end, 52/53-week ones included
    return _count_near(header_dates, end) > printed or (printed <= 1 and (months in (6, 12) or not month_end))


def _count_near(dates: list[date], d: date) -> int:
    return sum(1 for x in dates if abs((x - d).days) <= 7)


def _plausible(period_end: date, published: date | None) -> bool:
    """Results are published after their period ends and within about half a year of it (a period ending more
    than 200 days before the dateline is the comparison period a sentence names)."""
    return published is None or 0 < (published - period_end).days <= 200


def _detect(text: str, stem: str, header_dates: list[date], published: date | None) -> ReleaseMeta:
    head = split_fiscal_years(text[:12000], bare=False)  # 'Q1 FY 2024-25' is Q1 FY2025
    ticker_m = _TICKER.search(text) or _HK_TICKER.search(text)
    ticker = ticker_m.group(1).rstrip(".") if ticker_m else None
    company = _company(head, stem)
    short = _SUFFIX.sub("", company).strip()
    period_end = _period_end(header_dates)
    if period_end is None:
        for ended in re.finditer(r"\b(?:ended|ending)\s+(.{6,24})", head, re.I):
            period_end = parse_date(ended.group(1))
            if period_end and (published is None or period_end < published):
                break
            period_end = None
    q, fy, fiscal_word, months, quarter_at = None, None, False, 3, 0
    matches = list(_QTR.finditer(head))
    # the first calendar quarter the text names that ends on a date the tables print is the release's own
    # (J&J's fourth quarter 2022 ends on January 1, 2023, printed once beside the prior year's date twice)
    named = [d for m in matches for d in set(header_dates) if abs((quarter_end(*_q_fy(m)) - d).days) <= 7]
    if named and (period_end is None or max(named) > period_end):
        period_end = max(named)
    fitting = [m for m in matches if period_end is not None and _fits(m, period_end)]
    for m in fitting + [m for m in matches if m not in fitting]:
        if m.group(1):
            mq, mfiscal, mfy = _ORD[m.group(1).lower()], bool(m.group(2)), int(m.group(3))
        elif m.group(4):
            mq, mfiscal, mfy = _ORD[m.group(6).lower()], True, int(m.group(5))
        else:
            mq, mfiscal, mfy = int(m.group(7)), bool(m.group(8)), int(m.group(9))
        fits_calendar = period_end is None or abs((quarter_end(mq, mfy) - period_end).days) <= 7
        # a quarter named without "fiscal" that does not end on the release's date is another period
        # ("forecasts growth in Q1 2025" in a full-year 2024 release)
        if fits_calendar or mfiscal:
            q, fiscal_word, fy = mq, mfiscal and not fits_calendar, mfy
            quarter_at = m.start()
            break
    # "interim results for the six months ended 30 June 2025" in the opening, and "from Q1 to Q2 2025" further on:
    # the release reports the half the opening states, not the quarter a later sentence names
    opening = _opening_span(head)
    if q is not None and opening and opening[0] < quarter_at and period_end is not None and abs(
            (opening[1] - period_end).days) <= 7:
        q = fy = None
        months = opening[2]
    a = _ANNUAL.search(head[:3000])
    # "Third Quarter ... Operating Results for Fiscal 2023": a quarter named in the headline is no annual release
    quarter_headline = re.search(r"\b(?:first|second|third|fourth)\s+quarter\b|\bQ[1-4]\b", head[:600], re.I)
    if q is None and a and not quarter_headline and not _INTERIM.search(head[:600]):
        months, fy = 12, int(a.group(2) or a.group(3))
        near = [d for d in set(header_dates) if abs((date(fy, 12, 31) - d).days) <= 7]
        if near:  # a calendar year; 52/53-week years end near December 31
            period_end = max(near, key=header_dates.count)
    elif q is None and months == 3 and _INTERIM.search(head[:3000]):
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
        if abs(cal.label_shift) > 1 or (cal.label_shift and a is not None and a.start() > _HEADLINE and (
                e.year in _fiscal_years(head[:3000]) or not (cal.label_shift == -1 and e.month <= 2))):
            # no year is named two years off its end; and where no headline names it ('fiscal 2018' is a
            # comparison further on), a year is named by the year it ends in, as most companies name theirs, unless
            # it ends in January or February (a retailer's fiscal 2024 ends early in 2025)
            cal = FiscalCalendar(e.month, 0)
    elif period_end is not None and q is None:
        # "Results for the quarter and year ended 31st March, 2024": the year the release closes ends in March
        year_end = _YEAR_ENDED.search(head[:3000])
        closing = parse_date(year_end.group(1)) if year_end else None
        if closing and abs((closing - period_end).days) <= 7 and snap_to_month_end(closing).month != 12:
            cal = FiscalCalendar(snap_to_month_end(closing).month, 0)
    if cal == CALENDAR and period_end is not None and months != 12:
        cal = _year_to_date_calendar(head, period_end) or cal
    if cal == CALENDAR and period_end is not None and months == 3 and q is None:
        cal = _ordinal_quarter_calendar(head, period_end) or cal
    if cal == CALENDAR and period_end is not None and months == 6:
        cal = _split_year_half_calendar(head, period_end) or cal
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
    """`<stem>.meta.json` next to the release overrides any detected field (validated by index.sidecar: a bad one
    raises MetaFileError naming the field)."""
    side = read_sidecar(path)
    if side is None:
        return meta
    data = side.fields()
    changes: dict[str, object] = {}
    calendar = meta.calendar
    for key, value in data.items():
        if key == "fiscal_year_end_month":
            calendar = replace(calendar, fy_end_month=value)
        elif key == "fiscal_label_shift":
            calendar = replace(calendar, label_shift=value)
        else:
            changes[key] = value
    meta = replace(meta, calendar=calendar, **changes)  # type: ignore[arg-type]
    if meta.period_end and "period" not in data:
        meta = replace(meta, period=period_label(Period(meta.period_end, meta.months), meta.calendar))
    return meta


def _q_fy(m: re.Match[str]) -> tuple[int, int]:
    if m.group(1):
        return _ORD[m.group(1).lower()], int(m.group(3))
    if m.group(4):
        return _ORD[m.group(6).lower()], int(m.group(5))
    return int(m.group(7)), int(m.group(9))


def _fits(m: re.Match[str], period_end: date) -> bool:
    return abs((quarter_end(*_q_fy(m)) - period_end).days) <= 7


def _company(head: str, stem: str) -> str:
    name = _company_candidates(head, stem)
    if name.isupper():  # "MGM RESORTS INTERNATIONAL": use the text's own mixed-case spelling if it has one
        for m in re.finditer(re.escape(name), head, re.I):
            if not m.group(0).isupper() and m.group(0)[0].isupper():
                return m.group(0)
    return name


def _company_candidates(head: str, stem: str) -> str:
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for m in _LEGAL.finditer(head):
        name = re.sub(r"\s+", " ", m.group(1)).strip()
        name = re.sub(r"^(?:The|THE|About|ABOUT|and|And|of|For|On|By|At|From)\s+", "", name)
        if len(name) < 5:
            continue
        counts[name] += 1
        first.setdefault(name, m.start())
    stem_words = stem.split("_")[0].replace("-", " ").lower().split()
    for name, _n in sorted(counts.items(), key=lambda kv: (-kv[1], first[kv[0]])):
        if stem_words and stem_words[0] in name.lower():
            # a headline's words before the name ('Results Duos Technologies Group, Inc.', 'INTERIM REPORT TO OUR
            # STOCKHOLDERS GraceKennedy Limited') are not the name: it starts at the file name's first word
            m = re.search(rf"(?:^|(?<=[\s-])){re.escape(stem_words[0])}", name, re.I)
            return name[m.start():] if m else name
    if stem_words:  # the company as the release prints it: "Johnson & Johnson", "NVIDIA", "MGM Resorts"
        pattern = r"\W+(?:&\s+)?".join(re.escape(w) for w in stem_words)
        printed = [m.group(0) for m in re.finditer(
            rf"\b{pattern}\b(?:\s+(?:International|Group|Holdings|Corporation|Inc\.|plc))?", head, re.I)]
        capitalised = [p for p in printed if p[0].isupper()]
        if capitalised or printed:
            return (capitalised or printed)[0]
    headline = _HEADLINE_NAME.search(head)
    if headline and stem_words and _abbreviates(stem_words, headline.group(1)):
        return headline.group(1)
    if counts:
        return max(counts, key=lambda k: (counts[k], -first[k]))
    return stem.split("_")[0].replace("-", " ").title()


# a newswire headline's subject: 'Federal Home Loan Bank of Des Moines Announces 2024 Fourth Quarter ...'
_HEADLINE_NAME = re.compile(r"^(?:title:\s*[\"']?)?([A-Z][\w&.,'’ -]{3,80}?)\s+(?:Announces|Reports|Reported|Posts|"
                            r"Declares|Delivers|Releases)\b", re.M)
HEADLINE_NAME_EXAMPLES = (  # (file name's words, headline's subject, the name or None)
    (["fhlb", "des", "moines"], "Federal Home Loan Bank of Des Moines", True),
    (["acme"], "Acme Widgets Corp.", True),
    (["fhlb", "des", "moines"], "Federal Reserve Board", False),  # not the file's company
)


_LINKING = ("of", "the", "and")  # words a name's initials leave out ('Federal Home Loan Bank of Des Moines': FHLB)


def _abbreviates(stem_words: list[str], name: str) -> bool:
    """The file name's words are the name's, its first word maybe the initials of the name's first words
    ('fhlb des moines': Federal Home Loan Bank of Des Moines)."""
    words = re.findall(r"[A-Za-z]+", name.lower())
    rest = [w for w in stem_words[1:] if w not in _LINKING]
    if stem_words[0] in words:
        return all(w in words for w in rest)
    initials = "".join(w[0] for w in words if w not in _LINKING)
    return initials.startswith(stem_words[0]) and all(w in words for w in rest)


def _period_end(header_dates: list[date]) -> date | None:
    """The latest date among those the release's tables are often headed with (a date seen far less often
    than the most common one is a footnote, a dividend date or an outlook, not the period)."""
    if not header_dates:
        return None
    counts = Counter(header_dates)
    top = max(counts.values())
    return max(d for d, n in counts.items() if n >= max(2, top // 2) or n == top)


def _currency(text: str) -> str:
    return reporting_currency(text)


def _scale(text: str) -> int:
    return scale_of(text, first=True) or 1


def _release_date(head: str, period_end: date | None) -> date | None:
    for m in FULL_DATE_RE.finditer(head[:4000]):
        d = to_date(m.group(1), m.group(2), m.group(3))
        if d and period_end and 0 < (d - period_end).days <= 150:
            return d
    return None
