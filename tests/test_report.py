"""The HTML report in a real browser: figures display, and article markup stays inert text."""

import subprocess
from pathlib import Path

import pytest
from workflow_copy import SNAKEMAKE, copy_workflow

pytestmark = pytest.mark.workflow
CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
HOSTILE_TITLE = "<img src=x onerror=window.__pwned=1> Markup <script>window.__pwned=2</script>"
ARTICLES = {
    "hostile.md": f"# {HOSTILE_TITLE}\nTrade rose sharply. Officials were pleased.\n",
    "plain.txt": "Tariffs rose. Markets fell.\nTrade Talks\nThe U.S. and Japan met.\n",
}
if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    pytest.skip(
        "Chromium is missing: install Debian's chromium and chromium-driver (.ci/run does)",
        allow_module_level=True,
    )


def snakemake(workdir: Path, *args: str) -> None:
    done = subprocess.run(
        [str(SNAKEMAKE), *args], cwd=workdir, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    workdir = copy_workflow(tmp_path_factory.mktemp("report"), ARTICLES)
    snakemake(workdir)
    snakemake(workdir, "--report", "results/report.html")
    return workdir / "results" / "report.html"


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--window-size=1400,1000",
    ):  # fmt: skip
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    yield driver
    driver.quit()


def click(browser, element) -> None:
    # The report's menu animates; a script click does not wait for the animation.
    browser.execute_script("arguments[0].click()", element)


def wait_for(browser, xpath: str):
    """The first element at ``xpath``, waiting up to 10 s for the report to render it."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, 10).until(lambda b: b.find_element(By.XPATH, xpath))


NAVIGATION = {"Workflow", "Statistics", "About", ""}


def open_path(browser, report: Path, path: tuple[str, ...]) -> None:
    """Open the report and click through its menu, e.g. ("Sentiment", "plain")."""
    browser.get(report.as_uri())
    wait_for(browser, "//a[normalize-space()='About']")
    for entry in path:
        click(browser, wait_for(browser, f"//a[normalize-space()='{entry}']"))


def menu_links(browser) -> list[str]:
    from selenium.webdriver.common.by import By

    texts = [link.text.strip() for link in browser.find_elements(By.XPATH, "//a")]
    return [text for text in texts if text not in NAVIGATION]


def result_pages(browser, report: Path) -> list[tuple[str, ...]]:
    """Every menu path that ends in a list of result files (category, or subcategory)."""
    from selenium.webdriver.common.by import By

    pages, frontier = [], [()]
    while frontier:
        path = frontier.pop(0)
        open_path(browser, report, path)
        if browser.find_elements(By.XPATH, "//tr[td[contains(text(), '/')]]"):
            pages.append(path)
            continue
        seen = set(path)
        frontier += [(*path, link) for link in menu_links(browser) if link not in seen]
        if len(path) >= 3:
            break
    return pages


def test_every_figure_is_displayed(browser, report):
    from selenium.webdriver.common.by import By

    pages = result_pages(browser, report)
    assert {page[0] for page in pages} >= {"Sentiment", "Keywords", "Topics"}
    shown = 0
    for page in pages:
        open_path(browser, report, page)
        rows = browser.find_elements(By.XPATH, "//tr[td[contains(text(), '.png')]]")
        for index in range(len(rows)):
            row = browser.find_elements(By.XPATH, "//tr[td[contains(text(), '.png')]]")[index]
            name = row.find_element(By.TAG_NAME, "td").text.rsplit("/", 1)[-1]
            click(browser, row.find_element(By.XPATH, ".//a[@iconname='eye']"))
            image = wait_for(browser, f"//img[contains(@src, '{name}')]")
            assert image.get_attribute("src").startswith("data:image/png")
            assert browser.execute_script("return arguments[0].naturalWidth", image) > 100
            assert image.is_displayed()
            shown += 1
    assert shown >= 2 * 7  # two articles, seven figures each


def test_markup_in_an_article_stays_text(browser, report):
    from selenium.webdriver.common.by import By

    html = report.read_text(encoding="utf-8")
    assert "<img src=x onerror" not in html and "<script>window.__pwned" not in html
    for page in result_pages(browser, report):
        open_path(browser, report, page)
        for row in browser.find_elements(By.XPATH, "//tr[td[contains(text(), '.tsv')]]"):
            click(browser, row.find_element(By.XPATH, ".//a[@iconname='eye']"))
            assert browser.execute_script("return window.__pwned === undefined")
            assert not browser.find_elements(By.XPATH, "//img[@src='x']")
