"""Data and sources: every source with licence, credit and rows; the import template; the gated upload."""

from datetime import date, timedelta

import streamlit as st

from components import ui
from components.admin import SECRET_ENV, admin_secret
from components.escape import link_url
from components.export import to_csv_bytes
from components.quality import CHECKS_TEXT, checks_summary
from components.ui import growth
from data.importers.members import example_frame as members_example
from data.importers.template import template_frame

SOURCE_HEADERS = {
    "title": "Title", "publisher": "Publisher", "licence": "Licence", "rows_cited": "Rows", "tables": "Tables",
    "accessed": "Accessed or imported", "url": "URL", "citation": "Citation",
}  # fmt: skip

st.title("Data and sources")
st.markdown(
    "Every figure in UTMC Explorer comes from one of the sources below. Reference data (cities, countries, "
    "regions, outlines) comes from registry packages and ships with the app, so it works offline. Network "
    "memberships were each confirmed on the public page listed. Imported files keep their publisher's credit "
    "and licence. Figures that are modelled or illustrative are labelled as such wherever they are shown."
)
sources = ui.query("source_rows")
sources["url"] = sources["url"].map(link_url)  # only http(s) addresses become links
imports = sources[sources["is_import"]]
st.metric("Imported files", len(imports))
ui.table(  # plain HTML: the licence and the citation wrap, never cut
    sources[list(SOURCE_HEADERS)]
    .rename(columns=SOURCE_HEADERS)
    .assign(
        **{
            "Accessed or imported": lambda f: f["Accessed or imported"].map(
                lambda d: "" if d is None or d != d else str(d)[:10]
            )
        }
    ),
    links=("URL",),
    max_height_px=560,
)
ui.download_bar(sources.drop(columns=["is_import", "source_id"]), "utmc-sources", sources, "sources")

st.subheader("What each file gave")
st.markdown(
    "The default store carries three open datasets, loaded at build by the same importers as uploads: the Net "
    "Zero Tracker snapshot of 2022-12-20 (targets and inventories **reported** by cities; companies, regions and "
    "countries left out), Carbon Monitor Cities (**modelled** fossil CO2 of functional urban areas) and the Global "
    "Covenant of Mayors signatories (JRC: **modelled** per-capita GHG from EDGAR, with totals derived from the "
    "signatory's population, and the signatories' targets). A place is matched to one GeoNames city or listed "
    "below as unmatched, with why; nothing is forced onto a namesake."
)
loads = ui.query("source_loads")
ui.table(loads.drop(columns=["source_id", "Credit"]))
unmatched = ui.query("unmatched_places")
ui.download_bar(unmatched, "utmc-unmatched-places", sources[sources["title"].isin(set(unmatched["Source"]))],
                f"the {len(unmatched):,} unmatched places")  # fmt: skip

st.subheader("Catalogue rows not checked in the last 12 months")
stale = ui.query("stale_catalogue", cutoff=date.today() - timedelta(days=365))
stale["URL"] = stale["URL"].map(link_url)
if stale.empty:
    st.success("Every catalogue row was checked in the last 12 months.", icon=":material/check_circle:")
else:
    st.markdown(f"{len(stale)} practices and funding programmes were last read more than a year ago: check them again.")
    st.dataframe(stale, hide_index=True, column_config={"URL": st.column_config.LinkColumn("URL")})

st.subheader("Data quality: figures that cannot be right")
st.markdown(CHECKS_TEXT)
quality = ui.query("flagged_figures")
if quality.empty:
    st.success("No figure in the store fails a plausibility check.", icon=":material/check_circle:")
else:
    ui.table(checks_summary(quality))
    st.dataframe(quality, hide_index=True, column_config={
        "Value (t)": st.column_config.NumberColumn(format="localized"),
        "Per person (t)": st.column_config.NumberColumn(format="%.3g"),
        "GeoNames id": st.column_config.NumberColumn(format="%d"),
    })  # fmt: skip
    ui.download_bar(quality, "utmc-flagged-figures", sources[sources["title"].isin(set(quality["Source"]))],
                    f"the {len(quality):,} flagged figures")  # fmt: skip

st.subheader("Networks: how much of each the store holds")
coverage = growth.network_coverage()
st.markdown(growth.coverage_markdown(list(coverage["short_name"])))
st.subheader("How each network's list was built")
for row in coverage.to_dict("records"):
    with st.expander(f"{row['name']} ({int(row['members_in_store']):,} in the store)"):
        st.markdown(row["notes"] if isinstance(row["notes"], str) else "No notes: the list was imported by staff.")
st.markdown(
    "Staff keep member lists as CSV or XLSX: city, country, optional coordinates or GeoNames id, the source (a "
    "page or a document reference, required), the year joined, the cohort and a note. From the command line: "
    "`python -m data import members FILE --network utm [--replace] [--dry-run]`; a new network is declared with "
    "`--network-name` and `--network-url`. A rebuild of the store starts again from the seed lists."
)
st.download_button(
    "Download the member list template (CSV, with an example row)", to_csv_bytes(members_example()),
    "utmc-member-list-template.csv", "text/csv", icon=":material/download:", on_click="ignore",
)  # fmt: skip
# Filled only when open (?members=true): closed, the page keeps one import form and costs nothing more.
member_upload = st.expander("Import a member list", key="members", bind="query-params", icon=":material/group_add:")
if member_upload.open:
    with member_upload:
        if admin_secret() is None:
            st.info(
                f"Uploading is switched off on this server (start it with `{SECRET_ENV}` set).", icon=":material/lock:"
            )
        else:
            member_lists = coverage[~coverage["is_reference"]]
            ui.members_upload_form(list(zip(member_lists["network_id"], member_lists["short_name"], strict=True)))

st.subheader("Add reported figures")
st.markdown(
    "Cities' inventories and targets come in as CDP files (`cdp-emissions`, `cdp-targets`), Net Zero Tracker "
    "snapshots (`nzt`) or our template. From the command line: `python -m data import FORMAT FILE [--dry-run]`."
)
st.download_button(
    "Download the template (CSV)",
    to_csv_bytes(template_frame()),
    "utmc-template.csv",
    "text/csv",
    icon=":material/download:",
    on_click="ignore",
    help="One row per inventory figure or target; the columns are described in data/importers/template.py.",
)
if admin_secret() is None:
    st.info(
        f"Uploading is switched off on this server. To switch it on, start the server with `{SECRET_ENV}` set to "
        "a secret of 8 characters or more; whoever uploads must then enter it.",
        icon=":material/lock:",
    )
else:
    ui.upload_form()
