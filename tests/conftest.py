"""Shared fixtures: a real store built once per test session, and a tiny hand-written one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from data.build import build
from data.store import SCHEMA_PATH, schema_version

SHARED = Path(__file__).resolve().parents[2] / "shared"


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
INSERT INTO networks VALUES
  ('alpha', 'Alpha Network', 'Alpha', 'd', NULL, 'web-1'),
  ('beta', 'Beta Network', 'Beta', 'd', NULL, 'web-2');
INSERT INTO memberships VALUES
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
