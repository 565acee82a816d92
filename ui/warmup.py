"""Warming up at start-up: the embedding model loaded in the background while a server already answers numeric
questions (`earnings-qa ui --warm`, `earnings-qa slack --warm`)."""

from __future__ import annotations

import threading
from collections.abc import Callable


def warm_in_background(warm: Callable[[], None], announce: Callable[[str], None]) -> threading.Thread:
    """Run `warm` on a thread of its own, saying when it starts and ends (or why it failed: answering goes on, and
    the first "why" question loads the model itself)."""
    def run() -> None:
        announce("loading the embedding model in the background")
        try:
            warm()
        except Exception as e:  # noqa: BLE001 - a failed warm-up is reported, never fatal
            announce(f"the embedding model did not load ({e}): the first \"why\" question will try again")
        else:
            announce("the embedding model is loaded")

    thread = threading.Thread(target=run, name="earnings-qa-warm", daemon=True)
    thread.start()
    return thread
