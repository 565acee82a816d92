"""Cell text -> number: `(1,234)`, `—`, `**5,168,040**`, `3.2 %`, `$ (0.09)`, `RMB728.7`, `-18.7 %`.

Hand-written rather than a library: number parsers (babel, price-parser) do not know accounting conventions
(parentheses for negatives, dashes for zero, bold markers, split "(" ")" cells) and would guess on the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from index.readings import remembered

DASHES = "\\-\u2013\u2014\u2012\u2212"  # regex class body: hyphen, en dash, em dash, figure dash, minus
# the signs and codes a cell may print before its amount (the lexicon of index.currencies, as literals)
_CURRENCY_CODES = {"US$": "USD", "USD": "USD", "$": "USD", "HK$": "HKD", "RMB": "RMB", "EUR": "EUR", "€": "EUR",
                   "£": "GBP", "NT$": "TWD", "C$": "CAD", "CA$": "CAD", "A$": "AUD", "J$": "JMD", "S$": "SGD",
                   "NZ$": "NZD", "R$": "BRL", "¥": "JPY", "₹": "INR", "Rs.": "INR", "Ps.": "MXN", "CNY": "RMB",
                   **{c: c for c in ("GBP", "CHF", "NOK", "SEK", "DKK", "JPY", "INR", "CAD", "AUD", "JMD", "MXN", "ARS",
                                     "TWD", "GEL", "HKD", "ZAR", "BRL", "KRW", "SGD", "NZD")}}
_CURRENCY_PREFIX = "(?:" + "|".join(re.escape(k) for k in sorted(_CURRENCY_CODES, key=len, reverse=True)) + ")"
# the digits of one amount: thousands grouped by commas, or the Indian grouping of lakhs and crores
# ('1,38,279.30' is 138,279.30)
# a footnote mark printed where a figure could stand ('SCS revenue (1)', 'income (1) $431.6'): never a figure
# of its own where the layout says so (test with fullmatch)
FOOTNOTE_MARK = re.compile(r"\(\d\)")
DIGITS = r"(?:\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
_NUMBER_RE = re.compile(
    rf"""^\s*
    (?P<neg1>[{DASHES}])?\s*
    (?P<cur1>{_CURRENCY_PREFIX})?\s*
    (?P<open>\()?\s*
    (?P<neg2>[{DASHES}])?\s*
    (?P<cur2>{_CURRENCY_PREFIX})?\s*
    (?P<num>{DIGITS})
    (?P<scale>m|mn|bn)?\s*
    (?P<pct>%)?\s*
    (?P<close>\))?
    (?:(?<=\))(?P<scale2>m|mn|bn))?\s*
    (?P<pct2>%)?\s*$""",
    re.VERBOSE,
)
_GLUED_SCALES = {"m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000}
_DASH_ONLY = re.compile(rf"^\s*(?:{_CURRENCY_PREFIX})?\s*[{DASHES}]+\s*$")


@dataclass(frozen=True)
class ParsedNumber:
    value: Decimal
    percent: bool = False
    currency: str | None = None  # the code of a sign or code the cell prints (NT$, US$, EUR), not of a bare $
    dash: bool = False  # written as a dash (zero / nil)
    scale: int | None = None  # the scale glued to the figure ('4,131.3m', '€31.1bn'), which overrides its table's


def clean_cell(text: str) -> str:
    """Strip markup that is not part of the number: bold markers, non-breaking spaces, footnote stars."""
    text = text.replace("\u00a0", " ").replace("\u2009", " ").replace("\u202f", " ")
    text = text.replace("**", "").replace("__", "")
    return text.strip()


@remembered(maxsize=1 << 16)
def parse_number(text: str | None) -> ParsedNumber | None:
    """Parse one table cell; None when the cell is not a number (a label, a blank, a year heading)."""
    if text is None:
        return None
    text = clean_cell(text)
    if not text:
        return None
    if _DASH_ONLY.match(text):
        return ParsedNumber(Decimal(0), dash=True)
    m = _NUMBER_RE.match(text)
    if not m:
        return None
    if bool(m.group("open")) != bool(m.group("close")) or (
            (m.group("scale") or m.group("scale2")) and (m.group("pct") or m.group("pct2"))) or (
            m.group("scale") and m.group("scale2")):
        return None
    try:
        value = Decimal(m.group("num").replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex only admits digits
        return None
    negative = bool(m.group("open")) or bool(m.group("neg1")) or bool(m.group("neg2"))
    if negative:
        value = -value
    cur = m.group("cur1") or m.group("cur2")
    return ParsedNumber(
        value=value,
        percent=bool(m.group("pct") or m.group("pct2")),
        currency=_CURRENCY_CODES.get(cur) if cur and cur != "$" else None,  # a bare $ is the release's dollar
        scale=_GLUED_SCALES.get(m.group("scale") or m.group("scale2") or ""),
    )


def currency_code(token: str) -> str | None:
    """`US$` -> `USD`, `RMB` -> `RMB`; None for anything else."""
    return _CURRENCY_CODES.get(token.strip())


# currency codes and signs a scale word may follow in a caption ("EUR millions", "NOK million", "Ps. m",
# "Rs. crore"): the currencies of the bundled and wild corpora and their neighbours
CURRENCY_MARKS = (r"(?:USD|US\$|EUR|€|GBP|£|CHF|NOK|SEK|DKK|ISK|JMD|J\$|CAD|C\$|A\$|AUD|NZD|INR|Rs\.?|₹|RMB|CNY|"
                  r"HKD|HK\$|JPY|¥|MXN|Ps\.?|ARS|TWD|NT\$|GEL|ZAR|BRL|R\$|KRW|SGD|PLN|IDR|MYR|THB|PHP|TRY|ILS)")
_SCALE_WORDS = [
    (1_000_000_000, re.compile(r"in\s+billions|(?:\$|£|€)\s?bn\b|\$\s?billions?\b|"
                               rf"(?<![\w$]){CURRENCY_MARKS}\s?'?\s?(?:billions?|bn)\b", re.I)),
    # 'Rs. crore', 'Rs cr.', '(Rs. Cr)', '₹ in crores'
    # ... and a caption line of the word alone, its rupee sign lost in a PDF's text ('Crore')
    (10_000_000, re.compile(rf"(?<![\w$]){CURRENCY_MARKS}\s?(?:in\s+)?(?:crores?|cr)\b|\bin\s+crores?\b|"
                            r"^\s*\(?crores?\)?\s*$", re.I)),
    (100_000, re.compile(rf"(?<![\w$]){CURRENCY_MARKS}\s?(?:in\s+)?lakhs?\b|\bin\s+lakhs?\b", re.I)),
    (1_000_000, re.compile(r"in\s+millions|\$\s?millions?\b|(?:rmb|us\$|hk\$|a\$|c\$|\$|£|€)\s?m\b|"
                           r"dollars in millions|\$\s?mm\b|\bmillions\s+of\b|\(\$?m\)|"
                           r"\bin\s+[a-z$£€]+\s+millions\b|\bin\s+millions?\s+(?:of\s+)?(?:/\s*)?"
                           r"(?:euros?|dollars|pounds|francs|kron(?:er|or|a)|yen|yuan|rand|pesos|reais|rupees)\b|"
                           rf"(?<![\w$]){CURRENCY_MARKS}\s?'?\s?(?:millions?|mn|mln|m)\b(?![\d.,])", re.I)),
    (1_000, re.compile(r"in\s+thousands|\(?'000s?\)?|dollars in thousands|amounts in thousands|\bthousands\s+of\b|"
                       r"\$\s?thousands?\b|\$000\b|\(000s?\)|\b000s\b|"
                       r"\bin\s+thousands?\s+(?:of\s+)?(?:euros?|dollars|pounds|francs|kron(?:er|or|a)|yen|yuan|rand)\b|"
                       rf"(?<![\w$]){CURRENCY_MARKS}\s?thousands?\b", re.I)),
]


def scales_named(text: str) -> list[int]:
    """Every multiplier a caption names, in no order ('$ in billions; wallets in millions' -> two)."""
    text = text.replace("‘", "'").replace("’", "'")
    return [factor for factor, rx in _SCALE_WORDS if rx.search(text)]


# a scale stated for a count, not for money ('(Square feet in thousands)' over rents per square foot, 'Barrels in
# millions'): no scale of the table's amounts
_COUNTED_IN = re.compile(r"\b(?:square\s+(?:feet|foot|met(?:er|re)s)|sq\.?\s?ft\.?|barrels|tonnes|tons|ounces|"
                         r"passengers|subscribers|customers|employees|headcount)\s+(?:are\s+)?in\s+"
                         r"(?:thousands|millions|billions)\b", re.I)
COUNTED_IN_EXAMPLES = (  # (caption, the money scale it states)
    ("(Square feet in thousands)", None),
    ("(Amounts in thousands; square feet in thousands)", 1_000),
    ("(Barrels in millions)", None),
    ("(Shares in thousands)", 1_000),  # share rows read their own scale; amounts beside them keep this one
)


def counts_scaled(text: str) -> bool:
    """Whether the text states a scale for counts ('(Square feet in thousands)'; see COUNTED_IN_EXAMPLES)."""
    return bool(_COUNTED_IN.search(text))


@remembered(maxsize=8192)  # a table's header and captions are asked for once per row
def scale_of(text: str, *, first: bool = False) -> int | None:
    """The multiplier a caption states ('in thousands' -> 1000, '$ million' -> 1e6), or None. With first=True
    the earliest mention in a long text wins; otherwise the largest scale named."""
    text = _COUNTED_IN.sub(" ", text.replace("‘", "'").replace("’", "'"))
    if first:  # the earliest mention (at one place, the smaller scale), found without reading on past it
        m = _ANY_SCALE_WORD.search(text)
        return int(m.lastgroup[1:]) if m and m.lastgroup else None
    found = [factor for factor, rx in _SCALE_WORDS if rx.search(text)]
    return max(found) if found else None


# every scale word in one pattern, the smaller scales first (at one position the first alternative that matches
# wins, as min((position, scale)) over the patterns one by one would): a release's whole text is read only up to
# its first mention, not once per scale to its end
_ANY_SCALE_WORD = re.compile("|".join(f"(?P<x{factor}>{rx.pattern})" for factor, rx in sorted(_SCALE_WORDS)), re.I)


# the scale a row's own name ends with, in brackets and with no figure in them: 'Overall Revenue (US$mn)', 'Net
# debt (in EUR millions)'; not 'Senior notes ($500 million)', whose brackets describe the notes
_BRACKETED_SCALE = re.compile(r"\(([^()\d]*)\)(?:\s*\(\d{1,2}\))*\W*$")  # footnote marks may follow: '(EURm) (35)'


def bracketed_scale(label: str) -> int | None:
    """The scale a row's name states for its own amounts, in brackets at its end ('Overall Revenue (US$mn)' ->
    1e6), which overrides its table's; or None."""
    m = _BRACKETED_SCALE.search(label)
    return scale_of(m.group(1)) if m else None


