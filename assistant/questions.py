"""Question -> Intent: which companies, which metric(s), which period(s), which currency, which operation.

The grammar of periods and the analysts' names of metrics are specific to financial questions, so they are
written here as regular expressions; close misspellings of company names are matched with rapidfuzz.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from rapidfuzz.distance import OSA

from assistant.operations import AVERAGE_ROW, WORDED, Operation, words
from assistant.scope import Company, Scope
from assistant.spans import TextForm, form_of
from index.metrics import STANDARD_METRICS, canonical_metric, normalise_label, without_glued_marks
from index.numbers import currency_code, without_scale_captions
from index.periods import FULL_DATE_RE, parse_date, weeks_to_months
from lexicon.calendar import MONTH, NUMBER_WORDS, ORDINALS, WEEK_WORDS
from lexicon.metrics import ABBREVIATIONS, REGIONS, WHOLE_NAMES
from lexicon.words import PERIODS_ASKED, QUESTION_WORDS, corrected


class PeriodKind(StrEnum):
    QUARTER = "quarter"  # Q2 2025, fiscal 2026 Q1, second quarter of 2025
    HALF = "half"  # H1 2025, first half of 2025
    NINE_MONTHS = "nine_months"  # 9M 2025, first nine months of 2025
    YEAR = "year"  # FY2024, fiscal 2024, full year 2024, 2024
    SPAN = "span"  # three / six / nine / twelve months ended <date>
    INSTANT = "instant"  # as of <date>
    YEAR_END = "year_end"  # end of 2024
    DATE = "date"  # a bare date: a balance at it, or the quarter ending on it
    LATEST = "latest"  # this quarter, last quarter, the latest quarter
    LAST_N = "last_n"  # the last six quarters
    YEAR_TO_DATE = "year_to_date"  # this year so far, YTD: the fiscal year up to the latest quarter


@dataclass(frozen=True)
class PeriodRef:
    kind: PeriodKind
    year: int | None = None  # the fiscal year as the company names it
    number: int = 0  # quarter or half number; N of LAST_N
    end: date | None = None
    months: int = 3
    text: str = ""
    back: int = 0  # quarters before the period named ("and a year earlier?" after Q2 2025: 4)

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Intent:
    question: str
    operation: Operation = Operation.VALUE
    companies: tuple[str, ...] = ()  # legal names, in the order the question names them
    metrics: tuple[str, ...] = ()  # metric phrases, abbreviations expanded ("general and administrative expenses")
    wording: str = ""  # the metric as worded, only names, periods and question words removed ("net increase in
    #                    cash, cash equivalents and restricted cash"): matched too, for rows named with filler words
    periods: tuple[PeriodRef, ...] = ()
    currency: str | None = None
    percent: bool = False  # the question asks for a percentage (growth rate, share)
    unknown_company: str | None = None  # a name that is no company in scope ("Tesla")
    ambiguous: tuple[str, ...] = ()  # several companies match the name the question uses
    inherited: tuple[str, ...] = field(default=(), compare=False)  # parts taken from the previous question
    # "in which years did X exceed $5 million": keep the periods whose value is above (">") or below ("<") it
    threshold: tuple[str, Decimal] | None = None
    unread_period: str = ""  # a phrase naming a period no release can hold ("last 1000000000000 quarters")
    back: int = 0  # "and a year earlier?" / "the quarter before?": quarters before the periods of the previous turn
    lowest_first: bool = False  # RANK: the smallest first ("which company grew slowest")
    by_growth: bool = False  # RANK: by the change year over year ("grew fastest"), not by the value
    side_by_side: bool = False  # "EPS 3Q FY24 vs a year earlier": the two values first, then their change
    at_end: bool = False  # "unearned revenue balance at the end of 3Q24": the balance, not the quarter's flow
    of_parts: bool = False  # RANK within a company: "which segment of Alphabet grew fastest"
    # what answering needs of the question's wording, read here once (answering never reads the text itself)
    asks_years: bool = False  # "which year ...": a question naming no period means the latest year, not quarter
    periods_asked: bool = False  # "In which years was X calculated?", "What years does the table show?"
    lists_parts: bool = False  # "What are the components of X?": a list of rows, not a figure
    ranged: bool = False  # "between 2017 and 2019", "2017-2019": every period between the two named
    asks_rate: bool = False  # "EBITDA %": the row printed as a percentage
    asks_count: bool = False  # "how many", "number of": a count, never an amount
    says_total: bool = False  # "the total X in 2018 and 2019": a series summed
    words: str = ""  # the question's words, lower case: the heading of a row the question names wins
    text_form: TextForm | None = None  # what a text answer would quote (assistant.spans): a date, a reason, ...


# --- periods --------------------------------------------------------------------------------------------------

_DATE = FULL_DATE_RE.pattern

_PERIOD_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("span", re.compile(rf"\b(three|six|nine|twelve|3|6|9|12)[\s-]+months?\s+(?:period\s+)?end(?:ed|ing)\s+(?:on\s+)?"
                        rf"{_DATE}", re.I)),
    ("span_w", re.compile(rf"\b(\d\d|thirteen|fourteen|twenty[\s-]six|thirty[\s-]nine|fifty[\s-]two|fifty[\s-]three)"
                          rf"[\s-]+weeks?\s+(?:period\s+)?end(?:ed|ing)\s+(?:on\s+)?{_DATE}", re.I)),
    ("span_q", re.compile(rf"\b(?:fiscal\s+)?quarter\s+end(?:ed|ing)\s+(?:on\s+)?{_DATE}", re.I)),
    ("span_y", re.compile(rf"\b(?:fiscal\s+)?years?\s+end(?:ed|ing)\s+(?:on\s+)?{_DATE}", re.I)),
    ("instant", re.compile(rf"\b(?:as\s+(?:of|at)|at|on)\s+(?:the\s+end\s+of\s+)?{_DATE}", re.I)),
    ("date", re.compile(rf"{_DATE}", re.I)),
    # "between June 30 and September 30, 2025": the first date takes the year written after the second
    ("md_pair", re.compile(rf"\b({MONTH})\.?\s+(\d{{1,2}})"
                           r"(?=\s+(?:and|to|through|until|vs\.?|versus)\s+[A-Za-z]+\.?\s+\d{1,2},?\s+((?:19|20)\d\d))",
                           re.I)),
    ("short_date", re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b")),
    ("ye", re.compile(r"\b(?:at\s+|by\s+)?ye\s*'?((?:19|20)?\d\d)\b", re.I)),
    ("month_q", re.compile(rf"\b({MONTH})\.?\s+((?:19|20)\d\d)\s+"
                           r"(quarter|half[\s-]year|year)\b", re.I)),
    ("year_end", re.compile(r"\b(?:at\s+|by\s+)?(?:the\s+)?(?:end\s+of|year[\s-]end)\s+(?:fiscal\s+(?:year\s+)?|fy\s*)?"
                            r"((?:19|20)\d\d)\b", re.I)),
    # "YTD through 3Q25", "year to date through the third quarter of 2025": the year's quarters up to that one
    ("ytd_q", re.compile(r"\b(?:ytd|year[\s-]to[\s-]date)\s+(?:through|thru|to|as\s+of|at|in|for)?\s*(?:the\s+)?"
                         r"(?:q([1-4])|([1-4])q|(first|second|third|fourth)\s+quarter)\s*(?:of\s+)?"
                         r"(fiscal\s+(?:year\s+)?|fy\s*)?'?((?:19|20)?\d\d)\b", re.I)),
    ("ytd", re.compile(r"\b(?:ytd|(?:fiscal\s+)?year[\s-]to[\s-]date|(?:this|the|the\s+current)\s+(?:fiscal\s+)?year\s+"
                       r"so\s+far|so\s+far\s+this\s+(?:fiscal\s+)?year)\b", re.I)),
    ("q_fy", re.compile(r"\b(?:fiscal\s+(?:year\s+)?|fy\s*'?)((?:19|20)?\d\d)\s*,?\s*(?:q([1-4])|([1-4])q|"
                        r"(first|second|third|fourth)\s+quarter)\b", re.I)),
    ("q", re.compile(r"\bf?q([1-4])\s*(?:of\s+)?(fiscal\s+(?:year\s+)?|fy\s*'?)?'?((?:19|20)?\d\d)\b", re.I)),
    ("q", re.compile(r"\b([1-4])q\s*(fiscal\s+|fy\s*)?'?((?:19|20)?\d\d)\b", re.I)),
    ("q", re.compile(r"\b(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal\s+)?quarter\s+(?:of\s+|in\s+)?"
                     r"(fiscal\s+(?:year\s+)?|fy\s*)?((?:19|20)\d\d)\b", re.I)),
    ("half", re.compile(r"\b(first|second)\s+half\s+(?:of\s+)?(fiscal\s+(?:year\s+)?|fy\s*)?((?:19|20)\d\d)\b", re.I)),
    ("half", re.compile(r"\b(?:h([12])|([12])h)\s*(fiscal\s+|fy\s*)?'?((?:19|20)?\d\d)\b", re.I)),
    ("nine", re.compile(r"\b(?:first\s+)?nine\s+months\s+(?:of\s+)?(fiscal\s+(?:year\s+)?|fy\s*)?((?:19|20)\d\d)\b"
                        r"|\b9m\s*(fy\s*)?'?((?:19|20)?\d\d)\b", re.I)),
    ("ttm", re.compile(r"\b(ttm|ltm|trailing[\s-]+(twelve|12)[\s-]+months?|last[\s-]+(twelve|12)[\s-]+months?)\b",
                       re.I)),
    ("each_q", re.compile(r"\b(?:each|every|all)\s+(?:fiscal\s+)?quarters?\s+(?:of|in)\s+(fiscal\s+|fy\s*)?"
                          r"((?:19|20)\d\d)\b", re.I)),
    ("last_n", re.compile(r"\b(?:last|past|previous|prior|trailing|recent)\s+(two|three|four|five|six|seven|eight|"
                          r"nine|ten|twelve|\d{1,2})\s+(quarters|years|fiscal\s+years)\b", re.I)),
    ("latest", re.compile(r"\b(?:this|last|latest|current|most\s+recent|the\s+recent|recent|past|reported)\s+"
                          r"(?:fiscal\s+)?quarter\b", re.I)),
    ("latest_year", re.compile(r"\b(?:this|last|latest|current|most\s+recent)\s+(?:fiscal\s+)?year\b", re.I)),
    ("fy", re.compile(r"\b(?:fy|f(?=\d\d\b)|fiscal\s+(?:year\s+)?)\s*'?((?:19|20)?\d\d)\b|"
                      r"\b((?:19|20)\d\d)\s+fiscal\s+year\b|"
                      r"\bfull[\s-]+year\s+(?:of\s+)?((?:19|20)\d\d)\b", re.I)),
    ("q_only", re.compile(r"\bq([1-4])\b|\b(first|second|third|fourth)\s+quarter\b|\b([1-4])q\b", re.I)),
    ("half_only", re.compile(r"\b(first|second)\s+half\b|\bh([12])\b", re.I)),
    ("year", re.compile(r"(?<![\d.,$])\b((?:19|20)\d\d)\b(?![\d%,.]\d)", re.I)),
]


def _year(text: str | None) -> int | None:
    if not text:
        return None
    y = int(text)
    return y + 2000 if y < 100 else y


@dataclass(frozen=True)
class UnreadPeriod:
    """A way a question names a period that no release can hold, with examples a test runs: the question is sent
    back naming the phrase, never answered for another period (the latest quarter) as if none were named."""

    name: str
    pattern: re.Pattern[str]
    examples: tuple[str, ...]
    not_examples: tuple[str, ...] = ()


UNREAD_PERIODS = (
    UnreadPeriod("more periods than any release covers",
                 re.compile(r"\b(?:last|past|previous|prior|trailing|recent)\s+(?:\d{3,}|\d{1,3}(?:,\d{3})+)\s+"
                            r"(?:fiscal\s+)?(?:quarters|years|halves|periods)\b", re.I),
                 ("revenue for the last 1000000000000 quarters", "net income over the past 1,000 years"),
                 ("revenue for the last 12 quarters", "the last six quarters", "last 40 fiscal years")),
    UnreadPeriod("a fiscal year of five digits or more, or outside 1900-2099",
                 re.compile(r"\b(?:fiscal(?:\s+year)?|fy|(?:full|calendar)[\s-]+year|year)\s*'?(?:\d{5,}|1[0-8]\d\d|2[1-9]\d\d|"
                            r"[3-9]\d\d\d)\b", re.I),
                 ("revenue in fiscal 99999999999999999999", "FY3025 revenue", "net income in fiscal year 1850"),
                 ("revenue in fiscal 2025", "FY25 revenue", "fiscal year 1999", "the year 2024")),
    UnreadPeriod("a quarter or half that does not exist",
                 re.compile(r"\bQ[05-9]\s*(?:fy\s*)?'?(?:19|20)?\d\d\b|\b[05-9]Q\s*'?\d\d\b|\bH[03-9]\s*'?(?:19|20)\d\d\b|"
                            r"\b(?:fifth|sixth|seventh|eighth)\s+(?:fiscal\s+)?quarter\b", re.I),
                 ("revenue in Q7 2025", "Q5 FY25 revenue", "the fifth quarter of 2024", "H3 2025 sales"),
                 ("revenue in Q4 2025", "4Q24 revenue", "H2 2025 sales", "the fourth quarter")),
    UnreadPeriod("a year of five digits or more",
                 re.compile(r"\b(?:in|for|during|of|since)\s+(?:\d{5,})\b(?!\s*(?:%|[a-z]))", re.I),
                 ("revenue in 99999999999999999999", "net income for 20255?"),
                 ("revenue in 2025", "revenue in 10000 stores", "sales of 12000 units")),
)


def unread_period(question: str) -> str:
    """The phrase of the question that names a period no release can hold ('' when there is none)."""
    for rule in UNREAD_PERIODS:
        m = rule.pattern.search(question)
        if m:
            return m.group(0).strip()
    return ""


def find_periods(question: str) -> tuple[list[PeriodRef], list[tuple[int, int]]]:
    """The periods a question names, in the order written, and the spans of text they occupy."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, PeriodRef]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for kind, rx in _PERIOD_PATTERNS:
        for m in rx.finditer(question):
            if not free(m.start(), m.end()):
                continue
            ref = _period_from(kind, m)
            if ref is None:
                continue
            taken.append((m.start(), m.end()))
            found.append((m.start(), ref))
    found.sort(key=lambda x: x[0])
    found = _dated_years(question, found, taken)
    if any(r.kind != PeriodKind.LATEST for _, r in found):
        # "the 2019 current year tax expense": beside a period named, 'current year' names the row's kind of tax
        current = [(a, r) for a, r in found if r.kind == PeriodKind.LATEST and re.match(
            r"current\s+(?:fiscal\s+)?year\b", r.text, re.I)]  # never 'Current quarter vs prior year quarter'
        found = [x for x in found if x not in current]
        taken = [sp for sp in taken if sp[0] not in {a for a, _ in current}]
    refs = [r for _, r in found]
    # "Q1 and Q2 2025": a quarter without a year takes the year written after it
    out: list[PeriodRef] = []
    for i, r in enumerate(refs):
        if r.kind in (PeriodKind.QUARTER, PeriodKind.HALF) and r.year is None:
            later = next((x.year for x in refs[i + 1:] if x.year is not None), None)
            r = replace(r, year=later)
        out.append(r)
    # markers: "TTM" makes the quarter named (or the latest) a trailing twelve months; "each quarter of 2024" is
    # the year's four quarters
    if any(r.months == -12 for r in out):
        rest = [r for r in out if r.months != -12]
        out = [replace(r, months=12) if r.kind == PeriodKind.QUARTER else r for r in rest] or \
            [PeriodRef(PeriodKind.LATEST, months=12, text="trailing twelve months")]
    expanded: list[PeriodRef] = []
    for r in out:
        if r.kind == PeriodKind.YEAR and r.months == -3:
            expanded.extend(PeriodRef(PeriodKind.QUARTER, year=r.year, number=q, text=r.text) for q in (1, 2, 3, 4))
        else:
            expanded.append(r)
    return expanded, taken


