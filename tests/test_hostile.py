"""Broken and hostile input: one clear Vietnamese line per file, the batch goes on, no rule is slow.

The size tests are chosen so that a quadratic rule would take minutes while the linear pipeline
takes seconds; they assert only that the check finishes (no wall-clock assert).
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
import zlib
from pathlib import Path

import pytest
from ingest_helpers import make_docx, pdf_from_objects

import checker.ingest as ingest
from checker import check
from checker.ingest import IngestError, read_path
from checker.limits import MAX_ZIP_ENTRIES, MAX_ZIP_TOTAL


def _error(report) -> str:
    assert report.error, "expected a clear error"
    assert "\n" not in report.error and len(report.error) < 300
    assert not report.findings
    return report.error


def test_binary_file_named_txt(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(bytes(range(256)) * 64)
    assert "nhị phân" in _error(check(path))


def test_png_named_txt(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + os.urandom(2000))
    _error(check(path))


@pytest.mark.parametrize("content", [b"", b"   \n\r\n\t  ", b"\xef\xbb\xbf", "\u200b\u00a0\n".encode()])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    _error(check(path))


def test_zero_byte_docx(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    assert "0 byte" in _error(check(path))


def test_docx_that_is_a_renamed_pdf(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n")
    assert "PDF" in _error(check(path))


def test_encrypted_docx(tmp_path: Path) -> None:
    # Word saves a password-protected .docx as an OLE compound file (EncryptedPackage inside)
    path = tmp_path / "locked.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096)
    assert "mật khẩu" in _error(check(path))


def test_docx_with_zip_encrypted_entries(tmp_path: Path) -> None:
    data = bytearray(make_docx("BÁO CÁO\n\nNội dung."))
    # set the "encrypted" flag bit on every entry, as a ZipCrypto archive has it
    for sig, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (k := data.find(sig, start)) >= 0:
            data[k + flag_at] |= 0x1
            start = k + 4
    assert "mã hoá" in _error(check(bytes(data), name="r.docx"))


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in entries.items():
            zf.writestr(name, content)
    return out.getvalue()


def test_zip_bomb_by_size() -> None:
    big = b"\x00" * (MAX_ZIP_TOTAL + 1024)
    data = _zip({"word/document.xml": b"<w:document/>", "word/media/bomb.bin": big})
    del big
    assert len(data) < 2 * 1024 * 1024  # small on disk, huge inflated
    assert "quá lớn" in _error(check(data, name="bomb.docx"))


def test_zip_bomb_that_lies_about_its_size() -> None:
    big = b"\x00" * (MAX_ZIP_TOTAL + 1024)
    data = bytearray(_zip({"word/document.xml": b"<w:document/>", "word/media/bomb.bin": big}))
    del big
    # claim 1 KB uncompressed in both headers: only inflating with a cap notices
    for sig, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        k = data.rfind(sig)
        data[k + size_at : k + size_at + 4] = (1024).to_bytes(4, "little")
    _error(check(bytes(data), name="bomb.docx"))


def test_zip_bomb_by_entry_count() -> None:
    data = _zip({"word/document.xml": b"<w:document/>", **{f"x/{k}": b"" for k in range(MAX_ZIP_ENTRIES + 1)}})
    assert "mục nén" in _error(check(data, name="many.docx"))


def test_truncated_docx() -> None:
    data = make_docx("BÁO CÁO\n\nNội dung.")
    message = _error(check(data[: len(data) // 2], name="cut.docx"))
    # the message is the reader's language, not zipfile's ("File is not a zip file")
    assert "hỏng" in message and "zip file" not in message.lower()
    # one damaged byte inside a compressed entry: the CRC check catches it
    broken = bytearray(make_docx("BÁO CÁO\n\n" + "Nội dung dài. " * 200))
    at = broken.index(b"word/document.xml") + 60
    broken[at : at + 8] = b"\x00" * 8
    assert "dữ liệu nén bị hỏng" in _error(check(bytes(broken), name="crc.docx"))


def test_truncated_pdf() -> None:
    _error(check(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<<", name="cut.pdf"))


def test_large_text_file_is_refused_with_the_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    line = ("Ban đã tổ chức hội nghị theo Quyết định số 12/QĐ-UBND ngày 01/02/2020. " * 20 + "\n").encode()
    with open(path, "wb") as handle:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            handle.write(line)
    assert path.stat().st_size >= 50 * 1024 * 1024
    message = _error(check(path))
    assert "quá lớn" in message and "--max-size" in message
    # a limit below the file size refuses too, and says the limit
    assert "--max-size" in _error(check(path, max_bytes=1024 * 1024))


def test_path_that_does_not_exist(tmp_path: Path) -> None:
    assert "không tìm thấy" in _error(check(tmp_path / "missing.txt"))


def test_directory_given_as_a_file(tmp_path: Path) -> None:
    assert "thư mục" in _error(check(tmp_path))


@pytest.mark.skipif(os.name != "posix", reason="quyền tệp kiểu POSIX")
def test_folder_without_permission(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "r.txt").write_text("BÁO CÁO\n", encoding="utf-8")
    folder.chmod(0)
    try:
        if os.access(folder, os.R_OK | os.X_OK):
            pytest.skip("chạy với quyền root: chmod không chặn được việc đọc, không kiểm được trường hợp này")
        assert "quyền" in _error(check(folder / "r.txt"))
        assert ingest.collect_paths([str(folder)]) == []  # the batch skips it and goes on
    finally:
        folder.chmod(stat.S_IRWXU)


def test_file_that_changes_while_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "r.txt"
    path.write_text("BÁO CÁO\n\nNội dung.\n", encoding="utf-8")
    real_fstat = os.fstat
    calls = {"n": 0}

    def moving_fstat(fd: int) -> os.stat_result:
        # every second look sees a new size and time: an editor is still saving
        calls["n"] += 1
        st = real_fstat(fd)
        if calls["n"] % 2 == 0:
            return os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid, st.st_gid,
                                   st.st_size + 10, st.st_atime, st.st_mtime + 1, st.st_ctime))
        return st

    monkeypatch.setattr(ingest.os, "fstat", moving_fstat)
    with pytest.raises(IngestError, match="thay đổi trong khi đọc"):
        read_path(path)
    assert "thay đổi" in _error(check(path))


def test_file_that_changes_once_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "r.txt"
    path.write_text("BÁO CÁO\n\nNội dung.\n", encoding="utf-8")
    real_fstat = os.fstat
    calls = {"n": 0}

    def once(fd: int) -> os.stat_result:
        calls["n"] += 1
        st = real_fstat(fd)
        if calls["n"] == 2:  # the first read is torn, the second is clean
            return os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid, st.st_gid,
                                   st.st_size + 1, st.st_atime, st.st_mtime, st.st_ctime))
        return st

    monkeypatch.setattr(ingest.os, "fstat", once)
    assert "Nội dung" in read_path(path).text


def test_a_batch_goes_on_past_broken_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "b.docx").write_bytes(b"")
    (tmp_path / "c.txt").write_text("BÁO CÁO\n\nBan đã đã tổ chức hội nghị.\n", encoding="utf-8")
    reports = [check(p) for p in ingest.collect_paths([str(tmp_path)])]
    assert [bool(r.error) for r in reports] == [True, True, False]
    assert any(f.rule == "TT001" for f in reports[2].findings)


# -- pathological text: every rule runs; sizes make quadratic behaviour take minutes ------------------
def _finishes(text: str) -> None:
    report = check(text.encode(), name="p.txt")
    assert report.error is None, report.error
    lines = text.count("\n") + 1
    for f in report.findings:
        assert 1 <= f.line <= lines


@pytest.mark.parametrize("unit", ["a", "ộ", "1", "1/", "-", "1.", "(", '"', "“", "/QĐ-", "số ", "a\t"])
def test_one_megabyte_line_without_spaces(unit: str) -> None:
    _finishes(unit * (1_000_000 // len(unit)))


def test_many_distinct_citations() -> None:
    # 25,000 citations (~1.1 MB): linear rules take seconds, a pairwise rule ~3e8 steps (minutes).
    # 100,000 take about 21 s here, linearly, so the suite uses a quarter of that.
    _finishes("".join(f"Quyết định số {k}/QĐ-UBND ngày 01/02/2020 của UBND tỉnh.\n" for k in range(25_000)))


def test_one_document_cited_many_times() -> None:
    # 10,000 mentions of one document: a pairwise comparison (5e7 pairs at ~17 µs) would take minutes
    _finishes("Căn cứ Quyết định số 12/QĐ-UBND ngày 01/02/2020 của UBND tỉnh.\n" * 10_000)


def test_deeply_nested_numbering() -> None:
    lines = []
    for k in range(20_000):
        depth = k % 200 + 1
        lines.append(".".join(["1"] * depth) + ". Nội dung mục")
    _finishes("BÁO CÁO\n\n" + "\n\n".join(lines) + "\n")


def test_roman_and_letter_headings_in_bulk() -> None:
    heads = ["I.", "II.", "1.", "1.1.", "a)", "-", "+", "Điều 1."]
    _finishes("\n\n".join(f"{heads[k % len(heads)]} Mục {k}" for k in range(30_000)))


def test_many_numbers_and_percentages() -> None:
    _finishes(" ".join(f"{k}/{k + 7} đạt {k % 100},{k % 10}%; tổng {k * 3} = {k} + {k * 2}." for k in range(40_000)))


# -- inputs the fuzzer (make fuzz) found: each must stay a clean one-line result --------------------
REGRESSIONS = sorted((Path(__file__).resolve().parents[1] / "fuzz" / "regressions").glob("*"))


@pytest.mark.parametrize("path", REGRESSIONS, ids=[p.name[:20] for p in REGRESSIONS])
def test_fuzzer_regressions(path: Path) -> None:
    # same framing as fuzz/fuzz_check.py: the first byte picks the format
    data = path.read_bytes()
    name = ("x.txt", "x.md", "x.docx", "x.pdf")[data[0] % 4] if data else "x.txt"
    report = check(data[1:], name=name)
    assert not (report.error or "").startswith("lỗi nội bộ"), report.error
    if report.error:
        assert "\n" not in report.error


def test_every_hostile_kind_in_one_batch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The command line over a folder holding one of each broken kind: each gets its own line, the
    good report is still checked, and the JSON still meets the contract."""
    import json

    import jsonschema

    from checker.cli import main

    folder = tmp_path / "batch"
    folder.mkdir()
    good = "BÁO CÁO\n\nTrong năm, Ban đã đã tổ chức hội nghị.\n"
    broken = {
        "binary.txt": bytes(range(256)) * 8,
        "empty.txt": b"",
        "zero.docx": b"",
        "renamed-pdf.docx": b"%PDF-1.7\n1 0 obj\n<< >>\nendobj\n%%EOF\n",
        "encrypted.docx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504,
        "bomb.docx": _zip({"word/document.xml": b"<w:document/>", **{f"x/{k}": b"" for k in range(MAX_ZIP_ENTRIES + 1)}}),
        "truncated.pdf": b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog",
        "big.txt": good.encode() * (3 * 1024 * 1024 // len(good.encode())),  # over --max-size 1024 KB
    }
    for name, data in broken.items():
        (folder / name).write_bytes(data)
    (folder / "z-good.txt").write_text(good, encoding="utf-8")
    missing = tmp_path / "khong-co.txt"
    main(["check", str(folder), str(missing), "--format", "json", "--jobs", "1", "--fail-on", "never",
          "--max-size", "1024"])
    doc = json.loads(capsys.readouterr().out)
    schema = json.loads((Path(__file__).parent / "contract-schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(doc, schema)
    by_name = {Path(f["path"]).name: f for f in doc["files"]}
    assert set(by_name) == {*broken, "z-good.txt", "khong-co.txt"}
    for name in [*broken, "khong-co.txt"]:
        error = by_name[name]["error"]
        assert error and "\n" not in error and not error.startswith("lỗi nội bộ"), (name, error)
        assert by_name[name]["findings"] == []
    assert "--max-size" in by_name["big.txt"]["error"]
    assert by_name["z-good.txt"]["error"] is None
    assert any(f["rule"] == "TT001" for f in by_name["z-good.txt"]["findings"])


def _pdf_of_text_operators(repeats: int) -> bytes:
    """One page whose deflated content stream shows a short string `repeats` times: a few KB on disk,
    as many characters as asked once the page is parsed."""
    content = zlib.compress(b"BT /F1 1 Tf 10 10 Td " + b"(abcdefghij) Tj " * repeats + b"ET", 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return pdf_from_objects(objects)


def test_pdf_whose_text_decodes_past_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.ingest import pdf

    monkeypatch.setattr(pdf, "MAX_PDF_TEXT_CHARS", 20_000)  # the shipped limit (millions) takes minutes to reach
    small = _pdf_of_text_operators(1_000)  # 10,000 characters: read
    assert check(small, name="nho.pdf").error is None
    big = _pdf_of_text_operators(3_000)  # 30,000 characters from a file of a few KB
    assert len(big) < 4096
    error = _error(check(big, name="lon.pdf"))
    assert "quá nhiều chữ" in error and "\n" not in error


def _with_padded_part(data: bytes, part: str) -> bytes:
    """The same zip with `part` padded past MAX_XML_PART: still well-formed XML, and small on disk."""
    from checker.limits import MAX_XML_PART

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        members = {info.filename: zf.read(info) for info in zf.infolist()}
    body = members[part]
    end = body.rindex(b"</")
    members[part] = body[:end] + b" " * (MAX_XML_PART + 1) + body[end:]
    return _zip(members)


def test_docx_whose_document_part_decodes_past_the_limit() -> None:
    data = _with_padded_part(make_docx("BÁO CÁO\n\nMột đoạn văn ngắn.\n"), "word/document.xml")
    assert len(data) < 1024 * 1024
    error = _error(check(data, name="lon.docx"))
    assert "word/document.xml" in error and "64 MB" in error


def test_xlsx_whose_sheet_decodes_past_the_limit() -> None:
    from test_sheets import score_workbook

    data = _with_padded_part(score_workbook(), "xl/worksheets/sheet1.xml")
    assert len(data) < 1024 * 1024
    error = _error(check(data, name="lon.xlsx"))
    # padding this compressible meets the ratio limit (200×) first; either names the part
    assert "sheet1.xml" in error and ("64 MB" in error or "200 lần" in error)
