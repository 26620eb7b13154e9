"""Citation rules (TD): references to other documents.

Identity of a cited document (eyecite-style resolution, anchors-parsing §1): a citation resolves to
the earlier citations with the same number, type code and issuer codes. Where that is uncertain
(a state number reused every year, a "UBND" that may be the province's or the district's) the rules
resolve to nothing rather than guess, so that every finding is one a reviewer accepts.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from typing import Any

from checker.context import Context
from checker.engine import Hit, rule
from checker.entities import CitationRef
from checker.facts.citations import document_id
from checker.facts.dates import body_date
from checker.ruledata import DocTypes, Registry, RegistryEntry, from_rule_data, load_lexicon
from checker.source import fold
from checker.thresholds import PROVINCE_CHARS

# Type words too generic to be compared with a type code ("văn bản số 12/UBND-NC").
_GENERIC_WORDS = {"văn bản", "công văn"}
# Types cited by name without a date (NĐ 30/2020, Phụ lục I, Mục II.6).
_NAMED_BY_TITLE = {"luật", "pháp lệnh", "hiến pháp", "bộ luật"}


class _Answers:
    """Answers of a pure look-up in one rule-data object (the doctypes, the registry), kept while that
    object is the one in use: `type_by_code` and `issuer_system` walk their whole list, and TD001 alone
    asks them ~900 times on the five seeds, mostly for the same few codes."""

    _MAX = 10_000  # distinct keys kept at most, so a long batch does not grow it without end

    def __init__(self) -> None:
        self._owner: object = None
        self._answers: dict[object, Any] = {}

    def kept(self, owner: object) -> dict[object, Any]:
        """The answers kept for `owner` (none for another owner), to read without `get`'s closure."""
        return self._answers if owner is self._owner else {}

    def get(self, owner: object, key: object, compute: Callable[[], Any]) -> Any:  # noqa: ANN401 - any answer
        if owner is not self._owner or len(self._answers) > self._MAX:
            self._owner, self._answers = owner, {}
        try:
            return self._answers[key]
        except KeyError:
            found = self._answers[key] = compute()
            return found


_KNOWN_CODES = _Answers()
_KNOWN_ISSUERS = _Answers()


def _known_code(ctx: Context, code: str) -> bool:
    types = ctx.doctypes
    # asked ~900 times a report, nearly always again: the kept answer is read before a closure is made
    found = _KNOWN_CODES.kept(types).get(code)
    return found if found is not None else _KNOWN_CODES.get(types, code, lambda: types.type_by_code(code) is not None)


def _known_issuer(ctx: Context, code: str) -> bool:
    types = ctx.doctypes
    found = _KNOWN_ISSUERS.kept(types).get(code)
    return found if found is not None else _KNOWN_ISSUERS.get(types, code, lambda: types.issuer_system(code) is not None)


# Asked of every citation by several rules: compiled once (`re.search` with a string looks its pattern
# up in `re`'s cache at every call)
_BLANK = re.compile(r"\s")
_DOUBLED_JOINER = re.compile(r"--|//|-/|/-(?=/)")
_CUA_BEFORE_DATE = re.compile(r"\bcủa\s+ngày\s*$")


def _line(ctx: Context, offset: int) -> int:
    return ctx.src.position(offset).line


# -- TD001 ----------------------------------------------------------------------------------------
@rule(
    "TD001",
    name="malformed-symbol",
    severity="warning",
    summary_vi="Số, ký hiệu văn bản viết sai thể thức (thừa dấu cách, thiếu hoặc thừa dấu gạch nối, chữ thường, mã sai)",
    summary_en="Malformed document number/symbol (stray space, missing or doubled hyphen, lower case, unknown code)",
    message_vi='Ký hiệu "{raw}" viết sai thể thức: {problem}; viết là "{suggestion}"',
    message_en='Symbol "{raw}" is malformed: {problem_en}; write "{suggestion}"',
    variants={
        "unknown_type": (
            'Ký hiệu "{raw}" có mã loại văn bản "{code}" không có trong danh mục (Phụ lục III Nghị định '
            "30/2020/NĐ-CP, Hướng dẫn 36-HD/VPTW); kiểm tra lại mã loại văn bản",
            'Symbol "{raw}" has the type code "{code}", which is not a known type code; check it',
        ),
    },
    explanation="""
Theo Nghị định 30/2020/NĐ-CP (Phụ lục I, Mục II.3) và Hướng dẫn 36-HD/VPTW, các nhóm chữ viết tắt
trong ký hiệu văn bản nối với nhau bằng một dấu gạch nối (-) không cách chữ, giữa số và ký hiệu là dấu
gạch chéo (/) (văn bản nhà nước) hoặc dấu gạch nối (văn bản của Đảng), năm trong số hiệu văn bản quy
phạm pháp luật đứng giữa hai dấu gạch chéo (127/2015/QĐ-UBND), ký hiệu viết bằng chữ in hoa (trừ các
mã có chữ thường theo quy định như CTr, TTr, QyĐ, TTg) và mã loại văn bản phải là mã trong danh mục
(rules/doctypes.toml). "BCSD" là viết sai của "BCSĐ" (Ban cán sự đảng).
""",
    bad="Kết luận số 01- KL/TW ngày 18/5/2021; Quyết định số 677/QĐUBND; Kế hoạch số 30-KH/BCSD-BDVTU",
    good="Kết luận số 01-KL/TW ngày 18/5/2021; Quyết định số 677/QĐ-UBND; Kế hoạch số 30-KH/BCSĐ-BDVTU",
    fixable=True,
)
def check_symbol_form(ctx: Context) -> Iterator[Hit]:
    for c in [*ctx.citation_facts.own, *ctx.citations]:
        if c.form == "number_only":
            continue
        if _BLANK.search(c.symbol_raw) and _title_after_dash(ctx, c):
            continue  # "01/2024/QĐ-UBND - Xã …": a dash before a title, not a symbol group
        # the first problem found is the one reported: its fix is the one a reviewer applies first
        for problem in _SYMBOL_PROBLEMS:
            hit = problem(ctx, c)
            if hit is not None:
                yield hit
                break


def _stray_space(ctx: Context, c: CitationRef) -> Hit | None:
    if not _BLANK.search(c.symbol_raw):
        return None
    return _form_hit(c, "thừa dấu cách trong ký hiệu", "stray space", re.sub(r"\s+", "", c.symbol_raw))


def _doubled_joiner(ctx: Context, c: CitationRef) -> Hit | None:
    raw = c.symbol_raw
    if not _DOUBLED_JOINER.search(raw):
        return None
    fixed = re.sub(r"-{2,}", "-", re.sub(r"/{2,}", "/", raw))
    return _form_hit(c, "thừa dấu gạch nối hoặc gạch chéo", "doubled hyphen or slash", fixed)


