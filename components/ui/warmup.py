"""The warm-up serve.py runs once before the first visitor."""

from __future__ import annotations

import logging
import time

import queries
from components.ui.cache import _all_profiles, network_deck
from components.ui.sidebar import filter_choices
from components.ui.sources import _all_sources
from data.store import store_path

log = logging.getLogger("utmc")


def warm_up() -> None:
    """Do before any visitor arrives what the first visit would otherwise wait for: the imports the pages
    need, the store connection, the filter choices and the default Network map (serve.py calls it once, in
    a thread). A missing or unreadable store is left to the first page run, which builds or explains it."""
    started = time.perf_counter()
    try:
        import components.maps  # noqa: F401 - the imports are half of what is warmed
        import components.network  # noqa: F401

        if not store_path().exists():
            return
        everything = {"regions": [], "income_groups": [], "networks": []}
        network_deck(everything, list(filter_choices()["network"]))
        _all_sources(queries.store_identity())
        _all_profiles(queries.store_identity())
    except Exception:  # noqa: BLE001 - never let the warm-up take the server down; the page run reports
        log.exception("warm-up failed; the first page run will do the work")
        return
    log.info("warmed up in %.2f s", time.perf_counter() - started)
