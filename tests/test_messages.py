"""Messages read as sentences a reviewer can act on: one spelling of 'xóa' everywhere, TT010 says
which way each date is written, plurals agree in English, and an optional part's info does not
speak of proposals."""

from __future__ import annotations

import re

from checker import check
from checker.engine import all_rules

BODY = "BÁO CÁO\nKết quả công tác năm 2024\n\n"


def _messages(text: str, lang: str, code: str) -> list[str]:
    return [f.message for f in check((BODY + text).encode(), name="bc.txt", lang=lang, select=[code]).findings]


def test_one_spelling_of_xoa_in_every_message() -> None:
    # the old tone placement 'xóa' (as in the official texts), never 'xoá', in every message template
    for r in all_rules().values():
        templates = [r.message_vi, r.summary_vi, *(vi for vi, _ in r.variants.values())]
        for t in templates:
            assert "xoá" not in t, (r.code, t)
    assert any("xóa" in r.message_vi for r in all_rules().values())


def test_tt010_message_is_a_sentence() -> None:
    text = "Ngày 05/9/2024 họp lần một. Ngày 12/11/2024 họp lần hai. Ngày 7/10/2024 họp lần ba.\n"
    (vi,) = _messages(text, "vi", "TT010")
    assert vi == (
        'Ngày tháng viết theo hai cách: 1 chỗ viết ngày dưới 10 không có số 0 ở đầu (5/…), như "7/10/2024", '
        "trong khi các chỗ khác viết ngày dưới 10 có số 0 ở đầu (05/…); viết thống nhất theo một cách"
    )
    (en,) = _messages(text, "en", "TT010")
    assert en.startswith("Dates are written two ways: 1 written with no zero before a day under 10 (5/…), such as")
    assert "(5/…) (" not in vi  # no two brackets in a row


def test_english_pairs_agree_with_their_number() -> None:
    one = _messages('Hưởng ứng phong trào "Dân vận khéo" và “Tháng Dân vận” cùng “Ngày hội đoàn kết”.\n', "en", "TT004")
    assert one and re.match(r"1 pair of ", one[0]), one
    two = _messages('Các phong trào "Dân vận khéo", "Xã hội học tập" và “Tháng Dân vận”, “Ngày hội đoàn kết”, '
                    "“Chung tay vì người nghèo”.\n", "en", "TT004")
    assert two and re.match(r"2 pairs of ", two[0]), two


def test_optional_part_info_does_not_speak_of_proposals() -> None:
    r = all_rules()["VB001"]
    vi, en = r.variants["optional"]
    assert "đề xuất" not in vi and "không bắt buộc" in vi and "optional" in en
