"""The Compare page's logic: the list of cities from the URL, the comparison (raw values, for downloads) and the
side-by-side table (the same as text, for the page), the normalised chart. Pure: no Streamlit."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from components import palette
from components.charts import _layout
from components.funding import listed
from components.i18n import _, fmt_int, fmt_number, fmt_percent, ngettext, pgettext
from components.inventory import boundary_word, gas_words, kind_word, sector_word
from components.network import country_label, format_people, income_label, region_label
from components.pathway import KIND_WORDS

MAX_CITIES = 6
PALETTE = [palette.BLUE, palette.ORANGE, palette.BLUISH_GREEN, palette.REDDISH_PURPLE, palette.VERMILLION,
           palette.SKY_BLUE]  # fmt: skip
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
        if not (part.isascii() and part.isdigit()) or len(part) > 12:
            bad.append(part[:20])
            continue
        value = int(part)
        if value not in ids:
            ids.append(value)
    if known is not None:
        bad += [str(i) for i in ids if i not in known]
        ids = [i for i in ids if i in known]
    if bad:
        notices.append(_("Left out, no such city: {ids}.").format(ids=", ".join(bad)))
    if limit is not None and len(ids) > limit:
        notices.append(_("Only the first {limit} of {n} cities are compared.").format(limit=limit, n=len(ids)))
        ids = ids[:limit]
    return ids, notices


def rows_by_city(frame: pd.DataFrame) -> dict[int, list[dict]]:
    """The rows of a per-city frame as plain dicts, grouped by city_id, in frame order. A page compares at
    most six cities with a few hundred rows: plain Python over them took ~1 ms where a pandas filter per
    city and field took ~10 ms (docs/field-notes.md, Compare)."""
    out: dict[int, list[dict]] = {}
    for row in frame.to_dict("records"):
        out.setdefault(int(row["city_id"]), []).append(row)
    return out


BASES = ("reported", "modelled")  # the values of the Basis control and ?basis= (English); labels: kind_word
VIEWS = ("per capita", "% of first year")  # the values of the Normalised view control and ?view= (English)


def view_label(view: str) -> str:
    """A normalised view's label in the current language (its value stays English: it is in the URL)."""
    return {"per capita": _("per capita"), "% of first year": _("% of first year")}.get(view, view)


def default_basis(inventory: pd.DataFrame, city_ids: list[int]) -> str:
    """One basis for all the cities compared: reported where every city has a reported figure, else modelled
    (where any city has one), else reported."""
    kinds = rows_by_city(inventory)
    if city_ids and all(any(r["data_kind"] == "reported" for r in kinds.get(int(c), [])) for c in city_ids):
        return "reported"
    if any(r["data_kind"] == "modelled" for rows in kinds.values() for r in rows):
        return "modelled"
    return "reported"


def basis_sentence(basis: str, inventory: pd.DataFrame, city_ids: list[int]) -> str:
    kinds = rows_by_city(inventory)
    having = sum(1 for c in city_ids if any(r["data_kind"] == basis for r in kinds.get(int(c), [])))
    n = len(city_ids)
    # TRANSLATORS: English says "1 of 1 cities" too; give the one-city form its own grammar.
    text = {
        "reported": ngettext(
            "Basis: reported figures only, the cities' own inventories. {having} of {n} cities have one; figures of "
            "another kind are never mixed into this table (switch the basis to see them).",
            "Basis: reported figures only, the cities' own inventories. {having} of {n} cities have one; figures of "
            "another kind are never mixed into this table (switch the basis to see them).",
            n,
        ),
        "modelled": ngettext(
            "Basis: modelled figures only, estimates made by others from activity data (Carbon Monitor: fossil CO2 of "
            "the functional urban area; GCoM: EDGAR GHG per person x the signatory's population), not the cities' "
            "own inventories. {having} of {n} cities have one; figures of another kind are never mixed into this "
            "table (switch the basis to see them).",
            "Basis: modelled figures only, estimates made by others from activity data (Carbon Monitor: fossil CO2 of "
            "the functional urban area; GCoM: EDGAR GHG per person x the signatory's population), not the cities' "
            "own inventories. {having} of {n} cities have one; figures of another kind are never mixed into this "
            "table (switch the basis to see them).",
            n,
        ),
    }[basis]
    return text.format(having=fmt_int(having), n=fmt_int(n))


