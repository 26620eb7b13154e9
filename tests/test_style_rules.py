"""TT rules: doubled words, punctuation spacing, brackets and quotes, abbreviations, % spacing."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.api import check
from checker.report import Finding

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def run(text: str, code: str) -> list[Finding]:
    report = check(text.encode("utf-8"), name="t.txt", select=[code])
    assert report.error is None, report.error
    return [f for f in report.findings if f.rule == code]


# -- TT001 ---------------------------------------------------------------------------------------
def test_tt001_doubled() -> None:
    hits = run("Ban đã đã tổ chức hội nghị. Công tác công tác tuyên truyền được quan tâm.", "TT001")
    assert [h.fix for h in hits] == ["đã", "Công tác"]
    assert all(h.severity == "info" for h in hits)


@pytest.mark.parametrize("text", ["Nhà nhà, người người thi đua.", "Thi công công trình; cơ quan quan tâm.", "09 dự án Dự án phát triển."])
def test_tt001_silent(text: str) -> None:
    assert not run(text, "TT001")


# A syllable doubled inside a word ("kinh kinh tế") is reported when the document writes the same words
# with one copy elsewhere; each text below does, in a different phrasing.
@pytest.mark.parametrize(
    ("text", "doubled"),
    [
        ("Xã chú trọng phát triển kinh tế hộ. Các thôn đẩy mạnh phát triển kinh kinh tế vườn.", "kinh"),
        ("Phòng đã thực hiện các thủ tục đúng hạn. Tổ một cửa thực hiện hiện các hồ sơ trực tuyến.", "hiện"),
        ("Trường tổ chức tập huấn cho giáo viên. Trung tâm tổ chức tập tập huấn cho cán bộ.", "tập"),
        ("Tiếp tục cải cách hành chính. Năm nay đẩy mạnh cải cách hành hành chính ở cơ sở.", "hành"),
        ("Đoàn viên tích cực hưởng ứng phong trào. Hội viên tích cực hưởng hưởng ứng cuộc vận động.", "hưởng"),
        ("Các đơn vị giải quyết quyết hồ sơ kịp thời. Việc giải quyết hồ sơ được công khai.", "quyết"),
    ],
)
def test_tt001_doubled_syllable_with_its_one_copy_form_elsewhere(text: str, doubled: str) -> None:
    hits = run(text, "TT001")
    assert [h.fix for h in hits] == [doubled]


@pytest.mark.parametrize(
    "text",
    [
        # two compounds meeting, and no one-copy form anywhere
        "Hội đồng đồng ý thông qua dự thảo. Hội đồng họp mỗi quý.",
        "Việc thực hiện hiện nay còn chậm.",
        # the one-copy form is there, but both halves stand alone elsewhere: "cấp uỷ" + "uỷ quyền"
        "Văn phòng được ban thường vụ cấp uỷ uỷ quyền ký. Các cấp uỷ quyền cho văn phòng. "
        "Cấp uỷ hoặc thủ trưởng ký. Người được uỷ quyền ký thay.",
        # a reduplication of the lexicon, even beside its one-copy form
        "Phong trào người người thi đua lan rộng. Phong trào người thi đua giỏi được khen.",
        "Ngày ngày nhân dân làm việc. Ngày nhân dân được tôn vinh; nhà nhà treo cờ, nhà treo cờ sớm.",
        # a line edge: nothing on one side to compare with
        "Dự án\ndự án trọng điểm của tỉnh.",
    ],
)
def test_tt001_doubled_syllable_silent(text: str) -> None:
    assert not run(text, "TT001")


# -- TT002 ---------------------------------------------------------------------------------------
def test_tt002_space_before_and_missing_after() -> None:
    hits = run("Tổ chức tại xã Tam Tiến , Xuân Lương;Tân Sỏi như sau :", "TT002")
    assert len(hits) == 3
    assert {h.fix for h in hits} == {",", "; ", ":"}


@pytest.mark.parametrize(
    "text",
    [
        "Diện tích 4,41ha; tỷ lệ 23,8%.",  # decimals
        "Theo Kết luận số 01- KL/TW ngày 18/5/2021 và Quyết định số 1847/QĐ- TTg.",  # citation symbols
        "Xem tại https://dancuquangngai.gov.vn/a,b;c và lúc 7:30.",
        "Cột A\tCột B ,\tCột C",  # a table row
    ],
)
def test_tt002_silent(text: str) -> None:
    assert not run(text, "TT002")


@pytest.mark.parametrize(
    ("text", "mark", "fix"),
    [
        ("Hội nghị kết thúc lúc 11 giờ cùng ngày .", ".", "."),
        ("Các xã đã hoàn thành kế hoạch . Năm tới tiếp tục duy trì.", ".", "."),
        ("Đại hội nhiệm kỳ trước ( tháng 9/2020 ) đã bầu 33 đồng chí.", ")", ")"),
        ("Có 22 xã khó khăn (trong đó 7 xã biên giới ); dân số tăng.", ")", ")"),
        ("Tổ chức các hoạt động văn nghệ, thể thao …, thu hút đông người.", "…", "…"),
        ("Chào mừng Đại hội của Đảng.Thực hiện kế hoạch của huyện, xã đã ra quân.", ".", ". "),
        ("Chi phí sản xuất thấp.Tổng sản lượng tăng so với cùng kỳ.", ".", ". "),
        ("Công tác dân vận được tăng cường.Nhiều mô hình hay được nhân rộng.", ".", ". "),
    ],
)
def test_tt002_dot_ellipsis_bracket_and_run_on_sentences(text: str, mark: str, fix: str) -> None:
    hits = run(text, "TT002")
    assert [(h.fix, f'"{mark}"' in h.message) for h in hits] == [(fix, True)]


@pytest.mark.parametrize(
    "text",
    [
        "Doanh thu đạt 1.234 tỷ đồng, tăng 3.5 lần.",  # numbers
        "Theo Quyết định số 12/QĐ-UBND.Theo đó các xã triển khai.",  # a symbol before the dot
        "Hội nghị tổ chức tại TP.HCM và Tp.Hồ Chí Minh; TT.HĐND huyện dự.",  # abbreviations
        "Tiến sĩ ThS.Nguyễn Văn An trình bày; các nội dung khác v.v.Các đại biểu thảo luận.",
        "Xem tại www.tinhbinhduong.gov.vn/Tin.Tuc và hộp thư lienhe@ubnd.Vn ngay.",  # addresses
        "Nhiệm vụ như sau:\n a ) Tuyên truyền;\n b ) Vận động.",  # item numbers, no bracket open
        "Kết thúc văn bản./.",
        "Kính gửi: ……\nUBND xã …",  # blanks to fill (VB002), not an ellipsis after a word
    ],
)
def test_tt002_new_marks_silent(text: str) -> None:
    assert not run(text, "TT002")


# -- TT003 ---------------------------------------------------------------------------------------
def test_tt003_unbalanced() -> None:
    hits = run("Hoàn thành tại 03 xã (Tam Tiến, Xuân Lương với diện tích 120 ha.", "TT003")
    assert len(hits) == 1 and '"("' in hits[0].message
    hits = run("Ban hành Thông tư “Hướng dẫn một số nội dung. Nghị định khác.", "TT003")
    assert len(hits) == 1 and "“" in hits[0].message


@pytest.mark.parametrize(
    "text",
    [
        "Hoàn thành tại 03 xã (Tam Tiến, Xuân Lương) với “Chính quyền thân thiện”.",
        "a) Cải cách hành chính; b) Dân chủ cơ sở.",
        "Gửi Sở Nội vụ (b/c); Ban Dân vận (b/c).",
        "Hoàn thành tại 06 xã (Đông Vương, Đông Tiến,\n\nXuân Lương) với diện tích 300 ha.",  # page break
        "Hiện có 24 biên chế (trong đó 21 biên chế theo Nghị định 68).",
    ],
)
def test_tt003_silent(text: str) -> None:
    assert not run(text, "TT003")


# A short line among a legacy font's garbage says nothing about brackets; the same short line among
# prose still does.
GARBAGE = "@ A)+/4 &;BC <=>$?\nD\n&;B <=>$? F -, )\"G H&)' )$6,-\nJ$K'\n"


@pytest.mark.parametrize("short", ['"7Q', ";P)W&N )", "X(("])
def test_tt003_short_line_among_garbage_silent(short: str) -> None:
    text = "Báo cáo kết quả công tác năm.\n\n" + GARBAGE + short + "\n" + GARBAGE
    assert not [h for h in run(text, "TT003") if text.find(short) <= h.offset < text.find(short) + len(short)]


def test_tt003_short_line_among_prose_still_fires() -> None:
    text = "Các xã đã hoàn thành kế hoạch năm.\n\nKết quả (tốt\n\nNăm tới tiếp tục duy trì kết quả đạt được."
    assert len(run(text, "TT003")) == 1


# -- TT004 ---------------------------------------------------------------------------------------
def test_tt004_mixed_quotes_once_per_document() -> None:
    hits = run('Hưởng ứng “Tháng Dân vận”, “Dân vận khéo” và "Chính quyền thân thiện", "Năm dân vận".', "TT004")
    assert len(hits) == 1 and "2 cặp" in hits[0].message


def test_tt004_silent() -> None:
    assert not run("Hưởng ứng “Tháng Dân vận” và “Dân vận khéo”.", "TT004")
    assert not run('Hưởng ứng "Tháng Dân vận" và "Dân vận khéo".', "TT004")


# -- TT005 ---------------------------------------------------------------------------------------
def test_tt005_abbreviation_two_ways() -> None:
    hits = run("Phối hợp với UBMTTQVN tỉnh; báo cáo Thường trực UBMT TQVN tỉnh.", "TT005")
    assert len(hits) == 1 and hits[0].fix == "UBMTTQVN" and "viết liền" in hits[0].message


@pytest.mark.parametrize("text", ["I. KẾT QUẢ ĐẠT ĐƯỢC CỦA UBND HUYỆN", "Phối hợp HĐND, UBND huyện.", "Ban BCH TW họp."])
def test_tt005_silent(text: str) -> None:
    assert not run(text, "TT005")


def test_tt005_joined_form_counts_only_as_a_word_of_its_own() -> None:
    # "HĐKTQX" is written joined only inside a longer capital word, then as a word of its own: only the
    # second makes the spaced form a variant (the joined form is looked up where the spaced one is found)
    inside = "Ban HĐKTQXA họp; Thường trực HĐKT QX báo cáo."
    assert not run(inside, "TT005")
    alone = "Ban HĐKTQX họp; Thường trực HĐKT QX báo cáo."
    hits = run(alone, "TT005")
    assert len(hits) == 1 and hits[0].fix == "HĐKTQX"


def test_tt005_headings_short_and_long_lines() -> None:
    # the line's case and the joined form are asked in either order (short lines first by case): a
    # heading in capitals is silent, short or long, and a line of prose is reported, short or long
    long_tail = " và các tổ chức thành viên cùng cấp" * 6
    text = (
        "Phối hợp với UBMTTQVN tỉnh.\nTHƯỜNG TRỰC UBMT TQVN TỈNH\n"
        f"THƯỜNG TRỰC UBMT TQVN TỈNH{long_tail.upper()}\n"
        "Báo cáo Thường trực UBMT TQVN.\n"
        f"Báo cáo Thường trực UBMT TQVN{long_tail}.\n"
    )
    hits = run(text, "TT005")
    assert [h.line for h in hits] == [4, 5] and all(h.fix == "UBMTTQVN" for h in hits)


# -- TT006 ---------------------------------------------------------------------------------------
def test_tt006_percent_spacing() -> None:
    hits = run("Tỷ lệ hồ sơ trực tuyến đạt 77,73 %, tăng 5%.", "TT006")
    assert len(hits) == 1 and '"77,73%"' in hits[0].message and hits[0].fix == "%"


def test_tt006_silent_in_tables() -> None:
    assert not run("Chỉ tiêu\tKết quả\nHồ sơ\t77,73 %", "TT006")


# -- the seeds -----------------------------------------------------------------------------------
def _seed(prefix: str) -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} không có: bỏ qua kiểm thử trên báo cáo thật")
    found = sorted(SEEDS.glob(f"{prefix}*.txt"))
    if not found:
        pytest.skip(f"không có báo cáo mẫu {prefix}* trong {SEEDS}")
    return found[0]


def test_seed_doubled_words_and_spacing() -> None:
    messages = [f.message for f in check(_seed("000"), select=["TT001"]).findings]
    assert any("Công tác" in m for m in messages)
    messages = [f.message for f in check(_seed("004"), select=["TT001"]).findings]
    assert any("tổ chức" in m for m in messages)
    messages = [f.message for f in check(_seed("002"), select=["TT006"]).findings]
    assert any("77,73%" in m for m in messages)
    messages = [f.message for f in check(_seed("003"), select=["TT005"]).findings]
    assert any("UBMT TQVN" in m for m in messages)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_style_is_info_only(prefix: str) -> None:
    findings = check(_seed(prefix), select=["TT"]).findings
    assert all(f.severity == "info" for f in findings)
    assert sum(f.rule == "TT004" for f in findings) <= 1


# -- TT007 ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Diện tích nuôi tôm lũy kế 158, 019 ha, tăng so với cùng kỳ.",
        "Tổng vốn giải ngân 12, 050 tỷ đồng trong quý.",
        "Sản lượng đạt 3, 007 tấn.",
        "Dân số toàn xã 7, 045 người; mật độ tăng.",
        "Chiều dài tuyến kênh 1, 090 km đã được nạo vét.",
    ],
)
def test_tt007_number_split_by_space(text: str) -> None:
    hits = run(text, "TT007")
    assert len(hits) == 1 and ", 0" in hits[0].message


@pytest.mark.parametrize(
    "text",
    [
        "Các mã hồ sơ 001, 002, 003 đã được xử lý.",  # a list of codes
        "Theo Điều 108, 109 của Bộ luật.",  # article numbers, no leading zero
        "Có 12, 05 xã hoàn thành.",  # two digits after the comma: a count may be written so
        "Tỷ lệ đạt 12,050 tỷ đồng.",  # no space: one number already
        "Các thôn 15, 019, 020 và 021 được chọn.",  # a list of numbers
        "Mã 1.158, 019 ha.",  # the head is the end of a longer number
        "Số 2/158, 019 ha.",  # a symbol's part, not a figure
        "Có 1158, 019 ha.",  # four digits before the comma: no thousands group
    ],
)
def test_tt007_silent(text: str) -> None:
    assert not run(text, "TT007")
