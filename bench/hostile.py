"""Time and peak memory of each bomb's refusal, through the command line: `python -m bench.hostile STORE`.

Not a test (tests/unit/test_hardening.py asserts the generous bounds); this prints the numbers SECURITY.md
quotes. Each file is made here, in a temporary folder, the way tests/unit/test_hardening.py makes them."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROBE = (
    "import sys\n"
    "from data.__main__ import main\n"
    "c = main(sys.argv[1:])\n"
    "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
    "print('VMHWM', hwm, file=sys.stderr)\n"
    "sys.exit(c)\n"
)


def workbook(path: Path, sheet_xml: bytes, shared: bytes | None = None) -> Path:
    import openpyxl

    base = io.BytesIO()
    wb = openpyxl.Workbook()
    wb.active["A1"] = "x"
    wb.save(base)
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = sheet_xml if item.filename == "xl/worksheets/sheet1.xml" else src.read(item.filename)
            dst.writestr(item.filename, data)
        if shared is not None:
            dst.writestr("xl/sharedStrings.xml", shared)
    return path


def sheet(rows: int, cells: str, dimension: str | None) -> bytes:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    body = "".join(f'<row r="{i}">{cells.format(i=i)}</row>' for i in range(1, rows + 1))
    return (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        f'2006/main">{dim}<sheetData>{body}</sheetData></worksheet>'
    ).encode()


XFD = '<c r="A{i}" t="inlineStr"><is><t>a</t></is></c><c r="XFD{i}"><v>1</v></c>'
FIVE = "".join(f'<c r="{c}{{i}}"><v>1</v></c>' for c in "ABCDE")


def cases(tmp: Path) -> list[tuple[str, str, Path]]:
    out = []
    for rows, label in ((1_500, "13 KB-class"), (6_000, "47 KB-class")):
        for dim in ("A1:XFD1", None):
            p = workbook(tmp / f"xfd-{rows}-{dim}.xlsx", sheet(rows, XFD, dim and f"A1:XFD{rows}"))
            out.append((f"xlsx, {rows:,} rows touching XFD, {label}, dimension {'declared' if dim else 'absent'}",
                        "nzt", p))  # fmt: skip
    p = workbook(tmp / "cells.xlsx", sheet(700_000, FIVE, None))
    out.append(("xlsx, 700,000 rows x 5 cells (3.5 M cells, no dimension)", "nzt", p))
    p = workbook(tmp / "cells-lying.xlsx", sheet(700_000, FIVE, "A1:E10"))
    out.append(("xlsx, 700,000 rows x 5 cells, dimension says A1:E10", "nzt", p))
    bomb = tmp / "zipbomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"0" * (210 * 2**20))
    out.append(("xlsx zip bomb, 210 MiB of zeros", "nzt", bomb))
    strings = b"<sst>" + b"<si><t>" + b"x" * 25 * 2**20 + b"</t></si></sst>"
    out.append(
        ("xlsx with a 25 MiB shared-strings table", "nzt", workbook(tmp / "sst.xlsx", sheet(1, FIVE, None), strings))
    )
    wide = tmp / "wide.csv"
    wide.write_text(",".join(f"c{i}" for i in range(200_000)) + "\n")
    out.append((f"CSV, 200,000 header columns ({wide.stat().st_size / 1e6:.1f} MB)", "template", wide))
    big = tmp / "big.csv"
    with big.open("w") as f:
        f.write("record,city_id,year,sector,emissions,unit\n" + "inventory,3117735,2019,total,1,t\n" * 3_300_000)
    out.append((f"CSV, {big.stat().st_size / 2**20:.0f} MiB", "template", big))
    fat = tmp / "fat.csv"
    row = "inventory,3117735,2019,total,1,t," + ",".join(["abcdefghij" * 2] * 10) + "\n"
    fat.write_text(
        "recordx,city_id,year,sector,emissions,unit," + ",".join(f"x{i}" for i in range(10)) + "\n" + row * 85_000
    )
    out.append(
        (f"CSV of {fat.stat().st_size / 2**20:.1f} MiB, 85,000 rows, refused after reading (layout)", "template", fat)
    )
    fifo = tmp / "fifo.csv"
    os.mkfifo(fifo)
    out.append(("FIFO with no writer", "template", fifo))
    out.append(("/dev/zero", "template", Path("/dev/zero")))
    return out


def main(store: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for label, fmt, path in cases(Path(tmp)):
            started = time.perf_counter()
            proc = subprocess.run([sys.executable, "-c", PROBE, "import", fmt, str(path), "--store", store],
                                  cwd=ROOT, capture_output=True, text=True, timeout=120)  # fmt: skip
            seconds = time.perf_counter() - started
            lines = proc.stderr.strip().splitlines()
            mb = int(lines[-1].split()[1]) / 1024 if lines and lines[-1].startswith("VMHWM") else float("nan")
            size = path.stat().st_size if path.is_file() else 0
            message = lines[0] if lines else ""
            row = [label, f"{size / 1e3:,.0f} KB", f"exit {proc.returncode}", f"{seconds:.1f} s", f"{mb:.0f} MB"]
            row.append(message)
            print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "data" / "utmc.duckdb"))
