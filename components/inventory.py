"""What an inventory frame holds, source by source: each source's totals per year, the one series a pathway or a
comparison may use, and where a reported and a modelled figure meet in the same year. Pure: no Streamlit.

Rules:
- A source's total for a year is its `total` row, else the sum of its sectors (never both added together).
- Figures of different kinds, gases or boundaries are different series: they are drawn apart and never
  joined into one line or one trend.
- The series a pathway, a trend or a comparison uses: reported before modelled before illustrative; within a
  kind, the source with the most years, then the latest year, then the source id (so the choice is stable).
"""

from __future__ import annotations

import pandas as pd

KIND_RANK = {"reported": 0, "modelled": 1, "illustrative": 2}
GAS_WORDS = {"CO2e": "all GHG, CO2e", "CO2": "fossil CO2 only"}
TOTAL_COLUMNS = ["source_id", "year", "emissions_tco2e", "data_kind", "gas", "boundary"]


def source_totals(inventory: pd.DataFrame) -> pd.DataFrame:
    """One total per source and year (columns TOTAL_COLUMNS, plus publisher where the frame has it)."""
    if inventory.empty:
        return pd.DataFrame(columns=TOTAL_COLUMNS)
    extra = [c for c in ("publisher", "derivation") if c in inventory.columns]
    rows = []
    for (source_id, _kind, year), group in inventory.groupby(["source_id", "data_kind", "year"], sort=True):
        total = group[group["sector"] == "total"]
        value = total["emissions_tco2e"].iloc[0] if len(total) else group["emissions_tco2e"].sum(min_count=1)
        first = (total if len(total) else group).iloc[0]
        rows.append(
            {"source_id": source_id, "year": int(year), "emissions_tco2e": float(value) if pd.notna(value) else None,
             "data_kind": first["data_kind"], "gas": first["gas"], "boundary": first["boundary"],
             **{c: first[c] for c in extra}}
        )  # fmt: skip
    out = pd.DataFrame(rows)
    out["series"] = out["source_id"] + " · " + out["data_kind"]  # one file may hold figures of two kinds
    return out[out["emissions_tco2e"].notna()].reset_index(drop=True)


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


def series(inventory: pd.DataFrame, kinds: tuple[str, ...] | None = None) -> tuple[pd.DataFrame, dict | None]:
    """The chosen series as (frame of year, emissions_tco2e, sorted by year; its description) where the
    description has source_id, data_kind, gas, boundary (and publisher where known)."""
    totals = source_totals(inventory)
    chosen = choose_series(totals, kinds)
    if chosen is None:
        return pd.DataFrame(columns=["year", "emissions_tco2e"]), None
    rows = totals[totals["series"] == chosen].sort_values("year")
    first = rows.iloc[0]
    info = {k: first[k] for k in ("source_id", "data_kind", "gas", "boundary", "publisher") if k in rows.columns}
    return rows[["year", "emissions_tco2e"]].reset_index(drop=True), info


def describe_series(info: dict | None) -> str:
    """'reported totals (Net Zero Tracker; all GHG, CO2e)' — the words a legend or a sentence uses."""
    if not info:
        return "no inventory"
    who = f"{info['publisher']}; " if info.get("publisher") else ""
    return f"{info['data_kind']} totals ({who}{GAS_WORDS.get(info['gas'], info['gas'])})"


def kind_comparison(totals: pd.DataFrame) -> pd.DataFrame:
    """Years where a reported and a modelled total both exist: both figures and their ratio (reported / modelled).
    One row per year and pair of sources."""
    columns = ["Year", "Reported (t)", "Reported source", "Modelled (t)", "Modelled source", "Ratio", "What differs"]
    reported = totals[totals["data_kind"] == "reported"]
    modelled = totals[totals["data_kind"] == "modelled"]
    name = "publisher" if "publisher" in totals.columns else "source_id"
    rows = []
    for r in reported.to_dict("records"):
        for m in modelled[modelled["year"] == r["year"]].to_dict("records"):
            differs = []
            if r["gas"] != m["gas"]:
                differs.append(f"gas: {GAS_WORDS.get(r['gas'], r['gas'])} vs {GAS_WORDS.get(m['gas'], m['gas'])}")
            if r["boundary"] != m["boundary"]:
                differs.append(f"boundary: {r['boundary']} vs {m['boundary']}")
            ratio = r["emissions_tco2e"] / m["emissions_tco2e"] if m["emissions_tco2e"] else None
            rows.append([int(r["year"]), r["emissions_tco2e"], r[name], m["emissions_tco2e"], m[name], ratio,
                         "; ".join(differs) or "same gas and boundary"])  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def kinds_held(inventory: pd.DataFrame) -> list[str]:
    """The kinds of figure a frame holds, reported first."""
    return sorted(set(inventory["data_kind"]), key=lambda k: KIND_RANK.get(k, 9)) if len(inventory) else []
