"""The Data page's tables and Your figures in French, Spanish and Portuguese (issue 17): headers, sentences, the
sandbox's refusals, downloads and deck, each checked against a value worked out by hand; and the English text
unchanged.
Translations: the app's catalogues (locale/<lang>/LC_MESSAGES/messages.po)."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest

from components import sandbox as sb
from components.i18n import use_language
from components.quality import checks_summary, checks_text, with_headers
from data.importers.reading import ImportRefused

NNBSP = "\u202f"  # CLDR's French group separator (narrow no-break space)

MADRID = {"city_id": 3117735, "city": "Madrid", "country": "Spain", "iso3": "ESP", "population": 3_255_944,
          "income_group": "High income", "region": "Europe", "subregion": "Southern Europe",
          "intermediate_region": None, "region_ids": ["150", "039"], "networks": ["C40"]}  # fmt: skip
NO_STORE = pd.DataFrame(columns=sb.INVENTORY_COLUMNS)
# 2018-2019 totals (9 and 8.5 Mt), one target; Barcelona's row (line 5) is another city: left out.
DRAFT = b"""record,city_id,city_name,country_iso3,year,sector,emissions,unit,target_kind,base_year,target_year,reduction_pct
inventory,,,,2018,total,9,MtCO2e,,,,
inventory,,,,2019,total,8.5,MtCO2e,,,,
target,,,,,total,,,net_zero,,2050,
inventory,,Barcelona,ESP,2019,total,5,MtCO2e,,,,
"""


def draft(lang: str = "en") -> sb.Sandbox:
    with use_language(lang):
        return sb.load(sb.read_upload(DRAFT, "draft.csv"), MADRID, NO_STORE, "draft.csv", this_year=2026)


# --- the Data page -------------------------------------------------------------------------------------------------
def test_checks_text_keeps_its_english_and_takes_the_locales_decimal_sign():
    english = checks_text()
    assert "a city-wide total per person below 0.2 t or above 60 t (the highest" in english
    assert "a figure 300–3000 times another source's" in english  # `:g` as before: no grouping
    assert "more than 3 times off the city's inventory" in english
    with use_language("fr"):
        french = checks_text()
    assert "par habitant inférieur à 0,2 t ou supérieur à 60 t" in french
    assert "un chiffre 300–3000 fois celui d'une autre source" in french
    assert "**Inclure les chiffres signalés**" in french  # the markdown kept


FLAGGED = pd.DataFrame({
    "City": ["A", "B", "C"], "Country": ["X", "X", "Y"], "Source": ["s1", "s1", "s2"], "Year": [2019, 2020, 2019],
    "Figure": ["emissions"] * 3, "Kind": ["reported"] * 3, "Value (t)": [1.0, 2.0, 3.0],
    "Per person (t)": [0.1, 0.2, 0.3], "Check": ["per_capita", "per_capita", "year"], "Why": ["w1", "w2", "w3"],
    "GeoNames id": [1, 2, 3],
})  # fmt: skip


def test_flagged_figures_headers_translated_values_kept():
    with use_language("es"):
        shown = with_headers(FLAGGED)
    assert list(shown.columns) == ["Ciudad", "País", "Fuente", "Año", "Cifra", "Tipo", "Valor (t)",
                                   "Por habitante (t)", "Control", "Motivo", "Id. de GeoNames"]  # fmt: skip
    assert list(shown["Ciudad"]) == ["A", "B", "C"] and list(shown["Control"]) == ["per_capita", "per_capita", "year"]
    assert list(with_headers(FLAGGED).columns) == list(FLAGGED.columns)  # English: the queries' own names


def test_checks_summary_counts_per_check_and_source_with_headers():
    # per_capita x s1: A and B (2); year x s2: C (1); sorted by check then source
    with use_language("pt"):
        summary = with_headers(checks_summary(FLAGGED))
    assert list(summary.columns) == ["Verificação", "O que significa", "Fonte", "Sinalizados"]
    assert list(summary["Sinalizados"]) == [2, 1]
    assert list(summary["Verificação"]) == ["per_capita", "year"]


def test_unknown_header_is_shown_as_it_is():
    with use_language("fr"):
        assert list(with_headers(pd.DataFrame(columns=["Line", "odd column"])).columns) == ["Ligne", "odd column"]


def test_import_problems_headers_and_refusal_line():
    from components.ui.upload import _refused, problems_shown

    problems = pd.DataFrame({"row": [3], "column": ["year"], "problem": ["year 'x' is not a number"]})
    with use_language("fr"):
        assert list(problems_shown(problems).columns) == ["ligne", "colonne", "problème"]
        assert _refused("file", "empty") == "Le fichier a été refusé ; la base est inchangée. empty"
        assert _refused("list", "empty") == "La liste a été refusée ; la base est inchangée. empty"
    assert list(problems_shown(problems).columns) == ["row", "column", "problem"]
    assert _refused("list", "empty") == "The list was refused; the store is unchanged. empty"


# --- Your figures ----------------------------------------------------------------------------------------------------
def test_summary_sentence_in_english_unchanged_and_in_french():
    # 2 inventory rows (2018–2019), latest total 8.5 Mt in 2019, 1 target, nothing flagged
    assert sb.summary_sentence(draft()) == (
        "Your figures for Madrid: 2 inventory rows (2018–2019); latest total 8.5 MtCO2e in 2019, 1 target."
    )
    box = draft("fr")
    with use_language("fr"):
        sentence = sb.summary_sentence(box)
    assert sentence == (
        "Vos chiffres pour Madrid : 2 lignes d'inventaire (2018–2019) ; dernier total 8,5 MtCO2e en 2019, 1 objectif."
    )


def test_summary_sentence_plurals_and_flagged_in_spanish():
    # 8.2 t for 2021: 0.0000025 t per person, flagged; 3 inventory rows, 1 flagged; usable totals end in 2019
    slip = DRAFT + b"inventory,,,,2021,total,8.2,tCO2e,,,,\n"
    box = sb.load(sb.read_upload(slip, "slip.csv"), MADRID, NO_STORE, this_year=2026)
    with use_language("es"):
        sentence = sb.summary_sentence(box)
    assert sentence == (
        "Sus cifras para Madrid: 3 filas de inventario (2018–2021); último total 8,5 MtCO2e en 2019, "
        "1 objetivo; 1 señalada por los controles de verosimilitud."
    )


def test_refusals_in_portuguese_and_french_with_their_numbers():
    rows = b"record,year,sector,emissions,unit\n" + b"inventory,2019,total,1,tCO2e\n" * 2_001
    with use_language("pt"), pytest.raises(ImportRefused, match="seus números têm 2.001 linhas; o limite é 2.000"):
        sb.read_upload(rows, "many.csv")
    # 35 + 10 x 120,000 = 1,200,035 bytes = 1,171.9 kB, shown 1 172 (rounded) against 1 024
    big = b"record,year,sector,emissions,unit\n" + b"inventory\n" * 120_000
    with use_language("fr"), pytest.raises(ImportRefused) as refused:
        sb.read_upload(big, "big.csv")
    assert str(refused.value).startswith(f"le fichier fait 1{NNBSP}172 ko ; la limite pour vos propres chiffres est "
                                         f"de 1{NNBSP}024 ko")  # fmt: skip


def test_another_citys_row_is_reported_in_the_language_of_the_check():
    problems = draft("es").report.problems_frame()
    assert list(problems["row"]) == [5]
    assert problems["problem"][0].startswith("no es Madrid, ESP: sus cifras son solo de la ciudad elegida arriba")


def test_downloads_say_whose_figures_in_spanish():
    box = draft()
    with use_language("es"):
        table = sb.figures_table(box)
        lines = sb.download_lines(box)
    assert list(table.columns) == ["Cifras", "Ciudad", "Id. de GeoNames", "Registro", "Año", "Sector",
                                   "Emisiones (tCO2e)", "Tipo", "Control", "Tipo de objetivo", "Año base",
                                   "Año objetivo", "Reducción %"]  # fmt: skip
    assert set(table["Cifras"]) == {"sus cifras"}
    assert list(table["Registro"]) == ["inventario", "inventario", "objetivo"]
    assert list(table["Control"]) == ["superado"] * 3
    assert list(table["Sector"]) == ["total"] * 3  # the template's codes stay
    assert lines == ["Sus propias cifras, introducidas en esta sesión: no guardadas, visibles solo para usted. "
                     "Ciudad: Madrid, Spain (GeoNames 3117735)."]  # fmt: skip
    english = sb.figures_table(box)
    assert list(english.columns)[:4] == ["Figures", "City", "GeoNames id", "Record"]
    assert list(english["Check"]) == ["passed"] * 3


def test_workbook_sheets_and_about_in_portuguese():
    box = draft()
    with use_language("pt"):
        book = pd.read_excel(io.BytesIO(sb.to_xlsx(box)), sheet_name=None)
    assert list(book) == ["Sobre estes números", "Seus números"]
    about = list(book["Sobre estes números"]["Sobre"])
    assert about[0] == "Seus próprios números, inseridos nesta sessão: não salvos, visíveis apenas para você."
    assert about[2] == "Feito com o UTMC Explorer."
    assert set(book["Seus números"]["Números"]) == {"seus números"}


def test_per_capita_labels_and_styles_follow_the_language():
    mine = pd.DataFrame({"per_capita_tco2e": [2.5], "inventory_year": [2019]})
    store_row = pd.DataFrame({"per_capita_tco2e": [3.0], "inventory_year": [2018]})
    peers = pd.DataFrame({"city": ["Lyon"], "country": ["France"], "per_capita_tco2e": [4.0], "inventory_year": [2020]})
    with use_language("fr"):
        table = sb.per_capita_table(MADRID, mine, store_row, peers)
        figure = sb.per_capita_figure(table, "Madrid", "s")
    # highest first: Lyon 4.0, the store 3.0, yours 2.5
    assert list(table["City"]) == ["Lyon, France", "Madrid : la base", "Madrid : vos chiffres"]
    assert list(table["Figures"]) == ["la base (déclaré), ville comparable", "la base (déclaré)", "vos chiffres"]
    yours = next(t for t in figure.data if t.name == "vos chiffres")
    assert yours.marker.pattern.shape == "x" and yours.marker.color == sb.YOURS
    assert yours.hovertemplate == "%{x:.1f} t par habitant<extra>%{y}</extra>"
    assert figure.layout.xaxis.title.text == "tCO2e par habitant (population GeoNames actuelle)"


def test_deck_of_your_figures_in_each_language():
    box = draft()
    p = sb.your_pathway(box)
    day = dt.date(2026, 11, 30)
    english = sb.build_slides(box, None, p, None, None, pd.DataFrame(), pd.DataFrame(), day)
    assert english[0].title == "Madrid, Spain: your figures"
    assert english[0].lines[0] == "Your own figures, not saved, visible only to you"
    assert english[0].lines[2] == "UTMC Explorer, 30 November 2026"
    practices = pd.DataFrame({"title": ["Bus lanes"], "city": ["Lyon"], "why": ["transport"]})
    with use_language("fr"):
        french = sb.build_slides(box, None, p, None, None, practices, pd.DataFrame(), day)
    assert french[0].title == "Madrid, Spain : vos chiffres"
    assert french[0].lines[0] == "Vos propres chiffres, non enregistrés, visibles par vous seul"
    assert french[0].lines[2] == "UTMC Explorer, 30 novembre 2026"
    assert french[-1].title == "Bonnes pratiques pour vos principaux secteurs"
    assert list(french[-1].table.columns) == ["Bonne pratique", "Ville", "Pourquoi"]
    assert french[0].notes.startswith("Vos propres chiffres, saisis dans cette session")
    with use_language("es"):
        spanish = sb.build_slides(box, None, p, None, None, pd.DataFrame(), pd.DataFrame(), day)
    assert spanish[0].lines[2] == "UTMC Explorer, 30 de noviembre de 2026"


def test_your_pathway_name_in_portuguese():
    box = draft()
    with use_language("pt"):
        assert sb.your_pathway(box).sentence.count("Madrid (seus números)") == 1
