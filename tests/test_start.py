"""What the command line's start loads (issue 19: a fast start for hooks that run it once per file).

Each test runs the command in a fresh interpreter, as a user does, with a private cache folder.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

PAGE = "BÁO CÁO\nKết quả công tác năm 2024\nNgày 15 tháng 12 năm 2024, đã tiếp 12 lượt công dân.\n"


def _run(code: str, tmp_path: Path, *args: str) -> str:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True)
    return done.stdout.strip()


def test_a_check_loads_neither_lark_nor_interegular_and_both_stay_importable(tmp_path: Path) -> None:
    # the parsers run their cached tables with checker/lalr.py: the command imports no module of
    # Lark's, nor `interegular` (a test extra that Lark imports whenever it is installed); a later
    # `import lark.lexer` gets Lark whole, strict mode included
    pytest.importorskip("interegular")
    page = tmp_path / "bao-cao.txt"
    page.write_text(PAGE, encoding="utf-8")
    code = (
        "import io, sys, contextlib\n"
        "from checker.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['check', sys.argv[1], '--jobs', '1', '--quiet'])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('lark', 'interegular'))\n"
        "import lark.lexer, interegular\n"
        "print(loaded, lark.lexer.has_interegular, interegular.__name__)\n"
    )
    assert _run(code, tmp_path, str(page)) == "[] True interegular"


def test_lark_is_not_hidden_from_interegular_once_it_is_loaded(tmp_path: Path) -> None:
    # a program (a test) that loaded interegular first keeps Lark's strict mode
    pytest.importorskip("interegular")
    page = tmp_path / "bao-cao.txt"
    page.write_text(PAGE, encoding="utf-8")
    code = (
        "import io, sys, contextlib\n"
        "import interegular\n"
        "from checker.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['check', sys.argv[1], '--jobs', '1', '--quiet'])\n"
        "import lark.lexer\n"
        "print(lark.lexer.has_interegular)\n"
    )
    assert _run(code, tmp_path, str(page)) == "True"


def test_a_check_of_a_text_file_does_not_import_multiprocessing(tmp_path: Path) -> None:
    # the worker that isolates each file is forked with os.fork and pipes (checker/isolation.py):
    # multiprocessing, with its socket and subprocess modules, was ~15 ms of a one-file check's start
    page = tmp_path / "bao-cao.txt"
    page.write_text(PAGE, encoding="utf-8")
    code = (
        "import io, sys, contextlib\n"
        "from checker.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    status = main(['check', sys.argv[1], '--jobs', '1', '--quiet', '--fail-on', 'never'])\n"
        "print(status, sorted(m for m in ('multiprocessing', 'socket') if m in sys.modules))\n"
    )
    _run(code, tmp_path, str(page))  # the first run validates the rule data (pydantic imports socket)
    assert _run(code, tmp_path, str(page)) == "0 []"


def test_the_collector_is_paused_for_the_start_only(tmp_path: Path) -> None:
    # `main` pauses the cyclic collector while a check loads its modules and rule data, and gives it
    # back before the files are checked and on the way out; other commands get it back at once
    page = tmp_path / "bao-cao.txt"
    page.write_text(PAGE, encoding="utf-8")
    code = (
        "import gc, io, sys, contextlib\n"
        "import checker.batch as batch\n"
        "from checker.cli import main\n"
        "seen = []\n"
        "real = batch.run_batch\n"
        "def run_batch(*a, **k):\n"
        "    seen.append(gc.isenabled())\n"
        "    return real(*a, **k)\n"
        "batch.run_batch = run_batch\n"
        "import checker.cli as cli\n"
        "real_rules = cli.cmd_rules\n"
        "def cmd_rules(args):\n"
        "    seen.append(gc.isenabled())\n"
        "    return real_rules(args)\n"
        "cli.cmd_rules = cmd_rules\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['check', sys.argv[1], '--jobs', '1', '--quiet'])\n"
        "    seen.append(gc.isenabled())\n"
        "    main(['rules'])\n"
        "    seen.append(gc.isenabled())\n"
        "print(seen)\n"
    )
    assert _run(code, tmp_path, str(page)) == "[True, True, True, True]"


def test_a_worker_leaves_what_it_inherits_out_of_its_collections(tmp_path: Path) -> None:
    # the objects a worker inherits are frozen in it (a collection would write to their pages, each
    # then copied after the fork); the command itself takes them back
    code = (
        "import gc\n"
        "from checker.isolation import run_isolated\n"
        "from checker.report import FileReport\n"
        "def work(p):\n"
        "    return FileReport(path=p, format='txt', error=str(gc.get_freeze_count() > 1000))\n"
        "print([rep.error for _, rep in run_isolated(['a'], work, 1)], gc.get_freeze_count())\n"
    )
    assert _run(code, tmp_path) == "['True'] 0"


def test_the_command_ends_without_teardown_yet_flushes_and_saves(tmp_path: Path) -> None:
    # the command's process ends with os._exit once its work is done (the interpreter's teardown was a
    # quarter of a one-page check): every byte of a long output still arrives, the exit status is the
    # command's, and the atexit handlers ran (the kept regexes are written to a fresh cache)
    pages = []
    for i in range(40):
        page = tmp_path / f"bao-cao-{i:02d}.txt"
        page.write_text(PAGE + f"Đã tiếp {i} lượt công dân , đạt 50%.\n" * 20, encoding="utf-8")
        pages.append(str(page))
    args = ["check", *pages, "--jobs", "1", "--format", "json", "--fail-on", "info"]
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-m", "checker.cli", *args], capture_output=True, env=env)
    in_process = (
        "import io, sys, contextlib\n"
        "from checker.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    status = main(sys.argv[1:])\n"
        "sys.stdout.write(out.getvalue())\n"
        "sys.exit(status)\n"
    )
    reference = subprocess.run([sys.executable, "-c", in_process, *args], capture_output=True, env=env)
    assert done.returncode == reference.returncode == 1  # findings at info level
    assert len(done.stdout) > 100_000 and done.stdout == reference.stdout
    # `rules` forks no worker: only its atexit handler writes the kept regexes
    env["XDG_CACHE_HOME"] = str(tmp_path / "fresh")
    listed = subprocess.run([sys.executable, "-m", "checker.cli", "rules"], capture_output=True, env=env)
    assert listed.returncode == 0 and listed.stdout.count(b"\n") > 50
    assert list((tmp_path / "fresh" / "baocao-lint").glob("regex-*.marshal"))


# What a one-page `--quiet` text check must not load, in the command or in its worker: each is a
# module the run does not use (a TOML parser when the rule data come from the cache and no
# configuration names us, JSON for text output, the web desk, the .zip reader, other reporters,
# pydantic, rich).
NOT_LOADED_BY_A_TEXT_CHECK = (
    "tomllib", "json", "pydantic", "rich", "multiprocessing", "socket",
    "checker.serve", "checker.serve.main", "checker.ingest.bundle",
    "checker.reporters.json_out", "checker.reporters.sarif", "checker.reporters.html", "checker.reporters.github",
)
# Standard modules nothing on the check path imports any more: the caches (rule data, parse tables)
# hash nothing and write no temporary file while the files' stats are unchanged, the rule and grammar
# folders are found without importlib.resources (which brings zipfile), and Lark's grammar compiler
# (`lark.lark`, which imports tempfile and hashlib) is off the check path.
STDLIB_OFF_THE_CHECK_PATH = (
    "hashlib", "tempfile", "shutil", "bz2", "lzma", "random", "importlib.resources", "zipfile", "lark.lark",
)

_REPORT_MODULES = (
    "repr((sorted(WATCHED & set(sys.modules)), sorted(m for m in sys.modules if m.startswith('checker')),"
    " 'lark.lark' in sys.modules))"
)


def _imports_when_loaded(module: str) -> set[str]:
    """The modules `module`'s source imports when it is loaded: at its top level, in class bodies and
    under module-level `if`/`try`, not inside functions (those run when used)."""
    import ast
    import importlib.util

    spec = importlib.util.find_spec(module)
    if spec is None or not spec.origin or not spec.origin.endswith(".py"):
        return set()
    found: set[str] = set()
    todo = list(ast.parse(Path(spec.origin).read_text(encoding="utf-8")).body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            todo.extend(n for n in ast.iter_child_nodes(node) if isinstance(n, ast.stmt))
    return found


def test_a_one_page_text_check_loads_only_what_it_uses(tmp_path: Path) -> None:
    # in a fresh interpreter, the second run (rule data, regexes and methods from the cache), from a
    # folder without configuration: what the command and its worker loaded
    page = tmp_path / "bao-cao.txt"
    page.write_text(PAGE, encoding="utf-8")
    report = tmp_path / "worker-modules.txt"
    watched = NOT_LOADED_BY_A_TEXT_CHECK + STDLIB_OFF_THE_CHECK_PATH
    code = (
        "import io, sys, contextlib\n"
        f"WATCHED = set({watched!r})\n"
        "import checker.batch as batch\n"
        "real = batch.check\n"
        "def check(*a, **k):\n"  # runs in the worker: what it loaded once its file is checked
        "    rep = real(*a, **k)\n"
        "    with open(sys.argv[2], 'w') as fh:\n"
        f"        fh.write({_REPORT_MODULES})\n"
        "    return rep\n"
        "batch.check = check\n"
        "from checker.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['check', sys.argv[1], '--jobs', '1', '--quiet'])\n"
        f"print({_REPORT_MODULES})\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    args = [sys.executable, "-c", code, str(page), str(report)]
    subprocess.run(args, capture_output=True, text=True, env=env, check=True, cwd=tmp_path)  # fills the cache
    done = subprocess.run(args, capture_output=True, text=True, env=env, check=True, cwd=tmp_path)
    import ast

    for where, (loaded, ours, lark_compiler) in (
        ("command", ast.literal_eval(done.stdout.strip())), ("worker", ast.literal_eval(report.read_text())),
    ):
        assert "checker.api" in ours and "checker.checks.style" in ours
        assert not set(loaded) & set(NOT_LOADED_BY_A_TEXT_CHECK), where
        assert not set(loaded) & set(STDLIB_OFF_THE_CHECK_PATH), where
        assert not lark_compiler, where
        for module in ours:  # nor does any module of ours import them when it is loaded
            assert not _imports_when_loaded(module) & set(STDLIB_OFF_THE_CHECK_PATH), (where, module)


def test_the_warm_up_runs_only_when_several_workers_are_forked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # one worker would load the rule data, grammars and patterns for its first file anyway: checking
    # the warm-up report before forking it only adds that report's check to the start
    import checker.batch as batch
    from checker.context import Options

    files = []
    for i in range(3):
        page = tmp_path / f"bao-cao-{i}.txt"
        page.write_text(PAGE, encoding="utf-8")
        files.append(str(page))
    warmed: list[tuple[int, int]] = []
    real = batch._warm_up
    for n, jobs in ((1, 1), (1, 2), (3, 1), (2, 2), (3, 2)):
        monkeypatch.setattr(batch, "_warm_up", lambda opts, n=n, jobs=jobs: (warmed.append((n, jobs)), real(opts)))
        reports = batch.run_batch(files[:n], Options(), jobs=jobs)
        assert [r.path for r in reports] == files[:n] and not any(r.error for r in reports)
    assert warmed == [(2, 2), (3, 2)]


def test_what_the_start_loaded_is_frozen_in_the_command_only(tmp_path: Path) -> None:
    # the collector's first passes after the start's pause walked every object the start made (all
    # young): the command moves them to the permanent generation before checking files; a program
    # calling main(argv) keeps everything collectable (it may call it again and again)
    page = tmp_path / "bao-cao.txt"
    page.write_text(PAGE, encoding="utf-8")
    command = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print(gc.get_freeze_count(), gc.isenabled()))\n"  # run by the command's end
        "from checker.cli import main\n"
        "sys.argv = ['baocao-lint', 'check', sys.argv[1], '--jobs', '1', '--quiet']\n"
        "main()\n"
    )
    frozen, enabled = _run(command, tmp_path, str(page)).splitlines()[-1].split()
    assert int(frozen) > 10_000 and enabled == "True"
    library = (
        "import gc, io, sys, contextlib\n"
        "from checker.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['check', sys.argv[1], '--jobs', '1', '--quiet'])\n"
        "print(gc.get_freeze_count(), gc.isenabled())\n"
    )
    assert _run(library, tmp_path, str(page)) == "0 True"


def _dataclasses_without_docstring(root: Path) -> list[str]:
    missing = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ClassDef):
                continue
            decorators = [d.func if isinstance(d, ast.Call) else d for d in node.decorator_list]
            names = {d.attr if isinstance(d, ast.Attribute) else getattr(d, "id", "") for d in decorators}
            if "dataclass" in names and ast.get_docstring(node) is None:
                missing.append(f"{path.relative_to(root.parent)}:{node.lineno} {node.name}")
    return missing


def test_every_dataclass_of_the_package_has_a_docstring() -> None:
    # `dataclasses` makes a docstring from `inspect.signature` for a class that has none, at import:
    # 43 such classes were ~3 ms of a one-page check's start. checker/checks/ belongs to the rules'
    # engineer this round (format_pdf.PdfFacts has none yet, and is not on the text path).
    package = Path(__file__).resolve().parent.parent / "checker"
    missing = [m for m in _dataclasses_without_docstring(package) if not m.startswith("checker/checks/")]
    assert missing == []


def test_a_check_makes_no_dataclass_docstring_at_its_start(tmp_path: Path) -> None:
    # the same, as the command runs: no class created during a one-page check needs a signature
    page = tmp_path / "bao-cao.txt"
    page.write_text(PAGE, encoding="utf-8")
    code = (
        "import io, sys, contextlib, dataclasses\n"
        "made = []\n"
        "real = dataclasses._process_class\n"
        "def process(cls, *a, **k):\n"
        "    if not cls.__doc__:\n"
        "        made.append(cls.__qualname__)\n"
        "    return real(cls, *a, **k)\n"
        "dataclasses._process_class = process\n"
        "from checker.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['check', sys.argv[1], '--jobs', '1', '--quiet'])\n"
        "print(made)\n"
    )
    _run(code, tmp_path, str(page))  # the first run validates the rule data (pydantic's own classes)
    assert _run(code, tmp_path, str(page)) == "[]"


def test_the_command_forks_its_worker_without_counting_what_it_froze(tmp_path: Path) -> None:
    # `gc.get_freeze_count` walks the whole permanent generation: ~2 ms before each fork once the
    # command froze its start. The command says it froze (isolation.freeze_start), and its start stays
    # frozen in the command and in the worker
    page = tmp_path / "bao-cao.txt"
    page.write_text(PAGE, encoding="utf-8")
    code = (
        "import atexit, gc, sys\n"
        "counted = []\n"
        "real = gc.get_freeze_count\n"
        "gc.get_freeze_count = lambda: counted.append(1) or real()\n"
        "atexit.register(lambda: print('counted', len(counted), real() > 1000))\n"
        "sys.argv = ['baocao-lint', 'check', sys.argv[1], '--jobs', '1', '--quiet']\n"
        "from checker.cli import main\n"
        "main()\n"
    )
    assert _run(code, tmp_path, str(page)).splitlines()[-1] == "counted 0 True"


def test_a_second_identical_run_writes_nothing_in_the_cache(tmp_path: Path) -> None:
    # issue 15: a cache in its steady state is only read; a run that rewrote a file on every start (the
    # stat index, when two copies of the package shared the folder) paid for it at each start
    pages = []
    for name in ("mot.txt", "hai.txt"):
        page = tmp_path / name
        page.write_text(PAGE, encoding="utf-8")
        pages.append(str(page))
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    folder = tmp_path / "cache" / "baocao-lint"

    def run(*args: str) -> dict[str, tuple[int, int, int]]:
        subprocess.run([sys.executable, "-m", "checker.cli", "check", *args, "--quiet", "--fail-on", "never"],
                       capture_output=True, env=env, check=True)
        return {p.name: (p.stat().st_size, p.stat().st_mtime_ns, p.stat().st_ino) for p in folder.iterdir()}

    for args in ([pages[0], "--jobs", "1"], [*pages, "--jobs", "2"]):
        first = run(*args)
        assert any(name.startswith("regex-") for name in first)
        assert run(*args) == first


def test_the_command_imports_dataclasses_and_pathlib_without_inspect_and_ipaddress(tmp_path: Path) -> None:
    # checker/deferred.py: dataclasses uses inspect only for the docstring of a class without one,
    # urllib.parse (imported by pathlib) uses ipaddress only for a bracketed URL host; neither is
    # loaded by the command's import, and both still work, with the real modules, when asked for
    code = (
        "import sys\n"
        "import checker.cli\n"
        "loaded = [m for m in ('inspect', 'ast', 'dis', 'ipaddress') if m in sys.modules]\n"
        "import dataclasses, inspect, urllib.parse\n"
        "@dataclasses.dataclass\n"
        "class Point:\n"
        "    x: int\n"
        "    y: 'list[str] | None' = None\n"
        "print(loaded)\n"
        "print(Point.__doc__, dataclasses.inspect.signature is inspect.signature,\n"
        "      urllib.parse.urlsplit('http://[::1]:8080/').hostname, 'inspect' in sys.modules)\n"
    )
    deferred = _run(code, tmp_path).splitlines()
    plain = _run(code.replace("import checker.cli\n", ""), tmp_path).splitlines()
    assert deferred == ["[]", "Point(x: int, y: 'list[str] | None' = None) True ::1 True"]
    assert plain[1] == deferred[1]  # the same docstring and modules as without the stand-ins
    with pytest.raises(subprocess.CalledProcessError):  # a bracketed host that is no address: refused
        _run("import checker.cli, urllib.parse; urllib.parse.urlsplit('http://[nope]/')", tmp_path)


def test_a_check_does_not_load_what_only_rare_paths_use(tmp_path: Path) -> None:
    # inspect (with ast, dis) and ipaddress: checker/deferred.py; traceback (with linecache, tokenize):
    # only when a rule crashes (checker/api.py); logging and threading: Lark's, gone with its runtime
    page = tmp_path / "bao-cao.txt"
    page.write_text(PAGE, encoding="utf-8")
    code = (
        "import io, sys, contextlib\n"
        "from checker.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['check', sys.argv[1], '--jobs', '1', '--quiet'])\n"
        "rare = ('inspect', 'ast', 'dis', 'ipaddress', 'traceback', 'linecache', 'tokenize', 'logging', 'threading')\n"
        "print([m for m in rare if m in sys.modules])\n"
    )
    _run(code, tmp_path, str(page))  # the first run validates the rule data (pydantic imports more)
    assert _run(code, tmp_path, str(page)) == "[]"


def test_a_rule_that_crashes_still_says_where_without_traceback_imported_first(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "import checker.api as api\n"
        "def broken(*a, **k):\n"
        "    raise ValueError('boom')\n"
        "api.check_source = broken\n"
        "rep = api.check(b'B\\xc3\\x81O C\\xc3\\x81O\\n', name='x.txt')\n"
        "print(rep.error)\n"
    )
    assert _run(code, tmp_path) == "lỗi nội bộ của baocao-lint (ValueError: boom tại <string>:4)"


# pieces of pyproject.toml files: the ones that configure the checker and the ones that only name it
_NAMING_ONLY = [
    'name = "baocao-lint"\n',
    '[project]\ndependencies = ["baocao-lint>=0.1", "rich"]\n',
    '[project.scripts]\nbaocao-lint = "checker.cli:main"\n',
    '[project.optional-dependencies]\nlint = ["baocao-lint==0.1"]\n',
    '[tool.ruff]\nline-length = 120  # as baocao-lint = its own\n',
    '[tool.other]\nbaocao-lint.select = ["DG"]\n',
    'baocao-lint = 1\n',
    '[project.urls]\n"baocao-lint" = "https://example.invalid"\n',
    '[project]\ndependencies = [\n  "rich",\n  "baocao-lint[pdf]>=0.1",\n]\n[project.scripts]\nbaocao-lint = "x:y"\n',
]
_CONFIGURING = [
    '[tool.baocao-lint]\nselect = ["DG"]\n',
    '[ tool . "baocao-lint" ]\nfail-on = "warning"\n',
    "[tool.'baocao-lint'.per-file-ignores]\n\"a/*.txt\" = [\"TT\"]\n",
    '[tool]\nbaocao-lint = { select = ["DG"] }\n',
    '[tool]\n"baocao-lint".lang = "en"\n',
    'tool.baocao-lint.select = ["TD"]\n',
    'tool = { baocao-lint = { year = 2024 } }\n',
    '["tool"]\n  baocao-lint.year = 2024\n',
    '[tool]\nother = 1\n[tool.baocao-lint]\nlang = "vi"\n',
    '[tool.x]\na = """\n[project]\n"""\n[tool]\nbaocao-lint = {}\n',
    '[tool]\n"baocao\\u002dlint" = { lang = "vi" }\n',
    '[tool]\nx = [\n  [1, 2],\n  ["a"]\n]\nbaocao-lint = {}\n',
    "[tool] # [project]\n'baocao-lint' = { lang = 'vi' }  # baocao-lint\n",
]


def test_a_pyproject_that_only_names_the_package_is_not_parsed() -> None:
    # find_config reads a pyproject.toml with tomllib only when `baocao-lint` may be a key of its tool
    # table: never when the verdict would be "not ours" (checked against tomllib on every combination
    # of two pieces, in both orders); and not for the package's own pyproject (its script's name)
    import itertools

    import tomllib

    from checker.config import may_configure_us

    pieces = _NAMING_ONLY + _CONFIGURING
    for a, b in itertools.product(pieces, repeat=2):
        for text in (a, a + b, a.replace("\n", "\r\n")):
            try:
                ours = "baocao-lint" in tomllib.loads(text).get("tool", {})
            except tomllib.TOMLDecodeError:
                continue
            if ours:
                assert may_configure_us(text), text
    for text in _NAMING_ONLY:
        assert not may_configure_us(text), text
    assert not may_configure_us((Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
