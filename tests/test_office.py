""".doc, .odt and .rtf through LibreOffice into the .docx reader: the findings of the same report as
.txt, Word locations, TCVN3 runs converted, a clear error when LibreOffice is missing or overruns.

The files are made here: python-docx builds the report's .docx and LibreOffice saves it as .doc, .odt
and .rtf (as a colleague's Word would). Tests that need LibreOffice skip with that reason without it.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path

import pytest
from ingest_helpers import make_docx, sample_text

from checker import check
from checker.ingest import IngestError, office, read_bytes
from checker.ingest.legacy import TCVN3
from checker.source import normalise

FORMATS = ("doc", "odt", "rtf")
# each conversion costs LibreOffice's start (3-6 s): .doc in the quick suite, .odt and .rtf slow-marked
FORMAT_PARAMS = [
    "doc", pytest.param("odt", marks=pytest.mark.slow), pytest.param("rtf", marks=pytest.mark.slow),
]
NEEDS_SOFFICE = pytest.mark.skipif(
    office.soffice() is None, reason="LibreOffice (soffice) không có trên máy: cài gói libreoffice-writer"
)


def _key(report) -> list[tuple[str, str]]:
    return sorted((f.rule, re.sub(r"dòng \d+", "dòng #", f.message)) for f in report.findings)


class _Made:
    """(variant, format) → bytes, variant `unicode` or `tcvn3`; LibreOffice runs once per format, when
    a test first asks for it (the .odt and .rtf tests are slow-marked: the quick suite makes .doc only)."""

    def __init__(self, work: Path) -> None:
        self.work = work
        text = sample_text()
        (work / "unicode.docx").write_bytes(make_docx(text))
        (work / "tcvn3.docx").write_bytes(make_docx(text, legacy=TCVN3))
        self.done: dict[tuple[str, str], bytes] = {}

    def __getitem__(self, key: tuple[str, str]) -> bytes:
        if key not in self.done:
            fmt = key[1]
            subprocess.run(
                [office.soffice(), f"-env:UserInstallation={(self.work / 'profile').as_uri()}", "--headless",
                 "--convert-to", fmt, "--outdir", str(self.work / fmt),
                 str(self.work / "unicode.docx"), str(self.work / "tcvn3.docx")],
                check=True, capture_output=True, timeout=180,
            )
            for variant in ("unicode", "tcvn3"):
                self.done[(variant, fmt)] = (self.work / fmt / f"{variant}.{fmt}").read_bytes()
        return self.done[key]


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> _Made:
    if office.soffice() is None:
        pytest.skip("LibreOffice (soffice) không có trên máy: cài gói libreoffice-writer")
    return _Made(tmp_path_factory.mktemp("office"))


@pytest.fixture(scope="module")
def private_cache(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    """An empty cache folder, so the conversions really run (and the cache test sees its own entries)."""
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old


@NEEDS_SOFFICE
@pytest.mark.parametrize("fmt", FORMAT_PARAMS)
def test_office_formats_give_the_findings_of_the_txt(fmt: str, made, private_cache) -> None:  # noqa: ANN001
    text = sample_text()
    expected = check(text.encode(), name="r.txt")
    got = check(made[("unicode", fmt)], name=f"r.{fmt}")
    assert got.error is None, got.error
    assert got.format == fmt
    assert _key(got) == _key(expected)
    assert normalise(text, markdown=True)[0].split()[:20] == (got.text or "").split()[:20]
    # Word locations, as for the .docx: paragraphs and table cells
    assert all(f.location and re.match(r"(đoạn|bảng|chú thích|đầu trang|chân trang) ", f.location) for f in got.findings)
    if "\t" in text:
        assert any((f.location or "").startswith("bảng") for f in got.findings if f.category == "score") or not any(
            f.category == "score" for f in expected.findings
        )


@NEEDS_SOFFICE
@pytest.mark.parametrize("fmt", FORMAT_PARAMS)
def test_tcvn3_runs_are_converted_as_in_a_docx(fmt: str, made, private_cache) -> None:  # noqa: ANN001
    expected = check(sample_text().encode(), name="r.txt")
    got = check(made[("tcvn3", fmt)], name=f"r.{fmt}")
    assert got.error is None, got.error
    assert got.report is not None and got.report.encoding == TCVN3
    notes = [k for k in _key(got) if k[0] == "VB090"]  # the one note that the text was TCVN3
    assert len(notes) == 1 and "TCVN3" in notes[0][1]
    assert [k for k in _key(got) if k[0] != "VB090"] == _key(expected)


@NEEDS_SOFFICE
def test_a_second_read_comes_from_the_cache(made, private_cache, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    data = made[("unicode", "doc")]
    first = read_bytes(data, "r.doc").text
    monkeypatch.setattr(office, "soffice", lambda: None)  # LibreOffice is not asked again
    started = time.perf_counter()
    assert read_bytes(data, "r.doc").text == first
    assert time.perf_counter() - started < 1.0


def test_missing_libreoffice_says_what_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(office, "soffice", lambda: None)
    with pytest.raises(IngestError, match="libreoffice-writer") as err:
        read_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "cu.doc")
    assert "\n" not in str(err.value)
    report = check(b"{\\rtf1\\ansi Xin chao}", name="phieu.rtf")
    assert report.error and "LibreOffice" in report.error and report.format == "rtf"


def test_an_overrunning_conversion_is_killed_with_its_children(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # a stand-in for soffice that starts a child (as soffice starts soffice.bin) and never finishes
    marker = tmp_path / "child.pid"
    fake = tmp_path / "soffice"
    fake.write_text(f"#!/bin/sh\nsleep 60 &\necho $! > {marker}\nwait\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(office, "soffice", lambda: str(fake))
    started = time.perf_counter()
    with pytest.raises(ValueError, match="quá 1 giây"):
        office.to_docx(b"{\\rtf1 x}", "rtf", timeout=1)
    assert time.perf_counter() - started < 10
    child = int(marker.read_text())
    time.sleep(0.2)
    assert not _running(child)  # the grandchild went with the process group


def _running(pid: int) -> bool:
    """Alive and not a zombie (a killed orphan may wait for a reaper that a container lacks)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    except OSError:  # no /proc: ask the kernel
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True
    return state not in ("Z", "X")


def test_a_doc_that_is_really_a_docx_is_read_directly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(office, "soffice", lambda: None)  # no converter needed
    report = check(make_docx(sample_text()), name="luu-nham-duoi.doc")
    assert report.error is None and report.format == "doc"
