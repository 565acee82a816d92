"""The web chat (ui/web.py): its formatting of answers, a gradio_client round trip against the launched app, and
the page itself in headless Chromium driven by Playwright (Debian's /usr/bin/chromium).

The app runs over a real data home (SQLite and Chroma) of three bundled releases, ingested with the fake embedder
(driver questions retrieve by BM25 fused with the fake vectors). The browser test saves a screenshot to
$EARNINGS_QA_TEST_ARTIFACTS (default: test-artifacts/, which .gitignore lists) as web_ui.png (the end of the
session: a filter, a series and its chart) and web_ui_release_markup.png (a release's <script> shown as text).
"""

from __future__ import annotations

import json
import os
import re
import socket
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from assistant.answers import Answer, Status
from index.errors import ConfigError
from index.pipeline import Index
from tests.conftest import ROOT, FakeEmbedding, ingested_home
from ui import web
from ui.cli import cli

RELEASES = ["kingsoft-cloud_2025Q2", "alphabet_2025Q1", "alphabet_2025Q2", "pepsico_2023Q1"]
DRIVER = "What drove G&A growth at Kingsoft Cloud in Q2 2025?"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# A release whose text carries markup: the Markdown loader drops the tags, the text loader keeps them, and the chat
# must show them as text and never run them.
ACME_MD = """# Acme Widgets Inc. Reports Second Quarter 2025 Results

SPRINGFIELD, July 30, 2025 -- Acme Widgets Inc. (NASDAQ: ACME) today announced financial results for the second
quarter ended June 30, 2025.

Total revenues were $12.5 million, an increase of 10.0% year over year. The increase was mainly due to higher demand
for anvils <script>window.__pwned=1</script> in Europe <img src=x onerror="window.__pwned=2">.

**Condensed consolidated statements of operations (in thousands)**

| | Three Months Ended June 30, 2025 | Three Months Ended June 30, 2024 |
|---|---|---|
| Total revenues | 12,500 | 11,364 |
| Net income | 1,200 | 900 |
"""
ROADRUNNER_TXT = """Roadrunner Rockets Corp. Reports Second Quarter 2025 Results

DESERT CITY, July 31, 2025 -- Roadrunner Rockets Corp. (NYSE: BEEP) today announced results for the second quarter
ended June 30, 2025.

Total revenues were $8.8 million, an increase of 10.0% year over year. The increase was mainly due to rocket sales
<script>window.__pwned=1</script> and [more](javascript:window.__pwned=3) <img src=x onerror="window.__pwned=2">
to coyotes.

Condensed consolidated statements of operations (in thousands)

    Three Months Ended June 30, 2025    Three Months Ended June 30, 2024
Total revenues    8,800    8,000
Net income    700    500
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def web_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ingested_home(tmp_path_factory, "web", RELEASES)


@pytest.fixture(scope="module")
def served(web_home: Path) -> Iterator[tuple[str, web.Library]]:
    """The app launched on 127.0.0.1 at a free port: (url, its Library)."""
    app, library = web.start(web_home, host="127.0.0.1", port=_free_port(), embedder=FakeEmbedding())
    try:
        yield app.local_url, library
    finally:
        app.close()
        library.close()


@pytest.fixture(scope="module")
def library(served: tuple[str, web.Library]) -> web.Library:
    return served[1]


def _svg(message: object) -> str:
    """The SVG of a chart message (a Markdown image of a data URI)."""
    import base64

    data = re.search(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)\)", message.content).group(1)
    return base64.b64decode(data).decode("utf-8")


def _texts(messages: list[dict]) -> list[str]:
    return [m["content"] if isinstance(m["content"], str) else str(m["content"]) for m in messages]


# --- formatting -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "shown"), [
    ("<script>window.__pwned=1</script>", r"&lt;script&gt;window.\_\_pwned=1&lt;/script&gt;"),
    ('<img src=x onerror="alert(1)">', '&lt;img src=x onerror="alert(1)"&gt;'),
    ("[click](javascript:alert(1))", r"\[click\](javascript:alert(1))"),
    ("![x](http://example.com/t.png)", r"!\[x\](http://example.com/t.png)"),
    ("R&D | G&A", r"R&amp;D \| G&amp;A"),
    ("**bold** `code` ~strike~", r"\*\*bold\*\* \`code\` \~strike\~"),
    ("Revenue was $12.5 million (US$1.7 million)", "Revenue was $12.5 million (US$1.7 million)"),
])
def test_release_text_is_made_inert(text: str, shown: str) -> None:
    assert web.inert(text) == shown


def test_an_answer_becomes_headline_table_reasons_and_collapsed_sources(library: web.Library) -> None:
    answer = library.answer(DRIVER)
    steps = list(web.answer_messages(answer))
    final = steps[-1]
    assert [len(s) for s in steps] == list(range(1, len(final) + 1))  # streamed one message at a time
    assert final[0].content == web.inert(answer.headline) and "RMB339.6 million" in final[0].content
    table = final[1].content
    assert table.startswith("| figure | period | value | source |")
    assert ("| General and administrative expenses | Q2 2025 | (RMB339.6 million) | [reported (kingsoft-cloud"
            "\\_2025Q2, table 2, row 8, column 3)](?source=kingsoft-cloud_2025Q2&at=") in table  # a link to the cell
    # the stated rate once, with the calculation that checks it beside it (no second row, no bars)
    assert "; the table's figures agree: `(339,563,000 - 266,249,000) / 266,249,000 × 100` |" in table
    assert "change Q2 2024 to Q2 2025" not in table and "\\|(" not in table
    assert final[2].content.startswith("**What the release says:**") and "personnel cost" in final[2].content
    sources = final[-1]
    assert sources.metadata == {"title": "Sources", "log": f"{sources.content.count(chr(10)) + 1} passages",
                                "status": "done"}
    assert "[(kingsoft-cloud\\_2025Q2, paragraph 12)](?source=kingsoft-cloud_2025Q2&at=paragraph+12&q=The+year" in (
        sources.content)
    assert web.chart_frame(answer) is None  # one period, one company: no chart


def test_a_refusal_is_one_message(library: web.Library) -> None:
    answer = library.answer("What was Tesla's revenue in Q2 2025?")
    assert answer.status == Status.NOT_FOUND
    [messages] = list(web.answer_messages(answer))
    assert len(messages) == 1 and "Tesla" in messages[0].content and "Kingsoft Cloud" in messages[0].content


def test_series_and_comparisons_are_charted_in_order_and_in_one_unit(library: web.Library) -> None:
    series = library.answer("Google Cloud revenue for the last six quarters?")
    frame, x_title, y_title = web.chart_frame(series)
    assert (x_title, y_title) == ("period", "Google Cloud (USD million)")
    assert list(frame["x"]) == ["Q1 2024", "Q2 2024", "Q1 2025", "Q2 2025"]
    assert list(frame["value"]) == [9574.0, 10347.0, 12260.0, 13624.0]
    assert "Not in the releases: Q3 2024, Q4 2024." in series.notes
    chart = _svg(web.chart_message(series))
    assert "<polyline" in chart and chart.count("class='point'") == 4 and "<rect class='point'" not in chart
    assert "Not in the releases: Q3 2024, Q4 2024." in chart  # the periods asked that are not drawn, said

    margins = library.answer("Compare operating margin of Alphabet and Kingsoft Cloud in Q2 2025")
    frame, x_title, y_title = web.chart_frame(margins, {"Kingsoft Cloud Holdings Limited": "Kingsoft Cloud"})
    assert (x_title, y_title) == ("company", "Operating margin (%)")
    assert list(frame["x"]) == ["Alphabet Inc.", "Kingsoft Cloud"] and round(frame["value"][1], 1) == -13.9
    chart = _svg(web.chart_message(margins))
    assert "<rect class='point'" in chart and "<polyline" not in chart

    average = library.answer("Kingsoft Cloud average revenue in Q1 2025 and Q2 2025")
    frame, _, _ = web.chart_frame(average)
    assert list(frame["x"]) == ["Q1 2025", "Q2 2025"] and list(frame["value"]) == [1969.977, 2349.227]

    # amounts in different currencies are not drawn on one axis
    assert web.chart_frame(library.answer("Compare revenue of Alphabet and Kingsoft Cloud in Q2 2025")) is None


def test_gradio_history_gives_the_earlier_questions() -> None:
    history = [
        {"role": "user", "content": [{"type": "text", "text": "What was Kingsoft Cloud's revenue in Q2 2025?"}],
         "metadata": None},
        {"role": "assistant", "content": [{"type": "text", "text": "RMB2,349.2 million"}], "metadata": None},
        {"role": "assistant", "content": [{"type": "text", "text": "..."}], "metadata": {"title": "Sources"}},
        {"role": "user", "content": "and in Q1 2025?"},
    ]
    assert web.questions_of(history) == ["What was Kingsoft Cloud's revenue in Q2 2025?", "and in Q1 2025?"]


def test_sidebar_lists_filters_and_examples(library: web.Library) -> None:
    docs = library.documents()
    frame = web.documents_frame(docs)
    assert list(frame.columns) == ["company", "period", "document"]
    assert ("Kingsoft Cloud", "Q2 2025", "kingsoft-cloud_2025Q2") in set(frame.itertuples(index=False, name=None))
    assert ("Alphabet", "kingsoft") not in set(web.company_choices(docs))
    assert web.company_choices(docs)[0] == ("All companies", web.ALL)
    assert ("Kingsoft Cloud", "Kingsoft Cloud Holdings Limited") in web.company_choices(docs)
    assert [v for _, v in web.document_choices(docs, "Alphabet Inc.")] == ["", "alphabet_2025Q1", "alphabet_2025Q2"]
    examples = web.example_questions(docs)
    assert DRIVER in examples and not any("NVIDIA" in q for q in examples)  # only releases in the index


def test_example_questions_are_answered(library: web.Library) -> None:
    for q in web.example_questions(library.documents()):
        a = library.answer(q)
        assert a.status in (Status.ANSWERED, Status.NOT_FOUND), (q, a.answer)
        assert a.status == Status.ANSWERED or "Q2 2023" in q, (q, a.answer)


@pytest.mark.integration
def test_every_example_question_is_answered_over_the_bundled_corpus(corpus_home: tuple[Path, list],
                                                                     real_embedder: object) -> None:
    library = web.Library(corpus_home[0], real_embedder)
    try:
        examples = web.example_questions(library.documents())
        assert len(examples) == len(web.EXAMPLES)
        for q in examples:
            a = library.answer(q)
            assert a.status == (Status.NOT_FOUND if "Q2 2023" in q else Status.ANSWERED), (q, a.answer)
    finally:
        library.close()


def test_library_answers_gradios_handler_threads_at_once(library: web.Library) -> None:
    """Each of Gradio's handler threads answers through its own SQLite connection (it refuses one of another
    thread's)."""
    questions = ["KC revenue Q2 2025", "Google Cloud revenue Q1 2025", "KC operating margin Q2 2025"] * 4
    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(library.answer, questions))
    assert all(a.status == Status.ANSWERED for a in answers)
    assert answers[0].figures[0].value == Decimal("2349227000")


