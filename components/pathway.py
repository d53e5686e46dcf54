"""Pathway maths: where a city's targets lead, where its trend leads, and whether it is on track.
Pure: no Streamlit, no store. The rules are RULES_TEXT below (also printed next to the charts, translated).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from components.i18n import N_, _, fmt_int, fmt_number, fmt_percent, ngettext, pgettext
from components.inventory import GAS_WORDS, series
from data.checks import reason_text

TREND_YEARS = 8
TREND_MIN_POINTS, TREND_MIN_SPAN = 3, 4
DRAWABLE = {"base_year", "net_zero", "fixed_level", "bau"}
# Printed next to the City chart (translated where shown: `_(RULES_TEXT)`).
RULES_TEXT = N_(
    """- A target becomes a point (target year, level in tCO2e) when its level can be known:
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
)


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


# A figure's kind as the sentences name it (translated where shown); an unknown kind is shown as the store has it.
DATA_KIND_WORDS = {"reported": N_("reported"), "modelled": N_("modelled"), "illustrative": N_("illustrative")}


def kind_word(kind: str) -> str:
    """A data kind in the current language ("modelled" -> "modélisé")."""
    return _(DATA_KIND_WORDS[kind]) if kind in DATA_KIND_WORDS else str(kind)


def _kinds(kinds) -> str:
    return "/".join(kind_word(k) for k in sorted(kinds))


def fmt_pct(value: float) -> str:
    """A percentage figure as `:g` gave it (40, 37.5), in the current locale's digits."""
    return fmt_number(float(value), 4)


def basis_words(basis: tuple[str, str] | None) -> str:
    """('modelled', 'CO2') -> 'modelled, fossil CO2 only'."""
    if not basis:
        return _("unknown")
    gas = _(GAS_WORDS[basis[1]]) if basis[1] in GAS_WORDS else basis[1]
    return _("{kind}, {gas}").format(kind=kind_word(basis[0]), gas=gas)


def target_problem(t: dict) -> str | None:
    base, year, red = t.get("base_year"), t.get("target_year"), t.get("reduction_pct")
    if pd.notna(base) and pd.notna(year) and year < base:
        return _("target year {year} is before its base year {base_year}").format(year=int(year), base_year=int(base))
    if pd.notna(red) and not 0 <= red <= 100:
        return _("a reduction of {pct} % is not possible").format(pct=fmt_pct(red))
    return None


KIND_WORDS = {"base_year": N_("cut from base year"), "net_zero": N_("net zero"), "fixed_level": N_("fixed level"),
              "bau": N_("cut below business as usual"), "intensity": N_("intensity / per capita")}  # fmt: skip


