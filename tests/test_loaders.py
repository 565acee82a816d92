from pathlib import Path

import pytest

from index.blocks import RawRow, RawTable
from index.facts import Unit
from index.headings import closed_sections, of_the_row_above, totals_heading, with_subjects
from index.loaders import (
    DAY_FRAGMENT,
    DAY_FRAGMENT_EXAMPLES,
    NOT_MEANINGFUL,
    NOT_MEANINGFUL_EXAMPLES,
    _mend_pdf_numbers,
    _without_stray_blanks,
    cells_to_table,
    load,
)
from index.tables import table_facts
from tests.conftest import corpus_file
from tests.test_tables import _meta


@pytest.mark.parametrize(("raw", "mended"), [
    ("U.S. $ 1 ,696 1 ,529 10.9 % 10.9 -", "U.S. $ 1,696 1,529 10.9 % 10.9 -"),
    ("3 ,767 3 ,728 1.0 6.4 (5.4) 1 4,953 1 5,035", "3,767 3,728 1.0 6.4 (5.4) 14,953 15,035"),
    ("International 5 ,788 6 ,799 (14.9) (4.5) ( 10.4)", "International 5,788 6,799 (14.9) (4.5) (10.4)"),
    ("Net sales 3,393 3,540 4 (3)", "Net sales 3,393 3,540 4 (3)"),
    ("Basic 50,624 53,163", "Basic 50,624 53,163"),
])
def test_letter_spaced_pdf_numbers_are_mended(raw: str, mended: str) -> None:
    """Regression: J&J's PDF text layer prints '1 ,696' and '1 4,953'; they were read as 1 and 1."""
    assert _mend_pdf_numbers(raw) == mended


def test_split_parenthesis_cells_join() -> None:
    """NVIDIA's pipe tables put '(' and ')' in cells of their own."""
    table = cells_to_table([["", "Three Months Ended", ""], ["", "April 27, 2025", "April 28, 2024"],
                            ["Interest expense", "(63", ")", "(64", ")"]], "", "line 1")
    assert table is not None and table.rows[0].values == ("(63 )", "(64 )")


def test_a_row_of_percent_marks_under_the_years_is_the_header_s_unit() -> None:
    """Regression (TAT-QA, Woolworths' actuarial assumptions): '| | % | % |' under '| | 2019 | 2018 |' was dropped,
    and 'Discount rate 2.9' became $2.90."""
    table = cells_to_table([["", "2019", "2018"], ["", "%", "%"], ["Discount rate", "2.9", "3.8"],
                            ["Rate of price inflation", "2.0", "2.0"]], "", "line 1")
    assert table is not None and table.header == ("2019 | 2018", "% | %")
    assert table.rows[0].values == ("2.9", "3.8")
    facts = table_facts(table, _meta(), "d", inherited_scale=1)
    assert {f.unit for f in facts} == {Unit.PERCENT}


def test_edgar_html_wrapper_is_read() -> None:
    doc = load(corpus_file("buckle_FY2024Q3"))
    assert doc.format == "html"
    assert any("SALES, Net of returns and allowances" == r.label for t in doc.tables for r in t.rows)
    assert any("net income for the fiscal quarter ended November 2, 2024" in b.text for b in doc.blocks)


def test_markdown_inline_html_and_pipe_tables_are_read() -> None:
    html_doc = load(corpus_file("alphabet_2024Q1"))
    pipe_doc = load(corpus_file("alphabet_2024Q2"))
    assert len(html_doc.tables) > 10 and len(pipe_doc.tables) > 10


def test_caption_cell_beside_year_headings_is_a_header_row() -> None:
    """Regression: '($ in thousands) | 2019 | % Change 2018 to 2019 | 2018' was read as a row with one value."""
    table = cells_to_table([["($ in thousands)", "2019", "% Change 2018 to 2019", "2018"],
                            ["Services", "$59,545", "(8)%", "$64,476"],
                            ["Total revenue", "$63,333", "(9)%", "$69,549"]], "", "line 1")
    assert table is not None
    assert table.header == ("($ in thousands) | 2019 | % Change 2018 to 2019 | 2018",)
    assert [r.label for r in table.rows] == ["Services", "Total revenue"]


@pytest.mark.parametrize(("cells", "header"), [
    (["", "2019 $’000", "2018 $’000"], "2019 $’000 | 2018 $’000"),
    (["", "2019 (1)", "2018", "2017 (2)"], "2019 (1) | 2018 | 2017 (2)"),
    (["", "2019 €m", "2018 €m"], "2019 €m | 2018 €m"),
])
def test_year_headings_with_unit_or_footnote_are_header_rows(cells: list[str], header: str) -> None:
    table = cells_to_table([cells, ["Cash", "21,956", "33,045", "1"][: len(cells)],
                            ["Trade", "1", "2", "3"][: len(cells)]], "", "line 1")
    assert table is not None and table.header == (header,)


