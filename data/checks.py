"""Plausibility checks on every emissions and target row: named, each with its threshold and why.

They run over the whole store (a check compares a row with the same city's other sources) at build and after
every import, inside the same transaction that writes the rows, and mark what they find in `flag` and
`flag_reason` of `emissions` and `targets`. Nothing is dropped: a flagged row stays in the store, is shown
with its reason wherever it appears, and is left out of aggregates, trends, per-capita comparisons, peer
features and the brief unless the viewer asks for flagged figures.

The checks (CHECKS below; a row gets the first that fails):
- year: an inventory year after the current year (the importers already refuse years before 1990).
- not_positive: a total of zero or less is not a city's emissions.
- per_capita: a city-wide total per person below 0.2 t or above 60 t. The highest national averages are
  about 35-40 tCO2 per person (Qatar; Global Carbon Project via Our World in Data, "CO2 emissions per capita",
  2022); no city-wide inventory of all sectors should pass 1.5 times that. The lowest national averages
  (about 0.03-0.1 tCO2, e.g. DR Congo, Chad, Somalia) are fossil CO2 only; a city inventory of all gases
  (waste, energy use) under 0.2 t per person is far more likely a unit slip (t for kt) than a fact. Applied
  to figures for the city's own territory (administrative city, not stated) with today's GeoNames
  population, to GCoM's per-person figure as given, and to a target's base-year emissions; not to
  functional-urban-area figures (Carbon Monitor), whose population is not the city's.
- unit_slip: a figure 300 to 3,000 times another source's for the same city and year (or the modelled
  estimate within 3 years): the signature of t / kt / Mt confused. The row whose per-person figure is out of
  bounds, else the reported one, is flagged.
- sector_sum: a source's sectors add up to more than 110 % of its own stated total for that year.
- base_vs_inventory: a target's base-year emissions more than 3 times above or below the same city's
  total for that year from any source.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

PER_CAPITA_MIN, PER_CAPITA_MAX = 0.2, 60.0  # tCO2e per person (see the module's docstring)
SLIP_MIN, SLIP_MAX = 300.0, 3000.0  # ratio of two figures that says "a unit confused"
SECTOR_SUM_MAX = 1.10  # sectors may exceed the stated total by rounding, not by 10 %
BASE_FACTOR = 3.0  # a target's base year against the inventory of that year
NEAR_YEARS = 3  # how far the modelled estimate may be from the year it checks
CHECKS = {
    "year": "inventory year in the future",
    "not_positive": "zero or negative total",
    "per_capita": f"per person outside {PER_CAPITA_MIN:g}-{PER_CAPITA_MAX:g} t",
    "unit_slip": f"{SLIP_MIN:g}-{SLIP_MAX:g} times another source: a unit slip",
    "sector_sum": f"sectors over {SECTOR_SUM_MAX:.0%} of the stated total",
    "base_vs_inventory": f"base-year emissions over {BASE_FACTOR:g} times off the inventory",
}
OWN_TERRITORY = {"administrative city", "not stated"}

EMISSIONS_SQL = """
SELECT e.city_id, e.year, e.sector, e.source_id, e.data_kind, e.boundary, e.emissions_tco2e, e.reported_value,
       e.reported_unit, c.population
