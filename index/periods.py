"""Header text -> periods (end date, months) and fiscal labels ("Q2 2025", "Q1 FY2026", "H1 2025", "FY2024").

Dates are read with python-dateutil; the header grammar (groups such as "Three Months Ended", "13 Weeks Ended",
"As of", bare-year columns under a "June 30," group) is specific to financial statements, so it is written here.
"""

from __future__ import annotations

import calendar
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil import parser as dateparser

from index.readings import remembered
from lexicon.calendar import MONTH, MONTH_PREFIX, NUMBER_WORDS, ORDINALS, WEEK_WORDS, month_number

_MONTH = MONTH
FULL_DATE_RE = re.compile(rf"\b({_MONTH})\.?\s*(\d{{1,2}})\s*,?\s*((?:19|20)\d\d)\b", re.I)
NUMERIC_DATE_RE = re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)\b")  # 3/25/2023 (US order)
DAY_FIRST_RE = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH})\.?,?\s+((?:19|20)\d\d)\b", re.I)  # 30 June 2016
MONTH_DAY_RE = re.compile(rf"\b({_MONTH})\.?\s*(\d{{1,2}})\b(?!\s*,?\s*(?:19|20)\d\d)", re.I)
YEAR_RE = re.compile(r"(?<![\d,.$])\b((?:19|20)\d\d)\b(?![\d,.%])")
QUARTER_LABEL_RE = re.compile(
    r"\b(?:Q([1-4])\s*(?:FY\s?|fiscal\s+)?[/']?\s*((?:19|20)?\d\d)|([1-4])Q\s*(?:FY\s?)?'?((?:19|20)?\d\d))\b", re.I)

GROUP_RE = re.compile(
    r"(?P<months>three|six|nine|twelve|3|6|9|12)[\s-]+months?"
    # '9M 2025', '6M FY 2025', "12M'24": the months written short, right before a year
    r"|(?<![\w.,$])(?P<mshort>3|6|9|12)M(?=\s*(?:FY\s?|')?(?:19|20)?\d\d\b)"
    r"|(?P<weeks>12|13|14|16|17|24|25|26|36|39|40|52|53|twelve|thirteen|fourteen|sixteen|seventeen|"
    r"twenty[\s-]four|twenty[\s-]five|twenty[\s-]six|thirty[\s-]six|thirty[\s-]nine|forty|fifty[\s-]two|"
    r"fifty[\s-]three)[\s-]+weeks?"
    r"|(?P<quarter>(?:first|second|third|fourth)?\s*quarters?\s+(?:period\s+)?ended)"
    r"|(?P<ordq>\b(?:first|second|third|fourth)\s+quarter\b)"
    r"|(?P<year>(?:fiscal\s+)?years?\s+ended|full[\s-]+year|fiscal\s+year)"
    r"|(?P<ytd>year[\s-]+to[\s-]+date|\bytd\b)"
    r"|(?P<ltm>\b(?:LTM|TTM)\b(?=\s+(?:ended|ending|to)\b))"  # 'LTM Ended June 30, 2023': last twelve months
    r"|(?P<asof>\bas\s+(?:of|at)\b)",
    re.I,
)


YTD = -1  # "Year to date": months depend on the fiscal calendar and the column's end


@dataclass(frozen=True, order=True)
class Period:
    end: date
    months: int  # 3, 6, 9, 12 for a flow over that span; 0 for a point in time

    def iso(self) -> str:
        return self.end.isoformat()


@dataclass(frozen=True)
class FiscalCalendar:
    """How a company names its fiscal periods: the month its fiscal year ends in, and how the year is named.

    `label_shift` is the fiscal year's name minus the calendar year in which it ends: 0 for most companies
    (NVIDIA's year ending January 2026 is "fiscal 2026"), -1 for retailers that name a year after the year in
    which it starts (Buckle's year ending February 1, 2025 is "fiscal 2024").
    """

    fy_end_month: int = 12
    label_shift: int = 0

    @property
    def is_calendar(self) -> bool:
        return self.fy_end_month == 12 and self.label_shift == 0


CALENDAR = FiscalCalendar()


def snap_to_month_end(d: date) -> date:
    """52/53-week periods end near a month end; 2023-01-01 belongs to December 2022, 2024-11-02 to October."""
    if d.day <= 7:
        first = d.replace(day=1)
        return first - timedelta(days=1)
    if d.day >= 24:
        return d.replace(day=calendar.monthrange(d.year, d.month)[1])
    return d


def fiscal_year(end: date, cal: FiscalCalendar = CALENDAR) -> int:
    e = snap_to_month_end(end)
    year_end = e.year + (1 if e.month > cal.fy_end_month else 0)
    return year_end + cal.label_shift


def fiscal_quarter(end: date, cal: FiscalCalendar = CALENDAR) -> int:
    e = snap_to_month_end(end)
    months_after_fy_end = (e.month - cal.fy_end_month) % 12 or 12
    return (months_after_fy_end + 2) // 3


