"""Prospects (for staff): cities not in the Urban Transitions Mission that meet its joining criteria as far as the
store can tell, ranked by what they would add, with reasons and the criteria the store cannot check."""

import streamlit as st

from components import ui
from components.i18n import _, fmt_int, pgettext
from components.prospects import MIN_POPULATION, find_prospects, prospects_by_region
from components.ui import growth

filters = st.session_state["filters"]
st.title(_("Prospects"))
st.markdown(
    _(
        "Cities **not yet in the Urban Transitions Mission** that meet its joining criteria as far as the store can "
        "tell: at least {min_population} people (GeoNames), and a Global Covenant of Mayors signatory, or a city "
        "with a target or a reported inventory (the nearest evidence of a climate plan the store holds). Ranked by "
        "what they would add: regions and income groups the Mission has few cities in, a target already set, an "
        "inventory already reported. GCoM membership is known only for Europe and the Southern Mediterranean (the "
        "JRC file); a climate action plan is never in the store: both are said per city. "
        "[The criteria]({url})"
    ).format(min_population=fmt_int(MIN_POPULATION), url=growth.CRITERIA_URL)
)
st.caption(growth.coverage_markdown(["Urban Transitions Mission", "GCoM (JRC file)"]))
cities = growth.prospect_cities()
in_region = find_prospects(cities, filters["regions"], None, filters["income_groups"])
countries = st.multiselect(
    _("Country"), sorted(in_region["country"].dropna().unique()), key="country", bind="query-params",
    placeholder=_("All countries"), help=_("Narrows the list; the region and income group filters are in the sidebar."),
)  # fmt: skip
prospects = find_prospects(cities, filters["regions"], countries, filters["income_groups"])

cols = st.columns(3)
cols[0].metric(_("Prospects"), fmt_int(len(prospects)))
cols[1].metric(_("GCoM signatories among them"), fmt_int(int(prospects["is_gcom"].sum())))
cols[2].metric(_("With a target"), fmt_int(int(prospects["has_target"].sum())))
ui.table(
    prospects_by_region(prospects),
    caption=_("Prospects by UN region · {filters}").format(filters=ui.filters_text(filters)),
)

st.dataframe(
    prospects.drop(columns=["city_id"]),
    hide_index=True,
    column_config={
        "rank": st.column_config.NumberColumn(_("Rank")),
        "city": _("City"),
        "country": _("Country"),
        "region": _("Region"),
        "income_group": _("Income group"),
        "population": st.column_config.NumberColumn(_("Population (GeoNames)"), format="localized"),
        "score": st.column_config.NumberColumn(_("Would add (0-5)"), format="%.2f"),
        "is_gcom": st.column_config.CheckboxColumn(_("GCoM (JRC file)")),
        "has_target": st.column_config.CheckboxColumn(_("Target")),
        "inventory_year": st.column_config.NumberColumn(_("Reported inventory"), format="%d"),
        "reasons": st.column_config.TextColumn(_("Reasons"), width="large"),
        "unknown": st.column_config.TextColumn(_("Not known"), width="large"),
    },
)
source_ids = ["geonames", "hdx_taxonomy", "gcom_jrc", "nzt_2022", growth.CRITERIA_SOURCE]
ui.source_footer(
    source_ids + list(growth.member_sources(growth.UTM)), label=_("Sources: cities, criteria, signatories, targets")
)
growth.downloads(prospects, "utmc-prospects", source_ids, pgettext("download", "prospects"))
