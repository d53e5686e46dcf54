"""The build: real reference data, one source per row, resolved members, atomic writes."""

from __future__ import annotations

import json
import shutil

import duckdb
import pandas as pd
import pytest
from shapely.geometry import shape

from data import build as build_module
from data.build import SEED, BuildError, build, load_members, web_source_id


@pytest.fixture(scope="module")
def con(built_store):
    with duckdb.connect(str(built_store), read_only=True) as c:
        yield c


def scalar(con, sql, params=None):
    return con.execute(sql, params or []).fetchone()[0]


def test_row_counts(con):
    assert scalar(con, "SELECT count(*) FROM cities") >= 30_000
    assert scalar(con, "SELECT count(*) FROM countries") >= 190
    assert scalar(con, "SELECT count(*) FROM regions WHERE level = 'region'") == 5
    assert scalar(con, "SELECT count(*) FROM regions WHERE level = 'sub-region'") == 17
    assert scalar(con, "SELECT count(*) FROM country_outlines") >= 200
    assert scalar(con, "SELECT count(*) FROM networks WHERE NOT is_reference") == 3  # EU Mission, C40, UTM
    assert scalar(con, "SELECT count(*) FROM networks WHERE is_reference") == 1  # the GCoM file's signatories
    assert scalar(con, "SELECT count(*) FROM practices") >= 60
    assert scalar(con, "SELECT count(*) FROM funding") >= 30


def test_open_datasets_reach_the_figures_the_default_store_promises(con):
    """Issue 14's floor: modelled sector emissions 2019-2021 for 700+ cities (Carbon Monitor), a GCoM per-capita
    figure for 1,200+ cities, a target for 600+ cities; of the network members, 60 %+ with an emission figure and
    45 %+ with a target."""
    cm = "SELECT count(*) FROM (SELECT city_id FROM emissions WHERE source_id = 'carbon_monitor_cities' AND "
    cm += "sector <> 'total' GROUP BY city_id HAVING count(DISTINCT year) = 3)"
    assert scalar(con, cm) >= 700
    assert scalar(con, "SELECT count(DISTINCT city_id) FROM emissions WHERE source_id = 'gcom_jrc'") >= 1200
    assert scalar(con, "SELECT count(DISTINCT city_id) FROM targets") >= 600
    members = "FROM (SELECT DISTINCT city_id FROM memberships)"
    share = lambda table: scalar(  # noqa: E731
        con, f"SELECT avg((city_id IN (SELECT city_id FROM {table}))::INT) {members}"
    )
    assert share("emissions") >= 0.60 and share("targets") >= 0.45


def test_open_datasets_say_what_each_figure_is(con):
    kinds = con.execute(
        "SELECT source_id, data_kind, gas, boundary, count(*) FROM emissions GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    assert {k[:4] for k in kinds} == {
        ("carbon_monitor_cities", "modelled", "CO2", "functional urban area"),
        ("gcom_jrc", "modelled", "CO2e", "signatory territory"),
        ("nzt_2022", "reported", "CO2e", "not stated"),
    }
    # GCoM totals are derived from the per-capita figure, and say so
    underived = "SELECT count(*) FROM emissions WHERE source_id = 'gcom_jrc' AND derivation NOT LIKE '%per person%'"
    assert scalar(con, underived) == 0
    # No Net Zero Tracker actor that is a company, region or country became a city's figure
    loads = con.execute("SELECT rows_read, not_cities, matched, unmatched FROM source_loads "
                        "WHERE source_id = 'nzt_2022'").fetchone()  # fmt: skip
    assert loads[0] == 4089 and loads[1] == 4089 - 1177 and 1170 <= loads[2] + loads[3] <= 1177  # 2 actors, 1 city


def test_open_datasets_name_forms_resolve(con):
    """The Net Zero Tracker's name forms, each resolved to the GeoNames city a reader would expect."""

    def nzt_city(city_id: int) -> bool:
        return scalar(con, f"SELECT count(*) FROM targets WHERE source_id = 'nzt_2022' AND city_id = {city_id}") > 0

    for city_id in (2761369, 2867714, 3530597, 1275339, 4509177, 1819729, 1261481):
        # Wien (Vienna), München (Munich), Ciudad de México, Mumbai (Bombay), Columbus (Ohio), Hong Kong, New Delhi
        assert nzt_city(city_id), city_id
    assert not nzt_city(1273294)  # "New Delhi" is not Delhi


@pytest.mark.parametrize(
    ("table", "key"),
    [
        ("cities", "city_id"),
        ("countries", "iso3"),
        ("regions", "region_id"),
        ("sources", "source_id"),
        ("memberships", "network_id, city_id"),
        ("country_outlines", "outline_id"),
    ],
)
def test_keys_unique(con, table, key):
    assert scalar(con, f"SELECT count(*) - count(DISTINCT ({key})) FROM {table}") == 0


