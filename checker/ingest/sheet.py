"""Spreadsheets (.xlsx with openpyxl, .xls with xlrd, .ods through LibreOffice) as linear text.

A self-scoring sheet (criteria, caps, self scores, inspector scores, totals, bonus) comes out in the
shape the score-table reader already knows from a Word table: one line per sheet row, its cells joined
by tabs; a row with a single filled cell (a title, `UBND TỈNH …`, `Tổng cộng` written across) is a
paragraph of its own. So the same `ScoreTable` is read and every score rule runs on the sheet, and each
cell is a `Segment` whose location reads `trang tính Tự chấm, ô D12`.

Values are the ones Excel last computed and saved (openpyxl `data_only`): a formula the author never
recalculated has no value, as it shows nothing to a reviewer either. Numbers are written as a
Vietnamese reader sees them (`4,5`), dates as `dd/mm/yyyy`.
"""

from __future__ import annotations

import datetime as dt
import io
import os

from checker.limits import MAX_SHEET_CELLS, MAX_SHEET_COLUMNS
from checker.source import Segment, SourceText, normalise


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    out = ""
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def _number(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    text = repr(round(value, 6))
    whole, _, frac = text.partition(".")
    # two decimals or fewer is a score or a percentage (`4,5`, `92,3`): the Vietnamese comma; longer
    # ones are codes (`1.001`) or raw computations, kept as written
    return f"{whole},{frac}" if "e" not in text and len(frac) <= 2 else text


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return _number(float(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y") if not (value.hour or value.minute) else value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return " ".join(str(value).replace("\t", " ").split())


Rows = list[tuple[int, list[str]]]  # (1-based sheet row, cell texts from column A)


class _Budget:
    """Counts filled cells as they are read: a 1,000,000-row sheet is refused before it is in memory."""

    def __init__(self) -> None:
        self.cells = 0

    def take(self, cells: list[str]) -> list[str]:
        self.cells += sum(1 for c in cells if c)
        if self.cells > MAX_SHEET_CELLS:
            raise ValueError(f"bảng tính quá lớn: hơn {MAX_SHEET_CELLS} ô có dữ liệu")
        return cells


def _xlsx_sheets(data: bytes) -> list[tuple[str, Rows]]:
    import openpyxl

    budget = _Budget()
    out: list[tuple[str, Rows]] = []
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        for ws in workbook.worksheets:
            if getattr(ws, "sheet_state", "visible") != "visible":
                continue  # hidden sheets hold lookup lists (codes, units), not what was submitted
            rows = [
                (r, budget.take([_text(v) for v in values]))
                for r, values in enumerate(ws.iter_rows(min_row=1, max_col=MAX_SHEET_COLUMNS, values_only=True), start=1)
            ]
            out.append((ws.title, rows))
    finally:
        workbook.close()
    return out


def _xls_sheets(data: bytes) -> list[tuple[str, Rows]]:
    import xlrd

    with open(os.devnull, "w") as quiet:  # xlrd prints its diagnostics to stdout otherwise
        # files written by PHPExcel and old e-office software trip xlrd's strict stream check although
        # Excel and LibreOffice open them (4 of the 6 real .xls of ../shared/files)
        book = xlrd.open_workbook(file_contents=data, logfile=quiet, ignore_workbook_corruption=True)
    budget = _Budget()
    out: list[tuple[str, Rows]] = []
    for sheet in book.sheets():
        if getattr(sheet, "visibility", 0) != 0:
            continue
        rows: Rows = []
        for r in range(sheet.nrows):
            cells = []
            for c in range(min(sheet.ncols, MAX_SHEET_COLUMNS)):
                cell = sheet.cell(r, c)
                if cell.ctype == xlrd.XL_CELL_DATE:
                    try:
                        cells.append(_text(xlrd.xldate_as_datetime(cell.value, book.datemode)))
                    except (ValueError, OverflowError):
                        cells.append(_text(cell.value))
                elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                    cells.append("")
                elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                    cells.append(_text(bool(cell.value)))
                else:
                    cells.append(_text(cell.value))
            rows.append((r + 1, budget.take(cells)))
        out.append((sheet.name, rows))
    return out


def read_sheet(data: bytes, name: str, fmt: str) -> SourceText:
    """A workbook → text, one Segment per cell (`trang tính <name>, ô D12`) or title row."""
    if fmt == "ods":
        from checker.ingest import office

        data, fmt = office.convert(data, "ods", "xlsx"), "xlsx"
    kind = "xlsx" if data.startswith(b"PK\x03\x04") else "xls" if data.startswith(b"\xd0\xcf\x11\xe0") else None
    if kind is None:
        raise ValueError(f"không phải bảng tính .{fmt} hợp lệ (nội dung không phải Excel)")
    if kind == "xlsx":
        from checker.ingest.bundle import check_zip

        check_zip(data, f".{fmt}")
    try:
        sheets = _xlsx_sheets(data) if kind == "xlsx" else _xls_sheets(data)
        return _linearise(sheets, name, fmt)
    except ValueError:
        raise
    except Exception as exc:  # openpyxl and xlrd raise many kinds on a broken file
        if "encrypt" in str(exc).lower() or "password" in str(exc).lower():
            raise ValueError(f"bảng tính .{fmt} có mật khẩu; hãy gửi bản không mật khẩu") from exc
        raise ValueError(f"bảng tính .{fmt} hỏng, không đọc được ({type(exc).__name__})") from exc


def _linearise(sheets: list[tuple[str, Rows]], name: str, fmt: str) -> SourceText:
    pieces: list[str] = []
    segments: list[Segment] = []
    pos = 0
    line = 0

    def emit(text: str, location: str, sep: str) -> None:
        nonlocal pos
        segments.append(Segment(pos, pos + len(text), max(1, line), location))
        pieces.append(text + sep)
        pos += len(text) + len(sep)

    for title, rows in sheets:
        filled = [(r, cells) for r, cells in rows if any(cells)]
        if not filled:
            continue
        # columns empty on the whole sheet carry nothing (a margin column A, spacer columns)
        width = max(len(cells) for _, cells in filled)
        used = [c for c in range(width) if any(c < len(cells) and cells[c] for _, cells in filled)]
        previous_row = None
        shaped = [(r, [(c, cells[c] if c < len(cells) else "") for c in used]) for r, cells in filled]
        for k, (r, kept) in enumerate(shaped):
            texts = [t for _, t in kept if t]
            if previous_row is not None and previous_row != r - 1 and pieces and not pieces[-1].endswith("\n\n"):
                pieces.append("\n")  # an empty sheet row ends a table
                pos += 1
            in_table = previous_row == r - 1 and pieces and not pieces[-1].endswith("\n\n")
            nxt = shaped[k + 1] if k + 1 < len(shaped) else None
            continues = nxt is not None and nxt[0] == r + 1 and sum(1 for _, t in nxt[1] if t) > 1
            previous_row = r
            line += 1
            # a group row inside a table (`A. PHẦN TỰ CHẤM` between scored rows) stays a row of it
            if len(texts) == 1 and not (in_table and continues):
                # a title or a note across the sheet: a paragraph of its own, as in a Word export
                c = next(c for c, t in kept if t)
                if pieces and not pieces[-1].endswith("\n\n"):
                    pieces.append("\n")
                    pos += 1
                emit(texts[0], f"trang tính {title}, ô {column_letter(c + 1)}{r}", "\n\n")
                previous_row = None
                continue
            while kept and not kept[-1][1]:
                kept.pop()
            for k, (c, text) in enumerate(kept):
                emit(text, f"trang tính {title}, ô {column_letter(c + 1)}{r}", "\t" if k < len(kept) - 1 else "\n")
        if pieces and not pieces[-1].endswith("\n\n"):
            pieces.append("\n")
            pos += 1
    raw = "".join(pieces)
    if not raw.strip():
        raise ValueError(f"bảng tính .{fmt} không có ô nào có chữ hoặc số")
    text, index = normalise(raw, markdown=False)
    from checker.ingest.docx import move_segments  # same remapping as for .docx blocks

    move_segments(segments, index, len(raw))
    return SourceText(text=text, path=name, format=fmt, encoding=fmt, segments=segments)
