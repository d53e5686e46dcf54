"""Browser tests: Streamlit on a free port over a store built for the test, Debian chromium via Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "tests" / "e2e" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ADMIN_SECRET = "e2e-secret-for-tests"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "e2e" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is missing: `make test` installs it (apt-get install -y chromium)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # English unless a test asks otherwise: the app follows the browser's language when ?lang= is absent
    return {**browser_context_args, "viewport": {"width": 1400, "height": 1000}, "locale": "en-GB"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_health(url: str, proc: subprocess.Popen, log_path: Path, timeout: float = 60) -> None:
    """Until the server at `url` answers its health check; fail with its log if it dies or takes too long."""
    deadline = time.time() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if time.time() > deadline or proc.poll() is not None:
            proc.kill()
            pytest.fail("Streamlit did not start:\n" + log_path.read_text())
        time.sleep(0.2)


@contextmanager
def streamlit_server(store: Path):
    """A fresh Streamlit server over `store`; nothing but its health check has asked it anything yet.
    Uploads are switched on with ADMIN_SECRET."""
    port = free_port()
    env = {**os.environ, "UTMC_STORE": str(store), "UTMC_ADMIN_SECRET": ADMIN_SECRET}
    log_path = store.parent / f"streamlit-{port}.log"
    log = open(log_path, "w")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "serve.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    wait_for_health(url, proc, log_path)
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


def copy_of(store: Path, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("e2e") / "utmc.duckdb"
    shutil.copyfile(store, target)
    return target


@pytest.fixture(scope="session")
def server(built_store, tmp_path_factory):
    """The default store (its own copy: the upload test writes to it)."""
    with streamlit_server(copy_of(built_store, tmp_path_factory)) as url:
        yield url


@pytest.fixture
def fresh_server(built_store, tmp_path_factory):
    """A fresh server on the default store, for a test whose first request must be its own."""
    with streamlit_server(copy_of(built_store, tmp_path_factory)) as url:
        yield url


@pytest.fixture(scope="session")
def figures_server(figures_store, tmp_path_factory):
    """The default store plus the test figures for Madrid."""
    with streamlit_server(copy_of(figures_store, tmp_path_factory)) as url:
        yield url


@pytest.fixture
def outside_requests(page):
    """Every request the page makes to a host other than localhost, which is also aborted."""
    seen: list[str] = []

    def handle(route):
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "http://localhost", "ws://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            seen.append(url)
            route.abort()

    page.route("**/*", handle)
    return seen


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
