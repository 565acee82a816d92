"""The names of measures: row-label synonyms of standard metrics (index/ stores them), the analysts' abbreviations
(assistant/ expands them in questions), whole phrases that mean a standard row, and margins as ratios of two
measures. Every abbreviation is a Rule with examples and counter-examples (tests/test_lexicon.py runs them)."""

from __future__ import annotations

import re

from lexicon.rules import Rule, rule

# --- row labels -> standard metric ----------------------------------------------------------------------------
# (pattern on the normalised label, metric, labels it names). First match wins; patterns are anchored on the whole
# label. Anything else is the label's slug.
SYNONYMS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (r"(total |consolidated )?(net )?revenues?( net)?|total (net )?sales|net sales|"
     r"sales, net of returns and allowances|total revenues? and other income|(net )?sales to customers|"
     r"sales revenues?|(total )?revenues? from operations", "revenue",
     ("Total revenues", "Net sales", "Revenues", "Sales to customers", "Sales revenues",
      "Revenue from operations")),  # Ind AS: 'Revenue from operations' + 'Other income' = 'Total income'
    (r"(total )?cost of (revenues?|sales|goods sold)", "cost_of_revenue", ("Cost of revenues", "Cost of sales")),
    (r"gross (profit|margin)( \(loss\))?", "gross_profit", ("Gross profit", "Gross margin")),
    (r"selling and marketing( expenses)?|sales and marketing( expenses)?", "selling_and_marketing_expenses",
     ("Sales and marketing",)),
    (r"general and administrative( expenses)?", "general_and_administrative_expenses",
     ("General and administrative expenses",)),
    (r"(selling|sales), general,? and administrative( expenses)?", "selling_general_and_administrative_expenses",
     ("Selling, general and administrative expenses", "Sales, general and administrative")),
    (r"research and development( expenses)?", "research_and_development_expenses", ("Research and development",)),
    # a bank's noninterest expense is its operating expenses
    (r"total (operating )?(costs and )?expenses?|total operating expenses?|(total )?non-?interest expenses?",
     "total_operating_expenses", ("Total costs and expenses", "Total operating expenses", "Total noninterest expense")),
    (r"operating (income|loss|profit)( \(loss\))?|income \(loss\) from operations|(income|loss) from operations|"
     r"total income from operations|operating income \(loss\)", "operating_income",
     ("Operating income", "Income (loss) from operations")),
    (r"net (income|loss|profit|earnings)( \(loss\))?|net earnings \(loss\)|net income \(loss\)|profit for the period",
     "net_income", ("Net income", "Net earnings", "Profit for the period")),
    (r"(basic and diluted|diluted) (net )?(income|loss|earnings) per share.*|diluted eps|"
     r"diluted earnings per share.*", "diluted_eps", ("Diluted earnings per share", "Diluted EPS")),
    (r"adjusted ebitda.*", "adjusted_ebitda", ("Adjusted EBITDA",)),
    (r"ebitda", "ebitda", ("EBITDA",)),
    (r"cash and cash equivalents", "cash_and_cash_equivalents", ("Cash and cash equivalents",)),
    (r"total assets", "total_assets", ("Total assets",)),
    (r"total liabilities", "total_liabilities", ("Total liabilities",)),
    (r"total (shareholders'|stockholders'|shareholders’|stockholders’) equity|total equity", "total_equity",
     ("Total stockholders' equity", "Total equity")),
    (r"short-term borrowings", "short_term_borrowings", ("Short-term borrowings",)),
    (r"long-term borrowings|long-term debt", "long_term_borrowings", ("Long-term debt",)),
    (r"free cash flow", "free_cash_flow", ("Free cash flow",)),
    (r"net cash (generated from|provided by|from) \(?(used in)?\)? ?operating activities|"
     r"net cash (generated from \(used in\)|provided by \(used in\)|provided by|from|used in) operating activities",
     "operating_cash_flow", ("Net cash provided by operating activities",)),
    # capital spending by any of its names: 'Capital spending' (PepsiCo), 'Additions to property and equipment'
    # (Microsoft), 'Purchases of property and equipment'
    (r"(less: )?(capital expenditures?|capital spending|purchases? (of|related to) property(,)? (plant )?and "
     r"equipment|additions to property(,)? (plant )?and equipment|payments for property(,)? (plant )?and "
     r"equipment)( .*)?", "capital_expenditures",
     ("Capital expenditures", "Capital spending", "Additions to property and equipment",
      "Purchases of property and equipment")),
    (r"interest expense", "interest_expense", ("Interest expense",)),
    (r"interest income", "interest_income", ("Interest income",)),
    (r"income tax \(?(expense|benefit|provision)\)?.*|(provision for|benefit from) income taxes|income taxes",
     "income_tax", ("Provision for income taxes", "Income tax expense")),
)

