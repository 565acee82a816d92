"""Reconciliations laid out in columns, for one period or as a block of basis columns under each period.

For one period: 'GAAP-based measures | Adjustments | Note | Non-GAAP-based
measures' (OpenText), 'As reported | Adjustments | Adjusted'.

The column names are often lost in a page's text (rotated, wrapped over several lines); the arithmetic tells the
layout: on most rows the first amount plus the second is the last, with a note reference ('(1)') between them. Each
row then gives the reported figure under its own name, the adjustment, and the adjusted figure under the adjusted
name: the row's second name where it prints two ('GAAP-based net income / Non-GAAP-based net income'), else its
name with the table's word for it ('Non-GAAP Research and development').

Under each period (`basis_blocks`): the same block of basis columns printed once a period, 'Adjusted | Adjustments
(see Note 5) | Six months ended 30 June 2025' then the same for 2024 (XP Power's income statement), told by the
columns' names and confirmed by the arithmetic (first + adjustment = last on most rows of every block)."""

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


# the role of a column in a block of basis columns, by its heading: the adjustment first ('Non-underlying items' is
# no underlying figure), then the adjusted measure, then the reported one ('Non-GAAP' holds 'GAAP')
_ADJUSTMENT_COLUMN = re.compile(r"\badjustments?\b|\badjusting\s+items\b|\b(?:specific|exceptional|non-underlying|"
                                r"non-recurring)\s+items\b|\bnon-underlying\b", re.I)
_ADJUSTED_COLUMN = re.compile(r"\b(?:adjusted|underlying|non-gaap|non-ifrs|core)\b", re.I)
_REPORTED_COLUMN = re.compile(r"\b(?:statutory|reported|gaap|ifrs|total)\b", re.I)
_COLUMN_NOTE = re.compile(r"\(?\s*\b(?:see\s+)?notes?\s+\d{1,2}[a-z]?\s*\)?", re.I)
_COMPARES = re.compile(r"change|growth|variance|%|\bvs\b", re.I)
_BLOCK_ORDERS = (("adjusted", "adjustment", "reported"), ("reported", "adjustment", "adjusted"))
_BASIS_NAMES = {"non-gaap": "Non-GAAP", "non-ifrs": "Non-IFRS"}

BASIS_COLUMN_EXAMPLES = (  # (a column's heading, its role in a block of basis columns and the period it leaves)
    ("Adjusted 2025", ("adjusted", "2025")),
    ("Adjustments (see Note 5) 2025", ("adjustment", "2025")),
    ("Six months ended 30 June 2025", ("reported", "Six months ended 30 June 2025")),  # the statutory column
    ("Statutory H1 2024", ("reported", "H1 2024")),
    ("Underlying 2024", ("adjusted", "2024")),
    ("Non-underlying items 2024", ("adjustment", "2024")),
    ("Non-GAAP Q4 2024", ("adjusted", "Q4 2024")),
    ("GAAP Q4 2024", ("reported", "Q4 2024")),
    # counter-examples: a change, or a column that names neither a basis nor a period
    ("% change", None),
    ("Constant currency", None),
)


def basis_column(heading: str) -> tuple[str, str] | None:
    """(role, the heading without its basis and note words) of a column in a block of basis columns, or None: a
    heading with no basis word is the reported figure when it names a period (see BASIS_COLUMN_EXAMPLES)."""
    from index.periods import header_periods

    if _COMPARES.search(heading):
        return None
    rest = " ".join(_COLUMN_NOTE.sub(" ", heading).split())
    for role, rx in (("adjustment", _ADJUSTMENT_COLUMN), ("adjusted", _ADJUSTED_COLUMN),
                     ("reported", _REPORTED_COLUMN)):
        if rx.search(rest):
            return role, " ".join(rx.sub(" ", rest).split())
    return ("reported", rest) if header_periods(rest, point_in_time=True) else None


@dataclass(frozen=True)
class BasisBlocks:
    """A table whose periods each head the same block of basis columns: the table (rows that are not one value a
    column give nothing), each period's heading, the block's roles and the name each column of a block gives its
    rows."""

    table: RawTable
    periods: tuple[str, ...]  # 'Six months ended 30 June 2025', one a block
    names: tuple[str, ...]  # ('adjusted', 'adjustment', 'reported')
    labels: tuple[Callable[[str], str], ...]  # one a column of a block


def basis_blocks(table: RawTable) -> BasisBlocks | None:
    """The table read as periods over blocks of 'adjusted | adjustment | reported' (or 'reported | adjustment |
    adjusted'), when every block's columns say so by their headings, the blocks' periods differ, and in every block
    the first amount plus the adjustment is the last on most rows; None otherwise (the table stays refused)."""
    from index.periods import header_periods

    n, width = len(table.header), len(_BLOCK_ORDERS[0])
    if n < width or n % width:
        return None
    read = [basis_column(h) for h in table.header]
    if any(r is None for r in read):
        return None
    roles = tuple(r[0] for r in read if r)
    order = roles[:width]
    if order not in _BLOCK_ORDERS or roles != order * (n // width):
        return None
    periods: list[str] = []
    for b in range(0, n, width):
        texts = [r[1] for r in read[b:b + width] if r]
        longest = max(texts, key=len)
        # the other columns of the block print the period's year at most ('Adjusted 2025')
        if any(not set(t.split()) <= set(longest.split()) for t in texts):
            return None
        periods.append(longest)
    found = [header_periods(p, point_in_time=True) or [] for p in periods]
    if any(len(f) != 1 for f in found) or len({f[0] for f in found}) != len(found):
        return None
    full = [r for r in table.rows if len(r.values) == n]
    for b in range(0, n, width):
        amounts = [tuple(r.values[b:b + width]) for r in full]
        triples = [t for t in amounts if all(t) and all(parse_number(v) is not None for v in t)]
        if len(triples) < _MIN_ROWS or sum(_adds_up(t) for t in triples) < len(triples) * _SHARE_THAT_ADD_UP:
            return None
    adjusted_at = order.index("adjusted")
    word = next(m.group(0) for m in [_ADJUSTED_COLUMN.search(table.header[adjusted_at])] if m)
    word = _BASIS_NAMES.get(word.lower(), word.capitalize())

    def adjusted(label: str) -> str:
        return label if _ADJUSTED_COLUMN.match(label) else f"{word} {_lower_first(label)}"

    def adjustment(label: str) -> str:
        return f"{label}, reconciling adjustment"

    def reported(label: str) -> str:
        return label

    by_role = {"adjusted": adjusted, "adjustment": adjustment, "reported": reported}
    kept = tuple(r if len(r.values) in (0, n) else replace(r, values=()) for r in table.rows)
    return BasisBlocks(replace(table, rows=kept), tuple(periods), order, tuple(by_role[role] for role in order))


def _lower_first(label: str) -> str:
    """The label inside a longer name: its first word in lower case unless it is an acronym ('Cost of sales' ->
    'cost of sales', '(Loss)/profit' -> '(loss)/profit', 'EBITDA' stays)."""
    m = re.search(r"[A-Za-z]+", label)
    if not m or (len(m.group(0)) > 1 and m.group(0).isupper()):
        return label
    return label[:m.start()] + label[m.start()].lower() + label[m.start() + 1:]
