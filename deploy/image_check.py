"""Build and run the container set-up of compose.yaml for real, and check what docs/deploy.md promises of it.

`make image-check` (deploy/image_check.sh installs podman and prepares the engine, then runs this). With the
images built, it starts compose.yaml with N app replicas (podman-compose; nginx from Debian's package through
compose.check.yaml, as no image registry is reachable here) and checks:

- every container runs as the image's non-root user, and the app image's healthcheck passes;
- the replicas cannot write the store (mounted read-only), the admin instance can;
- browser-like sessions through nginx (bench/load.py's Streamlit protocol client) spread over the replicas,
  each held on one replica, with 0 errors;
- an import run in the admin container publishes a new store version, and every replica serves it to new
  reruns without a restart, with 0 errors for the sessions open meanwhile.

Writes bench/image_check.json. Not part of `make test`: the build alone takes minutes.

    python -m deploy.image_check [--replicas 3] [--sessions 30] [--keep]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench import load
from deploy import cluster as clusters

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
RESULTS = ROOT / "bench" / "image_check.json"
COMPOSE = ["-f", "compose.yaml", "-f", "compose.check.yaml"]
PROXY = "http://127.0.0.1:80"
ADMIN = "http://127.0.0.1:8502"
STORE = Path("/srv/store")


def sh(*args: str, check: bool = True, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(list(args), check=check, capture_output=True, text=True, **kw)


def compose(*args: str, env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess:
    tool = os.environ.get("PODMAN_COMPOSE", "podman-compose")
    return sh(tool, *COMPOSE, *args, cwd=DEPLOY, env={**os.environ, **env}, check=check)


def clean(env: dict[str, str]) -> None:
    """compose down, and whatever a scaled or interrupted run left (podman-compose forgets scaled replicas)."""
    compose("down", "-v", check=False, env=env)
    left = sh("podman", "ps", "-aq", "--filter", "label=io.podman.compose.project=utmc").stdout.split()
    if left:
        sh("podman", "rm", "-f", *left, check=False)
    sh("podman", "volume", "rm", "-f", "utmc_store", check=False)


def containers() -> dict[str, dict]:
    """The project's running containers: name -> {pid, role}."""
    out = sh("podman", "ps", "--filter", "label=io.podman.compose.project=utmc", "--format", "{{.Names}}").stdout
    found = {}
    for name in out.split():
        pid = int(sh("podman", "inspect", "--format", "{{.State.Pid}}", name).stdout.strip())
        role = "app" if "_app_" in name else "admin" if "_admin_" in name else "nginx"
        found[name] = {"pid": pid, "role": role}
    return found


def wait_healthy(url: str, timeout_s: float = 120) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout_s:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return time.perf_counter() - started
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"{url} not healthy within {timeout_s:.0f} s")


def websocket_counts(names: list[str]) -> dict[str, int]:
    """Established connections to port 8501 inside each app container (its own network namespace)."""
    counts = {}
    for name in names:
        tcp = sh("podman", "exec", name, "cat", "/proc/net/tcp", "/proc/net/tcp6").stdout
        rows = [line.split() for line in tcp.splitlines() if line.strip() and not line.lstrip().startswith("sl")]
        counts[name] = sum(1 for f in rows if len(f) > 3 and f[1].endswith(":2135") and f[3] == "01")
    return counts


def run_sessions(sessions: int, reruns: int, replicas: list[tuple[str, int]], during=None) -> dict:
    """bench/load.py's viewers through the proxy; `during(stats)` runs beside them."""
    fake = clusters.Cluster(run_dir=str(ROOT / "bench" / "tmp"), store="", port=80)
    fake.processes = [clusters.Process("replica", pid, 0) for _name, pid in replicas]
    return asyncio.run(load.drive(fake, sessions, reruns, think=(1.0, 3.0), fault=during))


