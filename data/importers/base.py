"""The contract every importer follows: read -> validate -> normalise -> commit.

An importer module defines FORMAT, DESCRIPTION, PUBLISHER, LICENCE, CREDIT and
`parse(path, matcher, report) -> Batch`: it reads the file, checks its layout (refusing an unknown one
with the expected and missing columns), validates each row (recording row, column and problem), matches
each row to one city and returns normalised emissions and targets rows. `data.importers.run_import`
does the rest (one sources row per file, atomic commit), the same for every format.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from components.i18n import _, fmt_int, pgettext
from data.importers.messages import N_, Message, Num, local
from data.importers.reading import (
    MAX_FILE_BYTES,
    ImportRefused,
    check_deadline,
    check_regular,
    decimal_convention,
    normalise_newlines,
    note,
    read_decimal_commas,
    read_rows,
    shown_name,
    sniff_binary,
    time_limit,
)

UNMATCHED = Message(N_("unmatched city"))
MAX_TEXT = 2_000  # longer text cells are cut: no importer needs more, and a hostile file gets no further
YEAR_MIN, YEAR_MAX = 1990, 2100


@dataclass
class Problem:
    row: int | None  # 1-based line in the file (header = line 1), None for the whole file
    column: str | None
    problem: str  # English; a messages.Message that problems_frame() says in the current language


@dataclass(frozen=True)
class Unmatched:
    """A row whose place could not be matched to one GeoNames city (kept in unmatched_places)."""

    line: int
    name: str
    country: str | None
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.name}, {self.country}"


@dataclass
class ImportReport:
    format: str
    file: str
    rows_read: int = 0
    rows_imported: int = 0
    emissions_rows: int = 0
    targets_rows: int = 0
    skipped: Counter = field(default_factory=Counter)  # reason -> rows
    unmatched: list[Unmatched] = field(default_factory=list)
    entities: int | None = None  # distinct places the file names (None: one per row read)
    not_cities: int = 0  # places the file itself says are not cities
    matched_cities: set = field(default_factory=set)  # GeoNames ids the rows were matched to
    members: dict = field(default_factory=dict)  # GeoNames id -> (name in the file, joined year): lists of members
    flags: dict = field(default_factory=dict)  # plausibility check -> rows flagged in the store after the import
    problems: list[Problem] = field(default_factory=list)
    layout: str | None = None
    source_id: str | None = None
    seconds: float = 0.0
    committed: bool = False
    notes: list[str] = field(default_factory=list)  # what the reader chose, e.g. which sheet it read

    def not_matched(self, line: int, name: str, country: str | None, reason: str, column: str | None = None) -> None:
        """Record a row whose place matched no single GeoNames city (and skip it, with why)."""
        self.unmatched.append(Unmatched(line, name[:300], (country or None) and str(country)[:60], reason[:300]))
        self.skip(line, UNMATCHED, column, reason)

    def load_row(self, source_id: str) -> dict:
        """This report as a source_loads row."""
        return {
            "source_id": source_id,
            "rows_read": self.rows_read,
            "entities": self.entities if self.entities is not None else self.rows_read,
            "matched": len(self.matched_cities),
            "unmatched": len(self.unmatched),
            "not_cities": self.not_cities,
            "emissions_rows": self.emissions_rows,
            "targets_rows": self.targets_rows,
        }

    def unmatched_frame(self, source_id: str) -> pd.DataFrame:
        rows = [{"source_id": source_id, **u.__dict__} for u in self.unmatched]
        return pd.DataFrame(rows, columns=["source_id", "line", "name", "country", "reason"])

    def skip(self, row: int, reason: str, column: str | None = None, detail: str | None = None) -> None:
        self.skipped[reason] += 1
        self.problems.append(Problem(row, column, detail or reason))

    def problems_frame(self) -> pd.DataFrame:
        """One row per problem (row, column, problem), the problem and the headers in the current language."""
        rows = [(p.row, p.column, local(p.problem)) for p in self.problems]
        return pd.DataFrame(rows, columns=problem_columns())

    def summary(self) -> str:
        """The report as the command line prints it (English there), in the current language on a page."""
        labels = report_labels()
        w = max(15, *(len(label) + 2 for label in labels.values()))

        def line(key: str, n: int, detail: str = "") -> str:
            return f"  {labels[key]:<{w}}{fmt_int(n):>7}" + (f"  {detail}" if detail else "")

        imported = _("({inventory} inventory rows, {targets} targets)").format(
            inventory=fmt_int(self.emissions_rows), targets=fmt_int(self.targets_rows)
        )
        lines = [
            f"{self.format} ({self.layout or _('layout not recognised')}): {shown_name(self.file)}",
            line("read", self.rows_read),
            line("imported", self.rows_imported, imported),
        ]
        for reason, n in self.skipped.most_common():
            lines.append(line("skipped", n, local(reason)))
        lines.append(line("unmatched", len(self.unmatched)))
        if self.flags:
            flagged = ", ".join(f"{check} {fmt_int(n)}" for check, n in sorted(self.flags.items()))
            lines.append(
                "  "
                + _("flagged in the store after the checks: {flagged} (data/checks.py; see the Data page)").format(
                    flagged=flagged
                )
            )
        lines += [f"  {labels['note']:<{w}}{shown_name(local(n))}" for n in self.notes]
        return "\n".join(lines)


def report_labels() -> dict[str, str]:
    """The labels of the summary's lines, in the current language."""
    return {
        "read": pgettext("import report", "rows read"),
        "imported": pgettext("import report", "rows imported"),
        "skipped": pgettext("import report", "skipped"),
        "unmatched": pgettext("import report", "unmatched"),
        "note": pgettext("import report", "note"),
    }