# --- the analysts' names -> the words releases print ----------------------------------------------------------
# Applied in order to a question's metric phrase (assistant.questions.metric_words); the rows of the expanded
# phrase are then matched against row labels.
ABBREVIATIONS: tuple[Rule, ...] = (
    rule("selling, general and administrative", r"\bsg\s?&\s?a\b|\bsga\b",
         "selling, general and administrative expenses", (("SG&A", "selling, general and administrative expenses"),),
         ("G&A",)),
    rule("selling, marketing and administrative", r"\bsm\s?&\s?a\b",
         "selling, marketing and administrative expenses",
         (("SM&A", "selling, marketing and administrative expenses"),), ("S&M",)),
    rule("general and administrative", r"\bg\s?&\s?a\b|\bga\b", "general and administrative expenses",
         (("G&A", "general and administrative expenses"),), ("SG&A", "gaap")),
    rule("selling and marketing", r"\bs\s?&\s?m\b", "selling and marketing expenses",
         (("S&M", "selling and marketing expenses"),), ("SM&A",)),
    rule("research and development", r"\br\s?&\s?d\b|\brnd\b", "research and development expenses",
         (("R&D", "research and development expenses"),)),
    rule("operating expenses", r"\bopex\b|\boperating\s+costs\b", "total operating expenses",
         (("opex", "total operating expenses"),)),
    rule("capital expenditures", r"\bcapex\b|\bcap\s?ex\b", "capital expenditures",
         (("capex", "capital expenditures"), ("cap ex", "capital expenditures"))),
    rule("cost of revenues", r"\bcogs\b|\bcost\s+of\s+goods\s+sold\b", "cost of revenues",
         (("COGS", "cost of revenues"),)),
    rule("free cash flow", r"\bfcf\b", "free cash flow", (("FCF", "free cash flow"),)),
    rule("operating cash flow", r"\bocf\b|\bcash\s+from\s+operations\b|\boperating\s+cash\s+flows?\b|"
         r"\bcash\s+flows?\s+from\s+operations\b", "net cash provided by operating activities",
         (("OCF", "net cash provided by operating activities"),
          ("cash from operations", "net cash provided by operating activities"))),
    rule("earnings per share by basis", r"\b(basic|diluted)\s+eps\b", r"\1 earnings per share",
         (("diluted EPS", "diluted earnings per share"),)),
    rule("adjusted earnings per share", r"\b(adjusted|non-gaap|core|gaap)\s+eps\b", r"\1 earnings per share",
         (("adjusted EPS", "adjusted earnings per share"),)),
    rule("earnings per share", r"(?<!basic )(?<!diluted )(?<!adjusted )(?<!non-gaap )(?<!core )(?<!gaap )\beps\b|"
         r"(?<!basic )(?<!diluted )(?<!adjusted )\bearnings\s+per\s+share\b", "diluted earnings per share",
         (("EPS", "diluted earnings per share"),), ("basic EPS",)),
    rule("adjusted", r"\badj\.?(?=\s)", "adjusted", (("adj. EBITDA", "adjusted EBITDA"),)),
    rule("depreciation, depletion and amortization", r"\bdd\s?&\s?a\b",
         "depreciation depletion and amortization", (("DD&A", "depreciation depletion and amortization"),)),
    rule("depreciation and amortization", r"(?<!d)\bd\s?&\s?a\b", "depreciation and amortization",
         (("D&A", "depreciation and amortization"),), ("DD&A",)),
    rule("revenue", r"\brev\b\.?|\brevs\b", "revenue", (("rev", "revenue"), ("Q2 rev", "Q2 revenue"))),
    rule("operating", r"\bop\.?(?=\s+(?:income|profit|margin|expenses?|loss|cash\s+flow|inc)\b)", "operating",
         (("op income", "operating income"), ("non-GAAP op margin", "non-GAAP operating margin")),
         ("op-ed",)),
    rule("comparable sales", r"\bcomps\b|\bcomp\s+sales\b|\bsame[\s-]store\s+sales\b", "comparable sales",
         (("comps", "comparable sales"),)),
    rule("net interest income", r"\bnii\b", "net interest income", (("NII", "net interest income"),)),
    rule("net interest margin", r"\bnim\b", "net interest margin", (("NIM", "net interest margin"),)),
    rule("noninterest expense", r"\bnon[\s-]?int(?:erest)?\.?\s+exp(?:ense|enses)?\b\.?", "noninterest expense",
         (("non-int exp", "noninterest expense"), ("nonint expense", "noninterest expense"))),
    rule("noninterest income", r"\bnon[\s-]?int(?:erest)?\.?\s+inc(?:ome)?\b\.?", "noninterest income",
         (("non-int income", "noninterest income"),)),
    rule("provision for credit losses", r"\bprovision\s+expense\b|\bcredit\s+provisions?\b",
         "provision for credit losses", (("provision expense", "provision for credit losses"),),
         ("provision for income taxes",)),
    rule("short-term", r"\bst\b(?=\s*(\+|plus|and|&)?\s*(lt\b|borrowings|debt))", "short-term",
         (("ST debt", "short-term debt"),)),
    rule("long-term", r"(?<=[+&]\s)lt\b|(?<=plus\s)lt\b|(?<=and\s)lt\b|\blt\b(?=\s+(borrowings|debt))", "long-term",
         (("LT debt", "long-term debt"),)),
    rule("advertising revenue", r"\bad\s+revenues?\b", "advertising revenue", (("ad revenue", "advertising revenue"),)),
    rule("share repurchases", r"\b(share\s+)?buybacks?\b|\bshare\s+repurchases?\b|\bstock\s+repurchases?\b",
         "repurchases of common stock", (("buybacks", "repurchases of common stock"),)),
    rule("investing cash flow", r"\binvesting\s+cash\s+flows?\b|\bcash\s+flows?\s+from\s+investing\b",
         "net cash used in investing activities", (("investing cash flow", "net cash used in investing activities"),)),
    rule("financing cash flow", r"\bfinancing\s+cash\s+flows?\b|\bcash\s+flows?\s+from\s+financing\b",
         "net cash used in financing activities", (("financing cash flow", "net cash used in financing activities"),)),
    rule("gross margin", r"\bgm\b", "gross margin", (("GM", "gross margin"),), ("GMGI",)),
    rule("pharmaceutical", r"\bpharma\b", "pharmaceutical", (("pharma sales", "pharmaceutical sales"),),
         ("pharmaceutical",)),
    rule("revenue (top line, sales)", r"\btop[\s-]line\b|\bsales\b(?!\s+and)", "revenue",
         (("top line", "revenue"), ("net sales", "net revenue")), ("sales and marketing",)),
    rule("net income (bottom line)", r"\bbottom[\s-]line\b", "net income", (("bottom line", "net income"),)),
    rule("operating income (EBIT)", r"\bebit\b(?!da)", "operating income", (("EBIT", "operating income"),),
         ("EBITDA",)),
    rule("adjusted (non-GAAP)", r"\bnon[\s-]gaap\b", "adjusted", (("non-GAAP net income", "adjusted net income"),)),
    rule("number of employees", r"\bheadcount\b|\bemployees\b", "number of employees",
         (("headcount", "number of employees"),)),
    # "unearned revenue balance": the row at a date; the word names no row
    rule("a balance of a row",
         r"(?<=\w)(?<!average)(?<!\bthe)(?<!\ba)(?<!'s)(?<!’s)(?<!beginning)(?<!ending)(?<!opening)(?<!closing)\s+balances?\b"
         r"(?!\s+sheets?)", "",
         (("unearned revenue balance", "unearned revenue"), ("cash balance at the end", "cash at the end")),
         ("balance sheet", "average balances of loans", "the balance sheet total", "the beginning balance",
          "the change in the balance at the beginning of period", "KC's balance at the end")),
)
# region abbreviations, case-sensitive ('NA' and 'Intl' beside a measure; 'na' is no region)
REGIONS: tuple[Rule, ...] = (
    Rule("North America", re.compile(r"\bNA\b"), "North America", (("NA op margin", "North America op margin"),),
         ("na",)),
    rule("International", r"\bintl\b\.?", "International", (("Intl", "International"),)),
)

