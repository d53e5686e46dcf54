"""The brief as a PowerPoint deck (python-pptx) and charts as PNG/SVG (kaleido with Debian's chromium).
Pure: no Streamlit, no store.

Every slide is laid out on a 13.333 × 7.5 in page with every shape inside it: the title, the slide's text (for a
chart, its summary sentence), the chart picture or a real table, and a source line at the foot; the last
slides list every source with its licence and address. Every exported image carries its title, source and
licence in the picture itself (`with_credit`)."""

from __future__ import annotations

import io
import shutil
import textwrap
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from components.brief import Slide
from components.escape import plotly_text
from components.export import image_credit, source_name
from components.i18n import N_, _, fmt_int

WIDE = (Emu(12192000), Inches(7.5))  # 13.333 × 7.5 in, PowerPoint's 16:9
MARGIN = Inches(0.6)
TITLE_TOP, TITLE_HEIGHT = Inches(0.3), Inches(0.95)
BODY_TOP = Inches(1.3)
FOOT_TOP, FOOT_HEIGHT = Inches(6.95), Inches(0.4)  # the source line: ends at 7.35 in, inside the 7.5 in slide
BODY_BOTTOM = Inches(6.85)
SOURCES_PER_SLIDE = 10  # two lines of 10 pt a row: the table ends above the foot
GREY = RGBColor(0x44, 0x44, 0x44)
Progress = Callable[[float, str], None]


def chromium_available() -> bool:
    return shutil.which("chromium") is not None or shutil.which("chromium-browser") is not None


def source_prefixes() -> tuple[str, ...]:
    """How a chart's source line starts: "Source:" in English, its translation (e.g. "Source :", "Fuente:")."""
    translated = _("Source: {source}").split("{source}", 1)[0].strip()
    return tuple(dict.fromkeys(p for p in ("Source:", _("Source:").strip(), translated) if p))


def default_credit() -> str:
    """The credit of a chart or slide that names no source of its own."""
    return _("Source: {source}").format(source="UTMC Explorer")


def is_source_line(text) -> bool:
    """Whether an annotation's text is a chart's source line (components/charts.py `_layout`), in any language."""
    return str(text or "").startswith(source_prefixes())


def figure_source(figure: go.Figure) -> str:
    """What the figure's own source line names (its "Source: …" annotation), as plain text."""
    import html

    for a in figure.layout.annotations or []:
        text = str(a.text or "")
        if is_source_line(text):
            prefix = next(p for p in source_prefixes() if text.startswith(p))
            return html.unescape(text.removeprefix(prefix).strip())
    return ""


def with_credit(figure: go.Figure, credit: str | None = None, width: int = 1600, height: int = 900) -> go.Figure:
    """A copy of the figure for export with its credit under the title, where no export size can cut it off.

    On screen the source line is an annotation below the plot, placed in paper units: at export sizes it fell
    outside the picture (the City inventory PNG, the deck's charts). Here that annotation is taken out and its
    text, or `credit` when given (source and licence), becomes the title's subtitle. A legend below the plot
    (also placed in paper units) is put just under the axis for the export's height, not far below it."""
    fig = go.Figure(figure)
    annotations = list(fig.layout.annotations or [])
    kept = [a for a in annotations if not is_source_line(a.text)]
    onscreen = next((a.text for a in annotations if is_source_line(a.text)), None)
    text = plotly_text(credit) if credit else (onscreen or default_credit())
    chars = max(60, int(width / 8))  # ~8 px per character at 13 px
    lines = textwrap.wrap(text, chars, break_long_words=True)[:5]
    title = fig.layout.title.text or ""
    top = 70 + 18 * len(lines)
    fig.layout.annotations = kept  # assigned: update_layout(annotations=[]) leaves them as they were
    fig.update_layout(
        title=dict(text=title, x=0.01, xanchor="left", y=0.985, yanchor="top", yref="container",
                   font=dict(size=20), subtitle=dict(text="<br>".join(lines), font=dict(size=13, color="#444"))),
        margin=dict(t=max(top, (fig.layout.margin.t or 0))),
    )  # fmt: skip
    legend = fig.layout.legend
    if legend.orientation == "h" and legend.y is not None and legend.y < 0:
        plot = max(100, height - fig.layout.margin.t - (fig.layout.margin.b or 80))
        below = 60 if fig.layout.xaxis.visible is not False else 12  # under the tick labels and axis title
        fig.update_layout(legend=dict(y=-below / plot, yanchor="top"))
    return fig


