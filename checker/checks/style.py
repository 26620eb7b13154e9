"""Style rules (TT): wording and typography a reviewer fixes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.context import Context
from checker.engine import Hit, rule

# A repeated single syllable is usually two compounds meeting ("thi công công trình", "cơ quan quan
# tâm", "ý kiến kiến nghị") or reduplication ("nhà nhà"), both correct. Only function words, which
# never form such pairs, are reported when doubled alone; two-syllable phrases are always reported.
_FUNCTION_WORDS = {
    "đã", "đang", "sẽ", "các", "những", "của", "và", "là", "được", "bị", "cho", "với", "trong", "để",
    "thì", "mà", "này", "đó", "số", "một", "việc", "theo", "tại", "từ", "về", "đến", "trên", "như",
    "nhằm", "hoặc", "hay", "cũng", "vẫn", "còn", "chưa", "không", "rất", "nhất", "đều", "phải",
}
_WORD = r"[^\W\d_]+"
_DOUBLED = re.compile(rf"(?<![\w-])(?P<w>{_WORD}(?:[ ]{_WORD})?)[ ]+(?P=w)(?![\w-])", re.IGNORECASE)


@rule(
    "TT001",
    name="doubled-word",
    severity="info",
    summary_vi="Từ hoặc cụm từ bị lặp liền nhau (đã đã, công tác công tác)",
    summary_en="Doubled word or phrase",
    message_vi="Lặp từ \"{words}\"; xoá một lần lặp",
    message_en="Doubled word \"{words}\"; delete one",
    explanation="""
Một từ hay cụm hai từ viết lặp liền nhau thường là lỗi soạn thảo (sao chép, gõ thừa). Các từ láy đúng
tiếng Việt như "nhà nhà", "người người", "ngày ngày" không bị báo.
""",
    bad="Ban đã đã tổ chức hội nghị; công tác công tác dân vận",
    good="Ban đã tổ chức hội nghị; công tác dân vận",
    fixable=True,
)
def check_doubled_words(ctx: Context) -> Iterator[Hit]:
    text = ctx.text
    for m in _DOUBLED.finditer(text):
        word = m.group("w")
        if " " not in word and word.lower() not in _FUNCTION_WORDS:
            continue
        repeat = text[m.end() - len(word) : m.end()]
        if repeat != word and repeat[:1].isupper():  # "09 dự án Dự án phát triển…": a name starts
            continue
        yield Hit(m.start(), m.end(), {"words": word}, fix=word)
