"""Every CSV the project writes goes through here, so no cell is read as a formula.

A spreadsheet opening a CSV runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in
some programs, a tab or a carriage return) as a formula: a person's name typed as
``=HYPERLINK("https://…")`` would become a link in a supervisor's export. Such cells are written
with a leading apostrophe, which spreadsheets show as text (OWASP's advice). Numbers stay numbers.
"""

import csv
from decimal import Decimal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> object:
    """``value`` as it is safe to write in a CSV cell: numbers unchanged, text that a spreadsheet
    would run as a formula prefixed with an apostrophe, ``None`` as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


class SafeCsvWriter:
    """``csv.writer`` whose rows are made safe cell by cell (``csv_cell``)."""

    def __init__(self, file, **kwargs):
        self._writer = csv.writer(file, **kwargs)

    def writerow(self, row):
        return self._writer.writerow([csv_cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(file, **kwargs) -> SafeCsvWriter:
    """The project's one way to write CSV (the same arguments as ``csv.writer``)."""
    return SafeCsvWriter(file, **kwargs)


class Echo:
    """A file that hands back what is written to it, to stream CSV rows one by one."""

    def write(self, value):
        return value
