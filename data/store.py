"""Where the store lives and which schema it must have: shared by the writers (data/) and the reader (queries/).

Two layouts, told apart by the store path itself:
- a plain file (`UTMC_STORE=/x/utmc.duckdb`, the default): a writer renames its finished copy over it;
- a versioned store: the store path is a symlink (`utmc.duckdb -> utmc-20261130T041500-123456-4242.duckdb`)
  to one immutable version file in the same folder. A writer adds a new version file and swaps the link
  (`python -m data build --versioned` makes the first). Readers resolve the link on every query and keep
  a shared lock (flock) on the version they have open; a version that is no longer current and that no
  process holds is removed by `sweep_versions`. Several server processes (replicas) can read one store
  this way, each switching to a new version on its next query, none of them restarted.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import time
from functools import cache
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = Path(__file__).parent / "schema.sql"
DEFAULT_STORE = PROJECT_ROOT / "data" / "utmc.duckdb"


def store_path() -> Path:
    """The store file: $UTMC_STORE, else data/utmc.duckdb in the project."""
    return Path(os.environ.get("UTMC_STORE") or DEFAULT_STORE)


@cache
def schema_version() -> str:
    """A fingerprint of data/schema.sql: a store built from another schema is refused, not misread."""
    return hashlib.sha1(SCHEMA_PATH.read_bytes()).hexdigest()[:12]


def publish(tmp: Path, target: Path) -> None:
    """Make a finished temporary store durable (fsync) and put it in place: readers see the old store
    or the new one, never a part of either (rename is atomic on one filesystem). A versioned `target`
    (a symlink) gets a new version file and its link swapped; a plain file is renamed over."""
    with tmp.open("rb") as f:
        os.fsync(f.fileno())
    if not target.is_symlink():
        os.replace(tmp, target)
        return
    version = target.with_name(version_name(target))
    os.replace(tmp, version)
    link = target.with_name(f".{target.name}.{os.getpid()}.link")
    link.unlink(missing_ok=True)
    link.symlink_to(version.name)  # relative: the folder can be mounted anywhere (containers)
    os.replace(link, target)
    _fsync_dir(target.parent)
    sweep_versions(target)


def make_versioned(target: Path) -> Path:
    """Turn a plain store file into a versioned store (the file becomes its first version); idempotent."""
    if target.is_symlink():
        return resolve(target)
    version = target.with_name(version_name(target))
    os.replace(target, version)
    target.symlink_to(version.name)
    _fsync_dir(target.parent)
    return version


def version_name(target: Path) -> str:
    """`utmc-20261130T041500-123456-4242.duckdb` for `utmc.duckdb`: sortable by time, unique per process."""
    now = time.time()
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime(now)) + f"-{int(now % 1 * 1e6):06d}"
    return f"{target.stem}-{stamp}-{os.getpid()}{target.suffix}"


def resolve(path: Path) -> Path:
    """The file a store path stands for: the current version of a versioned store, else the path itself."""
    if path.is_symlink():
        return path.with_name(os.readlink(path))
    return path


def versions(target: Path) -> list[Path]:
    """Every version file of a versioned store, oldest first."""
    return sorted(target.parent.glob(f"{target.stem}-????????T??????-*{target.suffix}"))


def hold(version: Path) -> int:
    """Open `version` and take a shared lock on it: a reader's claim that stops `sweep_versions` removing it.
    Returns the file descriptor; closing it releases the claim. Raises FileNotFoundError if it is gone."""
    fd = os.open(version, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_SH)
    if os.fstat(fd).st_ino != os.stat(version).st_ino:  # removed and replaced between open and lock
        os.close(fd)
        raise FileNotFoundError(version)
    return fd


def sweep_versions(target: Path) -> list[Path]:
    """Remove the versions of a versioned store that are not current and that no process holds (see `hold`).
    Best effort: a read-only mount or a version in use is left alone. Returns what was removed."""
    if not target.is_symlink():
        return []
    current = resolve(target).name
    removed = []
    for version in versions(target):
        if version.name >= current:  # the current one, or a newer one whose link is being swapped in
            continue
        try:
            fd = os.open(version, os.O_RDONLY)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # fails while any reader holds it
            if version.name < resolve(target).name:  # the link may have moved meanwhile: check again
                version.unlink()
                Path(f"{version}.wal").unlink(missing_ok=True)
                removed.append(version)
        except OSError:
            pass
        finally:
            os.close(fd)
    return removed


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def discard(tmp: Path) -> None:
    """Remove a temporary store and its write-ahead log, if an interrupted write left them."""
    tmp.unlink(missing_ok=True)
    Path(f"{tmp}.wal").unlink(missing_ok=True)
