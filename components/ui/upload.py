"""The admin-gated import form of the Data page: the same importers and report as the command line."""

from __future__ import annotations

import logging

import pandas as pd
import streamlit as st

from components.i18n import _, fmt_int, pgettext
from components.ui.downloads import download_bar
from components.ui.widgets import escape_text
from data.store import store_path

log = logging.getLogger("utmc")


def upload_form() -> None:
    """The gated import form: same importer, same report as the command line."""

    from components.admin import admin_secret, is_admin
    from data.importers import FORMATS, run_import

    with st.form("upload", clear_on_submit=True):
        fmt = st.radio(
            _("Format"),
            list(FORMATS),
            horizontal=True,
            help=_("CDP inventories or targets, Net Zero Tracker (xlsx), or our template"),
        )
        upload = st.file_uploader(_("File"), type=["csv", "xlsx"], accept_multiple_files=False)
        dry_run = st.checkbox(_("Check only (dry run): report, write nothing"))
        secret = st.text_input(_("Admin secret"), type="password", autocomplete="off")
        submitted = st.form_submit_button(pgettext("button", "Import"), type="primary")
    if not submitted:
        return
    if not is_admin(secret, admin_secret()):
        log.warning("import refused: wrong admin secret")
        st.error(_("That is not the admin secret of this server. Nothing was imported."))
        return
    if upload is None:
        st.warning(_("Choose a file first."))
        return
    report = _run_uploaded(upload, "file", lambda path, progress: run_import(fmt, path, store_path(), dry_run=dry_run,
                                                                            progress=progress))  # fmt: skip
    if report is None:
        return
    counts = {"n": fmt_int(report.rows_imported), "total": fmt_int(report.rows_read)}
    (st.success if report.rows_imported else st.warning)(
        (
            _("{n} of {total} rows would be imported (dry run).") if dry_run else _("{n} of {total} rows imported.")
        ).format(**counts)
    )
    st.code(report.summary(), language=None)
    _show_problems(report.problems_frame(), "utmc-import-problems")


def members_upload_form(networks: list[tuple[str, str]]) -> None:
    """The gated member-list import: the same importer and report as `python -m data import members`.
    networks: (network_id, label) of the member lists staff may import into."""

    from components.admin import admin_secret, is_admin
    from data.importers.members import NetworkDeclaration, run_members_import

    new = "a new network…"  # the radio's value for "declare a network"; its label is translated
    with st.form("members_upload", clear_on_submit=True):
        ids = [n for n, _label in networks] + [new]
        labels = dict(networks) | {new: _("a new network…")}
        network_id = st.radio(_("Network"), ids, index=None, horizontal=True, format_func=lambda n: labels.get(n, n),
                              help=_("No default: a list imported into the wrong network would change it"))  # fmt: skip
        cols = st.columns(3)
        new_id = cols[0].text_input(_("New network: id"), placeholder=_("e.g. utm_africa"), max_chars=40)
        new_name = cols[1].text_input(_("New network: name"), max_chars=200)
        new_url = cols[2].text_input(_("New network: home page"), placeholder="https://…", max_chars=500)
        upload = st.file_uploader(_("Member list"), type=["csv", "xlsx"], accept_multiple_files=False)
        replace = st.checkbox(_("This is the network's whole list: members not in it leave (the report names them)"))
        dry_run = st.checkbox(_("Check only (dry run): report, write nothing"), key="members_dry_run")
        secret = st.text_input(_("Admin secret"), type="password", autocomplete="off", key="members_secret")
        submitted = st.form_submit_button(_("Import the member list"), type="primary")
    if not submitted:
        return
    if not is_admin(secret, admin_secret()):
        log.warning("member list refused: wrong admin secret")
        st.error(_("That is not the admin secret of this server. Nothing was imported."))
        return
    if upload is None or network_id is None:
        st.warning(_("Choose the network and a file first."))
        return
    declaration = (NetworkDeclaration(new_id.strip(), new_name.strip() or None, new_url.strip() or None)
                   if network_id == new else NetworkDeclaration(network_id))  # fmt: skip
    report = _run_uploaded(upload, "list", lambda path, progress: run_members_import(
        path, store_path(), declaration, replace=replace, dry_run=dry_run, progress=progress))  # fmt: skip
    if report is None:
        return
    counts = {
        "n": fmt_int(report.rows_imported),
        "total": fmt_int(report.rows_read),
        "joining": fmt_int(len(report.joining)),
        "updated": fmt_int(len(report.updated)),
        "leaving": fmt_int(len(report.leaving)),
    }
    if dry_run:
        outcome = _("{n} of {total} rows would be ({joining} joining, {updated} updated, {leaving} leaving).")
    elif report.committed:
        outcome = _("{n} of {total} rows written ({joining} joining, {updated} updated, {leaving} leaving).")
    else:
        outcome = _(
            "{n} of {total} rows already in the store: ({joining} joining, {updated} updated, {leaving} leaving)."
        )
    (st.success if report.rows_imported else st.warning)(outcome.format(**counts))
    st.code(report.summary(), language=None)
    _show_problems(report.problems_frame(), "utmc-member-list-problems")


def problems_shown(problems: pd.DataFrame) -> pd.DataFrame:
    """An import report's problems (row, column, problem) with their headers in the current language."""
    return problems.rename(
        columns={
            "row": pgettext("import report column", "row"),
            "column": pgettext("import report column", "column"),
            "problem": pgettext("import report column", "problem"),
        }
    )


def _show_problems(problems: pd.DataFrame, file_stem: str) -> None:
    if len(problems):
        shown = problems_shown(problems)
        st.dataframe(shown, hide_index=True)
        # TRANSLATORS: completes "Download {label} (CSV)" on the download buttons.
        download_bar(shown, file_stem, [], _("row problems"))


def _run_uploaded(upload, what: str, run):
    """Write the upload to a private temp folder, run `run(path, progress)` with a progress bar, and say in one line
    why a refused file was refused (the store is unchanged: importers commit atomically). None when refused."""
    import tempfile
    from pathlib import Path

    from data.importers import ImportRefused

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / Path(upload.name).name
        path.write_bytes(upload.getbuffer())
        bar = st.progress(0.0, text=_("Starting"))
        try:
            return run(path, lambda f, m: bar.progress(f, m))
        except (ImportRefused, OSError) as e:  # the same one line the command line prints (data/__main__.py)
            bar.empty()
            log.warning("%s refused: %s", what, getattr(e, "english", e))  # the log stays English
            st.error(_refused(what, escape_text(str(e))))
        except Exception as e:  # a case no check foresaw: the log keeps the traceback, the page says one line
            bar.empty()
            log.exception("%s import failed", what)
            unexpected = _("unexpected {error}").format(error=type(e).__name__)
            st.error(_refused(what, escape_text(unexpected)))
    return None


def _refused(what: str, reason: str) -> str:
    """The one line a refused upload gets: `what` is "file" or "list"."""
    if what == "list":
        return _("The list was refused; the store is unchanged. {reason}").format(reason=reason)
    return _("The file was refused; the store is unchanged. {reason}").format(reason=reason)
