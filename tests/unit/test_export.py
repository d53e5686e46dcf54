"""Downloads opened as a user opens them: the CSV in pandas, the XLSX in openpyxl, the ZIP's sources and README."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pandas as pd

from components.export import (
    image_credit,
    readable_sources,
    sources_named_in,
    sources_table,
    to_csv_bytes,
    to_xlsx_bytes,
    to_zip_bytes,
)

TODAY = dt.date(2026, 11, 30)
SOURCES = pd.DataFrame([
    {"source_id": "geonames", "title": "GeoNames", "publisher": "GeoNames", "url": "https://www.geonames.org/",
     "licence": "CC BY 4.0", "accessed": dt.date(2026, 11, 26), "citation": "GeoNames, CC BY 4.0"},
    {"source_id": "import-487281acf345ac2b", "title": "Test figures", "publisher": "UTMC Explorer tests",
     "url": None, "licence": "CC0", "accessed": dt.date(2026, 11, 30), "citation": "UTMC Explorer tests: Test figures"},
])  # fmt: skip
# Four rows as a page holds them: numbers as numbers, one missing, two source ids in a cell (one repeated)
TABLE = pd.DataFrame({
    "City": ["Madrid", "Roma", "Paris", "=cmd"],
    "Population": [3_255_944, 2_318_895, 2_138_551, 1],
    "Total emissions (t)": [9_738_746.0, None, 25_000_000.5, 0.0],
    "Net-zero year": pd.array([2050, None, 2050, 2040], dtype="Int64"),
    "Sources": ["geonames; import-487281acf345ac2b; import-487281acf345ac2b", "geonames", "geonames", "unknown-id"],
})  # fmt: skip


def test_csv_in_the_zip_reads_back_to_the_rows_and_numbers():
    data = to_zip_bytes(TABLE, "utmc-compare", SOURCES, "UTMC Explorer: the comparison", today=TODAY)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert sorted(z.namelist()) == ["README.md", "sources.csv", "utmc-compare.csv"]
        frame = pd.read_csv(z.open("utmc-compare.csv"))
        sources = pd.read_csv(z.open("sources.csv"))
        readme = z.read("README.md").decode("utf-8")
    assert len(frame) == 4  # not 43: no comment lines after the data
    assert frame["Population"].dtype.kind == "i" and frame["Population"].sum() == 3_255_944 + 2_318_895 + 2_138_551 + 1
    assert frame["Total emissions (t)"].dtype.kind == "f" and frame.loc[0, "Total emissions (t)"] == 9_738_746.0
    assert frame["Total emissions (t)"].isna().tolist() == [False, True, False, False]
    assert frame["Net-zero year"].tolist()[0] == 2050
    # sources named for people, each once per cell; an id the store does not know stays as it is
    assert frame["Sources"].tolist() == ["GeoNames; UTMC Explorer tests: Test figures", "GeoNames", "GeoNames",
                                         "unknown-id"]  # fmt: skip
    assert frame.loc[3, "City"] == "'=cmd"  # a formula is neutralised
    assert list(sources.columns) == ["Title", "Publisher", "Licence", "URL", "Accessed", "Citation"]
    assert sources["Citation"].tolist() == ["GeoNames, CC BY 4.0", "UTMC Explorer tests: Test figures"]
    assert "import-" not in sources.to_csv()
    assert "GeoNames, CC BY 4.0 (CC BY 4.0) <https://www.geonames.org/>" in readme
    assert "UTMC Explorer tests: Test figures (CC0)" in readme and "2026-11-30" in readme


def test_xlsx_numbers_are_numbers_and_sources_sit_beside_them():
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(TABLE, SOURCES, "the comparison", today=TODAY)))
    assert book.sheetnames == ["data", "sources"]
    data = book["data"]
    header = [c.value for c in data[1]]
    assert header == ["City", "Population", "Total emissions (t)", "Net-zero year", "Sources"]
    assert data["B2"].value == 3_255_944 and data["B2"].data_type == "n"
    assert data["C2"].value == 9_738_746 and data["C2"].data_type == "n"
    assert data["C3"].value is None  # missing, not "nan" or "None"
    assert data["D2"].value == 2050 and data["D2"].data_type == "n"
    assert data["E2"].value == "GeoNames; UTMC Explorer tests: Test figures"
    assert data["A5"].value == "'=cmd" and data["A5"].data_type == "s"
    rows = [[c.value for c in row] for row in book["sources"].iter_rows()]
    assert rows[0] == ["Title", "Publisher", "Licence", "URL", "Accessed", "Citation"]
    assert [r[5] for r in rows[1:3]] == ["GeoNames, CC BY 4.0", "UTMC Explorer tests: Test figures"]
    assert rows[-1][0] == "UTMC Explorer, the comparison, downloaded 2026-11-30"


def test_a_source_id_column_becomes_a_source_name():
    inventory = pd.DataFrame({"year": [2019, 2019], "emissions_tco2e": [1.5, 2.0],
                              "source_id": ["geonames", "import-487281acf345ac2b"]})  # fmt: skip
    named = readable_sources(inventory, SOURCES)
    assert list(named.columns) == ["year", "emissions_tco2e", "Source"]
    assert named["Source"].tolist() == ["GeoNames", "UTMC Explorer tests: Test figures"]


def test_sources_table_has_no_duplicates_and_no_ids():
    table = sources_table(pd.concat([SOURCES, SOURCES]))
    assert len(table) == 2 and "source_id" not in table.columns
    assert table["Accessed"].tolist() == ["2026-11-26", "2026-11-30"]


def test_lists_are_written_as_text():
    frame = pd.DataFrame({"City": ["Wien"], "Networks": [["C40", "EU Mission"]]})
    assert pd.read_csv(io.BytesIO(to_csv_bytes(frame)))["Networks"].tolist() == ["C40; EU Mission"]


def test_an_image_credits_the_licences_of_what_it_draws():
    drawn = sources_named_in("UTMC Explorer tests", SOURCES)
    assert drawn["source_id"].tolist() == ["import-487281acf345ac2b"]
    assert image_credit("UTMC Explorer tests", drawn) == "Source: UTMC Explorer tests · Licence: CC0 · UTMC Explorer"
    assert len(sources_named_in("someone else", SOURCES)) == 2  # names none: every source of the view


def test_an_image_credit_knows_the_short_names_charts_use():
    nzt = pd.DataFrame([{"source_id": "nzt_2022", "title": "Net Zero Tracker: cities", "licence": "CC BY 4.0",
                         "publisher": "Net Zero Tracker (Energy and Climate Intelligence Unit; NewClimate Institute)"}])  # fmt: skip
    both = pd.concat([SOURCES, nzt], ignore_index=True)
    from components.inventory import SHORT_NAMES

    drawn = sources_named_in(f"{SHORT_NAMES['nzt_2022']}; UTMC Explorer tests", both)
    assert sorted(drawn["source_id"]) == ["import-487281acf345ac2b", "nzt_2022"]
