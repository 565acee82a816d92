"""Fixed-width tables (a newswire feed's ``` blocks, PDF text kept in columns): columns from character positions.

A layout fixer: `parse_all(lines, where)` turns every table of a block into a RawTable whose header holds one
composed heading per column ("Three months ended December 31, 2024") and whose rows hold one value token per
column ("" where the column is blank). The columns come from the right ends of the numbers (right-aligned in such
tables); header words belong to the columns under them (a heading over a wider rule segment belongs to every
column that segment covers); labels wrapped over several lines are joined, and a line with no value that is not a
wrapped label is a section heading, never glued onto the next row's label.

Written here because no library reads this layout: tabulate and pandas.read_fwf need known column widths and a
single header line, and neither joins wrapped labels or stacked headings.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from index.blocks import RawRow, RawTable
from index.numbers import FOOTNOTE_MARK, currency_code, scale_of
from index.periods import DAY_FIRST_RE, FULL_DATE_RE, MONTH_DAY_RE
from index.readings import remembered
from lexicon.calendar import MONTH

_RULE = re.compile(r"^\s*[-=_]{3,}(?:\s+[-=_]{3,})*\s*$")
_SEGMENT = re.compile(r"[-=_]{3,}")
# a change in basis or percentage points is one token, no figure of a period ('(176 bps)', '+40 bp', '1.2 pts')
_TOKEN = re.compile(r"\(?[-+\u2013]?\d[\d.,]*\s(?:bps|bp|pts?|pp)\b\)?|\S+")
_NUM = r"[-\u2013\u2014+]?\$?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# parentheses balanced; a scale may be glued on ('4,131.3m', '(0.3)bn')
# ... and a change in points is a column's token too, though no figure of a period ('(176 bps)', '+0.3 pts')
_POINTS = re.compile(r"^\(?[-+\u2013]?\d[\d.,]*\s(?:bps|bp|pts?|pp)\)?$", re.I)
# a rate may print its sign inside the parentheses ('(15%)', XP Power's change in constant currency)
_NUMBER = re.compile(rf"^(?:\({_NUM}(?-i:m|mn|bn)?%?\)|{_NUM})(?-i:m|mn|bn)?%?x?$|^[-\u2013\u2014]{{1,2}}$|"
                     + _POINTS.pattern[1:], re.I)
_GROUP = re.compile(r"\S+(?: \S+)*")
_RUN = re.compile(r"\S+(?:\s\S+)*")  # one run of words, a no-break space within it
# a wrapped label goes on when its next line starts in lower case or its line ends with a joining word
_JOINING = re.compile(r"(?:\b(?:and|of|to|for|in|on|from|the|per|by|with|before|after|at|less|net)|[,&/(\-–])$",
                      re.I)


@dataclass(frozen=True)
class _Tok:
    text: str
    start: int
    end: int


# a word of a column's heading that names a period (or compares two); the month May only capitalised, the verb
# ('Items that may be reclassified subsequently to profit or loss:', XP Power's comprehensive income) is a row's
# heading, and read as a column heading it ended the table above it
_PERIOD_WORD = re.compile(
    r"(?:19|20)\d\d\b|'\d\d\b|\b[1-4]Q\d\d\b|\bQ[1-4]\b|\bH[12]\b|\bFY|\b\d{1,2}M\b|months?|weeks?|quarter|"
    r"\byear|ended|\bas (?:of|at)\b|\b(?:jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(?-i:May|MAY)\b|"
    r"change|variance|\bvs\b|\b(?:three|six|nine|twelve|thirteen|twenty-six|thirty-nine|fifty-two|fifty-three)\b",
    re.I)
PERIOD_WORD_EXAMPLES = (  # (a header line's words, whether they name a period)
    ("Six months ended 30 June 2025", True),
    ("May 31,", True),
    ("MAY 2024", True),
    ("Items that may be reclassified subsequently to profit or loss:", False),
    ("Items that will not be reclassified to profit or loss:", False),
)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_CHANGE = re.compile(r"\bchange\b|\bvariance\b|%|\bvs\.?\b|\bgrowth\b", re.I)
_SPAN_HEADING = re.compile(r"\b(?:months?|weeks?|quarters?|years?|periods?)\s+end(?:ed|ing)\b|\bas\s+(?:of|at)\b|"
                           r"\b(?:three|six|nine|twelve)\s+months\b", re.I)


# the header of the rows a block opens with before its first header line: the rest of a table headed above the
# block (the loader gives them that table's header, or they stay unread)
CONTINUED = "(continued)"


def parse_all(lines: list[str], where: str, *, page: bool = False) -> list[RawTable]:
    """The tables of a block. `page`: the lines are a PDF page laid out by its words' positions (loaders), not a
    newswire block typed in columns. On a page a column's heading is centred over it, in words that may stand apart
    ('Six months    ended'), so each heading group goes to the column whose region holds its centre; and a line of
    words above a row at its own indent is a heading, where in a newswire block's narrow label column it is the
    first line of the row's label (on a page a wrapped label breaks before a lower-case word or after a joining
    one)."""
    out = []
    for title_lines, header_lines, body in split(lines):
        cols = _columns(body)
        if not cols:
            continue
        header = _header(header_lines, cols, centred=page)
        names, used = column_names(body, cols)
        if names:
            body = body[used:]
            # one heading per run of columns it stands over, as a cell table prints it: 'Three Months Ended
            # December 31, 2024' over 'Reported | Adjusted'; a column with no heading of its own is in the run
            # of the one before ('Year Ended December 31, 2024' over 'Container Vessels ... Other', not 'Total')
            for i in range(1, len(header)):
                header[i] = header[i] or header[i - 1]
            header = [h for i, h in enumerate(header) if i == 0 or h != header[i - 1]]
        header, skip = _without_change_columns(header, cols)
        if skip and len(names) == len(cols):
            names = tuple(n for i, n in enumerate(names) if i not in skip)
        rows = _rows(body, cols, skip, wraps_by_indent=not page)
        if len([r for r in rows if r.values]) < 2:
            continue
        out.append(RawTable(0, " / ".join(title_lines[-4:]), tuple(header) if header_lines else (CONTINUED,),
                            tuple(rows), where, column_names=names))
    return out


# a column that compares periods: 'Q/Q', 'Y/Y', 'FY/FY', '% Change', 'Variance', 'Inc/(Dec)', 'vs. Q4 2023'
_CHANGE_HEADING = re.compile(r"\b(?:change|variance|growth|inc\.?\s*/?\s*\(?dec|vs\.?|versus)\b|%|"
                             r"\b(?:[QHY]|FY)/(?:[QHY]|FY)\b", re.I)


def _without_change_columns(header: list[str], cols: list[tuple[int, int]]) -> tuple[list[str], frozenset[int]]:
    """The headings without those of columns that compare the periods ('Q/Q', 'Y/Y', '% Change' with no year of
    its own), and those columns, when another column is left: a change is no figure of a period, a 'Q/Q' column
    split in two by its 'bps' would leave rows more values than periods, and a line whose only figures are changes
    ('Gross Margin' over its ' %' line) is a wrapped label. The figures printed in such a column are set aside
    where they stand, never moved into a period's column."""
    drop = {i for i, h in enumerate(header) if _CHANGE_HEADING.search(h) and not re.search(r"(?:19|20)\d\d", h)}
    # the column beside a change with no heading of its own, only what every column's starts with ('Inc/ (Dec)'
    # over '$ (78.1)' only, its '(3) %' to the right under the caption's 'Quarters Ended March 31,'), is the same
    # change in per cent
    for i in range(1, len(header)):
        if i - 1 in drop and all(h.startswith(header[i]) for j, h in enumerate(header) if j not in drop):
            drop.add(i)
    if not drop or len(drop) == len(header) or len(header) != len(cols):
        return header, frozenset()
    return [h for i, h in enumerate(header) if i not in drop], frozenset(drop)