def test_ingest_report_names_each_file_and_its_error(tmp_path: Path) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4\n1 0 obj <<")
    good = tmp_path / "acme_2025Q2.md"
    good.write_text(ACME_MD, encoding="utf-8")
    with Index(tmp_path / "home", embedder=FakeEmbedding()) as index:
        report = web.ingest_report(index.ingest([good, bad]))
    lines = report.splitlines()
    assert lines[0] == "1 of 2 files ingested."
    assert lines[1].startswith("- ⚠ **acme\\_2025Q2** ingested: Acme Widgets Inc. (Q2 2024, Q2 2025), "
                               "1 of 1 tables read")
    assert lines[2].startswith("    - ⚠ only ") and "facts were read from its 1 table" in lines[2]
    assert lines[3].startswith("- ✗ **broken.pdf**: broken.pdf: the PDF cannot be read")


def test_ui_command_serves_the_data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    monkeypatch.setattr(web, "serve", lambda home, **kw: calls.append((home, kw)))
    result = CliRunner().invoke(cli, ["--home", str(tmp_path), "ui", "--host", "0.0.0.0", "--port", "7999"],
                                obj={})
    assert result.exit_code == 0, result.output
    [(home, kw)] = calls
    assert home == tmp_path and {k: kw[k] for k in ("host", "port", "embedder", "warm")} == {
        "host": "0.0.0.0", "port": 7999, "embedder": None, "warm": True}  # the model loads at start-up
    assert CliRunner().invoke(cli, ["--home", str(tmp_path), "ui", "--no-warm"], obj={}).exit_code == 0
    assert calls[-1][1]["warm"] is False
    help_text = CliRunner().invoke(cli, ["ui", "--help"]).output
    assert "--host" in help_text and "--port" in help_text and "7860" in help_text


