import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.text_tables import (
    ENDS_IN_WORDS_EXAMPLES,
    ENUMERATOR_EXAMPLES,
    FIGURE_IN_WORDS_EXAMPLES,
    FLATTENED_HEADER_EXAMPLES,
    KEY_FIGURE_EXAMPLES,
    SERIAL_EXAMPLES,
    SHARE_CAPTION,
    SHARE_CAPTION_EXAMPLES,
    UNWRAP_EXAMPLES,
    clean_label,
    ends_in_words,
    figure_inside_words,
    find_tables,
    flattened_pieces,
    is_header_text,
    is_key_figure,
    split_segments,
    unwrap_labels,
    without_serial,
)

SEGMENTS = [
    # Golden Matrix: numbers glued to labels and to each other
    ("Gross profit24,377,01921,685,542 48,572,98039,377,472",
     [("Gross profit", ["24,377,019", "21,685,542", "48,572,980", "39,377,472"])]),
    ("Income (loss) from operations(2,304,850)125,112 (2,410,867)3,819,233",
     [("Income (loss) from operations", ["(2,304,850)", "125,112", "(2,410,867)", "3,819,233"])]),
    ("Basic $ (0.03) $ -$ (0.03) $ 0.04", [("Basic", ["$ (0.03)", "-", "$ (0.03)", "$ 0.04"])]),
    ("Restructuring costs- 546,986 149,934593,349", [("Restructuring costs", ["-", "546,986", "149,934",
                                                                            "593,349"])]),
    # Kingsoft Cloud: bold totals
    ("Total current liabilities **9,159,435** **10,816,556** **1,509,933**",
     [("Total current liabilities", ["9,159,435", "10,816,556", "1,509,933"])]),
    # a dash between words is not a zero
    ("Accounts payable - related parties 440,720 19,655",
     [("Accounts payable - related parties", ["440,720", "19,655"])]),
    # numbers that belong to the label
    ("13 Weeks Ended", [("13 Weeks Ended", [])]),
    ("COVID-19 impact Q2 2,345 1,234", [("COVID-19 impact Q2", ["2,345", "1,234"])]),
    ("Net sales $ 3,226,773 100.0% $ 2,729,388 100.0%",
     [("Net sales", ["$ 3,226,773", "100.0%", "$ 2,729,388", "100.0%"])]),
    # ASE, GraceKennedy: a dollar's country letters belong to the figure, not the label
    ("Basic NT$2.15 NT$2.25", [("Basic", ["NT$2.15", "NT$2.25"])]),
    ("Earnings per stock unit J$3.73 J$(0.10)", [("Earnings per stock unit", ["J$3.73", "J$(0.10)"])]),
]


@pytest.mark.parametrize(("line", "expected"), SEGMENTS)
def test_split_segments(line: str, expected: list) -> None:
    assert [(lbl, vals) for lbl, vals in split_segments(line) if vals or lbl] == expected


def test_one_value_per_line_rows_are_reassembled() -> None:
    lines = ["INCOME STATEMENTS", "(In millions)", "Three Months Ended", "June 30,", "2024", "2023",
             "Revenue:", "Product", "$13,217", "$16,853", "Service and other", "51,510", "39,336"]
    tables, _ = find_tables(lines)
    assert len(tables) == 1
    rows = [(r.label, r.values, r.section) for r in tables[0].rows]
    assert rows == [("Product", ("$13,217", "$16,853"), "Revenue"),
                    ("Service and other", ("51,510", "39,336"), "Revenue")]


def test_total_with_values_on_the_next_line() -> None:
    lines = ["\tDec 31, 2024\tJun 30, 2025", "\tRMB\tRMB", "Accounts payable\t1,877,004\t2,195,478",
             "Total liabilities", "", "12,087,334 **17,770,121**"]
    tables, _ = find_tables(lines)
    assert [(r.label, r.values) for r in tables[0].rows] == [
        ("Accounts payable", ("1,877,004", "2,195,478")), ("Total liabilities", ("12,087,334", "17,770,121"))]


def test_prose_is_not_a_table() -> None:
    lines = ["Net sales increased 18.2% to $3.2 billion compared to $2.7 billion in the fourth quarter",
             "of fiscal 2021, primarily due to higher comparable sales."]
    tables, prose = find_tables(lines)
    assert tables == []
    assert len(prose) == 2