def figure_image(
    figure: go.Figure, fmt: str = "png", width: int = 1600, height: int = 900, credit: str | None = None
) -> bytes:
    """A static image of a plotly figure through kaleido (needs chromium; no network), its title, source and
    licence drawn in it (`with_credit`)."""
    import kaleido
    import plotly.io as pio

    if not chromium_available():
        raise RuntimeError(_("No chromium on this machine: images cannot be made; download the data as CSV instead."))
    try:
        kaleido.start_sync_server(mathjax=False, silence_warnings=True)  # one warm browser for many images
    except Exception:  # noqa: BLE001 - already running, or kaleido decides itself; to_image still works
        pass
    figure = with_credit(figure, credit, width, height)
    figure.update_layout(template="plotly_white")
    return pio.to_image(figure, format=fmt, width=width, height=height, scale=1 if fmt == "svg" else 2)


def slide_credit(slide: Slide) -> str:
    """The credit an exported chart of a slide carries: its publishers and their licences."""
    if slide.sources is None or not len(slide.sources):
        return ""
    names = list(dict.fromkeys(p for p in slide.sources["publisher"] if isinstance(p, str) and p.strip()))
    shown = (
        _("{names} and {n} more").format(names="; ".join(names[:5]), n=fmt_int(len(names) - 5))
        if len(names) > 5
        else "; ".join(names)
    )
    return image_credit(shown, slide.sources)


def _text(slide, left, top, width, height, lines: list[str], size: int, colour: RGBColor | None = None):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    for j, line in enumerate(lines):
        p = frame.paragraphs[0] if j == 0 else frame.add_paragraph()
        p.text = line
        p.font.size = Pt(size)
        if colour is not None:
            p.font.color.rgb = colour
    return box


def _table(slide, frame: pd.DataFrame, left, top, width, max_height, size: int = 14, heights: list | None = None):
    """A python-pptx table: a header row and one row per record, every cell as text, fitted above the foot."""
    rows = len(frame) + 1
    row_height = min(Inches(0.45), Emu(int(max_height / rows)))
    total = Emu(sum(heights)) if heights is not None else Emu(row_height * rows)
    shape = slide.shapes.add_table(rows, len(frame.columns), left, top, width, total)
    table = shape.table
    for c, name in enumerate(frame.columns):
        table.cell(0, c).text = str(name)
    for r, record in enumerate(frame.itertuples(index=False), start=1):
        for c, value in enumerate(record):
            table.cell(r, c).text = "" if value is None or (isinstance(value, float) and value != value) else str(value)
    for r in range(rows):
        table.rows[r].height = row_height if heights is None else heights[r]
        for c in range(len(frame.columns)):
            for p in table.cell(r, c).text_frame.paragraphs:
                p.font.size = Pt(size)
    return shape


def _place_title(slide, text: str, size: int) -> None:
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = MARGIN, TITLE_TOP, WIDE[0] - 2 * MARGIN, TITLE_HEIGHT
    title.text = text
    title.text_frame.paragraphs[0].font.size = Pt(size)


def _foot(slide, line: str) -> None:
    if line:
        _text(slide, MARGIN, FOOT_TOP, WIDE[0] - 2 * MARGIN, FOOT_HEIGHT, [line], 11, GREY)


def _cut(text: str, limit: int) -> str:
    """Text for a table cell that must stay two lines (the speaker notes carry the whole citation)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# The sources slide's headers (its frame's columns stay English: SOURCE_CHARS and the tests read them)
SOURCE_HEADERS = {"Source": N_("Source"), "Licence": N_("Licence"), "Address": N_("Address")}


def sources_frame_for_slides(sources: pd.DataFrame | None) -> pd.DataFrame:
    """The sources slide's table: who, what, licence and address, one row per source."""
    if sources is None or not len(sources):
        return pd.DataFrame(columns=["Source", "Licence", "Address", "citation"])
    rows = sources.drop_duplicates(subset=["source_id"]) if "source_id" in sources else sources
    names = [source_name(r) for r in rows.to_dict("records")]
    return pd.DataFrame({
        "Source": [_cut(n, 110) for n in names],
        "Licence": [_cut(v, 60) if isinstance(v, str) and v else _("not stated") for v in rows["licence"]],
        "Address": [v if isinstance(v, str) else "" for v in rows["url"]],  # whole: an address is never cut
        "citation": list(rows["citation"]),
    })  # fmt: skip


