"""The Data page's quality section: what each plausibility check means and how many figures it flagged; and the
headers of the Data page's tables (the store's queries name their columns in English) in the current language.
Pure: no Streamlit."""

from __future__ import annotations

import pandas as pd
from babel.numbers import format_decimal

from components.i18n import N_, _, language
from data.checks import BASE_FACTOR, PER_CAPITA_MAX, PER_CAPITA_MIN, SLIP_MAX, SLIP_MIN, check_text, reason_text

# The display headers of the Data page's tables: the English ones are the queries' own column aliases
# (queries/source_loads.sql, unmatched_places.sql, stale_catalogue.sql, flagged_figures.sql) and checks_summary's.
HEADERS = {
    "Source": N_("Source"),
    "Publisher": N_("Publisher"),
    "Licence": N_("Licence"),
    "Rows read": N_("Rows read"),
    "Places named": N_("Places named"),
    "Not cities (left out)": N_("Not cities (left out)"),
    "Matched to a city": N_("Matched to a city"),
    "Unmatched": N_("Unmatched"),
    "Emission rows": N_("Emission rows"),
    "Target rows": N_("Target rows"),
    "Line": N_("Line"),
    "Place as written": N_("Place as written"),
    "Country": N_("Country"),
    "Why not matched": N_("Why not matched"),
    "Catalogue": N_("Catalogue"),
    "Id": N_("Id"),
    "Name": N_("Name"),
    "Last checked": N_("Last checked"),
    "URL": N_("URL"),
    "City": N_("City"),
    "Year": N_("Year"),
    "Figure": N_("Figure"),
    "Kind": N_("Kind"),
    "Value (t)": N_("Value (t)"),
    "Per person (t)": N_("Per person (t)"),
    "Check": N_("Check"),
    "Why": N_("Why"),
    "GeoNames id": N_("GeoNames id"),
    "Flagged": N_("Flagged"),
    "What it means": N_("What it means"),
}


def header(name: str) -> str:
    """One column's header in the current language (a name not in HEADERS is shown as it is)."""
    return _(HEADERS[name]) if name in HEADERS else name


def with_headers(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with its columns renamed for display and download; values untouched."""
    return frame.rename(columns={c: header(c) for c in frame.columns})


def checks_text() -> str:
    """What the checks are and what a flagged figure does, for the Data page (thresholds from data/checks.py)."""
    return _(
        "Every emissions figure and target is checked when the store is built and after every import "
        "(`data/checks.py`, where each threshold is explained). A flagged figure stays in the store, is shown with its "
        "reason wherever it appears, and is left out of sums, trends, per-capita comparisons, peer features and the "
        "brief unless **Include flagged figures** is switched on in the sidebar. The checks: a city-wide total per "
        "person below {per_capita_min} t or above {per_capita_max} t (the highest national averages are about "
        "35–40 t); zero or negative totals; a figure {slip_min}–{slip_max} times another source's for the same city "
        "and year (a unit slip); sectors adding up to more than the stated total; a target's base-year emissions more "
        "than {base_factor} times off the city's inventory of that year; an inventory year in the future. "
        "Modelled figures of a functional urban area (Carbon Monitor) are not checked per person: their population is "
        "not the city's."
    ).format(
        per_capita_min=_plain(PER_CAPITA_MIN),
        per_capita_max=_plain(PER_CAPITA_MAX),
        slip_min=_plain(SLIP_MIN),
        slip_max=_plain(SLIP_MAX),
        base_factor=_plain(BASE_FACTOR),
    )


def _plain(value: float) -> str:
    """A threshold as the English text always wrote it (`:g`: 0.2, 3000), with the locale's decimal sign."""
    return format_decimal(value, format="0.##", locale=language())


def checks_summary(flagged: pd.DataFrame) -> pd.DataFrame:
    """Counts per check and source of queries/flagged_figures.sql rows (English headers: see with_headers)."""
    counts = flagged.groupby(["Check", "Source"], sort=True).size().reset_index(name="Flagged")
    counts.insert(1, "What it means", counts["Check"].map(check_text))
    return counts


def flagged_shown(flagged: pd.DataFrame) -> pd.DataFrame:
    """queries/flagged_figures.sql rows with each reason and kind in the current language (stored in English)."""
    from components.inventory import kind_word

    out = flagged.copy()
    out["Why"] = [reason_text(c, w) for c, w in zip(out["Check"], out["Why"], strict=True)]
    out["Kind"] = out["Kind"].map(kind_word)
    return out