def test_a_short_bullet_sentence_with_figures_is_prose() -> None:
    """Regression (Readly): '* Earnings per share were SEK 0.3 (0.1) before and after dilution.' between the
    highlights' bullets was neither a sentence nor a row, and its figures were lost; a row ending in a full stop
    after a figure stays a row."""
    tables, prose = find_tables(["* Earnings per share were SEK 0.3 (0.1) before and after dilution."])
    assert tables == [] and len(prose) == 1
    tables, prose = find_tables(["\t2024\t2023", "Basic earnings per share (in dollars) 1.23 1.11.",
                                 "Diluted earnings per share (in dollars) 1.20 1.10"])
    assert len(tables[0].rows) == 2 and not prose


@pytest.mark.parametrize("heading", ["Pharmaceutical (1)", "Pharmaceutical excluding COVID-19 Vaccine (1,3)",
                                     "MedTech (2)"])
def test_headings_with_footnote_marks_stay_headings(heading: str) -> None:
    """Regression: J&J's segment headings ended in '(1)' / '(1,3)' and were read as rows of -1 / 1, 3, so the
    'U.S.' and 'International' rows under them lost their segment."""
    lines = ["\tDec 31, 2024\tJun 30, 2025", heading, "U.S. 7,375 7,418", "International 5,788 6,799"]
    tables, _ = find_tables(lines)
    assert [(r.section, r.label) for r in tables[0].rows] == [(heading, "U.S."), (heading, "International")]


def test_a_footnote_under_a_statement_heads_the_rows_it_lists() -> None:
    """Regression: eBay's '(1) Includes stock-based compensation as follows:' was a row of value '(1)', so the
    stock-based compensation rows below it stood under 'Weighted average shares:' (as share counts, then as a
    second 'Cost of net revenues' of $15 million)."""
    lines = ["\tSep 30, 2025\tSep 30, 2024", "Weighted average shares:", "Basic 456 487",
             "(1) Includes stock-based compensation as follows:", "Cost of net revenues $ 15 $ 13"]
    tables, _ = find_tables(lines)
    assert [(r.section, r.label) for r in tables[0].rows] == [
        ("Weighted average shares", "Basic"),
        ("(1) Includes stock-based compensation as follows:", "Cost of net revenues")]


@pytest.mark.parametrize(("lines", "mended"), [
    (["Loss from operations", "", "(1,687,534", "", ")", "", "(389,416", ")"],
     ["Loss from operations", "", "(1,687,534)", "", "", "", "(389,416)", ""]),
    (["Net loss (", ")"], ["Net loss (", ")"]),  # no number before the bracket: left alone
    (["(12.5", ") %"], ["(12.5) %", ""]),
    (["1,234", ")"], ["1,234", ")"]),  # nothing open
])
def test_a_closing_parenthesis_on_its_own_line_goes_back_to_its_number(lines: list[str],
                                                                       mended: list[str]) -> None:
    from index.text_tables import mend_split_parentheses

    assert mend_split_parentheses(lines) == mended


@pytest.mark.parametrize(("line", "segments"), [
    ("Shares used in calculation (000's)", [("Shares used in calculation (000's)", [])]),
    ("US$'000 1,234", [("US$'000", ["1,234"])]),
    ("Total (1,000) (2,000)", [("Total", ["(1,000)", "(2,000)"])]),  # a negative thousand is a figure
])
def test_the_thousands_unit_of_a_heading_is_no_figure(line: str, segments: list) -> None:
    assert split_segments(line) == segments


@pytest.mark.parametrize(("line", "segments"), [
    ("Non-GAAP-based operating income (1) $431.6 $334.6",
     [("Non-GAAP-based operating income (1)", ["$431.6", "$334.6"])]),
    ("Non-GAAP-based EPS, diluted (1)(2) $0.94 $0.73", [("Non-GAAP-based EPS, diluted (1)(2)", ["$0.94", "$0.73"])]),
    ("Other income (1) 5", [("Other income", ["(1)", "5"])]),  # no signed amount after it: -1 is a figure
])
def test_a_footnote_mark_before_signed_amounts_is_part_of_the_label(line: str, segments: list) -> None:
    assert split_segments(line) == segments


