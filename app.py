"""UTMC Explorer: page config, the store gate, navigation over app_pages/, the shared sidebar."""

import streamlit as st

from components import ui

st.set_page_config(page_title="UTMC Explorer", page_icon="static/favicon.png", layout="wide")
ui.ensure_store()

pages = [
    st.Page("app_pages/network.py", title="Network", icon=":material/public:", url_path="network", default=True),
    st.Page("app_pages/sources.py", title="Sources and data", icon=":material/menu_book:", url_path="sources"),
]
page = st.navigation(pages)
st.session_state["filters"] = ui.sidebar_filters()
page.run()
