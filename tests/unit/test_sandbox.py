"""Your own figures (components/sandbox.py): the store-free path from a file in memory through the template's
validation, the plausibility checks, the pathway, the peers, and the practices and funding matching.
Every expected value is worked out by hand in the comments."""

from __future__ import annotations

import io
import tempfile

import numpy as np
import pandas as pd
import pytest

from components import sandbox as sb
from components.funding import ELIGIBLE, MAYBE, city_facts_from, match_funding
from components.inventory import YOUR_SOURCE, series
from components.peers import SHARE_COLUMNS
from components.practices import rank_practices_for_city
from data.importers.reading import ImportRefused

MADRID = {"city_id": 3117735, "city": "Madrid", "country": "Spain", "iso3": "ESP", "population": 3_255_944,
          "income_group": "High income", "region": "Europe", "subregion": "Southern Europe",
          "intermediate_region": None, "region_ids": ["150", "039"], "networks": ["C40", "EU Mission"]}  # fmt: skip
NO_STORE = pd.DataFrame(columns=sb.INVENTORY_COLUMNS)  # the store holds no figure of the city

# 2016-2019 totals fall by exactly 0.5 Mt a year; 2019 also by sector: 4 + 3 + 0.5 + 0.987654321 = 8.487654321 Mt,
# within 110 % of the 8.5 Mt total (so not flagged). Target: -52 % from 10 Mt in 2016 = 4.8 Mt in 2030.
DRAFT = b"""record,city_id,city_name,country_iso3,year,sector,emissions,unit,target_kind,base_year,target_year,reduction_pct
inventory,,,,2016,total,10,MtCO2e,,,,
inventory,,,,2017,total,9.5,MtCO2e,,,,
inventory,,,,2018,total,9,MtCO2e,,,,
inventory,3117735,,,2019,total,8.5,MtCO2e,,,,
inventory,,Madrid,ESP,2019,transport,4,MtCO2e,,,,
inventory,,,,2019,buildings,3000,ktCO2e,,,,
inventory,,,,2019,energy,0.5,MtCO2e,,,,
inventory,,,,2019,waste,987654.321,tCO2e,,,,
target,,,,,total,10,MtCO2e,base_year,2016,2030,52
target,,,,,total,,,net_zero,,2050,
inventory,,,,2018,total,1,MtCO2e,,,,
inventory,2988507,,,2019,total,20,MtCO2e,,,,
inventory,,Barcelona,ESP,2019,total,5,MtCO2e,,,,
target,,,,,total,,,bogus,,2050,
"""


@pytest.fixture
def draft() -> sb.Sandbox:
    return sb.load(sb.read_upload(DRAFT, "draft.csv"), MADRID, NO_STORE, "draft.csv", this_year=2026)


def test_upload_is_validated_row_by_row_like_the_template(draft):
    report = draft.report
    assert (report.rows_read, report.emissions_rows, report.targets_rows) == (14, 8, 2)
    problems = report.problems_frame()
    # header = line 1: the 2018 duplicate is line 12, Paris's id line 13, Barcelona line 14, the bogus kind line 15
    assert list(problems["row"]) == [12, 13, 14, 15]
    assert problems["problem"][0] == "same as line 4"
    assert "is not Madrid (3117735), the city chosen" in problems["problem"][1]
    assert "not Madrid, ESP" in problems["problem"][2]
    assert "target_kind 'bogus'" in problems["problem"][3]
    assert set(draft.emissions["source_id"]) == {YOUR_SOURCE} and set(draft.emissions["publisher"]) == {"your figures"}
    waste = draft.emissions[draft.emissions["sector"] == "waste"]["emissions_tco2e"].iloc[0]
    assert waste == pytest.approx(987654.321)
    assert draft.emissions[draft.emissions["sector"] == "buildings"]["emissions_tco2e"].iloc[0] == 3_000_000
    assert draft.flagged() == 0


def test_the_same_rows_read_from_an_xlsx_in_memory(draft):
    frame = pd.read_csv(io.BytesIO(DRAFT), dtype=str, keep_default_na=False)
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False)
    box = sb.load(sb.read_upload(buffer.getvalue(), "draft.xlsx"), MADRID, NO_STORE, "draft.xlsx", this_year=2026)
    pd.testing.assert_frame_equal(box.emissions, draft.emissions)
    assert len(box.targets) == 2


def test_limits_refuse_with_a_clear_message():
    with pytest.raises(ImportRefused, match="the limit for your own figures is 1,024 kB"):
        sb.read_upload(b"record\n" + b"inventory\n" * 120_000, "big.csv")
    rows = b"record,year,sector,emissions,unit\n" + b"inventory,2019,total,1,tCO2e\n" * 2_001
    with pytest.raises(ImportRefused, match="2,001 rows; the limit is 2,000"):
        sb.read_upload(rows, "many.csv")
    with pytest.raises(ImportRefused, match="empty"):
        sb.read_upload(b"", "empty.csv")


