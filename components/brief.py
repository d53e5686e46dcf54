"""One region's brief for events: the slides (title, lines, figure or table, speaker notes with sources),
shared by the Brief page, presenter mode and the PPTX deck. Pure: no Streamlit, no store."""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components.charts import _layout, aggregate_figure
from components.i18n import N_, _, fmt_date, fmt_int, ngettext, pgettext, region_name
from components.network import (
    SEVERAL,
    colour_for,
    format_people,
    headline_figures,
    membership_sources,
    network_category,
    symbol_for,
)
from components.pathway import coverage_sentence, fmt_pct

MAX_ROWS = 6

# UN M49 codes of the store's region names (the filters' values, in English), to name a region in any language.
M49 = {
    "Africa": "002", "Americas": "019", "Asia": "142", "Europe": "150", "Oceania": "009",
    "Northern Africa": "015", "Sub-Saharan Africa": "202", "Western Africa": "011", "Eastern Africa": "014",
    "Middle Africa": "017", "Southern Africa": "018", "Latin America and the Caribbean": "419",
    "South America": "005", "Central America": "013", "Caribbean": "029", "Northern America": "021",
    "Central Asia": "143", "Eastern Asia": "030", "South-eastern Asia": "035", "Southern Asia": "034",
    "Western Asia": "145", "Eastern Europe": "151", "Northern Europe": "154", "Southern Europe": "039",
    "Western Europe": "155", "Channel Islands": "830", "Australia and New Zealand": "053", "Melanesia": "054",
    "Micronesia": "057", "Polynesia": "061",
}  # fmt: skip


def region_words(region: str) -> str:
    """The regions of a filter ("Europe, Western Asia", the store's English names) in the current language
    (CLDR names via Babel); a name that is not a UN M49 region is kept as it is."""
    if not region:
        return region
    return ", ".join(region_name(M49[r], fallback=r) if r in M49 else r for r in region.split(", "))


def brief_date(today: dt.date) -> str:
    """The brief's date in the current language ("05 March 2026", "5 mars 2026", "5 de marzo de 2026")."""
    return fmt_date(today, pgettext("date pattern (Unicode CLDR) of the brief's title slide", "dd MMMM y"))


# The slides' table headers (translated where built)
LEADERS_COLUMNS = [N_("City"), N_("Country"), N_("Net zero by"), N_("Cut by 2030")]


@dataclass
class Slide:
    title: str
    lines: list[str] = field(default_factory=list)
    figure: go.Figure | None = None
    table: pd.DataFrame | None = None
    alt: str = ""  # the figure's description (image alt text in the deck)
    notes: str = ""  # speaker notes: the slide's sources
    sources: pd.DataFrame | None = None  # the slide's sources: rows of queries/sources.sql (title, url, licence …)

    def source_line(self, limit: int = 6) -> str:
        """ "Source: …" naming the slide's publishers (the deck prints it on the slide), or the notes' credit."""
        if self.sources is None or not len(self.sources):
            credits = ("Source", "Cities:", _("Source:"), _("Cities:"))
            return self.notes if self.notes.startswith(credits) else ""
        names = list(dict.fromkeys(p for p in self.sources["publisher"] if isinstance(p, str) and p.strip()))
        if len(names) > limit:
            return _("Source: {names} and {n} more (see the sources slide).").format(
                names="; ".join(names[:limit]), n=fmt_int(len(names) - limit)
            )
        return _("Source: {names}.").format(names="; ".join(names))


