"""Vocabulary as data: rules/lexicon/*.toml (and the type words of rules/doctypes.toml) are what the rules
read, so a reviewer who edits a copy of them changes what is found, without code."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker import check, ruledata
from checker.entities import extract_citations
from checker.ruledata import LEXICON_FILES, RuleDataError, load_lexicon
from checker.source import fold


@pytest.fixture
def rules_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the shipped rules/ that the checker reads instead (through the private rule-data cache
    in a folder of its own, so that the cache is exercised too), restored afterwards."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    copy = tmp_path / "rules"
    shutil.copytree(Path(str(ruledata._shipped_root())), copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(ruledata, "_shipped_root", lambda: copy)
    ruledata.reset_caches()
    try:
        yield copy
    finally:
        monkeypatch.undo()
        ruledata.reset_caches()


def _codes(text: str, select: str) -> list[str]:
    report = check(text.encode("utf-8"), name="r.txt", select=[select])
    assert report.error is None, report.error
    return [f.rule for f in report.findings]


def test_every_lexicon_file_is_shipped_and_read() -> None:
    lex = load_lexicon()
    assert set(LEXICON_FILES.values()) == {f.name for f in dataclasses.fields(lex)}
    assert "đã" in lex.function_words.words
    assert any(a.abbreviation == "UBND" for a in lex.abbreviations.known)
    assert lex.tones.fold_table()["ủy"] == "uỷ"
    assert lex.tones.old_to_new()["hòa"] == "hoà"
    for part in (lex.abbreviations, lex.issuers, lex.signer_titles, lex.tones):
        assert part.source.strip(), "facts say where they come from"


def test_edited_function_words_change_what_tt001_reports(rules_copy: Path) -> None:
    text = "Ban đã đã họp; các các phòng tham dự.\n"
    assert _codes(text, "TT001") == ["TT001", "TT001"]  # read (and cached) from the copy as shipped
    words = rules_copy / "lexicon" / "function-words.toml"
    words.write_text(words.read_text(encoding="utf-8").replace('"đã", ', ""), encoding="utf-8")
    ruledata.reset_caches()
    assert _codes(text, "TT001") == ["TT001"]  # "đã đã" is no longer a function word doubled


def test_edited_reduplications_change_what_tt001_reports(rules_copy: Path) -> None:
    text = "Phong trào người người thi đua lan rộng. Phong trào người thi đua giỏi được khen.\n"
    assert _codes(text, "TT001") == []  # "người người" is a reduplication as shipped
    words = rules_copy / "lexicon" / "reduplications.toml"
    words.write_text(words.read_text(encoding="utf-8").replace('"người", ', ""), encoding="utf-8")
    ruledata.reset_caches()
    assert _codes(text, "TT001") == ["TT001"]  # no longer one: the one-copy form elsewhere tells


def test_edited_abbreviation_list_changes_tt005(rules_copy: Path) -> None:
    text = "Tổ chức hội nghị CC HC cấp huyện.\n"
    assert _codes(text, "TT005") == ["TT005"]  # CCHC is listed: the spaced form is a typo
    abbreviations = rules_copy / "lexicon" / "abbreviations.toml"
    body = abbreviations.read_text(encoding="utf-8")
    body = body.replace('[[known]]\nabbreviation = "CCHC"\nmeaning = "cải cách hành chính"\n', "")
    abbreviations.write_text(body, encoding="utf-8")
    ruledata.reset_caches()
    assert _codes(text, "TT005") == []


def test_edited_tone_pairs_change_folding(rules_copy: Path) -> None:
    assert fold("Hòa") == "hoà"
    tones = rules_copy / "lexicon" / "tones.toml"
    tones.write_text(tones.read_text(encoding="utf-8").replace('"òa:oà", ', ""), encoding="utf-8")
    ruledata.reset_caches()
    assert fold("Hòa") == "hòa"


def test_type_words_come_from_doctypes(rules_copy: Path) -> None:
    # every type word of doctypes.toml starts a citation (27 of them were never found before)
    assert [c.symbol for c in extract_citations("Theo Giấy mời số 12/GM-UBND ngày 02/3/2023.")] == ["12/GM-UBND"]
    assert extract_citations("Theo Phiếu hẹn số 7/PH-UBND ngày 02/3/2023.") == []
    doctypes = rules_copy / "doctypes.toml"
    doctypes.write_text(
        doctypes.read_text(encoding="utf-8").replace(
            'citation_words = ["Hiến pháp", "Thông báo kết luận"]', 'citation_words = ["Hiến pháp", "Thông báo kết luận", "Phiếu hẹn"]'
        ),
        encoding="utf-8",
    )
    ruledata.reset_caches()
    assert [c.type_word for c in extract_citations("Theo Phiếu hẹn số 7/PH-UBND ngày 02/3/2023.")] == ["Phiếu hẹn"]


@pytest.mark.parametrize(
    ("file", "edit", "field"),
    [
        ("function-words.toml", lambda s: s.split("words = [")[0] + "words = []\n", "words"),
        ("tones.toml", lambda s: s.replace('"òa:oà"', '"òa:oàa"'), "fold.0"),
        ("tones.toml", lambda s: s.replace('"hòa:hoà"', '"hòa"'), "words.9"),
        ("issuers.toml", lambda s: s.replace('starts = "quốc hội"', 'start = "quốc hội"'), "bodies.6"),
    ],
)
def test_a_broken_lexicon_file_is_named_with_its_field(rules_copy: Path, file: str, edit, field: str) -> None:
    path = rules_copy / "lexicon" / file
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    ruledata.reset_caches()
    with pytest.raises(RuleDataError) as err:
        load_lexicon()
    assert err.value.file == f"rules/lexicon/{file}"
    assert err.value.field.startswith(field), str(err.value)


def test_a_missing_or_unknown_lexicon_file_is_an_error(rules_copy: Path) -> None:
    (rules_copy / "lexicon" / "shortfall.toml").rename(rules_copy / "lexicon" / "shortfal.toml")
    ruledata.reset_caches()
    with pytest.raises(RuleDataError, match="shortfal.toml: <file>: unknown lexicon file"):
        load_lexicon()
    (rules_copy / "lexicon" / "shortfal.toml").unlink()
    ruledata.reset_caches()
    with pytest.raises(RuleDataError, match="shortfall.toml: <file>: missing"):
        load_lexicon()
