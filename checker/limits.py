"""Every limit on what one file may cost, in one place: its size, what its containers may decode to,
how much of it is read, the time and memory a worker and the external programs it starts may take.

Each value says why it is that value; the readers import them from here (a reader keeps the name in
its own namespace, so a test may lower one limit for one reader with `monkeypatch.setattr`).

Readers that call an external program (LibreOffice, Tesseract, pdftoppm …) go through
`run_limited`: the program runs in its own process group and, when its time is up, the whole
group is killed (soffice forks a child that outlives a plain `Popen.kill`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # subprocess and signal are imported when a program is run: every reader imports this module
    import subprocess

# --- the file itself -------------------------------------------------------------------------------
# A submission is a few hundred KB (the largest real one in ../shared/files is 2.7 MB); 20 MB leaves room
# for a report with photos while a text of that size still checks in seconds. `--max-size` changes it.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# --- zip containers: .docx, .xlsx, .zip bundles ---------------------------------------------------------
# A .docx has some 20-200 entries (one per image, style, header…); 5,000 is a generous bound that stops a
# zip of millions of empty entries before its directory is walked.
MAX_ZIP_ENTRIES = 5000
# The entries' total once inflated, declared and also counted while inflating (a bomb lies in its header):
# a .docx with many photos reaches tens of MB; 200 MB is the most a worker can hold with room to parse.
MAX_ZIP_TOTAL = 200 * 1024 * 1024
# One member of a .zip bundle: a report or sheet over 50 MB is not a submission, and its reading would
# take the worker's memory.
MAX_ZIP_MEMBER = 50 * 1024 * 1024
# Compression ratio of one entry: deflate reaches ~10× on text, ~100× on padded XML; a bomb goes to thousands.
MAX_ZIP_RATIO = 200
# One XML part of a .docx/.xlsx (document.xml, sharedStrings.xml) inflated: the parsers hold its tree
# in memory, ~10× its size, so the container's 200 MB total is too much for one part.
MAX_XML_PART = 64 * 1024 * 1024

# --- PDF ------------------------------------------------------------------------------------------------
# Pages of a PDF with a text layer: a 2,000-page annex is already no report; each page costs pdfminer time.
MAX_PDF_PAGES = 2000
# Characters over all pages: a few KB of deflated content stream can show millions; 5 million is some
# 2,000 full A4 pages of text (MAX_PDF_PAGES). Past it the file is refused before its layout is built.
MAX_PDF_TEXT_CHARS = 5_000_000
# Decoded size of the pages' content streams (text and drawing operators), checked before pdfminer
# parses them: pdfminer inflates a whole stream at once and keeps an object per character, about 0.9 GB
# and 20 s per MB of dense text operators on one page. The real PDFs of ../shared/files have at most
# 0.11 MB per page and 0.92 MB per file; 4 MB a page and 64 MB a file leave a wide margin.
MAX_PDF_PAGE_CONTENT_BYTES = 4 * 1024 * 1024
MAX_PDF_CONTENT_BYTES = 64 * 1024 * 1024
# The format rules read a PDF's layout from its first pages: a 300-page annex is not read to the end.
FORMAT_PDF_PAGES = 40
# Digital signatures read from one PDF: a signed document has one to a few; a form of thousands of
# signature fields would only cost time.
MAX_SIGNATURES = 50

# --- scans (OCR) ----------------------------------------------------------------------------------------
# Pages recognised per scan: OCR takes 5-15 s a page, so 40 pages is already minutes of one worker.
MAX_OCR_PAGES = 40
# What Tesseract may take for one page (BAOCAO_LINT_OCR_PAGE_TIMEOUT): a dense A4 page at 300 dpi takes
# 5-15 s on a slow machine; 90 s is a stuck process.
OCR_PAGE_SECONDS = float(os.environ.get("BAOCAO_LINT_OCR_PAGE_TIMEOUT", "90"))

# --- spreadsheets ---------------------------------------------------------------------------------------
# Filled cells over all sheets: a score sheet has hundreds; past 400,000 a file is a database, not a submission.
MAX_SHEET_CELLS = 400_000
# Columns read per sheet: a score table has under 20; formatting applied to whole rows reaches 16,384.
MAX_SHEET_COLUMNS = 200

# --- text -----------------------------------------------------------------------------------------------
# Bad bytes a UTF-8 file may hold and still be read as UTF-8 (a stray byte pasted in, a last character
# cut by a copy); more than this is not "a few": the file goes to the legacy-encoding reading.
MAX_BAD_BYTES = 20
# Digits of a footnote mark: a footnote number has a few; a longer run of superscripts is not a mark (and
# int() refuses strings of more than 4,300 digits: 4,301 superscripts used to be an internal error).
MAX_FOOTNOTE_DIGITS = 6

# --- time and memory of a worker and of the programs it starts ------------------------------------------
# What one file may take, unless --timeout says otherwise: OCR of a long scan is the slowest honest case.
DEFAULT_TIMEOUT_SECONDS = 300.0
# After the soft limit (SIGALRM) a worker has this long to report before it is killed.
HARD_KILL_GRACE = 5.0
# RLIMIT_AS per worker: a share of the machine's memory, within these bounds (MB): room for a long PDF
# (pdfminer holds a page's characters), while no one file takes the memory the other workers need.
MIN_WORKER_MB, MAX_WORKER_MB = 1024, 4096
# What a LibreOffice conversion may take (BAOCAO_LINT_CONVERT_TIMEOUT): about 3 s a file (LibreOffice's
# start); 90 s is a stuck conversion.
CONVERT_SECONDS = float(os.environ.get("BAOCAO_LINT_CONVERT_TIMEOUT", "90"))
# What a conversion or an OCR pass of one file may take, unless the caller says otherwise.
DEFAULT_SUBPROCESS_SECONDS = 120.0


class SubprocessTimeout(Exception):
    """The program did not finish in time; its process group was killed. str() is one line."""


def run_limited(
    cmd: Sequence[str],
    *,
    timeout: float = DEFAULT_SUBPROCESS_SECONDS,
    input: bytes | None = None,  # noqa: A002 - the name subprocess.run uses
    cwd: str | os.PathLike[str] | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Run `cmd` (stdout/stderr captured as bytes) in its own process group, killed with all its
    children after `timeout` seconds (raises `SubprocessTimeout`).

    Use this for every external program a reader starts, so that a stuck conversion ends with its
    process group and the file gets a one-line error naming the limit.
    """
    import subprocess

    proc = subprocess.Popen(
        list(cmd),
        stdin=subprocess.PIPE if input is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=cwd,
        env=env,
        start_new_session=True,  # its own process group: killpg reaches the children too
    )
    try:
        out, err = proc.communicate(input, timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        raise SubprocessTimeout(
            f"chương trình {os.path.basename(cmd[0])} chạy quá {timeout:g} giây, đã dừng (giới hạn thời gian)"
        ) from None
    except BaseException:
        _kill_group(proc)
        raise
    finally:
        # the leader may have exited while a child it forked still runs in the group
        _kill_group(proc, only_children=True)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def _kill_group(proc: subprocess.Popen[bytes], *, only_children: bool = False) -> None:
    import signal
    import subprocess

    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    if not only_children:
        try:
            proc.communicate(timeout=5)
        except (subprocess.TimeoutExpired, ValueError, OSError):
            pass