_YEAR_LIST = re.compile(r"\b((?:19|20)\d\d),((?:19|20)\d\d)\b")
# "October 31, 2019 and 2018", "the years ended December 31, 2019, 2018 and 2017": a bare year joined to a day
# of the year takes that day
_JOINED_YEAR = re.compile(r"\s*,?\s*(?:and|or|to|through|vs\.?|versus|compared\s+(?:to|with))?\s*$", re.I)


def _dated_years(question: str, found: list[tuple[int, PeriodRef]],
                 taken: list[tuple[int, int]]) -> list[tuple[int, PeriodRef]]:
    out: list[tuple[int, PeriodRef]] = []
    span_of = dict(taken)
    for start, ref in found:
        prev = out[-1][1] if out else None
        prev_end = span_of.get(out[-1][0], out[-1][0]) if out else 0
        if (ref.kind == PeriodKind.YEAR and ref.year and prev is not None and prev.end is not None
                and prev.kind in (PeriodKind.DATE, PeriodKind.INSTANT, PeriodKind.SPAN)
                and _JOINED_YEAR.fullmatch(question[prev_end:start])):
            day = min(prev.end.day, calendar.monthrange(ref.year, prev.end.month)[1])
            ref = replace(prev, end=date(ref.year, prev.end.month, day), text=ref.text)
        out.append((start, ref))
    return out


