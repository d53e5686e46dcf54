"""Pathway maths: where a city's targets lead, where its trend leads, and whether it is on track.
Pure: no Streamlit, no store.

Rules (also printed next to the charts):
- A target becomes a point (target year, level in tCO2e) when its level can be known:
  base-year cut -> base-year emissions x (1 - reduction); the base-year emissions are the target's own,
  else the city's figure of that year in the one series the pathway uses (components/inventory.py:
  reported before modelled, one source; the chart's legend names its kind and gas).
  Net zero -> 0 (net emissions). Fixed level -> its level.
  BAU cut -> its stated target-year level (BAU x (1 - reduction)), else it cannot be placed.
  Intensity / per-capita targets are listed but not drawn: they need population and GDP projections.
- A path is drawn from a baseline of the same kind as its target: a reported target from the target's own
  base-year figure or a reported inventory, never from a modelled estimate (whose gas and boundary differ).
- Invalid targets (target year before base year, reduction outside 0-100 %) and targets whose base-year
  emissions failed a plausibility check (data/checks.py) are listed with the reason, not drawn (unless the viewer
  includes flagged figures). A path that rises towards a reduction target is drawn with a warning.
- Several targets for the same year: the lowest level governs (the most ambitious promise for that year).
- The implied path is the straight line from the baseline (the earliest base year with a known level, else the
  first reported year) through each governing target point, in year order.
- The trend is a least-squares line over that same series' totals of its last TREND_YEARS years (never over
  figures of two sources); it needs at least TREND_MIN_POINTS figures covering TREND_MIN_SPAN calendar years or more,
  else the page says it cannot tell.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from components.inventory import GAS_WORDS, series

TREND_YEARS = 8
TREND_MIN_POINTS, TREND_MIN_SPAN = 3, 4
DRAWABLE = {"base_year", "net_zero", "fixed_level", "bau"}


@dataclass
class TargetPoint:
    year: int
    level: float
    kind: str
    label: str


@dataclass
class Pathway:
    baseline: tuple[int, float] | None
    points: list[TargetPoint]
    not_drawn: list[str] = field(default_factory=list)  # targets listed but not drawn, with why
    basis: tuple[str, str] | None = None  # (data kind, gas) of the figure the baseline comes from
    warnings: list[str] = field(default_factory=list)  # drawn, but something about it cannot be right

    def path(self) -> pd.DataFrame:
        """The implied straight path: baseline then each governing target point (year, level_tco2e)."""
        anchors = ([self.baseline] if self.baseline else []) + [(p.year, p.level) for p in self.points]
        return pd.DataFrame(anchors, columns=["year", "level_tco2e"])

    def levels(self, years: np.ndarray) -> np.ndarray:
        """The implied path's levels in the given years (linear between anchors; flat before and after them)."""
        anchors = ([self.baseline] if self.baseline else []) + [(p.year, p.level) for p in self.points]
        if not anchors:
            return np.full(len(years), np.nan)
        xs, ys = zip(*anchors, strict=True)
        return np.interp(years, xs, ys)

    def level_in(self, year: int) -> float | None:
        value = self.levels(np.array([year]))[0]
        return None if np.isnan(value) else float(value)


@dataclass
class Trend:
    years: tuple[int, int]
    slope: float  # tCO2e per year
    intercept: float
    n_points: int

    def level_in(self, year: int) -> float:
        return max(0.0, self.slope * year + self.intercept)

    def year_reaching(self, level: float) -> float | None:
        """The year the trend line reaches a level, or None if it never does (flat or rising)."""
        if self.slope >= 0:
            return None
        return (level - self.intercept) / self.slope


def basis_words(basis: tuple[str, str] | None) -> str:
    """('modelled', 'CO2') -> 'modelled, fossil CO2 only'."""
    return f"{basis[0]}, {GAS_WORDS.get(basis[1], basis[1])}" if basis else "unknown"


def target_problem(t: dict) -> str | None:
    base, year, red = t.get("base_year"), t.get("target_year"), t.get("reduction_pct")
    if pd.notna(base) and pd.notna(year) and year < base:
        return f"target year {int(year)} is before its base year {int(base)}"
    if pd.notna(red) and not 0 <= red <= 100:
        return f"a reduction of {red:g} % is not possible"
    return None


KIND_WORDS = {"base_year": "cut from base year", "net_zero": "net zero", "fixed_level": "fixed level",
              "bau": "cut below business as usual", "intensity": "intensity / per capita"}  # fmt: skip


