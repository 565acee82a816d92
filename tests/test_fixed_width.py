"""The fixed-width layout fixer: columns from character positions, stacked headings, wrapped labels, sections."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from index import fixed_width
from index.blocks import RawRow
from index.facts import Unit
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


WIDE_LABEL = """\
                          (Expressed in thousands of United States dollars)
                                  Year Ended                               Year Ended
                               December 31, 2024                        December 31, 2023
                    ---------------------------------------  ---------------------------------------
                    Container  Drybulk                       Container  Drybulk
                     Vessels   Vessels    Other     Total     Vessels    Vessels   Other     Total
                    ---------  -------  ---------  --------  ---------  --------  --------  --------
Net income/(loss)    $518,129   $4,429  $(17,485)  $505,073   $563,279  $(1,910)   $14,930  $576,299
Amortization of
 financing fees         2,326        -          -     2,326      2,201         -         -     2,201
Adjusted Net
 income/(loss)(1)    $519,759   $4,989     $7,694  $532,442   $572,215  $(1,690)  $(2,937)  $567,588
Diluted weighted average number of shares (in
 thousands of shares)                                19,385                                   19,904
"""


def test_a_label_printed_wider_than_its_column_keeps_all_its_words() -> None:
    """Regression (Danaos): 'Diluted weighted average number of shares (in' runs over the per-segment columns, its
    figures on the next line; its words past the label column were dropped, and 'Diluted weighted thousands of
    shares)' was stored as dollars."""
    [t] = fixed_width.parse_all(WIDE_LABEL.splitlines(), "line 1")
    labels = [r.label for r in t.rows]
    assert "Diluted weighted average number of shares (in thousands of shares)" in labels
    assert not any(label.startswith("Diluted weighted thousands") for label in labels)


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
    # the change columns are set aside (test_change_columns_are_set_aside_where_they_stand)
    assert t.header == ("Q4'24", "Q4'23", "12M'24", "12M'23")
    rows = {r.label: r for r in t.rows}
    assert rows["GAAP net income"].values == ("201.3", "182.5", "760.2", "642.5")
    assert rows["Reportable catastrophes"].values == ("50.1", "21.6", "247.0", "111.8")
    assert rows["Global Lifestyle"].section == "Adjusted EBITDA"


def test_a_span_heading_in_the_label_column_heads_every_column() -> None:
    [t] = fixed_width.parse_all(LABEL_COLUMN_HEADING, "page 4")
    assert t.header[0] == "Quarters Ended March 31, 2023" and t.header[1] == "Quarters Ended March 31, 2022"
    assert [p.months for p in header_periods(" | ".join(t.header[:2]))] == [3, 3]
    assert t.rows[0].values == ("2,224.3", "2,302.4")  # the change columns are set aside


def test_prose_is_no_table() -> None:
    assert fixed_width.parse_all(PROSE, "line 1") == []


CAPTION_IN_HEADER = """\

                              Three Months                         Year Ended
---------------   ------------------------------------  ---------------------------------
For the periods
ended December
31 ($
thousands)             2024        2023      Change $         2024        2023   Change $
---------------   ---------   ---------   -----------   ----------   ---------   --------
Net Income
 (Loss)           $ 791,916   $(445,684)  $ 1,237,600   $  784,437   $ 796,691   $(12,254)
Residential
 inventory
 income                  --      (4,626)        4,626       (2,034)     (4,626)     2,592
Interest income     (10,247)     (9,971)         (276)     (52,593)    (41,414)   (11,179)
Investment
 income              (5,315)    (10,983)        5,668      (21,260)    (26,928)     5,668
Diluted earnings per
 unit:
 Continuing           1.094      (0.616)        1.710        1.084       1.101     (0.017)
""".split("\n")  # Choice Properties REIT, Q4 2024 (the last three lines added, in its layout)

DATED_BY_CAPTION = """\

As at December 31 ($
thousands except
where otherwise
indicated)                     2024          2023   Change $
--------------------   ------------  ------------  ---------

Unitholders' equity    $  4,899,800  $  4,368,502  $ 531,298
Exchangeable Units        5,283,750     5,521,222   (237,472)
---------------------   -----------   -----------   --------
NAV(2)                 $ 10,183,550  $  9,889,724  $ 293,826
---------------------   -----------   -----------   --------
""".split("\n")


def test_a_caption_inside_a_stacked_header_dates_the_columns_and_is_kept_as_title() -> None:
    """Regression (Choice Properties REIT): the caption lines between 'Three Months' and the years ended the header,
    so the table had no periods; 'Change $' columns are no periods of the span above them."""
    [t] = fixed_width.parse_all(CAPTION_IN_HEADER, "line 1")
    assert "thousands" in t.title
    assert [(p.end, p.months) for p in header_periods(" | ".join(t.header))] == [
        (date(2024, 12, 31), 3), (date(2023, 12, 31), 3), (date(2024, 12, 31), 12), (date(2023, 12, 31), 12)]
    rows = {r.label: r for r in t.rows}
    assert rows["Net Income (Loss)"].values[0] == "791,916"  # a wrapped '(Loss)' joins the label above it


def test_a_date_in_the_caption_dates_columns_headed_by_years_only() -> None:
    [t] = fixed_width.parse_all(DATED_BY_CAPTION, "line 1")
    assert [(p.end, p.months) for p in header_periods(" | ".join(t.header), point_in_time=True)] == [
        (date(2024, 12, 31), 0), (date(2023, 12, 31), 0)]


