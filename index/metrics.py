"""Row label -> canonical metric name (snake_case). Known synonyms map to one name; anything else is slugged."""

from __future__ import annotations

import re

# (pattern on the normalised label, metric). First match wins; patterns are anchored on the whole label.
_SYNONYMS: list[tuple[str, str]] = [
    (r"(total )?(net )?revenues?( net)?|total net sales|net sales|sales, net of returns and allowances|"
     r"total revenues? and other income", "revenue"),
    (r"(total )?cost of (revenues?|sales|goods sold)", "cost_of_revenue"),
    (r"gross (profit|margin)( \(loss\))?", "gross_profit"),
    (r"selling and marketing( expenses)?|sales and marketing( expenses)?", "selling_and_marketing_expenses"),
    (r"general and administrative( expenses)?", "general_and_administrative_expenses"),
    (r"selling, general and administrative( expenses)?", "selling_general_and_administrative_expenses"),
    (r"research and development( expenses)?", "research_and_development_expenses"),
    (r"total (operating )?(costs and )?expenses|total operating expenses", "total_operating_expenses"),
    (r"operating (income|loss|profit)( \(loss\))?|income \(loss\) from operations|(income|loss) from operations|"
     r"total income from operations|operating income \(loss\)", "operating_income"),
    (r"net (income|loss|profit|earnings)( \(loss\))?|net earnings \(loss\)|net income \(loss\)|profit for the period",
     "net_income"),
    (r"(basic and diluted|diluted) (net )?(income|loss|earnings) per share.*|diluted eps|"
     r"diluted earnings per share.*", "diluted_eps"),
    (r"adjusted ebitda.*", "adjusted_ebitda"),
    (r"ebitda", "ebitda"),
    (r"cash and cash equivalents", "cash_and_cash_equivalents"),
    (r"total assets", "total_assets"),
    (r"total liabilities", "total_liabilities"),
    (r"total (shareholders'|stockholders'|shareholders’|stockholders’) equity|total equity", "total_equity"),
    (r"short-term borrowings", "short_term_borrowings"),
    (r"long-term borrowings|long-term debt", "long_term_borrowings"),
    (r"free cash flow", "free_cash_flow"),
    (r"net cash (generated from|provided by|from) \(?(used in)?\)? ?operating activities|"
     r"net cash (generated from \(used in\)|provided by \(used in\)|provided by|from|used in) operating activities",
     "operating_cash_flow"),
    (r"(less: )?(capital expenditures?|purchases? (of|related to) property(,)? (plant )?and equipment)( .*)?",
     "capital_expenditures"),
    (r"interest expense", "interest_expense"),
    (r"interest income", "interest_income"),
    (r"income tax \(?(expense|benefit|provision)\)?.*|(provision for|benefit from) income taxes|income taxes",
     "income_tax"),
]
_COMPILED = [(re.compile(rf"^(?:{p})$"), m) for p, m in _SYNONYMS]
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


def normalise_label(label: str) -> str:
    text = label.lower().replace("’", "'").replace("\\", "")
    # footnote markers: '(1)', '(a)', '(iii)', '¹', '⁽ᴰ⁾'
    text = re.sub(r"\((non-gaap financial measure|unaudited|\d+|[a-z]|[ivx]{2,4})\)|"
                  r"[¹²³⁴⁵⁶⁷⁸⁹⁰⁽⁾ᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁᵂ]+", "", text)
    text = re.sub(r"[*:]", "", text)
    text = ITEM_MARKER.sub("", text)
    return re.sub(r"\s+", " ", text).strip(" ,.")


def slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", normalise_label(label)).strip("_") or "value"


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