def _period_from(kind: str, m: re.Match[str]) -> PeriodRef | None:
    text = m.group(0).strip()
    g = m.groups()
    if kind == "span":
        end = parse_date(text)
        months = NUMBER_WORDS.get(g[0].lower()) or int(g[0])
        return PeriodRef(PeriodKind.SPAN, end=end, months=months, text=text) if end else None
    if kind == "span_w":
        end = parse_date(text)
        word = g[0].lower().replace(" ", "-")
        weeks = int(word) if word.isdigit() else WEEK_WORDS[word]
        return PeriodRef(PeriodKind.SPAN, end=end, months=weeks_to_months(weeks), text=text) if end else None
    if kind in ("span_q", "span_y"):
        end = parse_date(text)
        months = 3 if kind == "span_q" else 12
        return PeriodRef(PeriodKind.SPAN, end=end, months=months, text=text) if end else None
    if kind in ("instant", "date"):
        end = parse_date(text)
        k = PeriodKind.INSTANT if kind == "instant" else PeriodKind.DATE
        return PeriodRef(k, end=end, months=0, text=text) if end else None
    if kind == "md_pair":
        end = parse_date(f"{g[0]} {g[1]}, {g[2]}")
        return PeriodRef(PeriodKind.DATE, end=end, months=0, text=text) if end else None
    if kind == "short_date":
        try:
            end = date(_year(g[2]) or 0, int(g[0]), int(g[1]))
        except ValueError:
            return None
        return PeriodRef(PeriodKind.DATE, end=end, months=0, text=text)
    if kind == "ye":
        return PeriodRef(PeriodKind.YEAR_END, year=_year(g[0]), months=0, text=text)
    if kind == "month_q":
        end = parse_date(f"{g[0][:3]} 28, {g[1]}")
        if end is None:
            return None
        end = end.replace(day=calendar.monthrange(end.year, end.month)[1])
        months = {"q": 3, "h": 6, "y": 12}[g[2][0].lower()]
        return PeriodRef(PeriodKind.SPAN, end=end, months=months, text=text)
    if kind == "year_end":
        return PeriodRef(PeriodKind.YEAR_END, year=_year(g[0]), months=0, text=text)
    if kind == "q_fy":
        q = int(g[1] or g[2] or ORDINALS[g[3].lower()])
        return PeriodRef(PeriodKind.QUARTER, year=_year(g[0]), number=q, text=text)
    if kind == "q":
        q = int(g[0]) if g[0].isdigit() else ORDINALS[g[0].lower()]
        return PeriodRef(PeriodKind.QUARTER, year=_year(g[2]), number=q, text=text)
    if kind == "half":
        if len(g) == 3:
            h = 1 if g[0].lower() == "first" else 2
            return PeriodRef(PeriodKind.HALF, year=_year(g[2]), number=h, months=6, text=text)
        return PeriodRef(PeriodKind.HALF, year=_year(g[3]), number=int(g[0] or g[1]), months=6, text=text)
    if kind == "ytd_q":
        q, year = int(g[0] or g[1] or ORDINALS[g[2].lower()]), _year(g[4])
        if q == 1:
            return PeriodRef(PeriodKind.QUARTER, year=year, number=1, text=text)
        if q == 2:
            return PeriodRef(PeriodKind.HALF, year=year, number=1, months=6, text=text)
        if q == 3:
            return PeriodRef(PeriodKind.NINE_MONTHS, year=year, months=9, text=text)
        return PeriodRef(PeriodKind.YEAR, year=year, months=12, text=text)
    if kind == "ytd":
        return PeriodRef(PeriodKind.YEAR_TO_DATE, months=0, text=text)
    if kind == "nine":
        return PeriodRef(PeriodKind.NINE_MONTHS, year=_year(g[1] or g[3]), months=9, text=text)
    if kind == "last_n":
        n = int(g[0]) if g[0].isdigit() else NUMBER_WORDS[g[0].lower()]
        months = 3 if g[1].lower().startswith("quarter") else 12
        return PeriodRef(PeriodKind.LAST_N, number=n, months=months, text=text)
    if kind == "latest":
        return PeriodRef(PeriodKind.LATEST, months=3, text=text)
    if kind == "ttm":
        return PeriodRef(PeriodKind.LATEST, months=-12, text=text)  # a marker: the quarter named, trailing twelve
    if kind == "each_q":
        return PeriodRef(PeriodKind.YEAR, year=_year(g[1]), months=-3, text=text)  # a marker: its four quarters
    if kind == "latest_year":
        return PeriodRef(PeriodKind.LATEST, months=12, text=text)
    if kind == "fy":
        return PeriodRef(PeriodKind.YEAR, year=_year(g[0] or g[1] or g[2]), months=12, text=text)
    if kind == "q_only":
        q = int(g[0] or g[2]) if (g[0] or g[2]) else ORDINALS[g[1].lower()]
        return PeriodRef(PeriodKind.QUARTER, number=q, text=text)
    if kind == "half_only":
        h = int(g[1]) if g[1] else (1 if g[0].lower() == "first" else 2)
        return PeriodRef(PeriodKind.HALF, number=h, months=6, text=text)
    if kind == "year":
        return PeriodRef(PeriodKind.YEAR, year=_year(g[0]), months=12, text=text)
    return None


# --- operations -----------------------------------------------------------------------------------------------

_AVERAGE_ROW = AVERAGE_ROW
_MEAN_OVER_PERIODS = re.compile(r"(?<!weighted )(?<!weighted-)(?<!\bon )\b(?:average|mean|avg)\b", re.I)

# "what does X include / represent / refer to", "how is X calculated", "what is the definition of X"
_DEFINE = words(Operation.DEFINE)
_DEFINE_WORDS = re.compile(r"\b(mean|means|refers?|to|represents?|includes?|included|excludes?|excluded|consists?|of|"
                           r"comprises?|cover|from|"
                           r"reflects?|defined|definition|define|calculated|calculate|computed|measured|measure|"
                           r"determined|derived|meant|by)\b", re.I)

# "How did Nvidia do?", "quick summary of Golden Matrix's Q3 2025", "how was Microsoft's quarter?"
SUMMARY = words(Operation.SUMMARY)

_OPERATIONS = WORDED  # assistant.operations: each operation's words, with examples
_PERCENT_WORDS = re.compile(r"(%|\bpercent(age)?\b|\bgrowth\s+rate\b|\bby\s+how\s+much\s+percent\b|\brate\b|"
                            r"\bgrowth\b|\bgrow\b|\bgrew\b|\by-?o-?y\b|\bq-?o-?q\b|\by/y\b|\bq/q\b)", re.I)
_ABSOLUTE_WORDS = re.compile(r"\b(how\s+much|absolute|in\s+(rmb|usd|dollars|\$)|by\s+how\s+many|amount)\b", re.I)

# --- metrics --------------------------------------------------------------------------------------------------

