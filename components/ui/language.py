"""The interface language: chosen in the sidebar, kept in the URL (?lang=fr), defaulting to the browser's."""

from __future__ import annotations

import streamlit as st
from streamlit.errors import StreamlitAPIException

from components import i18n
from components.i18n import _

KEY = "lang"


def _browser_language() -> str | None:
    try:
        return i18n.normalise(st.context.locale)  # the browser's first language, where Streamlit exposes it
    except Exception:  # noqa: BLE001 - no browser (AppTest, bare mode): English
        return None


def _asked(value: str | None) -> str | None:
    """The language ?lang= names: a code ("fr", "pt-BR") or, as the bound picker writes it, the language's own name
    ("Français")."""
    by_name = {name.casefold(): code for code, name in i18n.LANGUAGES.items()}
    return i18n.normalise(value) or (by_name.get(value.strip().casefold()) if value else None)


def start() -> str:
    """Set the current language for this run, before anything is drawn: the picker's value, else ?lang= (a code or
    the language's name, as the picker writes it), else the browser's language, else English. A visitor with no
    ?lang= gets their browser's language in the picker (and so in the address bar)."""
    chosen = st.session_state.get(KEY)
    if chosen not in i18n.LANGUAGES:
        chosen = _asked(st.query_params.get(KEY)) or _browser_language() or i18n.DEFAULT
        # the bound picker (no default of its own, so no clash with session state) starts here
        st.session_state[KEY] = chosen
        if st.query_params.get(KEY) != chosen:
            try:  # and the address bar names it (a browser's language too): every link carries its language
                st.query_params[KEY] = chosen
            except StreamlitAPIException:  # already bound on this page: the picker writes it when changed
                pass
    return i18n.set_language(chosen)


def picker() -> str:
    """The sidebar's language picker, bound to ?lang= so it is kept in links and when moving between pages.
    A segmented control of the codes (shown in capitals), not a select box of names: a bound widget writes its
    option's label into the address bar, and the link should read ?lang=fr, not ?lang=Fran%C3%A7ais."""
    with st.sidebar:
        st.html(f"<style>.st-key-{KEY} button p {{text-transform: uppercase; font-weight: 600}}</style>")
        lang = st.segmented_control(
            ":material/translate: " + _("Language"),
            list(i18n.LANGUAGES),
            required=True,
            key=KEY,
            bind="query-params",
            help=" · ".join(f"{code.upper()}: {name}" for code, name in i18n.LANGUAGES.items())
            + "  \n"
            + _("The language of the interface, charts, sentences and downloads. Data stays in its language."),
        )
    return i18n.set_language(lang)


def data_language_note() -> None:
    """Said once on a page that shows text from the store (practice descriptions, programme names), in any
    language but English: that text is shown as its source wrote it."""
    if i18n.language() != i18n.DEFAULT:
        st.caption(":material/translate: " + _("Descriptions from our sources are shown in their original language."))
