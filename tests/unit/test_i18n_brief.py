"""Pathways, the brief and the deck in French, Spanish and Portuguese (issue 17): whole sentences with Babel's
numbers, slide titles and table headers read back from the PPTX. English is checked unchanged alongside.
Translations: the app's catalogues (locale/<lang>/LC_MESSAGES/messages.po)."""

from __future__ import annotations

import datetime as dt
import io
import re

import pandas as pd
from pptx import Presentation

from components import i18n, ui
from components.brief import Slide, brief_date, leading_cities, region_words
from components.deck import build_pptx, is_source_line, sources_frame_for_slides
from components.i18n import use_language
from components.pathway import (
    AGGREGATE_RULES,
    RULES_TEXT,
    Pathway,
    TargetPoint,
    Trend,
    aggregate_pathways,
    basis_words,
    coverage_sentence,
    describe,
    format_tonnes,
    on_track_sentence,
)
from queries import store_identity

NNBSP, NBSP = "\u202f", "\u00a0"  # Babel's French group separator and the space before "%"
PNG = b"\x89PNG\r\n\x1a\n" + bytes.fromhex(
    "0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


# A city whose 2015–2022 trend falls by 10 Mt a year from 2,234.5 Mt in 2030: it misses its 2030 level of 1,000 Mt by
# 1,234.5 Mt (123 % of it) and reaches that level only in 2153.45, after this century.
TARGET = {"kind": "base_year", "reduction_pct": 50.0, "base_year": 1990, "target_year": 2030}
TREND = Trend((2015, 2022), slope=-1e7, intercept=2.2345e9 + 1e7 * 2030, n_points=8)


def pathway() -> Pathway:
    return Pathway((1990, 2e9), [TargetPoint(2030, 1e9, "base_year", describe(TARGET))])


def test_on_track_sentence_in_french_with_babel_numbers():
    with use_language("fr"):
        sentence = on_track_sentence("Lyon", pathway(), TREND, pd.DataFrame())
    assert sentence == (
        "Selon sa tendance 2015–2022, Lyon n'atteint pas le niveau de son objectif 2030 au cours de ce siècle (les "
        f"émissions baissent trop lentement) ; l'écart en 2030 est de 1{NNBSP}234,5 MtCO2e (123{NBSP}% au-dessus du "
        "niveau de l'objectif)."
    )


def test_on_track_sentence_in_english_is_unchanged():
    assert on_track_sentence("Lyon", pathway(), TREND, pd.DataFrame()) == (
        "At its 2015–2022 trend, Lyon does not reach its 2030 target level this century (emissions are falling too "
        "slowly); the gap in 2030 is 1,234.5 MtCO2e (123% above the target level)."
    )


def test_on_track_sentence_reaching_the_target_in_spanish_and_portuguese():
    # falls 100 kt a year from 1,000 kt in 2022: 200 kt in 2030, 100 kt under a 300 kt target it reaches in 2029
    trend = Trend((2015, 2022), slope=-1e5, intercept=1e6 + 1e5 * 2022, n_points=8)
    path = Pathway((2015, 2e6), [TargetPoint(2030, 3e5, "fixed_level", "x")])
    with use_language("es"):
        assert on_track_sentence("Madrid", path, trend, pd.DataFrame()) == (
            "Según su tendencia 2015–2022, Madrid alcanza su objetivo de 2030 (x) en 2029 y está en camino: 100 ktCO2e "
            "por debajo del nivel del objetivo en 2030."
        )
    with use_language("pt"):
        assert on_track_sentence("Recife", path, None, pd.DataFrame({"year": [2019, 2021]})) == (
            "Com 2 números (2019–2021) em uma mesma série, há poucos dados para dizer se Recife está no caminho certo: "
            "uma tendência exige 3 números de uma mesma fonte abrangendo 4 anos ou mais."
        )


def test_target_words_and_tonnes_in_each_language():
    net_zero = {"kind": "net_zero", "reduction_pct": 100.0, "base_year": None, "target_year": 2050}
    half = {**TARGET, "reduction_pct": 37.5}
    assert describe(half) == "−37.5 % cut from base year vs 1990 by 2030"
    with use_language("fr"):
        assert describe(half) == "−37,5 % réduction par rapport à l'année de référence (réf. 1990) d'ici 2030"
        assert describe(net_zero) == "zéro émission nette d'ici 2050"
        assert format_tonnes(691e6) == "691,0 MtCO2e" and format_tonnes(45_600) == "46 ktCO2e"
        assert basis_words(("modelled", "N2O")) == "modélisé, N2O"
    with use_language("es"):
        assert describe(net_zero) == "cero emisiones netas para 2050"
        assert format_tonnes(1_234_567_000) == "1.234,6 MtCO2e"
    with use_language("pt"):
        assert describe(half) == "−37,5 % redução em relação ao ano-base (ref. 1990) até 2030"


def test_coverage_sentence_in_french_and_english():
    c = {"cities": 1234, "with_targets": 1000, "drawn": 2, "population_share": 0.2, "flagged": 1,
         "by_basis": {"a": 1, "b": 1}}  # fmt: skip
    with use_language("fr"):
        assert coverage_sentence(c, "Europe") == (
            f"1{NNBSP}000 des 1{NNBSP}234 villes membres (Europe) ont un objectif dans la base ; 2 d'entre elles peuvent "
            f"être tracées (un niveau en tCO2e est connu) et regroupent 20{NBSP}% de la population des villes "
            "sélectionnées. 1 chiffre signalé (contrôle de plausibilité échoué) exclu de la somme. La somme additionne "
            "1 avec des chiffres de type a et 1 avec des chiffres de type b : des chiffres de types ou de gaz "
            "différents sont additionnés ici ; lisez donc la somme comme un ordre de grandeur, pas comme un inventaire."
        )
    assert coverage_sentence({**c, "flagged": 2, "by_basis": {}}, "Europe").startswith(
        "1,000 of 1,234 member cities (Europe) have a target in the store; 2 of them can be drawn"
    )
    assert coverage_sentence({**c, "flagged": 2, "by_basis": {}}, "Europe").endswith(
        "20% of the population of the cities selected. 2 flagged figures (failed a plausibility check) left out of "
        "the sum."
    )


def test_region_names_and_date_follow_the_language():
    assert region_words("Europe, Western Asia") == "Europe, Western Asia"
    assert brief_date(dt.date(2026, 3, 5)) == "05 March 2026"  # as strftime's %d %B %Y gave it
    with use_language("fr"):
        assert region_words("Europe, Western Asia") == "Europe, Asie de l’Ouest"
        assert brief_date(dt.date(2026, 3, 5)) == "5 mars 2026"
    with use_language("pt"):
        assert region_words("Latin America and the Caribbean, Somewhere") == "América Latina, Somewhere"
        assert brief_date(dt.date(2026, 11, 26)) == "26 de novembro de 2026"


def test_slide_tables_and_source_lines_in_spanish():
    cities = pd.DataFrame({"city_id": [1], "city": ["Bilbao"], "country": ["Spain"], "population": [3]})
    targets = pd.DataFrame([{"city_id": 1, "kind": "base_year", "target_year": 2030, "reduction_pct": 55.0}])
    sources = pd.DataFrame({"publisher": [f"P{i}" for i in range(8)]})
    with use_language("es"):
        leaders = leading_cities(cities, targets)
        assert list(leaders.columns) == ["Ciudad", "País", "Cero emisiones netas en", "Reducción para 2030"]
        assert list(leaders.iloc[0]) == ["Bilbao", "Spain", "—", "−55 %"]  # the data (city, country) as stored
        assert Slide("t", sources=sources).source_line() == (
            "Fuente: P0; P1; P2; P3; P4; P5 y 2 más (véase la diapositiva de fuentes)."
        )
        assert Slide("t", notes="Ciudades: GeoNames.").source_line() == "Ciudades: GeoNames."
        assert is_source_line("Fuente: CDP") and not is_source_line("Fuente de datos")
    assert Slide("t", sources=sources.head(2)).source_line() == "Source: P0; P1."


def test_rules_texts_say_what_the_code_docstrings_say():
    words = re.compile(r"\s+")
    doc = aggregate_pathways.__doc__.split("Rules:", 1)[1].split("Returns", 1)[0]
    assert words.sub(" ", AGGREGATE_RULES).strip() == words.sub(" ", doc).strip()
    assert RULES_TEXT.startswith("- A target becomes a point") and "TREND_MIN_SPAN" in RULES_TEXT
    with use_language("fr"):
        assert i18n._(AGGREGATE_RULES).startswith("seules comptent les villes")
        assert i18n._(RULES_TEXT).startswith("- Un objectif devient un point")


def test_deck_in_portuguese_has_portuguese_titles_and_table_headers(figures_store):
    filters = ui.store._freeze({"regions": ["Europe"], "income_groups": [], "networks": []})
    with use_language("pt"):
        slides = ui.cache._brief.__wrapped__(store_identity(figures_store), filters, lang="pt")
        data = build_pptx(slides, image=lambda *a, **k: PNG)
    deck = list(Presentation(io.BytesIO(data)).slides)
    titles = [s.shapes.title.text for s in deck]
    assert titles[:8] == ["Europa: a rede na região", "Números principais", "Onde estão as cidades-membro",
                          "Aonde levam suas metas", "As mais avançadas, e as que ainda não têm meta",
                          "Boas práticas: Europa", "Financiamento aberto às cidades: Europa",
                          "Fontes e licenças"]  # fmt: skip
    assert all(t == "Fontes e licenças" or re.fullmatch(r"Fontes e licenças \(\d+ de \d+\)", t) for t in titles[7:])
    subtitle = deck[0].placeholders[1].text_frame.text
    assert subtitle.startswith("UTMC Explorer · ") and " de " in subtitle  # "26 de novembro de 2026"

    def headers(slide) -> list[str]:
        table = next(sh.table for sh in slide.shapes if sh.has_table)
        return [table.cell(0, c).text for c in range(len(table.columns))]

    assert headers(deck[4]) == ["Cidade", "País", "Emissões líquidas zero em", "Redução até 2030"]
    assert headers(deck[5]) == ["Cidade", "Boa prática", "Setor"]
    assert headers(deck[6]) == ["Programa", "Instrumento", "Situação"]
    assert headers(deck[7]) == ["Fonte", "Licença", "Endereço"]
    lines = [sh.text_frame.text for sh in deck[1].shapes if sh.has_text_frame and sh != deck[1].shapes.title]
    assert re.fullmatch(r"\d+ cidades-membro", lines[0].split("\n")[0])
    assert any(t.startswith("Fonte: ") for t in lines)  # the source line at the foot
    foot = [sh.text_frame.text for sh in deck[7].shapes if sh.has_text_frame][-1]
    assert re.fullmatch(r"Fontes 1–\d+ de \d+; as notas do apresentador trazem suas citações completas\.", foot)


def test_sources_frame_keeps_english_columns_and_translates_its_words():
    frame = pd.DataFrame({"source_id": ["a"], "publisher": ["P"], "title": ["T"], "licence": [None], "url": ["u"],
                          "citation": ["c"]})  # fmt: skip
    with use_language("fr"):
        table = sources_frame_for_slides(frame)
    assert list(table.columns) == ["Source", "Licence", "Address", "citation"] and table["Licence"][0] == "non précisé"