def period_label(period: Period, cal: FiscalCalendar = CALENDAR) -> str:
    """'Q2 2025', 'H1 2025', '9M 2025', 'FY2024', 'Q1 FY2026' (fiscal calendars), 'Jun 30, 2025' (a point)."""
    if period.months == 0:
        return f"{period.end:%b} {period.end.day}, {period.end.year}"
    fy = fiscal_year(period.end, cal)
    year = str(fy) if cal.is_calendar else f"FY{fy}"
    q = fiscal_quarter(period.end, cal)
    if period.months == 3:
        return f"Q{q} {year}"
    if period.months == 6:
        return f"H{1 if q <= 2 else 2} {year}"
    if period.months == 9:
        return f"9M {year}"
    if period.months == 12:
        return f"FY{fy}"
    return f"{period.months}M to {period.end.isoformat()}"


def weeks_to_months(weeks: int) -> int:
    if weeks <= 17:
        return 3
    if weeks <= 28:
        return 6
    if weeks <= 41:
        return 9
    return 12


def group_months(m: re.Match[str]) -> int:
    if m.group("months"):
        word = m.group("months").lower()
        return NUMBER_WORDS.get(word) or int(word)
    if m.group("mshort"):
        return int(m.group("mshort"))
    if m.group("weeks"):
        w = m.group("weeks").lower().replace(" ", "-")
        return weeks_to_months(int(w) if w.isdigit() else WEEK_WORDS[w])
    if m.group("quarter") or m.group("ordq"):
        return 3
    if m.group("year") or m.group("ltm"):
        return 12
    if m.group("ytd"):
        return YTD
    return 0


def to_date(month: str, day: str, year: str | int) -> date | None:
    try:
        return dateparser.parse(f"{month[:3]} {day} {year}").date()
    except (ValueError, OverflowError):
        return None


def _numeric_date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def parse_date(text: str) -> date | None:
    text = ordinal_days(text)
    m = FULL_DATE_RE.search(text)
    if m:
        return to_date(m.group(1), m.group(2), m.group(3))
    m = DAY_FIRST_RE.search(text)
    return to_date(m.group(2), m.group(1), m.group(3)) if m else None


def quarter_before(d: date) -> date:
    """The same day three months earlier; a day from the 28th on is the month's last ('2024-12-31' -> '2024-09-30',
    '2025-02-28' -> '2024-11-30')."""
    month, year = d.month - 3, d.year
    if month <= 0:
        month, year = month + 12, year - 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(d.day, last) if d.day < 28 else last)


def quarter_end(q: int, fy: int, cal: FiscalCalendar = CALENDAR) -> date:
    """The (month-end) date at which fiscal quarter q of fiscal year fy ends."""
    end_year = fy - cal.label_shift
    month = cal.fy_end_month - 3 * (4 - q)
    year = end_year
    while month <= 0:
        month += 12
        year -= 1
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class HeaderItem:
    pos: int
    kind: str  # "date", "year", "monthday", "group", "qlabel"
    end: date | None = None
    months: int | None = None
    month_day: tuple[str, str] | None = None
    year: int | None = None
    quarter: int | None = None  # "FIRST QUARTER": which fiscal quarter the bare years below it mean
    fiscal_year: bool = False  # "Year Ended", "Fiscal Year", "Full Year": the bare years are fiscal years


def scan_header(text: str, cal: FiscalCalendar = CALENDAR) -> list[HeaderItem]:
    """Every period-bearing mention in header text, in order of position."""
    return list(_scanned(text, cal))


# remembered as a tuple, each caller given a list of its own
@remembered()
def _scanned(text: str, cal: FiscalCalendar) -> tuple[HeaderItem, ...]:
    items: list[HeaderItem] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in GROUP_RE.finditer(text):
        ordinal = m.group("ordq") or m.group("quarter") or ""
        q = next((n for w, n in ORDINALS.items() if ordinal.lower().startswith(w)), None)
        items.append(HeaderItem(m.start(), "group", months=group_months(m), quarter=q,
                                fiscal_year=bool(m.group("year"))))
        taken.append(m.span())
    for rx, build in ((FULL_DATE_RE, lambda m: to_date(m.group(1), m.group(2), m.group(3))),
                      (NUMERIC_DATE_RE, lambda m: _numeric_date(m.group(3), m.group(1), m.group(2))),
                      (DAY_FIRST_RE, lambda m: to_date(m.group(2), m.group(1), m.group(3)))):
        for m in rx.finditer(text):
            d = build(m)
            if d and free(*m.span()):
                items.append(HeaderItem(m.start(), "date", end=d))
                taken.append(m.span())
    for m in QUARTER_LABEL_RE.finditer(text):
        if not free(*m.span()):
            continue
        q = int(m.group(1) or m.group(3))
        yr = m.group(2) or m.group(4)
        fy = _full_year(yr)
        ttm = re.search(r"(?:TTM|trailing twelve months)\s*$", text[: m.start()], re.I)  # "TTM Q1 2025"
        items.append(HeaderItem(m.start(), "qlabel", end=quarter_end(q, fy, cal), months=12 if ttm else 3))
        taken.append(m.span())
    for m in MONTH_DAY_RE.finditer(text):
        if free(*m.span()):
            items.append(HeaderItem(m.start(), "monthday", month_day=(m.group(1), m.group(2))))
            taken.append(m.span())
    for m in YEAR_RE.finditer(text):
        if re.search(r"(?:\bvs\.?|versus|compared (?:to|with)|\bover|\bfrom)\s*$", text[: m.start()], re.I):
            continue  # "ACTUAL vs. 2022": the base of a comparison, not a column
        if free(*m.span()):
            items.append(HeaderItem(m.start(), "year", year=int(m.group(1))))
            taken.append(m.span())
    items.sort(key=lambda i: i.pos)
    return tuple(items)