def test_per_share_rows_under_a_per_share_heading_are_not_scaled() -> None:
    """Regression: Carrier's 'Diluted earnings per share: / Continuing operations 1.22' was stored as $1,220,000."""
    [t] = fixed_width.parse_all(CAPTION_IN_HEADER, "line 1")
    meta = ReleaseMeta(company="Choice", short_name="Choice", ticker=None, period="Q4 2024",
                       period_end=date(2024, 12, 31), months=3, currency="CAD", scale=1000, release_date=None)
    facts = {(f.label, f.months): f for f in table_facts(t, meta, "choice", 1) if f.period_end.year == 2024}
    assert (facts[("Continuing", 3)].value, facts[("Continuing", 3)].unit) == (
        Decimal("1.094"), Unit.PER_SHARE)
    assert facts[("Net Income (Loss)", 12)].value == 784_437_000


def test_hyphens_and_footnote_marks_in_wrapped_labels_make_no_column() -> None:
    """Regression (Agree Realty, Ryder): 'Funds from Operations -' and 'SCS revenue (1)' put a dash or a footnote
    mark at the same place on several lines; that is no column of figures."""
    text = """\
                                 Three months ended
                                    December 31,
                              --------------------------
                                  2024          2023
                              ------------  ------------
Funds from
 Operations -
 OP Common
 Unitholders                  $   99,137    $   92,087
Amortization
 of lease
 intangibles -
 in-place leases                  17,652        15,611
SCS revenue         (1)            1,007           972
SCS margin          (1)              890           800
"""
    [table] = fixed_width.parse_all(text.split("\n"), "line 1")
    assert len(table.header) == 2
    assert [r.values for r in table.rows] == [("99,137", "92,087"), ("17,652", "15,611"), ("1,007", "972"),
                                              ("890", "800")]
    assert table.rows[2].label.startswith("SCS revenue")


CENTRED = """\
 Consolidated Statement of Operations (unaudited)
 Three and Twelve Months Ended December 31,\xa02024 and 2023

                              4Q                       12 Months
                      2024          2023          2024          2023
                   ----------    ----------    ----------    ----------
      ($ in millions except number of shares and per share amounts)
Revenues
Net earned
 premiums         $   2,557.5   $   2,422.2   $   9,795.8   $   9,388.0
Fees and other
 income                 438.6         434.4       1,638.6       1,323.2
"""


def test_headings_centred_over_pairs_of_columns_head_both() -> None:
    """Regression (Assurant): '4Q' and '12 Months' centred over two year columns each, with a rule per column below
    the years: '12' was read as a value (the header lost its spans) and '4Q' headed only its nearest column; the
    caption above, one run of words across the columns, is a caption, not a heading."""
    (table,) = fixed_width.parse_all(CENTRED.splitlines(), "line 1")
    assert table.header == ("4Q 2024", "4Q 2023", "12 Months 2024", "12 Months 2023")
    assert header_periods(" | ".join(table.header)) == [
        header_periods("Q4 2024")[0], header_periods("Q4 2023")[0],
        *header_periods("Twelve Months Ended December 31, 2024 | December 31, 2023")]
    assert table.rows[0].label == "Net earned premiums"


_META = ReleaseMeta(company="Acme", short_name="Acme", ticker=None, period="Q4 2024", period_end=date(2024, 12, 31),
                    months=3, currency="USD", scale=None, release_date=None)

# the names of the columns under each period (Carrier, Danaos, Assurant, H&R REIT, Molson Coors print them so)
NAMED = """\
                        Three Months Ended December 31,                  Year Ended December 31,
                 ---------------------------------------------  ------------------------------------------
                         2024                    2023                   2024                  2023
                 ---------------------  ----------------------  --------------------  --------------------
(In millions)     Reported   Adjusted    Reported    Adjusted   Reported   Adjusted   Reported   Adjusted
---------------  ----------  ---------  ----------  ----------  ---------  ---------  ---------  ---------
Net sales
 HVAC             $   4,509  $   4,509   $   3,293   $   3,293   $ 19,078   $ 19,078   $ 15,139   $ 15,139
 Refrigeration          680        680       1,024       1,024      3,475      3,475      3,818      3,818
""".split("\n")

PARTS = """\
                              Year Ended                                  Year Ended
                           December 31, 2024                           December 31, 2023
-----------------   -------------------------------              -----------------------------  --------
Financial &
Operating           Container   Drybulk                          Container  Drybulk
Metrics              Vessels    Vessels     Other      Total      Vessels    Vessels   Other     Total
-----------------   ---------  ---------  ---------  ----------  ---------  --------  --------  --------
Operating Revenues   $937,077    $77,033          -  $1,014,110   $963,192   $10,391         -  $973,583
Voyage Expenses,
 excl.
 commissions             $746  $(27,075)          -   $(26,329)   $(1,662)  $(6,446)         -  $(8,108)
Time Charter
 Equivalent
 Revenues (1)        $937,823    $49,958          -    $987,781   $961,530    $3,945         -  $965,475
Net income/(loss)    $518,129     $4,429  $(17,485)    $505,073   $563,279  $(1,910)   $14,930  $576,299
Adjusted net
 income / (loss)
 (2)                 $519,759     $4,989     $7,694    $532,442   $572,215  $(1,690)  $(2,937)  $567,588
Earnings per
 share, basic                                            $26.15                                   $28.99
""".split("\n")

