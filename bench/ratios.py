"""The three first-contact ratios of `make bench` (issue 19), each measured against a reference run in
the same moment on the same machine, so that a noisy machine moves both sides alike:

- cold start: `baocao-lint check` on a one-page report / a bare `python -c pass` (target ≤ 8×);
- whole process on the five seeds: baocao-lint / proselint on the same files (target ≤ 0.35×), with the
  default jobs (what a user runs), and with `--jobs 1` beside it;
- in-process throughput on the seeds after warm-up, MB/s on one core (target ≥ 3).

Runs alternate (ours, reference, ours, …) after one uncounted run of each, and the medians are
compared: wall time (the ratio the targets name) and CPU time (user + system of every process, which
other programs loading the machine move less). Figures only, no assert.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SEEDS = REPO.parent / "shared" / "seeds"
BIN = Path(sys.executable).parent
EXE = BIN / "baocao-lint"

ONE_PAGE = """ỦY BAN NHÂN DÂN
XÃ MẪU

Số: 07/BC-UBND

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Xã Mẫu, ngày 10 tháng 12 năm 2024

BÁO CÁO
Kết quả công tác tiếp công dân năm 2024

Thực hiện Kế hoạch số 15/KH-UBND ngày 05/01/2024 của UBND xã, trong năm đã tiếp 42 lượt công dân,
trong đó 30 lượt về đất đai và 12 lượt về chính sách xã hội. Đã giải quyết 40 đơn, đạt 95,2%.

