"""The private cache of validated rule data and Lark parsers (checker/cache.py).

A cache must never answer with stale rule data (a reviewer edits a TOML file and expects the change),
never load a pickle from a folder someone else can write, and never stop a run when it cannot work.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from checker import cache, ruledata

RULES = Path(__file__).resolve().parent.parent / "rules"


@pytest.fixture()
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "baocao-lint"


def test_second_build_is_read_back(private_cache: Path) -> None:
    calls: list[int] = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"a": 1}

    assert cache.cached("demo", [b"x"], build) == {"a": 1}
    assert cache.cached("demo", [b"x"], build) == {"a": 1}
    assert len(calls) == 1
    assert oct(private_cache.stat().st_mode & 0o777) == oct(0o700)
    # other inputs: built again, and the entry for the old inputs is dropped
    assert cache.cached("demo", [b"y"], build) == {"a": 1} and len(calls) == 2
    assert len(list(private_cache.glob("demo-*.pickle"))) == 1


def test_damaged_entry_is_rebuilt(private_cache: Path) -> None:
    cache.cached("demo", [b"x"], lambda: 1)
    [entry] = private_cache.glob("demo-*.pickle")
    entry.write_bytes(b"\x80\x04 not a pickle")
    assert cache.cached("demo", [b"x"], lambda: 2) == 2


def test_a_folder_others_can_write_is_not_used(private_cache: Path) -> None:
    private_cache.mkdir(parents=True)
    os.chmod(private_cache, 0o777)
    assert cache.cache_dir() is None
    assert cache.cached("demo", [b"x"], lambda: 3) == 3
    assert not list(private_cache.glob("*.pickle"))


def test_no_usable_folder_still_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert cache.cache_dir() is None
    assert cache.cached("demo", [b"x"], lambda: 4) == 4


def test_edited_rule_file_is_never_answered_from_the_cache(private_cache: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    monkeypatch.setattr(ruledata, "_shipped_root", lambda: rules)
    for loader in (ruledata._shipped_registry, ruledata._shipped_frameworks):
        loader.cache_clear()
    try:
        before = ruledata._shipped_registry()
        ruledata._shipped_registry.cache_clear()
        assert ruledata._shipped_registry() == before  # read back from the cache
        text = (rules / "registry.toml").read_text(encoding="utf-8")
        edited = text.replace('issuer = "Bộ Chính trị"', 'issuer = "Ban Bí thư"', 1)
        assert edited != text
        (rules / "registry.toml").write_text(edited, encoding="utf-8")
        ruledata._shipped_registry.cache_clear()
        assert ruledata._shipped_registry() != before
        # a broken file is reported, not hidden behind the cached good one
        (rules / "frameworks" / "generic.toml").write_text("max = [", encoding="utf-8")
        ruledata._shipped_frameworks.cache_clear()
        with pytest.raises(ruledata.RuleDataError, match="generic.toml"):
            ruledata._shipped_frameworks()
    finally:
        for loader in (ruledata._shipped_registry, ruledata._shipped_frameworks):
            loader.cache_clear()


def test_changed_model_code_is_never_answered_from_the_cache(private_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a pickle is read back into the classes of checker/ruledata.py: new code, new entry
    ruledata._shipped_registry.cache_clear()
    try:
        ruledata._shipped_registry()
        monkeypatch.setattr(ruledata, "_own_code", lambda: b"class Registry: changed")
        calls: list[int] = []
        real = ruledata._validate

        def counting(*args: object, **kwargs: object) -> object:
            calls.append(1)
            return real(*args, **kwargs)

        monkeypatch.setattr(ruledata, "_validate", counting)
        ruledata._shipped_registry.cache_clear()
        ruledata._shipped_registry()
        assert calls == [1]  # validated again, not read back
    finally:
        ruledata._shipped_registry.cache_clear()
