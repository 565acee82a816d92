"""earnings-qa assistant: question -> Answer with exact, cited figures. One public entry point: `answer`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.answers import Answer

__all__ = ["answer"]


def answer(question: str, *, company: str | None = None, document: str | None = None,
           history: Sequence[Any] | None = None, home: Path | None = None) -> Answer:
    """Answer one question from the data home (`home`, else $EARNINGS_QA_HOME, else the user data dir).

    `history` holds the earlier turns of the conversation (their questions as strings, Answers, or chat messages
    {"role": "user", "content": ...}); a follow-up takes the company, metric and period it does not name from them.
    """
    from assistant.respond import Assistant
    from index.pipeline import Index

    with Index(home) as index:
        return Assistant(index).answer(question, company=company, document=document, history=history)