def _months_into_year(end: date, cal: FiscalCalendar) -> int:
    """The months of the fiscal year to date ending on `end` (12 at the fiscal year's end)."""
    return ((snap_to_month_end(end).month - cal.fy_end_month) % 12) or 12


def _fill_by_runs(spans: list[int], runs: list[list[int]], n: int) -> list[int]:
    """The span of each of `n` columns, each run of column indices taking its group's span."""
    fill = [0] * n
    for span, run in zip(spans, runs, strict=True):
        for i in run:
            fill[i] = span
    return fill


def groups_from_latest(ends: list[date]) -> list[list[int]]:
    """Column indices split where the latest date is printed again: each span's group of columns starts with the
    latest day it reports ('Quarter Ended | Year Ended' over '31st Mar 2024 | 31st Mar 2023 | 31st Dec 2023 |
    31st Mar 2024 | 31st Mar 2023' -> [[0, 1, 2], [3, 4]]), as no group prints one day twice; [] when the first
    column is not the latest."""
    if not ends or ends[0] != max(ends):
        return []
    starts = [i for i, e in enumerate(ends) if e == ends[0]]
    return [list(range(a, b)) for a, b in zip(starts, [*starts[1:], len(ends)], strict=True)]


def _split_runs(ends: list[date]) -> list[list[int]]:
    """Split column indices into runs where the date order (ascending or descending) holds."""
    runs: list[list[int]] = [[0]] if ends else []
    direction = 0
    for i in range(1, len(ends)):
        step = (ends[i] > ends[i - 1]) - (ends[i] < ends[i - 1])
        if step == 0 or direction == 0 or step == direction:
            runs[-1].append(i)
            if step:
                direction = direction or step
        else:
            runs.append([i])
            direction = 0
    return runs


_MON = MONTH_PREFIX
_SHORT_YEAR = r"[/']?\s?(?P<year>(?:19|20)?\d\d)\b"


@dataclass(frozen=True)
class HeaderRule:
    """A column heading form rewritten into the grammar's own words ('Oct-Dec 2024' -> 'three months ended
    December 31, 2024'), with examples a test runs: (heading, periods as 'end/months' joined by spaces)."""

    name: str
    pattern: re.Pattern[str]
    examples: tuple[tuple[str, str], ...]
    not_examples: tuple[str, ...] = ()


