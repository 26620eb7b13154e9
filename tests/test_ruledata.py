"""Tests of the rule pack (rules/*.toml) and its loader (checker/ruledata.py)."""

from __future__ import annotations

import datetime
import os
import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

from checker import ruledata
from checker.ruledata import (
    RuleDataError,
    clean_line,
    compile_pattern,
    detect_framework,
    iter_patterns,
    load_doctypes,
    load_framework_file,
    load_frameworks,
    load_registry,
    load_templates,
    locate_parts,
    select_template,
)

REPO = Path(__file__).resolve().parents[1]
RULES = REPO / "rules"
# The real reports live next to the repository (../shared/seeds); BAOCAO_SEEDS may point elsewhere.
SEEDS = Path(os.environ.get("BAOCAO_SEEDS", REPO.parent / "shared" / "seeds"))

SHIPPED_FRAMEWORKS = {"bac-giang-274-2017", "quang-ngai-436-2019", "generic", "example-bac-kan"}
SHIPPED_TEMPLATES = {"admin-frame", "dan-van-chinh-quyen", "tu-cham-diem", "dang-tong-ket"}

# Phụ lục III of NĐ 30/2020/NĐ-CP: 27 type codes and 3 copy codes (vn-domain §1.5).
# fmt: off
PHU_LUC_III = [
    "NQ", "QĐ", "CT", "QC", "QyĐ", "TC", "TB", "HD", "CTr", "KH", "PA", "ĐA", "DA", "BC", "BB", "TTr",
    "HĐ", "CĐ", "BGN", "BTT", "GUQ", "GM", "GGT", "GNP", "PG", "PC", "PB", "SY", "TrS", "SL",
]
# fmt: on


# ---------------------------------------------------------------------------------------------
# Every shipped file loads and is clean
# ---------------------------------------------------------------------------------------------
def test_shipped_files_load():
    doctypes = load_doctypes()
    registry = load_registry()
    frameworks = load_frameworks()
    templates = load_templates()
    assert len(doctypes.types) > 40 and len(doctypes.issuers) > 20
    assert len(registry.entries) >= 25
    assert SHIPPED_FRAMEWORKS <= set(frameworks)
    assert SHIPPED_TEMPLATES <= set(templates)
    # Shipped loads are cached: the second call costs nothing and gives the same objects.
    assert load_doctypes() is doctypes and load_registry() is registry


def test_every_toml_file_is_nfc_and_listed():
    """Decomposed (NFD) text would make regexes and look-ups fail silently."""
    files = sorted(RULES.rglob("*.toml"))
    assert {f.stem for f in (RULES / "frameworks").glob("*.toml")} == set(load_frameworks())
    assert {f.stem for f in (RULES / "templates").glob("*.toml")} == set(load_templates())
    for f in files:
        text = f.read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text), f


def test_every_entry_names_a_source():
    doctypes = load_doctypes()
    assert all(t.source.strip() for t in doctypes.types)
    assert all(i.source.strip() for i in doctypes.issuers)
    assert all(e.source.strip() for e in load_registry().entries)
    assert all(f.source.strip() for f in load_frameworks().values())


def test_every_pattern_compiles_case_insensitive():
    objs = [load_doctypes(), *load_frameworks().values(), *load_templates().values()]
    for obj in objs:
        for pattern in iter_patterns(obj):
            assert compile_pattern(pattern).flags & re.IGNORECASE


# ---------------------------------------------------------------------------------------------
# Document types and issuers
# ---------------------------------------------------------------------------------------------
def test_phu_luc_iii_codes_are_all_state_codes():
    doctypes = load_doctypes()
    for code in PHU_LUC_III:
        t = doctypes.type_by_code(code, "state")
        assert t is not None, code
        assert "Phụ lục III" in t.source and t.verified


def test_quy_dinh_and_cong_van_codes_by_system():
    d = load_doctypes()
    assert d.type_by_code("QyĐ", "state").name == "Quy định"
    assert d.type_by_code("QyĐ", "party") is None
    assert d.type_by_code("QĐi", "party") is not None
    assert d.type_by_code("QĐi", "state") is None
    assert d.type_by_code("CV", "party").name == "Công văn"
    assert d.type_by_code("CV", "state") is None
    assert d.type_by_code("CV").systems == ["party"]
    # A state Công văn has no type code: its symbol is ISSUER-UNIT.
    assert d.uncoded_by_word("công văn", "state") is not None
    assert d.uncoded_by_word("Công văn", "party") is None
    assert not [t for t in d.types_by_word("Công văn") if "state" in t.systems]


def test_same_code_differs_by_system():
    d = load_doctypes()
    assert d.type_by_code("TT", "state").name == "Thông tư"
    assert d.type_by_code("TT", "party").name == "Thông tri"
    assert d.type_by_code("NĐ", "state").year_required
    assert d.type_by_code("QĐ", "state").normative and not d.type_by_code("QĐ", "state").year_required
    assert not d.type_by_code("QĐ", "party").normative
    assert d.type_by_code("XYZ") is None