@pytest.mark.parametrize(("rows", "expected"), UNWRAP_EXAMPLES)
def test_a_label_wrapped_onto_two_lines_is_one_label(rows: list, expected: list) -> None:
    """Regression (OpenText PDFs): 'Amortization of acquired technology-based intangible' / 'assets 48,220' gave a
    row 'assets' under a heading; '... / Non-GAAP-' / 'based income from operations' gave a heading 'based income
    from operations' over the next rows. A heading over its rows stays a heading."""
    got = [(label, vals) for label, vals, _ in unwrap_labels([(lab, v, i) for i, (lab, v) in enumerate(rows)])]
    assert got == expected


@pytest.mark.parametrize(("label", "clean"), [
    ("$ % Subscription revenue", "Subscription revenue"),  # Paltalk: the change columns' '$ %' glued in front
    ("% EBITDA margin", "EBITDA margin"),
    ("5% Notes due 2030", "5% Notes due 2030"),
    ("$ in millions", "$ in millions"),
    ("Sales growth (organic and acquisitions): +", "Sales growth (organic and acquisitions)"),  # Legrand: '+3.9%'
    (", EBITDA(1) +", "EBITDA(1)"),  # Recordati: 'REVENUE +12.4%, EBITDA(1) +12.5%' on one line
    ("\uf0b7 Net revenues", "Net revenues"),  # Capgemini: a Symbol font's bullet
    ("Cash, cash equivalents and", "Cash, cash equivalents and"),
])
def test_column_signs_glued_in_front_of_a_label_are_no_part_of_it(label: str, clean: str) -> None:
    from index.text_tables import clean_label

    assert clean_label(label) == clean


@pytest.mark.parametrize(("line", "mended"), [
    ("Dec 312024", "Dec 31, 2024"),  # Peapack-Gladstone: five quarter columns lost their header to it
    ("Sept 30,2025", "Sept 30, 2025"),
    ("As ofJune 30, 2025", "As of June 30, 2025"),
    ("Dec 2024", "Dec 2024"),  # a month and its year: nothing glued
    ("December 31, 2024", "December 31, 2024"),
])
def test_dates_glued_in_a_scrape_are_mended(line: str, mended: str) -> None:
    from index.text_tables import deglue

    assert deglue(line) == mended


@given(st.text(alphabet="aZ9 \n$(,.é", max_size=12), st.integers(min_value=0, max_value=12))
def test_glued_looks_at_the_characters_before_as_the_line_regex_did(text: str, start: int) -> None:
    """_glued replaced a search of the whole line before each value (quadratic: a 200,000-character file of two
    long lines took 13 s to load); it must say what that search said."""
    import re

    from index.text_tables import _glued

    start = min(start, len(text))
    assert _glued(text, start) == bool(re.search(r"[A-Za-z0-9]$", text[:start]))


_HEAD = ["Supplementary Sales Data", "(Dollars in Millions) SECOND QUARTER", "2023 2022"]


@pytest.mark.parametrize(("lines", "expected"), [
    # J&J: a segment's total printed with no label closes the segment; what follows belongs to no heading
    (_HEAD + ["Consumer Health", "U.S. $ 1,787 1,687", "International 2,224 2,118", "4,011 3,805",
              "MedTech (1)", "U.S. 3,839 3,351", "International 3,949 3,547", "7,788 6,898",
              "U.S. 13,444 12,197", "Worldwide 25,530 24,020"],
     [("U.S.", "Consumer Health"), ("International", "Consumer Health"), ("Consumer Health", ""),
      ("U.S.", "MedTech (1)"), ("International", "MedTech (1)"), ("MedTech (1)", ""), ("U.S.", ""),
      ("Worldwide", "")]),
    # ... and under the heading above the segments, when there is one
    (_HEAD + ["Sales by segment", "Consumer Health", "U.S. $ 1,787 1,687", "International 2,224 2,118",
              "4,011 3,805", "MedTech (1)", "U.S. 3,839 3,351", "International 3,949 3,547", "7,788 6,898",
              "Worldwide 25,530 24,020"],
     [("U.S.", "Consumer Health"), ("International", "Consumer Health"), ("Consumer Health", "Sales by segment"),
      ("U.S.", "MedTech (1)"), ("International", "MedTech (1)"), ("MedTech (1)", "Sales by segment"),
      ("Worldwide", "")]),
    # counter-example: a block that prints its own total ('Total other assets'); the row with no label after it
    # is a larger total (total assets), not 'Other assets'
    (_HEAD + ["Other assets", "Goodwill 5,029 3,481", "Other long-term assets 1,029 490",
              "Total other assets 6,058 3,971", "$ 45,692 $ 40,899"],
     [("Goodwill", "Other assets"), ("Other long-term assets", "Other assets"),
      ("Total other assets", "Other assets"), ("", "Other assets")]),
    # counter-example: figures that do not add up to the row with no label (456 + 467 is not 900)
    (_HEAD + ["Weighted average shares:", "Basic 456 487", "Diluted 467 494", "900 981"],
     [("Basic", "Weighted average shares"), ("Diluted", "Weighted average shares"),
      ("", "Weighted average shares")]),
    # counter-example: a caption is no name for a total (it is the table's caption, no heading of its rows)
    (_HEAD + ["(In thousands)", "Equity in earnings 1,000 2,000", "Other 500 600", "1,500 2,600"],
     [("Equity in earnings", ""), ("Other", ""), ("", "")]),
])
def test_a_row_with_no_label_that_adds_up_its_heading_is_the_headings_total(lines: list[str],
                                                                           expected: list) -> None:
    """Regression: J&J's segment sales print each segment's total with no label; those rows were dropped, and
    the company's own 'U.S.' and 'Worldwide' rows after them were filed under 'MedTech'."""
    tables, _ = find_tables(lines)
    assert [(r.label, r.section) for t in tables for r in t.rows] == expected


