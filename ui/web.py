"""The web chat (Gradio 6): a thin adapter over the library. It parses what a person types, picks and uploads,
calls the library, and formats its result for Gradio: the one-line answer, a table of the figures, the release's
own reasons, a chart for series and comparisons, and the sources in a collapsible message.

Text that comes from a release (labels, quotes, company names, file names) is displayed inert: it is escaped for
HTML and Markdown before it goes into a message, and the Chatbot sanitizes HTML and renders no LaTeX.

Answering is safe from any thread (`Library`): each Gradio handler thread answers its own request, so several
people are answered at once; uploads are ingested one at a time on a writer thread.
"""

from __future__ import annotations

import base64
import html
import logging
import queue
import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

import gradio as gr
import pandas as pd

from assistant import compose, exports, llm
from assistant.answers import Answer, Figure, Status, series_of
from assistant.grid import QUARTERS, Grid, GridCell, build_grid
from assistant.questions import Operation
from assistant.requests import answer_json
from assistant.respond import Assistant
from assistant.source_view import open_source, page_image
from index import settings
from index.errors import EarningsQAError, shown
from index.facts import DocumentRecord
from index.pipeline import Index, IngestResult
from index.pipeline import Status as IngestStatus
from index.uploads import keep_upload
from ui import charts, html_views
from ui.html_views import source_link
from ui.warmup import warm_in_background

log = logging.getLogger(__name__)

T = TypeVar("T")

SUFFIXES = [".txt", ".md", ".html", ".htm", ".pdf"]
CHART_OPERATIONS = {Operation.SERIES, Operation.HIGHEST, Operation.LOWEST, Operation.COMPARE, Operation.AVERAGE}
ALL = ""  # the filter value that scopes nothing
CONCURRENCY = 16  # questions answered at once: answers are mostly waits on SQLite and the model, 2 cores go far
PLACEHOLDER = "Ask about an earnings release…"
ASK_EXAMPLE = "() => { setTimeout(() => document.querySelector('#question button.submit-button')?.click(), 150); }"
CHAT_TAB, GRID_TAB, SOURCE_TAB = "chat-tab", "grid-tab", "source-tab"
# the light and the dark theme: Gradio's own, switched on the page's body (it follows the system's at first)
TOGGLE_THEME = "() => { document.body.classList.toggle('dark'); }"
# on a phone (390 px), the sidebar starts closed: the chat gets the screen, the sidebar's button opens it
NARROW_SCREEN = ("() => { if (window.innerWidth < 700) { setTimeout(() => { const open = document.querySelector("
                 "'.sidebar.open .toggle-button, .sidebar.open button[aria-label]'); if (open) open.click(); }, 300); "
                 "} }")
GRID_METRICS = ("revenue", "operating margin", "diluted EPS", "operating income", "net income", "gross margin",
                "free cash flow")
# a source view scrolls its marked cell or sentence (or the PDF's box) into the middle of the window
SCROLL_TO_HIT = ("() => { setTimeout(() => (document.querySelector('#source-box') || "
                 "document.querySelector('#source-hit'))?.scrollIntoView({block: 'center'}), 300); }")
SORRY = "Sorry, something went wrong while answering that. The error has been logged; please try again."

# Example questions about the bundled corpus (evals/corpus/releases), each shown when the releases it needs are in
# the index: a driver, a series, a comparison, a margin, a segment, a question the releases cannot answer.
EXAMPLES: list[tuple[tuple[str, ...], str]] = [
    (("kingsoft-cloud_2025Q2",), "What drove G&A growth at Kingsoft Cloud in Q2 2025?"),
    (("alphabet_2025Q2",), "Google Cloud revenue for the last six quarters?"),
    (("alphabet_2025Q2", "kingsoft-cloud_2025Q2"), "Alphabet vs Kingsoft Cloud operating margin, Q2 2025"),
    (("kingsoft-cloud_2025Q2",), "What was Kingsoft Cloud's operating margin in Q2 2025?"),
    (("nvidia_FY2026Q1",), "What was NVIDIA's revenue in Q1 FY2026?"),
    (("golden-matrix_2025Q3",), "Golden Matrix revenue for the last four quarters"),
    (("microsoft_FY2024Q4",), "Microsoft Intelligent Cloud revenue in the June 2024 quarter?"),
    (("kingsoft-cloud_2025Q2",), "Kingsoft Cloud revenue in Q2 2023"),
]

_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]#|~])")


# --- formatting: library results -> Gradio messages -------------------------------------------------------------


def inert(text: str) -> str:
    """Text from a release as Markdown that shows it literally: HTML escaped (`<script>` is shown, never run) and
    Markdown punctuation backslash-escaped (no links, images, emphasis or table cells made by the release)."""
    text = shown(re.sub(r"[\n\t\r]", " ", text))  # other control characters (ANSI escapes) written as escapes
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", html.escape(text, quote=False))


