"""The reviewed findings on the real corpus (`../shared/corpus`, `../shared/corpus/full`) and how they drift.

`tests/corpus-expected.json` lists every finding a reviewer accepted on the corpus: a JSON array with ONE
entry per line, sorted by file, line, rule, so that engineers editing it at the same time merge in git::

    [
    {"file": "003.txt", "line": 12, "rule": "TT003", "why": "..."},
    {"file": "full/017.txt", "line": 40, "rule": "VB001", "why": "..."}
    ]

`file` is relative to the corpus folder. `tests/test_corpus.py` fails on a finding not listed and on a listed
finding that no longer fires. Run this module to review the difference by hand::

    .venv/bin/python tests/corpus_review.py            # new findings (message + line text) and stale entries
    .venv/bin/python tests/corpus_review.py --emit     # new findings as sidecar lines (why to be filled in)
    .venv/bin/python tests/corpus_review.py --drop-stale  # rewrite the sidecar without the stale entries

Never copy corpus text into the project: the `why` says what is wrong in your own words.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
SIDECAR = REPO / "tests" / "corpus-expected.json"
SKIP_REASON = "thư mục ../shared/corpus không có: bỏ qua phép thử trên văn bản thật"

Key = tuple[str, int, str]


@dataclass(frozen=True)
class Seen:
    """One finding on a corpus file, with what a reviewer needs to judge it."""

    file: str
    line: int
    rule: str
    message: str
    line_text: str

    @property
    def key(self) -> Key:
        return (self.file, self.line, self.rule)


def corpus_files(root: Path = CORPUS) -> list[Path]:
    """The excerpts and the complete documents, in a stable order."""
    return sorted(root.glob("*.txt")) + sorted((root / "full").glob("*.txt"))


def current_findings(root: Path = CORPUS) -> tuple[list[Seen], list[str]]:
    """Every finding on the corpus now, and the files that could not be read (one line each)."""
    from checker import check

    seen: list[Seen] = []
    errors: list[str] = []
    for path in corpus_files(root):
        name = path.relative_to(root).as_posix()
        report = check(path)
        if report.error:
            errors.append(f"{name}: {report.error}")
            continue
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        for f in report.findings:
            text = lines[f.line - 1].strip() if 0 < f.line <= len(lines) else ""
            seen.append(Seen(name, f.line, f.rule, f.message, text))
    return seen, errors


def load_sidecar(path: Path = SIDECAR) -> list[dict]:
    """The accepted entries; checks the merge-friendly layout and says what is wrong with which line."""
    raw = path.read_text(encoding="utf-8")
    entries = json.loads(raw)
    if not isinstance(entries, list):
        raise ValueError(f"{path.name}: expected a JSON array")
    body = raw.strip().splitlines()
    if body[0] != "[" or body[-1] != "]" or len(body) - 2 != len(entries):
        raise ValueError(f"{path.name}: write '[' , one entry per line, then ']' (use --drop-stale to rewrite)")
    for n, entry in enumerate(entries, start=2):
        if set(entry) != {"file", "line", "rule", "why"}:
            raise ValueError(f"{path.name}:{n}: an entry has exactly file, line, rule, why: {entry}")
        if not isinstance(entry["line"], int) or not str(entry["why"]).strip():
            raise ValueError(f"{path.name}:{n}: line is a number and why is not empty: {entry}")
    keys = [_key(e) for e in entries]
    if keys != sorted(keys):
        raise ValueError(f"{path.name}: entries are not sorted by file, line, rule (use --drop-stale to rewrite)")
    if len(set(keys)) != len(keys):
        dup = sorted({k for k in keys if keys.count(k) > 1})
        raise ValueError(f"{path.name}: the same file/line/rule twice: {dup}")
    return entries


def _key(entry: dict) -> Key:
    return (entry["file"], int(entry["line"]), entry["rule"])


def dump_sidecar(entries: list[dict], path: Path = SIDECAR) -> None:
    """Write entries one per line, sorted, in the layout `load_sidecar` checks."""
    rows = sorted(entries, key=_key)
    lines = [json.dumps({k: e[k] for k in ("file", "line", "rule", "why")}, ensure_ascii=False) for e in rows]
    path.write_text("[\n" + ",\n".join(lines) + "\n]\n", encoding="utf-8")


def diff(seen: list[Seen], entries: list[dict]) -> tuple[list[Seen], list[dict]]:
    """(findings not in the sidecar, sidecar entries that no longer fire)."""
    accepted = {_key(e) for e in entries}
    now = {s.key for s in seen}
    new = [s for s in seen if s.key not in accepted]
    stale = [e for e in entries if _key(e) not in now]
    return new, stale


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Findings on ../shared/corpus against tests/corpus-expected.json")
    ap.add_argument("--emit", action="store_true", help="print new findings as sidecar lines (why left empty)")
    ap.add_argument("--drop-stale", action="store_true", help="rewrite the sidecar without stale entries")
    ap.add_argument("--rule", default="", help="only rules starting with this prefix (e.g. TT, SL001)")
    args = ap.parse_args(argv)
    if not CORPUS.is_dir():
        print(SKIP_REASON, file=sys.stderr)
        return 2
    sys.path.insert(0, str(REPO))
    seen, errors = current_findings()
    entries = load_sidecar() if SIDECAR.exists() else []
    new, stale = diff(seen, entries)
    new = [s for s in new if s.rule.startswith(args.rule)]
    for err in errors:
        print(f"ERROR {err}")
    if args.emit:
        for s in new:
            print(json.dumps({"file": s.file, "line": s.line, "rule": s.rule, "why": ""}, ensure_ascii=False) + ",")
        return 0
    for s in new:
        print(f"NEW   {s.file}:{s.line} {s.rule} {s.message}\n      | {s.line_text[:160]}")
    for e in stale:
        if e["rule"].startswith(args.rule):
            print(f"STALE {e['file']}:{e['line']} {e['rule']} ({e['why']})")
    if args.drop_stale:
        gone = {_key(e) for e in stale}
        dump_sidecar([e for e in entries if _key(e) not in gone])
    print(f"{len(new)} new, {len(stale)} stale, {len(seen)} findings on {len(corpus_files())} files", file=sys.stderr)
    return 0 if not new and not stale and not errors else 1


if __name__ == "__main__":
    sys.exit(main())
