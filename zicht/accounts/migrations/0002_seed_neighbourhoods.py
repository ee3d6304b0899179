from django.db import migrations
from django.utils.text import slugify

# A frozen copy: migrations must not depend on code that may change later.
ROTTERDAM_ZUID = {
    "Feijenoord": [
        "Afrikaanderwijk", "Bloemhof", "Feijenoord", "Hillesluis", "Katendrecht",
        "Kop van Zuid", "Kop van Zuid-Entrepot", "Noordereiland", "Vreewijk",
    ],
    "Charlois": [
        "Carnisse", "Heijplaat", "Oud-Charlois", "Pendrecht", "Tarwewijk", "Wielewaal",
        "Zuiderpark", "Zuidplein", "Zuidwijk",
    ],
    "IJsselmonde": ["Beverwaard", "Groot-IJsselmonde", "Lombardijen", "Oud-IJsselmonde"],
}


def seed(apps, schema_editor):
    District = apps.get_model("accounts", "District")
    Neighbourhood = apps.get_model("accounts", "Neighbourhood")
    for district_name, wijken in ROTTERDAM_ZUID.items():
        district, _ = District.objects.get_or_create(
            slug=f"stadsdeel-{slugify(district_name)}", defaults={"name": district_name}
        )
        for name in wijken:
            Neighbourhood.objects.get_or_create(
                slug=slugify(name), defaults={"name": name, "district": district}
            )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
