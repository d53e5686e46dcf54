"""Shared fixtures: a real store built once per test session, and a tiny hand-written one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from data.build import build
from data.store import SCHEMA_PATH, schema_version

SHARED = Path(__file__).resolve().parents[2] / "shared"
STORE_FIXTURES = {"built_store", "use_store", "figures_store"}


def pytest_collection_modifyitems(items):
    """Mark every test that builds the default store (~10 s once per session) `store`, so that a run which starts
    a fresh session per step, such as the mutation run (`make mutate`), can leave them out with -m "not store"."""
    for item in items:
        if STORE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.store)


@pytest.fixture(scope="session")
def built_store(tmp_path_factory) -> Path:
    """The default store, built by `data.build.build` exactly as `python -m data build` does."""
    path = tmp_path_factory.mktemp("store") / "utmc.duckdb"
    report = build(path)
    assert report.row_counts["cities"] > 30_000
    return path


@pytest.fixture
def use_store(built_store, monkeypatch) -> Path:
    monkeypatch.setenv("UTMC_STORE", str(built_store))
    return built_store


TINY_SQL = """
INSERT INTO sources VALUES
  ('geonames', 'GeoNames', 'GeoNames', 'https://www.geonames.org/', 'CC BY 4.0', DATE '2026-11-26',
   'GeoNames, CC BY 4.0'),
  ('web-1', 'Page one', 'Pub', 'https://example.org/1', NULL, DATE '2026-11-26', 'Pub: Page one'),
  ('web-2', 'Page two', 'Pub', 'https://example.org/2', NULL, DATE '2026-11-26', 'Pub: Page two');
INSERT INTO regions VALUES
  ('150', 'Europe', 'region', NULL, 'geonames'),
  ('155', 'Western Europe', 'sub-region', '150', 'geonames'),
  ('002', 'Africa', 'region', NULL, 'geonames'),
  ('202', 'Sub-Saharan Africa', 'sub-region', '002', 'geonames'),
  ('014', 'Eastern Africa', 'intermediate region', '202', 'geonames');
INSERT INTO countries VALUES
  ('AUT', 'AT', '040', 'Austria', '150', '155', NULL, 'High income', 9000000, 'geonames'),
  ('KEN', 'KE', '404', 'Kenya', '002', '202', '014', 'Lower middle income', 50000000, 'geonames');
INSERT INTO cities VALUES
  (1, 'Wien', 'wien', 'AUT', '09', 48.2, 16.37, 1900000, 'Europe/Vienna', 'geonames'),
  (2, 'Graz', 'graz', 'AUT', '06', 47.07, 15.44, 290000, 'Europe/Vienna', 'geonames'),
  (3, 'Nairobi', 'nairobi', 'KEN', '05', -1.28, 36.82, 2750000, 'Africa/Nairobi', 'geonames'),
  (4, 'Mombasa', 'mombasa', 'KEN', '19', -4.05, 39.66, 800000, 'Africa/Nairobi', 'geonames');
INSERT INTO networks (network_id, name, short_name, description, url, source_id) VALUES
  ('alpha', 'Alpha Network', 'Alpha', 'd', NULL, 'web-1'),
  ('beta', 'Beta Network', 'Beta', 'd', NULL, 'web-2');
INSERT INTO memberships (network_id, city_id, member_name, note, source_id) VALUES
  ('alpha', 1, 'Vienna', NULL, 'web-1'),
  ('beta', 1, 'Vienna', NULL, 'web-2'),
  ('alpha', 2, 'Graz', NULL, 'web-1'),
  ('beta', 3, 'Nairobi', NULL, 'web-2');
"""


@pytest.fixture
def tiny_store(tmp_path) -> Path:
    """Four cities in two countries, two networks: small enough to know every answer by heart."""
    path = tmp_path / "tiny.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute(SCHEMA_PATH.read_text(encoding="utf-8"))
        con.execute(TINY_SQL)
        con.execute(
            "INSERT INTO build_info VALUES ('schema_version', ?), ('built_at', ?)",
            [schema_version(), dt.datetime.now(dt.UTC).isoformat()],
        )
    return path


MADRID = 3117735
FIGURES_CSV = """record,city_id,year,sector,emissions,unit,target_kind,base_year,target_year,reduction_pct,is_illustrative
inventory,3117735,2015,total,8.9,MtCO2e,,,,,
inventory,3117735,2016,total,8.7,MtCO2e,,,,,
inventory,3117735,2017,total,8.6,MtCO2e,,,,,
inventory,3117735,2018,total,8.3,MtCO2e,,,,,
inventory,3117735,2019,energy,3.1,MtCO2e,,,,,yes
inventory,3117735,2019,transport,2.9,MtCO2e,,,,,yes
inventory,3117735,2019,buildings,2.0,MtCO2e,,,,,yes
target,3117735,,total,9.5,MtCO2e,base_year,2005,2030,55,
target,3117735,,total,,,net_zero,,2040,,
target,3117735,,total,,,intensity,2005,2030,50,
target,2738752,,total,691.383742,MtCO2e,base_year,2008,2020,20,
"""


@pytest.fixture(scope="session")
def figures_store(built_store, tmp_path_factory) -> Path:
    """The default store plus a test file of figures for Madrid (a C40 member) (written by the tests, imported with the
    template importer; the 2019 sector split is marked illustrative) and Guimarães's 2008 baseline of 691 MtCO2e as
    CDP's 2021 targets file gives it (about 17,000 t per person: flagged by the checks)."""
    import shutil

    from data.importers import run_import

    folder = tmp_path_factory.mktemp("figures")
    store = folder / "utmc.duckdb"
    shutil.copyfile(built_store, store)
    csv_path = folder / "madrid.csv"
    csv_path.write_text(FIGURES_CSV, encoding="utf-8")
    report = run_import("template", csv_path, store, meta={"publisher": "UTMC Explorer tests", "title": "Test figures"})
    assert (report.emissions_rows, report.targets_rows) == (7, 4), report.problems
    return store
