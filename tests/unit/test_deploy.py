"""The nginx configurations (deploy/): generated from one template, accepted by nginx, sticky and websocket-ready."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from deploy import cluster

ROOT = Path(__file__).resolve().parents[2]


def test_the_compose_nginx_conf_is_the_template_filled_in():
    assert cluster.COMPOSE_CONF.read_text(encoding="utf-8") == cluster.compose_nginx_conf(), (
        "deploy/nginx.compose.conf is stale: run `python -m deploy.cluster compose-conf`"
    )


def test_the_nginx_conf_has_what_a_streamlit_websocket_needs():
    conf = cluster.nginx_conf(Path("/tmp/x"), "127.0.0.1:8080", [8001, 8002])
    for needed in ("hash $replica_key consistent;", "proxy_http_version 1.1;", "proxy_set_header Upgrade $http_upgrade;",
                   "proxy_set_header Connection $connection_upgrade;", "proxy_read_timeout 86400s;",
                   "server 127.0.0.1:8001 max_fails=1 fail_timeout=5s;", "server 127.0.0.1:8002 max_fails=1"):  # fmt: skip
        assert needed in conf
    assert "{" + "servers}" not in conf and "{run_dir}" not in conf


@pytest.mark.skipif(not Path(cluster.NGINX).exists(), reason="nginx missing: `make test` installs it")
def test_nginx_accepts_the_cluster_conf(tmp_path):
    conf = tmp_path / "nginx.conf"
    conf.write_text(cluster.nginx_conf(tmp_path, f"127.0.0.1:{cluster.free_port()}", [8001, 8002]), encoding="utf-8")
    result = subprocess.run([cluster.NGINX, "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_compose_gives_the_admin_secret_to_the_admin_only():
    import yaml

    compose = yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert "UTMC_ADMIN_SECRET" in services["admin"]["environment"]
    assert "UTMC_ADMIN_SECRET" not in services["app"]["environment"]
    assert services["app"]["volumes"] == ["store:/srv/store:ro"]
    assert services["admin"]["volumes"] == ["store:/srv/store"]
