"""The server entry point: `streamlit run serve.py` (what `make run` does).

Streamlit serves app.py (the page script) through st.App, whose lifespan hook warms the process while
the first browser is still loading Streamlit's frontend: the heavy imports, the store connection and
the default Network map. Without it the first visitor waited for all of that after the page had
loaded (bench/REPORT.md, cold start). Pages and AppTest use app.py directly.
"""

import threading
from contextlib import asynccontextmanager

import streamlit as st


@asynccontextmanager
async def lifespan(_app):
    from components.ui import warm_up

    # A thread, not an await: the server answers the browser at once while the warm-up runs beside it.
    threading.Thread(target=warm_up, name="utmc-warm-up", daemon=True).start()
    yield


app = st.App("app.py", lifespan=lifespan)
