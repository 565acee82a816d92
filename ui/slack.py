"""The Slack bot (`earnings-qa slack`): a thin slack-bolt adapter over the assistant.

It answers app mentions and direct messages in the thread of the message (a follow-up in a thread takes the
thread's earlier turns as `history`) and the `/earnings` slash command (acknowledged at once, answered through the
command's response URL). Replies are Block Kit: a section with the one-line answer, a table block of the figures,
a context block with the sources and the quoted reasons, and always a plain-text fallback.

Modes: Socket Mode (`SLACK_APP_TOKEN` + `SLACK_BOT_TOKEN`) or HTTP (`SLACK_BOT_TOKEN` + `SLACK_SIGNING_SECRET`,
events, commands on `/slack/events`). `SLACK_API_URL` moves the Web API base URL (a local mock in tests).

Each delivery is answered once: Slack retries an event it thinks was lost (`X-Slack-Retry-Num`), and a signed request
can be replayed within its five minutes, so a global middleware remembers the `event_id` (a slash command's or an
action's `trigger_id`) of the last hour's deliveries (`RecentDeliveries`) and acknowledges one seen before with 200
without running any listener. In both modes.

HTTP mode is an ASGI app (`asgi_app`) under uvicorn (`http_server`). Before bolt sees a request the endpoint
refuses, never answering 500: a body over `EARNINGS_QA_SLACK_BODY_LIMIT` bytes (1 MiB) with 413, unread; a request
whose headers or body take over `EARNINGS_QA_SLACK_REQUEST_SECONDS` (10) to arrive with 408; one whose signature
(HMAC of the raw bytes) is wrong or missing, or whose timestamp is no number or more than five minutes off, with 401;
a signed body that is not UTF-8, not JSON or a form, or no Slack payload, with 400. bolt verifies the signature again
(its RequestVerification middleware) and runs on a worker thread, never on the event loop.

Only parsing, the library call and Slack formatting live here; answering is `assistant.respond.Assistant`.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import os
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.adapter.asgi.http_response import AsgiHttpResponse
from slack_bolt.error import BoltError
from slack_bolt.request.internals import extract_content_type, parse_body
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from assistant import compose
from assistant.answers import Answer, Figure
from index import settings
from index.errors import ConfigError, EarningsQAError
from ui.asgi_limits import ASGIApp, BodyLimits, Receive, Scope, Send, Server, refuse
from ui.warmup import warm_in_background

if TYPE_CHECKING:
    from assistant.respond import Assistant
    from index.pipeline import Index

__all__ = ["COMMAND", "EVENTS_PATH", "Answerer", "RecentDeliveries", "answer_message", "asgi_app", "build_app",
           "delivery_id", "error_message", "http_server", "question_text", "run", "thread_history"]

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

# HTTP mode: a burst of connections waits in the listen backlog (the standard library's 5 reset the rest); beyond
# MAX_CONNECTIONS open connections or requests in flight uvicorn answers 503 (Slack retries); an idle keep-alive
# connection is closed after KEEP_ALIVE_SECONDS.
BACKLOG = 2048
MAX_CONNECTIONS = 256
KEEP_ALIVE_SECONDS = 5
# bolt runs each listener on a thread of its own pool, where it waits its turn with the Answerer; a slash command's
# ack() runs there too, and bolt answers 404 when it has not run within 3 s: with bolt's 5 threads, a command that
# came after five slow questions was never acknowledged. Waiting threads cost little.
LISTENER_THREADS = 64
DISPATCH_THREADS = 32  # HTTP mode: requests bolt handles at once (it acknowledges an event at once)
# the deliveries remembered to answer each once: Slack retries within minutes, a replay is refused (401) after five
RECENT_DELIVERIES = 10_000
RECENT_SECONDS = 3600
_MAX_SKEW = 5 * 60  # seconds a request's timestamp may be off (as bolt's RequestVerification)


# --- answering on one thread ------------------------------------------------------------------------------------

class Answerer:
    """Owns the data home: the index is opened once, and each question is answered on the listener thread that
    received it (the fact store gives each thread its own connection and the assistant keeps per-answer state per
    request), so a slow "why" question holds up no other."""

    def __init__(self, home: Path | None = None, embedder: Any = None, *, assistant: Assistant | None = None) -> None:
        """`assistant`: answer through one already open (the web chat's, when both are served by one process);
        it stays its owner's to close."""
        self._home = home
        self._embedder = embedder
        self._index: Index | None = None
        self._assistant: Assistant | None = assistant
        self._llm = settings.llm()  # None unless a language model is configured
        self._opening = threading.Lock()

    def open(self) -> None:
        """Open the data home now (else on the first question): a bad home fails at start-up, not in a reply."""
        self._open()

    def warm(self) -> None:
        """Load the embedding model and the retrieval half now, so the first "why" question does not wait."""
        self._open().warm()

    def answer(self, question: str, history: Sequence[Any] = ()) -> Answer:
        """The assistant's answer, with the optional language model's help when one is configured."""
        from assistant import llm

        assistant = self._open()
        return llm.answer(assistant, question, self._llm, history=list(history))

    def close(self) -> None:
        with self._opening:
            if self._index is not None:
                self._index.close()
            self._index = self._assistant = None

    def _open(self) -> Assistant:
        with self._opening:
            if self._assistant is None:
                from assistant.respond import Assistant
                from index.pipeline import Index

                # the model in a process of its own: loading it never stalls the answers computed meanwhile
                self._index = Index(self._home, embedder=self._embedder, model_in_child=True)
                self._assistant = Assistant(self._index)
                self._assistant.prepare()  # before several threads answer at once
            return self._assistant


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


# --- each delivery once -----------------------------------------------------------------------------------------

class RecentDeliveries:
    """A bounded, thread-safe memory of the delivery ids seen in the last `seconds` (at most `size` of them, the
    oldest forgotten first)."""

    def __init__(self, size: int = RECENT_DELIVERIES, seconds: float = RECENT_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._size, self._seconds, self._clock = size, seconds, clock
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    def seen(self, key: str) -> bool:
        """Whether `key` was seen before; remembers it if not."""
        with self._lock:
            now = self._clock()
            while self._seen and next(iter(self._seen.values())) < now - self._seconds:
                self._seen.popitem(last=False)
            if key in self._seen:
                return True
            self._seen[key] = now
            while len(self._seen) > self._size:
                self._seen.popitem(last=False)
            return False

    def __len__(self) -> int:
        with self._lock:
            return len(self._seen)


def delivery_id(body: Mapping[str, Any]) -> str | None:
    """What identifies one delivery of a request, the same in Slack's retries and any replay: an event's
    `event_id`, a slash command's or an interaction's `trigger_id`; None for what has neither (a URL check)."""
    for field in ("event_id", "trigger_id"):
        value = body.get(field)
        if isinstance(value, str | int) and str(value):
            return f"{field} {value}"
    return None


# --- the bolt app ------------------------------------------------------------------------------------------------

def build_app(answerer: Answerer, *, bot_token: str, signing_secret: str | None = None,
              api_url: str | None = None) -> App:
    """The bolt App: its listeners only turn Slack input into a question (and history), ask `answerer`, and post
    the formatted reply. Checks the bot token with auth.test now (a ConfigError if Slack refuses it)."""
    base_url = api_url or WebClient.BASE_URL
    client = WebClient(token=bot_token, base_url=base_url if base_url.endswith("/") else base_url + "/")
    try:
        app = App(client=client, signing_secret=signing_secret or "", process_before_response=False,
                  listener_executor=ThreadPoolExecutor(LISTENER_THREADS, thread_name_prefix="slack-listener"))
    except (BoltError, SlackApiError, OSError) as e:
        raise ConfigError(f"Slack did not accept SLACK_BOT_TOKEN ({e})") from e
    recent = RecentDeliveries()

    @app.middleware  # after bolt's own: only a verified request is remembered
    def once(body: dict[str, Any], request: BoltRequest, next: Callable[[], None]) -> BoltResponse | None:
        key = delivery_id(body)
        if key is not None and recent.seen(key):
            retry = request.headers.get("x-slack-retry-num", [None])[0]
            reason = request.headers.get("x-slack-retry-reason", [None])[0]
            log.info("%s came again%s: acknowledged, not answered again", key,
                     f" (retry {retry}, {reason})" if retry else "")
            return BoltResponse(status=200, body="")
        next()
        return None

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


# --- HTTP mode ---------------------------------------------------------------------------------------------------

class SlackEndpoint:
    """The bolt App as an ASGI app: a POST to `path` (None: any path; relative to the scope's root_path, so the app
    can be mounted) is checked (`check`), then dispatched to bolt on a worker thread. Any other path is 404,
    another method 405. Expects its body whole (`asgi_app` puts BodyLimits in front of it).

    Not bolt's `slack_bolt.adapter.asgi.SlackRequestHandler` for the sync App: that one runs `App.dispatch` on the
    event loop (bolt waits up to 3 s there for a slash command's ack(), stalling every other connection), decodes
    the body and headers as strict UTF-8 (UnicodeDecodeError: 500) and parses the body before verifying it (bad
    JSON: 500)."""

    def __init__(self, app: App, path: str | None = EVENTS_PATH) -> None:
        secret = getattr(app, "_signing_secret", "")  # bolt's App keeps the signing secret it verifies with there
        if not secret:
            raise ConfigError("SLACK_SIGNING_SECRET is not set: HTTP mode verifies every request with it")
        self.app, self.path, self._secret = app, path, secret.encode("utf-8")
        # bolt's dispatch blocks (for a slash command until its listener has called ack()): never on the event loop
        self._dispatch = ThreadPoolExecutor(DISPATCH_THREADS, thread_name_prefix="slack-dispatch")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})
            return
        if scope["type"] != "http":
            await send({"type": "websocket.close", "code": 1003})
            return
        if self.path is not None and _route_path(scope) != self.path:
            await refuse(send, 404, "Not Found", close=False)
            return
        if scope["method"] != "POST":
            await refuse(send, 405, "Method Not Allowed", close=False)
            return
        raw = bytearray()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            raw += message.get("body", b"")
            if not message.get("more_body", False):
                break
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", ())}
        checked = self.check(bytes(raw), headers, scope.get("query_string", b"").decode("latin-1"))
        if isinstance(checked, BoltResponse):
            response = checked
        else:
            response = await asyncio.get_running_loop().run_in_executor(self._dispatch, self.app.dispatch, checked)
        asgi = AsgiHttpResponse(status=response.status, headers=response.headers, body=response.body)
        await send(asgi.get_response_start())
        await send(asgi.get_response_body())

    def check(self, raw: bytes, headers: Mapping[str, str], query: str = "") -> BoltRequest | BoltResponse:
        """The request for bolt, or the response to one bolt must not see: 401 unless it is signed with the signing
        secret within five minutes (checked on the raw bytes, before anything is parsed), 400 when its signed body
        is not UTF-8, neither JSON nor a form, or no Slack payload (an event, a command, an interaction, an SSL
        check)."""
        stamp = headers.get("x-slack-request-timestamp", "")
        signature = headers.get("x-slack-signature", "")
        if not _signed(self._secret, raw, stamp, signature):
            log.info("refused a request that is not signed with the signing secret, or not in the last five "
                     "minutes: 401")
            return BoltResponse(status=401, body={"error": "invalid request"})
        try:
            text = raw.decode("utf-8")
            body = parse_body(text, extract_content_type({"content-type": [headers.get("content-type", "")]}))
        except (ValueError, RecursionError) as e:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
            log.warning("refused a signed request whose body is %s: 400",
                        "not UTF-8" if isinstance(e, UnicodeDecodeError) else "neither JSON nor a form")
            return BoltResponse(status=400, body={"error": "malformed body"})
        if not isinstance(body, dict) or not body.keys() & {"type", "command", "ssl_check"}:
            log.warning("refused a signed request whose body is no Slack payload: 400")
            return BoltResponse(status=400, body={"error": "malformed body"})
        try:
            return BoltRequest(body=text, query=query, headers=dict(headers))
        except Exception as e:  # bolt reads a payload's parts as Slack shapes them (authorizations[0], ...)
            log.warning("refused a signed request whose payload bolt cannot read (%s: %s): 400", type(e).__name__, e)
            return BoltResponse(status=400, body={"error": "malformed body"})


