from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.periods import CALENDAR, FiscalCalendar, Period, header_periods, period_label, quarter_end

P = Period
D = date

HEADERS = [
    # Kingsoft Cloud: seven dates under two groups, the group split found from the date order
    ("Three Months Ended | Six Months Ended | Jun 30, 2024 | Mar 31, 2025 | Jun 30, 2025 | Jun 30, 2025 | "
     "Jun 30, 2024 | Jun 30, 2025 | Jun 30, 2025",
     [P(D(2024, 6, 30), 3), P(D(2025, 3, 31), 3), P(D(2025, 6, 30), 3), P(D(2025, 6, 30), 3),
      P(D(2024, 6, 30), 6), P(D(2025, 6, 30), 6), P(D(2025, 6, 30), 6)]),
    # Microsoft, one cell per line: two groups, four bare years
    ("Three Months Ended June 30, Twelve Months Ended June 30, 2024 2023 2024 2023",
     [P(D(2024, 6, 30), 3), P(D(2023, 6, 30), 3), P(D(2024, 6, 30), 12), P(D(2023, 6, 30), 12)]),
    # Alphabet: years under a "Quarter Ended June 30," group
    ("Quarter Ended June 30, | | 2023 | 2024", [P(D(2023, 6, 30), 3), P(D(2024, 6, 30), 3)]),
    # Alphabet: a full date followed by a bare year, and year-to-date
    ("Quarter Ended June 30, 2024 | 2025 | Year To Date June 30, 2024 | 2025",
     [P(D(2024, 6, 30), 3), P(D(2025, 6, 30), 3), P(D(2024, 6, 30), 6), P(D(2025, 6, 30), 6)]),
    # Buckle: week counts in words
    ("Thirteen Weeks Ended | Thirty-Nine Weeks Ended | November 2, 2024 | October 28, 2023 | "
     "November 2, 2024 | October 28, 2023",
     [P(D(2024, 11, 2), 3), P(D(2023, 10, 28), 3), P(D(2024, 11, 2), 9), P(D(2023, 10, 28), 9)]),
    # NVIDIA: month-days on one row, years on the next
    ("Three Months Ended | April 27, | January 26, | April 28, | 2025 | 2025 | 2024",
     [P(D(2025, 4, 27), 3), P(D(2025, 1, 26), 3), P(D(2024, 4, 28), 3)]),
    # Peapack-Gladstone: no space after the comma
    ("For the Three Months Ended | June 30,2025 | March 31,2025",
     [P(D(2025, 6, 30), 3), P(D(2025, 3, 31), 3)]),
    # Shell: quarter labels
    ("Quarters | Q1 2025 | Q4 2024 | Q1 2024",
     [P(D(2025, 3, 31), 3), P(D(2024, 12, 31), 3), P(D(2024, 3, 31), 3)]),
    ("13 Weeks Ended | January 28, | January 29, | 2023 | 2022", [P(D(2023, 1, 28), 3), P(D(2022, 1, 29), 3)]),
    ("52 Weeks Ended January 28, 2023 | January 29, 2022", [P(D(2023, 1, 28), 12), P(D(2022, 1, 29), 12)]),
    ("Nine Months Ended September 30, | 2024 | 2023", [P(D(2024, 9, 30), 9), P(D(2023, 9, 30), 9)]),
    # Outokumpu: bare years after quarter columns are the fiscal years that have ended
    ("Q4/24 | Q4/23 | Q3/24 | 2024 | 2023",
     [P(D(2024, 12, 31), 3), P(D(2023, 12, 31), 3), P(D(2024, 9, 30), 3), P(D(2024, 12, 31), 12),
      P(D(2023, 12, 31), 12)]),
    # Bank of America: four group headings over five years; only 'the year group spans two' gives five periods
    ("Summary Income Statement | Year Ended December 31 | Fourth Quarter | Third Quarter | Fourth Quarter | "
     "2024 | 2023 | 2024 | 2024 | 2023",
     [P(D(2024, 12, 31), 12), P(D(2023, 12, 31), 12), P(D(2024, 12, 31), 3), P(D(2024, 9, 30), 3),
      P(D(2023, 12, 31), 3)]),
    # ...and where two splits both fit, which group spans two the header does not say: no periods
    ("Fourth Quarter | Third Quarter | 2024 | 2023 | 2024", None),
    # ...but in a third-quarter header '2025' has not ended: no year is guessed
    ("Q3 2025 | Q3 2024 | 2025 | 2024", [P(D(2025, 9, 30), 3), P(D(2024, 9, 30), 3)]),
    # Assurant: twelve months of each year after the quarter columns
    ("4Q 2024 | 4Q 2023 | 12 Months 2024 | 12 Months 2023",
     [P(D(2024, 12, 31), 3), P(D(2023, 12, 31), 3), P(D(2024, 12, 31), 12), P(D(2023, 12, 31), 12)]),
    ("Q3 2025 | Q3 2024 | 12 Months 2025", [P(D(2025, 9, 30), 3), P(D(2024, 9, 30), 3)]),
    # Nabors, Vornado: two spans over three dates; only 'the quarter spans two dates' ends every year at the
    # fiscal year's end
    ("Three Months Ended | Year Ended || December 31, | September 30, | December 31, || (In thousands) | 2024 | 2023 "
     "| 2024 | 2024 | 2023",
     [P(D(2024, 12, 31), 3), P(D(2023, 12, 31), 3), P(D(2024, 9, 30), 3), P(D(2024, 12, 31), 12),
      P(D(2023, 12, 31), 12)]),
    ("Three Months Ended | Nine Months Ended || September 30, | June 30, | September 30, || 2024 | 2023 | 2024 | 2024 "
     "| 2023",
     [P(D(2024, 9, 30), 3), P(D(2023, 9, 30), 3), P(D(2024, 6, 30), 3), P(D(2024, 9, 30), 9),
      P(D(2023, 9, 30), 9)]),
    # ...and where no split ends every span where the calendar does, nothing is guessed
    ("Three Months Ended | Six Months Ended || September 30, | June 30, | September 30, || 2024 | 2023 | 2024 | 2024 "
     "| 2023", None),
    # PATRIZIA, Assurant: the months written short before the year
    ("Q3 2025 | Q3 2024 | 9M 2025 | 9M 2024",
     [P(D(2025, 9, 30), 3), P(D(2024, 9, 30), 3), P(D(2025, 9, 30), 9), P(D(2024, 9, 30), 9)]),
    ("4Q'24 | 4Q'23 | 12M'24 | 12M'23",
     [P(D(2024, 12, 31), 3), P(D(2023, 12, 31), 3), P(D(2024, 12, 31), 12), P(D(2023, 12, 31), 12)]),
]


