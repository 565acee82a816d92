"""The operations a question may ask for, as data: each a named rule with the words that ask for it, the method of
`assistant.respond.Assistant` that answers it, what it produces, and examples and counter-examples that
tests/test_questions.py runs through the parser (`parse` must give the rule's operation for every example, and
never for a counter-example).

The question parser reads the words from here (`words`), the Assistant its handlers (`handler`). Which operation
wins when several rules' words appear ('margin trend': SHARE and SERIES) stays in `questions._operation`, the one
place that weighs them against the periods and companies a question names. A new operation is an enum member, a
rule here, its handler, and (only if its words compete with another rule's) a line of precedence there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Operation(StrEnum):
    VALUE = "value"
    CHANGE = "change"  # between two named periods
    YOY = "yoy"
    QOQ = "qoq"
    SHARE = "share"  # a margin, or a part as a percentage of a total
    RATIO = "ratio"
    SUM = "sum"
    SERIES = "series"
    AVERAGE = "average"  # the mean over periods
    DEFINE = "define"  # what a measure is, in the release's words
    HIGHEST = "highest"
    LOWEST = "lowest"
    COMPARE = "compare"  # the same metric across companies
    EXPLAIN = "explain"
    SUMMARY = "summary"  # how did X do: the headline measures of a period, each cited
    RANK = "rank"  # which company grew fastest / has the biggest revenue: companies ordered by a measure
    DIFFERENCE = "difference"  # one figure less another, in one period ('between APAC and EMEA')


@dataclass(frozen=True)
class OperationRule:
    """One operation: the words that ask for it (None: the parser tells it from the periods and companies a
    question names, or as the default), the Assistant method that answers it, and what that answer gives."""

    name: str
    operation: Operation
    words: re.Pattern[str] | None
    handler: str
    produces: str
    examples: tuple[str, ...]
    not_examples: tuple[str, ...] = ()


# "average" that names a row, not a mean to calculate: "average loans", "return on average equity"
AVERAGE_ROW = (r"(?!\s+(shares|balances?|rates?|costs?\s+of|prices?|daily|number|interest[\s-]+(rates?|yields?|"
               r"earning|bearing)|yields?|selling\s+prices?|ticket|order|revenue\s+per|loans|deposits|assets|equity|"
               r"capital)\b)")


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


RULES: tuple[OperationRule, ...] = (
    OperationRule(
        "definition", Operation.DEFINE,
        _rx(r"\bwhat\s+(?:does|do|did)\s+.+?\s+(?:mean|refer\s+to|represent|include|exclude|consist\s+of|comprise|"
            r"cover|reflect)\b|\bhow\s+(?:is|are|was|were)\s+.+?\s+(?:defined|calculated|computed|measured|"
            r"determined|derived)\b|\bhow\s+(?:does|do)\s+.+?\s+(?:define|calculate|compute|measure|derive)\b|"
            r"\bwhat\s+(?:is|are)\s+(?:included|excluded|meant)\s+(?:in|from|by)\b|\bdefinition\s+of\b"),
        "_define", "the release's own sentences that say what the measure is, quoted and cited",
        ("What does adjusted EBITDA include?", "How is free cash flow calculated?"),
        ("What was adjusted EBITDA in Q2 2025?",)),
    OperationRule(
        "summary (how did X do)", Operation.SUMMARY,
        _rx(r"\bhow\s+did\s+.{1,60}?\s+(?:do|perform|fare)\b|\bhow\s+(?:was|were)\s+.{1,60}?['’]s\s+"
            r"(?:quarter|year|half|results?|performance)\b|\b(?:quick\s+)?summary\b|\bsummari[sz]e\b|\brecap\b|"
            r"\bhighlights\b|\boverview\s+of\b|\bhow\s+(?:is|was)\s+.{1,60}?\s+doing\b"),
        "_summary", "the headline measures of one period (revenue and net income with their change, margins, EPS, "
                    "cash flow), each reported or calculated from reported cells",
        ("How did Nvidia do?", "quick summary of Alphabet's Q2 2025"),
        ("Why did Nvidia's revenue grow?",)),
    OperationRule(
        "explanation (why, what drove)", Operation.EXPLAIN,
        _rx(r"\b(why|what\s+(drove|drives|caused|causes|explains|was\s+behind|were\s+the\s+(drivers|reasons))|"
            r"drivers?\s+of|reasons?\s+for|explain|what\s+led\s+to|due\s+to\s+what|how\s+come|behind\s+the|"
            r"(?:what|which\s+\w+(?:\s+\w+)?)\s+(?:drove|weighed\s+on|hurt|held\s+back|dragged\s+(?:on|down)|"
            r"boosted|helped|lifted|pressured))\b"),
        "_explain", "the figure and its change, with the release's sentences that give the reasons, cited",
        ("What drove G&A growth at Kingsoft Cloud in Q2 2025?", "Why did JNJ's sales grow in Q1 2023?",
         "which product categories drove JNJ pharma growth in 2Q23?"),
        ("How did Nvidia do?",)),
    OperationRule(
        "average over periods", Operation.AVERAGE,
        _rx(r"(?<!weighted )(?<!\bon )\b(average|mean|avg)\b" + AVERAGE_ROW),
        "_average", "the mean of the figures of the periods named (or, none named, of every period the row's "
                    "table prints), with the formula and inputs",
        ("KC average revenue in Q1 2025 and Q2 2025",),
        ("Kingsoft Cloud average loans in Q2 2025", "NVIDIA weighted average shares in Q1 FY26")),
    OperationRule(
        "highest", Operation.HIGHEST,
        _rx(r"\b(highest|largest|biggest|peak(ed)?|maximum|max|best|strongest|most|fastest|quickest|top)\b"),
        "_series", "the periods' figures and the period with the highest",
        ("Which quarter had the highest Google Cloud revenue?",),
        ("Which quarter had the lowest Google Cloud revenue?",)),
    OperationRule(
        "lowest", Operation.LOWEST,
        _rx(r"\b(lowest|smallest|minimum|min|worst|weakest|least|slowest)\b"),
        "_series", "the periods' figures and the period with the lowest",
        ("Which quarter had the lowest Google Cloud revenue?",),
        ("Which quarter had the highest Google Cloud revenue?",)),
    OperationRule(
        "change quarter over quarter", Operation.QOQ,
        _rx(r"\b(q-?o-?q|q/q|quarter[\s-]+(over|on|to)[\s-]+quarter|sequential(ly)?|(from|versus|vs\.?|compared\s+"
            r"(to|with))\s+the\s+(previous|prior|preceding|last)\s+quarter)\b"),
        "_change", "the figure, the one a quarter before, and the change (amount and percent) calculated",
        ("Kingsoft Cloud revenue QoQ",),
        ("Kingsoft Cloud revenue growth year over year in Q2 2025",)),
    OperationRule(
        "change year over year", Operation.YOY,
        _rx(r"\b(y-?o-?y|y/y|year[\s-]+(over|on)[\s-]+year|annual\s+growth|(from|versus|vs\.?|compared\s+"
            r"(to|with))\s+(the\s+)?(same\s+(quarter|period)\s+)?(a|last|the\s+previous|the\s+prior)\s+year"
            r"(\s+ago)?|a\s+year\s+(ago|earlier))\b"),
        "_change", "the figure, the same period a year before, and the change (the release's stated rate when it "
                   "prints one)",
        ("Kingsoft Cloud revenue growth year over year in Q2 2025",),
        ("Kingsoft Cloud revenue QoQ",)),
    OperationRule(
        "share, margin, percent of", Operation.SHARE,
        _rx(r"\b(margin|as\s+(an?\s+)?(percent(age)?|share|proportion)\s+of|share\s+of|percent(age)?\s+of|"
            r"proportion\s+of|mix)\b|%\s+of\b"),
        "_share", "a part as a percent of a whole (a margin: the measure over revenue), calculated, or the "
                  "release's printed rate",
        ("Kingsoft Cloud operating margin Q2 2025", "R&D as a percentage of revenue at KC in Q2 2025"),
        ("ratio of R&D to revenue at KC",)),
    OperationRule(
        "ratio", Operation.RATIO,
        _rx(r"\b(ratio|divided\s+by|per\s+dollar\s+of|times|multiple\s+of|coverage)\b|\s/\s|\w-to-\w"),
        "_ratio", "one figure divided by another, calculated (or the release's own ratio row)",
        ("ratio of R&D to revenue at KC",),
        ("R&D as a percentage of revenue at KC in Q2 2025",)),
    OperationRule(
        "sum", Operation.SUM,
        _rx(r"\b(sum|combined|together|altogether|plus|in\s+total(?=\s*(?:[?.,!]|$|for|in|during|across|over|between))|"
            r"add(ed)?\s+up|total\s+of)\b"),
        "_sum", "the total of the figures named, calculated",
        ("KC short-term plus long-term borrowings", "What is the total gross profit altogether for 2018 and 2019?"),
        ("KC total revenue in Q2 2025",)),
    OperationRule(
        "series over periods", Operation.SERIES,
        _rx(r"\b(trend|over\s+time|each\s+(quarter|year|period)|every\s+quarter|by\s+quarter|quarterly|history|"
            r"series|over\s+the\s+(last|past))\b"),
        "_series", "the figure of each period, oldest first",
        ("What is the gross margin trend at NVIDIA?", "Google Cloud revenue for the last six quarters?"),
        ("Kingsoft Cloud revenue in Q2 2025",)),
    OperationRule(
        "difference between two figures", Operation.DIFFERENCE,
        _rx(r"\bdifference\s+(?:(?:in|of)\s+[^?]{1,80}?\s+)?between\b|\bdifference\s+(?:in|of)\s+(?:the\s+)?\w+\s+and\s+"),
        "_difference", "the first figure less the second, both of one period (two named periods ask for a change)",
        ("What was the difference between KC's revenue and cost of revenues in Q2 2025?",
         "What was the difference in KC's Q2 2025 gross billing between public cloud and enterprise cloud?"),
        ("What is the difference in KC revenue between Q1 2025 and Q2 2025?",)),
    OperationRule(
        "change between periods", Operation.CHANGE,
        _rx(r"\b(change[sd]?|grow(th|n|ing)?|grew|increase[sd]?|decrease[sd]?|decline[sd]?|rise|rose|fall|fell|"
            r"drop(ped)?|differ(ence)?|jump(ed)?|up|down|move[sd]?|improve[sd]?|widen(ed)?|narrow(ed)?|shrink|"
            r"shrank|expand(ed)?)\b"),
        "_change", "the two periods' figures and the change between them (amount and percent), calculated",
        ("How much did KC revenue change from Q1 2025 to Q2 2025?",),
        ("Kingsoft Cloud revenue in Q2 2025",)),
    OperationRule(
        "comparison across companies", Operation.COMPARE, None,
        "_compare", "the same measure of each company, side by side, each cited",
        ("Compare revenue of Alphabet and NVIDIA",),
        ("Alphabet revenue last quarter",)),
    OperationRule(
        "ranking (companies or a company's parts)", Operation.RANK, None,
        "_rank", "companies (or one company's segments) ordered by a measure or its growth, each figure cited",
        ("Which company grew revenue the fastest?", "which segment of Alphabet grew fastest in Q2 2025?"),
        ("Which quarter had the highest Google Cloud revenue?",)),
    OperationRule(
        "value", Operation.VALUE, None,
        "_value", "one reported cell (or a margin or total calculated from reported cells), with its source",
        ("Kingsoft Cloud revenue in Q2 2025", "Alphabet revenue last quarter"),
        ("Kingsoft Cloud revenue QoQ",)),
)

BY_OPERATION: dict[Operation, OperationRule] = {r.operation: r for r in RULES}


def words(operation: Operation) -> re.Pattern[str]:
    """The words that ask for an operation (a rule without words never matches)."""
    return BY_OPERATION[operation].words or _NEVER


_NEVER = re.compile(r"(?!)")
# the rules whose words the parser looks for among the rest of a question, in the registry's order
WORDED: tuple[tuple[Operation, re.Pattern[str]], ...] = tuple(
    (r.operation, r.words) for r in RULES if r.words is not None and r.operation not in (
        Operation.DEFINE, Operation.SUMMARY))
