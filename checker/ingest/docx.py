"""Read a Word .docx into the same linear text as a .txt report, with Word locations.

Layout of the produced text (mirrors what Word-to-text export gives, so one set of rules serves both):
paragraphs separated by a blank line, a table row per line with cells joined by tabs, footnote
references as superscript digits, footnote texts at the end as `¹ text` lines.
Each paragraph and each table cell is a `Segment` so a finding reports `đoạn 12` or
`bảng 1, hàng 5, cột 4`.

word/document.xml is read as a stream (lxml iterparse), one top-level paragraph or table at a time,
the parts around it (styles, headers, footers, footnotes) found as python-docx finds them: python-docx
parsed the whole body into a tree, ~12 bytes of memory per byte of XML (91 MB for a 7 MB document.xml);
the stream holds ~1.4.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from typing import Any

from checker.ingest import legacy
from checker.ingest.bundle import xml_part_error, xml_part_too_large
from checker.limits import MAX_ZIP_ENTRIES, MAX_ZIP_TOTAL
from checker.source import OffsetMap, Segment, SourceText, lookalike_count, normalise

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _check_container(data: bytes, name: str) -> None:
    if not data:
        raise ValueError("tệp .docx rỗng (0 byte)")
    if data.startswith(b"%PDF"):
        raise ValueError("tệp có đuôi .docx nhưng thực chất là PDF")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ValueError("tệp .docx được mã hoá bằng mật khẩu hoặc là tệp .doc cũ; hãy lưu lại dạng .docx không mật khẩu")
    if not data.startswith(b"PK"):
        raise ValueError("không phải tệp .docx hợp lệ (không phải tệp nén ZIP)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                raise ValueError(f"tệp .docx bất thường: {len(infos)} mục nén (quá {MAX_ZIP_ENTRIES})")
            total = sum(i.file_size for i in infos)
            if total > MAX_ZIP_TOTAL:
                raise ValueError(
                    f"tệp .docx giải nén quá lớn ({total // (1024 * 1024)} MB > {MAX_ZIP_TOTAL // (1024 * 1024)} MB)"
                )
            if "word/document.xml" not in zf.namelist():
                raise ValueError("tệp .docx hỏng: thiếu word/document.xml")
            if any(i.flag_bits & 0x1 for i in infos):
                raise ValueError("tệp .docx có mục nén được mã hoá; hãy lưu lại dạng .docx không mật khẩu")
            # The sizes above are what the archive claims; a crafted one lies. Inflate every entry
            # in chunks and stop at the cap, before python-docx reads anything into memory.
            inflated = 0
            for info in infos:
                seen = 0
                with zf.open(info) as entry:
                    while chunk := entry.read(1 << 20):
                        inflated += len(chunk)
                        seen += len(chunk)
                        if xml_part_too_large(info.filename, seen):
                            raise ValueError(xml_part_error(".docx", info.filename))
                        if inflated > MAX_ZIP_TOTAL:
                            raise ValueError(
                                f"tệp .docx giải nén quá lớn (hơn {MAX_ZIP_TOTAL // (1024 * 1024)} MB)"
                            )
    except zipfile.BadZipFile as exc:
        # zipfile's own words are English ("File is not a zip file", "Bad CRC-32 …"): say it in Vietnamese
        why = "dữ liệu nén bị hỏng (sai mã kiểm tra)" if "CRC" in str(exc) else "cấu trúc tệp nén ZIP bị hỏng hoặc bị cắt cụt"
        raise ValueError(f"tệp .docx hỏng: {why}; hãy mở bằng Word và lưu lại") from exc
    except (zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError, EOFError, zlib.error) as exc:
        # a damaged deflate stream (found by the fuzzer: fuzz/regressions/)
        raise ValueError(f"tệp .docx hỏng, không giải nén được: {_unzip_problem(exc)}") from exc


def _unzip_problem(exc: BaseException) -> str:
    """What went wrong while inflating, in the reader's words (the library's are English)."""
    if isinstance(exc, zlib.error):
        return "dữ liệu nén bị hỏng"
    if isinstance(exc, EOFError):
        return "tệp bị cắt cụt"
    if isinstance(exc, NotImplementedError):
        return "kiểu nén không được hỗ trợ"
    if isinstance(exc, zipfile.LargeZipFile):
        return "tệp nén ZIP64 quá lớn"
    return f"lỗi đọc ({type(exc).__name__})"


def _font_of(element) -> str | None:
    """The font a w:rPr's w:rFonts names (Latin slots first: that is where .VnTime is set)."""
    if element is None:
        return None
    fonts = element.find(f"{_W}rFonts")
    if fonts is None:
        return None
    for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
        value = fonts.get(f"{_W}{slot}")
        if value:
            return value
    return None


