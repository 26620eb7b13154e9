"""`make bench`: throughput, latency, cold start and peak memory of baocao-lint.

Prints, for the seeds (../shared/seeds) and samples/: KB/s per core and per-file latency in-process
after warm-up; the cold start of the command; and for a generated corpus (default 2,000 reports)
files/s with --jobs 1 and --jobs 2 and the peak memory of the whole process tree, at two corpus
sizes so that growth with the number of files shows. Figures only; nothing here is asserted.

    python bench/run_bench.py [--corpus 2000] [--repeat 10] [--skip-jobs1]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

from make_corpus import build  # noqa: E402

SEEDS = REPO.parent / "shared" / "seeds"
SAMPLES = REPO / "samples"
EXE = Path(sys.executable).parent / "baocao-lint"


def _inputs() -> list[Path]:
    out: list[Path] = []
    for folder in (SEEDS, SAMPLES):
        if folder.is_dir():
            out += sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".txt", ".md", ".docx"))
    return out


def in_process(repeat: int) -> None:
    from checker.api import check

    files = _inputs()
    if not files:
        print("(không có seeds/samples để đo trong tiến trình)")
        return
    for p in files:  # warm-up: rule data, grammars, regex caches
        check(p)
    print(f"\n== Trong tiến trình (sau khi làm nóng), {repeat} lần mỗi tệp ==")
    print(f"{'tệp':<34} {'KB':>6} {'trung vị ms':>12} {'min ms':>8} {'KB/s':>8}")
    total_kb = total_s = 0.0
    for p in files:
        kb = p.stat().st_size / 1024
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            check(p)
            times.append(time.perf_counter() - t)
        med = statistics.median(times)
        total_kb += kb
        total_s += med
        print(f"{p.name:<34} {kb:>6.1f} {med * 1000:>12.1f} {min(times) * 1000:>8.1f} {kb / med:>8.0f}")
    print(f"{'tất cả':<34} {total_kb:>6.1f} {total_s * 1000:>12.1f} {'':>8} {total_kb / total_s:>8.0f}  (KB/s trên một lõi)")


def quantity_layer(repeat: int) -> None:
    """Cost of the quantity relations (checker/facts/quantities.py: SL001's unbracketed breakdowns, SL006,
    SL007, SL008, SL009) as a share of a whole report's check, seeds and samples plus ../shared/corpus when present
    (issue 12: at most 20% more per report)."""
    from checker.api import check
    from checker.checks.arithmetic import (
        _breakdown_vs_total,
        check_change_from_to,
        check_percent_of_plan,
        check_remainder,
        check_share_of_total,
    )
    from checker.context import Context, Options
    from checker.document import build_document
    from checker.ingest import read_path

    files = _inputs()
    corpus = REPO.parent / "shared" / "corpus"
    if corpus.is_dir():
        files += sorted(corpus.glob("*.txt")) + sorted((corpus / "full").glob("*.txt"))
    if not files:
        print("(không có tệp để đo lớp số liệu)")
        return
    whole = layer = 0.0
    for p in files:
        check(p)  # warm-up
        times, parts = [], []
        for _ in range(repeat):
            t = time.perf_counter()
            check(p)
            times.append(time.perf_counter() - t)
            src = read_path(p)
            ctx = Context(src=src, doc=build_document(src), options=Options())
            _ = ctx.lowered  # shared with every other rule: not the layer's cost
            t = time.perf_counter()
            list(_breakdown_vs_total(ctx))
            list(check_remainder(ctx))
            list(check_change_from_to(ctx))
            list(check_share_of_total(ctx))
            list(check_percent_of_plan(ctx))
            parts.append(time.perf_counter() - t)
        whole += statistics.median(times)
        layer += statistics.median(parts)
    print(f"\n== Lớp số liệu (quan hệ tổng/phần, còn lại, tăng/giảm, tỷ lệ của tổng, % kế hoạch), {len(files)} tệp, {repeat} lần ==")
    print(f"cả báo cáo {whole * 1000:.1f} ms, lớp số liệu {layer * 1000:.1f} ms: +{layer / (whole - layer) * 100:.1f}% mỗi báo cáo")


def cold_start(runs: int = 5) -> None:
    if not EXE.exists():
        print("(chưa cài lệnh baocao-lint; bỏ qua đo khởi động)")
        return
    files = _inputs()
    print("\n== Khởi động nguội của lệnh (trung vị của", runs, "lần) ==")
    cases = [["--version"], ["rules"]]
    if files:
        small = min(files, key=lambda p: p.stat().st_size)
        cases.append(["check", str(small), "--jobs", "1", "--format", "json", "--output", os.devnull])
    for args in cases:
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            subprocess.run([str(EXE), *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times.append(time.perf_counter() - t)
        label = " ".join(a if len(a) < 30 else Path(a).name for a in args)
        print(f"baocao-lint {label:<60} {statistics.median(times) * 1000:>7.0f} ms")


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc (Linux)."""
    total = 0
    stack = [pid]
    seen = set()
    while stack:
        p = stack.pop()
        if p in seen:
            continue
        seen.add(p)
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
                    break
            for task in Path(f"/proc/{p}/task").iterdir():
                kids = (task / "children").read_text().split()
                stack += [int(k) for k in kids]
        except (OSError, ValueError):
            continue
    return total


