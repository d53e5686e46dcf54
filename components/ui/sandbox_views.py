"""What the City, Compare, Practices and Funding pages show of this session's own figures, beside the store's
figures of the same city (both shown, never merged). Each is a small hook a page calls; it draws nothing when the
session holds no figures for the city. Nothing here is cached: the caches are shared by every session."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from components.charts import inventory_figure, pathway_figure
from components.i18n import _, fmt_int, ngettext, pgettext
from components.inventory import YOUR_NAME, describe_series, usable
from components.peers import DEFAULT_WEIGHTS
from components.sandbox import (
    CITATION,
    PER_CAPITA_HEADERS,
    Sandbox,
    build_slides,
    mark_your_pathway,
    mark_yours,
    peer_row,
    per_capita_figure,
    per_capita_table,
    sector_shares,
    summary_sentence,
    your_pathway,
    your_peers,
)
from components.ui.cache import peer_features
from components.ui.downloads import download_bar
from components.ui.sandbox import PAGE, current, download_buttons, for_city, show_flagged
from components.ui.sidebar import include_flagged
from components.ui.store import query
from components.ui.widgets import chart, escape_text


def _elsewhere(city_id: int | None) -> None:
    """A line saying the figures in use are for another city, with a way there."""
    box = current()
    if box is not None and (city_id is None or box.city_id != int(city_id)):
        st.caption(
            _("Your figures are for {city}; they are used when that city is chosen.").format(
                city=escape_text(box.city["city"])
            )
        )


def inventory_chart(box: Sandbox, store_inventory: pd.DataFrame, with_flagged: bool):
    """Your inventory bars beside the store's (each its own series), yours outlined and hatched."""
    both = pd.concat([usable(box.emissions, with_flagged), usable(store_inventory, with_flagged)], ignore_index=True)
    if both.empty:
        return None
    return mark_yours(inventory_figure(both, box.city["city"], _("your figures (not saved) and the store's sources")))


def city_section(city: dict, store_inventory: pd.DataFrame) -> None:
    """The City page's "Your figures" part: your inventory beside the store's, your pathway and on-track sentence."""
    box = for_city(int(city["city_id"]))
    if box is None:
        _elsewhere(int(city["city_id"]))
        return
    with_flagged = include_flagged()
    with st.container(border=True, key="sandbox_city"):
        st.subheader(_(":violet[Your figures for {city}]").format(city=escape_text(city["city"])))
        st.caption(
            _("{summary} The store's own figures follow below, apart.").format(
                summary=escape_text(summary_sentence(box))
            )
        )
        show_flagged(box)
        figure = inventory_chart(box, store_inventory, with_flagged)
        if figure is not None:
            chart(figure, summary_sentence(box), box.emissions, f"utmc-{box.city_id}-your-figures-inventory",
                  [_(CITATION)])  # fmt: skip
        p = your_pathway(box, with_flagged)
        if (p.pathway.points and p.pathway.baseline) or len(p.totals):
            fig = pathway_figure(_("{city}, your figures").format(city=city["city"]), p.pathway, p.totals, p.trend,
                                 _("your figures (not saved)"), describe_series(p.info))  # fmt: skip
            chart(mark_your_pathway(fig), p.sentence, p.pathway.path(), f"utmc-{box.city_id}-your-pathway",
                  [_(CITATION)])  # fmt: skip
        else:
            st.markdown(f"**{escape_text(p.sentence)}**")
        for item in p.pathway.not_drawn:
            st.caption(_("Not drawn: {item}").format(item=escape_text(item)))
        for warning in p.pathway.warnings:
            st.warning(_("Flagged: {warning}").format(warning=escape_text(warning)), icon=":material/warning:")
        download_buttons(box)


