"""Practices for a city: ranked by what matters to it, with the reasons in words. Pure: no Streamlit."""

from __future__ import annotations

import math

import pandas as pd

from components.escape import markdown_text
from components.funding import CityFacts, listed

WEIGHTS = {"largest sector": 3.0, "peer": 2.5, "same sub-region": 2.0, "same region": 1.0, "same income group": 1.5,
           "similar size": 1.0, "shared network": 0.5}  # fmt: skip


def escape_markdown(text: str) -> str:
    """Text from the store shown as Markdown stays text: no links, auto-links, emphasis or HTML."""
    return markdown_text(text)


def present(value) -> bool:
    """A field worth showing: not missing (None, NaN, NA) and not blank."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return False
    return bool(str(value).strip())


def rank_practices_for_city(
    practices: pd.DataFrame, city: CityFacts, city_networks: list[str], peer_ids: set[int] | None = None
) -> pd.DataFrame:
    """Score each practice for the city; reasons say why. Ties: by title, then id (deterministic).

    Scores add up: the practice's sector is one of the city's largest emission sectors (3), the practice's
    city is one of the city's peers (find_peers' top 20: 2.5), same UN
    sub-region (2) or else same region (1), same income group (1.5), a city of similar size (within a
    factor of 3: 1), a network in common (0.5). Practices of the city itself come first.
    """
    rows = []
    for p in practices.to_dict("records"):
        reasons, score = [], 0.0
        if p["sector"] in city.largest_sectors:
            reasons.append(f"{p['sector']} is one of {city.name}'s largest emission sectors")
            score += WEIGHTS["largest sector"]
        if peer_ids and p.get("city_id") in peer_ids:
            reasons.append(f"{p['city']} is one of {city.name}'s peers")
            score += WEIGHTS["peer"]
        if p.get("subregion") and p["subregion"] in city.region_names:
            reasons.append(f"same sub-region ({p['subregion']})")
            score += WEIGHTS["same sub-region"]
        elif p.get("region") and p["region"] in city.region_names:
            reasons.append(f"same region ({p['region']})")
            score += WEIGHTS["same region"]
        if city.income_group and p.get("income_group") == city.income_group:
            reasons.append(f"same income group ({city.income_group})")
            score += WEIGHTS["same income group"]
        population = p.get("population")
        if city.population and population and not pd.isna(population):
            if abs(math.log(population / city.population)) <= math.log(3):
                reasons.append(f"similar size ({population / 1e6:.1f} M vs {city.population / 1e6:.1f} M people)")
                score += WEIGHTS["similar size"]
        shared = sorted(set(city_networks) & set(listed(p.get("networks"))))
        if shared:
            reasons.append(f"both in {', '.join(shared)}")
            score += WEIGHTS["shared network"]
        own = p.get("city") == city.name and p.get("iso3") == city.iso3
        if own:
            reasons.insert(0, f"{city.name}'s own practice")
        rows.append({**p, "score": score + (100 if own else 0), "why": "; ".join(reasons) or "no shared feature"})
    out = pd.DataFrame(rows, columns=[*practices.columns, "score", "why"])
    return out.sort_values(["score", "title", "practice_id"], ascending=[False, True, True], ignore_index=True)


def practices_table(frame: pd.DataFrame) -> pd.DataFrame:
    table = pd.DataFrame(
        {
            "Practice": frame["title"],
            "City": frame["city"],
            "Country": frame["country"],
            "Region": frame["subregion"],
            "Sector": frame["sector"],
            "Kind": frame["kind"],
            "Since": frame["start_year"],
            "Summary": frame["summary"],
            "Outcome": frame["outcome"],
            "Source": frame["url"],
        }
    )
    if "why" in frame:
        table.insert(0, "Why for this city", frame["why"])
    return table
