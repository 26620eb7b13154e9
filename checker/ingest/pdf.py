"""Read a PDF with a text layer into the same linear text as a .txt report, with page and line.

pdfplumber (over pypdf) because it finds ruled tables and gives word positions: a score table comes
out as rows of cells, which the score-table reader needs as tab-separated lines. Measured on the 9
samples exported by LibreOffice (python-docx → .docx → PDF, running header and page numbers): with
this module every one of the 423 text lines comes back exactly, 30/30 score-table rows as tab rows, and
all 9 give the .txt findings (1.6 s); pypdf's extract_text gives 253/423 lines, 0/30 table rows (cells
wrapped word by word), the same findings for 3 of 9 (0.55 s).

Layout of the produced text, as for .docx: paragraphs separated by a blank line (lines wrapped by the
page width are rejoined, also across a page break), a table row per line with cells joined by tabs.
Running headers, footers and page numbers are dropped. Each PDF line and each table row is a `Segment`,
so a finding reports `trang 3, dòng 12` (the line as counted from the top of that page).
"""

from __future__ import annotations

import functools
import gc
import io
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any, NamedTuple, overload
from unicodedata import normalize as normalize_unicode

from checker.ingest.legacy import convert, encoding_for_font, is_capitals_font
from checker.limits import (
    FORMAT_PDF_PAGES,
    MAX_PDF_CONTENT_BYTES,
    MAX_PDF_PAGE_CONTENT_BYTES,
    MAX_PDF_PAGES,
    MAX_PDF_TEXT_CHARS,
)
from checker.source import OffsetMap, Segment, SourceText, lookalike_count, normalise

# A page number alone: `3`, `- 3 -`, `Trang 3`, `3/12`.
_PAGE_NUMBER = re.compile(r"^\s*(?:trang\s*)?[-–—(\[]?\s*\d{1,4}\s*(?:/\s*\d{1,4})?\s*[-–—)\]]?\s*$", re.I)
_NUMBER_CELL = re.compile(r"[\d.,]+")
# A line starting this way begins a paragraph even when the line above fills the width.
_STARTS_ITEM = re.compile(r"^(?:[-–—+•*]\s|\d{1,2}[.)]\s|[a-zđ][)]\s|[IVXLC]{1,5}[.-]\s|Điều\s+\d)")


@dataclass(slots=True)
class _Line:
    """One line of text on a PDF page, with its position (while its page is read: then `_Lines`)."""
    page: int
    number: int  # line on the page, from the top, 1-based
    text: str
    top: float
    x0: float
    x1: float
    first_word_width: float = 0.0
    table_rows: list[list[str]] = field(default_factory=list)  # set for a table: then text is empty
    running: bool = False  # header, footer or page number
    page_number: bool = False  # looks like a page number and sits at the top or bottom of the page


def _words_to_lines(words: _Words, keep: Iterable[int], legacy: list[str]) -> list[tuple[str, float, float, float, float, float]]:
    """Group the words `keep` (indices) by baseline; a gap wider than two font sizes is a column break (tab)."""
    tops, bottoms, x0s = words.top, words.bottom, words.x0
    # by (round(top), x0) in two stable sorts: a float key per word rather than a tuple and its float
    # and int (~110 bytes a word of the page)
    order = sorted(keep, key=x0s.__getitem__)
    order.sort(key=lambda i: round(tops[i]))
    rows: list[list[int]] = []
    for i in order:
        if rows and abs(tops[rows[-1][0]] - tops[i]) <= max(2.0, 0.3 * (bottoms[i] - tops[i])):
            rows[-1].append(i)
        else:
            rows.append([i])
    out = []
    for indices in rows:
        indices.sort(key=x0s.__getitem__)
        row = [words[i] for i in indices]  # one line's words as objects, while the line is made
        # runs of words in one font, converted as a whole: TCVN3 capitals set in a plain .VnTime font
        # are recovered from the neighbouring words, as in a .txt file, not word by word
        runs: list[tuple[str | None, list[str]]] = []
        prev = None
        for word in row:
            font = word.fontname
            if prev is not None:
                gap = word.x0 - prev.x1
                size = max(1.0, word.bottom - word.top)
                # pdfplumber splits a word where the font changes: no gap means the same word
                runs[-1][1].append("\t" if gap > 2 * size else (" " if gap > 0.1 * size else ""))
            if not runs or runs[-1][0] != font:
                runs.append((font, []))
            runs[-1][1].append(word.text)
            prev = word
        parts: list[str] = []
        for font, pieces in runs:
            text = "".join(pieces)
            enc = encoding_for_font(font)
            if enc:
                text = convert(text, enc, capitals=is_capitals_font(font), pdf=True)[0]
                if enc not in legacy:
                    legacy.append(enc)
            parts.append(text)
        first = row[0]
        out.append(("".join(parts), first.top, first.x0, row[-1].x1, first.x1 - first.x0, first.bottom))
    return out


def _legacy_cell(text: str, box: tuple[float, float, float, float] | None, chars: _PageChars,
                 legacy: list[str]) -> str:
    """A table cell's text converted when most of its characters are set in a legacy font."""
    if not text or box is None:
        return text
    x0, top, x1, bottom = box
    fonts = Counter(chars.font[i] for i in range(len(chars))
                    if x0 <= (chars.x0[i] + chars.x1[i]) / 2 <= x1 and top <= (chars.top[i] + chars.bottom[i]) / 2 <= bottom
                    and not chars.text[i].isspace())
    if not fonts:
        return text
    font = fonts.most_common(1)[0][0]
    enc = encoding_for_font(font)
    if not enc:
        return text
    if enc not in legacy:
        legacy.append(enc)
    return convert(text, enc, capitals=is_capitals_font(font), pdf=True)[0]


