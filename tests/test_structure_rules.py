"""VB rules: required parts, placeholders, numbering, footnotes, signer block, announced annexes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from checker.api import check
from checker.report import Finding

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"

HEADER = (
    "UBND TỈNH BẮC GIANG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "BAN DÂN TỘC\tĐộc lập - Tự do - Hạnh phúc\n\n"
    "Số: 15/BC-BDT\n\nBắc Giang, ngày 15 tháng 12 năm 2023\n\nBÁO CÁO\n\nKết quả công tác năm 2023\n\n"
)
CLOSING = "\n\nNơi nhận:\n- Sở Nội vụ;\n- Lưu: VT.\n\nTRƯỞNG BAN\n\nNguyễn Văn Bình\n"


def run(text: str, code: str, **options: object) -> list[Finding]:
    report = check(text.encode("utf-8"), name="t.txt", select=[code], **options)
    assert report.error is None, report.error
    return [f for f in report.findings if f.rule == code]


# -- VB001 ---------------------------------------------------------------------------------------
def test_vb001_lost_header_is_one_warning_naming_the_parts() -> None:
    hits = run("BÁO CÁO\n\nKết quả công tác năm 2023\n\nI. KẾT QUẢ\n\nNội dung." + CLOSING, "VB001")
    header = [h for h in hits if "phần đầu văn bản" in h.message]
    assert len(header) == 1 and header[0].severity == "warning"
    assert "Số, ký hiệu" in header[0].message and "mất khi chuyển" in header[0].message


def test_vb001_names_missing_recipients() -> None:
    text = HEADER + "I. KẾT QUẢ\n\nNội dung.\n\nTRƯỞNG BAN\n\nNguyễn Văn Bình\n"
    hits = run(text, "VB001")
    assert any("Nơi nhận" in h.message for h in hits)
    assert not any("Nơi nhận" in h.message for h in run(HEADER + "I. KẾT QUẢ\n\nNội dung." + CLOSING, "VB001"))


def test_template_override_is_reported() -> None:
    report = check((HEADER + "Nội dung." + CLOSING).encode(), name="t.txt", template="tu-cham-diem", select=["VB001"])
    assert report.report is not None and report.report.template == "tu-cham-diem"
    assert any("tiêu chí" in f.message.lower() for f in report.findings)


# -- VB002 ---------------------------------------------------------------------------------------
def test_vb002_blank_number_and_date() -> None:
    text = HEADER.replace("15/BC-BDT", "/BC-BDT").replace("ngày 15 tháng", "ngày   tháng")
    text += "Nội dung.\n\nBẢNG CHẤM ĐIỂM\n(Kèm theo Báo cáo số: /BC- BDT ngày /12/2023 do Ban lập)\n"
    hits = run(text, "VB002")
    found = re.sub(r"[ ]+", " ", " | ".join(h.message for h in hits))
    assert "Số: /BC-BDT" in found and "ngày tháng 12 năm 2023" in found
    assert "/BC- BDT" in found and "ngày /12/2023" in found
    assert all(h.severity == "info" for h in hits)


def test_vb002_template_placeholders_warn() -> None:
    hits = run(HEADER + "Kính gửi: [tên cơ quan nhận]. Đã tổ chức xxx hội nghị." + CLOSING, "VB002")
    assert len(hits) == 2 and all(h.severity == "warning" for h in hits)


@pytest.mark.parametrize(
    "text",
    [
        HEADER + "Theo Kế hoạch số 12/KH-UBND ngày 12/3/2023, ghi rõ ngày tháng năm sinh... Kết quả tốt." + CLOSING,
        HEADER + "Các hoạt động như tuyên truyền, vận động, … đều đạt kết quả." + CLOSING,
    ],
)
def test_vb002_silent(text: str) -> None:
    assert not run(text, "VB002")


# Leader dots left for text to fill, anywhere in the document, in several shapes.
@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("Kính gửi: ……………", "Kính gửi: ……………"),
        ("ỦY BAN NHÂN DÂN XÃ ……", "XÃ ……"),
        ("- Lưu: VT, ………………", "VT, ………………"),
        ("Họ và tên người được khen: ..........", "người được khen: .........."),
        ("Tổ chức hội nghị tại thôn ....... với 40 đại biểu.", "hội nghị tại thôn ......."),
        ("Số người tham gia từ đầu năm: …..", "từ đầu năm: ….."),
    ],
)
def test_vb002_dot_blank_anywhere(line: str, found: str) -> None:
    hits = run(HEADER + "Nội dung.\n" + line + "\nKết thúc." + CLOSING, "VB002")
    assert len(hits) == 1 and hits[0].severity == "warning"
    quoted = re.search(r'"([^"]+)"', hits[0].message).group(1)
    assert quoted.endswith(found.split()[-1]) and quoted in line  # the blank, with the words before it
    assert hits[0].evidence.strip() == line


def test_vb002_dot_blanks_of_a_form_are_one_finding_with_their_count() -> None:
    form = "- Họ và tên: ……………\n- Chức vụ: ……………\n- Đơn vị: ……………\n"
    hits = run(HEADER + form + CLOSING, "VB002")
    assert len(hits) == 1 and "2 dòng khác" in hits[0].message
    assert "2 more lines" in run(HEADER + form + CLOSING, "VB002", lang="en")[0].message


@pytest.mark.parametrize(
    "body",
    [
        "Giấc ngủ được theo dõi.... Thiết bị gọn nhẹ.",  # an ellipsis and a full stop: four dots
        "Các thiết bị camera, BMS,.... đều hoạt động.",
        "Vùng trũng bị ngập sâu…. có giải pháp riêng.",  # an ellipsis and a dot
        "Điều 2. Quy định chung\n.........\nĐiều 9. Hiệu lực",  # a line of dots alone: text left out
        "I. Kết quả ........................ 3\nII. Kiến nghị ..................... 7",  # a table of contents
    ],
)
def test_vb002_dot_blank_silent(body: str) -> None:
    assert not run(HEADER + body + CLOSING, "VB002")


# -- VB003 ---------------------------------------------------------------------------------------
def test_vb003_gap_duplicate_back_parent_mixed() -> None:
    text = HEADER + (
        "I. KẾT QUẢ\n\n1. Tuyên truyền\n\n2. Cải cách hành chính\n\n2.1. Kiểm tra\n\n3.2. Tiếp dân\n\n"
        "5. Dân chủ cơ sở\n\n5. Thi đua\n\n4. Khen thưởng\n\nII- HẠN CHẾ\n\nIII. NHIỆM VỤ\n\na) Một\n\nb) Hai\n\nd) Bốn"
    ) + CLOSING
    messages = [h.message for h in run(text, "VB003")]
    assert any("thiếu 3." in m for m in messages)  # 2. → 5.
    assert any("\"5.\" bị trùng" in m for m in messages)
    assert any("\"4.\" đứng sau \"5.\"" in m for m in messages)
    assert any("\"3.2.\" nằm dưới mục \"2.\"" in m for m in messages)
    assert any("\"II-\"" in m and "\".\"" in m for m in messages)
    assert any("thiếu c)" in m for m in messages)


def test_vb003_criteria_out_of_order() -> None:
    text = HEADER + "Tiêu chí 1. Một\n\nTiêu chí 2. Hai\n\nTiêu chí 4. Bốn\n\nTiêu chí 3. Ba" + CLOSING
    assert any("Tiêu chí 3 đứng sau Tiêu chí 4" in h.message for h in run(text, "VB003"))


def test_vb003_silent_on_clean_and_restarted_lists() -> None:
    text = HEADER + (
        "I. KẾT QUẢ\n\n1. Một\n\n1.1. Một một\n\n1.2. Một hai\n\n2. Hai\n\na) A\n\nb) B\n\nc) C\n\nd) D\n\nđ) Đ\n\ne) E\n\n"
        "II. HẠN CHẾ\n\n1. Một\n\n2. Hai\n\nIII. NHIỆM VỤ\n\n1) Một\n\n2) Hai\n\n1) Danh sách mới"
    ) + CLOSING
    assert not run(text, "VB003")


# -- VB004 ---------------------------------------------------------------------------------------
def test_vb004_marker_text_order_duplicate() -> None:
    text = HEADER + (
        "Ban hành Kế hoạch¹, Quyết định³ và Công văn².\n\n"
        "¹ Kế hoạch số 1/KH-BDT.\n\n² Công văn số 2/BDT.\n\n² Trùng số.\n\n⁵ Không ai trỏ tới."
    ) + CLOSING
    messages = [h.message for h in run(text, "VB004")]
    assert any("Dấu chú thích ³ không có nội dung" in m for m in messages)
    assert any("Chú thích ⁵ không có dấu" in m for m in messages)
    assert any("Hai chú thích cùng số ²" in m for m in messages)
    assert any("² đứng sau dấu ³" in m for m in messages)


def test_vb004_all_texts_lost_is_one_info() -> None:
    text = HEADER + "Một¹, hai², ba³, bốn⁴ và năm⁵ văn bản." + CLOSING
    hits = run(text, "VB004")
    assert len(hits) == 1 and hits[0].severity == "info" and "5 dấu chú thích" in hits[0].message


def test_vb004_silent() -> None:
    text = HEADER + "Kế hoạch¹ và diện tích 3.895 km² và Quyết định².\n\n¹ Kế hoạch số 1.\n\n² Quyết định số 2." + CLOSING
    assert not run(text, "VB004")


# -- VB005 ---------------------------------------------------------------------------------------
def test_vb005_no_name_and_kt_without_deputy() -> None:
    hits = run(HEADER + "Nội dung.\n\nNơi nhận:\n- Lưu: VT.\n\nKT. TRƯỞNG BAN\n\nNguyễn Văn Bình\n", "VB005")
    assert len(hits) == 1 and "PHÓ TRƯỞNG BAN" in hits[0].message
    hits = run(HEADER + "Nội dung.\n\nNơi nhận:\n- Lưu: VT.\n\nTRƯỞNG BAN\n", "VB005")
    assert len(hits) == 1 and "không có họ tên" in hits[0].message


def test_vb005_silent() -> None:
    assert not run(HEADER + "Nội dung.\n\nNơi nhận:\n- Lưu: VT.\n\nKT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN\n\nNguyễn Thế Nhân\n", "VB005")
    assert not run(HEADER + "Nội dung." + CLOSING, "VB005")


# -- VB006 ---------------------------------------------------------------------------------------
def test_vb006_annex_announced_but_absent() -> None:
    body_only = HEADER + "Tự chấm điểm: 95 điểm.\n\n(Có Phụ lục 02 kèm theo)" + CLOSING
    hits = run(body_only, "VB006")
    assert len(hits) == 1 and hits[0].severity == "info" and "Phụ lục 02" in hits[0].message
    more = body_only + "\n" + "Ghi chú thêm về tình hình thực hiện các nhiệm vụ của cơ quan trong năm. " * 5
    hits = run(more, "VB006")
    assert len(hits) == 1 and hits[0].severity == "warning"


def test_vb006_silent_when_annex_present() -> None:
    text = HEADER + "(Có Phụ lục 02 kèm theo)" + CLOSING + "\nBẢNG CHẤM ĐIỂM\n(Kèm theo Báo cáo số 15/BC-BDT)\n"
    assert not run(text, "VB006")
    assert not run(HEADER + "Thực hiện Quyết định số 274/QĐ-UBND kèm theo Phụ lục của Quyết định." + CLOSING, "VB006")


# -- the seeds -----------------------------------------------------------------------------------
def _seed(prefix: str) -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} không có: bỏ qua kiểm thử trên báo cáo thật")
    found = sorted(SEEDS.glob(f"{prefix}*.txt"))
    if not found:
        pytest.skip(f"không có báo cáo mẫu {prefix}* trong {SEEDS}")
    return found[0]


def test_seed_000_placeholders() -> None:
    messages = [f.message for f in check(_seed("000"), select=["VB002"]).findings]
    joined = " | ".join(messages)
    assert "Số: /BC-BDT" in joined and "ngày tháng 12 năm 2023" in joined
    assert "/BC- BDT" in joined and "ngày /12/2023" in joined
    assert len(messages) == 4


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seeds_header_loss_is_at_most_one_warning(prefix: str) -> None:
    findings = check(_seed(prefix), select=["VB"]).findings
    assert sum("phần đầu văn bản" in f.message for f in findings) <= 1
    assert not [f for f in findings if f.rule in ("VB003", "VB004", "VB005", "VB006")], [f.message for f in findings]


def test_cli_template_flag_in_json() -> None:
    path = _seed("003")
    out = subprocess.run(
        [sys.executable, "-m", "checker.cli", "check", str(path), "--template", "tu-cham-diem", "--format", "json", "--fail-on", "never"],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0 and not out.stdout:
        pytest.skip(f"CLI not runnable as a module: {out.stderr[-200:]}")
    data = json.loads(out.stdout)
    files = data.get("files") or data.get("reports") or []
    assert files and files[0]["report"]["template"] == "tu-cham-diem"


def test_vb002_blank_fields_but_not_a_closing_ellipsis() -> None:
    hits = run(HEADER + "Theo Công văn ngày …/…/2023, hạn nộp tháng …/năm 2023." + CLOSING, "VB002")
    assert len(hits) == 2
    assert not run(HEADER + "Các hoạt động trong năm...\n\nKết quả tốt." + CLOSING, "VB002")


def test_vb002_roman_thirty_is_not_a_placeholder() -> None:
    assert not run(HEADER + "Đại hội lần thứ XXX của Hội." + CLOSING, "VB002")
    assert len(run(HEADER + "Theo Công văn số XXX/SNV ngày 12/3/2023." + CLOSING, "VB002")) == 1


def test_cli_unknown_template_is_an_error() -> None:
    path = _seed("003")
    out = subprocess.run(
        [sys.executable, "-m", "checker.cli", "check", str(path), "--template", "khong-co", "--fail-on", "never"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode != 0 and "khong-co" in out.stderr


def test_vb004_all_markers_lost_is_one_info() -> None:
    text = HEADER + "Kế hoạch1 và Quyết định2.\n\n¹ Kế hoạch số 1.\n\n² Quyết định số 2.\n\n³ Công văn số 3." + CLOSING
    hits = run(text, "VB004")
    assert len(hits) == 1 and hits[0].severity == "info" and "3 chú thích" in hits[0].message


def test_vb003_leaves_the_numbering_of_a_quoted_text_alone() -> None:
    head = "BÁO CÁO\nKết quả rà soát các hội năm 2024\n\n"
    quoted = (
        head + "1. Căn cứ\nKhoản 2 Điều 9 Nghị định số 45/2023/NĐ-CP quy định:\n"
        "“2. Sau khi có kết luận, cơ quan có thẩm quyền có trách nhiệm:\na) Yêu cầu hội kiểm kê tài sản;\n"
        "3. Sau khi hội thanh toán xong các khoản nợ, cơ quan ra quyết định giải thể.”\n"
        "2. Kết quả rà soát\nCó 12 hội đã tổ chức đại hội.\n3. Đề xuất\nGiải thể 03 hội.\n"
    )
    assert not [f for f in check(quoted.encode("utf-8"), name="bc.txt").findings if f.rule == "VB003"]
    # the document's own duplicate after the quotation is still reported
    doubled = quoted.replace("3. Đề xuất", "2. Đề xuất")
    assert [f.rule for f in check(doubled.encode("utf-8"), name="bc.txt").findings if f.rule == "VB003"] == ["VB003"]
    # a quotation mark on one line only is an ordinary quote: numbering around it is judged as usual
    inline = head + "1. Căn cứ “Luật Hội”\n3. Kết quả\n"
    assert [f.rule for f in check(inline.encode("utf-8"), name="bc.txt").findings if f.rule == "VB003"] == ["VB003"]


def test_vb003_a_sentence_naming_a_part_is_not_a_part_heading() -> None:
    # "Phần thứ hai gồm …" in running text describes a part; the document's own "Phần II" is no duplicate
    text = HEADER + (
        "Phần I\n\nQUY ĐỊNH CHUNG\n\nMục nơi nhận có hai phần.\n\nPhần thứ nhất ghi tên cơ quan nhận.\n\n"
        "Phần thứ hai gồm các nơi nhận để biết.\n\nPhần II\n\nBẢN SAO"
    ) + CLOSING
    assert not run(text, "VB003")
    # two headings of the same part are still one too many, with or without a title after them
    doubled = HEADER + "Phần I. QUY ĐỊNH CHUNG\n\nNội dung.\n\nPhần thứ hai: KẾT QUẢ\n\nNội dung.\n\nPhần II\n\nBẢN SAO" + CLOSING
    assert [h.message for h in run(doubled, "VB003")] == ['Đề mục "Phần II" bị trùng số với mục trước; đánh số lại']


def test_vb003_an_annex_after_the_closing_numbers_its_own_list() -> None:
    # the legend of the second annex goes on from the first annex's numbers (4. … 6.); the body closed at 2.
    body = "1. Hướng dẫn có hiệu lực từ ngày ký.\n\n2. Các đơn vị thực hiện hướng dẫn này."
    annexes = (
        "\n\nPHỤ LỤC 1\n\nSƠ ĐỒ VĂN BẢN\n\nGhi chú: 1. Tiêu đề; 2. Tên cơ quan; 3. Số.\n\n"
        "PHỤ LỤC 2\n\nSƠ ĐỒ BẢN SAO\n\n4. Tên cơ quan sao;\n\n5a, 5b. Chức vụ và họ tên người ký sao;\n\n6. Nơi nhận bản sao."
    )
    text = HEADER + body + CLOSING + annexes
    assert not run(text, "VB003")
    # a real gap inside one annex is still reported, and so is one in the body
    gap = text.replace("5a, 5b. Chức vụ", "Chức vụ")
    assert [h.message for h in run(gap, "VB003")] == ['Đánh số đề mục: sau "4." là "6." (thiếu 5.); đánh số lại cho liên tục']
    body_gap = HEADER + body.replace("2. Các", "4. Các") + CLOSING + annexes
    assert [h.message for h in run(body_gap, "VB003")] == ['Đánh số đề mục: sau "1." là "4." (thiếu 2., 3.); đánh số lại cho liên tục']
    # without a closing between them, a list that jumps is one list with a gap
    flat = HEADER + "1. Một.\n\n2. Hai.\n\n5. Năm." + CLOSING
    assert len(run(flat, "VB003")) == 1


def test_vb001_a_sentence_about_noi_nhan_is_not_the_list() -> None:
    # a guide on layout explains the part in its body; its own closing has the list, or has none
    head = HEADER.replace("15/BC-BDT", "15/HD-BDT").replace("BÁO CÁO\n\nKết quả công tác năm 2023", "HƯỚNG DẪN\n\nTrình bày văn bản của Ban")
    body = "1. Bố cục\n\nNơi nhận gồm hai phần.\n\nNơi nhận được trình bày ở góc trái, dưới nội dung.\n\n2. Hiệu lực\n\nCó hiệu lực từ ngày ký."
    assert not run(head + body + CLOSING, "VB001")
    unlisted = head + body + "\n\n\tTRƯỞNG BAN\n\n\tNguyễn Văn Bình\n"
    messages = [h.message for h in run(unlisted, "VB001")]
    assert any('Thiếu thành phần "Nơi nhận"' in m for m in messages), messages
    assert not any("Lưu văn bản" in m for m in messages), messages  # the missing list is one defect
    # a list title followed by its first item on the same line is still the list
    inline = head + body + "\n\nNơi nhận: - Sở Nội vụ; - Lưu: VT.\n\nTRƯỞNG BAN\n\nNguyễn Văn Bình\n"
    assert not run(inline, "VB001")


def _vb002_as_read(text: str, encoding: str) -> list[str]:
    from checker.api import check_source
    from checker.options import Options
    from checker.source import SourceText

    report = check_source(SourceText(text=text, path="scan.pdf", format="pdf", encoding=encoding), Options(select=["VB002"]))
    return [f.message for f in report.findings if f.rule == "VB002"]


def test_vb002_a_scans_number_and_day_are_not_blanks() -> None:
    # OCR loses a handwritten or stamped number and day, or reads them as stray marks
    head = HEADER.replace("Số: 15/BC-BDT", "Số: {num}").replace("ngày 15 tháng 12", "ngày{day}tháng 12")
    body = "I. KẾT QUẢ\n\nĐã làm xong.\n\nII. HẠN CHẾ\n\nCòn chậm.\n\nIII. NHIỆM VỤ\n\nLàm tiếp." + CLOSING
    for num, day in (("/BC-BDT", "   "), ("7ÉÉ/BC-BDT", ",3/Ƒ"), ("/15/BC-", " ")):
        text = head.format(num=num, day=day) + body
        assert _vb002_as_read(text, "ocr") == [], (num, day)
    # the same fields typed in a text file are blanks to fill, and a scan's dotted lines are still reported
    typed = head.format(num="/BC-BDT", day="   ") + body
    assert len(_vb002_as_read(typed, "utf-8")) == 2
    dotted = head.format(num="/BC-BDT", day="   ") + body.replace("Còn chậm.", "Số hộ được hỗ trợ: ....................")
    assert len(_vb002_as_read(dotted, "ocr")) == 1


def test_a_header_run_together_after_its_tieu_ngu_is_read() -> None:
    # a scan's OCR keeps the Quốc hiệu on its own line and runs the Tiêu ngữ, number, date and type together
    text = (
        "UBND TỈNH HÀ TĨNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n"
        "SỞ XÂY DỰNG Độc lập - Tự do - Hạnh phúc Số: 418/TTr-SXD Hà Tĩnh, ngày 7 tháng 3 năm 2022 TỜ TRÌNH\n\n"
        "Về việc đề nghị khen thưởng\n\nKính gửi: Ủy ban nhân dân tỉnh.\n\nSở đề nghị xét khen thưởng cho hai tập thể./.\n\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nTrần Văn Hải\n"
    )
    report = check(text.encode("utf-8"), name="tt.txt").report
    assert report is not None and report.doctype == "Tờ trình"
    assert report.number == "418/TTr-SXD" and report.date == "2022-03-07"


def test_vb002_a_circulars_forms_after_its_noi_nhan_are_to_fill_in_use() -> None:
    # the signer block is not read (a PDF's closing columns ran apart): the Nơi nhận list ends the circular
    head = (
        "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\tĐộc lập - Tự do - Hạnh phúc\n\n"
        "Số: 03/2023/TT-BLĐTBXH\n\nHà Nội, ngày 9 tháng 2 năm 2023\n\nTHÔNG TƯ\n\nHướng dẫn mẫu phiếu khảo sát\n\n"
        "Căn cứ Nghị định số 62/2022/NĐ-CP;\n\nĐiều 1. Phạm vi\n\nThông tư này hướng dẫn mẫu phiếu.\n\n"
    )
    closing = "Nơi nhận:\n- Các Bộ;\n- Lưu: VT, PC.\n\n"
    form = "Mẫu số 01\n\nPHIẾU KHẢO SÁT\n\nHọ và tên người trả lời: ..............................\n\nĐịa chỉ: ..............................\n"
    assert not run(head + closing + form, "VB002")
    # a blank in the circular's own body is still reported
    blank_body = head.replace("hướng dẫn mẫu phiếu.", "áp dụng từ ngày ...................... năm 2023.")
    assert len(run(blank_body + closing + form, "VB002")) == 1


def test_vb002_the_fields_of_a_received_stamp_are_the_receivers() -> None:
    # a received copy shows the "ĐẾN" stamp: its dotted fields are filled by the receiving văn thư
    text = HEADER + "ĐẾN Ngày: 05/12\n\nChuyển: Phòng Nội chính\n\nSố và ký hiệu HS: ..................\n\nI. KẾT QUẢ\n\nĐã xong." + CLOSING
    assert not run(text, "VB002")
    # dots after another field of the body are still a blank
    other = text.replace("Số và ký hiệu HS: ..................", "Số hộ được hỗ trợ: ..................")
    assert len(run(other, "VB002")) == 1


def test_vb001_a_table_sent_on_its_own_is_not_an_issued_document() -> None:
    # an office's summary table annexed to its letter: issuer, heading, rows of figures, nothing else
    rows = "".join(f"{i}\tPhòng {i}\t{10 + i}\t{8 + i}\n" for i in range(1, 9))
    table = (
        "UBND HUYỆN TÂN KỲ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nBẢNG TỔNG HỢP SỐ LIỆU\n\n"
        "STT\tĐơn vị\tBiên chế giao\tCó mặt\n" + rows
    )
    assert not run(table, "VB001")
    # the same table under a number and a date is an issued document that lost its end
    numbered = table.replace("BẢNG TỔNG HỢP", "Số: 12/BC-UBND\n\nTân Kỳ, ngày 3 tháng 4 năm 2024\n\nBẢNG TỔNG HỢP")
    assert run(numbered, "VB001")
    # without its issuer the header may have been lost on the way: still reported
    assert run(table.replace("UBND HUYỆN TÂN KỲ\t", ""), "VB001")
    # a text of paragraphs with the same header is no table
    prose = table.split("STT")[0] + "Kết quả phân loại như sau.\n\nCác đơn vị đều hoàn thành.\n\nMột đơn vị chưa báo cáo.\n\nĐề nghị tổng hợp.\n"
    assert run(prose, "VB001")


def _as_read(text: str, encoding: str, code: str):
    from checker.api import check_source
    from checker.options import Options
    from checker.source import SourceText

    return check_source(SourceText(text=text, path="scan.pdf", format="pdf", encoding=encoding), Options(select=[code]))


def test_a_scans_misread_type_line_and_lower_case_number_are_read() -> None:
    # OCR read "QUYẾT" as "QUYÉT" and the S of "Số" in lower case, in a header it ran into one line
    text = (
        "UBND CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n"
        "TỈNH NGHỆ AN Độc lập - Tự do - Hạnh phúc số: 905/QĐ-UBND Nghệ An, ngày 4 tháng 5 năm 2022 QUYÉT ĐỊNH\n\n"
        "Về việc tặng Giấy khen\n\nCăn cứ Luật Thi đua, Khen thưởng;\n\nQUYÉT ĐỊNH:\n\nĐiều 1. Tặng Giấy khen cho 03 tập thể.\n\n"
        "Điều 2. Quyết định có hiệu lực từ ngày ký./.\n\nNơi nhận:\n- Như Điều 2;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\n\nPHÓ CHỦ TỊCH\n\nLê Văn Hòa\n"
    )
    scan = _as_read(text, "ocr", "VB001")
    assert scan.report.doctype == "Quyết định" and scan.report.number == "905/QĐ-UBND"
    assert [f.message for f in scan.findings] == []
    # typed text is read as written: "QUYÉT ĐỊNH" is no type line there
    assert _as_read(text, "utf-8", "VB001").report.doctype != "Quyết định"


def test_vb005_a_scans_misread_deputy_title_is_not_missing() -> None:
    # the two closing columns ran together and OCR garbled the deputy's title ("--Ó CHỦ TỊCH")
    text = HEADER + (
        "I. KẾT QUẢ\n\nĐã xong./.\n\nNơi nhận: ^ 3\n\n- Thường trực Tỉnh ủy; KT. CHỦ TỊCH\n\n- Sở Tài chính; ẳ A)\n\n"
        "- Sở Nội vụ; --Ó CHỦ TỊCH\n\n- Báo tỉnh; ? ì\n\n- Lưu: VT, TH. [Nguyễn Văn Bình\n"
    )
    typed = _as_read(text, "utf-8", "VB005").findings
    assert [f.rule for f in typed] == ["VB005"], [f.message for f in typed]
    assert not _as_read(text, "ocr", "VB005").findings
    # no word of the head's title below: the deputy's title is missing on a scan too
    lost = text.replace("--Ó CHỦ TỊCH", "--Ó ~~")
    assert [f.rule for f in _as_read(lost, "ocr", "VB005").findings] == ["VB005"]
