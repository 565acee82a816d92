"""The `earnings-qa` command: parses options, calls the library, formats its results. No logic lives here."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from index.errors import EarningsQAError

# `ask` with one question exits with its answer's status (scripts branch on it without parsing JSON); 1 is an error
ASK_EXIT_CODES = {"answered": 0, "not_found": 3, "needs_clarification": 4}


def _index(ctx: click.Context):  # noqa: ANN202 - the import stays lazy so `--help` is instant
    from index.pipeline import Index

    return Index(ctx.obj.get("home"), embedder=ctx.obj.get("embedder"))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--home", type=click.Path(file_okay=False, path_type=Path), envvar="EARNINGS_QA_HOME",
              help="Data home (facts.sqlite and chroma/, unless EARNINGS_QA_DATABASE_URL and EARNINGS_QA_CHROMA_URL "
                   "name servers). Default: $EARNINGS_QA_HOME or the user data dir.")
@click.version_option(package_name="earnings-qa")
@click.pass_context
def cli(ctx: click.Context, home: Path | None) -> None:
    """Answers questions about earnings releases with exact, cited numbers."""
    ctx.ensure_object(dict)
    ctx.obj["home"] = home
    _say_when_the_model_loads()


def _say_when_the_model_loads() -> None:
    """One line on stderr when a command must load the embedding model (a "why" question, an ingest), so the
    wait is explained; servers log it with the rest."""
    import logging

    class Stderr(logging.StreamHandler):  # whatever sys.stderr is when it writes (tests swap it)
        @property
        def stream(self) -> Any:
            return sys.stderr

        @stream.setter
        def stream(self, value: Any) -> None:
            pass

    model_log = logging.getLogger("index.model")
    if not any(getattr(h, "earnings_qa", False) for h in model_log.handlers):
        handler = Stderr()
        handler.setFormatter(logging.Formatter("earnings-qa: %(message)s"))
        handler.earnings_qa = True  # type: ignore[attr-defined]
        model_log.addHandler(handler)
        model_log.setLevel(logging.INFO)
        model_log.propagate = False


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--replace", is_flag=True, help="Let a file replace an indexed document of the same id (its file "
              "name without extension) that came from another path. Without it such a file is refused.")
@click.option("--force", is_flag=True, help="Read and embed every file again, even one unchanged since it was "
              "ingested (after an upgrade of the parsers).")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[Path, ...], replace: bool, force: bool) -> None:
    """Ingest release files or folders (.txt .md .html .htm .pdf, recursively)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table
    from rich.text import Text

    from index.errors import shown
    from index.pipeline import Status, discover

    err = _console(stderr=True)
    out = _console()
    files, _ = discover(paths)
    with _index(ctx) as index, Progress(TextColumn("{task.description}", markup=False), BarColumn(),
                                        MofNCompleteColumn(), TimeElapsedColumn(), console=err,
                                        transient=False) as progress:
        task = progress.add_task("ingesting", total=len(files))

        def on_progress(path: Path, result: object) -> None:
            if result is None:
                progress.update(task, description=f"ingesting {shown(path.name)}")
            else:
                progress.advance(task)

        results = index.ingest(paths, on_progress=on_progress, replace=replace, force=force)
        progress.update(task, description="done")
    table = Table(title=None, show_lines=False)
    for col in ("document", "company", "periods", "tables", "facts", "chunks", "status"):
        table.add_column(col, justify="right" if col in ("tables", "facts", "chunks") else "left")
    for r in results:
        periods = ("… " if len(r.periods) > 4 else "") + ", ".join(r.periods[-4:])
        status = r.status.value if r.status != Status.FAILED else f"failed: {r.error}"
        if r.report and r.report.warnings:
            status += f", {_count(len(r.report.warnings), 'warning')}"
        tables = r.report.tables_line if r.report else ""
        table.add_row(*(Text(shown(c)) for c in (r.document, r.company, periods, tables, str(r.facts),
                                                  str(r.chunks), status)))
    out.print(table)
    for r in results:
        for line in _warning_lines(r.document, r.report):
            err.print(Text("warning ", style="yellow") + Text(shown(line)), highlight=False)
    failed = [r for r in results if r.status == Status.FAILED]
    for r in failed:
        err.print(Text("error ", style="red") + Text(r.error or ""), highlight=False)
    if failed:
        sys.exit(1)


