"""The pre-commit hook as an editor pins it: the documented rev names the version the release steps
tag, the hook shows warnings on a passing run, and its file pattern takes every format read."""

from __future__ import annotations

import re
from pathlib import Path

import tomllib
import yaml

import checker

ROOT = Path(__file__).resolve().parents[1]


def _hooks() -> list[dict]:
    return yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def test_versions_and_documented_rev_agree() -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert version == checker.__version__
    for doc in (".pre-commit-hooks.yaml", "docs/workflows.md"):
        revs = re.findall(r"^\s*#?\s*rev:\s*(\S+)", (ROOT / doc).read_text(encoding="utf-8"), re.M)
        assert revs == [f"v{version}"], doc
    steps = (ROOT / "docs/releasing.md").read_text(encoding="utf-8")
    assert "git tag -a vX.Y.Z" in steps and "git push origin main vX.Y.Z" in steps


def test_hook_shows_findings_when_it_passes() -> None:
    for hook in _hooks():
        assert hook.get("verbose") is True, hook["id"]


def test_hook_file_pattern_takes_every_format() -> None:
    main = next(h for h in _hooks() if h["id"] == "baocao-lint")
    pattern = re.compile(main["files"])
    for name in ["a.txt", "b.md", "c.docx", "d.DOC", "e.odt", "f.rtf", "g.pdf", "h.xlsx", "i.xls", "j.ods", "k.zip"]:
        assert pattern.search(name), name
    for name in ["setup.py", "README", "x.docx.bak", "anh.png"]:
        assert not pattern.search(name), name
    fix = next(h for h in _hooks() if h["id"] == "baocao-lint-fix")
    assert re.search(fix["files"], "a.md") and not re.search(fix["files"], "a.docx")
