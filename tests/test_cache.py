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
    # other inputs: built again; the entry for the old inputs stays for another copy of the package
    # sharing the folder (test_entries_of_a_kind_are_bounded)
    assert cache.cached("demo", [b"y"], build) == {"a": 1} and len(calls) == 2
    assert len(list(private_cache.glob("demo-*.pickle"))) == 2


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


def test_changed_model_code_is_never_answered_from_the_cache(private_cache: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    # a pickle is read back into the classes of checker/ruledata.py: new code, new entry (the code's
    # files are part of the stat key and of the hashed inputs alike)
    ruledata._shipped_registry.cache_clear()
    ruledata._own_code.cache_clear()
    try:
        ruledata._shipped_registry()
        changed = tmp_path / "ruledata.py"
        changed.write_bytes(Path(ruledata.__file__).read_bytes() + b"\n# class Registry: changed\n")
        schema = Path(ruledata.__file__).with_name("ruledata_schema.py")
        monkeypatch.setattr(ruledata, "_own_code_files", lambda: [changed, schema])
        ruledata._own_code.cache_clear()
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
        ruledata._own_code.cache_clear()


@pytest.fixture()
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files changed a moment ago count as settled (a test cannot wait the seconds, and cannot date a
    ctime back), so that their stats are remembered and trusted."""
    monkeypatch.setattr(cache, "SETTLED_NS", 0)


def _settle(*paths: Path) -> int:
    """Date the files' mtime a minute back, mid-second; the mtime in nanoseconds they now have."""
    past = (os.stat(paths[0]).st_mtime_ns // 10**9 - 60) * 10**9 + 123_456_789
    for p in paths:
        os.utime(p, ns=(past, past))
    return past


def test_unchanged_files_are_answered_by_their_stats_without_reading_them(private_cache: Path, tmp_path: Path,
                                                                         settled: None) -> None:
    source = tmp_path / "data.toml"
    source.write_text("a = 1\n", encoding="utf-8")
    _settle(source)
    reads: list[int] = []

    def inputs() -> list[bytes]:
        reads.append(1)
        return [source.read_bytes()]

    cache._stat_indexes.clear()
    assert cache.cached("demo", inputs, lambda: "built", files=[source]) == "built"
    assert reads == [1]
    cache._stat_indexes.clear()  # as a new run: the stat index is read back from the folder
    assert cache.cached("demo", inputs, lambda: "again", files=[source]) == "built"
    assert reads == [1]  # neither read nor hashed
    assert (private_cache / cache.STAT_INDEX).is_file()


def test_an_edit_in_the_same_second_with_the_same_size_is_seen(private_cache: Path, tmp_path: Path, settled: None) -> None:
    # a stat key of (size, mtime in seconds) would miss this edit: the nanoseconds and the ctime see it
    source = tmp_path / "data.toml"
    source.write_text("a = 1\n", encoding="utf-8")
    past = _settle(source)
    build = lambda: source.read_text(encoding="utf-8")  # noqa: E731
    inputs = lambda: [source.read_bytes()]  # noqa: E731
    assert cache.cached("demo", inputs, build, files=[source]) == "a = 1\n"
    source.write_text("a = 2\n", encoding="utf-8")  # same size, same inode
    os.utime(source, ns=(past, past + 1))  # the same second, one nanosecond later
    cache._stat_indexes.clear()
    assert cache.cached("demo", inputs, build, files=[source]) == "a = 2\n"
    # the mtime put back exactly as it was: the write still changed the ctime
    source.write_text("a = 3\n", encoding="utf-8")
    os.utime(source, ns=(past, past + 1))
    cache._stat_indexes.clear()
    assert cache.cached("demo", inputs, build, files=[source]) == "a = 3\n"


def test_a_file_changed_just_now_is_not_answered_by_its_stat(private_cache: Path, tmp_path: Path) -> None:
    # within the file system's timestamp granularity a second edit could leave the stat as it was:
    # a file changed in the last seconds is hashed, and its stat not remembered, until it settles
    source = tmp_path / "data.toml"
    source.write_text("a = 1\n", encoding="utf-8")
    reads: list[int] = []

    def inputs() -> list[bytes]:
        reads.append(1)
        return [source.read_bytes()]

    cache.cached("demo", inputs, lambda: 1, files=[source])
    cache._stat_indexes.clear()
    cache.cached("demo", inputs, lambda: 1, files=[source])
    assert reads == [1, 1]
    assert not (private_cache / cache.STAT_INDEX).exists()
    _settle(source)  # an old mtime does not settle it: its ctime is of a moment ago
    cache.cached("demo", inputs, lambda: 1, files=[source])
    assert reads == [1, 1, 1]


def test_an_edited_rule_file_of_the_same_size_is_reloaded(private_cache: Path, tmp_path: Path, settled: None,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    registry = rules / "registry.toml"
    past = _settle(registry)
    monkeypatch.setattr(ruledata, "_shipped_root", lambda: rules)
    ruledata._shipped_registry.cache_clear()
    cache._stat_indexes.clear()
    try:
        before = ruledata._shipped_registry()
        text = registry.read_text(encoding="utf-8")
        edited = text.replace('issuer = "Bộ Chính trị"', 'issuer = "Bộ Chính trỊ"', 1)  # same byte count
        assert edited != text and len(edited.encode()) == len(text.encode())
        registry.write_text(edited, encoding="utf-8")
        os.utime(registry, ns=(past, past))  # even with its mtime put back
        ruledata._shipped_registry.cache_clear()
        cache._stat_indexes.clear()
        assert ruledata._shipped_registry() != before
    finally:
        ruledata._shipped_registry.cache_clear()


def test_kept_regexes_match_as_re_compiles_them(tmp_path: Path) -> None:
    # the command line keeps the patterns' compiled form between runs (checker/recache.py): a pattern
    # built from the kept form must find exactly what re's own compiling finds, and a damaged file
    # must only mean compiling as usual
    import subprocess
    import sys

    code = (
        "import re, sys\n"
        "from checker import recache\n"
        "recache.install()\n"
        "import checker.api, checker.engine\n"
        "checker.engine.all_rules()\n"
        "import hashlib\n"
        "texts = ['Quyết định số 274/QĐ-UBND ngày 05/01/2024 của UBND tỉnh', 'đã đã tổ chức (hội nghị', 'ABC-12 x']\n"
        "pats = [(p.pattern, p.flags) for p in list(re._cache.values()) if isinstance(p, re.Pattern) and isinstance(p.pattern, str)]\n"
        "found = []\n"
        "for pattern, flags in pats[:400]:\n"
        "    mine = re.compile(pattern, flags)\n"
        "    found.append([(m.span(), m.groups()) for t in texts for m in mine.finditer(t)])\n"
        "print(len(pats), hashlib.sha256(repr(found).encode()).hexdigest())\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    plain = subprocess.run([sys.executable, "-c", code.replace("recache.install()", "pass")], capture_output=True, text=True, env=env, check=True)
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    kept = list((tmp_path / "baocao-lint").glob("regex-*.marshal"))
    assert len(kept) == 1 and kept[0].stat().st_size > 1000  # written at exit
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert int(again.stdout.split()[0]) > 100
    assert first.stdout == again.stdout == plain.stdout  # same patterns, same matches
    kept[0].write_bytes(b"\x00damaged")
    damaged = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert damaged.stdout == plain.stdout


def test_kept_dataclass_code_is_what_dataclasses_compiles(tmp_path: Path) -> None:
    # the command line keeps the compiled code of the dataclasses' generated methods between runs
    # (checker/codecache.py): every method built from the kept code must be the one `dataclasses`
    # compiles itself, and a damaged file must only mean compiling as usual
    import subprocess
    import sys

    code = (
        "import dataclasses, hashlib, sys, types\n"
        "from checker import codecache\n"
        "codecache.install()\n"
        "import checker.api, checker.batch, checker.engine\n"
        "checker.engine.all_rules()\n"
        "def same(c):\n"  # what a code object is made of (marshal's bytes depend on reference counts)
        "    return (c.co_name, getattr(c, 'co_qualname', ''), c.co_code, c.co_names, c.co_varnames, c.co_freevars, c.co_cellvars,\n"
        "            c.co_argcount, c.co_kwonlyargcount, c.co_flags, c.co_linetable,\n"
        "            tuple(same(k) if isinstance(k, types.CodeType) else repr(k) for k in c.co_consts))\n"
        "seen = []\n"
        "for name, mod in sorted(sys.modules.items()):\n"
        "    if not name.startswith('checker') or mod is None:\n"
        "        continue\n"
        "    for cls in vars(mod).values():\n"
        "        if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == name:\n"
        "            for attr, fn in sorted(vars(cls).items()):\n"
        "                if callable(fn) and getattr(fn, '__code__', None) is not None and fn.__code__.co_filename == '<string>':\n"
        "                    seen.append((name, cls.__qualname__, attr, fn.__qualname__, same(fn.__code__), fn.__defaults__, fn.__kwdefaults__ and sorted(fn.__kwdefaults__)))\n"
        "print(len(seen), hashlib.sha256(repr(seen).encode()).hexdigest())\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    plain = subprocess.run([sys.executable, "-c", code.replace("codecache.install()", "pass")], capture_output=True, text=True, env=env, check=True)
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    kept = list((tmp_path / "baocao-lint").glob("dataclass-code-*.marshal"))
    assert len(kept) == 1 and kept[0].stat().st_size > 1000  # written at exit
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert int(again.stdout.split()[0]) > 200  # the package's dataclasses' __init__, __repr__, __eq__ …
    assert first.stdout == again.stdout == plain.stdout  # the same methods, compiled or kept
    kept[0].write_bytes(b"\x00damaged")
    damaged = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert damaged.stdout == plain.stdout


def test_what_a_worker_compiles_is_kept_and_merged(tmp_path: Path) -> None:
    # a worker process leaves without atexit: the regexes and dataclass methods it compiled for its
    # files must still reach the kept files (else every run's worker compiles them again), and a
    # later run that compiles something else must add to the files, not replace what they hold
    import marshal
    import subprocess
    import sys

    worker = (
        "import dataclasses, re\n"
        "from checker import codecache, recache\n"
        "recache.install(); codecache.install()\n"
        "from checker.isolation import run_isolated\n"
        "from checker.report import FileReport\n"
        "def work(p):\n"
        "    re.compile('only in the worker ' + p)\n"
        "    dataclasses.make_dataclass('OnlyInTheWorker', [('only_in_the_worker_' + p, int)])\n"
        "    return FileReport(path=p, format='txt')\n"
        "print([rep.path for _, rep in run_isolated(['a', 'b'], work, 1)])\n"
    )
    parent = (
        "import dataclasses, re\n"
        "from checker import codecache, recache\n"
        "recache.install(); codecache.install()\n"
        "re.compile('only in the parent')\n"
        "dataclasses.make_dataclass('OnlyInTheParent', [('only_in_the_parent', int)])\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", worker], capture_output=True, text=True, env=env, check=True)
    assert done.stdout.strip() == "['a', 'b']"
    subprocess.run([sys.executable, "-c", parent], capture_output=True, text=True, env=env, check=True)
    folder = tmp_path / "baocao-lint"
    (regex_file,) = folder.glob("regex-*.marshal")
    (code_file,) = folder.glob("dataclass-code-*.marshal")
    patterns = {key[1] for key in marshal.loads(regex_file.read_bytes())["entries"]}
    assert {"only in the worker a", "only in the worker b", "only in the parent"} <= patterns
    sources = "\n".join(marshal.loads(code_file.read_bytes())["entries"])
    for field_name in ("only_in_the_worker_a", "only_in_the_worker_b", "only_in_the_parent"):
        assert field_name in sources


# -- bounds (issue 15): a cache that lives for months across edits, installs and worktrees -----------
def _files(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Each file of the folder with its size, modification time and inode: a rewrite changes one."""
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns, p.stat().st_ino) for p in folder.iterdir()}


def test_kept_marshal_drops_what_no_recent_run_used(tmp_path: Path) -> None:
    # each "version" (an edit, an install) compiles a few patterns of its own besides the common
    # ones: what no run used in the last KEEP_GENERATIONS rewrites goes, so the file stays bounded
    common = {f"common {i}": i for i in range(50)}
    sizes = []
    for version in range(60):
        kept = cache.KeptMarshal(tmp_path, "demo-x.marshal", "demo", limit=10_000)
        assert kept.stored.keys() >= (common.keys() if version else set())
        kept.used.update(common)
        kept.used.update({f"version {version} pattern {j}": j for j in range(20)})
        kept.save()
        sizes.append((tmp_path / "demo-x.marshal").stat().st_size)
    final = cache.KeptMarshal(tmp_path, "demo-x.marshal", "demo", limit=10_000).stored
    assert len(final) == len(common) + 20 * cache.KeptMarshal.KEEP_GENERATIONS
    assert "version 59 pattern 0" in final and "version 0 pattern 0" not in final
    assert max(sizes[20:]) == min(sizes[20:]) or max(sizes[20:]) < sizes[cache.KeptMarshal.KEEP_GENERATIONS] * 1.1


def test_kept_marshal_a_run_that_finds_everything_writes_nothing(tmp_path: Path) -> None:
    first = cache.KeptMarshal(tmp_path, "demo-x.marshal", "demo", limit=100)
    first.used.update({"a": 1, "b": 2})
    first.save()
    before = _files(tmp_path)
    again = cache.KeptMarshal(tmp_path, "demo-x.marshal", "demo", limit=100)
    again.used.update({"a": 1})
    again.save()
    assert _files(tmp_path) == before


def test_kept_marshal_of_an_older_format_is_replaced(tmp_path: Path) -> None:
    # the first format was the bare dict, never pruned (1 MB after a day of edits): read as empty
    import marshal

    (tmp_path / "demo-x.marshal").write_bytes(marshal.dumps({f"old {i}": i for i in range(1000)}))
    kept = cache.KeptMarshal(tmp_path, "demo-x.marshal", "demo", limit=100)
    assert kept.stored == {}
    kept.used["new"] = 1
    kept.save()
    assert cache.KeptMarshal(tmp_path, "demo-x.marshal", "demo", limit=100).stored == {"new": 1}


def test_entries_of_a_kind_are_bounded(private_cache: Path) -> None:
    for version in range(12):
        assert cache.cached("demo", [str(version).encode()], lambda v=version: v) == version
    assert len(list(private_cache.glob("demo-*.pickle"))) == cache.KEEP_PER_KIND
    # the newest are those kept: read back without building
    assert cache.cached("demo", [b"11"], lambda: "built again") == 11
    assert cache.cached("demo", [b"0"], lambda: "built again") == "built again"


def test_two_copies_sharing_the_folder_do_not_rewrite_it_on_every_start(private_cache: Path, tmp_path: Path,
                                                                       settled: None) -> None:
    # two worktrees (or an install and a clone) with the same rule file at two paths: each keeps its
    # own stat key, so once both have run, neither hashes its files again nor rewrites the index
    copies = []
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        source = tmp_path / name / "data.toml"
        source.write_text("a = 1\n", encoding="utf-8")
        _settle(source)
        copies.append(source)
    reads: list[Path] = []

    def run(source: Path) -> object:
        cache._stat_indexes.clear()  # as a new process
        return cache.cached("demo", lambda: reads.append(source) or [source.read_bytes()], lambda: "built", files=[source])

    for source in copies:
        run(source)
    before, reads[:] = _files(private_cache), []
    for _ in range(3):
        for source in copies:
            assert run(source) == "built"
    assert reads == []
    assert _files(private_cache) == before


def test_the_stat_index_is_bounded(private_cache: Path, tmp_path: Path, settled: None,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "MAX_STAT_ENTRIES", 5)
    for i in range(12):
        source = tmp_path / f"data-{i}.toml"
        source.write_text("a = 1\n", encoding="utf-8")
        _settle(source)
        cache._stat_indexes.clear()
        cache.cached("demo", lambda s=source: [s.read_bytes()], lambda: "built", files=[source])
    index = cache._read_stat_index(private_cache)
    assert len(index) == 5
    assert any(name.endswith("data-11.toml") for name in index)


def test_blobs_are_bounded_by_count_and_size(private_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "MAX_BLOB_ENTRIES", 6)
    monkeypatch.setattr(cache, "MAX_BLOB_BYTES", 10_000)
    order: list[str] = []

    def add(key: bytes, data: bytes) -> None:
        known = {p.name for p in private_cache.glob("blob-*.bin")}
        assert cache.cached_blob("demo", key, lambda: data) == data
        (new,) = {p.name for p in private_cache.glob("blob-*.bin")} - known
        order.append(new)
        stamp = 1_700_000_000 + len(order)  # written one second apart: the oldest go first
        os.utime(private_cache / new, (stamp, stamp))

    for i in range(10):
        add(str(i).encode(), b"x" * 100)
    assert sorted(p.name for p in private_cache.glob("blob-*.bin")) == sorted(order[-6:])
    for i in range(10, 14):
        add(str(i).encode(), b"y" * 3000)
    blobs = {p.name: p.stat().st_size for p in private_cache.glob("blob-*.bin")}
    assert sum(blobs.values()) <= 10_000 and order[-1] in blobs
    # the one just written is always kept, even alone over the size bound
    add(b"big", b"z" * 20_000)
    assert [p.name for p in private_cache.glob("blob-*.bin")] == [order[-1]]


def test_kept_word_tries_are_the_ones_built(tmp_path: Path) -> None:
    # checker/scan.py's alternations of the rule data's words are kept with the compiled patterns
    # (recache.kept_text): a run with the kept texts builds no trie and gets the very same patterns
    import subprocess
    import sys

    code = (
        "import hashlib, sys\n"
        "from checker import recache\n"
        "recache.install()\n"
        "import checker.scan as scan\n"
        "calls = []\n"
        "real = scan._trie\n"
        "scan._trie = lambda *a: calls.append(1) or real(*a)\n"
        "import checker.api, checker.engine, checker.entities\n"
        "checker.engine.all_rules()\n"
        "regex, starts = checker.entities.citation_pattern()\n"
        "texts = [regex.pattern, starts.pattern, scan.word_trie(['kế hoạch', 'kết luận', 'ke'])]\n"
        "print(len(calls) > 0, hashlib.sha256(repr(texts).encode()).hexdigest())\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}

    def run(source: str) -> list[str]:
        return subprocess.run([sys.executable, "-c", source], capture_output=True, text=True, env=env, check=True).stdout.split()

    plain = run(code.replace("recache.install()", "pass"))
    first, again = run(code), run(code)
    assert plain[0] == first[0] == "True" and again[0] == "False"  # built, built, read back
    assert plain[1] == first[1] == again[1]


def test_kept_marshal_savers_at_the_same_moment_lose_nothing(tmp_path: Path) -> None:
    # the command and its workers save as they stop, often at once: each one's entries must survive
    # the others' (without the lock, the last writer's merge dropped what another had just added)
    start_r, start_w = os.pipe()
    children = []
    for i in range(8):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            code = 1
            try:
                os.close(start_w)
                kept = cache.KeptMarshal(tmp_path, "demo-x.marshal", "demo", limit=10_000)
                kept.used.update({f"child {i} entry {j}": j for j in range(200)})
                os.read(start_r, 1)  # every child has read the file: now all save at once
                kept.save()
                code = 0
            finally:
                os._exit(code)
        children.append(pid)
    os.close(start_r)
    os.close(start_w)  # the children's reads return: go
    for pid in children:
        assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0
    stored = cache.KeptMarshal(tmp_path, "demo-x.marshal", "demo", limit=10_000).stored
    assert len(stored) == 8 * 200


def test_files_of_kinds_and_versions_no_longer_used_are_pruned_once_unused(private_cache: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # a long-used folder: Lark's whole-parser entries of older versions, another version's kept
    # regexes, a removed grammar's tables, a killed run's temporary file. Each goes once no run has
    # read or written it for UNUSED_SECONDS (TMP_SECONDS for a temporary file); this version's own
    # files, blobs (their own rule) and files that are not the cache's stay, however old
    from checker import codecache, recache

    private_cache.mkdir(parents=True, mode=0o700)
    now = 1_800_000_000.0
    old, lately = now - cache.UNUSED_SECONDS - 60, now - cache.UNUSED_SECONDS + 3600
    stale = ["date.lark.cache", "number.lark.cache", "symbol.lark.cache", "gone.lark.cache",
             "lark-gone-" + "0" * 32 + ".pickle", "regex-3.9.1-20171005-0.0.9.marshal",
             "dataclass-code-cpython-310-00000000-0.0.9.marshal", ".oldfamily.lock"]
    kept = ["lark-date-" + "1" * 32 + ".pickle", "the-thuc-" + "2" * 32 + ".pickle", "doctypes-" + "3" * 32 + ".pickle",
            recache.file_name(), codecache.file_name(), cache.STAT_INDEX, ".regex.lock", ".dataclass-code.lock",
            "blob-ocr-text-" + "4" * 40 + ".bin", "notes.txt"]
    for name in [*stale, *kept]:
        (private_cache / name).write_bytes(b"x")
        os.utime(private_cache / name, (old, old))
    # used lately by another copy of the package: read (access time) or written (modification time)
    (private_cache / "breakdown.lark.cache").write_bytes(b"x")
    os.utime(private_cache / "breakdown.lark.cache", (lately, old))
    (private_cache / "regex-3.12.0-20230612-0.1.0.marshal").write_bytes(b"x")
    os.utime(private_cache / "regex-3.12.0-20230612-0.1.0.marshal", (old, lately))
    for name, age in ((".regex-1-2-0.tmp", cache.TMP_SECONDS + 60), (".stat-keys-3-4-0.tmp", 60)):
        (private_cache / name).write_bytes(b"x")
        os.utime(private_cache / name, (now - age, now - age))

    assert cache.prune_unused(private_cache, now=now) == len(stale) + 1
    left = sorted(p.name for p in private_cache.iterdir())
    assert left == sorted([*kept, "breakdown.lark.cache", "regex-3.12.0-20230612-0.1.0.marshal", ".stat-keys-3-4-0.tmp"])

    # a run prunes the first time it writes into the folder, once; a run that writes nothing never lists it
    listed: list[Path] = []
    real_prune = cache.prune_unused
    monkeypatch.setattr(cache, "prune_unused", lambda folder, now=None: listed.append(folder) or real_prune(folder, now))
    monkeypatch.setattr(cache, "_pruned", False)
    assert cache.cached("demo", [b"a"], lambda: 1) == 1
    assert listed == [private_cache]
    assert cache.cached("demo", [b"b"], lambda: 2) == 2 and cache.cached_blob("demo", b"k", lambda: b"v") == b"v"
    assert listed == [private_cache]
    monkeypatch.setattr(cache, "_pruned", False)  # a new run, which finds what it needs
    assert cache.cached("demo", [b"a"], lambda: 3) == 1
    assert listed == [private_cache]


def test_every_kind_of_pickle_the_package_keeps_is_known_to_the_pruning() -> None:
    # prune_unused removes the pickles of a kind this version does not use: every kind the code asks
    # `cached` for (a literal at its call) is one it keeps
    import re

    package = Path(cache.__file__).parent
    kinds = set()
    for source in package.rglob("*.py"):
        kinds.update(re.findall(r"""\b(?:cached|_cached_files)\(\s*"([^"]+)\"""", source.read_text(encoding="utf-8")))
    assert kinds and kinds <= cache.PICKLE_KINDS, kinds - cache.PICKLE_KINDS
    assert cache._current_names()[0] >= {"lark-date", "lark-number", "lark-symbol", "lark-breakdown"}
