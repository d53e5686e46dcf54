"""The Compare page's logic: the list of cities from the URL, the side-by-side table, the normalised
chart and the XLSX download. Pure: no Streamlit."""

from __future__ import annotations

import io

import pandas as pd
import plotly.graph_objects as go

from components.charts import _layout
from components.export import neutralise_cell, to_csv_bytes
from components.funding import listed
from components.network import format_people

MAX_CITIES = 6
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9"]
DASHES = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot"]


def parse_city_ids(
    raw: str, known: set[int] | None = None, limit: int | None = MAX_CITIES
) -> tuple[list[int], list[str]]:
    """'1,2,2,x' -> ([1, 2], notices). Unknown ids are dropped and named, duplicates removed, at most six."""
    ids, notices, bad = [], [], []
    for part in (raw or "").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit() or len(part) > 12:
            bad.append(part[:20])
            continue
        value = int(part)
        if value not in ids:
            ids.append(value)
    if known is not None:
        bad += [str(i) for i in ids if i not in known]
        ids = [i for i in ids if i in known]
    if bad:
        notices.append(f"Left out, no such city: {', '.join(bad)}.")
    if limit is not None and len(ids) > limit:
        notices.append(f"Only the first {limit} of {len(ids)} cities are compared.")
        ids = ids[:limit]
    return ids, notices


def _latest(inventory: pd.DataFrame) -> dict:
    """The latest year's total (reported preferred) and its sector shares."""
    if inventory.empty:
        return {}
    reported = inventory[~inventory["is_illustrative"].astype(bool)]
    use = reported if len(reported) else inventory
    year = int(use["year"].max())
    rows = use[use["year"] == year]
    sectors = rows[rows["sector"] != "total"]
    total_row = rows[rows["sector"] == "total"]
    total = float(total_row["emissions_tco2e"].iloc[0]) if len(total_row) else float(sectors["emissions_tco2e"].sum())
    shares = (sectors.groupby("sector")["emissions_tco2e"].sum() / sectors["emissions_tco2e"].sum()).sort_values(
        ascending=False
    ) if len(sectors) else pd.Series(dtype=float)  # fmt: skip
    return {"year": year, "total": total, "illustrative": len(reported) == 0, "shares": shares,
            "sources": sorted(set(rows["source_id"]))}  # fmt: skip


def comparison_table(
    profiles: pd.DataFrame, inventory: pd.DataFrame, targets: pd.DataFrame, this_year: int
) -> pd.DataFrame:
    """One row per city: facts, latest inventory, per capita, largest sectors, net zero, next interim target."""
    rows = []
    for p in profiles.to_dict("records"):
        cid = p["city_id"]
        latest = _latest(inventory[inventory["city_id"] == cid])
        tg = targets[targets["city_id"] == cid]
        net_zero = tg[tg["kind"] == "net_zero"]["target_year"]
        interim = tg[(tg["kind"] != "net_zero") & (tg["target_year"] >= this_year)].sort_values("target_year")
        mark = " (illustrative)" if latest.get("illustrative") else ""
        next_target = "—"
        if len(interim) and pd.notna(interim.iloc[0]["reduction_pct"]):
            nearest = interim.iloc[0]
            next_target = f"{int(nearest['target_year'])}: −{nearest['reduction_pct']:g} % ({nearest['kind']})"
        per_capita = latest["total"] / p["population"] if latest and p["population"] else None
        rows.append(
            {
                "City": p["city"], "GeoNames id": cid, "Country": p["country"], "Region": p["subregion"],
                "Income group": p["income_group"], "Population": p["population"],
                "Networks": ", ".join(listed(p["networks"])) or "—",
                "Latest inventory year": latest.get("year"),
                "Total emissions (tCO2e)": f"{latest['total']:,.0f}{mark}" if latest else "no inventory",
                "Per capita (tCO2e/person)": f"{per_capita:.1f}{mark}" if per_capita else "—",
                "Largest sectors": ", ".join(f"{s} {v:.0%}" for s, v in latest["shares"].head(3).items())
                + mark if latest and len(latest["shares"]) else "no sector breakdown",
                "Net-zero year": int(net_zero.min()) if len(net_zero) else "none in the store",
                "Nearest interim target": next_target,
                "Sources": "; ".join(["geonames", *latest.get("sources", []), *sorted(set(tg["source_id"]))]),
            }
        )  # fmt: skip
    return pd.DataFrame(rows)


