"""Floor 0: the vocabulary both floors share, held as data with examples.

`calendar` (months, ordinals, number words), `metrics` (row-label synonyms of standard metrics, the analysts'
abbreviations, margins, whole names), `words` (question words that name no metric, cue words, spelling). Each
rule is a `Rule` (rules.py) with examples and counter-examples that one parametrized test runs
(tests/test_lexicon.py). Nothing here imports another package of the project; index/ and assistant/ build their
patterns from it.
"""
