"""Limits on what a client may make an ASGI app read and wait for, and a uvicorn server that applies them.

- `BodyLimits`, an ASGI middleware: a request body over `max_bytes` is refused with 413 before it is read (on its
  Content-Length) or as soon as it grows past the limit (a chunked body); a body that has not fully arrived
  `timeout` seconds after its headers is refused with 408. Both close the connection. The app gets the body
  whole, in one `http.request` message.
- `Server`: uvicorn on a socket bound at once (port 0 takes a free port; `server_port` tells which), with a long
  listen backlog (a burst of connections waits instead of being reset), a cap on concurrent connections (beyond it
  uvicorn answers 503), a keep-alive timeout, and a timeout on request headers: a connection whose request line
  and headers have not all arrived `header_timeout` seconds after its first byte (or its opening) is closed
  (uvicorn itself waits for them forever). `serve_forever()`, `shutdown()`, `server_close()` as socketserver's.

Nothing here knows Slack: the web chat and the bot can be served by one `Server` (e.g. the bot's app mounted
beside Gradio's, wrapped in its own `BodyLimits`).
"""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

log = logging.getLogger(__name__)


class BodyLimits:
    """ASGI middleware: reads an HTTP request's body (at most `max_bytes`, within `timeout` seconds of the call)
    before `app` sees the request, and refuses it with 413 / 408 (`Connection: close`) when it is larger or
    slower. Other scopes (lifespan, websocket) pass through."""

    def __init__(self, app: ASGIApp, *, max_bytes: int, timeout: float) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.timeout = timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is None:
            await refuse(send, 400, "Bad Content-Length")
            return
        if declared > self.max_bytes:
            log.info("refused a request body of %d bytes (limit %d): 413", declared, self.max_bytes)
            await refuse(send, 413, f"Request body over {self.max_bytes} bytes")
            return
        body = bytearray()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout
        while True:
            try:
                message = await asyncio.wait_for(receive(), max(deadline - loop.time(), 0))
            except TimeoutError:
                log.info("refused a request whose body took over %gs to arrive (%d bytes came): 408", self.timeout,
                         len(body))
                await refuse(send, 408, "Request body too slow")
                return
            if message["type"] == "http.disconnect":
                return  # the client left: nobody to answer
            body += message.get("body", b"")
            if len(body) > self.max_bytes:
                log.info("refused a request body over %d bytes: 413", self.max_bytes)
                await refuse(send, 413, f"Request body over {self.max_bytes} bytes")
                return
            if not message.get("more_body", False):
                break
        await self.app(scope, _replay(bytes(body), receive), send)


def _content_length(scope: Scope) -> int | None:
    """The request's Content-Length (0 when it declares none, e.g. chunked), None when it is no number."""
    for name, value in scope.get("headers", ()):
        if name.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return 0


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # http.disconnect, when the client leaves

    return replay


async def refuse(send: Send, status: int, text: str, *, close: bool = True) -> None:
    """A plain-text response; `close` ends the connection after it (the client may still be sending)."""
    body = text.encode("utf-8")
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    if close:
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})


# --- the server ---------------------------------------------------------------------------------------------------

class _HeaderTimeoutH11(H11Protocol):
    """uvicorn's h11 protocol, plus a deadline on a request's line and headers: from the connection's opening (or
    the first byte of a later request on it) they must all arrive within `header_timeout` seconds, else the
    connection is closed (with 408 if part of a request came). uvicorn's keep-alive timeout covers a connection
    that is idle between requests; nothing in uvicorn covers one that is half-way through its headers."""

    header_timeout: float = 10.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self._header_timer: asyncio.TimerHandle | None = None
        super().connection_made(transport)
        self._header_timer = self.loop.call_later(self.header_timeout, self._headers_timed_out)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        waiting = self.conn.their_state is h11.IDLE and not self.transport.is_closing()
        if waiting and self._header_timer is None:
            self._header_timer = self.loop.call_later(self.header_timeout, self._headers_timed_out)
        elif not waiting:
            self._cancel_header_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_header_timer()
        super().connection_lost(exc)

    def _cancel_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_timed_out(self) -> None:
        self._header_timer = None
        if self.conn.their_state is not h11.IDLE or self.transport.is_closing():
            return
        if self.conn.trailing_data[0]:  # part of a request line or headers came
            log.info("closed a connection whose request headers took over %gs: 408", self.header_timeout)
            self.transport.write(b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\n"
                                 b"content-length: 20\r\nconnection: close\r\n\r\nRequest headers slow")
        self.transport.close()


class Server:
    """uvicorn serving `app` on (host, port), the socket bound and listening from construction (a client may
    connect before `serve_forever` runs: it waits in the backlog). `server_port` is the bound port."""

    def __init__(self, app: ASGIApp, host: str = "127.0.0.1", port: int = 0, *, backlog: int = 2048,
                 limit_concurrency: int | None = 256, timeout_keep_alive: int = 5, header_timeout: float = 10.0,
                 timeout_graceful_shutdown: int = 5, lifespan: str = "off") -> None:
        """`lifespan` "on" for an app that starts work at start-up (Gradio's queue)."""
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.socket = socket.create_server((host, port), family=family, backlog=backlog)
        protocol = type("HeaderTimeoutH11", (_HeaderTimeoutH11,), {"header_timeout": header_timeout})
        self.config = uvicorn.Config(app, host=host, port=self.server_port, http=protocol, ws="none",
                                     lifespan=lifespan, log_config=None, access_log=False, proxy_headers=False,
                                     server_header=False, backlog=backlog, limit_concurrency=limit_concurrency,
                                     timeout_keep_alive=timeout_keep_alive,
                                     timeout_graceful_shutdown=timeout_graceful_shutdown)
        self.server = uvicorn.Server(self.config)
        self._serving = threading.Event()
        self._stopped = threading.Event()

    @property
    def server_port(self) -> int:
        return self.socket.getsockname()[1]

    def serve_forever(self) -> None:
        """Serve until `shutdown()` (from another thread) or, on the main thread, SIGINT/SIGTERM (uvicorn then
        raises the signal again once it has stopped: KeyboardInterrupt for Ctrl+C)."""
        self._serving.set()
        try:
            self.server.run(sockets=[self.socket])
        finally:
            self._stopped.set()

    def shutdown(self, timeout: float | None = 10) -> None:
        """Stop serving and wait until `serve_forever` has returned."""
        self.server.should_exit = True
        if self._serving.is_set():
            self._stopped.wait(timeout)

    def server_close(self) -> None:
        self.socket.close()
