"""Find tables in plain text lines (newswire copies, PDF text, flattened scrapes) and split their rows.

Handles tab-separated rows, a label and its values on one line, values on the line(s) after a label (one cell
per line), and whole tables glued into one paragraph ("Gross profit24,377,01921,685,542 48,572,980...").
No library recognises tables in running text, so this is hand-written.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal

from index import bounds
from index.numbers import DASHES, DIGITS, FOOTNOTE_MARK, parse_number, printed_step, scale_of
from index.readings import remembered
from lexicon.calendar import MONTH

# One value as printed in a statement: optional sign / currency / parentheses around a number, or a lone dash.
_NUM = DIGITS
VALUE_RE = re.compile(
    rf"""(?P<val>
        (?:(?:(?:US|HK|NT|NZ|CA|C|A|J|S|R)\$|RMB|\$|€|£)\s*)?
        (?:\(\s*(?:(?:(?:US|HK|NT|NZ|CA|C|A|J|S|R)\$|\$)\s*)?{_NUM}\s*\)|[{DASHES}]?{_NUM}(?!\d*[\s-]*(?i:weeks?|months?|days?|years?)\b))
        (?:\s*%)?
      | (?<![\w{DASHES}])[{DASHES}](?=\s*(?:$|[\d$(]|[{DASHES}](?!\s*[a-z])))
      | (?<=[A-Za-z])[{DASHES}](?=\s+[\d$(])
    )""",
    re.VERBOSE,
)
_CURRENCY_NEXT = re.compile(r"\s*(?:\(\d\)\s*)*(?:(?:US|HK|NT|NZ|CA|C|A|J|S|R)\$|RMB|\$|€|£)\s?\(?\d")
_UNIT_OF_THOUSANDS = re.compile(r"\(\s*['’]?000['’]?s?\s*\)|['’]000(?:['’]?s)?\b")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_SHORT_YEAR_AFTER = re.compile(r"(?:FY|Q[1-4]|H[12]|[1-4]Q)\s?['’]$", re.I)
_WORDS = re.compile(r"[A-Za-z][A-Za-z'’&-]*")


@dataclass
class TextRow:
    """One table row found in text: a label and the value tokens that follow it, in order."""

    label: str
    values: list[str]
    line: int  # index of the line it starts on
    cells: list[str] = field(default_factory=list)  # the original cells when the line was tab-separated
    stacked: bool = False  # built from a label line and value lines below it (one cell per line)


def _glued(text: str, start: int) -> bool:
    """Whether a letter or digit stands right before `start` (a new line between them allowed, as `$` allows): a
    look at one or two characters, not a search of the whole line before it (quadratic on a 100,000-character
    line)."""
    before = text[start - 2:start] if start >= 2 else text[:start]
    if before.endswith("\n"):
        before = before[:-1]
    return bool(before) and before[-1].isascii() and before[-1].isalnum()


def split_segments(text: str) -> list[tuple[str, list[str]]]:
    """Split a line into (label, [values]) segments: 'Revenue $ 1,234 $ 1,100 Cost (5) (6)' -> two segments."""
    return [(label, list(values)) for label, values in _segments(text)]


# remembered as tuples, each caller given lists of its own
@remembered()
def _segments(text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    segments: list[tuple[str, list[str]]] = []
    label_start = 0
    current_label: str | None = None
    values: list[str] = []
    pos = 0
    for m in VALUE_RE.finditer(text):
        tok = m.group("val")
        start = m.start()
        if text[m.end(): m.end() + 1] == "/" or text[max(0, start - 1): start] == "/":
            continue  # 3/25/2023, 1/2: a date or a fraction, part of the text
        if any(_UNIT_OF_THOUSANDS.match(text, max(0, start - k)) for k in (0, 1, 2)):
            continue  # "Shares used in calculation (000's)": the unit of the rows below, no figure
        if not values and FOOTNOTE_MARK.fullmatch(tok.strip()) and _CURRENCY_NEXT.match(text, m.end()):
            continue  # 'Non-GAAP-based operating income (1) $431.6 $334.6': a footnote mark before signed amounts
        before = text[label_start:start] if values == [] else text[pos:start]
        digits_only = re.sub(r"[^\d,.]", "", tok)
        glued = _glued(text, start)
        if glued and digits_only and "," not in digits_only and "." not in digits_only:
            continue  # 'Q2', 'COVID-19', footnote '(1)' glued to a word: part of the label
        if re.fullmatch(r"\d\d", digits_only) and _SHORT_YEAR_AFTER.search(text, max(0, start - 5), start):
            continue  # "Q1 FY'24", "4Q'23": a column's year, written short, no figure
        gap = text[pos:start] if values else ""
        if values and re.search(r"[A-Za-z]", gap):
            segments.append((current_label or "", values))
            values = []
            label_start = pos
            before = text[label_start:start]
        if not values:
            current_label = before
        values.append(tok.strip())
        pos = m.end()
    if values:
        segments.append((current_label or "", values))
        tail = text[pos:]
    else:
        tail = text[label_start:]
    if tail.strip():
        segments.append((tail, []))
    return tuple((clean_label(lbl), tuple(vals)) for lbl, vals in segments)


@remembered()
def clean_label(text: str) -> str:
    text = text.replace("**", "").replace("\u00a0", " ")
    text = re.sub(r"\s+", " ", text).strip()
    # bullets (a Symbol font's '\uf0b7' among them), '+ Interest expense' recon signs, and the ', ' between two
    # figures of one line ('REVENUE +12.4%, EBITDA +12.5%')
    text = re.sub(rf"^[{DASHES}•·*+\uf0b7,;]\s*", "", text)
    # column headings '$ %' glued in front ('$ in millions' keeps its sign)
    text = re.sub(r"^(?:[$€£¥]\s+)*%\s+(?:[$€£¥%]\s+)*(?=[A-Za-z])|^(?:[$€£¥]\s+){2,}(?=[A-Za-z])", "", text)
    text = re.sub(r"[\s$(+]+$", "", text)  # the sign of the figure after it: 'Sales growth: +3.9%'
    # a list's enumerator ('vi)Changes in inventories', '(a)Basic EPS'), and brackets whose currency sign a PDF lost
    # ('Basic EPS ( )')
    text = _ENUMERATOR.sub("", re.sub(r"\s*\(\s*\)", "", text))
    return text.strip().rstrip(":").strip()


_ENUMERATOR = re.compile(r"^\(?(?:i{1,3}|iv|vi{0,3}|ix|x|[a-h])\)\s*(?=[A-Za-z(])")
ENUMERATOR_EXAMPLES = (  # (label, clean label)
    ("vi)Changes in inventories of finished goods", "Changes in inventories of finished goods"),
    ("(a)Basic EPS ( )", "Basic EPS"),
    ("a) Revenue from operations", "Revenue from operations"),
    ("ii)Income tax relating to items that will not be reclassified", "Income tax relating to items that will not be "
                                                                      "reclassified"),
    ("(i) Items that will not be reclassified to profit and loss", "Items that will not be reclassified to profit and "
                                                                    "loss"),
    ("Revenue (a)", "Revenue (a)"),
    ("i2) Other", "i2) Other"),
    ("Loans (net)", "Loans (net)"),
)


def is_year_values(values: list[str]) -> bool:
    return bool(values) and all(_YEAR.match(v) for v in values)


def is_amount_token(tok: str) -> bool:
    """'1,234', '(5.2)', '$ 12', '3.2 %', '—': looks like a table amount rather than a year or a day."""
    if _YEAR.match(tok) or re.fullmatch(r"\d{1,2}", tok):
        return False
    return True


def word_count(text: str) -> int:
    return len(_WORDS.findall(text))


@remembered()
def is_prose(line: str) -> bool:
    """A sentence of running text rather than a table row or heading."""
    words = word_count(line)
    if words >= 25:
        segs = split_segments(line)
        table_like = sum(
            1 for lbl, vals in segs
            if word_count(lbl) <= 14 and sum(1 for v in vals if is_amount_token(v)) >= 2
        )
        return table_like < 3 or table_like < 0.4 * len(segs)
    if "\t" in line:
        return False
    if words >= 12 and re.search(r"[.;]\s*$|\.\s+[A-Z]", line):
        return True
    # a short sentence with a figure or two ('Earnings per share were SEK 0.3 (0.1) before and after dilution.')
    if words >= 8 and re.search(r"[a-z]\.\s*$", line) and len(re.findall(r"\d[\d,.]*", line)) <= 3:
        return True
    if words >= 6:
        segs = split_segments(line)
        # wrapped running text: its numbers come one at a time ("increased 18.2% to $3.2 billion")
        with_values = [vals for _, vals in segs if any(is_amount_token(v) for v in vals)]
        if len(with_values) >= 2 and not any(sum(1 for v in vals if is_amount_token(v)) >= 2 for vals in with_values):
            return True
    return False


_MONTH_WORD = MONTH
_MONTH_GLUE = re.compile(rf"(?<=[a-z])(?={_MONTH_WORD}\.?\s*\d)")
_DATE_COMMA = re.compile(rf"\b({_MONTH_WORD}\.?\s*\d{{1,2}}),(?=(?:19|20)\d\d\b)")
# 'Dec 312024': a day glued to its year (Peapack-Gladstone's five quarter columns lost their header to it)
_DAY_YEAR_GLUE = re.compile(rf"\b({_MONTH_WORD}\.?\s*(?:[12]\d|3[01]|0?[1-9]))(?=(?:19|20)\d\d\b)")
_WORD_GLUE = re.compile(r"(?<=[a-z]{4})(?=[A-Z][a-z]{3,})")


def deglue(line: str) -> str:
    """'As ofJune 30' -> 'As of June 30'; 'SubsidiariesConsolidated' -> 'Subsidiaries Consolidated'; 'Sept
    30,2025' and 'Dec 312024' -> 'Sept 30, 2025', 'Dec 31, 2024'."""
    line = _DAY_YEAR_GLUE.sub(r"\1, ", _DATE_COMMA.sub(r"\1, ", line))
    return _WORD_GLUE.sub(" ", _MONTH_GLUE.sub(" ", line))


# the serial number and the formula of a line of an Indian statement of results (SEBI's format): '3 Profit before
# exceptional items and tax (1-2) 4676.65 6328.23' -> 'Profit before exceptional items and tax 4676.65 6328.23';
# '2 Expenses:' -> 'Expenses:' (a heading, not a row of value 2)
_SERIAL = re.compile(r"^\s*(?:[1-9]|[12]\d)\.?\s+(?=[A-Z][A-Za-z&])"
                     r"(?!(?:Weeks?|WEEKS|Months?|MONTHS|Quarters?|QUARTERS?|Years?|YEARS?|Days?|FY)\b)")
_FORMULA = re.compile(r"\s\((?:\d{1,2}|[a-z]{1,2})(?:\s?[-+]\s?(?:\d{1,2}|[a-z]{1,2}))+\)(?=\s|$)")
SERIAL_EXAMPLES = (  # (line, what it reads as)
    ("3 Profit before exceptional items and tax (1-2) 4676.65 6328.23 4332.37 20423.50",
     "Profit before exceptional items and tax 4676.65 6328.23 4332.37 20423.50"),
    ("2 Expenses:", "Expenses:"),
    ("4 IT & Technology Services 43397.97 39913.58 43582.80", "IT & Technology Services 43397.97 39913.58 43582.80"),
    ("c) Exceptional items (net of tax) (a-b) - 93.61 - 93.61", "c) Exceptional items (net of tax) - 93.61 - 93.61"),
    ("9 Net profit after tax and share in profit/(loss) of joint ventures/associates (7+8) 3444.68 5013.17",
     "Net profit after tax and share in profit/(loss) of joint ventures/associates 3444.68 5013.17"),
    ("Revenue 1,234 1,100", "Revenue 1,234 1,100"),
    ("13 Weeks Ended January 28, 2023", "13 Weeks Ended January 28, 2023"),
    ("2 Excludes the impact of translational currency", "2 Excludes the impact of translational currency"),
    ("61,194 62,605 63,659 Total expenditure", "61,194 62,605 63,659 Total expenditure"),
    ("2024 Revenue 1,234", "2024 Revenue 1,234"),
    ("Cost of sales (5) (6)", "Cost of sales (5) (6)"),
)


def without_serial(line: str) -> str:
    """A statement line without its serial number and its formula (SERIAL_EXAMPLES). Only a line with figures after
    its words, or a heading that ends with ':', has a serial: '2 Excludes the impact of translational currency' is a
    footnote."""
    if not re.search(r":\s*$|[A-Za-z)\]]\s.*?\d", line):
        return line
    return _FORMULA.sub("", _SERIAL.sub("", line))


_FOOTNOTED_HEADING = re.compile(  # words that each start with a letter, then "(1)" or "(1,3)"
    r"^\s*[A-Za-z][\w&'’/-]*(?:[ ,]+[A-Za-z][\w&'’/-]*)*\s+\(\d(?:,\s?\d)*\)\s*$")


# a footnote's text under a statement, its marker first: '(1) Includes stock-based compensation as follows:' (a
# heading of the rows below it, not a row of value '(1)'); never 'Total expenditure' after its figures
_FOOTNOTE_FIRST = re.compile(r"^\s*\(\d{1,2}\)\s+[A-Za-z][^\d]*:\s*$")


_OPEN_NUMBER = re.compile(rf"\(\s*(?:\$\s*)?{_NUM}\s*$")
_LONE_CLOSE = re.compile(r"^\s*\)\s*%?\s*$")


def mend_split_parentheses(lines: list[str]) -> list[str]:
    """'(1,687,534' on one line and ')' alone on the next (a one-cell-per-line copy of a statement): the closing
    parenthesis goes back to its number, and its own line is left blank so that line numbers stay."""
    out = list(lines)
    last = -1  # the last non-blank line
    for i, line in enumerate(out):
        if not line.strip():
            continue
        if _LONE_CLOSE.match(line) and last >= 0 and _OPEN_NUMBER.search(out[last]):
            out[last] = out[last].rstrip() + line.strip()
            out[i] = ""
            continue
        last = i
    return out


_RULE_LINE = re.compile(r"^[\s\-=_—–+|]*[-=_—–]{3,}[\s\-=_—–+|]*$")
_DASH_AT_END = re.compile(rf"[A-Za-z)]\s+[{DASHES}]{{1,2}}\s*$")  # a label's words, then a spaced dash or two


# a table run into one line (a newswire scrape that lost its line breaks): two dates or more side by side are its
# column headings, so the line is cut around them; the words before them (from the last sentence's end) are the
# title, the rows after are read under them. A sentence naming two dates joins them with words; a line of a
# few figures is no flattened table.
FLATTENED_HEADER_EXAMPLES = (  # (line, its pieces)
    ("* On November 2024, we paid a dividend of ARS 45,000 million (yield 7%). Financial Highlights (In millions of "
     "Argentine Pesos) 6M FY 2025 ended December 31, 2024 Income Statement 12/31/2024 12/31/2023 Agricultural "
     "Business Revenue 238,715 225,523 Agricultural Business Gross Profit 22,726 57,588 Urban Properties Revenues "
     "170,141 183,583",
     ["* On November 2024, we paid a dividend of ARS 45,000 million (yield 7%).",
      "Financial Highlights (In millions of Argentine Pesos) Income Statement",
      "Six Months Ended 12/31/2024 12/31/2023",
      "Agricultural Business Revenue 238,715 225,523 Agricultural Business Gross Profit 22,726 57,588 Urban "
      "Properties Revenues 170,141 183,583"]),
    ("Financial SummaryFor Quarter Ending December 31, 2024BALANCE SHEET December 31, 2024 December 31, 2023 "
     "ASSETSCash & Cash Equivalents $ 28,472,322 $ 45,198,375 Total Investments 7,191,513 7,426,100 INCOME "
     "December 31, 2024 December 31, 2023 Total Interest Income $ 17,885,742 $ 15,927,961",
     ["Financial SummaryFor Quarter Ending December 31, 2024BALANCE SHEET", "December 31, 2024 December 31, 2023",
      "ASSETSCash & Cash Equivalents $ 28,472,322 $ 45,198,375 Total Investments 7,191,513 7,426,100 INCOME",
      "December 31, 2024 December 31, 2023", "Total Interest Income $ 17,885,742 $ 15,927,961"]),
    # counter-examples: two dates joined by words; a header line on its own
    ("Deposits were $270,934,149 at December 31, 2024 and $259,604,962 at December 31, 2023, loans 262,932,710 and "
     "231,924,633, equity 37,533,507 and 34,721,071, assets 311,367,385 and 297,040,638",
     ["Deposits were $270,934,149 at December 31, 2024 and $259,604,962 at December 31, 2023, loans 262,932,710 and "
      "231,924,633, equity 37,533,507 and 34,721,071, assets 311,367,385 and 297,040,638"]),
    ("Balance Sheet 12/31/2024 06/30/2024", ["Balance Sheet 12/31/2024 06/30/2024"]),
    # ...a date and the bare years after it are no run: such a line reads whole (Forian's, Vycor's statements)
    ("BALANCE SHEET September 30,   2024 2023  ASSETS Cash & Cash Equivalents $ 34,778,590 $ 52,443,464 Total "
     "Investments 7,198,675 7,436,640 Gross Loans 262,932,710 231,924,633 ACL (2,650,111) (2,412,563)",
     ["BALANCE SHEET September 30,   2024 2023  ASSETS Cash & Cash Equivalents $ 34,778,590 $ 52,443,464 Total "
      "Investments 7,198,675 7,436,640 Gross Loans 262,932,710 231,924,633 ACL (2,650,111) (2,412,563)"]),
    # the spans over the dates go with them
    ("Reconciliation of Net Income to EBITDA (Unaudited) Three Months Period Ended Six Months Period Ended June 30, "
     "2025 June 30, 2024 June 30, 2025 June 30, 2024 Net income (loss) $ (3,731,891) $ 15,626 $ (3,990,108) $ "
     "3,964,648 + Interest expense1,481,66932,484 2,953,02936,855",
     ["Reconciliation of Net Income to EBITDA (Unaudited)",
      "Three Months Period Ended Six Months Period Ended June 30, 2025 June 30, 2024 June 30, 2025 June 30, 2024",
      "Net income (loss) $ (3,731,891) $ 15,626 $ (3,990,108) $ 3,964,648 + Interest expense1,481,66932,484 "
      "2,953,02936,855"]),
)
_SENTENCE_END = re.compile(r"[.!?]\)?\s+(?=[A-Z])")


def flattened_pieces(line: str) -> list[str]:
    """A flattened table's line cut at its runs of column dates (see FLATTENED_HEADER_EXAMPLES)."""
    from index.periods import DAY_FIRST_RE, FULL_DATE_RE, NUMERIC_DATE_RE

    if len(re.findall(r"\d[\d,.]*", line)) < 12:
        return [line]
    spans = sorted(m.span() for rx in (FULL_DATE_RE, NUMERIC_DATE_RE, DAY_FIRST_RE) for m in rx.finditer(line))
    runs: list[list[int]] = []
    for a, b in spans:
        if runs and not line[runs[-1][1]:a].strip():
            runs[-1][1] = b
            runs[-1][2] += 1
        else:
            runs.append([a, b, 1])
    pieces: list[str] = []
    pos = 0
    for a, b, n in runs:
        if n < 2:
            continue
        before = line[pos:a].rstrip()
        span = header_part(before)  # the spans over the dates ('Three Months Period Ended Six Months Period Ended')
        if span != before and not re.search(r"\d", span) and word_count(span) <= 12:
            a = pos + len(before) - len(span)
            before = before[: len(before) - len(span)]
        before = before.strip()
        ends = [m.end() for m in _SENTENCE_END.finditer(before)]
        cut = ends[-1] if ends else 0
        title, head = before[cut:].strip(), line[a:b]
        caption = _dated_span(title)
        if caption:  # '6M FY 2025 ended December 31, 2024' in the title: the span of every date in the run
            start, end, months = caption
            title, head = f"{title[:start].strip()} {title[end:].strip()}".strip(), f"{_SPAN_WORDS[months]} {head}"
        pieces.extend(x for x in (before[:cut].strip(), title) if x)
        pieces.append(head)
        pos = b
    if not pieces:
        return [line]
    rest = line[pos:].strip()
    return pieces + ([rest] if rest else [])


class FlatTitle(str):
    """The title of a flattened table, cut from its line before the column dates (see flattened_pieces)."""

    __slots__ = ()


_SPAN_WORDS = {3: "Three Months Ended", 6: "Six Months Ended", 9: "Nine Months Ended", 12: "Twelve Months Ended"}


def _dated_span(title: str) -> tuple[int, int, int] | None:
    """Where a flattened table's title states its span with a date ('6M FY 2025 ended December 31, 2024'), and
    the span's months; None when it states none."""
    from index.periods import DAY_FIRST_RE, FULL_DATE_RE, GROUP_RE, NUMERIC_DATE_RE, group_months

    for g in GROUP_RE.finditer(title):
        months = group_months(g)
        if months not in _SPAN_WORDS:
            continue
        ends = [m.end() for rx in (FULL_DATE_RE, NUMERIC_DATE_RE, DAY_FIRST_RE)
                for m in [rx.search(title, g.end())] if m and m.start() - g.end() <= 30]
        if ends:
            return g.start(), min(ends), months
    return None


def _pieces(lines: list[str]) -> Iterator[tuple[int, str, bool]]:
    """Each line, or each piece of a flattened table's line, with its line number and whether it is the title
    right before the table's column dates."""
    for i, raw in enumerate(lines):
        pieces = flattened_pieces(raw.rstrip("\n"))
        for k, piece in enumerate(pieces):
            yield i, piece, len(pieces) > 1 and k + 1 < len(pieces) and not _SENTENCE_END.search(piece) and (
                _is_date_run(pieces[k + 1])) and not _AMOUNT_IN_WORDS.search(piece)


# an amount as tables print it: with a thousands separator or decimals ('28,472,322', '0.61')
_AMOUNT_IN_WORDS = re.compile(r"\d,\d{3}\b|\d\.\d")


def _is_date_run(text: str) -> bool:
    from index.periods import scan_header

    items = scan_header(text)
    dates = sum(it.kind == "date" for it in items)
    return all(it.kind in ("date", "year", "group") for it in items) and dates >= 1 and dates + sum(
        it.kind == "year" for it in items) >= 2


# a balance sheet's caption of share capital, whose counts and par value make it read like a sentence ('Class A
# Common Stock: $0.0001 par value; 100,000,000 shares authorized, 14,958,817 and 14,270,761 shares issued and
# outstanding as of ...', Royalty Management, one cell per line): a row's name, so the statement goes on below it
SHARE_CAPTION = re.compile(r"\bpar value\b.*\bshares?\b|\bshares?\s+authori[sz]ed\b", re.I)
SHARE_CAPTION_EXAMPLES = (  # (line, whether it is a caption of share capital)
    ("Class A Common Stock: $0.0001 par value; 100,000,000 shares authorized, 14,958,817 and 14,270,761 shares "
     "issued and outstanding as of the years ended December 31, 2024 and 2023", True),
    ("Preferred stock, $0.001 par value per share, 100 shares authorized; no shares issued and outstanding", True),
    ("Ordinary shares, 4,800,000,000 shares authorised", True),
    ("Revenue increased 12% to $3.2 billion, and we repurchased 5 million shares.", False),
    ("The Company had 14,958,817 shares outstanding at year end.", False),
)


def ends_in_words(line: str) -> bool:
    """A line of a name's length that ends in words or a date ('... as of December 31, 2024 and 2023'), no figures,
    no full stop (never a whole statement flattened onto one line, Nephros)."""
    last = split_segments(line)[-1][1]
    return word_count(line) <= 30 and not re.search(r"[.!?]$", line) and (not last or is_year_values(last))


ENDS_IN_WORDS_EXAMPLES = (  # (line, whether it is a name whose figures come on the lines below)
    ("Class A Common Stock: $0.0001 par value; 100,000,000 shares authorized, 14,958,817 and 14,270,761 shares "
     "issued and outstanding as of the years ended December 31, 2024 and 2023", True),
    ("Common stock, $0.01 par value; 100 shares authorized   1,234   1,100", False),  # its figures on the line
    ("The Company had 100,000,000 shares authorized at year end.", False),
    ("TOTAL LIABILITIES 2,625 3,503 STOCKHOLDERS' EQUITY: Preferred stock, $.001 par value; 5,000,000 shares "
     "authorized at December 31, 2024 and 2023; no shares issued and outstanding at December 31, 2024 and 2023 - - "
     "Common stock, $.001 par value; 40,000,000 shares authorized; 10,544,691 and 10,543,675 shares issued 11 10 "
     "Additional paid-in capital 152,906 152,754 NEPHROS, INC. AND SUBSIDIARIES CONSOLIDATED STATEMENTS", False),
)


def line_rows(lines: list[str]) -> list[TextRow | str]:
    """Turn lines into rows (label + values) and plain strings (headings, prose); merges one-value-per-line."""
    lines = mend_split_parentheses(lines)
    out: list[TextRow | str] = []
    for i, line, title in _pieces(lines):
        if title:  # the title of a flattened table, its figures those of its period ('6M FY 2025')
            out.append(FlatTitle(clean_label(line)))
            continue
        if not line.strip() or _RULE_LINE.match(line):
            continue  # blank, or a rule under a column ('---------   ---------', '========')
        if "\t" in line:
            cells = [c.strip() for c in line.split("\t")]
            label_cells: list[str] = []
            values: list[str] = []
            for c in cells:
                if not c:
                    continue
                segs = split_segments(c)
                if len(segs) == 1 and segs[0][1] and not segs[0][0]:
                    values.extend(segs[0][1])
                elif not values:
                    label_cells.append(c)
                else:
                    values.append(c)  # text after values: keep position, parsed as non-number later
            out.append(TextRow(clean_label(" ".join(label_cells)), values, i, cells))
            continue
        line = without_serial(deglue(line))
        if SHARE_CAPTION.search(line) and ends_in_words(line):
            out.append(clean_label(line))  # a row's name: its figures on the lines below
            continue
        if is_prose(line):
            out.append(line)
            continue
        footnoted = _FOOTNOTED_HEADING.match(line) or _FOOTNOTE_FIRST.match(line)
        if footnoted:  # "Pharmaceutical (1)", "Pharmaceutical excluding COVID-19 Vaccine (1,3)": a heading
            out.append(line.strip())
            continue
        if is_list_item(line):
            out.append(clean_label(line))
            continue
        after = lines[i + 1] if i + 1 < len(lines) else ""
        if _DASH_AT_END.search(line) and not re.search(r"\d", line) and re.match(r"\s*[a-z]", after):
            # 'Interest and other financial charges --' over ' net    121    131': a dash that joins the label to
            # its rest on the next line, not a nil figure
            out.append(clean_label(line))
            continue
        segs = split_segments(line)
        if figure_inside_words(segs):
            out.append(clean_label(line))
            continue
        if len(segs) == 2 and not segs[0][0] and segs[0][1] and segs[1][0] and not segs[1][1]:
            # "61,194 62,605 63,659 Total expenditure": values printed before their label
            out.append(TextRow(segs[1][0], segs[0][1], i))
            continue
        if len(segs) == 2 and not segs[0][0] and len(segs[0][1]) == 1 and segs[1][0] and segs[1][1] and \
                len(segs[1][1]) <= 2 and _is_row_label(segs[1][0]):
            # '47,882 Revenue from operations 55,120 15%' under "Q1 FY'24 Key Parameters Q1 FY'25 % Var": the year
            # before printed left of the label, the year and the change right of it
            out.append(TextRow(segs[1][0], [*segs[0][1], *segs[1][1]], i))
            continue
        for label, values in segs:
            if values:
                out.append(TextRow(label, values, i))
            elif label:
                out.append(label)
    return merge_value_lines(out)


# a figure inside a sentence that wraps a row label over lines: 'Accounts receivable trade, net of allowance for
# credit losses of $11,390 as of' (its figures on the next line): words that end in a connective before the figure,
# words in lower case after it
_CONNECTIVE_END = re.compile(r"\b(?:of|at|to|by|for|and|from|with|than|over|under)\s*$", re.I)
FIGURE_IN_WORDS_EXAMPLES = (  # (line, whether its figure is part of its words)
    ("Accounts receivable trade, net of allowance for credit losses of $11,390 as of", True),
    ("Common stock, par value of $0.01 per share; authorized", True),
    ("March 31, 2024 and $13,828 as of June 30, 2023", True),
    ("Total revenues $ 1,447.1 $ 1,244.7", False),
    ("Revenue 1,234 1,100 Cost of sales (5) (6)", False),
    ("Net income attributable to 98,285 57,648 and", False),
    ("Inventory 4,879,405 3,937,854 Preferred stock, Series B: $0.00001 par value, 1,000 shares designated, 1,000 and "
     "1,000 shares issued and outstanding, respectively - - Stock payable 73,900 5,711,807", False),
)


def _is_row_label(text: str) -> bool:
    """A few words that start with a capital: a row's name, not the rest of a sentence."""
    return bool(re.match(r"[A-Z]", text.strip())) and word_count(text) <= 8


def figure_inside_words(segs: list[tuple[str, list[str]]]) -> bool:
    """A figure of the line stands inside its words (see FIGURE_IN_WORDS_EXAMPLES): the line is text. Only a short
    line is a wrapped label; a whole statement run into one line has figures in words ('1,000 and 1,000 shares
    issued and outstanding') among its rows."""
    return len(segs) <= 3 and any(len(vals) == 1 and _CONNECTIVE_END.search(label) and re.match(r"[a-z]", after)
               for (label, vals), (after, _) in itertools.pairwise(segs))


# a number that may end a name ('Dynamics 365', 'Windows 11', 'Top 10'): a bare whole number, no sign, no grouping
_NAME_NUMBER = re.compile(r"\d{1,4}")


# ... but a month's day is no part of a name ('September 30,' over the years of a header)
_DAY_OF = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*$", re.I)


def _bare_number_row(item: TextRow | str) -> bool:
    return (isinstance(item, TextRow) and not item.stacked and not item.cells and bool(item.label)
            and len(item.values) == 1 and bool(_NAME_NUMBER.fullmatch(item.values[0]))
            and not _DAY_OF.search(item.label))


def _name_with(row: TextRow) -> str:
    """The row's name with its number ('Dynamics 365'); after a bracket the number is a footnote's mark
    ('Basic earnings per share ($) 3'), no part of the name."""
    return row.label if row.label.rstrip().endswith(")") else f"{row.label} {row.values[0]}"


def _names_ending_in_numbers(items: list[TextRow | str]) -> list[TextRow | str]:
    """A name with a number in it wrapped over two lines above its figures, one cell per line ('Office 365' /
    'Commercial' / '13%' / '1%' / '14%'): one label line, never a row 'Office' of 365."""
    out = list(items)
    k = 0
    while k + 2 < len(out):
        nxt, after = out[k + 1], out[k + 2]
        if (_bare_number_row(out[k]) and isinstance(nxt, str) and not is_prose(nxt) and word_count(nxt) <= 6
                and isinstance(after, TextRow) and not after.label and not after.cells):
            row = out[k]
            assert isinstance(row, TextRow)
            out[k:k + 2] = [f"{_name_with(row)} {nxt.strip()}"]
        k += 1
    return out


def merge_value_lines(items: list[TextRow | str]) -> list[TextRow | str]:
    """Attach rows that have values but no label to the label line before them (one cell per line)."""
    items = _names_ending_in_numbers(items)
    merged: list[TextRow | str] = []
    for item in items:
        if isinstance(item, TextRow) and not item.label and not item.cells and merged:
            prev = merged[-1]
            if isinstance(prev, str) and (not is_prose(prev) or SHARE_CAPTION.search(prev)) and word_count(prev) <= 20:
                merged[-1] = TextRow(clean_label(prev), list(item.values), item.line, stacked=True)
                continue
            if (isinstance(prev, TextRow) and prev.stacked and not is_year_values(item.values)
                    and not is_year_values(prev.values)):
                prev.values.extend(item.values)
                continue
            if (_bare_number_row(prev) and not is_year_values(item.values) and not _DAY_OF.search(prev.label)):
                # 'Dynamics 365' over '19%' / '1%' / '20%': the number is the name's, the lines below its figures
                merged[-1] = TextRow(_name_with(prev), list(item.values), prev.line, stacked=True)
                continue
        if isinstance(item, TextRow) and not item.label and item.cells and merged:
            prev = merged[-1]
            # a total whose values sit on the line after its label (tab tables)
            if isinstance(prev, str) and not is_prose(prev) and word_count(prev) <= 20:
                merged[-1] = TextRow(clean_label(prev), list(item.values), item.line)
                continue
        merged.append(item)
    return merged


# an amount with its currency sign inside a line of words: 'March 31, 2024 and $13,828 as of June 30, 2023' (the
# rest of a wrapped row label), never a period heading
_SIGNED_AMOUNT = re.compile(r"[$€£¥₹]\s?\d")


# a list item ('o Book to Bill above 1.0x for the first time since H2 2022', '* ... in line with the fourth quarter
# of 2024'): a sentence, never the heading of columns
_BULLET = re.compile(r"^\s*(?:[•▪●◦‣∙·*]|o|[-–])\s+\S")


def is_list_item(line: str) -> bool:
    """A bullet of words with a few figures in them is a sentence, never a row; a bullet that runs on into a
    flattened table (a dozen figures and more) is read as the table."""
    return bool(_BULLET.match(line)) and word_count(line) >= 4 and len(re.findall(r"\d[\d,.]*", line)) <= 4


@remembered()
def is_header_text(text: str) -> bool:
    """A heading line naming periods ('Three Months Ended', 'June 30, 2025', 'Q1 2025')."""
    from index.periods import ordinal_days, scan_header

    if (word_count(text) > 16 or _SIGNED_AMOUNT.search(text) or re.search(r"\brespectively\b", text, re.I)
            or _BULLET.match(text)):
        return False
    return any(it.kind in ("group", "date", "qlabel", "monthday") for it in scan_header(ordinal_days(text)))


def is_header_row(row: TextRow) -> bool:
    """'2025 2024 2025 2024', 'Six Months EndedJune 30, 2025 2024': period headings, not amounts."""
    if not row.values:
        return False
    for v in row.values:
        if _YEAR.match(v):
            continue
        if re.fullmatch(r"\d{1,2}", v) and int(v) <= 31:
            continue
        return False
    if not row.label or is_year_values(row.values):
        return True
    text = row.label + " " + " ".join(row.values)
    return is_header_text(text) or is_header_text(header_part(text))


def header_part(text: str) -> str:
    """The period part of a line that runs a title into its header ('... (Unaudited) Three Months Ended')."""
    from index.periods import GROUP_RE, MONTH_DAY_RE

    starts = [m.start() for rx in (GROUP_RE, MONTH_DAY_RE) for m in [rx.search(text)] if m]
    return text[min(starts):] if starts else text


def header_line_text(row: TextRow) -> str:
    if row.cells:
        return " | ".join(c for c in row.cells if c)
    return (row.label + " " + " ".join(row.values)).strip()


# a row label that goes on at the next line (PDF text): its first line ends in a hyphen or a slash, or the next
# line begins in lower case ('assets 48,220 (48,220)' under 'Amortization of acquired technology-based
# intangible'), which no label of its own does; after a row with figures, a lower-case line goes on a label left
# open ('... / Non-GAAP-', '... attributable to')
_OPEN_LINE = re.compile(r"[-/]\s*$")
_OPEN_END = re.compile(r"(?:[-/,]|\b(?:and|or|of|to|for|from|in|on|the|per|net|before|after|attributable))\s*$", re.I)
_GOES_ON = re.compile(r"^[a-z]")
# ...a label that ends in a preposition goes on at the next line, capitalised or not ('attributable to' / 'OpenText')
_DANGLING = re.compile(r"\b(?:to|of|for|from)\s*$", re.I)
UNWRAP_EXAMPLES = (  # (rows as (label, values), the rows after)
    # the dated rest of a label open on a preposition goes on it, though it is long: an amount in it is no heading
    ([("Receivables, net of allowance of $11,390 as of", ["654,190", "682,517"]),
      ("March 31, 2024 and $13,828 as of June 30, 2023", []), ("Contract assets", ["66,124", "71,196"])],
     [("Receivables, net of allowance of $11,390 as of March 31, 2024 and $13,828 as of June 30, 2023",
       ["654,190", "682,517"]), ("Contract assets", ["66,124", "71,196"])]),
    ([("Amortization of acquired technology-based intangible", []), ("assets", ["48,220", "(48,220)"])],
     [("Amortization of acquired technology-based intangible assets", ["48,220", "(48,220)"])]),
    ([("GAAP-based income from operations / Non-GAAP-", ["193,258", "413,475"]),
      ("based income from operations", [])],
     [("GAAP-based income from operations / Non-GAAP-based income from operations", ["193,258", "413,475"])]),
    ([("GAAP-based gross profit and gross margin (%) /", []),
      ("Non-GAAP-based gross profit and gross margin", ["987,716", "1,041,126"])],
     [("GAAP-based gross profit and gross margin (%) / Non-GAAP-based gross profit and gross margin",
       ["987,716", "1,041,126"])]),
    # counter-examples: a heading over its rows, and a row after a complete one
    ([("Cost of revenues", []), ("Customer support", ["69,706"])], [("Cost of revenues", []),
                                                                    ("Customer support", ["69,706"])]),
    ([("Operating expenses:", []), ("research and development", ["205,253"])],
     [("Operating expenses:", []), ("research and development", ["205,253"])]),
    ([("Net income per share attributable to", []), ("Basic", ["0.12"])],
     [("Net income per share attributable to", []), ("Basic", ["0.12"])]),
    ([("Revenue", ["1,000"]), ("excluding currency effects", [])],
     [("Revenue", ["1,000"]), ("excluding currency effects", [])]),
    ([("Non-GAAP-based earnings per share-diluted, attributable to", ["0.98"]), ("OpenText", [])],
     [("Non-GAAP-based earnings per share-diluted, attributable to OpenText", ["0.98"])]),
    ([("Net income", ["248,229"]), ("Operating expenses", [])],
     [("Net income", ["248,229"]), ("Operating expenses", [])]),
)


def unwrap_labels(rows: list[tuple[str, list[str], int]]) -> list[tuple[str, list[str], int]]:
    """Join a row label a narrow column wrapped onto two lines: a heading line whose label goes on in the row
    below it, or a lower-case line after a row whose label is left open. A heading over its rows stays one."""
    out: list[tuple[str, list[str], int]] = []
    for label, vals, line in rows:
        if out:
            before, before_vals, before_line = out[-1]
            if (not before_vals and vals and not before.rstrip().endswith(":")
                    and (_GOES_ON.match(label) or _OPEN_LINE.search(before))):
                out[-1] = (_joined(before, label), vals, line)
                continue
            if before_vals and not vals and _OPEN_END.search(before) and (
                    _GOES_ON.match(label) or (_DANGLING.search(before) and (
                        len(label.split()) <= 3 or _SIGNED_AMOUNT.search(label)))):
                out[-1] = (_joined(before, label), before_vals, before_line)
                continue
        out.append((label, vals, line))
    return out


def _joined(first: str, rest: str) -> str:
    first = first.rstrip()
    # a word broken at its hyphen joins without a space; a spaced dash ('charges --' / 'net') keeps it
    return first + rest if first.endswith("-") and not re.search(r"\s-+$", first) else f"{first} {rest}"


# a line that only names a column's unit ('bps', '%', '£m')
_UNIT_LINE = re.compile(r"^\s*(?:bps|pp|pts?|%|x|[£$€]\s?(?:m|bn|k|'000)|m|bn)\s*$", re.I)
# a heading that is the table's caption ('(In thousands)'), not the name of what its rows add up to
_CAPTION = re.compile(r"^\(|\b(?:thousands?|millions?|billions?|percent(?:age)?|%)", re.I)


def is_block_total(values: list[str], block: list[list[str]]) -> bool:
    """Whether a row of figures is the sum of the rows above it under one heading, in its first column, to the
    printed digit of each row (at least two rows; a total printed with the block, 'Total other assets', leaves a
    row with no label after it as some larger total, not this one)."""
    if len(block) < 2 or not values:
        return False
    first = parse_number(values[0])
    parts = [parse_number(v[0]) for v in block if v]
    if first is None or first.percent or len(parts) != len(block) or any(p is None or p.percent for p in parts):
        return False
    slack = Decimal(len(parts)) * max((printed_step(v[0]) for v in block), default=Decimal(1))
    return first.value != 0 and abs(sum(p.value for p in parts) - first.value) <= slack  # type: ignore[union-attr]


@dataclass
class _Building:
    title: list[str]
    header: list[str]
    rows: list[tuple[str, list[str], int]] = field(default_factory=list)  # (label, values, line); [] = heading
    start: int = 0


# a title of its own that ends a run of guidance: a statement or a reconciliation of results
_STATEMENT_TITLE = re.compile(r"statements?\b|balance sheets?|reconciliation|\bresults\b|cash flows?|"
                              r"financial position", re.I)


def find_tables(lines: list[str], where_prefix: str = "line", list_items: bool = False
                ) -> tuple[list, list[tuple[int, str]]]:
    """Tables (as blocks.RawTable without final position) and the lines of running text (line no, text);
    `list_items`: a list item on a line of its own is text (Markdown, whose lines are never wrapped by a layout)."""
    from index.blocks import RawRow, RawTable
    from index.tables import is_outlook

    items = line_rows(lines)
    tables: list[RawTable] = []
    pending_title: list[str] = []
    pending_header: list[str] = []
    cur: _Building | None = None
    # guidance goes on until a paragraph of text: the bullets after 'Outlook / Nabors expects the following metrics
    # for the first quarter of 2025' stay guidance though a bullet ('... in line with the fourth quarter of 2024')
    # heads a new run of rows
    guidance = False

    def close() -> None:
        nonlocal cur, guidance
        if cur and any(vals for _, vals, _ in cur.rows):
            # trailing headings belong to whatever comes next
            while cur.rows and not cur.rows[-1][1]:
                pending_title.insert(0, cur.rows.pop()[0])
            rows: list[RawRow] = []
            section = ""
            block: list[list[str]] = []  # the values of the rows under the current heading
            parent = ""  # the heading right above the current one, with no rows between them
            for label, vals, _line in unwrap_labels(cur.rows):
                if not vals:
                    if _UNIT_LINE.match(label):
                        continue  # 'bps' printed under a change column is no heading of the rows below
                    if section and not block:
                        parent = section
                    section, block = label, []
                    continue
                if not label and section and not _CAPTION.search(section) and is_block_total(vals, block):
                    # 'Sales by segment / Consumer Health / U.S. 1,787 / International 2,224 / 4,011': a row with no
                    # label of its own that adds up the rows under a heading is the heading's total, under the
                    # heading above it; it closes the heading's block (the rows after it, 'U.S. 13,444 /
                    # Worldwide 25,530', belong to no heading)
                    rows.append(RawRow(section, tuple(vals), parent))
                    section, block = "", []
                    continue
                block.append(vals)
                rows.append(RawRow(label, tuple(vals), section))
            table = RawTable(0, " / ".join(cur.title[-3:]), tuple(cur.header), tuple(rows),
                             f"{where_prefix} {cur.start + 1}")
            outlook = is_outlook(table)
            if guidance and not outlook and not _STATEMENT_TITLE.search(table.title):
                table = replace(table, title=" / ".join(x for x in ("Outlook", table.title) if x))
                outlook = True
            guidance = outlook
            tables.append(table)
        cur = None

    line_of = 0
    for item in items:
        bounds.tick()
        if isinstance(item, str):
            if not re.search(r"[A-Za-z0-9]", item):
                continue
            if is_prose(item):
                close()
                pending_title, pending_header = [], []
                guidance = False
                continue
            if isinstance(item, FlatTitle):  # a flattened table's title, its date no column's ('For Quarter
                close()  # Ending September 30, 2024 BALANCE SHEET' before 'September 30, 2024 2023')
                pending_title, pending_header = [item], []
                continue
            if is_header_text(item):
                if cur is not None and not any(v for _, v, _ in cur.rows):
                    # headings with no figures, under the title they were taken to start a table below
                    pending_title = [*cur.title, *pending_title, *(label for label, _, _ in cur.rows)]
                    pending_header = list(cur.header)
                    cur = None
                if cur is not None:
                    close()
                pending_header.append(item)
                continue
            if cur is None:
                if pending_header and _is_currency_row(item):
                    pending_header.append(item)  # "RMB RMB US$", "(Unaudited)" between header lines
                elif pending_header and _scale_caption(item, pending_title):
                    pending_title.append(item)  # '(In millions)' under the dates: the caption, where the scale is read
                elif pending_header and word_count(item) <= 8:  # a heading row above the first figures
                    cur = _Building(title=pending_title, header=pending_header, start=line_of)
                    pending_title, pending_header = [], []
                    cur.rows.append((item, [], line_of))
                elif pending_header:  # a new title after a stray date line: start over
                    pending_header = []
                    pending_title = [item]
                else:
                    pending_title.append(item)
                    pending_title = pending_title[-4:]
            else:
                cur.rows.append((item, [], line_of))
            continue
        line_of = item.line
        if is_header_row(item) or (item.cells and not item.values and is_header_text(header_line_text(item))):
            if cur is not None and not any(v for _, v, _ in cur.rows):
                pending_header = list(cur.header)  # a heading came between two header lines
                pending_title = cur.title
                cur = None
            if cur is not None:
                close()
            text = header_line_text(item)
            head = header_part(text)
            if head != text and word_count(text[: len(text) - len(head)]) >= 3:
                pending_title.append(text[: len(text) - len(head)].strip())
                pending_header = []
            pending_header.append(head)
            continue
        if item.cells and not item.values:
            # a tab row with no values: a currency row ("RMB RMB US$") or a heading
            text = header_line_text(item)
            if cur is None and pending_header and _is_currency_row(text):
                pending_header.append(text)
            elif cur is None and pending_header:
                cur = _Building(title=pending_title, header=pending_header, start=item.line)
                pending_title, pending_header = [], []
                cur.rows.append((item.label, [], item.line))
            elif cur is None:
                pending_title.append(text)
            else:
                cur.rows.append((item.label, [], item.line))
            continue
        if cur is None:
            cur = _Building(title=pending_title, header=pending_header, start=item.line)
            pending_title, pending_header = [], []
        cur.rows.append((item.label, list(item.values), item.line))
    close()
    return tables, prose_lines(lines, list_items)


def _scale_caption(line: str, title: list[str]) -> bool:
    """A caption in brackets that states the scale ('(In millions)', '(In millions, except per share'), or the
    rest of one the line before opened ('amounts)')."""
    text = line.strip()
    opened = bool(title) and title[-1].count("(") > title[-1].count(")")
    return (text.startswith("(") and scale_of(text) is not None and word_count(text) <= 10) or (
        opened and text.endswith(")") and "(" not in text and word_count(text) <= 6)


def prose_lines(lines: list[str], list_items: bool = False) -> list[tuple[int, str]]:
    """Lines of running text: sentences, and the short wrapped lines (PDF) next to them that are not table
    rows. Bullets that carry figures ("Revenue of $44.1 billion, up 12%") count as text too, and with
    `list_items` every list item ('* Proposed cash dividend of ... (NOK 2.25 per share)', no full stop at its end,
    blank lines around its list)."""
    flags: list[bool | None] = []
    for raw in lines:
        line = deglue(raw.strip())
        if not line:
            flags.append(None)
        elif "\t" in raw:
            flags.append(False)
        elif is_prose(line):
            flags.append(True)
        else:
            table_like = any(sum(1 for v in vals if is_amount_token(v)) >= 2 for _, vals in split_segments(line))
            if table_like or word_count(line) < 3:
                flags.append(False)
            elif word_count(line) >= 5 and re.search(r"[.!?][\"”’)]?$", line):
                flags.append(True)  # a short sentence on its own
            elif list_items and _LIST_ITEM.match(line) and word_count(line) >= 3:
                flags.append(True)
            elif list_items and is_key_figure(line):
                flags.append(True)
            else:
                flags.append(_MAYBE)
    for _ in range(3):
        for i, f in enumerate(flags):
            if f is _MAYBE and ((i > 0 and flags[i - 1] is True) or (i + 1 < len(flags) and flags[i + 1] is True)):
                flags[i] = True
    return [(i, lines[i].strip()) for i, f in enumerate(flags) if f is True]


_MAYBE = "maybe"
# a list item's marker: a bullet, or a dash, before words (never a table row's, which carries two amounts or more)
_LIST_ITEM = re.compile(r"^[*•·▪\u2013-]\s+[A-Za-z(\"“]")


# a key figure on a line of its own under a release's headline (Markdown): a name, a colon, and one amount in a
# currency with its scale word (Freelancer's 'Cash & Equivalents: $23.2 million (+9.5% on 1H24)', Legrand's 'Free
# cash flow: €1.3 billion, 14.9% of sales'): a sentence without a verb, never a table's row
_KEY_FIGURE = re.compile(r"^[A-Z][\w &'’(),./-]{1,60}?:\s+[-+]?(?:(?:US|A|C|HK|NZ)?\$|€|£|¥|₹|RMB\s?|"
                         r"(?:EUR|GBP|CHF|NOK|SEK|DKK|USD|CAD|AUD)\s)\(?\d[\d,.]*\)?\s?(?:million|billion|thousand|m|bn|k)\b"
                         r"(?!.*(?:[$€£¥₹]|\b(?:EUR|GBP|CHF|NOK|SEK|DKK|USD|CAD|AUD|RMB))\s?\(?\d)")
KEY_FIGURE_EXAMPLES = (  # (line, whether it is a key figure)
    ("Cash & Equivalents: $23.2 million (+9.5% on 1H24)", True),
    ("Free cash flow: €1.3 billion, 14.9% of sales", True),
    ("Net debt: NOK 16.0 billion", True),
    ("Revenue: $53.1 million $48.2 million", False),  # two amounts: a row
    ("Adjusted operating margin: 20.5% (after acquisitions)", False),  # no amount
    ("Toll-free North America: 1-844-763-8274", False),
    ("Revenue 53.1 48.2", False),
)


def is_key_figure(line: str) -> bool:
    """A line that states one key figure under its name (KEY_FIGURE_EXAMPLES)."""
    return bool(_KEY_FIGURE.match(line.strip()))


def _is_currency_row(text: str) -> bool:
    words = [w for w in re.split(r"[\s|]+", text.replace("\\", "")) if w]
    return bool(words) and all(w.upper().strip("()'") in {"RMB", "US$", "USD", "$", "HK$", "HKD", "EUR", "€",
                                                           "RMB'000", "US$'000", "(UNAUDITED)", "UNAUDITED",
                                                           "(AUDITED)", "AUDITED"} for w in words)
