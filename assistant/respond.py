"""The assistant: question -> intent -> lookup / calculate / explain -> Answer.

Numbers come only from facts: a figure is a reported cell or sentence, or a calculation on such figures with its
formula and inputs. When the corpus does not hold what is asked the answer says so (`not_found`) and names what
is there; it never passes off another company's or period's figure as the one asked.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from datetime import timedelta
from decimal import Decimal
from typing import Any

from assistant import calculate, compose
from assistant.answers import Answer, Citation, Figure, Status
from assistant.grid import GridRequest, grid_request
from assistant.lookup import (
    MATCH_THRESHOLD,
    Target,
    candidate_rows,
    closest_labels,
    ending_then,
    find_fact,
    label_score,
    matches,
    periods_held,
    resolve_period,
    shifted,
    stated_change,
)
from assistant.operations import BY_OPERATION, words
from assistant.questions import (
    Intent,
    Operation,
    PeriodKind,
    PeriodRef,
    beyond,
    find_companies,
    follow_up,
    parse,
)
from assistant.scope import Company, Scope
from assistant.similar import rows_by_meaning
from assistant.spans import TextForm, answer_span
from index.facts import Fact, FactKind, Unit
from index.headings import segment_heading
from index.metrics import STANDARD_METRICS, canonical_metric, normalise_label
from index.periods import fiscal_quarter
from index.pipeline import Index
from lexicon.metrics import MARGINS, SUMMARY_MEASURES
from lexicon.words import QUESTION_WORDS, STATEMENT_WORDS

_NEAR = timedelta(days=10)
_LATEST = PeriodRef(PeriodKind.LATEST, months=3, text="the latest quarter")
_BORROWINGS = ("short-term borrowings", "long-term borrowings")


class Miss(Exception):
    """What was asked is not in the corpus; the message says what is there instead."""


@dataclass(frozen=True)
class _Value:
    figure: Figure
    extra: tuple[Figure, ...] = ()  # inputs of a calculated figure


@dataclass
class _Request:
    """State of one answer: the rows each metric phrase matched (a follow-up's metric is matched once)."""

    rows: dict[tuple, list[Any]] = field(default_factory=dict)  # (company, phrase, wording, percent) -> rows


_REQUEST: ContextVar[_Request] = ContextVar("earnings_qa_request")


class Assistant:
    """Answers questions from one data home. Numeric questions read only SQLite; the embedding model is loaded
    only when a question asks for reasons."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self._explainer: Any = None
        self._making = threading.Lock()
        self._facts: dict[str, tuple[str, list[Fact]]] = {}  # document -> (sha256, facts), read once, shared
        self._label_vectors: dict[tuple, dict[str, tuple[float, ...]]] = {}  # a company's releases -> label vectors

    # --- entry point ------------------------------------------------------------------------------------------

    def answer(self, question: str, *, company: str | None = None, document: str | None = None,
               history: Sequence[Any] | None = None) -> Answer:
        question = (question or "").strip()
        if not question:
            return _reply(question, Status.NEEDS_CLARIFICATION, "Please ask a question about an earnings release.")
        company_name = self.resolve_company(company) if company else None
        scope = Scope(self.index.facts, company=company_name, document=document, cache=self._facts)
        request = _REQUEST.set(_Request())  # what this answer works out, seen by no other answer or thread
        try:
            return self._respond(question, scope, document, company, history)
        finally:
            _REQUEST.reset(request)

    def _respond(self, question: str, scope: Scope, document: str | None, company: str | None,
                 history: Sequence[Any] | None) -> Answer:
        if not scope.documents:
            what = f"document {document}" if document else f"company {company}" if company else "release"
            return _reply(question, Status.NOT_FOUND, f"No {what} is in the index. "
                          + self._holdings(Scope(self.index.facts)))
        previous: Intent | None = None
        for turn in history or ():
            q = _question_of(turn)
            if q:
                previous = _settled(follow_up(parse(q, scope), previous), scope)
        intent = _own_period(_settled(follow_up(parse(question, scope), previous), scope), scope)
        if intent.unread_period:
            return _reply(question, Status.NEEDS_CLARIFICATION, f"I cannot read the period “{intent.unread_period}”: "
                          "name a quarter, half or fiscal year that a release covers. " + self._holdings(scope),
                          intent=intent)
        try:
            return _with_carried(self._answer(intent, scope), intent, scope)
        except Miss as e:
            quoted = self._quote(intent, scope)  # what no table holds may be said in a sentence
            return quoted or _reply(question, Status.NOT_FOUND, str(e), intent=intent)
        except calculate.CalculationError as e:  # figures that cannot be combined: say so, never a number
            return _reply(question, Status.NOT_FOUND, f"No answer can be calculated: {e}.", intent=intent)
        except _Clarify as e:
            return _reply(question, Status.NEEDS_CLARIFICATION, str(e), intent=intent)

    def grid_request(self, question: str, company: str | None = None) -> GridRequest | None:
        """The grid a question asks for (assistant.grid), within the company it is scoped to; None for a question
        the assistant answers itself."""
        scope = Scope(self.index.facts, company=self.resolve_company(company) if company else None,
                      cache=self._facts)
        return grid_request(question, scope) if scope.documents else None

    def resolve_company(self, name: str) -> str:
        """The stored company a name, short name, ticker or close misspelling means (the name itself if none)."""
        scope = Scope(self.index.facts, cache=self._facts)
        low = name.lower().strip()
        for c in scope.companies.values():
            if low == c.name.lower() or low in c.aliases:
                return c.name
        found, _, _ = find_companies(name, scope)
        return found[0] if len(found) == 1 else name

    def _holdings(self, scope: Scope) -> str:
        if not scope.companies:
            return "The index is empty: ingest releases first (`earnings-qa ingest PATH`)."
        parts = [f"{c.display} ({', '.join(d.period for d in c.documents)})" for c in scope.companies.values()]
        return "The releases cover: " + "; ".join(parts) + "."

    # --- understanding what is asked --------------------------------------------------------------------------

    def _companies(self, intent: Intent, scope: Scope) -> list[Company]:
        if intent.operation == Operation.RANK and not intent.companies and not intent.of_parts:
            return list(scope.companies.values())  # "which company ...": every company in scope
        if intent.unknown_company and not intent.companies and len(scope.companies) > 1:
            raise Miss(f"No release of {intent.unknown_company} is in the index. {self._holdings(scope)}")
        if intent.companies:
            return [scope.companies[c] for c in intent.companies if c in scope.companies]
        if len(scope.companies) == 1:
            return list(scope.companies.values())
        if intent.ambiguous:
            names = [scope.companies[c].display for c in intent.ambiguous if c in scope.companies]
            raise _Clarify(f"Which company do you mean: {', '.join(names)}?")
        if intent.metrics and (re.search(r"[A-Z]", intent.metrics[0]) or _distinctive(intent.metrics[0], scope)):
            owners = []
            for c in scope.companies.values():
                rows = candidate_rows(intent.metrics[0], scope.facts(c.name))
                if rows and rows[0].score >= 95 and not _generic(intent.metrics[0]):
                    owners.append(c)
            if len(owners) == 1:
                return owners
        names = ", ".join(c.display for c in scope.companies.values())
        raise _Clarify(f"Which company do you mean? The index holds releases of {names}.")

    def _answer(self, intent: Intent, scope: Scope) -> Answer:
        try:
            companies = self._companies(intent, scope)
        except _Clarify as e:
            return _reply(intent.question, Status.NEEDS_CLARIFICATION, str(e), intent=intent)
        if intent.operation == Operation.SUMMARY:
            return self._summary(intent, scope, companies[0])
        if intent.operation == Operation.RANK and intent.of_parts and len(companies) == 1:
            return self._rank_parts(intent, scope, companies[0])
        if intent.operation == Operation.RANK and intent.metrics:
            return self._rank(intent, scope, companies)
        if not intent.metrics:
            quoted = self._quote(intent, scope)  # "When did the company adopt ASC 606?": no figure asked
            if quoted is not None:
                return quoted
            c = companies[0]
            if intent.periods_asked:  # "What years does the table show?": the periods the releases print
                facts = [f for f in scope.facts(c.name) if f.statement != "Text"]
                held = periods_held([f for f in facts if f.months]) or periods_held(facts)
                if held:
                    listed = held[0] if len(held) == 1 else f"{', '.join(held[:-1])} and {held[-1]}"
                    return _reply(intent.question, Status.ANSWERED,
                                  f"{c.possessive} releases print figures for {listed}.", intent=intent)
            examples = ", ".join(sorted({f.label for f in scope.facts(c.name) if f.statement != "Text"})[:8])
            return _reply(intent.question, Status.NEEDS_CLARIFICATION,
                          f"Which figure of {c.display} do you mean? For example: {examples}.", intent=intent)
        op = intent.operation
        if op == Operation.COMPARE or (len(companies) > 1 and op not in (Operation.EXPLAIN,)):
            answer = self._compare(intent, scope, companies)
        else:
            handler = getattr(self, BY_OPERATION[op].handler)  # assistant.operations: each operation's answerer
            answer = handler(intent, scope, companies[0])
        if intent.lists_parts and answer.figures and op in (Operation.VALUE, Operation.SERIES, Operation.COMPARE):
            # a list of a figure's parts is asked: the figure itself would be a wrong answer (a quote may answer);
            # the rows the table prints under it, or above its total, answer
            parts = self._parts(intent, scope, companies[0])
            if parts is not None:
                return parts
            return _reply(intent.question, Status.NOT_FOUND,
                          f"{companies[0].possessive} releases print figures; the parts that make up "
                          f"“{intent.metrics[0]}” are not a figure to look up. Ask for one part's figure instead.",
                          intent=intent)
        return answer

    def _targets(self, intent: Intent, scope: Scope, company: Company) -> list[Target]:
        facts = scope.facts(company.name)
        refs = intent.periods or (_latest(facts, intent.asks_years),)
        targets: list[Target] = []
        for ref in refs:
            targets.extend(resolve_period(ref, company, facts))
        ranged = intent.ranged
        if (ranged and len(targets) == 2 and targets[0].months == targets[1].months and intent.operation in (
                Operation.SERIES, Operation.HIGHEST, Operation.LOWEST, Operation.AVERAGE)):
            lo, hi = sorted(t.end for t in targets)
            ends = sorted({f.period_end for f in facts if f.months == targets[0].months
                           and lo - _NEAR <= f.period_end <= hi + _NEAR})
            label = {f.period_end: f.period for f in facts}
            targets = [Target(e, targets[0].months, label[e]) for e in ends] or targets
        if not targets:
            asked = ", ".join(str(r) for r in refs)
            raise Miss(f"{company.possessive} releases hold no period that fits “{asked}”. They cover: "
                       f"{', '.join(periods_held(facts))}.")
        return targets

    # --- finding values ---------------------------------------------------------------------------------------

    def value(self, phrase: str, target: Target, company: Company, scope: Scope, intent: Intent,
              like: Figure | None = None, amount: bool = False) -> _Value:
        """The figure for a metric phrase in one period: a reported cell, or a margin / total calculated from
        reported cells when the release has no row for it. With `like`, only the row of that figure (or a row of
        the same standard metric) answers: a change is never calculated between two different rows."""
        facts = scope.facts(company.name)
        norm = normalise_label(phrase)
        margin = _margin_of(norm)
        # "What was the efficiency ratio?": the word 'ratio' is the operation's, and the row is the release's own
        named_ratio = intent.operation == Operation.RATIO and len(intent.metrics) == 1
        # 'EBITDA, %' or 'EBITDA %' asked for as a value: the row printed as a percentage
        # (not 'the effect of exchange rate changes')
        asks_rate = intent.asks_rate and (intent.operation in (
            Operation.VALUE, Operation.SERIES, Operation.COMPARE) or (
            intent.operation == Operation.CHANGE and bool(_RATE_CHANGED.search(intent.words))))
        wants_percent = (False if amount else True if "margin" in norm or asks_rate else None
                         if _PERCENTISH.search(norm) or named_ratio else False)
        # a row printed only as a rate ('expected volatility') may answer a plain question; never an amount to
        # calculate with, nor a part or whole of a share or ratio (part of the cache key: the same phrase may be
        # asked both ways in one answer)
        rate_may_answer = wants_percent is False and not amount and intent.operation not in (
            Operation.SHARE, Operation.RATIO)
        key = (company.name, phrase, intent.wording, wants_percent, rate_may_answer)
        request = _REQUEST.get(None)  # None: called outside an answer (assistant.tools), nothing to share
        cache = request.rows if request is not None else {}
        if key not in cache:
            rows = candidate_rows(phrase, facts, want_percent=wants_percent, company_words=_name_words(company))
            if rate_may_answer and all(r.score < MATCH_THRESHOLD for r in rows) and canonical_metric(
                    phrase) not in STANDARD_METRICS:
                # only when no amount row answers, never for a standard amount such as revenue, nor by a
                # common-size 'Cost of sales 62%'
                rows = [r for r in candidate_rows(phrase, facts, company_words=_name_words(company))
                        if r.unit == Unit.PERCENT and not r.metric.endswith("_percent")] or rows
            if intent.wording and len(intent.metrics) == 1 and phrase == intent.metrics[0] and intent.wording != phrase:
                worded = candidate_rows(intent.wording, facts, want_percent=wants_percent,
                                        company_words=_name_words(company))
                rows = _merge_rows(rows, worded)
            if not rows and canonical_metric(phrase) not in STANDARD_METRICS:  # no row by its words: by meaning
                rows = self._rows_by_meaning(phrase, company, facts, wants_percent)
            cache[key] = rows
        rows = cache[key]
        if like is not None:
            rows = [r for r in rows if _same_row(r, like)]
        if intent.asks_count:
            rows = [r for r in rows if r.unit in (Unit.SHARES, Unit.COUNT, Unit.OTHER)]  # a count, not an amount
        # the flow over the period, or the balance at its end: whichever row answers the words better
        # the other end of a change is read in the same currency ('like'), never a translation column's twin
        currency = intent.currency or (like.unit if like is not None and like.unit.isupper() else None)
        hits = [h for t in _with_balance(target, intent.at_end)
                if (h := find_fact(phrase, rows, facts, t, company, currency=currency,
                                   context=intent.words, index=scope.row_index(company.name))) is not None]
        if intent.at_end and not hits:  # "revenue at the end of Q2": no balance, so the quarter's flow
            hits = [h for h in [find_fact(phrase, rows, facts, target, company, currency=currency,
                                          context=intent.words, index=scope.row_index(company.name))]
                    if h is not None]
        # a balance stands for a period only for a row that is never a flow ('Provision for credit losses' is),
        # or where the question asks for the balance
        hits = [h for h in hits if h.fact.months == target.months or intent.at_end or not any(
            f.months for f in facts if normalise_label(f.label) == normalise_label(h.fact.label))]
        if not hits and target.months == 0 and any(p.kind in (PeriodKind.DATE, PeriodKind.INSTANT) and p.end and abs(
                p.end - target.end) <= _NEAR for p in intent.periods):
            # "SG&A for December 31, 2018", "inventories as of October 31, 2019": a row printed only as a flow, on a
            # date, is the quarter ending that day, or (an annual report) the year; only the row the words name, never
            # one near them (a tax note's change in 'Valuation allowance', 'Net debt proceeds' are no balances)
            hits = next(([h] for months in (3, 12) if (h := find_fact(
                phrase, rows, facts, ending_then(target, months, company), company, currency=currency,
                context=intent.words, index=scope.row_index(company.name))) is not None
                and label_score(phrase, h.fact.label) >= _FLOW_ON_A_DATE), [])
        if hits:
            hit = max(hits, key=lambda h: h.score)
            fact = hit.fact
            if hit.rivals:
                # a part's growth or drivers are its revenue's; its plain value is asked about (which heading?)
                grows = intent.operation in (Operation.YOY, Operation.QOQ, Operation.CHANGE, Operation.EXPLAIN,
                                             Operation.RANK, Operation.SUMMARY)
                named = bool(_REVENUE_HEADING.search(f"{phrase} {intent.wording}"))  # "net revenues of X"
                revenue = _revenue_heading(phrase, fact, hit.rivals) if grows or named else None
                if revenue is None:
                    raise _Clarify(_which_heading(company, fact, hit.rivals))
                fact = revenue
            # a margin row that lacks words of the phrase ('Operating margin' for "Google Services operating
            # margin") does not answer when the margin can be calculated from the rows the phrase names
            partial = fact.unit == Unit.PERCENT and margin is not None and label_score(phrase, fact.label) < 90
            if not partial and (wants_percent is not True or fact.unit == Unit.PERCENT or not margin):
                if not amount or fact.unit == Unit.CURRENCY:
                    return _Value(_with_part(Figure.from_fact(fact), fact, phrase))
        if margin and not amount and (like is None or like.kind == FactKind.CALCULATED):
            num, den = margin
            try:
                a = self.value(num, target, company, scope, intent, like=like.inputs[0] if like else None).figure
            except Miss:  # Microsoft prints its gross profit as a 'Gross margin' row in dollars
                a = self.value(norm, target, company, scope, replace(intent, question=""), like=None,
                               amount=True).figure
            b = self.value(den, target, company, scope, intent, like=like.inputs[1] if like else None).figure
            if a.source is not None and a.source == b.source:  # one row found for both: no margin
                raise Miss(self._miss(phrase, target, company, facts, rows))
            parts = (a.label, b.label) if a.label != b.label else (num, den)  # segment rows share one name
            fig = calculate.ratio(a, b, percent=True, metric=norm.replace(" ", "_"), label=phrase[:1].upper()
                                  + phrase[1:] + f" ({parts[0]} / {parts[1]})")
            return _Value(fig, (a, b))
        if norm in ("borrowings", "total borrowings", "debt", "total debt") and like is None:
            parts = []
            for p in _BORROWINGS:
                try:
                    parts.append(self.value(p, target, company, scope, intent).figure)
                except Miss:
                    continue
            if parts:
                fig = calculate.total(parts, metric="borrowings", label="Borrowings (" + " + ".join(
                    f.label for f in parts) + ")")
                return _Value(fig, tuple(parts))
        summed = self._sum_of_quarters(phrase, target, company, scope, intent) if not amount else None
        if summed is not None:
            return summed
        raise Miss(self._miss(phrase, target, company, facts, rows))

    def _rows_by_meaning(self, phrase: str, company: Company, facts: Sequence[Fact],
                         want_percent: bool | None) -> list[Any]:
        """The rows whose label the embedding model places nearest the phrase (assistant.similar), from the
        labels' embeddings stored at ingest; the phrase is embedded only here."""
        documents = tuple(d.document for d in company.documents)
        key = tuple((d.document, d.sha256) for d in company.documents)
        if key not in self._label_vectors:
            self._label_vectors[key] = self.index.facts.label_vectors(documents)
        vectors = self._label_vectors[key]
        if not vectors:
            return []  # a data home ingested before labels were embedded: words only
        return rows_by_meaning(phrase, self.index.embedder.get_text_embedding(phrase), facts, vectors,
                               want_percent=want_percent)

    def _sum_of_quarters(self, phrase: str, target: Target, company: Company, scope: Scope,
                         intent: Intent) -> _Value | None:
        """A half-year or nine months the tables do not print, as the sum of its printed quarters (a flow only:
        never a per-share amount, a percentage or a balance)."""
        if target.months not in (6, 9, 12) or intent.operation == Operation.EXPLAIN:
            return None
        if fiscal_quarter(target.end, company.calendar) not in _SPAN_ENDS[target.months]:
            return None  # twelve months to June in a December year are no fiscal year: never 'FY2025'
        parts: list[Figure] = []
        for back in range(target.months // 3 - 1, -1, -1):
            q = shifted(Target(target.end, 3, target.label), company, quarters=back)
            try:
                fig = self.value(phrase, q, company, scope, intent, like=parts[0] if parts else None).figure
            except Miss:
                return None
            if fig.unit in ("%", "x", "pp") or fig.per_share or fig.months != 3 or not fig.is_reported:
                return None
            parts.append(fig)
        total = calculate.total(parts, metric=parts[0].metric, label=f"{parts[0].label} (sum of {len(parts)} quarters)")
        total = replace(total, period=target.label, months=target.months, period_end=target.end)
        return _Value(total, tuple(parts))

    def _miss(self, phrase: str, target: Target, company: Company, facts: Sequence[Fact], rows: Sequence[Any]) -> str:
        if not rows:
            near = closest_labels(phrase, [f for f in facts if f.statement != "Text"])
            if near:
                hint = f" Closest rows: {', '.join(near)}."
            else:
                held = list(dict.fromkeys(f.label for f in facts))
                hint = f" They report: {', '.join(held[:10])}{', …' if len(held) > 10 else ''}." if held else ""
            return f"No row of {company.possessive} releases matches “{phrase}”.{hint}"
        label = rows[0].label
        same = [f for f in facts if f.label == label]
        held = periods_held(same)
        other = sorted({f.currency for f in same if f.period == target.label and f.currency} - {company.currency})
        if other and target.label in held:
            return (f"{company.possessive} releases print {label} for {target.label} only in {', '.join(other)}, "
                    f"not in {company.currency}.")
        return (f"{company.possessive} releases do not report {label} for {target.label}. "
                f"They report it for: {', '.join(held)}.")

    # --- operations -------------------------------------------------------------------------------------------

    def _value(self, intent: Intent, scope: Scope, company: Company) -> Answer:
        targets = self._targets(intent, scope, company)
        if len(targets) > 1:
            return self._series(intent, scope, company)
        figures: list[Figure] = []
        lines = []
        for phrase in intent.metrics:
            v = self.value(phrase, targets[0], company, scope, intent)
            figures.append(v.figure)
            figures.extend(v.extra)
            said = compose.spoken(v.figure, company.currency)
            lines.append(f"{v.figure.label} {_was(v.figure.label)} {said} {_in(v.figure)}")
        head = f"{company.display}: " + "; ".join(lines) + "."
        notes = _latest_note(intent, figures[0]) + _currency_note(intent, figures[0], company)
        return self._done(intent, head, figures, company=company, notes=notes)

    def _change(self, intent: Intent, scope: Scope, company: Company) -> Answer:
        phrase = intent.metrics[0]
        targets = self._targets(intent, scope, company)
        if intent.operation == Operation.CHANGE and len(targets) >= 2:
            pair = sorted(targets[:2], key=lambda t: t.end)
            old_t, new_t = pair[0], pair[1]
        else:
            new_t = targets[-1]
            quarterly = intent.operation == Operation.QOQ
            if quarterly and new_t.months != 3:
                raise Miss("A quarter-over-quarter change needs a quarter; ask for a quarter (e.g. Q2 2025).")
            old_t = shifted(new_t, company, quarters=1) if quarterly else shifted(new_t, company, years=1)
        new = self.value(phrase, new_t, company, scope, intent)
        try:
            old = self.value(phrase, old_t, company, scope, intent, like=new.figure)
        except Miss:
            return self._stated_only(intent, scope, company, new, old_t)
        points = new.figure.unit == "%"
        pct = None if points else _safe(calculate.percent_change, new.figure, old.figure)
        try:
            diff = (calculate.point_change(new.figure, old.figure) if points
                    else calculate.absolute_change(new.figure, old.figure))
        except calculate.CalculationError as e:
            raise Miss(f"{company.possessive} {new.figure.label} cannot be compared across {old_t.label} and "
                       f"{new_t.label}: {e}.") from e
        stated = None
        implied_yoy = intent.operation == Operation.CHANGE and old_t == shifted(new_t, company, years=1)
        if new.figure.is_reported and (intent.operation in (Operation.YOY, Operation.QOQ) or implied_yoy) \
                and not points:
            base = _fact_of(new.figure, scope.facts(company.name))
            if base:
                found = stated_change(base, scope.facts(company.name), quarterly=intent.operation == Operation.QOQ)
                stated = Figure.from_fact(found) if found else None
        stated, disagree = _agreeing(stated, pct)
        figures: list[Figure] = []
        # a growth rate first where the question asks for one ("grow", "%", "year over year"); "what was the
        # change in X", no period named, is the amount it changed by
        want_pct = intent.percent or (intent.operation in (Operation.YOY, Operation.QOQ) and (
            bool(words(intent.operation).search(intent.question)) or not _AMOUNT_CHANGE.search(intent.question)))
        if intent.side_by_side:  # "X vs a year earlier": the two values, then how they differ
            figures.extend(f for f in (new.figure, old.figure, diff, stated, pct) if f)
        elif points:
            figures.append(diff)
        elif want_pct:
            figures.extend(f for f in (stated, pct, diff) if f)
        else:
            figures.extend(f for f in (diff, stated, pct) if f)
        figures.extend([new.figure, old.figure, *new.extra, *old.extra])
        kind = {Operation.YOY: "year over year", Operation.QOQ: "quarter over quarter"}.get(intent.operation, "")
        rate = stated or pct
        verb = _direction(diff)
        size = compose.amount(replace(diff, value=abs(diff.value)), company.currency)
        rate_text = f" ({compose.amount(replace(rate, value=abs(rate.value)))})" if rate and not points else ""
        head = (f"{company.possessive} {new.figure.label} {verb} by {size}{rate_text} {kind + ' ' if kind else ''}"
                f"from {compose.spoken(old.figure, company.currency)} in {old.figure.period} to "
                f"{compose.spoken(new.figure, company.currency)} in {new.figure.period}.")
        if diff.value == 0:
            head = (f"{company.possessive} {new.figure.label} was unchanged at "
                    f"{compose.spoken(new.figure, company.currency)} ({old.figure.period} to {new.figure.period}).")
        notes = [disagree] if disagree else []
        return self._done(intent, head, _unique(figures), company=company, notes=notes)

    def _stated_only(self, intent: Intent, scope: Scope, company: Company, new: _Value, old_t: Target) -> Answer:
        """The earlier period is not in the tables: the rate the release states, if it states one."""
        base = _fact_of(new.figure, scope.facts(company.name))
        stated = None
        if base and intent.operation in (Operation.YOY, Operation.QOQ):
            found = stated_change(base, scope.facts(company.name), quarterly=intent.operation == Operation.QOQ)
            stated = Figure.from_fact(found) if found else None
        said = compose.spoken(new.figure, company.currency)
        if stated is None:
            raise Miss(f"{company.possessive} {new.figure.label} {_was(new.figure.label)} {said} {_in(new.figure)}, "
                       f"but the releases do not report it for {old_t.label}, so no change can be calculated.")
        kind = "year over year" if intent.operation == Operation.YOY else "quarter over quarter"
        head = (f"{company.possessive} {new.figure.label} changed {compose.signed_amount(stated)} {kind} to {said} "
                f"{_in(new.figure)}, as the release states ({old_t.label} itself is not in the releases).")
        return self._done(intent, head, [stated, new.figure], company=company)

    def _series(self, intent: Intent, scope: Scope, company: Company, total: bool = False) -> Answer:
        """The metric over the periods named (or the last eight); with `total`, their sum."""
        phrase = intent.metrics[0]
        targets = sorted(self._targets(intent, scope, company), key=lambda t: (t.months, t.end))
        if len(targets) == 1 and intent.operation in (Operation.SERIES, Operation.HIGHEST, Operation.LOWEST):
            # no periods named: the last eight the releases print (balances' days where they print no such span)
            targets = next((ts for months in (targets[0].months, 0) if (ts := resolve_period(
                PeriodRef(PeriodKind.LAST_N, number=8, months=months), company, scope.facts(company.name)))), targets)
        figures: list[Figure] = []
        missing: list[str] = []
        for t in targets:
            try:
                figures.append(self.value(phrase, t, company, scope, intent).figure)
            except Miss:
                missing.append(t.label)
        if not figures:
            raise Miss(self._miss(phrase, targets[0], company, scope.facts(company.name),
                                  candidate_rows(phrase, scope.facts(company.name))))
        listing = ", ".join(f"{f.period} {compose.amount(f, company.currency)}" for f in figures)
        # "the total X in 2018 and 2019" where no row of X is itself a total: the sum over the periods
        total = total or (intent.operation == Operation.SERIES and len(figures) >= 2 and not missing
                          and intent.says_total
                          and not re.search(r"\btotal\b", figures[0].label, re.I)
                          and all(f.unit not in ("%", "x") for f in figures))
        if total:
            if missing:
                raise Miss(f"{company.possessive} releases do not report {figures[0].label} for "
                           f"{', '.join(missing)}, so no total over the periods can be calculated.")
            try:
                s = calculate.total(figures, metric="sum", label=f"{figures[0].label}, total over "
                                    + ", ".join(f.period for f in figures))
            except calculate.CalculationError as e:
                raise Miss(f"The figures cannot be added: {e}.") from e
            head = (f"{company.possessive} {figures[0].label} over {', '.join(f.period for f in figures)} totals "
                    f"{compose.amount(s, company.currency)} ({listing}).")
            return self._done(intent, head, [s, *figures], company=company)
        notes = [f"Not in the releases: {', '.join(missing)}."] if missing else []
        if intent.threshold is not None:
            return self._beyond(intent, company, figures, intent.threshold, listing, notes)
        if intent.operation in (Operation.HIGHEST, Operation.LOWEST):
            if len(figures) < 2:  # one period is no comparison: its figure would read as the highest
                raise Miss(f"{company.possessive} releases print {figures[0].label} for {figures[0].period} only, so "
                           f"no period can be the {'highest' if intent.operation == Operation.HIGHEST else 'lowest'}.")
            pick = (max if intent.operation == Operation.HIGHEST else min)(figures, key=lambda f: f.value)
            word = "highest" if intent.operation == Operation.HIGHEST else "lowest"
            head = (f"{company.possessive} {pick.label} was {word} in {pick.period}: "
                    f"{compose.amount(pick, company.currency)} (of {listing}).")
            figures = [pick] + [f for f in figures if f is not pick]
        else:
            head = f"{company.possessive} {figures[0].label}: {listing}."
        return self._done(intent, head, figures, company=company, notes=notes)

    def _beyond(self, intent: Intent, company: Company, figures: list[Figure], threshold: tuple[str, Decimal],
                listing: str, notes: list[str]) -> Answer:
        """The periods in which the metric was above (or below) the bound the question names; the periods that
        qualify come first, every value is shown."""
        op, bound = threshold
        hits = [f for f in figures if beyond(threshold, f.value)]
        bound_fig = replace(figures[0], value=bound)
        said = f"{'above' if op == '>' else 'below'} {compose.amount(bound_fig, company.currency)}"
        which = ", ".join(f.period for f in hits) if hits else "none of the periods"
        head = (f"{company.possessive} {figures[0].label} was {said} in {which} "
                f"({len(hits)} of {len(figures)}: {listing}).")
        return self._done(intent, head, hits + [f for f in figures if f not in hits], company=company, notes=notes)

    def _average(self, intent: Intent, scope: Scope, company: Company) -> Answer:
        """The mean over the periods named; one period named means it and the one a year before (the average
        of an opening and a closing balance, or of two years); none named, every period of that span the row's
        release prints ('the average gross profit' of a table of 2019 | 2018 | 2017 is the mean of the three)."""
        phrase = intent.metrics[0]
        targets = sorted(self._targets(intent, scope, company), key=lambda t: t.end)
        if len(targets) == 1 and not intent.periods:
            targets = self._printed_periods(phrase, targets[0], company, scope, intent) or targets
        if len(targets) == 1:
            targets = [shifted(targets[0], company, years=1), targets[0]]
        figures = [self.value(phrase, t, company, scope, intent, like=None).figure for t in targets]
        try:
            avg = calculate.mean(figures, label=f"{figures[0].label}, average")
        except calculate.CalculationError as e:
            raise Miss(f"No average can be calculated: {e}.") from e
        head = (f"{company.possessive} average {figures[0].label} over {', '.join(f.period for f in figures)} was "
                f"{compose.amount(avg, company.currency)}.")
        return self._done(intent, head, [avg, *figures], company=company)

    def _printed_periods(self, phrase: str, target: Target, company: Company, scope: Scope,
                         intent: Intent) -> list[Target]:
        """The periods of the target's span that the release answering it prints on the same row, oldest
        first (one release: a table's columns, not a series pieced from several releases)."""
        try:
            fig = self.value(phrase, target, company, scope, intent).figure
        except Miss:
            return []
        at = _ROW_AT.search(fig.source.locator) if fig.source is not None else None
        if at is None:
            return []  # a calculated figure, or a sentence's
        row = [f for f in scope.facts(company.name) if f.document == fig.document and f.months == fig.months
               and f.locator.startswith(at.group(1) + ",")]
        ends = sorted({f.period_end: f.period for f in row}.items())
        return [Target(end, fig.months, label) for end, label in ends] if len(ends) >= 2 else []

    def _share(self, intent: Intent, scope: Scope, company: Company) -> Answer:
        if len(intent.metrics) >= 2:
            return self._ratio(intent, scope, company, percent=True)
        t = self._targets(intent, scope, company)
        if len(t) > 1:
            return self._series(intent, scope, company)
        v = self.value(intent.metrics[0], t[0], company, scope, intent)
        head = (f"{company.possessive} {v.figure.label} {_was(v.figure.label)} {compose.amount(v.figure)} "
                f"{_in(v.figure)}.")
        return self._done(intent, head, [v.figure, *v.extra], company=company, notes=_latest_note(intent, v.figure))

    def _ratio(self, intent: Intent, scope: Scope, company: Company, percent: bool = False) -> Answer:
        if len(intent.metrics) < 2:
            return self._value(intent, scope, company)
        # the release's own row of that name answers before any calculation: 'Net debt to underlying EBITDA
        # ratio' is 2.21 (net debt over the last twelve months' EBITDA), not net debt over the quarter's
        own = candidate_rows(intent.wording, scope.facts(company.name), company_words=_name_words(company)) \
            if intent.wording and intent.operation == Operation.RATIO else []
        if own and own[0].score >= 95 and "ratio" in own[0].label.lower():
            try:
                return self._value(replace(intent, metrics=(intent.wording,), operation=Operation.VALUE), scope,
                                   company)
            except Miss:
                pass  # no value in the period asked: the ratio is calculated from its parts
        if percent and (printed := self._printed_share(intent, scope, company)) is not None:
            return printed
        t = self._targets(intent, scope, company)[0]
        a = self.value(intent.metrics[0], t, company, scope, intent).figure
        b = self.value(intent.metrics[1], t, company, scope, intent).figure
        if a.is_reported and b.is_reported and a.source == b.source:
            # both names read the one cell: a figure is never asked as a ratio of itself
            raise Miss(f"“{intent.metrics[0]}” and “{intent.metrics[1]}” both read {a.label} in {a.period}: "
                       f"{company.possessive} releases hold no second figure to divide by.")
        percent = percent or (intent.operation == Operation.RATIO and intent.percent)
        try:
            r = calculate.ratio(a, b, percent=percent, label=f"{a.label} / {b.label}"
                                + (" (%)" if percent else ""))
        except calculate.CalculationError as e:
            raise Miss(f"No ratio can be calculated: {e}.") from e
        head = (f"{company.possessive} {a.label} was {compose.amount(r)} of {b.label} in {a.period} "
                f"({compose.amount(a, company.currency)} / {compose.amount(b, company.currency)})."
                if percent else
                f"The ratio of {a.label} to {b.label} at {company.display} was {compose.amount(r)} in {a.period} "
                f"({compose.amount(a, company.currency)} / {compose.amount(b, company.currency)}).")
        return self._done(intent, head, [r, a, b], company=company)

    def _printed_share(self, intent: Intent, scope: Scope, company: Company) -> Answer | None:
        """A part's share of a whole that the release prints itself ('Cosmetics 40%' in a table of 'the
        approximate percentage of net sales by primary category'): the part's rate row, in a table or section
        that names the whole, answers before any calculation. None when the release prints no such row."""
        part, whole = intent.metrics[0], intent.metrics[1]
        facts = scope.facts(company.name)
        whole_words = _REVENUE_HEADING if canonical_metric(whole) == "revenue" else re.compile(
            r"\b" + r"\s+".join(re.escape(w) for w in whole.split()) + r"\b", re.I)
        rows = [r for r in candidate_rows(part, facts, want_percent=True, company_words=_name_words(company))
                if r.unit == Unit.PERCENT and r.score >= 95]
        labels = {r.label for r in rows}
        # a statement in percentages of the whole prints the whole as 100% ('Sales | 100.0 %')
        hundreds = [f for f in facts if f.unit == Unit.PERCENT and f.value == 100]
        whole_rows = {r.label for r in candidate_rows(whole, hundreds) if r.score >= 90}
        common_size = {f.statement for f in hundreds if f.label in whole_rows}
        printed = {f.label for f in facts if f.label in labels and f.unit == Unit.PERCENT and (
                   f.statement in common_size or (re.search(r"percent|%", f"{f.statement} {f.section}", re.I)
                                                  and whole_words.search(f"{f.statement} {f.section}")))
                   and not _GROWTH_WORDS.search(f"{f.statement} {f.section} {f.label}")}
        rows = [r for r in rows if r.label in printed]
        if not rows:
            return None
        try:
            return self._value(replace(intent, metrics=(rows[0].label,), wording="", operation=Operation.VALUE,
                                       asks_rate=True), scope, company)
        except Miss:
            return None

    def _parts(self, intent: Intent, scope: Scope, company: Company) -> Answer | None:
        """The rows that make up a figure, as its table prints them: the rows under the heading the question names,
        or the rows of the total's block above it (back to a heading, a gap or another total); each row's figure in
        the period asked (or the latest) is cited. None when no heading or total answers."""
        # each table cell with its (table, row), read once from its locator
        at_row = {id(f): where for f in scope.facts(company.name) if f.statement != "Text" and (where := _row_of(f))}
        facts = [f for f in scope.facts(company.name) if id(f) in at_row]
        phrase = _LIST_WORDS.sub(" ", intent.metrics[0]).strip()
        if not phrase or not facts:
            return None
        target = self._targets(intent, scope, company)[-1]
        sections = {f.section for f in facts if f.section}
        heading = max(sections, key=lambda sec: label_score(phrase, sec), default="")
        if heading and label_score(phrase, heading) >= MATCH_THRESHOLD:
            # the heading's rows down to its total ('Total ...', or a row named like the heading: 'Gross deferred
            # tax liabilities' under 'Deferred tax liabilities')
            under = sorted({at_row[id(f)]: f for f in facts if _same_heading(f.section, heading)}.items())
            names: list[str] = []
            for _, f in under:
                if _TOTAL_LABEL.match(f.label) or label_score(heading, f.label) >= MATCH_THRESHOLD:
                    break
                names.append(f.label)
            block = [f for f in facts if _same_heading(f.section, heading) and f.label in names]
            whole = heading.strip(" :")
        else:
            rows = [r for r in candidate_rows(phrase, facts, company_words=_name_words(company))
                    if r.score >= MATCH_THRESHOLD]
            named = [f for f in facts if rows and f.label == rows[0].label]
            # the total in the period asked (its own release's table), else the first printed
            total = next((f for f in named if matches(f, target)), named[0] if named else None)
            if total is None:
                return None
            table, at = at_row[id(total)]
            above = sorted({at_row[id(f)][1]: f for f in facts if f.statement == total.statement and f.section == (
                total.section) and (f.period_end, f.months, f.unit) == (total.period_end, total.months, total.unit)
                and at_row[id(f)][0] == table and at_row[id(f)][1] < at}.items())
            block, last = [], at
            for row, f in reversed(above):  # contiguous rows right above the total, back to another total
                if row != last - 1 or _TOTAL_LABEL.match(f.label) or (
                        total.section and label_score(total.section, f.label) >= MATCH_THRESHOLD):
                    break
                block.insert(0, f)
                last = row
            # the rows are the total's parts only when they add up to it ('Revenue' and 'Gross profit' above
            # 'Net income' do not)
            if not block or abs(sum(b.value for b in block) - total.value) > max(
                    Decimal(len(block)), abs(total.value) * _ROUNDING):
                return None
            block = [f for f in facts if f.label in {b.label for b in block} and f.statement == total.statement
                     and f.section == total.section]
            whole = total.label
        labels = list(dict.fromkeys(f.label for f in sorted(block, key=lambda f: at_row[id(f)])))
        if len(labels) < 2:
            return None
        figures = [Figure.from_fact(next((f for f in block if f.label == label and matches(f, target)),
                                         max((f for f in block if f.label == label), key=lambda f: f.period_end)))
                   for label in labels]
        listed = ", ".join(labels[:-1]) + f" and {labels[-1]}"
        head = f"{company.possessive} {whole} is made up of {len(labels)} rows: {listed}."
        return self._done(intent, head, figures, company=company)

    def _difference(self, intent: Intent, scope: Scope, company: Company) -> Answer:
        """One figure less another in one period ("the difference between APAC and EMEA net sales in 2019"); a
        measure named once ('net sales') is tried with each figure's name, then each name alone."""
        if len(intent.metrics) < 2:  # "the difference in net profit between both years": a change
            return self._change(replace(intent, operation=Operation.CHANGE), scope, company)
        t = self._targets(intent, scope, company)[-1]
        a, b = (self._one_of(names, t, company, scope, intent) for names in _difference_names(intent))
        try:
            d = calculate.difference(a, b, percent=intent.percent)
        except calculate.CalculationError as e:
            raise Miss(f"The figures cannot be subtracted: {e}.") from e
        head = (f"{company.possessive} {a.label} less {b.label} was {compose.amount(d, company.currency)} in "
                f"{a.period} ({compose.amount(a, company.currency)} - {compose.amount(b, company.currency)}).")
        return self._done(intent, head, [d, a, b], company=company)

    def _one_of(self, names: Sequence[str], t: Target, company: Company, scope: Scope, intent: Intent) -> Figure:
        """The figure of the first name that answers in the period."""
        for name in names[:-1]:
            try:
                return self.value(name, t, company, scope, intent).figure
            except Miss:
                continue
        return self.value(names[-1], t, company, scope, intent).figure

    def _sum(self, intent: Intent, scope: Scope, company: Company) -> Answer:
        targets = self._targets(intent, scope, company)
        if len(intent.metrics) < 2 and len(targets) >= 2:
            return self._series(intent, scope, company, total=True)
        t = targets[0]
        if len(intent.metrics) < 2:
            return self._value(intent, scope, company)
        parts = [self.value(p, t, company, scope, intent).figure for p in intent.metrics]
        try:
            s = calculate.total(parts, metric="sum", label=" + ".join(p.label for p in parts))
        except calculate.CalculationError as e:
            raise Miss(f"The figures cannot be added: {e}.") from e
        head = (f"{company.display}: {' + '.join(p.label for p in parts)} = {compose.amount(s, company.currency)} "
                f"in {parts[0].period}.")
        return self._done(intent, head, [s, *parts], company=company)

    def _compare(self, intent: Intent, scope: Scope, companies: list[Company]) -> Answer:
        phrase = intent.metrics[0]
        figures: list[Figure] = []
        missing: list[str] = []
        carried = "period" in intent.inherited
        latest: list[str] = []
        for c in companies:
            try:
                t = self._targets(intent, scope, c)[-1]
                figures.append(self.value(phrase, t, c, scope, intent).figure)
            except Miss:
                if not carried:  # a period carried over from the last turn: each company's latest instead
                    missing.append(c.display)
                    continue
                try:
                    t = self._targets(replace(intent, periods=()), scope, c)[-1]
                    figures.append(self.value(phrase, t, c, scope, intent).figure)
                    latest.append(c.display)
                except Miss:
                    missing.append(c.display)
        if not figures:
            raise Miss(f"None of {', '.join(c.display for c in companies)} reports “{phrase}” for that period.")
        names = {c.name: c for c in companies}
        listing = "; ".join(f"{names[f.company].display} {compose.amount(f)} ({f.period})" for f in figures)
        units = {f.unit for f in figures}
        head = f"{phrase[:1].upper() + phrase[1:]}: {listing}."
        if len(figures) >= 2 and len(units) == 1:
            top = max(figures, key=lambda f: f.value)
            head += f" {names[top.company].display} is the highest."
        elif len(units) > 1:
            head += " The amounts are in different currencies and are not converted."
        notes = [f"Not found for: {', '.join(missing)}."] if missing else []
        if latest:
            notes.append(f"The previous question's period is not in the releases of {', '.join(latest)}: their "
                         f"latest is shown.")
        return self._done(intent, head, figures, company=companies[0], notes=notes)

    def _rank(self, intent: Intent, scope: Scope, companies: list[Company]) -> Answer:
        """Companies ordered by a measure in each one's period (the one named, else its latest): by its value, or
        with `by_growth` by its change year over year. Amounts in different currencies are not converted: the
        companies reporting in the most common one are ranked, the others named."""
        phrase = intent.metrics[0]
        scored: list[tuple[Figure, Figure]] = []  # (what is ranked, the figure it is read from)
        missing: list[str] = []
        for c in companies:
            found = self._ranked_figure(replace(intent, companies=(c.name,)), scope, c)
            if found is None:
                missing.append(c.display)
            else:
                scored.append(found)
        if not scored:
            raise Miss(f"None of {', '.join(c.display for c in companies)} reports “{phrase}” for that period.")
        ranked, apart, how, shown = _order(scored, intent)
        names = {c.name: c for c in companies}
        top, top_base = ranked[0]
        measure = f"{top_base.label} growth year over year" if intent.by_growth else top.label
        listing = "; ".join(f"{names[f.company].display} {shown(f)} ({b.period})" for f, b in ranked)
        head = (f"{names[top.company].display} has the {how} {measure}: {compose.amount(top)} in {top_base.period}. "
                f"Ranked: {listing}.")
        notes = []
        if apart:
            notes.append("Not ranked, in other units or currencies (not converted): " + ", ".join(
                f"{names[f.company].display} {compose.amount(f)}" for f, _ in apart) + ".")
        if missing:
            notes.append(f"Not found for: {', '.join(missing)}.")
        figures = [f for f, _ in ranked] + [b for f, b in ranked if b is not f]
        return self._done(intent, head, figures, company=names[top.company], notes=notes)

    def _rank_parts(self, intent: Intent, scope: Scope, company: Company) -> Answer:
        """The company's parts ordered by a measure in one period ("which segment of Alphabet grew fastest",
        "Shell: which segment had the highest adjusted earnings"): the parts are the rows printed under a heading
        that names the measure (Shell's 'Adjusted Earnings' table), else the names a segment table lists under a
        measure's heading (Alphabet's 'Operating income (loss):' rows); each part's figure is then looked up as
        "<part> <measure>", by its value or its change year over year. Totals and attributions are no parts."""
        measure = _PART_WORDS.sub(" ", " ".join(intent.metrics)).strip() or "revenue"
        target = self._targets(replace(intent, metrics=(measure,)), scope, company)[-1]
        facts = [f for f in scope.facts(company.name) if matches(f, target) and f.statement != "Text"]
        groups: dict[tuple[str, str], list[Fact]] = {}
        for f in facts:
            if f.section and _PART_NAME.match(_FOOTNOTE.sub("", f.label)) and not _NOT_A_PART.search(f.label):
                groups.setdefault((f.statement, f.section), []).append(f)
        named = [g for (_, section), g in groups.items() if len(g) >= 2 and label_score(measure, section) >= 85]
        # 'Operating income (loss):' over Alphabet's segments; J&J's 'segment of business' over its segments' totals
        listed = [g for (_, section), g in groups.items() if len(g) >= 3 and (
            _MEASURE_WORDS.search(section) or _PARTS_HEADING.search(section))]
        group = max(named or listed or [[]], key=len)
        parts = list(dict.fromkeys(_FOOTNOTE.sub("", f.label).strip() for f in group))
        # parts listed under a heading that names no measure ('segment of business'): each part's own row under
        # that heading is the figure ('Consumer Health', never 'Consumer Health separation costs')
        own_rows = bool(group) and not named and not _MEASURE_WORDS.search(group[0].section)
        # Amazon's form: the measure's row under each part's heading ('Operating income' under 'AWS')
        headed = list(dict.fromkeys(h for f in facts if (h := segment_heading(f.section))
                                    and label_score(measure, f.label) >= 90))
        if len(headed) >= 2 and len(headed) >= len(parts):
            parts = headed
        if len(parts) < 2:
            raise Miss(f"{company.possessive} releases show no parts (segments, divisions) with “{measure}” for "
                       f"{target.label}.")
        scored: list[tuple[Figure, Figure]] = []
        missing: list[str] = []
        for part in parts:
            found = self._ranked_figure(replace(intent, metrics=(f"{group[0].section} {part}" if own_rows
                                                         else f"{part} {measure}",),
                                                wording="", inherited=()), scope, company)
            if found is None:
                missing.append(part)
                continue
            fig, base = found
            label = f"{part} {measure}, change year over year" if intent.by_growth else (
                part if part.lower() in fig.label.lower() else f"{part} {fig.label}")
            scored.append((replace(fig, label=label), base))
        if len(scored) < 2:
            raise Miss(f"{company.possessive} releases do not give “{measure}” for enough of its parts "
                       f"({', '.join(parts)}) in {target.label} to rank them.")
        ranked, _, how, shown = _order(scored, intent)
        top, top_base = ranked[0]
        listing = "; ".join(f"{f.label.split(',')[0]} {shown(f)}" for f, _ in ranked)
        head = (f"{company.possessive} part with the {how} {measure}{' growth' if intent.by_growth else ''} in "
                f"{top_base.period}: {top.label.split(',')[0]}, {shown(top)}. Ranked: {listing}.")
        notes = [f"Not found for: {', '.join(missing)}."] if missing else []
        figures = [f for f, _ in ranked] + [b for f, b in ranked if b is not f]
        return self._done(intent, head, figures, company=company, notes=notes)

    def _ranked_figure(self, intent: Intent, scope: Scope, company: Company) -> tuple[Figure, Figure] | None:
        """What a ranking orders one company or part by, and the figure it is read from: the value of the
        intent's metric, or with `by_growth` its rate year over year and the value; None when the releases
        do not give it."""
        sub = replace(intent, operation=Operation.YOY if intent.by_growth else Operation.VALUE,
                      percent=intent.by_growth)
        try:
            answer = (self._change if intent.by_growth else self._value)(sub, scope, company)
        except (Miss, _Clarify):
            return None
        if not intent.by_growth:
            return answer.figures[0], answer.figures[0]
        rate = next((f for f in answer.figures if f.unit == "%"), None)
        base = next((f for f in answer.figures if f.unit != "%" and not f.metric.endswith(_CHANGES)), None)
        return (rate, base) if rate is not None and base is not None else None

    def _summary(self, intent: Intent, scope: Scope, company: Company) -> Answer:
        """How a period went: each headline measure the release reports (lexicon.SUMMARY_MEASURES), revenue and
        net income with their change year over year, every figure reported or calculated from reported cells."""
        figures: list[Figure] = []
        parts: list[str] = []
        period = ""
        for phrase, with_change in SUMMARY_MEASURES:
            op = Operation.YOY if with_change else Operation.VALUE
            part = replace(intent, operation=op, metrics=(phrase,), wording="", percent=with_change)
            try:
                answer = self._change(part, scope, company) if with_change else self._value(part, scope, company)
            except (Miss, _Clarify):
                if not with_change:
                    continue
                try:
                    answer = self._value(replace(part, operation=Operation.VALUE), scope, company)
                except (Miss, _Clarify):
                    continue
            main = next((f for f in answer.figures if not f.metric.endswith(_CHANGES)), answer.figures[0])
            if any(_same_figure(main, f) for f in figures):
                continue  # 'Gross margin' the row and "gross margin" the ratio: one is enough
            period = period or main.period
            if main.period != period:
                continue  # a measure only another period reports is no part of this period's story
            rate = next((f for f in answer.figures if f.unit == "%" and f is not main), None) if with_change else None
            figures.append(main)
            if rate is not None:
                figures.append(rate)
            shown = compose.amount(main) if main.unit in ("%", "pp", "x") else compose.spoken(main, company.currency)
            text = f"{main.label} {shown}"
            parts.append(text + (f" ({compose.signed_amount(rate)} year over year)" if rate is not None else ""))
        if not figures:
            raise Miss(f"{company.possessive} releases report none of the headline measures (revenue, margins, net "
                       f"income, EPS, cash flow) for that period.")
        head = f"{company.display} in {period}: " + "; ".join(parts) + "."
        return self._done(intent, head, figures, company=company, notes=_latest_note(intent, figures[0]))

    def _explain(self, intent: Intent, scope: Scope, company: Company) -> Answer:
        phrase = intent.metrics[0]
        t = max(self._targets(intent, scope, company), key=lambda t: (t.end, -t.months))
        v = self.value(phrase, t, company, scope, intent)
        figures = [v.figure, *v.extra]
        changes: list[str] = []
        notes: list[str] = []
        for quarterly, label in ((False, "year over year"), (True, "quarter over quarter")):
            if quarterly and t.months != 3:
                continue
            try:
                old_t = shifted(t, company, quarters=1) if quarterly else shifted(t, company, years=1)
                old = self.value(phrase, old_t, company, scope, intent, like=v.figure).figure
            except Miss:
                continue
            base = _fact_of(v.figure, scope.facts(company.name))
            found = stated_change(base, scope.facts(company.name), quarterly=quarterly) if base else None
            if v.figure.unit == "%":  # a margin moves in percentage points
                pct, found = _safe(calculate.point_change, v.figure, old), None
            else:
                pct = _safe(calculate.percent_change, v.figure, old)
            stated, disagree = _agreeing(Figure.from_fact(found) if found else None, pct)
            if disagree:
                notes.append(disagree)
            rate = stated or pct
            if rate:
                figures.append(rate)
                changes.append(f"{compose.signed_amount(rate)} {label} (from {compose.spoken(old, company.currency)}"
                               f" in {old.period})")
            if stated and pct:
                figures.append(pct)
            figures.append(old)
        docs = [f.document for f in figures if f.document] or [company.latest.document]
        documents = list(dict.fromkeys([v.figure.document, *docs]))
        names = list(dict.fromkeys([phrase, v.figure.label, normalise_label(v.figure.label)]))
        citations = self.explainer().reasons(names, documents[:1])
        head = (f"{company.possessive} {v.figure.label} {_was(v.figure.label)} "
                f"{compose.spoken(v.figure, company.currency)} {_in(v.figure)}"
                + (", " + "; ".join(changes) if changes else "") + ".")
        if not citations:
            notes.append("The release gives no reason for this change in its text.")
        return self._done(intent, head, _unique(figures), citations=citations, company=company, notes=notes)

    def _define(self, intent: Intent, scope: Scope, company: Company) -> Answer:
        """What a measure is, quoted from the release's text (no figure: the question asks for none)."""
        phrase = intent.metrics[0]
        rows = candidate_rows(phrase, scope.facts(company.name), company_words=_name_words(company))
        names = [n for n in (phrase, intent.wording, normalise_label(rows[0].label) if rows else "") if n]
        names += [re.sub(r"\badjusted\b", "non-gaap", n, flags=re.I) for n in names]  # as releases name them
        names = list(dict.fromkeys(names))
        documents = [d.document for d in reversed(company.documents)]
        citations = self.explainer().definitions(names, documents)
        if not citations:
            raise Miss(f"{company.possessive} releases do not say in their text what {phrase} is.")
        from assistant.explain import definition_clause  # with the explainer, loaded on first use

        clause = definition_clause(citations[0].quote, names)
        if intent.text_form == TextForm.METHOD:  # "how is X determined": 'by comparison against ...'
            clause = answer_span(TextForm.METHOD, citations[0].quote, intent.words) or clause
        head = f"{company.possessive} release on {intent.wording or phrase}: {clause}"
        return replace(self._done(intent, head, [], citations=citations, company=company), quoted=(clause,))

    def _quote(self, intent: Intent, scope: Scope) -> Answer | None:
        """A question the tables do not answer, answered in the words of a sentence of the company's releases
        (assistant.spans): the sentence cited, the span of it that answers quoted. None when no sentence holds
        (nearly) all the question's words, or the question is one a quote must not answer: a calculation, several
        companies, a quarter's figure, or a figure whose row the tables hold (for another period)."""
        form = intent.text_form
        if form is None or len(intent.companies) > 1 or intent.operation not in _QUOTABLE and not (
                intent.operation == Operation.SERIES and form == TextForm.AMOUNT):  # "in 2019 and 2018 respectively"
            return None
        try:
            companies = self._companies(intent, scope)
        except (Miss, _Clarify):
            return None
        if len(companies) != 1:
            return None
        company = companies[0]
        if form == TextForm.AMOUNT or intent.operation in (Operation.YOY, Operation.CHANGE):
            if any(p.kind not in (PeriodKind.YEAR, PeriodKind.YEAR_END, PeriodKind.DATE, PeriodKind.INSTANT)
                   and not (p.kind == PeriodKind.SPAN and p.months == 12) for p in intent.periods):
                return None  # a quarter's or a half's figure is read from the tables, never picked out of prose
            facts = scope.facts(company.name)
            if intent.metrics and any(r.score >= MATCH_THRESHOLD for r in candidate_rows(
                    intent.metrics[0], facts, company_words=_name_words(company))):
                return None  # the tables hold the row: the period asked is what is missing
        documents = [d.document for d in reversed(company.documents)]
        found = self.explainer().quote(intent.words, form, documents,
                                       change=intent.operation in (Operation.YOY, Operation.CHANGE))
        if found is None:
            return None
        citation, spans = found
        head = f"{company.possessive} release says: {'; '.join(spans)}"
        notes = ["Quoted from the release's text: no table holds this."] if form == TextForm.AMOUNT else []
        answer = self._done(intent, head, [], citations=[citation], company=company, notes=notes)
        return replace(answer, quoted=spans)

    def explainer(self) -> Any:
        """The retrieval half of the assistant, made (and the embedding model loaded) on first use, once."""
        if self._explainer is None:
            with self._making:
                if self._explainer is None:
                    from assistant.explain import Explainer

                    self._explainer = Explainer(self.index)
        return self._explainer

    def prepare(self) -> None:
        """Import now, from this one thread, every module answering may import later: what a server does before
        it answers several questions at once (assistant.explain.Explainer.prepare)."""
        self.explainer().prepare()

    def warm(self) -> None:
        """Load the embedding model (in its process, when it has one) and the retrieval modules now, so that the
        first "why" question does not wait for them."""
        self.prepare()
        self.index.embedder.get_text_embedding("warm up")  # any llama-index embedding: ours loads its model

    def _done(self, intent: Intent, head: str, figures: Sequence[Figure], *, company: Company,
              citations: Sequence[Citation] = (), notes: Sequence[str] = ()) -> Answer:
        figures = list(figures)
        for f in list(figures):  # the inputs of every calculation are among the figures
            for i in f.inputs:
                if i not in figures:
                    figures.append(i)
        text = compose.render(head, figures, citations, notes, home_currency=company.currency)
        return Answer(intent.question, Status.ANSWERED, text, head, tuple(figures), tuple(citations), intent,
                      notes=tuple(notes), currency=company.currency)


# the operations a quoted sentence may answer: a figure, what a measure is, why it moved (never a calculation)
_QUOTABLE = frozenset({Operation.VALUE, Operation.DEFINE, Operation.EXPLAIN, Operation.YOY, Operation.CHANGE})


class _Clarify(Exception):
    """The question fits several figures equally; the message asks which one."""


_PART_WORDS = re.compile(r"\b(segments?|divisions?|business(?:es)?|units?|regions?|product\s+lines?|parts?|"
                         r"made|had|grew|growth|most|highest|largest|biggest|fastest)\b", re.I)
_PART_NAME = re.compile(r"^[A-Z][\w&-]+(?:\s+(?:and|&|of|the|[A-Z][\w&-]*))*\s*$")  # 'Integrated Gas', 'Google Cloud'
_NOT_A_PART = re.compile(r"^(total|consolidated|group|worldwide|adjusted|reported|net|gross|operating|other\s+income|"
                         r"eliminations?|corporate\s+unallocated)\b|attributable|\btotal\b", re.I)
_MEASURE_WORDS = re.compile(r"\b(income|expenses?|costs?|margin|profit|loss|earnings|cash|ebitda|ebit|assets?|"
                            r"liabilit\w+|equity|debt|tax|eps|share|shares|units?|employees)\b", re.I)
_PARTS_HEADING = re.compile(r"\b(segments?|divisions?|business\s+units?)\b", re.I)
_FOOTNOTE = re.compile(r"\s*\((?:\d+(?:,\s*\d+)*|[a-z])\)")  # 'MedTech (2)', 'Pharmaceutical (1,3)'
_GROWTH_WORDS = re.compile(r"\b(growth|change|increase|decrease|grew|declined?)\b", re.I)  # a rate of change, no share
_ROW_AT = re.compile(r"\((table \d+, row \d+),")  # a reported cell's table and row in its source locator
_REVENUE_HEADING = re.compile(r"\b(revenues?|net\s+sales|sales)\b", re.I)


def _order(scored: list[tuple[Figure, Figure]], intent: Intent) -> tuple[list[tuple[Figure, Figure]],
                                                                       list[tuple[Figure, Figure]], str, Any]:
    """A ranking's order: the figures in the most common unit, largest first (smallest with `lowest_first`); those
    in other units or currencies apart, never converted; the word for the first place and how figures show."""
    units = [f.unit for f, _ in scored]
    common = max(set(units), key=units.count)
    ranked = sorted((s for s in scored if s[0].unit == common), key=lambda s: s[0].value,
                    reverse=not intent.lowest_first)
    apart = [s for s in scored if s[0].unit != common]
    if intent.by_growth:
        return ranked, apart, "slowest" if intent.lowest_first else "fastest", compose.signed_amount
    return ranked, apart, "lowest" if intent.lowest_first else "highest", compose.amount


def _revenue_heading(phrase: str, fact: Fact, rivals: Sequence[Fact]) -> Fact | None:
    """A part named with no measure ("Intelligent Cloud growth") is its revenue: the one heading of the rivals
    that says revenue or sales, when the phrase names no other measure."""
    if _MEASURE_WORDS.search(phrase):
        return None
    every = (fact, *rivals)
    revenue = [f for f in every if _REVENUE_HEADING.search(f.section or f.statement)]
    if not revenue:  # 'Google Cloud' under 'Supplemental Information' and under 'Operating income (loss):'
        revenue = [f for f in every if not _MEASURE_WORDS.search(re.sub(r"\([^()]*\)", " ", f.section or f.statement))]
    return revenue[0] if len(revenue) == 1 else None


def _which_heading(company: Company, fact: Fact, rivals: Sequence[Fact]) -> str:
    options = []
    for f in (fact, *rivals):
        where = f.section or f.statement
        text = f"{where} ({compose.amount(Figure.from_fact(f), company.currency)})"
        if text not in options:
            options.append(text)
    return (f"{company.possessive} release shows “{fact.label}” for {fact.period} under {len(options)} headings: "
            + "; ".join(options[:6]) + ". Which one do you mean?")


_SPAN_ENDS = {6: (2, 4), 9: (3,), 12: (4,)}  # the fiscal quarters a half, nine months or a year ends with
# the words of a question that ask for a figure's parts, not for a row ("the components of", "financial items")
_LIST_WORDS = re.compile(r"\b(?:components?|items?|categories|category|types?|kinds?|elements|financial|listed|making|"
                         r"made|up|considered|consists?|under|table|calculating|calculation|there)\b", re.I)
_TOTAL_LABEL = re.compile(r"^\s*total\b", re.I)
_ROUNDING = Decimal("0.0015")  # how far printed parts may miss their printed total by rounding, as a share of it


def _same_heading(a: str, b: str) -> bool:
    """One heading as two releases print it ('Revenues:' and 'Revenues')."""
    return a.strip(" :").lower() == b.strip(" :").lower()


def _row_of(fact: Fact) -> tuple[int, int] | None:
    """(table, row) of a table cell's locator ('table 3, row 12, column 1')."""
    m = re.search(r"\btable (\d+), row (\d+)\b", fact.locator)
    return (int(m.group(1)), int(m.group(2))) if m else None


def _difference_names(intent: Intent) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The names each figure of a difference is tried by: as parsed ('APAC net revenue'), then without the words
    the two end with alike ('APAC'), when each keeps a word of its own."""
    whole_a, whole_b = intent.metrics[0], intent.metrics[1]
    a, b = whole_a.split(), whole_b.split()
    shared = 0
    while shared < min(len(a), len(b)) - 1 and a[-1 - shared] == b[-1 - shared]:
        shared += 1
    if shared:
        return (whole_a, " ".join(a[:-shared])), (whole_b, " ".join(b[:-shared]))
    return (whole_a,), (whole_b,)


def _reply(question: str, status: Status, message: str, intent: Intent | None = None) -> Answer:
    return Answer(question, status, message, message, (), (), intent)


def _settled(intent: Intent, scope: Scope) -> Intent:
    """The intent with the company its answer is about when the metric's proper names tell ("Google Cloud revenue?"
    after a Kingsoft Cloud question is Alphabet's), so that the next follow-up inherits that company."""
    if intent.unknown_company or intent.ambiguous:  # those are asked about, not settled
        return intent
    owner = _owner_by_name(intent, scope)
    if owner and (not intent.companies or ("company" in intent.inherited and owner.name not in intent.companies)):
        return replace(intent, companies=(owner.name,))
    return intent


def _own_period(intent: Intent, scope: Scope) -> Intent:
    """A follow-up that names another company ("and for Amazon?" after Microsoft's Q4 FY2024) carries the period
    over only where the new company reports it; otherwise its latest is meant, and the answer says so."""
    if "period" not in intent.inherited or "company" in intent.inherited or len(intent.companies) != 1:
        return intent
    company = scope.companies.get(intent.companies[0])
    if company is None:
        return intent
    facts = scope.facts(company.name)
    targets = [t for ref in intent.periods for t in resolve_period(ref, company, facts)]
    if any(matches(f, t) for t in targets for f in facts):
        return intent
    carried = tuple("latest period" if part == "period" else part for part in intent.inherited)
    return replace(intent, periods=(), inherited=carried)


_CHANGES = ("_change", "_change_percent", "_change_points")  # the metrics of calculated changes


def _with_part(fig: Figure, fact: Fact, phrase: str) -> Figure:
    """A part's row the question named by its heading says whose it is: "AWS operating income" is the row
    'Operating income' under 'AWS', shown as 'AWS Operating income' (it was headed as the company's own)."""
    part = segment_heading(fact.section)
    if not part or part.lower() in fig.label.lower() or not re.search(rf"\b{re.escape(part)}\b", phrase, re.I):
        return fig
    return replace(fig, label=f"{part} {fig.label}")


def _distinctive(phrase: str, scope: Scope) -> bool:
    """Whether a phrase written in lower case has a word only one company's rows use ("google cloud": 'Google'
    is in Alphabet's rows alone), so that its rows tell whose they are as a capitalised name would."""
    words = {w for w in re.findall(r"[a-z][a-z&-]{3,}", phrase.lower())
             if w not in QUESTION_WORDS and w not in STATEMENT_WORDS}
    return any(sum(w in scope.words(c) for c in scope.companies) == 1 for w in words)


def _with_carried(answer: Answer, intent: Intent, scope: Scope) -> Answer:
    """The answer says what it took from the earlier turns ("From the previous question: the company (Alphabet),
    the period (Q2 2025)"), so that every interface shows what was carried over."""
    if answer.status != Status.ANSWERED or not intent.inherited:
        return answer
    parts = {"company": ", ".join(scope.companies[c].display for c in intent.companies if c in scope.companies),
             "metric": ", ".join(intent.metrics), "period": ", ".join(str(p) for p in intent.periods)}
    said = [f"the {part} ({parts[part]})" for part in ("company", "metric", "period")
            if part in intent.inherited and parts[part]]
    if not said:
        return answer
    note = "From the previous question: " + ", ".join(said) + "."
    return replace(answer, answer=f"{answer.answer}\n\n{note}", notes=(*answer.notes, note))


def _same_figure(a: Figure, b: Figure) -> bool:
    return a.period == b.period and a.value == b.value and a.unit == b.unit


def _owner_by_name(intent: Intent, scope: Scope) -> Company | None:
    """The one company whose rows use the proper names of the metric ("Google Cloud", "Intelligent Cloud", "AWS")."""
    names = {w.lower() for w in re.findall(r"\b[A-Z][\w&-]*", " ".join(intent.metrics)) if not _COMMON_CAPS.match(w)}
    if not names or len(scope.companies) < 2:
        return None
    owners = [c for c in scope.companies.values() if names <= scope.words(c.name)]
    return owners[0] if len(owners) == 1 else None


def _question_of(turn: Any) -> str | None:
    if isinstance(turn, str):
        return turn
    if isinstance(turn, Answer):
        return turn.question
    if isinstance(turn, dict):
        if turn.get("role", "user") == "user":
            content = turn.get("content") or turn.get("question")
            if isinstance(content, list):  # chat content as parts: [{"type": "text", "text": ...}]
                content = " ".join(p.get("text", "") for p in content if isinstance(p, dict)
                                   and p.get("type") == "text") or None
            return content if isinstance(content, str) else None
    return None


_COMMON_CAPS = re.compile(r"^(GAAP|Non-GAAP|EPS|EBITDA|EBIT|EBITDAR|R&D|G&A|SG&A|S&M|USD|RMB|US|TTM|LTM|FCF|NIM|"
                          r"Adjusted|Total|Net|Operating|Gross|Revenue|Revenues|Free|Cash|Diluted|Basic)$")
# the change of a rate ("the change in the percentage of sales represented by gross profit"), not a change in
# percent ("by what percent did net income change")
_RATE_CHANGED = re.compile(r"\b(?:change|increase|decrease|difference|movement)\s*\)?\s+in\s+(?:the\s+)?"
                           r"(?:per\s?cent(?:age)?|%|share|proportion)\s+of\b", re.I)
_PERCENTISH = re.compile(r"\b(rate|ratio|yield|return|roace|roae|roaa|roatce|roe|roa|roic|roce|growth|percent|%|"
                         r"share\s+of|mix|gearing|leverage|change|margin)\b", re.I)


_STANDARD = {"revenue", "cost_of_revenue", "gross_profit", "operating_income", "net_income", "diluted_eps",
             "total_operating_expenses", "operating_cash_flow", "capital_expenditures", "free_cash_flow",
             "cash_and_cash_equivalents", "total_assets", "total_liabilities", "total_equity", "adjusted_ebitda"}


def _same_row(row: Any, fig: Figure) -> bool:
    """The row of a figure, or one of the same standard metric under another name ('Revenues', 'Total revenues')."""
    if row.unit.value == "percent" and fig.unit != "%":
        return False
    if normalise_label(row.label) in (normalise_label(fig.row), normalise_label(fig.label)):
        return True
    # another name of the same standard metric, where both are table rows: a sentence's "Net revenues" may be a
    # segment's, its "Consolidated net revenues" the company's (MGM: a change between the two read +118.8%)
    from_text = fig.source is not None and "sentence" in fig.source.locator
    return row.metric == fig.metric and row.metric in _STANDARD and not from_text


def _merge_rows(a: Sequence[Any], b: Sequence[Any]) -> list[Any]:
    best: dict[tuple[str, str, Any], Any] = {}
    for r in [*a, *b]:
        key = (r.label, r.metric, r.unit, r.section)
        if key not in best or r.score > best[key].score:
            best[key] = r
    return sorted(best.values(), key=lambda r: -r.score)


def _name_words(company: Company) -> list[str]:
    return [a for a in company.aliases if len(a) >= 4] + [company.name]


# "the change in closing cash", "the increase in interest income": the amount
_AMOUNT_CHANGE = re.compile(r"\b(?:change|difference|increase|decrease)\s+(?:in|of)\b", re.I)
# a flow row stands for a date only by its own name (lookup.label_score): never 'Net debt proceeds' for net debt
_FLOW_ON_A_DATE = 99


def _with_balance(t: Target, at_end: bool = False) -> list[Target]:
    """A flow period, then the balance at its end (a question about 'cash in Q2 2025' means the balance); only the
    balance where the question says so ("unearned revenue balance at the end of 3Q24")."""
    if t.months == 0:
        return [t]
    balance = Target(t.end, 0, t.label)
    return [balance] if at_end else [t, balance]


def _latest(facts: Sequence[Fact], asks_years: bool) -> PeriodRef:
    """The period a question that names none means: the latest quarter, or the latest year when it asks "which
    year" or the releases print no quarters (an annual report)."""
    spans = {f.months for f in facts if f.months and f.statement != "Text"}
    if asks_years or (spans and 3 not in spans):
        months = 12 if 12 in spans or not spans else min(spans)
        return PeriodRef(PeriodKind.LATEST, months=months, text="the latest year" if months == 12 else
                         "the latest period")
    return _LATEST


# words that make "X margin" another measure, not a segment's margin ("gross profit margin", "adjusted ...")
_MEASURE_WORD = re.compile(r"\b(gross|operating|net|adjusted|non-gaap|gaap|pre-?tax|ebit|ebitda|ebitdar|profit|"
                           r"income|loss|segment|contribution|interest|cash|free)$", re.I)


def _margin_of(norm: str) -> tuple[str, str] | None:
    """The two rows of a standard margin; any other "... margin" (net interest margin) must be a reported row."""
    norm = norm.replace("gaap ", "")
    if norm in MARGINS:
        return MARGINS[norm]
    # a segment's margin: "Google Services operating margin" is Google Services' operating income over its revenue
    for name, (num, den) in MARGINS.items():
        owner = norm[: -len(name)].strip() if norm.endswith(" " + name) else ""
        if owner and not _MEASURE_WORD.search(owner):
            return f"{owner} {num}", f"{owner} {den}"
    return None


def _generic(phrase: str) -> bool:
    return normalise_label(phrase) in {"revenue", "revenues", "net income", "operating income", "gross profit",
                                       "total assets", "cash and cash equivalents", "diluted earnings per share"}


def _fact_of(fig: Figure, facts: Sequence[Fact]) -> Fact | None:
    for f in facts:
        if (f.document == fig.document and f.label == fig.label and f.period == fig.period and f.value == fig.value
                and fig.source and f.locator in fig.source.locator):
            return f
    return None


def _agreeing(stated: Figure | None, calculated: Figure | None) -> tuple[Figure | None, str | None]:
    """A rate the release states is reported only when the table's own figures give it (to its rounding);
    otherwise the calculation stands and the disagreement is said."""
    if stated is None or calculated is None:
        return stated, None
    if abs(stated.value - calculated.value) <= Decimal("0.6") + abs(calculated.value) / 100:
        return stated, None
    where = stated.source.locator if stated.source else ""
    return None, (f"The text of the release states {compose.amount(stated)} ({where}), which the table's figures "
                  f"do not give ({compose.amount(calculated)}); the calculation from the table is shown.")


def _safe(fn: Any, *args: Figure) -> Figure | None:
    try:
        return fn(*args)
    except calculate.CalculationError:
        return None


def _in(fig: Figure) -> str:
    return f"at {fig.period}" if fig.months == 0 else f"in {fig.period}"


def _was(label: str) -> str:
    last = label.split()[-1].lower() if label.split() else ""
    return "were" if last.endswith("s") and not last.endswith(("ss", "us", "eps")) else "was"  # "EPS was"


def _direction(diff: Figure) -> str:
    """For a cost or loss the change is in its size: 'rose' means the expense grew."""
    return "rose" if diff.value > 0 else "fell"


def _unique(figures: Sequence[Figure]) -> list[Figure]:
    out: list[Figure] = []
    for f in figures:
        if not any(f is g or (f == g) for g in out):
            out.append(f)
    return out


def _currency_note(intent: Intent, fig: Figure, company: Company) -> list[str]:
    if fig.is_reported and fig.unit != "%" and company.currency and fig.unit not in (company.currency, "x", "shares",
                                                                                      "count", "other"):
        if not intent.currency:
            return [f"The release prints this figure in {fig.unit} only, not in {company.currency}."]
    return []


def _latest_note(intent: Intent, fig: Figure) -> list[str]:
    if intent.periods:
        return []
    if "latest period" in intent.inherited:
        return [f"The previous question's period is not in {fig.company}'s releases: this is its latest "
                f"({fig.period})."]
    return [f"No period was named: this is the latest in the releases ({fig.period})."]


__all__ = ["Assistant"]
