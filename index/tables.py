"""Raw table -> facts: header periods x rows, with row repair for the layouts real releases have.

Rows whose value count differs from the column count are placed only when the release's own arithmetic (the
stated RMB/US$ rate, six months = the two quarters) says where each value goes; otherwise the cells are dropped.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from index.blocks import RawRow, RawTable
from index.equity import TITLE as EQUITY_TITLE
from index.equity import equity_facts, is_equity_statement
from index.facts import Fact, Unit
from index.headings import segment_heading
from index.metadata import ReleaseMeta
from index.metrics import ITEM_MARKER, canonical_metric
from index.numbers import (
    CURRENCY_MARKS,
    FOOTNOTE_MARK,
    bracketed_scale,
    counts_scaled,
    currency_code,
    parse_number,
    printed_step,
    scale_of,
    scales_named,
)
from index.periods import (
    GROUP_RE,
    YTD,
    FiscalCalendar,
    Period,
    fiscal_quarter,
    fiscal_year,
    header_periods,
    month_number,
    period_label,
    quarter_before,
    quarter_end,
)
from index.reconciliations import basis_blocks, reconciliation_layout
from index.text_tables import is_prose
from lexicon.calendar import MONTH
from lexicon.units import row_measure

_POINT_IN_TIME = re.compile(r"balance sheets?|financial position|statements? of condition|as of|as at|"
                            r"total assets|total liabilities|period[- ]end data|end of (?:the )?period data", re.I)
_CURRENCY_TOKEN = re.compile(r"(?<![A-Za-z])(RMB|US\\?\$|USD|HK\$|EUR|€)(?![A-Za-z])")
_PER_SHARE = re.compile(r"per (ordinary |common |diluted |basic )?(share|ads)|\beps\b|per share|"
                        r"per (?:trust |stock |ordinary |diluted |basic )?units?\b|per (?:certificate|cbfi)s?\b", re.I)
_SHARES = re.compile(r"shares used|weighted[- ]average|shares outstanding|number of (ordinary )?shares|"
                     r"share count|diluted shares|basic shares|number of (?:share|stock) units", re.I)
# a row that counts the shares a per-share figure is worked out on, though it names the figure
_SHARES_USED = re.compile(r"\b(?:number of|weighted[- ]average)\b.*\b(?:shares|ADSs?|units)\b.*"
                          r"\b(?:used|outstanding)\b|\bshares used in\b", re.I)
_UNSCALED_SHARES = re.compile(r"except (for )?(share|number of shares)|except share", re.I)
_SHARE_SCALE = re.compile(r"shares in (thousands|millions)", re.I)
_ROW_SHARE_SCALE = re.compile(r"\(\s*(?:in\s+)?(['’]?000['’]?s?|thousands?|millions?)(?:\s+of\s+units|\s+shares)?\s*\)",
                              re.I)
_FORWARD_LOOKING = re.compile(r"\b(outlook|guidance|forecasts?|projected|expectations?)\b", re.I)
_HEADING_WORDS = 20  # a title part longer than this is a paragraph above the table, not its heading


def is_outlook(table: RawTable) -> bool:
    """A guidance table: its header or one of its headings speaks of outlook, guidance or a forecast. A paragraph
    that happens to sit above the table (the safe-harbour text before a balance sheet: "...current expectations
    that may differ...") is no heading."""
    headings = [p for p in table.title.split(" / ") if len(p.split()) <= _HEADING_WORDS]
    # a heading inside the table counts too ('Key Indicator | Period | Prior Outlook | Updated Outlook' over the
    # rows, its header lost to the prose above)
    inside = {r.section for r in table.rows if r.section and len(r.section.split()) <= _HEADING_WORDS}
    return bool(_FORWARD_LOOKING.search(" ".join([*headings, *table.header, *inside])))
CHANGE_COLUMN = re.compile(r"∆|%\s*change|%\s*var\b|change|variance|growth|\byoy\b|\bqoq\b|Q/Q|Y/Y|difference|"
                          r"increase\s*/?\s*\(?decrease\)?|\binc\.?\s*/\s*\(?dec\.?\)?", re.I)


_WORDS = re.compile(r"[A-Za-z]{3,}")
_AMOUNT_SECTION = re.compile(r"\b(?:shares|units)\b|\bratio\b|%", re.I)
_END_OF_PERIOD = re.compile(r"\bend of (?:the )?period\b|\bperiod[- ]end\b", re.I)
_AMOUNT_LOOK = re.compile(r"[$€£¥₹]|\d,\d{3}|\d{4,}")
_NOTE_HEADING = re.compile(r"(?:^|[\s|/])notes?(?:$|[\s|/])", re.I)
_NOTE_REF = re.compile(r"^\d{1,2},?$")
# a footnote under a table read as a row: its marker '(2)' taken for a value, its text for a label ('RLDC Margin is
# calculated as Total Revenue...', 'Includes costs associated with ...')
_SENTENCE = re.compile(r"\b(?:is|are|was|were|represents?|includes?|calculated|defined|means|refers?)\b", re.I)


@dataclass(frozen=True)
class Column:
    period: Period
    currency: str | None
    header: str  # as printed, for the locator


def table_scale(text: str) -> int | None:
    """The scale a table's own caption or header states, or None when it states none (a caption wrapped over
    title lines, '($ / thousands)', is read as one)."""
    return scale_of(text.replace(" / ", " "))


# a column heading that ends with its currency and states no scale: 'DCL June 30, 2023 Unaudited US$', '2024 €'
_CURRENCY_LAST = re.compile(rf"(?<![\w$]){CURRENCY_MARKS}\s*$|(?<![\w$])\$\s*$")


def _last_header_cells(header: tuple[str, ...]) -> list[str]:
    """The headings of the header's last line, the one right over the figures ('Q4 2024 | Q3 2024 | QoQ')."""
    return [h.strip() for h in header[-1].split(" | ") if h.strip()] if header else []


def own_scale(table: RawTable) -> int | None:
    """The scale the table itself states: in its title or header, or in a caption that went into its first rows'
    section ('(In millions of dollars except per share data)' above the year row); or, where none states one,
    units when every column heading ends with its currency ('June 30, 2023 Unaudited US$ | December 31, 2022
    Audited US$': a statement printed to the dollar)."""
    stated = table_scale(f"{table.title} {' '.join(table.header)} {_caption_section(table)}") or next(
        (sc for line in table.title.split(" / ") if (sc := scale_of(line))), None)  # a caption line 'Crore'
    if stated or not table.header:
        return stated
    heads = _last_header_cells(table.header)
    return 1 if len(heads) >= 2 and all(_CURRENCY_LAST.search(h) for h in heads) else None


def _caption_section(table: RawTable) -> str:
    """The first rows' section when it is a caption of one scale ('$ in billions; wallets in millions' names two
    and is no caption of the table's amounts)."""
    first = next((r.section for r in table.rows if r.section), "")
    return first if len(set(scales_named(first))) == 1 else ""


# a change column names the periods it compares ('% Change 2019 vs 2018', 'Variance Vs 4Q23', 'Change from
# Q3 2024'): the periods it names are no columns of values; the header reads 'change' there
_CHANGE_SPAN = re.compile(
    r"(?:(?:%|percent(?:age)?)\s*)?(?:change|inc(?:rease)?\s*\(dec(?:rease)?\))?\s*"
    r"(?:19|20)\d\d\s+(?:vs\.?|versus|to|over|compared\s+(?:to|with))\s+(?:19|20)\d\d"
    r"|(?:(?:%|percent(?:age)?)\s*)?\b(?:variance|change|growth|var\.)\s+(?:vs\.?|versus|over|from|compared\s+"
    r"(?:to|with))\s+[^|]*"
    r"|\b(?:change|growth|variance)\b\s*(?:%|in\s*%)?\s*[^|–—]*?\d\s*[–—]\s*[^|]*",
    re.I)
CHANGE_SPAN_EXAMPLES = (
    ("2019 | % Change 2019 vs 2018 | 2018", "2019 |  change  | 2018"),
    ("4Q24 | 4Q23 | Variance Vs 4Q23 | 3Q24", "4Q24 | 4Q23 |  change | 3Q24"),
    ("Q3 2025 | Change from Q3 2024 | Q2 2025", "Q3 2025 |  change | Q2 2025"),
    ("Q3 2025 | Q3 2024 | Change", "Q3 2025 | Q3 2024 | Change"),  # a bare change heading names no period
    ("Q4/24 | Q4/23 | Change % Q4/24–Q4/23 | Q3/24", "Q4/24 | Q4/23 |  change | Q3/24"),  # Stora Enso
)


# a row that names a flow over a span, never a balance at a day
_FLOW_ROW = re.compile(r"\b(?:income|revenues?|sales|expenses?|costs?|profits?|loss(?:es)?|earnings|ebitda|ebit|paid|"
                       r"received|proceeds|payments?|purchases?|provisions?|margins?|depreciation|amorti[sz]ation|"
                       r"dividends?|impairments?|gains?|flows?|additions|disposals|repayments?|issuance|"
                       r"distributions?|interest|taxes|tax|charges?|fees?|spend(?:ing)?|capex|bookings|orders|average|"
                       r"return)\b", re.I)
_CASH_FLOWS = re.compile(r"\bcash\s+flows?\b|\boperating\s+activities\b", re.I)
_FLOW_STATEMENT = re.compile(r"statements?\s+of\s+(?:consolidated\s+)?(?:operations|income|earnings|"
                             r"comprehensive\s+(?:income|loss)|(?:profit|loss)|cash\s+flows?)|income\s+statements?",
                             re.I)


_SPAN_WORDS = re.compile(r"\b(?:months?|quarters?|weeks?|years?|fiscal|FY)\b", re.I)


_YEAR_ENDED = re.compile(r"\byears?\s+ended\b", re.I)
# a heading over bare-year columns that names the fiscal year as their span (and no quarter)
_FULL_YEAR_HEADING = re.compile(r"^(?!.*\b(?:quarter|Q[1-4]|three|six|nine|half|H[12])\b)"
                                r".*(?:\bFY\s?'?(?:19|20)?\d\d\b|\bfull[- ]year\b|\bfiscal year\b|"
                                r"\btwelve months ended\b|\byears? ended\b)", re.I)
_BARE_YEARS = re.compile(r"[^|\d]*(?:\|\s*(?:19|20)\d\d\s*)+\|?\s*|\s*(?:19|20)\d\d(?:\s*\|\s*(?:19|20)\d\d)+\s*")
_CHANGE_HEAD = re.compile(r"\|\s*(?:YoY|Y/Y|%\s*change|change|var\.?|%)\s*$", re.I)
_TRAILING = re.compile(r"\btwelve\b|\b12\s*months\b|\btrailing\b|\bltm\b|\bttm\b|\brolling\b", re.I)


_PERIOD_END_HEADING = re.compile(r"^\W*(?:at|as at|as of) (?:the )?(?:period|year|quarter)[- ]end\W*$", re.I)


def _years_in_a_row(header: str, meta: ReleaseMeta) -> bool:
    """Three years or more in a row, latest first, the latest the release's own, in a release at its fiscal year's
    end ('2024 | 2023 | 2022' in Farmers & Merchants' fourth-quarter 'Selected Consolidated Financial Data'): years,
    not quarters, which a release compares over two years."""
    years = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", header)]
    return (len(years) >= 3 and all(a - b == 1 for a, b in zip(years, years[1:], strict=False))
            and meta.period_end is not None and years[0] == meta.period_end.year
            and _ends_fiscal_year(meta.period_end, meta.calendar))


def _ends_fiscal_year(end: date, cal: FiscalCalendar) -> bool:
    """Whether a date closes a fiscal year of the calendar (a 52/53-week year may close a few days after)."""
    return end.month == cal.fy_end_month or (end.day <= 7 and (end.month - 2) % 12 + 1 == cal.fy_end_month)


# a span printed on its own line above the column dates, which went into the table's title: 'Nine Months Ended',
# 'Three months ended', 'SIX MONTHS ENDED 30 JUNE 2022' (its date is the first column's, not a column)
_SPAN_HEADING = re.compile(
    r"\s*(?:for\s+the\s+)?(?P<span>(?:three|six|nine|twelve|3|6|9|12)\s+months|(?:12|13|16|24|26|36|39|52|53|twelve|"
    r"thirteen|sixteen|twenty[\s-]four|twenty[\s-]six|thirty[\s-]six|thirty[\s-]nine|fifty[\s-]two|fifty[\s-]three)"
    r"\s+weeks|(?:fiscal\s+)?years?|quarters?)\s+(?:ended|ending)"
    r"(?:\s+(?:\d{1,2}(?:st|nd|rd|th)?\s+)?[A-Za-z]{3,9}\.?(?:\s+\d{1,2},?)?(?:\s+(?:19|20)\d\d)?)?\s*"
    r"(?:\((?:un)?audited\))?\s*", re.I)


SPAN_HEADING_EXAMPLES = (  # (the title's last line, the span it gives the dated columns below)
    ("Nine Months Ended", "Nine Months ended"),
    ("Three months ended September 30 (Unaudited)", "Three months ended"),
    ("SIX MONTHS ENDED 30 JUNE 2022 / (Unaudited)", "SIX MONTHS ended"),
    ("Year ended", "Year ended"),
    ("Nine Months Ended Cash Flows", ""),  # more than a span: a caption
    ("Three months ended Sales rose", ""),
    ("(In thousands)", ""),
)


def span_heading(table: RawTable) -> str:
    """The span group a table's last title line names on its own ('Nine Months Ended'), to head its dated
    columns; '' when its last title line is anything else (a caption, a sentence, a month that is no month)."""
    parts = [p.strip() for p in table.title.split(" / ")] if table.title else []
    while parts and re.fullmatch(r"\([^()]*\)", parts[-1]):
        parts.pop()  # '(Unaudited)', '(In thousands)' printed under the span
    last = parts[-1] if parts else ""
    m = _SPAN_HEADING.fullmatch(last)
    if not m:
        return ""
    rest = last[m.end("span"):]
    months = re.findall(r"[A-Za-z]{3,9}", rest)
    if any(w.lower() not in ("ended", "ending", "unaudited", "audited") and not month_number(w) for w in months):
        return ""
    return m.group("span") + " ended"


def _one_day_of_year(header: str) -> bool:
    """The header dates two columns or more, all on one day of the year (within a week: 52/53-week years)."""
    ends = [p.end for p in header_periods(header, point_in_time=True) or []]
    if len(ends) < 2:
        return False
    first = ends[0]
    return all(abs((e.replace(year=first.year) - first).days) <= 7 for e in ends if not (e.month == 2 and e.day == 29))


# a header's first line that is the statement's own span, the rest of its title ('QUARTER ENDED JUNE 30 2024' of
# 'RESULTS FOR THE QUARTER ENDED JUNE 30, 2024' over 'Quarter ended | Year ended' and four dates)
_TITLE_SPAN = re.compile(_SPAN_HEADING.pattern + r"\s+[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+(?:19|20)\d\d\s*", re.I)


# ... or a title that names the table's period ('Financial Highlights for Q1 Fiscal 2024' over "Q1 FY'24 | Q1 FY'23 |
# $ Change | % Change")
_TITLE_FOR_PERIOD = re.compile(r"[A-Z][A-Za-z&,\s-]{3,60}?\s+for\s+(?:the\s+)?(?:Q[1-4]|H[12]|first|second|third|"
                               r"fourth|fiscal|FY|full|three|six|nine|twelve|quarter|year)\b[\w\s,'’-]*")


# ... or a comparison's title over the column heads, on one line or two ('First Quarter, 2023' / 'vs. 2022' over
# 'Three Months Ended | March 31 | 2023 2022 2023 2022')
_COMPARISON_TITLE = re.compile(r"(?:(?:first|second|third|fourth)\s+quarter|Q[1-4]|(?:first|second)\s+half|H[12]|"
                               r"full[- ]year|fiscal(?:\s+year)?|year)\s*,?\s+(?:19|20)\d\d\s+"
                               r"(?:vs\.?|versus|compared\s+(?:to|with))\s+(?:19|20)\d\d", re.I)
COMPARISON_TITLE_EXAMPLES = (  # (header lines, how many of them are the title)
    (("First Quarter, 2023", "vs. 2022", "Three Months Ended", "March 31", "2023 2022 2023 2022"), 2),
    (("Second Quarter 2023 vs. 2022", "Three Months Ended", "June 30", "2023 2022"), 1),
    (("Three Months Ended", "March 31", "2023 2022"), 0),
    (("2023 | vs. 2022",), 0),
)


def comparison_title_lines(header: tuple[str, ...]) -> int:
    """How many of the header's first lines are a comparison's title (COMPARISON_TITLE_EXAMPLES); 0 when none,
    or when nothing would be left to head the columns."""
    for n in (1, 2):
        if len(header) > n + 1 and _COMPARISON_TITLE.fullmatch(" ".join(h.strip() for h in header[:n])):
            return n
    return 0


# a heading row that gives each year's length in weeks, and nothing else ('53 WEEKS | 52 WEEKS')
_YEAR_LENGTHS = re.compile(r"(?:\s*\|?\s*5[23]\s+weeks?)+\s*\|?\s*", re.I)


# a heading row of nothing but '%' marks, one over each column ('2019 | 2018' over '% | %'): the unit, no column
PERCENT_MARKS = re.compile(r"\s*%(?:\s*\|\s*%)*\s*")


def columns_for(table: RawTable, meta: ReleaseMeta) -> list[Column] | None:
    if (over := _over_other_columns(table.header, meta)) is not None:
        return columns_for(replace(table, header=table.header[:over] + table.header[over + 1:]), meta)
    if (marks := [h for h in table.header if PERCENT_MARKS.fullmatch(h)]) and len(marks) < len(table.header):
        return columns_for(replace(table, header=tuple(h for h in table.header if h not in marks)), meta)
    if (titled := comparison_title_lines(table.header)):
        return columns_for(replace(table, header=table.header[titled:]), meta)
    if len(table.header) >= 2 and _TITLE_FOR_PERIOD.fullmatch(table.header[0].strip()):
        return _columns_for(replace(table, header=table.header[1:]), meta)  # the title's period heads no column
    cols = _columns_for(table, meta)
    if cols is None and len(table.header) >= 3 and _TITLE_SPAN.fullmatch(table.header[0]):
        cols = _columns_for(replace(table, header=table.header[1:]), meta)  # the statement's own span, then dates
    lengths = [h for h in table.header if _YEAR_LENGTHS.fullmatch(h)]
    if cols is None and lengths and len(lengths) < len(table.header):
        # '2019 | 2018' over '53 WEEKS | 52 WEEKS': the years' lengths, no span of their own
        cols = _columns_for(replace(table, header=tuple(h for h in table.header if h not in lengths)), meta)
    return cols


def _over_other_columns(header: tuple[str, ...], meta: ReleaseMeta) -> int | None:
    """The header line that heads other columns than the periods it names: it names only periods that the line
    below it names again, among more ('Q2 FY'24 % Change', printed over the constant-currency columns at the
    right, above 'Q2 FY'24 | Q2 FY'23 | $ Change | % Change'). Read in order with the line below, it would put
    the prior quarter over the change in dollars."""
    if len(header) < 2:
        return None
    lines = [header_periods(h, cal=meta.calendar) or [] for h in header]  # each line read once
    for i, (above, below) in enumerate(itertools.pairwise(lines)):
        if above and len(below) > len(above) and not Counter(above) - Counter(below):
            return i
    return None


def _columns_for(table: RawTable, meta: ReleaseMeta) -> list[Column] | None:
    header = _CHANGE_SPAN.sub(" change ", " | ".join(table.header))
    span = span_heading(table)
    if span and not _SPAN_WORDS.search(header) and _one_day_of_year(header):
        # 'Nine Months Ended' on its own line above 'September 27, 2025 | September 28, 2024'; not above 'July 31,
        # 2023 | July 31, 2022 | April 30, 2023', whose last column (the audited year) spans something else
        header = f"{span} | {header}"
    labels = " ".join(r.label for r in table.rows[:40])
    point = bool(_POINT_IN_TIME.search(table.title + " " + labels)) and not re.search(
        r"months|quarter|weeks|year ended", header, re.I)
    # in an annual report (bare_years) a column dated without a span ("April 26, 2019") is the fiscal year
    # ending then, or the balance at that date
    quarter = fiscal_quarter(meta.period_end, meta.calendar) if meta.period_end and meta.months in (3, 6, 9) else None
    periods = header_periods(header, point_in_time=point, cal=meta.calendar, bare_years=meta.bare_years,
                             default_months=12 if meta.bare_years else None, release_quarter=quarter)
    if meta.bare_years and periods and not _SPAN_WORDS.search(header) and not all(
            p.months != 12 or _ends_fiscal_year(p.end, meta.calendar) for p in periods):
        return None  # 'June 30, 2024' beside 'December 31, 2024' in a calendar year's release is no year: unsaid
    if not periods and not point and meta.months == 12 and _FLOW_STATEMENT.search(table.title):
        # an annual release's statement of operations dated 'Dec. 31, 2024 | Dec. 31, 2023': the fiscal years
        # ending then, when every date is a fiscal year's end
        years = header_periods(header, cal=meta.calendar, default_months=12)
        if years and all(p.end.month == meta.calendar.fy_end_month and p.end.day >= 28 for p in years):
            periods = years
    if not periods and not point and meta.months in (3, 6, 9) and meta.period_end and not _SPAN_WORDS.search(
            header) and _CASH_FLOWS.search(f"{table.title} {labels} {' '.join(r.section for r in table.rows[:40])}"):
        # an interim release's cash flows dated 'June 30, 2022 | June 30, 2021': the years to date ending then, as
        # interim cash-flow statements are, when every date is the release's day of the year
        ytd = header_periods(header, cal=meta.calendar, default_months=YTD)
        if ytd and len(ytd) >= 2 and all(abs((p.end.replace(year=meta.period_end.year) - meta.period_end).days) <= 7
                                         for p in ytd if not (p.end.month == 2 and p.end.day == 29)):
            periods = ytd
    if not periods and not point and not _SPAN_WORDS.search(header) and not any(
            _FLOW_ROW.search(r.label) for r in table.rows if r.values):
        # 'June 30, 2023 | December 31, 2023 | June 30, 2024' with no span over them, over rows that name no flow
        # (Capgemini's net debt): dates on different days of the year compare balances
        balances = header_periods(header, point_in_time=True, cal=meta.calendar)
        if balances and len({(p.end.month, p.end.day) for p in balances}) >= 2 and len(set(balances)) == len(balances):
            periods = balances
    if not periods and meta.period_end and _widths_match_days(table, header) and (
            dated := _yearless_dated(header, table.title, meta.period_end)):
        periods = header_periods(dated, point_in_time=point, cal=meta.calendar, release_quarter=quarter)
    if not periods and not point and meta.months == 3 and quarter == 1 and not _SPAN_WORDS.search(header):
        # a first quarter's release: a day with no span over it ('March 31 | 2025 | 2024' over 'Return on average
        # assets') is the quarter ending that day, which is also the year to date, when every date is the
        # release's day of the year
        days = header_periods(header, point_in_time=True, cal=meta.calendar)
        if days and len(days) >= 2 and all(abs((p.end.replace(year=meta.period_end.year) - meta.period_end).days)
                                           <= 7 for p in days if not (p.end.month == 2 and p.end.day == 29)):
            periods = [Period(p.end, 3) for p in days]
    in_a_row = _years_in_a_row(header, meta)
    if not periods and (not point or in_a_row) and not _SPAN_WORDS.search(header) and (
            _BARE_YEARS.fullmatch(_CHANGE_HEAD.sub("", header))) and (in_a_row or _FULL_YEAR_HEADING.search(
            " / ".join(p for p in table.title.split(" / ")[-2:] if len(p.split()) <= _HEADING_WORDS))):
        # '2024 | 2023 | YoY' under 'FY24 financial and business update' or 'For the twelve months ended', or
        # '2024 | 2023 | 2022' in a release at its fiscal year's end: the fiscal years ending in those years
        periods = header_periods(header, cal=meta.calendar, bare_years=True)
    if not periods:
        return None
    if _YEAR_ENDED.search(header) and not _TRAILING.search(header) and any(
            p.months == 12 and not _ends_fiscal_year(p.end, meta.calendar) for p in periods):
        # 'Year Ended 31st Dec 2023' in a March-year company's release: a quarter's column the header misnames
        # (Mahindra's converted statement); which span it holds is unsaid, so the table gives nothing
        return None
    currencies = [currency_code(m.group(1).replace("\\", "")) for m in _CURRENCY_TOKEN.finditer(header)]
    per_col: list[str | None]
    if len(currencies) == len(periods):
        per_col = list(currencies)
    else:
        per_col = [meta.currency] * len(periods)
    cols = [Column(p, c, _column_header(p, c)) for p, c in zip(periods, per_col, strict=True)]
    return _repair_translation_columns(cols, table, meta)


def without_difference_columns(table: RawTable, periods: int) -> RawTable:
    """A change column the header does not name ('FOR THE 13 WEEKS ENDED DECEMBER 29, 2024 AND DECEMBER 31, 2023'
    over '$ 1,191.1 | $ 1,232.2 | $ (41.1) | (3.3) %'), told by arithmetic: after each pair of period columns, a
    column that equals the first minus the second, to the last printed digit, in at least four rows of five. Such
    columns are taken out; any other extra column (a sum, 'GAAP | Adjustments | Non-GAAP', a yield) stays, and
    the table is refused as before."""
    rows = [r for r in table.rows if r.values]
    blocks = periods // 2
    if periods % 2 or not rows:
        return table
    width = periods + blocks

    def amounts(row: RawRow) -> list[int] | None:  # positions of the row's non-percent values, if all parse
        parsed = [parse_number(v) for v in row.values]
        if any(p is None for p in parsed):
            return None
        return [i for i, (v, p) in enumerate(zip(row.values, parsed, strict=True)) if p and not p.percent
                and "%" not in v]

    full = [(r, pos) for r in rows for pos in [amounts(r)] if pos is not None and len(pos) == width]
    if len(full) < 2 or len(full) < 0.5 * len(rows):
        return table

    def is_difference(row: RawRow, pos: list[int], b: int) -> bool:
        # the amount of change, or the change in percent of the earlier figure ('6,665 | 6,226 | 7.1')
        a_, b_, c_ = (row.values[pos[3 * b + k]] for k in range(3))
        a, b2, c = (parse_number(x).value for x in (a_, b_, c_))  # type: ignore[union-attr]
        step = printed_step(c_)
        return abs(c - (a - b2)) <= step or (b2 != 0 and abs(c - 100 * (a - b2) / abs(b2)) <= step)

    if not all(sum(1 for r, pos in full if is_difference(r, pos, b)) >= 0.8 * len(full) for b in range(blocks)):
        return table
    drop = {id(r): {pos[3 * b + 2] for b in range(blocks)} for r, pos in full}
    if blocks == 1:
        # a row that goes on past the change with rates of it ('$ 1,191.1 | $ 1,232.2 | $ (41.1) | (3.3) % | (3.1) %',
        # Kelly's '% Change | CC % Change' unnamed) or prints a rate without '%' ('949.6 | 994.0 | (44.4) | (4.5)'):
        # its first two figures are the periods' when the third is their difference
        for r in rows:
            if id(r) not in drop and len(r.values) > width and (pos := _first_three(r)) and is_difference(r, pos, 0):
                drop[id(r)] = set(range(2, len(r.values)))
    return replace(table, rows=tuple(replace(r, values=tuple(v for i, v in enumerate(r.values) if i not in drop[id(r)]))
                                     if id(r) in drop else r for r in table.rows))


def _first_three(row: RawRow) -> list[int] | None:
    """[0, 1, 2] when the row's first three values are amounts (no rate, no dash), else None."""
    parsed = [parse_number(v) for v in row.values[:3]]
    if any(p is None or p.percent or p.dash or "%" in v for p, v in zip(parsed, row.values[:3], strict=True)):
        return None
    return [0, 1, 2]


def without_share_columns(table: RawTable) -> RawTable:
    """Percent-of-total columns beside each amount ('Amount | Percent to Sales' in 'Sales to customers $ 25,530
    100.0 $ 24,020 100.0 6.3'), told by arithmetic: the first row that prints 100 after an amount is the base,
    and in at least four rows of five the cell after each amount is that amount as a percent of the base's
    amount, to the printed digit. Such cells are no periods' figures: they are taken out of every row that
    prints them (a row that leaves its change out keeps the same places). Tables without such a base stay as
    they are."""
    rows = [r for r in table.rows if r.values]
    parsed_rows = [[parse_number(v) for v in r.values] for r in rows]
    base_at = next((k for k, ps in enumerate(parsed_rows) if len(ps) >= 3 and all(ps) and any(
        i and ps[i].value == 100 and not ps[i - 1].percent for i in range(len(ps)))), None)  # type: ignore[union-attr]
    if base_at is None:
        return table
    base = parsed_rows[base_at]
    width = len(base)
    shares = [i for i in range(1, width) if base[i].value == 100 and base[i - 1].value]  # type: ignore[union-attr]

    def fits(ps: list, raws: tuple[str, ...]) -> bool:
        return all(ps[i] is not None and ps[i - 1] is not None and abs(
            ps[i].value - 100 * ps[i - 1].value / base[i - 1].value) <= printed_step(raws[i])  # type: ignore[union-attr]
            for i in shares)

    full = [(r, ps) for r, ps in zip(rows, parsed_rows, strict=True) if len(ps) in (width, width - 1)
            and shares[-1] < len(ps)]
    drop = {id(r) for r, ps in full if fits(ps, r.values)}
    if len(full) < 3 or len(drop) < 0.8 * len(full):
        return table
    return replace(table, rows=tuple(
        replace(r, values=tuple(v for i, v in enumerate(r.values) if i not in shares)) if id(r) in drop else r
        for r in table.rows))


# the basis a header names for all its columns, before their currency and scale ('Adjusted £m | 2025 2024'); not
# 'Sep. 30 2024 (Retrospectively Adjusted)' or 'Reconciliation of Adjusted Net Profit'
_HEADER_BASIS = re.compile(r"\b(adjusted|underlying)\s*\(?\s*(?:US\$|[£$€¥]|(?-i:[A-Z]{3})\b)\s*"
                           r"(?:m|bn|k|millions?|billions?|'000)?\s*\)?(?=\s*(?:\||$|(?:19|20)\d\d))", re.I)


# a title that gives every row of its table a basis: 'Non-GAAP* Financial Results (unaudited)' beside 'GAAP Financial
# Results', 'Adjusted Results'; not a table of one adjusted measure ('Adjusted EBITDA') or a reconciliation
_TITLE_BASIS = re.compile(r"^\W*(non-gaap|adjusted|underlying)\W*\s+(?:financial\s+)?(?:results|information|summary|"
                          r"highlights|basis|income statements?|statements? of (?:income|operations))\b", re.I)
TITLE_BASIS_EXAMPLES = (  # (title, basis)
    ("Non-GAAP* Financial Results (unaudited)", "Non-GAAP"), ("Adjusted Results", "Adjusted"),
    ("GAAP Financial Results (unaudited)", ""), ("Adjusted EBITDA", ""),
    ("Reconciliation of GAAP to Non-GAAP Financial Results", ""),
    # a heading further up is no title of this table ('Non-GAAP Measures / ... / STATEMENTS OF INCOME')
    ("Non-GAAP Financial Results / NVIDIA CORPORATION / CONDENSED CONSOLIDATED STATEMENTS OF INCOME", ""),
)


def title_basis(title: str) -> str:
    """The basis a table's own title gives all its rows (see TITLE_BASIS_EXAMPLES), '' for none."""
    m = _TITLE_BASIS.match(title.split(" / ")[-1])  # the heading right above the table, not one further up
    if not m:
        return ""
    word = m.group(1).lower()
    return "Non-GAAP" if word == "non-gaap" else word.capitalize()


# a table that says its columns are the company's parts (not 'Low | High' of a range, not 'GAAP | Adjusted')
_SEGMENT_TABLE = re.compile(r"\bsegments?\b|\bbusiness(?:es| units?)?\b|\bdivisions?\b|\boperating units?\b", re.I)
# the last column of a segment matrix that holds the company's own figure
_TOTAL_COLUMN = re.compile(r"^(?:(?:total|consolidated|group)(?: company| group| consolidated)?|company total)$", re.I)


# a column of a segment matrix that is no part of the company: what stands between the parts and the total
_NOT_A_PART = re.compile(r"\b(?:adjustments?|eliminations?|unallocated|inter-?segment|consolidation)\b|reconcil", re.I)
# a column of a statement of equity, a fair value hierarchy, a maturity split, a reconciliation or a range: a
# component or a basis, not a part of the company
_COMPONENT_COLUMN = re.compile(r"\b(?:capital|shares?|earnings|reserves?|paid[- ]in|comprehensive|stock|surplus|"
                               r"deficit|amount|non-?controlling|interests?|level|(?:non-?)?current|(?:non-?)?gaap|"
                               r"reported|adjusted|low|high)\b", re.I)


def parts_and_total(names: tuple[str, ...]) -> bool:
    """Columns that name the company's parts and, last, its total, though the table never says 'segment'
    ('EFT Processing | epay | Money Transfer | Corporate Services | Consolidated'): two names or more that read as
    parts' names, none a component ('Share Capital | Retained Earnings | Total', 'Level 1 | Level 2 | Total')."""
    return (len(names) >= 3 and bool(_TOTAL_COLUMN.match(names[-1]))
            and not any(_COMPONENT_COLUMN.search(n) for n in names)
            and sum(1 for n in names[:-1] if segment_heading(n, table_words=True) and not _NOT_A_PART.search(n)) >= 2)


def _loose_totals(parts: list[str | None], width: int) -> tuple[list[str | None], set[int], int]:
    """A matrix of parts told by its names alone, not by a title that says 'segment': its total may be defined
    otherwise than the statements' line of the same name (a segment note's 'Net interest income' beside the income
    statement's), so the total columns give no figure read as the company's, unless a row prints the total alone in
    its block of `width` (earnings per share). Returns (parts with the totals None, the total columns, width)."""
    totals = {i for i, p in enumerate(parts) if p == ""}
    return [None if p == "" else p for p in parts], totals, width


def _alone_in_block(values: tuple[str, ...], at: int, width: int, columns: int) -> bool:
    """The row prints a figure in column `at` and none in the other columns of its block of `width` (values laid
    out one per column, blanks as '')."""
    if len(values) != columns or not width:
        return False
    start = at - at % width
    return all(not values[i].strip() for i in range(start, start + width) if i != at)


def company_as_total(names: tuple[str, ...], meta: ReleaseMeta) -> tuple[str, ...]:
    """A last column named by the company itself ('HVAC | Refrigeration | Eliminations and Other | Carrier', 'Total
    AMD') is its total."""
    def squash(text: str) -> str:
        return re.sub(r"[^a-z0-9]", "", text.lower())

    if len(names) < 3:
        return names
    last = re.sub(r"^\s*total\s+", "", names[-1], flags=re.I).strip()
    # the name as printed, or its first words ('Carrier' of 'Carrier Global Corporation')
    own = [n for n in (meta.short_name, meta.company) if n]
    said = bool(squash(last)) and squash(last) == squash(meta.ticker or "") or any(
        len(squash(last)) >= 3 and (squash(n) == squash(last) or n.lower().startswith(f"{last.lower()} ")) for n in own)
    return (*names[:-1], "Total") if said else names


def segment_columns(col: Column, names: tuple[str, ...]) -> tuple[list[Column], list[str | None]]:
    """One period over columns named by the company's parts ('Nine months ended June 30, 2022' over 'Consumer &
    SME Banking | Payment Services | ... | Total'): a column per name, each adding '<name> segment' to its rows'
    section so that a part's figure never reads as the company's; the last column, when it is the total, is the
    company's figure. A name that is not a part's name ('Other reconcilingitems', a subtotal) gives no facts."""
    cols: list[Column] = []
    parts: list[str | None] = []
    for i, name in enumerate(names):
        cols.append(Column(col.period, col.currency, f"{col.header} {name}"))
        if _TOTAL_COLUMN.match(name):
            parts.append("" if i == len(names) - 1 else None)
        else:
            parts.append(f"{name} segment" if segment_heading(name, table_words=True) else None)
    return cols, parts


# what a measure column of a period x measure matrix holds, by its name: a price or value per share is never
# scaled, a count of shares or units is no amount, a rate is a percentage; None: the row's own unit
_MEASURE_UNITS: tuple[tuple[re.Pattern[str], Unit], ...] = (
    (re.compile(r"\(in years\)|\buseful lives?\b", re.I), Unit.OTHER),
    (re.compile(r"%|\bper\s?cent|\brates?\b|\bmargins?\b|\byields?\b", re.I), Unit.PERCENT),
    (re.compile(r"\bprice\b|\bper\s+share\b|\bgrant[- ]date\s+fair\s+value\b|\bexercise\b", re.I), Unit.PER_SHARE),
    (re.compile(r"\bnumber\s+of\s+shares\b|^\s*(?:number\s+of\s+)?(?:shares|options|units|rsus|psus)\b", re.I),
     Unit.SHARES),
    (re.compile(r"\bnumber\b|\bcount\b", re.I), Unit.COUNT),
    (re.compile(r"\bamount\b|\bvalue\b|\bcost\b|\bbalance\b", re.I), Unit.CURRENCY),
)


def measure_matrix(cols: list[Column], names: tuple[str, ...]
                   ) -> tuple[list[Column], list[str], list[Unit | None]] | None:
    """Periods over the same measures each ('2019 | 2018' over 'Number of Shares | Weighted Average Grant Date Fair
    Value | Number of Shares | Weighted Average Grant Date Fair Value'): a column per period and measure, in
    reading order, the measure's name as the rows' section (the row 'Shares granted' under 'Number of Shares') and
    its unit where the name says it. None unless the names are one block of two or more repeated once per period."""
    k = len(dict.fromkeys(names))
    if k < 2 or len(cols) < 2 or len(names) != k * len(cols) or names != names[:k] * len(cols):
        return None
    block = names[:k]
    units = [next((u for rx, u in _MEASURE_UNITS if rx.search(n)), None) for n in block]
    out = [Column(c.period, c.currency, f"{c.header} {n}") for c in cols for n in block]
    return out, list(block) * len(cols), units * len(cols)


# a column named by a category, not a period ('Current | 0 to 30 days past due | Total', 'Level 1 | Level 2 |
# Total', 'Less than 1 Year | 1-3 Years'): what stops a name being one (a year, a quarter, a fiscal year, a date)
_PERIOD_NAME = re.compile(
    rf"(?:19|20)\d\d|\bQ[1-4]\b|\b[1-4]Q\b|\bFY|\b(?:{MONTH})\.?\s+\d|\b(?:months?|weeks?|quarters?)\s+ended\b", re.I)
CATEGORY_EXAMPLES = (  # (column names, whether they are categories under one period)
    (("Current", "0 to 30 days past due", "31 to 60 days past due", "Total"), True),
    (("Level 1", "Level 2", "Level 3", "Total"), True),
    (("Less than 1 Year", "1-3 Years", "3-5 Years", "After 5 Years"), True),
    (("Accounts Receivable, Gross", "Allowance for Losses", "Accounts Receivable, Net"), True),
    (("2019", "2018"), False),
    (("Q4 2024", "Q4 2023"), False),
    (("Three months ended June 30", "Six months ended June 30"), False),
    (("Revenue",), False),
    (("Low", "High"), False),  # a range (an outlook's), not categories of what was reported
    (("Minimum", "Maximum"), False),
    # the steps of a reconciliation, not categories ('As Reported | Less Hedging Effect | Less FX Effect')
    (("As Reported", "Less Hedging Effect", "Less FX Effect", "Constant Currency Revenues"), False),
)
_STEP_NAME = re.compile(r"^(?:less|plus|add|deduct)\b(?!\s+than)|\b(?:effects?|excluding|hedging|fx)\b", re.I)
# a table of changes between periods ('Comparison from the Quarter Ended ... to ...', '% Change'): its columns
# of categories hold rates of change, dated nowhere the columns say
_CHANGES_TABLE = re.compile(r"\bcomparison\s+(?:from|of|to)\b|%\s*change|\bchange\s+from\b|\bgrowth\s+rates?\b",
                            re.I)
_RANGE_END = re.compile(r"^(?:low|high|min(?:imum)?|max(?:imum)?|mid-?point)(?:\s+end)?$", re.I)


# a fiscal year's quarters named by their order ('First | Second | Third | Fourth', 'First Quarter', 'Q1', '1st')
_QUARTER_NAME = re.compile(r"^(?:(first|1st|q1)|(second|2nd|q2)|(third|3rd|q3)|(fourth|4th|q4))(?:\s+quarter)?$", re.I)
QUARTER_NAME_EXAMPLES = (  # (a column's name, the quarter it names)
    ("First", 1), ("Second Quarter", 2), ("Q3", 3), ("4th quarter", 4), ("Fourth", 4),
    ("Quarterly", None), ("First half", None), ("Total", None),
)


def quarter_number(name: str) -> int | None:
    m = _QUARTER_NAME.match(name.strip())
    return next(i for i, g in enumerate(m.groups(), start=1) if g) if m else None


def quarter_columns(col: Column, names: tuple[str, ...], cal: FiscalCalendar
                    ) -> tuple[list[Column], list[str], list[Unit | None]] | None:
    """A fiscal year over its quarters named by their order ('2019' over 'First | Second | Third | Fourth', with
    or without a 'Total' last): a column per quarter of that year, and the total the year's own. None unless the
    one period is a fiscal year and every name but a last total names a quarter, each once."""
    qs = [quarter_number(n) for n in names]
    total = bool(names) and bool(_TOTAL_COLUMN.match(names[-1]))
    named = qs[:-1] if total else qs
    if col.period.months != 12 or len(named) < 2 or None in named or len(set(named)) != len(named):
        return None
    fy = fiscal_year(col.period.end, cal)
    cols = [Column(p := Period(quarter_end(q, fy, cal), 3), col.currency, _column_header(p, col.currency))
            for q in named if q is not None]
    if total:
        cols.append(col)
    return cols, [""] * len(cols), [None] * len(cols)


def category_names(names: tuple[str, ...]) -> bool:
    """Two names or more, each a category rather than a period (see CATEGORY_EXAMPLES)."""
    return len(names) >= 2 and all(n.strip() and not _PERIOD_NAME.search(n) and not _RANGE_END.match(n.strip())
                                   and not _STEP_NAME.search(n) for n in names)


def categories_carried_on(tables: list[RawTable]) -> list[RawTable]:
    """A table of categories split at a period's row ('December 31, 2019' rows, then 'December 31, 2018' rows,
    under 'Gross | Allowance | Net'): the part after the split, from the same place, dated by a heading of its
    own and as wide, takes the categories' names."""
    out: list[RawTable] = []
    for t in tables:
        before = out[-1] if out else None
        if (before is not None and not t.column_names and t.where == before.where and len(t.header) == 1
                and category_names(before.column_names) and _PERIOD_NAME.search(t.header[0])
                and "|" not in t.header[0]
                and any(r.values for r in t.rows) and _full_width(t) == len(before.column_names)):
            t = replace(t, column_names=before.column_names)
        out.append(t)
    return out


def category_columns(col: Column, names: tuple[str, ...]) -> tuple[list[Column], list[str], list[Unit | None]]:
    """One period over columns named by categories ('30 June 2019' over 'Current | 0 to 30 days past due | ... |
    Total', or an annual report's table dated nowhere): a column per name, the name as its rows' section, so that
    "the gross carrying amount of current receivables" is the row 'Gross carrying amount' under 'Current'; a last
    column named as the total (or a first one) is the rows' own figure; a name that says its unit ('Fair Value
    Amount', 'External valuation %') gives it."""
    cols = [Column(col.period, col.currency, f"{col.header} {n}") for n in names]
    totals = [i for i, n in enumerate(names) if _TOTAL_COLUMN.match(n)]
    # the one total column, last or first ('Total | Less than 1 Year | 1-3 Years'), is the rows' own figure
    parts = ["" if totals == [i] and i in (0, len(names) - 1) else n for i, n in enumerate(names)]
    units = [next((u for rx, u in _MEASURE_UNITS if rx.search(n)), None) for n in names]
    return cols, parts, units


_PER_SHARE_CELL = re.compile(r"^[$€£¥₹]?\s*\(?-?[$€£¥₹]?\s*\d{1,2}\.\d{2,3}\)?$")


def per_share_pairs(table: RawTable, periods: int) -> tuple[str, str] | None:
    """An amount and its effect per share under each period ('GAAP net income / earnings per share | $ 1,511 |
    $ 0.92 | $ 1,243 | $ 0.75', a non-GAAP reconciliation of net income and EPS): the names of the pair, so each
    period is a measure matrix of the row's amount and an amount per share. Told by the cells: the rows print two
    values a period, every second one small with cents ('0.92', '(0.04)') or a dash, and the table names a per-share
    figure (its title, header, a heading or a row)."""
    words = " ".join([table.title, *table.header, *(f"{r.label} {r.section}" for r in table.rows)])
    if periods < 1 or not _PER_SHARE.search(words):
        return None
    full = [r.values for r in table.rows if len(r.values) == 2 * periods]
    if len(full) < 3 or len(full) < 0.6 * len([r for r in table.rows if r.values]):
        return None
    amounts = 0
    for values in full:
        for amount, per_share in zip(values[::2], values[1::2], strict=True):
            p = parse_number(per_share)
            if p is None or p.percent or not (p.dash or _PER_SHARE_CELL.match(per_share.strip())):
                return None
            a = parse_number(amount)
            amounts += a is not None and not a.dash and not _PER_SHARE_CELL.match(amount.strip())
    return ("", "Per share") if amounts >= len(full) else None


def per_share_block(table: RawTable, cols: list[Column]) -> list[Unit | None] | None:
    """Each period printed twice, its amounts first and then, in the column that repeats it, the same rows per
    share ('(in millions, except per share amounts) 2023 2022 2023 2022' over '$ 569 | $ 475 | $ 0.27 | $ 0.22',
    a reconciliation of earnings and EPS): the unit of each column (per share for the repeats), or None. Told by
    the cells: every repeat column prints amounts with cents or dashes, the others print larger amounts, and the
    table names a per-share figure."""
    seen: set[Period] = set()
    repeats: list[int] = []
    for i, c in enumerate(cols):
        if c.period in seen:
            repeats.append(i)
        seen.add(c.period)
    words = " ".join([table.title, *table.header, *(f"{r.label} {r.section}" for r in table.rows)])
    if not repeats or len(repeats) * 2 != len(cols) or not _PER_SHARE.search(words):
        return None
    full = [r.values for r in table.rows if len(r.values) == len(cols)]
    if len(full) < 3:
        return None
    amounts = 0
    for values in full:
        for i, v in enumerate(values):
            p = parse_number(v)
            if p is None or p.percent:
                return None
            cents = p.dash or bool(_PER_SHARE_CELL.match(v.strip()))
            if i in repeats and not cents:
                return None
            amounts += i not in repeats and not cents
    return [Unit.PER_SHARE if i in repeats else None for i in range(len(cols))] if amounts >= len(full) else None


def _pair_label(side: int):  # noqa: ANN202 (a label function)
    """The name of one side of a per-share pair: 'Non-GAAP net income / earnings per share' -> 'Non-GAAP net
    income' for the amount (side 0); the per-share side keeps the whole name, whose second half alone would lose
    its qualifier ('earnings per share' of GAAP and of non-GAAP alike), and adds 'per share' where it names none."""
    def label(text: str) -> str:
        halves = text.split(" / ")
        if side == 0:
            return halves[0].strip() if len(halves) == 2 else text
        # a row that names no per-share figure says so on its per-share side ('Amortization, per share'), so the
        # amount and its effect per share are two rows to ask for, not one
        return text if _PER_SHARE.search(text) else f"{text}, per share"
    return label


def grouped_columns(table: RawTable, meta: ReleaseMeta
                    ) -> tuple[list[Column], list[str | None], list[Unit | None]] | None:
    """Measures each over the same periods ('Revenues | | Income (loss) from vessel operations |' over '2019 | 2018
    | 2019 | 2018'): the periods of one group, read as any header, then a column per measure and period, the
    measure's name as the rows' section. None unless the names come in groups of equal size whose periods repeat."""
    names = table.column_names
    block = list(dict.fromkeys(names))
    k, n = len(block), len(names)
    if k < 2 or n % k or n == k or list(names) != [b for b in block for _ in range(n // k)] or not table.header:
        return None
    m = n // k
    cells = [c.strip() for c in table.header[-1].split("|")]
    periods = [c for c in cells if _PERIOD_CELL.search(c)]
    if len(periods) != n or periods != periods[:m] * k:
        return None
    # the words beside the periods stay ('Three months ended December 31, ($ thousands) | 2024 | 2023 | ...')
    words = [c for c in cells if c and not _PERIOD_CELL.search(c)]
    one = replace(table, header=(*table.header[:-1], " | ".join([*words, *periods[:m]])))
    cols = columns_for(one, meta)
    if not cols or len(cols) != m:
        return None
    units = [next((u for rx, u in _MEASURE_UNITS if rx.search(b)), None) for b in block]
    out = [Column(c.period, c.currency, f"{c.header} {b}") for b in block for c in cols]
    if _TOTAL_COLUMN.match(block[-1]):
        # the company's parts and its total ('Reservoir & Production Solutions | Seismic Solutions | Consolidated'
        # over '2024 | 2023' each): a part's rows under '<name> segment', the total's the company's own
        _, named = segment_columns(cols[0], tuple(block))
        return out, [p for p in named for _ in cols], [None] * len(out)
    return out, [b for b in block for _ in cols], [u for u in units for _ in cols]


_PERIOD_CELL = re.compile(r"(?:19|20)\d\d|\bQ[1-4]\b|\b[1-4]Q\b|\bFY", re.I)


def _column_header(p: Period, currency: str | None) -> str:
    span = {0: "As of", 3: "Three Months Ended", 6: "Six Months Ended", 9: "Nine Months Ended",
            12: "Twelve Months Ended"}.get(p.months, f"{p.months} Months Ended")
    return f"{span} {p.end:%b} {p.end.day}, {p.end.year}" + (f" {currency}" if currency else "")


def _repair_translation_columns(cols: list[Column], table: RawTable, meta: ReleaseMeta) -> list[Column]:
    """A US$ convenience column always sits beside a local-currency column of the same period. When the header
    lists a US$ column without its local twin and the rows carry one value more than the header has columns
    (Kingsoft Cloud's six-month 2025 RMB column), put the missing column back."""
    widest = max((len(r.values) for r in table.rows), default=0)
    if widest != len(cols) + 1:
        return cols
    local = meta.currency
    out = list(cols)
    for c in cols:
        if c.currency == "USD" and local != "USD":
            twin = any(o.period == c.period and o.currency == local for o in cols)
            if not twin:
                out.insert(out.index(c), Column(c.period, local, _column_header(c.period, local)))
                break
    return out if len(out) == widest else cols


_STOCK = re.compile(r"^total assets$|^total liabilities|^(?:segment |current |non-?current |operating )+"
                    r"(?:assets|liabilities)$|total (stockholders|shareholders)['’] equity|^total equity$|"
                    r"(?:book value|equity) per (?:common )?share|^(?:tangible )?book value$|^allowance for|"
                    r"^net debt(?![a-z])(?!\s+(?:proceeds|repayments?|issuance|issued|payments?|borrowings?|"
                    r"\(repayments?\)))|"
                    r"^tangible (common )?equity$|^total deposits$|^total loans|equity to (total )?assets|"
                    r"\bat (?:the )?(?:period|year|quarter)[- ]end\b|\bEOP\b|\(end of period\)|"
                    r"employees|headcount", re.I)
_TTM = re.compile(r"\bTTM\b|trailing twelve months", re.I)
def stub_heading(table: RawTable) -> str:
    """The heading over a table's row labels ('Per Common Share Information | Year Ended December 31 | ...'): the
    first cell of the first header row when it names no period and no scale; '' otherwise."""
    cells = table.header[0].split(" | ") if table.header else []
    stub = cells[0].strip() if len(cells) >= 2 else ""
    if not stub or re.search(r"\d", stub) or GROUP_RE.search(stub) or table_scale(stub) is not None:
        return ""
    return stub


# a heading saying its rows are averages over the columns' spans ('Summary Average Balance Sheet'), not balances
_AVERAGES = re.compile(r"\baverage\b(?!\s+(?:number of\s+)?(?:common\s+|ordinary\s+|diluted\s+)*shares)", re.I)
# rows named as a rate of return, an interest margin or a ratio quoted in percent, printed without a currency
# sign: percentages ('Return on average common shareholders' equity | 9.53 | 9.75' under a first row '0.83%';
# 'Dividend payout ratio | 52.38 | 138.75')
_RATE_ROW = re.compile(r"^return on\b|\bnet interest (?:rate )?(?:margin|spread)\b|"
                       r"\b(?:efficiency|payout|expense|loss|combined|capital|cet1|tier 1(?: leverage)?|"
                       r"supplementary leverage|loans?[- ]to[- ]deposits?) ratio\b", re.I)
# ...any other ratio is a multiple ('Net Debt Leverage Ratio | 7.2', '7.2x' in the text; 'Current ratio | 1.18'):
# no rate and no amount
_MULTIPLE_ROW = re.compile(r"\bratio\b", re.I)


def _small_decimals(row: RawRow) -> bool:
    """Every figure of the row a small amount printed to the cent ('3.11', '(0.01)', '--'): a per-share figure's
    look."""
    parsed = [parse_number(v) for v in row.values if re.search(r"\d", v)]
    return bool(parsed) and all(p is not None and not p.percent and abs(p.value) < 100 for p in parsed) and all(
        re.search(r"\.\d\d\b", v) for v in row.values if re.search(r"\d", v))


def per_share_steps(rows: tuple[RawRow, ...]) -> set[int]:
    """The rows (numbered from 1) of small figures printed between two per-share rows ('Diluted EPS from continuing
    operations $3.11' / 'Acquisition costs 0.04' / 'Comparable EPS ... $3.45'): the steps of a per-share
    reconciliation, amounts per share whatever their names."""
    numbered = [(k, r) for k, r in enumerate(rows, start=1) if r.values]

    def anchor(at: int, step: int) -> bool:
        while 0 <= at < len(numbered) and _small_decimals(numbered[at][1]):
            if _PER_SHARE.search(numbered[at][1].label):
                return True
            at += step
        return False

    return {k for pos, (k, r) in enumerate(numbered) if _small_decimals(r) and not _PER_SHARE.search(r.label)
            and anchor(pos - 1, -1) and anchor(pos + 1, 1)}


PER_SHARE_STEP_EXAMPLES = (  # (rows as (label, values), the labels that are steps per share)
    ((("Diluted EPS from continuing operations", ("$ 3.11", "2.74")), ("Acquisition costs", ("0.01", "0.04")),
      ("FMS U.K. business exit", ("--", "0.02")),
      ("Comparable EPS from continuing operations (1)", ("$ 3.45", "2.95"))),
     {"Acquisition costs", "FMS U.K. business exit"}),
    # an amount in millions between them is no step; nor are small figures after the last per-share row
    ((("Diluted EPS", ("3.11", "2.74")), ("Restructuring", ("12.5", "1,204.0")), ("Adjusted EPS", ("3.45", "2.95")),
      ("Tax rate effect", ("0.10", "0.20"))), set()),
)


# a count of shares named as such ('Average diluted common shares issued and outstanding', Bank of America's selected
# data, once stored as dollars); never a balance-sheet line that prints a count inside its name ('8.00% Series A
# cumulative redeemable: 5,800,000 shares issued and outstanding', '271,227,929 ... Common Shares issued and
# outstanding at September 30, 2023': amounts of share capital)
SHARE_COUNT = re.compile(r"^(?:average\s+)?(?:(?:diluted|basic)\s+)?(?:common\s+|ordinary\s+)?shares\s+"
                         r"(?:issued\s+and\s+)?outstanding\b(?!.*\d)", re.I)
SHARE_COUNT_EXAMPLES = (  # (row label, whether it counts shares)
    ("Common shares issued and outstanding", True),
    ("Average diluted common shares issued and outstanding", True),
    ("Average common shares issued and outstanding", True),
    ("Shares outstanding", True),
    ("Common shares", False),
    ("8.00% Series A cumulative redeemable: 5,800,000 shares issued and outstanding, respectively", False),
    ("271,227,929 and 270,902,571 Common Shares issued and outstanding at September 30, 2023", False),
)


# a line of share capital or of the common stock's cash ('Common stock, authorized 100,000,000 shares of $.01 par
# value'): an amount, though it names shares; a figure per share of the common stock is none (Assurant's 'Common
# stock dividends per share' 2.96, once stored as $2.96 million)
SHARE_CAPITAL = re.compile(r"par value|^common stock(?!.*\bper (?:common )?share\b)|^ordinary shares,", re.I)
SHARE_CAPITAL_EXAMPLES = (  # (row label, whether the row is an amount)
    ("Common stock, authorized 100,000,000 shares of $.01 par value", True),
    ("Common stock: par value $0.01 per share; 166,666,667 shares authorized", True),
    ("Common stock", True),
    ("Common stock cash dividends paid", True),
    ("Ordinary shares, 1,000,000 issued", True),
    ("Common stock dividends per share", False),
    ("Common stock dividends declared per common share", False),
)


# a unit caption over every column that says the figures are counts ('Number Number', 'NO. OF RIGHTS NO. OF
# RIGHTS'), and the things counted that are shares or awards
_COUNT_CAPTION = re.compile(r"(?:\s*(?:number|no\.?)(?:\s+of\s+[a-z]+(?:\s+[a-z]+)?)?)+\s*", re.I)
_AWARDS = re.compile(r"\b(?:shares?|options?|rights|units|awards?|rsus?|psus?)\b", re.I)


def row_unit(row: RawRow, table: RawTable, token: str, stub: str) -> Unit:
    # a caption that went into the rows' section ('(In millions of dollars except per share data)') is no heading
    # of per-share rows; a row with no heading of its own stands under the table's stub heading (`stub`, worked out
    # once per table by stub_heading)
    section = "" if table_scale(row.section) is not None else row.section or stub
    # a '%' of the label's own, not a number's ('Operative EBITDA %, O&G divestment adjusted'; not '5% Notes')
    if "%" in token or re.search(r"\bmargin\b|(?<![\d.])%|percentage", row.label, re.I) and "%" in (
            row.label + table.title + " ".join(table.header)):
        return Unit.PERCENT
    measure = row_measure(row.label, row.section)  # a count, an area, a volume, a duration, a price per unit: no amount
    if measure:
        return Unit(measure)
    if re.search(r"\b(fx|exchange) rate\b|\bbps\b|basis points", row.label, re.I) and not re.search(
            r"effect|change|gain|loss|impact", row.label, re.I):
        return Unit.OTHER  # an exchange rate or basis points: neither an amount nor scaled
    if _SHARES_USED.search(row.label) or SHARE_COUNT.match(row.label):
        return Unit.SHARES  # 'Number of weighted average shares used in diluted EPS calculation': a count of shares
    if re.search(r"\bcents?\b", row.label, re.I):
        return Unit.PER_SHARE
    if SHARE_CAPITAL.search(row.label):
        return Unit.CURRENCY
    if re.match(r"(number of )?shares|weighted[- ]average (number of )?(common |ordinary )?shares", row.label, re.I):
        return Unit.SHARES
    if _PER_SHARE.search(row.label):
        return Unit.PER_SHARE
    if _SHARES.search(row.label):
        return Unit.SHARES
    bare = re.fullmatch(r"(basic|diluted|basic and diluted)( \w+)?", row.label.strip().lower())
    if bare and row.values and all(re.fullmatch(r"\(?\d{1,3}(?:,\d{3})+\)?", v.strip(" $")) for v in row.values
                                   if re.search(r"\d", v)):
        return Unit.SHARES  # "Basic 443,837": a share count in whole thousands, never an amount per share
    small_decimals = all(re.search(r"\d\.\d", v) and (q := parse_number(v)) is not None and not q.scale
                         and abs(q.value) < 100 for v in row.values if re.search(r"\d", v))
    if bare and small_decimals and not _SHARES.search(section):
        return Unit.PER_SHARE  # "Diluted $ (0.03)": an amount per share even where the heading was lost
    if small_decimals and _PER_SHARE.search(section) and not _AMOUNT_SECTION.search(row.label):
        # "Diluted net income per share: GAAP $0.76 / Non-GAAP $0.81", "Diluted earnings per share:
        # Continuing operations 1.63"
        return Unit.PER_SHARE
    if re.search(r"growth|\bmix\b|y/y|\byoy\b|percentage|\(%\)", row.label, re.I) and not any(
            "$" in v for v in row.values):
        return Unit.PERCENT
    signless = not any(re.search(r"[$€£¥₹]", v) for v in row.values)
    if _RATE_ROW.search(row.label) and signless and all(
            abs(float(re.sub(r"[^\d.]", "", v) or 0)) < 1000 for v in row.values if re.search(r"\d", v)):
        return Unit.PERCENT
    if _MULTIPLE_ROW.search(row.label) and small_decimals and signless:
        return Unit.OTHER
    if _SHARES.search(section) and signless:
        return Unit.SHARES  # under 'Weighted-average number of shares:'; never a row printed with '$' (an amount)
    if _COUNT_CAPTION.fullmatch(section) and signless:
        # 'Number | Number' or 'NO. OF RIGHTS | NO. OF RIGHTS' over the columns: counts, of shares or awards where
        # the caption says so
        return Unit.SHARES if _AWARDS.search(section) else Unit.COUNT
    if _PER_SHARE.search(section) and bare:
        return Unit.PER_SHARE
    return Unit.CURRENCY


def placements(values: list[Decimal], cols: list[Column], meta: ReleaseMeta) -> list[tuple[int, ...]]:
    """Every placement of a short row's values that breaks none of the release's arithmetic, best-supported
    first (support = number of checks that hold)."""
    n, k = len(cols), len(values)
    if k == n:
        return [tuple(range(n))]
    if k > n or k == 0:
        return []
    scored: list[tuple[int, tuple[int, ...]]] = []
    for combo in itertools.combinations(range(n), k):
        support, broken = _check(dict(zip(combo, values, strict=True)), cols, meta)
        if not broken:
            scored.append((support, combo))
    scored.sort(key=lambda sc: -sc[0])
    return [c for _, c in scored]


def _support(values: list[Decimal], combo: tuple[int, ...], cols: list[Column], meta: ReleaseMeta) -> int:
    return _check(dict(zip(combo, values, strict=True)), cols, meta)[0]


def place_rows(rows: list[list[Decimal]], cols: list[Column], meta: ReleaseMeta) -> list[list[int | None]]:
    """Column of each value of each row. Full rows go in order. A short row goes where the arithmetic puts it
    uniquely; a row the arithmetic cannot settle follows the placement that the table's settled short rows share
    (if it breaks nothing); any value still in doubt is dropped."""
    settled: dict[int, tuple[int, ...]] = {}
    pattern_votes: dict[tuple[int, int], int] = {}
    options: dict[int, list[tuple[int, ...]]] = {}
    for i, vals in enumerate(rows):
        opts = placements(vals, cols, meta)
        options[i] = opts
        if len(vals) == len(cols):
            settled[i] = opts[0]
            continue
        if not opts:
            continue
        best = _support(vals, opts[0], cols, meta)
        top = [o for o in opts if _support(vals, o, cols, meta) == best]
        if best > 0 and len(top) == 1:
            settled[i] = top[0]
            key = (len(vals), hash(top[0]))
            pattern_votes[key] = pattern_votes.get(key, 0) + 1
    out: list[list[int | None]] = []
    for i, vals in enumerate(rows):
        if i in settled:
            out.append(list(settled[i]))
            continue
        opts = options[i]
        chosen: tuple[int, ...] | None = None
        voted = [o for o in opts if pattern_votes.get((len(vals), hash(o)), 0) >= 2]
        if voted:
            chosen = max(voted, key=lambda o: pattern_votes[(len(vals), hash(o))])
        if chosen is not None:
            out.append(list(chosen))
        elif opts:
            # keep only the positions every consistent placement agrees on
            out.append([o if all(c[j] == o for c in opts) else None for j, o in enumerate(opts[0])])
        else:
            out.append([None] * len(vals))
    return out


def _check(placed: dict[int, Decimal | None], cols: list[Column], meta: ReleaseMeta) -> tuple[int, bool]:
    """(number of arithmetic checks that hold, whether any fails) for one placement of a row's values."""
    support = 0
    for i, ci in enumerate(cols):
        vi = placed.get(i)
        if vi is None:
            continue
        # convenience translation: US$ = local / rate
        if ci.currency == "USD" and meta.fx_rate:
            for j, cj in enumerate(cols):
                vj = placed.get(j)
                if j != i and vj is not None and cj.period == ci.period and cj.currency == meta.currency:
                    if abs(vj / meta.fx_rate - vi) <= Decimal("1.5"):
                        support += 1 if (vi or vj) else 0  # zeros agree with anything: no evidence
                    else:
                        return support, True
        # six months = the two quarters, same currency
        if ci.period.months == 6:
            q2 = _find(cols, placed, Period(ci.period.end, 3), ci.currency)
            q1 = _find(cols, placed, Period(quarter_before(ci.period.end), 3), ci.currency)
            if q1 is not None and q2 is not None:
                if abs(q1 + q2 - vi) <= 1:
                    support += 1 if (q1 or q2 or vi) else 0
                else:
                    return support, True
    return support, False


def _find(cols: list[Column], placed: dict[int, Decimal | None], p: Period, cur: str | None) -> Decimal | None:
    for j, c in enumerate(cols):
        if c.period.months == p.months and abs((c.period.end - p.end).days) <= 7 and c.currency == cur:
            return placed.get(j)
    return None


def unlabelled_totals(table: RawTable) -> RawTable:
    """A row printed with figures and no name, whose every figure is the sum of the named rows right above it
    (back to a heading or a gap, two rows or more), is their total: 'Total <their heading>'. Any other nameless row,
    and a total whose heading names nothing ('Convertible notes, matures in April 2028'), stays nameless (and gives
    nothing)."""
    rows = list(table.rows)
    for i, row in enumerate(rows):
        if row.label.strip() or not row.values:
            continue
        block: list[RawRow] = []
        for above in reversed(rows[:i]):
            if not above.values or not above.label.strip() or len(above.values) != len(row.values):
                break
            block.append(above)
        if len(block) < 2 or not all(_sums_to(raw, [b.values[k] for b in block]) for k, raw in enumerate(row.values)):
            continue
        name = _total_name(block[0].section)
        if name:  # a bare 'Total' would answer to any "total X": without its heading's name it stays nameless
            rows[i] = replace(row, label=f"Total {name}", section=block[0].section)
    return replace(table, rows=tuple(rows))


def stub_named(table: RawTable) -> str:
    """The heading over the row labels, also where the column names' row went into the title ('Contractual
    Obligations Less Than 1 Year 2-5 Years Total' over the names 'Less Than 1 Year | 2-5 Years | Total')."""
    if (stub := stub_heading(table)) or not table.column_names:
        return stub
    last = table.title.split(" / ")[-1].strip()
    names = " ".join(table.column_names)
    return last[: -len(names)].strip() if last.endswith(names) and len(last) > len(names) else ""


_BARE_TOTAL = re.compile(r"^\s*totals?\s*:?\s*$", re.I)


def named_last_total(table: RawTable) -> RawTable:
    """The table's last row named 'Total' alone, under no heading of its own, totals what the stub heading names:
    'Total contractual obligations' under 'Contractual Obligations' (a bare 'Total' would answer to any "total
    X"). Without a stub heading that names something it stays as printed."""
    rows = [r for r in table.rows if r.values]
    if not rows or not _BARE_TOTAL.match(rows[-1].label):
        return table
    parts = [r for r in rows[:-1] if not re.match(r"\W*total", r.label, re.I)]
    if rows[-1].section and not (len(parts) >= 2 and all(len(r.values) == len(rows[-1].values) for r in parts) and all(
            _sums_to(raw, [r.values[k] for r in parts]) for k, raw in enumerate(rows[-1].values))):
        return table  # 'Total' under a heading of its own totals that heading's rows, unless it adds up the table
    name = _total_name(stub_named(table))
    if not name or name.lower().startswith("total"):
        return table
    last = rows[-1]
    named = f"Total {name}"
    return replace(table, rows=tuple(replace(r, label=named, section="") if r is last else r for r in table.rows))


def _total_name(heading: str) -> str:
    """What a heading names, as the words after 'Total': 'Non-current assets:' -> 'Non-current assets', 'CURRENT
    LIABILITIES' -> 'current liabilities', 'Less Current liabilities:' -> 'Current liabilities', 'Adjustments
    for:' -> 'Adjustments'; '' for no heading, a caption or a label's spilled line ('authorized 5,000,000
    shares; issued and outstanding')."""
    name = FOOTNOTE_MARK.sub("", heading).strip(" :")
    name = re.sub(r"^(?:less|add|deduct|plus)\b\s*:?\s*", "", name, flags=re.I)
    name = re.sub(r"\s+(?:for|to|of|from|in)$", "", name, flags=re.I)
    if not name or re.search(r"\d|;", name) or len(name.split()) > 12 or table_scale(name):
        return ""
    return name.lower() if name.isupper() else name  # 'United Kingdom corporation tax' keeps its capitals


def _sums_to(raw: str, parts: list[str]) -> bool:
    """The printed figure is the parts' sum to the rounding of what is printed (a dash a zero)."""
    total = parse_number(raw)
    values = [parse_number(p) for p in parts]
    if total is None or total.percent or total.dash or any(v is None or v.percent for v in values):
        return False
    steps = [printed_step(p) for p in [raw, *parts]]
    tolerance = max(steps) * len(steps) / 2
    return abs(total.value - sum((v.value for v in values if v is not None and not v.dash), Decimal(0))) <= tolerance


def why_no_facts(table: RawTable, meta: ReleaseMeta) -> str | None:
    """Why a table gave no facts, told for an ingest report; None when it is no table at all (fewer than two rows
    of figures, or running text split at its numbers): nothing was lost. The same tests as table_facts, in its
    order; a table that passes them all and still gave nothing is said to have no row the periods could be read
    for."""
    data_rows = [r for r in table.rows if r.values]
    if len(data_rows) < 2 or not looks_like_a_table(data_rows, len(data_rows[0].values)
                                                    if table_scale(" | ".join(table.header)) else 0):
        return None
    if is_outlook(table):
        return "an outlook or guidance table (forecasts are not reported results)"
    if not columns_for(table, meta) and not table.column_names:
        return "no period (quarter, year or date) was found in its header"
    return "no row could be read under its period columns"


def table_facts(table: RawTable, meta: ReleaseMeta, document: str, number: int | None = None,
                inherited_scale: int | None = None) -> list[Fact]:
    """Facts of one table; `number` is the table's ordinal among the document's financial tables."""
    if is_outlook(table):
        return []  # outlook figures are not reported results
    table = named_last_total(unlabelled_totals(table))
    if table.column_names:
        table = replace(table, column_names=company_as_total(table.column_names, meta))
    cols = columns_for(table, meta)
    grouped = grouped_columns(table, meta) if table.column_names else None
    if grouped:
        cols = grouped[0]
    elif cols:
        cols = _without_repeated_periods(cols, table)
    # each period over the same block of basis columns ('Adjusted | Adjustments | Statutory'): a column per period
    # and basis, each naming its rows its own way
    blocks = basis_blocks(table) if not grouped else None
    per_period = columns_for(replace(table, header=blocks.periods), meta) if blocks else None
    if blocks and per_period and len({c.period for c in per_period}) == len(per_period) == len(blocks.periods):
        table = blocks.table
        cols = [Column(c.period, c.currency, f"{c.header} {name}") for c in per_period for name in blocks.names]
    else:
        blocks = None
    if not cols and not grouped and not blocks and category_names(table.column_names) and (
            whole := _report_column(table, meta)):
        cols = [whole]  # an annual report's table of categories dated nowhere: the report's own year
    data_rows = [r for r in table.rows if r.values]
    if not cols or len(data_rows) < 2 or not looks_like_a_table(
            data_rows, len(cols) if table_scale(" | ".join(table.header)) else 0):
        return []
    header_text = " | ".join(table.header)
    context = f"{table.title} {header_text}"
    first = _caption_section(table)
    if first:
        context = f"{context} {first}"
    # the scale the pipeline settled for this table (its caption, the caption above, or agreement with
    # figures stated elsewhere); None: unknown, and the amounts are left out (percent and per-share stay)
    scale = table_scale(context) or inherited_scale
    if counts_scaled(context):
        scale = table_scale(context)  # '(Square feet in thousands)': its own caption, for counts; no money scale above
    share_scale = 1 if _UNSCALED_SHARES.search(context) else scale
    m = _SHARE_SCALE.search(context)
    if m:
        share_scale = 1_000 if m.group(1).lower() == "thousands" else 1_000_000
    allow_extra = bool(CHANGE_COLUMN.search(header_text))
    # "($ in billions, end of period, unless otherwise noted) | Three months ended": balances at the columns'
    # end dates, averages over their spans
    end_of_period = bool(_END_OF_PERIOD.search(context))
    # rows under 'Summary Average Balance Sheet' are averages: the heading stays their section, and no 'Total
    # assets' among them is the balance at the column's end
    stub = stub_heading(table)
    averages = stub if _AVERAGES.search(stub) else ""
    # one period over 'GAAP | Adjustments | Note | Non-GAAP': each column names its rows its own way
    relabel: tuple | None = blocks.labels * len(blocks.periods) if blocks else None
    pair_amounts = False  # a per-share pair's amount column: its rows are amounts whatever their label says
    # (never a segment matrix: 'Americas | International | Total' adds up too)
    named_parts = _SEGMENT_TABLE.search(context) or (
        table.column_names and not any(re.search(r"gaap|adjust|reported", n, re.I) for n in table.column_names))
    common = _common_width(table)
    # one period over columns named by categories, not periods: a column per name (before any column is taken for
    # notes, shares or differences, which such names are not)
    names = table.column_names
    categories = (quarter_columns(cols[0], names, meta.calendar) or category_columns(cols[0], names)) if (
        len({c.period for c in cols}) == 1 and not allow_extra and not blocks and relabel is None
        and len(names) > len(cols) and len(names) in (common, _full_width(table))
        and (category_names(names) or all(quarter_number(n) or _TOTAL_COLUMN.match(n) for n in names))
        and not (_SEGMENT_TABLE.search(context) or parts_and_total(names) or _CHANGES_TABLE.search(context))
        and not per_share_pairs(table, len(cols)) and not is_equity_statement(table, names)) else None
    if categories:
        cols, common = categories[0], len(categories[0])
    if common > len(cols) and (numbered := without_footnote_column(table)) is not table:
        table, common = numbered, _common_width(numbered)
    if len({c.period for c in cols}) == 1 and common == len(table.column_names) > len(cols) and (
            is_equity_statement(table, table.column_names)):
        title = statement_title(table)
        return equity_facts(table, table.column_names, cols[0].period, meta, document,
                            title if EQUITY_TITLE.search(title) else "Statement of changes in equity", scale,
                            lambda row, col: _locator(number or table.position, row, col, table.where))
    pairs = per_share_pairs(table, len(cols)) if not allow_extra and common == 2 * len(cols) and not blocks else None
    if len({c.period for c in cols}) == 1 and not allow_extra and not named_parts and not pairs and not blocks and (
            recon := reconciliation_layout(table, context)) is not None:
        table, relabel = recon.table, recon.labels
        cols = [Column(cols[0].period, cols[0].currency, f"{cols[0].header} {name}") for name in recon.names]
        common = _common_width(table)
    if common > len(cols) and not pairs:
        table = without_share_columns(table)
        common = _common_width(table)
    if common > len(cols) and not allow_extra and not pairs:
        table = without_difference_columns(table, len(cols))
        common = _common_width(table)
    parts: list[str | None] = []  # the section each column adds: a segment matrix's column names
    # the total columns of a matrix of parts told by names alone, and the width of its block of names
    loose_totals: set[int] = set()
    block_width = 0
    units: list[Unit | None] = []  # the unit each column's name says, where it does (a measure matrix)
    if categories:
        parts, units = list(categories[1]), list(categories[2])
    elif len(cols) == 1 and len(table.column_names) == common >= 2 and not allow_extra and (
            _SEGMENT_TABLE.search(context) or parts_and_total(table.column_names)):
        cols, parts = segment_columns(cols[0], table.column_names)
        if not _SEGMENT_TABLE.search(context):
            parts, loose_totals, block_width = _loose_totals(parts, len(parts))
    elif common > len(cols) and not allow_extra and (matrix := measure_matrix(cols, table.column_names)):
        cols, named, units = matrix
        parts = list(named)
        block = tuple(dict.fromkeys(named))
        if parts_and_total(block):
            # the company's parts and its total under each period ('Container Vessels | Drybulk Vessels | Other |
            # Total' under each year): each part's rows under '<name> segment', as in a segment matrix
            _, of_part = segment_columns(cols[0], block)
            parts = [of_part[block.index(n)] for n in named]
            if not _SEGMENT_TABLE.search(context):
                parts, loose_totals, block_width = _loose_totals(parts, len(block))
    elif not allow_extra and common == len(cols) and not blocks and (blocked := per_share_block(table, cols)):
        # 'Earnings 2023 | 2022 | EPS 2023 | 2022': each period printed again, the second time per share
        units, pair_amounts = blocked, True
        # the per-share side named as such, as in a per-share pair ('Investigation remedies, per share')
        relabel = tuple(_pair_label(1) if u == Unit.PER_SHARE else _pair_label(0) for u in blocked)
    elif pairs and common == 2 * len(cols):
        cols = [Column(c.period, c.currency, f"{c.header} {n}".rstrip()) for c in cols for n in pairs]
        parts, units = list(pairs) * (len(cols) // 2), [None, Unit.PER_SHARE] * (len(cols) // 2)
        # 'GAAP net income / earnings per share': the amount's name is the part before the slash
        relabel = tuple(_pair_label(k % 2) for k in range(len(cols)))
        pair_amounts = True
    elif grouped:
        parts, units = list(grouped[1]), grouped[2]
    if common > len(cols) and not allow_extra:
        return []  # sub-columns the header does not explain (balance / income / yield): no guessing
    statement = statement_title(table)
    rate_positions = _rate_positions(table)
    # one basis printed over every column ('Adjusted £m | 2025 2024'): each row is the adjusted measure
    bases = _HEADER_BASIS.findall(header_text)
    basis = bases[0].capitalize() if len(bases) == 1 and relabel is None else ""
    if not basis and relabel is None:
        basis = title_basis(table.title)
    candidates: list[tuple[int, RawRow, list[str], list]] = []
    notes = bool(_NOTE_HEADING.search(f"{table.title} {header_text}"))
    fixed: dict[int, list[int | None]] = {}  # row number -> the column of each value, where the layout says
    for row_no, row in enumerate(table.rows, start=1):
        if not row.values or not _NAMES_SOMETHING.search(row.label):
            continue  # no row name, or one with no letter: ')', "'", '%', '4479' (a broken header or a phone number)
        if "" in row.values and len(row.values) == len(cols):
            # a layout that knows its columns (fixed width) marks a blank cell with "": the others stand in place
            gapped = [(i, v, parse_number(v)) for i, v in enumerate(row.values) if v]
            if gapped and all(p is not None for _, _, p in gapped):
                fixed[row_no] = [i for i, _, _ in gapped]
                candidates.append((row_no, row, [v for _, v, _ in gapped], [p for _, _, p in gapped]))
            continue
        if len(row.values) == 1 and FOOTNOTE_MARK.fullmatch(row.values[0].strip()) and _SENTENCE.search(row.label):
            continue
        values = list(row.values)
        lead = 0
        while lead < len(values) and _NOTE_REF.match(values[lead]):
            lead += 1
        if lead and len(values) - lead == len(cols) and (notes or not allow_extra) and re.search(
                r"\d,\d{3}|\.\d|\(", values[lead]):
            # IFRS statements' "Note" column: the references ('5', '5, 9') before the amounts are no figures
            values = values[lead:]
        parsed = [parse_number(v) for v in values]
        if any(p is None for p in parsed):
            continue
        raws = values
        if len(parsed) > len(cols):
            # "3,226,773 100.0% 2,729,388 100.0%": amounts interleaved with percent-of-sales columns
            keep = [i for i, p in enumerate(parsed) if p is not None and not p.percent]
            # each amount before its share ('3,226,773 100.0%'); a rate first ('4.2% | 96') is a rate and its change
            if len(keep) == len(cols) and not any("%" in h for h in table.header) and not parsed[0].percent:
                parsed, raws = [parsed[i] for i in keep], [raws[i] for i in keep]
        by_heading = _period_positions(table.header, len(parsed), len(cols)) if (
            allow_extra and len(parsed) > len(cols)) else None
        if by_heading is not None:
            # 'Q4 2024 | Q3 2024 | QoQ | Q4 2023 | YoY' over as many cells: each change column where its heading is
            parsed, raws = [parsed[i] for i in by_heading], [raws[i] for i in by_heading]
        if len(parsed) > len(cols) and allow_extra:
            # change columns after each block of periods: keep the first columns of every block
            blocks = max(1, _change_blocks(header_text))
            at = list(range(len(parsed)))
            # a dash in a column of rates ('$ 316 | $ 317 | — | — | $ 626 | $ 655 | (4%) | (3%)') is no amount
            rates_at = rate_positions.get(len(parsed), set())
            amounts = [i for i, p in enumerate(parsed) if not p.percent and "%" not in raws[i] and i not in rates_at]
            if len(amounts) == len(cols):  # 'Sales | 2,322 | 2,174 | 6.8% | 2,261 | 2.7%': the rates are the changes
                blocks = 1
            if len(cols) <= len(amounts) < len(parsed) and not len(amounts) % blocks:
                at = amounts  # '$ 149,638 | 30 % | $ 120,346 | 25 % | $ 29,292 | 24 %': shares of a total between
            if blocks > 1 and (len(at) % blocks or len(cols) % blocks):
                continue
            width, keep_n = len(at) // blocks, len(cols) // blocks
            keep = [at[b * width + i] for b in range(blocks) for i in range(keep_n)]
            parsed, raws = [parsed[i] for i in keep], [raws[i] for i in keep]
        if len(parsed) > len(cols):
            continue
        if allow_extra and len(parsed) == len(cols) > 1 and "%" in raws[-1] and not any("%" in r for r in raws[:-1]) \
                and _change_last(table, len(cols)):
            continue  # 'Finance cost | 861 | 1%' where rows print 'year before | year | % Var': a figure was lost
        if len(parsed) < len(cols) and (at := _balance_columns(row, cols, len(parsed))):
            fixed[row_no] = at
        candidates.append((row_no, row, raws, parsed))
    free = [c for c in candidates if c[0] not in fixed]
    placed_free = iter(place_rows([[p.value for p in c[3]] for c in free], cols, meta))
    placed = [fixed[c[0]] if c[0] in fixed else next(placed_free) for c in candidates]
    percent_cols = _percent_columns(candidates, placed, len(cols))
    if common_size(table) or rate_steps([r.values for r in table.rows if r.values]):
        percent_cols = set(range(len(cols)))
    measures = any(units)  # a measure matrix, whose columns' names say their units
    facts: list[Fact] = []
    rows_of: list[int] = []  # the row each fact comes from
    per_share_adjustments = per_share_steps(table.rows)
    for (row_no, row, raws, parsed), placement in zip(candidates, placed, strict=True):
        for raw, p, col_idx in zip(raws, parsed, placement, strict=True):
            if col_idx is None:
                continue
            if parts and parts[col_idx] is None and not (
                    col_idx in loose_totals and _alone_in_block(row.values, col_idx, block_width, len(cols))):
                continue  # a column of a segment matrix that is neither a part of the company nor its total
            col = cols[col_idx]
            # a row or table of growth rates prints "%" on some cells only ("6.0 %", "(8.1)"); in a measure
            # matrix ('Average Balance | Interest | Average Yield/Cost' per period) only the rate's cells do
            unit = (Unit.PERCENT if col_idx in percent_cols or "%" in raw
                    or (not measures and any("%" in r for r in raws))
                    else (units[col_idx] if units and units[col_idx] else row_unit(row, table, raw, stub)))
            if pair_amounts and unit == Unit.PER_SHARE and not units[col_idx]:
                unit = Unit.CURRENCY
            if unit == Unit.CURRENCY and row_no in per_share_adjustments:
                unit = Unit.PER_SHARE
            if unit == Unit.PERCENT and "%" not in raw and _AMOUNT_LOOK.search(raw):
                continue  # '$ 149,638' beside '30 %' cells: an amount is no rate; its column is in doubt
            value = p.value
            currency: str | None = p.currency or col.currency  # 'NT$2.15 | US$0.134': the cell's own sign
            if unit == Unit.CURRENCY:
                amount_scale = p.scale or bracketed_scale(row.label) or scale  # '4,131.3m': the cell's own
                if amount_scale is None:
                    continue
                value = value * amount_scale
            elif unit == Unit.SHARES:
                # 'Shares used in calculation (000's)': the heading of the share rows states their own scale
                stated = _ROW_SHARE_SCALE.search(f"{row.section} {row.label}")
                shares_scale = (1_000_000 if "million" in stated.group(1).lower() else 1_000) if stated else share_scale
                shares_scale = p.scale or shares_scale  # '797.3m' shares
                if shares_scale is None:
                    continue
                if p.scale or stated or abs(p.value) < 1_000_000:  # a count printed in full (17,748,206) is in units
                    value = value * shares_scale
                currency = None
            elif unit in (Unit.COUNT, Unit.OTHER):
                currency = None
                # 'Employees (in thousands) | 125.5': a scale in the row's own name is the row's; the table's is not
                own_scale = p.scale or scale_of(row.label)
                if own_scale:
                    value = value * own_scale
            elif unit == Unit.PER_SHARE and _HUNDREDTHS.search(f"{row.label} {row.section} {header_text}"):
                value = value / 100  # "(RMB cents)": per-share amounts in the currency's units
            elif unit == Unit.PERCENT:
                currency = None
            period = col.period
            if period.months and _TTM.search(row.label):  # "Operating cash flow -- trailing twelve months (TTM)"
                period = Period(period.end, 12)
            # (a row under 'AT PERIOD END' is a balance; one under 'SELECTED AVERAGE BALANCES' an average over the span)
            if period.months and (
                    _STOCK.search(row.label) or end_of_period or _PERIOD_END_HEADING.search(row.section)) and not (
                    re.search(r"\baverage\b", f"{row.label} {row.section}", re.I)) and not averages:
                period = Period(period.end, 0)  # a balance printed in a flow column: at the column's end date
            part = parts[col_idx] if parts else ""
            own = row.section or averages
            # 'Per share' over rows under 'Per share diluted': the heading says it already
            said = part and re.match(rf"\W*{re.escape(part)}\b(?!-)", own, re.I)
            section = " ".join(x for x in ("" if said else part, own) if x)
            label = relabel[col_idx](row.label) if relabel else row.label
            if basis and not re.search(rf"\b{re.escape(basis)}\b|\bgaap\b|\badjusted\b", f"{label} {row.section}",
                                       re.I):
                label = f"{basis} {label[:1].lower()}{label[1:]}"  # 'Adjusted £m | 2025 2024': adjusted rows
            rows_of.append(row_no)
            facts.append(Fact(
                document=document, company=meta.company, statement=statement, label=label,
                metric=canonical_metric(label, unit.value), period=period_label(period, meta.calendar),
                period_end=period.end, months=period.months, currency=currency, unit=unit,
                value=value, locator=_locator(number or table.position, row_no, col_idx + 1, table.where),
                column=col.header, quote=raw, section=section,
            ))
    return _without_conflicts(facts, rows_of)


# amounts per share printed in hundredths of the currency: 'RMB cents', XP Power's 'Earnings per share (pence)'
_HUNDREDTHS = re.compile(r"\bcents?\b|\bpence\b", re.I)
HUNDREDTHS_EXAMPLES = (  # (a row's name, section and header, whether its amounts per share are in hundredths)
    ("Basic earnings per share Earnings per share (pence)", True),
    ("Diluted EPS (RMB cents)", True),
    ("Diluted earnings per share ($)", False),
    ("Earnings per share (in euros)", False),
)
_PRIOR_YEAR = re.compile(r"\b(?:prior|previous|last|preceding)\s+year\b", re.I)
_CELL_MONTH_DAY = re.compile(rf"\b({MONTH})\.?\s+(\d{{1,2}})\b,?", re.I)


def _report_column(table: RawTable, meta: ReleaseMeta) -> Column | None:
    """The column of an annual report's undated table: its fiscal year, or the balance at the year's end when the
    table holds balances ('as of', total assets). None outside an annual report of a known year: a quarterly
    release's undated table may hold any span."""
    if not (meta.bare_years and meta.period_end and meta.months == 12):
        return None
    labels = " ".join(r.label for r in table.rows[:40])
    months = 0 if _POINT_IN_TIME.search(f"{table.title} {labels}") else 12
    return Column(Period(meta.period_end, months), meta.currency, _column_header(Period(meta.period_end, months),
                                                                                   meta.currency))


def _widths_match_days(table: RawTable, header: str) -> bool:
    """Two column headings or more that each name a day, and rows as wide as the headings are many (never a single
    'Three Months Ended June 30' over years printed in a row of their own)."""
    days = sum(1 for cell in header.split(" | ") if _CELL_MONTH_DAY.search(cell))
    widths = Counter(len(r.values) for r in table.rows if r.values)
    return days >= 2 and bool(widths) and widths.most_common(1)[0][0] == days


def _yearless_dated(header: str, title: str, end: date) -> str | None:
    """'Quarter ended June 30 | Quarter ended March 31 | Year to date June 30 | Quarter ended June 30 | Year to date
    June 30' under 'CURRENT YEAR | PRIOR YEAR' (NCB): column headings that print no year. Each day is dated in the
    latest year that does not pass the release's period end; a heading printed again is the prior year's, which
    the title or header must name ('PRIOR YEAR'). The header with its years, or None when it prints a year, names
    no day, or repeats a heading with no prior year named."""
    if re.search(r"(?<!\d)(?:19|20)\d\d(?!\d)", header) or not _CELL_MONTH_DAY.search(header):
        return None
    seen: set[str] = set()
    cells = []
    for cell in header.split(" | "):
        m = _CELL_MONTH_DAY.search(cell)
        month = month_number(m.group(1)) if m else None
        if not m or not month:
            cells.append(cell)
            continue
        day = int(m.group(2))
        year = end.year if (month, day) <= (end.month, end.day + 7) else end.year - 1
        key = re.sub(r"\W+", " ", cell).strip().lower()
        if key in seen:
            if not _PRIOR_YEAR.search(f"{title} {header}"):
                return None
            year -= 1
        seen.add(key)
        try:
            date(year, month, day)
        except ValueError:
            return None
        cells.append(f"{cell[:m.start()]}{m.group(1)} {day}, {year}{cell[m.end():]}")
    return " | ".join(cells)


def _balance_columns(row: RawRow, cols: list[Column], n: int) -> list[int] | None:
    """A balance's row under 'Quarter ended | Year ended' columns, two of which end on one day (the fourth quarter
    and the year, both March 31): the balance is printed once, under the wider column. The columns of its `n`
    figures, when the days the columns end on are exactly `n`; else None."""
    if not (_STOCK.search(row.label) or _STOCK.search(row.section)):
        return None
    last = {c.period.end: i for i, c in enumerate(cols)}
    return sorted(last.values()) if len(last) == n and len(set(last)) < len(cols) else None


_NAMES_SOMETHING = re.compile(r"[^\W\d_]")


def _change_last(table: RawTable, periods: int) -> bool:
    """Most rows of the table print one figure per period, then a change in percent."""
    rows = [r.values for r in table.rows if r.values]
    full = [v for v in rows if len(v) == periods + 1 and "%" in v[-1] and not any("%" in x for x in v[:-1])]
    return len(full) >= max(2, len(rows) // 2)


def _without_repeated_periods(cols: list[Column], table: RawTable) -> list[Column]:
    """A header cell that repeats the period of the cell before it, where the rows print one figure fewer per
    repeat, is a wrapped header ('Year ended Year ended December 31, December 31, 2024 2023 | Year ended December
    31, 2023' over four figures), not a column of its own."""
    kept = [c for i, c in enumerate(cols) if i == 0 or c.period != cols[i - 1].period]
    return kept if len(kept) < len(cols) and _common_width(table) == len(kept) else cols


def _rate_positions(table: RawTable) -> dict[int, set[int]]:
    """For each row width, the places where most rows of that width (two at least) print a rate ('54%')."""
    by_width: dict[int, list[tuple[str, ...]]] = {}
    for r in table.rows:
        if r.values:
            by_width.setdefault(len(r.values), []).append(r.values)
    return {w: {i for i in range(w) if sum(1 for v in rows if "%" in v[i]) >= max(2, len(rows) / 2)}
            for w, rows in by_width.items()}


def continued_tables(tables: list[RawTable], meta: ReleaseMeta) -> list[RawTable]:
    """A statement printed in parts ('ASSETS | September 27, 2025 | ...' then, after a blank line, 'LIABILITIES AND
    STOCKHOLDERS EQUITY' over empty cells; 'Cash Flows from Investing Activities:' after the operating part): a
    table with no header of its own and no columns, right below a dated table whose rows print as many figures,
    goes on under that table's header and title. Only a part that starts within a few lines of where the table
    above ends."""
    out: list[RawTable] = []
    joined = False  # the table above went on from the one above it: a part of a statement, whatever its title
    for t in tables:
        prev = out[-1] if out else None
        if (prev is not None and not t.header and prev.header and t.rows and prev.rows
                and (_PARTS_OF_STATEMENT.search(prev.title) or joined or (
                    _LATER_PART.search(t.title) and not _SUMMARY_TITLE.search(prev.title)
                    and any(re.match(r"total assets\b", r.label, re.I) for r in prev.rows))
                    or _rows_right_below(prev, t, meta))
                and not _NOTES.search(prev.title)
                # (its own title: the parts a loader carried down from the table above are that table's)
                and not any(is_prose(part) for part in t.title.split(" / ") if part not in prev.title.split(" / "))
                and _starts_near(prev, t) and _common_width(t) == _common_width(prev)
                and columns_for(t, meta) is None and (cols := columns_for(prev, meta))
                and len(cols) == _common_width(prev)):
            # a part that starts mid-name ('shares issued and outstanding' under a page break in 'Common stock ...
            # shares issued and outstanding'): that row's name is the tail of one printed above, and names nothing
            rows = t.rows[1:] if t.rows[0].label[:1].islower() else t.rows
            joined = True
            if not rows:
                continue  # a fragment of one such row: nothing of its own, and the statement goes on below it
            t = replace(t, header=prev.header, title=" / ".join(x for x in (prev.title, t.title) if x), rows=rows)
        else:
            joined = False
        out.append(t)
    return out


def _rows_right_below(prev: RawTable, t: RawTable, meta: ReleaseMeta) -> bool:
    """Rows with no title or header of their own one blank line below a dated table, each printing a figure for
    every one of its period columns (two or more): the table goes on past a blank line the converter left (Bank of
    America's 'Average diluted common shares issued and outstanding' under 'Selected Financial Data'). A table
    of one column, or rows that skip a column, are no such part (a page's footnotes: '(3)', 'Table 1')."""
    cols = columns_for(prev, meta)
    own_title = [p for p in t.title.split(" / ") if p.strip() and p not in prev.title.split(" / ")]
    a, b = _PAGE_LINE.fullmatch(prev.where), _PAGE_LINE.fullmatch(t.where)
    if not cols or len(cols) < 2 or own_title or not (a and b) or a.group(1) != b.group(1):
        return False
    # the header's lines, the rows and one blank line: nothing else between them
    if int(b.group(2)) - int(a.group(2)) - len(prev.rows) > _HEADER_LINES_AND_BLANK:
        return False
    return all(len(r.values) == len(cols) and all(parse_number(v) is not None for v in r.values)
               and not is_prose(r.label) for r in t.rows)


_HEADER_LINES_AND_BLANK = 4  # a Markdown header of two lines, its separator and the blank line after the rows


# ...only a financial statement's parts (a note's tables, a data summary's captions apart, are their own)
_PARTS_OF_STATEMENT = re.compile(r"balance sheets?|statements? of (?:cash flows?|operations|income|earnings|"
                                 r"financial position|comprehensive)|cash flows?|income statements?", re.I)
_NOTES = re.compile(r"\bnotes?\b", re.I)
# ...or a part that names itself as a statement's later part (above it, a balance sheet that lost its title)
_SUMMARY_TITLE = re.compile(r"\bselected\b|\bsummary\b|\bhighlights\b|\bkey figures\b|\bfinancial data\b", re.I)
_LATER_PART = re.compile(r"^liabilities\s+and\s+(?:(?:share|stock)holders['’]?\s+)?equity\b", re.I)


_PAGE_LINE = re.compile(r"(?:page (\d+), )?line (\d+)")


def _starts_near(prev: RawTable, t: RawTable) -> bool:
    """Whether `t` starts within a few lines of the end of `prev` (both located by their first line), or, in a PDF,
    at the top of the next page (a balance sheet's liabilities on the page after its assets)."""
    a, b = _PAGE_LINE.fullmatch(prev.where), _PAGE_LINE.fullmatch(t.where)
    if not (a and b):
        return False
    page_a, page_b = int(a.group(1) or 0), int(b.group(1) or 0)
    if page_b == page_a + 1 and page_a:
        return int(b.group(2)) <= 12
    return page_a == page_b and 0 < int(b.group(2)) - int(a.group(2)) <= len(prev.rows) + 8


_FOOTNOTE_REF = re.compile(r"\((\d{1,2})\)")


def without_footnote_column(table: RawTable) -> RawTable:
    """A first value column of footnote numbers ('(2)', '(3)', ... '(9)' down a reconciliation's rows, one
    number per row, rising by one): references to the notes under the table, never amounts (a column of
    bracketed amounts repeats and jumps). The rows without it; the table as it is when there is none."""
    rows = [r for r in table.rows if r.values]
    widths = [len(r.values) for r in rows]
    wide = max(set(widths), key=widths.count) if widths else 0
    firsts = [m for r in rows if len(r.values) == wide and (m := _FOOTNOTE_REF.fullmatch(r.values[0].strip()))]
    numbers = [int(m.group(1)) for m in firsts]
    if wide < 3 or len(numbers) < 3 or len(numbers) != widths.count(wide) or any(
            b != a + 1 for a, b in itertools.pairwise(numbers)):
        return table
    # a heading row between them prints only its own number ('Non-core items (1)')
    return replace(table, rows=tuple(
        replace(r, values=r.values[1:]) if len(r.values) == wide or (
            len(r.values) == 1 and _FOOTNOTE_REF.fullmatch(r.values[0].strip())) else r for r in table.rows))


def _common_width(table: RawTable) -> int:
    """How many values other than rates most of the table's rows print."""
    widths = [len([v for v in r.values if "%" not in v]) for r in table.rows if r.values]
    return max(set(widths), key=widths.count)


# a statement in percentages of its first line ('Sales | 100.0 % | 100.0 %' over 'Gross profit | 40.0 | 50.9', or
# headed '(As percentage of net revenues)'): every figure is a percentage, though only some print "%"
_OF_REVENUE = re.compile(r"\b(?:percent(?:age)?|%)\s+of\s+(?:total\s+|net\s+)*(?:revenues?|sales)\b", re.I)
_HUNDRED = re.compile(r"^100(?:\.0+)?\s?%$")
COMMON_SIZE_EXAMPLES = (  # (header, first row's cells, whether every figure is a percentage)
    ("2019 | 2018", ("100.0 %", "100.0 %"), True),
    ("2019 | 2018 | (As percentage of net revenues)", ("70%", "65%"), True),
    ("2019 | 2018", ("$ 1,200", "$ 1,100"), False),
    ("2019 | % of total | 2018 | % of total", ("1,200", "100%", "1,100", "100%"), False),  # shares beside amounts
    ("2019 | 2018 / % | %", ("2.9", "3.8"), True),  # a row of '%' marks under the years
)


# a reconciliation of rates ('Statutory federal income tax rate | 21.0%' ... 'Effective income tax rate | 13.0%'):
# its first and last lines print '%' in every cell, the steps between print bare small numbers ('3.7', '(9.9)')
RATE_STEPS_EXAMPLES = (  # (rows' cells, whether every figure is a percentage)
    ((("21.0%", "21.0%"), ("3.7", "3.7"), ("(9.9)", "—"), ("13.0%", "18.3%")), True),
    ((("21.0 %", "35.0 %"), ("(0.4)", "1.6"), ("24.1 %", "36.6 %")), True),
    ((("21.0%", "21.0%"), ("1,234", "1,100"), ("13.0%", "18.3%")), False),  # an amount between: no steps of rates
    ((("$ 2.9", "$ 3.8"), ("3.7", "3.7"), ("13.0%", "18.3%")), False),
    ((("21.0%", "21.0%"), ("13.0%", "18.3%")), False),  # no step between
)
_BARE_RATE = re.compile(r"\(?-?\d{1,2}(?:\.\d+)?\)?|[—–-]+")


def rate_steps(rows: Sequence[Sequence[str]]) -> bool:
    """Whether rows of cells reconcile one rate to another (see RATE_STEPS_EXAMPLES)."""
    if len(rows) < 3 or not all(ends and all("%" in c for c in ends) for ends in (rows[0], rows[-1])):
        return False
    return all(_BARE_RATE.fullmatch(c.strip()) or "%" in c for cells in rows[1:-1] for c in cells)


def common_size(table: RawTable) -> bool:
    """Whether the table states every figure as a percentage of its base line (see COMMON_SIZE_EXAMPLES)."""
    first = next((r for r in table.rows if r.values), None)
    if first is not None and len(first.values) >= 1 and all(_HUNDRED.match(v.strip()) for v in first.values):
        return True
    if any(PERCENT_MARKS.fullmatch(line) for line in table.header):
        return True  # '% | %' under the years: the unit of every column
    return bool(_OF_REVENUE.search(" | ".join(table.header))) and not any(
        re.search(r"\d,\d{3}", v) for r in table.rows for v in r.values)


def _full_width(table: RawTable) -> int:
    """How many values most of the table's rows print, rates included."""
    widths = [len(r.values) for r in table.rows if r.values]
    return max(set(widths), key=widths.count)


def _without_conflicts(facts: list[Fact], rows_of: list[int]) -> list[Fact]:
    """A row that prints two values for one period ('Fair value' and 'Carrying amount' both 'As at 30 June 2024';
    a header whose groups were lost) does not say which is the period's figure: neither is kept."""
    def slot(f: Fact, row_no: int) -> tuple:
        return row_no, f.label, f.period_end, f.months, f.currency, f.unit, f.section

    seen: dict[tuple, set[Decimal]] = {}
    for f, row_no in zip(facts, rows_of, strict=True):
        seen.setdefault(slot(f, row_no), set()).add(f.value)
    return [f for f, row_no in zip(facts, rows_of, strict=True) if len(seen[slot(f, row_no)]) == 1]


def _period_positions(header: tuple[str, ...], width: int, periods: int) -> list[int] | None:
    """Where a row's `width` cells stand under the header's period columns, when the last header line has a heading
    for each cell (after a stub heading such as 'EUR millions'), `periods` of them name no change; else None."""
    heads = _last_header_cells(header)
    if len(heads) == width + 1 and not re.search(r"\d", heads[0]):
        heads = heads[1:]
    if len(heads) != width:
        return None
    kept = [i for i, h in enumerate(heads) if not CHANGE_COLUMN.search(h)]
    return kept if len(kept) == periods else None


def _change_blocks(header_text: str) -> int:
    """How many blocks of change columns a header has. Adjacent change cells are one block ('2019 | 2018 |
    $ Difference | % Difference'; 'Percentage Change 2019 vs 2018 | Percentage Change 2018 vs 2017'); within a
    cell, change headings apart from each other are a block each (J&J's 'Percent Change Percent Change'), and
    together one ('Y/Y % Change')."""
    blocks, run = 0, 0
    for cell in (c for c in header_text.split("|") if c.strip()):
        marks = list(CHANGE_COLUMN.finditer(cell))
        if not marks:
            blocks, run = blocks + run, 0
            continue
        apart = 1 + sum(1 for a, b in zip(marks, marks[1:], strict=False)
                        if re.search(r"[A-Za-z]{3,}", cell[a.end():b.start()]))
        run = max(run, apart)
    return blocks + run


def _percent_columns(candidates: list, placed: list[list[int | None]], n: int) -> set[int]:
    """Columns in which most printed cells carry '%' (growth-rate columns print it on some cells only)."""
    with_pct = [0] * n
    total = [0] * n
    for (_, _, raws, _), placement in zip(candidates, placed, strict=True):
        for raw, col in zip(raws, placement, strict=True):
            if col is not None:
                total[col] += 1
                with_pct[col] += "%" in raw
    return {c for c in range(n) if total[c] and with_pct[c] > 0.5 * total[c]}


def _locator(table_no: int, row_no: int, col_no: int, where: str) -> str:
    """'table 2, row 14, column 3', with the page for PDFs ('table 9, row 3, column 1, page 7')."""
    page = re.match(r"page \d+", where)
    return f"table {table_no}, row {row_no}, column {col_no}" + (f", {page.group(0)}" if page else "")


def looks_like_a_table(rows: list[RawRow], columns: int = 0) -> bool:
    """Running text split at its numbers ("now expect our | organic revenue to increase 8 | percent") has
    lower-case fragments for labels and bare small numbers for values; a financial table has neither. Small
    numbers are a table's when every row prints one per column of a dated header that states their scale
    (`columns`: 'Salaries and fees | 4 | 4 | 4' under '2019 €m | 2018 €m | 2017 €m'): text split at its numbers
    gives rows of every width, and names no scale over them."""
    # an item marker before the label ('a. Revenue from operations', '(ii) Other income') is no lower-case text
    capitalised = sum(1 for r in rows if re.match(r"[\W\d]*[A-Z0-9(]", ITEM_MARKER.sub("", r.label)))
    bare = sum(1 for r in rows if all(re.fullmatch(r"\d{1,2}", v) for v in r.values))
    grid = columns >= 2 and all(len(r.values) == columns for r in rows)
    return capitalised >= 0.6 * len(rows) and (bare <= 0.5 * len(rows) or grid)


def statement_title(table: RawTable) -> str:
    parts = [p.strip() for p in table.title.split(" / ") if re.search(r"[A-Za-z]", p)]
    # a caption in the header's first cell ('Balance Sheet, Liquidity, and Capital Highlights ($ in billions)
    # | Three months ended') is the nearest title
    caption = [c for h in table.header[:1] for c in h.split(" | ")[:1] if len(_WORDS.findall(c)) >= 3]
    for p in reversed(parts + caption):
        if re.search(r"statements?|balance|reconciliation|results|highlights|summary|data|information|"
                     r"cash flows?|income|operations|segment", p, re.I) and not p.startswith("("):
            return _tidy(p)
    named = [p for p in parts if not p.startswith("(")]  # a caption ('(In millions)') names no statement
    return _tidy(named[-1]) if named else f"Table {table.position}"


def _tidy(title: str) -> str:
    title = re.sub(r"\s+", " ", title).strip()
    return title.capitalize() if title.isupper() else title
