"""The brief as a PowerPoint deck (python-pptx) and charts as PNG/SVG (kaleido with Debian's chromium).
Pure: no Streamlit, no store."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable

import plotly.graph_objects as go
from pptx import Presentation
from pptx.util import Inches, Pt

from components.brief import Slide

WIDE = (Inches(13.333), Inches(7.5))
Progress = Callable[[float, str], None]


def chromium_available() -> bool:
    return shutil.which("chromium") is not None or shutil.which("chromium-browser") is not None


def figure_image(figure: go.Figure, fmt: str = "png", width: int = 1600, height: int = 900) -> bytes:
    """A static image of a plotly figure through kaleido (needs chromium; no network)."""
    import kaleido
    import plotly.io as pio

    if not chromium_available():
        raise RuntimeError("No chromium on this machine: images cannot be made; download the data as CSV instead.")
    try:
        kaleido.start_sync_server(mathjax=False, silence_warnings=True)  # one warm browser for many images
    except Exception:  # noqa: BLE001 - already running, or kaleido decides itself; to_image still works
        pass
    figure = go.Figure(figure)
    figure.update_layout(template="plotly_white")
    return pio.to_image(figure, format=fmt, width=width, height=height, scale=1 if fmt == "svg" else 2)


def build_pptx(slides: list[Slide], progress: Progress | None = None, image: Callable = figure_image) -> bytes:
    """Title + one slide each; charts as images with alt text; the sources in each slide's speaker notes."""
    say = progress or (lambda f, m: None)
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDE
    for i, s in enumerate(slides):
        say(i / len(slides), f"Slide {i + 1} of {len(slides)}: {s.title}")
        layout = deck.slide_layouts[0 if i == 0 else 5]  # title / title only
        slide = deck.slides.add_slide(layout)
        slide.shapes.title.text = s.title
        slide.shapes.title.text_frame.paragraphs[0].font.size = Pt(40 if i == 0 else 32)
        if i == 0 and len(slide.placeholders) > 1:
            slide.placeholders[1].text = "\n".join(s.lines)
        top = Inches(1.5)
        if s.figure is not None:
            png = image(s.figure, "png", 1600, 800)
            pic = slide.shapes.add_picture(io.BytesIO(png), Inches(0.6), top, width=Inches(12.1))
            pic._element.nvPicPr.cNvPr.set("descr", s.alt or s.title)  # alt text for screen readers
            text_top = top + pic.height
        else:
            text_top = top
        if i > 0 and (s.lines or s.table is not None):
            add_text(slide, s, text_top)
        slide.notes_slide.notes_text_frame.text = s.notes or "Source: UTMC Explorer"
    say(1.0, "Deck ready")
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def add_text(slide, s: Slide, top) -> None:
    height = Inches(7.2) - top
    if height <= Inches(0.3):
        return
    box = slide.shapes.add_textbox(Inches(0.6), top, Inches(12.1), height)
    frame = box.text_frame
    frame.word_wrap = True
    lines = list(s.lines)
    if s.table is not None:
        lines += [" · ".join(str(v) for v in row) for row in s.table.itertuples(index=False)]
    for j, line in enumerate(lines):
        p = frame.paragraphs[0] if j == 0 else frame.add_paragraph()
        p.text = line
        p.font.size = Pt(20 if s.figure is None else 14)
