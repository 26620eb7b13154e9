"""Build the `Document` model from a `SourceText`: header, paragraphs, sections, tables, footnotes,
recipients and signer. Pure functions over offsets; nothing here knows about rules.
"""

from __future__ import annotations

import re

from checker.model import (
    DateLine,
    DocNumber,
    Document,
    Footnote,
    FootnoteMarker,
    Header,
    Kind,
    Paragraph,
    Recipients,
    ReportingYear,
    Section,
    Signer,
    Span,
    Table,
    TableCell,
    TableRow,
)
from checker.ruledata import from_rule_data, load_lexicon, phrase_pattern
from checker.scoretable import find_score_table
from checker.source import SourceText
from checker.thresholds import HEADER_LINES, REQUEST_CHARS

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_INT = {c: i for i, c in enumerate(SUPERSCRIPT_DIGITS)}

_NATIONAL = re.compile(r"CỘNG\s+H[OÒ][ÀA]\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM", re.I)
_PARTY = re.compile(r"ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM")
_MOTTO = re.compile(r"Độc\s+lập\s*-\s*Tự\s+do\s*-\s*Hạnh\s+phúc", re.I)
_SO_LINE = re.compile(
    r"^\s*Số\s*:?[ \t]*(?P<num>\d+[a-z]?)?[ \t]*(?P<sep>[/-])?[ \t]*(?P<sym>[A-ZĐa-zđ][\w&./ -]*?)?[ \t]*$"
)
_DATE_LINE = re.compile(
    r"^\s*(?P<place>[^,\n\d]{2,60}),\s*ngày[ \t]*(?P<d>\d{1,2})?[ \t]*(?:tháng|/)[ \t]*(?P<m>\d{1,2})?[ \t]*"
    r"(?:năm|/)[ \t]*(?P<y>\d{4})?\s*$",
    re.I,
)
_DOC_TYPE = re.compile(r"^\s*(BÁO\s+CÁO|TỜ\s+TRÌNH|KẾ\s+HOẠCH|QUYẾT\s+ĐỊNH|THÔNG\s+BÁO|CÔNG\s+VĂN)\s*$")

_PART_WORDS = {"nhất": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9}
_HEAD_PART = re.compile(r"^(?P<tok>(?:Phần|PHẦN)\s+(?:thứ|THỨ)\s+(?P<w>\w+)|(?:Phần|PHẦN)\s+(?P<r>[IVX]+))\b")
_HEAD_ROMAN = re.compile(r"^(?P<tok>(?P<num>[IVXL]{1,6})[ \t]*(?P<sep>[.\-:]))[ \t]+(?=\S)")
_HEAD_ARABIC = re.compile(r"^(?P<tok>(?P<num>\d{1,2}(?:\.\d{1,2}){0,3})(?P<sep>\.|\)|(?<=\d)(?=[ \t])))[ \t]+(?=\S)")
_HEAD_LETTER = re.compile(r"^(?P<tok>(?P<num>[a-zđ])\))[ \t]+(?=\S)")
_HEAD_CRITERION = re.compile(r"^(?P<tok>Tiêu\s+chí\s+(?P<num>\d{1,2}))\b", re.I)
_CRITERION_IN = re.compile(r"\bTiêu\s+chí\s+(\d{1,2})\b", re.I)
_ITEM_IN = re.compile(r"\bNội\s+dung\s+(\d{1,2})\b", re.I)
_LETTERS = "abcdđeghiklmnopqrstuvxy"

_FOOTNOTE_LINE = re.compile(r"^(?P<mark>[⁰¹²³⁴⁵⁶⁷⁸⁹]+|⁽[⁰¹²³⁴⁵⁶⁷⁸⁹]+⁾)[ \t]*(?=\S)")
# "⁽¹²⁾" or "¹²" after no blank, superscript or "⁽". Written to start with a character class (the
# lookbehind after it), so `re` skips to superscripts in C instead of trying every character.
_MARKER = re.compile(r"[⁽⁰¹²³⁴⁵⁶⁷⁸⁹](?<![\s⁰¹²³⁴⁵⁶⁷⁸⁹⁽].)(?:(?<=⁽)[⁰¹²³⁴⁵⁶⁷⁸⁹]+⁾|(?<!⁽)[⁰¹²³⁴⁵⁶⁷⁸⁹]*)")
_UNIT_BEFORE = re.compile(r"(?:^|[\d\s.,])(?:[kcd]?m|ha)$")  # km², m³: a unit, not a footnote marker