def flagged_left_out_sentence(n: int) -> str:
    """The Compare page's note on flagged rows left out (n > 0)."""
    return ngettext(
        "{n} flagged rows (failed a plausibility check) are left out; the sidebar puts them back.",
        "{n} flagged rows (failed a plausibility check) are left out; the sidebar puts them back.",
        n,
    ).format(n=fmt_int(n))


def _one_source(rows: list[dict]) -> list[dict]:
    """The rows of one source: the one with the most years, then the latest year, then the lowest id."""
    by_source: dict[str, list[dict]] = {}
    for r in rows:
        by_source.setdefault(r["source_id"], []).append(r)
    best = min(by_source, key=lambda s: (-len({r["year"] for r in by_source[s]}),
                                         -max(r["year"] for r in by_source[s]), s))  # fmt: skip
    return by_source[best]


def _latest(rows: list[dict], basis: str = "reported") -> dict:
    """The latest year's total of the basis' one source, and its sector shares, largest first."""
    use = [r for r in rows if r["data_kind"] == basis]
    if not use:
        return {}
    use = _one_source(use)
    year = int(max(r["year"] for r in use))
    at_year = [r for r in use if r["year"] == year]
    sectors = [r for r in at_year if r["sector"] != "total"]
    total_rows = [r for r in at_year if r["sector"] == "total"]
    by_sector: dict[str, float] = {}
    for r in sectors:
        by_sector[r["sector"]] = by_sector.get(r["sector"], 0.0) + float(r["emissions_tco2e"])
    sector_sum = math.fsum(by_sector.values())
    total = float(total_rows[0]["emissions_tco2e"]) if total_rows else sector_sum
    shares = sorted(((k, v / sector_sum) for k, v in sorted(by_sector.items())), key=lambda kv: -kv[1])
    first = at_year[0]
    words = {"kind": kind_word(basis), "gas": gas_words(first["gas"]), "boundary": boundary_word(first["boundary"]),
             "publisher": first.get("publisher")}  # fmt: skip
    figure = (_("{kind}, {gas}, {boundary} ({publisher})") if first.get("publisher")
              else _("{kind}, {gas}, {boundary}")).format(**words)  # fmt: skip
    return {"year": year, "total": total, "shares": shares, "sources": sorted({r["source_id"] for r in at_year}),
            "figure": figure}  # fmt: skip


def _no_figure(basis: str) -> str:
    return {"reported": _("no reported figure"), "modelled": _("no modelled figure")}.get(basis) or _(
        "no {basis} figure"
    ).format(basis=kind_word(basis))


def _target_words(nearest: dict) -> str:
    """The nearest interim target in words: '2030: −65 % cut from base year vs 1990'."""
    kind = _(KIND_WORDS[nearest["kind"]]) if nearest["kind"] in KIND_WORDS else nearest["kind"]
    base = nearest.get("base_year")
    words = {"year": int(nearest["target_year"]), "cut": fmt_number(nearest["reduction_pct"], 4), "kind": kind}
    if base is not None and pd.notna(base):
        return _("{year}: −{cut} % {kind} vs {base_year}").format(base_year=int(base), **words)
    return _("{year}: −{cut} % {kind}").format(**words)


