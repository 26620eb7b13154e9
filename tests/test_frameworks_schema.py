"""The framework schema as docs/frameworks.md documents it: the worked example (penalties, "không chấm",
three tiers, conditional bands, a variant, validity) loaded from the doc itself and run on tables and
reports written for these tests; each feature with cases that must not fire."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker import check
from checker.config import load_config
from checker.report import FileReport
from checker.ruledata import SKIPPED_FRAMEWORK_FILES, load_frameworks

DOC = Path(__file__).resolve().parents[1] / "docs" / "frameworks.md"
FW_ID = "tinh-x-dan-van-2024"
HEAD = "TT\tNội dung\tChuẩn\tTự chấm\tTổ kiểm tra chấm\tGhi chú\n"


def example_toml() -> str:
    text = DOC.read_text(encoding="utf-8")
    m = re.search(r"<!-- worked-example -->\s*```toml\n(.*?)```", text, re.S)
    assert m, "docs/frameworks.md lost its worked example"
    return m.group(1)


@pytest.fixture()
def fw_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "khung-cham-diem"
    folder.mkdir()
    (folder / f"{FW_ID}.toml").write_text(example_toml(), encoding="utf-8")
    return folder


def header(issuer: str = "SỞ NỘI VỤ TỈNH X", date: str = "ngày 10 tháng 12 năm 2024") -> str:
    return (
        f"UBND TỈNH X\n{issuer}\nSố: 88/BC-SNV\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        f"Tỉnh X, {date}\n\nBÁO CÁO\nTự chấm điểm công tác dân vận năm 2024\n\n"
        "Thực hiện Quyết định số 45/2024/QĐ-UBND của UBND tỉnh X, cơ quan tự chấm điểm như sau.\n\n"
    )


def run(text: str, fw_dir: Path, select: str = "DG") -> FileReport:
    out = check(text.encode("utf-8"), name="r.txt", select=[select], framework_dirs=[fw_dir])
    assert out.error is None, out.error
    return out


def rules(out: FileReport, severity: str | None = None) -> list[str]:
    return [f.rule for f in out.findings if severity is None or f.severity == severity]


def table(*rows: str) -> str:
    return HEAD + "".join(r + "\n" for r in rows) + "\n"


# A consistent table under the example: 27 + 45 + 18 = 90, bonus 3, penalty 2 → 91.
CRIT1 = ("1\tTiêu chí 1\t30\t27\t\t", "1.1\tBan hành văn bản\t20\t18\t\t", "1.2\tKiểm tra, sơ kết\t10\t9\t\t")
CRIT2 = ("2\tTiêu chí 2\t50\t45\t\t",)
CRIT3 = ("3\tTiêu chí 3\t20\t18\t\t",)


def full_table(total: str = "90", bonus: str = "3", penalty: str = "2", final: str = "91", crit3=CRIT3) -> str:
    return table(
        *CRIT1, *CRIT2, *crit3,
        f"\tTổng cộng\t100\t{total}\t\t",
        f"\tĐiểm thưởng\t5\t{bonus}\t\t",
        f"\tĐiểm trừ\t10\t{penalty}\t\t",
        f"\tTổng điểm\t105\t{final}\t\t",
    )


# -- the documented example ---------------------------------------------------------------------------
def test_documented_example_loads_and_is_detected(fw_dir: Path) -> None:
    fw = load_frameworks((fw_dir,))[FW_ID]
    assert fw.penalty_cap == 10 and fw.bonus_cap == 5 and fw.final_max == 105
    assert fw.criteria[0].items[0].items[1].cap == 10  # the third tier
    assert fw.bands[0].min_share is not None and fw.bands[0].requires and fw.bands[0].quota
    assert fw.variants[0].excluded == [3]
    out = run(header() + full_table(), fw_dir)
    assert out.report is not None and out.report.framework == FW_ID
    assert rules(out) == []


# -- penalties ----------------------------------------------------------------------------------------
def test_penalty_row_is_taken_off_the_final_figure(fw_dir: Path) -> None:
    out = run(header() + full_table(final="95"), fw_dir)  # 90 + 3 − 2 = 91, not 95
    hits = [f for f in out.findings if f.rule == "DG003"]
    assert len(hits) == 1 and "91" in hits[0].message and "điểm trừ" in hits[0].message


def test_penalty_row_is_not_a_second_bonus(fw_dir: Path) -> None:
    # the penalty written as a negative number, after the bonus: no "bonus twice", no "negative score"
    out = run(header() + full_table(penalty="-2"), fw_dir)
    assert rules(out) == []


def test_penalty_above_its_cap(fw_dir: Path) -> None:
    text = header() + table(
        *CRIT1, *CRIT2, *CRIT3, "\tTổng cộng\t100\t90\t\t", "\tĐiểm trừ\t\t12\t\t", "\tTổng điểm\t100\t78\t\t"
    )
    out = run(text, fw_dir)
    assert "DG001" in rules(out)  # 12 above the framework's penalty_cap of 10
    assert "DG003" not in rules(out)  # 90 − 12 = 78 is right


def test_penalty_in_the_final_sentence(fw_dir: Path) -> None:
    good = header() + full_table() + "Tổng điểm đạt được: 90 điểm + 3 điểm thưởng - 2 điểm trừ = 91 điểm.\n"
    assert rules(run(good, fw_dir)) == []
    bad = header() + full_table() + "Tổng điểm đạt được: 90 điểm + 3 điểm thưởng - 2 điểm trừ = 93 điểm.\n"
    out = run(bad, fw_dir)
    assert rules(out) == ["DG004"] and "91" in out.findings[0].message
    wrong_row = header() + full_table() + "Tổng điểm đạt được: 90 điểm + 3 điểm thưởng - 4 điểm trừ = 89 điểm.\n"
    assert rules(run(wrong_row, fw_dir)) == ["DG004"]  # the sum is right, the penalty differs from the table


def test_negative_penalty_cap_is_rejected(tmp_path: Path) -> None:
    bad = example_toml().replace("penalty_cap = 10", "penalty_cap = -10")
    (tmp_path / f"{FW_ID}.toml").write_text(bad, encoding="utf-8")
    with pytest.raises(Exception, match="penalty_cap"):
        load_frameworks((tmp_path,))


# -- "không chấm" and the self-scored subtotal -------------------------------------------------------------
UNSCORED3 = ("3\tTiêu chí 3\t20\tKhông chấm\t\t",)


def test_unscored_item_is_not_a_bad_cell_and_leaves_the_sums(fw_dir: Path) -> None:
    text = header() + table(*CRIT1, *CRIT2, *UNSCORED3, "\tTổng cộng\t100\t72\t\t")
    assert rules(run(text, fw_dir)) == []


def test_self_scored_subtotal_is_not_a_wrong_cap(fw_dir: Path) -> None:
    # 80 of 100 self-scored (20 by survey): no DG003 on the cap column, no DG007 for the total's cap,
    # no DG005 for the scale of the prose total
    text = header() + table(*CRIT1, *CRIT2, *UNSCORED3, "\tTổng cộng\t80\t72\t\t") + (
        "Tổng số điểm cơ quan tự chấm đạt 72/80 điểm.\n"
    )
    assert rules(run(text, fw_dir)) == []


def test_unscored_does_not_hide_a_wrong_total(fw_dir: Path) -> None:
    text = header() + table(*CRIT1, *CRIT2, *UNSCORED3, "\tTổng cộng\t80\t75\t\t")
    assert rules(run(text, fw_dir)) == ["DG003"]
    # a word that is not "không chấm" is still a bad cell
    text = header() + table(*CRIT1, *CRIT2, "3\tTiêu chí 3\t20\tchưa rõ\t\t", "\tTổng cộng\t100\t72\t\t")
    assert "DG001" in rules(run(text, fw_dir))


# -- three tiers --------------------------------------------------------------------------------------------
def test_third_tier_adds_up_to_its_item(fw_dir: Path) -> None:
    good = header() + table(
        "1\tTiêu chí 1\t30\t27\t\t", "1.1\tBan hành văn bản\t20\t18\t\t",
        "1.1.1\tKế hoạch năm\t10\t9\t\t", "1.1.2\tQuy chế\t10\t9\t\t", "1.2\tKiểm tra, sơ kết\t10\t9\t\t",
        *CRIT2, *CRIT3, "\tTổng cộng\t100\t90\t\t",
    )
    assert rules(run(good, fw_dir)) == []
    bad = good.replace("1.1.2\tQuy chế\t10\t9", "1.1.2\tQuy chế\t10\t10")
    out = run(bad, fw_dir)
    assert rules(out) == ["DG002"]
    assert "1.1" in out.findings[0].message or "Nội dung 1" in out.findings[0].message
    assert out.findings[0].line == bad.splitlines().index("1.1\tBan hành văn bản\t20\t18\t\t") + 1


# -- conditional bands ---------------------------------------------------------------------------------------
def scored(c1: str, c2: str, c3: str, total: str, label: str, extra: str = "") -> str:
    return header() + table(
        f"1\tTiêu chí 1\t30\t{c1}\t\t", f"2\tTiêu chí 2\t50\t{c2}\t\t", f"3\tTiêu chí 3\t20\t{c3}\t\t",
        f"\tTổng cộng\t100\t{total}\t\t",
    ) + extra + f"Xếp loại: {label}\n"


NO_DISCIPLINE = "Trong năm không có cán bộ, công chức nào bị kỷ luật.\n"


def test_per_criterion_floor_lowers_the_band(fw_dir: Path) -> None:
    # 92 points, but criterion 2 has 42 of 50 = 84 % < 85 %: the band is Tốt
    out = run(scored("30", "42", "20", "92", "Xuất sắc", NO_DISCIPLINE), fw_dir)
    assert rules(out, "error") == ["DG006"] and "“Tốt”" in out.findings[0].message
    assert rules(run(scored("30", "42", "20", "92", "Tốt", NO_DISCIPLINE), fw_dir)) == []
    # 85 points with criterion 2 at 37/50 = 74 % < 80 %: not Tốt but Khá
    out = run(scored("30", "37", "18", "85", "Tốt"), fw_dir)
    assert rules(out, "error") == ["DG006"] and "“Khá”" in out.findings[0].message
    # every criterion at 85 % or more: Xuất sắc stands (the quota is information only)
    out = run(scored("27", "43", "20", "90", "Xuất sắc", NO_DISCIPLINE), fw_dir)
    assert rules(out, "error") == [] and rules(out, "warning") == [] and rules(out, "info") == ["DG006"]


def test_required_condition_not_stated(fw_dir: Path) -> None:
    out = run(scored("27", "45", "20", "92", "Xuất sắc"), fw_dir)
    assert rules(out, "warning") == ["DG006"] and "kỷ luật" in out.findings[0].message
    assert rules(out, "error") == []
    # claiming the band below instead is accepted
    assert rules(run(scored("27", "45", "20", "92", "Tốt"), fw_dir)) == []


def test_not_classifiable_claims_no_band(fw_dir: Path) -> None:
    text = scored("27", "45", "20", "92", "Không đủ điều kiện xếp loại")
    assert rules(run(text, fw_dir)) == []


# -- variants ---------------------------------------------------------------------------------------------------
def test_variant_by_body_drops_its_criteria(fw_dir: Path) -> None:
    no_crit3 = table(*CRIT1, *CRIT2, "\tTổng cộng\t80\t72\t\t")
    xa = header(issuer="ỦY BAN NHÂN DÂN XÃ AN PHÚ") + no_crit3 + "Xếp loại: Xuất sắc\n" + NO_DISCIPLINE
    out = run(xa, fw_dir)
    assert out.report is not None and out.report.framework == FW_ID
    assert rules(out, "error") == []  # scale 80: no missing criterion 3, total cap 80, 72 ≥ 72 is Xuất sắc
    so = header() + no_crit3
    out = run(so, fw_dir)
    assert "DG007" in rules(out)  # a sở is scored on criterion 3 and on 100


def test_variant_bands_apply(fw_dir: Path) -> None:
    xa = header(issuer="ỦY BAN NHÂN DÂN XÃ AN PHÚ") + table(*CRIT1, "2\tTiêu chí 2\t50\t40\t\t", "\tTổng cộng\t80\t67\t\t")
    out = run(xa + "Xếp loại: Xuất sắc\n", fw_dir)
    assert rules(out, "error") == ["DG006"] and "Tốt" in out.findings[0].message


# -- validity ---------------------------------------------------------------------------------------------------
def test_framework_not_detected_outside_its_validity(fw_dir: Path) -> None:
    text = header(date="ngày 10 tháng 12 năm 2025") + full_table()
    out = run(text, fw_dir)
    assert out.report is not None and out.report.framework == "generic"
    inside = run(header(date="ngày 30 tháng 6 năm 2025") + full_table(), fw_dir)
    assert inside.report is not None and inside.report.framework == FW_ID


# -- configuration defects ---------------------------------------------------------------------------------------
def test_readme_config_block_pasted_into_baocao_lint_toml(tmp_path: Path) -> None:
    cfg = tmp_path / "baocao-lint.toml"
    cfg.write_text(
        '[tool.baocao-lint]\nselect = ["DG"]\nframework-dirs = ["khung"]\n\n'
        '[tool.baocao-lint.per-file-ignores]\n"du-thao-*.txt" = ["VB002"]\n',
        encoding="utf-8",
    )
    loaded = load_config(cfg)
    assert loaded.select == ["DG"] and loaded.framework_dirs == ["khung"]
    assert loaded.per_file_ignores == {"du-thao-*.txt": ["VB002"]}
    # top-level keys still work, and an unknown key is still an error
    cfg.write_text('select = ["DG"]\n', encoding="utf-8")
    assert load_config(cfg).select == ["DG"]
    cfg.write_text('[tool.baocao-lint]\nselcet = ["DG"]\n', encoding="utf-8")
    with pytest.raises(Exception, match="selcet"):
        load_config(cfg)


def test_non_framework_toml_in_a_framework_folder_is_skipped(fw_dir: Path) -> None:
    (fw_dir / "baocao-lint.toml").write_text('select = ["DG"]\n', encoding="utf-8")
    found = load_frameworks((fw_dir,))
    assert FW_ID in found and "baocao-lint" not in found
    assert any(path.endswith("baocao-lint.toml") for path, _ in SKIPPED_FRAMEWORK_FILES)
    out = run(header() + full_table(), fw_dir)
    assert out.report is not None and out.report.framework == FW_ID
    # a framework file with a mistake is still an error, not skipped
    (fw_dir / "hong.toml").write_text('name = "x"\nsource = "y"\ntotal_max = "abc"\n', encoding="utf-8")
    with pytest.raises(Exception, match="hong.toml"):
        load_frameworks((fw_dir,))


# -- the frameworks command ------------------------------------------------------------------------------------
def test_frameworks_command_lists_source_and_validity(fw_dir: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    from checker.cli import main

    (tmp_path / "baocao-lint.toml").write_text(f'framework-dirs = ["{fw_dir.name}"]\n', encoding="utf-8")
    (fw_dir / "ghi-chu.toml").write_text('note = "không phải khung"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["frameworks"]) == 0
    out = capsys.readouterr().out
    assert "qd366-2025-tap-the  366-QĐ/TW  hiệu lực từ 30/08/2025 đến nay" in out
    assert f"{FW_ID}  45/2024/QĐ-UBND  hiệu lực từ 15/03/2024 đến 30/06/2025" in out
    assert "nguồn: Quyết định 45/2024/QĐ-UBND" in out
    assert "ghi-chu.toml" in out and "bỏ qua" in out
    assert main(["frameworks", "--json"]) == 0
    import json

    data = json.loads(capsys.readouterr().out)
    par = next(f for f in data["frameworks"] if f["id"] == "par-index-2948-2017")
    assert par["decision"] == "2948/QĐ-BNV" and par["final_max"] == "100" and par["source"]


# -- the PAR index of Quyết định 2948/QĐ-BNV (shipped) -----------------------------------------------------------
PAR_HEAD = (
    "UBND TỈNH Y\nSỞ NỘI VỤ\nSố: 15/BC-SNV\n\nBÁO CÁO\nTự đánh giá, chấm điểm Chỉ số cải cách hành chính năm 2019\n\n"
    "Căn cứ Quyết định số 2948/QĐ-BNV của Bộ Nội vụ, tỉnh tự đánh giá như sau.\n\n"
)
PAR_CAPS = ["10", "10", "14,5", "11", "16", "7", "16"]


def par_table(selfs: list[str], lv8: str = "Không chấm", total_cap: str = "84,5", total: str = "70", caps=PAR_CAPS) -> str:
    rows = [f"{n}\tLĩnh vực {n}\t{cap}\t{own}\t\t" for n, (cap, own) in enumerate(zip(caps, selfs), 1)]
    rows.append(f"8\tLĩnh vực 8\t15,5\t{lv8}\t\t")
    rows.append(f"\tTổng cộng\t{total_cap}\t{total}\t\t")
    return table(*rows)


PAR_SELF = ["9", "8", "13", "9", "12", "6", "13"]  # = 70


def test_par_index_self_scored_part(fw_dir: Path) -> None:
    out = check((PAR_HEAD + par_table(PAR_SELF)).encode(), name="par.txt", select=["DG"])
    assert out.report is not None and out.report.framework == "par-index-2948-2017"
    assert rules(out) == []  # 84,5 of 100 self-scored, LV 8 by survey
    out = check((PAR_HEAD + par_table(PAR_SELF, total="71")).encode(), name="par.txt", select=["DG"])
    assert rules(out) == ["DG003"]
    caps = ["10", "10", "15", "11", "16", "7", "16"]  # 15 for LV 3 instead of 14,5
    out = check((PAR_HEAD + par_table(PAR_SELF, caps=caps, total_cap="85")).encode(), name="par.txt", select=["DG"])
    assert "DG007" in rules(out)
    assert any("14,5" in f.message for f in out.findings if f.rule == "DG007")
    over = ["9", "8", "15", "9", "12", "6", "11"]  # 15 above the cap of 14,5
    out = check((PAR_HEAD + par_table(over)).encode(), name="par.txt", select=["DG"])
    assert rules(out) == ["DG001"]


# -- extra score columns by name --------------------------------------------------------------------------------
def test_extra_score_columns_are_checked_against_the_cap(fw_dir: Path) -> None:
    head = "TT\tNội dung\tChuẩn\tTự chấm\tThẩm định lần 1\tThẩm định lần 2\tGiải trình\n"
    rows = [
        "1\tTiêu chí 1\t30\t27\t26\t{a}\tĐã bổ sung minh chứng",
        "2\tTiêu chí 2\t50\t45\t44\t45\t",
        "3\tTiêu chí 3\t20\t18\t18\t18\t",
        "\tTổng cộng\t100\t90\t88\t{t}\t",
    ]
    good = header() + head + "\n".join(rows).format(a="27", t="90") + "\n"
    assert rules(run(good, fw_dir)) == []  # words in the Giải trình column are an explanation
    bad = header() + head + "\n".join(rows).format(a="32", t="95") + "\n"
    out = run(bad, fw_dir)
    over = [f for f in out.findings if f.rule == "DG001"]
    assert len(over) == 1 and "Thẩm định lần 2" in over[0].message and "32" in over[0].message


def test_rescale_brings_an_unscored_total_back_to_full_scale(fw_dir: Path) -> None:
    # 72 self-scored of the 80 that are not "không chấm": kept as 72 under "exclude" (Khá), brought
    # back to 72 × 100 / 80 = 90 under "rescale" (Xuất sắc) before the bands apply
    text = header() + table(*CRIT1, *CRIT2, *UNSCORED3, "\tTổng cộng\t80\t72\t\t") + NO_DISCIPLINE + "Xếp loại: Xuất sắc\n"
    assert "DG006" in rules(run(text, fw_dir), "error")
    path = fw_dir / f"{FW_ID}.toml"
    path.write_text(example_toml().replace('unscored = "exclude"', 'unscored = "rescale"'), encoding="utf-8")
    assert 'unscored = "rescale"' in path.read_text(encoding="utf-8")
    assert rules(run(text, fw_dir), "error") == []
    # rescaled, the same report claiming the band its raw 72 would give is now the wrong one
    out = run(text.replace("Xếp loại: Xuất sắc", "Xếp loại: Khá"), fw_dir)
    assert "DG006" in rules(out)


def test_only_the_items_the_decision_names_may_be_unscored(fw_dir: Path) -> None:
    # criterion 3 (survey) may be "Không chấm" in the documented example; criterion 2 and item 1.1 may not
    allowed = header() + table(*CRIT1, *CRIT2, *UNSCORED3, "\tTổng cộng\t80\t72\t\t")
    assert rules(run(allowed, fw_dir)) == []
    crit2 = header() + table(*CRIT1, "2\tTiêu chí 2\t50\tKhông chấm\t\t", *CRIT3, "\tTổng cộng\t50\t45\t\t")
    out = run(crit2, fw_dir)
    found = [f for f in out.findings if f.rule == "DG001"]
    assert len(found) == 1 and "Không chấm" in found[0].message and "Tiêu chí 2" in found[0].message
    item = header() + table("1\tTiêu chí 1\t30\t9\t\t", "1.1\tBan hành văn bản\t20\tKhông chấm\t\t",
                            "1.2\tKiểm tra, sơ kết\t10\t9\t\t", *CRIT2, *CRIT3, "\tTổng cộng\t80\t72\t\t")
    assert [f.rule for f in run(item, fw_dir).findings if "Không chấm" in f.message] == ["DG001"]
    # without a framework that lists the criteria (generic), "Không chấm" is never judged
    generic = check(crit2.encode(), name="r.txt", select=["DG001"], framework="generic")
    assert not [f for f in generic.findings if "Không chấm" in f.message]