# --- the launched app, through gradio_client -------------------------------------------------------------------


def test_the_answer_api_returns_the_answer_json_contract(served: tuple[str, web.Library]) -> None:
    """/answer is the `ask --json` contract, not chat messages: through gradio_client and over plain HTTP."""
    import httpx
    from gradio_client import Client

    from assistant.respond import Assistant

    url, library = served
    got = Client(url, verbose=False).predict(question=DRIVER, api_name="/answer")
    assert got == Assistant(library.index).answer(DRIVER).to_json()
    assert got["status"] == "answered" and got["figures"][0]["value"] == -339563000 and got["citations"]
    follow = Client(url, verbose=False).predict(question="and in Q1 2025?", history=[DRIVER], api_name="/answer")
    assert follow["figures"][0]["period"] == "Q1 2025"
    scoped = Client(url, verbose=False).predict(question="revenue in Q2 2025?", document="alphabet_2025Q2",
                                                api_name="/answer")
    assert scoped["figures"][0]["document"] == "alphabet_2025Q2"
    bad = Client(url, verbose=False).predict(question="x" * 3000, api_name="/answer")
    assert bad["status"] == "invalid_input" and "question" in bad["error"] and bad["figures"] == []

    # plain HTTP, as curl would: POST the arguments, read the result from the event stream
    with httpx.Client(base_url=url, timeout=30) as http:
        arguments = {"data": ["Kingsoft Cloud revenue in Q2 2025?", "", "", []]}  # question, company, document, history
        event = http.post("gradio_api/call/answer", json=arguments).json()
        stream = http.get(f"gradio_api/call/answer/{event['event_id']}").text
    [data] = [line.removeprefix("data: ") for line in stream.splitlines() if line.startswith("data: ")][-1:]
    [answer] = json.loads(data)
    assert answer["status"] == "answered" and answer["figures"][0]["value"] == 2349227000


