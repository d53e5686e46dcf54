"""The load test: browser-like sessions through nginx onto N replicas, and two fault runs (`make load`).

Each session does what a browser does with Streamlit's protocol: GET / through nginx (which sets
the `utmc_replica` cookie and so picks its replica), then the websocket `/_stcore/stream` with that
cookie, then reruns: the first page run, then filter changes (the region multiselect's widget state,
as the frontend sends it) and page changes (City, Compare, Practices with their query strings), with
a think time between them. Like the frontend it sends back the hashes of the large elements it has,
so the server answers those with a reference. A rerun's latency is from sending the BackMsg to the
`script_finished` ForwardMsg; it is an error if it ends in an exception element, a status other than
success (an early finish for st.rerun() waits for the run that follows, as the frontend does), or no answer
in 30 s. A closed websocket is reconnected as the frontend does (same cookie, through nginx) and the rerun
sent again: expected for the sessions of a killed replica, an error for anyone else.

Runs, on a cluster of its own (free ports, bench/tmp/cluster): steady load; the same with one replica
killed mid-run (SIGKILL); the same with a store published mid-run by an import (the admin's way).
Writes bench/load_results.json and the "Serving many" section of bench/REPORT.md.

    python -m bench.load [--sessions 60] [--replicas 3] [--reruns 6]
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import random
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from deploy import cluster as clusters

ROOT = Path(__file__).resolve().parent.parent
TMP = ROOT / "bench" / "tmp"
RESULTS = ROOT / "bench" / "load_results.json"
REPORT = ROOT / "bench" / "REPORT.md"
SECTION = "## Serving many: replicas behind nginx (make load)"
RERUN_TIMEOUT_S = 30
RECONNECT_S = 20
THINK_S = (2.0, 5.0)  # between two actions of one viewer
RAMP_S = 10.0  # sessions open evenly over this time
REGIONS = ["Europe", "Africa", "Asia", "Americas", "Oceania", "Western Europe", "South America", "Eastern Asia"]
# The region filter's labels (what its widget state holds): a sub-region names its parent. The first run's
# query string uses the bare names, as links made before the labels did (the app rewrites them and reruns).
LABELS = {"Western Europe": "Western Europe (Europe)", "South America": "South America (Americas)",
          "Eastern Asia": "Eastern Asia (Asia)"}  # fmt: skip
CITIES = ["3117735", "2988507", "3688689", "184745", "2643743", "1850147", "3169070", "3435910"]
COMPARES = ["3117735,2988507", "3688689,3435910", "2643743,2950159", "1850147,1835848", "184745,2332459"]
PRACTICES = ["bus", "solar", "retrofit", "waste", "tree", "heat"]


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    first_latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    reconnects: list[dict] = field(default_factory=list)
    held: int = 0
    peak_held: int = 0
    opened: dict[str, int] = field(default_factory=dict)  # replica -> sessions that opened on it
    killed_port: int | None = None
    think: tuple[float, float] = THINK_S

    def hold(self, delta: int) -> None:
        self.held += delta
        self.peak_held = max(self.peak_held, self.held)


def http_get(base: str, path: str, cookies: dict[str, str]) -> tuple[int, dict[str, str], dict[str, str]]:
    """GET through nginx like a browser: returns the status, the cookies set and the headers."""
    host, port = base.removeprefix("http://").split(":")
    con = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())} if cookies else {}
        con.request("GET", path, headers=headers)
        r = con.getresponse()
        r.read()
        set_cookies = {}
        for value in r.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            set_cookies[name.strip()] = rest.split(";", 1)[0]
        return r.status, set_cookies, {k.lower(): v for k, v in r.headers.items()}
    finally:
        con.close()


class Session:
    """One viewer: a cookie jar, a websocket, the sidebar's widget ids, and what it is looking at."""

    def __init__(self, base: str, number: int, stats: Stats):
        self.base, self.number, self.stats = base, number, stats
        self.cookies: dict[str, str] = {}
        self.replica = ""
        self.ws = None
        self.widgets: dict[str, str] = {}  # sidebar filter key (region, income, network) -> widget id
        self.cached: set[str] = set()  # hashes of the large elements received, sent back as the frontend does
        self.rng = random.Random(number)
        self.state = ("", f"region={REGIONS[number % len(REGIONS)]}", None)  # page, query string, region filter

    async def open(self) -> None:
        status, set_cookies, headers = await asyncio.to_thread(http_get, self.base, "/", self.cookies)
        if status != 200:
            raise RuntimeError(f"GET / answered {status}")
        self.cookies.update(set_cookies)
        # $upstream_addr lists every replica nginx tried ("dead:port, live:port"): the last one answered.
        self.replica = headers.get("x-replica", "?").split(",")[-1].strip()
        for path in ("/_stcore/health", "/_stcore/host-config"):  # what the frontend asks before the websocket
            await asyncio.to_thread(http_get, self.base, path, self.cookies)
        self.ws = await websockets.connect(
            self.base.replace("http://", "ws://") + "/_stcore/stream",
            subprotocols=["streamlit"],
            additional_headers={"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
                                "Origin": self.base},
            max_size=None, open_timeout=10, ping_interval=None,
        )  # fmt: skip

    async def rerun(self, page: str, query: str, region: str | None) -> float:
        msg = BackMsg()
        msg.rerun_script.page_name = page
        msg.rerun_script.query_string = query
        msg.rerun_script.cached_message_hashes.extend(sorted(self.cached))  # the server sends a reference instead
        if region is not None and "region" in self.widgets:
            w = msg.rerun_script.widget_states.widgets.add()
            w.id = self.widgets["region"]
            w.string_array_value.data.append(LABELS.get(region, region))
        started = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), RERUN_TIMEOUT_S)
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if fwd.metadata.cacheable:
                self.cached.add(fwd.hash)
            if kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                etype = element.WhichOneof("type")
                if etype == "exception":
                    raise RuntimeError(f"exception on page {page or 'network'}: {element.exception.message[:200]}")
                if etype == "multiselect":
                    self.widgets[element.multiselect.id.rsplit("-", 1)[-1]] = element.multiselect.id
            elif kind == "script_finished":
                if fwd.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue  # st.rerun(): the server starts the run again at once (an old link's rewrite)
                if fwd.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                    raise RuntimeError(f"script finished with status {fwd.script_finished}")
                return time.perf_counter() - started

    def next_action(self) -> tuple[str, str, str | None]:
        choice = self.rng.random()
        region = self.rng.choice(REGIONS)
        if choice < 0.4:
            return "", "", region  # the Network page, another region in the sidebar filter
        if choice < 0.6:
            return "city", f"city={self.rng.choice(CITIES)}", None
        if choice < 0.8:
            return "compare", f"cities={self.rng.choice(COMPARES)}", None
        return "practices", f"q={self.rng.choice(PRACTICES)}", None

    async def run(self, reruns: int, everyone_done: asyncio.Event, done: Callable[[], None]) -> None:
        """Open, first page run, `reruns` actions with think time, then stay open like a tab left open
        until every viewer has finished (so the sessions are held at the same time)."""
        try:
            await self.open()
        except Exception as e:  # noqa: BLE001 - counted, reported
            self.stats.errors.append(f"session {self.number}: could not open: {e}")
            done()
            return
        self.stats.opened[self.replica] = self.stats.opened.get(self.replica, 0) + 1
        self.stats.hold(+1)
        try:
            latency = await self.rerun_recovering()
            if latency is not None:
                self.stats.first_latencies.append(latency)
            for _ in range(reruns if latency is not None else 0):
                if not await self.idle(self.rng.uniform(*self.stats.think)):
                    break
                self.state = self.next_action()
                latency = await self.rerun_recovering()
                if latency is None:
                    break
                self.stats.latencies.append(latency)
            done()
            while not everyone_done.is_set() and await self.idle(1.0):
                pass
        finally:
            self.stats.hold(-1)
            if self.ws is not None:
                await self.ws.close()

    async def idle(self, seconds: float) -> bool:
        """Think for `seconds` with the websocket open; if it closes meanwhile, reconnect at once as the
        frontend does. False if the session is lost (recorded as an error)."""
        deadline = time.perf_counter() + seconds
        while (left := deadline - time.perf_counter()) > 0:
            try:
                await asyncio.wait_for(self.ws.recv(), left)
            except TimeoutError:
                return True
            except websockets.ConnectionClosed:
                return await self.recover() is not None
        return True

    async def rerun_recovering(self) -> float | None:
        """A rerun of the current state; if the websocket closed under it, reconnect through nginx and send it
        again (the page reruns, as in the browser). Returns the latency, None after an error (recorded)."""
        try:
            return await self.rerun(*self.state)
        except websockets.ConnectionClosed:
            return await self.recover()
        except Exception as e:  # noqa: BLE001
            self.stats.errors.append(f"session {self.number} on {self.replica}: {type(e).__name__}: {e}")
            return None

    async def recover(self) -> float | None:
        lost, started = self.replica, time.perf_counter()
        expected = self.stats.killed_port is not None and lost.endswith(f":{self.stats.killed_port}")
        if not expected:
            self.stats.errors.append(f"session {self.number}: websocket closed on {lost}, a replica not killed")
        deadline = started + RECONNECT_S
        while time.perf_counter() < deadline:
            try:
                await self.open()
                self.widgets = {}  # a new server session: widget ids are learnt again
                page, query, _region = self.state
                latency = await self.rerun(page, query, None)
                self.stats.reconnects.append({"from": lost, "to": self.replica,
                                              "seconds": round(time.perf_counter() - started, 2)})  # fmt: skip
                return latency
            except Exception:  # noqa: BLE001 - retried until the deadline
                await asyncio.sleep(0.5)
        self.stats.errors.append(f"session {self.number}: no reconnect from {lost} within {RECONNECT_S} s")
        return None


