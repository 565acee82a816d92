"""The currency lexicon: every currency's own examples, and whose currency a release's figures are in."""

from __future__ import annotations

import pytest

from index.currencies import CURRENCIES, named_in, reporting_currency


@pytest.mark.parametrize(("code", "example"), [(c.code, e) for c in CURRENCIES for e in c.examples])
def test_each_currency_names_itself_in_its_examples(code: str, example: str) -> None:
    assert named_in(example) == code


def test_codes_are_unique() -> None:
    codes = [c.code for c in CURRENCIES]
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize(("text", "code"), [
    ("Revenue was RMB2,346.5 million, up 24% from RMB1,892 million (US$261.5 million).", "RMB"),
    ("(Stated in thousands of Canadian dollars, except per share amounts) Revenue $ 468,171", "CAD"),
    ("net profit of GEL 346million; net interest margin 3.20%", "GEL"),
    ("Revenue of NT$162,264 million; EPS US$0.21 per ADS; NT$ 4.12 per share", "TWD"),
    ("Revenue of ₹ 55,120 crore, up 15%; PAT ₹ 2,786 crore", "INR"),
    ("EUR 882 million revenue; adjusted EBITDA EUR 150 million", "EUR"),
    # a bare $ is the dollar the release marks explicitly, or its home market's when it names no US market
    ("Revenue $12.1 million ... a C$3.2 million charge; cash of $4 million", "CAD"),
    ("(TSX: KMP.UN) Net operating income of $98.1 million", "CAD"),
    ("listed on the Jamaica Stock Exchange. Revenue was $1.2 billion", "JMD"),
    ("TORONTO--(BUSINESS WIRE)--February 12, 2025-- Net income of $791.9 million", "CAD"),
    ("CALGARY, Alberta, Feb. 12, 2025 -- Revenue of $468 million", "CAD"),
    ("OTTAWA, Ill., Feb. 5, 2025 -- Ottawa Bancorp (OTCQX: OTTW) net income of $1.2 million", "USD"),
    # an over-the-counter quote is a foreign issuer's second line, not a US listing (Freelancer)
    ("Freelancer Limited (ASX: FLN) (OTCQX: FLNCF) delivered GMV of $948.6 million", "AUD"),
    # a caption that names the currency wins over a Canadian dateline
    ("(In United States dollars, except where noted otherwise) TORONTO, Feb. 11, 2025 -- sales of $1,256 million",
     "USD"),
    # counter-examples: a US listing keeps a bare $ American; no marks at all is the default
    ("(NASDAQ: OTEX), (TSX: OTEX) Total revenues of $1,535 million", "USD"),
    ("WATERLOO, Ontario -- (NASDAQ: OTEX) TORONTO, Oct. 1 -- revenue of $1,535 million", "USD"),
    ("Revenue of $2.5 billion, up 3%", "USD"),
    ("Revenue grew 3% in the quarter", "USD"),
])
def test_the_reporting_currency_of_a_release(text: str, code: str) -> None:
    assert reporting_currency(text) == code