@pytest.mark.parametrize("spans", [["Oct-Dec", "Oct-Dec", "Jan-Dec", "Jan-Dec"],
                                   ["Jul–Sep", "Jul–Sep", "Jan–Sep", "Jan–Sep"],
                                   ["April-June", "April-June", "January-June", "January-June"]])
def test_short_period_headings_over_a_row_of_years_are_header_rows(spans: list[str]) -> None:
    """Regression: Kemira's 'EUR million | Oct-Dec | Oct-Dec | Jan-Dec | Jan-Dec' over '2024 | 2023 | 2024 | 2023'
    was taken for the table's title, leaving four columns of bare years and none of its 116 figures read."""
    table = cells_to_table([["EUR million", *spans], ["2024", "2023", "2024", "2023"],
                            ["Revenue", "723.7", "808.8", "2,948.1", "3,383.7"]], "", "line 1")
    assert table is not None
    assert table.header == (" | ".join(["EUR million", *spans]), "2024 | 2023 | 2024 | 2023")


def test_a_pandas_index_column_is_no_part_of_the_table(tmp_path) -> None:  # noqa: ANN001
    """Markdown written by pandas starts every row with its index under an empty heading."""
    from index.loaders import load

    p = tmp_path / "acme_2024H1.md"
    p.write_text("Acme Group results\n\n"
                 "|    | (€ million)          | H1 2024 | H1 2023 |\n"
                 "|---:|:---------------------|:--------|:--------|\n"
                 "|  0 | Turnover             | 31,117  | 30,428  |\n"
                 "|  1 | Operating profit     | 5,948   | 5,380   |\n", encoding="utf-8")
    [table] = load(p).tables
    assert [(r.label, r.values) for r in table.rows] == [("Turnover", ("31,117", "30,428")),
                                                           ("Operating profit", ("5,948", "5,380"))]


def test_pandas_tables_written_back_to_back_are_each_their_own_table(tmp_path) -> None:  # noqa: ANN001
    """Regression (Unilever H1 2024): a PDF converted page by page prints a caption table, then the statement, with
    no blank line between them; the block was read as one table whose index column (restarting at 1, skipping
    empty rows) became its labels and values, and the income statement gave no fact. Each separator line starts a
    table; a one-cell table of words is the next table's title; 'First Half' over '2024 | 2023' names six months."""
    from index.pipeline import extract

    p = tmp_path / "acme_2024H1.md"
    p.write_text("Acme Group results for the first half of 2024\n\n"
                 "|    |                               |\n"
                 "|---:|:------------------------------|\n"
                 "|  1 | Consolidated income statement |\n"
                 "|    |                  |            |      |         |     |    |\n"
                 "|---:|:-----------------|:-----------|:-----|:--------|:----|:---|\n"
                 "|  1 | € million        | First Half |      |         |     |    |\n"
                 "|  2 | (unaudited)      | 2024       | 2023 | Change  |     |    |\n"
                 "|  3 | Turnover         | 31,117     |      | 30,428  | 2.3 | %  |\n"
                 "|  4 | Operating profit | 5,948      |      | 5,516   | 7.8 | %  |\n"
                 "|  6 | Taxation         | (1,550)    |      | (1,385) |     |    |\n", encoding="utf-8")
    [table] = load(p).tables
    assert "Consolidated income statement" in table.title
    assert [r.label for r in table.rows] == ["Turnover", "Operating profit", "Taxation"]
    got = {(f.label, f.period_end.isoformat(), f.months, f.value) for f in extract(p).facts
           if f.unit.value == "currency"}
    assert {("Turnover", "2024-06-30", 6, 31117000000), ("Turnover", "2023-06-30", 6, 30428000000),
            ("Taxation", "2024-06-30", 6, -1550000000)} <= got


@pytest.mark.parametrize(("rows", "kept"), [
    ([["", "x", "y"], ["1", "Sales", "5"], ["2", "Cost", "3"], ["4", "Profit", "2"]], False),  # rising, gaps allowed
    ([["", "Year", "Sales"], ["2023", "a", "5"], ["2024", "b", "3"]], True),  # years are labels, not an index
    ([["", "x", "y"], ["3", "Sales", "5"], ["1", "Cost", "3"]], True),  # not rising
])
def test_an_index_column_is_dropped_only_when_it_counts_rows(rows: list[list[str]], kept: bool) -> None:
    from index.loaders import _drop_index_column

    assert (_drop_index_column(rows) == rows) is kept


def test_a_pdf_whose_text_layer_is_glyph_numbers_is_refused_with_its_reason() -> None:
    """The wild corpus's McDonald's Q4 2022 PDF has fonts without a Unicode map: '(cid:12)(cid:13)...'. It must be
    a clear per-file reason, never 47 tables of glyph numbers."""
    import pytest as _pytest

    from index.errors import NoContentError
    from index.loaders import load
    from tests.conftest import ROOT

    with _pytest.raises(NoContentError) as e:
        load(ROOT / "evals" / "corpus" / "wild" / "mcdonalds_2022Q4.pdf")
    assert "glyph numbers" in e.value.user_message() and "mcdonalds_2022Q4.pdf" in e.value.user_message()