def problem_columns() -> list[str]:
    """The headers of the problems table (row, column, problem), in the current language."""
    return [
        pgettext("import problems table", "row"),
        pgettext("import problems table", "column"),
        pgettext("import problems table", "problem"),
    ]


@dataclass
class Batch:
    """What one file adds to the store, already normalised to the store's columns."""

    emissions: pd.DataFrame
    targets: pd.DataFrame
    cities: set = field(default_factory=set)  # the GeoNames ids its rows name


EMISSION_COLUMNS = [
    "city_id", "year", "sector", "emissions_tco2e", "reported_value", "reported_unit", "data_kind", "gas", "boundary",
    "protocol", "derivation",
]  # fmt: skip
TARGET_COLUMNS = [
    "target_id", "city_id", "kind", "sector", "scope", "base_year", "base_emissions_tco2e", "target_year",
    "reduction_pct", "target_emissions_tco2e", "status", "data_kind", "gas", "boundary",
]  # fmt: skip
DATA_KINDS = ("reported", "modelled", "illustrative")
BOUNDARIES = ("administrative city", "functional urban area", "signatory territory", "not stated")


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def check_size(path: Path) -> None:
    """A regular, non-empty file within MAX_FILE_BYTES (see reading.check_regular)."""
    check_regular(path)


def read_text_table(path: Path) -> pd.DataFrame:
    """A CSV as text cells, whatever its encoding (UTF-8 with or without BOM, UTF-16, Latin-1), delimiter,
    line endings (LF, CRLF, CR) and decimal convention (a ';'- or tab-separated file may use decimal commas:
    decided once for the file, see reading.decimal_convention). Columns and rows are counted before pandas;
    the whole read runs under reading.READ_SECONDS."""
    with time_limit(None, "reading the file"):
        return _read_text_table(path)


def _read_text_table(path: Path) -> pd.DataFrame:
    check_size(path)
    with open(path, "rb") as f:
        raw = f.read(MAX_FILE_BYTES + 1)
    return _table_from_bytes(raw)


