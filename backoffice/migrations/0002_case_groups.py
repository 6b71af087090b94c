"""Give the "Case managers" and "Supervisors" groups their back-office permissions.

Case managers work cases (add, change, view) but never delete. Supervisors also reassign, close,
see every confidential case, read the metrics dashboard and the audit log. Both may sign in to the
Wagtail admin (that is where staff log in).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CASE_MANAGERS = "Case managers"
SUPERVISORS = "Supervisors"

WORK_MODELS = ["case", "person", "pet", "casepet", "caseneed", "casereason", "referral",
               "followup", "timelineentry"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    work = list(
        Permission.objects.filter(
            content_type__app_label="backoffice",
            content_type__model__in=WORK_MODELS,
            codename__regex=r"^(add|change|view)_",
        )
    )
    access = Permission.objects.get(content_type__app_label="backoffice", codename="access_backoffice")
    supervise = Permission.objects.get(content_type__app_label="backoffice", codename="supervise_cases")
    audit = Permission.objects.get(content_type__app_label="backoffice", codename="view_auditentry")
    admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")

    case_managers, _ = Group.objects.get_or_create(name=CASE_MANAGERS)
    case_managers.permissions.add(access, admin, *work)
    supervisors, _ = Group.objects.get_or_create(name=SUPERVISORS)
    supervisors.permissions.add(access, admin, supervise, audit, *work)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ours = Permission.objects.filter(content_type__app_label="backoffice")
    for group in Group.objects.filter(name__in=[CASE_MANAGERS, SUPERVISORS]):
        group.permissions.remove(*ours)


class Migration(migrations.Migration):
    dependencies = [
        ("backoffice", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
