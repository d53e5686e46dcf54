"""Importers of the data cities really report. One module per format, one contract (see base.py):
read -> validate -> normalise (parse) -> commit (here, the same for every format).

Commit is atomic: the store is copied to a temporary file beside it, the rows are written there in one
transaction, and the copy is renamed over the store only when everything succeeded. A refused, failed or
killed import leaves the previous store byte-identical. Importing the same file twice gives the same
content: the file's rows are keyed by its sha256 and replaced, and its sources row keeps its first date.
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import os
import shutil
import stat
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import duckdb

from data.checks import apply_checks
from data.importers import carbon_monitor, cdp_emissions, cdp_targets, gcom, nzt, reading, template
from data.importers.base import EMISSION_COLUMNS, TARGET_COLUMNS, Batch, ImportRefused, ImportReport, Problem
from data.importers.matching import CityMatcher
from data.importers.messages import N_, Message, Num, render
from data.importers.reading import clean_meta, stored_name
from data.store import discard, publish

FORMATS = {m.FORMAT: m for m in (cdp_emissions, cdp_targets, nzt, template, carbon_monitor, gcom)}
Progress = Callable[[float, str], None]

__all__ = ["FORMATS", "ImportRefused", "ImportReport", "run_import", "load_file", "write_batch"]


LOCK_WAIT_SECONDS = float(os.environ.get("UTMC_LOCK_WAIT_SECONDS") or 30)


@contextmanager
def store_lock(store: Path, say: Progress | None = None, wait: float | None = None):
    """One writer at a time per store file (readers never wait: they read the file being replaced).

    An import that finds the lock held says so (on stderr and through `say`) and gives up with a refusal
    after `wait` seconds (LOCK_WAIT_SECONDS, $UTMC_LOCK_WAIT_SECONDS)."""
    wait = LOCK_WAIT_SECONDS if wait is None else wait
    lock_path = store.with_name(f".{store.name}.lock")
    try:
        lock = open(lock_path, "a")
    except OSError as e:
        raise ImportRefused(reading.commit_error(e, store)) from None
    with lock:
        started, told = time.monotonic(), False
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not told:
                    message = Message(N_("waiting for another import to finish (giving up after {wait} s)…"),
                                      wait=Num(wait, "g"))  # fmt: skip
                    print(message, file=sys.stderr, flush=True)
                    if say:
                        say(0.7, message.text())
                    told = True
                if time.monotonic() - started >= wait:
                    raise ImportRefused(
                        Message(N_("another import held the store's lock for {wait} s (the limit); gave up, nothing "
                                   "written"), wait=Num(wait, "g"))
                    ) from None  # fmt: skip
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def source_row(module, path: Path, sha: str, accessed: dt.date, meta: dict | None) -> dict:
    meta = {k: clean_meta(v) for k, v in (meta or {}).items()}
    name = stored_name(path.name)
    publisher = meta.get("publisher") or module.PUBLISHER
    title = meta.get("title") or f"{module.DESCRIPTION}: {name}"
    credit = meta.get("credit") or module.CREDIT
    return {
        "source_id": f"import-{sha[:16]}",
        "title": title[:300],
        "publisher": publisher[:300],
        "url": safe_url(meta.get("url")),
        "licence": (meta.get("licence") or module.LICENCE)[:300],
        "accessed": accessed,
        "citation": f"{credit} File {name} (format {module.FORMAT}, sha256 {sha[:12]}), imported {accessed}."[:1000],
    }


def safe_url(url: str | None) -> str | None:
    """A source's URL is kept only if it is http(s) with a host: the pages make links of nothing else."""
    if not url:
        return None
    from urllib.parse import urlsplit

    url = url.strip()[:1000]
    refusal = Message(N_("--url must be an http or https address, not {url}"), url=repr(reading.shown_name(url[:80])))
    try:
        parts = urlsplit(url)
    except ValueError:
        raise ImportRefused(refusal) from None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c.isspace() for c in url):
        raise ImportRefused(refusal)
    return url


