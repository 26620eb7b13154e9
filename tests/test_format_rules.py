"""Format (TH) rules on Word files built for them: every requirement with a file that passes and one
that fails, the property set through a paragraph style and as direct formatting on the runs; the
requirement data (rules/the-thuc/*.toml) validated, cached and editable; a .txt gets no TH finding."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from format_builders import Builder, Layout, Look

from checker import check, ruledata, ruledata_format

VIAS = ("direct", "style")
RULES = Path(__file__).resolve().parent.parent / "rules"


def findings(data: bytes, codes: str = "TH", **options: object) -> list:
    report = check(data, name="van-ban.docx", select=[codes], **options)
    assert report.error is None, report.error
    return report.findings


def only(data: bytes, code: str) -> list:
    return [f for f in findings(data) if f.rule == code]


@pytest.mark.parametrize("party", [False, True])
@pytest.mark.parametrize("via", VIAS)
def test_a_well_formatted_document_has_no_format_finding(party: bool, via: str) -> None:
    assert findings(Builder(party=party, via=via).build()) == []


# -- page ---------------------------------------------------------------------------------------
def test_letter_paper_is_reported_and_a4_is_not() -> None:
    [f] = only(Builder(page=Layout(width_mm=215.9, height_mm=279.4)).build(), "TH001")
    assert "Letter" in f.message and "A4" in f.message and "Phụ lục I" in f.message
    assert f.severity == "warning"


def test_landscape_page_of_prose_is_reported() -> None:
    [f] = only(Builder(page=Layout(landscape=True, top=30, bottom=20, left=20, right=20)).build(), "TH001")
    assert "nằm ngang" in f.message


@pytest.mark.parametrize(
    ("side", "value", "word", "need"),
    [("bottom", 15, "lề dưới 15 mm", "20–25 mm"), ("left", 25, "lề trái 25 mm", "30–35 mm"),
     ("top", 27, "lề trên 27 mm", "20–25 mm"), ("right", 22, "lề phải 22 mm", "15–20 mm")],
)
def test_each_margin_outside_its_range_is_reported_once(side: str, value: float, word: str, need: str) -> None:
    [f] = only(Builder(page=Layout(**{side: value})).build(), "TH002")
    assert word in f.message and need in f.message


def test_margins_at_the_edges_of_the_ranges_pass() -> None:
    assert only(Builder(page=Layout(top=25, bottom=20, left=35, right=20)).build(), "TH002") == []


def test_party_margins_are_those_of_the_guideline() -> None:
    [f] = only(Builder(party=True, page=Layout(left=35)).build(), "TH002")
    assert "36-HD/VPTW" in f.message and "lề trái 35 mm" in f.message and ": 30 mm" in f.message


# -- font ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("via", VIAS)
def test_arial_is_reported_whether_set_on_the_runs_or_in_a_style(via: str) -> None:
    looks = {part: Look(size=look.size, bold=look.bold, italic=look.italic, font="Arial")
             for part, look in __import__("format_builders").STATE_LOOKS.items()}
    [f] = only(Builder(via=via, looks=looks).build(), "TH003")
    assert "phông Arial" in f.message and "Times New Roman" in f.message


def test_arial_as_the_normal_style_font_is_reported() -> None:
    [f] = only(Builder(page=Layout(normal_font="Arial")).build(), "TH003")
    assert "Arial" in f.message


def test_theme_font_of_the_defaults_is_resolved() -> None:
    # no font named anywhere: Word draws the text in the theme's minor font (not Times New Roman)
    [f] = only(Builder(page=Layout(normal_font=None)).build(), "TH003")
    assert "Times New Roman" not in f.message.split(";")[0]


def test_legacy_font_left_on_the_normal_style_is_an_info() -> None:
    # the runs are Unicode Times New Roman; only the Normal style still names .VnTime
    looks = {part: Look(size=look.size, bold=look.bold, italic=look.italic, font="Times New Roman")
             for part, look in __import__("format_builders").STATE_LOOKS.items()}
    [f] = only(Builder(looks=looks, page=Layout(normal_font=".VnTime")).build(), "TH003")
    assert f.severity == "info" and ".VnTime" in f.message and "Normal" in f.message


def test_party_font_other_than_the_samples_is_only_an_info() -> None:
    [f] = only(Builder(party=True, page=Layout(normal_font="Arial")).build(), "TH003")
    assert f.severity == "info"


# -- parts: size, weight/slant, capitals ----------------------------------------------------------
SIZE_CASES = [  # part, wrong size, figure the message must quote
    ("quoc_hieu", 14, "12–13 pt"), ("tieu_ngu", 12, "13–14 pt"), ("co_quan_ban_hanh", 14, "12–13 pt"),
    ("so_ky_hieu", 14, "13 pt"), ("dia_danh_ngay", 12, "13–14 pt"), ("ten_loai", 16, "13–14 pt"),
    ("trich_yeu", 12, "13–14 pt"), ("quyen_han", 12, "13–14 pt"), ("chuc_vu", 15, "13–14 pt"),
    ("ho_ten", 12, "13–14 pt"), ("noi_nhan", 13, "12 pt"), ("noi_nhan_muc", 13, "11 pt"), ("noi_dung", 12, "13–14 pt"),
]
NAMES = dict(ruledata_format.PART_NAMES)


@pytest.mark.parametrize("via", VIAS)
@pytest.mark.parametrize(("part", "size", "need"), SIZE_CASES)
def test_size_of_each_part(via: str, part: str, size: float, need: str) -> None:
    from format_builders import STATE_LOOKS

    look = STATE_LOOKS[part]
    bad = Builder(via=via, looks={part: Look(size, look.bold, look.italic)}).build()
    hits = only(bad, "TH010")
    assert len(hits) == 1, [h.message for h in hits]
    message = hits[0].message
    assert NAMES[part][0] in message and f"cỡ chữ {size} pt" in message and need in message
    assert message.startswith(("đoạn ", "bảng "))  # names the paragraph


STYLE_CASES = [  # part, the wrong look, words the message must hold
    ("quoc_hieu", Look(13, False, False), "không đậm"),
    ("co_quan_chu_quan", Look(13, True, False), "đậm"),
    ("co_quan_ban_hanh", Look(13, False, False), "không đậm"),
    ("so_ky_hieu", Look(13, False, True), "nghiêng"),
    ("dia_danh_ngay", Look(14, False, False), "đứng"),
    ("trich_yeu", Look(14, False, False), "không đậm"),
    ("ho_ten", Look(14, False, False), "không đậm"),
    ("noi_nhan", Look(12, True, False), "đứng"),
    ("noi_nhan_muc", Look(11, False, True), "nghiêng"),
]


@pytest.mark.parametrize("via", VIAS)
@pytest.mark.parametrize(("part", "look", "words"), STYLE_CASES)
def test_weight_and_slant_of_each_part(via: str, part: str, look: Look, words: str) -> None:
    hits = only(Builder(via=via, looks={part: look}).build(), "TH011")
    assert len(hits) == 1, [h.message for h in hits]
    assert NAMES[part][0] in hits[0].message and f"chữ {words}" in hits[0].message


def test_party_signer_title_is_upright_and_its_recipients_heading_underlined() -> None:
    from format_builders import PARTY_LOOKS

    bold_title = {"chuc_vu": Look(14, True, False)}
    [f] = only(Builder(party=True, looks=bold_title).build(), "TH011")
    assert "chức vụ người ký" in f.message and "36-HD/VPTW" in f.message
    plain_heading = {"noi_nhan": Look(14, False, False, underline=False)}
    [g] = only(Builder(party=True, looks=plain_heading).build(), "TH011")
    assert "gạch chân" in g.message
    assert PARTY_LOOKS["noi_nhan"].underline


def test_one_italic_note_in_brackets_does_not_make_an_entry_italic() -> None:
    texts = {"noi_nhan_muc": ["- UBND tỉnh (gửi qua hệ thống quản lý văn bản điện tử của tỉnh);", "- Lưu: VT."]}
    data = Builder(texts=texts).build()
    assert only(data, "TH011") == []


@pytest.mark.parametrize("via", VIAS)
def test_capitals(via: str) -> None:
    lower_title = Builder(via=via, texts={"chuc_vu": "Phó Giám đốc"}).build()
    [f] = only(lower_title, "TH012")
    assert "in hoa" in f.message
    lower_title_of_state = Builder(via=via, texts={"quoc_hieu": "Cộng hòa xã hội chủ nghĩa Việt Nam"}).build()
    [h] = only(lower_title_of_state, "TH012")
    assert "Quốc hiệu" in h.message
    caps_summary = Builder(via=via, texts={"trich_yeu": "KẾT QUẢ THỰC HIỆN PHONG TRÀO VĂN NGHỆ NĂM 2024"}).build()
    [g] = only(caps_summary, "TH012")
    assert "trích yếu" in g.message and "in thường" in g.message
    # capitals drawn by the All Caps property count as capitals
    shown_caps = Builder(via=via, texts={"chuc_vu": "Phó Giám đốc"},
                         looks={"chuc_vu": Look(14, True, False, all_caps=True)}).build()
    assert only(shown_caps, "TH012") == []


def test_one_finding_per_part_and_property_not_per_run() -> None:
    texts = {"noi_nhan_muc": [f"- Phòng số {k};" for k in range(1, 9)] + ["- Lưu: VT."]}
    hits = only(Builder(texts=texts, looks={"noi_nhan_muc": Look(13, False, False)}).build(), "TH010")
    assert len(hits) == 1 and "9/9 đoạn" in hits[0].message


def test_party_figures_are_used_for_a_party_document() -> None:
    hits = only(Builder(party=True, looks={"ten_loai": Look(14, True, False)}).build(), "TH010")
    assert len(hits) == 1 and "15–16 pt" in hits[0].message and "Phụ lục 3" in hits[0].message


# -- where the rules do not apply ------------------------------------------------------------------
def test_text_files_get_no_format_findings() -> None:
    text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nBÁO CÁO\nKết quả công tác\n\nNội dung.\n"
    report = check(text.encode(), name="bao-cao.txt", select=["TH"])
    assert report.error is None and report.findings == []


def test_a_file_without_a_document_header_is_not_checked() -> None:
    texts = {"quoc_hieu": "BẢNG THEO DÕI", "tieu_ngu": "Mẫu số 02", "co_quan_chu_quan": "CÔNG TY AN PHÚ",
             "co_quan_ban_hanh": "PHÒNG KẾ TOÁN", "so_ky_hieu": "Số: 27", "ten_loai": "DANH SÁCH",
             "quyen_han": "NGƯỜI LẬP", "chuc_vu": "KẾ TOÁN"}
    data = Builder(texts=texts, page=Layout(bottom=10)).build()
    assert findings(data) == []


def test_english_messages() -> None:
    [f] = [x for x in findings(Builder(page=Layout(bottom=15)).build(), lang="en") if x.rule == "TH002"]
    assert "bottom margin 15 mm" in f.message and "Decree 30/2020" in f.message


# -- requirement data ---------------------------------------------------------------------------------
@pytest.fixture()
def rules_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of rules/ the shipped loader reads instead (the private cache goes to tmp too)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    copy = tmp_path / "rules"
    shutil.copytree(RULES, copy)
    monkeypatch.setattr(ruledata, "_shipped_root", lambda: copy)
    ruledata_format._shipped.cache_clear()
    yield copy
    ruledata_format._shipped.cache_clear()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_province_can_change_a_figure_without_code(rules_copy: Path) -> None:
    data = Builder(looks={"noi_nhan_muc": Look(12, False, False)}).build()
    assert len(only(data, "TH010")) == 1
    toml = rules_copy / "the-thuc" / "nd30-2020.toml"
    _edit(toml, 'id = "noi_nhan_muc"\nsize = [11, 11]', 'id = "noi_nhan_muc"\nsize = [11, 12]')
    ruledata_format._shipped.cache_clear()
    assert only(data, "TH010") == []


def test_an_unverified_figure_is_reported_at_info_only(rules_copy: Path) -> None:
    toml = rules_copy / "the-thuc" / "nd30-2020.toml"
    _edit(toml, 'source = "Phần I, Mục I, khoản 3"\nverified = true', 'source = "Phần I, Mục I, khoản 3"\nverified = false')
    ruledata_format._shipped.cache_clear()
    [f] = only(Builder(page=Layout(bottom=15)).build(), "TH002")
    assert f.severity == "info"


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [('size = [12, 13]\ncaps = true\nbold = true', 'size = [13, 12]\ncaps = true\nbold = true', "part.0.size"),
     ('id = "quoc_hieu"', 'id = "quoc_hieu_x"', "part.0.id"),
     ('source = "Phần I, Mục I, khoản 3"', 'source = " "', "margins.source"),
     ('left = [30, 35]', 'left = [30]', "margins.left")],
)
def test_a_broken_requirement_file_names_the_file_and_the_field(rules_copy: Path, old: str, new: str, field: str) -> None:
    _edit(rules_copy / "the-thuc" / "nd30-2020.toml", old, new)
    ruledata_format._shipped.cache_clear()
    with pytest.raises(ruledata.RuleDataError) as err:
        ruledata_format.load_format_rules()
    assert str(err.value).startswith(f"rules/the-thuc/nd30-2020.toml: {field}:")


def test_requirement_files_are_cached_and_an_edit_is_never_answered_from_the_cache(rules_copy: Path) -> None:
    first = ruledata_format.load_format_rules()
    ruledata_format._shipped.cache_clear()
    assert ruledata_format.load_format_rules() == first  # read back
    assert list((rules_copy.parent / "cache" / "baocao-lint").glob("the-thuc-*.pickle"))
    _edit(rules_copy / "the-thuc" / "hd36-2018.toml", "size = [15, 16]", "size = [14, 16]")
    ruledata_format._shipped.cache_clear()
    assert ruledata_format.load_format_rules()["party"].part_named("ten_loai").size == (14.0, 16.0)


def test_every_shipped_requirement_names_its_source() -> None:
    for rules in ruledata_format.load_format_rules().values():
        for item in [rules.paper, rules.margins, rules.font, rules.page_number, rules.body, *rules.part]:
            assert item.source.strip()


def test_explain_cites_the_source_of_each_requirement() -> None:
    out = subprocess.run([sys.executable, "-m", "checker.cli", "explain", "TH010"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "Phần I, Mục II, khoản 9, điểm d" in out.stdout and "Phụ lục 3, mục 5" in out.stdout
    assert "nd30-2020.toml" in out.stdout and "hd36-2018.toml" in out.stdout


def test_a_circular_or_a_decree_is_not_held_to_the_administrative_figures() -> None:
    # laws, decrees and circulars have their thể thức in their own decree, not in Nghị định 30/2020
    data = Builder(texts={"ten_loai": "THÔNG TƯ"}, page=Layout(bottom=12)).build()
    assert findings(data) == []
    assert only(Builder(page=Layout(bottom=12)).build(), "TH002")
