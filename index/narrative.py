"""Figures stated in prose ("AI gross billing reached RMB728.7 million", "increased by 27.5% from ...") -> facts.

Only a figure that the sentence ties to the release's own period is taken: the first amount after a subject
("X were RMB339.6 million (US$47.4 million)") and growth rates stated for it. Amounts that follow "from",
"compared to" or name another period are prior-period figures and are left to the tables.
"""

from __future__ import annotations

import calendar
import itertools
import re
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from index import bounds
from index.blocks import TextBlock
from index.currencies import CURRENCIES
from index.facts import MAX_MAGNITUDE, Fact, Unit
from index.headings import segment_heading
from index.metadata import ReleaseMeta
from index.metrics import canonical_metric
from index.numbers import currency_code
from index.periods import (
    DAY_FIRST_RE,
    FULL_DATE_RE,
    GROUP_RE,
    NUMERIC_DATE_RE,
    Period,
    fiscal_quarter,
    fiscal_year,
    group_months,
    heading_span,
    parse_date,
    period_label,
    quarter_before,
    quarter_end,
    to_date,
)
from lexicon.calendar import MONTH, ORDINALS

# an amount in a sentence: a currency's sign or code (the lexicon's: RMB, NT$, GEL, CHF, ...), an optional
# parenthesis for a negative ('$(1.6) million'), the number, and a scale word glued or apart ('GEL 346million')
_CURRENCY_SIGNS = r"RMB|(?:US|HK|NT|C|A|J|S|NZ|R)\\?\$|\\?\$|€|£|¥|₹"
_CURRENCY_CODES = r"EUR|GBP|CHF|NOK|SEK|DKK|JPY|INR|CAD|AUD|JMD|MXN|ARS|TWD|GEL|ZAR|BRL|CNY|USD|HKD"
_MONEY = re.compile(
    rf"(?P<cur>{_CURRENCY_SIGNS}|(?:{_CURRENCY_CODES}|Rs\.|Ps\.)\s?)"
    r"\s?(?P<open>\()?(?P<num>\d{1,3}(?:,\d{3})*(?:\.\d+)?|"
    r"\d+(?:\.\d+)?)(?![eE][+\-]?\d)(?(open)\))"
    r"(?:\s?(?P<scale>(?i:trillion|billion|million|thousand|crores?|lakhs?|lacs?|tn|bn|mn|cr|m|b|k))\b)?"
    r"(?P<ps>\s+(?i:per)\s+(?i:diluted\s+|basic\s+)?(?i:share|ADS))?",
)
# a percentage: never the tail of a longer token ('1e400%' and '1e-400%' are no 400%, '1,234.5%' no 234.5%)
_PCT = re.compile(r"(?<![\w.,])(?<![eE][-+])(?P<num>\d+(?:\.\d+)?)\s?(?:%|percent\b)")
_SCALE_IN_BRACKETS = re.compile(r"(?<=[$€£¥₹]\()(\d[\d,]*(?:\.\d+)?)\s?(m|mn|bn|b|k|million|billion)\)", re.I)
_OTHER_PERIOD = re.compile(r"\b(?:from\s+(?=RMB|US|HK|\$|€|\d)|compared (?:to|with)|versus|vs\.?|prior|last year|"
                           r"same (?:quarter|period)|previous|a year ago|guidance|outlook|expects?|expected|between)\b",
                           re.I)
_YOY = re.compile(r"year[- ]over[- ]year|\byoy\b|from (?:(?!\band\b|quarter).){0,40}?(?:same (?:quarter|period)|"
                  r"a year (?:ago|earlier)|prior[- ]year)", re.I)
_QOQ = re.compile(r"quarter[- ]over[- ]quarter|sequential|\bqoq\b|last quarter|previous quarter|"
                  r"linked quarter", re.I)
# sentence ends and list bullets ('• ', '* ', and '- ' after a sentence's end: '... (“AOV”). - Scrubwear net ...');
# a bullet glyph that marks nothing else ('▪', '●', '◦', '■', '➢', '✓', the Symbol font's private '\uf0b7') is a
# bullet wherever it stands, glued to its text or not ('◦For the full year 2025, Data Center segment revenue ...')
_BULLET_GLYPHS = "▪■◦●➢✓✔►▶➤◆♦\uf0b7"
_SENT = re.compile(r"(?<=[.!?;])\s+[-–]\s+(?=[A-Z(])|(?<=[.!?])\s+(?=[A-Z(])|(?:^|\s+)[*•·]\s+|^[-–]\s+|"
                   rf"\s*[{_BULLET_GLYPHS}]\s*")
_SCALES = {"trillion": 10**12, "tn": 10**12, "billion": 10**9, "bn": 10**9, "b": 10**9, "million": 10**6,
           "mn": 10**6, "m": 10**6, "thousand": 10**3, "k": 10**3, "crore": 10**7, "crores": 10**7, "cr": 10**7,
           "lakh": 10**5, "lakhs": 10**5, "lac": 10**5, "lacs": 10**5}


# a full stop that ends an abbreviation, not a sentence ('EBITDA, excl. IAC', 'approx. 5%')
_ABBREVIATION = re.compile(r"\b(?:excl|incl|approx|e\.g|i\.e|vs)\.$", re.I)


def sentences(text: str) -> list[str]:
    out: list[str] = []
    for piece in (s.strip() for s in _SENT.split(text)):
        if not piece:
            continue
        if out and _ABBREVIATION.search(out[-1]):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


_AFTER_DASH = re.compile(r"\s[–—-]\s*(?P<part>[^–—-]+?)\s*$")


def _part_after_dash(heading: str) -> str:
    """'4Q24 Results Highlights – ATM' -> 'ATM': a heading of the results that ends in a part's name."""
    m = _AFTER_DASH.search(heading.strip("*_# "))
    return segment_heading(m.group("part")) if m else ""


def prose_facts(blocks: list[TextBlock], meta: ReleaseMeta, document: str) -> list[Fact]:
    if meta.period_end is None:
        return []
    # a fourth-quarter release, or an annual one that speaks of a quarter, reports the quarter and the year side by
    # side: a sentence (or its heading) must then say which one it speaks of
    both = meta.period.startswith("Q4") or (meta.months == 12 and any(_QUARTER_WORD.search(b.text) for b in blocks))
    facts: list[Fact] = []
    for block in blocks:
        if _GUIDANCE.search(block.text):
            # a paragraph about the outlook: its figures are targets, whatever each sentence says; one that turns
            # to the outlook later ('... to NOK 371 million from NOK 923 million. ... demand is expected to ...')
            # keeps the actual figures said before it
            said = sentences(block.text)
            cut = next(i for i, x in enumerate(said) if _GUIDANCE.search(x))
            if cut == 0 or _GUIDANCE.search(block.section or ""):
                continue
            block = replace(block, text=" ".join(said[:cut]))
        part: set[str] = set()
        if block.section and (not _WHOLE_COMPANY.search(block.section) and meta.short_name.lower() not in (
                block.section.lower()) or _part_after_dash(block.section)):
            # under a heading such as "Las Vegas Strip Resorts" or "4Q24 Results Highlights – ATM": a segment's
            # figures, not the total; only a sentence whose subject names the part itself is kept ('Gaming
            # revenue was $3.8 billion' under 'Gaming and AI PC'), and its name says whose figure it is
            part = {w.lower() for w in re.findall(r"[A-Za-z]{4,}", _part_after_dash(block.section) or block.section)}
            part -= _HEADING_WORDS
            if not part and not _SPAN_HEADING.search(block.section):
                continue  # 'Other': a part named by heading words alone
            # ('Financial Results for the Three Months Ended December 31, 2025' names a span, no part: the whole's)
        start = len(facts)
        _block_facts(block, meta, document, both, facts)
        if part:
            facts[start:] = [f for f in facts[start:] if part & set(re.findall(r"[a-z]+", f.label.lower()))]
    return _first_statements(facts)


_SPAN_HEADING = re.compile(r"\b(?:three|six|nine|twelve|3|6|9|12)\s+months\s+ended\b|\b(?:quarter|year)\s+ended\b",
                           re.I)


# words of a heading that name no part of a company
_HEADING_WORDS = frozenset({"results", "highlights", "quarter", "first", "second", "third", "fourth", "full", "year",
                            "fiscal", "financial", "business", "segment", "segments", "update", "review", "other",
                            "and", "with", "from", "total",
                            # a span the heading names ('Financial Results for the Three Months Ended December 31')
                            "three", "nine", "twelve", "months", "month", "weeks", "ended", "ending", "period",
                            "quarterly", "annual", "interim", "half", "january", "february", "march", "april", "june",
                            "july", "august", "september", "october", "november", "december"})


def _block_facts(block: TextBlock, meta: ReleaseMeta, document: str, both: bool, facts: list[Fact]) -> None:
    """The facts of one paragraph's sentences, appended to `facts`."""
    assert meta.period_end is not None
    heading = heading_span(block.section, meta.period_end, meta.calendar)
    said = sentences(block.text)
    if not heading and said and _INLINE_HEADING.match(said[0]):
        # a heading run into its paragraph ('Key Financial Highlights: Full Year 2025 * Total revenue: ...')
        heading = heading_span(said[0], meta.period_end, meta.calendar)
    for s_no, sentence in enumerate(said, start=1):
        bounds.tick()
        where = f"{block.where}, sentence {s_no}"
        glued = None if both else _glued_item_facts(sentence, where, meta, document, heading)
        if glued is not None:  # a list item whose sub-items ran into it (GLUED_ITEM_RULE)
            facts.extend(glued)
            continue
        dividend = _dividend_facts(sentence, where, meta, document)
        if dividend is not None:  # a dividend per share is the year's, whatever span the sentence or heading names
            facts.extend(dividend)
            continue
        if not both:  # a heading of another span than the release's speaks of that span
            other = heading != meta.months and not _OTHER_SPAN.search(sentence)
            facts.extend(_sentence_facts(sentence, where, meta, document, heading if other else None))
            continue
        # only a sentence (or a clause of it) that itself names the quarter or the year: "Revenue for the
        # fourth quarter grew 81% to $46 million and full-year Revenue jumped 63% to $151 million"; or one
        # that names neither under a heading that names one ('1 October - 31 December 2024')
        for clause in _QUARTER_YEAR_SPLIT.split(sentence):
            quarter = bool(_QUARTER_WORD.search(clause))
            year = bool(_YEAR_WORD.search(clause) or (not quarter and (_YEAR_ONLY.search(clause) or _YEAR_LEAD.match(
                clause.strip()))))
            # the heading's span, unless the clause names the other one in words ('$59 million compared with
            # $79 million in 2023' under 'Summary for the three months ended December 31, 2024')
            if heading and not _OTHER_SPAN.search(clause) and not (
                    quarter if heading == 12 else _YEAR_WORD.search(clause)):
                facts.extend(_sentence_facts(clause.strip(), where, meta, document, heading, quote=sentence))
            elif quarter != year:
                facts.extend(_sentence_facts(clause.strip(), where, meta, document, 3 if quarter else 12,
                                             quote=sentence))


# a paragraph's first 'sentence' that is a heading: a few words with no figure but a year and no full stop
_INLINE_HEADING = re.compile(r"^(?=(?:\S+\s+){1,8}\S+$)(?![^$€£¥%]*[$€£¥%])(?:[^\d.!?]|(?:19|20)\d\d)+$")


def spans_checked(prose: list[Fact], table: list[Fact]) -> list[Fact]:
    """The sentence figures whose span the release's tables do not contradict. An amount a sentence states that the
    tables print, to the sentence's precision, only under other periods, in a row whose name shares a word with the
    sentence's, was read under the wrong span (Eutelsat's half-year release: 'Revenues of the four Operating
    Verticals stood at EUR303.2 million', stored as the half's, is the second quarter's 303.2 in its table): it is
    left out, since a wrong period is worse than none. An amount of fewer than four printed digits ('$1.2 billion')
    is too round to tell. The rates the sentence states with such an amount, under the same span ('Adjusted gross
    profit decreased 1% to $731.4 million, or 56.9% of sales' under YETI's nine-month heading, read as the
    quarter's), go with it."""
    amounts = [f for f in table if f.unit == Unit.CURRENCY]
    out = []
    misread: set[tuple[str, date, int]] = set()
    for p in prose:
        step = _resolution(p)
        if p.unit != Unit.CURRENCY or step is None:
            out.append(p)
            continue
        words = _name_words(p.label)
        near = [f for f in amounts if abs(f.value - p.value) <= step / 2 and words & _name_words(f.label)]
        # (a 52/53-week table's 'December 28' is the release's December 31 before period ends are snapped)
        if near and not any(f.months == p.months and abs((f.period_end - p.period_end).days) <= 7 for f in near):
            misread.add((p.locator, p.period_end, p.months))
            continue
        out.append(p)
    return [p for p in out if p.unit != Unit.PERCENT or (p.locator, p.period_end, p.months) not in misread]


def _name_words(label: str) -> set[str]:
    """The words of a figure's name that name a thing ('expenses' in 'SG&A expenses'; never 'total' or 'net')."""
    return {w for w in re.findall(r"[a-z]{4,}", label.lower())} - {"total", "other", "from", "with", "before",
                                                                    "after", "adjusted"}


def _resolution(fact: Fact) -> Decimal | None:
    """The step of the last digit a sentence printed ('593.8' million: 100,000), when it printed four digits or
    more; None otherwise. The printed figure is the number of the quote the value is a power of ten of, not the
    quote's first number ('SG&A expenses increased 3% to $593.8 million': the 593.8, never the 3)."""
    if not fact.value:
        return None
    for m in re.finditer(r"\d[\d,]*(?:\.\d+)?", fact.quote):
        number = Decimal(m.group(0).replace(",", ""))
        if not number or not _power_of_ten(abs(fact.value / number)):
            continue
        digits = re.sub(r"\D", "", m.group(0)).lstrip("0")
        if len(digits) < 4:
            return None
        exponent = -len(m.group(0).split(".")[1]) if "." in m.group(0) else 0
        return abs(fact.value / number) * Decimal(10) ** exponent
    return None


def _power_of_ten(x: Decimal) -> bool:
    return x >= 1 and x.normalize().as_tuple().digits == (1,)


