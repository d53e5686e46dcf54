"""Your own figures: one city's draft inventory and targets, checked like an import and drawn beside the store's
figures, held only in the viewer's session. Pure: no Streamlit, no store; nothing here writes a file or logs a value.

Rules:
- One city per sandbox, the one chosen with the city picker. A row names it by city_id, or by city_name and
  country_iso3, or leaves all three blank (then it is the chosen city); a row naming another city is reported
  and left out.
- Validation and normalisation are the template importer's (data/importers/template.py, `parse_frame`), with its
  row-by-row report and the importers' duplicate rules; an upload is read from memory (`template.read_bytes`).
  Limits: MAX_UPLOAD_BYTES per file and MAX_SANDBOX_ROWS rows, each refused with a message naming the limit.
- Plausibility: data/checks.py's emission and target checks run over your figures together with the store's own
  figures of the same city (so a unit slip against another source is caught); only your rows take a flag. A
  flagged figure is shown with its reason and left out of charts, trends and comparisons unless the viewer
  includes flagged figures, as for the store's figures.
- Your rows carry the source id YOUR_SOURCE, named "your figures", in the columns of queries/city_inventory.sql
  and queries/city_targets.sql: every function that takes a city's frames (inventory, pathway, peers, practices,
  funding) takes them as they are, as one more source, never merged with the store's.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components import palette
from components.charts import _layout
from components.export import neutralise_cell, to_csv_bytes
from components.i18n import N_, _, fmt_date, fmt_int, fmt_number, language, ngettext, pgettext
from components.inventory import YOUR_NAME, YOUR_SOURCE, series, source_totals, usable
from components.pathway import Pathway, Trend, build_pathway, fit_trend, format_tonnes, on_track_sentence
from components.peers import SECTORS, SHARE_COLUMNS, find_peers
from data.checks import reason_text
from data.importers.base import ImportReport
from data.importers.matching import Match, name_variants
from data.importers.reading import ImportRefused
from data.names import fold_name

MAX_UPLOAD_BYTES = 1024 * 1024  # a city's inventory by year and sector and its targets fit in a few kB
MAX_SANDBOX_ROWS = 2_000  # 30 years x 8 sectors is 240 rows; more is not one city's draft
# Kept in English in your rows' citation column (as the store's citations are data); translated where shown.
CITATION = N_("Your own figures, entered in this session: not saved, visible only to you.")
BANNER = N_("Your own figures, not saved, visible only to you")
YOURS = palette.REDDISH_PURPLE  # no other series of the app uses it; also hatched "x" and outlined
EDITOR_COLUMNS = ["record", "year", "sector", "emissions", "unit", "target_kind", "base_year", "target_year",
                  "reduction_pct", "is_illustrative"]  # fmt: skip
INVENTORY_COLUMNS = [
    "year",
    "sector",
    "emissions_tco2e",
    "data_kind",
    "gas",
    "boundary",
    "protocol",
    "derivation",
    "flag",
    "flag_reason",
    "reported_value",
    "reported_unit",
    "source_id",
    "citation",
    "publisher",
]  # fmt: skip  (queries/city_inventory.sql)
TARGET_COLUMNS = [
    "target_id",
    "kind",
    "sector",
    "scope",
    "base_year",
    "base_emissions_tco2e",
    "target_year",
    "reduction_pct",
    "target_emissions_tco2e",
    "status",
    "data_kind",
    "gas",
    "boundary",
    "flag",
    "flag_reason",
    "source_id",
    "citation",
    "publisher",
]  # fmt: skip  (queries/city_targets.sql)


class OneCity:
    """The matcher the sandbox hands the template's parser: the city chosen with the picker, and no other."""

    def __init__(self, profile: dict):
        self.city_id, self.name, self.iso3 = int(profile["city_id"]), str(profile["city"]), str(profile["iso3"])
        self.cities = {self.city_id: profile}

    def unknown_id(self, city_id: int) -> str:
        return _("city_id {given} is not {city} ({city_id}), the city chosen for your figures").format(
            given=city_id, city=self.name, city_id=self.city_id
        )

    def match(self, name: str, iso3: str | None, lat=None, lon=None, population=None, max_km=None) -> Match:
        if not fold_name(name or "") and not iso3:
            return Match(self.city_id, _("blank city: the city chosen"))
        if fold_name(self.name) in name_variants(name or "") and iso3 in (None, self.iso3):
            return Match(self.city_id, _("the city chosen"))
        return Match(
            None,
            _("not {city}, {iso3}: your figures are for the city chosen above only").format(
                city=self.name, iso3=self.iso3
            ),
        )


