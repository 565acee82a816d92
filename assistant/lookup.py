"""The numeric lookup tool: the right reported cell for a company, a metric (by name or by row label) and a period.

Periods a question names are resolved with the company's fiscal calendar into (end date, months) targets; a fact
matches a target when it spans the same months and ends within ten days of it (52/53-week years end near, not on,
a month end). Row labels are matched with rapidfuzz after the analysts' names are expanded.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

from rapidfuzz import fuzz

from assistant.questions import PeriodKind, PeriodRef
from assistant.scope import Company, row_name
from index.facts import Fact, Unit, category_of
from index.headings import segment_of
from index.metrics import canonical_metric, normalise_label
from index.numbers import parse_number, printed_step
from index.periods import Period, fiscal_year, period_label, quarter_end
from lexicon.metrics import opposed

NEAR = timedelta(days=10)
MATCH_THRESHOLD = 85.0
# words that turn a measure into a different one: "adjusted net loss" is not "net loss"
_QUALIFIERS = {"adjusted", "non-gaap", "nongaap", "normalized", "normalised", "excluding", "core", "organic",
               "constant", "underlying", "pro", "forma", "diluted", "basic", "per", "share", "margin", "ratio",
               "change", "year-over-year", "quarter-over-quarter", "growth", "percent", "attributable",
               "impact", "non-controlling", "noncontrolling", "beginning", "impairment", "comprehensive",
               "current", "non-current", "noncurrent", "long-term", "short-term", "other", "segment", "free",
               "average"}
_KIND_WORDS = {"revenue", "income", "expense", "margin", "cash", "asset", "liability", "cost", "tax", "share",
               "employee", "debt", "equity"}
# the balance sheet's two sides, as the tokens spell them ('liabilities' loses its final s): a label word that adds
# the other side to the one the phrase names, and a phrase that names both
_OTHER_SIDE = {"equity": {"liabilitie", "liability"}, "shareholder": {"liabilitie", "liability"}}
_SIDES = {"liabilitie", "equity"}
_SAME = {"loss": "income", "profit": "income", "earnings": "income", "losses": "income", "sales": "revenue",
         "sale": "revenue", "expenditure": "expense", "costs": "cost", "borrowing": "debt", "borrowings": "debt",
         "stockholders": "shareholders", "non-gaap": "adjusted", "provided": "generated", "nongaap": "adjusted",
         "non-gaap-based": "adjusted", "gaap-based": "gaap",  # OpenText's 'Non-GAAP-based income from operations'
         "eps": "per share", "(loss)": "", "gains": "gain",
         # the return ratios' usual abbreviations, as rows print them ("ROACE on an Adjusted Earnings basis")
         "roace": "return average capital employed", "roae": "return average equity", "roaa": "return average asset",
         "roe": "return equity", "roa": "return asset", "roic": "return invested capital",
         "roce": "return capital employed", "tac": "traffic acquisition cost",
         # a small count spelled out is its digits: "due in less than one year" is the column 'Less Than 1 Year'
         **{w: str(i) for i, w in enumerate("one two three four five six seven eight nine ten".split(), 1)}}
_STOP = {"the", "of", "and", "for", "from", "in", "to", "a", "an", "on", "s", "by", "at", "as", "gaap",
         "financial", "measure", "nm", "less", "plus"}
_PERIOD_WORD = re.compile(r"^(q[1-4]|[1-4]q|h[12]|fy\d*|(19|20)\d\d)$")
# a label's words for the span its figures cover ('Granted during the period', 'Options granted in the year'): the
# column says which span, the words name no other measure
_SPAN_PHRASE = re.compile(r"\b(?:during|in|for)\s+the\s+(?:period|year|quarter)\b", re.I)
_GENERIC = {"revenue", "service", "segment", "business", "amount"}  # nouns a question adds or drops freely
_WHOLE = {"total", "consolidated", "group"}  # the whole company: "Consolidated net revenues" is net revenues
# words that barely change what a row measures
_LIGHT = {"net", "total", "consolidated", "group", "generated", "provided", "used", "decrease", "increase"}


@dataclass(frozen=True)
class Target:
    """A period to look up: its end, its span in months (0: a balance at that date) and its name."""

    end: date
    months: int
    label: str


_norm = row_name  # a row name without its footnote mark ('Adjusted Earnings A')


_SPACED_COMPOUND = re.compile(r"\b(long|short|medium|near|non)\s+(term|current|gaap|controlling|recurring|operating|"
                              r"cash|interest|vested)\b")


def _tokens(text: str) -> list[str]:
    return list(_token_tuple(text))


@lru_cache(maxsize=200_000)
def _token_tuple(text: str) -> tuple[str, ...]:
    norm = re.sub(r"\bdue\s+(from|to)\b", r"due-\1", normalise_label(text))  # "due from" is not "due to"
    norm = re.sub(r"\bshare-(basic|diluted)\b", r"share \1", norm)  # 'earnings per share-diluted'
    norm = _SPACED_COMPOUND.sub(r"\1-\2", norm)  # "long term" is the label's 'long-term', "non current" 'non-current'
    words = re.findall(r"[a-z0-9][a-z0-9&'-]*", norm.replace("’", "'"))
    out = []
    for w in words:
        if _PERIOD_WORD.match(w):  # "Q1 2025 consolidated revenue" is the row 'consolidated revenue'
            continue
        w = _SAME.get(w, w)
        for part in w.split():
            if len(part) > 3 and part.endswith("s") and not part.endswith("ss"):
                part = part[:-1]
            out.append(part)
    return tuple(out)


def _matched(word: str, others: set[str]) -> bool:
    return any(fuzz.ratio(word, o) >= 85 for o in others)


def _core(words: list[str]) -> list[str]:
    core = [t for t in words if t not in _GENERIC]
    return core if any(t not in _LIGHT for t in core) else words


def qualifiers_agree(phrase: str, label: str) -> bool:
    p, lab = set(_tokens(phrase)), set(_tokens(label))
    if {"basic", "diluted"} <= lab:  # a "Basic and diluted" row answers to either
        p, lab = p - {"basic", "diluted"}, lab - {"basic", "diluted"}
    if "basic" not in p and "basic" not in lab:  # EPS asked without a word is the diluted one
        p, lab = p - {"diluted"}, lab - {"diluted"}
    return not ((lab - p) & _QUALIFIERS or (p - lab) & _QUALIFIERS)


# how a row says what it is measured on, not which measure it is: 'ROACE on an Adjusted Earnings plus NCI basis',
# 'Net interest margin (tax-equivalent basis)', 'Core diluted EPS, non-GAAP measure (a)'
_BASIS = re.compile(r"\s+on\s+an?\s+[\w\s+-]+?\s+basis$|\s*\([\w\s-]*\bbasis\)$|,\s*(non-)?gaap\s+measure\b.*$",
                    re.I)


@lru_cache(maxsize=200_000)
def label_score(phrase: str, label: str) -> float:
    """How well a row label answers to a metric phrase (0-100).

    A qualifier the label has and the phrase lacks ("Adjusted", "margin", "attributable") makes it another
    measure: 0. Generic nouns ("revenue", "services") may be added or dropped ("Google Cloud revenue" is the row
    'Google Cloud'); any other word the phrase has and the label lacks costs 20 points; a word the label adds costs
    8, less when the phrase is long and specific ("gross profit" is not "net income", but "effect of exchange rate
    changes on cash" is 'Effect of exchange rate changes on cash, cash equivalents and restricted cash')."""
    label = _SPAN_PHRASE.sub(" ", _BASIS.sub("", label))
    p, lab = _tokens(phrase), _tokens(label)
    if not qualifiers_agree(phrase, label) or _before_what_is_asked(p, lab) or opposed(phrase, label):
        return 0.0  # another measure, or the opposite action ('Stores closed' for "stores opened")
    if {"basic", "diluted"} <= set(lab):
        lab = [t for t in lab if t not in ("basic", "diluted")]
        p = [t for t in p if t not in ("basic", "diluted")]
    pw = [t for t in p if t not in _STOP] or p
    lw = [t for t in lab if t not in _STOP] or lab
    core_p, core_l = _core(pw), _core(lw)
    if not core_p or not core_l:
        return 0.0
    base = fuzz.token_set_ratio(" ".join(core_p), " ".join(core_l))
    sp, sl = set(core_p), set(core_l)
    missing = [w for w in sp - sl if not _matched(w, sl - sp)]
    extra = [w for w in sl - sp if not _matched(w, sp - sl)]
    per_extra = 20.0 if len(sp) == 1 else 8 * min(1.0, 3 / len(sp))  # "cloud revenue" is not 'Intelligent Cloud'
    # a cost the phrase names and the row does not is another figure ("D&A costs" within cost of revenues is not
    # the company's whole "Depreciation and amortization")
    penalty = sum(4 if w in _LIGHT else 20 if w in _SIDES and _SIDES <= sp else 8 if w in _KIND_WORDS else 20
                  for w in missing)
    # a kind of measure the label adds is free ('Research and development expenses'), unless the phrase names a
    # kind of its own: 'Interest income (expense), net' is no plain "net income", 'Income from cash and cash
    # equivalents' no "cash and cash equivalents"
    named_kind = bool(sp & _KIND_WORDS)
    penalty += sum(0.5 if w in _WHOLE else 4 if w in _LIGHT else per_extra if w in _KIND_WORDS and named_kind
                   else 0 if w in _KIND_WORDS else per_extra for w in extra)
    # the balance sheet's other side: 'Total liabilities and equity' is never "total liabilities"
    penalty += 20 * sum(1 for w in extra if _OTHER_SIDE.get(w, set()) & sp)
    tie = fuzz.token_sort_ratio(" ".join(pw), " ".join(lw)) / 100
    return max(0.0, base - penalty - 1 + tie)


def _before_what_is_asked(phrase: list[str], label: list[str]) -> bool:
    """'Income (loss) before taxes' is a measure before the taxes, never the "income taxes" the phrase names (nor
    'EBITDA before special items' the "special items")."""
    if "before" not in label or "before" in phrase:
        return False
    after = label[label.index("before") + 1:]
    what = after[:next((i for i, w in enumerate(after) if w in ("and", "or", "&")), len(after))]
    return bool(what) and _singular(what[-1]) in {_singular(w) for w in phrase}


def _singular(word: str) -> str:
    return re.sub(r"(?:es|s|e)$", "", word)  # 'taxes', 'taxe' (as _tokens leaves it) and 'tax' are one word


def context_penalty(phrase: str, fact: Fact) -> int:
    """Words of another kind of measure in the row's section or table title ("Operating income (loss):" above a
    'Google Cloud' row that the question asks the revenue of)."""
    p = set(_tokens(phrase))
    ctx = set(_tokens(fact.section)) & _KIND_WORDS
    label = set(_tokens(fact.label))
    return len((ctx - p) - label) if (p & _KIND_WORDS) else 0


# --- periods --------------------------------------------------------------------------------------------------

def _flow_periods(facts: Iterable[Fact], months: int) -> list[date]:
    return sorted({f.period_end for f in facts if f.months == months})


def resolve_period(ref: PeriodRef, company: Company, facts: Sequence[Fact]) -> list[Target]:
    """The targets a period of the question means for this company (several for 'the last six quarters')."""
    targets = _resolve(ref, company, facts)
    return [shifted(t, company, quarters=ref.back) for t in targets] if ref.back else targets


def _resolve(ref: PeriodRef, company: Company, facts: Sequence[Fact]) -> list[Target]:
    cal = company.calendar
    latest_end = company.latest.period_end or max((f.period_end for f in facts), default=date.today())
    latest_fy = fiscal_year(latest_end, cal)

    def target(end: date, months: int) -> Target:
        return Target(end, months, period_label(Period(end, months), cal))

    if ref.kind == PeriodKind.QUARTER:  # months 12: the twelve months trailing that quarter
        fy = ref.year or latest_fy
        return [target(quarter_end(ref.number, fy, cal), ref.months if ref.months in (3, 12) else 3)]
    if ref.kind == PeriodKind.HALF:
        fy = ref.year or latest_fy
        return [target(quarter_end(2 * ref.number, fy, cal), 6)]
    if ref.kind == PeriodKind.NINE_MONTHS:
        return [target(quarter_end(3, ref.year or latest_fy, cal), 9)]
    if ref.kind == PeriodKind.YEAR:
        return [target(quarter_end(4, ref.year or latest_fy, cal), 12)]
    if ref.kind == PeriodKind.YEAR_END:
        return [target(quarter_end(4, ref.year or latest_fy, cal), 0)]
    if ref.kind in (PeriodKind.SPAN, PeriodKind.INSTANT, PeriodKind.DATE) and ref.end:
        return [target(ref.end, ref.months)]
    if ref.kind == PeriodKind.LATEST:
        ends = [e for e in _flow_periods(facts, ref.months) if e <= latest_end + NEAR]
        return [target(ends[-1], ref.months)] if ends else [target(latest_end, ref.months)]
    if ref.kind == PeriodKind.YEAR_TO_DATE:  # the fiscal year up to the latest quarter: Q1, H1, 9M or the year
        q = next((n for n in (1, 2, 3, 4) if abs(quarter_end(n, latest_fy, cal) - latest_end) <= NEAR * 3), 4)
        return [target(quarter_end(q, latest_fy, cal), 3 * q)]
    if ref.kind == PeriodKind.LAST_N:
        ends = [e for e in _flow_periods(facts, ref.months) if e <= latest_end + NEAR]
        return [target(e, ref.months) for e in ends[-ref.number:]]
    return []


def shifted(t: Target, company: Company, *, years: int = 0, quarters: int = 0) -> Target:
    """The same span a year or a quarter earlier."""
    months_back = 12 * years + 3 * quarters
    y, m = t.end.year, t.end.month - months_back
    while m <= 0:
        m += 12
        y -= 1
    end = date(y, m, calendar.monthrange(y, m)[1])
    return Target(end, t.months, period_label(Period(end, t.months), company.calendar))


def ending_then(t: Target, months: int, company: Company) -> Target:
    """The span of `months` ending on the target's day (a flow asked for on a bare date)."""
    return Target(t.end, months, period_label(Period(t.end, months), company.calendar))


def matches(fact: Fact, t: Target) -> bool:
    """Same span, ending within ten days or named alike (52/53-week years drift: PepsiCo's Q1 2022 ended on
    March 19, its Q1 2023 on March 25)."""
    if fact.months != t.months:
        return False
    return abs(fact.period_end - t.end) <= NEAR or (t.months > 0 and fact.period == t.label)


def periods_held(facts: Sequence[Fact], months: int | None = None) -> list[str]:
    """The period names a company's facts hold, oldest first (flows, then balances)."""
    seen: dict[str, tuple[int, date]] = {}
    for f in facts:
        if months is None or f.months == months:
            seen.setdefault(f.period, (0 if f.months else 1, f.period_end))
    return sorted(seen, key=lambda p: seen[p])


# --- metrics --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RowMatch:
    """A row (by label and unit) that answers to a metric phrase, and how well."""

    label: str
    metric: str
    unit: Unit
    score: float
    section: str = ""


# the nouns a count of shares or awards is of ("shares granted", "options exercised", "RSUs vested")
_COUNTED = re.compile(r"\b(?:number\s+of\s+)?(?:shares?|stock\s+options?|options?|rsus?|psus?|pus|rights|awards?|"
                      r"warrants?)\b", re.I)


def candidate_rows(phrase: str, facts: Sequence[Fact], *, want_percent: bool | None = None,
                   company_words: Iterable[str] = ()) -> list[RowMatch]:
    asked_attributable = "attributable" in phrase.lower()
    """Rows of the company's tables and sentences that answer to the phrase, best first. The company's own name
    in a label ("Net loss attributable to Kingsoft Cloud Holdings Limited") is not a word the question must say."""
    own = re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(company_words, key=len, reverse=True)) + r")\b",
                     re.I) if company_words else None
    if own:
        phrase = _TO_OWNERS.sub("", phrase).strip() or phrase
    canon = canonical_metric(phrase)
    canon_pct = canonical_metric(phrase, "percent")
    best: dict[tuple[str, str, Unit, str], RowMatch] = {}
    for f in facts:
        key = (_norm(f.label), f.metric, f.unit, f.section)
        if key in best:
            continue
        label = own.sub(" ", f.label) if own else f.label
        if own:  # "Diluted earnings per share attributable to Amcor": attributable to the company is the whole
            label = _TO_OWNERS.sub("", label).strip()
        score = label_score(phrase, label)
        if f.unit in (Unit.SHARES, Unit.COUNT) and (counted := _COUNTED.sub(" ", phrase).strip()) != phrase.strip() \
                and counted:
            # "shares granted" is the row 'Granted during the period' of a table of shares: the noun counted is
            # the row's unit, not a word its label must say
            score = max(score, label_score(counted, label) - 1)
        # the heading, without the company's own name: 'NET INCOME PER COMMON SHARE ATTRIBUTABLE TO COSTCO'
        heading = _TO_OWNERS.sub("", own.sub(" ", f.section)).strip() if own and f.section else f.section
        if f.section:  # "diluted EPS": the row 'Diluted' under 'Net income per share'
            # a part's rows are asked for by the part's name: 'Haiti Operations Total revenue' is the row 'Total
            # revenue' under 'Haiti Operations segment' ("segment" is a word that makes another measure)
            by_section = label_score(phrase, f"{segment_of(f.section) or heading} {label}") - 2
            if not set(_tokens(label)) & set(_tokens(phrase)) and not _TOTAL_ROW.match(label):
                by_section -= 10  # only the heading answers: 'U.S.' under 'MedTech' is a part, not MedTech
            score = max(score, by_section)
        if f.metric in (canon, canon_pct) and canon != "value" and (
                qualifiers_agree(phrase, label) or qualifiers_agree(phrase, f"{heading} {label}")):
            score = max(score, 99.0)
        if f.statement == "Text":  # a table row of about the same name wins over a figure stated in prose
            score -= 6
            if set(_tokens(label)) & _WHOLE and not set(_tokens(phrase)) & _WHOLE:
                score += 0.5  # a sentence's "consolidated net revenues" before its "net revenues" (a segment's?)
        if heading and (set(_tokens(heading)) & _QUALIFIERS) - set(_tokens(phrase)):
            score -= 15  # 'Net Revenues' under 'Table Games Hold Adjusted ...': a measure the question did not ask
        if want_percent is True and f.unit != Unit.PERCENT:
            score -= 25
        if want_percent is False and f.unit == Unit.PERCENT:
            score -= 25
        if asked_attributable != ("attributable" in f.label.lower()):
            score -= 3  # "net loss" is the row 'Net loss', "net loss attributable to ..." the attributable one
        if score < MATCH_THRESHOLD - 6:
            continue
        best[key] = RowMatch(f.label, f.metric, f.unit, score, f.section)
    return sorted(best.values(), key=lambda r: -r.score)


