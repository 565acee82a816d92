"""The fixed-width layout fixer: columns from character positions, stacked headings, wrapped labels, sections."""

from __future__ import annotations

from datetime import date

from index import fixed_width
from index.blocks import RawRow
from index.metadata import ReleaseMeta
from index.periods import header_periods
from index.tables import table_facts

STACKED = """\
                          Agree Realty Corporation
            Consolidated Statements of Operations and Comprehensive Income
                   ($ in thousands, except share and per share-data)

                           Three months ended                Twelve months ended
                              December 31,                       December 31,
                   ----------------------------------  --------------------------------
                         2024              2023              2024             2023
                   ----------------  ----------------  ----------------  --------------
Revenues
 Rental Income        $     160,683     $     144,144     $     616,822     $   537,403
 Other                           51                21               273              92
   Total Revenues     $     160,734     $     144,165     $     617,095     $   537,495

Operating
Expenses
 Real estate
  taxes              $       13,525    $       10,663    $       46,882    $     40,092
 Provision for
  impairment                      -             2,665             7,224           7,175
   Total
    Operating
    Expenses         $       85,829    $       76,539     $     326,293     $   284,957
 Gain (loss) on
  involuntary
  conversion,
  net                            24                 -              (67)               -
""".split("\n")

NO_RULE = """\
(Unaudited)          Q4'24   Q4'23   Change  12M'24   12M'23   Change
$ in millions

GAAP net income      201.3   182.5    10%     760.2    642.5    18%

Adjusted EBITDA
-------------------
Global Lifestyle     191.7   204.6    (6)%    773.4    792.3    (2)%
Corporate and Other  (35.7)  (29.9)  (19)%   (122.2)  (109.0)  (12)%
   Reportable
    catastrophes      50.1    21.6            247.0    111.8
""".split("\n")

LABEL_COLUMN_HEADING = """\
                   CONDENSED CONSOLIDATED STATEMENT OF INCOME (UNAUDITED)
    Dollars and shares in millions, except per share data
    Quarters Ended March 31,                          2023    2022     Inc/ (Dec)
    Revenues
    Sales by Company-operated restaurants        $ 2,224.3 $ 2,302.4 $ (78.1) (3) %
    Revenues from franchised restaurants           3,587.5  3,262.8  324.7    10
    Other revenues                                   86.0    100.4   (14.4)  (14)
""".split("\n")

PROSE = """\
Revenue grew 12% to $1.2 billion in 2024, and the company expects
to open 25 new stores in 2025 at a cost of about $40 million.
""".split("\n")


def test_stacked_headings_and_wrapped_labels() -> None:
    [t] = fixed_width.parse_all(STACKED, "line 1")
    assert t.header == ("Three months ended December 31, 2024", "Three months ended December 31, 2023",
                        "Twelve months ended December 31, 2024", "Twelve months ended December 31, 2023")
    assert "Consolidated Statements of Operations" in t.title and "in thousands" in t.title
    rows = {r.label: r for r in t.rows}
    # a heading line with no values is a section, never glued onto the row below it
    assert rows["Rental Income"] == RawRow("Rental Income", ("160,683", "144,144", "616,822", "537,403"), "Revenues")
    assert rows["Real estate taxes"].section == "Operating Expenses"
    assert rows["Total Operating Expenses"].values == ("85,829", "76,539", "326,293", "284,957")
    # a label wrapped over four lines, and dashes for nil
    assert rows["Gain (loss) on involuntary conversion, net"].values == ("24", "-", "(67)", "-")
    assert rows["Provision for impairment"].values == ("-", "2,665", "7,224", "7,175")


def test_stacked_table_gives_facts_in_all_four_periods() -> None:
    [t] = fixed_width.parse_all(STACKED, "line 1")
    meta = ReleaseMeta(company="Agree Realty Corporation", short_name="Agree Realty", ticker=None, period="Q4 2024",
                       period_end=date(2024, 12, 31), months=3, currency="USD", scale=1000, release_date=None)
    facts = {(f.label, f.period_end, f.months): f.value for f in table_facts(t, meta, "agree", 1)}
    assert facts[("Total Revenues", date(2024, 12, 31), 12)] == 617_095_000
    assert facts[("Rental Income", date(2023, 12, 31), 3)] == 144_144_000
    assert facts[("Gain (loss) on involuntary conversion, net", date(2024, 12, 31), 12)] == -67_000


def test_columns_without_a_header_rule_come_from_the_numbers() -> None:
    [t] = fixed_width.parse_all(NO_RULE, "line 1")
    assert t.header == ("Q4'24", "Q4'23", "Change", "12M'24", "12M'23", "Change")
    rows = {r.label: r for r in t.rows}
    assert rows["GAAP net income"].values == ("201.3", "182.5", "10%", "760.2", "642.5", "18%")
    # a blank cell stays a gap in its column, so the values after it keep their places
    assert rows["Reportable catastrophes"].values == ("50.1", "21.6", "", "247.0", "111.8", "")
    assert rows["Global Lifestyle"].section == "Adjusted EBITDA"


def test_a_span_heading_in_the_label_column_heads_every_column() -> None:
    [t] = fixed_width.parse_all(LABEL_COLUMN_HEADING, "page 4")
    assert t.header[0] == "Quarters Ended March 31, 2023" and t.header[1] == "Quarters Ended March 31, 2022"
    assert [p.months for p in header_periods(" | ".join(t.header[:2]))] == [3, 3]
    assert t.rows[0].values == ("2,224.3", "2,302.4", "(78.1)", "(3)%")


def test_prose_is_no_table() -> None:
    assert fixed_width.parse_all(PROSE, "line 1") == []