def describe(t: dict) -> str:
    kind = KIND_WORDS.get(t["kind"], t["kind"])
    red = f"−{t['reduction_pct']:g} % " if pd.notna(t.get("reduction_pct")) and t["kind"] != "net_zero" else ""
    base = f" vs {int(t['base_year'])}" if pd.notna(t.get("base_year")) else ""
    return f"{red}{kind}{base} by {int(t['target_year'])}".strip()


def build_pathway(
    targets: pd.DataFrame, totals: pd.DataFrame, series_info: dict | None = None, include_flagged: bool = False
) -> Pathway:
    """Turn a city's targets (queries/city_targets.sql rows) and its one series of totals (year,
    emissions_tco2e; series_info describes it: data_kind, gas) into a Pathway."""
    series_basis = (series_info["data_kind"], series_info["gas"]) if series_info else ("reported", "CO2e")
    target_kinds = set(targets["data_kind"]) if "data_kind" in targets.columns and len(targets) else {"reported"}
    same_kind = series_basis[0] in target_kinds  # a modelled series never carries a reported target's path
    by_year = dict(zip(totals["year"], totals["emissions_tco2e"], strict=True)) if len(totals) and same_kind else {}
    candidates: dict[int, TargetPoint] = {}
    not_drawn: list[str] = []
    bases: list[tuple[int, float, tuple[str, str]]] = []
    for t in targets.to_dict("records"):
        if t.get("sector", "total") != "total":
            not_drawn.append(f"{describe(t)}: covers {t['sector']} only")
            continue
        problem = target_problem(t)
        if problem:
            not_drawn.append(f"{describe(t)}: flagged, {problem}")
            continue
        if pd.notna(t.get("flag")) and t.get("flag") and not include_flagged:
            not_drawn.append(f"{describe(t)}: flagged ({t['flag']}), {t.get('flag_reason') or 'see the Data page'}")
            continue
        if t["kind"] not in DRAWABLE:
            not_drawn.append(f"{describe(t)}: intensity targets need population and GDP projections")
            continue
        base_year = int(t["base_year"]) if pd.notna(t.get("base_year")) else None
        own = t.get("base_emissions_tco2e")
        base_level = float(own) if pd.notna(own) else by_year.get(base_year)
        origin = (t.get("data_kind") or "reported", t.get("gas") or "CO2e") if pd.notna(own) else series_basis
        if base_year is not None and base_level is not None:
            bases.append((base_year, base_level, origin))
        if t["kind"] == "net_zero":
            level = 0.0
        elif t["kind"] == "fixed_level" or t["kind"] == "bau":
            level = t.get("target_emissions_tco2e")
            level = float(level) if pd.notna(level) else None
        else:  # base_year
            level = base_level * (1 - t["reduction_pct"] / 100) if base_level is not None else None
        if level is None:
            why = "no base-year emissions known" if t["kind"] == "base_year" else "its level in tCO2e is not stated"
            if t["kind"] == "base_year" and not same_kind and len(totals):
                why = (f"no {'/'.join(sorted(target_kinds))} base-year figure: the city's figures are "
                       f"{series_basis[0]} and would mix kinds")  # fmt: skip
            not_drawn.append(f"{describe(t)}: {why}")
            continue
        year = int(t["target_year"])
        point = TargetPoint(year, level, t["kind"], describe(t))
        if year not in candidates or level < candidates[year].level:
            candidates[year] = point
    earliest = min(bases, key=lambda b: (b[0], b[1])) if bases else None
    baseline, basis = (earliest[:2], earliest[2]) if earliest else (None, None)
    if baseline is None and len(totals) and same_kind:
        baseline = (int(totals["year"].iloc[0]), float(totals["emissions_tco2e"].iloc[0]))
        basis = series_basis
    points = [candidates[y] for y in sorted(candidates) if baseline is None or y > baseline[0]]
    if candidates and baseline is None and len(totals) and not same_kind:
        not_drawn.append(
            f"the path: no {'/'.join(sorted(target_kinds))} figure to start it from (the city's figures are "
            f"{series_basis[0]}, another kind, gas or boundary than its targets)"
        )
        points = []
    warnings = [
        f"the path rises from {format_tonnes(baseline[1])} in {baseline[0]} to {format_tonnes(p.level)} in {p.year} "
        f"towards a reduction target ({p.label}): its baseline or the target's level cannot both be right"
        for p in points
        if baseline and p.level > baseline[1] * 1.001 and p.kind in ("base_year", "bau", "net_zero")
    ][:1]
    return Pathway(baseline, points, not_drawn, basis, warnings)