def column_names(body: list[str], cols: list[tuple[int, int]]) -> tuple[tuple[str, ...], int]:
    """The names printed under the periods over each value column, in lines of words before the first figures
    ('Reported   Adjusted   Reported   Adjusted', or 'Container / Vessels' stacked over two lines): each word
    group belongs to the first column whose figures end right of its centre; a column's name is its words top to
    bottom. Returns (names, lines used), or ((), 0) unless every column has a name and none names a period (those
    are headings, read by `_header`)."""
    first = next((k for k, ln in enumerate(body) if _values(ln, cols)), None)
    if not cols or not first:
        return (), 0
    words: list[list[str]] = [[] for _ in cols]
    used = 0
    for k, ln in enumerate(body[:first]):
        if _RULE.match(ln):
            used = k + 1 if used == k else used  # the rule under the names
            continue
        for m in _GROUP.finditer(ln):
            if m.end() <= cols[0][0]:
                continue  # the label column's caption: '(In millions)', 'Financial & Operating Metrics'
            # figures stand right-aligned, names centred or left-aligned over them: a name is the first
            # column's whose figures end right of its centre
            centre = (m.start() + m.end()) / 2
            at = next((i for i, (_, b) in enumerate(cols) if b >= centre), None)
            if at is None or sum(1 for a, b in cols if a < m.end() and m.start() < b) > 1:
                return (), 0  # a heading over several columns, not one column's name
            words[at].append(m.group(0))
            used = k + 1
    names = tuple(" ".join(w) for w in words)
    if not all(names) or any(_PERIOD_WORD.search(n) or re.search(r"\d", n) for n in names):
        return (), 0
    return names, used


# a number that counts a span ('4Q   12 Months' over the years): a heading's word, not a value
# what makes a number part of a heading: a span ('13 weeks') or a date's month ('30  June', spread by a PDF layout)
_SPAN_AFTER = re.compile(rf"\s{{1,3}}(?:months?|weeks?|quarters?|{MONTH})\b", re.I)


# a line of a stacked header that holds only the days of its columns' dates ('30      31 March   30 September' over
# 'September  2024  2023', or '30   to 30'): bare numbers 1-31, read as values only when no header line follows
_DAY = re.compile(r"^(?:[1-9]|[12]\d|3[01]),?$")  # '28,' under 'December' over '2024
_MONTH = re.compile(rf"\b{MONTH}\b", re.I)


def _day_line(lines: list[str], i: int, boundary: int) -> bool:
    """Line i holds only days of month, each with a month name under or over it, and is followed, before any value
    line, by a header line. ('last 6   last 12' over 'months  months' holds spans, not days.)"""
    nums = [t for t in _tokens(lines[i]) if _NUMBER.match(t.text.lstrip("$€£")) or _DAY.match(t.text)]
    if not nums or not all(_DAY.match(t.text) for t in nums):
        return False
    near = [lines[i - 1] if i else "", lines[i], lines[i + 1] if i + 1 < len(lines) else ""]
    if not all(any(m.start() <= t.end + 2 and t.start - 2 <= m.end() for ln in near for m in _MONTH.finditer(ln))
               or _date_wraps_after(lines, i, t) for t in nums):
        return False
    for nxt in lines[i + 1:i + 4]:
        if _is_header_line(nxt, boundary) or _year_first(nxt):
            return True
        if _values_beyond(nxt, boundary):
            return False
    return False


