"""Figures stated in prose ("AI gross billing reached RMB728.7 million", "increased by 27.5% from ...") -> facts.

Only a figure that the sentence ties to the release's own period is taken: the first amount after a subject
("X were RMB339.6 million (US$47.4 million)") and growth rates stated for it. Amounts that follow "from",
"compared to" or name another period are prior-period figures and are left to the tables.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from index.blocks import TextBlock
from index.facts import Fact, Unit
from index.headings import segment_heading
from index.metadata import ReleaseMeta
from index.metrics import canonical_metric
from index.numbers import currency_code
from index.periods import GROUP_RE, Period, fiscal_year, group_months, parse_date, period_label

# an amount in a sentence: a currency's sign or code (the lexicon's: RMB, NT$, GEL, CHF, ...), an optional
# parenthesis for a negative ('$(1.6) million'), the number, and a scale word glued or apart ('GEL 346million')
_MONEY = re.compile(
    r"(?P<cur>RMB|(?:US|HK|NT|C|A|J|S|NZ|R)\\?\$|\\?\$|€|£|¥|₹|(?:EUR|GBP|CHF|NOK|SEK|DKK|JPY|INR|CAD|AUD|JMD|"
    r"MXN|ARS|TWD|GEL|ZAR|BRL|CNY|USD|HKD|Rs\.|Ps\.)\s?)\s?(?P<open>\()?(?P<num>\d{1,3}(?:,\d{3})*(?:\.\d+)?|"
    r"\d+(?:\.\d+)?)(?(open)\))"
    r"(?:\s?(?P<scale>(?i:billion|million|thousand|bn|mn|m|b|k))\b)?"
    r"(?P<ps>\s+(?i:per)\s+(?i:diluted\s+|basic\s+)?(?i:share|ADS))?",
)
_PCT = re.compile(r"(?P<num>\d+(?:\.\d+)?)\s?(?:%|percent\b)")
_OTHER_PERIOD = re.compile(r"\b(?:from\s+(?=RMB|US|HK|\$|€|\d)|compared (?:to|with)|versus|vs\.?|prior|last year|"
                           r"same (?:quarter|period)|previous|a year ago|guidance|outlook|expects?|expected|between)\b",
                           re.I)
_YOY = re.compile(r"year[- ]over[- ]year|\byoy\b|from (?:(?!\band\b|quarter).){0,40}?(?:same (?:quarter|period)|"
                  r"a year (?:ago|earlier)|prior[- ]year)", re.I)
_QOQ = re.compile(r"quarter[- ]over[- ]quarter|sequential|\bqoq\b|last quarter|previous quarter|"
                  r"linked quarter", re.I)
# sentence ends and list bullets ('• ', '* ', and '- ' after a sentence's end: '... (“AOV”). - Scrubwear net ...')
_SENT = re.compile(r"(?<=[.!?;])\s+[-–]\s+(?=[A-Z(])|(?<=[.!?])\s+(?=[A-Z(])|(?:^|\s+)[*•·]\s+|^[-–]\s+")
_SCALES = {"billion": 10**9, "bn": 10**9, "b": 10**9, "million": 10**6, "mn": 10**6, "m": 10**6, "thousand": 10**3,
           "k": 10**3}


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENT.split(text) if s.strip()]


_AFTER_DASH = re.compile(r"\s[–—-]\s*(?P<part>[^–—-]+?)\s*$")


def _part_after_dash(heading: str) -> str:
    """'4Q24 Results Highlights – ATM' -> 'ATM': a heading of the results that ends in a part's name."""
    m = _AFTER_DASH.search(heading.strip("*_# "))
    return segment_heading(m.group("part")) if m else ""


