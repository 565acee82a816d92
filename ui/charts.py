"""A chart drawn inside a chat answer, as an SVG image: a line over periods or bars across companies, titled, its
axis from zero for amounts, each point labelled with its value. (Gradio's native plots are not shown inside chat
messages, and no plotting library is installed: a few dozen lines of SVG draw what the answer needs, offline; as
an image it is shown, never run, and reads on the light and the dark theme alike.)"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 34, 46
COLOUR = "#f97316"  # Gradio's default accent: readable on the light and the dark theme
INK = "#6b7280"  # text and axes: a mid grey, readable on both themes (an image takes no colour from the page)
XMLNS = "http://www.w3.org/2000/svg"


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high] (0, 5,000, 10,000, ...)."""
    if high <= low:
        high = low + 1
    raw = (high - low) / max(count - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks = []
    v = start
    while v < high + step * 0.999:
        ticks.append(round(v, 10))
        v += step
    return ticks


def _number(v: float) -> str:
    return f"{v:,.0f}" if abs(v) >= 100 or v == int(v) else f"{v:,.1f}" if abs(v) >= 10 else f"{v:,.2f}"


def svg_chart(points: Sequence[tuple[str, float]], title: str, *, bars: bool = False,
              from_zero: bool = True, caption: str = "") -> str:
    """The chart as an SVG document: `points` (label, value), the title above, a caption under it."""
    values = [v for _, v in points]
    low, high = min(values), max(values)
    if from_zero:
        low, high = min(0.0, low), max(0.0, high)
    else:
        pad = (high - low) * 0.15 or abs(high) * 0.1 or 1
        low, high = low - pad, high + pad
    ticks = nice_ticks(low, high)
    lo, hi = ticks[0], ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y(v: float) -> float:
        return TOP + plot_h * (hi - v) / (hi - lo)

    step = plot_w / len(points)
    xs = [LEFT + step * (i + 0.5) for i in range(len(points))]
    tall = HEIGHT + (20 if caption else 0)
    out = [f"<svg xmlns='{XMLNS}' class='answer-chart' role='img' viewBox='0 0 {WIDTH} {tall}' width='{WIDTH}' "
           f"height='{tall}' font-family='system-ui, sans-serif'><title>{html.escape(title)}</title>",
           f"<text x='{LEFT}' y='18' font-size='14' font-weight='600' fill='{INK}'>{html.escape(title)}</text>"]
    for t in ticks:
        out.append(f"<line x1='{LEFT}' x2='{WIDTH - RIGHT}' y1='{y(t):.1f}' y2='{y(t):.1f}' stroke='{INK}' "
                   f"stroke-opacity='{0.5 if t == 0 else 0.15}'/>")
        out.append(f"<text x='{LEFT - 6}' y='{y(t) + 4:.1f}' font-size='11' text-anchor='end' fill='{INK}' "
                   f"fill-opacity='0.7'>{_number(t)}</text>")
    for (label, _), x in zip(points, xs, strict=True):
        out.append(f"<text x='{x:.1f}' y='{HEIGHT - BOTTOM + 16}' font-size='11' text-anchor='middle' "
                   f"fill='{INK}'>{html.escape(label)}</text>")
    if bars:
        width = min(step * 0.6, 80)
        for (label, v), x in zip(points, xs, strict=True):
            top, bottom = sorted((y(v), y(max(lo, 0.0) if lo <= 0 <= hi else lo)))
            out.append(f"<rect class='point' x='{x - width / 2:.1f}' y='{top:.1f}' width='{width:.1f}' "
                       f"height='{max(bottom - top, 1):.1f}' fill='{COLOUR}'><title>{html.escape(label)}: "
                       f"{_number(v)}</title></rect>")
    else:
        path = " ".join(f"{x:.1f},{y(v):.1f}" for (_, v), x in zip(points, xs, strict=True))
        out.append(f"<polyline points='{path}' fill='none' stroke='{COLOUR}' stroke-width='2.5'/>")
        for (label, v), x in zip(points, xs, strict=True):
            out.append(f"<circle class='point' cx='{x:.1f}' cy='{y(v):.1f}' r='4' fill='{COLOUR}'><title>"
                       f"{html.escape(label)}: {_number(v)}</title></circle>")
    for (_, v), x in zip(points, xs, strict=True):
        out.append(f"<text x='{x:.1f}' y='{y(v) - 8:.1f}' font-size='11' text-anchor='middle' fill='{INK}'>"
                   f"{_number(v)}</text>")
    if caption:
        out.append(f"<text class='caption' x='{LEFT}' y='{HEIGHT + 10}' font-size='11' font-style='italic' "
                   f"fill='{INK}'>{html.escape(caption)}</text>")
    out.append("</svg>")
    return "".join(out)
