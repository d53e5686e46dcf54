"""Practices: what cities have done, searchable; for a city, ranked by what matters to it and why."""

import streamlit as st

from components import ui
from components.escape import markdown_link
from components.funding import city_facts_from
from components.peers import DEFAULT_WEIGHTS
from components.practices import escape_markdown, practices_table, present, rank_practices_for_city

SECTORS = ["energy", "buildings", "transport", "waste", "industry", "afolu", "cross-cutting"]
KINDS = ["policy", "programme", "infrastructure", "finance", "governance", "citizen engagement"]

st.title("Practices")
st.caption("Good practices of real cities, in our own words, each with the page its facts come from.")
filters = st.session_state["filters"]
q = st.text_input(
    "Search", key="q", bind="query-params", placeholder="e.g. bus rapid transit, retrofit, heat", max_chars=200
)
# Full width, one row each: in two half-width columns the pills were cut ("cros…", "citiz…")
sectors = st.pills("Sector", SECTORS, selection_mode="multi", key="sector", bind="query-params")
kinds = st.pills("Kind", KINDS, selection_mode="multi", key="kind", bind="query-params")
city = ui.city_picker()

found = ui.query("practices", q=q, sectors=sectors, kinds=kinds, **filters)
if city:
    facts = city_facts_from(city, ui.sector_shares_for(city))  # yours, if this session has figures
    peer_ids = set(ui.peers(int(city["city_id"]), DEFAULT_WEIGHTS, members_only=False, limit=20)["city_id"])
    found = rank_practices_for_city(found, facts, list(city["networks"]), peer_ids)
    st.caption(
        "Ranked for this city: its largest emission sectors (when known), its peers (Compare page), "
        "same UN sub-region or region, "
        "same income group, similar size, a network in common. The reasons are given with each practice."
    )
st.markdown(f"**{len(found)} practices** · {escape_markdown(ui.filters_text(filters))}")
if found.empty:
    st.info(
        "No practice matches. Try fewer words, or clear a filter here or in the sidebar.", icon=":material/search_off:"
    )
for p in found.head(30).to_dict("records"):
    with st.container(border=True):
        st.markdown(f"#### {escape_markdown(p['title'])}")
        st.caption(
            f"{escape_markdown(p['city'])}, {escape_markdown(p['country'])} · {p['sector']} · {p['kind']}"
            + (f" · since {int(p['start_year'])}" if p["start_year"] == p["start_year"] and p["start_year"] else "")
        )
        if p.get("why"):
            st.markdown(f"*Why for this city:* {escape_markdown(p['why'])}")
        st.markdown(escape_markdown(p["summary"]))
        if present(p.get("outcome")):  # a missing outcome is left out, never shown as "nan"
            st.markdown(f"**Outcome:** {escape_markdown(p['outcome'])}")
        st.markdown(f"Source: {markdown_link(p['source_publisher'], p['url'])}")
if len(found) > 30:
    st.caption(f"Showing 30 of {len(found)}; the download has them all.")
credit = ui.source_footer(list(found["source_id"]), label="Sources of these practices")
ui.download_bar(practices_table(found), "utmc-practices", credit, "practices")
