"""Exact arithmetic on reported figures: Decimal operations through a small operator table, never eval.

Every result is a `calculated` Figure whose formula shows the reported inputs, and whose `inputs` are those figures.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from decimal import Decimal, DivisionByZero, InvalidOperation, localcontext

from assistant.answers import Figure
from index.facts import FactKind

OPERATORS: dict[str, Callable[[Decimal, Decimal], Decimal]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
}
HUNDRED = Decimal(100)
_COST = re.compile(r"\b(expenses?|costs?|expenditures?|purchases?)\b", re.I)


class CalculationError(ArithmeticError):
    """A calculation has no meaningful result (division by zero, mixed units)."""


def apply(op: str, a: Decimal, b: Decimal) -> Decimal:
    """`a op b` with 28 significant digits; only the operators of the table are known."""
    try:
        fn = OPERATORS[op]
    except KeyError:
        raise CalculationError(f"unknown operator {op!r}") from None
    with localcontext() as ctx:
        ctx.prec = 28
        try:
            return fn(a, b)
        except (DivisionByZero, InvalidOperation) as e:
            raise CalculationError(f"{a} {op} {b} has no value") from e


def _n(v: Decimal) -> str:
    """A value as it appears in a formula: the exact base-unit number, negatives in parentheses."""
    text = f"{int(v):,}" if v == v.to_integral_value() else f"{v:,f}"
    return f"({text})" if v < 0 else text


def _magnitudes(new: Figure, old: Figure) -> bool:
    """Rows a release prints in parentheses in both periods (costs, losses) change in magnitude: an expense of
    (339,563) against (266,249) grew by 27.5%, it did not fall."""
    return new.value < 0 and old.value < 0


def _result(base: Figure, *, metric: str, label: str, value: Decimal, unit: str, formula: str,
            inputs: Sequence[Figure], period: str | None = None) -> Figure:
    return Figure(
        metric=metric, label=label, company=base.company, document=base.document,
        period=period or base.period, period_end=base.period_end, months=base.months, value=value, unit=unit,
        kind=FactKind.CALCULATED, formula=formula, source=None, inputs=tuple(inputs),
    )


def _same_units(*figs: Figure) -> None:
    units = {(f.unit, f.per_share) for f in figs}
    if len(units) > 1:
        raise CalculationError("the figures are in different units: " + ", ".join(sorted(f.unit for f in figs)))


def percent_change(new: Figure, old: Figure) -> Figure:
    """(new - old) / |old| x 100, on magnitudes when both are printed as negatives. The formula shows the numbers
    it divides as used (a magnitude as a positive number), never bars a reader must work out."""
    _same_units(new, old)
    if old.value == 0:
        raise CalculationError(f"{old.label} was zero in {old.period}; a percent change has no value")
    if _magnitudes(new, old):
        a, b = -new.value, -old.value
        formula = f"({_n(a)} - {_n(b)}) / {_n(b)} × 100"
    else:
        a, b = new.value, old.value
        formula = f"({_n(new.value)} - {_n(old.value)}) / {_n(abs(old.value))} × 100"
    value = apply("*", apply("/", apply("-", a, b), abs(b)), HUNDRED)
    return _result(new, metric=f"{new.metric}_change_percent", label=f"{new.label}, change {old.period} to "
                   f"{new.period}", value=value, unit="%", formula=formula, inputs=(new, old))


def absolute_change(new: Figure, old: Figure) -> Figure:
    """new - old (in magnitude when both are printed as negatives), in the figures' unit."""
    _same_units(new, old)
    if _magnitudes(new, old):
        value = apply("-", -new.value, -old.value)
        formula = f"{_n(-new.value)} - {_n(-old.value)}"
    else:
        value = apply("-", new.value, old.value)
        formula = f"{_n(new.value)} - {_n(old.value)}"
    fig = _result(new, metric=f"{new.metric}_change", label=f"{new.label}, change {old.period} to {new.period}",
                  value=value, unit=new.unit, formula=formula, inputs=(new, old))
    return replace(fig, per_share=new.per_share)


