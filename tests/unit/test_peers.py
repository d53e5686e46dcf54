"""find_peers and the Compare page's helpers."""

from __future__ import annotations

import io
from math import nan

import numpy as np
import pandas as pd
import pytest

from components.compare import (
    basis_sentence,
    comparison_table,
    default_basis,
    normalised_figure,
    parse_city_ids,
    side_by_side,
)
from components.export import to_xlsx_bytes
from components.peers import DEFAULT_WEIGHTS, FEATURES, SHARE_COLUMNS, find_peers, peer_reasons, similarities
from queries import run_query


def city(
    cid,
    pop,
    income="High income",
    region="Europe",
    sub="Western Europe",
    pc=None,
    nz=None,
    nets=(),
    member=True,
    shares=None,
):
    row = {
        "city_id": cid,
        "city": f"C{cid}",
        "country": "X",
        "population": pop,
        "income_group": income,
        "region": region,
        "subregion": sub,
        "networks": list(nets),
        "is_member": member,
        "per_capita_tco2e": pc,
        "inventory_year": None,
        "net_zero_year": nz,
    }
    row.update({c: (shares or {}).get(c.removeprefix("share_")) for c in SHARE_COLUMNS})
    return row  # fmt: skip


@pytest.fixture
def features():
    return pd.DataFrame([
        city(1, 1_000_000, pc=5.0, nz=2050, nets=["C40"], shares={"energy": 0.5, "transport": 0.5}),
        city(2, 1_000_000, pc=5.0, nz=2050, nets=["C40"], shares={"energy": 0.5, "transport": 0.5}),  # twin of 1
        city(3, 1_100_000, income="Upper middle income", pc=5.0, nz=2050),
        city(4, 9_000_000, region="Asia", sub="Eastern Asia", pc=12.0, nz=2060, member=False),
        city(5, 950_000, sub="Northern Europe"),  # per capita and net zero unknown
        city(6, 50_000, income="Low income", region="Africa", sub="Sub-Saharan Africa", pc=0.5, nz=None),
    ])  # fmt: skip


def test_peer_never_itself(features):
    assert 1 not in set(find_peers(features, 1, limit=10)["city_id"])


def test_peer_identical_twin_ranks_first(features):
    peers = find_peers(features, 1)
    assert peers.iloc[0]["city_id"] == 2 and peers.iloc[0]["score"] == pytest.approx(1.0)


def test_peer_weights_change_the_order(features):
    default = list(find_peers(features, 1)["city_id"])
    assert default.index(3) < default.index(5)  # same per capita and net zero beat unknowns
    income_heavy = list(
        find_peers(features, 1, {**DEFAULT_WEIGHTS, "income": 10, "per_capita": 0, "ambition": 0})["city_id"]
    )
    assert income_heavy.index(5) < income_heavy.index(3)  # now the income group decides


def test_peer_missing_data_counts_as_unknown_not_zero(features):
    peers = find_peers(features, 1).set_index("city_id")
    five = peers.loc[5]
    assert pd.isna(five["sim_per_capita"]) and pd.isna(five["sim_ambition"])
    assert "per-capita emissions unknown" in five["reasons"]
    # size 1 - |log10(0.95)| = 0.977724, income 1, region 0.5; per capita, sector mix and ambition unknown (0.5 each):
    # (3 x 0.977724 + 2 x 1 + 2 x 0.5 + 1.5 x 0.5 + 1 x 0.5 + 1 x 0.5) / 10.5 = 7.683171 / 10.5
    assert five["sim_size"] == pytest.approx(0.977724, abs=1e-6)
    assert five["score"] == pytest.approx(0.731731, abs=1e-6)


def test_peer_reasons_match_the_features(features):
    peers = find_peers(features, 1).set_index("city_id")
    assert peers.loc[2, "reasons"] == ("similar size: 1.0 M vs 1.0 M; same income group; same sub-region (Western Europe); "
                                       "per capita 5.0 t vs 5.0 t; sector mix 100% alike; net zero 2050 vs 2050; both in C40")  # fmt: skip
    assert "income: Upper middle income" in peers.loc[3, "reasons"]
    assert "size: 9.0 M vs 1.0 M" in peers.loc[4, "reasons"]