# a period's headline measures, in the order a summary shows them: (metric phrase, shown with its change year
# over year). "How did X do?" answers each the release reports, cited; revenue is the answer's first figure.
SUMMARY_MEASURES: tuple[tuple[str, bool], ...] = (
    ("revenue", True), ("gross margin", False), ("operating income", False), ("operating margin", False),
    ("adjusted ebitda", False),
    ("net income", True), ("diluted earnings per share", False), ("net cash provided by operating activities", False),
    ("free cash flow", False),
)

# whole metric phrases that mean a standard row
WHOLE_NAMES = {"cash": "cash and cash equivalents", "cash position": "cash and cash equivalents",
               "cash balance": "cash and cash equivalents", "cash on hand": "cash and cash equivalents",
               "debt": "borrowings", "total debt": "borrowings", "profit": "net income", "profits": "net income",
               "earnings": "net income", "net earnings": "net income", "net profit": "net income",
               "loss": "net loss", "sales": "revenue", "net sales": "revenue", "turnover": "revenue"}

# a margin is a ratio of two metrics; the release's own margin row is used when it has one
MARGINS: dict[str, tuple[str, str]] = {
    "gross margin": ("gross profit", "revenue"),
    "gross profit margin": ("gross profit", "revenue"),
    "operating profit margin": ("operating income", "revenue"),
    "operating margin": ("operating income", "revenue"),
    "net margin": ("net income", "revenue"),
    "net income margin": ("net income", "revenue"),
    "net loss margin": ("net income", "revenue"),
    "net profit margin": ("net income", "revenue"),
    "profit margin": ("net income", "revenue"),
    "ebitda margin": ("ebitda", "revenue"),
    "adjusted ebitda margin": ("adjusted ebitda", "revenue"),
    "adjusted gross margin": ("adjusted gross profit", "revenue"),
    "adjusted operating margin": ("adjusted operating income", "revenue"),
}

