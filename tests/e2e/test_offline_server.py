"""The server itself, started as a user starts it (`streamlit run serve.py`, no flags): it stays on this
machine and asks nothing of the internet. Without `server.address`, a headless Streamlit looks up its
external IP at checkip.amazonaws.com when it starts."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from tests.e2e.conftest import ROOT, free_port, wait_for_health


def test_plain_streamlit_run_stays_on_localhost(built_store, tmp_path):
    port = free_port()
    log_path = tmp_path / "server.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.port", str(port)],
            cwd=ROOT, env={**os.environ, "UTMC_STORE": str(built_store)}, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            wait_for_health(f"http://localhost:{port}", proc, log_path)
            time.sleep(1.5)  # the start-up banner (and, without an address, the external IP lookup) comes after
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    output = log_path.read_text()
    assert f"URL: http://localhost:{port}" in output
    assert "External URL" not in output and "external IP" not in output and "Network URL" not in output
