"""CDP-ICLEI city-wide emission inventories (any reporting year; the 2018/19 and 2020+ layouts).

Grain imported: one `total` row per city and accounting year. CDP's public files give totals by scope,
not by sector: we take TOTAL BASIC emissions (GPC) when reported, else Scope 1 + Scope 2, and say which
in `protocol` (the boundary is the city's own: CDP asks for the city-wide jurisdiction). Rows that report
no inventory ("In progress", "Intending to undertake ...") are skipped with that reason.
"""

from __future__ import annotations

import re
from pathlib import Path

from data.importers.base import (
    Batch,
    ImportReport,
    RowChecker,
    batch_from_rows,
    point,
    read_text_table,
    select_layout,
    text,
    tonnes,
)
from data.importers.matching import CityMatcher, country_iso3
from data.importers.messages import N_, Message, Num

FORMAT = "cdp-emissions"
DESCRIPTION = "CDP-ICLEI city-wide emissions inventories"
PUBLISHER = "CDP and ICLEI – Local Governments for Sustainability"
LICENCE = "CDP terms of use: no commercial use or republication"
CREDIT = "This data was collected in partnership by CDP and ICLEI – Local Governments for Sustainability."
UNIT = "metric tonnes CO2e"

_COMMON = {"city": "City", "organization": "Organization", "country": "Country", "location": "City Location"}
LAYOUTS = {
    "2020+": {
        **_COMMON,
        "admin_boundary": "Administrative city boundary",
        "status": "City-wide emissions inventory",
        "accounting_year": "Accounting year",
        "basic": "TOTAL BASIC Emissions (GPC)",
        "scope1": "TOTAL Scope 1 Emissions (metric tonnes CO2e)",
        "scope2": "TOTAL Scope 2 emissions (metric tonnes CO2e)",
        "protocol": "Primary Protocol",
    },
    "2018/19": {
        **_COMMON,
        "reporting_authority": "Reporting Authority",
        "status": "City-wide Emissions Inventory",
        "accounting_year": "Accounting Year",
        "basic": "Total BASIC Emissions (GPC)",
        "scope1": "Total Scope 1 Emissions (metric tonnes CO2e)",
        "scope2": "Total Scope 2 Emissions (metric tonnes CO2e)",
        "protocol": "Primary Protocol",
    },
}
_PERIOD = re.compile(r"(\d{4})-\d{2}-\d{2}\s*-\s*(\d{4})-(\d{2})-\d{2}")
_US_PERIOD = re.compile(r"\d{1,2}/\d{1,2}/(\d{4})\s*-\s*\d{1,2}/\d{1,2}/(\d{4})")  # 01/01/2017 - 12/31/2017
_US_DATE = re.compile(r"^\d{1,2}/\d{1,2}/(\d{4})$")  # one US-format date: the period's end


def accounting_year(value) -> int | None:
    """'2017-01-01 - 2017-12-31' -> 2017; a split year '2018-07-01 - 2019-06-30' -> 2019 (the year it ends);
    US-format dates as some years' files write them: '07/01/2018 - 06/30/2019' -> 2019, '12/31/2017' -> 2017."""
    s = text(value)
    if not s or s == "-":
        return None
    m = _PERIOD.search(s) or _US_PERIOD.search(s)
    if m:
        return int(m.group(2))
    m = _US_DATE.match(s)
    if m:
        return int(m.group(1))
    if re.fullmatch(r"\d{4}", s):
        return int(s)
    raise ValueError(Message(N_("not an accounting period: {value}"), value=repr(s[:40])))


def parse(path: Path, matcher: CityMatcher, report: ImportReport) -> Batch:
    frame = read_text_table(path)
    report.layout, col = select_layout(frame, LAYOUTS, "CDP city-wide emissions")
    rows, seen = [], {}
    report.rows_read = len(frame)
    for i, raw in enumerate(frame.to_dict("records")):
        line = i + 2
        check = RowChecker(report, line)
        status = text(raw[col["status"]])
        if status.lower() != "yes":
            if status:
                check.fail(Message(N_("no inventory reported ({status})"), status=status), col["status"])
            else:
                check.fail(Message(N_("no inventory reported (blank)")), col["status"])
            continue
        year = check.get(accounting_year, raw[col["accounting_year"]], col["accounting_year"])
        basic = check.get(tonnes, raw[col["basic"]], col["basic"])
        scope1 = check.get(tonnes, raw[col["scope1"]], col["scope1"])
        scope2 = check.get(tonnes, raw[col["scope2"]], col["scope2"])
        if check.failed:
            continue
        if year is None:
            check.fail(Message(N_("no accounting year")), col["accounting_year"])
            continue
        if basic is not None:
            total, boundary = basic, "GPC BASIC"
        elif scope1 is not None and scope2 is not None:
            total, boundary = scope1 + scope2, "Scope 1 + Scope 2"
        else:
            check.fail(Message(N_("no total emissions")), col["basic"])
            continue
        if total < 0:
            check.fail(Message(N_("negative emissions")), col["basic"],
                       Message(N_("total emissions {total} is negative"), total=Num(total, "")))  # fmt: skip
            continue
        iso3 = country_iso3(text(raw[col["country"]])) if text(raw[col["country"]]) else None
        where = point(raw[col["location"]])
        name = text(raw[col["city"]]) or text(raw[col["organization"]])
        match = matcher.match(name, iso3, *(where or (None, None)))
        if match.city_id is None:
            report.not_matched(line, name, text(raw[col["country"]]), match.reason, col["city"])
            continue
        key = (match.city_id, year)
        if key in seen:
            check.fail(Message(N_("duplicate city and year")), col["city"],
                       Message(N_("same city and year as line {line}"), line=seen[key]))  # fmt: skip
            continue
        seen[key] = line
        protocol = text(raw[col["protocol"]])
        rows.append(
            {
                "city_id": match.city_id,
                "year": year,
                "sector": "total",
                "emissions_tco2e": total,
                "reported_value": total,
                "reported_unit": UNIT,
                "data_kind": "reported",
                "gas": "CO2e",
                "boundary": "administrative city",
                "protocol": f"{boundary}; {protocol}" if protocol else boundary,
                "derivation": "Scope 1 + Scope 2, summed" if boundary.startswith("Scope") else None,
            }
        )
    return batch_from_rows(rows, [])