def test_typed_rows_need_no_city_columns():
    typed = pd.DataFrame({"record": ["inventory", "target"], "year": ["2020", None], "sector": ["total", "total"],
                          "emissions": ["4.2", None], "unit": ["MtCO2e", None], "target_kind": [None, "net_zero"],
                          "base_year": [None, None], "target_year": [None, "2045"], "reduction_pct": [None, None],
                          "is_illustrative": [None, None]})  # fmt: skip
    box = sb.load(typed, MADRID, NO_STORE, this_year=2026)
    assert list(box.emissions["emissions_tco2e"]) == [4_200_000.0]
    assert list(box.targets["kind"]) == ["net_zero"] and list(box.targets["reduction_pct"]) == [100.0]


def test_pathway_from_your_figures(draft):
    p = sb.your_pathway(draft)
    # one series: the 2016-2019 totals (2019 is its stated total, not the sectors' sum)
    assert list(p.totals["emissions_tco2e"]) == [10e6, 9.5e6, 9e6, 8.5e6]
    assert p.pathway.baseline == (2016, 10e6)
    assert [(t.year, t.level) for t in p.pathway.points] == [(2030, pytest.approx(4.8e6)), (2050, 0.0)]
    # trend: -0.5 Mt a year, 8.5 Mt in 2019 -> 3.0 Mt in 2030 (1.8 Mt below 4.8 Mt); reaches 4.8 Mt at 2019 + 7.4
    assert p.trend.slope == pytest.approx(-0.5e6)
    assert p.sentence == (
        "At its 2016–2019 trend, Madrid (your figures) reaches its 2030 target (−52 % cut from base year vs 2016 "
        "by 2030) in 2027, on track: 1.8 MtCO2e below the target level in 2030."
    )


def test_a_unit_slip_is_flagged_with_its_reason_and_left_out(draft):
    slip = DRAFT + b"inventory,,,,2021,total,8.2,tCO2e,,,,\n"  # t for Mt: 8.2 / 3,255,944 people = 0.0000025 t
    box = sb.load(sb.read_upload(slip, "slip.csv"), MADRID, NO_STORE, this_year=2026)
    flagged = box.emissions[box.emissions["flag"].notna()]
    assert list(flagged["year"]) == [2021] and list(flagged["flag"]) == ["per_capita"]
    assert flagged["flag_reason"].iloc[0].startswith("8.2 t is 0.00 t per person")
    assert list(sb.your_pathway(box).totals["year"]) == [2016, 2017, 2018, 2019]  # left out
    assert list(sb.your_pathway(box, include_flagged=True).totals["year"]) == [2016, 2017, 2018, 2019, 2021]


def test_checked_against_the_stores_own_figures_of_the_city():
    """A unit slip shows only against another source: the store's 2019 figure of 7,000,000 t against your 7,000 t
    (1,000 times: within 300-3,000). Your 7,000 t is 0.002 t per person, out of bounds: yours is flagged, the store's
    row is not yours to flag."""
    store = pd.DataFrame([{"year": 2019, "sector": "total", "emissions_tco2e": 7e6, "data_kind": "reported",
                           "boundary": "administrative city", "source_id": "cdp", "reported_value": 7e6,
                           "reported_unit": "t"}]).reindex(columns=sb.INVENTORY_COLUMNS)  # fmt: skip
    typed = pd.DataFrame({"record": ["inventory"], "year": ["2019"], "sector": ["total"], "emissions": ["7"],
                          "unit": ["ktCO2e"]})  # fmt: skip
    box = sb.load(typed, MADRID, store, this_year=2026)
    assert list(box.emissions["flag"]) == ["per_capita"]


def test_target_base_year_checked_against_your_inventory():
    """Base-year emissions of 40 Mt against your own 2016 total of 10 Mt: 4 times, over the factor of 3."""
    typed = pd.DataFrame({"record": ["inventory", "target"], "year": ["2016", None], "sector": ["total", "total"],
                          "emissions": ["10", "40"], "unit": ["MtCO2e", "MtCO2e"], "target_kind": [None, "base_year"],
                          "base_year": [None, "2016"], "target_year": [None, "2030"],
                          "reduction_pct": [None, "50"]})  # fmt: skip
    box = sb.load(typed, MADRID, NO_STORE, this_year=2026)
    assert list(box.targets["flag"]) == ["base_vs_inventory"]
    assert "4 times the 2016 figure of your-figures" in box.targets["flag_reason"].iloc[0]


