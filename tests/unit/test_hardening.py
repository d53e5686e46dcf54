"""Issue 20: hostile files made here, one class at a time (bombs, hangs, tracebacks, values, provenance).

Every refusal must be one line, exit 2 from the command line, leave the store byte-identical and leave no
temporary copy behind; bombs must be refused within seconds and a few hundred MB."""

from __future__ import annotations

import fcntl
import io
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest

import data.importers as importers
from data.__main__ import main
from data.importers import ImportRefused, run_import
from data.importers import template as template_module
from data.importers.reading import MAX_COLUMNS, shown_name, stored_name

ROOT = Path(__file__).resolve().parents[2]
MADRID = 3117735
HEADER = "record,city_id,year,sector,emissions,unit\n"


@pytest.fixture
def store(built_store, tmp_path) -> Path:
    path = tmp_path / "store" / "utmc.duckdb"
    path.parent.mkdir()
    shutil.copyfile(built_store, path)
    return path


def refused(fmt: str, path: Path, store: Path, **kw) -> str:
    """The refusal's message; the store unchanged and no temporary copy left beside it."""
    before = store.read_bytes()
    with pytest.raises(ImportRefused) as e:
        run_import(fmt, path, store, **kw)
    assert store.read_bytes() == before
    assert not [p for p in store.parent.iterdir() if ".importing" in p.name]
    message = str(e.value)
    assert "\n" not in message and len(message) > 10
    return message


def cli(*args: str, timeout: float = 60) -> tuple[int, str, float, int]:
    """Run `python -m data import …` in a fresh process: (exit code, stderr, seconds, peak memory in MB).

    Peak memory is the process's VmHWM: ru_maxrss would carry over the forking pytest's own peak."""
    code = (
        "import sys\n"
        "from data.__main__ import main\n"
        "c = main(sys.argv[1:])\n"
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
        "print('MAXRSS', hwm, file=sys.stderr)\n"
        "sys.exit(c)\n"
    )
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", code, "import", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )
    seconds = time.perf_counter() - started
    lines = proc.stderr.strip().splitlines()
    rss = int(lines[-1].split()[1]) // 1024 if lines and lines[-1].startswith("MAXRSS") else -1
    return proc.returncode, "\n".join(lines[:-1]), seconds, rss


# ---- workbooks written by hand ------------------------------------------------------------------------------
def workbook_with_sheet_xml(path: Path, sheet_xml: str) -> Path:
    """A real workbook (openpyxl) whose first sheet's XML is replaced by `sheet_xml`."""
    base = io.BytesIO()
    wb = openpyxl.Workbook()
    wb.active["A1"] = "x"
    wb.save(base)
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = sheet_xml.encode() if item.filename == "xl/worksheets/sheet1.xml" else src.read(item.filename)
            dst.writestr(item.filename, data)
    return path


