"""The Data page's quality section: what each plausibility check means and how many figures it flagged.
Pure: no Streamlit."""

from __future__ import annotations

import pandas as pd

from data.checks import BASE_FACTOR, CHECKS, PER_CAPITA_MAX, PER_CAPITA_MIN, SLIP_MAX, SLIP_MIN

CHECKS_TEXT = (
    "Every emissions figure and target is checked when the store is built and after every import "
    "(`data/checks.py`, where each threshold is explained). A flagged figure stays in the store, is shown with its "
    "reason wherever it appears, and is left out of sums, trends, per-capita comparisons, peer features and the "
    "brief unless **Include flagged figures** is switched on in the sidebar. The checks: a city-wide total per "
    f"person below {PER_CAPITA_MIN:g} t or above {PER_CAPITA_MAX:g} t (the highest national averages are about "
    f"35–40 t); zero or negative totals; a figure {SLIP_MIN:g}–{SLIP_MAX:g} times another source's for the same city "
    "and year (a unit slip); sectors adding up to more than the stated total; a target's base-year emissions more "
    f"than {BASE_FACTOR:g} times off the city's inventory of that year; an inventory year in the future. "
    "Modelled figures of a functional urban area (Carbon Monitor) are not checked per person: their population is "
    "not the city's."
)


def checks_summary(flagged: pd.DataFrame) -> pd.DataFrame:
    """Counts per check and source of queries/flagged_figures.sql rows."""
    counts = flagged.groupby(["Check", "Source"], sort=True).size().reset_index(name="Flagged")
    counts.insert(1, "What it means", counts["Check"].map(CHECKS))
    return counts
