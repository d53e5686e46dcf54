"""Practices for a city: ranked by what matters to it, with the reasons in words. Pure: no Streamlit."""

from __future__ import annotations

import math

import pandas as pd

from components.escape import markdown_text
from components.funding import INCOME_GROUP_LABELS, SECTOR_LABELS, CityFacts, label, listed
from components.i18n import N_, _, fmt_number

WEIGHTS = {"largest sector": 3.0, "peer": 2.5, "same sub-region": 2.0, "same region": 1.0, "same income group": 1.5,
           "similar size": 1.0, "shared network": 0.5}  # fmt: skip
KIND_LABELS = {
    "policy": N_("policy"), "programme": N_("programme"), "infrastructure": N_("infrastructure"),
    "finance": N_("finance"), "governance": N_("governance"), "citizen engagement": N_("citizen engagement"),
}  # fmt: skip


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
            reasons.append(
                _("{sector} is one of {city}'s largest emission sectors").format(
                    sector=label(SECTOR_LABELS, p["sector"]), city=city.name
                )
            )
            score += WEIGHTS["largest sector"]
        if peer_ids and p.get("city_id") in peer_ids:
            reasons.append(
                _("{practice_city} is one of {city}'s peers").format(practice_city=p["city"], city=city.name)
            )
            score += WEIGHTS["peer"]
        if p.get("subregion") and p["subregion"] in city.region_names:
            reasons.append(_("same sub-region ({subregion})").format(subregion=p["subregion"]))
            score += WEIGHTS["same sub-region"]
        elif p.get("region") and p["region"] in city.region_names:
            reasons.append(_("same region ({region})").format(region=p["region"]))
            score += WEIGHTS["same region"]
        if city.income_group and p.get("income_group") == city.income_group:
            reasons.append(
                _("same income group ({income_group})").format(
                    income_group=label(INCOME_GROUP_LABELS, city.income_group)
                )
            )
            score += WEIGHTS["same income group"]
        population = p.get("population")
        if city.population and population and not pd.isna(population):
            if abs(math.log(population / city.population)) <= math.log(3):
                reasons.append(
                    _("similar size ({population} M vs {city_population} M people)").format(
                        population=fmt_number(round(population / 1e6, 1), 1, fixed=True),  # round: as f"{:.1f}" did
                        city_population=fmt_number(round(city.population / 1e6, 1), 1, fixed=True),
                    )
                )
                score += WEIGHTS["similar size"]
        shared = sorted(set(city_networks) & set(listed(p.get("networks"))))
        if shared:
            reasons.append(_("both in {networks}").format(networks=", ".join(shared)))
            score += WEIGHTS["shared network"]
        own = p.get("city") == city.name and p.get("iso3") == city.iso3
        if own:
            reasons.insert(0, _("{city}'s own practice").format(city=city.name))
        why = "; ".join(reasons) or _("no shared feature")
        rows.append({**p, "score": score + (100 if own else 0), "why": why})
    out = pd.DataFrame(rows, columns=[*practices.columns, "score", "why"])
    return out.sort_values(["score", "title", "practice_id"], ascending=[False, True, True], ignore_index=True)


def practices_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The practices as downloaded: headers and the sector and kind words in the current language; the practices'
    own text (title, summary, outcome) as its source wrote it."""
    table = pd.DataFrame(
        {
            _("Practice"): frame["title"],
            _("City"): frame["city"],
            _("Country"): frame["country"],
            _("Region"): frame["subregion"],
            _("Sector"): frame["sector"].map(lambda v: label(SECTOR_LABELS, v)),
            _("Kind"): frame["kind"].map(lambda v: label(KIND_LABELS, v)),
            _("Since"): frame["start_year"],
            _("Summary"): frame["summary"],
            _("Outcome"): frame["outcome"],
            _("Source"): frame["url"],
        }
    )
    if "why" in frame:
        table.insert(0, _("Why for this city"), frame["why"])
    return table