HEADER_RULES: tuple[HeaderRule, ...] = (
    HeaderRule("month range", re.compile(rf"\b(?P<a>{_MON})\s*[-–—]\s*(?P<b>{_MON})"
                                         rf"(?:\s*[/,]?\s*(?P<year>(?:19|20)\d\d)\b)?", re.I),
               (("Oct-Dec 2024 | Oct-Dec 2023", "2024-12-31/3 2023-12-31/3"),
                ("Oct-Dec | Oct-Dec | Jan-Dec | Jan-Dec | 2024 | 2023 | 2024 | 2023",
                 "2024-12-31/3 2023-12-31/3 2024-12-31/12 2023-12-31/12"),
                ("January–September 2025", "2025-09-30/9"))),
    HeaderRule("half", re.compile(rf"\b(?:H(?P<h>[12])|(?P<h2>[12])H|HY)\s?{_SHORT_YEAR}", re.I),
               (("H1 2025 | H1 2024", "2025-06-30/6 2024-06-30/6"), ("1H25 | 1H24", "2025-06-30/6 2024-06-30/6"),
                ("H1/2025", "2025-06-30/6"))),
    HeaderRule("nine months", re.compile(rf"\b9\s?M(?:TD)?\s?{_SHORT_YEAR}", re.I),
               (("9M 2025 | 9M 2024", "2025-09-30/9 2024-09-30/9"),)),
    HeaderRule("year", re.compile(rf"(?<!Q[1-4] )(?<!Q[1-4])\b(?:FY|12\s?M|F(?=\d\d\b))\s?{_SHORT_YEAR}", re.I),
               (("Q4 2024 | Q4 2023 | FY 2024 | FY 2023", "2024-12-31/3 2023-12-31/3 2024-12-31/12 2023-12-31/12"),
                ("12M'24 | 12M'23", "2024-12-31/12 2023-12-31/12"),
                ("F19 | F18 (3)", "2019-12-31/12 2018-12-31/12")),  # Woolworths' own short form
               ("Q1 FY2026",)),
    HeaderRule("ordinal day", re.compile(r"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)\b(?=\s*[A-Za-z])", re.I),
               (("Quarter Ended | Year Ended | 31st Mar 2024 | 31st Dec 2023 | 31st Mar 2024",
                 "2024-03-31/3 2023-12-31/3 2024-03-31/12"),),
               ("1st Quarter",)),
    HeaderRule("two spans", re.compile(r"\b(?P<a>three|six|nine)\s+and\s+(?P<b>six|nine|twelve)\s+months\s+"
                                       r"ended\s+(?P<rest>[^|]*)", re.I),
               (("Three and Twelve Months Ended December 31, 2024 and 2023",
                 "2024-12-31/3 2023-12-31/3 2024-12-31/12 2023-12-31/12"),),
               ("Three Months Ended December 31, 2024 and 2023",)),
    # 'YTD24' beside '4Q24': the year to the day the header's quarter columns end
    HeaderRule("year to date", re.compile(rf"\bYTD\s?{_SHORT_YEAR}", re.I),
               (("4Q24 | 4Q23 | Change | 3Q24 | Change | YTD24 | YTD23 | Change",
                 "2024-12-31/3 2023-12-31/3 2024-09-30/3 2024-12-31/12 2023-12-31/12"),
                ("Q2 2025 | Q2 2024 | YTD 2025 | YTD 2024",
                 "2025-06-30/3 2024-06-30/3 2025-06-30/6 2024-06-30/6")),
               ("YTD24 | YTD23",)),  # no quarter column to date it
    # 'Q2 2023-24': the second quarter of the fiscal year that ends in 2024 (dated by the release's calendar)
    HeaderRule("split year", re.compile(r"\b(?P<p>Q[1-4]|H[12])\s+(?:FY\s?)?(?P<y1>20\d\d)\s?[-/–]\s?(?P<y2>\d\d)\b",
                                        re.I),
               (("Q2 2023-24 | Q2 2024-25", "2024-06-30/3 2025-06-30/3"), ("Q1 FY 2024-25", "2025-03-31/3")),
               ("Q2 2024 | 2023",)),
    # 'First Half' over '2024 | 2023' (Unilever), 'First half 2024', 'Half-year ended 31 December 2024': a half of
    # the fiscal year in words (H1 ends with the second fiscal quarter, H2 with the year)
    HeaderRule("half in words", re.compile(r"\b(?:(?P<which>first|second|1st|2nd)\s+half(?:[\s-]+year)?"
                                           r"(?:\s+(?P<year>(?:19|20)\d\d)\b)?|half[\s-]+year(?=\s+ended\b))", re.I),
               (("First Half | 2024 | 2023", "2024-06-30/6 2023-06-30/6"),
                ("First half 2024 | First half 2023", "2024-06-30/6 2023-06-30/6"),
                ("Second Half 2024", "2024-12-31/6"),
                ("Half-year ended 31 December 2024", "2024-12-31/6")),
               ("Half year 2024", "First Quarter")),
    # a date with its year written short: 'Dec 31, 23' (Gecina), '31-Dec-22' (JMMB), 'Sep-23' (a month's end)
    HeaderRule("short year date", re.compile(
        rf"\b(?:(?P<mon>{_MON})[a-z]*\.?\s+(?P<day>[0-3]?\d),?\s+|(?P<day2>[0-3]?\d)-(?P<mon2>{_MON})[a-z]*\.?-|"
        rf"(?P<mon3>{_MON})[a-z]*\.?\s?[-'’]\s?)['’]?(?P<yy>\d\d)\b(?![\d,.%/])(?!\s*(?:19|20)\d\d)", re.I),
               (("Three Months Ended | Dec 31, 23 | Dec 31, 24", "2023-12-31/3 2024-12-31/3"),
                ("Nine months ended | 31-Dec-22 | 31-Dec-21", "2022-12-31/9 2021-12-31/9"),
                ("Nine months ended | Sep-23 | Sep-22", "2023-09-30/9 2022-09-30/9")),
               ("Three Months Ended December 31, 2024 | 2023", "June 30, 15.2", "Sep 23",
                "As of December 31 December 31 2024")),
    # '2017/2018', '2018/19': a fiscal year named by the two calendar years it spans (METRO's, a UK group's) is the
    # year it ends in; not a range of years ('2020 - 2024') or a date ('30/7/2021')
    HeaderRule("fiscal year of two years", re.compile(
        r"(?<![\d/.-])(?P<y1>(?:19|20)\d\d)\s?(?:/|[-–](?=\d\d\b))\s?(?P<y2>(?:19|20)?\d\d)(?![\d/.])"),
               (("€ million | 2017/2018 | 2018/2019", "2018-12-31/12 2019-12-31/12"),
                ("2018/19 | 2017/18", "2019-12-31/12 2018-12-31/12")),
               ("2020 - 2024", "30/7/2021", "2019/2022")),
    # a year printed letter-spaced ('2 0 1 8', a PDF's tracking) is the year
    HeaderRule("spaced year", re.compile(r"(?<![\d,.])\b([12]) ([09]) (\d) (\d)\b(?![\d,.])"),
               (("Year ended December 31 | 2019 | 2 0 1 8", "2019-12-31/12 2018-12-31/12"),),
               ("1 2 3 4",)),
    # 'As of and for the Year Ended May 31,' (selected financial data): the years ended then; the balances among
    # the rows are at their ends, as in any year's column
    HeaderRule("as of and for", re.compile(r"\bas\s+of\s+and\s+for\s+the\s+(?=(?:fiscal\s+)?years?\s+ended\b)", re.I),
               (("As of and for the Year Ended May 31, | 2019 | 2018", "2019-05-31/12 2018-05-31/12"),),
               ("As of May 31, 2019",)),
)
_QUARTER_COLUMN = re.compile(rf"\b(?:Q(?P<q>[1-4])|(?P<q2>[1-4])Q)\s?{_SHORT_YEAR}", re.I)
_SPAN_WORDS = {3: "three", 6: "six", 9: "nine", 12: "twelve"}
_HYPHENED_QUARTER = re.compile(r"\b(first|second|third|fourth)-(quarter)\b", re.I)


