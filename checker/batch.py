"""Many files at once: worker processes, a progress bar, and the summary table at the end.

A file that cannot be read, or that crashes a rule, or even kills its worker, becomes a `FileReport`
with `error` set; the batch goes on and the command exits 2 once everything is reported.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import IO

from checker.api import check
from checker.context import Options
from checker.isolation import Limits, run_isolated
from checker.report import FileReport
from checker.reporters.text import totals_line
from checker.suppress import per_file_codes


def check_one(
    path: str, opts: Options, per_file: dict[str, list[str]], keep_text: bool = True,
    render: Callable[[FileReport], str] | None = None,
) -> FileReport:
    """`path`'s report; with `render`, its output entry is written here too (`FileReport.json_body`):
    in a worker, in parallel with the others, rather than by the command after the last file."""
    extra = per_file_codes(path, per_file)
    if extra:
        opts = replace(opts, ignore=[*opts.ignore, *extra])
    try:
        rep = check(path, options=opts)
    except MemoryError:
        from checker import isolation

        rep = FileReport(path=path, format=_fmt(path), error=isolation.memory_error(isolation.worker_memory_mb))
    except Exception as exc:  # check() already catches rule bugs; this is the last net
        rep = FileReport(path=path, format=_fmt(path), error=f"lỗi nội bộ của baocao-lint ({type(exc).__name__}: {exc})")
    if not keep_text:
        # The normalised text is only needed by the HTML reporter and --fix; dropping it keeps the
        # memory of a 2,000-file batch flat instead of holding every report's text.
        rep.text = None
        rep.score_table = None
    if render is not None:
        from checker.outputs import display_path

        # written under the path the command shows (it sets the same before it writes the report)
        fs_path, rep.path = rep.path, display_path(rep.path)
        try:
            rep.json_body = render(rep)
        finally:
            rep.path = fs_path
    return rep


def _fmt(path: str) -> str:
    return path.rsplit(".", 1)[-1].lower() if "." in path else "txt"


# A tiny report checked in this process before the workers are forked: rule data, grammars and
# regex caches are loaded once and every worker inherits them (and shares their pages). That pays only
# when several workers are forked: one worker (one file, or --jobs 1) would load the same things for
# its first file anyway, so the warm-up's own check (~5-10 ms of a one-page check) bought nothing.
_WARM_UP = "BÁO CÁO\nKết quả công tác năm 2023\nNgày 15 tháng 12 năm 2023, đạt 5/10 = 50%.\n"


def warm_up_pays(files: int, jobs: int) -> bool:
    """Whether checking the warm-up report before forking saves work: when more than one worker is
    forked (each would otherwise load the rule data, grammars and patterns for its first file)."""
    return min(files, max(1, jobs)) > 1


def _warm_up(opts: Options) -> None:
    try:
        check(_WARM_UP.encode(), name="warm-up.txt", options=opts)
    except Exception:  # noqa: S110 - a warm-up only; the real files report any problem
        pass


def _iter_results(
    paths: list[str], opts: Options, per_file: dict[str, list[str]], jobs: int, keep_text: bool,
    limits: Limits | None = None, render: Callable[[FileReport], str] | None = None,
) -> Iterator[tuple[int, FileReport]]:
    """Every file is checked in a worker process with a time and memory limit, `--jobs 1` included
    (checker/isolation.py): a file that hangs or exhausts memory costs only its own report."""
    if not paths:
        return
    if warm_up_pays(len(paths), jobs):
        _warm_up(opts)

    def work(path: str) -> FileReport:
        return check_one(path, opts, per_file, keep_text, render)

    yield from run_isolated(paths, work, jobs, limits)


def _with_refused(
    paths: list[str], refused: dict[str, str], run: Callable[[list[str]], Iterator[tuple[int, FileReport]]]
) -> Iterator[tuple[int, FileReport]]:
    """The reports of `paths` in order: refused ones made here, the others from `run` on the rest."""
    todo = [p for p in paths if p not in refused]
    checked = run(todo)
    for i, p in enumerate(paths):
        if p in refused:
            yield i, FileReport(path=p, format=_fmt(p), error=refused[p])
        else:
            yield i, next(checked)[1]
    for _ in checked:  # let the pool's `with` close now, not when the generator is collected
        pass


def run_batch(
    paths: list[str],
    opts: Options,
    per_file: dict[str, list[str]] | None = None,
    jobs: int = 1,
    *,
    keep_text: bool = True,
    progress: bool = False,
    on_report: Callable[[FileReport], None] | None = None,
    keep: bool = True,
    refused: dict[str, str] | None = None,
    limits: Limits | None = None,
    render: Callable[[FileReport], str] | None = None,
) -> list[FileReport]:
    """Check `paths` in order; the result list has one report per path, in the same order.

    `render`, when given, writes each report's output entry where it is checked (`check_one`).

    A path in `refused` (a folder's file of a type that is not read) is not opened: its report carries
    the reason as `error`, so it is listed in every output and the exit status says so.
    With `keep=False` reports are only handed to `on_report` (streaming) and the list is empty.
    """
    per_file = per_file or {}
    out: list[FileReport] = []
    results = _with_refused(paths, refused or {}, lambda todo: _iter_results(todo, opts, per_file, jobs, keep_text, limits, render))
    if progress and paths:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        cols = (TextColumn("Đang kiểm tra"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        with Progress(*cols, transient=True, console=_stderr_console()) as bar:
            task = bar.add_task("check", total=len(paths))
            for _, rep in results:
                if keep:
                    out.append(rep)
                if on_report:
                    on_report(rep)
                bar.advance(task)
    else:
        for _, rep in results:
            if keep:
                out.append(rep)
            if on_report:
                on_report(rep)
    return out


def _stderr_console(file: IO[str] | None = None):  # noqa: ANN202 - rich is imported lazily
    from rich.console import Console

    return Console(file=file or sys.stderr)


# -- summary --------------------------------------------------------------------------------------
def summary_rows(reports: list[FileReport]) -> list[dict[str, object]]:
    """One row per file, worst first: unreadable files, then by errors, warnings, infos."""
    rows = []
    for rep in reports:
        c = rep.counts()
        meta = rep.report
        rows.append(
            {
                "path": rep.path,
                "error": rep.error,
                "errors": c["error"],
                "warnings": c["warning"],
                "infos": c["info"],
                "year": meta.year if meta else None,
                "framework": meta.framework if meta else None,
                "self_total": meta.self_total if meta else None,
                "classification": meta.classification if meta else None,
            }
        )
    rows.sort(key=lambda r: (r["error"] is None, -int(r["errors"]), -int(r["warnings"]), -int(r["infos"]), r["path"]))  # type: ignore[call-overload]
    return rows


_SUMMARY_COLUMNS = {
    "vi": ("Tệp", "Lỗi", "Cảnh báo", "Lưu ý", "Năm BC", "Khung điểm", "Tự chấm", "Xếp loại"),
    "en": ("File", "Errors", "Warnings", "Infos", "Year", "Framework", "Self score", "Class"),
}
_SUMMARY_WORDS = {
    "vi": {"title": "Tổng hợp kết quả kiểm tra", "unreadable": "không đọc được", "total": "Tổng: {n} tệp"},
    "en": {"title": "Summary of the check", "unreadable": "cannot read", "total": "Total: {n} files"},
}
# What is left of the terminal after the other columns goes to the path, shortened from the left
# so the file name stays whole; never narrower than this.
_PATH_MIN_WIDTH = 24
# rich draws each column with one space of padding on each side and one border character
_COLUMN_FRAME = 3


def shorten_path(path: str, width: int) -> str:
    """`path` in at most `width` characters: leading folders give way to `…/`, the file name stays
    (cut in its middle only when it alone is too long)."""
    if len(path) <= width:
        return path
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    if len(name) + 2 <= width:
        keep = width - 2
        tail = path[len(path) - keep :]
        # start at a folder boundary when one is in reach, so no folder name is cut
        cut = tail.find("/")
        if 0 <= cut < len(tail) - len(name):
            tail = tail[cut + 1 :]
        return "…/" + tail
    half = max(1, (width - 1) // 2)
    return name[:half] + "…" + name[len(name) - (width - 1 - half) :]


def _stream_width(stream: IO[str]) -> int:
    """The terminal's width when `stream` is one, else $COLUMNS, else a wide default for logs."""
    try:
        if stream.isatty():
            return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, OSError, ValueError):
        pass
    try:
        return max(40, int(os.environ.get("COLUMNS", "")))
    except ValueError:
        return 160