def test_a_table_under_a_segment_heading_carries_the_segment(tmp_path) -> None:  # noqa: ANN001
    """Regression (Assurant): 'Adjusted EBITDA 225.4' under the heading 'Global Housing' was stored as the company's
    Adjusted EBITDA. A heading the release does not call a segment ('Fleet List') leaves the rows as they are."""
    body = ("Acme reports results; the Global Lifestyle and Global Housing segments grew.\n\n{head}\n\n"
            "| $ in millions | Q4'24 | Q4'23 |\n|---|---|---|\n| Adjusted EBITDA | 225.4 | 186.1 |\n"
            "| Net earned premiums | 647.4 | 545.8 |\n")
    p = tmp_path / "acme_2024Q4.md"
    p.write_text(body.format(head="Global Housing"), encoding="utf-8")
    [table] = load(p).tables
    assert {r.section for r in table.rows} == {"Global Housing segment"}
    p.write_text(body.format(head="Fleet List"), encoding="utf-8")
    [table] = load(p).tables
    assert {r.section for r in table.rows} == {""}


def test_a_segment_review_heading_names_the_segment_of_the_table_below(tmp_path) -> None:  # noqa: ANN001
    """Regression (Ryder): 'Supply Chain Solutions: Earnings Growth Reflects ...' over each segment's table, in a
    release that speaks of its business segments; the three tables' 'Earnings Before Tax' rows had been stored as
    the company's. Without talk of segments the heading is left alone."""
    body = ("Ryder reports earnings growth in {talk}.\n\n"
            "Supply Chain Solutions: Earnings Growth Reflects Strong Operating Performance\n\n"
            "| (In millions) | 4Q24 | 4Q23 |\n|---|---|---|\n| Earnings Before Tax (EBT) | 90 | 57 |\n"
            "| Operating Revenue | 1,100 | 1,050 |\n")
    p = tmp_path / "ryder_2024Q4.md"
    p.write_text(body.format(talk="all business segments"), encoding="utf-8")
    [table] = load(p).tables
    assert {r.section for r in table.rows} == {"Supply Chain Solutions segment"}
    p.write_text(body.format(talk="the quarter"), encoding="utf-8")
    [table] = load(p).tables
    assert {r.section for r in table.rows} == {""}


@pytest.mark.parametrize(("line", "heading"), [
    ("Global Housing", "Global Housing"), ("**Consumer Banking**", "Consumer Banking"),
    ("Financial Highlights", ""), ("Fourth Quarter 2024 Consolidated Results", ""), ("Note: see below.", ""),
])
def test_segment_headings(line: str, heading: str) -> None:
    from index.headings import segment_heading

    assert segment_heading(line) == heading


def test_tables_in_a_segment_part_of_the_release_carry_the_segment(tmp_path) -> None:  # noqa: ANN001
    """Regression (Bank of America): '# All Other' then '## Financial Results' and its table; the segment table
    at the end prints 'All Other' as a column, which is the release's word that it is a segment."""
    p = tmp_path / "bank_2024Q4.md"
    p.write_text("# All Other\u00b9,\u00b2\n\n## Financial Results\n\n"
                 "| ($ in millions) | Q4 2024 | Q3 2024 |\n|---|---|---|\n"
                 "| Noninterest expense | 262 | 171 |\n| Net income (loss) | (407) | (295) |\n\n"
                 "## Quarterly Results by Business Segment and All Other\n\n"
                 "| Year Ended December 31, 2024 | Consumer Banking | All Other |\n|---|---|---|\n"
                 "| Net income | 2,000 | (407) |\n", encoding="utf-8")
    first = load(p).tables[0]
    assert {r.section for r in first.rows} == {"All Other segment"}


def test_spanned_html_cells_stand_over_the_columns_they_cover() -> None:
    from index.loaders import _html_table_rows

    rows = _html_table_rows("<table><tr><th rowspan='2'>Year</th><th colspan='2'>Banking</th>"
                            "<th rowspan='2'>Total</th></tr><tr><th>Consumer</th><th>Payments</th></tr>"
                            "<tr><td>Revenue</td><td>1</td><td>2</td><td>3</td></tr></table>")
    assert rows == [["Year", "Banking", "", "Total"], ["", "Consumer", "Payments", ""],
                    ["Revenue", "1", "2", "3"]]


