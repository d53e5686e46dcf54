# Two commands: `make run` (set up, build the store if absent, start the app) and `make test`
# (set up, Debian chromium if missing, every test). Both are idempotent.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha1sum requirements.txt | cut -c1-12)
DEV_STAMP := $(VENV)/.dev-installed-$(shell sha1sum requirements-dev.txt | cut -c1-12)
STORE ?= $(or $(UTMC_STORE),data/utmc.duckdb)
PORT ?= 8501
N ?= 3
CLUSTER_PORT ?= 8080
CLUSTER_LISTEN ?= 127.0.0.1

.PHONY: run test setup store chromium axe lint i18n bench nginx cluster cluster-stop load image-check mutate

setup: $(STAMP)

$(STAMP): requirements.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-* && touch $(STAMP)

store: $(STAMP)
	@test -f "$(STORE)" || $(PY) -m data build --store "$(STORE)"

run: store
	UTMC_STORE="$(STORE)" $(VENV)/bin/streamlit run serve.py --server.address localhost --server.port $(PORT)

chromium:
	@command -v chromium >/dev/null || apt-get install -y chromium || (apt-get update && apt-get install -y chromium)

# axe-core for the accessibility audit (tests/e2e/package.json, pinned in its package-lock.json), from Debian's npm.
axe:
	@command -v npm >/dev/null || apt-get install -y npm || (apt-get update && apt-get install -y npm)
	@test -d tests/e2e/node_modules/axe-core || npm ci --prefix tests/e2e --no-audit --no-fund

test: $(STAMP) chromium nginx axe
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

# Extract the interface's messages, merge them into locale/*/messages.po, compile the .mo (tools/i18n.py).
i18n: $(STAMP)
	$(PY) -m tools.i18n update
	$(PY) -m tools.i18n check || true

bench: $(STAMP) chromium nginx
	$(PY) -m bench.run

# Several replicas behind nginx on this machine (deploy/cluster.py, docs/deploy.md); ended by PID.
nginx:
	@test -x /usr/sbin/nginx || command -v nginx >/dev/null || apt-get install -y nginx || (apt-get update && apt-get install -y nginx)

cluster: store nginx
	$(PY) -m deploy.cluster start --replicas $(N) --port $(CLUSTER_PORT) --listen $(CLUSTER_LISTEN)

cluster-stop:
	$(PY) -m deploy.cluster stop

# The load test through nginx with its own cluster on free ports, and the two fault runs (bench/load.py).
load: $(STAMP) nginx
	$(PY) -m bench.load

# Build deploy/Dockerfile and run compose.yaml with 3 replicas for real (podman), and check it (minutes).
image-check: $(STAMP)
	PY=$(PY) bash deploy/image_check.sh

# Mutation testing of the pure modules (bench/mutation.py, bench/MUTATION.md): not part of `make test`; ~10 min.
$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	rm -f $(VENV)/.dev-installed-* && touch $(DEV_STAMP)

mutate: $(DEV_STAMP)
	$(PY) -m bench.mutation