def read_text_bytes(raw: bytes) -> pd.DataFrame:
    """read_text_table for a file already in memory (the sandbox reads uploads without writing them anywhere);
    the same checks and budgets, the size checked here instead of by stat."""
    if not raw:
        raise ImportRefused(Message(N_("the file is empty")))
    with time_limit(None, "reading the file"):
        return _table_from_bytes(raw)


def _table_from_bytes(raw: bytes) -> pd.DataFrame:
    if len(raw) > MAX_FILE_BYTES:
        raise ImportRefused(over_limit())
    binary = sniff_binary(raw)
    if binary:
        raise ImportRefused(Message(NOT_CSV[binary]))
    text = normalise_newlines(decode(raw))
    del raw
    first = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first.count)
    rows = read_rows(text, delimiter)  # the C csv reader under the column, row and time budgets
    del text
    if not rows:
        raise ImportRefused(Message(N_("not a readable table: no columns to parse from file")))
    header = rows[0]
    seen = [clean_header(h) for h in header]
    dupes = sorted({h for h in seen if h and seen.count(h) > 1})
    if dupes:
        raise ImportRefused(duplicated_columns(dupes))
    width = len(header)
    for i, row in enumerate(rows[1:], start=2):
        if len(row) > width:
            raise ImportRefused(
                Message(N_("not a readable table: row {row} has {n} fields, the header {width}"), row=i,
                        n=Num(len(row)), width=Num(width))
            )  # fmt: skip
        if len(row) < width:
            row.extend([None] * (width - len(row)))  # as pandas: missing trailing fields are blank
    frame = pd.DataFrame(rows[1:], columns=[h or f"Unnamed: {i}" for i, h in enumerate(seen)], dtype=object)
    del rows
    check_deadline()
    if delimiter != "," and decimal_convention(frame) == "comma":
        if delimiter == "\t":
            note(Message(N_("numbers read with decimal commas (columns separated by tab)")))
        else:
            note(
                Message(
                    N_("numbers read with decimal commas (columns separated by {delimiter})"), delimiter=repr(delimiter)
                )
            )
        frame = read_decimal_commas(frame)
    return frame


NOT_CSV = {  # reading.sniff_binary's answers
    "a zip archive (an xlsx workbook?)": N_(
        "the file is a zip archive (an xlsx workbook?), not a CSV table; save it as CSV (or import it as xlsx)"
    ),
    "an old Excel (.xls) or Office file": N_(
        "the file is an old Excel (.xls) or Office file, not a CSV table; save it as CSV (or import it as xlsx)"
    ),
    "a PDF": N_("the file is a PDF, not a CSV table; save it as CSV (or import it as xlsx)"),
}


def over_limit() -> Message:
    return Message(N_("the file is over the limit of {limit} MiB"), limit=Num(MAX_FILE_BYTES / 2**20, ".0f"))


def duplicated_columns(columns: list) -> Message:
    return Message(N_("duplicated columns: {columns}"), columns=str(columns))


def decode(raw: bytes) -> str:
    """UTF-16 when it says so (BOM), else UTF-8 (with or without BOM), else Windows-1252; NUL bytes dropped."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace").replace("\x00", "")
    raw = raw.replace(b"\x00", b"")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def clean_header(name: str) -> str:
    return re.sub(r"\s+", " ", str(name).replace("\u200b", "").replace("\ufeff", "")).strip()


def require_columns(frame: pd.DataFrame, expected: list[str], layout: str) -> None:
    missing = [c for c in expected if c not in frame.columns]
    if missing:
        raise ImportRefused(
            Message(
                N_("unknown layout for {layout}: missing columns {missing}; expected columns {expected}; "
                   "the file has {have}"),
                layout=layout, missing=str(missing), expected=str(expected), have=str(list(frame.columns)[:40]),
            )
        )  # fmt: skip
    dupes = [c for c in frame.columns if str(c).endswith((".1", ".2")) and str(c)[:-2] in expected]
    if dupes:
        raise ImportRefused(duplicated_columns(dupes))


def text(value) -> str:
    """A cell as clean text: no NUL, no surrounding space, capped length."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    s = str(value).replace("\x00", "").strip()[:MAX_TEXT]
    return "" if s in MISSING or s.lower() in NOT_APPLICABLE else s


