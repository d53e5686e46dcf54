"""Crashes: kill -9 at several points of an import and of a store build; the previous store opens, unchanged."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[2]
FIGURES = Path(__file__).resolve().parents[1] / "hostile" / "files" / "template__duplicate_rows.csv"


def kill_after(cmd: list[str], delay: float) -> int:
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    proc.kill()
    return proc.wait()


def assert_store_intact(store: Path, before: bytes) -> None:
    assert store.read_bytes() == before
    with duckdb.connect(str(store), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM cities").fetchone()[0] > 30_000


@pytest.mark.parametrize("delay", [0.3, 0.8, 1.3, 1.8])
def test_crash_kill_9_during_an_import(built_store, tmp_path, delay):
    store = tmp_path / "utmc.duckdb"
    shutil.copyfile(built_store, store)
    before = store.read_bytes()
    code = kill_after([sys.executable, "-m", "data", "import", "template", str(FIGURES), "--store", str(store)], delay)
    if code == -9:
        assert_store_intact(store, before)
    else:  # it finished first: then the import is whole
        with duckdb.connect(str(store), read_only=True) as con:
            assert con.execute("SELECT count(*) FROM emissions").fetchone()[0] == 1


@pytest.mark.parametrize("delay", [0.5, 1.5, 2.5])
def test_crash_kill_9_during_a_build(built_store, tmp_path, delay):
    store = tmp_path / "utmc.duckdb"
    shutil.copyfile(built_store, store)
    with duckdb.connect(str(store)) as con:  # mark the old store, to tell it from a new one
        con.execute("INSERT INTO build_info VALUES ('marker', 'old store')")
    before = store.read_bytes()
    code = kill_after([sys.executable, "-m", "data", "build", "--store", str(store)], delay)
    assert code == -9, "the build finished before it could be killed"
    assert_store_intact(store, before)
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "utmc.duckdb"]
    assert all(".building" in name for name in leftovers)  # only the dead build's temporary file, never the store
