"""The three open datasets the default store ships (data/seed/open/), each loader run on a small slice of its
real file: row counts, kinds, units, derivations and matching, with the expected values worked out by hand from
the rows quoted in the comments."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from data.build import OPEN_SEED
from data.importers import run_import

CM = OPEN_SEED / "carbon_monitor_cities_v0325_annual.csv"
GCOM = OPEN_SEED / "gcom_signatories_ancillary.csv"
NZT = OPEN_SEED / "nzt_snapshot_2022-12-20.xlsx"
MADRID, GUIMARAES = 3117735, 2738752


@pytest.fixture
def store(built_store, tmp_path) -> Path:
    path = tmp_path / "utmc.duckdb"
    shutil.copyfile(built_store, path)
    return path


def imported(store: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(store), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def slice_lines(source: Path, target: Path, keep) -> Path:
    lines = source.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    target.write_text(lines[0] + "".join(line for line in lines[1:] if keep(line)), encoding="utf-8")
    return target


def test_carbon_monitor_slice_kg_become_tonnes_and_transport_sums_ground_and_aviation(store, tmp_path):
    # Madrid 2019 in the file (kg CO2): Residential 6,991,599,413; Power 550,667,553; Ground Transport
    # 2,911,297,230; Aviation 1,326,843,328; Industry 5,911,583,807. Plus Alachua (a US county: no city).
    part = slice_lines(CM, tmp_path / "cm.csv", lambda line: ",Madrid,ES MAD,2019," in line or ",Alachua," in line)
    report = run_import("carbon-monitor", part, store)
    alachua = sum(",Alachua," in line for line in part.read_text().splitlines())
    assert report.rows_read == 5 + alachua and alachua > 0
    assert [u.name for u in report.unmatched] == ["Alachua"]
    rows = imported(
        store,
        "SELECT sector, emissions_tco2e, data_kind, gas, boundary FROM emissions WHERE city_id = ? AND year = 2019 "
        "AND starts_with(source_id, 'import-') ORDER BY sector",
        [MADRID],
    )
    assert rows == [
        ("buildings", pytest.approx(6_991_599.413), "modelled", "CO2", "functional urban area"),
        ("energy", pytest.approx(550_667.553), "modelled", "CO2", "functional urban area"),
        ("industry", pytest.approx(5_911_583.807), "modelled", "CO2", "functional urban area"),
        (
            "transport",
            pytest.approx(4_238_140.558),
            "modelled",
            "CO2",
            "functional urban area",
        ),  # 2,911,297.230 + 1,326,843.328
    ]
    assert not imported(store, "SELECT 1 FROM emissions WHERE sector = 'total' AND starts_with(source_id, 'import-')")


def test_gcom_slice_per_capita_times_population_is_labelled_derived(store, tmp_path):
    # Guimarães (PT0013): 3.73 t per person (EDGAR, 2008), 157,214 people at adhesion (2013) -> 586,408.22 t;
    # targets -20 % by 2020 and -40 % by 2030, absolute. Nicosia (CY0004): 55,000 people, GeoNames' Nicosia 200,452:
    # not forced onto it. An Italian union of municipalities: a group. Vico del Gargano: no city of 15,000+.
    keep = ("PT0013,", "CY0004,", "Unione dei comuni Lombarda della Valmalenco", "IT1026,")
    part = slice_lines(GCOM, tmp_path / "gcom.csv", lambda line: line.startswith(keep) or keep[2] in line)
    report = run_import("gcom", part, store)
    assert report.rows_read == 4
    reasons = {u.name: u.reason for u in report.unmatched}
    assert set(reasons) == {"Nicosia", "Unione dei comuni Lombarda della Valmalenco", "Vico del Gargano"}
    assert "under a third" in reasons["Nicosia"] and "group of municipalities" in reasons[
        "Unione dei comuni Lombarda della Valmalenco"]  # fmt: skip
    (row,) = imported(
        store,
        "SELECT year, emissions_tco2e, reported_value, reported_unit, data_kind, gas, boundary, derivation "
        "FROM emissions WHERE city_id = ? AND starts_with(source_id, 'import-')",
        [GUIMARAES],
    )
    assert row[:7] == (2008, pytest.approx(586_408.22), 3.73, "tCO2e per person per year", "modelled", "CO2e",
                       "signatory territory")  # fmt: skip
    assert (
        row[7] == "3.73 tCO2e per person (EDGAR, 2008) x 157,214 people (the signatory's population at adhesion, 2013)"
    )
    targets = imported(
        store,
        "SELECT kind, target_year, reduction_pct, base_year, data_kind FROM targets WHERE city_id = ? "
        "AND starts_with(source_id, 'import-') ORDER BY target_year",
        [GUIMARAES],
    )
    assert targets == [("base_year", 2020, 20.0, None, "reported"), ("base_year", 2030, 40.0, None, "reported")]


NAME_FORMS = {  # the Net Zero Tracker's name -> the GeoNames city it must be
    "Wien (Vienna)": 2761369,
    "München (Munich)": 2867714,
    "Ciudad de México (Mexico City)": 3530597,
    "Mumbai (Bombay)": 1275339,
    "Columbus, Ohio": 4509177,
    "Hong Kong": 1819729,
    "New Delhi": 1261481,  # not Delhi (1273294), which lists "New Delhi" among its alternate names
}


def test_nzt_slice_name_forms_and_no_actor_that_is_not_a_city(store, tmp_path):
    snapshot = pd.read_excel(NZT, dtype=object)
    cities = snapshot[snapshot["name"].isin(NAME_FORMS) & (snapshot["actor_type"] == "City")]
    others = snapshot[snapshot["actor_type"] != "City"].groupby("actor_type").head(2)  # companies, regions, countries
    part = tmp_path / "nzt.xlsx"
    pd.concat([cities, others]).to_excel(part, index=False)
    report = run_import("nzt", part, store)
    assert report.rows_read == len(NAME_FORMS) + len(others) and report.not_cities == len(others) == 6
    assert report.unmatched == []
    got = dict(imported(store, "SELECT DISTINCT city_id, 1 FROM targets WHERE starts_with(source_id, 'import-')"))
    assert set(got) == set(NAME_FORMS.values())
    kinds = imported(store, "SELECT DISTINCT data_kind FROM targets WHERE starts_with(source_id, 'import-')")
    assert kinds == [("reported",)]
