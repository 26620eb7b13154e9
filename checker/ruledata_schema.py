"""The pydantic models that validate the rule pack (`rules/*.toml`), one for each plain class of
`checker/ruledata.py` and with the same name and fields.

Only validation imports this module: a file read for the first time, or changed, an extra folder of
frameworks or templates, `baocao-lint rules`. Each validated model is turned into the plain class the
rules read (`to_plain`), so that the cache holds plain objects and a check that reads its rule data
from the cache never imports pydantic. A field added here needs the same field in checker/ruledata.py
(tests/test_ruledata.py compares the two).
"""

from __future__ import annotations

import datetime  # noqa: F401 - resolved by pydantic in the annotations
from decimal import Decimal
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    model_validator,
)

from checker import ruledata as plain
from checker.ruledata import (
    DEFAULT_CRITERION_PATTERN,
    HeaderField,  # noqa: F401 - resolved by pydantic in the annotations
    RuleDataError,
    System,  # noqa: F401 - resolved by pydantic in the annotations
    _check_regex,
    _FieldError,
    _nfc,
    _pair,
    _words,
    compile_pattern,
)
from checker.symbols import symbol_key, well_formed_system

M = TypeVar("M", bound=BaseModel)
Regex = Annotated[str, AfterValidator(_check_regex)]
Phrase = Annotated[str, AfterValidator(_words)]
Pair = Annotated[str, AfterValidator(_pair)]


class _Model(BaseModel):
    # Unknown keys are errors: a misspelt key (`bonus_cpa = 10`) must not be silently ignored.
    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _normalise_strings(cls, data: Any) -> Any:
        return _nfc(data)


class DocType(_Model):
    """One type code of a document symbol ("QĐ" in 274/QĐ-UBND, "KL" in 114-KL/TW)."""

    code: str
    name: str
    words: list[str] = Field(min_length=1)  # type words that announce it in prose ("Quyết định")
    systems: list[System] = Field(min_length=1)  # where the code is valid
    normative: bool = False  # QPPL code: the number MAY carry a year (07/2023/QĐ-UBND)
    year_required: bool = False  # always QPPL: the number MUST carry a year (30/2020/NĐ-CP)
    verified: bool = True  # False = code only reported by unverified sources: flag it at info level
    note: str = ""
    source: str


class IssuerCode(_Model):
    """One issuer abbreviation after the type code (state) or after the slash (Party)."""

    code: str
    name: str
    system: System
    verified: bool = True
    note: str = ""
    source: str


class UncodedType(_Model):
    """A type of document whose symbol carries no type code (state Công văn, Luật of Quốc hội)."""

    name: str
    words: list[str] = Field(min_length=1)
    systems: list[System] = Field(min_length=1)
    symbol_form: str  # e.g. "ISSUER-UNIT" (887/UBND-NC) or "number/year/QH<khóa>" (10/2022/QH15)
    note: str = ""
    source: str


class DocTypes(_Model):
    types: list[DocType]
    issuers: list[IssuerCode]
    party_issuer_patterns: list[Regex] = []  # Party issuer families not listed one by one
    uncoded: list[UncodedType] = []
    # Words that start a citation of a document without a type code of its own ("Hiến pháp năm 2013",
    # "Thông báo kết luận số 318-TB/TU"): found by the citation pre-scan, compared with no code
    citation_words: list[str] = []
    _by_word: dict[str, list[DocType]] | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _consistent(self) -> DocTypes:
        seen: dict[tuple[str, str], int] = {}
        for i, t in enumerate(self.types):
            if t.year_required and not t.normative:
                raise _FieldError(["types", i, "normative"], "year_required = true needs normative = true")
            for system in t.systems:
                if (t.code, system) in seen:
                    raise _FieldError(
                        ["types", i, "code"],
                        f"code {t.code!r} for {system!r} already defined in types.{seen[(t.code, system)]}",
                    )
                seen[(t.code, system)] = i
        codes: dict[str, int] = {}
        for i, iss in enumerate(self.issuers):
            if iss.code in codes:
                raise _FieldError(
                    ["issuers", i, "code"],
                    f"issuer {iss.code!r} already defined in issuers.{codes[iss.code]}",
                )
            codes[iss.code] = i
        # A Party pattern that swallows a state issuer would turn every citation of it into a
        # "wrong form" warning, so guard against over-broad patterns here, once, at load time.
        for j, pattern in enumerate(self.party_issuer_patterns):
            for iss in self.issuers:
                if iss.system == "state" and compile_pattern(pattern).search(iss.code):
                    raise _FieldError(
                        ["party_issuer_patterns", j], f"pattern also matches the state issuer {iss.code!r}"
                    )
        return self