def _first_statements(facts: list[Fact]) -> list[Fact]:
    """A figure named again for the same period with another value speaks of a part of the company (Unilever's
    'Underlying operating profit was €1.3 billion' under each business group after the group's €6.1 billion): the
    release states the whole first, so only the first value of a name and period is kept."""
    first: dict[tuple[str, date, int, str, str | None], Decimal] = {}
    # a stated rate goes with its sentence's amount: the rate of a sentence whose amount for the name is not the
    # first one is that other figure's ('GMS was $2,432.6 million, down 2.4%' of the marketplace, after 'GMS was
    # $2,724.7 million, up 0.9% ..., excluding Reverb', whose qualified rate is not kept)
    amounts: dict[tuple[str, date, int], dict[str, Decimal]] = {}
    for f in facts:
        if f.unit != Unit.PERCENT:
            amounts.setdefault((f.label.lower(), f.period_end, f.months), {}).setdefault(f.locator, f.value)
    out = []
    for f in facts:
        key = (f.label.lower(), f.period_end, f.months, f.unit.value, f.currency)
        if first.setdefault(key, f.value) != f.value:
            continue
        subject = _RATE_NAME.sub("", f.label.lower()) if f.unit == Unit.PERCENT else ""
        stated = amounts.get((subject, f.period_end, f.months), {}) if subject else {}
        if f.locator in stated and stated[f.locator] != next(iter(stated.values())):
            continue
        out.append(f)
    return out


_RATE_NAME = re.compile(r" (?:year-over-year|quarter-over-quarter) change$| as a percentage of [a-z ]+$")


_QUARTER_YEAR_SPLIT = re.compile(r",?\s+and\s+(?=(?:the\s+)?(?:full[- ]year|fourth[- ]quarter|"
                                 r"for\s+the\s+(?:full|fourth|year|quarter))|(?:19|20)\d\d\s+[A-Za-z])|;\s+", re.I)
# a clause that opens with a year before its figure's name names that year's span ('... during the fourth quarter and
# 2024 adjusted RoaCE ended at 8.5 percent'), never a year's day or a range of years
_YEAR_LEAD = re.compile(r"^(?:19|20)\d\d\s+(?!(?:and|to|or|vs\.?|versus|compared)\b)[A-Za-z]", re.I)
QUARTER_YEAR_CLAUSE_EXAMPLES = (  # (a fourth quarter's sentence, the facts of its clauses as 'label = value @ months')
    ("The Group generated NOK 1.7 billion in free cash flow during the fourth quarter and 2024 adjusted RoaCE ended "
     "at 8.5 percent.", "Free cash flow = 1700000000 @ 3; Adjusted RoaCE = 8.5 @ 12"),
    ("Revenue for the fourth quarter grew 81% to $46 million and full-year Revenue grew 63% to $151 million.",
     "Revenue year-over-year change = 81 @ 3; Revenue = 46000000 @ 3; Revenue year-over-year change = 63 @ 12; "
     "Revenue = 151000000 @ 12"),
    ("Net income was $12 million in the fourth quarter and 2023 net income was $10 million.",  # another year
     "Net income = 12000000 @ 3"),
)


_SKIP_SENTENCE = re.compile(
    r"forward-looking|safe harbor|respectively|\b(expects?|expected|expecting|outlook|guidance|anticipates?|"
    r"forecasts?|forecasting|"
    r"(?:we|company|group|management|it)\s+projects?|projected|targets?|intends?|plans? to|will be|would be|could|"
    r"may)\b", re.I)  # 'projects' a verb of the future, not the noun ('costs related to social projects')
_OTHER_SPAN = re.compile(r"\bfull[- ]year\b|\bfiscal (?:year )?\d{4}\b|\bannual\b|\bfor the year\b|"
                         r"\byear[- ]to[- ]date\b|\btrailing\b|\bttm\b", re.I)
_SEGMENT_LEAD = re.compile(r"^(?:In|Within|At|For)\s+(?!the\s+(?:first|second|third|fourth|quarter|year|"
                           r"three|six|nine|twelve|period|fiscal))[A-Z][\w&.' -]{1,40},")
_QUALIFIER = re.compile(r"\b(adjusted|non-gaap|core|organic|constant[- ]currency|comparable|excluding)\b", re.I)
_BALANCE = re.compile(r"\bas of\b|\bat (?:the )?(?:end of|quarter[- ]end|year[- ]end)|\bbalance\b|"
                      r"\ballowance\b|book value|net debt|\bat (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|"
                      # compared with a day ('up 18 per cent to US$8.72 billion compared to 31 December 2024')
                      r"\b(?:compared\s+(?:to|with)|from|since|versus|vs\.?)\s+(?:\d{1,2}\s+" + MONTH + r"|"
                      + MONTH + r"\s+\d{1,2},)\s+(?:19|20)\d\d", re.I)
_WHOLE_COMPANY = re.compile(r"quarter|year|results|highlights|financial|consolidated|summary|overview|"
                            # a report or letter to the owners ('INTERIM REPORT TO OUR STOCKHOLDERS')
                            r"\breport\b|\bstockholders\b|\bshareholders\b|"
                            r"performance|operating|income|revenue|\b(?:19|20)\d\d\b|\d/\d|Q[1-4]\b", re.I)
_GUIDANCE = re.compile(r"\b(outlook|guidance|expects?|expected|forecasts?|anticipates?)\b", re.I)
_YEAR_ONLY = re.compile(r"\b(?:in|for|during|of) (?:fiscal )?(?:19|20)\d\d\b(?! (?:first|second|third|fourth))", re.I)
_SPAN_BEFORE_YEAR = re.compile(r"\b(?:(?P<n>three|six|nine|3|6|9)\s+months|(?P<q>quarter)|(?P<h>half))\s+(?:of\s+)?$",
                               re.I)


def _span_of_year(before: str) -> int:
    """The months of the span whose year follows ('the first nine months of' -> 9, 'the second quarter of' -> 3,
    'first half of' -> 6); 12 when the words before a year name no span (a full year's figure)."""
    m = _SPAN_BEFORE_YEAR.search(before)
    if not m:
        return 12
    if m.group("q"):
        return 3
    if m.group("h"):
        return 6
    return {"three": 3, "six": 6, "nine": 9, "3": 3, "6": 6, "9": 9}[m.group("n").lower()]
_QUARTER_WORD = re.compile(r"\bquarter|\bQ[1-4]\b|three months|13 weeks|12 weeks", re.I)
_YEAR_WORD = re.compile(r"full[- ]year|fiscal year|\bannual|twelve months|52 weeks|53 weeks|\bfor the year", re.I)
_BAD_SUBJECT = re.compile(
    r"\b(effect|effects|decline|declined|increase|increased|decrease|decreased|rose|grew|fell|impact|change|"
    r"offset|partially|compared|compares|primarily|mainly|"
    r"driven|officer|chief|said|commented|reported|announced|was|were|approximately|total of|amount|"
    r"segment|which|this|these|those|it|they|we|our|reflects?|had|has|made|generated|delivered|will|"
    r"announces|recorded|company|pricing|includes|excludes|declared|declares|proposes)\b|^(mr|ms|dr)\.?\b|[•|]|"
    # the group as an actor ('the Group's', 'Group reported'), never 'Group GMV', 'Group revenue' (the whole's name)
    r"\bgroup\b(?!\s+(?:GMV|revenues?|sales|turnover|EBITDA|EBIT|profit|net|operating|adjusted|underlying|total|"
    r"gross|income|loss|free|cash)\b)|"
    r"^(and|at|of|by|for|from|in|on|to|a|an|end)\b|^\w\)|^\w\s|"
    r"^records?$", re.I)  # 'Full year record of $1 trillion': a record of what, unsaid


# a line of business's own figure: 'Revenue from the medical equipment leasing segment' (not 'the segment grew')
_SEGMENT_METRIC = re.compile(r"(?:total\s+|net\s+)?(?:revenues?|sales|operating (?:income|profit|loss)|"
                             r"gross (?:profit|margin)|ebitda|adjusted ebitda)\s+(?:from|of|in|for)\s+"
                             r"(?:the|its|our)\s+[\w&’' -]{2,50}?\s+"
                             r"segments?", re.I)
SEGMENT_SUBJECT_EXAMPLES = (  # (subject, whether it is a figure's name)
    ("Revenue from the medical equipment leasing segment", True),
    ("Revenue from the Company’s direct patient care services segment", True),
    ("Operating income of the Industrial segment", True),
    ("The segment", False),
    ("Revenue in the segment which", False),
    ("Our Americas segment", False),
)


# the whole company as the owner a result is attributable to: 'Net profit attributable to the parent company', 'Net
# income attributable to the Company' (the company as an actor, 'the Company reported', stays no name)
_COMPANY_AS_OWNER = re.compile(r"\b(?:(?:attributable|available)\s+to|(?:owners|shareholders|stockholders|"
                               r"equity\s+holders)\s+of)\s+(?:the\s+)?(?:parent\s+)?company(?:['’]s\s+"
                               r"(?:owners|shareholders|stockholders|equity\s+holders))?$", re.I)
OWNER_SUBJECT_EXAMPLES = (  # (subject, whether it is a figure's name)
    ("Net profit attributable to the parent company", True),
    ("Net income attributable to the Company", True),
    ("Profit attributable to owners of the parent company", True),
    ("Net income attributable to the Company's shareholders", True),
    ("The Company reported net income", False),
    ("Net income of the company which", False),
)


def _bad_subject(subject: str) -> bool:
    """No figure's name (_BAD_SUBJECT), unless it is a line of business's own figure (SEGMENT_SUBJECT_EXAMPLES); the
    company named as the owner of a result is part of the result's name (OWNER_SUBJECT_EXAMPLES)."""
    if _SEGMENT_METRIC.fullmatch(subject.strip()) and not re.search(r"\b(?:which|this|these|that)\b", subject, re.I):
        return False
    return bool(_BAD_SUBJECT.search(_COMPANY_AS_OWNER.sub("", subject.strip())))


@dataclass(frozen=True)
class SentenceRule:
    """A sentence form the grammar reads, with examples a test runs: (sentence, the facts it gives as
    'label = value' joined by '; ') and sentences it must leave alone."""

    name: str
    pattern: re.Pattern[str]
    examples: tuple[tuple[str, str], ...]
    not_examples: tuple[str, ...] = ()


_CURRENCY_AHEAD = rf"(?={_CURRENCY_SIGNS}|(?:{_CURRENCY_CODES})\b|Rs\.|Ps\.)"  # an amount's sign or code ahead
# the span a sentence names for a move: 'during the fourth quarter of 2024', 'in the third quarter 2024', 'in 2024',
# 'during the quarter', 'for the year'
_MOVE_SPAN = re.compile(r"\b(?:during|in|for|over)\s+(?:the\s+)?(?:(?P<ord>first|second|third|fourth)\s+quarter"
                        r"(?:\s+(?:of\s+)?(?P<qyear>(?:19|20)\d\d))?|(?:fiscal\s+(?:year\s+)?)?(?P<year>(?:19|20)\d\d)|"
                        r"(?P<q>quarter)|(?P<y>(?:full\s+)?year))\b", re.I)
# a move from one amount to another: 'IDC costs increased by 10.3% year-over-year from RMB728.2 million to
# RMB803.1 million', after a clause that names the span the first amount is of ('Compared to the third quarter
# 2024, Hydro's adjusted EBITDA increased from NOK 7,367 million to NOK 7,701 million in the fourth quarter 2024').
# The amount after 'to' is this period's; the one after 'from' is a flow's only when the clause names its span as
# the quarter before (any other span stays unsaid), and a balance's at the start of the span the sentence names
# ('Net debt increased from NOK 14.7 billion to NOK 16.0 billion during the fourth quarter of 2024')
FROM_TO_RULE = SentenceRule(
    "an amount moved from one figure to another",
    re.compile(
        r"^(?:(?:compared\s+(?:to|with)|relative\s+to|versus)\s+(?P<lead>[^,]{3,60}),\s*)?"
        r"(?P<subj>[A-Za-z][\w&,'’ -]{1,80}?)\s+(?P<dir>increased|decreased|grew|rose|declined|fell)\s+"
        r"(?:by\s+(?P<pct>\d+(?:\.\d+)?)\s?(?:%|percent)\s*)?(?P<basis>year[- ]over[- ]year|quarter[- ]over[- ]quarter|"
        r"sequentially)?\s*from\s+(?P<old>(?:[^.;]|\.(?=\d)){1,80}?)\s+to\s+(?P<new>" + _CURRENCY_AHEAD +
        r"(?:[^.;]|\.(?=\d))*)$", re.I),
    (("IDC costs increased by 10.3% year-over-year from RMB728.2 million to RMB803.1 million (US$112.1 million) "
      "this quarter.", "IDC costs = 803100000 @ 2024-12-31/3; IDC costs = 112100000 @ 2024-12-31/3; "
                       "IDC costs year-over-year change = 10.3 @ 2024-12-31/3"),
     ("Compared to the third quarter 2024, Hydro’s adjusted EBITDA increased from NOK 7,367 million to NOK 7,701 "
      "million in the fourth quarter 2024.",
      "Hydro’s adjusted EBITDA = 7701000000 @ 2024-12-31/3; Hydro’s adjusted EBITDA = 7367000000 @ 2024-09-30/3"),
     ("Hydro’s net debt increased from NOK 14.7 billion to NOK 16.0 billion during the fourth quarter of 2024.",
      "Hydro’s net debt = 16000000000 @ 2024-12-31/0; Hydro’s net debt = 14700000000 @ 2024-09-30/0"),
     ("Net debt decreased from SEK 2.1 billion to SEK 1.8 billion during the year.",
      "Net debt = 1800000000 @ 2024-12-31/0; Net debt = 2100000000 @ 2023-12-31/0")),
    ("Adjusted net debt decreased from NOK 25.0 billion to NOK 24.1 billion.",  # between which days: unsaid
     "Revenue increased from NOK 7,367 million to NOK 7,701 million in the fourth quarter of 2023.",  # another span
     "Net debt increased from NOK 14.7 billion to NOK 16.0 billion during the third quarter of 2024."),
)