_RECIPIENTS = re.compile(r"^\s*Nơi\s+nhận\s*:?", re.I)
_ARCHIVE = re.compile(r"\bLưu\b", re.I)
# Authority marks and titles of the signature block: rules/lexicon/signer-titles.toml.
@from_rule_data
def _signer_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(authority + rest of the line, a whole line that is a signer's title)."""
    words = load_lexicon().signer_titles
    auth = "|".join(re.escape(a) for a in words.authorities)
    authority = re.compile(rf"^\s*(?P<auth>{auth})\s*(?P<rest>.*)$")
    title = re.compile(rf"^\s*(?:{auth})?\s*(?:PHÓ\s+)?(?:{phrase_pattern(words.titles)})\b[^a-zà-ỹ]*$")
    return authority, title
_YEAR_IN_TITLE = re.compile(r"(?<!tháng )(?<!/)\bnăm[ \t]+((?:19|20)\d{2})\b(?![/-]\d)", re.I)


# A footnote number has a few digits; a longer run of superscripts is not a footnote mark (and int()
# refuses strings of more than 4,300 digits: 4,301 superscripts used to be an internal error).
MAX_FOOTNOTE_DIGITS = 6


def sup_to_int(mark: str) -> int:
    digits = "".join(str(_SUP_TO_INT[c]) for c in mark if c in _SUP_TO_INT)
    return int(digits) if digits else 0


def _is_footnote_mark(mark: str) -> bool:
    return sum(c in _SUP_TO_INT for c in mark) <= MAX_FOOTNOTE_DIGITS


def build_document(src: SourceText, year_override: int | None = None) -> Document:
    text = src.text
    lines = _lines(text)
    tables, table_lines = _tables(lines)
    paragraphs = _paragraphs(lines, table_lines)
    header = _header(lines, paragraphs)
    recipients, signer, body_end = _closing(lines, text)
    footnotes = _footnotes(paragraphs)
    markers = _markers(text, {f.start for f in footnotes})
    sections = _sections(paragraphs, {f.start for f in footnotes}, len(text))
    score_table = find_score_table(src, tables)
    kind, kind_source = _kind(header, signer, text)
    doc = Document(
        kind=kind,
        kind_source=kind_source,
        header=header,
        paragraphs=paragraphs,
        sections=sections,
        tables=tables,
        score_table=score_table,
        footnotes=footnotes,
        footnote_markers=markers,
        recipients=recipients,
        signer=signer,
        body_end=body_end,
    )
    doc.reporting_year = _reporting_year(doc, paragraphs, year_override)
    return doc


# -- lines, tables, paragraphs ------------------------------------------------------------------
def _lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of every line of the normalised text."""
    out = []
    pos = 0
    for raw in text.split("\n"):
        out.append((pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


def _is_pipe_row(line: str) -> bool:
    s = line.strip()
    return s.startswith("|") and s.count("|") >= 3


def _tables(lines: list[tuple[int, int, str]]) -> tuple[list[Table], set[int]]:
    """Tab-separated rows (Word/PDF export) and Markdown pipe tables; blank lines inside are allowed."""
    tables: list[Table] = []
    used: set[int] = set()
    i = 0
    n = len(lines)
    while i < n:
        start, end, line = lines[i]
        pipe = _is_pipe_row(line)
        if "\t" not in line and not pipe:
            i += 1
            continue
        rows: list[TableRow] = []
        j = i
        last_row_index = i
        while j < n:
            s, e, ln = lines[j]
            if not ln.strip():
                j += 1
                continue
            if (pipe and _is_pipe_row(ln)) or (not pipe and "\t" in ln):
                if pipe and re.fullmatch(r"\s*\|?[\s:|-]+\|?\s*", ln):
                    used.add(j)
                    last_row_index = j
                    j += 1
                    continue
                rows.append(_row(s, ln, j, pipe))
                used.add(j)
                last_row_index = j
                j += 1
                continue
            break
        if rows:
            tables.append(Table(rows=rows, start=rows[0].start, end=rows[-1].end, source="pipe" if pipe else "tab"))
        i = last_row_index + 1
    return tables, used


def _row(line_start: int, line: str, index: int, pipe: bool) -> TableRow:
    cells: list[TableCell] = []
    if pipe:
        body_start = line.index("|") + 1
        body_end = line.rindex("|")
        content = line[body_start:body_end]
        base = line_start + body_start
        sep = "|"
    else:
        content, base, sep = line, line_start, "\t"
    pos = 0
    for piece in content.split(sep):
        lead = len(piece) - len(piece.lstrip())
        stripped = piece.strip()
        cells.append(TableCell(text=stripped, start=base + pos + lead, end=base + pos + lead + len(stripped)))
        pos += len(piece) + 1
    return TableRow(cells=cells, start=line_start, end=line_start + len(line), line=index)


def _paragraphs(lines: list[tuple[int, int, str]], table_lines: set[int]) -> list[Paragraph]:
    """Non-blank lines; a line that continues a sentence broken by a page break joins the previous one."""
    paras: list[Paragraph] = []
    for idx, (start, end, line) in enumerate(lines):
        if idx in table_lines or not line.strip():
            continue
        stripped = line.strip()
        first = stripped[0]
        if paras and not paras[-1].in_table and first.islower() and not _HEAD_LETTER.match(stripped):
            prev = paras[-1]
            if prev.text.rstrip()[-1:] not in ".:;!?" and idx - prev.line <= 6:
                # rejoin: keep offsets; the paragraph text is the span of the original text
                prev.end = end
                prev.text = prev.text + " " + stripped
                continue
        lead = len(line) - len(line.lstrip())
        paras.append(Paragraph(start=start + lead, end=end, line=idx, text=stripped))
    return paras


# -- header ---------------------------------------------------------------------------------------
def _header(lines: list[tuple[int, int, str]], paragraphs: list[Paragraph]) -> Header:
    header = Header()
    limit = min(len(lines), HEADER_LINES)
    issuer_lines: list[tuple[int, int, str]] = []
    type_index: int | None = None
    for idx in range(limit):
        start, end, line = lines[idx]
        s = line.strip()
        if not s:
            continue
        if _NATIONAL.search(s):
            header.national_motto = True
            continue
        if _PARTY.search(s):
            header.party_motto = True
            continue
        if _MOTTO.search(s) or s in ("*", "---", "___"):
            continue
        if header.number is None and s.startswith("Số"):
            m = _SO_LINE.match(line)
            if m:
                num = m.group("num")
                sym = (m.group("sym") or "").strip() or None
                header.number = DocNumber(
                    raw=s, number=num, symbol=sym, blank=num is None, start=start + line.index("Số"), end=end
                )
                continue
        if header.date_line is None:
            m = _DATE_LINE.match(line)
            if m:
                header.date_line = _date_line(m, start, end)
                continue
        if _DOC_TYPE.match(s):
            header.doc_type = re.sub(r"\s+", " ", s)
            lead = len(line) - len(line.lstrip())
            header.doc_type_span = Span(start=start + lead, end=end)
            type_index = idx
            break
        if s.isupper() and len(s) < 80 and header.number is None and header.date_line is None:
            issuer_lines.append((start, end, s))
    if issuer_lines:
        header.issuer = " ".join(s for _, _, s in issuer_lines)
        header.issuer_span = Span(start=issuer_lines[0][0], end=issuer_lines[-1][1])
    if type_index is not None:
        after = [p for p in paragraphs if p.line > type_index]
        if after:
            header.summary = after[0].text
            header.summary_span = Span(start=after[0].start, end=after[0].end)
    return header


def _date_line(m: re.Match[str], start: int, end: int) -> DateLine:
    import datetime as dt

    d, mth, y = m.group("d"), m.group("m"), m.group("y")
    date = None
    if d and mth and y:
        try:
            date = dt.date(int(y), int(mth), int(d))
        except ValueError:
            date = None
    return DateLine(
        raw=m.group().strip(),
        place=m.group("place").strip(),
        day=int(d) if d else None,
        month=int(mth) if mth else None,
        year=int(y) if y else None,
        day_text=d,
        month_text=mth,
        blank=not (d and mth and y),
        date=date,
        start=start + (len(m.group()) - len(m.group().lstrip())),
        end=end,
    )


# -- closing: recipients and signer ---------------------------------------------------------------
def _closing(lines: list[tuple[int, int, str]], text: str) -> tuple[Recipients | None, Signer | None, int]:
    """`Nơi nhận` list and the signer block around it (they sit side by side in Word)."""
    rec_idx = None
    for idx in range(len(lines) - 1, -1, -1):
        if _RECIPIENTS.match(lines[idx][2]):
            rec_idx = idx
            break
    recipients = None
    body_end = len(text)
    search_from = max(0, len(lines) - 60)
    if rec_idx is not None:
        body_end = lines[rec_idx][0]
        items: list[str] = []
        j = rec_idx + 1
        last = rec_idx
        while j < len(lines):
            s = lines[j][2].strip()
            if not s:
                j += 1
                continue
            if s.startswith(("-", "+", "•")) or _ARCHIVE.match(s):
                items.append(s.lstrip("-+• ").strip())
                last = j
                j += 1
                continue
            break
        # the recipients title line may carry the first item ("Nơi nhận: - Sở Nội vụ;")
        first = lines[rec_idx][2]
        tail = _RECIPIENTS.sub("", first).strip(" -")
        if tail:
            items.insert(0, tail)
        recipients = Recipients(
            items=items,
            has_archive=any(_ARCHIVE.match(i) for i in items),
            start=lines[rec_idx][0],
            end=lines[last][1],
        )
        search_from = rec_idx
    signer = _signer(lines, search_from)
    if signer and rec_idx is None:
        body_end = min(body_end, signer.start)
    return recipients, signer, body_end


def _signer(lines: list[tuple[int, int, str]], search_from: int) -> Signer | None:
    authority_line, title_line = _signer_patterns()
    for idx in range(search_from, len(lines)):
        s = lines[idx][2].strip()
        if not s or not title_line.match(s):
            continue
        auth_m = authority_line.match(s)
        authority = auth_m.group("auth") if auth_m else None
        titles = [s]
        name = None
        end = lines[idx][1]
        j = idx + 1
        while j < len(lines) and j <= idx + 12:
            t = lines[j][2].strip()
            if not t:
                j += 1
                continue
            if title_line.match(t) or (t.isupper() and len(t) < 60 and name is None and len(titles) < 3):
                titles.append(t)
                end = lines[j][1]
            elif _looks_like_name(t):
                name = t
                end = lines[j][1]
                break
            else:
                break
            j += 1
        # a second signer block in an annex (scoring table) is not the report's signer
        return Signer(authority=authority, title_lines=titles, name=name, start=lines[idx][0], end=end)
    return None


def _looks_like_name(s: str) -> bool:
    words = s.split()
    return 2 <= len(words) <= 6 and all(w[:1].isupper() and not w.isupper() for w in words) and len(s) < 50


# -- footnotes ------------------------------------------------------------------------------------
def _footnotes(paragraphs: list[Paragraph]) -> list[Footnote]:
    notes = []
    for p in paragraphs:
        m = _FOOTNOTE_LINE.match(p.text)
        if m and _is_footnote_mark(m.group("mark")):
            notes.append(Footnote(number=sup_to_int(m.group("mark")), text=p.text[m.end():], start=p.start, end=p.end))
    return notes


def _markers(text: str, footnote_starts: set[int]) -> list[FootnoteMarker]:
    out = []
    for m in _MARKER.finditer(text):
        if m.start() in footnote_starts or (m.start() == 0 or text[m.start() - 1] == "\n"):
            continue
        if _UNIT_BEFORE.search(text[max(0, m.start() - 5) : m.start()]) or not _is_footnote_mark(m.group()):
            continue
        out.append(FootnoteMarker(number=sup_to_int(m.group()), start=m.start(), end=m.end()))
    return out


# -- sections -------------------------------------------------------------------------------------
_RANK = {"part": 0, "roman": 1, "criterion": 2, "arabic": 2, "arabic2": 3, "arabic3": 4, "arabic4": 5, "letter": 6}


def _roman(s: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50}
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = values[a]
        total += -v if b != " " and values.get(b, 0) > v else v
    return total


def classify_heading(text: str) -> tuple[str, str, list[int], str, int] | None:
    """(token, style, numbers, separator, end of token) for a numbered paragraph, else None."""
    m = _HEAD_PART.match(text)
    if m:
        if m.group("w"):
            value = _PART_WORDS.get(m.group("w").lower())
            if value is None:
                return None
        else:
            value = _roman(m.group("r"))
        return m.group("tok"), "part", [value], "", m.end()
    m = _HEAD_ROMAN.match(text)
    if m and re.fullmatch(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})", m.group("num")):
        return m.group("tok"), "roman", [_roman(m.group("num"))], m.group("sep"), m.end("tok")
    m = _HEAD_ARABIC.match(text)
    if m:
        nums = [int(x) for x in m.group("num").split(".")]
        style = "arabic" if len(nums) == 1 else f"arabic{len(nums)}"
        if len(nums) == 1 and m.group("sep") not in (".", ")"):
            return None
        return m.group("tok"), style, nums, m.group("sep"), m.end("tok")
    m = _HEAD_LETTER.match(text)
    if m:
        letter = m.group("num")
        return m.group("tok"), "letter", [_LETTERS.index(letter) + 1], ")", m.end("tok")
    m = _HEAD_CRITERION.match(text)
    if m:
        return m.group("tok"), "criterion", [int(m.group("num"))], "", m.end("tok")
    return None


def _sections(paragraphs: list[Paragraph], footnote_starts: set[int], text_len: int) -> list[Section]:
    roots: list[Section] = []
    stack: list[Section] = []
    flat: list[Section] = []
    for i, p in enumerate(paragraphs):
        if p.start in footnote_starts:
            continue
        found = classify_heading(p.text)
        if not found:
            continue
        token, style, numbers, sep, tok_end = found
        title = p.text[tok_end:].strip(" :.-")[:200]
        if not title and style == "part" and i + 1 < len(paragraphs) and paragraphs[i + 1].text.isupper():
            title = paragraphs[i + 1].text[:200]  # "Phần thứ nhất" with its title on the next line
        head = p.text[:80]
        crit = _CRITERION_IN.search(head)
        item = _ITEM_IN.search(head)
        node = Section(
            token=token,
            style=style,
            level=1,
            numbers=numbers,
            separator=sep,
            title=title,
            start=p.start,
            end=p.end,
            criterion=int(crit.group(1)) if crit else None,
            item=int(item.group(1)) if item else None,
        )
        rank = _RANK[style]
        while stack and _RANK[stack[-1].style] >= rank:
            stack.pop()
        node.level = len(stack) + 1
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
        flat.append(node)
    # body_end: the next heading of the same or a higher rank
    for i, node in enumerate(flat):
        node.body_end = text_len
        for later in flat[i + 1 :]:
            if _RANK[later.style] <= _RANK[node.style]:
                node.body_end = later.start
                break
    return roots


# -- kind and reporting year ----------------------------------------------------------------------
_PARTY_SYMBOL = re.compile(r"\d+[a-z]?\s*-\s*[A-ZĐ][\w]*\s*/\s*[A-ZĐ]")
_STATE_SYMBOL = re.compile(r"\d*\s*/\s*[A-ZĐ][\w]*\s*-\s*[A-ZĐ]")


def _kind(header: Header, signer: Signer | None, text: str) -> tuple[Kind, str]:
    if header.party_motto:
        return "party", "ĐẢNG CỘNG SẢN VIỆT NAM"
    if header.national_motto:
        return "state", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    if header.number and header.number.raw:
        raw = header.number.raw
        if _PARTY_SYMBOL.search(raw):
            return "party", f"ký hiệu {raw}"
        if _STATE_SYMBOL.search(raw) or ("/" in raw and "-" in raw.split("/", 1)[-1]):
            return "state", f"ký hiệu {raw}"
    if header.issuer and re.search(r"\b(?:TỈNH|HUYỆN|THÀNH|ĐẢNG)\s+ỦY\b|\bĐẢNG\s+BỘ\b|\bCHI\s+BỘ\b", header.issuer):
        return "party", f"cơ quan ban hành {header.issuer}"
    if header.issuer and re.search(r"\bUBND\b|ỦY\s+BAN\s+NHÂN\s+DÂN|\bSỞ\b|\bBAN\s+DÂN\s+TỘC\b", header.issuer):
        return "state", f"cơ quan ban hành {header.issuer}"
    if signer and signer.authority in ("T/M", "K/T", "T/L"):
        return "party", f"thẩm quyền ký {signer.authority}"
    if signer and signer.authority in ("TM.", "KT.", "TL.", "TUQ.", "Q."):
        return "state", f"thẩm quyền ký {signer.authority}"
    # The request the report answers: a state body's letter (Sở Nội vụ) means a state report.
    head = text[:REQUEST_CHARS]
    if re.search(r"Công\s+văn\s+số\s+\d+\s*/\s*SNV", head) or re.search(r"\bUBND\s+(?:huyện|tỉnh|thành phố)\b[^.\n]{0,80}báo\s+cáo", head):
        return "state", "văn bản yêu cầu báo cáo của cơ quan nhà nước"
    return "unknown", ""


def _reporting_year(doc: Document, paragraphs: list[Paragraph], override: int | None) -> ReportingYear:
    candidates: dict[str, int] = {}
    evidence: dict[str, str] = {}
    if doc.header.summary:
        m = _last_year(doc.header.summary)
        if m:
            candidates["title"] = m
            evidence["title"] = doc.header.summary[:160]
    # The request the report answers, in the opening paragraph ("... báo cáo kết quả ... năm 2023").
    opening = [p for p in paragraphs if doc.header.summary_span is None or p.start > doc.header.summary_span.end][:2]
    for p in opening:
        if re.search(r"Công\s+văn|Kế\s+hoạch|Hướng\s+dẫn|đề\s+nghị", p.text):
            m = _last_year(p.text.split(";")[0])
            if m:
                candidates["request"] = m
                evidence["request"] = p.text[:160]
                break
    if doc.score_table and doc.score_table.year:
        candidates["score table"] = doc.score_table.year
    if doc.header.date_line and doc.header.date_line.year:
        candidates["date line"] = doc.header.date_line.year
        evidence["date line"] = doc.header.date_line.raw
    if override:
        return ReportingYear(year=override, source="--year", candidates=candidates)
    for key in ("title", "request", "score table", "date line"):
        if key in candidates:
            return ReportingYear(year=candidates[key], source=key, evidence=evidence.get(key, ""), candidates=candidates)
    return ReportingYear(year=None, source="none", candidates=candidates)


def _last_year(text: str) -> int | None:
    """The year named as `năm YYYY` (or a trailing bare year) in a title, not a citation's date."""
    found = _YEAR_IN_TITLE.findall(text)
    if found:
        return int(found[-1])
    m = re.search(r"\b((?:19|20)\d{2})\W*$", text.strip())
    if m and not re.search(r"[/-]\s*" + m.group(1) + r"\W*$", text.strip()):
        return int(m.group(1))
    return None
