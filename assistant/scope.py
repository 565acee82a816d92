"""What a question can be about: the companies and documents in scope, their names, calendars and facts."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property, lru_cache
from typing import Any

from index.facts import DocumentRecord, Fact, FactStore
from index.metrics import normalise_label
from index.periods import FiscalCalendar
from lexicon.metrics import ABBREVIATIONS, MARGINS, SUMMARY_MEASURES, WHOLE_NAMES
from lexicon.words import vocabulary

# the lexicon's own names of measures are words a question may use too
_METRIC_WORDS = ([r.produces for r in ABBREVIATIONS], list(MARGINS), list(WHOLE_NAMES.values()),
                 [m for m, _ in SUMMARY_MEASURES])

_LEGAL_SUFFIX = re.compile(
    r",?\s+(inc\.?|incorporated|corp\.?|corporation|co\.?|company|ltd\.?|limited|plc|holdings|group|"
    r"international|financial|n\.v\.|s\.a\.|ag|se)\b\.?", re.I)
# the first word of a name is an alias only when it is not also a common word of questions
_COMMON_WORDS = {"applied", "golden", "general", "first", "united", "american", "national", "international"}


@lru_cache(maxsize=200_000)
def row_name(label: str) -> str:
    """A row name without its footnote mark ('Adjusted Earnings A', 'Provision for credit losses (C)')."""
    return normalise_label(re.sub(r"\s+[A-H]$", "", label.strip()))


def _by_row_name(facts: list[Fact]) -> dict[str, list[Fact]]:
    """Facts grouped by row name: the lookup's index, one pass instead of one per candidate row."""
    index: dict[str, list[Fact]] = {}
    for f in facts:
        index.setdefault(row_name(f.label), []).append(f)
    return index


@dataclass(frozen=True)
class Company:
    name: str
    short_name: str
    ticker: str | None
    calendar: FiscalCalendar
    currency: str | None
    documents: tuple[DocumentRecord, ...]  # oldest release first
    aliases: tuple[str, ...] = field(default=())  # lower-case names a question may use
    name_aliases: frozenset[str] = field(default=frozenset())  # the aliases that are names, not the ticker

    @property
    def latest(self) -> DocumentRecord:
        return self.documents[-1]

    @property
    def display(self) -> str:
        return self.short_name or self.name

    @property
    def possessive(self) -> str:
        """'Kingsoft Cloud's', 'Applied Materials''."""
        return self.display + ("'" if self.display.endswith("s") else "'s")


