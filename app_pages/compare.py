"""Compare: 2-6 cities side by side (?cities=<id>,<id>), and a peer finder that says why each peer was chosen."""

import datetime as dt

import streamlit as st

from components import ui
from components.city import short_source_name
from components.compare import (
    BASES,
    basis_sentence,
    comparison_table,
    default_basis,
    normalised_figure,
    parse_city_ids,
    side_by_side,
    summary_sentence,
)
from components.inventory import usable
from components.peers import DEFAULT_WEIGHTS, FEATURES

st.title("Compare")
ui.sandbox_compare()  # your city among its peers, on this session's own figures, if any
known = ui.profiles(parse_city_ids(st.query_params.get("cities", ""), limit=None)[0])
ids, notices = parse_city_ids(st.query_params.get("cities", ""), set(int(i) for i in known["city_id"]))
for notice in notices:
    st.warning(ui.escape_text(notice), icon=":material/info:")
profiles = known.set_index("city_id").loc[ids].reset_index() if ids else known.iloc[0:0]

added = ui.city_picker(key="add", show_choice=False)  # the shared picker: its choice arrives as ?city=
if added:
    ui.set_compared(ids + [int(added["city_id"])] if int(added["city_id"]) not in ids else ids)
    st.rerun()

if profiles.empty:
    st.info(
        "Pick two to six cities with the search box, or one city: its peers are listed below the comparison, "
        "with a button to compare it with the top five. "
        "A link such as `?cities=3117735,3169070,2988507` opens a comparison directly.",
        icon=":material/compare_arrows:",
    )
    st.stop()

cols = st.columns(len(profiles) + 1)
for col, p in zip(cols, profiles.to_dict("records"), strict=False):
    col.button(f"✕ {p['city']}", key=f"drop_{p['city_id']}", on_click=ui.set_compared,
               args=([i for i in ids if i != p["city_id"]],), help="Remove from the comparison")  # fmt: skip

everything = ui.query("cities_inventory", city_ids=ids)
inventory = usable(everything, ui.include_flagged())  # flagged figures only when the viewer includes them
targets = ui.query("cities_targets", city_ids=ids)
basis = st.segmented_control("Basis of the figures", BASES, default=default_basis(inventory, ids), key="basis",
                             bind="query-params") or default_basis(inventory, ids)  # fmt: skip
left_out = len(everything) - len(inventory)
st.caption(basis_sentence(basis, inventory, ids) + (f" {left_out} flagged rows (failed a plausibility check) are left "
           "out; the sidebar puts them back." if left_out else ""))  # fmt: skip
table = comparison_table(profiles, inventory, targets, dt.date.today().year, basis)
sources = ui.sources_frame({s for cell in table["Sources"] for s in cell.split("; ")} | {"geonames"})
# Plain HTML: every row (net-zero year, nearest target, sources) on the page, long text wrapped, no inner scroll
names = {r["source_id"]: short_source_name(r) for r in sources.to_dict("records")}  # "Net Zero Tracker", not its line
shown_table = side_by_side(table, names)
ui.table(shown_table.reset_index(names=""), row_header=True)
sentence = summary_sentence(table)
st.caption(ui.escape_text(sentence))
credit = sources
ui.download_bar(table, "utmc-compare", credit, "the comparison")

view = st.segmented_control("Normalised view", ["per capita", "% of first year"], default="per capita", key="view",
                            bind="query-params")  # fmt: skip
if inventory.empty:
    st.info("None of these cities has an inventory in the store; reported figures arrive through the importers.")
else:
    publishers = "; ".join(sorted(set(sources["publisher"])))
    figure = normalised_figure(profiles, inventory, view or "per capita", publishers, basis)
    ui.chart(figure, sentence, inventory, "utmc-compare-normalised", credit)

st.subheader(ui.escape_text(f"Peers of {profiles.iloc[0]['city']}"))
members_only = st.toggle("Network members only", value=True, key="members")
with st.expander("Weights of the features"):
    weights = {f: st.slider(f, 0.0, 5.0, DEFAULT_WEIGHTS[f], 0.5, key=f"w_{f}") for f in FEATURES}
if sum(weights.values()) == 0:
    st.warning("Give at least one feature a weight above zero.")
else:
    peers = ui.peers(int(profiles.iloc[0]["city_id"]), weights, members_only)
    shown = peers[["city", "country", "score", "reasons"]].rename(columns=str.capitalize)
    ui.table(shown.assign(Score=shown["Score"].round(2)))  # the reasons wrap: read whole, never cut
    st.button("Compare with the top 5 peers", on_click=ui.set_compared,
              args=([ids[0], *[int(i) for i in peers["city_id"].head(5)]],), type="primary")  # fmt: skip
    ui.download_bar(shown, "utmc-peers", credit, "peers")
