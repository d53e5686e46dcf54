"""Our own template (CSV or XLSX, first sheet) for one or more cities' inventories and targets.

One row per record. Columns (header names exactly as below; order free; blank = unknown):

| column | inventory rows | target rows |
|---|---|---|
| record | `inventory` | `target` |
| city_id | GeoNames id, if known (then name and country are only checked) | same |
| city_name, country_iso3 | the city, if city_id is blank | same |
| latitude, longitude | optional, to tell apart places with the same name | same |
| year | inventory year | — |
| sector | total, energy, buildings, transport, waste, industry, afolu, other | sector covered (total if blank) |
| emissions, unit | the figure and its unit: tCO2e, ktCO2e, MtCO2e or kgCO2e | base-year emissions (optional) |
| target_kind | — | base_year, fixed_level, bau, intensity, net_zero |
| base_year, target_year, reduction_pct | — | the target |
| status | — | e.g. in law, in policy document, proposed |
| is_illustrative | `yes` for modelled or made-up figures (shown labelled as such) | same |
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from data.importers import reading
from data.importers.base import (
    BEFORE_BASE,
    OUTSIDE_0_100,
    Batch,
    ImportRefused,
    ImportReport,
    RowChecker,
    batch_from_rows,
    before_base,
    clean_header,
    duplicated_columns,
    identifier,
    number,
    over_limit,
    read_text_bytes,
    read_text_table,
    reduction_of,
    text,
    tonnes,
    year,
)
from data.importers.matching import CityMatcher
from data.importers.messages import N_, Message
from data.importers.nzt import read_xlsx
from data.importers.reading import MAX_FILE_BYTES

FORMAT = "template"
DESCRIPTION = "UTMC Explorer template"
PUBLISHER = "Submitted through the UTMC Explorer template"
LICENCE = "as stated by the submitter"
CREDIT = "Figures submitted through the UTMC Explorer template."

COLUMNS = [
    "record", "city_id", "city_name", "country_iso3", "latitude", "longitude", "year", "sector", "emissions",
    "unit", "target_kind", "base_year", "target_year", "reduction_pct", "status", "is_illustrative",
]  # fmt: skip
REQUIRED = ["record"]  # and city_id, or city_name with country_iso3; other columns may be left out
UNITS = {"tco2e": 1.0, "t": 1.0, "ktco2e": 1e3, "mtco2e": 1e6, "kgco2e": 1e-3}
SECTORS = {"total", "energy", "buildings", "transport", "waste", "industry", "afolu", "other"}
KINDS = {"base_year", "fixed_level", "bau", "intensity", "net_zero"}
TRUE = {"yes", "true", "1", "y"}
DUPLICATE = Message(N_("duplicate city, year and sector"))


def template_frame() -> pd.DataFrame:
    """The empty template (what the Data page offers for download)."""
    return pd.DataFrame(columns=COLUMNS)


def read(path: Path) -> pd.DataFrame:
    if Path(path).suffix.lower() in (".xlsx", ".xlsm"):
        return _as_text(read_xlsx(path))
    return read_text_table(path)


def read_bytes(data: bytes, name: str) -> pd.DataFrame:
    """`read` for a file held in memory (an upload to the sandbox): nothing is written to disk. An .xlsx/.xlsm
    name is read as a workbook, anything else as CSV text, under the same limits as a file on disk."""
    if Path(name).suffix.lower() in (".xlsx", ".xlsm"):
        if not data:
            raise ImportRefused(Message(N_("the file is empty")))
        if len(data) > MAX_FILE_BYTES:
            raise ImportRefused(over_limit())
        reading.check_zip(io.BytesIO(data))
        header, rows = reading.read_sheet_rows(io.BytesIO(data))
        frame = pd.DataFrame(rows, columns=header, dtype=object)
        frame.columns = [clean_header(c) for c in frame.columns]
        return _as_text(frame)
    return read_text_bytes(data)


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """A workbook's cells as the text a CSV would hold ('2019', not 2019.0; blank, not None)."""
    frame = frame.astype(object).where(lambda f: f.notna(), "")
    return frame.map(lambda v: str(int(v)) if isinstance(v, float) and v.is_integer() else str(v))


def parse(path: Path, matcher: CityMatcher, report: ImportReport) -> Batch:
    return parse_frame(read(path), matcher, report)