# ---- observing the replicas ----------------------------------------------------------------------------


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return 0.0


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0


def open_versions(pid: int, folder: Path) -> set[str]:
    """The store version files process `pid` has open (its DuckDB connection and its hold on it)."""
    names = set()
    try:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith(str(folder)) and target.endswith(".duckdb"):
                names.add(Path(target).name)
    except OSError:
        pass
    return names


async def sample_rss(cluster: clusters.Cluster, peaks: dict[int, float], stop: asyncio.Event) -> None:
    while not stop.is_set():
        for p in cluster.replicas:
            peaks[p.port] = max(peaks.get(p.port, 0.0), rss_mb(p.pid))
        await asyncio.sleep(1.0)


# ---- the runs ------------------------------------------------------------------------------------------


async def drive(cluster: clusters.Cluster, sessions: int, reruns: int, think=THINK_S, fault=None) -> dict:
    """`sessions` viewers opening over RAMP_S and doing `reruns` actions each; `fault(stats)` runs beside them."""
    stats = Stats(think=tuple(think))
    client_cpu_before = sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
    peaks: dict[int, float] = {}
    stop = asyncio.Event()
    sampler = asyncio.create_task(sample_rss(cluster, peaks, stop))
    cpu_before = {p.port: cpu_seconds(p.pid) for p in cluster.replicas}
    started = time.perf_counter()

    everyone_done = asyncio.Event()
    finished = 0

    def done() -> None:
        nonlocal finished
        finished += 1
        if finished == sessions:
            everyone_done.set()

    async def viewer(i: int) -> None:
        await asyncio.sleep(RAMP_S * i / sessions)
        await Session(cluster.url, i, stats).run(reruns, everyone_done, done)

    tasks = [asyncio.create_task(viewer(i)) for i in range(sessions)]
    fault_result = await fault(stats) if fault else None
    await asyncio.gather(*tasks)
    stop.set()
    await sampler
    wall = time.perf_counter() - started
    samples = stats.latencies + stats.first_latencies
    cpu = {p.port: round(cpu_seconds(p.pid) - cpu_before[p.port], 1) for p in cluster.replicas}
    return {
        "sessions": sessions,
        "sessions_held_peak": stats.peak_held,
        "reruns": len(samples),
        "p50_ms": pct_ms(samples, 50),
        "p95_ms": pct_ms(samples, 95),
        "max_ms": round(max(samples) * 1000, 1) if samples else None,
        "first_run_p95_ms": pct_ms(stats.first_latencies, 95),
        "errors": len(stats.errors),
        "error_samples": stats.errors[:10],
        "reconnects": stats.reconnects,
        "sessions_per_replica": stats.opened,
        "peak_rss_mb": {f"127.0.0.1:{port}": mb for port, mb in peaks.items()},
        "replica_cpu_s": {f"127.0.0.1:{port}": s for port, s in cpu.items()},
        "wall_s": round(wall, 1),
        "load_client_cpu_s": round(sum(resource.getrusage(resource.RUSAGE_SELF)[:2]) - client_cpu_before, 1),
        "fault": fault_result,
        "sessions_on_killed_replica": stats.opened.get(f"127.0.0.1:{stats.killed_port}", 0),
    }