def _date_wraps_after(lines: list[str], i: int, day: _Tok) -> bool:
    """The day ends a heading whose date wraps onto the next line, where a run of words under the heading starts
    with the month ('Six months ended 30' over 'June 2025', each centred over its column: XP Power's statement of
    comprehensive income). The day and its month then stand apart by the centring, not within two characters."""
    run = next((m for m in _GROUP.finditer(lines[i]) if m.start() <= day.start and day.end <= m.end()), None)
    if run is None or run.end() != day.end or run.start() == day.start or i + 1 >= len(lines):
        return False
    return any(_MONTH.match(m.group(0)) and m.start() < run.end() and run.start() < m.end()
               for m in _GROUP.finditer(lines[i + 1]))


def _year_first(line: str) -> bool:
    """The line's first word is a year ('2024   Audited   Unaudited' under stacked dates)."""
    words = line.split()
    return bool(words) and bool(_YEAR.match(words[0]))


_HYPHENS = frozenset({"-", "\u2013", "\u2014", "--"})


def is_figure(text: str) -> bool:
    """One printed figure: '3,796,971', '(1,360,322)', '12.5%', '(15%)', '$4,770', '-'."""
    return bool(_NUMBER.match(text.lstrip("$€£")))


FIGURE_EXAMPLES = (  # (a token, whether it is one printed figure)
    ("3,796,971", True), ("(1,360,322)", True), ("12.5%", True), ("(15%)", True), ("(2.5)%", True), ("$4,770", True),
    ("-", True), ("(see", False), ("5)", False), ("(15%", False),
)


@remembered()
def _is_value_line(line: str) -> bool:
    toks = _tokens(line)
    # (a dash between two words is a hyphen, no nil figure: 'CONSOLIDATED STATEMENTS OF EARNINGS - UNAUDITED')
    nums = [t for k, t in enumerate(toks[1:], 1) if _NUMBER.match(t.text.lstrip("$€£")) and not _YEAR.match(t.text)
            and not _SPAN_AFTER.match(line, t.end)
            and not (t.text in _HYPHENS and k + 1 < len(toks) and toks[k + 1].text[:1].isalpha())]
    return bool(nums) and not _RULE.match(line)


def _values_beyond(line: str, boundary: int) -> bool:
    """A value line whose numbers reach the value columns ('As at December 31 ($' has its 31 in the label
    column: a caption)."""
    return _is_value_line(line) and any(
        t.end > boundary - 1 and _NUMBER.match(t.text.lstrip("$€£")) for t in _tokens(line)[1:])


