"""What a check returns: findings per file, in the shape of the JSON contract."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from checker import __version__
from checker.model import ScoreTable, to_json


@dataclass(frozen=True, slots=True)
class FixSpan:
    """One more place a finding's fix applies to (every other occurrence of the same word), so that one
    `--fix` run makes all the fixes of one kind; normalised offsets and original line/column as a Finding's."""

    offset: int
    end_offset: int
    line: int
    column: int
    end_line: int
    end_column: int
    fix: str


@dataclass(kw_only=True)
class Finding:
    """One finding of a rule on a file, as the JSON contract lists it."""
    rule: str
    category: str
    severity: Literal["error", "warning", "info"]
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    evidence: str
    fix: str | None = None
    location: str | None = None
    # not in the JSON contract's required keys, kept for reporters (HTML highlighting, --fix)
    offset: int = field(default=0, metadata={"json": False})
    end_offset: int = field(default=0, metadata={"json": False})
    also_fix: tuple[FixSpan, ...] = field(default=(), metadata={"json": False})


@dataclass(kw_only=True)
class ReportMeta:
    """What was read of a file's document: kind, type, issuer, number, date, …"""
    kind: Literal["state", "party", "unknown"] = "unknown"
    doctype: str | None = None  # the type as the document names it: "Báo cáo", "Quyết định", "Công văn"
    issuer: str | None = None
    number: str | None = None
    date: str | None = None
    year: int | None = None
    year_source: str | None = None
    framework: str | None = None
    framework_note: str | None = None
    template: str | None = None
    encoding: str | None = None
    self_total: str | None = None  # self-assessed total as read (table or prose)
    classification: str | None = None


@dataclass(kw_only=True)
class FileReport:
    """The result of checking one file: its findings, or the error that stopped it."""
    path: str
    format: str
    error: str | None = None
    report: ReportMeta | None = None
    findings: list[Finding] = field(default_factory=list)
    # the normalised text, kept for reporters that show it (HTML); never serialised to JSON
    text: str | None = field(default=None, metadata={"json": False})
    # the score table as the checker read it (rows rejoined across page breaks), kept with the text for
    # the pages that redraw it whole; never serialised to JSON
    score_table: ScoreTable | None = field(default=None, metadata={"json": False})
    # the file's entry of the streamed JSON output, written by the worker that checked it (the command
    # only writes it out, see checker/batch.py: `JsonStream.body`); never serialised to JSON
    json_body: str | None = field(default=None, repr=False, compare=False, metadata={"json": False})

    def to_json(self) -> dict[str, Any]:
        """The file's entry in the JSON contract (without the text and the score table)."""
        return to_json(self)

    def counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            out[f.severity] += 1
        return out


def json_document(reports: list[FileReport]) -> dict[str, Any]:
    files = [r.to_json() for r in reports]
    summary = {"files": len(reports), "errors": 0, "warnings": 0, "infos": 0}
    for r in reports:
        c = r.counts()
        summary["errors"] += c["error"]
        summary["warnings"] += c["warning"]
        summary["infos"] += c["info"]
    return {"version": 1, "tool": {"name": "baocao-lint", "version": __version__}, "files": files, "summary": summary}
