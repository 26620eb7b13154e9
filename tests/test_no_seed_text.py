"""No seed text in the project: the real reports in ../shared are the ground for rules, not text to copy.

Samples, tests, docs and code are written in our own words (keeping the shapes and the defects). The
rule enforced here: no run of 12 or more words of ../shared/seeds or ../shared/corpus occurs in any
file of the project outside `rules/` (where titles of real decisions and criteria are facts).
Text is compared after NFC and lower-casing, as word tokens (`\\w+` joined by `.`, `/` or `-`, so that
`114-KL/TW` or `1.783,39`'s parts count as words the way a reader counts them).

The state and Party mottos ("Cộng hòa xã hội chủ nghĩa Việt Nam / Độc lập - Tự do - Hạnh phúc",
"Đảng Cộng sản Việt Nam") are the legally required opening of every document, not anyone's text: runs
made of them are not counted.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
RUN = 12
WORD = re.compile(r"\w+(?:[./-]\w+)*")
MOTTOS = ("cộng hòa xã hội chủ nghĩa việt nam độc lập tự do hạnh phúc", "đảng cộng sản việt nam")
# what is not the project's own text: rule data (facts), tools' and git's folders, build output
SKIP_TOP = {"rules", ".git", ".venv", "build", "dist", ".pytest_cache", ".ruff_cache", ".hypothesis"}
SKIP_PATHS = {"checker/rules"}  # the symlink to rules/ inside the package
TEXT_SUFFIXES = {".py", ".md", ".txt", ".json", ".toml", ".lark", ".yaml", ".yml", ".html", ".j2", ".cfg", ".ini", ".csv", ".js", ".css"}


def words(text: str) -> list[str]:
    return WORD.findall(unicodedata.normalize("NFC", text).lower())


def _motto_positions(tokens: list[str]) -> set[int]:
    out: set[int] = set()
    for motto in MOTTOS:
        m = motto.split()
        for i in range(len(tokens) - len(m) + 1):
            if tokens[i : i + len(m)] == m:
                out.update(range(i, i + len(m)))
    return out


def runs(tokens: list[str]) -> Iterator[tuple[int, tuple[str, ...]]]:
    """(start, run) of every window of RUN words that is not part of a motto."""
    skip = _motto_positions(tokens)
    for i in range(len(tokens) - RUN + 1):
        if not skip.intersection(range(i, i + RUN)):
            yield i, tuple(tokens[i : i + RUN])


def _shared_runs() -> set[tuple[str, ...]]:
    out: set[tuple[str, ...]] = set()
    for folder in (SHARED / "seeds", SHARED / "corpus"):
        for p in folder.rglob("*.txt"):
            out.update(r for _, r in runs(words(p.read_text(encoding="utf-8", errors="replace"))))
    return out


def _docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        xml = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.startswith("word/") and n.endswith(".xml"))
    return re.sub(r"<[^>]+>", " ", xml)


def project_texts() -> Iterator[tuple[str, str]]:
    """(path relative to the repository, text) of every file of the project outside rules/."""
    for p in sorted(REPO.rglob("*")):
        rel = p.relative_to(REPO).as_posix()
        parts = rel.split("/")
        if parts[0] in SKIP_TOP or any(rel == s or rel.startswith(s + "/") for s in SKIP_PATHS):
            continue
        if "__pycache__" in parts or any(x.endswith(".egg-info") for x in parts) or not p.is_file():
            continue
        suffix = p.suffix.lower()
        if suffix == ".docx":
            yield rel, _docx_text(p)
        elif suffix in TEXT_SUFFIXES or p.name in ("Makefile",):
            yield rel, p.read_text(encoding="utf-8", errors="replace")


def test_word_runs_are_counted_as_a_reader_counts_them() -> None:
    tokens = words("Kết luận số 114-KL/TW ngày 14/7/2015 đạt 1.783,39 TỶ")
    assert tokens == ["kết", "luận", "số", "114-kl/tw", "ngày", "14/7/2015", "đạt", "1.783", "39", "tỷ"]
    motto = words("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nmột hai ba bốn năm sáu bảy tám chín mười")
    assert [i for i, _ in runs(motto)] == [], "a window touching the motto is not counted"
    plain = words(" ".join(f"từ{i}" for i in range(13)))
    assert [i for i, _ in runs(plain)] == [0, 1]


def test_no_run_of_twelve_seed_words_in_the_project() -> None:
    if not (SHARED / "seeds").is_dir():
        pytest.skip("thư mục ../shared/seeds không có: không so được văn bản của dự án với báo cáo thật")
    shared = _shared_runs()
    found: list[str] = []
    for rel, text in project_texts():
        tokens = words(text)
        covered: list[int] = []
        for i, run in runs(tokens):
            if run in shared:
                covered.append(i)
        if covered:
            first = covered[0]
            found.append(f"{rel}: {len(covered)} run(s), first: {' '.join(tokens[first : first + RUN])!r}")
    assert not found, "text copied from ../shared (rewrite it in your own words):\n" + "\n".join(found)