@cli.command()
@click.option("--dry-run", is_flag=True, help="Only report; change nothing.")
@click.pass_context
def check(ctx: click.Context, dry_run: bool) -> None:
    """Check that the fact store and the vector store agree, and repair what an interrupted ingest left: chunks
    of no committed document version are deleted, an incomplete document is ingested again from its file. Exit 1
    if the home is still inconsistent."""
    from index.errors import shown

    with _index(ctx) as index:
        report = index.check(repair=not dry_run)
    click.echo(f"{report.documents} documents, {report.chunks} chunks of committed versions")
    if report.stale_chunks:
        click.echo(f"{report.stale_chunks} chunks of no committed version"
                   + (" (deleted)" if report.repaired else ""))
    for name in report.incomplete:
        mark = " (ingested again)" if name in report.reingested else ""
        click.echo(f"incomplete: {shown(name)}{mark}")
    for why in report.unrepaired:
        click.echo(f"not repaired: {why}", err=True)
    click.echo("consistent" if report.consistent else "inconsistent")
    if not report.consistent:
        sys.exit(1)


@cli.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="The Answer as JSON (one object per line with '-').")
@click.option("--company", help="Scope the question to a company (name, short name or ticker).")
@click.option("--document", help="Scope the question to a document id (file name without extension).")
@click.option("--history", "history_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Earlier questions of the conversation, oldest first: a JSON list, or one question per line. "
                   "The question takes the company, metric or period it does not name from them.")
@click.option("--llm", "llm_mode", type=click.Choice(["off", "fallback", "always"]), default=None,
              help="The optional language model (EARNINGS_QA_LLM_BASE_URL, _MODEL): read questions the rules cannot "
                   "(fallback, the default once configured) or every question (always). It never gives a number.")
@click.option("--prose/--no-prose", default=None, help="Also a paragraph by the language model, shown only when every "
              "number in it is one of the answer's (else EARNINGS_QA_LLM_PROSE).")
@click.option("--agent", is_flag=True, help="Let the language model answer as an agent over the tools; its words are "
              "shown only when every number in them is one the tools returned.")
@click.pass_context
def ask(ctx: click.Context, question: str, as_json: bool, company: str | None, document: str | None,
        history_file: Path | None, llm_mode: str | None, prose: bool | None, agent: bool) -> None:
    """Ask a question. QUESTION '-' reads one question per line from stdin (plain text, or a JSON object with
    "question", "company", "document", "history") and writes one answer per line, in order.

    Exit status of one question: 0 answered, 3 not found, 4 needs clarification (1 for an error). With '-' each
    line's answer carries its own status and the exit status is 0."""
    from assistant.requests import invalid_reply, parse_request, read_history
    from assistant.respond import Assistant
    from index import settings
    from index.errors import ConfigError, RequestError

    history = read_history(history_file.read_text(encoding="utf-8")) if history_file else ()
    cfg = settings.llm(llm_mode, prose)
    if agent and cfg is None:
        raise ConfigError("ask --agent needs a language model: set EARNINGS_QA_LLM_BASE_URL and EARNINGS_QA_LLM_MODEL")
    with _index(ctx) as index:
        assistant = Assistant(index)

        def answer(q: str, company: str | None, document: str | None, history: tuple[str, ...]) -> Any:
            from assistant import llm

            if agent and cfg is not None:
                return llm.agent_answer(assistant, q, cfg)
            return llm.answer(assistant, q, cfg, company=company, document=document, history=history)

        if question != "-":
            result = answer(question, company, document, history)
            if as_json:
                click.echo(json.dumps(result.to_json(), ensure_ascii=False))
            elif sys.stdout.isatty():
                _console().print(_markdown(result.answer))
            else:  # piped: the Markdown itself
                click.echo(result.answer)
            code = ASK_EXIT_CODES[result.status.value]
            if code:
                sys.exit(code)
            return
        for number, line in enumerate(sys.stdin, start=1):
            if not line.strip():
                continue
            try:
                req = parse_request(line, company, document, history)
            except RequestError as e:
                bad = invalid_reply(number, e)
                sys.stdout.write(json.dumps(bad, ensure_ascii=False) + "\n" if as_json else bad["answer"] + "\n\n")
                sys.stdout.flush()
                continue
            result = answer(req.question, req.company, req.document, req.history)
            if as_json:
                sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
            else:
                sys.stdout.write(result.answer + "\n\n")
            sys.stdout.flush()