def split_fiscal_years(text: str, *, bare: bool = True) -> str:
    """'Q1 FY 2024-25' -> 'Q1 FY2025': a quarter or a half of a fiscal year named by the two calendar years it spans
    is one of the year it ends in (HEADER_RULES' 'split year'). With bare=False only where 'FY' says it is a fiscal
    year (a column heading 'Q2 2023-24' in a release's text is no headline)."""
    def one(m: re.Match[str]) -> str:
        y1, y2 = int(m.group("y1")), int(m.group("y2"))
        if y2 != (y1 + 1) % 100 or (not bare and not re.search(r"FY", m.group(0), re.I)):
            return m.group(0)
        return f"{m.group('p')} FY{y1 + 1}"
    return HEADER_RULES[7].pattern.sub(one, text)


def _two_year_fiscal(m: re.Match[str]) -> str:
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    return f"FY{y1 + 1}" if y2 in (y1 + 1, (y1 + 1) % 100) else m.group(0)


def normalise_header(header: str, cal: FiscalCalendar = CALENDAR) -> str:
    """Column headings in the forms of HEADER_RULES, rewritten as '<span> months ended <Month> <day>, <year>'."""
    def ended(months: int, end: date | None, month: int, year: str | None) -> str:
        if end is None:
            last = calendar.monthrange(2001, month)[1]
            return f"{_SPAN_WORDS[months]} months ended {calendar.month_name[month]} {last},"
        return f"{_SPAN_WORDS[months]} months ended {calendar.month_name[end.month]} {end.day}, {end.year}"

    def month_range(m: re.Match[str]) -> str:
        a, b = month_number(m.group("a")) or 0, month_number(m.group("b")) or 0
        months = (b - a) % 12 + 1
        if months not in _SPAN_WORDS:
            return m.group(0)
        year = m.group("year")
        end = date(int(year), b, calendar.monthrange(int(year), b)[1]) if year else None
        return ended(months, end, b, year)

    def fiscal(q: int, months: int) -> Callable[[re.Match[str]], str]:
        def build(m: re.Match[str]) -> str:
            y = m.group("year")
            fy = _full_year(y)
            quarter = q if q else (2 if (m.groupdict().get("h") or m.groupdict().get("h2") or "1") == "1" else 4)
            return ended(months, quarter_end(quarter, fy, cal), 0, y)
        return build

    def two_spans(m: re.Match[str]) -> str:
        rest = m.group("rest").strip()
        return f"{m.group('a')} months ended {rest} | {m.group('b')} months ended {rest}"

    def year_to_date(m: re.Match[str]) -> str:
        q = _QUARTER_COLUMN.search(header)
        if not q:
            return m.group(0)
        y = q.group("year")
        end = quarter_end(int(q.group("q") or q.group("q2")), _full_year(y), cal)
        return f"year to date {calendar.month_name[end.month]} {end.day}, {_full_year(m.group('year'))}"

    def half_in_words(m: re.Match[str]) -> str:
        if not m.group("which"):
            return "six months"  # 'Half-year ended 31 December 2024'
        end = quarter_end(2 if m.group("which").lower() in ("first", "1st") else 4,
                          int(m.group("year")) if m.group("year") else 2001, cal)
        return ended(6, end if m.group("year") else None, end.month, m.group("year"))

    def short_year_date(m: re.Match[str]) -> str:
        month = month_number(m.group("mon") or m.group("mon2") or m.group("mon3") or "")
        if not month:
            return m.group(0)
        year = 2000 + int(m.group("yy"))
        day = int(m.group("day") or m.group("day2") or calendar.monthrange(year, month)[1])
        return f"{calendar.month_name[month]} {day}, {year}" if 1 <= day <= 31 else m.group(0)

    header = _HYPHENED_QUARTER.sub(r"\1 \2", header)  # Pfizer's 'Second-Quarter' is a 'Second Quarter'
    header = HEADER_RULES[11].pattern.sub(r"\1\2\3\4", header)
    header = HEADER_RULES[12].pattern.sub("", header)
    header = HEADER_RULES[9].pattern.sub(short_year_date, header)
    header = split_fiscal_years(header)
    header = HEADER_RULES[10].pattern.sub(_two_year_fiscal, header)
    header = HEADER_RULES[8].pattern.sub(half_in_words, header)
    header = HEADER_RULES[5].pattern.sub(two_spans, header)
    header = HEADER_RULES[6].pattern.sub(year_to_date, header)
    header = HEADER_RULES[0].pattern.sub(month_range, header)
    header = HEADER_RULES[1].pattern.sub(fiscal(0, 6), header)
    header = HEADER_RULES[2].pattern.sub(fiscal(3, 9), header)
    header = HEADER_RULES[3].pattern.sub(fiscal(4, 12), header)
    return ordinal_days(header)


