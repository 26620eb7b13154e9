"""Batch runs: worker processes, unreadable and crashing files, the summary table, progress only on
a terminal, and the exit status once every file is reported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from report_texts import SHORT_REPORT

import checker.batch as batch
from checker.batch import render_summary, run_batch, summary_rows
from checker.cli import main
from checker.context import Options
from checker.report import FileReport, ReportMeta

SCHEMA = json.loads((Path(__file__).parent / "contract-schema.json").read_text(encoding="utf-8"))

REPORT = SHORT_REPORT


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "bao-cao"
    d.mkdir()
    for i in range(5):
        (d / f"bc-{i}.txt").write_text(REPORT.replace("2023", str(2019 + i)), encoding="utf-8")
    (d / "hong.txt").write_bytes(b"\x00\x01\x02\xff\xfe\x00binary")
    (d / "ghi-chu.md").write_text("# Ghi chú\n\nBan đã đã họp.\n", encoding="utf-8")
    return d


def test_batch_error_path_json(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "khong-co.txt"
    code = main(["check", str(folder), str(missing), "--format", "json", "--jobs", "2", "--fail-on", "never"])
    doc = json.loads(capsys.readouterr().out)
    jsonschema.validate(doc, SCHEMA)
    assert code == 2  # unreadable inputs → 2, even with --fail-on never, after every file is reported
    by_name = {Path(f["path"]).name: f for f in doc["files"]}
    assert len(doc["files"]) == 8 and doc["summary"]["files"] == 8
    assert "nhị phân" in by_name["hong.txt"]["error"] and by_name["hong.txt"]["findings"] == []
    assert "không tìm thấy" in by_name["khong-co.txt"]["error"]
    for i in range(5):
        f = by_name[f"bc-{i}.txt"]
        assert f["error"] is None and f["report"]["year"] == 2019 + i
        assert any(x["rule"] == "TD001" for x in f["findings"])
    # same order and content with one process as with two
    main(["check", str(folder), str(missing), "--format", "json", "--jobs", "1", "--fail-on", "never"])
    assert json.loads(capsys.readouterr().out) == doc


def test_text_summary_goes_to_stderr(folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(folder.parent)
    code = main(["check", folder.name, "--jobs", "1"])
    out, err = capsys.readouterr()
    assert code == 2
    assert "Tổng hợp kết quả kiểm tra" in err and "Tổng hợp" not in out
    assert "Đã kiểm tra 6 tệp" in out and "; 1 tệp không đọc được" in out  # the unreadable file is not counted as checked
    rows = [line for line in err.splitlines() if "bc-" in line or "hong.txt" in line or "ghi-chu" in line]
    assert "hong.txt" in rows[0]  # unreadable first (worst)
    assert "không đọc được" in rows[0]
    # no progress bar when stderr is not a terminal
    assert "Đang kiểm tra" not in err


def test_quiet_hides_summary(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(folder), "--jobs", "1", "--quiet"])
    assert "Tổng hợp" not in capsys.readouterr().err


def test_summary_rows_sorted_worst_first() -> None:
    def rep(path: str, sevs: list[str], total: str | None = None) -> FileReport:
        from checker.report import Finding

        fs = [
            Finding(rule="TT001", category="style", severity=s, message="m", line=1, column=1, end_line=1, end_column=2, evidence="e")
            for s in sevs
        ]
        meta = ReportMeta(year=2023, framework="bac-giang-274-2017", self_total=total, classification="Tốt")
        return FileReport(path=path, format="txt", report=meta, findings=fs)

    reports = [
        rep("a.txt", ["info"] * 5),
        rep("b.txt", ["warning"]),
        rep("c.txt", ["error", "info"], "89"),
        FileReport(path="d.txt", format="txt", error="không tìm thấy tệp"),
        rep("e.txt", ["error", "warning"]),
    ]
    assert [r["path"] for r in summary_rows(reports)] == ["d.txt", "e.txt", "c.txt", "b.txt", "a.txt"]
    import io

    buf = io.StringIO()
    render_summary(reports, buf, color=False)
    text = buf.getvalue()
    for word in ("Năm BC", "Khung điểm", "Tự chấm", "Xếp loại", "bac-giang-274-2017", "89", "Tốt"):
        assert word in text


def test_crashing_file_becomes_an_error_entry(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = batch.check

    def flaky(path: str, **kw: object) -> FileReport:
        if path.endswith("bc-2.txt"):
            raise RuntimeError("hỏng giữa chừng")
        return real(path, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "check", flaky)
    paths = sorted(str(p) for p in folder.iterdir())
    reports = run_batch(paths, Options(), jobs=1)
    assert [r.path for r in reports] == paths
    crashed = [r for r in reports if r.path.endswith("bc-2.txt")][0]
    assert crashed.error and "hỏng giữa chừng" in crashed.error
    assert sum(1 for r in reports if r.error is None) == 5


def test_pool_keeps_order_and_drops_text_when_asked(folder: Path) -> None:
    paths = sorted(str(p) for p in folder.iterdir())
    reports = run_batch(paths, Options(), jobs=2, keep_text=False)
    assert [r.path for r in reports] == paths
    assert all(r.text is None for r in reports)


def test_github_format(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(folder / "bc-0.txt"), str(folder / "hong.txt"), "--format", "github", "--jobs", "1"])
    out = capsys.readouterr().out.splitlines()
    assert any(line.startswith("::warning title=baocao-lint (TD001),file=") and ",line=11,col=51," in line for line in out)
    assert any(line.startswith("::notice ") for line in out)
    assert any(line.startswith("::error title=baocao-lint,file=") and "không đọc được" in line for line in out)
    for line in out:
        head, _, msg = line.partition("::")[2].partition("::")
        assert "\n" not in msg and head


def test_bad_jobs_and_format(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(folder), "--jobs", "0"]) == 2
    assert main(["check", str(folder), "--format", "xml"]) == 2
    err = capsys.readouterr().err
    assert "--jobs" in err and "định dạng không hỗ trợ" in err


def test_console_script_with_pool(folder: Path) -> None:
    """The installed entry point, real worker processes, stdout parseable while stderr has the table."""
    exe = Path(sys.executable).parent / "baocao-lint"
    if not exe.exists():
        pytest.skip("chưa cài baocao-lint vào môi trường này (pip install -e .)")
    r = subprocess.run([str(exe), "check", str(folder), "--format", "json", "--output", str(folder / "out.json"), "--jobs", "2"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2
    doc = json.loads((folder / "out.json").read_text(encoding="utf-8"))
    jsonschema.validate(doc, SCHEMA)
    assert "Tổng hợp kết quả kiểm tra" in r.stderr


def test_pre_commit_installs_and_runs_the_hook(tmp_path: Path) -> None:
    """`.pre-commit-hooks.yaml` works: pre-commit installs this repository (its working tree, as
    `pre-commit try-repo` would) and runs the hook on a temporary git repo holding a failing report, a
    report with warnings only and a file the hook leaves alone (needs pre-commit and PyPI). One
    `pre-commit run` of a config that lists the hook twice: the install (~20 s here) is done once."""
    import os
    import shutil

    pre_commit = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")
    if not Path(pre_commit).exists():
        pytest.skip("chưa cài pre-commit (pip install pre-commit)")
    repo_root = Path(__file__).resolve().parents[1]
    if not (repo_root / ".pre-commit-hooks.yaml").exists() or not (repo_root / ".git").exists():
        pytest.skip("không chạy từ bản sao git của baocao-lint")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    git = ["git", "-c", "init.defaultBranch=main"]
    # what try-repo does: a clone of this repository with the working tree's changes to tracked files
    # committed, since pre-commit installs a commit
    shadow = tmp_path / "shadow"
    subprocess.run([*git, "clone", "-q", str(repo_root), str(shadow)], check=True, env=env)
    diff = subprocess.run(["git", "diff", "HEAD", "--binary"], cwd=repo_root, check=True, capture_output=True).stdout
    if diff:
        subprocess.run(["git", "apply", "--index"], cwd=shadow, input=diff, check=True, env=env)
        subprocess.run(["git", "commit", "-q", "-m", "working tree"], cwd=shadow, check=True, env=env)
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=shadow, check=True, capture_output=True, text=True).stdout.strip()
    work = tmp_path / "editor"
    work.mkdir()
    subprocess.run([*git, "init", "-q"], cwd=work, check=True, env=env)
    # a self-score above its cap is an error, so the hook fails with the default --fail-on error
    score = "\nBẢNG TỰ CHẤM ĐIỂM\nTT\tNội dung\tĐiểm chuẩn\tĐiểm tự chấm\n1\tTiêu chí 1\t10\t10\n" \
        "Nội dung 1\tQuán triệt các văn bản\t5\t6\nNội dung 2\tXây dựng quy chế\t5\t4\n\tTổng cộng\t10\t10\n"
    (work / "bao-cao.txt").write_text(REPORT.replace("\nNơi nhận:", score + "\nNơi nhận:"), encoding="utf-8")
    (work / "canh-bao.txt").write_text(REPORT, encoding="utf-8")  # warnings only
    (work / "ghi-chu.py").write_text("print('không phải báo cáo')\n", encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=work, check=True, env=env)
    # the hook's own `files` and `verbose`; each entry leaves the other report out (and no --verbose)
    config = tmp_path / "pre-commit-config.yaml"
    config.write_text(
        f"repos:\n- repo: {shadow}\n  rev: {rev}\n  hooks:\n"
        "  - id: baocao-lint\n    name: first-entry\n    exclude: ^canh-bao\\.txt$\n"
        "  - id: baocao-lint\n    name: second-entry\n    exclude: ^bao-cao\\.txt$\n",
        encoding="utf-8",
    )
    try:
        r = subprocess.run(
            [pre_commit, "run", "-c", str(config), "--all-files"],
            cwd=work, capture_output=True, text=True, env=env, timeout=600,
        )
    except subprocess.TimeoutExpired:
        pytest.skip("pre-commit quá 10 phút (không có mạng tới PyPI?)")
    out = r.stdout + r.stderr
    if r.returncode != 0 and "first-entry" not in out and "CalledProcessError" in out:
        pytest.skip(f"pre-commit không cài được baocao-lint từ PyPI: {out[-400:]}")
    assert r.returncode == 1, out
    assert "ghi-chu.py" not in out
    assert out.count("first-entry") == 1 and out.count("second-entry") == 1, out
    first, second = out.split("second-entry")
    first = first[first.index("first-entry"):]
    assert "Failed" in first and "bao-cao.txt:11:51: TD001" in first and "DG001" in first, out
    assert "canh-bao.txt" not in first, out
    # a report with warnings only passes the default --fail-on error, and the hook still shows them
    # (verbose: true in the hook itself, not pre-commit's --verbose)
    assert "Passed" in second.split("\n")[0] and "canh-bao.txt:11:51: TD001" in second, out
    assert "bao-cao.txt" not in second.replace("canh-bao.txt", ""), out


def test_progress_bar_runs_and_keeps_results(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the bar is drawn on stderr only; results and their order are the same as without it
    paths = sorted(str(p) for p in folder.iterdir())
    seen: list[str] = []
    with_bar = run_batch(paths, Options(), jobs=1, keep_text=False, progress=True, on_report=lambda r: seen.append(r.path))
    assert seen == paths == [r.path for r in with_bar]
    assert capsys.readouterr().out == ""
