#!/usr/bin/env bash
# make image-check: build the images of deploy/Dockerfile and compose.yaml and run them for real (podman).
# Installs what it needs from Debian's packages; makes the Debian base image itself (debootstrap) when no
# image registry can be reached, which is the case on the development machine.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
need=()
for tool in podman runc debootstrap; do command -v "$tool" >/dev/null || need+=("$tool"); done
if ((${#need[@]})); then apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null; fi
# This sandbox refuses to raise RLIMIT_NOFILE/NPROC past its own limits, which crun and podman's defaults ask
# for: run containers with runc and limits within the host's.
if [ ! -f /etc/containers/containers.conf ]; then
  mkdir -p /etc/containers
  cat > /etc/containers/containers.conf <<CONF
[containers]
default_ulimits = ["nofile=$(ulimit -n):$(ulimit -Hn)", "nproc=4096:4096"]
[engine]
runtime = "runc"
CONF
fi
if ! podman image exists docker.io/library/debian:bookworm-slim; then
  if ! podman pull -q docker.io/library/debian:bookworm-slim 2>/dev/null; then
    root=$(mktemp -d)
    debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >/dev/null
    tar -C "$root" -c . | podman import -q - docker.io/library/debian:bookworm-slim
    rm -rf "$root"
  fi
fi
[ -x .venv-compose/bin/podman-compose ] || { python3 -m venv .venv-compose && .venv-compose/bin/pip install -q podman-compose==1.6.0; }
# A TLS-inspecting proxy's CA bundle for pip inside the build, when the host has one configured.
cert=${PIP_CERT:-}
extra=()
if [ -n "$cert" ] && [ -f "$cert" ]; then extra=(-v "$cert:/run/host-ca.crt:ro" --build-arg PIP_CERT=/run/host-ca.crt); fi
podman build -q --format docker --network host "${extra[@]}" -f deploy/Dockerfile -t utmc-explorer .
podman build -q --format docker --network host -f deploy/nginx-check.Dockerfile -t utmc-nginx-check .
PODMAN_COMPOSE="$PWD/.venv-compose/bin/podman-compose" exec "$PY" -m deploy.image_check "$@"