LEFT_ALIGNED = """\
                  Year ended December 31, 2024
(in thousands of  REIT'sFinancialStatements  Equity                REIT's
Canadian                                     accountedinvestments  proportionate
dollars)                                                           share
Rentals from
 investment
 properties                        $816,990              $156,451       $973,441
Property
 operating costs                  (297,072)              (41,814)      (338,886)
""".split("\n")


def test_names_under_the_periods_name_each_column_and_each_period_heads_its_run() -> None:
    [t] = fixed_width.parse_all(NAMED, "line 1")
    assert t.header == ("Three Months Ended December 31, 2024", "Three Months Ended December 31, 2023",
                        "Year Ended December 31, 2024", "Year Ended December 31, 2023")
    assert t.column_names == ("Reported", "Adjusted") * 4
    assert [(r.label, r.section) for r in t.rows] == [("HVAC", "Net sales"), ("Refrigeration", "Net sales")]
    facts = table_facts(t, _META, "doc", inherited_scale=1_000_000)
    assert {(f.section, f.period_end, f.months, f.value) for f in facts if f.label == "HVAC" and f.months == 12} == {
        ("Reported Net sales", date(2024, 12, 31), 12, Decimal("19078000000")),
        ("Adjusted Net sales", date(2024, 12, 31), 12, Decimal("19078000000")),
        ("Reported Net sales", date(2023, 12, 31), 12, Decimal("15139000000")),
        ("Adjusted Net sales", date(2023, 12, 31), 12, Decimal("15139000000"))}


def test_names_stacked_over_two_lines_name_the_parts_and_a_total_printed_alone_is_the_company_s() -> None:
    [t] = fixed_width.parse_all(PARTS, "line 1")
    assert t.column_names == ("Container Vessels", "Drybulk Vessels", "Other", "Total") * 2
    facts = {(f.label, f.section, f.period_end.year): f.value
             for f in table_facts(t, _META, "doc", inherited_scale=1_000)}
    assert facts[("Operating Revenues", "Container Vessels segment", 2024)] == Decimal("937077000")
    assert facts[("Net income/(loss)", "Drybulk Vessels segment", 2023)] == Decimal("-1910000")
    # the title never says 'segment': the total of the parts is no company figure, but a row printing the total
    # alone (earnings per share) is
    assert ("Operating Revenues", "", 2024) not in facts
    assert facts[("Earnings per share, basic", "", 2024)] == Decimal("26.15")


def test_left_aligned_names_belong_to_the_column_they_start_over() -> None:
    [t] = fixed_width.parse_all(LEFT_ALIGNED, "line 1")
    assert t.column_names == ("REIT'sFinancialStatements", "Equity accountedinvestments", "REIT's proportionate share")


def test_a_heading_over_several_columns_names_none() -> None:
    lines = [line.replace("Reported   Adjusted    Reported    Adjusted", "  Constant currency basis         ")
             for line in NAMED]
    [t] = fixed_width.parse_all(lines, "line 1")
    assert t.column_names == ()


def test_change_columns_are_set_aside_where_they_stand() -> None:
    """Regression: Choice Properties' 'Change $' columns made rows wider than their periods; dropped with their
    positions, their figures slid into the next period's column (the quarter's change of (276) stored as the year's
    interest income instead of (52,593)). Read from the release itself: a shorter excerpt does not give the
    columns the widths under which the figures slid."""
    from pathlib import Path

    lines = (Path(__file__).parent.parent / "evals/corpus/wild/choice-properties-reit_2024Q4.md").read_text(
        encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if "Three Months" in line and "Year Ended" in line
                 and any("Lease surrender" in x for x in lines[i:i + 80]))
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("```"))
    rows = {r.label: r.values for t in fixed_width.parse_all(lines[start:end], "line 1") for r in t.rows}
    assert rows["Interest income"] == ("(10,247)", "(9,971)", "(52,593)", "(41,414)")
    assert rows["Adjustment to fair value of investment properties"] == ("16,112", "74,445", "(92,731)", "(114,150)")
    [t] = fixed_width.parse_all(CAPTION_IN_HEADER, "line 1")
    assert len(t.header) == 4 and not any("Change" in h for h in t.header)


def test_a_percent_sign_between_words_stays_in_the_label() -> None:
    """Regression (Hanesbrands): 'Gross profit, as a % of net sales' lost its '%' and read as 'Gross profit, as a
    of net sales', which a question for gross profit then matched; signs before the figures still go."""
    from index.fixed_width import _label_of

    cols = [(40, 48), (50, 58)]
    assert _label_of("Gross profit, as a % of net sales          43.9%     40.2%", cols)[1] == (
        "Gross profit, as a % of net sales")
    assert _label_of("Revenue                              $    1,234  $  1,100", cols)[1] == "Revenue"


# a PDF page laid out by its words' positions (loaders._table_layout), from Insig AI's interim statements
STACKED_DATES = """\
                CONDENSED CONSOLIDATED STATEMENT OF FINANCIAL POSITION
                                              As at          As at          As at
                                                 30       31 March   30 September
                                          September           2024           2023
                                               2024        Audited      Unaudited
                                Notes
                                          Unaudited              £              £
                                                  £
                Non-Current Assets
                Property, plant and equipment     3,640          5,652         14,759
                Intangible assets      7      3,796,971      4,404,000     19,464,501
                                              3,924,361      4,409,652     19,502,387
                Current Assets
                Cash and cash equivalents       226,376         37,847        659,670
""".split("\n")