def test_a_segment_table_names_its_columns_and_keeps_blank_cells_in_place() -> None:
    """Regression (Nabors, JMMB): the row of segment names above the figures names each column; it is no heading
    of the rows, and a row with a blank cell keeps its other figures under their names."""
    table = cells_to_table([["Nine months ended 31 December 2022", "", "Others", "Total"],
                            ["", "U.S. Drilling", "", ""],
                            ["External revenues", "$21,480", "$730", "$22,210"],
                            ["Intersegment revenue", "$9,094", "", "-"],
                            ["Segment result", "$4,000", "$10", "$4,010"]], "Segment Reporting", "line 1")
    assert table is not None
    assert table.column_names == ("U.S. Drilling", "Others", "Total")
    assert [(r.label, r.values, r.section) for r in table.rows] == [
        ("External revenues", ("$21,480", "$730", "$22,210"), ""),
        ("Intersegment revenue", ("$9,094", "", "-"), ""), ("Segment result", ("$4,000", "$10", "$4,010"), "")]


def test_columns_headed_by_periods_have_no_names() -> None:
    table = cells_to_table([["", "Q3 2025", "Q3 2024"], ["Revenue", "10", "9"], ["Cost", "4", "3"]], "", "line 1")
    assert table is not None and table.column_names == ()


class _Page:
    """The part of a pdfplumber page that _without_stray_blanks reads: chars in drawing order, and filter."""

    def __init__(self, chars: list[dict]) -> None:
        self.chars = chars

    def filter(self, keep) -> "_Page":  # noqa: ANN001
        return _Page([c for c in self.chars if keep(c)])

    def text(self) -> str:
        return "".join(c["text"] for c in sorted(self.chars, key=lambda c: c["x0"]))


def _chars(text: str, x: float, width: float = 5.0) -> list[dict]:
    return [{"object_type": "char", "text": t, "top": 100.0, "x0": x + i * width, "x1": x + (i + 1) * width}
            for i, t in enumerate(text)]


def test_padding_blanks_drawn_over_figures_are_dropped() -> None:
    """Regression: J&J's statement pages draw a run of spaces over each row after its figures; read in x order
    '32.2' became '3 2.2' and '$ 24,020' '$ 2 4,020', and the statement of earnings gave no facts."""
    figures = _chars("8,212", 0) + _chars("32.2", 40)
    padding = [{"object_type": "char", "text": " ", "top": 100.0, "x0": 26.0 + i * 2.4, "x1": 28.4 + i * 2.4}
               for i in range(9)]  # 26.0 .. 47.6: the last blanks lie on the '3' and the '2'
    page = _Page(figures + padding)
    assert page.text().replace(" ", "") == "8,21232.2"
    assert " 32.2" in _without_stray_blanks(page).text()
    assert "3 2" not in _without_stray_blanks(page).text()


def test_a_single_space_squeezed_onto_a_letter_stays() -> None:
    """Counter-example: justified text may draw a word's one space over the next letter ('ended 30 September');
    a single blank is a word gap and stays."""
    words = _chars("ended", 0) + [{"object_type": "char", "text": " ", "top": 100.0, "x0": 24.5, "x1": 26.0}] + \
        _chars("30", 25)
    page = _Page(words)
    assert _without_stray_blanks(page) is page


@pytest.mark.parametrize(("label", "section", "totals"), [
    # examples: the total of the heading's rows
    ("Total other expenses", "Other expenses:", True),
    ("**Total interest expense**", "Interest expense:", True),
    ("TOTAL CURRENT ASSETS", "Current assets", True),
    ("Total current liabilities (1)", "*Current liabilities:*", True),
    ("Total Other (Expenses) Income", "OTHER INCOME (EXPENSE)", True),  # Royalty Management: "net income" was
    ("Total other income (expense), net", "Other income (expense):", True),  # answered from the operating loss
    # counter-examples: a row of the heading, or a total of something else
    ("Total deposits", "Interest expense:", False),
    ("Other expenses", "Other expenses:", False),
    ("Total", "Other expenses:", False),
    ("Total assets", "Non-current assets", False),
])
def test_a_heading_s_total_is_told(label: str, section: str, totals: bool) -> None:
    assert totals_heading(label, section) is totals


def test_a_row_of_the_heading_s_name_below_its_parts_is_its_total() -> None:
    """Computer Modelling Group prints 'Operating expenses' as the heading and again as its total row."""
    assert totals_heading("Operating expenses", "Operating expenses", after_parts=True)
    assert not totals_heading("Operating expenses", "Operating expenses")  # the heading's first row: no parts yet
    assert not totals_heading("Operating profit", "Operating expenses", after_parts=True)


def test_rows_after_a_heading_s_total_stand_under_no_heading() -> None:
    """Regression (Ottawa Bancorp, 699 bundled facts): 'Net income' below 'Total other expenses' was stored under the
    heading 'Other expenses:', so "net income" was answered from 'Net interest income' (a wrong number)."""
    table = cells_to_table([["", "2024", "2023"], ["Other expenses:", "", ""], ["Salaries", "1,189", "1,172"],
                            ["Total other expenses", "2,199", "2,309"], ["Net income", "496", "203"],
                            ["Interest income:", "", ""], ["Loans", "3,000", "2,900"]], "", "line 1")
    assert table is not None
    sections = {r.label: r.section for r in closed_sections(table.rows)}
    assert sections == {"Salaries": "Other expenses:", "Total other expenses": "Other expenses:", "Net income": "",
                        "Loans": "Interest income:"}