def _wild_report(ctx: click.Context, corpus: Path | None, out: Path | None) -> None:
    from rich.markup import escape
    from rich.table import Table

    from evals import run as runner
    from evals import wild
    from index import settings
    from index.pipeline import Index

    folder = corpus or wild.WILD
    home = settings.data_home(ctx.obj.get("home")) / "wild"
    err = _console(stderr=True)
    with Index(home, embedder=ctx.obj.get("embedder")) as index:
        for r in index.ingest(wild.releases(folder)):
            if r.status.value == "failed":
                err.print(f"[yellow]not ingested[/yellow] {escape(r.error or '')}", highlight=False)
        reports = wild.run(index, wild.releases(folder),
                           on_release=lambda d: err.print(f"checking {d}", highlight=False, markup=False))
    table = Table()
    cols = ("group", "releases", "read errors", "with facts", "facts", "metadata right", "table coverage",
            "consistency", "round trip", "crashes")
    for col in cols:
        table.add_column(col, justify="left" if col == "group" else "right")
    groups = {"all": wild.totals(reports)}
    groups["format"] = wild.totals(reports, lambda r: r.fmt)
    groups["currency"] = wild.totals(reports, lambda r: r.currency_group or "?")
    for kind, rows in groups.items():
        for name, t in rows.items():
            table.add_row(name if kind == "all" else f"{kind}: {name}", str(t["releases"]), str(t["errors"]),
                          str(t["with_facts"]), str(t["facts"]), str(t["metadata_right"]), f"{t['coverage']:.1%}",
                          f"{t['checks_passed']}/{t['checks']}", f"{t['round_trip_right']}/{t['round_trip']}",
                          str(t["crashes"]))
    _console().print(table)
    written = wild.write(reports, out or runner.default_reports())
    click.echo("reports: " + ", ".join(str(p) for p in written))
    if groups["all"]["all"]["crashes"]:
        sys.exit(1)