def describe(t: dict) -> str:
    """A target in a few words: "−40 % cut from base year vs 1990 by 2030" (the words in the current language)."""
    kind = _(KIND_WORDS[t["kind"]]) if t["kind"] in KIND_WORDS else t["kind"]
    has_cut = pd.notna(t.get("reduction_pct")) and t["kind"] != "net_zero"
    has_base = pd.notna(t.get("base_year"))
    values = {"kind": kind, "year": int(t["target_year"])}
    if has_cut:
        values["pct"] = fmt_pct(t["reduction_pct"])
    if has_base:
        values["base_year"] = int(t["base_year"])
    if has_cut and has_base:
        text = _("−{pct} % {kind} vs {base_year} by {year}")
    elif has_cut:
        text = _("−{pct} % {kind} by {year}")
    elif has_base:
        text = _("{kind} vs {base_year} by {year}")
    else:
        text = _("{kind} by {year}")
    return text.format(**values).strip()


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
            not_drawn.append(_("{target}: covers {sector} only").format(target=describe(t), sector=t["sector"]))
            continue
        problem = target_problem(t)
        if problem:
            not_drawn.append(_("{target}: flagged, {problem}").format(target=describe(t), problem=problem))
            continue
        if pd.notna(t.get("flag")) and t.get("flag") and not include_flagged:
            reason = reason_text(t.get("flag"), t.get("flag_reason")) or _("see the Data page")
            not_drawn.append(
                _("{target}: flagged ({flag}), {reason}").format(target=describe(t), flag=t["flag"], reason=reason)
            )
            continue
        if t["kind"] not in DRAWABLE:
            not_drawn.append(
                _("{target}: intensity targets need population and GDP projections").format(target=describe(t))
            )
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
            if t["kind"] == "base_year" and not same_kind and len(totals):
                why = _(
                    "{target}: no {kinds} base-year figure: the city's figures are {kind} and would mix kinds"
                ).format(target=describe(t), kinds=_kinds(target_kinds), kind=kind_word(series_basis[0]))
            elif t["kind"] == "base_year":
                why = _("{target}: no base-year emissions known").format(target=describe(t))
            else:
                why = _("{target}: its level in tCO2e is not stated").format(target=describe(t))
            not_drawn.append(why)
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
            _(
                "the path: no {kinds} figure to start it from (the city's figures are {kind}, another kind, gas or "
                "boundary than its targets)"
            ).format(kinds=_kinds(target_kinds), kind=kind_word(series_basis[0]))
        )
        points = []
    warnings = [
        _(
            "the path rises from {baseline} in {base_year} to {level} in {year} towards a reduction target "
            "({target}): its baseline or the target's level cannot both be right"
        ).format(
            baseline=format_tonnes(baseline[1]),
            base_year=baseline[0],
            level=format_tonnes(p.level),
            year=p.year,
            target=p.label,
        )  # fmt: skip
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
    """Tonnes in Mt, kt or t with the locale's digits ("1.2 MtCO2e", "1,2 MtCO2e" in French); units as in English."""
    if abs(t) >= 1e6:
        return f"{fmt_number(t / 1e6, 1, fixed=True)} MtCO2e"
    if abs(t) >= 1e3:
        return f"{fmt_int(t / 1e3)} ktCO2e"
    return f"{fmt_int(t)} tCO2e"


def on_track_sentence(name: str, pathway: Pathway, trend: Trend | None, totals: pd.DataFrame) -> str:
    """One plain sentence: does the trend reach the next target, and by how much does it miss?"""
    if not pathway.points:
        text = _("{name} has no target in the store that can be drawn, so whether it is on track cannot be said.")
        return text.format(name=name)
    if trend is None:
        n = len(totals)
        values = {"name": name, "points": TREND_MIN_POINTS, "years": TREND_MIN_SPAN}
        if n == 0:
            text = _(
                "With no inventory of the kind its targets are in one series, there is too little data to say whether "
                "{name} is on track: a trend needs {points} figures of one source spanning {years} years or more."
            )
        elif n == 1:
            text = _(
                "With one figure in one series, there is too little data to say whether {name} is on track: a trend "
                "needs {points} figures of one source spanning {years} years or more."
            )
        else:
            text = ngettext(
                "With {n} figure ({first}–{last}) in one series, there is too little data to say whether {name} is on "
                "track: a trend needs {points} figures of one source spanning {years} years or more.",
                "With {n} figures ({first}–{last}) in one series, there is too little data to say whether {name} is on "
                "track: a trend needs {points} figures of one source spanning {years} years or more.",
                n,
            )
            values.update(n=fmt_int(n), first=int(totals["year"].min()), last=int(totals["year"].max()))
        return text.format(**values)
    last_year = trend.years[1]
    upcoming = [p for p in pathway.points if p.year > last_year] or pathway.points[-1:]
    target = upcoming[0]
    projected = trend.level_in(target.year)
    reach = trend.year_reaching(target.level)
    gap = projected - target.level
    values = {"first": trend.years[0], "last": trend.years[1], "name": name, "year": target.year,
              "target": target.label, "gap": format_tonnes(abs(gap))}  # fmt: skip
    if gap <= 0:
        if reach is not None:
            return _(
                "At its {first}–{last} trend, {name} reaches its {year} target ({target}) in {reach_year}, on track: "
                "{gap} below the target level in {year}."
            ).format(reach_year=int(np.ceil(reach)), **values)
        return _(
            "At its {first}–{last} trend, {name} reaches its {year} target ({target}), on track: {gap} below the "
            "target level in {year}."
        ).format(**values)
    with_pct = target.level > 0
    if reach is not None and reach < 2101:
        values["reach_year"] = int(np.ceil(reach))
        text = (
            _(
                "At its {first}–{last} trend, {name} reaches its {year} target level only in {reach_year}; the gap "
                "in {year} is {gap} ({pct} above the target level)."
            )
            if with_pct
            else _(
                "At its {first}–{last} trend, {name} reaches its {year} target level only in {reach_year}; the gap "
                "in {year} is {gap}."
            )
        )
    elif trend.slope >= 0:
        text = (
            _(
                "At its {first}–{last} trend, {name} does not reach its {year} target level this century (emissions "
                "are flat or rising); the gap in {year} is {gap} ({pct} above the target level)."
            )
            if with_pct
            else _(
                "At its {first}–{last} trend, {name} does not reach its {year} target level this century (emissions "
                "are flat or rising); the gap in {year} is {gap}."
            )
        )
    else:
        text = (
            _(
                "At its {first}–{last} trend, {name} does not reach its {year} target level this century (emissions "
                "are falling too slowly); the gap in {year} is {gap} ({pct} above the target level)."
            )
            if with_pct
            else _(
                "At its {first}–{last} trend, {name} does not reach its {year} target level this century (emissions "
                "are falling too slowly); the gap in {year} is {gap}."
            )
        )
    pct = fmt_percent(gap / target.level) if with_pct else ""
    return text.format(pct=pct, **values)


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
        return _("No member cities match {what}.").format(what=what)
    sentence = _(
        "{with_targets} of {cities} member cities ({what}) have a target in the store; {drawn} of them can be drawn "
        "(a level in tCO2e is known) and hold {share} of the population of the cities selected."
    ).format(with_targets=fmt_int(c["with_targets"]), cities=fmt_int(c["cities"]), what=what,
             drawn=fmt_int(c["drawn"]), share=fmt_percent(c["population_share"]))  # fmt: skip
    if c.get("flagged"):
        n = c["flagged"]
        if c.get("include_flagged"):
            flagged = ngettext(
                "{n} flagged figure (failed a plausibility check) included at your request.",
                "{n} flagged figures (failed a plausibility check) included at your request.",
                n,
            )
        else:
            flagged = ngettext(
                "{n} flagged figure (failed a plausibility check) left out of the sum.",
                "{n} flagged figures (failed a plausibility check) left out of the sum.",
                n,
            )
        sentence += " " + flagged.format(n=fmt_int(n))
    by_basis = c.get("by_basis") or {}
    if by_basis:
        parts = [_("{n} on {basis} figures").format(n=fmt_int(n), basis=words) for words, n in by_basis.items()]
        listed = (
            _("{items} and {last}").format(items=", ".join(parts[:-1]), last=parts[-1]) if len(parts) > 1 else parts[0]
        )
        if len(by_basis) > 1:
            sentence += " " + _(
                "The sum adds up {parts}: figures of different kinds or gases are added together here, so read the "
                "sum as an order of magnitude, not as one inventory."
            ).format(parts=listed)
        else:
            sentence += " " + _("The sum adds up {parts}.").format(parts=listed)
    return sentence


AGGREGATE_TABLE_SHOWN = ["City", "Country", "Population", "Baseline", "First target", "Last target",
                         "In the aggregate", "City page"]  # fmt: skip
# the download: the same rows with the baseline as numbers and the city's id instead of a link into the app
AGGREGATE_TABLE_DATA = ["City", "Country", "GeoNames id", "Population", "Baseline year", "Baseline (tCO2e)",
                        "Baseline basis", "First target", "Last target", "In the aggregate"]  # fmt: skip
# The columns' headers on screen and in the download (translated where shown: `aggregate_table_headers()`).
AGGREGATE_TABLE_HEADERS = {
    "City": N_("City"), "Country": N_("Country"), "GeoNames id": N_("GeoNames id"), "Population": N_("Population"),
    "Baseline": N_("Baseline"), "Baseline year": N_("Baseline year"), "Baseline (tCO2e)": N_("Baseline (tCO2e)"),
    "Baseline basis": N_("Baseline basis"), "First target": N_("First target"), "Last target": N_("Last target"),
    "In the aggregate": N_("In the aggregate"), "City page": N_("City page"),
}  # fmt: skip


def aggregate_table_headers() -> dict[str, str]:
    """The aggregate table's column names -> their headers in the current language (the same in English)."""
    return {column: _(header) for column, header in AGGREGATE_TABLE_HEADERS.items()}


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
                "Baseline": _("{year}: {level} ({basis})").format(
                    year=p.baseline[0], level=format_tonnes(p.baseline[1]), basis=basis_words(p.basis)
                )
                if p.baseline
                else _("unknown"),
                "Baseline year": int(p.baseline[0]) if p.baseline else None,
                "Baseline (tCO2e)": float(p.baseline[1]) if p.baseline else None,
                "Baseline basis": basis_words(p.basis) if p.baseline else None,
                "First target": p.points[0].label if p.points else "",
                "Last target": p.points[-1].label if p.points else "",
                "In the aggregate": pgettext("in the aggregate", "yes")
                if drawn
                else pgettext("in the aggregate", "no: {reasons}").format(reasons="; ".join(p.not_drawn)[:200]),
                "City page": f"city?city={int(c['city_id'])}",
            }
        )
    table = pd.DataFrame(rows, columns=list(dict.fromkeys(AGGREGATE_TABLE_SHOWN + AGGREGATE_TABLE_DATA)))
    table["Baseline year"] = table["Baseline year"].astype("Int64")
    table["Baseline (tCO2e)"] = table["Baseline (tCO2e)"].astype(float)
    return table


# aggregate_pathways' rules (its docstring says the same), printed on the Pathways page (translated where shown:
# `_(AGGREGATE_RULES)`)
AGGREGATE_RULES = N_(
    "only cities whose targets give at least one drawable point count; each city's path is linear between its "
    "anchors, held at its baseline level before its base year and at its last target level after its last target "
    "year (a city without an interim target goes straight from baseline to its end target)."
)