_TOTAL_ROW = re.compile(r"^\W*(total|worldwide|consolidated|group|basic and diluted|diluted|basic)\b", re.I)
_TO_OWNERS = re.compile(r"\s*\battributable(?:\s+to)?\s*(?:the\s+)?(?:ordinary\s+)?(?:shareholders|owners|stockholders|"
                        r"equity\s+holders)?(?:\s+of\s+the\s+(?:company|parent))?\s*[.,]?\s*$", re.I)


def closest_labels(phrase: str, facts: Sequence[Fact], n: int = 5) -> list[str]:
    scored: dict[str, float] = {}
    for f in facts:
        if f.label not in scored:
            scored[f.label] = fuzz.token_set_ratio(normalise_label(phrase), normalise_label(f.label))
    return [lab for lab, s in sorted(scored.items(), key=lambda x: -x[1])[:n] if s >= 50]


def _doc_rank(fact: Fact, company: Company) -> tuple[int, int]:
    """Prefer the release whose own period the fact is (the first report of it), then the latest release."""
    order = {d.document: i for i, d in enumerate(company.documents)}
    own = {d.document for d in company.documents if d.period == fact.period
           or (d.period_end and abs(d.period_end - fact.period_end) <= NEAR and fact.months in (0, 3))}
    return (0 if fact.document in own else 1, -order.get(fact.document, 0))


