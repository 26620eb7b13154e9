"""Memory proportional to the text (issue 15): the peak of one check, per input byte, stays under 10.

Measured as `make bench` does (tracemalloc's peak of one `checker.check` of the bytes, divided by their
length), on generated text in our own words: a long report of varied prose (header, numbered parts,
figures, dates, citations, tab tables, footnotes, tone pairs) and one sentence repeated on every line
(a paragraph, a date and three figures per 60 characters: what each line's objects cost shows most),
a statistics annex of long tab tables (six cells a row: what each table cell costs shows most), and
tab rows of a few characters per cell (what each line costs, whatever its length, shows most), and
a score sheet written as a pipe table (what each score row costs: its texts, scores and spans).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import tracemalloc
from pathlib import Path

import pytest

from checker import check

PEAK_PER_BYTE = 10  # the bound; a list of objects per line or a copy per rule goes past it

_HEAD = (
    "ỦY BAN NHÂN DÂN\nXÃ THỬ NGHIỆM\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
    "Số: 27/BC-UBND\nThử Nghiệm, ngày 20 tháng 12 năm 2023\n\nBÁO CÁO\n"
    "Kết quả công tác hòa giải ở cơ sở năm 2023\n\n"
)
_PART = (
    "{i}. Kết quả thực hiện nhiệm vụ thứ {i}\n"
    "Trong năm 2023, xã đã tổ chức {n} hội nghị tuyên truyền cho {m} lượt người tham dự, đạt {p},5% kế hoạch "
    "năm; tiếp nhận {a} đơn, đã giải quyết {b} đơn, còn lại {c} đơn đang xem xét.\n"
    "Thực hiện Quyết định số {k}/QĐ-UBND ngày 12/3/2023 của Ủy ban nhân dân huyện về công tác hoà giải, "
    "tổ hòa giải thôn {i} đã họp định kỳ vào các ngày 05/4/2023 và 16/9/2023¹.\n"
    "Thôn\tSố vụ\tĐã hòa giải\tTỷ lệ\nThôn {i}\t{a}\t{b}\t{p}%\n\n"
    "Khó khăn: kinh phí hỗ trợ còn thấp, một số tổ viên tuổi cao, việc phối hợp với "
    "Mặt trận Tổ quốc có lúc chưa chặt chẽ (chiếm {q}% số vụ chưa xong).\n\n"
)
_TAIL = "¹ Theo sổ theo dõi của tổ hòa giải.\n\nNơi nhận:\n- UBND huyện;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nLê Văn Thử\n"


def _report(size: int) -> bytes:
    parts = [_HEAD]
    total, i = len(_HEAD.encode()), 1
    while total < size:
        a = 40 + i % 60
        part = _PART.format(i=i, n=3 + i % 9, m=120 + i, p=80 + i % 19, a=a, b=a - 7, c=7, k=100 + i % 800, q=i % 40)
        parts.append(part)
        total += len(part.encode())
        i += 1
    parts.append(_TAIL)
    return "".join(parts).encode()


def _annex(size: int) -> bytes:
    """A few lines of frame, then tab tables of villages and figures, a caption every 50 rows."""
    parts = [_HEAD, "Phụ lục: số liệu các thôn\n\n", "Thôn\tNhóm hộ\tSố hộ\tĐã hỗ trợ\tTỷ lệ\tĐánh giá\n"]
    total, i = sum(len(p.encode()) for p in parts), 1
    while total < size:
        a = 40 + i % 60
        row = f"Thôn Đông {i}\tHộ cận nghèo\t{a}\t{a - i % 7}\t{80 + i % 19},5%\tĐạt kế hoạch\n"
        if i % 50 == 0:
            row += f"\nBảng {i // 50 + 1}. Kết quả hỗ trợ theo thôn, đợt {i // 50 + 1} năm 2023\n\n"
        parts.append(row)
        total += len(row.encode())
        i += 1
    parts.append(_TAIL)
    return "".join(parts).encode()


def _peak_per_byte(data: bytes) -> float:
    check(data[:3000], name="warm.txt")  # rule data, grammars and regex caches are not the text's
    tracemalloc.start()
    try:
        report = check(data, name="a.txt")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert report.error is None
    return peak / len(data)


@pytest.mark.slow
def test_peak_memory_of_one_sentence_a_line_is_under_ten_bytes_per_byte() -> None:
    data = ("Tổ đã tổ chức 15 buổi họp, đạt 92,5% kế hoạch năm 2023.\n" * 18_000).encode()
    assert len(data) >= 1_000_000
    assert _peak_per_byte(data) < PEAK_PER_BYTE


@pytest.mark.slow
def test_peak_memory_of_a_table_heavy_annex_is_under_ten_bytes_per_byte() -> None:
    # a cell kept as its own object and text copy cost 30 bytes per byte here
    data = _annex(1_000_000)
    assert _peak_per_byte(data) < PEAK_PER_BYTE


def _short_tab_rows(size: int) -> bytes:
    """A tally of four short cells a line (~15 bytes), under the report's head: a fixed cost per line
    (its start, its row, a copy made while reading) weighs most here."""
    parts = [_HEAD, "Tổ\tHộ\tĐạt\tTL\n"]
    total, i = sum(len(p.encode()) for p in parts), 1
    while total < size:
        row = f"T{i % 97}\t{i % 50}\t{i % 13}\t{i % 9}%\n"
        parts.append(row)
        total += len(row.encode())
        i += 1
    parts.append(_TAIL)
    return "".join(parts).encode()


@pytest.mark.slow
def test_peak_memory_of_very_short_tab_rows_is_under_ten_bytes_per_byte() -> None:
    # offsets kept for every row and cell, and three copies of the body alive in the reporting
    # period's scan, cost 15 bytes per byte here
    data = _short_tab_rows(1_000_000)
    assert _peak_per_byte(data) < PEAK_PER_BYTE


def _score_sheet(size: int) -> bytes:
    """A self-scoring table as a Markdown pipe table: criteria of four items each, a cap and a self score
    on every row, to about `size` bytes, then the total."""
    parts = [_HEAD, "| TT | Nội dung | Điểm tối đa | Tự chấm |\n| --- | --- | --- | --- |\n"]
    total, c = sum(len(p.encode()) for p in parts), 1
    while total < size:
        rows = [f"| Tiêu chí {c % 40 + 1} | Lãnh đạo, chỉ đạo việc thực hiện nhóm việc {c} | 10 | 9 |\n"]
        rows += [f"| Nội dung {i} | Ban hành kế hoạch và kiểm tra phần việc {c}.{i} | 2,5 | 2,25 |\n" for i in range(1, 5)]
        parts += rows
        total += sum(len(r.encode()) for r in rows)
        c += 1
    parts.append("| Tổng cộng | | 100 | 90 |\n" + _TAIL)
    return "".join(parts).encode()


@pytest.mark.slow
def test_peak_memory_of_a_score_sheet_as_text_is_under_ten_bytes_per_byte() -> None:
    # each score row kept its own label, content and score texts, two Decimals and spans: 19.6 here
    data = _score_sheet(1_000_000)
    assert _peak_per_byte(data) < PEAK_PER_BYTE


# -- PDF: the RSS of a child process (pdfminer's and pypdf's objects, C buffers, what the allocator keeps),
# per byte of the pages' decoded content streams, the size the reader's limits bound. Per byte of the
# file it cannot hold: the content is deflated (~2.9x here, more in real files), so one file byte
# is several bytes of operators and text (`make bench` prints both).


def text_pdf(pages: int) -> bytes:
    """A text PDF written by hand (the one `make bench` measures): `pages` A4 pages of 40 lines each
    (Helvetica, unaccented words), one deflated content stream per page."""
    import random
    import zlib

    from ingest_helpers import pdf_from_objects

    rng = random.Random(11)
    plain = [w.encode() for w in ("trong ky bao cao don vi da trien khai cac nhiem vu cai cach hanh chinh "
                                  "theo ke hoach va tiep nhan y kien nguoi dan").split()]
    # 1 catalog, 2 page tree, 3 font, then for page k: 4 + 2k its content stream, 5 + 2k the page
    kids = b" ".join(b"%d 0 R" % (5 + 2 * k) for k in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for k in range(pages):
        lines = [b"BT /F1 11 Tf 56 %d Td (%s) Tj ET" % (800 - 18 * n, b" ".join(rng.choice(plain) for _ in range(12)))
                 for n in range(40)]
        packed = zlib.compress(b"\n".join(lines))
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream")
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 3 0 R >> >> >>" % (4 + 2 * k))
    return pdf_from_objects(objects)


def pdf_content_size(data: bytes) -> int:
    """The decoded size of the pages' content streams."""
    import io

    from pypdf import PdfReader

    return sum(len(page.get_contents().get_data()) for page in PdfReader(io.BytesIO(data)).pages
               if page.get_contents() is not None)