@pytest.mark.parametrize(
    "table", ["cities", "memberships", "countries", "regions", "country_outlines", "networks", "practices", "funding"]
)
def test_every_row_has_a_known_source(con, table):
    missing = scalar(
        con, f"SELECT count(*) FROM {table} t LEFT JOIN sources s USING (source_id) WHERE s.source_id IS NULL"
    )
    assert missing == 0


def test_every_source_has_a_citation_and_licence_or_url(con):
    rows = con.execute("SELECT source_id, citation, licence, url FROM sources").fetchall()
    assert rows
    for source_id, citation, licence, url in rows:
        assert citation.strip(), source_id
        assert licence or url, source_id


def test_countries_carry_regions_and_income(con):
    aut = con.execute("SELECT name, region_id, subregion_id, income_group FROM countries WHERE iso3 = 'AUT'").fetchone()
    assert aut == ("Austria", "150", "155", "High income")
    ken = con.execute(
        "SELECT subregion_id, intermediate_region_id, income_group FROM countries WHERE iso3 = 'KEN'"
    ).fetchone()
    assert ken == ("202", "014", "Lower middle income")
    with_income = scalar(con, "SELECT count(*) FROM countries WHERE income_group IS NOT NULL")
    assert with_income >= 190


def test_cities_are_real_geonames_places(con):
    vienna = con.execute("SELECT name, country_iso3, population FROM cities WHERE city_id = 2761369").fetchone()
    assert vienna[0] == "Vienna" and vienna[1] == "AUT" and vienna[2] > 1_500_000
    assert scalar(con, "SELECT ascii_name FROM cities WHERE city_id = 3448439") == "sao paulo"


def test_every_member_resolves_to_exactly_one_city(con):
    members = load_members()
    assert len(members) == scalar(con, "SELECT count(*) FROM memberships WHERE network_id <> 'gcom_jrc'")
    unresolved = scalar(
        con, "SELECT count(*) FROM memberships m LEFT JOIN cities c USING (city_id) WHERE c.city_id IS NULL"
    )
    assert unresolved == 0
    assert not members.duplicated(["network_id", "geonameid"]).any()


@pytest.mark.parametrize(
    ("network", "member", "iso3", "city"),
    [
        ("eu_mission_100", "Klagenfurt", "AUT", "Klagenfurt am Wörthersee"),
        ("eu_mission_100", "Tartu", "EST", "Tartu"),
        ("eu_mission_100", "Valencia", "ESP", "Valencia"),
        ("eu_mission_100", "Differdange", "LUX", "Differdange"),
        ("c40", "Nairobi", "KEN", "Nairobi"),
        ("c40", "Portland", "USA", "Portland"),
        ("utm", "Belo Horizonte", "BRA", "Belo Horizonte"),
    ],
)
def test_members_spot_checks(con, network, member, iso3, city):
    row = con.execute(
        """SELECT c.name, c.country_iso3, c.admin1_code FROM memberships m JOIN cities c USING (city_id)
           WHERE m.network_id = ? AND m.member_name = ?""",
        [network, member],
    ).fetchall()
    assert len(row) == 1, f"{member} should be one member of {network}"
    assert row[0][1] == iso3
    assert row[0][0] == city
    if member == "Portland":
        assert row[0][2] == "OR"  # Oregon, not Maine


def test_network_sizes(con):
    sizes = dict(con.execute("SELECT network_id, count(*) FROM memberships GROUP BY ALL").fetchall())
    assert sizes["eu_mission_100"] == 112  # 111 confirmed cities; Eindhoven + Helmond is one joint Mission city
    assert sizes["c40"] == 97
    assert sizes["utm"] >= 10


def test_membership_sources_are_the_cited_pages(con):
    members = load_members()
    row = members[members["member_name"] == "Klagenfurt"].iloc[0]
    source = con.execute(
        "SELECT s.url FROM memberships m JOIN sources s USING (source_id) WHERE m.member_name = 'Klagenfurt'"
    ).fetchone()[0]
    assert source == row["source_url"]
    assert web_source_id(row["source_url"]).startswith("web-")


