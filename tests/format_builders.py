"""Word files built for the format (TH) tests: a state or Party document laid out as offices do
(header and closing blocks as borderless two-column tables), every property settable either as direct
formatting on the runs or through a paragraph style, so each requirement is tested both ways.
The wording is invented for the tests."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt


@dataclass
class Look:
    """How one part is set: size (pt), bold, italic, underline, font, all-caps flag."""

    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    underline: bool | None = None
    font: str | None = None
    all_caps: bool | None = None


STATE_LOOKS: dict[str, Look] = {
    "co_quan_chu_quan": Look(13, False, False),
    "co_quan_ban_hanh": Look(13, True, False),
    "so_ky_hieu": Look(13, False, False),
    "quoc_hieu": Look(13, True, False),
    "tieu_ngu": Look(14, True, False),
    "dia_danh_ngay": Look(14, False, True),
    "ten_loai": Look(14, True, False),
    "trich_yeu": Look(14, True, False),
    "noi_dung": Look(14, False, False),
    "noi_nhan": Look(12, True, True),
    "noi_nhan_muc": Look(11, False, False),
    "quyen_han": Look(14, True, False),
    "chuc_vu": Look(14, True, False),
    "ho_ten": Look(14, True, False),
}
PARTY_LOOKS: dict[str, Look] = {
    "co_quan_chu_quan": Look(14, False, False),
    "co_quan_ban_hanh": Look(14, True, False),
    "so_ky_hieu": Look(14, False, False),
    "dang_csvn": Look(15, True, False),
    "dia_danh_ngay": Look(14, False, True),
    "ten_loai": Look(15, True, False),
    "trich_yeu": Look(14, True, False),
    "noi_dung": Look(14, False, False),
    "noi_nhan": Look(14, False, False, underline=True),
    "noi_nhan_muc": Look(12, False, False),
    "quyen_han": Look(14, True, False),
    "chuc_vu": Look(14, False, False),
    "ho_ten": Look(14, True, False),
}

STATE_TEXT = {
    "co_quan_chu_quan": "UBND TỈNH AN PHÚ",
    "co_quan_ban_hanh": "SỞ VĂN HOÁ VÀ THỂ THAO",
    "so_ky_hieu": "Số: 27/BC-SVHTT",
    "quoc_hieu": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "tieu_ngu": "Độc lập - Tự do - Hạnh phúc",
    "dia_danh_ngay": "An Phú, ngày 14 tháng 11 năm 2024",
    "ten_loai": "BÁO CÁO",
    "trich_yeu": "Kết quả thực hiện phong trào văn nghệ quần chúng năm 2024",
    "noi_nhan": "Nơi nhận:",
    "noi_nhan_muc": ["- UBND tỉnh (để báo cáo);", "- Các phòng thuộc Sở;", "- Lưu: VT, VP."],
    "quyen_han": "KT. GIÁM ĐỐC",
    "chuc_vu": "PHÓ GIÁM ĐỐC",
    "ho_ten": "Lương Thị Minh Hạnh",
}
PARTY_TEXT = {
    "co_quan_chu_quan": "ĐẢNG BỘ TỈNH AN PHÚ",
    "co_quan_ban_hanh": "HUYỆN ỦY BÌNH SƠN",
    "so_ky_hieu": "Số 88-BC/HU",
    "dang_csvn": "ĐẢNG CỘNG SẢN VIỆT NAM",
    "dia_danh_ngay": "Bình Sơn, ngày 20 tháng 12 năm 2024",
    "ten_loai": "BÁO CÁO",
    "trich_yeu": "tổng kết công tác dân vận năm 2024",
    "noi_nhan": "Nơi nhận:",
    "noi_nhan_muc": ["- Ban Dân vận Tỉnh ủy,", "- Các chi, đảng bộ trực thuộc,", "- Lưu Văn phòng Huyện ủy."],
    "quyen_han": "T/M BAN THƯỜNG VỤ",
    "chuc_vu": "PHÓ BÍ THƯ",
    "ho_ten": "Trịnh Văn Khải",
}
BODY = [
    "Năm 2024, Sở đã tổ chức nhiều hoạt động văn nghệ ở cơ sở, thu hút đông đảo người dân tham gia; các "
    "đội văn nghệ thôn, bản được duy trì đều đặn và có thêm nhiều tiết mục mới do chính người dân dàn dựng.",
    "Bên cạnh kết quả đạt được, kinh phí cho phong trào còn hạn hẹp, một số đội văn nghệ chưa có nơi tập "
    "luyện ổn định; việc phối hợp giữa các phòng chuyên môn và các huyện có lúc chưa chặt chẽ, kịp thời.",
    "Trong năm tới, Sở tiếp tục hướng dẫn các địa phương tổ chức hội diễn, bồi dưỡng hạt nhân văn nghệ và "
    "đề nghị bố trí thêm kinh phí cho các đội văn nghệ ở vùng sâu, vùng xa để phong trào phát triển bền vững.",
]


@dataclass
class Layout:
    """Page and body settings of a built document (mm, cm, pt)."""

    width_mm: float = 210
    height_mm: float = 297
    landscape: bool = False
    top: float = 20
    bottom: float = 20
    left: float = 30
    right: float = 15
    normal_font: str | None = "Times New Roman"
    normal_size: float = 14
    align: str = "justify"
    first_line_cm: float | None = 1.27
    space_after_pt: float | None = 6
    line_spacing: float | None = 1.15
    line_exact_pt: float | None = None
    page_number: str | None = "header"  # "header", "footer" or None
    page_number_align: str = "center"
    page_number_size: float = 14
    first_page_numbered: bool = False


def _apply(target: Any, look: Look) -> None:
    """Set a Look on a run's or a style's font (None leaves the property unset)."""
    font = target.font
    if look.size is not None:
        font.size = Pt(look.size)
    if look.bold is not None:
        font.bold = look.bold
    if look.italic is not None:
        font.italic = look.italic
    if look.underline is not None:
        font.underline = look.underline
    if look.font is not None:
        font.name = look.font
    if look.all_caps is not None:
        font.all_caps = look.all_caps


@dataclass
class Builder:
    party: bool = False
    via: str = "direct"  # "direct": formatting on the runs; "style": through a paragraph style per part
    looks: dict[str, Look] = field(default_factory=dict)  # overrides of the default looks
    texts: dict[str, Any] = field(default_factory=dict)  # overrides of the default wording
    page: Layout = field(default_factory=Layout)

    def build(self) -> bytes:
        looks = dict(PARTY_LOOKS if self.party else STATE_LOOKS)
        looks.update(self.looks)
        texts = dict(PARTY_TEXT if self.party else STATE_TEXT)
        texts.update(self.texts)
        d = docx.Document()
        normal = d.styles["Normal"]
        normal.font.size = Pt(self.page.normal_size)
        if self.page.normal_font:
            normal.font.name = self.page.normal_font
        normal.paragraph_format.space_after = Pt(0)
        s = d.sections[0]
        width, height = Mm(self.page.width_mm), Mm(self.page.height_mm)
        if self.page.landscape:
            from docx.enum.section import WD_ORIENT

            s.orientation = WD_ORIENT.LANDSCAPE
            width, height = height, width
        s.page_width, s.page_height = width, height
        s.top_margin, s.bottom_margin = Mm(self.page.top), Mm(self.page.bottom)
        s.left_margin, s.right_margin = Mm(self.page.left), Mm(self.page.right)

        def para(container: Any, text: str, part: str, align: str | None = "center") -> None:
            look = looks[part]
            p = container.add_paragraph() if container is not None else d.add_paragraph()
            if self.via == "style":
                name = f"Part {part}"
                if name not in [st.name for st in d.styles]:
                    st = d.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
                    st.base_style = normal
                    _apply(st, look)
                p.style = d.styles[name]
                p.add_run(text)
            else:
                _apply(p.add_run(text), look)
            if align == "center":
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER

        header = d.add_table(rows=1, cols=2)
        left, right = header.rows[0].cells
        left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
        right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
        para(left, texts["co_quan_chu_quan"], "co_quan_chu_quan")
        para(left, texts["co_quan_ban_hanh"], "co_quan_ban_hanh")
        if self.party:
            para(left, "*", "co_quan_ban_hanh")
        para(left, texts["so_ky_hieu"], "so_ky_hieu")
        if self.party:
            para(right, texts["dang_csvn"], "dang_csvn")
        else:
            para(right, texts["quoc_hieu"], "quoc_hieu")
            para(right, texts["tieu_ngu"], "tieu_ngu")
        para(right, texts["dia_danh_ngay"], "dia_danh_ngay")
        d.add_paragraph()
        para(None, texts["ten_loai"], "ten_loai")
        para(None, texts["trich_yeu"], "trich_yeu")
        for text in texts.get("body", BODY):
            self._body(d, text, looks["noi_dung"])
        closing = d.add_table(rows=1, cols=2)
        left, right = closing.rows[0].cells
        left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
        right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
        para(left, texts["noi_nhan"], "noi_nhan", align=None)
        for item in texts["noi_nhan_muc"]:
            para(left, item, "noi_nhan_muc", align=None)
        para(right, texts["quyen_han"], "quyen_han")
        para(right, texts["chuc_vu"], "chuc_vu")
        right.add_paragraph()
        para(right, texts["ho_ten"], "ho_ten")
        self._page_number(d, s)
        out = io.BytesIO()
        d.save(out)
        return out.getvalue()

    def _body(self, d: Any, text: str, look: Look) -> None:
        if self.via == "style":
            name = "Body text"
            if name not in [st.name for st in d.styles]:
                st = d.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
                st.base_style = d.styles["Normal"]
                _apply(st, look)
                self._body_format(st.paragraph_format)
            p = d.add_paragraph(text, style=name)
        else:
            p = d.add_paragraph()
            _apply(p.add_run(text), look)
            self._body_format(p.paragraph_format)

    def _body_format(self, pf: Any) -> None:
        page = self.page
        pf.alignment = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "left": WD_ALIGN_PARAGRAPH.LEFT,
                        "center": WD_ALIGN_PARAGRAPH.CENTER}[page.align]
        if page.first_line_cm is not None:
            pf.first_line_indent = Cm(page.first_line_cm)
        if page.space_after_pt is not None:
            pf.space_after = Pt(page.space_after_pt)
        if page.line_exact_pt is not None:
            from docx.enum.text import WD_LINE_SPACING

            pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            pf.line_spacing = Pt(page.line_exact_pt)
        elif page.line_spacing is not None:
            pf.line_spacing = page.line_spacing

    def _page_number(self, d: Any, section: Any) -> None:
        page = self.page
        if page.page_number is None:
            return
        section.different_first_page_header_footer = not page.first_page_numbered
        part = section.header if page.page_number == "header" else section.footer
        p = part.paragraphs[0]
        p.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT,
                       "left": WD_ALIGN_PARAGRAPH.LEFT}[page.page_number_align]
        run = p.add_run()
        run.font.size = Pt(page.page_number_size)
        for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
            if kind:
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), kind)
            else:
                el = OxmlElement("w:instrText")
                el.set(qn("xml:space"), "preserve")
                el.text = text
            run._r.append(el)


def build(**kwargs: Any) -> bytes:
    return Builder(**kwargs).build()
