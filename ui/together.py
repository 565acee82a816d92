"""The web chat and the Slack bot served by one process (`earnings-qa serve`): one data home, one embedded Chroma
client and one model for both, so a single host needs no Chroma server. The chat is Gradio mounted at `/`, the bot's
HTTP endpoint at `/slack/events`, on one uvicorn (`ui.asgi_limits.Server`: its backlog, connection cap and header
timeout apply to both; the bot's body limit and body timeout to the bot's path).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from index import settings
from index.errors import ConfigError
from ui import slack, web
from ui.asgi_limits import Server
from ui.warmup import warm_in_background

SLACK_MOUNT = "/slack"


def server(library: web.Library, *, bot_token: str, signing_secret: str, host: str = "127.0.0.1", port: int = 7860,
           auth: tuple[str, str] | None = None, api_url: str | None = None) -> Server:
    """One uvicorn serving the chat over `library` at / and the bot, answering through the same assistant, at
    /slack/events. Port 0 takes a free port (`server_port` says which)."""
    import gradio as gr
    from fastapi import FastAPI

    answerer = slack.Answerer(assistant=library.assistant)
    bot = slack.build_app(answerer, bot_token=bot_token, signing_secret=signing_secret, api_url=api_url)
    app = FastAPI()
    app.mount(SLACK_MOUNT, slack.asgi_app(bot, path=slack.EVENTS_PATH.removeprefix(SLACK_MOUNT)))
    blocks = web.build(library)
    blocks.queue(default_concurrency_limit=web.CONCURRENCY)
    gr.mount_gradio_app(app, blocks, path="/", auth=auth, show_error=False, footer_links=["api"], run_history=False,
                        ssr_mode=False, theme=web.THEME, max_file_size=f"{settings.MAX_UPLOAD_MB.value():g}mb")
    try:
        return Server(app, host, port, backlog=slack.BACKLOG, limit_concurrency=slack.MAX_CONNECTIONS,
                      timeout_keep_alive=slack.KEEP_ALIVE_SECONDS,
                      header_timeout=settings.SLACK_REQUEST_SECONDS.value(), lifespan="on")
    except OSError as e:
        raise ConfigError(f"cannot listen on {host}:{port} ({e.strerror or e})") from e


def serve(home: Path | None = None, *, host: str = "127.0.0.1", port: int = 7860, embedder: Any = None,
          warm: bool = False, auth: tuple[str, str] | None = None,
          announce: Callable[[str], None] = print) -> None:
    """Serve both until interrupted; the bot in HTTP mode (SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET)."""
    bot_token = slack.setting("SLACK_BOT_TOKEN", "the bot token (xoxb-...) from the app's OAuth & Permissions page")
    secret = slack.setting("SLACK_SIGNING_SECRET", "the signing secret from the app's Basic Information page")
    for line in web.exposure_warnings(host, auth):
        announce(line)
    library = web.Library(home, embedder)
    try:
        served = server(library, bot_token=bot_token, signing_secret=secret, host=host, port=port, auth=auth,
                        api_url=slack.api_url())
        if warm:
            warm_in_background(library.warm, announce)
        announce(f"earnings-qa chat on http://{host}:{served.server_port}/ and the Slack bot on "
                 f"http://{host}:{served.server_port}{slack.EVENTS_PATH} (Ctrl+C stops both)")
        try:
            served.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            served.server_close()
    finally:
        library.close()
