"""Format rules for the body text (TH020–TH023) and page numbers (TH030), on Word files built for
them: each requirement passing and failing, set through a paragraph style and directly."""

from __future__ import annotations

import pytest
from format_builders import Builder, Layout

from checker import check

VIAS = ("direct", "style")


def only(data: bytes, code: str) -> list:
    report = check(data, name="van-ban.docx", select=[code])
    assert report.error is None, report.error
    return report.findings


@pytest.mark.parametrize("via", VIAS)
def test_left_aligned_body_is_reported_once(via: str) -> None:
    assert only(Builder(via=via).build(), "TH020") == []
    [f] = only(Builder(via=via, page=Layout(align="left")).build(), "TH020")
    assert "canh trái" in f.message and "canh đều hai lề" in f.message and "(3/3 đoạn)" in f.message


@pytest.mark.parametrize("via", VIAS)
@pytest.mark.parametrize(("indent", "fires"), [(1.27, False), (1.0, False), (0.0, True), (2.0, True)])
def test_first_line_indent(via: str, indent: float, fires: bool) -> None:
    hits = only(Builder(via=via, page=Layout(first_line_cm=indent)).build(), "TH021")
    assert bool(hits) == fires
    if fires:
        assert "1–1,27 cm" in hits[0].message


def test_party_indent_is_about_ten_millimetres() -> None:
    assert only(Builder(party=True, page=Layout(first_line_cm=1.0)).build(), "TH021") == []
    assert only(Builder(party=True, page=Layout(first_line_cm=2.0)).build(), "TH021")


@pytest.mark.parametrize("via", VIAS)
@pytest.mark.parametrize(("after", "fires"), [(6, False), (12, False), (0, True), (3, True)])
def test_spacing_between_paragraphs(via: str, after: float, fires: bool) -> None:
    hits = only(Builder(via=via, page=Layout(space_after_pt=after)).build(), "TH022")
    assert bool(hits) == fires
    if fires:
        assert "≥ 6 pt" in hits[0].message and len(hits) == 1


@pytest.mark.parametrize("via", VIAS)
@pytest.mark.parametrize(("lines", "exact", "fires"),
                         [(1.0, None, False), (1.5, None, False), (2.0, None, True), (None, 17.0, False), (None, 12.0, True)])
def test_line_spacing_state(via: str, lines: float | None, exact: float | None, fires: bool) -> None:
    page = Layout(line_spacing=lines, line_exact_pt=exact)
    hits = only(Builder(via=via, page=page).build(), "TH023")
    assert bool(hits) == fires
    if fires:
        assert "1–1,5 dòng" in hits[0].message


def test_party_line_spacing_at_least_eighteen_points() -> None:
    assert only(Builder(party=True, page=Layout(line_exact_pt=18)).build(), "TH023") == []
    [f] = only(Builder(party=True, page=Layout(line_exact_pt=15)).build(), "TH023")
    assert f.severity == "warning" and "≥ 18 pt" in f.message
    # given in lines, the height is only estimated from the font size: an info
    [g] = only(Builder(party=True, page=Layout(line_spacing=1.0)).build(), "TH023")
    assert g.severity == "info"


def test_page_numbers_as_prescribed_pass() -> None:
    assert only(Builder().build(), "TH030") == []
    assert only(Builder(party=True).build(), "TH030") == []


@pytest.mark.parametrize(
    ("layout", "words"),
    [(Layout(page_number="footer"), "chân trang"), (Layout(page_number_align="right"), "canh phải"),
     (Layout(page_number_size=11), "cỡ chữ 11 pt"), (Layout(first_page_numbered=True), "trang thứ nhất")],
)
def test_page_numbers_out_of_place(layout: Layout, words: str) -> None:
    hits = only(Builder(page=layout).build(), "TH030")
    assert len(hits) == 1 and words in hits[0].message and "khoản 7" in hits[0].message


def test_a_heading_or_a_short_line_is_not_held_to_the_body_layout() -> None:
    page = Layout(align="center", first_line_cm=0, space_after_pt=0)
    headings = Builder(texts={"body": ["I. KẾT QUẢ ĐẠT ĐƯỢC", "1. Công tác chỉ đạo", "2. Công tác kiểm tra"]}, page=page)
    running = Builder(page=page)
    for code in ("TH020", "TH021", "TH022"):
        assert only(headings.build(), code) == []
        assert only(running.build(), code)