def test_your_figures_are_one_more_source_beside_the_stores():
    store = pd.DataFrame(
        [
            {
                "year": 2019,
                "sector": "total",
                "emissions_tco2e": 9e6,
                "data_kind": "reported",
                "gas": "CO2e",
                "boundary": "not stated",
                "source_id": "nzt_2022",
                "publisher": "NZT",
            }
        ]
    )
    typed = pd.DataFrame({"record": ["inventory"] * 2, "year": ["2018", "2019"], "sector": ["total"] * 2,
                          "emissions": ["8", "7"], "unit": ["MtCO2e"] * 2})  # fmt: skip
    box = sb.load(typed, MADRID, store.reindex(columns=sb.INVENTORY_COLUMNS), this_year=2026)
    both = pd.concat([box.emissions, store.reindex(columns=sb.INVENTORY_COLUMNS)], ignore_index=True)
    totals, info = series(both)  # your two years beat the store's one: never added together
    assert info["source_id"] == YOUR_SOURCE and list(totals["emissions_tco2e"]) == [8e6, 7e6]
    figure = sb.mark_yours(__import__("components.charts", fromlist=["x"]).inventory_figure(both, "Madrid", "s"))
    yours = [t for t in figure.data if t.offsetgroup.startswith(YOUR_SOURCE)]
    theirs = [t for t in figure.data if not t.offsetgroup.startswith(YOUR_SOURCE)]
    assert yours[0].name == "total (no sector breakdown) (reported), your figures"
    assert yours[0].marker.pattern.shape == "x" and theirs[0].marker.pattern.shape == ""
    assert "your figures" in yours[0].legendgrouptitle.text


def test_sector_shares_practices_and_funding_follow_your_largest_sectors(draft):
    shares = sb.sector_shares(draft.emissions)
    # 2019: transport 4 / 8.487654321 = 0.4713, buildings 3 / 8.4877 = 0.3535, waste 0.1164, energy 0.0589
    assert list(shares["sector"]) == ["transport", "buildings", "waste", "energy"]
    assert shares["share"].iloc[0] == pytest.approx(4 / 8.487654321)
    facts = city_facts_from(MADRID, shares)
    assert facts.largest_sectors == ["transport", "buildings"]
    practices = pd.DataFrame([
        {"practice_id": 1, "title": "A waste plan", "sector": "waste", "city": "X", "iso3": "FRA"},
        {"practice_id": 2, "title": "B bus lanes", "sector": "transport", "city": "Y", "iso3": "FRA"},
        {"practice_id": 3, "title": "C retrofits", "sector": "buildings", "city": "Z", "iso3": "FRA"},
    ])  # fmt: skip
    ranked = rank_practices_for_city(practices, facts, [], set())
    assert list(ranked["title"]) == ["B bus lanes", "C retrofits", "A waste plan"]  # 3, 3, 0; ties by title
    assert ranked["why"][0] == "transport is one of Madrid's largest emission sectors"
    programmes = pd.DataFrame([
        {"name": "Buses", "sectors": ["transport"], "status": "open"},
        {"name": "Landfills", "sectors": ["waste"], "status": "open"},
    ])  # fmt: skip
    matched = match_funding(programmes, facts)
    assert list(zip(matched["name"], matched["verdict"], strict=True)) == [("Buses", ELIGIBLE), ("Landfills", MAYBE)]
    assert "funds its largest sectors (transport)" in matched["met"][0]


def peer_features_frame() -> pd.DataFrame:
    """Three Western European cities alike in all but per-capita emissions: the store says yours emits 20 t a person,
    peer 2 emits 20 t and peer 3 emits 5 t; your own figures say 5 t (5,000,000 t over 1,000,000 people)."""

    def row(cid, pc, member=True):
        r = {"city_id": cid, "city": f"C{cid}", "country": "X", "population": 1_000_000, "income_group": "High income",
             "region": "Europe", "subregion": "Western Europe", "networks": [], "is_member": member,
             "per_capita_tco2e": pc, "inventory_year": 2019, "net_zero_year": None}  # fmt: skip
        return {**r, **{c: None for c in SHARE_COLUMNS}}

    return pd.DataFrame([row(1, 20.0), row(2, 20.0), row(3, 5.0), row(4, 5.0, member=False)])