# a list item whose sub-items lost their line breaks (Freelancer's FY24 highlights: '* Group GMV: $948.6 million
# (-7.1% vs. FY23)Freelancer: $130.5 million (-1.3%)Escrow.com: $818.2 million (-7.9%)', '... $0.6m in pcp1H24:
# $(1.0) million; 2H24: $1.8 million'; the same converter glues contact lines, 'Susan HoffmeisterPhone: +49 ...'): a
# sub-item starts where a name or a half's tag and a colon before an amount are glued to a closing bracket, a rate or
# a word. A half's tag ('1H24', 'H2 2024') gives the item's figure for that half of the release's year; a part's name
# ('Freelancer') the part's share of a whole the item names as the group's or the total ('Group GMV' -> 'Freelancer
# GMV'); under any other item a sub-item's name says too little and is left out
_HALF_TAG_READ = re.compile(r"(?P<h>[12])H\s?(?:FY)?\s?(?P<y>\d\d)|H(?P<h2>[12])\s?(?:FY)?\s?(?:19|20)?(?P<y2>\d\d)")
_HALF_TAG = "(?:" + re.sub(r"\(\?P<\w+>", "(?:", _HALF_TAG_READ.pattern) + ")"  # the same tag, its parts unnamed
_SUB_ITEM = (r"(?P<name>" + _HALF_TAG + r"|[A-Z][\w.&’'-]*(?:\s[A-Z][\w.&’'-]*){0,3})\s?:\s*(?=[-+]?\(?(?:"
             + _CURRENCY_SIGNS + r"|(?:" + _CURRENCY_CODES + r")\b)\s?\(?\d)")
GLUED_ITEM_RULE = SentenceRule(
    "a list item's sub-items run together",
    re.compile(r"(?<=[)%a-z])(?=" + _SUB_ITEM + ")"),
    (("Group GMV: $948.6 million (-7.1% vs. FY23)Freelancer: $130.5 million (-1.3%)Escrow.com: $818.2 million "
      "(-7.9%)", "Group GMV = 948600000 @ 2024-12-31/12; Freelancer GMV = 130500000 @ 2024-12-31/12; Escrow.com GMV "
                 "= 818200000 @ 2024-12-31/12"),
     ("Operating Profit (excl. FX losses): $0.8m vs. $0.6m in pcp1H24: $(1.0) million; 2H24: $1.8 million",
      "Operating Profit (excl. FX losses) = 800000 @ 2024-12-31/12; Operating Profit (excl. FX losses) = 600000 @ "
      "2023-12-31/12; Operating Profit (excl. FX losses) = -1000000 @ 2024-06-30/6; Operating Profit (excl. FX "
      "losses) = 1800000 @ 2024-12-31/6")),
    ("Revenue: $53.1 million (-4.2%)Freelancer: $40.6 million (-8.2%)",  # a part of what: the item names no whole
     "Operating Profit: $0.8m vs. $0.6m in pcp1H23: $(1.0) million",  # a half of another year
     "Group Revenue: $53.1 million; Freelancer: $40.6 million",  # nothing glued: one item
     "Contact: Susan HoffmeisterPhone: +49 89 1234"),  # no amount
)
_SUB_ITEM_NEXT = re.compile(r";\s+(?=" + _SUB_ITEM.replace("?P<name>", "?:") + ")")
_WHOLE_NAME = re.compile(r"^(?:group|total|consolidated)\s+(?=\S)", re.I)


def _glued_item_facts(sentence: str, locator: str, meta: ReleaseMeta, document: str,
                      heading: int | None) -> list[Fact] | None:
    """The facts of a list item and of the sub-items run into it (GLUED_ITEM_RULE); None when nothing is glued."""
    assert meta.period_end is not None
    cuts = [m.start() for m in GLUED_ITEM_RULE.pattern.finditer(sentence)]
    if not cuts:
        return None
    head = sentence[: cuts[0]]
    span = heading if heading != meta.months and not _OTHER_SPAN.search(head) else None
    out = _sentence_facts(head, locator, meta, document, span, quote=sentence)
    first = _MONEY.search(head)
    whole = _subject(head[: first.start()], meta.short_name) if first else ""
    if not whole or _bad_subject(whole):
        return out
    items = [p for a, b in itertools.pairwise([*cuts, len(sentence)]) for p in _SUB_ITEM_NEXT.split(sentence[a:b])]
    fy = fiscal_year(meta.period_end, meta.calendar)
    for item in items:
        m = re.match(_SUB_ITEM, item)
        if m is None:
            continue
        rest = item[m.end():]
        half = _HALF_TAG_READ.fullmatch(m.group("name"))
        if half:
            which, year = int(half.group("h") or half.group("h2")), int(half.group("y") or half.group("y2"))
            if meta.months != 12 or year != fy % 100:
                continue  # a half of another year, or in a release of another span than the year
            end = meta.period_end if which == 2 else quarter_end(2, fy, meta.calendar)
            for f in _sentence_facts(f"{whole}: {rest}", locator, meta, document, 6, quote=sentence):
                if f.period_end == meta.period_end and f.months == 6:
                    out.append(replace(f, period_end=end, period=period_label(Period(end, 6), meta.calendar)))
        elif _WHOLE_NAME.match(whole):
            measure = _WHOLE_NAME.sub("", whole)
            for f in _sentence_facts(f"{measure}: {rest}", locator, meta, document, span, quote=sentence):
                label = f"{m.group('name')} {f.label}"
                out.append(replace(f, label=label, metric=canonical_metric(label, f.unit.value)))
    return out


_DOLLARS = frozenset(c.code for c in CURRENCIES if c.dollar)


def _printed(m: re.Match[str], meta: ReleaseMeta) -> tuple[str, Decimal]:
    """An amount's currency code (the release's when it prints only '$') and its number as printed, unscaled."""
    value = Decimal(m.group("num").replace(",", ""))
    cur = m.group("cur").replace("\\", "").strip()
    if cur == "$" and meta.currency in _DOLLARS:
        return meta.currency, -value if m.group("open") else value  # a bare '$' is the release's own dollar (A$)
    return (currency_code(cur if cur[:1] in "$€£¥₹" or "$" in cur else cur.upper()) or meta.currency,
            -value if m.group("open") else value)


def _move_span(m: re.Match[str] | None, meta: ReleaseMeta) -> tuple[date, int] | None:
    """The span (end, months) a _MOVE_SPAN match names, in the release's calendar; None when it names none."""
    if m is None or meta.period_end is None:
        return None
    end = meta.period_end
    if m.group("q"):
        return end, 3
    if m.group("y"):
        return end, 12
    if m.group("ord"):
        year = int(m.group("qyear")) if m.group("qyear") else fiscal_year(end, meta.calendar)
        return quarter_end(ORDINALS[m.group("ord").lower()], year, meta.calendar), 3
    return quarter_end(4, int(m.group("year")), meta.calendar), 12


def _span_start(end: date, months: int) -> date:
    """The day before a span starts (the end of the span before it): a quarter's, three months back; a year's, one
    year back."""
    return _year_before(end) if months == 12 else quarter_before(end)


def _from_to_facts(sentence: str, locator: str, meta: ReleaseMeta, document: str,
                   span_months: int | None) -> list[Fact] | None:
    """The facts of a FROM_TO_RULE sentence; None when the sentence is not of that form."""
    m = FROM_TO_RULE.pattern.match(sentence.rstrip(". "))
    if not m or _bad_subject(m.group("subj")) or meta.period_end is None:
        return None
    new = _MONEY.search(m.group("new"))
    if not new or not new.group("scale"):
        return None
    tail = m.group("new")[new.end():]
    named = _move_span(_MOVE_SPAN.search(tail), meta)
    balance = _is_balance_name(m.group("subj"))
    if re.search(r"last year|a year ago", tail, re.I) or (named and (named[0] != meta.period_end or (
            not balance and named[1] != (span_months or meta.months)))):
        return None  # the amount of another span (a balance at the period's end, moved over any span to it)
    months = 0 if balance else span_months or meta.months
    subject = m.group("subj").strip()
    subject = subject[0].upper() + subject[1:]
    out = []
    amounts = [new]
    conv = re.match(r"\s*\(\s*(" + _MONEY.pattern + r")\s*\)", tail, re.I)
    if conv:
        m2 = _MONEY.search(conv.group(1))
        if m2 and m2.group("scale"):
            amounts.append(m2)
    for a in amounts:
        cur, value = _printed(a, meta)
        value *= _SCALES.get(a.group("scale").lower(), 1)
        out.append(_fact(document, meta, subject, Unit.CURRENCY, cur, value, a.group(0).strip(), locator, sentence,
                         months))
    old = _MONEY.fullmatch(m.group("old").strip())
    lead = _move_span(_MOVE_SPAN.search("in " + m.group("lead")), meta) if m.group("lead") else None
    old_end = None
    if balance and named:
        old_end = _span_start(*named)  # a balance moved over the span the sentence names: from its start
    elif not balance and lead and lead[1] == months == 3 and lead[0] == _span_start(meta.period_end, 3):
        old_end = lead[0]  # 'Compared to the third quarter 2024': the quarter before
    if old is not None and old_end is not None and _printed(old, meta)[0] == _printed(new, meta)[0]:
        cur, value = _printed(old, meta)
        value *= _SCALES[(old.group("scale") or new.group("scale")).lower()]
        out.append(_fact(document, meta, subject, Unit.CURRENCY, cur, value, old.group(0).strip(), locator, sentence,
                         months, old_end))
    if m.group("pct"):
        basis = (m.group("basis") or "").lower()
        qoq = basis.startswith(("quarter", "sequential")) or bool(_QOQ.search(m.group("old")))
        yoy = basis.startswith("year") or bool(_YOY.search("from " + m.group("old")))
        if qoq != yoy:
            kind = "quarter-over-quarter change" if qoq else "year-over-year change"
            sign = -1 if m.group("dir").lower() in ("decreased", "declined", "fell") else 1
            out.append(_fact(document, meta, f"{subject} {kind}", Unit.PERCENT, None,
                             Decimal(m.group("pct")) * sign, m.group("pct") + "%", locator, sentence, months))
    if balance and not named:
        return []  # a balance moved between two days the sentence does not name
    return out


# a count a sentence states, only in the strictest form: the sentence's own subject a countable thing, its verb, and
# an exact number ('LINAC treatment sessions totaled 28,147 in full year 2025', 'The number of full-paying
# subscribers (FPS) decreased 8.0 per cent to 427,227 (464,494) compared to last year', 'Active customers totaled
# 21.2 million as of September 30, 2025'); never a bound ('more than', 'over', 'approximately', 'surpassed'), a
# year, a quantity in a unit ('422,000 tonnes') or a thing not on the lists. Things held at a day (subscribers,
# customers, employees, stores) stand at the period's end; things done over the span (sessions, procedures,
# deliveries, orders) are the span's
_COUNT_STOCK = (r"subscribers|customers|clients|employees|members|accounts|users|stores|restaurants|branches|"
                r"locations|outlets|franchisees|tenants|households")
_COUNT_FLOW = r"sessions|procedures|treatments|deliveries|orders|shipments|transactions|visits"
COUNT_RULE = SentenceRule(
    "a count of a countable thing",
    re.compile(r"^(?P<subj>(?:the\s+)?(?:total\s+)?(?:number\s+of\s+)?(?P<name>(?:[\w'’&-]+\s+){0,4}?"
               rf"(?:(?P<stock>{_COUNT_STOCK})|(?P<flow>{_COUNT_FLOW}))))(?:\s*\([A-Z]{{2,6}}\))?\s+"
               r"(?:totall?ed|was|were|reached|stood\s+at|amounted\s+to|(?P<dir>increased|decreased|grew|rose|"
               r"declined|fell)\s+(?:by\s+)?\d+(?:\.\d+)?\s?(?:%|per\s?cent|percent)\s+to)\s+"
               r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?=\s+(?:million|thousand)\b)|\d+)(?![.,]?\d)"
               r"(?:\s+(?P<scale>million|thousand))?(?=\s*(?:[,.;(]|$|(?:in|as|at|for|during|compared|versus|an?)\b))",
               re.I),
    (("LINAC treatment sessions totaled 28,147 in full year 2024, compared with 14,662 in full year 2023.",
      "LINAC treatment sessions = 28147 @ 12"),
     ("The number of full-paying subscribers (FPS) decreased 8.0 per cent to 427,227 (464,494) compared to last "
      "year.", "Full-paying subscribers = 427227 @ 0; Full-paying subscribers = 464494 @ 0 a year before"),
     ("Active customers totaled 21.2 million as of December 31, 2024.", "Active customers = 21200000 @ 0"),
     ("Total number of employees was 95,492 as of December 31, 2024.", "Employees = 95492 @ 0")),
    ("The company served more than 1,800 customers in 2024.",  # a bound
     "Active customers totaled approximately 21.2 million.",
     "Stainless steel deliveries were 422,000 tonnes.",  # a quantity in a unit
     "The number of employees was 95,492 as of September 30, 2024.",  # another day
     "LINAC treatment sessions totaled 28,147 in full year 2023.",  # another year
     "Adjusted for divestments, the number of subscribers decreased 1.9 per cent to 427,227 (435,562).",  # adjusted
     "Our customers were 2024 winners.",  # a year
     "The Leader Multi-wash series surpassed 200,000 units sold."),  # no count of the list
)
_BOUND = re.compile(r"\b(?:more\s+than|over|above|under|below|around|approximately|approx\.|about|nearly|almost|some|"
                    r"up\s+to|at\s+least|exceed\w*|surpass\w*|roughly|close\s+to|circa|c\.|~)", re.I)


def _count_facts(sentence: str, locator: str, meta: ReleaseMeta, document: str,
                 span_months: int | None) -> list[Fact] | None:
    """The count a COUNT_RULE sentence states ([] when it cannot be dated or may be a bound); None when the sentence
    is not of that form."""
    assert meta.period_end is not None
    m = COUNT_RULE.pattern.match(sentence.strip(" *•-"))
    if not m:
        return None
    text = sentence.strip(" *•-")
    num = m.group("num").replace(",", "")
    if _BOUND.search(text[: m.end()]) or _QUALIFIER.search(m.group("subj")) or (
            "," not in m.group("num") and not m.group("scale") and 1900 <= float(num) <= 2100):
        return []
    value = Decimal(num) * (10**6 if (m.group("scale") or "").lower() == "million" else
                            10**3 if m.group("scale") else 1)
    if value != value.to_integral_value():
        return []
    # the words up to a comparison name the count's day or span; the year before's may follow
    own = re.split(r"\b(?:compared|versus|vs\.?|from|against)\b|\(", text[m.end():], maxsplit=1)[0]
    if m.group("stock"):
        days = [d for rx in _ANY_DATE for x in rx.finditer(own) for d in [_date_of(rx, x)] if d]
        fy = fiscal_year(meta.period_end, meta.calendar)
        if any(d != meta.period_end for d in days) or any(int(y) not in (fy, meta.period_end.year) for y in re.findall(
                r"\b((?:19|20)\d\d)\b", _without_dates(own))) or re.search(r"\baverage\b", text, re.I):
            return []
        months: int | None = 0
    else:
        months = _months_of(text, m.start("num"), m.end(), meta, span_months)
        if months is None or _BALANCE.search(own):
            return []
    name = re.sub(r"^(?:the\s+)?(?:total\s+)?(?:number\s+of\s+)?", "", m.group("subj"), flags=re.I).strip()
    if not name or _bad_subject(name) or len(name.split()[0]) < 2:
        return []
    label = name[0].upper() + name[1:]
    quoted = m.group("num") + (f" {m.group('scale')}" if m.group("scale") else "")
    out = [_fact(document, meta, label, Unit.COUNT, None, value, quoted, locator, sentence, months)]
    prior = prior_figure(m.group("num"), text[m.end():]) if not m.group("scale") else None
    if prior is not None and months == 0:
        out.append(_fact(document, meta, label, Unit.COUNT, None, prior, quoted, locator, sentence, 0,
                         _year_before(meta.period_end)))
    return out


