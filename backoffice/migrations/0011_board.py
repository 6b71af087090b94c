"""The lost and found board: an opaque id for each photo (its name in URLs), the permission to
moderate the board (given to the "Supervisors" group), and the board's timeline events."""

import uuid

from django.contrib.auth.management import create_permissions
from django.db import migrations, models

SUPERVISORS = "Supervisors"


def ids_fill(apps, schema_editor):
    ReportPhoto = apps.get_model("backoffice", "ReportPhoto")
    for photo in ReportPhoto.objects.filter(public_id__isnull=True).only("pk"):
        ReportPhoto.objects.filter(pk=photo.pk).update(public_id=uuid.uuid4())


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderate = Permission.objects.get(content_type__app_label="backoffice", codename="moderate_board")
    supervisors, _ = Group.objects.get_or_create(name=SUPERVISORS)
    supervisors.permissions.add(moderate)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="backoffice", codename="moderate_board").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("backoffice", "0010_report_matches"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="petreport",
            options={
                "ordering": ["-happened_on", "-id"],
                "permissions": [
                    ("moderate_board", "Can approve and hide reports on the lost and found board")
                ],
                "verbose_name": "lost or found report",
                "verbose_name_plural": "lost and found reports",
            },
        ),
        migrations.AddField(
            model_name="reportphoto",
            name="public_id",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(ids_fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="reportphoto",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AlterField(
            model_name="timelineentry",
            name="kind",
            field=models.CharField(
                choices=[
                    ("opened", "Case opened"),
                    ("note", "Note"),
                    ("status", "Status changed"),
                    ("assigned", "Assigned"),
                    ("transferred", "Transferred"),
                    ("referral", "Referral"),
                    ("referral_status", "Referral updated"),
                    ("followup", "Follow-up planned"),
                    ("followup_done", "Follow-up done"),
                    ("followup_cancelled", "Follow-up cancelled"),
                    ("email_sent", "Email sent"),
                    ("resolved", "Resolved"),
                    ("reopened", "Reopened"),
                    ("pet_added", "Pet added"),
                    ("merged", "Records merged"),
                    ("match_confirmed", "Lost and found reports matched"),
                    ("match_dismissed", "Possible match dismissed"),
                    ("board_approved", "Approved for the board"),
                    ("board_hidden", "Hidden from the board"),
                    ("board_claim", "Board: someone thinks this is their pet"),
                    ("board_sighting", "Board: someone has seen this pet"),
                ],
                max_length=20,
                verbose_name="what happened",
            ),
        ),
        migrations.RunPython(grant, revoke),
    ]
