"""The ×50 store: the real store with 50 times its emissions, targets, practices and memberships rows.

The copies are clearly synthetic: each cites a `synthetic-k-<source>` source ("SYNTHETIC benchmark copy of
..."), is flagged illustrative where the table has the flag, memberships belong to synthetic networks
("... (SYNTHETIC copy k)"), and synthetic practices say so in their title. Nothing here is ever
written to the app's own store.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

FACTOR = 50
SCALED_TABLES = ("emissions", "targets", "practices", "memberships")


def row_counts(store: Path) -> dict[str, int]:
    with duckdb.connect(str(store), read_only=True) as con:
        return {t: con.table(t).shape[0] for t in SCALED_TABLES}


def make_scaled_store(source: Path, target: Path, factor: int = FACTOR) -> Path:
    """Copy `source` to `target`, then add (factor - 1) synthetic copies of the scaled tables' rows."""
    shutil.copyfile(source, target)
    with duckdb.connect(str(target)) as con:
        con.begin()
        for k in range(1, factor):
            tag = f"synthetic-{k}-"
            con.execute(
                "INSERT INTO sources SELECT ? || source_id, 'SYNTHETIC benchmark copy of ' || title, "
                "'UTMC Explorer benchmark', NULL, 'synthetic: not data', current_date, "
                "'SYNTHETIC rows made by bench/scale.py; not data' FROM sources WHERE source_id IN ("
                "SELECT source_id FROM emissions UNION SELECT source_id FROM targets UNION "
                "SELECT source_id FROM practices UNION SELECT source_id FROM memberships UNION "
                "SELECT source_id FROM networks)",
                [tag],
            )
            con.execute(
                "INSERT INTO networks (network_id, name, short_name, description, url, source_id, is_reference) "
                "SELECT network_id || ?, name || ?, short_name || ?, description, url, "
                "? || source_id, is_reference FROM networks WHERE NOT contains(network_id, '~')",
                [f"~{k}", f" (SYNTHETIC copy {k})", f" ~{k}", tag],
            )
        for k in range(1, factor):
            tag = f"synthetic-{k}-"
            con.execute(
                "INSERT INTO memberships (network_id, city_id, member_name, note, source_id, joined_year, cohort) "
                "SELECT network_id || ?, city_id, member_name, note, ? || source_id, joined_year, cohort "
                "FROM memberships WHERE NOT contains(network_id, '~')",
                [f"~{k}", tag],
            )
            con.execute(
                "INSERT INTO emissions SELECT city_id, year, sector, emissions_tco2e, reported_value, reported_unit, "
                "'illustrative', gas, boundary, protocol, derivation, flag, flag_reason, ? || source_id "
                "FROM emissions "
                "WHERE NOT starts_with(source_id, 'synthetic')",
                [tag],
            )
            con.execute(
                "INSERT INTO targets SELECT target_id || ?, city_id, kind, sector, scope, base_year, "
                "base_emissions_tco2e, target_year, reduction_pct, target_emissions_tco2e, status, 'illustrative', "
                "gas, boundary, flag, flag_reason, ? || source_id FROM targets "
                "WHERE NOT starts_with(source_id, 'synthetic')",
                [f"~{k}", tag],
            )
            con.execute(
                "INSERT INTO practices SELECT practice_id || ?, city_id, title || ?, sector, kind, start_year, "
                "end_year, summary, outcome, url, other_urls, last_checked, ? || source_id FROM practices "
                "WHERE NOT contains(practice_id, '~')",
                [f"~{k}", f" (SYNTHETIC copy {k})", tag],
            )
        con.commit()
        con.execute("CHECKPOINT")
    return target