def comparison_table(
    profiles: pd.DataFrame, inventory: pd.DataFrame, targets: pd.DataFrame, this_year: int, basis: str = "reported"
) -> pd.DataFrame:
    """One row per city: facts, latest inventory of the basis' kind, per capita, largest sectors, net zero, next
    interim target. Raw values (numbers as numbers, None where unknown) for downloads; side_by_side words them."""
    inventories, target_rows = rows_by_city(inventory), rows_by_city(targets)
    rows = []
    for p in profiles.to_dict("records"):
        cid = p["city_id"]
        latest = _latest(inventories.get(int(cid), []), basis)
        tg = target_rows.get(int(cid), [])
        net_zero = [t["target_year"] for t in tg if t["kind"] == "net_zero"]
        interim = sorted((t for t in tg if t["kind"] != "net_zero" and t["target_year"] >= this_year),
                         key=lambda t: t["target_year"])  # fmt: skip
        next_target = None
        if interim and pd.notna(interim[0]["reduction_pct"]):
            next_target = _target_words(interim[0])
        sectors = None
        if latest and latest["shares"]:
            listed_sectors = ", ".join(_("{sector} {share}").format(sector=sector_word(s), share=fmt_percent(v))
                                       for s, v in latest["shares"][:3])  # fmt: skip
            sectors = _("{sectors} ({basis})").format(sectors=listed_sectors, basis=kind_word(basis))
        per_capita = latest["total"] / p["population"] if latest and p["population"] else None
        rows.append(
            {
                "City": p["city"], "GeoNames id": cid, "Country": country_label(p.get("iso3"), p["country"]),
                "Region": region_label(p["subregion"]), "Income group": income_label(p["income_group"]),
                "Population": p["population"],
                "Networks": ", ".join(listed(p["networks"])) or "—",
                "Latest inventory year": latest.get("year"), "Basis": basis,
                "Figure": latest.get("figure", _no_figure(basis)),
                "Total emissions (t)": latest["total"] if latest else None,
                "Per capita (t/person)": per_capita,
                "Largest sectors": sectors or _("no sector breakdown"),
                "Net-zero year": int(min(net_zero)) if net_zero else None,
                "Nearest interim target": next_target,
                "Sources": "; ".join(["geonames", *latest.get("sources", []), *sorted({t["source_id"] for t in tg})]),
            }
        )  # fmt: skip
    table = pd.DataFrame(rows)
    for col in ("Latest inventory year", "Net-zero year"):
        if col in table:
            table[col] = table[col].astype("Int64")
    for col in ("Total emissions (t)", "Per capita (t/person)", "Population"):
        if col in table:
            table[col] = pd.to_numeric(table[col]).astype(float)
    return table


def comparison_headers() -> dict[str, str]:
    """The comparison's headers in the current language (the same in English): its download and its rows on the
    page. The frame itself keeps the English names the page reads."""
    return {
        "City": pgettext("table column", "City"),
        "GeoNames id": pgettext("table column", "GeoNames id"),
        "Country": pgettext("table column", "Country"),
        "Region": pgettext("table column", "Region"),
        "Income group": pgettext("table column", "Income group"),
        "Population": pgettext("table column", "Population"),
        "Networks": pgettext("table column", "Networks"),
        "Latest inventory year": _("Latest inventory year"),
        "Basis": _("Basis"),
        "Figure": pgettext("table column", "Figure"),
        "Total emissions (t)": _("Total emissions (t)"),
        "Per capita (t/person)": _("Per capita (t/person)"),
        "Largest sectors": _("Largest sectors"),
        "Net-zero year": _("Net-zero year"),
        "Nearest interim target": _("Nearest interim target"),
        "Sources": pgettext("table column", "Sources"),
    }


def comparison_download(table: pd.DataFrame) -> pd.DataFrame:
    """The comparison as downloaded: raw values, headers and the basis in the current language."""
    shown = table.copy()
    if "Basis" in shown:
        shown["Basis"] = shown["Basis"].map(kind_word)
    return shown.rename(columns=comparison_headers())


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
    basis = shown.pop("Basis") if "Basis" in shown else pd.Series("", index=shown.index)
    value = _("{value} ({basis})")
    shown["Total emissions (t)"] = [value.format(value=fmt_int(v), basis=kind_word(b)) if pd.notna(v)
                                    else _no_figure(b)
                                    for v, b in zip(shown["Total emissions (t)"], basis, strict=True)]  # fmt: skip
    shown["Per capita (t/person)"] = [value.format(value=fmt_number(v, 1, fixed=True), basis=kind_word(b))
                                      if pd.notna(v) and v else "—"
                                      for v, b in zip(shown["Per capita (t/person)"], basis, strict=True)]  # fmt: skip
    shown["Net-zero year"] = shown["Net-zero year"].map(lambda y: _("none in the store") if pd.isna(y) else str(int(y)))
    shown["Nearest interim target"] = shown["Nearest interim target"].map(lambda t: t if isinstance(t, str) else "—")
    return shown.set_index("City").T.astype(str).rename(index=comparison_headers())