def test_client_round_trip_answers_follow_ups_and_filters(served: tuple[str, web.Library]) -> None:
    from gradio_client import Client

    url, _ = served
    client = Client(url, verbose=False)
    messages, csv_file, xlsx_file = client.predict(message=DRIVER, api_name="/chat")
    texts = _texts(messages)
    assert "General and administrative expenses were RMB339.6 million in Q2 2025" in texts[0]
    assert any(t.startswith("| figure | period | value | source |") for t in texts)
    [sources] = [m for m in messages if m["metadata"].get("title") == "Sources"]
    assert "kingsoft-cloud\\_2025Q2**, paragraph 12" in sources["content"]
    assert csv_file["visible"] is True and str(csv_file["value"]).endswith("general-and-administrative-expenses.csv")
    assert xlsx_file["visible"] is True and str(xlsx_file["value"]).endswith(".xlsx")

    # the same session: the follow-up takes company and metric from the question before
    messages, *_ = client.predict(message="and in Q1 2025?", api_name="/chat")
    assert "RMB182.0 million in Q1 2025" in messages[0]["content"]

    # a new session with the company filter: a question that names no company
    other = Client(url, verbose=False)
    messages, *_ = other.predict(message="What was the operating margin in Q2 2025?",
                                   company="Kingsoft Cloud Holdings Limited", api_name="/chat")
    assert "-13.9%" in messages[0]["content"]
    messages, *_ = other.predict(message="What was the operating margin in Q2 2025?", company="",
                                   document="alphabet_2025Q2", api_name="/chat")
    assert "32%" in messages[0]["content"] and "32.0%" not in messages[0]["content"]  # as printed

    messages, *_ = Client(url, verbose=False).predict(message="Google Cloud revenue for the last six quarters?",
                                                      api_name="/chat")
    [chart] = [m for m in messages if m["content"].startswith("![")]
    assert chart["content"].startswith("![Google Cloud (USD million)](data:image/svg+xml;base64,")


class _Failing:
    def __init__(self, error: Exception) -> None:
        self.error = error

    def answer(self, *args: object, **kwargs: object) -> Answer:
        raise self.error

    grid_request = answer


@pytest.mark.parametrize(("error", "shown"), [
    (RuntimeError("database is locked at /secret/path"), web.SORRY),
    (ConfigError("the embedding model cannot be loaded"), "the embedding model cannot be loaded"),
])
def test_errors_are_a_short_message_and_the_traceback_is_logged(
        served: tuple[str, web.Library], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
        error: Exception, shown: str) -> None:
    from gradio_client import Client

    url, library = served
    monkeypatch.setattr(library, "assistant", _Failing(error))
    with caplog.at_level("WARNING", logger="ui.web"):
        messages, *_ = Client(url, verbose=False).predict(message="What was revenue?", api_name="/chat")
    assert [m["content"] for m in messages] == [shown]
    assert "Traceback" not in shown and "/secret/path" not in shown
    [record] = [r for r in caplog.records if r.name == "ui.web"]
    assert (record.exc_info is not None) == isinstance(error, RuntimeError)


