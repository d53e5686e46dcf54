"""Funding: programmes open to cities; for a city, eligible / maybe / not eligible with the rules checked."""

import streamlit as st

from components import ui
from components.funding import TICKET_DATA, city_facts_from, funding_table, match_funding

INSTRUMENTS = ["grant", "loan", "guarantee", "technical assistance", "project preparation", "equity", "other"]
SECTORS = ["energy", "buildings", "transport", "waste", "industry", "afolu", "cross-cutting"]

st.title("Funding")
st.caption(
    "Programmes that fund cities' climate work, with their published rules and the page they come from. "
    "Each status is as of the day it was checked; a programme that calls every year or repeatedly says so."
)
filters = st.session_state["filters"]
cols = st.columns([3, 3, 1])
instruments = cols[0].multiselect("Instrument", INSTRUMENTS, key="instrument", bind="query-params", placeholder="Any")
sectors = cols[1].multiselect("Sector", SECTORS, key="sector", bind="query-params", placeholder="Any")
open_now = cols[2].toggle("Open now", key="open", bind="query-params", help="Status open when last checked")
city = ui.city_picker()

programmes = ui.query(
    "funding", instruments=instruments, sectors=sectors, regions=filters["regions"],
    income_groups=filters["income_groups"], open_now=open_now,
)  # fmt: skip
if city:
    facts = city_facts_from(city, ui.sector_shares_for(city))  # yours, if this session has figures
    programmes = match_funding(programmes, facts)
    counts = programmes["verdict"].value_counts()
    st.markdown(
        f"**For {ui.escape_text(facts.name)}:** {counts.get('eligible', 0)} eligible, {counts.get('maybe', 0)} maybe, "
        f"{counts.get('not eligible', 0)} not eligible. *Maybe* means a rule could not be checked "
        "(e.g. the call's status or the city's sector figures are unknown); each row says which."
    )
st.markdown(
    f"**{len(programmes)} programmes** · regions and income groups from the sidebar: "
    + ui.escape_text(ui.filters_text(filters))
)
if programmes.empty:
    st.info("No programme matches these filters. Clear one here or in the sidebar.", icon=":material/search_off:")
table = funding_table(programmes)
ui.table(table.drop(columns=list(TICKET_DATA.values())), links=("Source",))  # plain HTML: reasons wrap, never cut
credit = ui.source_footer(list(programmes["source_id"]), label="Sources of these programmes")
ui.download_bar(table.drop(columns=["Ticket"]), "utmc-funding", credit, "programmes")