def build_pptx(slides: list[Slide], progress: Progress | None = None, image: Callable = figure_image) -> bytes:
    """Title + one slide each: the slide's text, then its chart (with alt text) or a real table, a source line
    at the foot; the sources slide as tables of every source (as many slides as they need); the citations in
    each slide's speaker notes too."""
    say = progress or (lambda f, m: None)
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDE
    width = WIDE[0] - 2 * MARGIN
    for i, s in enumerate(slides):
        say(i / len(slides), _("Slide {n} of {total}: {title}").format(n=i + 1, total=len(slides), title=s.title))
        if i == len(slides) - 1 and s.sources is not None and len(s.sources):
            _sources_slides(deck, s, width)
            continue
        slide = deck.slides.add_slide(deck.slide_layouts[0 if i == 0 else 5])  # title / title only
        if i == 0:
            _place_title(slide, s.title, 40)
            title = slide.shapes.title
            title.top, title.height = Inches(2.2), Inches(1.5)
            sub = slide.placeholders[1]
            sub.left, sub.top, sub.width, sub.height = MARGIN, Inches(3.9), width, Inches(1.5)
            sub.text = "\n".join(s.lines)
        else:
            _place_title(slide, s.title, 32)
            _body(slide, s, width, image)
        _foot(slide, s.source_line())
        slide.notes_slide.notes_text_frame.text = s.notes or default_credit()
    say(1.0, _("Deck ready"))
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _body(slide, s: Slide, width, image: Callable) -> None:
    top = BODY_TOP
    if s.lines:
        size = 20 if s.figure is None and s.table is None else 16
        # room for the text: about 95 characters per line at 16 pt on 12.1 in, 75 at 20 pt
        per_line = 95 if size == 16 else 75
        n = sum(max(1, -(-len(line) // per_line)) for line in s.lines)
        height = Emu(int(Pt(size) * 1.3 * n + Inches(0.15)))
        _text(slide, MARGIN, top, width, height, list(s.lines), size)
        top = top + height + Inches(0.1)
    room = BODY_BOTTOM - top
    if s.figure is not None:
        png = image(s.figure, "png", 1600, 800, slide_credit(s))
        pic_height = min(room, Emu(int(width / 2)))  # the picture is 2:1
        pic_width = Emu(pic_height * 2)
        left = Emu(int((WIDE[0] - pic_width) / 2))
        pic = slide.shapes.add_picture(io.BytesIO(png), left, top, width=pic_width, height=pic_height)
        pic._element.nvPicPr.cNvPr.set("descr", s.alt or s.title)  # alt text for screen readers
    elif s.table is not None and len(s.table):
        _table(slide, s.table, MARGIN, top, width, room)


SOURCE_CHARS = {"Source": 62, "Licence": 33, "Address": 58}  # characters a line of 10 pt holds in each column


def _lines(row: dict) -> int:
    return max(1, *(-(-len(str(row[c] or "")) // n) for c, n in SOURCE_CHARS.items()))


def source_pages(table: pd.DataFrame, room_lines: int = 21, limit: int = SOURCES_PER_SLIDE) -> list[pd.DataFrame]:
    """The sources table cut into slides: at most `limit` rows and `room_lines` lines of 10 pt text a slide,
    a row taking as many lines as its longest cell wraps to (an address is never cut, so it may take three)."""
    lines = _lines
    pages, page, used = [], [], 0
    for i, row in enumerate(table.to_dict("records")):
        need = max(1, lines(row))
        if page and (used + need > room_lines or len(page) == limit):
            pages.append(table.iloc[page])
            page, used = [], 0
        page.append(i)
        used += need
    if page or not pages:
        pages.append(table.iloc[page])
    return pages


def _sources_slides(deck, s: Slide, width) -> None:
    table = sources_frame_for_slides(s.sources)
    parts = source_pages(table)
    for k, part in enumerate(parts, start=1):
        slide = deck.slides.add_slide(deck.slide_layouts[5])
        title = s.title if k == 1 else _("{title} ({k} of {n})").format(title=s.title, k=k, n=len(parts))
        _place_title(slide, title, 32)
        _text(slide, MARGIN, BODY_TOP, width, Inches(0.5), list(s.lines), 16)
        shape = _table(
            slide,
            part.drop(columns=["citation"]).rename(columns={c: _(h) for c, h in SOURCE_HEADERS.items()}),
            MARGIN,
            BODY_TOP + Inches(0.6),
            width,
            BODY_BOTTOM - BODY_TOP - Inches(0.6),
            10,
            heights=[Inches(0.3)]
            + [Emu(int(Pt(10) * 1.2 * _lines(row) + Inches(0.1))) for row in part.to_dict("records")],
        )
        widths = (Inches(4.9), Inches(2.4), width - Inches(7.3))
        for c, w in enumerate(widths):
            shape.table.columns[c].width = w
        foot = _("Sources {first}–{last} of {n}; the speaker notes carry their full citations.")
        _foot(slide, foot.format(first=part.index[0] + 1, last=part.index[-1] + 1, n=fmt_int(len(table))))
        cited = "\n".join(c for c in part["citation"] if isinstance(c, str))
        slide.notes_slide.notes_text_frame.text = cited or s.notes or default_credit()