def prose_facts(blocks: list[TextBlock], meta: ReleaseMeta, document: str) -> list[Fact]:
    if meta.period_end is None:
        return []
    # a fourth-quarter or annual release reports the quarter and the year side by side: a sentence (or its
    # heading) must then say which one it speaks of
    both = meta.months == 12 or meta.period.startswith("Q4")
    facts: list[Fact] = []
    for block in blocks:
        if _GUIDANCE.search(block.text):
            continue  # a paragraph about the outlook: its figures are targets, whatever each sentence says
        if block.section and (not _WHOLE_COMPANY.search(block.section) and meta.short_name.lower() not in (
                block.section.lower()) or _part_after_dash(block.section)):
            continue  # under a heading such as "Las Vegas Strip Resorts" or "4Q24 Results Highlights – ATM": a
            # segment's figures, not the total
        for s_no, sentence in enumerate(sentences(block.text), start=1):
            where = f"{block.where}, sentence {s_no}"
            if not both:
                facts.extend(_sentence_facts(sentence, where, meta, document, None))
                continue
            # only a sentence (or a clause of it) that itself names the quarter or the year: "Revenue for the
            # fourth quarter grew 81% to $46 million and full-year Revenue jumped 63% to $151 million"
            for clause in _QUARTER_YEAR_SPLIT.split(sentence):
                quarter = bool(_QUARTER_WORD.search(clause))
                year = bool(_YEAR_WORD.search(clause) or (not quarter and _YEAR_ONLY.search(clause)))
                if quarter != year:
                    facts.extend(_sentence_facts(clause.strip(), where, meta, document, 3 if quarter else 12,
                                                 quote=sentence))
    return facts


_QUARTER_YEAR_SPLIT = re.compile(r",?\s+and\s+(?=(?:the\s+)?(?:full[- ]year|fourth[- ]quarter|"
                                 r"for\s+the\s+(?:full|fourth|year|quarter)))|;\s+", re.I)


_SKIP_SENTENCE = re.compile(
    r"forward-looking|safe harbor|respectively|\b(expects?|expected|outlook|guidance|anticipates?|forecasts?|"
    r"projects?|projected|targets?|intends?|plans? to|will be|would be|could|may)\b", re.I)
_OTHER_SPAN = re.compile(r"\bfull[- ]year\b|\bfiscal (?:year )?\d{4}\b|\bannual\b|\bfor the year\b|"
                         r"\byear[- ]to[- ]date\b|\btrailing\b|\bttm\b", re.I)
_SEGMENT_LEAD = re.compile(r"^(?:In|Within|At|For)\s+(?!the\s+(?:first|second|third|fourth|quarter|year|"
                           r"three|six|nine|twelve|period|fiscal))[A-Z][\w&.' -]{1,40},")
_QUALIFIER = re.compile(r"\b(adjusted|non-gaap|core|organic|constant[- ]currency|comparable|excluding)\b", re.I)
_BALANCE = re.compile(r"\bas of\b|\bat (?:the )?(?:end of|quarter[- ]end|year[- ]end)|\bbalance\b|"
                      r"\ballowance\b|book value|net debt|\bat (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)",
                      re.I)
_WHOLE_COMPANY = re.compile(r"quarter|year|results|highlights|financial|consolidated|summary|overview|"
                            r"performance|operating|income|revenue|\b(?:19|20)\d\d\b|\d/\d|Q[1-4]\b", re.I)
_GUIDANCE = re.compile(r"\b(outlook|guidance|expects?|expected|forecasts?|anticipates?)\b", re.I)
_YEAR_ONLY = re.compile(r"\b(?:in|for|during|of) (?:fiscal )?(?:19|20)\d\d\b(?! (?:first|second|third|fourth))", re.I)
_SPAN_BEFORE_YEAR = re.compile(r"\b(?:(?P<n>three|six|nine|3|6|9)\s+months|(?P<q>quarter)|(?P<h>half))\s+(?:of\s+)?$",
                               re.I)


