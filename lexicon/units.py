"""Rows that measure no amount of money: counts (stores, employees, homesale sides), areas ('GLA ('000s square
feet)'), volumes (boe/d, tonnes), durations ('Lease term (years)') and unit prices ('Average homesale price', 'Rent
per square foot'). A table's scale ('in millions') is a scale of its amounts: such a row keeps its figure as printed
and carries no currency. Each rule is a `Rule` whose `produces` is the unit ('count' or 'other');
`row_measure` applies them in order (tests/test_lexicon.py runs every example and counter-example)."""

from __future__ import annotations

from lexicon.rules import Rule, rule

# a row that names money is an amount whatever unit words it also names ('Revenue from vessels', 'Loans to
# customers', 'Annualized base rent of leases over 10,000 square feet'), unless it is a price per unit (below)
MONEY_WORDS = rule(
    "money words",
    r"\b(?:revenues?|income|sales|costs?|expenses?|deposits?|loans?|advances|receivables?|payables?|balances?|"
    r"assets?|liabilit(?:y|ies)|fees?|charges?|premiums?|profit|loss(?:es)?|ebitda|ebit|noi|ffo|affo|abr|cash|"
    r"capex|capital|dividends?|distributions?|rent(?:al)?s?|value|amount|spend(?:ing)?|investments?|debt|equity|"
    r"impairments?|provisions?|payments?|proceeds|price|earnings|margin|bookings|backlog|gains?|"
    r"write-?(?:downs?|offs?)|depreciation|amortization|interest|tax(?:es)?|expenditures?|consideration|"
    r"compensation|wages|salaries|benefits|securities|repurchases?|borrowings?|bonds|notes|obligations|derivatives|"
    r"goodwill|inventor(?:y|ies))\b|\b(?:purchases?|acquisitions?|disposals?|sale)\s+(?:of|from)\b|"
    r"[$€£¥₹]",
    "money", (("Loans to customers", "money"), ("Revenue from vessels", "money"),
              ("Net gain on disposal/sale of vessels", "money"), ("Depreciation of vessels", "money"),
              ("Purchases of vessels", "money"), ("Securities sold under repurchase agreements", "money")),
    ("Closed homesale sides", "Number of employees", "Purchase title and closing units"))