def _signed(secret: bytes, raw: bytes, stamp: str, signature: str) -> bool:
    """Slack's v0 signature of `raw` at `stamp` (unix seconds, within five minutes of now) is `signature`."""
    try:
        when = int(stamp)
    except ValueError:
        return False
    if abs(time.time() - when) > _MAX_SKEW:
        return False
    expected = "v0=" + hmac.new(secret, b"v0:" + stamp.encode("latin-1") + b":" + raw, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode("ascii"), signature.encode("latin-1"))


def _route_path(scope: Scope) -> str:
    path, root = scope.get("path", ""), scope.get("root_path", "")
    if root and path.startswith(root):
        path = path[len(root):]
    return path or "/"


def asgi_app(app: App, *, path: str | None = EVENTS_PATH, body_limit: int | None = None,
             request_timeout: float | None = None) -> ASGIApp:
    """The bot's HTTP endpoint as an ASGI app: `SlackEndpoint` behind `BodyLimits` (a body over `body_limit` bytes
    is refused with 413 unread, one slower than `request_timeout` seconds with 408; defaults: the settings
    EARNINGS_QA_SLACK_BODY_LIMIT and EARNINGS_QA_SLACK_REQUEST_SECONDS). To serve it beside another app in one
    uvicorn, mount it (`starlette_app.mount("/slack", asgi_app(app, path="/events"))`, or `path=None` to take
    every path under the mount)."""
    limit = int(body_limit if body_limit is not None else settings.SLACK_BODY_LIMIT.value())
    timeout = request_timeout if request_timeout is not None else settings.SLACK_REQUEST_SECONDS.value()
    return BodyLimits(SlackEndpoint(app, path), max_bytes=limit, timeout=timeout)