def _boundary(lines: list[str]) -> int:
    """Where values start: the smallest start of a line's first number after its label, over the value lines."""
    starts = []
    for ln in lines:
        if not _is_value_line(ln):
            continue
        for t in _tokens(ln)[1:]:
            if _NUMBER.match(t.text.lstrip("$€£")) and not _YEAR.match(t.text):
                starts.append(t.start)
                break
    starts.sort()
    return starts[len(starts) // 4] if starts else 0


def _is_header_line(line: str, boundary: int) -> bool:
    """Words over the value columns that name a period; or words over them beside a span in the label column
    ('Six months to 30 June   £m   £m', under 'Revenue  2025  2024': XP Power), the span of every column."""
    if not line.strip() or _RULE.match(line) or _is_value_line(line):
        return False
    groups = [m for m in _GROUP.finditer(line) if m.end() > boundary - 2]
    stub = " ".join(m.group(0) for m in _GROUP.finditer(line) if m.end() <= boundary - 2)
    return bool(groups) and (any(_PERIOD_WORD.search(m.group(0)) for m in groups) or bool(_SPAN_HEADING.search(stub)))


def _underlined_short(header: list[str]) -> bool:
    """The header's first line is underlined by a rule that stops short of the headings below it: a heading over
    some columns ('Year Ended December 28, 2024' over 'As Reported | Impact from Foreign Currency | Constant
    Currency', beside 'Year Ended December 30, 2023': Hanesbrands), not the date of the whole statement."""
    if len(header) < 3 or not _RULE.match(header[1]):
        return False
    run = next(_RUN.finditer(header[0]), None)
    under = [m for m in _SEGMENT.finditer(header[1]) if run and m.start() < run.end() and run.start() < m.end()]
    below = max((m.end() for ln in header[2:] if not _RULE.match(ln) for m in _GROUP.finditer(ln)), default=0)
    return len(under) == 1 and under[0].end() + 2 < below


def _label_goes_on(row: str, line: str) -> bool:
    """The line of words under a row ends the row's label, wrapped after its figures: the label breaks off after a
    joining word and the line starts in lower case ('Diluted (loss)/earnings per' over 'share', XP Power)."""
    label = next(_GROUP.finditer(row), None)
    text = line.strip()
    return bool(label and text[:1].islower() and _WRAPS_ON.search(label.group(0))) and not _is_value_line(line)


def _opens_header(lines: list[str], i: int, boundary: int) -> bool:
    """Line i starts a table's header: a line of headings, or headings whose dates wrap after their days ('Six
    months ended 30' over 'June 2025'). (A line of days alone, '30   31 March', opens none: it is read within a
    header that a line of headings opened.)"""
    if _is_header_line(lines[i], boundary):
        return True
    days = [t for t in _tokens(lines[i]) if _DAY.match(t.text)]
    return bool(days) and all(_date_wraps_after(lines, i, t) for t in days) and _day_line(lines, i, boundary)


def _dates_the_statement(line: str) -> bool:
    """One run of words that dates a whole statement ('For the year and three month periods ending December 31,
    2024', 'As of December 31, 2024'), centred over its columns: a caption, when the lines below name the columns'
    own periods."""
    line = line.replace("\xa0", " ")
    return len(_RUN.findall(line)) == 1 and bool(FULL_DATE_RE.search(line)) and bool(
        _SPAN_HEADING.search(line))


def _caption_within_header(lines: list[str], i: int, boundary: int) -> bool:
    """A line of words in the label column only ('($ thousands except') with more header lines below it, before any
    value line: part of a stacked header, not the end of it."""
    line = lines[i]
    if not line.strip() or _RULE.match(line) or _values_beyond(line, boundary):
        return False
    # one run of words from the label column across the columns: 'Three and Twelve Months Ended December
    # 31,\xa02024 and 2023' (the no-break space keeps it one run)
    words = list(_RUN.finditer(line))
    spanning = len(words) == 1 and words[0].start() < boundary // 2 and bool(_SPAN_HEADING.search(line))
    # a centred title line that dates the whole statement ('As of December 31, 2024' over 'December 31' / '2024
    # 2023'), starting left of the figures: the caption, not the first column's heading
    spanning = spanning or (words[0].start() < boundary - 2 and _dates_the_statement(line) if words else False)
    # a caption that states the scale, wrapped at the margin and wider than the narrowest label column of the block
    # ('(In millions, except per share' / 'amounts)   2024   2023'): still the caption
    spanning = spanning or (len(words) == 1 and words[0].start() <= 1 and scale_of(line) is not None)
    if not spanning and (_is_header_line(line, boundary)
                         or any(m.end() > boundary - 2 for m in _GROUP.finditer(line))):
        return False
    for nxt in lines[i + 1:i + 6]:
        if _values_beyond(nxt, boundary):
            return False
        if _is_header_line(nxt, boundary):
            return True
    return False


def _with_caption_dates(header: list[str], captions: list[str]) -> list[str]:
    """Header lines, with the caption's period words put in front when the header dates its columns by years only:
    'As at December 31 ($ thousands ...)' or 'For the periods / ended December 31 ($' beside '2024  2023'."""
    text = " ".join(captions)
    dated = any(rx.search(" ".join(h.split())) for h in header for rx in (MONTH_DAY_RE, FULL_DATE_RE, DAY_FIRST_RE))
    if dated or not MONTH_DAY_RE.search(text) or not _SPAN_HEADING.search(text):
        return header
    # the caption's own year is the first column's: the years below date each column ('As of December 31, 2024'
    # over '2024  2023' is December 31 of each)
    return [_CAPTION_YEAR.sub(r"\1", text)] + header


_AUDIT = re.compile(r"\(?\s*(?:un)?audited\s*\)?", re.I)
_CAPTION_YEAR = re.compile(r"(\b\d{1,2}),?\s+(?:19|20)\d\d\b")


def split(lines: list[str]) -> list[tuple[list[str], list[str], list[str]]]:
    """(title lines, header lines, body lines) of each table in a block: a table starts at a run of header lines
    (period words over the value columns) and holds the lines down to the next table's title or header."""
    boundary = _boundary(lines)
    tables: list[tuple[list[str], list[str], list[str]]] = []
    lead: list[str] = []  # value lines before the block's first header line
    i, n = 0, len(lines)
    title: list[str] = []
    while i < n:
        if _opens_header(lines, i, boundary):
            header, spans = [], []
            while i < n:
                day = _day_line(lines, i, boundary)
                if _values_beyond(lines[i], boundary) and not day:
                    break
                caption = _caption_within_header(lines, i, boundary)
                if not (caption or _is_header_line(lines[i], boundary) or _RULE.match(lines[i]) or not lines[i].strip()
                        or day or _year_first(lines[i])):
                    break
                if caption:
                    title.append(lines[i].strip())  # '($ thousands except' under 'Three Months': the caption
                    spans.append(lines[i].strip())
                elif lines[i].strip():
                    header.append(lines[i])
                    # words in the label column, not a column's heading that reaches left of its figures
                    label_part = " ".join(m.group(0) for m in _GROUP.finditer(lines[i])
                                          if m.end() <= boundary - 2 and m.start() + m.end() < 1.5 * boundary)
                    if label_part and not _RULE.match(lines[i]):
                        title.append(label_part)  # 'thousands)' beside the years: the caption's last words
                i += 1
            if len(header) >= 2 and _dates_the_statement(header[0]) and _MONTH.search(" ".join(header[1:])) and (
                    not _underlined_short(header)):
                title.append(header.pop(0).strip())  # the statement's date over headings that date their columns
            header = _with_caption_dates(header, title[-4:] if not spans else spans)
            # under the years, '(Audited)' and the unit over the figures ('Thousands of Dollars'), between rules:
            # the unit is the table's caption, where its scale is read
            while i < n and not _is_value_line(lines[i]):
                text = lines[i].strip()
                if text and not _RULE.match(lines[i]) and not _AUDIT.fullmatch(text):
                    if not (scale_of(text) and len(text.split()) <= 6 and len(_RUN.findall(text)) == 1):
                        break
                    title.append(text)
                i += 1
            body: list[str] = []
            while i < n and not _opens_header(lines, i, boundary):
                body.append(lines[i])
                i += 1
            # the text after the last value line is the next table's title
            last = max((k for k, ln in enumerate(body) if _is_value_line(ln)), default=-1)
            if 0 <= last < len(body) - 1 and _label_goes_on(body[last], body[last + 1]):
                last += 1  # 'Diluted (loss)/earnings per  7  0.4 ...' over 'share': the last row's label ends there
            nxt = [ln.strip() for ln in body[last + 1:] if ln.strip() and not _RULE.match(ln)]
            body = body[:last + 1]
            if last >= 1:
                tables.append((title, header, body))
            title = nxt
            continue
        if lines[i].strip() and not _RULE.match(lines[i]):
            if _values_beyond(lines[i], boundary):
                title = []
                if not tables and not lead and not any(ln.strip() and not _RULE.match(ln) for ln in lines[:i]):
                    lead = _leading_rows(lines, i, boundary)  # (only rows the block opens with)
            else:
                title.append(lines[i].strip())
        i += 1
    # (a block with no header line at all is no table of this kind: its lines are read as text)
    return ([([], [], lead)] if lead and tables else []) + tables


_SENTENCE = re.compile(r"[a-z]{2}\.(?:\s|$)")


def _leading_rows(lines: list[str], start: int, boundary: int) -> list[str]:
    """The rows a block opens with before any header line (the rest of a table whose header stands above the
    block, in the release's text): up to the first header line, when two or more of them print figures."""
    body = list(itertools.takewhile(lambda ln: not _is_header_line(ln, boundary), lines[start:]))
    if any(len(ln.split()) > 15 or _SENTENCE.search(ln) for ln in body):
        return []  # running text between two blocks whose fences paired the wrong way: no rows
    last = max((k for k, ln in enumerate(body) if _is_value_line(ln)), default=-1)
    return body[:last + 1] if sum(1 for ln in body if _is_value_line(ln)) >= 2 else []


def _columns(body: list[str]) -> list[tuple[int, int]]:
    """Value columns from the right ends of the numbers (right-aligned in such tables): ends within two
    characters of each other are one column; a column needs numbers on at least two lines."""
    boundary = _boundary(body)
    ends: list[tuple[int, int, int, bool]] = []  # (end, start, line, has digits)
    for k, ln in enumerate(body):
        if not _is_value_line(ln):
            continue
        toks = _tokens(ln)
        for j, t in enumerate(toks):
            text = t.text.lstrip("$€£")
            if j == 0 or t.start < boundary - 1 or not _NUMBER.match(text) or _POINTS.match(text):
                continue  # (a change in points is aligned as it comes: it takes the column it stands under)
            end = t.end
            if j + 1 < len(toks) and toks[j + 1].text == "%" and toks[j + 1].start <= t.end + 1:
                end = toks[j + 1].end
            if text.endswith(")") or text.endswith("%"):
                end -= 1
            ends.append((end, t.start, k, any(ch.isdigit() for ch in text) and not FOOTNOTE_MARK.fullmatch(text)))
    ends.sort()
    clusters: list[list[tuple[int, int, int, bool]]] = []
    for e in ends:
        if clusters and e[0] - clusters[-1][-1][0] <= 2:
            clusters[-1].append(e)
        else:
            clusters.append([e])
    cols = []
    for c in clusters:
        # a column of dashes only is the hyphen of wrapped labels ('Funds from Operations -' / 'OP Common'); one
        # of '(1)' only, the footnote markers after labels ('SCS revenue  (1)     1,007')
        if len({k for _, _, k, digits in c if digits}) >= 2:
            cols.append((min(s for _, s, _, _ in c), max(e for e, _, _, _ in c) + 2))
    return cols


def _column_of(tok: _Tok, cols: list[tuple[int, int]]) -> int | None:
    """The column whose span holds the token's right end, else the nearest span within two characters."""
    for i, (s, e) in enumerate(cols):
        if s <= tok.end - 1 < e:
            return i
    best, gap = None, 3
    for i, (s, e) in enumerate(cols):
        d = max(s - tok.end, tok.start - e, 0)
        if d < gap:
            best, gap = i, d
    return best


@remembered()
def _tokens(line: str) -> tuple[_Tok, ...]:
    return tuple(_Tok(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(line))


def _values(line: str, cols: list[tuple[int, int]]) -> dict[int, str] | None:
    """The value token of each column on the line ({} for a line of words only, None for a rule line)."""
    if _RULE.match(line):
        return None
    first = cols[0][0] if cols else 0
    out: dict[int, str] = {}
    toks = _tokens(line)
    for i, t in enumerate(toks):
        text = t.text.lstrip("$€£")
        if not text or not _NUMBER.match(text) or t.end <= first or (i == 0 and t.start < first - 1):
            continue
        col = _column_of(t, cols)
        if col is None or col in out:
            continue
        nxt = toks[i + 1].text if i + 1 < len(toks) else ""
        # a currency's code standing just before the figure is its currency ('US$ 225.7m')
        mark = toks[i - 1].text if i and t.start - toks[i - 1].end <= 2 and currency_code(toks[i - 1].text) else ""
        mark = "" if mark in ("$", "€", "£") else mark  # the release's own sign, as when glued to the figure
        out[col] = mark + text + ("%" if nxt == "%" and not text.endswith("%") else "")
    return out


def _marks(line: str, cols: list[tuple[int, int]]) -> dict[int, str]:
    """The currency codes a line of no figures prints over value columns ('Ps.      Ps.' above a row's figures
    when its label wraps: the signs of the figures on the next line), by column."""
    first = cols[0][0] if cols else len(line)
    out: dict[int, str] = {}
    for t in _tokens(line):
        if t.end > first and currency_code(t.text) and t.text not in ("$", "€", "£"):
            col = _column_of(t, cols)
            if col is None:  # a sign left of its figure's column: the nearest column starting after it
                col = next((k for k, (s, _) in enumerate(cols) if s >= t.start), None)
            if col is not None:
                out[col] = t.text
    return out


_NOTE_REF = re.compile(r"^\d{1,2}(?:\.\d{1,2})?[a-z]?,?$")


def _wide_label(words: list[_Tok], first: int, toks: list[_Tok]) -> int:
    """How many of the line's first words make a label printed wider than the label column ('Diluted weighted
    average number of shares (in' over Danaos's per-segment columns, its figures on the next line): on a line with
    no figure past the first value column's left edge, the run of words with single blanks from the line's first
    word, which starts in the label column; 0 otherwise."""
    if not words or words[0].start >= first or any(_NUMBER.match(t.text.lstrip("$€£")) and t.end > first
                                                    for t in toks):
        return 0
    n = 1
    while n < len(words) and words[n].start - words[n - 1].end <= 1:
        n += 1
    return n


def _label_of(line: str, cols: list[tuple[int, int]]) -> tuple[int, str]:
    first = cols[0][0] if cols else len(line)
    words = [t for t in _tokens(line) if t.start < first - 1 or not _NUMBER.match(t.text.lstrip("$€£"))]
    # a sign before the figures is no word of the label; a '%' that opens the line is ('R&D Expense' / ' %'), and
    # one between words ('Gross profit, as a % of net sales')
    toks = _tokens(line)
    wide = _wide_label(words, first, toks)
    words = [t for k, t in enumerate(words) if t.end <= first + 1 or k < wide]
    if len(words) > 1 and currency_code(words[-1].text) and any(
            t.start > words[-1].end and t.start - words[-1].end <= 2 and _NUMBER.match(t.text) for t in toks):
        words = words[:-1]  # 'Net Operating Income (incl. SLR)   Ps. 573.9m': the figure's currency
    words = [t for k, t in enumerate(words) if t.text not in {"$", "€", "£", "%"} or (t.text == "%" and (
        k == 0 or (k + 1 < len(words) and words[k + 1].text[:1].isalpha())))]
    # note references standing apart after the label ('Intangible assets      7      3,796,971', 'Bonds    6, 12')
    # are no words of it
    k = len(words)
    while k > 1 and _NOTE_REF.match(words[k - 1].text):
        k -= 1
    if k < len(words) and words[k].start - words[k - 1].end >= 3:
        words = words[:k]
    text = " ".join(t.text for t in words)
    indent = len(line) - len(line.lstrip())
    return indent, text


def _header(header_lines: list[str], cols: list[tuple[int, int]], centred: bool = False) -> list[str]:
    """One heading per column: each header word group belongs to the columns it stands over; a group over a
    rule segment spans that segment's width (a heading over two columns)."""
    parts: list[list[str]] = [[] for _ in cols]
    spread: list[set[int]] = [set() for _ in cols]  # the parts each column has from a heading over several
    # a span heading in the label column heads every column, in front of their own words whatever line it stands on
    # ('Revenue | 2025 | 2024' over 'Six months to 30 June | £m | £m': 'Six months to 30 June 2025 £m', XP Power)
    stub: list[str] = []
    for k, line in enumerate(header_lines):
        if _RULE.match(line):
            continue
        below = next((header_lines[j] for j in range(k + 1, len(header_lines)) if _RULE.match(header_lines[j])), "")
        spans = [(m.start(), m.end()) for m in _SEGMENT.finditer(below)]
        groups = list(_GROUP.finditer(line))
        # rule segments fewer than the columns measure out the headings above them; one per column say nothing
        pairs = _over_equal_runs(groups, cols) if len(spans) == 0 or len(spans) >= len(cols) else None
        pairs = pairs or _one_over_each(groups, cols) or (_by_regions(groups, cols) if centred else None)
        if pairs:
            for m, hit in zip(groups, pairs, strict=True):
                for i in hit:
                    parts[i].append(m.group(0))
                    if len(hit) > 1:
                        spread[i].add(len(parts[i]) - 1)
            continue
        for g, m in enumerate(groups):
            s, e = m.start(), m.end()
            over = [(a, b) for a, b in spans if a < e and s < b]
            if over:
                s, e = min(s, over[0][0]), max(e, over[-1][1])
            elif _SPAN_HEADING.search(m.group(0)) and not re.search(r"(?:19|20)\d\d", m.group(0)):
                # "Quarters Ended March 31," over the years of several columns: it covers the columns from the
                # first it reaches to the next heading of its line
                nxt = groups[g + 1].start() if g + 1 < len(groups) else 10**6
                s, e = min(s, max((a for a, b in cols if a <= s < b), default=s)), max(e, nxt - 1)
            hit = [i for i, (a, b) in enumerate(cols) if a < e and s < b]
            if cols and m.end() <= cols[0][0] and _SPAN_HEADING.search(m.group(0)):
                stub.append(m.group(0))  # "Quarters Ended March 31," in the label column: every column's
                continue
            if not hit:  # a short heading between columns: the nearest column to its right end
                near = min(range(len(cols)), key=lambda i: abs(cols[i][1] - e)) if cols else None
                hit = [near] if near is not None and abs(cols[near][1] - e) <= 3 else []
            for i in hit:
                parts[i].append(m.group(0))
                if len(hit) > 1:
                    spread[i].add(len(parts[i]) - 1)
    # 'Three Months' over 'December 31, 2024 | December 31, 2023 | Change $': a change column compares the
    # periods of its group; it is no period of that span
    out = []
    for i, p in enumerate(parts):
        compares = any(_CHANGE.search(x) for x in p)
        out.append(" ".join([*([] if compares else stub), *(w for j, w in enumerate(p) if not (j in spread[i]
                                                                                              and compares))]))
    return out


def _one_over_each(groups: list[re.Match[str]], cols: list[tuple[int, int]]) -> list[list[int]] | None:
    """As many headings as columns, each standing over its own column ('As at    As at    As at' over three dates):
    one each, even where a heading could name a span ('as at', 'months ended'). None when the line is not so laid
    out."""
    if len(groups) < 2 or len(groups) != len(cols):
        return None
    for grp, (a, b) in zip(groups, cols, strict=True):
        if not (grp.start() < b + 2 and a - 2 < grp.end()):
            return None
    return [[i] for i in range(len(cols))]


def _by_regions(groups: list[re.Match[str]], cols: list[tuple[int, int]]) -> list[list[int]] | None:
    """Headings centred over their own columns, in several words ('Six months    ended' over '(1.8)', beside the
    same over '2.2'): each group belongs to the column whose region (out to halfway to the next column) holds its
    centre, when every column's region holds one. A line that leaves a column without a heading may hold headings
    over several columns ('Three Months Ended' over two years): None, and the spans decide. Groups in the label
    column are no heading of a column."""
    if len(cols) < 2:
        return None
    cuts = [(cols[i][1] + cols[i + 1][0]) / 2 for i in range(len(cols) - 1)]
    hits: list[list[int]] = []
    for m in groups:
        if m.end() < cols[0][0] - 2:
            if _SPAN_HEADING.search(m.group(0)):
                return None  # 'Quarters Ended March 31,' in the label column heads every column
            hits.append([])
            continue
        centre = (m.start() + m.end()) / 2
        hits.append([bisect.bisect(cuts, centre)])
    if {h[0] for h in hits if h} != set(range(len(cols))):
        return None
    return hits


def _over_equal_runs(groups: list[re.Match[str]], cols: list[tuple[int, int]]) -> list[list[int]] | None:
    """Headings centred over equal runs of columns with no rule to show it ('4Q' and '12 Months' over '2024  2023
    2024  2023'): k headings over k*m columns, each centred within its run. None when the line is not so laid out."""
    k = len(groups)
    if k < 2 or not cols or len(cols) % k or len(cols) // k < 2 or groups[0].start() < cols[0][0] - 4:
        return None
    m = len(cols) // k
    runs = [list(range(g * m, (g + 1) * m)) for g in range(k)]
    for grp, run in zip(groups, runs, strict=True):
        centre = (grp.start() + grp.end()) / 2
        if not cols[run[0]][0] - 2 <= centre <= cols[run[-1]][1] + 2 or grp.start() > cols[run[-1]][1] or (
                grp.end() < cols[run[0]][0]):
            return None
    return runs


def _rows(lines: list[str], cols: list[tuple[int, int]], skip: frozenset[int] = frozenset(), *,
          wraps_by_indent: bool = True) -> list[RawRow]:
    """The rows under the header; the figures of the columns in `skip` (changes) are left out."""
    rows: list[RawRow] = []
    pending: list[tuple[int, str]] = []  # label lines with no values yet: (indent, text)
    section = outer = ""  # the heading over the rows, and the one it stands under
    parts: list[tuple[int, str]] = []  # the section's lines: (indent, text)
    sibling: int | None = None  # the indent at which this section's row labels start
    after_row, row_indent = False, 0  # the line before was a row's, and the indent its label starts at
    marks: dict[int, str] = {}  # the currency signs a line printed over the next line's figures
    # a rule under every row ('Net / Operating / Income / (inc. SLR)  4,131.3m' between two rules): the lines
    # between two rules are one row, its label wrapped over them
    values_lines = sum(1 for ln in lines if _is_value_line(ln))
    ruled = values_lines >= 3 and sum(1 for ln in lines if _RULE.match(ln)) >= values_lines - 1
    for line in lines:
        if not line.strip():
            after_row = False
            if pending:
                parts = sub_heading_parts(pending, parts)
                outer, section = section, " ".join(t for _, t in parts)
                pending = []
            continue
        vals = _values(line, cols)
        if vals is not None and skip:
            vals = {i: v for i, v in vals.items() if i not in skip}
        if vals is None:  # a rule: under a heading it underlines it; under a column, a total follows
            after_row = False
            if pending:
                parts = sub_heading_parts(pending, parts)
                outer, section, pending, sibling = section, " ".join(t for _, t in parts), [], None
            continue
        indent, text = _label_of(line, cols)
        if not vals:
            marks = _marks(line, cols)
            if text and not pending and after_row and (indent > row_indent or text[:1].islower()) and (
                    _WRAPS_ON.search(rows[-1].label)):
                # the rest of a label wrapped around its figures ('... credit losses of $12,108 as of' / figures /
                # 'June 30, 2024 and $13,828 as of June 30, 2023')
                rows[-1] = RawRow(f"{rows[-1].label} {text}", rows[-1].values, rows[-1].section)
            elif text:
                pending.append((indent, text))
            after_row = False
            continue
        vals = {i: marks[i] + v if i in marks and (v[:1].isdigit() or v[:1] == "(") else v for i, v in vals.items()}
        marks = {}
        label_parts = [text] if text else []
        first_indent = indent
        while pending:
            p_indent, p_text = pending[-1]
            head = label_parts[0] if label_parts else ""
            joins = not p_text.endswith(":") and bool(
                ruled or not head or head[:1].islower() or _JOINING.search(p_text)
                or (head[:1] == "(" and (wraps_by_indent or head[1:2].islower()))
                or (wraps_by_indent and sibling is not None and p_indent >= sibling and first_indent >= p_indent))
            if not joins:
                break
            label_parts.insert(0, p_text)
            first_indent = p_indent
            pending.pop()
        if pending:
            parts = sub_heading_parts(pending, parts)
            outer, section = section, " ".join(t for _, t in parts)
            pending = []
            sibling = None
        if label_parts:
            sibling = first_indent if sibling is None else min(sibling, first_indent)
        values = tuple(vals.get(i, "") for i in range(len(cols)) if i not in skip)
        if len(label_parts) == 1 and _BULLET.match(label_parts[0]):
            label_parts = [_BULLET.sub("", label_parts[0])]  # '- Income tax expense' under 'Adjustments for:'
        label = re.sub(r"\s+", " ", " ".join(label_parts)).strip(" :")
        if not label and section and rows and rows[-1].section == section and rows[-1].label and section != outer:
            # the figures under 'Inventories' and its parts: their total, and the heading's rows end there
            label, section = section.strip(" :"), outer
        rows.append(RawRow(label, values, section))
        after_row, row_indent = True, first_indent
    return rows


SUB_HEADING_EXAMPLES = (  # (the section's lines, the next heading's lines, the next section: lines are (indent, text))
    (((0, "Earnings per"), (0, "share"), (1, "Basic:")), ((1, "Diluted:"),), "Earnings per share Diluted:"),
    (((0, "Net income per share:"), (2, "Basic:")), ((2, "Diluted:"),), "Net income per share: Diluted:"),
    # a wrapped heading's last line is no sub-heading, and a heading at the margin has no parent
    (((0, "Adjustments to reconcile income to net"), (2, "cash provided by operating activities:")),
     ((2, "Changes in assets and liabilities:"),), "Changes in assets and liabilities:"),
    (((0, "Revenues:"),), ((0, "Costs and expenses:"),), "Costs and expenses:"),
    (((0, "Assets"), (1, "Current assets")), ((1, "Non-current assets"),), "Non-current assets"),
)


def sub_heading_parts(new: list[tuple[int, str]], previous: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A sub-heading that is its predecessor's sibling keeps their parent: 'Diluted:' at the indent of 'Basic:' under
    'Earnings per share' is 'Earnings per share Diluted:' (alone it read as a heading of amounts, and the figures
    per share were scaled by a million). Headings (indent, text); only sub-headings that end with a colon count."""
    if not previous or not new or not all(t.endswith(":") and t[:1].isupper() for t in (new[0][1], previous[-1][1])):
        return new  # 'cash provided by operating activities:' ends a wrapped heading, no sub-heading
    indent = new[0][0]
    if previous[-1][0] != indent or indent == 0:
        return new
    parent = []
    for part in previous:
        if part[0] >= indent:
            break
        parent.append(part)
    return parent + new if parent and len(parent) < len(previous) else new


# a label broken off mid-phrase: its rest may follow its figures' line
_WRAPS_ON = re.compile(r"(?:\b(?:and|of|to|for|in|on|from|the|per|by|with|at)|[,&/(])$", re.I)
_BULLET = re.compile(r"^[-\u2013\u2022*]\s+(?=\S)")


# a page's running foot or head: 'Page 2 of 8', '- 14 -', '14'
_PAGE_MARK = re.compile(r"^\s*(?:page\s+\d{1,3}(?:\s+of\s+\d{1,3})?|[-\u2013]?\s*\d{1,3}\s*[-\u2013]?)\s*$", re.I)


def without_page_marks(lines: list[str]) -> list[str]:
    """A page's lines without its page number: the first and the last lines of words, when they are only that."""
    lines = list(lines)
    for end in (-1, 0):
        filled = [k for k, ln in enumerate(lines) if ln.strip()]
        if filled and _PAGE_MARK.match(lines[filled[end]]):
            del lines[filled[end]]
    return lines


def carried_header(previous: list[str], lines: list[str]) -> list[str]:
    """A statement whose title and column headings end one page and whose rows begin the next: the previous page's
    last lines, from its last line that starts in the label column (the title) down, when this page reaches its
    first value line before any header line of its own and those lines hold a header line. [] otherwise."""
    boundary = _boundary(lines)
    first = next((k for k, ln in enumerate(lines) if _values_beyond(ln, boundary)), None)
    if first is None or any(_is_header_line(ln, boundary) for ln in lines[:first]):
        return []
    tail: list[str] = []
    for ln in reversed(previous):
        if len(tail) > 12:
            return []
        tail.insert(0, ln)
        starts = [m.start() for m in _GROUP.finditer(ln)]
        if starts and starts[0] < boundary // 2:
            break  # the title
    else:
        return []
    heads = [k for k in range(1, len(tail)) if _is_header_line(tail[k], boundary)]
    if not heads or any(_values_beyond(ln, boundary) and not _day_line(tail, k, boundary)
                        for k, ln in enumerate(tail)):
        return []
    return tail


__all__ = ["carried_header", "is_figure", "parse_all", "split", "without_page_marks"]
