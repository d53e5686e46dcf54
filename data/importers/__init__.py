"""Importers of the data cities really report. One module per format, one contract (see base.py):
read -> validate -> normalise (parse) -> commit (here, the same for every format).

Commit is atomic: the store is copied to a temporary file beside it, the rows are written there in one
transaction, and the copy is renamed over the store only when everything succeeded. A refused, failed or
killed import leaves the previous store byte-identical. Importing the same file twice gives the same
content: the file's rows are keyed by its sha256 and replaced, and its sources row keeps its first date.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import shutil
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import duckdb

from data.importers import carbon_monitor, cdp_emissions, cdp_targets, gcom, nzt, template
from data.importers.base import EMISSION_COLUMNS, TARGET_COLUMNS, Batch, ImportRefused, ImportReport, file_sha256
from data.importers.matching import CityMatcher
from data.store import discard, publish

FORMATS = {m.FORMAT: m for m in (cdp_emissions, cdp_targets, nzt, template, carbon_monitor, gcom)}
Progress = Callable[[float, str], None]

__all__ = ["FORMATS", "ImportRefused", "ImportReport", "run_import", "load_file", "write_batch"]


@contextmanager
def store_lock(store: Path):
    """One writer at a time per store file (readers never wait: they read the file being replaced)."""
    lock_path = store.with_name(f".{store.name}.lock")
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def source_row(module, path: Path, sha: str, accessed: dt.date, meta: dict | None) -> dict:
    meta = meta or {}
    publisher = meta.get("publisher") or module.PUBLISHER
    title = meta.get("title") or f"{module.DESCRIPTION}: {path.name}"
    credit = meta.get("credit") or module.CREDIT
    return {
        "source_id": f"import-{sha[:16]}",
        "title": title[:300],
        "publisher": publisher[:300],
        "url": meta.get("url") or None,
        "licence": (meta.get("licence") or module.LICENCE)[:300],
        "accessed": accessed,
        "citation": f"{credit} File {path.name} (format {module.FORMAT}, sha256 {sha[:12]}), imported {accessed}."[
            :1000
        ],
    }


def run_import(
    fmt: str,
    path: Path,
    store: Path,
    dry_run: bool = False,
    progress: Progress | None = None,
    meta: dict | None = None,
) -> ImportReport:
    """Import one file into the store. Raises ImportRefused for a file refused as a whole."""
    say = progress or (lambda f, m: None)
    started = time.perf_counter()
    if fmt not in FORMATS:
        raise ImportRefused(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    module = FORMATS[fmt]
    path, store = Path(path), Path(store)
    if not store.exists():
        raise ImportRefused(f"no store at {store}: build it first with `python -m data build`")
    report = ImportReport(format=fmt, file=path.name)
    say(0.05, f"Reading {path.name}")
    sha = file_sha256(path)
    with duckdb.connect(str(store), read_only=True) as con:
        matcher = CityMatcher(con, fmt)
        existing = con.execute("SELECT accessed FROM sources WHERE source_id = ?", [f"import-{sha[:16]}"]).fetchone()
    say(0.3, "Checking and matching rows")
    batch = load_file(module, path, matcher, report)
    accessed = existing[0] if existing else dt.date.today()
    source = source_row(module, path, sha, accessed, meta)
    report.source_id = source["source_id"]
    if not dry_run and report.rows_imported:
        say(0.7, "Writing to the store")
        commit(store, source, batch, report)
        report.committed = True
    report.seconds = time.perf_counter() - started
    say(1.0, "Done")
    return report


def load_file(module, path: Path, matcher: CityMatcher, report: ImportReport) -> Batch:
    """read -> validate -> normalise one file with its format's module; the report gets the counts."""
    batch = module.parse(path, matcher, report)
    report.emissions_rows, report.targets_rows = len(batch.emissions), len(batch.targets)
    report.rows_imported = report.emissions_rows + report.targets_rows
    report.matched_cities |= set(batch.cities)
    return batch


def write_batch(con: duckdb.DuckDBPyConnection, source_id: str, batch: Batch, report: ImportReport) -> None:
    """Replace one source's rows (emissions, targets, its load report and unmatched places) with the batch's.
    The caller holds the transaction; the sources row must exist."""
    for table in ("emissions", "targets", "unmatched_places", "source_loads"):
        con.execute(f"DELETE FROM {table} WHERE source_id = ?", [source_id])  # noqa: S608 (fixed names)
    if len(batch.emissions):
        con.from_df(batch.emissions[EMISSION_COLUMNS].assign(source_id=source_id)).insert_into("emissions")
    if len(batch.targets):
        frame = batch.targets[TARGET_COLUMNS].assign(source_id=source_id)
        frame["target_id"] = source_id + ":" + frame["target_id"].astype(str)
        con.from_df(frame).insert_into("targets")
    con.execute(
        "INSERT INTO source_loads VALUES ($source_id, $rows_read, $entities, $matched, $unmatched, $not_cities, "
        "$emissions_rows, $targets_rows)",
        report.load_row(source_id),
    )
    unmatched = report.unmatched_frame(source_id).drop_duplicates(["source_id", "line"])
    if len(unmatched):
        con.from_df(unmatched).insert_into("unmatched_places")


def commit(store: Path, source: dict, batch: Batch, report: ImportReport) -> None:
    with store_lock(store):
        for stale in store.parent.glob(f".{store.name}.*.importing*"):
            stale.unlink(missing_ok=True)  # left by an import that was killed
        tmp = store.with_name(f".{store.name}.{os.getpid()}.importing")
        shutil.copyfile(store, tmp)
        try:
            with duckdb.connect(str(tmp)) as con:
                con.begin()
                # The same file (same sha256) keeps its first sources row: re-importing changes nothing.
                con.execute(
                    "INSERT INTO sources (source_id, title, publisher, url, licence, accessed, citation) "
                    "VALUES ($source_id, $title, $publisher, $url, $licence, $accessed, $citation) "
                    "ON CONFLICT DO NOTHING",
                    source,
                )
                write_batch(con, source["source_id"], batch, report)
                con.commit()
                con.execute("CHECKPOINT")
            publish(tmp, store)
        finally:
            discard(tmp)
