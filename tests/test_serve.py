"""`baocao-lint serve`: the HTTP API and the pages, through Starlette's test client (in-process), and a
real uvicorn on 127.0.0.1 (a free port, bounded requests and time) for concurrent uploads.

The contract is the point: the JSON of POST /api/v1/check is byte for byte what the reporter of
`baocao-lint check --format json` gives for the same bytes; bad requests get a 4xx with one line.
"""

from __future__ import annotations

import asyncio
import io
import json
import socket
import threading
import time
import warnings
import zipfile
from pathlib import Path

import jsonschema
import pytest
from serve_texts import PLAIN, SCORED

from checker.api import check
from checker.reporters.json_out import render_json
from checker.serve.app import Limits, Settings, create_app, safe_name
from checker.serve.pool import CheckPool

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette 1.x prefers httpx2 for its test client; httpx works
    from starlette.testclient import TestClient

SCHEMA = json.loads((Path(__file__).parent / "contract-schema.json").read_text(encoding="utf-8"))


def client(**limits: object) -> TestClient:
    settings = Settings(limits=Limits(workers=0, **limits))  # type: ignore[arg-type]
    return TestClient(create_app(settings))


def upload(*items: tuple[str, bytes]) -> list[tuple[str, tuple[str, bytes]]]:
    return [("files", (name, data)) for name, data in items]


@pytest.fixture(scope="module")
def api() -> TestClient:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return client()


def test_check_json_is_the_cli_contract(api: TestClient) -> None:
    data = SCORED.encode()
    r = api.post("/api/v1/check", files=upload(("so/diem.txt", data)))
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    # the same reporter as the command line, on the same bytes under the same name
    assert r.text == render_json([check(data, name="so/diem.txt")])
    doc = r.json()
    jsonschema.validate(doc, SCHEMA)
    assert doc["files"][0]["path"] == "so/diem.txt"
    assert any(f["rule"] == "DG001" for f in doc["files"][0]["findings"])


def test_one_bad_file_among_good_ones_gets_its_error(api: TestClient) -> None:
    r = api.post("/api/v1/check", files=upload(("a.txt", SCORED.encode()), ("hong.docx", b"not a zip"),
                                                ("b.txt", PLAIN.encode())))
    assert r.status_code == 200
    files = r.json()["files"]
    assert [f["path"] for f in files] == ["a.txt", "hong.docx", "b.txt"]  # upload order, nothing dropped
    assert files[1]["error"] and "\n" not in files[1]["error"] and files[1]["findings"] == []
    assert files[0]["error"] is None and files[2]["error"] is None
    assert r.json()["summary"]["files"] == 3


def test_sarif_and_html_formats(api: TestClient) -> None:
    r = api.post("/api/v1/check?format=sarif", files=upload(("a.txt", SCORED.encode())))
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/sarif+json")
    assert r.json()["version"] == "2.1.0"
    r = api.post("/api/v1/check?format=html", files=upload(("a.txt", SCORED.encode())))
    assert r.status_code == 200 and r.text.startswith("<!DOCTYPE html>") and "DG001" in r.text


def test_options_as_query_parameters(api: TestClient) -> None:
    data = SCORED.encode()
    only_score = api.post("/api/v1/check?categories=score", files=upload(("a.txt", data))).json()
    assert {f["category"] for f in only_score["files"][0]["findings"]} == {"score"}
    ignored = api.post("/api/v1/check?ignore=DG", files=upload(("a.txt", data))).json()
    assert not any(f["rule"].startswith("DG") for f in ignored["files"][0]["findings"])
    en = api.post("/api/v1/check?lang=en&select=DG001", files=upload(("a.txt", data))).json()
    vi = api.post("/api/v1/check?select=DG001", files=upload(("a.txt", data))).json()
    assert en["files"][0]["findings"][0]["message"] != vi["files"][0]["findings"][0]["message"]
    year = api.post("/api/v1/check?year=2023&framework=generic", files=upload(("a.txt", data))).json()
    assert year["files"][0]["report"]["framework"] == "generic"


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        ("format=pdf", "format"),
        ("framework=khong-co", "khung chấm điểm"),
        ("template=khong-co", "mẫu báo cáo"),
        ("year=hai-nghin", "year"),
        ("select=ZZ999", "mã quy tắc"),
        ("categories=weather", "nhóm quy tắc"),
        ("lang=fr", "lang"),
        ("colour=red", "tham số không hỗ trợ"),
    ],
)
def test_bad_options_are_400_with_one_line(api: TestClient, query: str, fragment: str) -> None:
    r = api.post(f"/api/v1/check?{query}", files=upload(("a.txt", PLAIN.encode())))
    assert r.status_code == 400
    body = r.json()
    assert list(body) == ["error"] and fragment in body["error"] and "\n" not in body["error"]


