"""Hostile files for every import format: a clean import or a clear error, and never a changed store on refusal."""

from __future__ import annotations

import importlib.util
import shutil
import zipfile
from pathlib import Path

import duckdb
import pytest

from data.importers import FORMATS, ImportRefused, run_import

FILES = Path(__file__).resolve().parents[1] / "hostile" / "files"
CORPUS = sorted(FILES.iterdir())


@pytest.fixture
def store(built_store, tmp_path) -> Path:
    path = tmp_path / "utmc.duckdb"
    shutil.copyfile(built_store, path)
    return path


def attempt(fmt: str, path: Path, store: Path):
    """(outcome, detail): 'refused' with the message, or 'imported' with the report. Anything else fails."""
    before = store.read_bytes()
    try:
        report = run_import(fmt, path, store)
    except ImportRefused as e:
        assert store.read_bytes() == before, f"{path.name}: refused but the store changed"
        assert len(str(e)) > 10
        return "refused", str(e)
    for p in report.problems:
        assert p.problem, f"{path.name}: a row problem without words"
    if report.rows_imported == 0:
        assert store.read_bytes() == before, f"{path.name}: nothing imported but the store changed"
    return "imported", report


def test_hostile_corpus_is_what_make_corpus_writes_for_real_formats(tmp_path, monkeypatch):
    """The committed files are the generator's output (not a count of the test's own inputs): a file edited, lost or
    never regenerated fails here, and every file names an importer that exists."""
    spec = importlib.util.spec_from_file_location("make_corpus", FILES.parent / "make_corpus.py")
    make_corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_corpus)
    monkeypatch.setattr(make_corpus, "FILES", tmp_path)
    written = {p.name: p for p in make_corpus.write_all()}
    assert sorted(written) == [p.name for p in CORPUS]
    for path in CORPUS:
        if path.suffix != ".xlsx":  # workbooks carry the time they were written
            assert path.read_bytes() == written[path.name].read_bytes(), path.name
    assert (
        {p.name.split("__")[0] for p in CORPUS} == {"template", "cdp-emissions", "cdp-targets", "nzt"} <= set(FORMATS)
    )


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_hostile_file(path, store):
    outcome, detail = attempt(path.name.split("__")[0], path, store)
    if outcome == "imported":
        with duckdb.connect(str(store), read_only=True) as con:
            assert con.execute("SELECT count(*) FROM cities").fetchone()[0] > 30_000  # nothing ran as SQL
            bad = con.execute(
                "SELECT count(*) FROM emissions WHERE NOT isfinite(emissions_tco2e) OR emissions_tco2e < 0"
            )
            assert bad.fetchone()[0] == 0


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("template__empty.csv", "the file is empty"),
        ("template__duplicated_columns.csv", "duplicated columns: ['year']"),
        ("template__missing_columns.csv", "missing columns ['record']"),
        ("nzt__macros.xlsx", "contains macros"),
        ("nzt__not_a_workbook.xlsx", "not a readable xlsx workbook"),
        ("cdp-emissions__old_layout.csv", "unknown layout for CDP city-wide emissions"),
    ],
)
def test_hostile_refusals_say_why(name, expected, store):
    outcome, detail = attempt(name.split("__")[0], FILES / name, store)
    assert outcome == "refused" and expected in detail


@pytest.mark.parametrize(
    ("name", "imported", "problem"),
    [
        ("template__latin1.csv", 1, None),
        ("template__utf16.csv", 1, None),
        ("template__semicolon.csv", 1, None),
        ("template__huge_number.csv", 0, "not a plausible city figure"),
        ("template__years_out_of_range.csv", 0, "outside 1990-2100"),
        ("template__target_before_base.csv", 0, "is before 2030"),
        ("template__reduction_over_100.csv", 0, "reduction of 140"),
        ("template__sql_injection.csv", 0, "city_id: an id is a whole number"),
        ("template__formulas.csv", 0, "no GeoNames city"),
        ("cdp-targets__bad_values.csv", 0, "reduction of 140"),
        ("nzt__bad_values.xlsx", 2, "is before 2060"),  # the row with a bad inventory figure keeps its targets
    ],
)
def test_hostile_row_level_errors(name, imported, problem, store):
    outcome, report = attempt(name.split("__")[0], FILES / name, store)
    assert outcome == "imported" and report.rows_imported == imported
    if problem:
        assert any(problem in p.problem for p in report.problems), [p.problem for p in report.problems]


def test_hostile_100_mb_file_is_refused_quickly(store, tmp_path):
    big = tmp_path / "big.csv"
    with big.open("w") as f:
        f.write("record,city_id,year,sector,emissions,unit\n")
        line = "inventory,3117735,2019,total,1,t\n"
        f.write(line * (100 * 1024 * 1024 // len(line)))
    outcome, detail = attempt("template", big, store)
    assert outcome == "refused" and "limit is 20.0 MiB" in detail


def test_hostile_zip_bomb_workbook_is_refused(store, tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    with (
        zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as z,
        z.open("xl/worksheets/sheet1.xml", "w") as f,
    ):
        chunk = b"0" * (1 << 20)
        for _ in range(210):
            f.write(chunk)
    assert bomb.stat().st_size < 2_000_000
    outcome, detail = attempt("nzt", bomb, store)
    assert outcome == "refused" and "unpacks to" in detail