@pytest.mark.parametrize(("label", "measures_the_row_above"), [
    ("As a % of net sales", True), ("As a of net sales", True),  # Hanesbrands: its '%' was read as a cell
    ("*As % of sales*", True), ("As a percentage of sales", True), ("% of revenue", True),
    ("Of which: Identified items A", True), ("of which bank overdrafts", True),
    ("As of December 31, 2024", False), ("Percentage rents(2)", False), ("Percent from international", False),
    ("Other", False),
])
def test_rows_that_measure_the_row_above_are_told(label: str, measures_the_row_above: bool) -> None:
    assert of_the_row_above(label) is measures_the_row_above


def test_a_share_row_is_named_with_the_row_above() -> None:
    """Regression (Legrand, Rexel, Hanesbrands, Mercialys, Shell): five 'As % of sales*' rows of one table were one
    label, each the margin of a different profit row above it, and could not be asked for."""
    rows = with_subjects((RawRow("Adjusted operating profit", ("1,833.4", "1,773.9")),
                          RawRow("*As % of sales*", ("21.0%", "20.5%")),
                          RawRow("Net income (1)", ("1,139.7", "1,130.3")),
                          RawRow("As % of sales", ("13.6%", "13.5%"))))
    assert [r.label for r in rows] == ["Adjusted operating profit", "Adjusted operating profit, as % of sales",
                                       "Net income (1)", "Net income, as % of sales"]


def test_names_printed_in_cells_of_their_own_beside_dollar_cells_name_the_columns_in_order() -> None:
    """Regression (Euronet, Generac): a Markdown table printing '$' in cells of its own, so the names stand over no
    figure's cell; read in order, they still name the columns."""
    table = cells_to_table([["", "", "EFT Processing", "", "Retail Banking", "", "Money Transfer", "", "Consolidated"],
                            ["Revenues", "$", "100", "$", "50", "$", "30", "$", "180"],
                            ["Operating income", "$", "10", "$", "5", "$", "(3)", "$", "12"]],
                           "Three months ended December 31, 2024", "line 1")
    assert table is not None
    assert table.column_names == ("EFT Processing", "Retail Banking", "Money Transfer", "Consolidated")
    assert [(r.label, r.values, r.section) for r in table.rows] == [
        ("Revenues", ("$ 100", "$ 50", "$ 30", "$ 180"), ""),
        ("Operating income", ("$ 10", "$ 5", "$ (3)", "$ 12"), "")]


@pytest.mark.parametrize("above", [
    [["", "", "REVENUE", "", "", "", "", "", ""]],  # one name right of the labels: a heading, no names
    [["", "", "EFT Processing", "", "Money Transfer", "", "", "", ""]],  # two names over four figures
    [["", "", "Retail", "", "Retail", "", "Retail", "", "Total"]],  # names that repeat no block
])
def test_names_that_do_not_match_the_figures_one_for_one_name_no_columns(above: list[list[str]]) -> None:
    table = cells_to_table([*above, ["Revenues", "$", "100", "$", "50", "$", "30", "$", "180"],
                            ["Operating income", "$", "10", "$", "5", "$", "(3)", "$", "12"]], "", "line 1")
    assert table is not None and table.column_names == ()


def test_a_period_heading_after_figures_opens_a_table_of_its_own() -> None:
    """Regression (Nabors, Kelly): a segment table printing its quarter, then its year under a second heading, in
    one Markdown table; the year's rows had taken the quarter's periods."""
    from index.loaders import stacked_blocks

    rows = [["", "Three Months Ended December 31,", ""], ["", "2024", "2023"], ["Revenue", "10", "9"],
            ["Cost", "4", "3"], ["", "Year Ended December 31,", ""], ["", "2024", "2023"], ["Revenue", "40", "36"]]
    assert stacked_blocks(rows) == [rows[:4], rows[4:]]
    quarter, year = (cells_to_table(b, "", "line 1") for b in stacked_blocks(rows))
    assert quarter is not None and year is not None
    assert "Year Ended" in " ".join(year.header) and "Three Months" in " ".join(quarter.header)


@pytest.mark.parametrize("row", [
    ["Reflects a stock split on June 7, 2024.", "", ""],  # a footnote: a sentence, not a heading
    ["Segment information", "", ""],  # a heading that names no period
    ["Cost of sales", "", ""],  # a heading of rows
])
def test_a_row_without_figures_that_names_no_period_heading_opens_no_table(row: list[str]) -> None:
    from index.loaders import stacked_blocks

    rows = [["", "2024", "2023"], ["Revenue", "10", "9"], row, ["Cost", "4", "3"]]
    assert stacked_blocks(rows) == [rows]


