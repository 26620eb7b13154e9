"""The web desk in a real browser (Debian's chromium driven by Playwright) against a real uvicorn on
127.0.0.1 (a free port; stopped at the end): upload two reports and a broken file, read the list, open
a report, filter it, download its JSON, go back. Skips with the reason where no browser can be had.

Set BAOCAO_SCREENSHOT_DIR=docs/img to keep the screenshots the README shows.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from serve_texts import PLAIN, SCORED
from test_html_browser import browser  # noqa: F401 - the shared chromium fixture

from checker.serve.app import Limits, Settings, create_app

SCHEMA = json.loads((Path(__file__).parent / "contract-schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(Settings(limits=Limits(workers=1, timeout=60)))
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=30)
    app.state.desk.pool.close()


def test_desk_upload_list_open_filter_download(browser, server: str, tmp_path: Path) -> None:  # noqa: ANN001, F811
    files = tmp_path / "bao-cao"
    files.mkdir()
    (files / "so-thu-nghiem.txt").write_text(SCORED, encoding="utf-8")
    (files / "phong-noi-vu.txt").write_text(PLAIN, encoding="utf-8")
    (files / "hong.docx").write_bytes(b"this is not a Word file")
    shots = os.environ.get("BAOCAO_SCREENSHOT_DIR")

    page = browser.new_page(viewport={"width": 1280, "height": 860}, accept_downloads=True)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(server + "/")
    assert page.title().startswith("Kiểm tra báo cáo")
    page.locator("#files").set_input_files([str(p) for p in sorted(files.iterdir())])
    assert "3" in page.locator("#chosen").inner_text()
    page.get_by_role("button", name="Kiểm tra").click()
    rows = page.locator("#list table.summary tbody tr")
    rows.nth(2).wait_for(timeout=60_000)
    assert rows.count() == 3
    # worst first: the unreadable file, then the report with an error
    assert "hong.docx" in rows.nth(0).inner_text() and "không đọc được" in rows.nth(0).inner_text()
    assert "so-thu-nghiem.txt" in rows.nth(1).inner_text()
    assert "Đã kiểm tra 3 tệp" in page.locator("#progress-text").inner_text()
    assert "3 tệp" in page.locator("#list .totals").inner_text()
    page.get_by_placeholder("Tìm theo tên tệp…").fill("phong")
    assert rows.count() == 1
    page.get_by_placeholder("Tìm theo tên tệp…").fill("")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(shots) / "desk-list.png"))

    # open a report: its page is asked for now, with the whole score table and every finding in place
    rows.nth(1).click()
    section = page.locator("#report-body section.file")
    section.wait_for(timeout=30_000)
    assert "#r-" in page.url  # the back button of the browser returns to the list
    assert section.locator("h2").inner_text() == "so-thu-nghiem.txt"
    assert section.locator("table.score tbody tr").count() == 6
    bad = section.locator("table.score td.bad")
    assert "6" in bad.all_inner_texts()
    msgs = section.locator("div.msg")
    assert msgs.count() >= 4
    infos = section.locator("div.msg.info")
    assert infos.count() >= 1
    section.get_by_label("lưu ý", exact=True).uncheck()
    assert all(not infos.nth(k).is_visible() for k in range(infos.count()))
    section.get_by_label("điểm tự chấm").uncheck()
    assert section.locator("table.score td.bad").count() == 0
    section.get_by_label("điểm tự chấm").check()
    section.get_by_label("lưu ý", exact=True).check()
    if shots:
        page.screenshot(path=str(Path(shots) / "desk-report.png"))

    # its JSON: the contract, the same findings the list was built from
    with page.expect_download() as dl:
        page.locator("#report [data-one=json]").click()
    saved = tmp_path / "one.json"
    dl.value.save_as(saved)
    doc = json.loads(saved.read_text(encoding="utf-8"))
    jsonschema.validate(doc, SCHEMA)
    assert [f["path"] for f in doc["files"]] == ["so-thu-nghiem.txt"]
    assert doc["summary"]["errors"] >= 1 and any(f["rule"] == "DG001" for f in doc["files"][0]["findings"])

    # back to the list, and the whole batch's JSON
    page.get_by_text("← Quay lại danh sách").click()
    rows.first.wait_for()
    assert page.locator("#report").is_hidden() and rows.count() == 3
    with page.expect_download() as dl:
        page.locator("#results [data-dl=json]").click()
    dl.value.save_as(saved)
    batch = json.loads(saved.read_text(encoding="utf-8"))
    jsonschema.validate(batch, SCHEMA)
    assert sorted(f["path"] for f in batch["files"]) == ["hong.docx", "phong-noi-vu.txt", "so-thu-nghiem.txt"]
    assert all(u.startswith(server) or u.startswith("blob:") for u in requests), requests  # only this server
    page.close()


def test_desk_in_english(browser, server: str) -> None:  # noqa: ANN001, F811
    page = browser.new_page()
    page.goto(server + "/?lang=en")
    assert page.get_by_role("button", name="Check").is_visible()
    assert page.locator("html").get_attribute("lang") == "en"
    page.close()


def test_desk_folder_and_zip_bundle(browser, server: str, tmp_path: Path) -> None:  # noqa: ANN001, F811
    """A folder chosen with the folder picker (its hidden files left out) and a .zip bundle: every report
    is listed under its path, and a report inside the bundle opens on its own."""
    import io
    import zipfile

    folder = tmp_path / "phong-ban"
    (folder / "quy-1").mkdir(parents=True)
    (folder / "quy-1" / "bao-cao.txt").write_text(PLAIN, encoding="utf-8")
    (folder / "diem.txt").write_text(SCORED, encoding="utf-8")
    (folder / ".~lock.diem.txt#").write_text("lock", encoding="utf-8")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("ho-so/a.txt", SCORED)
        z.writestr("../ra-ngoai.txt", PLAIN)
    bundle = tmp_path / "ho-so.zip"
    bundle.write_bytes(buf.getvalue())

    page = browser.new_page(viewport={"width": 1280, "height": 860})
    page.goto(server + "/")
    page.locator("#folder").set_input_files(str(folder))
    page.locator("#files").set_input_files(str(bundle))
    assert "3" in page.locator("#chosen").inner_text()  # two reports of the folder and the bundle
    page.get_by_role("button", name="Kiểm tra").click()
    rows = page.locator("#list table.summary tbody tr")
    rows.nth(3).wait_for(timeout=60_000)
    paths = [r.locator("td").first.inner_text() for r in rows.all()]
    assert sorted(paths) == ["ho-so.zip/../ra-ngoai.txt", "ho-so.zip/ho-so/a.txt",
                             "phong-ban/diem.txt", "phong-ban/quy-1/bao-cao.txt"]
    unsafe = rows.filter(has_text="ra-ngoai.txt")
    assert "không an toàn" in unsafe.inner_text()
    rows.filter(has_text="ho-so.zip/ho-so/a.txt").click()
    section = page.locator("#report-body section.file")
    section.wait_for(timeout=30_000)
    assert section.locator("h2").inner_text() == "ho-so.zip/ho-so/a.txt"
    assert "6" in section.locator("table.score td.bad").all_inner_texts()
    page.close()