def publish_in_admin(admin: str) -> dict:
    csv = load.load_csv()
    sh("podman", "cp", str(csv), f"{admin}:/tmp/load-import.csv")
    started = time.perf_counter()
    done = sh("podman", "exec", admin, "python", "-m", "data", "import", "template", "/tmp/load-import.csv",
              check=False)  # fmt: skip
    return {"rc": done.returncode, "seconds": round(time.perf_counter() - started, 2),
            "output": (done.stdout + done.stderr)[-400:]}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--replicas", type=int, default=3)
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--reruns", type=int, default=4)
    parser.add_argument("--keep", action="store_true", help="leave the containers running")
    args = parser.parse_args(argv)
    env = {"UTMC_ADMIN_SECRET": "image-check-secret", "UTMC_COOKIE_SECRET": "image-check-cookie"}
    out: dict = {"measured": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "replicas": args.replicas}
    clean(env)  # a previous run's leftovers
    try:
        compose("up", "-d", "--scale", f"app={args.replicas}", env=env)
        out["admin_ready_s"] = round(wait_healthy(ADMIN), 1)
        names = containers()
        nginx = next(n for n, c in names.items() if c["role"] == "nginx")
        sh("podman", "restart", nginx)  # nginx resolves `app` when it starts: after the scale-up (docs/deploy.md)
        out["proxy_ready_s"] = round(wait_healthy(PROXY), 1)
        names = containers()
        apps = sorted(n for n, c in names.items() if c["role"] == "app")
        admin = next(n for n, c in names.items() if c["role"] == "admin")
        for name in apps:
            wait_healthy_inside = sh("podman", "healthcheck", "run", name, check=False)
            out.setdefault("healthcheck", {})[name] = "healthy" if wait_healthy_inside.returncode == 0 else (
                wait_healthy_inside.stdout + wait_healthy_inside.stderr).strip()[:200]  # fmt: skip
        out["users"] = {n: sh("podman", "exec", n, "id", "-un").stdout.strip() for n in names}
        out["replica_can_write_store"] = sh("podman", "exec", apps[0], "touch", "/srv/store/probe", check=False
                                            ).returncode == 0  # fmt: skip
        out["admin_can_write_store"] = sh("podman", "exec", admin, "sh", "-c", "touch /srv/store/probe && rm "
                                          "/srv/store/probe", check=False).returncode == 0  # fmt: skip
        replicas = [(n, names[n]["pid"]) for n in apps]

        async def count_spread(_stats) -> dict:
            await asyncio.sleep(load.RAMP_S + 3)
            return {"websockets_per_replica": websocket_counts(apps)}

        out["steady"] = run_sessions(args.sessions, args.reruns, replicas, count_spread)
        versions_before = {n: sorted(load.open_versions(names[n]["pid"], STORE)) for n in apps}

        async def publish(_stats) -> dict:
            await asyncio.sleep(load.RAMP_S / 2)
            return await asyncio.to_thread(publish_in_admin, admin)

        out["publish"] = run_sessions(args.sessions, args.reruns, replicas, publish)
        out["versions_before"] = versions_before
        out["versions_after"] = {n: sorted(load.open_versions(names[n]["pid"], STORE)) for n in apps}
        out["store_files_after"] = sh("podman", "exec", admin, "ls", "/srv/store").stdout.split()
    finally:
        if not args.keep:
            clean(env)
    RESULTS.write_text(json.dumps(out, indent=2, default=str) + "\n", encoding="utf-8")
    steady, publish = out.get("steady", {}), out.get("publish", {})
    new_version = {v for vs in out.get("versions_after", {}).values() for v in vs} - {
        v for vs in out.get("versions_before", {}).values() for v in vs}  # fmt: skip
    problems = [
        *(f"{n}: healthcheck {s}" for n, s in out.get("healthcheck", {}).items() if s != "healthy"),
        *(f"{n} runs as root" for n, u in out.get("users", {}).items() if u == "root" and "nginx" not in n),
        *(["a replica can write the store"] if out.get("replica_can_write_store") else []),
        *(["the admin cannot write the store"] if not out.get("admin_can_write_store") else []),
        *([f"steady run: {steady.get('errors')} errors"] if steady.get("errors") else []),
        *([f"publish run: {publish.get('errors')} errors"] if publish.get("errors") else []),
        *(["the import failed in the admin container"] if (publish.get("fault") or {}).get("rc") else []),
        *(["no replica moved to the new store version"] if not new_version else []),
    ]
    print(json.dumps({k: out.get(k) for k in ("healthcheck", "users", "replica_can_write_store",
                                               "admin_can_write_store", "versions_before", "versions_after")},
                     indent=1))  # fmt: skip
    for run in ("steady", "publish"):
        r = out.get(run, {})
        print(f"{run}: {r.get('sessions')} sessions, {r.get('reruns')} reruns, p50 {r.get('p50_ms')} ms, "
              f"p95 {r.get('p95_ms')} ms, errors {r.get('errors')}, fault {r.get('fault')}")  # fmt: skip
    print("problems:", problems or "none")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