def run_batch(folder: Path, jobs: int) -> tuple[float, int, int]:
    """Wall time, peak tree RSS (KB) and exit status of one `baocao-lint check` over a folder."""
    cmd = [str(EXE), "check", str(folder), "--jobs", str(jobs), "--format", "json", "--output", os.devnull, "--quiet"]
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss_kb(proc.pid))
            stop.wait(0.05)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    code = proc.wait()
    elapsed = time.perf_counter() - t
    stop.set()
    th.join()
    return elapsed, peak, code


def corpus(n: int, skip_jobs1: bool) -> None:
    if not EXE.exists():
        print("(chưa cài lệnh baocao-lint; bỏ qua đo bộ dữ liệu)")
        return
    root = Path(tempfile.gettempdir()) / "baocao-lint-bench"
    big = root / f"corpus-{n}"
    paths = build(big, n, [SEEDS, SAMPLES])
    kb = sum(p.stat().st_size for p in paths) / 1024
    small_n = max(1, n // 4)
    small = root / f"corpus-{small_n}"
    build(small, small_n, [SEEDS, SAMPLES])
    print(f"\n== Bộ dữ liệu sinh từ seeds/samples: {n} báo cáo, {kb / 1024:.1f} MB (ở {big}) ==")
    print(f"{'chạy':<26} {'giây':>8} {'tệp/s':>8} {'KB/s':>8} {'RAM đỉnh MB':>12}")
    for jobs in (1, 2):
        if jobs == 1 and skip_jobs1:
            continue
        for folder, count in ((small, small_n), (big, n)):
            elapsed, peak, code = run_batch(folder, jobs)
            fkb = sum(p.stat().st_size for p in folder.glob("*.txt")) / 1024
            label = f"--jobs {jobs}, {count} tệp"
            print(f"{label:<26} {elapsed:>8.1f} {count / elapsed:>8.1f} {fkb / elapsed:>8.0f} {peak / 1024:>12.0f}"
                  + ("" if code in (0, 1) else f"  (mã thoát {code})"))


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_load(concurrent: int = 50, rounds: int = 3, workers: int = 2) -> None:
    """Loopback load test of `baocao-lint serve`: `rounds` waves of `concurrent` uploads of a seed-sized
    report at once; every answer is compared with the command line's JSON for the same bytes."""
    import asyncio
    import signal

    import httpx

    from checker.api import check
    from checker.reporters.json_out import render_json

    if not EXE.exists():
        print("(chưa cài lệnh baocao-lint; bỏ qua đo serve)")
        return
    inputs = [p for p in _inputs() if p.suffix == ".txt"]
    if not inputs:
        print("(không có báo cáo mẫu; bỏ qua đo serve)")
        return
    # the seed closest to 50 KB stands for a typical report
    report = min(inputs, key=lambda p: abs(p.stat().st_size - 50_000))
    data = report.read_bytes()
    expected = render_json([check(data, name=report.name)])
    port = _free_port()
    cmd = [str(EXE), "serve", "--port", str(port), "--workers", str(workers), "--max-queue", str(concurrent * 2)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                print("(serve không khởi động được; bỏ qua)")
                return
            time.sleep(0.1)

        async def wave(client: httpx.AsyncClient) -> list[tuple[float, bool]]:
            async def one() -> tuple[float, bool]:
                t0 = time.perf_counter()
                r = await client.post("/api/v1/check", files={"files": (report.name, data)})
                return time.perf_counter() - t0, r.status_code == 200 and r.text == expected

            return await asyncio.gather(*(one() for _ in range(concurrent)))

        async def run() -> tuple[float, list[tuple[float, bool]]]:
            limits = httpx.Limits(max_connections=concurrent)
            async with httpx.AsyncClient(base_url=base, timeout=300, limits=limits) as client:
                await client.post("/api/v1/check", files={"files": (report.name, data)})  # workers warm
                t0 = time.perf_counter()
                out: list[tuple[float, bool]] = []
                for _ in range(rounds):
                    out += await wave(client)
                return time.perf_counter() - t0, out

        elapsed, results = asyncio.run(asyncio.wait_for(run(), 900))
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
    lat = sorted(t * 1000 for t, _ in results)
    ok = sum(1 for _, good in results if good)

    def pct(q: float) -> float:
        return lat[min(len(lat) - 1, int(round(q * (len(lat) - 1))))]

    print(f"\n== serve trên 127.0.0.1: {rounds} đợt × {concurrent} yêu cầu cùng lúc, {report.name} "
          f"({len(data) / 1024:.0f} KB), --workers {workers} ==")
    print(f"{'yêu cầu/s':>10} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'max ms':>8} {'đúng':>10}")
    print(f"{len(results) / elapsed:>10.1f} {pct(0.5):>8.0f} {pct(0.9):>8.0f} {pct(0.99):>8.0f} {lat[-1]:>8.0f} "
          f"{ok:>5}/{len(results)}")
    if ok != len(results):
        print("  CÓ CÂU TRẢ LỜI SAI: JSON của serve khác JSON của dòng lệnh")


def html_open(n: int = 300) -> None:
    """Time for Chromium to open the batch HTML page of `n` reports and draw its list."""
    from checker.api import check
    from checker.reporters.html import render_html

    inputs = _inputs()
    chromium = Path("/usr/bin/chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("(chưa cài playwright; bỏ qua đo trang HTML)")
        return
    if not inputs or not chromium.exists():
        print("(không có báo cáo mẫu hoặc /usr/bin/chromium; bỏ qua đo trang HTML)")
        return
    reports = [check(inputs[i % len(inputs)]) for i in range(n)]
    for i, rep in enumerate(reports):
        rep.path = f"{i:04d}-{rep.path}"
    page_path = Path(tempfile.gettempdir()) / f"baocao-lint-bench-{n}.html"
    page_path.write_text(render_html(reports), encoding="utf-8")
    mb = page_path.stat().st_size / 1024 / 1024
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"]
    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=args)
        for _ in range(3):
            page = browser.new_page()
            t0 = time.perf_counter()
            page.goto(page_path.as_uri(), wait_until="load", timeout=120_000)
            page.locator("table.summary tbody tr").first.wait_for()
            times.append(time.perf_counter() - t0)
            t1 = time.perf_counter()
            page.locator("table.summary tbody tr").first.click()
            page.locator("details.file[open] section.file").wait_for()
            open_one = time.perf_counter() - t1
            page.close()
        browser.close()
    page_path.unlink()
    print(f"\n== Trang HTML của {n} báo cáo ({mb:.1f} MB) trong Chromium ==")
    print(f"mở trang và vẽ danh sách: trung vị {statistics.median(times):.2f} s; mở một báo cáo: {open_one * 1000:.0f} ms")


def _seeds_report(size: int = 3_000_000) -> bytes | None:
    """The seeds (../shared/seeds/*.txt) one after another, again and again, to about `size` bytes: a long
    report of real prose for the memory figure (None without the seeds)."""
    parts = [p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))] if SEEDS.is_dir() else []
    if not parts:
        return None
    one = b"\n\n".join(parts) + b"\n\n"
    return one * max(1, size // len(one))


def pathological(size: int = 100_000) -> None:
    """The slowest stage on each input that made a regex quadratic (checker/perfcheck.py), and the
    peak memory of one check per byte of input (target: under 10)."""
    import tracemalloc

    from checker.api import check
    from checker.perfcheck import PATHOLOGICAL, pathological_text, stage_times

    print(f"\n== Đầu vào bệnh lý ({size:,} ký tự một dòng): bước chậm nhất (giây CPU) ==")
    worst_overall = ("", "", 0.0)
    for name, unit in PATHOLOGICAL.items():
        times = stage_times(pathological_text(unit, size))
        stage, seconds = max(times.items(), key=lambda kv: kv[1])
        print(f"{name:<14} {stage:<16} {seconds * 1000:>8.1f} ms")
        if seconds > worst_overall[2]:
            worst_overall = (name, stage, seconds)
    print(f"chậm nhất: {worst_overall[1]} trên '{worst_overall[0]}', {worst_overall[2] * 1000:.1f} ms")
    print("\n== Bộ nhớ mỗi byte đầu vào (đỉnh tracemalloc của một lần check, mục tiêu < 10) ==")
    samples = [("một câu lặp lại", ("Ban đã tổ chức 12 hội nghị, đạt 95,5% kế hoạch năm 2023.\n" * 40_000).encode())]
    seeds = _seeds_report()
    if seeds is not None:  # real prose: headers, tables, citations, footnotes, as reports have them
        samples.append(("seeds nối lại", seeds))
    samples += [(f"bệnh lý {n}", pathological_text(PATHOLOGICAL[n], 1_000_000)) for n in ("dấu rời", "sao **")]
    # the shapes tests/test_memory.py bounds: a tab-table annex, tab rows of a few characters a cell,
    # a score sheet as a pipe table (each row's texts and scores)
    sys.path.insert(0, str(REPO / "tests"))
    from test_memory import _annex, _score_sheet, _short_tab_rows

    samples += [("phụ lục bảng tab", _annex(1_000_000)), ("dòng tab rất ngắn", _short_tab_rows(1_000_000)),
                ("bảng chấm điểm chữ", _score_sheet(1_000_000))]
    for label, data in samples:
        check(data[:2000], name="warm.txt")
        tracemalloc.start()
        check(data, name="a.txt")
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"{label:<20} {len(data) / 2**20:>6.1f} MB  {peak / len(data):>6.1f} byte/byte")
    container_memory()


