"""Global Covenant of Mayors harmonised dataset, signatory table (JRC): Europe and the Southern Mediterranean.

What it gives per signatory: a **modelled** per-capita GHG figure in the GCoM sectors (from EDGAR, with its
reference year), the signatory's population, and its mitigation targets for 2020 and 2030 (% cut, absolute or
per capita). Stored as:
- one `total` emissions row in the EDGAR reference year: the per-capita figure as given (`reported_value`,
  t per person) and a total **derived** from it (per capita x the signatory's population at adhesion, else
  in 2018; `derivation` says which), kind `modelled`, gas CO2e, boundary `signatory territory`;
- one target per stated year: an absolute cut as `base_year` (the file gives no base year, so the level
  cannot be drawn until one is known), a per-capita cut as `intensity`.

Matching is by country + name + coordinates (within 15 km). A signatory that is a group of municipalities
(by its name), or whose population is under a third of the GeoNames city it would match (a smaller
namesake, or a part of the city), is reported unmatched, never forced onto a namesake.
"""

from __future__ import annotations

import re
from pathlib import Path

from data.importers.base import (
    INVALID,
    Batch,
    ImportReport,
    RowChecker,
    batch_from_rows,
    number,
    problem_of,
    read_text_table,
    select_layout,
    text,
    year,
)
from data.importers.carbon_monitor import iso3_from_iso2
from data.importers.matching import CityMatcher
from data.importers.messages import N_, Message, Num

FORMAT = "gcom"
DESCRIPTION = "Global Covenant of Mayors signatories (JRC)"
PUBLISHER = "European Commission Joint Research Centre (JRC)"
LICENCE = "© European Union; reuse authorised provided the source is acknowledged"
CREDIT = "Global Covenant of Mayors harmonised dataset (Kona et al. 2021), © European Union, JRC."

LAYOUTS = {
    "2021 ancillary": {
        "id": "GCoM_ID", "name": "signatory name", "country": "country code", "adhesion": "signatory adhesion type",
        "lat": "latitude", "lon": "longitude", "population_adhesion": "population adhesion year",
        "adhesion_year": "Year of adhesion", "population_2018": "population in 2018",
        "per_capita": "GHG emissions per capita in GCoM sectors_EDGAR [tCO2-eq/year]",
        "per_capita_year": "reference years in EDGAR", "target_2020": "Mitigation reduction target 2020 [%]",
        "target_2030": "Mitigation reduction target 2030 [%]", "target_type": "reduction_type_id",
    }
}  # fmt: skip
EU_CODES = {"EL": "GRC", "UK": "GBR"}  # the EU's own country codes for Greece and the United Kingdom
MAX_KM = 15.0
POPULATION_FLOOR = 3  # GeoNames city more than 3x the signatory's population: not the same place
GROUP = re.compile(
    r"\b(unione|union|uni[oó]n|mancomunidad|mancomunitat|comunit[aà]|comunidad|consorzio|consorcio|consortium|"
    r"associa\w*|comarca|communaut[eé]|intercommunal\w*|provincia|province|diputaci[oó]n|grupo|gruppo|group|"
    r"cluster|partnership|ambito|distretto|joint)\b",
    re.IGNORECASE,
)
TARGET_KINDS = {"absolute": "base_year", "per_capita": "intensity"}
PROTOCOL = "GCoM sectors (EDGAR v5 downscaled to the signatory's territory)"


def scope(joint: bool, kind: str) -> str:
    words = "GCoM mitigation target" + (" (joint plan: the group commits collectively)" if joint else "")
    return words + (", per capita" if kind == "intensity" else "") + "; base year not given in this file"


