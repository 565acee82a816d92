"""Metadata rules as data: every period rule's examples and counter-examples, the dateline, and releases with no
dateline, no dated tables or a headline before the company's name."""

from __future__ import annotations

from datetime import date

import pytest

from index.metadata import (
    HEADLINE_NAME_EXAMPLES,
    HEADLINE_RULES,
    NAME_RULES,
    ORDINAL_QUARTER_EXAMPLES,
    SPAN_ENDED_RULES,
    SPLIT_YEAR_HALF_EXAMPLES,
    SUB_ANNUAL,
    _abbreviates,
    dateline,
    detect,
    stated_period,
)
from index.periods import split_fiscal_years

RULES = HEADLINE_RULES + NAME_RULES + SPAN_ENDED_RULES


@pytest.mark.parametrize(("rule", "text", "end"), [(r.name, t, e) for r in RULES for t, e in r.examples])
def test_period_rules_give_their_examples(rule: str, text: str, end: str) -> None:
    found = stated_period(text, tuple(r for r in RULES if r.name == rule))
    assert found is not None and found[0].isoformat() == end


@pytest.mark.parametrize(("rule", "text"), [(r.name, t) for r in RULES for t in r.not_examples])
def test_period_rules_refuse_their_counter_examples(rule: str, text: str) -> None:
    assert stated_period(text, tuple(r for r in RULES if r.name == rule)) is None


@pytest.mark.parametrize("text", SUB_ANNUAL.examples)
def test_a_span_shorter_than_a_year_is_found_in_its_examples(text: str) -> None:
    assert SUB_ANNUAL.pattern.search(text), text


@pytest.mark.parametrize("text", SUB_ANNUAL.not_examples)
def test_a_span_shorter_than_a_year_is_not_found_in_its_counter_examples(text: str) -> None:
    assert not SUB_ANNUAL.pattern.search(text), text


@pytest.mark.parametrize(("name", "text", "period", "bare_years"), [
    # an annual-report note: table first, then a sentence naming quarterly reviews: years
    ("note_x", "|  | December 31, |  |\n|---|---|---|\n|  | 2019 | 2018 |\n| Audit fees | $58,000 | $55,000 |\n"
     "| Tax fees | $28,000 | $11,000 |\n" + "".join(f"| Other fee {i} | $1,000 | $1,000 |\n" for i in range(20))
     + "\nFees for the review of our quarterly financial statements.\n", "FY2019", True),
    # a quarterly release: its opening names the quarter
    ("acme_2025Q2", "Acme reports second quarter 2025 results.\n\n|  | 2025 | 2024 |\n|---|---|---|\n"
     "| Revenue | 10 | 9 |\n| Net income | 2 | 1 |\n", "Q2 2025", False),
    # a half the file name states is no year, whatever the opening says
    ("acme_2025H1", "Acme results.\n\n| | June 30, 2025 | June 30, 2024 |\n|---|---|---|\n| Revenue | 10 | 9 |\n"
     "| Net income | 2 | 1 |\n", None, False),
])
def test_a_release_of_years_alone_reads_bare_years_as_fiscal_years(tmp_path, name: str, text: str,
                                                                   period: str | None, bare_years: bool) -> None:
    from index.pipeline import extract

    path = tmp_path / f"{name}.md"
    path.write_text(text, encoding="utf-8")
    ex = extract(path)
    assert ex.meta.bare_years == bare_years and period in (None, ex.meta.period)
    if bare_years:
        assert {(f.label, f.period, f.value) for f in ex.facts} >= {("Audit fees", "FY2019", 58000),
                                                                   ("Tax fees", "FY2018", 11000)}


@pytest.mark.parametrize(("text", "published"), [
    ('---\ntitle: "x"\ndate: "2025-02-11 14:30:15"\n---\nKemira Oyj', date(2025, 2, 11)),
    ("ISSAQUAH, Wash., Dec. 08, 2022 (GLOBE NEWSWIRE) -- Costco", date(2022, 12, 8)),
    ("TAIPEI, Feb. 13, 2025 /PRNewswire/ -- ASE", date(2025, 2, 13)),
    ("results for the quarter ended March 31, 2023", None),  # a period's date is no dateline
])
def test_dateline(text: str, published: date | None) -> None:
    assert dateline(text) == published


def test_a_release_with_no_dateline_takes_its_headline_period() -> None:
    text = ("# Kontron Publishes Preliminary Figures for the First Nine Months of 2025\n\n"
            "LINZ, Austria - October 29, 2025 (NEWMEDIAWIRE) - Kontron today announces results.")
    meta = detect(text, "kontron_2025Q3", [])
    assert (meta.period_end, meta.months) == (date(2025, 9, 30), 9)


def test_a_release_with_no_period_in_its_text_takes_its_file_name() -> None:
    meta = detect("Acme Widgets Inc. grew revenue to $5 million.", "acme-widgets_2025H1", [])
    assert (meta.period_end, meta.months, meta.period) == (date(2025, 6, 30), 6, "H1 2025")


