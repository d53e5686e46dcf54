"""Presenter mode: the brief one slide at a time, large type, keyboard navigation."""

from __future__ import annotations

import textwrap

import streamlit as st

from components.i18n import _, fmt_int
from components.ui.widgets import escape_text


def start_presenting() -> None:
    st.query_params["present"] = "1"
    st.query_params["slide"] = "1"


def _go_to(slide: int) -> None:
    st.query_params["slide"] = str(slide)


def _stop_presenting() -> None:
    st.query_params.pop("present", None)
    st.query_params.pop("slide", None)


PRESENTER_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 1.5rem 4rem !important; }
.stApp { background: #ffffff; color: #000000; }
h1 { font-size: 3.4rem !important; color: #000 !important; }
[data-testid="stMarkdownContainer"] p { font-size: 1.6rem !important; line-height: 1.3; color: #000; }
[data-testid="stTable"] td, [data-testid="stTable"] th { font-size: 1.5rem !important; color: #000; }
</style>
"""


SLIDE_CHART_PX = 400  # title, three lines of text and the chart fit a 1280x720 screen below the navigation
SOURCE_LINE_CHARS = 110  # a source line at 18 px wraps before the slide's edge (it was cut on the pathway slide)
ROOM_FONT_PX = 20  # every text of a slide's chart (ticks, legend, source line): read from the back of a room


def for_the_room(figure):
    """A copy of a chart with its text at ROOM_FONT_PX or more (the on-page chart uses 11-14 px)."""
    import plotly.graph_objects as go

    from components.deck import is_source_line

    fig = go.Figure(figure)
    fig.update_layout(font=dict(size=ROOM_FONT_PX), title_font_size=ROOM_FONT_PX + 6,
                      legend=dict(font=dict(size=ROOM_FONT_PX), grouptitlefont=dict(size=ROOM_FONT_PX),
                                  orientation="v", x=1.02, y=1, xanchor="left", yanchor="top"),
                      margin=dict(l=10, r=10, t=60, b=90))  # fmt: skip
    fig.update_xaxes(tickfont_size=ROOM_FONT_PX, title_font_size=ROOM_FONT_PX)
    fig.update_yaxes(tickfont_size=ROOM_FONT_PX, title_font_size=ROOM_FONT_PX)
    for note in fig.layout.annotations:
        note.font.size = max(ROOM_FONT_PX - 2, note.font.size or 0)
        if is_source_line(note.text):  # under the axis, in pixels: clear of the ticks at any height
            note.update(y=0, yanchor="top", yshift=-48, text="<br>".join(textwrap.wrap(note.text, SOURCE_LINE_CHARS)))
            fig.layout.margin.b = 90 + 24 * note.text.count("<br>")
    for trace in fig.data:
        if getattr(trace, "textfont", None) is not None and trace.type != "scattergeo":
            trace.textfont.size = max(ROOM_FONT_PX - 2, trace.textfont.size or 0)
    return fig


def present(slides: list) -> None:
    """Presenter mode: one slide at a time, large type, no sidebar; ←/→ and the buttons move, Esc leaves."""
    from components.brief import slide_html

    raw = st.query_params.get("slide", "1")
    n = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 6 else 1
    n = min(max(n, 1), len(slides))
    slide = slides[n - 1]
    st.markdown(PRESENTER_CSS, unsafe_allow_html=True)
    # The navigation comes first, so it is on screen on every slide whatever the slide's length (at 1280x720 it
    # had fallen below the fold on slide 8).
    cols = st.columns([2, 1.6, 4, 1.3])
    cols[0].button(_("◀ Previous"), on_click=_go_to, args=(n - 1,), disabled=n == 1, shortcut="left", key="prev")
    cols[1].button(_("Next ▶"), on_click=_go_to, args=(n + 1,), disabled=n == len(slides), shortcut="right", key="next")
    where = _("{n} / {total}").format(n=fmt_int(n), total=fmt_int(len(slides)))
    cols[2].markdown(f"<div style='text-align:center;font-size:1.2rem'>{where}</div>", unsafe_allow_html=True)
    cols[3].button(_("Exit"), on_click=_stop_presenting, shortcut="escape", key="exit")
    st.title(escape_text(slide.title))
    st.markdown(slide_html(slide.lines, slide.table, 1.45 if slide.figure is not None else 2.1), unsafe_allow_html=True)
    if slide.figure is not None:
        st.plotly_chart(for_the_room(slide.figure), height=SLIDE_CHART_PX, alt=slide.alt,
                        config={"displayModeBar": False}, key=f"slide_{n}")  # fmt: skip
