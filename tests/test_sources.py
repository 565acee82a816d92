"""Source views: a fact's cell found in its kept table, a PDF cell's box on its page, a quote in its paragraph,
what is kept at ingest, and the view opened from the store (index.sources, assistant.source_view)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.source_view import NOT_KEPT, open_source, page_image, quote_span
from index.blocks import PageWords
from index.errors import UnknownDocumentError
from index.pipeline import Index, extract
from index.sources import Box, Cell, KeptRow, KeptSources, KeptTable, find_cell, pdf_box, place_of
from tests.conftest import FakeEmbedding, corpus_file

INCOME = KeptTable(2, "line 99", "Statements of comprehensive loss", ("Three Months Ended", "Jun 30, 2024"), (
    KeptRow("", "Total revenues", ("1,891,780", "1,969,977", "2,349,227")),
    KeptRow("Operating expenses", "Selling and marketing expenses", ("(125,708)", "(144,338)", "(131,996)")),
    KeptRow("Operating expenses", "General and administrative expenses", ("(266,249)", "(181,999)", "(339,563)")),
    KeptRow("", "Others", ("-", "-", "-")),
    KeptRow("", "Net loss per share, basic", ("(0.04)", "(0.04)", "(0.04)")),
    KeptRow("", "Net loss per share, diluted", ("(0.04)", "(0.04)", "(0.04)")),
))


@pytest.mark.parametrize(("locator", "place"), [
    ("Statement / G&A / Three Months Ended (table 2, row 8, column 3)", (2, 8, 3, None, None)),
    ("table 9, row 3, column 1, page 7", (9, 3, 1, 7, None)),
    ("paragraph 12, sentence 1", (None, None, None, None, 12)),
    ("paragraph 4", (None, None, None, None, 4)),
])
def test_place_of_reads_table_cells_and_paragraphs(locator: str, place: tuple) -> None:
    p = place_of(locator)
    assert p is not None and (p.table, p.row, p.column, p.page, p.paragraph) == place


def test_place_of_a_locator_naming_neither_is_none() -> None:
    assert place_of("the whole release") is None


@pytest.mark.parametrize(("row", "column", "quote", "label", "cell"), [
    (3, 3, "(339,563)", "General and administrative expenses", Cell(2, 2)),  # the locator's row
    (8, 3, "(339,563)", "General and administrative expenses", Cell(2, 2)),  # a row count off: the named row
    (3, 1, "(266,249)", "General and administrative expenses", Cell(2, 0)),
    (1, 2, "$1,969,977", "Total revenues", Cell(0, 1)),  # a currency sign printed apart
    (6, 2, "(0.04)", "Net loss per share, diluted", Cell(5, 1)),  # the same figure on two rows: the named one
    (5, 3, "(0.04)", "Net loss per share, basic", Cell(4, 2)),  # the same figure thrice: nearest the column
    (3, 3, "(999,999)", "General and administrative expenses", None),  # not printed: nothing marked
])
def test_find_cell_marks_the_fact_cell_or_nothing(row: int, column: int, quote: str, label: str,
                                                  cell: Cell | None) -> None:
    assert find_cell(INCOME, row, column, quote, label) == cell


def test_find_cell_never_marks_an_unnamed_row_among_several_printing_the_figure() -> None:
    # "(0.04)" is on two rows and neither is named 'Operating margin': no mark rather than a wrong one
    assert find_cell(INCOME, 1, 1, "(0.04)", "Operating margin") is None


def test_find_cell_keeps_the_locator_row_when_no_row_is_named_as_the_fact() -> None:
    # an equity statement's fact is named by its column ('Share premium account'), not its row
    equity = KeptTable(1, "line 5", "Changes in equity", (), (
        KeptRow("", "1 January 2024", ("88", "52,844")), KeptRow("", "30 June 2024", ("88", "52,844"))))
    assert find_cell(equity, 2, 2, "52,844", "Share premium account") == Cell(1, 1)


PAGE = PageWords(612.0, 792.0, (
    ("Net", 70.0, 300.0, 85.0, 310.0), ("Revenue", 88.0, 300.0, 130.0, 310.0), ("$", 400.0, 300.0, 405.0, 310.0),
    ("17,846", 410.0, 300.0, 440.0, 310.0), ("$", 460.0, 300.0, 465.0, 310.0), ("16,200", 470.0, 300.0, 500.0, 310.0),
    ("Cost", 70.0, 318.0, 90.0, 328.0), ("of", 92.0, 318.0, 100.0, 328.0), ("sales", 102.0, 318.0, 125.0, 328.0),
    ("7,988", 410.0, 318.0, 440.0, 328.0), ("7,988", 470.0, 318.0, 500.0, 328.0),
    ("Gross", 70.0, 336.0, 95.0, 346.0), ("profit", 97.0, 336.0, 125.0, 346.0), ("9,858", 410.0, 336.0, 440.0, 346.0),
    ("Other", 70.0, 354.0, 95.0, 364.0), ("9,858", 410.0, 354.0, 440.0, 364.0),
))


@pytest.mark.parametrize(("label", "quote", "rank", "x0"), [
    ("Net Revenue", "$ 17,846", 0, 410.0),  # the figure on the label's line
    ("Cost of sales", "7,988", 1, 470.0),  # the second of two equal figures on the line
    ("Gross profit", "9,858", 0, 410.0),  # printed twice on the page: the line of the label
])
def test_pdf_box_finds_the_figure_on_its_label_line(label: str, quote: str, rank: int, x0: float) -> None:
    box = pdf_box(PAGE, 4, label, quote, rank)
    assert box is not None and box.x0 == x0 and box.page == 4 and (box.width, box.height) == (612.0, 792.0)


@pytest.mark.parametrize(("label", "quote"), [
    ("Operating income", "9,858"),  # printed twice, on no line of the label: no box rather than a wrong one
    ("Net Revenue", "1,234"),  # not on the page
])
def test_pdf_box_draws_nothing_it_cannot_place(label: str, quote: str) -> None:
    assert pdf_box(PAGE, 4, label, quote) is None


def test_kept_sources_survive_json() -> None:
    kept = KeptSources("pdf", (INCOME,), ((3, "Revenue was $1.9 billion."),),
                       (("table 2, row 3, column 3, page 4", Box(4, 1.0, 2.0, 3.0, 4.0, 612.0, 792.0)),))
    again = KeptSources.from_json(kept.to_json())
    assert again == kept
    assert again.table(2) == INCOME and again.table(3) is None
    assert again.paragraph(3) == "Revenue was $1.9 billion." and again.paragraph(4) is None
    assert again.box("Statement / Row (table 2, row 3, column 3, page 4)") == kept.boxes[0][1]


@pytest.mark.parametrize(("paragraph", "quote", "span"), [
    ("Revenue grew. G&A was up 27.5%.", "G&A was up 27.5%.", (14, 31)),
    ("Revenue grew.\nG&A was\n  up 27.5%.", "G&A was up 27.5%.", (14, 33)),  # the paragraph's line breaks
    ("Revenue grew.", "Costs fell.", None),
])
def test_quote_span_finds_the_sentence_white_space_aside(paragraph: str, quote: str,
                                                         span: tuple[int, int] | None) -> None:
    assert quote_span(paragraph, quote) == span


def test_every_table_fact_of_a_release_finds_its_cell_and_pdf_cells_their_boxes() -> None:
    for stem in ("kingsoft-cloud_2025Q2", "alphabet_2025Q2", "buckle_FY2024Q3", "pepsico_2023Q1"):  # all 4 formats
        ex = extract(corpus_file(stem))
        assert ex.sources is not None
        table_facts = [f for f in ex.facts if f.statement != "Text"]
        found = 0
        for f in table_facts:
            p = place_of(f.locator)
            cell = find_cell(ex.sources.table(p.table), p.row, p.column, f.quote, f.label)
            found += cell is not None and ex.sources.table(p.table).rows[cell.row].values[cell.value] == f.quote
        assert found == len(table_facts)
        if ex.loaded.format == "pdf":
            boxed = sum(ex.sources.box(f.locator) is not None for f in table_facts)
            assert boxed >= 0.9 * len(table_facts)
            assert ex.loaded.pages == []  # the words were for the boxes: not carried on to the ingest


@pytest.fixture(scope="module")
def source_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("sources") / "home"
    with Index(home, embedder=FakeEmbedding()) as index:
        index.ingest([corpus_file("kingsoft-cloud_2025Q2"), corpus_file("pepsico_2023Q1")])
    return home


def test_a_figure_opens_at_its_cell_and_a_pdf_at_its_page(source_home: Path) -> None:
    with Index(source_home, embedder=FakeEmbedding()) as index:
        facts = index.facts
        ga = next(f for f in facts.facts(document="kingsoft-cloud_2025Q2")
                  if f.label == "General and administrative expenses" and f.quote == "(339,563)")
        view = open_source(facts, ga.document, f"Statement / G&A ({ga.locator})", ga.quote, ga.label)
        assert view.table is not None and view.cell is not None and view.note == ""
        assert view.table.rows[view.cell.row].values[view.cell.value] == "(339,563)"
        assert page_image(view) is None  # no page to draw for a text release

        revenue = next(f for f in facts.facts(document="pepsico_2023Q1") if f.label == "Net Revenue")
        pdf = open_source(facts, revenue.document, revenue.locator, revenue.quote, revenue.label)
        assert pdf.page is not None and pdf.box is not None and pdf.box.page == pdf.page
        png = page_image(pdf)
        assert png is not None and png.startswith(b"\x89PNG")


def test_a_quote_opens_at_its_paragraph(source_home: Path) -> None:
    with Index(source_home, embedder=FakeEmbedding()) as index:
        said = next(f for f in index.facts.facts(document="kingsoft-cloud_2025Q2") if f.statement == "Text")
        view = open_source(index.facts, said.document, said.locator, said.quote)
        assert view.paragraph and view.marked is not None
        a, b = view.marked
        assert " ".join(view.paragraph[a:b].split()) == " ".join(said.quote.split())


def test_an_unknown_document_or_a_release_kept_before_says_so(source_home: Path) -> None:
    with Index(source_home, embedder=FakeEmbedding()) as index:
        with pytest.raises(UnknownDocumentError, match="no document 'tesla_2025Q2'"):
            open_source(index.facts, "tesla_2025Q2", "table 1, row 1, column 1")
        with index.facts.transaction() as conn:  # as a home made before source views were kept
            conn.execute("DELETE FROM sources WHERE document = 'kingsoft-cloud_2025Q2'")
        view = open_source(index.facts, "kingsoft-cloud_2025Q2", "table 2, row 8, column 3", "(339,563)")
        assert view.table is None and view.note == NOT_KEPT.format(path=view.path)
        assert "ingest --force" in view.note
        nowhere = open_source(index.facts, "pepsico_2023Q1", "the whole release")
        assert "names no table cell or paragraph" in nowhere.note
