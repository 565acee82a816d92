"""The Slack bot (`earnings-qa slack`): a thin slack-bolt adapter over the assistant.

It answers app mentions and direct messages in the thread of the message (a follow-up in a thread takes the
thread's earlier turns as `history`) and the `/earnings` slash command (acknowledged at once, answered through the
command's response URL). Replies are Block Kit: a section with the one-line answer, a table block of the figures,
a context block with the sources and the quoted reasons, and always a plain-text fallback.

Modes: Socket Mode (`SLACK_APP_TOKEN` + `SLACK_BOT_TOKEN`) or HTTP (`SLACK_BOT_TOKEN` + `SLACK_SIGNING_SECRET`,
events, commands on `/slack/events`). In HTTP mode bolt's RequestVerification middleware refuses a request whose
signature is wrong or whose timestamp is more than five minutes off with 401, before any listener runs (and the
endpoint refuses a timestamp that is no number, on which bolt would answer 500).
`SLACK_API_URL` moves the Web API base URL (a local mock in tests).

Only parsing, the library call and Slack formatting live here; answering is `assistant.respond.Assistant`.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal, InvalidOperation
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import TYPE_CHECKING, Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from slack_bolt import App, BoltResponse
from slack_bolt.error import BoltError
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from assistant import compose
from assistant.answers import Answer, Figure
from index.errors import ConfigError, EarningsQAError

if TYPE_CHECKING:
    from assistant.respond import Assistant
    from index.pipeline import Index

__all__ = ["COMMAND", "EVENTS_PATH", "Answerer", "answer_message", "build_app", "error_message", "http_server",
           "question_text", "run", "thread_history"]

COMMAND = "/earnings"
EVENTS_PATH = "/slack/events"
UNEXPECTED = "Sorry, something went wrong while answering that. The error is logged; please try again."

log = logging.getLogger(__name__)

# Slack's limits: a section's text and a context element hold 3,000 characters, a context block 10 elements,
# a table block 100 rows (here: the header and 99 figures); one table block per message.
_TEXT_MAX = 3000
_CONTEXT_MAX = 10
_TABLE_ROWS_MAX = 100
_FALLBACK_MAX = 3900  # Slack truncates `text` far later (40,000), but advises keeping it under 4,000


# --- answering on one thread ------------------------------------------------------------------------------------

class Answerer:
    """Owns the data home on one worker thread: the index is opened once, and every question is answered on that
    thread (the fact store's SQLite connection belongs to the thread that opened it, and the Assistant keeps
    per-answer state), one at a time, in the order the questions came."""

    def __init__(self, home: Path | None = None, embedder: Any = None) -> None:
        self._home = home
        self._embedder = embedder
        self._index: Index | None = None
        self._assistant: Assistant | None = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="earnings-qa-answer")

    def open(self) -> None:
        """Open the data home now (else on the first question): a bad home fails at start-up, not in a reply."""
        self._pool.submit(self._open).result()

    def answer(self, question: str, history: Sequence[Any] = ()) -> Answer:
        return self._pool.submit(self._answer, question, list(history)).result()

    def close(self) -> None:
        self._pool.submit(self._close).result()
        self._pool.shutdown(wait=True)

    def _open(self) -> Assistant:
        if self._assistant is None:
            from assistant.respond import Assistant
            from index.pipeline import Index

            self._index = Index(self._home, embedder=self._embedder)
            self._assistant = Assistant(self._index)
        return self._assistant

    def _answer(self, question: str, history: list[Any]) -> Answer:
        return self._open().answer(question, history=history)

    def _close(self) -> None:
        if self._index is not None:
            self._index.close()
        self._index = self._assistant = None


# --- Slack input ------------------------------------------------------------------------------------------------

_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|([^>]*))?>")
_CHANNEL = re.compile(r"<#[A-Z0-9]+\|([^<>]*)>")  # <#C1|general>
_LABELLED = re.compile(r"<[^<>|]*\|([^<>]*)>")  # <https://x|label>
_BARE = re.compile(r"<([^<>]*)>")  # <https://x>, <!here>


def question_text(text: str, bot_user_id: str | None = None) -> str:
    """A Slack message as the question it asks: the bot's mention removed, other mentions and links as their
    labels, and Slack's escapes (&amp; &lt; &gt;) undone ("G&amp;A" -> "G&A")."""

    def mention(m: re.Match[str]) -> str:
        if bot_user_id and m.group(1) == bot_user_id:
            return " "
        return "@" + (m.group(2) or m.group(1))

    text = _MENTION.sub(mention, text or "")
    text = _CHANNEL.sub(lambda m: "#" + m.group(1), text)
    text = _LABELLED.sub(lambda m: m.group(1), text)
    text = _BARE.sub(lambda m: m.group(1).lstrip("!"), text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return " ".join(text.split())


def thread_history(messages: Iterable[Mapping[str, Any]], *, before: str, bot_user_id: str | None,
                   bot_id: str | None, direct: bool) -> list[dict[str, str]]:
    """The earlier turns of a thread as chat messages for `Assistant.answer(history=...)`: the bot's replies as
    `assistant` turns, and as `user` turns the messages before `before` (a message ts) that were asked of the bot
    (in a direct message every message; in a channel those that mention the bot)."""
    limit = _ts(before)
    turns: list[dict[str, str]] = []
    for m in messages:
        if _ts(m.get("ts")) >= limit:
            continue
        text = m.get("text") or ""
        if (bot_id and m.get("bot_id") == bot_id) or (bot_user_id and m.get("user") == bot_user_id):
            turns.append({"role": "assistant", "content": text})
        elif m.get("subtype") is None and (direct or (bot_user_id and f"<@{bot_user_id}" in text)):
            question = question_text(text, bot_user_id)
            if question:
                turns.append({"role": "user", "content": question})
    return turns


def _ts(value: Any) -> Decimal:
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return Decimal(0)


# --- Slack output -----------------------------------------------------------------------------------------------

def answer_message(answer: Answer) -> dict[str, Any]:
    """The Slack message of an Answer: `text` (the plain fallback) and `blocks` (the headline and its notes in a
    section, the figures in a table block, sources and quoted reasons in a context block)."""
    head = _mrkdwn(answer.headline or answer.answer)
    if answer.notes:
        head += "\n" + "\n".join(_mrkdwn(n) for n in answer.notes)
    blocks: list[dict[str, Any]] = [_section(head)]
    shown = answer.figures[: _TABLE_ROWS_MAX - 1]
    if shown:
        blocks.append(_table(shown, answer.currency))
    context = _context(answer, len(answer.figures) - len(shown))
    if context:
        blocks.append({"type": "context", "elements": context})
    return {"text": _fallback(answer), "blocks": blocks}


def error_message(message: str) -> dict[str, Any]:
    """A reply that says answering failed and why (the library's user message), never silence."""
    text = f":warning: Error: {message}"
    return {"text": _cut(_mrkdwn(text), _FALLBACK_MAX), "blocks": [_section(_mrkdwn(text))]}


def _table(figures: Sequence[Figure], currency: str | None) -> dict[str, Any]:
    rows = [[_raw(h) for h in ("figure", "period", "value", "source")]]
    rows += [[_raw(cell) for cell in compose.figure_row(f, currency)] for f in figures]
    return {"type": "table", "rows": rows,
            "column_settings": [{"is_wrapped": True}, {"align": "left"}, {"align": "right"}, {"is_wrapped": True}]}


def _context(answer: Answer, hidden: int) -> list[dict[str, Any]]:
    elements: list[dict[str, Any]] = []
    sources = list(dict.fromkeys(f"{f.source.document}: {f.source.locator}" for f in answer.figures
                                 if f.is_reported and f.source))
    if sources:
        elements.append(_ctx("*Sources*\n" + "\n".join(f"• {_mrkdwn(s)}" for s in sources)))
    if hidden:
        elements.append(_ctx(f"… and {hidden} more figures (a Slack table holds {_TABLE_ROWS_MAX - 1})."))
    for c in answer.citations:
        if len(elements) == _CONTEXT_MAX:
            break
        elements.append(_ctx(f"“{_mrkdwn(c.quote)}” ({_mrkdwn(c.document)}, {_mrkdwn(c.locator)})"))
    return elements


def _fallback(answer: Answer) -> str:
    lines = [answer.headline or answer.answer, *answer.notes]
    for f in answer.figures:
        label, period, value, source = compose.figure_row(f, answer.currency)
        lines.append(f"• {label}, {period}: {value} ({source})")
    for c in answer.citations:
        lines.append(f"“{c.quote}” ({c.document}, {c.locator})")
    return _cut(_mrkdwn("\n".join(lines)), _FALLBACK_MAX)


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": _cut(text, _TEXT_MAX)}}


def _ctx(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": _cut(text, _TEXT_MAX)}


def _raw(text: str) -> dict[str, str]:
    return {"type": "raw_text", "text": text or "—"}  # a table cell's text may not be empty


def _mrkdwn(text: str) -> str:
    """Slack's three escapes, so '&', '<' and '>' in figures and quotes print as themselves."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    amp = cut.rfind("&")
    if amp > cut.rfind(";"):  # never end inside an escape
        cut = cut[:amp]
    return cut + "…"


# --- the bolt app ------------------------------------------------------------------------------------------------

def build_app(answerer: Answerer, *, bot_token: str, signing_secret: str | None = None,
              api_url: str | None = None) -> App:
    """The bolt App: its listeners only turn Slack input into a question (and history), ask `answerer`, and post
    the formatted reply. Checks the bot token with auth.test now (a ConfigError if Slack refuses it)."""
    base_url = api_url or WebClient.BASE_URL
    client = WebClient(token=bot_token, base_url=base_url if base_url.endswith("/") else base_url + "/")
    try:
        app = App(client=client, signing_secret=signing_secret or "", process_before_response=False)
    except (BoltError, SlackApiError, OSError) as e:
        raise ConfigError(f"Slack did not accept SLACK_BOT_TOKEN ({e})") from e

    def reply(question: str, history: Sequence[Any] = ()) -> dict[str, Any]:
        try:
            result = answerer.answer(question, history)
        except EarningsQAError as e:
            log.warning("answering %r failed: %s", question, e.user_message())
            return error_message(e.user_message())
        except Exception:  # the bot's outermost boundary: a reply, never silence; the traceback goes to the log
            log.exception("answering %r failed", question)
            return error_message(UNEXPECTED)
        return answer_message(result)

    def answer_in_thread(event: Mapping[str, Any], context: Mapping[str, Any], web: WebClient, direct: bool) -> None:
        bot_user_id, bot_id = context.get("bot_user_id"), context.get("bot_id")
        question = question_text(event.get("text") or "", bot_user_id)
        history: list[dict[str, str]] = []
        thread_ts = event.get("thread_ts")
        if thread_ts and thread_ts != event.get("ts"):
            try:
                replies = web.conversations_replies(channel=event["channel"], ts=thread_ts, limit=200)
                history = thread_history(replies.get("messages") or [], before=event["ts"],
                                         bot_user_id=bot_user_id, bot_id=bot_id, direct=direct)
            except SlackApiError as e:
                log.warning("cannot read the thread (%s): answering without its earlier turns",
                            e.response.get("error"))
        message = reply(question, history)
        where = {"channel": event["channel"], "thread_ts": thread_ts or event["ts"]}
        try:
            web.chat_postMessage(**where, **message)
        except SlackApiError as e:  # e.g. invalid_blocks where a workspace does not take table blocks yet
            log.warning("Slack refused the reply (%s): posting its plain text", e.response.get("error"))
            web.chat_postMessage(**where, text=message["text"])

    @app.event("app_mention")
    def on_mention(event: dict[str, Any], context: dict[str, Any], client: WebClient) -> None:
        if str(event.get("channel", "")).startswith("D"):
            return  # a mention in a direct message is answered once, as the message
        answer_in_thread(event, context, client, direct=False)

    @app.event("message")
    def on_message(event: dict[str, Any], context: dict[str, Any], client: WebClient) -> None:
        if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
            return  # edits, joins and bot messages are no questions; channel messages come as mentions
        answer_in_thread(event, context, client, direct=True)

    @app.command(COMMAND)
    def on_command(ack: Callable[..., None], command: dict[str, Any], respond: Callable[..., Any]) -> None:
        ack()  # within Slack's 3 seconds; the answer follows through the response URL
        message = reply(question_text(command.get("text") or ""))
        sent = respond(**message, response_type="ephemeral")
        if sent.status_code != 200:
            log.warning("the response URL refused the reply (%s %s): sending its plain text", sent.status_code,
                        sent.body)
            respond(text=message["text"], response_type="ephemeral")

    return app


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s - " + format, self.address_string(), *args)


def http_server(app: App, host: str = "127.0.0.1", port: int = 3000) -> WSGIServer:
    """A threaded standard-library HTTP server running bolt's WSGI adapter on EVENTS_PATH (bolt verifies each
    request's signature and timestamp). Port 0 takes a free port: `server.server_port` tells which."""
    from slack_bolt.adapter.wsgi import SlackRequestHandler

    class Endpoint(SlackRequestHandler):
        """bolt's adapter, except that a timestamp header that is no number is refused with 401 like a stale one
        (slack_sdk's verifier raises ValueError on it, which bolt answers with 500)."""

        def dispatch(self, request: Any) -> BoltResponse:
            stamp = request.get_headers().get("x-slack-request-timestamp", "0")
            try:
                int(stamp)
            except ValueError:
                return BoltResponse(status=401, body={"error": "invalid request"})
            return super().dispatch(request)

    return make_server(host, port, Endpoint(app, path=EVENTS_PATH), server_class=_ThreadingWSGIServer,
                       handler_class=_QuietHandler)


def run(mode: str | None = None, *, home: Path | None = None, embedder: Any = None, host: str = "127.0.0.1",
        port: int = 3000, announce: Callable[[str], None] = print) -> None:
    """Run the bot until interrupted: `mode` "socket" or "http" (default: socket when SLACK_APP_TOKEN is set)."""
    env = os.environ
    mode = mode or ("socket" if env.get("SLACK_APP_TOKEN") else "http")
    bot_token = _setting("SLACK_BOT_TOKEN", "the bot token (xoxb-...) from the app's OAuth & Permissions page")
    if mode == "socket":
        app_token = _setting("SLACK_APP_TOKEN", "an app-level token (xapp-...) with connections:write, for Socket Mode")
        secret = env.get("SLACK_SIGNING_SECRET")
    else:
        secret = _setting("SLACK_SIGNING_SECRET", "the signing secret from the app's Basic Information page")
    answerer = Answerer(home, embedder)
    try:
        answerer.open()
        app = build_app(answerer, bot_token=bot_token, signing_secret=secret, api_url=env.get("SLACK_API_URL"))
        if mode == "socket":
            from slack_bolt.adapter.socket_mode import SocketModeHandler

            handler = SocketModeHandler(app, app_token)
            try:
                try:
                    handler.connect()
                except (SlackApiError, OSError) as e:
                    raise ConfigError(f"Slack did not open a Socket Mode connection for SLACK_APP_TOKEN ({e})") from e
                announce("connected to Slack in Socket Mode" if handler.client.is_connected()
                         else "connecting to Slack in Socket Mode (retrying)")
                threading.Event().wait()  # the client's own threads receive; Ctrl+C ends the wait
            finally:
                handler.close()
        else:
            server = http_server(app, host, port)
            announce(f"listening on http://{host}:{server.server_port}{EVENTS_PATH}")
            try:
                server.serve_forever()
            finally:
                server.server_close()
    except KeyboardInterrupt:
        pass
    finally:
        answerer.close()


def _setting(name: str, what: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise ConfigError(f"{name} is not set: {what}")
    return value