# the causes a sentence gives after its figures: 'due to ...', 'driven by ...'
_CAUSE = re.compile(r",?\s+(?:(?:primarily|mainly|largely|partly|partially)\s+)?(?:due\s+to|driven\s+by|reflecting|"
                    r"as\s+a\s+result\s+of|because\s+of|offset\s+by)\b", re.I)


def _sentence_facts(sentence: str, locator: str, meta: ReleaseMeta, document: str,
                    span_months: int | None = None, quote: str | None = None) -> list[Fact]:
    if quote and quote != sentence:  # a clause: its facts quote the whole sentence
        return [replace(f, quote=quote if len(quote) <= 400 else f.quote)
                for f in _sentence_facts(sentence, locator, meta, document, span_months)]
    if len(sentence) > 600 or _SKIP_SENTENCE.search(sentence):
        return []
    if _SCALE_IN_BRACKETS.search(sentence):
        # '$(0.8m)': a negative amount with its scale inside the brackets; read as '$(0.8) m', quoted as printed
        return [replace(f, quote=sentence if len(sentence) <= 400 else f.quote)
                for f in _sentence_facts(_SCALE_IN_BRACKETS.sub(r"\1) \2", sentence), locator, meta, document,
                                         span_months)]
    from_to = _from_to_facts(sentence, locator, meta, document, span_months)
    if from_to is None:
        from_to = _to_from_facts(sentence, locator, meta, document, span_months)
    if from_to is not None:
        return from_to
    if (_SEGMENT_LEAD.match(sentence) or re.search(r"\bsegments?\b|\bdivisions?\b", _CAUSE.split(sentence)[0],
                                                     re.I)) and not _SEGMENT_METRIC.match(sentence):
        # "In Flexibles, net sales were ...": a part of the company, not the whole (unless the figure's own name
        # says whose it is: 'Revenue from the medical equipment leasing segment decreased 33.9% to $2.9 million');
        # a segment named only among the causes ('..., due to the shift to direct patient care services, which have
        # lower margins than the leasing segment') is no part the figure is of
        return []
    generated = _generated_facts(sentence, locator, meta, document, span_months)
    if generated is not None:
        return generated
    counted = _count_facts(sentence, locator, meta, document, span_months)
    if counted is not None:
        return counted
    balance = _balance_facts(sentence, locator, meta, document)
    if balance is not None:
        return balance
    return (_amount_facts(sentence, locator, meta, document, span_months)
            + _ratio_facts(sentence, locator, meta, document, span_months))


_HALF_SPAN = re.compile(r"\b(?:first|second)\s+half\b|\bhalf[- ]year\b|\b(?:[12]H|H[12])\s?(?:FY\s?)?(?:19|20)?\d\d\b",
                        re.I)


# the months from the fiscal year's start to the release's end, named without a day: 'Nine-month operating cash
# flow reaches RMB 17.49bn' and 'in the first nine months of 2025' in a third quarter's release are its nine months
# to date (as its tables' 'Nine months ended September 30' column); a span that ends elsewhere ('the last nine
# months', 'trailing'), or another number of months than the release's year to date, stays unsaid
YEAR_TO_DATE_RULE = SentenceRule(
    "the release's year to date named by its months",
    re.compile(r"(?<!last )(?<!past )(?<!trailing )(?<!previous )(?<!prior )\b(?P<n>six|nine|6|9)[\s-]+months?\b"
               r"(?!\s+(?:ended|ending|to|through)\b)|(?<![\w.,$])(?P<short>6|9)M(?=\s*(?:FY\s?|')?(?:19|20)?\d\d\b)",
               re.I),
    (("Nine-month operating cash flow reaches RMB 17.49bn", "Operating cash flow = 17490000000 @ 9"),
     ("Revenue for the first nine months of 2025 was RMB 230.3bn.", "Revenue = 230300000000 @ 9"),
     ("In 9M 2025, revenue reached RMB 230.3bn.", "Revenue = 230300000000 @ 9")),
    ("Revenue for the first six months of 2025 was RMB 150.1bn.",  # a half in a third quarter's release
     "Revenue for the last nine months was RMB 230.3bn.",  # a span that ends where the sentence does not say
     "Revenue for the first nine months of 2024 was RMB 210.3bn."),  # the year before's
)


def year_to_date_months(meta: ReleaseMeta) -> int:
    """The months from the release's fiscal year start to its period end (a third quarter's release: 9)."""
    assert meta.period_end is not None
    return fiscal_quarter(meta.period_end, meta.calendar) * 3


def _is_year_to_date(sentence: str, meta: ReleaseMeta, months: int) -> bool:
    """Whether the sentence names the release's year to date (YEAR_TO_DATE_RULE) as a span of `months`."""
    if meta.months not in (3, 6) or months != year_to_date_months(meta) or months == meta.months:
        return False
    named = {"six": 6, "nine": 9, "6": 6, "9": 9}
    return any(named[(m.group("n") or m.group("short")).lower()] == months
               for m in YEAR_TO_DATE_RULE.pattern.finditer(sentence))


# a half named in a year's release, before a figure or in its own clause: the second half ends on the release's day
# ('the revenue and income for the second half of 2023 reached RMB480 million', 'Revenue in 2H23 was ...'); a first
# half (or a half-year) ends elsewhere and is left out; a half named only in a later clause is not the figure's
HALF_OF_YEAR_RULE = SentenceRule(
    "a half of the release's year",
    _HALF_SPAN,
    (("Revenue for the second half of 2024 reached RMB480 million.", "Revenue = 480000000 @ 6"),
     ("Revenue in 2H24 was RMB480 million.", "Revenue = 480000000 @ 6"),
     ("In 2024, revenue amounted to RMB870 million, of which the second half accounted for RMB480 million.",
      "Revenue = 870000000 @ 12")),
    ("Revenue for the first half of 2024 reached RMB390 million.",
     "Revenue in the half-year was RMB390 million.",
     "Revenue for the second half of 2023 reached RMB480 million."),  # the year before's
)
_SECOND_HALF = re.compile(r"second|2H|H2", re.I)


def _halves_named(sentence: str, end: int) -> list[str]:
    """The halves a sentence names before the clause of a figure ending at `end` closes (at a comma, a semicolon or
    'and'; an aside in brackets after the figure is another's: '$0.8 million (vs. ...) and cash reserves of $23.2
    million (up 9.5% from 1H24)')."""
    stop = re.search(r"[,;]|\s(?:and|while|whereas)\s", sentence[end:])
    after = re.sub(r"\([^()]*\)", " ", sentence[end: end + stop.start()] if stop else sentence[end:])
    return [h.group(0) for h in _HALF_SPAN.finditer(sentence[:end] + after)]


def _months_of(sentence: str, start: int, end: int, meta: ReleaseMeta, span_months: int | None) -> int | None:
    """The span of the release's period a figure at sentence[start:end] is stated for, or None when the sentence
    ties it to another span or year."""
    if meta.months != 12 and not span_months and (_OTHER_SPAN.search(sentence) or any(
            _span_of_year(sentence[: y.start()]) != meta.months and not _is_year_to_date(
                sentence, meta, _span_of_year(sentence[: y.start()])) for y in _YEAR_ONLY.finditer(
                sentence[: end + 25]))):
        return None  # a full-year or trailing figure in a quarterly release ('in the first nine months of 2025' is
        # the span's year; 'for the first half of 2023' in a quarter's release is another span)
    if not span_months and meta.months == 3 and _HALF_SPAN.search(sentence):
        return None  # 'earnings per share of $1.85 in the first half of 2023' in a quarter's release: the half's
    if not span_months and meta.months == 12:
        halves = _halves_named(sentence, end)
        if halves:
            if not all(_SECOND_HALF.match(h) for h in halves):
                return None  # the first half in a year's release: a span that ends before the release's day
            span_months = 6  # HALF_OF_YEAR_RULE: the second half ends on the release's day
    span = GROUP_RE.search(sentence[: end + 60])
    months = group_months(span) if span else (span_months or meta.months)
    if span and months <= 0:  # a point in time or an unresolved "year to date": not a flow of this release
        return None
    if span_months and months != span_months:
        return None
    if span and months != meta.months and not span_months and not _is_year_to_date(sentence, meta, months):
        # another span ("39-week period ended November 2, 2024"): only when it ends on the release's date
        ends = parse_date(sentence[span.end(): span.end() + 60])
        if ends is None or abs((ends - meta.period_end).days) > 7:
            return None
    fy = fiscal_year(meta.period_end, meta.calendar)
    # years before the figure, and right after it up to a comparison ('$3,154B for 2023' is 2023's; '£43.8m
    # (H1 2024: £40.1m)' is this period's beside the year before)
    after = re.split(r"\(|\b(?:compared|comparable|versus|vs\.?|from|against|over|than|prior|last|up|down)\b",
                     sentence[end: end + 25], maxsplit=1)[0]
    if any(int(y) not in (fy, meta.period_end.year) for y in re.findall(r"\b((?:19|20)\d\d)\b",
                                                                         sentence[:start] + " " + after)):
        return None  # "Full year 2024 cash capital expenditure was $21 billion" in a 2025 release
    return months


# "<subject> increased 32% to $13.6 billion", "fell 4% year-over-year to": a rate right before the amount it
# brought the subject to. Unqualified, it is against the same period a year before (the convention of results
# releases: a sequential rate is always named so); a sentence that names a sequential basis anywhere is left alone.
_LEAD_RATE = re.compile(r"\b(?P<dir>increased|decreased|grew|rose|declined|fell|was\s+up|was\s+down)\s+(?:by\s+)?"
                        r"(?P<num>\d+(?:\.\d+)?)\s?(?:%|percent\b)(?P<basis>[^$€£¥₹\d]{0,40}?)\s*\bto\s*$", re.I)


def _lead_rate(before: str, sentence: str) -> tuple[str, Decimal, str] | None:
    m = _LEAD_RATE.search(before)
    if m is None:
        return None
    basis = m.group("basis")
    if _QOQ.search(basis):
        kind = "quarter-over-quarter change"
    elif _YOY.search(basis) or (not basis.strip(" ,") and not _QOQ.search(sentence)):
        kind = "year-over-year change"
    else:
        return None
    sign = -1 if m.group("dir").lower().startswith(("decreas", "declin", "fell", "was down")) else 1
    return kind, Decimal(m.group("num")) * sign, f"{m.group('num')}%"


# a figure named as something another one includes: 'The first six months of 2023 primarily includes, among other
# things, dividend income of $211 million from our investment in Nimbus' is one item of a total, not the total
_PART_OF_WHAT = re.compile(r"\b(?:includes|included|include)\b", re.I)


# where the words that qualify a stated rate end: a clause's end, or 'and' before another subject; 'and' before a
# second rate goes on ('up 0.9% year-over-year and 0.1% on a currency-neutral basis, excluding Reverb' qualifies both)
_RATES_CLAUSE_END = re.compile(r"[;.](?!\d)|\b(?:while|with)\b|\band\b(?!\s+[-+(]?\d)")


# an amount and the same figure as a rate, 'or' between them: the rate of a margin ('Gross margin was $906,000 or
# 12% in Q4 2025', American Shared Hospital Services), or the amount's share of the sales it names ('SG&A Expenses
# were $271 million, or 30.5% of net sales', 'Fourth quarter operating income was $23.1 million or 9.7% of sales');
# a bare rate after any other amount says not what it is ('an increase of $151 million or 21%': a change)
AMOUNT_OR_RATE_RULE = SentenceRule(
    "an amount or its rate",
    re.compile(r"\s*,?\s*or\s+(?P<num>\d+(?:\.\d+)?)\s?(?:%|percent\b|per\s?cent\b)"
               r"(?:\s+of\s+(?P<base>(?:total\s+|net\s+)?(?:revenues?|sales)))?(?!\s+of\b)", re.I),
    (("Gross margin was $906,000 or 12% in Q4 2024.", "Gross margin = 12"),
     ("SG&A expenses were $271 million, or 30.5% of net sales.", "SG&A expenses as a percentage of net sales = 30.5"),
     ("Operating income was $23.1 million or 9.7% of sales.", "Operating income as a percentage of sales = 9.7")),
    ("Net income increased by $151 million or 21%.",  # a change, no share
     "Revenue was $151 million or 21% higher than a year before.",
     "Gross profit was $45 million, or 12% of total segment profit.",  # a share of something else
     "Revenue was $5.1 million, or 12% of sales."),  # a part's share of the whole's sales
)


# ... unless the rate compares ('$151 million or 21% higher'): a change, no share
_RATE_COMPARES = re.compile(r"\s*(?:higher|lower|more|less|above|below|up|down|increase|decrease)\b", re.I)


def _rate_of_amount(sentence: str, end: int, subject: str) -> tuple[str, Decimal, str] | None:
    """(name, rate, as printed) of the rate stated right after an amount (AMOUNT_OR_RATE_RULE), or None."""
    m = AMOUNT_OR_RATE_RULE.pattern.match(sentence, end)
    if m is None or _RATE_COMPARES.match(sentence, m.end()):
        return None
    if m.group("base"):
        if re.search(r"\b(?:revenues?|sales)\b", subject, re.I):
            return None  # a part's sales as a share of the whole's: the part is no name of its own here
        return f"{subject} as a percentage of {m.group('base').lower()}", Decimal(m.group("num")), m.group(0).strip()
    if re.search(r"\bmargin\b", subject, re.I):
        return subject, Decimal(m.group("num")), m.group(0).strip()
    return None