@pytest.mark.parametrize(("header", "expected"), HEADERS)
def test_header_periods(header: str, expected: list[Period]) -> None:
    assert header_periods(header) == expected


def test_balance_sheet_header_is_point_in_time() -> None:
    assert header_periods("Dec 31, 2024 | Jun 30, 2025", point_in_time=True) == [
        P(D(2024, 12, 31), 0), P(D(2025, 6, 30), 0)]


def test_header_without_span_is_not_guessed() -> None:
    assert header_periods("Dec 31, 2024 | Jun 30, 2025") is None
    assert header_periods("Revenue by segment") is None


def test_fiscal_quarter_labels_use_the_company_calendar() -> None:
    nvidia = FiscalCalendar(fy_end_month=1, label_shift=0)
    assert header_periods("Q1 FY26 | Q4 FY25", cal=nvidia) == [P(D(2025, 4, 30), 3), P(D(2025, 1, 31), 3)]


LABELS = [
    (P(D(2025, 6, 30), 3), CALENDAR, "Q2 2025"),
    (P(D(2025, 6, 30), 6), CALENDAR, "H1 2025"),
    (P(D(2024, 12, 31), 12), CALENDAR, "FY2024"),
    (P(D(2025, 6, 30), 0), CALENDAR, "Jun 30, 2025"),
    (P(D(2023, 1, 1), 3), CALENDAR, "Q4 2022"),  # J&J's 52/53-week quarter ends on Jan 1
    (P(D(2025, 4, 27), 3), FiscalCalendar(1, 0), "Q1 FY2026"),  # NVIDIA
    (P(D(2024, 11, 2), 3), FiscalCalendar(1, -1), "Q3 FY2024"),  # Buckle
    (P(D(2024, 11, 2), 9), FiscalCalendar(1, -1), "9M FY2024"),
    (P(D(2024, 6, 30), 3), FiscalCalendar(6, 0), "Q4 FY2024"),  # Microsoft
    (P(D(2024, 6, 30), 12), FiscalCalendar(6, 0), "FY2024"),
    (P(D(2024, 4, 28), 3), FiscalCalendar(10, 0), "Q2 FY2024"),  # Applied Materials
]


@pytest.mark.parametrize(("period", "cal", "label"), LABELS)
def test_period_labels(period: Period, cal: FiscalCalendar, label: str) -> None:
    assert period_label(period, cal) == label


@given(st.integers(min_value=1, max_value=4), st.integers(min_value=2000, max_value=2040),
       st.integers(min_value=1, max_value=12), st.integers(min_value=-1, max_value=0))
