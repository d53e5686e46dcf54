"""Plotly figures of inventories and pathways. Pure: frames in, figures out; no Streamlit, no store.

Colours: Okabe-Ito (safe with the common forms of colour blindness); every series also differs by line
style or marker, so colour is never the only cue. Modelled figures are hollow and dotted, illustrative ones
hatched, and the legend names the kind of every series."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import plotly.graph_objects as go

from components import palette
from components.escape import plotly_text
from components.i18n import _, fmt_number, ngettext, pgettext
from components.inventory import (
    KIND_RANK,
    boundary_word,
    gas_words,
    kind_word,
    source_name,
    source_totals,
)
from components.inventory import sector_word as inventory_sector_word
from components.pathway import Pathway, Trend, format_tonnes

SECTOR_COLOURS = {
    "energy": palette.ORANGE, "buildings": palette.SKY_BLUE, "transport": palette.BLUISH_GREEN,
    "waste": palette.YELLOW, "industry": palette.BLUE, "afolu": palette.VERMILLION, "other": palette.REDDISH_PURPLE,
    "total": palette.DARK_GREY,  # was #999999: 7 ΔE from "other" for a deuteranope (tests/unit/test_palette.py)
}  # fmt: skip


PATH, TREND, REPORTED, TARGET = palette.BLUE, palette.VERMILLION, palette.BLACK, palette.BLUISH_GREEN
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
                     dict(text=_("Source: {source}").format(source=source), xref="paper", yref="paper", x=0,
                          y=-0.38, showarrow=False, align="left", font=dict(size=11, color="#555"))],
    )  # fmt: skip
    fig.layout = layout
    return fig


KIND_STYLE = {  # reported solid; modelled hollow with dots; illustrative hatched (never colour alone)
    "reported": dict(fill=1.0, pattern=""),
    "modelled": dict(fill=0.0, pattern="."),
    "illustrative": dict(fill=0.35, pattern="/"),
}


def sector_word(sector: str) -> str:
    """A sector (the store's `sector`) as a legend names it, in the current language."""
    return _("total (no sector breakdown)") if sector == "total" else inventory_sector_word(sector)


def _series_title(row: dict) -> str:
    """Two lines: who, then what (kind, gas, boundary)."""
    what = _("{kind}, {gas}, {boundary}").format(
        kind=kind_word(row["data_kind"]), gas=gas_words(row["gas"]), boundary=boundary_word(row["boundary"])
    )
    return f"{plotly_text(source_name(row))}<br>{plotly_text(what)}"  # group titles: escaped here


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
    """One bar group per source and year, stacked by sector where the source has sectors: reported bars solid,
    modelled bars hollow and dotted, illustrative bars hatched; the legend names each source with its kind,
    gas and boundary. Sources sit side by side in a year, never stacked on one another. At most MAX_SERIES series
    are drawn (reported first, then those with the most years); the rest are named as left out."""
    fig = go.Figure()
    inventory, left_out = top_series(sectors_or_total(inventory))
    order = inventory.assign(_rank=inventory["data_kind"].map(KIND_RANK)).sort_values(["_rank", "source_id", "sector"])
    for (_rank, source_id, sector), group in order.groupby(["_rank", "source_id", "sector"], sort=False):
        first = group.iloc[0].to_dict()
        style = KIND_STYLE.get(first["data_kind"], KIND_STYLE["illustrative"])
        colour = SECTOR_COLOURS.get(sector, "#777")
        label = sector_word(sector)
        fill = colour if style["fill"] == 1.0 else f"rgba(255,255,255,{1 - style['fill']:.2f})"
        fig.add_bar(
            x=group["year"], y=group["emissions_tco2e"], name=f"{label} ({kind_word(first['data_kind'])})",
            offsetgroup=f"{source_id} · {first['data_kind']}", legendgroup=f"{source_id} · {first['data_kind']}",
            legendgrouptitle=dict(text=_series_title(first), font=dict(size=12)),
            marker=dict(color=fill, line=dict(color=colour, width=2),
                        pattern=dict(shape=style["pattern"], fgcolor=colour, solidity=0.35)),
            hovertemplate=f"%{{y:,.0f}} t {first['gas']} · {kind_word(first['data_kind'])}"
            f"<extra>{plotly_text(label)}</extra>",
        )  # fmt: skip
    fig.update_layout(barmode="relative")
    years = sorted({int(y) for y in inventory["year"]})
    fig = _layout(fig, inventory_title(inventory, city), source, _("tonnes (see legend)"))
    # The legend names every series in two lines, so it stands at the right, clear of the source line; years are
    # categories, so a source with one year in 1990 does not squeeze the bars of 2019-2021.
    fig.layout.legend = dict(orientation="v", x=1.02, y=1, xanchor="left", yanchor="top", groupclick="toggleitem")
    fig.layout.margin.b = 70
    fig.layout.annotations[-1].y = -0.2
    fig.layout.xaxis = dict(type="category", categoryorder="category ascending", title=pgettext("chart axis", "year"))
    if len(years) < FEW_YEARS:
        # A category axis gives one year the whole width: one bar filled the plot. Reserve room for FEW_YEARS
        # slots so a lone year draws as a bar of ordinary width, centred, with its value written on it.
        pad = (FEW_YEARS - len(years)) / 2
        fig.layout.xaxis.range = [-0.5 - pad, len(years) - 0.5 + pad]
        fig.update_traces(texttemplate="%{y:.3s} t", textposition="inside", insidetextanchor="middle")
    fig.update_traces(showlegend=True)  # plotly hides the legend of a lone trace: it names the source and kind
    if left_out:
        note = ngettext(
            "{n} more series not drawn (the CSV has every figure)",
            "{n} more series not drawn (the CSV has every figure)",
            left_out,
        ).format(n=left_out)
        fig.layout.annotations = [*fig.layout.annotations, dict(text=note, xref="paper", yref="paper", x=1.02, y=0,
                                  xanchor="left", showarrow=False, font=dict(size=11, color="#555"))]  # fmt: skip
    return fig


FEW_YEARS = 5  # an inventory chart of fewer years keeps room for this many, so a bar never fills the plot


def inventory_title(inventory: pd.DataFrame, city: str) -> str:
    """What the inventory chart shows, in words: totals or sectors, one source or several, and the year(s)."""
    has_sectors = (inventory["sector"] != "total").any()
    several = inventory[["source_id", "data_kind"]].drop_duplicates().shape[0] > 1
    years = sorted({int(y) for y in inventory["year"]})
    when = f"{years[0]}" if len(years) == 1 else f"{years[0]}–{years[-1]}"
    if has_sectors:
        title = (
            _("{city}: emissions by sector and source, {years}")
            if several
            else _("{city}: emissions by sector, {years}")
        )
    else:
        title = _("{city}: total emissions by source, {years}") if several else _("{city}: total emissions, {years}")
    return title.format(city=city, years=when)


MAX_SERIES = 6  # a chart of more series is not read; the synthetic ×50 bench store gives a city 150


def sectors_or_total(inventory: pd.DataFrame) -> pd.DataFrame:
    """The rows a bar chart stacks: where a source gives sectors for a year, its sectors; its `total` row of that
    year is left out (stacked on its own sectors it drew the year twice as high; components/inventory.py: a total
    and its sectors are never added together). The CSV behind the chart keeps every row."""
    is_total = (inventory["sector"] == "total").to_numpy()
    if is_total.all() or not is_total.any():
        return inventory
    keys = list(zip(inventory["source_id"], inventory["data_kind"], inventory["year"], strict=True))
    with_sectors = {k for k, total in zip(keys, is_total, strict=True) if not total}
    keep = [not (total and k in with_sectors) for k, total in zip(keys, is_total, strict=True)]
    return inventory[keep]


def top_series(inventory: pd.DataFrame, limit: int = MAX_SERIES) -> tuple[pd.DataFrame, int]:
    """The rows of the `limit` series a chart draws (reported before modelled before illustrative, then the most
    years, the latest year, the source id) and how many series are left out."""
    keys = inventory[["source_id", "data_kind"]].drop_duplicates()
    if len(keys) <= limit:
        return inventory, 0
    stats = inventory.groupby(["source_id", "data_kind"])["year"].agg(["nunique", "max"]).reset_index()
    stats["rank"] = stats["data_kind"].map(KIND_RANK)
    kept = stats.sort_values(["rank", "nunique", "max", "source_id"], ascending=[True, False, False, True]).head(limit)
    chosen = inventory.set_index(["source_id", "data_kind"]).index.isin(
        kept.set_index(["source_id", "data_kind"]).index
    )
    return inventory[chosen], len(keys) - limit


def inventory_summary(
    inventory: pd.DataFrame, city: str, population: float | None = None, totals: pd.DataFrame | None = None
) -> str:
    """One sentence per source: its kind, gas and boundary, the years it covers and its latest total.
    `totals`: source_totals(inventory), when the caller has it already."""
    if inventory.empty:
        return _("No inventory of {city} is in the store.").format(city=city)
    totals = source_totals(inventory) if totals is None else totals
    parts = []
    ranked = sorted(totals.groupby("series"), key=lambda kv: (KIND_RANK.get(kv[1]["data_kind"].iloc[0], 9), kv[0]))
    for _series, rows in ranked[:MAX_SERIES]:
        rows = rows.sort_values("year")
        last = rows.iloc[-1]
        years = f"{int(rows['year'].iloc[0])}–{int(last['year'])}" if len(rows) > 1 else f"{int(last['year'])}"
        kind = kind_word(last["data_kind"])
        words = dict(kind=kind[:1].upper() + kind[1:], source=source_name(last), gas=gas_words(last["gas"]),
                     boundary=boundary_word(last["boundary"]), years=years,
                     total=format_tonnes(last["emissions_tco2e"]), year=int(last["year"]))  # fmt: skip
        if last["data_kind"] == "reported" and population and population == population:
            sentence = _("{kind} by {source} ({gas}, {boundary}), {years}: {total} in {year}, {per_person} t per "
                         "person with today's GeoNames population.")  # fmt: skip
            # rounded as f"{x:.1f}" rounds the float (Babel would round its shortest repr: 0.15 -> 0.2, not 0.1)
            words["per_person"] = fmt_number(Decimal(float(last["emissions_tco2e"] / population)), 1, fixed=True)
        else:
            sentence = _("{kind} by {source} ({gas}, {boundary}), {years}: {total} in {year}.")
        parts.append(sentence.format(**words))
    n = totals["series"].nunique()
    lead = ngettext("{city} has {n} series of figures.", "{city} has {n} series of figures.", n).format(city=city, n=n)
    more = (
        ngettext("{n} more series are in the CSV.", "{n} more series are in the CSV.", n - MAX_SERIES).format(
            n=n - MAX_SERIES
        )
        if n > MAX_SERIES
        else ""
    )
    return " ".join([lead, *parts, *([more] if more else [])])


def pathway_figure(
    name: str, pathway: Pathway, totals: pd.DataFrame, trend: Trend | None, source: str, series_label: str = ""
) -> go.Figure:
    """Implied path (dashed), target points (diamonds), the one series' totals (dots: solid when reported,
    hollow when modelled; the legend names which), trend projection (dotted)."""
    fig = go.Figure()
    path = pathway.path()
    if len(path):
        fig.add_scatter(x=path["year"], y=path["level_tco2e"], name=_("Path the targets imply"), mode="lines",
                        line=dict(color=PATH, dash="dash", width=3))  # fmt: skip
    if pathway.points:
        fig.add_scatter(
            x=[p.year for p in pathway.points], y=[p.level for p in pathway.points], name=_("Targets"),
            mode="markers+text", marker=dict(symbol="diamond", size=13, color=TARGET, line=dict(width=1, color="#000")),
            text=[p.label for p in pathway.points], textposition="top right", textfont=dict(size=11),
        )  # fmt: skip
    if len(totals):
        hollow = any(w in series_label for w in ("modelled", "illustrative", kind_word("modelled"),
                                                 kind_word("illustrative")))  # fmt: skip
        fig.add_scatter(x=totals["year"], y=totals["emissions_tco2e"], mode="markers",
                        name=series_label[:1].upper() + series_label[1:] or _("Reported totals"),
                        marker=dict(size=11, color=REPORTED, symbol="circle-open" if hollow else "circle",
                                    line=dict(width=2, color=REPORTED)))  # fmt: skip
    if trend is not None:
        end = max([p.year for p in pathway.points] + [trend.years[1] + 5])
        xs = list(range(trend.years[0], end + 1))
        fig.add_scatter(
            x=xs, y=[trend.level_in(x) for x in xs], mode="lines", line=dict(color=TREND, dash="dot", width=3),
            name=_("Trend: least squares over {n} years {start}–{end} of that series").format(
                n=trend.n_points, start=trend.years[0], end=trend.years[1]),
        )  # fmt: skip
    return _layout(fig, _("{name}: pathway to its targets").format(name=name), source)


def aggregate_figure(title: str, aggregate: pd.DataFrame, source: str) -> go.Figure:
    fig = go.Figure()
    fig.add_scatter(x=aggregate["year"], y=aggregate["level_tco2e"], mode="lines",
                    name=_("Sum of the paths the targets imply"),
                    line=dict(color=PATH, dash="dash", width=3))  # fmt: skip
    return _layout(fig, title, source)
