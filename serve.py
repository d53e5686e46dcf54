"""The server entry point: `streamlit run serve.py` (what `make run` does).

Streamlit serves app.py (the page script) through st.App, whose lifespan hook warms the process while
the first browser is still loading Streamlit's frontend: the heavy imports, the store connection and
the default Network map. Without it the first visitor waited for all of that after the page had
loaded (bench/REPORT.md, cold start). Pages and AppTest use app.py directly.
"""

import logging
import socket
import threading
import time
from contextlib import asynccontextmanager

import streamlit as st

LISTEN_WAIT_S = 5.0
STORE_CHECK_S = 2.0  # how often an idle process looks for a newly published store version
log = logging.getLogger("utmc")


def wait_until_listening(host: str, port: int, timeout: float = LISTEN_WAIT_S) -> bool:
    """Wait until the server accepts connections (True), or give up after `timeout` seconds (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection((host, port), timeout=0.2).close()
            return True
        except OSError:
            time.sleep(0.02)
    return False


def warm_up_once_listening() -> None:
    # Started before the server binds its port: importing pandas and friends then would hold the GIL
    # while uvicorn starts, and the server would answer ~0.4 s later (docs/field-notes.md). So wait for it.
    host = st.config.get_option("server.address") or "127.0.0.1"
    wait_until_listening("127.0.0.1" if host in ("0.0.0.0", "::") else host, st.config.get_option("server.port"))
    from components.ui import warm_up  # imports pandas, duckdb, pydeck: after the wait, on purpose

    warm_up()


def follow_store_versions() -> None:
    """With a versioned store (several replicas, docs/deploy.md): open a newly published version within
    STORE_CHECK_S even when nobody is using this process, so the old one is released, and remove the versions
    no process holds (where this process may write; replicas on a read-only mount leave that to the admin)."""
    import queries
    from data.store import store_path, sweep_versions

    last_error = ""
    while True:
        time.sleep(STORE_CHECK_S)
        path = store_path()
        if not path.is_symlink():
            continue
        try:
            queries.connection()
            sweep_versions(path)
            last_error = ""
        except Exception as e:  # noqa: BLE001 - the next page run reports a broken store to its viewer
            if str(e) != last_error:  # once per problem, not every STORE_CHECK_S
                log.exception("store version check failed")
            last_error = str(e)


@asynccontextmanager
async def lifespan(_app):
    # A thread, not an await: the server answers the browser at once while the warm-up runs beside it.
    threading.Thread(target=warm_up_once_listening, name="utmc-warm-up", daemon=True).start()
    threading.Thread(target=follow_store_versions, name="utmc-store-versions", daemon=True).start()
    yield


app = st.App("app.py", lifespan=lifespan)