def figures_table(figures: Sequence[Figure], currency: str | None = None) -> str:
    """The figures as a Markdown table (compose.figure_row: label, period, value as releases print it, and where
    it comes from), every cell shown literally."""
    rows = ["| figure | period | value | source |", "|---|---|---|---|"]
    for f, check in compose.shown_figures(figures):
        label, period, value, source = compose.figure_row(f, currency)
        if not f.is_reported:
            source = f"calculated: `{_formula(f)}`"
        elif f.source is not None and check is not None:  # a stated change the table's figures agree with
            link = source_link(f.source.document, f.source.locator, f.source.quote, f.row)
            source = f"[{inert(source)}]({link}); the table's figures agree: `{_formula(check)}`"
        elif f.source is not None:  # the release opens at the cell
            source = f"[{inert(source)}]({source_link(f.source.document, f.source.locator, f.source.quote, f.row)})"
        else:
            source = inert(source)
        rows.append(f"| {inert(label)} | {inert(period)} | {inert(value)} | {source} |")
    return "\n".join(rows)


def _formula(f: Figure) -> str:
    return (f.formula or "").replace("`", "").replace("|", "\\|")  # a pipe inside a table cell


def _linked(document: str, locator: str, quote: str) -> str:
    """'(document, locator)' as a link that opens the release at the quote."""
    return f"[({inert(document)}, {inert(locator)})]({source_link(document, locator, quote)})"


def reasons_block(answer: Answer) -> str:
    lines = ["**What the release says:**"]
    lines += [f"- “{inert(c.quote)}” {_linked(c.document, c.locator, c.quote)}" for c in answer.citations]
    return "\n".join(lines)


def sources_block(answer: Answer) -> str:
    """Every passage and cell the answer rests on: document, locator and the words or cell as printed."""
    lines: list[str] = []
    seen: set[tuple[str, str]] = set()
    for c in answer.citations:
        if (c.document, c.locator) not in seen:
            seen.add((c.document, c.locator))
            lines.append(f"- {_linked(c.document, c.locator, c.quote)}: “{inert(c.quote)}”")
    for f in answer.figures:
        s = f.source
        if s and (s.document, s.locator) not in seen:
            seen.add((s.document, s.locator))
            link = source_link(s.document, s.locator, s.quote, f.row)
            lines.append(f"- [**{inert(s.document)}**, {inert(s.locator)}]({link}): “{inert(s.quote)}”")
    return "\n".join(lines)


def chart_frame(answer: Answer, names: dict[str, str] | None = None) -> tuple[pd.DataFrame, str, str] | None:
    """A series or a comparison as (DataFrame with columns x and value, x title, y title), or None when the answer
    is no series of several figures in one unit. The points are the figures of the answer's own metric (for an
    average, its inputs), over periods or across companies (shown by `names`, legal name -> short name). Money in
    millions; the exact values stay in the table."""
    intent = answer.intent
    primary = answer.primary
    if answer.status != Status.ANSWERED or intent is None or primary is None:
        return None
    if intent.operation not in CHART_OPERATIONS and len({f.company for f in answer.figures
                                                          if f.metric == primary.metric}) < 2:
        return None
    if intent.operation == Operation.AVERAGE and primary.inputs:
        points = list(primary.inputs)
    elif len({f.company for f in answer.figures if f.metric == primary.metric}) > 1:
        points = [f for f in answer.figures if f.metric == primary.metric]
    else:  # every period of the series, its rows named alike or not
        points = series_of(answer.figures, primary)
    points = [f for f in points if f.unit == points[0].unit and f.per_share == points[0].per_share]
    across = len({f.company for f in points}) > 1
    if across:
        keys = [(names or {}).get(f.company, f.company) for f in points]
    else:
        points = sorted(points, key=lambda f: (f.months or 0, f.period_end or date.min, f.period))
        keys = [f.period for f in points]
    unique = dict(zip(keys, points, strict=True))  # the same period or company once
    if len(unique) < 2:
        return None
    unit = points[0].unit
    money = unit not in ("%", "x", "pp", "bps", "shares", "count", "other") and not points[0].per_share
    scale = 1_000_000 if money else 1
    frame = pd.DataFrame({"x": list(unique), "value": [float(f.value / scale) for f in unique.values()]})
    label = points[0].label if not across else primary.label
    return frame, ("company" if across else "period"), f"{label} ({unit}{' million' if money else ''})"


