"""axe-core finds nothing serious or critical on any public page type, in any language."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings

from .site_pages import first_of_each_type, in_language

pytestmark = pytest.mark.browser

BLOCKING_IMPACTS = {"serious", "critical"}


def describe(url, violation):
    lines = [f"{url}: {violation['id']} ({violation['impact']}): {violation['help']}"]
    for node in violation["nodes"]:
        summary = " ".join(node.get("failureSummary", "").split())
        lines.append(f"    {', '.join(map(str, node['target']))}: {summary}")
    return "\n".join(lines)


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES])
def test_public_pages_have_no_serious_accessibility_violations(page, code):
    pages = {url: 200 for _page, url in (in_language(p, code) for p in first_of_each_type())}
    pages[f"/{code}/no-such-page/"] = 404
    axe = Axe()
    problems = []
    for url, status in pages.items():
        response = page.goto(url)
        assert response.status == status, f"{url} answered {response.status}"
        # Check the answers folded inside the FAQs too.
        page.locator("details").evaluate_all("all => all.forEach(d => { d.open = true; })")
        violations = axe.run(page).response["violations"]
        problems += [describe(url, v) for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert not problems, "axe-core found serious or critical violations:\n" + "\n".join(problems)