class RegistryEntry(_Model):
    symbol: str  # canonical symbol, exactly as in the original ("114-KL/TW", "16/CT-TTg")
    type_word: str  # "Kết luận"
    date: datetime.date
    issuer: str  # "Ban Bí thư"
    issuer_aliases: list[str] = []  # other correct names of the same issuer
    wrong_issuers: list[str] = []  # issuers reports wrongly give; only when clearly wrong
    title: str = ""
    province: str | None = None  # local document: its number is reused by every other province
    note: str = ""
    verified: bool  # False: rules report disagreements with it at info level only
    source: str

    # what the validators ask, answered by the plain class's own properties
    system = property(lambda self: plain.RegistryEntry.system.fget(self))
    year_in_symbol = property(lambda self: plain.RegistryEntry.year_in_symbol.fget(self))
    renumbered_yearly = property(lambda self: plain.RegistryEntry.renumbered_yearly.fget(self))

    @model_validator(mode="after")
    def _well_formed(self) -> RegistryEntry:
        if symbol_key(self.symbol) != self.symbol:
            raise _FieldError("symbol", "must not contain spaces")
        if well_formed_system(self.symbol) is None:
            raise _FieldError("symbol", "is neither a state symbol (15/BC-UBND) nor a Party one (442-BC/TU)")
        year = self.year_in_symbol
        if year is not None and year != self.date.year:
            raise _FieldError("date", f"year {self.date.year} differs from the year {year} in the symbol")
        return self


class Registry(_Model):
    entries: list[RegistryEntry]
    _index: dict[str, list[RegistryEntry]] | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _unique(self) -> Registry:
        seen: dict[tuple[str, int | None, str], int] = {}
        for i, e in enumerate(self.entries):
            key = (e.symbol, e.date.year if e.renumbered_yearly else None, e.province or "")
            if key in seen:
                raise _FieldError(
                    ["entries", i, "symbol"], f"{e.symbol!r} already listed in entries.{seen[key]}"
                )
            seen[key] = i
        return self


class SubItem(_Model):
    id: str  # "1", "2": the "Nội dung N" (or "1.2") of the scoring table
    name: str  # label as the table writes it: "Nội dung 1"
    cap: Decimal
    topic: str = ""  # what the item is about, for messages
    items: list[SubItem] = []  # a deeper tier (tiêu chí thành phần "1.1.1"); their caps sum to `cap`
    may_be_unscored: bool = False  # the decision lets this item be "không chấm" (excluded from the maximum)

    @model_validator(mode="after")
    def _parts_sum(self) -> SubItem:
        if self.items:
            total = sum((i.cap for i in self.items), Decimal(0))
            if total != self.cap:
                raise _FieldError("cap", f"is {self.cap} but the items' caps sum to {total}")
        return self


class Criterion(_Model):
    number: int = Field(ge=1)
    name: str
    cap: Decimal
    items: list[SubItem] = []
    # how reports name the criterion in prose ("Nhóm tiêu chí chung: 28/30 điểm"): scores written in
    # sentences are linked to the criterion by `name` or one of these (case and tone placement ignored)
    aliases: list[str] = []
    may_be_unscored: bool = False  # may be "không chấm" (scored by survey, not applicable to the body)

    @model_validator(mode="after")
    def _items_sum(self) -> Criterion:
        ids = [i.id for i in self.items]
        for k, item_id in enumerate(ids):
            if item_id in ids[:k]:
                raise _FieldError(["items", k, "id"], f"duplicate item id {item_id!r}")
        if self.items:
            total = sum((i.cap for i in self.items), Decimal(0))
            if total != self.cap:
                raise _FieldError("cap", f"is {self.cap} but the items' caps sum to {total}")
        return self


class Condition(_Model):
    """A condition a band requires, named in words the report must state to claim the band."""

    name: str  # shown to users: "100% nhiệm vụ hoàn thành, trong đó ít nhất 30% vượt mức"
    patterns: list[Regex] = Field(min_length=1)  # any match in the report text = the condition is stated


class Band(_Model):
    """A classification band: min <= final score < max (max None = no upper limit), and its conditions."""

    name: str
    min: Decimal
    max: Decimal | None = None
    aliases: list[str] = []
    # every criterion must reach this share of its cap (0.85 = 85 %); a score in the band that misses it
    # falls to the next band down whose share it meets
    min_share: Decimal | None = Field(default=None, gt=0, le=1)
    requires: list[Condition] = []  # conditions the report must state to claim the band
    quota: str = ""  # a quota on how many may get the band: reported as information only, never checked

    @model_validator(mode="after")
    def _ordered(self) -> Band:
        if self.max is not None and self.max <= self.min:
            raise _FieldError("max", f"{self.max} is not above min {self.min}")
        return self