_PRIMARY = re.compile(r"statements?\s+of\s+(operations|income|earnings|comprehensive|cash\s+flows?|financial\s+"
                      r"position|condition)|balance\s+sheets?|income\s+statements?", re.I)
# (a statement of changes in equity prints the income statement's profit again, as a movement of equity)
_SECONDARY = re.compile(r"reconciliation|non-gaap|supplemental|segment|roll-?forward|allowance|changes in equity|"
                        r"statements? of (?:(?:share|stock)holders['’]? )?equity", re.I)
_STANDALONE = re.compile(r"\bstand-?alone\b|\bparent\s+company\s+only\b", re.I)


def statement_rank(statement: str) -> int:
    """Primary statements first, reconciliations and supplements last: the income statement's interest income is
    11,520, the reconciliation's adjustment (11,520)."""
    if _STANDALONE.search(statement):
        return 2  # the parent company's own statements, beside the group's consolidated ones (Indian, IFRS)
    if _PRIMARY.search(statement):
        return 0
    return 2 if _SECONDARY.search(statement) else 1


def _position(fact: Fact) -> tuple[int, int, int]:
    nums = [int(n) for n in re.findall(r"\d+", fact.locator)[:3]]
    return (0 if fact.statement != "Text" else 1, *(nums + [0, 0, 0])[:2])


