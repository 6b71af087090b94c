"""Where the wizard keeps a visitor's answers: the server-side session, as formtools'
``SessionStorage`` does, but written back only when something in it changed.

formtools marks the session changed on every *read* of the wizard's data, so every step shown
(nothing typed, only a page read) rewrote the whole session row in the database. Here the data is
compared at the end of the request with what was read at its start: a page that only shows a step
writes nothing, and anything that did change (an answer, the current step, the record of the last
visit, a fresh start) is saved as before, in the same request, so no answer is lost on a lost
connection or a second click. The answers stay on the server (never in a cookie the visitor's
browser, or someone else at it, could read).
"""

import json

from formtools.wizard.storage.session import SessionStorage


def _encoded(value) -> str | None:
    try:
        return json.dumps(value, sort_keys=True)
    except (TypeError, ValueError):
        return None  # not comparable: counted as changed


class ChangedSessionStorage(SessionStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._read = _encoded(self.request.session.get(self.prefix))

    def _get_data(self):
        return self.request.session[self.prefix]

    data = property(_get_data, SessionStorage._set_data)

    def update_response(self, response):
        """Called by the wizard at the end of each request: save the session if the data
        changed."""
        now = _encoded(self.request.session.get(self.prefix))
        if now is None or now != self._read:
            self.request.session.modified = True
        super().update_response(response)