def test_peer_members_only_and_determinism(features):
    assert 4 not in set(find_peers(features, 1, members_only=True)["city_id"])
    reordered = features.iloc[::-1].reset_index(drop=True)  # the order of the rows decides nothing
    assert find_peers(reordered, 1)[["city_id", "score"]].equals(find_peers(features, 1)[["city_id", "score"]])


def test_peer_unknown_city_and_zero_weights(features):
    with pytest.raises(KeyError):
        find_peers(features, 999)
    with pytest.raises(ValueError):
        find_peers(features, 1, dict.fromkeys(DEFAULT_WEIGHTS, 0))


def test_peer_finder_over_all_cities(built_store):
    features = run_query("peer_features", store=built_store)
    assert len(features) > 30_000
    peers = find_peers(features, 3117735)  # Madrid; its time is the benchmark's (bench/run.py), not a test's
    assert len(peers) == 10 and 3117735 not in set(peers["city_id"])
    assert peers["score"].is_monotonic_decreasing


def test_compare_parse_city_ids():
    assert parse_city_ids("1, 2,2,x,3") == ([1, 2, 3], ["Left out, no such city: x."])
    assert parse_city_ids("1,2,9", known={1, 2}) == ([1, 2], ["Left out, no such city: 9."])
    ids, notices = parse_city_ids(",".join(str(i) for i in range(1, 9)))
    assert ids == [1, 2, 3, 4, 5, 6] and notices == ["Only the first 6 of 8 cities are compared."]
    assert parse_city_ids("") == ([], [])


def inventory_rows(*rows) -> pd.DataFrame:
    """(city_id, year, sector, emissions_tco2e, data_kind, source_id) rows, as cities_inventory.sql."""
    frame = pd.DataFrame(rows, columns=["city_id", "year", "sector", "emissions_tco2e", "data_kind", "source_id"])
    return frame.assign(gas="CO2e", boundary="administrative city", publisher="P")


def target_rows(*rows) -> pd.DataFrame:
    """(city_id, kind, target_year, reduction_pct, source_id) rows: the columns comparison_table reads."""
    return pd.DataFrame(rows, columns=["city_id", "kind", "target_year", "reduction_pct", "source_id"])


def test_compare_table_and_xlsx():
    profiles = pd.DataFrame([{"city_id": 1, "city": "A", "country": "X", "iso3": "XXX", "population": 1_000_000,
                              "income_group": "High income", "region": "Europe", "subregion": "W", "networks": ["C40"]},
                             {"city_id": 2, "city": "=B", "country": "Y", "iso3": "YYY", "population": 2_000_000,
                              "income_group": None, "region": "Asia", "subregion": "E", "networks": []}])  # fmt: skip
    inventory = inventory_rows(
        (1, 2018, "energy", 3e6, "reported", "s1"),
        (1, 2018, "transport", 1e6, "reported", "s1"),
        (2, 2019, "total", 8e6, "modelled", "s2"),
    )
    targets = target_rows((1, "net_zero", 2050, 100.0, "s3"), (1, "base_year", 2030, 55.0, "s3"))
    assert default_basis(inventory, [1, 2]) == "modelled"  # city 2 has no reported figure
    assert default_basis(inventory, [1]) == "reported"
    table = comparison_table(profiles, inventory, targets, 2026).set_index("GeoNames id")
    # raw values for downloads: numbers as numbers, None where unknown
    assert table.loc[1, "Total emissions (t)"] == 4_000_000 and table.loc[1, "Per capita (t/person)"] == 4.0
    assert table.loc[1, "Basis"] == "reported"
    assert table.loc[1, "Largest sectors"] == "energy 75%, transport 25% (reported)"
    assert table.loc[1, "Figure"] == "reported, all GHG, CO2e, administrative city (P)"
    assert (
        table.loc[1, "Net-zero year"] == 2050
        and table.loc[1, "Nearest interim target"] == "2030: −55 % cut from base year"
    )
    assert pd.isna(table.loc[2, "Total emissions (t)"])  # its modelled figure is not mixed in
    assert pd.isna(table.loc[2, "Net-zero year"])
    # the page words them
    words = side_by_side(table.reset_index())
    assert words.loc["Total emissions (t)", "A"] == "4,000,000 (reported)"
    assert words.loc["Per capita (t/person)", "A"] == "4.0 (reported)"
    assert words.loc["Total emissions (t)", "=B"] == "no reported figure"
    assert words.loc["Net-zero year", "=B"] == "none in the store" and words.loc["Net-zero year", "A"] == "2050"
    assert words.loc["Nearest interim target", "=B"] == "—"
    modelled = comparison_table(profiles, inventory, targets, 2026, "modelled").set_index("GeoNames id")
    assert modelled.loc[2, "Total emissions (t)"] == 8_000_000
    assert side_by_side(modelled.reset_index()).loc["Total emissions (t)", "A"] == "no modelled figure"
    assert "1 of 2 cities have one" in basis_sentence("modelled", inventory, [1, 2])
    shown = side_by_side(table.reset_index())
    assert list(shown.columns) == ["A", "=B"] and shown.loc["Population", "A"] == "1.0 million"
    sources = pd.DataFrame([{"source_id": "s1", "title": "T", "publisher": "P", "licence": "CC BY 4.0",
                             "citation": "P: T", "url": "https://e.org"}])  # fmt: skip
    book = pd.read_excel(io.BytesIO(to_xlsx_bytes(table.reset_index(), sources)), sheet_name=None)
    assert set(book) == {"data", "sources"}
    assert book["data"]["City"].tolist() == ["A", "'=B"]  # formula neutralised
    assert book["data"]["Total emissions (t)"].tolist()[0] == 4_000_000  # a number, not "4,000,000 (reported)"
    assert book["data"]["Sources"].tolist()[0].startswith("geonames; P: T")  # named; geonames is not in `sources`
    assert book["sources"]["Licence"].tolist()[0] == "CC BY 4.0"