def _year_glued(ctx: Context, c: CitationRef) -> Hit | None:
    """The year glued to the type code: 75/2007QĐ-TTg → 75/2007/QĐ-TTg."""
    if c.form != "state" or not c.type_code:
        return None
    m = re.fullmatch(r"((?:19|20)\d{2})(\w+)", c.type_code)
    if not (m and _known_code(ctx, m.group(2))):
        return None
    fixed = c.symbol_raw.replace(c.type_code, f"{m.group(1)}/{m.group(2)}", 1)
    return _form_hit(c, "thiếu dấu gạch chéo sau năm ban hành", "missing slash after the year", fixed)


def _type_glued(ctx: Context, c: CitationRef) -> Hit | None:
    """A type code glued to the issuer: 677/QĐUBND → 677/QĐ-UBND."""
    if c.form != "state" or not c.type_code or c.issuer_codes or _known_code(ctx, c.type_code):
        return None
    if hyphens_lost(ctx):
        return None  # every symbol of the text lost it: VB092 says once that the text layer is damaged
    glued = _split_glued(ctx, c.type_code)
    if not glued:
        return None
    fixed = c.symbol_raw[: c.symbol_raw.rindex(c.type_code)] + glued
    return _form_hit(c, "thiếu dấu gạch nối giữa loại văn bản và cơ quan ban hành", "missing hyphen", fixed)


def _lower_case(ctx: Context, c: CitationRef) -> Hit | None:
    lowered = [code for code in c.codes if code.islower() and len(code) > 1 and code.upper() != code]
    if not lowered:
        return None
    fixed = c.symbol_raw
    for code in lowered:
        fixed = fixed.replace(code, code.upper())
    return _form_hit(c, "ký hiệu phải viết chữ in hoa", "lower case", fixed)


def _d_for_dj(ctx: Context, c: CitationRef) -> Hit | None:
    """"BCSD" for "BCSĐ": a D where the code has Đ (a keyboard without Vietnamese input)."""
    bad = [
        x
        for x in c.issuer_codes
        if "D" in x and not _known_issuer(ctx, x) and _known_issuer(ctx, x.replace("D", "Đ"))
    ]
    bad = [x for x in bad if x.replace("D", "Đ") != x]
    if not bad:
        return None
    fixed = c.symbol_raw
    for x in bad:
        fixed = re.sub(rf"(?<![\wĐ]){re.escape(x)}(?![\w])", x.replace("D", "Đ"), fixed)
    return _form_hit(c, f'mã cơ quan "{bad[0]}" viết sai (Đ viết thành D)', "misspelt issuer code", fixed)


def _cua_before_date(ctx: Context, c: CitationRef) -> Hit | None:
    """"16/CT-TTg của ngày 16/5/2016": a word left over from an edit."""
    if c.date_start is None or not _CUA_BEFORE_DATE.search(ctx.text[c.symbol_end : c.date_start]):
        return None
    raw = c.symbol_raw
    gap = ctx.text[c.symbol_end : c.date_start]
    return Hit(
        c.symbol_start,
        c.date_end or c.end,
        {
            "raw": raw + gap + (c.date_text or ""),
            "problem": 'thừa chữ "của" trước "ngày"',
            "problem_en": "stray word before the date",
            "suggestion": f"{raw} ngày {c.date_text}",
        },
        severity="info",
        fix=f"{raw} ngày {c.date_text}",
    )


def _miscased(ctx: Context, c: CitationRef) -> Hit | None:
    case = _miscased_codes(ctx, c)
    if not case:
        return None
    fixed = c.symbol_raw
    for wrong, right in case:
        fixed = re.sub(rf"(?<![\w]){re.escape(wrong)}(?![\w])", right, fixed)
    return _form_hit(
        c,
        f'mã "{case[0][0]}" viết sai chữ (đúng là "{case[0][1]}")',
        f'code "{case[0][0]}" is miswritten (it is "{case[0][1]}")',
        fixed,
    )


def _unknown_type_code(ctx: Context, c: CitationRef) -> Hit | None:
    if not (c.type_code and _unknown_type(ctx, c)):
        return None
    return Hit(
        c.symbol_start, c.symbol_end, {"raw": c.symbol_raw, "code": c.type_code}, severity="info", variant="unknown_type"
    )


# TD001's checks in the order they are tried (a symbol gets one finding: the first that applies).
_SYMBOL_PROBLEMS = (
    _stray_space,
    _doubled_joiner,
    _year_glued,
    _type_glued,
    _lower_case,
    _d_for_dj,
    _cua_before_date,
    _miscased,
    _unknown_type_code,
)


def _form_hit(c: CitationRef, problem: str, problem_en: str, fixed: str) -> Hit:
    return Hit(
        c.symbol_start,
        c.symbol_end,
        {"raw": c.symbol_raw, "problem": problem, "problem_en": problem_en, "suggestion": fixed},
        fix=fixed,
    )


def _title_after_dash(ctx: Context, c: CitationRef) -> bool:
    """The last group follows a spaced dash and is a capitalised word that no code list knows
    ("… - Xã Nà Nghịu", "… - Phường 5"): the symbol ended before the dash."""
    m = re.search(r"\s[-–]\s*([^\W\d_]+)$", c.symbol_raw)
    if not m:
        return False
    word = m.group(1)
    return (
        word[0].isupper()
        and any(ch.islower() for ch in word[1:])
        and not _known_code(ctx, word)
        and not _known_issuer(ctx, word)
    )


# Letters a code is miswritten with: Ư for W ("TƯ" is how the Party's "Trung ương" is abbreviated in
# prose, but the symbol code is TW), and any change of case (TTG for TTg, Qđ for QĐ).
_CODE_LOOKALIKE = str.maketrans({"Ư": "W", "ư": "W"})


_YEAR = re.compile(r"(?:19|20)\d{2}")


def _miscased_codes(ctx: Context, c: CitationRef) -> list[tuple[str, str]]:
    """(as written, the code it stands for) for codes no list knows but one does once case is ignored
    and Ư is read as W. A line in capitals (a title) says nothing about case, so only Ư counts there."""
    all_caps: bool | None = None  # looked at only for a code no list knows (rare): a line may be long
    out: list[tuple[str, str]] = []
    for code in c.codes:
        if _YEAR.fullmatch(code) or _known_code(ctx, code) or _known_issuer(ctx, code):
            continue
        if all_caps is None:
            line_start = ctx.text.rfind("\n", 0, c.start) + 1
            line_end = ctx.text.find("\n", c.end)
            line = ctx.text[line_start : line_end if line_end >= 0 else len(ctx.text)]
            all_caps = line.upper() == line
        if all_caps and "Ư" not in code.upper():
            continue
        right = _canonical_code(ctx, code.translate(_CODE_LOOKALIKE))
        if right and right != code:
            out.append((code, right))
    return out


