"""Text answers: the sentence of a release that states what a question asks, and the words of it that answer.

Some questions are answered in words, not in a table: "When did the company adopt ASC 606?", "Why did R&D
expenses increase?", "How is EBITDA calculated?", "Where are subsidiary undertakings disclosed?", or a figure
the release gives only in a sentence ("What was the hosting related cost in 2018?" -> "$9.5 million"). The answer
is a quote: the release's sentence, cited, and the span of it that answers, never a number of our own.

Rules as data: each form of such a question is a named rule with the words that ask it, the span it takes from
the chosen sentence, and examples and counter-examples that tests/test_spans.py runs. The sentence is chosen
lexically (the question's content words weighted by how rare they are in the documents, and the years it names),
which needs no model and keeps these answers deterministic.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from index.currencies import CURRENCIES
from lexicon.calendar import MONTH_PREFIX


class TextForm(StrEnum):
    DATE = "date"  # when
    REASON = "reason"  # why, what caused
    METHOD = "method"  # how is X determined: 'by comparison against ...'
    CONDITION = "condition"  # when does X happen: 'if the service period is not met'
    PLACE = "place"  # where is X disclosed: 'within note 35'
    DURATION = "duration"  # over how many years: '2.5 years'
    AMOUNT = "amount"  # a figure stated only in a sentence: '$9.5 million'
    COUNT = "count"  # how many: '253,203' (shares had vested)
    STATEMENT = "statement"  # what is X, what are the terms of Y: the sentence that says it


@dataclass(frozen=True)
class FormRule:
    """A form of text question: the words that ask it, and questions that must (examples) and must not
    (not_examples) be read as asking it."""

    name: str
    form: TextForm
    pattern: re.Pattern[str]
    examples: tuple[str, ...]
    not_examples: tuple[str, ...] = ()


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


# first match wins: the more specific forms come first
FORM_RULES: tuple[FormRule, ...] = (
    FormRule("reason", TextForm.REASON,
             _rx(r"^\s*(why\b|what\s+(?:was|were|is|are)\s+the\s+(?:main\s+|primary\s+|key\s+)?(?:reasons?|causes?|"
                 r"drivers?)\b|what\s+(?:caused|led\s+to|drove|resulted\s+in|contributed\s+to|impacted|affected)\b|"
                 r"(?:what|which)\s+factors\b)"),
             ("Why did research and development expenses increase in 2018?", "What was the reason for the increase "
              "in the Adjusted EBITDA?", "What led to the decrease in gross margin?", "What caused the increase?"),
             ("What was the research and development expense in 2018?", "What is the reasonable value of the loans?")),
    FormRule("duration", TextForm.DURATION,
             _rx(r"^\s*(?:over|in|for|within)\s+how\s+many\s+(?:years|months|days)\b|^\s*over\s+what\s+(?:period|"
                 r"term)\b|^\s*how\s+long\b"),
             ("Over how many years is the unrecognized compensation cost to be recognized?",
              "How long is the vesting period?"),
             ("How many shares were granted in 2019?",)),
    FormRule("date", TextForm.DATE,
             _rx(r"^\s*(?:when\s+(?:did|was|were|has|have|had)\b|in\s+which\s+(?:year|period|month|quarter)\b|"
                 r"(?:on\s+)?what\s+(?:date|year)\b|as\s+of\s+what\s+date\b)"),
             ("When did the company adopt ASC 606?", "In which period did the transfer take place?",
              "When was the restructuring plan substantially complete?"),
             ("When does the company record an accrued receivable?", "What was revenue in 2019?")),
    FormRule("condition", TextForm.CONDITION,
             _rx(r"^\s*when\s+(?:does|do|is|are|will|would|should|can)\b"),
             ("When does the share-based compensation expense reverse?",
              "When does the company record an accrued receivable?"),
             ("When did the company adopt ASC 606?",)),
    FormRule("place", TextForm.PLACE,
             _rx(r"^\s*(?:where\s+(?:is|are|was|were|can|does|do|should)\b)"),
             ("Where are subsidiary undertakings disclosed?", "Where is the company headquartered?"),
             ("What is the company's headquarters address worth?",)),
    FormRule("count", TextForm.COUNT,
             _rx(r"^\s*how\s+many\s+(?!years\b|months\b|days\b|percentage|percent|basis|points?\b|times\b)"),
             ("How many shares have vested as of December 31, 2019?", "How many employees did the company have?"),
             ("How many years is the cost to be recognized over?", "How much was revenue?")),
    FormRule("method", TextForm.METHOD,
             _rx(r"^\s*how\s+(?:is|are|was|were|does|do|did)\s+(?!much\b|many\b).+?\b(?:determined|calculated|"
                 r"computed|measured|derived|estimated|assessed|defined|recognized|recognised|accounted|valued|"
                 r"tested|allocated|attributed|funded|paid|amortized|amortised|depreciated|determine|calculate|"
                 r"compute|measure|derive|estimate|assess|recognize|recognise|account|allocate)\b"),
             ("How is the discount rate for domestic plans determined?", "How is EBITDA calculated?",
              "How is revenue attributed to geographic regions?"),
             ("How much was revenue in 2019?", "How many shares were granted?")),
)

# "How much was X in 2018" and "What was X" asked of a figure the release states only in a sentence
AMOUNT_RULE = FormRule(
    "amount", TextForm.AMOUNT,
    _rx(r"^\s*(?:how\s+much\b|what\s+(?:is|was|are|were)\s+the\s+total\b|"
        r"what\s+(?:is|was|are|were)\s+(?:the\s+)?(?:total\s+|net\s+)?(?:amount|value|cost|"
        r"expense|balance|increase|decrease|change)\b|what\s+(?:is|was|are|were)\b.*\b(?:in|for|at|as\s+of|during)\s+"
        r"(?:(?:fiscal|the\s+year|fy)\s*)?(?:19|20)\d\d\b|what\s+(?:is|was|are|were)\b.*\b(?:19|20)\d\d\??\s*$)"),
    ("How much was the amortization of intangible assets in 2019?", "What was the hosting related costs in 2018?",
     "What is the valuation allowance as of December 31, 2019?"),
    ("What is Audit Fees?", "What does working capital consist of?"))

STATEMENT_RULE = FormRule(
    "statement", TextForm.STATEMENT,
    _rx(r"^\s*(?:what|which|who|how)\b"),
    ("What is Audit Fees?", "Which countries does the group operate defined benefit plans in?",
     "What was the key focus of the Audit Committee?"),
    ("Revenue 2019",))


def form_of(question: str, *, amount_first: bool = False) -> TextForm | None:
    """The form of text answer a question asks for (None: it asks for none). `amount_first`: the question
    asks a figure (the numeric reading of it found no row) before anything else."""
    for r in FORM_RULES:
        if r.pattern.search(question):
            return r.form
    if AMOUNT_RULE.pattern.search(question) or amount_first:
        return TextForm.AMOUNT
    if STATEMENT_RULE.pattern.search(question):
        return TextForm.STATEMENT
    return None


# --- choosing the sentence ------------------------------------------------------------------------------------

QUOTE_SCORE = 0.9  # a sentence must hold this share of the question's word weight to be quoted

_STOP = frozenset("""a an the of and or for from in to on at by as with is are was were be been being do does did has
have had what which who whom whose when where why how much many its it this that these those there their our
company company's companies total amount s year years fiscal period ended ending end during between over
than into per any all each would could should will can may might rather not about also other respectively
respective both altogether together""".split())
_WORD = re.compile(r"[a-z0-9][a-z0-9'’-]*")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def content_words(text: str) -> list[str]:
    """The words of a question or sentence that carry its meaning, lower case, plurals folded."""
    out = []
    for w in _WORD.findall(text.lower()):
        w = w.strip("'’-").removesuffix("'s").removesuffix("’s")
        if not w or w in _STOP or _YEAR.fullmatch(w):
            continue
        if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        out.append(w)
    return out


def _stem(word: str) -> str:
    """A crude common stem: 'increased', 'increases', 'increase' -> 'increas' (no stemming library needed for
    a tie-breaker of sentence choice)."""
    for suffix in ("ing", "ed", "es", "e", "s", "ly"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@dataclass(frozen=True)
class Ranked:
    sentence: str
    where: object  # whatever the caller keeps to cite the sentence (a passage)
    score: float  # the share (0-1) of the question's word weight the sentence holds
    position: int


def rank_sentences(question: str, sentences: Sequence[tuple[str, object]]) -> list[Ranked]:
    """Sentences best first by the question's content words they hold, each weighted by its rarity among the
    sentences (idf); a year the question names must be in the sentence, or the sentence loses half its score."""
    words = list(dict.fromkeys(_stem(w) for w in content_words(question)))
    if not words or not sentences:
        return []
    stems = [{_stem(w) for w in content_words(s)} for s, _ in sentences]
    df = Counter(w for st in stems for w in st)
    n = len(sentences)
    weight = {w: math.log(1 + n / (1 + df[w])) for w in words}
    total = sum(weight.values()) or 1.0
    years = set(_YEAR.findall(question))
    out = []
    for i, ((text, where), st) in enumerate(zip(sentences, stems, strict=True)):
        score = sum(weight[w] for w in words if w in st) / total
        if years and not years & set(_YEAR.findall(text)):
            score *= 0.5
        if score > 0:
            out.append(Ranked(text, where, score, i))
    return sorted(out, key=lambda r: (-r.score, r.position))


# --- the span of the sentence that answers --------------------------------------------------------------------

_MONTH = rf"(?:{MONTH_PREFIX})[a-z]*\.?"
_DATE = re.compile(rf"\b(?:{_MONTH}\s+\d{{1,2}},?\s+(?:19|20)\d\d|\d{{1,2}}\s+{_MONTH}\s+(?:19|20)\d\d|"
                   rf"{_MONTH}\s+(?:19|20)\d\d|(?:(?:during|in|since|by|from)\s+)?(?:fiscal\s+(?:year\s+)?)?"
                   rf"(?:19|20)\d\d)\b", re.I)
_SCALE_WORD = r"(?:million|billion|thousand|bn|m\b|%|percent|per\s+cent)"


@cache
def _amount_re() -> re.Pattern[str]:
    """An amount as a sentence prints it, with any currency mark of index.currencies before it: 'US$1.2 billion',
    'GEL 346million', '$(0.4) million', '12.5%'."""
    marks = "|".join(m for c in CURRENCIES for m in c.marks) + r"|\$|£|€|¥"
    return re.compile(rf"(?:{marks})?\s?\(?-?\d[\d,]*(?:\.\d+)?\)?(?:\s*{_SCALE_WORD})?", re.I)


_DURATION = re.compile(r"\b\d+(?:\.\d+)?\s+(?:years?|months?|days?|weeks?)\b|\b(?:one|two|three|four|five|six|seven|"
                       r"eight|nine|ten|twelve)\s+(?:years?|months?|days?|weeks?)\b", re.I)
_CONDITION = re.compile(r"\b(?:when|if|upon|once|only\s+upon|unless|until|whenever)\b", re.I)
_PLACE = re.compile(r"\b(?:in|within|on|at)\s+(?:note|the\s+notes?|page|section|appendix|our|its|the)\b", re.I)
_BY = re.compile(r"\b(?:by|using|based\s+on|through|as\s+(?:the|a|an)|on\s+the\s+basis\s+of)\b", re.I)
_RESPECTIVELY = re.compile(r"\brespectively\b", re.I)


def _clause_from(sentence: str, start: int) -> str:
    """The sentence from `start` to its end, without the closing full stop."""
    return sentence[start:].strip().rstrip(".;").strip()


def answer_spans(form: TextForm, sentence: str, question: str, *, change: bool = False) -> tuple[str, ...]:
    """The spans of `sentence` that answer: one per year for an amount asked of several years ('What were the
    depreciation expenses in 2019 and 2018 respectively?' -> '$12,548', '$12,643'), each found as for that year
    alone and all different; else the one span of `answer_span`; () when the sentence holds no answer."""
    years = list(dict.fromkeys(_YEAR.findall(question)))
    if form == TextForm.AMOUNT and len(years) >= 2 and not change:  # (a move between two years is one amount)
        if not all(y in sentence for y in years):
            return ()  # one year's amount is no answer to two
        spans = [_amount(sentence, _YEAR.sub(lambda m, y=y: m.group(0) if m.group(0) == y else " ", question))
                 for y in years]
        return tuple(spans) if all(spans) and len(set(spans)) == len(spans) else ()
    span = answer_span(form, sentence, question, change=change)
    return (span,) if span else ()


def answer_span(form: TextForm, sentence: str, question: str, *, change: bool = False) -> str:
    """The words of `sentence` that answer a question of `form` ('' when the sentence holds no such words).
    `change`: the question asks how much a figure moved, so an amount answers only as the size of a move
    ('increased $63 million to $987 million' -> '$63 million')."""
    if form == TextForm.DATE:
        m = _DATE.search(sentence)
        return m.group(0).strip() if m else ""
    if form == TextForm.DURATION:
        m = _DURATION.search(sentence)
        return m.group(0) if m else ""
    if form == TextForm.REASON:
        from assistant.explain import DRIVER

        m = DRIVER.search(sentence)
        return _clause_from(sentence, m.start()) if m else sentence.strip()
    if form == TextForm.CONDITION:
        subject_end = _subject_end(sentence, question)
        m = _CONDITION.search(sentence, subject_end) or _CONDITION.search(sentence)
        return _clause_from(sentence, m.start()) if m else ""
    if form == TextForm.PLACE:
        m = _PLACE.search(sentence, _subject_end(sentence, question))
        return _clause_from(sentence, m.start()) if m else ""
    if form == TextForm.METHOD:  # the means right after the subject and its verb: 'is determined by ...'
        end = _subject_end(sentence, question)
        m = _BY.search(sentence, end)
        return _clause_from(sentence, m.start()) if m and m.start() - end <= 30 else _statement(sentence, question)
    if form == TextForm.AMOUNT:
        return _amount(sentence, question, change=change)
    if form == TextForm.COUNT:
        return _count(sentence, question)
    return _statement(sentence, question)


_COUNTED = re.compile(r"(?<![\w$£€¥.])\d[\d,]*(?![\d.,]*\s*(?:%|million|billion|thousand))(?=\s+[a-z])", re.I)


def _count(sentence: str, question: str) -> str:
    """How many: the number printed before a word the question counts ('253,203 shares had vested'), the one
    nearest the question's other words; '' when the sentence counts nothing it asks."""
    low = sentence.lower()
    spots = [p for w in content_words(question) for p in _places(low, w)]
    found = [m for m in _COUNTED.finditer(_without_dates(sentence)) if not _YEAR.fullmatch(m.group(0))]
    if not found or not spots:
        return ""
    return min(found, key=lambda m: min(min(abs(m.start() - p), abs(m.end() - p)) for p in spots)).group(0)


# the words between a subject and what the sentence says of it: 'Capital leases reflect building ...'
_LINK = re.compile(r"^\s*,?\s*(?:of\s+|(?:which|that)\s+(?=(?:is|are|was|were)\b))?"
                   r"(?:(?:is|are|was|were|has\s+been|have\s+been|had\s+been|will\s+be|to\s+be|be)\s+)?"
                   r"(?:(?:primarily|mainly|generally|largely|principally|mostly|only)\s+)?"
                   r"(?:(?:consist(?:s|ed)?|comprised?|comprises|relat(?:es?|ed)|refer(?:s|red)?|limited|"
                   r"attribut(?:ed|able)|used|due|based|recognized|recognised|defined|calculated|computed|measured|"
                   r"determined|derived)\s+(?:of|to|for|on|as|in)\b|includes?|"
                   r"included|represents?|"
                   r"represented|reflects?|reflected|means|comprises?|covers?|to|as)?\s*", re.I)
# "What is Audit Fees?": a subject alone, no verb or preposition after it ("... limited to?")
_BARE_WHAT = re.compile(r"^\s*what\s+(?:is|are|was|were)\s+(?:the\s+)?[\w\s&’'-]*?[\w&’'-]+"
                        r"(?<!\bto)(?<!\bof)(?<!\bfor)(?<!\bin)(?<!\bon)(?<!\bby)(?<!\bwith)(?<!\bas)(?<!\bat)"
                        r"(?<!\bfrom)\s*\?*\s*$", re.I)


def _statement(sentence: str, question: str) -> str:
    """What the sentence says of the question's subject: the words after the subject and its linking verb
    ('What do capital leases reflect?' -> 'building and office equipment lease obligations'); the whole
    sentence for a bare 'What is X?' whose sentence opens with X, or when no subject is found."""
    text = sentence.strip()
    words = content_words(question)
    if not words:
        return text.rstrip(".")
    low = text.lower()
    first = [places[0] if (places := _places(low, w)) else None for w in words]  # where each word first stands
    if sum(at is not None for at in first) < max(1, math.ceil(0.6 * len(words))):
        return text
    if _BARE_WHAT.match(question) and all(at is not None and at < 40 for at in first):
        return text
    end = max(at + len(w) for w, at in zip(words, first, strict=True) if at is not None)
    end = re.match(r"[\w’'-]*", low[end:]).end() + end  # the rest of the last word ('lease' -> 'leases')
    rest = text[end:]
    rest = rest[_LINK.match(rest).end():].split(";")[0].strip().rstrip(".").strip()
    return rest if len(rest.split()) >= 2 else text


def _subject_end(sentence: str, question: str) -> int:
    """Where the last of the question's content words ends in the sentence (0 if none is there)."""
    low = sentence.lower()
    end = 0
    for w in content_words(question):
        at = low.find(w)
        if at >= 0:
            end = max(end, at + len(w))
    return end


def _amounts(sentence: str) -> list[re.Match[str]]:
    """The amounts of a sentence that are figures: a currency sign, a scale word or a decimal (a year, a date's
    day or a note number is no amount)."""
    out = []
    for m in _amount_re().finditer(_without_dates(sentence)):  # 'December 31, 2019' holds no amount
        text = m.group(0).strip()
        digits = re.sub(r"[^\d.]", "", text)
        if not digits.strip(".") or _YEAR.fullmatch(digits):
            continue
        if not (re.search(rf"[^\d\s.,()-]|{_SCALE_WORD}", text, re.I) or "," in text or "." in digits):
            continue
        out.append(m)
    return out


# the words before an amount that make it the size of a move, and the words of a question that ask a rate
_MOVED_BY = re.compile(r"\b(?:increase[sd]?|decrease[sd]?|rose|fell|grew|declined?|improved|reduction|growth|up|down|"
                       r"higher|lower)(?:\s+(?:of|by))?(?:\s+approximately|\s+about)?\s*$", re.I)
_ASKS_RATE = re.compile(r"%|\bper\s?cent|\bpercentage\b|\brates?\b|\bmargins?\b|\bratios?\b|\bproportion\b|"
                        r"\bportion\b|\bshare\s+of\b", re.I)
_ASKS_AMOUNT = re.compile(r"\b(?:amount|value|total|balance|cost|expense|revenue|sales)\b", re.I)


def _amount(sentence: str, question: str, *, change: bool = False) -> str:
    """The amount of the sentence that the question asks: with 'respectively', the one in the place of the year
    asked; with amounts of several years, the one nearest the year asked; else the first after the question's
    words."""
    found = _amounts(sentence)
    # a percentage answers a question that asks a rate, or a move ('How much did sales increase by?') where the
    # sentence gives no amount; never an amount asked by name ('the revenue amount')
    rate = bool(_ASKS_RATE.search(question))
    same = [m for m in found if ("%" in m.group(0) or "cent" in m.group(0).lower()) == rate]
    found = same or ([] if rate or _ASKS_AMOUNT.search(question) and not change else found)
    if change:
        found = [m for m in found if _MOVED_BY.search(sentence[max(0, m.start() - 30):m.start()])]
    if not found:
        return ""
    years = _YEAR.findall(question)
    listed = [m for m in _YEAR.finditer(sentence) if not any(a.start() <= m.start() < a.end() for a in found)]
    if years and len(found) > 1 and listed:
        names = [m.group(0) for m in listed]
        if _RESPECTIVELY.search(sentence) and years[0] in names and len(found) >= len(set(names)):
            order = list(dict.fromkeys(names))
            return _printed(found[order.index(years[0])])
        of_year = [m for m in found if _year_of(m, found, listed) == years[0]]
        if len(of_year) == 1:
            return _printed(of_year[0])
        if of_year:  # several of that year: the one nearest the question's words
            return _printed(min(of_year, key=lambda m: _distance(sentence, m, question)))
    # an amount in parentheses is an aside ('(including $0.7 million of debt issuance costs)'); else the first
    # amount after the question's words begin, or the last before them
    pool = [m for m in found if not _in_parentheses(sentence, m.start())] or found
    start = _subject_start(sentence, question)
    after = [m for m in pool if m.start() >= start]
    return _printed(after[0] if after else pool[-1])


def _distance(sentence: str, amount: re.Match[str], question: str) -> int:
    """How far an amount is from the question's words: the sum over the words the sentence holds of the distance
    to the nearest place of each."""
    low = sentence.lower()
    total = 0
    for w in content_words(question):
        spots = _places(low, w)
        if spots:
            total += min(min(abs(amount.start() - p), abs(amount.end() - p)) for p in spots)
    return total


def _subject_start(sentence: str, question: str) -> int:
    low = sentence.lower()
    return min((spots[0] for w in content_words(question) if (spots := _places(low, w))), default=0)


def _places(low: str, word: str) -> list[int]:
    """Where a content word begins in a lower-case sentence ('lease' in 'leases' too: a word's start only)."""
    return [m.start() for m in re.finditer(rf"\b{re.escape(word)}", low)]


def _without_dates(sentence: str) -> str:
    """The sentence with each date blanked out, in place: a date's day and year are no figures."""
    return _DATE.sub(lambda m: " " * len(m.group(0)), sentence)


def _in_parentheses(sentence: str, at: int) -> bool:
    return sentence.rfind("(", 0, at) > sentence.rfind(")", 0, at)


def _year_of(amount: re.Match[str], found: list[re.Match[str]], years: list[re.Match[str]]) -> str | None:
    """The year an amount is of: the first year after it before the next amount ('$2.6 million in 2018'), else
    the nearest year before it ('in 2019, revenue was $5 million')."""
    nxt = min((m.start() for m in found if m.start() > amount.start()), default=10**9)
    label = [y for y in years if 0 <= amount.start() - y.end() <= 3 and ":" in _text_between(amount, y)]
    if label:  # '(2018: £12.4 million)'
        return label[0].group(0)
    after = [y for y in years if amount.end() <= y.start() < nxt and not _labels_next(y)]
    if after:
        return after[0].group(0)
    before = [y for y in years if y.end() <= amount.start()]
    return before[-1].group(0) if before else None


def _text_between(amount: re.Match[str], year: re.Match[str]) -> str:
    return amount.string[year.end():amount.start()]


def _labels_next(year: re.Match[str]) -> bool:
    """A year that labels the amount after it: '2018: £12.4 million'."""
    return year.string[year.end():year.end() + 2].lstrip().startswith(":")


def _printed(m: re.Match[str]) -> str:
    return m.group(0).strip().rstrip(".,")