FROM emissions AS e JOIN cities AS c USING (city_id)
"""
TARGETS_SQL = """
SELECT t.target_id, t.city_id, t.base_year, t.base_emissions_tco2e, t.boundary, c.population
FROM targets AS t JOIN cities AS c USING (city_id)
WHERE t.base_emissions_tco2e IS NOT NULL
"""


def tonnes(t: float) -> str:
    return f"{t / 1e6:,.1f} Mt" if abs(t) >= 1e6 else f"{t / 1e3:,.0f} kt" if abs(t) >= 1e3 else f"{t:,.1f} t"


def totals(emissions: pd.DataFrame) -> pd.DataFrame:
    """One total per city, source, kind and year: the `total` row, else the sum of sectors."""
    if emissions.empty:
        return emissions.assign(value=[])
    keys = ["city_id", "source_id", "data_kind", "year"]
    stated = emissions[emissions["sector"] == "total"].groupby(keys)["emissions_tco2e"].first()
    summed = emissions[emissions["sector"] != "total"].groupby(keys)["emissions_tco2e"].sum(min_count=1)
    first = emissions.groupby(keys)[["boundary", "population", "reported_value", "reported_unit"]].first()
    out = first.assign(value=stated.combine_first(summed), stated=stated, summed=summed).reset_index()
    return out[out["value"].notna()]


def per_person(row) -> float | None:
    """The figure per person the per_capita check reads, or None where it does not apply."""
    if "per person" in str(row.reported_unit or "") and pd.notna(row.reported_value):
        return float(row.reported_value)  # GCoM: per person as given, for the signatory's own population
    if row.boundary in OWN_TERRITORY and row.population and row.population > 0:
        return float(row.value) / float(row.population)
    return None


def emission_flags(emissions: pd.DataFrame, this_year: int) -> pd.DataFrame:
    """(city_id, source_id, data_kind, year, flag, flag_reason) for every flagged total; a flag on a total
    applies to every row of that source, kind and year."""
    t = totals(emissions)
    flags: dict[tuple, tuple[str, str]] = {}

    def flag(key, check: str, reason: str) -> None:
        flags.setdefault(key, (check, reason))

    pp = {}
    for r in t.itertuples(index=False):
        key = (r.city_id, r.source_id, r.data_kind, r.year)
        if r.year > this_year:
            flag(key, "year", f"inventory year {r.year} is after {this_year}")
            continue
        if r.value <= 0:
            flag(key, "not_positive", f"a total of {r.value:,.0f} t cannot be a city's emissions")
            continue
        pp[key] = per_person(r)
        if pp[key] is not None and not PER_CAPITA_MIN <= pp[key] <= PER_CAPITA_MAX:
            flag(key, "per_capita", f"{tonnes(r.value)} is {pp[key]:,.2f} t per person; a city's own total lies "
                                     f"between {PER_CAPITA_MIN:g} and {PER_CAPITA_MAX:g} t")  # fmt: skip
        if pd.notna(r.stated) and pd.notna(r.summed) and r.summed > SECTOR_SUM_MAX * r.stated:
            flag(key, "sector_sum", f"its sectors add up to {tonnes(r.summed)}, more than its stated total of "
                                     f"{tonnes(r.stated)}")  # fmt: skip
    # unit slips: against another source of the same year, or the nearest modelled estimate
    for city_id, group in t.groupby("city_id"):
        rows = list(group.itertuples(index=False))
        for a in rows:
            for b in rows:
                if a.source_id == b.source_id or a.value <= 0 or b.value <= 0 or a.value < b.value:
                    continue
                near = a.year == b.year or (b.data_kind == "modelled" and abs(a.year - b.year) <= NEAR_YEARS) or (
                    a.data_kind == "modelled" and abs(a.year - b.year) <= NEAR_YEARS)  # fmt: skip
                ratio = a.value / b.value
                if not near or not SLIP_MIN <= ratio <= SLIP_MAX:
                    continue
                ka, kb = (city_id, a.source_id, a.data_kind, a.year), (city_id, b.source_id, b.data_kind, b.year)
                out = [k for k in (ka, kb) if pp.get(k) is not None and not PER_CAPITA_MIN <= pp[k] <= PER_CAPITA_MAX]
                culprit = out[0] if out else (ka if a.data_kind == "reported" and b.data_kind != "reported" else kb)
                other = kb if culprit == ka else ka
                flag(culprit, "unit_slip", f"{ratio:,.0f} times the {other[3]} figure of {other[1]} ({other[2]}): "
                                           "likely a unit slip (t / kt / Mt)")  # fmt: skip
    rows = [(*k, c, r) for k, (c, r) in flags.items()]
    return pd.DataFrame(rows, columns=["city_id", "source_id", "data_kind", "year", "flag", "flag_reason"])


def target_flags(targets: pd.DataFrame, emissions: pd.DataFrame) -> pd.DataFrame:
    """(target_id, flag, flag_reason) for targets whose base-year emissions cannot be right."""
    t = totals(emissions)
    flagged = emission_flags(emissions, 9999)
    bad = set(zip(flagged["city_id"], flagged["source_id"], flagged["data_kind"], flagged["year"], strict=True))
    by_city_year: dict[tuple, list] = {}
    for r in t.itertuples(index=False):
        if (r.city_id, r.source_id, r.data_kind, r.year) not in bad and r.value > 0:
            by_city_year.setdefault((r.city_id, r.year), []).append(r)
    out = []
    for r in targets.itertuples(index=False):
        base = float(r.base_emissions_tco2e)
        if base <= 0:
            out.append((r.target_id, "not_positive", f"base-year emissions of {base:,.0f} t"))
            continue
        if r.population and r.population > 0 and r.boundary in OWN_TERRITORY | {None}:
            each = base / float(r.population)
            if not PER_CAPITA_MIN <= each <= PER_CAPITA_MAX:
                why = f"base-year emissions of {tonnes(base)} are {each:,.2f} t per person; a city's own total lies "
                why += f"between {PER_CAPITA_MIN:g} and {PER_CAPITA_MAX:g} t"
                out.append((r.target_id, "per_capita", why))
                continue
        if pd.notna(r.base_year):
            for inv in by_city_year.get((r.city_id, int(r.base_year)), []):
                ratio = base / inv.value
                if ratio > BASE_FACTOR or ratio < 1 / BASE_FACTOR:
                    out.append((r.target_id, "base_vs_inventory", f"base-year emissions of {tonnes(base)} are "
                                f"{ratio:,.3g} times the {int(r.base_year)} figure of {inv.source_id} "
                                f"({tonnes(inv.value)}, {inv.data_kind})"))  # fmt: skip
                    break
    return pd.DataFrame(out, columns=["target_id", "flag", "flag_reason"])


def apply_checks(con: duckdb.DuckDBPyConnection, this_year: int | None = None) -> dict[str, int]:
    """Run every check over the store behind `con` (in the caller's transaction) and write the flags.
    Returns the number of flagged rows per check (emissions and targets together)."""
    this_year = this_year or dt.date.today().year
    emissions = con.execute(EMISSIONS_SQL).df()
    targets = con.execute(TARGETS_SQL).df()
    ef = emission_flags(emissions, this_year)
    tf = target_flags(targets, emissions)
    marks = [("emissions", ef, ["city_id", "source_id", "data_kind", "year"]), ("targets", tf, ["target_id"])]
    for table, frame, keys in marks:  # fixed table and column names, values bound through the frame
        con.execute(f"UPDATE {table} SET flag = NULL, flag_reason = NULL WHERE flag IS NOT NULL")  # noqa: S608
        if len(frame):
            con.register("found_flags", frame)
            match = " AND ".join(f"x.{k} = f.{k}" for k in keys)
            con.execute(
                f"UPDATE {table} AS x SET flag = f.flag, flag_reason = f.flag_reason FROM found_flags AS f "  # noqa: S608
                f"WHERE {match}"
            )
            con.unregister("found_flags")
    counts = con.execute(
        "SELECT flag, count(*) FROM (SELECT flag FROM emissions UNION ALL SELECT flag FROM targets) "
        "WHERE flag IS NOT NULL GROUP BY flag"
    ).fetchall()
    return dict(counts)


__all__ = ["CHECKS", "apply_checks", "emission_flags", "target_flags"]