def fit_trend(totals: pd.DataFrame, years: int = TREND_YEARS) -> Trend | None:
    """Least squares over one series' totals of its last `years` years; None unless there are at least
    TREND_MIN_POINTS of them spanning TREND_MIN_SPAN years or more."""
    if len(totals) < TREND_MIN_POINTS:
        return None
    recent = totals[totals["year"] > totals["year"].max() - years]
    if len(recent) < TREND_MIN_POINTS or recent["year"].max() - recent["year"].min() + 1 < TREND_MIN_SPAN:  # inclusive
        return None
    slope, intercept = np.polyfit(recent["year"].astype(float), recent["emissions_tco2e"].astype(float), 1)
    if abs(slope) <= 1e-9 * float(recent["emissions_tco2e"].abs().max()):  # flat: least squares leaves ~1e-15 of noise
        slope, intercept = 0.0, float(recent["emissions_tco2e"].mean())
    return Trend((int(recent["year"].min()), int(recent["year"].max())), float(slope), float(intercept), len(recent))


def format_tonnes(t: float) -> str:
    if abs(t) >= 1e6:
        return f"{t / 1e6:.1f} MtCO2e"
    if abs(t) >= 1e3:
        return f"{t / 1e3:.0f} ktCO2e"
    return f"{t:.0f} tCO2e"


def on_track_sentence(name: str, pathway: Pathway, trend: Trend | None, totals: pd.DataFrame) -> str:
    """One plain sentence: does the trend reach the next target, and by how much does it miss?"""
    if not pathway.points:
        return f"{name} has no target in the store that can be drawn, so whether it is on track cannot be said."
    if trend is None:
        n = len(totals)
        have = {0: "no inventory of the kind its targets are", 1: "one figure"}.get(n, f"{n} figures")
        span = f" ({int(totals['year'].min())}–{int(totals['year'].max())})" if n > 1 else ""
        return (
            f"With {have}{span} in one series, there is too little data to say whether {name} is on track: a trend "
            f"needs {TREND_MIN_POINTS} figures of one source spanning {TREND_MIN_SPAN} years or more."
        )
    last_year = trend.years[1]
    upcoming = [p for p in pathway.points if p.year > last_year] or pathway.points[-1:]
    target = upcoming[0]
    span = f"{trend.years[0]}–{trend.years[1]}"
    projected = trend.level_in(target.year)
    reach = trend.year_reaching(target.level)
    gap = projected - target.level
    if gap <= 0:
        when = f" in {int(np.ceil(reach))}" if reach is not None else ""
        return (
            f"At its {span} trend, {name} reaches its {target.year} target ({target.label}){when}, "
            f"on track: {format_tonnes(abs(gap))} below the target level in {target.year}."
        )
    direction = "flat or rising" if trend.slope >= 0 else "falling too slowly"
    reach_text = (
        f"reaches its {target.year} target level only in {int(np.ceil(reach))}"
        if reach is not None and reach < 2101
        else f"does not reach its {target.year} target level this century (emissions are {direction})"
    )
    pct = f" ({gap / target.level:.0%} above the target level)" if target.level > 0 else ""
    return f"At its {span} trend, {name} {reach_text}; the gap in {target.year} is {format_tonnes(gap)}{pct}."


def aggregate_pathways(pathways: dict[int, Pathway], years: range) -> pd.DataFrame:
    """Sum of the cities' implied paths, year by year.

    Rules: only cities whose targets give at least one drawable point count; each city's path is linear
    between its anchors, held at its baseline level before its base year and at its last target level
    after its last target year (a city without an interim target goes straight from baseline to its end
    target). Returns year, level_tco2e, cities.
    """
    drawn = [p for p in pathways.values() if p.points and p.baseline]
    grid = np.array(list(years), dtype=float)
    total = np.sum([p.levels(grid) for p in drawn], axis=0) if drawn else np.zeros(len(grid))
    return pd.DataFrame({"year": grid.astype(int), "level_tco2e": total, "cities": len(drawn)})


RULES_TEXT = __doc__.split("Rules (also printed next to the charts):\n", 1)[1]


def city_pathways(targets: pd.DataFrame, inventory: pd.DataFrame, include_flagged: bool = False) -> dict[int, Pathway]:
    """One Pathway per city that has targets (queries/cities_targets.sql, queries/cities_inventory.sql)."""
    out = {}
    by_city = dict(tuple(inventory.groupby("city_id"))) if len(inventory) else {}
    empty = inventory.iloc[0:0]
    for city_id, city_targets in targets.groupby("city_id"):
        totals, info = series(by_city.get(city_id, empty), include_flagged=include_flagged)
        out[int(city_id)] = build_pathway(city_targets, totals, info, include_flagged)
    return out


