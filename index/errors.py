"""The one exception tree of earnings-qa; every user-facing error message is made here.

    EarningsQAError
    ├── IngestError                 a release file cannot be ingested (carries the file name)
    │   ├── UnsupportedFormatError  not .txt .md .html .htm .pdf
    │   ├── EmptyFileError          zero bytes, or only white space
    │   ├── BinaryFileError         a text format holding binary data
    │   ├── EncodingError           text in no encoding we can identify (UTF-8/16 and single-byte are read)
    │   ├── BrokenPdfError          a PDF that cannot be opened (truncated, encrypted, not a PDF)
    │   ├── BrokenHtmlError         HTML the parser cannot read whole (nested beyond its depth limit)
    │   ├── NoContentError          readable, but no tables and no text to index
    │   ├── NothingReadError        read, but neither a figure nor a sentence came out of it
    │   ├── TooLargeError           a bound of index.settings exceeded (size, pages, line, table, time)
    │   ├── MetaFileError           the <stem>.meta.json beside the release is invalid (names the field)
    │   └── DuplicateDocumentError  another file with the same document id is already indexed
    ├── RequestError                a question from outside is malformed (a line of `ask -`)
    ├── UnknownDocumentError        a document id that is not in the index (names some that are)
    ├── StoreError                  the fact store or the vector store failed
    ├── ConfigError                 a setting is unusable (e.g. the embedding model cannot be loaded)
    └── DatasetError                an eval dataset cannot be read or a case in it is malformed
"""

from __future__ import annotations

import unicodedata
from pathlib import Path


def shown(text: str) -> str:
    """A name from outside (a file name, a document id) as it may be shown anywhere: control characters (ANSI
    escapes, new lines) and bidirectional overrides written as escapes, so that no terminal or chat interprets
    them. Markup ('[bold]') is left as text here; each interface prints names literally (Rich with markup off,
    Markdown escaped)."""
    return "".join(ascii(ch)[1:-1] if unicodedata.category(ch) == "Cc" or ch in _BIDI else ch for ch in text)


# the bidirectional overrides and isolates, which can make a name read backwards ('\u202e')
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def json_type(obj: object) -> str:
    """What a JSON value is, as a message names it ('a list', 'an object', 'null')."""
    return {list: "a list", dict: "an object", str: "a string", int: "a number", float: "a number",
            bool: "true/false", type(None): "null"}.get(type(obj), type(obj).__name__)


class EarningsQAError(Exception):
    """Base of every error the library raises on purpose."""

    def user_message(self) -> str:
        return str(self)

    def __reduce__(self) -> tuple:
        # whole, across processes (a release read in an ingest worker): subclasses take other arguments than the
        # message Exception keeps, so the object is rebuilt from its state, not its constructor
        return (_restore, (type(self), self.args, dict(self.__dict__)))


def _restore(cls: type[EarningsQAError], args: tuple, state: dict) -> EarningsQAError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class IngestError(EarningsQAError):
    reason = "cannot be ingested"

    def __init__(self, path: Path | str, detail: str = "") -> None:
        self.path = Path(path)
        self.detail = detail
        super().__init__(self.user_message())

    def user_message(self) -> str:
        msg = f"{shown(self.path.name)}: {self.reason}"
        return f"{msg} ({self.detail})" if self.detail else msg


class UnsupportedFormatError(IngestError):
    reason = "unsupported file type (expected .txt, .md, .html, .htm or .pdf)"


class EmptyFileError(IngestError):
    reason = "the file is empty"


class BinaryFileError(IngestError):
    reason = "the file holds binary data, not text"


class EncodingError(IngestError):
    reason = ("the text encoding cannot be identified (UTF-8, UTF-16 with a byte-order mark and single-byte "
              "encodings such as Windows-1252 are read)")


class BrokenPdfError(IngestError):
    reason = "the PDF cannot be read (truncated, damaged or encrypted)"


class BrokenHtmlError(IngestError):
    reason = "the HTML cannot be read"


class NoContentError(IngestError):
    reason = "no tables and no text found"


class NothingReadError(IngestError):
    reason = "nothing to index: no figure and no text could be read from it"


class TooLargeError(IngestError):
    reason = "too large to ingest"

    def __init__(self, path: Path | str, what: str, limit: str, setting: str) -> None:
        super().__init__(path, f"{what}; the limit is {limit}, set by {setting}")


class MetaFileError(IngestError):
    reason = "its metadata file is invalid"

    def __init__(self, path: Path | str, sidecar: str, problem: str) -> None:
        super().__init__(path, f"{shown(sidecar)}: {problem}")


class DuplicateDocumentError(IngestError):
    reason = "another file with the same document id is already indexed"

    def __init__(self, path: Path | str, document: str, other: str) -> None:
        super().__init__(path, f"document '{shown(document)}' comes from {shown(other)}; rename this file, or "
                               "ingest it with --replace to replace that document")


class RequestError(EarningsQAError):
    """A question request is malformed; the message says which field and why."""


class UnknownDocumentError(EarningsQAError):
    """A document id the index does not hold."""

    def __init__(self, document: str, known: list[str]) -> None:
        some = ", ".join(shown(k) for k in known[:5]) + (", …" if len(known) > 5 else "")
        super().__init__(f"no document '{shown(document)}' in the index" + (f"; it holds {some}" if known else
                                                                             "; it is empty"))


class StoreError(EarningsQAError):
    """The fact store or the vector store failed; nothing of the document was committed."""


class ConfigError(EarningsQAError):
    """A setting cannot be used."""


class DatasetError(EarningsQAError):
    """An eval dataset cannot be read, or one of its cases is malformed (the message names file and case)."""
