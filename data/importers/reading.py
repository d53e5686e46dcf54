"""Reading an outside file before trusting it: every read is bounded before it starts.

A file is copied once, through one file descriptor, into a private directory (the copy is what gets hashed
and parsed, so a file replaced mid-import cannot put its rows under another file's source id), after
checking that it is a regular file (a FIFO, a device or a directory is refused before any byte is read) of
at most MAX_FILE_BYTES. Tables are then read under a budget: MAX_COLUMNS columns, MAX_ROWS rows,
MAX_CELLS cells of a worksheet, and a wall-clock deadline (READ_SECONDS for reading the file,
IMPORT_SECONDS for the whole check), each refused with a message naming the limit. SECURITY.md lists them.
"""

from __future__ import annotations

import contextvars
import errno
import hashlib
import os
import re
import shutil
import stat
import tempfile
import time
import unicodedata
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from data.importers.messages import N_, Message, Num, local

MIB = 2**20
MAX_FILE_BYTES = 20 * MIB  # the largest public releases are a few MB; 20 MiB of CSV text peaks near 400 MB
MAX_UNZIPPED_BYTES = 200 * MIB  # a workbook's members, unpacked
MAX_ZIP_MEMBERS = 1_000
MAX_COMPRESSION_RATIO = 200  # a member unpacking to over 200 times its packed size is a bomb, not a sheet
MAX_COLUMNS = 500  # the widest layout we read has 16 columns
MAX_ROWS = 200_000  # data rows of a table
MAX_UNDECLARED_SHEET_BYTES = 5 * MIB  # a sheet without a <dimension> is scanned whole by openpyxl just to open it
MAX_SHARED_STRINGS_BYTES = 20 * MIB  # a workbook's text table is read whole into memory: bound it
MAX_CELLS = 3_000_000  # cells a worksheet may hold (filled or styled), blank ones included
READ_SECONDS = float(os.environ.get("UTMC_IMPORT_READ_SECONDS") or 6)  # reading one file into a table
IMPORT_SECONDS = float(os.environ.get("UTMC_IMPORT_SECONDS") or 120)  # reading, checking and matching its rows


class ImportRefused(Exception):
    """The whole file was refused (unknown layout, unreadable, too large, over a limit); the store is untouched.

    Its message is usually a messages.Message: str(e) says it in the current language (English on the command
    line and in tests), `english` always in English (for logs)."""

    def __str__(self) -> str:
        return str(local(self.args[0])) if len(self.args) == 1 else super().__str__()

    @property
    def english(self) -> str:
        return super().__str__()


_deadline: contextvars.ContextVar[tuple[float, str] | None] = contextvars.ContextVar("deadline", default=None)
_read_seconds: contextvars.ContextVar[float | None] = contextvars.ContextVar("read_seconds", default=None)
_notes: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar("notes", default=None)


@contextmanager
def time_limit(seconds: float | None, what: str) -> Iterator[None]:
    """Within this block check_deadline() refuses once `seconds` have passed (the earlier of nested limits)."""
    if seconds is None:  # read at call time (tests lower it); the build widens it for its own seed files
        seconds = _read_seconds.get() or READ_SECONDS
    outer = _deadline.get()
    template = TOOK_LONGER.get(what, N_("{what} took longer than {seconds} s (the limit)"))
    mine = (time.monotonic() + seconds, Message(template, what=what, seconds=Num(seconds, "g")))
    token = _deadline.set(min(outer, mine) if outer else mine)
    try:
        yield
    finally:
        _deadline.reset(token)


TOOK_LONGER = {
    "reading the file": N_("reading the file took longer than {seconds} s (the limit)"),
    "checking the file": N_("checking the file took longer than {seconds} s (the limit)"),
}


@contextmanager
def read_seconds(seconds: float) -> Iterator[None]:
    """Within this block a file's read may take `seconds` instead of READ_SECONDS: for the build's own committed
    seed files, which are ours and trusted, on a machine that may be busy (the 6 s limit is for uploads)."""
    token = _read_seconds.set(seconds)
    try:
        yield
    finally:
        _read_seconds.reset(token)


def check_deadline() -> None:
    limit = _deadline.get()
    if limit is not None and time.monotonic() > limit[0]:
        raise ImportRefused(limit[1])


@contextmanager
def collecting_notes() -> Iterator[list[str]]:
    """Notes the readers leave for the report (e.g. which sheet of a workbook was read)."""
    notes: list[str] = []
    token = _notes.set(notes)
    try:
        yield notes
    finally:
        _notes.reset(token)


def note(message: str) -> None:
    notes = _notes.get()
    if notes is not None:
        notes.append(message)


