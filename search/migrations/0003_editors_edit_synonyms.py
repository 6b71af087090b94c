from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Directory editors"


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; this one needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    codenames = [f"{action}_synonymgroup" for action in ("add", "change", "delete", "view")]
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="search", codename__in=codenames)
    )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=GROUP):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="search"))


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_index"),
        ("directory", "0002_directory_editors_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
