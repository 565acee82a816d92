"""Months, ordinals and number words: the one spelling of each, for dates in releases and periods in questions."""

from __future__ import annotations

MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")
# a month as releases print it: full, three letters, 'Sept', 'June'/'Jun' (a regex alternation, no group)
MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
         r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
# looser: a month's first three letters and any letters after ('Sept.', 'Janu', in column headings)
MONTH_PREFIX = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_ABBREVIATIONS = {name[:3]: i for i, name in enumerate(MONTH_NAMES, start=1)}

ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "twelve": 12}
# spans counted in weeks by 52/53-week retailers ('Thirteen Weeks Ended', 'Thirty-nine weeks ended')
WEEK_WORDS = {"twelve": 12, "thirteen": 13, "fourteen": 14, "sixteen": 16, "seventeen": 17, "twenty-four": 24,
              "twenty-five": 25, "twenty-six": 26, "thirty-six": 36, "thirty-nine": 39, "forty": 40,
              "fifty-two": 52, "fifty-three": 53}


def month_number(word: str) -> int | None:
    """'June' / 'Jun.' / 'sept' -> 6 / 6 / 9, by the first three letters; None for a word that is no month."""
    return _ABBREVIATIONS.get(word.strip(". ").lower()[:3])
