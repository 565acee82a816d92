"""Row label -> canonical metric name (snake_case). Known synonyms map to one name; anything else is slugged."""

from __future__ import annotations

import re

from index.numbers import without_bracketed_scale
from index.readings import remembered
from lexicon.metrics import SYNONYMS

# lexicon.metrics holds the data; a question's phrase may have lost its commas and "and"s ("selling general
# administrative expenses"), so both are optional wherever a pattern spells them
# the standard measures the synonyms name ('revenue', 'net_income', ...): amounts, whatever rate rows share a word
STANDARD_METRICS = frozenset(m for _, m, _ in SYNONYMS)
_COMPILED = [(re.compile(rf"^(?:{p.replace(', ', ',? ').replace(' and ', ' (?:and )?')})$"), m)
             for p, m, _ in SYNONYMS]
# a share count by its basis, however the row or the question words it: 'Basic' under 'Shares used in calculation',
# 'Weighted average diluted shares outstanding', "diluted share count", "basic weighted-average shares"
_SHARE_COUNT = re.compile(r"^(?:(?:weighted[- ]average |number of )*(?P<a>basic|diluted)"
                          r"(?: weighted[- ]average)?(?: number of)?(?: common| ordinary)?"
                          r" (?:shares?|share count)(?: outstanding| count)?"
                          r"|(?:weighted[- ]average )?(?:number of )?(?:common |ordinary )?shares?"
                          r"(?: outstanding)?[ ,-]+(?P<b>basic|diluted)|(?P<c>basic|diluted))$")
SHARE_COUNT_EXAMPLES = (  # (row or question, unit, metric)
    ("Weighted average diluted shares outstanding", "shares", "shares_diluted"),
    ("diluted share count", "currency", "shares_diluted"), ("basic shares", "currency", "shares_basic"),
    ("Weighted-average shares outstanding - basic", "shares", "shares_basic"), ("Basic", "shares", "shares_basic"),
    # counter-examples: not a count by its basis
    ("Shares repurchased", "shares", "shares_shares_repurchased"), ("Diluted", "currency", "diluted"),
    ("diluted earnings per share", "currency", "diluted_eps"), ("Basic", "per_share", "basic_eps"),
)


# an item marker before a label: 'a. Revenue from operations', '(ii) Other income', '3. Total expenses'
ITEM_MARKER = re.compile(r"^\s*\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})[.)]\s+(?=\S)")


@remembered()  # a row's name is asked for by every column
def normalise_label(label: str) -> str:
    text = without_bracketed_scale(label).lower().replace("’", "'").replace("\\", "")
    # footnote markers: '(1)', '(a)', '(iii)', '¹', '⁽ᴰ⁾'
    # '(see Note 16)', '(Note 3)', '(non-U.S. GAAP measure)': a reference or a disclaimer, no part of the name
    text = re.sub(r"\((?:see\s+)?notes?\s+\d+[\w.]*(?:\s*(?:,|and|&)\s*\d+[\w.]*)*\)|"
                  r"\(non-(?:u\.?s\.?\s+)?(?:gaap|ifrs)\s+(?:financial\s+)?measures?\)", "", text)
    text = re.sub(r"\((non-gaap financial measure|unaudited|\d+|[a-z]|[ivx]{2,4})\)|"
                  r"[¹²³⁴⁵⁶⁷⁸⁹⁰⁽⁾ᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁᵂ]+", "", text)
    text = re.sub(r"[*:]", "", text)
    text = ITEM_MARKER.sub("", text)
    text = _without_closing_marks(text)
    return re.sub(r"\s+", " ", text).strip(" ,.")


# footnote marks printed with a closing bracket only, glued or spaced at the end: 'Operating income (EBIT) adj.1)',
# 'Diluted EPS adj.1)2)', 'Operating cash flow 3)'; not the end of '(Tier 1)', whose bracket opened in the name
_CLOSING_MARKS = re.compile(r"(?:\s*\d\))+$")


def _without_closing_marks(text: str) -> str:
    m = _CLOSING_MARKS.search(text)
    if not m or not m.start():
        return text
    rest = text[:m.start()]
    return rest if rest.count("(") == rest.count(")") else text


# the same marks glued to a word inside a longer text, a question that copies a row's name ('What was Diluted EPS
# adj. (in EUR)1)2) in Q4 2024?'); a bracket that closes one the text opened ('(Q1)', '(Tier 1)') is no mark
_GLUED_MARKS = re.compile(r"(?<=[A-Za-z.)])(?:\d\))+(?=[\s?!,;:]|$)")
GLUED_MARKS_EXAMPLES = (  # (text, without its marks)
    ("What was Diluted & undiluted EPS adj. (in EUR)1)2) in Q4 2024?", "What was Diluted & undiluted EPS adj. (in EUR) "
     "in Q4 2024?"),
    ("Operating income (EBIT) adj.1) for 2024", "Operating income (EBIT) adj. for 2024"),
    ("Free cash flow 3) in 2024", "Free cash flow 3) in 2024"),  # spaced: a list's item or a mark, left to the label
    ("CET1 ratio (Tier 1) in Q2", "CET1 ratio (Tier 1) in Q2"),
    ("revenue (Q1) 2025", "revenue (Q1) 2025"),
)


def without_glued_marks(text: str) -> str:
    """The text without footnote marks glued to its words ('adj.1)2)' -> 'adj.')."""
    out, last = [], 0
    for m in _GLUED_MARKS.finditer(text):
        before = text[:m.start()]
        if before.count("(") == before.count(")"):
            out.append(text[last:m.start()])
            last = m.end()
    return "".join(out) + text[last:]


def slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", normalise_label(label)).strip("_") or "value"


@remembered()
def canonical_metric(label: str, unit: str = "currency") -> str:
    """'General and administrative expenses' -> 'general_and_administrative_expenses'; 'Total revenues' ->
    'revenue'. Per-share and percent rows are kept apart from amounts of the same name."""
    norm = normalise_label(label)
    if unit == "per_share" and norm in ("basic", "diluted", "basic and diluted"):
        return f"{norm.replace(' ', '_')}_eps"
    count = _SHARE_COUNT.match(norm)
    if unit == "shares" or (count and not count.group("c")):
        return f"shares_{next(g for g in count.groups() if g)}" if count else f"shares_{slug(label)}"
    bare = norm.removeprefix("gaap ")  # "GAAP net income" in a reconciliation is net income
    for rx, metric in _COMPILED:
        if rx.match(bare):
            if unit == "percent" and not metric.endswith("margin"):
                return f"{metric}_percent" if metric != "gross_profit" else "gross_margin"
            return metric
    return slug(label)