def _span_of_year(before: str) -> int:
    """The months of the span whose year follows ('the first nine months of' -> 9, 'the second quarter of' -> 3,
    'first half of' -> 6); 12 when the words before a year name no span (a full year's figure)."""
    m = _SPAN_BEFORE_YEAR.search(before)
    if not m:
        return 12
    if m.group("q"):
        return 3
    if m.group("h"):
        return 6
    return {"three": 3, "six": 6, "nine": 9, "3": 3, "6": 6, "9": 9}[m.group("n").lower()]
_QUARTER_WORD = re.compile(r"\bquarter|\bQ[1-4]\b|three months|13 weeks|12 weeks", re.I)
_YEAR_WORD = re.compile(r"full[- ]year|fiscal year|\bannual|twelve months|52 weeks|53 weeks|\bfor the year", re.I)
_BAD_SUBJECT = re.compile(
    r"\b(effect|effects|decline|declined|increase|increased|decrease|decreased|rose|grew|fell|impact|change|"
    r"offset|partially|compared|primarily|mainly|"
    r"driven|officer|chief|said|commented|reported|announced|was|were|approximately|total of|amount|"
    r"segment|which|this|these|those|it|they|we|our|reflects?|had|has|made|generated|delivered|will|"
    r"announces|recorded|company|group|pricing|includes|excludes)\b|^(mr|ms|dr)\.?\b|[•|]|"
    r"^(and|at|of|by|for|from|in|on|to|a|an|end)\b|^\w\)|^\w\s", re.I)


_FROM_TO = re.compile(
    r"^(?P<subj>[A-Z][\w&,'’ -]{1,80}?)\s+(?P<dir>increased|decreased|grew|rose|declined|fell)\s+"
    r"(?:by\s+(?P<pct>\d+(?:\.\d+)?)\s?(?:%|percent)\s*)?(?P<basis>year[- ]over[- ]year|quarter[- ]over[- ]quarter|"
    r"sequentially)?\s*from\s+(?P<old>(?:[^.;]|\.(?=\d)){1,80}?)\s+to\s+(?P<new>(?:RMB|US\\?\$|HK\\?\$|\\?\$|€)"
    r"(?:[^.;]|\.(?=\d))*)$", re.I)


def _printed(m: re.Match[str], meta: ReleaseMeta) -> tuple[str, Decimal]:
    """An amount's currency code (the release's when it prints only '$') and its number as printed, unscaled."""
    value = Decimal(m.group("num").replace(",", ""))
    cur = m.group("cur").replace("\\", "").strip()
    return (currency_code(cur if cur[:1] in "$€£¥₹" or "$" in cur else cur.upper()) or meta.currency,
            -value if m.group("open") else value)


def _from_to_facts(sentence: str, locator: str, meta: ReleaseMeta, document: str,
                   span_months: int | None) -> list[Fact] | None:
    """'IDC costs increased by 10.3% year-over-year from RMB728.2 million to RMB803.1 million (US$112.1 million)
    this quarter': the amount after 'to' is this period's, the rate is stated for it. None: not this form."""
    m = _FROM_TO.match(sentence.rstrip(". "))
    if not m or _BAD_SUBJECT.search(m.group("subj")):
        return None
    new = _MONEY.search(m.group("new"))
    if not new or not new.group("scale") or re.search(r"\bquarter of (?:19|20)\d\d|last year|a year ago",
                                                        m.group("new")[new.end():], re.I):
        return None
    months = span_months or meta.months
    subject = m.group("subj").strip()
    subject = subject[0].upper() + subject[1:]
    out = []
    amounts = [new]
    conv = re.match(r"\s*\(\s*(" + _MONEY.pattern + r")\s*\)", m.group("new")[new.end():], re.I)
    if conv:
        m2 = _MONEY.search(conv.group(1))
        if m2 and m2.group("scale"):
            amounts.append(m2)
    for a in amounts:
        cur, value = _printed(a, meta)
        value *= _SCALES.get(a.group("scale").lower(), 1)
        out.append(_fact(document, meta, subject, Unit.CURRENCY, cur, value, a.group(0).strip(), locator, sentence,
                         months))
    if m.group("pct"):
        basis = (m.group("basis") or "").lower()
        qoq = basis.startswith(("quarter", "sequential")) or bool(_QOQ.search(m.group("old")))
        yoy = basis.startswith("year") or bool(_YOY.search("from " + m.group("old")))
        if qoq != yoy:
            kind = "quarter-over-quarter change" if qoq else "year-over-year change"
            sign = -1 if m.group("dir").lower() in ("decreased", "declined", "fell") else 1
            out.append(_fact(document, meta, f"{subject} {kind}", Unit.PERCENT, None,
                             Decimal(m.group("pct")) * sign, m.group("pct") + "%", locator, sentence, months))
    return out


