# ruff: noqa: E501 (one translation per line reads best)
"""English translations of Zicht's Dutch UI strings, applied with `python scripts/translations_en.py`.

Zicht's source strings are Dutch (the primary language, docs/decisions/0002); this table is
the reviewer-friendly source of the English catalogue. Needs `polib` (a dev-only tool).
"""

import sys
from pathlib import Path

EN = {
    "Accounts en teams": "Accounts and teams",
    "Gebruikersnaam of wachtwoord klopt niet. Let op hoofdletters. Na vijf mislukte pogingen wordt inloggen een kwartier geblokkeerd.": "Username or password is incorrect. Mind capital letters. After five failed attempts, logging in is blocked for fifteen minutes.",
    "Dit account is uitgeschakeld. Neem contact op met je beheerder.": "This account is disabled. Contact your administrator.",
    "Code uit je authenticator-app": "Code from your authenticator app",
    "De code bestaat uit zes cijfers.": "The code consists of six digits.",
    "Te veel foute codes achter elkaar. Wacht even en probeer het opnieuw.": "Too many wrong codes in a row. Wait a moment and try again.",
    "Deze code klopt niet of is al gebruikt. Wacht op de volgende code.": "This code is wrong or has already been used. Wait for the next code.",
    "Jongerenwerker": "Youth worker",
    "Teamleider": "Team lead",
    "Ketenpartner": "Partner",
    "Beheerder": "Administrator",
    "naam": "name",
    "stadsdeel": "district",
    "stadsdelen": "districts",
    "wijk": "neighbourhood",
    "wijken": "neighbourhoods",
    "team": "team",
    "teams": "teams",
    "partnerorganisatie": "partner organisation",
    "partnerorganisaties": "partner organisations",
    "rol": "role",
    "gebruiker": "user",
    "gebruikers": "users",
    "API": "API",
    "Ongeldige Authorization-header: gebruik 'Token <sleutel>'.": "Invalid Authorization header: use 'Token <key>'.",
    "De sleutel bevat ongeldige tekens.": "The key contains invalid characters.",
    "Onbekende, ingetrokken of verlopen sleutel.": "Unknown, revoked or expired key.",
    "Voltooi eerst de tweede inlogstap.": "Complete the second login step first.",
    "Ongeldige invoer. ": "Invalid input. ",
    "begin van de sleutel": "start of the key",
    "API-sleutel": "API key",
    "API-sleutels": "API keys",
    "Deze API-route bestaat niet.": "This API route does not exist.",
    "Zicht": "Zicht",
    "Privacy en audit": "Privacy and audit",
    "Bekeken": "Viewed",
    "Aangemaakt": "Created",
    "Gewijzigd": "Changed",
    "Verwijderd": "Deleted",
    "Geëxporteerd": "Exported",
    "Gedeeld": "Shared",
    "Ingelogd": "Logged in",
    "Inloggen mislukt": "Login failed",
    "Uitgelogd": "Logged out",
    "Web": "Web",
    "Opdrachtregel": "Command line",
    "Achtergrondtaak": "Background task",
    "Gelukt": "Succeeded",
    "Geweigerd": "Denied",
    "tijdstip": "time",
    "gebruikersnaam": "username",
    "handeling": "action",
    "soort gegeven": "kind of record",
    "id": "id",
    "soort betrokkene": "kind of data subject",
    "id betrokkene": "data subject id",
    "kanaal": "channel",
    "IP-adres": "IP address",
    "reden": "reason",
    "uitkomst": "outcome",
    "auditregel": "audit record",
    "auditlog": "audit log",
    "Nederlands": "Nederlands",
    "English": "English",
    "Geen toegang": "No access",
    "Hier heb je geen toegang toe": "You do not have access to this",
    "Je rol of team geeft geen toegang tot deze pagina. Denk je dat dit niet klopt, vraag het je teamleider.": "Your role or team does not give access to this page. If you think this is wrong, ask your team lead.",
    "Terug naar Vandaag": "Back to Today",
    "Niet gevonden": "Not found",
    "Deze pagina bestaat niet": "This page does not exist",
    "Even geblokkeerd": "Blocked for a moment",
    "Inloggen is even geblokkeerd": "Logging in is blocked for a moment",
    "Er is te vaak een verkeerd wachtwoord ingevuld voor dit account. Probeer het over een kwartier opnieuw, of vraag je beheerder om hulp.": "A wrong password was entered for this account too often. Try again in fifteen minutes, or ask your administrator for help.",
    "Inloggen": "Log in",
    "Inloggen bij Zicht": "Log in to Zicht",
    "De werkplek voor online jongerenwerk.": "The workplace for online youth work.",
    "Gebruikersnaam": "Username",
    "Wachtwoord": "Password",
    "Na je wachtwoord vraagt Zicht een code uit je authenticator-app.": "After your password, Zicht asks for a code from your authenticator app.",
    "Tweede inlogstap instellen": "Set up the second login step",
    "Zicht bevat gegevens over jongeren. Daarom log je in met je wachtwoord én een code uit een authenticator-app op je telefoon (bijvoorbeeld Microsoft Authenticator, Google Authenticator of FreeOTP).": "Zicht holds data about young people. That is why you log in with your password and a code from an authenticator app on your phone (for example Microsoft Authenticator, Google Authenticator or FreeOTP).",
    "Open je authenticator-app en kies 'account toevoegen'.": "Open your authenticator app and choose 'add account'.",
    "Scan deze QR-code, of typ de sleutel eronder over.": "Scan this QR code, or type in the key below it.",
    "QR-code voor je authenticator-app": "QR code for your authenticator app",
    "Sleutel:": "Key:",
    "Vul de zescijferige code in die de app nu laat zien.": "Enter the six-digit code the app shows now.",
    "Bevestigen": "Confirm",
    "Tweede inlogstap": "Second login step",
    "Open je authenticator-app en vul de code in die bij Zicht staat.": "Open your authenticator app and enter the code shown for Zicht.",
    "Verder": "Continue",
    "Telefoon kwijt of nieuw? Vraag je beheerder om je tweede stap opnieuw in te stellen.": "Lost or new phone? Ask your administrator to reset your second step.",
    "Naar de inhoud": "Skip to content",
    "Zicht, naar Vandaag": "Zicht, go to Today",
    "Hoofdmenu": "Main menu",
    "Vandaag": "Today",
    "Uitloggen": "Log out",
    "Taal": "Language",
    "Kies": "Choose",
    "Beheer van gebruikers, teams en instellingen. Casusinformatie zie je hier niet.": "Management of users, teams and settings. Case information is not shown here.",
    "Gebruikers en teams": "Users and teams",
    "Gebruikers": "Users",
    "Teams": "Teams",
    "Partnerorganisaties": "Partner organisations",
    "Hoi %(name)s": "Hi %(name)s",
    "Mijn teams": "My teams",
    "Overzicht van je team: acute signalen eerst.": "Your team at a glance: acute signals first.",
    "Wat met %(org)s is gedeeld.": "What was shared with %(org)s.",
    "Doorverwijzingen": "Referrals",
    "Er zijn nog geen doorverwijzingen met jouw organisatie gedeeld.": "No referrals have been shared with your organisation yet.",
    "Wijkrapportages": "Neighbourhood reports",
    "Nog geen geanonimiseerde rapportages.": "No anonymised reports yet.",
    "Dit heeft vandaag je aandacht nodig.": "This needs your attention today.",
    "Acuut": "Acute",
    "Geen acute signalen.": "No acute signals.",
    "Mijn open gesprekken": "My open conversations",
    "Geen open gesprekken.": "No open conversations.",
    "Te beoordelen suggesties": "Suggestions to review",
    "Niets te beoordelen.": "Nothing to review.",
    "Signalen met een deadline": "Signals with a deadline",
    "Geen signalen die binnenkort verlopen.": "No signals due soon.",
    "Dat ging niet goed.": "That did not work.",
}


def main() -> int:
    import polib

    path = Path(__file__).resolve().parent.parent / "zicht/locale/en/LC_MESSAGES/django.po"
    catalogue = polib.pofile(str(path))
    missing = []
    for entry in catalogue:
        if entry.msgid in EN:
            entry.msgstr = EN[entry.msgid]
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        elif not entry.msgstr:
            missing.append(entry.msgid)
    catalogue.save()
    for msgid in missing:
        print(f"untranslated: {msgid!r}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
