"""Releases uploaded through a shared interface (the web chat): a safe document id from the uploaded file's name,
a size limit, and never an overwrite of a release already in the index unless the uploader asked for it.

The file is kept under the data home (uploads/) so that the recorded path stays valid after the server clears its
upload cache; it is moved there only once it may be ingested, so a refused upload leaves every file as it was.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from index import settings
from index.errors import shown
from index.facts import FactStore
from index.loaders import SUFFIXES
from index.pipeline import content_sha256

# (as uploaded, the name kept, or None: refused). A name is its last path part, spaces and other punctuation made
# '-', leading and trailing dots and dashes dropped; a stem with no letter or digit names nothing
SAFE_NAME_EXAMPLES: tuple[tuple[str, str | None], ...] = (
    ("kingsoft-cloud_2025Q2.md", "kingsoft-cloud_2025Q2.md"),
    ("Acme Widgets Q2 2025.PDF", "Acme-Widgets-Q2-2025.PDF"),
    ("..\\..\\x_2025Q2.md", "x_2025Q2.md"),
    ("../../etc/acme_2025Q2.txt", "acme_2025Q2.txt"),
    ("...md", None),
    ("..md", None),
    ("-.md", None),
    ("notes.exe", None),
    (".hidden_2025Q2.md", "hidden_2025Q2.md"),
)
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(uploaded: str) -> str | None:
    """The file name an upload is kept under (its stem is the document id), or None when it names no release file
    (see SAFE_NAME_EXAMPLES)."""
    name = re.split(r"[\\/]", unicodedata.normalize("NFKC", uploaded))[-1]
    stem, dot, suffix = name.rpartition(".")
    if not dot or f".{suffix.lower()}" not in SUFFIXES:
        return None
    stem = _UNSAFE.sub("-", stem).strip(".-")[:120]
    return f"{stem}.{suffix}" if re.search(r"[A-Za-z0-9]", stem) else None


@dataclass(frozen=True)
class Kept:
    """An upload placed under the data home (`path`), or refused (`error`, a message naming the file)."""

    name: str
    path: Path | None = None
    error: str | None = None


def keep_upload(home: Path, uploaded: Path, name: str, facts: FactStore, *, replace: bool = False) -> Kept:
    """Place one uploaded file under home/uploads as `name` (the name the user gave it), unless it is too large,
    names no release file, or would replace a different release already in the index without `replace`."""
    kept = safe_name(name)
    if kept is None:
        return Kept(name, error=f"{shown(name)}: not a release file name (a name with letters or digits ending in "
                                f"{' '.join(sorted(SUFFIXES))})")
    limit = settings.MAX_UPLOAD_MB.value()
    size = uploaded.stat().st_size
    if size > limit * 1_000_000:
        return Kept(name, error=f"{shown(name)}: {size / 1_000_000:.1f} MB is over the upload limit of {limit:g} MB "
                                f"({settings.MAX_UPLOAD_MB.env})")
    document = Path(kept).stem
    existing = facts.document(document)
    if existing is not None and existing.sha256 != content_sha256(uploaded) and not replace:
        return Kept(name, error=f"{shown(name)}: a different release named {document} is already in the index "
                                f"({existing.company}, {existing.period}); nothing was replaced. To replace it, "
                                "confirm 'Replace releases of the same name' and upload it again")
    target = home / "uploads" / kept
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{kept}.part")
    shutil.copyfile(uploaded, partial)
    partial.replace(target)  # atomic: the file under the recorded path is always a whole release
    return Kept(name, path=target)