class Recognise(_Model):
    decision: str | None = None  # informational: the decision that defines the framework
    province: str | None = None
    patterns: list[Regex] = []  # any match in the report text selects this framework


class Variant(_Model):
    """A variant of the framework for one kind of body scored (sở / huyện / xã), or a reduced scale."""

    id: str  # "cap-xa"
    name: str  # "Ủy ban nhân dân cấp xã"
    patterns: list[Regex] = Field(min_length=1)  # any match in the report's header selects the variant
    # criteria this kind of body is not scored on (Quảng Bình: 85 for bodies outside the CCHC index):
    # they are dropped and total_max / final_max shrink by their caps
    excluded: list[int] = []
    criteria: list[Criterion] = []  # the variant's own criteria, when they differ (replace all of them)
    bands: list[Band] = []  # the variant's own bands (a smaller scale has its own thresholds)


class Framework(_Model):
    id: str  # = file stem
    name: str
    province: str | None = None  # the province as of valid_from (provinces merged on 01/7/2025)
    decision: str | None = None  # "274/QĐ-UBND"
    decision_date: datetime.date | None = None
    valid_from: datetime.date | None = None  # first day the framework applies (usually its entry into force)
    valid_to: datetime.date | None = None  # last day (replaced, or the province merged); None = still in force
    source: str
    criteria: list[Criterion] = []  # empty for the generic fallback or when caps are unknown
    criteria_count: int | None = Field(default=None, ge=1)  # known number of criteria when caps are not
    total_max: Decimal | None = None  # sum of the criteria caps
    bonus_cap: Decimal = Decimal(0)
    bonus_label: str = "Điểm thưởng"  # row label of the bonus in the scoring table
    penalty_cap: Decimal = Decimal(0)  # most points a "Điểm trừ" row may take off (0 = no penalties)
    penalty_label: str = "Điểm trừ"  # row label of the penalty in the scoring table
    final_max: Decimal | None = None
    final_formula: Literal["sum_plus_bonus", "sum"] = "sum"  # a penalty, when written, is always taken off
    # "không chấm" items: "exclude" = the maximum shrinks by their caps; "rescale" = the score is
    # brought back to total_max (score × total_max / the caps actually scored) before the bands apply
    unscored: Literal["exclude", "rescale"] = "exclude"
    score_columns: list[str] = []  # extra score columns by header name ("Thẩm định lần 1", "Giải trình")
    bands: list[Band] = []  # applied to the final score
    bands_note: str = ""  # shown to users: why bands are missing or incomplete
    variants: list[Variant] = []
    recognise: Recognise = Field(default_factory=Recognise)
    caps_from_table: bool = False  # generic fallback: caps come from the table's own "Chuẩn" column
    _variant: str | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _arithmetic(self) -> Framework:
        for k, c in enumerate(self.criteria):
            if c.number != k + 1 and self._variant is None:
                raise _FieldError(
                    ["criteria", k, "number"], f"is {c.number}; criteria must be numbered 1, 2, 3 … in order"
                )
        if self.criteria:
            if self.caps_from_table:
                raise _FieldError("caps_from_table", "must be false when criteria with caps are given")
            if self.criteria_count is not None and self.criteria_count != len(self.criteria):
                raise _FieldError(
                    "criteria_count", f"is {self.criteria_count} but {len(self.criteria)} criteria are given"
                )
            total = sum((c.cap for c in self.criteria), Decimal(0))
            if self.total_max is None or self.total_max != total:
                raise _FieldError("total_max", f"is {self.total_max} but the criteria caps sum to {total}")
        if self.bonus_cap < 0:
            raise _FieldError("bonus_cap", "must not be negative (a penalty goes in penalty_cap)")
        if self.penalty_cap < 0:
            raise _FieldError("penalty_cap", "must not be negative: it is the most points taken off")
        if self.final_max is not None and self.total_max is not None:
            expected = self.total_max + (self.bonus_cap if self.final_formula == "sum_plus_bonus" else 0)
            if self.final_max != expected:
                raise _FieldError(
                    "final_max",
                    f"is {self.final_max} but {self.final_formula} of total_max and bonus_cap gives {expected}",
                )
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise _FieldError("valid_to", f"{self.valid_to} is before valid_from {self.valid_from}")
        ordered = sorted(range(len(self.bands)), key=lambda i: self.bands[i].min)
        for a, b in zip(ordered, ordered[1:]):
            upper = self.bands[a].max
            if upper is None or upper > self.bands[b].min:
                raise _FieldError(
                    ["bands", a, "max"], f"band {self.bands[a].name!r} overlaps {self.bands[b].name!r}"
                )
        numbers = {c.number for c in self.criteria}
        for k, v in enumerate(self.variants):
            if v.id in [w.id for w in self.variants[:k]]:
                raise _FieldError(["variants", k, "id"], f"duplicate variant id {v.id!r}")
            for n in v.excluded:
                if n not in numbers:
                    raise _FieldError(["variants", k, "excluded"], f"criterion {n} does not exist")
            for j, c in enumerate(v.criteria):
                if c.number != j + 1:
                    raise _FieldError(["variants", k, "criteria", j, "number"], "criteria must be numbered 1, 2, 3 … in order")
        return self