def test_peer_sector_mix():
    features = pd.DataFrame([
        city(1, 1e6, shares={"energy": 0.6, "transport": 0.4}),
        city(2, 1e6, shares={"energy": 0.6, "transport": 0.4}),
        city(3, 1e6, shares={"waste": 1.0}),
        city(4, 1e6),
    ])  # fmt: skip
    peers = find_peers(features, 1).set_index("city_id")
    assert peers.loc[2, "sim_sector_mix"] == pytest.approx(1.0) and peers.loc[3, "sim_sector_mix"] == pytest.approx(0.0)
    assert pd.isna(peers.loc[4, "sim_sector_mix"])
    assert "sector mix 100% alike" in peers.loc[2, "reasons"] and "sector mix" not in peers.loc[4, "reasons"]
    assert list(peers.index) == [2, 4, 3]  # unknown (0.5) ranks above a known mismatch (0)


def test_compare_prefers_reported_years_and_future_targets():
    profiles = pd.DataFrame([{"city_id": 7, "city": "C", "country": "Z", "iso3": "ZZZ", "population": 500_000,
                              "income_group": "High income", "region": "Europe", "subregion": "W", "networks": []}])  # fmt: skip
    inventory = inventory_rows(
        (7, 2015, "total", 2e6, "reported", "r"), (7, 2019, "total", 1e6, "reported", "r"),
        (7, 2019, "waste", 1e5, "reported", "r"), (7, 2022, "total", 9e9, "illustrative", "m"),
    )  # fmt: skip
    targets = target_rows(
        (7, "base_year", 2020, 20.0, "t"), (7, "base_year", 2035, 70.0, "t"), (7, "base_year", 2030, 50.0, "t")
    )
    row = comparison_table(profiles, inventory, targets, 2026).iloc[0]
    assert row["Latest inventory year"] == 2019 and row["Total emissions (t)"] == 1_000_000  # total row
    assert (
        row["Largest sectors"] == "waste 100% (reported)"
        and row["Nearest interim target"] == "2030: −50 % cut from base year"
    )
    assert row["Sources"] == "geonames; r; t"
    per_capita = normalised_figure(profiles, inventory, "per capita", "src").data[0]
    assert per_capita.name == "C (2019)" and per_capita.y == (2.0,)  # 1e6 t / 500k people; illustrative left out
    trend = normalised_figure(profiles, inventory, "% of first year", "src").data[0]
    assert trend.x == (2015, 2019) and trend.y == (100.0, 50.0)


