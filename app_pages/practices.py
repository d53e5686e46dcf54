"""Practices: what cities have done, searchable; for a city, ranked by what matters to it and why."""

import streamlit as st

from components import ui
from components.escape import markdown_link
from components.funding import SECTOR_LABELS, city_facts_from, label
from components.i18n import _, fmt_int, ngettext, pgettext
from components.peers import DEFAULT_WEIGHTS
from components.practices import KIND_LABELS, escape_markdown, practices_table, present, rank_practices_for_city
from components.ui.language import data_language_note

SECTORS = ["energy", "buildings", "transport", "waste", "industry", "afolu", "cross-cutting"]
KINDS = ["policy", "programme", "infrastructure", "finance", "governance", "citizen engagement"]

st.title(_("Practices"))
st.caption(_("Good practices of real cities, in our own words, each with the page its facts come from."))
data_language_note()
filters = st.session_state["filters"]
q = st.text_input(
    _("Search"), key="q", bind="query-params", placeholder=_("e.g. bus rapid transit, retrofit, heat"), max_chars=200
)
# Full width, one row each: in two half-width columns the pills were cut ("cros…", "citiz…"). Labels in the current
# language; a bound widget writes its label into the URL, so a link in any language (or ?sector=waste) is read back
# by ui.from_link before the pills are drawn.
ui.from_link("sector", SECTORS, SECTOR_LABELS)
ui.from_link("kind", KINDS, KIND_LABELS)
sectors = st.pills(_("Sector"), SECTORS, selection_mode="multi", key="sector", bind="query-params",
                   format_func=ui.labelled(SECTOR_LABELS))  # fmt: skip
kinds = st.pills(_("Kind"), KINDS, selection_mode="multi", key="kind", bind="query-params",
                 format_func=ui.labelled(KIND_LABELS))  # fmt: skip
city = ui.city_picker()

found = ui.query("practices", q=q, sectors=sectors, kinds=kinds, **filters)
if city:
    facts = city_facts_from(city, ui.sector_shares_for(city))  # yours, if this session has figures
    peer_ids = set(ui.peers(int(city["city_id"]), DEFAULT_WEIGHTS, members_only=False, limit=20)["city_id"])
    found = rank_practices_for_city(found, facts, list(city["networks"]), peer_ids)
    st.caption(
        _(
            "Ranked for this city: its largest emission sectors (when known), its peers (Compare page), "
            "same UN sub-region or region, "
            "same income group, similar size, a network in common. The reasons are given with each practice."
        )
    )
# TRANSLATORS: English says "practices" whatever the number; translate with the right plural forms.
count = ngettext("**{n} practices**", "**{n} practices**", len(found)).format(n=fmt_int(len(found)))
st.markdown(f"{count} · {escape_markdown(ui.filters_text(filters))}")
if found.empty:
    st.info(
        _("No practice matches. Try fewer words, or clear a filter here or in the sidebar."),
        icon=":material/search_off:",
    )
for p in found.head(30).to_dict("records"):
    with st.container(border=True):
        st.markdown(f"## {escape_markdown(p['title'])}")
        since = p["start_year"] == p["start_year"] and p["start_year"]  # NaN != NaN
        st.caption(
            f"{escape_markdown(p['city'])}, {escape_markdown(p['country'])} · {label(SECTOR_LABELS, p['sector'])}"
            f" · {label(KIND_LABELS, p['kind'])}"
            + (" · " + _("since {year}").format(year=int(p["start_year"])) if since else "")
        )
        if p.get("why"):
            st.markdown(_("*Why for this city:* {reasons}").format(reasons=escape_markdown(p["why"])))
        st.markdown(escape_markdown(p["summary"]))
        if present(p.get("outcome")):  # a missing outcome is left out, never shown as "nan"
            st.markdown(_("**Outcome:** {outcome}").format(outcome=escape_markdown(p["outcome"])))
        st.markdown(_("Source: {link}").format(link=markdown_link(p["source_publisher"], p["url"])))
if len(found) > 30:
    st.caption(_("Showing 30 of {n}; the download has them all.").format(n=fmt_int(len(found))))
credit = ui.source_footer(list(found["source_id"]), label=_("Sources of these practices"))
ui.download_bar(practices_table(found), "utmc-practices", credit, pgettext("download", "practices"))
