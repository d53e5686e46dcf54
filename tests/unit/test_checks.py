"""data/checks.py: every check with a row that passes and a row that fails, values worked out by hand."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from data.checks import apply_checks, emission_flags, target_flags, tonnes

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


# ---- reasons in words, bounds and the order of the checks (values worked out by hand) ----------------------------


def reasons(frame: pd.DataFrame, this_year: int = 2026) -> dict:
    f = emission_flags(frame, this_year)
    return {(r.source_id, r.year): (r.flag, r.flag_reason) for r in f.itertuples()}


def test_emission_flags_say_why_in_words():
    assert reasons(
        em(
            row(year=2027, t=1e6),
            row(year=2018, t=-5.0, source="b"),
            row(year=2019, t=20e6, source="c"),
            row(year=2020, t=1e6, source="d"),
            row(year=2020, sector="energy", t=7e5, source="d"),
            row(year=2020, sector="waste", t=5e5, source="d"),
        )
    ) == {  # fmt: skip
        ("a", 2027): ("year", "inventory year 2027 is after 2026"),
        ("b", 2018): ("not_positive", "a total of -5 t cannot be a city's emissions"),
        ("c", 2019): ("per_capita", "20.0 Mt is 100.00 t per person; a city's own total lies between 0.2 and 60 t"),
        ("d", 2020): ("sector_sum", "its sectors add up to 1.2 Mt, more than its stated total of 1.0 Mt"),
    }
    assert list(emission_flags(em(row(year=2027)), 2026).columns) == ["city_id", "source_id", "data_kind", "year",
                                                                      "flag", "flag_reason"]  # fmt: skip


def test_sector_sum_exactly_110_percent_passes():
    assert flags(em(row(t=10e5), row(sector="energy", t=6e5), row(sector="waste", t=5e5))) == {}  # 1.1 Mt: on the bound
    assert flags(em(row(sector="energy", t=6e5), row(sector="waste", t=5e5))) == {}  # no total row: nothing to exceed
    one_sector = em(row(t=10e5), row(sector="energy", t=float("nan")))  # a blank sector is no sum
    assert flags(one_sector) == {}


@pytest.mark.parametrize(
    ("ratio", "flagged"), [(300.0, True), (299.0, False), (3000.0, True), (3001.0, False), (1.0, False)]
)
def test_unit_slip_bounds_are_inclusive(ratio, flagged):
    pair = em(row(source="r", t=1e3 * ratio, population=0), row(source="m", kind="modelled", t=1e3, population=0,
                                                                boundary="functional urban area"))  # fmt: skip
    assert flags(pair) == ({("r", 2018): "unit_slip"} if flagged else {})


def test_unit_slip_says_which_figure_and_flags_the_reported_one():
    pair = em(row(source="r", t=5e8, population=0), row(source="m", kind="modelled", t=1e6, year=2016, population=0,
                                                       boundary="functional urban area"))  # fmt: skip
    assert reasons(pair) == {("r", 2018): ("unit_slip", "500 times the 2016 figure of m (modelled): likely a unit slip "
                                                        "(t / kt / Mt)")}  # fmt: skip
    # the modelled figure is the bigger one: still the reported one is flagged, whichever way round
    flipped = em(row(source="r", t=1e6, population=0), row(source="m", kind="modelled", t=5e8, population=0,
                                                          boundary="functional urban area"))  # fmt: skip
    assert reasons(flipped) == {("r", 2018): ("unit_slip", "500 times the 2018 figure of m (modelled): likely a unit "
                                                           "slip (t / kt / Mt)")}  # fmt: skip
    # two reported sources of the same year: the smaller one is flagged
    both = em(row(source="x", t=5e8, population=0), row(source="y", t=1e6, population=0))
    assert reasons(both) == {("y", 2018): ("unit_slip", "500 times the 2018 figure of x (reported): likely a unit slip "
                                                        "(t / kt / Mt)")}  # fmt: skip
    # the one whose per-person figure is out of bounds is flagged, even the smaller one: 1 Mt / 10 M people = 0.1 t
    small = em(row(source="x", t=5e8, population=10_000_000, boundary="functional urban area"),
               row(source="y", t=1e6, population=10_000_000))  # fmt: skip
    assert flags(small) == {("y", 2018): "per_capita"}
    # a zero on one side is no ratio
    assert flags(em(row(source="x", t=5e8, population=0), row(source="y", t=0.0, population=0))) == {
        ("y", 2018): "not_positive"
    }


def test_a_modelled_figure_is_compared_within_3_years_either_way():
    def pair(years_apart):
        return em(row(source="m", kind="modelled", t=5e8, population=0, year=2018),
                  row(source="r", t=1e6, population=0, year=2018 + years_apart))  # fmt: skip

    assert flags(pair(3)) == {("r", 2021): "unit_slip"}
    assert flags(pair(-3)) == {("r", 2015): "unit_slip"}
    assert flags(pair(4)) == {}


def test_the_first_failing_check_wins_and_every_row_is_checked():
    # a future year is not also checked per person; the row after it is still checked
    assert flags(
        em(
            row(year=2030, t=20e6),
            row(year=2019, t=20e6, source="b"),
            row(year=2019, t=0.0, source="c"),
            row(year=2020, t=20e6, source="d"),
        )
    ) == {  # fmt: skip
        ("a", 2030): "year",
        ("b", 2019): "per_capita",
        ("c", 2019): "not_positive",
        ("d", 2020): "per_capita",
    }
    # per person and sector sum both fail: per person is reported
    assert flags(em(row(t=20e6), row(sector="energy", t=30e6))) == {("a", 2018): "per_capita"}


def test_per_person_applies_only_to_own_territory_and_known_population():
    assert flags(em(row(t=20e6, population=0))) == {}  # no population: not checked
    assert flags(em(row(t=20e6, boundary="administrative city"))) == {("a", 2018): "per_capita"}
    assert flags(em(row(t=20e6, boundary="metropolitan area"))) == {}
    # a per-person value without the per-person unit is not read as one
    assert flags(em(row(t=1e6, value=75.0, unit="tCO2e"))) == {}
    assert flags(em(row(t=1e6, value=None, unit="tCO2e per person"))) == {}  # no value: the total is checked


def test_target_flags_say_why_and_respect_their_bounds():
    inventory = em(row(year=2010, t=1e6, population=200_000), row(year=2011, t=20e6, population=200_000, source="bad"),
                   row(year=2011, t=1e6, population=200_000, source="ok"))  # fmt: skip
    found = target_flags(
        targets(
            ("pp", 1, 2010, 20e6, "administrative city", 200_000),  # 100 t each
            ("lo", 1, 2010, 40e3, "not stated", 200_000),  # 0.2 t each: on the bound, but 1/25 of the inventory
            ("hi", 1, 2010, 12e6, "administrative city", 200_000),  # 60 t each: on the bound, but 12 x the inventory
            ("x3", 1, 2010, 3e6, "not stated", 200_000),  # exactly 3 x the inventory: passes
            ("x3+", 1, 2010, 3.1e6, "not stated", 200_000),
            ("half", 1, 2010, 5e5, "not stated", 200_000),  # half the inventory: passes
            ("quarter", 1, 2010, 2.5e5, "not stated", 200_000),
            ("fua", 1, 2010, 20e6, "functional urban area", 200_000),  # not checked per person; 20 x the inventory
            ("2011", 1, 2011, 2e6, "not stated", 200_000),  # 2 x the good 2011 figure; the flagged 20 Mt is not used
            ("neg", 1, 2010, -1.0, "not stated", 200_000),
            ("tiny", 1, 2012, 0.5, "not stated", 0),  # half a tonne: positive; no population, no inventory that year
            ("nobase", 1, None, 1e6, "not stated", 200_000),
        ),
        inventory,
    ).set_index("target_id")  # fmt: skip
    assert found.to_dict("index") == {
        "pp": {"flag": "per_capita", "flag_reason": "base-year emissions of 20.0 Mt are 100.00 t per person; a city's "
                                                    "own total lies between 0.2 and 60 t"},
        "lo": {"flag": "base_vs_inventory", "flag_reason": "base-year emissions of 40 kt are 0.04 times the 2010 "
                                                           "figure of a (1.0 Mt, reported)"},
        "hi": {"flag": "base_vs_inventory", "flag_reason": "base-year emissions of 12.0 Mt are 12 times the 2010 "
                                                           "figure of a (1.0 Mt, reported)"},
        "x3+": {"flag": "base_vs_inventory", "flag_reason": "base-year emissions of 3.1 Mt are 3.1 times the 2010 "
                                                            "figure of a (1.0 Mt, reported)"},
        "quarter": {"flag": "base_vs_inventory", "flag_reason": "base-year emissions of 250 kt are 0.25 times the 2010 "
                                                                "figure of a (1.0 Mt, reported)"},
        "fua": {"flag": "base_vs_inventory", "flag_reason": "base-year emissions of 20.0 Mt are 20 times the 2010 "
                                                            "figure of a (1.0 Mt, reported)"},
        "neg": {"flag": "not_positive", "flag_reason": "base-year emissions of -1 t"},
    }  # fmt: skip
    assert list(target_flags(targets(), inventory).columns) == ["target_id", "flag", "flag_reason"]


@pytest.mark.parametrize(
    ("t", "words"),
    [(999.0, "999.0 t"), (1000.0, "1 kt"), (999_999.0, "1,000 kt"), (1e6, "1.0 Mt"), (-2e6, "-2.0 Mt"),
     (-1500.0, "-2 kt"), (2.5e9, "2,500.0 Mt")],
)  # fmt: skip
def test_tonnes(t, words):
    assert tonnes(t) == words


def test_a_single_sector_without_a_total_is_checked_and_one_person_is_a_population():
    assert flags(em(row(sector="energy", t=20e6))) == {("a", 2018): "per_capita"}  # 100 t each
    assert flags(em(row(t=100.0, population=1))) == {("a", 2018): "per_capita"}
    assert flags(em(row(t=20.0, population=1))) == {}
    assert emission_flags(em(), 2026).empty


def test_apply_checks_defaults_to_this_year_flags_targets_and_clears_old_flags(tiny_store):
    with duckdb.connect(str(tiny_store)) as con:
        con.execute("INSERT INTO sources VALUES ('s', 'T', 'P', NULL, NULL, NULL, 'c')")
        con.execute(
            "INSERT INTO emissions (city_id, year, sector, emissions_tco2e, data_kind, gas, boundary, source_id) "
            "VALUES (2, 2099, 'total', 1e6, 'reported', 'CO2e', 'not stated', 's'), "
            "(2, 2018, 'total', 1e6, 'reported', 'CO2e', 'not stated', 's')"
        )  # Graz, 290,000 people: 3.4 t each
        con.execute(
            "INSERT INTO targets (target_id, city_id, kind, base_year, base_emissions_tco2e, target_year, data_kind, "
            "boundary, source_id) VALUES ('t1', 2, 'base_year', 2018, 0, 2030, 'reported', 'not stated', 's'), "
            "('t2', 2, 'base_year', 2018, 5e6, 2030, 'reported', 'not stated', 's'), "
            "('t3', 2, 'base_year', 2018, 1.5e6, 2030, 'reported', 'not stated', 's')"
        )
        assert apply_checks(con) == {"year": 1, "not_positive": 1, "base_vs_inventory": 1}  # 2099: after this year
        marked = con.execute("SELECT target_id, flag FROM targets ORDER BY target_id").fetchall()
        assert marked == [("t1", "not_positive"), ("t2", "base_vs_inventory"), ("t3", None)]
        con.execute("DELETE FROM emissions WHERE year = 2099")
        con.execute("DELETE FROM targets WHERE target_id IN ('t1', 't2')")
        assert apply_checks(con, this_year=2026) == {}
        assert con.execute("SELECT count(*) FROM emissions WHERE flag IS NOT NULL").fetchone() == (0,)
