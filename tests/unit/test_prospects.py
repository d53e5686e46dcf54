"""Prospects (components/prospects.py): the criteria at their boundaries and the ranking, by hand; and on the
default store, every prospect meets the criteria."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from components.prospects import GCOM_NOT, GCOM_UNKNOWN, PLAN_UNKNOWN, find_prospects, meets_criteria
from queries import run_query


def city(city_id, population, region="Europe", income="High income", member=False, gcom=False, gcom_known=True,
         target=False, inventory=None, country="Austria"):  # fmt: skip
    return {
        "city_id": city_id, "city": f"C{city_id}", "country": country, "iso3": country[:3].upper(), "region": region,
        "subregion": None, "intermediate_region": None, "income_group": income, "population": population,
        "is_member": member, "is_gcom": gcom, "gcom_known": gcom_known, "has_target": target,
        "net_zero_year": None, "inventory_year": inventory,
    }  # fmt: skip


def frame(rows) -> pd.DataFrame:
    df = pd.DataFrame(rows)
    df["population"] = df["population"].astype("Int64")
    df["inventory_year"] = df["inventory_year"].astype("Int64")
    return df


CASES = frame(
    [
        city(1, 50_000, gcom=True),  # exactly at the floor, a signatory: in
        city(2, 49_999, gcom=True),  # one person short: out
        city(3, 2_000_000, gcom=True, member=True),  # already a member: out
        city(4, 80_000),  # no evidence at all: out
        city(
            5, 80_000, target=True, region="Africa", income="Lower middle income", gcom_known=False, country="Kenya"
        ),  # target only: in  # fmt: skip
        city(6, 80_000, inventory=2019),  # reported inventory only: in
        city(7, None, gcom=True),  # population unknown: out
        city(8, 60_000, gcom=True, member=True),  # a second member
    ]
)


def test_criteria_boundaries():
    assert list(CASES["city_id"][meets_criteria(CASES)]) == [1, 5, 6]


def test_ranking_and_reasons_by_hand():
    got = find_prospects(CASES, network="UTM")
    # Members: 2 in Europe, 2 High income. Gaps: Europe 0, Africa 1; High income 0, Lower middle 1.
    # 5: 2 x 1 (region) + 1 x 1 (income) + 1 (target) = 4.0; 6: inventory 1.0; 1: signatory only, 0.0.
    assert list(got["city_id"]) == [5, 6, 1]
    assert list(got["score"]) == [4.0, 1.0, 0.0]
    assert list(got["rank"]) == [1, 2, 3]
    kenya = got.iloc[0]
    assert "Africa: 0 of 2 UTM cities" in kenya["reasons"] and "Lower middle income: 0 of 2" in kenya["reasons"]
    assert "has a target" in kenya["reasons"] and "80 k people" in kenya["reasons"]
    assert kenya["unknown"] == f"{GCOM_UNKNOWN}; {PLAN_UNKNOWN}"
    assert got.iloc[1]["unknown"] == f"{GCOM_NOT}; {PLAN_UNKNOWN}"  # Europe: known not to be a signatory
    assert got.iloc[2]["unknown"] == PLAN_UNKNOWN and "GCoM signatory (JRC file)" in got.iloc[2]["reasons"]


def test_filters_narrow_but_gaps_count_the_whole_network():
    africa = find_prospects(CASES, regions=["Africa"], network="UTM")
    assert list(africa["city_id"]) == [5] and africa["score"].iloc[0] == 4.0
    assert list(find_prospects(CASES, countries=["Austria"])["city_id"]) == [6, 1]
    assert list(find_prospects(CASES, income_groups=["High income"])["city_id"]) == [6, 1]
    assert find_prospects(CASES, regions=["Oceania"]).empty


def test_ties_bigger_city_first_then_id():
    rows = frame([city(20, 60_000, gcom=True), city(10, 60_000, gcom=True), city(30, 90_000, gcom=True)])
    assert list(find_prospects(rows)["city_id"]) == [30, 10, 20]


@pytest.fixture(scope="module")
def store_cities(built_store):
    return run_query("prospect_cities", store=built_store, network_id="utm", gcom_network_id="gcom_jrc")


def test_every_prospect_in_the_store_meets_the_criteria(store_cities):
    got = find_prospects(store_cities)
    rows = store_cities.set_index("city_id").loc[got["city_id"]]
    assert len(got) > 100
    assert (rows["population"] >= 50_000).all() and not rows["is_member"].any()
    evidence = rows["is_gcom"] | rows["has_target"] | rows["inventory_year"].notna()
    assert evidence.all()
    assert np.all(np.diff(got["score"].to_numpy()) <= 1e-9)  # best first
    # GCoM is known only where the JRC file has signatories: none outside Europe, Asia (Turkey...) and Africa
    assert set(store_cities.loc[store_cities["is_gcom"], "region"]) <= {"Europe", "Asia", "Africa"}


def test_members_of_the_network_are_never_prospects(store_cities):
    members = set(store_cities.loc[store_cities["is_member"], "city_id"])
    assert len(members) == 16 and 2267057 in members  # the seeded UTM list, Lisbon among them
    assert not members & set(find_prospects(store_cities)["city_id"])
