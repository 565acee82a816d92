"""What reading one release remembers: the pure readers of its lines, labels and cells are asked about the same
text again and again (over the bundled corpus 6-72 thousand calls each for 1-13 thousand distinct texts), so each
keeps its answers, and `forget` drops them all when the release is read (index.pipeline.extract). A process that
reads many releases (an ingest's workers, a server's) so holds one release's readings at most, not up to ~90 MB of
every release it ever read. A reader remembered here must be pure: its answer depends on its arguments alone, and
it returns nothing its callers may change (tuples, strings, frozen dataclasses)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

_READERS: list[Any] = []


def remembered(maxsize: int = 1 << 15) -> Callable[[F], F]:
    """The reader, its answers kept (at most `maxsize`, the least recently used dropped) until `forget`."""

    def wrap(reader: F) -> F:
        cached = functools.lru_cache(maxsize=maxsize)(reader)
        _READERS.append(cached)
        return cached  # type: ignore[return-value]

    return wrap


def forget() -> None:
    """Drop every remembered answer (a release has been read)."""
    for reader in _READERS:
        reader.cache_clear()