def pct_ms(samples: list[float], q: int) -> float | None:
    if not samples:
        return None
    if len(samples) == 1:
        return round(samples[0] * 1000, 1)
    return round(statistics.quantiles(samples, n=100, method="inclusive")[q - 1] * 1000, 1)


def kill_one(cluster: clusters.Cluster, after_s: float):
    async def fault(stats: Stats) -> dict:
        await asyncio.sleep(after_s)
        victim = cluster.replicas[0]
        errors_before = nginx_upstream_failures(cluster)
        stats.killed_port = victim.port
        os.kill(victim.pid, signal.SIGKILL)
        killed_at = time.perf_counter()
        await asyncio.sleep(RAMP_S + RERUN_TIMEOUT_S / 3)
        # After the kill nginx must not hand a browser to the dead replica: ask as 30 new browsers would.
        answers = [await asyncio.to_thread(http_get, cluster.url, "/", {}) for _ in range(30)]
        answered_by = [headers.get("x-replica", "").split(",")[-1].strip() for _, _, headers in answers]
        return {
            "killed": f"127.0.0.1:{victim.port}",
            "killed_after_s": after_s,
            "new_browsers_sent_to_the_dead_replica": sum(a == f"127.0.0.1:{victim.port}" for a in answered_by),
            "new_browsers_status_not_200": sum(status != 200 for status, _, _ in answers),
            "nginx_connect_failures_logged": nginx_upstream_failures(cluster) - errors_before,
            "observed_s": round(time.perf_counter() - killed_at, 1),
        }

    return fault