def parse(path: Path, matcher: CityMatcher, report: ImportReport) -> Batch:
    frame = read_text_table(path)
    report.layout, col = select_layout(frame, LAYOUTS, "GCoM signatories")
    report.rows_read = len(frame)
    emissions, targets = [], []
    taken: dict[int, int] = {}
    for i, raw in enumerate(frame.to_dict("records")):
        line = i + 2
        check = RowChecker(report, line)
        name, code = text(raw[col["name"]]), text(raw[col["country"]]).upper()
        if not name:
            check.fail(Message(N_("blank row")), col["name"])
            continue
        iso3 = EU_CODES.get(code) or iso3_from_iso2(code)
        lat, lon = check.get(number, raw[col["lat"]], col["lat"]), check.get(number, raw[col["lon"]], col["lon"])
        per_capita = check.get(number, raw[col["per_capita"]], col["per_capita"])
        ref_year = check.get(year, raw[col["per_capita_year"]], col["per_capita_year"])
        pop_adhesion = check.get(number, raw[col["population_adhesion"]], col["population_adhesion"])
        pop_2018 = check.get(number, raw[col["population_2018"]], col["population_2018"])
        adhesion_year = check.get(year, raw[col["adhesion_year"]], col["adhesion_year"])
        if check.failed:
            continue
        if GROUP.search(name):
            report.not_matched(line, name, code, Message(N_("a group of municipalities, not one city")), col["name"])
            continue
        if lat is None or lon is None:
            report.not_matched(line, name, code, Message(N_("no coordinates to tell namesakes apart")), col["lat"])
            continue
        match = matcher.match(name, iso3, lat, lon, max_km=MAX_KM)
        if match.city_id is None:
            report.not_matched(line, name, code, match.reason, col["name"])
            continue
        population = pop_adhesion or pop_2018
        size = matcher.cities[match.city_id][6]
        if population and size > POPULATION_FLOOR * population:
            reason = Message(N_("signatory population {population} is under a third of GeoNames' {size} for {city}: "
                                "a smaller namesake or a part of the city"), population=Num(population, ",.0f"),
                             size=Num(size), city=matcher.cities[match.city_id][1])  # fmt: skip
            report.not_matched(line, name, code, reason, col["population_adhesion"])
            continue
        if match.city_id in taken:
            reason = Message(N_("matched the same city as line {line}"), line=taken[match.city_id])
            report.not_matched(line, name, code, reason, col["name"])
            continue
        taken[match.city_id] = line
        report.matched_cities.add(match.city_id)
        report.members[match.city_id] = (name, adhesion_year)  # the signatories become the gcom_jrc network
        if per_capita is not None and ref_year is not None and per_capita >= 0:
            when = f"at adhesion, {adhesion_year}" if pop_adhesion and adhesion_year else "in 2018"
            when = "at adhesion" if pop_adhesion and not adhesion_year else when
            derived = per_capita * population if population else None
            emissions.append(
                {
                    "city_id": match.city_id, "year": ref_year, "sector": "total", "emissions_tco2e": derived,
                    "reported_value": per_capita, "reported_unit": "tCO2e per person per year",
                    "data_kind": "modelled", "gas": "CO2e", "boundary": "signatory territory", "protocol": PROTOCOL,
                    "derivation": (
                        f"{per_capita:g} tCO2e per person (EDGAR, {ref_year}) x {population:,.0f} people "
                        f"(the signatory's population {when})"
                        if population else "per-capita figure only: no population to derive a total"
                    ),
                }
            )  # fmt: skip
        joint = "option 2" in text(raw[col["adhesion"]]).lower()
        kind = TARGET_KINDS.get(text(raw[col["target_type"]]).lower())
        for target_year in (2020, 2030):
            try:
                reduction = number(raw[col[f"target_{target_year}"]])
            except ValueError as e:
                report.skip(line, INVALID, col[f"target_{target_year}"], problem_of(e))
                continue
            if reduction is None:
                continue
            if kind is None or not 0 < reduction <= 100:
                if kind is None:
                    why = Message(N_("{year} target: reduction type not stated"), year=target_year)
                else:
                    why = Message(N_("{year} target: reduction of {reduction} %"), year=target_year,
                                  reduction=Num(reduction, "g"))  # fmt: skip
                report.skip(line, Message(N_("target left out")), col[f"target_{target_year}"], why)
                continue
            targets.append(
                {
                    "target_id": f"{text(raw[col['id']]) or line}:{target_year}", "city_id": match.city_id,
                    "kind": kind, "sector": "total",
                    "scope": scope(joint, kind),
                    "base_year": None, "base_emissions_tco2e": None, "target_year": target_year,
                    "reduction_pct": reduction, "target_emissions_tco2e": None, "status": "committed (GCoM)",
                    "data_kind": "reported", "gas": "CO2e", "boundary": "signatory territory",
                }
            )  # fmt: skip
    return batch_from_rows(emissions, targets)
