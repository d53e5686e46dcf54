"""The import reports and the plausibility checks' reasons in French, Spanish and Portuguese (issue 17), with
the English text unchanged. Expected values are worked out by hand: Babel's French groups thousands with a
narrow no-break space (U+202F) and writes a decimal comma; Spanish and Portuguese group with a dot."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from components.i18n import use_language
from data.checks import REASONS, check_text, emission_flags, reason_text, target_flags
from data.importers import count
from data.importers.base import ImportReport
from data.importers.messages import Message, Num, local
from data.importers.reading import ImportRefused
from data.importers.template import parse_frame

ROOT = Path(__file__).resolve().parents[2]
NNBSP = "\u202f"  # French thousands separator


class OneCity:
    """A matcher that knows one city by id (Madrid), as the template's rows give city_id."""

    cities = {3117735: (3117735, "Madrid", "ESP", 40.4, -3.7, "29", 3_255_944)}


# line 2 passes; line 3 has a year before 1990; line 4 a value that is not a number; line 5 a 150.5 % reduction
ROWS = [
    ["inventory", "3117735", "2019", "total", "1234567", "tCO2e", "", "", "", ""],
    ["inventory", "3117735", "1850", "total", "5", "MtCO2e", "", "", "", ""],
    ["inventory", "3117735", "2020", "total", "beaucoup", "tCO2e", "", "", "", ""],
    ["target", "3117735", "", "total", "", "", "base_year", "2015", "2030", "150.5"],
]
HEADER = ["record", "city_id", "year", "sector", "emissions", "unit", "target_kind", "base_year", "target_year",
          "reduction_pct"]  # fmt: skip


def template_report() -> ImportReport:
    report = ImportReport(format="template", file="figures.csv")
    count(parse_frame(pd.DataFrame(ROWS, columns=HEADER), OneCity(), report), report)
    return report


def test_template_report_in_english_is_unchanged():
    report = template_report()
    assert report.summary() == "\n".join([
        "template (template v1): figures.csv",
        "  rows read            4",
        "  rows imported        1  (1 inventory rows, 0 targets)",
        "  skipped              2  invalid value",
        "  skipped              1  reduction outside 0-100 %",
        "  unmatched            0",
    ])  # fmt: skip
    problems = report.problems_frame()
    assert list(problems.columns) == ["row", "column", "problem"]
    assert list(problems["problem"]) == [
        "year: year '1850' is outside 1990-2100",
        "emissions: not a number: 'beaucoup'",
        "reduction of 150.5 %",
    ]
    # the report's data stay English whatever the language: counts by reason, problems as recorded
    assert report.skipped == {"invalid value": 2, "reduction outside 0-100 %": 1}
    assert [type(p.problem) for p in report.problems] == [Message, Message, Message]


def test_template_report_in_french():
    report = template_report()
    with use_language("fr"):
        summary = report.summary()
        problems = report.problems_frame()
    # the longest label, "lignes importées" (16), sets the label column: 16 + 2 = 18 characters
    assert summary == "\n".join([
        "template (template v1): figures.csv",
        "  lignes lues             4",
        "  lignes importées        1  (1 lignes d'inventaire, 0 objectifs)",
        "  ignorées                2  valeur non valide",
        "  ignorées                1  réduction hors de 0-100 %",
        "  non reconnues           0",
    ])  # fmt: skip
    assert list(problems.columns) == ["ligne", "colonne", "problème"]
    assert list(problems["ligne"]) == [3, 4, 5]
    assert list(problems["colonne"]) == ["year", "emissions", "reduction_pct"]  # the file's own column names
    assert list(problems["problème"]) == [
        "year : l'année '1850' est en dehors de 1990-2100",
        "emissions : pas un nombre : 'beaucoup'",
        "réduction de 150,5 %",
    ]


def test_template_report_in_spanish_and_portuguese():
    report = template_report()
    with use_language("es"):
        assert report.problems_frame()["problema"].tolist()[1:] == [
            "emissions: no es un número: 'beaucoup'",
            "reducción del 150,5 %",
        ]
        assert "  omitidas" + " " * 16 + "2  valor no válido" in report.summary()
    with use_language("pt"):
        assert report.problems_frame()["problema"].tolist()[0] == "year: o ano '1850' está fora de 1990-2100"


def test_a_refused_file_says_why_in_the_readers_language_and_logs_english():
    with pytest.raises(ImportRefused) as refused:
        parse_frame(pd.DataFrame([["3117735"]], columns=["city_id"]), OneCity(), ImportReport("template", "x.csv"))
    english = "unknown layout for the template: missing columns ['record']; expected columns ["
    assert str(refused.value).startswith(english)  # outside the app: English
    with use_language("fr"):
        assert str(refused.value).startswith(
            "disposition inconnue pour le modèle : colonnes manquantes ['record'] ; colonnes attendues ["
        )
        assert refused.value.english.startswith(english)  # for the log


def test_numbers_in_messages_follow_the_locale():
    limit = Message("the file has more than {limit} rows (the limit)", limit=Num(200_000))
    assert limit == "the file has more than 200,000 rows (the limit)"  # the str itself: English
    with use_language("fr"):
        assert local(limit) == f"le fichier a plus de 200{NNBSP}000 lignes (la limite)"
    with use_language("es"):
        assert local(limit) == "el archivo tiene más de 200.000 filas (el límite)"
    size = Message("the file is {size}; the limit is {limit}", size=Message("{n} MiB", n=Num(20.5 * 2**20 / 2**20,
                   ",.1f")), limit=Message("{n} MiB", n=Num(20.0, ",.1f")))  # fmt: skip
    assert size == "the file is 20.5 MiB; the limit is 20.0 MiB"
    with use_language("fr"):
        assert size.text() == "le fichier fait 20,5 Mio ; la limite est de 20,0 Mio"


