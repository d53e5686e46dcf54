"""The Network, City and Compare views in French, Spanish and Portuguese (issue 17): sentences with their number
formats and plurals, table headers, chart titles, the map's tooltip and summary, peer reasons. Expected values are
written out by hand from the translations in the catalogues and CLDR's formats (French groups digits with a
narrow no-break space U+202F and puts a no-break space U+00A0 before %; Spanish and Portuguese group with a dot)."""

from __future__ import annotations

import json

import pandas as pd

from components.city import flagged_notice, targets_table
from components.compare import comparison_download, normalised_figure, side_by_side, summary_sentence
from components.i18n import use_language
from components.inventory import describe_series, kind_comparison, source_totals
from components.maps import city_points, network_map
from components.network import cities_table, coverage_text, format_people, map_summary, table_by_region
from components.peers import peer_reasons

NNBSP, NBSP = "\u202f", "\u00a0"


COVERAGE = {"cities": 1234, "with_inventory": 617, "reported": 400, "modelled_only": 217, "with_target": 1000}


def test_the_coverage_sentence_in_french_groups_digits_and_takes_the_plural():
    with use_language("fr"):
        text = coverage_text(COVERAGE)
    # 617 / 1234 = 50 %, 1000 / 1234 = 81 %
    assert text == (
        f"Couverture des données de ces 1{NNBSP}234 villes : chiffre d’émissions ayant passé les contrôles de "
        f"plausibilité pour 617 (50{NBSP}%) — 400 déclarés par les villes, 217 seulement modélisés ; "
        f"objectif pour 1{NNBSP}000 (81{NBSP}%)."
    )


def test_the_coverage_sentence_of_one_city_is_singular_in_french_and_unchanged_in_english():
    one = {"cities": 1, "with_inventory": 1, "reported": 1, "modelled_only": 0, "with_target": 0}
    with use_language("fr"):
        assert coverage_text(one).startswith("Couverture des données de cette 1 ville : ")
    assert coverage_text(one).startswith("Data coverage of these 1 cities: 1 (100%) have an emissions figure")


def test_people_in_millions_follow_each_language_plural_rules():
    assert (format_people(1_500_000), format_people(12_345_678), format_people(45_600)) == (
        "1.5 million",
        "12.3 million",
        "45,600",
    )
    with use_language("fr"):  # French: singular below 2
        assert (format_people(1_500_000), format_people(12_345_678), format_people(45_600)) == (
            "1,5 million",
            "12,3 millions",
            f"45{NNBSP}600",
        )
        assert format_people(None) == "inconnu"
    with use_language("es"):  # Spanish: plural for anything but exactly 1
        assert (format_people(1_500_000), format_people(2_100_000_000)) == ("1,5 millones", "2,1 mil millones")
    with use_language("pt"):
        assert (format_people(1_500_000), format_people(45_600)) == ("1,5 milhão", "45.600")


CITIES = pd.DataFrame(
    {
        "city_id": [3117735, 3169070, 2988507],
        "city": ["Madrid", "Rome", "Paris"],
        "country": ["Spain", "Italy", "France"],
        "iso3": ["ESP", "ITA", "FRA"],
        "region": ["Europe", "Europe", "Europe"],
        "subregion": ["Southern Europe", "Southern Europe", "Western Europe"],
        "income_group": ["High income"] * 3,
        "population": [3_255_944, 2_318_895, 2_138_551],
        "latitude": [40.4, 41.9, 48.9],
        "longitude": [-3.7, 12.5, 2.35],
        "networks": [["C40", "EU Mission"], ["C40"], ["C40"]],
    }
)


def test_the_map_summary_in_portuguese():
    with use_language("pt"):
        text = map_summary(CITIES, "todas as regiões")
    # 3 cities, 3 countries, 7,713,390 people -> "7,7 milhões"
    assert text == (
        "Mapa de 3 cidades-membro em 3 países (todas as regiões), população total: 7,7 milhões; "
        "as maiores: Madrid, Rome, Paris."
    )
    with use_language("pt"):
        assert map_summary(CITIES.iloc[0:0], "Europa") == "Nenhuma cidade-membro corresponde a Europa."


def test_the_table_by_region_in_spanish_names_regions_by_cldr_and_keeps_networks():
    with use_language("es"):
        table = table_by_region(CITIES, ["C40", "EU Mission"])
    assert list(table.columns) == ["Región", "Subregión", "Ciudades", "Países", "Habitantes", "C40", "EU Mission"]
    assert list(table["Subregión"]) == ["Europa meridional", "Europa occidental"]
    assert list(table["Región"]) == ["Europa", "Europa"]
    assert list(table["Ciudades"]) == [2, 1]
    english = table_by_region(CITIES, ["C40", "EU Mission"])
    assert list(english.columns)[:5] == ["Region", "Sub-region", "Cities", "Countries", "People"]
    assert list(english["Sub-region"]) == ["Southern Europe", "Western Europe"]


