"""Build a corpus of varied reports from the seeds and samples: years shifted, provinces and people
renamed, counts nudged. Deterministic (seeded), so two bench runs check the same corpus."""

from __future__ import annotations

import random
import re
from pathlib import Path

PROVINCES = [
    "Bắc Giang", "Quảng Ngãi", "Thái Nguyên", "Nghệ An", "Đắk Lắk", "Hà Giang", "Sóc Trăng",
    "Lạng Sơn", "Quảng Trị", "Bình Định", "Điện Biên", "Kiên Giang", "Phú Thọ", "Hòa Bình",
]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
GIVEN = ["Văn An", "Thị Bình", "Đức Cường", "Thu Hà", "Minh Khôi", "Thanh Lâm", "Quốc Hưng", "Ngọc Lan"]

_YEAR = re.compile(r"(?<!\d)(20[12]\d)(?!\d)")
_COUNT = re.compile(r"(?<![\d/.,:-])(\d{2,4})(?![\d/.,%-])")
_PERSON = re.compile(r"\b(Nguyễn|Trần|Lê|Phạm|Hoàng|Vũ|Đặng|Bùi|Đỗ|Hồ) [A-ZĐÂĂÊÔƠƯ][\wÀ-ỹ]+(?: [A-ZĐÂĂÊÔƠƯ][\wÀ-ỹ]+)+")


def vary(text: str, rng: random.Random) -> str:
    shift = rng.randint(-3, 2)
    text = _YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)
    src_prov = next((p for p in PROVINCES if p in text), None)
    if src_prov:
        text = text.replace(src_prov, rng.choice(PROVINCES))
        text = text.replace(src_prov.upper(), rng.choice(PROVINCES).upper())
    text = _PERSON.sub(lambda m: f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}", text)

    def nudge(m: re.Match[str]) -> str:
        if rng.random() > 0.3:
            return m.group(1)
        n = int(m.group(1)) + rng.randint(-5, 9)
        return str(max(10, n)).zfill(len(m.group(1)))

    return _COUNT.sub(nudge, text)


def sources(folders: list[Path]) -> list[str]:
    out = []
    for folder in folders:
        if folder.is_dir():
            for p in sorted(folder.rglob("*")):
                if p.suffix.lower() in (".txt", ".md") and p.is_file():
                    out.append(p.read_text(encoding="utf-8", errors="replace"))
    return out


def build(dest: Path, n: int, folders: list[Path], seed: int = 20231215) -> list[Path]:
    texts = sources(folders)
    if not texts:
        raise SystemExit("không có báo cáo mẫu (seeds/samples) để sinh bộ dữ liệu")
    rng = random.Random(seed)
    dest.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = dest / f"bc-{i:04d}.txt"
        if not p.exists():
            p.write_text(vary(texts[i % len(texts)], rng), encoding="utf-8")
        paths.append(p)
    return paths
