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
    import tempfile
    from pathlib import Path

    from components.admin import admin_secret, is_admin
    from data.importers import FORMATS, ImportRefused, run_import

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
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / Path(upload.name).name
        path.write_bytes(upload.getbuffer())
        bar = st.progress(0.0, text="Starting")
        try:
            report = run_import(fmt, path, store_path(), dry_run=dry_run, progress=lambda f, m: bar.progress(f, m))
        except (ImportRefused, OSError) as e:  # the same one line the command line prints (data/__main__.py)
            bar.empty()
            log.warning("import refused: %s", e)
            st.error(f"The file was refused; the store is unchanged. {escape_text(str(e))}")
            return
        except Exception as e:  # a case no check foresaw: the log keeps the traceback, the page says one line
            bar.empty()
            log.exception("import failed")
            st.error(f"The file was refused; the store is unchanged. {escape_text(f'unexpected {type(e).__name__}')}")
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
