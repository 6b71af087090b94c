"""Microchip numbers typed with spaces, dashes or other scripts' digits, in one spelling (the
queue search finds a chip however it was typed; ``Pet.save`` keeps new ones so)."""

from django.db import migrations

from core.digits import microchip_compact


def compact(apps, schema_editor):
    Pet = apps.get_model("backoffice", "Pet")
    for pet in Pet.objects.exclude(microchip="").only("pk", "microchip").iterator():
        chip = microchip_compact(pet.microchip)
        if chip != pet.microchip:
            Pet.objects.filter(pk=pet.pk).update(microchip=chip)


class Migration(migrations.Migration):
    dependencies = [("backoffice", "0007_person_messages")]
    operations = [migrations.RunPython(compact, migrations.RunPython.noop)]