# --- file names ---------------------------------------------------------------------------------------------
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


def stored_name(name: str) -> str:
    """A file name as stored in titles and citations: control and direction characters become '_'."""
    return _CONTROL.sub("_", unicodedata.normalize("NFC", str(name)))[:200] or "_"


def shown_name(name: str, limit: int = 300) -> str:
    """A file name as printed in a report: control characters written as escapes (\\n, \\x1b), on one line."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(name))[:limit]


def clean_meta(value: str | None) -> str | None:
    """A --publisher/--licence/--credit/--title value: one line, no control characters."""
    if value is None:
        return None
    return re.sub(r"\s+", " ", _CONTROL.sub(" ", str(value))).strip() or None


# --- the file itself ----------------------------------------------------------------------------------------
def _describe(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _size_text(n: int) -> Message:
    return Message(N_("{n} MiB"), n=Num(n / MIB, ",.1f")) if n >= MIB else Message(N_("{n} bytes"), n=Num(n))


def check_regular(path: Path) -> os.stat_result:
    """stat (never open) the path: refuse what is not a regular, non-empty file within MAX_FILE_BYTES."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise ImportRefused(Message(N_("no such file: {path}"), path=shown_name(str(path)))) from None
    except PermissionError:
        raise ImportRefused(Message(N_("permission denied reading {path}"), path=shown_name(str(path)))) from None
    except OSError as e:
        raise ImportRefused(
            Message(N_("cannot read {path}: {error}"), path=shown_name(str(path)), error=e.strerror)
        ) from None
    check_stat(st)
    return st


def check_stat(st: os.stat_result) -> None:
    kind = _describe(st.st_mode)
    if kind:
        raise ImportRefused(Message(NOT_REGULAR[kind]))
    if st.st_size == 0:
        raise ImportRefused(Message(N_("the file is empty")))
    if st.st_size > MAX_FILE_BYTES:
        raise ImportRefused(Message(N_("the file is {size}; the limit is {limit}"), size=_size_text(st.st_size),
                                    limit=_size_text(MAX_FILE_BYTES)))  # fmt: skip


NOT_REGULAR = {
    "a directory": N_("the file is a directory; only regular files are imported"),
    "a pipe (FIFO)": N_("the file is a pipe (FIFO); only regular files are imported"),
    "a device": N_("the file is a device; only regular files are imported"),
    "a socket": N_("the file is a socket; only regular files are imported"),
    "not a regular file": N_("the file is not a regular file; only regular files are imported"),
}


