"""What ingest learnt about the file itself: a legacy font encoding converted, mixed tone placement."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from checker.context import Context
from checker.engine import Hit, rule
from checker.ruledata import from_rule_data, load_lexicon

_NAMES = {"tcvn3": "TCVN3 (ABC, phông .VnTime)", "vni": "VNI (phông VNI-Times)"}


@rule(
    "VB090",
    name="legacy-encoding-converted",
    severity="info",
    summary_vi="Văn bản gõ bằng bảng mã cũ (TCVN3/VNI) đã được chuyển sang Unicode trước khi kiểm tra",
    summary_en="Legacy Vietnamese encoding (TCVN3/VNI) converted to Unicode before checking",
    message_vi="Văn bản dùng bảng mã {encoding}; đã chuyển sang Unicode để kiểm tra. Nên lưu lại văn bản bằng Unicode",
    message_en="The text uses the {encoding} encoding; it was converted to Unicode for checking. Re-save it in Unicode",
    explanation="""
NĐ 30/2020/NĐ-CP yêu cầu văn bản hành chính dùng bộ mã ký tự chữ Việt Unicode (TCVN 6909:2001). Văn
bản gõ bằng phông .VnTime (TCVN3) hoặc VNI-Times hiện đúng trên máy có phông đó nhưng thành chữ lỗi ở
nơi khác. Công cụ đã chuyển văn bản sang Unicode trước mọi quy tắc khác; hãy chuyển cả tệp gốc (Unikey:
công cụ chuyển mã) để người nhận đọc được.
""",
    bad="Uû ban nh©n d©n tØnh (phông .VnTime)",
    good="Ủy ban nhân dân tỉnh (Unicode, phông Times New Roman)",
)
def check_legacy_encoding(ctx: Context) -> Iterator[Hit]:
    encoding = ctx.src.legacy
    if not encoding:
        return
    # One finding for the whole file, on its first line: the whole text was converted.
    first = ctx.text.find("\n")
    end = first if first > 0 else min(len(ctx.text), 80)
    yield Hit(0, end, {"encoding": _NAMES.get(encoding, encoding)})


# Old (tone on the first vowel) → new style (on the second), open syllables with oa, oe, uy: the pairs
# where the hunspell-vi DauCu and DauMoi dictionaries differ (rules/lexicon/tones.toml, words).
@from_rule_data
def _tone_words_tables() -> tuple[dict[str, str], dict[str, str], int]:
    """(old → new, new → old, length of the longest word)."""
    old_to_new = load_lexicon().tones.old_to_new()
    new_to_old = {new: old for old, new in old_to_new.items()}
    return old_to_new, new_to_old, max(len(w) for w in (*old_to_new, *new_to_old))


# Every word of either table ends in its toned vowel pair: find the pairs (each pattern starts with a
# character class, so the scan runs in C) and read the word back from there, instead of every word.
_OLD_PAIR = re.compile("[òóỏõọùúủũụ][aey]")  # a superset of old-style pairs; the tables decide
_NEW_PAIR = re.compile("[ou][àáảãạèéẻẽẹỳýỷỹỵ]")


def _tone_words(lower: str) -> list[tuple[int, str]]:
    """(start, word) of every whole word ending in a toned oa/oe/uy pair, in text order."""
    longest = _tone_words_tables()[2]
    out = []
    for regex in (_OLD_PAIR, _NEW_PAIR):
        for m in regex.finditer(lower):
            end = m.end()
            if end < len(lower) and lower[end].isalpha():
                continue  # "hoạt", "thuyết": the pair is not the end of the word
            start = m.start()
            while start > 0 and lower[start - 1].isalpha() and end - start <= longest:
                start -= 1
            out.append((start, lower[start:end]))
    out.sort()
    return out


@rule(
    "TT090",
    name="mixed-tone-placement",
    severity="info",
    summary_vi="Trộn hai kiểu đặt dấu thanh (hòa/hoà, thủy/thuỷ) trong cùng một văn bản",
    summary_en="Old and new tone-mark placement (hòa/hoà, thủy/thuỷ) mixed in one document",
    message_vi="\"{form}\" đặt dấu kiểu {style} ({count} lần) trong khi văn bản chủ yếu đặt dấu kiểu {major} ({major_count} chữ); nên viết \"{other}\" cho thống nhất",
    message_en="\"{form}\" uses the {style_en} tone placement ({count}×) while the text mostly uses the {major_en} one ({major_count} words); write \"{other}\" for consistency",
    explanation="""
Với vần oa, oe, uy không có phụ âm cuối, dấu thanh có thể đặt theo kiểu cũ (hòa, khỏe, thủy) hoặc kiểu
mới (hoà, khoẻ, thuỷ). Cả hai đều được chấp nhận (văn bản pháp luật vẫn dùng kiểu cũ; Quyết định
1989/QĐ-BGDĐT dùng kiểu mới cho sách giáo khoa), nhưng trong một văn bản nên dùng một kiểu. Quy tắc chỉ
báo các chữ thuộc kiểu ít dùng hơn trong văn bản, mỗi dạng một lần.
""",
    bad="Ủy ban nhân dân ... hoà nhập ... Cộng hòa",
    good="Ủy ban nhân dân ... hòa nhập ... Cộng hòa",
)
def check_mixed_tone_placement(ctx: Context) -> Iterator[Hit]:
    text = ctx.text
    first: dict[str, int] = {}
    counts: Counter[str] = Counter()
    style: dict[str, str] = {}
    old_to_new, new_to_old, _ = _tone_words_tables()
    for start, word in _tone_words(ctx.lowered):
        if word in old_to_new:
            style[word] = "old"
        elif word in new_to_old:
            style[word] = "new"
        else:
            continue
        counts[word] += 1
        first.setdefault(word, start)
    old_total = sum(n for w, n in counts.items() if style[w] == "old")
    new_total = sum(n for w, n in counts.items() if style[w] == "new")
    if not old_total or not new_total:
        return  # either style alone is fine
    minority = "new" if new_total < old_total else "old"
    for word, start in sorted(first.items(), key=lambda kv: kv[1]):
        if style[word] != minority:
            continue
        other = new_to_old[word] if minority == "new" else old_to_new[word]
        form = text[start : start + len(word)]
        if form.isupper():
            other = other.upper()
        elif form[:1].isupper():
            other = other[:1].upper() + other[1:]
        old_vi, new_vi, old_en, new_en = "cũ (hòa, thủy)", "mới (hoà, thuỷ)", "old (hòa, thủy)", "new (hoà, thuỷ)"
        yield Hit(
            start,
            start + len(word),
            {
                "form": form,
                "count": counts[word],
                "other": other,
                "style": new_vi if minority == "new" else old_vi,
                "style_en": new_en if minority == "new" else old_en,
                "major": old_vi if minority == "new" else new_vi,
                "major_en": old_en if minority == "new" else new_en,
                "major_count": old_total if minority == "new" else new_total,
            },
            fix=other,
        )