def test_a_period_end_after_the_dateline_is_an_outlook_not_the_period() -> None:
    """Regression: the outlook table's 'three months ending December 31, 2025' dated a Q3 release."""
    text = ("SAN JOSE, Oct. 29, 2025 (BUSINESS WIRE) -- Acme Inc. reports third quarter 2025 results.\n"
            "Outlook for the three months ending December 31, 2025")
    meta = detect(text, "acme_2025Q3", [date(2025, 12, 31)])
    assert meta.period_end == date(2025, 9, 30)


def test_headline_words_before_the_name_are_not_the_name() -> None:
    text = "Second Quarter 2025 Results Duos Technologies Group, Inc. (Nasdaq: DUOT) reported revenue."
    assert detect(text, "duos-technologies_2025Q2", []).company == "Duos Technologies Group, Inc."


def test_a_comparison_period_long_before_the_dateline_is_not_the_period() -> None:
    """Regression: 'compared with the fourth quarter of 2023' dated a release published in February 2025."""
    text = ('---\ndate: "2025-02-13 14:30:07"\n---\nReadly reports strong growth. In the fourth quarter, revenues '
            "grew by 7.2 per cent to SEK 182.8 million, compared with the fourth quarter of 2023.")
    meta = detect(text, "readly_2024Q4", [])
    assert meta.period_end == date(2024, 12, 31)


def test_a_quarter_in_the_headline_is_no_annual_release() -> None:
    """Regression: 'Reports Third Quarter ... Operating Results for Fiscal Year 2023' was read as an annual release
    with a fiscal year ending in April, so the May 2022 and May 2023 columns were both labelled '9M FY2023'."""
    text = ("Costco Wholesale Corporation Reports Third Quarter and Year-to-Date Operating Results for Fiscal Year "
            "2023\nISSAQUAH, Wash., May 25, 2023 (GLOBE NEWSWIRE) -- results for the quarter ended May 7, 2023.")
    meta = detect(text, "costco_FY2023Q3", [date(2023, 5, 7), date(2022, 5, 8), date(2023, 5, 7)])
    assert meta.months != 12 and meta.calendar.fy_end_month != 4


@pytest.mark.parametrize(("headline", "months"), [
    ("Royalty Management Holding Corporation Reports 2024 Financial Results, Including Positive Cashflow", 12),
    ("Acme Corp Reports Fourth Quarter and 2024 Financial Results", 3),  # the quarter named in the headline
    ("Gecina: 2024 Earnings", 12),  # Gecina: its condensed income statement dated 'Dec 31, 23 | Dec 31, 24'
    ("Acme Corp Announces 2024 Earnings Call Date", 3),
])
def test_a_year_s_financial_results_in_the_headline_are_the_year_s(headline: str, months: int) -> None:
    """Regression (Royalty Management): '2024 Financial Results' was read as the fourth quarter, so its statements,
    dated 'Dec. 31, 2024 | Dec. 31, 2023', gave no year's figures."""
    text = f"{headline}\nFISHERS, INDIANA - March 31, 2025 (NEWMEDIAWIRE) - The company reported today."
    meta = detect(text, "acme_2024FY", [date(2024, 12, 31), date(2023, 12, 31)])
    assert meta.months == months and meta.period_end == date(2024, 12, 31)


def test_the_half_year_the_opening_states_wins_over_a_quarter_named_later() -> None:
    """Regression: XP Power's interim results were stored as Q2 2025 because a later sentence says 'revenue grew
    by 12% from Q1 to Q2 2025'."""
    text = ("5 August 2025\nXP Power Limited\n2025 Interim Results\nXP Power today announces its interim results "
            "for the six months ended 30 June 2025 (\u201cH1 2025\u201d).\n" + "Trading was mixed. " * 40 +
            "We were encouraged to see revenue grow by 12% from Q1 to Q2 2025 in constant currency.")
    meta = detect(text, "xp-power_2025H1", [])
    assert (meta.period_end, meta.months, meta.period) == (date(2025, 6, 30), 6, "H1 2025")


def test_a_quarter_release_giving_the_year_to_date_stays_a_quarter() -> None:
    text = ("Computer Modelling Group Ltd. announces its financial results for the three and nine months ended "
            "December 31, 2024, the third quarter of fiscal 2025.")
    meta = detect(text, "cmg_FY2025Q3", [date(2024, 12, 31)])
    assert (meta.period_end, meta.months) == (date(2024, 12, 31), 3)


def test_a_quarter_and_year_ended_in_march_sets_the_fiscal_year() -> None:
    """Regression (Mahindra & Mahindra): 'results for the quarter and year ended 31st March, 2024' was stored as
    Q1 2024 of a calendar year; it is the fourth quarter of fiscal 2024."""
    text = ("MAHINDRA & MAHINDRA LIMITED\nSTATEMENT OF AUDITED CONSOLIDATED FINANCIAL RESULTS FOR THE QUARTER AND YEAR "
            "ENDED 31ST MARCH, 2024\n")
    meta = detect(text, "mahindra-mahindra_FY2024Q4", [date(2024, 3, 31), date(2023, 12, 31), date(2023, 3, 31)])
    assert (meta.period_end, meta.months, meta.calendar.fy_end_month, meta.period) == (
        date(2024, 3, 31), 3, 3, "Q4 FY2024")