def test_quarter_end_round_trips_to_its_label(q: int, fy: int, fy_end_month: int, shift: int) -> None:
    cal = FiscalCalendar(fy_end_month, shift)
    end = quarter_end(q, fy, cal)
    year = str(fy) if cal.is_calendar else f"FY{fy}"
    assert period_label(Period(end, 3), cal) == f"Q{q} {year}"


def test_weeks_over_numeric_dates_are_dated_by_the_dates() -> None:
    """Regression: PepsiCo's '12 Weeks Ended 3/25/2023 3/19/2022' was once dated December 31."""
    assert header_periods("12 Weeks Ended | 3/25/2023 3/19/2022") == [P(D(2023, 3, 25), 3), P(D(2022, 3, 19), 3)]


def test_span_over_bare_years_without_a_date_is_not_guessed() -> None:
    assert header_periods("12 Weeks Ended | 2023 2022") is None
    assert header_periods("FIRST QUARTER | 2023 2022") == [P(D(2023, 3, 31), 3), P(D(2022, 3, 31), 3)]
    assert header_periods("Year Ended | 2022 2021") == [P(D(2022, 12, 31), 12), P(D(2021, 12, 31), 12)]


def test_trailing_twelve_month_column_is_twelve_months() -> None:
    """Regression: Alphabet's 'TTM Q1 2025' free-cash-flow column was stored as a quarter."""
    assert header_periods("| Q4 2024 | Q1 2025 | TTM Q1 2025 |") == [
        P(D(2024, 12, 31), 3), P(D(2025, 3, 31), 3), P(D(2025, 3, 31), 12)]


def test_comparison_base_year_is_not_a_column() -> None:
    """Regression: J&J's growth table headed 'SECOND QUARTER 2023 / ACTUAL vs. 2022' has segment columns;
    2022 was read as a second period column."""
    assert header_periods("SECOND QUARTER 2023 | ACTUAL vs. 2022") == [P(D(2023, 6, 30), 3)]


def test_bare_year_columns_are_fiscal_years_only_when_the_document_says_so() -> None:
    from datetime import date

    from index.periods import FiscalCalendar, Period, header_periods

    assert header_periods(" | 2019 | 2018") is None  # a release's bare years may be anything (an outlook)
    assert header_periods(" | 2019 | 2018", bare_years=True) == [Period(date(2019, 12, 31), 12),
                                                               Period(date(2018, 12, 31), 12)]
    assert header_periods(" | 2019 | 2018", bare_years=True, point_in_time=True,
                          cal=FiscalCalendar(9)) == [Period(date(2019, 9, 30), 0), Period(date(2018, 9, 30), 0)]


from index.periods import HEADER_RULES, normalise_header  # noqa: E402


@pytest.mark.parametrize(("rule", "header", "expected"),
                         [(r.name, h, e) for r in HEADER_RULES for h, e in r.examples])
def test_header_rules_give_their_examples(rule: str, header: str, expected: str) -> None:
    got = " ".join(f"{p.end}/{p.months}" for p in header_periods(header) or [])
    assert got == expected, rule


@pytest.mark.parametrize("header", [h for r in HEADER_RULES for h in r.not_examples])
def test_header_rules_leave_their_counter_examples(header: str) -> None:
    """'Q1 FY2026' is a fiscal quarter, not a fiscal year; '1st Quarter' names no day."""
    assert normalise_header(header) == header


def test_each_date_heads_its_own_run_of_falling_years() -> None:
    """Regression (Himax): 'Three Months Ended December 31, | 3 Months Ended September 30,' over '2024 | 2023 |
    2024' dated all three columns September 30, so the Q4 2023 column was stored as Q3 2023."""
    assert header_periods("Three Months Ended December 31, | 3 Months Ended September 30, | 2024 | 2023 | 2024") == [
        Period(date(2024, 12, 31), 3), Period(date(2023, 12, 31), 3), Period(date(2024, 9, 30), 3)]
    # years that fall into more runs than there are dates are not guessed
    assert header_periods("Three Months Ended December 31, | 3 Months Ended September 30, | 2024 | 2025 | 2026") is None


@pytest.mark.parametrize(("heading", "months"), [
    ("1 October - 31 December 2024", 3),  # Readly's bullets under the quarter's dates
    ("January-December 2024", 12),
    ("Fourth quarter 2024", 3),
    ("Q4 2024", 3),
    ("Full Year 2024 Highlights", 12),
    ("Summary for the three months ended December 31, 2024", 3),
    # none, two, or another period's span: the sentences must say it themselves
    ("Highlights", None),
    ("Fourth quarter and full year 2024", None),
    ("Third quarter 2024", None),
    ("Full year 2023", None),
    ("1 July - 30 September 2024", None),
])
def test_the_span_a_heading_names_for_a_release_ending_in_december(heading: str, months: int | None) -> None:
    from index.periods import heading_span

    assert heading_span(heading, date(2024, 12, 31)) == months