SPANS_NOT_DAYS = """\
                               Current basis            Like-for-like (12)
------------              ------------------------  --------------------------
              Appraisal
               value at   Change over  Change over  Change over   Change over
               Dec 31,      last 6       last 12      last 6        last 12
                 2024       months       months       months        months
------------  ----------  -----------  -----------  -----------  -------------
Value
 excluding
 transfer
 taxes         2,583.7       -4.3%        -4.0%        +0.7%         +1.1%
Value
 including
 taxes         2,761.2       -4.1%        -3.9%        +0.9%         +1.3%
""".split("\n")


def test_days_stacked_over_their_months_are_part_of_the_header() -> None:
    """Regression: '30   31 March   30 September' (days over the months of the next line) read as a row of values,
    which ended the header and lost the balance sheet; a heading per column ('As at' three times) is each
    column's own, not a span over the columns to its right; a note reference beside the label is no word of it;
    a row with no label under a heading is the heading's total."""
    [t] = fixed_width.parse_all(STACKED_DATES, "page 3", page=True)
    assert t.header == ("As at 30 September 2024", "As at 31 March 2024 Audited", "As at 30 September 2023 Unaudited")
    assert [(r.label, r.section) for r in t.rows][:2] == [("Property, plant and equipment", "Non-Current Assets"),
                                                        ("Intangible assets", "Non-Current Assets")]
    assert [r.section for r in t.rows][-1] == "Current Assets"  # a heading at the rows' indent is no label's start


def test_small_numbers_over_spans_are_no_days() -> None:
    """Counter-example: 'last 6 | last 12' over 'months' holds spans; the line is no stacked date, and the table (whose
    scale nothing states) is not read as values at 'Dec 31, 2024'."""
    assert not fixed_width._day_line(SPANS_NOT_DAYS, 4, 15)
    assert fixed_width._day_line(STACKED_DATES, 2, 46)


CENTRED_WORDS = """\
     £m                                                     Six months   ended      Six months   ended
                                                                30 June 2025          30 June 2024
     Cash flows from operating activities
     (Loss)/profit after income tax                                   (1.8)                  2.2
     Adjustments for:
     - Income tax expense                                               0.4                  1.0
     - Amortisation and depreciation                                    9.4                  9.3
""".split("\n")


def test_headings_centred_over_their_columns_on_a_page() -> None:
    """A PDF page's headings stand centred over their columns in words apart ('Six months    ended'): each word goes
    to the column whose region holds its centre; a bullet before a label is no word of it. A newswire block
    keeps reading by overlap."""
    [t] = fixed_width.parse_all(CENTRED_WORDS, "page 17", page=True)
    assert t.header == ("Six months ended 30 June 2025", "Six months ended 30 June 2024")
    assert [r.label for r in t.rows] == ["(Loss)/profit after income tax", "Income tax expense",
                                         "Amortisation and depreciation"]


INVENTORIES = """\
                                                 3/25/2023     12/31/2022
       Current Assets
         Cash and cash equivalents           $      4,770  $       4,954
         Inventories:
            Raw materials and packaging             2,435          2,366
            Finished goods                          3,147          2,742
                                                    5,697          5,222
         Prepaid expenses                           1,057            806
""".split("\n")


def test_the_figures_under_a_heading_with_a_colon_are_its_total() -> None:
    """Regression (PepsiCo, read by position): the unlabelled figures under 'Inventories:' and its parts are the
    inventories; without a label they were lost."""
    [t] = fixed_width.parse_all(INVENTORIES, "page 8", page=True)
    assert ("Inventories", ("5,697", "5,222")) in [(r.label, r.values) for r in t.rows]


CHANGE_AND_PERCENT = """\
       Quarters Ended March 31,                          2023         2022         Inc/ (Dec)
       Revenues
       Sales by Company-operated restaurants         $  2,224.3   $   2,302.4   $   (78.1)         (3) %
       Revenues from franchised restaurants             3,587.5       3,262.8        324.7         10
       Other revenues                                      86.0         100.4       (14.4)        (14)
""".split("\n")


def test_the_column_beside_a_change_with_no_heading_is_the_change_in_per_cent() -> None:
    """Regression (McDonald's, read by position): 'Inc/ (Dec)' stands over the $ change only; the % change to its
    right has no heading of its own, took the caption's 'Quarters Ended March 31,' and the table was refused."""
    [t] = fixed_width.parse_all(CHANGE_AND_PERCENT, "page 4", page=True)
    assert t.header == ("Quarters Ended March 31, 2023", "Quarters Ended March 31, 2022")
    assert t.rows[0].values == ("2,224.3", "2,302.4")


