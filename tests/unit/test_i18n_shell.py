"""The shared shell in French, Spanish and Portuguese (issue 17): the sidebar's words, downloads (button labels, the
ZIP's README and sources.csv, the XLSX's sheets), image credits, table cells and chart labels. Expected values are
worked out by hand from the translations in the catalogues and Babel's CLDR data (French groups digits with
a narrow no-break space, U+202F)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook

from components.charts import inventory_title, sector_word
from components.export import image_credit, readme_text, to_xlsx_bytes, to_zip_bytes
from components.i18n import use_language
from components.network import region_labels
from components.tables import format_cell
from components.ui.downloads import csv_label
from components.ui.language import _asked
from components.ui.sources import every_source

TODAY = dt.date(2026, 11, 30)
NNBSP = "\u202f"  # French thousands separator
SOURCES = pd.DataFrame(
    [
        ("ghg", "Inventaire 2019", "Ville de Lyon", "https://example.org/lyon", "CC BY 4.0", dt.date(2026, 11, 26),
         "Ville de Lyon: Inventaire 2019"),
        ("nolicence", "Page", "Editorial", "https://example.org/p", None, dt.date(2026, 11, 27), "Editorial: Page"),
    ],
    columns=["source_id", "title", "publisher", "url", "licence", "accessed", "citation"],
)  # fmt: skip
DATA = pd.DataFrame({"city": ["Lyon"], "emissions_tco2e": [1234567.5], "source_id": ["ghg"]})


@pytest.fixture
def tiny(tiny_store, monkeypatch):
    monkeypatch.setenv("UTMC_STORE", str(tiny_store))
    return tiny_store


def test_filters_text_names_regions_and_income_groups_in_french(tiny):
    from components.ui.sidebar import filters_text

    chosen = {"regions": ["Eastern Africa", "Europe"], "income_groups": ["High income"], "networks": ["Alpha"]}
    nothing = {"regions": [], "income_groups": [], "networks": []}
    with use_language("fr"):
        assert filters_text(chosen) == "Afrique orientale, Europe; Revenu élevé; Alpha"
        assert filters_text(nothing) == "toutes les régions, tous les groupes de revenu et tous les réseaux"
    with use_language("es"):
        assert filters_text({**nothing, "income_groups": ["Lower middle income"]}) == "Ingreso mediano bajo"
    assert filters_text(chosen) == "Eastern Africa, Europe; High income; Alpha"  # English as before
    assert filters_text(nothing) == "all regions, income groups and networks"


def test_region_labels_are_translated_and_keyed_by_the_english_names(tiny):
    import queries
    from components.ui.sidebar import _region_labels

    with use_language("fr"):
        labels = _region_labels(queries.store_identity(), "fr")
    assert labels == {
        "Africa": "Afrique",
        "Sub-Saharan Africa": "Afrique subsaharienne (Afrique)",
        "Eastern Africa": "Afrique orientale (Afrique subsaharienne)",
        "Europe": "Europe",
        "Western Europe": "Europe de l’Ouest (Europe)",  # CLDR's apostrophe
    }
    assert _region_labels(queries.store_identity(), "en")["Eastern Africa"] == "Eastern Africa (Sub-Saharan Africa)"


def test_region_labels_use_cldr_names_with_the_store_name_as_fallback():
    options = pd.DataFrame(
        {
            "value": ["Oceania", "Polynesia", "Nowhere"],
            "sort_key": ["Oceania", "Oceania / Polynesia", "Oceania / Nowhere"],
            "code": ["009", "061", None],
        }
    )
    assert region_labels(options) == {"Oceania": "Oceania", "Polynesia": "Polynesia (Oceania)",
                                      "Nowhere": "Nowhere (Oceania)"}  # fmt: skip
    with use_language("pt"):
        assert region_labels(options) == {"Oceania": "Oceania", "Polynesia": "Polinésia (Oceania)",
                                          "Nowhere": "Nowhere (Oceania)"}  # fmt: skip
    with use_language("fr"):
        assert region_labels(options)["Polynesia"] == "Polynésie (Océanie)"
        assert region_labels(options.drop(columns="code"))["Polynesia"] == "Polynesia (Oceania)"  # no codes: English


def test_zip_readme_and_sources_csv_in_spanish():
    with use_language("es"):
        data = to_zip_bytes(DATA, "utmc-prueba", SOURCES, "UTMC Explorer: prueba", view="Europa", today=TODAY)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert sorted(z.namelist()) == ["README.md", "sources.csv", "utmc-prueba.csv"]
        readme = z.read("README.md").decode("utf-8")
        sources_csv = z.read("sources.csv").decode("utf-8")
        data_csv = z.read("utmc-prueba.csv").decode("utf-8")
    assert readme == (
        "# UTMC Explorer: prueba\n\n"
        "Descargado de UTMC Explorer (Urban Transitions Mission Centre) el 2026-11-30.\n\n"
        "Vista: Europa\n\n"
        "## Archivos\n\n"
        "- `utmc-prueba.csv`: los datos, una fila de encabezado, los números sin formato (sin separadores de miles), "
        "UTF-8.\n"
        "- `sources.csv`: cada fuente de estas cifras con su licencia y su cita.\n\n"
        "## Fuentes y licencias\n\n"
        "- Editorial: Page (licencia no indicada) <https://example.org/p>\n"
        "- Ville de Lyon: Inventaire 2019 (CC BY 4.0) <https://example.org/lyon>\n\n"
        "## Cómo citar\n\n"
        "Cite las fuentes anteriores según sus licencias, y UTMC Explorer por la selección y las columnas calculadas: "
        '"UTMC Explorer, UTMC Explorer: prueba, descargado el 2026-11-30".\n'
    )
    assert sources_csv.splitlines()[0] == "\ufeffTítulo,Editor,Licencia,URL,Fecha de consulta,Cita"
    assert data_csv.splitlines() == [
        "\ufeffcity,emissions_tco2e,Fuente",
        "Lyon,1234567.5,Ville de Lyon: Inventaire 2019",
    ]


def test_readme_with_no_sources_in_french():
    with use_language("fr"):
        text = readme_text("T", "s", None, today=TODAY)
    assert "Aucune source n'est enregistrée pour ce tableau (il a été calculé par UTMC Explorer)." in text
    assert "## Comment citer" in text and '"UTMC Explorer, T, téléchargé le 2026-11-30"' in text


def test_xlsx_sheets_headers_and_note_in_portuguese():
    with use_language("pt"):
        book = load_workbook(io.BytesIO(to_xlsx_bytes(DATA, SOURCES, "Teste", view="Europa", today=TODAY)))
    assert book.sheetnames == ["dados", "fontes"]
    assert [c.value for c in book["dados"][1]] == ["city", "emissions_tco2e", "Fonte"]
    rows = [[c.value for c in row] for row in book["fontes"].iter_rows()]
    assert rows[0] == ["Título", "Editor", "Licença", "URL", "Data de acesso", "Citação"]
    assert rows[-1][0] == "UTMC Explorer, Teste, baixado em 2026-11-30. Visualização: Europa"


def test_download_label_formats_its_number_in_the_language():
    with use_language("fr"):
        assert csv_label(every_source(1234)) == f"Télécharger les 1{NNBSP}234 sources (CSV)"
    with use_language("es"):
        assert csv_label(every_source(12345)) == "Descargar las 12.345 fuentes (CSV)"
    with use_language("pt"):
        assert csv_label(every_source(1)) == "Baixar 1 fonte (CSV)"
    assert csv_label(every_source(1234)) == "Download all 1,234 sources (CSV)"  # English as before


def test_image_credit_in_french_and_spanish():
    with use_language("fr"):
        assert image_credit("Ville de Lyon", SOURCES) == "Source : Ville de Lyon · Licence : CC BY 4.0 · UTMC Explorer"
    with use_language("es"):
        assert image_credit("", None) == (
            "Fuente: UTMC Explorer · Licencia: consulte la lista de fuentes en la página Datos y fuentes de "
            "UTMC Explorer · UTMC Explorer"
        )


def test_table_cells_use_the_languages_separators():
    with use_language("fr"):
        assert [format_cell(v) for v in (1234567, 1234.5, 2.675, None)] == [
            f"1{NNBSP}234{NNBSP}567", f"1{NNBSP}234,50", "2,67", ""
        ]  # fmt: skip
    with use_language("pt"):
        assert format_cell(1234.5) == "1.234,50"
    assert [format_cell(v) for v in (1234567, 1234.5, 2.675, 3.0)] == ["1,234,567", "1,234.50", "2.67", "3"]


def test_chart_titles_and_legend_words_in_portuguese():
    inventory = pd.DataFrame(
        {"sector": ["energy", "waste"], "source_id": ["a", "a"], "data_kind": ["reported"] * 2, "year": [2015, 2019]}
    )
    with use_language("pt"):
        assert inventory_title(inventory, "Lisboa") == "Lisboa: emissões por setor, 2015–2019"
        assert sector_word("total") == "total (sem desagregação por setor)"
    assert inventory_title(inventory, "Lisbon") == "Lisbon: emissions by sector, 2015–2019"


def test_the_language_picker_s_own_names_open_that_language():
    assert [_asked(v) for v in ("Français", "español", "pt-BR", "fr", "Klingon", None)] == [
        "fr", "es", "pt", "fr", None, None
    ]  # fmt: skip