def container_memory() -> None:
    """Memory of reading a .docx and a PDF, per byte of the file and of what it decodes to."""
    import tracemalloc

    from checker.api import check

    # .docx and PDF, per byte of the file: tracemalloc does not see lxml's trees (C), a child's RSS does;
    # then the RSS per byte of what the container decodes to (the .docx's XML parts, the PDF's page
    # content streams), the size the readers' limits bound
    # the bound is held per decoded byte (tests/test_memory.py): per byte of the file it cannot be, a
    # deflated stream is several bytes of operators and text for each byte stored
    print("(.docx/PDF: đỉnh tracemalloc | đỉnh RSS của một tiến trình con, mỗi byte tệp; RSS mỗi byte giải nén, "
          "mục tiêu < 10; mỗi byte tệp thì không: nội dung nén, một byte tệp là nhiều byte giải nén)")
    for label, name, data in (("docx sinh ra", "bao-cao.docx", _generated_docx(2000)),
                              ("PDF chữ sinh ra", "bao-cao.pdf", _generated_text_pdf(30))):
        check(data, name=name)  # warm: its readers imported, its rules loaded
        tracemalloc.start()
        check(data, name=name)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        rss = _child_rss_peak(data, name)
        shown = f"{rss / len(data):>6.1f}" if rss is not None else "     —"
        decoded = _decoded_size(data, name)
        per_decoded = f"{rss / decoded:>6.1f}" if rss is not None and decoded else "     —"
        print(f"{label:<20} {len(data) / 2**20:>6.1f} MB  {peak / len(data):>6.1f} | {shown} byte/byte; "
              f"{decoded / 2**20:.1f} MB giải nén (nén {decoded / len(data):.1f}×): {per_decoded} byte/byte")
    # what grows with the file: the RSS peak of a file twice as long less that of the file, over the
    # bytes added (of the file, and of what it decodes to); a reader that releases its pages as read
    # and keeps memory proportional to the text shows a slope far under its peak per byte
    print("(độ dốc: đỉnh RSS của tệp gấp đôi trừ đỉnh của tệp, chia cho số byte thêm: tệp | giải nén)")
    for label, name, small, large in (("docx 2000 → 4000 đoạn", "bao-cao.docx", _generated_docx(2000), _generated_docx(4000)),
                                      ("PDF 30 → 60 trang", "bao-cao.pdf", _generated_text_pdf(30), _generated_text_pdf(60))):
        rss_small, rss_large = _child_rss_peak(small, name), _child_rss_peak(large, name)
        if rss_small is None or rss_large is None:
            print(f"{label:<24} —")
            continue
        grown = rss_large - rss_small
        per_file = grown / (len(large) - len(small))
        per_decoded = grown / (_decoded_size(large, name) - _decoded_size(small, name))
        print(f"{label:<24} +{grown / 2**20:.1f} MB: {per_file:>6.1f} | {per_decoded:>5.1f} byte/byte")


