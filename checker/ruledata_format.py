"""Thể thức requirements as data: `rules/the-thuc/*.toml`, validated with pydantic.

One file per system of rules (state: Nghị định 30/2020 Phụ lục I; Party: Hướng dẫn 36-HD/VPTW). Each
figure carries the place in the text it comes from (`source`) and whether it was read in the text itself
(`verified`); a figure that was not is reported at info only. A province or a Party office adjusts a
figure by editing the TOML. Loading follows `checker/ruledata.py`: one-line `RuleDataError` naming the
file and the field, results kept in the private cache keyed by every file's bytes and this module's code.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from decimal import Decimal
from importlib.abc import Traversable
from pathlib import Path
from typing import Literal

import pydantic
from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from checker import ruledata
from checker.cache import cached
from checker.ruledata import RuleDataError, System, _extra_dir, _read_toml, _toml_files
from checker.ruledata_schema import validate_model

# The parts of a document a formatting requirement can name, with how findings call them.
PART_NAMES: dict[str, tuple[str, str]] = {
    "quoc_hieu": ("Quốc hiệu", "national title"),
    "tieu_ngu": ("Tiêu ngữ", "motto"),
    "dang_csvn": ("tiêu đề Đảng Cộng sản Việt Nam", "Party heading"),
    "co_quan_chu_quan": ("tên cơ quan chủ quản", "parent body"),
    "co_quan_ban_hanh": ("tên cơ quan ban hành", "issuing body"),
    "so_ky_hieu": ("số, ký hiệu", "number and symbol"),
    "dia_danh_ngay": ("địa danh, ngày tháng", "place and date"),
    "ten_loai": ("tên loại văn bản", "document type"),
    "trich_yeu": ("trích yếu", "subject line"),
    "quyen_han": ("quyền hạn người ký", "signing authority"),
    "chuc_vu": ("chức vụ người ký", "signer's title"),
    "ho_ten": ("họ tên người ký", "signer's name"),
    "noi_nhan": ("Nơi nhận", "recipients heading"),
    "noi_nhan_muc": ("danh sách Nơi nhận", "recipients list"),
    "noi_dung": ("nội dung", "body text"),
}
PartId = Literal[
    "quoc_hieu", "tieu_ngu", "dang_csvn", "co_quan_chu_quan", "co_quan_ban_hanh", "so_ky_hieu",
    "dia_danh_ngay", "ten_loai", "trich_yeu", "quyen_han", "chuc_vu", "ho_ten", "noi_nhan", "noi_nhan_muc",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _range(value: Sequence[Decimal | int | float], what: str) -> tuple[float, float]:
    if len(value) != 2:
        raise ValueError(f"{what} must be [min, max]")
    low, high = float(value[0]), float(value[1])
    if low <= 0 or high < low:
        raise ValueError(f"{what} must be [min, max] with 0 < min <= max, got [{value[0]}, {value[1]}]")
    return (low, high)


class Sourced(_Model):
    source: str
    verified: bool

    @field_validator("source")
    @classmethod
    def _source_named(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must name the article, appendix or item the figure comes from")
        return value


class Paper(Sourced):
    name: str
    width_mm: Decimal
    height_mm: Decimal
    tolerance_mm: Decimal = Decimal(1)
    landscape: Literal["never", "tables", "always"] = "tables"


class Margins(Sourced):
    top: tuple[float, float]
    bottom: tuple[float, float]
    left: tuple[float, float]
    right: tuple[float, float]
    tolerance_mm: float = 0.5

    @field_validator("top", "bottom", "left", "right", mode="before")
    @classmethod
    def _pair(cls, value: Sequence[Decimal | int | float]) -> tuple[float, float]:
        return _range(value, "a margin")


class Font(Sourced):
    family: str
    family_verified: bool = True  # the family itself may be a sample's, not a written rule
    colour: str = ""  # hex RGB the text must be in ("000000"); empty = not checked


class PageNumber(Sourced):
    size: tuple[float, float]
    where: Literal["header", "footer"] = "header"
    align: Literal["center", "right", "left"] = "center"
    first_page: bool = False

    @field_validator("size", mode="before")
    @classmethod
    def _pair(cls, value: Sequence[Decimal | int | float]) -> tuple[float, float]:
        return _range(value, "size")


class Body(Sourced):
    size: tuple[float, float]
    italic: bool | None = None
    align: Literal["justify", "left", "center"] | None = "justify"
    first_line_cm: tuple[float, float] | None = None
    paragraph_gap_pt: float | None = None
    line_spacing_lines: tuple[float, float] | None = None  # multiples of single spacing
    line_min_pt: float | None = None  # "at least N pt" (Party: 18 pt exactly)

    @field_validator("size", "first_line_cm", "line_spacing_lines", mode="before")
    @classmethod
    def _pair(cls, value: Sequence[Decimal | int | float] | None) -> tuple[float, float] | None:
        return None if value is None else _range(value, "this field")


class Part(Sourced):
    id: PartId
    size: tuple[float, float] | None = None
    caps: bool | None = None
    bold: bool | None = None
    italic: bool | None = None
    underline: bool | None = None

    @field_validator("size", mode="before")
    @classmethod
    def _pair(cls, value: Sequence[Decimal | int | float] | None) -> tuple[float, float] | None:
        return None if value is None else _range(value, "size")

    @property
    def name_vi(self) -> str:
        return PART_NAMES[self.id][0]

    @property
    def name_en(self) -> str:
        return PART_NAMES[self.id][1]


class FormatRules(_Model):
    """One system's formatting requirements (a file of rules/the-thuc/)."""

    id: str
    system: System
    title: str
    cite: str  # how a message names the text: "Nghị định 30/2020, Phụ lục I"
    cite_en: str
    paper: Paper
    margins: Margins
    font: Font
    page_number: PageNumber
    body: Body
    part: list[Part]

    @model_validator(mode="after")
    def _unique_parts(self) -> FormatRules:
        seen: set[str] = set()
        for k, p in enumerate(self.part):
            if p.id in seen:
                from checker.ruledata import _FieldError

                raise _FieldError(["part", k, "id"], f"part {p.id!r} is listed twice")
            seen.add(p.id)
        return self

    def part_named(self, part_id: str) -> Part | None:
        return next((p for p in self.part if p.id == part_id), None)


