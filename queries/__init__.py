"""The one reader of the store: named SQL files in this folder, run with bound parameters.

`run_query("network_cities", networks=[...])` loads queries/network_cities.sql, binds the values as
$named parameters and returns a DataFrame. The store is opened read-only (any write fails), once per
store file version, and each query gets its own cursor so concurrent sessions do not share one.
A versioned store (a symlink to its current version file, see data/store.py) is resolved on every
query: a new version is opened as soon as it is published, and the old one is closed and released.
Nothing here knows about Streamlit.
"""

from __future__ import annotations

import os
import re
import threading
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from data.store import hold, resolve, schema_version, store_path

QUERY_DIR = Path(__file__).parent
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
REQUIRED_TABLES = {
    "build_info", "sources", "regions", "countries", "country_outlines", "cities", "networks",
    "memberships", "emissions", "targets", "practices", "funding", "source_loads", "unmatched_places",
}  # fmt: skip


class StoreError(Exception):
    """The store file is missing or is not a store this version of the app can read."""


@cache
def query_text(name: str) -> str:
    if not _NAME.match(name):
        raise ValueError(f"not a query name: {name!r}")
    path = QUERY_DIR / f"{name}.sql"
    if not path.exists():
        raise ValueError(f"no query named {name!r} in {QUERY_DIR}")
    return path.read_text(encoding="utf-8")


def store_identity(path: Path | None = None) -> tuple[str, int, int]:
    """(path, inode, mtime): changes when the store file is replaced or a versioned store's link moves to a
    new version (stat follows the link), so caches keyed on it refresh."""
    path = Path(path or store_path())
    try:
        st = path.stat()
    except FileNotFoundError:
        raise StoreError(f"No store at {path}. Build it with `python -m data build`.") from None
    return (str(path), st.st_ino, st.st_mtime_ns)


_lock = threading.Lock()
_connections: dict[tuple[str, int, int], duckdb.DuckDBPyConnection] = {}
_holds: dict[tuple[str, int, int], int] = {}  # the shared lock on each open version (data.store.hold)


def connection(path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """The read-only connection to the current store file, opened and checked once per file version."""
    ident = store_identity(path)
    with _lock:
        con = _connections.get(ident)
        if con is None:
            # DuckDB shares one database instance per path in a process: the old file's connection
            # must be closed before the new file at the same path can be opened. A query still
            # running on it fails with ConnectionException, and run_query retries it once.
            for old in [k for k in _connections if k[0] == ident[0]]:
                _connections.pop(old).close()
                os.close(_holds.pop(old))
            version, fd, ident = _hold_current(Path(ident[0]), ident)
            try:
                con = open_store(version)
            except BaseException:
                os.close(fd)
                raise
            _connections[ident] = con
            _holds[ident] = fd
        return con


def _hold_current(path: Path, ident: tuple[str, int, int]) -> tuple[Path, int, tuple[str, int, int]]:
    """The file behind `path` (its current version if versioned), locked against removal (data.store.hold),
    and its identity. The link can move between the stat and the lock: then the newer version is taken."""
    for _ in range(5):
        version = resolve(path)
        try:
            fd = hold(version)
        except FileNotFoundError:
            ident = store_identity(path)
            continue
        if os.fstat(fd).st_ino == ident[1]:
            return version, fd, ident
        os.close(fd)
        ident = store_identity(path)
    raise StoreError(f"{path} kept changing while it was being opened; try again.")


def open_store(path: Path) -> duckdb.DuckDBPyConnection:
    """Open read-only and check that the file is a store of the expected schema."""
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as e:
        raise StoreError(f"{path} is not a readable DuckDB store ({type(e).__name__}: {e}).") from None
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        missing = REQUIRED_TABLES - tables
        if missing:
            raise StoreError(f"{path} is not a UTMC Explorer store: tables missing: {', '.join(sorted(missing))}.")
        row = con.execute("SELECT value FROM build_info WHERE key = 'schema_version'").fetchone()
        if not row or row[0] != schema_version():
            raise StoreError(
                f"{path} was built with another schema ({row[0] if row else 'none'}; this app reads "
                f"{schema_version()}). Rebuild it with `python -m data build`."
            )
    except (StoreError, duckdb.Error) as e:
        con.close()
        if isinstance(e, StoreError):
            raise
        raise StoreError(f"{path} is not a UTMC Explorer store ({e}).") from None
    return con


def run_query(name: str, store: Path | None = None, **params) -> pd.DataFrame:
    """Run queries/<name>.sql with its $named parameters bound to params."""
    sql = query_text(name)
    try:
        return _execute(sql, store, params)
    except duckdb.ConnectionException:
        # The store was swapped while this query ran on the old file: once more, on the new one.
        return _execute(sql, store, params)


def _execute(sql: str, store: Path | None, params: dict) -> pd.DataFrame:
    cur = connection(store).cursor()
    try:
        return cur.execute(sql, params).df()
    finally:
        cur.close()
