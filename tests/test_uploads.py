"""Uploads through a shared interface: safe ids, a size limit, no overwrite without asking; and the web chat's login,
over real HTTP on loopback."""

from __future__ import annotations

import socket
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from assistant.respond import Assistant
from index.pipeline import Index
from index.uploads import SAFE_NAME_EXAMPLES, keep_upload, safe_name
from tests.conftest import FakeEmbedding, corpus_file, ingested_home


@pytest.mark.parametrize(("uploaded", "kept"), SAFE_NAME_EXAMPLES)
def test_an_uploads_name_is_a_safe_document_id(uploaded: str, kept: str | None) -> None:
    """Regression: '...md' became a document with id '..', '..\\..\\x_2025Q2.md' a company '....X'."""
    assert safe_name(uploaded) == kept


@pytest.fixture
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ingested_home(tmp_path_factory, "uploads", ["kingsoft-cloud_2025Q2"])


def _forged(tmp_path: Path) -> Path:
    """The bundled Kingsoft Cloud release with another revenue figure, under the same file name."""
    text = corpus_file("kingsoft-cloud_2025Q2").read_text(encoding="utf-8")
    text = text.replace("2,349,227", "9,999,900").replace("2,349.2", "9,999.9")
    path = tmp_path / "upload" / "kingsoft-cloud_2025Q2.txt"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    return path


def _revenue(index: Index) -> Decimal:
    return Assistant(index).answer("Kingsoft Cloud revenue in Q2 2025").figures[0].value


def test_an_upload_never_replaces_a_release_unless_asked(bundled: Path, tmp_path: Path) -> None:
    """Regression: uploading a file named kingsoft-cloud_2025Q2.md replaced the bundled release for everyone
    (revenue then read RMB9,999.9 million)."""
    forged = _forged(tmp_path)
    with Index(bundled, embedder=FakeEmbedding()) as index:
        before = _revenue(index)
        kept = keep_upload(bundled, forged, forged.name, index.facts)
        assert kept.path is None and "already in the index" in (kept.error or "")
        assert not (bundled / "uploads" / forged.name).exists()
        assert _revenue(index) == before == Decimal(2_349_227_000)
        # asked for: kept and ingested as the replacement
        kept = keep_upload(bundled, forged, forged.name, index.facts, replace=True)
        assert kept.path == bundled / "uploads" / forged.name and kept.error is None
        [result] = index.ingest([kept.path], replace=True)
        assert result.error is None
        assert _revenue(index) == Decimal(9_999_900_000)


def test_the_same_release_uploaded_again_is_kept_and_changes_nothing(bundled: Path) -> None:
    with Index(bundled, embedder=FakeEmbedding()) as index:
        original = corpus_file("kingsoft-cloud_2025Q2")
        kept = keep_upload(bundled, original, original.name, index.facts)
        assert kept.error is None and kept.path is not None
        [result] = index.ingest([kept.path])
        assert result.status.value == "unchanged"


def test_an_upload_over_the_size_limit_is_refused_by_name(bundled: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EARNINGS_QA_MAX_UPLOAD_MB", "0.001")
    big = tmp_path / "acme_2025Q2.md"
    big.write_text("x" * 5_000, encoding="utf-8")
    with Index(bundled, embedder=FakeEmbedding()) as index:
        kept = keep_upload(bundled, big, big.name, index.facts)
    assert kept.path is None and kept.error is not None
    assert kept.error.startswith("acme_2025Q2.md: 0.0 MB is over the upload limit of 0.001 MB")


def test_an_upload_that_names_no_release_is_refused(bundled: Path, tmp_path: Path) -> None:
    dots = tmp_path / "x.md"
    dots.write_text("# nothing", encoding="utf-8")
    with Index(bundled, embedder=FakeEmbedding()) as index:
        kept = keep_upload(bundled, dots, "...md", index.facts)
    assert kept.path is None and "not a release file name" in (kept.error or "")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_web_chat_asks_for_its_login_when_one_is_set(bundled: Path) -> None:
    from gradio_client import Client

    from ui import web

    app, library = web.start(bundled, host="127.0.0.1", port=_free_port(), embedder=FakeEmbedding(),
                             auth=("analyst", "s3cret"))
    try:
        url = app.local_url.rstrip("/")
        assert httpx.get(f"{url}/config", timeout=10).status_code == 401
        assert httpx.post(f"{url}/login", data={"username": "analyst", "password": "wrong"},
                          timeout=10).status_code == 400
        client = Client(url, auth=("analyst", "s3cret"), verbose=False)
        messages, *_ = client.predict(message="Kingsoft Cloud revenue in Q2 2025", api_name="/chat")
        assert "RMB2,349.2 million" in messages[0]["content"]
    finally:
        app.close()
        library.close()


def test_serving_beyond_this_machine_with_no_login_is_warned_about() -> None:
    from ui.web import exposure_warnings

    assert exposure_warnings("127.0.0.1", None) == []
    assert exposure_warnings("0.0.0.0", ("a", "b")) == []
    [warning] = exposure_warnings("0.0.0.0", None)
    assert "no login" in warning and "--auth" in warning