def http_server(app: App, host: str = "127.0.0.1", port: int = 3000, *, body_limit: int | None = None,
                request_timeout: float | None = None) -> Server:
    """uvicorn serving `asgi_app(app)` on EVENTS_PATH, bound at once (port 0 takes a free port:
    `server.server_port` tells which): a listen backlog of BACKLOG, at most MAX_CONNECTIONS at once (then 503),
    keep-alive connections closed after KEEP_ALIVE_SECONDS idle, and a request's headers, like its body, given
    `request_timeout` seconds to arrive. `serve_forever()`, then `shutdown()` from another thread, `server_close()`."""
    timeout = request_timeout if request_timeout is not None else settings.SLACK_REQUEST_SECONDS.value()
    endpoint = asgi_app(app, body_limit=body_limit, request_timeout=timeout)
    try:
        return Server(endpoint, host, port, backlog=BACKLOG, limit_concurrency=MAX_CONNECTIONS,
                      timeout_keep_alive=KEEP_ALIVE_SECONDS, header_timeout=timeout)
    except OSError as e:
        raise ConfigError(f"cannot listen on {host}:{port} ({e.strerror or e})") from e


def run(mode: str | None = None, *, home: Path | None = None, embedder: Any = None, host: str = "127.0.0.1",
        port: int = 3000, announce: Callable[[str], None] = print, warm: bool = False) -> None:
    """Run the bot until interrupted: `mode` "socket" or "http" (default: socket when SLACK_APP_TOKEN is set);
    `warm`: load the embedding model in the background at start-up."""
    env = os.environ
    mode = mode or ("socket" if env.get("SLACK_APP_TOKEN") else "http")
    bot_token = setting("SLACK_BOT_TOKEN", "the bot token (xoxb-...) from the app's OAuth & Permissions page")
    if mode == "socket":
        app_token = setting("SLACK_APP_TOKEN", "an app-level token (xapp-...) with connections:write, for Socket Mode")
        secret = env.get("SLACK_SIGNING_SECRET")
    else:
        secret = setting("SLACK_SIGNING_SECRET", "the signing secret from the app's Basic Information page")
    answerer = Answerer(home, embedder)
    try:
        answerer.open()
        if warm:
            warm_in_background(answerer.warm, announce)
        app = build_app(answerer, bot_token=bot_token, signing_secret=secret, api_url=api_url())
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


def api_url() -> str | None:
    """SLACK_API_URL: the Web API's base URL where it is not Slack's (a local mock in tests)."""
    return os.environ.get("SLACK_API_URL") or None


def setting(name: str, what: str) -> str:
    """A required setting of the bot's, or a ConfigError naming it and what it is."""
    value = os.environ.get(name)
    if not value:
        raise ConfigError(f"{name} is not set: {what}")
    return value

