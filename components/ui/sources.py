"""Source credit lines under every view, and the sources table behind downloads."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

import queries
from components.escape import html_text, link_url
from components.i18n import _, fmt_int, ngettext, pgettext
from components.ui.downloads import download_bar


@st.cache_resource(show_spinner=False, max_entries=4)
def _all_sources(store_ident: tuple) -> dict[str, tuple]:
    """Every source of the store: source_id -> its row of queries/sources.sql (shared, read-only)."""
    table = queries.run_query("sources", store=store_ident[0], source_ids=[])
    return {row.source_id: row for row in table.itertuples(index=False)}


def sources_for(source_ids, store_ident: tuple | None = None) -> list[tuple]:
    """The rows of queries/sources.sql for these ids, in id order (unknown ids are left out)."""
    table = _all_sources(store_ident or queries.store_identity())
    return [table[i] for i in sorted(set(source_ids)) if i in table]


SOURCE_COLUMNS = ["source_id", "title", "publisher", "url", "licence", "accessed", "citation"]  # sources.sql


def sources_frame(source_ids, store_ident: tuple | None = None) -> pd.DataFrame:
    """sources_for as a frame (the columns of queries/sources.sql), for tables and downloads."""
    return pd.DataFrame(sources_for(source_ids, store_ident), columns=SOURCE_COLUMNS)


FOOTER_LISTED = 100


def source_footer(source_ids, label: str | None = None, expanded: bool = False) -> pd.DataFrame:
    """Print the credit lines of the given sources under a view, each linked to its address as the store holds
    it; return the sources (rows of queries/sources.sql) for the view's downloads and images.

    The list under the view stops at FOOTER_LISTED entries; past that, a download carries them all. `label`:
    the list's title ("Sources", in the current language, when not given)."""
    if not len(source_ids):
        return pd.DataFrame(columns=SOURCE_COLUMNS)
    sources = sources_for(source_ids)
    label = _("Sources") if label is None else label
    lines = [row.citation for row in sources]
    more = len(sources) - FOOTER_LISTED
    listed = sources[:FOOTER_LISTED]
    items = "".join(
        f"<li>{html_text(row.citation)}"
        + (
            f' — <a href="{html_text(link_url(row.url))}" target="_blank" rel="noopener">{html_text(row.url)}</a>'
            if link_url(row.url)
            else (f" — {html_text(row.url)}" if isinstance(row.url, str) and row.url else "")
        )
        + f" ({html.escape(row.licence if isinstance(row.licence, str) else _('licence not stated'))})</li>"
        for row in listed
    )
    if more > 0:
        rest = _("… and {n} more: download the whole list below.").format(n=fmt_int(more))
        items += f"<li>{html_text(rest)}</li>"
    # st.html, not st.markdown(unsafe_allow_html=True): markdown with raw HTML loads a 190 kB parser
    # (rehype-raw) into the browser on the first view; st.html sanitises with DOMPurify (30 kB) (docs/field-notes.md).
    st.html(
        "<style>.utmc-sources a{color:#0b5fa5}.utmc-sources summary{cursor:pointer}</style>"
        f'<details class="utmc-sources"{" open" if expanded else ""}>'
        f"<summary>{html.escape(label)} ({fmt_int(len(lines))})</summary>"
        f"<ul>{items}</ul></details>"
    )
    frame = pd.DataFrame(sources, columns=SOURCE_COLUMNS)
    if more > 0:
        download_bar(_source_list(frame), "utmc-sources-of-this-view", frame, every_source(len(sources)))
    return frame


def every_source(n: int) -> str:
    """What the download of a long source list holds, for its button: "all 1,234 sources"."""
    return ngettext("all {n} source", "all {n} sources", n).format(n=fmt_int(n))


def _source_list(frame: pd.DataFrame) -> pd.DataFrame:
    """The sources of a view as the data of their own download: the columns of queries/sources.sql without the
    internal id, named in the current language (the English names are the query's)."""
    names = {
        "title": pgettext("column of the list of sources", "title"),
        "publisher": pgettext("column of the list of sources", "publisher"),
        "url": pgettext("column of the list of sources", "url"),
        "licence": pgettext("column of the list of sources", "licence"),
        "accessed": pgettext("column of the list of sources", "accessed"),
        "citation": pgettext("column of the list of sources", "citation"),
    }
    return frame.drop(columns=["source_id"]).rename(columns=names)