def _canonical_code(ctx: Context, code: str) -> str | None:
    """The listed type or issuer code equal to `code` when case is ignored (one only)."""
    types = ctx.doctypes
    return _CANONICAL_CODES.get(types, code.upper(), lambda: _canonical_code_in(types, code.upper()))


_CANONICAL_CODES = _Answers()


def _canonical_code_in(doctypes: DocTypes, key: str) -> str | None:
    found = {t.code for t in doctypes.types if t.code and t.code.upper() == key}
    found |= {i.code for i in doctypes.issuers if i.code.upper() == key}
    return found.pop() if len(found) == 1 else None


def _unknown_type(ctx: Context, c: CitationRef) -> bool:
    code = c.type_code or ""
    if _known_code(ctx, code) or _known_issuer(ctx, code):
        return False  # a state Công văn (887/UBND-NC) has the issuer where other types have the code
    if c.form == "state" and ctx.doctypes.uncoded_by_word(c.type_word, "state"):
        return False  # Công văn, Văn bản: số/CƠ QUAN-ĐƠN VỊ, the first group is an issuer, never a type
    if _canonical_code(ctx, code.translate(_CODE_LOOKALIKE)):
        return False  # a known code in capitals (QĐI in a title line): no case to judge there
    if code.endswith("PH") and _known_code(ctx, code[:-2]):
        return False  # CTrPH, KHPH: "phối hợp" joint documents, common in practice
    if c.form == "state" and not c.issuer_codes:
        return False  # 12/NQ-CP-like forms without issuer are judged elsewhere
    # Only a code that looks like a type code (capitals, short) and whose type word is known
    return bool(re.fullmatch(r"[A-ZĐ][A-Za-zĐđ]{0,4}", code)) and bool(
        ctx.doctypes.types_by_word(c.type_word)
    )


# A text layer that lost every hyphen (a PDF whose font maps "-" to nothing) would get one "missing
# hyphen" finding per symbol; from this many glued symbols and none written with its hyphen, VB092
# says once that the text layer is damaged instead.
LOST_HYPHENS_MIN = 3


def hyphens_lost(ctx: Context) -> list[CitationRef]:
    """The glued state symbols ("677/QĐUBND") when at least LOST_HYPHENS_MIN are and no state symbol of the
    text keeps its hyphen; otherwise [] (a glued symbol among hyphenated ones is the writer's slip)."""
    return ctx.fact(_glued_when_all_are)


def _glued_when_all_are(ctx: Context) -> list[CitationRef]:
    glued: list[CitationRef] = []
    for c in ctx.citations:
        if c.form != "state" or not c.type_code:
            continue
        if c.issuer_codes:
            return []  # one symbol written with its hyphen: the layer keeps them
        if not _known_code(ctx, c.type_code) and _split_glued(ctx, c.type_code):
            glued.append(c)
    return glued if len(glued) >= LOST_HYPHENS_MIN else []


def _split_glued(ctx: Context, code: str) -> str | None:
    for k in range(len(code) - 1, 0, -1):
        head, tail = code[:k], code[k:]
        if _known_code(ctx, head) and _known_issuer(ctx, tail):
            return f"{head}-{tail}"
    return None


# -- TD002 ----------------------------------------------------------------------------------------
def _system_of(ctx: Context, codes: list[str]) -> str | None:
    """The system all issuer codes belong to; None when mixed or any is unknown (joint documents)."""
    systems = {ctx.doctypes.issuer_system(x) for x in codes}
    if len(systems) == 1 and None not in systems:
        return systems.pop()
    return None


@rule(
    "TD002",
    name="party-state-form",
    severity="warning",
    summary_vi="Ký hiệu văn bản của Đảng viết theo thể thức nhà nước hoặc ngược lại",
    summary_en="Party document symbol in state form, or state symbol in Party form",
    message_vi='Ký hiệu "{raw}" của {system_vi} phải viết theo thể thức {form_vi}: "{suggestion}"',
    message_en='Symbol "{raw}" of a {system_en} document must be in {form_en} form: "{suggestion}"',
    explanation="""
Văn bản nhà nước (Nghị định 30/2020/NĐ-CP) ghi số/LOẠI-CƠ QUAN: 33/CT-TTg, 274/QĐ-UBND. Văn bản của Đảng
(Quy định 66-QĐ/TW, Hướng dẫn 36-HD/VPTW) ghi số-LOẠI/CƠ QUAN: 114-KL/TW, 120-KL/TU. Cơ quan ban hành
quyết định thể thức: TTg, CP, UBND, HĐND, các bộ, sở là cơ quan nhà nước; TW, TU, HU, ĐU, BDV… là cơ
quan của Đảng. Quy tắc chỉ báo khi mọi mã cơ quan trong ký hiệu cùng thuộc một hệ thống.
""",
    bad="Chỉ thị số 33-CT/TTg ngày 26/11/2021; Kết luận số 120/KL-TU",
    good="Chỉ thị số 33/CT-TTg ngày 26/11/2021; Kết luận số 120-KL/TU",
    fixable=True,
)
def check_party_state_form(ctx: Context) -> Iterator[Hit]:
    for c in ctx.citation_facts.with_symbol:
        if not c.type_code or not c.issuer_codes or _BLANK.search(c.symbol_raw):
            continue
        system = _system_of(ctx, c.issuer_codes)
        year = f"{c.year_in_symbol}/" if c.year_in_symbol else ""
        if c.form == "party" and system == "state":
            fixed = f"{c.number}/{year}{c.type_code}-{'-'.join(c.issuer_codes)}"
            yield Hit(
                c.symbol_start,
                c.symbol_end,
                {
                    "raw": c.symbol_raw,
                    "system_vi": "cơ quan nhà nước",
                    "form_vi": "nhà nước (số/LOẠI-CƠ QUAN)",
                    "system_en": "state",
                    "form_en": "state (number/TYPE-ISSUER)",
                    "suggestion": fixed,
                },
                fix=fixed,
            )
        elif (
            c.form == "state" and system == "party" and _known_code(ctx, c.type_code) and not c.year_in_symbol
        ):
            fixed = f"{c.number}-{c.type_code}/{'-'.join(c.issuer_codes)}"
            yield Hit(
                c.symbol_start,
                c.symbol_end,
                {
                    "raw": c.symbol_raw,
                    "system_vi": "cơ quan Đảng",
                    "form_vi": "văn bản của Đảng (số-LOẠI/CƠ QUAN)",
                    "system_en": "Party",
                    "form_en": "Party (number-TYPE/ISSUER)",
                    "suggestion": fixed,
                },
                fix=fixed,
            )