class _Fonts:
    """Effective font of a run: its own rFonts, else its character style, paragraph style, defaults.

    A TCVN3 or VNI document is recognised by the font of each run (`.VnTime`, `VNI-Times`), so the
    style chain has to be followed as Word does; a Unicode run in the same file stays as it is.
    """

    def __init__(self, styles_root) -> None:
        own: dict[str, str | None] = {}
        based: dict[str, str | None] = {}
        self.default_para: str | None = None
        self.default_font: str | None = None
        if styles_root is None:
            self.by_style: dict[str, str | None] = {}
            return
        defaults = styles_root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
        self.default_font = _font_of(defaults)
        for style in styles_root.iter(f"{_W}style"):
            sid = style.get(f"{_W}styleId")
            if not sid:
                continue
            own[sid] = _font_of(style.find(f"{_W}rPr"))
            parent = style.find(f"{_W}basedOn")
            based[sid] = parent.get(f"{_W}val") if parent is not None else None
            if style.get(f"{_W}type") == "paragraph" and style.get(f"{_W}default") in ("1", "true"):
                self.default_para = sid
        self.by_style = {}
        for sid in own:
            seen: set[str] = set()
            cur: str | None = sid
            font = None
            while cur and cur not in seen and font is None:  # basedOn loops exist in broken files
                seen.add(cur)
                font = own.get(cur)
                cur = based.get(cur)
            self.by_style[sid] = font

    def paragraph(self, p_element) -> str | None:
        style = p_element.find(f"{_W}pPr/{_W}pStyle")
        sid = style.get(f"{_W}val") if style is not None else self.default_para
        return self.by_style.get(sid or "") or self.by_style.get(self.default_para or "") or self.default_font

    def run(self, r_element, para_font: str | None) -> str | None:
        rpr = r_element.find(f"{_W}rPr")
        font = _font_of(rpr)
        if font is None and rpr is not None:
            rstyle = rpr.find(f"{_W}rStyle")
            if rstyle is not None:
                font = self.by_style.get(rstyle.get(f"{_W}val") or "")
        return font or para_font


_NO_FONTS = _Fonts(None)


def _para_text(p_element, footnote_numbers: dict[str, int], fonts: _Fonts = _NO_FONTS,
               found: set[str] | None = None) -> str:
    """Text of a w:p, with footnote references rendered as superscript numbers.

    Runs set in a TCVN3 or VNI font are converted to Unicode here, run by run.
    """
    parts: list[str] = []
    para_font = fonts.paragraph(p_element)
    for node in p_element.iter():
        tag = node.tag
        if tag == f"{_W}t":
            text = node.text or ""
            parent = node.getparent()
            font = fonts.run(parent, para_font) if parent is not None and parent.tag == f"{_W}r" else para_font
            encoding = legacy.encoding_for_font(font)
            if encoding and text and legacy.available():
                text = legacy.convert(text, encoding, capitals=legacy.is_capitals_font(font))[0]
                if found is not None:
                    found.add(encoding)
            parts.append(text)
        elif tag == f"{_W}softHyphen":
            # TCVN3's ư is byte 0xAD, the soft hyphen: LibreOffice saves a .doc's `.VnTime` ư as
            # <w:softHyphen/>, so in a legacy run it is a letter; in a Unicode run it shows nothing
            parent = node.getparent()
            font = fonts.run(parent, para_font) if parent is not None and parent.tag == f"{_W}r" else para_font
            encoding = legacy.encoding_for_font(font)
            if encoding and legacy.available():
                parts.append(legacy.convert("\xad", encoding, capitals=legacy.is_capitals_font(font))[0])
                if found is not None:
                    found.add(encoding)
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")  # Word's non-breaking hyphen inside `104/KH-UBND`
        elif tag == f"{_W}tab":
            parts.append(" ")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append(" ")
        elif tag == f"{_W}footnoteReference":
            fid = node.get(f"{_W}id")
            if fid is not None:
                number = footnote_numbers.setdefault(fid, len(footnote_numbers) + 1)
                parts.append(str(number).translate(_SUPERSCRIPT))
    return "".join(parts)


