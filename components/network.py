"""Figures and tables of the Network page, from the frame of queries/network_cities.sql. Pure: no Streamlit."""

from __future__ import annotations

import numpy as np
import pandas as pd

from components import palette

# Okabe-Ito colours: distinguishable with the common forms of colour blindness (tests/unit/test_palette.py).
NETWORK_COLOURS = {
    "EU Mission": palette.BLUE,
    "C40": palette.ORANGE,
    "Urban Transitions Mission": palette.BLUISH_GREEN,
}
SEVERAL = "Several networks"
SEVERAL_COLOUR = palette.REDDISH_PURPLE
SPARE_COLOURS = [palette.SKY_BLUE, palette.VERMILLION, palette.YELLOW, palette.BLACK]
UNKNOWN_COLOUR = palette.DARK_GREY
# Plotly marker symbols, so a network is told by shape as well as colour (the Brief's map).
NETWORK_SYMBOLS = {"EU Mission": "circle", "C40": "square", "Urban Transitions Mission": "triangle-up"}
SEVERAL_SYMBOL = "diamond"
SPARE_SYMBOLS = ["cross", "x", "star", "hexagon"]


def colour_for(category: str, known: list[str] | None = None) -> str:
    if category == SEVERAL:
        return SEVERAL_COLOUR
    if category in NETWORK_COLOURS:
        return NETWORK_COLOURS[category]
    others = sorted(set(known or []) - set(NETWORK_COLOURS) - {SEVERAL})
    return SPARE_COLOURS[others.index(category) % len(SPARE_COLOURS)] if category in others else UNKNOWN_COLOUR


def symbol_for(category: str, known: list[str] | None = None) -> str:
    """The marker shape of a network category, the second cue beside colour_for."""
    if category == SEVERAL:
        return SEVERAL_SYMBOL
    if category in NETWORK_SYMBOLS:
        return NETWORK_SYMBOLS[category]
    others = sorted(set(known or []) - set(NETWORK_COLOURS) - {SEVERAL})
    return SPARE_SYMBOLS[others.index(category) % len(SPARE_SYMBOLS)] if category in others else "circle-open"


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


def data_coverage(cities: pd.DataFrame) -> dict[str, int]:
    """How many of the cities shown have an emissions figure (any; reported; modelled) and a target."""
    reported, modelled = cities["has_reported"].astype(bool), cities["has_modelled"].astype(bool)
    return {
        "cities": int(len(cities)),
        "with_inventory": int((reported | modelled).sum()),
        "reported": int(reported.sum()),
        "modelled_only": int((modelled & ~reported).sum()),
        "with_target": int(cities["has_target"].astype(bool).sum()),
    }


def coverage_text(c: dict[str, int]) -> str:
    if not c["cities"]:
        return ""
    pct = lambda n: f"{n / c['cities']:.0%}"  # noqa: E731
    return (
        f"Data coverage of these {c['cities']:,} cities: {c['with_inventory']:,} ({pct(c['with_inventory'])}) have an "
        f"emissions figure that passed the plausibility checks — {c['reported']:,} reported by the city, "
        f"{c['modelled_only']:,} modelled only; "
        f"{c['with_target']:,} ({pct(c['with_target'])}) have a target."
    )


def filter_cities(cities: pd.DataFrame, regions: list[str], income_groups: list[str]) -> pd.DataFrame:
    """The rows of network_cities.sql in any of `regions` (UN M49 region, sub-region or intermediate region
    names) and any of `income_groups`; an empty list means all. The page reads the store once per network
    choice and narrows in memory on each filter change."""
    keep = np.ones(len(cities), dtype=bool)
    if regions:
        keep &= (cities["region"].isin(regions) | cities["subregion"].isin(regions)
                 | cities["intermediate_region"].isin(regions)).to_numpy(dtype=bool)  # fmt: skip
    if income_groups:
        keep &= cities["income_group"].isin(income_groups).to_numpy(dtype=bool)
    return cities[keep].reset_index(drop=True)