def _inside(words: _Words, i: int, boxes: list[tuple[float, float, float, float]]) -> bool:
    cx = (words.x0[i] + words.x1[i]) / 2
    cy = (words.top[i] + words.bottom[i]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def _shape(text: str) -> str:
    """A running line with its page number taken out, to recognise it on every page."""
    return re.sub(r"\d+", "#", text.strip().lower())


class NoTextLayer(ValueError):
    """A PDF whose pages carry no text (a scan): the caller may read it by OCR instead."""


def _cell_text(cell: str | None) -> str:
    """A table cell's lines joined as one text: `104/KH-` | `UBND` wrapped by the column width is one
    symbol (Word breaks after a hyphen inside a word), other wrapped lines are joined by a space."""
    lines = [ln.strip() for ln in (cell or "").replace("\t", " ").split("\n")]
    out = ""
    for line in lines:
        if not line:
            continue
        glue = out and re.search(r"[^\W_]-$", out) and line[:1].isalnum()
        out = f"{out}{line}" if glue else f"{out} {line}" if out else line
    return out


class ContentTooLarge(ValueError):
    """The pages' content streams decode past a limit; str() is the one-line error for the file."""


def _mb(limit: int) -> str:
    return f"{limit / 2**20:g} MB"


def check_content_size(data: bytes) -> None:
    """Refuse a PDF whose pages' content streams (and the form XObjects they draw) decode past
    MAX_PDF_PAGE_CONTENT_BYTES on one page or MAX_PDF_CONTENT_BYTES in all, before pdfminer reads it.

    pypdf walks the page tree (lazily, objects parsed as asked); each stream's raw bytes are inflated
    here chunk by chunk and only counted, so this check holds no more than a chunk of decoded data.
    Image XObjects are skipped: their pixels are not operators pdfminer parses. A file pypdf cannot
    walk is left to pdfminer, whose own errors say what is wrong with it.
    """
    import logging

    try:
        from pypdf import PdfReader
    except ImportError:  # pragma: no cover - a dependency of the package
        return
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.ERROR)  # "incorrect startxref" and the like: pdfminer reads those files anyway
    buffer = io.BytesIO(data)
    try:
        try:
            pages = PdfReader(buffer, strict=False).pages
            count = len(pages)
        except Exception:  # noqa: BLE001 - pypdf raises many kinds on a broken file
            return
        if count > MAX_PDF_PAGES:
            return  # read_pdf says so, with the page count
        total = 0
        for page_no in range(1, count + 1):
            try:
                streams = _page_streams(pages[page_no - 1])
            except Exception:  # noqa: BLE001 - a damaged page: pdfminer decides
                continue
            page_size = 0
            for stream in streams:
                room = min(MAX_PDF_PAGE_CONTENT_BYTES - page_size, MAX_PDF_CONTENT_BYTES - total)
                size = _decoded_size(stream, room)
                page_size += size
                total += size
                if page_size > MAX_PDF_PAGE_CONTENT_BYTES:
                    raise ContentTooLarge(
                        f"nội dung trang {page_no} của tệp PDF giải nén vượt {_mb(MAX_PDF_PAGE_CONTENT_BYTES)}; "
                        "hãy in lại PDF (hoặc gửi bản .docx)"
                    )
                if total > MAX_PDF_CONTENT_BYTES:
                    raise ContentTooLarge(
                        f"nội dung trang của tệp PDF giải nén vượt {_mb(MAX_PDF_CONTENT_BYTES)} (đến trang {page_no}); "
                        "hãy tách thành nhiều tệp"
                    )
    finally:
        log.setLevel(level)
        buffer.close()  # pypdf made the buffer copy the file (getbuffer): that copy goes now


def _page_streams(page: Any) -> list[Any]:  # noqa: ANN401 - pypdf objects
    """The content streams of a page and of the form XObjects it draws (each form once, nested ones too)."""
    out: list[Any] = []
    contents = page.get("/Contents")
    contents = contents.get_object() if contents is not None else None
    if contents is not None:
        out.extend(c.get_object() for c in contents) if isinstance(contents, list) else out.append(contents)
    seen: set[int] = set()
    todo = [page.get("/Resources")]
    while todo and len(seen) < 10_000:
        resources = todo.pop()
        resources = resources.get_object() if resources is not None else None
        if not hasattr(resources, "get"):
            continue
        xobjects = resources.get("/XObject")
        xobjects = xobjects.get_object() if xobjects is not None else None
        if not hasattr(xobjects, "values"):
            continue
        for ref in xobjects.values():
            obj = ref.get_object()
            if id(obj) in seen or not hasattr(obj, "get") or obj.get("/Subtype") != "/Form":
                continue  # an image, or a form already counted
            seen.add(id(obj))
            out.append(obj)
            todo.append(obj.get("/Resources"))
    return out


_CHUNK = 64 * 1024