def open_store(store: Path):
    """The store, read-only, refused with one line when it is not a UTMC store."""
    try:
        st = os.stat(store)
    except FileNotFoundError:
        raise ImportRefused(
            Message(N_("no store at {store}: build it first with `python -m data build`"), store=str(store))
        ) from None
    except OSError as e:
        raise ImportRefused(
            Message(N_("cannot read the store {store}: {error}"), store=str(store), error=e.strerror)
        ) from None
    if not stat.S_ISREG(st.st_mode):
        raise ImportRefused(Message(N_("the store {store} is not a regular file"), store=str(store)))
    try:
        con = duckdb.connect(str(store), read_only=True)
    except duckdb.Error as e:
        raise ImportRefused(
            Message(N_("{store} is not a readable DuckDB store ({error})"), store=str(store),
                    error=str(e).splitlines()[0][:160])
        ) from None  # fmt: skip
    try:
        con.execute("SELECT count(*) FROM sources, (SELECT 1 FROM cities LIMIT 1)").fetchone()
    except duckdb.Error:
        con.close()
        raise ImportRefused(
            Message(N_("{store} is a DuckDB file but not a UTMC store (no sources or cities table)"), store=str(store))
        ) from None
    return con


def drop_duplicates(batch: Batch, report: ImportReport) -> Batch:
    """The same target (or inventory figure) twice in a file is kept once and the copies reported, for
    every format alike: 200,000 copies of a row are one target, not 200,000."""
    tg = batch.targets
    if len(tg):
        key = [c for c in TARGET_COLUMNS if c != "target_id"]
        dup = tg.astype(str).duplicated(subset=key, keep=False)
        if dup.any():
            first: dict[tuple, str] = {}
            keep = []
            for tid, row in zip(tg["target_id"], tg[key].astype(str).itertuples(index=False, name=None), strict=True):
                if row in first:
                    line = str(tid).split(":")[0]
                    report.skip(int(line) if line.isdigit() else None, Message(N_("duplicate target")), None,
                                Message(N_("same target as line {line}"), line=first[row]))  # fmt: skip
                    keep.append(False)
                else:
                    first[row] = str(tid).split(":")[0]
                    keep.append(True)
            tg = tg[keep].reset_index(drop=True)
    em = batch.emissions
    if len(em):
        dup = em.duplicated(subset=["city_id", "year", "sector"], keep="first")
        for row in em[dup].itertuples(index=False):
            report.skipped[template.DUPLICATE] += 1
            twice = Message(N_("city {city_id}, {year}, {sector} given twice"), city_id=row.city_id, year=row.year,
                            sector=row.sector)  # fmt: skip
            report.problems.append(Problem(None, "year", twice))
        em = em[~dup].reset_index(drop=True)
    return Batch(em, tg, batch.cities)


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
        raise ImportRefused(Message(N_("unknown format {format}; one of {formats}"), format=repr(fmt),
                                    formats=", ".join(FORMATS)))  # fmt: skip
    module = FORMATS[fmt]
    path, store = Path(path), Path(store)
    report = ImportReport(format=fmt, file=path.name)  # shown escaped by summary(), stored cleaned (source_row)
    meta = {k: clean_meta(v) for k, v in (meta or {}).items()}
    safe_url(meta.get("url"))
    reading.check_regular(path)
    with open_store(store) as con:
        matcher = LazyMatcher(con, fmt, store)
        say(0.05, render(N_("Reading {name}"), name=reading.shown_name(path.name)))
        # The private copy is what is hashed and parsed: a file swapped mid-import cannot mix two files.
        with reading.private_copy(path) as (copy, sha), reading.collecting_notes() as notes:
            existing = con.execute(
                "SELECT accessed FROM sources WHERE source_id = ?", [f"import-{sha[:16]}"]
            ).fetchone()
            say(0.3, render(N_("Checking and matching rows")))
            with reading.time_limit(reading.IMPORT_SECONDS, "checking the file"):  # the readers: READ_SECONDS
                batch = parse_file(module, copy, matcher, report)
        report.notes = notes
    batch = count(drop_duplicates(batch, report), report)
    accessed = existing[0] if existing else dt.date.today()
    source = source_row(module, path, sha, accessed, meta)
    report.source_id = source["source_id"]
    if not dry_run and report.rows_imported:
        say(0.7, render(N_("Writing to the store")))
        commit(store, source, batch, report, say)
        report.committed = True
    report.seconds = time.perf_counter() - started
    say(1.0, render(N_("Done")))
    return report


def load_file(module, path: Path, matcher: CityMatcher, report: ImportReport) -> Batch:
    """read -> validate -> normalise one file with its format's module (the build's way in: its files are
    committed seed files, read under the same limits); the report gets the counts."""
    return count(drop_duplicates(parse_file(module, path, matcher, report), report), report)


