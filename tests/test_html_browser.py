"""The HTML report in a real headless browser (Debian's chromium driven by Playwright): open the
page, check that the highlighted spans are exactly the findings' spans, click filters, take a
screenshot. Skips with a clear reason where no browser can be had.

Set BAOCAO_SCREENSHOT=/path/shot.png to keep the screenshot for a human look.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from serve_texts import SCORED

from checker.api import check
from checker.reporters.html import render_html

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags chromium keeps trying Google's hosts on a closed network.
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# the scored report of the serve tests: a score over its cap, a doubled word (info), a stray space in a symbol
REPORT = SCORED


def _ensure_chromium() -> str | None:
    """Install Debian's chromium when we are root and it is missing; None with the reason if not."""
    if Path(CHROMIUM).exists():
        return None
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return "không có /usr/bin/chromium và không chạy bằng root để cài (apt-get install chromium)"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    try:
        for cmd in (["apt-get", "install", "-y", "-q", "chromium"], ["apt-get", "update", "-q"],
                    ["apt-get", "install", "-y", "-q", "chromium"]):
            subprocess.run(cmd, env=env, capture_output=True, timeout=600)
            if Path(CHROMIUM).exists():
                return None
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"cài chromium không được: {exc}"
    return "apt-get không cài được chromium (không có mạng hoặc kho gói)"


@pytest.fixture(scope="module")
def browser():  # noqa: ANN201 - playwright's types are optional
    sync_api = pytest.importorskip("playwright.sync_api", reason="chưa cài gói playwright (pip install playwright)")
    reason = _ensure_chromium()
    if reason:
        pytest.skip(reason)
    with sync_api.sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, timeout=60_000)
        except Exception as exc:  # a broken browser install: say so rather than fail the suite
            pytest.skip(f"không khởi động được chromium: {exc}")
        yield b
        b.close()


_SPANS_JS = """
() => {
  const out = {};
  document.querySelectorAll('mark[data-f]').forEach(m => {
    for (const id of m.dataset.f.split(' ')) out[id] = (out[id] || '') + m.textContent;
  });
  return out;
}
"""


def test_html_report_in_browser(browser, tmp_path: Path) -> None:  # noqa: ANN001
    src = tmp_path / "diem.txt"
    src.write_text(REPORT, encoding="utf-8")
    rep = check(src)
    assert rep.text and any(f.rule.startswith("DG") for f in rep.findings)
    page_path = tmp_path / "report.html"
    page_path.write_text(render_html([rep]), encoding="utf-8")

    page = browser.new_page(viewport={"width": 1300, "height": 900})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(page_path.as_uri())
    assert page.title().startswith("Kết quả kiểm tra báo cáo")
    # the section is collapsed: its markup is put in when the reviewer opens it from the list
    assert page.locator("div.msg").count() == 0
    page.locator("table.summary tbody tr").first.click()
    page.locator("section.file").wait_for()

    # every finding with a span is highlighted over exactly its text (line breaks are not drawn)
    spans = page.evaluate(_SPANS_JS)
    for j, f in enumerate(rep.findings):
        fid = f"f0-{j}"
        assert page.locator(f"div.msg#{fid}").count() == 1
        if f.end_offset > f.offset:
            assert spans.get(fid) == rep.text[f.offset : f.end_offset].replace("\n", ""), (f.rule, f.message)
    assert page.locator("mark.on").count() == page.locator("mark[data-f]").count()

    # the re-drawn score table marks the 6-over-5 cell
    bad = page.locator("table.score td.bad")
    assert bad.count() >= 1 and "6" in bad.all_inner_texts()

    # filter out "lưu ý" (info): their messages hide, highlights that only they carried switch off
    infos = {f"f0-{j}" for j, f in enumerate(rep.findings) if f.severity == "info"}
    assert infos, "the fixture should have an info finding (doubled word)"
    page.get_by_label("lưu ý", exact=True).uncheck()
    for fid in infos:
        assert page.locator(f"div.msg#{fid}").is_hidden()
    lit = page.evaluate("() => Array.from(document.querySelectorAll('mark.on')).map(m => m.dataset.f.split(' '))")
    assert all(any(i not in infos for i in ids) for ids in lit)
    # filter out the score category: the table cells are no longer marked
    page.get_by_label("điểm tự chấm").uncheck()
    assert page.locator("table.score td.bad").count() == 0
    page.get_by_label("điểm tự chấm").check()
    page.get_by_label("lưu ý", exact=True).check()
    assert page.locator("mark.on").count() == page.locator("mark[data-f]").count()

    shot = Path(os.environ.get("BAOCAO_SCREENSHOT") or tmp_path / "report.png")
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    assert all(u.startswith("file://") for u in requests), requests  # nothing from the network
    page.close()


def test_batch_page_list_sorts_searches_and_opens(browser, tmp_path: Path) -> None:  # noqa: ANN001
    """A batch page: worst first, search by name, filter by severity, sort by a column, page through."""
    clean = REPORT.replace("đã đã", "đã").replace("\t5\t6", "\t5\t5").replace("\t5\t4", "\t5\t5")
    reports = []
    for i in range(60):
        text = REPORT if i % 3 == 0 else clean
        reports.append(check(text.encode(), name=f"don-vi-{i:02d}/bao-cao.txt"))
    reports.append(check(b"", name="rong.txt"))  # unreadable: listed first
    page_path = tmp_path / "batch.html"
    page_path.write_text(render_html(reports), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    page.goto(page_path.as_uri())
    rows = page.locator("table.summary tbody tr")
    assert rows.count() == 50  # paged
    first = rows.nth(0).inner_text()
    assert "rong.txt" in first and "không đọc được" in first
    worst = max(r.counts()["error"] for r in reports)
    assert rows.nth(1).locator("td").nth(1).inner_text() == str(worst)
    page.get_by_role("button", name="Trang sau →").click()
    assert rows.count() == len(reports) - 50
    page.get_by_placeholder("Tìm theo tên tệp…").fill("don-vi-07")
    assert rows.count() == 1 and "don-vi-07" in rows.first.inner_text()
    page.get_by_placeholder("Tìm theo tên tệp…").fill("")
    page.get_by_label("Mức độ").select_option("error")
    with_errors = sum(1 for r in reports if r.counts()["error"])
    assert rows.count() == with_errors
    page.get_by_label("Mức độ").select_option("")
    page.locator("th", has_text="Tệp").click()  # by name, A to Z
    assert rows.first.inner_text().startswith("don-vi-00")
    # open one report from the list: its section fills in and its filters work
    rows.first.click()
    section = page.locator("details[open] section.file")
    section.wait_for()
    assert section.locator("h2").inner_text() == "don-vi-00/bao-cao.txt"
    assert section.locator("table.score tbody tr").count() == 6
    assert page.locator("details.file[open]").count() == 1
    page.close()
