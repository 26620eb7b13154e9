""".zip bundles: checked member by member (`bundle.zip › member` in every output), with the limits a
.docx gets (entries, sizes, ratio), and no member whose path leaves the archive ever opened."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from ingest_helpers import make_docx, sample_text
from test_sheets import REPORT_WITH_TOTAL, score_workbook

from checker import check
from checker.cli import main
from checker.ingest import bundle, collect

SEP = bundle.MEMBER_SEPARATOR


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


@pytest.fixture()
def bundle_path(tmp_path: Path) -> Path:
    path = tmp_path / "nop-ho-so.zip"
    path.write_bytes(
        _zip(
            {
                "bao-cao.txt": sample_text().encode(),
                "phu-luc/bao-cao.docx": make_docx(sample_text()),
                "bang-diem.xlsx": score_workbook(),
                "../ngoai-thu-muc.txt": b"BAO CAO",
                "ho-so-con.zip": _zip({"a.txt": b"x"}),
                "anh.png": b"\x89PNG\r\n",
                "__MACOSX/._bao-cao.txt": b"\x00",
            }
        )
    )
    return path


def test_members_are_listed_with_reasons(bundle_path: Path) -> None:
    found = collect([str(bundle_path)])
    names = [p.split(SEP, 1)[1] for p in found.paths]
    assert names == ["../ngoai-thu-muc.txt", "anh.png", "bang-diem.xlsx", "bao-cao.txt", "ho-so-con.zip",
                     "phu-luc/bao-cao.docx"]
    reasons = {p.split(SEP, 1)[1]: why for p, why in found.refused.items()}
    assert "ra ngoài" in reasons["../ngoai-thu-muc.txt"]
    assert "tệp nén nằm trong tệp nén" in reasons["ho-so-con.zip"]
    assert "không được hỗ trợ" in reasons["anh.png"]
    assert set(reasons) == {"../ngoai-thu-muc.txt", "anh.png", "ho-so-con.zip"}


def test_each_member_gives_the_findings_it_gives_alone(bundle_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(bundle_path), "--format", "json", "--jobs", "1", "--fail-on", "never"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 2  # members not checked are never a pass
    by_member = {f["path"].split(SEP, 1)[1]: f for f in doc["files"]}
    alone = check(sample_text().encode(), name="bao-cao.txt")
    got = by_member["bao-cao.txt"]
    assert got["error"] is None
    assert sorted((f["rule"], f["line"], f["message"]) for f in got["findings"]) == sorted(
        (f.rule, f.line, f.message) for f in alone.findings
    )
    docx_alone = check(make_docx(sample_text()), name="bao-cao.docx")
    assert sorted((f["rule"], f["location"]) for f in by_member["phu-luc/bao-cao.docx"]["findings"]) == sorted(
        (f.rule, f.location) for f in docx_alone.findings
    )
    assert any(f["rule"] == "DG001" for f in by_member["bang-diem.xlsx"]["findings"])
    assert by_member["../ngoai-thu-muc.txt"]["findings"] == []


def test_text_output_names_bundle_and_member(bundle_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(bundle_path), "--jobs", "1", "--fail-on", "never"])
    out = capsys.readouterr().out
    assert f"nop-ho-so.zip{SEP}bao-cao.txt:" in out
    assert f"nop-ho-so.zip{SEP}anh.png: không đọc được: loại tệp .png" in out


def test_report_total_checked_against_the_sheet_in_the_same_zip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nop.zip"
    path.write_bytes(_zip({"bao-cao.txt": REPORT_WITH_TOTAL.format(total="17").encode(), "bang-diem.xlsx": score_workbook()}))
    main(["check", str(path), "--format", "json", "--fail-on", "never"])
    doc = json.loads(capsys.readouterr().out)
    report = next(f for f in doc["files"] if f["path"].endswith("bao-cao.txt"))
    assert [f["rule"] for f in report["findings"] if f["rule"] == "DG020"] == ["DG020"]


def test_a_zip_bomb_is_refused_before_anything_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bom.zip"
    path.write_bytes(_zip({"bao-cao.txt": b"0" * (30 * 1024 * 1024)}))
    main(["check", str(path), "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    assert len(doc["files"]) == 1 and "bom nén" in doc["files"][0]["error"]


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"PK\x03\x04 cut short", "hỏng"), (_zip({}), "không chứa tệp nào")],
)
def test_broken_or_empty_bundles_are_listed(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "hong.zip"
    path.write_bytes(data)
    found = collect([str(path)])
    assert found.paths == [str(path)] and reason in found.refused[str(path)]


def test_too_many_entries(tmp_path: Path) -> None:
    path = tmp_path / "nhieu.zip"
    path.write_bytes(_zip({f"t{i}.txt": b"x" for i in range(bundle.MAX_ZIP_ENTRIES + 1)}))
    assert "mục nén" in collect([str(path)]).refused[str(path)]
