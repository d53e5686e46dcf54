"""The admin-gated import form of the Data page: the same importers and report as the command line."""

from __future__ import annotations

import logging

import streamlit as st

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
            "Format",
            list(FORMATS),
            horizontal=True,
            help="CDP inventories or targets, Net Zero Tracker (xlsx), or our template",
        )
        upload = st.file_uploader("File", type=["csv", "xlsx"], accept_multiple_files=False)
        dry_run = st.checkbox("Check only (dry run): report, write nothing")
        secret = st.text_input("Admin secret", type="password", autocomplete="off")
        submitted = st.form_submit_button("Import", type="primary")
    if not submitted:
        return
    if not is_admin(secret, admin_secret()):
        log.warning("import refused: wrong admin secret")
        st.error("That is not the admin secret of this server. Nothing was imported.")
        return
    if upload is None:
        st.warning("Choose a file first.")
        return
    report = _run_uploaded(upload, "file", lambda path, progress: run_import(fmt, path, store_path(), dry_run=dry_run,
                                                                            progress=progress))  # fmt: skip
    if report is None:
        return
    (st.success if report.rows_imported else st.warning)(
        f"{report.rows_imported:,} of {report.rows_read:,} rows "
        + ("would be imported (dry run)." if dry_run else "imported.")
    )
    st.code(report.summary(), language=None)
    problems = report.problems_frame()
    if len(problems):
        st.dataframe(problems, hide_index=True)
        download_bar(problems, "utmc-import-problems", [], "row problems")


def members_upload_form(networks: list[tuple[str, str]]) -> None:
    """The gated member-list import: the same importer and report as `python -m data import members`.
    networks: (network_id, label) of the member lists staff may import into."""

    from components.admin import admin_secret, is_admin
    from data.importers.members import NetworkDeclaration, run_members_import

    new = "a new network…"
    with st.form("members_upload", clear_on_submit=True):
        ids = [n for n, _ in networks] + [new]
        labels = dict(networks)
        network_id = st.radio("Network", ids, index=None, horizontal=True, format_func=lambda n: labels.get(n, n),
                              help="No default: a list imported into the wrong network would change it")  # fmt: skip
        cols = st.columns(3)
        new_id = cols[0].text_input("New network: id", placeholder="e.g. utm_africa", max_chars=40)
        new_name = cols[1].text_input("New network: name", max_chars=200)
        new_url = cols[2].text_input("New network: home page", placeholder="https://…", max_chars=500)
        upload = st.file_uploader("Member list", type=["csv", "xlsx"], accept_multiple_files=False)
        replace = st.checkbox("This is the network's whole list: members not in it leave (the report names them)")
        dry_run = st.checkbox("Check only (dry run): report, write nothing", key="members_dry_run")
        secret = st.text_input("Admin secret", type="password", autocomplete="off", key="members_secret")
        submitted = st.form_submit_button("Import the member list", type="primary")
    if not submitted:
        return
    if not is_admin(secret, admin_secret()):
        log.warning("member list refused: wrong admin secret")
        st.error("That is not the admin secret of this server. Nothing was imported.")
        return
    if upload is None or network_id is None:
        st.warning("Choose the network and a file first.")
        return
    declaration = (NetworkDeclaration(new_id.strip(), new_name.strip() or None, new_url.strip() or None)
                   if network_id == new else NetworkDeclaration(network_id))  # fmt: skip
    report = _run_uploaded(upload, "list", lambda path, progress: run_members_import(
        path, store_path(), declaration, replace=replace, dry_run=dry_run, progress=progress))  # fmt: skip
    if report is None:
        return
    verb = "would be" if dry_run else ("written" if report.committed else "already in the store:")
    (st.success if report.rows_imported else st.warning)(
        f"{report.rows_imported:,} of {report.rows_read:,} rows {verb} "
        f"({len(report.joining):,} joining, {len(report.updated):,} updated, {len(report.leaving):,} leaving)."
    )
    st.code(report.summary(), language=None)
    problems = report.problems_frame()
    if len(problems):
        st.dataframe(problems, hide_index=True)
        download_bar(problems, "utmc-member-list-problems", [], "row problems")


def _run_uploaded(upload, what: str, run):
    """Write the upload to a private temp folder, run `run(path, progress)` with a progress bar, and say in one line
    why a refused file was refused (the store is unchanged: importers commit atomically). None when refused."""
    import tempfile
    from pathlib import Path

    from data.importers import ImportRefused

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / Path(upload.name).name
        path.write_bytes(upload.getbuffer())
        bar = st.progress(0.0, text="Starting")
        try:
            return run(path, lambda f, m: bar.progress(f, m))
        except (ImportRefused, OSError) as e:  # the same one line the command line prints (data/__main__.py)
            bar.empty()
            log.warning("%s refused: %s", what, e)
            st.error(f"The {what} was refused; the store is unchanged. {escape_text(str(e))}")
        except Exception as e:  # a case no check foresaw: the log keeps the traceback, the page says one line
            bar.empty()
            log.exception("%s import failed", what)
            st.error(f"The {what} was refused; the store is unchanged. {escape_text(f'unexpected {type(e).__name__}')}")
    return None
