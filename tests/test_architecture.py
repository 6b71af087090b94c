"""The layout rules that import-linter cannot see: every project app is under its contracts, and
templates load tag libraries only from their own floor or below (docs/architecture.md)."""

import re
import tomllib
from pathlib import Path

import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parents[1]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
CONTRACTS = {contract["id"]: contract for contract in CONFIG["contracts"]}


def project_apps() -> list[str]:
    """Installed apps whose code is in this repository."""
    return sorted(
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).resolve().parent == ROOT
    )


def floors() -> list[set[str]]:
    """The layers contract's floors, lowest first; optional ones without their parentheses."""
    return [
        {name.strip(" ()") for name in re.split(r"[|:]", layer)}
        for layer in reversed(CONTRACTS["floors"]["layers"])
    ]


def floor_of(app: str) -> int:
    return next(number for number, names in enumerate(floors()) if app in names)


def test_every_project_app_is_checked_by_import_linter():
    """An app left out of root_packages would be taken for a third-party one and never checked."""
    assert set(project_apps()) <= set(CONFIG["root_packages"])
    assert set(CONFIG["root_packages"]) <= set(project_apps()) | {"demo"}


@pytest.mark.parametrize("app", project_apps())
def test_every_project_app_has_a_floor_and_may_not_import_the_demo(app):
    if app == "demo":
        return
    floor_of(app)  # StopIteration when the app is on no floor
    assert app in CONTRACTS["demo"]["source_modules"]


def test_core_has_no_models():
    assert list(apps.get_app_config("core").get_models()) == []


def tag_libraries() -> dict[str, str]:
    """``{library name: app}`` of the project's template tag libraries."""
    return {
        path.stem: app
        for app in project_apps()
        for path in (ROOT / app / "templatetags").glob("*.py")
        if path.stem != "__init__"
    }


def templates() -> list[tuple[str, Path]]:
    return [
        (app, path) for app in project_apps() for path in sorted((ROOT / app).glob("**/*.html"))
    ]


@pytest.mark.parametrize(
    ("app", "template"), templates(), ids=lambda value: str(value).rsplit("/", 1)[-1]
)
def test_templates_load_tag_libraries_of_their_floor_or_below(app, template):
    libraries = tag_libraries()
    loaded = {
        name
        for names in re.findall(r"{%\s*load\s+([^%]+?)\s*%}", template.read_text())
        for name in names.split()
    }
    higher = {
        name
        for name in loaded
        if name in libraries
        and libraries[name] != app
        and floor_of(libraries[name]) >= floor_of(app)
    }
    assert not higher, f"{template.relative_to(ROOT)} loads {sorted(higher)} from a higher app"