def test_types_by_word_case_and_tone_insensitive():
    d = load_doctypes()
    codes = {(t.code, tuple(t.systems)) for t in d.types_by_word("QUYẾT ĐỊNH")}
    assert ("QĐ", ("state",)) in codes and ("QĐ", ("party",)) in codes
    assert {t.code for t in d.types_by_word("quy định")} == {"QyĐ", "QĐ", "QĐi"}
    # New-style tone placement and NFD input find the same type.
    assert [t.code for t in d.types_by_word("Bản thoả thuận")] == ["BTT"]
    assert [t.code for t in d.types_by_word(unicodedata.normalize("NFD", "Kết luận"))] == ["KL"]
    assert d.types_by_word("Không có loại này") == []


@pytest.mark.parametrize(
    ("code", "system"),
    [
        ("TU", "party"),
        ("HU", "party"),
        ("TW", "party"),
        ("VPTW", "party"),
        ("BDVTW", "party"),
        ("BDVTU", "party"),
        ("BDVHU", "party"),
        ("BCSĐUBND", "party"),
        ("ĐU", "party"),
        ("UBND", "state"),
        ("HĐND", "state"),
        ("TTg", "state"),
        ("CP", "state"),
        ("QH14", "state"),
        ("QH15", "state"),
        ("SNV", "state"),
        ("BDT", "state"),
        ("BNV", "state"),
        ("BTC", "state"),
        ("BCSD", None),  # seed 004's misspelling of BCSĐ must stay unknown
        ("XYZ", None),
    ],
)
def test_issuer_system(code, system):
    assert load_doctypes().issuer_system(code) == system


def test_party_patterns_cannot_swallow_state_issuers(tmp_path):
    bad = tmp_path / "doctypes.toml"
    bad.write_text(
        """
party_issuer_patterns = ['^[A-ZĐ]*U$']
[[types]]
code = "BC"
name = "Báo cáo"
words = ["Báo cáo"]
systems = ["state"]
source = "test"
[[issuers]]
code = "SNVU"
name = "not real"
system = "state"
source = "test"
""",
        encoding="utf-8",
    )
    with pytest.raises(RuleDataError) as exc:
        load_doctypes(bad)
    assert "party_issuer_patterns.0" in str(exc.value) and "SNVU" in str(exc.value)


# ---------------------------------------------------------------------------------------------
# Registry
# ---------------------------------------------------------------------------------------------
def test_registry_find_ignores_spaces_only():
    r = load_registry()
    assert r.find("114-KL/TW").issuer == "Ban Bí thư"
    assert r.find("114 -KL/TW").symbol == "114-KL/TW"
    assert r.find("01- KL/TW").date == datetime.date(2021, 5, 18)
    assert r.find(" 16 / CT-TTg ").date == datetime.date(2016, 5, 16)
    assert r.find("114-kl/tw") is None  # exact otherwise
    assert r.find("16-CT/TTg") is None  # Party form of a state symbol is a different string
    assert r.find("999-KL/TW") is None


def test_registry_required_entries():
    r = load_registry()
    expected = {
        "114-KL/TW": (datetime.date(2015, 7, 14), "Ban Bí thư", True),
        "23-QĐ/TW": (datetime.date(2021, 7, 30), "Bộ Chính trị", True),
        "16/CT-TTg": (datetime.date(2016, 5, 16), "Thủ tướng Chính phủ", True),
        "33/CT-TTg": (datetime.date(2021, 11, 26), "Thủ tướng Chính phủ", False),  # day (u)
        "25-NQ/TW": (datetime.date(2013, 6, 3), "Ban Chấp hành Trung ương", True),
        "43-KL/TW": (datetime.date(2019, 1, 7), "Ban Bí thư", True),
        "217-QĐ/TW": (datetime.date(2013, 12, 12), "Bộ Chính trị", True),
        "218-QĐ/TW": (datetime.date(2013, 12, 12), "Bộ Chính trị", True),
        "05-CT/TW": (datetime.date(2016, 5, 15), "Bộ Chính trị", True),
        "49-CT/TW": (datetime.date(2015, 10, 20), "Ban Bí thư", False),  # (u): seed 000 only
        "04/2015/NĐ-CP": (datetime.date(2015, 1, 9), "Chính phủ", True),
        "88/2019/QH14": (datetime.date(2019, 11, 18), "Quốc hội", True),
        "274/QĐ-UBND": (datetime.date(2017, 5, 26), "UBND tỉnh Bắc Giang", True),
        "436/QĐ-UBND": (datetime.date(2019, 6, 11), "UBND tỉnh Quảng Ngãi", True),
        "30/2020/NĐ-CP": (datetime.date(2020, 3, 5), "Chính phủ", True),
        "01-KL/TW": (datetime.date(2021, 5, 18), "Bộ Chính trị", True),
    }
    for symbol, (date, issuer, verified) in expected.items():
        e = r.find(symbol)
        assert e is not None, symbol
        assert (e.date, e.issuer, e.verified) == (date, issuer, verified), symbol