def difference(a: Figure, b: Figure, *, percent: bool = False) -> Figure:
    """a - b of two figures of one unit (two rows of one period); with `percent`, (a - b) / |b| x 100."""
    _same_units(a, b)
    value = apply("-", a.value, b.value)
    formula = f"{_n(a.value)} - {_n(b.value)}"
    unit = a.unit
    if percent:
        if b.value == 0:
            raise CalculationError(f"{b.label} is zero in {b.period}")
        value = apply("*", apply("/", value, abs(b.value)), HUNDRED)
        formula = f"({formula}) / {_n(abs(b.value))} × 100"
        unit = "%"
    fig = _result(a, metric=f"{a.metric}_less_{b.metric}", label=f"{a.label} less {b.label}", value=value,
                  unit=unit, formula=formula, inputs=(a, b))
    return replace(fig, per_share=a.per_share and not percent)


def point_change(new: Figure, old: Figure) -> Figure:
    """The change of a percentage in percentage points."""
    value = apply("-", new.value, old.value)
    return _result(new, metric=f"{new.metric}_change_points", label=f"{new.label}, change {old.period} to "
                   f"{new.period} (percentage points)", value=value, unit="pp",
                   formula=f"{_n(new.value)} - {_n(old.value)}", inputs=(new, old))


def ratio(numerator: Figure, denominator: Figure, *, percent: bool, metric: str | None = None,
          label: str | None = None) -> Figure:
    """numerator / denominator (x 100 when `percent`): margins, shares of a total, ratios of two metrics.
    Amounts in parentheses are used as printed: an operating loss over revenue is a negative margin."""
    if numerator.unit != denominator.unit:
        raise CalculationError(f"{numerator.label} is in {numerator.unit}, {denominator.label} in "
                               f"{denominator.unit}")
    if denominator.value == 0:
        raise CalculationError(f"{denominator.label} is zero in {denominator.period}")
    top = numerator.value
    formula = f"{_n(numerator.value)} / {_n(denominator.value)}"
    if top < 0 < denominator.value and _COST.search(numerator.label):
        # a cost printed in parentheses is a share of revenue by its size: R&D is 8.3% of revenue, not -8.3%
        top = -top
        formula = f"{_n(-numerator.value)} / {_n(denominator.value)}"
    value = apply("/", top, denominator.value)
    if percent:
        value = apply("*", value, HUNDRED)
        formula += " × 100"
    return _result(numerator, metric=metric or f"{numerator.metric}_to_{denominator.metric}",
                   label=label or f"{numerator.label} / {denominator.label}", value=value,
                   unit="%" if percent else "x", formula=formula, inputs=(numerator, denominator))


def total(figures: Sequence[Figure], *, metric: str, label: str) -> Figure:
    """The sum of figures in one unit (e.g. short-term plus long-term borrowings)."""
    if not figures:
        raise CalculationError("nothing to add")
    _same_units(*figures)
    value = Decimal(0)
    for f in figures:
        value = apply("+", value, f.value)
    formula = " + ".join(_n(f.value) for f in figures)
    fig = _result(figures[0], metric=metric, label=label, value=value, unit=figures[0].unit, formula=formula,
                  inputs=figures)
    return replace(fig, per_share=figures[0].per_share)


def mean(figures: Sequence[Figure], *, label: str) -> Figure:
    """The average of figures in one unit: (a + b + ...) / n."""
    s = total(figures, metric=figures[0].metric if figures else "mean", label=label)
    n = Decimal(len(figures))
    return replace(s, metric=f"{figures[0].metric}_average", value=apply("/", s.value, n),
                   formula=f"({s.formula}) / {len(figures)}", period=" – ".join(dict.fromkeys(
                       f.period for f in sorted(figures, key=lambda f: f.period_end or 0))))
