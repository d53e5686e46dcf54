"""Links in any language for controls bound to the URL. A bound control writes its label, in the viewer's
language, into the address bar and only reads its current labels back. A link made in another language, naming
the stored value (?sector=waste) or made before values had labels (?region=Northern+Europe) still opens the same
choice: on the session's first run the address is rewritten to the current labels and the run starts again, before
the control is drawn, so it seeds from them (writing the URL without the rerun does not reach the control)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit.errors import StreamlitAPIException

from components import i18n
from components.i18n import _


def labelled(labels: dict[str, str]) -> Callable[[object], str]:
    """A bound control's format_func for a dict of N_() labels: the label in the current language, else the value."""
    return lambda value: _(labels[value]) if value in labels else str(value)


def _label_in(labels: dict[str, str] | Callable[[object], str]) -> Callable[[object, str], str]:
    shown = labels if callable(labels) else labelled(labels)

    def label_in(value, lang: str) -> str:
        with i18n.use_language(lang):
            return shown(value)

    return label_in


def from_link(key: str, values, labels: dict[str, str] | Callable[[object], str], multi: bool = True) -> None:
    """Read ?key= from a link in any language into the control about to be drawn. `labels`: the control's N_()
    labels, or its format_func (a value's label in the current language). Names that match nothing are ignored, as
    the bound control ignores them."""
    asked = st.query_params.get_all(key)
    if not asked or key in st.session_state:
        return
    label_in = _label_in(labels)
    current = {v: label_in(v, i18n.language()) for v in values}
    if all(a in current.values() for a in asked):
        return  # the control reads them itself
    by_label = {label_in(v, lang): v for lang in i18n.LANGUAGES for v in values}
    by_label.update({str(v): v for v in values})
    by_label.update({label: v for v, label in current.items()})
    chosen = list(dict.fromkeys(by_label[a] for a in asked if a in by_label))
    if not chosen:
        return
    chosen = chosen if multi else chosen[:1]
    try:
        st.query_params[key] = [current[v] for v in chosen]
    except StreamlitAPIException:  # already bound to the control (not a first run): the view, not the URL
        st.session_state[key] = chosen if multi else chosen[0]
        return
    st.rerun()
