"""The interface's language: gettext catalogues compiled by Babel, and Babel's locale data for numbers, dates,
countries and regions. Pure Python (no Streamlit): pages, components, the deck, downloads and the import reports
all read the one current language from here.

How it is used
- `_("Member cities")` translates a message at call time, in the current language.
- `_("{n} cities in {region}").format(n=fmt_int(n), region=...)`: whole sentences with named placeholders, never
  concatenated fragments (a translator must be able to move the words around).
- `ngettext("{n} city", "{n} cities", n).format(n=fmt_int(n))`: plurals by gettext's rules for the language.
- `pgettext("chart axis", "Year")` where a short word needs a context to be translated right.
- `N_("Reported")` marks a module-level constant for extraction; translate it where it is shown with `_(value)`.
- `fmt_number`, `fmt_int`, `fmt_percent`, `fmt_date`: Babel's formats for the locale ("1 234,5" in French,
  "1.234,5" in Spanish and Portuguese).
- `country_name("FR")`, `region_name("150")`: names from Babel's CLDR data, never translated by hand.

The current language lives in a context variable: app.py sets it at the start of every run from `?lang=`
(the sidebar's language picker) or the browser's language; outside the app (CLI, tests) it is English.
Cached functions whose results hold text take the language as an argument so each language is cached apart.

Catalogues: locale/messages.pot (extracted) and locale/<lang>/LC_MESSAGES/messages.po/.mo; `make i18n`
extracts, updates and compiles them (docs/translating.md says how to add a language).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gettext as _gettext
from collections.abc import Iterator
from contextvars import ContextVar
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "messages"
DEFAULT = "en"
# The language picker's choices, each in its own language (so a reader finds theirs whatever is shown).
LANGUAGES: dict[str, str] = {"en": "English", "fr": "Français", "es": "Español", "pt": "Português"}

_current: ContextVar[str] = ContextVar("utmc_language", default=DEFAULT)


def normalise(code: str | None) -> str | None:
    """A supported language code from a browser locale or a URL value ("fr-FR" -> "fr", "PT_br" -> "pt"),
    or None when it names none of ours."""
    if not code:
        return None
    base = str(code).strip().replace("_", "-").split("-")[0].lower()
    return base if base in LANGUAGES else None


def set_language(code: str | None) -> str:
    """Make `code` (or English, when it is not one of ours) the current language; returns the one set."""
    lang = normalise(code) or DEFAULT
    _current.set(lang)
    return lang


def language() -> str:
    """The current language code (en, fr, es, pt)."""
    return _current.get()


@contextlib.contextmanager
def use_language(code: str) -> Iterator[str]:
    """Run a block in another language (tests, the CLI): `with use_language("fr"): ...`."""
    token = _current.set(normalise(code) or DEFAULT)
    try:
        yield _current.get()
    finally:
        _current.reset(token)


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The compiled catalogue for `lang` (English has none: its messages are the source text)."""
    if lang == DEFAULT:
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def gettext(message: str) -> str:
    return translations(language()).gettext(message)


_ = gettext


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(language()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return translations(language()).pgettext(context, message)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now (module-level constants)."""
    return message


def locale() -> Locale:
    return _locale(language())


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def fmt_number(value: float, decimals: int = 1, fixed: bool = False) -> str:
    """A number with grouping and at most `decimals` decimals (exactly `decimals` when `fixed`), in the current
    locale: fmt_number(1234.5) is "1,234.5", "1 234,5" in French, "1.234,5" in Spanish and Portuguese.
    The same text as Babel's format_decimal with the pattern "#,##0.#" ("#,##0.0" when fixed), made by Python's
    own formatting of the Decimal (half-even, as Babel) with the locale's symbols: Babel's pattern engine took
    ~50 µs a number, half a second for the Data page's large tables (tests/unit/test_i18n_core.py compares the two)."""
    return _grouped(value, decimals, fixed, language())


def _grouped(value, decimals: int, fixed: bool, lang: str) -> str:
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        number = None
    if number is None or not number.is_finite():
        pattern = "#,##0" + ("." + ("0" if fixed else "#") * decimals if decimals > 0 else "")
        return format_decimal(value, format=pattern, locale=lang)
    places = max(decimals, 0)
    text = format(number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN), f",.{places}f")
    if places and not fixed:
        text = text.rstrip("0").rstrip(".")
    return text.translate(_symbols(lang))


@cache
def _symbols(lang: str) -> dict[int, str]:
    symbols = _locale(lang).number_symbols["latn"]
    return str.maketrans({",": symbols["group"], ".": symbols["decimal"], "-": symbols["minusSign"]})


def fmt_int(value: float) -> str:
    """A whole number with grouping in the current locale (9,738,746 / 9 738 746 / 9.738.746)."""
    return _grouped(round(value), 0, False, language())


def fmt_percent(fraction: float, decimals: int = 0) -> str:
    """A fraction as a percentage in the current locale (0.45 -> 45 %, 45%)."""
    return format_percent(round(fraction, decimals + 2), locale=language(), decimal_quantization=False)


def fmt_date(value: dt.date | dt.datetime, style: str = "medium") -> str:
    """A date in the current locale (30 Nov 2026 / 30 nov. 2026)."""
    return format_date(value, format=style, locale=language())


def country_name(code: str, fallback: str | None = None) -> str:
    """A country's name in the current language from its ISO 3166 alpha-2 code (CLDR via Babel)."""
    name = locale().territories.get(str(code).upper()) if code else None
    return name or fallback or str(code)


def region_name(m49: str, fallback: str | None = None) -> str:
    """A UN M49 region's name in the current language from its 3-digit code ("150" -> "Europe"), via Babel's
    CLDR territory names; `fallback` (the store's English name) where CLDR has none."""
    code = str(m49).zfill(3) if m49 is not None and str(m49).isdigit() else str(m49)
    name = locale().territories.get(code) if code else None
    if language() == DEFAULT and fallback:
        return fallback  # the store's UN M49 English names are the reference
    return name or fallback or str(m49)
