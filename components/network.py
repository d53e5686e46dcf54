"""Figures and tables of the Network page, from the frame of queries/network_cities.sql. Pure: no Streamlit."""

from __future__ import annotations

import pandas as pd

# Okabe-Ito colours: distinguishable with the common forms of colour blindness.
NETWORK_COLOURS = {
    "EU Mission": "#0072B2",  # blue
    "C40": "#E69F00",  # orange
    "Urban Transitions Mission": "#009E73",  # bluish green
}
SEVERAL = "Several networks"
SEVERAL_COLOUR = "#CC79A7"  # reddish purple
SPARE_COLOURS = ["#56B4E9", "#D55E00", "#F0E442", "#000000"]


def colour_for(category: str, known: list[str] | None = None) -> str:
    if category == SEVERAL:
        return SEVERAL_COLOUR
    if category in NETWORK_COLOURS:
        return NETWORK_COLOURS[category]
    others = sorted(set(known or []) - set(NETWORK_COLOURS) - {SEVERAL})
    return SPARE_COLOURS[others.index(category) % len(SPARE_COLOURS)] if category in others else "#777777"


def network_category(networks: list[str]) -> str:
    """The colour group of a city: its one network, or 'Several networks'."""
    networks = list(networks)
    return networks[0] if len(networks) == 1 else SEVERAL


def format_people(n: float | int | None) -> str:
    """12_345_678 -> '12.3 million'; 45_600 -> '45,600'."""
    if n is None or pd.isna(n):
        return "unknown"
    if n >= 1e9:
        return f"{n / 1e9:.2f} billion"
    if n >= 1e6:
        return f"{n / 1e6:.1f} million"
    return f"{int(n):,}"


def headline_figures(cities: pd.DataFrame) -> dict[str, int]:
    """Cities, countries, UN sub-regions and people living in the cities shown."""
    return {
        "cities": int(len(cities)),
        "countries": int(cities["iso3"].nunique()),
        "regions": int(cities["subregion"].nunique()),
        "people": int(cities["population"].fillna(0).sum()),
    }


def table_by_region(cities: pd.DataFrame, networks: list[str]) -> pd.DataFrame:
    """One row per UN region and sub-region: member cities, countries, people, and cities per network."""
    columns = ["Region", "Sub-region", "Cities", "Countries", "People", *networks]
    if cities.empty:
        return pd.DataFrame(columns=columns)
    frame = cities.assign(Region=cities["region"].fillna("(no UN region)"), **{
        "Sub-region": cities["subregion"].fillna("(none)")})  # fmt: skip
    keys = ["Region", "Sub-region"]
    table = frame.groupby(keys, sort=True).agg(
        Cities=("city_id", "size"), Countries=("iso3", "nunique"), People=("population", "sum")
    )
    per_network = (
        frame[[*keys, "networks"]]
        .explode("networks")
        .pipe(lambda f: pd.crosstab([f["Region"], f["Sub-region"]], f["networks"]))
    )
    counts = per_network.reindex(index=table.index, columns=networks, fill_value=0).fillna(0).astype("int64")
    table = pd.concat([table.astype({"People": "int64"}), counts], axis=1).reset_index()
    return table[columns].sort_values(["Region", "Cities"], ascending=[True, False], ignore_index=True)


def cities_table(cities: pd.DataFrame) -> pd.DataFrame:
    """The member cities as a readable table (the CSV download and the table under the map)."""
    return pd.DataFrame(
        {
            "City": cities["city"],
            "Country": cities["country"],
            "Region": cities["region"],
            "Sub-region": cities["subregion"],
            "Income group": cities["income_group"],
            "Population (GeoNames)": cities["population"],
            "Networks": cities["networks"].map(lambda ns: "; ".join(ns)),
            "GeoNames id": cities["city_id"],
            "Latitude": cities["latitude"],
            "Longitude": cities["longitude"],
        }
    )


def map_summary(cities: pd.DataFrame, filters_text: str) -> str:
    """The one-sentence description of the map, shown under it and given to screen readers."""
    if cities.empty:
        return f"No member cities match {filters_text}."
    figures = headline_figures(cities)
    top = ", ".join(cities["city"].head(3))
    return (
        f"Map of {figures['cities']} member cities in {figures['countries']} countries ({filters_text}), "
        f"home to {format_people(figures['people'])} people; the largest are {top}."
    )
