"""Issue 17: every chart palette stays apart under the common colour-vision deficiencies (components/palette.py).

Thresholds, worked out with components.palette (CIE 1976 ΔE*ab after Machado et al. 2009 at severity 1.0):
Okabe-Ito's eight colours have their closest pair at 26.4 for normal vision (sky blue / blue), 20.7 under
protanopia (sky blue / reddish purple), 17.0 under deuteranopia (orange / yellow) and 16.1 under tritanopia
(sky blue / bluish green). A palette passes at MIN_CVD = 15 under each deficiency and MIN_NORMAL = 25 without one.
The old "total" grey #999999 fell to 7.1 from reddish purple under deuteranopia and fails."""

from __future__ import annotations

import pytest

from components import palette
from components.charts import PATH, REPORTED, SECTOR_COLOURS, TARGET, TREND
from components.compare import PALETTE
from components.network import NETWORK_COLOURS, SEVERAL_COLOUR, SPARE_COLOURS, UNKNOWN_COLOUR
from components.sandbox import YOURS

MIN_NORMAL = 25.0
MIN_CVD = 15.0
PALETTES = {
    "okabe-ito": palette.OKABE_ITO,
    "sectors": tuple(SECTOR_COLOURS.values()),
    "compare": tuple(PALETTE),
    "pathway": (PATH, TREND, REPORTED, TARGET),
    "networks": (*NETWORK_COLOURS.values(), SEVERAL_COLOUR, *SPARE_COLOURS, UNKNOWN_COLOUR),
    "your figures beside the store's": (YOURS, palette.BLUE, palette.DARK_GREY),
}


def test_the_simulation_matches_published_values():
    # Machado 2009 leaves grey as grey (each row of a matrix sums to 1) and turns pure red into a dark olive for a
    # protanope: linear (0.152, 0.115, 0.000) by the matrix's first column (clipped at 0).
    for deficiency, matrix in palette.MACHADO_2009.items():
        assert all(abs(sum(row) - 1) < 1e-3 for row in matrix), deficiency
        assert palette.distance("#808080", "#808080", deficiency) == 0
    red = palette.simulate(palette.linear_rgb("#FF0000"), "protanopia")
    assert red == pytest.approx((0.152286, 0.114503, 0.0), abs=1e-6)
    # CIELAB of sRGB white and a mid grey (D65): L* 100 and 53.6 (ΔE 46.4, as any CIELAB calculator gives)
    assert palette.lab(palette.linear_rgb("#FFFFFF")) == pytest.approx((100, 0, 0), abs=0.01)
    assert palette.distance("#FFFFFF", "#808080") == pytest.approx(46.41, abs=0.05)
    # red and green, the textbook confusion: far apart for normal vision, close for a deuteranope
    assert palette.distance("#FF0000", "#00FF00") > 80
    assert palette.distance("#D81B1B", "#5E8C00", "deuteranopia") < MIN_CVD


def test_okabe_ito_closest_pairs_as_worked_out():
    worked_out = {None: 26.4, "protanopia": 20.7, "deuteranopia": 17.0, "tritanopia": 16.1}
    for deficiency, expected in worked_out.items():
        assert palette.closest_pair(palette.OKABE_ITO, deficiency)[0] == pytest.approx(expected, abs=0.05)


@pytest.mark.parametrize("name", list(PALETTES))
def test_palette_stays_apart_for_every_viewer(name):
    colours = PALETTES[name]
    assert len(set(colours)) == len(colours), name
    gap, a, b = palette.closest_pair(colours)
    assert gap >= MIN_NORMAL, (name, a, b, gap)
    for deficiency in palette.MACHADO_2009:
        gap, a, b = palette.closest_pair(colours, deficiency)
        assert gap >= MIN_CVD, (name, deficiency, a, b, round(gap, 1))


def test_the_old_total_grey_would_fail():
    old = (*[c for s, c in SECTOR_COLOURS.items() if s != "total"], "#999999")
    assert palette.closest_pair(old, "deuteranopia")[0] < 8


def test_networks_differ_by_shape_too():
    from components.network import SEVERAL, symbol_for

    known = ["EU Mission", "C40", "Urban Transitions Mission", "Covenant", "ICLEI"]
    shapes = [symbol_for(c, known) for c in [*known, SEVERAL]]
    assert len(set(shapes)) == len(shapes)


def test_html_table_scroll_box_takes_the_focus_and_corner_is_no_header():
    import pandas as pd

    from components.tables import html_table

    text = html_table(pd.DataFrame({"": ["Net-zero year"], "Madrid": ["2050"]}), caption="Cities", row_header=True)
    assert '<div class="utmc-table-scroll" tabindex="0" role="region" aria-label="Cities">' in text
    assert "<thead><tr><td></td><th" in text and '<th scope="col"></th>' not in text


def test_captions_are_drawn_opaque_in_a_contrasting_grey():
    from serve import head_script

    css = head_script().decode()
    assert '[data-testid="stCaptionContainer"] { opacity: 1; color: #5c5a57; }' in css
