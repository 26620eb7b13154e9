"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

Shape follows ruff's SARIF output and GitHub's documented minimum: every rule in
`tool.driver.rules`, results with a stable `ruleId`, a relative artifact URI, a region whose columns
are ≥ 1, and `partialFingerprints` built from rule + path + evidence so that an edit above a finding
does not make GitHub treat it as new.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from checker import __version__
from checker.engine import Rule, all_rules
from checker.report import FileReport, Finding, FixSpan
from checker.reporters import register

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://github.com/baocao-lint/baocao-lint"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    """Relative to the working folder where possible: GitHub matches URIs against the repository."""
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(Path.cwd())
        except ValueError:
            return p.as_uri()
    return p.as_posix()


def _fingerprint(rule: str, path: str, evidence: str) -> str:
    norm = " ".join(evidence.split())
    return hashlib.sha256(f"{rule}\0{Path(path).as_posix()}\0{norm}".encode()).hexdigest()[:32]


def _driver_rule(r: Rule, lang: str) -> dict[str, object]:
    """One rule as SARIF's `tool.driver.rules[]` describes it."""
    summary = r.summary_en if lang == "en" else r.summary_vi
    full = " ".join(r.explanation.split()) or summary
    return {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": full},
        "help": {"text": f"{full}\nSai: {r.bad}\nĐúng: {r.good}"},
        "defaultConfiguration": {"level": _LEVEL[r.severity]},
        "properties": {"category": r.category, "fixable": r.fixable},
    }


def _result(f: Finding, rep: FileReport, uri: str, artifact: int, rule_index: int | None) -> dict[str, object]:
    """One finding as a SARIF result, with the fix as an artifact change for a text file."""
    region: dict[str, object] = {
        "startLine": max(1, f.line),
        "startColumn": max(1, f.column),
        "endLine": max(1, f.end_line, f.line),
        "endColumn": max(1, f.end_column),
    }
    result: dict[str, object] = {
        "ruleId": f.rule,
        "level": _LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri, "index": artifact},
                    "region": region,
                }
            }
        ],
        "partialFingerprints": {"baocaoLint/v1": _fingerprint(f.rule, rep.path, f.evidence)},
        "properties": {"category": f.category, "evidence": f.evidence},
    }
    if rule_index is not None:
        result["ruleIndex"] = rule_index
    if f.location:
        result["properties"]["location"] = f.location  # type: ignore[index]
    if f.fix is not None and rep.format in ("txt", "md"):
        # one finding per word, its fix for every occurrence (as --fix applies them): each is a replacement
        spans = [(region, f.fix)] + [(_span_region(s), s.fix) for s in f.also_fix]
        spans.sort(key=lambda span: (span[0]["startLine"], span[0]["startColumn"]))
        result["fixes"] = [
            {
                "description": {"text": "Sửa tự động (baocao-lint check --fix)"},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": uri},
                        "replacements": [
                            {"deletedRegion": dict(where), "insertedContent": {"text": text}} for where, text in spans
                        ],
                    }
                ],
            }
        ]
    return result


def _span_region(span: FixSpan) -> dict[str, object]:
    """The region of one more occurrence a finding's fix applies to, as the finding's own region."""
    return {
        "startLine": max(1, span.line),
        "startColumn": max(1, span.column),
        "endLine": max(1, span.end_line, span.line),
        "endColumn": max(1, span.end_column),
    }


def sarif_document(reports: list[FileReport], lang: str = "vi") -> dict:
    rules = all_rules()
    codes = sorted(rules)
    index = {c: i for i, c in enumerate(codes)}
    driver_rules = [_driver_rule(rules[c], lang) for c in codes]
    results = []
    notifications = []
    artifacts: dict[str, int] = {}
    for rep in reports:
        uri = _uri(rep.path)
        if rep.error:
            # an unreadable input is a tool notification, not a finding about the document
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": f"{rep.path}: {rep.error}"},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
                }
            )
            continue
        artifacts.setdefault(uri, len(artifacts))
        results += [_result(f, rep, uri, artifacts[uri], index.get(f.rule)) for f in rep.findings]
    run: dict[str, object] = {
        "tool": {
            "driver": {
                "name": "baocao-lint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFO_URI,
                "rules": driver_rules,
            }
        },
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
        "artifacts": [{"location": {"uri": u}} for u in artifacts],
        "results": results,
        "invocations": [
            {
                "executionSuccessful": not notifications,
                "toolExecutionNotifications": notifications,
                "workingDirectory": {"uri": Path(os.getcwd()).as_uri() + "/"},
            }
        ],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render_sarif(reports: list[FileReport], lang: str = "vi", color: bool = False) -> str:
    return json.dumps(sarif_document(reports, lang), ensure_ascii=False, indent=2) + "\n"


register("sarif", render_sarif)
