"""The member-list importer (data/importers/members.py): hostile and ambiguous rows, add vs replace,
idempotence, dry runs, declaring a network. Expected values worked out by hand from GeoNames (cities15000):
Portland OR 5746545 (652,503 people), Portland ME 4975802 (66,881), Portland TX 4720131 (16,116);
Lisbon 2267057 (a seeded UTM member), Nairobi 184745 (not a member). The default store has 16 UTM members."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from data.importers import ImportRefused
from data.importers.members import NetworkDeclaration, example_frame, parse_year, run_members_import

ROOT = Path(__file__).resolve().parents[2]
HEADER = "city,country,latitude,longitude,geonames_id,source,joined,cohort,note\n"
UTM_SEEDED = 16


@pytest.fixture
def store(built_store, tmp_path) -> Path:
    path = tmp_path / "utmc.duckdb"
    shutil.copyfile(built_store, path)
    return path


def write(tmp_path: Path, body: str, name: str = "members.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def members(store: Path, network: str = "utm") -> dict[int, tuple]:
    with duckdb.connect(str(store), read_only=True) as con:
        rows = con.execute(
            "SELECT city_id, member_name, joined_year, cohort, note, source_id FROM memberships WHERE network_id = ?",
            [network],
        ).fetchall()
    return {r[0]: r[1:] for r in rows}


HOSTILE = (
    "Portland,United States,,,,https://example.org/utm-list,2023,COP28,\n"  # 2: ambiguous, three Portlands
    "Portland,USA,45.52,-122.68,,https://example.org/utm-list,2023-11-14,COP28,\n"  # 3: Oregon by coordinates
    '"Portland, ME",USA,,,,https://example.org/utm-list,14/11/2023,COP28,\n'  # 4: Maine by its state
    "Miami-Dade County,USA,,,,https://example.org/utm-list,2023,COP28,\n"  # 5: a county
    "Hallstatt,Austria,,,,https://example.org/utm-list,2023,,\n"  # 6: under 15,000 people
    "Nairobi,Kenya,,,,,2023,,\n"  # 7: no source
    "Nairobi,KEN,,,,Email from the UTM secretariat of 2024-03-01,2023,COP28,\n"  # 8: a document reference
    "Kigali,RWA,,,,javascript:alert(1),2023,,\n"  # 9: not a web address
    "Accra,GHA,,,,https://example.org/utm-list,1800,,\n"  # 10: joined year implausible
    "Nowhere,Atlantis,,,,https://example.org/utm-list,2023,,\n"  # 11: no such country
    "Portland,USA,45.5,-122.7,,https://example.org/utm-list,2023,COP28,again\n"  # 12: same city as line 3
)


def test_hostile_and_ambiguous_rows_are_reported_row_by_row(store, tmp_path):
    report = run_members_import(write(tmp_path, HOSTILE), store, NetworkDeclaration("utm"))
    problems = {p.row: (p.column, p.problem) for p in report.problems}
    assert report.rows_read == 11
    assert report.rows_imported == 3  # lines 3, 4, 8
    assert sorted(problems) == [2, 5, 6, 7, 9, 10, 11, 12]
    # the two (three) Portlands: refused, with the candidates listed, biggest first
    column, text = problems[2]
    assert column == "city" and text.startswith("ambiguous: 3 places named 'Portland' in USA")
    assert text.index("GeoNames 5746545") < text.index("GeoNames 4975802") < text.index("GeoNames 4720131")
    assert "county or region, not a city" in problems[5][1]
    assert "15,000+" in problems[6][1]
    assert problems[7][0] == "source" and "a source is required" in problems[7][1]
    assert problems[9][0] == "source" and "http or https" in problems[9][1]
    assert problems[10][0] == "joined" and "1800" in problems[10][1]
    assert problems[11][0] == "country"
    assert problems[12] == ("city", "same city as line 3")
    got = members(store)
    assert got[5746545][:3] == ("Portland", 2023, "COP28")  # Oregon, joined from a date
    assert got[4975802][:3] == ("Portland, ME", 2023, "COP28")  # Maine, from 14/11/2023
    assert got[184745][:3] == ("Nairobi", 2023, "COP28")
    assert got[184745][4].startswith("doc-")  # the document reference is its own source
    assert len(got) == UTM_SEEDED + 3
    with duckdb.connect(str(store), read_only=True) as con:
        title = con.execute("SELECT title, url FROM sources WHERE source_id = ?", [got[184745][4]]).fetchone()
    assert title == ("Email from the UTM secretariat of 2024-03-01", None)


def test_add_keeps_the_others_and_replace_says_who_leaves(store, tmp_path):
    body = (
        "Lisbon,Portugal,,,,https://example.org/utm-list,2022,COP27,\n"  # already a member: updated
        "Nairobi,Kenya,,,,https://example.org/utm-list,2023,COP28,\n"  # joins
    )
    path = write(tmp_path, body)
    added = run_members_import(path, store, NetworkDeclaration("utm"))
    assert (added.joining, [c for c, _ in added.updated], added.leaving) == ([(184745, "Nairobi")], [2267057], [])
    assert len(members(store)) == UTM_SEEDED + 1
    replaced = run_members_import(path, store, NetworkDeclaration("utm"), replace=True)
    assert replaced.joining == [] and replaced.unchanged == 2
    assert len(replaced.leaving) == UTM_SEEDED - 1  # all seeded members but Lisbon
    assert "Kochi" in {name for _, name in replaced.leaving} and 2267057 not in {c for c, _ in replaced.leaving}
    assert set(members(store)) == {2267057, 184745}
    assert "leaves: Kochi (GeoNames 1273874)" in replaced.summary()


def test_importing_the_same_list_twice_changes_nothing(store, tmp_path):
    path = write(tmp_path, HOSTILE)
    first = run_members_import(path, store, NetworkDeclaration("utm"))
    after_first = sha(store)
    second = run_members_import(path, store, NetworkDeclaration("utm"))
    assert first.committed and not second.committed
    assert (second.joining, second.updated, second.unchanged) == ([], [], 3)
    assert sha(store) == after_first


def test_dry_run_writes_nothing(store, tmp_path):
    before = sha(store)
    report = run_members_import(write(tmp_path, HOSTILE), store, NetworkDeclaration("utm"), replace=True, dry_run=True)
    assert report.rows_imported == 3 and len(report.leaving) == UTM_SEEDED and not report.committed
    assert sha(store) == before


def test_a_new_network_needs_a_name_and_url(store, tmp_path):
    path = write(tmp_path, "Nairobi,Kenya,,,,https://example.org/list,2024,,\n")
    with pytest.raises(ImportRefused, match="--network-name"):
        run_members_import(path, store, NetworkDeclaration("utm_africa"))
    with pytest.raises(ImportRefused, match="reference list"):
        run_members_import(path, store, NetworkDeclaration("gcom_jrc"))
    report = run_members_import(
        path, store, NetworkDeclaration("utm_africa", "UTM Africa hub", "https://example.org/africa")
    )
    assert report.declared and report.committed
    assert set(members(store, "utm_africa")) == {184745}
    with duckdb.connect(str(store), read_only=True) as con:
        assert con.execute(
            "SELECT short_name, is_reference FROM networks WHERE network_id = 'utm_africa'"
        ).fetchone() == (
            "UTM Africa hub",
            False,
        )


def test_a_list_with_nothing_usable_cannot_empty_a_network(store, tmp_path):
    with pytest.raises(ImportRefused, match="would empty"):
        run_members_import(
            write(tmp_path, "Nairobi,Kenya,,,,,2023,,\n"), store, NetworkDeclaration("utm"), replace=True
        )
    assert len(members(store)) == UTM_SEEDED


def test_xlsx_lists_and_the_template_example_import(store, tmp_path):
    path = tmp_path / "template.xlsx"
    example_frame().to_excel(path, index=False)
    report = run_members_import(path, store, NetworkDeclaration("utm"))
    assert report.rows_imported == 1 and report.updated == [(648900, "Lappeenranta")]
    assert members(store)[648900][1:3] == (2023, "COP27")


@pytest.mark.parametrize(("value", "year"), [("2023", 2023), ("2023-11-14", 2023), ("14/11/2023", 2023),
                                             ("2023.0", 2023), ("", None)])  # fmt: skip
def test_joined_years(value, year):
    assert parse_year(value) == year


@pytest.mark.parametrize("value", ["last year", "1989", "23/13", "2023-11-14-01"])
def test_joined_refuses(value):
    with pytest.raises(ValueError):
        parse_year(value)


def test_cli_members(store, tmp_path):
    path = write(tmp_path, "Nairobi,Kenya,,,,https://example.org/list,2024,,\n")
    run = lambda *a: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "data", "import", "members", str(path), "--store", str(store), *a],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    missing = run()
    assert missing.returncode == 2 and "--network" in missing.stderr
    ok = run("--network", "utm", "--dry-run")
    assert ok.returncode == 0 and "1 joining" in ok.stdout and "dry run: nothing written" in ok.stdout