# --- the page, in headless Chromium ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium (Debian's) for the module's browser tests; each test opens its own pages."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="module")
def artifacts() -> Path:
    """Where the browser tests save their screenshots."""
    folder = Path(os.environ.get("EARNINGS_QA_TEST_ARTIFACTS") or ROOT / "test-artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_browser_chat_upload_filter_and_inert_release_text(served: tuple[str, web.Library], tmp_path: Path,
                                                           browser: Any, artifacts: Path) -> None:
    from playwright.sync_api import expect

    url, _ = served
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    (uploads / "acme_2025Q2.md").write_text(ACME_MD, encoding="utf-8")
    (uploads / "roadrunner_2025Q2.txt").write_text(ROADRUNNER_TXT, encoding="utf-8")
    (uploads / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<")
    started = time.monotonic()
    page = browser.new_page(viewport={"width": 1440, "height": 1100})
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url)
            if not r.url.startswith((url.rstrip("/"), "data:", "blob:")) else None)
    page.set_default_timeout(15_000)
    page.goto(url)
    chat = page.locator("#chat")
    box = page.locator("#question textarea")

    def ask(question: str, wait_for: str) -> None:
        replies = chat.locator(".message-row.bot-row").count()
        box.fill(question)
        box.press("Enter")
        expect(chat.locator(".message-row.bot-row")).not_to_have_count(replies)
        expect(chat).to_contain_text(wait_for)
        expect(box).to_be_editable()  # the reply is complete

    # the sidebar: documents and example questions of the index
    expect(page.locator("#documents")).to_contain_text("kingsoft-cloud_2025Q2")
    expect(page.get_by_text(DRIVER).first).to_be_visible()

    # a driver question: the figure, the release's reason, and its source in the collapsed "Sources"
    ask(DRIVER, "Sources")
    expect(chat).to_contain_text("RMB339.6 million")
    expect(chat).to_contain_text("share-based compensation and personnel cost")
    chat.get_by_text("Sources").last.click()
    expect(chat).to_contain_text("(kingsoft-cloud_2025Q2, paragraph 12): “The year-over-year increase")

    # upload: two releases and a broken file; each file reported, the lists refreshed
    page.locator("#upload input[type=file]").set_input_files(sorted(uploads.iterdir()))
    status = page.locator("#ingest-status")
    expect(status).to_contain_text("2 of 3 files ingested.", timeout=30_000)
    expect(status).to_contain_text("broken.pdf: the PDF cannot be read")
    expect(status).to_contain_text("roadrunner_2025Q2 ingested: Roadrunner Rockets Corp.")
    expect(page.locator("#documents")).to_contain_text("acme_2025Q2")

    # ask about the uploaded releases; their markup is shown as text and never runs
    ask("What drove Acme's revenue growth in Q2 2025?", "Sources")
    expect(chat).to_contain_text("Total revenues were $12.5 million in Q2 2025")
    expect(chat).to_contain_text("higher demand for anvils")
    ask("What drove Roadrunner's revenue growth in Q2 2025?", "Sources")
    expect(chat).to_contain_text("rocket sales <script>window.__pwned=1</script> and [more]"
                                 "(javascript:window.__pwned=3) <img src=x onerror=")
    assert chat.locator("script").count() == 0 and chat.locator("img[src='x']").count() == 0
    assert chat.locator("a[href^='javascript']").count() == 0
    page.screenshot(path=str(artifacts / "web_ui_release_markup.png"))

    # the company filter scopes a question that names no company; a series is charted
    page.locator("#company-filter input").click()
    page.get_by_role("option", name="Acme Widgets").click()
    expect(page.locator("#company-filter input")).to_have_value("Acme Widgets")
    ask("Total revenues in Q2 2024 and Q2 2025?", "Q2 2024 $11.4 million, Q2 2025 $12.5 million")
    chart = chat.locator("img[src^='data:image/svg+xml']").last  # the chart inside the answer
    expect(chart).to_be_visible()
    assert chart.get_attribute("alt") == "Total revenues (USD million)"

    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert dialogs == []
    assert outside == []  # nothing is fetched from outside the app: fonts, scripts, analytics
    page.screenshot(path=str(artifacts / "web_ui.png"))
    assert time.monotonic() - started < 60


