"""Compare: 2-6 cities side by side (?cities=<id>,<id>), and a peer finder that says why each peer was chosen."""

import datetime as dt

import streamlit as st

from components import ui
from components.city import short_source_name
from components.compare import (
    BASES,
    VIEWS,
    basis_sentence,
    comparison_download,
    comparison_table,
    default_basis,
    flagged_left_out_sentence,
    normalised_figure,
    parse_city_ids,
    side_by_side,
    summary_sentence,
    view_label,
)
from components.i18n import _
from components.inventory import kind_word, usable
from components.peers import DEFAULT_WEIGHTS, FEATURES, feature_label, peers_table

st.title(_("Compare"))
ui.from_link("basis", BASES, kind_word, multi=False)  # ?basis=modelled, or its label in any language
ui.from_link("view", VIEWS, view_label, multi=False)
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
        _(
            "Pick two to six cities with the search box, or one city: its peers are listed below the comparison, "
            "with a button to compare it with the top five. "
            "A link such as `?cities=3117735,3169070,2988507` opens a comparison directly."
        ),
        icon=":material/compare_arrows:",
    )
    st.stop()

cols = st.columns(len(profiles) + 1)
for col, p in zip(cols, profiles.to_dict("records"), strict=False):
    col.button(f"✕ {p['city']}", key=f"drop_{p['city_id']}", on_click=ui.set_compared,
               args=([i for i in ids if i != p["city_id"]],), help=_("Remove from the comparison"))  # fmt: skip

everything = ui.query("cities_inventory", city_ids=ids)
inventory = usable(everything, ui.include_flagged())  # flagged figures only when the viewer includes them
targets = ui.query("cities_targets", city_ids=ids)
basis_default = default_basis(inventory, ids)
basis = st.segmented_control(_("Basis of the figures"), BASES, default=basis_default,
                             key="basis", format_func=kind_word, bind="query-params") or basis_default  # fmt: skip
left_out = len(everything) - len(inventory)
st.caption(basis_sentence(basis, inventory, ids) + (" " + flagged_left_out_sentence(left_out) if left_out else ""))
table = comparison_table(profiles, inventory, targets, dt.date.today().year, basis)
sources = ui.sources_frame({s for cell in table["Sources"] for s in cell.split("; ")} | {"geonames"})
# Plain HTML: every row (net-zero year, nearest target, sources) on the page, long text wrapped, no inner scroll
names = {r["source_id"]: short_source_name(r) for r in sources.to_dict("records")}  # "Net Zero Tracker", not its line
shown_table = side_by_side(table, names)
ui.table(shown_table.reset_index(names=""), row_header=True)
sentence = summary_sentence(table)
st.caption(ui.escape_text(sentence))
credit = sources
ui.download_bar(comparison_download(table), "utmc-compare", credit, _("the comparison"))

view = st.segmented_control(_("Normalised view"), list(VIEWS), default="per capita", key="view",
                            format_func=view_label, bind="query-params")  # fmt: skip
if inventory.empty:
    st.info(_("None of these cities has an inventory in the store; reported figures arrive through the importers."))
else:
    publishers = "; ".join(sorted(set(sources["publisher"])))
    figure = normalised_figure(profiles, inventory, view or "per capita", publishers, basis)
    ui.chart(figure, sentence, inventory, "utmc-compare-normalised", credit)

st.header(ui.escape_text(_("Peers of {city}").format(city=profiles.iloc[0]["city"])))
members_only = st.toggle(_("Network members only"), value=True, key="members")
with st.expander(_("Weights of the features")):
    weights = {f: st.slider(feature_label(f), 0.0, 5.0, DEFAULT_WEIGHTS[f], 0.5, key=f"w_{f}") for f in FEATURES}
if sum(weights.values()) == 0:
    st.warning(_("Give at least one feature a weight above zero."))
else:
    peers = ui.peers(int(profiles.iloc[0]["city_id"]), weights, members_only)
    found = ui.profiles(list(peers["city_id"]))  # in memory: the peers' ISO codes name their countries
    codes = dict(zip(found["city_id"], found["iso3"], strict=True))
    shown = peers_table(peers, codes)
    ui.table(peers_table(peers, codes, digits=2))  # the reasons wrap: read whole, never cut
    st.button(_("Compare with the top 5 peers"), on_click=ui.set_compared,
              args=([ids[0], *[int(i) for i in peers["city_id"].head(5)]],), type="primary")  # fmt: skip
    ui.download_bar(shown, "utmc-peers", credit, _("peers"))
