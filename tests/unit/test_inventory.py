"""components/inventory.py: one total per source and year, the one series a pathway uses, reported vs modelled.
Expected values are worked out by hand in the comments."""

from __future__ import annotations

import pandas as pd
import pytest

from components.inventory import choose_series, describe_series, kind_comparison, series, source_totals


def rows(*items) -> pd.DataFrame:
    base = {"gas": "CO2e", "boundary": "administrative city", "publisher": "P"}
    return pd.DataFrame([{**base, **dict(zip(["source_id", "data_kind", "year", "sector", "emissions_tco2e"], r,
                                             strict=True))} for r in items])  # fmt: skip


INVENTORY = rows(
    ("nzt", "reported", 2014, "total", 9.0),
    ("cm", "modelled", 2019, "energy", 4.0),
    ("cm", "modelled", 2019, "transport", 6.0),  # 2019 total = 4 + 6 = 10
    ("cm", "modelled", 2020, "energy", 3.0),
    ("cm", "modelled", 2020, "transport", 5.0),  # 2020 total = 8
    ("cdp", "reported", 2019, "total", 12.0),
    ("cdp", "reported", 2019, "energy", 7.0),  # a total row and sectors: the total row, never 12 + 7
    ("gcom", "modelled", 2005, "total", 20.0),
)


def test_source_totals_take_the_total_row_else_sum_the_sectors():
    t = source_totals(INVENTORY).set_index(["source_id", "year"])["emissions_tco2e"].to_dict()
    assert t == {("cdp", 2019): 12.0, ("cm", 2019): 10.0, ("cm", 2020): 8.0, ("gcom", 2005): 20.0, ("nzt", 2014): 9.0}


def test_series_prefers_reported_then_most_years_then_latest():
    totals = source_totals(INVENTORY)
    # reported: nzt (1 year, 2014) and cdp (1 year, 2019): same count, cdp is later
    assert choose_series(totals) == "cdp · reported"
    # modelled: cm (2 years) beats gcom (1 year)
    assert choose_series(totals, ("modelled",)) == "cm · modelled"
    assert choose_series(totals, ("illustrative",)) is None
    frame, info = series(INVENTORY, ("modelled",))
    assert frame.values.tolist() == [[2019, 10.0], [2020, 8.0]]
    assert info["source_id"] == "cm" and info["data_kind"] == "modelled"
    assert describe_series({"data_kind": "modelled", "gas": "CO2", "publisher": "Carbon Monitor"}) == (
        "modelled totals (Carbon Monitor; fossil CO2 only)"
    )


def test_one_file_with_two_kinds_gives_two_series():
    inv = rows(("t", "reported", 2015, "total", 9.0), ("t", "reported", 2016, "total", 8.0),
               ("t", "illustrative", 2016, "energy", 50.0))  # fmt: skip
    frame, info = series(inv)
    assert frame.values.tolist() == [[2015, 9.0], [2016, 8.0]]  # the illustrative 50 is not added to 2016's 8
    assert info["data_kind"] == "reported"


def test_series_of_an_empty_inventory_is_empty():
    frame, info = series(INVENTORY.iloc[0:0])
    assert frame.empty and info is None and describe_series(info) == "no inventory"


def test_kind_comparison_pairs_reported_and_modelled_of_the_same_year():
    inv = INVENTORY.copy()
    inv.loc[inv["source_id"] == "cm", ["gas", "boundary"]] = ["CO2", "functional urban area"]
    table = kind_comparison(source_totals(inv))
    assert len(table) == 1  # only 2019 has two series: cdp 12 (reported) vs cm 10 (modelled)
    row = table.iloc[0]
    assert (row["Year"], row["First (t)"], row["Second (t)"]) == (2019, 12.0, 10.0)
    assert row["Ratio"] == 1.2
    assert row["What differs"] == ("kind: reported vs modelled; gas: all GHG, CO2e vs fossil CO2 only; "
                                   "boundary: administrative city vs functional urban area")  # fmt: skip


def test_two_reported_sources_are_shown_only_when_they_disagree():
    # Lagos 2015: CDP 26.4 Mt, the Net Zero Tracker 0.581 Mt: 45 times apart -> shown; 10 vs 12 (1.2x) -> not
    lagos = rows(("cdp", "reported", 2015, "total", 26.4e6), ("nzt", "reported", 2015, "total", 0.581e6),
                 ("a", "reported", 2016, "total", 10.0), ("b", "reported", 2016, "total", 12.0))  # fmt: skip
    table = kind_comparison(source_totals(lagos))
    assert table["Year"].tolist() == [2015]
    assert table.iloc[0]["Ratio"] == pytest.approx(26.4 / 0.581)
    assert table.iloc[0]["What differs"] == "same kind, gas and boundary"


def test_flagged_rows_are_left_out_of_the_series_unless_asked_for():
    inv = rows(("s", "reported", 2015, "total", 9.0), ("s", "reported", 2016, "total", 9000.0)).assign(
        flag=[None, "unit_slip"]
    )
    assert series(inv)[0].values.tolist() == [[2015, 9.0]]
    assert series(inv, include_flagged=True)[0].values.tolist() == [[2015, 9.0], [2016, 9000.0]]
