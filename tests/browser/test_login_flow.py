"""A youth worker logs in on a phone-sized screen with password and TOTP and sees Vandaag."""

from pathlib import Path

import pytest
from django_otp.oath import totp

from tests.factories import PASSWORD, TeamFactory, TOTPDeviceFactory, UserFactory
from zicht.accounts.models import Neighbourhood

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PHONE = {"width": 390, "height": 844}


def test_worker_logs_in_with_a_totp_code_and_sees_the_home_page(live_server, browser):
    team = TeamFactory(name="Team Charlois", slug="team-charlois")
    team.neighbourhoods.set(Neighbourhood.objects.filter(district__name="Charlois"))
    user = UserFactory(username="sanne", first_name="Sanne", teams=[team])
    device = TOTPDeviceFactory(user=user)

    page = browser.new_page(viewport=PHONE, locale="nl-NL")
    page.goto(f"{live_server.url}/")
    assert page.locator("h1").inner_text() == "Inloggen bij Zicht"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "login.png"), full_page=True)

    page.get_by_label("Gebruikersnaam").fill("sanne")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/account/tweede-stap/**")

    page.get_by_label("Code uit je authenticator-app").fill("000000")
    page.get_by_role("button", name="Verder").click()
    assert page.get_by_role("alert").is_visible()
    page.wait_for_timeout(1100)  # one wrong code: the next try is throttled for a second

    page.get_by_label("Code uit je authenticator-app").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Verder").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("h1").inner_text() == "Hoi Sanne"
    assert page.get_by_role("heading", name="Acuut").is_visible()
    assert page.get_by_role("navigation", name="Hoofdmenu").is_visible()
    page.screenshot(path=str(SCREENSHOTS / "home-worker.png"), full_page=True)
    page.close()