def sheet_xml(rows: int, last_column: str, dimension: str | None) -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    body = "".join(
        f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>a</t></is></c><c r="{last_column}{i}"><v>1</v></c></row>'
        for i in range(1, rows + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{dim}<sheetData>{body}</sheetData></worksheet>"
    )


@pytest.mark.parametrize(
    ("dimension", "expected"),
    [("A1:XFD3000", "declares 16,384 columns"), ("A1:B2", "has a value in column 16,384"), (None, "column 16,384")],
)
def test_xlsx_touching_the_last_column_is_refused_fast(store, tmp_path, dimension, expected):
    bomb = workbook_with_sheet_xml(tmp_path / "wide.xlsx", sheet_xml(3000, "XFD", dimension))
    assert bomb.stat().st_size < 60_000
    started = time.perf_counter()
    message = refused("nzt", bomb, store)
    assert expected in message and f"limit is {MAX_COLUMNS:,}" in message
    assert time.perf_counter() - started < 10


def test_xlsx_bomb_through_the_cli_is_refused_within_10_s_and_500_mb(store, tmp_path):
    bomb = workbook_with_sheet_xml(tmp_path / "wide.xlsx", sheet_xml(20_000, "XFD", "A1:B2"))
    code, err, seconds, rss = cli("nzt", str(bomb), "--store", str(store))
    assert code == 2 and err.count("\n") == 0 and "column 16,384" in err, err
    assert seconds < 10 and 0 < rss < 500, (seconds, rss)


def test_xlsx_with_too_many_cells_or_rows_is_refused(store, tmp_path, monkeypatch):
    monkeypatch.setattr("data.importers.reading.MAX_CELLS", 5_000)
    bomb = workbook_with_sheet_xml(tmp_path / "long.xlsx", sheet_xml(4_000, "B", None))
    assert "cells (the limit)" in refused("nzt", bomb, store)
    monkeypatch.setattr("data.importers.reading.MAX_ROWS", 1_000)
    assert "rows" in refused("nzt", bomb, store)


def test_xlsx_read_past_the_deadline_is_refused(store, tmp_path, monkeypatch):
    monkeypatch.setattr("data.importers.reading.READ_SECONDS", 0.0)
    book = workbook_with_sheet_xml(tmp_path / "slow.xlsx", sheet_xml(3_000, "B", None))
    assert "took longer than 0 s (the limit)" in refused("nzt", book, store)


def test_big_sheet_declaring_no_dimension_is_refused_before_openpyxl_scans_it(store, tmp_path):
    five = "".join(f'<c r="{c}{{i}}"><v>1</v></c>' for c in "ABCDE")
    body = "".join(f'<row r="{i}">{five.format(i=i)}</row>' for i in range(1, 60_001))
    xml = sheet_xml(0, "B", None).replace("<sheetData></sheetData>", f"<sheetData>{body}</sheetData>")
    book = workbook_with_sheet_xml(tmp_path / "undeclared.xlsx", xml)
    started = time.perf_counter()
    assert "declares no dimension and unpacks to 9 MiB; the limit for such a sheet is 5 MiB" in refused(
        "nzt", book, store
    )
    assert time.perf_counter() - started < 5


def test_checking_a_file_past_the_import_time_limit_is_refused(store, tmp_path, monkeypatch):
    monkeypatch.setattr("data.importers.reading.IMPORT_SECONDS", 0.0)
    path = tmp_path / "many.csv"
    path.write_text(HEADER + "".join(f"inventory,{MADRID},{1990 + i % 100},total,{i},t\n" for i in range(3_000)))
    assert "checking the file took longer than 0 s (the limit)" in refused("template", path, store)


def test_zip_bomb_message_uses_one_unit(store, tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"0" * (210 * 2**20))
    message = refused("nzt", bomb, store)
    assert "210 MiB; the limit is 200 MiB" in message and " MB" not in message


def test_hidden_first_sheet_is_named_in_the_report(store, tmp_path):
    wb = openpyxl.Workbook()
    hidden = wb.active
    hidden.title = "Decoy"
    hidden.append(["name", "country"])
    hidden.sheet_state = "hidden"
    shown = wb.create_sheet("Cities")
    shown.append(["record", "city_id", "year", "sector", "emissions", "unit"])
    shown.append(["inventory", MADRID, 2019, "total", 1000, "t"])
    wb.save(tmp_path / "hidden.xlsx")
    report = run_import("template", tmp_path / "hidden.xlsx", store, dry_run=True)
    assert report.rows_imported == 1
    assert any("read sheet 'Cities'" in n and "'Decoy'" in n for n in report.notes), report.notes
    assert "hidden sheets not read: 'Decoy'" in report.summary()


# ---- CSV ---------------------------------------------------------------------------------------------------
def test_csv_with_200000_header_columns_is_refused_fast(store, tmp_path):
    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(f"c{i}" for i in range(200_000)) + "\n" + "x," * 10 + "\n")
    assert wide.stat().st_size > 1_000_000
    code, err, seconds, rss = cli("template", str(wide), "--store", str(store))
    assert code == 2 and "the header has 200,000 columns; the limit is 500 columns" in err
    assert seconds < 10 and 0 < rss < 500, (seconds, rss)