def parse_frame(frame: pd.DataFrame, matcher: CityMatcher, report: ImportReport) -> Batch:
    """Validate and normalise the template's rows (read from a file or typed in): the store is not touched;
    `matcher` resolves each row's city (a CityMatcher over the store, or the sandbox's one chosen city)."""
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    missing = [c for c in REQUIRED if c not in frame.columns]
    if not missing and "city_id" not in frame.columns and not {"city_name", "country_iso3"} <= set(frame.columns):
        missing = ["city_id (or city_name and country_iso3)"]
    if missing:
        raise ImportRefused(
            Message(N_("unknown layout for the template: missing columns {missing}; expected columns {expected}"),
                    missing=str(missing), expected=str(COLUMNS))
        )  # fmt: skip
    if frame.columns.duplicated().any():
        raise ImportRefused(duplicated_columns(sorted(set(frame.columns[frame.columns.duplicated()]))))
    report.layout = "template v1"
    for c in COLUMNS:
        if c not in frame.columns:
            frame[c] = ""
    emissions, targets, seen = [], [], {}
    report.rows_read = len(frame)
    for i, raw in enumerate(frame.to_dict("records")):
        line = i + 2
        check = RowChecker(report, line)
        record = text(raw["record"]).lower()
        if not any(text(v) for v in raw.values()):
            check.fail(Message(N_("blank row")))
            continue
        if record not in ("inventory", "target"):
            check.fail(
                Message(N_("unknown record")),
                "record",
                Message(N_("record must be inventory or target, not {value}"), value=repr(record[:30])),
            )
            continue
        city_id = resolve_city(raw, matcher, check, report, line)
        if city_id is None:
            continue
        data_kind = "illustrative" if text(raw["is_illustrative"]).lower() in TRUE else "reported"
        value = check.get(number, raw["emissions"], "emissions")
        unit = text(raw["unit"]).lower().replace(" ", "").replace("₂", "2")
        if value is not None and unit not in UNITS:
            check.fail(
                Message(N_("unknown unit")),
                "unit",
                Message(N_("unit {unit}; use tCO2e, ktCO2e, MtCO2e or kgCO2e"), unit=repr(text(raw["unit"])[:20])),
            )
        if value is not None and value < 0:
            check.fail(Message(N_("negative emissions")), "emissions")
        sector = text(raw["sector"]).lower() or "total"
        if sector not in SECTORS:
            check.fail(
                Message(N_("unknown sector")),
                "sector",
                Message(
                    N_("sector {sector}; one of {sectors}"), sector=repr(sector[:30]), sectors=str(sorted(SECTORS))
                ),
            )
        tco2e = check.get(tonnes, value * UNITS[unit], "emissions") if value is not None and not check.failed else None
        if record == "inventory":
            inv_year = check.get(year, raw["year"], "year")
            if not check.failed and (inv_year is None or tco2e is None):
                check.fail(Message(N_("incomplete inventory row")), "year" if inv_year is None else "emissions")
            if check.failed:
                continue
            key = (city_id, inv_year, sector)
            if key in seen:
                check.fail(DUPLICATE, "year", Message(N_("same as line {line}"), line=seen[key]))
                continue
            seen[key] = line
            emissions.append(
                {"city_id": city_id, "year": inv_year, "sector": sector, "emissions_tco2e": tco2e,
                 "reported_value": value, "reported_unit": text(raw["unit"]), "data_kind": data_kind,
                 "gas": "CO2e", "boundary": "not stated", "protocol": None, "derivation": None}
            )  # fmt: skip
        else:
            target = target_row(raw, check, tco2e, sector)
            if target is None or check.failed:
                continue
            target.update(target_id=str(line), city_id=city_id, data_kind=data_kind, gas="CO2e", boundary="not stated")
            targets.append(target)
    return batch_from_rows(emissions, targets)


def resolve_city(raw: dict, matcher: CityMatcher, check: RowChecker, report: ImportReport, line: int) -> int | None:
    city_id = check.get(identifier, raw["city_id"], "city_id")
    if check.failed:
        return None
    if city_id is not None:
        if city_id not in matcher.cities:
            why = getattr(matcher, "unknown_id", lambda i: Message(N_("no city with GeoNames id {id}"), id=i))(city_id)
            check.fail(Message(N_("unknown city_id")), "city_id", why)
            return None
        return city_id
    lat = check.get(number, raw["latitude"], "latitude")
    lon = check.get(number, raw["longitude"], "longitude")
    if check.failed:
        return None
    match = matcher.match(text(raw["city_name"]), text(raw["country_iso3"]).upper() or None, lat, lon)
    if match.city_id is None:
        report.not_matched(line, text(raw["city_name"]), text(raw["country_iso3"]), match.reason, "city_name")
    return match.city_id


def target_row(raw: dict, check: RowChecker, base_tonnes: float | None, sector: str) -> dict | None:
    kind = text(raw["target_kind"]).lower()
    if kind not in KINDS:
        check.fail(
            Message(N_("unknown target kind")),
            "target_kind",
            Message(N_("target_kind {kind}; one of {kinds}"), kind=repr(kind[:30]), kinds=str(sorted(KINDS))),
        )
        return None
    base_year = check.get(year, raw["base_year"], "base_year")
    target_year = check.get(year, raw["target_year"], "target_year")
    reduction = check.get(number, raw["reduction_pct"], "reduction_pct")
    if check.failed:
        return None
    if kind == "net_zero" and reduction is None:
        reduction = 100.0
    if target_year is None:
        check.fail(Message(N_("no target year")), "target_year")
    elif base_year is not None and target_year < base_year:
        check.fail(BEFORE_BASE, "target_year", before_base(target_year, base_year))
    elif reduction is not None and not 0 <= reduction <= 100:
        check.fail(OUTSIDE_0_100, "reduction_pct", reduction_of(reduction))
    elif kind != "fixed_level" and reduction is None:
        check.fail(Message(N_("no reduction given")), "reduction_pct")
    if check.failed:
        return None
    target_tonnes = None
    if base_tonnes is not None and reduction is not None and kind in ("base_year", "net_zero"):
        target_tonnes = base_tonnes * (1 - reduction / 100)
    return {
        "kind": kind, "sector": sector, "scope": None, "base_year": base_year, "base_emissions_tco2e": base_tonnes,
        "target_year": target_year, "reduction_pct": reduction, "target_emissions_tco2e": target_tonnes,
        "status": text(raw["status"]) or None,
    }  # fmt: skip
