"""Net Zero Tracker snapshots (zerotracker.net, xlsx): each city's end target and interim target, and the
latest inventory figure it records (`ghg`, `inventory_year`).

End targets "Net zero", "Carbon neutral(ity)", "Climate neutral", "Zero carbon", "Zero emissions",
"GHG neutral(ity)" and "Climate positive" are stored as kind net_zero (100 % unless the tracker gives
another reduction); "Emissions reduction target" as a base-year cut; "Reduction v. BAU" as a BAU cut;
"Emissions intensity target" as intensity. "No target", "Other" and "1.5°C target" carry no figure we
can draw and are skipped with that reason.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from data.importers import reading
from data.importers.base import (
    BEFORE_BASE,
    OUTSIDE_0_100,
    Batch,
    ImportReport,
    Problem,
    RowChecker,
    batch_from_rows,
    before_base,
    check_size,
    clean_header,
    number,
    problem_of,
    reduction_of,
    select_layout,
    text,
    tonnes,
    year,
)
from data.importers.matching import CityMatcher
from data.importers.messages import N_, Message
from data.importers.reading import MAX_ROWS

FORMAT = "nzt"
DESCRIPTION = "Net Zero Tracker city targets"
PUBLISHER = "Net Zero Tracker (Energy & Climate Intelligence Unit, Data-Driven EnviroLab, NewClimate Institute, " + (
    "Oxford Net Zero)"
)
LICENCE = "CC BY 4.0"
CREDIT = "Net Zero Tracker (zerotracker.net), CC BY 4.0."

_TARGET = {
    prefix: {
        f"{prefix}": f"{prefix}_target",
        f"{prefix}_reduction": f"{prefix}_target_percentage_reduction",
        f"{prefix}_base_year": f"{prefix}_target_baseline_year",
        f"{prefix}_year": f"{prefix}_target_year",
    }
    for prefix in ("end", "interim")
}
LAYOUTS = {
    "2022": {
        "name": "name",
        "country": "country",
        "actor_type": "actor_type",
        **_TARGET["end"],
        **_TARGET["interim"],
        "end_status": "end_target_status",
        "source_url": "source_url",
        "ghg": "ghg",
        "inventory_year": "inventory_year",
    }
}
OPTIONAL = {"population": "population", "gases": "gasses_coverage"}  # read where the file has them
GASES = {"carbon dioxide only": "CO2", "carbon dioxide and other ghgs": "CO2e"}  # else not stated
NET_ZERO = {"net zero", "carbon neutral(ity)", "climate neutral", "zero carbon", "zero emissions",
            "ghg neutral(ity)", "climate positive"}  # fmt: skip
KINDS = {
    "emissions reduction target": "base_year",
    "reduction v. bau": "bau",
    "emissions intensity target": "intensity",
}
NO_FIGURE = {"no target", "other", "1.5°c target", ""}
MAX_XLSX_ROWS = MAX_ROWS
MAX_UNZIPPED_BYTES = reading.MAX_UNZIPPED_BYTES


def check_workbook(path: Path) -> None:
    """Refuse what is not a plain workbook: not a zip, a zip bomb, or a workbook carrying macros."""
    reading.check_zip(path)


def read_xlsx(path: Path) -> pd.DataFrame:
    """The first visible sheet as a frame (header row first), read under reading's budgets."""
    check_size(path)
    check_workbook(path)
    header, rows = reading.read_sheet_rows(path)
    frame = pd.DataFrame(rows, columns=header, dtype=object)
    frame.columns = [clean_header(c) for c in frame.columns]
    return frame


