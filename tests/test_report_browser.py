"""The report in a real browser: headless Debian Chromium, driven by Selenium and the Debian
chromedriver, opens the site from disk, finds what a reader looks for, follows every internal
link, and sees no console error and no request leaving the machine."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists() or not CHROMEDRIVER.exists(),
                       reason="Debian chromium and chromium-driver are not installed (.ci/run installs them)"),
]
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    pytest.importorskip("matplotlib")
    pytest.importorskip("jinja2")
    from iorkg.report.site import dataset, write_report

    output = tmp_path_factory.mktemp("report") / "site"
    write_report(dataset(with_examples=True), output, include_sources=True, progress=None)
    return output


@pytest.fixture(scope="module")
def browser(tmp_path_factory, monkeypatch_module):
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    monkeypatch_module.setenv("SE_OFFLINE", "true")   # Selenium Manager must never download anything
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def _case_page(site: Path) -> Path:
    return next(p for p in (site / "cases").iterdir() if "koskela" in p.name)


def _requests(driver) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def test_case_page_shows_the_timeline_figure(site, browser):
    browser.get(_case_page(site).as_uri())
    image = browser.find_element("css selector", "#figure-timeline img")
    assert browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth", image) > 0
    assert "phase unknown" in image.get_attribute("alt")


def test_case_page_has_a_table_for_every_question(site, browser):
    from iorkg.query.catalogue import catalogue

    browser.get(_case_page(site).as_uri())
    for info in catalogue():
        section = browser.find_element("id", f"q-{info.name}")
        assert section.find_elements("css selector", "table.answer")


def test_evidence_table_highlights_quotes_in_their_context(site, browser):
    browser.get(_case_page(site).as_uri())
    mark = browser.find_element("css selector", "#evidence-table mark")
    assert mark.is_displayed() and mark.text
    cell = mark.find_element("xpath", "ancestor::td")
    assert cell.find_elements("css selector", "span.ctx")


def test_every_internal_link_leads_to_a_page_and_anchor_that_exist(site, browser):
    seen: set[str] = set()
    queue = [(site / "index.html").as_uri()]
    targets: dict[str, set[str]] = {}
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        browser.get(url)
        assert browser.execute_script("return document.readyState") == "complete"
        for href in browser.execute_script(
                "return Array.from(document.querySelectorAll('a[href]'), a => a.href)"):
            page, fragment = urldefrag(href)
            if not page.startswith("file://"):
                continue
            assert Path(unquote(urlparse(page).path)).is_file(), f"{url} links to a missing {page}"
            targets.setdefault(page, set()).add(fragment)
            if page.endswith(".html") and page not in seen:
                queue.append(page)
    for page, fragments in targets.items():
        browser.get(page)
        missing = browser.execute_script(
            "return arguments[0].filter(id => id && !document.getElementById(id))", sorted(fragments))
        assert not missing, f"{page} has no element for #{missing[:3]}"
    assert len(seen) >= 5


def test_no_console_error_and_no_request_leaves_the_machine(site, browser):
    browser.get_log("browser")
    browser.get_log("performance")
    pages = [site / "index.html", _case_page(site), site / "ontology.html", site / "questions.html",
             *sorted((site / "sources").iterdir())]
    requested = []
    for page in pages:
        browser.get(page.as_uri())
        requested += browser.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name)")
        errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
        assert not errors, f"{page.name}: {errors}"
    requested += _requests(browser)
    assert requested, "the pages loaded no resource at all"
    # file:// is the site; data: and about: stay in the page; chrome:// is served by the browser itself
    leaving = [u for u in requested if not u.startswith(("file://", "data:", "about:", "chrome://"))]
    assert not leaving, leaving

