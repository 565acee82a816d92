"""Release files -> LoadedDocument (text blocks and raw tables with their positions).

.txt (newswire copies, tab tables), .md (pipe tables, inline HTML tables, flattened scrapes), .html/.htm (SEC
Exhibit 99.1, with or without the EDGAR SGML wrapper), .pdf (pdfplumber text, reading order kept).
"""

from __future__ import annotations

import bisect
import codecs
import io
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from index import bounds, fixed_width, pdf_text
from index.blocks import LoadedDocument, PageWords, RawRow, RawTable, TextBlock
from index.errors import (
    BinaryFileError,
    BrokenHtmlError,
    BrokenPdfError,
    EmptyFileError,
    EncodingError,
    NoContentError,
    UnsupportedFormatError,
)
from index.headings import closed_sections, segment_heading, with_subjects
from index.numbers import scale_of
from index.text_tables import find_tables, is_header_text, split_segments
from lexicon.calendar import MONTH, month_number

SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf"}


def load(path: Path) -> LoadedDocument:
    """Read one release; raises an IngestError subclass naming the file and the reason."""
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise UnsupportedFormatError(path)
    bounds.check_file_size(path, path.stat().st_size)
    data = path.read_bytes()
    bounds.check_file_size(path, len(data))
    if not data.strip():
        raise EmptyFileError(path)
    if fmt == "pdf":
        doc = _load_pdf(path, data)
    else:
        bounds.check_text_size(path, len(data))
        text, encoding = decode_text(path, data)
        if fmt != "html":  # an HTML exhibit may be one long line; its size is bounded by the file's
            bounds.check_lines(path, text)
        doc = _load_html(path, text) if fmt == "html" else _load_text(text, fmt)
        doc.encoding = encoding
    if not doc.tables and not any(b.text.strip() for b in doc.blocks):
        raise NoContentError(path)
    for i, t in enumerate(doc.tables):
        bounds.check_table(path, len(t.rows) * (1 + max((len(r.values) for r in t.rows), default=0)), t.where)
        doc.tables[i] = replace(t, position=i + 1, rows=with_subjects(closed_sections(t.rows)))
    return doc


# byte-order marks, longest first (UTF-32's starts with UTF-16's)
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode_text(path: Path, data: bytes) -> tuple[str, str]:
    """The text of a release and the encoding it was read in: a byte-order mark's (UTF-8, UTF-16, UTF-32), else
    UTF-8 if it decodes, else the single-byte encoding charset-normalizer finds (latin-1, Windows-1252, ...)."""
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    text: str | None = None
    if encoding is None:
        if b"\x00" in data[:8192] or data[:4] == b"%PDF":
            raise BinaryFileError(path)
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as e:
            encoding = _detected_encoding(data)
            if encoding is None:
                raise EncodingError(path, f"not UTF-8 (byte {e.start}), and no single-byte encoding fits") from e
    if text is None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as e:
            raise EncodingError(path, f"invalid {encoding} at byte {e.start}") from e
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > 20 or "\x00" in text:
        raise BinaryFileError(path)
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding.removesuffix("-sig")


