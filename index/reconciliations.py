"""Reconciliations laid out in columns for one period: 'GAAP-based measures | Adjustments | Note | Non-GAAP-based
measures' (OpenText), 'As reported | Adjustments | Adjusted'.

The column names are often lost in a page's text (rotated, wrapped over several lines); the arithmetic tells the
layout: on most rows the first amount plus the second is the last, with a note reference ('(1)') between them. Each
row then gives the reported figure under its own name, the adjustment, and the adjusted figure under the adjusted
name: the row's second name where it prints two ('GAAP-based net income / Non-GAAP-based net income'), else its
name with the table's word for it ('Non-GAAP Research and development')."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

from index.blocks import RawTable
from index.numbers import parse_number

_NOTE_REF = re.compile(r"^\(\d{1,2}\)$")
_WORD = re.compile(r"\bnon-gaap\b|\badjusted\b", re.I)
_RECONCILIATION = re.compile(r"\breconcil|\bnon-gaap\b|\badjusted\b", re.I)
_TWO_NAMES = re.compile(r"^(?P<gaap>.*?\bGAAP\b.*?)\s*/\s*(?P<adjusted>.*\b(?:non-GAAP|adjusted)\b.*)$", re.I)
_MIN_ROWS = 3
_SHARE_THAT_ADD_UP = Decimal("0.8")

RECONCILIATION_EXAMPLES = (  # (row values, the three amounts kept or None)
    (("$ 175,799", "$ (2,966)", "(1)", "$ 172,833"), ("$ 175,799", "$ (2,966)", "$ 172,833")),
    (("987,716", "72.5%", "53,410", "(3)", "1,041,126", "76.4%"), ("987,716", "53,410", "1,041,126")),
    (("48,220", "(48,220)", "(2)", "—"), ("48,220", "(48,220)", "—")),
    # counter-examples: two periods, or a fourth amount that is no note reference
    (("4,509", "4,316"), None),
    (("4,509", "680", "(41)", "--", "5,148"), None),
)


@dataclass(frozen=True)
class Reconciliation:
    """The table's rows reduced to (reported, adjustment, adjusted), and how each column names its rows."""

    table: RawTable
    names: tuple[str, str, str]  # the columns' names
    labels: tuple[Callable[[str], str], Callable[[str], str], Callable[[str], str]]


def three_amounts(values: tuple[str, ...]) -> tuple[str, str, str] | None:
    """(reported, adjustment, adjusted) of a row: rates and a note reference between them left out."""
    kept = [v for v in values if "%" not in v]
    if len(kept) == 4 and _NOTE_REF.match(kept[2].strip()):
        kept = [kept[0], kept[1], kept[3]]
    if len(kept) != 3 or any(parse_number(v) is None for v in kept):
        return None
    return kept[0], kept[1], kept[2]


def _adds_up(amounts: tuple[str, str, str]) -> bool:
    a, adj, b = (parse_number(v) for v in amounts)
    return a is not None and adj is not None and b is not None and a.value + adj.value == b.value


def reconciliation_layout(table: RawTable, context: str) -> Reconciliation | None:
    """The table read as a reconciliation in columns, when its heading says it reconciles to a non-GAAP or
    adjusted measure and most rows add up; None otherwise."""
    if not _RECONCILIATION.search(context):
        return None
    amounts = [three_amounts(r.values) if r.values else None for r in table.rows]
    triples = [t for t in amounts if t is not None]
    with_values = sum(1 for r in table.rows if r.values)
    if len(triples) < _MIN_ROWS or len(triples) < with_values * _SHARE_THAT_ADD_UP:
        return None
    if sum(_adds_up(t) for t in triples) < len(triples) * _SHARE_THAT_ADD_UP:
        return None
    word = _WORD.search(context)
    adjusted_word = "Non-GAAP" if word and word.group(0).lower() == "non-gaap" else "Adjusted"
    # rows keep their places (the locator counts them); a row that is no reconciliation line gives nothing
    kept = tuple(replace(r, values=t or ()) if r.values else r for r, t in zip(table.rows, amounts, strict=True))

    def reported(label: str) -> str:
        two = _TWO_NAMES.match(label)
        return two.group("gaap").strip() if two else label

    def adjusted(label: str) -> str:
        two = _TWO_NAMES.match(label)
        if two:
            return two.group("adjusted").strip()
        return label if _WORD.match(label) else f"{adjusted_word} {label}"

    def adjustment(label: str) -> str:  # no 'non-GAAP' in the name: the adjusted figure is the row that has it
        return f"{reported(label)}, reconciling adjustment"

    return Reconciliation(replace(table, rows=kept), ("reported", "adjustment", adjusted_word.lower()),
                          (reported, adjustment, adjusted))
