"""The HTML site in a real headless browser: index loads, search finds, links land.

Needs Debian's ``chromium`` (apt) and Playwright for Python (pip); it never
downloads a browser.  Screenshots go to ``test-artifacts/`` (gitignored).
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pytest
from diffhelp import entry, write_tree

from abi_tools.commands import diff as diff_cmd
from abi_tools.render.html import render_site
from abi_tools.render.write import write_directory
from abi_tools.tree import load_tree

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
FIXTURES = Path(__file__).parent / "fixtures" / "render"
HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
PHONE = {"width": 390, "height": 800}
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright not installed (pip install playwright)"
)
if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
    pytest.skip("chromium not installed (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "abi-html"
    write_directory(str(out), render_site(load_tree([str(FIXTURES), str(HOSTILE)])))
    return out


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_and_anchor(site: Path, scheme: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(color_scheme=scheme, viewport={"width": 1000, "height": 700})
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            requests: list[str] = []
            page.on("request", lambda req: requests.append(req.url))
            page.goto((site / "index.html").as_uri())
            assert "Linux kernel ABI" in page.title()
            assert page.locator("#level-testing").is_visible()
            page.fill("#search", "seamldr")
            hit = page.locator("#search-results a", has_text="/sys/devices/virtual/tdx/seamldr/version")
            hit.wait_for(state="visible", timeout=5000)
            assert page.locator("#search-results a").count() == 2
            page.screenshot(path=str(ARTIFACTS / f"render-search{'-dark' if scheme == 'dark' else ''}.png"))
            hit.click()
            page.wait_for_url("**/testing/sysfs-devices-tdx.html#sys-devices-virtual-tdx-seamldr-version")
            assert page.evaluate("location.hash") == "#sys-devices-virtual-tdx-seamldr-version"
            target = page.locator("#sys-devices-virtual-tdx-seamldr-version")
            box = target.bounding_box()
            assert box is not None and 0 <= box["y"] < 700, box
            target_id = page.evaluate("document.querySelector(':target').id")
            assert target_id == "sys-devices-virtual-tdx-seamldr-version"
            page.screenshot(path=str(ARTIFACTS / f"render-entry{'-dark' if scheme == 'dark' else ''}.png"))
            assert not errors, errors
            assert all(u.startswith("file://") for u in requests), requests
        finally:
            browser.close()


def test_every_page_fits_a_phone(site: Path) -> None:
    """At 390 px nothing widens the page: long Whats, paths and URLs wrap, while
    literal blocks and tables scroll inside their own box."""
    ARTIFACTS.mkdir(exist_ok=True)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 8
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            phone = browser.new_page(viewport=PHONE, is_mobile=True)
            too_wide = {}
            for html in pages:
                phone.goto(html.as_uri())
                width = phone.evaluate("document.documentElement.scrollWidth")
                if width > PHONE["width"]:
                    too_wide[str(html.relative_to(site))] = width
            assert not too_wide, too_wide
            phone.goto((site / "testing" / "sysfs-devices-wide-demo.html").as_uri())
            phone.screenshot(path=str(ARTIFACTS / "render-phone.png"), full_page=True)
            for box in ("pre", "table"):
                inner, outer = phone.evaluate(
                    f"(e => [e.scrollWidth, e.clientWidth])(document.querySelector('.description {box}'))"
                )
                assert outer <= PHONE["width"] < inner, (box, inner, outer)
        finally:
            browser.close()


@pytest.fixture(scope="module")
def diff_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A diff of two trees of ours whose descriptions try to run script."""
    tmp = tmp_path_factory.mktemp("diff")
    hostile = "Mode <script>window.pwned = 1; alert(1)</script> of <img src=x onerror=alert(2)>."
    wide = "/sys/devices/platform/soc/soc:firmware/an_extremely_long_node_name_without_any_breaks/attr"
    old = write_tree(
        tmp / "old",
        {"stable/sysfs-foo": entry("/sys/foo/speed"), "testing/sysfs-bar": entry(wide, desc="Mode.")},
    )
    new = write_tree(
        tmp / "new", {"testing/sysfs-bar": entry(wide, desc=hostile) + "\n" + entry("/sys/bar/x")}
    )
    out = tmp / "diff.html"
    p = argparse.ArgumentParser()
    diff_cmd.add_arguments(p)
    assert diff_cmd.run(p.parse_args([str(old), str(new), "--format", "html", "-o", str(out)])) == 0
    return out


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("form", ["desktop", "phone"])
def test_diff_report_in_a_browser(diff_report: Path, scheme: str, form: str) -> None:
    """One self-contained file in the site's style: nothing loaded, nothing run, fits a phone."""
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            if form == "phone":
                page = browser.new_page(color_scheme=scheme, viewport=PHONE, is_mobile=True)
            else:
                page = browser.new_page(color_scheme=scheme, viewport={"width": 1000, "height": 700})
            events: list[str] = []
            page.on("request", lambda req: events.append(req.url))
            page.on("dialog", lambda d: (events.append("dialog " + d.message), d.dismiss()))
            page.on("pageerror", lambda exc: events.append(str(exc)))
            page.goto(diff_report.as_uri())
            assert events == [diff_report.as_uri()], events
            assert page.evaluate("window.pwned") is None
            assert page.locator(".badge.class-breaking").first.is_visible()
            assert page.locator(".word-diff ins", has_text="<script>").count() == 1
            # the site's stylesheet, inlined, is in force: its sticky header
            assert (
                page.evaluate("getComputedStyle(document.querySelector('header.site')).position") == "sticky"
            )
            assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
            page.screenshot(path=str(ARTIFACTS / f"diff-{form}-{scheme}.png"), full_page=True)
        finally:
            browser.close()