def test_a_line_naming_a_columns_unit_is_no_heading() -> None:
    """Regression: XP Power's highlights print 'bps' under the change column between rows; it became the
    section of the adjusted rows below, and 'Operating profit' lost its 'Adjusted results' heading."""
    lines = ["Six months ended 30", "(£m unless otherwise stated) 2025 2024", "Adjusted results",
             "Gross margin 41.4% 40.6% 80", "bps", "Operating profit 4.8 13.5 (64)%"]
    tables, _ = find_tables(lines)
    assert [(r.label, r.section) for t in tables for r in t.rows] == [
        ("Gross margin", "Adjusted results"), ("Operating profit", "Adjusted results")]


@pytest.mark.parametrize(("line", "inside"), FIGURE_IN_WORDS_EXAMPLES)
def test_a_figure_inside_a_wrapped_label_is_no_value(line: str, inside: bool) -> None:
    assert figure_inside_words(split_segments(line)) is inside


@pytest.mark.parametrize(("line", "heading"), [
    ("March 31, 2024 June 30, 2023", True), ("Three Months Ended March 31,", True),
    ("March 31, 2024 and $13,828 as of June 30, 2023", False),
    ("June 30, 2023, respectively)", False),
    ("o Book to Bill above 1.0x for the first time since H2 2022", False),  # a bullet is no heading
    ("• Revenue up 12% on the fourth quarter of 2024", False),
])
def test_a_wrapped_label_with_an_amount_is_no_period_heading(line: str, heading: bool) -> None:
    assert is_header_text(line) is heading


def test_a_balance_sheet_label_wrapped_around_its_dates_keeps_the_table_whole() -> None:
    lines = ["March 31, 2024 June 30, 2023", "Cash and cash equivalents $ 1,125,323 $ 1,231,625",
             "Accounts receivable trade, net of allowance for credit losses of $11,390 as of",
             "654,190 682,517", "March 31, 2024 and $13,828 as of June 30, 2023",
             "Contract assets 66,124 71,196", "Total current assets 4,192,328 2,275,231"]
    tables, _ = find_tables(lines)
    assert len(tables) == 1
    rows = {r.label: r.values for r in tables[0].rows}
    assert rows["Accounts receivable trade, net of allowance for credit losses of $11,390 as of March 31, 2024 and "
                "$13,828 as of June 30, 2023"] == ("654,190", "682,517")
    assert rows["Total current assets"] == ("4,192,328", "2,275,231")


def test_rule_lines_under_columns_are_no_rows() -> None:
    """Regression: Molson Coors' '--------------   ---------' rules were read as rows labelled '-------' whose
    dashes became zeros."""
    lines = ["December 31, 2024 December 31, 2023", "--------------  ----------------",
             "Cash and cash equivalents $ 969.3 $ 868.9", "Inventories, net 727.8 802.3", "---------       ---------",
             "Total current assets 2,848.4 2,848.5", "======== ========"]
    tables, _ = find_tables(lines)
    labels = [r.label for t in tables for r in t.rows]
    assert labels == ["Cash and cash equivalents", "Inventories, net", "Total current assets"]


