"""The public lost and found board under ``/<language>/lost-and-found/``: the reports on it
(``backoffice.board`` decides which), filtered by lost or found, species, ZIP code and radius and
date; a report's page with its photos, the scam warning and a form that writes to staff and the
reporter; the photos, served only while their report is on the board.

``forms`` (the filters, the message form), ``selectors`` (reads), ``views``, ``urls``; templates in
``surveys/templates/surveys/board/``.
"""
