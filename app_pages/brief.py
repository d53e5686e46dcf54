"""Brief: one region's story for an event, top to bottom; presenter mode (?present=1&slide=N); the PPTX deck."""

import streamlit as st

from components import ui
from components.brief import M49
from components.i18n import _, region_name

REGIONS = ["Africa", "Americas", "Asia", "Europe", "Oceania", "Latin America and the Caribbean", "Sub-Saharan Africa"]

filters = st.session_state["filters"]
if not filters["regions"]:
    st.title(_("Brief"))
    st.info(_("Pick a region (in the sidebar, or here) to get its brief, its presenter mode and its deck."),
            icon=":material/slideshow:")  # fmt: skip
    cols = st.columns(len(REGIONS))
    for col, region in zip(cols, REGIONS, strict=True):  # the label in the interface's language, the value English
        col.button(region_name(M49[region], fallback=region), on_click=ui.pick_region, args=(region,),
                   key=f"pick_{region}")  # fmt: skip
    st.stop()

slides = ui.brief(filters)
if st.query_params.get("present") == "1":
    ui.present(slides)
    st.stop()

st.title(ui.escape_text(slides[0].title))
st.caption(ui.escape_text(" · ".join(slides[0].lines) + f" · {ui.filters_text(filters)}"))
with st.container(horizontal=True, gap="medium"):  # content-wide: no button label is cut
    st.button(_("Present full screen"), icon=":material/slideshow:", type="primary", on_click=ui.start_presenting)
    ui.deck_download(slides, filters)
for i, slide in enumerate(slides[1:], start=2):
    st.header(ui.escape_text(slide.title))
    for line in slide.lines:
        st.markdown(ui.escape_text(line))
    if slide.figure is not None:
        st.plotly_chart(slide.figure, alt=slide.alt, key=f"brief_fig_{i}")
        ui.image_downloads(slide.figure, f"utmc-brief-{i}", slide.sources)
    if slide.table is not None:
        st.dataframe(slide.table, hide_index=True)
    last = i == len(slides)
    if slide.sources is not None and len(slide.sources):  # each linked to its address exactly as the store has it
        label = _("Every source") if last else _("Sources of this slide")
        ui.source_footer(list(slide.sources["source_id"]), label=label, expanded=last)
    elif slide.notes:
        st.caption(ui.escape_text(slide.notes))
