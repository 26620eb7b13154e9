"""`--format github`: workflow commands that GitHub Actions turns into annotations on the diff.

`::error title=…,file=…,line=…,col=…,endLine=…,endColumn=…::message`, as ruff's GitHub emitter
writes them: `col`/`endColumn` only when the span is on one line, and `%`, CR, LF (and `,` `:` in
properties) escaped as the runner expects.
"""

from __future__ import annotations

from checker.report import FileReport
from checker.reporters import register

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(reports: list[FileReport], lang: str = "vi", color: bool = False) -> str:
    out: list[str] = []
    for rep in reports:
        if rep.error:
            label = "không đọc được" if lang == "vi" else "cannot read"
            out.append(f"::error title=baocao-lint,file={_prop(rep.path)}::{_data(f'{label}: {rep.error}')}")
            continue
        for f in rep.findings:
            props = [f"title={_prop(f'baocao-lint ({f.rule})')}", f"file={_prop(rep.path)}", f"line={f.line}"]
            if f.end_line == f.line:
                props += [f"col={f.column}", f"endColumn={max(f.end_column, f.column)}"]
            else:
                props.append(f"endLine={f.end_line}")
            where = f" [{f.location}]" if f.location else ""
            out.append(f"::{_LEVEL[f.severity]} {','.join(props)}::{_data(f'{f.rule}{where} {f.message}')}")
    return "\n".join(out) + ("\n" if out else "")


register("github", render_github)