def test_a_header_at_the_foot_of_a_page_heads_the_rows_at_the_top_of_the_next() -> None:
    """A statement whose title and headings end one page and whose rows begin the next (Insig AI's income
    statement): the headings are carried over; the page number between them is no row."""
    previous = """\
                Richard Bernstein
                CONDENSED CONSOLIDATED STATEMENT OF COMPREHENSIVE INCOME
                                                           6 months to    6 months
                                                                    30       to 30
                                                             September   September
                                                                  2024        2023
                                                             Unaudited   Unaudited
                                                     Notes          £           £
                                                             Page 2 of 8""".split("\n")
    page = """\
                Continuing operations
                Revenue                                       165,780     882,478
                Cost of sales                                       -   (384,916)
                Gross profit                                  165,780     497,562""".split("\n")
    previous = fixed_width.without_page_marks(previous)
    assert not any("Page 2" in line for line in previous)
    carried = fixed_width.carried_header(previous, page)
    assert carried[0].strip() == "CONDENSED CONSOLIDATED STATEMENT OF COMPREHENSIVE INCOME"
    [t] = fixed_width.parse_all(carried + page, "page 3", page=True)
    assert t.header == ("6 months to 30 September 2024", "6 months to 30 September 2023")
    assert fixed_width.carried_header(["Richard Bernstein", "Chief Executive Officer"], page) == []
    assert fixed_width.carried_header(previous, STACKED_DATES) == []  # a page with headings of its own


WRAPPED_AROUND = """\
                                                                                       June 30, 2024       June 30, 2023
 Cash and cash equivalents                                                          $    1,280,662   $        1,231,625
 Accounts receivable trade, net of allowance for credit losses of $12,108 as of
                                                                                           626,189              682,517
   June 30, 2024 and $13,828 as of June 30, 2023
 Contract assets                                                                            66,450               71,196
 Accounts payable, net                                                                      12,000               11,000
 Current liabilities
 Deferred revenues                                                                          10,000                9,000
""".split("\n")


def test_a_label_wrapped_around_its_figures_is_one_label() -> None:
    """Regression (OpenText, read by position): a long label printed over two lines with its figures between them
    kept only its first line, and its last line became the heading of the rows below. A line after a row whose label
    ends in a joining word, indented under it, is the rest of that label; a heading after a label ending in 'net' is
    no part of it."""
    [t] = fixed_width.parse_all(WRAPPED_AROUND, "page 8", page=True)
    rows = {r.label: r.section for r in t.rows}
    assert ("Accounts receivable trade, net of allowance for credit losses of $12,108 as of June 30, 2024 and "
            "$13,828 as of June 30, 2023") in rows
    assert rows["Contract assets"] == ""
    assert rows["Deferred revenues"] == "Current liabilities"


@pytest.mark.parametrize(("previous", "new", "section"), fixed_width.SUB_HEADING_EXAMPLES)
def test_a_sibling_sub_heading_keeps_its_parent(previous: tuple, new: tuple, section: str) -> None:
    parts = fixed_width.sub_heading_parts(list(new), list(previous))
    assert " ".join(t for _, t in parts) == section


SIBLING_SUB_HEADINGS = """\
                              Three Months Ended                           Year Ended
                                 December 31,                             December 31,
                   ----------------------------------------  --------------------------------------
(In millions,
except per share
amounts)                  2024                 2023                 2024                2023
-----------------  -------------------  -------------------  ------------------  ------------------
Net sales           $            4,530   $            3,726    $         19,990    $         16,665
Earnings per
share
 Basic:
   Continuing
    operations     $            (0.05)  $              0.50  $             1.23  $             1.66
   Net earnings    $              2.87  $              0.50  $             6.24  $             1.61
 Diluted:
   Continuing
    operations     $            (0.05)  $              0.49  $             1.22  $             1.63
   Net earnings    $              2.82  $              0.49  $             6.15  $             1.58
""".split("\n")  # Carrier Global, Q4 2024 (its layout, some rows left out)


def test_per_share_rows_under_a_sibling_sub_heading_are_not_scaled() -> None:
    """Regression (Carrier): 'Diluted:' beside 'Basic:' under 'Earnings per share' lost its parent heading, and the
    diluted earnings per share were stored as amounts in millions ($490,000)."""
    [t] = fixed_width.parse_all(SIBLING_SUB_HEADINGS, "line 1")
    meta = ReleaseMeta(company="Carrier", short_name="Carrier", ticker=None, period="Q4 2024",
                       period_end=date(2024, 12, 31), months=3, currency="USD", scale=1_000_000, release_date=None)
    diluted = {(f.value, f.unit) for f in table_facts(t, meta, "carrier", 1_000_000)
               if "Diluted" in f.section and f.months == 3}
    assert diluted == {(Decimal(v), Unit.PER_SHARE) for v in ("-0.05", "0.49", "2.82")}


STATEMENT_DATED_ABOVE = """\
                 Concise Consolidated Balance Sheets
                        As of December 31, 2024

                              December 31
 ---------------------------------------------------------------------
                                                 2024        2023
                                              ----------  ----------
                                                     (Audited)
                                             -------------------------
                                               Thousands of Dollars
                                             -------------------------

Current assets:
   Cash and cash equivalents                     120,509     174,463
   Restricted Cash                                 1,305       2,950
Total current assets                             855,078     831,043
""".split("\n")  # Delta Galil, Q4 2024 (its layout, some rows left out)

PERIODS_ENDING_ABOVE = """\
                            Consolidated Statement of Comprehensive Income
                     For the year and three month periods ending December 31,\xa02024

                                                                 Three months
                  Year ended December                           ended December
                           31           % Increase/(Decrease)         31          % Increase/(Decrease)
                  --------------------  ---------------------  -----------------  ---------------------
                    2024       2023                             2024      2023
                  ---------  ---------  ---------------------  -------  --------  ---------------------
                                                  Thousands of Dollars
                  -------------------------------------------------------------------------------------
Sales             2,045,666  1,857,682           10%           599,227   508,603           18%
Cost of sales     1,189,374  1,097,084                         349,099   289,468
""".split("\n")  # Delta Galil, Q4 2024


