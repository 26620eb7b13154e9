"""Suppressions: what an author or reviewer has accepted is not reported again.

Three routes, because a Word round-trip loses comments:
- per-file ignores in the config (`[tool.baocao-lint.per-file-ignores]`, glob → codes), applied
  before the rules run (`per_file_codes`);
- inline comments `<!-- baocao-lint: ignore TD002, TT -->` in .txt/.md, on the finding's line or the
  line before (`apply_inline`, run by `checker.api` once findings are computed);
- a baseline file (`write_baseline` / `apply_baseline`): findings matched by path, rule and evidence,
  never by line, so an edit higher up in the report does not revive them.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections import Counter
from pathlib import Path, PurePosixPath

from checker.outputs import OutputFile, display_path
from checker.report import FileReport, Finding
from checker.source import SourceText

_INLINE = re.compile(r"<!--\s*baocao-lint\s*:\s*ignore\b\s*([A-Za-z0-9 ,]*?)\s*-->", re.IGNORECASE)
BASELINE_VERSION = 1


def _matches(code: str, patterns: list[str]) -> bool:
    """A pattern is a full code or a prefix (`TD`, `TD0`), as in --select/--ignore."""
    return any(code.upper().startswith(p.upper()) for p in patterns)


# -- per-file ignores -----------------------------------------------------------------------------
def per_file_codes(path: str, mapping: dict[str, list[str]]) -> list[str]:
    """Codes the config ignores for `path`; a glob matches the path as given or its file name."""
    posix = PurePosixPath(Path(path).as_posix())
    out: list[str] = []
    for pattern, codes in mapping.items():
        if fnmatch.fnmatch(str(posix), pattern) or fnmatch.fnmatch(posix.name, pattern) or posix.match(pattern):
            out.extend(codes)
    return out


# -- inline comments ------------------------------------------------------------------------------
def inline_directives(src: SourceText) -> dict[int, list[str]]:
    """Original line number → codes named by an ignore comment on that line.

    Read from the normalised text (comments survive normalisation) and mapped back through
    `src.position`, so the line numbers are the ones findings carry. An ignore with no code is not
    honoured: a blanket suppression hides new problems, which is what ruff and ESLint warn against.
    """
    out: dict[int, list[str]] = {}
    if src.format not in ("txt", "md") or "baocao-lint" not in src.text:
        return out
    for m in _INLINE.finditer(src.text):
        codes = [c for c in re.split(r"[\s,]+", m.group(1)) if c]
        if codes:
            out.setdefault(src.position(m.start()).line, []).extend(codes)
    return out


def apply_inline(src: SourceText, findings: list[Finding]) -> list[Finding]:
    directives = inline_directives(src)
    if not directives:
        return findings
    kept = []
    for f in findings:
        codes = directives.get(f.line, []) + directives.get(f.line - 1, [])
        if not _matches(f.rule, codes):
            kept.append(f)
    return kept


# -- baseline -------------------------------------------------------------------------------------
def _key_path(path: str, base: Path | None = None) -> str:
    """Paths in a baseline are relative to the baseline file's folder, so the same baseline works
    whether the check runs from the repository root, a sub-folder or CI's checkout."""
    if base is None:
        return Path(path).as_posix()
    return Path(os.path.relpath(Path(path).resolve(), base.resolve())).as_posix()


def _norm_evidence(text: str) -> str:
    # Whitespace changes (re-wrapping, tabs from a Word export) must not revive an accepted finding.
    return " ".join(text.split())


def baseline_keys(rep: FileReport, base: Path) -> list[tuple[str, str, str]]:
    return [(_key_path(rep.path, base), f.rule, _norm_evidence(f.evidence)) for f in rep.findings]


def save_baseline(counts: Counter[tuple[str, str, str]], path: Path | OutputFile) -> int:
    """Write accepted findings (key → count); return how many were written.

    The target goes through `OutputFile` (a device is written in place, a symlink followed, a missing
    folder refused): the command line makes it before the batch so that a bad target fails first."""
    entries = [
        {"path": display_path(p), "rule": r, "evidence": e, "count": n} for (p, r, e), n in sorted(counts.items())
    ]
    import json

    doc = {"version": BASELINE_VERSION, "tool": "baocao-lint", "entries": entries}
    out = path if isinstance(path, OutputFile) else OutputFile(str(path), option="--write-baseline")
    out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    return sum(counts.values())


def write_baseline(reports: list[FileReport], path: Path) -> int:
    """Write every current finding as accepted; return how many were written."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for rep in reports:
        counts.update(baseline_keys(rep, path.parent))
    return save_baseline(counts, path)


class BaselineError(Exception):
    pass


def load_baseline(path: Path) -> Counter[tuple[str, str, str]]:
    import json

    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BaselineError(f"không đọc được tệp baseline {path}: {exc}") from exc
    if not isinstance(doc, dict) or doc.get("version") != BASELINE_VERSION or not isinstance(doc.get("entries"), list):
        raise BaselineError(f"tệp baseline {path} không đúng định dạng (cần version {BASELINE_VERSION}, entries)")
    out: Counter[tuple[str, str, str]] = Counter()
    for e in doc["entries"]:
        try:
            out[(str(e["path"]), str(e["rule"]), _norm_evidence(str(e["evidence"])))] += int(e.get("count", 1))
        except (KeyError, TypeError, ValueError) as exc:
            raise BaselineError(f"tệp baseline {path}: mục hỏng {e!r}") from exc
    return out


def apply_baseline(reports: list[FileReport], accepted: Counter[tuple[str, str, str]], base: Path | None = None) -> int:
    """Drop findings the baseline accepts, as many times as it counts them; return how many dropped.

    Counting matters: if a doubled word was accepted once and the author adds a second one with
    the same evidence, the second is new and is reported. `accepted` is used up in place, so a
    stream of reports can be passed one at a time.
    """
    budget = accepted
    dropped = 0
    for rep in reports:
        kept = []
        for f in rep.findings:
            key = (_key_path(rep.path, base), f.rule, _norm_evidence(f.evidence))
            if budget[key] > 0:
                budget[key] -= 1
                dropped += 1
            else:
                kept.append(f)
        rep.findings = kept
    return dropped