def region_map_figure(cities: pd.DataFrame, outlines: pd.DataFrame, networks: list[str], title: str) -> go.Figure:
    """A static map drawn from our own outlines (no topojson, no tiles): exports with kaleido offline."""
    xs, ys = [], []
    for geometry in outlines["geometry_geojson"]:
        for polygon in json.loads(geometry)["coordinates"]:
            ring = polygon[0]
            xs += [p[0] for p in ring] + [None]
            ys += [p[1] for p in ring] + [None]
    fig = go.Figure()
    fig.add_scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor="#dde2e7", line=dict(color="#ffffff", width=0.5),
                    hoverinfo="skip", showlegend=False)  # fmt: skip
    if len(cities):
        category = cities["networks"].map(lambda ns: network_category(list(ns)))
        top = float(cities["population"].max() or 1)
        for cat in sorted(set(category)):
            part = cities[category == cat]
            fig.add_scatter(
                x=part["longitude"], y=part["latitude"], mode="markers", name=_(SEVERAL) if cat == SEVERAL else cat,
                marker=dict(size=[6 + 22 * np.sqrt((p or 0) / top) for p in part["population"]],
                            color=colour_for(cat, networks), line=dict(color="#fff", width=1),
                            symbol=symbol_for(cat, networks)),
                text=part["city"], hovertemplate="%{text}<extra></extra>",
            )  # fmt: skip
    (west, east), (south, north) = map_bounds(cities)
    fig.update_xaxes(range=[west, east])
    fig.update_yaxes(range=[south, north])
    fig = _layout(fig, title, _("GeoNames (cities), Natural Earth (outlines), the networks' pages (memberships)"), "")
    # constrain="domain": the frame shrinks to the cities' bounds instead of the axes widening to fill a wide plot,
    # which had put Greenland and North America on the Europe slide. One degree of latitude is drawn 1/cos(lat)
    # times a degree of longitude, as on a local map.
    mid = math.radians((south + north) / 2)
    fig.update_xaxes(visible=False, constrain="domain")
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1 / max(math.cos(mid), 0.2), constrain="domain")
    fig.update_layout(plot_bgcolor="#f4f7fa", hovermode="closest")
    return fig


MAP_PAD_DEG = 4.0  # around the outermost cities


def map_bounds(cities: pd.DataFrame) -> tuple[tuple[float, float], tuple[float, float]]:
    """((west, east), (south, north)) that frame the cities with a margin: the world when there are none."""
    if cities.empty:
        return (-180.0, 180.0), (-60.0, 85.0)
    lon, lat = cities["longitude"].astype(float), cities["latitude"].astype(float)
    pad = max(MAP_PAD_DEG, 0.08 * max(lon.max() - lon.min(), lat.max() - lat.min()))
    return (
        (max(-180.0, lon.min() - pad), min(180.0, lon.max() + pad)),
        (max(-60.0, lat.min() - pad), min(85.0, lat.max() + pad)),
    )