def _decoded_size(data: bytes, name: str) -> int:
    """What a container decodes to: the XML parts of a .docx, the page content streams of a PDF."""
    import io

    if name.endswith(".docx"):
        import zipfile

        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return sum(i.file_size for i in z.infolist() if i.filename.endswith(".xml"))
    from pypdf import PdfReader

    return sum(len(page.get_contents().get_data()) for page in PdfReader(io.BytesIO(data)).pages
               if page.get_contents() is not None)


# In my own words: what the generated .docx and PDF samples say.
_BENCH_WORDS = ("trong kỳ báo cáo đơn vị đã triển khai các nhiệm vụ cải cách hành chính theo kế hoạch tổ chức "
                "kiểm tra việc giải quyết hồ sơ tại bộ phận một cửa và tiếp nhận ý kiến của người dân").split()


def _generated_docx(paragraphs: int) -> bytes:
    """A .docx as python-docx writes it: a header table, headings, paragraphs of formatted runs, a score
    table now and then; words and figures varied so that it compresses like a real file (~10×)."""
    import io
    import random

    import docx
    from docx.shared import Pt

    rng = random.Random(7)
    d = docx.Document()
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "ỦY BAN NHÂN DÂN\nXÃ MẪU", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    t.cell(1, 0).text, t.cell(1, 1).text = "Số: 12/BC-UBND", "Xã Mẫu, ngày 5 tháng 3 năm 2025"
    d.add_paragraph("BÁO CÁO").runs[0].bold = True
    for i in range(paragraphs):
        if i % 40 == 0:
            d.add_paragraph(f"{i // 40 + 1}. Kết quả thực hiện nhóm nhiệm vụ thứ {i // 40 + 1}").runs[0].bold = True
        p = d.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(28)
        for k in range(4):
            words = [rng.choice(_BENCH_WORDS) for _ in range(rng.randint(5, 12))] + [str(rng.randint(1, 99999))]
            run = p.add_run(" ".join(words) + ("; " if k < 3 else "."))
            run.font.name, run.font.size, run.italic = "Times New Roman", Pt(14), k == 2
        if i % 200 == 199:
            table = d.add_table(rows=6, cols=4)
            for a in range(6):
                for b in range(4):
                    table.cell(a, b).text = str(a * 4 + b) if a else ("STT", "Tiêu chí", "Điểm tối đa", "Tự chấm")[b]
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _generated_text_pdf(pages: int) -> bytes:
    """The text PDF tests/test_memory.py bounds: `pages` A4 pages of 40 lines each (Helvetica,
    unaccented words), one deflated content stream per page."""
    sys.path.insert(0, str(REPO / "tests"))
    from test_memory import text_pdf

    return text_pdf(pages)