MISSING = {"NA", "N/A", "NaN", "nan", "None", "#N/A"}  # how R, pandas and spreadsheets write a blank
# How CDP's questionnaires write "no figure" in a numeric column (some years): blank, not an error.
NOT_APPLICABLE = {"not applicable", "question not applicable", "not available", "n/a"}
NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?([eE][+-]?\d+)?$")


def number(value) -> float | None:
    """'1,234.5' -> 1234.5; blank, NA, text, inf and NaN -> None."""
    s = text(value).replace(" ", "")
    if not s or s == "-":
        return None
    if not NUMBER.match(s):
        raise ValueError(Message(N_("not a number: {value}"), value=repr(s[:40])))
    x = float(s.replace(",", ""))
    if not math.isfinite(x):
        raise ValueError(Message(N_("not a finite number: {value}"), value=repr(s[:40])))
    return x


ID = re.compile(r"^\d{1,12}(\.0+)?$")  # "2761369.0" is how pandas and spreadsheets write an integer


def identifier(value) -> int | None:
    """A GeoNames id: digits only ('3117735'); '3117735.9', '3.117735e6' and '3,117,735' are errors, not ids."""
    s = text(value)
    if isinstance(value, int) and not isinstance(value, bool):
        s = str(value)
    if not s:
        return None
    if not ID.match(s):
        raise ValueError(
            Message(N_("an id is a whole number written with digits only, not {value}"), value=repr(s[:40]))
        )
    return int(s.split(".")[0])


def year(value) -> int | None:
    x = number(value)
    if x is None:
        return None
    if x != int(x) or not YEAR_MIN <= x <= YEAR_MAX:
        raise ValueError(
            Message(
                N_("year {value} is outside {low}-{high}"), value=repr(text(value)[:20]), low=YEAR_MIN, high=YEAR_MAX
            )
        )
    return int(x)


MAX_TCO2E = 1e11  # twice the world's yearly emissions: anything above is a typo or an attack, not a city


def tonnes(value) -> float | None:
    """An emissions figure in tCO2e: a finite number between 0 and MAX_TCO2E (else ValueError)."""
    if isinstance(value, float) and math.isnan(value):
        return None
    x = value if isinstance(value, float) else number(value)
    if x is None:
        return None
    if not math.isfinite(x) or x > MAX_TCO2E:
        raise ValueError(Message(N_("{value} tCO2e is not a plausible city figure"), value=Num(x, "g")))
    return x


POINT = re.compile(r"POINT\s*\(\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)\s*\)")


def point(value) -> tuple[float, float] | None:
    """'POINT (lon lat)' -> (lat, lon); anything else -> None."""
    m = POINT.search(text(value))
    if not m:
        return None
    lon, lat = float(m.group(1)), float(m.group(2))
    if -90 <= lat <= 90 and -180 <= lon <= 180:
        return lat, lon
    return None


def header_key(name: str) -> str:
    """'Base.year.emissions..metric.tonnes.CO2e.' and 'Base year emissions (metric tonnes CO2e)' -> same key."""
    return re.sub(r"[^a-z0-9]+", " ", clean_header(name).lower()).strip()