def _amount_facts(sentence: str, locator: str, meta: ReleaseMeta, document: str,
                  span_months: int | None) -> list[Fact]:
    out: list[Fact] = []
    first = _MONEY.search(sentence)
    if not first:
        return []
    subject = _subject(sentence[: first.start()], meta.short_name)
    if not subject or _OTHER_PERIOD.search(sentence[: first.start()]) or _bad_subject(subject) or _PART_OF_WHAT.search(
            sentence[: first.start()]):
        return []
    opened = sentence.rfind("(", 0, first.start())
    if (opened > sentence.rfind(")", 0, first.start()) and subject.lower() in sentence[opened:first.start()].lower()
            ) or (opened < 0 and re.match(r"[^()]*\)\s*\w", sentence[first.end():])):
        # an aside on what precedes it ('Three office projects (...; total annual rent of EUR35.3m)'), whole or a
        # clause of it (a stray bracket that ends a sentence is no aside: '... to approximately RMB4.31 billion).')
        return []
    if _QUALIFIER.search(sentence[: first.start()]) and not _QUALIFIER.search(subject):
        return []  # "On an adjusted basis, operating income was ...": the label would drop the qualifier
    months = _months_of(sentence, first.start(), first.end(), meta, span_months)
    if months is None:
        return []
    lead = _lead_rate(sentence[: first.start()], sentence)
    if lead is not None:  # "Google Cloud revenues increased 32% to $13.6 billion": the rate stated for the amount
        kind, value, printed = lead
        out.append(_fact(document, meta, f"{subject} {kind}", Unit.PERCENT, None, value, printed, locator, sentence,
                         months))
    amounts = [(first, subject)]
    rest = sentence[first.end():]
    conv = re.match(r"\s*\(\s*(?:or\s+)?(" + _MONEY.pattern + r")\s*\)", rest, re.I)
    prior_amount = None
    if conv:
        m2 = _MONEY.search(conv.group(1))
        if m2 and _printed(m2, meta)[0] == _printed(first, meta)[0]:
            prior_amount = m2  # 'EUR 10 million (EUR 6 million)': the same currency's is the year before's
        elif m2:
            amounts.append((m2, subject))
    amounts += _later_amounts(sentence, (conv.end() + first.end()) if conv else first.end(), meta)
    or_per_share = _OR_PER_SHARE.match(sentence, first.end())
    if or_per_share and not conv and (m3 := _MONEY.match(sentence, or_per_share.end())) and m3.group("ps"):
        # 'Net loss ...: $(1.6) million, or $(0.23) per diluted share': the same result per share
        amounts.insert(1, (m3, per_share_name(subject, m3.group("ps"))))
    rate = _rate_of_amount(sentence, first.end(), subject)
    if rate is not None:  # 'Gross margin was $906,000 or 12%' (AMOUNT_OR_RATE_RULE)
        name, value, printed = rate
        out.append(_fact(document, meta, name, Unit.PERCENT, None, value, printed, locator, sentence, months))
    for m, subject in amounts:
        cur, value = _printed(m, meta)
        per_share = m.group("ps") or re.search(r"\beps\b|per share|earnings per", subject, re.I)
        unit = Unit.PER_SHARE if per_share else Unit.CURRENCY
        factor = Decimal(1)
        if re.match(r"\s*cents?\b", sentence[m.end():], re.I):  # "RMB10.63 cents"
            unit, factor = Unit.PER_SHARE, Decimal("0.01")
        if unit == Unit.CURRENCY and per_share is None:
            if not m.group("scale") and ("," not in m.group("num") or re.match(r"\w", sentence[m.end():])):
                continue  # "$850" with no "million": the sentence's scale is not stated where it stands
            # ("$1,127,388": an amount written out in full is in units)
            factor = Decimal(_SCALES.get((m.group("scale") or "").lower(), 1))
        out.append(_fact(document, meta, subject, unit, cur, value * factor, m.group(0).strip(), locator,
                         sentence, months))
        prior = prior_figure(m.group("num"), sentence[m.end():])
        if prior is None and m is first and prior_amount is not None and prior_amount.group("scale") == m.group(
                "scale"):
            prior = _printed(prior_amount, meta)[1]
        if prior is not None:
            out.append(_fact(document, meta, subject, unit, cur, prior * factor, m.group(0).strip(), locator,
                             sentence, months, _year_before(meta.period_end)))
        elif m is first and unit == Unit.CURRENCY and (
                compared := compared_with_year_before(sentence[m.end():], meta, months)) is not None:
            c_cur, c_value = _printed(compared, meta)
            if c_cur == cur:
                out.append(_fact(document, meta, subject, unit, cur,
                                 c_value * _SCALES.get((compared.group("scale") or "").lower(), 1),
                                 compared.group(0).strip(), locator, sentence, months, _year_before(meta.period_end)))
    out += _compared_result_facts(sentence, first.end(), locator, meta, document, months)
    # growth rates stated for the same subject in the same clause
    for m in _PCT.finditer(sentence, first.end()):
        before = sentence[first.end(): m.start()]
        after = sentence[m.end(): m.end() + 80]
        if re.search(r"[;]", before):
            break
        direction = re.findall(r"\b(increase[sd]?|decrease[sd]?|grew|growth|rose|declined|fell|up|down|"
                               r"improved|dropped)\b", before, re.I)
        if not direction:
            continue
        neg = direction[-1].lower().startswith(("decrease", "declin", "fell", "down", "drop"))
        basis = _YOY.search(after[:60])
        seq = _QOQ.search(after[:60])
        if basis and seq:  # "8.4% year-over-year and 7.0% quarter-over-quarter": the basis named first is this one's
            basis, seq = (basis, None) if basis.start() < seq.start() else (None, seq)
        if bool(basis) == bool(seq):
            continue  # no basis named right after the rate: which one it is stays unclear
        if _QUALIFIER.search(_RATES_CLAUSE_END.split(after)[0]):
            continue  # "up 6.1% year-over-year, excluding Reverb from the prior-year period": another measure
        kind = "year-over-year change" if basis else "quarter-over-quarter change"
        value = Decimal(m.group("num")) * (-1 if neg else 1)
        out.append(_fact(document, meta, f"{subject} {kind}", Unit.PERCENT, None, value, m.group(0), locator,
                         sentence, months))
    return out


# the same span's figure a year before, in parentheses right after this one's (the Nordic convention: 'SEK 182.8
# million (170.6)', '41.1 per cent (38.7)'); a footnote '(1)' or a share '(2.1%)' of an amount is none
_PRIOR = re.compile(r"\s*\(\s*(?P<num>[-−–]?\s?\d{1,3}(?:,\d{3})*(?:\.\d+)?)\s*(?P<pct>%|per\s?cent|percent)?\s*\)")


def prior_figure(printed: str, after: str, percent: bool = False) -> Decimal | None:
    """The prior year's figure printed in parentheses right after a figure printed as `printed`: written with as
    many decimals as it (an integer of three digits or more), and a percentage only after a percentage."""
    m = _PRIOR.match(after)
    if not m or (m.group("pct") and not percent):
        return None
    num = re.sub(r"[\s,]", "", m.group("num")).replace("−", "-").replace("–", "-")

    def decimals(x: str) -> int:
        return len(x.split(".")[1]) if "." in x else 0

    if decimals(num) != decimals(printed.replace(",", "")) or (not decimals(num) and len(num.lstrip("-")) < 3):
        return None
    return Decimal(num)


def _year_before(end: date) -> date:
    last = calendar.monthrange(end.year - 1, end.month)[1]
    day = last if end.day == calendar.monthrange(end.year, end.month)[1] else min(end.day, last)
    return date(end.year - 1, end.month, day)


# the same span a year before, named after an amount it is compared with: ', up from NOK 3,737 million in the same
# quarter last year', ', compared with $28.3 million in 2024', 'compared to $8.9 million for the full year 2024'
_YEAR_BEFORE_SPAN = (r"(?:in|for|during)\s+the\s+(?:same|corresponding|comparable)\s+(?:quarter|period|half)"
                     r"(?:\s+(?:of|in))?\s+(?:last|the\s+(?:prior|previous))\s+year|"
                     r"(?:in|for|during)\s+the\s+(?:prior|previous)[- ]year(?:\s+(?:period|quarter|half))?|"
                     r"a\s+year\s+(?:ago|earlier)|in\s+(?:the\s+)?(?:pcp|prior\s+corresponding\s+period)|"
                     r"(?:in|for|during)\s+(?:the\s+)?(?:full[- ]year\s+|fiscal\s+(?:year\s+)?)?"
                     r"(?P<year>(?:19|20)\d\d)|"
                     r"(?:in|for|during)\s+the\s+(?P<ord>first|second|third|fourth)\s+quarter\s+(?:of\s+)?"
                     r"(?P<qyear>(?:19|20)\d\d)")
COMPARED_RULE = SentenceRule(
    "an amount compared with the same span a year before",
    re.compile(r"^(?P<gap>(?:\s+(?:for|in|during)\s+(?:the\s+)?(?:full[- ]year|fiscal\s+year|first|second|third|fourth|"
               r"quarter|year|Q[1-4]|[FH][Y12])[\w\s-]{0,30}?)?)\s*,?\s*(?:(?:an?\s+)?(?:up|down|increas\w*|decreas\w*|"
               r"(?:compared|as compared)\s+(?:to|with)|versus|vs\.?)\s+)?(?:from\s+)?(?:a\s+negative\s+)?"
               r"(?P<amount>" + _MONEY.pattern + r")\s+(?P<when>" + _YEAR_BEFORE_SPAN + r")\b", re.I),
    (("Adjusted EBITDA for the fourth quarter of 2024 was NOK 7,701 million, up from NOK 3,737 million in the same "
      "quarter last year.", "Adjusted EBITDA = 7701000000; Adjusted EBITDA = 3737000000 a year before"),
     ("Total revenue was $31.0 million, compared with $28.3 million in 2023.",
      "Total revenue = 31000000; Total revenue = 28300000 a year before"),
     ("Net revenue was $8.1 million for the fourth quarter of 2024, compared to $9.1 million for the fourth quarter "
      "of 2023.", "Net revenue = 8100000; Net revenue = 9100000 a year before"),
     ("Revenue was $8.1 million, compared to $9.1 million in the prior year period.",
      "Revenue = 8100000; Revenue = 9100000 a year before"),
     # Australian usage: the prior corresponding period
     ("Operating Cash Flow: $5.8m vs. $1.9m in pcp", "Operating Cash Flow = 5800000; Operating Cash Flow = 1900000 "
      "a year before")),
    ("Revenue was $8.1 million, compared to $9.1 million in the third quarter of 2024.",  # the quarter before
     "Revenue was $8.1 million, compared to $9.1 million in 2022.",  # two years before
     "Revenue was $12.1 million compared to $10.1 million, and net income was $2.0 million in the prior year.",
     "Revenue was $8.1 million, compared to EUR 9.1 million in 2023."),  # another currency
)


def _renamed(pattern: str, prefix: str) -> str:
    """A pattern's named groups renamed, so that it can stand twice in one pattern."""
    return pattern.replace("?P<", "?P<" + prefix).replace("(?(", "(?(" + prefix)


# '<name> increased in the fourth quarter of 2024 compared to the same period last year, to NOK 4,969 million from
# NOK 481 million': the amount after 'to' is the span's, the one after 'from' the same span's a year before when the
# sentence names that basis (else which span it is stays unsaid); a balance moves between two days, not spans
TO_FROM_RULE = SentenceRule(
    "an amount moved to, from the year before's",
    re.compile(r"^(?P<subj>[A-Z][\w&,'’ -]{1,80}?)\s+(?P<dir>increased|decreased|grew|rose|declined|fell|improved|"
               r"dropped)\s+(?:by\s+(?P<pct>\d+(?:\.\d+)?)\s?(?:%|percent|per\s?cent)\s+)?"
               r"(?P<when>(?:in|for|during)\s+the\s+(?:first|second|third|fourth)\s+quarter(?:\s+of\s+(?:19|20)\d\d)?|"
               r"(?:in|for|during)\s+(?:fiscal\s+)?(?:19|20)\d\d)?\s*"
               r"(?P<basis>,?\s*(?:compared\s+(?:to|with)\s+the\s+same\s+(?:period|quarter)\s+(?:of\s+)?(?:last|the\s+"
               r"(?:prior|previous))\s+year|year[- ]over[- ]year))?\s*,?\s*\bto\s+(?P<new>"
               + _renamed(_MONEY.pattern, "n_")
               + r")\s+from\s+(?P<neg>a\s+negative\s+)?(?P<old>" + _renamed(_MONEY.pattern, "o_")
               + r")(?P<after>[^;]*)", re.I),
    (("Adjusted EBITDA for Energy increased in the fourth quarter of 2024 compared to the same period last year, to "
      "NOK 1,151 million from NOK 805 million.",
      "Adjusted EBITDA for Energy = 1151000000; Adjusted EBITDA for Energy = 805000000 a year before"),
     ("Adjusted EBITDA for Metal Markets increased in the fourth quarter of 2024 compared to the same period last "
      "year, to NOK 319 million from a negative NOK 38 million.",
      "Adjusted EBITDA for Metal Markets = 319000000; Adjusted EBITDA for Metal Markets = -38000000 a year before"),
     ("Operating income increased by 12% to SEK 40.2 million from SEK 35.9 million in the fourth quarter of 2023.",
      "Operating income = 40200000; Operating income = 35900000 a year before"),
     # a flow of cash is a flow, not a balance moved between two days
     ("Operating cash flow increased in the fourth quarter of 2024 compared to the same period last year, to SEK "
      "1,151 million from SEK 805 million.",
      "Operating cash flow = 1151000000; Operating cash flow = 805000000 a year before")),
    ("Operating income increased to SEK 40.2 million from SEK 35.9 million.",  # from which span: unsaid
     "Net debt increased in the fourth quarter of 2024 compared to the same period last year, to NOK 16.0 billion "
     "from NOK 14.7 billion.",  # a balance
     "Revenue increased in the fourth quarter of 2024 compared to the same period last year, to NOK 1,151 million "
     "from EUR 805 million."),  # another currency
)