def test_csv_just_under_the_size_limit_refused_after_reading_stays_under_500_mb(store, tmp_path):
    fat = tmp_path / "fat.csv"
    row = f"inventory,{MADRID},2019,total,1,t," + ",".join(["abcdefghij" * 2] * 10) + "\n"
    fat.write_text(
        "nonsense,city_id,year,sector,emissions,unit," + ",".join(f"x{i}" for i in range(10)) + "\n" + row * 85_000
    )
    assert 19 * 2**20 < fat.stat().st_size < 20 * 2**20
    code, err, seconds, rss = cli("template", str(fat), "--store", str(store))
    assert code == 2 and "missing columns ['record']" in err
    assert seconds < 10 and 0 < rss < 500, (seconds, rss)


def test_csv_data_row_with_too_many_columns_is_refused(store, tmp_path):
    wide = tmp_path / "ragged.csv"
    wide.write_text(HEADER + "inventory,3117735,2019,total,1,t\n" + "," * 5_000 + "\n")
    assert "line 3 has 5,001 columns" in refused("template", wide, store)


def test_cr_only_line_endings_are_read(store, tmp_path):
    mac = tmp_path / "mac.csv"
    mac.write_bytes((HEADER + "inventory,3117735,2019,total,1000,t\n").replace("\n", "\r").encode())
    report = run_import("template", mac, store, dry_run=True)
    assert report.rows_imported == 1


def test_xlsx_bytes_named_csv_are_refused_in_one_line(store, tmp_path):
    wb = openpyxl.Workbook()
    wb.save(tmp_path / "book.xlsx")
    fake = tmp_path / "book.csv"
    shutil.copyfile(tmp_path / "book.xlsx", fake)
    assert "zip archive (an xlsx workbook?), not a CSV" in refused("template", fake, store)


# ---- values ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("written", ["3117735.9", "3.117735e6", '"3,117,735"', "3117735x", "-3117735"])
def test_city_id_is_a_whole_number_or_an_error(store, tmp_path, written):
    path = tmp_path / "ids.csv"
    path.write_text(HEADER + f"inventory,{written},2019,total,1000,t\n")
    report = run_import("template", path, store, dry_run=True)
    assert report.rows_imported == 0
    assert "city_id: an id is a whole number" in report.problems[0].problem


def test_city_id_written_as_a_float_integer_is_taken(store, tmp_path):
    path = tmp_path / "ids.csv"
    path.write_text(HEADER + "inventory,3117735.0,2019,total,1000,t\n")
    assert run_import("template", path, store, dry_run=True).rows_imported == 1


def semicolon_file(tmp_path: Path, values: list[str]) -> Path:
    path = tmp_path / "eu.csv"
    body = "".join(f"inventory;{MADRID};{2000 + i};total;{v};t\n" for i, v in enumerate(values))
    path.write_text(HEADER.replace(",", ";") + body)
    return path


def stored_figures(store: Path) -> list[float]:
    with duckdb.connect(str(store), read_only=True) as con:
        return [
            r[0]
            for r in con.execute(
                "SELECT emissions_tco2e FROM emissions WHERE starts_with(source_id, 'import-') ORDER BY year"
            ).fetchall()
        ]


def test_semicolon_file_with_decimal_commas_is_read_as_such(store, tmp_path):
    run_import("template", semicolon_file(tmp_path, ["8,1", "12,345", "1.234,5"]), store)
    assert stored_figures(store) == [8.1, 12.345, 1234.5]


def test_semicolon_file_with_only_ambiguous_numbers_is_refused(store, tmp_path):
    message = refused("template", semicolon_file(tmp_path, ["12,345", "1,000"]), store)
    assert "ambiguous numbers" in message and "'12,345'" in message


def test_semicolon_file_mixing_conventions_is_refused(store, tmp_path):
    assert "mixes decimal conventions" in refused("template", semicolon_file(tmp_path, ["8,1", "8.15"]), store)


def test_semicolon_file_with_decimal_points_keeps_them(store, tmp_path):
    run_import("template", semicolon_file(tmp_path, ["8.1", "12,345.5"]), store)
    assert stored_figures(store) == [8.1, 12345.5]