def test_guidance_bullets_stay_guidance_after_a_dated_bullet() -> None:
    """Regression (Nabors): '* Alaska and Gulf of Mexico combined adjusted EBITDA approximately in line with the
    fourth quarter of 2024' read as a period heading started a new run of rows, and the guidance below it ('Average
    rig count of 85-86 rigs') was stored as fourth-quarter results. A statement after it is no guidance."""
    from index.tables import is_outlook

    # (the bullet marks lost, as a PDF's text gives them; a bullet is a sentence anyway)
    lines = ["Outlook", "Nabors expects the following metrics for the first quarter of 2025:", "U.S. Drilling",
             "Lower 48 average rig count of approximately 61 rigs",
             "Lower 48 daily adjusted gross margin of approximately $14,800",
             "Alaska and Gulf of Mexico combined adjusted EBITDA approximately in line with the fourth quarter of "
             "2024", "International", "Average rig count of 85-86 rigs",
             "Daily adjusted gross margin of approximately $17,000"]
    tables, _ = find_tables(lines)
    assert tables and all(is_outlook(t) for t in tables)
    statement = ["Consolidated Statements of Income", "Three Months Ended December 31, 2024 2023",
                 "Revenue 1,200 1,100", "Net income 120 110"]
    tables, _ = find_tables(lines + statement)
    assert not is_outlook(tables[-1])


def test_a_double_dash_inside_a_label_is_no_nil_figure() -> None:
    """Regression (GE HealthCare): 'Interest and other financial charges --' over ' net   121   131' and 'Other
    (income) expense -- net (55) (86)' were read as a row of '-' and a row named 'net'."""
    lines = ["Three months ended December 31, 2024 2023", "Operating income 801 689",
             "Interest and other financial charges --", " net 121 131",
             "Other (income) expense -- net (55) (86)", "Research and development -- 3"]
    [table] = find_tables(lines)[0]
    rows = {r.label: r.values for r in table.rows}
    assert rows["Interest and other financial charges -- net"] == ("121", "131")
    assert rows["Other (income) expense -- net"] == ("(55)", "(86)")
    assert rows["Research and development"] == ("-", "3")  # a nil figure before a number stays one
    # figures before their label (Shell): '--' before a capitalised label is a nil figure
    assert split_segments("-- -- 3 Corporate") == [("", ["-", "-", "3"]), ("Corporate", [])]


def test_bullets_are_sentences_not_rows() -> None:
    """Regression (XP Power): 'o Book to Bill above 1.0x for the first time since H2 2022' headed a table of the
    bullets below it, and '13%', '80 bps', '£2.3m' were stored as H2 2022 figures."""
    lines = ["Financial Highlights", "• Revenue of £110.9m:", "o 13% lower than the prior period",
             "o Book to Bill above 1.0x for the first time since H2 2022", "• Adjusted Gross Margin of 41.4%:",
             "o 80 bps higher than the prior period"]
    assert find_tables(lines)[0] == []
    # a bullet that runs on into a flattened table (Cresud) is read as one
    from index.text_tables import is_list_item

    assert not is_list_item("* On November 2024, we distributed a dividend. Financial Highlights 6M FY 2025 ended "
                            "December 31, 2024 Revenue 238,715 225,523 Gross Profit 22,726 57,588 Urban Properties "
                            "Revenues 170,141 183,583")
    assert is_list_item("o Book to Bill above 1.0x for the first time since H2 2022")


@pytest.mark.parametrize(("line", "pieces"), FLATTENED_HEADER_EXAMPLES)
def test_a_flattened_table_is_cut_at_its_column_dates(line: str, pieces: list[str]) -> None:
    assert flattened_pieces(line) == pieces


def test_a_flattened_balance_sheet_reads_under_its_dates() -> None:
    """Regression: CMUV Bancorp's summary run into one line ('BALANCE SHEET December 31, 2024 December 31, 2023
    ASSETSCash ...') gave a header of three cells over two columns, so none of its figures were read."""
    line = ("Financial SummaryFor Quarter Ending December 31, 2024BALANCE SHEET December 31, 2024 December 31, 2023 "
            "ASSETSCash & Cash Equivalents $ 28,472,322 $ 45,198,375 Total Investments 7,191,513 7,426,100 Gross "
            "Loans 262,932,710 231,924,633")
    tables, _ = find_tables([line])
    assert [t.header for t in tables] == [("December 31 2024", "December 31 2023")]
    assert tables[0].title.endswith("BALANCE SHEET")
    assert [r.label for r in tables[0].rows] == ["ASSETSCash & Cash Equivalents", "Total Investments", "Gross Loans"]