def test_a_pdf_statement_is_read_by_its_words_positions() -> None:
    """Regression (Insig AI's interim statements): figures of adjacent columns ran together in pdfplumber's own
    layout text ('165,780 882,478'), the income statement's headings stood at the foot of the page before its rows,
    and the balance sheet's dates were stacked over three lines; the release gave 28 facts and no hand-checked cell.
    Read from the words' positions, each statement is a table headed by its periods."""
    from tests.test_wild_cells import WILD

    doc = load(WILD / "insig-ai_FY2025H1.pdf")
    tables = {t.title.split(" / ")[-1]: t for t in doc.tables if t.where == "page 3"}
    income = tables["CONDENSED CONSOLIDATED STATEMENT OF COMPREHENSIVE INCOME"]
    assert income.header == ("6 months to 30 September 2024", "6 months to 30 September 2023")
    assert ("Revenue", ("165,780", "882,478")) in [(r.label, r.values) for r in income.rows]
    position = tables["CONDENSED CONSOLIDATED STATEMENT OF FINANCIAL POSITION"]
    assert position.header[1] == "As at 31 March 2024 Audited"
    assert ("Intangible assets", ("3,796,971", "4,404,000", "19,464,501")) in [
        (r.label, r.values) for r in position.rows]


@pytest.mark.parametrize(("layout", "lines", "better"), [
    ({"1": 10, "2": 10}, {"1": 3}, True),     # more, and every figure the lines gave
    ({"1": 3, "2": 1}, {"1": 3, "3": 2}, False),  # more, but two of the lines' five lost (Capgemini's per-share table)
    ({"1": 3}, {"1": 3}, False),              # no more
])
def test_a_page_reads_by_position_only_when_that_keeps_what_its_lines_give(
        layout: dict, lines: dict, better: bool) -> None:
    from collections import Counter

    from index.loaders import _reads_better

    assert _reads_better(Counter(layout), Counter(lines)) is better


def test_a_label_cell_holding_the_first_figure_is_split() -> None:
    """Regression (NCB Financial's converted PDF): 'Net interest income<br>16,183,890' in the label cell left the
    label glued to the first quarter's figure; a line break inside a cell is a blank ('Quarter ended June 30<br>$'000'
    had read 'June 30$'000'). A heading's year ('Year ended<br>2024') and a unit ('$000') are no figures."""
    from lxml import html

    from index.loaders import _grid

    table = html.fromstring(
        "<table><tr><th>Q2 2022<br>$000</th><th>Q1 2022</th></tr>"
        "<tr><td>Net interest income<br>16,183,890</td><td>16,104,707</td></tr>"
        "<tr><td>Interest expense<br>(6,885,639)</td><td>(6,302,429)</td></tr>"
        "<tr><td>Year ended<br>2024</td><td>5</td></tr></table>")
    assert _grid(table) == [["Q2 2022 $000", "Q1 2022"], ["Net interest income", "16,183,890", "16,104,707"],
                            ["Interest expense", "(6,885,639)", "(6,302,429)"], ["Year ended 2024", "5"]]


def _alike(title: str, labels: list[str]) -> RawTable:
    header = ("Three Months Ended December 31, 2024", "Year Ended December 31, 2024")
    return RawTable(0, f"{title} / ($ millions)", header, tuple(RawRow(label, ("1", "2"), "") for label in labels),
                    "line 1")


@pytest.mark.parametrize(("titles", "parts"), [
    # three tables printed alike under names: each a part of the company (CNA's Specialty, Commercial, ...)
    (["Specialty", "Commercial", "International"], True),
    # two are too few to tell parts from a repeated table
    (["Specialty", "Commercial"], False),
    # titles that name a kind of table or a period are no parts
    (["Financial Highlights", "Fourth Quarter 2024", "Full Year 2024"], False),
])
def test_tables_printed_alike_under_different_names_are_parts(titles: list[str], parts: bool) -> None:
    from index.blocks import LoadedDocument
    from index.loaders import _alike_tables_are_parts

    labels = ["Net written premiums", "Net earned premiums", "Underwriting gain", "Combined ratio"]
    doc = LoadedDocument(format="md", text="", tables=[_alike(t, labels) for t in titles])
    _alike_tables_are_parts(doc)
    expected = [f"{t} segment" for t in titles] if parts else [""] * len(titles)
    assert [t.rows[0].section for t in doc.tables] == expected


def test_a_table_named_by_one_of_its_rows_is_no_part() -> None:
    """'Net Investment Income' over 'Fixed income securities | ... | Net investment income' is a table of that
    figure's parts, printed alike beside CNA's segment tables."""
    from index.blocks import LoadedDocument
    from index.loaders import _alike_tables_are_parts

    labels = ["Net written premiums", "Net earned premiums", "Net investment income"]
    doc = LoadedDocument(format="md", text="", tables=[_alike(t, labels) for t in (
        "Specialty", "Commercial", "International", "Net Investment Income")])
    _alike_tables_are_parts(doc)
    assert [t.rows[0].section for t in doc.tables] == ["Specialty segment", "Commercial segment",
                                                       "International segment", ""]