def normalised_figure(
    profiles: pd.DataFrame, inventory: pd.DataFrame, view: str, source: str, basis: str = "reported"
) -> go.Figure:
    """'per capita': latest total per person; '% of first year': totals over time. Figures of the basis' kind
    only, one source per city."""
    fig = go.Figure()
    names = dict(zip(profiles["city_id"], profiles["city"], strict=True))
    population = dict(zip(profiles["city_id"], profiles["population"], strict=True))
    inventories = rows_by_city(inventory)
    for i, (cid, name) in enumerate(names.items()):
        of_kind = [r for r in inventories.get(int(cid), []) if r["data_kind"] == basis]
        if not of_kind:
            continue
        of_kind = _one_source(of_kind)
        use = [r for r in of_kind if r["sector"] == "total"] or of_kind  # totals, else the sectors summed
        by_year: dict[int, list[float]] = {}
        for r in use:
            by_year.setdefault(int(r["year"]), []).append(float(r["emissions_tco2e"]))
        if not by_year:
            continue
        totals = pd.Series({y: math.fsum(v) for y, v in sorted(by_year.items())}, dtype=float)
        if view == "per capita":
            if population[cid]:
                fig.add_bar(x=[name], y=[totals.iloc[-1] / population[cid]], name=f"{name} ({totals.index[-1]})",
                            marker_color=PALETTE[i % 6])  # fmt: skip
        else:
            pct = totals / totals.iloc[0] * 100
            fig.add_scatter(x=list(pct.index), y=list(pct.values), name=name, mode="lines+markers",
                            line=dict(color=PALETTE[i % 6], dash=DASHES[i % 6], width=3))  # fmt: skip
    titles = {
        ("per capita", "reported"): _("Emissions per person, latest year (reported figures)"),
        ("per capita", "modelled"): _("Emissions per person, latest year (modelled figures)"),
        ("% of first year", "reported"): _("Emissions as % of the first year (reported figures)"),
        ("% of first year", "modelled"): _("Emissions as % of the first year (modelled figures)"),
    }
    view = "per capita" if view == "per capita" else "% of first year"
    title = titles.get((view, basis)) or (
        _("Emissions per person, latest year ({basis} figures)") if view == "per capita"
        else _("Emissions as % of the first year ({basis} figures)")
    ).format(basis=kind_word(basis))  # fmt: skip
    return _layout(fig, title, source, _("t per person") if view == "per capita" else _("% of first year"))


def summary_sentence(table: pd.DataFrame) -> str:
    with_inventory = table[table["Latest inventory year"].notna()]
    # TRANSLATORS: English says "Comparing 1 cities" too; give the one-city form its own grammar.
    text = ngettext(
        "Comparing {n} cities ({names}); {with_inventory} of them have an inventory in the store; the largest is "
        "{largest} ({people} people).",
        "Comparing {n} cities ({names}); {with_inventory} of them have an inventory in the store; the largest is "
        "{largest} ({people} people).",
        len(table),
    )
    return text.format(
        n=fmt_int(len(table)),
        names=", ".join(table["City"]),
        with_inventory=fmt_int(len(with_inventory)),
        largest=table.sort_values("Population", ascending=False).iloc[0]["City"],
        people=format_people(table["Population"].max()),
    )


__all__ = ["comparison_table", "normalised_figure", "parse_city_ids", "side_by_side"]