def find_fact(phrase: str, rows: Sequence[RowMatch], facts: Sequence[Fact], t: Target, company: Company, *,
              currency: str | None = None, context: str = "", index: dict[str, list[Fact]] | None = None
              ) -> Hit | None:
    """The one cell for the best rows (within one point of the best row that has a value in the target period
    and currency): primary statements before reconciliations, the release of that period before later ones."""
    wanted_currency = currency or company.currency
    words = set(_tokens(f"{phrase} {context}")) - _STOP  # "in" is no word of a heading the question names
    said = set(_tokens(phrase))
    best: float | None = None
    found: list[Fact] = []
    for row in rows:
        if best is not None and row.score < best - 1:
            break
        pool = index.get(_norm(row.label), []) if index is not None else facts
        here = [f for f in pool if (f.label == row.label or (_norm(f.label) == _norm(row.label)
                                                             and f.metric == row.metric))
                and f.unit == row.unit and f.section == row.section and matches(f, t)]
        if currency and row.unit in (Unit.CURRENCY, Unit.PER_SHARE):
            here = [f for f in here if f.currency == currency]
        if here:
            best = row.score if best is None else best
            found.extend(here)
    # the reporting currency when any row has it (a six-month RMB column a table omits is in another table)
    in_currency = [f for f in found if f.unit not in (Unit.CURRENCY, Unit.PER_SHARE) or f.currency == wanted_currency]
    found = in_currency or found
    if not found or best is None:
        return None

    def standing(f: Fact) -> tuple:
        # last: a heading that adds unasked words to the row's name is a part's ('Semiconductor Systems Non-GAAP
        # Operating Income' beside 'Non-GAAP Operating Income', the company's own)
        heading, label = set(_tokens(f.section)), set(_tokens(f.label))
        part_of = bool(label) and label <= heading and bool(heading - label - words)
        return (f.statement == "Text", statement_rank(f.statement), context_penalty(phrase, f),
                _unasked_part(f, words) or _unasked_category(f, words, said), -len(words & heading), part_of)

    # among table rows as good, the row the question names word for word ('Earnings' under 'Per Common Share
    # Information', not 'Income tax expense', which scores as high because "earnings" is income); a sentence's
    # subject is no row name ('Net revenues' of one resort in a sentence about it)
    asked = _spelt(phrase)
    chosen = min(found, key=lambda f: (*standing(f), f.statement == "Text" or _spelt(f.label) != asked,
                                       *_doc_rank(f, company), *_position(f)))
    # the same figure printed at two precisions ('173.7' in US$ millions in the highlights, '173,710' in thousands in
    # the reconciliation): the exact one answers
    coarse = step_of(chosen)
    finer = [(step, f) for f in found if coarse is not None and f.unit == chosen.unit
             and f.period_end == chosen.period_end and f.months == chosen.months and f.value != chosen.value
             and f.document == chosen.document and _spelt(f.label) == _spelt(chosen.label)
             and rounds_to(chosen, f.value) and (step := step_of(f)) is not None and step < coarse]
    chosen = min(finer, key=lambda sf: sf[0])[1] if finer else chosen
    # the same row name under other headings of the same release, standing as well, with other values: the
    # question does not say which ('U.S.' under Pharmaceutical, MedTech and Consumer Health; 'Diluted' under the
    # earnings per share and under the shares used). A translation column's twin in another currency is no rival.
    rivals = [f for f in found if f.document == chosen.document and standing(f) == standing(chosen)
              and _norm(f.label) == _norm(chosen.label) and f.value != chosen.value
              and (f.section, f.statement) != (chosen.section, chosen.statement)
              and (f.currency == chosen.currency or f.unit != chosen.unit)]
    return Hit(chosen, best, tuple(rivals))


