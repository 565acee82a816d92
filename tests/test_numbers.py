from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.numbers import COUNTED_IN_EXAMPLES, parse_number, scale_of

CASES = [
    ("(1,234)", Decimal("-1234"), False),
    ("1,38,279.30", Decimal("138279.30"), False),  # Indian grouping: 1 lakh 38 thousand ...
    ("12,34,56,789", Decimal("123456789"), False),
    ("—", Decimal("0"), False),
    ("-", Decimal("0"), False),
    ("**5,168,040**", Decimal("5168040"), False),
    ("3.2 %", Decimal("3.2"), True),
    ("-18.7 %", Decimal("-18.7"), True),
    ("$ (0.09)", Decimal("-0.09"), False),
    ("$(0.09)", Decimal("-0.09"), False),
    ("$13,217", Decimal("13217"), False),
    ("US$ 1.5", Decimal("1.5"), False),
    ("(3)%", Decimal("-3"), True),
    ("(12.5)%", Decimal("-12.5"), True),
    ("0.705", Decimal("0.705"), False),
    ("\u2212 42", Decimal("-42"), False),
    ("1,000,000.25", Decimal("1000000.25"), False),
]


@pytest.mark.parametrize(("text", "value", "percent"), CASES)
def test_parse_number_table(text: str, value: Decimal, percent: bool) -> None:
    parsed = parse_number(text)
    assert parsed is not None
    assert parsed.value == value
    assert parsed.percent == percent


GLUED_SCALES = [  # (cell, value, scale, currency): a scale glued to the figure is the cell's own
    ("4,131.3m", Decimal("4131.3"), 1_000_000, None),
    ("Ps.4,131.3m", Decimal("4131.3"), 1_000_000, "MXN"),
    ("US$225.7m", Decimal("225.7"), 1_000_000, "USD"),
    ("€31.1bn", Decimal("31.1"), 1_000_000_000, "EUR"),
    ("€(0.3)bn", Decimal("-0.3"), 1_000_000_000, "EUR"),
    ("1,234", Decimal("1234"), None, None),
]


@pytest.mark.parametrize(("text", "value", "scale", "currency"), GLUED_SCALES)
def test_a_scale_glued_to_a_figure_is_read_with_it(text: str, value: Decimal, scale: int | None,
                                                    currency: str | None) -> None:
    parsed = parse_number(text)
    assert parsed is not None
    assert (parsed.value, parsed.scale, parsed.currency) == (value, scale, currency)


# ... but a scale apart from its figure ('12 m'), one with a percent, or two scales are no figure
@pytest.mark.parametrize("text", ["", "abc", "Revenues", "1,23", "(1,234", "12)", None, "Q2", "$", "12 m",
                                  "3m%", "(1.2m)bn"])
def test_not_a_number(text: str | None) -> None:
    assert parse_number(text) is None


@given(st.integers(min_value=0, max_value=10**13), st.booleans(), st.booleans())
def test_grouped_integers_round_trip(n: int, negative: bool, dollar: bool) -> None:
    text = f"{n:,}"
    if negative:
        text = f"({text})"
    if dollar:
        text = "$ " + text
    parsed = parse_number(text)
    assert parsed is not None
    assert parsed.value == (-n if negative else n)


@given(st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=2, allow_nan=False,
                   allow_infinity=False))
def test_decimals_with_percent_round_trip(d: Decimal) -> None:
    text = f"{abs(d):,.2f} %"
    if d < 0:
        text = f"({text[:-2]}) %"
    parsed = parse_number(text)
    assert parsed is not None
    assert parsed.value == d.quantize(Decimal("0.01"))
    assert parsed.percent


