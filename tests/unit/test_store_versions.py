"""A versioned store (data/store.py): a link to immutable version files, swapped by publish, read by every
process through queries.connection, old versions removed once no process holds them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

import queries
from data.store import hold, make_versioned, publish, resolve, sweep_versions, versions

ROOT = Path(__file__).resolve().parents[2]


def new_version(store: Path, city: str) -> None:
    """Publish a copy of the store with one more city, as an import does (copy, write, publish)."""
    tmp = store.with_name(f".{store.name}.test.importing")
    shutil.copyfile(store, tmp)
    with duckdb.connect(str(tmp)) as con:
        con.execute("INSERT INTO cities VALUES (99, ?, 'x', 'AUT', '09', 48.0, 16.0, 1, 'Europe/Vienna', 'geonames')",
                    [city])  # fmt: skip
        con.execute("CHECKPOINT")
    publish(tmp, store)


def city_names(store: Path) -> set[str]:
    return {r[0] for r in queries.connection(store).execute("SELECT name FROM cities").fetchall()}


def test_publish_swaps_the_link_and_readers_follow(tiny_store):
    first = make_versioned(tiny_store)
    assert tiny_store.is_symlink() and resolve(tiny_store) == first
    assert not os.path.isabs(os.readlink(tiny_store)), "relative link: the folder can be mounted elsewhere"
    assert "Testville" not in city_names(tiny_store)
    before = queries.store_identity(tiny_store)

    new_version(tiny_store, "Testville")
    assert queries.store_identity(tiny_store) != before
    assert "Testville" in city_names(tiny_store)  # the next query reads the new version
    assert resolve(tiny_store) != first
    # This process closed the first version on switching, so nothing holds it: the next sweep removes it.
    sweep_versions(tiny_store)
    assert versions(tiny_store) == [resolve(tiny_store)]


def test_a_version_held_by_a_reader_is_kept_until_released(tiny_store):
    make_versioned(tiny_store)
    old = resolve(tiny_store)
    fd = hold(old)  # another process (a replica) still reading the old version
    new_version(tiny_store, "Heldtown")
    assert old.exists() and sweep_versions(tiny_store) == []
    os.close(fd)
    assert sweep_versions(tiny_store) == [old]
    assert not old.exists()


def test_a_version_held_by_another_process_is_kept(tiny_store):
    make_versioned(tiny_store)
    old = resolve(tiny_store)
    reader = subprocess.Popen([sys.executable, "-c", "import sys, time; from data.store import hold; hold(sys.argv[1]);"
                               " print('held', flush=True); time.sleep(30)", str(old)],
                              cwd=ROOT, stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert reader.stdout.readline().strip() == "held"
        new_version(tiny_store, "Othertown")
        assert old.exists()
    finally:
        reader.kill()
        reader.wait()
    assert sweep_versions(tiny_store) == [old]


def test_a_plain_file_store_is_replaced_in_place_as_before(tiny_store):
    new_version(tiny_store, "Plainville")
    assert not tiny_store.is_symlink() and versions(tiny_store) == []
    assert "Plainville" in city_names(tiny_store)


def test_build_versioned_then_import_publishes_a_new_version(built_store, tmp_path):
    store = tmp_path / "store" / "utmc.duckdb"
    store.parent.mkdir()
    shutil.copyfile(built_store, store)
    make_versioned(store)
    first = resolve(store)
    from data.importers import run_import

    csv = tmp_path / "x.csv"
    csv.write_text("record,city_id,year,sector,emissions,unit\ninventory,3117735,2018,total,8.3,MtCO2e\n")
    report = run_import("template", csv, store)
    assert report.committed and store.is_symlink() and resolve(store) != first
    imported = "SELECT count(*) FROM emissions WHERE starts_with(source_id, 'import-')"
    assert queries.connection(store).execute(imported).fetchone()[0] == 1