class DocKind(_Model):
    """One kind of document: how it names itself (type line, type code) and which template checks it."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    name: str  # as the document names it: "Báo cáo", "Quyết định", "Công văn"
    type_lines: list[str] = []  # the type line in capitals ("QUYẾT ĐỊNH"); empty for a Công văn
    state_codes: list[str] = []  # type code in a state symbol (80/2025/QĐ-UBND)
    party_codes: list[str] = []  # type code in a Party symbol (442-BC/TU)
    uncoded_state: bool = False  # a state symbol without a type code (887/UBND-NC) means this kind
    own_outline: bool = True  # its headings are its own outline (VB003 checks their numbering)
    template: str  # id of a file in rules/templates/
    source: str

    @model_validator(mode="after")
    def _capitals(self) -> DocKind:
        for i, line in enumerate(self.type_lines):
            if line != line.upper() or not line.strip():
                raise _FieldError(["type_lines", i], f"{line!r}: write the type line in capitals")
        return self


class DocKinds(_Model):
    kinds: list[DocKind] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> DocKinds:
        ids: dict[str, int] = {}
        lines: dict[str, int] = {}
        codes: dict[tuple[str, str], int] = {}
        uncoded = [i for i, k in enumerate(self.kinds) if k.uncoded_state]
        if len(uncoded) > 1:
            raise _FieldError(["kinds", uncoded[1], "uncoded_state"], "only one kind may be the uncoded state form")
        for i, k in enumerate(self.kinds):
            if k.id in ids:
                raise _FieldError(["kinds", i, "id"], f"{k.id!r} already defined in kinds.{ids[k.id]}")
            ids[k.id] = i
            for j, line in enumerate(k.type_lines):
                key = " ".join(line.split())
                if key in lines:
                    raise _FieldError(["kinds", i, "type_lines", j], f"{line!r} already names kinds.{lines[key]}")
                lines[key] = i
            for system, field_name, values in (("state", "state_codes", k.state_codes), ("party", "party_codes", k.party_codes)):
                for j, code in enumerate(values):
                    if (system, code) in codes:
                        raise _FieldError(["kinds", i, field_name, j], f"{code!r} already names kinds.{codes[(system, code)]}")
                    codes[(system, code)] = i
        return self


class TemplatePart(_Model):
    """A part a report is expected to contain. Each pattern is searched (re.search) in every line."""

    id: str
    name: str  # Vietnamese, shown to users
    patterns: list[Regex] = Field(min_length=1)  # anchor with ^…$ to demand the whole line
    where: Literal["header", "body", "end", "anywhere"] = "anywhere"
    severity: Literal["error", "warning", "info"] = "warning"
    header_part: bool = False  # usually lost when Word/PDF becomes text: the message says so
    applies_to: list[System] = ["state", "party"]
    # also present when the document model found this field (in any layout): see HEADER_FIELDS
    header_field: HeaderField | None = None


class Template(_Model):
    id: str
    name: str
    title_patterns: list[Regex] = []  # searched in the report's title/summary
    kind: Literal["state", "party", "any"] = "any"
    # the document kinds (ids in rules/kinds.toml) this template is for; a template with
    # title_patterns and doctypes is a specialisation chosen by topic for those kinds only
    doctypes: list[str] = []
    extends: str | None = None  # the parts of that template come first
    parts: list[TemplatePart]
    criteria_in_order: bool = False  # self-scoring report: Tiêu chí 1..N must appear in order
    criterion_pattern: Regex = DEFAULT_CRITERION_PATTERN  # heading of a criterion; group "n" = number
    priority: int = 0  # higher wins when several templates match
    # dotted lines the readers fill after the document is sent (a Phiếu trình's opinion cells): not VB002
    filled_after_sending: bool = False

    @model_validator(mode="after")
    def _unique_parts(self) -> Template:
        ids = [p.id for p in self.parts]
        for k, part_id in enumerate(ids):
            if part_id in ids[:k]:
                raise _FieldError(["parts", k, "id"], f"duplicate part id {part_id!r}")
        if "n" not in compile_pattern(self.criterion_pattern).groupindex:
            raise _FieldError("criterion_pattern", "needs a named group (?P<n>...) for the criterion number")
        return self


class FunctionWords(_Model):
    """TT001: words reported when doubled alone."""

    note: str = ""
    words: list[Phrase] = Field(min_length=1)


class Reduplications(_Model):
    """TT001: syllables whose doubling is a word ("người người"), never reported when doubled alone."""

    note: str = ""
    words: list[Phrase] = Field(min_length=1)


class KnownAbbreviation(_Model):
    abbreviation: Phrase
    meaning: Phrase


class Abbreviations(_Model):
    """TT005: abbreviations written as one word."""

    source: str
    known: list[KnownAbbreviation] = Field(min_length=1)


class CodeBody(_Model):
    code: Phrase
    name: Phrase
    not_named: list[Phrase] = Field(min_length=1)


class Body(_Model):
    starts: Phrase
    name: Phrase


class Issuers(_Model):
    """TD003 and TD004: issuer codes against the bodies a sentence names."""

    source: str
    code_bodies: list[CodeBody]
    bodies: list[Body]


class PastPlan(_Model):
    """NG002: what marks a sentence as telling of something done, or of a plan."""

    note: str = ""
    past: list[Phrase] = Field(min_length=1)
    plan: list[Phrase] = Field(min_length=1)


class Shortfall(_Model):
    """DG008: phrases in which an agency admits it has not done something."""

    note: str = ""
    phrases: list[Phrase] = Field(min_length=1)


class SignerTitles(_Model):
    """The signature block: authority marks and titles."""

    source: str
    authorities: list[Phrase] = Field(min_length=1)
    titles: list[Phrase] = Field(min_length=1)


class Tones(_Model):
    """Old- and new-style tone placement: the folding table and TT090's word pairs."""

    source: str
    fold: list[Pair] = Field(min_length=1)
    words: list[Pair] = Field(min_length=1)

    @model_validator(mode="after")
    def _same_length(self) -> Tones:
        for i, pair in enumerate(self.fold):
            old, new = pair.split(":")
            if len(old) != len(new):  # folding keeps every offset of the text
                raise _FieldError(["fold", i], f"{pair!r}: old and new must have the same length")
        return self


