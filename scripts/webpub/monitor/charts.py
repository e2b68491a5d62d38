"""Charts as generated SVG: no client JavaScript, readable without colour, each with its data table.

A chart is a horizontal bar chart: one labelled bar per row with its value written at the
bar's end, so neither colour nor the drawing is needed to read it; the SVG is ``role="img"``
with a ``<title>`` and ``<desc>``, and the same numbers follow as an HTML table. Colours are
SVG attributes (no ``style``), so a strict Content Security Policy allows it.
"""

from __future__ import annotations

from html import escape

BAR_H, GAP, LABEL_W, BAR_W, VALUE_W = 22, 8, 300, 340, 70
FILL = "#1f5f99"


def _number(value: float) -> str:
    return f"{value:,.1f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"


def bar_chart(chart_id: str, title: str, rows: list[tuple[str, float]], unit: str = "") -> str:
    """An accessible SVG bar chart of ``rows`` (label, value)."""
    top = max([v for _, v in rows] + [0]) or 1
    height = len(rows) * (BAR_H + GAP) + GAP
    width = LABEL_W + BAR_W + VALUE_W
    desc = "; ".join(f"{label}: {_number(value)}{unit}" for label, value in rows)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="webpub-chart" role="img" '
             f'aria-labelledby="{chart_id}-t {chart_id}-d" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" font-family="Sarabun, Garuda, Loma, sans-serif" font-size="14">',
             f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(desc)}</desc>']
    for n, (label, value) in enumerate(rows):
        y = GAP + n * (BAR_H + GAP)
        w = max(1.0, BAR_W * value / top) if value else 0
        parts.append(f'<text x="{LABEL_W - 8}" y="{y + BAR_H * 0.7:.1f}" text-anchor="end" fill="#000">{escape(label)}</text>')
        parts.append(f'<rect x="{LABEL_W}" y="{y}" width="{w:.1f}" height="{BAR_H}" fill="{FILL}" stroke="#000" stroke-width="0.5"/>')
        parts.append(f'<text x="{LABEL_W + w + 6:.1f}" y="{y + BAR_H * 0.7:.1f}" fill="#000">{_number(value)}{escape(unit)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def data_table(caption: str, heads: list[str], rows: list[list]) -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in heads)
    body = "".join("<tr>" + f'<th scope="row">{escape(str(r[0]))}</th>'
                   + "".join(f"<td>{escape(_number(c) if isinstance(c, (int, float)) else str(c))}</td>" for c in r[1:])
                   + "</tr>" for r in rows)
    return (f'<table class="webpub-table"><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>")


def figure(chart_id: str, title: str, rows: list[tuple[str, float]], caption: str, heads: list[str],
           table_rows: list[list], unit: str = "") -> str:
    """The chart and, right after it, its data as a table."""
    return (f'<figure class="webpub-figure" id="{chart_id}"><figcaption>{escape(title)}</figcaption>'
            f"{bar_chart(chart_id + '-svg', title, rows, unit)}{data_table(caption, heads, table_rows)}</figure>")
