"""Plotly figures of inventories and pathways. Pure: frames in, figures out; no Streamlit, no store.

Colours: Okabe-Ito (safe with the common forms of colour blindness); every series also differs by line
style or marker, so colour is never the only cue. Illustrative figures are hatched and say so."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.escape import plotly_text
from components.pathway import Pathway, Trend, format_tonnes

SECTOR_COLOURS = {
    "energy": "#E69F00", "buildings": "#56B4E9", "transport": "#009E73", "waste": "#F0E442",
    "industry": "#0072B2", "afolu": "#D55E00", "other": "#CC79A7", "total": "#999999",
}  # fmt: skip
PATH, TREND, REPORTED, TARGET = "#0072B2", "#D55E00", "#000000", "#009E73"
FONT = dict(family="Source Sans Pro, sans-serif", size=14)


def _layout(fig: go.Figure, title: str, source: str, y_title: str = "tCO2e") -> go.Figure:
    """Title, fonts, legend, axes and the source line. The layout is assigned whole: plotly's
    update_layout/add_annotation path took ~12 ms per figure, one assignment ~1 ms (same layout).

    Every figure passes here, so here every text that comes from data is escaped for plotly (which renders
    `<a href>`, `<b>`, `<br>` in titles, annotations, legend names, tick and hover labels): the title,
    the source line and the traces' names, text and category labels (components/escape.py)."""
    title, source, y_title = plotly_text(title), plotly_text(source), plotly_text(y_title)
    escape_traces(fig)
    layout = fig.layout.to_plotly_json()  # what the figure's builder set already (e.g. barmode)
    layout.pop("template", None)
    layout.update(
        title=dict(text=title, x=0, font=dict(size=18)),
        font=FONT,
        legend=dict(orientation="h", y=-0.22, x=0),
        margin=dict(l=10, r=10, t=60, b=110),
        yaxis={**layout.get("yaxis", {}), "title": y_title, "rangemode": "tozero"},
        xaxis={**layout.get("xaxis", {}), "tickformat": "d"},
        hovermode="x unified",
        annotations=[*layout.get("annotations", []),
                     dict(text=f"Source: {source}", xref="paper", yref="paper", x=0, y=-0.38, showarrow=False,
                          align="left", font=dict(size=11, color="#555"))],
    )  # fmt: skip
    fig.layout = layout
    return fig


def escape_traces(fig: go.Figure) -> None:
    """Escape the traces' names, text, hover text and text categories (x or y) for plotly."""
    for trace in fig.data:
        for attr in ("name", "text", "hovertext", "x", "y"):
            value = getattr(trace, attr, None)
            if isinstance(value, str):
                setattr(trace, attr, plotly_text(value))
            elif value is not None and attr in ("text", "hovertext") or _all_text(value):
                setattr(trace, attr, [plotly_text(v) if isinstance(v, str) else v for v in value])


def _all_text(values) -> bool:
    return isinstance(values, tuple | list) and len(values) > 0 and all(isinstance(v, str) for v in values)


def inventory_figure(inventory: pd.DataFrame, city: str, source: str) -> go.Figure:
    """Stacked bars by sector and year; illustrative bars hatched and named as such."""
    fig = go.Figure()
    for (sector, illustrative), group in inventory.groupby(["sector", "is_illustrative"], sort=True):
        label = ("total (no sector breakdown)" if sector == "total" else sector) + (
            " — illustrative" if illustrative else ""
        )
        fig.add_bar(
            x=group["year"], y=group["emissions_tco2e"], name=label,
            marker=dict(color=SECTOR_COLOURS.get(sector, "#777"),
                        pattern=dict(shape="/" if illustrative else "", fgcolor="#333")),
            hovertemplate="%{y:,.0f} tCO2e",
        )  # fmt: skip
    fig.update_layout(barmode="stack")
    return _layout(fig, f"{city}: emissions by sector", source)


def inventory_summary(inventory: pd.DataFrame, city: str, population: float | None = None) -> str:
    if inventory.empty:
        return f"No inventory of {city} is in the store."
    years = sorted(inventory["year"].unique())
    latest = inventory[inventory["year"] == years[-1]]
    total = latest["emissions_tco2e"].sum() if "total" not in set(latest["sector"]) else latest[
        latest["sector"] == "total"]["emissions_tco2e"].sum()  # fmt: skip
    illustrative = (
        " Some figures are illustrative (hatched), not reported." if inventory["is_illustrative"].any() else ""
    )
    per_capita = (
        f" ({total / population:.1f} t per person, with today's GeoNames population)"
        if population and population == population
        else ""
    )
    return (
        f"{city} has inventories for {len(years)} year{'s' if len(years) > 1 else ''} ({years[0]}–{years[-1]}); "
        f"the latest, {years[-1]}, totals {format_tonnes(total)}{per_capita}.{illustrative}"
    )


def pathway_figure(name: str, pathway: Pathway, totals: pd.DataFrame, trend: Trend | None, source: str) -> go.Figure:
    """Implied path (dashed), target points (diamonds), reported totals (dots), trend projection (dotted)."""
    fig = go.Figure()
    path = pathway.path()
    if len(path):
        fig.add_scatter(x=path["year"], y=path["level_tco2e"], name="Path the targets imply", mode="lines",
                        line=dict(color=PATH, dash="dash", width=3))  # fmt: skip
    if pathway.points:
        fig.add_scatter(
            x=[p.year for p in pathway.points], y=[p.level for p in pathway.points], name="Targets",
            mode="markers+text", marker=dict(symbol="diamond", size=13, color=TARGET, line=dict(width=1, color="#000")),
            text=[p.label for p in pathway.points], textposition="top right", textfont=dict(size=11),
        )  # fmt: skip
    if len(totals):
        fig.add_scatter(x=totals["year"], y=totals["emissions_tco2e"], name="Reported totals", mode="markers",
                        marker=dict(size=10, color=REPORTED))  # fmt: skip
    if trend is not None:
        end = max([p.year for p in pathway.points] + [trend.years[1] + 5])
        xs = list(range(trend.years[0], end + 1))
        fig.add_scatter(
            x=xs, y=[trend.level_in(x) for x in xs], mode="lines", line=dict(color=TREND, dash="dot", width=3),
            name=f"Trend: least squares over {trend.n_points} reported years {trend.years[0]}–{trend.years[1]}",
        )  # fmt: skip
    return _layout(fig, f"{name}: pathway to its targets", source)


def aggregate_figure(title: str, aggregate: pd.DataFrame, source: str) -> go.Figure:
    fig = go.Figure()
    fig.add_scatter(x=aggregate["year"], y=aggregate["level_tco2e"], mode="lines",
                    name="Sum of the paths the targets imply", line=dict(color=PATH, dash="dash", width=3))  # fmt: skip
    return _layout(fig, title, source)