_FILLER = re.compile(
    r"(?<![\w-])(what|whats|what's|which|who|how|much|many|did|does|do|was|were|is|are|be|been|the|a|an|its|it|their|"
    r"they|in|for|of|at|on|during|over|from|to|by|with|and|or|vs|versus|compared|compare|comparison|between|"
    r"report(ed|s)?|show(ed|s)?|give|me|tell|us|please|about|value|figure|number|amount|level|company|"
    r"company's|companies|quarter|quarters|period|periods|year|years|fiscal|ended|ending|end|as|than|that|this|"
    r"these|those|there|versus|vs\.|then|so|can|you|i|we|our|has|have|had|across|among|respectively|respective|both|"
    r"whole|entire|overall|latest|last|previous|prior|recent|same|ago|earlier|time|trend|each|every|"
    r"change[sd]?|grow(th|n|ing)?|grew|increase[sd]?|decrease[sd]?|decline[sd]?|rise|rose|fall|fell|drop(ped)?|"
    r"difference|differ|jump(ed)?|up|down|move[sd]?|improve[sd]?|widen(ed)?|narrow(ed)?|shrink|shrank|"
    r"expand(ed)?|(?<!tax )(?<!interest )(?<!exchange )(?<!discount )rate|percent|percentage|absolute|yoy|qoq|"
    r"y-o-y|q-o-q|y/y|q/q|year-over-year|quarter-over-quarter|"
    r"sequential(ly)?|highest|largest|biggest|peak(ed)?|maximum|max|best|strongest|lowest|smallest|minimum|min|"
    r"worst|weakest|least|fastest|quickest|slowest|fast|faster|quickly|firm|corpus|index|who|why|drove|"
    r"drives|drive|driven|drivers?|caused?|causes|explain(s|ed)?|reasons?|behind|"
    r"led|lead|come|series|history|quarterly|annual|sum|combined|together|plus|add(ed)?|ratio|divided|"
    r"(?<!weighted )(?<!\bon )average" + _AVERAGE_ROW + r"|mean|avg|"
    r"proportion|mix|times|multiple|over|year|on|main|mainly|primary|primarily|key|were|in\s+usd|"
    r"in\s+rmb|us\s+dollars?|dollars?|renminbi|so|far|first|second|third|fourth|half|one|six|three|seven|eight|nine|ten|"
    r"twelve|two|"
    r"four|five|months?|weeks?|q[1-4]|fy|h[12]|all|only|just|again|also|too|instead|same|then|now|and\s+what|"
    r"it's|recorded|posted|earned|made|spent|come\s+in|came\s+in|come|came|stand|stood|look|like|"
    r"spend|spending|carry|carried|record|book(ed)?|bring|brought|get|got|represent(ed|s)?|account(ed)?|make|"
    r"makes|big|large|size|hold|held|incur(red)?|deliver(ed)?|achieve[d]?|see|saw|within|inside|under|line|item|"
    r"percentage\s+points?|points?|pp|bps|basis|on\s+the\s+balance\s+sheet|balance\s+sheet|income\s+statement|"
    r"statement|reconciliation|according|release|press|go|goes|went|gone|ttm|ltm|trailing|twelve|post|posted|sat|"
    r"weigh(?:ed|s|ing)?|hurt|held|dragged|boosted|helped|lifted|pressured|"
    r"sit|sits|flat|lower|higher|larger|greater|smaller|bigger|surge[sd]?|swing|swung|expansion|contraction|ytd|through|thru)(?![\w-])",
    re.I)


def _LEXICON_SPELLS(token: str) -> bool:  # noqa: N802 - reads as the predicate it is
    return any(r.finds(token) for r in ABBREVIATIONS + REGIONS)


def _SPELT_IN_ROWS(token: str, scope: Scope) -> bool:  # noqa: N802
    """The acronym is itself a word of the rows ('SCS total revenue' is a row of Ryder's): no expansion."""
    return any(token.lower() in scope.words(c) for c in scope.companies)


_FILLER_WORDS = frozenset(re.findall(r"[a-z]{4,}", _FILLER.pattern))  # known words, never "mended"

_QUESTION_WORDS = re.compile(
    r"^\s*(what|how\s+much|how\s+many|which|tell\s+me|show\s+me|give\s+me)\b|\b(was|were|is|are|did|does|the|its|"
    r"their|in|for|at|of\s+the|as\s+of|during)\s*$|\b(was|were|is|are|did|does)\b", re.I)


def metric_words(text: str) -> str:
    """The words of a metric phrase without filler, abbreviations expanded."""
    out = text
    for r in ABBREVIATIONS + REGIONS:
        out = r.apply(out)
    out = re.sub(r"[?!.,;:()\"“”]", " ", out)
    out = re.sub(r"'s\b|’s\b", " ", out)
    return re.sub(r"\s+", " ", out).strip()


# --- companies ------------------------------------------------------------------------------------------------

_UNWORDLIKE = re.compile(r"[^aeiouy]{3}|^[^aeiouy]+$")  # 'nvda', 'amzn', 'msft': no word of a question


def find_companies(question: str, scope: Scope) -> tuple[list[str], list[tuple[int, int]], tuple[str, ...]]:
    """Companies named in the question (exact names first, then close misspellings), their text spans, and the
    candidates when a name fits several companies equally."""
    low = question.lower()
    hits: list[tuple[int, int, str]] = []
    for name, needle, case_sensitive, pattern in scope.derived("company names", lambda: _name_patterns(scope)):
        text = question if case_sensitive else low
        if needle in text:  # most names are in no question: a substring test first, the pattern only then
            hits.extend((m.start(), m.end(), name) for m in pattern.finditer(text))
    # a longer name wins over a shorter one inside it ("Kingsoft Cloud" over "Kingsoft")
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    kept: list[tuple[int, int, str]] = []
    for h in hits:
        if any(h[0] >= k[0] and h[1] <= k[1] and (h[0], h[1]) != (k[0], k[1]) for k in kept):
            continue
        kept.append(h)
    by_span: dict[tuple[int, int], list[str]] = {}
    for a, b, name in kept:
        by_span.setdefault((a, b), [])
        if name not in by_span[(a, b)]:
            by_span[(a, b)].append(name)
    names: list[str] = []
    ambiguous: tuple[str, ...] = ()
    for names_here in by_span.values():
        if len(names_here) == 1:
            if names_here[0] not in names:
                names.append(names_here[0])
        else:
            ambiguous = tuple(names_here)
    spans = list(by_span)
    if not names and not ambiguous:
        names, spans = _fuzzy_companies(question, scope)
    if not names and not ambiguous:
        names, spans = _near_tickers(question, scope)
    return names, spans, ambiguous


def _name_patterns(scope: Scope) -> list[tuple[str, str, bool, re.Pattern[str]]]:
    """Each company alias as (company, the text to look for, whether case counts, its compiled pattern), made once
    for the same documents (a thousand companies' aliases would overflow re's cache of compiled patterns)."""
    out = []
    for company in scope.companies.values():
        for alias in company.aliases:
            # "ULTA" the ticker, "Ulta" the name; a short ticker that spells a word ("KO", "ON") only in capitals,
            # one that spells none ("nvda", "amzn") in any case
            case_sensitive = bool(company.ticker and alias == company.ticker.lower() and len(alias) <= 4
                                  and alias not in company.name_aliases
                                  and (len(alias) < 4 or alias in QUESTION_WORDS or not _UNWORDLIKE.search(alias)))
            needle = company.ticker if case_sensitive and company.ticker else alias
            out.append((company.name, needle, case_sensitive,
                        re.compile(rf"(?<![\w&]){re.escape(needle)}(?![\w&])")))
    return out


def _near_tickers(question: str, scope: Scope) -> tuple[list[str], list[tuple[int, int]]]:
    """'GOOGL' for GOOG: an upper-case word one letter away from a ticker of four letters or more."""
    found: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in re.finditer(r"\b[A-Z]{4,6}\b", question):
        if _KNOWN_CAPITALISED.match(m.group(0)):
            continue
        near = [c.name for c in scope.companies.values() if c.ticker and len(c.ticker) >= 4
                and OSA.distance(m.group(0), c.ticker) == 1]
        if len(near) == 1 and near[0] not in found:
            found.append(near[0])
            spans.append((m.start(), m.end()))
    return found, spans


def _fuzzy_companies(question: str, scope: Scope) -> tuple[list[str], list[tuple[int, int]]]:
    """'Kingsfot Cloud', 'Nvidea': a run of one to three words within a small edit distance of a name."""
    words = list(re.finditer(r"[A-Za-z][\w&.-]*", question))
    found: list[str] = []
    spans: list[tuple[int, int]] = []
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            a, b = words[i].start(), words[i + n - 1].end()
            if any(not (b <= s or a >= e) for s, e in spans):
                continue
            text = question[a:b].lower().rstrip(".'’s")
            for company in scope.companies.values():
                for alias in company.aliases:
                    if len(alias) < 5 or alias.count(" ") != n - 1:
                        continue
                    allowed = 1 if len(alias) < 8 else 2
                    if abs(len(text) - len(alias)) <= allowed and OSA.distance(text, alias) <= allowed:
                        if company.name not in found:
                            found.append(company.name)
                        spans.append((a, b))
                        break
    return found, spans