def leading_cities(cities: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """The cities furthest ahead: earliest net-zero year, then the deepest cut promised by 2030."""
    columns = [_(c) for c in LEADERS_COLUMNS]
    if targets.empty:
        return pd.DataFrame(columns=columns)
    nz = targets[targets["kind"] == "net_zero"].groupby("city_id")["target_year"].min()
    cut = (
        targets[(targets["kind"] == "base_year") & (targets["target_year"] <= 2030)]
        .groupby("city_id")["reduction_pct"]
        .max()
    )
    frame = cities.set_index("city_id")[["city", "country", "population"]].join(nz.rename("nz")).join(cut.rename("cut"))
    frame = frame[frame["nz"].notna() | frame["cut"].notna()]
    frame = frame.sort_values(["nz", "cut", "population"], ascending=[True, False, False], na_position="last")
    return pd.DataFrame(dict(zip(columns, [
        frame["city"], frame["country"],
        frame["nz"].map(lambda y: "—" if pd.isna(y) else str(int(y))),
        frame["cut"].map(lambda c: "—" if pd.isna(c) else _("−{pct} %").format(pct=fmt_pct(c))),
    ], strict=True))).head(MAX_ROWS).reset_index(drop=True)  # fmt: skip


def cities_without_target(cities: pd.DataFrame, targets: pd.DataFrame) -> list[str]:
    have = set(targets["city_id"]) if len(targets) else set()
    return list(cities[~cities["city_id"].isin(have)].sort_values("population", ascending=False)["city"])


def build_brief(
    region: str,
    cities: pd.DataFrame,
    outlines: pd.DataFrame,
    networks: list[str],
    aggregate: dict,
    targets: pd.DataFrame,
    practices: pd.DataFrame,
    funding: pd.DataFrame,
    sources: pd.DataFrame,
    today: dt.date | None = None,
) -> list[Slide]:
    """The brief's slides, one idea each, each with its own sources. A region with no member cities gets a
    short, honest brief."""
    today = today or dt.date.today()

    def of(ids) -> pd.DataFrame:
        wanted = {i for i in ids if isinstance(i, str)}
        return sources[sources["source_id"].isin(wanted)].reset_index(drop=True)

    def cited(frame: pd.DataFrame) -> str:
        return "\n".join(dict.fromkeys(frame["citation"])) if len(frame) else ""

    region = region_words(region)  # the filters' English names, in the current language
    city_sources = of(["geonames", "hdx_taxonomy", *(membership_sources(cities) if len(cities) else [])])
    credit = {
        "cities": _(
            "Cities: GeoNames (CC BY 4.0). Regions: UN M49; income groups: World Bank. Memberships: the networks' own "
            "pages (see the last slide)."
        ),
    }
    title = [_("UTMC Explorer · {date}").format(date=brief_date(today)),
             "Urban Transitions Mission Centre (Mission Innovation)"]  # fmt: skip
    slides = [Slide(_("{region}: the network in the region").format(region=region), title, notes=credit["cities"],
                    sources=city_sources)]  # fmt: skip
    figures = headline_figures(cities)
    slides.append(Slide(_("Headline figures"), [
        ngettext("{n} member city", "{n} member cities", figures["cities"]).format(n=fmt_int(figures["cities"])),
        ngettext("{n} country", "{n} countries", figures["countries"]).format(n=fmt_int(figures["countries"])),
        _("{people} people live in them (GeoNames populations)").format(people=format_people(figures["people"])),
    ], notes=credit["cities"], sources=city_sources))  # fmt: skip
    if cities.empty:
        slides.append(Slide(_("No member cities in the store"), [
            _("None of the cities of the networks in the store lies in {region}.").format(region=region),
            _("Memberships can be added to data/seed/networks/ with the page that confirms each."),
        ], notes=credit["cities"], sources=city_sources))  # fmt: skip
    else:
        top = ", ".join(cities["city"].head(3))
        n_cities = figures["cities"]
        alt = ngettext(
            "Map of the {n} member city in {region}; the largest are {top}.",
            "Map of the {n} member cities in {region}; the largest are {top}.",
            n_cities,
        ).format(n=fmt_int(n_cities), region=region, top=top)
        figure = region_map_figure(cities, outlines, networks, _("Member cities in {region}").format(region=region))
        outline_credit = _("Cities: GeoNames (CC BY 4.0). Outlines: Natural Earth (public domain).")
        slides.append(Slide(_("Where the member cities are"), [alt], figure=figure, alt=alt, notes=outline_credit,
                            sources=of(["geonames", "natural_earth"])))  # fmt: skip
        cover = aggregate["coverage"]
        sentence = coverage_sentence(cover, region)
        target_sources = of(aggregate.get("source_ids", []))
        if cover["drawn"]:
            source = aggregate.get("publishers") or _("the store's figures")
            figure = aggregate_figure(_("Aggregate pathway: {region}").format(region=region), aggregate["aggregate"],
                                      source)  # fmt: skip
            alt = ngettext(
                "Aggregate pathway of {n} city in {region}. {sentence}",
                "Aggregate pathway of {n} cities in {region}. {sentence}",
                cover["drawn"],
            ).format(n=fmt_int(cover["drawn"]), region=region, sentence=sentence)
            notes = _(
                "Targets and emission figures (reported or modelled, as the sentence says) from: {citations}"
            ).format(citations=aggregate.get("citations", ""))
            slides.append(Slide(_("Where their targets lead"), [sentence], figure=figure, alt=alt, notes=notes,
                                sources=target_sources))  # fmt: skip
        else:
            lines = [sentence, _("No target that can be drawn is in the store for these cities yet.")]
            slides.append(Slide(_("Where their targets lead"), lines, notes=cited(target_sources),
                                sources=target_sources))  # fmt: skip
        leaders = leading_cities(cities, targets)
        missing = cities_without_target(cities, targets)
        values = {"n": fmt_int(len(missing)), "total": fmt_int(len(cities))}
        if not missing:
            line = _("{n} of {total} member cities have no target in the store.").format(**values)
        elif len(missing) > 8:
            more = len(missing) - 8
            line = ngettext(
                "{n} of {total} member cities have no target in the store: {named} and {more} more.",
                "{n} of {total} member cities have no target in the store: {named} and {more} more.",
                more,
            ).format(named=", ".join(missing[:8]), more=fmt_int(more), **values)
        else:
            line = _("{n} of {total} member cities have no target in the store: {named}.").format(
                named=", ".join(missing), **values
            )
        leader_sources = of(["geonames", *(targets["source_id"] if "source_id" in targets else [])])
        slides.append(Slide(_("Furthest ahead, and no target yet"), [line], table=leaders if len(leaders) else None,
                            notes=cited(leader_sources) or _("Targets from the store's sources (see the last slide)."),
                            sources=leader_sources))  # fmt: skip
    if len(practices):
        table = practices.sort_values("population", ascending=False).head(MAX_ROWS)
        shown = pd.DataFrame({_("City"): table["city"], _("Practice"): table["title"], _("Sector"): table["sector"]})
        lines = [ngettext("{n} practice in the catalogue.", "{n} practices in the catalogue.", len(practices))
                 .format(n=fmt_int(len(practices)))]  # fmt: skip
        slides.append(Slide(_("Practices from {region}").format(region=region), lines,
                            table=shown, notes="; ".join(table["citation"]),
                            sources=of(table["source_id"])))  # fmt: skip
    if len(funding):
        table = funding.head(MAX_ROWS + 2)
        shown = pd.DataFrame({_("Programme"): table["name"], _("Instrument"): table["instrument"],
                              _("Status"): table["status"]})  # fmt: skip
        lines = [ngettext("{n} programme in the catalogue.", "{n} programmes in the catalogue.", len(funding))
                 .format(n=fmt_int(len(funding)))]  # fmt: skip
        slides.append(Slide(_("Funding open to cities in {region}").format(region=region), lines,
                            table=shown, notes="; ".join(table["citation"]),
                            sources=of(table["source_id"])))  # fmt: skip
    lines = [ngettext("{n} source, each with its publisher, licence and address below.",
                      "{n} sources, each with its publisher, licence and address below.", len(sources))
             .format(n=fmt_int(len(sources)))]  # fmt: skip
    slides.append(Slide(_("Sources and licences"), lines, notes="\n".join(sources["citation"]),
                        sources=sources.reset_index(drop=True)))  # fmt: skip
    return slides


def slide_html(lines: list[str], table: pd.DataFrame | None, size_rem: float = 2.0) -> str:
    """A slide's text and table as HTML in large type, every value escaped (presenter mode)."""
    from html import escape

    para = f'<p style="font-size:{size_rem}rem;line-height:1.35;margin:0 0 .6rem;color:#000">'
    # one line each: a blank line inside would end the HTML block and let Markdown read the rest
    parts = [f"{para}{escape(' '.join(line.splitlines()))}</p>" for line in lines]
    if table is not None and len(table):
        cell = f"padding:.35rem .9rem;border-bottom:1px solid #999;font-size:{size_rem * 0.8}rem;color:#000"
        head = "".join(f'<th style="{cell}">{escape(str(c))}</th>' for c in table.columns)
        rows = "".join(
            "<tr>" + "".join(f'<td style="{cell}">{escape(str(v))}</td>' for v in row) + "</tr>"
            for row in table.itertuples(index=False)
        )
        parts.append(f'<table style="border-collapse:collapse;margin-top:.5rem"><tr>{head}</tr>{rows}</table>')
    return "".join(parts)