def test_a_date_over_the_whole_statement_is_its_caption_and_the_unit_below_the_years_its_scale() -> None:
    """Regression (Delta Galil: 0 of 174 amounts read): 'As of December 31, 2024' centred over the balance sheet,
    and 'For the year and three month periods ending December 31, 2024' over the income statement, were read as
    every column's heading, so each column named two dates; 'Thousands of Dollars' under '(Audited)' was lost."""
    meta = ReleaseMeta(company="Delta Galil", short_name="Delta Galil", ticker=None, period="Q4 2024",
                       period_end=date(2024, 12, 31), months=3, currency="USD", scale=None, release_date=None)
    [sheet] = fixed_width.parse_all(STATEMENT_DATED_ABOVE, "line 1")
    cash = {(f.period_end, f.value) for f in table_facts(sheet, meta, "dg", 1)
            if f.label == "Cash and cash equivalents"}
    assert cash == {(date(2024, 12, 31), Decimal("120509000")), (date(2023, 12, 31), Decimal("174463000"))}
    [income] = fixed_width.parse_all(PERIODS_ENDING_ABOVE, "line 1")
    sales = {(f.period_end, f.months, f.value) for f in table_facts(income, meta, "dg", 1) if f.label == "Sales"}
    assert sales == {(date(2024, 12, 31), 12, Decimal("2045666000")), (date(2023, 12, 31), 12, Decimal("1857682000")),
                     (date(2024, 12, 31), 3, Decimal("599227000")), (date(2023, 12, 31), 3, Decimal("508603000"))}


def test_rows_before_a_block_s_first_header_are_a_table_of_their_own() -> None:
    """Regression (Cresud): a block that opens with rows ('Profit for the Period', 'EPS (Basic)') before its first
    header line kept none of them; they are the rest of a table headed above the block, so they come out as a
    table with no header of its own (the loader gives it the one above)."""
    block = [" Profit for the Period                     (64,391)      266,118",
             " EPS (Basic)                               (103.27)       179.48",
             "",
             " Balance Sheet                           12/31/2024   06/30/2024",
             " Current Assets                             860,003      855,684",
             " Total Assets                             3,955,326    4,207,077"]
    lead, sheet = fixed_width.parse_all(block, "line 1")
    assert lead.header == (fixed_width.CONTINUED,) and not lead.title
    assert [(r.label, r.values) for r in lead.rows] == [("Profit for the Period", ("(64,391)", "266,118")),
                                                         ("EPS (Basic)", ("(103.27)", "179.48"))]
    assert sheet.title == "Balance Sheet" and [r.label for r in sheet.rows] == ["Current Assets", "Total Assets"]
    # a block whose only rows stand before any header is no table (one row of figures says nothing)
    assert fixed_width.parse_all(block[:1] + block[3:4], "line 1") == []


def test_running_text_before_a_header_is_no_rows() -> None:
    """Regression guard (Molson Coors): fences that pair the wrong way make the text between two blocks a 'block';
    its sentences with figures are no rows to go on with the table above ('Debt: Total debt as of December 31,'
    was read as a row of 2024 and 6,146.1)."""
    from pathlib import Path

    text = (Path(__file__).parents[1] / "evals/corpus/wild/molson-coors_2024Q4.md").read_text(encoding="utf-8")
    lines = text.split("\n")
    fences = [i for i, ln in enumerate(lines) if ln.strip() == "```"]
    # the text between a block's closing fence and the next block's opening one, read as one block
    between = next(lines[a + 1:b] for a, b in zip(fences, fences[1:], strict=False)
                   if any("Share Repurchase Program" in ln for ln in lines[a + 1:b]))
    assert fixed_width.parse_all(between, "line 1")  # (it holds a header line, so the block is read)
    assert all(t.header != (fixed_width.CONTINUED,) for t in fixed_width.parse_all(between, "line 1"))


RULED_ROWS = """\
TOTAL               (millions of Pesos unless  (millions of Dollars, unless otherwise
PORTFOLIO                   otherwise stated)                                 stated)
                  FY24      FY23     Variance        FY24        FY23        Variance
Net
 Operating
 Income            Ps.       Ps.
 (inc. SLR)   4,131.3m  3,739.2m        10.5%  US$ 225.7m  US$ 210.5m            7.2%
------------  --------  --------  -----------  ----------  ----------  --------------
                   Ps.       Ps.
EBITDA        3,738.1m  3,420.0m         9.3%  US$ 204.2m  US$ 192.5m            6.1%
------------  --------  --------  -----------  ----------  ----------  --------------
Weighted
 Average
 CBFIs
 (millions)     797.3m    761.3m         4.7%      797.3m      761.3m            4.7%
------------  --------  --------  -----------  ----------  ----------  --------------
NOI Margin
 (inc. SLR)      85.7%     86.2%     (49 bps)       85.7%       86.2%        (49 bps)
------------  --------  --------  -----------  ----------  ----------  --------------
Occupancy EOP    95.5%     97.3%   (180 bps)        95.5%       97.3%       (180 bps)
------------  --------  --------  -----------  ----------  ----------  --------------
""".splitlines()


