"""Slack's side of the bot on loopback, for the tests and the load benchmark: a mock Slack Web API (a small
http.server recording chat.postMessage, conversations.replies and response-URL posts) and requests signed as
Slack signs them. Nothing leaves 127.0.0.1."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import itertools
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
TOKEN = "xoxb-test-bot-token"
BOT_USER, BOT_ID = "UBOT", "BBOT"


# --- a mock Slack Web API ---------------------------------------------------------------------------------------

@dataclass
class Call:
    method: str  # "chat.postMessage", "conversations.replies", ... or "response_url"
    params: dict[str, Any]
    auth: str | None
    path: str
    at: float = field(default_factory=time.perf_counter)  # when the mock received it


@dataclass
class MockSlack:
    """Slack's Web API and response URLs on a loopback port: records every call, answers what the bot uses."""

    threads: dict[tuple[str, str], list[dict[str, Any]]] = field(default_factory=dict)
    refuse_tables: bool = False  # as a workspace whose Slack does not take table blocks yet
    socket_url: str = ""  # what apps.connections.open hands out
    calls: list[Call] = field(default_factory=list)
    cond: threading.Condition = field(default_factory=threading.Condition)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_port}/"

    def response_url(self, name: str) -> str:
        return self.url + "commands/" + name

    def record(self, call: Call) -> dict[str, Any]:
        with self.cond:
            self.calls.append(call)
            self.cond.notify_all()
        if call.method == "auth.test" and call.auth != f"Bearer {TOKEN}":
            return {"ok": False, "error": "invalid_auth"}
        if call.method == "auth.test":
            return {"ok": True, "url": "https://acme.slack.com/", "team": "Acme", "user": "earnings-qa",
                    "team_id": "T1", "user_id": BOT_USER, "bot_id": BOT_ID}
        if call.method == "chat.postMessage":
            if self.refuse_tables and has_table(call.params):
                return {"ok": False, "error": "invalid_blocks"}
            return {"ok": True, "channel": call.params.get("channel"), "ts": f"{time.time():.6f}"}
        if call.method == "apps.connections.open":
            return {"ok": True, "url": self.socket_url}
        if call.method == "conversations.replies":
            key = (call.params.get("channel"), call.params.get("ts"))
            if key not in self.threads:
                return {"ok": False, "error": "thread_not_found"}
            return {"ok": True, "messages": self.threads[key], "has_more": False}
        return {"ok": False, "error": "unknown_method"}

    def wait_for(self, match: Callable[[Call], bool], timeout: float = 10) -> Call:
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                found = [c for c in self.calls if match(c)]
                if found:
                    return found[0]
                left = deadline - time.monotonic()
                assert left > 0, f"no matching call in {timeout}s; calls: {[c.method for c in self.calls]}"
                self.cond.wait(left)

    @classmethod
    @contextlib.contextmanager
    def serving(cls) -> Iterator[MockSlack]:
        """A mock listening on a free loopback port until the block ends."""
        m = cls()
        m.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(m))
        m.server.daemon_threads = True
        thread = threading.Thread(target=m.server.serve_forever, daemon=True)
        thread.start()
        try:
            yield m
        finally:
            m.server.shutdown()
            m.server.server_close()
            thread.join(5)

    def posts(self, channel: str) -> list[Call]:
        with self.cond:
            return [c for c in self.calls if c.method == "chat.postMessage" and c.params.get("channel") == channel]


def has_table(params: dict[str, Any]) -> bool:
    blocks = params.get("blocks") or []
    blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
    return any(b.get("type") == "table" for b in blocks)


def _handler(mock: MockSlack) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            path, _, query = self.path.partition("?")
            self._answer(path, {k: v[0] for k, v in urllib.parse.parse_qs(query).items()})

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8")
            if "json" in (self.headers.get("Content-Type") or ""):
                params = json.loads(raw or "{}")
            else:
                params = {k: v[0] for k, v in urllib.parse.parse_qs(raw).items()}
            self._answer(self.path.partition("?")[0], params)

        def _answer(self, path: str, params: dict[str, Any]) -> None:
            if path.startswith("/commands/"):
                mock.record(Call("response_url", params, self.headers.get("Authorization"), path))
                if mock.refuse_tables and has_table(params):
                    self._send(400, "text/plain", b"invalid_blocks")
                else:
                    self._send(200, "text/plain", b"ok")
                return
            method = path.removeprefix("/api/")
            body = mock.record(Call(method, params, self.headers.get("Authorization"), path))
            self._send(200, "application/json; charset=utf-8", json.dumps(body).encode())

        def _send(self, status: int, ctype: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


_ts = itertools.count(1)


def new_id() -> int:
    """A number used once in this process (timestamps, trigger ids)."""
    return next(_ts)


def new_ts() -> str:
    return f"1750000000.{new_id():06d}"


def sign(body: str | bytes, timestamp: int | str, secret: str = SECRET) -> str:
    raw = body.encode() if isinstance(body, str) else body
    base = f"v0:{timestamp}:".encode() + raw
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def send(url: str, body: str | bytes, *, form: bool = False, timestamp: int | str | None = None,
         secret: str = SECRET, signature: str | None = None, headers: bool = True,
         extra: dict[str, str] | None = None) -> tuple[int, str, float]:
    """POST a request as Slack signs it (`extra`: more headers); returns (status, body, seconds until the
    response)."""
    ts = int(time.time()) if timestamp is None else timestamp
    request = urllib.request.Request(url, data=body.encode() if isinstance(body, str) else body, method="POST")
    request.add_header("Content-Type", "application/x-www-form-urlencoded" if form else "application/json")
    if headers:
        request.add_header("X-Slack-Request-Timestamp", str(ts))
        request.add_header("X-Slack-Signature", signature or sign(body, ts, secret))
    for name, value in (extra or {}).items():
        request.add_header(name, value)
    start = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode(), time.monotonic() - start
    except urllib.error.HTTPError as e:
        with e:
            return e.code, e.read().decode(), time.monotonic() - start


def event(inner: dict[str, Any]) -> str:
    """An Events API delivery; its event_id is one per event (a DM that mentions the bot is two events)."""
    return json.dumps({"token": "legacy", "team_id": "T1", "api_app_id": "A1", "type": "event_callback",
                       "event_id": f"Ev{inner['type']}{inner['ts']}", "event_time": int(time.time()), "event": inner,
                       "authorizations": [{"team_id": "T1", "user_id": BOT_USER, "is_bot": True}]})


def mention(channel: str, text: str, ts: str, thread_ts: str | None = None) -> str:
    inner = {"type": "app_mention", "user": "U1", "text": f"<@{BOT_USER}> {text}", "ts": ts, "channel": channel,
             "event_ts": ts}
    if thread_ts:
        inner["thread_ts"] = thread_ts
    return event(inner)


def direct(channel: str, text: str, ts: str, **extra: Any) -> str:
    return event({"type": "message", "channel_type": "im", "user": "U1", "text": text, "ts": ts,
                  "channel": channel, "event_ts": ts, **extra})
