"""Your figures: a city official's own draft inventory and targets, checked like an import, used by the City, Compare,
Practices and Funding pages in this browser session only, and never saved. Open to every viewer: nothing is stored."""

import streamlit as st

from components import ui
from components.i18n import N_, _

st.title(_("Your figures"))
st.markdown(
    _(
        "Try your city's own draft inventory and targets against its peers, its pathway, and the practices and funds "
        "that fit, **without handing them over**: they stay in this browser session only, are never written to the "
        "store, to disk or to a log, and are gone when you press **Forget my figures** or close the tab (Streamlit "
        "keeps a closed tab's session two minutes for a reconnection, then drops it). Other viewers never see them."
    )
)
city = ui.city_picker(key="sb")
if city is None:
    st.info(_("First choose your city with the search box: your figures are for one city."), icon=":material/search:")
    st.stop()

box = ui.sandbox_current()
if box is not None and box.city_id != int(city["city_id"]):
    st.warning(
        _("Your figures in use are for {city_in_use}. Checking figures for {city} replaces them.").format(
            city_in_use=ui.escape_text(box.city["city"]), city=ui.escape_text(city["city"])
        ),
        icon=":material/swap_horiz:",
    )
ui.sandbox_inputs(city)

box = ui.sandbox_for(int(city["city_id"]))
if box is None:
    st.stop()
st.header(_("In use now"))
st.markdown(f"**{ui.escape_text(ui.sandbox_summary(box))}**")
ui.sandbox_flagged(box)
st.markdown(_("See them beside the store's figures (this session only):"))
cols = st.columns(4)
links = [("city", N_("City and pathway"), ":material/location_city:"),
         ("compare", N_("Among its peers"), ":material/compare_arrows:"),
         ("practices", N_("Practices"), ":material/lightbulb:"),
         ("funding", N_("Funding"), ":material/payments:")]  # fmt: skip
for col, (page, label, icon) in zip(cols, links, strict=True):
    col.page_link(f"app_pages/{page}.py", label=_(label), icon=icon, query_params={"city": str(box.city_id)})
ui.sandbox_downloads(box)
ui.sandbox_deck(box)
st.button(
    _("Forget my figures"), on_click=ui.sandbox_forget, icon=":material/delete:", key="forget_page", type="primary"
)
