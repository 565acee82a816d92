"""What a heading names: a part of the company (a segment, a business) or a kind of table.

Kept apart from the loaders so that answering can tell a part's figure from the company's without importing the
document readers.
"""

from __future__ import annotations

import re
from dataclasses import replace

from index.blocks import RawRow

_GENERIC_HEADING = re.compile(
    r"highlights?|summary|results?|statements?|outlook|guidance|tables?|financials?|consolidated|reconciliations?|"
    r"non-gaap|gaap|balance|cash|flows?|income|operations|earnings|revenues?|sales|overview|performance|key|"
    r"figures|metrics|data|information|notes?|appendix|segments?|quarter|year|months|selected|other|unaudited|"
    r"condensed|interim|full|fourth|third|second|first|total|group|company|business",
    re.I)


_ABBREVIATION = re.compile(r"\b(?:[A-Z]\.)+")  # 'U.S. Drilling', 'U.K. Retail': the dots of a name, no sentence's

_PERIOD_WORDS = re.compile(r"\b(?:ended|ending|quarters?|months?|years?|weeks?|periods?|as (?:of|at))\b", re.I)


def segment_heading(line: str, *, table_words: bool = False) -> str:
    """A heading that names a part of the company ('Global Housing', 'Consumer Banking') rather than a kind of
    table: one to five capitalised words, no figures, none of them a table word ('Financial Highlights') unless
    `table_words` allows them (a name a segment table prints as a column: 'All Other')."""
    text = re.sub(r"[*_#`]+", "", line).strip().strip(" :")
    words = text.split()
    if not 1 <= len(words) <= 5 or re.search(r"\d|[.;,()$%]", _ABBREVIATION.sub("", text)):
        return ""
    if not all(w[:1].isupper() or w.lower() in ("and", "of", "&", "the", "for") for w in words):
        return ""
    if _PERIOD_WORDS.search(text) or (not table_words and any(_GENERIC_HEADING.fullmatch(w.strip("&-"))
                                                              for w in words)):
        return ""
    return text


def segment_of(section: str) -> str:
    """The part of the company a fact's section names ('Global Housing segment' -> 'Global Housing'), as ingest
    writes it for a table under a segment's heading; '' for any other section."""
    m = re.match(r"(.+?) segment\b", section)
    return segment_heading(m.group(1), table_words=True) if m else ""


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", re.sub(r"\(\w{1,3}\)", " ", text.lower()))


def totals_heading(label: str, section: str, *, after_parts: bool = False) -> bool:
    """The row is the total of the heading's rows: 'Total other expenses' under 'Other expenses:', or, below rows
    of the heading (`after_parts`), a row of the heading's own name ('Operating expenses' under 'Operating
    expenses' after 'Sales & marketing', 'Research and development')."""
    words, heading = _words(label), _words(section)
    # the same words in any order, plural or singular, 'net' aside: 'Total Other (Expenses) Income' closes
    # 'OTHER INCOME (EXPENSE)', 'Total other income (expense), net' closes 'Other income (expense):'
    named = {w.removesuffix("s") for w in heading} - {"net"}
    return bool(heading) and ((len(words) >= 2 and words[0] == "total"
                               and {w.removesuffix("s") for w in words[1:]} - {"net"} == named)
                              or (after_parts and words == heading))


def closed_sections(rows: tuple[RawRow, ...]) -> tuple[RawRow, ...]:
    """A heading's rows end at its total: the rows after 'Total other expenses' ('Income before income tax', 'Net
    income') are no parts of 'Other expenses:', though a loader carries the heading down until the next one."""
    out: list[RawRow] = []
    closed: str | None = None
    for r in rows:
        if closed is not None and r.section == closed:
            r = replace(r, section="")
        else:
            closed = None
        if r.section and totals_heading(r.label, r.section,
                                        after_parts=bool(out) and out[-1].section == r.section):
            closed = r.section
        out.append(r)
    return tuple(out)


# a row that measures the row above it: 'As a % of net sales' (or 'As a of net sales', its '%' read as a cell) under
# 'Gross profit', 'Of which: identified items' under 'Income for the period' ('Percent from international' is a
# share of a total, not of the row above)
_OF_THE_ROW_ABOVE = re.compile(r"^\W*(?:as\s+(?:an?\s+)?(?:%\s*|percent(?:age)?\s+)?of|as\s+%\s+of|"
                               r"(?:%|percent(?:age)?)\s+of|of\s+which)\b", re.I)


def of_the_row_above(label: str) -> bool:
    """The row's label names only a share or part of the row above ('As a % of net sales', 'Of which: ...')."""
    return bool(_OF_THE_ROW_ABOVE.match(label)) and not re.match(r"^\W*as\s+of\b", label, re.I)


def with_subjects(rows: tuple[RawRow, ...]) -> tuple[RawRow, ...]:
    """Each row that measures the row above is named with it: 'Gross profit, as a % of net sales'."""
    out: list[RawRow] = []
    subject = ""
    for r in rows:
        if r.values and subject and of_the_row_above(r.label):
            r = replace(r, label=f"{subject}, {r.label.strip(' *')[:1].lower()}{r.label.strip(' *')[1:]}")
        elif r.values and r.label:
            subject = re.sub(r"\s*\(\w{1,3}\)$|[*¹²³⁴⁵⁶⁷⁸⁹]+$", "", r.label.strip(" *")).strip()
        out.append(r)
    return tuple(out)


__all__ = ["closed_sections", "of_the_row_above", "segment_heading", "segment_of", "totals_heading",
           "with_subjects"]