def test_peers_found_with_your_figures():
    features = peer_features_frame()
    me = {**MADRID, "city_id": 1, "city": "C1", "population": 1_000_000}
    typed = pd.DataFrame({"record": ["inventory"] * 3, "year": ["2020"] * 3, "sector": ["total", "energy", "waste"],
                          "emissions": ["5", "3", "1"], "unit": ["MtCO2e"] * 3})  # fmt: skip
    box = sb.load(typed, me, NO_STORE, this_year=2026)
    mine = sb.peer_row(features, box)
    assert mine["per_capita_tco2e"].iloc[0] == 5.0 and mine["inventory_year"].iloc[0] == 2020
    assert mine["share_energy"].iloc[0] == pytest.approx(0.75) and mine["share_transport"].iloc[0] == 0.0
    assert np.isnan(mine["net_zero_year"].iloc[0])
    # weights 3+2+2+1.5+1+1 = 10.5; size, income, region 1 each; sector mix and ambition unknown (0.5 each)
    # peer 3 (5 t): (3+2+2+1.5+0.5+0.5)/10.5 = 0.904762; peer 2 (20 t, ln 4 apart): (3+2+2+0+1)/10.5 = 0.761905
    peers = sb.your_peers(features, mine, members_only=True)
    assert list(peers["city_id"]) == [3, 2]
    assert list(peers["score"]) == [pytest.approx(9.5 / 10.5), pytest.approx(8 / 10.5)]
    assert "per capita 5.0 t vs 5.0 t" in peers["reasons"][0]
    everyone = sb.your_peers(features, mine, members_only=False)
    assert list(everyone["city_id"]) == [3, 4, 2]  # 3 and 4 tie: by GeoNames id
    # the store's own row for city 1 (20 t) ranks them the other way round
    from components.peers import find_peers

    assert list(find_peers(features, 1, members_only=True)["city_id"]) == [2, 3]
    table = sb.per_capita_table(me, mine, features[features["city_id"] == 1], peers)
    assert list(table["City"]) == ["C1: the store", "C2, X", "C1: your figures", "C3, X"]
    assert list(table["Figures"])[2] == "your figures"
    figure = sb.per_capita_figure(table, "C1", "s")
    assert {t.name for t in figure.data} == {"your figures", "the store (reported)", "the store (reported), peer"}


def test_downloads_say_whose_figures_and_touch_no_disk(draft, monkeypatch):
    def no_temp_files(*args, **kwargs):
        raise AssertionError("a temporary file was made")

    monkeypatch.setattr(tempfile, "mkstemp", no_temp_files)
    monkeypatch.setattr(tempfile, "mkdtemp", no_temp_files)
    csv = sb.to_csv(draft).decode("utf-8-sig")
    assert csv.splitlines()[1].startswith('your figures,"Madrid, Spain",3117735,inventory,2016,total,')
    back = pd.read_csv(io.StringIO(csv))
    assert len(back) == 10 and set(back["Figures"]) == {"your figures"}
    book = pd.read_excel(io.BytesIO(sb.to_xlsx(draft)), sheet_name=None)
    assert list(book) == ["About these figures", "Your figures"]
    assert set(book["Your figures"]["Figures"]) == {"your figures"} and len(book["Your figures"]) == 10
    assert book["About these figures"]["About"][0].startswith("Your own figures")


def test_the_deck_of_your_figures_says_they_are_yours(draft):
    p = sb.your_pathway(draft)
    slides = sb.build_slides(
        draft, None, p, None, None, pd.DataFrame(), pd.DataFrame(), __import__("datetime").date(2026, 11, 30)
    )
    assert slides[0].title == "Madrid, Spain: your figures"
    assert slides[0].lines[0] == "Your own figures, not saved, visible only to you"
    assert all("not saved" in s.notes for s in slides)


HOSTILE = sorted((__import__("pathlib").Path(__file__).resolve().parents[1] / "hostile" / "files").glob("template__*"))


@pytest.mark.parametrize("path", HOSTILE, ids=[p.name for p in HOSTILE])
def test_hostile_template_files_are_refused_or_read_never_crash(path):
    """The hostile corpus of the template importer, uploaded as your figures: refused whole with a reason, or read
    with its rows reported; never another exception."""
    try:
        box = sb.load(sb.read_upload(path.read_bytes(), path.name), MADRID, NO_STORE, path.name, this_year=2026)
    except ImportRefused as e:
        assert str(e)
        return
    assert box.report.rows_read >= box.report.rows_imported
    assert set(box.emissions["source_id"]) <= {YOUR_SOURCE}


def test_a_year_with_a_total_and_sectors_is_drawn_once(draft):
    """2019 gives a total of 8.5 Mt and sectors adding up to 8.49 Mt: the bars stack the sectors only (stacking the
    total on them drew 17 Mt); 2016-2018 have a total only and keep it."""
    from components.charts import inventory_figure

    figure = inventory_figure(draft.emissions, "Madrid", "s")
    total = next(t for t in figure.data if t.name.startswith("total"))
    assert list(total.x) == [2016, 2017, 2018]
    stacked_2019 = sum(y for t in figure.data for x, y in zip(t.x, t.y, strict=True) if x == 2019)
    assert stacked_2019 == pytest.approx(4e6 + 3e6 + 0.5e6 + 987654.321)