def nginx_upstream_failures(cluster: clusters.Cluster) -> int:
    log = Path(cluster.run_dir, "nginx-error.log")
    return len(re.findall(r"connect\(\) failed", log.read_text())) if log.exists() else 0


def publish_store(cluster: clusters.Cluster, after_s: float, csv: Path):
    async def fault(stats: Stats) -> dict:
        await asyncio.sleep(after_s)
        store = Path(cluster.store)
        folder = store.parent
        before = os.readlink(store)
        admin_env = {**os.environ, "UTMC_STORE": str(store)}
        started = time.perf_counter()
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "data", "import", "template", str(csv), "--publisher", "Load test",
            cwd=ROOT, env=admin_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        while os.readlink(store) == before:
            await asyncio.sleep(0.02)
        published = time.perf_counter()
        new = os.readlink(store)
        switched: dict[str, float] = {}
        while time.perf_counter() - published < 30 and len(switched) < len(cluster.replicas):
            for p in cluster.replicas:
                key = f"127.0.0.1:{p.port}"
                if key not in switched and open_versions(p.pid, folder) == {new}:
                    switched[key] = round(time.perf_counter() - published, 2)
            await asyncio.sleep(0.05)
        rc = await proc.wait()
        await asyncio.sleep(3)  # the replicas' next check sweeps the old version
        return {
            "import_exit_code": rc,
            "import_to_publish_s": round(published - started, 2),
            "old_version": before,
            "new_version": new,
            "replica_on_new_version_after_s": switched,
            "all_replicas_switched_within_s": max(switched.values())
            if len(switched) == len(cluster.replicas)
            else None,
            "old_version_removed": not (folder / before).exists(),
            "version_files_left": sorted(p.name for p in folder.glob("*.duckdb") if not p.is_symlink()),
        }

    return fault


def restart_replica(cluster: clusters.Cluster, index: int) -> None:
    """Start a replica again on the port it had (nginx tries it again after fail_timeout)."""
    old = cluster.replicas[index]
    new = clusters.start_streamlit(Path(cluster.run_dir), Path(cluster.store), old.port, f"replica-{index + 1}", None)
    cluster.processes[cluster.processes.index(old)] = new
    cluster.save()
    clusters.wait_healthy(new.url, new.pid)


def idle_rss(cluster: clusters.Cluster) -> dict[str, float]:
    return {f"127.0.0.1:{p.port}": rss_mb(p.pid) for p in cluster.replicas}


def load_csv() -> Path:
    """Figures for one city in the import template's format: what the admin publishes mid-run."""
    path = TMP / "load-import.csv"
    rows = "".join(f"inventory,3117735,{y},total,{9 - (y - 2015) * 0.2:.1f},MtCO2e\n" for y in range(2015, 2020))
    path.write_text("record,city_id,year,sector,emissions,unit\n" + rows, encoding="utf-8")
    return path