def _to_from_facts(sentence: str, locator: str, meta: ReleaseMeta, document: str,
                   span_months: int | None) -> list[Fact] | None:
    """The facts of a TO_FROM_RULE sentence; None when the sentence is not of that form."""
    m = TO_FROM_RULE.pattern.match(sentence.strip())
    if not m or _bad_subject(m.group("subj")) or _is_balance_name(m.group("subj")):
        return None
    new, old = _MONEY.match(m.group("new")), _MONEY.match(m.group("old"))
    if new is None or old is None or not new.group("scale"):
        return None
    months = _months_of(sentence, m.start("new"), m.end("new"), meta, span_months)
    if months is None:
        return None
    subject = m.group("subj").strip(" ,")
    subject = subject[0].upper() + subject[1:]
    (cur, value), (old_cur, old_value) = _printed(new, meta), _printed(old, meta)
    quoted = new.group(0).strip()
    out = [_fact(document, meta, subject, Unit.CURRENCY, cur, value * _SCALES[new.group("scale").lower()], quoted,
                 locator, sentence, months)]
    year_before = m.group("basis") or compared_with_year_before(" " + m.group("old") + m.group("after"), meta,
                                                                months)
    if year_before and old_cur == cur and (old.group("scale") or new.group("scale")):
        sign = -1 if m.group("neg") else 1
        out.append(_fact(document, meta, subject, Unit.CURRENCY, cur,
                         sign * old_value * _SCALES[(old.group("scale") or new.group("scale")).lower()],
                         old.group(0).strip(), locator, sentence, months, _year_before(meta.period_end)))
    return out


def compared_with_year_before(after: str, meta: ReleaseMeta, months: int) -> re.Match[str] | None:
    """The amount an amount is compared with, when the words after it name the same span a year before (the
    release's year less one; a quarter, its own quarter of that year). None for any other comparison."""
    m = COMPARED_RULE.pattern.match(after)
    if not m or not _names_year_before(m, meta, months):
        return None
    return _MONEY.search(m.group("amount"))


def _names_year_before(m: re.Match[str], meta: ReleaseMeta, months: int) -> bool:
    """Whether the _YEAR_BEFORE_SPAN words a match holds ('year', 'ord', 'qyear' groups) name the same span a year
    before the release's: the release's year less one; a quarter, its own quarter of that year."""
    if meta.period_end is None:
        return False
    before = meta.period_end.year - 1
    if m.group("year") and int(m.group("year")) != before:
        return False
    return not (m.group("qyear") and (months != 3 or meta.months != 3 or int(m.group("qyear")) != before or ORDINALS[
        m.group("ord").lower()] != fiscal_quarter(meta.period_end, meta.calendar)))


# a result compared with the year before's, named in its own words with its amount per share: '..., or $(0.23) per
# diluted share, compared with net income of $2.2 million, or $0.33 per diluted share, in 2024', 'compared to a net
# loss of $2.6 million, or $0.08 per share, in the prior year'; the year before's span must be named
COMPARED_RESULT_RULE = SentenceRule(
    "a result and its amount per share compared with the year before's",
    re.compile(r"\s*,?\s*(?:as\s+)?compared\s+(?:to|with)\s+(?:an?\s+)?"
               r"(?P<name>(?:net\s+)?(?:income|loss|earnings|profit)(?:\s+from\s+continuing\s+operations)?)\s+of\s+"
               r"(?P<amount>" + _renamed(_MONEY.pattern, "c_") + r")\s*,?\s+or\s+"
               r"(?P<per_share>" + _renamed(_MONEY.pattern, "p_") + r")\s*,?\s+(?P<when>" + _YEAR_BEFORE_SPAN
               + r")\b", re.I),
    (("Net loss attributable to ASHS: $(1.6) million, or $(0.23) per diluted share, compared with net income of $2.2 "
      "million, or $0.33 per diluted share, in 2023",
      "Net income = 2200000 a year before; Net income per diluted share = 0.33 a year before"),
     ("Net income for the quarter was $0.2 million, or $0.01 per share, compared to a net loss of $2.6 million, or "
      "$0.08 per share, in the prior year",
      "Net loss = 2600000 a year before; Net loss per share = 0.08 a year before")),
    ("Net income was $0.2 million, or $0.01 per share, compared to net income of $4.3 million, or $0.14 per share, "
     "in 2022",  # two years before
     "Net loss was $0.6 million, or $0.09 per share, compared to a net loss of $1.3 million or $0.20 per diluted "
     "share for the third quarter of 2023",  # another quarter
     "Net income was $0.2 million, or $0.01 per share, compared to net income of $4.3 million, or 14% of revenue, "
     "in 2023"),  # no amount per share
)


def _compared_result_facts(sentence: str, start: int, locator: str, meta: ReleaseMeta, document: str,
                           months: int) -> list[Fact]:
    """The year before's result and its amount per share a COMPARED_RESULT_RULE clause names after sentence[:start]
    (the release's own figure and its amount per share)."""
    m = COMPARED_RESULT_RULE.pattern.search(sentence, start)
    if not m or len(_MONEY.findall(sentence[start: m.start()])) > 1 or not _names_year_before(m, meta, months):
        return []
    amount, per_share = _MONEY.match(m.group("amount")), _MONEY.match(m.group("per_share"))
    if amount is None or per_share is None or not amount.group("scale") or not per_share.group("ps"):
        return []
    name = " ".join(m.group("name").split())
    name = name[0].upper() + name[1:]
    before = _year_before(meta.period_end) if meta.period_end else None
    cur, value = _printed(amount, meta)
    ps_cur, ps_value = _printed(per_share, meta)
    return [_fact(document, meta, name, Unit.CURRENCY, cur, value * _SCALES[amount.group("scale").lower()],
                  amount.group(0).strip(), locator, sentence, months, before),
            _fact(document, meta, per_share_name(name, per_share.group("ps")), Unit.PER_SHARE, ps_cur, ps_value,
                  per_share.group(0).strip(), locator, sentence, months, before)]


# a balance a sentence states at the release's period end: its name a balance's, its verb 'was', 'amounted to',
# 'stood at' (or 'the Company had $3.7 million in cash'), and no other day, no comparison before the amount
BALANCE_RULE = SentenceRule(
    "a balance at the period's end",
    re.compile(r"\b(?:had|held|with)\s+(?P<amount>" + _renamed(_MONEY.pattern, "h_") + r")\s+(?:in|of)\s+"
               r"(?P<name>(?:[\w&'’-]+\s+){0,5}?(?:cash(?:\s+and\s+(?:cash\s+)?equivalents)?|"
               r"(?:total\s+)?(?:assets|deposits|liabilities|equity|debt|borrowings))(?:,\s+including\s+restricted\s+cash)?)\b"
               r"(?=\s*(?:[,.;)]|$|(?:as\s+of|at|on|and)\b))"
               r"|\bwith\s+(?P<lead>(?:[\w&'’-]+\s+){0,3}?(?:cash|reserves|liquidity|net\s+debt)(?:\s+[\w&'’-]+){0,3}?)"
               r"\s+of\s+(?P<after>" + _renamed(_MONEY.pattern, "a_") + ")", re.I),
    (("Net debt amounted to CHF 627.8 million.", "Net debt = 627800000"),
     ("In terms of balance sheet strength, shareholders’ equity amounted to CHF 688.7 million.",
      "Shareholders’ equity = 688700000"),
     ("As of December 31, 2024, the Company had $3.7 million in cash and cash equivalents.",
      "Cash and cash equivalents = 3700000"),
     ("The company maintains a stable financial position with cash reserves of SEK 4.8 billion.",
      "Cash reserves = 4800000000")),
    ("Net debt amounted to CHF 627.8 million at September 30, 2024.",  # another day
     "Net debt decreased from CHF 700.1 million to CHF 627.8 million.",  # two days
     "Net debt was CHF 627.8 million, compared with CHF 700.1 million at the end of 2023.",
     "Revenue amounted to CHF 82.5 million.",  # no balance
     # an expense on a balance is no balance (Golden Matrix), nor is a flow of cash or assets (Freelancer,
     # Capgemini, Linklogis)
     "This coupled with $1.5 million in interest expense from our debt prepayment gave rise to the loss.",
     "With positive cash flow of $0.8 million for the year.",
     "Total cash outflow for acquisitions was EUR 30 million.",
     "The platform processed a total volume of supply chain assets of RMB86.3 billion.",
     "Raw material-related inventory and metal derivative gains were EUR 3 million."),  # (Outokumpu) a gain
)
_BALANCE_SUBJECT = re.compile(r"\b(?:debt|cash|assets|liabilities|equity|deposits|loans|borrowings|book value|"
                              r"reserves|market value|net asset value|backlog|order book|inventor(?:y|ies)|"
                              r"retained earnings|letters of credit)\b", re.I)
# ...but a flow of cash is no balance ('Operating cash flow', 'cash used in', 'return on equity')
_FLOW_OF = re.compile(r"flows?\b|\baverage\b|\bprovided\b|\bused\b|\bgenerat|\bpaid\b|\bdividend|\breturn\b|\bcosts?|"
                      r"\bexpense|\bincome\b|\binterest\b|\bchange\b|\bvolume|\bincrease|\bdecrease|\bgains?\b|\blosse?s?\b|"
                      r"\bwrite[- ]?downs?\b", re.I)
_ANY_DATE = (FULL_DATE_RE, DAY_FIRST_RE, NUMERIC_DATE_RE)


def _is_balance_name(subject: str) -> bool:
    return bool(subject and _BALANCE_SUBJECT.search(subject) and not _FLOW_OF.search(subject))


# a balance at the period's end compared, at the sentence's end, with its amount at another day the sentence names
# ('..., the Company had $3.7 million in cash and cash equivalents, including restricted cash, compared with $11.3
# million at December 31, 2024', 'Cash and cash equivalents at June 30, 2025 totaled $1.47 million compared to $6.27
# million at December 31, 2024'): the balance before the comparison is read as BALANCE_RULE reads it, the compared
# amount stands at its own day, in the same currency
BALANCE_COMPARED_RULE = SentenceRule(
    "a balance compared with its amount at a day named",
    re.compile(r",?\s+(?:as\s+)?compared\s+(?:to|with)\s+(?P<amount>" + _renamed(_MONEY.pattern, "b_") + r")\s+"
               r"(?:at|as\s+of|on)\s+(?P<day>(?:" + MONTH + r")\.?\s+\d{1,2},?\s+(?:19|20)\d\d|\d{1,2}\s+(?:" + MONTH
               + r")\s+(?:19|20)\d\d)\s*\.?\s*$", re.I),
    (("As of December 31, 2024, the Company had $3.7 million in cash and cash equivalents, including restricted "
      "cash, compared with $11.3 million at December 31, 2023.",
      "Cash and cash equivalents, including restricted cash = 3700000 @ 2024-12-31; Cash and cash equivalents, "
      "including restricted cash = 11300000 @ 2023-12-31"),
     ("Cash and cash equivalents at December 31, 2024 totaled $1.47 million compared to $6.27 million at September "
      "30, 2024.", "Cash and cash equivalents = 1470000 @ 2024-12-31; Cash and cash equivalents = 6270000 @ "
                   "2024-09-30")),
    ("Net debt was $1.2 billion at September 30, 2024, compared to $1.4 billion at December 31, 2023.",  # not the end
     "Total equity was $49 million, a decrease of $1.5 million compared to $50.5 million at December 31, 2023.",
     "Revenue was $49 million compared to $45 million at December 31, 2023.",  # no balance
     "Cash and cash equivalents were $1.47 million compared to EUR 6.27 million at December 31, 2023."),
)


_AT_DAY = re.compile(r",?\s+(?:at|as\s+of|on)\s+(?:(?:" + MONTH + r")\.?\s+\d{1,2},?\s+(?:19|20)\d\d|\d{1,2}\s+(?:"
                     + MONTH + r")\s+(?:19|20)\d\d),?(?=\s)", re.I)


def _balance_facts(sentence: str, locator: str, meta: ReleaseMeta, document: str) -> list[Fact] | None:
    """The balance a sentence of BALANCE_RULE's form states at the period's end ([] for a sentence about balances
    it cannot date); None when the sentence is about no balance. One compared at its end with another day's amount
    (BALANCE_COMPARED_RULE) gives that day's too."""
    assert meta.period_end is not None
    compared = BALANCE_COMPARED_RULE.pattern.search(sentence)
    own = _balance_facts(sentence[: compared.start()], locator, meta, document) if compared else None
    if compared and own is not None:  # (a sentence about no balance before the comparison is read as before)
        day = parse_date(compared.group("day"))
        other = _MONEY.match(compared.group("amount"))
        if len(own) != 1 or day is None or day >= meta.period_end or other is None:
            return []
        cur, value = _printed(other, meta)
        if cur != own[0].currency or not (other.group("scale") or "," in other.group("num")):
            return []
        value *= _SCALES.get((other.group("scale") or "").lower(), 1)
        return [replace(own[0], quote=sentence if len(sentence) <= 400 else own[0].quote),
                _fact(document, meta, own[0].label, Unit.CURRENCY, cur, value, other.group(0).strip(), locator,
                      sentence, 0, day)]
    first = _MONEY.search(sentence)
    had = BALANCE_RULE.pattern.search(sentence)
    if had and not _is_balance_name(had.group("name") or had.group("lead")):
        had = None  # 'with positive cash flow of $0.8 million': a flow
    # the day after a balance's name is no part of it ('Cash and cash equivalents at June 30, 2025 totaled')
    subject = _subject(_AT_DAY.sub("", sentence[: first.start()]), meta.short_name) if first else ""
    if not _BALANCE.search(sentence) and not _is_balance_name(subject) and not had:
        return None
    days = [d for rx in _ANY_DATE for m in rx.finditer(sentence) for d in [_date_of(rx, m)] if d]
    if not first or any(d != meta.period_end for d in days) or _OTHER_PERIOD.search(sentence) or re.search(
            r"\b(?:19|20)\d\d\b", _without_dates(sentence)) or len(_MONEY.findall(sentence)) > 1:
        return []
    if had and first.start() in (had.start("amount"), had.start("after")):
        subject, m = had.group("name") or had.group("lead"), first
    elif _is_balance_name(subject):
        m = first
    else:
        return []
    if not m.group("scale") and "," not in m.group("num"):
        return []
    cur, value = _printed(m, meta)
    value *= _SCALES.get((m.group("scale") or "").lower(), 1)
    label = subject.strip(" ,")
    return [_fact(document, meta, label[0].upper() + label[1:], Unit.CURRENCY, cur, value, m.group(0).strip(),
                  locator, sentence, 0)]