def _sentence_facts(sentence: str, locator: str, meta: ReleaseMeta, document: str,
                    span_months: int | None = None, quote: str | None = None) -> list[Fact]:
    if quote and quote != sentence:  # a clause: its facts quote the whole sentence
        return [replace(f, quote=quote if len(quote) <= 400 else f.quote)
                for f in _sentence_facts(sentence, locator, meta, document, span_months)]
    if len(sentence) > 600 or _SKIP_SENTENCE.search(sentence):
        return []
    from_to = _from_to_facts(sentence, locator, meta, document, span_months)
    if from_to is not None:
        return from_to
    out: list[Fact] = []
    first = _MONEY.search(sentence)
    if not first:
        return []
    subject = _subject(sentence[: first.start()], meta.short_name)
    if not subject or _OTHER_PERIOD.search(sentence[: first.start()]) or _BAD_SUBJECT.search(subject):
        return []
    if _SEGMENT_LEAD.match(sentence) or re.search(r"\bsegments?\b|\bdivisions?\b", sentence, re.I):
        return []  # "In Flexibles, net sales were ...": a part of the company, not the whole
    if _QUALIFIER.search(sentence[: first.start()]) and not _QUALIFIER.search(subject):
        return []  # "On an adjusted basis, operating income was ...": the label would drop the qualifier
    if _BALANCE.search(sentence):
        return []  # balances at a date belong to the tables, with months = 0
    if meta.months != 12 and not span_months and (_OTHER_SPAN.search(sentence) or any(
            _span_of_year(sentence[: y.start()]) != meta.months for y in _YEAR_ONLY.finditer(
                sentence[: first.end() + 25]))):
        return []  # a full-year or trailing figure in a quarterly release ('in the first nine months of 2025' is
        # the span's year; 'for the first half of 2023' in a quarter's release is another span)
    span = GROUP_RE.search(sentence[: first.end() + 60])
    months = group_months(span) if span else (span_months or meta.months)
    if span and months <= 0:  # a point in time or an unresolved "year to date": not a flow of this release
        return []
    if span_months and months != span_months:
        return []
    if span and months != meta.months and not span_months:
        # another span ("39-week period ended November 2, 2024"): only when it ends on the release's date
        ends = parse_date(sentence[span.end(): span.end() + 60])
        if ends is None or abs((ends - meta.period_end).days) > 7:
            return []
    fy = fiscal_year(meta.period_end, meta.calendar)
    # years before the figure, and right after it up to a comparison ('$3,154B for 2023' is 2023's; '£43.8m
    # (H1 2024: £40.1m)' is this period's beside the year before)
    after = re.split(r"\(|\b(?:compared|comparable|versus|vs\.?|from|against|over|than|prior|last|up|down)\b",
                     sentence[first.end(): first.end() + 25], maxsplit=1)[0]
    if any(int(y) not in (fy, meta.period_end.year) for y in re.findall(r"\b((?:19|20)\d\d)\b",
                                                                         sentence[: first.start()] + " " + after)):
        return []  # "Full year 2024 cash capital expenditure was $21 billion" in a 2025 release
    amounts = [(first, subject)]
    rest = sentence[first.end():]
    conv = re.match(r"\s*\(\s*(?:or\s+)?(" + _MONEY.pattern + r")\s*\)", rest, re.I)
    if conv:
        m2 = _MONEY.search(conv.group(1))
        if m2:
            amounts.append((m2, subject))
    amounts += _later_amounts(sentence, (conv.end() + first.end()) if conv else first.end(), meta)
    for m, subject in amounts:
        cur, value = _printed(m, meta)
        per_share = m.group("ps") or re.search(r"\beps\b|per share|earnings per", subject, re.I)
        unit = Unit.PER_SHARE if per_share else Unit.CURRENCY
        if re.match(r"\s*cents?\b", sentence[m.end():], re.I):  # "RMB10.63 cents"
            unit, value = Unit.PER_SHARE, value / 100
        if unit == Unit.CURRENCY and per_share is None:
            if not m.group("scale") and ("," not in m.group("num") or re.match(r"\w", sentence[m.end():])):
                continue  # "$850" with no "million": the sentence's scale is not stated where it stands
            # ("$1,127,388": an amount written out in full is in units)
            value *= _SCALES.get((m.group("scale") or "").lower(), 1)
        out.append(_fact(document, meta, subject, unit, cur, value, m.group(0).strip(), locator, sentence,
                         months))
    # growth rates stated for the same subject in the same clause
    for m in _PCT.finditer(sentence, first.end()):
        before = sentence[first.end(): m.start()]
        after = sentence[m.end(): m.end() + 80]
        if re.search(r"[;]", before):
            break
        direction = re.findall(r"\b(increase[sd]?|decrease[sd]?|grew|growth|rose|declined|fell|up|down|"
                               r"improved|dropped)\b", before, re.I)
        if not direction:
            continue
        neg = direction[-1].lower().startswith(("decrease", "declin", "fell", "down", "drop"))
        basis = _YOY.search(after[:60])
        seq = _QOQ.search(after[:60])
        if basis and seq:  # "8.4% year-over-year and 7.0% quarter-over-quarter": the basis named first is this one's
            basis, seq = (basis, None) if basis.start() < seq.start() else (None, seq)
        if bool(basis) == bool(seq):
            continue  # no basis named right after the rate: which one it is stays unclear
        if _QUALIFIER.search(re.split(r"[;.]|\b(?:and|while|with)\b", after)[0]):
            continue  # "up 6.1% year-over-year, excluding Reverb from the prior-year period": another measure
        kind = "year-over-year change" if basis else "quarter-over-quarter change"
        value = Decimal(m.group("num")) * (-1 if neg else 1)
        out.append(_fact(document, meta, f"{subject} {kind}", Unit.PERCENT, None, value, m.group(0), locator,
                         sentence, months))
    return out


