"""Photos chosen on a report form that came back for something to fix: held, not lost.

A browser never sends a chosen file again, so when a lost or found report (or the reporter's
correction on the private page) comes back with an error, the photos that passed their checks
(``backoffice.photos``: decoded, re-encoded, without metadata) are held in the private store under
``held/`` with a random name, and listed in the visitor's session: only that browser can see one
(``held_photo_response``) or send it with the report. The form shows them, ticked, beside the
file input; unticking one leaves it out.

A held photo is gone when the report is sent (the report keeps its own copy), when the robots'
trap was filled, and ``SURVEY_IDLE_MINUTES`` after it was chosen: the next request of that
browser forgets it, and ``manage.py forget_abandoned_surveys`` (cron) deletes the files of
browsers that never came back. Nothing here is shown to anyone else, nor opens a case.
"""

import posixpath
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.http import Http404

from backoffice.photos import ProcessedPhoto
from core.private_files import private_file_response, private_storage

SESSION_KEY = "report_photos_held"
FOLDER = "held"


@dataclass(frozen=True)
class HeldPhoto:
    key: str
    name: str  # the file's name as the visitor chose it: shown beside the photo, nothing more
    width: int
    height: int


def _path(key: str) -> str:
    return posixpath.join(FOLDER, f"{key}.jpg")


def _idle_seconds() -> int:
    return settings.SURVEY_IDLE_MINUTES * 60


def _entries(request) -> list[dict]:
    """The session's held photos still in time; the others' files are deleted here."""
    stored = request.session.get(SESSION_KEY)
    if not isinstance(stored, list):
        return []
    cutoff = time.time() - _idle_seconds()
    live = [e for e in stored if isinstance(e, dict) and isinstance(e.get("at"), int | float)]
    fresh = [e for e in live if e["at"] >= cutoff]
    if len(fresh) != len(stored):
        for entry in stored:
            if entry not in fresh and isinstance(entry, dict) and isinstance(entry.get("key"), str):
                _delete(entry["key"])
        _save(request, fresh)
    return fresh


def _save(request, entries: list[dict]) -> None:
    if entries:
        request.session[SESSION_KEY] = entries
    else:
        request.session.pop(SESSION_KEY, None)


def _delete(key: str) -> None:
    storage = private_storage()
    try:
        storage.delete(_path(key))
    except (OSError, ValueError):  # already gone, or a name the store refuses: nothing to delete
        pass


def held_photos(request, *, scope: str) -> list[HeldPhoto]:
    """The photos this browser holds for the form ``scope``, in the order they were chosen."""
    return [
        HeldPhoto(key=e["key"], name=e["name"], width=e["width"], height=e["height"])
        for e in _entries(request)
        if e.get("scope") == scope
    ]


def photos_hold(request, *, scope: str, photos) -> list[HeldPhoto]:
    """Hold ``photos`` (pairs of the chosen file's name and its ``ProcessedPhoto``) for the form
    ``scope`` in this browser; returns what is now held for it."""
    entries = _entries(request)
    storage = private_storage()
    now = int(time.time())
    for name, photo in photos:
        key = secrets.token_urlsafe(18)
        storage.save(_path(key), ContentFile(photo.content))
        entries.append(
            {
                "key": key,
                "scope": scope,
                "name": str(name)[:120],
                "width": photo.width,
                "height": photo.height,
                "at": now,
            }
        )
    _save(request, entries)
    return held_photos(request, scope=scope)


def held_take(request, *, scope: str, keys) -> list[ProcessedPhoto]:
    """The held photos among ``keys`` (the boxes left ticked), as the report keeps them, in the
    order they were chosen. A photo no longer there (sent by a second click meanwhile, or
    forgotten) is left out."""
    wanted = set(keys)
    storage = private_storage()
    photos = []
    for entry in _entries(request):
        if entry.get("scope") != scope or entry["key"] not in wanted:
            continue
        try:
            with storage.open(_path(entry["key"])) as file:
                content = file.read()
        except OSError:
            continue
        photos.append(ProcessedPhoto(content=content, width=entry["width"], height=entry["height"]))
    return photos


def held_release(request, *, scope: str) -> None:
    """Forget every photo held for ``scope`` in this browser and delete their files."""
    entries = _entries(request)
    for entry in entries:
        if entry.get("scope") == scope:
            _delete(entry["key"])
    _save(request, [e for e in entries if e.get("scope") != scope])


def held_photo_response(request, key: str):
    """The held photo ``key``, to the browser that holds it only."""
    if not any(e["key"] == key for e in _entries(request)):
        raise Http404
    return private_file_response(_path(key), download_name="photo.jpg")


def held_forget_abandoned(*, idle_minutes: int) -> int:
    """Delete the held photos chosen more than ``idle_minutes`` ago (by browsers that did not
    come back); returns how many."""
    storage = private_storage()
    try:
        _folders, names = storage.listdir(FOLDER)
    except (FileNotFoundError, NotADirectoryError):
        return 0
    cutoff = time.time() - idle_minutes * 60
    deleted = 0
    for name in names:
        path = posixpath.join(FOLDER, name)
        try:
            if storage.get_modified_time(path).timestamp() < cutoff:
                storage.delete(path)
                deleted += 1
        except OSError:
            continue
    return deleted