_KNOWN_CAPITALISED = re.compile(
    r"^(what|how|why|which|who|when|where|did|does|do|is|are|was|were|give|show|tell|list|compare|explain|and|"
    r"gaap|non-gaap|eps|ebitda|ebit|fy|q[1-4]|h[12]|r&d|g&a|sg&a|s&m|usd|rmb|eur|us|yoy|qoq|ttm|capex|opex|fcf|"
    r"cogs|ceo|cfo|jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|"
    r"oct(ober)?|nov(ember)?|dec(ember)?|adjusted|total|net|operating|gross|revenue|revenues|free|cash|the|in|"
    r"for|of|at|i|a|an|what's|whats|please|hi|hello|also|then|now|ok|okay|thanks|first|second|third|fourth|"
    r"fiscal|quarter|year|half|cost|selling|general|research|sales|ebitdar|capex|opex|gaap|ttm|ltm|fcf|nim)$",
    re.I)


def unknown_name(question: str, scope: Scope, spans: list[tuple[int, int]]) -> str | None:
    """A capitalised name the question uses that is no company, metric or row in scope ("Tesla's revenue")."""
    vocabulary: set[str] = set()
    for company in scope.companies:
        vocabulary |= scope.words(company)
    for m in re.finditer(r"\b[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*)*", question):
        if any(not (m.end() <= s or m.start() >= e) for s, e in spans):
            continue
        bare = [re.sub(r"['’]s?$", "", w) for w in m.group(0).split()]
        words = [w for w in bare if w and not _KNOWN_CAPITALISED.match(w)]
        words = [w for w in words if w.lower() not in vocabulary and not w.isupper()]
        if words:
            return " ".join(words)
    return None


# --- the whole question ---------------------------------------------------------------------------------------

# a superlative across companies: "which company", "who had the best", "in the corpus", "among them"
_ACROSS = re.compile(r"\b(?:which|what)\s+(?:company|companies|firm|issuer|of\s+(?:them|these|the\s+companies))\b|"
                     r"^\s*who\b|\bwho\s+(?:had|has|grew|did|was|posted|reported)\b|\bin\s+the\s+(?:corpus|index)\b|"
                     r"\bamong\s+(?:them|the\s+companies|all)\b", re.I)
_PARTS = re.compile(r"\b(?:which|what)\s+(?:\S+\s+){0,2}?(?:segments?|divisions?|business(?:es)?|units?|"
                    r"product\s+lines?)\b", re.I)
_GROWTH_RANK = re.compile(r"\b(?:grew|grow(?:s|ing|th)?|fastest|slowest|quickest)\b", re.I)
_LOW_RANK = re.compile(r"\b(?:lowest|smallest|minimum|min|worst|weakest|least|slowest)\b", re.I)

_AT_END = re.compile(r"\bbalances?\b(?!\s+sheets?)|\b(?:at|as\s+of|by)\s+(?:the\s+)?end\s+of\b|"
                     r"^(?:(?!\b(?:during|over|for|in)\b).)*\bend\s+of\s+(?:the\s+)?(?:q[1-4]|[1-4]q|quarter|period)",
                     re.I)
_VERSUS = re.compile(r"\b(?:vs\.?|versus|compared\s+(?:to|with)|against)\b", re.I)
_CHANGE_WORDS = re.compile(r"\b(?:change[sd]?|grow(?:th|n|ing)?|grew|increase[sd]?|decrease[sd]?|decline[sd]?|rise|"
                           r"rose|fall|fell|drop(?:ped)?|differ(?:ence)?|up|down|y-?o-?y|q-?o-?q|y/y|q/q)\b", re.I)

_ROW_WORDS = re.compile(r"\bnet\s+(increase|decrease|change)\b|\b(increase|decrease)\s+\(|\bchanges?\s+in\s+"
                        r"(operating\s+)?(assets|liabilities|working\s+capital)|exchange\s+rate\s+changes", re.I)


def _operation_words(text: str) -> set[Operation]:
    """The operations whose words the text holds."""
    return {op for op, rx in _OPERATIONS if rx.search(text)}


def _operation(question: str, periods: list[PeriodRef], companies: list[str]) -> Operation:
    if _DEFINE.search(question):
        return Operation.DEFINE
    if SUMMARY.search(question) and not re.search(r"\b(why|drove|driv\w*|caused?)\b", question, re.I):
        return Operation.SUMMARY
    question = _ROW_WORDS.sub(" ", question)  # "net increase in cash" names a row, it asks for no change
    found = _operation_words(question)
    if Operation.EXPLAIN in found:
        return Operation.EXPLAIN
    several_periods = len(periods) >= 2 or any(p.kind == PeriodKind.LAST_N for p in periods)
    if (Operation.HIGHEST in found or Operation.LOWEST in found) and (
            len(companies) >= 2 or _ACROSS.search(question) or _PARTS.search(question)):
        return Operation.RANK
    if Operation.AVERAGE in found or (several_periods and _MEAN_OVER_PERIODS.search(question)):
        # over several periods 'average' asks for their mean, though the words after it could begin a row's name
        # ('the average number of rights outstanding for 2018 and 2019'); a row spelt so is blanked already
        return Operation.AVERAGE
    over_time = several_periods or re.search(r"\b(which|what)\s+(quarter|period|year|month|fy)|\bwhen\b", question,
                                             re.I)
    # "In which year was X larger?": the comparative over the periods the release prints (a threshold, "less
    # than 100 million", is no comparison between periods)
    m = re.search(r"\b(?:which|what)\s+(?:fiscal\s+)?(?:quarter|period|year|fy)\b.*?\b(higher|larger|greater|bigger|"
                  r"more|lower|smaller|less|fewer)\b(?!\s+than)", question, re.I)
    if m and len(companies) <= 1:
        return Operation.HIGHEST if m.group(1).lower() in ("higher", "larger", "greater", "bigger", "more") \
            else Operation.LOWEST
    if Operation.HIGHEST in found and over_time and len(companies) <= 1:
        return Operation.HIGHEST
    if Operation.LOWEST in found and over_time and len(companies) <= 1:
        return Operation.LOWEST
    if Operation.DIFFERENCE in found and len(periods) < 2 and len(companies) <= 1:
        return Operation.DIFFERENCE  # "the difference between APAC and EMEA": two figures of one period
    if Operation.QOQ in found:
        return Operation.QOQ
    if Operation.YOY in found:
        return Operation.YOY
    if Operation.SHARE in found and Operation.CHANGE in found and len(periods) >= 2 and _CHANGE_IN.search(question):
        return Operation.CHANGE  # "the change in gross margin between 2018 and 2019": the rate's change
    if Operation.SHARE in found:
        return Operation.SERIES if (Operation.SERIES in found or several_periods) else Operation.SHARE
    if Operation.RATIO in found and re.search(r"\b(ratio|divided\s+by|multiple\s+of|times)\b|\s/\s|\w-to-\w",
                                              question, re.I):
        return Operation.RATIO
    if Operation.SUM in found or (several_periods and _TOTAL_OVER_PERIODS.search(question)):
        return Operation.SUM  # "the total cost of revenue in both 2019 and 2018": the sum over the periods
    if len(companies) >= 2:
        return Operation.COMPARE
    if Operation.CHANGE in found and len(periods) >= 2:
        return Operation.CHANGE
    if several_periods or Operation.SERIES in found:
        return Operation.SERIES
    if Operation.CHANGE in found:
        return Operation.YOY  # "how much did revenue grow in Q2 2025": against the same period a year earlier
    if Operation.HIGHEST in found or Operation.LOWEST in found:
        return Operation.COMPARE if len(companies) != 1 else Operation.VALUE
    return Operation.VALUE


# a change asked of a rate ('the change in gross margin', 'the increase / (decrease) in the percentage of ...')
_CHANGE_IN = re.compile(r"\b(?:change|increase|decrease|difference|movement)\s*\)?\s+in\b", re.I)