@cli.command(name="eval")
@click.argument("datasets", nargs=-1)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for eval.md, eval.json and eval-junit.xml (default: ./eval-reports).")
@click.option("--update-baseline", is_flag=True, help="Accept the results as the new evals/baseline.json.")
@click.option("--corpus", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Releases to evaluate on (default: the bundled corpus).")
@click.option("--wild", is_flag=True, help="Instead of the datasets: the label-free generalization report over "
              "evals/corpus/wild (metadata, table coverage, consistency, round trip, a ten-question battery); exit 1 "
              "if any question crashed.")
@click.pass_context
def eval_(ctx: click.Context, datasets: tuple[str, ...], out: Path | None, update_baseline: bool,
          corpus: Path | None, wild: bool) -> None:
    """Run eval datasets (default: every bundled one) against a data home built from the bundled corpus
    (<data home>/eval), print a table, write reports, and exit 1 if a case that was right in the baseline is now
    not right or a set falls below its threshold."""
    from rich.markup import escape
    from rich.table import Table

    if wild:
        _wild_report(ctx, corpus, out)
        return

    from evals import run as runner
    from evals.datasets import dataset_paths
    from index import settings
    from index.errors import DatasetError
    from index.pipeline import Index

    paths = dataset_paths(datasets)
    home = settings.data_home(ctx.obj.get("home")) / "eval"
    err = _console(stderr=True)
    with Index(home, embedder=ctx.obj.get("embedder")) as index:
        failed = [r for r in index.ingest([corpus or runner.CORPUS]) if r.status.value == "failed"]
        for r in failed:
            err.print(f"[red]error[/red] {escape(r.error or '')}", highlight=False)
        report = runner.run(paths, index)
    if not any(r.scores for r in report.sets):
        raise DatasetError(f"no eval case ran: {', '.join(p.name for p in paths)} hold none")
    baseline = runner.load_json(runner.BASELINE)
    runner.compare(report, {} if update_baseline else baseline, runner.load_json(runner.THRESHOLDS))
    table = Table()
    for col in ("set", "cases", "right", "wrong number", "refused", "other", "accuracy"):
        table.add_column(col, justify="left" if col == "set" else "right")
    for r in report.sets:
        table.add_row(r.name, str(len(r.scores)), *(str(n) for n in r.tally()), f"{r.accuracy:.1%}")
    _console().print(table)
    from evals.retrieval import summary

    for r in report.sets:
        m = summary(r.retrieval)
        if m["cases"]:
            click.echo(f"{r.name}: retrieval of the cited reason over {m['cases']} explanation cases: "
                       f"hit rate {m['hit_rate']:.2f}, MRR {m['mrr']:.2f}")
    for line in report.regressions + report.below:
        err.print(f"[red]gate[/red] {line}", highlight=False)
    written = runner.write_reports(report, out or runner.default_reports())
    click.echo("reports: " + ", ".join(str(p) for p in written))
    if update_baseline:
        runner.BASELINE.write_text(json.dumps(runner.baseline_of(report), indent=1, sort_keys=True) + "\n",
                                   encoding="utf-8")
        click.echo(f"baseline updated: {runner.BASELINE}")
    elif report.failed:
        sys.exit(1)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to serve on (0.0.0.0: every interface).")
@click.option("--port", type=int, default=7860, show_default=True, help="The port to serve on.")
@click.option("--warm/--no-warm", default=True, show_default=True, help="Load the embedding model at start-up, in "
              "the background (in a process of its own), so the first \"why\" question does not wait for it.")
@click.option("--auth", metavar="USER:PASSWORD", help="Ask for this login before the chat (else EARNINGS_QA_AUTH; "
              "unset: no login, for this machine alone).")
@click.pass_context
def ui(ctx: click.Context, host: str, port: int, warm: bool, auth: str | None) -> None:
    """Start the web chat (Gradio) at http://HOST:PORT: ask questions, see the figures, their sources and charts,
    filter by company or document, and upload releases."""
    import logging

    from ui import web  # imports gradio: only this command needs it

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    click.echo(f"earnings-qa chat on http://{host}:{port} (Ctrl+C stops it)", err=True)
    from index import settings

    login = settings.parse_auth(auth) if auth else settings.web_auth()
    web.serve(ctx.obj.get("home"), host=host, port=port, embedder=ctx.obj.get("embedder"), warm=warm,
              announce=lambda line: click.echo(line, err=True), auth=login)


@cli.command()
@click.option("--socket", "mode", flag_value="socket",
              help="Socket Mode: SLACK_APP_TOKEN and SLACK_BOT_TOKEN (the default when SLACK_APP_TOKEN is set).")
@click.option("--http", "mode", flag_value="http",
              help="HTTP mode: Slack posts to http://HOST:PORT/slack/events; SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET.")
@click.option("--host", default="127.0.0.1", show_default=True, help="HTTP mode: the address to listen on.")
@click.option("--port", type=int, default=3000, show_default=True, help="HTTP mode: the port (0: any free port).")
@click.option("--warm/--no-warm", default=True, show_default=True, help="Load the embedding model at start-up, in "
              "the background (in a process of its own), so the first \"why\" question does not wait for it.")
@click.pass_context
def slack(ctx: click.Context, mode: str | None, host: str, port: int, warm: bool) -> None:
    """Run the Slack bot: answers mentions, direct messages and /earnings. SLACK_API_URL moves the Web API."""
    import logging

    from ui import slack as bot

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    bot.run(mode, home=ctx.obj.get("home"), embedder=ctx.obj.get("embedder"), host=host, port=port,
            announce=lambda line: click.echo(line, err=True), warm=warm)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to serve on.")
@click.option("--port", type=int, default=7860, show_default=True, help="The port of both (0: any free port).")
@click.option("--warm/--no-warm", default=True, show_default=True, help="Load the embedding model at start-up, in "
              "the background (in a process of its own), so the first \"why\" question does not wait for it.")
@click.option("--auth", metavar="USER:PASSWORD", help="The web chat's login (else EARNINGS_QA_AUTH).")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, warm: bool, auth: str | None) -> None:
    """Serve the web chat at / and the Slack bot (HTTP mode) at /slack/events from one process: one data home,
    model and Chroma client for both. SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET as for `slack --http`."""
    import logging

    from index import settings
    from ui import together

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    login = settings.parse_auth(auth) if auth else settings.web_auth()
    together.serve(ctx.obj.get("home"), host=host, port=port, embedder=ctx.obj.get("embedder"), warm=warm,
                   auth=login, announce=lambda line: click.echo(line, err=True))