def _decoded_size(stream: Any, limit: int) -> int:  # noqa: ANN401 - a pypdf stream object
    """The stream's size once its filters are undone, counted up to `limit` + 1 at most."""
    raw = getattr(stream, "_data", None)
    if not isinstance(raw, bytes):
        return 0
    filters = stream.get("/Filter")
    filters = filters.get_object() if filters is not None else []
    names = [str(f) for f in filters] if isinstance(filters, list) else [str(filters)]
    chunks: Iterator[bytes] = iter([raw])
    for name in names:
        if name in ("/FlateDecode", "/Fl"):
            chunks = _inflate(chunks, limit)
        elif name in ("/LZWDecode", "/LZW"):
            chunks = _unlzw(chunks, limit)
        elif name in ("/ASCIIHexDecode", "/AHx", "/ASCII85Decode", "/A85", "/RunLengthDecode", "/RL"):
            chunks = _whole(name, chunks, limit)
        else:
            break  # an image codec (DCT, JPX, CCITT, JBIG2): not operators, counted as stored
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > limit:
            break
    return size


def _inflate(chunks: Iterator[bytes], limit: int) -> Iterator[bytes]:
    """zlib output in pieces of at most _CHUNK bytes, stopping after `limit` + 1 (a bomb is never held)."""
    import zlib

    inflater = zlib.decompressobj()
    made = 0
    try:
        for chunk in chunks:
            for start in range(0, len(chunk), _CHUNK):
                pending = chunk[start:start + _CHUNK]
                while pending and not inflater.eof:
                    out = inflater.decompress(pending, _CHUNK)
                    pending = inflater.unconsumed_tail
                    made += len(out)
                    yield out
                    if made > limit:
                        return
            if inflater.eof:
                return
        while not inflater.eof:  # output zlib still holds once all the input is in
            out = inflater.decompress(b"", _CHUNK)
            if not out:
                return
            made += len(out)
            yield out
            if made > limit:
                return
    except zlib.error:
        return  # a damaged stream: what came out so far is what pdfminer would see at most


def _unlzw(chunks: Iterator[bytes], limit: int) -> Iterator[bytes]:
    from pdfminer.lzw import LZWDecoder

    made = 0
    try:
        for out in LZWDecoder(io.BytesIO(b"".join(chunks))).run():
            made += len(out)
            yield out
            if made > limit:
                return
    except Exception:  # noqa: BLE001 - a damaged stream
        return


def _whole(name: str, chunks: Iterator[bytes], limit: int) -> Iterator[bytes]:
    """Filters whose output is at most a small multiple of their input: decoded at once, within `limit`."""
    data = b""
    for chunk in chunks:
        data += chunk
        if len(data) > limit:
            break
    try:
        from pypdf.filters import ASCII85Decode, ASCIIHexDecode, RunLengthDecode

        decoder = {"/AHx": ASCIIHexDecode, "/ASCIIHexDecode": ASCIIHexDecode, "/A85": ASCII85Decode,
                   "/ASCII85Decode": ASCII85Decode}.get(name, RunLengthDecode)
        out = decoder.decode(data)
    except Exception:  # noqa: BLE001 - a damaged stream
        return
    yield out.encode("latin-1") if isinstance(out, str) else out


# -- A page's characters, without pdfminer's layout objects or pdfplumber's dicts -------------------------
# pdfplumber keeps each character as a pdfminer LTChar (~0.6 KB) in the page's layout and again as a
# dict of ~20 keys (~1.2 KB): a page of 2,000 characters held 4.5 MB while read (45 bytes of memory
# per byte of content stream). What the words, the tables' cells and this reader read of a character
# is its box, whether it is upright, its font name and its text: those go into parallel arrays as
# pdfminer renders each character (about 50 bytes a character), and the LTChar is dropped at once.
# Its box is pdfminer's own (the LTChar is still made, so every coordinate is the one pdfplumber
# gives); the words and the cells' text are pdfplumber's `extract_words` / `Table.extract` steps
# redone on the arrays (tests/test_pdf_lean.py compares both on every PDF it has).

# The ligatures pdfplumber's word extractor expands (`expand_ligatures=True`, its default)
_LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}
_TOLERANCE = 3  # pdfplumber's default x and y tolerance (words, cell text)


class _PageChars:
    """The characters of one page in drawing order, as pdfplumber's `page.chars` lists them."""

    __slots__ = ("x0", "x1", "top", "bottom", "size", "upright", "font", "text", "_texts")

    def __init__(self) -> None:
        self.x0 = array("d")
        self.x1 = array("d")
        self.top = array("d")
        self.bottom = array("d")
        self.size = array("d")  # pdfminer's LTChar.size, as pdfplumber's `size` (the format rules' body size)
        self.upright = bytearray()
        self.font: list[str] = []  # one shared str per font
        self.text: list[str] = []
        self._texts: dict[str, str] = {}  # one str per distinct character text on the page

    def __len__(self) -> int:
        return len(self.text)


