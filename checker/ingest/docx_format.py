"""Effective formatting of a .docx: what Word shows for each paragraph and run, and each section's page.

Word resolves a run's properties through layers; the last layer that says something wins:
document defaults (`w:docDefaults`) → table style (for text in a table) → paragraph style and its
`basedOn` chain (the default paragraph style when none is named) → character style and its chain →
direct formatting on the run. Paragraph properties (alignment, indents, spacing) go the same way
without the character layers. Theme fonts (`asciiTheme="minorHAnsi"`) are looked up in
`word/theme/theme1.xml`. Section properties give the page: size, orientation, margins, header and
footer parts, a different first page (`titlePg`) and where a PAGE field sits.

The paragraphs are walked in exactly the order `checker/ingest/docx.py` numbers its blocks (body
paragraphs, then table cells in reading order), so `Paragraph.block` is the `Segment.number` of the
text the rules read; `map_offsets` places each paragraph at its offsets in `SourceText.text`.
Kept apart from docx.py on purpose: reading formatting is only needed by the format (TH) rules.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from checker.source import SourceText

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
TWIPS_PER_MM = 1440 / 25.4
TWIPS_PER_PT = 20

# Run properties that can be set at any layer: (attribute name, element tag).
_TOGGLES = {"bold": "b", "italic": "i", "caps": "caps", "small_caps": "smallCaps"}


@dataclass
class RunFormat:
    """The formatting of one run of a .docx paragraph: font, size, bold, italic, …"""
    text: str
    font: str | None  # the font the letters are drawn in (hAnsi for Vietnamese letters, ascii otherwise)
    size: float | None  # pt
    bold: bool
    italic: bool
    caps: bool
    underline: bool
    colour: str | None  # hex RGB, None for auto


@dataclass
class ParagraphFormat:
    """The formatting of one .docx paragraph: where it is, its style, alignment, spacing and runs."""
    block: int  # the Segment.number docx.py gives the paragraph (its cell, for text in a table)
    in_table: bool
    cell: tuple[int, int, int] | None  # (table, row, column) numbers, 1-based
    style: str | None
    text: str  # plain text of the runs (not converted from legacy fonts)
    runs: list[RunFormat]
    align: str  # "justify", "center", "left", "right"
    indent_left: int  # twips
    first_line: int  # twips; negative for a hanging indent
    space_before: float  # pt
    space_after: float  # pt
    contextual: bool  # no space between paragraphs of the same style
    line: float | None  # multiple of single spacing (rule auto), or pt (exact/atLeast)
    line_rule: str  # "auto", "exact", "atLeast"
    numbered: bool
    section: int  # index into DocxFormat.sections
    start: int = -1  # offsets in SourceText.text once mapped (map_offsets)
    end: int = -1

    def letters(self) -> int:
        return sum(1 for r in self.runs for c in r.text if c.isalnum())


@dataclass
class PageField:
    """A page-number field in a .docx header or footer, and how it is placed."""
    where: str  # "header" or "footer"
    kind: str  # "default", "first", "even"
    align: str
    size: float | None
    tab_before: bool  # a tab before the field: placed by a tab stop, alignment unknown


@dataclass
class SectionFormat:
    """The page set-up of one .docx section: paper size, orientation and margins."""
    width: int  # twips
    height: int
    landscape: bool
    top: int
    bottom: int
    left: int
    right: int
    header_distance: int
    title_page: bool
    page_fields: list[PageField]
    has_table: bool = False
    first_block: int = 1


@dataclass
class DocxFormat:
    """The formatting read from a .docx: its paragraphs, sections, default font and page count."""
    paragraphs: list[ParagraphFormat]
    sections: list[SectionFormat]
    normal_font: str | None  # the font of the default paragraph style, as resolved
    pages: int | None  # docProps/app.xml's page count (Word's last layout), if any
    mirror_margins: bool = False
    styles_fonts: dict[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# properties of one layer
# ---------------------------------------------------------------------------------------------
def _on(el: etree._Element | None) -> bool | None:
    if el is None:
        return None
    val = el.get(f"{_W}val")
    return val not in ("0", "false", "off", "none")


def _int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(float(value))
    except ValueError:
        return None


def _run_layer(rpr: etree._Element | None, theme: dict[str, str]) -> dict[str, object]:
    """What one w:rPr sets (only what it says)."""
    out: dict[str, object] = {}
    if rpr is None:
        return out
    fonts = rpr.find(f"{_W}rFonts")
    if fonts is not None:
        for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
            themed = fonts.get(f"{_W}{slot}Theme")
            value = theme.get(themed) if themed else None
            value = value or fonts.get(f"{_W}{slot}")
            if value:
                out[f"font_{slot}"] = value
        hint = fonts.get(f"{_W}hint")
        if hint:
            out["hint"] = hint
    sz = rpr.find(f"{_W}sz")
    if sz is not None and _int(sz.get(f"{_W}val")) is not None:
        out["size"] = _int(sz.get(f"{_W}val")) / 2  # type: ignore[operator]
    for name, tag in _TOGGLES.items():
        value = _on(rpr.find(f"{_W}{tag}"))
        if value is not None:
            out[name] = value
    u = rpr.find(f"{_W}u")
    if u is not None:
        out["underline"] = (u.get(f"{_W}val") or "single") != "none"
    colour = rpr.find(f"{_W}color")
    if colour is not None and colour.get(f"{_W}val"):
        out["colour"] = colour.get(f"{_W}val")
    return out


def _para_layer(ppr: etree._Element | None) -> dict[str, object]:
    out: dict[str, object] = {}
    if ppr is None:
        return out
    jc = ppr.find(f"{_W}jc")
    if jc is not None and jc.get(f"{_W}val"):
        out["align"] = jc.get(f"{_W}val")
    ind = ppr.find(f"{_W}ind")
    if ind is not None:
        left = _int(ind.get(f"{_W}left") or ind.get(f"{_W}start"))
        if left is not None:
            out["indent_left"] = left
        first = _int(ind.get(f"{_W}firstLine"))
        hanging = _int(ind.get(f"{_W}hanging"))
        if hanging is not None:
            out["first_line"] = -hanging
        elif first is not None:
            out["first_line"] = first
        chars = _int(ind.get(f"{_W}firstLineChars"))
        if chars is not None and chars != 0:
            out["first_line_chars"] = chars
    sp = ppr.find(f"{_W}spacing")
    if sp is not None:
        for side in ("before", "after"):
            value = _int(sp.get(f"{_W}{side}"))
            if value is not None:
                out[f"space_{side}"] = value / TWIPS_PER_PT
            lines = _int(sp.get(f"{_W}{side}Lines"))
            if lines is not None and lines != 0:
                out[f"space_{side}_lines"] = lines / 100
            if _on(sp.find(f"{_W}{side}Autospacing")) or sp.get(f"{_W}{side}Autospacing") in ("1", "true", "on"):
                out[f"space_{side}"] = 14.0  # Word's "auto" spacing (HTML-like), 14 pt
        line = _int(sp.get(f"{_W}line"))
        if line is not None:
            out["line_raw"] = line
            out["line_rule"] = sp.get(f"{_W}lineRule") or "auto"
    if ppr.find(f"{_W}contextualSpacing") is not None:
        out["contextual"] = bool(_on(ppr.find(f"{_W}contextualSpacing")))
    if ppr.find(f"{_W}numPr") is not None:
        num = ppr.find(f"{_W}numPr/{_W}numId")
        out["numbered"] = num is None or num.get(f"{_W}val") not in ("0", None)
    return out


@dataclass
class _Style:
    """One style of styles.xml: its kind, parent and run/paragraph properties."""
    kind: str
    based_on: str | None
    run: dict[str, object]
    para: dict[str, object]


class _Styles:
    def __init__(self, root: etree._Element | None, theme: dict[str, str]) -> None:
        self.styles: dict[str, _Style] = {}
        self.default_para: str | None = None
        self.default_char: str | None = None
        self.default_table: str | None = None
        self.defaults_run: dict[str, object] = {}
        self.defaults_para: dict[str, object] = {}
        if root is None:
            return
        self.defaults_run = _run_layer(root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr"), theme)
        self.defaults_para = _para_layer(root.find(f"{_W}docDefaults/{_W}pPrDefault/{_W}pPr"))
        for st in root.iter(f"{_W}style"):
            sid = st.get(f"{_W}styleId")
            if not sid:
                continue
            kind = st.get(f"{_W}type") or "paragraph"
            based = st.find(f"{_W}basedOn")
            self.styles[sid] = _Style(
                kind=kind,
                based_on=based.get(f"{_W}val") if based is not None else None,
                run=_run_layer(st.find(f"{_W}rPr"), theme),
                para=_para_layer(st.find(f"{_W}pPr")),
            )
            if st.get(f"{_W}default") in ("1", "true", "on"):
                if kind == "paragraph":
                    self.default_para = sid
                elif kind == "character":
                    self.default_char = sid
                elif kind == "table":
                    self.default_table = sid

    def chain(self, sid: str | None) -> list[_Style]:
        """The style and its basedOn ancestors, root first (a loop in a broken file is cut)."""
        out: list[_Style] = []
        seen: set[str] = set()
        while sid and sid in self.styles and sid not in seen:
            seen.add(sid)
            out.append(self.styles[sid])
            sid = self.styles[sid].based_on
        return list(reversed(out))


def _theme_fonts(zf: zipfile.ZipFile) -> dict[str, str]:
    name = next((n for n in zf.namelist() if re.fullmatch(r"word/theme/theme\d*\.xml", n)), None)
    if name is None:
        return {}
    try:
        root = etree.fromstring(zf.read(name), _PARSER)
    except etree.XMLSyntaxError:
        return {}
    if root is None:
        return {}
    out: dict[str, str] = {}
    for scheme, prefix in (("majorFont", "major"), ("minorFont", "minor")):
        node = root.find(f".//{_A}{scheme}")
        if node is None:
            continue
        for tag, slot in (("latin", "HAnsi"), ("ea", "EastAsia"), ("cs", "Bidi")):
            el = node.find(f"{_A}{tag}")
            face = el.get("typeface") if el is not None else None
            if face:
                out[f"{prefix}{slot}"] = face
                if slot == "HAnsi":
                    out[f"{prefix}Ascii"] = face
    return out


def _merge(layers: list[dict[str, object]]) -> dict[str, object]:
    out: dict[str, object] = {}
    for layer in layers:
        out.update(layer)
    return out


def _run_font(props: dict[str, object], text: str) -> str | None:
    """The font Word draws these letters in: Vietnamese letters beyond ASCII come from hAnsi."""
    if props.get("hint") == "eastAsia" and props.get("font_eastAsia"):
        return str(props["font_eastAsia"])
    slot = "font_ascii" if text.isascii() else "font_hAnsi"
    value = props.get(slot) or props.get("font_ascii") or props.get("font_hAnsi")
    return str(value) if value else None


def _para_props(styles: _Styles, ppr: etree._Element | None, table_style: str | None) -> tuple[dict[str, object], str | None]:
    pstyle = ppr.find(f"{_W}pStyle") if ppr is not None else None
    sid = pstyle.get(f"{_W}val") if pstyle is not None else None
    if sid not in styles.styles:
        sid = styles.default_para
    layers = [styles.defaults_para]
    layers += [s.para for s in styles.chain(table_style)]
    layers += [s.para for s in styles.chain(sid)]
    layers.append(_para_layer(ppr))
    return _merge(layers), sid


def _run_base(styles: _Styles, sid: str | None, table_style: str | None) -> dict[str, object]:
    layers = [styles.defaults_run]
    layers += [s.run for s in styles.chain(table_style)]
    layers += [s.run for s in styles.chain(sid)]
    return _merge(layers)


def _runs(p: etree._Element, styles: _Styles, base: dict[str, object], theme: dict[str, str]) -> list[RunFormat]:
    out: list[RunFormat] = []
    for r in p.iter(f"{_W}r"):
        # runs inside a field's instruction or a deleted revision draw nothing
        parts: list[str] = []
        for node in r:
            if node.tag == f"{_W}t":
                parts.append(node.text or "")
            elif node.tag == f"{_W}tab":
                parts.append("\t")  # kept: a tab at the start of a paragraph is its indent
            elif node.tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")  # a line break: the parts of a header cell are often lines of one paragraph
        text = "".join(parts)
        if not text:
            continue
        rpr = r.find(f"{_W}rPr")
        layers = [base]
        rstyle = rpr.find(f"{_W}rStyle") if rpr is not None else None
        if rstyle is not None:
            layers += [s.run for s in styles.chain(rstyle.get(f"{_W}val"))]
        layers.append(_run_layer(rpr, theme))
        props = _merge(layers)
        colour = props.get("colour")
        out.append(
            RunFormat(
                text=text,
                font=_run_font(props, text),
                size=float(props["size"]) if "size" in props else 10.0,  # Word's own default: 10 pt
                bold=bool(props.get("bold", False)),
                italic=bool(props.get("italic", False)),
                caps=bool(props.get("caps", False)),
                underline=bool(props.get("underline", False)),
                colour=None if colour in (None, "auto") else str(colour),
            )
        )
    return out


_ALIGN = {"both": "justify", "distribute": "justify", "center": "center", "right": "right", "end": "right",
          "left": "left", "start": "left", "lowKashida": "justify", "mediumKashida": "justify",
          "highKashida": "justify", "thaiDistribute": "justify"}


def _paragraph(p: etree._Element, styles: _Styles, theme: dict[str, str], block: int,
               cell: tuple[int, int, int] | None, table_style: str | None, section: int) -> ParagraphFormat:
    ppr = p.find(f"{_W}pPr")
    props, sid = _para_props(styles, ppr, table_style)
    base = _run_base(styles, sid, table_style)
    runs = _runs(p, styles, base, theme)
    size = next((r.size for r in runs if r.text.strip() and r.size), None) or float(base.get("size", 10.0))  # type: ignore[arg-type]
    first = int(props.get("first_line", 0))  # type: ignore[call-overload]
    if "first_line_chars" in props:  # in hundredths of a character of the paragraph's font size
        first = int(int(props["first_line_chars"]) / 100 * size * TWIPS_PER_PT)  # type: ignore[call-overload]
    before = float(props.get("space_before", 0.0))  # type: ignore[arg-type]
    after = float(props.get("space_after", 0.0))  # type: ignore[arg-type]
    if "space_before_lines" in props:
        before = float(props["space_before_lines"]) * size * 1.15  # type: ignore[arg-type]
    if "space_after_lines" in props:
        after = float(props["space_after_lines"]) * size * 1.15  # type: ignore[arg-type]
    rule = str(props.get("line_rule", "auto"))
    raw = props.get("line_raw")
    line: float | None
    if raw is None:
        line = 1.0 if rule == "auto" else None
    elif rule == "auto":
        line = int(raw) / 240  # type: ignore[call-overload]
    else:
        line = int(raw) / TWIPS_PER_PT  # type: ignore[call-overload]
    return ParagraphFormat(
        block=block,
        in_table=cell is not None,
        cell=cell,
        style=sid,
        text="".join(r.text for r in runs),
        runs=runs,
        align=_ALIGN.get(str(props.get("align", "left")), "left"),
        indent_left=int(props.get("indent_left", 0)),  # type: ignore[call-overload]
        first_line=first,
        space_before=before,
        space_after=after,
        contextual=bool(props.get("contextual", False)),
        line=line,
        line_rule=rule if rule in ("auto", "exact", "atLeast") else "auto",
        numbered=bool(props.get("numbered", False)),
        section=section,
    )


# ---------------------------------------------------------------------------------------------
# sections, headers and footers
# ---------------------------------------------------------------------------------------------
def _rels(zf: zipfile.ZipFile) -> dict[str, str]:
    try:
        root = etree.fromstring(zf.read("word/_rels/document.xml.rels"), _PARSER)
    except (KeyError, etree.XMLSyntaxError):
        return {}
    if root is None:
        return {}
    out = {}
    for rel in root.iter(f"{_REL}Relationship"):
        target = rel.get("Target") or ""
        out[rel.get("Id") or ""] = target.lstrip("/") if target.startswith("/") else f"word/{target}"
    return out


def _page_fields(zf: zipfile.ZipFile, part: str, where: str, kind: str, styles: _Styles,
                 theme: dict[str, str]) -> list[PageField]:
    try:
        root = etree.fromstring(zf.read(part), _PARSER)
    except (KeyError, etree.XMLSyntaxError):
        return []
    if root is None:
        return []
    found: list[PageField] = []
    seen: set[int] = set()
    for field_el in list(root.iter(f"{_W}fldSimple")) + list(root.iter(f"{_W}instrText")):
        text = field_el.get(f"{_W}instr") if field_el.tag == f"{_W}fldSimple" else field_el.text
        if not re.search(r"(?<![A-Z])PAGE(?![A-Z])", text or ""):
            continue
        p = next((a for a in field_el.iterancestors(f"{_W}p")), None)  # the paragraph holding the field
        if p is None or id(p) in seen:
            continue
        seen.add(id(p))
        para = _paragraph(p, styles, theme, 0, None, None, 0)
        sized = [r.size for r in para.runs if r.text.strip().isdigit() and r.size]
        # the field result (the digits Word last drew) carries the size; else the field's own run
        size = sized[0] if sized else _field_run_size(p, styles, theme)
        # placed by a tab stop, or in a text box the page positions: where it sits is not the alignment
        placed_otherwise = any(True for _ in p.iterancestors(f"{_W}txbxContent"))
        for node in p.iter(f"{_W}tab", f"{_W}instrText", f"{_W}fldSimple"):
            if node.tag == f"{_W}tab" and node.getparent() is not None and node.getparent().tag == f"{_W}r":
                placed_otherwise = True
            elif node.tag != f"{_W}tab":
                break
        found.append(PageField(where=where, kind=kind, align=para.align, size=size, tab_before=placed_otherwise))
    return found


def _field_run_size(p: etree._Element, styles: _Styles, theme: dict[str, str]) -> float | None:
    ppr = p.find(f"{_W}pPr")
    _, sid = _para_props(styles, ppr, None)
    base = _run_base(styles, sid, None)
    for instr in p.iter(f"{_W}instrText"):
        run = instr.getparent()
        if run is None:
            continue
        props = _merge([base, _run_layer(run.find(f"{_W}rPr"), theme)])
        if "size" in props:
            return float(props["size"])  # type: ignore[arg-type]
    return float(base["size"]) if "size" in base else None  # type: ignore[arg-type]


def _section(sect: etree._Element, zf: zipfile.ZipFile, rels: dict[str, str], styles: _Styles,
             theme: dict[str, str], first_block: int) -> SectionFormat:
    size = sect.find(f"{_W}pgSz")
    margin = sect.find(f"{_W}pgMar")

    def attr(el: etree._Element | None, name: str, default: int) -> int:
        value = _int(el.get(f"{_W}{name}")) if el is not None else None
        return default if value is None else value

    width, height = attr(size, "w", 11906), attr(size, "h", 16838)
    landscape = (size is not None and size.get(f"{_W}orient") == "landscape") or width > height
    fields: list[PageField] = []
    for ref_tag, where in (("headerReference", "header"), ("footerReference", "footer")):
        for ref in sect.findall(f"{_W}{ref_tag}"):
            target = rels.get(ref.get(f"{_R}id") or "")
            if target:
                fields += _page_fields(zf, target, where, ref.get(f"{_W}type") or "default", styles, theme)
    return SectionFormat(
        width=width,
        height=height,
        landscape=landscape,
        top=abs(attr(margin, "top", 1440)),
        bottom=abs(attr(margin, "bottom", 1440)),
        left=attr(margin, "left", 1800),
        right=attr(margin, "right", 1800),
        header_distance=attr(margin, "header", 720),
        title_page=bool(_on(sect.find(f"{_W}titlePg"))),
        page_fields=fields,
        first_block=first_block,
    )


# ---------------------------------------------------------------------------------------------
# the document
# ---------------------------------------------------------------------------------------------
def read_docx_format(data: bytes) -> DocxFormat | None:
    """The effective formatting of a .docx, or None when its parts cannot be read.

    The container was already checked by `read_docx` (size caps, encryption): this reads three or
    four XML parts of it. Nothing here raises on a damaged part: formatting is a bonus on top of the text.
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        zf.getinfo("word/document.xml")
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError):
        return None
    theme = _theme_fonts(zf)
    try:
        styles_root = etree.fromstring(zf.read("word/styles.xml"), _PARSER)
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile, OSError, ValueError, EOFError):
        styles_root = None
    styles = _Styles(styles_root, theme)
    rels = _rels(zf)
    paragraphs: list[ParagraphFormat] = []
    sections: list[SectionFormat] = []
    block = 0
    table_no = 0
    section_start = 1
    section_has_table = False

    def close_section(sect: etree._Element) -> None:
        nonlocal section_start, section_has_table
        try:
            s = _section(sect, zf, rels, styles, theme, section_start)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            return
        s.has_table = section_has_table
        sections.append(s)
        section_start = block + 1
        section_has_table = False

    body_seen = False
    for child in _body_children(zf):
        body_seen = True
        if child.tag == f"{_W}p":
            block += 1
            paragraphs.append(_paragraph(child, styles, theme, block, None, None, len(sections)))
            if child.find(f".//{_W}drawing") is not None or child.find(f".//{_W}pict") is not None:
                section_has_table = True  # a chart or a diagram: a "biểu" may be laid out across the page
            sect = child.find(f"{_W}pPr/{_W}sectPr")
            if sect is not None:
                close_section(sect)
        elif child.tag == f"{_W}tbl":
            table_no += 1
            # a data table (a header or signature block laid out as a table has one or two rows)
            section_has_table = section_has_table or len(child.findall(f"{_W}tr")) >= 3
            tstyle_el = child.find(f"{_W}tblPr/{_W}tblStyle")
            table_style = tstyle_el.get(f"{_W}val") if tstyle_el is not None else styles.default_table
            for r, row in enumerate(child.iter(f"{_W}tr"), start=1):
                for c, cell in enumerate(row.iter(f"{_W}tc"), start=1):
                    block += 1
                    for p in cell.iter(f"{_W}p"):
                        paragraphs.append(
                            _paragraph(p, styles, theme, block, (table_no, r, c), table_style, len(sections))
                        )
        elif child.tag == f"{_W}sectPr":
            close_section(child)
    if not body_seen:
        return None
    normal = _merge([styles.defaults_run] + [s.run for s in styles.chain(styles.default_para)])
    pages = _page_count(zf)
    mirror, even_odd = _page_settings(zf)
    if not even_odd:  # Word shows the even-page header only when the document asks for it
        for s in sections:
            s.page_fields = [f for f in s.page_fields if f.kind != "even"]
    normal_font = normal.get("font_hAnsi") or normal.get("font_ascii")
    return DocxFormat(
        paragraphs=paragraphs,
        sections=sections,
        normal_font=str(normal_font) if normal_font else None,
        pages=pages,
        mirror_margins=mirror,
    )


