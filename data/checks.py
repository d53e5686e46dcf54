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

Languages: `flag_reason` is stored in English (the build and the command line are English) and is never
rewritten. Every reason is written from one of the whole-sentence templates in REASONS, so a page can say it
again in the reader's language without a second column: `reason_text(flag, flag_reason)` matches the stored
text against its check's templates, reads the values back (numbers as written, tonnes with their unit, years,
source ids, the data kind) and fills the translated template with the numbers in the current locale. An old
or unknown wording is returned as stored. `check_text(flag)` is the check's one-line description (CHECKS) in
the current language.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

import duckdb
import pandas as pd

from components.i18n import DEFAULT, N_, _, language, pgettext

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
CHECK_TEXTS = {  # CHECKS, as templates: check_text() says them in the current language
    "year": (N_("inventory year in the future"), {}),
    "not_positive": (N_("zero or negative total"), {}),
    "per_capita": (N_("per person outside {low}-{high} t"), {"low": PER_CAPITA_MIN, "high": PER_CAPITA_MAX}),
    "unit_slip": (N_("{low}-{high} times another source: a unit slip"), {"low": SLIP_MIN, "high": SLIP_MAX}),
    "sector_sum": (N_("sectors over {share} of the stated total"), {"share": SECTOR_SUM_MAX}),
    "base_vs_inventory": (N_("base-year emissions over {factor} times off the inventory"), {"factor": BASE_FACTOR}),
}

# The reasons' templates, by check. Placeholders: {total}, {summed}, {stated}, {base}, {inventory} are tonnes
# with their unit ("1.2 Mt", tonnes()) unless the template writes the unit itself; {year}, {this_year} years;
# {source} a source id; {kind} a data kind; any other a number as written.
YEAR_AFTER = N_("inventory year {year} is after {this_year}")
NOT_POSITIVE = N_("a total of {total} t cannot be a city's emissions")
PER_CAPITA = N_("{total} is {per_person} t per person; a city's own total lies between {low} and {high} t")
SECTOR_SUM = N_("its sectors add up to {summed}, more than its stated total of {stated}")
UNIT_SLIP = N_("{ratio} times the {year} figure of {source} ({kind}): likely a unit slip (t / kt / Mt)")
BASE_NOT_POSITIVE = N_("base-year emissions of {base} t")
BASE_PER_CAPITA = N_(
    "base-year emissions of {base} are {per_person} t per person; a city's own total lies between {low} and {high} t"
)
BASE_VS_INVENTORY = N_(
    "base-year emissions of {base} are {ratio} times the {year} figure of {source} ({inventory}, {kind})"
)
REASONS = {
    "year": [YEAR_AFTER],
    "not_positive": [NOT_POSITIVE, BASE_NOT_POSITIVE],
    "per_capita": [PER_CAPITA, BASE_PER_CAPITA],
    "sector_sum": [SECTOR_SUM],
    "unit_slip": [UNIT_SLIP],
    "base_vs_inventory": [BASE_VS_INVENTORY],
}
_TONNES_RE = r"-?[\d,]+(?:\.\d+)? (?:Mt|kt|t)"
_NUMBER_RE = r"-?[\d,]*\.?\d+(?:e[+-]\d+)?"
_GROUPS = {"year": r"\d+", "this_year": r"\d+", "source": r".+?", "kind": r"reported|modelled|illustrative"}
_BARE_TONNES = {NOT_POSITIVE, BASE_NOT_POSITIVE}  # their {total} / {base} is a number: the template writes " t"

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


@cache
def _pattern(template: str) -> re.Pattern:
    out, pos = [], 0
    for m in re.finditer(r"\{(\w+)\}", template):
        name = m.group(1)
        out.append(re.escape(template[pos : m.start()]))
        if name in _GROUPS:
            group = _GROUPS[name]
        elif name in ("total", "summed", "stated", "base", "inventory") and template not in _BARE_TONNES:
            group = _TONNES_RE
        else:
            group = _NUMBER_RE
        out.append(f"(?P<{name}>{group})")
        pos = m.end()
    out.append(re.escape(template[pos:]))
    return re.compile("".join(out))