def test_year_to_date_span_over_bare_years_is_dated_by_the_release_quarter() -> None:
    """Regression: J&J's 'SIX MONTHS | 2023 2022' (the 'ended July 2' lost in the PDF) gave no periods; in a
    second-quarter release the six months end where the second quarter ends. A span that is not the release's
    year to date ('NINE MONTHS' in a second-quarter release) is still not guessed."""
    assert header_periods("SIX MONTHS | 2023 2022", release_quarter=2) == [
        Period(date(2023, 6, 30), 6), Period(date(2022, 6, 30), 6)]
    assert header_periods("SIX MONTHS | 2023 2022") is None
    assert header_periods("NINE MONTHS | 2023 2022", release_quarter=2) is None


def test_a_span_read_over_two_groups_of_years_is_not_guessed() -> None:
    """Regression: Pfizer's 'Second-Quarter Six Months' over '2023 2022 2023 2022' (the first span not read) gave
    four six-month columns of two periods."""
    assert header_periods("Six Months | 2023 2022 2023 2022", release_quarter=2) is None


def test_a_hyphened_ordinal_quarter_is_a_quarter() -> None:
    """Regression: Pfizer's '($ in millions) Second-Quarter Six Months' over '2023 2022 2023 2022' read no span
    for its first two columns."""
    assert header_periods("($ in millions) Second-Quarter Six Months | Change % Change 2023 2022 2023 2022",
                          release_quarter=2) == [P(D(2023, 6, 30), 3), P(D(2022, 6, 30), 3), P(D(2023, 6, 30), 6),
                                                 P(D(2022, 6, 30), 6)]


def test_as_of_over_bare_years_of_an_annual_report_is_the_year_end_balances() -> None:
    """Regression (TAT-QA): 'As of | 2019 | 2018' over a balance sheet gave no periods. Counter-example: in a
    document that does not read bare years as fiscal years, it is still not guessed."""
    cal = FiscalCalendar(3, 0)
    assert header_periods("As of | 2019 | 2018", bare_years=True, cal=cal) == [P(D(2019, 3, 31), 0),
                                                                              P(D(2018, 3, 31), 0)]
    assert header_periods("As of | 2019 | 2018") is None


@pytest.mark.parametrize(("header", "months"), [
    ("LTM Ended June 30, 2023 | LTM Ended June 30, 2022", 12),
    ("TTM ended March 31, 2025", 12),
])
def test_last_twelve_months_columns_span_a_year(header: str, months: int) -> None:
    """Regression (Dolphin Cove): 'LTM Ended June 30, 2023' beside six- and three-month columns was no span, and the
    whole highlights table was refused."""
    assert {p.months for p in header_periods(header)} == {months}


@pytest.mark.parametrize(("day", "before"), [
    (date(2024, 12, 31), date(2024, 9, 30)), (date(2025, 3, 31), date(2024, 12, 31)),
    (date(2025, 2, 28), date(2024, 11, 30)), (date(2024, 5, 15), date(2024, 2, 15)),
    (date(2025, 5, 30), date(2025, 2, 28))])
def test_quarter_before_keeps_month_ends(day: date, before: date) -> None:
    from index.periods import quarter_before

    assert quarter_before(day) == before


def test_span_groups_start_where_the_latest_day_is_printed_again() -> None:
    """Regression (Mahindra's standalone results): 'Quarter Ended | Year Ended' over '31st Mar 2024 | 31st Mar 2023 |
    31st Dec 2023 | 31st Mar 2024 | 31st Mar 2023' (the quarter before printed after the year before's) was refused:
    the dates fall and rise within the quarter's group. Each group starts with the latest day."""
    from index.periods import FiscalCalendar, Period, groups_from_latest, header_periods

    header = ("Particulars | Quarter Ended | Year Ended | 31st Mar 2024 | 31st Mar 2023 | 31st Dec 2023 | "
              "31st Mar 2024 | 31st Mar 2023")
    periods = header_periods(header, cal=FiscalCalendar(3, 0), release_quarter=4)
    assert periods == [Period(date(2024, 3, 31), 3), Period(date(2023, 3, 31), 3), Period(date(2023, 12, 31), 3),
                       Period(date(2024, 3, 31), 12), Period(date(2023, 3, 31), 12)]
    assert groups_from_latest([date(2023, 3, 31), date(2024, 3, 31)]) == []  # the latest day is not first
