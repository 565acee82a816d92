"""The Slack bot over real HTTP on loopback: a mock Slack Web API (a small http.server recording chat.postMessage,
conversations.replies and response-URL posts), signed requests to the bot's /slack/events endpoint, and a real data
home (two releases ingested with the fake embedder). Nothing leaves 127.0.0.1."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import logging
import os
import queue
import re
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from slack_bolt import App
from slack_sdk.models.blocks import Block, ContextBlock, SectionBlock, TableBlock

import assistant
from assistant.answers import Answer, Figure, Source, Status
from index.errors import ConfigError
from index.facts import FactKind
from tests.conftest import ROOT, FakeEmbedding, ingested_home
from tests.slack_mock import (
    BOT_ID,
    BOT_USER,
    SECRET,
    TOKEN,
    MockSlack,
    direct,
    has_table,
    mention,
    new_id,
    new_ts,
    send,
    sign,
)
from ui import slack
from ui.asgi_limits import Server
from ui.cli import cli

RELEASES = ["kingsoft-cloud_2025Q2", "alphabet_2025Q2"]
WHY = "What drove G&amp;A growth at Kingsoft Cloud in Q2 2025?"  # as Slack sends it: '&' escaped
GA_ROW = ["General and administrative expenses", "Q2 2025", "(RMB339.6 million)",
          "reported (kingsoft-cloud_2025Q2, table 2, row 8, column 3)"]


@pytest.fixture(scope="module")
def mock() -> Iterator[MockSlack]:
    with MockSlack.serving() as m:
        yield m


class MockSocketMode:
    """Slack's Socket Mode end on loopback: a bare WebSocket server (RFC 6455 handshake, text, ping and close frames)
    for one client; it sends envelopes and queues what the client sends back."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.url = f"ws://127.0.0.1:{self.server.getsockname()[1]}/link/?ticket=t1"
        self.received: queue.Queue[dict[str, Any]] = queue.Queue()
        self.conn: socket.socket | None = None
        self.connected = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def send(self, message: dict[str, Any]) -> None:
        assert self.conn is not None
        _send_frame(self.conn, 0x1, json.dumps(message).encode())

    def close(self) -> None:
        self.server.close()
        if self.conn is not None:
            self.conn.close()
        self.thread.join(5)

    def _serve(self) -> None:
        try:
            conn, _ = self.server.accept()
        except OSError:  # closed before any client came
            return
        request = b""
        while b"\r\n\r\n" not in request:
            request += conn.recv(1024)
        key = re.search(rb"Sec-WebSocket-Key: *(\S+)", request, re.I)
        assert key, request
        accept = base64.b64encode(hashlib.sha1(key.group(1) + b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11").digest())
        conn.sendall(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                     b"Sec-WebSocket-Accept: " + accept + b"\r\n\r\n")
        self.conn = conn
        self.connected.set()
        while True:
            opcode, payload = _read_frame(conn)
            if opcode is None or opcode == 0x8:
                return
            if opcode == 0x9:
                _send_frame(conn, 0xA, payload)
            elif opcode == 0x1:
                self.received.put(json.loads(payload))


def _read_frame(conn: socket.socket) -> tuple[int | None, bytes]:
    def exactly(n: int) -> bytes:
        data = b""
        while len(data) < n:
            chunk = conn.recv(n - len(data))
            if not chunk:
                raise EOFError
            data += chunk
        return data

    try:
        first, second = exactly(2)
        size = second & 0x7F
        if size == 126:
            size = struct.unpack(">H", exactly(2))[0]
        elif size == 127:
            size = struct.unpack(">Q", exactly(8))[0]
        mask = exactly(4) if second & 0x80 else b"\0\0\0\0"
        return first & 0x0F, bytes(b ^ mask[i % 4] for i, b in enumerate(exactly(size)))
    except (EOFError, OSError):
        return None, b""


def _send_frame(conn: socket.socket, opcode: int, payload: bytes) -> None:
    size = len(payload)
    head = bytes([0x80 | opcode])
    if size < 126:
        head += bytes([size])
    elif size < 1 << 16:
        head += bytes([126]) + struct.pack(">H", size)
    else:
        head += bytes([127]) + struct.pack(">Q", size)
    conn.sendall(head + payload)


# --- a real data home and the bot on a loopback port ------------------------------------------------------------

class Control:
    """How the model behaves: its query embeddings can be held back (to show an answer is slow) or fail."""

    gate = threading.Event()
    error: Exception | None = None


class ControlledEmbedding(FakeEmbedding):
    def _embed(self, texts: list[str]) -> list[list[float]]:
        assert Control.gate.wait(10), "the test never released the embedding gate"
        if Control.error is not None:
            raise Control.error
        return super()._embed(texts)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ingested_home(tmp_path_factory, "slack", RELEASES)


@pytest.fixture(scope="module")
def bolt_app(home: Path, mock: MockSlack) -> Iterator[App]:
    """The bot's bolt App over the data home, its Web API the mock."""
    answerer = slack.Answerer(home, embedder=ControlledEmbedding())
    answerer.open()
    yield slack.build_app(answerer, bot_token=TOKEN, signing_secret=SECRET, api_url=mock.url + "api")
    answerer.close()


@contextlib.contextmanager
def serving(server: Server) -> Iterator[int]:
    """`server` serving on a thread until the block ends: yields its port."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_port
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
        assert not thread.is_alive()


@pytest.fixture(scope="module")
def bot(bolt_app: App) -> Iterator[str]:
    """The bot in HTTP mode on a free loopback port, its settings the defaults: yields its events URL."""
    with serving(slack.http_server(bolt_app, "127.0.0.1", 0)) as port:
        yield f"http://127.0.0.1:{port}{slack.EVENTS_PATH}"


@pytest.fixture(autouse=True)
def model_behaves(mock: MockSlack) -> Iterator[None]:
    Control.gate.set()
    Control.error = None
    yield
    Control.gate.set()
    Control.error = None
    mock.refuse_tables = False


def command(text: str, response_url: str, trigger_id: str | None = None) -> str:
    """A slash command's form body; each invocation has its own trigger_id, as in Slack."""
    return urllib.parse.urlencode({"token": "legacy", "team_id": "T1", "channel_id": "C9", "user_id": "U1",
                                   "command": slack.COMMAND, "text": text, "response_url": response_url,
                                   "trigger_id": trigger_id or f"{new_id()}.1.trigger"})


def reply_to(mock: MockSlack, channel: str, thread_ts: str, timeout: float = 10) -> dict[str, Any]:
    call = mock.wait_for(lambda c: c.method == "chat.postMessage" and c.params.get("channel") == channel
                         and c.params.get("thread_ts") == thread_ts, timeout)
    assert call.auth == f"Bearer {TOKEN}"
    return call.params


def table(message: dict[str, Any]) -> list[list[str]]:
    [block] = [b for b in message["blocks"] if b["type"] == "table"]
    return [[cell["text"] for cell in row] for row in block["rows"]]


def context_text(message: dict[str, Any]) -> str:
    return "\n".join(e["text"] for b in message["blocks"] if b["type"] == "context" for e in b["elements"])


def assert_valid_blocks(message: dict[str, Any]) -> None:
    """Every block is one slack_sdk knows (section, table, context) and within the limits it checks."""
    assert message["text"].strip()
    for b in message["blocks"]:
        parsed = Block.parse(b)
        assert isinstance(parsed, SectionBlock | TableBlock | ContextBlock), b
        parsed.validate_json()
        assert parsed.to_dict() == b


# --- mentions, direct messages, threads -------------------------------------------------------------------------

def test_a_mention_is_answered_in_its_thread_with_the_figure_and_its_source(bot: str, mock: MockSlack) -> None:
    ts = new_ts()
    status, _, seconds = send(bot, mention("C1", "What was Kingsoft Cloud's G&amp;A in Q2 2025?", ts))
    assert status == 200 and seconds < 3

    message = reply_to(mock, "C1", ts)
    assert_valid_blocks(message)
    section = message["blocks"][0]
    assert section["type"] == "section" and "RMB339.6 million" in section["text"]["text"]
    rows = table(message)
    assert rows[0] == ["figure", "period", "value", "source"] and rows[1] == GA_ROW
    sources = context_text(message)
    assert "kingsoft-cloud_2025Q2: " in sources and "General and administrative expenses" in sources
    assert "(table 2, row 8, column 3)" in sources
    assert "RMB339.6 million" in message["text"] and "table 2, row 8, column 3" in message["text"]


def test_a_direct_message_is_answered_in_its_thread_and_bot_messages_are_not(bot: str, mock: MockSlack) -> None:
    own, edit, ts = new_ts(), new_ts(), new_ts()
    assert send(bot, direct("D1", "Kingsoft Cloud revenue in Q2 2025?", own, bot_id=BOT_ID))[0] == 200
    assert send(bot, direct("D1", "Kingsoft Cloud revenue in Q2 2025?", edit, subtype="message_changed"))[0] == 200
    assert send(bot, direct("D1", "What was Kingsoft Cloud's revenue in Q2 2025?", ts))[0] == 200
    assert send(bot, mention("D1", "What was Kingsoft Cloud's revenue in Q2 2025?", ts))[0] == 200  # in a DM too

    message = reply_to(mock, "D1", ts)
    assert_valid_blocks(message)
    assert table(message)[1][:3] == ["Total revenues", "Q2 2025", "RMB2,349.2 million"]
    assert [c.params["thread_ts"] for c in mock.posts("D1")] == [ts]


def test_the_answers_notes_are_shown_under_its_headline(bot: str, mock: MockSlack, home: Path) -> None:
    expected = assistant.answer("Google Cloud revenue", home=home)
    notes = list(expected.notes)
    assert notes  # no period named: the answer says which one it took
    ts = new_ts()
    assert send(bot, direct("D2", "Google Cloud revenue", ts))[0] == 200
    message = reply_to(mock, "D2", ts)
    assert message["blocks"][0]["text"]["text"].splitlines() == [expected.headline, *notes]
    assert table(message)[1][:3] == ["Google Cloud", "Q2 2025", "$13,624 million"]


def test_a_follow_up_in_a_thread_takes_the_threads_earlier_turns(bot: str, mock: MockSlack) -> None:
    parent, answer, chatter, ts = new_ts(), new_ts(), new_ts(), new_ts()
    mock.threads[("C2", parent)] = [
        {"type": "message", "user": "U1", "ts": parent, "text": f"<@{BOT_USER}> What was Kingsoft Cloud's revenue "
                                                                "in Q2 2025?"},
        {"type": "message", "bot_id": BOT_ID, "user": BOT_USER, "ts": answer, "thread_ts": parent,
         "text": "Kingsoft Cloud: Total revenues were RMB2,349.2 million in Q2 2025."},
        {"type": "message", "user": "U2", "ts": chatter, "thread_ts": parent, "text": "what about Alphabet?"},
        {"type": "message", "user": "U1", "ts": ts, "thread_ts": parent, "text": f"<@{BOT_USER}> and in Q1 2025?"},
    ]
    assert send(bot, mention("C2", "and in Q1 2025?", ts, thread_ts=parent))[0] == 200

    message = reply_to(mock, "C2", parent)
    assert table(message)[1][:3] == ["Total revenues", "Q1 2025", "RMB1,970.0 million"]
    read = mock.wait_for(lambda c: c.method == "conversations.replies" and c.params.get("ts") == parent)
    assert read.params["channel"] == "C2" and read.auth == f"Bearer {TOKEN}"

    # the same words outside a thread have no earlier turns: which company?
    alone = new_ts()
    assert send(bot, mention("C2", "and in Q1 2025?", alone))[0] == 200
    message = reply_to(mock, "C2", alone)
    assert "Which company" in message["text"] and not [b for b in message["blocks"] if b["type"] == "table"]


def test_thread_history_keeps_the_questions_asked_of_the_bot_and_its_replies() -> None:
    messages = [
        {"ts": "1.1", "user": "U1", "text": "<@UBOT> What was KC's G&amp;A in Q2 2025?"},
        {"ts": "1.2", "user": "U2", "text": "lunch?"},
        {"ts": "1.3", "bot_id": "BBOT", "text": "G&amp;A was RMB339.6 million"},
        {"ts": "1.4", "user": "U1", "text": "<@UBOT> and in Q1 2025?"},
    ]
    turns = slack.thread_history(messages, before="1.4", bot_user_id="UBOT", bot_id="BBOT", direct=False)
    assert turns == [{"role": "user", "content": "What was KC's G&A in Q2 2025?"},
                     {"role": "assistant", "content": "G&amp;A was RMB339.6 million"}]
    in_dm = slack.thread_history(messages, before="1.4", bot_user_id="UBOT", bot_id="BBOT", direct=True)
    assert [t["content"] for t in in_dm if t["role"] == "user"] == ["What was KC's G&A in Q2 2025?", "lunch?"]


@pytest.mark.parametrize(("text", "question"), [
    ("<@UBOT> What was Kingsoft Cloud's G&amp;A in Q2 2025?", "What was Kingsoft Cloud's G&A in Q2 2025?"),
    ("<@UBOT>   revenue &lt; RMB2 billion?  ", "revenue < RMB2 billion?"),
    ("ask <@U2|alice> about <https://ir.example.com/q2|the Q2 release>", "ask @alice about the Q2 release"),
    ("<!here> <#C1|finance> <https://example.com> <@U2>", "here #finance https://example.com @U2"),
    ("<@UBOT>", ""),
])
def test_question_text_undoes_slack_markup(text: str, question: str) -> None:
    assert slack.question_text(text, "UBOT") == question


# --- the slash command ------------------------------------------------------------------------------------------

def test_the_slash_command_is_acknowledged_at_once_and_answered_via_the_response_url(bot: str,
                                                                                    mock: MockSlack) -> None:
    Control.gate.clear()  # the model is slow: the answer can only come after the acknowledgement
    status, body, seconds = send(bot, command(WHY, mock.response_url("why")), form=True)
    assert status == 200 and seconds < 3 and body == ""
    assert not [c for c in mock.calls if c.path.endswith("/why")]
    ts = new_ts()  # an event too is acknowledged before it is answered
    status, _, seconds = send(bot, mention("C7", WHY, ts))
    assert status == 200 and seconds < 3 and not mock.posts("C7")
    Control.gate.set()
    assert "share-based compensation and personnel cost" in context_text(reply_to(mock, "C7", ts))

    posted = mock.wait_for(lambda c: c.method == "response_url" and c.path.endswith("/why")).params
    assert posted["response_type"] == "ephemeral"
    assert_valid_blocks(posted)
    assert GA_ROW in table(posted)
    assert "share-based compensation and personnel cost" in context_text(posted)
    assert "(kingsoft-cloud_2025Q2, paragraph 12)" in context_text(posted)


# --- request verification ---------------------------------------------------------------------------------------

def test_forged_and_stale_requests_are_refused_with_401_and_never_handled(bot: str, mock: MockSlack) -> None:
    now = int(time.time())
    forged = {
        "CF1": {"secret": "not-the-signing-secret"},
        "CF2": {"timestamp": now - 6 * 60},  # signed right, six minutes old
        "CF3": {"timestamp": now + 6 * 60},
        "CF4": {"headers": False},
        "CF5": {"signature": sign(mention("CF0", "What was Alphabet's revenue?", "1.1"), now)},  # another body
        "CF6": {"timestamp": "yesterday"},
    }
    for channel, how in forged.items():
        status, body, _ = send(bot, mention(channel, "What was Kingsoft Cloud's revenue in Q2 2025?", new_ts()),
                               **how)
        assert status == 401, (channel, status, body)
    stale_command = send(bot, command("Kingsoft Cloud revenue", mock.response_url("stale")), form=True,
                         timestamp=now - 3600)
    assert stale_command[0] == 401

    # a good request after them is answered; none of the refused ones ever was
    ts = new_ts()
    assert send(bot, mention("C3", "What was Kingsoft Cloud's revenue in Q2 2025?", ts))[0] == 200
    reply_to(mock, "C3", ts)
    assert not [c for c in mock.calls if c.params.get("channel", "").startswith("CF") or c.path.endswith("/stale")]


# --- each delivery answered once --------------------------------------------------------------------------------

def test_a_retried_or_replayed_event_is_answered_once(bot: str, mock: MockSlack,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="ui.slack")
    ts, stamp = new_ts(), int(time.time())
    body = mention("CR1", "What was Kingsoft Cloud's revenue in Q2 2025?", ts)
    assert send(bot, body, timestamp=stamp)[0] == 200
    for retry in ("1", "2"):  # Slack's retries: the same event, signed anew, with the retry's number and reason
        status, _, seconds = send(bot, body, extra={"X-Slack-Retry-Num": retry, "X-Slack-Retry-Reason": "http_timeout"})
        assert status == 200 and seconds < 3
    assert send(bot, body, timestamp=stamp)[0] == 200  # a replay: the very same signed request
    reply_to(mock, "CR1", ts)
    later = new_ts()  # a new event in the channel is answered as ever, after the first
    assert send(bot, mention("CR1", "Google Cloud revenue in Q2 2025", later))[0] == 200
    reply_to(mock, "CR1", later)
    assert [c.params["thread_ts"] for c in mock.posts("CR1")] == [ts, later]
    again = [r.getMessage() for r in caplog.records if "came again" in r.getMessage()]
    assert again == [f"event_id Evapp_mention{ts} came again (retry 1, http_timeout): acknowledged, not answered "
                     "again", f"event_id Evapp_mention{ts} came again (retry 2, http_timeout): acknowledged, not "
                     "answered again", f"event_id Evapp_mention{ts} came again: acknowledged, not answered again"]


def test_a_replayed_slash_command_is_answered_once(bot: str, mock: MockSlack) -> None:
    body = command("Kingsoft Cloud revenue in Q2 2025?", mock.response_url("once"))
    stamp = int(time.time())
    assert send(bot, body, form=True, timestamp=stamp)[0] == 200
    assert send(bot, body, form=True, timestamp=stamp)[0] == 200  # the same trigger_id: acknowledged only
    assert send(bot, command("Kingsoft Cloud revenue in Q2 2025?", mock.response_url("after")), form=True)[0] == 200
    mock.wait_for(lambda c: c.path.endswith("/once"))
    mock.wait_for(lambda c: c.path.endswith("/after"))
    assert len([c for c in mock.calls if c.path.endswith("/once")]) == 1


def test_recent_deliveries_are_bounded_thread_safe_and_forgotten_after_their_time() -> None:
    now = [0.0]
    recent = slack.RecentDeliveries(size=3, seconds=60, clock=lambda: now[0])
    assert not recent.seen("a") and recent.seen("a")
    for key in "bcd":
        assert not recent.seen(key)
    assert len(recent) == 3 and not recent.seen("a")  # "a", the oldest, was forgotten for "d"
    now[0] = 61
    assert not recent.seen("b") and len(recent) == 1  # an hour... here a minute, later all are forgotten

    recent = slack.RecentDeliveries()
    firsts: list[bool] = []
    barrier = threading.Barrier(16)

    def deliver() -> None:
        barrier.wait()
        firsts.append(not recent.seen("event_id Ev1"))

    threads = [threading.Thread(target=deliver) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(5)
    assert sorted(firsts) == [False] * 15 + [True]


def test_a_delivery_is_its_event_id_or_trigger_id() -> None:
    assert slack.delivery_id(json.loads(mention("C1", "x", "1.5"))) == "event_id Evapp_mention1.5"
    assert slack.delivery_id(dict(urllib.parse.parse_qsl(command("x", "http://r", "9.9.t")))) == "trigger_id 9.9.t"
    assert slack.delivery_id({"type": "url_verification", "challenge": "c"}) is None


# --- malformed, oversized and slow requests ---------------------------------------------------------------------

def until_closed(sock: socket.socket, timeout: float = 5) -> tuple[bytes, float]:
    """Everything the server sends on `sock` until it closes the connection, and the seconds that took."""
    sock.settimeout(timeout)
    start, data = time.monotonic(), b""
    while True:
        try:
            chunk = sock.recv(65536)
        except ConnectionResetError:
            break
        if not chunk:
            break
        data += chunk
    return data, time.monotonic() - start


def test_malformed_bodies_are_refused_with_400_signed_or_401_unsigned_never_500(
        bot: str, mock: MockSlack, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    odd = {"type": "event_callback", "event_id": "EvOdd", "authorizations": "x",
           "event": {"type": "app_mention", "channel": "CM0", "ts": "1.1", "text": "hi"}}
    bodies = {  # body, sent as a form
        "malformed JSON": (b'{"type": "event_callback", "event": {', False),
        "not UTF-8": (b'\xff\xfe{"type": "event_callback"}', False),
        "a form not UTF-8": (b"command=%2Fearnings&text=\xe9t\xe9&trigger_id=1.1", True),
        "JSON, no object": (b"[1, 2, 3]", False),
        "JSON nested too deep": (b"[" * 50_000 + b"]" * 50_000, False),
        "a payload not JSON": (b"payload=%7Bnot+json", True),
        "a form, no Slack payload": (b"hello=world", True),
        "empty": (b"", False),
        "authorizations no list": (json.dumps(odd).encode(), False),
    }
    for name, (body, form) in bodies.items():
        status, text, _ = send(bot, body, form=form)
        assert (status, text) == (400, '{"error": "malformed body"}'), name
        assert send(bot, body, form=form, headers=False)[0] == 401, name
        assert send(bot, body, form=form, secret="forged")[0] == 401, name
    garbage = b"\x00\xff garbage \xfe"
    assert send(bot, garbage, timestamp="yesterday")[0] == 401
    assert send(bot, garbage, signature="v0=\xe9\xe9")[0] == 401  # a signature header that is not ASCII

    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info], caplog.text
    assert "Traceback" not in caplog.text
    ts = new_ts()  # and the bot goes on answering
    assert send(bot, mention("CM1", "Google Cloud revenue in Q2 2025", ts))[0] == 200
    reply_to(mock, "CM1", ts)
    assert not mock.posts("CM0")


def test_a_body_over_the_limit_is_refused_with_413_before_it_is_read(bot: str, bolt_app: App, mock: MockSlack,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    port = urllib.parse.urlsplit(bot).port
    with socket.create_connection(("127.0.0.1", port)) as sock:  # 10 MB announced, 10 bytes sent: answered at once
        sock.sendall(b"POST /slack/events HTTP/1.1\r\nHost: bot\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 10485760\r\n\r\n" + b'{"type": "')
        response, seconds = until_closed(sock)
    assert response.startswith(b"HTTP/1.1 413 ") and b"connection: close" in response.lower() and seconds < 2

    monkeypatch.setenv("EARNINGS_QA_SLACK_BODY_LIMIT", "1000")  # the setting, in bytes
    with serving(slack.http_server(bolt_app, "127.0.0.1", 0)) as small:
        with socket.create_connection(("127.0.0.1", small)) as sock:  # no length announced: refused as it grows
            sock.sendall(b"POST /slack/events HTTP/1.1\r\nHost: bot\r\nContent-Type: application/json\r\n"
                         b"Transfer-Encoding: chunked\r\n\r\n" + (b"320\r\n" + b" " * 800 + b"\r\n") * 2)
            response, seconds = until_closed(sock)
        assert response.startswith(b"HTTP/1.1 413 ") and seconds < 2
        ts = new_ts()  # a body within the limit is answered
        body = mention("CL1", "Google Cloud revenue in Q2 2025", ts)
        assert len(body) < 1000 and send(f"http://127.0.0.1:{small}{slack.EVENTS_PATH}", body)[0] == 200
        reply_to(mock, "CL1", ts)


def test_half_sent_requests_are_closed_within_the_timeout_and_hold_up_no_one(bolt_app: App,
                                                                            mock: MockSlack) -> None:
    with serving(slack.http_server(bolt_app, "127.0.0.1", 0, request_timeout=1.5)) as port:
        start = time.monotonic()
        head = (b"POST /slack/events HTTP/1.1\r\nHost: bot\r\nContent-Type: application/json\r\n"
                b"Content-Length: 1000\r\n\r\n")
        sent = {"body": head + b'{"type": "', "headers": head[:40], "nothing": b""}
        sent.update({f"body {i}": head + b"{" for i in range(20)})
        socks = {name: socket.create_connection(("127.0.0.1", port)) for name in sent}
        try:
            for name, data in sent.items():
                socks[name].sendall(data)
            ts = new_ts()  # meanwhile a whole request is answered at once
            status, _, seconds = send(f"http://127.0.0.1:{port}{slack.EVENTS_PATH}",
                                      mention("CH1", "Google Cloud revenue in Q2 2025", ts))
            assert status == 200 and seconds < 1
            closed = {name: until_closed(sock) for name, sock in socks.items()}
            waited = time.monotonic() - start
        finally:
            for sock in socks.values():
                sock.close()
        assert 1.4 < waited < 4, waited
        assert closed["body"][0].startswith(b"HTTP/1.1 408 ")  # its headers came: the body was too slow
        assert closed["headers"][0].startswith(b"HTTP/1.1 408 ")  # part of its headers came
        assert closed["nothing"][0] == b""  # nothing came: closed without a word
        assert all(closed[f"body {i}"][0].startswith(b"HTTP/1.1 408 ") for i in range(20))
        reply_to(mock, "CH1", ts)


def test_a_burst_of_30_concurrent_mentions_is_all_answered(bot: str, mock: MockSlack) -> None:
    asked = [new_ts() for _ in range(30)]
    results: dict[str, int | Exception] = {}
    barrier = threading.Barrier(len(asked))

    def ask(ts: str) -> None:
        body = mention("CB1", "What was Kingsoft Cloud's G&amp;A in Q2 2025?", ts)
        barrier.wait()
        try:
            results[ts] = send(bot, body)[0]
        except OSError as e:  # a connection refused or reset
            results[ts] = e

    threads = [threading.Thread(target=ask, args=(ts,)) for ts in asked]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    acknowledged = time.monotonic() - start
    assert results == {ts: 200 for ts in asked}
    for ts in asked:
        assert table(reply_to(mock, "CB1", ts, timeout=30))[1] == GA_ROW
    answered = time.monotonic() - start
    assert len(mock.posts("CB1")) == 30
    print(f"burst of 30: acknowledged in {acknowledged:.2f}s, all answered in {answered:.2f}s")


def test_a_slash_command_amid_a_burst_of_slow_answers_is_acknowledged_at_once(bot: str, mock: MockSlack) -> None:
    Control.gate.clear()  # the model is slow: 30 questions wait for it, each on a listener thread
    asked = [new_ts() for _ in range(30)]
    threads = [threading.Thread(target=send, args=(bot, mention("CS1", f"What drove G&amp;A growth at Kingsoft Cloud "
                                                               f"in Q2 2025 ({ts})?", ts))) for ts in asked]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    status, body, seconds = send(bot, command(WHY, mock.response_url("amid")), form=True)
    assert (status, body) == (200, "") and seconds < 1
    Control.gate.set()
    for ts in asked:
        reply_to(mock, "CS1", ts, timeout=30)
    mock.wait_for(lambda c: c.path.endswith("/amid"), timeout=30)


def test_the_bots_asgi_app_serves_mounted_beside_another_app(bolt_app: App, mock: MockSlack) -> None:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import PlainTextResponse
    from starlette.routing import Mount, Route

    def chat(request: Request) -> PlainTextResponse:
        return PlainTextResponse("the web chat")

    web = Starlette(routes=[Route("/", chat), Mount("/slack", app=slack.asgi_app(bolt_app, path="/events"))])
    with serving(Server(web, "127.0.0.1", 0)) as port:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
            assert response.read() == b"the web chat"
        url = f"http://127.0.0.1:{port}/slack/events"
        ts = new_ts()
        assert send(url, mention("CW1", "Google Cloud revenue in Q2 2025", ts))[0] == 200
        assert table(reply_to(mock, "CW1", ts))[1][:3] == ["Google Cloud", "Q2 2025", "$13,624 million"]
        assert send(url, mention("CW2", "Google Cloud revenue in Q2 2025", new_ts()), secret="forged")[0] == 401
        assert send(f"http://127.0.0.1:{port}/slack/other", "{}")[0] == 404


# --- errors -----------------------------------------------------------------------------------------------------

def test_an_error_in_answering_is_a_friendly_reply_not_silence(bot: str, mock: MockSlack) -> None:
    Control.error = ConfigError("cannot load the embedding model '/models/gone': no such directory")
    ts = new_ts()
    assert send(bot, mention("C4", WHY, ts))[0] == 200
    message = reply_to(mock, "C4", ts)
    assert_valid_blocks(message)
    assert message["text"] == ":warning: Error: cannot load the embedding model '/models/gone': no such directory"

    Control.error = RuntimeError("segfault in the tokenizer")  # no error of the library: a generic reply
    ts = new_ts()
    assert send(bot, direct("D4", "What drove G&amp;A growth at Kingsoft Cloud in Q2 2025?", ts))[0] == 200
    message = reply_to(mock, "D4", ts)
    assert message["text"] == f":warning: Error: {slack.UNEXPECTED}" and "segfault" not in json.dumps(message)

    Control.error = None  # and the bot goes on answering
    ts = new_ts()
    assert send(bot, mention("C4", "Google Cloud revenue in Q2 2025", ts))[0] == 200
    assert table(reply_to(mock, "C4", ts))[1][:3] == ["Google Cloud", "Q2 2025", "$13,624 million"]


def test_when_slack_refuses_the_table_the_plain_text_is_posted(bot: str, mock: MockSlack) -> None:
    mock.refuse_tables = True
    ts = new_ts()
    assert send(bot, mention("C6", "What was Kingsoft Cloud's G&amp;A in Q2 2025?", ts))[0] == 200
    mock.wait_for(lambda c: c.method == "chat.postMessage" and c.params.get("channel") == "C6"
                  and "blocks" not in c.params)
    first, second = mock.posts("C6")
    assert has_table(first.params) and second.params["thread_ts"] == ts
    assert second.params["text"] == first.params["text"] and "(RMB339.6 million)" in second.params["text"]

    assert send(bot, command("What was Kingsoft Cloud's G&amp;A in Q2 2025?", mock.response_url("plain")),
                form=True)[0] == 200
    mock.wait_for(lambda c: c.path.endswith("/plain") and "blocks" not in c.params)
    first, second = [c.params for c in mock.calls if c.path.endswith("/plain")]
    assert has_table(first) and second["text"] == first["text"] and second["response_type"] == "ephemeral"


# --- formatting limits ------------------------------------------------------------------------------------------

def test_a_long_answer_stays_within_block_kit_limits() -> None:
    src = Source("acme_2025Q2", "Income statement / Revenue / Q2 2025 (table 1, row 1, column 1)", "1,000 & <x>")
    figures = tuple(Figure("revenue", f"Revenue <{i}> & co", "Acme", "acme_2025Q2", "Q2 2025", None, 3,
                           Decimal(1000 + i) * 1_000_000, "USD", FactKind.REPORTED, source=src) for i in range(120))
    answer = Answer("q", Status.ANSWERED, "x" * 5000, "x" * 5000, figures, tuple([src] * 12), currency="USD")
    message = slack.answer_message(answer)
    assert_valid_blocks(message)
    assert len(table(message)) == 100 and table(message)[1][:3] == ["Revenue <0> & co", "Q2 2025", "$1,000 million"]
    assert len(message["blocks"][0]["text"]["text"]) <= 3000 and len(message["text"]) <= 3900
    elements = message["blocks"][-1]["elements"]
    assert len(elements) == 10 and "and 21 more figures" in elements[1]["text"]
    assert "&amp; &lt;x&gt;" in elements[2]["text"]  # mrkdwn escapes in text, none in raw table cells


def test_a_refusal_is_its_message_alone() -> None:
    text = "No release of Tesla is in the index. The releases cover: Alphabet (Q2 2025)."
    message = slack.answer_message(Answer("Tesla revenue?", Status.NOT_FOUND, text, text))
    assert message == {"text": text, "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": text}}]}


# --- the command, the manifest ----------------------------------------------------------------------------------

def start_cli(home: Path, mock: MockSlack, args: list[str], ready: str, **env: str) -> tuple[subprocess.Popen, str]:
    """`earnings-qa --home HOME slack ARGS` in a subprocess, its Web API the mock: (process, its `ready` line)."""
    environ = {**os.environ, "SLACK_BOT_TOKEN": TOKEN, "SLACK_API_URL": mock.url + "api/", "PYTHONPATH": str(ROOT),
               **env}
    for name in ("SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"):
        if name not in env:
            environ.pop(name, None)
    proc = subprocess.Popen([sys.executable, "-m", "ui.cli", "--home", str(home), "slack", *args], cwd=ROOT,
                            env=environ, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    lines: list[str] = []
    while not lines or ready not in lines[-1]:
        line = proc.stderr.readline()
        if not line:
            proc.kill()
            raise AssertionError("".join(lines))
        lines.append(line)
    return proc, lines[-1].strip()


def stop(proc: subprocess.Popen) -> None:
    """Ctrl+C, as a person stops the bot: it must end cleanly."""
    proc.send_signal(signal.SIGINT)
    err = proc.communicate(timeout=10)[1]
    assert proc.returncode == 0, err


def test_earnings_qa_slack_serves_http_until_interrupted(home: Path, mock: MockSlack) -> None:
    proc, line = start_cli(home, mock, ["--http", "--port", "0"], "listening on", SLACK_SIGNING_SECRET=SECRET)
    try:
        url = line.split("listening on ")[1]
        assert url.startswith("http://127.0.0.1:") and url.endswith("/slack/events")
        ts = new_ts()
        assert send(url, direct("D5", "What was Kingsoft Cloud's G&amp;A in Q2 2025?", ts))[0] == 200
        assert table(reply_to(mock, "D5", ts))[1] == GA_ROW
        assert send(url, direct("D5", "Kingsoft Cloud revenue?", new_ts()), secret="forged")[0] == 401
    finally:
        stop(proc)


def test_earnings_qa_slack_in_socket_mode_answers_over_the_websocket(home: Path, mock: MockSlack) -> None:
    ws = MockSocketMode()
    mock.socket_url = ws.url
    try:
        proc, _ = start_cli(home, mock, ["--socket"], "connected to Slack in Socket Mode", SLACK_APP_TOKEN="xapp-1")
        try:
            opened = mock.wait_for(lambda c: c.method == "apps.connections.open")
            assert opened.auth == "Bearer xapp-1"
            assert ws.connected.wait(5)
            ws.send({"type": "hello", "num_connections": 1})
            ts = new_ts()
            ws.send({"envelope_id": "env-1", "type": "events_api", "accepts_response_payload": False,
                     "retry_attempt": 0, "retry_reason": "",
                     "payload": json.loads(direct("D7", "What was Kingsoft Cloud's G&amp;A in Q2 2025?", ts))})
            assert ws.received.get(timeout=5)["envelope_id"] == "env-1"  # acknowledged over the socket
            assert table(reply_to(mock, "D7", ts))[1] == GA_ROW
        finally:
            stop(proc)
    finally:
        ws.close()


def test_earnings_qa_slack_names_a_missing_setting(tmp_path: Path) -> None:
    env = {"SLACK_BOT_TOKEN": TOKEN, "SLACK_SIGNING_SECRET": None, "SLACK_APP_TOKEN": None}
    result = CliRunner().invoke(cli, ["--home", str(tmp_path), "slack", "--http"], env=env)
    assert isinstance(result.exception, ConfigError)
    assert result.exception.user_message().startswith("SLACK_SIGNING_SECRET is not set")
    result = CliRunner().invoke(cli, ["--home", str(tmp_path), "slack", "--socket"], env=env)
    assert result.exception.user_message().startswith("SLACK_APP_TOKEN is not set")


def test_a_token_slack_refuses_is_named_at_start_up(mock: MockSlack, tmp_path: Path) -> None:
    answerer = slack.Answerer(tmp_path / "home", embedder=FakeEmbedding())
    try:
        with pytest.raises(ConfigError, match=r"Slack did not accept SLACK_BOT_TOKEN .*invalid_auth"):
            slack.build_app(answerer, bot_token="xoxb-revoked", signing_secret=SECRET, api_url=mock.url + "api/")
    finally:
        answerer.close()


def test_slack_has_help_and_ask_never_imports_slack_bolt(home: Path) -> None:
    result = CliRunner().invoke(cli, ["slack", "--help"])
    assert result.exit_code == 0 and "--socket" in result.output and "--http" in result.output
    code = ("import sys; from ui.cli import main; sys.argv=['earnings-qa','--home',sys.argv[1],'ask','--json',"
            "'Google Cloud revenue in Q2 2025']\ntry:\n main()\nfinally:\n"
            " print([m for m in sys.modules if m.startswith(('slack_bolt', 'slack_sdk', 'ui.slack'))],"
            " file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", code, str(home)], capture_output=True, text=True, timeout=60,
                          cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["figures"][0]["value"] == 13624000000
    assert proc.stderr.strip().splitlines()[-1] == "[]"


def test_the_manifest_subscribes_to_what_the_bot_handles() -> None:
    manifest = yaml.safe_load((ROOT / "ui" / "slack_manifest.yaml").read_text(encoding="utf-8"))
    assert [c["command"] for c in manifest["features"]["slash_commands"]] == [slack.COMMAND]
    assert set(manifest["settings"]["event_subscriptions"]["bot_events"]) == {"app_mention", "message.im"}
    assert set(manifest["oauth_config"]["scopes"]["bot"]) >= {"app_mentions:read", "chat:write", "commands",
                                                              "im:history", "channels:history", "groups:history"}
    assert manifest["features"]["app_home"]["messages_tab_enabled"] is True


def test_the_chat_and_the_bot_are_served_by_one_process_over_one_assistant(home: Path, mock: MockSlack) -> None:
    """`earnings-qa serve`: the web chat at / and the bot at /slack/events on one uvicorn, answering through one
    assistant, so one host needs no Chroma server."""
    from gradio_client import Client

    from ui import together, web

    library = web.Library(home, embedder=ControlledEmbedding())
    try:
        server = together.server(library, bot_token=TOKEN, signing_secret=SECRET, port=0, api_url=mock.url + "api")
        with serving(server) as port:
            base = f"http://127.0.0.1:{port}"
            ts = new_ts()
            status, _, _ = send(base + slack.EVENTS_PATH, mention("C77", "What was Kingsoft Cloud's G&A in Q2 2025?",
                                                                  ts))
            assert status == 200
            assert "RMB339.6 million" in reply_to(mock, "C77", ts)["text"]
            messages, *_ = Client(base, verbose=False).predict(message="What was Kingsoft Cloud's G&A in Q2 2025?",
                                                                 api_name="/chat")
            assert "RMB339.6 million" in messages[0]["content"]
            assert send(base + slack.EVENTS_PATH, "garbage", headers=False)[0] == 401
    finally:
        library.close()