def test_a_header_row_printed_twice_is_one() -> None:
    """Regression (Dolphin Cove): a converter repeated the statement's header row; read as ten period columns over
    five figures, the income statement was refused."""
    head = ["", "6 Months Ended June 30, 2023", "6 Months Ended June 30, 2022"]
    table = cells_to_table([head, head, ["Revenue", "9,272,810", "6,756,989"], ["Profit", "2,724,476", "1,839,333"]],
                           "", "line 1")
    assert table is not None and table.header == ("6 Months Ended June 30, 2023 | 6 Months Ended June 30, 2022",)


@pytest.mark.parametrize(("cell", "kept"), [("-260 bps", "—"), ("+1.2pp", "—"), ("50 bps", "—"), ("28.7", "28.7"),
                                            ("Spread (bps)", "Spread (bps)"),
                                            ("(16) bps", "—")])  # Woolworths' negative change: its row was lost
def test_a_cell_of_points_keeps_its_place_as_a_dash(cell: str, kept: str) -> None:
    """Regression (ams OSRAM): '-260 bps' in a change column ended the row's figures there, and the next period's
    margin was lost."""
    from index.loaders import _clean_cell

    assert _clean_cell(cell) == kept


def test_a_fenced_block_that_opens_with_rows_goes_on_with_the_table_above(tmp_path) -> None:  # noqa: ANN001
    """Regression (Cresud): the highlights run into a paragraph under '6M FY 2025 ended December 31, 2024 ... Income
    Statement 12/31/2024 12/31/2023'; the fenced block below goes on with 'Profit for the Period' before its own
    'Balance Sheet 12/31/2024 06/30/2024' header. Those rows were dropped (no header above them in the block), and
    the paragraph's six-month span and millions reached none of the figures."""
    from index.loaders import load

    flat = ("* We paid a dividend. Financial Highlights (In millions of Argentine Pesos) 6M FY 2025 ended December 31, "
            "2024 Income Statement 12/31/2024 12/31/2023 Agricultural Business Revenue 238,715 225,523 Urban "
            "Properties Revenues 170,141 183,583 Consolidated Gross Profit 153,481 207,081")
    block = ["```",
             " Profit for the Period                     (64,391)      266,118",
             " EPS (Basic)                               (103.27)       179.48",
             "",
             " Balance Sheet                           12/31/2024   06/30/2024",
             " Current Assets                             860,003      855,684",
             " Total Assets                             3,955,326    4,207,077",
             "```"]
    p = tmp_path / "cresud_FY2025Q2.md"
    p.write_text("\n\n".join([flat, "\n".join(block)]) + "\n", encoding="utf-8")
    tables = load(p).tables
    assert [t.header for t in tables[:2]] == [("Six Months Ended 12/31/2024 12/31/2023",)] * 2
    assert tables[1].title == tables[0].title
    assert tables[0].title.endswith("Financial Highlights (In millions of Argentine Pesos) Income Statement")
    assert [r.label for r in tables[1].rows] == ["Profit for the Period", "EPS (Basic)"]
    assert [r.label for r in tables[2].rows] == ["Current Assets", "Total Assets"]


def test_a_separator_with_single_dashes_under_empty_columns_is_a_separator(tmp_path) -> None:  # noqa: ANN001
    """Regression (Alphabet Q2 2025): '| ------- | ---- | - | - |' was read as a row of nils, so the cash-flow
    statement's heading rows below it were taken for rows and the statement was refused; a row of single dashes
    ('| Other | - | - |') stays a row of nils."""
    from index.pipeline import extract

    p = tmp_path / "acme_2024Q2.md"
    p.write_text("Acme Corp reports second quarter 2024 results\n\n"
                 "CONSOLIDATED STATEMENTS OF CASH FLOWS (In millions)\n\n"
                 "Line Items|  |  |  |\n"
                 "| ---------------- | ------------ | - | - |\n"
                 "| Quarter Ended June 30, |  |  |  |\n"
                 "|  | 2024 | 2023 |  |\n"
                 "| Repurchases of stock | (13,638) | (15,684) |  |\n"
                 "| Other | - | - |  |\n"
                 "| Dividends paid | (2,434) | (2,463) |  |\n", encoding="utf-8")
    facts = {(f.label, f.period_end.isoformat(), f.months): f.value for f in extract(p).facts
             if f.statement != "Text"}
    assert facts[("Repurchases of stock", "2024-06-30", 3)] == -13_638_000_000
    assert facts[("Other", "2023-06-30", 3)] == 0