def measure(sessions: int = 60, replicas: int = 3, reruns: int = 6, think=THINK_S, steady_only: bool = False) -> dict:
    run_dir = TMP / "cluster"
    clusters.stop(run_dir)
    shutil.rmtree(run_dir, ignore_errors=True)
    cluster = clusters.start(replicas, 0, run_dir)
    try:
        time.sleep(5)  # let every replica's warm-up finish before measuring its idle memory
        out = {
            "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "machine": {
                "cores": os.cpu_count(),
                "python": sys.version.split()[0],
                "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
            },  # fmt: skip
            "replicas": replicas,
            "think_s": list(think),
            "ramp_s": RAMP_S,
            "reruns_per_session": reruns + 1,
            "idle_rss_mb": idle_rss(cluster),
        }
        print(f"steady: {sessions} sessions on {replicas} replicas", flush=True)
        out["steady"] = asyncio.run(drive(cluster, sessions, reruns, think))
        print(json.dumps(summary(out["steady"])), flush=True)
        if not steady_only:
            faults(cluster, out, sessions, reruns, think)
    finally:
        clusters.stop(run_dir)
    out["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    out["capacity"] = capacity(out)
    if not steady_only:
        out["budgets"] = budgets(out)
    return out


def faults(cluster: clusters.Cluster, out: dict, sessions: int, reruns: int, think) -> None:
    print("fault: one replica killed mid-run", flush=True)
    out["kill"] = asyncio.run(drive(cluster, sessions, reruns, think, kill_one(cluster, after_s=RAMP_S + 3)))
    print(json.dumps(summary(out["kill"])), flush=True)
    restart_replica(cluster, 0)
    time.sleep(6)  # past nginx's fail_timeout: the restarted replica takes browsers again
    print("fault: a store published mid-run", flush=True)
    publish = publish_store(cluster, RAMP_S + 3, load_csv())
    out["publish"] = asyncio.run(drive(cluster, sessions, reruns, think, publish))
    print(json.dumps(summary(out["publish"])), flush=True)


def summary(run: dict) -> dict:
    keys = ("sessions_held_peak", "reruns", "p50_ms", "p95_ms", "max_ms", "errors", "peak_rss_mb", "fault")
    return {k: run[k] for k in keys}


def capacity(out: dict) -> dict:
    """Sessions per replica and MB per session from the steady run; replicas for 2,000 viewers."""
    steady = out["steady"]
    per_replica = max(steady["sessions_per_replica"].values())
    mb = [(steady["peak_rss_mb"][k] - out["idle_rss_mb"][k]) / n
          for k, n in steady["sessions_per_replica"].items() if k in steady["peak_rss_mb"] and n]  # fmt: skip
    reruns_per_s = steady["reruns"] / steady["wall_s"]
    cpu_per_rerun = sum(steady["replica_cpu_s"].values()) / max(steady["reruns"], 1)
    return {
        "sessions_per_replica_measured": per_replica,
        "mb_per_session": round(statistics.median(mb), 1) if mb else None,
        "idle_replica_mb": round(statistics.median(out["idle_rss_mb"].values()), 1),
        "reruns_per_s": round(reruns_per_s, 2),
        "replica_cpu_ms_per_rerun": round(cpu_per_rerun * 1000, 1),
    }


def budgets(out: dict) -> dict:
    s, k, p = out["steady"], out["kill"], out["publish"]
    killed = (k["fault"] or {}).get("killed")
    others = [e for e in k["error_samples"] if killed and killed not in e]
    switched = (p["fault"] or {}).get("all_replicas_switched_within_s")

    def b(limit, measured, unit, ok):
        return {"budget": limit, "measured": measured, "unit": unit, "met": bool(ok)}

    return {
        "load_sessions_held": b(60, s["sessions_held_peak"], "sessions", s["sessions_held_peak"] >= 60),
        "load_p95_rerun": b(1000, s["p95_ms"], "ms", s["p95_ms"] is not None and s["p95_ms"] <= 1000),
        "load_errors": b(0, s["errors"], "errors", s["errors"] == 0),
        "kill_errors_on_other_replicas": b(0, k["errors"], "errors", k["errors"] == 0 and not others),
        "publish_errors": b(0, p["errors"], "errors", p["errors"] == 0),
        "publish_all_replicas_switched": b(10, switched, "s", switched is not None and switched <= 10),
    }


def report_section(r: dict) -> str:
    s, k, p, c = r["steady"], r["kill"], r["publish"], r["capacity"]
    lines = [
        SECTION,
        "",
        f"Measured {r['measured_at']} by `make load` on {r['machine']['cores']} cores shared with other work (load "
        f"average {r['machine']['load_average_at_start'][0]} at the start, {r['machine']['load_average_at_end'][0]} "
        f"at the end), {r['replicas']} "
        f"replicas + nginx on this machine (deploy/cluster.py), the load client on the same cores. Each session: "
        f"GET / through nginx, the websocket, {r['reruns_per_session']} reruns (first page run, then filter and "
        f"page changes) {r['think_s'][0]}–{r['think_s'][1]} s apart; sessions open over {r['ramp_s']:.0f} s.",
        "",
        "| budget | limit | measured | met |",
        "|---|---|---|---|",
    ]
    for name, b in r["budgets"].items():
        lines.append(f"| {name} | {b['budget']} {b['unit']} | {b['measured']} {b['unit']} | "
                     f"{'yes' if b['met'] else 'NO'} |")  # fmt: skip
    lines += ["", "| run | sessions held | reruns | p50 | p95 | max | errors | sessions per replica | "
              "peak RSS per replica |", "|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for name, run in (("steady", s), ("one replica killed", k), ("store published", p)):
        per = ", ".join(f"{v}" for v in run["sessions_per_replica"].values())
        rss = ", ".join(f"{v:.0f}" for v in run["peak_rss_mb"].values())
        lines.append(f"| {name} | {run['sessions_held_peak']} | {run['reruns']} | {run['p50_ms']} ms | "
                     f"{run['p95_ms']} ms | {run['max_ms']} ms | {run['errors']} | {per} | {rss} MB |")  # fmt: skip
    kf, pf = k["fault"], p["fault"]
    moved = [x["seconds"] for x in k["reconnects"]]
    lines += [
        "",
        f"Kill: replica {kf['killed']} got SIGKILL {kf['killed_after_s']:.0f} s into the run; {len(moved)} sessions "
        f"reconnected through nginx to another replica (the page reran) in "
        f"{min(moved, default=0):.1f}–{max(moved, default=0):.1f} s; the other sessions saw {k['errors']} errors. "
        f"Afterwards {kf['new_browsers_sent_to_the_dead_replica']} of 30 new browsers were sent to the dead replica; "
        f"nginx logged {kf['nginx_connect_failures_logged']} refused connections to it (retried on another replica, "
        f"never seen by a browser).",
        "",
        f"Publish: an import (`python -m data import template`, as the admin instance runs it) published a new "
        f"version {pf['import_to_publish_s']} s after it started; the replicas had the new version open after "
        f"{pf['replica_on_new_version_after_s']} s (all within {pf['all_replicas_switched_within_s']} s), with "
        f"{p['errors']} errors; old version removed: {'yes' if pf['old_version_removed'] else 'no'} "
        f"(files left: {pf['version_files_left']}).",
        "",
        f"One replica: idle {c['idle_replica_mb']} MB, ~{c['mb_per_session']} MB more per session; "
        f"{c['replica_cpu_ms_per_rerun']} ms of replica CPU per rerun (all replicas' CPU time / reruns); "
        f"{c['reruns_per_s']} reruns/s in the steady run. Capacity runs with ordinary viewers (one action every "
        f"10–20 s: `python -m bench.load --steady-only --think 10 20 ...`) are in bench/load_capacity_*.json; "
        f"sessions per replica and the replica count for 2,000 viewers: docs/deploy.md.",
        "",
    ]
    return "\n".join(lines)


def write_report_section(section: str) -> None:
    text = REPORT.read_text(encoding="utf-8") if REPORT.exists() else "# Benchmark report\n"
    head = text.split(SECTION, 1)[0].rstrip("\n")
    REPORT.write_text(head + "\n\n" + section, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description="Load test through nginx.")
    parser.add_argument("--sessions", type=int, default=60)
    parser.add_argument("--replicas", type=int, default=3)
    parser.add_argument("--reruns", type=int, default=6, help="actions per session after the first page run")
    parser.add_argument("--think", type=float, nargs=2, default=THINK_S, metavar=("LOW", "HIGH"),
                        help="seconds between two actions of a viewer (default %(default)s)")  # fmt: skip
    parser.add_argument("--steady-only", action="store_true", help="no fault runs (capacity runs); needs --out")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if args.steady_only and args.out == RESULTS:
        parser.error("--steady-only writes elsewhere than bench/load_results.json: pass --out")
    TMP.mkdir(parents=True, exist_ok=True)
    results = measure(args.sessions, args.replicas, args.reruns, args.think, args.steady_only)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if args.steady_only:
        print(json.dumps(results["capacity"]))
        return 0
    if args.out == RESULTS:
        write_report_section(report_section(results))
    missed = [k for k, b in results["budgets"].items() if not b["met"]]
    print("load budgets missed:", missed or "none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
