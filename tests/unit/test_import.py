"""Importers, with the real public files in ../shared/data and small files written by the tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from data.importers import FORMATS, ImportRefused, run_import
from data.importers.base import header_key, number
from data.importers.cdp_emissions import accounting_year
from data.importers.template import COLUMNS
from tests.conftest import SHARED

ROOT = Path(__file__).resolve().parents[2]
CDP = SHARED / "data" / "cdp"
NZT = SHARED / "data" / "netzerotracker"
EMISSIONS_2019 = CDP / "2019_City-wide_Emissions.csv"
EMISSIONS_2020 = CDP / "2020_-_City-Wide_Emissions.csv"
TARGETS_2021 = CDP / "2021_Cities_Emissions_Reduction_Targets_clean_names.csv"
NZT_300 = NZT / "nzt_cities_sample_300.xlsx"

needs_shared = pytest.mark.skipif(
    not SHARED.exists() and not os.environ.get("CI"),
    reason="../shared/data is absent (outside CI): the real sample files are not here",
)


@pytest.fixture
def store(built_store, tmp_path) -> Path:
    path = tmp_path / "utmc.duckdb"
    shutil.copyfile(built_store, path)
    return path


def content(store: Path) -> dict[str, list]:
    with duckdb.connect(str(store), read_only=True) as con:
        return {
            t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
            for t in ("emissions", "targets", "sources", "memberships")
        }


def emission(store: Path, city_id: int, year: int) -> tuple:
    """An imported figure (the open datasets of the default store left aside)."""
    with duckdb.connect(str(store), read_only=True) as con:
        return con.execute(
            "SELECT emissions_tco2e, protocol, data_kind, gas, boundary FROM emissions "
            "WHERE city_id = ? AND year = ? AND starts_with(source_id, 'import-')",
            [city_id, year],
        ).fetchone()


# ---- the real sample files ---------------------------------------------------------------------


@needs_shared
@pytest.mark.parametrize(
    ("fmt", "path", "layout", "read", "imported", "unmatched"),
    [
        ("cdp-emissions", EMISSIONS_2019, "2018/19", 814, 108, 26),
        ("cdp-emissions", EMISSIONS_2020, "2020+", 776, 59, 23),
        ("cdp-targets", TARGETS_2021, "2021", 1460, 775, 193),  # exact repeats of a target kept once
        ("nzt", NZT_300, "2022", 300, 309, 14),
    ],
)
def test_import_sample_counts(store, fmt, path, layout, read, imported, unmatched):
    report = run_import(fmt, path, store)
    assert report.layout == layout
    assert (report.rows_read, report.rows_imported, len(report.unmatched)) == (read, imported, unmatched)
    assert report.committed
    assert sum(report.skipped.values()) + report.rows_imported >= read - 1  # nzt rows can give 2 targets + 1 inventory


@needs_shared
def test_import_cdp_rows_checked_by_hand(store):
    run_import("cdp-emissions", EMISSIONS_2019, store)
    # Cape Town, 2017: TOTAL BASIC 21,145,125.41 t; Paris, 2014: 5,489,249 t; Tokyo's fiscal year ends in 2017.
    cape_town = emission(store, 3369157, 2017)
    assert cape_town[0] == pytest.approx(21_145_125.41) and cape_town[1].startswith("GPC BASIC")
    assert cape_town[2:] == ("reported", "CO2e", "administrative city")
    assert emission(store, 2988507, 2014)[0] == pytest.approx(5_489_249)
    assert emission(store, 1850147, 2017)[0] == pytest.approx(57_996_872)


@needs_shared
def test_import_cdp_targets_checked_by_hand(store):
    run_import("cdp-targets", TARGETS_2021, store)
    with duckdb.connect(str(store), read_only=True) as con:
        oslo = con.execute(
            "SELECT kind, sector, base_year, reduction_pct, target_year, base_emissions_tco2e, target_emissions_tco2e "
            "FROM targets WHERE city_id = 3143244 AND target_year = 2030 AND kind = 'base_year'"
        ).fetchall()
        bogota = con.execute("SELECT kind, reduction_pct, target_year FROM targets WHERE city_id = 3688689").fetchall()
    assert ("base_year", "total", 2009, 95.0, 2030, pytest.approx(1_509_773.9), pytest.approx(75_488.695)) in oslo
    assert ("bau", 15.0, 2024) in bogota


@needs_shared
def test_import_nzt_checked_by_hand(store):
    run_import("nzt", NZT_300, store)
    with duckdb.connect(str(store), read_only=True) as con:
        amsterdam = con.execute(
            "SELECT kind, base_year, reduction_pct, target_year, status FROM targets WHERE city_id = 2759794 "
            "AND starts_with(source_id, 'import-') ORDER BY target_year"
        ).fetchall()
        inventory = con.execute(
            "SELECT year, emissions_tco2e, data_kind FROM emissions WHERE city_id = 2759794 "
            "AND starts_with(source_id, 'import-')"
        ).fetchall()
    # The snapshot: end target "Climate neutral" by 2050, in a policy document; interim -55 % by 2030 against 1990.
    assert amsterdam == [("base_year", 1990, 55.0, 2030, None), ("net_zero", None, 100.0, 2050, "In policy document")]
    assert inventory == [(2015, pytest.approx(4_804_359), "reported")]


@needs_shared
def test_import_twice_gives_the_same_content(store):
    run_import("cdp-emissions", EMISSIONS_2020, store)
    once = content(store)
    run_import("cdp-emissions", EMISSIONS_2020, store)
    assert content(store) == once


@needs_shared
def test_import_sources_row_carries_the_credit(store):
    report = run_import("cdp-targets", TARGETS_2021, store)
    with duckdb.connect(str(store), read_only=True) as con:
        citation, licence = con.execute(
            "SELECT citation, licence FROM sources WHERE source_id = ?", [report.source_id]
        ).fetchone()
        orphans = con.execute(
            "SELECT count(*) FROM targets WHERE starts_with(source_id, 'import-') AND source_id <> ?",
            [report.source_id],
        ).fetchone()[0]
    assert "collected in partnership by CDP and ICLEI" in citation and "sha256" in citation
    assert "no commercial use" in licence
    assert orphans == 0


@needs_shared
def test_import_dry_run_writes_nothing(store):
    before = store.read_bytes()
    report = run_import("nzt", NZT_300, store, dry_run=True)
    assert report.rows_imported == 309 and not report.committed
    assert store.read_bytes() == before


@needs_shared
def test_import_kill_9_leaves_the_store_unchanged(store):
    """Kill the import process the moment its temporary copy appears (mid-commit)."""
    before = store.read_bytes()
    for _attempt in range(3):
        proc = subprocess.Popen(
            [sys.executable, "-m", "data", "import", "cdp-targets", str(TARGETS_2021), "--store", str(store)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.time() + 60
        while not list(store.parent.glob(".utmc.duckdb.*.importing*")) and proc.poll() is None:
            assert time.time() < deadline
            time.sleep(0.005)
        proc.kill()
        proc.wait()
        if proc.returncode == -9:
            break
    assert proc.returncode == -9, "the import finished before it could be killed"
    assert store.read_bytes() == before
    with duckdb.connect(str(store), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM targets WHERE starts_with(source_id, 'import-')").fetchone()[0] == 0
    report = run_import("cdp-targets", TARGETS_2021, store)  # the next import cleans up and succeeds
    assert report.committed
    assert not list(store.parent.glob(".utmc.duckdb.*.importing*"))


# ---- refused files -------------------------------------------------------------------------------


def test_import_unknown_layout_is_refused_with_the_columns(store, tmp_path):
    bad = tmp_path / "old.csv"
    bad.write_text("Organisation,Nation,Emissions\nX,Y,1\n", encoding="utf-8")
    before = store.read_bytes()
    with pytest.raises(ImportRefused) as err:
        run_import("cdp-emissions", bad, store)
    assert "unknown layout" in str(err.value) and "City-wide" in str(err.value)
    assert store.read_bytes() == before


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_import_empty_file_is_refused(store, tmp_path, fmt):
    empty = tmp_path / ("empty.xlsx" if fmt == "nzt" else "empty.csv")
    empty.write_bytes(b"")
    before = store.read_bytes()
    with pytest.raises(ImportRefused, match="empty"):
        run_import(fmt, empty, store)
    assert store.read_bytes() == before


def test_import_not_a_workbook_is_refused(store, tmp_path):
    fake = tmp_path / "nzt.xlsx"
    fake.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(ImportRefused, match="not a readable xlsx"):
        run_import("nzt", fake, store)


def test_import_cli_exit_codes(store, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n")
    refused = subprocess.run(
        [sys.executable, "-m", "data", "import", "template", str(bad), "--store", str(store)],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert refused.returncode == 2 and "refused, store unchanged" in refused.stderr
    nothing = tmp_path / "nothing.csv"
    pd.DataFrame([{"record": "inventory", "city_name": "Atlantis", "country_iso3": "GRC", "year": 2020,
                   "sector": "total", "emissions": 1, "unit": "tCO2e", "city_id": ""}]).to_csv(nothing, index=False)  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-m", "data", "import", "template", str(nothing), "--store", str(store)],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 1 and "unmatched city" in result.stdout


# ---- the template ---------------------------------------------------------------------------------


def template_rows() -> pd.DataFrame:
    rows = [
        {"record": "inventory", "city_id": 2761369, "year": 2019, "sector": "total", "emissions": 8.1, "unit": "MtCO2e"},
        {"record": "inventory", "city_name": "Graz", "country_iso3": "AUT", "year": 2019, "sector": "transport",
         "emissions": 450, "unit": "ktCO2e", "is_illustrative": "yes"},
        {"record": "target", "city_id": 2761369, "target_kind": "base_year", "base_year": 2005, "target_year": 2030,
         "reduction_pct": 55, "emissions": 9.0, "unit": "MtCO2e", "status": "in policy document"},
        {"record": "target", "city_id": 2761369, "target_kind": "net_zero", "target_year": 2040},
        {"record": "target", "city_id": 2761369, "target_kind": "base_year", "base_year": 2030, "target_year": 2020,
         "reduction_pct": 10},
        {"record": "target", "city_id": 2761369, "target_kind": "base_year", "base_year": 2010, "target_year": 2030,
         "reduction_pct": 140},
        {"record": "inventory", "city_id": 2761369, "year": 2019, "sector": "total", "emissions": 1, "unit": "tCO2e"},
        {"record": "inventory", "city_id": 99999999999, "year": 2019, "sector": "total", "emissions": 1, "unit": "t"},
        {"record": "inventory", "city_id": 2761369, "year": 1850, "sector": "total", "emissions": 1, "unit": "t"},
        {"record": "inventory", "city_id": 2761369, "year": 2018, "sector": "total", "emissions": "inf", "unit": "t"},
        {"record": "inventory", "city_id": 2761369, "year": 2017, "sector": "total", "emissions": -5, "unit": "t"},
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=COLUMNS)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_template_round_trip(store, tmp_path, suffix):
    path = tmp_path / f"template{suffix}"
    frame = template_rows()
    frame.to_csv(path, index=False) if suffix == ".csv" else frame.to_excel(path, index=False)
    report = run_import("template", path, store)
    assert (report.emissions_rows, report.targets_rows) == (2, 2)
    problems = {p.row: p.problem for p in report.problems}
    assert "is before 2030" in problems[6]
    assert "reduction of 140" in problems[7]
    assert "same as line 2" in problems[8]
    assert "no city with GeoNames id" in problems[9]
    assert "outside 1990-2100" in problems[10]
    assert "not a number" in problems[11] or "finite" in problems[11]
    assert 12 in problems
    assert emission(store, 2761369, 2019) == (pytest.approx(8.1e6), None, "reported", "CO2e", "not stated")
    with duckdb.connect(str(store), read_only=True) as con:
        graz = con.execute(
            "SELECT sector, emissions_tco2e, data_kind FROM emissions WHERE city_id = 2778067 "
            "AND starts_with(source_id, 'import-')"
        ).fetchone()
        targets = con.execute(
            "SELECT kind, base_year, target_year, reduction_pct, base_emissions_tco2e, target_emissions_tco2e, status "
            "FROM targets WHERE city_id = 2761369 AND starts_with(source_id, 'import-') ORDER BY target_year"
        ).fetchall()
    assert graz == ("transport", pytest.approx(450_000), "illustrative")
    assert targets[0] == (
        "base_year",
        2005,
        2030,
        55.0,
        pytest.approx(9e6),
        pytest.approx(4.05e6),
        "in policy document",
    )
    assert targets[1][:4] == ("net_zero", None, 2040, 100.0)


def test_template_formula_and_html_cells_stay_text(store, tmp_path):
    path = tmp_path / "t.csv"
    pd.DataFrame(
        [{"record": "inventory", "city_name": "=HYPERLINK(\"http://x\")", "country_iso3": "AUT", "year": 2019,
          "sector": "total", "emissions": 1, "unit": "t", "city_id": ""},
         {"record": "inventory", "city_name": "<script>alert(1)</script>'; DROP TABLE cities; --",
          "country_iso3": "AUT", "year": 2019, "sector": "total", "emissions": 1, "unit": "t", "city_id": ""}]
    ).to_csv(path, index=False)  # fmt: skip
    report = run_import("template", path, store)
    assert report.rows_imported == 0 and len(report.unmatched) == 2
    with duckdb.connect(str(store), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM cities").fetchone()[0] > 30_000


# ---- helpers ----------------------------------------------------------------------------------------


def test_header_key_matches_dotted_and_spaced_names():
    assert header_key("Base.year.emissions..metric.tonnes.CO2e.") == header_key(
        "Base year emissions (metric tonnes CO2e)"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1,234.5", 1234.5), ("", None), ("NA", None), ("-", None), ("1e3", 1000.0), (" 12 ", 12.0)],
)
def test_number(value, expected):
    assert number(value) == expected


@pytest.mark.parametrize("value", ["abc", "inf", "1e400", "12abc", "NaN1"])
def test_number_refuses(value):
    with pytest.raises(ValueError):
        number(value)


def test_accounting_year():
    assert accounting_year("2017-01-01 - 2017-12-31") == 2017
    assert accounting_year("2018-07-01 - 2019-06-30") == 2019
    assert accounting_year("-") is None


@needs_shared
def test_import_nzt_leaves_out_an_implausible_inventory_figure(store):
    report = run_import("nzt", NZT_300, store, dry_run=True)
    left_out = [p for p in report.problems if "inventory figure left out" in p.problem]
    assert len(left_out) == 1 and left_out[0].row == 5 and "4.24048e+12 tCO2e" in left_out[0].problem


def test_cdp_files_of_other_years_scope_sums_not_applicable_and_us_dates(store, tmp_path):
    """A layout of another year: blank totals with scope figures (summed and labelled), 'Question not applicable'
    in a numeric column, accounting years as US-format dates."""
    from data.importers.cdp_emissions import accounting_year

    assert accounting_year("2017-01-01 - 2017-12-31") == 2017
    assert accounting_year("07/01/2018 - 06/30/2019") == 2019 and accounting_year("12/31/2016") == 2016
    header = ("Organization,City,Country,City Location,Administrative city boundary,City-wide emissions inventory,"
              "Accounting year,TOTAL BASIC Emissions (GPC),TOTAL Scope 1 Emissions (metric tonnes CO2e),"
              "TOTAL Scope 2 emissions (metric tonnes CO2e),Primary Protocol\n")  # fmt: skip
    rows = (
        "City of Madrid,Madrid,Spain,POINT (-3.70 40.42),Same,Yes,01/01/2017 - 12/31/2017,Question not applicable,"
        '"6,000,000","2,000,000",GPC\n'
        "City of Berlin,Berlin,Germany,POINT (13.40 52.52),Same,Yes,2016-01-01 - 2016-12-31,Not Applicable,,,GPC\n"
    )
    path = tmp_path / "cdp-2023.csv"
    path.write_text(header + rows, encoding="utf-8")
    report = run_import("cdp-emissions", path, store)
    assert report.emissions_rows == 1 and report.skipped["no total emissions"] == 1  # Berlin: no figure at all
    madrid = emission(store, 3117735, 2017)
    assert madrid[0] == pytest.approx(8_000_000) and madrid[1].startswith("Scope 1 + Scope 2")
    with duckdb.connect(str(store), read_only=True) as con:
        derivation = con.execute(
            "SELECT derivation FROM emissions WHERE city_id = 3117735 AND starts_with(source_id, 'import-')"
        ).fetchone()[0]
    assert derivation == "Scope 1 + Scope 2, summed"
