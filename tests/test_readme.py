"""The README's worked example of a province framework must load and be picked up as documented."""

from __future__ import annotations

import re
from pathlib import Path

from checker.ruledata import detect_framework, load_framework_file, load_frameworks

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_starts_with_the_two_setup_commands() -> None:
    head = README.read_text(encoding="utf-8").splitlines()[:8]
    assert any(line.startswith("make demo") for line in head)
    assert any(line.startswith("make test") for line in head)


def test_readme_framework_example_loads_and_is_detected(tmp_path: Path) -> None:
    text = README.read_text(encoding="utf-8")
    block = re.search(r"```toml\n(# khung-cham-diem/(?P<name>[\w-]+)\.toml\n.*?)```", text, re.S)
    assert block, "README lost its worked framework example"
    path = tmp_path / f"{block.group('name')}.toml"
    path.write_text(block.group(1), encoding="utf-8")
    framework = load_framework_file(path)
    assert framework.total_max == sum(c.cap for c in framework.criteria)
    assert framework.band_for(19).name == "Tốt" and framework.band_for(16).name == "Khá"
    frameworks = load_frameworks((tmp_path,))
    assert framework.id in frameworks
    found = detect_framework("… theo Quyết định số 123/QĐ-UBND ngày 15/01/2020 của UBND tỉnh Tây Ninh …", frameworks)
    assert found is not None and found.id == framework.id


def test_readme_says_how_to_run_after_demo_and_what_make_installs() -> None:
    head = "\n".join(README.read_text(encoding="utf-8").splitlines()[:30])
    # after `make demo` a new user runs the command from the project's own environment
    assert ".venv/bin/activate" in head and ".venv/bin/baocao-lint check" in head
    # the apt step is said up front: what it installs, that it needs root, and what happens otherwise
    for word in ("apt-get", "when run as root", "Chromium", "LibreOffice", "Tesseract", "skipped"):
        assert word in head, word
    makefile = (README.parent / "Makefile").read_text(encoding="utf-8")
    packages = re.search(r"^SYSTEM_PACKAGES := (.*)$", makefile, re.M)
    assert packages and all(p in packages.group(1) for p in ("chromium", "libreoffice-writer", "tesseract-ocr-vie"))


def test_readme_lists_every_format_read() -> None:
    use = README.read_text(encoding="utf-8").split("## Use", 1)[1].split("##", 1)[0]
    for ext in (".txt", ".md", ".docx", ".pdf", ".doc", ".odt", ".rtf", ".xlsx", ".xls", ".zip"):
        assert ext in use, ext


def test_every_promise_names_tests_that_exist() -> None:
    # each row of the promises table names the test file (and, in brackets, the tests) that keep it: a
    # renamed or deleted test must not leave a promise kept by nothing
    text = README.read_text(encoding="utf-8")
    table = text.split("### What is promised, and the test that keeps each promise", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| ") and "`tests/" in line]
    assert len(rows) >= 5
    root = README.parent
    for row in rows:
        kept_by = row.rstrip(" |").rsplit("|", 1)[1]
        for file, names in re.findall(r"`(tests/[\w/]+\.py)`(?: \(([^)]*)\))?", kept_by):
            source = (root / file).read_text(encoding="utf-8")
            for name in re.findall(r"`([\w*]+)`", names):
                prefix = name.rstrip("_*")
                assert re.search(rf"def {re.escape(prefix)}", source), f"{file} has no test {name}"
