"""Every output format: JSON against the contract schema, SARIF against the OASIS 2.1.0 schema,
GitHub workflow commands, and the HTML page's structure (the browser test clicks through it)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from report_texts import SHORT_REPORT

from checker.api import check
from checker.cli import main
from checker.engine import all_rules
from checker.reporters import REPORTERS

HERE = Path(__file__).parent
CONTRACT = json.loads((HERE / "contract-schema.json").read_text(encoding="utf-8"))
# OASIS SARIF 2.1.0 (rtm.5, the final schema), as shipped by Microsoft's jest-sarif package
SARIF = json.loads((HERE / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

REPORT = SHORT_REPORT

SCORE = """UBND TỈNH BẮC GIANG
BAN DÂN TỘC

Số: 15/BC-BDT

Bắc Giang, ngày 15 tháng 12 năm 2023

BÁO CÁO
Kết quả tự chấm điểm công tác dân vận chính quyền năm 2023

BẢNG TỰ CHẤM ĐIỂM
TT\tNội dung\tĐiểm chuẩn\tĐiểm tự chấm
1\tTiêu chí 1\t10\t10
Nội dung 1\tQuán triệt các văn bản\t5\t6
Nội dung 2\tXây dựng quy chế\t5\t4
2\tTiêu chí 2\t10\t8
Nội dung 1\tThực hiện quy chế\t10\t8
\tTổng cộng\t20\t18

Tổng số điểm tự chấm: 18 điểm.

Nơi nhận:
- Lưu: VT.

TRƯỞNG BAN