# Up to this many networks the table by region has a column per network; beyond it, a column per
# network is a table nobody can read, and the table says how many of the networks each region has.
NETWORK_COLUMNS_MAX = 8


def region_labels(options: pd.DataFrame) -> dict[str, str]:
    """The sidebar's label of each region (queries/filter_options.sql rows, already in hierarchy order): a region by
    its name, a sub-region or intermediate region indented under it with its parent named, e.g.
    "Eastern Africa (Sub-Saharan Africa)" after "Sub-Saharan Africa (Africa)" after "Africa". The labels are also
    the values ?region= holds (Streamlit writes a bound widget's labels into the URL)."""
    labels = {}
    for row in options.itertuples():
        parts = row.sort_key.split(" / ")
        labels[row.value] = row.value if len(parts) < 2 else f"{row.value} ({parts[-2]})"
    return labels


def membership_matrix(cities: pd.DataFrame, networks: list[str]) -> np.ndarray:
    """cities × networks, 1 where the city belongs to the network."""
    lists = list(cities["networks"])
    lengths = np.fromiter((len(x) for x in lists), dtype=np.int64, count=len(lists))
    matrix = np.zeros((len(lists), len(networks)), dtype=np.int64)
    if lengths.sum():
        columns = pd.Index(networks).get_indexer(np.concatenate(lists))
        rows = np.repeat(np.arange(len(lists)), lengths)
        known = columns >= 0
        matrix[rows[known], columns[known]] = 1
    return matrix


def table_by_region(cities: pd.DataFrame, networks: list[str]) -> pd.DataFrame:
    """One row per UN region and sub-region: member cities, countries, people, and cities per network
    (or, past NETWORK_COLUMNS_MAX networks, how many of them have cities there)."""
    wide = len(networks) <= NETWORK_COLUMNS_MAX
    columns = ["Region", "Sub-region", "Cities", "Countries", "People", *(networks if wide else ["Networks"])]
    if cities.empty:
        return pd.DataFrame(columns=columns)
    region = cities["region"].fillna("(no UN region)").to_numpy(object)
    subregion = cities["subregion"].fillna("(none)").to_numpy(object)
    keys = list(zip(region, subregion, strict=True))
    pairs = sorted(set(keys))
    position = {pair: i for i, pair in enumerate(pairs)}
    group = np.fromiter((position[k] for k in keys), dtype=np.int64, count=len(keys))
    n = len(pairs)
    members = np.zeros((n, len(networks)), dtype=np.int64)
    np.add.at(members, group, membership_matrix(cities, networks))
    countries = pd.DataFrame({"g": group, "iso3": cities["iso3"].to_numpy(object)}).drop_duplicates()
    table = pd.DataFrame({
        "Region": [p[0] for p in pairs],
        "Sub-region": [p[1] for p in pairs],
        "Cities": np.bincount(group, minlength=n),
        "Countries": np.bincount(countries["g"].to_numpy(), minlength=n),
        "People": np.bincount(group, weights=cities["population"].fillna(0).to_numpy(float), minlength=n).astype(
            np.int64),
    })  # fmt: skip
    if wide:
        table = pd.concat([table, pd.DataFrame(members, columns=networks)], axis=1)
    else:
        table["Networks"] = (members > 0).sum(axis=1)
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


def membership_sources(cities: pd.DataFrame) -> list[str]:
    """The distinct sources of the memberships of the cities shown."""
    lists = list(cities["membership_source_ids"])
    return sorted(set(np.concatenate(lists))) if lists else []


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


def filter_cohorts(cities: pd.DataFrame, cohorts: list[str]) -> pd.DataFrame:
    """The rows of network_cities.sql that joined with any of `cohorts` (memberships.cohort); empty = all."""
    if not cohorts or "cohorts" not in cities.columns:
        return cities
    wanted = set(cohorts)
    keep = np.array([bool(wanted.intersection(list(c))) for c in cities["cohorts"]], dtype=bool)
    return cities[keep].reset_index(drop=True)
