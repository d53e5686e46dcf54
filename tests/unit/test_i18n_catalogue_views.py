"""Practices, Funding, Prospects and City2City pairs in French, Spanish and Portuguese (issue 17): reasons, status
words, headers and sentences worked out by hand from the translations; English left as it was.
Translations: the app's catalogues (locale/<lang>/LC_MESSAGES/messages.po)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from components.funding import CityFacts, check_programme, funding_table, status_age, ticket_text
from components.i18n import use_language
from components.pairing import SHARE_COLUMNS, pair_reasons, propose_pairs, reason_records
from components.practices import practices_table, rank_practices_for_city
from components.prospects import prospect_reasons, prospects_by_region, unknown_criteria

ROOT = Path(__file__).resolve().parents[2]
NNBSP, NBSP = "\u202f", "\xa0"  # French groups thousands with a narrow no-break space; "46 %" has a no-break space

NAIROBI = CityFacts("Nairobi", "KEN", "Kenya", ["002", "202", "014"], ["Africa", "Sub-Saharan Africa", "Eastern Africa"],
                    "Lower middle income", 2_750_000, ["transport", "energy"])  # fmt: skip


def programme(**rules) -> dict:
    base = {"name": "P", "provider": "X", "instrument": "grant", "scope": "international", "region_ids": None,
            "region_names": None, "country_iso3s": None, "income_groups": None, "sectors": None,
            "min_population": None, "max_population": None, "status": "open", "last_checked": date(2026, 11, 26),
            "url": "https://example.org", "recurrence": None, "ticket_min": None, "ticket_max": None,
            "currency": None}  # fmt: skip
    return {**base, **rules}


def prospect_row(**values) -> dict:
    base = {"region": "Africa", "income_group": "Lower middle income", "population": 12_345_678, "is_gcom": False,
            "gcom_known": False, "has_target": True, "net_zero_year": 2050, "inventory_year": 2019}  # fmt: skip
    return {**base, **values}


def test_a_prospects_reasons_in_spanish_with_its_numbers():
    counts = pd.Series({"Africa": 3, "Europe": 9})
    incomes = pd.Series({"Lower middle income": 2})
    with use_language("es"):
        text = prospect_reasons(prospect_row(), counts, incomes, 16, "Urban Transitions Mission")
    # 12,345,678 people = 12,345.678 k -> "12.346" (Spanish groups with a dot)
    assert text == (
        "12.346 k habitantes (>= 50 k); tiene un objetivo (cero emisiones netas en 2050); "
        "inventario declarado (2019); Africa: 3 de las 16 ciudades de Urban Transitions Mission; "
        "Ingreso mediano bajo: 2 de 16"
    )


def test_a_prospects_reasons_stay_as_they_were_in_english():
    counts = pd.Series({"Africa": 3})
    text = prospect_reasons(prospect_row(is_gcom=True), counts, pd.Series(dtype=int), 16, "Urban Transitions Mission")
    assert text == (
        "12,346 k people (>= 50 k); GCoM signatory (JRC file); has a target (net zero 2050); "
        "reported inventory (2019); Africa: 3 of 16 Urban Transitions Mission cities; Lower middle income: 0 of 16"
    )


def test_the_unchecked_criteria_in_portuguese_and_french():
    with use_language("pt"):
        assert unknown_criteria({"is_gcom": False, "gcom_known": True}) == (
            "não é signatária do GCoM no arquivo do JRC (uma cidade pode aderir em até 3 meses após se comprometer); "
            "plano de ação climática ausente da base de dados"
        )
    with use_language("fr"):
        assert unknown_criteria({"is_gcom": True, "gcom_known": True}) == "plan d’action climat absent de la base"


def test_prospects_by_region_headers_in_french_counts_unchanged():
    frame = pd.DataFrame({"region": ["Africa", None, "Africa"]})
    with use_language("fr"):
        table = prospects_by_region(frame)
    assert list(table.columns) == ["Région", "Villes candidates"]
    assert table.values.tolist() == [["Africa", 2], ["(sans région)", 1]]


def test_funding_status_and_verdict_words_in_french():
    frame = pd.DataFrame([programme(status="closed", last_checked=date(2025, 10, 1), recurrence="yearly",
                                    ticket_max=1_000_000, currency="EUR")])  # fmt: skip
    frame["verdict"], frame["met"], frame["failed"], frame["unknown"] = "not eligible", "", "x", ""
    with use_language("fr"):
        row = funding_table(frame, today=date(2026, 11, 30)).iloc[0]
    assert row["Statut"] == "fermé" and row["Pour cette ville"] == "non éligible"
    assert row["Instrument"] == "subvention" and row["Portée"] == "international"
    assert row["Régions"] == "toutes" and row["Groupes de revenu"] == "tous" and row["Secteurs"] == "tous"
    # 1 October 2025 to 30 November 2026: 13 whole months
    assert row["Statut vérifié"] == "vérifié il y a 13 mois"
    assert row["Remarque"] == "appel récurrent : surveiller le prochain"
    assert row["Montant"] == f"EUR jusqu’à 1{NNBSP}000{NNBSP}000"
    assert row["Montant maximal"] == 1_000_000  # the download keeps the number


def test_funding_table_headers_unchanged_in_english():
    table = funding_table(pd.DataFrame([programme()]), today=date(2026, 11, 30))
    assert list(table.columns) == [
        "Programme", "Provider", "Instrument", "Scope", "Regions", "Income groups", "Sectors", "Ticket", "Status",
        "Status checked", "Note", "Last checked", "Source", "Ticket from", "Ticket up to", "Currency",
    ]  # fmt: skip
    assert table.iloc[0]["Status"] == "open" and table.iloc[0]["Status checked"] == "checked 4 days ago"


def test_funding_reasons_in_french_with_numbers_and_region_names():
    rules = programme(region_ids=["150"], region_names=["Europe"], max_population=1_000_000, sectors=["waste"],
                      income_groups=["High income"], status="unknown")  # fmt: skip
    with use_language("fr"):
        verdict, met, failed, unknown = check_programme(rules, NAIROBI)
    assert verdict == "not eligible"  # the value stays; only its label is translated
    assert failed == [
        "réservé à : Europe",
        "réservé aux pays des groupes : Revenu élevé ; Kenya : Revenu intermédiaire inférieur",
        f"limite de taille 0–1{NNBSP}000{NNBSP}000 habitants ; Nairobi en compte 2{NNBSP}750{NNBSP}000",
    ]
    assert unknown == ["finance : déchets, pas ses principaux secteurs", "s’il est ouvert actuellement"]
    assert met == []


def test_funding_region_names_come_from_cldr_outside_english():
    rules = programme(region_ids=["419", "002"], region_names=["Africa", "Latin America and the Caribbean"])
    with use_language("es"):
        assert check_programme(rules, NAIROBI)[1][0] == "región admitida (África, Latinoamérica)"
    assert check_programme(rules, NAIROBI)[1][0] == "region ok (Africa, Latin America and the Caribbean)"


def test_status_age_and_ticket_plurals():
    with use_language("es"):
        assert status_age(date(2026, 11, 29), date(2026, 11, 30)) == "comprobado hace 1 día"
        assert status_age(date(2026, 11, 20), date(2026, 11, 30)) == "comprobado hace 10 días"
        assert ticket_text({"ticket_min": 50_000, "currency": "USD"}) == "USD desde 50.000"
    with use_language("pt"):
        assert status_age(None, date(2026, 11, 30)) == "nunca verificado"
        assert ticket_text({}) == "não informado"
    assert status_age(date(2026, 10, 30), date(2026, 11, 30)) == "checked 1 month ago"


def practice(**values) -> dict:
    base = {"practice_id": "p1", "title": "T", "city": "Kampala", "country": "Uganda", "iso3": "UGA",
            "city_id": 1, "region": "Africa", "subregion": "Sub-Saharan Africa", "income_group": "Lower middle income",
            "population": 1_650_000, "networks": ["C40"], "sector": "transport", "kind": "citizen engagement",
            "start_year": 2018, "summary": "S", "outcome": None, "url": "https://example.org"}  # fmt: skip
    return {**base, **values}


def test_a_practices_reasons_and_download_headers_in_french():
    with use_language("fr"):
        ranked = rank_practices_for_city(pd.DataFrame([practice()]), NAIROBI, ["C40"], {1})
        table = practices_table(ranked)
    assert ranked["why"].iloc[0] == (
        "transports est l’un des principaux secteurs émetteurs de Nairobi; "
        "Kampala est l’une des villes comparables à Nairobi; même sous-région (Sub-Saharan Africa); "
        "même groupe de revenu (Revenu intermédiaire inférieur); taille semblable (1,6 M contre 2,8 M d’habitants); "
        "toutes deux dans C40"
    )
    assert list(table.columns)[:3] == ["Pourquoi pour cette ville", "Bonne pratique", "Ville"]
    assert table.iloc[0]["Secteur"] == "transports" and table.iloc[0]["Type"] == "participation citoyenne"


def test_practice_sizes_round_as_before_in_english():
    # 2.45 M: f"{2.45:.1f}" gave "2.5" (binary 2.4500000000000002); the locale format must not give "2.4"
    ranked = rank_practices_for_city(pd.DataFrame([practice(population=2_450_000)]), NAIROBI, [], set())
    assert "similar size (2.5 M vs 2.8 M people)" in ranked["why"].iloc[0]


def pair_frame_of(rows: list[dict]) -> pd.DataFrame:
    base = {"country": "X", "income_group": "High income", "per_capita_tco2e": np.nan, "net_zero_year": np.nan,
            "practice_sectors": [], "has_target": False, "has_inventory": False, "largest_sector": None,
            "population": 1_000_000, **dict.fromkeys(SHARE_COLUMNS, np.nan)}  # fmt: skip
    return pd.DataFrame([{**base, **r} for r in rows])


def test_pair_reasons_in_portuguese_and_french():
    frame = pair_frame_of([
        {"city_id": 1, "city": "Lisbon", "region": "Europe", "practice_sectors": ["waste"], "has_target": True},
        {"city_id": 2, "city": "Kochi", "region": "Asia", "largest_sector": "waste", "has_inventory": True},
    ])  # fmt: skip
    records = reason_records(frame)
    with use_language("pt"):
        assert pair_reasons(records, 0, 1, 0.455) == (
            "Europe e Asia; parecidas em 46% em tamanho, renda, emissões, composição por setor, emissões líquidas zero; "
            "ambas: Renda alta; Lisbon tem uma prática em resíduos, o maior setor de Kochi; "
            "Lisbon tem uma meta, Kochi nenhuma na base de dados; Kochi declarou um inventário, Lisbon nenhum na base de dados"
        )
    with use_language("fr"):
        assert pair_reasons(records, 0, 1, 0.455).startswith(f"Europe et Asia; semblables à 46{NBSP}% par la taille")
    assert pair_reasons(records, 0, 1, 0.005).startswith("Europe and Asia; alike 0% on size")  # as f"{0.005:.0%}"


def test_a_dropped_pin_says_why_in_spanish():
    frame = pair_frame_of([
        {"city_id": 1, "city": "Lisbon", "region": "Europe"},
        {"city_id": 2, "city": "Porto", "region": "Europe"},
    ])  # fmt: skip
    with use_language("es"):
        proposal = propose_pairs(frame, pins=[(1, 2), (1, 9)])
    assert proposal.dropped_pins == [
        "Lisbon – Porto: no son de regiones del mundo distintas",
        "Lisbon – 9: no están ambas en esta red",
    ]


def test_the_cached_proposal_is_kept_per_language(monkeypatch):
    from components.ui import growth

    calls = []
    monkeypatch.setattr(growth.queries, "store_identity", lambda: ("store", 1))
    monkeypatch.setattr(growth, "_proposal", lambda *args: calls.append(args))
    with use_language("pt"):
        growth.proposal("utm", [(2, 1)], [])
    growth.proposal("utm", [], [])
    assert calls == [(("store", 1), "utm", ((2, 1),), (), "pt"), (("store", 1), "utm", (), (), "en")]


def test_the_coverage_line_in_french_says_the_size_in_french():
    from components.ui.growth import coverage_line

    row = {"short_name": "Urban Transitions Mission", "members_in_store": 1016, "announced_size": 145,
           "announced_size_text": "about 145", "coverage": None}  # fmt: skip
    with use_language("fr"):
        assert coverage_line(row) == f"Urban Transitions Mission : 1{NNBSP}016 répertoriées sur environ 145"
    assert coverage_line({**row, "announced_size": np.nan}) == (
        "Urban Transitions Mission: 1,016 listed (no announced size found)"
    )


def test_announced_sizes_keep_their_hedge_in_each_language():
    from components.ui.growth import size_words

    assert [size_words(145, "about 145"), size_words(8140, "8,140"), size_words(97, None)] == [
        "about 145",
        "8,140",
        "97",
    ]
    with use_language("fr"):
        assert size_words(145, "about 145") == "environ 145" and size_words(8140, "8,140") == f"8{NNBSP}140"
        assert size_words(1000, "more than 1,000") == f"plus de 1{NNBSP}000"
    with use_language("pt"):
        assert size_words(145, "About 145") == "cerca de 145"
