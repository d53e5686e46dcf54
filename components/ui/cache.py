"""Cached accessors for what several pages share: profiles, peers, the network's cities and map, the
aggregate pathway and the brief. Each is computed once per store version and parameters, and those whose result
holds interface text (map tooltips, peers' reasons, the aggregate's table, the brief's slides) once per language:
they take `lang` as a key and compute in that language."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import queries
from components.i18n import language, region_name, use_language
from components.ui.sidebar import _filter_choices, include_flagged
from components.ui.sources import sources_frame
from components.ui.store import _freeze


@st.cache_resource(show_spinner=False, max_entries=16)
def _network_base(store_ident: tuple, networks: tuple) -> pd.DataFrame:
    """network_cities.sql for all regions and income groups, once per network choice (shared, read-only)."""
    return queries.run_query("network_cities", store=store_ident[0], networks=list(networks))


def _network_cities(store_ident: tuple, filters: tuple) -> pd.DataFrame:
    from components.network import filter_cities, filter_cohorts

    params = dict(filters)
    base = _network_base(store_ident, tuple(params["networks"]))
    cities = filter_cities(base, list(params["regions"]), list(params["income_groups"]))
    return filter_cohorts(cities, list(params.get("cohorts", [])))  # the Network page's cohort filter


def network_cities(filters: dict) -> pd.DataFrame:
    """The member cities the filters select (the rows of queries/network_cities.sql), a fresh copy."""
    return _network_cities(queries.store_identity(), _freeze(filters))


@st.cache_resource(show_spinner=False, max_entries=4)
def _outlines_json(store_ident: tuple) -> str:
    from components.maps import outlines_json

    return outlines_json(queries.run_query("country_outlines", store=store_ident[0]))


@st.cache_data(show_spinner=False, max_entries=64)
def _network_deck(store_ident: tuple, filters: tuple, networks: tuple, lang: str = "en") -> tuple[str, dict | None]:
    """`lang`: the tooltip and its labels are in the current language, so each language is cached apart."""
    from components.maps import network_map, with_outlines

    cities = _network_cities(store_ident, filters)
    with use_language(lang):
        deck = network_map(cities, None, list(networks))
    return with_outlines(deck.to_json(), _outlines_json(store_ident)), deck._tooltip


def network_deck(filters: dict, networks: list[str]):
    """The Network map, serialised once per filter set and store version (the outlines make it large)."""
    from components.maps import FrozenDeck

    spec, tooltip = _network_deck(queries.store_identity(), _freeze(filters), tuple(networks), language())
    return FrozenDeck(spec, tooltip)


@st.cache_resource(show_spinner=False, max_entries=4)
def _peer_features(store_ident: tuple) -> pd.DataFrame:
    """Shared, not copied: find_peers only reads it."""
    return queries.run_query("peer_features", store=store_ident[0])


@st.cache_resource(show_spinner=False, max_entries=4)
def _all_profiles(store_ident: tuple) -> pd.DataFrame:
    """queries/city_profiles.sql for every city, indexed by id (shared, read-only; ~34,000 rows)."""
    return queries.run_query("city_profiles", store=store_ident[0], city_ids=[]).set_index("city_id", drop=False)


def profiles(city_ids: list[int]) -> pd.DataFrame:
    """The rows of queries/city_profiles.sql for these ids, in the order asked; unknown ids are absent and an id
    asked twice comes once. Looked up in memory: the query took ~10 ms even for one city."""
    table = _all_profiles(queries.store_identity())
    wanted = [i for i in dict.fromkeys(int(i) for i in city_ids) if i in table.index]
    return table.loc[wanted].reset_index(drop=True)


@st.cache_resource(show_spinner=False, max_entries=4)
def _peer_members(store_ident: tuple) -> pd.DataFrame:
    """The peer features of the network members only (shared, read-only)."""
    features = _peer_features(store_ident)
    return features[features["is_member"].to_numpy(dtype=bool)]


def peer_features() -> tuple[pd.DataFrame, pd.DataFrame]:
    """queries/peer_features.sql for every city and for the network members (shared, read-only: never modify)."""
    ident = queries.store_identity()
    return _peer_features(ident), _peer_members(ident)


@st.cache_data(show_spinner=False, max_entries=128)
def _peers(
    store_ident: tuple, city_id: int, weights: tuple, members_only: bool, limit: int, lang: str = "en"
) -> pd.DataFrame:
    """`lang`: the reasons are sentences in the current language, so each language is cached apart."""
    from components.peers import find_peers

    with use_language(lang):  # the peers' reasons are sentences
        return find_peers(_peer_features(store_ident), city_id, dict(weights), members_only, limit,
                          members=_peer_members(store_ident))  # fmt: skip


def peers(city_id: int, weights: dict[str, float], members_only: bool, limit: int = 10) -> pd.DataFrame:
    return _peers(queries.store_identity(), city_id, tuple(sorted(weights.items())), members_only, limit, language())


@st.cache_data(show_spinner=False, max_entries=64)
def _aggregate(store_ident: tuple, filters: tuple, with_flagged: bool = False, lang: str = "en") -> dict:
    with use_language(lang):  # the table's columns and words, the pathways' labels
        return _aggregate_in_language(store_ident, filters, with_flagged)


def _aggregate_in_language(store_ident: tuple, filters: tuple, with_flagged: bool) -> dict:
    from components.pathway import aggregate_pathways, aggregate_table, city_pathways, coverage, flagged_left_out

    store = store_ident[0]
    cities = _network_cities(store_ident, filters)
    ids = [int(i) for i in cities["city_id"]]
    targets = queries.run_query("cities_targets", store=store, city_ids=ids)
    inventory = queries.run_query("cities_inventory", store=store, city_ids=ids)
    pathways = city_pathways(targets, inventory, with_flagged)
    flagged = flagged_left_out(targets, inventory)
    return {
        "coverage": {**coverage(cities, pathways), "flagged": flagged, "include_flagged": with_flagged},
        "aggregate": aggregate_pathways(pathways, range(2010, 2051)),
        "table": aggregate_table(cities, pathways),
        # the targets' sources, and the inventories that can start their paths (of the targets' own kinds)
        "source_ids": sorted(
            set(targets["source_id"])
            | set(inventory[inventory["data_kind"].isin(set(targets["data_kind"]))]["source_id"])
        ),
    }


def aggregate(filters: dict) -> dict:
    """The aggregate pathway of the selected cities, computed once per filter set and store version."""
    return _aggregate(queries.store_identity(), _freeze(filters), include_flagged(), language())


@st.cache_data(show_spinner=False, max_entries=16)
def _brief(store_ident: tuple, filters: tuple, with_flagged: bool = False, lang: str = "en") -> list:
    with use_language(lang):  # every slide's text
        return _brief_in_language(store_ident, filters, with_flagged, lang)


def _brief_in_language(store_ident: tuple, filters: tuple, with_flagged: bool, lang: str) -> list:
    import datetime as dt

    from components.brief import build_brief

    store = store_ident[0]
    params = {k: list(v) for k, v in filters}
    codes = {value: code for value, _sort, code in _filter_choices(store_ident)["region_rows"]}
    region = ", ".join(region_name(codes.get(r), fallback=r) for r in params["regions"])  # named in `lang`
    cities = _network_cities(store_ident, filters)
    ids = [int(i) for i in cities["city_id"]]
    networks = list(_filter_choices(store_ident)["network"])
    targets = queries.run_query("cities_targets", store=store, city_ids=ids)
    practices = queries.run_query("practices", store=store, q="", sectors=[], kinds=[], **params)
    funding = queries.run_query("funding", store=store, instruments=[], sectors=[], regions=params["regions"],
                                income_groups=params["income_groups"], open_now=False)  # fmt: skip
    aggregate = _aggregate(store_ident, filters, with_flagged, lang)
    from components.network import membership_sources

    source_ids = {"geonames", "natural_earth", "hdx_taxonomy", *aggregate["source_ids"], *membership_sources(cities),
                  *practices["source_id"], *funding["source_id"]}  # fmt: skip
    sources = sources_frame(source_ids, store_ident)
    target_sources = sources[sources["source_id"].isin(aggregate["source_ids"])]
    aggregate = {**aggregate, "citations": "; ".join(target_sources["citation"]),
                 "publishers": "; ".join(sorted(set(target_sources["publisher"])))}  # fmt: skip
    outlines = queries.run_query("country_outlines", store=store)
    return build_brief(region, cities, outlines, networks, aggregate, targets, practices, funding, sources,
                       dt.date.today())  # fmt: skip


def brief(filters: dict) -> list:
    """The brief's slides for the filters (regions, income groups, networks), once per store version."""
    return _brief(queries.store_identity(), _freeze(filters), include_flagged(), language())