def test_answer_figures_export_as_csv_and_xlsx_with_their_sources(library: web.Library) -> None:
    import openpyxl

    answer = library.answer("Google Cloud revenue for the last six quarters?")
    csv_path, xlsx_path = web.export_files(answer)
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == ",".join(web.exports.FIGURE_COLUMNS)
    assert len(lines) == 1 + len(answer.figures)
    first = answer.figures[0]
    assert f",{first.value:f},USD,reported," in lines[1] and first.source.document in lines[1]
    sheet = openpyxl.load_workbook(xlsx_path).active
    header = [c.value for c in sheet[1]]
    assert header == list(web.exports.FIGURE_COLUMNS)
    assert sheet.cell(2, header.index("value") + 1).value == int(first.value)
    assert web.export_files(library.answer("What was Kingsoft Cloud's revenue in Q2 2019?")) is None


def test_amount_charts_start_at_zero_and_carry_a_title(library: web.Library) -> None:
    chart = _svg(web.chart_message(library.answer("Google Cloud revenue for the last six quarters?")))
    assert ">Google Cloud (USD million)</text>" in chart
    assert ">0</text>" in chart  # the axis starts at zero


def test_a_series_whose_rows_are_named_differently_draws_every_period(library: web.Library) -> None:
    # Alphabet prints 'Diluted EPS' in one release and 'Diluted net income per share' in another
    answer = library.answer("Alphabet diluted EPS for the last 4 quarters")
    periods = {f.period for f in answer.figures if f.per_share}
    assert len(periods) >= 2 and len({f.label for f in answer.figures if f.per_share}) >= 2
    frame, _, _ = web.chart_frame(answer)
    assert set(frame["x"]) == periods


def test_no_chart_for_an_answer_of_one_figure(library: web.Library) -> None:
    assert web.chart_message(library.answer("What was Kingsoft Cloud's revenue in Q2 2025?")) is None
    assert web.chart_message(None) is None


def test_browser_example_asks_exports_download_and_upload_warns(served: tuple[str, web.Library],
                                                                tmp_path: Path, browser: Any, artifacts: Path) -> None:
    """An example button asks its question; the figures download as a CSV that reads back; an upload whose table
    was skipped says so with a warning, not a tick. A screenshot of each."""
    from playwright.sync_api import expect

    from tests.test_reports import HEAD, STATEMENT, UNDATED

    url, _ = served
    skipped = tmp_path / "undated_2025Q2.md"
    skipped.write_text(HEAD.replace("Acme Widgets", "Undated Gadgets") + UNDATED + STATEMENT, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1440, "height": 1100}, accept_downloads=True)
    page.set_default_timeout(15_000)
    page.goto(url)
    chat = page.locator("#chat")
    # an example asks at once: its answer arrives without touching the box
    page.get_by_role("button", name=DRIVER).first.click()
    expect(chat).to_contain_text("RMB339.6 million")
    expect(page.locator("#question textarea")).to_be_editable()
    page.screenshot(path=str(artifacts / "web_ui_example_asked.png"))

    box = page.locator("#question textarea")
    box.fill("Google Cloud revenue for the last six quarters?")
    box.press("Enter")
    expect(chat).to_contain_text("Google Cloud")
    button = page.locator("#export-csv")
    expect(button).to_be_visible()
    expect(chat.locator("img[alt='Google Cloud (USD million)']").last).to_be_visible()
    value = chat.locator("table td", has_text="$13,624 million").last
    assert value.evaluate("e => getComputedStyle(e).whiteSpace") == "nowrap"  # never '$13,624 / million'
    with page.expect_download() as got:
        button.click()
    rows = Path(got.value.path()).read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("company,metric,label,period") and len(rows) >= 3
    assert all(",USD,reported," in r and "alphabet_" in r for r in rows[1:])
    page.screenshot(path=str(artifacts / "web_ui_export.png"))

    page.locator("#upload input[type=file]").set_input_files([skipped])
    status = page.locator("#ingest-status")
    expect(status).to_contain_text("1 of 1 file ingested.", timeout=30_000)
    expect(status).to_contain_text("⚠ undated_2025Q2 ingested")
    expect(status).to_contain_text("1 of 2 tables read")
    expect(status).to_contain_text("was skipped: no period (quarter, year or date) was found in its header")
    assert "✓" not in status.inner_text()
    page.locator("#ingest-status").screenshot(path=str(artifacts / "web_ui_upload_warning.png"))