def _currency(question: str) -> str | None:
    m = re.search(r"\b(?:in|into|using|as)\s+(US\$|USD|U\.S\.\s+dollars|US\s+dollars|dollars|RMB|renminbi|yuan|"
                  r"EUR|euros?|GBP|pounds|HK\$|HKD|JPY|yen)\b", question, re.I)
    if not m:
        m = re.search(r"(US\$|\bUSD\b|\bRMB\b|\bHK\$)", question)
    if not m:
        return None
    word = m.group(1).lower()
    named = {"u.s. dollars": "USD", "us dollars": "USD", "dollars": "USD", "renminbi": "RMB", "yuan": "RMB",
             "euro": "EUR", "euros": "EUR", "pounds": "GBP", "yen": "JPY"}
    return named.get(word) or currency_code(m.group(1)) or m.group(1).upper()


# balance-sheet ratios with a standard definition, calculated from the two rows (a loan-to-deposit ratio is
# quoted as a percentage, a current ratio as a multiple)
_PERCENT_RATIO = re.compile(r"\bloans?[\s-]+to[\s-]+deposits?\s+ratio\b", re.I)
_NAMED_RATIOS = [(re.compile(r"\bcurrent\s+ratio\b", re.I), ("total current assets", "total current liabilities")),
                 (_PERCENT_RATIO, ("total loans", "total deposits"))]


# "which product categories drove pharma growth": the kind of driver asked about names no measure
_DRIVER_KIND = re.compile(r"\bwhich\s+(?:\S+\s+){1,2}?(?=(?:drove|weighed\s+on|hurt|held\s+back|dragged|boosted|"
                          r"helped|lifted|pressured)\b)", re.I)


def _split_metrics(text: str, operation: Operation) -> list[str]:
    """'ratio of R&D to revenue' -> ['research and development expenses', 'revenue']."""
    if operation == Operation.EXPLAIN:
        text = _DRIVER_KIND.sub(" ", text)
    text = metric_words(text)
    if operation == Operation.RATIO:
        for pattern, pair in _NAMED_RATIOS:
            if pattern.search(text):
                return list(pair)
    if operation in (Operation.RATIO, Operation.SHARE):
        for pattern, order in _PAIR_PATTERNS:
            m = pattern.search(text)
            if m:
                a, b = _clean(m.group(1)), _clean(m.group(2))
                if a and b:
                    return [a, b] if order == 1 else [b, a]
    if operation == Operation.CHANGE and (m := _REPRESENTED.search(text)) and _clean(m.group(1)):
        return [_clean(m.group(1))]  # "the change in the percentage of sales represented by gross profit"
    if operation == Operation.DIFFERENCE and (pair := _difference_pair(text)):
        return pair
    if operation == Operation.SUM:
        body = re.sub(r"^.*?\b(?:sum|total)\s+of\s+", "", text)
        parts = re.split(r"\s+(?:plus|\+)\s+", body)
        if len(parts) < 2:
            parts = re.split(r"\s+(?:and|with)\s+", body)
        parts = [_clean(p) for p in parts if _clean(p)]
        if len(parts) >= 2:
            head = parts[-1].split()[-1]
            return [p if len(p.split()) > 1 or p == head else f"{p} {head}" for p in parts]
    outer = re.sub(r"\([^()]*\)", " ", text)  # "total debt (ST + LT borrowings)": the name outside explains itself
    cleaned = _clean(outer) or _clean(text)
    return [cleaned] if cleaned else []


# "the difference in net sales between APAC and EMEA", "the difference between the domestic and international
# discount rates", "the difference in low and medium country risk": the two figures, a shared measure with each
_DIFFERENCE_PAIR = re.compile(r"\bdifference\s+(?:(?:in|of)\s+(?:(?:the\s+)?(?P<what>.+?)\s+)?)?between\s+(?:the\s+)?"
                              r"(?P<a>.+?)\s+(?:and|&)\s+(?:the\s+)?(?P<b>.+)$|"
                              r"\bdifference\s+(?:in|of)\s+(?:the\s+)?(?P<a2>\w+)\s+(?:and|&)\s+(?P<b2>.+)$", re.I)


def _difference_pair(text: str) -> list[str] | None:
    m = _DIFFERENCE_PAIR.search(text)
    if not m:
        return None
    a, b = _clean(m.group("a") or m.group("a2")), _clean(m.group("b") or m.group("b2"))
    if not a or not b:
        return None
    if len(a.split()) == 1 and len(b.split()) > 1 and canonical_metric(a) not in STANDARD_METRICS:
        # "domestic and international discount rates" (never "revenue and gross profit")
        a = f"{a} {' '.join(b.split()[1:])}"
    what = _clean(m.group("what") or "")
    return [f"{a} {what}", f"{b} {what}"] if what else [a, b]


_REPRESENTED = re.compile(r"\b(?:percent(?:age)?|share|proportion)\s+of\s+(?:total\s+)?.+?\s+represented\s+by\s+"
                          r"(.+)$", re.I)
_PAIR_PATTERNS = [(re.compile(p, re.I), order) for p, order in [
    (r"\(([^()]+?)\s+/\s+([^()]+)\)", 1),  # "debt-to-equity (total borrowings / total equity)"
    (r"^(.+?)\s+/\s+(.+)$", 1),
    (r"^(.+?)\s+as\s+(?:an?\s+)?(?:%|percent(?:age)?|share|proportion)\s+of\s+(.+)$", 1),
    # "the percentage of sales represented by gross profit": the whole first, the part after 'represented by'
    (r"\b(?:percent(?:age)?|share|proportion)\s+of\s+(?:total\s+)?(.+?)\s+represented\s+by\s+(.+)$", 2),
    # "what share of revenue did G&A represent": the whole first, the part second
    (r"\b(?:share|percent(?:age)?|proportion|portion)\s+of\s+(?:total\s+)?(.+?)\s+(?:did|does|do|was|is|were|are)\s+"
     r"(.+?)\s+(?:represent|account|make|come|take)", 2),
    (r"(?:%|\bpercent(?:age)?|\bshare|\bproportion|\bportion)\s+of\s+(?:total\s+)?(.+?)\s+(?:was|were|is|are|"
     r"came\s+from|comes\s+from|from)\s+(.+)$", 2),
    # "the percentage of the operating leases of more than 5 years in the total operating leases": the part (its own
    # 'of' kept) before 'in the total ...'
    (r"\b(?:share|proportion|percent(?:age)?)\s+of\s+(.+?)\s+(?:out\s+of|in|of)\s+(?:the\s+)?(total\s+.+)$", 1),
    (r"\b(?:ratio|share|proportion|percent(?:age)?)\s+of\s+(.+?)\s+(?:to|over|divided\s+by|versus|vs\.?|against|"
     r"relative\s+to|out\s+of|in|of)\s+(.+)$", 1),
    (r"^(.+?)\s*(?:'s|’s|s'|s’)?\s+(?:share|percent(?:age)?|proportion)\s+of\s+(.+)$", 1),
    (r"^(.+?)\s+(?:to|over|divided\s+by|as\s+an?\s+(?:percent(?:age)?|share|proportion|%)\s+of|relative\s+to|"
     r"per|versus|vs\.?)\s+(.+)$", 1),
]]


def _clean(text: str) -> str:
    out = re.sub(r"(?<![\w.])[-+]?\$?\d[\d,.]*\s*(%|percent\b|pts\b|bps\b)?", " ", text)  # "fall to 60.5%"
    out = re.sub(r"[?!,;:()\"“”]|\.(?!\d)|['’]s\b|s['’](?=\s)", " ", out)
    out = _FILLER.sub(" ", out)
    out = re.sub(r"['’]", " ", out)
    out = re.sub(r"\s+-\s+|\s+&\s+$", " ", out)
    out = re.sub(r"\s+", " ", out).strip(" -&")
    return WHOLE_NAMES.get(out.lower(), out)


# words after a company's name that begin no product of its ('Amazon North America' is Amazon's region)
_NOT_A_PRODUCT = re.compile(r"^(EPS|GAAP|Non-GAAP|EBITDA|EBIT|R&D|G&A|SG&A|S&M|Q[1-4]|FY|H[12]|US\$?|USD|RMB|Inc|Corp|"
                            r"Holdings|Limited|Group|International|North|South|East|West|Europe|European|Asia|"
                            r"Americas|Latin|EMEA|APAC|Greater|Rest)\b")


def _names_a_product(question: str, span: tuple[int, int]) -> bool:
    after = question[span[1]:]
    m = re.match(r"\s+([A-Z][\w&-]*)", after)
    return (bool(m) and not _NOT_A_PRODUCT.match(m.group(1)) and not after.startswith("'")
            and not m.group(1).isupper())  # "Amazon AWS": a segment's acronym after the name


