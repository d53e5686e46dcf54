"""The query runner and each named query, against a tiny store whose answers are known."""

from __future__ import annotations

import os
import shutil

import duckdb
import pytest

import queries
from components.network import filter_cities
from queries import StoreError, run_query


def test_network_cities_all(tiny_store):
    df = run_query("network_cities", store=tiny_store, networks=[])
    assert list(df["city"]) == ["Nairobi", "Wien", "Graz"]  # by population; Mombasa is in no network
    wien = df.iloc[1]
    assert list(wien["networks"]) == ["Alpha", "Beta"]
    assert sorted(wien["membership_source_ids"]) == ["web-1", "web-2"]
    assert wien["region"] == "Europe" and wien["subregion"] == "Western Europe"


def test_network_cities_filter_by_network_keeps_only_that_membership(tiny_store):
    df = run_query("network_cities", store=tiny_store, networks=["Beta"])
    assert list(df["city"]) == ["Nairobi", "Wien"]
    assert [list(n) for n in df["networks"]] == [["Beta"], ["Beta"]]


@pytest.mark.parametrize(
    ("regions", "expected"),
    [
        (["Europe"], ["Wien", "Graz"]),
        (["Western Europe"], ["Wien", "Graz"]),
        (["Eastern Africa"], ["Nairobi"]),  # intermediate region
        (["Sub-Saharan Africa", "Europe"], ["Nairobi", "Wien", "Graz"]),
        (["Atlantis"], []),
    ],
)
def test_network_cities_filter_by_region(tiny_store, regions, expected):
    df = filter_cities(run_query("network_cities", store=tiny_store, networks=[]), regions, [])
    assert list(df["city"]) == expected


def test_network_cities_filter_by_income(tiny_store):
    df = filter_cities(run_query("network_cities", store=tiny_store, networks=[]), [], ["Lower middle income"])
    assert list(df["city"]) == ["Nairobi"]


def test_parameters_are_bound_not_spliced(tiny_store):
    payload = "Alpha'] OR 1=1 --"
    df = run_query("network_cities", store=tiny_store, networks=[payload])
    assert df.empty


def test_filter_options_order_and_depth(tiny_store):
    df = run_query("filter_options", store=tiny_store)
    regions = df[df["filter"] == "region"]
    assert list(regions["value"]) == ["Africa", "Sub-Saharan Africa", "Eastern Africa", "Europe", "Western Europe"]
    assert list(regions["depth"]) == [0, 1, 2, 0, 1]
    assert list(df[df["filter"] == "income_group"]["value"]) == ["Lower middle income", "High income"]
    assert list(df[df["filter"] == "network"]["value"]) == ["Alpha", "Beta"]


def test_sources_query(tiny_store):
    assert list(run_query("sources", store=tiny_store, source_ids=["web-2"])["title"]) == ["Page two"]
    assert len(run_query("sources", store=tiny_store, source_ids=[])) == 3


def test_country_outlines_query(built_store):
    df = run_query("country_outlines", store=built_store)
    assert len(df) >= 200 and df["geometry_geojson"].str.startswith('{"type":"MultiPolygon"').all()


def test_runner_refuses_unknown_or_unsafe_names(tiny_store):
    for name in ["../data/schema", "network_cities; DROP TABLE cities", "nope"]:
        with pytest.raises(ValueError):
            run_query(name, store=tiny_store)


def test_connection_is_read_only(tiny_store):
    con = queries.connection(tiny_store)
    with pytest.raises(duckdb.Error):
        con.cursor().execute("DELETE FROM cities")


def test_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="No store at .*python -m data build"):
        queries.connection(tmp_path / "absent.duckdb")


def test_garbage_file_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "garbage.duckdb"
    path.write_bytes(b"this is not a database\x00" * 100)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a readable DuckDB store"):
        queries.connection(path)
    assert path.read_bytes() == before


def test_wrong_schema_is_refused(tmp_path):
    path = tmp_path / "other.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE cities (id INTEGER)")
    with pytest.raises(StoreError, match="tables missing"):
        queries.connection(path)


def test_old_schema_version_is_refused(tiny_store):
    with duckdb.connect(str(tiny_store)) as con:
        con.execute("UPDATE build_info SET value = 'old' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="another schema"):
        queries.connection(tiny_store)


def test_replaced_store_is_reopened(tiny_store, tmp_path):
    """Writers never touch the open file: they write a new one and rename it into place."""
    assert len(run_query("sources", store=tiny_store, source_ids=[])) == 3
    new = tmp_path / "new.duckdb"
    shutil.copyfile(tiny_store, new)
    with duckdb.connect(str(new)) as con:
        con.execute("INSERT INTO sources VALUES ('web-3','t',NULL,NULL,NULL,NULL,'c')")
    os.replace(new, tiny_store)
    assert len(run_query("sources", store=tiny_store, source_ids=[])) == 4


def test_city_profiles_in_the_order_asked(tiny_store):
    df = run_query("city_profiles", store=tiny_store, city_ids=[3, 999, 1])
    assert list(df["city"]) == ["Nairobi", "Wien"]  # unknown ids are absent
    nairobi = df.iloc[0]
    assert list(nairobi["region_ids"]) == ["002", "202", "014"] and nairobi["intermediate_region"] == "Eastern Africa"
    assert list(df.iloc[1]["networks"]) == ["Alpha", "Beta"]


def test_city_profiles_of_every_city_with_an_empty_list(tiny_store):
    every = run_query("city_profiles", store=tiny_store, city_ids=[])
    assert list(every["city_id"]) == sorted(every["city_id"]) and len(every) == 4