def step_of(fact: Fact) -> Decimal | None:
    """One unit of the last digit the fact's cell prints, in base units ('173.7' in millions -> 100,000); None
    when its quote is no single number."""
    printed = parse_number(fact.quote)
    if printed is None or not printed.value or fact.value == 0:
        return None
    return abs(fact.value / printed.value) * printed_step(fact.quote)


def rounds_to(coarse: Fact, value: Decimal) -> bool:
    """The value, printed to the precision of the coarse fact's cell, is that fact's figure: the coarse fact is a
    rounding of it, printed with fewer digits."""
    step = step_of(coarse)
    return step is not None and abs(value) < abs(coarse.value) * 10 and abs(value - coarse.value) <= step / 2


def _spelt(text: str) -> tuple[str, ...]:
    """A row name's words, whatever its punctuation ('FFO ..., as adjusted (non-GAAP)' as a question spells it)."""
    return tuple(re.findall(r"[a-z0-9]+", _norm(text)))


def _unasked_part(fact: Fact, words: set[str]) -> bool:
    """The fact is a part's figure ('Adjusted EBITDA' under 'Global Housing') and the question does not name it:
    the company's own figure of the same name answers first."""
    part = segment_of(fact.section)
    return bool(part) and not set(_tokens(part)) <= words