@pytest.mark.parametrize(("cell", "marker"), NOT_MEANINGFUL_EXAMPLES)
def test_not_meaningful_markers(cell: str, marker: bool) -> None:
    assert bool(NOT_MEANINGFUL.fullmatch(cell)) is marker


def test_not_meaningful_cell_keeps_the_figures_after_it() -> None:
    """Regression: 'n/a' in a QoQ column ended the row, and the year-before figure after it was lost."""
    table = cells_to_table([["EUR millions", "Q4 2024", "Q3 2024", "QoQ", "Q4 2023", "YoY"],
                            ["Revenues", "882", "881", "0 %", "908", "-3 %"],
                            ["Net result (IFRS)", "-58", "24", "n/a", "-82", "-29 %"]], "", "line 1")
    assert table is not None
    assert table.rows[-1].values == ("-58", "24", "-82", "-29 %")


def test_percent_sign_after_a_not_meaningful_marker_is_the_markers() -> None:
    """Regression: 'NM | | %' made the figure before the marker a rate once the marker was blanked."""
    table = cells_to_table([["", "2024", "", "2023", "", "$ Change", "", "% Change", ""],
                            ["Revenue", "1,191.1", "", "1,232.2", "", "(41.1", ")", "(3.3", ") %"],
                            ["Net earnings (loss)", "(31.8", ")", "11.4", "", "(43.2", ")", "NM", "", "%"]],
                           "", "line 1")
    assert table is not None
    assert table.rows[-1].values == ("(31.8 )", "11.4", "(43.2 )")


def test_table_glued_to_the_text_above_it(tmp_path: Path) -> None:
    """Regression (Unilever): 'The reconciliation ... is as follows:|    | € million | ...' over a separator line
    lost the table's header row into the text, and the table its columns."""
    text = ("Free cash flow\n\nThe reconciliation is as follows:|    | € million | First Half |      |\n"
            "|---:|:---|:---|:---|\n|  1 | (unaudited) | 2024 | 2023 |\n|  2 | Free cash flow | 2,152 | 2,454 |\n"
            "|  3 | Net interest paid | (502) | (364) |\n")
    path = tmp_path / "co_2024H1.md"
    path.write_text(text, encoding="utf-8")
    doc = load(path)
    table = doc.tables[0]
    assert "2024" in " ".join(table.header) and table.rows[0].values == ("2,152", "2,454")
    assert "The reconciliation is as follows:" in doc.text


@pytest.mark.parametrize(("cell", "day"), DAY_FRAGMENT_EXAMPLES)
def test_a_date_heading_s_day_in_its_own_cell_is_no_figure(cell: str, day: bool) -> None:
    assert bool(DAY_FRAGMENT.fullmatch(cell)) is day


def test_a_header_whose_date_was_cut_at_its_day_stays_the_header() -> None:
    """Regression (TAT-QA): '| | | Years Ended December 31, | 31, |' over '| | 2019 | 2018 | 2017 |': the cell '31,'
    read as a figure made the heading a row of the table and the years a row with no name, so no column was
    dated and the provision for income taxes was lost."""
    from index.loaders import cells_to_table

    rows = [["", "", "Years Ended December 31,", "31,"], ["", "2019", "2018", "2017"],
            ["Provision for income taxes", "$1,407", "$1,082", "$1,206"]]
    table = cells_to_table(rows, "", "line 1")
    assert table is not None
    assert [r.label for r in table.rows] == ["Provision for income taxes"]
    assert "2019" in " ".join(table.header) and "December 31" in " ".join(table.header)


def test_a_letter_spaced_year_heading_is_one_year(tmp_path) -> None:  # noqa: ANN001
    """Regression (TAT-QA f8ac9ddd): '| | 2019 | 2 0 1 8 |' was read as a row of five figures, and the table gave
    nothing."""
    p = tmp_path / "note.md"
    p.write_text("| | December 31 | |\n|---|---|---|\n| | 2019 | 2 0 1 8 |\n"
                 "| Operating loss carryforward | 73,260 | 57,768 |\n| Valuation allowance | (19,911) | (15,916) |\n",
                 encoding="utf-8")
    [table] = [t for t in load(p).tables if t.rows]
    assert table.header[-1] == "2019 | 2018"


def test_a_pdf_read_by_pdfium_gives_the_facts_pdfminer_gave(monkeypatch) -> None:  # noqa: ANN001
    """PDF pages are read by pdfium (index.pdf_text: a tenth of pdfminer's time); the characters it gives, laid out
    by pdfplumber's own text utilities, must make the same facts as pdfplumber's pages did."""
    from index import pdf_text
    from index.pipeline import extract
    from tests.conftest import corpus_file

    path = corpus_file("amcor_FY2023Q4")
    assert pdf_text.pages(path.read_bytes()) is not None  # pdfium reads it
    fast = extract(path).facts
    monkeypatch.setattr(pdf_text, "pages", lambda data: None)
    assert extract(path).facts == fast and len(fast) > 100