Nơi nhận:
- UBND huyện;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn Mẫu
"""


# Our commands run with a private cache folder (set by `main`, warmed by the uncounted first run): the
# user's own ~/.cache/baocao-lint may be shared by other copies of the package (clones, worktrees) whose
# runs in the same minutes change it, and the ratios are of this copy's steady state.
_OURS_ENV: dict[str, str] | None = None


def _timed(cmds: list[list[str]], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall time and CPU time (user + system of every process started, workers included) of running
    `cmds` one after the other. The CPU time moves less than the wall time when other programs load
    the machine: both are printed."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    for cmd in cmds:
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _median_pair(ours: list[list[str]], ref: list[list[str]], runs: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """Median (wall, CPU) of each side, run alternately after one run each that is not counted (it
    writes our private cache the first time, and brings both sides' files into the page cache)."""
    _timed(ours, _OURS_ENV)
    _timed(ref)
    a: list[tuple[float, float]] = []
    b: list[tuple[float, float]] = []
    for _ in range(runs):
        a.append(_timed(ours, _OURS_ENV))
        b.append(_timed(ref))

    def median(pairs: list[tuple[float, float]]) -> tuple[float, float]:
        return statistics.median(w for w, _ in pairs), statistics.median(c for _, c in pairs)

    return median(a), median(b)


def _load() -> str:
    return f"tải máy {os.getloadavg()[0]:.1f} trên {os.cpu_count()} lõi"


def cold_start_ratio(tmp: Path, runs: int = 7) -> None:
    page = tmp / "mot-trang.txt"
    page.write_text(ONE_PAGE, encoding="utf-8")
    (ours, ours_cpu), (bare, bare_cpu) = _median_pair(
        [[str(EXE), "check", str(page), "--jobs", "1", "--quiet"]], [[sys.executable, "-c", "pass"]], runs
    )
    print(f"khởi động nguội: check một trang {ours * 1000:.0f} ms / python -c pass {bare * 1000:.0f} ms "
          f"= {ours / bare:.1f}× (mục tiêu ≤ 8×); CPU {ours_cpu * 1000:.0f} / {bare_cpu * 1000:.0f} ms "
          f"= {ours_cpu / bare_cpu:.1f}×; {_load()}")


def proselint_version(proselint: str) -> tuple[int, ...] | None:
    """The version proselint prints of itself: 0.16 answers `proselint version`, older releases
    `proselint --version`. None when neither prints one."""
    for args in (["version"], ["--version"]):
        run = subprocess.run([proselint, *args], capture_output=True, text=True)
        found = re.search(r"(\d+)\.(\d+)(?:\.(\d+))?", run.stdout + run.stderr)
        if run.returncode == 0 and found:
            return tuple(int(g) for g in found.groups() if g is not None)
    return None


def proselint_command(proselint: str, version: tuple[int, ...] | None, file: str) -> list[str]:
    """proselint's command that checks one file: since 0.15 a `check` subcommand takes the paths; a bare
    path is a usage error (exit 2) that checks nothing, and timing that error would time a start only."""
    if version is not None and version >= (0, 15):
        return [proselint, "check", file]
    return [proselint, file]


def reference_refusal(cmds: list[list[str]]) -> str | None:
    """Why the reference run cannot stand as one, or None: proselint exits 0 (nothing found) or 1
    (problems printed) after checking a file; any other code means it did not check it."""
    for cmd in cmds:
        run = subprocess.run(cmd, capture_output=True, text=True)
        if run.returncode not in (0, 1):
            last = (run.stderr.strip().splitlines() or ["(không in gì)"])[-1]
            return f"`{' '.join(cmd[1:])}` thoát mã {run.returncode}: {last}"
    return None


def proselint_ratio(runs: int = 5) -> None:
    """The five seeds, whole process, against proselint on the same files. The ratio printed first is
    the run a user gets (the default `--jobs`: one worker per core); the one-worker run (`--jobs 1`)
    is printed beside it, each timed alternately with proselint in the same minutes."""
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    proselint = shutil.which("proselint", path=str(BIN)) or shutil.which("proselint")
    if not seeds:
        print("(không có ../shared/seeds: bỏ qua so sánh với proselint)")
        return
    if not proselint:
        print("(chưa cài proselint: pip install proselint — `make bench` cài nó; bỏ qua so sánh)")
        return
    files = [str(p) for p in seeds]
    version = proselint_version(proselint)
    # proselint checks one file per invocation: the whole-process time on the five seeds is the sum
    reference = [proselint_command(proselint, version, f) for f in files]
    refusal = reference_refusal(reference)
    if refusal:
        print(f"(proselint không kiểm tra được seeds: {refusal}; bỏ qua so sánh)")
        return
    named = ".".join(map(str, version)) if version else "?"
    ours_cmd = [str(EXE), "check", *files, "--quiet", "--format", "json", "--fail-on", "never"]
    (ours, ours_cpu), (ref, ref_cpu) = _median_pair([ours_cmd], reference, runs)
    (one, one_cpu), (ref1, ref1_cpu) = _median_pair([[*ours_cmd, "--jobs", "1"]], reference, runs)
    print(f"năm seeds, cả tiến trình, --jobs mặc định ({os.cpu_count()} lõi, như người dùng chạy): baocao-lint "
          f"{ours:.2f} s / proselint {named} {ref:.2f} s = {ours / ref:.2f}× (mục tiêu ≤ 0,35×); CPU "
          f"{ours_cpu:.2f} / {ref_cpu:.2f} s = {ours_cpu / ref_cpu:.2f}×; {_load()}")
    print(f"  cùng phép đo với --jobs 1 (một tiến trình kiểm tra): {one:.2f} s / {ref1:.2f} s = {one / ref1:.2f}×; "
          f"CPU {one_cpu:.2f} / {ref1_cpu:.2f} s = {one_cpu / ref1_cpu:.2f}×")


def throughput(repeat: int = 5) -> None:
    from checker.api import check

    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not seeds:
        print("(không có ../shared/seeds: bỏ qua đo thông lượng)")
        return
    for p in seeds:
        check(p)  # warm-up
    total_bytes = sum(p.stat().st_size for p in seeds)
    best = []
    for _ in range(repeat):
        t = time.perf_counter()
        for p in seeds:
            check(p)
        best.append(time.perf_counter() - t)
    med = statistics.median(best)
    ref = machine_reference(seeds, repeat)
    print(f"thông lượng trong tiến trình trên seeds: {total_bytes / med / 1e6:.2f} MB/s trên một lõi (mục tiêu ≥ 3); "
          f"máy này đọc, chuẩn hoá NFC và chạy một regex trên seeds ở {total_bytes / ref / 1e6:.1f} MB/s "
          f"(kiểm tra = {med / ref:.0f}× việc đó)")


def machine_reference(seeds: list[Path], repeat: int) -> float:
    """Median seconds, on this machine now, of the floor issue 19 compares the start with: reading the
    seeds, normalising them (NFC) and running one regex over them. The MB/s target is absolute, and
    machines here differ by two times in speed: this figure, printed beside it, tells a slower machine
    from a slower checker when two runs' figures are compared."""
    import re
    import unicodedata

    words = re.compile(r"\w+")
    runs = []
    for _ in range(repeat + 1):
        t = time.perf_counter()
        for p in seeds:
            words.findall(unicodedata.normalize("NFC", p.read_bytes().decode("utf-8")))
        runs.append(time.perf_counter() - t)
    return statistics.median(runs[1:])


def compile_bytecode() -> None:
    """Write the package's bytecode, as installing a wheel does. An editable install has none until a
    run writes it, and with PYTHONDONTWRITEBYTECODE set (as on shared build machines) none is ever
    written: every start would then compile all of the package's modules again (~130 ms), a cost no
    installed copy pays."""
    import compileall

    compileall.compile_dir(str(REPO / "checker"), quiet=1)


def main() -> None:
    import tempfile

    global _OURS_ENV
    compile_bytecode()
    print("\n== Ba tỷ lệ khởi đầu (cùng lúc, cùng máy) ==")
    with tempfile.TemporaryDirectory() as d:
        _OURS_ENV = {**os.environ, "XDG_CACHE_HOME": str(Path(d) / "cache")}
        cold_start_ratio(Path(d))
        proselint_ratio()
    throughput()


if __name__ == "__main__":
    main()