def test_outlines_do_not_cross_the_antimeridian(con):
    rows = con.execute("SELECT outline_id, ST_AsGeoJSON(geometry) FROM country_outlines").fetchall()
    for outline_id, geojson in rows:
        for poly in shape(json.loads(geojson)).geoms:
            minx, _, maxx, _ = poly.bounds
            assert -180 <= minx and maxx <= 180, outline_id
            assert maxx - minx < 180, f"{outline_id} has a polygon {maxx - minx:.0f} degrees wide (a streak)"
    russia = con.execute("SELECT ST_AsGeoJSON(geometry) FROM country_outlines WHERE iso3 = 'RUS'").fetchone()[0]
    bounds = shape(json.loads(russia)).bounds
    assert bounds[0] == pytest.approx(-180, abs=0.01) and bounds[2] == pytest.approx(180, abs=0.01)


def test_outline_seed_joins_countries(con):
    joined = scalar(con, "SELECT count(*) FROM country_outlines WHERE iso3 IS NOT NULL")
    assert joined >= 230
    assert scalar(con, "SELECT iso3 FROM country_outlines WHERE ne_name = 'Fiji'") == "FJI"


def test_build_is_atomic_when_a_step_fails(built_store, tmp_path, monkeypatch):
    target = tmp_path / "utmc.duckdb"
    target.write_bytes(built_store.read_bytes())
    before = target.read_bytes()

    def broken(*args, **kwargs):
        raise RuntimeError("interrupted")

    monkeypatch.setattr(build_module, "load_networks", broken)
    with pytest.raises(RuntimeError):
        build(target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["utmc.duckdb"]  # no half-built file left behind


def test_build_refuses_a_bad_mapping_row(built_store, tmp_path, monkeypatch):
    seed = tmp_path / "networks"
    seed.mkdir()
    for f in (SEED / "networks").glob("c40*.csv"):
        (seed / f.name).write_bytes(f.read_bytes())
    bad = pd.read_csv(seed / "c40.csv", dtype=str, keep_default_na=False)
    bad.loc[0, "country_iso3"] = "FRA"  # Dubai is not in France
    bad.loc[1, "latitude"] = "0"
    bad.to_csv(seed / "c40.csv", index=False)
    monkeypatch.setattr(build_module, "NETWORK_SEED", seed)
    target = tmp_path / "utmc.duckdb"
    target.write_bytes(built_store.read_bytes())
    before = target.read_bytes()
    with pytest.raises(BuildError) as err:
        build(target)
    assert "c40.csv line 2 (Dubai): country FRA but GeoNames says ARE" in str(err.value)
    assert "c40.csv line 3" in str(err.value) and "coordinates" in str(err.value)
    assert target.read_bytes() == before


def test_build_command_line(tmp_path):
    from data.__main__ import main

    target = tmp_path / "cli.duckdb"
    assert main(["build", "--store", str(target)]) == 0
    with duckdb.connect(str(target), read_only=True) as c:
        assert c.execute("SELECT count(*) FROM memberships").fetchone()[0] > 200


def test_practices_cover_every_region_and_sector(con):
    regions = {r[0] for r in con.execute(
        "SELECT DISTINCT r.name FROM practices p JOIN cities c USING (city_id) "
        "JOIN countries co ON co.iso3 = c.country_iso3 JOIN regions r ON r.region_id = co.region_id"
    ).fetchall()}  # fmt: skip
    assert regions == {"Africa", "Americas", "Asia", "Europe", "Oceania"}
    sectors = {r[0] for r in con.execute("SELECT DISTINCT sector FROM practices").fetchall()}
    assert sectors == {"energy", "buildings", "transport", "waste", "industry", "afolu", "cross-cutting"}


def test_practices_and_funding_cite_their_pages(con):
    unsourced = scalar(
        con,
        "SELECT count(*) FROM practices p JOIN sources s USING (source_id) WHERE s.url IS DISTINCT FROM p.url",
    )
    assert unsourced == 0
    assert scalar(con, "SELECT count(*) FROM funding WHERE NOT starts_with(url, 'http')") == 0


def test_funding_rules_are_encoded(con):
    gap_fund = con.execute(
        "SELECT income_groups, instrument FROM funding WHERE funding_id = 'city-climate-finance-gap-fund'"
    ).fetchone()
    assert gap_fund == (["Low income", "Lower middle income", "Upper middle income"], "technical assistance")
    with_regions = scalar(con, "SELECT count(*) FROM funding WHERE region_ids IS NOT NULL OR country_iso3s IS NOT NULL")
    assert with_regions >= 10


def test_build_refuses_a_practice_in_the_wrong_country(built_store, tmp_path, monkeypatch):
    seed = tmp_path / "seed"
    shutil.copytree(SEED, seed)
    bad = pd.read_csv(seed / "practices.csv", dtype=str, keep_default_na=False)
    bad.loc[0, "country_iso3"] = "BRA"
    bad.to_csv(seed / "practices.csv", index=False)
    monkeypatch.setattr(build_module, "SEED", seed)
    monkeypatch.setattr(build_module, "NETWORK_SEED", seed / "networks")
    with pytest.raises(BuildError, match="practices.csv line 2 .* is not a BRA city"):
        build(tmp_path / "x.duckdb")
    assert not (tmp_path / "x.duckdb").exists()


def test_further_pages_are_cited_sources(con):
    missing = con.execute(
        """
        SELECT u.url FROM (
            SELECT unnest(other_urls) AS url FROM funding UNION ALL SELECT unnest(other_urls) FROM practices
        ) AS u
        WHERE u.url NOT IN (SELECT url FROM sources)
        """
    ).fetchall()
    assert missing == []
    tap = con.execute(
        "SELECT recurrence, status, other_urls FROM funding WHERE funding_id = 'iclei-transformative-actions-program'"
    ).fetchone()
    assert tap[:2] == ("yearly", "unknown") and all(u.startswith("http") for u in tap[2])
    # a recurring programme is never 'closed' only because one call closed
    assert scalar(con, "SELECT count(*) FROM funding WHERE recurrence IS NOT NULL AND status = 'closed'") == 0


@pytest.mark.parametrize(
    ("column", "value", "said"),
    [
        (
            "other_urls",
            "https://ok.example/a;www.no-scheme.example",
            "other URL 'www.no-scheme.example' does not start",
        ),
        ("recurrence", "monthly", "recurrence 'monthly' not allowed"),
        ("url", "ftp://x.example", "no source URL"),
    ],
)
def test_build_refuses_a_bad_funding_row(con, tmp_path, monkeypatch, column, value, said):
    seed = tmp_path / "seed"
    shutil.copytree(SEED, seed)
    bad = pd.read_csv(seed / "funding.csv", dtype=str, keep_default_na=False)
    bad.loc[0, column] = value
    bad.to_csv(seed / "funding.csv", index=False)
    monkeypatch.setattr(build_module, "SEED", seed)
    cur = con.cursor()  # its own cursor: the module's connection may hold another test's unfinished result
    regions, countries = cur.execute("SELECT * FROM regions").df(), cur.execute("SELECT * FROM countries").df()
    with pytest.raises(BuildError, match=f"funding.csv line 2 .*{said}"):
        build_module.load_funding(regions, countries)


def test_build_refuses_a_practice_whose_further_page_is_not_a_web_address(con, tmp_path, monkeypatch):
    seed = tmp_path / "seed"
    shutil.copytree(SEED, seed)
    bad = pd.read_csv(seed / "practices.csv", dtype=str, keep_default_na=False)
    bad.loc[0, "other_urls"] = "javascript:alert(1)"
    bad.to_csv(seed / "practices.csv", index=False)
    monkeypatch.setattr(build_module, "SEED", seed)
    cities = con.cursor().execute("SELECT city_id, country_iso3 FROM cities").df()
    with pytest.raises(BuildError, match="practices.csv line 2 .*other URL 'javascript:alert\\(1\\)'"):
        build_module.load_practices(cities)


def test_gcom_signatories_are_a_reference_network_with_their_adhesion_year(con):
    """Issue 16: the signatories the GCoM importer matched (1,363 of the file's 8,140) are the members of gcom_jrc,
    labelled with the file's coverage; the seed lists carry no joined year or cohort."""
    matched = scalar(con, "SELECT matched FROM source_loads WHERE source_id = 'gcom_jrc'")
    assert matched == scalar(con, "SELECT count(*) FROM memberships WHERE network_id = 'gcom_jrc'") == 1363
    row = con.execute(
        "SELECT is_reference, announced_size, coverage, announced_size_source_id FROM networks "
        "WHERE network_id = 'gcom_jrc'"
    ).fetchone()
    assert row[:2] == (True, 8140) and row[2].startswith("Europe and the Southern Mediterranean only") and row[3]
    years = con.execute(
        "SELECT min(joined_year), max(joined_year), count(joined_year) FROM memberships WHERE network_id = 'gcom_jrc'"
    ).fetchone()
    assert 2008 <= years[0] and years[1] <= 2021 and years[2] > 1000  # the Covenant of Mayors began in 2008
    assert (
        scalar(con, "SELECT count(*) FROM memberships WHERE network_id <> 'gcom_jrc' AND joined_year IS NOT NULL") == 0
    )
    sizes = dict(con.execute("SELECT network_id, announced_size_text FROM networks").fetchall())
    assert sizes == {"utm": "about 145", "c40": "97", "eu_mission_100": "112", "gcom_jrc": "8,140"}
    notes = scalar(con, "SELECT notes FROM networks WHERE network_id = 'utm'")
    assert notes.startswith("# UTM seed")