_THRESHOLD = re.compile(r"\b(exceed(?:ed|s)?|(?:more|greater|higher|larger|bigger)\s+than|above|(?:less|lower|smaller|"
                        r"fewer)\s*than|below|under)\s+(-?\s*\$?\s*-?[\d,]*\.?\d+)\s*(thousands?|millions?|billions?|"
                        r"k|m|bn)?\b(?!\s*(?:years?|months?|days?|weeks?)\b)", re.I)  # 'more than 5 years': a span
_SCALE_WORD = {"thousand": 1_000, "k": 1_000, "million": 1_000_000, "m": 1_000_000, "billion": 1_000_000_000,
               "bn": 1_000_000_000}


def _threshold(question: str) -> tuple[tuple[str, Decimal] | None, tuple[int, int] | None]:
    """'did net sales exceed $200,000 thousand' -> ('>', 200000000) and the words' span; only where the question
    asks for the periods (which / how many / when)."""
    if not re.search(r"\b(which|what|how\s+many|when)\b", question, re.I):
        return None, None
    m = _THRESHOLD.search(question)
    if m is None:
        return None, None
    try:
        number = Decimal(re.sub(r"[\s$,]", "", m.group(2)))
    except InvalidOperation:
        return None, None
    number *= _SCALE_WORD.get((m.group(3) or "").lower().rstrip("s"), 1)
    word = m.group(1).lower()
    return (">" if word.startswith(("exceed", "more", "greater", "higher", "larger", "bigger", "above")) else "<",
            number), m.span()


def beyond(threshold: tuple[str, Decimal], value: Decimal) -> bool:
    """Whether a value is past the bound of `Intent.threshold` (above for '>', below for '<')."""
    op, bound = threshold
    return value > bound if op == ">" else value < bound


_INCREASE_DECREASE = re.compile(r"\(?\bincrease\)?\s*/\s*\(?decrease\)?|\bincrease\s*\(decrease\)", re.I)


def _rows_of_operation_words(scope: Scope) -> frozenset[tuple[str, ...]]:
    """The row labels in scope that are spelt with an operation's words, as their lower-case letter words: 'Change
    in fair value of warrants', 'Share of results of joint venture', 'Average total assets', 'Increase (decrease) in
    cash'. Letters only, so punctuation and footnote marks may differ. Each label once, however many companies print
    it; matched by words, not by one pattern of them all (at a thousand releases that pattern took a second to
    compile)."""
    def build() -> frozenset[tuple[str, ...]]:
        spelt = set()
        for label in {label for company in scope.companies for label in scope.labels(company)}:
            name = normalise_label(label)
            tokens = re.findall(r"[a-z]+", name)
            # a margin is a share the answering reads as a row or calculates, by its own rules
            if len(tokens) < 2 or "margin" in tokens or not (_CHANGE_WORDS.search(name) or _operation_words(name)):
                continue
            spelt.add(tuple(tokens))
        return frozenset(spelt)
    return scope.derived("rows of operation words", build)


def row_spans(question: str, scope: Scope) -> list[tuple[int, int]]:
    """Where the question spells, word for word, a row label in scope whose words would otherwise ask for an
    operation ('What was Change in fair value of warrants in Q1?' names a row, it asks for no change): the longest
    such row at each word, left to right."""
    rows = _rows_of_operation_words(scope)
    if not rows:
        return []
    longest = max(len(r) for r in rows)
    words = list(re.finditer(r"[a-z]+", question.lower()))
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 1, -1):
            if tuple(w.group() for w in words[i:i + n]) in rows:
                spans.append((words[i].start(), words[i + n - 1].end()))
                i += n
                break
        else:
            i += 1
    return spans


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    for a, b in spans:
        text = text[:a] + " " * (b - a) + text[b:]
    return text


def parse(question: str, scope: Scope) -> Intent:
    """Understand one question on its own (follow-ups are merged by `follow_up`)."""
    asked = question
    question = corrected(question, scope.vocabulary | _FILLER_WORDS)  # "grwoth" is growth, "revenu" revenue
    question = _YEAR_LIST.sub(r"\1, \2", question)  # "for 2017,2018 and 2019": no number is written so
    # "In which years was operating income calculated?": the row over every period it is printed for
    periods_asked = bool(_WHICH_YEARS.search(question)) and any(r.finds(question) for r in PERIODS_ASKED)
    for r in reversed(PERIODS_ASKED) if periods_asked else ():
        question = r.apply(question)
    rows = row_spans(question, scope)
    if rows and _operation_words(_blank(question, rows)) - _operation_words(question):
        rows = []  # blanking the row's words would make another operation of the words left
    if not rows:
        question = _INCREASE_DECREASE.sub("change", question)  # "the increase / (decrease) in revenue" is its change
    threshold, span = _threshold(question)
    if span:  # the bound is no period, metric or operation of the question
        question = _blank(question, [span])
    periods, period_spans = find_periods(question)
    back, back_span = _back(question) if not periods else (0, None)
    if back_span:  # "the quarter before" names a period of the previous turn, no metric
        period_spans = [*period_spans, back_span]
    companies, company_spans, ambiguous = find_companies(question, scope)
    # the words of a row the question names ask for no operation (the operation words around it still do)
    worded = _blank(question, rows)
    operation = _operation(worded, periods, companies)
    if periods_asked and operation == Operation.VALUE:
        operation = Operation.SERIES
    unknown = None if companies else unknown_name(question, scope, company_spans + period_spans)
    # remove what is understood, keep the metric words; a company name that begins a product's name stays in the
    # metric ("Microsoft Cloud revenue", "Google Cloud")
    company_spans = [sp for sp in company_spans if not _names_a_product(question, sp)]
    spans = sorted(period_spans + company_spans)
    rest, last = [], 0
    for a, b in spans:
        rest.append(question[last:a])
        rest.append(" ")
        last = max(last, b)
    rest.append(question[last:])
    # a row's name copied with its marks and its scale: 'adj. (in EUR)1)2)', 'PAT (after EI) (Rs. Cr)'
    remainder = without_scale_captions(without_glued_marks("".join(rest)))
    # "GS op margin": a part's initials, where one row label in scope spells them and no abbreviation of the
    # lexicon does ('EPS', 'NII' are the lexicon's)
    remainder = re.sub(r"\b[A-Z]{2,5}\b", lambda m: m.group(0) if _LEXICON_SPELLS(m.group(0))
                       or _SPELT_IN_ROWS(m.group(0), scope) else scope.acronyms.get(m.group(0), m.group(0)), remainder)
    remainder = re.sub(r"\b(?:in|into|using|as)\s+(US\$|USD|U\.S\.\s+dollars|US\s+dollars|RMB|renminbi|yuan|"
                       r"EUR|euros?)\b", " ", remainder, flags=re.I)
    remainder = re.sub(r"(US\$|\bUSD\b|\bRMB\b)", " ", remainder)
    if operation == Operation.DEFINE:
        remainder = _DEFINE_WORDS.sub(" ", remainder)
    if _PARTS_LISTED.search(asked):  # "the components of total revenues": the row is total revenues
        remainder = _PART_NOUNS.sub(" ", remainder)
    if operation == Operation.AVERAGE:  # the word that asks for the mean is no word of the row
        remainder = _MEAN_OVER_PERIODS.sub(" ", remainder, count=1)
    metrics = _split_metrics(remainder, operation) if operation != Operation.SUMMARY else []
    if len(rows) == 1 and len(metrics) == 1:
        # the row the question spells keeps its own words ('efficiency ratio', 'change in fair value of warrants'),
        # which the metric's filler would strip
        named = metric_words(question[rows[0][0]:rows[0][1]])
        short = re.sub(r"\s+", " ", _FILLER.sub(" ", named)).strip()  # its words that are no filler ('Loss')
        if metrics[0] == _clean(named) or set(metrics[0].lower().split()) <= set(named.lower().split()):
            metrics = [named]
        elif short and metrics[0].lower().endswith(" " + short.lower()):
            # a part's row: 'Specialty Loss ratio' is the row 'Loss ratio' under 'Specialty'
            metrics = [metrics[0][: len(metrics[0]) - len(short)] + named]
    # the user's own words, abbreviations kept ('Adjusted EBIT' is a row of its own, not only 'adjusted operating
    # income'): the rows they name join the rows of the expanded phrase
    wording = _QUESTION_WORDS.sub(" ", re.sub(r"[?!.,;:()\"“”]", " ", remainder))
    wording = re.sub(r"\s+", " ", re.sub(r"['’]s\b", " ", wording)).strip(" ,.")
    percent = bool(re.search(r"\bpercent(age)?\s+(change|increase|decrease|growth)|\bby\s+what\s+percent", question,
                             re.I)) or bool(_PERCENT_RATIO.search(worded)) or (
        bool(_PERCENT_WORDS.search(worded)) and not _ABSOLUTE_WORDS.search(question))
    ranked = operation == Operation.RANK
    if threshold and operation in (Operation.VALUE, Operation.HIGHEST, Operation.LOWEST, Operation.SERIES):
        operation = Operation.SERIES
    else:
        threshold = None
    return Intent(question=asked, operation=operation, companies=tuple(companies), metrics=tuple(metrics),
                  threshold=threshold,
                  wording=wording if len(metrics) == 1 or operation == Operation.RATIO else "",
                  periods=tuple(periods), currency=_currency(question), percent=percent, unknown_company=unknown,
                  ambiguous=ambiguous, unread_period=unread_period(asked), back=back,
                  lowest_first=ranked and bool(_LOW_RANK.search(question)),
                  by_growth=ranked and bool(_GROWTH_RANK.search(question)),
                  side_by_side=operation in (Operation.YOY, Operation.QOQ) and bool(_VERSUS.search(question))
                  and not _CHANGE_WORDS.search(worded) and not percent,
                  at_end=bool(_AT_END.search(question)), of_parts=ranked and bool(_PARTS.search(question)),
                  asks_years=bool(_YEARS_ASKED.search(question)), periods_asked=periods_asked,
                  lists_parts=bool(_PARTS_LISTED.search(asked)),
                  ranged=bool(_RANGE.search(question)),
                  asks_rate=bool(_PERCENT_SIGN.search(_PERCENT_CHANGE.sub(" ", question))),
                  asks_count=bool(_COUNT_ASKED.search(question)),
                  says_total=bool(re.search(r"\btotal\b", question, re.I)), words=question.lower(),
                  text_form=form_of(asked))