def parse(path: Path, matcher: CityMatcher, report: ImportReport) -> Batch:
    frame = read_xlsx(path)
    report.layout, col = select_layout(frame, LAYOUTS, "Net Zero Tracker")
    emissions, targets = [], []
    report.rows_read = len(frame)
    taken: dict[int, int] = {}  # city_id -> the line that matched it first
    for i, raw in enumerate(frame.to_dict("records")):
        line = i + 2
        check = RowChecker(report, line)
        if text(raw[col["actor_type"]]).lower() not in ("city", ""):
            report.not_cities += 1
            check.fail(Message(N_("not a city")), col["actor_type"])
            continue
        iso3 = text(raw[col["country"]]).upper() or None
        name = text(raw[col["name"]])
        try:
            population = number(raw.get(OPTIONAL["population"]))
        except ValueError:
            population = None  # only a hint to tell namesakes apart
        match = matcher.match(name, iso3, population=population)
        if match.city_id is None:
            report.not_matched(line, name, iso3, match.reason, col["name"])
            continue
        if match.city_id in taken:
            reason = Message(N_("matched the same city as line {line} (an agglomeration and its city?)"),
                             line=taken[match.city_id])  # fmt: skip
            report.not_matched(line, name, iso3, reason, col["name"])
            continue
        report.matched_cities.add(match.city_id)
        status = text(raw[col["end_status"]]) or None
        gas = GASES.get(text(raw.get(OPTIONAL["gases"])).lower())
        found = []
        for prefix in ("end", "interim"):
            target = target_row(raw, col, prefix, line, check)
            if check.failed:
                break
            if target:
                target.update(city_id=match.city_id, status=status if prefix == "end" else None, gas=gas)
                found.append(target)
        if check.failed:
            continue
        try:  # a bad inventory figure is reported and left out; the row's targets still count
            inv_year, ghg = year(raw[col["inventory_year"]]), tonnes(raw[col["ghg"]])
        except ValueError as e:
            left_out = Message(N_("inventory figure left out: {problem}"), problem=problem_of(e))
            report.problems.append(Problem(line, col["ghg"], left_out))
            inv_year = ghg = None
        has_inventory = ghg is not None and inv_year is not None and ghg >= 0
        if has_inventory:
            emissions.append(
                {
                    "city_id": match.city_id,
                    "year": inv_year,
                    "sector": "total",
                    "emissions_tco2e": ghg,
                    "reported_value": ghg,
                    "reported_unit": "tCO2e (as recorded by the Net Zero Tracker)",
                    "data_kind": "reported",
                    "gas": "CO2e",
                    "boundary": "not stated",
                    "protocol": "the city's latest inventory as recorded by the Net Zero Tracker",
                    "derivation": None,
                }
            )
        if not found and not has_inventory:
            check.fail(Message(N_("no target with a figure")), col["end"],
                       Message(N_("end target {target}"), target=repr(text(raw[col["end"]])[:40])))  # fmt: skip
            continue
        taken[match.city_id] = line
        targets.extend(found)
    return batch_from_rows(emissions, targets)


def target_row(raw: dict, col: dict, prefix: str, line: int, check: RowChecker) -> dict | None:
    label = text(raw[col[prefix]]).lower()
    if label in NO_FIGURE:
        return None
    kind = "net_zero" if label in NET_ZERO else KINDS.get(label)
    if kind is None:
        return None
    reduction = check.get(number, raw[col[f"{prefix}_reduction"]], col[f"{prefix}_reduction"])
    base_year = check.get(year, raw[col[f"{prefix}_base_year"]], col[f"{prefix}_base_year"])
    target_year = check.get(year, raw[col[f"{prefix}_year"]], col[f"{prefix}_year"])
    if check.failed:
        return None
    if kind == "net_zero" and reduction is None:
        reduction = 100.0
    if target_year is None:
        return None  # a target with no year cannot be drawn; the other target of the row may still be
    if base_year is not None and target_year < base_year:
        check.fail(BEFORE_BASE, col[f"{prefix}_year"], before_base(target_year, base_year))
        return None
    if reduction is not None and not 0 <= reduction <= 100:
        check.fail(OUTSIDE_0_100, col[f"{prefix}_reduction"], reduction_of(reduction))
        return None
    if kind != "net_zero" and reduction is None:
        return None
    return {
        "target_id": f"{line}:{prefix}",
        "kind": kind,
        "sector": "total",
        "scope": f"{prefix} target ({text(raw[col[prefix]])})",
        "base_year": base_year,
        "base_emissions_tco2e": None,
        "target_year": target_year,
        "reduction_pct": reduction,
        "target_emissions_tco2e": None,
        "data_kind": "reported",
        "boundary": "not stated",
    }
