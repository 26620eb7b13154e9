"""`--format html`: one self-contained page for a reviewer (no network, no CDN, no external font).

Built on the web desk's templates (`checker/serve/templates`): on top the list of reports (worst first,
sortable, searchable, filterable, paged), below one collapsed section per report, worst first; a
section holds what the desk shows when a report is opened: its facts, the score table drawn whole
from the rows the checker read with the wrong cells marked, the text with every finding at its place,
filters by category and severity. A section's markup stays inert (in a `<script type="text/html">`)
until it is opened, so a page of hundreds of reports opens at once.
"""

from __future__ import annotations

import io
import json
import shutil
import tempfile
from typing import IO

from markupsafe import Markup

from checker import __version__
from checker.report import FileReport
from checker.reporters import register
from checker.serve.render import environment, page, report_fragment, words


def _row(i: int, rep: FileReport) -> dict[str, object]:
    c = rep.counts()
    m = rep.report
    return {
        "i": i, "path": rep.path, "error": rep.error,
        "errors": c["error"], "warnings": c["warning"], "infos": c["info"],
        "year": m.year if m else None, "framework": m.framework if m else None,
        "self_total": m.self_total if m else None, "classification": m.classification if m else None,
        "cats": sorted({f.category for f in rep.findings}),
    }


def _worst_first(row: dict[str, object]) -> tuple:
    return (row["error"] is None, -int(row["errors"]), -int(row["warnings"]), -int(row["infos"]), row["path"])  # type: ignore[call-overload]


class HtmlStream:
    """Writes the page file by file as reports arrive, so a batch of thousands of reports keeps flat
    memory: each report's section is rendered at once into a spool file and the report dropped; only
    a small row per file is kept. The list and the collapsed sections (worst first) sit above the
    sections' markup, so the page is assembled at `close()`. `render_html` is this stream into a
    string, so both give the same page byte for byte."""

    def __init__(self, out: IO[str], lang: str = "vi", note: str | None = None) -> None:
        self.out = out
        self.lang = lang
        self.note = note  # what a folder left out on purpose (hidden files, baocao-lint's outputs)
        self._spool: IO[str] = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 - closed in close()
        self.rows: list[dict[str, object]] = []
        self.totals = {"error": 0, "warning": 0, "info": 0}

    def write(self, rep: FileReport) -> None:
        i = len(self.rows)
        c = rep.counts()
        for k in self.totals:
            self.totals[k] += c[k]
        section = report_fragment(i, rep, self.lang)
        # the markup waits, inert, in a script element: `</script` inside it would end that element
        section = section.replace("</script", "<\\/script")
        self._spool.write(f'<script type="text/html" id="s-{i}">{section}</script>\n')
        self.rows.append(_row(i, rep))

    def close(self) -> None:
        w = words(self.lang)
        t = self.totals
        unreadable = sum(1 for r in self.rows if r["error"])
        totals = w["totals"].format(n=len(self.rows), e=t["error"], w=t["warning"], i=t["info"], u=unreadable)
        if self.note:
            totals += f" · {self.note}"
        stubs = []
        for r in sorted(self.rows, key=_worst_first):
            counts = w["counts"].format(e=r["errors"], w=r["warnings"], i=r["infos"])
            stubs.append({"i": r["i"], "path": r["path"], "error": r["error"], "counts": counts})
        self.out.write(page("batch.html", self.lang, totals=totals, stubs=stubs, version=__version__))
        self._spool.seek(0)
        shutil.copyfileobj(self._spool, self.out)
        self._spool.close()
        rows_json = json.dumps(self.rows, ensure_ascii=False).replace("</", "<\\/")
        self.out.write(page("batch_end.html", self.lang, rows_json=Markup(rows_json)))


def render_html(reports: list[FileReport], lang: str = "vi", color: bool = False) -> str:
    buf = io.StringIO()
    stream = HtmlStream(buf, lang)
    for rep in reports:
        stream.write(rep)
    stream.close()
    return buf.getvalue()


register("html", render_html)

__all__ = ["HtmlStream", "render_html", "environment"]