_DAY_BEFORE_MONTH = re.compile(rf"\b\d{{1,2}}\s+(?={_MON})", re.I)


def heading_span(heading: str, end: date, cal: FiscalCalendar = CALENDAR) -> int | None:
    """The months of the one span a heading names when it ends on `end` (a release's period end): '1 October - 31
    December 2024' -> 3, 'January-December 2024' or 'Full year 2024' -> 12. None when it names none, several
    ('Fourth quarter and full year 2024'), or another period's."""
    if not heading:
        return None
    items = scan_header(normalise_header(_DAY_BEFORE_MONTH.sub("", heading), cal), cal)
    spans = {it.months for it in items if it.kind in ("group", "qlabel") and it.months}
    if len(spans) != 1 or not spans <= {3, 6, 9, 12}:
        return None
    ends = [it.end for it in items if it.end]
    years = {it.year for it in items if it.kind == "year" and it.year}
    quarters = {it.quarter for it in items if it.quarter}  # 'Third quarter 2024' ends no December
    if any(abs((e - end).days) > 7 for e in ends) or (years and years != {fiscal_year(end, cal)}
                                                      and years != {end.year}) or (
            quarters and quarters != {fiscal_quarter(end, cal)}):
        return None
    return spans.pop()


def ordinal_days(text: str) -> str:
    """'31st Mar 2024' -> '31 Mar 2024' (a day, never 'the first quarter': '1st Quarter' stays)."""
    return HEADER_RULES[4].pattern.sub(
        lambda m: m.group("day") if re.match(rf"\s*{_MON}", text[m.end():], re.I) else m.group(0), text)


def _full_year(year: str) -> int:
    """'2024' -> 2024, '24' -> 2024: a year as headers print it, in full or by its last two digits."""
    return int(year) if len(year) == 4 else 2000 + int(year)


def _falling_runs(years: list[int]) -> list[list[int]]:
    """[2024, 2023, 2024, 2024, 2023] -> [[2024, 2023], [2024], [2024, 2023]]: a year not below the one before
    starts a new run."""
    runs: list[list[int]] = []
    for y in years:
        if runs and y < runs[-1][-1]:
            runs[-1].append(y)
        else:
            runs.append([y])
    return runs


def _full_years_after_quarters(items: list, columns: list[tuple[date, int | None]], years: list[int],
                               cal: FiscalCalendar) -> list[Period]:
    """'Q4/24 | Q4/23 | Q3/24 | 2024 | 2023' or '4Q 2024 | 4Q 2023 | 12 Months 2024 | 12 Months 2023': bare years
    (or twelve months of a year) after quarter columns are the fiscal years, when each has ended by the latest
    quarter the header names (in a third-quarter release '2025' would be the year to date)."""
    if not years or len(set(years)) != len(years) or not all(m for _, m in columns):
        return []
    last_quarter = max(i for i, it in enumerate(items) if it.kind == "qlabel")
    first_year = min(i for i, it in enumerate(items) if it.kind == "year")
    twelve = [i for i, it in enumerate(items) if it.kind == "group" and it.months == 12 and not it.quarter]
    if any(it.kind not in ("qlabel", "year") and i not in twelve for i, it in enumerate(items)) or (
            first_year < last_quarter or any(i < last_quarter for i in twelve)):
        return []
    latest = max(e for e, _ in columns)
    out = [Period(quarter_end(4, y, cal), 12) for y in years]
    return out if all(p.end <= latest for p in out) else []