def test_rows_between_rules_are_one_row_each_with_its_currency_signs_and_glued_scales() -> None:
    """A newswire table with a rule under every row: the lines between two rules are one row whatever their
    indents, the signs on a line above the figures ('Ps.') or beside them ('US$ 225.7m') are theirs, a scale glued
    to a figure ('4,131.3m') is the cell's own, and '(49 bps)' is one change token, no column of its own."""
    [t] = fixed_width.parse_all(RULED_ROWS, "line 1")
    rows = {r.label: r.values for r in t.rows}
    assert rows["Net Operating Income (inc. SLR)"] == ("Ps.4,131.3m", "Ps.3,739.2m", "US$225.7m", "US$210.5m")
    assert rows["EBITDA"] == ("Ps.3,738.1m", "Ps.3,420.0m", "US$204.2m", "US$192.5m")
    assert rows["Weighted Average CBFIs (millions)"] == ("797.3m", "761.3m", "797.3m", "761.3m")
    assert rows["NOI Margin (inc. SLR)"] == ("85.7%", "86.2%", "85.7%", "86.2%")
    meta = ReleaseMeta(company="FIBRA Macquarie", short_name="FIBRA Macquarie", ticker=None, period="Q4 2024",
                       period_end=date(2024, 12, 31), months=3, currency="USD", scale=1_000_000, release_date=None)
    facts = {(f.label, f.period_end, f.months, f.currency): f.value for f in table_facts(t, meta, "fibra", 1)}
    assert facts[("Net Operating Income (inc. SLR)", date(2024, 12, 31), 12, "MXN")] == 4_131_300_000
    assert facts[("EBITDA", date(2023, 12, 31), 12, "USD")] == 192_500_000
    assert facts[("Weighted Average CBFIs (millions)", date(2024, 12, 31), 12, None)] == 797_300_000
    # 'EOP': a balance at the column's end
    assert facts[("Occupancy EOP", date(2024, 12, 31), 0, None)] == Decimal("95.5")


def test_a_label_s_trailing_currency_sign_is_its_figure_s() -> None:
    lines = """\
RETAIL PORTFOLIO                         FY24        FY23   Variance
Net Operating Income (incl. SLR)   Ps. 573.9m  Ps. 529.4m       8.4%
---------------------------------  ----------  ----------  ---------
Net Operating Income (excl. SLR)   Ps. 581.2m  Ps. 551.9m       5.3%
---------------------------------  ----------  ----------  ---------
NOI Margin (%, inc. SLR)                69.7%       70.5%   (79 bps)
""".splitlines()
    [t] = fixed_width.parse_all(lines, "line 1")
    assert [(r.label, r.values) for r in t.rows][:2] == [
        ("Net Operating Income (incl. SLR)", ("Ps.573.9m", "Ps.529.4m")),
        ("Net Operating Income (excl. SLR)", ("Ps.581.2m", "Ps.551.9m"))]


WIDE_CAPTION = """\
                       RYDER SYSTEM, INC. AND SUBSIDIARIES
                 CONSOLIDATED STATEMENTS OF EARNINGS - UNAUDITED
                                    Three months ended      For the year ended
                                       December 31,            December 31,
                                  ----------------------  -----------------------
(In millions, except per share
amounts)                             2024        2023        2024         2023
-------------------------------   -----------  ---------  -----------  ----------
Services revenue                  $2,098       1,898      $ 8,345       7,297
Lease & related maintenance and
 rental revenues                     990         996        3,835       3,937
Other  1 2 3
""".splitlines()


def test_a_caption_wider_than_the_label_column_and_a_hyphened_title_keep_the_stacked_header() -> None:
    """Regression (Ryder, GE HealthCare): a caption stating the scale, wrapped at the margin and wider than the
    narrowest label column of the block ('(In millions, except per share' / 'amounts)  2024 ...'), ended the header,
    so 'Three months ended | For the year ended' were lost and the columns read as bare years; and the hyphen of
    'EARNINGS - UNAUDITED' was a nil figure, so the title line was taken for a row and the title lost."""
    [t] = [t for t in fixed_width.parse_all(WIDE_CAPTION, "line 1") if len(t.rows) >= 2]
    assert t.header == ("Three months ended December 31, 2024", "Three months ended December 31, 2023",
                        "For the year ended December 31, 2024", "For the year ended December 31, 2023")
    assert "CONSOLIDATED STATEMENTS OF EARNINGS - UNAUDITED" in t.title and "In millions" in t.title


DAYS_WITH_COMMAS = """\
                      (in thousands, except per share data)

                              Three Months Ended                Year Ended
                       ---------------------------------   --------------------
                       December    September    December   December    December
                          28,         28,         30,         28,        30,
                         2024         2024        2023       2024        2023
                       ---------   ----------   --------   ---------   --------
Revenue                $ 117,419   $  127,091   $170,596   $ 509,401   $737,154
Cost of sales             45,666       39,403     51,649     169,001    222,484
""".splitlines()


def test_days_written_with_a_comma_between_their_months_and_years_are_part_of_the_header() -> None:
    """Regression (Lattice): '28,  28,  30,' between 'December September December' and the years ended the header,
    and the statement was read as bare years and refused."""
    [t] = fixed_width.parse_all(DAYS_WITH_COMMAS, "line 1")
    assert t.header[0] == "Three Months Ended December 28, 2024" and t.header[4] == "Year Ended December 30, 2023"