def coverage(cities: pd.DataFrame, pathways: dict[int, Pathway]) -> dict:
    """How many of the selected cities the aggregate covers, and their share of the population."""
    drawn = {cid for cid, p in pathways.items() if p.points and p.baseline}
    population = cities["population"].fillna(0)
    covered = cities["city_id"].isin(drawn)
    total = float(population.sum())
    by_basis: dict[str, int] = {}
    for cid in cities["city_id"][covered]:
        words = basis_words(pathways[int(cid)].basis)
        by_basis[words] = by_basis.get(words, 0) + 1
    return {
        "cities": int(len(cities)),
        "with_targets": int(cities["city_id"].isin(set(pathways)).sum()),
        "drawn": int(covered.sum()),
        "population_share": float(population[covered].sum() / total) if total else 0.0,
        "by_basis": dict(sorted(by_basis.items(), key=lambda kv: (-kv[1], kv[0]))),
    }


def flagged_left_out(targets: pd.DataFrame, inventory: pd.DataFrame) -> int:
    """How many figures (an inventory total of one source and year, or a target) the checks flagged."""
    n = int(targets["flag"].notna().sum()) if "flag" in targets.columns else 0
    if "flag" in inventory.columns and len(inventory):
        flagged = inventory[inventory["flag"].notna()]
        n += len(flagged.drop_duplicates(["city_id", "source_id", "year"]))
    return n


def coverage_sentence(c: dict, what: str) -> str:
    if c["cities"] == 0:
        return f"No member cities match {what}."
    sentence = (
        f"{c['with_targets']} of {c['cities']} member cities ({what}) have a target in the store; "
        f"{c['drawn']} of them can be drawn (a level in tCO2e is known) and hold {c['population_share']:.0%} "
        "of the population of the cities selected."
    )
    if c.get("flagged"):
        sentence += (
            f" {c['flagged']} flagged figure{'s' if c['flagged'] > 1 else ''} (failed a plausibility check) "
            + ("included at your request." if c.get("include_flagged") else "left out of the sum.")
        )
    by_basis = c.get("by_basis") or {}
    if by_basis:
        parts = [f"{n} on {words} figures" for words, n in by_basis.items()]
        sentence += " The sum adds up " + (", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0])
        sentence += (
            ": figures of different kinds or gases are added together here, so read the sum as an order of "
            "magnitude, not as one inventory."
            if len(by_basis) > 1
            else "."
        )
    return sentence


AGGREGATE_TABLE_SHOWN = ["City", "Country", "Population", "Baseline", "First target", "Last target",
                         "In the aggregate", "City page"]  # fmt: skip
# the download: the same rows with the baseline as numbers and the city's id instead of a link into the app
AGGREGATE_TABLE_DATA = ["City", "Country", "GeoNames id", "Population", "Baseline year", "Baseline (tCO2e)",
                        "Baseline basis", "First target", "Last target", "In the aggregate"]  # fmt: skip


def aggregate_table(cities: pd.DataFrame, pathways: dict[int, Pathway]) -> pd.DataFrame:
    """The cities behind the aggregate: baseline, next target, end target, with a link to each City page.
    The columns of AGGREGATE_TABLE_SHOWN are for the page, those of AGGREGATE_TABLE_DATA for the download."""
    rows = []
    for c in cities.to_dict("records"):
        p = pathways.get(int(c["city_id"]))
        if p is None:
            continue
        drawn = bool(p.points and p.baseline)
        rows.append(
            {
                "City": c["city"],
                "Country": c["country"],
                "GeoNames id": int(c["city_id"]),
                "Population": c["population"],
                "Baseline": f"{p.baseline[0]}: {format_tonnes(p.baseline[1])} ({basis_words(p.basis)})"
                if p.baseline
                else "unknown",
                "Baseline year": int(p.baseline[0]) if p.baseline else None,
                "Baseline (tCO2e)": float(p.baseline[1]) if p.baseline else None,
                "Baseline basis": basis_words(p.basis) if p.baseline else None,
                "First target": p.points[0].label if p.points else "",
                "Last target": p.points[-1].label if p.points else "",
                "In the aggregate": "yes" if drawn else "no: " + "; ".join(p.not_drawn)[:200],
                "City page": f"city?city={int(c['city_id'])}",
            }
        )
    table = pd.DataFrame(rows, columns=list(dict.fromkeys(AGGREGATE_TABLE_SHOWN + AGGREGATE_TABLE_DATA)))
    table["Baseline year"] = table["Baseline year"].astype("Int64")
    table["Baseline (tCO2e)"] = table["Baseline (tCO2e)"].astype(float)
    return table


AGGREGATE_RULES = aggregate_pathways.__doc__.split("Rules:", 1)[1].split("Returns", 1)[0]
