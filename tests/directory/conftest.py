"""Fixtures shared by the directory's tests."""

import pytest

from directory import pdf


@pytest.fixture
def renders(monkeypatch):
    """Count the PDFs rendered (each costs seconds of CPU), without the cost."""
    made = []

    def fake(request, template, context):
        made.append(request.get_full_path())
        return b"%PDF-1.7 fake"

    monkeypatch.setattr(pdf, "render_pdf", fake)
    return made
