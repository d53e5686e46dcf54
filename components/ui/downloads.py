"""Downloads of what is shown: the data behind a view, chart images and the brief's deck."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.export import to_csv_bytes


def download_bar(frame: pd.DataFrame, file_stem: str, source_lines: list[str], label: str) -> None:
    """A CSV of what is shown, with its sources; made when clicked, not on every rerun."""
    st.download_button(
        f"Download {label} (CSV)",
        data=lambda: to_csv_bytes(frame, source_lines),
        file_name=f"{file_stem}.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
    )


def image_downloads(figure, file_stem: str) -> None:
    """PNG and SVG of a chart, made on click (kaleido + chromium); said plainly when they cannot be made."""
    from components.deck import chromium_available, figure_image

    if not chromium_available():
        st.caption("Chart images need chromium on the server, and none is installed here; the CSV has the data.")
        return
    cols = st.columns([1, 1, 4])
    for col, fmt, mime in ((cols[0], "png", "image/png"), (cols[1], "svg", "image/svg+xml")):
        col.download_button(
            f"{fmt.upper()}",
            data=lambda fmt=fmt: figure_image(figure, fmt),
            file_name=f"{file_stem}.{fmt}",
            mime=mime,
            icon=":material/image:",
            on_click="ignore",
            key=f"img_{file_stem}_{fmt}",
            help=f"Download this chart as {fmt.upper()}",
        )


def deck_download(slides: list, filters: dict) -> None:
    """Build the PPTX on request, with progress, then offer it."""
    from components.deck import build_pptx, chromium_available

    if not chromium_available():
        st.caption("The deck needs chromium on the server for its chart images, and none is installed here.")
        return
    if st.button("Prepare the deck (PPTX)", icon=":material/co_present:"):
        with st.status("Preparing the deck…", expanded=True) as status:
            bar = st.progress(0.0)
            data = build_pptx(slides, progress=lambda f, m: bar.progress(f, text=m))
            status.update(label="Deck ready", state="complete", expanded=False)
        st.session_state["deck"] = data
    if st.session_state.get("deck"):
        name = "-".join(filters["regions"]).lower().replace(" ", "-")
        st.download_button("Download the deck", st.session_state["deck"], f"utmc-brief-{name}.pptx",
                           "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                           icon=":material/download:", on_click="ignore")  # fmt: skip
