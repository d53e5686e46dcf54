"""The charts' colours, and the check that they stay apart for viewers with a colour-vision deficiency. Pure.

Okabe and Ito's eight colours (Color Universal Design, 2008), chosen to stay distinguishable under the red-green
deficiencies. `simulate` shows a colour as a dichromat sees it (Machado, Oliveira and Fernandes 2009, severity 1.0,
the matrices Chrome's and Firefox's developer tools use, applied to linear sRGB); `distance` is the CIE 1976 ΔE*ab
between two colours in CIELAB (D65). tests/unit/test_palette.py holds every chart's palette to a minimum distance
under each simulation. Colour is never the only cue: series also differ by dash, marker or pattern, and the
legend and the summary sentence name them."""

from __future__ import annotations

import itertools
import math

BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
DARK_GREY = "#555555"  # in place of Okabe-Ito's black for bars (sector "total"): as far from the others as black
OKABE_ITO = (BLACK, ORANGE, SKY_BLUE, BLUISH_GREEN, YELLOW, BLUE, VERMILLION, REDDISH_PURPLE)

# Machado, Oliveira and Fernandes (2009), "A physiologically-based model for simulation of color vision
# deficiency", IEEE TVCG 15(6), table of matrices at severity 1.0 (dichromacy), on linear sRGB.
MACHADO_2009 = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}
D65 = (0.95047, 1.0, 1.08883)


def linear_rgb(colour: str) -> tuple[float, float, float]:
    """'#RRGGBB' as linear sRGB in 0..1."""
    channels = (int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return tuple(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)


def simulate(rgb: tuple[float, float, float], deficiency: str | None) -> tuple[float, float, float]:
    """Linear sRGB as seen with `deficiency` (a key of MACHADO_2009; None: as it is), clipped to the gamut."""
    if deficiency is None:
        return rgb
    m = MACHADO_2009[deficiency]
    return tuple(min(1.0, max(0.0, sum(m[i][j] * rgb[j] for j in range(3)))) for i in range(3))


def lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    """Linear sRGB to CIELAB (D65)."""
    r, g, b = rgb
    xyz = (
        0.4124564 * r + 0.3575761 * g + 0.1804375 * b,
        0.2126729 * r + 0.7151522 * g + 0.0721750 * b,
        0.0193339 * r + 0.1191920 * g + 0.9503041 * b,
    )
    fx, fy, fz = (t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29
                  for t in (v / n for v, n in zip(xyz, D65, strict=True)))  # fmt: skip
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def distance(a: str, b: str, deficiency: str | None = None) -> float:
    """ΔE*ab (CIE 1976) between two colours as a viewer with `deficiency` sees them."""
    return math.dist(lab(simulate(linear_rgb(a), deficiency)), lab(simulate(linear_rgb(b), deficiency)))


def closest_pair(colours, deficiency: str | None = None) -> tuple[float, str, str]:
    """The smallest distance between two of `colours` under `deficiency`, and that pair."""
    return min((distance(a, b, deficiency), a, b) for a, b in itertools.combinations(colours, 2))
