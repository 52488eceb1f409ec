"""Charts drawn at build time as inline SVG, each with a table of the same figures beside it.

No JavaScript and no style attributes (the pages' Content-Security-Policy need not allow inline
styles): shapes take the text colour through currentColor, so the chart follows the light and
dark palettes. The table is what a screen reader or a print-out relies on; the SVG carries a
title and a description saying the same figures in words.
"""

from __future__ import annotations

import html

from casebook.library.figures import YearCounts
from casebook.model.labels import NOT_STATED_LABEL

_BAR_WIDTH = 28
_GAP = 8
_PLOT_HEIGHT = 120
_TOP = 22  # room above the tallest bar for its figure
_BOTTOM = 22  # room below the bars for the year labels
_LEFT = 4


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _plural(n: int, word: str) -> str:
    return f"{n} {word if n == 1 else word + 's'}"


def year_bars(counts: YearCounts) -> list[tuple[str, int]]:
    """The bars of a by-year chart: each year, then 'Not stated' if any review's year is not stated."""
    return list(counts.years) + ([(NOT_STATED_LABEL, counts.not_stated)] if counts.not_stated else [])


def reviews_by_year_chart(counts: YearCounts, subject: str, chart_id: str) -> str:
    """An HTML block: an SVG bar chart of reviews by year and a table with the same figures.

    `subject` names what is counted, e.g. 'Reviews with the theme Information sharing'.
    """
    bars = year_bars(counts)
    if not bars:
        return '<p class="cb-chart-empty">No review to count yet.</p>'
    title = f"{subject}, by year of publication"
    words = "; ".join(f"{label}: {_plural(n, 'review')}" for label, n in bars)
    desc = f"A bar chart. {words}."
    tallest = max(n for _, n in bars) or 1
    width = _LEFT + len(bars) * (_BAR_WIDTH + _GAP)
    height = _TOP + _PLOT_HEIGHT + _BOTTOM
    svg = [
        f'<svg class="cb-chart" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{_esc(title)}</title>',
        f'<desc id="{chart_id}-desc">{_esc(desc)}</desc>',
        # The baseline the bars stand on.
        f'<line x1="0" y1="{_TOP + _PLOT_HEIGHT}" x2="{width}" y2="{_TOP + _PLOT_HEIGHT}" stroke="currentColor" stroke-width="1"/>',
    ]
    for i, (label, n) in enumerate(bars):
        x = _LEFT + i * (_BAR_WIDTH + _GAP)
        h = round(_PLOT_HEIGHT * n / tallest)
        y = _TOP + _PLOT_HEIGHT - h
        middle = x + _BAR_WIDTH / 2
        if h:
            svg.append(f'<rect x="{x}" y="{y}" width="{_BAR_WIDTH}" height="{h}" fill="currentColor" fill-opacity="0.75"/>')
        svg.append(f'<text x="{middle:g}" y="{y - 5}" text-anchor="middle" font-size="11" fill="currentColor">{n}</text>')
        short = "n/s" if label == NOT_STATED_LABEL else label
        svg.append(f'<text x="{middle:g}" y="{height - 6}" text-anchor="middle" font-size="10" fill="currentColor">{_esc(short)}</text>')
    svg.append("</svg>")
    rows = "".join(f"<tr><th scope=\"row\">{_esc(label)}</th><td>{n}</td></tr>" for label, n in bars)
    table = (
        f'<table class="cb-chart-table" id="{chart_id}-table"><caption>{_esc(title)}</caption>'
        f"<thead><tr><th scope=\"col\">Year</th><th scope=\"col\">Reviews</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )
    # One block of raw HTML with no blank line inside, so Markdown passes it through untouched.
    return f'<div class="cb-by-year">{"".join(svg)}{table}</div>'