def _years_under_named_quarters(items: list[HeaderItem], cal: FiscalCalendar) -> list[Period] | None:
    """'Year Ended December 31 | Fourth Quarter | Third Quarter | Fourth Quarter' over '2024 | 2023 | 2024 | 2024 |
    2023': fewer group headings than years, each naming its fiscal quarter or year, the years all after them (a
    flattened header lost which group spans two columns). Each group takes a run of one or more years in turn; the
    split is used when exactly one gives every column another period (here the year group spans 2024 and 2023),
    else None. A date after a group must be the fiscal year's end ('Year Ended December 31')."""
    groups = [it for it in items if it.kind == "group"]
    years = [it.year or 0 for it in items if it.kind == "year"]
    if not 2 <= len(groups) < len(years) or not len(years) % len(groups) or not any(g.quarter for g in groups) \
            or len(years) - len(groups) > 3:  # an even split is the plain reading ('Six Months | 2023 2022 ...')
        return None
    first_year = next(i for i, it in enumerate(items) if it.kind == "year")
    if any(it.kind == "year" for it in items[:first_year]) or any(it.kind != "year" for it in items[first_year:]):
        return None
    for i, it in enumerate(items[:first_year]):
        if it.kind == "group":
            continue
        if it.kind != "monthday" or i == 0 or items[i - 1].kind != "group" or not items[i - 1].fiscal_year:
            return None
        md = to_date(it.month_day[0], it.month_day[1], 2001) if it.month_day else None
        if md is None or md.month != cal.fy_end_month:
            return None
    spans = []
    for g in groups:
        q = g.quarter or (4 if g.fiscal_year else None)
        if q is None or g.months not in (3, 6, 9, 12):
            return None
        spans.append((q, g.months))
    fits = []
    for cuts in itertools.combinations(range(1, len(years)), len(groups) - 1):
        bounds = (0, *cuts, len(years))
        periods = [Period(quarter_end(q, y, cal), months)
                   for (q, months), a, b in zip(spans, bounds, bounds[1:], strict=False) for y in years[a:b]]
        if len(set(periods)) == len(periods):
            fits.append(periods)
    return fits[0] if len(fits) == 1 else None


def _groups_over_dates(spans: list[int], date_groups: list[list[int]], ends: list[date],
                       cal: FiscalCalendar) -> list[list[int]] | None:
    """'Three Months Ended | Year Ended' over 'December 31, | September 30, | December 31,' over '2024 | 2023 |
    2024 | 2024 | 2023': fewer spans than dates, and which dates a span covers the flattened header no longer says.
    Each span takes a run of one or more dates in turn; a split is kept when every column of a span of six, nine or
    twelve months ends where the fiscal calendar ends such a span (a year on 'September 30' is no year in a December
    year) and no two columns get one period. The columns of each span when exactly one split is kept, else None."""
    fits = []
    for cuts in itertools.combinations(range(1, len(date_groups)), len(spans) - 1):
        bounds = (0, *cuts, len(date_groups))
        runs = [[i for g in date_groups[a:b] for i in g] for a, b in zip(bounds, bounds[1:], strict=False)]
        periods = [(ends[i], m) for m, run in zip(spans, runs, strict=True) for i in run]
        if len(set(periods)) == len(periods) and all(
                m in (0, 3, YTD) or _ends_fiscal_span(e, m, cal) for e, m in periods):
            fits.append(runs)
    return fits[0] if len(fits) == 1 else None


def _ends_fiscal_span(end: date, months: int, cal: FiscalCalendar) -> bool:
    """A span of `months` from the start of a fiscal year can end on `end` (within a week: 52/53-week years)."""
    if months not in (6, 9, 12):
        return False
    target = (cal.fy_end_month + months) % 12 or 12
    return snap_to_month_end(end).month == target