def test_the_member_cities_table_in_french_translates_headers_countries_and_income_but_not_city_names():
    with use_language("fr"):
        table = cities_table(CITIES)
    assert list(table.columns) == [
        "Ville", "Pays", "Région", "Sous-région", "Groupe de revenu", "Population (GeoNames)", "Réseaux",
        "Identifiant GeoNames", "Latitude", "Longitude",
    ]  # fmt: skip
    first = table.iloc[0]
    assert (first["Ville"], first["Pays"], first["Sous-région"]) == ("Madrid", "Espagne", "Europe du Sud")
    assert first["Groupe de revenu"] == "Revenu élevé" and first["Réseaux"] == "C40; EU Mission"
    assert cities_table(CITIES).iloc[0]["Country"] == "Spain"  # English: the store's names


def test_the_map_tooltip_and_country_names_follow_the_language():
    with use_language("es"):
        deck = network_map(CITIES, None, ["C40", "EU Mission"])
        points = city_points(CITIES, ["C40", "EU Mission"])
    assert deck._tooltip == {"text": "{city}, {country}\n{networks_label}\nPoblación: {population_label}"}
    assert list(points["country"]) == ["España", "Italia", "Francia"]
    assert list(points["population_label"]) == ["3,3 millones", "2,3 millones", "2,1 millones"]
    english = network_map(CITIES, None, ["C40"])
    assert english._tooltip["text"].endswith("Population: {population_label}")
    assert json.loads(english.to_json())["layers"][1]["data"][0]["country"] == "Spain"


def _profiles():
    return pd.DataFrame(
        {
            "city_id": [1, 2],
            "city": ["A", "B"],
            "country": ["Spain", "France"],
            "iso3": ["ESP", "FRA"],
            "subregion": ["Southern Europe", "Western Europe"],
            "income_group": ["High income", "High income"],
            "population": [1_000_000, 2_500_000],
            "networks": [["C40"], []],
        }
    )


def _inventory():
    rows = [
        (1, "s1", 2019, "total", 4_000_000.0, "reported", "CO2e", "administrative city", "Pub"),
        (1, "s1", 2019, "energy", 3_000_000.0, "reported", "CO2e", "administrative city", "Pub"),
        (1, "s1", 2019, "transport", 1_000_000.0, "reported", "CO2e", "administrative city", "Pub"),
    ]
    return pd.DataFrame(
        rows,
        columns=["city_id", "source_id", "year", "sector", "emissions_tco2e", "data_kind", "gas", "boundary",
                 "publisher"],
    )  # fmt: skip


def _targets():
    return pd.DataFrame(
        [(1, "s1", "base_year", 2030, 1990, 65.0), (1, "s1", "net_zero", 2050, None, None)],
        columns=["city_id", "source_id", "kind", "target_year", "base_year", "reduction_pct"],
    )


def test_the_comparison_in_portuguese_headers_and_cells():
    from components.compare import comparison_table

    with use_language("pt"):
        table = comparison_table(_profiles(), _inventory(), _targets(), 2026)
        download = comparison_download(table)
        words = side_by_side(table)
        sentence = summary_sentence(table)
    assert list(download.columns) == [
        "Cidade", "ID do GeoNames", "País", "Região", "Grupo de renda", "População", "Redes",
        "Último ano de inventário", "Base", "Número", "Emissões totais (t)", "Por habitante (t/hab.)",
        "Principais setores", "Ano das emissões líquidas zero", "Meta intermediária mais próxima", "Fontes",
    ]  # fmt: skip
    a = download.iloc[0]
    assert (a["Cidade"], a["País"], a["Região"], a["Grupo de renda"]) == (
        "A",
        "Espanha",
        "Europa Meridional",
        "Renda alta",
    )
    assert a["Base"] == "declarado" and a["Número"] == "declarado, todos os GEE, CO2e, cidade administrativa (Pub)"
    assert a["Principais setores"] == "energia 75%, transportes 25% (declarado)"
    assert download.iloc[1]["Número"] == "nenhum número declarado"
    assert words.loc["Emissões totais (t)", "A"] == "4.000.000 (declarado)"
    assert words.loc["Por habitante (t/hab.)", "A"] == "4,0 (declarado)"
    assert words.loc["Ano das emissões líquidas zero", "B"] == "nenhum na base de dados"
    assert words.loc["População", "B"] == "2,5 milhões"
    assert sentence == (
        "Comparação de 2 cidades (A, B); cidades com inventário na base de dados: 1; a maior é B (população: "
        "2,5 milhões)."
    )
    # the internal frame keeps the English names the page reads
    assert "Latest inventory year" in table.columns and table.loc[0, "Basis"] == "reported"


