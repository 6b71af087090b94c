"""Demo staff accounts, one per role, with passwords printed by ``load_demo_data``."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction

# Group names are shared with the apps that give each group its permissions in migrations.
ROLE_GROUPS = {
    "content_editor": "Editors",
    "directory_editor": "Directory editors",
    "case_manager": "Case managers",
    "supervisor": "Supervisors",
}

DEMO_ACCOUNTS = [
    # username, role, first name, last name, password
    ("admin", None, "Alex", "Admin", "demo-admin-pass"),
    ("editor", "content_editor", "Erin", "Editor", "demo-editor-pass"),
    ("directory", "directory_editor", "Dana", "Directory", "demo-directory-pass"),
    ("casemanager", "case_manager", "Carmen", "Casework", "demo-casemanager-pass"),
    ("casemanager2", "case_manager", "Minh", "Nguyen", "demo-casemanager-pass"),
    ("supervisor", "supervisor", "Sam", "Supervisor", "demo-supervisor-pass"),
]


@transaction.atomic
def demo_accounts_load() -> list[tuple[str, str, str]]:
    """Create or reset the demo accounts; return (username, role, password) rows."""
    User = get_user_model()
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    rows = []
    for username, role, first, last, password in DEMO_ACCOUNTS:
        user, _created = User.objects.get_or_create(username=username)
        user.first_name, user.last_name = first, last
        user.email = f"{username}@example.org"
        user.is_staff = True
        user.is_superuser = role is None
        user.set_password(password)
        user.save()
        if role:
            group, _ = Group.objects.get_or_create(name=ROLE_GROUPS[role])
            group.permissions.add(access_admin)
            user.groups.set([group])
        rows.append((username, role or "admin", password))
    return rows
