"""The warm-up serve.py runs once per process: the imports, the store connection, the filter choices and the
default Network map (what a first page run needs), then the sources and the City/Compare profiles (what the next
pages need), made before a visitor waits for them.

When it runs matters more than what it does (docs/field-notes.md, cold start). Started beside a first visit, it
took the CPU from the server sending Streamlit's bundle (the health check to `index.js` took 0.62 s instead of
0.33 s), and the first page run waited for it anyway. So each part waits for the server to be idle:

- the first part once the port listens and nobody has asked for a page for IDLE_S, or, with a visitor there, in
  the pause after the browser has the bundle: no request in flight for QUIET_S after the bundle's files, while
  the browser runs them, 0.3-0.6 s before its websocket opens and the first page run starts (serve.py's
  RequestsInFlight middleware counts them); with the bundle in the browser's cache, after the first page run;
- the second part once the first page run has finished (app.py calls `first_run_finished`) and the browser has
  had AFTER_FIRST_RUN_S to draw it, or at once when idle.

This module imports nothing heavy itself: serve.py imports it before the server listens.
"""

from __future__ import annotations

import logging
import threading
import time

log = logging.getLogger("utmc")

IDLE_S = 1.5  # after the port listens, how long no page asked for counts as idle
QUIET_S = 0.05  # no HTTP request in flight for this long after a page was served: the browser is running the bundle
AFTER_FIRST_RUN_S = 3.0  # the visitor's browser is still drawing the page for ~1 s after its run ends
WAIT_LIMIT_S = 60.0  # a page asked for but no page run (a bare HTTP client): warm up after this anyway

page_asked = threading.Event()  # set by serve.py when it serves a page
_first_run_done = threading.Event()
_armed = threading.Event()  # set by serve.py: under AppTest or a bare `streamlit run app.py` nothing is warmed


class Requests:
    """HTTP requests in flight, when the last one ended and whether Streamlit's bundle has been sent (serve.py's
    middleware keeps it, on the server's one event loop)."""

    def __init__(self) -> None:
        self.in_flight = 0
        self.last_end = time.monotonic()
        self.bundle_sent = False

    def started(self) -> None:
        self.in_flight += 1

    def ended(self, path: str = "") -> None:
        self.in_flight -= 1
        self.last_end = time.monotonic()
        if "/static/js/" in path:
            self.bundle_sent = True

    def quiet_for(self, seconds: float) -> bool:
        """No request in flight for `seconds`, after the bundle (between the page and its bundle the browser
        pauses too, and imports there slowed the bundle)."""
        return self.bundle_sent and self.in_flight == 0 and time.monotonic() - self.last_end >= seconds


requests = Requests()


def arm() -> None:
    _armed.set()


def first_run_finished() -> None:
    """app.py, when a page run has ended (however it ended): a first visit no longer waits on the server."""
    if _armed.is_set():
        _first_run_done.set()


def wait_until_quiet(limit_s: float = WAIT_LIMIT_S, step_s: float = 0.01) -> None:
    """Until the bundle has been sent and no HTTP request has been in flight for QUIET_S since, or a page run has
    ended, or `limit_s`."""
    deadline = time.monotonic() + limit_s
    while not requests.quiet_for(QUIET_S) and not _first_run_done.is_set() and time.monotonic() < deadline:
        time.sleep(step_s)


def when_idle() -> None:
    """serve.py's warm-up thread, once the port listens (see the module's docstring)."""
    visitor = page_asked.wait(IDLE_S)
    if visitor:
        wait_until_quiet()
    first_part()
    if visitor:
        _first_run_done.wait(WAIT_LIMIT_S)
        time.sleep(AFTER_FIRST_RUN_S)
    second_part()


def warm_up() -> None:
    """Both parts at once (tests, and a process with nobody waiting)."""
    if first_part():
        second_part()


def first_part() -> bool:
    """What the first page run needs: the imports, the store, the filter choices and the default Network map.
    False when there is no store yet (the first page run builds or explains it) or it failed (logged)."""
    started = time.perf_counter()
    try:
        import components.maps  # noqa: F401 - the imports are half of what is warmed
        import components.network  # noqa: F401
        from components.ui.cache import network_deck
        from components.ui.sidebar import filter_choices
        from data.store import store_path

        if not store_path().exists():
            return False
        everything = {"regions": [], "income_groups": [], "networks": []}
        network_deck(everything, list(filter_choices()["network"]))
    except Exception:  # noqa: BLE001 - never let the warm-up take the server down; the page run reports
        log.exception("warm-up failed; the first page run will do the work")
        return False
    log.info("warmed up for the first page in %.2f s", time.perf_counter() - started)
    return True


def second_part() -> None:
    """What the next pages need: every source, and the profiles City and Compare look cities up in."""
    started = time.perf_counter()
    try:
        import queries
        from components.ui.cache import _all_profiles
        from components.ui.sources import _all_sources
        from data.store import store_path

        if not store_path().exists():
            return
        _all_sources(queries.store_identity())
        _all_profiles(queries.store_identity())
    except Exception:  # noqa: BLE001
        log.exception("warm-up failed; City and Compare will do the work on their first run")
        return
    log.info("warmed up for the other pages in %.2f s", time.perf_counter() - started)
