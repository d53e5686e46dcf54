"""City: what the network knows about one city, how its emissions moved, what it promised, and whether
its trend gets there. Deep link: ?city=<GeoNames id>."""

import streamlit as st

from components import ui
from components.charts import inventory_figure, inventory_summary, pathway_figure, source_name
from components.city import (
    disagree_text,
    facts_table,
    flagged_figures,
    flagged_notice,
    flagged_total_header,
    targets_table,
)
from components.i18n import _, pgettext
from components.inventory import (
    boundary_word,
    comparison_headers,
    describe_series,
    kind_comparison,
    series,
    source_totals,
    usable,
)
from components.network import country_label, format_people, income_label, region_label
from components.pathway import RULES_TEXT, build_pathway, fit_trend, on_track_sentence
from components.practices import escape_markdown

st.title(_("City"))
city = ui.city_picker()
if city is None:
    st.info(
        _("Find a city above: any of the 34,000 GeoNames places of 15,000+ people. Network members come first."),
        icon=":material/location_city:",
    )
    st.stop()

name, city_id = city["city"], int(city["city_id"])
country = country_label(city.get("iso3"), city["country"])
st.header(escape_markdown(_("{city}, {country}").format(city=name, country=country)))
cols = st.columns([1, 1, 2])
cols[0].metric(_("Population (GeoNames)"), format_people(city["population"]))
income = {"Low income": pgettext("income group, short", "Low"),
          "Lower middle income": pgettext("income group, short", "Lower middle"),
          "Upper middle income": pgettext("income group, short", "Upper middle"),
          "High income": pgettext("income group, short", "High")}  # fmt: skip
group = city["income_group"]
cols[1].metric(_("Income group (World Bank)"), (income.get(group) or income_label(group)) if group else _("not given"))
regions = " › ".join(region_label(r) for r in (city["region"], city["subregion"]) if r)
networks = ", ".join(city["networks"]) or _("none in the store")
cols[2].markdown(
    _("**Region:** {regions}  \n**Networks:** {networks}").format(
        regions=escape_markdown(regions), networks=escape_markdown(networks)
    )
)
# Filled only when open (a rerun on toggle): closed, it costs this page nothing. ?facts=true opens it.
facts = st.expander(_("Facts and their sources"), key="facts", bind="query-params")
if facts.open:
    facts.dataframe(facts_table(city, ui.query("city_memberships", city_id=city_id)), hide_index=True)

everything = ui.query("city_inventory", city_id=city_id)
with_flagged = ui.include_flagged()
inventory = usable(everything, with_flagged)  # flagged figures: listed below with why, drawn only on request
targets = ui.query("city_targets", city_id=city_id)
credit = ui.source_footer(["geonames", "hdx_taxonomy", *inventory["source_id"], *targets["source_id"]])
ui.sandbox_city(city, everything)  # this session's own figures of the city, if any: apart, never merged

st.subheader(_("Inventory"))
totals_shown = source_totals(inventory)  # once: the summary and the pathway's series both read it
summary = inventory_summary(inventory, name, city["population"], totals_shown)
flagged = flagged_figures(everything)
if len(flagged):
    st.warning(flagged_notice(len(flagged), escape_markdown(name), with_flagged), icon=":material/warning:")
    st.dataframe(
        flagged,
        hide_index=True,
        column_config={flagged_total_header(): st.column_config.NumberColumn(format="localized")},
    )
if inventory.empty:
    st.info(
        escape_markdown(summary)
        + " "
        + _(
            "None of the shipped sources (Net Zero Tracker, Carbon Monitor Cities, GCoM) covers it; reported "
            "inventories can be added through the importers (Data page)."
        )
    )
else:
    sources = "; ".join(sorted({source_name(r) for r in inventory.to_dict("records")}))
    ui.chart(inventory_figure(inventory, name, sources), summary, inventory, f"utmc-{city_id}-inventory", credit)
    both = kind_comparison(source_totals(everything))
    if len(both):
        st.markdown(disagree_text())
        headers = comparison_headers()
        st.dataframe(both, hide_index=True, column_config={
            headers["First (t)"]: st.column_config.NumberColumn(format="localized"),
            headers["Second (t)"]: st.column_config.NumberColumn(format="localized"),
            headers["Ratio"]: st.column_config.NumberColumn(format="%.3g"),
        })  # fmt: skip

st.subheader(_("Targets"))
if targets.empty:
    st.info(
        _("No target of {city} is in the store. Targets arrive through the importers (Data page).").format(
            city=escape_markdown(name)
        )
    )
else:
    ui.table(targets_table(targets))

st.subheader(_("Pathway"))
totals, used = series(inventory, include_flagged=with_flagged, totals=totals_shown)
pathway = build_pathway(targets, totals, used, with_flagged)
trend = fit_trend(totals)
sentence = on_track_sentence(name, pathway, trend, totals)
if (pathway.points and pathway.baseline) or len(totals):  # a lone target with no start is no path
    # the targets' sources and the one series the chart draws: not every source of the city
    drawn = inventory[inventory["source_id"] == used["source_id"]] if used else inventory.iloc[0:0]
    rows = [*drawn.to_dict("records"), *targets.to_dict("records")]
    sources = "; ".join(sorted({source_name(r) for r in rows}))
    ui.chart(
        pathway_figure(name, pathway, totals, trend, sources, describe_series(used)),
        sentence,
        pathway.path(),
        f"utmc-{city_id}-pathway",
        credit,
    )
else:
    st.markdown(f"**{escape_markdown(sentence)}**")
if used:
    st.caption(
        _(
            "Pathway and trend use one series: {series}, boundary {boundary} (reported before modelled; see How the "
            "pathway is drawn)."
        ).format(series=escape_markdown(describe_series(used)), boundary=boundary_word(used["boundary"]))
    )
for warning in pathway.warnings:
    st.warning(_("Flagged: {warning}").format(warning=escape_markdown(warning)), icon=":material/warning:")
for item in pathway.not_drawn:
    st.caption(_("Not drawn: {item}").format(item=escape_markdown(item)))
with st.expander(_("How the pathway is drawn")):
    st.markdown(_(RULES_TEXT))
