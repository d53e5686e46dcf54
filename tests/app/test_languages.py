"""Every page in every language (issue 17): a page rendered in French, Spanish or Portuguese shows no text that
exists only in the English catalogue. The page's text is everything the AppTest tree holds: element bodies, labels,
help, placeholders, options, table headers, chart specs (titles, axes, legends, hover text), map tooltips."""

from __future__ import annotations

import json
import re
import string
from functools import cache

import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from components.i18n import DEFAULT, LANGUAGES, _
from tests.app.test_pages import open_page, run_app
from tools import i18n as tool

OTHERS = [code for code in LANGUAGES if code != DEFAULT]
SKIP_KEYS = {"data", "id", "formId", "args", "deferredFileId", "queryParamKey", "icon", "color", "type"}
# A page, the query that gives it something to show, and which store (figures: the test store with Madrid's
# reported inventory; store: the default store).
PAGES = [
    ("network", {}),
    ("city", {"city": "3117735"}),
    ("compare", {"cities": "3117735,3169070,2988507"}),
    ("pathways", {"region": "Southern Europe"}),
    ("brief", {"region": "Europe"}),
    ("brief", {"region": "Europe", "present": "1", "slide": "3"}),
    ("practices", {}),
    ("funding", {"city": "3117735"}),
    ("prospects", {"region": "Africa"}),
    ("pairing", {}),
    ("data", {}),
    ("sandbox", {}),
]


def _strings(value, out: list[str], key: str = "") -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _strings(v, out, k)
    elif isinstance(value, list):
        for v in value:
            _strings(v, out, key)
    elif isinstance(value, str) and key not in SKIP_KEYS:
        if key in ("spec", "json", "deckJson") and value[:1] in "{[":
            try:
                _strings(json.loads(value), out)
                return
            except ValueError:
                pass
        out.append(value)


def page_text(at: AppTest) -> list[str]:
    """Every string the rendered page holds, markdown escapes and HTML tags removed."""
    out: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            _strings(MessageToDict(proto), out)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    for frame in at.dataframe:  # headers: a column's configured label where it has one, else its name
        config = json.loads(frame.proto.columns or "{}")
        out.extend(str(c) for c in frame.value.columns if not (config.get(str(c)) or {}).get("label"))
    tags = re.compile(r"<[^>]+>")
    return [re.sub(r"\\(.)", r"\1", tags.sub(" ", s)) for s in out]


@cache
def english_only(lang: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """What only the English catalogue says: whole messages (matched as a whole element text) and the long
    literal pieces of longer messages (matched anywhere), leaving out what the translation keeps as is."""
    whole, pieces = set(), set()
    for msg in tool.read(tool.po_path(lang), lang):
        if not msg.id or not msg.string:
            continue
        ids = list(msg.id) if isinstance(msg.id, tuple) else [msg.id]
        translated = " ".join(msg.string) if isinstance(msg.string, tuple | list) else msg.string
        for mid in ids:
            if mid == translated:
                continue
            literal = [text for text, *_ in string.Formatter().parse(mid)]
            if len(literal) == 1 and not tool.placeholders(mid):
                whole.add(mid.strip())
            for text in literal:
                text = text.strip(" .,:;·()")
                if len(text) >= 14 and text.count(" ") >= 2 and text not in translated:
                    pieces.add(text)
    return frozenset(whole), tuple(sorted(pieces))


@cache
def store_text(store: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """Text the store holds as data, shown as it is in every language: network names ("GCoM (JRC file)") and the
    longer texts of sources, practices, funding programmes and networks (a citation may say "functional urban
    area" in English). They are taken out of the page's text before looking for English."""
    import duckdb

    names, texts = set(), set()
    with duckdb.connect(store, read_only=True) as con:
        names |= {
            n for (n,) in con.execute("SELECT short_name FROM networks UNION SELECT name FROM networks").fetchall()
        }
        for table in ("sources", "practices", "funding", "networks"):
            columns = [c for c, kind in con.execute(f"SELECT column_name, data_type FROM information_schema.columns "
                                                     f"WHERE table_name = '{table}'").fetchall() if kind == "VARCHAR"]  # fmt: skip
            for column in columns:
                texts |= {v for (v,) in con.execute(f'SELECT DISTINCT "{column}" FROM {table}').fetchall()
                          if isinstance(v, str) and len(v) >= 12}  # fmt: skip
    return frozenset(names), tuple(sorted(texts, key=len, reverse=True))


def leftovers(at: AppTest, lang: str, store: str) -> list[str]:
    whole, pieces = english_only(lang)
    names, data = store_text(store)
    texts = page_text(at)
    found = sorted({t.strip() for t in texts if t.strip() in whole - names})
    joined = "\n".join(texts)
    for text in data:
        joined = joined.replace(text, " ")
    found += [p for p in pieces if p in joined]
    return found


@pytest.mark.parametrize("lang", OTHERS)
@pytest.mark.parametrize(("page", "params"), PAGES, ids=[f"{p}-{len(q)}" for p, q in PAGES])
def test_page_has_no_english_only_text(figures_store, monkeypatch, page, params, lang):
    monkeypatch.setenv("UTMC_STORE", str(figures_store))
    at = open_page(page, {**params, "lang": lang})
    assert at.session_state["lang"] == lang
    found = leftovers(at, lang, str(figures_store))
    assert not found, f"{page} in {lang} shows English: {found[:15]}"


def test_language_is_kept_between_pages_and_titles_follow_it(use_store):
    at = run_app({"lang": "fr"})
    assert at.title[0].value == "Réseau"
    at.switch_page("app_pages/city.py").run()
    assert at.query_params["lang"] in ("fr", ["fr"])
    assert at.title[0].value == "Ville"


def test_an_unknown_language_gives_english(use_store):
    at = run_app({"lang": "xx"})
    assert at.title[0].value == "Network"


def test_links_in_any_language_open_the_same_filters(use_store):
    """A bound control writes its label (in the viewer's language) into the URL; a link naming the stored value or
    another language's label opens the same choice, and the address bar then names it in the current language."""
    from components.i18n import use_language

    with use_language("fr"):
        waste = _("waste")
    assert waste != "waste"
    at = open_page("practices", {"lang": "fr", "sector": "waste"})  # an English link opened in French
    assert at.session_state["sector"] == ["waste"]
    assert at.query_params["sector"] in (waste, [waste])
    spanish = open_page("funding", {"lang": "es", "sector": waste})  # a French label opened in Spanish
    assert spanish.session_state["sector"] == ["waste"]
    region = run_app({"lang": "pt", "region": "Europe du Nord (Europe)"})  # the sidebar's filters do the same
    assert region.session_state["region"] == ["Northern Europe"]


def test_compare_controls_open_from_links_in_any_language(figures_store, monkeypatch):
    """?basis= and ?view= hold a value ("modelled") or a label in some language; the page opens on that choice
    and the address bar then names it in the viewer's language."""
    from components.i18n import use_language

    monkeypatch.setenv("UTMC_STORE", str(figures_store))
    with use_language("fr"):
        modelled_fr = _("modelled")
    with use_language("es"):
        modelled_es = _("modelled")
    for asked in ("modelled", modelled_es):
        at = open_page("compare", {"cities": "3117735,3169070", "lang": "fr", "basis": asked})
        assert at.session_state["basis"] == "modelled", asked
        assert at.query_params["basis"] in (modelled_fr, [modelled_fr])
