"""Small widgets the pages share: the city picker, tables, charts with their summary, legend swatches."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from components.i18n import _, fmt_int, ngettext
from components.ui.cache import profiles
from components.ui.downloads import _as_sources, download_bar, image_downloads
from components.ui.store import query

# An HTML table costs the server ~5 ms and the browser more per hundred rows (the Data page's sources of a store
# with 8,500 imported files took 0.4 s a rerun): longer lists are cut, with a line saying so.
HTML_ROWS = 300


def table(
    frame: pd.DataFrame,
    caption: str | None = None,
    links: tuple[str, ...] = (),
    row_header: bool = False,
    max_height_px: int | None = None,
) -> None:
    """A table a viewer reads rather than sorts, as plain HTML whose long text wraps (components/tables.py). At most
    HTML_ROWS rows: past that, the page says how many are left out (its download has them all)."""
    from components.tables import html_table

    st.html(html_table(frame.head(HTML_ROWS), caption, links, row_header, max_height_px))
    if len(frame) > HTML_ROWS:
        st.caption(_("The first {shown} of {n} rows are shown; the download has them all.").format(
            shown=fmt_int(HTML_ROWS), n=fmt_int(len(frame))))  # fmt: skip


def escape_text(text: str) -> str:
    from components.practices import escape_markdown

    return escape_markdown(text)


def legend_swatch(colour: str, label: str) -> str:
    """A legend entry: a coloured dot and its label in words (colour is never the only cue)."""
    return (
        f'<span style="display:inline-flex;align-items:center;margin-right:1rem">'
        f'<span style="width:.9rem;height:.9rem;border-radius:50%;background:{html.escape(colour)};'
        f'display:inline-block;margin-right:.35rem;border:1px solid #fff;box-shadow:0 0 0 1px #999"></span>'
        f"{html.escape(label)}</span>"
    )


def _choose_city(key: str) -> None:
    hits = st.session_state.get(f"{key}_hits")
    choice = st.session_state.get(f"{key}_choice")
    if hits is not None and choice is not None:
        st.query_params["city"] = str(int(hits.loc[choice, "city_id"]))
        st.session_state[f"{key}_q"] = ""


def _clear_city() -> None:
    st.query_params.pop("city", None)


def city_picker(key: str = "city", show_choice: bool = True) -> dict | None:
    """The city of the view: `?city=<GeoNames id>` in the URL, found with a search box.

    Returns the queries/city_profiles.sql row as a dict, or None (with a clear message for a bad id)."""
    from components.practices import escape_markdown

    raw = st.query_params.get("city", "")
    profile = None
    if raw:
        found = profiles([int(raw)]) if raw.isascii() and raw.isdigit() and len(raw) < 12 else None  # "²".isdigit()
        if found is not None and len(found):
            profile = found.iloc[0].to_dict()
        else:
            st.warning(
                _("No city has the id “{id}”. Find one with the search box below.").format(
                    id=escape_markdown(raw[:40])
                ),
                icon=":material/help:",
            )
    cols = st.columns([2, 3])
    typed = cols[0].text_input(
        _("Find a city"), key=f"{key}_q", placeholder=_("Type part of a name, e.g. Bogotá"), max_chars=80
    )
    if typed.strip():
        hits = query("city_search", q=typed)
        st.session_state[f"{key}_hits"] = hits
        if hits.empty:
            cols[1].info(
                _("No city of {n}+ people matches “{typed}”.").format(
                    n=fmt_int(15_000), typed=escape_markdown(typed[:40])
                )
            )
        else:
            cols[1].selectbox(
                ngettext(
                    "{n} match (network members first, then by population)",
                    "{n} matches (network members first, then by population)",
                    len(hits),
                ).format(n=len(hits)),
                hits.index,
                index=None,
                key=f"{key}_choice",
                format_func=lambda i: (
                    _("{city}, {country} · member").format(city=hits.loc[i, "name"], country=hits.loc[i, "country"])
                    if hits.loc[i, "is_member"]
                    else f"{hits.loc[i, 'name']}, {hits.loc[i, 'country']}"
                ),
                on_change=_choose_city,
                args=(key,),
            )
    if profile and show_choice:
        c = st.columns([5, 1])
        c[0].markdown(
            _("For **{city}**, {country}").format(
                city=escape_markdown(profile["city"]), country=escape_markdown(profile["country"])
            )
        )
        c[1].button(_("Clear city"), on_click=_clear_city, key=f"{key}_clear")
    return profile


def set_compared(ids: list[int]) -> None:
    """The Compare page's cities live in ?cities=; the picker's ?city= is consumed."""
    st.query_params.pop("city", None)
    if ids:
        st.query_params["cities"] = ",".join(str(i) for i in ids)
    else:
        st.query_params.pop("cities", None)


def chart(figure, summary: str, data: pd.DataFrame, file_stem: str, sources: pd.DataFrame | None) -> None:
    """A chart with its one-sentence summary (shown, and its accessible description), the data behind it and its
    images; `sources` are the view's (rows of queries/sources.sql, as ui.source_footer returns them)."""
    st.plotly_chart(figure, config={"displaylogo": False, "toImageButtonOptions": {"filename": file_stem}}, alt=summary)
    st.markdown(f"**{escape_text(summary)}**")
    download_bar(data, file_stem, sources, _("the data behind this chart"))
    image_downloads(figure, file_stem, _as_sources(sources, data))
