"""Funding: programmes open to cities; for a city, eligible / maybe / not eligible with the rules checked."""

import streamlit as st

from components import ui
from components.funding import (
    INSTRUMENT_LABELS,
    SECTOR_LABELS,
    city_facts_from,
    funding_table,
    match_funding,
    ticket_columns,
)
from components.i18n import _, fmt_int, ngettext, pgettext
from components.ui.language import data_language_note

INSTRUMENTS = ["grant", "loan", "guarantee", "technical assistance", "project preparation", "equity", "other"]
SECTORS = ["energy", "buildings", "transport", "waste", "industry", "afolu", "cross-cutting"]

st.title(_("Funding"))
st.caption(
    _(
        "Programmes that fund cities' climate work, with their published rules and the page they come from. "
        "Each status is as of the day it was checked; a programme that calls every year or repeatedly says so."
    )
)
data_language_note()
filters = st.session_state["filters"]
cols = st.columns([3, 3, 1])
# Labels in the current language; links in any language (or naming the stored values) read back by ui.from_link
ui.from_link("instrument", INSTRUMENTS, INSTRUMENT_LABELS)
ui.from_link("sector", SECTORS, SECTOR_LABELS)
instruments = cols[0].multiselect(_("Instrument"), INSTRUMENTS, key="instrument", bind="query-params",
                                  placeholder=_("Any"), format_func=ui.labelled(INSTRUMENT_LABELS))  # fmt: skip
sectors = cols[1].multiselect(_("Sector"), SECTORS, key="sector", bind="query-params", placeholder=_("Any"),
                              format_func=ui.labelled(SECTOR_LABELS))  # fmt: skip
open_now = cols[2].toggle(_("Open now"), key="open", bind="query-params", help=_("Status open when last checked"))
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
        _(
            "**For {city}:** {eligible} eligible, {maybe} maybe, {not_eligible} not eligible. *Maybe* means a rule "
            "could not be checked (e.g. the call's status or the city's sector figures are unknown); each row says "
            "which."
        ).format(
            city=ui.escape_text(facts.name),
            eligible=fmt_int(counts.get("eligible", 0)),
            maybe=fmt_int(counts.get("maybe", 0)),
            not_eligible=fmt_int(counts.get("not eligible", 0)),
        )
    )
# TRANSLATORS: English says "programmes" whatever the number; translate with the right plural forms.
count = ngettext("**{n} programmes**", "**{n} programmes**", len(programmes)).format(n=fmt_int(len(programmes)))
st.markdown(
    _("{count} · regions and income groups from the sidebar: {filters}").format(
        count=count, filters=ui.escape_text(ui.filters_text(filters))
    )
)
if programmes.empty:
    st.info(_("No programme matches these filters. Clear one here or in the sidebar."), icon=":material/search_off:")
table = funding_table(programmes)
ui.table(table.drop(columns=ticket_columns()), links=(_("Source"),))  # plain HTML: reasons wrap, never cut
credit = ui.source_footer(list(programmes["source_id"]), label=_("Sources of these programmes"))
ui.download_bar(table.drop(columns=[_("Ticket")]), "utmc-funding", credit, pgettext("download", "programmes"))