class Lexicon(_Model):
    function_words: FunctionWords
    reduplications: Reduplications
    abbreviations: Abbreviations
    issuers: Issuers
    past_plan: PastPlan
    shortfall: Shortfall
    signer_titles: SignerTitles
    tones: Tones


def _validation_error(display: str, exc: ValidationError) -> RuleDataError:
    errors = exc.errors(include_url=False)
    first = errors[0]
    loc: list[Any] = list(first["loc"])
    message = first["msg"]
    original = (first.get("ctx") or {}).get("error")
    if isinstance(original, _FieldError):
        loc += original.path
        message = str(original)
    elif message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    if len(errors) > 1:
        message += f" (+{len(errors) - 1} more error{'s' if len(errors) > 2 else ''})"
    return RuleDataError(display, ".".join(str(p) for p in loc), message)


def to_plain(value: Any) -> Any:  # noqa: ANN401 - a model, a list or dict of them, or a field's value
    """A validated model as the plain class of checker/ruledata.py with the same name, fields converted
    in turn; anything else as it is."""
    if isinstance(value, BaseModel):
        cls = getattr(plain, type(value).__name__)
        return cls(**{name: to_plain(getattr(value, name)) for name in type(value).model_fields})
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    return value


def validate_model(model: type[M], data: dict[str, Any], display: str) -> M:
    """`data` (a parsed TOML file) validated by `model`; a problem is one `RuleDataError` line."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise _validation_error(display, exc) from None


def validate(name: str, data: dict[str, Any], display: str) -> Any:  # noqa: ANN401 - the plain class `name`
    """`data` validated by the model `name` of this module, as the plain class of that name."""
    return to_plain(validate_model(globals()[name], data, display))
