"""City: what the network knows about one city, how its emissions moved, what it promised, and whether
its trend gets there. Deep link: ?city=<GeoNames id>."""

import streamlit as st

from components import ui
from components.charts import inventory_figure, inventory_summary, pathway_figure, source_name
from components.city import facts_table, targets_table
from components.inventory import describe_series, kind_comparison, series, source_totals
from components.network import format_people
from components.pathway import RULES_TEXT, build_pathway, fit_trend, on_track_sentence
from components.practices import escape_markdown

st.title("City")
city = ui.city_picker()
if city is None:
    st.info(
        "Find a city above: any of the 34,000 GeoNames places of 15,000+ people. Network members come first.",
        icon=":material/location_city:",
    )
    st.stop()

name, city_id = city["city"], int(city["city_id"])
st.header(escape_markdown(f"{name}, {city['country']}"))
cols = st.columns([1, 1, 2])
cols[0].metric("Population (GeoNames)", format_people(city["population"]))
cols[1].metric("Income group (World Bank)", (city["income_group"] or "not given").removesuffix(" income"))
cols[2].markdown(
    f"**Region:** {escape_markdown(' › '.join(r for r in (city['region'], city['subregion']) if r))}  \n"
    f"**Networks:** {escape_markdown(', '.join(city['networks']) or 'none in the store')}"
)
# Filled only when open (a rerun on toggle): closed, it costs this page nothing. ?facts=true opens it.
facts = st.expander("Facts and their sources", key="facts", bind="query-params")
if facts.open:
    facts.dataframe(facts_table(city, ui.query("city_memberships", city_id=city_id)), hide_index=True)

inventory = ui.query("city_inventory", city_id=city_id)
targets = ui.query("city_targets", city_id=city_id)
credit = ui.source_footer(["geonames", "hdx_taxonomy", *inventory["source_id"], *targets["source_id"]])

st.subheader("Inventory")
summary = inventory_summary(inventory, name, city["population"])
if inventory.empty:
    st.info(
        f"{escape_markdown(summary)} None of the shipped sources (Net Zero Tracker, Carbon Monitor Cities, GCoM) "
        "covers it; reported inventories can be added through the importers (Data page)."
    )
else:
    sources = "; ".join(sorted({source_name(r) for r in inventory.to_dict("records")}))
    ui.chart(inventory_figure(inventory, name, sources), summary, inventory, f"utmc-{city_id}-inventory", credit)
    both = kind_comparison(source_totals(inventory))
    if len(both):
        st.markdown("**Reported and modelled figures for the same year**, side by side (ratio = reported ÷ modelled):")
        st.dataframe(both, hide_index=True, column_config={
            "Reported (t)": st.column_config.NumberColumn(format="localized"),
            "Modelled (t)": st.column_config.NumberColumn(format="localized"),
            "Ratio": st.column_config.NumberColumn(format="%.2f"),
        })  # fmt: skip

st.subheader("Targets")
if targets.empty:
    st.info(f"No target of {escape_markdown(name)} is in the store. Targets arrive through the importers (Data page).")
else:
    st.dataframe(targets_table(targets), hide_index=True)

st.subheader("Pathway")
totals, used = series(inventory)
pathway = build_pathway(targets, totals, used)
trend = fit_trend(totals)
sentence = on_track_sentence(name, pathway, trend, totals)
if pathway.points or len(totals):
    rows = [*inventory.to_dict("records"), *targets.to_dict("records")]
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
        f"Pathway and trend use one series: {escape_markdown(describe_series(used))}, boundary {used['boundary']} "
        "(reported before modelled; see How the pathway is drawn)."
    )
for item in pathway.not_drawn:
    st.caption(f"Not drawn: {escape_markdown(item)}")
with st.expander("How the pathway is drawn"):
    st.markdown(RULES_TEXT)
