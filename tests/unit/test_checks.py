"""data/checks.py: every check with a row that passes and a row that fails, values worked out by hand."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from data.checks import apply_checks, emission_flags, target_flags

COLUMNS = ["city_id", "year", "sector", "source_id", "data_kind", "boundary", "emissions_tco2e", "reported_value",
           "reported_unit", "population"]  # fmt: skip


def em(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLUMNS)


def row(city=1, year=2018, sector="total", source="a", kind="reported", boundary="not stated", t=1e6, value=None,
        unit="t", population=200_000):  # fmt: skip
    return (city, year, sector, source, kind, boundary, t, value, unit, population)


def flags(frame: pd.DataFrame, this_year: int = 2026) -> dict:
    f = emission_flags(frame, this_year)
    return {(r.source_id, r.year): r.flag for r in f.itertuples()}


def test_per_capita_bounds():
    # 200,000 people: 1 Mt = 5 t each (passes); 13 kt = 0.065 t (Rome's 13 ktCO2e: fails); 20 Mt = 100 t (fails)
    assert flags(em(row(t=1e6))) == {}
    assert flags(em(row(t=13e3))) == {("a", 2018): "per_capita"}
    assert flags(em(row(t=20e6))) == {("a", 2018): "per_capita"}
    # bounds are inclusive: 0.2 t x 200,000 = 40 kt and 60 t x 200,000 = 12 Mt pass
    assert flags(em(row(t=40e3, source="lo"), row(t=12e6, source="hi", year=2019))) == {}
    # a functional urban area's figure is not checked per person (its population is not the city's)
    assert flags(em(row(t=20e6, boundary="functional urban area", kind="modelled"))) == {}
    # GCoM: the per-person figure as given (3.73 t passes, 75 t fails), whatever the derived total
    assert flags(em(row(boundary="signatory territory", t=1.0, value=3.73, unit="tCO2e per person per year"))) == {}
    bad = row(boundary="signatory territory", t=1.0, value=75.0, unit="tCO2e per person per year")
    assert flags(em(bad)) == {("a", 2018): "per_capita"}


def test_zero_and_future_years():
    assert flags(em(row(t=0.0))) == {("a", 2018): "not_positive"}  # Tacoma's 0 tCO2e
    assert flags(em(row(year=2027)), this_year=2026) == {("a", 2027): "year"}
    assert flags(em(row(year=2026)), this_year=2026) == {}


def test_unit_slip_against_another_source_or_the_modelled_estimate():
    # 1,000x the other source in the same year; the per-person figure says which is wrong (5,000 t each)
    f = flags(em(row(source="r", t=1e9, population=200_000), row(source="m", kind="modelled", t=1e6,
                                                                   boundary="functional urban area")))  # fmt: skip
    assert f == {("r", 2018): "per_capita"}  # per capita is checked first and is enough
    # without a population, the reported figure of the pair is flagged as the slip
    f = flags(em(row(source="r", t=1e9, population=0), row(source="m", kind="modelled", t=1e6, year=2020,
                                                         boundary="functional urban area", population=0)))  # fmt: skip
    assert f == {("r", 2018): "unit_slip"}  # 2018 vs 2020: the modelled estimate within 3 years
    # 45 times apart (Lagos: 26.4 Mt vs 0.58 Mt) is a disagreement, not a unit slip
    assert flags(em(row(source="x", t=26.4e6, population=0), row(source="y", t=0.58e6, population=0))) == {}
    # the same ratio 5 years apart from a reported figure: no check
    assert flags(em(row(source="x", t=1e9, population=0), row(source="y", t=1e6, year=2013, population=0))) == {}


def test_sector_sum_over_the_stated_total():
    ok = em(row(t=10e5), row(sector="energy", t=6e5), row(sector="transport", t=4.5e5))  # 1.05 Mt <= 1.1 Mt
    assert flags(ok) == {}
    over = em(row(t=10e5), row(sector="energy", t=6e5), row(sector="transport", t=6e5))  # 1.2 Mt > 1.1 Mt
    assert flags(over) == {("a", 2018): "sector_sum"}


def targets(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["target_id", "city_id", "base_year", "base_emissions_tco2e", "boundary",
                                       "population"])  # fmt: skip


def test_target_base_year_checks():
    inventory = em(row(year=2008, t=600e3, population=40_000, source="gcom", kind="modelled",
                       boundary="signatory territory", value=15.0, unit="tCO2e per person per year"))  # fmt: skip
    found = target_flags(
        targets(
            ("guimaraes", 1, 2008, 691e6, "administrative city", 40_000),  # 17,275 t per person
            ("ok", 1, 2008, 700e3, "administrative city", 40_000),  # 17.5 t each; 1.17x the 600 kt inventory
            ("off", 1, 2008, 2.0e6, "administrative city", 200_000),  # 10 t each but 3.33x the inventory
            ("zero", 1, 2008, 0.0, "administrative city", 40_000),
        ),
        inventory,
    ).set_index("target_id")
    assert found["flag"].to_dict() == {"guimaraes": "per_capita", "off": "base_vs_inventory", "zero": "not_positive"}
    assert "3.33 times the 2008 figure of gcom" in found.loc["off", "flag_reason"]


def test_apply_checks_marks_the_store_and_keeps_every_row(tiny_store):
    with duckdb.connect(str(tiny_store)) as con:
        city, population = con.execute("SELECT city_id, population FROM cities ORDER BY city_id LIMIT 1").fetchone()
        con.execute("INSERT INTO sources VALUES ('s', 'T', 'P', NULL, NULL, NULL, 'c')")
        con.execute(
            "INSERT INTO emissions (city_id, year, sector, emissions_tco2e, data_kind, gas, boundary, source_id) "
            "VALUES (?, 2018, 'total', 0, 'reported', 'CO2e', 'not stated', 's'), "
            "(?, 2019, 'total', ?, 'reported', 'CO2e', 'not stated', 's')",
            [city, city, 5.0 * population],
        )
        counts = apply_checks(con, this_year=2026)
        rows = con.execute("SELECT year, flag FROM emissions ORDER BY year").fetchall()
    assert counts == {"not_positive": 1}
    assert rows == [(2018, "not_positive"), (2019, None)]  # flagged, not dropped


@pytest.mark.parametrize("value", [1e6])
def test_a_clean_store_has_no_flag(value):
    assert flags(em(row(t=value))) == {}