def _detected_encoding(data: bytes) -> str | None:
    """The single-byte encoding of bytes that are not UTF-8. charset-normalizer tells the script; a Latin-script
    text is read as Windows-1252 (the superset of latin-1 that Western releases are written in), because on a
    short text its guess among Latin code pages is close to random ('€5.2 million' came out as mac_iceland);
    another script (Cyrillic, Greek, ...) in the code page it finds. None when nothing fits."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    try:
        if codecs.lookup(best.encoding).name in _MULTI_BYTE:
            return None
    except LookupError:
        return None
    if all(a.startswith(_LATIN_RANGES) for a in best.alphabets):
        try:
            data.decode("cp1252")
            return "cp1252"
        except UnicodeDecodeError:
            pass
    return best.encoding


# Unicode ranges of Latin-script text (charset-normalizer's names)
_LATIN_RANGES = ("Basic Latin", "Latin", "Control character", "General Punctuation", "Currency Symbols",
                 "Spacing Modifier Letters", "Letterlike Symbols")
_MULTI_BYTE = {"utf-8", "utf-16", "utf-32", "big5", "gb2312", "gbk", "gb18030", "shift_jis", "euc_jp", "euc_kr",
               "cp932", "cp949", "cp950", "iso2022_jp", "hz", "utf-7"}


# ---------------------------------------------------------------- text and Markdown

_FENCE = re.compile(r"^\s*```")
# a separator line; a converter may shorten the dashes of empty columns to one ('| ------ | --- | - | - |'), but a
# row of single dashes ('| - | - |') is a row of nils
_PIPE_SEP = re.compile(r"^(?=.*---)\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
_HTML_TABLE = re.compile(r"<table\b.*?</table>", re.I | re.S)


def _load_text(text: str, fmt: str) -> LoadedDocument:
    doc = LoadedDocument(format=fmt, text=text)
    if fmt == "md":
        text = _strip_front_matter(text)
    lines = text.split("\n")
    segments: list[tuple[str, list[str] | list[list[str]], int]] = []  # ("text"|"cells", payload, line)
    buf: list[str] = []
    buf_start = 0
    i = 0
    # inline HTML tables of a Markdown file, by the line they start on: (last line, html)
    html_by_line = {text.count("\n", 0, m.start()): (text.count("\n", 0, m.end()), m.group(0))
                    for m in _HTML_TABLE.finditer(text)} if fmt == "md" else {}
    while i < len(lines):
        line = lines[i]
        if i in html_by_line:
            last, html = html_by_line[i]
            if buf:
                segments.append(("text", buf, buf_start))
                buf = []
            segments.append(("cells", _html_table_rows(html), i))
            i = last + 1
            continue
        if fmt == "md" and _FENCE.match(line):
            end = next((j for j in range(i + 1, len(lines)) if _FENCE.match(lines[j])), None)
            block = lines[i + 1:end] if end is not None else []
            found = fixed_width.parse_all(block, f"line {i + 2}") if block else []
            if all(t.header == (fixed_width.CONTINUED,) for t in found):
                found = []  # rows with no header line in the block at all: read as text
            if found and end is not None:
                first = next((k for k, t in enumerate(found) if t.header != (fixed_width.CONTINUED,)), None)
                if first is not None:  # (the rows before the block's first header go on a table above it)
                    found[first] = _with_caption_above(found[first], buf)
                if buf:
                    segments.append(("text", buf, buf_start))
                    buf = []
                segments.extend(("table", t, i + 1) for t in found)
                i = end + 1
                continue
        if fmt == "md" and (glued := _table_glued_to_text(lines, i)) is not None:
            # 'The reconciliation ... is as follows:|    | € million | ...' over a separator line: the text, then
            # the table's first row on its own
            if not buf:
                buf_start = i
            buf.append(_strip_md(line[:glued]))
            lines[i] = line[glued:]
            continue
        if fmt == "md" and line.lstrip().startswith("|") and line.count("|") >= 2:
            j = i
            while j < len(lines) and lines[j].lstrip().startswith("|"):
                j += 1
            for at, rows in pipe_tables(lines[i:j]):
                if is_caption(rows):  # '| 1 | Consolidated income statement |': the next table's title
                    if not buf:
                        buf_start = i + at
                    buf.extend(" ".join(c for c in r if c) for r in rows)
                    continue
                if buf:
                    segments.append(("text", buf, buf_start))
                    buf = []
                segments.append(("cells", rows, i + at))
            i = j
            continue
        if not buf:
            buf_start = i
        buf.append(_strip_md(line) if fmt == "md" else line)
        i += 1
    if buf:
        segments.append(("text", buf, buf_start))
    headings = [(n, len(ln) - len(ln.lstrip("#")), ln.lstrip("#").strip()) for n, ln in enumerate(lines)
                if re.match(r"#{1,3}\s+\S", ln)]
    _collect(doc, segments, headings if fmt == "md" else None)
    return doc


def _table_glued_to_text(lines: list[str], i: int) -> int | None:
    """Where a pipe table's first row starts on a line of text that runs into it (a converter that left out the
    line break before the table), told by the separator line right below; None when the line is no such line."""
    line = lines[i]
    at = line.find("|")
    if at <= 0 or line.lstrip().startswith("|") or line[at:].count("|") < 3 or i + 1 >= len(lines) or not (
            _PIPE_SEP.match(lines[i + 1])) or not line[:at].strip():
        return None
    return at


def pipe_tables(lines: list[str]) -> list[tuple[int, list[list[str]]]]:
    """The tables of a run of pipe lines, as (first line's offset, rows of cells). Tables written one after another
    with no blank line between them (a PDF converted page by page with pandas) are told apart by their own
    separator lines under a blank header row (what pandas writes for unnamed columns): such a separator after the
    second line closes the table above and makes the blank line before it the next table's header row. A
    separator under a row of words (Wayfair's '| | 2025 | 2024 |' then '|---|') is a rule inside one table."""
    starts = [0] + [n - 1 for n in range(2, len(lines)) if _PIPE_SEP.match(lines[n]) and _blank_row(lines[n - 1])]
    out = []
    for a, b in zip(starts, [*starts[1:], len(lines)], strict=True):
        rows = [[c.strip() for c in ln.strip().strip("|").split("|")] for ln in lines[a:b] if not _PIPE_SEP.match(ln)]
        if rows:
            out.append((a, _drop_index_column(rows)))
    return out


def _blank_row(line: str) -> bool:
    return not line.strip().strip("|").replace("|", "").strip()


def is_caption(rows: list[list[str]]) -> bool:
    """A pipe table of one short line of words and no figures: a caption printed as a table."""
    cells = [c for r in rows for c in r if c]
    return len(cells) == 1 and len(cells[0].split()) <= 12 and not re.search(r"\d", cells[0])


def _drop_index_column(rows: list[list[str]]) -> list[list[str]]:
    """A table written by pandas (`DataFrame.to_markdown`) starts each row with its index (0, 1, 2, ... or 1, 2,
    ...) under an empty heading: that column is no part of the release's table."""
    firsts = [r[0].strip() for r in rows if r]
    numbers = [f for f in firsts if f]
    if not numbers or not all(f.isdigit() for f in numbers) or firsts[0] or len(rows) < 2:
        return rows
    seq = [int(f) for f in numbers]
    # rising, not always by one: a converter may leave out the empty rows (1, 2, 3, 4, 6, 7, ...)
    if any(b <= a for a, b in zip(seq, seq[1:], strict=False)) or seq[0] > 2 or seq[-1] > 2 * len(seq) + 2:
        return rows
    return [r[1:] for r in rows]


def _collect(doc: LoadedDocument, segments: list, headings: list[tuple[int, int, str]] | None = None) -> None:
    """Run the text-table finder on text segments and the cell-table reader on tables, in document order;
    `headings` are the Markdown section headings as (line, level, text)."""
    title_lines: list[str] = []
    pending: list[tuple[int, list[tuple[str, bool]]]] = []  # tables that may sit under a segment's heading
    for kind, payload, start, *prefix in segments:
        place = f"{prefix[0]}, " if prefix else ""
        if kind in ("table", "cells"):
            found = [payload] if kind == "table" else [
                cells_to_table(block, " / ".join(title_lines[-3:]), f"{place}line {start + 1}")
                for block in stacked_blocks(payload)]
            candidates = _segment_candidates(title_lines, headings or [], start)
            for table in found:
                if table is not None:
                    if candidates:
                        pending.append((len(doc.tables), candidates))
                    doc.tables.append(table)
            continue
        tables, prose = find_tables(payload, list_items=doc.format == "md")
        for t in tables if kind == "text" else []:  # "prose": a page whose tables were read by their layout
            line_no = int(t.where.split()[-1]) + start
            doc.tables.append(RawTable(0, t.title, t.header, t.rows, f"{place}line {line_no}"))
        para: list[str] = []
        last_line = -1
        section = ""
        for line_no, text in prose:
            if line_no != last_line + 1 and para:
                _add_block(doc, " ".join(para), section)
                para = []
            if not para:
                section = _heading_before(payload, line_no, last_line) or section
            para.append(text.strip())
            last_line = line_no
        if para:
            _add_block(doc, " ".join(para), section)
        title_lines = [ln.strip() for ln in payload if ln.strip()][-3:]
    _assign_segments(doc, pending)
    _headless_tables_go_on(doc)
    _alike_tables_are_parts(doc)


def _segment_candidates(title_lines: list[str], headings: list[tuple[int, int, str]], start: int
                        ) -> list[tuple[str, bool]]:
    """Headings a table may sit under: the line right above it, and the Markdown section heading ('# Global
    Markets') whose part of the release holds it."""
    out = [title_lines[-1]] if title_lines else []
    above = [(level, h) for n, level, h in headings if n < start]
    top = max((i for i, (level, _) in enumerate(above) if level == 1), default=0)
    for _, h in reversed(above[top:]):  # '## Financial Results' under '# Global Markets'
        out.append(re.sub(r"[\d¹²³⁴⁵⁶⁷⁸⁹⁰,]+$", "", h).strip())
    found = [(h, False) for h in (segment_heading(o, table_words=True) for o in out) if h]
    # a segment review's heading: 'Supply Chain Solutions: Earnings Growth Reflects Strong Operating Performance'
    # (the name before the colon; marked True, a review)
    named = re.match(r"^([^:]{3,60}):\s+\S", title_lines[-1]) if title_lines else None
    if named and segment_heading(named.group(1)) and not found:
        found.append((segment_heading(named.group(1)), True))
    return found


def _assign_segments(doc: LoadedDocument, pending: list[tuple[int, list[tuple[str, bool]]]]) -> None:
    """Tables under a segment's heading hold that segment's figures: their rows carry '<heading> segment' as their
    section ('Adjusted EBITDA' under 'Global Housing'), unless a row is named by the heading. The release must
    call the heading a segment or a business ('the Global Lifestyle and Global Housing segments'), or print it as
    a column of a segment table ('Quarterly Results by Business Segment | Consumer Banking | GWIM | ...'): a
    heading such as 'Fleet List' or 'Drilling Activity' names a kind of table. A segment review's heading ('Supply
    Chain Solutions: Earnings Growth ...') names a segment where the release speaks of its business segments."""
    columns = {c.strip().lower() for t in doc.tables if re.search(r"\bsegments?\b", t.title, re.I)
               for h in t.header for c in h.split(" | ")}
    name = r"[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*){0,3}"
    segments_spoken_of = re.search(r"\b(?:business|reportable|operating|our)\s+segments\b", doc.text, re.I)
    called: dict[str, bool] = {}  # heading -> whether the release calls it a segment (one search of the text each)

    def is_called(heading: str) -> bool:
        if heading not in called:
            called[heading] = bool(re.search(rf"\b{re.escape(heading)}(?:\s*(?:,|and|&)\s*{name})*\s+(?:reportable"
                                             r"\s+|operating\s+)?(?:segments?|business(?:es)?|divisions?)\b",
                                             doc.text))
        return called[heading]

    for index, candidates in pending:
        table = doc.tables[index]
        for heading, review in candidates:
            last = table.title.split(" / ")[-1].strip()  # a column row that went into the title
            own = f"{last if last.lower() != heading.lower() and not review else ''} {' '.join(table.header)}".lower()
            if any(r.label.lower() == heading.lower() for r in table.rows) or heading.lower() in own:
                break  # a row or column of the table itself: a table of the segments, not of one
            if heading.lower() in columns or (segment_heading(heading) and is_called(heading)) or (
                    review and segments_spoken_of):
                rows = tuple(replace(r, section=f"{heading} segment {r.section}".strip()) for r in table.rows)
                doc.tables[index] = replace(table, title=f"{heading} / {table.title}".strip(" /"), rows=rows)
                break


def _headless_tables_go_on(doc: LoadedDocument) -> None:
    """A table with no heading and no title of its own right after a headed one whose rows print as many figures
    (Cresud: its highlights run into a paragraph, then a fenced block goes on with 'Profit for the Period' before
    the block's own 'Balance Sheet' header) is the rest of that table: it takes the table's title and header."""
    for i in range(1, len(doc.tables)):
        t, before = doc.tables[i], doc.tables[i - 1]
        if t.header != (fixed_width.CONTINUED,) or t.title or not before.header or (
                before.header == (fixed_width.CONTINUED,)):
            continue
        if _row_width(t) and _row_width(t) == _row_width(before):
            doc.tables[i] = replace(t, title=before.title, header=before.header)


def _row_width(table: RawTable) -> int:
    """The number of figures most of the table's rows print."""
    widths = Counter(len(r.values) for r in table.rows if r.values)
    return widths.most_common(1)[0][0] if widths else 0


def _alike_tables_are_parts(doc: LoadedDocument) -> None:
    """Tables printed alike under different names are the company's parts: three or more with one header, each
    titled by a name ('Specialty', 'Commercial', 'International' in CNA's release, each over 'Net written premiums,
    Net earned premiums, ...'), three of them sharing half their rows with another. Their rows carry '<name> segment'
    as their section, as a table under a segment's heading does; without it the parts' figures answered for the
    whole. A table whose rows already name a segment, or one of whose rows is its own name, is left as it is."""
    names: dict[int, str] = {}
    groups: dict[tuple[int, str], list[int]] = {}
    for i, t in enumerate(doc.tables):
        name = segment_heading(t.title.split(" / ")[0], table_words=True)
        if (name and t.header and len(t.rows) >= 2 and not any(" segment" in r.section for r in t.rows)
                and not any(r.label.lower() == name.lower() for r in t.rows)):
            names[i] = name
            groups.setdefault((len(t.header), t.header[0]), []).append(i)  # one header, read alike or nearly
    for members in groups.values():
        if len(members) < 3 or len({names[i].lower() for i in members}) < len(members):
            continue
        labels = {i: {r.label.lower() for r in doc.tables[i].rows} for i in members}
        parts = [i for i in members if any(len(labels[i] & labels[j]) >= len(labels[i]) / 2
                                           for j in members if j != i)]
        if len(parts) < 3:
            continue
        for i in members:  # the rest of them printed alike too ('International', its rows named a little apart)
            t = doc.tables[i]
            rows = tuple(replace(r, section=f"{names[i]} segment {r.section}".strip()) for r in t.rows)
            doc.tables[i] = replace(t, rows=rows)


def _heading_before(lines: list[str], line_no: int, after: int) -> str:
    """The short heading line ("Conference Call Information") just above a paragraph, if there is one."""
    for i in range(line_no - 1, max(after, line_no - 4), -1):
        text = _strip_md(lines[i]).strip().strip("*#_ ")
        if text and len(text.split()) <= 12 and not re.search(r"\d,\d{3}|\$\s?\d|\d\s?%|[.;]$", text):
            return text
    return ""


def _add_block(doc: LoadedDocument, text: str, section: str) -> None:
    text = re.sub(r"\s+", " ", text.replace("\\$", "$")).strip()
    if text:
        doc.blocks.append(TextBlock(text, len(doc.blocks), f"paragraph {len(doc.blocks) + 1}", section))


_YAML_LINE = re.compile(r"^(?:[\w.-]+\s*:(?:\s.*)?|\s+\S.*|-\s.*|#.*|)$")


def _strip_front_matter(text: str) -> str:
    """YAML front matter: a first line '---', lines of YAML (keys, list items, indented values), and a closing
    '---' line. Anything else after a first '---' is no front matter (a horizontal rule, or an unclosed header:
    the text under it is still the release's)."""
    if text.startswith("---\n"):
        m = re.compile(r"^---[ \t]*$", re.M).search(text, 4)
        if m and all(_YAML_LINE.match(line) for line in text[4:m.start()].split("\n")):
            return "\n" * text.count("\n", 0, m.end()) + text[m.end():]
    return text


def _strip_md(line: str) -> str:
    line = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", line)
    line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)
    line = re.sub(r"^\s{0,3}#{1,6}\s*", "", line)
    line = re.sub(r"<[^>]{1,200}>", " ", line)  # stray inline HTML tags (never executed, only text kept)
    return line.replace("**", "").replace("__", "").replace("\\$", "$")


# a cell that prints a figure (not a year heading): '1,234', '$ (5.6)', '12 %', '-'
_FIGURE_CELL = re.compile(r"[$€£¥]?\s*\(?\s*-?[$€£¥]?\s*\d[\d,]*(?:\.\d+)?\s*\)?\s*%?")


def _with_caption_above(table: RawTable, above: list[str]) -> RawTable:
    """A fenced block's first table that states no scale, under a caption line that does ('Selected Fourth
    Quarter and Full Year 2024 Financial Results and Comparisons (in thousands, except per share data)' above the
    block): the caption opens its title. A sentence (it ends with a full stop) or a long paragraph is no caption."""
    caption = next((ln.strip() for ln in reversed(above) if ln.strip()), "")
    if (not caption or len(caption) > 200 or caption.endswith(".") or scale_of(caption) is None
            or scale_of(f"{table.title} {' '.join(table.header)}") is not None):
        return table
    return replace(table, title=" / ".join(x for x in (_strip_md(caption).strip("#* "), table.title) if x))


def stacked_blocks(rows: list[list[str]]) -> list[list[list[str]]]:
    """A cell table that stacks blocks, each under its own period heading (a segment table's three months, then
    its year, in one Markdown table): after rows of figures, a row without figures that names periods in a
    heading's few words ('Year Ended December 31, 2024 | Year Ended December 31, 2023'; not a footnote 'Reflects
    a stock split on June 7, 2024.') opens a new block, read as its own table, so that its rows never take the
    periods of the heading above the first block."""
    def figures(cells: list[str]) -> bool:
        return any(_FIGURE_CELL.fullmatch(c.strip()) and not _YEAR_CELL.fullmatch(c.strip()) for c in cells[1:])

    def heading(cells: list[str]) -> bool:
        words = [c for c in cells if c]
        if len(words) == 1 and cells[0] and _YEAR_CELL.fullmatch(cells[0].strip().rstrip(":")):
            return True  # '| 2018 | | | |' after the rows of '| 2019 | | | |': the next year's rows
        return bool(words) and all(len(c.split()) <= 8 and not c.endswith(".") for c in words) and _names_periods(cells)

    blocks: list[list[list[str]]] = [[]]
    after_figures = False
    for cells in rows:
        clean = [_clean_cell(c) for c in cells]
        if figures(clean):
            after_figures = True
        elif after_figures and heading(clean):
            blocks.append([])
            after_figures = False
        blocks[-1].append(cells)
    return [b for b in blocks if b]


# a cell that says a figure is not available or not meaningful (a change from a loss, a ratio with no base)
NOT_MEANINGFUL = re.compile(r"n/?a|n\.a\.|nm|n\.m\.|n/m|not meaningful|not applicable", re.I)
NOT_MEANINGFUL_EXAMPLES = (("n/a", True), ("N/A", True), ("NM", True), ("n.m.", True), ("n/m", True), ("NA", True),
                           ("Nam", False), ("Net", False), ("—", False), ("12.5", False))


def _without_markers(cells: list[str]) -> list[str]:
    """Value cells with each not-meaningful marker blanked, and the '%' cell printed after it ('NM | | %'): the
    sign is the marker's, never the figure's before it."""
    out: list[str] = []
    marker = False
    for c in cells:
        if NOT_MEANINGFUL.fullmatch(c):
            out.append("")
            marker = True
        elif marker and c == "%":
            out.append("")
        else:
            out.append(c)
            marker = marker and not c
    return out


# a day and its comma in a cell of its own, the rest of a date heading cut off by a converter ('Years Ended December
# 31, | 31,' over '2019 | 2018 | 2017', TAT-QA's annual reports): words of the heading, never a figure
DAY_FRAGMENT = re.compile(r"(?:[1-9]|[12]\d|3[01]),")
DAY_FRAGMENT_EXAMPLES = (  # (cell, whether it is a date heading's day)
    ("31,", True),
    ("1,", True),
    ("31", False),
    ("1,234", False),
    ("45,", False),
)


def cells_to_table(rows: list[list[str]], title: str, where: str) -> RawTable | None:
    """Rows of cells (pipe or HTML table) -> RawTable: header rows first, then label + value tokens."""
    header: list[str] = []
    body: list[RawRow] = []
    section = ""
    above: list[list[str]] = []  # the rows above the first figures, cell by cell: what names the columns
    placed: list[tuple[int, list[int]]] = []  # (body row, positions of its value cells)
    heads: list[tuple[int, list[str]]] = []  # (body row, cells) of the rows of words above the first figures
    for cells in rows:
        cells = [_clean_cell(c) for c in cells]
        label_parts: list[str] = []
        values: list[str] = []
        first_value = None
        for idx, c in enumerate(cells):
            if not c:
                continue
            if DAY_FRAGMENT.fullmatch(c):
                label_parts.append(c)  # the day of a date heading a converter cut into its own cell, no figure
                continue
            segs = split_segments(c)
            if c in {"(", "$", "%"} or (segs and all(not lbl for lbl, _ in segs) and any(v for _, v in segs)) or (
                    c.startswith("(") and split_segments(c + ")") and not split_segments(c + ")")[0][0]):
                first_value = idx
                break
            label_parts.append(c)
        if first_value is not None:
            # 'n/a' or 'NM' in a change column is no figure and no label: a blank where it stands, so the figures
            # after it stay in the row ('-58 | 24 | n/a | -82 | -29 %')
            cells = cells[:first_value] + _without_markers(cells[first_value:])
            rest = " ".join(c for c in cells[first_value:] if c)
            for lbl, vs in split_segments(rest):
                if lbl and re.search(r"[A-Za-z]", lbl):
                    break
                values.extend(vs)
        text = " ".join(c for c in cells if c)
        if not any(r.values for r in body):
            above.append(cells)
        years_only = values and all(re.fullmatch(r"(?:19|20)\d\d", v) for v in values)
        if not body and (years_only or (not values and _names_periods(cells)) or _years_and_words(cells)):
            joined = " | ".join(c for c in cells if c)
            if not header or header[-1] != joined:  # a header row printed twice (a converter's repeat) is one
                header.append(joined)
            continue
        if not values and not body and not header:
            title = (title + " / " + text).strip(" /") if text else title
            continue
        if not values and not label_parts and not any(r.values for r in body) and _PERCENT_MARKS.fullmatch(text):
            header.append(" | ".join(c for c in cells if c))  # '| | % | % |' under the years: the columns' unit
            continue
        if not values:
            if text:
                section = " ".join(label_parts)
                body.append(RawRow(section, (), ""))
                if not any(r.values for r in body):
                    heads.append((len(body) - 1, cells))
            continue
        label = " ".join(label_parts)
        if len(label_parts) > 1 and label_parts[0].endswith(":"):
            section, label = label_parts[0].rstrip(":"), " ".join(label_parts[1:])
        body.append(RawRow(_clean(label), tuple(values), section))
        cells_with_values = [i for i in range(first_value or 0, len(cells)) if cells[i]]
        if len(cells_with_values) == len(values):  # one figure per cell: the cells say where each stands
            placed.append((len(body) - 1, cells_with_values))
    if not any(r.values for r in body):
        return None
    names, aligned = _column_names(above, placed)
    in_order = False
    if not names:
        names, aligned = _names_in_order(above, [r.values for r in body if r.values])
        in_order = bool(names)
    if names:
        dropped = set()
        for at, cells in heads:  # the row of column names is no heading of the rows below it
            if any(cells[p] for p in aligned if p < len(cells)):
                dropped.add(body[at].label)
                body[at] = RawRow("", ())
                units = [c for c in cells if c]
                if all(_UNIT_CAPTION.fullmatch(_NAME_NOISE.sub(" ", c).strip()) or _NAME_NOISE.fullmatch(c.strip())
                       for c in units):  # "RMB'Million" over each column: the table's scale, said in its header
                    header.insert(0, " | ".join(units))
        for at, positions in ([] if in_order else placed):
            where_of = {p: i for i, p in enumerate(positions)}
            body[at] = replace(body[at], values=tuple(body[at].values[where_of[p]] if p in where_of else ""
                                                      for p in aligned))
        body = [replace(r, section="") if r.values and r.section in dropped else r for r in body]
    body = [r for r in body if r.values or r.label]
    rows_out = []
    sec = ""
    for r in body:
        if not r.values:
            sec = r.label
            continue
        rows_out.append(RawRow(r.label, r.values, r.section or sec))
    return RawTable(0, title, tuple(header), tuple(rows_out), where, column_names=names)


# a row of nothing but '%' marks, one over each column of figures: the table states percentages
_PERCENT_MARKS = re.compile(r"%(?: %)*")

# what a column-name cell carries besides the name: its unit ("Food Trading $'000", "RMB'000", "(Unaudited)")
_NAME_NOISE = re.compile(r"(?:US\$|HK\$|J\$|RMB|\$|€|£)?\s*[’']?000s?\b|\((?:un)?audited\)|\b(?:US\$|RMB|USD|EUR)\b|"
                         r"^\$$|[*¹²³⁴⁵⁶⁷⁸⁹⁰]+|\(\d\)", re.I)


def _column_names(above: list[list[str]], placed: list[tuple[int, list[int]]]) -> tuple[tuple[str, ...], list[int]]:
    """The names printed over the value columns of a cell table, when every column has one and none names a
    period ('Consumer Banking | GWIM | Global Banking | Global Markets | All Other | Total' under one 'Year Ended
    December 31, 2024'): the deepest name cell above each position. Returns (names, value positions), or ((), [])."""
    if not placed or not above:
        return (), []
    widest = Counter(tuple(p) for _, p in placed if len(p) >= 2).most_common(1)
    if not widest:
        return (), []
    if widest[0][1] < 2:  # no width printed twice: the widest row, when every other row stands within it
        longest = max((tuple(p) for _, p in placed), key=len)
        if len(placed) < 2 or len(longest) < 2:
            return (), []
        widest = [(longest, 1)]
    positions = set(widest[0][0])
    for _, p in placed:  # rows with blanks ('-' left empty) stand within the same positions
        if not set(p) <= positions:
            return (), []
    aligned = sorted(positions)
    names = _names_over(above, aligned)
    if names is None or len(set(names)) < len(names) and not _repeated_block(names):
        # a name printed once over the columns it spans: only when that makes measures over repeated periods
        names = _names_over([_spanned(r, aligned) for r in above], aligned)
        if names is None or not _repeated_block(names):
            return (), []
    return tuple(names), aligned


def _names_in_order(above: list[list[str]], values: list[tuple[str, ...]]) -> tuple[tuple[str, ...], list[int]]:
    """The names over a table's value columns when the cells do not stand over the figures (a Markdown table
    that prints '$' and ')' in cells of their own, or HTML whose spans disagree with its rows): at each place
    right of the labels, the deepest name above the first figures, read in order, when there are exactly as many
    as the figures of the common row among the first and every one differs ('External Net Sales | Intersegment Sales |
    Total Sales', repeated under each period, or 'EFT Processing | epay | Money Transfer | Corporate Services |
    Consolidated'). A place whose deepest words name a period, or only a unit ("$'000"), has no name. Returns
    (names, places), or ((), []). A row with one name right of the labels is a heading, not names."""
    widths = Counter(len(v) for v in values[:8] if len(v) >= 2).most_common(1)  # the rows the names stand over
    if not widths or widths[0][1] < 2:
        return (), []
    width = widths[0][0]

    def named(cell: str) -> str:
        text = re.sub(r"\s+", " ", _NAME_NOISE.sub(" ", cell)).strip(" |:*")
        return text if re.search(r"[A-Za-z]", text) and not _UNIT_CAPTION.fullmatch(text) else ""

    # a row with one name right of the labels is a heading ('REVENUE', 'Total Sales by Reportable Segment')
    rows = [[named(c) for c in r] for r in above]
    rows = [r for r in rows if sum(1 for c in r[1:] if c) >= 2]
    names: list[str] = []
    places: list[int] = []
    for pos in range(1, max((len(r) for r in rows), default=0)):
        cells = [r[pos] for r in rows if pos < len(r) and r[pos]]
        if not cells or is_header_text(cells[-1]) or re.search(r"(?:19|20)\d\d|\d,\d{3}|%", cells[-1]):
            continue
        names.append(cells[-1])
        places.append(pos)
    if len(names) != width or (len(set(names)) < width and not _repeated_block(names)):
        return (), []
    return tuple(names), places


def _names_over(above: list[list[str]], aligned: list[int]) -> list[str] | None:
    """The deepest name cell above each value position; None when a position has none or a period's."""
    names: list[str] = []
    for pos in aligned:
        cells = [_NAME_NOISE.sub(" ", r[pos]).strip(" |:") for r in above if pos < len(r)]
        cells = [re.sub(r"\s+", " ", c) for c in cells if re.search(r"[A-Za-z]", c) and not _UNIT_CAPTION.fullmatch(c)]
        if not cells:
            return None
        # the deepest name; a date over a year ('September 30,' over '2019') is the period's, under a name above it
        worded = [c for c in cells if not is_header_text(c)]
        name = worded[-1] if worded and is_header_text(cells[-1]) and not re.search(r"(?:19|20)\d\d", cells[-1]) \
            else cells[-1]
        if is_header_text(name) or re.search(r"(?:19|20)\d\d|\d,\d{3}", name):
            return None  # a period's column: the header's business, not a name
        names.append(name)
    return names


# a cell that only says the column's currency and scale ("RMB'Million", "$M", "£m", "US$ millions")
# (a code stands apart from its scale word: 'GWIM' is a column's name, not 'GWI' millions)
_UNIT_CAPTION = re.compile(r"\W*(?:(?-i:[A-Z]{2,3})(?:\s+|\s*[’']\s*)|[A-Z]{0,2}\$\s*[’']?\s*|[£€¥]\s*[’']?\s*)?"
                           r"(?:m|mn|mm|bn|millions?|billions?|thousands?|k)\W*", re.I)


def _repeated_block(names: list[str]) -> bool:
    """'Number of Shares | Fair Value | Number of Shares | Fair Value' (the same measures under each period) or
    'Revenues | Revenues | Income | Income' (each measure over the same periods)."""
    block = list(dict.fromkeys(names))
    k, n = len(block), len(names)
    if k < 2 or n % k or n == k:
        return False
    return names == block * (n // k) or names == [b for b in block for _ in range(n // k)]


def _spanned(cells: list[str], aligned: list[int]) -> list[str]:
    """A name printed once over the columns it spans ('Revenues | | Income (loss) | ' over '2019 | 2018 | 2019 |
    2018'): each blank value cell after a name takes that name, when the row names every other column."""
    named = [p for p in aligned if p < len(cells) and re.search(r"[A-Za-z]", cells[p])]
    if len(named) < 2 or len(named) >= len(aligned):
        return cells
    out = list(cells) + [""] * (max(aligned) + 1 - len(cells))
    last = ""
    for p in aligned:
        if out[p].strip():
            last = out[p] if re.search(r"[A-Za-z]", out[p]) else ""
        elif last:
            out[p] = last
    return out


def _names_periods(cells: list[str]) -> bool:
    """A heading row: the row, or one of its column cells, names periods ('EUR million | Oct-Dec | Oct-Dec | Jan-Dec
    | Jan-Dec' over a row of years). A long caption in the label cell
    ('(Amounts in thousands, except per share amounts)') does not hide the spans beside it ('For the Three
    Months Ended December 31,')."""
    from index.periods import normalise_header

    filled = [normalise_header(c) for c in cells if c]  # in the grammar's words: 'Oct-Dec', 'H1 2025', 'FY24'
    return is_header_text(" ".join(filled)) or any(is_header_text(c) for c in filled[1:])


def _years_and_words(cells: list[str]) -> bool:
    """'($ in thousands) | 2019 | % Change 2018 to 2019 | 2018': column headings (years among words, no amounts)
    after a caption cell, though the year cells alone would read as values."""
    rest = [c for c in cells[1:] if c]
    if not rest or not any(_YEAR_CELL.fullmatch(c) for c in rest):
        return False
    return all(_YEAR_CELL.fullmatch(c) or (re.search(r"[A-Za-z]{2}", c) and not re.search(
        r"\d{1,3}(?:,\d{3})+|\d\.\d", c)) for c in rest)


# a year heading, perhaps with its footnote or unit: '2019', '2017 (2)', "2019 $’000", '2018 $’000 RESTATED3'
_YEAR_CELL = re.compile(r"(?:FY\s?)?(?:19|20)\d\d(?:\s*\(\d\))?(?:\s+\S*[^\d\s,.()]\S*)*")


# a cell of basis or percentage points ('-260 bps', '+1.2pp'): a change between two rates, never a column's value;
# it keeps its place as a dash so the cells after it stay under their headings
_POINTS_CELL = re.compile(r"[+\-−–]?\(?\d+(?:[.,]\d+)?\)?\s?(?:bps|bp|pps?|pts?|p\.p\.)", re.I)


def _clean_cell(cell: str) -> str:
    cell = re.sub(r"<br\s*/?>", " ", cell).replace("**", "").replace("\\$", "$").replace("\\*", "")
    cell = re.sub(r"\s+", " ", cell).strip()
    if _SPACED_YEAR.fullmatch(cell):
        return cell.replace(" ", "")  # '2 0 1 8': a year's digits spread by a converter's tracking
    return "—" if _POINTS_CELL.fullmatch(cell) else cell


_SPACED_YEAR = re.compile(r"[12] [09] \d \d")


def _clean(label: str) -> str:
    from index.text_tables import clean_label

    return clean_label(label)


# ---------------------------------------------------------------- HTML


def _html_table_rows(html: str) -> list[list[str]]:
    from lxml import html as lxml_html

    frag = lxml_html.fragment_fromstring(html, create_parent="div")
    return _grid(frag)


_MAX_SPAN = 100  # a colspan or rowspan beyond this is damage, not layout


def _grid(table) -> list[list[str]]:  # noqa: ANN001 (an lxml element)
    """The table's rows with each cell at its column position: a cell spanning several columns or rows is followed
    by empty cells in the places it covers, so that the text of every row reads as before and a cell stands over
    the values beneath it ('Banking and Investment Activities' over five columns, 'Total' over two header rows).
    lxml gives the cells; the span arithmetic (HTML's table model) is a few lines no library we use exposes."""
    def span(td, name: str) -> int:  # noqa: ANN001
        try:
            return max(1, min(int(td.get(name, "1")), _MAX_SPAN))
        except ValueError:
            return 1

    rows: list[list[str]] = []
    carried: dict[int, int] = {}  # column -> how many more rows a cell from above covers it
    for tr in table.iter("tr"):
        row: list[str] = []
        col = 0
        for td in (el for el in tr if el.tag in ("td", "th")):
            while carried.get(col, 0) > 0:
                carried[col] -= 1
                row.append("")
                col += 1
            down, across = span(td, "rowspan"), span(td, "colspan")
            lines = _cell_lines(td)
            text = _one_line(lines)
            if col == 0 and across == 1 and td.tag == "td" and (glued := _LABEL_THEN_FIGURE.match(lines)):
                # 'Net interest income<br>16,183,890': a converter's label cell holding the first figure too
                row.append(glued.group("label"))
                col += 1
                text = glued.group("figure")
            row.append(text)
            row.extend([""] * (across - 1))
            for c in range(col, col + across):
                if down > 1:
                    carried[c] = down - 1
            col += across
        while any(n > 0 for c, n in carried.items() if c >= col):
            if carried.get(col, 0) > 0:
                carried[col] -= 1
            row.append("")
            col += 1
        rows.append(row)
    return rows


def _cell_text(el) -> str:  # noqa: ANN001 (an lxml element)
    """The cell's text on one line; a line break ('<br>') is a blank ('Quarter ended June 30<br>$'000')."""
    return _one_line(_cell_lines(el))


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _cell_lines(el) -> str:  # noqa: ANN001 (an lxml element)
    """The cell's text with its line breaks ('<br>') as newlines."""
    parts = [el.text or ""]
    for child in el:
        parts.append("\n" if child.tag == "br" else child.text_content())
        parts.append(child.tail or "")
    return "".join(parts).replace("\u00a0", " ").strip()


# a label cell whose last line is a figure and nothing else (never a year: 'Year ended<br>2024' is a heading)
_LABEL_THEN_FIGURE = re.compile(r"^(?P<label>[^\n]*[A-Za-z][^\n]*(?:\n[^\n]*[A-Za-z][^\n]*)*)\n\s*"
                                r"(?P<figure>(?!(?:19|20)\d\d\s*$)(?=[^\n]*[1-9])\(?-?[$€£]?\s?\d[\d,]*(?:\.\d+)?\)?%?)\s*$")


_BLOCK_TAGS = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "hr", "ul", "ol"}


def _load_html(path: Path, text: str) -> LoadedDocument:
    """SEC Exhibit 99.1: drop any SGML wrapper, read tables as cells and the rest as lines of text."""
    from lxml import etree
    from lxml import html as lxml_html

    start = re.search(r"<html\b", text, re.I)
    body = text[start.start():] if start else text
    end = re.search(r"</html\s*>", body, re.I)
    if end:
        body = body[: end.end()]
    parser = lxml_html.HTMLParser()
    try:
        root = lxml_html.document_fromstring(body, parser=parser)
    except (etree.ParserError, ValueError):
        root = lxml_html.document_fromstring(f"<html><body><pre>{body}</pre></body></html>", parser=parser)
    if any("Excessive depth" in e.message for e in parser.error_log):
        # libxml2 stops reading at depth 256 (XML_PARSE_HUGE lifts that, and every protection with it)
        raise BrokenHtmlError(path, "elements are nested more than 255 deep; the parser reads no further")
    for bad in root.xpath("//script|//style|//head"):
        bad.drop_tree()
    tables: list[list[list[str]]] = []
    for table in root.xpath("//table[not(ancestor::table)]"):
        rows = _grid(table)
        marker = etree.Element("p")
        marker.text = f"@@EQA-TABLE{len(tables)}@@"
        tables.append(rows)
        table.addprevious(marker)
        table.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
            el.tail = "\n" + (el.tail or "")
    flat = root.text_content().replace("\u00a0", " ")
    segments: list = []
    for piece in re.split(r"(@@EQA-TABLE\d+@@)", flat):
        m = re.fullmatch(r"@@EQA-TABLE(\d+)@@", piece)
        if m:
            rows = tables[int(m.group(1))]
            # a table used for layout (one text column) is text, not figures
            if sum(1 for r in rows if sum(1 for c in r if c) >= 2) >= 2:
                segments.append(("cells", rows, len(segments)))
            else:
                segments.append(("text", [" ".join(c for c in r if c) for r in rows], len(segments)))
        else:
            lines = [ln.strip() for ln in piece.split("\n")]
            segments.append(("text", [ln for ln in lines if ln], len(segments)))
    doc = LoadedDocument(format="html", text=flat)
    _collect(doc, segments)
    return doc


# ---------------------------------------------------------------- PDF


def _load_pdf(path: Path, data: bytes) -> LoadedDocument:
    import pdfplumber
    from pdfminer.pdfexceptions import PDFException
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    # readers accept bytes before the header (mail or transfer junk) within the first kilobyte, as the PDF
    # reference allows; the offsets in the file then count from the header
    start = data.find(b"%PDF", 0, 1024)
    if start < 0:
        raise BrokenPdfError(path, "no PDF header")
    pages: list[str] = []
    layouts: list[str] = []
    wide: list[str] = []  # the layout spread out, for tables read by the words' positions
    words: list[PageWords] = []  # where each word is printed: a source view's boxes (index.sources)
    damaged = (PDFException, PSException, PdfminerException, MalformedPDFException, ValueError, KeyError,
               TypeError, EOFError, AssertionError, RecursionError)  # what pdfminer raises on damaged files
    try:
        with pdfplumber.open(io.BytesIO(data[start:])) as pdf:
            bounds.check_pages(path, len(pdf.pages))
            bounds.check_pdf_content(path, pdf)
            for whole in pdf_text.pages(data[start:]) or pdf.pages:  # pdfium's characters where it reads them
                bounds.tick()
                page = _without_stray_blanks(whole)
                pages.append(page.extract_text(x_tolerance=3, y_tolerance=3) or "")
                layouts.append(page.extract_text(x_tolerance=3, y_tolerance=3, layout=True) or "")
                placed = page.extract_words(x_tolerance=3, y_tolerance=3)
                wide.append(_table_layout(page, placed))
                words.append(PageWords(float(whole.width), float(whole.height), tuple(
                    (w["text"], round(float(w["x0"]), 1), round(float(w["top"]), 1), round(float(w["x1"]), 1),
                     round(float(w["bottom"]), 1)) for w in placed)))
    except damaged as e:
        raise BrokenPdfError(path, f"{type(e).__name__}: {e}"[:200]) from e
    if not any(p.strip() for p in pages):
        raise NoContentError(path, "the PDF has no extractable text (scanned?)")
    glyphs = sum(len(m) for p in pages for m in re.findall(r"\(cid:\d+\)", p))
    if glyphs > 0.3 * sum(len(p.replace(" ", "")) for p in pages):
        raise NoContentError(path, "the PDF's fonts have no Unicode map: its text layer is glyph numbers "
                                   "('(cid:12)'), not characters")
    pages = [_mend_pdf_numbers(p, lay) for p, lay in zip(pages, layouts, strict=True)]
    doc = LoadedDocument(format="pdf", text="\n".join(pages), pages=words)
    segments: list = []
    previous: list[str] = []
    for n, (text, layout) in enumerate(zip(pages, wide, strict=True), start=1):
        lines = text.split("\n")
        spread = fixed_width.without_page_marks(layout.split("\n"))
        by_layout = [t for t in fixed_width.parse_all(fixed_width.carried_header(previous, spread) + spread,
                                                      f"page {n}", page=True) if _headed(t)]
        previous = spread
        # a page may be a statement laid out in columns: read it by the words' positions when that gives more
        # dated cells than reading its text lines (pages that read as well as lines keep that reading)
        if by_layout and _reads_better(_dated_cells(by_layout, text), _dated_cells(find_tables(lines)[0], text)):
            segments.append(("prose", lines, 0, f"page {n}"))
            segments.extend(("table", t, 0, f"page {n}") for t in by_layout)
        else:
            segments.append(("text", lines, 0, f"page {n}"))
    _collect(doc, segments)
    return doc


def _table_layout(page: Any, words: list[dict[str, Any]] | None = None) -> str:
    """The page as lines of text laid out by the words' positions, for tables read by columns (fixed_width).

    One character per four fifths of a digit's width; figures placed by their right ends (where a column aligns
    them), a line's label by its left end (its indent), other words by their centres (a heading over the columns it
    names). Words closer than a digit's width are one group, joined by one blank; groups stand two blanks apart at
    least, so a heading's words stay together while columns stay apart. A line gap of twice the usual or more is a
    blank line. Written here because pdfplumber's own layout text places characters on a fixed grid (7.25 points):
    narrow digits then run adjacent columns together ('165,780 882,478') and wide word gaps split headings
    ('Quarter   ended')."""
    from pdfplumber.utils import cluster_objects

    if words is None:  # the page's words as the loader reads them (it keeps them for source views too)
        words = page.extract_words(x_tolerance=3, y_tolerance=3)
    digits = sorted(c["x1"] - c["x0"] for c in page.chars if c["text"].isdigit())
    if not words or not digits:
        return ""
    digit = digits[len(digits) // 2]
    unit = 0.8 * digit  # a little under a digit: words print wider than their characters' count of digits
    lines = sorted(cluster_objects(words, "top", tolerance=3), key=lambda ws: min(w["top"] for w in ws))
    tops = [min(w["top"] for w in ws) for ws in lines]
    gaps = sorted(b - a for a, b in zip(tops, tops[1:], strict=False) if b > a)
    usual = gaps[len(gaps) // 2] if gaps else 0
    out: list[str] = []
    for k, ws in enumerate(lines):
        if k and usual and tops[k] - tops[k - 1] >= 2 * usual:
            out.append("")
        groups: list[list[dict]] = []
        for w in sorted(ws, key=lambda w: w["x0"]):
            if groups and w["x0"] - groups[-1][-1]["x1"] < 0.9 * digit:
                groups[-1].append(w)
            else:
                groups.append([w])
        text = ""
        for g in groups:
            piece = " ".join(w["text"] for w in g)
            if fixed_width.is_figure(g[-1]["text"]):  # '$ 4,770' too
                at = round(g[-1]["x1"] / unit) - len(piece)
            elif not text and g[0]["x0"] < 0.4 * page.width:  # a label: its indent counts
                at = round(g[0]["x0"] / unit)
            else:  # a heading: centred where it is printed, over the columns it names
                at = round((g[0]["x0"] + g[-1]["x1"]) / 2 / unit - len(piece) / 2)
            text = text.ljust(max(at, len(text) + 2) if text else at) + piece
        out.append(text)
    return "\n".join(out)


def _without_stray_blanks(page: Any) -> Any:
    """The page without padding blanks drawn on top of other characters. Some PDFs' text layers lay a run of
    spaces over a table row after its figures; read in x order, a space then falls inside a number ('3 2.2' for
    32.2, '$ 2 4,020'). A blank that belongs to a run of blanks in the drawing order and lies (four fifths or
    more of its width) on a printed character of the same line is no word gap, so it goes. A single space
    between two words always stays, even where justified text squeezes it onto a letter. (pdfplumber's own
    dedupe_chars only drops a character repeated with the same text.)"""
    chars = page.chars
    inked: dict[int, list[tuple[float, float]]] = {}
    for c in chars:
        if c["text"].strip():
            inked.setdefault(round(c["top"]), []).append((c["x0"], c["x1"]))
    for spans in inked.values():
        spans.sort()

    def on_ink(c: dict) -> bool:
        spans = inked.get(round(c["top"]), [])
        at = bisect.bisect_left(spans, (c["x1"],))
        width = c["x1"] - c["x0"]
        return any(min(x1, c["x1"]) - max(x0, c["x0"]) >= 0.8 * width for x0, x1 in spans[max(0, at - 3):at])

    def blank(i: int) -> bool:
        return 0 <= i < len(chars) and not chars[i]["text"].strip()

    stray = {id(c) for i, c in enumerate(chars) if blank(i) and (blank(i - 1) or blank(i + 1)) and on_ink(c)}
    if not stray:
        return page
    return page.filter(lambda obj: id(obj) not in stray)


def _headed(table: RawTable) -> bool:
    """A table read by position is trusted only when its header explains every column: one period per column,
    or a change column ('Inc/(Dec)', '% Change'), or each period over the same block of basis columns that the
    arithmetic confirms ('Adjusted | Adjustments | Statutory' a period: reconciliations.basis_blocks)."""
    from index.periods import header_periods
    from index.reconciliations import basis_blocks
    from index.tables import CHANGE_COLUMN

    if not table.header or any(not h.strip() for h in table.header):
        return False
    if basis_blocks(table) is not None:
        return True
    plain = [h for h in table.header if not CHANGE_COLUMN.search(h)]
    periods = [header_periods(h, point_in_time=True) or [] for h in plain]
    # two columns of one period ('Adjusted | Adjustments | Statutory') need more than a date to tell apart
    return bool(plain) and all(len(p) == 1 for p in periods) and len({p[0] for p in periods}) == len(periods)


# 'Year Ended June 30,': the month a page's own headings end the fiscal year in
_YEAR_ENDED = re.compile(rf"\b(?:years?|twelve\s+months|fiscal\s+years?)\s+ended\s+({MONTH})\b", re.I)


def _reads_better(by_layout: Counter, by_lines: Counter) -> bool:
    """The page read by its words' positions gives more dated figures than read as text lines, and keeps nine in
    ten of those the lines give (a page of several tables may read better as lines in one of them: Capgemini's
    per-share table, whose figures stand in two alignments under one heading)."""
    kept = sum((by_lines & by_layout).values())
    return sum(by_layout.values()) > sum(by_lines.values()) and kept >= 0.9 * sum(by_lines.values())


def _dated_cells(tables: list[RawTable], page: str = "") -> Counter:
    """The figures of the tables' cells that would become facts (under a neutral release: US$, no scale, the fiscal
    year ending in the month the page's 'Year Ended' headings name, else December): a reading that puts a figure
    under another period than the other reading does still keeps it."""
    from index.metadata import ReleaseMeta
    from index.periods import FiscalCalendar
    from index.tables import table_facts

    ended = _YEAR_ENDED.search(page)
    calendar = FiscalCalendar(fy_end_month=month_number(ended.group(1)) or 12) if ended else FiscalCalendar()
    neutral = ReleaseMeta(company="", short_name="", ticker=None, period="", period_end=None, months=3,
                          currency="USD", scale=1, release_date=None, calendar=calendar)
    return Counter(f.value for t in tables for f in table_facts(t, neutral, "", inherited_scale=1))


def _mend_pdf_numbers(text: str, layout: str = "") -> str:
    """Undo letter-spacing inside numbers that some PDFs' text layers carry: '1 ,696' -> '1,696',
    '1 4,953' -> '14,953', '( 10.4)' -> '(10.4)'. Only a lone digit before a group is joined, so two
    separate cells ('7 4,953') stay apart unless the result is one well-formed number."""
    text = re.sub(r"(\d) ,(\d{3})\b", r"\1,\2", text)
    text = re.sub(r"(?<![\d,.])(\d) (\d{1,2},\d{3})\b",
                  lambda m: m.group(0) if layout and _apart(layout, m.group(1), m.group(2))
                  else m.group(1) + m.group(2), text)
    return re.sub(r"\( (\d)", r"(\1", text)


def _apart(layout: str, digit: str, group: str) -> bool:
    """The page's layout text shows the digit and the group as separate cells (a 'Note 5' column beside 3,233),
    not as one letter-spaced number."""
    return re.search(rf"(?<![\d,.]){digit}\s{{2,}}{re.escape(group)}\b", layout) is not None and re.search(
        rf"(?<![\d,.]){digit}\s?{re.escape(group)}\b", layout) is None