def count(batch: Batch, report: ImportReport) -> Batch:
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
        con.register("new_emissions", batch.emissions[EMISSION_COLUMNS].assign(source_id=source_id))
        con.execute("INSERT INTO emissions BY NAME SELECT * FROM new_emissions")
        con.unregister("new_emissions")
    if len(batch.targets):
        frame = batch.targets[TARGET_COLUMNS].assign(source_id=source_id)
        frame["target_id"] = source_id + ":" + frame["target_id"].astype(str)
        con.register("new_targets", frame)
        con.execute("INSERT INTO targets BY NAME SELECT * FROM new_targets")
        con.unregister("new_targets")
    con.execute(
        "INSERT INTO source_loads VALUES ($source_id, $rows_read, $entities, $matched, $unmatched, $not_cities, "
        "$emissions_rows, $targets_rows)",
        report.load_row(source_id),
    )
    unmatched = report.unmatched_frame(source_id).drop_duplicates(["source_id", "line"])
    if len(unmatched):
        con.from_df(unmatched).insert_into("unmatched_places")


class LazyMatcher:
    """The CityMatcher, built (~1-3 s, ~150 MB for the GeoNames names) only when a parser first asks for a
    city: a file refused while it is read is refused without that cost."""

    def __init__(self, con: duckdb.DuckDBPyConnection, fmt: str, store: Path):
        self._args, self._store, self._matcher = (con, fmt), store, None

    def __getattr__(self, name: str):
        if self._matcher is None:
            try:
                self._matcher = CityMatcher(*self._args)
            except duckdb.Error as e:
                raise ImportRefused(not_a_store(self._store, e)) from None
        return getattr(self._matcher, name)


def not_a_store(store: Path, e: Exception) -> Message:
    return Message(N_("{store} is not a UTMC store ({error})"), store=str(store), error=str(e).splitlines()[0][:160])


def too_much_memory() -> Message:
    return Message(N_("the file needs more memory than the import may use"))


def unreadable(e: Exception) -> Message:
    return Message(N_("the file could not be read ({error})"), error=f"{type(e).__name__}: {str(e)[:200]}")


def parse_file(module, copy: Path, matcher: CityMatcher, report: ImportReport) -> Batch:
    """module.parse, with what a hostile file can make a parser raise turned into a one-line refusal."""
    try:
        return module.parse(copy, matcher, report)
    except ImportRefused:
        raise
    except MemoryError:
        raise ImportRefused(too_much_memory()) from None
    except RecursionError:
        raise ImportRefused(Message(N_("the file is nested too deeply to read"))) from None
    except (ValueError, KeyError, IndexError, TypeError, UnicodeError, OverflowError) as e:
        raise ImportRefused(unreadable(e)) from None


def check_writable(store: Path) -> None:
    """A store its owner made read-only (no write bit for the owner) is respected: refused, not replaced."""
    mode = os.stat(store).st_mode
    if not mode & stat.S_IWUSR:
        raise ImportRefused(
            Message(
                N_("the store {store} is read-only (mode {mode}); its owner made it so. Make it writable (chmod u+w) "
                   "to import into it"),
                store=str(store), mode=f"{stat.S_IMODE(mode):04o}",
            )
        )  # fmt: skip


def commit(store: Path, source: dict, batch: Batch, report: ImportReport, say: Progress | None = None) -> None:
    check_writable(store)
    with store_lock(store, say):
        check_writable(store)
        tmp = store.with_name(f".{store.name}.{os.getpid()}.importing")
        try:
            for stale in store.parent.glob(f".{store.name}.*.importing*"):
                stale.unlink(missing_ok=True)  # left by an import that was killed
            shutil.copyfile(store, tmp)
            shutil.copymode(store, tmp)
            write_file(tmp, source, batch, report)
            publish(tmp, store)
        except OSError as e:
            raise ImportRefused(reading.commit_error(e, store)) from None
        except duckdb.Error as e:
            if "space" in str(e).lower() or "No space" in str(e):
                raise ImportRefused(reading.commit_error(OSError(errno.ENOSPC, "no space"), store)) from None
            raise ImportRefused(
                Message(N_("the store could not be written ({error}); nothing written"),
                        error=str(e).splitlines()[0][:160])
            ) from None  # fmt: skip
        finally:
            discard(tmp)


def write_file(tmp: Path, source: dict, batch: Batch, report: ImportReport) -> None:
    """Write one file's rows to the copy `tmp` in one transaction, then checkpoint it."""
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
        report.flags = apply_checks(con)  # over the whole store: a new file can make an old figure implausible
        con.commit()
        con.execute("CHECKPOINT")