def _unasked_category(fact: Fact, words: set[str], said: set[str]) -> bool:
    """The fact is a category column's ('Gross carrying amount' under 'Current' of 'Current | 0 to 30 days past due |
    Total') and the question does not name the category, or the phrase asks for the total ("the total operating
    leases" beside "the operating leases of more than 5 years"): the rows' own figure (the total column) answers
    first."""
    category = category_of(fact)
    named = set(_tokens(category)) - _STOP
    # "total" asks for the total column unless the row itself is a total ('Total' under 'Less Than 1 Year')
    total = "total" in said and "total" not in named and "total" not in _tokens(fact.label)
    return bool(category) and (not named <= words or total)


@dataclass(frozen=True)
class Hit:
    fact: Fact
    score: float
    rivals: tuple[Fact, ...] = ()  # equally good cells with other values: the question is ambiguous


def stated_change(base: Fact, facts: Sequence[Fact], *, quarterly: bool) -> Fact | None:
    """A growth rate the release itself states for the metric in the same period ('increased by 27.5%
    year-over-year', or an 'Change in revenues year over year' row)."""
    rx = (re.compile(r"quarter[\s-]+over[\s-]+quarter|sequential|\bq/q\b", re.I) if quarterly
          else re.compile(r"year[\s-]+over[\s-]+year|year[\s-]+on[\s-]+year|\byoy\b|\by/y\b", re.I))
    for f in facts:
        # the rate's row, or its heading: 'Consolidated' under 'Y/Y net sales growth' (Amazon's segment highlights)
        named = f.label if rx.search(f.label) else f"{f.section} {f.label}" if rx.search(f.section) else ""
        if f.unit != Unit.PERCENT or not named or not matches(f, Target(base.period_end, base.months, base.period)):
            continue
        if "constant currency" in named.lower() or f.document != base.document:
            continue
        subject = rx.sub(" ", named)
        subject = re.sub(r"\b(change|growth|in|increase|decrease)\b", " ", subject, flags=re.I).strip()
        if canonical_metric(subject) == base.metric or label_score(subject, base.label) >= 95:
            return f
    return None