_BODY_PARTS = (f"{_W}p", f"{_W}tbl", f"{_W}sectPr")


def _body_children(zf: zipfile.ZipFile) -> Iterator[etree._Element]:
    """The paragraphs, tables and section breaks of `w:body` in order, each whole when yielded.

    word/document.xml is parsed as a stream: the children read before are removed from the tree, so it
    never holds more than one top-level paragraph or table (a whole tree costs ~10× the XML: 75 MB for
    a 7 MB document.xml, on top of the text reader's). A damaged part ends the stream where it breaks,
    as the recovering parser ended the tree there.
    """
    try:
        with zf.open("word/document.xml") as stream:
            events = etree.iterparse(stream, events=("end",), tag=_BODY_PARTS, resolve_entities=False,
                                     no_network=True, huge_tree=False, recover=True)
            for _, element in events:
                parent = element.getparent()
                if parent is None or parent.tag != f"{_W}body":
                    continue  # a paragraph of a table cell: read with its table
                yield element
                element.clear()
                while element.getprevious() is not None:
                    del parent[0]
    except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, ValueError, EOFError):
        return


def _page_count(zf: zipfile.ZipFile) -> int | None:
    """The page count Word saved in docProps/app.xml (None when absent or unreadable)."""
    try:
        app = etree.fromstring(zf.read("docProps/app.xml"), _PARSER)
        node = app.find("{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}Pages")
        return _int(node.text) if node is not None else None
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile, OSError, ValueError, EOFError, AttributeError):
        return None


