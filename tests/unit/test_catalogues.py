"""The translation catalogues (locale/): complete, placeholders kept, compiled, and extracted from today's code."""

from __future__ import annotations

import gettext
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from components.i18n import DEFAULT, LANGUAGES, LOCALE_DIR
from tools import i18n as tool

OTHERS = [code for code in LANGUAGES if code != DEFAULT]


@pytest.mark.parametrize("lang", OTHERS)
def test_catalogue_is_complete_with_the_same_placeholders(lang):
    found = tool.problems(lang)
    assert not found, "\n".join(found[:40]) + f"\n... {len(found)} in all (python -m tools.i18n check)"


def test_the_check_finds_a_missing_translation_and_a_changed_placeholder():
    catalog = Catalog(locale="fr")
    catalog.add("{n} cities in {region}", "{n} villes en {région}")  # a translated placeholder name
    catalog.add("Member cities", "")
    catalog.add(("{n} city", "{n} cities"), ("{n} ville", "", "{n} villes"))
    catalog.add("Good", "Bien")
    catalog.add(
        ("The {n} city of {network}", "The {n} cities of {network}"),
        ("La ville de {network}", "Les {n} villes de {network}", "Les {n} villes de {network}"),
    )  # fmt: skip  (fine: one form drops the count)
    catalog.add(("{n} member", "{n} members"), ("un membre", "{n} membres de {réseau}", "{n} membres"))
    ids = {"{n} cities in {region}", "Member cities", ("{n} city", "{n} cities"), "Good", "Gone",
           ("The {n} city of {network}", "The {n} cities of {network}"), ("{n} member", "{n} members")}  # fmt: skip
    assert tool.problems_in(ids, catalog, "fr") == [  # sorted by message id; a plural's id is a tuple
        "fr: untranslated: '{n} city'",
        "fr: placeholders ['n', 'réseau'] differ from ['n']: '{n} member'",
        "fr: the plural forms leave out placeholders of ['n']: '{n} member'",
        "fr: not in the catalogue: 'Gone'",
        "fr: untranslated: 'Member cities'",
        "fr: placeholders ['n', 'région'] differ from ['n', 'region']: '{n} cities in {region}'",
    ]


def test_placeholders():
    assert tool.placeholders("{n} cities in {region}: {share:.0%}") == {"n", "region", "share"}
    assert tool.placeholders("no placeholder {{literal}}") == set()
    assert tool.placeholders("unbalanced {") == {"<unbalanced braces>"}


@pytest.mark.parametrize("lang", OTHERS)
def test_compiled_catalogue_matches_its_po(lang):
    """locale/<lang>/LC_MESSAGES/messages.mo is what `make i18n` compiles from the .po (committed together)."""
    compiled = gettext.GNUTranslations((LOCALE_DIR / lang / "LC_MESSAGES" / "messages.mo").open("rb"))
    for msg in tool.read(tool.po_path(lang), lang):
        if not msg.id or not msg.string:
            continue
        if isinstance(msg.id, tuple):
            assert compiled.ngettext(msg.id[0], msg.id[1], 2) in msg.string, msg.id
        elif msg.context:
            assert compiled.pgettext(msg.context, msg.id) == msg.string, msg.id
        else:
            assert compiled.gettext(msg.id) == msg.string, msg.id


def test_template_is_extracted_from_todays_code(tmp_path):
    """Every message in the code is in locale/messages.pot and nothing else is: run `make i18n` after changing
    any interface text."""
    pot = tmp_path / "messages.pot"
    root = Path(tool.ROOT)
    subprocess.run([str(Path(sys.executable).parent / "pybabel"), "-q", "extract", "-F", "babel.cfg", "-o", str(pot),
                    "."], cwd=root, check=True)  # fmt: skip
    fresh = {(m.id, m.context) for m in tool.read(pot) if m.id}
    committed = {(m.id, m.context) for m in tool.read(tool.POT) if m.id}
    assert sorted(fresh - committed, key=str)[:20] == [], "in the code, not in locale/messages.pot: make i18n"
    assert sorted(committed - fresh, key=str)[:20] == [], "in locale/messages.pot, gone from the code: make i18n"
