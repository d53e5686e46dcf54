"""Two replicas behind nginx (deploy/cluster.py) over one versioned store: a session survives its replica being
killed, and a published store reaches both replicas without a restart. Driven through nginx with Streamlit's
own websocket protocol (bench/load.py's Session), ~20 s."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bench.load import Session, Stats, open_versions
from data.store import make_versioned, resolve
from deploy import cluster as clusters

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.cluster,
    pytest.mark.skipif(not Path(clusters.NGINX).exists(), reason="nginx missing: `make test` installs it"),
]


def run_async(scenario) -> None:
    """asyncio.run in a thread of its own: Playwright's sync API may already run a loop in this one."""
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, scenario()).result()


@pytest.fixture
def cluster(built_store, tmp_path):
    store = tmp_path / "store" / "utmc.duckdb"
    store.parent.mkdir()
    shutil.copyfile(built_store, store)
    make_versioned(store)
    running = clusters.start(2, 0, tmp_path / "run", store)
    try:
        yield running
    finally:
        assert clusters.stop(tmp_path / "run"), "stop ends the processes it started"


def test_sticky_cookie_spreads_browsers_and_keeps_each_on_one_replica(cluster):
    from bench.load import http_get

    first = {}
    for _ in range(12):
        _, cookies, headers = http_get(cluster.url, "/", {})
        first[cookies["utmc_replica"]] = headers["x-replica"]
    assert len(set(first.values())) == 2, "twelve browsers from one address all went to one replica"
    for cookie, replica in list(first.items())[:4]:
        _, set_cookies, headers = http_get(cluster.url, "/_stcore/health", {"utmc_replica": cookie})
        assert headers["x-replica"] == replica and "utmc_replica" not in set_cookies


def test_a_session_moves_to_the_other_replica_when_its_own_is_killed(cluster):
    stats = Stats()

    async def scenario() -> None:
        session = Session(cluster.url, 0, stats)
        await session.open()
        assert await session.rerun_recovering() is not None
        victim = next(p for p in cluster.replicas if session.replica.endswith(f":{p.port}"))
        stats.killed_port = victim.port
        os.kill(victim.pid, signal.SIGKILL)
        session.state = ("city", "city=3117735", None)
        assert await session.rerun_recovering() is not None  # reconnected, the page ran again
        assert not session.replica.endswith(f":{victim.port}")
        session.state = ("", "", "Africa")
        assert await session.rerun_recovering() is not None  # and goes on working there
        await session.ws.close()

    run_async(scenario)
    assert stats.errors == []
    assert len(stats.reconnects) == 1


def test_a_published_store_reaches_every_replica_without_a_restart(cluster, tmp_path):
    store = Path(cluster.store)
    old = resolve(store).name
    csv = tmp_path / "figures.csv"
    csv.write_text("record,city_id,year,sector,emissions,unit\ninventory,3117735,2018,total,8.3,MtCO2e\n")
    pids = [p.pid for p in cluster.replicas]
    subprocess.run([sys.executable, "-m", "data", "import", "template", str(csv), "--store", str(store)],
                   cwd=ROOT, check=True, capture_output=True)  # fmt: skip
    new = resolve(store).name
    assert new != old
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(open_versions(pid, store.parent) != {new} for pid in pids):
        time.sleep(0.1)
    assert all(open_versions(pid, store.parent) == {new} for pid in pids), "a replica still reads the old version"
    assert all(clusters.alive(pid) for pid in pids), "no replica was restarted"
    deadline = time.monotonic() + 10
    while (store.parent / old).exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not (store.parent / old).exists(), "the old version, read by nobody, was removed"

    stats = Stats()

    async def rerun_city() -> None:
        session = Session(cluster.url, 1, stats)
        await session.open()
        session.state = ("city", "city=3117735", None)
        assert await session.rerun_recovering() is not None
        await session.ws.close()

    run_async(rerun_city)
    assert stats.errors == []
