"""Your own figures in this browser session: where they live, the banner every page shows while they are in use,
"Forget my figures", and the upload and table widgets that load them (components/sandbox.py does the rest).

Where the figures live: only in `st.session_state[KEY]`, which belongs to this browser session alone. Nothing here
writes a file (an upload is read from memory), logs a value, or passes the figures to a `st.cache_*` function
(those caches are shared by every session of the server). Streamlit drops a session's state, its uploaded files
included, when the session ends; "Forget my figures" drops them at once and resets the widgets that held them.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.i18n import N_, _, fmt_int, ngettext, pgettext
from components.sandbox import (
    BANNER,
    EDITOR_COLUMNS,
    MAX_SANDBOX_ROWS,
    MAX_UPLOAD_BYTES,
    Sandbox,
    editor_frame,
    load,
    read_upload,
    summary_sentence,
    to_csv,
    to_xlsx,
)
from components.ui.downloads import download_bar
from components.ui.store import query
from components.ui.upload import problems_shown
from components.ui.widgets import escape_text
from data.checks import reason_text
from data.importers.reading import ImportRefused
from data.importers.template import template_frame

KEY = "sandbox"  # the Sandbox of this session
OUTCOME = "sandbox_outcome"  # the last check's (kind, message, problems frame) shown on the page
GENERATION = "sandbox_generation"  # bumped by forget(): new widget keys, so the uploader and the table empty
PAGE = "app_pages/sandbox.py"
FLAGGED_HEADERS = {"Record": N_("Record"), "Year": N_("Year"), "Sector or kind": N_("Sector or kind"),
                   "Figure (t)": N_("Figure (t)"), "Check": N_("Check"), "Why": N_("Why")}  # fmt: skip
SECTORS = ["total", "energy", "buildings", "transport", "waste", "industry", "afolu", "other"]


def current() -> Sandbox | None:
    return st.session_state.get(KEY)


def for_city(city_id: int) -> Sandbox | None:
    """This session's figures if they are for this city."""
    box = current()
    return box if box is not None and box.city_id == int(city_id) else None


def forget() -> None:
    """Drop this session's figures, the last check's report and the widgets' contents (an on_click callback)."""
    for key in [KEY, OUTCOME, "sandbox_deck", *[k for k in st.session_state if str(k).startswith("sb_")]]:
        st.session_state.pop(key, None)
    st.session_state[GENERATION] = st.session_state.get(GENERATION, 0) + 1


def banner() -> None:
    """On every page while figures are in use (app.py calls it before the page runs)."""
    box = current()
    if box is None:
        return
    with st.container(border=True, key="sandbox_banner"):
        cols = st.columns([6, 2, 2], vertical_alignment="center")
        rows, targets = len(box.emissions), len(box.targets)
        cols[0].markdown(
            _(":violet-background[**{banner}**] · {city}, loaded at {time}: {rows}, {targets}.").format(
                banner=_(BANNER),
                city=escape_text(box.city["city"]),
                time=box.loaded_at,
                rows=ngettext("{n} inventory row", "{n} inventory rows", rows).format(n=fmt_int(rows)),
                targets=ngettext("{n} target", "{n} targets", targets).format(n=fmt_int(targets)),
            )
        )
        cols[1].page_link(PAGE, label=_("Your figures"), icon=":material/edit_note:")
        cols[2].button(_("Forget my figures"), on_click=forget, icon=":material/delete:", key="forget_banner")


def _generation() -> int:
    return st.session_state.get(GENERATION, 0)


def _check(frame_of, city: dict, name: str) -> None:
    """Read, validate and check the figures; keep them in the session if any row is usable; keep the report."""
    try:
        frame = frame_of()
        box = load(frame, city, query("city_inventory", city_id=int(city["city_id"])), name)
    except ImportRefused as e:  # shown to this viewer only, never logged: it may quote a value of the file
        st.session_state[OUTCOME] = (
            "error",
            _("Your figures were refused, nothing was kept: {reason}").format(reason=e),
            None,
        )
        st.rerun()
    report = box.report
    problems = report.problems_frame()
    if report.rows_imported:
        st.session_state[KEY] = box
        message = _("{n} of {total} rows are in use. {summary}").format(
            n=fmt_int(report.rows_imported), total=fmt_int(report.rows_read), summary=summary_sentence(box)
        )
        st.session_state[OUTCOME] = ("success" if not len(problems) else "warning", message, problems)
    else:
        message = ngettext("The {n} row could not be used.", "None of the {n} rows could be used.", report.rows_read)
        st.session_state[OUTCOME] = ("error", message.format(n=fmt_int(report.rows_read)), problems)
    st.rerun()  # from the top: the banner, drawn before the page, shows the figures now in use


