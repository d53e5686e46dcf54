"""The store gate and the cached runner of named queries: every page reads the store through `query`."""

from __future__ import annotations

import hashlib
import logging
import threading

import pandas as pd
import streamlit as st

import queries
from components.i18n import _, fmt_int
from data.store import store_path

log = logging.getLogger("utmc")
_build_lock = threading.Lock()


def ensure_store() -> None:
    """Build the store on first start (with progress); stop with a clear message if it is unreadable."""
    path = store_path()
    if not path.exists():
        with _build_lock:
            if not path.exists():
                from data.build import BuildError, build

                with st.status(_("First start: building the store from registry packages…"), expanded=True) as status:
                    bar = st.progress(0.0)
                    try:
                        report = build(path, progress=lambda f, msg: bar.progress(f, text=msg))
                    except BuildError as e:
                        log.error("store build refused: %s", e)
                        status.update(label=_("The store could not be built"), state="error")
                        st.error(_("The store could not be built: {error}").format(error=e))
                        st.stop()
                    built = _("Store built in {seconds} s").format(seconds=fmt_int(report.seconds))
                    status.update(label=built, state="complete", expanded=False)
    try:
        queries.connection()
    except queries.StoreError as e:
        log.error("store refused: %s", e)
        st.error(
            _(
                "**The data store cannot be read.** {error}\n\n"
                "The file was left as it is. To start afresh, move it aside and run `python -m data build` "
                "(store path: `{path}`; set `UTMC_STORE` to use another file)."
            ).format(error=e, path=path)
        )
        st.stop()


@st.cache_data(show_spinner=False, max_entries=256)
def _cached(name: str, store_ident: tuple, params_digest: str, _params: tuple) -> pd.DataFrame:
    return queries.run_query(name, store=store_ident[0], **dict(_params))


def query(name: str, **params) -> pd.DataFrame:
    """queries.run_query with a cache keyed by the query, its parameters and the store file version."""
    frozen = _freeze(params)
    return _cached(name, queries.store_identity(), _digest(frozen), frozen)


def _freeze(params: dict) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))


def _digest(frozen: tuple) -> str:
    """A cache key for frozen parameters: Streamlit hashes a long tuple item by item (1,800 source ids
    took tens of milliseconds); the repr of str/int/float tuples is exact and hashes at once."""
    return hashlib.sha1(repr(frozen).encode("utf-8")).hexdigest()
