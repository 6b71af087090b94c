"""Who may edit the directory, and so see all of it in the Wagtail admin.

The admin's snippet listings and choosers of resources, organisations and locations show every
place, safe havens' names and towns included; only those who may edit the directory open them
(Wagtail lets any admin user open a chooser). Categories hold nothing confidential: page editors
choose them for the "resources in a category" block.
"""

DIRECTORY_MODELS = ("resource", "organization", "location")
EDIT_ACTIONS = ("add", "change", "delete")


def user_can_edit_directory(user) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and any(
            user.has_perm(f"directory.{action}_{model}")
            for model in DIRECTORY_MODELS
            for action in EDIT_ACTIONS
        )
    )