CHILD_RSS = """
import sys
sys.path.insert(0, sys.argv[1])
from checker.api import check
check(open(sys.argv[3], "rb").read(), name=sys.argv[4])  # warm with a small file of the kind
data = open(sys.argv[2], "rb").read()
def status(key):
    return next(int(line.split()[1]) * 1024 for line in open("/proc/self/status") if line.startswith(key))
base = status("VmRSS")
open("/proc/self/clear_refs", "w").write("5")  # the peak from here on
report = check(data, name=sys.argv[4])
assert report.error is None, report.error
print(status("VmHWM") - base)
"""
HAS_CLEAR_REFS = Path("/proc/self/clear_refs").exists()


def child_rss_peak(data: bytes, name: str, warm: bytes) -> int:
    """Peak RSS growth of one check of `data` in a fresh process warmed with `warm` (Linux /proc)."""
    with tempfile.TemporaryDirectory() as tmp:
        big, small = Path(tmp) / "big", Path(tmp) / "warm"
        big.write_bytes(data)
        small.write_bytes(warm)
        done = subprocess.run([sys.executable, "-c", CHILD_RSS, str(Path(__file__).resolve().parents[1]),
                               str(big), str(small), name], capture_output=True, text=True, timeout=600, check=True)
    return int(done.stdout.strip().splitlines()[-1])


