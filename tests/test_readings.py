"""index.readings: the readers of a release's lines remember their answers while it is read, and forget them after."""

from __future__ import annotations

import pytest

from index import readings
from index.errors import IngestError
from index.pipeline import extract
from index.text_tables import clean_label, split_segments
from tests.conftest import corpus_file


def _held() -> int:
    return sum(reader.cache_info().currsize for reader in readings._READERS)


def test_reading_a_release_leaves_nothing_remembered() -> None:
    """Guards the memory of processes that read many releases (an ingest's workers, a server): the readers' answers
    of one release are dropped when it has been read, also when reading it fails."""
    clean_label("  Revenue:  ")
    assert _held() > 0
    ex = extract(corpus_file("buckle_FY2024Q3"))
    assert ex.facts and _held() == 0
    split_segments("Revenue $ 1,234 $ 1,100")
    with pytest.raises(IngestError):
        extract(corpus_file("buckle_FY2024Q3").with_suffix(".missing"))
    assert _held() == 0


def test_a_remembered_reader_answers_as_it_did_before() -> None:
    line = "Net income (1) $ 431.6 $ 334.6 Diluted EPS 0.81 0.75"
    first = split_segments(line)
    assert split_segments(line) == first
    readings.forget()
    assert split_segments(line) == first
    assert clean_label("• Net sales:") == "Net sales"
