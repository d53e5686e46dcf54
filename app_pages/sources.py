"""Sources and data: every source in the store, its licence and credit line, and what the store holds."""

import streamlit as st

from components import ui

st.title("Sources and data")
st.markdown(
    "Every figure in UTMC Explorer comes from one of the sources below. Reference data (cities, countries, "
    "regions, outlines) comes from registry packages and is stored with the app, so it works offline. "
    "Network memberships were each confirmed on the public page listed. Figures that are modelled or "
    "illustrative are labelled as such wherever they are shown."
)
sources = ui.query("sources", source_ids=[])
st.dataframe(
    sources[["title", "publisher", "licence", "accessed", "url", "citation"]],
    hide_index=True,
    column_config={"url": st.column_config.LinkColumn("URL")},
)
ui.download_bar(sources, "utmc-sources", [], "sources")