def chart_message(answer: Answer | None, names: dict[str, str] | None = None) -> gr.ChatMessage | None:
    """The chart inside the answer: a line over periods for a series, bars across companies for a comparison,
    titled, amounts from zero, every point labelled; under it, the periods asked that no release holds. None for
    any other answer."""
    made = chart_frame(answer, names) if answer is not None else None
    if made is None:
        return None
    frame, x_title, y_title = made
    # amounts from zero (a line that starts near its lowest point overstates a change); a rate keeps its range
    amounts = not y_title.endswith(("(%)", "(x)", "(pp)", "(bps)"))
    missing = [n for n in answer.notes if n.startswith("Not in the releases")]
    points = list(zip(frame["x"], frame["value"], strict=True))
    caption = f"{len(points)} {'companies' if x_title == 'company' else 'periods'}" + (
        f"; {' '.join(missing)}" if missing else "")
    chart = charts.svg_chart(points, y_title, bars=x_title == "company", from_zero=amounts, caption=caption)
    # an image in the message (a data URI): shown inline, never run as markup; API clients get the same Markdown
    data = base64.b64encode(chart.encode("utf-8")).decode("ascii")
    return gr.ChatMessage(role="assistant", content=f"![{inert(y_title)}](data:image/svg+xml;base64,{data})")


def export_files(answer: Answer | Grid | None) -> tuple[Path, Path] | None:
    """An answer's figures or a grid's cells as a CSV file and an XLSX workbook in a new temporary folder (Gradio
    serves them from there), or None when there are none."""
    if isinstance(answer, Grid):
        if not answer.cells:
            return None
        rows, columns, title = exports.grid_rows(answer), exports.GRID_COLUMNS, "grid " + " ".join(answer.metrics)
    elif answer is None or answer.status != Status.ANSWERED or not answer.figures:
        return None
    else:
        rows, columns = exports.figure_rows(answer), exports.FIGURE_COLUMNS
        title = answer.primary.label if answer.primary else "figures"
    folder = Path(tempfile.mkdtemp(prefix="earnings-qa-export-"))
    name = (re.sub(r"[^A-Za-z0-9]+", "-", title).strip("-")[:60] or "figures").lower()
    csv_path, xlsx_path = folder / f"{name}.csv", folder / f"{name}.xlsx"
    csv_path.write_text(exports.to_csv(rows, columns), encoding="utf-8")
    xlsx_path.write_bytes(exports.to_xlsx(rows, columns))
    return csv_path, xlsx_path


def download_updates(answer: Answer | Grid | None) -> tuple[Any, Any]:
    """The two download buttons under the chat or the grid: shown with figures to export, hidden otherwise."""
    files = export_files(answer)
    if files is None:
        return gr.DownloadButton(value=None, visible=False), gr.DownloadButton(value=None, visible=False)
    return gr.DownloadButton(value=str(files[0]), visible=True), gr.DownloadButton(value=str(files[1]), visible=True)


def _grid_cell(cell: GridCell) -> str:
    """A grid cell: the value as releases print it (its own fiscal period when the column's calendar quarter is
    named otherwise), linked to its source; a calculated one to its first input's, its formula in the title."""
    f = cell.figure
    shown_value = compose.amount(f)
    if f.period != cell.column.label.removeprefix("C"):
        shown_value += f" · {f.period}"
    shown_value = shown_value.replace(" ", "\u00a0")  # a value never breaks ('$96,428 / million')
    source = f.source or next((i.source for i in f.inputs if i.source is not None), None)
    if source is None:
        return inert(shown_value)
    row = f.row or next((i.row for i in f.inputs if i.source is source), "")
    link = source_link(source.document, source.locator, source.quote, row)
    title = "" if f.is_reported else ' "calculated: ' + _formula(f).replace('"', "'") + '"'
    return f"[{inert(shown_value)}]({link}{title})"


def grid_markdown(grid: Grid, names: dict[str, str] | None = None) -> str:
    """The grid as a Markdown table: a row per company and metric, a column per aligned calendar quarter, every
    cell linked to its source; then what is missing and why."""
    names = names or {}
    head = "| company | figure | " + " | ".join(c.label for c in grid.columns) + " |"
    lines = [head, "|---|---|" + "---|" * len(grid.columns)]
    missing = []
    for row in grid.rows:
        cells = [(lambda c: _grid_cell(c) if c else "—")(grid.cell(row.company, row.metric, col))
                 for col in grid.columns]
        what = row.label if row.label.lower().startswith(row.metric.lower()) else (
            f"{row.metric} ({row.label})" if row.label else row.metric)  # the row as printed, when it says more
        lines.append(f"| {inert(names.get(row.company, row.company))} | {inert(what)} | {' | '.join(cells)} |")
        if row.missing:
            missing.append(f"- {inert(names.get(row.company, row.company))}, {inert(row.metric)}: "
                           f"{inert(row.missing)}")
    if not grid.columns:
        lines = ["No figure of these companies and metrics is in the index for those periods."]
    notes = [f"_{inert(n)}_" for n in grid.notes]
    return "\n".join(lines) + ("\n\n" + "\n".join(missing) if missing else "") + (
        "\n\n" + "\n\n".join(notes) if notes else "")