@pytest.mark.parametrize(("caption", "scale"), [
    ("(in thousands, except per share data)", 1_000),
    ("RMB'000", 1_000),
    ("$000", 1_000),
    ("(000s)", 1_000),
    ("thousands of U.S. dollars", 1_000),
    ("$ in millions", 1_000_000),
    ("£m | £m", 1_000_000),
    ("2019 €m", 1_000_000),
    ("(Dollars in millions)", 1_000_000),
    ("€bn", 1_000_000_000),
    ("in billions", 1_000_000_000),
    ("Year ended December 31", None),
    # a currency code or sign before the scale word, as IFRS and Indian releases print it
    ("EUR millions**(except per share data)", 1_000_000),
    ("in EUR million", 1_000_000),
    ("NOK million", 1_000_000),
    ("CHF m", 1_000_000),
    ("Ps. m", 1_000_000),
    ("EURm", 1_000_000),
    ("EUR bn", 1_000_000_000),
    ("RMB’Million", 1_000_000),  # an apostrophe between the code and the word, as "RMB'000" prints it
    ("HK$'bn", 1_000_000_000),
    ("Rs. crore", 10_000_000),
    ("(₹ crore)", 10_000_000),
    ("Rs cr. | Q4 FY24 | Q4 FY23", 10_000_000),
    ("ASSETS / In million / euros", 1_000_000),  # French statements: the unit before the currency's name
    ("(in million euros)", 1_000_000),
    ("in thousand euros", 1_000),
    ("EUR thousand", 1_000),  # crore abbreviated, as Indian factsheets print it
    ("PAT (before EI) (Rs. Cr)", 10_000_000),
    ("in lakhs", 100_000),
    ("Crore", 10_000_000),  # a PDF that lost the rupee sign of its caption
    ("(Crore)", 10_000_000),
    ("CONSOLIDATED RESULTS Crore", None),
    # counter-examples: an amount between the code and the word is a figure, not a caption
    ("EUR 882 million", None),
    ("Rs. 500 crore", None),
    ("Rs. 500 cr", None),
    ("Rs credit", None),
    ("EUR 500 thousand", None),
    ("CHF more than before", None),
])
def test_scale_words_of_captions(caption: str, scale: int | None) -> None:
    assert scale_of(caption) == scale


@pytest.mark.parametrize(("caption", "scale"), COUNTED_IN_EXAMPLES)
def test_a_scale_stated_for_a_count_is_no_scale_of_the_amounts(caption: str, scale: int | None) -> None:
    """Regression (Vornado): '(Square feet in thousands)' over rents per square foot made '$ 87.48' $87,480."""
    assert scale_of(caption) == scale


@pytest.mark.parametrize(("text", "scale"), [
    ("Amounts in thousands, except per share data. Revenue in millions below", 1_000),
    ("(in millions) ... the notes are stated in thousands", 1_000_000),
    ("Revenue of EUR 882 million rose; (EUR millions) table follows; in thousands", 1_000_000),
    ("Rs. in crores; US$ m", 10_000_000),
    ("no scale is named here at all", None),
])
def test_the_first_scale_a_text_names_is_its_earliest_mention(text: str, scale: int | None) -> None:
    assert scale_of(text, first=True) == scale


_SCALE_PHRASES = ["in thousands", "in millions", "$ in billions", "Rs. crore", "in lakhs", "EUR m", "US$ mn",
                  "(000s)", "$000", "EUR 882 million", "Revenue", "rose 5%", "(Square feet in thousands)", "Crore",
                  "dollars in millions", "£bn", "'000", "HK$ thousand", "\n", "Rs. 500 cr"]


@given(st.lists(st.sampled_from(_SCALE_PHRASES), max_size=8).map(" ".join))
def test_first_scale_search_agrees_with_each_scale_searched_alone(text: str) -> None:
    """Guards the one-pattern search of a release's whole text (index.numbers._ANY_SCALE_WORD): the earliest mention
    wins, and of two at one position the smaller scale, as when each scale's pattern searched the text alone."""
    from index import numbers

    cleaned = numbers._COUNTED_IN.sub(" ", text)
    found = [(m.start(), factor) for factor, rx in numbers._SCALE_WORDS for m in [rx.search(cleaned)] if m]
    assert scale_of(text, first=True) == (min(found)[1] if found else None)