# -- TD003 ----------------------------------------------------------------------------------------
def _word_matches_code(ctx: Context, word: str, code: str) -> bool | None:
    """True/False when both are known; None when the check cannot decide."""
    types = ctx.doctypes
    return _WORD_CODE.get(types, (word, code), lambda: _word_matches_code_in(ctx, word, code))


_WORD_CODE = _Answers()  # a report cites the same few kinds of documents again and again


def _word_matches_code_in(ctx: Context, word: str, code: str) -> bool | None:
    wkey = fold(" ".join(word.split()))
    if wkey in _GENERIC_WORDS:
        return None
    types = [t for t in ctx.doctypes.types if t.code == code]
    if not types:
        return None
    if not ctx.doctypes.types_by_word(word):
        return None
    for t in types:
        for w in t.words:
            k = fold(w)
            # "Kế hoạch" for a KHPH (Kế hoạch phối hợp), "Chương trình phối hợp" for CTr: same family
            if k == wkey or k.startswith(wkey + " ") or wkey.startswith(k + " "):
                return True
    return False


@rule(
    "TD003",
    name="type-word-code",
    severity="warning",
    summary_vi="Tên loại hoặc cơ quan ban hành không khớp với mã trong ký hiệu",
    summary_en="The type word or the named issuer does not match the codes of the symbol",
    message_vi='"{word} số {raw}": mã "{code}" là {code_name}, không phải {word}; sửa tên loại hoặc ký hiệu cho khớp',
    message_en='"{word} {raw}": the code "{code}" means {code_name}, not {word}; make them agree',
    explanation="""
Mã loại trong ký hiệu cho biết tên loại văn bản (Phụ lục III Nghị định 30/2020/NĐ-CP; Hướng dẫn
36-HD/VPTW): QĐ là Quyết định (ở Trung ương Đảng còn là Quy định), KH là Kế hoạch, KL là Kết luận, NQ
là Nghị quyết, QC là Quy chế… Tên loại viết trong câu phải khớp với mã đó; nếu không, hoặc tên loại
hoặc ký hiệu đã bị chép sai. Tương tự, mã cơ quan trong ký hiệu (TTg, CP, UBND, HĐND) phải khớp với cơ
quan ban hành ghi trong câu: "Quyết định số 75/2007/QĐ-TTg … của UBND tỉnh" là chép sai một trong hai.
""",
    variants={
        "issuer": (
            'Ký hiệu "{raw}" ghi cơ quan ban hành {code} ({code_name}) nhưng câu ghi "của {issuer}"; '
            "sửa ký hiệu hoặc cơ quan ban hành cho khớp",
            'Symbol "{raw}" names the issuer {code} ({code_name}) but the sentence says "{issuer}"; make them agree',
        ),
    },
    bad="Kết luận số 71-KH/TU ngày 09/4/2022 của Ban Thường vụ Tỉnh ủy",
    good="Kết luận số 71-KL/TU ngày 09/4/2022 của Ban Thường vụ Tỉnh ủy",
)
def check_type_word(ctx: Context) -> Iterator[Hit]:
    for c in [*ctx.citation_facts.own, *ctx.citation_facts.with_symbol]:
        issuer, issuer_end = _issuer_of(ctx, c)
        mismatch = _issuer_mismatch(c, issuer)
        if mismatch:
            yield Hit(
                c.symbol_start,
                issuer_end,
                {"raw": c.symbol_raw, "code": mismatch[0], "code_name": mismatch[1], "issuer": issuer},
                variant="issuer",
            )
        if not c.type_code or (c.form == "state" and not c.issuer_codes):
            continue
        if _word_matches_code(ctx, c.type_word, c.type_code) is False:
            same_code = [t for t in ctx.doctypes.types if t.code == c.type_code]
            # name the type of the citation's own system: QĐ is "Quyết định" in a state symbol
            names = sorted({t.name for t in same_code if c.form in t.systems} or {t.name for t in same_code})
            yield Hit(
                c.start,
                c.symbol_end,
                {
                    "word": c.type_word,
                    "raw": c.symbol_raw,
                    "code": c.type_code,
                    "code_name": " / ".join(names),
                },
            )


# Issuer codes whose body a named issuer cannot be: "75/2007/QĐ-TTg … của UBND tỉnh"
# (rules/lexicon/issuers.toml, code_bodies): code → (body, pattern of the folded starts it cannot have).
@from_rule_data
def _issuer_names() -> dict[str, tuple[str, re.Pattern[str]]]:
    return {
        b.code: (b.name, re.compile("|".join(re.escape(fold(x)) for x in b.not_named)))
        for b in load_lexicon().issuers.code_bodies
    }


def _issuer_of(ctx: Context, c: CitationRef) -> tuple[str | None, int]:
    """The issuer the sentence names, also when a stray token kept the pre-scan from attaching it
    ("số 180/QĐ-UBND 4 ngày 03/4/2018 của Bộ trưởng, …": a footnote number left in the line)."""
    if c.issuer:
        return c.issuer, c.issuer_end or c.end
    tail = ctx.text[c.end : c.end + 110]
    m = re.match(
        r"[ \t]+\d{1,2}[ \t]+ngày[ \t]+\d{1,2}/\d{1,2}/\d{4}[ \t]+của[ \t]+([^;.\n()]{3,60}?)(?=\s+về\b|[;.\n()]|$)",
        tail,
    )
    if m:
        return m.group(1).strip(), c.end + m.end(1)
    return None, c.end


def _issuer_mismatch(c: CitationRef, issuer: str | None) -> tuple[str, str] | None:
    """The issuer code of a state symbol against the body the sentence names ("của UBND tỉnh")."""
    if c.form != "state" or len(c.issuer_codes) != 1 or not issuer:
        return None
    code = c.issuer_codes[0]
    if code not in _issuer_names():
        return None
    name, wrong = _issuer_names()[code]
    if wrong.match(fold(issuer)):
        return code, name
    return None


# -- TD004 ----------------------------------------------------------------------------------------
# Bodies whose names a report may confuse; only these are compared (free-text issuers vary a lot):
# rules/lexicon/issuers.toml, bodies, as (folded start, name).
@from_rule_data
def _bodies() -> list[tuple[str, str]]:
    return [(fold(b.starts), b.name) for b in load_lexicon().issuers.bodies]


def _body(issuer: str | None) -> str | None:
    if not issuer:
        return None
    bodies = _bodies()
    return _BODIES_OF.get(bodies, issuer, lambda: _body_in(bodies, issuer))


_BODIES_OF = _Answers()  # TD004 asks for each citation and each earlier mention of it


def _body_in(bodies: list[tuple[str, str]], issuer: str) -> str | None:
    low = fold(issuer)
    for key, name in bodies:
        if low.startswith(key):
            return name
    return None