def test_the_normalised_chart_title_and_axis_in_french():
    with use_language("fr"):
        figure = normalised_figure(_profiles(), _inventory(), "per capita", "Pub", "reported")
    assert figure.layout.title.text.startswith("Émissions par habitant, dernière année (chiffres déclarés)")
    assert figure.layout.yaxis.title.text == "t par habitant"


def test_peer_reasons_in_spanish():
    me = pd.Series({"population": 1_000_000, "per_capita_tco2e": 4.0, "net_zero_year": 2050, "networks": ["C40"]})
    peer = {
        "population": 2_000_000, "income_group": "High income", "subregion": "Western Europe", "region": "Europe",
        "per_capita_tco2e": 8.0, "net_zero_year": 2040, "networks": ["C40"], "sim_size": 0.7, "sim_income": 0.5,
        "sim_region": 0.5, "sim_per_capita": 0.5, "sim_sector_mix": 0.875, "sim_ambition": 0.5,
    }  # fmt: skip
    with use_language("es"):
        text = peer_reasons(me, peer)
    assert text == (
        "tamaño similar: 2,0 M frente a 1,0 M; ingresos: Ingreso alto; misma región (Europa); "
        f"por habitante 8,0 t frente a 4,0 t; combinación de sectores similar en un 88{NBSP}%; "
        "cero emisiones netas 2040 frente a 2050; ambas en C40"
    )


def test_flagged_notice_plurals_in_french():
    with use_language("fr"):
        one = flagged_notice(1, "Lagos", included=False)
        two = flagged_notice(2, "Lagos", included=True)
    assert one == (
        "1 chiffre de Lagos n’a pas passé un contrôle de plausibilité et est exclu du graphique, de la trajectoire et "
        "de la tendance (activez **Inclure les chiffres signalés** dans la barre latérale pour le voir)."
    )
    assert two == (
        "2 chiffres de Lagos n’ont pas passé un contrôle de plausibilité et sont tracés, car les chiffres signalés "
        "sont inclus (barre latérale)."
    )
    assert flagged_notice(1, "Lagos", included=True).startswith("1 figure of Lagos failed a plausibility check and are")


def test_targets_table_and_source_disagreements_in_spanish():
    targets = pd.DataFrame(
        [{"kind": "net_zero", "sector": "total", "base_year": None, "target_year": 2050, "reduction_pct": None,
          "scope": None, "status": None, "data_kind": "reported", "gas": None, "boundary": "not stated",
          "flag_reason": None, "source_id": "nzt_2022", "publisher": "Net Zero Tracker"}]
    )  # fmt: skip
    with use_language("es"):
        table = targets_table(targets)
    assert list(table.columns) == ["Objetivo", "Año objetivo", "Año base", "Sector", "Alcance", "Estado", "Cifra",
                                   "Gas", "Límite", "Control", "Fuentes"]  # fmt: skip
    row = table.iloc[0]
    assert (row["Sector"], row["Cifra"], row["Gas"], row["Límite"], row["Control"]) == (
        "total", "declarado", "no indicado", "no indicado", "superado",
    )  # fmt: skip
    inventory = pd.DataFrame(
        [("a", 2019, "total", 12.0, "reported", "CO2e", "administrative city", "A"),
         ("b", 2019, "total", 10.0, "modelled", "CO2", "functional urban area", "B")],
        columns=["source_id", "year", "sector", "emissions_tco2e", "data_kind", "gas", "boundary", "publisher"],
    )  # fmt: skip
    with use_language("es"):
        both = kind_comparison(source_totals(inventory))
        series = describe_series({"data_kind": "modelled", "gas": "CO2", "source_id": "carbon_monitor_cities"})
    assert list(both.columns) == ["Año", "Primera (t)", "Primera fuente", "Segunda (t)", "Segunda fuente", "Cociente",
                                  "Qué difiere"]  # fmt: skip
    assert both.iloc[0]["Qué difiere"] == (
        "tipo: declarado frente a modelado; gas: todos los GEI, CO2e frente a solo CO2 fósil; "
        "límite: ciudad administrativa frente a área urbana funcional"
    )
    assert series == "totales modelados (Carbon Monitor Cities; solo CO2 fósil)"
