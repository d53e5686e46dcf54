"""components/i18n.py: the current language, Babel's formats and names, gettext plurals (values worked out by hand
from CLDR's rules: French groups with a narrow no-break space U+202F and uses a comma; Spanish and Portuguese group
with a full stop)."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components import i18n
from components.i18n import (
    country_name,
    fmt_date,
    fmt_int,
    fmt_number,
    fmt_percent,
    language,
    normalise,
    region_name,
    use_language,
)

NNBSP = "\u202f"  # CLDR's French grouping separator
NBSP = "\u00a0"  # CLDR's French space before %


@pytest.mark.parametrize(
    ("code", "expected"),
    [("fr", "fr"), ("fr-FR", "fr"), ("PT_br", "pt"), ("es-419", "es"), ("en-GB", "en"), ("de", None), ("", None),
     (None, None), ("  ES ", "es")],
)  # fmt: skip
def test_normalise(code, expected):
    assert normalise(code) == expected


def test_default_is_english_and_use_language_restores_it():
    assert language() == "en"
    with use_language("pt-BR") as lang:
        assert lang == "pt" and language() == "pt"
        with use_language("xx"):
            assert language() == "en"  # not ours: English
        assert language() == "pt"
    assert language() == "en"


def test_a_thread_starts_in_english():
    seen = []
    with use_language("fr"):
        worker = threading.Thread(target=lambda: seen.append(language()))
        worker.start()
        worker.join()
    assert seen == ["en"]  # Streamlit's script thread sets its own language each run (components/ui/language.py)


@pytest.mark.parametrize(
    ("lang", "number", "integer", "percent", "percent1"),
    [
        ("en", "1,234.5", "9,738,746", "45%", "45.7%"),
        ("fr", f"1{NNBSP}234,5", f"9{NNBSP}738{NNBSP}746", f"45{NBSP}%", f"45,7{NBSP}%"),
        ("es", "1.234,5", "9.738.746", f"45{NBSP}%", f"45,7{NBSP}%"),  # our pattern groups from 4 digits (issue 17)
        ("pt", "1.234,5", "9.738.746", "45%", "45,7%"),
    ],
)
def test_numbers_in_each_language(lang, number, integer, percent, percent1):
    with use_language(lang):
        assert fmt_number(1234.5) == number
        assert fmt_int(9738746) == integer
        assert fmt_percent(0.45) == percent
        assert fmt_percent(0.4567, 1) == percent1


def test_number_decimals():
    assert fmt_number(1234.0) == "1,234"  # at most one decimal: no trailing zero
    assert fmt_number(1234.0, 1, fixed=True) == "1,234.0"
    assert fmt_number(3.14159, 2) == "3.14"
    assert fmt_number(2.5, 0) == "2"  # CLDR rounds half to even
    assert fmt_int(2.5) == "2" and fmt_int(3.5) == "4"
    with use_language("es"):
        assert fmt_number(12345.25, 2) == "12.345,25"


def test_dates():
    day = dt.date(2026, 11, 30)
    assert fmt_date(day) == "Nov 30, 2026"
    with use_language("fr"):
        assert fmt_date(day) == "30 nov. 2026"
    with use_language("pt"):
        assert fmt_date(day) == "30 de nov. de 2026"


def test_country_and_region_names_come_from_cldr():
    with use_language("fr"):
        assert country_name("DE") == "Allemagne"
        assert region_name("61", fallback="Polynesia") == "Polynésie"  # M49 codes are 3 digits: 61 -> 061
        assert region_name("830", fallback="Channel Islands") == "Channel Islands"  # CLDR has no name: the store's
    with use_language("es"):
        assert country_name("br") == "Brasil"
        assert region_name("419") == "Latinoamérica"
    assert region_name("202", fallback="Sub-Saharan Africa") == "Sub-Saharan Africa"  # English: UN M49's own name
    assert country_name("", fallback="Kosovo") == "Kosovo"


def test_plural_forms_follow_each_language(tmp_path, monkeypatch):
    """gettext picks the plural form by the catalogue's rule; French has three forms in CLDR 46 (one, many, other)."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    catalog = Catalog(locale="fr")
    catalog.add(("{n} city", "{n} cities"), ("{n} ville", "{n} de villes", "{n} villes"))
    folder = tmp_path / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "messages.mo").open("wb") as fh:
        write_mo(fh, catalog)
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.translations.cache_clear()
    try:
        with use_language("fr"):
            assert [i18n.ngettext("{n} city", "{n} cities", n) for n in (0, 1, 2, 1_000_000)] == [
                "{n} ville", "{n} ville", "{n} villes", "{n} de villes"]  # fmt: skip
        assert i18n.ngettext("{n} city", "{n} cities", 0) == "{n} cities"  # English: 0 is plural
    finally:
        i18n.translations.cache_clear()


@settings(max_examples=400, deadline=None)
@given(
    value=st.one_of(
        st.floats(min_value=-1e15, max_value=1e15, allow_nan=False),
        st.integers(min_value=-(10**15), max_value=10**15),
        st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False, allow_infinity=False),
        st.sampled_from([2.675, 0.5, 1.5, 2.5, -0.04, 999.95, 1234.5, 0.0, -0.0]),
    ),
    decimals=st.integers(min_value=0, max_value=3),
    fixed=st.booleans(),
    lang=st.sampled_from(sorted(i18n.LANGUAGES)),
)
def test_fast_number_format_is_babels(value, decimals, fixed, lang):
    """fmt_number formats with Python and the locale's symbols: the text is Babel's own for the same pattern."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + ("0" if fixed else "#") * decimals if decimals > 0 else "")
    with use_language(lang):
        assert fmt_number(value, decimals, fixed) == format_decimal(value, format=pattern, locale=lang)
        if not isinstance(value, Decimal):
            assert fmt_int(value) == format_decimal(round(value), format="#,##0", locale=lang)


def test_numbers_that_are_not_finite_go_to_babel():
    assert fmt_number(float("nan")) == "NaN" and fmt_number(float("inf")) == "∞"
