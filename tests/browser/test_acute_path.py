"""A worker logs an acute observation on a phone; the team lead's open page shows the acute
alert with the evidence highlighted, without reloading."""

from pathlib import Path

import pytest

from tests.browser.test_inbox_live import logged_in_context
from tests.factories import TeamFactory, UserFactory
from zicht.accounts.models import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
ACUTE = "kom om 8 uur bij de zuidplein, neem je mes mee, we gaan hem pakken"


def test_an_acute_observation_reaches_the_leads_open_page_live(live_server, browser, open_contexts):
    team = TeamFactory(name="Team Charlois", slug="team-charlois")
    worker = UserFactory(username="sanne", first_name="Sanne", teams=[team])
    lead = UserFactory(username="marloes", first_name="Marloes", role=Role.TEAMLEIDER, teams=[team])

    lead_page = logged_in_context(browser, live_server, lead, open_contexts).new_page()
    lead_page.goto(f"{live_server.url}/signalen/")
    assert lead_page.locator(".acute-banner").count() == 0

    phone = logged_in_context(browser, live_server, worker, open_contexts).new_page()
    phone.goto(f"{live_server.url}/waarnemingen/nieuw/")
    phone.get_by_label("Wat zag je?").fill(ACUTE)
    phone.get_by_label("Snapchat").check()
    phone.get_by_label("Story").check()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / "observation-phone.png"), full_page=True)
    phone.get_by_role("button", name="Opslaan").click()
    phone.wait_for_url("**/waarnemingen/*/")

    banner = lead_page.locator(".acute-banner")
    banner.wait_for(timeout=15_000)
    assert lead_page.url.endswith("/signalen/"), "no reload or navigation happened"
    marks = banner.locator("mark")
    assert marks.count() >= 1
    assert "mes" in " ".join(marks.all_inner_texts())
    lead_page.screenshot(path=str(SCREENSHOTS / "acute-alert.png"), full_page=True)