def test_broken_requests(api: TestClient) -> None:
    r = api.post("/api/v1/check", content=b"hello", headers={"content-type": "text/plain"})
    assert r.status_code == 415 and "multipart" in r.json()["error"]
    r = api.post("/api/v1/check", data={"note": "no file"}, files=[("other", ("a.txt", b"x"))])
    assert r.status_code == 400 and "files" in r.json()["error"]
    # a multipart body cut in the middle
    broken = b"--XYZ\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\n\r\nBAO CAO"
    r = api.post("/api/v1/check", content=broken, headers={"content-type": "multipart/form-data; boundary=XYZ"})
    assert 400 <= r.status_code < 500 and "error" in r.json()
    r = api.get("/api/v1/check")
    assert r.status_code == 405 and "error" in r.json()
    assert api.get("/khong-co").status_code == 404


def test_oversized_uploads() -> None:
    small = client(max_upload_mb=0.05, max_file_mb=0.02, max_files=3)
    big = b"BAO CAO " * 4000  # 32 KB: over the 20 KB per file, under the 50 KB request
    r = small.post("/api/v1/check", files=upload(("lon.txt", big), ("a.txt", PLAIN.encode())))
    assert r.status_code == 200
    files = r.json()["files"]
    assert "quá lớn" in files[0]["error"] and files[1]["error"] is None
    r = small.post("/api/v1/check", files=upload(("1.txt", big), ("2.txt", big)))  # 64 KB request
    assert r.status_code == 413 and "quá lớn" in r.json()["error"]
    r = small.post("/api/v1/check", files=upload(*[(f"{i}.txt", b"x") for i in range(5)]))
    assert r.status_code == 413 and "quá nhiều tệp" in r.json()["error"]


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_zip_bundle_with_unsafe_names(api: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    bundle = _zip({"../../thoat.txt": PLAIN.encode(), "/tuyet-doi.txt": PLAIN.encode(),
                   "thu-muc/a.txt": SCORED.encode(), "b.txt": PLAIN.encode()})
    r = api.post("/api/v1/check", files=upload(("lo.zip", bundle)))
    assert r.status_code == 200
    by_path = {f["path"]: f for f in r.json()["files"]}
    unsafe = [f for p, f in by_path.items() if "thoat" in p or "tuyet-doi" in p]
    assert len(unsafe) == 2 and all("không an toàn" in f["error"] for f in unsafe)
    assert by_path["lo.zip/thu-muc/a.txt"]["error"] is None
    assert any(f["rule"] == "DG001" for f in by_path["lo.zip/thu-muc/a.txt"]["findings"])
    assert by_path["lo.zip/b.txt"]["error"] is None
    # nothing was unpacked anywhere: the members were checked from memory
    assert list(tmp_path.iterdir()) == [] and not (tmp_path.parent / "thoat.txt").exists()
    # `only` checks one member of the bundle (what the page does when one report is opened)
    one = api.post("/api/v1/check?only=lo.zip/b.txt", files=upload(("lo.zip", bundle))).json()
    assert [f["path"] for f in one["files"]] == ["lo.zip/b.txt"]


def test_broken_zip_and_unsafe_upload_names(api: TestClient) -> None:
    r = api.post("/api/v1/check", files=upload(("hong.zip", b"PK\x03\x04 broken"), ("../x.txt", PLAIN.encode())))
    files = r.json()["files"]
    assert r.status_code == 200 and len(files) == 2
    assert ".zip" in files[0]["error"] and "không an toàn" in files[1]["error"]


def test_safe_name() -> None:
    assert safe_name("thu-muc/./a.txt") == "thu-muc/a.txt"
    assert safe_name("a\\b.txt") == "a/b.txt"
    for bad in ("../a.txt", "/etc/passwd", "C:\\x.txt", "a/../../b.txt", ""):
        assert safe_name(bad) is None, bad


def test_token_guards_the_api() -> None:
    app = create_app(Settings(limits=Limits(workers=0), token="bi-mat"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        c = TestClient(app)
    files = upload(("a.txt", PLAIN.encode()))
    assert c.post("/api/v1/check", files=files).status_code == 401
    assert c.post("/api/v1/check", files=files, headers={"authorization": "Bearer sai"}).status_code == 401
    assert c.post("/api/v1/check", files=files, headers={"authorization": "Bearer bi-mat"}).status_code == 200
    assert c.get("/api/v1/rules").status_code == 401
    assert c.get("/api/v1/rules", headers={"x-baocao-token": "bi-mat"}).status_code == 200
    assert c.get("/healthz").status_code == 200  # a probe needs no token
    assert 'id="token"' in c.get("/").text  # the page asks for it


def test_queue_full_is_503(api: TestClient) -> None:
    desk = api.app.state.desk  # type: ignore[attr-defined]
    desk.active = desk.settings.limits.max_queue
    try:
        r = api.post("/api/v1/check", files=upload(("a.txt", PLAIN.encode())))
    finally:
        desk.active = 0
    assert r.status_code == 503 and "bận" in r.json()["error"]


def test_rules_healthz_openapi(api: TestClient) -> None:
    rules = api.get("/api/v1/rules").json()
    codes = {r["code"] for r in rules}
    assert {"DG001", "TT001"} <= codes and all(r["category"] and r["summary"] for r in rules)
    assert api.get("/api/v1/rules?lang=en").json()[0]["summary"] != rules[0]["summary"]
    assert api.get("/healthz").json()["status"] == "ok"
    spec = api.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert {"/api/v1/check", "/api/v1/rules", "/healthz", "/openapi.json"} <= set(spec["paths"])
    names = {p["name"] for p in spec["paths"]["/api/v1/check"]["post"]["parameters"]}
    assert {"format", "framework", "template", "year", "categories", "select", "ignore", "lang"} <= names


def test_upload_page_in_both_languages(api: TestClient) -> None:
    vi = api.get("/")
    assert vi.status_code == 200 and '<html lang="vi">' in vi.text and "Chọn thư mục" in vi.text
    assert "webkitdirectory" in vi.text and "bac-giang-274-2017" in vi.text
    assert "default-src 'none'" in vi.headers["content-security-policy"]
    en = api.get("/?lang=en").text
    assert '<html lang="en">' in en and "Choose a folder" in en
    for page in (vi.text, en):  # nothing from the network: no script, style or font from elsewhere
        assert "src=\"http" not in page and "href=\"http" not in page and "@import" not in page


def test_report_page_has_the_whole_score_table(api: TestClient) -> None:
    r = api.post("/ui/report?index=4", files=upload(("a.txt", SCORED.encode())))
    assert r.status_code == 200
    page = r.text
    assert 'id="file-4"' in page and 'id="f4-0"' in page
    # six rows read by the checker, each drawn; the 6-over-5 cell is the one marked
    assert page.count('<tr class="criterion">') == 2 and page.count('<tr class="item">') == 3
    assert page.count('<tr class="total">') == 1
    assert ' data-f="f4-' in page and 'class="bad error"' in page


def test_annotated_copy_download(api: TestClient) -> None:
    import docx

    r = api.post("/ui/annotate", files=upload(("a.txt", SCORED.encode())))
    assert r.status_code == 200 and "a.nhan-xet.docx" in r.headers["content-disposition"]
    document = docx.Document(io.BytesIO(r.content))
    assert len(list(document.comments)) == len(check(SCORED.encode(), name="a.txt").findings)
    r = api.post("/ui/annotate", files=upload(("hong.docx", b"garbage")))
    assert r.status_code == 422 and "hong.docx" in r.json()["error"]


def test_nothing_kept_unless_asked(tmp_path: Path) -> None:
    keep = tmp_path / "kept"
    app = create_app(Settings(limits=Limits(workers=0), keep=keep))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        c = TestClient(app)
    c.post("/api/v1/check", files=upload(("thu-muc/a.txt", PLAIN.encode())))
    runs = list(keep.iterdir())
    assert len(runs) == 1
    assert (runs[0] / "files" / "thu-muc" / "a.txt").read_bytes() == PLAIN.encode()
    assert json.loads((runs[0] / "report.json").read_text(encoding="utf-8"))["summary"]["files"] == 1


def test_pool_time_limit_restarts_the_pool() -> None:
    pool = CheckPool(workers=1, timeout=0.25)
    # a report big enough to take longer than a quarter of a second in a cold worker (1 MB: ~1 s at
    # 2026-12-02's ~1.5 MB/s on one core including the model; 270 KB took 0.3 s and outran the limit)
    slow = (SCORED * 1500).encode()
    try:
        rep = asyncio.run(pool.check(slow, "cham.txt", _opts()))
        assert rep.error and "quá thời gian" in rep.error and pool.restarts == 1
        pool.timeout = 60
        fine = asyncio.run(pool.check(PLAIN.encode(), "nhanh.txt", _opts()))
        assert fine.error is None and fine.findings
    finally:
        pool.close()


def _opts():  # noqa: ANN202
    from checker.context import Options

    return Options()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_concurrent_uploads_on_loopback() -> None:
    """A real uvicorn on 127.0.0.1 with the process pool; 24 uploads at once, each answer checked."""
    import httpx
    import uvicorn

    port = _free_port()
    app = create_app(Settings(limits=Limits(workers=2, timeout=60)))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not server.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.05)
        texts = {f"r{i}.txt": (SCORED if i % 2 else PLAIN).encode() for i in range(24)}
        expected = {name: render_json([check(data, name=name)]) for name, data in texts.items()}

        async def go() -> list[tuple[str, httpx.Response]]:
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=60) as c:
                async def one(name: str, data: bytes) -> tuple[str, httpx.Response]:
                    return name, await c.post("/api/v1/check", files=upload((name, data)))

                return await asyncio.gather(*(one(n, d) for n, d in texts.items()))

        answers = asyncio.run(asyncio.wait_for(go(), 120))
        assert len(answers) == 24
        for name, resp in answers:
            assert resp.status_code == 200, resp.text
            assert resp.text == expected[name]
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        app.state.desk.pool.close()
    assert not thread.is_alive()


def test_office_packages_are_not_taken_for_bundles_and_bundle_members_are_filtered(api: TestClient) -> None:
    # a .xlsx or .odt is a ZIP package too: it is one file to read, not a bundle to unpack
    sheet = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
    r = api.post("/api/v1/check", files=upload(("diem.xlsx", sheet)))
    assert [f["path"] for f in r.json()["files"]] == ["diem.xlsx"]
    bundle = _zip({"a.txt": PLAIN.encode(), "anh.png": b"\x89PNG....", "trong.zip": b"PK"})
    files = {f["path"]: f for f in api.post("/api/v1/check", files=upload(("lo.zip", bundle))).json()["files"]}
    assert files["lo.zip/a.txt"]["error"] is None
    assert "không được hỗ trợ" in files["lo.zip/anh.png"]["error"]  # listed with its reason, not checked
    assert ".zip" in files["lo.zip/trong.zip"]["error"]


def test_serve_command_checks_its_limits_and_warns_off_loopback(capsys: pytest.CaptureFixture[str]) -> None:
    from checker.cli import main
    from checker.serve.main import _loopback

    assert main(["serve", "--timeout", "0"]) == 2
    assert main(["serve", "--max-files", "0"]) == 2
    assert "--max-files" in capsys.readouterr().err
    assert _loopback("127.0.0.1") and _loopback("::1") and _loopback("localhost")
    assert not _loopback("0.0.0.0") and not _loopback("192.168.1.10") and not _loopback("may-chu")


def test_serve_off_loopback_warns_and_asks_for_a_token(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import uvicorn

    from checker.cli import main

    started: list[dict] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: started.append(kw))
    monkeypatch.delenv("BAOCAO_LINT_TOKEN", raising=False)
    assert main(["serve", "--host", "0.0.0.0", "--port", "9999", "--workers", "0"]) == 0
    err = capsys.readouterr().err
    assert "CẢNH BÁO" in err and "--token" in err
    assert started == [{"host": "0.0.0.0", "port": 9999, "log_level": "warning", "server_header": False}]
    monkeypatch.setenv("BAOCAO_LINT_TOKEN", "bi-mat")
    assert main(["serve", "--host", "0.0.0.0", "--workers", "0"]) == 0
    err = capsys.readouterr().err
    assert "CẢNH BÁO" in err and "--token" not in err
    assert main(["serve", "--workers", "0"]) == 0
    assert "CẢNH BÁO" not in capsys.readouterr().err  # loopback: no warning


def test_category_labels_and_order_come_from_the_one_list(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pages name categories with checker/categories.py's labels: a category added there shows up
    in the report page's filters under its label, with no list of its own in the templates."""
    from checker import categories
    from checker.serve import render

    for c in categories.CATEGORIES:
        assert render.WORDS["vi"][c.name] == c.label_vi and render.WORDS["en"][c.name] == c.label_en
    template = (Path(render.__file__).parent / "templates" / "report.html").read_text(encoding="utf-8")
    assert '"arithmetic"' not in template  # no list of names of its own
    # the filters follow the list's order and labels: citation before score once the list says so
    monkeypatch.setitem(render.environment().globals, "category_names", ("citation", "score"))
    monkeypatch.setitem(render.WORDS["vi"], "citation", "TRÍCH-DẪN-THỬ")
    rep = check(SCORED.encode("utf-8"), name="a.txt")
    assert {"citation", "score", "style"} <= {f.category for f in rep.findings}
    html = render.report_fragment(0, rep, "vi")
    assert "TRÍCH-DẪN-THỬ" in html
    assert html.index('value="cat:citation"') < html.index('value="cat:score"')
    # a category the list does not name is still offered, under its bare name
    assert "> style</label>" in html