def input_widgets(city: dict) -> None:
    """Upload a template file or type figures, for the city chosen; then the check's report, row by row."""
    gen = _generation()
    upload_tab, type_tab = st.tabs([_("Upload a file"), _("Type your figures")])
    with upload_tab:
        st.caption(
            _(
                "The import template's columns (documented on the Data page), CSV or XLSX, up to {size} kB and "
                "{rows} rows. Rows with city_id, city_name and country_iso3 blank are for the city chosen above; rows "
                "for another city are left out."
            ).format(size=fmt_int(MAX_UPLOAD_BYTES // 1024), rows=fmt_int(MAX_SANDBOX_ROWS))
        )
        # TRANSLATORS: completes "Download {label} (CSV)" on the download buttons.
        download_bar(template_frame(), "utmc-template", [], _("the empty template"))
        upload = st.file_uploader(_("Your figures (CSV or XLSX)"), type=["csv", "xlsx"], key=f"sb_file_{gen}",
                                  max_upload_size=max(1, MAX_UPLOAD_BYTES // 2**20))  # fmt: skip
        if st.button(_("Check and use this file"), type="primary", key=f"sb_use_file_{gen}", disabled=upload is None):
            _check(lambda: read_upload(upload.getvalue(), upload.name), city, upload.name)
    with type_tab:
        st.caption(
            _(
                "One row per figure. Inventory rows: year, sector, emissions and unit. Target rows: target_kind "
                "(base_year, net_zero, fixed_level, bau, intensity), base_year, target_year, reduction_pct."
            )
        )
        typed = st.data_editor(
            editor_frame(), num_rows="dynamic", key=f"sb_editor_{gen}", hide_index=True, column_order=EDITOR_COLUMNS,
            column_config={
                "record": st.column_config.SelectboxColumn("record", options=["inventory", "target"], required=True),
                "sector": st.column_config.SelectboxColumn("sector", options=SECTORS),
                "unit": st.column_config.SelectboxColumn("unit", options=["tCO2e", "ktCO2e", "MtCO2e"]),
                "target_kind": st.column_config.SelectboxColumn(
                    "target_kind", options=["base_year", "net_zero", "fixed_level", "bau", "intensity"]),
                "is_illustrative": st.column_config.SelectboxColumn("is_illustrative", options=["yes", "no"]),
            },
        )  # fmt: skip
        if st.button(_("Check and use these figures"), type="primary", key=f"sb_use_table_{gen}", disabled=typed.empty):
            _check(lambda: typed, city, "typed in")
    outcome = st.session_state.get(OUTCOME)
    if outcome:
        kind, message, problems = outcome
        getattr(st, kind)(escape_text(message))
        if problems is not None and len(problems):
            st.markdown(_("**Rows left out, and why** (row 1 is the header, as in a spreadsheet):"))
            st.dataframe(problems_shown(problems), hide_index=True)


def flagged_table(box: Sandbox) -> pd.DataFrame:
    em = box.emissions[box.emissions["flag"].notna()]
    tg = box.targets[box.targets["flag"].notna()]
    inventory, target = pgettext("record", "inventory"), pgettext("record", "target")
    rows = [(inventory, int(r.year), r.sector, r.emissions_tco2e, r.flag, reason_text(r.flag, r.flag_reason))
            for r in em.itertuples()]  # fmt: skip
    rows += [(target, r.target_year, r.kind, r.base_emissions_tco2e, r.flag, reason_text(r.flag, r.flag_reason))
             for r in tg.itertuples()]  # fmt: skip
    columns = [_(FLAGGED_HEADERS[c]) for c in ("Record", "Year", "Sector or kind", "Figure (t)", "Check", "Why")]
    return pd.DataFrame(rows, columns=columns)


def show_flagged(box: Sandbox) -> None:
    flagged = flagged_table(box)
    if len(flagged):
        st.warning(
            ngettext(
                "{n} of your figures failed a plausibility check (data/checks.py, against the store's own figures of "
                "the city too); it is left out of charts, trends and comparisons unless **Include flagged figures** "
                "(sidebar) is on.",
                "{n} of your figures failed a plausibility check (data/checks.py, against the store's own figures of "
                "the city too); they are left out of charts, trends and comparisons unless **Include flagged "
                "figures** (sidebar) is on.",
                len(flagged),
            ).format(n=fmt_int(len(flagged))),
            icon=":material/warning:",
        )
        st.dataframe(flagged, hide_index=True)


def download_buttons(box: Sandbox, extra: dict[str, pd.DataFrame] | None = None) -> None:
    """CSV and XLSX of your figures, made in memory when clicked; the files say the figures are yours."""
    stem = f"utmc-your-figures-{box.city_id}"
    cols = st.columns(2)
    cols[0].download_button(_("Download your figures (CSV)"), lambda: to_csv(box), f"{stem}.csv", "text/csv",
                            on_click="ignore", icon=":material/download:", key="sb_csv")  # fmt: skip
    cols[1].download_button(
        _("Download your figures (XLSX)"), lambda: to_xlsx(box, extra), f"{stem}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", on_click="ignore",
        icon=":material/table:", key="sb_xlsx",
    )  # fmt: skip