@cli.command()
@click.option("--http", "http", is_flag=True, help="Streamable HTTP at http://HOST:PORT/mcp instead of stdin/stdout.")
@click.option("--host", default="127.0.0.1", show_default=True, help="HTTP: the address to serve on.")
@click.option("--port", type=int, default=8765, show_default=True, help="HTTP: the port.")
@click.pass_context
def mcp(ctx: click.Context, http: bool, host: str, port: int) -> None:
    """Serve the tools (lookup_figure, calculate, find_reasons, list_companies, list_periods, list_metrics) over
    the Model Context Protocol, for agents: on stdin/stdout (what an MCP client launches), or with --http."""
    from assistant.respond import Assistant
    from ui import mcp_server

    with _index(ctx) as index:
        mcp_server.serve(Assistant(index), http=http, host=host, port=port)


def _markdown(text: str):  # noqa: ANN202
    from rich.markdown import Markdown

    return Markdown(text)


@cli.command()
@click.option("--company", help="Company name, short name or ticker.")
@click.option("--document", help="Document id (file name without extension).")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one fact per line.")
@click.option("--csv", "as_csv", is_flag=True, help="CSV with a header line, values exact in base units.")
@click.pass_context
def facts(ctx: click.Context, company: str | None, document: str | None, as_json: bool, as_csv: bool) -> None:
    """List extracted facts."""
    if as_json and as_csv:
        raise click.UsageError("choose one of --json and --csv")
    with _index(ctx) as index:
        company_name = resolve_company(index, company) if company else None
        rows = index.facts.facts(document=document, company=company_name)
    if as_csv:
        from assistant.exports import FACT_COLUMNS, fact_rows, write_csv

        write_csv(fact_rows(rows), FACT_COLUMNS, click.get_text_stream("stdout"))
        return
    if as_json:
        for f in rows:
            click.echo(json.dumps(f.to_json(), ensure_ascii=False))
        return
    from rich.table import Table

    table = Table()
    for col in ("document", "period", "label", "value", "unit", "locator"):
        table.add_column(col)
    for f in rows:
        table.add_row(f.document, f.period, f.label, f"{f.value:,}", f.currency or f.unit.value, f.locator)
    _console().print(table)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one document per line (with its ingest report).")
@click.option("--report", "report_of", metavar="DOCUMENT", help="The ingest report of one document: every table "
              "found (read, partly read or skipped, with the reason), its facts by statement and its warnings.")
