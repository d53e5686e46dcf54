"""Pathway maths: target kinds, interpolation, governing targets, invalid targets, trends, the sentence."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from components.pathway import (
    AGGREGATE_TABLE_SHOWN,
    Pathway,
    TargetPoint,
    Trend,
    aggregate_pathways,
    aggregate_table,
    basis_words,
    build_pathway,
    city_pathways,
    coverage,
    coverage_sentence,
    describe,
    fit_trend,
    flagged_left_out,
    format_tonnes,
    on_track_sentence,
    target_problem,
)


def targets(*rows) -> pd.DataFrame:
    base = {"sector": "total", "base_year": None, "base_emissions_tco2e": None, "reduction_pct": None,
            "target_emissions_tco2e": None}  # fmt: skip
    return pd.DataFrame([{**base, **r} for r in rows])


def totals(points: dict[int, float]) -> pd.DataFrame:
    return pd.DataFrame(sorted(points.items()), columns=["year", "emissions_tco2e"])


def test_pathway_base_year_cut_uses_the_targets_own_base_emissions():
    p = build_pathway(targets({"kind": "base_year", "base_year": 1990, "base_emissions_tco2e": 100.0,
                               "reduction_pct": 40, "target_year": 2030}), totals({}))  # fmt: skip
    assert p.baseline == (1990, 100.0)
    assert [(t.year, t.level) for t in p.points] == [(2030, pytest.approx(60.0))]


def test_pathway_base_year_cut_falls_back_to_the_reported_inventory():
    p = build_pathway(targets({"kind": "base_year", "base_year": 2010, "reduction_pct": 50, "target_year": 2030}),
                      totals({2010: 80.0, 2015: 70.0}))  # fmt: skip
    assert p.points[0].level == pytest.approx(40.0)
    no_base = build_pathway(targets({"kind": "base_year", "base_year": 2005, "reduction_pct": 50, "target_year": 2030}),
                            totals({2010: 80.0}))  # fmt: skip
    assert not no_base.points and "no base-year emissions known" in no_base.not_drawn[0]


def test_pathway_bau_fixed_intensity_and_net_zero():
    p = build_pathway(
        targets(
            {
                "kind": "bau",
                "base_year": 2015,
                "reduction_pct": 30,
                "target_year": 2025,
                "target_emissions_tco2e": 70.0,
            },
            {"kind": "fixed_level", "target_year": 2035, "target_emissions_tco2e": 30.0},
            {"kind": "intensity", "base_year": 2015, "reduction_pct": 50, "target_year": 2030},
            {"kind": "net_zero", "target_year": 2050, "reduction_pct": 100},
            {"kind": "bau", "base_year": 2015, "reduction_pct": 30, "target_year": 2040},
        ),
        totals({2015: 90.0, 2018: 85.0}),
    )
    assert [(t.year, t.kind, t.level) for t in p.points] == [(2025, "bau", 70.0), (2035, "fixed_level", 30.0),
                                                             (2050, "net_zero", 0.0)]  # fmt: skip
    assert any("intensity targets need population" in n for n in p.not_drawn)
    assert any("by 2040: its level in tCO2e is not stated" in n for n in p.not_drawn)
    assert p.baseline == (2015, 90.0)  # no base-year level from the targets: the first reported year


def test_pathway_interpolates_between_points_and_is_flat_outside():
    p = build_pathway(targets({"kind": "base_year", "base_year": 2010, "base_emissions_tco2e": 100.0, "reduction_pct": 50,
                               "target_year": 2030}, {"kind": "net_zero", "target_year": 2050}), totals({}))  # fmt: skip
    assert p.level_in(2020) == pytest.approx(75.0)  # halfway 2010 -> 2030
    assert p.level_in(2040) == pytest.approx(25.0)
    assert p.level_in(2000) == pytest.approx(100.0) and p.level_in(2060) == 0.0
    assert list(p.path()["year"]) == [2010, 2030, 2050]


def test_pathway_several_targets_same_year_the_lowest_governs():
    p = build_pathway(targets(
        {"kind": "base_year", "base_year": 2010, "base_emissions_tco2e": 100.0, "reduction_pct": 40, "target_year": 2030},
        {"kind": "base_year", "base_year": 2010, "base_emissions_tco2e": 100.0, "reduction_pct": 55, "target_year": 2030},
    ), totals({}))  # fmt: skip
    assert len(p.points) == 1 and p.points[0].level == pytest.approx(45.0)


@pytest.mark.parametrize(
    ("row", "flag"),
    [({"kind": "base_year", "base_year": 2030, "reduction_pct": 10, "target_year": 2020}, "before its base year"),
     ({"kind": "base_year", "base_year": 2010, "reduction_pct": 140, "target_year": 2030}, "140 % is not possible")],
)  # fmt: skip
def test_pathway_invalid_targets_are_flagged_not_drawn(row, flag):
    p = build_pathway(targets({**row, "base_emissions_tco2e": 100.0}), totals({2010: 100.0}))
    assert not p.points and "flagged" in p.not_drawn[0] and flag in p.not_drawn[0]


def test_pathway_sector_targets_are_listed_not_summed():
    p = build_pathway(targets({"kind": "net_zero", "target_year": 2040, "sector": "transport"}), totals({2015: 5.0}))
    assert not p.points and "covers transport only" in p.not_drawn[0]


def test_pathway_trend_needs_three_points_over_four_years():
    assert fit_trend(totals({})) is None
    assert fit_trend(totals({2018: 10.0})) is None
    assert fit_trend(totals({2016: 10.0, 2018: 8.0})) is None  # two points: no trend
    assert fit_trend(totals({2019: 10.0, 2020: 9.0, 2021: 8.0})) is None  # three points over 2 years: no trend
    three = fit_trend(totals({2014: 10.0, 2016: 8.0, 2018: 6.0}))  # -1 t a year; 6 - 2 = 4 t in 2020
    assert three.slope == pytest.approx(-1.0) and three.level_in(2020) == pytest.approx(4.0) and three.n_points == 3


def test_pathway_trend_uses_the_last_years_only():
    many = totals({2000: 500.0, 2012: 100.0, 2014: 96.0, 2016: 92.0, 2018: 88.0})
    trend = fit_trend(many, years=8)
    assert trend.years == (2012, 2018) and trend.slope == pytest.approx(-2.0)
    assert trend.year_reaching(60.0) == pytest.approx(2032.0)
    assert fit_trend(totals({2014: 1.0, 2016: 1.5, 2018: 2.0})).year_reaching(0.5) is None  # rising: never


def test_pathway_baseline_is_of_the_same_kind_as_the_target():
    t = totals({2019: 30.0, 2021: 27.0})
    net_zero = targets({"kind": "net_zero", "target_year": 2050, "data_kind": "reported"})
    reported = build_pathway(net_zero, t, {"data_kind": "reported", "gas": "CO2e"})
    assert reported.baseline == (2019, 30.0) and reported.basis == ("reported", "CO2e")
    modelled = build_pathway(net_zero, t, {"data_kind": "modelled", "gas": "CO2"})  # never a modelled start
    assert modelled.baseline is None and modelled.points == []
    assert "no reported figure to start it from" in modelled.not_drawn[0]
    own = build_pathway(PLAN, t, {"data_kind": "modelled", "gas": "CO2"})  # the target's own base figure: reported
    assert own.baseline == (2010, 100.0) and own.basis == ("reported", "CO2e") and own.points[0].level == 50.0


def test_pathway_rising_towards_a_cut_is_flagged_and_flagged_targets_are_not_drawn():
    # Jakarta-like: baseline 9.3 Mt in 2010 (the target's own), a BAU cut whose level is 24.5 Mt in 2030
    bau = targets({"kind": "bau", "base_year": 2010, "base_emissions_tco2e": 9.3e6, "reduction_pct": 29,
                   "target_emissions_tco2e": 24.5e6, "target_year": 2030})  # fmt: skip
    p = build_pathway(bau, totals({}))
    assert p.points[0].level == 24.5e6 and len(p.warnings) == 1
    assert p.warnings[0].startswith("the path rises from 9.3 MtCO2e in 2010 to 24.5 MtCO2e in 2030")
    flagged = PLAN.assign(flag="per_capita", flag_reason="17,000 t per person")
    assert build_pathway(flagged, totals({})).points == []
    assert "flagged (per_capita), 17,000 t per person" in build_pathway(flagged, totals({})).not_drawn[0]
    assert build_pathway(flagged, totals({}), include_flagged=True).points[0].level == 50.0


PLAN = targets({"kind": "base_year", "base_year": 2010, "base_emissions_tco2e": 100.0, "reduction_pct": 50,
                "target_year": 2030})  # fmt: skip


def test_pathway_sentence_on_track():
    t = totals({2014: 90.0, 2016: 80.0, 2018: 70.0})
    p = build_pathway(PLAN, t)
    sentence = on_track_sentence("Testville", p, fit_trend(t), t)
    assert sentence.startswith("At its 2014–2018 trend, Testville reaches its 2030 target")
    assert "in 2022, on track: 40 tCO2e below the target level in 2030" in sentence  # -5 t/yr from 70 t in 2018


def test_pathway_sentence_off_track_with_gap():
    t = totals({2014: 100.0, 2016: 98.0, 2018: 96.0})
    sentence = on_track_sentence("Testville", build_pathway(PLAN, t), fit_trend(t), t)
    # trend: -1 t/yr -> 84 t in 2030; target 50 t; gap 34 t (68 % above); reaches 50 t in 2064
    assert sentence == ("At its 2014–2018 trend, Testville reaches its 2030 target level only in 2064; "
                        "the gap in 2030 is 34 tCO2e (68% above the target level).")  # fmt: skip


def test_pathway_sentence_not_enough_data():
    one = totals({2018: 90.0})
    assert "too little data" in on_track_sentence("Testville", build_pathway(PLAN, one), fit_trend(one), one)
    none = on_track_sentence("Testville", build_pathway(targets(), totals({})), None, totals({}))
    assert "no target in the store that can be drawn" in none


def test_pathway_aggregate_and_coverage():
    tg = pd.concat([PLAN.assign(city_id=1), targets({"kind": "net_zero", "target_year": 2040}).assign(city_id=2),
                    targets({"kind": "intensity", "base_year": 2010, "reduction_pct": 20, "target_year": 2030}).assign(city_id=3)])  # fmt: skip
    inv = pd.DataFrame([{"city_id": 2, "year": 2020, "sector": "total", "emissions_tco2e": 40.0,
                         "data_kind": "reported", "gas": "CO2e", "boundary": "not stated", "source_id": "r"},
                        {"city_id": 1, "year": 2020, "sector": "total", "emissions_tco2e": 99.0,
                         "data_kind": "modelled", "gas": "CO2", "boundary": "functional urban area", "source_id": "m"}])  # fmt: skip
    paths = city_pathways(tg, inv)  # city 1 keeps its own reported base figure; the modelled 99 t is not used
    agg = aggregate_pathways(paths, range(2020, 2041, 10))
    assert agg.to_dict("list") == {"year": [2020, 2030, 2040], "level_tco2e": [pytest.approx(115.0), pytest.approx(70.0),
                                   pytest.approx(50.0)], "cities": [2, 2, 2]}  # fmt: skip
    cities = pd.DataFrame({"city_id": [1, 2, 3, 4], "population": [100, 100, 100, 700]})
    cover = coverage(cities, paths)
    assert cover == {"cities": 4, "with_targets": 3, "drawn": 2, "population_share": 0.2,
                     "by_basis": {"reported, all GHG, CO2e": 2}}  # fmt: skip
    mixed = {**cover, "by_basis": {"illustrative, all GHG, CO2e": 1, "reported, all GHG, CO2e": 1}}
    sentence = coverage_sentence(mixed, "Testland")
    assert "adds up 1 on illustrative, all GHG, CO2e figures and 1 on reported, all GHG, CO2e figures" in sentence
    assert "different kinds or gases are added together" in sentence
    flagged = coverage_sentence({**cover, "flagged": 3}, "Testland")
    assert "3 flagged figures (failed a plausibility check) left out of the sum." in flagged
    one_kind = coverage_sentence({**cover, "by_basis": {"reported, all GHG, CO2e": 2}}, "Testland")
    assert one_kind.endswith("The sum adds up 2 on reported, all GHG, CO2e figures.")


# ---- behaviours pinned with small hand-computed examples ---------------------------------------------------------

SENTENCE_TAIL = "a trend needs 3 figures of one source spanning 4 years or more."


def inventory(*rows) -> pd.DataFrame:
    """(city_id, year, sector, emissions_tco2e) rows of one reported source, as queries/cities_inventory.sql."""
    frame = pd.DataFrame(rows, columns=["city_id", "year", "sector", "emissions_tco2e"])
    return frame.assign(data_kind="reported", gas="CO2e", boundary="not stated", source_id="s")


def test_pathway_a_total_row_is_not_added_to_its_sectors():
    # 2015: a total of 10 t and sectors 6 + 4: the total is 10 (not 20), so the 50 % cut is 5 t
    inv = inventory((7, 2015, "total", 10.0), (7, 2015, "energy", 6.0), (7, 2015, "transport", 4.0),
                    (7, 2018, "energy", 3.0), (7, 2018, "transport", 5.0))  # fmt: skip
    tg = targets({"kind": "base_year", "base_year": 2015, "reduction_pct": 50, "target_year": 2030},
                 {"kind": "base_year", "base_year": 2018, "reduction_pct": 50, "target_year": 2040}).assign(city_id=7)  # fmt: skip
    p = city_pathways(tg, inv)[7]
    assert p.baseline == (2015, 10.0)
    assert [(t.year, t.level) for t in p.points] == [(2030, 5.0), (2040, 4.0)]  # 2018: no total, sectors 3 + 5 = 8


def test_pathway_baseline_is_the_earliest_base_year_then_the_lowest_level():
    two_years = targets(
        {"kind": "base_year", "base_year": 2010, "base_emissions_tco2e": 100.0, "reduction_pct": 50, "target_year": 2035},
        {"kind": "base_year", "base_year": 2005, "base_emissions_tco2e": 120.0, "reduction_pct": 40, "target_year": 2030},
    )  # fmt: skip
    p = build_pathway(two_years, totals({}))
    assert p.baseline == (2005, 120.0)
    assert [(t.year, t.level) for t in p.points] == [(2030, pytest.approx(72.0)), (2035, pytest.approx(50.0))]
    same_year = targets(
        {"kind": "base_year", "base_year": 2010, "base_emissions_tco2e": 110.0, "reduction_pct": 30, "target_year": 2030},
        {"kind": "base_year", "base_year": 2010, "base_emissions_tco2e": 100.0, "reduction_pct": 50, "target_year": 2040},
    )  # fmt: skip
    assert build_pathway(same_year, totals({})).baseline == (2010, 100.0)


def test_pathway_targets_dated_on_or_before_the_baseline_are_left_out():
    p = build_pathway(targets(
        {"kind": "base_year", "base_year": 2010, "base_emissions_tco2e": 100.0, "reduction_pct": 50, "target_year": 2030},
        {"kind": "fixed_level", "target_year": 2008, "target_emissions_tco2e": 90.0},
        {"kind": "fixed_level", "target_year": 2010, "target_emissions_tco2e": 95.0},
    ), totals({}))  # fmt: skip
    assert p.baseline == (2010, 100.0) and [(t.year, t.level) for t in p.points] == [(2030, 50.0)]
    assert p.path().to_dict("list") == {"year": [2010, 2030], "level_tco2e": [100.0, 50.0]}


def test_pathway_same_year_same_level_keeps_the_first_target():
    p = build_pathway(targets(
        {"kind": "bau", "base_year": 2015, "reduction_pct": 30, "target_year": 2030, "target_emissions_tco2e": 40.0},
        {"kind": "fixed_level", "target_year": 2030, "target_emissions_tco2e": 40.0},
    ), totals({2015: 90.0}))  # fmt: skip
    assert [(t.year, t.kind, t.label) for t in p.points] == [
        (2030, "bau", "−30 % cut below business as usual vs 2015 by 2030")
    ]


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (
            {"base_year": 2010, "target_year": 2009, "reduction_pct": 50},
            "target year 2009 is before its base year 2010",
        ),
        ({"base_year": 2010, "target_year": 2010, "reduction_pct": 0}, None),
        ({"base_year": 2010, "target_year": 2030, "reduction_pct": 100}, None),
        ({"base_year": 2010, "target_year": 2030, "reduction_pct": 100.5}, "a reduction of 100.5 % is not possible"),
        ({"base_year": 2010, "target_year": 2030, "reduction_pct": -20}, "a reduction of -20 % is not possible"),
        ({"base_year": None, "target_year": 2030, "reduction_pct": None}, None),
    ],
)
def test_pathway_target_problem(row, problem):
    assert target_problem(row) == problem


def test_pathway_a_negative_reduction_is_not_drawn_as_an_increase():
    p = build_pathway(targets({"kind": "base_year", "base_year": 2010, "base_emissions_tco2e": 100.0,
                               "reduction_pct": -20, "target_year": 2030}), totals({}))  # fmt: skip
    assert p.points == [] and p.baseline is None
    assert p.not_drawn == ["−-20 % cut from base year vs 2010 by 2030: flagged, a reduction of -20 % is not possible"]


def test_pathway_not_drawn_says_why_in_words():
    tg = targets(
        {"kind": "net_zero", "target_year": 2040, "sector": "transport"},
        {"kind": "intensity", "base_year": 2015, "reduction_pct": 50, "target_year": 2030},
        {"kind": "bau", "base_year": 2015, "reduction_pct": 30, "target_year": 2040},
        {"kind": "base_year", "base_year": 2005, "reduction_pct": 50, "target_year": 2030},
        {"kind": "base_year", "base_year": 2010, "base_emissions_tco2e": 100.0, "reduction_pct": 20, "target_year": 2020,
         "flag": "per_capita"},
    ).assign(data_kind="reported")  # fmt: skip
    assert build_pathway(tg, totals({2010: 80.0})).not_drawn == [
        "net zero by 2040: covers transport only",
        "−50 % intensity / per capita vs 2015 by 2030: intensity targets need population and GDP projections",
        "−30 % cut below business as usual vs 2015 by 2040: its level in tCO2e is not stated",
        "−50 % cut from base year vs 2005 by 2030: no base-year emissions known",
        "−20 % cut from base year vs 2010 by 2020: flagged (per_capita), see the Data page",
    ]
    modelled = build_pathway(
        targets({"kind": "base_year", "base_year": 2010, "reduction_pct": 50, "target_year": 2030, "data_kind": "reported"}),
        totals({2010: 90.0}), {"data_kind": "modelled", "gas": "CO2"},
    )  # fmt: skip
    assert modelled.not_drawn == ["−50 % cut from base year vs 2010 by 2030: no reported base-year figure: the city's "
                                  "figures are modelled and would mix kinds"]  # fmt: skip
    net_zero = build_pathway(targets({"kind": "net_zero", "target_year": 2050, "data_kind": "reported"}),
                             totals({2019: 30.0}), {"data_kind": "modelled", "gas": "CO2"})  # fmt: skip
    assert net_zero.not_drawn == ["the path: no reported figure to start it from (the city's figures are modelled, "
                                  "another kind, gas or boundary than its targets)"]  # fmt: skip


def test_pathway_basis_of_the_baseline():
    net_zero = targets({"kind": "net_zero", "target_year": 2050})
    assert build_pathway(net_zero, totals({2015: 30.0})).basis == ("reported", "CO2e")  # no series description
    own = targets({"kind": "base_year", "base_year": 2010, "base_emissions_tco2e": 100.0, "reduction_pct": 50,
                   "target_year": 2030, "data_kind": "reported", "gas": "CO2"})  # fmt: skip
    assert build_pathway(own, totals({}), {"data_kind": "reported", "gas": "CO2e"}).basis == ("reported", "CO2")
    bare = targets({"kind": "base_year", "base_year": 2010, "base_emissions_tco2e": 100.0, "reduction_pct": 50,
                    "target_year": 2030})  # fmt: skip
    p = build_pathway(bare, totals({2012: 5.0}), {"data_kind": "modelled", "gas": "CO2"})
    assert (p.baseline, p.basis) == ((2010, 100.0), ("reported", "CO2e"))  # its own figure, not the modelled series


def test_pathway_warns_once_when_it_rises_beyond_a_tenth_of_a_percent():
    def warnings(*rows):
        base = {"kind": "base_year", "base_year": 2010, "base_emissions_tco2e": 100.0, "reduction_pct": 0,
                "target_year": 2020}  # fmt: skip
        return build_pathway(targets(base, *rows), totals({})).warnings

    assert warnings() == []  # a 0 % cut: level 100 = the baseline
    assert warnings({"kind": "bau", "target_year": 2030, "target_emissions_tco2e": 100.05}) == []
    assert warnings({"kind": "fixed_level", "target_year": 2030, "target_emissions_tco2e": 150.0}) == []
    rising = warnings({"kind": "bau", "target_year": 2030, "target_emissions_tco2e": 120.0},
                      {"kind": "bau", "target_year": 2040, "target_emissions_tco2e": 130.0})  # fmt: skip
    assert rising == ["the path rises from 100 tCO2e in 2010 to 120 tCO2e in 2030 towards a reduction target "
                      "(cut below business as usual by 2030): its baseline or the target's level cannot both be right"]  # fmt: skip


def test_pathway_trend_window_is_the_last_8_years_by_default():
    points = {2010: 900.0, 2012: 500.0, **{y: 100.0 - 2 * (y - 2013) for y in range(2013, 2021)}}
    trend = fit_trend(totals(points))  # 2013-2020: the 8 years after 2012
    assert (trend.years, trend.n_points) == ((2013, 2020), 8)
    assert trend.slope == pytest.approx(-2.0) and trend.intercept == pytest.approx(100.0 + 2 * 2013)
    assert fit_trend(totals({2000: 1.0, 2001: 2.0, 2018: 3.0, 2019: 4.0})) is None  # 2 points in the window
    four_years = fit_trend(totals({2015: 10.0, 2016: 9.0, 2018: 7.0}))  # 2015-2018 inclusive: 4 calendar years
    assert four_years.years == (2015, 2018) and four_years.slope == pytest.approx(-1.0)


def test_pathway_flat_trend_never_reaches_a_lower_level():
    flat = fit_trend(totals({2013: 70.0, 2015: 70.0, 2018: 70.0, 2021: 70.0}))
    assert (flat.slope, flat.intercept) == (0.0, 70.0)  # exactly flat, not -1e-15 of rounding noise
    assert flat.year_reaching(50.0) is None and flat.level_in(2030) == 70.0
    assert Trend((2010, 2020), 0.0, 70.0, 3).year_reaching(50.0) is None
    assert Trend((2010, 2020), -2.0, 4100.0, 3).year_reaching(50.0) == pytest.approx(2025.0)
    assert Trend((2010, 2020), -2.0, 4100.0, 3).level_in(2060) == 0.0  # never below zero


PLAN_2020_2030 = targets(
    {"kind": "base_year", "base_year": 2010, "base_emissions_tco2e": 100.0, "reduction_pct": 20, "target_year": 2020},
    {"kind": "base_year", "base_year": 2010, "base_emissions_tco2e": 100.0, "reduction_pct": 50, "target_year": 2030},
)  # fmt: skip


def sentence(plan: pd.DataFrame, points: dict[int, float]) -> str:
    t = totals(points)
    return on_track_sentence("Testville", build_pathway(plan, t), fit_trend(t), t)


def test_pathway_sentence_measures_against_the_next_target_not_a_past_one():
    # -2 t a year from 65 t in 2022: 49 t in 2030, 1 t under the 50 t target; it reaches 50 t in 2029.5
    assert sentence(PLAN_2020_2030, {2016: 77.0, 2018: 73.0, 2020: 69.0, 2022: 65.0}) == (
        "At its 2016–2022 trend, Testville reaches its 2030 target (−50 % cut from base year vs 2010 by 2030) in 2030, "
        "on track: 1 tCO2e below the target level in 2030."
    )
    # every target past: the last one
    past = sentence(PLAN_2020_2030, {2028: 60.0, 2030: 55.0, 2032: 50.0})
    assert past.startswith("At its 2028–2032 trend, Testville reaches its 2030 target")


def test_pathway_sentence_flat_rising_and_slow_trends():
    plan = PLAN_2020_2030.iloc[1:]
    assert sentence(plan, {2014: 70.0, 2016: 70.0, 2018: 70.0, 2021: 70.0}) == (
        "At its 2014–2021 trend, Testville does not reach its 2030 target level this century (emissions are flat or "
        "rising); the gap in 2030 is 20 tCO2e (40% above the target level)."
    )
    assert sentence(plan, {2014: 40.0, 2016: 40.0, 2018: 40.0, 2021: 40.0}) == (
        "At its 2014–2021 trend, Testville reaches its 2030 target (−50 % cut from base year vs 2010 by 2030), "
        "on track: 10 tCO2e below the target level in 2030."
    )
    assert sentence(plan, {2014: 50.0, 2016: 55.0, 2018: 60.0}) == (  # +2.5 t a year: 90 t in 2030
        "At its 2014–2018 trend, Testville does not reach its 2030 target level this century (emissions are flat or "
        "rising); the gap in 2030 is 40 tCO2e (80% above the target level)."
    )
    assert sentence(plan, {2014: 100.0, 2016: 99.0, 2018: 98.0}) == (  # -0.5 t a year: 50 t only in 2114
        "At its 2014–2018 trend, Testville does not reach its 2030 target level this century (emissions are falling "
        "too slowly); the gap in 2030 is 42 tCO2e (84% above the target level)."
    )


def test_pathway_sentence_towards_net_zero():
    net_zero = targets({"kind": "net_zero", "target_year": 2050})
    assert sentence(net_zero, {2014: 50.0, 2016: 48.0, 2018: 46.0}) == (  # -1 t a year: 14 t in 2050, 0 in 2064
        "At its 2014–2018 trend, Testville reaches its 2050 target level only in 2064; the gap in 2050 is 14 tCO2e."
    )
    assert sentence(net_zero, {2014: 50.0, 2016: 45.0, 2018: 40.0}) == (  # -2.5 t a year: 0 in 2034
        "At its 2014–2018 trend, Testville reaches its 2050 target (net zero by 2050) in 2034, on track: 0 tCO2e "
        "below the target level in 2050."
    )


@pytest.mark.parametrize(
    ("points", "have"),
    [({}, "no inventory of the kind its targets are"), ({2018: 9.0}, "one figure"),
     ({2016: 10.0, 2018: 9.0}, "2 figures (2016–2018)")],
)  # fmt: skip
def test_pathway_sentence_too_little_data_in_words(points, have):
    assert sentence(PLAN, points) == (f"With {have} in one series, there is too little data to say whether Testville "
                                      f"is on track: {SENTENCE_TAIL}")  # fmt: skip


@pytest.mark.parametrize(
    ("row", "words"),
    [
        ({"kind": "intensity", "reduction_pct": 50, "base_year": 2015, "target_year": 2030},
         "−50 % intensity / per capita vs 2015 by 2030"),
        ({"kind": "net_zero", "reduction_pct": 100, "target_year": 2050}, "net zero by 2050"),
        ({"kind": "bau", "reduction_pct": 30, "target_year": 2030}, "−30 % cut below business as usual by 2030"),
        ({"kind": "fixed_level", "target_year": 2035}, "fixed level by 2035"),
        ({"kind": "other", "reduction_pct": 12.5, "base_year": 1990.0, "target_year": 2040.0}, "−12.5 % other vs 1990 by 2040"),
    ],
)  # fmt: skip
def test_pathway_describe(row, words):
    assert describe(row) == words


@pytest.mark.parametrize(
    ("tonnes", "words"),
    [(0.0, "0 tCO2e"), (999.0, "999 tCO2e"), (1000.0, "1 ktCO2e"), (999_000.0, "999 ktCO2e"),
     (1e6, "1.0 MtCO2e"), (2.46e6, "2.5 MtCO2e"), (-3e6, "-3.0 MtCO2e"), (-1500.0, "-2 ktCO2e")],
)  # fmt: skip
def test_pathway_format_tonnes(tonnes, words):
    assert format_tonnes(tonnes) == words


def test_pathway_basis_words():
    assert basis_words(None) == "unknown"
    assert basis_words(("modelled", "CO2")) == "modelled, fossil CO2 only"
    assert basis_words(("reported", "CO2e")) == "reported, all GHG, CO2e"
    assert basis_words(("reported", "N2O")) == "reported, N2O"


def test_pathway_without_anchors_has_no_level():
    empty = Pathway(None, [])
    assert np.isnan(empty.levels(np.array([2020, 2030]))).all() and empty.level_in(2030) is None
    assert empty.path().to_dict("list") == {"year": [], "level_tco2e": []}
    no_baseline = Pathway(None, [TargetPoint(2030, 40.0, "fixed_level", "f"), TargetPoint(2050, 0.0, "net_zero", "n")])
    assert no_baseline.level_in(2040) == 20.0 and no_baseline.level_in(2020) == 40.0


def test_pathway_aggregate_counts_only_cities_with_a_baseline_and_a_point():
    drawn = Pathway((2010, 100.0), [TargetPoint(2030, 50.0, "base_year", "x")])
    paths = {1: drawn, 2: Pathway((2010, 70.0), []), 3: Pathway(None, [TargetPoint(2030, 10.0, "fixed_level", "y")])}
    agg = aggregate_pathways(paths, range(2000, 2041, 20))
    assert agg.to_dict("list") == {"year": [2000, 2020, 2040], "level_tco2e": [100.0, 75.0, 50.0], "cities": [1, 1, 1]}
    assert agg["year"].dtype.kind == "i"
    assert aggregate_pathways({}, range(2020, 2031, 10)).to_dict("list") == {"year": [2020, 2030],
                                                                             "level_tco2e": [0.0, 0.0], "cities": [0, 0]}  # fmt: skip


def test_pathway_coverage_counts_bases_and_a_population_of_zero():
    def drawn(basis):
        return Pathway((2010, 1.0), [TargetPoint(2030, 0.5, "base_year", "x")], basis=basis)

    paths = {1: drawn(("modelled", "CO2")), 2: drawn(("reported", "CO2e")), 3: drawn(("reported", "CO2e")),
             4: Pathway(None, [])}  # fmt: skip
    cities = pd.DataFrame({"city_id": [1, 2, 3, 4, 5], "population": [None, None, None, None, None]})
    c = coverage(cities, paths)
    assert c == {"cities": 5, "with_targets": 4, "drawn": 3, "population_share": 0.0,
                 "by_basis": {"reported, all GHG, CO2e": 2, "modelled, fossil CO2 only": 1}}  # fmt: skip
    assert list(c["by_basis"]) == ["reported, all GHG, CO2e", "modelled, fossil CO2 only"]
    tie = coverage(cities.assign(population=[10, 30, 0, 0, 60]), {1: drawn(("b", "CO2")), 2: drawn(("a", "CO2"))})
    assert list(tie["by_basis"]) == ["a, fossil CO2 only", "b, fossil CO2 only"] and tie["population_share"] == 0.4


def test_pathway_coverage_sentence_in_words():
    c = {"cities": 4, "with_targets": 3, "drawn": 2, "population_share": 0.2}
    first = ("3 of 4 member cities (Testland) have a target in the store; 2 of them can be drawn (a level in tCO2e is "
             "known) and hold 20% of the population of the cities selected.")  # fmt: skip
    assert coverage_sentence({"cities": 0}, "Testland") == "No member cities match Testland."
    assert coverage_sentence(c, "Testland") == first
    assert coverage_sentence({**c, "flagged": 1, "include_flagged": True}, "Testland") == (
        first + " 1 flagged figure (failed a plausibility check) included at your request."
    )
    assert coverage_sentence({**c, "by_basis": {"a": 3, "b": 2, "c": 1}}, "Testland") == (
        first + " The sum adds up 3 on a figures, 2 on b figures and 1 on c figures: figures of different kinds or "
        "gases are added together here, so read the sum as an order of magnitude, not as one inventory."
    )


def test_pathway_flagged_left_out_counts_each_total_once():
    tg = pd.DataFrame({"flag": [None, "per_capita", "year"]})
    inv = pd.DataFrame({"city_id": [1, 1, 1, 1, 2], "source_id": ["a", "a", "a", "b", "a"],
                        "year": [2018, 2018, 2019, 2018, 2018], "flag": ["f", "f", "f", None, "g"]})  # fmt: skip
    assert flagged_left_out(tg, inv) == 2 + 3  # 2 targets; (1, a, 2018) twice counts once, (1, a, 2019), (2, a, 2018)
    assert flagged_left_out(pd.DataFrame({"kind": ["x"]}), inv.drop(columns="flag")) == 0
    assert flagged_left_out(tg, inv.iloc[0:0]) == 2


def test_pathway_aggregate_table_row_by_row():
    cities = pd.DataFrame({"city_id": [1, 2, 3], "city": ["A", "B", "C"], "country": ["X", "Y", "Z"],
                           "population": [1000, 2000, 3000]})  # fmt: skip
    drawn = build_pathway(targets(
        {"kind": "base_year", "base_year": 2010, "base_emissions_tco2e": 100.0, "reduction_pct": 50, "target_year": 2030},
        {"kind": "net_zero", "target_year": 2050}), totals({}))  # fmt: skip
    table = aggregate_table(cities, {1: drawn, 2: Pathway(None, [], ["a: why", "b" * 300])})
    # the download's columns: numbers as numbers (issue 21)
    assert table.iloc[0][["GeoNames id", "Baseline year", "Baseline (tCO2e)", "Baseline basis"]].tolist() == [
        1, 2010, 100.0, "reported, all GHG, CO2e"]  # fmt: skip
    assert table.iloc[1]["GeoNames id"] == 2 and pd.isna(table.iloc[1]["Baseline year"])
    assert pd.isna(table.iloc[1]["Baseline (tCO2e)"]) and pd.isna(table.iloc[1]["Baseline basis"])
    assert table[AGGREGATE_TABLE_SHOWN].to_dict("records") == [
        {"City": "A", "Country": "X", "Population": 1000, "Baseline": "2010: 100 tCO2e (reported, all GHG, CO2e)",
         "First target": "−50 % cut from base year vs 2010 by 2030", "Last target": "net zero by 2050",
         "In the aggregate": "yes", "City page": "city?city=1"},
        {"City": "B", "Country": "Y", "Population": 2000, "Baseline": "unknown", "First target": "", "Last target": "",
         "In the aggregate": "no: a: why; " + "b" * 192, "City page": "city?city=2"},
    ]  # fmt: skip
    empty = aggregate_table(cities, {})
    assert empty.empty and list(empty.columns)[:8] == ["City", "Country", "Population", "Baseline", "First target",
                                                       "Last target", "In the aggregate", "City page"]  # fmt: skip
    assert list(empty.columns)[8:] == ["GeoNames id", "Baseline year", "Baseline (tCO2e)", "Baseline basis"]
