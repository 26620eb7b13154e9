"""Fallback for `make fuzz` where atheris does not build: the property tests, for a bounded time.

Runs the properties of tests/test_fuzz.py (no exception escapes `check()`, findings inside the file,
identical second run, JSON valid against the contract) with fresh random seeds, round after round,
until `--seconds` have passed, and prints how many inputs it ran. A failing input is printed by
hypothesis (shrunk) and saved to fuzz/regressions/ with the same framing as fuzz_check.py (first byte
picks the format) so tests/test_hostile.py replays it.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import test_fuzz as props  # noqa: E402  (tests/ is on the path above)
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

NAMES = ("x.txt", "x.md", "x.docx", "x.pdf")
COUNT = {"inputs": 0}


def _save(data: bytes, name: str) -> None:
    framed = bytes([NAMES.index(name) if name in NAMES else 0]) + data
    out = ROOT / "fuzz" / "regressions" / f"hyp-{hashlib.sha1(framed).hexdigest()}"
    out.write_bytes(framed)
    print(f"lưu đầu vào gây lỗi: {out}", file=sys.stderr)


def _sound(data: bytes, name: str) -> None:
    COUNT["inputs"] += 1
    try:
        props._assert_sound(data, name)
    except BaseException:
        _save(data, name)
        raise


def _properties() -> list[tuple[str, st.SearchStrategy, Callable[..., tuple[bytes, str]]]]:
    from ingest_helpers import make_docx

    from checker.ingest.legacy import to_legacy

    return [
        ("bytes", st.tuples(st.binary(max_size=4000), st.sampled_from([*NAMES, "x"])), lambda v: v),
        ("report-like text", props._TEXT, lambda t: (t.encode(), "x.txt")),
        ("unicode", st.text(max_size=800), lambda t: (t.encode("utf-8", "surrogatepass"), "x.txt")),
        ("edited report", props._edited(), lambda t: (t.encode(), "x.txt")),
        ("edited report, .docx", props._edited(), lambda t: (make_docx(t), "x.docx")),
        (
            "edited report, TCVN3/VNI",
            st.tuples(props._edited(), st.sampled_from(["tcvn3", "vni"])),
            lambda v: (to_legacy(v[0], v[1]).encode("latin-1", "replace"), "x.txt"),
        ),
    ] + _pdf_property()


def _pdf_property() -> list[tuple[str, st.SearchStrategy, Callable[..., tuple[bytes, str]]]]:
    """Edited reports drawn as PDFs, where fpdf2 and the DejaVu font are there (as in the tests)."""
    try:
        import fpdf  # noqa: F401
        from test_pdf import FONT, text_to_pdf
    except ImportError:
        return []
    if not FONT.is_file():
        return []
    return [("edited report, .pdf", props._edited(), lambda t: (text_to_pdf(t), "x.pdf"))]


def _property(strategy: st.SearchStrategy, to_input: Callable[..., tuple[bytes, str]],
              config: settings) -> Callable[[], None]:
    """A fresh hypothesis test per round (a new random seed each time)."""

    @config
    @given(strategy)
    def prop(value: object) -> None:
        _sound(*to_input(value))

    return prop


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--batch", type=int, default=50, help="examples per property per round")
    args = parser.parse_args()
    deadline = time.monotonic() + args.seconds
    rounds = 0
    per_round = settings(
        max_examples=args.batch, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    while time.monotonic() < deadline:
        for label, strategy, to_input in _properties():
            if time.monotonic() >= deadline:
                break
            start = COUNT["inputs"]
            _property(strategy, to_input, per_round)()
            print(f"vòng {rounds + 1}, {label}: {COUNT['inputs'] - start} đầu vào", flush=True)
        rounds += 1
    print(f"xong: {COUNT['inputs']} đầu vào trong {args.seconds:.0f} s, {rounds} vòng, không lỗi")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
