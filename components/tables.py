"""Small tables as plain HTML: a real <table>, read by screen readers, printed as it looks, and cheap to
draw. Streamlit's data grid loads 1.2 MB of JavaScript and draws on a canvas; for a table of a few dozen
rows that a viewer reads rather than sorts, it cost the Network page's first view ~0.3 s on a 2-core
machine without a GPU (docs/field-notes.md). Pure: frame in, HTML text out (rendered by st.html)."""

from __future__ import annotations

import html
import numbers
from decimal import Decimal

import pandas as pd

from components.i18n import fmt_int, fmt_number

TABLE_CSS = (
    "<style>"
    ".utmc-table{border-collapse:collapse;font-size:.9rem;margin:.25rem 0 .75rem;width:100%}"
    ".utmc-table th,.utmc-table td{padding:.35rem .65rem;border-bottom:1px solid #e6e9ef;text-align:left;"
    "vertical-align:top;overflow-wrap:break-word;max-width:32rem}"
    ".utmc-table tbody th{font-weight:600;white-space:nowrap}"
    ".utmc-table .long{min-width:12rem}"
    ".utmc-table-scroll{overflow-x:auto;max-width:100%}"
    ".utmc-table-scroll thead th{position:sticky;top:0;background:#fff}"
    ".utmc-table thead th{border-bottom:2px solid #c9ced6;font-weight:600;color:#31333f}"
    ".utmc-table .num{text-align:right;font-variant-numeric:tabular-nums}"
    ".utmc-table tbody tr:hover{background:#f4f6fa}"
    ".utmc-table caption{caption-side:bottom;text-align:left;color:#6b6f7b;font-size:.8rem;padding-top:.3rem}"
    "</style>"
)


LONG_TEXT = 60  # characters: a column whose longest text is longer is given a reading width


def format_cell(value) -> str:
    """A cell as text: numbers with the current language's thousands separators and decimal mark (two decimals
    where not whole), missing as an empty cell."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return fmt_int(int(value))
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        exact = Decimal(float(value))  # rounded as Python rounds the float (2.675 is 2.67499...: "2.67")
        return fmt_int(value) if exact == exact.to_integral_value() else fmt_number(exact, 2, fixed=True)
    return str(value)


def link_cell(url) -> str:
    """A URL cell as a link that names its site ("ec.europa.eu ↗"); only http(s) becomes a link, else text."""
    from urllib.parse import urlsplit

    from components.escape import link_url

    safe = link_url(url)
    if safe is None:
        return html.escape(format_cell(url))
    host = urlsplit(safe).netloc.removeprefix("www.")
    return f'<a href="{html.escape(safe)}" target="_blank" rel="noopener noreferrer">{html.escape(host)} ↗</a>'


def html_table(
    frame: pd.DataFrame,
    caption: str | None = None,
    links: tuple[str, ...] = (),
    row_header: bool = False,
    max_height_px: int | None = None,
) -> str:
    """The frame as an escaped HTML table; numeric columns right-aligned, header cells scoped to columns. Long text
    wraps (no cell is cut). `links`: columns of URLs, shown as links naming their site. `row_header`: the first
    column labels its row (a transposed table such as the Compare page's). `max_height_px`: a long list (the Data
    page's hundred sources) scrolls inside that height, its header kept in view."""
    numeric = [pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
               for c in frame.columns]  # fmt: skip
    # A column of long texts (reasons, citations) gets a reading width; the table scrolls sideways rather than
    # squeezing it to a word per line when there are many columns (the Funding page has 16 for a city).
    long = [not n and frame[c].astype(str).str.len().max() > LONG_TEXT for c, n in zip(frame.columns, numeric,
            strict=True)] if len(frame) else [False] * len(frame.columns)  # fmt: skip
    align = [' class="num"' if n else ' class="long"' if lg else "" for n, lg in zip(numeric, long, strict=True)]
    head = "".join(
        f'<th scope="col"{a}>{html.escape(str(c))}</th>' if str(c) else f"<td{a}></td>"
        for c, a in zip(frame.columns, align, strict=True)
    )  # a nameless corner is no header (axe)
    rows = []
    for values in frame.itertuples(index=False, name=None):
        cells = "".join(
            f'<th scope="row">{html.escape(format_cell(v))}</th>'
            if row_header and i == 0
            else f"<td{a}>{link_cell(v) if c in links else html.escape(format_cell(v))}</td>"
            for i, (c, v, a) in enumerate(zip(frame.columns, values, align, strict=True))
        )
        rows.append(f"<tr>{cells}</tr>")
    foot = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    body = "".join(rows)
    table = f'<table class="utmc-table">{foot}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    height = f' style="max-height:{int(max_height_px)}px;overflow-y:auto"' if max_height_px else ""
    # A table wider than the page, or a list taller than its height, scrolls: by keyboard too, so its box takes the
    # focus (axe-core: scrollable-region-focusable), named by its caption where it has one.
    named = f' role="region" aria-label="{html.escape(caption)}"' if caption else ""
    return f'{TABLE_CSS}<div class="utmc-table-scroll" tabindex="0"{named}{height}>{table}</div>'