_VERB_BEFORE_AMOUNT = re.compile(
    r"(?P<subj>[A-Za-z](?:[^.;:]|(?<=\b[A-Z])\.){1,120}?)(?:\s+(?:"  # 'U.S. net revenues were' keeps its U.S.
    r"was|were|is|are|reached|totaled|totalled|amounted to|came in at|of"
    r"|(?:increased|decreased|grew|rose|declined|fell|was up|was down)\s+(?:by\s+)?\d+(?:\.\d+)?\s?"
    r"(?:%|percent|per\s+cent)\s+to)|\s*:)\s+(?:approximately\s+|about\s+|a record\s+|record\s+)?$", re.I)
# "Infracore generated rental income of": the figure's name follows the company's verb
_ACTOR_VERB = re.compile(r"^(?P<actor>.*?)\s*\b(?:generated|recorded|reported|posted|delivered|achieved|realized|"
                         r"realised|booked|had)\s+(?:an?\s+|its\s+|total\s+(?=\w+\s+\w))?", re.I)
_WHOLE_ACTOR = re.compile(r"^(?:(?:in|for|during)\s+\S+\s+\S*\s*)?(?:we|the\s+(?:company|group)|group)?$", re.I)
_CLAUSE = re.compile(r",|;|\b(?:as|while|that|which|because|where|when|commented|said)\b", re.I)
_PERIOD_TAIL = re.compile(r"\s+(?:for|in|during|of)\s+the\s+.*$|\s+(?:for|in)\s+(?:Q[1-4]|fiscal|the)\b.*$",
                          re.I)


