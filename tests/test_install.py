"""A non-editable install finds its grammar and rule data from any folder.

grammar/ and rules/ live at the top of the repository and reach the package through the symlinks
checker/grammar and checker/rules; this test proves they are really copied into the wheel. It builds
a wheel from a copy of the sources (so the repository gets no build/ or .egg-info litter), installs it
with --target, and runs Python from a temporary folder with only that install on PYTHONPATH.
No network: --no-deps everywhere, and --no-build-isolation so the build backend is the one of this
environment (setuptools and wheel are in the test extras).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
IGNORE = shutil.ignore_patterns(
    ".venv", ".git", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache", ".ruff_cache", "tests",
    "samples", "bench",
)

PROBE = textwrap.dedent(
    """
    import json, sys
    from importlib import resources
    from pathlib import Path

    import checker
    from checker.parsers import grammar_text, parser
    from checker.ruledata import load_doctypes, load_frameworks, load_registry, load_templates

    site = Path(sys.argv[1]).resolve()
    rules = resources.files("checker.rules")
    report = checker.check(
        "Ban đã đã tổ chức hội nghị ngày 31/02/2023.\\n".encode(), name="x.txt", select=["TT001", "NG001"]
    )
    print(json.dumps({
        "package_file": str(Path(checker.__file__).resolve()),
        "in_site": Path(checker.__file__).resolve().is_relative_to(site),
        "date_grammar": "numeric_date" in grammar_text("date"),
        "grammars": sorted(p.name for p in resources.files("checker.grammar").iterdir() if p.name.endswith(".lark")),
        "date_parses": parser("date").parse("ngày 29/8/2023") is not None,
        "rule_files": sorted(p.name for p in rules.iterdir() if p.name.endswith(".toml")),
        "frameworks": sorted(load_frameworks()),
        "templates": sorted(load_templates()),
        "registry": type(load_registry()).__name__,
        "doctypes": type(load_doctypes()).__name__,
        "error": report.error,
        "rules_found": sorted(f.rule for f in report.findings),
    }))
    """
)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel once for this module and install it into a fresh --target folder."""
    work = tmp_path_factory.mktemp("install")
    src = work / "src"
    shutil.copytree(REPO, src, symlinks=True, ignore=IGNORE)
    env = {**os.environ, "PIP_NO_INPUT": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", ".", "-w", str(work / "dist")],
        cwd=src, capture_output=True, text=True, timeout=120, env=env, check=False,
    )
    assert build.returncode == 0, "wheel build failed (install the test extras: setuptools, wheel)\n" + build.stderr[-2000:]
    # a fresh install prints no warning of the build backend about this project's metadata
    # (`project.license` as a table was deprecated; the SPDX string is what setuptools ≥ 77 reads)
    assert "project.license" not in build.stderr, build.stderr[-2000:]
    wheels = list((work / "dist").glob("baocao_lint-*.whl"))
    assert len(wheels) == 1
    site = work / "site"
    inst = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--target", str(site), str(wheels[0])],
        capture_output=True, text=True, timeout=120, env=env, check=False,
    )
    assert inst.returncode == 0, inst.stderr[-2000:]
    return site


def _run(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(site)
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=60, check=False)


def test_installed_package_finds_grammar_and_rule_data(installed: Path, tmp_path: Path) -> None:
    # cwd is an empty temp folder, never the repository: nothing may be found relative to it.
    proc = _run(installed, tmp_path, "-c", PROBE, str(installed))
    assert proc.returncode == 0, proc.stderr[-3000:]
    got = json.loads(proc.stdout)
    assert got["in_site"], f"imported {got['package_file']}, not the installed copy"
    assert got["date_grammar"] and got["date_parses"]
    assert got["grammars"] == sorted(p.name for p in (REPO / "grammar").glob("*.lark"))
    repo_rule_files = sorted(p.name for p in (REPO / "rules").glob("*.toml"))
    assert got["rule_files"] == repo_rule_files and "registry.toml" in repo_rule_files
    assert got["frameworks"] == sorted(_ids(REPO / "rules" / "frameworks"))
    assert got["templates"] == sorted(_ids(REPO / "rules" / "templates"))
    assert got["error"] is None
    assert got["rules_found"] == ["NG001", "TT001"]


def test_installed_files_are_copies_not_links_into_the_repo(installed: Path) -> None:
    for sub in ("grammar", "rules"):
        folder = installed / "checker" / sub
        assert folder.is_dir() and not folder.is_symlink()
        for f in folder.rglob("*"):
            assert not f.is_symlink()
            assert REPO not in f.resolve().parents


def test_installed_cli_runs_from_another_folder(installed: Path, tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("Hội nghị tổ chức ngày 31/02/2023.\n", encoding="utf-8")
    proc = _run(installed, tmp_path, "-m", "checker.cli", "check", "--format", "json", "--select", "NG001",
                "--jobs", "1", "r.txt")
    assert proc.returncode == 1, proc.stderr[-3000:]
    doc = json.loads(proc.stdout)
    assert [f["rule"] for f in doc["files"][0]["findings"]] == ["NG001"]
    rules = _run(installed, tmp_path, "-m", "checker.cli", "rules")
    assert rules.returncode == 0 and "NG001" in rules.stdout


def _ids(folder: Path) -> list[str]:
    """Framework/template ids as declared in their TOML files (`id = "..."`)."""
    import tomllib

    return [tomllib.loads(p.read_text(encoding="utf-8"))["id"] for p in folder.glob("*.toml")]


def test_installed_copy_ships_the_pages_templates(installed: Path, tmp_path: Path) -> None:
    # the batch HTML page and the web desk are drawn from checker/serve/templates and static/
    report = tmp_path / "r.txt"
    report.write_text("Hội nghị đã đã tổ chức.\n", encoding="utf-8")
    proc = _run(installed, tmp_path, "-m", "checker.cli", "check", "--format", "html", "--jobs", "1", "r.txt")
    assert proc.returncode in (0, 1), proc.stderr[-3000:]
    assert "baocaoList" in proc.stdout and 'id="s-0"' in proc.stdout
    probe = (
        "import checker.serve.render as r, sys; from checker.serve.app import Limits; "
        "assert r.__file__.startswith(sys.argv[1]); "
        "print(len(r.page('index.html', 'vi', limits=Limits(), token=False, version='x', limits_json='{}', "
        "choices={'frameworks': [], 'templates': [], 'categories': []})))"
    )
    page = _run(installed, tmp_path, "-c", probe, str(installed))
    assert page.returncode == 0 and int(page.stdout) > 5000, page.stderr[-3000:]
