"""What an import says, in English for the record and in the reader's language on a page.

A `Message` is a str (its English text: what the command line prints, what tests compare, what the store and
the logs keep) that also carries its template and values, so a page can say it again in the current language
with `text()`. The template is a whole sentence with named placeholders, marked for extraction with N_();
numbers are `Num` values that format themselves in the current language when the message is rendered (in
English exactly as the f-string they replace did, so the English text is unchanged byte for byte).

    raise ImportRefused(Message(N_("the file is {size}; the limit is {limit}"), size=..., limit=...))
    report.skip(line, Message(N_("unknown unit")), "unit", Message(N_("unit {unit}; use tCO2e ..."), unit=...))

`local(x)` renders a Message in the current language and leaves any other value as it is.
"""

from __future__ import annotations

import re

from components.i18n import DEFAULT, N_, _, fmt_int, fmt_number, fmt_percent, language

__all__ = ["N_", "Message", "Num", "local", "render"]


class Num:
    """A number in a message: `spec` is the format the English text always used (",", ",.1f", "g", ".0%"...);
    in another language the same number of decimals in that language's format (fmt_number, fmt_percent)."""

    __slots__ = ("spec", "value")

    def __init__(self, value: float, spec: str = ","):
        self.value, self.spec = value, spec

    def __format__(self, _spec: str) -> str:
        english = format(self.value, self.spec)
        if language() == DEFAULT:
            return english
        if self.spec.endswith("%"):
            m = re.search(r"\.(\d+)", self.spec)
            return fmt_percent(self.value, int(m.group(1)) if m else 6)
        if "e" in english.lower() or not re.search(r"\d", english):
            return english  # 1.23e+03, inf: as Python writes it
        decimals = len(english.split(".")[1]) if "." in english else 0
        number = float(english.replace(",", ""))
        return fmt_int(number) if decimals == 0 else fmt_number(number, decimals, fixed=True)

    def __str__(self) -> str:
        return format(self, "")

    __repr__ = __str__


class Message(str):
    """An English message (this str) that can be rendered again in the current language (`text()`)."""

    template: str
    params: dict

    def __new__(cls, template: str, **params) -> Message:
        english = _render(template, params, translate=False)
        self = super().__new__(cls, english)
        self.template, self.params = template, params
        return self

    def text(self) -> str:
        """This message in the current language (the English str itself in English)."""
        if language() == DEFAULT:
            return str.__str__(self)
        return _render(self.template, self.params, translate=True)

    def __reduce__(self):  # pickled (st.session_state, st.cache_data) with its template and values
        return (_rebuild, (self.template, tuple(self.params.items())))


def _rebuild(template: str, params: tuple) -> Message:
    return Message(template, **dict(params))


def _render(template: str, params: dict, translate: bool) -> str:
    if not translate:
        from components.i18n import use_language

        with use_language(DEFAULT):
            return template.format(**{k: _value(v) for k, v in params.items()})
    return _(template).format(**{k: _value(v) for k, v in params.items()})


def _value(v):
    if isinstance(v, Message):
        return v.text()
    if isinstance(v, list | tuple) and any(isinstance(x, Message) for x in v):
        return type(v)(local(x) for x in v)
    return v


def local(value):
    """A Message in the current language; any other value as it is."""
    return value.text() if isinstance(value, Message) else value


def render(template: str, **params) -> str:
    """A progress or status line, rendered now in the current language (nothing keeps it)."""
    return Message(template, **params).text()
