"""The translation catalogues' workflow, on Babel's own machinery (`make i18n` runs `update`).

    python -m tools.i18n update            extract locale/messages.pot from the code (babel.cfg), merge it into
                                           every locale/<lang>/LC_MESSAGES/messages.po, compile the .mo files
    python -m tools.i18n compile           compile the .po files only
    python -m tools.i18n check             list untranslated, fuzzy and placeholder-mismatched messages (exit 1)
    python -m tools.i18n merge LANG PO...  fill LANG's catalogue from other .po files (e.g. a translator's
                                           file for part of the app); existing translations are kept

A fifth language: add its code to components/i18n.py LANGUAGES, run
`pybabel init -i locale/messages.pot -d locale -D messages -l XX`, translate the .po, `make i18n`
(docs/translating.md).
"""

from __future__ import annotations

import string
import subprocess
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locale"
POT = LOCALE / "messages.pot"


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "messages.po"


def languages() -> list[str]:
    from components.i18n import DEFAULT, LANGUAGES

    return [code for code in LANGUAGES if code != DEFAULT]


def _pybabel(*args: str) -> None:
    subprocess.run([str(Path(sys.executable).parent / "pybabel"), *args], cwd=ROOT, check=True)


def extract() -> None:
    _pybabel("extract", "-F", "babel.cfg", "-o", str(POT.relative_to(ROOT)), "--project", "UTMC Explorer",
             "--copyright-holder", "UTMC", "--msgid-bugs-address", "-", "--sort-by-file", "--add-comments",
             "TRANSLATORS:", "--width", "120", ".")  # fmt: skip


def read(path: Path, locale: str | None = None):
    with path.open("rb") as fh:
        return read_po(fh, locale=locale)


def update() -> None:
    extract()
    for lang in languages():
        if not po_path(lang).exists():
            _pybabel("init", "-i", str(POT), "-d", str(LOCALE), "-D", "messages", "-l", lang, "--width", "120")
        _pybabel("update", "-i", str(POT), "-d", str(LOCALE), "-D", "messages", "-l", lang, "--width", "120",
                 "--ignore-obsolete", "--no-fuzzy-matching")  # fmt: skip
    compile_all()


def compile_all() -> None:
    for lang in languages():
        catalog = read(po_path(lang), lang)
        with po_path(lang).with_suffix(".mo").open("wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)


def placeholders(text: str) -> set[str]:
    """The named {placeholders} of a message ("{n} cities in {region}" -> {"n", "region"})."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return {"<unbalanced braces>"}


def problems(lang: str) -> list[str]:
    """What is wrong with one catalogue: missing or fuzzy translations, placeholders that differ."""
    return problems_in({m.id for m in read(POT) if m.id}, read(po_path(lang), lang), lang)


def problems_in(pot_ids: set, catalog, lang: str) -> list[str]:
    found = []
    have = {m.id: m for m in catalog if m.id}
    for mid in sorted(pot_ids, key=str):
        key = mid[0] if isinstance(mid, tuple) else mid
        msg = have.get(mid)
        if msg is None:
            found.append(f"{lang}: not in the catalogue: {key!r}")
            continue
        strings = list(msg.string) if isinstance(msg.string, tuple | list) else [msg.string]
        if msg.fuzzy or not all(strings):
            found.append(f"{lang}: untranslated{' (fuzzy)' if msg.fuzzy else ''}: {key!r}")
            continue
        sources = list(mid) if isinstance(mid, tuple) else [mid]
        wanted = set().union(*(placeholders(s) for s in sources))
        # a plural's forms may each leave out the count ("la ville" for one) but not name anything else, and
        # together they use every placeholder; a single message uses exactly the English placeholders
        plural = isinstance(mid, tuple)
        for text in strings:
            named = placeholders(text)
            if (plural and not named <= wanted) or (not plural and named != wanted):
                found.append(f"{lang}: placeholders {sorted(named)} differ from {sorted(wanted)}: {key!r}")
        if plural and set().union(*(placeholders(t) for t in strings)) != wanted:
            found.append(f"{lang}: the plural forms leave out placeholders of {sorted(wanted)}: {key!r}")
    return found


def merge(lang: str, parts: list[Path]) -> int:
    """Fill `lang`'s catalogue from other .po files; returns how many messages were filled."""
    catalog = read(po_path(lang), lang)
    filled = 0
    for part in parts:
        for msg in read(part, lang):
            if not msg.id or not msg.string:
                continue
            mine = catalog.get(msg.id, msg.context)
            if mine is not None and (not mine.string or (isinstance(mine.string, tuple) and not all(mine.string))):
                mine.string = msg.string
                mine.flags.discard("fuzzy")
                filled += 1
    with po_path(lang).open("wb") as fh:
        write_po(fh, catalog, width=120, sort_by_file=True, ignore_obsolete=True)
    return filled


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "update"
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "check":
        found = [p for lang in languages() for p in problems(lang)]
        print("\n".join(found) or "every catalogue is complete")
        return 1 if found else 0
    elif command == "merge":
        print(merge(argv[1], [Path(p) for p in argv[2:]]), "messages filled")
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
