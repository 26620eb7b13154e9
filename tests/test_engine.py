"""The rule engine: registry metadata, selection by code or prefix, messages, and the CLI listings.

These tests run over whatever rules are registered, so a rule family added later is held to the same
contract (code prefix = category, both languages, explanation, a bad example that fires and a good one
that does not).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker import check
from checker.categories import CATEGORIES as CATEGORY_LIST
from checker.categories import Category
from checker.cli import main
from checker.engine import (
    PREFIX,
    REGISTRY,
    Hit,
    Rule,
    all_rules,
    build_registry,
    rule,
    rules_of,
    select_rules,
    unknown_codes,
)

RULES = all_rules()
CODES = sorted(RULES)
# categories with rule modules (one may be listed before its rules land)
CATEGORIES = {c.name for c in CATEGORY_LIST if c.modules}

def test_registry_is_not_empty_and_covers_every_category() -> None:
    assert {r.category for r in RULES.values()} == CATEGORIES
    assert set(PREFIX.values()) == {c.name for c in CATEGORY_LIST}
    assert len(PREFIX) == len(CATEGORY_LIST)  # one prefix per category


def _decorated(module: object) -> list[str]:
    return sorted(
        name for name, value in vars(module).items() if isinstance(getattr(value, "rule", None), Rule)
    )


def test_every_rule_module_is_named_by_its_category_and_lists_every_rule_it_defines() -> None:
    # A rule is registered by one line: its function in its module's RULES. Adding a rule touches only
    # its module (and its test); a module holding rules is named by exactly one category.
    import importlib
    import pkgutil

    import checker.checks

    named = [m for c in CATEGORY_LIST for m in c.modules]
    assert len(named) == len(set(named)), "a module belongs to one category"
    for info in pkgutil.iter_modules(checker.checks.__path__):
        module = importlib.import_module(f"checker.checks.{info.name}")
        defined = _decorated(module)
        listed = sorted(r.check.__name__ for r in rules_of(module))
        if defined or listed:
            assert info.name in named, f"checker.checks.{info.name} has rules but no category in checker/categories.py names it"
        assert defined == listed, f"checker.checks.{info.name}: decorated {defined} but RULES lists {listed}"
    assert sum(len(rules_of(importlib.import_module(f"checker.checks.{m}"))) for m in named) == len(RULES)


@pytest.mark.parametrize("code", CODES)
def test_rule_metadata(code: str) -> None:
    r = RULES[code]
    assert re.fullmatch(r"[A-Z]{2}\d{3}", code)
    assert r.code == code
    assert PREFIX[code[:2]] == r.category  # every rule belongs to exactly the category of its prefix
    assert r.severity in ("error", "warning", "info")
    for text in (r.name, r.summary_vi, r.summary_en, r.message_vi, r.message_en, r.explanation, r.bad, r.good):
        assert text.strip()
    assert r.bad != r.good
    assert r.message_vi != r.message_en  # two languages, not one copied
    # Message templates only use named fields (filled from Hit.args), never positional ones.
    for template in (r.message_vi, r.message_en, *[m for pair in r.variants.values() for m in pair]):
        assert not re.search(r"\{\d*\}", template), template


# Rules that read a report together with the files sent with it: their examples describe two files, and
# the test named here runs that situation on real files; so do those that need a file of their own
# (a signed PDF, a scan).
EXAMPLES_WITH_FILES = {
    "DG020": "test_bundle.py::test_report_total_checked_against_the_sheet_in_the_same_zip",
    "NG020": "test_signed_pdf.py::test_signed_before_the_document_date",
    "VB020": "test_signed_pdf.py::test_signed_by_someone_else",
    "VB091": "test_ocr.py::test_findings_say_the_text_came_from_ocr",
    "VB093": "test_legacy.py::test_utf8_with_a_stray_byte_is_read_as_utf8_with_one_note",
    # format (TH) rules read a Word file's formatting: their examples describe it, Word files built
    # for each are in these tests (set through a style and as direct formatting)
    "TH001": "test_format_rules.py::test_letter_paper_is_reported_and_a4_is_not",
    "TH002": "test_format_rules.py::test_each_margin_outside_its_range_is_reported_once",
    "TH003": "test_format_rules.py::test_arial_is_reported_whether_set_on_the_runs_or_in_a_style",
    "TH010": "test_format_rules.py::test_size_of_each_part",
    "TH011": "test_format_rules.py::test_weight_and_slant_of_each_part",
    "TH012": "test_format_rules.py::test_capitals",
    "TH020": "test_format_body.py::test_left_aligned_body_is_reported_once",
    "TH021": "test_format_body.py::test_first_line_indent",
    "TH022": "test_format_body.py::test_spacing_between_paragraphs",
    "TH023": "test_format_body.py::test_line_spacing_state",
    "TH030": "test_format_body.py::test_page_numbers_out_of_place",
}


@pytest.mark.parametrize("code", CODES)
def test_bad_example_fires_and_good_example_does_not(code: str) -> None:
    r = RULES[code]
    if code in EXAMPLES_WITH_FILES:
        file, name = EXAMPLES_WITH_FILES[code].split("::")
        assert f"def {name}(" in (Path(__file__).parent / file).read_text(encoding="utf-8")
        return
    bad = check(r.bad.encode("utf-8"), name="bad.txt", select=[code])
    good = check(r.good.encode("utf-8"), name="good.txt", select=[code])
    assert bad.error is None and good.error is None
    # every rule's examples run: "…" in one stands for text left out and is read as such
    assert bad.findings, f"{code}: its 'bad' example ({r.bad!r}) raises no finding"
    # the good example is the bad one put right: it must not raise what the bad one raised
    assert not good.findings, f"{code}: its 'good' example still raises {[f.message for f in good.findings]}"


# -- selection ----------------------------------------------------------------------------------------
def _codes(rules: list[Rule]) -> list[str]:
    return [r.code for r in rules]


def test_select_all_by_default_and_sorted() -> None:
    assert _codes(select_rules()) == CODES


@pytest.mark.parametrize("prefix", sorted(PREFIX))
def test_select_by_category_prefix(prefix: str) -> None:
    chosen = _codes(select_rules([prefix]))
    assert chosen == [c for c in CODES if c.startswith(prefix)]
    assert all(RULES[c].category == PREFIX[prefix] for c in chosen)


def test_select_and_ignore_by_code_prefix_and_case() -> None:
    some = CODES[0]
    assert _codes(select_rules([some])) == [some]
    assert _codes(select_rules([some.lower()])) == [some]  # case does not matter
    assert _codes(select_rules([f" {some} "])) == [some]  # stray spaces from "DG001, TT001"
    assert some not in _codes(select_rules(ignore=[some]))
    assert len(select_rules(ignore=[some])) == len(CODES) - 1
    # A longer prefix narrows: "TD0" keeps TD0xx only.
    assert _codes(select_rules(["TD0"])) == [c for c in CODES if c.startswith("TD0")]
    # ignore wins over select
    assert _codes(select_rules(["TT"], ["TT"])) == []
    assert _codes(select_rules(["TT", "NG"], ["NG"])) == [c for c in CODES if c.startswith("TT")]


def test_unknown_codes() -> None:
    assert unknown_codes(["DG", "tt001", "XX", "ZZ999", ""]) == ["XX", "ZZ999"]
    assert unknown_codes(CODES) == []


def test_check_honours_select_and_ignore() -> None:
    text = "Ban đã đã tổ chức hội nghị ngày 31/02/2023.\n".encode()
    both = {f.rule for f in check(text, name="x.txt", select=["TT001", "NG001"]).findings}
    assert both == {"TT001", "NG001"}
    only = {f.rule for f in check(text, name="x.txt", select=["TT001", "NG001"], ignore=["NG"]).findings}
    assert only == {"TT001"}


# -- messages -----------------------------------------------------------------------------------------
def test_messages_in_both_languages() -> None:
    text = "Ban đã đã tổ chức hội nghị.\n".encode()
    vi = check(text, name="x.txt", select=["TT001"]).findings
    en = check(text, name="x.txt", select=["TT001"], lang="en").findings
    assert len(vi) == len(en) == 1
    assert vi[0].message != en[0].message
    assert "đã" in vi[0].message and "đã" in en[0].message  # the args fill both templates
    assert "{" not in vi[0].message and "{" not in en[0].message


def _scratch_check(ctx):  # noqa: ANN001, ANN202 - signature fixed by the engine
    yield Hit(0, 1, {"word": "x"})


_SCRATCH_META = dict(
    name="scratch", severity="warning", summary_vi="tóm tắt", summary_en="summary",
    message_vi="Tìm thấy {word}", message_en="Found {word}", explanation="giải thích",
    bad="xấu", good="tốt", variants={"other": ("Khác {word}", "Other {word}")},
)


@pytest.fixture
def scratch_rule() -> Iterator[str]:
    """Add a throw-away rule to the registry and remove it afterwards so other tests see the real one."""
    code = "TT999"
    all_rules()  # the registry is built first, then the scratch rule joins it
    assert code not in REGISTRY
    REGISTRY[code] = rule(code, **_SCRATCH_META)(_scratch_check).rule  # type: ignore[arg-type, attr-defined]
    try:
        yield code
    finally:
        REGISTRY.pop(code, None)


def test_rule_decorator_metadata_and_message_variants(scratch_rule: str) -> None:
    r = REGISTRY[scratch_rule]
    assert r.category == "style"
    assert r.message(Hit(0, 1, {"word": "a"}), "vi") == "Tìm thấy a"
    assert r.message(Hit(0, 1, {"word": "a"}), "en") == "Found a"
    assert r.message(Hit(0, 1, {"word": "a"}, variant="other"), "en") == "Other a"
    # A missing argument must not crash a run: the template is shown as is.
    assert r.message(Hit(0, 1, {}), "vi") == "Tìm thấy {word}"


def test_registry_rejects_duplicates_wrong_categories_and_unknown_prefixes(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    import types

    fake = types.ModuleType("checker.checks._scratch")
    fake.RULES = [rule("TT998", **_SCRATCH_META)(_scratch_check), rule("TT998", **_SCRATCH_META)(_scratch_check)]  # type: ignore[attr-defined, arg-type]
    monkeypatch.setitem(sys.modules, "checker.checks._scratch", fake)
    with pytest.raises(ValueError, match="twice"):
        build_registry([Category("style", "TT", ("_scratch",), "", "")])
    with pytest.raises(ValueError, match="prefix TT is the category style"):
        build_registry([Category("date", "NG", ("_scratch",), "", "")])
    def undecorated(ctx):  # noqa: ANN001, ANN202
        return iter(())

    fake.RULES = [undecorated]  # type: ignore[attr-defined]
    with pytest.raises(TypeError, match="not decorated"):
        build_registry([Category("style", "TT", ("_scratch",), "", "")])
    with pytest.raises(ValueError, match="prefix"):
        rule("XX001", **_SCRATCH_META)  # type: ignore[arg-type]


def test_hit_severity_override(scratch_rule: str) -> None:
    report = check("Ban tổ chức hội nghị.\n".encode(), name="x.txt", select=[scratch_rule])
    assert [(f.rule, f.severity, f.category, f.message) for f in report.findings] == [
        (scratch_rule, "warning", "style", "Tìm thấy x")
    ]


# -- command line -------------------------------------------------------------------------------------
def test_cli_rules_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    listed = [line.split()[0] for line in lines]
    assert listed == CODES
    for line in lines:
        code = line.split()[0]
        r = RULES[code]
        assert r.category in line and r.severity in line and r.summary_vi in line


def test_cli_rules_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert all(RULES[c].summary_en in out for c in CODES)


@pytest.mark.parametrize("code", CODES)
def test_cli_explain_shows_one_rule(code: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", code.lower()]) == 0
    out = capsys.readouterr().out
    r = RULES[code]
    assert out.startswith(code)
    assert r.explanation.splitlines()[0] in out
    assert r.bad in out and r.good in out
    others = [c for c in CODES if c != code]
    assert not any(re.search(rf"\b{c}\b", out.split("\n", 1)[0]) for c in others)


def test_cli_explain_unknown_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "XX999"]) == 2
    assert "XX999" in capsys.readouterr().err