@pytest.mark.parametrize(("text", "names_a_period"), fixed_width.PERIOD_WORD_EXAMPLES)
def test_the_verb_may_names_no_period(text: str, names_a_period: bool) -> None:
    assert bool(fixed_width._PERIOD_WORD.search(text)) is names_a_period


@pytest.mark.parametrize(("token", "figure"), fixed_width.FIGURE_EXAMPLES)
def test_a_rate_in_parentheses_is_a_figure(token: str, figure: bool) -> None:
    assert fixed_width.is_figure(token) is figure


WRAPPED_DATES = """\
      £m                           Note    Adjusted    Adjustments     Six months
                                                      (see Note 5)  ended 30 June
                                                                            2025
      Revenue                        4       110.9               -         110.9
      Cost of sales                         (65.0)             0.2        (64.8)
      Condensed Consolidated Statement of Comprehensive Income
      £m                                                Six months ended 30    Six months ended 30
                                                                  June 2025              June 2024
      (Loss)/profit for the period                                    (1.8)                    2.2
      Items that may be reclassified subsequently to profit or loss:
      Exchange differences on translation of foreign operations       (4.9)                  (1.0)
      Total comprehensive (loss)/income for the period                (6.7)                    1.2
""".splitlines()  # XP Power, H1 2025 (its page laid out by position, shortened)


def test_a_date_wrapped_after_its_day_opens_the_header_and_the_verb_may_ends_no_table() -> None:
    """Regression (XP Power): 'Six months ended 30' over 'June 2025' was a line of values (its day), so the header
    came out blank; and 'Items that may be reclassified ...' was a header line (May), which ended the table after
    its first row and lost it."""
    tables = fixed_width.parse_all(WRAPPED_DATES, "page 14", page=True)
    income = tables[-1]
    assert income.header == ("Six months ended 30 June 2025", "Six months ended 30 June 2024")
    assert "Comprehensive Income" in income.title
    assert [r.label for r in income.rows] == ["(Loss)/profit for the period",
                                              "Exchange differences on translation of foreign operations",
                                              "Total comprehensive (loss)/income for the period"]
    assert income.rows[1].section == "Items that may be reclassified subsequently to profit or loss:"


STUB_SPAN_BELOW = """\
       Revenue                                   2025          2024        % change in
       Six months to 30 June                      £m            £m    constant currency

       Semiconductor Manufacturing Equipment     43.8          45.7                (2%)
       Industrial Technology                     42.4          50.9               (15%)
       Healthcare                                24.7          30.5               (17%)
""".splitlines()  # XP Power, H1 2025


def test_a_span_heading_in_the_stub_under_the_years_heads_each_year_column() -> None:
    """Regression (XP Power): 'Six months to 30 June' in the label column under 'Revenue' was glued after the first
    year ('2025 Six months to 30 June £m', no period), and the change column, whose rates print the sign inside
    the parentheses ('(15%)'), was no column: its heading went to the year beside it."""
    [t] = fixed_width.parse_all(STUB_SPAN_BELOW, "page 4", page=True)
    assert t.header == ("Six months to 30 June 2025 £m", "Six months to 30 June 2024 £m")
    assert t.rows[2].values == ("24.7", "30.5")


GROUP_HEADING_OVER_A_RULE = """\
                           Year Ended December 28, 2024
                      ---------------------------------------
                                    Impact from                Year Ended    % Change,    % Change,
                                      Foreign      Constant     December        As         Constant
                      As Reported   Currency(1)     Currency    30, 2023     Reported      Currency
                      -----------  -------------  -----------  -----------  -----------  -----------
   Net sales          $3,507,438    $   (39,532)  $3,546,970   $3,639,386     (3.6)%        (2.5)%
   Gross profit        1,359,524        (19,858)   1,379,382    1,291,890      5.2           6.8
""".splitlines()  # Hanesbrands, Q4 2024


def test_a_date_underlined_over_some_columns_heads_them_and_dates_no_statement() -> None:
    """Regression (Hanesbrands): 'Year Ended December 28, 2024' over a rule that covers the first three columns only
    was taken for the date of the whole statement and moved to the title, leaving those columns undated."""
    [t] = fixed_width.parse_all(GROUP_HEADING_OVER_A_RULE, "line 1")
    assert t.header[0] == "Year Ended December 28, 2024 As Reported"
    assert t.header[3] == "Year Ended December 30, 2023"


LABEL_WRAPPED_AT_THE_END = """\
      £m                           Note    Adjusted    Adjustments     Six months
                                                      (see Note 5)  ended 30 June 2025
      Basic (loss)/earnings per     7         0.4           (7.6)           (7.2)
      share
      Diluted (loss)/earnings per   7         0.4           (7.6)           (7.2)
      share
      Condensed Consolidated Statement of Comprehensive Income
""".splitlines()  # XP Power, H1 2025


def test_the_last_row_s_label_wrapped_after_its_figures_ends_in_the_table_not_the_next_title() -> None:
    """Regression (XP Power): the 'share' that ends 'Diluted (loss)/earnings per', under the table's last figures,
    went to the next table's title."""
    [t] = fixed_width.parse_all(LABEL_WRAPPED_AT_THE_END, "page 14", page=True)
    assert [r.label for r in t.rows] == ["Basic (loss)/earnings per share", "Diluted (loss)/earnings per share"]
