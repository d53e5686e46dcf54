"""Prospects: cities not yet in a network that meet its joining criteria as far as the store can tell, ranked by
what they would add. Pure: no Streamlit, no store.

The Urban Transitions Mission's criteria (https://urbantransitionsmission.org/cities-welcome-to-join-utm-by-21-september/):
at least 50,000 inhabitants; a Global Covenant of Mayors signatory (or committed to become one within three
months); a climate action plan covering the whole city. What the store can tell:
- size: GeoNames population (>= MIN_POPULATION; unknown population is not a prospect);
- GCoM: a signatory in the JRC file (the gcom_jrc network), known only for the countries that file covers
  (Europe and the Southern Mediterranean); elsewhere membership is unknown and said so;
- a plan: not in the store. A reported target or a reported inventory is the nearest evidence of climate
  planning, so a city qualifies with any of: GCoM signatory, a target, a reported inventory.

Ranking ("what they would add"), a score out of 5: region gap x 2 (1 - the region's share of members / the
best-represented region's share: a region with no member scores 1), income-group gap x 1 (the same, over
income groups), a target already set 1, an inventory already reported 1. Ties: bigger city first, then
GeoNames id.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from components.funding import INCOME_GROUP_LABELS, label
from components.i18n import N_, _, fmt_int

MIN_POPULATION = 50_000
WEIGHTS = {"region_gap": 2.0, "income_gap": 1.0, "target": 1.0, "inventory": 1.0}
GCOM_UNKNOWN = N_(
    "GCoM membership unknown: the JRC file (Europe and the Southern Mediterranean) has no signatory in this country"
)
GCOM_NOT = N_("not a GCoM signatory in the JRC file (a city may join within 3 months of engaging)")
PLAN_UNKNOWN = N_("climate action plan not in the store")
COLUMNS = [
    "rank", "city", "country", "region", "income_group", "population", "score", "is_gcom", "has_target",
    "inventory_year", "reasons", "unknown", "city_id",
]  # fmt: skip


def representation_gap(members: pd.Series, values: pd.Series) -> np.ndarray:
    """For each value, 1 - its count among members / the largest count of any value (0 = best represented,
    1 = no member); unknown values get 0 (nothing can be said)."""
    counts = members.dropna().value_counts()
    top = counts.max() if len(counts) else 0
    if top == 0:
        return np.where(values.isna().to_numpy(dtype=bool), 0.0, 1.0)
    got = values.map(counts).astype("float64").fillna(0).to_numpy(dtype=float)
    gap = 1 - got / top
    gap[values.isna().to_numpy(dtype=bool)] = 0.0
    return gap


def meets_criteria(cities: pd.DataFrame) -> np.ndarray:
    """Not a member, >= MIN_POPULATION, and a GCoM signatory, a target or a reported inventory."""
    population = cities["population"].astype("float64").to_numpy(dtype=float, na_value=np.nan)
    big = np.nan_to_num(population, nan=0.0) >= MIN_POPULATION
    member = cities["is_member"].to_numpy(dtype=bool)
    evidence = (
        cities["is_gcom"].to_numpy(dtype=bool)
        | cities["has_target"].to_numpy(dtype=bool)
        | cities["inventory_year"].notna().to_numpy(dtype=bool)
    )
    return big & ~member & evidence


def find_prospects(
    cities: pd.DataFrame,
    regions: list[str] | None = None,
    countries: list[str] | None = None,
    income_groups: list[str] | None = None,
    network: str = "Urban Transitions Mission",
) -> pd.DataFrame:
    """The prospects among `cities` (rows of queries/prospect_cities.sql), best first, with score, reasons and
    unknown criteria. The gaps are measured against the whole network, before the filters narrow the list."""
    members = cities[cities["is_member"].to_numpy(dtype=bool)]
    n_members = len(members)
    ok = meets_criteria(cities)
    if regions:
        ok &= (cities["region"].isin(regions) | cities["subregion"].isin(regions)
               | cities["intermediate_region"].isin(regions)).to_numpy(dtype=bool)  # fmt: skip
    if countries:
        ok &= cities["country"].isin(countries).to_numpy(dtype=bool)
    if income_groups:
        ok &= cities["income_group"].isin(income_groups).to_numpy(dtype=bool)
    pool = cities[ok].reset_index(drop=True)
    region_gap = representation_gap(members["region"], pool["region"])
    income_gap = representation_gap(members["income_group"], pool["income_group"])
    has_target = pool["has_target"].to_numpy(dtype=bool)
    has_inventory = pool["inventory_year"].notna().to_numpy(dtype=bool)
    score = (WEIGHTS["region_gap"] * region_gap + WEIGHTS["income_gap"] * income_gap
             + WEIGHTS["target"] * has_target + WEIGHTS["inventory"] * has_inventory)  # fmt: skip
    population = pool["population"].astype("float64").to_numpy(dtype=float)
    order = np.lexsort((pool["city_id"].to_numpy(), -population, -np.round(score, 9)))
    pool = pool.iloc[order].reset_index(drop=True)
    region_counts = members["region"].value_counts()
    income_counts = members["income_group"].value_counts()
    columns = {c: pool[c].to_numpy(dtype=object) for c in
               ("region", "income_group", "population", "is_gcom", "gcom_known", "has_target", "net_zero_year",
                "inventory_year")}  # fmt: skip
    reasons, unknown = [], []
    for row in (dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)):
        reasons.append(prospect_reasons(row, region_counts, income_counts, n_members, network))
        unknown.append(unknown_criteria(row))
    out = pd.DataFrame(
        {
            "rank": np.arange(1, len(pool) + 1),
            "city": pool["city"],
            "country": pool["country"],
            "region": pool["region"],
            "income_group": pool["income_group"],
            "population": pool["population"],
            "score": np.round(score[order], 2),
            "is_gcom": pool["is_gcom"],
            "has_target": pool["has_target"],
            "inventory_year": pool["inventory_year"],
            "reasons": reasons,
            "unknown": unknown,
            "city_id": pool["city_id"],
        }
    )
    return out[COLUMNS]


def prospect_reasons(row: dict, region_counts: pd.Series, income_counts: pd.Series, n_members: int,
                     network: str) -> str:  # fmt: skip
    """Why the city is listed, in words: the criteria it meets and what it would add."""
    out = [_("{n} k people (>= 50 k)").format(n=fmt_int(row["population"] / 1e3))]
    if row["is_gcom"]:
        out.append(_("GCoM signatory (JRC file)"))
    if row["has_target"]:
        nz = row["net_zero_year"]
        out.append(_("has a target (net zero {year})").format(year=int(nz)) if pd.notna(nz) else _("has a target"))
    if pd.notna(row["inventory_year"]):
        out.append(_("reported inventory ({year})").format(year=int(row["inventory_year"])))
    if isinstance(row["region"], str):
        out.append(
            _("{region}: {count} of {total} {network} cities").format(
                region=row["region"], count=int(region_counts.get(row["region"], 0)), total=int(n_members),
                network=network,
            )
        )  # fmt: skip
    if isinstance(row["income_group"], str):
        out.append(
            _("{income_group}: {count} of {total}").format(
                income_group=label(INCOME_GROUP_LABELS, row["income_group"]),
                count=int(income_counts.get(row["income_group"], 0)), total=int(n_members),
            )
        )  # fmt: skip
    return "; ".join(out)


def unknown_criteria(row: dict) -> str:
    """The joining criteria the store cannot check for this city."""
    out = []
    if not row["is_gcom"]:
        out.append(_(GCOM_UNKNOWN) if not row["gcom_known"] else _(GCOM_NOT))
    out.append(_(PLAN_UNKNOWN))
    return "; ".join(out)


def prospects_by_region(prospects: pd.DataFrame) -> pd.DataFrame:
    """How many prospects each UN region has (for the page's summary and the closing note); headers in the current
    language, regions by their names in the store."""
    counts = prospects["region"].fillna(_("(no region)")).value_counts().rename_axis("region").reset_index(name="count")
    counts = counts.sort_values(["count", "region"], ascending=[False, True], ignore_index=True)
    return counts.rename(columns={"region": _("Region"), "count": _("Prospects")})
