"""Data and sources: every source with licence, credit and rows; the import template; the gated upload."""

from datetime import date, timedelta

import streamlit as st

from components import ui
from components.admin import SECRET_ENV, admin_secret
from components.escape import link_url
from components.export import to_csv_bytes
from components.i18n import N_, _, fmt_int, ngettext
from components.quality import checks_summary, checks_text, flagged_shown, header, with_headers
from components.ui import growth
from data.importers.members import example_frame as members_example
from data.importers.template import template_frame

SOURCE_HEADERS = {
    "title": N_("Title"), "publisher": N_("Publisher"), "licence": N_("Licence"), "rows_cited": N_("Rows"),
    "tables": N_("Tables"), "accessed": N_("Accessed or imported"), "url": N_("URL"), "citation": N_("Citation"),
}  # fmt: skip

st.title(_("Data and sources"))
st.markdown(_(
    "Every figure in UTMC Explorer comes from one of the sources below. Reference data (cities, countries, "
    "regions, outlines) comes from registry packages and ships with the app, so it works offline. Network "
    "memberships were each confirmed on the public page listed. Imported files keep their publisher's credit "
    "and licence. Figures that are modelled or illustrative are labelled as such wherever they are shown."
))  # fmt: skip
sources = ui.query("source_rows")
sources["url"] = sources["url"].map(link_url)  # only http(s) addresses become links
imports = sources[sources["is_import"]]
st.metric(_("Imported files"), len(imports))
shown = {column: _(text) for column, text in SOURCE_HEADERS.items()}
ui.table(  # plain HTML: the licence and the citation wrap, never cut
    sources[list(SOURCE_HEADERS)]
    .assign(accessed=lambda f: f["accessed"].map(lambda d: "" if d is None or d != d else str(d)[:10]))
    .rename(columns=shown),
    links=(shown["url"],),
    max_height_px=560,
)
ui.download_bar(sources.drop(columns=["is_import", "source_id"]), "utmc-sources", sources, _("sources"))

st.header(_("What each file gave"))
st.markdown(_(
    "The default store carries three open datasets, loaded at build by the same importers as uploads: the Net "
    "Zero Tracker snapshot of 2022-12-20 (targets and inventories **reported** by cities; companies, regions and "
    "countries left out), Carbon Monitor Cities (**modelled** fossil CO2 of functional urban areas) and the Global "
    "Covenant of Mayors signatories (JRC: **modelled** per-capita GHG from EDGAR, with totals derived from the "
    "signatory's population, and the signatories' targets). A place is matched to one GeoNames city or listed "
    "below as unmatched, with why; nothing is forced onto a namesake."
))  # fmt: skip
loads = ui.query("source_loads")
ui.table(with_headers(loads.drop(columns=["source_id", "Credit"])))
unmatched = ui.query("unmatched_places")
ui.download_bar(with_headers(unmatched), "utmc-unmatched-places",
                sources[sources["title"].isin(set(unmatched["Source"]))],
                ngettext("the {n} unmatched place", "the {n} unmatched places", len(unmatched)).format(
                    n=fmt_int(len(unmatched))))  # fmt: skip

st.header(_("Catalogue rows not checked in the last 12 months"))
stale = ui.query("stale_catalogue", cutoff=date.today() - timedelta(days=365))
stale["URL"] = stale["URL"].map(link_url)
if stale.empty:
    st.success(_("Every catalogue row was checked in the last 12 months."), icon=":material/check_circle:")
else:
    st.markdown(ngettext(
        "{n} practice or funding programme was last read more than a year ago: check it again.",
        "{n} practices and funding programmes were last read more than a year ago: check them again.", len(stale),
    ).format(n=fmt_int(len(stale))))  # fmt: skip
    st.dataframe(with_headers(stale), hide_index=True,
                 column_config={header("URL"): st.column_config.LinkColumn(header("URL"))})  # fmt: skip

st.header(_("Data quality: figures that cannot be right"))
st.markdown(checks_text())
quality = flagged_shown(ui.query("flagged_figures"))  # reasons and kinds in the chosen language
if quality.empty:
    st.success(_("No figure in the store fails a plausibility check."), icon=":material/check_circle:")
else:
    ui.table(with_headers(checks_summary(quality)))
    st.dataframe(with_headers(quality), hide_index=True, column_config={
        header("Value (t)"): st.column_config.NumberColumn(format="localized"),
        header("Per person (t)"): st.column_config.NumberColumn(format="%.3g"),
        header("GeoNames id"): st.column_config.NumberColumn(format="%d"),
    })  # fmt: skip
    ui.download_bar(with_headers(quality), "utmc-flagged-figures",
                    sources[sources["title"].isin(set(quality["Source"]))],
                    ngettext("the {n} flagged figure", "the {n} flagged figures", len(quality)).format(
                        n=fmt_int(len(quality))))  # fmt: skip

st.header(_("Networks: how much of each the store holds"))
coverage = growth.network_coverage()
st.markdown(growth.coverage_markdown(list(coverage["short_name"])))
st.header(_("How each network's list was built"))
for row in coverage.to_dict("records"):
    with st.expander(_("{network} ({n} in the store)").format(network=row["name"], n=fmt_int(row["members_in_store"]))):
        st.markdown(row["notes"] if isinstance(row["notes"], str) else _("No notes: the list was imported by staff."))
st.markdown(_(
    "Staff keep member lists as CSV or XLSX: city, country, optional coordinates or GeoNames id, the source (a "
    "page or a document reference, required), the year joined, the cohort and a note. From the command line: "
    "`python -m data import members FILE --network utm [--replace] [--dry-run]`; a new network is declared with "
    "`--network-name` and `--network-url`. A rebuild of the store starts again from the seed lists."
))  # fmt: skip
st.download_button(
    _("Download the member list template (CSV, with an example row)"), to_csv_bytes(members_example()),
    "utmc-member-list-template.csv", "text/csv", icon=":material/download:", on_click="ignore",
)  # fmt: skip
# Filled only when open (?members=true): closed, the page keeps one import form and costs nothing more.
member_upload = st.expander(_("Import a member list"), key="members", bind="query-params", icon=":material/group_add:")
if member_upload.open:
    with member_upload:
        if admin_secret() is None:
            st.info(
                _("Uploading is switched off on this server (start it with `{variable}` set).").format(
                    variable=SECRET_ENV
                ),
                icon=":material/lock:",
            )
        else:
            member_lists = coverage[~coverage["is_reference"]]
            ui.members_upload_form(list(zip(member_lists["network_id"], member_lists["short_name"], strict=True)))

st.header(_("Add reported figures"))
st.markdown(_(
    "Cities' inventories and targets come in as CDP files (`cdp-emissions`, `cdp-targets`), Net Zero Tracker "
    "snapshots (`nzt`) or our template. From the command line: `python -m data import FORMAT FILE [--dry-run]`."
))  # fmt: skip
st.download_button(
    _("Download the template (CSV)"),
    to_csv_bytes(template_frame()),
    "utmc-template.csv",
    "text/csv",
    icon=":material/download:",
    on_click="ignore",
    help=_("One row per inventory figure or target; the columns are described in data/importers/template.py."),
)
if admin_secret() is None:
    st.info(
        _(
            "Uploading is switched off on this server. To switch it on, start the server with `{variable}` set to "
            "a secret of 8 characters or more; whoever uploads must then enter it."
        ).format(variable=SECRET_ENV),
        icon=":material/lock:",
    )
else:
    ui.upload_form()