def _pdf_peaks() -> tuple[float, float]:
    """(peak per decoded content byte of a 30-page text PDF, slope from 30 to 60 pages), RSS of a child."""
    warm = text_pdf(1)
    small, large = text_pdf(30), text_pdf(60)
    peak_small, peak_large = child_rss_peak(small, "a.pdf", warm), child_rss_peak(large, "a.pdf", warm)
    size_small, size_large = pdf_content_size(small), pdf_content_size(large)
    return peak_small / size_small, (peak_large - peak_small) / (size_large - size_small)


@pytest.mark.slow
@pytest.mark.skipif(not HAS_CLEAR_REFS, reason="cần /proc/self/clear_refs (Linux) để đo đỉnh RSS")
def test_pdf_memory_per_decoded_content_byte_is_under_ten_on_the_slope() -> None:
    # what grows with the text: a `_Line` and a `Segment` per printed line, kept to the end, were 11-13
    # (7.4 in a fresh clone at 1b27857; 4.5-7.5 once a line's text is a slice of its page's str and
    # the pages are made one at a time)
    assert _pdf_peaks()[1] < PEAK_PER_BYTE


@pytest.mark.slow
@pytest.mark.skipif(not HAS_CLEAR_REFS, reason="cần /proc/self/clear_refs (Linux) để đo đỉnh RSS")
def test_pdf_memory_per_decoded_content_byte_is_under_ten_at_the_peak() -> None:
    # pdfplumber's dict and pdfminer's LTChar per character of a page held 45 at the peak; then 12.1-12.8
    # in a fresh clone: a page's clusters as (index, cluster) tuples (~250 KB), its words as tuples of
    # floats, every page's objects in pdfplumber's list, a str per line, and TT001's document patterns in
    # re's cache (~230 KB) with three copies of the text. 6.9-7.1 with an empty cache, 7.7-8.4 with a
    # warm one (a warm-up that builds no cache leaves less free memory behind), fresh clone, 2026-12-02
    assert _pdf_peaks()[0] < PEAK_PER_BYTE