@contextmanager
def private_copy(path: Path) -> Iterator[tuple[Path, str]]:
    """Copy the file once into a private temporary directory and hash that copy: yields (copy, sha256).

    The path is checked with stat first, then opened without blocking (a FIFO with no writer does not
    hang) and checked again through the open descriptor (the file cannot be swapped in between); at most
    MAX_FILE_BYTES + 1 bytes are read. The copy keeps the file's suffix (the template reads .xlsx as a
    workbook) and is removed on the way out, whatever happens."""
    path = Path(path)
    check_regular(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise ImportRefused(
            Message(N_("the file disappeared before it could be read: {path}"), path=shown_name(str(path)))
        ) from None
    except OSError as e:
        raise ImportRefused(
            Message(N_("cannot open {path}: {error}"), path=shown_name(str(path)), error=e.strerror)
        ) from None
    tmpdir = Path(tempfile.mkdtemp(prefix="utmc-import-"))
    try:
        with os.fdopen(fd, "rb") as src:
            check_stat(os.fstat(src.fileno()))
            suffix = re.sub(r"[^A-Za-z0-9.]", "", path.suffix)[:10]
            copy = tmpdir / f"upload{suffix}"
            h = hashlib.sha256()
            size = 0
            with open(copy, "wb") as dst:
                while block := src.read(1 << 20):
                    size += len(block)
                    if size > MAX_FILE_BYTES:
                        raise ImportRefused(Message(N_("the file grew past the limit of {limit} while read"),
                                                    limit=_size_text(MAX_FILE_BYTES)))  # fmt: skip
                    h.update(block)
                    dst.write(block)
        if size == 0:
            raise ImportRefused(Message(N_("the file is empty")))
        yield copy, h.hexdigest()
    except OSError as e:
        if e.errno == errno.ENOSPC:
            raise ImportRefused(Message(N_("no space left on the disk for a private copy of the file"))) from None
        raise
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


# --- CSV --------------------------------------------------------------------------------------------------------
def read_rows(text: str, delimiter: str) -> list[list[str]]:
    """Every row of a CSV text, read by the C csv reader (linear time) under the budgets: at most MAX_COLUMNS
    columns in any row, MAX_ROWS data rows, and the read deadline checked as it goes. Blank lines are left out."""
    import csv
    import io

    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        for row in reader:
            if len(row) > MAX_COLUMNS:
                if not rows:
                    template = N_("the header has {n} columns; the limit is {limit} columns")
                else:
                    template = N_("line {line} has {n} columns; the limit is {limit} columns")
                raise ImportRefused(Message(template, line=reader.line_num, n=Num(len(row)), limit=Num(MAX_COLUMNS)))
            if not row:
                continue
            rows.append(row)
            if len(rows) > MAX_ROWS + 1:
                raise ImportRefused(Message(N_("the file has more than {limit} rows (the limit)"), limit=Num(MAX_ROWS)))
            if len(rows) % 5_000 == 0:
                check_deadline()
    except csv.Error as e:
        raise ImportRefused(Message(N_("not a readable table: {error}"), error=str(e))) from None
    check_deadline()
    return rows


def check_table_shape(text: str, delimiter: str) -> None:
    """Count every row's columns and the rows, refusing a table over the budgets (see read_rows)."""
    read_rows(text, delimiter)


def normalise_newlines(text: str) -> str:
    """CR-only (classic Mac) and CRLF line endings read as LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def sniff_binary(raw: bytes) -> str | None:
    """What a binary file is, if it is one a user may have mislabelled as CSV."""
    if raw.startswith(b"PK\x03\x04"):
        return "a zip archive (an xlsx workbook?)"
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old Excel (.xls) or Office file"
    if raw.startswith(b"%PDF"):
        return "a PDF"
    return None


# Decimal conventions of a table written with ';' or tab between columns (as European spreadsheets do).
_DECIMAL_COMMA = re.compile(r"^[+-]?(\d+,\d{1,2}|\d+,\d{4,}|\d{4,},\d+|\d{1,3}(\.\d{3})+,\d+|0,\d+)$")
_DECIMAL_POINT = re.compile(
    r"^[+-]?(\d+\.\d{1,2}|\d+\.\d{4,}|\d{4,}\.\d+|\d{1,3}(,\d{3})+\.\d+|0\.\d+|\d{1,3}(,\d{3}){2,})$"
)
_AMBIGUOUS = re.compile(r"^[+-]?\d{1,3}[.,]\d{3}$")
_EURO_NUMBER = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")


def decimal_convention(frame) -> str:
    """'comma' or 'point' for a table whose columns are separated by ';' or tab; refuses mixed or ambiguous.

    Decided once for the whole file from the cells that can only be read one way ('8,1', '1.234,5' say
    comma; '8.1', '1,234.5' say point), never per cell. A file with only cells like '12,345' (12345, or 12.345?)
    is refused rather than guessed."""
    comma = point = ambiguous = None
    for column in frame.columns:
        for value in frame[column]:
            s = str(value)
            if "," not in s and "." not in s:
                continue
            s = s.strip().replace(" ", "")
            if not s or not s[-1].isdigit():
                continue
            if comma is None and _DECIMAL_COMMA.match(s):
                comma = s
            elif point is None and _DECIMAL_POINT.match(s):
                point = s
            elif ambiguous is None and _AMBIGUOUS.match(s):
                ambiguous = s
        if comma and point:
            raise ImportRefused(
                Message(
                    N_(
                        "the file mixes decimal conventions: {comma} has a decimal comma, {point} a decimal point; "
                        "save it with one convention"
                    ),
                    comma=repr(comma),
                    point=repr(point),
                )
            )
    if comma:
        return "comma"
    if point or ambiguous is None:
        return "point"
    raise ImportRefused(
        Message(
            N_(
                "ambiguous numbers: in a ';'-separated file {value} may be a decimal comma or a thousands "
                "separator; write decimals with at least one cell like '8,1' or '8.1', or save the file with ','"
                " between columns"
            ),
            value=repr(ambiguous),
        )
    )


def read_decimal_commas(frame):
    """Rewrite '1.234,5' as '1234.5' in every cell that is a number in the decimal-comma convention."""

    def convert(value):
        s = str(value).strip().replace(" ", "")
        if "," in s or "." in s:
            if _EURO_NUMBER.match(s):
                return s.replace(".", "").replace(",", ".")
        return value

    return frame.map(convert)


# --- XLSX ---------------------------------------------------------------------------------------------------------
def check_zip(path: Path) -> None:
    """Refuse what is not a plain workbook before unpacking anything: not a zip, a zip bomb, macros."""
    try:
        with zipfile.ZipFile(path) as z:
            members = z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise ImportRefused(Message(N_("not a readable xlsx workbook (not a zip archive)"))) from None
    if len(members) > MAX_ZIP_MEMBERS:
        raise ImportRefused(Message(N_("the workbook has {n} parts; the limit is {limit}"), n=Num(len(members)),
                                    limit=Num(MAX_ZIP_MEMBERS)))  # fmt: skip
    unzipped = sum(m.file_size for m in members)
    if unzipped > MAX_UNZIPPED_BYTES:
        raise ImportRefused(
            Message(N_("the workbook unpacks to {size} MiB; the limit is {limit} MiB"),
                    size=Num(unzipped / MIB, ",.0f"), limit=Num(MAX_UNZIPPED_BYTES / MIB, ",.0f"))
        )  # fmt: skip
    for m in members:
        if m.file_size > 10 * MIB and m.file_size > MAX_COMPRESSION_RATIO * max(m.compress_size, 1):
            raise ImportRefused(
                Message(
                    N_(
                        "the workbook part {part} unpacks to {size} MiB from {packed} (over {ratio}:1, the limit): "
                        "a zip bomb, not a sheet"
                    ),
                    part=repr(m.filename[:60]),
                    size=Num(m.file_size / MIB, ",.0f"),
                    packed=_size_text(m.compress_size),
                    ratio=MAX_COMPRESSION_RATIO,
                )
            )
    for m in members:
        if m.filename.lower().endswith("sharedstrings.xml") and m.file_size > MAX_SHARED_STRINGS_BYTES:
            raise ImportRefused(
                Message(N_("the workbook's text table unpacks to {size} MiB; the limit is {limit} MiB"),
                        size=Num(m.file_size / MIB, ",.0f"), limit=Num(MAX_SHARED_STRINGS_BYTES / MIB, ",.0f"))
            )  # fmt: skip
    if any(m.filename.lower().endswith("vbaproject.bin") for m in members):
        raise ImportRefused(
            Message(N_("the workbook contains macros; save it as a plain .xlsx workbook and import that"))
        )
    for m in members:
        if m.filename.startswith("xl/worksheets/") and m.file_size > MAX_UNDECLARED_SHEET_BYTES:
            if not declares_dimension(path, m):
                raise ImportRefused(
                    Message(
                        N_(
                            "the sheet {sheet} declares no dimension and unpacks to {size} MiB; the limit for such "
                            "a sheet is {limit} MiB (saving it again from a spreadsheet program declares it)"
                        ),
                        sheet=repr(m.filename[14:60]),
                        size=Num(m.file_size / MIB, ",.0f"),
                        limit=Num(MAX_UNDECLARED_SHEET_BYTES / MIB, ",.0f"),
                    )
                )


_DIMENSION = re.compile(rb"<(\w+:)?dimension\b")


def declares_dimension(path: Path, member: zipfile.ZipInfo) -> bool:
    """Whether the sheet's XML declares its dimension near its start (every spreadsheet program writes it there)."""
    with zipfile.ZipFile(path) as z, z.open(member) as f:
        return bool(_DIMENSION.search(f.read(64 * 1024)))


def _dedupe(header: list[str]) -> list[str]:
    """Duplicated names get .1, .2 … as pandas does."""
    seen: dict[str, int] = {}
    out = []
    for h in header:
        if h in seen:
            seen[h] += 1
            out.append(f"{h}.{seen[h]}")
        else:
            seen[h] = 0
            out.append(h)
    return out


def read_sheet_rows(path: Path) -> tuple[list, list[list]]:
    with time_limit(None, "reading the file"):
        return _read_sheet_rows(path)


def _read_sheet_rows(path: Path) -> tuple[list, list[list]]:
    """The first visible sheet of a workbook as (header, rows) of cell values, read under the budgets.

    The sheet's declared dimension is checked before any row is read; rows are then read from the sheet's
    XML cell by cell (never padded to a declared or touched width), refusing a cell with a value beyond
    MAX_COLUMNS, more than MAX_ROWS rows or MAX_CELLS cells, or a read past the deadline."""
    from openpyxl import load_workbook
    from openpyxl.worksheet._reader import WorkSheetParser

    try:
        wb = load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except ImportRefused:
        raise
    except Exception as e:  # openpyxl raises many types for a file that is not a workbook
        raise ImportRefused(unreadable_workbook(e)) from None
    try:
        sheets = wb.worksheets
        visible = [ws for ws in sheets if getattr(ws, "sheet_state", "visible") == "visible"]
        if not visible:
            raise ImportRefused(Message(N_("the workbook has no visible sheet")))
        ws = visible[0]
        hidden = [s.title for s in sheets if s not in visible]
        note(sheet_note(repr(shown_name(ws.title)), ", ".join(map(repr, hidden))[:200], len(visible) - 1))
        if not hasattr(ws, "_get_source"):
            raise ImportRefused(Message(N_("the workbook's first sheet is a chart, not a table")))
        sheet = repr(shown_name(ws.title))
        if ws.max_column is not None and ws.max_column > MAX_COLUMNS:
            raise ImportRefused(Message(N_("sheet {sheet} declares {n} columns; the limit is {limit}"), sheet=sheet,
                                        n=Num(ws.max_column), limit=Num(MAX_COLUMNS)))  # fmt: skip
        if ws.max_row is not None and ws.max_row > MAX_ROWS + 1:
            raise ImportRefused(Message(N_("sheet {sheet} declares {n} rows; the limit is {limit}"), sheet=sheet,
                                        n=Num(ws.max_row), limit=Num(MAX_ROWS)))  # fmt: skip
        rows: list[list] = []
        cells = 0
        try:
            with ws._get_source() as src:
                parser = WorkSheetParser(
                    src,
                    ws._shared_strings,
                    data_only=True,
                    epoch=wb.epoch,
                    date_formats=wb._date_formats,
                    timedelta_formats=wb._timedelta_formats,
                )
                for idx, row in parser.parse():
                    if idx > MAX_ROWS + 1:
                        raise ImportRefused(Message(N_("sheet {sheet} has more than {limit} rows (the limit)"),
                                                    sheet=sheet, limit=Num(MAX_ROWS)))  # fmt: skip
                    cells += len(row)
                    if cells > MAX_CELLS:
                        raise ImportRefused(Message(N_("sheet {sheet} holds more than {limit} cells (the limit)"),
                                                    sheet=sheet, limit=Num(MAX_CELLS)))  # fmt: skip
                    if idx % 1_000 == 0:
                        check_deadline()
                    values: dict[int, object] = {}
                    for cell in row:
                        if cell["value"] is None:
                            continue
                        if cell["column"] > MAX_COLUMNS:
                            raise ImportRefused(
                                Message(
                                    N_("sheet {sheet} has a value in column {column} (line {line}); the limit is "
                                       "{limit} columns"),
                                    sheet=sheet, column=Num(cell["column"]), line=idx, limit=Num(MAX_COLUMNS),
                                )
                            )  # fmt: skip
                        values[cell["column"]] = cell["value"]
                    while len(rows) < idx - 1:
                        rows.append([])  # rows the sheet leaves out are blank
                    rows.append([values.get(c) for c in range(1, max(values, default=0) + 1)])
        except ImportRefused:
            raise
        except Exception as e:
            raise ImportRefused(unreadable_workbook(e)) from None
    finally:
        wb.close()
    while rows and not any(v is not None for v in rows[-1]):
        rows.pop()
    if not rows:
        return [], []
    width = max(len(r) for r in rows)
    header = rows[0] + [None] * (width - len(rows[0]))
    names = [f"Unnamed: {i}" if h is None else str(h) for i, h in enumerate(header)]
    body = [[_plain(v) for v in r] + [None] * (width - len(r)) for r in rows[1:]]
    return _dedupe(names), body


def unreadable_workbook(e: Exception) -> Message:
    return Message(N_("not a readable xlsx workbook ({error})"), error=f"{type(e).__name__}: {str(e)[:200]}")


def sheet_note(sheet: str, hidden: str, others: int) -> Message:
    """Which sheet of a workbook was read, and which were not."""
    if hidden and others:
        template = N_(
            "read sheet {sheet} (the first visible one; hidden sheets not read: {hidden}); {others} other visible "
            "sheet(s) not read"
        )
    elif hidden:
        template = N_("read sheet {sheet} (the first visible one; hidden sheets not read: {hidden})")
    elif others:
        template = N_("read sheet {sheet}; {others} other visible sheet(s) not read")
    else:
        template = N_("read sheet {sheet}")
    return Message(template, sheet=sheet, hidden=hidden, others=Num(others))


def _plain(value):
    """Cell values as pandas gives them: whole floats as ints."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def commit_error(e: OSError, where: Path) -> str:
    """One line for an OSError met while writing the store."""
    if e.errno == errno.ENOSPC:
        return Message(N_("no space left on the disk of {folder}; nothing was written"), folder=str(where.parent))
    if e.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return Message(N_("no permission to write in {folder}; nothing was written"), folder=str(where.parent))
    return Message(N_("could not write beside the store ({error}); nothing was written"), error=str(e.strerror or e))