_LEVEL = re.compile(r"\b(tỉnh|huyện|xã|thành phố|thị xã|thị trấn|phường|trung ương)\b")


@from_rule_data  # emptied with the rule data, as the folding is
def _levels_found() -> dict[str, str | None]:
    return {}


def _level(issuer: str | None) -> str | None:
    """Administrative level named in the issuer ("UBND tỉnh" vs "UBND huyện"): same code, other body.
    Kept per name: TD004 asks again for every earlier mention of a document."""
    if not issuer:
        return None
    found = _levels_found()
    if issuer not in found:
        if len(found) > 10_000:
            found.clear()
        m = _LEVEL.search(fold(issuer))
        found[issuer] = m.group(1) if m else None
    return found[issuer]


def _year_part(ctx: Context) -> Iterator[Hit]:
    """"12/2020/QĐ-TTg" and later "12/QĐ-TTg": the same document with and without the year part of
    its number. Numbers restart each year, so only when no mention is dated in another year than the
    symbol's, and the mentions name the same issuer level."""
    by_id: dict[object, list[CitationRef]] = {}
    for c in ctx.citation_facts.with_symbol:
        key = document_id(c)
        if key is not None and not _BLANK.search(c.symbol_raw):
            by_id.setdefault(key, []).append(c)
    for mentions in by_id.values():
        with_year = [c for c in mentions if c.year_in_symbol]
        without = [c for c in mentions if not c.year_in_symbol]
        if not with_year or not without:
            continue
        years = {c.year_in_symbol for c in with_year}
        if len(years) != 1:
            continue
        year = years.pop()
        if any(c.date and c.date.year != year for c in mentions):
            continue  # a mention dated in another year may be another document with the same number
        first = with_year[0]
        other = without[0]
        if not _same_document(first, other):
            continue
        later, earlier = (other, first) if other.start > first.start else (first, other)
        yield Hit(
            later.symbol_start,
            later.symbol_end,
            {
                "word": later.type_word,
                "raw": later.symbol if later is other else other.symbol,
                "first_raw": first.symbol,
                "first_line": _line(ctx, earlier.start),
            },
            variant="year",
        )


def _same_document(a: CitationRef, b: CitationRef) -> bool:
    if document_id(a) != document_id(b) or document_id(a) is None:
        return False
    return _same_body(a, b)


def _same_body(a: CitationRef, b: CitationRef) -> bool:
    """For two citations of one document identity: whether they name the same body (level)."""
    la, lb = _level(a.issuer), _level(b.issuer)
    if a.form == "state" and set(a.issuer_codes) <= {"UBND", "HĐND"}:
        # every province, district and commune has a "UBND": only the same named level is the same body
        return la is not None and la == lb
    return not (la and lb and la != lb)


@rule(
    "TD004",
    name="inconsistent-citation",
    severity="warning",
    summary_vi="Cùng một văn bản được dẫn với ngày, cơ quan ban hành hoặc ký hiệu khác nhau trong báo cáo",
    summary_en="The same document is cited with different dates, issuers or symbols in one report",
    message_vi="{word} số {raw} ghi ngày {date}, nhưng ở dòng {first_line} ghi ngày {first_date}; thống nhất một ngày đúng",
    message_en="{word} {raw} is dated {date} here but {first_date} on line {first_line}; use the one correct date",
    variants={
        "issuer": (
            "{word} số {raw} ghi là của {issuer}, nhưng ở dòng {first_line} ghi là của {first_issuer}; "
            "thống nhất cơ quan ban hành đúng",
            "{word} {raw} is attributed to {issuer} here but to {first_issuer} on line {first_line}; "
            "use the correct issuer",
        ),
        "year": (
            "{word} số {raw} được dẫn không có năm, nhưng ở dòng {first_line} ghi {first_raw}; "
            "ghi ký hiệu thống nhất một cách đúng",
            "{word} {raw} is cited without the year, but as {first_raw} on line {first_line}; "
            "write the symbol one correct way",
        ),
        "symbol": (
            "Văn bản ngày {date} ghi ký hiệu {raw}, nhưng ở dòng {first_line} ghi {first_raw}; thống nhất ký hiệu đúng",
            "The document of {date} has the symbol {raw} here but {first_raw} on line {first_line}; "
            "use the correct symbol",
        ),
    },
    explanation="""
Một văn bản chỉ có một số, ký hiệu, một ngày ban hành và một cơ quan ban hành. Khi cùng một ký hiệu được
dẫn với hai ngày khác nhau, hai cơ quan khác nhau (Bộ Chính trị và Ban Bí thư đều ký hiệu /TW), hoặc
cùng số, cùng ngày, cùng cơ quan mà mã loại khác nhau, ít nhất một chỗ đã chép sai. Quy tắc chỉ ra chỗ
sau và nêu dòng của chỗ đầu. Số văn bản nhà nước bắt đầu lại từ 01 mỗi năm, nên hai ngày khác năm
không bị coi là mâu thuẫn.
""",
    bad="Quy định số 01-QĐi/TU ngày 19/4/2018 … Quy định số 01-QĐi/TU ngày 24/4/2018",
    good="Quy định số 01-QĐi/TU ngày 19/4/2018 … Quy định số 01-QĐi/TU ngày 19/4/2018",
)
def check_inconsistent(ctx: Context) -> Iterator[Hit]:
    cites = ctx.citation_facts.with_symbol
    yield from _year_part(ctx)
    yield from _date_or_issuer_conflicts(ctx, cites)
    yield from _type_code_conflicts(ctx, cites)


