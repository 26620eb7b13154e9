"""Command line: `baocao-lint check|rules|explain|inspect`, as in shared/CONTRACT.md."""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from checker import __version__
from checker.api import check
from checker.config import Config, ConfigError, find_config, load_config
from checker.context import Options
from checker.engine import SEVERITY_RANK, all_rules, unknown_codes
from checker.ingest import DEFAULT_MAX_BYTES, collect_paths
from checker.report import FileReport

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _codes(value: str | None) -> list[str]:
    return [c.strip() for c in (value or "").split(",") if c.strip()]


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="baocao-lint", description="Kiểm tra báo cáo hành chính tiếng Việt.")
    p.add_argument("--version", action="version", version=f"baocao-lint {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    c = sub.add_parser("check", help="kiểm tra tệp hoặc thư mục")
    c.add_argument("paths", nargs="+")
    c.add_argument("--format", default="text", help="text|json|sarif|html|github")
    c.add_argument("--output")
    c.add_argument("--select")
    c.add_argument("--ignore")
    c.add_argument("--framework")
    c.add_argument("--template")
    c.add_argument("--year", type=int)
    c.add_argument("--lang", choices=["vi", "en"])
    c.add_argument("--fail-on", choices=["error", "warning", "info", "never"])
    c.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    c.add_argument("--config")
    c.add_argument("--max-size", type=int, help="giới hạn kích thước tệp, tính bằng KB")
    c.add_argument("--quiet", action="store_true")
    c.add_argument("--no-color", action="store_true")

    sub.add_parser("rules", help="liệt kê các quy tắc").add_argument("--lang", choices=["vi", "en"], default="vi")
    e = sub.add_parser("explain", help="giải thích một quy tắc")
    e.add_argument("code")
    i = sub.add_parser("inspect", help="in mô hình văn bản mà bộ kiểm tra hiểu được")
    i.add_argument("path")
    i.add_argument("--json", action="store_true")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "rules":
            return cmd_rules(args)
        if args.command == "explain":
            return cmd_explain(args)
        if args.command == "inspect":
            return cmd_inspect(args)
        return cmd_check(args)
    except ConfigError as exc:
        print(f"baocao-lint: lỗi cấu hình: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK


# -- rules / explain ------------------------------------------------------------------------------
def cmd_rules(args: argparse.Namespace) -> int:
    rows = []
    for code, r in all_rules().items():
        summary = r.summary_en if args.lang == "en" else r.summary_vi
        rows.append(f"{code}  {r.category:<10}  {r.severity:<7}  {summary}")
    print("\n".join(rows))
    return EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    rules = all_rules()
    r = rules.get(args.code.upper())
    if r is None:
        print(f"baocao-lint: không có quy tắc {args.code}", file=sys.stderr)
        return EXIT_ERROR
    print(f"{r.code} ({r.name}) — {r.category}, mặc định: {r.severity}")
    print(f"{r.summary_vi}\n({r.summary_en})\n")
    print(r.explanation)
    print(f"\nVí dụ sai:\n    {r.bad}\nVí dụ đúng:\n    {r.good}")
    if r.fixable:
        print("\nCó thể sửa tự động (--fix) với tệp .txt/.md.")
    return EXIT_OK


# -- inspect --------------------------------------------------------------------------------------
def cmd_inspect(args: argparse.Namespace) -> int:
    from checker.inspect import inspect_path

    text, ok = inspect_path(args.path, as_json=args.json)
    print(text)
    return EXIT_OK if ok else EXIT_ERROR


# -- check ----------------------------------------------------------------------------------------
def _options(args: argparse.Namespace, cfg: Config) -> Options:
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


def _check_one(path: str, opts: Options, per_file: dict[str, list[str]]) -> FileReport:
    extra = [code for pattern, codes in per_file.items() if fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(Path(path).name, pattern) for code in codes]
    if extra:
        opts = Options(**{**opts.__dict__, "ignore": [*opts.ignore, *extra]})
    return check(path, options=opts)


def run_batch(paths: list[str], opts: Options, per_file: dict[str, list[str]], jobs: int) -> list[FileReport]:
    if jobs <= 1 or len(paths) < 4:
        return [_check_one(p, opts, per_file) for p in paths]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(_check_one, paths, [opts] * len(paths), [per_file] * len(paths), chunksize=8))


def cmd_check(args: argparse.Namespace) -> int:
    from checker.reporters import REPORTERS

    cfg_path = Path(args.config) if args.config else find_config(Path.cwd())
    cfg = load_config(cfg_path)
    if args.format not in REPORTERS:
        print(f"baocao-lint: định dạng không hỗ trợ: {args.format} (có: {', '.join(REPORTERS)})", file=sys.stderr)
        return EXIT_ERROR
    opts = _options(args, cfg)
    bad = unknown_codes(opts.select + opts.ignore)
    if bad:
        print(f"baocao-lint: mã quy tắc không tồn tại: {', '.join(bad)}", file=sys.stderr)
        return EXIT_ERROR
    if opts.framework:
        from checker.ruledata import load_frameworks

        if opts.framework not in load_frameworks(tuple(opts.framework_dirs)):
            print(f"baocao-lint: không có khung chấm điểm {opts.framework}", file=sys.stderr)
            return EXIT_ERROR
    paths = collect_paths(args.paths)
    reports = run_batch(paths, opts, cfg.per_file_ignores, args.jobs)
    color = args.format == "text" and not args.no_color and not args.output and sys.stdout.isatty()
    rendered = REPORTERS[args.format](reports, opts.lang, color)
    if args.output:
        write_atomic(Path(args.output), rendered)
    else:
        sys.stdout.write(rendered)
    fail_on = args.fail_on or cfg.fail_on
    return exit_status(reports, fail_on)


def exit_status(reports: list[FileReport], fail_on: str) -> int:
    if any(r.error for r in reports):
        return EXIT_ERROR
    if fail_on == "never":
        return EXIT_OK
    threshold = SEVERITY_RANK[fail_on]
    if any(SEVERITY_RANK[f.severity] >= threshold for r in reports for f in r.findings):
        return EXIT_FINDINGS
    return EXIT_OK


def write_atomic(path: Path, content: str) -> None:
    """Write through a temp file in the same folder and rename, so a reader never sees half a report."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(content)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


__all__ = ["main", "json"]
