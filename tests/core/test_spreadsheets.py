"""No CSV the project writes can run as a formula in a spreadsheet."""

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest

from core.spreadsheets import csv_cell, csv_writer

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (
            '=HYPERLINK("https://evil.example","Click")',
            '\'=HYPERLINK("https://evil.example","Click")',
        ),
        ("+1 503 555 0142", "'+1 503 555 0142"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Rosalind Fairweather", "Rosalind Fairweather"),
        ("50%", "50%"),
        ("", ""),
        (None, ""),
        (-3, -3),
        (2.5, 2.5),
        (Decimal("-1.5"), Decimal("-1.5")),
    ],
)
def test_a_cell_that_would_be_a_formula_is_written_as_text(value, written):
    assert csv_cell(value) == written


def test_the_writer_neutralises_every_cell_of_a_row():
    out = io.StringIO()
    csv_writer(out).writerows([["=1+1", 3, "ok"]])
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [["'=1+1", "3", "ok"]]


def test_every_csv_the_project_writes_goes_through_core_spreadsheets():
    """``csv.writer`` / ``csv.DictWriter`` appear nowhere else in the project's code."""
    writers = re.compile(
        r"\bcsv\.(writer|DictWriter)\b|from csv import [^\n]*\b(writer|DictWriter)"
    )
    found = [
        str(path.relative_to(ROOT))
        for path in ROOT.glob("**/*.py")
        if not path.is_relative_to(ROOT / ".venv")
        and not path.is_relative_to(ROOT / "tests")
        and path != ROOT / "core" / "spreadsheets.py"
        and writers.search(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert found == []
