"""Carbon Monitor Cities (annual CSV: city_name, locode, year, sector, gas_name, emissions_value,
emissions_units): **modelled** fossil CO2 by city and sector, downscaled to functional urban areas.

Grain imported: one row per city, year and sector (no total row: a city's total is the sum of its sectors).
Sectors follow the GPC references the file gives: Residential -> buildings (I.1), Power -> energy (I.4),
Industry -> industry, Ground Transport and Aviation -> transport (GPC II.1 and II.4, summed; `protocol`
says so). Kilograms become tonnes. The country is the LOCODE's first two letters; the city is matched by
country + name (the file has no coordinates), so US counties and ambiguous namesakes stay unmatched.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from data.importers.base import (
    UNMATCHED,
    Batch,
    ImportReport,
    RowChecker,
    batch_from_rows,
    number,
    read_text_table,
    select_layout,
    text,
    year,
)
from data.importers.matching import CityMatcher
from data.importers.messages import N_, Message, Num

FORMAT = "carbon-monitor"
DESCRIPTION = "Carbon Monitor Cities annual CO2 by sector (modelled)"
PUBLISHER = "Carbon Monitor (Huo et al.); Open Earth Foundation"
LICENCE = "CC BY 4.0"
CREDIT = "Carbon Monitor Cities (Huo et al. 2022, Sci Data 9, 533), CC BY 4.0; modelled estimates."

LAYOUTS = {
    "v0325 annual": {
        "city": "city_name", "locode": "locode", "year": "year", "sector": "sector", "gas": "gas_name",
        "value": "emissions_value", "unit": "emissions_units",
    }
}  # fmt: skip
SECTORS = {"residential": "buildings", "power": "energy", "industry": "industry",
           "ground transport": "transport", "aviation": "transport"}  # fmt: skip
UNITS = {"kg": 1e-3, "t": 1.0, "kt": 1e3, "mt": 1e6}  # to tonnes
PROTOCOL = (
    "Carbon Monitor Cities v0325 sectors: buildings = Residential (GPC I.1), energy = Power (I.4), industry = "
    "Industry, transport = Ground Transport (II.1) + Aviation (II.4)"
)


@cache
def iso3_from_iso2(iso2: str) -> str | None:
    from hdx.location.country import Country

    return Country.get_iso3_from_iso2(iso2.upper(), use_live=False) if len(iso2) == 2 else None


def parse(path: Path, matcher: CityMatcher, report: ImportReport) -> Batch:
    frame = read_text_table(path)
    report.layout, col = select_layout(frame, LAYOUTS, "Carbon Monitor Cities")
    report.rows_read = len(frame)
    places: dict[tuple[str, str], int | None] = {}  # (name, locode) -> city_id (None: unmatched)
    taken: dict[int, tuple[str, str]] = {}
    sums: dict[tuple[int, int, str], list] = {}  # (city, year, sector) -> [tonnes, kg as given]
    for i, raw in enumerate(frame.to_dict("records")):
        line = i + 2
        check = RowChecker(report, line)
        name, locode = text(raw[col["city"]]), text(raw[col["locode"]]).upper()
        key = (name, locode)
        if key not in places:
            iso3 = iso3_from_iso2(locode[:2])
            match = matcher.match(name, iso3)
            if match.city_id is not None and match.city_id in taken:
                other = taken[match.city_id]
                places[key] = None
                reason = Message(N_("matched the same city as {name} ({code})"), name=other[0], code=other[1])
                report.not_matched(line, name, locode, reason)
                continue
            places[key] = match.city_id
            if match.city_id is None:
                report.not_matched(line, name, locode, match.reason, col["city"])
                continue
            taken[match.city_id] = key
            report.matched_cities.add(match.city_id)
        city_id = places[key]
        if city_id is None:
            report.skip(line, UNMATCHED, col["city"],
                        Message(N_("{name} ({code}): see its first line"), name=name, code=locode))  # fmt: skip
            continue
        sector = SECTORS.get(text(raw[col["sector"]]).lower())
        unit = UNITS.get(text(raw[col["unit"]]).lower())
        if sector is None:
            check.fail(
                Message(N_("unknown sector")),
                col["sector"],
                Message(N_("sector {sector}"), sector=repr(text(raw[col["sector"]])[:30])),
            )
        elif unit is None:
            check.fail(
                Message(N_("unknown unit")),
                col["unit"],
                Message(N_("unit {unit}"), unit=repr(text(raw[col["unit"]])[:20])),
            )
        elif text(raw[col["gas"]]).upper() != "CO2":
            check.fail(Message(N_("not CO2")), col["gas"],
                       Message(N_("gas {gas}; the file gives CO2"), gas=repr(text(raw[col["gas"]])[:20])))  # fmt: skip
        value = check.get(number, raw[col["value"]], col["value"])
        y = check.get(year, raw[col["year"]], col["year"])
        if check.failed:
            continue
        if value is None or y is None:
            check.fail(Message(N_("no value")), col["value"])
            continue
        if value < 0:
            check.fail(Message(N_("negative emissions")), col["value"], str(Num(value, "g")))
            continue
        total = sums.setdefault((city_id, y, sector), [0.0, 0.0, unit])
        total[0] += value * unit
        total[1] += value
    report.entities = len(places)
    rows = [
        {
            "city_id": city_id, "year": y, "sector": sector, "emissions_tco2e": tonnes,
            "reported_value": value, "reported_unit": next(k for k, v in UNITS.items() if v == unit) + " CO2",
            "data_kind": "modelled", "gas": "CO2", "boundary": "functional urban area", "protocol": PROTOCOL,
            "derivation": None,
        }
        for (city_id, y, sector), (tonnes, value, unit) in sorted(sums.items())
    ]  # fmt: skip
    return batch_from_rows(rows, [])
