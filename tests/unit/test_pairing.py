"""City2City pairing (components/pairing.py): suitability by hand, and on random seeded instances: every pair
crosses regions, no city in more than two pairs, pins kept, exclusions absent, total weight >= greedy's."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from components.pairing import (
    MAX_PAIRS,
    SHARE_COLUMNS,
    candidate_edges,
    city_labels,
    greedy_pairs,
    pair_key,
    pair_label,
    parse_pair_label,
    partners_for,
    propose_pairs,
    similarity_matrix,
    solve_pairs,
    suitability_matrix,
)

REGIONS = ["Europe", "Africa", "Americas", "Asia"]
INCOMES = ["Low income", "Lower middle income", "Upper middle income", "High income"]


def cities(rows: list[dict]) -> pd.DataFrame:
    base = {"country": "X", "income_group": None, "per_capita_tco2e": np.nan, "net_zero_year": np.nan,
            "practice_sectors": [], "has_target": False, "has_inventory": False, "largest_sector": None,
            **dict.fromkeys(SHARE_COLUMNS, np.nan)}  # fmt: skip
    return pd.DataFrame([{**base, **r} for r in rows])


def test_suitability_by_hand():
    frame = cities(
        [
            {
                "city_id": 1,
                "city": "A",
                "region": "Europe",
                "population": 1e6,
                "income_group": "High income",
                "has_target": True,
            },  # fmt: skip
            {"city_id": 2, "city": "B", "region": "Europe", "population": 1e6, "income_group": "High income"},
            {
                "city_id": 3,
                "city": "C",
                "region": "Africa",
                "population": 1e6,
                "income_group": "High income",
                "practice_sectors": ["transport"],
                "largest_sector": "transport",
            },  # fmt: skip
        ]
    )
    # size 1 x 3, income 1 x 2, the three unknown features 0.5 x (1.5 + 1 + 1): 6.75 / 8.5
    assert similarity_matrix(frame)[0, 2] == pytest.approx(6.75 / 8.5)
    suit = suitability_matrix(frame)
    assert suit[0, 1] == 0  # same region
    assert suit[0, 0] == 0
    # A offers C a target (1); C's practice is in its own largest sector, not A's (A has none): 1 of 6
    assert suit[0, 2] == pytest.approx(0.5 * 6.75 / 8.5 + 0.5 * 1 / 6)
    assert suit[0, 2] == suit[2, 0]
    partners = partners_for(frame, 1)
    assert list(partners["city_id"]) == [3]  # B is in the same region
    assert "A has a target, C none in the store" in partners["reasons"].iloc[0]


def random_frame(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    shares = rng.dirichlet(np.ones(len(SHARE_COLUMNS)), size=n)
    rows = []
    for i in range(n):
        rows.append(
            {"city_id": 1000 + i, "city": f"City {i}", "region": REGIONS[rng.integers(0, 3)],
             "population": float(rng.integers(50_000, 5_000_000)), "income_group": INCOMES[rng.integers(0, 4)],
             "per_capita_tco2e": float(rng.uniform(1, 15)) if rng.random() < 0.7 else np.nan,
             "net_zero_year": float(rng.integers(2030, 2061)) if rng.random() < 0.5 else np.nan,
             "practice_sectors": list(rng.choice(["energy", "transport", "waste"], size=rng.integers(0, 3),
                                                 replace=False)),
             "has_target": bool(rng.random() < 0.5), "has_inventory": bool(rng.random() < 0.5),
             **dict(zip(SHARE_COLUMNS, shares[i], strict=True))}
        )  # fmt: skip
    frame = cities(rows)
    frame["largest_sector"] = [c.removeprefix("share_") for c in frame[SHARE_COLUMNS].idxmax(axis=1)]
    return frame


def check_pairs(frame: pd.DataFrame, pairs: pd.DataFrame) -> None:
    region = dict(zip(frame["city_id"], frame["region"], strict=True))
    assert all(region[a] != region[b] for a, b in zip(pairs["city_id_a"], pairs["city_id_b"], strict=True))
    counts = pd.concat([pairs["city_id_a"], pairs["city_id_b"]]).value_counts()
    assert counts.max() <= MAX_PAIRS
    keys = [pair_key(a, b) for a, b in zip(pairs["city_id_a"], pairs["city_id_b"], strict=True)]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("seed", range(12))
def test_random_instances_cross_regions_and_beat_greedy(seed):
    n = 10 + 3 * seed
    frame = random_frame(n, seed)
    proposal = propose_pairs(frame, candidates=n, seconds=30)  # every pair a candidate; no wall-clock limit in play
    check_pairs(frame, proposal.pairs)
    edges = candidate_edges(suitability_matrix(frame), n)
    greedy = sum(edges[p] for p in greedy_pairs(edges, n))
    assert proposal.proven
    assert proposal.weight >= greedy - 1e-2  # suitabilities are rounded to 3 decimals in the table
    chosen, _ = solve_pairs(edges, n, seconds=30)
    assert sum(edges[p] for p in chosen) >= greedy - 1e-9


def test_solver_finds_the_optimum_where_greedy_does_not():
    # A path a-b-c-d with weights 2, 3, 2 and capacity 1 each: greedy takes b-c (3), the optimum a-b + c-d (4).
    edges = {(0, 1): 2.0, (1, 2): 3.0, (2, 3): 2.0}
    assert greedy_pairs(edges, 4, 1) == [(1, 2)]
    chosen, proven = solve_pairs(edges, 4, max_pairs=1)
    assert proven and sorted(chosen) == [(0, 1), (2, 3)]


@pytest.mark.parametrize("seed", range(5))
def test_pins_kept_and_exclusions_absent(seed):
    frame = random_frame(24, 100 + seed)
    first = propose_pairs(frame)
    top = (int(first.pairs["city_id_a"].iat[0]), int(first.pairs["city_id_b"].iat[0]))
    ids = list(frame["city_id"])
    region = dict(zip(frame["city_id"], frame["region"], strict=True))
    proposed = set(zip(first.pairs["city_id_a"], first.pairs["city_id_b"], strict=True))
    unproposed = next(
        pair_key(a, b) for a in ids for b in ids if region[a] != region[b] and pair_key(a, b) not in proposed
    )
    again = propose_pairs(frame, pins=[unproposed], excludes=[top])
    got = set(zip(again.pairs["city_id_a"], again.pairs["city_id_b"], strict=True))
    assert unproposed in got and pair_key(*top) not in got
    assert again.pairs.loc[again.pairs["pinned"], ["city_id_a", "city_id_b"]].apply(tuple, axis=1).tolist() == [
        unproposed
    ]
    check_pairs(frame, again.pairs)


def test_pins_that_break_the_rules_are_dropped_with_why():
    frame = random_frame(12, 7)
    europe = list(frame.loc[frame["region"] == "Europe", "city_id"])
    others = list(frame.loc[frame["region"] != "Europe", "city_id"])
    same_region = (europe[0], europe[1])
    hub = europe[0]
    pins = [same_region, (hub, others[0]), (hub, others[1]), (hub, others[2])]
    result = propose_pairs(frame, pins=pins)
    assert any("not across world regions" in d for d in result.dropped_pins)
    assert any("more than 2 pairs" in d for d in result.dropped_pins)
    check_pairs(frame, result.pairs)


def test_pair_labels_tell_namesakes_apart_and_read_back():
    frame = cities(
        [
            {"city_id": 5746545, "city": "Portland", "country": "United States", "region": "Americas", "population": 1},
            {"city_id": 2640194, "city": "Portland", "country": "Australia", "region": "Oceania", "population": 1},
            {"city_id": 2267057, "city": "Lisbon", "country": "Portugal", "region": "Europe", "population": 1},
        ]
    )
    labels = city_labels(frame)
    assert labels == {5746545: "Portland (United States)", 2640194: "Portland (Australia)", 2267057: "Lisbon"}
    assert pair_label(labels, (2267057, 5746545)) == "Lisbon – Portland (United States)"
    assert parse_pair_label(labels, "Portland (United States) – Lisbon") == (2267057, 5746545)
    assert parse_pair_label(labels, "Lisbon – Lisbon") is None
    assert parse_pair_label(labels, "Lisbon – Porto") is None
    assert parse_pair_label(labels, "Lisbon") is None
