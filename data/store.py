"""Where the store lives and which schema it must have: shared by the writers (data/) and the reader (queries/)."""

from __future__ import annotations

import hashlib
import os
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
    """Make a finished temporary store durable (fsync) and rename it over `target`: readers see the old file
    or the new one, never a part of either (rename is atomic on one filesystem)."""
    with tmp.open("rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, target)


def discard(tmp: Path) -> None:
    """Remove a temporary store and its write-ahead log, if an interrupted write left them."""
    tmp.unlink(missing_ok=True)
    Path(f"{tmp}.wal").unlink(missing_ok=True)
