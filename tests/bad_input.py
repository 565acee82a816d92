"""The kinds of bad or odd input a careless user or an attacker brings, generated at test time (small files).

Each Kind writes its files into a folder and says what ingesting them must do: be refused with a reason that
names the file and says why (`reason`), or be accepted (`accept`), optionally checked further. The bad-input
suite (tests/test_bad_input.py) runs every kind into a home that already holds a good release, in one batch with
a good file; `benchmarks/bad_input.py` prints the outcome of every kind for whatever code is installed.
"""

from __future__ import annotations

import codecs
import os
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# a small release that reads well: the good file of every batch (its own id, so no kind collides with it)
GOOD_RELEASE = """# Acme Widgets Inc. Reports Second Quarter 2025 Results

NEW YORK, July 30, 2025 -- Acme Widgets Inc. today reported results for the quarter ended June 30, 2025.
Revenue grew on higher widget volumes and better pricing.

| (in thousands of US$) | Three Months Ended June 30, 2025 | Three Months Ended June 30, 2024 |
|---|---|---|
| Revenue | 120,500 | 100,100 |
| Operating income | 20,300 | 15,200 |
| Net income | 14,100 | 10,900 |
"""

TEXT_RELEASE = ("Zenith Tools Corp. reported results for the quarter ended June 30, 2025. Revenue was $5.2 million, "
                "up 4% from the same quarter of 2024, on higher demand.\n")