def read_docx(data: bytes, name: str) -> SourceText:
    _check_container(data, name)
    try:
        package = _Package(data)
    except Exception as exc:  # a broken package raises many kinds
        raise ValueError(f"tệp .docx hỏng, không mở được: {type(exc).__name__}") from exc

    try:
        fonts = _Fonts(package.styles())
    except Exception:  # a broken styles part: run fonts still tell
        fonts = _Fonts(None)
    out = _Linear(fonts)
    try:
        sections = out.body(package.body_children())
    except _BodyError as exc:
        raise ValueError(f"tệp .docx hỏng, không mở được: {exc}") from exc
    # the page headers come first in the text, though their sections are known only once the body is read
    headers = _Linear(fonts)
    headers.header_footer(package, sections, "header")
    out.put_first(headers)
    # Footnote texts, in the order their references appear.
    notes = _footnote_texts(package, fonts, out.found)
    for fid, number in sorted(out.footnote_numbers.items(), key=lambda kv: kv[1]):
        if fid in notes:
            out.emit(f"{str(number).translate(_SUPERSCRIPT)} {notes[fid]}", f"chú thích {number}", "\n\n")
    out.header_footer(package, sections, "footer")
    return _source_text("".join(out.pieces), out.segments, out.found, name)


_WML_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


class _BodyError(Exception):
    """word/document.xml is not well-formed XML; str() names what the parser said, in one word."""


class _Package:
    """The parts of a .docx the text needs, read from the zip as python-docx finds them (the main part
    through the package relationships, its content type checked, parts through its relationships),
    without python-docx: it parses the whole of word/document.xml into a tree, ~10× the XML in memory,
    where the body is read here as a stream (`body_children`)."""

    def __init__(self, data: bytes) -> None:
        from lxml import etree

        self._etree = etree
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        types = self._xml("[Content_Types].xml")
        package_rels = self._xml("_rels/.rels")
        main = next(
            (r.get("Target") for r in package_rels.iter(f"{_PKG}Relationship") if r.get("Type") == _OFFICE_DOCUMENT),
            None,
        )
        if main is None:
            raise KeyError("officeDocument")
        self.main = main.lstrip("/")
        overrides = {o.get("PartName", "").lstrip("/"): o.get("ContentType") for o in types.iter(f"{_CT}Override")}
        defaults = {d.get("Extension", "").lower(): d.get("ContentType") for d in types.iter(f"{_CT}Default")}
        content_type = overrides.get(self.main) or defaults.get(self.main.rsplit(".", 1)[-1].lower())
        if content_type != _WML_MAIN:
            raise ValueError(f"not a Word document: {content_type}")  # a template, a macro file: as python-docx
        self.zip.getinfo(self.main)
        folder, _, base = self.main.rpartition("/")
        self.rels = self._rels(f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels", folder)

    def _xml(self, part: str, plain: bool = False) -> Any:  # noqa: ANN401 - an lxml element
        """A part's root, parsed as python-docx parses its parts (`plain`: lxml's default parser)."""
        return self._etree.fromstring(self.zip.read(part), None if plain else _parser())

    def _rels(self, part: str, folder: str) -> dict[str, tuple[str, str]]:
        """rId → (relationship type, part name in the zip) of internal relationships."""
        try:
            root = self._xml(part)
        except KeyError:
            return {}
        out: dict[str, tuple[str, str]] = {}
        for rel in root.iter(f"{_PKG}Relationship"):
            if rel.get("TargetMode") == "External" or not rel.get("Id") or not rel.get("Target"):
                continue
            out[rel.get("Id")] = (rel.get("Type") or "", _resolve(folder, rel.get("Target")))
        return out

    def related(self, reltype_end: str, plain: bool = False) -> list[Any]:
        """The roots of the parts related to the main part by a type ending in `reltype_end`."""
        return [self._xml(target, plain) for reltype, target in self.rels.values() if reltype.endswith(reltype_end)]

    def styles(self) -> Any:  # noqa: ANN401
        # python-docx falls back on its own default styles, which name no font (theme fonts only)
        found = self.related("/styles")
        return found[0] if found else None

    def part_of(self, rid: str | None) -> Any:  # noqa: ANN401
        """The root of the part a relationship id names (KeyError when there is none)."""
        return self._xml(self.rels[rid or ""][1])

    def body_children(self) -> Iterator[Any]:
        """The children of w:body in order, each whole when yielded and removed from the tree after:
        the tree never holds more than one top-level paragraph or table."""
        etree = self._etree
        try:
            with self.zip.open(self.main) as stream:
                events = etree.iterparse(stream, events=("end",), tag=(f"{_W}p", f"{_W}tbl", f"{_W}sectPr", f"{_W}body"),
                                         remove_blank_text=True, resolve_entities=False, no_network=True)
                for _, element in events:
                    if element.tag == f"{_W}body":
                        return
                    parent = element.getparent()
                    if parent is None or parent.tag != f"{_W}body":
                        continue  # a paragraph of a table cell, a section inside a paragraph: read with it
                    yield element
                    element.clear()
                    while element.getprevious() is not None:
                        del parent[0]
        except etree.XMLSyntaxError as exc:
            raise _BodyError(type(exc).__name__) from exc


def _parser() -> Any:  # noqa: ANN401
    """As python-docx parses its parts: blank text between elements dropped, no entities, no network."""
    from lxml import etree

    return etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)