def _date_or_issuer_conflicts(ctx: Context, cites: list[CitationRef]) -> Iterator[Hit]:
    """A later mention of a document with another date or another issuer than its first mention."""
    reported: set[tuple[str, object]] = set()
    # Group by document identity first: comparing every pair is quadratic in a long report.
    seen_by_id: dict[object, list[CitationRef]] = {}
    for c in cites:
        doc_id = document_id(c)
        bucket = seen_by_id.setdefault(doc_id, []) if doc_id is not None else []
        # The first mentions carry the facts a later one is compared with; a document cited
        # thousands of times is compared with its first 8 mentions only (linear, not quadratic).
        # (the bucket holds this document identity's mentions only: their ids need no comparing again)
        earlier = [f for f in bucket[:8] if _same_body(f, c)]
        bucket.append(c)
        # Compare with the first mention that gives the fact: that is the line a reviewer checks against.
        first = next((f for f in earlier if f.date), None)
        if c.date and first is not None and first.date and c.date != first.date and _same_period(c, first):
            key = ("date", (document_id(c), c.date))
            if key not in reported:
                reported.add(key)
                yield Hit(
                    c.date_start or c.start,
                    c.date_end or c.end,
                    {
                        "word": c.type_word,
                        "raw": c.symbol,
                        "date": c.date_text,
                        "first_date": first.date_text,
                        "first_line": _line(ctx, first.start),
                    },
                )
        first = next((f for f in earlier if _body(f.issuer)), None)
        bc = _body(c.issuer) if first is not None else None
        bf = _body(first.issuer) if first is not None else None
        # (the registry is asked only of a mention whose issuer differs from its first one's: most
        # mentions have no earlier one, and a look-up for each was a third of this rule's time)
        if bc and bf and bc != bf:
            known = ctx.registry.find(c.symbol)
            if known is not None and known.verified:
                first = None  # TD007 judges the issuer against the registry: one finding, not two
        if first is not None and bc and bf and bc != bf:
            key = ("issuer", (document_id(c), bc))
            if key not in reported:
                reported.add(key)
                yield Hit(
                    c.issuer_start or c.start,
                    c.issuer_end or c.end,
                    {
                        "word": c.type_word,
                        "raw": c.symbol,
                        "issuer": bc,
                        "first_issuer": bf,
                        "first_line": _line(ctx, first.start),
                    },
                    variant="issuer",
                )


def _type_code_conflicts(ctx: Context, cites: list[CitationRef]) -> Iterator[Hit]:
    """Same number, issuer codes and date but another type code: one symbol was miscopied (85-QC/HU, 85-NQ/HU)."""
    reported: set[tuple[str, object]] = set()
    # Per (date, number, issuers, form): the first mention of each type code; a document cited
    # thousands of times with one code is then compared with one earlier mention, not all of them.
    by_key: dict[object, dict[str, CitationRef]] = {}
    for c in cites:
        if not c.date or not c.type_code:
            continue
        group = by_key.setdefault((c.date, c.number, tuple(c.issuer_codes), c.form), {})
        candidates = list(group.values())
        group.setdefault(c.type_code, c)
        for first in candidates:
            if (
                first.date == c.date
                and first.number == c.number
                and first.issuer_codes == c.issuer_codes
                and first.form == c.form
                and first.type_code
                and first.type_code != c.type_code
                and _known_code(ctx, first.type_code)
                and _known_code(ctx, c.type_code)
            ):
                key = ("symbol", (c.symbol, first.symbol))
                if key not in reported:
                    reported.add(key)
                    yield Hit(
                        c.symbol_start,
                        c.symbol_end,
                        {
                            "raw": c.symbol,
                            "first_raw": first.symbol,
                            "date": c.date_text,
                            "first_line": _line(ctx, first.start),
                        },
                        variant="symbol",
                    )
                break


def _same_period(a: CitationRef, b: CitationRef) -> bool:
    """Numbers restart every year (state) or every term (Party): only dates this close conflict."""
    assert a.date and b.date
    if a.form == "state" and not a.year_in_symbol:
        return a.date.year == b.date.year
    return abs((a.date - b.date).days) <= 366


# -- TD005 ----------------------------------------------------------------------------------------
_IMPLEMENTS = re.compile(
    r"^[\s,]*(?:về\s+(?:việc\s+)?)?(?:tổ\s+chức\s+)?(?:triển\s+khai|thực\s+hiện|cụ\s+thể\s+hóa)"
    r"(?:\s+(?:thực\s+hiện|thi\s+hành))?\s*$"
)


@rule(
    "TD005",
    name="citation-after-report",
    severity="warning",
    summary_vi="Văn bản được dẫn có ngày sau ngày của báo cáo (hoặc sau văn bản dẫn chiếu tới nó)",
    summary_en="A cited document is dated after the report (or after the document that implements it)",
    message_vi="{word} số {raw} ghi ngày {date}, sau {limit_vi} ({limit}); kiểm tra lại ngày ban hành",
    message_en="{word} {raw} is dated {date}, after {limit_en} ({limit}); check the date",
    variants={
        "implements": (
            "{word} số {raw} ngày {date} triển khai {target_word} số {target_raw} ngày {target_date} — văn bản "
            "triển khai không thể ban hành trước văn bản được triển khai; kiểm tra lại ngày",
            "{word} {raw} of {date} implements {target_word} {target_raw} of {target_date}, which is later; "
            "check the dates",
        ),
    },
    explanation="""
Một báo cáo chỉ dẫn được văn bản đã ban hành trước hoặc cùng ngày với nó; một văn bản triển khai (kế
hoạch thực hiện một chỉ thị) không thể ban hành trước văn bản mà nó triển khai. Khi báo cáo không có
ngày (bản dự thảo, mất phần đầu khi chuyển sang văn bản thuần), mốc so sánh là ngày cuối của tháng ghi
ở dòng ngày tháng, hoặc ngày cuối của năm báo cáo.
""",
    bad="Kế hoạch số 88/KH-UBND ngày 02/3/2015 của UBND huyện để thực hiện Chỉ thị số 16/CT-TTg ngày 16/5/2016",
    good="Kế hoạch số 88/KH-UBND ngày 02/8/2016 của UBND huyện để thực hiện Chỉ thị số 16/CT-TTg ngày 16/5/2016",
)
def check_citation_after_report(ctx: Context) -> Iterator[Hit]:
    issued = ctx.report_date
    cites = ctx.citation_facts.with_symbol
    labels = {
        "date": ("ngày ban hành báo cáo", "the report's date"),
        "month": ("tháng ban hành báo cáo", "the report's month"),
        "year": ("năm báo cáo (báo cáo không ghi ngày)", "the reporting year (the report has no date)"),
    }
    if issued is not None:
        vi, en = labels[issued.source]
        for c in cites:
            if c.date and c.date > issued.date:
                yield Hit(
                    c.date_start or c.start,
                    c.date_end or c.end,
                    {
                        "word": c.type_word,
                        "raw": c.symbol,
                        "date": c.date_text,
                        "limit": body_date(issued.date),
                        "limit_vi": vi,
                        "limit_en": en,
                    },
                    # without a date line the report may have been signed early next year (the request
                    # for an annual report often comes in January): only an info then
                    severity="info" if issued.source == "year" else None,
                )
    folded = ctx.folded
    for a, b in zip(cites, cites[1:]):
        if not (a.date and b.date) or a.date >= b.date or b.start - a.end > 40:
            continue
        if _IMPLEMENTS.match(folded[a.end : b.start]):
            yield Hit(
                a.date_start or a.start,
                a.date_end or a.end,
                {
                    "word": a.type_word,
                    "raw": a.symbol,
                    "date": a.date_text,
                    "target_word": b.type_word,
                    "target_raw": b.symbol,
                    "target_date": b.date_text,
                },
                variant="implements",
            )