_AND_THEN = re.compile(r"^\s*(?:\(\s*[\d.,-]+\s*\)\s*)?(?:,\s*)?(?:and|while|with)\s+(?!compared|versus|vs\b)", re.I)


def _later_amounts(sentence: str, start: int, meta: ReleaseMeta) -> list[tuple[re.Match[str], str]]:
    """Further amounts of a sentence, each with the subject its own clause names ('... rental income of CHF 66.1
    million and total revenue including revaluation gains of CHF 82.5 million'); a clause that names another
    period, a comparison, a segment or a qualifier of its own is left out."""
    out = []
    pos = start
    matches = list(_MONEY.finditer(sentence, start))
    for i, m in enumerate(matches):
        prefix = sentence[pos:m.start()]
        pos = m.end()
        tail = sentence[m.end(): matches[i + 1].start() if i + 1 < len(matches) else len(sentence)]
        lead = _AND_THEN.match(prefix)
        if not lead or _OTHER_PERIOD.search(prefix + tail) or _QUALIFIER.search(prefix) or _SEGMENT_WORD.search(
                prefix) or re.search(r"\b(?:19|20)\d\d\b|\bquarter\b|\byear\b", tail):
            continue
        subject = _subject(prefix[lead.end():], meta.short_name)
        if subject and not _BAD_SUBJECT.search(subject):
            out.append((m, subject))
    return out


_SEGMENT_WORD = re.compile(r"\bsegments?\b|\bdivisions?\b|\bbusiness(?:es)?\b|\bunits?\b", re.I)


def _subject(prefix: str, company: str = "") -> str:
    m = _VERB_BEFORE_AMOUNT.search(prefix)
    if not m:
        return ""
    text = _PERIOD_TAIL.sub("", m.group("subj"))
    text = _CLAUSE.split(text)[-1].strip(" ,\"'“”")
    actor = _ACTOR_VERB.match(text)
    if actor:
        # "Infracore generated rental income of": the figure's name follows the company's verb; another actor
        # ("Chemicals had negative Adjusted Earnings of") is a segment, not the company
        who = actor.group("actor").strip(" ,")
        if not (_WHOLE_ACTOR.match(who) or (company and who.lower().startswith(company.lower().split()[0]))):
            return ""
        text = text[actor.end():]
    text = re.sub(r"^(?:the|our|its|their|this)\s+", "", text, flags=re.I)
    text = re.sub(r"(?:[\u00b9\u00b2\u00b3\u2070-\u2079*]+|\(\d\))$", "", text).strip()  # "EBITDA⁵", "EBITDAR(2)"
    words = text.split()
    if not words or len(words) > 8 or not re.match(r"[A-Za-z]", text) or (text.isupper() and len(words) > 2):
        return ""
    if len(words[0]) < 3 and not words[0].isupper():
        return ""  # a fragment ("Se Program") left by a line break inside a word
    return text[0].upper() + text[1:]


def _fact(document: str, meta: ReleaseMeta, label: str, unit: Unit, currency: str | None, value: Decimal,
          quote: str, locator: str, sentence: str, months: int) -> Fact:
    assert meta.period_end is not None
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    return Fact(
        document=document, company=meta.company, statement="Text", label=label,
        metric=canonical_metric(label, unit.value),
        period=period_label(Period(meta.period_end, months), meta.calendar), period_end=meta.period_end,
        months=months, currency=currency, unit=unit, value=value, locator=locator,
        column="", quote=sentence if len(sentence) <= 400 else quote, section="",
    )