@dataclass
class Sandbox:
    """One session's own figures for one city, in the columns of the store's city queries."""

    city: dict  # the queries/city_profiles.sql row of the city chosen
    emissions: pd.DataFrame  # INVENTORY_COLUMNS
    targets: pd.DataFrame  # TARGET_COLUMNS
    report: ImportReport
    loaded_at: str = field(default_factory=lambda: dt.datetime.now().strftime("%H:%M"))

    @property
    def city_id(self) -> int:
        return int(self.city["city_id"])

    def flagged(self) -> int:
        return int(self.emissions["flag"].notna().sum() + self.targets["flag"].notna().sum())


def editor_frame() -> pd.DataFrame:
    """The empty table a viewer types figures into (the template's columns without the city: it is chosen)."""
    return pd.DataFrame({c: pd.Series(dtype="string") for c in EDITOR_COLUMNS})


def check_rows(frame: pd.DataFrame) -> None:
    if len(frame) > MAX_SANDBOX_ROWS:
        raise ImportRefused(
            _(
                "your figures have {n} rows; the limit is {limit} (one city's inventory by year and sector, and its "
                "targets)"
            ).format(n=fmt_int(len(frame)), limit=fmt_int(MAX_SANDBOX_ROWS))
        )


def read_upload(data: bytes, name: str) -> pd.DataFrame:
    """The uploaded template as text cells, read from memory (never written anywhere), within the limits."""
    from data.importers import template

    if len(data) > MAX_UPLOAD_BYTES:
        raise ImportRefused(
            _(
                "the file is {size} kB; the limit for your own figures is {limit} kB (one city's inventory and targets)"
            ).format(size=fmt_number(len(data) / 1024, 0), limit=fmt_int(MAX_UPLOAD_BYTES // 1024))
        )
    frame = template.read_bytes(data, name)
    check_rows(frame)
    return frame


def load(
    frame: pd.DataFrame,
    city: dict,
    store_inventory: pd.DataFrame,
    file_name: str = "typed in",
    this_year: int | None = None,
) -> Sandbox:
    """Validate and normalise the rows (the template's rules), check their plausibility against the store's own
    figures of the city (queries/city_inventory.sql rows), and return the sandbox. Raises ImportRefused for a
    table refused whole; the report lists every row left out and why."""
    from data.importers import count, drop_duplicates, template

    check_rows(frame)
    frame = frame.copy().astype(object).where(lambda f: f.notna(), "")
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    if "record" in frame.columns and not {"city_id", "city_name", "country_iso3"} & set(frame.columns):
        frame["city_id"] = ""  # typed in for the chosen city: blank means that city
    report = ImportReport(format="your figures", file=file_name)
    batch = count(drop_duplicates(template.parse_frame(frame, OneCity(city), report), report), report)
    emissions, targets = as_store_rows(batch.emissions, batch.targets)
    emissions, targets = check_plausibility(emissions, targets, city, store_inventory, this_year)
    return Sandbox(city, emissions, targets, report)


def as_store_rows(emissions: pd.DataFrame, targets: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A parsed batch in the columns of queries/city_inventory.sql and city_targets.sql, as source YOUR_SOURCE."""
    mine = {"source_id": YOUR_SOURCE, "citation": CITATION, "publisher": YOUR_NAME, "flag": None, "flag_reason": None}
    em = emissions.assign(**mine)
    tg = targets.assign(**mine)
    tg["target_id"] = YOUR_SOURCE + ":" + tg["target_id"].astype(str)
    em = em.sort_values(["year", "sector"], ignore_index=True)
    return em[INVENTORY_COLUMNS].astype({"flag": object, "flag_reason": object}), tg[TARGET_COLUMNS].astype(
        {"flag": object, "flag_reason": object}
    )


def check_plausibility(
    emissions: pd.DataFrame, targets: pd.DataFrame, city: dict, store_inventory: pd.DataFrame, this_year: int | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """data/checks.py over your figures and the store's figures of the same city; flags only on your rows."""
    from data.checks import emission_flags, target_flags

    this_year = this_year or dt.date.today().year
    population = city.get("population")
    cols = ["year", "sector", "source_id", "data_kind", "boundary", "emissions_tco2e", "reported_value",
            "reported_unit"]  # fmt: skip
    store = store_inventory.reindex(columns=cols)
    both = pd.concat([emissions[cols], store], ignore_index=True).assign(city_id=int(city["city_id"]),
                                                                          population=population)  # fmt: skip
    ef = emission_flags(both, this_year)
    ef = ef[ef["source_id"] == YOUR_SOURCE]
    em = emissions.copy()
    for r in ef.itertuples(index=False):
        rows = (em["year"] == r.year) & (em["data_kind"] == r.data_kind)
        em.loc[rows, "flag"], em.loc[rows, "flag_reason"] = r.flag, r.flag_reason
    tg = targets.copy()
    with_base = tg[tg["base_emissions_tco2e"].notna()]
    if len(with_base):
        tf = target_flags(
            with_base[["target_id", "base_year", "base_emissions_tco2e", "boundary"]].assign(
                city_id=int(city["city_id"]), population=population
            ),
            both,
        )
        for r in tf.itertuples(index=False):
            rows = tg["target_id"] == r.target_id
            tg.loc[rows, "flag"], tg.loc[rows, "flag_reason"] = r.flag, r.flag_reason
    return em, tg


# --- what the pages draw from them ------------------------------------------------------------------------------
@dataclass
class YourPathway:
    totals: pd.DataFrame
    info: dict | None
    pathway: Pathway
    trend: Trend | None
    sentence: str


def your_pathway(sandbox: Sandbox, include_flagged: bool = False) -> YourPathway:
    """The pathway, trend and on-track sentence of your figures alone (components/pathway.py's rules)."""
    totals, info = series(sandbox.emissions, include_flagged=include_flagged)
    pathway = build_pathway(sandbox.targets, totals, info, include_flagged)
    trend = fit_trend(totals)
    name = _("{city} (your figures)").format(city=sandbox.city["city"])
    return YourPathway(totals, info, pathway, trend, on_track_sentence(name, pathway, trend, totals))


def sector_shares(emissions: pd.DataFrame, include_flagged: bool = False) -> pd.DataFrame:
    """queries/city_sector_shares.sql for your figures: the sectors of the latest year with a sector breakdown
    (reported before illustrative), largest first, flagged figures left out unless included."""
    columns = ["year", "sector", "emissions_tco2e", "share", "data_kind", "source_id"]
    rows = usable(emissions, include_flagged)
    rows = rows[(rows["sector"] != "total") & rows["emissions_tco2e"].notna()]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    rank = rows["data_kind"].map({"reported": 0, "modelled": 1}).fillna(2)
    best = rows.assign(_rank=rank).sort_values(["_rank", "year"], ascending=[True, False]).iloc[0]
    chosen = rows[(rows["year"] == best["year"]) & (rows["data_kind"] == best["data_kind"])]
    by = chosen.groupby("sector", as_index=False)["emissions_tco2e"].sum()
    total = by["emissions_tco2e"].sum()
    by["share"] = by["emissions_tco2e"] / total if total else np.nan
    by = by.assign(year=int(best["year"]), data_kind=best["data_kind"], source_id=YOUR_SOURCE)
    return by.sort_values(["emissions_tco2e", "sector"], ascending=[False, True], ignore_index=True)[columns]


def peer_row(features: pd.DataFrame, sandbox: Sandbox, include_flagged: bool = False) -> pd.DataFrame:
    """The city's row of queries/peer_features.sql with what your figures say instead: per-capita emissions (the
    latest total of your one series over today's GeoNames population), sector shares and net-zero year. A feature
    your figures do not give is unknown (never the store's: the two are not merged)."""
    mine = features[features["city_id"] == sandbox.city_id].copy()
    if mine.empty:
        raise KeyError(f"no city {sandbox.city_id} in the peer features")
    totals, _info = series(sandbox.emissions, include_flagged=include_flagged)
    population = mine["population"].iloc[0]
    latest = totals.iloc[-1] if len(totals) else None
    mine["per_capita_tco2e"] = (float(latest["emissions_tco2e"]) / float(population)
                                if latest is not None and population and population > 0 else np.nan)  # fmt: skip
    mine["inventory_year"] = int(latest["year"]) if latest is not None else pd.NA
    shares = dict(zip(*sector_shares(sandbox.emissions, include_flagged)[["sector", "share"]].values.T, strict=True))
    for s, col in zip(SECTORS, SHARE_COLUMNS, strict=True):
        mine[col] = float(shares[s]) if s in shares else (0.0 if shares else np.nan)
    tg = usable(sandbox.targets, include_flagged)
    net_zero = tg[tg["kind"] == "net_zero"]["target_year"].dropna()
    mine["net_zero_year"] = float(net_zero.min()) if len(net_zero) else np.nan
    return mine.reset_index(drop=True)


def your_peers(
    features: pd.DataFrame,
    mine: pd.DataFrame,
    weights: dict[str, float] | None = None,
    members_only: bool = True,
    members: pd.DataFrame | None = None,
    limit: int = 10,
) -> pd.DataFrame:
    """components/peers.find_peers with your city's row (peer_row) in place of the store's."""
    city_id = int(mine["city_id"].iloc[0])
    if members_only:
        pool = members if members is not None else features[np.array(features["is_member"], dtype=bool)]
        return find_peers(mine, city_id, weights, members_only=True, limit=limit, members=pool)
    everyone = pd.concat([features[features["city_id"] != city_id], mine], ignore_index=True)
    return find_peers(everyone, city_id, weights, limit=limit)


def per_capita_table(city: dict, mine: pd.DataFrame, store_row: pd.DataFrame, peers: pd.DataFrame) -> pd.DataFrame:
    """Your city per person (your figures, and the store's figure where it has one: both, never merged) among its
    peers (the store's latest reported totals). One row per bar, highest first. The labels (City, Figures) are in
    the current language; the column names are English (PER_CAPITA_HEADERS names them for display)."""
    rows = []
    if pd.notna(mine["per_capita_tco2e"].iloc[0]):
        rows.append({"City": _("{city}: your figures").format(city=city["city"]),
                     "t per person": float(mine["per_capita_tco2e"].iloc[0]),
                     "Year": mine["inventory_year"].iloc[0], "Figures": _("your figures")})  # fmt: skip
    if len(store_row) and pd.notna(store_row["per_capita_tco2e"].iloc[0]):
        rows.append({"City": _("{city}: the store").format(city=city["city"]),
                     "t per person": float(store_row["per_capita_tco2e"].iloc[0]),
                     "Year": store_row["inventory_year"].iloc[0], "Figures": _("the store (reported)")})  # fmt: skip
    for p in peers.to_dict("records"):
        if pd.notna(p["per_capita_tco2e"]):
            rows.append({"City": f"{p['city']}, {p['country']}", "t per person": float(p["per_capita_tco2e"]),
                         "Year": p["inventory_year"], "Figures": _("the store (reported), peer")})  # fmt: skip
    table = pd.DataFrame(rows, columns=["City", "t per person", "Year", "Figures"])
    return table.sort_values("t per person", ascending=False, ignore_index=True)


def per_capita_figure(table: pd.DataFrame, city: str, source: str) -> go.Figure:
    """Horizontal bars: your figures purple and hatched, the store's own figure of the city outlined, peers grey."""
    fig = go.Figure()
    order = table.iloc[::-1]
    styles = {
        _("your figures"): dict(
            color=YOURS,
            line=dict(color="#000", width=2),
            pattern=dict(shape="x", fgcolor="#000", solidity=0.15, fillmode="overlay"),
        ),
        _("the store (reported)"): dict(color="#ffffff", line=dict(color="#0072B2", width=3)),
    }
    hover = _("%{x:.1f} t per person") + "<extra>%{y}</extra>"
    for figures, part in order.groupby("Figures", sort=False):
        fig.add_bar(x=list(part["t per person"]), y=list(part["City"]), orientation="h", name=figures,
                    marker=styles.get(figures, dict(color="#999999")),
                    hovertemplate=hover)  # fmt: skip
    fig.update_layout(barmode="overlay", yaxis=dict(categoryorder="array", categoryarray=list(order["City"])))
    fig = _layout(fig, _("{city} among its peers: emissions per person, latest year").format(city=city), source, "")
    fig.layout.xaxis = dict(title=_("tCO2e per person (today's GeoNames population)"))
    return fig


def mark_yours(fig: go.Figure) -> go.Figure:
    """Draw your figures in their own style: in an inventory chart your bars are outlined black and hatched with
    crosses in every sector colour; in a pathway chart every trace is reddish purple. Names say "your figures"."""
    for trace in fig.data:
        group = getattr(trace, "offsetgroup", None)
        if trace.type == "bar" and isinstance(group, str) and group.startswith(YOUR_SOURCE):
            trace.marker.line = dict(color="#000", width=3)
            trace.marker.pattern = dict(shape="x", fgcolor="#000", solidity=0.2, fillmode="overlay")  # on its colour
            trace.name = _("{series}, your figures").format(series=trace.name)
    return fig


def mark_your_pathway(fig: go.Figure) -> go.Figure:
    """A pathway of your figures: every trace reddish purple, the legend titled "your figures" (suffixing each name
    instead wrapped the legend onto the source line)."""
    for trace in fig.data:
        if trace.type == "scatter":
            if trace.line is not None:
                trace.line.color = YOURS
            if trace.marker is not None:
                trace.marker.color = YOURS
    fig.layout.legend.title = dict(text=_("<b>your figures</b> (not saved):"), font=dict(color=YOURS), side="left")
    fig.layout.margin.b = 140  # the titled legend takes two rows: the source line goes below them
    fig.layout.annotations[-1].y = -0.5
    return fig


# --- downloads ----------------------------------------------------------------------------------------------------
def figures_table(sandbox: Sandbox) -> pd.DataFrame:
    """Your figures as one table for the downloads: every row says whose it is. Headers and the Figures, Record
    and Check cells are in the current language; sectors and kinds keep the template's codes."""
    city = f"{sandbox.city['city']}, {sandbox.city['country']}"
    em = sandbox.emissions
    yours, inventory, target = _("your figures"), pgettext("record", "inventory"), pgettext("record", "target")
    inv = pd.DataFrame({"Figures": yours, "City": city, "GeoNames id": sandbox.city_id, "Record": inventory,
                        "Year": em["year"], "Sector": em["sector"], "Emissions (tCO2e)": em["emissions_tco2e"],
                        "Kind": em["data_kind"], "Check": _checks(em)})  # fmt: skip
    tg = sandbox.targets
    tgt = pd.DataFrame({"Figures": yours, "City": city, "GeoNames id": sandbox.city_id, "Record": target,
                        "Target kind": tg["kind"], "Sector": tg["sector"], "Base year": tg["base_year"],
                        "Emissions (tCO2e)": tg["base_emissions_tco2e"], "Target year": tg["target_year"],
                        "Reduction %": tg["reduction_pct"], "Kind": tg["data_kind"],
                        "Check": _checks(tg)})  # fmt: skip
    table = pd.concat([inv, tgt], ignore_index=True)
    table = table.astype({c: "Int64" for c in ("Year", "Base year", "Target year")})
    return table.rename(columns={c: _(FIGURES_HEADERS[c]) for c in table.columns})


FIGURES_HEADERS = {
    "Figures": N_("Figures"), "City": N_("City"), "GeoNames id": N_("GeoNames id"), "Record": N_("Record"),
    "Year": N_("Year"), "Sector": N_("Sector"), "Emissions (tCO2e)": N_("Emissions (tCO2e)"), "Kind": N_("Kind"),
    "Check": N_("Check"), "Target kind": N_("Target kind"), "Base year": N_("Base year"),
    "Target year": N_("Target year"), "Reduction %": N_("Reduction %"),
}  # fmt: skip
PER_CAPITA_HEADERS = {"City": N_("City"), "t per person": N_("t per person"), "Year": N_("Year"),
                      "Figures": N_("Figures")}  # fmt: skip


def _checks(frame: pd.DataFrame) -> list[str]:
    return [_check(f, r) for f, r in zip(frame["flag"], frame["flag_reason"], strict=True)]


def _check(flag, reason) -> str:
    shown = reason_text(flag, reason)
    return _("FLAGGED: {reason}").format(reason=shown) if isinstance(shown, str) else _("passed")


def download_lines(sandbox: Sandbox) -> list[str]:
    return [
        _("{citation} City: {city}, {country} (GeoNames {city_id}).").format(
            citation=_(CITATION), city=sandbox.city["city"], country=sandbox.city["country"], city_id=sandbox.city_id
        )
    ]


def to_csv(sandbox: Sandbox) -> bytes:
    """Pure data (issue 21: pandas reads back the rows shown); every row's Figures column says "your figures"."""
    return to_csv_bytes(figures_table(sandbox))


def to_xlsx(sandbox: Sandbox, extra: dict[str, pd.DataFrame] | None = None) -> bytes:
    """Your figures (and e.g. the peers table) as a workbook, built in memory: xlsxwriter's `in_memory` keeps even
    its working files off the disk. A first sheet says whose figures these are."""
    buffer = io.BytesIO()
    about = pd.DataFrame({_("About"): [_(CITATION), *download_lines(sandbox)[0:1], _("Made by UTMC Explorer.")]})
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": {"in_memory": True}}) as writer:
        # TRANSLATORS: an Excel sheet name, at most 31 characters.
        about.to_excel(writer, sheet_name=_("About these figures")[:31], index=False)
        # TRANSLATORS: an Excel sheet name, at most 31 characters.
        sheet = _("Your figures")[:31]
        figures_table(sandbox).map(neutralise_cell).to_excel(writer, sheet_name=sheet, index=False)
        for name, frame in (extra or {}).items():
            frame.map(neutralise_cell).to_excel(writer, sheet_name=name[:31], index=False)
    return buffer.getvalue()


def summary_sentence(sandbox: Sandbox) -> str:
    """One line on your figures, e.g. "Your figures for Madrid: 8 inventory rows (2016–2019); latest total 8.5 MtCO2e
    in 2019, 1 target.", with the latest total and the flagged count where there are any: four whole sentences
    (a translator moves the words of each), the counted phrases inside them."""
    em, tg = sandbox.emissions, sandbox.targets
    years = sorted(set(int(y) for y in em["year"]))
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else _("no year"))
    totals = source_totals(usable(em))
    flagged = sandbox.flagged()
    parts = {
        "city": sandbox.city["city"],
        "rows": ngettext("{n} inventory row", "{n} inventory rows", len(em)).format(n=fmt_int(len(em))),
        "span": span,
        "targets": ngettext("{n} target", "{n} targets", len(tg)).format(n=fmt_int(len(tg))),
        "flagged": ngettext(  # one form in English; the other languages agree the word with the count
            "{n} flagged by the plausibility checks", "{n} flagged by the plausibility checks", flagged
        ).format(n=fmt_int(flagged)),
    }
    if len(totals):
        parts |= {
            "total": format_tonnes(float(totals.iloc[-1]["emissions_tco2e"])),
            "year": int(totals.iloc[-1]["year"]),
        }
        if flagged:
            sentence = _(
                "Your figures for {city}: {rows} ({span}); latest total {total} in {year}, {targets}; {flagged}."
            )
        else:
            sentence = _("Your figures for {city}: {rows} ({span}); latest total {total} in {year}, {targets}.")
    elif flagged:
        sentence = _("Your figures for {city}: {rows} ({span}), {targets}; {flagged}.")
    else:
        sentence = _("Your figures for {city}: {rows} ({span}), {targets}.")
    return sentence.format(**parts)


def build_slides(
    sandbox: Sandbox,
    inventory_fig: go.Figure | None,
    pathway: YourPathway,
    pathway_fig: go.Figure | None,
    peers_fig: go.Figure | None,
    practices: pd.DataFrame,
    funding: pd.DataFrame,
    today: dt.date,
):
    """The brief's deck for one city on your figures: every slide says the figures are yours and not saved."""
    from components.brief import MAX_ROWS, Slide

    city = f"{sandbox.city['city']}, {sandbox.city['country']}"
    notes = _("{citation} Peers, practices and funding: the UTMC Explorer store.").format(citation=_(CITATION))
    # English keeps its day-month-year ("30 November 2026"); other languages take the locale's long date.
    day = fmt_date(today, "dd MMMM y" if language() == "en" else "long")
    slides = [Slide(_("{city}: your figures").format(city=city),
                    [_(BANNER), summary_sentence(sandbox), _("UTMC Explorer, {date}").format(date=day)],
                    notes=notes)]  # fmt: skip
    if inventory_fig is not None:
        slides.append(Slide(_("Inventory: your figures beside the store's"), [], inventory_fig,
                            alt=summary_sentence(sandbox), notes=notes))  # fmt: skip
    if pathway_fig is not None:
        slides.append(Slide(_("Pathway of your figures"), [pathway.sentence], pathway_fig, alt=pathway.sentence,
                            notes=notes))  # fmt: skip
    if peers_fig is not None:
        slides.append(Slide(_("Among its peers, per person"), [], peers_fig, alt=_("your city among its peers"),
                            notes=notes))  # fmt: skip
    if len(practices):
        top = practices.head(MAX_ROWS)
        slides.append(Slide(_("Practices for your largest sectors"), [], table=pd.DataFrame(
            {pgettext("table column", "Practice"): top["title"], pgettext("table column", "City"): top["city"],
             pgettext("table column", "Why"): top["why"]}), notes=notes))  # fmt: skip
    if len(funding):
        top = funding.head(MAX_ROWS)
        slides.append(Slide(_("Funding matched to your city"), [], table=pd.DataFrame(
            {pgettext("table column", "Programme"): top["name"],
             pgettext("table column", "For this city"): top["verdict"],
             pgettext("table column", "Provider"): top["provider"]}), notes=notes))  # fmt: skip
    return slides
