"""Answer text for people: amounts as releases print them ("RMB339.6 million"), a one-line answer, a Markdown
table of the figures, the cited reasons. Rounding happens here and only here; figures keep exact values."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from assistant.answers import Citation, Figure

_SYMBOL = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "HKD": "HK$", "RMB": "RMB", "CNY": "RMB", "INR": "₹"}


def _round(v: Decimal, places: int) -> Decimal:
    return v.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _grouped(v: Decimal, places: int) -> str:
    return f"{_round(v, places):,.{places}f}"


def money(value: Decimal, currency: str, *, per_share: bool = False, home_currency: str | None = None) -> str:
    """339563000 RMB -> 'RMB339.6 million'; -0.11 RMB per share -> '(RMB0.11)'; 84742000000 USD -> '$84,742 million'."""
    symbol = _SYMBOL.get(currency, currency + " ")
    if currency == "USD" and home_currency and home_currency != "USD":
        symbol = "US$"
    mag = abs(value)
    if per_share or mag < 1_000:
        text = f"{symbol}{_grouped(mag, 2)}"
    elif mag < 1_000_000:
        text = f"{symbol}{_grouped(mag / 1000, 1)} thousand"
    else:
        m = mag / 1_000_000
        places = 0 if m == m.to_integral_value() else 1
        text = f"{symbol}{_grouped(m, places)} million"
    return f"({text})" if value < 0 else text


def _places(fig: Figure, calculated: int) -> int:
    """Decimal places to show: a reported value's as the release printed it ('32%' stays 32%, '3.20%' 3.20%; the
    stored Decimal keeps the printed exponent), a calculated one's `calculated`."""
    if not fig.is_reported:
        return calculated
    exponent = fig.value.as_tuple().exponent
    return min(-exponent, 4) if isinstance(exponent, int) and exponent < 0 else 0


def amount(fig: Figure, home_currency: str | None = None) -> str:
    """A figure's value with its unit and scale: reported rates to the precision printed, calculated ones rounded."""
    if fig.unit == "%":
        return f"{_grouped(fig.value, _places(fig, 1))}%"
    if fig.unit == "pp":
        return f"{_grouped(fig.value, _places(fig, 1))} percentage points"
    if fig.unit == "x":
        return f"{_grouped(fig.value, _places(fig, 2))}x"
    if fig.unit == "bps":
        return f"{_grouped(fig.value, 0)} bps"
    if fig.unit == "shares":
        if abs(fig.value) >= 1_000_000:
            return f"{_grouped(fig.value / 1_000_000, 1)} million shares"
        return f"{_grouped(fig.value, 0)} shares"
    if fig.unit in ("count", "other"):
        return _grouped(fig.value, 0 if fig.value == fig.value.to_integral_value() else 2)
    return money(fig.value, fig.unit, per_share=fig.per_share, home_currency=home_currency)


def signed_amount(fig: Figure, home_currency: str | None = None) -> str:
    """A change: '+27.5%', '-RMB12.0 million'."""
    if fig.unit in ("%", "pp"):
        text = amount(fig, home_currency)
        return ("+" + text) if fig.value > 0 and not text.startswith("+") else text
    if fig.value < 0:
        return "-" + amount(replace(fig, value=-fig.value), home_currency)
    return "+" + amount(fig, home_currency)


def spoken(fig: Figure, home_currency: str | None = None) -> str:
    """An amount in a sentence: a cost or a loss printed in parentheses is said as its size ('Net loss was
    RMB456.9 million'), as releases say it in their text; the table keeps the printed sign."""
    if (fig.value < 0 and re.search(r"\b(loss|losses|expenses?|costs?|expenditures?)\b", fig.label, re.I)
            and not re.search(r"\b(income|profit|earnings|gains?)\b", fig.label, re.I)):
        return amount(replace(fig, value=-fig.value), home_currency)
    return amount(fig, home_currency)


def figure_row(f: Figure, home_currency: str | None = None) -> tuple[str, str, str, str]:
    """One figure as every interface shows it: label, period, value as printed (a change signed), and where it
    comes from ('reported (kingsoft-cloud_2025Q2, table 2, row 8, column 3)' or 'calculated: a - b')."""
    value = (signed_amount(f, home_currency) if f.metric.endswith(("_change", "_change_percent", "_change_points"))
             else amount(f, home_currency))
    how = "reported" if f.is_reported else f"calculated: {f.formula or ''}"
    where = f" ({f.source.document}, {short_locator(f.source.locator)})" if f.source else ""
    return f.label, f.period, value, how + where


def _printed_half_unit(value: Decimal) -> Decimal:
    """Half the last printed digit of a stated rate ('27.5' -> 0.05): how far a calculation may fall from it."""
    exponent = value.as_tuple().exponent
    return Decimal(1).scaleb(exponent) / 2 if isinstance(exponent, int) else Decimal("0.005")


def agrees(stated: Figure, calculated: Figure) -> bool:
    """A calculated change that a release states too: the same company, period and unit, a change of the stated
    figure's own row, and equal to the stated one as printed ('+27.5%' and 27.54%)."""
    base = calculated.inputs[0].metric if calculated.inputs else ""
    return (stated.is_reported and not calculated.is_reported and stated.unit == calculated.unit
            and stated.company == calculated.company and stated.period == calculated.period and bool(base)
            and stated.metric.startswith(base) and stated.metric != base
            and abs(stated.value - calculated.value) <= _printed_half_unit(stated.value))


def shown_figures(figures: Sequence[Figure]) -> list[tuple[Figure, Figure | None]]:
    """The figures a table shows: each with the calculation that checks it, a calculated change the release states
    too shown once, as stated (its calculation beside it), not as a second row."""
    checks: dict[int, Figure] = {}
    dropped: set[int] = set()
    for i, f in enumerate(figures):
        if f.is_reported:
            continue
        j = next((j for j, g in enumerate(figures) if j not in checks and agrees(g, f)), None)
        if j is not None:
            checks[j] = f
            dropped.add(i)
    return [(f, checks.get(i)) for i, f in enumerate(figures) if i not in dropped]


def figures_table(figures: Sequence[Figure], home_currency: str | None = None) -> str:
    rows = ["| figure | period | value | source |", "|---|---|---|---|"]
    for f, check in shown_figures(figures):
        label, period, value, source = figure_row(f, home_currency)
        source = _cell(source) if f.is_reported else f"calculated: `{_cell(f.formula or '')}`"
        if check is not None:
            source += f"; the table's figures agree: `{_cell(check.formula or '')}`"
        rows.append(f"| {_cell(label)} | {period} | {value} | {source} |")
    return "\n".join(rows)


def short_locator(locator: str) -> str:
    """'Statement / Row / Column (table 2, row 8, column 3)' -> 'table 2, row 8, column 3' for the table."""
    m = re.search(r"\((table [^()]*)\)$", locator)
    return m.group(1) if m else locator


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def citations_block(citations: Sequence[Citation]) -> str:
    lines = ["**What the release says:**"]
    for c in citations:
        lines.append(f"- “{c.quote}” ({c.document}, {c.locator})")
    return "\n".join(lines)


def render(headline: str, figures: Sequence[Figure], citations: Sequence[Citation] = (), notes: Sequence[str] = (),
           home_currency: str | None = None) -> str:
    parts = [headline]
    if figures:
        parts.append(figures_table(figures, home_currency))
    if citations:
        parts.append(citations_block(citations))
    parts.extend(notes)
    return "\n\n".join(parts)
