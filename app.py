"""UTMC Explorer: page config, the store gate, navigation over app_pages/, the shared sidebar."""

import streamlit as st

from components import ui
from components.i18n import _
from components.ui import language, warmup

language.start()  # before anything is drawn: ?lang=, else the browser's language, else English
st.set_page_config(page_title=_("UTMC Explorer"), page_icon="static/favicon.png", layout="wide")
ui.ensure_store()

pages = [
    st.Page("app_pages/network.py", title=_("Network"), icon=":material/public:", url_path="network", default=True),
    st.Page("app_pages/city.py", title=_("City"), icon=":material/location_city:", url_path="city"),
    st.Page("app_pages/compare.py", title=_("Compare"), icon=":material/compare_arrows:", url_path="compare"),
    st.Page("app_pages/pathways.py", title=_("Pathways"), icon=":material/timeline:", url_path="pathways"),
    st.Page("app_pages/brief.py", title=_("Brief"), icon=":material/slideshow:", url_path="brief"),
    st.Page("app_pages/practices.py", title=_("Practices"), icon=":material/lightbulb:", url_path="practices"),
    st.Page("app_pages/funding.py", title=_("Funding"), icon=":material/payments:", url_path="funding"),
    st.Page("app_pages/prospects.py", title=_("Prospects"), icon=":material/person_search:", url_path="prospects"),
    st.Page("app_pages/pairing.py", title=_("City2City pairs"), icon=":material/handshake:", url_path="pairing"),
    st.Page("app_pages/data.py", title=_("Data and sources"), icon=":material/menu_book:", url_path="data"),
    st.Page("app_pages/sandbox.py", title=_("Your figures"), icon=":material/edit_note:", url_path="your-figures"),
]
page = st.navigation(pages)
language.picker()
st.session_state["filters"] = ui.sidebar_filters()
ui.sandbox_banner()  # only while this session holds its own figures (components/ui/sandbox.py)
try:
    page.run()
finally:
    warmup.first_run_finished()  # serve.py's warm-up waits for a first visit's run (components/ui/warmup.py)