def test_flag_reason_in_portuguese_with_its_numbers():
    # 200,000 people and 13 kt: 0.065 t per person, written 0.07 (two decimals) -> "0,07" in Portuguese
    f = emission_flags(pd.DataFrame([(1, 2018, "total", "a", "reported", "not stated", 13e3, None, "t", 200_000)],
                                    columns=["city_id", "year", "sector", "source_id", "data_kind", "boundary",
                                             "emissions_tco2e", "reported_value", "reported_unit", "population"]),
                       2026)  # fmt: skip
    stored = f["flag_reason"][0]
    assert stored == "13 kt is 0.07 t per person; a city's own total lies between 0.2 and 60 t"  # unchanged English
    with use_language("pt"):
        assert reason_text("per_capita", stored) == (
            "13 kt equivalem a 0,07 t por habitante; o total próprio de uma cidade fica entre 0,2 e 60 t"
        )
    slip = "1,234 times the 2019 figure of cdp_2019 (modelled): likely a unit slip (t / kt / Mt)"
    with use_language("pt"):
        assert reason_text("unit_slip", slip) == (
            "1.234 vezes o número de 2019 de cdp_2019 (modelado): provavelmente um erro de unidade (t / kt / Mt)"
        )
    with use_language("fr"):
        assert reason_text("unit_slip", slip) == (
            f"1{NNBSP}234 fois le chiffre 2019 de cdp_2019 (modélisé) : probablement une erreur d'unité (t / kt / Mt)"
        )
    assert reason_text("unit_slip", slip) == slip  # English: as stored


def test_every_reason_the_checks_write_reads_back():
    """Each template of REASONS, written by the checks themselves, is recognised and re-rendered."""
    cols = ["city_id", "year", "sector", "source_id", "data_kind", "boundary", "emissions_tco2e", "reported_value",
            "reported_unit", "population"]  # fmt: skip
    emissions = pd.DataFrame([
        (1, 2030, "total", "future", "reported", "not stated", 1e6, None, "t", 200_000),  # year
        (2, 2018, "total", "zero", "reported", "not stated", 0.0, None, "t", 200_000),  # not_positive
        (3, 2018, "total", "big", "reported", "not stated", 2.5e7, None, "t", 200_000),  # per_capita
        (4, 2018, "total", "sum", "reported", "not stated", 1e6, None, "t", 200_000),  # sector_sum
        (4, 2018, "energy", "sum", "reported", "not stated", 2e6, None, "t", 200_000),
        (5, 2018, "total", "r", "reported", "not stated", 1e9, None, "t", 0),  # unit_slip
        (5, 2018, "total", "m", "modelled", "functional urban area", 1e6, None, "t", 0),
        (6, 2015, "total", "inv", "reported", "not stated", 1e6, None, "t", 200_000),
    ], columns=cols)  # fmt: skip
    targets = pd.DataFrame([
        ("t1", 1, 2015, -5.0, "not stated", 200_000),  # not_positive
        ("t2", 2, 2015, 2e7, "not stated", 200_000),  # per_capita: 100 t each
        ("t3", 6, 2015, 5e6, "not stated", 200_000),  # base_vs_inventory: 5 times the 1 Mt inventory
    ], columns=["target_id", "city_id", "base_year", "base_emissions_tco2e", "boundary", "population"])  # fmt: skip
    found = [*emission_flags(emissions, 2026)[["flag", "flag_reason"]].itertuples(index=False, name=None),
             *target_flags(targets, emissions)[["flag", "flag_reason"]].itertuples(index=False, name=None)]  # fmt: skip
    used = set()
    for flag, reason in found:
        matches = [t for t in REASONS[flag] if t in _templates_matching(flag, reason)]
        assert len(matches) == 1, (flag, reason)
        used.add(matches[0])
        with use_language("es"):
            assert reason_text(flag, reason) != reason, reason
    assert used == {t for ts in REASONS.values() for t in ts}
    with use_language("es"):
        by_flag = dict(found)
        assert reason_text("sector_sum", by_flag["sector_sum"]) == (
            "sus sectores suman 2,0 Mt, más que su total declarado de 1,0 Mt"
        )
        base_vs = [r for f, r in found if f == "base_vs_inventory"][0]
        assert base_vs == "base-year emissions of 5.0 Mt are 5 times the 2015 figure of inv (1.0 Mt, reported)"
        assert reason_text("base_vs_inventory", base_vs) == (
            "las emisiones del año base, 5,0 Mt, son 5 veces la cifra de 2015 de inv (1,0 Mt, declarado)"
        )


def _templates_matching(flag: str, reason: str) -> list[str]:
    from data.checks import _pattern

    return [t for t in REASONS[flag] if _pattern(t).fullmatch(reason)]


def test_an_unknown_wording_is_shown_as_stored_and_checks_have_descriptions():
    with use_language("fr"):
        assert reason_text("per_capita", "written by an older build") == "written by an older build"
        assert reason_text(None, None) is None
        assert check_text("per_capita") == "par habitant hors de 0,2-60 t"
        assert check_text("sector_sum") == "secteurs au-delà de 110\u00a0% du total déclaré"  # a no-break space
    assert check_text("sector_sum") == "sectors over 110% of the stated total"