class _Word(NamedTuple):
    """A word as pdfplumber's extract_words makes it (the keys this reader reads)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    fontname: str | None


class _Words:
    """A page's words as columns (a `_Word` made when one is read): a page of text has ~500 words, and a
    `_Word` with its four floats was ~250 bytes, half of what was alive while a page was read (issue 15)."""

    __slots__ = ("text", "x0", "top", "x1", "bottom", "fontname")

    def __init__(self) -> None:
        self.text: list[str] = []
        self.x0 = array("d")
        self.top = array("d")
        self.x1 = array("d")
        self.bottom = array("d")
        self.fontname: list[str | None] = []

    def __len__(self) -> int:
        return len(self.text)

    def __getitem__(self, i: int) -> _Word:
        return _Word(self.text[i], self.x0[i], self.top[i], self.x1[i], self.bottom[i], self.fontname[i])

    def append(self, word: _Word) -> None:
        self.text.append(word.text)
        self.x0.append(word.x0)
        self.top.append(word.top)
        self.x1.append(word.x1)
        self.bottom.append(word.bottom)
        self.fontname.append(word.fontname)


@functools.cache
def _recorder_class() -> type:
    """The pdfminer device that records a page's characters into a `_PageChars` (boxes in pdfplumber's
    page coordinates) and keeps every other object (rules, rectangles, curves) as pdfplumber does.

    One class for the process: a class made per page is a cycle (its methods, its MRO), and it would
    hold that page's characters until the collector ran (three pages alive at once were seen)."""
    from pdfminer.layout import LTChar
    from pdfminer.pdffont import PDFUnicodeNotDefined
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent, fix_fontname_bytes
    from pdfplumber.utils import resolve_all

    class Recorder(PDFPageAggregatorWithMarkedContent):
        def __init__(self, page: Any, chars: _PageChars) -> None:  # noqa: ANN401 - a pdfplumber page
            super().__init__(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
            self.chars = chars
            # pdfplumber: top = (height - y1) + mediabox top; x0 moved by the mediabox's left when not 0
            self.height = page.height
            self.mb_x0, self.mb_top = page.mediabox[:2]
            self.norm = page.pdf.unicode_norm
            self.names: dict[int, str] = {}

        def render_char(self, matrix: Any, font: Any, fontsize: float, scaling: float, rise: float,  # noqa: ANN401
                        cid: int, ncs: Any, graphicstate: Any) -> float:  # noqa: ANN401
            # pdfminer's PDFLayoutAnalyzer.render_char, the LTChar recorded instead of kept
            try:
                text = font.to_unichr(cid)
                assert isinstance(text, str), str(type(text))
            except PDFUnicodeNotDefined:
                text = self.handle_undefined_char(font, cid)
            item = LTChar(matrix, font, fontsize, scaling, rise, text, font.char_width(cid), font.char_disp(cid),
                          ncs, graphicstate)
            name = self.names.get(id(font))
            if name is None:
                name = resolve_all(item.fontname)
                if isinstance(name, bytes):
                    name = fix_fontname_bytes(name)
                self.names[id(font)] = name
            if self.norm is not None:
                text = normalize_unicode(self.norm, text)
            chars, mb_x0, mb_top, height = self.chars, self.mb_x0, self.mb_top, self.height
            x0, x1 = item.x0, item.x1
            if mb_x0 != 0:
                x0, x1 = x0 + mb_x0, x1 + mb_x0
            chars.x0.append(x0)
            chars.x1.append(x1)
            chars.top.append((height - item.y1) + mb_top)
            chars.bottom.append((height - item.y0) + mb_top)
            chars.size.append(item.size)
            chars.upright.append(1 if item.upright else 0)
            chars.font.append(name)
            chars.text.append(chars._texts.setdefault(text, text))
            return item.adv

    return Recorder


def _read_page_chars(page: Any) -> _PageChars:  # noqa: ANN401 - a pdfplumber page
    """Interpret `page` once: its characters as arrays, its other objects in `page.objects` as pdfplumber
    makes them (the table finder reads the rules from there)."""
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfplumber.utils.exceptions import PdfminerException

    chars = _PageChars()
    device = _recorder_class()(page, chars)
    # pdfminer decodes the page's content streams and keeps the decoded bytes with each stream for as
    # long as the document is open: the compressed bytes are put back once the page is read
    raw = [(s, s.rawdata) for s in _content_streams(page.page_obj) if s.data is None and s.rawdata is not None]
    try:
        PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    except Exception as exc:  # as pdfplumber's page.layout wraps it
        raise PdfminerException(exc) from exc
    finally:
        for stream, data in raw:
            stream.data, stream.rawdata = None, data
    page._layout = device.get_result()  # no characters in it: the rules, rectangles, curves
    page.objects  # noqa: B018 - made now, while the layout is here
    page.__dict__.pop("_layout", None)
    chars._texts = {}
    return chars


def _content_streams(page_obj: Any) -> list[Any]:  # noqa: ANN401 - a pdfminer PDFPage
    from pdfminer.pdftypes import PDFStream

    return [s for s in getattr(page_obj, "contents", None) or [] if isinstance(s, PDFStream)]


def _words(chars: _PageChars, indices: Iterable[int], by_font: bool) -> _Words:
    """pdfplumber's `extract_words(x_tolerance=3, y_tolerance=3, keep_blank_chars=False)` on these
    characters (with `extra_attrs=["fontname"]` when `by_font`): runs of characters of one upright-ness
    (and font), each clustered into lines by top (x0 when rotated) and cut into words where a blank
    comes or the next character is too far from the last."""
    x0s, x1s, tops, bottoms, upright, fonts, texts = (
        chars.x0, chars.x1, chars.top, chars.bottom, chars.upright, chars.font, chars.text)
    key = (lambda i: (upright[i], fonts[i])) if by_font else upright.__getitem__
    out = _Words()
    for _, run in groupby(indices, key):
        group = array("I", run)  # a page's run is thousands of characters: 4 bytes each, not an int object
        first = group[0]
        if upright[first]:  # lines by top, characters left to right
            lines = _cluster(group, tops)
            sort_key: Any = lambda i: (x0s[i], x0s[i])  # noqa: E731 - pdfplumber's key, ties kept
            along_a, along_b, across = x0s, x1s, tops
        else:  # rotated: lines by x0, characters top to bottom
            lines = _cluster(group, x0s)
            sort_key = lambda i: (tops[i], bottoms[i])  # noqa: E731
            along_a, along_b, across = tops, bottoms, x0s
        for line in lines:
            word: list[int] = []
            for i in sorted(line, key=sort_key):
                text = texts[i]
                if text.isspace():
                    if word:
                        out.append(_merge(chars, word, by_font))
                    word = []
                elif text == "":  # `text in split_at_punctuation` with an empty split set: a word alone
                    if word:
                        out.append(_merge(chars, word, by_font))
                    out.append(_merge(chars, [i], by_font))
                    word = []
                elif word and (along_a[i] < along_a[word[-1]] or along_a[i] > along_b[word[-1]] + _TOLERANCE
                               or abs(across[i] - across[word[-1]]) > _TOLERANCE):
                    out.append(_merge(chars, word, by_font))
                    word = [i]
                else:
                    word.append(i)
            if word:
                out.append(_merge(chars, word, by_font))
    return out


def _cluster(group: array[int], values: array[float]) -> Sequence[Sequence[int]]:
    """pdfplumber's `cluster_objects(group, values.__getitem__, _TOLERANCE)`: the indices put in clusters
    of values each within the tolerance of the next, clusters in ascending order, indices in their order.

    pdfplumber sorts a (index, cluster) tuple per character to get there: ~90 bytes a character, 250 KB
    for a page of text, the largest thing alive while a page is read (issue 15). A page's lines are
    few values: the indices go straight into an array per cluster."""
    from pdfplumber.utils.clustering import cluster_objects, make_cluster_dict

    cluster_of = make_cluster_dict({values[i] for i in group}, _TOLERANCE)
    buckets = [array("I") for _ in range(len(set(cluster_of.values())))]
    for i in group:
        k = cluster_of.get(values[i])
        if k is None:  # a value not equal to itself (NaN): pdfplumber's own way, whatever it does
            return cluster_objects(list(group), values.__getitem__, _TOLERANCE)
        buckets[k].append(i)
    return buckets


def _merge(chars: _PageChars, word: list[int], by_font: bool) -> _Word:
    texts = chars.text
    return _Word(
        "".join(_LIGATURES.get(texts[i], texts[i] or "") for i in word),
        min(chars.x0[i] for i in word), min(chars.top[i] for i in word),
        max(chars.x1[i] for i in word), max(chars.bottom[i] for i in word),
        chars.font[word[0]] if by_font else None,
    )


def _in_cell(chars: _PageChars, i: int, box: tuple[float, float, float, float]) -> bool:
    """pdfplumber's Table.extract test: the character's centre in the box, its right and bottom open."""
    v_mid = (chars.top[i] + chars.bottom[i]) / 2
    h_mid = (chars.x0[i] + chars.x1[i]) / 2
    x0, top, x1, bottom = box
    return h_mid >= x0 and h_mid < x1 and v_mid >= top and v_mid < bottom


def _table_text(table: Any, chars: _PageChars) -> list[list[str | None]]:  # noqa: ANN401 - a pdfplumber Table
    """pdfplumber's `table.extract()` on the arrays: each cell's characters as lines of words."""
    out: list[list[str | None]] = []
    everything = range(len(chars))
    for row in table.rows:
        row_chars = [i for i in everything if _in_cell(chars, i, row.bbox)]
        cells: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                cells.append(None)
                continue
            cell_chars = [i for i in row_chars if _in_cell(chars, i, cell)]
            if not cell_chars:
                cells.append("")
                continue
            words = _words(chars, cell_chars, by_font=False)
            lines = _cluster(array("I", range(len(words))), words.top)  # cluster_objects(words, "top")
            cells.append("\n".join(" ".join(words.text[i] for i in line) for line in lines))
        out.append(cells)
    return out


@dataclass
class PdfLayout:
    """What the format (TH) rules read of a PDF's first `FORMAT_PDF_PAGES` pages, gathered while the
    reader has each page's characters: reopening the file for it made pdfplumber's dict per character
    of a page (~1.7 KB each: a page of running text ~4 MB, 40 bytes per content byte of a 30-page report,
    issue 15)."""

    pages: list[tuple[float, float]] = field(default_factory=list)  # (width, height) in points
    fonts: Counter[str] = field(default_factory=Counter)  # font name (as pdfplumber gives it) -> letters
    sizes: Counter[float] = field(default_factory=Counter)  # character size in pt -> letters
    # per page of running text (200 letters or more): where its letters start and stop, in points
    left: list[float] = field(default_factory=list)
    right: list[float] = field(default_factory=list)

    def add_page(self, width: float, chars: _PageChars) -> None:
        letters = [i for i, text in enumerate(chars.text) if text.isalpha()]
        if not letters:
            return
        font, size, x0, x1 = chars.font, chars.size, chars.x0, chars.x1
        self.fonts.update(font[i] for i in letters)
        self.sizes.update(size[i] for i in letters)
        if len(letters) >= 200:  # a page of running text
            self.left.append(min(x0[i] for i in letters))
            self.right.append(width - max(x1[i] for i in letters))


def _page_lines(page: Any, page_no: int, legacy: list[str], chars_before: int,  # noqa: ANN401
                layout: PdfLayout | None = None) -> tuple[list[_Line], int]:
    """The lines and tables of one page (numbered from its top) and how many characters it has; the
    page's format facts added to `layout` when given."""
    chars = _read_page_chars(page)
    if layout is not None:
        layout.pages.append((float(page.width), float(page.height)))
        layout.add_page(float(page.width), chars)
    if chars_before + len(chars) > MAX_PDF_TEXT_CHARS:
        raise ValueError(
            f"tệp PDF có quá nhiều chữ (hơn {MAX_PDF_TEXT_CHARS} ký tự, đến trang {page_no}); "
            "hãy tách thành nhiều tệp"
        )
    tables = page.find_tables()  # from the page's rules and rectangles: no character is read
    boxes = [t.bbox for t in tables]
    words = _words(chars, range(len(chars)), by_font=True)
    body = [i for i in range(len(words)) if not _inside(words, i, boxes)] if boxes else range(len(words))
    items: list[_Line] = []
    for text, top, x0, x1, fw, _bottom in _words_to_lines(words, body, legacy):
        items.append(_Line(page_no, 0, text, top, x0, x1, fw))
    has_legacy = any(encoding_for_font(font) for font in set(chars.font))
    for table in tables:
        rows = []
        for r, row in enumerate(_table_text(table, chars)):
            cells = [_cell_text(c) for c in row]
            if has_legacy:
                # the cells' text comes without fonts: each cell's own characters tell whether it was
                # typed in .VnTime/VNI (found with a VNI score table)
                cell_boxes = table.rows[r].cells if r < len(table.rows) else []
                cells = [_legacy_cell(text, cell_boxes[j] if j < len(cell_boxes) else None, chars, legacy)
                         for j, text in enumerate(cells)]
            rows.append(cells)
        x0, top, x1, _ = table.bbox
        items.append(_Line(page_no, 0, "", top, x0, x1, table_rows=rows))
    items.sort(key=lambda it: it.top)
    number = 0
    for it in items:
        number += 1
        it.number = number
        number += max(0, len(it.table_rows) - 1)  # each row is a line a reader counts
    height = float(page.height)
    for it in items:
        if not it.table_rows and (it.top < 0.1 * height or it.top > 0.9 * height):
            it.page_number = bool(_PAGE_NUMBER.match(it.text))
    return items, len(chars)


def _read_lines(data: bytes) -> tuple[_Lines, list[str], int, PdfLayout]:
    """Every page's lines, the legacy encodings met, the number of characters; ValueError with the
    one-line message for a file pdfminer cannot read."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfpage import PDFPage
    from pdfplumber.page import Page

    lines = _Lines()
    legacy: list[str] = []
    chars_seen = 0
    layout = PdfLayout()
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = sum(1 for _ in PDFPage.create_pages(pdf.doc))
            if pages > MAX_PDF_PAGES:
                raise ValueError(f"tệp PDF quá nhiều trang ({pages} > {MAX_PDF_PAGES})")
            # each page made as `pdf.pages` makes it, one at a time: that list holds every page's
            # pdfplumber and pdfminer objects to the end (~1.8 KB a page, issue 15); and `pdf.close()`
            # (leaving `with`) would make it only to close each page
            pdf._pages = []
            doctop: Any = 0  # as pdfplumber sums it (its objects' `doctop`)
            for page_no, page_obj in enumerate(PDFPage.create_pages(pdf.doc), start=1):
                page = Page(pdf, page_obj, page_number=page_no, initial_doctop=doctop)
                doctop += page.height
                items, count = _page_lines(page, page_no, legacy, chars_seen,
                                           layout if page_no <= FORMAT_PDF_PAGES else None)
                chars_seen += count
                lines.extend(items)
                # pdfplumber keeps a page's parsed objects until it is closed: 300 pages held
                # 2.45 GB; what the reader needs is in `lines` now
                page.close()
                del page, page_obj
    except ValueError:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise ValueError("tệp PDF được mã hoá bằng mật khẩu; hãy gửi bản không mật khẩu") from exc
    except Exception as exc:  # pdfminer raises many kinds on a broken file
        raise ValueError(f"tệp PDF hỏng, không đọc được: {type(exc).__name__}") from exc
    return lines, legacy, chars_seen, layout


def read_pdf(data: bytes, name: str) -> SourceText:
    if not data.startswith(b"%PDF"):
        raise ValueError("không phải tệp PDF hợp lệ (thiếu phần đầu %PDF)")
    if b"%%EOF" not in data[-4096:]:
        raise ValueError("tệp PDF bị cắt cụt hoặc hỏng (không có dấu kết thúc %%EOF)")
    check_content_size(data)  # before pdfminer, which inflates each stream whole
    try:
        import pdfplumber  # noqa: F401 - _read_lines reads with it
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise ValueError("thiếu thư viện pdfplumber để đọc PDF (pip install pdfplumber)") from exc

    gc.collect()  # the pre-scan's pypdf objects are cycles: gone now, not after the pages were read
    lines, legacy, chars_seen, layout = _read_lines(data)
    # pdfminer's document, parser and pages are cycles: their objects go before the text is made (the
    # document is out of reach once _read_lines returned)
    gc.collect()
    if chars_seen == 0:
        raise NoTextLayer("tệp PDF không có lớp chữ (bản quét ảnh); cần nhận dạng chữ (OCR) trước khi kiểm tra")
    _mark_running(lines)
    source = _linearise(lines, array("I", (i for i, flags in enumerate(lines.flags) if not flags & _RUNNING)), name)
    source.pdf_layout = layout
    source.legacy = legacy[0] if legacy else None
    if source.legacy:
        source.encoding = source.legacy
    return source


_RUNNING = 1  # a header, footer or page number: left out of the text
_AT_EDGE_NUMBER = 2  # looks like a page number and sits at the top or bottom of its page


class _Texts(Sequence[str]):
    """The lines' texts, each page's joined into one str with where each line starts and ends in it: a
    str of its own per line was ~57 bytes besides its characters, kept until the whole file was read
    (a third of what a page's lines keep, issue 15); a line's text is sliced out when read."""

    __slots__ = ("pages", "page", "start", "end")

    def __init__(self) -> None:
        self.pages: list[str] = []
        self.page = array("I")  # which of `pages` holds line i
        self.start = array("I")
        self.end = array("I")

    def extend(self, texts: Iterable[str]) -> None:
        """One page's line texts."""
        k, pos, joined = len(self.pages), 0, []
        for text in texts:
            self.page.append(k)
            self.start.append(pos)
            pos += len(text)
            self.end.append(pos)
            joined.append(text)
        self.pages.append("".join(joined))

    def __len__(self) -> int:
        return len(self.start)

    @overload
    def __getitem__(self, i: int) -> str: ...

    @overload
    def __getitem__(self, i: slice) -> list[str]: ...

    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        return self.pages[self.page[i]][self.start[i] : self.end[i]]


class _Lines:
    """Every page's lines and tables in reading order, as columns: ~60 bytes a line besides its text (a
    `_Line` object each, kept until the whole file was read, held ~400 bytes: 11 bytes per byte of
    content stream on the bench's PDF)."""

    __slots__ = ("page", "number", "text", "top", "x0", "x1", "first_word_width", "flags", "tables")

    def __init__(self) -> None:
        self.page = array("I")
        self.number = array("I")
        self.text = _Texts()
        self.top = array("d")
        self.x0 = array("d")
        self.x1 = array("d")
        self.first_word_width = array("d")
        self.flags = bytearray()
        self.tables: dict[int, list[list[str]]] = {}  # line index -> the table's rows (its text is "")

    def __len__(self) -> int:
        return len(self.text)

    def extend(self, items: list[_Line]) -> None:
        """One page's lines."""
        for it in items:
            if it.table_rows:
                self.tables[len(self.page)] = it.table_rows
            self.page.append(it.page)
            self.number.append(it.number)
            self.top.append(it.top)
            self.x0.append(it.x0)
            self.x1.append(it.x1)
            self.first_word_width.append(it.first_word_width)
            self.flags.append((_RUNNING if it.running else 0) | (_AT_EDGE_NUMBER if it.page_number else 0))
        self.text.extend(it.text for it in items)

    def set_running(self, i: int, running: bool) -> None:
        self.flags[i] = self.flags[i] | _RUNNING if running else self.flags[i] & ~_RUNNING


class PdfSegments(Sequence[Segment]):
    """The blocks of a PDF's text (a printed line or a table row each) as columns: start, end, line
    number, page and line on the page; the `Segment` is made when read (~24 bytes a block, where a
    Segment and its location string held ~200)."""

    __slots__ = ("start", "end", "number", "page", "line")

    def __init__(self) -> None:
        self.start = array("q")
        self.end = array("q")
        self.number = array("I")
        self.page = array("I")
        self.line = array("I")

    def append(self, start: int, end: int, number: int, page: int, line: int) -> None:
        self.start.append(start)
        self.end.append(end)
        self.number.append(number)
        self.page.append(page)
        self.line.append(line)

    def pop(self) -> tuple[int, int, int]:
        """Drop the last block: (its start, its number, its line on the page)."""
        self.end.pop()
        self.page.pop()
        return self.start.pop(), self.number.pop(), self.line.pop()

    def __len__(self) -> int:
        return len(self.start)

    @overload
    def __getitem__(self, i: int) -> Segment: ...

    @overload
    def __getitem__(self, i: slice) -> list[Segment]: ...

    def __getitem__(self, i: int | slice) -> Segment | list[Segment]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        return Segment(self.start[i], self.end[i], self.number[i], f"trang {self.page[i]}, dòng {self.line[i]}")

    def move(self, index: Sequence[int], raw_len: int) -> None:
        """docx.move_segments on the columns: each bound onto the normalised text."""
        mapping = index if isinstance(index, OffsetMap) else OffsetMap(index)
        start, end = self.start, self.end
        for k in range(len(start)):
            start[k] = mapping.first_at_or_after(start[k])
            end[k] = mapping.first_at_or_after(min(end[k], raw_len))


def _mark_page_numbers(lines: _Lines) -> None:
    """Page numbers: a number alone at the top or bottom of a page, counting up with the pages.

    Only those whose number minus the page index is the usual offset are dropped: a wrapped
    `... năm` | `2023` that lands at the foot of a page is text, not a page number (found with a
    report rendered by fpdf2, tests/test_pdf.py).
    """
    offsets: Counter[int] = Counter()
    candidates = [i for i, flags in enumerate(lines.flags) if flags & _AT_EDGE_NUMBER]
    for i in candidates:
        offsets[_number_of(lines.text[i]) - lines.page[i]] += 1
    if not offsets:
        return
    offset, seen = offsets.most_common(1)[0]
    if seen < 2 and offset not in (0, -1):  # one page: its number is 1 (or 0 after a cover page)
        return
    for i in candidates:
        lines.set_running(i, _number_of(lines.text[i]) - lines.page[i] == offset)


def _number_of(text: str) -> int:
    return int(re.search(r"\d+", text).group())  # type: ignore[union-attr]  # _PAGE_NUMBER matched


def _mark_running(lines: _Lines) -> None:
    """Headers and footers: the same line (page numbers aside) near the top or bottom of most pages."""
    _mark_page_numbers(lines)
    pages = set(lines.page)
    if len(pages) < 2:
        return
    by_page: dict[int, list[int]] = {}
    for i, page in enumerate(lines.page):
        if i not in lines.tables:
            by_page.setdefault(page, []).append(i)
    edge: Counter[str] = Counter()
    for page_lines in by_page.values():
        ends = page_lines[:2] + page_lines[-2:]
        for shape in {_shape(lines.text[i]) for i in ends}:
            edge[shape] += 1
    for page_lines in by_page.values():
        for i in page_lines[:2] + page_lines[-2:]:
            text = lines.text[i]
            if _PAGE_NUMBER.match(text):
                continue  # a bare number is a page number only if it counts with the pages (above)
            if edge[_shape(text)] >= max(2, len(pages) // 2):
                lines.set_running(i, True)


def _continues(last: list[str], first: list[str]) -> bool:
    """Whether a table's first row is the rest of the row above the page break.

    The rest of a split row has an empty first cell (the row number stayed above) and text only
    where the row above has text: a repeated header row has cells the row above leaves empty.
    """
    if len(first) != len(last) or first[0] or not any(first):
        return False
    # A number is never wrapped onto the next page: `Tổng cộng | 90 | 89` under a full row is a new
    # row, though its first cell is empty too (found when a page break fell just above the total).
    if any(cell and last[i] and _NUMBER_CELL.fullmatch(cell) for i, cell in enumerate(first)):
        return False
    return all(not cell or last[i] for i, cell in enumerate(first))


def _line_pitch(lines: _Lines, keep: Sequence[int]) -> float:
    """The distance between two lines of one paragraph: the smallest that occurs more than once.

    Word and LibreOffice put extra space between paragraphs; a larger step means a new paragraph.
    """
    steps: Counter[float] = Counter()
    page, top, tables = lines.page, lines.top, lines.tables
    for a, b in zip(keep, keep[1:]):
        if page[a] == page[b] and a not in tables and b not in tables and top[b] > top[a]:
            steps[round(top[b] - top[a], 0)] += 1
    frequent = [step for step, n in steps.items() if n >= 2 and step > 0]
    return min(frequent) if frequent else 0.0


def _linearise(lines: _Lines, keep: Sequence[int], name: str) -> SourceText:
    """The text of the lines `keep` (indices, running lines left out) with a block per line and row."""
    tables, page, number, texts = lines.tables, lines.page, lines.number, lines.text
    right = max((lines.x1[i] for i in keep if i not in tables), default=0.0)
    pitch = _line_pitch(lines, keep)
    pieces: list[str] = []
    segments = PdfSegments()
    pos = 0
    global_line = 0

    def emit(text: str, on_page: int, sep: str, block: int, page_line: int) -> None:
        nonlocal pos
        segments.append(pos, pos + len(text), block, on_page, page_line)
        pieces.append(text + sep)
        pos += len(text) + len(sep)

    for k, i in enumerate(keep):
        nxt = keep[k + 1] if k + 1 < len(keep) else None
        rows = tables.get(i)
        if rows:
            prev = keep[k - 1] if k else None
            prev_rows = tables.get(prev) if prev is not None else None
            if prev_rows and page[prev] + 1 == page[i] and _continues(prev_rows[-1], rows[0]):
                # A row split by the page break: its rest is the first row of the next page's table.
                last = prev_rows[-1]
                merged = [f"{a} {b}".strip() for a, b in zip(last, rows[0])] + last[len(rows[0]):]
                pieces.pop()  # the blank line after the previous table
                pieces.pop()  # its last row, emitted again merged
                pos, block, page_line = segments.pop()
                emit("\t".join(merged), page[prev], "\n", block, page_line)
                rows = rows[1:]
                prev_rows[-1] = merged
            elif (prev_rows and page[prev] + 1 == page[i]
                  and len(prev_rows[-1]) == len(rows[0]) and pieces and pieces[-1] == "\n"):
                # the same table going on over the page: its rows follow without a blank line, as in
                # the .txt the score-table reader knows
                pieces.pop()
                pos -= 1
            elif pieces and not pieces[-1].endswith("\n\n"):
                pieces.append("\n")  # a table starts its own block
                pos += 1
            for r, row in enumerate(rows, start=len(tables[i]) - len(rows)):
                global_line += 1
                emit("\t".join(row), page[i], "\n", global_line, number[i] + r)
            pieces.append("\n")
            pos += 1
            continue
        global_line += 1
        text = texts[i]
        # A line wrapped by the page width: the next line's first word would not have fitted here.
        wrapped = (
            nxt is not None
            and nxt not in tables
            and lines.x1[i] + lines.first_word_width[nxt] + 6.0 > right  # 6 pt: a space and rounding
            and "\t" not in text
            and not _STARTS_ITEM.match(texts[nxt])
            and not (pitch and page[nxt] == page[i] and lines.top[nxt] - lines.top[i] > 1.3 * pitch)
        )
        # `33/CT-` | `TTg`: Word breaks after a hyphen inside a word; the hyphen stays, no space
        glued = wrapped and re.search(r"[^\W_]-$", text) is not None
        emit(text, page[i], ("" if glued else " ") if wrapped else "\n\n", global_line, number[i])

    raw = "".join(pieces)
    pieces.clear()  # the lines, copied into `raw`
    lookalikes = lookalike_count(raw)
    text, index = normalise(raw, markdown=False)
    raw_len = len(raw)
    del raw
    segments.move(index, raw_len)
    return SourceText(text=text, path=name, format="pdf", encoding="pdf", segments=segments, lookalikes=lookalikes)
