"""Format checks on a PDF with a text layer: the page box, the fonts and the body size of its characters
(pdfplumber), the side margins from where the text stops. What a PDF can tell is less than a Word
file: the page size and the font names are exact; a margin is only bounded by where the text reaches,
so margins are reported at info, and only when the text itself comes closer to the edge than allowed."""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from checker.context import Context
from checker.engine import Hit
from checker.limits import FORMAT_PDF_PAGES
from checker.ruledata_format import FormatRules, load_format_rules

_PT_PER_MM = 72 / 25.4
_SUBSET = re.compile(r"^[A-Z]{6}\+")


@dataclass
class PdfFacts:
    rules: FormatRules
    pages: list[tuple[float, float]] = field(default_factory=list)  # (width, height) in mm
    fonts: Counter[str] = field(default_factory=Counter)  # font family -> letters
    sizes: Counter[float] = field(default_factory=Counter)  # size in pt -> letters
    left: list[float] = field(default_factory=list)  # per page: mm from the left edge to the text
    right: list[float] = field(default_factory=list)


def _family(fontname: str) -> str:
    name = _SUBSET.sub("", fontname or "")
    return re.split(r"[,-]", name)[0] or name


def pdf_facts(ctx: Context) -> PdfFacts | None:
    return ctx.fact(_read)


def _read(ctx: Context) -> PdfFacts | None:
    src = ctx.src
    header = ctx.doc.header
    if src.format != "pdf" or not src.original or ctx.doc.kind not in ("state", "party"):
        return None
    from checker.checks.format import is_normative
    from checker.document import _MOTTO

    # the header of a document: Quốc hiệu (its motto survives a wrapped two-column header), or the Party's
    titled = header.national_motto or header.party_motto or _MOTTO.search(src.text[:3000]) is not None
    if not titled or is_normative(ctx):
        return None  # a document with its header: not a form, a table or a scan's junk layer
    rules = load_format_rules().get(ctx.doc.kind)
    if rules is None:
        return None
    layout = src.pdf_layout
    if layout is not None:  # read with the text (checker.ingest.pdf.PdfLayout): the file is not opened again
        facts = PdfFacts(rules=rules)
        facts.pages = [(width / _PT_PER_MM, height / _PT_PER_MM) for width, height in layout.pages]
        for name, letters in layout.fonts.items():
            facts.fonts[_family(name)] += letters
        for size, letters in layout.sizes.items():
            facts.sizes[round(float(size) * 2) / 2] += letters
        facts.left = [x / _PT_PER_MM for x in layout.left]
        facts.right = [x / _PT_PER_MM for x in layout.right]
        return facts
    return read_with_pdfplumber(src.original, rules)


def read_with_pdfplumber(original: bytes, rules: FormatRules) -> PdfFacts | None:
    """The facts from pdfplumber's characters: for a PDF whose text did not come from its text layer
    (a scan read by OCR keeps its page boxes), and the oracle of `PdfLayout` in the tests."""
    try:
        import pdfplumber

        facts = PdfFacts(rules=rules)
        with pdfplumber.open(io.BytesIO(original)) as pdf:
            for page in pdf.pages[:FORMAT_PDF_PAGES]:
                facts.pages.append((float(page.width) / _PT_PER_MM, float(page.height) / _PT_PER_MM))
                letters = [c for c in page.chars if c.get("text", "").isalpha()]
                if not letters:
                    page.close()
                    continue
                for c in letters:
                    facts.fonts[_family(c.get("fontname", ""))] += 1
                    facts.sizes[round(float(c.get("size", 0)) * 2) / 2] += 1
                if len(letters) >= 200:  # a page of running text
                    facts.left.append(min(float(c["x0"]) for c in letters) / _PT_PER_MM)
                    facts.right.append((float(page.width) - max(float(c["x1"]) for c in letters)) / _PT_PER_MM)
                page.close()  # its parsed objects go now, not with the whole document (memory per page)
    except Exception:  # noqa: BLE001 - a damaged text layer: the text rules still ran
        return None
    return facts


def paper_hits(ctx: Context, cite: str, need: str, lang: str) -> Iterator[Hit]:
    facts = pdf_facts(ctx)
    if facts is None or not facts.pages:
        return
    paper = facts.rules.paper
    tol = float(paper.tolerance_mm)
    for w, h in facts.pages:
        a, b = sorted((w, h))
        if abs(a - float(paper.width_mm)) > tol or abs(b - float(paper.height_mm)) > tol:
            what = f"{'paper' if lang == 'en' else 'khổ giấy'} {a:.1f} × {b:.1f} mm".replace(".", ",")
            yield Hit(0, 0, {"where": "trang 1" if lang != "en" else "page 1", "what": what, "cite": cite, "need": need},
                      evidence=what)
            return


def margin_hits(ctx: Context, lang: str) -> Iterator[tuple[str, float, tuple[float, float]]]:
    """(side, measured mm, allowed range) for a side the text comes closer to the edge than allowed."""
    facts = pdf_facts(ctx)
    if facts is None:
        return
    margins = facts.rules.margins
    for side, values in (("left", facts.left), ("right", facts.right)):
        if not values:
            continue
        low, high = getattr(margins, side)
        closest = sorted(values)[len(values) // 2]  # the median page: one odd page is not the layout
        if closest < low - 1.0:
            yield side, round(closest, 1), (low, high)


def font_hits(ctx: Context) -> Iterator[tuple[str, int]]:
    facts = pdf_facts(ctx)
    if facts is None:
        return
    total = sum(facts.fonts.values())
    want = facts.rules.font.family.replace(" ", "").lower()
    for family, count in facts.fonts.most_common():
        name = family.replace(" ", "").lower()
        if want in name or name.startswith("times") or count < 50 or count * 20 < total:
            continue
        if name.startswith(("symbol", "wingding")):
            continue
        yield family, count


def body_size(ctx: Context) -> tuple[float, float] | None:
    """(the size most letters are set in, its share), when it is outside the body's range."""
    facts = pdf_facts(ctx)
    if facts is None or not facts.sizes:
        return None
    size, count = facts.sizes.most_common(1)[0]
    low, high = facts.rules.body.size
    if low - 0.25 <= size <= high + 0.25:
        return None
    return size, count / sum(facts.sizes.values())


__all__ = ["body_size", "font_hits", "margin_hits", "paper_hits", "pdf_facts", "load_format_rules"]