def grid_messages(grid: Grid, names: dict[str, str] | None = None) -> list[gr.ChatMessage]:
    """A grid asked in the chat: a one-line answer, then the grid."""
    named = [(names or {}).get(c, c) for c in grid.companies]
    headline = (f"{', '.join(grid.metrics)} of {', '.join(named)}, by calendar quarter "
                f"({len(grid.cells)} figures):")
    return [gr.ChatMessage(role="assistant", content=inert(headline)),
            gr.ChatMessage(role="assistant", content=grid_markdown(grid, names))]


def answer_messages(answer: Answer, names: dict[str, str] | None = None) -> Iterator[list[gr.ChatMessage]]:
    """The answer as chat messages, growing one part at a time (each yield is the whole reply so far): the
    one-line answer, the figures table, its chart, the release's reasons, the notes, and the sources collapsed."""
    messages = [gr.ChatMessage(role="assistant", content=inert(answer.headline or answer.answer))]
    yield messages
    if answer.status != Status.ANSWERED:
        return
    if answer.figures:
        messages = [*messages, gr.ChatMessage(role="assistant", content=figures_table(answer.figures,
                                                                                      answer.currency))]
        yield messages
        chart = chart_message(answer, names)
        if chart is not None:
            messages = [*messages, chart]
            yield messages
    if answer.citations:
        messages = [*messages, gr.ChatMessage(role="assistant", content=reasons_block(answer))]
        yield messages
    if answer.notes:
        messages = [*messages, gr.ChatMessage(role="assistant", content="\n\n".join(f"_{inert(n)}_"
                                                                                      for n in answer.notes))]
        yield messages
    sources = sources_block(answer)
    if sources:
        count = sources.count("\n") + 1
        messages = [*messages, gr.ChatMessage(role="assistant", content=sources, metadata={
            "title": "Sources", "log": f"{count} passage{'s' if count != 1 else ''}", "status": "done"})]
        yield messages


def questions_of(history: Sequence[Any]) -> list[str]:
    """The person's earlier questions from Gradio's chat history (messages whose content is a string or a list
    of {"type": "text", "text": ...} parts), for the assistant's follow-up understanding."""
    out = []
    for message in history or ():
        if not isinstance(message, dict) or message.get("role") != "user":
            continue
        content = message.get("content")
        if isinstance(content, str):
            text = content
        elif isinstance(content, list):
            text = " ".join(p.get("text", "") for p in content if isinstance(p, dict) and p.get("type") == "text")
        else:
            text = ""
        if text.strip():
            out.append(text.strip())
    return out


def documents_frame(docs: Sequence[DocumentRecord]) -> pd.DataFrame:
    """The documents in the index, one row each: company (short name), period, document id."""
    return pd.DataFrame({"company": [d.short_name or d.company for d in docs], "period": [d.period for d in docs],
                         "document": [d.document for d in docs]}, columns=["company", "period", "document"])


def company_choices(docs: Sequence[DocumentRecord]) -> list[tuple[str, str]]:
    names = sorted({d.company: d.short_name or d.company for d in docs}.items(), key=lambda kv: kv[1].lower())
    return [("All companies", ALL)] + [(short, name) for name, short in names]


def document_choices(docs: Sequence[DocumentRecord], company: str | None = None) -> list[tuple[str, str]]:
    return [("All documents", ALL)] + [(f"{d.document} ({d.period})", d.document) for d in docs
                                       if not company or d.company == company]


def example_questions(docs: Sequence[DocumentRecord]) -> list[str]:
    """Examples about the bundled releases in the index; for an index of other releases, one per company."""
    stems = {d.document for d in docs}
    found = [q for needs, q in EXAMPLES if set(needs) <= stems]
    if not found:
        latest: dict[str, DocumentRecord] = {}
        for d in docs:
            latest[d.company] = d
        found = [f"What was {d.short_name or d.company}'s total revenue in {d.period}?" for d in latest.values()]
    return found[:8] or ["What was total revenue in the latest quarter?"]


def ingest_report(results: Sequence[IngestResult]) -> str:
    """One line per file: what was ingested (company, periods, facts) or why it was not."""
    lines = []
    for r in results:
        if r.status == IngestStatus.FAILED:
            lines.append(f"- ✗ **{inert(r.path.name)}**: {inert(r.error or 'failed')}")
        else:
            periods = ", ".join(r.periods[-4:])
            warnings = r.report.warnings if r.report else ()
            tables = f"{r.report.read} of {r.report.found} tables read, " if r.report else ""
            lines.append(f"- {'⚠' if warnings else '✓'} **{inert(r.document)}** {r.status.value}: {inert(r.company)} "
                         f"({inert(periods)}), {tables}{r.facts} facts")
            shown, more = r.report.first_warnings if r.report else ((), 0)
            lines += [f"    - ⚠ {inert(w)}" for w in shown]
            if more:
                lines.append(f"    - … {more} more warnings: `earnings-qa documents --report {inert(r.document)}`")
    failed = sum(r.status == IngestStatus.FAILED for r in results)
    head = f"{len(results) - failed} of {len(results)} file{'s' if len(results) != 1 else ''} ingested."
    return "\n".join([head, *lines])