def test_a_flattened_table_s_dated_title_heads_no_column() -> None:
    """Regression guard (CMUV Bancorp): 'For Quarter Ending December 31, 2024 BALANCE SHEET' before 'December 31,
    2024 December 31, 2023' was read as one more header line (three headings over two columns, so none of the
    figures were read) wherever the title's date stood apart from the next word; the words before the column dates
    are the title, whatever date they name."""
    line = ("Financial Summary For Quarter Ending December 31, 2024 BALANCE SHEET December 31, 2024 December 31, 2023 "
            "ASSETS Cash & Cash Equivalents $ 28,472,322 $ 45,198,375 Total Investments 7,191,513 7,426,100 Gross "
            "Loans 262,932,710 231,924,633")
    [table], _ = find_tables([line])
    assert table.title.endswith("BALANCE SHEET") and table.header == ("December 31 2024", "December 31 2023")


@pytest.mark.parametrize(("line", "reads"), SERIAL_EXAMPLES)
def test_a_serial_number_and_a_formula_are_no_figures(line: str, reads: str) -> None:
    assert without_serial(line) == reads


@pytest.mark.parametrize(("label", "clean"), ENUMERATOR_EXAMPLES)
def test_a_list_enumerator_is_no_part_of_a_label(label: str, clean: str) -> None:
    assert clean_label(label) == clean


def test_a_short_year_after_fy_or_a_quarter_is_no_figure() -> None:
    """Regression (Larsen & Toubro): "Q1 FY'24 ... Q1 FY'25 % Var" split into rows of value 24 and 25 %."""
    assert split_segments("Q1 FY'24 Key Parameters (in crore) Q1 FY'25 % Var") == [
        ("Q1 FY'24 Key Parameters (in crore) Q1 FY'25 % Var", [])]


def test_the_year_before_printed_left_of_the_label_is_the_rows_first_figure() -> None:
    """Regression (Larsen & Toubro): '47,882 Revenue from operations 55,120 15%' under "Q1 FY'24 | Key Parameters |
    Q1 FY'25 | % Var" gave a row of no name and one of two figures."""
    tables, _ = find_tables(["Q1 FY'24 Key Parameters (in crore) Q1 FY'25 % Var",
                             "47,882 Revenue from operations 55,120 15%", "4,869 EBITDA 5,615 15%"])
    assert [(r.label, r.values) for r in tables[0].rows] == [
        ("Revenue from operations", ("47,882", "55,120", "15%")), ("EBITDA", ("4,869", "5,615", "15%"))]


def test_a_scale_caption_under_the_dates_is_the_table_s_caption() -> None:
    """Regression (eBay): '(In millions)' printed under 'March 31, December 31, / 2023 2022' became a heading row and
    was lost, so the balance sheet's scale was guessed from other figures and its cash read as $2,082 billion; the
    caption wrapped over two lines ('(In millions, except per share' / 'amounts)') headed the rows as 'amounts)'."""
    tables, _ = find_tables(["Unaudited Condensed Consolidated Balance Sheet", "March 31, December 31,", "2023 2022",
                             "(In millions)", "ASSETS", "Cash and cash equivalents $ 2,082 $ 2,154",
                             "Short-term investments 1,922 2,625"])
    assert tables[0].title.endswith("(In millions)") and tables[0].rows[0].label == "Cash and cash equivalents"
    tables, _ = find_tables(["Unaudited Condensed Consolidated Statement of Income", "Three Months Ended",
                             "March 31,", "2023 2022", "(In millions, except per share", "amounts)",
                             "Net revenues $ 2,510 $ 2,483", "Cost of net revenues 700 689"])
    assert tables[0].title.endswith("(In millions, except per share / amounts)")
    assert [r.section for r in tables[0].rows] == ["", ""]


def test_a_name_with_a_number_in_it_over_figures_one_per_line_is_one_label() -> None:
    """Regression (Microsoft): one cell per line, 'Dynamics 365' over '19%' / '1%' / '20%' became a row 'Dynamics'
    of 365 (USD 365 million once a scale reached the table), and 'Office 365' / 'Commercial' a row 'Office'."""
    tables, _ = find_tables(["Selected Product and Service Revenue", "Three Months Ended June 30, 2024",
                             "Percentage Change Y/Y", "Constant Currency Impact", "Microsoft Cloud", "21%", "1%",
                             "22%", "Office 365", "Commercial", "13%", "1%", "14%", "Dynamics 365", "19%", "1%", "20%"])
    assert [(r.label, r.values) for t in tables for r in t.rows] == [
        ("Microsoft Cloud", ("21%", "1%", "22%")), ("Office 365 Commercial", ("13%", "1%", "14%")),
        ("Dynamics 365", ("19%", "1%", "20%"))]


