"""Statements of changes in equity: one period over columns that name equity's components ('Called up share capital
| Share premium account | ... | Retained profit | Total | Non-controlling interest | Total equity'), rows that are
balances at a day ('1 January 2024', 'Balance at 30 June 2024') or the period's movements ('Dividends on ordinary
capital'). The period columns the rest of the table reader expects are not there, so tables.table_facts gives
nothing; this module reads them.

Each balance row gives each component's balance at its day (an opening day, the 1st of a month, is the balance at
the end of the day before: '1 January 2024' is 31 December 2023's closing balance). Each movement row gives the
period's movement of each component, under the component as its section; the last column, when it is equity's
total, is the company's own movement and takes no section. A row that does not print one figure (or a dash) per
component is left out: which component a figure is in would be a guess."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from index.blocks import RawTable
from index.facts import Fact, Unit
from index.metadata import ReleaseMeta
from index.metrics import canonical_metric
from index.numbers import parse_number
from index.periods import DAY_FIRST_RE, FULL_DATE_RE, Period, parse_date, period_label

# the statement's own title
TITLE = re.compile(r"\bchanges\s+in\s+(?:(?:total\s+)?(?:share|stock)holders['’]?\s+|members['’]?\s+|owners['’]?\s+)?"
                    r"equity\b|\bstatements?\s+of\s+(?:(?:share|stock)holders['’]?\s+)?equity\b", re.I)
TITLE_EXAMPLES = (  # (title, whether it names the statement)
    ("Consolidated statement of changes in equity", True),
    ("CONDENSED CONSOLIDATED STATEMENTS OF SHAREHOLDERS' EQUITY", True),
    ("Condensed Consolidated Statement of Changes in Equity", True),
    ("Statement of changes in shareholders’ equity", True),
    ("Consolidated balance sheet", False),
    ("Return on equity", False),
)
# a column that names a component of equity (never a period, a segment or a measure)
_COMPONENT = re.compile(r"\b(?:capital|shares?|premium|reserves?|earnings|profit|deficit|surplus|paid[- ]in|"
                        r"comprehensive|treasury|stock|non-?\s?controlling|interests?|equity|total)\b", re.I)
# the column that holds equity's total: the company's own figure
_TOTAL_EQUITY = re.compile(r"^total(?:\s+(?:share|stock)holders['’]?)?\s+equity$|^total$", re.I)
# a balance row: 'Balance at 1 January 2024', 'Balance as of March 31, 2024', 'At 30 June 2024', '1 January 2024'
_BALANCE_ROW = re.compile(r"^(?:(?:closing|opening|ending|beginning)?\s*balances?\s*(?:,\s*)?(?:at|as\s+(?:at|of)|on)?|"
                          r"(?:at|as\s+(?:at|of))|)\s*(?P<date>.+?)\s*$", re.I)
BALANCE_ROW_EXAMPLES = (  # (row label, the day of the balance, or None for a movement)
    ("1 January 2024", date(2023, 12, 31)),
    ("30 June 2024", date(2024, 6, 30)),
    ("Balance at 30 June 2025", date(2025, 6, 30)),
    ("Balance as of March 31, 2024", date(2024, 3, 31)),
    ("Balance as of April 1, 2017", date(2017, 3, 31)),
    ("At 31 December 2024", date(2024, 12, 31)),
    ("Dividends on ordinary capital", None),
    ("Profit or loss for the period", None),
    ("Dividends declared ($0.25 per Common Share) in 2024", None),
)


def balance_day(label: str) -> date | None:
    """The day whose balance a row prints: the date its label is (after 'Balance at'), and for an opening day (the
    1st of a month) the day before it, whose closing balance it is; None when the label is no date."""
    m = _BALANCE_ROW.match(label.strip())
    text = m.group("date") if m else ""
    if not (FULL_DATE_RE.fullmatch(text) or DAY_FIRST_RE.fullmatch(text)):
        return None  # the whole rest of the label a date, not one inside a movement's name
    day = parse_date(text)
    if day is not None and day.day == 1:
        return day - timedelta(days=1)
    return day


def is_equity_statement(table: RawTable, names: tuple[str, ...]) -> bool:
    """Columns that all name components of equity, over rows of which at least two are balances at a day (or under
    the statement's own title)."""
    if len(names) < 2 or not all(_COMPONENT.search(n) for n in names):
        return False
    balances = sum(1 for r in table.rows if r.values and balance_day(r.label) is not None)
    return balances >= 2 or (balances >= 1 and bool(TITLE.search(f"{table.title} {' '.join(table.header)}")))


def equity_facts(table: RawTable, names: tuple[str, ...], period: Period, meta: ReleaseMeta, document: str,
                 statement: str, scale: int | None, locate: Callable[[int, int], str]) -> list[Fact]:
    """The facts of a statement of changes in equity whose columns are `names`, over one `period`; `locate(row,
    column)` gives a cell's locator. Amounts need the table's scale; without one there are none."""
    if scale is None or meta.period_end is None:
        return []
    total_last = bool(_TOTAL_EQUITY.match(names[-1].strip()))
    facts: list[Fact] = []
    for row_no, row in enumerate(table.rows, start=1):
        if len(row.values) != len(names):
            continue
        parsed = [parse_number(v) for v in row.values]
        if any(p is None or p.percent for p in parsed):
            continue
        day = balance_day(row.label)
        for k, (raw, p) in enumerate(zip(row.values, parsed, strict=True)):
            if p.dash:
                continue  # no movement of this component
            name = names[k].strip()
            if day is not None:
                label, section, at = name, "", Period(day, 0)
            else:
                own = total_last and k == len(names) - 1
                label, section, at = row.label, "" if own else name, period
            facts.append(Fact(
                document=document, company=meta.company, statement=statement, label=label,
                metric=canonical_metric(label, Unit.CURRENCY.value), period=period_label(at, meta.calendar),
                period_end=at.end, months=at.months, currency=p.currency or meta.currency, unit=Unit.CURRENCY,
                value=p.value * (p.scale or scale), locator=locate(row_no, k + 1), column=name, quote=raw,
                section=section,
            ))
    return facts


def names_carried_on(tables: list[RawTable]) -> list[RawTable]:
    """A statement printed as one table split at a period's heading ('First half - 2023' under the first half of
    2024's rows) names its components once: the part after the split, as wide, from the same place, takes them."""
    out: list[RawTable] = []
    for t in tables:
        before = out[-1] if out else None
        if (before is not None and not t.column_names and before.column_names and t.where == before.where
                and is_equity_statement(before, before.column_names)
                and is_equity_statement(t, before.column_names)
                and all(len(r.values) == len(before.column_names) for r in t.rows if r.values)):
            t = replace(t, column_names=before.column_names)
        out.append(t)
    return out