def header_periods(
    header: str, *, point_in_time: bool = False, default_months: int | None = None,
    cal: FiscalCalendar = CALENDAR, bare_years: bool = False, release_quarter: int | None = None,
) -> list[Period] | None:
    """The column periods a table header names, left to right; None when it names none or is ambiguous.
    `release_quarter`: the fiscal quarter the release reports, which dates a year-to-date span over bare years
    ('SIX MONTHS | 2023 2022' in a second-quarter release ends where the second quarter ends)."""
    items = scan_header(normalise_header(header, cal), cal)
    named = _years_under_named_quarters(items, cal)
    if named:
        return named
    columns: list[tuple[date, int | None]] = []  # (end, months if the column itself says)
    last_md: tuple[str, str] | None = None
    pending_years: list[int] = []
    groups: list[int] = []
    md_queue: list[tuple[str, str]] = []
    date_groups: list[list[int]] = []  # the columns under each 'December 31,' when falling years were split
    k = 0
    while k < len(items):
        it = items[k]
        k += 1
        if it.kind == "year" and len(md_queue) > 1:
            run = [it]
            while k < len(items) and items[k].kind == "year":
                run.append(items[k])
                k += 1
            if len(run) == len(md_queue):  # "April 27, | April 28," over "2025 | 2024": pair them
                for md, y in zip(md_queue, run, strict=True):
                    d = to_date(md[0], md[1], y.year or 0)
                    if d:
                        columns.append((d, None))
                md_queue = []
                continue
            if len(run) % len(md_queue):
                # 'Three Months Ended December 31, | 3 Months Ended September 30,' over '2024 | 2023 | 2024': each
                # date heads one run of falling years (2024 2023 | 2024); when the runs do not match the dates,
                # which year goes under which date the header does not say
                runs = _falling_runs([y.year or 0 for y in run])
                if len(runs) != len(md_queue) or len(md_queue) > 3:  # a five-quarter trend with a lost date
                    return None
                for md, years in zip(md_queue, runs, strict=True):
                    dated = [d for d in (to_date(md[0], md[1], y) for y in years) if d]
                    date_groups.append(list(range(len(columns), len(columns) + len(dated))))
                    columns.extend((d, None) for d in dated)
                md_queue = []
                continue
            for y in run:
                d = to_date(md_queue[-1][0], md_queue[-1][1], y.year or 0)
                if d:
                    columns.append((d, None))
            continue
        if it.kind == "year":
            md_queue = []
        if it.kind == "group":
            groups.append(it.months or 0)
        elif it.kind == "monthday":
            last_md = it.month_day
            md_queue.append(it.month_day)
            if pending_years:  # years printed before their "June 30," (rare): date them now
                for y in pending_years:
                    d = to_date(last_md[0], last_md[1], y)
                    if d:
                        columns.append((d, None))
                pending_years = []
        elif it.kind == "date" and it.end:
            columns.append((it.end, None))
            md_queue = []
            last_md = (it.end.strftime("%b"), str(it.end.day))  # "June 30, 2024 | 2025": 2025 is June 30 too
        elif it.kind == "qlabel" and it.end:
            columns.append((it.end, it.months))
        elif it.kind == "year" and it.year:
            if last_md is None:
                pending_years.append(it.year)
                continue
            d = to_date(last_md[0], last_md[1], it.year)
            if d:
                columns.append((d, None))
    if not columns and pending_years and not groups and bare_years and len(set(pending_years)) == len(pending_years):
        # "2019 | 2018" alone, where the document says bare years are fiscal years (or balances at their end)
        return [Period(quarter_end(4, y, cal), 0 if point_in_time else 12) for y in pending_years]
    if not columns and pending_years and groups:
        # "FIRST QUARTER | 2023 2022" or "TWELVE MONTHS | 2022 2021": the fiscal calendar dates the years
        # only where the heading names the fiscal quarter or the fiscal year itself; "12 Weeks Ended" over
        # bare years says nothing about the end date
        group_items = [it for it in items if it.kind == "group"]
        if bare_years and all(g.months == 0 and not g.quarter for g in group_items) and len(
                set(pending_years)) == len(pending_years):
            # 'As of | 2019 | 2018' in an annual report: the balances at the fiscal years' ends
            return [Period(quarter_end(4, y, cal), 0) for y in pending_years]
        ordinal = next((g.quarter for g in group_items if g.quarter), None)
        if len(pending_years) % len(group_items):
            return None
        per_group = len(pending_years) // len(group_items)
        out: list[Period] = []
        for gi, g in enumerate(group_items):
            span = g.months or 0
            q = g.quarter or ({6: 2, 9: 3, 12: 4}.get(span) if ordinal or g.fiscal_year or (
                release_quarter and span == 3 * release_quarter) else None)
            if q is None or span not in (3, 6, 9, 12):
                return None
            out.extend(Period(quarter_end(q, y, cal), span)
                       for y in pending_years[gi * per_group:(gi + 1) * per_group])
        # 'Second-Quarter Six Months' over '2023 2022 2023 2022' with one span read: four columns of two periods
        # say which group each year belongs to no longer; no guess
        return out if len(set(out)) == len(out) else None
    if not columns:
        return None
    years_after = _full_years_after_quarters(items, columns, pending_years, cal)
    if years_after:
        return [Period(e, m or 0) for e, m in columns] + years_after
    n = len(columns)
    ends = [c[0] for c in columns]
    months: list[int | None] = [c[1] for c in columns]
    if all(m is not None for m in months):
        return [Period(e, m or 0) for e, m in zip(ends, months, strict=True)]
    flow_groups = [g for g in groups]
    if not flow_groups:
        if point_in_time:
            fill = [0] * n
        elif default_months is not None:
            fill = [default_months] * n
        else:
            return None
    elif len(set(flow_groups)) == 1:
        fill = [flow_groups[0]] * n
    elif len(flow_groups) == n:
        fill = flow_groups
    else:
        runs = _split_runs(ends)
        split = _groups_over_dates(flow_groups, date_groups, ends, cal) if len(date_groups) > len(flow_groups) \
            and sum(map(len, date_groups)) == n else None
        if split:
            runs = split
        if len(runs) == len(flow_groups):
            fill = _fill_by_runs(flow_groups, runs, n)
        elif n % len(flow_groups) == 0:
            size = n // len(flow_groups)
            fill = [flow_groups[i // size] for i in range(n)]
        elif len(latest := groups_from_latest(ends)) == len(flow_groups) and all(
                g in (0, 3) or all(_months_into_year(ends[i], cal) == g for i in run)
                for g, run in zip(flow_groups, latest, strict=True)):
            # (a span longer than a quarter only where the fiscal calendar ends one: a year to date)
            fill = _fill_by_runs(flow_groups, latest, n)
        else:
            return None
    out = []
    for e, m, f in zip(ends, months, fill, strict=True):
        span = m if m is not None else f
        if span == YTD:
            span = _months_into_year(e, cal)
        out.append(Period(e, span))
    return out