_CHILD_RSS = """
import sys
sys.path.insert(0, sys.argv[1])
from checker.api import check
check(open(sys.argv[3], "rb").read(), name=sys.argv[4])  # warm with a small file of the kind
data = open(sys.argv[2], "rb").read()
def status(key):
    return next(int(line.split()[1]) * 1024 for line in open("/proc/self/status") if line.startswith(key))
base = status("VmRSS")
open("/proc/self/clear_refs", "w").write("5")  # the peak from here on
check(data, name=sys.argv[4])
print(status("VmHWM") - base)
"""


def _child_rss_peak(data: bytes, name: str) -> int | None:
    """Peak RSS growth of one check of `data` in a fresh process warmed with a small file of the same
    kind (Linux /proc only; None elsewhere): lxml's trees are C memory tracemalloc does not see."""
    if not Path("/proc/self/clear_refs").exists():
        return None
    small = _generated_docx(20) if name.endswith(".docx") else _generated_text_pdf(1)
    with tempfile.TemporaryDirectory() as tmp:
        big, warm = Path(tmp) / "big", Path(tmp) / "warm"
        big.write_bytes(data)
        warm.write_bytes(small)
        done = subprocess.run([sys.executable, "-c", _CHILD_RSS, str(REPO), str(big), str(warm), name],
                              capture_output=True, text=True, timeout=600)
    try:
        return int(done.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=int, default=2000, help="số báo cáo sinh ra (0: bỏ qua)")
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--skip-jobs1", action="store_true", help="chỉ đo --jobs 2 (nhanh hơn)")
    ap.add_argument("--serve", type=int, default=50, help="số yêu cầu cùng lúc gửi tới serve (0: bỏ qua)")
    ap.add_argument("--html-reports", type=int, default=300, help="số báo cáo của trang HTML đo trong Chromium (0: bỏ qua)")
    args = ap.parse_args()
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} lõi")
    in_process(args.repeat)
    pathological()
    quantity_layer(max(1, args.repeat // 2))
    import ratios

    ratios.compile_bytecode()  # the cold starts below measure an installed copy, with its bytecode
    cold_start()
    ratios.main()
    if args.serve:
        serve_load(args.serve)
    if args.html_reports:
        html_open(args.html_reports)
    if args.corpus:
        corpus(args.corpus, args.skip_jobs1)


if __name__ == "__main__":
    main()