def render_summary(
    reports: list[FileReport],
    stream: IO[str],
    color: bool,
    left_out: dict[str, int] | None = None,
    lang: str = "vi",
    width: int | None = None,
) -> None:
    """The summary table, drawn by rich (plain characters when the stream is not a terminal): one row
    per file, unreadable files first (with the reason under the path), then worst first; a totals
    row; then the totals line. Paths are shortened from the left to fit `width` (the terminal's width
    when drawn on one). `left_out` (hidden files, baocao-lint's own outputs under a folder) is said
    under the table."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from checker.ingest import left_out_note

    words = _SUMMARY_WORDS.get(lang, _SUMMARY_WORDS["vi"])
    if width is None:
        width = _stream_width(stream)
    rows = summary_rows(reports)
    cells: list[list[str]] = []
    for r in rows:
        if r["error"]:
            cells.append([str(r["path"]), words["unreadable"], "", "", "", "", "", ""])
            continue
        cells.append([
            str(r["path"]), str(r["errors"]), str(r["warnings"]), str(r["infos"]), str(r["year"] or "-"),
            str(r["framework"] or "-"), str(r["self_total"] or "-"), str(r["classification"] or "-"),
        ])
    sums = [sum(int(r[k]) for r in rows if not r["error"]) for k in ("errors", "warnings", "infos")]  # type: ignore[call-overload]
    # the unreadable count is in the totals line below the table (a long footer would widen the path column)
    footers = [words["total"].format(n=len(rows)), *(str(n) for n in sums), "", "", "", ""]
    names = _SUMMARY_COLUMNS.get(lang, _SUMMARY_COLUMNS["vi"])
    others = sum(
        max(len(names[i]), len(footers[i]), *(len(c[i]) for c in cells)) + _COLUMN_FRAME for i in range(1, len(names))
    )
    path_width = max(_PATH_MIN_WIDTH, len(footers[0]), width - others - _COLUMN_FRAME - 1)
    note = left_out_note(left_out or {}, lang)
    table = Table(title=words["title"], title_justify="left", show_footer=True, caption=note, caption_justify="left")
    for i, (name, just, footer) in enumerate(
        zip(names, ("left", "right", "right", "right", "right", "left", "right", "left"), footers)
    ):
        # the path column keeps the width given to it; the shortened paths fit it on one line
        table.add_column(name, justify=just, footer=footer, overflow="fold",  # type: ignore[arg-type]
                         min_width=path_width if i == 0 else None)
    for row, r in zip(cells, rows):
        row[0] = escape(shorten_path(row[0], path_width))
        if r["error"]:
            # the reason under the path: a reviewer sees what is wrong with the file without the JSON
            row[0] += escape(f"\n  → {r['error']}")
            if color:
                row[1] = f"[bold red]{row[1]}[/]"
        table.add_row(*row)
    console = Console(file=stream, no_color=not color, force_terminal=color, width=width)
    console.print(table)
    console.print(totals_line(reports, lang), markup=False, highlight=False)


# -- streaming output -----------------------------------------------------------------------------
class SlimReport:
    """What is kept of a report once it has been written out: enough for the summary table and the
    exit status, without findings and text, so a 2,000-file batch holds kilobytes, not megabytes."""

    __slots__ = ("path", "format", "error", "report", "_counts")

    def __init__(self, rep: FileReport) -> None:
        self.path, self.format, self.error, self.report = rep.path, rep.format, rep.error, rep.report
        self._counts = rep.counts()

    def counts(self) -> dict[str, int]:
        return dict(self._counts)


class JsonStream:
    """Writes the contract's JSON document one file at a time, byte for byte what `render_json`
    would give for the whole list (tests compare the two)."""

    def __init__(self, out: IO[str], left_out: dict[str, int] | None = None) -> None:
        import json

        from checker.report import json_document

        self._json = json
        self.out = out
        self.n = 0
        self.summary: dict[str, object] = {"files": 0, "errors": 0, "warnings": 0, "infos": 0}
        if left_out and any(left_out.values()):
            # hidden files and baocao-lint's own outputs under a folder: counted, not checked
            self.summary["left_out"] = dict(left_out)
        head = json.dumps(json_document([]), ensure_ascii=False, indent=2)
        self._head = head[: head.index('"files": [') + len('"files": [')]

    @staticmethod
    def body(rep: FileReport) -> str:
        """`rep`'s entry in the files list, indented as the document has it."""
        import json

        body = json.dumps(rep.to_json(), ensure_ascii=False, indent=2)
        return "\n".join("    " + line for line in body.split("\n"))

    def write(self, rep: FileReport) -> None:
        # the entry its worker wrote (`check_one`'s render) unless the command changed the report since
        body = rep.json_body if rep.json_body is not None else self.body(rep)
        self.out.write((self._head if self.n == 0 else ",") + "\n" + body)
        self.n += 1
        c = rep.counts()
        for key, n in (("files", 1), ("errors", c["error"]), ("warnings", c["warning"]), ("infos", c["info"])):
            self.summary[key] = int(self.summary[key]) + n  # type: ignore[call-overload]

    def close(self) -> None:
        summary = self._json.dumps(self.summary, indent=2).replace("\n", "\n  ")
        if self.n == 0:
            self.out.write(self._head + "],\n")
        else:
            self.out.write("\n  ],\n")
        self.out.write(f'  "summary": {summary}\n}}\n')
