"""CDP city emission-reduction targets (the 2021 layout, with spaces or with dots in the column names).

Grain imported: one row per target as the city reported it. Kinds: base-year (absolute) targets, fixed
levels, business-as-usual cuts and intensity targets; an absolute base-year cut of 100 % is stored as
net zero. Rows with "No target", a target year before the base year or a reduction over 100 % are skipped
with that reason.
"""

from __future__ import annotations

from pathlib import Path

from data.importers.base import (
    BEFORE_BASE,
    OUTSIDE_0_100,
    Batch,
    ImportReport,
    RowChecker,
    batch_from_rows,
    before_base,
    number,
    point,
    read_text_table,
    reduction_of,
    select_layout,
    text,
    tonnes,
    year,
)
from data.importers.matching import CityMatcher, country_iso3
from data.importers.messages import N_, Message

FORMAT = "cdp-targets"
DESCRIPTION = "CDP city emission-reduction targets"
PUBLISHER = "CDP and ICLEI – Local Governments for Sustainability"
LICENCE = "CDP terms of use: no commercial use or republication"
CREDIT = "This data was collected in partnership by CDP and ICLEI – Local Governments for Sustainability."

LAYOUTS = {
    "2021": {
        "city": "City",
        "organization": "Organization",
        "country": "Country",
        "kind": "Type of target",
        "sector": "Sector",
        "base_year": "Base year",
        "base_emissions": "Base year emissions (metric tonnes CO2e)",
        "reduction": "Percentage reduction target",
        "target_year": "Target year",
        "target_emissions": "Target year absolute emissions (metric tonnes CO2e)",
        "bau_emissions": "Estimated business as usual absolute emissions in target year (metric tonnes CO2e)",
        "boundary": "Target boundary relative to city boundary",
        "location": "City Location",
    }
}
KINDS = {
    "base year emissions (absolute) target": "base_year",
    "fixed level target": "fixed_level",
    "baseline scenario (business as usual) target": "bau",
    "base year intensity target": "intensity",
}
SECTORS = {
    "all emissions sources included in city inventory": "total",
    "energy": "energy",
    "stationary energy": "energy",
    "buildings": "buildings",
    "transport": "transport",
    "transportation": "transport",
    "waste": "waste",
    "industrial processes and product use (ippu)": "industry",
    "ippu": "industry",
    "agriculture, forestry and other land use (afolu)": "afolu",
    "afolu": "afolu",
}


def parse(path: Path, matcher: CityMatcher, report: ImportReport) -> Batch:
    frame = read_text_table(path)
    report.layout, col = select_layout(frame, LAYOUTS, "CDP city targets")
    has_iso = next((c for c in frame.columns if c.lower() == "iso"), None)  # added by the clean_names release
    clean_name = next((c for c in frame.columns if c.lower() == "name"), None)
    rows = []
    report.rows_read = len(frame)
    for i, raw in enumerate(frame.to_dict("records")):
        line = i + 2
        check = RowChecker(report, line)
        kind_text = text(raw[col["kind"]])
        if kind_text.lower() == "no target":
            check.fail(Message(N_("no target")), col["kind"])
            continue
        if not kind_text:
            check.fail(Message(N_("no type of target given")), col["kind"])
            continue
        kind = KINDS.get(kind_text.lower())
        if kind is None:
            check.fail(Message(N_("unknown kind of target")), col["kind"],
                       Message(N_("kind of target {kind} is not known"), kind=repr(kind_text[:60])))  # fmt: skip
            continue
        base_year = check.get(year, raw[col["base_year"]], col["base_year"])
        target_year = check.get(year, raw[col["target_year"]], col["target_year"])
        reduction = check.get(number, raw[col["reduction"]], col["reduction"])
        base_emissions = check.get(tonnes, raw[col["base_emissions"]], col["base_emissions"])
        target_emissions = check.get(tonnes, raw[col["target_emissions"]], col["target_emissions"])
        bau_emissions = check.get(tonnes, raw[col["bau_emissions"]], col["bau_emissions"])
        if check.failed:
            continue
        if target_year is None:
            check.fail(Message(N_("no target year")), col["target_year"])
        elif base_year is not None and target_year < base_year:
            check.fail(BEFORE_BASE, col["target_year"], before_base(target_year, base_year))
        elif reduction is not None and not 0 <= reduction <= 100:
            check.fail(OUTSIDE_0_100, col["reduction"], reduction_of(reduction))
        elif any(v is not None and v < 0 for v in (base_emissions, target_emissions, bau_emissions)):
            check.fail(Message(N_("negative emissions")), col["base_emissions"])
        elif kind in ("base_year", "intensity", "bau") and reduction is None:
            check.fail(Message(N_("no reduction given")), col["reduction"])
        if check.failed:
            continue
        iso3 = text(raw[has_iso]) if has_iso and text(raw[has_iso]) else None
        iso3 = iso3 or (country_iso3(text(raw[col["country"]])) if text(raw[col["country"]]) else None)
        where = point(raw[col["location"]])
        name = text(raw[col["city"]]) or (text(raw[clean_name]) if clean_name else "") or text(raw[col["organization"]])
        match = matcher.match(name, iso3, *(where or (None, None)))
        if match.city_id is None:
            report.not_matched(line, name, text(raw[col["country"]]), match.reason, col["city"])
            continue
        sector_text = text(raw[col["sector"]])
        if kind == "base_year" and reduction == 100 and SECTORS.get(sector_text.lower()) == "total":
            kind = "net_zero"
        if target_emissions is None and reduction is not None:
            reference = {"base_year": base_emissions, "net_zero": base_emissions, "bau": bau_emissions}.get(kind)
            if reference is not None:
                target_emissions = reference * (1 - reduction / 100)
        rows.append(
            {
                "target_id": f"{line}",
                "city_id": match.city_id,
                "kind": kind,
                "sector": SECTORS.get(sector_text.lower(), "other"),
                "scope": "; ".join(x for x in (sector_text, text(raw[col["boundary"]])) if x)[:500] or None,
                "base_year": base_year,
                "base_emissions_tco2e": base_emissions,
                "target_year": target_year,
                "reduction_pct": reduction,
                "target_emissions_tco2e": target_emissions,
                "status": None,
                "data_kind": "reported",
                "gas": "CO2e",
                "boundary": "administrative city",
            }
        )
    return batch_from_rows([], rows)