# -- TD006 ----------------------------------------------------------------------------------------
@rule(
    "TD006",
    name="symbol-year-date",
    severity="warning",
    summary_vi="Năm trong số, ký hiệu khác năm của ngày ban hành",
    summary_en="The year in the symbol differs from the year of its date",
    message_vi="{word} số {raw} có năm {year} trong ký hiệu nhưng ghi ngày {date}; sửa năm hoặc ngày cho khớp",
    message_en="{word} {raw} carries the year {year} but is dated {date}; make them agree",
    explanation="""
Số, ký hiệu văn bản quy phạm pháp luật ghi năm ban hành (127/2015/QĐ-UBND, 04/2015/NĐ-CP). Năm đó phải
trùng với năm của ngày ban hành ghi kèm; nếu khác, hoặc số hiệu hoặc ngày đã bị chép sai.
""",
    bad="Quyết định số 127/2015/QĐ-UBND ngày 08/4/2016",
    good="Quyết định số 127/2015/QĐ-UBND ngày 08/4/2015",
)
def check_symbol_year(ctx: Context) -> Iterator[Hit]:
    for c in ctx.citation_facts.with_symbol:
        if c.year_in_symbol and c.date and c.date.year != c.year_in_symbol:
            yield Hit(
                c.symbol_start,
                c.date_end or c.end,
                {"word": c.type_word, "raw": c.symbol, "year": c.year_in_symbol, "date": c.date_text},
            )


# -- TD007 ----------------------------------------------------------------------------------------
# (led by its "t", the word boundary checked after it: a pattern led by \b is tried at every character)
_PROVINCE_WORD = re.compile(r"t(?<=\bt)(?:ỉnh|hành phố)\s+")
_BOUNDARY = re.compile(r"\b")
_PROVINCE_KEYS = _Answers()
_ENTRIES_BY_DATE = _Answers()


def _province_keys(registry: Registry) -> list[tuple[str, str]]:
    """(province, its folded key) of every registry entry with a province, each province once."""
    from checker.ruledata import word_key

    return [(p, word_key(p)) for p in {e.province for e in registry.entries if e.province}]


def _entries_by_date(registry: Registry) -> dict[datetime.date, list[RegistryEntry]]:
    """The registry's entries by date, in their order."""
    index: dict[datetime.date, list[RegistryEntry]] = {}
    for e in registry.entries:
        index.setdefault(e.date, []).append(e)
    return index


def _report_province(ctx: Context) -> str | None:
    """The province of the report, if one the registry knows is named in its opening."""
    from checker.ruledata import word_key

    head = word_key(ctx.text[:PROVINCE_CHARS])
    keys = _PROVINCE_KEYS.get(ctx.registry, None, lambda: _province_keys(ctx.registry))
    # where "tỉnh X" / "thành phố X" can be read: after the word and its blanks (one pass over the
    # head instead of one search per province of the registry)
    after = [m.end() for m in _PROVINCE_WORD.finditer(head)]
    found = [p for p, key in keys if any(head.startswith(key, at) and _BOUNDARY.match(head, at + len(key)) for at in after)]
    if len(found) == 1:
        return found[0]
    return None


@rule(
    "TD007",
    name="registry-mismatch",
    severity="warning",
    summary_vi="Trích dẫn khác với sổ tra cứu văn bản (ngày, cơ quan ban hành, tên loại, ký hiệu)",
    summary_en="A citation disagrees with the registry of well-known documents",
    message_vi="{word} số {raw} ghi ngày {date}, nhưng văn bản này ban hành ngày {reg_date} (theo danh mục rules/registry.toml); sửa ngày",
    message_en="{word} {raw} is dated {date}, but the document is of {reg_date} (per rules/registry.toml); fix the date",
    variants={
        "issuer": (
            "{word} số {raw} ghi là của {issuer}, nhưng văn bản này do {reg_issuer} ban hành (theo danh mục rules/registry.toml); sửa cơ quan ban hành",
            "{word} {raw} is attributed to {issuer}, but it was issued by {reg_issuer} (per rules/registry.toml); fix the issuer",
        ),
        "type": (
            '"{word} số {raw}": văn bản này là {reg_type} (theo danh mục rules/registry.toml); sửa tên loại',
            '"{word} {raw}": the document is a {reg_type} (per rules/registry.toml); fix the type',
        ),
        "symbol": (
            "{word} số {raw} ngày {date}: văn bản ban hành ngày này là {reg_symbol} của {reg_issuer} (theo danh mục rules/registry.toml); sửa ký hiệu",
            "{word} {raw} of {date}: the document of that date is {reg_symbol} of {reg_issuer} (per rules/registry.toml); fix the symbol",
        ),
    },
    explanation="""
rules/registry.toml ghi số, ký hiệu, ngày, cơ quan ban hành của các văn bản hay được dẫn, kèm nguồn của
từng mục. Trích dẫn khác với sổ (ngày khác, cơ quan ban hành sai như "Kết luận 114-KL/TW của Bộ Chính
trị" trong khi văn bản do Ban Bí thư ban hành, tên loại khác) được báo ở mức cảnh báo; với mục chưa
được xác minh (verified = false) chỉ báo ở mức thông tin. Văn bản của địa phương chỉ được so khi báo
cáo thuộc cùng tỉnh.
""",
    bad="Kết luận số 114-KL/TW ngày 14/7/2015 của Bộ Chính trị",
    good="Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư",
)
def check_registry(ctx: Context) -> Iterator[Hit]:
    from checker.ruledata import word_key

    province = _report_province(ctx)
    reg = ctx.registry
    for c in ctx.citation_facts.with_symbol:
        if _BLANK.search(c.symbol_raw):
            continue  # TD001 first: the look-up would compare a symbol the writer must fix anyway
        entry = reg.find(c.symbol, year=c.date.year if c.date else None, province=province)
        if entry is None and c.date:
            # a state number is reused every year: "104/KH-UBND ngày 01/6/2015" for the one of 01/6/2016
            other = reg.find(c.symbol, province=province)
            if other and other.date.replace(year=c.date.year) == c.date and (not other.province or province):
                entry = other
        if entry is not None and entry.province and not province:
            continue
        sev = None if entry is None or entry.verified else "info"
        if entry is None:
            yield from _registry_symbol(ctx, c, province)
            continue
        src = entry.source
        if c.date and c.date != entry.date:
            yield Hit(
                c.date_start or c.start,
                c.date_end or c.end,
                {
                    "word": c.type_word,
                    "raw": c.symbol,
                    "date": c.date_text,
                    "reg_date": body_date(entry.date),
                    "source": src,
                },
                severity=sev,
            )
        if c.issuer:
            low = word_key(c.issuer)
            right = [word_key(x) for x in [entry.issuer, *entry.issuer_aliases]]
            wrong = next((w for w in entry.wrong_issuers if low.startswith(word_key(w))), None)
            if wrong and not any(low.startswith(r) and len(r) >= len(word_key(wrong)) for r in right):
                yield Hit(
                    c.issuer_start or c.start,
                    c.issuer_end or c.end,
                    {
                        "word": c.type_word,
                        "raw": c.symbol,
                        "issuer": wrong,
                        "reg_issuer": entry.issuer,
                        "source": src,
                    },
                    severity=sev,
                    variant="issuer",
                )
        if _word_matches(c.type_word, entry.type_word) is False:
            yield Hit(
                c.start,
                c.symbol_end,
                {"word": c.type_word, "raw": c.symbol, "reg_type": entry.type_word, "source": src},
                severity=sev,
                variant="type",
            )


