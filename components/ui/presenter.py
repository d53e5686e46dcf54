"""Presenter mode: the brief one slide at a time, large type, keyboard navigation."""

from __future__ import annotations

import streamlit as st

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
[data-testid="stMarkdownContainer"] p { font-size: 1.9rem !important; line-height: 1.35; color: #000; }
[data-testid="stTable"] td, [data-testid="stTable"] th { font-size: 1.5rem !important; color: #000; }
</style>
"""


def present(slides: list) -> None:
    """Presenter mode: one slide at a time, large type, no sidebar; ←/→ and the buttons move, Esc leaves."""
    from components.brief import slide_html

    raw = st.query_params.get("slide", "1")
    n = int(raw) if raw.isdigit() else 1
    n = min(max(n, 1), len(slides))
    slide = slides[n - 1]
    st.markdown(PRESENTER_CSS, unsafe_allow_html=True)
    st.title(escape_text(slide.title))
    st.markdown(slide_html(slide.lines, slide.table, 1.7 if slide.figure is not None else 2.1), unsafe_allow_html=True)
    if slide.figure is not None:
        st.plotly_chart(slide.figure, height=560, alt=slide.alt, config={"displayModeBar": False}, key=f"slide_{n}")
    cols = st.columns([1.4, 1.4, 5, 1])
    cols[0].button("◀ Previous", on_click=_go_to, args=(n - 1,), disabled=n == 1, shortcut="left", key="prev")
    cols[1].button("Next ▶", on_click=_go_to, args=(n + 1,), disabled=n == len(slides), shortcut="right", key="next")
    cols[2].markdown(
        f"<div style='text-align:center;font-size:1.2rem'>{n} / {len(slides)}</div>", unsafe_allow_html=True
    )
    cols[3].button("Exit", on_click=_stop_presenting, shortcut="escape", key="exit")
