"""Issue 16 in the browser: staff upload a member list on the Data page with the secret, see the Network page's
count and coverage line change, open Prospects for Africa and the proposed City2City pairs for the UTM."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.test_network_journeys import MAP_TIMEOUT, metric_value


def test_member_list_upload_prospects_and_pairs(fresh_server, page, outside_requests, screenshots, tmp_path):
    from tests.e2e.conftest import ADMIN_SECRET

    server = fresh_server  # its own store: the upload below writes to it
    page.goto(f"{server}/?network=Urban+Transitions+Mission")
    expect(page.get_by_text("Urban Transitions Mission: 16 of about 145 listed")).to_be_visible(timeout=MAP_TIMEOUT)
    assert metric_value(page, "Member cities") == "16"
    page.get_by_text("Urban Transitions Mission: 16 of about 145 listed").scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "network-coverage.png"))

    members = tmp_path / "utm-members.csv"
    members.write_text(
        "city,country,latitude,longitude,geonames_id,source,joined,cohort,note\n"
        "Nairobi,Kenya,,,,https://example.org/utm-cohort,2023,COP28,\n"
        "Kigali,Rwanda,,,,UTM secretariat list of 2024-01-15,2023,COP28,\n"
        "Portland,USA,,,,https://example.org/utm-cohort,2023,COP28,\n",  # ambiguous: refused with candidates
        encoding="utf-8",
    )
    page.goto(f"{server}/data?members=true")
    expect(page.get_by_text("Import a member list")).to_be_visible(timeout=MAP_TIMEOUT)
    form = page.locator('[data-testid="stForm"]').filter(has_text="Member list")
    form.get_by_text("Urban Transitions Mission", exact=True).click()
    form.locator('input[type="file"]').set_input_files(str(members))
    expect(form.get_by_text("utm-members.csv")).to_be_visible()
    form.locator('input[type="password"]').fill(ADMIN_SECRET)
    form.get_by_role("button", name="Import the member list").click()
    expect(page.get_by_text("2 of 3 rows written (2 joining, 0 updated, 0 leaving).")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("ambiguous: 3 places named 'Portland'").first).to_be_attached()
    assert ADMIN_SECRET not in page.url and ADMIN_SECRET not in page.content()
    page.screenshot(path=str(screenshots / "data-member-list.png"), full_page=True)

    page.goto(f"{server}/?network=Urban+Transitions+Mission")
    expect(page.get_by_text("Urban Transitions Mission: 18 of about 145 listed")).to_be_visible(timeout=MAP_TIMEOUT)
    expect(page.locator('[data-testid="stMetric"]').filter(has_text="Member cities")).to_contain_text("18")

    page.goto(f"{server}/prospects?region=Africa")
    expect(page.get_by_role("heading", name="Prospects")).to_be_visible(timeout=MAP_TIMEOUT)
    expect(page.locator('[data-testid="stDataFrame"]').first).to_be_visible()
    # 25 African prospects on the default store (tests/app); Nairobi and Kigali are members now, not prospects
    assert metric_value(page, "Prospects") == "23"
    page.screenshot(path=str(screenshots / "prospects-africa.png"), full_page=True)

    page.goto(f"{server}/pairing?network=Urban+Transitions+Mission")
    expect(page.get_by_role("heading", name="City2City pairs")).to_be_visible(timeout=MAP_TIMEOUT)
    expect(page.locator('[data-testid="stDataFrame"]').first).to_be_visible()
    assert int(metric_value(page, "Pairs proposed")) > 5
    assert metric_value(page, "Cities paired").endswith("of 18")  # the list as uploaded
    page.screenshot(path=str(screenshots / "pairing-utm.png"), full_page=True)
    assert outside_requests == []