def _page_settings(zf: zipfile.ZipFile) -> tuple[bool, bool]:
    """(mirror margins, separate even-page headers) from word/settings.xml; both off when unreadable."""
    try:
        settings = etree.fromstring(zf.read("word/settings.xml"), _PARSER)
        mirror = settings is not None and bool(_on(settings.find(f"{_W}mirrorMargins")))
        even_odd = settings is not None and bool(_on(settings.find(f"{_W}evenAndOddHeaders")))
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False, False
    return mirror, even_odd


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def map_offsets(fmt: DocxFormat, src: SourceText) -> None:
    """Place every paragraph at its offsets in `src.text` through the segments docx.py made.

    A body paragraph is one segment; a table cell is one segment holding its paragraphs joined by
    spaces: each is found in the cell's text in order (exactly when the letters agree, else by its
    share of the cell's length: text converted from a legacy font changes length).
    """
    by_block: dict[int, tuple[int, int]] = {}
    for seg in src.segments:
        if seg.location.startswith(("đoạn ", "bảng ")):
            by_block.setdefault(seg.number, (seg.start, seg.end))
    groups: dict[int, list[ParagraphFormat]] = {}
    for p in fmt.paragraphs:
        groups.setdefault(p.block, []).append(p)
    for block, paras in groups.items():
        span = by_block.get(block)
        if span is None:
            continue
        seg_start, seg_end = span
        seg_text = src.text[seg_start:seg_end]
        raw_total = sum(len(p.text.strip()) + 1 for p in paras) or 1
        cursor = 0
        raw_pos = 0
        for p in paras:
            own = _norm(p.text)
            raw_len = len(p.text.strip())
            if not own:
                raw_pos += 1
                continue
            at = seg_text.find(own, cursor)
            if at >= 0 and (len(paras) == 1 or at - cursor <= 3):
                p.start, p.end = seg_start + at, seg_start + at + len(own)
            else:  # proportional: converted or normalised text of another length
                scale = len(seg_text) / raw_total
                a = int(raw_pos * scale)
                b = max(a + 1, int((raw_pos + raw_len) * scale))
                p.start, p.end = seg_start + min(a, len(seg_text)), seg_start + min(b, len(seg_text))
            cursor = p.end - seg_start
            raw_pos += raw_len + 1
