"""Currencies as data: each with the codes, signs and words releases print for it, and examples a test runs.

`reporting_currency(text)` is the currency a release's figures are in: the one its captions name ("Stated in
thousands of Canadian dollars", "(in EUR million)") if any, else the one its amounts are most often marked with
("J$", "NT$", "₹", "GEL 346million"). A bare "$" is the US dollar unless the release names another dollar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache


@dataclass(frozen=True)
class Currency:
    code: str
    marks: tuple[str, ...]  # regexes for the codes and signs printed beside amounts
    words: tuple[str, ...] = ()  # regexes for the currency's name in a caption ("Canadian dollars")
    examples: tuple[str, ...] = field(default=(), compare=False)  # texts that name this currency
    dollar: bool = False  # a bare "$" may mean this currency when the release names it
    home: tuple[str, ...] = ()  # regexes for the home market of a company reporting in it (a bare-$ hint)


CURRENCIES: tuple[Currency, ...] = (
    Currency("USD", (r"US\$", r"\bUSD(?![A-Za-z])", r"U\.S\.\s?\$"), (r"U\.?S\.? dollars?", r"United States dollars?"),
             ("US$1.2 billion", "in USD millions"), dollar=True),
    Currency("CAD", (r"\bC\$", r"\bCA\$", r"\bCDN\$", r"\bCAD(?![A-Za-z])"), (r"Canadian dollars?",),
             ("(Stated in thousands of Canadian dollars)", "C$45.2 million"), dollar=True,
             home=(r"Toronto Stock Exchange", r"\bTSX(?:V|-V)?\b", r"TSX Venture", r"\bCSE\b",
                   # a newswire dateline from a Canadian city ('TORONTO--(BUSINESS WIRE)--', 'CALGARY, Alberta,')
                   r"\b(?:TORONTO|VANCOUVER|CALGARY|MONTR[EÉ]AL|OTTAWA|EDMONTON|MISSISSAUGA|WINNIPEG|HALIFAX)"
                   r"(?:,\s*(?:Ontario|Ont\.|Alberta|Alta\.|British Columbia|B\.C\.|Qu[eé]bec|Que\.|Manitoba|"
                   r"Nova Scotia|N\.S\.|Canada)\b|\s*[-–—]{1,2}\s*\()")),
    Currency("AUD", (r"\bA\$", r"\bAUD(?![A-Za-z])"), (r"Australian dollars?",), ("A$12.3m",), dollar=True,
             home=(r"\bASX\b", r"Australian Securities Exchange")),
    Currency("JMD", (r"\bJ\$", r"\bJMD(?![A-Za-z])"), (r"Jamaican dollars?",), ("J$3.73 per stock unit",), dollar=True,
             home=(r"Jamaica Stock Exchange", r"\bJamaica\b")),
    Currency("TWD", (r"\bNT\$", r"\bNTD(?![A-Za-z])", r"\bTWD(?![A-Za-z])"), (r"New Taiwan dollars?",),
             ("NT$162,264 million",), dollar=True),
    Currency("HKD", (r"\bHK\$", r"\bHKD(?![A-Za-z])"), (r"Hong Kong dollars?",), ("HK$0.05 per share",), dollar=True),
    Currency("SGD", (r"\bS\$", r"\bSGD(?![A-Za-z])"), (r"Singapore dollars?",), ("S$10 million",), dollar=True),
    Currency("NZD", (r"\bNZ\$", r"\bNZD(?![A-Za-z])"), (r"New Zealand dollars?",), ("NZ$5m",), dollar=True,
             home=(r"\bNZX\b",)),
    Currency("EUR", (r"€", r"\bEUR(?![A-Za-z])"), (r"\beuros?\b",), ("EUR 882 million", "€1.2bn")),
    Currency("GBP", (r"£", r"\bGBP(?![A-Za-z])"), (r"pounds? sterling", r"\bsterling\b"), ("£12.5m",)),
    Currency("CHF", (r"\bCHF(?![A-Za-z])",), (r"Swiss francs?",), ("CHF 1.3 billion",)),
    Currency("NOK", (r"\bNOK(?![A-Za-z])",), (r"Norwegian kroner",), ("NOK 38 million",)),
    Currency("SEK", (r"\bSEK(?![A-Za-z])",), (r"Swedish kronor",), ("SEK 170.6 million",)),
    Currency("DKK", (r"\bDKK(?![A-Za-z])",), (r"Danish kroner",), ("DKK 5.1bn",)),
    Currency("INR", (r"₹", r"\bINR(?![A-Za-z])", r"\bRs\.?\s?(?=\d)"),
             (r"\bcrores?\b", r"\blakhs?\b", r"Indian rupees?"), ("₹ 1,234 crore", "Rs. 500 crore")),
    Currency("RMB", (r"\bRMB(?![A-Za-z])", r"\bCNY(?![A-Za-z])"), (r"\bRenminbi\b", r"\byuan\b"),
             ("RMB728.7 million",)),
    Currency("JPY", (r"¥", r"\bJPY(?![A-Za-z])"), (r"\byen\b",), ("millions of yen",)),
    Currency("MXN", (r"\bMXN(?![A-Za-z])", r"\bPs\.\s?(?=\d)", r"\bMXN\$"), (r"Mexican pesos?",), ("Ps. 1,234m",)),
    Currency("ARS", (r"\bARS(?![A-Za-z])",), (r"Argentine pesos?",), ("ARS 1,234 billion",)),
    Currency("GEL", (r"\bGEL(?![A-Za-z])",), (r"\blari\b",), ("net profit of GEL 346million",)),
    Currency("ZAR", (r"\bZAR(?![A-Za-z])",), (r"\brand\b(?= million| billion)",), ("ZAR 12 million",)),
    Currency("BRL", (r"\bR\$", r"\bBRL(?![A-Za-z])"), (r"Brazilian reais",), ("R$ 3.2 bilhões", "BRL 12m")),
    Currency("KRW", (r"₩", r"\bKRW(?![A-Za-z])"), (r"Korean won",), ("KRW 1.2 trillion",)),
)

# captions that name the currency the figures are stated in
_STATED = re.compile(r"(?:stated|expressed|presented|reported|amounts?|figures?)\s+(?:are\s+)?in\s+"
                     r"(?:(?:thousands|millions|billions)\s+of\s+)?([A-Za-z.$€£¥₹ ]{2,30})|"
                     r"\(\s*in\s+(?:thousands|millions|billions)\s+of\s+([A-Za-z.$€£¥₹ ]{2,30})\)|"
                     r"\(\s*in\s+([A-Za-z. ]{2,30}?(?:dollars|euros?|pounds\s+sterling|francs|yen|rupees))\b|"
                     r"\b(?:thousands|millions|billions)\s+of\s+([A-Za-z.$€£¥₹ ]{2,30}?dollars|[A-Za-z ]{2,20}euros?)",
                     re.I)


@cache
def _mark_res() -> tuple[tuple[Currency, re.Pattern[str]], ...]:
    return tuple((c, re.compile("|".join(c.marks))) for c in CURRENCIES)


@cache
def _word_res() -> tuple[tuple[Currency, re.Pattern[str]], ...]:
    return tuple((c, re.compile("|".join(c.words), re.I)) for c in CURRENCIES if c.words)


def named_in(text: str) -> str | None:
    """The currency a phrase names by its code, sign or name ('Canadian dollars' -> CAD), or None."""
    for c, rx in _mark_res():
        if rx.search(text):
            return c.code
    for c, rx in _word_res():
        if rx.search(text):
            return c.code
    return None


def reporting_currency(text: str, default: str = "USD") -> str:
    for m in _STATED.finditer(text):
        code = named_in(next(g for g in m.groups() if g))
        if code:
            return code
    counts = {c.code: len(rx.findall(text)) for c, rx in _mark_res()}
    counts[_bare_dollar(text, counts)] += len(re.findall(r"(?<![A-Za-z])\$", text))
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] > 0 else default


# a US exchange a company lists on first: an over-the-counter quote ('(ASX: FLN) (OTCQX: FLNCF)') is a foreign
# issuer's second line, never its home
_US_EXCHANGE = re.compile(r"\b(?:NYSE|NASDAQ|Nasdaq|NYSE American)\b")


def _bare_dollar(text: str, counts: dict[str, int]) -> str:
    """Whose dollar a bare '$' (not C$, NT$, HK$, US$: no letter before it) is: the one other dollar the release
    marks explicitly more often than the US dollar; else the dollar of the release's home market when it names
    no US exchange (an over-the-counter quote is no listing: 'ASX: FLN) (OTCQX: FLNCF'); else the US dollar."""
    marked = [c.code for c in CURRENCIES if c.dollar and c.code != "USD" and counts[c.code] > counts["USD"]]
    if len(marked) == 1:
        return marked[0]
    if counts["USD"] < 3 and not _US_EXCHANGE.search(text):
        homes = [c.code for c in CURRENCIES if c.home and re.search("|".join(c.home), text)]
        if len(homes) == 1:
            return homes[0]
    return "USD"


__all__ = ["CURRENCIES", "Currency", "named_in", "reporting_currency"]