def peers_of_yours(box: Sandbox, members_only: bool) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(your peer-features row, the store's row for the city, your peers), computed for this session only."""
    features, members = peer_features()
    mine = peer_row(features, box, include_flagged())
    peers = your_peers(features, mine, DEFAULT_WEIGHTS, members_only, members)
    return mine, features[features["city_id"] == box.city_id], peers


def compare_section() -> None:
    """The Compare page's "Your city among its peers": per person, your figures and the store's, peers by the store."""
    box = current()
    if box is None:
        return
    city = box.city
    with st.container(border=True, key="sandbox_compare"):
        st.header(_(":violet[{city} among its peers: your figures]").format(city=escape_text(city["city"])))
        members_only = st.toggle(_("Peers among network members only"), value=True, key="sb_peer_members")
        mine, store_row, peers = peers_of_yours(box, members_only)
        table = per_capita_table(city, mine, store_row, peers)
        if table.empty:
            st.info(_("Neither your figures nor the store give a total to divide by the population."))
        else:
            figure = per_capita_figure(table, city["city"], _("your figures (not saved); peers: the store's latest "
                                       "reported totals; population: GeoNames"))  # fmt: skip
            sentence = ngettext(
                "Per person, {city} (your figures) against {n} peer found with your figures' per-capita emissions, "
                "sector mix and net-zero year.",
                "Per person, {city} (your figures) against {n} peers found with your figures' per-capita emissions, "
                "sector mix and net-zero year.",
                len(peers),
            ).format(city=city["city"], n=fmt_int(len(peers)))
            shown_table = table.rename(columns={c: _(h) for c, h in PER_CAPITA_HEADERS.items()})
            chart(figure, sentence, shown_table, f"utmc-{box.city_id}-your-peers-per-capita", [_(CITATION)])
        headers = {
            "city": pgettext("table column", "City"),
            "country": pgettext("table column", "Country"),
            "score": pgettext("table column", "Score"),
            "reasons": pgettext("table column", "Reasons"),
        }
        shown = peers[list(headers)].rename(columns=headers)
        st.dataframe(shown, hide_index=True, column_config={
            headers["score"]: st.column_config.ProgressColumn(min_value=0, max_value=1)})  # fmt: skip
        figures = {pgettext("table column", "Figures"): _("peers of {city} found with your figures").format(
            city=city["city"])}  # fmt: skip
        # TRANSLATORS: completes "Download {label} (CSV)" on the download buttons.
        download_bar(shown.assign(**figures), f"utmc-{box.city_id}-your-peers", [_(CITATION)],
                     _("peers found with your figures"))  # fmt: skip


def sector_shares_for(city: dict) -> pd.DataFrame:
    """The sector shares Practices and Funding rank by: the store's (queries/city_sector_shares.sql), or yours
    when this session holds figures for the city and the viewer keeps "your figures" chosen. Both are named."""
    store = query("city_sector_shares", city_id=int(city["city_id"]))
    box = for_city(int(city["city_id"]))
    if box is None:
        _elsewhere(int(city["city_id"]))
        return store
    yours = sector_shares(box.emissions, include_flagged())

    def largest(shares: pd.DataFrame) -> str:
        return ", ".join(shares["sector"].head(2)) or _("no sector breakdown")

    labels = {YOUR_NAME: _("your figures"), "the store's figures": _("the store's figures")}  # values stay English
    choice = st.radio(_("Largest sectors from"), list(labels), horizontal=True, key="sb_basis",
                      format_func=labels.__getitem__)  # fmt: skip
    st.caption(
        _(":violet[Largest sectors by your figures: {yours}] · by the store's figures: {store}.").format(
            yours=escape_text(largest(yours)), store=escape_text(largest(store))
        )
    )
    return yours if choice == YOUR_NAME else store


def deck_button(box: Sandbox) -> None:
    """The brief's deck for your city on your figures, built in memory when asked."""
    from components.deck import build_pptx, chromium_available
    from components.funding import city_facts_from, match_funding
    from components.practices import rank_practices_for_city

    if not chromium_available():
        st.caption(_("The deck needs chromium on the server for its chart images, and none is installed here."))
        return
    if st.button(_("Prepare a deck of your figures (PPTX)"), icon=":material/co_present:", key="sb_deck_make"):
        with st.status(_("Preparing the deck…"), expanded=True) as status:
            bar = st.progress(0.0)
            with_flagged = include_flagged()
            store_inventory = query("city_inventory", city_id=box.city_id)
            p = your_pathway(box, with_flagged)
            pathway_fig = None
            if p.pathway.points or len(p.totals):
                pathway_fig = mark_your_pathway(pathway_figure(
                    _("{city}, your figures").format(city=box.city["city"]), p.pathway, p.totals, p.trend,
                    _("your figures (not saved)"), describe_series(p.info)))  # fmt: skip
            mine, store_row, peers = peers_of_yours(box, True)
            table = per_capita_table(box.city, mine, store_row, peers)
            source = _("your figures; peers: the store")
            peers_fig = per_capita_figure(table, box.city["city"], source) if len(table) else None
            facts = city_facts_from(box.city, sector_shares(box.emissions, with_flagged))
            practices = rank_practices_for_city(
                query("practices", q="", sectors=[], kinds=[], regions=[], income_groups=[], networks=[]), facts,
                list(box.city["networks"]), set(peers["city_id"]))  # fmt: skip
            funding = match_funding(query("funding", instruments=[], sectors=[], regions=[], income_groups=[],
                                          open_now=False), facts)  # fmt: skip
            slides = build_slides(box, inventory_chart(box, store_inventory, with_flagged), p, pathway_fig, peers_fig,
                                  practices, funding, dt.date.today())  # fmt: skip
            st.session_state["sandbox_deck"] = build_pptx(slides, progress=lambda f, m: bar.progress(f, text=m))
            status.update(label=_("Deck ready"), state="complete", expanded=False)
    if st.session_state.get("sandbox_deck"):
        st.download_button(_("Download the deck of your figures"), st.session_state["sandbox_deck"],
                           f"utmc-your-figures-{box.city_id}.pptx",
                           "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                           icon=":material/download:", on_click="ignore", key="sb_deck_get")  # fmt: skip


__all__ = ["PAGE", "city_section", "compare_section", "deck_button", "sector_shares_for"]
