"""Cached accessors for growing the network: coverage of each network, prospects and City2City pairs, and
their CSV/XLSX downloads. The logic is pure (components/prospects.py, components/pairing.py); this module
only reads the store once per store version and hands frames over."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import streamlit as st

import queries
from components.i18n import _, fmt_int, language
from components.ui.sources import sources_frame

UTM = "utm"
GCOM = "gcom_jrc"
NOTES_LINK = "/data#how-each-network-s-list-was-built"


@st.cache_resource(show_spinner=False, max_entries=4)
def _coverage(store_ident: tuple) -> pd.DataFrame:
    return queries.run_query("network_coverage", store=store_ident[0])


def network_coverage() -> pd.DataFrame:
    """queries/network_coverage.sql: one row per network, its members in the store against its announced size."""
    return _coverage(queries.store_identity())


def size_words(size, text) -> str:
    """An announced size in the current language, keeping the page's hedge: "about 145" is "environ 145" in French,
    "8,140" is "8 140" (the number is the store's; only its wording is translated)."""
    hedge = str(text or "").strip().lower()
    number = fmt_int(int(size))
    if hedge.startswith(("about", "around", "approximately", "some ")):
        return _("about {n}").format(n=number)
    if hedge.startswith(("more than", "over")):
        return _("more than {n}").format(n=number)
    return number


def coverage_line(row: dict) -> str:
    """'Urban Transitions Mission: 16 of about 145 listed' (+ what part the store can hold at all), in the current
    language; the announced size's wording and the coverage note are the store's."""
    members = fmt_int(int(row["members_in_store"]))
    if pd.notna(row["announced_size"]):
        size = size_words(row["announced_size"], row["announced_size_text"])
        text = _("{network}: {members} of {size} listed").format(network=row["short_name"], members=members, size=size)
    else:
        text = _("{network}: {members} listed (no announced size found)").format(
            network=row["short_name"], members=members
        )
    if isinstance(row["coverage"], str) and row["coverage"]:
        text += f" ({row['coverage']})"
    return text


def coverage_markdown(short_names: list[str] | None = None) -> str:
    """The coverage lines of the given networks (all when None), each citing the page that states the size,
    with a link to how each list was built (the Data page)."""
    from components.escape import link_url
    from components.practices import escape_markdown

    rows = network_coverage()
    if short_names:
        rows = rows[rows["short_name"].isin(short_names)]
    parts = []
    for row in rows.to_dict("records"):
        line = escape_markdown(coverage_line(row))
        url = link_url(row["announced_size_url"]) if isinstance(row["announced_size_url"], str) else None
        if pd.notna(row["announced_size"]):  # the size's source: a link, or its title when it has no address
            line += (
                " (" + _("[source of the size]({url})").format(url=url) + ")"
                if url
                else " (" + _("size: {source}").format(source=escape_markdown(row["announced_size_source"])) + ")"
            )
        parts.append(line)
    return " · ".join(parts) + " · " + _("[How each list was built]({url})").format(url=NOTES_LINK)


@st.cache_resource(show_spinner=False, max_entries=4)
def _prospect_cities(store_ident: tuple, network_id: str) -> pd.DataFrame:
    """Shared, read-only: find_prospects only reads it."""
    return queries.run_query("prospect_cities", store=store_ident[0], network_id=network_id, gcom_network_id=GCOM)


def prospect_cities(network_id: str = UTM) -> pd.DataFrame:
    return _prospect_cities(queries.store_identity(), network_id)


@st.cache_resource(show_spinner=False, max_entries=4)
def _strengths(store_ident: tuple) -> pd.DataFrame:
    return queries.run_query("city_strengths", store=store_ident[0])


@st.cache_resource(show_spinner=False, max_entries=4)
def _features(store_ident: tuple) -> pd.DataFrame:
    return queries.run_query("peer_features", store=store_ident[0])


@st.cache_resource(show_spinner=False, max_entries=16)
def _members(store_ident: tuple, network_id: str) -> pd.DataFrame:
    return queries.run_query("network_members", store=store_ident[0], network_id=network_id)


def network_id_for(short_name: str) -> str | None:
    rows = network_coverage()
    found = rows[rows["short_name"] == short_name]
    return None if found.empty else str(found["network_id"].iloc[0])


def pair_cities(network_id: str, extra: list[int] | None = None) -> pd.DataFrame:
    """The members of a network (and `extra` cities) as components/pairing.py's frame."""
    from components.pairing import pair_frame

    ident = queries.store_identity()
    ids = [*_members(ident, network_id)["city_id"], *(extra or [])]
    return pair_frame(_features(ident), _strengths(ident), ids)


@st.cache_data(show_spinner=False, max_entries=64)
def _proposal(store_ident: tuple, network_id: str, pins: tuple, excludes: tuple, lang: str):
    """`lang`: the reasons and the dropped pins' messages are in the language the proposal was made in."""
    from components.pairing import propose_pairs

    return propose_pairs(pair_cities(network_id), list(pins), list(excludes))


def proposal(network_id: str, pins: list[tuple[int, int]], excludes: list[tuple[int, int]]):
    """components/pairing.propose_pairs for a network, once per store version, pins, exclusions and language."""
    return _proposal(queries.store_identity(), network_id, tuple(sorted(pins)), tuple(sorted(excludes)), language())


def downloads(table: pd.DataFrame, file_stem: str, source_ids: list[str], label: str) -> None:
    """The common download bar (a ZIP of pure-data CSV + sources + README, and an XLSX with a sources sheet)."""
    from components.ui.downloads import download_bar

    download_bar(table, file_stem, sources_frame(source_ids), label)


def web_source_id(url: str) -> str:
    """The id the build gives a web page's sources row (data/build.py, web_source_id)."""
    return "web-" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:8]


CRITERIA_URL = "https://urbantransitionsmission.org/cities-welcome-to-join-utm-by-21-september/"
CRITERIA_SOURCE = web_source_id(CRITERIA_URL)


def member_sources(network_id: str) -> set[str]:
    """The sources of a network's memberships (for the credit lines)."""
    return set(_members(queries.store_identity(), network_id)["source_id"])


def cohorts(short_names: list[str]) -> list[str]:
    """The cohorts the members of these networks joined with (memberships.cohort), in order."""
    rows = network_coverage()
    rows = rows[rows["short_name"].isin(short_names)]
    return sorted({c for listed in rows["cohorts"] if isinstance(listed, list | np.ndarray) for c in listed})