Nguyễn Văn A
"""


@pytest.fixture()
def files(tmp_path: Path) -> list[Path]:
    a = tmp_path / "bc.txt"
    a.write_text(REPORT, encoding="utf-8")
    b = tmp_path / "diem.md"
    b.write_text(SCORE, encoding="utf-8")
    c = tmp_path / "hong.txt"
    c.write_bytes(b"\x00\x00\xff")
    return [a, b, c]


def _run(fmt: str, files: list[Path], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["check", "--format", fmt, "--jobs", "1", *map(str, files)])
    return code, capsys.readouterr().out


def test_formats_registered() -> None:
    assert {"text", "json", "sarif", "github", "html"} <= set(REPORTERS)


def test_json_matches_contract_schema(files: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run("json", files, capsys)
    doc = json.loads(out)
    jsonschema.validate(doc, CONTRACT)
    assert code == 2 and doc["files"][2]["error"]


def test_sarif_valid_and_complete(files: list[Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(files[0].parent)
    code, out = _run("sarif", [Path(f.name) for f in files], capsys)
    doc = json.loads(out)
    jsonschema.validate(doc, SARIF)
    run = doc["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "baocao-lint" and run["columnKind"] == "unicodeCodePoints"
    ids = [r["id"] for r in driver["rules"]]
    assert ids == sorted(all_rules())
    for r in driver["rules"]:
        assert r["shortDescription"]["text"] and r["fullDescription"]["text"]
        assert r["defaultConfiguration"]["level"] in ("error", "warning", "note")
    assert run["results"]
    for res in run["results"]:
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        region = res["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1  # GitHub rejects column 0
        uri = res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri in ("bc.txt", "diem.md")  # relative, as code scanning needs
        assert res["level"] in ("error", "warning", "note")
        assert res["partialFingerprints"]["baocaoLint/v1"]
    td = next(r for r in run["results"] if r["ruleId"] == "TD001")
    assert td["locations"][0]["physicalLocation"]["region"] == {"startLine": 11, "startColumn": 51, "endLine": 11, "endColumn": 60}
    assert td["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "01-KL/TW"
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert len(notes) == 1 and "hong.txt" in notes[0]["message"]["text"]
    assert run["invocations"][0]["executionSuccessful"] is False


def test_sarif_fingerprint_ignores_line_moves(tmp_path: Path) -> None:
    from checker.reporters.sarif import sarif_document

    p = tmp_path / "bc.txt"
    p.write_text(REPORT, encoding="utf-8")
    before = {r["ruleId"] + r["partialFingerprints"]["baocaoLint/v1"] for r in sarif_document([check(p)])["runs"][0]["results"]}
    p.write_text(REPORT.replace("BÁO CÁO\n", "BÁO CÁO\n\n\n"), encoding="utf-8")
    after = {r["ruleId"] + r["partialFingerprints"]["baocaoLint/v1"] for r in sarif_document([check(p)])["runs"][0]["results"]}
    assert before == after


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_html_is_self_contained(files: list[Path], capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    code = main(["check", "--format", "html", "--output", str(out), "--jobs", "1", *map(str, files)])
    assert code == 2
    page = out.read_text(encoding="utf-8")
    assert capsys.readouterr().out == ""  # --output: nothing on stdout
    parser = _Collect()
    parser.feed(page)
    # each report's markup waits, inert, in a <script type="text/html"> until its section is opened
    sections = re.findall(r'<script type="text/html" id="s-\d+">(.*?)</script>', page, re.S)
    assert len(sections) == len(files)
    for section in sections:
        parser.feed(section)
    assert ("meta", {"charset": "utf-8"}) in parser.tags
    for tag, attrs in parser.tags:
        # nothing fetched from anywhere: no external script, style sheet, image or font
        assert not attrs.get("src"), (tag, attrs)
        if tag == "link":
            raise AssertionError(f"external link tag: {attrs}")
        href = attrs.get("href") or ""
        assert not href or href.startswith("#"), href
    style = page.split("<style>")[1].split("</style>")[0]
    assert not re.search(r"url\(|@import|https?://", style)
    assert "Tổng hợp" in page and "không đọc được" in page
    marks = [a for t, a in parser.tags if t == "mark"]
    assert marks and all(a.get("data-f") for a in marks)
    bad_cells = [a for t, a in parser.tags if t == "td" and "bad" in (a.get("class") or "")]
    dg = [f for f in check(files[1]).findings if f.rule.startswith("DG")]
    assert dg, "the score fixture should trip a DG rule"
    assert bad_cells, "a DG finding should mark a cell of the re-drawn score table"


@pytest.mark.parametrize("count", [0, 1, 3])
def test_json_stream_equals_whole_document(files: list[Path], count: int) -> None:
    import io

    from checker.batch import JsonStream
    from checker.reporters.json_out import render_json

    reports = [check(p) for p in (files * 2)[:count]]
    buf = io.StringIO()
    sink = JsonStream(buf)
    for r in reports:
        sink.write(r)
    sink.close()
    assert buf.getvalue() == render_json(reports)
    jsonschema.validate(json.loads(buf.getvalue()), CONTRACT)


def test_json_from_the_command_is_written_by_its_workers_and_equals_the_whole_document(
    files: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # each file's entry of the streamed JSON is written by the worker that checked it (checker/batch.py:
    # check_one's render), under the path the command shows: the document is render_json's, a file
    # whose name is not UTF-8 included; with --baseline the command writes the entries itself
    import os

    from checker.cli import main
    from checker.outputs import display_path
    from checker.reporters.json_out import render_json

    odd = os.path.join(os.fsencode(tmp_path), b"bc-\xff.txt").decode("utf-8", "surrogateescape")
    Path(odd).write_bytes(files[0].read_bytes())
    paths = [*map(str, files), odd]
    expected = [check(p) for p in paths]
    for rep in expected:
        rep.path = display_path(rep.path)
    for jobs in ("1", "2"):
        main(["check", *paths, "--format", "json", "--quiet", "--jobs", jobs, "--fail-on", "never"])
        assert capsys.readouterr().out == render_json(expected)
    baseline = tmp_path / "baseline.json"
    main(["check", *paths, "--quiet", "--jobs", "2", "--write-baseline", str(baseline), "--fail-on", "never"])
    capsys.readouterr()
    main(["check", *paths, "--format", "json", "--quiet", "--jobs", "2", "--baseline", str(baseline)])
    doc = json.loads(capsys.readouterr().out)
    assert [f["findings"] for f in doc["files"]] == [[] for _ in paths]


def test_html_from_the_command_is_streamed_and_equals_the_whole_page(files: list[Path], tmp_path: Path) -> None:
    # The command writes the page file by file (flat memory for thousands of reports); it must be the
    # same page render_html draws from all reports at once: summary on top, then every file.
    from checker.cli import main
    from checker.reporters.html import render_html

    out = tmp_path / "report.html"
    main(["check", *map(str, files), "--format", "html", "--output", str(out), "--quiet", "--jobs", "1"])
    page = out.read_text(encoding="utf-8")
    assert page == render_html([check(p) for p in files])
    # the list of reports and the collapsed sections come before the reports' markup
    assert page.index('id="list"') < page.index('<details class="file"') < page.index('<section class="file"')
    assert page.count('<section class="file"') == len(files)


def test_html_draws_the_whole_score_table_of_seed_000(seeds: dict[str, Path]) -> None:
    # Seed 000's table reaches the text as five tab-separated blocks (cells broken across page breaks
    # leave lines without a tab between them); the page used to draw the one block that mentions points,
    # 4 of its rows. It is now drawn from the rows the checker read, rejoined, every one of them.
    import re

    from checker.serve.render import report_fragment

    rep = check(seeds["000"])
    assert rep.score_table is not None and len(rep.score_table.rows) >= 25
    section = report_fragment(0, rep, "vi")
    table = section[section.index('<table class="score">'): section.index("</table>", section.index('<table class="score">'))]
    assert len(re.findall(r"<tr class=", table)) == len(rep.score_table.rows)
    for row in rep.score_table.rows:
        if row.self_text:
            assert f">{row.self_text}<" in table
