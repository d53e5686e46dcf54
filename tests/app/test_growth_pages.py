"""AppTest for growing the network: Prospects, City2City pairs, the coverage line and cohort filter on the Network
page, the coverage and member-list import on the Data page (issue 16)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.app.test_pages import APP, html_tables, metrics, open_page, run_app

ROOT = Path(APP).parent


def test_prospects_page_for_africa(use_store):
    at = open_page("prospects", {"region": "Africa"})
    assert at.title[0].value == "Prospects"
    table = at.dataframe[0].value
    assert len(table) == int(metrics(at)["Prospects"].replace(",", "")) == 25  # the default store, 2026-11-30
    assert set(table["region"]) == {"Africa"}
    assert (table["population"] >= 50_000).all()
    assert list(table["rank"]) == list(range(1, len(table) + 1))
    assert table["score"].is_monotonic_decreasing
    assert all(
        r.startswith(f"{p / 1e3:,.0f} k people") for r, p in zip(table["reasons"], table["population"], strict=True)
    )
    by_region = html_tables(at)[0]
    assert list(by_region["Region"]) == ["Africa"] and by_region["Prospects"].iloc[0] == len(table)
    assert "Urban Transitions Mission: 16 of about 145 listed" in at.caption[0].value
    labels = [b.label for b in at.get("download_button")]
    assert "Download prospects (CSV)" in labels and "Excel (XLSX)" in labels


def test_prospects_country_filter_is_in_the_url(use_store):
    at = open_page("prospects", {"region": "Africa", "country": "South Africa"})
    table = at.dataframe[0].value
    assert len(table) > 0 and set(table["country"]) == {"South Africa"}
    assert at.multiselect(key="country").value == ["South Africa"]


def test_prospects_in_europe_say_which_are_not_gcom_signatories(use_store):
    at = open_page("prospects", {"region": "Europe"})
    table = at.dataframe[0].value
    not_signatories = table[~table["is_gcom"].astype(bool)]
    said = [u.split(";")[0] for u in not_signatories["unknown"]]
    assert len(said) and any(u.startswith("not a GCoM signatory") for u in said)
    assert all(u.startswith(("not a GCoM signatory", "GCoM membership unknown")) for u in said)


def test_pairing_page_for_the_utm(use_store):
    at = open_page("pairing")
    assert at.title[0].value == "City2City pairs"
    pairs = at.dataframe[0].value
    assert len(pairs) == int(metrics(at)["Pairs proposed"]) > 5
    assert (pairs["region_a"] != pairs["region_b"]).all()
    counts = (pairs["city_a"] + "|" + pairs["country_a"]).tolist() + (
        pairs["city_b"] + "|" + pairs["country_b"]
    ).tolist()
    assert max(counts.count(c) for c in counts) <= 2
    assert "Download pairs (CSV)" in [b.label for b in at.get("download_button")]


def test_pairing_page_pins_and_excludes_from_the_url(use_store):
    base = open_page("pairing")
    first = base.dataframe[0].value.iloc[0]
    # exclude the best pair (the URL names it as the list does): it disappears and the rest re-solves
    at = open_page("pairing", {"exclude": f"{first['city_a']} – {first['city_b']}"})
    assert at.multiselect(key="exclude").value == [f"{first['city_a']} – {first['city_b']}"]
    got = at.dataframe[0].value
    assert not ((got["city_a"] == first["city_a"]) & (got["city_b"] == first["city_b"])).any()
    assert len(got) >= len(base.dataframe[0].value) - 1
    # pin a pair the solver did not propose: it is kept, first, marked pinned
    proposed = set(zip(base.dataframe[0].value["city_a"], base.dataframe[0].value["city_b"], strict=True))
    pin = ("Kochi", "Lisbon") if ("Lisbon", "Kochi") not in proposed else ("Kochi", "Turku")
    assert pin not in proposed and pin[::-1] not in proposed
    at = open_page("pairing", {"pin": " – ".join(pin)})  # either order
    got = at.dataframe[0].value
    assert bool(got["pinned"].iloc[0]) and {got["city_a"].iloc[0], got["city_b"].iloc[0]} == set(pin)
    assert int(got["pinned"].sum()) == 1


def test_pairing_page_for_one_city(use_store):
    at = open_page("pairing", {"city": "3117735"})  # Madrid, not a UTM city: partners among UTM cities elsewhere
    partners = at.dataframe[0].value
    assert len(partners) > 0 and "Europe" not in set(partners["region"])
    assert partners["suitability"].is_monotonic_decreasing
    assert all(r.split(";")[0].startswith("Europe and ") for r in partners["reasons"])


def test_network_page_coverage_line(use_store):
    at = run_app()
    line = at.caption[1].value
    assert "Urban Transitions Mission: 16 of about 145 listed" in line
    assert "C40: 97 of 97 listed" in line and "EU Mission: 112 of 112 listed" in line
    assert "GCoM" not in line  # a reference list, not one of the networks shown
    assert int(metrics(at)["Member cities"]) == 204  # the GCoM signatories are not drawn unless chosen


def test_network_page_cohort_filter(built_store, tmp_path, monkeypatch):
    from data.importers.members import NetworkDeclaration, run_members_import

    store = tmp_path / "utmc.duckdb"
    shutil.copyfile(built_store, store)
    members = tmp_path / "cohorts.csv"
    members.write_text(
        "city,country,source,joined,cohort\n"
        "Nairobi,Kenya,https://example.org/list,2023,COP28\n"
        "Lisbon,Portugal,https://example.org/list,2022,COP27\n"
        "Kochi,India,https://example.org/list,2022,COP27\n",
        encoding="utf-8",
    )
    run_members_import(members, store, NetworkDeclaration("utm"))
    monkeypatch.setenv("UTMC_STORE", str(store))
    at = run_app({"network": "Urban Transitions Mission", "cohort": "COP27"})
    assert metrics(at)["Member cities"] == "2"
    assert "Urban Transitions Mission: 17 of about 145 listed" in at.caption[1].value
    assert at.multiselect(key="cohort").options == ["COP27", "COP28"]


def test_data_page_coverage_notes_and_member_template(use_store, monkeypatch):
    monkeypatch.setenv("UTMC_ADMIN_SECRET", "correct horse battery staple")
    at = run_app({"members": "true"})
    at.switch_page(str(ROOT / "app_pages" / "data.py")).run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "Urban Transitions Mission: 16 of about 145 listed" in text
    assert "GCoM \\(JRC file\\): 1,363 of 8,140 listed" in text
    labels = [b.label for b in at.get("download_button")]
    assert "Download the member list template (CSV, with an example row)" in labels
    assert any(
        e.label.startswith("Mission Innovation Urban Transitions Mission (16 in the store)") for e in at.expander
    )
    assert len(at.get("file_uploader")) == 2  # the figures import and, opened, the member lists


def test_member_list_form_needs_the_secret_and_a_network(use_store, monkeypatch):
    monkeypatch.setenv("UTMC_ADMIN_SECRET", "correct horse battery staple")
    at = run_app({"members": "true"})
    at.switch_page(str(ROOT / "app_pages" / "data.py")).run()
    assert next(r for r in at.radio if r.label == "Network").value is None  # no network chosen for the user
    secret = next(t for t in at.text_input if t.key == "members_secret")
    secret.input("wrong secret")
    next(b for b in at.button if b.label == "Import the member list").click().run()
    assert any("not the admin secret" in e.value for e in at.error)
    secret = next(t for t in at.text_input if t.key == "members_secret")
    secret.input("correct horse battery staple")
    next(b for b in at.button if b.label == "Import the member list").click().run()
    assert any("Choose the network and a file first." in w.value for w in at.warning)
