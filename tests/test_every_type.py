"""A folder with one file of every type the checker reads gives one row per file in text, JSON, SARIF
and HTML output (a .zip gives a row per member). Slow: LibreOffice makes the .doc/.odt/.rtf/.xls/.ods
and OCR reads the scan (the outputs after the first reuse the cached conversions)."""

from __future__ import annotations

import io
import json
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest
from ingest_helpers import make_docx, sample_text
from test_ocr import SCANNED_REPORT, rasterised_pdf
from test_sheets import price_list, score_workbook
from test_signed_pdf import _report_pdf

from checker.cli import main
from checker.ingest import ocr, office

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def every_type(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    if office.soffice() is None:
        pytest.skip("LibreOffice (soffice) không có trên máy: cài gói libreoffice-writer libreoffice-calc")
    if ocr.missing_tools():
        pytest.skip(ocr.missing_tools() or "")
    work = tmp_path_factory.mktemp("make")
    folder = tmp_path_factory.mktemp("every-type")
    text = sample_text()
    (folder / "bao-cao.txt").write_text(text, encoding="utf-8")
    (folder / "bao-cao.md").write_text(text, encoding="utf-8")
    (folder / "bao-cao.docx").write_bytes(make_docx(text))
    (work / "bao-cao.docx").write_bytes(make_docx(text))
    (work / "bang-diem.xlsx").write_bytes(score_workbook())
    for fmt, source in (("doc", "bao-cao.docx"), ("odt", "bao-cao.docx"), ("rtf", "bao-cao.docx"),
                        ("xls", "bang-diem.xlsx"), ("ods", "bang-diem.xlsx")):
        subprocess.run(
            [office.soffice(), f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
             "--convert-to", fmt, "--outdir", str(work), str(work / source)],
            check=True, capture_output=True, timeout=180,
        )
        (folder / f"{Path(source).stem}.{fmt}").write_bytes((work / f"{Path(source).stem}.{fmt}").read_bytes())
    (folder / "bang-diem.xlsx").write_bytes(score_workbook())
    (folder / "bang-gia.xlsx").write_bytes(price_list())
    (folder / "bao-cao.pdf").write_bytes(_report_pdf(SCANNED_REPORT))
    (folder / "ban-quet.pdf").write_bytes(rasterised_pdf(SCANNED_REPORT))
    bundle = io.BytesIO()
    with zipfile.ZipFile(bundle, "w") as zf:
        zf.writestr("to-trinh.txt", text)
        zf.writestr("phu-luc.xlsx", score_workbook())
    (folder / "ho-so.zip").write_bytes(bundle.getvalue())
    (folder / "anh.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # listed as not checked
    rows = sorted(p.name for p in folder.iterdir() if p.suffix != ".zip")
    rows += ["ho-so.zip › phu-luc.xlsx", "ho-so.zip › to-trinh.txt"]
    return folder, rows


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "html"])
def test_a_row_per_file_in_every_output(
    fmt: str, every_type, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch  # noqa: ANN001
) -> None:
    folder, rows = every_type
    monkeypatch.chdir(folder)  # short relative paths: the summary table does not fold them
    code = main(["check", ".", "--format", fmt, "--fail-on", "never"])
    out, err = capsys.readouterr()
    assert code == 2  # anh.png is listed as not checked
    if fmt == "json":
        files = json.loads(out)["files"]
        errors = {f["path"]: f["error"] for f in files}
        assert sorted(errors) == sorted(rows)
        assert [n for n, e in errors.items() if e] == ["anh.png"], errors
        return
    if fmt == "sarif":
        run = json.loads(out)["runs"][0]
        seen = {a["location"]["uri"] for a in run["artifacts"]}
        seen |= {n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                 for n in run["invocations"][0]["toolExecutionNotifications"] if n.get("locations")}
        seen = {unquote(uri) for uri in seen}
        for name in rows:
            assert any(uri.endswith(name) for uri in seen), name
        return
    # text: the summary table (stderr) has a row per file, findings or not; HTML: the page's table
    table = err if fmt == "text" else out
    for name in rows:
        assert name in table, (fmt, name)
