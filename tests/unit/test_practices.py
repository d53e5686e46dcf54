"""components/practices.py: the ranking for a city, score by score, and the table; expected values by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from components.funding import CityFacts
from components.practices import escape_markdown, practices_table, rank_practices_for_city

NAIROBI = CityFacts("Nairobi", "KEN", "Kenya", ["002", "202", "014"], ["Africa", "Sub-Saharan Africa", "Eastern Africa"],
                    "Lower middle income", 2_750_000, ["transport", "energy"])  # fmt: skip
COLUMNS = ["practice_id", "title", "sector", "city", "iso3", "region", "subregion", "income_group", "population",
           "networks", "city_id"]  # fmt: skip


def practices(*rows) -> pd.DataFrame:
    return pd.DataFrame([dict(zip(COLUMNS, r, strict=True)) for r in rows], columns=COLUMNS)


RANKED = practices(
    # sector 3 + sub-region 2 + income 1.5 + network 0.5 = 7 (9 M is more than 3 x 2.75 M: not similar in size)
    ("a", "Bus rapid transit", "transport", "Lagos", "NGA", "Africa", "Sub-Saharan Africa", "Lower middle income",
     9_000_000, ["C40", "Beta"], 10),
    # the namesake in the USA is not Nairobi's own: second-largest sector 3 + exactly 3 x the size 1 = 4
    ("b", "Solar roofs", "energy", "Nairobi", "USA", "Americas", "Northern America", "High income", 8_250_000, [], 11),
    # its own: intermediate region 2 + income 1.5 + size 1 = 4.5, plus 100 to come first
    ("c", "Waste to energy", "waste", "Nairobi", "KEN", "Africa", "Eastern Africa", "Lower middle income", 2_750_000,
     [], 12),
    ("d", "Heat pumps", "buildings", "Oslo", "NOR", "Europe", "Northern Europe", "High income", 700_000, [], 13),  # peer
    # sector 3 + region only 1 + income 1.5 + two networks in common 0.5 = 6
    ("e", "Cycle lanes", "transport", "Cairo", "EGY", "Africa", "Northern Africa", "Lower middle income", 9_500_000,
     ["Beta", "Alpha"], 14),
    ("f", "Zoning", "buildings", "Bergen", "NOR", "Europe", "Northern Europe", "High income", 300_000, None, 15),
    ("b2", "Zoning", "buildings", "Bergen", "NOR", "Europe", "Northern Europe", "High income", 300_000, [], 16),
    ("h", "Markets", "afolu", "Lima", "PER", None, None, None, None, [], 17),
)  # fmt: skip


def test_practices_ranked_score_by_score():
    out = rank_practices_for_city(RANKED, NAIROBI, ["Alpha", "Beta"], peer_ids={13})
    assert list(out.columns) == [*COLUMNS, "score", "why"]
    assert list(out.index) == list(range(8))
    assert list(zip(out["practice_id"], out["score"], strict=True)) == [
        ("c", 104.5), ("a", 7.0), ("e", 6.0), ("b", 4.0), ("d", 2.5), ("h", 0.0), ("b2", 0.0), ("f", 0.0)
    ]  # fmt: skip
    assert list(out["why"]) == [
        "Nairobi's own practice; same sub-region (Eastern Africa); same income group (Lower middle income); "
        "similar size (2.8 M vs 2.8 M people)",
        "transport is one of Nairobi's largest emission sectors; same sub-region (Sub-Saharan Africa); "
        "same income group (Lower middle income); both in Beta",
        "transport is one of Nairobi's largest emission sectors; same region (Africa); same income group "
        "(Lower middle income); both in Alpha, Beta",
        "energy is one of Nairobi's largest emission sectors; similar size (8.2 M vs 2.8 M people)",
        "Oslo is one of Nairobi's peers",
        "no shared feature",
        "no shared feature",
        "no shared feature",
    ]


def test_practices_own_practice_comes_first_with_its_reason_first():
    own_and_shared = practices(("c", "Solar", "energy", "Nairobi", "KEN", "Africa", "Eastern Africa", None, None,
                                ["Beta"], 12))  # fmt: skip
    row = rank_practices_for_city(own_and_shared, NAIROBI, ["Beta"]).iloc[0]
    assert row["score"] == 3 + 2 + 0.5 + 100
    assert row["why"] == ("Nairobi's own practice; energy is one of Nairobi's largest emission sectors; "
                          "same sub-region (Eastern Africa); both in Beta")  # fmt: skip


def test_practices_without_peers_or_networks_score_nothing_for_them():
    out = rank_practices_for_city(RANKED, NAIROBI, []).set_index("practice_id")
    assert out.loc["d", "score"] == 0.0 and out.loc["d", "why"] == "no shared feature"
    assert out.loc["a", "score"] == 6.5 and out.loc["e", "score"] == 5.5  # no network bonus


@pytest.mark.parametrize(
    ("population", "similar"),
    [(3_000_000, True), (3_000_001, False), (333_334, True), (333_333, False), (1_000_000, True)],
)  # 1 M people: similar within a factor of 3 either way, the bounds included
def test_practices_similar_size_is_within_a_factor_of_3(population, similar):
    city = CityFacts("Town", "XXX", "X", [], [], None, 1_000_000, [])
    row = practices(("p", "T", "waste", "Other", "YYY", None, None, None, population, [], 1))
    out = rank_practices_for_city(row, city, []).iloc[0]
    assert out["score"] == (1.0 if similar else 0.0)
    assert out["why"].startswith("similar size (") == similar


def test_practices_unknown_population_or_income_gives_no_bonus():
    city = CityFacts("Town", "XXX", "X", [], [], None, None, [])
    row = practices(("p", "T", "waste", "Other", "YYY", None, None, None, 1_000_000, [], 1))
    assert rank_practices_for_city(row, city, []).iloc[0]["score"] == 0.0


def test_practices_of_an_empty_catalogue_keep_their_columns():
    out = rank_practices_for_city(practices(), NAIROBI, ["C40"])
    assert out.empty and list(out.columns) == [*COLUMNS, "score", "why"]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Bus lanes", "Bus lanes"),
        ("[x](javascript:alert(1)) *b* <img>", "\\[x\\]\\(javascript:alert\\(1\\)\\) \\*b\\* \\<img\\>"),
        ("__init__ # `code`", "\\_\\_init\\_\\_ \\# \\`code\\`"),
        (None, ""),
    ],
)
def test_escape_markdown(text, shown):
    assert escape_markdown(text) == shown


def test_practices_table_with_and_without_the_reasons():
    frame = pd.DataFrame([{"title": "Bus", "city": "Lagos", "country": "Nigeria", "subregion": "Sub-Saharan Africa",
                           "sector": "transport", "kind": "programme", "start_year": 2008, "summary": "S",
                           "outcome": "O", "url": "https://e.org", "extra": "not shown"}])  # fmt: skip
    table = practices_table(frame)
    assert table.to_dict("records") == [{"Practice": "Bus", "City": "Lagos", "Country": "Nigeria",
                                         "Region": "Sub-Saharan Africa", "Sector": "transport", "Kind": "programme",
                                         "Since": 2008, "Summary": "S", "Outcome": "O", "Source": "https://e.org"}]  # fmt: skip
    why = practices_table(frame.assign(why="same region (Africa)"))
    assert list(why.columns) == ["Why for this city", "Practice", "City", "Country", "Region", "Sector", "Kind",
                                 "Since", "Summary", "Outcome", "Source"]  # fmt: skip
    assert why.iloc[0]["Why for this city"] == "same region (Africa)"


def test_present_leaves_out_missing_and_blank_fields_only():
    """A practice card shows a field unless it is missing or blank ("Outcome: nan" on 13 cards, issue 21)."""
    import numpy as np

    from components.practices import present

    for missing in (None, float("nan"), np.nan, pd.NA, "", "   ", "\n"):
        assert present(missing) is False, repr(missing)
    for shown in ("Ridership up 20 %", " x ", 0, 0.0, "nan text"):
        assert present(shown) is True, repr(shown)
