"""The external contract (../shared/CONTRACT.md): JSON shape, ordering, determinism, exit codes,
unreadable inputs, languages, and what `inspect` shows for each seed.

The CLI runs in-process through `checker.cli.main` (fast); one run goes through the installed console
script in a subprocess to cover the real entry point and the process pool.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from checker.cli import main
from checker.engine import PREFIX

SCHEMA = json.loads((Path(__file__).parent / "contract-schema.json").read_text(encoding="utf-8"))
SEV_KEYS = {"error": "errors", "warning": "warnings", "info": "infos"}


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def run_json(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict]:
    code, out, _ = run(["check", "--format", "json", "--jobs", "1", *argv], capsys)
    doc = json.loads(out)
    jsonschema.validate(doc, SCHEMA)
    return code, doc


def check_invariants(doc: dict) -> None:
    """What the contract promises about every JSON document, beyond its shape."""
    counts = {"errors": 0, "warnings": 0, "infos": 0}
    for f in doc["files"]:
        keys = [(x["line"], x["column"], x["rule"]) for x in f["findings"]]
        assert keys == sorted(keys), f["path"]  # sorted by line, column, rule
        for x in f["findings"]:
            assert PREFIX[x["rule"][:2]] == x["category"]
            assert (x["end_line"], x["end_column"]) >= (x["line"], x["column"])
            counts[SEV_KEYS[x["severity"]]] += 1
    assert doc["summary"] == {"files": len(doc["files"]), **counts}


@pytest.fixture
def seed_files(seeds: dict[str, Path]) -> list[str]:
    return [str(p) for _, p in sorted(seeds.items())]


def test_seeds_json_matches_the_contract(seed_files: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, doc = run_json(seed_files, capsys)
    assert code in (0, 1)
    assert [f["path"] for f in doc["files"]] == seed_files
    assert all(f["error"] is None and f["format"] == "txt" for f in doc["files"])
    check_invariants(doc)
    by_name = {Path(f["path"]).name[:3]: f for f in doc["files"]}
    # Report metadata read from the headers (see test_document for how each is decided).
    assert by_name["004"]["report"]["kind"] == "party"
    assert by_name["004"]["report"]["number"] == "442-BC/TU"
    assert by_name["004"]["report"]["date"] == "2023-08-29"
    assert by_name["004"]["report"]["issuer"] == "TỈNH ỦY BẮC GIANG"
    assert [by_name[k]["report"]["year"] for k in sorted(by_name)] == [2023, 2020, 2023, 2021, 2023]
    assert by_name["000"]["report"]["kind"] == "state"
    assert by_name["000"]["report"]["date"] is None  # the date line is a blank draft
    # exit code agrees with the default --fail-on error
    assert code == (1 if doc["summary"]["errors"] else 0)


def test_output_is_deterministic(seed_files: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    first = run(["check", "--format", "json", "--jobs", "1", *seed_files], capsys)
    second = run(["check", "--format", "json", "--jobs", "1", *seed_files], capsys)
    assert first == second
    text1 = run(["check", "--no-color", "--jobs", "1", *seed_files], capsys)
    text2 = run(["check", "--no-color", "--jobs", "1", *seed_files], capsys)
    assert text1 == text2


def test_console_script_with_worker_processes_gives_the_same_json(seed_files: list[str]) -> None:
    # Both runs are fresh processes of the real entry point (an in-process run could hold modules
    # imported earlier); one runs in worker processes, one in a single process: same bytes expected.
    exe = shutil.which("baocao-lint", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("console script baocao-lint not installed in this environment")
    # five seeds is above the CLI's threshold for using the process pool
    runs = [
        subprocess.run([exe, "check", "--format", "json", "--jobs", jobs, *seed_files],
                       capture_output=True, text=True, timeout=60, check=False)
        for jobs in ("2", "1")
    ]
    assert runs[0].returncode in (0, 1), runs[0].stderr[-2000:]
    assert (runs[0].returncode, runs[0].stdout) == (runs[1].returncode, runs[1].stdout)
    jsonschema.validate(json.loads(runs[0].stdout), SCHEMA)


# -- exit codes ----------------------------------------------------------------------------------------
@pytest.fixture
def planted(tmp_path: Path) -> dict[str, str]:
    files = {
        "info.txt": "Ban đã đã tổ chức hội nghị.\n",  # TT001 (info)
        "error.txt": "Hội nghị tổ chức ngày 31/02/2023.\n",  # NG001 (error)
        "clean.txt": "Ban tổ chức hội nghị ngày 28/02/2023.\n",
    }
    out = {}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        out[name] = str(tmp_path / name)
    return out


@pytest.mark.parametrize(
    ("name", "fail_on", "expected"),
    [
        ("info.txt", "error", 0),
        ("info.txt", "warning", 0),
        ("info.txt", "info", 1),
        ("info.txt", "never", 0),
        ("error.txt", "error", 1),
        ("error.txt", "info", 1),
        ("error.txt", "never", 0),
        ("clean.txt", "info", 0),
    ],
)
def test_exit_codes_follow_fail_on(
    planted: dict[str, str], name: str, fail_on: str, expected: int, capsys: pytest.CaptureFixture[str]
) -> None:
    code, doc = run_json([planted[name], "--select", "TT001,NG001", "--fail-on", fail_on], capsys)
    assert code == expected
    check_invariants(doc)


def test_unreadable_input_exits_2_but_others_are_reported(
    planted: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02\x03" * 100)
    missing = str(tmp_path / "missing.txt")
    code, doc = run_json([planted["error.txt"], str(binary), missing, "--select", "NG001", "--fail-on", "never"], capsys)
    assert code == 2  # an input that could not be read wins over --fail-on never
    files = {Path(f["path"]).name: f for f in doc["files"]}
    assert files["binary.txt"]["error"] and files["binary.txt"]["findings"] == []
    assert files["missing.txt"]["error"]
    assert [x["rule"] for x in files["error.txt"]["findings"]] == ["NG001"]
    check_invariants(doc)


def test_usage_errors_exit_2(planted: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["check", planted["clean.txt"], "--select", "ZZ9"], capsys)
    assert code == 2 and "ZZ9" in err
    code, _, err = run(["check", planted["clean.txt"], "--format", "yaml"], capsys)
    assert code == 2 and "yaml" in err
    with pytest.raises(SystemExit) as info:
        main(["check", planted["clean.txt"], "--fail-on", "sometimes"])
    assert info.value.code == 2


def test_lang_en(planted: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    _, vi = run_json([planted["error.txt"], "--select", "NG001"], capsys)
    _, en = run_json([planted["error.txt"], "--select", "NG001", "--lang", "en"], capsys)
    mvi = vi["files"][0]["findings"][0]["message"]
    men = en["files"][0]["findings"][0]["message"]
    assert mvi != men
    assert re.search(r"[ạảãáàâầấậẩẫăằắặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữ]", mvi)
    assert men.isascii() or "31/02/2023" in men
    # everything but the message is the same
    strip = [{k: v for k, v in f.items() if k != "message"} for f in vi["files"][0]["findings"]]
    assert strip == [{k: v for k, v in f.items() if k != "message"} for f in en["files"][0]["findings"]]


def test_output_file(planted: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "report.json"  # a missing parent folder is a usage error (tests/test_outputs.py)
    code, out, _ = run(["check", planted["error.txt"], "--format", "json", "--output", str(target), "--jobs", "1"], capsys)
    assert out == ""
    doc = json.loads(target.read_text(encoding="utf-8"))
    jsonschema.validate(doc, SCHEMA)
    assert code == 1


def test_text_format_points_with_a_caret(planted: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", planted["info.txt"], "--select", "TT001", "--no-color", "--jobs", "1"], capsys)
    assert code == 0
    line = "Ban đã đã tổ chức hội nghị."
    col = line.index("đã đã") + 1
    assert f"{planted['info.txt']}:1:{col}" in out
    assert "TT001" in out and line in out
    caret_line = next(x for x in out.splitlines() if "^" in x)
    src_line = next(x for x in out.splitlines() if x.rstrip().endswith(line))
    # the caret sits under the doubled word in the echoed source line
    assert caret_line.index("^") == src_line.index(line) + col - 1


def test_folder_input(planted: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, doc = run_json([str(tmp_path), "--select", "NG001"], capsys)
    assert [Path(f["path"]).name for f in doc["files"]] == ["clean.txt", "error.txt", "info.txt"]


# -- inspect ---------------------------------------------------------------------------------------------
def test_inspect_each_seed(seeds: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    expect = {
        "000": ["Số: /BC-BDT", "để trống", "Năm báo cáo: 2023", "TRƯỞNG BAN", "Vi Thanh Quyền", "liên kết được 11"],
        "001": ["Năm báo cáo: 2020", "Trần Văn Mẫn", "Tiêu chí 9"],
        "002": ["Năm báo cáo: 2023", "Nguyễn Ngọc Sơn", "liên kết được 20"],
        "003": ["Năm báo cáo: 2021", "KT. TRƯỞNG BAN / PHÓ TRƯỞNG BAN", "Nguyễn Thế Nhân"],
        "004": ["TỈNH ỦY BẮC GIANG", "442-BC/TU", "2023-08-29", "Năm báo cáo: 2023", "Phần thứ nhất",
                "T/M BAN THƯỜNG VỤ", "Lê Thị Thu Hồng", "38 dấu chú thích, 38 lời chú thích; liên kết được 38"],
    }
    for key, path in sorted(seeds.items()):
        code, out, _ = run(["inspect", str(path)], capsys)
        assert code == 0
        for needle in ["Phần đầu:", "Tên loại: BÁO CÁO", "Mục lục:", "Nơi nhận (dòng", "Người ký (dòng",
                       *expect.get(key, [])]:
            assert needle in out, (key, needle)
    code, out, _ = run(["inspect", str(seeds["000"])], capsys)
    table = out.split("Bảng chấm điểm", 1)[1]
    assert len(re.findall(r"^\s+criterion\s+Tiêu chí \d", table, re.M)) == 9
    assert re.search(r"^\s+total\s+Tổng cộng\s+chuẩn=90\s+tự chấm=89", table, re.M)
    assert re.search(r"^\s+bonus\s+Điểm thưởng\s+chuẩn=10\s+tự chấm=10", table, re.M)


def test_inspect_json(seeds: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["inspect", "--json", str(seeds["000"])], capsys)
    assert code == 0
    model = json.loads(out)
    assert {"kind", "header", "reporting_year", "sections", "score_table", "footnotes", "recipients", "signer"} <= set(model)
    assert sum(1 for r in model["score_table"]["rows"] if r["kind"] == "criterion") == 9
    assert model["reporting_year"]["year"] == 2023


def test_inspect_unreadable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "x.txt"
    bad.write_bytes(b"\x00" * 50)
    code, out, _ = run(["inspect", str(bad)], capsys)
    assert code == 2 and "không đọc được" in out


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.update(version=2),
        lambda d: d["files"][0]["findings"][0].pop("rule"),
        lambda d: d["files"][0]["findings"][0].update(category="misc"),
        lambda d: d["files"][0]["findings"][0].update(line=0),
        lambda d: d["files"][0].update(error="không đọc được"),  # an error with findings
        lambda d: d["summary"].pop("infos"),
    ],
)
def test_schema_rejects_broken_documents(planted: dict[str, str], capsys: pytest.CaptureFixture[str], mutate) -> None:  # noqa: ANN001
    # The schema is only a guard if it can fail: each mutation breaks one promise of the contract.
    _, doc = run_json([planted["error.txt"], "--select", "NG001"], capsys)
    mutate(doc)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, SCHEMA)