# a dividend per share the board proposes or recommends for the year, in a release that closes the year ('The Board
# of Directors proposes to the Annual General Meeting 2025 a cash dividend of EUR 0.74 per share (0.68)', 'proposes
# to pay a special dividend of HK$0.1 per share', 'Proposed cash dividend of 50 percent of adjusted net income (NOK
# 2.25 per share)'); a dividend declared for a quarter, a month or an interim is not the year's and is left out
DIVIDEND_RULE = SentenceRule(
    "a dividend per share proposed for the year",
    re.compile(r"\b(?:propos(?:es|ed|ing|e)|recommend(?:s|ed|ing)?)\s+(?:to\s+the\s+(?:annual\s+)?general\s+meeting"
               r"(?:\s+(?:of\s+shareholders\s+)?(?:19|20)\d\d)?\s+|that\s+)?(?:to\s+(?:pay|distribute)\s+)?"
               r"(?:an?\s+|the\s+)?(?P<kind>(?:(?:final|special|extra|ordinary|cash|total)\s+){0,2})dividend\s+of\s+"
               r"(?:(?P<amount>" + _renamed(_MONEY.pattern, "d_") + r")(?P<prior>\s*\([^()]{1,12}\))?"
               r"(?P<per>\s+per\s+(?:ordinary\s+|common\s+)?share\b)?|"
               r"[^()$€£¥₹]{1,60}\(\s*(?P<inner>" + _renamed(_MONEY.pattern, "i_") + r")\s*\))", re.I),
    (("The Board of Directors proposes to the Annual General Meeting 2025 a cash dividend of EUR 0.74 per share "
      "(0.68), totaling EUR 114 million (104).", "Cash dividend = 0.74; Cash dividend = 0.68 a year before"),
     ("The board of directors of Linklogis proposes to pay a special dividend of HK$0.1 per share, totaling "
      "approximately HK$230 million.", "Special dividend = 0.1"),
     ("Proposed cash dividend of 50 percent of adjusted net income (NOK 2.25 per share)", "Cash dividend = 2.25"),
     ("The Board of Directors have recommended a final dividend of Rs. 21.10 per share.", "Final dividend = 21.10"),
     ("The board of directors proposes a dividend of SEK 1.0 (-) per share.", "Dividend = 1")),
    ("CNA Financial declared a quarterly cash dividend of $0.46 per share and a special dividend of $2.00 per share.",
     "The Board proposes an interim dividend of EUR 0.20 per share.",  # not the year's
     "The Board proposes a dividend of EUR 0.26 per share for the year 2023.",  # another year
     "Delta Galil declared a dividend of $10 million, or $0.384 per share.",
     "The Board proposes a dividend of EUR 114 million."),  # the total, not per share
)
_NOT_THE_YEARS_DIVIDEND = re.compile(r"\b(?:interim|quarterly|monthly|half[- ]year(?:ly)?|semi[- ]annual)\b", re.I)


def _dividend_facts(sentence: str, locator: str, meta: ReleaseMeta, document: str) -> list[Fact] | None:
    """The dividend per share a DIVIDEND_RULE sentence proposes for the year the release closes ([] for a proposal
    that is not the year's); None when the sentence proposes no dividend per share."""
    assert meta.period_end is not None
    if not re.search(r"\bdividends?\b", sentence, re.I) or not re.search(r"\bper\s+(?:\w+\s+)?share\b", sentence,
                                                                         re.I):
        return None
    m = DIVIDEND_RULE.pattern.search(sentence)
    if not m:
        return None  # 'Declared a fourth quarter dividend of $59.9 million ..., a payout ratio of 61%': the ratio stays
    closes_year = meta.months == 12 or fiscal_quarter(meta.period_end, meta.calendar) == 4
    fy = fiscal_year(meta.period_end, meta.calendar)
    if (not closes_year or _NOT_THE_YEARS_DIVIDEND.search(sentence) or len(sentence) > 400
            or any(int(y) not in (fy, fy + 1) for y in re.findall(r"\b((?:19|20)\d\d)\b", sentence))):
        return []
    if m.group("inner"):
        amount = _MONEY.match(m.group("inner"))
    elif m.group("d_ps") or m.group("per"):
        amount = _MONEY.match(m.group("amount"))
    else:
        return []
    if amount is None or amount.group("scale"):
        return []
    cur, value = _printed(amount, meta)
    kind = " ".join(m.group("kind").split()).lower()
    label = f"{kind} dividend".strip().capitalize()
    out = [_fact(document, meta, label, Unit.PER_SHARE, cur, value, amount.group(0).strip(), locator, sentence, 12)]
    prior = prior_figure(amount.group("num"), m.group("prior") or "")
    if prior is not None:
        out.append(_fact(document, meta, label, Unit.PER_SHARE, cur, prior, amount.group(0).strip(), locator, sentence,
                         12, _year_before(meta.period_end)))
    return out


# the company's amount before the figure's name: 'Hydro generated NOK 1.7 billion in free cash flow during the
# quarter', 'Generated $934 million of operating cash flow and $803 million of free cash flow'; only names of the
# whole company's cash flows and revenue, the actor the company itself (a segment's 'advertising offerings
# generated $525 million of revenue' is a part's)
_GENERATED_NAME = (r"(?:(?:adjusted|total|net|record)\s+)?(?:free\s+cash\s+flow|operating\s+cash\s+flow|"
                   r"cash\s+flows?\s+from\s+operat(?:ions|ing\s+activities)|cash\s+provided\s+by\s+operat"
                   r"(?:ions|ing\s+activities)|revenues?|sales)")
GENERATED_RULE = SentenceRule(
    "an amount generated, before its name",
    re.compile(r"(?:^|(?<=\s))(?P<verb>generated|generating)\s+(?P<amount>" + _renamed(_MONEY.pattern, "g_")
               + r")\s+(?:of|in)\s+(?P<name>" + _GENERATED_NAME + r")\b"
               r"(?P<more>\s+and\s+(?P<amount2>" + _renamed(_MONEY.pattern, "g2_") + r")\s+(?:of|in)\s+"
               r"(?P<name2>" + _GENERATED_NAME + r")\b)?", re.I),
    (("Hydro generated NOK 1.7 billion in free cash flow during the quarter.", "Free cash flow = 1700000000"),
     ("Generated $934 million of operating cash flow and $803 million of free cash flow.",
      "Operating cash flow = 934000000; Free cash flow = 803000000"),
     ("During the quarter, the company generated $482 million of cash provided by operations.",
      "Cash provided by operations = 482000000")),
    ("The company's total advertising offerings generated $525 million of revenue in the third quarter.",  # a part
     "Hydro generated NOK 1.7 billion in free cash flow in 2023.",  # another year
     "Hydro generated $12.2 billion in net revenue for the twelve months ended December 31, 2024.",  # a trailing span
     "Hydro generated NOK 1.7 billion in free cash flow, compared to NOK 1.2 billion last year.",
     "We generated US$2.2 million of cash through operating activities."),  # no name it reads
)


def _generated_facts(sentence: str, locator: str, meta: ReleaseMeta, document: str,
                     span_months: int | None) -> list[Fact] | None:
    """The facts of a GENERATED_RULE sentence; None when the sentence is not of that form."""
    m = GENERATED_RULE.pattern.search(sentence)
    if not m:
        return None
    actor = re.split(r"[,;:]", sentence[: m.start()])[-1].strip(" *•-")
    # the company by its short name or a word of it ('Hydro' of 'Norsk Hydro')
    named = len(actor) >= 4 and re.search(rf"(?<!\w){re.escape(actor.lower())}(?!\w)", meta.short_name.lower())
    whole = not actor or _WHOLE_ACTOR.match(actor) or named
    if not whole or _OTHER_PERIOD.search(sentence) or _SEGMENT_WORD.search(sentence[: m.start()]):
        return []
    out = []
    for amount, name in (("amount", "name"), ("amount2", "name2")):
        if not m.group(amount):
            continue
        a = _MONEY.match(m.group(amount))
        if a is None or not a.group("scale") or a.group("ps"):
            return []
        months = _months_of(sentence, m.start(amount), m.end(name), meta, span_months)
        if months != (span_months or meta.months):
            return []  # 'for the twelve months ended September 30, 2025' in a quarter's release: a trailing span
        cur, value = _printed(a, meta)
        label = " ".join(m.group(name).split())
        out.append(_fact(document, meta, label[0].upper() + label[1:], Unit.CURRENCY, cur,
                         value * _SCALES[a.group("scale").lower()], a.group(0).strip(), locator, sentence, months))
    return out


def _date_of(rx: re.Pattern[str], m: re.Match[str]) -> date | None:
    if rx is FULL_DATE_RE:
        return to_date(m.group(1), m.group(2), m.group(3))
    if rx is DAY_FIRST_RE:
        return to_date(m.group(2), m.group(1), m.group(3))
    return parse_date(m.group(0))


def _without_dates(sentence: str) -> str:
    for rx in _ANY_DATE:
        sentence = rx.sub(" ", sentence)
    return sentence


_RATIO_NAME = (r"(?:margin|ratio|return on (?:average )?(?:tangible )?(?:common )?(?:shareholders['’] )?"
               r"(?:equity|assets|capital employed|invested capital)|ROA|ROE|ROTCE|ROACE|ROCE|ROIC|NIM|tax rate|"
               r"occupancy(?: rate)?)")
_LEAD_WORDS = re.compile(r"^.*(?<![\w-])(?:to|with|and|of|an?|the|its|our|their|at|in|for|while|whereas)(?![\w-])\s+",
                         re.I)

RATIO_RULE = SentenceRule(
    "ratio stated as a percentage",
    re.compile(
        rf"(?P<subj>(?:[A-Za-z][\w&'’/.-]*\s+){{0,7}}?{_RATIO_NAME})(?:\s*\([A-Z0-9]{{2,6}}\))?\s*,?\s*"
        r"(?:was|were|is|of|at|reached|stood at|came in at|amounted to|totall?ed|:|"
        r"ended\s+(?:the\s+(?:quarter|year|period)\s+)?at|"
        r"(?:increased|decreased|improved|declined|rose|fell|expanded|contracted|grew)\s+(?:by\s+)?"
        r"(?:\d+(?:\.\d+)?\s*(?:basis points|bps|bp|percentage points?|pp|%-points)\s+)?to)\s+"
        r"(?:approximately\s+|about\s+|a record\s+)?(?P<num>[-−]?\d+(?:\.\d+)?)\s?(?:%|per\s?cent\b|percent\b)",
        re.I),
    (("Gross profit increased 13.7 per cent to SEK 75.1 million (66.1), corresponding to a gross profit margin of "
      "41.1 per cent (38.7).", "Gross profit margin = 41.1; Gross profit margin = 38.7 a year before"),
     ("The operative EBITDA margin decreased to 18.7% (20.1%).",
      "Operative EBITDA margin = 18.7; Operative EBITDA margin = 20.1 a year before"),
     ("Net interest margin was 3.20% for the quarter.", "Net interest margin = 3.20"),
     ("Return on average equity (ROE) was 12.5%.", "Return on average equity = 12.5"),
     ("The loan-to-deposit ratio stood at 85.1%.", "Loan-to-deposit ratio = 85.1"),
     # 'ended at' (Norsk Hydro: '2024 adjusted RoaCE ended at 8.5 percent'; CMUV Bancorp: 'Community Bank Leverage
     # Capital ratio ended the quarter at 11.71%')
     ("The Community Bank Leverage Capital ratio ended the quarter at 11.71%.",
      "Community Bank Leverage Capital ratio = 11.71"),
     ("Adjusted RoaCE ended at 8.5 percent.", "Adjusted RoaCE = 8.5")),
    ("On an adjusted basis, operating margin was 12.0%.",  # the label would drop the qualifier
     "Operating margin was 12.0% in the prior year.",
     "The operating margin improved by 120 basis points."),
)


_POINT_RATIO = re.compile(r"gearing|capital ratio|equity ratio|\bCET ?1\b|common equity tier|\btier [12]\b|"
                          r"leverage ratio|"
                          r"loan[- ]to[- ]deposit|debt[- ]to[- ]equity|occupancy|solvency|liquidity coverage", re.I)
# a ratio's figure said of another year: 'operating margin was 12.0% in the prior year'
_ANOTHER_YEAR_AFTER = re.compile(r"\s*(?:\(\S+\)\s*)?(?:(?:in|for|of) the (?:prior|previous|same|linked|last)|"
                                 r"a year (?:ago|earlier)|last (?:year|quarter)|compared (?:to|with) the prior)", re.I)


def _ratio_facts(sentence: str, locator: str, meta: ReleaseMeta, document: str,
                 span_months: int | None) -> list[Fact]:
    """Ratios a sentence states as percentages (margins, returns, NIM, capital ratios, tax rate), with the year
    before's when printed in parentheses after."""
    out: list[Fact] = []
    for m in RATIO_RULE.pattern.finditer(sentence):
        subject = _LEAD_WORDS.sub("", _CLAUSE.split(m.group("subj"))[-1]).strip(" ,")
        prefix = sentence[: m.start("subj")] + m.group("subj")[: len(m.group("subj")) - len(subject)]
        clause = re.split(r"[,;]", prefix)[-1]  # 'from NII of $45.5 million and NIM of 2.68%': a prior period's
        tail = sentence[m.end(): m.end() + 40]
        if not subject or not re.match(r"[A-Za-z]", subject) or _bad_subject(subject) or (
                _QUALIFIER.search(prefix) and not _QUALIFIER.search(subject)) or _ANOTHER_YEAR_AFTER.match(
                tail) or _OTHER_PERIOD.search(clause):
            continue
        months = _months_of(sentence, m.start(), m.end(), meta, span_months)
        if months is None:
            continue
        if _POINT_RATIO.search(subject):
            months = 0  # a ratio of balances ('Gearing ratio was approximately 8%') stands at the period's end
        label = subject[0].upper() + subject[1:]
        num, quoted = m.group("num").replace("−", "-"), sentence[m.start("num"): m.end()]
        out.append(_fact(document, meta, label, Unit.PERCENT, None, Decimal(num), quoted, locator, sentence, months))
        prior = prior_figure(num, sentence[m.end():], percent=True)
        if prior is not None:
            out.append(_fact(document, meta, label, Unit.PERCENT, None, prior, quoted, locator, sentence, months,
                             _year_before(meta.period_end)))
    return out