def _own_code() -> bytes:
    try:
        return Path(__file__).read_bytes()
    except OSError:
        return b""


def _load_file(source: Traversable | Path, display: str) -> FormatRules:
    stem = source.name[: -len(".toml")]
    data = _read_toml(source, display)
    rules: FormatRules = validate_model(FormatRules, data, display)
    if rules.id != stem:
        raise RuleDataError(display, "id", f"is {rules.id!r} but must equal the file name {stem!r}")
    return rules


def _load_dir(folder: Traversable | Path, shipped: bool) -> dict[str, FormatRules]:
    out: dict[str, FormatRules] = {}
    for f in _toml_files(folder):
        display = f"rules/the-thuc/{f.name}" if shipped else str(f)
        rules = _load_file(f, display)
        out[rules.id] = rules
    return out


def _by_system(found: dict[str, FormatRules]) -> dict[str, FormatRules]:
    by_system: dict[str, FormatRules] = {}
    for rules in found.values():  # sorted by file name: a later file for the same system wins
        by_system[rules.system] = rules
    return by_system


@functools.lru_cache(maxsize=1)
def _shipped() -> dict[str, FormatRules]:
    folder = ruledata._shipped_root().joinpath("the-thuc")  # looked up on the module: tests point it at a copy
    files = _toml_files(folder)
    # its entries are pydantic objects: read back only by the pydantic that pickled them
    inputs = [_own_code(), f"pydantic {pydantic.VERSION}".encode()]
    for f in files:
        inputs.append(f.name.encode())
        try:
            inputs.append(f.read_bytes())
        except OSError:
            inputs.append(b"")
    return cached("the-thuc", inputs, lambda: _load_dir(folder, shipped=True))


def load_format_rules(folder: Path | None = None) -> dict[str, FormatRules]:
    """Requirements by system ("state", "party"): the shipped files, or those of `folder` instead."""
    if folder is None:
        return _by_system(_shipped())
    return _by_system(_load_dir(_extra_dir(folder), shipped=False))


__all__ = ["PART_NAMES", "Body", "FormatRules", "Part", "load_format_rules"]
