"""Rows by meaning: when no row label answers a metric phrase word for word ("shares granted" and the row 'Granted
during the period'), the row whose label the bundled embedding model places nearest the phrase, if it is clearly
nearest and of the same kind of measure. The labels' embeddings are computed at ingest and stored with the facts
(index.facts.FactStore.label_vectors); only the phrase is embedded when a question is answered, and only when the
words found no row, so numeric answers that match by words never load the model.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from assistant.lookup import _STOP, MATCH_THRESHOLD, RowMatch, _matched, _tokens, label_score, qualifiers_agree
from index.facts import Fact, Unit
from lexicon.metrics import opposed

# measured on TAT-QA dev's refusals for want of a row (tatqa.md): at 0.70 and a margin of 0.03, 30 of the 33
# arithmetic questions whose numbers are in the document got the row the gold derivation uses
SIMILAR_MIN = 0.70  # cosine similarity of the phrase and the label
SIMILAR_MARGIN = 0.03  # over the next label: a near tie is no answer
WORD_FLOOR = 40.0  # the lexical score (assistant.lookup.label_score) the label must still reach


def _cosine(a: Sequence[float], b: Sequence[float]) -> float:
    na = math.sqrt(sum(x * x for x in a))
    nb = math.sqrt(sum(x * x for x in b))
    return sum(x * y for x, y in zip(a, b, strict=True)) / (na * nb) if na and nb else 0.0


def rows_by_meaning(phrase: str, phrase_vector: Sequence[float], facts: Sequence[Fact],
                    label_vectors: Mapping[str, Sequence[float]], *, want_percent: bool | None) -> list[RowMatch]:
    """The rows of the label nearest the phrase in meaning, scored just above the lexical floor; none when the
    nearest is not near enough, not clearly nearer than the next, another kind of measure (a qualifier such as
    'adjusted' on one side only) or shares too few of the phrase's words."""
    labels = {f.label for f in facts if f.label in label_vectors and _unit_fits(f.unit, want_percent)}
    if not labels:
        return []
    scored = sorted(((_cosine(phrase_vector, label_vectors[lab]), lab) for lab in labels), reverse=True)
    best, label = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else -1.0
    if best < SIMILAR_MIN or best - runner_up < SIMILAR_MARGIN:
        return []
    if not qualifiers_agree(phrase, label) or label_score(phrase, label) < WORD_FLOOR or not _covers(label, phrase):
        return []
    if opposed(phrase, label):  # near in meaning, the opposite action: 'Restaurants sold' for "restaurants acquired"
        return []
    rows: dict[tuple, RowMatch] = {}
    for f in facts:
        if f.label == label and _unit_fits(f.unit, want_percent):
            rows.setdefault((f.metric, f.unit, f.section), RowMatch(f.label, f.metric, f.unit, MATCH_THRESHOLD - 6,
                                                                    f.section))
    return list(rows.values())


def _covers(label: str, phrase: str) -> bool:
    """The label holds more than half the phrase's words: 'Adjusted EBITDA' is near "depreciation and amortization
    in the adjusted EBITDA reconciliation" in meaning (two words of four), but names another measure."""
    words = [w for w in _tokens(phrase) if w not in _STOP]
    have = set(_tokens(label))
    held = sum(_matched(w, have) or any(h.startswith(w) for h in have) for w in words)  # 'due' in 'due-from'
    return bool(words) and held > 0.5 * len(words)


def _unit_fits(unit: Unit, want_percent: bool | None) -> bool:
    return want_percent is None or (unit == Unit.PERCENT) == want_percent