def _number(written: str) -> str:
    """A number as the English reason wrote it ("1,234.57", "0.2", "1.23e+03"), in the current locale with the
    same decimals."""
    from data.importers.messages import Num  # here: data.importers imports this module

    decimals = len(written.split(".")[1]) if "." in written and "e" not in written else 0
    return format(Num(float(written.replace(",", "")), f",.{decimals}f" if "e" not in written else "g"), "")


def _value(name: str, written: str) -> str:
    if name in ("year", "this_year", "source"):
        return written
    if name == "kind":
        kinds = {
            "reported": pgettext("data kind", "reported"),
            "modelled": pgettext("data kind", "modelled"),
            "illustrative": pgettext("data kind", "illustrative"),
        }
        return kinds.get(written, written)
    if " " in written:  # tonnes with a unit
        number, unit = written.rsplit(" ", 1)
        return f"{_number(number)} {unit}"
    return _number(written)


def reason_text(flag: str | None, reason: str | None) -> str | None:
    """A stored `flag_reason` in the current language (as stored in English, or when its wording is not one of
    REASONS). For the pages: show `reason_text(row["flag"], row["flag_reason"])` wherever flag_reason is shown."""
    if not isinstance(reason, str) or language() == DEFAULT:
        return reason
    for template in REASONS.get(str(flag), ()):
        m = _pattern(template).fullmatch(reason)
        if m:
            return _(template).format(**{k: _value(k, v) for k, v in m.groupdict().items()})
    return reason


def check_text(flag: str) -> str:
    """What a check means (CHECKS[flag]) in the current language; the flag itself when it is not a check."""
    if flag not in CHECK_TEXTS:
        return flag
    template, values = CHECK_TEXTS[flag]
    if language() == DEFAULT:
        return CHECKS[flag]
    from data.importers.messages import Num  # here: data.importers imports this module

    spec = {"share": ".0%"}
    return _(template).format(**{k: Num(v, spec.get(k, "g")) for k, v in values.items()})


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
            flag(key, "year", YEAR_AFTER.format(year=r.year, this_year=this_year))
            continue
        if r.value <= 0:
            flag(key, "not_positive", NOT_POSITIVE.format(total=f"{r.value:,.0f}"))
            continue
        pp[key] = per_person(r)
        if pp[key] is not None and not PER_CAPITA_MIN <= pp[key] <= PER_CAPITA_MAX:
            why = PER_CAPITA.format(total=tonnes(r.value), per_person=f"{pp[key]:,.2f}", low=f"{PER_CAPITA_MIN:g}",
                                    high=f"{PER_CAPITA_MAX:g}")  # fmt: skip
            flag(key, "per_capita", why)
        if pd.notna(r.stated) and pd.notna(r.summed) and r.summed > SECTOR_SUM_MAX * r.stated:
            flag(key, "sector_sum", SECTOR_SUM.format(summed=tonnes(r.summed), stated=tonnes(r.stated)))
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
                flag(culprit, "unit_slip", UNIT_SLIP.format(ratio=f"{ratio:,.0f}", year=other[3], source=other[1],
                                                            kind=other[2]))  # fmt: skip
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
            out.append((r.target_id, "not_positive", BASE_NOT_POSITIVE.format(base=f"{base:,.0f}")))
            continue
        if r.population and r.population > 0 and r.boundary in OWN_TERRITORY | {None}:
            each = base / float(r.population)
            if not PER_CAPITA_MIN <= each <= PER_CAPITA_MAX:
                why = BASE_PER_CAPITA.format(base=tonnes(base), per_person=f"{each:,.2f}", low=f"{PER_CAPITA_MIN:g}",
                                             high=f"{PER_CAPITA_MAX:g}")  # fmt: skip
                out.append((r.target_id, "per_capita", why))
                continue
        if pd.notna(r.base_year):
            for inv in by_city_year.get((r.city_id, int(r.base_year)), []):
                ratio = base / inv.value
                if ratio > BASE_FACTOR or ratio < 1 / BASE_FACTOR:
                    why = BASE_VS_INVENTORY.format(base=tonnes(base), ratio=f"{ratio:,.3g}", year=int(r.base_year),
                                                   source=inv.source_id, inventory=tonnes(inv.value),
                                                   kind=inv.data_kind)  # fmt: skip
                    out.append((r.target_id, "base_vs_inventory", why))
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


__all__ = ["CHECKS", "apply_checks", "check_text", "emission_flags", "reason_text", "target_flags"]
