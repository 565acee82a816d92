"""Which statement a table is, from its title: the kinds an ingest report counts facts by. Each kind is a rule
with examples (titles of real releases) and counter-examples; the first rule that finds its phrase wins, so the
more specific kinds come first (a 'Segment results of operations' table is a segment table, not the income
statement)."""

from __future__ import annotations

from enum import StrEnum

from lexicon.rules import Rule, rule


class Statement(StrEnum):
    NON_GAAP = "non-GAAP reconciliation"
    SEGMENTS = "segments"
    CASH_FLOW = "cash flow statement"
    BALANCE_SHEET = "balance sheet"
    INCOME = "income statement"
    HIGHLIGHTS = "highlights"
    TEXT = "text"
    OTHER = "other tables"


STATEMENT_RULES: tuple[Rule, ...] = (
    rule(Statement.NON_GAAP, r"\bnon[- ]?(?:gaap|ifrs)\b|\breconciliation\b|\badjusted\s+ebitda\b", Statement.NON_GAAP,
         (("Reconciliation of GAAP to Non-GAAP Financial Measures", Statement.NON_GAAP),
          ("Adjusted EBITDA reconciliation", Statement.NON_GAAP)),
         ("Condensed Consolidated Statements of Operations", "Segment Information")),
    rule(Statement.SEGMENTS, r"\bsegments?\b|\bby\s+(?:business|region|geography|division)\b|\bdivisional\b",
         Statement.SEGMENTS,
         (("Segment Results of Operations", Statement.SEGMENTS), ("Revenue by Region", Statement.SEGMENTS)),
         ("Consolidated Balance Sheets",)),
    rule(Statement.CASH_FLOW, r"\bcash\s+flows?\b", Statement.CASH_FLOW,
         (("Condensed Consolidated Statements of Cash Flows", Statement.CASH_FLOW),),
         ("Consolidated Statements of Income",)),
    rule(Statement.BALANCE_SHEET, r"\bbalance\s+sheets?\b|\bfinancial\s+(?:position|condition)\b",
         Statement.BALANCE_SHEET,
         (("Unaudited Condensed Consolidated Balance Sheets", Statement.BALANCE_SHEET),
          ("Consolidated statement of financial position", Statement.BALANCE_SHEET)),
         ("Statements of Operations",)),
    rule(Statement.INCOME, r"\b(?:statements?|results?)\s+of\s+(?:operations|income|earnings|(?:comprehensive\s+)?"
                           r"(?:income|loss|profit))|\bincome\s+statements?\b|\bprofit\s+(?:and|or)\s+loss\b|"
                           r"\bstatements?\s+of\s+comprehensive\b|\bconsolidated\s+(?:income|earnings|operations)\b",
         Statement.INCOME,
         (("Condensed Consolidated Statements of Operations", Statement.INCOME),
          ("Unaudited condensed consolidated statements of comprehensive loss", Statement.INCOME),
          ("Consolidated income statement", Statement.INCOME),
          ("Statement of profit or loss", Statement.INCOME)),
         ("Consolidated Balance Sheets", "Operating highlights")),
    rule(Statement.HIGHLIGHTS, r"\bhighlights?\b|\bsummary\b|\bkey\s+(?:figures|metrics|financials)\b",
         Statement.HIGHLIGHTS,
         (("Financial Highlights", Statement.HIGHLIGHTS), ("Summary of results", Statement.HIGHLIGHTS)),
         ("Statements of Cash Flows",)),
)


def statement_kind(title: str) -> Statement:
    """The kind of statement a fact's table title names; TEXT for a figure stated in prose ('Text')."""
    if title.strip().lower() == "text":
        return Statement.TEXT
    for r in STATEMENT_RULES:
        if r.finds(title):
            return Statement(r.produces)
    return Statement.OTHER
