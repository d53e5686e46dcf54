"""What an inventory frame holds, source by source: each source's totals per year, the one series a pathway or a
comparison may use, and where a reported and a modelled figure meet in the same year. Pure: no Streamlit.

Rules:
- A source's total for a year is its `total` row, else the sum of its sectors (never both added together).
- Figures of different kinds, gases or boundaries are different series: they are drawn apart and never
  joined into one line or one trend.
- The series a pathway, a trend or a comparison uses (the precedence the City page states): reported before
  modelled before illustrative; within a kind, the source with the most years, then the latest year, then the
  source id (so the choice is stable). Figures flagged by the plausibility checks (data/checks.py) are left out
  unless the viewer includes them.
- Two sources disagree when they give the same city and year and differ by more than DISAGREE times, or when
  one is reported and the other modelled: both are shown with their ratio, never averaged.
"""

from __future__ import annotations

import pandas as pd

from components.i18n import N_, _, pgettext

KIND_RANK = {"reported": 0, "modelled": 1, "illustrative": 2}
DISAGREE = 1.5  # two figures for the same city and year further apart than this are shown side by side
MAX_PAIRS = 20  # the disagreement table lists at most this many pairs (the CSV download has every figure)
GAS_WORDS = {"CO2e": N_("all GHG, CO2e"), "CO2": N_("fossil CO2 only")}  # English; gas_words() translates
# The store's controlled words (data/schema.sql CHECKs), in English as stored; shown through kind_word() and
# boundary_word(), which translate them (any other value is shown as it is).
KIND_WORDS = {"reported": N_("reported"), "modelled": N_("modelled"), "illustrative": N_("illustrative")}
BOUNDARY_WORDS = {
    "administrative city": N_("administrative city"),
    "functional urban area": N_("functional urban area"),
    "signatory territory": N_("signatory territory"),
    "not stated": N_("not stated"),
}


SECTOR_WORDS = {
    "total": N_("total"),
    "energy": N_("energy"),
    "buildings": N_("buildings"),
    "transport": N_("transport"),
    "waste": N_("waste"),
    "industry": N_("industry"),
    "afolu": N_("afolu"),
    "other": N_("other"),
    "cross-cutting": N_("cross-cutting"),
}


def sector_word(sector) -> str:
    """A sector of data/schema.sql in the current language; any other value as it is."""
    return _(SECTOR_WORDS[sector]) if sector in SECTOR_WORDS else str(sector)


def gas_words(gas) -> str:
    """'CO2e' -> 'all GHG, CO2e' in the current language; an unknown gas as it is."""
    return _(GAS_WORDS[gas]) if gas in GAS_WORDS else str(gas)


def kind_word(kind) -> str:
    """'reported' / 'modelled' / 'illustrative' in the current language; any other value as it is."""
    return _(KIND_WORDS[kind]) if kind in KIND_WORDS else str(kind)


def boundary_word(boundary) -> str:
    """An emissions or target boundary (data/schema.sql) in the current language; any other value as it is."""
    return _(BOUNDARY_WORDS[boundary]) if boundary in BOUNDARY_WORDS else str(boundary)


TOTAL_COLUMNS = ["source_id", "year", "emissions_tco2e", "data_kind", "gas", "boundary"]


def source_totals(inventory: pd.DataFrame) -> pd.DataFrame:
    """One total per source, kind and year (columns TOTAL_COLUMNS, series, and publisher, derivation, flag and
    flag_reason where the frame has them). One pass over plain dicts: a pandas groupby cost ~15 ms on a city's
    dozen rows and a loop over groups ~160 ms on the ×50 bench store's 150 series (docs/field-notes.md)."""
    extra = [c for c in ("publisher", "derivation", "flag", "flag_reason") if c in inventory.columns]
    columns = [*TOTAL_COLUMNS, "series", *extra]
    groups: dict[tuple, dict] = {}
    for r in inventory.to_dict("records"):
        key = (r["source_id"], r["data_kind"], int(r["year"]))
        g = groups.get(key)
        if g is None:
            g = groups[key] = {"stated": None, "summed": None, "first": r}
        value = r["emissions_tco2e"]
        if r["sector"] == "total":
            if g["stated"] is None:
                g["stated"], g["first"] = value, r
        elif value == value and value is not None:  # not NaN
            g["summed"] = (g["summed"] or 0.0) + float(value)
    rows = []
    for (source_id, kind, year), g in sorted(groups.items()):
        value = g["stated"] if g["stated"] is not None and g["stated"] == g["stated"] else g["summed"]
        if value is None:
            continue
        first = g["first"]
        rows.append({"source_id": source_id, "year": year, "emissions_tco2e": float(value), "data_kind": kind,
                     "gas": first["gas"], "boundary": first["boundary"], "series": f"{source_id} · {kind}",
                     **{c: first[c] for c in extra}})  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def choose_series(totals: pd.DataFrame, kinds: tuple[str, ...] | None = None) -> str | None:
    """The series to use ("<source_id> · <kind>", rules above); None when no source qualifies."""
    if totals.empty:
        return None
    use = totals if kinds is None else totals[totals["data_kind"].isin(kinds)]
    if use.empty:
        return None
    ranked = sorted(
        (
            (KIND_RANK.get(g["data_kind"].iloc[0], 9), -len(g), -int(g["year"].max()), key)
            for key, g in use.groupby("series")
        )
    )
    return ranked[0][3]


def usable(inventory: pd.DataFrame, include_flagged: bool = False) -> pd.DataFrame:
    """The rows a chart, a trend or an aggregate may use: flagged ones only when the viewer includes them."""
    if include_flagged or "flag" not in inventory.columns:
        return inventory
    return inventory[inventory["flag"].isna()]