def test_a_quarter_of_a_split_fiscal_year_is_of_the_year_it_ends_in() -> None:
    """Regression (Larsen & Toubro): 'Q1 FY 2024-25' was read as 'Q1 FY 2024', so the quarter ended June 30, 2024 was
    labelled Q1 FY2024 (a year named by its start) instead of Q1 FY2025, as the release's own tables say."""
    from index.pipeline import extract
    from tests.conftest import ROOT

    meta = extract(ROOT / "evals" / "corpus" / "wild" / "larsen-toubro_FY2025Q1.pdf").meta
    assert (meta.period_end, meta.calendar.fy_end_month, meta.period) == (date(2024, 6, 30), 3, "Q1 FY2025")
    assert split_fiscal_years("in Q1 FY 2024-25, and H1 2024-25", bare=False) == "in Q1 FY2025, and H1 2024-25"


@pytest.mark.parametrize(("text", "end", "fy_end_month"), [
    ("Consolidated results for the nine months ended December 31, 2018 (Advantest)", date(2018, 12, 31), 3),
    ("net income for the three and six months ended December 31, 2024", date(2024, 12, 31), 6),
    ("results for the nine months ended 31 December 2022.", date(2022, 12, 31), 3),
    # counter-example: a calendar year's nine months
    ("for the three and nine months ended September 30, 2025", date(2025, 9, 30), 12),
])
def test_a_year_to_date_span_gives_the_fiscal_year(text: str, end: date, fy_end_month: int) -> None:
    meta = detect(text, "acme_x", [end])
    assert meta.calendar.fy_end_month == fy_end_month


@pytest.mark.parametrize(("text", "end", "fy_end_month"), ORDINAL_QUARTER_EXAMPLES)
def test_an_ordinal_quarter_bound_to_its_end_date_gives_the_fiscal_year(text: str, end: date,
                                                                       fy_end_month: int) -> None:
    from index.metadata import _ordinal_quarter_calendar

    cal = _ordinal_quarter_calendar(text, end)
    assert (cal.fy_end_month if cal else 12) == fy_end_month


@pytest.mark.parametrize(("text", "end", "fy_end_month"), SPLIT_YEAR_HALF_EXAMPLES)
def test_a_half_of_a_split_year_gives_the_fiscal_year(text: str, end: date, fy_end_month: int) -> None:
    from index.metadata import _split_year_half_calendar

    cal = _split_year_half_calendar(text, end)
    assert (cal.fy_end_month if cal else 12) == fy_end_month


@pytest.mark.parametrize(("stem_words", "name", "same"), HEADLINE_NAME_EXAMPLES)
def test_a_file_name_abbreviating_the_headline_s_company_names_it(stem_words: list[str], name: str,
                                                                   same: bool) -> None:
    """Regression (FHLB Des Moines): 'fhlb-des-moines' was stored as the company 'Fhlb Des Moines'; the headline's
    'Federal Home Loan Bank of Des Moines Announces ...' is its name, a name the file does not abbreviate is not."""
    assert _abbreviates(stem_words, name) is same


_NOTE = ("| Fiscal Year ended | June 1, 2019 | June 2, 2018 |\n|---|---|---|\n| Net income | 54,229 | 125,932 |\n\n"
         + "The table shows our results. " * 15)


@pytest.mark.parametrize("text", [
    _NOTE + "Net income fell in fiscal 2019 from fiscal 2018, as egg prices fell.",
    _NOTE + "Net income fell from fiscal 2018 as egg prices fell in fiscal 2019.",
    _NOTE + "Net income fell from fiscal 2018 as egg prices fell.",  # a year ending in June is named by its end
    _NOTE + "The carryforwards expire in fiscal 2023.",  # never four years off
])
def test_a_year_named_by_the_year_it_ends_in_where_no_headline_says_otherwise(text: str) -> None:
    """Regression (TAT-QA annual-report notes): the first 'fiscal 2018' of the text, a comparison, set the year
    ending June 1, 2019 as FY2018, so "net income in 2019" read the year before's column."""
    meta = detect(text, "tatqa-x", [date(2019, 6, 1), date(2018, 6, 2)], True)
    assert meta.period == "FY2019" and meta.calendar.label_shift == 0


def test_a_headline_s_fiscal_year_keeps_its_own_naming() -> None:
    """A retailer's 'Fiscal 2024' ending February 1, 2025, stated in its headline: an outlook's 'fiscal 2025'
    further on does not rename it."""
    text = ("Acme Stores Reports Fiscal 2024 Results\nDALLAS, March 12, 2025 -- Acme Stores today reported results "
            "for fiscal 2024 ended February 1, 2025. " + "Sales were strong. " * 30
            + "For fiscal 2025 the company expects growth.")
    meta = detect(text, "acme_FY2024", [date(2025, 2, 1), date(2024, 2, 3)], True)
    assert meta.period == "FY2024" and meta.calendar.label_shift == -1
