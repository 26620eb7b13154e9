"""Findings snapshot: every finding on the seeds, samples/ and the corpus, to compare before/after a change.

A refactoring must not change what is found. Take a snapshot before the change and one after, then
compare them finding by finding:

    python bench/findings_snapshot.py before.json          # seeds, samples/, corpus (+ corpus/full), files
    ... change the code ...
    python bench/findings_snapshot.py after.json
    python bench/findings_snapshot.py --compare before.json after.json   # exit 1 when they differ

A snapshot maps each file (labelled by its set: `seeds/…`, `samples/…`, `corpus/…`, `files/…`) to its findings
as `[line, column, rule, message]`, or to its one-line read error. `--only seeds,samples` limits the
sets (a quicker check while working); `--compare` then reads only the files both snapshots hold.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

SHARED = REPO.parent / "shared"
if not SHARED.is_dir():  # a worktree elsewhere: the shared folder of the machine
    SHARED = Path("/work/shared")
SETS: dict[str, Path] = {
    "seeds": SHARED / "seeds",
    "samples": REPO / "samples",
    "corpus": SHARED / "corpus",
    # the real .docx and PDF files (text layer and scans): the readers' and the format rules' bar
    "files": SHARED / "files",
}
SUFFIXES = (".txt", ".md", ".docx", ".pdf")


def collect(only: set[str] | None = None) -> list[tuple[str, Path]]:
    """(label, path) of every report in the chosen sets, in a stable order."""
    out: list[tuple[str, Path]] = []
    for name, folder in SETS.items():
        if only and name not in only:
            continue
        if not folder.is_dir():
            print(f"(không có {folder}: bỏ qua bộ {name})", file=sys.stderr)
            continue
        for p in sorted(folder.rglob("*")):
            if p.is_file() and p.suffix.lower() in SUFFIXES:
                out.append((f"{name}/{p.relative_to(folder).as_posix()}", p))
    return out


def snapshot(only: set[str] | None = None) -> dict[str, object]:
    from checker.api import check

    files: dict[str, object] = {}
    for label, path in collect(only):
        report = check(path)
        if report.error:
            files[label] = {"error": report.error}
        else:
            files[label] = [[f.line, f.column, f.rule, f.message] for f in report.findings]
    return {"version": 1, "files": files}


def dumps(snap: dict[str, object]) -> str:
    """JSON with one finding per line, so that `diff` on two snapshots reads too."""
    parts = []
    for label, value in snap["files"].items():
        if isinstance(value, dict):
            body = json.dumps(value, ensure_ascii=False)
        else:
            body = "[" + ",".join("\n  " + json.dumps(f, ensure_ascii=False) for f in value) + "]"
        parts.append(f"{json.dumps(label, ensure_ascii=False)}: {body}")
    return '{"version": 1, "files": {\n' + ",\n".join(parts) + "\n}}\n"


def compare(a: dict, b: dict) -> list[str]:
    """Lines saying what differs between two snapshots (empty when the findings are the same)."""
    fa, fb = a["files"], b["files"]
    out: list[str] = []
    for label in sorted(set(fa) | set(fb)):
        if label not in fa or label not in fb:
            side = "A" if label in fa else "B"
            out.append(f"{label}: only in {side}")
            continue
        va, vb = fa[label], fb[label]
        if va == vb:
            continue
        if isinstance(va, dict) or isinstance(vb, dict):
            out.append(f"{label}: A {va if isinstance(va, dict) else len(va)} | B {vb if isinstance(vb, dict) else len(vb)}")
            continue
        ta, tb = [tuple(x) for x in va], [tuple(x) for x in vb]
        sa, sb = set(ta), set(tb)
        for f in ta:
            if f not in sb:
                out.append(f"{label}:{f[0]}:{f[1]}: - {f[2]} {f[3]}")
        for f in tb:
            if f not in sa:
                out.append(f"{label}:{f[0]}:{f[1]}: + {f[2]} {f[3]}")
        if sa == sb:
            out.append(f"{label}: same findings, different count or order")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("output", nargs="?", help="write the snapshot to this JSON file")
    ap.add_argument("--compare", nargs=2, metavar=("A", "B"), help="print the differences between two snapshots")
    ap.add_argument("--only", help="comma list of sets: seeds,samples,corpus,files")
    args = ap.parse_args(argv)
    if args.compare:
        a, b = (json.loads(Path(p).read_text(encoding="utf-8")) for p in args.compare)
        diff = compare(a, b)
        for line in diff:
            print(line)
        n = sum(len(v) for v in a["files"].values() if isinstance(v, list))
        print(f"{'differ' if diff else 'findings unchanged'}: {len(a['files'])} files, {n} findings in A", file=sys.stderr)
        return 1 if diff else 0
    if not args.output:
        ap.error("give an output file, or --compare A B")
    only = set(args.only.split(",")) if args.only else None
    snap = snapshot(only)
    Path(args.output).write_text(dumps(snap), encoding="utf-8")
    n = sum(len(v) for v in snap["files"].values() if isinstance(v, list))
    print(f"{len(snap['files'])} files, {n} findings → {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