def side_by_side(table: pd.DataFrame, publishers: dict[str, str] | None = None) -> pd.DataFrame:
    """The comparison with one column per city, every cell as text (the table shown on the page); the
    Sources row names each city's sources by publisher."""
    shown = table.copy()
    names = publishers or {}
    shown["Sources"] = shown["Sources"].map(
        lambda ids: "; ".join(dict.fromkeys(names.get(i, i) for i in ids.split("; ") if i))
    )
    shown["Population"] = shown["Population"].map(format_people)
    shown["Latest inventory year"] = shown["Latest inventory year"].map(lambda y: "—" if pd.isna(y) else str(int(y)))
    return shown.set_index("City").T.astype(str)


def normalised_figure(profiles: pd.DataFrame, inventory: pd.DataFrame, view: str, source: str) -> go.Figure:
    """'per capita': latest total per person, by sector where known; '% of first year': totals over time."""
    fig = go.Figure()
    names = dict(zip(profiles["city_id"], profiles["city"], strict=True))
    population = dict(zip(profiles["city_id"], profiles["population"], strict=True))
    for i, (cid, name) in enumerate(names.items()):
        inv = inventory[(inventory["city_id"] == cid) & (~inventory["is_illustrative"].astype(bool))]
        totals = inv[inv["sector"] == "total"].groupby("year")["emissions_tco2e"].sum()
        if totals.empty:
            totals = inv.groupby("year")["emissions_tco2e"].sum()
        if totals.empty:
            continue
        if view == "per capita":
            if population[cid]:
                fig.add_bar(x=[name], y=[totals.iloc[-1] / population[cid]], name=f"{name} ({totals.index[-1]})",
                            marker_color=PALETTE[i % 6])  # fmt: skip
        else:
            pct = totals / totals.iloc[0] * 100
            fig.add_scatter(x=list(pct.index), y=list(pct.values), name=name, mode="lines+markers",
                            line=dict(color=PALETTE[i % 6], dash=DASHES[i % 6], width=3))  # fmt: skip
    title = (
        "Emissions per person, latest reported year"
        if view == "per capita"
        else "Emissions as % of the first reported year"
    )
    return _layout(fig, title, source, "tCO2e per person" if view == "per capita" else "% of first year")


def to_xlsx_bytes(table: pd.DataFrame, sources: pd.DataFrame) -> bytes:
    """Two sheets: the comparison (formula cells neutralised) and the sources with their licences."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="xlsxwriter") as writer:
        table.map(neutralise_cell).to_excel(writer, sheet_name="Comparison", index=False)
        sources[["source_id", "title", "publisher", "licence", "citation", "url"]].map(neutralise_cell).to_excel(
            writer, sheet_name="Sources and licences", index=False
        )
    return buffer.getvalue()


def summary_sentence(table: pd.DataFrame) -> str:
    with_inventory = table[table["Latest inventory year"].notna()]
    return (
        f"Comparing {len(table)} cities ({', '.join(table['City'])}); "
        f"{len(with_inventory)} of them have an inventory in the "
        f"store; the largest is {table.sort_values('Population', ascending=False).iloc[0]['City']} "
        f"({format_people(table['Population'].max())} people)."
    )


__all__ = ["comparison_table", "normalised_figure", "parse_city_ids", "to_csv_bytes", "to_xlsx_bytes"]