# --- the library, on one thread ------------------------------------------------------------------------------------


class ModelState(StrEnum):
    IDLE = "idle"  # not warmed: the first "why" question loads it
    LOADING = "loading"
    READY = "ready"
    FAILED = "failed"


MODEL_LINES = {
    ModelState.IDLE: "",
    ModelState.LOADING: "⏳ Loading the embedding model that finds a release's reasons for “why” questions (a "
                        "minute at most); figures are answered meanwhile.",
    ModelState.READY: "✓ Ready for every question.",
    ModelState.FAILED: "⚠ The model for “why” questions did not load ({error}); figures are still answered.",
}


class Library:
    """The data home behind the UI. Answering runs on the caller's thread (Gradio's handler threads): the fact store
    gives each thread its own connection and the assistant keeps per-answer state per request, so several people
    are answered at once and a slow "why" question holds up no numeric one. Writes (ingest) run one at a time on
    the library's writer thread."""

    def __init__(self, home: Path | None = None, embedder: Any = None) -> None:
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="earnings-qa-ingest")
        # the model in a process of its own: loading it never stalls the answers being computed meanwhile
        self.index: Index = Index(home, embedder, model_in_child=True)
        self.assistant = Assistant(self.index)
        self.assistant.prepare()  # before several threads answer at once
        self._llm = settings.llm()  # None unless a language model is configured
        self.model_state = ModelState.IDLE  # the embedding model "why" questions use: shown in the page
        self.model_error = ""

    def submit(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> Future[T]:
        """Run `fn` on the writer thread, after any write before it; the Future holds its result."""
        return self._writer.submit(fn, *args, **kwargs)

    def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run `fn` on the writer thread and wait for its result."""
        return self.submit(fn, *args, **kwargs).result()

    @property
    def home(self) -> Path:
        return self.index.home

    def answer(self, question: str, *, company: str | None = None, document: str | None = None,
               history: Sequence[Any] | None = None) -> Answer:
        """The assistant's answer, with the optional language model's help when one is configured."""
        return llm.answer(self.assistant, question, self._llm, company=company, document=document, history=history)

    def documents(self) -> list[DocumentRecord]:
        return self.index.facts.documents()

    def grid(self, companies: Sequence[str], metrics: Sequence[str], periods: str = "",
             last: int | None = QUARTERS) -> Grid:
        """Companies x metrics x aligned periods (assistant.grid)."""
        return build_grid(self.assistant, companies, metrics, periods, last)

    def grid_asked(self, question: str, company: str | None = None) -> Grid | None:
        """The grid a question asks for, built; None for any other question."""
        request = self.assistant.grid_request(question, company)
        if request is None:
            return None
        return self.grid(request.companies, request.metrics, request.periods, request.last)

    def names(self) -> dict[str, str]:
        """Legal name -> the short name a chart or grid shows."""
        return {d.company: d.short_name or d.company for d in self.documents()}

    def source(self, document: str, locator: str, quote: str = "", label: str = "") -> str:
        """The source view of a figure or quote as HTML (the PDF page drawn when the file is at hand)."""
        view = open_source(self.index.facts, document, locator, quote, label)
        return html_views.source_html(view, page_image(view))

    def warm(self) -> None:
        """Load the embedding model and the retrieval half now, so the first "why" question does not wait."""
        self.model_state = ModelState.LOADING
        try:
            self.assistant.warm()
        except Exception as e:
            self.model_state, self.model_error = ModelState.FAILED, str(e)
            raise
        self.model_state = ModelState.READY

    def model_line(self) -> str:
        """What the page says of the model "why" questions use: loading (numeric questions answered meanwhile),
        ready, or why it failed."""
        return MODEL_LINES[self.model_state].format(error=inert(self.model_error))

    def close(self) -> None:
        self._writer.shutdown()
        self.index.close()


# --- the app ---------------------------------------------------------------------------------------------------


def build(library: Library) -> gr.Blocks:
    """The Gradio app over a Library: the chat (API name /chat) and a sidebar of documents, filters, examples and
    upload."""

    def respond(message: str, history: list[dict[str, Any]], company: str | None,
                document: str | None) -> Iterator[tuple[Any, ...]]:
        """The chat function: the reply so far and the two charts, streamed part by part."""
        try:
            grid = None if document else library.grid_asked(message, company or None)
            if grid is not None:  # several metrics or companies over periods: the grid, exportable
                yield grid_messages(grid, library.names()), *download_updates(grid)
                return
            answer = library.answer(message, company=company or None, document=document or None,
                                    history=questions_of(history))
        except EarningsQAError as e:
            log.warning("question %r: %s", message, e.user_message())
            yield [gr.ChatMessage(role="assistant", content=inert(e.user_message()))], *download_updates(None)
            return
        except Exception:
            log.exception("answering %r failed", message)
            yield [gr.ChatMessage(role="assistant", content=SORRY)], *download_updates(None)
            return
        downloads = download_updates(answer)
        for messages in answer_messages(answer, library.names()):
            yield messages, *downloads

    def refresh(company: str | None = None) -> tuple[Any, ...]:
        docs = library.documents()
        return (documents_frame(docs), gr.Dropdown(choices=company_choices(docs), value=company or ALL),
                gr.Dropdown(choices=document_choices(docs, company or None), value=ALL),
                gr.Dataset(samples=[[q] for q in example_questions(docs)]))

    def on_company(company: str | None) -> Any:
        return gr.Dropdown(choices=document_choices(library.documents(), company or None), value=ALL)

    def upload(files: list[str] | None, company: str | None, replace: bool,
               progress: gr.Progress = gr.Progress()) -> tuple[Any, ...]:  # noqa: B008 - Gradio's own idiom
        if not files:
            return ("No file was uploaded.", None, *refresh(company))
        try:
            kept = [keep_upload(library.home, Path(f), Path(f).name, library.index.facts, replace=replace)
                    for f in files]
            refused = [IngestResult(Path(k.name), Path(k.name).stem, IngestStatus.FAILED, error=k.error)
                       for k in kept if k.error]
            paths = [k.path for k in kept if k.path is not None]
            results = _ingest_with_progress(library, paths, progress, replace=replace) if paths else []
            report = ingest_report([*results, *refused])
        except EarningsQAError as e:
            log.warning("upload failed: %s", e.user_message())
            report = f"Upload failed: {inert(e.user_message())}"
        except Exception:
            log.exception("upload of %s failed", files)
            report = "Upload failed: something went wrong; the error has been logged."
        return (report, None, *refresh(company))  # the file box empties: the report lists the files

    docs = library.documents()
    with gr.Blocks(title="earnings-qa", analytics_enabled=False, fill_height=True, fill_width=True) as app:
        with gr.Sidebar(label="Releases", open=True, width=400):
            gr.Markdown("### Releases in the index")
            doc_table = gr.Dataframe(documents_frame(docs), interactive=False, label="Documents", max_height=240,
                                     show_label=False, wrap=True, elem_id="documents",
                                     column_widths=["34%", "22%", "44%"])
            company = gr.Dropdown(company_choices(docs), value=ALL, label="Company",
                                  info="Questions are asked about this company only.", elem_id="company-filter")
            document = gr.Dropdown(document_choices(docs), value=ALL, label="Document",
                                   info="Questions are asked about this release only.", elem_id="document-filter")
            textbox = gr.Textbox(placeholder=PLACEHOLDER, show_label=False, render=False, submit_btn=True,
                                 elem_id="question")
            examples = gr.Examples([[q] for q in example_questions(docs)], inputs=[textbox],
                                   label="Example questions")
            gr.Markdown("### Add releases")
            files = gr.File(file_count="multiple", file_types=SUFFIXES, label="Upload .txt .md .html .pdf",
                            height=110, elem_id="upload")
            replace = gr.Checkbox(False, label="Replace releases of the same name",
                                  info="Off: an upload never replaces a release already in the index.",
                                  elem_id="replace")
            status = gr.Markdown(elem_id="ingest-status")
        csv_file = gr.DownloadButton("Figures as CSV", visible=False, render=False, size="sm", elem_id="export-csv")
        xlsx_file = gr.DownloadButton("Figures as XLSX", visible=False, render=False, size="sm",
                                      elem_id="export-xlsx")
        chatbot = gr.Chatbot(label="Chat", show_label=False, elem_id="chat", sanitize_html=True,
                             render_markdown=True, allow_tags=False, latex_delimiters=[], buttons=["copy", "copy_all"],
                             feedback_options=None, scale=1, height="68vh",
                             placeholder="Ask about revenue, margins, growth and what drove it: every figure "
                                         "comes with its source.")
        with gr.Tabs(elem_id="views") as views:
            with gr.Tab("Chat", id=CHAT_TAB):
                with gr.Row(equal_height=True):
                    model_status = gr.Markdown(library.model_line(), elem_id="model-status")
                    new_chat = gr.Button("New chat", size="sm", variant="secondary", elem_id="new-chat", scale=0,
                                         min_width=110)
                    theme = gr.Button("Dark / light", size="sm", variant="secondary", elem_id="theme-toggle",
                                      scale=0, min_width=110)
                gr.ChatInterface(respond, chatbot=chatbot, textbox=textbox, additional_inputs=[company, document],
                                 additional_outputs=[csv_file, xlsx_file], api_name="chat",
                                 title="earnings-qa", description="Exact, cited numbers from company earnings "
                                 "releases.", analytics_enabled=False, fill_height=True)
                with gr.Row():
                    csv_file.render()
                    xlsx_file.render()
            with gr.Tab("Grid", id=GRID_TAB):
                gr.Markdown("Companies x metrics x calendar quarters: each company's fiscal quarters aligned to the "
                            "calendar quarter they mostly cover; every cell links to its source.")
                with gr.Row():
                    grid_companies = gr.Dropdown(company_choices(docs)[1:], multiselect=True, label="Companies",
                                                 elem_id="grid-companies", scale=2)
                    grid_metrics = gr.Dropdown(GRID_METRICS, value=list(GRID_METRICS[:3]), multiselect=True,
                                               allow_custom_value=True, label="Metrics", elem_id="grid-metrics",
                                               info="Pick or type any row a release prints.", scale=2)
                    grid_quarters = gr.Slider(1, 8, value=QUARTERS, step=1, label="Last quarters",
                                              elem_id="grid-quarters", scale=1)
                grid_button = gr.Button("Build the grid", variant="primary", elem_id="grid-build")
                grid_view = gr.Markdown(elem_id="grid")
                with gr.Row():
                    grid_csv = gr.DownloadButton("Grid as CSV", visible=False, size="sm", elem_id="grid-csv")
                    grid_xlsx = gr.DownloadButton("Grid as XLSX", visible=False, size="sm", elem_id="grid-xlsx")
            with gr.Tab("Source", id=SOURCE_TAB):
                source_panel = gr.HTML(html_views.EMPTY, elem_id="source-panel")

        # the model's warm-up, said in the page until it is over (every second while it loads)
        ticker = gr.Timer(1.0, active=library.model_state == ModelState.LOADING)
        ticker.tick(lambda: (library.model_line(), gr.Timer(active=library.model_state == ModelState.LOADING)),
                    None, [model_status, ticker], api_visibility="private", queue=False)
        app.load(lambda: (library.model_line(), gr.Timer(active=library.model_state == ModelState.LOADING)),
                 None, [model_status, ticker], api_visibility="private", queue=False)
        # a new chat: no earlier question is context any more, and the last answer's downloads go
        new_chat.click(lambda: ([], "", *download_updates(None)), None, [chatbot, textbox, csv_file, xlsx_file],
                       api_visibility="private", queue=False)
        chatbot.clear(lambda: download_updates(None), None, [csv_file, xlsx_file], api_visibility="private",
                      queue=False)
        theme.click(None, None, None, js=TOGGLE_THEME)
        app.load(None, None, None, js=NARROW_SCREEN)

        def build_picked(companies: list[str] | None, metrics: list[str] | None,
                         quarters: float) -> tuple[Any, Any, Any]:
            if not companies or not metrics:
                return "Pick at least one company and one metric.", *download_updates(None)
            try:
                grid = library.grid(companies, metrics, f"for the last {int(quarters)} quarters", int(quarters))
            except EarningsQAError as e:
                return inert(e.user_message()), *download_updates(None)
            return grid_markdown(grid, library.names()), *download_updates(grid)

        grid_button.click(build_picked, [grid_companies, grid_metrics, grid_quarters],
                          [grid_view, grid_csv, grid_xlsx], api_visibility="private")
        app.load(lambda: gr.Dropdown(choices=company_choices(library.documents())[1:]), None, grid_companies,
                 api_visibility="private", queue=False)

        def open_linked(request: gr.Request) -> tuple[Any, Any]:
            """A page opened from a figure's or quote's link (its query names the source) shows that source."""
            query = request.query_params if request is not None else {}
            if not query.get("source"):
                return gr.skip(), gr.skip()
            try:
                shown_html = library.source(query["source"], query.get("at", ""), query.get("q", ""),
                                            query.get("row", ""))
            except EarningsQAError as e:
                shown_html = f"<p class='src-note'>⚠ {html.escape(e.user_message())}</p>"
            return gr.Tabs(selected=SOURCE_TAB), shown_html

        app.load(open_linked, None, [views, source_panel], api_visibility="private", queue=False).then(
            None, None, None, js=SCROLL_TO_HIT)
        company.change(on_company, company, document, api_visibility="private", queue=False)
        # an example asks its question: Gradio's Examples only fill the box, so the box is then sent (its own
        # submit button, once the fill has landed)
        examples.dataset.click(None, None, None, js=ASK_EXAMPLE)
        files.upload(upload, [files, company, replace],
                     [status, files, doc_table, company, document, examples.dataset], api_visibility="private")
        # every page load (every session) sees the releases in the index now, uploads of other sessions included
        app.load(refresh, None, [doc_table, company, document, examples.dataset], api_visibility="private",
                 queue=False)

        def answer(question: str, company: str = "", document: str = "",
                   history: list[str] | None = None) -> dict[str, Any]:
            """Answer a question about the releases in the index: the Answer JSON contract (status answered,
            not_found or needs_clarification; figures with their sources or formulas; cited reasons), or
            status invalid_input naming what is wrong with the request. company / document narrow the scope;
            history holds the conversation's earlier questions, oldest first."""
            return answer_json(library, {"question": question, "company": company, "document": document,
                                         "history": history})

        gr.api(answer, api_name="answer")
    return app


def _ingest_with_progress(library: Library, paths: Sequence[Path], progress: gr.Progress, *,
                          replace: bool = False) -> list[IngestResult]:
    """Ingest on the library's thread; report each file to Gradio's progress bar from this (the event's) thread."""
    events: queue.Queue[tuple[Path, IngestResult | None]] = queue.Queue()
    done = 0
    progress((0, len(paths)), desc="ingesting")
    future = library.submit(library.index.ingest, list(paths), lambda p, r: events.put((p, r)), replace=replace)
    while not (future.done() and events.empty()):
        try:
            path, result = events.get(timeout=0.1)
        except queue.Empty:
            continue
        if result is not None:
            done += 1
        progress((done, len(paths)), desc=f"{'ingested' if result else 'ingesting'} {path.name}")
    return future.result()


def start(home: Path | None = None, *, host: str = "127.0.0.1", port: int = 7860, embedder: Any = None,
          auth: tuple[str, str] | None = None) -> tuple[gr.Blocks, Library]:
    """Open the data home and serve the chat on host:port in the background; close both when done."""
    library = Library(home, embedder)
    try:
        app = build(library)
        _launch(app, host, port, block=False, auth=auth)
    except BaseException:
        library.close()
        raise
    return app, library


def serve(home: Path | None = None, *, host: str = "127.0.0.1", port: int = 7860, embedder: Any = None,
          warm: bool = False, announce: Callable[[str], None] = log.info,
          auth: tuple[str, str] | None = None) -> None:
    """Serve the chat on host:port until interrupted (`earnings-qa ui`); `warm`: load the embedding model in the
    background at start-up, so the first "why" question does not wait for it; `auth`: a login (user, password)."""
    for line in exposure_warnings(host, auth):
        announce(line)
    library = Library(home, embedder)
    if warm:
        warm_in_background(library.warm, announce)
    try:
        _launch(build(library), host, port, block=True, auth=auth)
    finally:
        library.close()


_LOOPBACK = ("127.", "localhost", "::1")


def exposure_warnings(host: str, auth: tuple[str, str] | None) -> list[str]:
    """What to tell whoever serves the chat beyond this machine with no login: anyone who reaches it can ask and
    upload releases."""
    if auth is None and not host.startswith(_LOOPBACK):
        return [f"warning: serving on {host} with no login: anyone who can reach this address can ask and upload "
                "releases. Set one with --auth user:password or EARNINGS_QA_AUTH."]
    return []


def _launch(app: gr.Blocks, host: str, port: int, *, block: bool, auth: tuple[str, str] | None = None) -> None:
    app.queue(default_concurrency_limit=CONCURRENCY)
    # no web fonts, no run history kept in the browser, no server-side rendering (node): everything stays local;
    # Gradio refuses an upload over the limit before it is stored (index.uploads checks again)
    app.launch(server_name=host, server_port=port, prevent_thread_lock=not block, quiet=not block, theme=THEME,
               show_error=False, footer_links=["api"], run_history=False, ssr_mode=False, auth=auth, css=CSS,
               max_file_size=f"{settings.MAX_UPLOAD_MB.value():g}mb")


# the figures table's period and value never break mid-word ('$10,347 / million'); the label and source may wrap
# a table wider than the chat scrolls sideways rather than breaking words letter by letter; a grid's values never wrap
CSS = ("#chat table td:nth-child(2), #chat table td:nth-child(3) { white-space: nowrap; }"
       "#chat table, #grid table { display: block; overflow-x: auto; max-width: 100%; }"
       "#chat td, #chat th, #grid td, #grid th { word-break: normal; overflow-wrap: normal; }"
       "#grid td:nth-child(n+3), #grid th:nth-child(n+3) { white-space: nowrap; text-align: right; }"
       "#chat img[src^='data:image/svg'] { width: 100%; max-width: 640px; height: auto; }"
       "@media (max-width: 700px) { #views { padding: 0; } #chat { height: 60vh !important; } }"
       + html_views.CSS)
THEME = gr.themes.Default(font=["ui-sans-serif", "system-ui", "sans-serif"],
                          font_mono=["ui-monospace", "SFMono-Regular", "monospace"])  # no web fonts: offline
