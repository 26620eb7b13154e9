"""Command line: `baocao-lint check|rules|explain|inspect`, as in shared/CONTRACT.md."""

from __future__ import annotations

# first: dataclasses without inspect and pathlib without ipaddress (see checker/deferred.py)
import checker.deferred  # noqa: F401

# isort: split
import argparse
import atexit
import gc
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from checker import __version__

# The rule engine, grammars and pydantic models take ~0.4 s to import; `--version` and `--help`
# must not pay for them, so every command imports what it needs when it runs.
if TYPE_CHECKING:
    from checker.batch import JsonStream, SlimReport
    from checker.config import Config
    from checker.context import Options
    from checker.outputs import OutputFile
    from checker.report import FileReport
    from checker.reporters.html import HtmlStream

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _codes(value: str | None) -> list[str]:
    return [c.strip() for c in (value or "").split(",") if c.strip()]


def build_parser(lang: str = "vi", argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser. With `argv`, the arguments it is about to parse, the options of
    `serve` are added only when they can be asked for (their module is not imported by a check)."""
    from checker.cli_help import EXIT_AND_FORMATS, HelpFormatter, translator

    t = translator(lang)
    p = argparse.ArgumentParser(
        prog="baocao-lint",
        description=t("Kiểm tra báo cáo và văn bản hành chính tiếng Việt.",
                      "Check Vietnamese administrative reports and documents."),
        epilog=EXIT_AND_FORMATS[lang], formatter_class=HelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"baocao-lint {__version__}",
                   help=t("in phiên bản rồi thoát", "print the version and exit"))
    sub = p.add_subparsers(dest="command", required=True, title=t("lệnh", "commands"), metavar="LỆNH" if lang == "vi" else "COMMAND")
    lang_help = t("ngôn ngữ của thông báo: vi (mặc định) hoặc en", "language of the messages: vi (default) or en")

    c = sub.add_parser("check", help=t("kiểm tra tệp hoặc thư mục", "check files or folders"),
                       description=t("Kiểm tra tệp hoặc thư mục và in các phát hiện.",
                                     "Check files or folders and print the findings."),
                       epilog=EXIT_AND_FORMATS[lang], formatter_class=HelpFormatter)
    c.add_argument("paths", nargs="+", metavar=t("TỆP_HOẶC_THƯ_MỤC", "FILE_OR_FOLDER"),
                   help=t("tệp hoặc thư mục cần kiểm tra", "files or folders to check"))
    c.add_argument("--format", default="text",
                   help=t("định dạng kết quả: text (mặc định), json, sarif, github, html",
                          "output format: text (default), json, sarif, github, html"))
    c.add_argument("--output", metavar=t("TỆP", "FILE"),
                   help=t("ghi kết quả vào TỆP thay vì màn hình", "write the report to FILE instead of stdout"))
    c.add_argument("--select", metavar=t("MÃ", "CODES"),
                   help=t("chỉ chạy các quy tắc này (mã hoặc tiền tố, cách nhau bằng dấu phẩy: DG,TD0,SL002)",
                          "run only these rules (codes or prefixes, comma-separated: DG,TD0,SL002)"))
    c.add_argument("--ignore", metavar=t("MÃ", "CODES"),
                   help=t("bỏ các quy tắc này (mã hoặc tiền tố)", "leave out these rules (codes or prefixes)"))
    c.add_argument("--framework", metavar=t("TÊN", "NAME"),
                   help=t("khung chấm điểm (mặc định: nhận ra từ văn bản; xem `baocao-lint frameworks`)",
                          "scoring framework (default: recognised from the text; see `baocao-lint frameworks`)"))
    c.add_argument("--template", metavar=t("TÊN", "NAME"),
                   help=t("mẫu văn bản cần đối chiếu (mặc định: theo loại văn bản)",
                          "document template to check against (default: chosen by the document's kind)"))
    c.add_argument("--year", type=int, metavar="YYYY",
                   help=t("năm báo cáo, khi không đọc được từ văn bản", "the reporting year, when the document does not say it"))
    c.add_argument("--lang", choices=["vi", "en"], help=lang_help)
    c.add_argument("--fail-on", choices=["error", "warning", "info", "never"],
                   help=t("mức thấp nhất làm mã thoát là 1 (mặc định: error)",
                          "lowest severity that makes the exit status 1 (default: error)"))
    c.add_argument("--jobs", type=int, default=None, metavar="N",
                   help=t("số tiến trình kiểm tra song song (mặc định: số lõi CPU)",
                          "worker processes for many files (default: number of cores)"))
    c.add_argument("--config", metavar=t("TỆP", "FILE"),
                   help=t("tệp cấu hình (mặc định: baocao-lint.toml hoặc [tool.baocao-lint] trong pyproject.toml, tìm ngược lên)",
                          "configuration file (default: baocao-lint.toml or [tool.baocao-lint] in pyproject.toml, searched upward)"))
    c.add_argument("--max-size", type=int, metavar="KB",
                   help=t("giới hạn kích thước một tệp, tính bằng KB", "size limit of one file, in KB"))
    c.add_argument("--timeout", type=float, metavar=t("GIÂY", "SECONDS"),
                   help=t("thời gian tối đa cho một tệp, tính bằng giây (mặc định 300)",
                          "time limit for one file, in seconds (default 300)"))
    c.add_argument("--max-memory", type=int, metavar="MB",
                   help=t("bộ nhớ tối đa của một tiến trình kiểm tra, MB (mặc định: theo máy; 0: không giới hạn)",
                          "memory limit of one worker process, in MB (default: sized for the machine; 0: none)"))
    c.add_argument("--quiet", action="store_true",
                   help=t("không in thanh tiến độ và bảng tổng hợp", "no progress bar and no summary table"))
    c.add_argument("--no-color", action="store_true", help=t("không tô màu", "no colours"))
    c.add_argument("--fix", action="store_true",
                   help=t("sửa tự động các lỗi máy móc có thể sửa (chỉ tệp .txt/.md)",
                          "apply the safe mechanical fixes (.txt/.md files only)"))
    c.add_argument("--fix-hard-links", action="store_true",
                   help=t("với --fix: sửa cả tệp có nhiều tên (liên kết cứng), ghi thẳng vào tệp để mọi tên cùng thấy",
                          "with --fix: fix a file with several names (hard links) too, written in place so every name sees it"))
    c.add_argument("--diff", action="store_true",
                   help=t("chỉ in bản so sánh các sửa đổi, không ghi tệp", "print the fixes as a diff, change no file"))
    c.add_argument("--baseline", metavar=t("TỆP", "FILE"),
                   help=t("bỏ qua các phát hiện đã chấp nhận trong tệp này", "leave out the findings accepted in this file"))
    c.add_argument("--write-baseline", metavar=t("TỆP", "FILE"),
                   help=t("ghi mọi phát hiện hiện có thành baseline", "write every current finding to a baseline file"))

    r = sub.add_parser("rules", help=t("liệt kê các quy tắc", "list the rules"), formatter_class=HelpFormatter)
    r.add_argument("--lang", choices=["vi", "en"], default="vi", help=lang_help)
    e = sub.add_parser("explain", help=t("giải thích một quy tắc", "explain a rule"), formatter_class=HelpFormatter)
    e.add_argument("code", metavar=t("MÃ", "CODE"), help=t("mã quy tắc, ví dụ DG001", "a rule code, e.g. DG001"))
    e.add_argument("--lang", choices=["vi", "en"], help=lang_help)
    i = sub.add_parser("inspect", help=t("in mô hình văn bản mà bộ kiểm tra hiểu được", "print what the checker understood"),
                       formatter_class=HelpFormatter)
    i.add_argument("path", metavar=t("TỆP", "FILE"), help=t("tệp cần xem", "the file to inspect"))
    i.add_argument("--json", action="store_true", help=t("in dạng JSON", "print as JSON"))

    a = sub.add_parser("annotate", help=t("bản Word có nhận xét (comment) tại chỗ từng phát hiện",
                                          "Word copies with a comment at each finding"), formatter_class=HelpFormatter)
    a.add_argument("paths", nargs="+", metavar=t("TỆP", "FILE"), help=t("tệp cần nhận xét", "files to annotate"))
    a.add_argument("--output-dir", metavar=t("THƯ_MỤC", "DIR"),
                   help=t("thư mục ghi bản nhận xét (mặc định: cạnh tệp gốc)", "folder for the copies (default: beside each input)"))
    for name, (vi, en) in {
        "--select": ("chỉ chạy các quy tắc này", "run only these rules"),
        "--ignore": ("bỏ các quy tắc này", "leave out these rules"),
        "--framework": ("khung chấm điểm", "scoring framework"),
        "--template": ("mẫu văn bản", "document template"),
        "--config": ("tệp cấu hình", "configuration file"),
    }.items():
        a.add_argument(name, help=t(vi, en))
    a.add_argument("--year", type=int, metavar="YYYY", help=t("năm báo cáo", "the reporting year"))
    a.add_argument("--lang", choices=["vi", "en"], help=lang_help)
    a.add_argument("--max-size", type=int, metavar="KB",
                   help=t("giới hạn kích thước tệp, tính bằng KB", "size limit of one file, in KB"))

    f = sub.add_parser("frameworks", help=t("liệt kê các khung chấm điểm (nguồn, thời gian hiệu lực)",
                                            "list the scoring frameworks (source, validity)"), formatter_class=HelpFormatter)
    f.add_argument("--config", metavar=t("TỆP", "FILE"),
                   help=t("tệp cấu hình (để thấy cả khung trong framework-dirs)",
                          "configuration file (to list the frameworks of framework-dirs too)"))
    f.add_argument("--json", action="store_true", help=t("in dạng JSON", "print as JSON"))

    serve = sub.add_parser("serve", help=t("trang kiểm tra trên trình duyệt và HTTP API", "web desk and HTTP API"),
                           formatter_class=HelpFormatter)
    if argv is None or "serve" in argv:
        from checker.serve.main import add_arguments

        add_arguments(serve, t)
    return p


def main(argv: list[str] | None = None) -> int:
    global _own_process
    _own_process = argv is None
    _pause_collector()
    try:
        status = _main(argv)
    finally:
        _resume_collector()
    if argv is None:  # the command's own process (the console script, python -m checker.cli)
        _end_process(status)
    return status


def _end_process(status: int) -> None:
    """End the command's process once its work is done, without tearing the interpreter down: freeing
    every module's objects one by one was ~50 ms of a one-page check, a quarter of it. What an exit
    does that matters still happens: the atexit handlers run (the kept regexes and dataclass code are
    saved, temporary folders removed) and the output is flushed. With a thread still running (none
    in a check) the normal exit waits for it instead."""
    threading = sys.modules.get("threading")
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    if run_exit_handlers is None or (threading is not None and threading.active_count() > 1):
        _reap_workers()
        return
    run_exit_handlers()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):  # a closed pipe: what was written is what the reader got
            pass
    _reap_workers()
    os._exit(status)


def _reap_workers() -> None:
    """The workers a check stopped without waiting for them (`isolation.defer_reaping`): gone by now,
    as they finished tearing down while the report was written; none is left behind."""
    isolation = sys.modules.get("checker.isolation")
    if isolation is not None:
        isolation.reap_stopped()


# A check's start loads ~250 modules, their functions, classes and patterns, and the rule data, all kept
# for the whole run: the collector's passes over them (~60 young, ~6 older) free nothing and were ~10 ms
# of a one-page check. It is paused for `check` until the first file is checked (`cmd_check`); every
# other command (`serve` runs for days) gets it back as soon as its arguments are read.
_collector_paused = False
# Whether this is the command's own process (the console script, `python -m checker.cli`), which ends
# with the run, rather than a program calling `main(argv)` (a test), which may call it many times.
_own_process = False


def _pause_collector() -> None:
    global _collector_paused
    if gc.isenabled():
        gc.disable()
        _collector_paused = True


def _resume_collector(*, keep_start: bool = False) -> None:
    """The collector back on. With `keep_start` (a check, in the command's own process) what the start
    loaded goes to the collector's permanent generation first (`gc.freeze`): it lives as long as the
    run, and the first passes after the pause walked all of it (every object made since the pause is
    young: three passes of 5-15 ms each in a one-page check). A program calling `main(argv)` is not
    frozen: what one call leaves as garbage must stay collectable for the next."""
    global _collector_paused
    if _collector_paused:
        if keep_start and _own_process:
            from checker.isolation import freeze_start

            freeze_start()
        gc.enable()
        _collector_paused = False


def _main(argv: list[str] | None) -> int:
    from checker import codecache, recache

    recache.install()  # the regexes' compiled form from the last run: a third of the start otherwise
    codecache.install()  # the dataclasses' generated methods, compiled in an earlier run
    from checker.cli_help import argparse_language, help_lang

    argv = sys.argv[1:] if argv is None else argv
    lang = help_lang(argv)
    with argparse_language(lang):
        args = build_parser(lang, argv).parse_args(argv)
    if args.command != "check":
        _resume_collector()
    _import_parsers()
    from checker.config import ConfigError

    try:
        if args.command == "rules":
            return cmd_rules(args)
        if args.command == "explain":
            return cmd_explain(args)
        if args.command == "inspect":
            return cmd_inspect(args)
        if args.command == "frameworks":
            return cmd_frameworks(args)
        if args.command == "annotate":
            return cmd_annotate(args)
        if args.command == "serve":
            from checker.serve.main import run

            return run(args)
        return cmd_check(args)
    except ConfigError as exc:
        print(f"baocao-lint: lỗi cấu hình: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK


def _import_parsers() -> None:
    """Import the grammars' parsers (checker/parsers.py) before a worker is forked, so that it has
    them: checker/lalr.py runs their tables from the cache, without any `lark` module (Lark itself
    is imported only to build the tables when the cache has none)."""
    import checker.parsers  # noqa: F401


# -- frameworks -----------------------------------------------------------------------------------
def cmd_frameworks(args: argparse.Namespace) -> int:
    """Every scoring framework (shipped and the configuration's framework-dirs) with its decision,
    validity, scale and source; .toml files skipped in a framework folder are listed with the reason."""
    import json

    from checker.config import find_config, load_config
    from checker.ruledata import SKIPPED_FRAMEWORK_FILES, RuleDataError, load_frameworks

    cfg_path = Path(args.config) if args.config else find_config(Path.cwd())
    cfg = load_config(cfg_path)
    base = Path(cfg.base_dir)
    try:
        frameworks = load_frameworks(tuple(base / d for d in cfg.framework_dirs))
    except RuleDataError as exc:
        print(f"baocao-lint: lỗi dữ liệu quy tắc: {exc}", file=sys.stderr)
        return EXIT_ERROR
    rows = []
    for fw in frameworks.values():
        if fw.valid_from or fw.valid_to:
            since = f"từ {fw.valid_from:%d/%m/%Y}" if fw.valid_from else ""
            until = f"đến {fw.valid_to:%d/%m/%Y}" if fw.valid_to else "đến nay"
            valid = f"hiệu lực {since} {until}".replace("  ", " ")
        else:
            valid = "chưa ghi thời gian hiệu lực"
        rows.append(
            {
                "id": fw.id,
                "name": fw.name,
                "decision": fw.decision,
                "province": fw.province,
                "valid_from": fw.valid_from.isoformat() if fw.valid_from else None,
                "valid_to": fw.valid_to.isoformat() if fw.valid_to else None,
                "final_max": str(fw.final_max) if fw.final_max is not None else None,
                "criteria": len(fw.criteria) or fw.criteria_count,
                "bands": [b.name for b in fw.bands],
                "variants": [v.id for v in fw.variants],
                "source": fw.source,
                "_valid": valid,
            }
        )
    if args.json:
        out = {"frameworks": [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows],
               "skipped": [{"path": p, "reason": why} for p, why in SKIPPED_FRAMEWORK_FILES]}
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return EXIT_OK
    for r in rows:
        scale = f"{r['final_max']} điểm" if r["final_max"] else "thang điểm theo bảng"
        bands = ", ".join(r["bands"]) if r["bands"] else "chưa có ngưỡng xếp loại"
        print(f"{r['id']}  {r['decision'] or '—'}  {r['_valid']}  {scale}  ({bands})")
        print(f"    {r['name']}")
        print(f"    nguồn: {r['source']}")
    for path, why in SKIPPED_FRAMEWORK_FILES:
        print(f"bỏ qua {path}: {why}")
    return EXIT_OK


# -- rules / explain ------------------------------------------------------------------------------
def cmd_rules(args: argparse.Namespace) -> int:
    from checker.engine import all_rules

    rows = []
    for code, r in all_rules().items():
        summary = r.summary_en if args.lang == "en" else r.summary_vi
        rows.append(f"{code}  {r.category:<10}  {r.severity:<7}  {summary}")
    print("\n".join(rows))
    return EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    from checker.engine import all_rules

    en = getattr(args, "lang", None) == "en"
    rules = all_rules()
    r = rules.get(args.code.upper())
    if r is None:
        print(f"baocao-lint: {'no rule' if en else 'không có quy tắc'} {args.code}", file=sys.stderr)
        return EXIT_ERROR
    explanation_en = getattr(r, "explanation_en", "")
    if en:
        print(f"{r.code} ({r.name}) — {r.category}, default: {r.severity}")
        print(f"{r.summary_en}\n")
        # the rules' long explanations cite Vietnamese legal texts and are written in Vietnamese
        print(explanation_en or f"(in Vietnamese)\n{r.explanation}")
        print(f"\nBad:\n    {r.bad}\nGood:\n    {r.good}")
        if r.fixable:
            print("\nFixable with --fix in .txt/.md files.")
        return EXIT_OK
    print(f"{r.code} ({r.name}) — {r.category}, mặc định: {r.severity}")
    print(f"{r.summary_vi}\n({r.summary_en})\n")
    print(r.explanation)
    print(f"\nVí dụ sai:\n    {r.bad}\nVí dụ đúng:\n    {r.good}")
    if r.category == "format":  # the figures are data: list each with the article it comes from
        from checker.checks.format import requirement_sources

        print(f"\nYêu cầu và nguồn (rules/the-thuc/):\n{requirement_sources(r.code, getattr(args, 'lang', 'vi'))}")
    if r.fixable:
        print("\nCó thể sửa tự động (--fix) với tệp .txt/.md.")
    return EXIT_OK


# -- inspect --------------------------------------------------------------------------------------
def cmd_inspect(args: argparse.Namespace) -> int:
    from checker.inspect import inspect_path

    text, ok = inspect_path(args.path, as_json=args.json)
    print(text)
    return EXIT_OK if ok else EXIT_ERROR


# -- annotate -------------------------------------------------------------------------------------
def cmd_annotate(args: argparse.Namespace) -> int:
    from checker.annotate import annotate_file
    from checker.config import find_config, load_config
    from checker.engine import unknown_codes
    from checker.ingest import collect_paths

    cfg = load_config(Path(args.config) if args.config else find_config(Path.cwd()))
    opts = _options(args, cfg)
    bad = unknown_codes(opts.select + opts.ignore)
    if bad:
        print(f"baocao-lint: mã quy tắc không tồn tại: {', '.join(bad)}", file=sys.stderr)
        return EXIT_ERROR
    status = EXIT_OK
    for path in collect_paths(args.paths):
        target, rep = annotate_file(path, args.output_dir, opts)
        if target is None:
            print(f"baocao-lint: {path}: {rep.error}", file=sys.stderr)
            status = EXIT_ERROR
            continue
        print(f"{target}  ({len(rep.findings)} nhận xét)")
    return status


# -- check ----------------------------------------------------------------------------------------
def _options(args: argparse.Namespace, cfg: Config) -> Options:
    from checker.context import Options
    from checker.ingest import DEFAULT_MAX_BYTES

    base = Path(cfg.base_dir)
    return Options(
        select=_codes(args.select) or cfg.select,
        ignore=_codes(args.ignore) + cfg.ignore,
        framework=args.framework or cfg.framework,
        template=args.template or cfg.template,
        year=args.year or cfg.year,
        lang=args.lang or cfg.lang,
        framework_dirs=[base / d for d in cfg.framework_dirs],
        template_dirs=[base / d for d in cfg.template_dirs],
        max_bytes=(args.max_size * 1024) if args.max_size else (cfg.max_size * 1024 if cfg.max_size else DEFAULT_MAX_BYTES),
    )


# Below this a worker cannot even load the rule data: a smaller --max-memory is a typo.
MIN_MEMORY_MB = 256


def _bad_option(args: argparse.Namespace) -> str | None:
    """The one-line reason an option value cannot be used, or None (checked before anything runs)."""
    from checker.config import MAX_YEAR, MIN_YEAR

    if args.year is not None and not MIN_YEAR <= args.year <= MAX_YEAR:
        return f"--year phải trong khoảng {MIN_YEAR}–{MAX_YEAR} (nhận được {args.year})"
    if args.max_size is not None and args.max_size <= 0:
        return f"--max-size phải là số KB dương (nhận được {args.max_size})"
    if args.jobs is not None and args.jobs < 1:
        return "--jobs phải là số nguyên dương"
    if args.timeout is not None and not args.timeout > 0:
        return f"--timeout phải là số giây dương (nhận được {args.timeout:g})"
    if args.max_memory is not None and args.max_memory != 0 and args.max_memory < MIN_MEMORY_MB:
        return f"--max-memory phải từ {MIN_MEMORY_MB} MB trở lên, hoặc 0 để không giới hạn (nhận được {args.max_memory})"
    return None


class _UsageError(Exception):
    """A usage error of `check`, found before any file is read: one line on stderr, exit code 2."""


def _check_setup(args: argparse.Namespace) -> tuple[Config, Options]:
    """The configuration and options of a `check` run, every one validated before any file is read."""
    from checker.config import find_config, load_config
    from checker.engine import unknown_codes
    from checker.options import OptionError, build_options
    from checker.reporters import REPORTERS

    bad_option = _bad_option(args)
    if bad_option:
        raise _UsageError(bad_option)
    cfg_path = Path(args.config) if args.config else find_config(Path.cwd())
    cfg = load_config(cfg_path)
    if args.format not in REPORTERS:
        raise _UsageError(f"định dạng không hỗ trợ: {args.format} (có: {', '.join(REPORTERS)})")
    if args.diff and not args.fix:
        args.fix = True  # --diff is a preview of --fix, as in ruff
    if args.max_size is not None and args.max_size <= 0:
        raise _UsageError(f"--max-size phải là số KB dương, không phải {args.max_size}")
    try:
        opts = build_options(_options(args, cfg))
    except OptionError as exc:
        raise _UsageError(str(exc)) from None
    bad = unknown_codes(opts.select + opts.ignore + [c for codes in cfg.per_file_ignores.values() for c in codes])
    if bad:
        raise _UsageError(f"mã quy tắc không tồn tại: {', '.join(bad)}")
    _check_rule_data(opts)
    return cfg, opts


def _check_rule_data(opts: Options) -> None:
    """Rule data (shipped and the reviewer's own folders) is validated once, before any file: a broken
    TOML is a usage error naming the file and field, not an internal error repeated for every report."""
    from checker.ruledata import RuleDataError, load_doctypes, load_frameworks, load_registry, load_templates

    try:
        load_doctypes()
        load_registry()
        load_frameworks(tuple(opts.framework_dirs))
        load_templates(tuple(opts.template_dirs))
    except RuleDataError as exc:
        raise _UsageError(f"lỗi dữ liệu quy tắc: {exc}") from None
    if opts.framework and opts.framework not in load_frameworks(tuple(opts.framework_dirs)):
        raise _UsageError(f"không có khung chấm điểm {opts.framework}")
    if opts.template:
        # an unknown name would otherwise fall back silently to the detected template
        known = load_templates(tuple(opts.template_dirs))
        if opts.template not in known:
            raise _UsageError(f"không có mẫu báo cáo {opts.template} (có: {', '.join(sorted(known))})")


def _accepted_baseline(args: argparse.Namespace) -> Counter[tuple[str, str, str]] | None:
    """The findings --baseline accepts (None without one), as a budget each file's findings use up."""
    from checker.suppress import BaselineError, load_baseline

    if not args.baseline:
        return None
    try:
        return Counter(load_baseline(Path(args.baseline)))
    except BaselineError as exc:
        raise _UsageError(str(exc)) from None


@dataclass
class _CheckRun:
    """What a `check` run keeps as the reports arrive: the rows to sum up, files fixed, the new baseline.

    JSON, GitHub and HTML output are written file by file (`streaming`; HTML through a spool file, its
    summary table goes on top), keeping only a slim row per file: memory stays flat however many files
    a batch has.
    """

    args: argparse.Namespace
    lang: str
    streaming: bool
    handle: IO[str] | None
    budget: Counter[tuple[str, str, str]] | None
    sink: JsonStream | HtmlStream | None = None
    reports: list[FileReport | SlimReport] = field(default_factory=list)
    changed: int = 0
    new_baseline: Counter[tuple[str, str, str]] = field(default_factory=Counter)

    def take(self, rep: FileReport) -> None:
        from checker.batch import SlimReport
        from checker.outputs import display_path
        from checker.reporters import REPORTERS
        from checker.suppress import apply_baseline, baseline_keys

        args = self.args
        fs_path = rep.path
        # a file name that is not UTF-8 is shown escaped in every format (the writers are UTF-8);
        # --fix still opens the file by its real name
        rep.path = display_path(fs_path)
        if args.write_baseline:
            self.new_baseline.update(baseline_keys(rep, Path(args.write_baseline).parent))
        if self.budget is not None:
            apply_baseline([rep], self.budget, Path(args.baseline).parent)
        if self.budget is not None or args.fix:
            rep.json_body = None  # written before the baseline and the fixes took findings out
        if args.fix:
            self.changed += _run_fixes([rep], preview=args.diff, quiet=args.quiet, fs_paths={id(rep): fs_path},
                                      hard_links=args.fix_hard_links, lang=self.lang)
        if not self.streaming:
            self.reports.append(rep)
            return
        if self.sink is not None:
            self.sink.write(rep)
        else:
            (self.handle or sys.stdout).write(REPORTERS[args.format]([rep], self.lang, False))
        self.reports.append(SlimReport(rep))

    def finish(self, out_file: OutputFile | None, baseline_out: OutputFile | None, note: str, color: bool) -> None:
        """Close the stream or render the whole batch, and write the new baseline."""
        from checker.outputs import display_path
        from checker.reporters import REPORTERS
        from checker.suppress import save_baseline

        args = self.args
        if self.sink is not None:
            self.sink.close()
        elif args.format == "github" and note:
            (self.handle or sys.stdout).write(f"::notice title=baocao-lint::{note}\n")
        if out_file is not None and self.streaming:
            out_file.commit()
        if baseline_out is not None:
            n = save_baseline(self.new_baseline, baseline_out)
            if not args.quiet:
                print(f"baocao-lint: đã ghi {n} phát hiện vào baseline {display_path(args.write_baseline)}", file=sys.stderr)
        if self.streaming:
            return
        rendered = REPORTERS[args.format](self.reports, self.lang, color)
        if note and args.format == "sarif":
            rendered = _sarif_with_note(rendered, note)
        elif note and args.format == "text":
            rendered += note + "\n"
        if out_file is not None:
            out_file.write(rendered)
        elif not args.diff:
            sys.stdout.write(rendered)


def cmd_check(args: argparse.Namespace) -> int:
    from checker.batch import JsonStream, render_summary, run_batch
    from checker.ingest import collect, left_out_note
    from checker.isolation import DEFAULT_TIMEOUT_SECONDS, Limits
    from checker.outputs import OutputError, OutputFile

    try:
        cfg, opts = _check_setup(args)
        budget = _accepted_baseline(args)
    except _UsageError as exc:
        print(f"baocao-lint: {exc}", file=sys.stderr)
        return EXIT_ERROR
    collection = collect(args.paths)
    paths = collection.paths
    opts.companions = collection.companions
    note = left_out_note(collection.left_out, opts.lang)
    # the text of every report is needed only to draw it (HTML, text carets) or to fix it
    keep_text = args.format in ("html", "text") or args.fix
    show_progress = not args.quiet and sys.stderr.isatty() and len(paths) > 1
    color = args.format == "text" and not args.no_color and not args.output and sys.stdout.isatty()
    streaming = args.format in ("json", "github", "html") and not args.diff

    # Output targets are checked before any file is: one that names an input, a folder or a missing
    # folder is a usage error now, not a traceback after the whole batch (see checker/outputs.py).
    try:
        out_file = OutputFile(args.output, inputs=paths) if args.output else None
        baseline_out = (
            OutputFile(args.write_baseline, inputs=paths, option="--write-baseline") if args.write_baseline else None
        )
        handle = out_file.open() if (out_file is not None and streaming) else None
    except OutputError as exc:
        print(f"baocao-lint: {exc}", file=sys.stderr)
        return EXIT_ERROR
    run = _CheckRun(args, opts.lang, streaming, handle, budget)
    if streaming and args.format == "json":
        run.sink = JsonStream(handle or sys.stdout, left_out=collection.left_out)
    elif streaming and args.format == "html":
        from checker.reporters.html import HtmlStream

        run.sink = HtmlStream(handle or sys.stdout, opts.lang, note=note)
    _resume_collector(keep_start=True)  # the start is over (see `main`): from here on objects come and go with each file
    if _own_process:  # the command reaps its workers once, before it exits (`_end_process`)
        from checker.isolation import defer_reaping

        defer_reaping()
    # streamed JSON is written by the workers, each file's entry as it is checked: the command wrote them
    # in the paths' order, most of them after the last file (the largest go first), a few ms at the end
    render = JsonStream.body if isinstance(run.sink, JsonStream) and budget is None and not args.fix else None
    try:
        run_batch(paths, opts, cfg.per_file_ignores, args.jobs or _default_jobs(), keep_text=keep_text,
                  progress=show_progress, on_report=run.take, keep=False, refused=collection.refused,
                  limits=Limits(timeout=args.timeout or DEFAULT_TIMEOUT_SECONDS, memory_mb=args.max_memory),
                  render=render)
        run.finish(out_file, baseline_out, note, color)
    except OutputError as exc:
        print(f"baocao-lint: {exc}", file=sys.stderr)
        return EXIT_ERROR
    finally:
        for target in (out_file, baseline_out):
            if target is not None:
                target.abort()  # a no-op once committed; otherwise the temporary file goes
    reports = run.reports
    # the summary table goes to stderr so stdout stays parseable; shown for batches only
    # with stdout redirected (`--format json > out.json`) the terminal still gets the table and totals
    if not args.quiet and len(reports) > 1 and (args.format == "text" or args.output or not sys.stdout.isatty()):
        render_summary(reports, sys.stderr, color=sys.stderr.isatty() and not args.no_color,
                       left_out=collection.left_out, lang=opts.lang)
    if args.diff:
        # as ruff's --diff: 1 when applying the fixes would change a file, so CI can insist on it
        if any(r.error for r in reports):
            return EXIT_ERROR
        return EXIT_FINDINGS if run.changed else EXIT_OK
    fail_on = args.fail_on or cfg.fail_on
    return exit_status(reports, fail_on)


def _sarif_with_note(rendered: str, note: str) -> str:
    """The SARIF log with what a folder left out on purpose as a tool notification (level note)."""
    import json

    doc = json.loads(rendered)
    run = doc["runs"][0]
    run["invocations"][0]["toolExecutionNotifications"].append({"level": "note", "message": {"text": note}})
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _default_jobs() -> int:
    # Under pre-commit (PRE_COMMIT=1) hooks already run in parallel batches: one process per batch
    # avoids cores × batches workers fighting for two CPUs.
    if os.environ.get("PRE_COMMIT") == "1":
        return 1
    return os.cpu_count() or 1


def _run_fixes(
    reports: list[FileReport],
    *,
    preview: bool,
    quiet: bool,
    fs_paths: dict[int, str] | None = None,
    hard_links: bool = False,
    lang: str = "vi",
) -> int:
    """Apply (or, with --diff, print) the fixes; fixed findings leave the report.
    Returns how many files were (or, with --diff, would be) changed."""
    from checker.fix import fix_file

    changed = 0
    for rep in reports:
        if rep.error or not any(f.fix is not None for f in rep.findings):
            continue
        res = fix_file(rep, write=not preview, path=(fs_paths or {}).get(id(rep)), hard_links=hard_links)
        if res.refused:
            if not quiet:
                if lang == "en":
                    print(f"baocao-lint: {rep.path}: not fixed: {res.refused_en}", file=sys.stderr)
                else:
                    print(f"baocao-lint: {rep.path}: không sửa: {res.refused}", file=sys.stderr)
            continue
        if res.new_text is not None:
            changed += 1
        if preview:
            sys.stdout.write(res.diff)
            continue
        if res.applied:
            done = {id(f) for f in res.applied}
            rep.findings = [f for f in rep.findings if id(f) not in done]
            if not quiet:
                done_msg = f"fixed {len(res.applied)} findings" if lang == "en" else f"đã sửa {len(res.applied)} lỗi"
                print(f"baocao-lint: {rep.path}: {done_msg}", file=sys.stderr)
    return changed


def exit_status(reports: list, fail_on: str) -> int:
    """0, 1 or 2 as in the contract; works on full reports and on the slim rows of a stream."""
    if any(r.error for r in reports):
        return EXIT_ERROR
    if fail_on == "never":
        return EXIT_OK
    order = ["info", "warning", "error"]
    wanted = order[order.index(fail_on):]
    if any(r.counts()[sev] for r in reports for sev in wanted):
        return EXIT_FINDINGS
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


__all__ = ["main", "exit_status"]