ROW_MEASURES: tuple[Rule, ...] = (
    rule("unit price",
         r"\b(?:average|avg\.?|realized|realised|selling|unit)\b[\w\s-]*\bprices?\b|\bprices? per\b|"
         r"\b(?:rent|rate|revenue|cost|price|margin|income|expenses?|sales|ebitda|noi|fees?)s? per (?!(?:ordinary |"
         r"common |diluted |basic |trust |stock )?(?:shares?|units?|ads|adss|certificates?|cbfis?)\b)"
         r"(?:available |leased |occupied |rentable |average )?(?:square|sq\b|sqm|sf\b|m2|barrel|bbl|boe|mcf|day|"
         r"room|passenger|seat|mile|tonne|ton\b|ounce|oz\b|mwh|kwh|gallon|lit(?:re|er)|vehicle|employee|member|"
         r"subscriber|user|customer|store|night|hour|trip)|"
         r"[$€£¥₹]\s*/\s*(?:sq|m2|sqm|sf\b|boe|bbl|mcf|oz|t\b|tonne|day|night|room|unit)|"
         r"\bdaily (?:[\w-]+ ){0,2}(?:revenues?|rates?|margins?|costs?|hire|earnings)\b",
         "other",
         (("Average homesale price", "other"), ("Rent per square foot", "other"),
          ("Daily Rig Revenue: (6),(8)", "other"), ("Daily adjusted gross margin", "other"),
          ("Average monthly rent per leased (US$/sqm) EOP US$", "other"), ("Revenue per available room", "other"),
          ("Realized oil price ($/bbl)", "other"), ("Cash cost per ounce", "other")),
         ("Distributions per unit", "Net income per diluted share", "Purchase price allocation",
          "Revenue per share", "Average daily balances of loans")),
    rule("area",
         r"\bsquare (?:feet|foot|met(?:er|re)s?)\b|\bsq\.?\s?(?:ft|m)\b|\bsqft\b|\bsqm\b|\bgla\b|\bnla\b|"
         r"\bacres?\b|\bhectares?\b",
         "other",
         (("GLA ('000s square feet) EOP", "other"), ("Leased GLA ('000s sqm) EOP", "other"),
          ("Square feet leased", "other")),
         ("Annualized base rent of leases over 10,000 square feet", "Gross leasable revenue")),
    rule("volume",
         r"\b(?:barrels?|bbls?(?:/d)?|boe(?:/d)?|mboe(?:/d)?|mmboe|mcf(?:/d)?|mmcf(?:/d)?|bcf|mmbtu|tonnes?|"
         r"metric tons|ounces|mw|gw|mwh|gwh|twh|kwh|gallons|lit(?:re|er)s|hectolit(?:re|er)s|teus?|carloads)\b",
         "other",
         (("Production (boe/d)", "other"), ("Shipments ('000 tonnes)", "other"), ("Gold ounces sold", "other")),
         ("Crude oil sales", "Sales of tonnes shipped")),
    rule("count",
         r"\bnumber of (?!(?:ordinary |common )?shares)|\b(?:employees|headcount|stores|restaurants|hotels|rooms|"
         r"beds|vessels|ships|rigs|aircraft|passengers|subscribers|customers|members|users|branches|locations|sides|"
         r"deliveries|vehicles|wells|store count|(?:closing|housing|apartment|residential|homes?) units|"
         r"homes (?:closed|delivered|sold)|sold|shipped|delivered)\b|\bdays\s*$",
         "count",
         (("Operating Days", "count"), ("Other Off-hire Days", "count"),
          ("Closed homesale sides", "count"), ("Refinance title and closing units", "count"),
          ("Number of employees", "count"), ("Paid subscribers (millions)", "count"), ("Rigs operating", "count"),
          ("Total Tractors sold", "count"), ("Active mobile banking users (MM)", "count")),
         ("Number of shares outstanding", "Weighted average number of diluted shares", "Deposits from customers",
          "Cost of goods sold")),
    rule("duration",
         r"\((?:in )?(?:years|months|days|hours)\)|\bin (?:years|days)\b|"
         r"\bdays (?:sales|payables?|inventory|outstanding)\b|\b(?:lease )?term remaining\b|"
         r"\bweighted[- ]average (?:remaining )?(?:lease )?term\b|\bwale\b|\bwault\b|\bduration\b|\bdso\b|\bdpo\b",
         "other",
         (("Weighted Avg Lease Term Remaining (years) EOP", "other"), ("Days sales outstanding", "other"),
          ("Weighted average lease term", "other")),
         ("Twelve months ended", "Revenue for the last twelve months", "Interest expense")),
)


UNIT_PRICE = ROW_MEASURES[0]

# rules that hold even where the row names money ('Cash cost per ounce', 'Days sales outstanding')
_OVER_MONEY = ("unit price", "duration")


# a share count ('Weighted average number of diluted shares') has rules of its own
_SHARES = rule("shares", r"\bshares?\b|\bunits outstanding\b", "shares",
               (("Weighted average number of diluted shares", "shares"),))


def row_measure(label: str, heading: str = "") -> str | None:
    """'count' or 'other' for a row that measures no money (the first rule that finds it), None for an amount.
    A count's row under a heading that names money ('Rooms' under 'Revenues', 'Online stores' under 'Net Sales')
    is an amount of that line of business; an area or a volume is no amount under any heading."""
    first = next((r.produces for r in ROW_MEASURES if r.name in _OVER_MONEY and r.finds(label)), None)
    if first or MONEY_WORDS.finds(label) or _SHARES.finds(label):
        return first
    if len(heading.split()) <= 6 and UNIT_PRICE.finds(heading):
        return UNIT_PRICE.produces  # 'Lower 48' under 'Daily Rig Revenue:': each row is a price per unit
    found = next((r for r in ROW_MEASURES if r.finds(label)), None)
    # a heading is a few words ('Revenues', 'Net Sales'); a sentence that went into the section is none
    if found is None or (found.name == "count" and len(heading.split()) <= 6 and MONEY_WORDS.finds(heading)):
        return None
    return found.produces