def _word_matches(a: str, b: str) -> bool | None:
    ka, kb = fold(" ".join(a.split())), fold(" ".join(b.split()))
    if ka in _GENERIC_WORDS:
        return None
    return ka == kb or ka.startswith(kb + " ") or kb.startswith(ka + " ")


def _registry_symbol(ctx: Context, c: CitationRef, province: str | None) -> Iterator[Hit]:
    """An unknown symbol with the number, type and date of a registry entry: the issuer code was miscopied."""
    if not c.date or not c.type_code:
        return
    by_date = _ENTRIES_BY_DATE.get(ctx.registry, None, lambda: _entries_by_date(ctx.registry))
    for e in by_date.get(c.date, ()):
        if e.date != c.date or (e.province and e.province != province):
            continue
        m = re.match(r"(\d+[a-z]?)[-/](?:\d{4}/)?([^-/]+)", e.symbol)
        if not m or m.group(1) != c.number or m.group(2) != c.type_code:
            continue
        if (e.system == "party") != (c.form == "party"):
            continue
        yield Hit(
            c.symbol_start,
            c.symbol_end,
            {
                "word": c.type_word,
                "raw": c.symbol,
                "date": c.date_text,
                "reg_symbol": e.symbol,
                "reg_issuer": e.issuer,
                "source": e.source,
            },
            severity=None if e.verified else "info",
            variant="symbol",
        )
        return


# -- TD008 ----------------------------------------------------------------------------------------
@rule(
    "TD008",
    name="citation-without-date",
    severity="info",
    summary_vi="Văn bản được dẫn mà không lần nào ghi ngày ban hành, trong khi các văn bản khác đều có ngày",
    summary_en="A cited document never gets its date although the report dates the others",
    message_vi='{word} số {raw} không lần nào được ghi ngày ban hành; ở lần dẫn đầu tiên ghi đủ "{word} số {raw} ngày …"',
    message_en='{word} {raw} is never given its date; cite it in full the first time ("… ngày …")',
    explanation="""
Nghị định 30/2020/NĐ-CP (Phụ lục I, Mục II.6) yêu cầu lần dẫn đầu tiên ghi đủ tên loại, số, ký hiệu,
thời gian ban hành, cơ quan ban hành và trích yếu; các lần sau có thể chỉ ghi tên loại và số, ký hiệu.
Khi báo cáo ghi ngày cho phần lớn văn bản được dẫn mà một văn bản không lần nào có ngày, người đọc không
tra được văn bản đó. Chỉ báo một lần cho mỗi văn bản, ở lần dẫn đầu tiên.
""",
    bad="Thực hiện Chỉ thị số 19-CT/TU; Kế hoạch số 12-KH/TU ngày 02/3/2022; Nghị quyết số 05-NQ/TU ngày 11/5/2021; "
    "Quy định số 08-QĐ/TU ngày 20/7/2021; Kết luận số 30-KL/TU ngày 04/8/2022.",
    good="Thực hiện Chỉ thị số 19-CT/TU ngày 05/4/2022; Kế hoạch số 12-KH/TU ngày 02/3/2022; Nghị quyết số 05-NQ/TU "
    "ngày 11/5/2021; Quy định số 08-QĐ/TU ngày 20/7/2021; Kết luận số 30-KL/TU ngày 04/8/2022.",
)
def check_citation_without_date(ctx: Context) -> Iterator[Hit]:
    groups: dict[tuple[str, str, tuple[str, ...]], list[CitationRef]] = {}
    body_start, body_end = ctx.body_text_range()
    for c in ctx.citation_facts.with_symbol:
        if c.start >= body_end:
            continue  # after the signer: annexes, or a web page's own notices around the document
        if fold(c.type_word) in _NAMED_BY_TITLE:
            continue  # NĐ 30/2020: a Luật or Pháp lệnh is cited by its type and name alone
        key = document_id(c)
        if key is not None and not _BLANK.search(c.symbol_raw):
            groups.setdefault(key, []).append(c)
    if len(groups) < 4:
        return
    dated = [k for k, cs in groups.items() if any(c.date or not c.date_valid for c in cs)]
    if len(dated) < 0.6 * len(groups):
        return  # a report that dates few of its citations: the missing dates are its style, not a slip
    for cs in groups.values():
        if any(c.date or not c.date_valid or c.date_text for c in cs):
            continue
        first = cs[0]
        if first.start < body_start:
            continue  # first named above the report's title: a web page's heading, not the author's text
        if _date_right_after(ctx, first) or _shares_next_date(ctx, first):
            continue
        yield Hit(first.start, first.symbol_end, {"word": first.type_word, "raw": first.symbol})


def _shares_next_date(ctx: Context, c: CitationRef) -> bool:
    """"Quyết định số 217-QĐ/TW và Quyết định số 218-QĐ/TW ngày 12/12/2013": one date for the pair."""
    later = [d for d in ctx.citations if d.start >= c.end]
    if not later:
        return False
    nxt = min(later, key=lambda d: d.start)
    between = ctx.text[c.end : nxt.start]
    return nxt.date is not None and re.fullmatch(r"\s*(?:,|và|,\s*và)\s*", between) is not None


def _date_right_after(ctx: Context, c: CitationRef) -> bool:
    """A date the pre-scan could not attach ("… số 23/KH-UBND ngày\\n\\n03/02/2023", "… 4 ngày 03/4/2018")."""
    return bool(
        re.match(
            r"[^.;:\n]{0,12}?ngày\s+\d{1,2}[/.-]\d{1,2}[/.-]\d{4}", ctx.text[c.symbol_end : c.symbol_end + 40]
        )
    )


# The rules of this module: the engine registers exactly these (checker/categories.py names the module).
RULES = [
    check_symbol_form,  # TD001
    check_party_state_form,  # TD002
    check_type_word,  # TD003
    check_inconsistent,  # TD004
    check_citation_after_report,  # TD005
    check_symbol_year,  # TD006
    check_registry,  # TD007
    check_citation_without_date,  # TD008
]
