"""data/importers/matching.py on small committed fixtures (tests/unit/fixtures/README.md says where each row comes
from), so the matching rules are tested without ../shared. Every expected city and reason was worked out by hand."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from data.importers import matching
from data.importers.matching import CityMatcher, Match, country_iso3, haversine_km, name_variants, state_of

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CITIES = pd.read_csv(FIXTURES / "matching_cities.csv", dtype={"admin1_code": str}, keep_default_na=False)
ROWS = list(csv.DictReader((FIXTURES / "matching_rows.csv").open(encoding="utf-8")))


def cities_con(frame: pd.DataFrame = CITIES) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    cities = frame.drop(columns="alternate_names")  # noqa: F841 (read by the SQL below)
    con.execute("CREATE TABLE cities AS SELECT * FROM cities")
    return con


@pytest.fixture(scope="module")
def matcher() -> CityMatcher:
    """The fixture's cities, with only their listed alternate names (the real ones are read in their own test).
    Built once for the module: matching never writes, and the mutation run reruns these tests per mutant."""
    alternates = {int(r.city_id): [a for a in r.alternate_names.split(";") if a] for r in CITIES.itertuples()}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(matching, "geonames_alternates", lambda: alternates)
        patch.setattr(matching, "_INDEXES", {})
        yield CityMatcher(cities_con(), "nzt")


def number(text: str) -> float | None:
    return float(text) if text else None


@pytest.mark.parametrize(
    "row", ROWS, ids=[f"{r['name']}|{r['country_iso3']}|{r['population']}|{r['latitude']}" for r in ROWS]
)
def test_match_fixture_rows(matcher, row):
    found = matcher.match(row["name"], row["country_iso3"] or None, number(row["latitude"]), number(row["longitude"]),
                          number(row["population"]))  # fmt: skip
    assert found == Match(int(row["city_id"]) if row["city_id"] else None, row["reason"])


def test_match_max_km_is_the_importers_to_set(matcher):
    # 0.4 degree of latitude north of Portland, Oregon: 6371 km x 0.4 x pi / 180 = 44.5 km
    assert matcher.match("Portland", "USA", 45.92345, -122.67621, max_km=45).city_id == 5746545
    assert matcher.match("Portland", "USA", 45.92345, -122.67621, max_km=44) == Match(
        None, "'Portland' in USA is 44 km from the given coordinates"
    )


def test_match_the_state_narrows_before_the_coordinates(matcher):
    # Portland, OR given the coordinates of Portland, ME: the state keeps Oregon, some 4,000 km away, so no match
    far = matcher.match("Portland, OR", "USA", 43.65737, -70.2589)
    assert far.city_id is None and far.reason.startswith("'Portland, OR' in USA is ")
    assert 3000 < float(far.reason.split(" is ")[1].split(" km")[0]) < 5000
    assert matcher.match("Portland", "USA", 43.65737, -70.2589) == Match(4975802, "name and coordinates (0 km)")


def test_match_without_population_of_a_single_namesake(matcher):
    assert matcher.match("Valencia", "ESP", population=10) == Match(2509954, "name and country")


def test_name_variants():
    assert name_variants("Wien (Vienna)") == ["wien vienna", "wien", "vienna"]
    assert name_variants("City of Cape Town, WC") == ["city of cape town wc", "city of cape town", "cape town wc",
                                                      "cape town"]  # fmt: skip
    assert name_variants("Quezon City") == ["quezon city", "quezon"]
    assert name_variants("Municipalidad de Lima") == ["municipalidad de lima", "lima"]
    assert name_variants("Bruxelles (incl. Ixelles)") == ["bruxelles incl ixelles"]  # a list of places: not split
    assert name_variants("Mumbai (Bombay, Thane)") == ["mumbai bombay thane", "mumbai bombay"]
    assert name_variants("Metz (Metz and Nancy)") == ["metz metz and nancy"]
    assert name_variants("!!!") == []


def test_state_of():
    assert state_of("Austin, TX", "USA") == "TX"
    assert state_of("Toronto, ON", "CAN") == "ON"  # two capitals: any country's first-level code
    assert state_of("Columbus, Ohio", "USA") == "OH"
    assert state_of("Columbus, Ohio", "CAN") is None  # a state written out only for the USA
    assert state_of("Springfield, Massachusett, Connecticut", "USA") == "CT"
    assert state_of("Madrid", "ESP") is None
    assert state_of("Paris, Atlantis", "USA") is None


def test_haversine_km():
    # one degree of a great circle: 6371 x pi / 180 = 111.19 km; a quarter of the equator: 10,007.5 km
    assert haversine_km(0, 0, 1, 0) == pytest.approx(111.195, abs=0.001)
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.195, abs=0.001)
    assert haversine_km(0, 0, 0, 90) == pytest.approx(10007.543, abs=0.001)
    assert haversine_km(60, 0, 60, 1) == pytest.approx(55.597, abs=0.001)  # x cos(60 deg) = 0.5
    assert haversine_km(48.2, 16.37, 48.2, 16.37) == 0.0


def test_country_iso3():
    assert country_iso3("United States of America") == "USA"
    assert country_iso3("Viet Nam") == "VNM"
    assert country_iso3(" ESP ") == "ESP"  # an ISO3 code is taken as it is
    assert country_iso3("Spain") == "ESP"


def test_overrides_apply_to_every_importer_or_the_one_named(tmp_path, monkeypatch):
    overrides = tmp_path / "overrides.csv"
    overrides.write_text("importer,country_iso3,name,geonameid,reason\n*,ZAF,Tshwane,964137,x\n"
                         "cdp-emissions,ESP,Villa de Madrid,3117735,y\n", encoding="utf-8")  # fmt: skip
    monkeypatch.setattr(matching, "OVERRIDES", overrides)
    assert CityMatcher._load_overrides("cdp-emissions") == {
        ("ZAF", "tshwane"): 964137,
        ("ESP", "villa de madrid"): 3117735,
    }
    assert CityMatcher._load_overrides("nzt") == {("ZAF", "tshwane"): 964137}
    monkeypatch.setattr(matching, "OVERRIDES", tmp_path / "absent.csv")
    assert CityMatcher._load_overrides("nzt") == {}


def test_city_index_is_built_once_per_cities_table(monkeypatch):
    monkeypatch.setattr(matching, "geonames_alternates", lambda: {1273294: ["New Delhi", "Dilli"]})
    monkeypatch.setattr(matching, "_INDEXES", {})
    con = cities_con(CITIES[CITIES["country_iso3"] == "IND"])
    by_id, own, index = matching.city_index(con)
    assert by_id[1261481] == (1261481, "New Delhi", "IND", 28.62137, 77.2148, "07", 317797)
    assert own == {("IND", "new delhi"): {1261481}, ("IND", "delhi"): {1273294}}
    assert index == {("IND", "new delhi"): {1261481, 1273294}, ("IND", "delhi"): {1273294}, ("IND", "dilli"): {1273294}}
    assert matching.city_index(con)[0] is by_id  # the same table: the same index
    con.execute("INSERT INTO cities VALUES (1, 'Pune', 'IND', 18.5, 73.9, '16', 3124458)")
    assert 1 in matching.city_index(con)[0] and len(matching._INDEXES) == 1  # rebuilt, the old one dropped


def test_geonames_alternates_and_us_states_come_from_the_package():
    assert "Wien" in matching.geonames_alternates()[2761369]
    assert "New Delhi" in matching.geonames_alternates()[1273294]
    states = matching.us_state_codes()
    assert (states["ohio"], states["new york"], states["district of columbia"]) == ("OH", "NY", "DC")