def test_repeated_targets_are_kept_once_and_reported_like_inventories(store, tmp_path):
    path = tmp_path / "targets.csv"
    head = "record,city_id,target_kind,base_year,target_year,reduction_pct\n"
    path.write_text(head + f"target,{MADRID},base_year,2005,2030,55\n" * 20_000)
    report = run_import("template", path, store)
    assert report.targets_rows == 1 and report.skipped["duplicate target"] == 19_999
    assert "same target as line 2" in report.problems[0].problem
    with duckdb.connect(str(store), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM targets WHERE starts_with(source_id, 'import-')").fetchone()[0] == 1


# ---- provenance and names ------------------------------------------------------------------------------------
def test_a_file_replaced_mid_import_cannot_mix_two_files(store, tmp_path, monkeypatch):
    first = tmp_path / "data.csv"
    first.write_text(HEADER + f"inventory,{MADRID},2019,total,1000,t\n")
    parse = template_module.parse

    def swap_then_parse(path, matcher, report):
        first.write_text(HEADER + f"inventory,{MADRID},2019,total,9999999,t\n")  # the original is replaced
        return parse(path, matcher, report)

    monkeypatch.setattr(template_module, "parse", swap_then_parse)
    expected = importers.reading.hashlib.sha256(first.read_bytes()).hexdigest()
    report = run_import("template", first, store)
    assert report.source_id == f"import-{expected[:16]}"
    assert stored_figures(store) == [1000.0]


def test_a_file_deleted_mid_import_is_still_read_whole(store, tmp_path, monkeypatch):
    doomed = tmp_path / "gone.csv"
    doomed.write_text(HEADER + f"inventory,{MADRID},2019,total,1000,t\n")
    parse = template_module.parse

    def delete_then_parse(path, matcher, report):
        doomed.unlink()
        return parse(path, matcher, report)

    monkeypatch.setattr(template_module, "parse", delete_then_parse)
    assert run_import("template", doomed, store).rows_imported == 1


def test_file_names_are_shown_escaped_and_stored_cleaned(store, tmp_path):
    name = "evil\nrows imported  999,999\x1b[31m.csv"
    path = tmp_path / name
    path.write_text(HEADER + f"inventory,{MADRID},2019,total,1000,t\n")
    report = run_import("template", path, store)
    summary = report.summary()
    assert "\x1b" not in summary and "\\n" in summary and "\\x1b" in summary
    assert sum(line.lstrip().startswith("rows imported") for line in summary.splitlines()) == 1  # no forged line
    with duckdb.connect(str(store), read_only=True) as con:
        title, citation = con.execute(
            "SELECT title, citation FROM sources WHERE source_id = ?", [report.source_id]
        ).fetchone()
    assert "\n" not in title + citation and "\x1b" not in title + citation
    assert stored_name(name) in title and shown_name("a\nb") == "a\\nb"


def test_meta_text_is_one_clean_line_and_url_must_be_http(store, tmp_path):
    path = tmp_path / "ok.csv"
    path.write_text(HEADER + f"inventory,{MADRID},2019,total,1000,t\n")
    assert "--url must be an http or https address" in refused(
        "template", path, store, meta={"url": "javascript:alert(1)"}
    )
    report = run_import("template", path, store, meta={"publisher": "A\nB\x1b", "url": "https://x.example/a"})
    with duckdb.connect(str(store), read_only=True) as con:
        publisher, url = con.execute(
            "SELECT publisher, url FROM sources WHERE source_id = ?", [report.source_id]
        ).fetchone()
    assert publisher == "A B" and url == "https://x.example/a"


# ---- things that are not files, and files that are not there ------------------------------------------------
def test_fifo_device_directory_and_missing_file_are_refused_before_reading(store, tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    started = time.perf_counter()
    assert "a pipe (FIFO); only regular files" in refused("template", fifo, store)
    assert "a device; only regular files" in refused("template", Path("/dev/zero"), store)
    assert "a directory; only regular files" in refused("template", tmp_path, store)
    assert "no such file" in refused("template", tmp_path / "missing.csv", store)
    assert time.perf_counter() - started < 10


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: os.mkfifo(p), "a pipe (FIFO)"),
        (lambda p: p.mkdir(), "a directory"),
        (lambda p: None, "no such file"),
        (lambda p: p.write_bytes(b"\r".join([b"record,city_id", b"inventory,zzz"])), "nothing could be imported"),
    ],
)
def test_cli_refusals_are_exit_2_and_one_line(store, tmp_path, make, expected):
    target = tmp_path / "input.csv"
    make(target)
    code, err, seconds, _ = cli("template", str(target), "--store", str(store), timeout=30)
    if expected == "nothing could be imported":  # a CR-only file is read, its bad row reported: exit 1, no traceback
        assert code == 1 and "Traceback" not in err
        return
    assert code == 2 and err.startswith("refused, store unchanged: ") and expected in err and "\n" not in err, err
    assert seconds < 10