def select_layout(frame: pd.DataFrame, layouts: dict[str, dict[str, str]], what: str) -> tuple[str, dict[str, str]]:
    """Find the layout whose columns the file has (spelling of spaces, dots and case aside).

    layouts: {layout name: {our name: the column's header in that layout}}. Returns the layout's name and
    {our name: the file's actual header}. Refuses the file, naming the expected and missing columns of the
    closest layout, when none fits.
    """
    have: dict[str, str] = {}
    for col in frame.columns:
        have.setdefault(header_key(col), col)
    best = None
    for name, columns in layouts.items():
        missing = [header for header in columns.values() if header_key(header) not in have]
        if not missing:
            return name, {ours: have[header_key(header)] for ours, header in columns.items()}
        if best is None or len(missing) < len(best[1]):
            best = (name, missing)
    name, missing = best
    raise ImportRefused(
        Message(
            N_("unknown layout for {what}: closest is the {name} layout, which also needs {missing}. "
               "Expected columns: {expected}."),
            what=what, name=name, missing=str(missing), expected=str(list(layouts[name].values())),
        )
    )  # fmt: skip


def empty_batch() -> Batch:
    return Batch(pd.DataFrame(columns=EMISSION_COLUMNS), pd.DataFrame(columns=TARGET_COLUMNS))


def batch_from_rows(emissions: list[dict], targets: list[dict]) -> Batch:
    em = pd.DataFrame(emissions, columns=EMISSION_COLUMNS)
    tg = pd.DataFrame(targets, columns=TARGET_COLUMNS)
    for col in ("city_id", "year"):
        em[col] = em[col].astype("int64")
    for col in ("city_id",):
        tg[col] = tg[col].astype("int64")
    for col in ("base_year", "target_year"):
        tg[col] = tg[col].astype("Int64")
    for col in ("emissions_tco2e", "reported_value"):
        em[col] = em[col].astype("float64")
    for col in ("base_emissions_tco2e", "reduction_pct", "target_emissions_tco2e"):
        tg[col] = tg[col].astype("float64")
    for col in ("data_kind", "gas", "boundary", "protocol", "derivation", "reported_unit", "sector"):
        em[col] = em[col].astype(object)
    for col in ("data_kind", "gas", "boundary", "scope", "status", "kind", "sector"):
        tg[col] = tg[col].astype(object)
    if len(em) or len(tg):
        kinds = set(em["data_kind"]) | set(tg["data_kind"])
        assert kinds <= set(DATA_KINDS), f"unknown data kinds {kinds}"
    matched = set(em["city_id"]) | set(tg["city_id"])
    return Batch(em, tg, {int(c) for c in matched})


INVALID = Message(N_("invalid value"))
BEFORE_BASE = Message(N_("target year before base year"))
OUTSIDE_0_100 = Message(N_("reduction outside 0-100 %"))


def before_base(target_year: int, base_year: int) -> Message:
    return Message(N_("{target_year} is before {base_year}"), target_year=target_year, base_year=base_year)


def reduction_of(reduction: float) -> Message:
    return Message(N_("reduction of {reduction} %"), reduction=Num(reduction, ""))


def problem_of(e: ValueError) -> str:
    """What a ValueError of number(), year(), tonnes()... says: its Message, else its text."""
    return e.args[0] if len(e.args) == 1 and isinstance(e.args[0], Message) else str(e)


class RowChecker:
    """Per-row parsing that records the first problem of a row and tells the caller to skip it."""

    def __init__(self, report: ImportReport, line: int):
        self.report, self.line, self.failed = report, line, False
        if line % 1_000 == 0:
            check_deadline()  # the whole check of a file runs under reading.IMPORT_SECONDS

    def get(self, parse, value, column: str):
        if self.failed:
            return None
        try:
            return parse(value)
        except ValueError as e:
            self.failed = True
            problem = problem_of(e)
            self.report.skip(
                self.line, INVALID, column, Message(N_("{column}: {problem}"), column=column, problem=problem)
            )
            return None

    def fail(self, reason: str, column: str | None = None, detail: str | None = None) -> None:
        if not self.failed:
            self.failed = True
            self.report.skip(self.line, reason, column, detail)