def series(
    inventory: pd.DataFrame,
    kinds: tuple[str, ...] | None = None,
    include_flagged: bool = False,
    totals: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, dict | None]:
    """The chosen series as (frame of year, emissions_tco2e, sorted by year; its description) where the
    description has source_id, data_kind, gas, boundary (and publisher where known). `totals`: the
    source_totals of the rows to use, when the caller has them already (the City page computes them once)."""
    if totals is None:
        totals = source_totals(usable(inventory, include_flagged))
    chosen = choose_series(totals, kinds)
    if chosen is None:
        return pd.DataFrame(columns=["year", "emissions_tco2e"]), None
    rows = totals[totals["series"] == chosen].sort_values("year")
    first = rows.iloc[0]
    info = {k: first[k] for k in ("source_id", "data_kind", "gas", "boundary", "publisher") if k in rows.columns}
    return rows[["year", "emissions_tco2e"]].reset_index(drop=True), info


# a viewer's own figures (components/sandbox.py), never stored; YOUR_NAME is English, source_name() translates it
YOUR_SOURCE, YOUR_NAME = "your-figures", N_("your figures")
SHORT_NAMES = {  # the open datasets of the default store; other sources go by their publisher
    YOUR_SOURCE: YOUR_NAME,
    "nzt_2022": "Net Zero Tracker",
    "carbon_monitor_cities": "Carbon Monitor Cities",
    "gcom_jrc": "GCoM signatories (JRC)",
}


def source_name(row: dict) -> str:
    """The open datasets by a short name; any other source by its publisher, whole (never cut). Names stay in their
    language; only the viewer's own figures ("your figures") and "unknown" are interface words."""
    if row.get("source_id") == YOUR_SOURCE:
        return _(YOUR_NAME)
    return SHORT_NAMES.get(row.get("source_id")) or row.get("publisher") or row.get("source_id") or _("unknown")


def describe_series(info: dict | None) -> str:
    """'reported totals (Net Zero Tracker; all GHG, CO2e)' — the words a legend or a sentence uses."""
    if not info:
        return _("no inventory")
    kind, gas = info["data_kind"], gas_words(info["gas"])
    if info.get("source_id") or info.get("publisher"):
        return {
            "reported": _("reported totals ({source}; {gas})"),
            "modelled": _("modelled totals ({source}; {gas})"),
            "illustrative": _("illustrative totals ({source}; {gas})"),
        }.get(kind, _("{kind} totals ({source}; {gas})")).format(kind=kind, source=source_name(info), gas=gas)
    return {
        "reported": _("reported totals ({gas})"),
        "modelled": _("modelled totals ({gas})"),
        "illustrative": _("illustrative totals ({gas})"),
    }.get(kind, _("{kind} totals ({gas})")).format(kind=kind, gas=gas)


def kind_comparison(totals: pd.DataFrame) -> pd.DataFrame:
    """Years where two series give the city's total and disagree (a reported and a modelled figure, or two figures
    more than DISAGREE times apart): both figures and their ratio (first / second, reported first).
    One row per year and pair of series."""
    columns = list(COMPARISON_HEADERS)
    name = "publisher" if "publisher" in totals.columns else "source_id"
    ranked = totals.assign(_rank=totals["data_kind"].map(KIND_RANK)).sort_values(["year", "_rank", "series"])
    rows = []
    for _year, group in ranked.drop_duplicates(["year", "emissions_tco2e", "data_kind"]).groupby("year"):
        records = group.to_dict("records")
        pairs = [(r, m) for i, r in enumerate(records) for m in records[i + 1 :]]
        for r, m in pairs:
            ratio = r["emissions_tco2e"] / m["emissions_tco2e"] if m["emissions_tco2e"] else None
            apart = ratio is not None and ratio > 0 and max(ratio, 1 / ratio) > DISAGREE
            if r["data_kind"] == m["data_kind"] and not apart:
                continue
            differs = []
            if r["data_kind"] != m["data_kind"]:
                differs.append(_("kind: {first} vs {second}").format(first=kind_word(r["data_kind"]),
                                                                     second=kind_word(m["data_kind"])))  # fmt: skip
            if r["gas"] != m["gas"]:
                differs.append(_("gas: {first} vs {second}").format(first=gas_words(r["gas"]),
                                                                    second=gas_words(m["gas"])))  # fmt: skip
            if r["boundary"] != m["boundary"]:
                boundaries = {"first": boundary_word(r["boundary"]), "second": boundary_word(m["boundary"])}
                differs.append(_("boundary: {first} vs {second}").format(**boundaries))
            rows.append([int(r["year"]), r["emissions_tco2e"], r[name], m["emissions_tco2e"], m[name], ratio,
                         "; ".join(differs) or _("same kind, gas and boundary")])  # fmt: skip
    table = pd.DataFrame(rows, columns=columns).drop_duplicates(["Year", "First (t)", "Second (t)"])
    return table.head(MAX_PAIRS).reset_index(drop=True).rename(columns=comparison_headers())


COMPARISON_HEADERS = ("Year", "First (t)", "First source", "Second (t)", "Second source", "Ratio", "What differs")


def comparison_headers() -> dict[str, str]:
    """kind_comparison's column headers in the current language (the same in English)."""
    return {
        "Year": pgettext("table column", "Year"),
        "First (t)": _("First (t)"),
        "First source": _("First source"),
        "Second (t)": _("Second (t)"),
        "Second source": _("Second source"),
        "Ratio": _("Ratio"),
        "What differs": _("What differs"),
    }


def kinds_held(inventory: pd.DataFrame) -> list[str]:
    """The kinds of figure a frame holds, reported first."""
    return sorted(set(inventory["data_kind"]), key=lambda k: KIND_RANK.get(k, 9)) if len(inventory) else []