@click.pass_context
def documents(ctx: click.Context, as_json: bool, report_of: str | None) -> None:
    """List ingested documents: tables read of those found, facts, chunks and warnings."""
    from index.errors import UnknownDocumentError

    with _index(ctx) as index:
        docs = index.facts.documents()
    if report_of is not None:
        doc = next((d for d in docs if d.document == report_of), None)
        if doc is None:
            raise UnknownDocumentError(report_of, [d.document for d in docs])
        _print_report(doc)
        return
    if as_json:
        for d in docs:
            click.echo(json.dumps({
                "document": d.document, "company": d.company, "ticker": d.ticker, "period": d.period,
                "period_end": d.period_end.isoformat() if d.period_end else None, "periods": list(d.periods),
                "format": d.format, "currency": d.currency, "facts": d.facts, "chunks": d.chunks,
                "encoding": d.encoding or None, "report": d.report.to_json() if d.report else None,
            }, ensure_ascii=False))
        return
    from rich.table import Table

    table = Table()
    for col in ("document", "company", "period", "periods", "format", "tables", "facts", "chunks", "warnings"):
        table.add_column(col, justify="right" if col in ("tables", "facts", "chunks", "warnings") else "left")
    for d in docs:
        periods = ("… " if len(d.periods) > 4 else "") + ", ".join(d.periods[-4:])
        tables, warnings = (d.report.tables_line, str(len(d.report.warnings))) if d.report else ("?", "?")
        table.add_row(d.document, d.company, d.period, periods, d.format, tables, str(d.facts), str(d.chunks),
                      warnings)
    _console().print(table)
    click.echo(f"{len(docs)} documents, {sum(d.facts for d in docs)} facts, {sum(d.chunks for d in docs)} chunks")
    if any(d.report is None for d in docs):
        click.echo("?: ingested before reports were kept; `earnings-qa ingest --force PATH` makes one")


def _print_report(doc) -> None:  # noqa: ANN001 - index.facts.DocumentRecord, imported lazily
    from rich.table import Table
    from rich.text import Text

    from index.errors import shown

    out = _console()
    report = doc.report
    if report is None:
        click.echo(f"{doc.document}: ingested before reports were kept; `earnings-qa ingest --force {doc.path}` "
                   "makes one")
        return
    click.echo(f"{doc.document}: {report.read} of {_count(report.found, 'table')} read, {report.skipped} skipped; "
               f"{_count(doc.facts, 'fact')}")
    table = Table()
    for col in ("where", "table", "rows", "facts", "outcome"):
        table.add_column(col, justify="right" if col in ("rows", "facts") else "left")
    for t in report.tables:
        outcome = f"{t.outcome.value}: {t.reason}" if t.reason else t.outcome.value
        table.add_row(*(Text(shown(c)) for c in (t.where, t.title, str(t.rows), str(t.facts), outcome)))
    out.print(table)
    click.echo("facts by statement: " + ", ".join(f"{s.value} {n}" for s, n in report.statements))
    for w in report.warnings:
        click.echo(f"warning: {shown(w)}")


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def _warning_lines(document: str, report) -> list[str]:  # noqa: ANN001 - index.reports.IngestReport | None
    """A document's first warnings, and where the rest are."""
    if report is None:
        return []
    shown, more = report.first_warnings
    lines = [f"{document}: {w}" for w in shown]
    if more:
        lines.append(f"{document}: {more} more (earnings-qa documents --report {document})")
    return lines


def _console(stderr: bool = False):  # noqa: ANN202
    from rich.console import Console

    console = Console(stderr=stderr)
    return console if console.is_terminal else Console(width=200, soft_wrap=True, stderr=stderr)


def resolve_company(index, name: str) -> str:  # noqa: ANN001
    """The stored company a name, short name, ticker or close misspelling means."""
    from assistant.respond import Assistant

    return Assistant(index).resolve_company(name)


def main() -> None:
    try:
        cli(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    except EarningsQAError as e:
        click.echo(f"Error: {e.user_message()}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