def _resolve(folder: str, target: str) -> str:
    """A relationship target as a part name of the zip (`styles.xml` from `word/` is `word/styles.xml`)."""
    if target.startswith("/"):
        return target.lstrip("/")
    parts = [p for p in folder.split("/") if p]
    for piece in target.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


class _Linear:
    """The document linearised like a Word→text export: paragraphs separated by a blank line, table
    rows as tab-separated lines, each piece's segment (its finding line and location) beside it."""

    def __init__(self, fonts: _Fonts) -> None:
        self.fonts = fonts
        self.pieces: list[str] = []
        self.segments: list[Segment] = []
        self.pos = 0
        self.block = 0
        self.footnote_numbers: dict[str, int] = {}
        self.found: set[str] = set()  # legacy encodings seen in the fonts

    def emit(self, text: str, location: str, sep: str, number: int | None = None) -> None:
        # `number` is the finding's line: the paragraph number in document order, table cells
        # counted in reading order, empty paragraphs included (as Word counts them). Page
        # headers, footers and footnote texts sit outside that order and borrow a neighbour's number.
        self.segments.append(
            Segment(self.pos, self.pos + len(text), max(1, number if number is not None else self.block), location)
        )
        self.pieces.append(text + sep)
        self.pos += len(text) + len(sep)

    def put_first(self, other: _Linear) -> None:
        """Put `other`'s pieces (the page headers) before this text, its segments moved on."""
        self.found |= other.found
        if not other.pos:
            return
        for seg in self.segments:
            seg.start += other.pos
            seg.end += other.pos
        self.segments[:0] = other.segments
        self.pieces[:0] = other.pieces
        self.pos += other.pos

    def header_footer(self, package: _Package, sections: list[Any], kind: str) -> None:
        """Each section's default header (footer), or the one it inherits from the sections before it,
        as python-docx reads them: the paragraphs of the part, joined; the same text only once."""
        seen: set[str] = set()
        reference = f"{_W}headerReference" if kind == "header" else f"{_W}footerReference"
        for k in range(len(sections)):
            try:
                rid = None
                for sect in reversed(sections[: k + 1]):
                    ref = next((r for r in sect.iterchildren(reference) if r.get(f"{_W}type") == "default"), None)
                    if ref is not None:
                        rid = ref.get(_R_ID)
                        break
                if rid is None:
                    continue  # no definition at all: python-docx adds an empty one
                root = package.part_of(rid)
                texts = [_para_text(p, {}, self.fonts, self.found).strip() for p in root.iterchildren(f"{_W}p")]
            except Exception:  # a broken header part must not sink the document
                continue
            joined = " ".join(t for t in texts if t)
            # page numbers alone carry nothing for the rules
            if joined and not joined.isdigit() and joined not in seen:
                seen.add(joined)
                self.emit(joined, "đầu trang" if kind == "header" else "chân trang", "\n\n", 1 if kind == "header" else self.block)

    def body(self, children: Iterator[Any]) -> list[Any]:
        """Emit the body's paragraphs and tables, read one top-level child at a time; return the
        section properties (copies: each child is cleared once read), in document order."""
        from copy import deepcopy

        paragraph_no = 0
        table_no = 0
        sections: list[Any] = []
        for child in children:
            if child.tag == f"{_W}p":
                paragraph_no += 1
                self.block += 1
                text = _para_text(child, self.footnote_numbers, self.fonts, self.found).strip()
                if text:
                    self.emit(text, f"đoạn {paragraph_no}", "\n\n", self.block)
                sect = child.find(f"{_W}pPr/{_W}sectPr")
                if sect is not None:
                    sections.append(deepcopy(sect))
            elif child.tag == f"{_W}tbl":
                table_no += 1
                self.table(child, table_no, 0)
                self.pieces.append("\n")
                self.pos += 1
            elif child.tag == f"{_W}sectPr":
                sections.append(deepcopy(child))
        return sections

    def table(self, table: Any, table_no: int, rows_before: int) -> int:  # noqa: ANN401 - an lxml element
        """Emit a table's own rows (cells: their own paragraphs), then the tables nested in that row's
        cells as rows of their own, numbered on; return the last row number. Each paragraph is read
        once: iterating every descendant row and paragraph repeated a table nested d deep d(d+1)/2
        times (a 186 KB file became 4.8 GB)."""

        r = rows_before
        for row in _own(table, "w:tr", "w:tbl"):
            r += 1
            cells = _own(row, "w:tc", "w:tr")
            nested: list[Any] = []
            for c, cell in enumerate(cells, start=1):
                text = " ".join(
                    _para_text(p, self.footnote_numbers, self.fonts, self.found).strip() for p in _own(cell, "w:p", "w:tc")
                ).strip()
                nested += _own(cell, "w:tbl", "w:tc")
                # A vertically merged continuation cell repeats nothing: leave it empty.
                sep = "\t" if c < len(cells) else "\n"
                self.block += 1
                self.emit(text.replace("\t", " "), f"bảng {table_no}, hàng {r}, cột {c}", sep, self.block)
            for inner in nested:
                r = self.table(inner, table_no, r)
        return r