_VERB_BEFORE_AMOUNT = re.compile(
    r"(?P<subj>[A-Za-z](?:[^.;:]|(?<=\b[A-Z])\.|(?<=\bexcl|\bincl)\.){1,120}?)(?:\s+(?:"  # 'U.S. net revenues were'
    # keeps its U.S., 'EBITDA, excl. IAC' its IAC
    r"was|were|is|are|reach(?:ed|es)|total(?:l?ed|s)|amount(?:ed|s) to|came in at|comes in at|stood at|of"
    # past or, in headlines, present tense, or a bare 'up' ('Revenue up 9.5% to RMB 77.56bn')
    r"|(?:increase[sd]?|decrease[sd]?|grew|grows|rose|rises|declined|declines|fell|falls|jump(?:ed|s)|"
    r"climb(?:ed|s)|(?:was |were )?up|(?:was |were )?down)\s+(?:by\s+)?\d+(?:\.\d+)?\s?"
    r"(?:%|percent|per\s+cent)\s+to)|\s*:)\s+(?:approximately\s+|about\s+|a record\s+|record\s+)?$", re.I)
# "Infracore generated rental income of": the figure's name follows the company's verb
_ACTOR_VERB = re.compile(r"^(?P<actor>.*?)\s*\b(?:generated|recorded|reported|posted|delivered|achieved|realized|"
                         r"realised|booked|had)\s+(?:an?\s+|its\s+|total\s+(?=\w+\s+\w))?", re.I)
_WHOLE_ACTOR = re.compile(r"^(?:(?:in|for|during)\s+\S+\s+\S*\s*)?(?:we|the\s+(?:company|group)|group)?$", re.I)
_CLAUSE = re.compile(r",|;|\b(?:as|while|that|which|because|where|when|commented|said)\b", re.I)
# the period words after a figure's name; 'of the four Operating Verticals' and 'in the US' are part of the name
_PERIOD_TAIL = re.compile(r"\s+(?:for|in|during)\s+the\s+(?=(?:first|second|third|fourth|quarter|year|period|"
                          r"fiscal|half|three|six|nine|twelve|thirteen|full|current|same|prior|previous|last|latest|"
                          r"months?|weeks?|trailing|comparable|corresponding|reporting|Q[1-4]|H[12]|FY\d*|"
                          r"(?:19|20)\d\d|\d{1,2}[- ](?:weeks?|months?))\b).*$|"
                          r"\s+(?:for|in)\s+(?:(?:Q[1-4]|fiscal|(?:19|20)\d\d)\b|(?:[12]H|H[12])(?=\s?(?:FY\s?)?\d)).*$|"
                          r"\s+of\s+the\s+(?:first|second|third|fourth|quarter|year|period|fiscal|half|three|six|nine|"
                          r"twelve|full|current|same|group|company|parent|bank)\b.*$", re.I)


# an IFRS result's own name ends in its span: 'Profit for the period amounted to CHF 55.8 million' is the line
# 'Profit for the period', not 'Profit'
_RESULT_FOR_PERIOD = re.compile(r"\b(?:profit|loss|result|income|earnings)\s+for\s+the\s+(?:period|year)\s*$", re.I)


_AND_THEN = re.compile(r"^\s*(?:\(\s*[\d.,-]+\s*\)\s*)?(?:,\s*)?(?:and|while|with)\s+(?!compared|versus|vs\b)", re.I)


_OR_PER_SHARE = re.compile(r"\s*,?\s*or\s+")
_ATTRIBUTABLE = re.compile(r"\s+(?:attributable|available)\s+to\b.*$", re.I)


def per_share_name(subject: str, per: str) -> str:
    """The name of a result's amount per share stated beside it: ('Net loss attributable to AMS', ' per diluted
    share') -> 'Net loss per diluted share'."""
    return f"{_ATTRIBUTABLE.sub('', subject)} {' '.join(per.split()).lower()}"


def _later_amounts(sentence: str, start: int, meta: ReleaseMeta) -> list[tuple[re.Match[str], str]]:
    """Further amounts of a sentence, each with the subject its own clause names ('... rental income of CHF 66.1
    million and total revenue including revaluation gains of CHF 82.5 million'); a clause that names another
    period, a comparison, a segment or a qualifier of its own is left out."""
    out = []
    pos = start
    matches = list(_MONEY.finditer(sentence, start))
    for i, m in enumerate(matches):
        prefix = sentence[pos:m.start()]
        pos = m.end()
        tail = sentence[m.end(): matches[i + 1].start() if i + 1 < len(matches) else len(sentence)]
        lead = _AND_THEN.match(prefix)
        if not lead or _OTHER_PERIOD.search(prefix + tail) or _QUALIFIER.search(prefix) or _SEGMENT_WORD.search(
                prefix) or re.search(r"\b(?:19|20)\d\d\b|\bquarter\b|\byear\b", tail):
            continue
        subject = _subject(prefix[lead.end():], meta.short_name)
        if subject and not _bad_subject(subject):
            out.append((m, subject))
    return out


_SEGMENT_WORD = re.compile(r"\bsegments?\b|\bdivisions?\b|\bbusiness(?:es)?\b|\bunits?\b", re.I)


_PERIOD_LEAD = re.compile(r"^(?:(?:first|second|third|fourth)[- ]quarter|full[- ]year|(?:first|second)[- ]half|"
                          r"(?:three|six|nine|twelve)[- ]month|"
                          r"year[- ]to[- ]date|quarterly)\s+(?=\S)", re.I)


# a phrase set off by commas between a figure's name and its verb: 'Free cash flow, as defined in the accompanying
# reconciliation schedules, was', 'Adjusted EBITDA, a non-GAAP financial measure, was'
_APPOSITIVE = re.compile(r",\s*(?:as\s+(?:defined|described|calculated|reported|presented)\b|an?\s+non-(?:GAAP|IFRS)\b)"
                         r"[^,]*,?\s*$", re.I)


# a name whose first words the release abbreviates where it defines them ('Proton Beam Radiation Therapy (“PBRT”)
# revenue', 'Direct-to-consumer (DTC) channel sales'): the figure's name is the abbreviation's ('PBRT revenue'), as
# the release calls it everywhere else; only when the abbreviation's letters are the defined words' initials
_DEFINED_ABBREVIATION = re.compile(r"^(?P<long>(?:[A-Za-z][\w-]*\s+){1,6}?)\(\s*[“\"]?(?P<short>[A-Z]{2,6})[”\"]?\s*\)"
                                   r"\s+(?P<rest>[A-Za-z].*)$")
ABBREVIATED_SUBJECT_EXAMPLES = (  # (subject as printed, the figure's name)
    ("Proton Beam Radiation Therapy (“PBRT”) revenue", "PBRT revenue"),
    ("Direct-to-consumer (DTC) channel sales", "DTC channel sales"),
    ("Gross Marketplace Value (GMV)", "Gross Marketplace Value (GMV)"),  # nothing after: the name as printed
    ("Adjusted Funds from Operations (AFFO) per share", "AFFO per share"),
    ("Low Earth Orbit (LEO) revenue", "LEO revenue"),
    ("Other Income (OPEX) costs", "Other Income (OPEX) costs"),  # no initials
)


def _abbreviated(name: str) -> str:
    """A name whose first words are defined as an abbreviation, named by it (ABBREVIATED_SUBJECT_EXAMPLES)."""
    m = _DEFINED_ABBREVIATION.match(name)
    if not m or "".join(w[0] for w in re.split(r"[\s-]+", m.group("long").strip())).upper() != m.group("short"):
        return name
    return f"{m.group('short')} {m.group('rest')}"


# an aside that lists what a figure includes, five words or more ('the market value of investment properties
# (including properties under construction and development projects) stood at', Infracore; '... related to sustainable
# supply chains (including renewable energy, rural revitalization, ..., etc.) reached', Linklogis): a description of
# the figure, no part of its name; a short one is the measure's own ('Operating cash flow (including net interest
# paid)', ams-OSRAM)
_WHAT_IT_INCLUDES = re.compile(r"\s*\((?:including|incl\.)\s+(?:[^()\s]+\s+){4,}[^()]*\)")
INCLUDES_ASIDE_EXAMPLES = (  # (subject as printed, the figure's name)
    ("Market value of investment properties (including properties under construction and development projects)",
     "Market value of investment properties"),
    ("Free cash flow (incl. interest paid)", "Free cash flow (incl. interest paid)"),
    ("Operating cash flow (including net interest paid)", "Operating cash flow (including net interest paid)"),
    ("Net debt (including lease liabilities)", "Net debt (including lease liabilities)"),
    ("Shareholders’ equity (excluding non-controlling interests)", "Shareholders’ equity (excluding non-controlling "
                                                                   "interests)"),
)


_CASH_NAME_COMMA = re.compile(r"(?<=\bcash),(?=\s+cash\s+equivalents\b)|(?<=\bequivalents),(?=\s+(?:and\s+)?(?:"
                              r"marketable|short-term|restricted|including\s+restricted)\b)", re.I)


# a qualifier that ends a line item's name after a comma ('..., net', '..., gross'), never a name of its own
_NAME_TAIL = re.compile(r"net|gross|total|excluding \w+", re.I)


# a name longer than eight words that is a measure and what it is of, in one of two forms: a volume processed by a
# platform ('Total volume of supply chain assets processed by Anchor Cloud', Linklogis 2023 and 2024H1), or the cash
# flow of operating activities with its own qualifier ('Cash flow from operating activities before changes in working
# capital', Infracore; 'Net cash provided by operating activities from continuing operations', Ryder); any other
# long run of words before a verb is more likely a sentence's than a name
LONG_NAME_RULE = SentenceRule(
    "a long name of a measure and what it is of",
    re.compile(r"(?:(?:total|net|accumulated)\s+)?(?:[\w’'-]+\s+){0,3}?(?:volume|value)\s+(?:of\s+[\w’' -]+?\s+)?"
               r"processed\s+by\s+[\w’' -]+|"
               r"(?:net\s+)?cash\s+(?:flows?\s+)?(?:from|provided\s+by|used\s+in)\s+operating\s+activities\b[\w’' -]*",
               re.I),
    (("In 2023, the total volume of supply chain assets processed by Anchor Cloud reached RMB201.3 billion, a "
      "year-over-year increase of 36.5%.", "Total volume of supply chain assets processed by Anchor Cloud = "
                                          "201300000000"),
     ("Cash flow from operating activities before changes in working capital amounted to CHF 42.2 million.",
      "Cash flow from operating activities before changes in working capital = 42200000")),
    ("Relative to the market value of the property portfolio of CHF 1.412 billion, this corresponds to a ratio.",
     "Robust cash flow helped fund total net capital expenditure of £4.7 million.",
     "Improvement in shareholders’ equity was mainly due to quarterly earnings of $1.3 million.",
     "Other income and expenses amounted to a net charge of €257.7 million."),
)


def _subject(prefix: str, company: str = "") -> str:
    m = _VERB_BEFORE_AMOUNT.search(prefix)
    if not m or prefix[max(0, m.start("subj") - 1):m.start("subj")] in (".", "@", "/"):
        return ""  # the tail of a name the pattern cannot hold ('Escrow.com: $818.2 million' is no 'Com')
    text = _APPOSITIVE.sub("", m.group("subj"))
    if not _RESULT_FOR_PERIOD.search(text):
        text = _PERIOD_TAIL.sub("", text)
    # clauses end at commas outside parentheses: 'Adjusted operating result (EBITDA, excl. IAC)' is one name
    text = re.sub(r"\([^()]*\)", lambda p: p.group(0).replace(",", "\0"), text)
    # ...and at the commas of a cash line's own name ('Cash, cash equivalents and marketable securities', 'Cash and
    # cash equivalents, including restricted cash')
    text = _CASH_NAME_COMMA.sub("\0", text)
    clauses = _CLAUSE.split(text)
    if len(clauses) > 1 and _NAME_TAIL.fullmatch(clauses[-1].strip()):
        return ""  # 'Mortgage loans held for portfolio, net totaled': the tail of a name cut at its comma, no name
    text = clauses[-1].replace("\0", ",").strip(" ,\"'“”")
    actor = _ACTOR_VERB.match(text)
    if actor:
        # "Infracore generated rental income of": the figure's name follows the company's verb; another actor
        # ("Chemicals had negative Adjusted Earnings of") is a segment, not the company
        who = actor.group("actor").strip(" ,")
        if not (_WHOLE_ACTOR.match(who) or (company and who.lower().startswith(company.lower().split()[0]))):
            return ""
        text = text[actor.end():]
    text = re.sub(r"^(?:with|the|our|its|their|this)\s+(?:(?:a|the|our|its|their)\s+)?", "", text, flags=re.I)
    text = _PERIOD_LEAD.sub("", text)  # 'First-quarter Gaming revenue' is Gaming revenue (the period is the fact's)
    text = _abbreviated(_WHAT_IT_INCLUDES.sub("", text))
    text = re.sub(r"(?:[\u00b9\u00b2\u00b3\u2070-\u2079*]+|\(\d\))$", "", text).strip()  # "EBITDA⁵", "EBITDAR(2)"
    words = text.split()
    # a segment's figure may take a longer name ('Revenue from the Company’s direct patient care services segment')
    longest = 10 if _SEGMENT_METRIC.fullmatch(text) else 12 if LONG_NAME_RULE.pattern.fullmatch(text) else 8
    if not words or len(words) > longest or not re.match(r"[A-Za-z]", text) or (text.isupper() and len(words) > 2):
        return ""
    if len(words[0]) < 3 and not words[0].isupper():
        return ""  # a fragment ("Se Program") left by a line break inside a word
    return text[0].upper() + text[1:]


def _fact(document: str, meta: ReleaseMeta, label: str, unit: Unit, currency: str | None, value: Decimal,
          quote: str, locator: str, sentence: str, months: int, period_end: date | None = None) -> Fact:
    assert meta.period_end is not None
    period_end = period_end or meta.period_end
    if abs(value) < MAX_MAGNITUDE and value == value.to_integral_value():  # (a garbage magnitude is dropped later)
        value = value.quantize(Decimal(1))
    return Fact(
        document=document, company=meta.company, statement="Text", label=label,
        metric=canonical_metric(label, unit.value),
        period=period_label(Period(period_end, months), meta.calendar), period_end=period_end,
        months=months, currency=currency, unit=unit, value=value, locator=locator,
        column="", quote=sentence if len(sentence) <= 400 else quote, section="",
    )