def test_registry_wrong_issuers_from_seed_000():
    r = load_registry()
    assert "Bộ Chính trị" in r.find("114-KL/TW").wrong_issuers
    assert "Ban Chấp hành Trung ương Đảng" in r.find("23-QĐ/TW").wrong_issuers
    for e in r.entries:
        assert e.issuer not in e.wrong_issuers and not set(e.issuer_aliases) & set(e.wrong_issuers), e.symbol


def test_registry_year_and_province_keys():
    r = load_registry()
    # State numbers restart every year: 12/NQ-CP of 2021 is another document.
    assert r.find("12/NQ-CP", year=2020) is not None
    assert r.find("12/NQ-CP", year=2021) is None
    # A year in the symbol already identifies the document; Party numbers run per term.
    assert r.find("04/2015/NĐ-CP", year=2016) is not None
    assert r.find("114-KL/TW", year=2016) is not None
    # Local numbers exist in every province.
    assert r.find("274/QĐ-UBND", province="Bắc Giang") is not None
    assert r.find("274/QĐ-UBND", province="bắc giang") is not None
    assert r.find("274/QĐ-UBND", province="Hà Nội") is None
    assert r.find("114-KL/TW", province="Hà Nội") is not None


def test_registry_symbols_agree_with_doctypes():
    """Each symbol's form, type code and issuer code must be known to doctypes.toml."""
    d = load_doctypes()
    for e in load_registry().entries:
        if e.system == "party":
            number_type, issuers = e.symbol.split("/", 1)
            code = number_type.split("-", 1)[1]
        else:
            sym = e.symbol.split("/")[-1]
            groups = sym.split("-")
            code, issuers = (groups[0], "-".join(groups[1:])) if len(groups) > 1 else (None, sym)
        for issuer in issuers.split("-"):
            if e.type_word == "Công văn" and e.system == "state":
                break  # ISSUER-UNIT: the second group is a unit, not an issuer
            assert d.issuer_system(issuer) == e.system, (e.symbol, issuer)
        if e.type_word == "Công văn" and e.system == "state":
            assert d.issuer_system(code) == "state" and d.uncoded_by_word(e.type_word, "state")
            continue
        if code is None:  # Luật / Nghị quyết of Quốc hội: number/year/QH<khóa>
            assert d.uncoded_by_word(e.type_word, "state") is not None, e.symbol
            continue
        t = d.type_by_code(code, e.system)
        assert t is not None, e.symbol
        assert e.type_word in t.words, (e.symbol, e.type_word, t.words)
        if t.year_required:
            assert e.year_in_symbol is not None, e.symbol


def test_registry_rejects_bad_entries(tmp_path):
    f = tmp_path / "registry.toml"
    base = 'type_word = "Kết luận"\nissuer = "Ban Bí thư"\nverified = true\nsource = "test"\n'
    f.write_text(f'[[entries]]\nsymbol = "114 -KL/TW"\ndate = 2015-07-14\n{base}', encoding="utf-8")
    with pytest.raises(RuleDataError, match=r"registry\.toml: entries\.0\.symbol: must not contain spaces"):
        load_registry(f)
    f.write_text(f'[[entries]]\nsymbol = "04/2015/NĐ-CP"\ndate = 2016-01-09\n{base}', encoding="utf-8")
    with pytest.raises(RuleDataError, match=r"entries\.0\.date: year 2016 differs"):
        load_registry(f)
    f.write_text(f'[[entries]]\nsymbol = "114-KL/TW"\ndate = 2015-13-14\n{base}', encoding="utf-8")
    with pytest.raises(RuleDataError, match=r"TOML syntax error"):
        load_registry(f)


# ---------------------------------------------------------------------------------------------
# Frameworks
# ---------------------------------------------------------------------------------------------
def test_bac_giang_274_structure():
    fw = load_frameworks()["bac-giang-274-2017"]
    assert fw.decision == "274/QĐ-UBND" and fw.decision_date == datetime.date(2017, 5, 26)
    assert [c.number for c in fw.criteria] == list(range(1, 10))
    assert all(c.cap == 10 for c in fw.criteria)
    assert sum(c.cap for c in fw.criteria) == fw.total_max == 90
    assert fw.bonus_cap == 10 and fw.final_max == 100 and fw.final_formula == "sum_plus_bonus"
    assert fw.total_max + fw.bonus_cap == fw.final_max
    for c in fw.criteria:
        if c.number == 7:
            assert [(i.id, i.name, i.cap) for i in c.items] == [("1", "Nội dung", 10)]
        else:
            assert [(i.id, i.name, i.cap) for i in c.items] == [
                ("1", "Nội dung 1", 5),
                ("2", "Nội dung 2", 5),
            ]
    # Thresholds are unverified: no bands, and users are told why.
    assert fw.bands == [] and "chưa được xác minh" in fw.bands_note
    assert fw.band_for(Decimal(99)) is None