# ---- every feature's similarity, hand-computed --------------------------------------------------------------------


@pytest.fixture
def spread():
    """Me (1) and four cities whose similarities to me are round numbers (log10 and ln ratios of 10, sqrt 10, 4, 2)."""
    return pd.DataFrame([
        city(1, 1_000_000, income="Upper middle income", pc=4.0, nz=2050, shares={"energy": 3, "transport": 4}),
        city(2, 100_000, income="Lower middle income", sub="Northern Europe", pc=1.0, nz=2070,
             shares={"energy": 4, "transport": 3}),
        city(3, 10**6.5, income="High income", region="Asia", sub="Eastern Asia", pc=8.0, nz=2040, shares={"waste": 1}),
        city(4, 0, income="Low income", region=None, sub=None, pc=0.0, nz=None),
        city(5, 2_000_000, income=None, pc=2.0, nz=2060, nets=["C40"]),
    ])  # fmt: skip


def test_peer_similarities_feature_by_feature(spread):
    sims = similarities(spread, spread.iloc[0])
    expected = {  # me, 2, 3, 4, 5 (NaN: unknown)
        "size": [1.0, 0.0, 0.5, nan, 1 - 0.30103],  # 1 - |log10(ratio)|: ratios 1, 0.1, 10^0.5, no population, 2
        "income": [1.0, 0.5, 0.5, 0.0, nan],  # the next World Bank group 0.5, two apart 0
        "region": [1.0, 0.5, 0.0, nan, 1.0],  # another sub-region of Europe 0.5, Asia 0
        "per_capita": [1.0, 0.0, 0.5, nan, 0.5],  # 1 - |ln(ratio)| / ln 4: ratios 1/4, 2, none, 1/2
        "sector_mix": [1.0, 0.96, 0.0, nan, nan],  # cosine: (3x4 + 4x3) / (5 x 5) = 0.96
        "ambition": [1.0, 0.0, 0.5, nan, 0.5],  # 1 - |years apart| / 20
    }
    for feature, values in expected.items():
        assert sims[feature] == pytest.approx(values, abs=1e-5, nan_ok=True), feature


def test_peer_similarities_are_clipped_at_zero_beyond_each_tolerance():
    far = pd.DataFrame([city(1, 1_000_000, income="High income", pc=4.0, nz=2050),
                        city(2, 50_000, income="Low income", pc=40.0, nz=2090)])  # fmt: skip
    sims = similarities(far, far.iloc[0])
    assert [sims[f][1] for f in ("size", "income", "per_capita", "ambition")] == [0.0, 0.0, 0.0, 0.0]


def test_peer_similarities_when_my_own_features_are_unknown(spread):
    me = spread.iloc[0].copy()
    me["population"], me["income_group"], me["per_capita_tco2e"], me["net_zero_year"] = 0, None, -1.0, None
    me["subregion"] = None
    me[SHARE_COLUMNS] = None
    sims = similarities(spread, me)
    for feature in ("size", "income", "per_capita", "sector_mix", "ambition"):
        assert np.isnan(sims[feature]).all(), feature
    assert sims["region"] == pytest.approx([0.5, 0.5, 0.0, nan, 0.5], nan_ok=True)  # region only: 0.5 at best
    me["region"] = None
    assert sims_region(spread, me) == pytest.approx([0.0, 0.0, 0.0, nan, 0.0], nan_ok=True)


def sims_region(features, me):
    return similarities(features, me)["region"]