def test_a_store_that_is_not_duckdb_is_refused(tmp_path):
    fake = tmp_path / "utmc.duckdb"
    fake.write_bytes(b"this is not a database" * 100)
    path = tmp_path / "ok.csv"
    path.write_text(HEADER + f"inventory,{MADRID},2019,total,1000,t\n")
    before = fake.read_bytes()
    assert main(["import", "template", str(path), "--store", str(fake)]) == 2
    assert fake.read_bytes() == before
    assert main(["import", "template", str(path), "--store", str(tmp_path)]) == 2  # a directory as --store


def test_a_read_only_store_is_respected(store, tmp_path):
    path = tmp_path / "ok.csv"
    path.write_text(HEADER + f"inventory,{MADRID},2019,total,1000,t\n")
    store.chmod(0o444)
    try:
        assert "is read-only (mode 0444)" in refused("template", path, store)
        assert oct(store.stat().st_mode & 0o777) == "0o444"
    finally:
        store.chmod(0o644)


def test_the_store_keeps_its_mode(store, tmp_path):
    path = tmp_path / "ok.csv"
    path.write_text(HEADER + f"inventory,{MADRID},2019,total,1000,t\n")
    store.chmod(0o640)
    run_import("template", path, store)
    assert store.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("errno_name", ["ENOSPC", "EACCES", "EROFS"])
def test_disk_full_or_unwritable_directory_is_a_refusal_with_nothing_left(store, tmp_path, monkeypatch, errno_name):
    import errno

    path = tmp_path / "ok.csv"
    path.write_text(HEADER + f"inventory,{MADRID},2019,total,1000,t\n")

    def fail_half_way(tmp, source, batch, report):
        Path(tmp).write_bytes(b"partial")  # a part of the copy was written when the disk filled
        raise OSError(getattr(errno, errno_name), os.strerror(getattr(errno, errno_name)))

    monkeypatch.setattr(importers, "write_file", fail_half_way)
    message = refused("template", path, store)
    assert ("no space left" if errno_name == "ENOSPC" else "no permission to write") in message


def test_copy_failing_on_a_full_disk_leaves_no_partial_copy(store, tmp_path, monkeypatch):
    import errno

    path = tmp_path / "ok.csv"
    path.write_text(HEADER + f"inventory,{MADRID},2019,total,1000,t\n")

    def copy_until_full(src, dst):
        Path(dst).write_bytes(b"x" * 1000)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(importers.shutil, "copyfile", copy_until_full)
    assert "no space left on the disk" in refused("template", path, store)


def test_ctrl_c_is_a_refusal_with_nothing_left(store, tmp_path, monkeypatch, capsys):
    path = tmp_path / "ok.csv"
    path.write_text(HEADER + f"inventory,{MADRID},2019,total,1000,t\n")
    before = store.read_bytes()

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(importers, "write_file", interrupted)
    assert main(["import", "template", str(path), "--store", str(store)]) == 2
    assert "refused, store unchanged: interrupted (Ctrl-C)" in capsys.readouterr().err
    assert store.read_bytes() == before
    assert not [p for p in store.parent.iterdir() if ".importing" in p.name]