def test_other_shipped_frameworks():
    fws = load_frameworks()
    qn = fws["quang-ngai-436-2019"]
    assert qn.criteria == [] and qn.criteria_count == 9 and not qn.caps_from_table
    assert qn.total_max == qn.final_max == 100 and qn.bands == [] and qn.bands_note
    generic = fws["generic"]
    assert generic.caps_from_table and generic.criteria == [] and generic.bands == []
    assert generic.recognise.patterns == []
    bk = fws["example-bac-kan"]
    assert bk.band_for(Decimal(80)).name == "Tốt"
    assert bk.band_for(Decimal("79.5")).name == "Khá"
    assert bk.band_for(Decimal(75)).name == "Khá"
    assert bk.band_for(Decimal(74)) is None  # Trung bình/Yếu thresholds unknown: no guess
    assert bk.band_named("khá").min == 75 and bk.band_named("Xếp loại tốt").name == "Tốt"


MINIMAL_FRAMEWORK = """
name = "Tỉnh Thử — Quyết định 1/QĐ-UBND"
source = "test"
total_max = 20
bonus_cap = 5
final_max = 25
final_formula = "sum_plus_bonus"

[recognise]
patterns = ['Tỉnh\\s+Thử']

[[criteria]]
number = 1
name = "Tiêu chí một"
cap = 10

[[criteria]]
number = 2
name = "Tiêu chí hai"
cap = 10
items = [{ id = "1", name = "Nội dung 1", cap = 4 }, { id = "2", name = "Nội dung 2", cap = 6 }]
"""


def test_extra_dir_adds_and_overrides(tmp_path):
    (tmp_path / "tinh-thu.toml").write_text(MINIMAL_FRAMEWORK, encoding="utf-8")
    override = (RULES / "frameworks" / "generic.toml").read_text(encoding="utf-8")
    (tmp_path / "generic.toml").write_text(
        override.replace("bands = []", "bands = []\nbonus_cap = 3"), encoding="utf-8"
    )
    fws = load_frameworks(extra_dirs=[tmp_path])
    assert SHIPPED_FRAMEWORKS <= set(fws)
    assert fws["tinh-thu"].total_max == 20 and fws["tinh-thu"].criteria[1].items[1].cap == 6
    assert fws["generic"].bonus_cap == 3
    assert load_frameworks()["generic"].bonus_cap == 0  # the shipped cache is untouched
    assert detect_framework("Báo cáo của Tỉnh Thử năm 2024", fws).id == "tinh-thu"
    assert load_framework_file(tmp_path / "tinh-thu.toml").id == "tinh-thu"


