"""City2City pairs: for one city (?city=), partners in other world regions; for a network, a proposed set of
pairs across regions, each city in at most two, with pins and exclusions (?pin=, ?exclude=) re-solved."""

import streamlit as st

from components import ui
from components.i18n import _, fmt_int, fmt_number, pgettext
from components.pairing import MAX_PAIRS, pair_options, partners_for
from components.ui import growth

# The second city's country and region end with a space: a table's headers must differ
PAIR_COLUMNS = {
    "city_a": _("City"), "country_a": _("Country"), "region_a": _("Region"), "city_b": _("Partner"),
    "country_b": _("Country") + " ", "region_b": _("Region") + " ",
    "suitability": st.column_config.NumberColumn(_("Suitability (0-1)"), format="%.3f"),
    "pinned": st.column_config.CheckboxColumn(_("Pinned")),
    "reasons": st.column_config.TextColumn(_("Reasons"), width="large"),
    "partner": _("Partner"), "country": _("Country"), "region": _("Region"),
}  # fmt: skip
filters = st.session_state["filters"]
network = (filters["networks"] or ["Urban Transitions Mission"])[0]
network_id = growth.network_id_for(network) or growth.UTM
st.title(_("City2City pairs"))
st.markdown(
    _(
        "Pairs of **{network}** cities across world regions, as City2City pairs them (each city in at "
        "most {max_pairs} pairs): alike on size, income group, emissions per person, sector mix and net-zero year, "
        "and strong where the other is weak (a practice in its largest sector, a target, a reported inventory). "
        "Suitability runs from 0 to 1. The network is the first chosen in the sidebar."
    ).format(network=ui.escape_text(network), max_pairs=MAX_PAIRS)
)
profile = ui.city_picker("pair")
source_ids = ["geonames", "hdx_taxonomy", *growth.member_sources(network_id)]
sources_label = _("Sources: cities, regions and memberships")
if profile:
    cities = growth.pair_cities(network_id, [int(profile["city_id"])])
    partners = partners_for(cities, int(profile["city_id"]))
    st.header(
        _("Partners for {city} among {network} cities").format(
            city=ui.escape_text(profile["city"]), network=ui.escape_text(network)
        )
    )
    if partners.empty:
        st.info(_("No member of this network lies in another world region with a known region."))
    st.dataframe(partners.drop(columns=["city_id"]), hide_index=True,
                 column_config=PAIR_COLUMNS)  # fmt: skip
    ui.source_footer(source_ids, label=sources_label)
    growth.downloads(partners, "utmc-city2city-partners", source_ids, pgettext("download", "partners"))
    st.stop()

base = growth.proposal(network_id, [], [])
cities = growth.pair_cities(network_id)
in_url = st.query_params.get_all("pin") + st.query_params.get_all("exclude")
options = pair_options(cities, base, in_url)  # label -> pair; the URL holds the labels (?pin=Lisbon+–+Kochi)
cols = st.columns(2)
pinned = cols[0].multiselect(_("Pin pairs (kept whatever the rest)"), list(options), key="pin", bind="query-params",
                             placeholder=_("No pinned pair"))  # fmt: skip
excluded = cols[1].multiselect(_("Exclude pairs (never proposed)"), list(options), key="exclude",
                               bind="query-params", placeholder=_("No excluded pair"))  # fmt: skip
pins = [options[p] for p in pinned]
excludes = [options[p] for p in excluded]
result = growth.proposal(network_id, pins, excludes)
for why in result.dropped_pins:
    st.warning(_("Pin not kept: {reason}").format(reason=ui.escape_text(why)), icon=":material/push_pin:")
m = st.columns(3)
m[0].metric(_("Pairs proposed"), fmt_int(len(result.pairs)))
paired = set(result.pairs["city_id_a"]) | set(result.pairs["city_id_b"])
m[1].metric(
    _("Cities paired"), _("{paired} of {cities}").format(paired=fmt_int(len(paired)), cities=fmt_int(len(cities)))
)
m[2].metric(_("Total suitability"), fmt_number(round(result.weight, 2), 2, fixed=True))
if not result.proven:
    st.caption(_("The solver stopped at its time limit: these pairs are the best found, not proven the best."))
st.dataframe(result.pairs.drop(columns=["city_id_a", "city_id_b"]), hide_index=True, column_config=PAIR_COLUMNS)
ui.source_footer(source_ids, label=sources_label)
growth.downloads(result.pairs, "utmc-city2city-pairs", source_ids, pgettext("download", "pairs"))