# actions that name opposite measures: a row of restaurants sold is never the restaurants acquired, however near in
# meaning the embedding model places them (TAT-QA: "How many franchise restaurants were acquired in 2017?" answered
# with 'Restaurants sold to franchisees' 178, where the text says 50)
OPPOSED_ACTIONS: tuple[tuple[str, str], ...] = (
    (r"acquired|acquisitions?|purchased|purchases?|bought", r"sold|sales? of|disposals?|disposed|divest\w*"),
    (r"opened|openings?", r"closed|closures?|closings?"),
    (r"issued|issuances?", r"repurchased|repurchases?|redeemed|redemptions?|bought back|buybacks?"),
    (r"inflows?", r"outflows?"),
    (r"granted|grants?", r"forfeited|forfeitures?|cancell?ed|expired"),
)
OPPOSED_EXAMPLES: tuple[tuple[str, str, bool], ...] = (  # (a question's metric phrase, a row label, opposed)
    ("franchise restaurants acquired", "Restaurants sold to franchisees", True),
    ("stores opened", "Stores closed", True),
    ("shares repurchased", "Shares issued", True),
    ("purchases of property and equipment", "Proceeds from sales of property and equipment", True),
    ("options granted", "Options forfeited", True),
    ("restaurants sold", "Restaurants sold to franchisees", False),
    ("acquisitions", "Acquisitions, net of cash acquired", False),
    ("net sales", "Purchases", False),
    ("shares issued", "Shares issued and repurchased", False),
)


def opposed(phrase: str, label: str) -> bool:
    """Whether the label names the opposite action of the phrase's (OPPOSED_ACTIONS): one side in the phrase, the
    other in the label, and the label not naming the phrase's side too."""
    def has(side: str, text: str) -> bool:
        return re.search(rf"\b(?:{side})\b", text, re.I) is not None

    return any((has(a, phrase) and has(b, label) and not has(a, label))
               or (has(b, phrase) and has(a, label) and not has(b, label)) for a, b in OPPOSED_ACTIONS)