def _aliases(doc: DocumentRecord, first_words: dict[str, int]) -> tuple[str, ...]:
    names = {doc.company, doc.short_name}
    for name in (doc.company, doc.short_name):
        # "Kingsoft Corporation Limited" -> "Kingsoft Corporation" -> "Kingsoft": each step is a name people use
        while True:
            m = list(_LEGAL_SUFFIX.finditer(name))
            if not m:
                break
            shorter = name[:m[-1].start()].strip(" ,.")
            if not shorter or shorter == name:
                break
            names.add(shorter)
            name = shorter
    stem_words = doc.document.split("_")[0].split("-")
    names.add(" ".join(stem_words))
    first = stem_words[0]
    if len(first) >= 4 and first_words.get(first, 0) == 1 and first not in _COMMON_WORDS:
        names.add(first)
    if "&" in doc.company:  # Johnson & Johnson -> J&J
        names.add("&".join(w.strip()[0] for w in doc.company.split("&") if w.strip()))
    if doc.ticker:
        names.add(doc.ticker)
    return tuple(sorted({n.lower().strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True))


def _release_order(d: DocumentRecord) -> tuple[date, str]:
    """Oldest release first; a document with no period end or release date sorts first, by its id (never a
    comparison of a date with a string: one release with no dateline must not break answering for the others)."""
    return (d.period_end or d.release_date or date.min, d.document)


_DOCUMENT_SETS = itertools.count()  # tokens of the document sets seen in this process


class Scope:
    """The documents a question may draw on (all, one company's, or one document) and what they hold."""

    def __init__(self, store: FactStore, *, company: str | None = None, document: str | None = None,
                 cache: dict[Any, Any] | None = None) -> None:
        """`cache` (document -> (sha256, facts)) lets one assistant read each document's facts once."""
        self.store = store
        self._cache = cache if cache is not None else {}
        docs = store.documents()
        if document:
            docs = [d for d in docs if d.document == document]
        if company:
            docs = [d for d in docs if d.company == company]
        self.documents = docs
        self._facts: dict[str, list[Fact]] = {}
        self._words: dict[str, frozenset[str]] = {}
        self._rows: dict[str, dict[str, list[Fact]]] = {}

    @cached_property
    def companies(self) -> dict[str, Company]:
        """The companies in scope by name, made once for the same documents (shared through the cache)."""
        return self.derived("companies", self._companies)

    def _companies(self) -> dict[str, Company]:
        by_company: dict[str, list[DocumentRecord]] = {}
        for d in sorted(self.documents, key=_release_order):
            by_company.setdefault(d.company, []).append(d)
        first_words: dict[str, int] = {}
        for docs in by_company.values():
            w = docs[0].document.split("_")[0].split("-")[0]
            first_words[w] = first_words.get(w, 0) + 1
        out = {}
        for name, docs in by_company.items():
            # the calendar and names come from the latest dated release: one with no period end says nothing
            latest = next((d for d in reversed(docs) if d.period_end), docs[-1])
            aliases: set[str] = set()
            for d in docs:
                aliases.update(_aliases(d, first_words))
            names = frozenset(a for d in docs for a in _aliases(replace(d, ticker=None), first_words))
            out[name] = Company(
                name=name, short_name=latest.short_name, ticker=next((d.ticker for d in docs if d.ticker), None),
                calendar=FiscalCalendar(latest.fiscal_year_end_month, latest.fiscal_label_shift),
                currency=latest.currency, documents=tuple(docs),
                aliases=tuple(sorted(aliases, key=len, reverse=True)), name_aliases=names)
        return out

    def facts(self, company: str) -> list[Fact]:
        """The company's facts from the documents in scope, in document then table order."""
        if company not in self._facts:
            found: list[Fact] = []
            for d in sorted((d for d in self.documents if d.company == company), key=lambda d: d.document):
                cached = self._cache.get(d.document)
                if cached is None or cached[0] != d.sha256:
                    cached = (d.sha256, self.store.facts(document=d.document))
                    self._cache[d.document] = cached
                found.extend(cached[1])
            self._facts[company] = found
        return self._facts[company]

    def labels(self, company: str) -> set[str]:
        """The row labels of the company's facts in scope (read apart from the facts until these are read)."""
        if company in self._facts:
            return {f.label for f in self._facts[company]}
        return set(self._labels.get(company, set()))

    @cached_property
    def _labels(self) -> dict[str, set[str]]:
        """Every company's row labels in scope, from one query, made once for the same documents."""
        def build() -> dict[str, set[str]]:
            by_document = self.store.row_labels([d.document for d in self.documents])
            out: dict[str, set[str]] = {}
            for d in self.documents:
                out.setdefault(d.company, set()).update(by_document.get(d.document, set()))
            return out
        return self.derived("labels", build)

    def words(self, company: str) -> frozenset[str]:
        """The lower-case words of the company's row labels (to tell a row's name from an unknown name)."""
        if company not in self._words:
            self._words[company] = self.derived(f"words {company}", lambda: frozenset(
                w.lower() for label in self.labels(company) for w in re.findall(r"[\w&-]+", label)))
        return self._words[company]

    def row_index(self, company: str) -> dict[str, list[Fact]]:
        """The company's facts by row name (lookup.by_row_name), built once for the same documents."""
        if company not in self._rows:
            self._rows[company] = self.derived(f"rows {company}", lambda: _by_row_name(self.facts(company)))
        return self._rows[company]

    def derived(self, name: str, build: Callable[[], Any]) -> Any:
        """A value computed from the documents in scope, kept in the shared cache for as long as they are the
        same documents (the vocabulary and the acronyms cost more than a numeric answer's lookup)."""
        key = (name, self._documents_key)
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]

    @cached_property
    def _documents_key(self) -> tuple[str, int]:
        # a small token for this set of documents (their ids and versions), looked up once per scope: derived values
        # are asked for thousands of times per question, and hashing a thousand documents each time adds up
        full = ("document set", tuple(sorted((d.document, d.sha256) for d in self.documents)))
        token = self._cache.get(full)
        if token is None:
            token = self._cache.setdefault(full, ("document set", next(_DOCUMENT_SETS)))
        return token

    @cached_property
    def acronyms(self) -> dict[str, str]:
        """Initials of the row labels in scope that name a part ('GS' Google Services, 'IC' Intelligent Cloud,
        'PBP' Productivity and Business Processes): each acronym that one label alone spells, in capitals."""
        return self.derived("acronyms", self._acronyms)

    def _acronyms(self) -> dict[str, str]:
        spelt: dict[str, set[str]] = {}
        for company in self.companies:
            for label in self.labels(company):
                words = [w for w in re.findall(r"[A-Za-z][\w-]*", label) if w.lower() not in ("and", "of", "&", "the")]
                if 2 <= len(words) <= 5 and all(w[0].isupper() for w in words):
                    spelt.setdefault("".join(w[0] for w in words).upper(), set()).add(" ".join(words))
        return {a: next(iter(labels)) for a, labels in spelt.items() if len(labels) == 1}

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Every word a question may spell right: the lexicon's question words, the row labels and the names of
        the companies in scope (lexicon.words.corrected mends a word that is none of them)."""
        return self.derived("vocabulary", lambda: vocabulary(
            [n for c in self.companies.values() for n in (c.name, c.display, *c.aliases)],
            *(self.labels(c) for c in self.companies), *(m for m in _METRIC_WORDS)))
