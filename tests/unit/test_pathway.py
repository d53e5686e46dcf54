"""Pathway maths: target kinds, interpolation, governing targets, invalid targets, trends, the sentence."""

from __future__ import annotations

import pandas as pd
import pytest

from components.pathway import (
    aggregate_pathways,
    build_pathway,
    city_pathways,
    coverage,
    coverage_sentence,
    fit_trend,
    on_track_sentence,
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