def pdf(pages: list[str], *, compress: bool = False, pad: int = 0) -> bytes:
    """A PDF built by hand (no writer library needed): one page per text ('' is a blank page). With compress=True
    the page content is Flate-compressed and padded with `pad` spaces (a small file that inflates large)."""
    objs: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    font = 3
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for text in pages:
        content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode() if text else b""
        content += b" " * pad
        stream = zlib.compress(content, 9) if compress else content
        head = b"<< /Length " + str(len(stream)).encode() + (b" /Filter /FlateDecode" if compress else b"") + b" >>"
        objs.append(head + b"\nstream\n" + stream + b"\nendstream")
        contents = len(objs)
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents " + str(contents).encode()
                    + b" 0 R /Resources << /Font << /F1 " + str(font).encode() + b" 0 R >> >> >>")
        kids.append(len(objs))
    objs[1] = (b"<< /Type /Pages /Kids [" + b" ".join(f"{k} 0 R".encode() for k in kids) + b"] /Count "
               + str(len(kids)).encode() + b" >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


@dataclass(frozen=True)
class Kind:
    name: str
    files: dict[str, bytes | None]  # file name -> content (None: a folder; names may hold sub-folders 'a/x.md')
    outcome: str  # "refused": each file's result fails with `reason`; "accepted": each is ingested (or unchanged)
    reason: str = ""  # words the failure's message holds
    env: dict[str, str] = field(default_factory=dict)  # bounds lowered for the kind
    ingest: tuple[str, ...] = ()  # what to pass to ingest when not the files themselves (a folder)
    refused: tuple[str, ...] = ()  # of several files, those refused (the others accepted)
    facts_not: tuple[str, ...] = ()  # values (as str of the Decimal) no fact of the kind's files may have
    encoding: str = ""  # the encoding the document must be recorded with

    def write(self, folder: Path) -> list[Path]:
        """Write the kind's files; the paths to ingest, in order."""
        paths = []
        for name, data in self.files.items():
            p = folder / name
            p.parent.mkdir(parents=True, exist_ok=True)
            if data is None:
                p.mkdir(parents=True, exist_ok=True)
            else:
                p.write_bytes(data)
            if not name.endswith(".meta.json"):
                paths.append(p)
        return [folder / i for i in self.ingest] if self.ingest else paths


def _meta(variant: bytes, name: str) -> Kind:
    return Kind(f"meta: {name}", {"beta_2025Q2.md": TEXT_RELEASE.encode(), "beta_2025Q2.meta.json": variant},
                "refused", "beta_2025Q2.meta.json")


_DEEP = 10_000
_LATIN = ("Zenith Tools Corp. Umsatzerlöse für das Quartal zum 30. Juni 2025: Revenue was $5.2 million, "
          "up 4% (année précédente: $5.0 million).\n")
_CP1252 = "Zenith Tools Corp. said revenue was €5.2 million in the quarter ended June 30, 2025 – its “best” yet.\n"

KINDS: tuple[Kind, ...] = (
    # files that are not releases
    Kind("empty file", {"empty.txt": b""}, "refused", "the file is empty"),
    Kind("only white space", {"blank.md": b"   \n\n\t\n"}, "refused", "the file is empty"),
    Kind("binary bytes in a .txt", {"binary.txt": b"\x00\x01\x02\x03" * 100}, "refused", "binary data"),
    Kind("a PNG named .html", {"image.html": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64}, "refused",
         "binary data"),
    Kind("control characters in text", {"controls.txt": bytes(range(1, 9)) * 40 + b" revenue"}, "refused",
         "binary data"),
    Kind("a Word file", {"slides.docx": b"PK\x03\x04 not a release"}, "refused", "unsupported file type"),
    Kind("no suffix", {"release": TEXT_RELEASE.encode()}, "refused", "unsupported file type"),
    Kind("scripts and styles only", {"scripts.html": b"<html><head><script>alert(1)</script><style>p{}</style>"
                                                     b"</head><body></body></html>"}, "refused",
         "no tables and no text"),
    Kind("front matter only", {"front.md": b"---\nlayout: post\ntitle: x\n---\n"}, "refused",
         "no tables and no text"),
    Kind("unclosed front matter", {"unclosed_2025Q2.md": b"---\ntitle: Zenith Tools Corp. Q2 2025\n\n"
                                   + TEXT_RELEASE.encode() + b"\n---\n\nAbout Zenith: it makes tools.\n"}, "accepted"),
    Kind("tags without text", {"tags.html": b"<html><body>" + b"<p></p><br/><b></b>" * 200 + b"</body></html>"},
         "refused", "no tables and no text"),
    Kind("markup only, as Markdown", {"marks.md": b"***\n\n---\n\n***\n"}, "refused", "no "),
    # encodings of real releases
    Kind("latin-1 text", {"latin_2025Q2.md": _LATIN.encode("latin-1")}, "accepted"),
    Kind("Windows-1252 text", {"win_2025Q2.txt": _CP1252.encode("cp1252")}, "accepted", encoding="cp1252"),
    Kind("UTF-8 with a byte-order mark", {"bom8_2025Q2.md": codecs.BOM_UTF8 + _CP1252.encode()}, "accepted",
         encoding="utf-8"),
    Kind("UTF-16 LE with a byte-order mark", {"bom16_2025Q2.txt": _CP1252.encode("utf-16")}, "accepted",
         encoding="utf-16"),
    Kind("UTF-16 BE with a byte-order mark", {"bom16be_2025Q2.md": codecs.BOM_UTF16_BE + _CP1252.encode("utf-16-be")},
         "accepted", encoding="utf-16"),
    Kind("UTF-32 with a byte-order mark", {"bom32_2025Q2.txt": _CP1252.encode("utf-32")}, "accepted",
         encoding="utf-32"),
    Kind("Windows line ends", {"crlf_2025Q2.md": GOOD_RELEASE.replace("Acme Widgets", "Crlf Co").replace(
        "\n", "\r\n").encode()}, "accepted"),
    # PDFs
    Kind("truncated PDF", {"truncated.pdf": pdf(["Revenue was $5.2 million in the quarter."])[:200]}, "refused",
         "PDF cannot be read"),
    Kind("a real PDF cut short", {"cut.pdf": (Path(__file__).resolve().parent.parent / "evals" / "corpus" / "releases"
                                              / "ulta-beauty_FY2022Q4.pdf").read_bytes()[:30_000]}, "refused",
         "PDF cannot be read"),
    Kind("text named .pdf", {"not-a-pdf.pdf": b"Revenue was $5 million.\n"}, "refused", "no PDF header"),
    Kind("PDF with a blank page", {"blank-page.pdf": pdf([""])}, "refused", "no extractable text"),
    Kind("PDF with bytes before its header", {"junk_2025Q2.pdf": b"\r\n\xef\xbb\xbf" + pdf(
        ["Zenith Tools Corp. revenue was $5.2 million in the quarter ended June 30, 2025."])}, "accepted"),
    Kind("PDF of absurd numbers", {"absurd.pdf": pdf(["999999999999999999999999999 999999999999999999999999999",
                                                      "1e400 1e-400 NaN Infinity -Infinity"])}, "refused",
         "nothing to index"),
    # HTML
    Kind("divs nested 10,000 deep", {"deep.html": b"<html><body>" + b"<div>" * _DEEP + b"Revenue was $5 million."
                                     + b"</div>" * _DEEP + b"</body></html>"}, "refused", "nested more than"),
    Kind("tables nested 10,000 deep", {"deeptables.html": b"<html><body>" + b"<table><tr><td>" * _DEEP + b"1"
                                       + b"</td></tr></table>" * _DEEP + b"</body></html>"}, "refused",
         "nested more than"),
    Kind("unclosed tags", {"unclosed_2025Q2.html": b"<html><body><p>Zenith Tools Corp. revenue was $5.2 million in "
                                                   b"the quarter ended June 30, 2025.<table><tr><td>Revenue<td>5.2"},
         "accepted"),
    Kind("garbage markup", {"garbage.html": b"<<<>>><tr><td <td>>></" * 500}, "refused", "no "),
    # numbers no release prints
    Kind("exponent percentages", {"exp_2025Q2.md": b"Zenith Tools Corp. reported the quarter ended June 30, 2025. "
                                                   b"Revenue was $5.2 million, up 1e400% year over year. Gross "
                                                   b"margin was 1e-400%. Net income was $1e-400 million.\n"},
         "accepted", facts_not=("400", "1", "1000000")),
    Kind("absurd magnitudes", {"huge_2025Q2.md": b"Zenith Tools Corp. revenue was $999,999,999,999,999,999,999 "
                                                 b"billion in the quarter ended June 30, 2025.\n"}, "accepted",
         facts_not=("999999999999999999999000000000",)),
    Kind("NaN and infinity cells", {"nan_2025Q2.md": (
        b"# Zenith Tools Corp. second quarter 2025\n\nZenith Tools Corp. reported the quarter ended June 30, 2025.\n\n"
        b"| (in thousands) | Q2 2025 | Q2 2024 |\n|---|---|---|\n"
        b"| Revenue | NaN | Infinity |\n| Net income | inf | -inf |\n| Cost | 1e400 | 1E-400 |\n")},
         "accepted", facts_not=("NaN", "Infinity", "-Infinity")),
    # bounds (lowered for the test, so that the files stay small)
    Kind("file over the size bound", {"big.txt": (TEXT_RELEASE * 20_000).encode()}, "refused",
         "EARNINGS_QA_MAX_FILE_MB", env={"EARNINGS_QA_MAX_FILE_MB": "1"}),
    Kind("text file over the text bound", {"bigtext.md": (TEXT_RELEASE * 20_000).encode()}, "refused",
         "EARNINGS_QA_MAX_TEXT_MB", env={"EARNINGS_QA_MAX_TEXT_MB": "1"}),
    Kind("a line over the line bound", {"longline.txt": b"Revenue " * 30_000}, "refused",
         "EARNINGS_QA_MAX_LINE_CHARS", env={"EARNINGS_QA_MAX_LINE_CHARS": "100000"}),
    Kind("PDF over the page bound", {"pages.pdf": pdf(["Revenue was $5 million."] * 5)}, "refused",
         "EARNINGS_QA_MAX_PDF_PAGES", env={"EARNINGS_QA_MAX_PDF_PAGES": "3"}),
    Kind("PDF that inflates past the bound", {"bomb.pdf": pdf(["Revenue was $5 million."], compress=True,
                                                             pad=3_000_000)}, "refused",
         "EARNINGS_QA_MAX_PDF_INFLATED_MB", env={"EARNINGS_QA_MAX_PDF_INFLATED_MB": "2"}),
    Kind("table over the cell bound", {"wide.md": ("| x | " + " | ".join(f"Q{i % 4 + 1} {2000 + i // 4}"
                                                                       for i in range(60)) + " |\n|"
                                                   + "---|" * 61 + "\n" + "".join(
        f"| row {r} | " + " | ".join(str(r * 7 + c) for c in range(60)) + " |\n" for r in range(40))).encode()},
         "refused", "EARNINGS_QA_MAX_TABLE_CELLS", env={"EARNINGS_QA_MAX_TABLE_CELLS": "1000"}),
    Kind("file over the time bound", {"slow_2025Q2.md": GOOD_RELEASE.replace("Acme Widgets", "Slow Co").encode()},
         "refused", "EARNINGS_QA_MAX_SECONDS_PER_FILE", env={"EARNINGS_QA_MAX_SECONDS_PER_FILE": "0.000001"}),
    # names
    Kind("a 250-byte file name", {"n" * 247 + ".md": TEXT_RELEASE.encode()}, "accepted"),
    Kind("Rich markup in the name", {"[bold]markup_2025Q2.md": TEXT_RELEASE.encode()}, "accepted"),
    Kind("ANSI escape in the name", {"\x1b[31mred_2025Q2.md": TEXT_RELEASE.encode()}, "accepted"),
    Kind("a new line in the name", {"two\nlines_2025Q2.md": TEXT_RELEASE.encode()}, "accepted"),
    Kind("non-ASCII name", {"résumé-société_2025Q2.md": TEXT_RELEASE.encode()}, "accepted"),
    Kind("spaces in the name", {"zenith tools 2025Q2.md": TEXT_RELEASE.encode()}, "accepted"),
    # paths that are not files
    Kind("a folder named like a release", {"folder.md": None}, "refused", "holds no release files"),
    Kind("a folder of unsupported files", {"docs/a.docx": b"PK", "docs/b.csv": b"a,b\n1,2\n"}, "refused",
         "holds no release files", ingest=("docs",)),
    Kind("a path that does not exist", {}, "refused", "no such file or folder", ingest=("nowhere.md",)),
    # document ids
    Kind("same stem in two folders", {"a/dup_2025Q2.md": TEXT_RELEASE.encode(),
                                      "b/dup_2025Q2.md": GOOD_RELEASE.replace("Acme Widgets", "Other Co").encode()},
         "refused", "already indexed", refused=("b/dup_2025Q2.md",)),
    Kind("x.md beside x.txt", {"twin_2025Q2.md": TEXT_RELEASE.encode(),
                               "twin_2025Q2.txt": TEXT_RELEASE.replace("5.2", "6.1").encode()},
         "refused", "already indexed", refused=("twin_2025Q2.txt",)),
    Kind("an unrelated file named like an indexed release", {"kingsoft-corp_2025Q3.md": TEXT_RELEASE.encode()},
         "refused", "already indexed"),
    # sidecars (.meta.json)
    _meta(b"{", "malformed"),
    _meta(b"", "empty"),
    _meta(b"null", "null"),
    _meta(b"[1, 2]", "a list"),
    _meta(b'{"company": 5}', "company a number"),
    _meta(b'{"period_end": "2025-13-45"}', "impossible date"),
    _meta(b'{"release_date": "30/06/2025"}', "date not ISO"),
    _meta('{"company": "Société"}'.encode("latin-1"), "not UTF-8"),
    _meta(b'{"fiscal_year_end_month": 13}', "month 13"),
    _meta(b'{"fiscal_year_end_month": "9"}', "month as a string"),
    _meta(b'{"scale": 7}', "scale 7"),
    _meta(b'{"months": true}', "months true"),
    _meta(b'{"comapny": "Beta"}', "unknown field"),
    _meta(b'{"fx_rate": "NaN"}', "fx rate NaN"),
    Kind("meta: valid", {"gamma_2025Q2.md": TEXT_RELEASE.encode(),
                         "gamma_2025Q2.meta.json": b'{"company": "Gamma Corp", "fiscal_year_end_month": 6}'},
         "accepted"),
)


def kind(name: str) -> Kind:
    return next(k for k in KINDS if k.name == name)


def environment(k: Kind) -> Callable[[], None]:
    """Set the kind's environment; the function that restores it."""
    saved = {key: os.environ.get(key) for key in k.env}
    os.environ.update(k.env)

    def restore() -> None:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return restore
