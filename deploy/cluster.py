"""N Streamlit replicas + one admin instance behind nginx, on this machine: `make cluster N=3`, `make cluster-stop`.

The same set-up as compose.yaml without containers: every replica runs `streamlit run serve.py` on a free
port of 127.0.0.1 over one versioned store (data/store.py), nginx (Debian's package, run as a plain process
with its own prefix) hashes each browser onto one replica by a cookie (deploy/nginx.conf.template), and a
separate admin instance, the only one given UTMC_ADMIN_SECRET, runs imports on its own port. Everything
started is recorded in <run dir>/cluster.json with its PID, and `stop` ends exactly those processes.

    python -m deploy.cluster start --replicas 3 --port 8080
    python -m deploy.cluster status
    python -m deploy.cluster stop
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN_DIR = ROOT / "deploy" / "run"
TEMPLATE = Path(__file__).with_name("nginx.conf.template")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
START_TIMEOUT_S = 90


@dataclass
class Process:
    role: str  # "replica", "admin" or "nginx"
    pid: int
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Cluster:
    run_dir: str
    store: str
    port: int
    processes: list[Process] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def replicas(self) -> list[Process]:
        return [p for p in self.processes if p.role == "replica"]

    def by_role(self, role: str) -> Process:
        return next(p for p in self.processes if p.role == role)

    def save(self) -> None:
        Path(self.run_dir, "cluster.json").write_text(json.dumps(asdict(self), indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, run_dir: Path) -> Cluster | None:
        path = Path(run_dir, "cluster.json")
        if not path.exists():
            return None
        raw = json.loads(path.read_text(encoding="utf-8"))
        return cls(raw["run_dir"], raw["store"], raw["port"], [Process(**p) for p in raw["processes"]])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare_store(store: Path) -> Path:
    """A versioned store at `store` (a link to its version file): kept if there, else a copy of
    data/utmc.duckdb, else built."""
    from data.store import make_versioned

    if store.is_symlink() and store.exists():
        return store
    store.parent.mkdir(parents=True, exist_ok=True)
    built = ROOT / "data" / "utmc.duckdb"
    if built.exists() and not store.exists():
        tmp = store.with_name(f".{store.name}.copy")
        shutil.copyfile(built, tmp)
        os.replace(tmp, store)
    elif not store.exists():
        subprocess.run([sys.executable, "-m", "data", "build", "--store", str(store)], cwd=ROOT, check=True)
    make_versioned(store)
    return store


def secret(run_dir: Path, name: str) -> str:
    """A secret kept in the run dir (mode 600), made once: the admin password, the cookie signing key."""
    path = run_dir / name
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(24), encoding="utf-8")
    return path.read_text(encoding="utf-8").strip()


def start_streamlit(run_dir: Path, store: Path, port: int, name: str, admin_secret: str | None) -> Process:
    env = {k: v for k, v in os.environ.items() if k != "UTMC_ADMIN_SECRET"}
    env |= {
        "UTMC_STORE": str(store),
        # One signing key for all: a browser moved to another replica keeps a valid XSRF cookie.
        "STREAMLIT_SERVER_COOKIE_SECRET": secret(run_dir, "cookie-secret"),
    }
    if admin_secret:
        env["UTMC_ADMIN_SECRET"] = admin_secret
    log = open(run_dir / f"{name}.log", "w")  # noqa: SIM115 - the child keeps it
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "serve.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    return Process("admin" if admin_secret else "replica", proc.pid, port)


COMPOSE_CONF = Path(__file__).with_name("nginx.compose.conf")


def nginx_conf(run_dir: Path, listen: str, ports: list[int], debug_headers: bool = True, host: str = "127.0.0.1",
               error_log: str = "") -> str:  # fmt: skip
    """deploy/nginx.conf.template filled in: for `make cluster`, or for compose (`compose_nginx_conf`)."""
    servers = "\n".join(f"        server {host}:{p} max_fails=1 fail_timeout=5s;" for p in ports)
    debug = "        add_header X-Replica $upstream_addr always;   # which replica answered (tests, load test)"
    values = {"run_dir": str(run_dir), "servers": servers, "error_log": error_log or f"{run_dir}/nginx-error.log",
              "listen": listen, "mime_types": "/etc/nginx/mime.types",
              "debug_headers": debug if debug_headers else ""}  # fmt: skip
    text = TEMPLATE.read_text(encoding="utf-8")
    for key, value in values.items():  # not str.format: nginx's own braces stay as they are
        text = text.replace("{" + key + "}", value)
    return text


def compose_nginx_conf() -> str:
    """deploy/nginx.compose.conf: the same template, `app:8501` (every replica the name resolves to), /tmp."""
    header = "# Generated from nginx.conf.template by `python -m deploy.cluster compose-conf`: edit the template.\n"
    return header + nginx_conf(Path("/tmp"), "8080", [8501], debug_headers=False, host="app", error_log="/dev/stderr")


def start_nginx(run_dir: Path, host: str, port: int, ports: list[int]) -> Process:
    if not Path(NGINX).exists():
        raise SystemExit("nginx is not installed: `make cluster` installs it (apt-get install -y nginx)")
    conf = run_dir / "nginx.conf"
    conf.write_text(nginx_conf(run_dir, f"{host}:{port}", ports), encoding="utf-8")
    subprocess.run([NGINX, "-t", "-q", "-p", str(run_dir), "-c", str(conf)], check=True)
    log = open(run_dir / "nginx.log", "w")  # noqa: SIM115
    proc = subprocess.Popen([NGINX, "-p", str(run_dir), "-c", str(conf), "-g", "daemon off;"],
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
    return Process("nginx", proc.pid, port)


def wait_healthy(url: str, pid: int, timeout: float = START_TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not alive(pid):
            raise RuntimeError(f"process {pid} ({url}) ended while starting; see its log")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer its health check in {timeout:.0f} s")


def start(replicas: int, port: int = 0, run_dir: Path = RUN_DIR, store: Path | None = None,
          listen_host: str = "127.0.0.1") -> Cluster:  # fmt: skip
    """Start `replicas` app processes, the admin instance and nginx (on listen_host:port); return when all
    answer. The app processes listen on 127.0.0.1 only: nginx is the one way in."""
    run_dir = Path(run_dir).resolve()
    running = Cluster.load(run_dir)
    if running and any(alive(p.pid) for p in running.processes):
        raise SystemExit(f"a cluster is already running from {run_dir} ({running.url}); stop it first")
    run_dir.mkdir(parents=True, exist_ok=True)
    store = Path(store or run_dir / "store" / "utmc.duckdb")
    store = prepare_store(store.parent.resolve() / store.name)  # not store.resolve(): that follows the link
    cluster = Cluster(str(run_dir), str(store), port or free_port())
    try:
        for i in range(replicas):
            cluster.processes.append(start_streamlit(run_dir, store, free_port(), f"replica-{i + 1}", None))
        admin_secret = os.environ.get("UTMC_ADMIN_SECRET") or secret(run_dir, "admin-secret")
        cluster.processes.append(start_streamlit(run_dir, store, free_port(), "admin", admin_secret))
        cluster.save()
        for p in cluster.processes:
            wait_healthy(p.url, p.pid)
        cluster.processes.append(start_nginx(run_dir, listen_host, cluster.port, [p.port for p in cluster.replicas]))
        cluster.save()
        wait_healthy(cluster.url, cluster.by_role("nginx").pid, timeout=15)
    except BaseException:
        stop(run_dir)
        raise
    return cluster


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (ended, not yet reaped by its parent) is not alive
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    except (OSError, IndexError):
        return True


def ours(p: Process, run_dir: Path) -> bool:
    """Is PID p.pid still the process we started (not a recycled PID)?"""
    try:
        cmd = Path(f"/proc/{p.pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return False
    return (str(run_dir) in cmd) if p.role == "nginx" else (str(ROOT / "serve.py") in cmd and str(p.port) in cmd)


def stop(run_dir: Path = RUN_DIR, timeout: float = 10) -> list[int]:
    """End the processes recorded in <run_dir>/cluster.json, by PID: SIGTERM, then SIGKILL after `timeout`."""
    run_dir = Path(run_dir).resolve()
    cluster = Cluster.load(run_dir)
    if cluster is None:
        return []
    mine = [p for p in cluster.processes if ours(p, run_dir)]
    for p in mine:
        signal_pid(p.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while any(alive(p.pid) for p in mine) and time.monotonic() < deadline:
        reap()
        time.sleep(0.1)
    for p in mine:
        if alive(p.pid):
            signal_pid(p.pid, signal.SIGKILL)
    reap()
    Path(run_dir, "cluster.json").unlink(missing_ok=True)
    return [p.pid for p in mine]


def signal_pid(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


def reap() -> None:
    """Collect ended children of this process (when start and stop run in one process: tests, load test)."""
    try:
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass
    except ChildProcessError:
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.cluster", description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["start", "stop", "status", "compose-conf"])
    parser.add_argument("--replicas", type=int, default=3)
    parser.add_argument("--port", type=int, default=8080, help="nginx's port (0: a free one)")
    parser.add_argument("--listen", default="127.0.0.1", help="nginx's address (0.0.0.0: serve the network)")
    parser.add_argument("--run-dir", type=Path, default=RUN_DIR)
    parser.add_argument("--store", type=Path, default=None, help="a versioned store (default: <run dir>/store)")
    args = parser.parse_args(argv)
    if args.command == "start":
        cluster = start(args.replicas, args.port, args.run_dir, args.store, args.listen)
        admin = cluster.by_role("admin")
        print(f"UTMC Explorer: {cluster.url}  ({len(cluster.replicas)} replicas behind nginx)")
        print(f"admin instance (imports; secret in {Path(cluster.run_dir) / 'admin-secret'}): {admin.url}/data")
        print(f"store: {cluster.store}; import with  UTMC_STORE={cluster.store} python -m data import FORMAT FILE")
        print("stop with `make cluster-stop`")
    elif args.command == "stop":
        pids = stop(args.run_dir)
        print(f"stopped {len(pids)} processes: {pids}" if pids else "no cluster running")
    elif args.command == "compose-conf":
        COMPOSE_CONF.write_text(compose_nginx_conf(), encoding="utf-8")
        print(f"wrote {COMPOSE_CONF}")
    else:
        cluster = Cluster.load(args.run_dir.resolve())
        if cluster is None:
            print("no cluster running")
            return 1
        for p in cluster.processes:
            print(f"{p.role:8} pid {p.pid:7} port {p.port:5} {'up' if alive(p.pid) else 'DOWN'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
