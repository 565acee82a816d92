"""The one exception tree of earnings-qa; every user-facing error message is made here.

    EarningsQAError
    ├── IngestError                 a release file cannot be ingested (carries the file name)
    │   ├── UnsupportedFormatError  not .txt .md .html .htm .pdf
    │   ├── EmptyFileError          zero bytes, or only white space
    │   ├── BinaryFileError         a text format holding binary data
    │   ├── EncodingError           text that is not valid UTF-8 / Windows-1252
    │   ├── BrokenPdfError          a PDF that cannot be opened (truncated, encrypted, not a PDF)
    │   └── NoContentError          readable, but no tables and no text to index
    ├── StoreError                  the fact store or the vector store failed
    ├── ConfigError                 a setting is unusable (e.g. the embedding model cannot be loaded)
    └── DatasetError                an eval dataset cannot be read or a case in it is malformed
"""

from __future__ import annotations

from pathlib import Path


class EarningsQAError(Exception):
    """Base of every error the library raises on purpose."""

    def user_message(self) -> str:
        return str(self)


class IngestError(EarningsQAError):
    reason = "cannot be ingested"

    def __init__(self, path: Path | str, detail: str = "") -> None:
        self.path = Path(path)
        self.detail = detail
        super().__init__(self.user_message())

    def user_message(self) -> str:
        msg = f"{self.path.name}: {self.reason}"
        return f"{msg} ({self.detail})" if self.detail else msg


class UnsupportedFormatError(IngestError):
    reason = "unsupported file type (expected .txt, .md, .html, .htm or .pdf)"


class EmptyFileError(IngestError):
    reason = "the file is empty"


class BinaryFileError(IngestError):
    reason = "the file holds binary data, not text"


class EncodingError(IngestError):
    reason = "the text encoding is not readable (expected UTF-8)"


class BrokenPdfError(IngestError):
    reason = "the PDF cannot be read (truncated, damaged or encrypted)"


class NoContentError(IngestError):
    reason = "no tables and no text found"


class StoreError(EarningsQAError):
    """The fact store or the vector store failed; nothing of the document was committed."""


class ConfigError(EarningsQAError):
    """A setting cannot be used."""


class DatasetError(EarningsQAError):
    """An eval dataset cannot be read, or one of its cases is malformed (the message names file and case)."""
