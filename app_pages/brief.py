"""Brief: one region's story for an event, top to bottom; presenter mode (?present=1&slide=N); the PPTX deck."""

import streamlit as st

from components import ui

REGIONS = ["Africa", "Americas", "Asia", "Europe", "Oceania", "Latin America and the Caribbean", "Sub-Saharan Africa"]

filters = st.session_state["filters"]
if not filters["regions"]:
    st.title("Brief")
    st.info("Pick a region (in the sidebar, or here) to get its brief, its presenter mode and its deck.",
            icon=":material/slideshow:")  # fmt: skip
    cols = st.columns(len(REGIONS))
    for col, region in zip(cols, REGIONS, strict=True):
        col.button(region, on_click=ui.pick_region, args=(region,), key=f"pick_{region}")
    st.stop()

slides = ui.brief(filters)
if st.query_params.get("present") == "1":
    ui.present(slides)
    st.stop()

st.title(ui.escape_text(slides[0].title))
st.caption(ui.escape_text(" · ".join(slides[0].lines) + f" · {ui.filters_text(filters)}"))
cols = st.columns([1, 1, 3])
cols[0].button("Present full screen", icon=":material/slideshow:", type="primary", on_click=ui.start_presenting)
with cols[1]:
    ui.deck_download(slides, filters)
for i, slide in enumerate(slides[1:], start=2):
    st.subheader(ui.escape_text(slide.title))
    for line in slide.lines:
        st.markdown(ui.escape_text(line))
    if slide.figure is not None:
        st.plotly_chart(slide.figure, alt=slide.alt, key=f"brief_fig_{i}")
        ui.image_downloads(slide.figure, f"utmc-brief-{i}")
    if slide.table is not None:
        st.dataframe(slide.table, hide_index=True)
    if slide.notes:
        st.caption("Sources: " + ui.escape_text(slide.notes[:600]) + ("…" if len(slide.notes) > 600 else ""))