# ---- the lock ----------------------------------------------------------------------------------------------------
def test_an_import_waiting_for_the_lock_says_so_and_gives_up(store, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(importers, "LOCK_WAIT_SECONDS", 1.0)
    path = tmp_path / "ok.csv"
    path.write_text(HEADER + f"inventory,{MADRID},2019,total,1000,t\n")
    said = []
    with open(store.with_name(f".{store.name}.lock"), "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # a stopped (not dead) import holds it
        started = time.perf_counter()
        message = refused("template", path, store, progress=lambda f, m: said.append(m))
        waited = time.perf_counter() - started
    assert "held the store's lock for 1 s (the limit)" in message and 1.0 <= waited < 5
    assert "waiting for another import to finish" in capsys.readouterr().err
    assert any("waiting for another import" in m for m in said)
    assert run_import("template", path, store).committed  # once released, the import goes through


def test_frame_from_a_hostile_workbook_keeps_pandas_shapes(tmp_path):
    """The hand-rolled reader gives what pd.read_excel gave: header row, whole floats as ints, blanks as None."""
    from data.importers.nzt import read_xlsx

    frame = pd.DataFrame({"a": [1.0, 2.5, None], "b": ["x", None, "z"], "a ": [3, 4, 5]})
    frame.to_excel(tmp_path / "f.xlsx", index=False)
    read = read_xlsx(tmp_path / "f.xlsx")
    assert list(read.columns) == ["a", "b", "a"]  # as pandas: "a " is another name until cleaned
    first = read.iloc[:, 0].tolist()
    assert first[:2] == [1, 2.5] and pd.isna(first[2]) and read.iloc[:, 2].tolist() == [3, 4, 5]


def test_a_real_ctrl_c_while_waiting_for_the_lock_is_exit_2_with_nothing_left(store, tmp_path):
    import signal

    path = tmp_path / "ok.csv"
    path.write_text(HEADER + f"inventory,{MADRID},2019,total,1000,t\n")
    before = store.read_bytes()
    with open(store.with_name(f".{store.name}.lock"), "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        proc = subprocess.Popen(
            [sys.executable, "-m", "data", "import", "template", str(path), "--store", str(store)],
            cwd=ROOT, stderr=subprocess.PIPE, text=True, env={**os.environ, "UTMC_LOCK_WAIT_SECONDS": "60"},
        )  # fmt: skip
        first = proc.stderr.readline()  # printed as soon as the lock is found held
        assert "waiting for another import to finish (giving up after 60 s)" in first
        proc.send_signal(signal.SIGINT)
        err = proc.stderr.read()
        assert proc.wait(timeout=20) == 2
    assert err.strip() == "refused, store unchanged: interrupted (Ctrl-C)"
    assert store.read_bytes() == before
    assert not [p for p in store.parent.iterdir() if ".importing" in p.name]


def test_an_unforeseen_error_is_still_one_line_and_exit_2(store, tmp_path, monkeypatch, capsys):
    path = tmp_path / "ok.csv"
    path.write_text(HEADER + f"inventory,{MADRID},2019,total,1000,t\n")

    def broken(*args):
        raise AttributeError("'NoneType' object has no attribute 'x'")

    monkeypatch.setattr(template_module, "parse", broken)
    monkeypatch.delenv("UTMC_DEBUG", raising=False)
    assert main(["import", "template", str(path), "--store", str(store)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("refused, store unchanged: unexpected AttributeError") and "\n" not in err


def test_the_build_widens_the_read_limit_for_its_own_seed_files_only():
    """A busy machine must not refuse the build's committed files; an upload keeps the 6 s limit."""
    import time

    from data.importers import reading

    with reading.read_seconds(120):
        with reading.time_limit(None, "reading the file"):
            limit = reading._deadline.get()[0] - time.monotonic()
    assert 110 < limit <= 120
    with reading.time_limit(None, "reading the file"):
        limit = reading._deadline.get()[0] - time.monotonic()
    assert limit <= reading.READ_SECONDS