def test_peer_score_is_the_weighted_mean_unknowns_at_one_half(spread):
    peers = find_peers(spread, 1).set_index("city_id")
    # city 2: (3 x 0 + 2 x 0.5 + 2 x 0.5 + 1.5 x 0 + 1 x 0.96 + 1 x 0) / 10.5 = 2.96 / 10.5
    assert peers.loc[2, "score"] == pytest.approx(2.96 / 10.5)
    # city 4: size, region, per capita, sector mix, ambition unknown: (3 + 2 + 1.5 + 1 + 1) x 0.5 + income 0 = 4.25
    assert peers.loc[4, "score"] == pytest.approx(4.25 / 10.5)
    # city 5: (3 x 0.69897 + 2 x 0.5 + 2 x 1 + 1.5 x 0.5 + 1 x 0.5 + 1 x 0.5) / 10.5 = 6.84691 / 10.5
    assert peers.loc[5, "score"] == pytest.approx(6.84691 / 10.5, abs=1e-5)
    light = find_peers(spread, 1, {f: 0.0 for f in DEFAULT_WEIGHTS} | {"ambition": 0.5}).set_index("city_id")
    assert light.loc[3, "score"] == pytest.approx(0.5) and light.loc[2, "score"] == 0.0  # weights below 1 still work


def test_peer_ties_are_broken_by_geonames_id_and_the_frame_is_clean():
    twins = pd.DataFrame([city(cid, 500_000, pc=3.0) for cid in (1, 9, 3, 7)]
                         + [city(cid, 40_000) for cid in range(10, 22)])  # fmt: skip
    peers = find_peers(twins, 1)
    # the same size, income, region and per capita; sector mix and net zero unknown (0.5): 9.5 / 10.5 each
    assert list(peers["city_id"][:3]) == [3, 7, 9] and list(peers["score"][:3]) == [pytest.approx(9.5 / 10.5)] * 3
    assert len(peers) == 10 and list(peers.index) == list(range(10))
    assert list(peers.columns) == [*twins.columns, "score", *(f"sim_{f}" for f in FEATURES), "reasons"]
    assert list(find_peers(twins, 1, limit=2)["city_id"]) == [3, 7]


def test_peer_members_given_or_narrowed(features):
    members = features[features["city_id"].isin([1, 3])]
    assert list(find_peers(features, 1, members_only=True, members=members)["city_id"]) == [3]
    assert list(find_peers(features, 1, members_only=True)["city_id"]) == [2, 3, 5, 6]
    assert 4 in set(find_peers(features, 1, members=members)["city_id"])  # members_only off: everyone
    with pytest.raises(KeyError, match="no city 999"):
        find_peers(features, 999)
    with pytest.raises(ValueError, match="at least one weight must be above zero"):
        find_peers(features, 1, {f: 0 for f in DEFAULT_WEIGHTS})


def test_peer_reasons_in_words():
    me = pd.Series({"population": 1_000_000, "per_capita_tco2e": 4.0, "net_zero_year": 2050, "networks": ["C40", "X"]})
    everything = {"sim_size": 0.7, "population": 1_995_262, "sim_income": 0.5, "income_group": "High income",
                  "sim_region": 0.5, "region": "Europe", "subregion": "Western Europe", "sim_per_capita": nan,
                  "per_capita_tco2e": None, "sim_sector_mix": 0.96, "sim_ambition": 0.5, "net_zero_year": 2060,
                  "networks": ["X", "A", "C40"]}  # fmt: skip
    assert peer_reasons(me, everything) == ("similar size: 2.0 M vs 1.0 M; income: High income; same region (Europe); "
                                            "per-capita emissions unknown; sector mix 96% alike; net zero 2060 vs 2050; "
                                            "both in C40, X")  # fmt: skip
    little = {**everything, "sim_size": 0.69, "population": 50_000, "sim_income": nan, "sim_region": 0.0,
              "sim_per_capita": 0.5, "per_capita_tco2e": 8.0, "sim_sector_mix": nan, "sim_ambition": nan, "networks": []}  # fmt: skip
    assert peer_reasons(me, little) == "size: 50 k vs 1.0 M; per capita 8.0 t vs 4.0 t"
    same = {**little, "sim_income": 1.0, "sim_region": 1.0, "population": 999_499}
    assert peer_reasons(me, same) == ("size: 999 k vs 1.0 M; same income group; same sub-region (Western Europe); "
                                      "per capita 8.0 t vs 4.0 t")  # fmt: skip
    assert peer_reasons(me, {**little, "sim_region": nan}) == "size: 50 k vs 1.0 M; per capita 8.0 t vs 4.0 t"