def without_bracketed_scale(label: str) -> str:
    """The name without the scale its brackets state: 'Overall Revenue (US$mn)' -> 'Overall Revenue'."""
    return _BRACKETED_SCALE.sub("", label).rstrip() if bracketed_scale(label) else label


_CAPTION = re.compile(r"\s*\(([^()\d]*)\)")
SCALE_CAPTION_EXAMPLES = (  # (text, without the scales its brackets state)
    ("What was PAT (after EI) (Rs. Cr) in Q3 FY2024?", "What was PAT (after EI) in Q3 FY2024?"),
    ("Adjusted average number of shares (millions of share units) in H1 2023", "Adjusted average number of shares "
     "in H1 2023"),
    ("Net income (loss) (in millions)", "Net income (loss)"),
    ("GLA ('000s sqm) EOP", "GLA ('000s sqm) EOP"),  # an area's unit, with a digit: no scale caption
    ("Diluted EPS (in EUR)", "Diluted EPS (in EUR)"),  # a currency, read as such elsewhere
)


def without_scale_captions(text: str) -> str:
    """The text without the scales stated in its brackets, wherever they stand: a question that copies a row's name
    ('PAT (after EI) (Rs. Cr)') names the row, whose name is stored without its scale."""
    return _CAPTION.sub(lambda m: "" if scale_of(m.group(1)) else m.group(0), text)


def printed_step(raw: str) -> Decimal:
    """One unit of the last digit a cell prints ('32.2' -> 0.1, '(4,011)' -> 1, '6.3 %' -> 0.1)."""
    digits = raw.strip(" )%").split(".")
    return Decimal(1).scaleb(-len(digits[1])) if len(digits) > 1 else Decimal(1)
