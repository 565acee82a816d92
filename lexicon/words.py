"""Words of questions that name no row, and the correction of misspelt words against what the releases print.

A word of a question is taken as misspelt only when it is no word of the lexicon, of the rows in scope or of the
companies' names, and exactly one such word is a single edit away: "grwoth" is growth,
"revenu" revenue, "opearting" operating. A word the lexicon does not know and nothing is close to stays as typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz.distance import OSA

from lexicon.rules import Rule, rule

# the words questions use around a metric: operations, periods, cue words, grammar (lower case)
QUESTION_WORDS = frozenset("""
a about above absolute account accounted across add added after again against ago all also altogether among amount
an and annual any are as at average avg back balance basis be been before behind below best between big bigger
biggest billion billions book booked both bottom breakdown bring brought but by came can carried carry cause caused
causes change changed changes combined come company companys compare compared comparison contributed current decline
declined declines decrease decreased decreases did differ difference do does doing done down drag dragged drive
driven drivers drives drop dropped drove due during each earlier earned end ended ending entire every expansion
explain explained explains fall far fast faster fastest fell first fiscal five flat for four from full gain gained
get give go goes got greater grew grow growing grown growth had half has have held helped higher highest highlights
history hold how hurt i if in increase increased increases incur incurred into is it its jump jumped key larger
largest last latest lead least led level like line look lower lowest made main mainly make many max maximum me mean
million millions min minimum month months more most move moved much narrow narrowed nine now number of on only or
our over overall past peak peaked per percent percentage performance period periods plus points post posted previous
primarily primary prior quarter quarterly quarters quick rank ranking rate ratio reason reasons recap recent
recorded report reported reports respective respectively rise rose same saw second see sequential sequentially series
shift
show showed shows shrank shrink since six size slowest smaller smallest so spend spending spent stand stood
strongest sum summarize summary tell than that the their them then there these they third this those three through
thru time times to together too total trailing trend twelve two under up us versus vs was we weakest week weeks
weigh weighed weighing were what whats when where which while who whole why widen widened with within worst year
years you
""".split())

# the words of financial statements every release prints somewhere: known, and the targets of corrections
# ("revenu", "opearting") even where the rows in scope do not spell them ('weighted' is no misspelt 'weighed')
STATEMENT_WORDS = frozenset("""
account accounts accrued adjusted administrative advertising amortization asset assets attributable average basic
billion borrowings capital cash comprehensive consolidated cost costs credit current debt deferred depreciation
development diluted dividend dividends earnings ebitda employees equity equivalents expense expenses financing flow
flows free general goodwill gross guidance income intangible interest inventories inventory investing investments
liabilities liability losses loss margin margins marketing million net noninterest operating operations outlook
outstanding payable per profit property provision receivable repurchases research reserves revenue revenues
sales segment segments selling share shareholders shares spending statement stockholders tax taxes total weighted
""".split())

_WORD = re.compile(r"[A-Za-z][a-z]{3,}")  # a lower-case word (a first capital allowed); acronyms are never touched


def vocabulary(*sources: Iterable[str]) -> frozenset[str]:
    """The known words: the question words and every word of the given texts (row labels, company names)."""
    words = set(QUESTION_WORDS | STATEMENT_WORDS)
    for source in sources:
        for text in source:
            words.update(w.lower() for w in re.findall(r"[A-Za-z]+", text))
    return frozenset(words)


def corrected(text: str, known: frozenset[str]) -> str:
    """The text with each misspelt word replaced by the one known word it is closest to (see the module)."""
    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        low = word.lower()
        if low in known or len(low) < 5:
            return word
        limit = 1  # one edit (a transposition is one): "position" is no misspelt "portion"
        near = {k for k in known if abs(len(k) - len(low)) <= limit and k[0] == low[0]
                and OSA.distance(low, k, score_cutoff=limit) <= limit}
        if len(near) != 1:
            return word
        (best,) = near
        return best.capitalize() if word[0].isupper() else best

    return _WORD.sub(fix, text)


# --- which periods a row is reported for ---------------------------------------------------------------------------
# "In which years was operating income calculated?", "Which years does the table provide information for net
# sales?": the words that ask where a row is printed name no row; what is left is the row, asked for every period
# (rules.Rule: applied to a question that asks which years, they leave the row's words)
_AVAILABLE = (r"calculated|computed|provided|recorded|reported|shown|given|included|listed|presented|disclosed|"
              r"recogni[sz]ed|available|measured")
PERIODS_ASKED: tuple[Rule, ...] = (
    rule("a row's periods: the verb at the end",
         rf"\s+(?:{_AVAILABLE})(?:\s+(?:for|in))?(?=\s*\??\s*$)", "",
         (("In which years was operating income calculated for?", "In which years was operating income?"),
          ("For which years was the amount Outstanding at 31 March calculated in?",
           "For which years was the amount Outstanding at 31 March?")),
         ("Which year was cash provided by operating activities higher?",)),
    rule("a row's periods: the table's words",
         rf"\b(?:does|do|is|are)\s+(?:the\s+|its\s+|[\w.&-]+['’]s\s+)?(?:table|release|releases|report)\s+"
         rf"(?:provide|show|give|present|contain|include|cover|{_AVAILABLE})"
         r"(?:\s+(?:information|data|figures|amounts|values))?(?:\s+(?:for|on|about|of))?\b|"
         r"\b(?:in|by|of)\s+the\s+(?:table|release|report)\b",
         " ",
         (("Which years does the table provide information for net sales?", "Which years   net sales?"),
          ("What years are included in the table?", "What years are included  ?"),
          ("Which years does Alphabet's release show for Google Cloud revenue?",
           "Which years   Google Cloud revenue?")),
         ("Which year had the higher net sales?",)),
)