# the wording answering reads (as Intent flags)
# "What are the components of total revenue?", "What financial items does X consist of?", "How many categories are
# there under X?": the rows that make up a figure, never the figure
_PARTS_LISTED = re.compile(r"\bwhat\s+(?:are|were)\s+(?:the\s+)?(?:\w+\s+)?(?:components?|items|categories|types|"
                           r"kinds|elements)\b|\bwhat\s+(?:financial\s+)?items\b|\bhow\s+many\s+(?:\w+\s+)?"
                           r"(?:components|items|categories|types|kinds)\b", re.I)
_PART_NOUNS = re.compile(r"\b(?:components?|items|categories|types|kinds|elements|financial\s+items)\b", re.I)
_TOTAL_OVER_PERIODS = re.compile(r"\btotal\b.*\b(?:in|for|over|across|during)\s+both\b|"
                                 r"\btotal\b.*\bacross\s+(?:all\s+)?(?:the\s+)?(?:\d|two|three|four|five)?\s*"
                                 r"(?:fiscal\s+)?years\b", re.I)
_WHICH_YEARS = re.compile(r"\b(which|what)\s+(fiscal\s+|financial\s+)?years?\b", re.I)  # not "in how many years"
_YEARS_ASKED = re.compile(r"\b(which|what|how\s+many)\s+(fiscal\s+)?years?\b", re.I)
# two periods that bound a range: 'between 2017 and 2019', 'from Q1 to Q3', '2017-2019', 'FY2017–FY2019'
_RANGE = re.compile(r"\b(between|from)\b.+\b(and|to|through|until|thru)\b|"
                    r"\b(?:FY\s?)?(?:19|20)\d\d\s*(?:[-–]|\bto\b|\bthrough\b)\s*(?:FY\s?)?(?:19|20)\d\d\b", re.I)
# a percent sign of the question's own ('EBITDA %'), not a number's ('8.00% Series A preferred stock')
_PERCENT_SIGN = re.compile(r"(?<![\d.])%|\bper\s?cent(?:age)?\b", re.I)
# a change asked in percent ("the percentage change in revenue", "% growth") asks no rate of the measure
_PERCENT_CHANGE = re.compile(r"(?:\bper\s?cent(?:age)?|%)\s*(?:change|increase|decrease|growth|decline|difference|"
                             r"rise|fall|drop|gain)\b|\bin\s+(?:per\s?cent(?:age)?|%)\s+terms\b", re.I)
_COUNT_ASKED = re.compile(r"\bhow\s+many\s+(?!percentage|percent|basis|points?|bps|times|years|quarters|periods)|"
                          r"\bnumber\s+of\b|\bshares?\s+outstanding\b|\bshare\s+count\b", re.I)


_BACK = [(re.compile(r"\b((a|one)\s+year\s+(earlier|before|ago|prior)|(same\s+(quarter|period)\s+)?(of\s+)?(last|"
                     r"the\s+previous|the\s+prior)\s+year|prior[\s-]year|year\s+before)\b", re.I), 4),
         (re.compile(r"\b((a|one)\s+quarter\s+(earlier|before|ago|prior)|(the\s+)?(previous|prior|preceding)\s+"
                     r"quarter|quarter\s+before)\b", re.I), 1)]


def _back(question: str) -> tuple[int, tuple[int, int] | None]:
    """How many quarters back a relative period goes ("a year earlier": 4) and the words' span."""
    for rx, quarters in _BACK:
        m = rx.search(question)
        if m:
            return quarters, m.span()
    return 0, None


def _owned(name: str, question: str) -> bool:
    """Whether the question speaks of the name as an owner ("Tesla's revenue", "revenue at Tesla"): a company."""
    n = re.escape(name)
    return bool(re.search(rf"\b{n}['’]s?(?!\w)|\b(?:at|for|from|of|by)\s+{n}\b", question))


def follow_up(current: Intent, previous: Intent | None) -> Intent:
    """A follow-up ("and in Q1?", "what about R&D?") takes the parts it does not name from the previous intent."""
    if previous is None:
        return current
    if current.unknown_company and not previous.companies:
        return current
    if current.unknown_company and _owned(current.unknown_company, current.question):
        return current  # "Tesla's revenue?" after a Kingsoft Cloud question: another company, not in the index
    if current.unknown_company:  # "and Gaming?" after an NVIDIA question: a segment, not another company
        current = replace(current, unknown_company=None)
    inherited: list[str] = []
    companies, metrics, periods, operation = current.companies, current.metrics, current.periods, current.operation
    short = len(current.question.split()) <= 8 or re.match(r"^\s*(and|what\s+about|how\s+about|same|now|also)\b",
                                                            current.question, re.I)
    if not companies and previous.companies:
        companies = previous.companies
        inherited.append("company")
    back = current.back if not current.periods else 0
    if back and previous.periods:  # "and a year earlier?": the previous question's periods, shifted
        periods = tuple(replace(p, back=p.back + back) for p in previous.periods)
        operation = previous.operation if previous.operation not in (Operation.YOY, Operation.QOQ) else \
            Operation.VALUE
        inherited.append("period")
    wording = current.wording if metrics == current.metrics else ""
    if metrics == ("margin",) and previous.metrics and "margin" not in previous.metrics[0]:
        metrics = (f"{previous.metrics[0]} margin",)  # "what was the margin?" after adjusted EBITDA
        inherited.append("metric")
    if not metrics and previous.metrics and operation != Operation.SUMMARY:
        metrics, wording = previous.metrics, previous.wording
        inherited.append("metric")
        if operation == Operation.VALUE and short:
            operation = previous.operation
    if not periods and previous.periods:
        periods = previous.periods
        inherited.append("period")
        if operation == Operation.VALUE and short and "metric" not in inherited:
            operation = previous.operation
    if operation == Operation.RANK and current.companies != companies and not _ACROSS.search(current.question):
        operation = Operation.VALUE  # "the biggest" of one inherited company is no ranking of companies
    if operation == Operation.COMPARE and len(companies) < 2:
        operation = Operation.VALUE
    if not inherited:
        return current
    return replace(current, companies=companies, metrics=metrics, wording=wording, periods=periods, operation=operation,
                   currency=current.currency or previous.currency, inherited=tuple(inherited),
                   percent=current.percent or (previous.percent and operation == previous.operation))


def company_of(intent: Intent, scope: Scope) -> list[Company]:
    return [scope.companies[c] for c in intent.companies if c in scope.companies]
