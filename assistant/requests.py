"""A question as it comes from outside (a line of `ask -`, a script): validated before anything answers it.

A line is plain text (the question) or a JSON object {"question": str, "company": str|null, "document": str|null,
"history": [str, ...]|null} (the earlier questions of a conversation, oldest first).
Anything else (a list, a number, a field of the wrong type, an unknown field, no question, a question longer
than settings allow) is a RequestError whose message says what is wrong; `invalid_reply` is the JSON object that
stands in the answer's place, so a stream of questions goes on past a bad line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from index.errors import RequestError, json_type

MAX_QUESTION_CHARS = 2_000
MAX_NAME_CHARS = 200
MAX_HISTORY_TURNS = 50  # earlier questions read; a conversation longer than that is cut to its last turns
_FIELDS = {"question": MAX_QUESTION_CHARS, "company": MAX_NAME_CHARS, "document": MAX_NAME_CHARS}
_KNOWN = (*_FIELDS, "history")


@dataclass(frozen=True)
class Request:
    question: str
    company: str | None = None
    document: str | None = None
    history: tuple[str, ...] = ()


def parse_request(line: str, company: str | None = None, document: str | None = None,
                  history: tuple[str, ...] = ()) -> Request:
    """One input line -> Request; `company`, `document` and `history` are the defaults the line may override."""
    text = line.strip()
    if text[:1] not in ("{", "[", '"'):
        return Request(_checked("question", text), company, document, history)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        if text.startswith("{"):
            raise RequestError(f"the line starts like a JSON object but is not one ({e.msg}, column {e.colno})"
                               ) from None
        return Request(_checked("question", text), company, document, history)  # '[Acme] revenue?' is a question
    if isinstance(obj, str):
        return Request(_checked("question", obj.strip()), company, document, history)
    if not isinstance(obj, dict):
        raise RequestError(f"expected a question or a JSON object, found {json_type(obj)}")
    unknown = sorted(set(obj) - set(_KNOWN))
    if unknown:
        raise RequestError(f"unknown field '{unknown[0]}' (known: {', '.join(_KNOWN)})")
    values: dict[str, str | None] = {}
    for name in _FIELDS:
        value = obj.get(name)
        if value is not None and not isinstance(value, str):
            raise RequestError(f"field '{name}' must be a string, not {json_type(value)}")
        values[name] = _checked(name, value) if value else None
    if not values["question"]:
        raise RequestError("field 'question' is missing or empty")
    turns = parse_history(obj["history"]) if obj.get("history") is not None else history
    return Request(values["question"] or "", values["company"] or company, values["document"] or document, turns)


def parse_history(value: Any) -> tuple[str, ...]:
    """Earlier questions, oldest first: a list of strings, or of chat messages {"role": ..., "content": ...} (the
    user's are kept). Longer than MAX_HISTORY_TURNS: the last turns."""
    if not isinstance(value, list):
        raise RequestError(f"field 'history' must be a list of questions, not {json_type(value)}")
    turns: list[str] = []
    for i, turn in enumerate(value, start=1):
        if isinstance(turn, dict):
            if turn.get("role", "user") != "user":
                continue
            turn = turn.get("content")
        if not isinstance(turn, str):
            raise RequestError(f"history item {i} must be a question (a string or a chat message), "
                               f"not {json_type(turn)}")
        if turn.strip():
            turns.append(_checked("question", turn.strip()))
    return tuple(turns[-MAX_HISTORY_TURNS:])


def read_history(text: str) -> tuple[str, ...]:
    """A --history file: a JSON list (as the 'history' field) or plain text, one earlier question per line."""
    stripped = text.strip()
    if stripped.startswith("["):
        try:
            return parse_history(json.loads(stripped))
        except json.JSONDecodeError as e:
            raise RequestError(f"the history starts like a JSON list but is not one ({e.msg}, line {e.lineno})"
                               ) from None
    return tuple(_checked("question", q.strip()) for q in stripped.splitlines() if q.strip())[-MAX_HISTORY_TURNS:]


def _checked(name: str, value: str) -> str:
    if len(value) > _FIELDS[name]:
        raise RequestError(f"field '{name}' has {len(value):,} characters; at most {_FIELDS[name]:,} are read")
    if any(ord(ch) < 32 and ch not in "\t" for ch in value):
        raise RequestError(f"field '{name}' holds control characters")
    return value


def invalid_reply(line_number: int | None, error: RequestError) -> dict[str, Any]:
    """What stands in an answer's place for a line (or an API request: no line number) that is no valid question
    (the answer's keys, empty)."""
    message = f"line {line_number}: {error.user_message()}" if line_number is not None else error.user_message()
    reply = {"line": line_number} if line_number is not None else {}
    return {**reply, "status": "invalid_input", "error": message, "question": None,
            "answer": message, "headline": "", "figures": [], "citations": [], "notes": []}


def answer_json(assistant: Any, fields: dict[str, Any]) -> dict[str, Any]:
    """An API request ({"question", "company", "document", "history"}) answered as the Answer JSON contract, or
    the invalid_input object naming what is wrong with it (a field too long, of the wrong type, unknown...).
    `assistant`: anything with the Assistant's answer(question, company=, document=, history=)."""
    try:
        req = parse_request(json.dumps({k: v for k, v in fields.items() if v not in (None, "", [])}))
    except RequestError as e:
        return invalid_reply(None, e)
    return assistant.answer(req.question, company=req.company, document=req.document,
                            history=req.history).to_json()