def test_markdown_list_items_without_full_stops_are_text() -> None:
    """Regression (Norsk Hydro, FHLB, PWO): a bulleted list whose items end without a full stop, blank lines around
    it, was neither a table nor text, and its figures and words were lost; in a PDF, whose layout wraps lines, a
    bullet line stays to be judged by its neighbours."""
    from index.text_tables import find_tables

    lines = ["Hydro’s adjusted EBITDA for the fourth quarter of 2024 was NOK 7,701 million.", "",
             "* Bauxite & Alumina record results, driven by alumina price increase",
             "* Proposed cash dividend of 50 percent of adjusted net income (NOK 2.25 per share)", ""]
    _, prose = find_tables(lines, list_items=True)
    assert [n for n, _ in prose] == [0, 2, 3]
    _, pdf = find_tables(lines)
    assert [n for n, _ in pdf] == [0]


@pytest.mark.parametrize(("line", "key"), KEY_FIGURE_EXAMPLES)
def test_a_key_figure_on_a_line_of_its_own_is_text(line: str, key: bool) -> None:
    """Regression (Freelancer): 'Cash & Equivalents: $23.2 million (+9.5% on 1H24)', a line of its own between blank
    lines, was read as a table of three rows ('million 9.5%', 'on 1') and its figure lost."""
    assert is_key_figure(line) == key
    if key:
        _, prose = find_tables(["", line, ""], list_items=True)
        assert [n for n, _ in prose] == [1]


@pytest.mark.parametrize(("line", "name"), ENDS_IN_WORDS_EXAMPLES)
def test_a_caption_whose_figures_come_below_is_a_name_of_a_name_s_length(line: str, name: bool) -> None:
    assert ends_in_words(line) is name


@pytest.mark.parametrize(("line", "caption"), SHARE_CAPTION_EXAMPLES)
def test_share_capital_captions_are_named_rows(line: str, caption: bool) -> None:
    assert bool(SHARE_CAPTION.search(line)) is caption


def test_a_share_capital_caption_one_cell_per_line_keeps_the_statement_going() -> None:
    """Regression (Royalty Management): the balance sheet printed one cell per line; 'Class A Common Stock: $0.0001
    par value; ... issued and outstanding as of the years ended December 31, 2024 and 2023' read as a sentence,
    the statement broke there, and 'Total Stockholders’ Equity' below it lost its columns."""
    lines = ["Dec. 31,", "2024", "Dec. 31,", "2023", "Cash and Cash Equivalents", "$", "114,138", "$", "195,486",
             "TOTAL LIABILITIES", "1,414,940", "3,926,243",
             "Class A Common Stock: $0.0001 par value; 100,000,000 shares authorized, 14,958,817 and 14,270,761 "
             "shares issued and outstanding as of the years ended December 31, 2024 and 2023", "1,496", "1,427",
             "Retained Earnings", "1,231,588", "1,345,849",
             "Total Stockholders’ Equity", "13,625,724", "11,113,880"]
    tables, _ = find_tables(lines)
    rows = {r.label: r.values for t in tables for r in t.rows}
    assert len(tables) == 1
    assert rows["Total Stockholders’ Equity"] == ("13,625,724", "11,113,880")
    assert any(label.startswith("Class A Common Stock") and values == ("1,496", "1,427")
               for label, values in rows.items())


def test_cached_line_readers_give_each_caller_lists_of_its_own() -> None:
    """split_segments and scan_header remember what they read of a line: a caller that changes the lists it was
    given must not change what the next caller gets."""
    from index.periods import scan_header

    line = "Revenue $ 1,234 $ 1,100 Cost (5) (6)"
    first = split_segments(line)
    first[0][1].append("999")
    first.clear()
    assert split_segments(line) == [("Revenue", ["$ 1,234", "$ 1,100"]), ("Cost", ["(5)", "(6)"])]
    header = "Three Months Ended June 30, 2025"
    items = scan_header(header)
    items.clear()
    assert scan_header(header)