@pytest.mark.parametrize(
    ("change", "field", "problem"),
    [
        (("cap = 10\nitems", 'cap = "abc"\nitems'), "criteria.1.cap", "Input should be a valid decimal"),
        (('source = "test"\n', ""), "source", "Field required"),
        (("total_max = 20", "total_max = 25"), "total_max", "the criteria caps sum to 20"),
        (("cap = 6 }", "cap = 7 }"), "criteria.1.cap", "the items' caps sum to 11"),
        (("final_max = 25", "final_max = 30"), "final_max", "gives 25"),
        (("number = 2", "number = 3"), "criteria.1.number", "numbered 1, 2, 3"),
        (("bonus_cap = 5", "bonus_cap = 5\nbonus_cpa = 5"), "bonus_cpa", "Extra inputs are not permitted"),
        (("'Tỉnh\\s+Thử'", "'Tỉnh(Thử'"), "recognise.patterns.0", "invalid regular expression"),
        (('final_formula = "sum_plus_bonus"', 'final_formula = "plus"'), "final_formula", "Input should be"),
    ],
)
def test_malformed_framework_names_file_and_field(tmp_path, change, field, problem):
    old, new = change
    assert old in MINIMAL_FRAMEWORK
    path = tmp_path / "tinh-thu.toml"
    path.write_text(MINIMAL_FRAMEWORK.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RuleDataError) as exc:
        load_frameworks(extra_dirs=[tmp_path])
    message = str(exc.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: {field}: "), message
    assert problem in message
    assert exc.value.file == str(path) and exc.value.field == field


def test_toml_syntax_error_names_file_and_line(tmp_path):
    path = tmp_path / "tinh-thu.toml"
    path.write_text(MINIMAL_FRAMEWORK.replace("cap = 10\nitems", "cap = abc\nitems"), encoding="utf-8")
    with pytest.raises(RuleDataError) as exc:
        load_framework_file(path)
    message = str(exc.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: criteria.cap (line ")
    assert "TOML syntax error" in message


def test_framework_id_must_match_file_name(tmp_path):
    path = tmp_path / "khac.toml"
    path.write_text('id = "tinh-thu"\n' + MINIMAL_FRAMEWORK, encoding="utf-8")
    with pytest.raises(RuleDataError, match=r"khac\.toml: id: .*must equal the file name 'khac'"):
        load_framework_file(path)


def test_shipped_file_errors_use_repository_path(monkeypatch, tmp_path):
    """Errors in shipped files name them as a reviewer sees them in the repository."""
    import checker.ruledata as rd

    (tmp_path / "frameworks").mkdir()
    (tmp_path / "frameworks" / "hong.toml").write_text('name = "x"\n', encoding="utf-8")
    monkeypatch.setattr(rd, "_shipped_root", lambda: tmp_path)
    rd._shipped_frameworks.cache_clear()
    try:
        with pytest.raises(RuleDataError, match=r"^rules/frameworks/hong\.toml: source: Field required$"):
            rd.load_frameworks()
    finally:
        rd._shipped_frameworks.cache_clear()


def test_missing_extra_folder_is_an_error(tmp_path):
    with pytest.raises(RuleDataError, match="not a folder"):
        load_frameworks(extra_dirs=[tmp_path / "khong-co"])
    with pytest.raises(RuleDataError, match="not a folder"):
        load_templates(extra_dirs=[tmp_path / "khong-co"])


# ---------------------------------------------------------------------------------------------
# Framework detection
# ---------------------------------------------------------------------------------------------
def test_detect_bac_giang_and_quang_ngai():
    fws = load_frameworks()
    bg = "Căn cứ Quyết định số 274/QĐ-UBND ngày 26/5/2017 của UBND tỉnh về tiêu chí, cách đánh giá"
    assert detect_framework(bg, fws).id == "bac-giang-274-2017"
    assert detect_framework("KẾT QUẢ TỰ CHẤM ĐIỂM THEO QUYẾT ĐỊNH 274/QĐ-UBND NGÀY 26/5/2017", fws).id == (
        "bac-giang-274-2017"
    )
    assert detect_framework("UBND tỉnh Bắc Giang … chấm điểm theo Quyết định số 274/QĐ-UBND", fws).id == (
        "bac-giang-274-2017"
    )
    qn = "Thực hiện Quyết định số 436/QĐ-UBND ngày 11/6/2019 của UBND tỉnh"
    assert detect_framework(qn, fws).id == "quang-ngai-436-2019"
    assert detect_framework("tỉnh Quảng Ngãi … Quyết định 436/QĐ-UBND", fws).id == "quang-ngai-436-2019"


def test_detect_needs_more_than_a_number():
    fws = load_frameworks()
    assert detect_framework("Quyết định số 274/QĐ-UBND ngày 10/02/2020 của UBND tỉnh Hà Nam", fws) is None
    assert detect_framework("Quyết định số 1274/QĐ-UBND ngày 26/5/2017", fws) is None
    assert detect_framework("Báo cáo tổng kết năm của một cơ quan", fws) is None
    assert detect_framework("", fws) is None


def test_detect_never_returns_generic():
    fws = load_frameworks()
    everything = "Khung chấm điểm chung (điểm chuẩn đọc từ cột “Chuẩn” của bảng) generic"
    assert detect_framework(everything, {"generic": fws["generic"]}) is None


# ---------------------------------------------------------------------------------------------
# Templates
# ---------------------------------------------------------------------------------------------
def test_template_extends_resolved():
    t = load_templates()
    base = [p.id for p in t["admin-frame"].parts]
    for tid in ("dan-van-chinh-quyen", "tu-cham-diem", "dang-tong-ket"):
        ids = [p.id for p in t[tid].parts]
        assert ids[: len(base)] == base, tid
        assert len(ids) > len(base)
    assert t["tu-cham-diem"].criteria_in_order and not t["dan-van-chinh-quyen"].criteria_in_order
    assert t["dang-tong-ket"].kind == "party"
    header = {p.id for p in t["admin-frame"].parts if p.header_part}
    # the type line is lost with the header when a page or a conversion drops it: one header warning
    assert header == {"quoc_hieu", "tieu_de_dang", "co_quan_ban_hanh", "so_ky_hieu", "dia_danh_ngay", "ten_loai"}
    assert all(
        p.severity == "warning" and p.where == "header" for p in t["admin-frame"].parts if p.header_part
    )
    assert t["dan-van-chinh-quyen"].parts[-1].id == "de_xuat_kien_nghi"
    assert t["dan-van-chinh-quyen"].parts[-1].severity == "info"


REPORT_TITLES = [
    ('Kết quả thực hiện "Năm Dân vận chính quyền" năm 2023', "state", "dan-van-chinh-quyen"),
    ("Kết quả chấm điểm dân vận chính quyền năm 2020", "unknown", "tu-cham-diem"),
    ("Kết quả dân vận chính quyền của xã năm 2023", "unknown", "dan-van-chinh-quyen"),
    ("Kết quả làm công tác dân vận của chính quyền năm 2021", "unknown", "dan-van-chinh-quyen"),
    ("Tổng kết 10 năm Nghị quyết số 25-NQ/TW ngày 03/6/2013", "party", "dang-tong-ket"),
    # A state "tổng kết" is not a Party report; an unrelated title falls back to the frame.
    ("Tổng kết 10 năm Nghị quyết số 25-NQ/TW ngày 03/6/2013", "state", "admin-frame"),
    ("Tình hình thực hiện nhiệm vụ 6 tháng đầu năm", "state", "admin-frame"),
]


@pytest.mark.parametrize(("title", "kind", "expected"), REPORT_TITLES)
def test_select_template_on_report_titles(title, kind, expected):
    assert select_template(title, kind, load_templates()).id == expected


def test_select_template_priority_and_fallback():
    t = load_templates()
    # Both dan-van-chinh-quyen and tu-cham-diem match; the higher priority wins.
    assert select_template("Tự chấm điểm công tác dân vận chính quyền", "state", t).id == "tu-cham-diem"
    assert select_template("Sơ kết 5 năm", "party", t).id == "dang-tong-ket"
    with pytest.raises(RuleDataError):
        select_template("x", "state", {})


def test_template_part_matching_rules():
    parts = {p.id: p for p in load_templates()["admin-frame"].parts}
    assert parts["quoc_hieu"].matches("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert not parts["quoc_hieu"].matches("nước Cộng hòa xã hội chủ nghĩa Việt Nam")  # capitals only
    assert parts["tieu_de_dang"].matches("TỈNH ỦY BẮC GIANG\tĐẢNG CỘNG SẢN VIỆT NAM")
    assert not parts["tieu_de_dang"].matches("Đảng Cộng sản Việt Nam lãnh đạo")
    assert parts["so_ky_hieu"].matches("Số: 15/BC-UBND") and parts["so_ky_hieu"].matches("Số 442-BC/TU")
    assert parts["so_ky_hieu"].matches("| Số: 07/2023/QĐ-UBND | Bến Tre, ngày 01 tháng 3 năm 2023 |")
    assert not parts["so_ky_hieu"].matches("Số lượng cán bộ tăng")
    assert parts["dia_danh_ngay"].matches("Hà Nội, ngày 05 tháng 01 năm 2020")
    assert parts["luu"].matches("- Lưu: VT, HCTH.") and parts["luu"].matches("- Lưu Văn phòng Tỉnh ủy.")
    assert not parts["luu"].matches("Lưu ý: báo cáo gửi trước ngày 15")
    for title in (
        "KT. TRƯỞNG BAN",
        "**PHÓ TRƯỞNG BAN**",
        "T/M BAN THƯỜNG VỤ",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
    ):
        assert parts["chu_ky"].matches(title), title
    assert not parts["chu_ky"].matches("Chủ tịch UBND tỉnh đã chỉ đạo")
    assert parts["co_quan_ban_hanh"].matches("UBND TỈNH BẮC GIANG")
    assert parts["co_quan_ban_hanh"].matches("CHÍNH PHỦ")
    assert not parts["co_quan_ban_hanh"].matches("Ban Dân tộc là cơ quan chuyên môn")
    assert clean_line("## **1. Tiêu chí 1:**  ") == "1. Tiêu chí 1:"


def test_unknown_kind_skips_system_specific_parts():
    t = load_templates()["admin-frame"]
    assert {p.id for p in t.parts_for("state")} >= {"quoc_hieu"} and "tieu_de_dang" not in {
        p.id for p in t.parts_for("state")
    }
    assert "quoc_hieu" not in {p.id for p in t.parts_for("party")}
    unknown = {p.id for p in t.parts_for(None)}
    assert "quoc_hieu" not in unknown and "tieu_de_dang" not in unknown and "noi_nhan" in unknown


def test_template_errors(tmp_path):
    (tmp_path / "con.toml").write_text(
        'name = "Con"\nextends = "khong-co"\n[[parts]]\nid = "a"\nname = "A"\npatterns = ["x"]\n',
        encoding="utf-8",
    )
    with pytest.raises(RuleDataError, match=r"con\.toml: extends: unknown template 'khong-co'"):
        load_templates(extra_dirs=[tmp_path])
    (tmp_path / "con.toml").write_text(
        'name = "Con"\n[[parts]]\nid = "a"\nname = "A"\npatterns = ["(x"]\nwhere = "header"\n',
        encoding="utf-8",
    )
    with pytest.raises(RuleDataError, match=r"con\.toml: parts\.0\.patterns\.0: invalid regular expression"):
        load_templates(extra_dirs=[tmp_path])
    (tmp_path / "con.toml").write_text(
        'name = "Con"\n[[parts]]\nid = "a"\nname = "A"\npatterns = ["x"]\nwhere = "top"\n', encoding="utf-8"
    )
    with pytest.raises(RuleDataError, match=r"con\.toml: parts\.0\.where: Input should be"):
        load_templates(extra_dirs=[tmp_path])


def test_extra_template_overrides_part(tmp_path):
    (tmp_path / "rieng.toml").write_text(
        'name = "Riêng"\nextends = "dan-van-chinh-quyen"\npriority = 99\ntitle_patterns = ["riêng"]\n'
        '[[parts]]\nid = "de_xuat_kien_nghi"\nname = "Kiến nghị"\npatterns = ["Kiến nghị"]\nseverity = "warning"\n',
        encoding="utf-8",
    )
    t = load_templates(extra_dirs=[tmp_path])
    mine = t["rieng"]
    assert [p.id for p in mine.parts] == [p.id for p in t["dan-van-chinh-quyen"].parts]
    assert mine.parts[-1].severity == "warning"
    assert select_template("Báo cáo riêng", "state", t).id == "rieng"


# ---------------------------------------------------------------------------------------------
# The five seed reports: every part a seed visibly has is found, and nothing else
# ---------------------------------------------------------------------------------------------
HEADER_PARTS = {"co_quan_ban_hanh", "so_ky_hieu", "dia_danh_ngay"}
SEED_EXPECTATIONS = {
    # seed: (kind, template, parts present, parts absent)
    "000": (
        "state",
        "dan-van-chinh-quyen",
        {
            "so_ky_hieu",
            "dia_danh_ngay",
            "ten_loai",
            "noi_nhan",
            "luu",
            "chu_ky",
            "ket_qua",
            "han_che",
            "nguyen_nhan",
            "nhiem_vu_giai_phap",
            "de_xuat_kien_nghi",
        },
        {"quoc_hieu", "co_quan_ban_hanh"},  # header table lost; "Số: /BC-BDT" and the date line survived
    ),
    "001": (
        "unknown",
        "tu-cham-diem",
        # tu-cham-diem extends bao-cao: a report's results, limitations and tasks come with it
        {"ten_loai", "noi_nhan", "luu", "chu_ky", "tieu_chi", "tong_diem", "xep_loai", "ket_qua", "han_che", "nhiem_vu_giai_phap"},
        HEADER_PARTS,
    ),
    "002": (
        "unknown",
        "dan-van-chinh-quyen",
        {"ten_loai", "noi_nhan", "luu", "chu_ky", "ket_qua", "han_che", "nguyen_nhan", "nhiem_vu_giai_phap"},
        HEADER_PARTS | {"de_xuat_kien_nghi"},
    ),
    "003": (
        "unknown",
        "dan-van-chinh-quyen",
        {"ten_loai", "noi_nhan", "luu", "chu_ky", "ket_qua", "han_che", "nguyen_nhan", "nhiem_vu_giai_phap"},
        HEADER_PARTS | {"de_xuat_kien_nghi"},
    ),
    "004": (
        "party",
        "dang-tong-ket",
        {
            "tieu_de_dang",
            "co_quan_ban_hanh",
            "so_ky_hieu",
            "dia_danh_ngay",
            "ten_loai",
            "noi_nhan",
            "luu",
            "chu_ky",
            "phan_thu_nhat",
            "phan_thu_hai",
            "ket_qua",
            "han_che",
            "nguyen_nhan",
            "bai_hoc_kinh_nghiem",
            "nhiem_vu_giai_phap",
            "kien_nghi_de_xuat",
        },
        set(),
    ),
}


def _seed(number: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip(f"seed reports not found at {SEEDS} (set BAOCAO_SEEDS to run these tests)")
    files = sorted(SEEDS.glob(f"{number}_*.txt"))
    if not files:
        pytest.skip(f"seed {number} not found in {SEEDS}")
    return files[0].read_text(encoding="utf-8")


def _title(text: str) -> str:
    lines = [clean_line(line) for line in text.split("\n")]
    start = lines.index("BÁO CÁO")
    return next(line for line in lines[start + 1 :] if line)


@pytest.mark.parametrize("number", sorted(SEED_EXPECTATIONS))
def test_seed_parts(number):
    text = _seed(number)
    kind, template_id, present, absent = SEED_EXPECTATIONS[number]
    templates = load_templates()
    template = select_template(_title(text), kind, templates)
    assert template.id == template_id
    found = locate_parts(text, template, kind)
    assert {k for k, v in found.items() if v is not None} == present
    assert {k for k, v in found.items() if v is None} == absent


def test_seed_004_header_lines():
    text = _seed("004")
    lines = text.split("\n")
    found = locate_parts(text, load_templates()["dang-tong-ket"], "party")
    assert lines[found["tieu_de_dang"]].strip() == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert lines[found["so_ky_hieu"]].strip() == "Số 442-BC/TU"
    assert lines[found["chu_ky"]].strip() == "T/M BAN THƯỜNG VỤ"


def test_seeds_001_to_003_have_no_header_lines():
    templates = load_templates()
    for number in ("001", "002", "003"):
        text = _seed(number)
        for kind in ("state", "party"):
            found = locate_parts(text, templates["admin-frame"], kind)
            assert all(
                found[p] is None for p in found if p in HEADER_PARTS | {"quoc_hieu", "tieu_de_dang"}
            ), (
                number,
                kind,
            )


def test_seed_framework_detection():
    fws = load_frameworks()
    assert detect_framework(_seed("000"), fws).id == "bac-giang-274-2017"
    assert detect_framework(_seed("002"), fws).id == "bac-giang-274-2017"
    assert detect_framework(_seed("001"), fws).id == "quang-ngai-436-2019"
    assert detect_framework(_seed("003"), fws) is None  # not a scoring report, cites no framework


def test_seed_criteria_headings_in_order():
    text = _seed("001")
    template = load_templates()["tu-cham-diem"]
    pattern = compile_pattern(template.criterion_pattern)
    numbers = [int(m.group("n")) for line in text.split("\n") if (m := pattern.search(clean_line(line)))]
    assert numbers == list(range(1, 10))
    # The same pattern reads the rows of seed 000's scoring table ("1\tTiêu chí 1\t10\t10").
    rows = [int(m.group("n")) for line in _seed("000").split("\n") if (m := pattern.search(clean_line(line)))]
    assert rows == list(range(1, 10))


def test_long_texts_are_not_kept_by_the_lookup_caches() -> None:
    # A batch of thousands of reports must keep flat memory: the word-key and line caches hold the
    # short, recurring strings (type words, issuer names, headings), never a report's pages.
    from checker import ruledata

    page = "Ủy ban nhân dân tỉnh Bắc Giang báo cáo kết quả công tác dân vận. " * 80
    before = (ruledata._word_key_short.cache_info().currsize, ruledata._clean_line_short.cache_info().currsize)
    assert ruledata.word_key(page) == ruledata.word_key(page.upper())
    assert ruledata.clean_line("**" + page + "**") == page.strip()
    after = (ruledata._word_key_short.cache_info().currsize, ruledata._clean_line_short.cache_info().currsize)
    assert after == before
    ruledata.word_key("Quyết định kiểm thử bộ nhớ đệm 7391")  # a short string is cached
    assert ruledata._word_key_short.cache_info().currsize == after[0] + 1


def test_every_schema_model_has_its_plain_class_with_the_same_fields() -> None:
    # the rules read the plain dataclasses (no pydantic on the check path); the pydantic models of
    # ruledata_schema validate the files and are turned into them field by field: the two must agree
    import dataclasses

    from pydantic import BaseModel

    from checker import ruledata_schema

    models = {
        name: cls
        for name, cls in vars(ruledata_schema).items()
        if isinstance(cls, type) and issubclass(cls, BaseModel) and cls.__module__ == ruledata_schema.__name__
        and not name.startswith("_")
    }
    assert {"DocTypes", "Registry", "Framework", "Template", "Lexicon", "DocKinds"} <= set(models)
    for name, model in models.items():
        plain_cls = getattr(ruledata, name)
        plain_fields = {f.name for f in dataclasses.fields(plain_cls) if f.init}
        assert plain_fields == set(model.model_fields), name


def test_a_check_with_cached_rule_data_never_imports_pydantic(tmp_path: Path) -> None:
    # pydantic (its import and its models) was a third of the command's start: it is loaded only to
    # validate rule files, never to read them back from the cache, nor to check a .txt
    import subprocess
    import sys

    page = tmp_path / "bao-cao.txt"
    page.write_text("BÁO CÁO\nKết quả công tác năm 2024\nNgày 15 tháng 12 năm 2024, đã tiếp 12 lượt công dân.\n", encoding="utf-8")
    code = (
        "import sys\nfrom checker.api import check\ncheck(sys.argv[1])\n"
        "print(sorted(m for m in ('pydantic', 'lxml', 'openpyxl', 'pypdf') if m in sys.modules))"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    first = subprocess.run([sys.executable, "-c", code, str(page)], capture_output=True, text=True, env=env, check=True)
    assert "pydantic" in first.stdout  # an empty cache: the rule files are validated
    again = subprocess.run([sys.executable, "-c", code, str(page)], capture_output=True, text=True, env=env, check=True)
    assert again.stdout.strip() == "[]", again.stdout