def test_browser_figure_and_quote_open_their_source_marked(served: tuple[str, web.Library], browser: Any,
                                                          artifacts: Path) -> None:
    """A figure's link opens its release's table with the cell marked; a PDF figure's opens its page with the
    cell's box; a quote's opens its paragraph with the sentence marked. A screenshot of each."""
    from playwright.sync_api import expect

    url, _ = served
    page = browser.new_page(viewport={"width": 1440, "height": 1100})
    page.set_default_timeout(15_000)
    page.goto(url)
    box = page.locator("#question textarea")
    box.fill(DRIVER)
    box.press("Enter")
    chat = page.locator("#chat")
    expect(chat).to_contain_text("RMB339.6 million")
    link = chat.locator("a[href*='source=']", has_text="table 2, row 8, column 3").first
    with page.context.expect_page() as opened:
        link.click()
    source = opened.value
    source.set_default_timeout(15_000)
    hit = source.locator("#source-panel #source-hit")
    expect(hit).to_have_text("(339,563)")
    expect(source.locator("#source-panel tr.hit-row th")).to_have_text("General and administrative expenses")
    assert source.locator("#source-panel td.hit-col").count() >= 3  # the column is marked too
    hit.scroll_into_view_if_needed()
    source.screenshot(path=str(artifacts / "web_ui_source_table.png"))

    quote = chat.locator("a[href*='source=']", has_text="paragraph 12)").first  # the reason quoted
    with page.context.expect_page() as opened:
        quote.click()
    said = opened.value
    expect(said.locator("#source-panel mark#source-hit")).to_contain_text("year-over-year increase")
    said.screenshot(path=str(artifacts / "web_ui_source_paragraph.png"))

    box.fill("What was PepsiCo's net revenue in Q1 2023?")
    box.press("Enter")
    expect(chat).to_contain_text("17,846")
    link = chat.locator("a[href*='source=pepsico_2023Q1']").first
    with page.context.expect_page() as opened:
        link.click()
    pdf = opened.value
    expect(pdf.locator("#source-panel #source-page img")).to_be_visible(timeout=30_000)
    cell = pdf.locator("#source-panel #source-box")
    expect(cell).to_be_visible()
    assert cell.get_attribute("title") == "$ 17,846"
    picture = pdf.locator("#source-panel #source-page img").bounding_box()
    drawn = cell.bounding_box()
    assert picture and drawn and picture["x"] < drawn["x"] < picture["x"] + picture["width"]
    expect(pdf.locator("#source-panel #source-hit")).to_have_text("$ 17,846")
    cell.scroll_into_view_if_needed()
    pdf.screenshot(path=str(artifacts / "web_ui_source_pdf.png"))


def test_browser_grid_from_a_question_and_from_the_tab(served: tuple[str, web.Library], browser: Any,
                                                      artifacts: Path) -> None:
    """A grid asked in the chat and one built in the Grid tab: companies x metrics x calendar quarters, each cell
    opening its source, the grid downloading as a CSV that reads back. A screenshot of each."""
    from playwright.sync_api import expect

    url, _ = served
    page = browser.new_page(viewport={"width": 1440, "height": 1100}, accept_downloads=True)
    page.set_default_timeout(15_000)
    page.goto(url)
    box = page.locator("#question textarea")
    box.fill("Compare revenue and operating margin of Alphabet and Kingsoft Cloud for the last two quarters")
    box.press("Enter")
    chat = page.locator("#chat")
    expect(chat.locator("table th").filter(has_text="CQ2 2025")).to_have_count(1)
    expect(chat.locator("table td a[href*='source=alphabet_2025Q2']").first).to_be_visible()
    expect(chat).to_contain_text("RMB2,349.2 million")  # Kingsoft Cloud's revenue in its own currency
    expect(page.locator("#export-csv")).to_be_visible()
    page.screenshot(path=str(artifacts / "web_ui_grid_asked.png"))

    page.get_by_role("tab", name="Grid").click()
    companies = page.locator("#grid-companies input")
    for name in ("Alphabet", "Kingsoft Cloud"):
        companies.click()
        companies.fill(name)
        page.keyboard.press("Enter")
    page.locator("#grid-build").click()
    grid = page.locator("#grid table")
    expect(grid.locator("th").filter(has_text="CQ1 2025")).to_have_count(1)
    expect(grid.locator("tbody tr")).to_have_count(6)  # 2 companies x 3 metrics
    cell = grid.locator("a[href*='source=kingsoft-cloud_2025Q2']").first
    expect(cell).to_be_visible()
    with page.expect_download() as got:
        page.locator("#grid-csv").click()
    rows = Path(got.value.path()).read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("grid_column,asked,company")
    assert any(r.startswith("CQ2 2025,revenue,") for r in rows)
    page.screenshot(path=str(artifacts / "web_ui_grid_tab.png"))
    with page.context.expect_page() as opened:
        cell.click()
    expect(opened.value.locator("#source-panel #source-hit")).to_be_visible()


