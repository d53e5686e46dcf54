"""match_funding and the practices ranking: rules checked, reasons in words, edge cases."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from components.funding import (
    ELIGIBLE,
    MAYBE,
    NOT_ELIGIBLE,
    CityFacts,
    check_programme,
    city_facts_from,
    funding_table,
    listed,
    match_funding,
    status_age,
    status_note,
    ticket_text,
)
from components.practices import escape_markdown, rank_practices_for_city

NAIROBI = CityFacts("Nairobi", "KEN", "Kenya", ["002", "202", "014"], ["Africa", "Sub-Saharan Africa", "Eastern Africa"],
                    "Lower middle income", 2_750_000, ["transport", "energy"])  # fmt: skip
NO_INCOME = CityFacts("Caracas", "VEN", "Venezuela", ["019", "419", "005"], ["Americas"], None, 1_800_000, [])


def programme(**rules) -> dict:
    base = {"name": "P", "region_ids": None, "region_names": None, "country_iso3s": None, "income_groups": None,
            "sectors": None, "min_population": None, "max_population": None, "status": "open",
            "last_checked": "2026-11-26"}  # fmt: skip
    return {**base, **rules}


def test_funding_no_rules_is_eligible():
    verdict, met, failed, unknown = check_programme(programme(), NAIROBI)
    assert verdict == ELIGIBLE and "no regional limit" in met and not failed and not unknown


def test_funding_region_rule():
    ok = programme(region_ids=["002"], region_names=["Africa"])
    assert check_programme(ok, NAIROBI)[0] == ELIGIBLE
    europe = programme(region_ids=["150"], region_names=["Europe"])
    verdict, _, failed, _ = check_programme(europe, NAIROBI)
    assert verdict == NOT_ELIGIBLE and failed == ["only for Europe"]


def test_funding_country_list():
    verdict, _, failed, _ = check_programme(programme(country_iso3s=["DEU", "FRA"]), NAIROBI)
    assert verdict == NOT_ELIGIBLE and "Kenya is not among its 2 eligible countries" in failed


def test_funding_income_group():
    oda = programme(income_groups=["Low income", "Lower middle income", "Upper middle income"])
    assert check_programme(oda, NAIROBI)[0] == ELIGIBLE
    high = programme(income_groups=["High income"])
    assert "Kenya is Lower middle income" in check_programme(high, NAIROBI)[2][0]


def test_funding_country_with_no_income_group_is_maybe():
    verdict, _, failed, unknown = check_programme(programme(income_groups=["Upper middle income"]), NO_INCOME)
    assert verdict == MAYBE and not failed
    assert unknown == ["the World Bank gives no income group for Venezuela"]


def test_funding_closed_call_is_not_eligible():
    verdict, _, failed, _ = check_programme(programme(status="closed"), NAIROBI)
    assert verdict == NOT_ELIGIBLE and failed == ["closed when last checked (2026-11-26)"]


def test_funding_unknown_status_is_maybe():
    assert check_programme(programme(status="unknown"), NAIROBI)[0] == MAYBE


def test_funding_no_size_rule_and_size_limits():
    assert "size ok" not in check_programme(programme(), NAIROBI)[1]
    small_only = programme(max_population=500_000)
    verdict, _, failed, _ = check_programme(small_only, NAIROBI)
    assert verdict == NOT_ELIGIBLE and "2,750,000" in failed[0]
    assert "size ok" in check_programme(programme(min_population=50_000), NAIROBI)[1]
    unknown_size = CityFacts("X", "KEN", "Kenya", ["002"], ["Africa"], "Lower middle income", None, [])
    assert check_programme(programme(min_population=50_000), unknown_size)[0] == MAYBE


def test_funding_sectors():
    assert "funds its largest sectors (transport)" in check_programme(programme(sectors=["transport"]), NAIROBI)[1]
    assert check_programme(programme(sectors=["waste"]), NAIROBI)[0] == MAYBE
    assert check_programme(programme(sectors=["waste"]), NO_INCOME)[3][0].endswith("sector figures are not known")


def test_funding_match_orders_by_verdict_then_name():
    frame = pd.DataFrame([programme(name="B", status="closed"), programme(name="C"), programme(name="A", status="unknown"),
                          programme(name="A2")])  # fmt: skip
    out = match_funding(frame, NAIROBI)
    assert list(out["name"]) == ["A2", "C", "A", "B"]
    assert list(out["verdict"]) == [ELIGIBLE, ELIGIBLE, MAYBE, NOT_ELIGIBLE]


def test_funding_table_puts_the_verdict_first():
    frame = match_funding(pd.DataFrame([programme(instrument="grant", provider="X", scope="international",
                                                  ticket_min=None, ticket_max=1e6, currency="EUR", url="https://e.org")]),
                          NAIROBI)  # fmt: skip
    table = funding_table(frame)
    assert list(table.columns[:2]) == ["Programme", "For this city"]
    assert table.loc[0, "Ticket"] == "EUR up to 1,000,000"  # shown
    assert pd.isna(table.loc[0, "Ticket from"]) and table.loc[0, "Ticket up to"] == 1e6  # downloaded, as numbers
    assert table.loc[0, "Currency"] == "EUR"


@pytest.mark.parametrize(
    ("checked", "today", "said"),
    [
        ("2026-11-30", date(2026, 11, 30), "checked today"),
        ("2026-11-29", date(2026, 11, 30), "checked 1 day ago"),
        ("2026-11-26", date(2026, 11, 30), "checked 4 days ago"),
        (date(2026, 1, 31), date(2026, 2, 28), "checked 28 days ago"),  # no 31 February: not yet a month
        ("2026-01-31", date(2026, 3, 1), "checked 1 month ago"),  # 29 days, but past the calendar month
        ("2026-03-15", date(2026, 4, 14), "checked 30 days ago"),
        ("2026-03-15", date(2026, 4, 15), "checked 1 month ago"),
        ("2025-11-30", date(2026, 11, 29), "checked 11 months ago"),
        ("2025-11-30", date(2026, 11, 30), "checked 12 months ago"),  # exactly 12 months
        ("2025-10-30", date(2026, 11, 30), "checked 13 months ago"),
        ("2024-02-29", date(2025, 2, 28), "checked 11 months ago"),  # leap day: the 29th has not come round
        (None, date(2026, 11, 30), "never checked"),
        ("2026-12-01", date(2026, 11, 30), "checked 2026-12-01, after today"),
    ],
)
def test_status_age(checked, today, said):
    assert status_age(checked, today) == said


@pytest.mark.parametrize(
    ("status", "recurrence", "note"),
    [
        ("closed", "yearly", "recurring call: check for the next one"),
        ("unknown", "periodic", "recurring call: check for the next one"),
        ("upcoming", "yearly", "recurring call: check for the next one"),
        ("open", "yearly", ""),  # open now: nothing to wait for
        ("closed", None, ""),
        ("unknown", float("nan"), ""),  # a blank cell from the store
    ],
)
def test_status_note(status, recurrence, note):
    assert status_note(status, recurrence) == note


def test_funding_table_status_age_and_note():
    frame = pd.DataFrame([programme(name="TAP", status="unknown", recurrence="yearly", last_checked=date(2025, 10, 30)),
                          programme(name="One-off", status="closed", recurrence=None)])  # fmt: skip
    for col in ("instrument", "provider", "scope", "ticket_min", "ticket_max", "currency", "url"):
        frame[col] = None
    table = funding_table(frame, today=date(2026, 11, 30))
    assert list(table["Status checked"]) == ["checked 13 months ago", "checked 4 days ago"]
    assert list(table["Note"]) == ["recurring call: check for the next one", ""]


def practices_frame() -> pd.DataFrame:
    rows = [
        {"practice_id": "a", "title": "Bus", "sector": "transport", "city": "Lagos", "iso3": "NGA", "region": "Africa",
         "subregion": "Sub-Saharan Africa", "income_group": "Lower middle income", "population": 9_000_000, "networks": ["C40"]},
        {"practice_id": "b", "title": "Heat", "sector": "buildings", "city": "Oslo", "iso3": "NOR", "region": "Europe",
         "subregion": "Northern Europe", "income_group": "High income", "population": 700_000, "networks": []},
        {"practice_id": "c", "title": "Solar", "sector": "energy", "city": "Nairobi", "iso3": "KEN", "region": "Africa",
         "subregion": "Sub-Saharan Africa", "income_group": "Lower middle income", "population": 2_750_000, "networks": []},
        {"practice_id": "d", "title": "Aaa", "sector": "buildings", "city": "Bergen", "iso3": "NOR", "region": "Europe",
         "subregion": "Northern Europe", "income_group": "High income", "population": 300_000, "networks": []},
    ]  # fmt: skip
    return pd.DataFrame(rows)


def test_practices_ranked_for_a_city_with_reasons():
    out = rank_practices_for_city(practices_frame(), NAIROBI, ["C40"])
    assert list(out["practice_id"]) == ["c", "a", "d", "b"]  # own practice first; ties by title
    lagos = out[out["practice_id"] == "a"].iloc[0]["why"]
    assert "transport is one of Nairobi's largest emission sectors" in lagos
    assert "same sub-region (Sub-Saharan Africa)" in lagos and "both in C40" in lagos
    assert "similar size" not in lagos  # 9.0 M vs 2.75 M is more than a factor of 3
    assert out[out["practice_id"] == "b"].iloc[0]["why"] == "no shared feature"
    with_peers = rank_practices_for_city(practices_frame().assign(city_id=[10, 11, 12, 13]), NAIROBI, ["C40"], {11})
    oslo = with_peers[with_peers["practice_id"] == "b"].iloc[0]
    assert oslo["why"] == "Oslo is one of Nairobi's peers" and oslo["score"] == 2.5


def test_escape_markdown_keeps_text_inert():
    assert (
        escape_markdown("[x](javascript:alert(1)) *b* <img>")
        == "\\[x\\]\\(javascript:alert\\(1\\)\\) \\*b\\* \\<img\\>"
    )


@pytest.mark.parametrize("city", [NAIROBI, NO_INCOME])
def test_funding_match_empty_catalogue(city):
    assert match_funding(pd.DataFrame(columns=["name"]), city).empty


# ---- every rule, its boundaries and its words (values worked out by hand) ----------------------------------------


def test_funding_every_rule_met_in_words():
    p = programme(region_ids=["002"], region_names=["Africa"], country_iso3s=["KEN", "TZA"],
                  income_groups=["Low income", "Lower middle income"], min_population=1_000_000,
                  max_population=5_000_000, sectors=["waste", "transport"])  # fmt: skip
    assert check_programme(p, NAIROBI) == (ELIGIBLE, ["region ok (Africa)", "Kenya is eligible",
                                                      "income group ok (Lower middle income)", "size ok",
                                                      "funds its largest sectors (transport)"], [], [])  # fmt: skip
    no_names = programme(region_ids=["202", "002"], sectors=["energy", "transport"])
    assert check_programme(no_names, NAIROBI)[1] == [
        "region ok (202, 002)",
        "funds its largest sectors (energy, transport)",
    ]


def test_funding_every_rule_failed_in_words_a_failed_rule_outweighs_an_unknown_one():
    p = programme(region_ids=["150", "019"], country_iso3s=["DEU"], income_groups=["High income", "Upper middle income"],
                  min_population=3_000_000, sectors=["waste", "buildings"], status="closed", last_checked="2026-11-26")  # fmt: skip
    assert check_programme(p, NAIROBI) == (
        NOT_ELIGIBLE,
        [],
        ["only for 150, 019", "Kenya is not among its 1 eligible countries",
         "only for High income, Upper middle income countries; Kenya is Lower middle income",
         "size limit 3,000,000–∞ people; Nairobi has 2,750,000", "closed when last checked (2026-11-26)"],
        ["funds waste, buildings, not its largest sectors"],
    )  # fmt: skip


def test_funding_unknowns_in_words():
    unknown = CityFacts("X", "VEN", "Venezuela", ["019"], ["Americas"], None, None, [])
    p = programme(income_groups=["Upper middle income"], max_population=100_000, sectors=["energy", "waste"],
                  status=None)  # fmt: skip
    assert check_programme(p, unknown) == (MAYBE, ["no regional limit"], [], [
        "the World Bank gives no income group for Venezuela", "the city's population is not known",
        "funds energy, waste; the city's sector figures are not known", "whether it is open now"])  # fmt: skip


@pytest.mark.parametrize(
    ("low", "high", "verdict", "words"),
    [
        (2_750_000, None, ELIGIBLE, "size ok"),  # the bounds are inclusive
        (2_750_001, None, NOT_ELIGIBLE, "size limit 2,750,001–∞ people; Nairobi has 2,750,000"),
        (None, 2_750_000, ELIGIBLE, "size ok"),
        (None, 2_749_999, NOT_ELIGIBLE, "size limit 0–2,749,999 people; Nairobi has 2,750,000"),
        (100_000, 200_000, NOT_ELIGIBLE, "size limit 100,000–200,000 people; Nairobi has 2,750,000"),
        (float("nan"), float("nan"), ELIGIBLE, None),  # blank cells: no size rule
        (pd.NA, None, ELIGIBLE, None),
    ],
)
def test_funding_size_rule_boundaries(low, high, verdict, words):
    found, met, failed, unknown = check_programme(programme(min_population=low, max_population=high), NAIROBI)
    assert found == verdict and not unknown
    assert [w for w in met + failed if w.startswith("size")] == ([words] if words else [])
    no_population = CityFacts("X", "KEN", "Kenya", ["002"], ["Africa"], "Lower middle income", None, [])
    expected_unknown = ["the city's population is not known"] if words else []
    assert check_programme(programme(min_population=low, max_population=high), no_population)[3] == expected_unknown


@pytest.mark.parametrize(
    ("status", "verdict"),
    [("open", ELIGIBLE), ("upcoming", ELIGIBLE), ("closed", NOT_ELIGIBLE), ("unknown", MAYBE), (None, MAYBE)],
)
def test_funding_status(status, verdict):
    assert check_programme(programme(status=status), NAIROBI)[0] == verdict
    missing = {k: v for k, v in programme().items() if k != "status"}  # no status column at all: not "eligible"
    assert check_programme(missing, NAIROBI)[0] == MAYBE


def test_funding_listed_cells():
    assert listed(None) == [] and listed(pd.NA) == [] and listed(float("nan")) == [] and listed([]) == []
    assert listed(("a", "b")) == ["a", "b"] and listed(np.array(["x"])) == ["x"]


def test_funding_match_gives_every_column_and_reason():
    frame = pd.DataFrame([programme(name="Closed", status="closed", last_checked="2026-01-02"),
                          programme(name="Open", region_ids=["002"], region_names=["Africa"])])  # fmt: skip
    out = match_funding(frame, NAIROBI)
    assert list(out.columns) == [*frame.columns, "verdict", "met", "failed", "unknown"]
    assert out[["name", "verdict", "met", "failed", "unknown"]].to_dict("records") == [
        {"name": "Open", "verdict": ELIGIBLE, "met": "region ok (Africa); any sector", "failed": "", "unknown": ""},
        {"name": "Closed", "verdict": NOT_ELIGIBLE, "met": "no regional limit; any sector",
         "failed": "closed when last checked (2026-01-02)", "unknown": ""},
    ]  # fmt: skip
    assert list(out.index) == [0, 1]
    several = pd.DataFrame([programme(name="B", sectors=["waste"], status=None), programme(name="A", status="unknown")])
    assert match_funding(several, NAIROBI).loc[0, "unknown"] == "whether it is open now"
    assert (
        match_funding(several, NAIROBI).loc[1, "unknown"]
        == "funds waste, not its largest sectors; whether it is open now"
    )
    empty = match_funding(pd.DataFrame(columns=["name", "status"]), NAIROBI)
    assert empty.empty and list(empty.columns) == ["name", "status", "verdict", "met", "failed", "unknown"]


@pytest.mark.parametrize(
    ("row", "text"),
    [
        ({}, "not stated"),
        ({"ticket_min": float("nan"), "ticket_max": None, "currency": "EUR"}, "not stated"),
        ({"ticket_min": 1000, "ticket_max": 5_000_000.4, "currency": "EUR"}, "EUR 1,000–5,000,000"),
        ({"ticket_min": 1000, "ticket_max": float("nan"), "currency": "USD"}, "USD from 1,000"),
        ({"ticket_min": None, "ticket_max": 2e6, "currency": None}, "up to 2,000,000"),
        ({"ticket_min": 0, "ticket_max": 0, "currency": ""}, "0–0"),
    ],
)
def test_funding_ticket_text(row, text):
    assert ticket_text(row) == text


@pytest.mark.parametrize(
    ("checked", "today", "said"),
    [
        (float("nan"), date(2026, 11, 30), "never checked"),
        (pd.NaT, date(2026, 11, 30), "never checked"),
        ("2026-11-28", date(2026, 11, 30), "checked 2 days ago"),
        ("2026-09-30", date(2026, 11, 30), "checked 2 months ago"),
        ("2026-10-30", date(2026, 11, 30), "checked 1 month ago"),
    ],
)
def test_status_age_plurals_and_blanks(checked, today, said):
    assert status_age(checked, today) == said


def test_funding_table_every_column():
    row = programme(name="Fund", provider="Bank", instrument="grant", scope="international", region_ids=["002"],
                    region_names=["Africa", "Asia"], income_groups=["Low income"], sectors=["energy", "waste"],
                    ticket_min=1e3, ticket_max=2e3, currency="USD", status="open", recurrence=None,
                    last_checked=date(2026, 11, 30), url="https://e.org")  # fmt: skip
    table = funding_table(pd.DataFrame([row, {**row, "name": "Any", "region_names": None, "income_groups": None,
                                                "sectors": [], "status": "closed", "recurrence": "yearly"}]),
                          today=date(2026, 11, 30))  # fmt: skip
    assert table.to_dict("records") == [
        {"Programme": "Fund", "Provider": "Bank", "Instrument": "grant", "Scope": "international",
         "Regions": "Africa, Asia", "Income groups": "Low income", "Sectors": "energy, waste", "Ticket": "USD 1,000–2,000",
         "Status": "open", "Status checked": "checked today", "Note": "", "Last checked": date(2026, 11, 30),
         "Source": "https://e.org", "Ticket from": 1000.0, "Ticket up to": 2000.0, "Currency": "USD"},
        {"Programme": "Any", "Provider": "Bank", "Instrument": "grant", "Scope": "international", "Regions": "any",
         "Income groups": "any", "Sectors": "any", "Ticket": "USD 1,000–2,000", "Status": "closed",
         "Status checked": "checked today", "Note": "recurring call: check for the next one",
         "Last checked": date(2026, 11, 30), "Source": "https://e.org", "Ticket from": 1000.0, "Ticket up to": 2000.0,
         "Currency": "USD"},
    ]  # fmt: skip
    no_recurrence = funding_table(pd.DataFrame([row]).drop(columns="recurrence").assign(status="unknown"),
                                  today=date(2026, 11, 30))  # fmt: skip
    assert list(no_recurrence["Note"]) == [""]
    for_city = funding_table(match_funding(pd.DataFrame([row]), NAIROBI), today=date(2026, 11, 30))
    assert list(for_city.columns[:6]) == [
        "Programme",
        "For this city",
        "Not met",
        "Unknown",
        "Checked and met",
        "Provider",
    ]
    assert for_city.iloc[0, 1:5].tolist() == [
        NOT_ELIGIBLE,
        "only for Low income countries; Kenya is Lower middle income",
        "",
        "region ok (Africa, Asia); funds its largest sectors (energy)",
    ]


def test_city_facts_from_a_profile_and_its_sector_shares():
    profile = {"city": "Nairobi", "iso3": "KEN", "country": "Kenya", "region": "Africa", "subregion": "Sub-Saharan Africa",
               "intermediate_region": float("nan"), "region_ids": ["002", "202"], "income_group": "Lower middle income",
               "population": 2750000.0}  # fmt: skip
    shares = pd.DataFrame({"sector": ["transport", "energy", "waste"], "share": [0.5, 0.3, 0.2]})
    assert city_facts_from(profile, shares) == CityFacts("Nairobi", "KEN", "Kenya", ["002", "202"],
                                                         ["Africa", "Sub-Saharan Africa"], "Lower middle income",
                                                         2_750_000, ["transport", "energy"])  # fmt: skip
    bare = {"city": "X", "iso3": "XXX", "country": "Y", "region": None, "subregion": "", "intermediate_region": "Z",
            "region_ids": None, "income_group": None, "population": None}  # fmt: skip
    assert city_facts_from(bare, shares.iloc[0:0]) == CityFacts("X", "XXX", "Y", [], ["Z"], None, None, [])
    nan_income = city_facts_from({**bare, "income_group": float("nan"), "population": float("nan")}, shares.head(1))
    assert (nan_income.income_group, nan_income.population, nan_income.largest_sectors) == (None, None, ["transport"])
    assert type(city_facts_from(profile, shares).population) is int