def _own(element: Any, tag: str, owner: str) -> list[Any]:  # noqa: ANN401 - lxml elements
    """The `tag` descendants of `element` whose nearest `owner` ancestor is `element` itself (rows of
    this table, not of a table nested in one of its cells; content controls around them allowed)."""
    owner_tag = _W + owner.removeprefix("w:")
    found = []
    for node in element.iter(_W + tag.removeprefix("w:")):
        parent = node.getparent()
        while parent is not None and parent is not element and parent.tag != owner_tag:
            parent = parent.getparent()
        if parent is element:
            found.append(node)
    return found


def _source_text(raw: str, segments: list[Segment], found: set[str], name: str) -> SourceText:
    """The linear text normalised (legacy TCVN3/VNI converted first), its segments moved onto it."""
    if not found and legacy.available():
        # TCVN3/VNI text whose font names were lost (restyled to Times New Roman, or a converter that
        # kept the bytes but not the fonts): the letters themselves tell, as for a .txt file.
        encoding = legacy.detect(raw)
        if encoding is not None:
            converted, conv_index = legacy.convert(raw, encoding)
            move_segments(segments, conv_index, len(raw))
            raw = converted
            found.add(encoding)
    text, index = normalise(raw, markdown=False)
    # normalise() may drop or expand characters; move segment bounds onto the normalised text.
    move_segments(segments, index, len(raw))
    found_legacy = sorted(found)[0] if found else None
    return SourceText(
        text=text,
        path=name,
        format="docx",
        encoding=found_legacy or "docx",
        segments=segments,
        legacy=found_legacy,
        lookalikes=lookalike_count(raw),
    )


def move_segments(segments: list, index: Sequence[int], raw_len: int) -> None:
    """Move each block's bounds from offsets in the raw text onto the text `index` maps back to it:
    the first mapped offset at or after each bound (a bisection per bound; a per-character inverse
    table held two Python objects per character)."""
    mapping = index if isinstance(index, OffsetMap) else OffsetMap(index)
    for seg in segments:
        seg.start = mapping.first_at_or_after(seg.start)
        seg.end = mapping.first_at_or_after(min(seg.end, raw_len))


def _footnote_texts(package: _Package, fonts: _Fonts = _NO_FONTS, found: set[str] | None = None) -> dict[str, str]:
    """Footnote id → text, read from word/footnotes.xml (python-docx has no API for it)."""
    result: dict[str, str] = {}
    try:
        for root in package.related("/footnotes", plain=True):
            for note in root.iter(f"{_W}footnote"):
                fid = note.get(f"{_W}id")
                text = " ".join(_para_text(p, {}, fonts, found).strip() for p in note.iter(f"{_W}p")).strip()
                if fid is not None and text:
                    result[fid] = text
    except Exception:  # footnotes are a bonus; a broken part must not sink the document
        return result
    return result