@pytest.mark.parametrize(("state", "says"), [
    (web.ModelState.IDLE, ""),
    (web.ModelState.LOADING, "⏳ Loading the embedding model"),
    (web.ModelState.READY, "✓ Ready for every question."),
    (web.ModelState.FAILED, "⚠ The model for “why” questions did not load (no \\*weights\\*)"),
])
def test_the_page_says_how_the_model_warm_up_goes(library: web.Library, monkeypatch: pytest.MonkeyPatch,
                                                  state: web.ModelState, says: str) -> None:
    monkeypatch.setattr(library, "model_state", state)
    monkeypatch.setattr(library, "model_error", "no *weights*")
    assert library.model_line().startswith(says)


def test_browser_chart_new_chat_warm_up_themes_and_a_phone(served: tuple[str, web.Library],
                                                           monkeypatch: pytest.MonkeyPatch, browser: Any,
                                                           artifacts: Path) -> None:
    """A series is charted inside its answer; "New chat" clears the conversation and its downloads; the model's
    warm-up is said until it is over; the dark theme; a 390 px phone screen where the chat is not covered.
    Screenshots of each."""
    from playwright.sync_api import expect

    url, library = served
    monkeypatch.setattr(library, "model_state", web.ModelState.LOADING)
    page = browser.new_page(viewport={"width": 1440, "height": 1100})
    page.set_default_timeout(15_000)
    page.goto(url)
    status = page.locator("#model-status")
    expect(status).to_contain_text("Loading the embedding model")
    library.model_state = web.ModelState.READY  # as Library.warm leaves it
    expect(status).to_contain_text("Ready for every question", timeout=5_000)

    box = page.locator("#question textarea")
    box.fill("Google Cloud revenue for the last six quarters?")
    box.press("Enter")
    chart = page.locator("#chat img[src^='data:image/svg+xml']")
    expect(chart).to_be_visible()
    assert chart.get_attribute("alt") == "Google Cloud (USD million)"
    assert chart.bounding_box()["width"] > 500  # drawn at the answer's width, not a thumbnail
    chart.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "web_ui_chart_in_answer.png"))

    page.locator("#theme-toggle").click()
    assert page.evaluate("document.body.classList.contains('dark')")
    page.screenshot(path=str(artifacts / "web_ui_dark.png"))
    page.locator("#theme-toggle").click()
    assert not page.evaluate("document.body.classList.contains('dark')")

    expect(page.locator("#export-csv")).to_be_visible()
    page.locator("#new-chat").click()
    expect(page.locator("#chat .message")).to_have_count(0)
    expect(page.locator("#export-csv")).to_be_hidden()
    box.fill("and in Q1 2025?")  # no earlier question is context any more
    box.press("Enter")
    expect(page.locator("#chat")).not_to_contain_text("Google Cloud")

    phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone.set_default_timeout(15_000)
    phone.goto(url)
    question = phone.locator("#question textarea")
    expect(question).to_be_visible()
    phone.wait_for_timeout(800)  # the sidebar closes on a narrow screen
    sidebar = phone.locator(".sidebar").bounding_box()
    assert sidebar is None or sidebar["x"] + sidebar["width"] <= 40  # off screen: the chat is not covered
    question.fill(DRIVER)
    question.press("Enter")
    expect(phone.locator("#chat")).to_contain_text("RMB339.6 million")
    chat = phone.locator("#chat").bounding_box()
    assert chat["x"] >= 0 and chat["x"] + chat["width"] <= 390 + 1
    phone.screenshot(path=str(artifacts / "web_ui_phone.png"))
