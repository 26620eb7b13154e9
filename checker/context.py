"""Everything a rule may read about one report, computed once and shared by all rules."""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from checker.entities import CitationRef, DateRefs, extract_citations, extract_dates
from checker.model import Document
from checker.scan import (
    NUMBER_STARTS,
    finditer_anchored,
    finditer_at,
    leading_literals,
    literal_starts,
    search_led,
)
from checker.source import SourceText, fold_lowered

if TYPE_CHECKING:
    from checker.facts.citations import CitationFacts
    from checker.facts.dates import ReportDate
    from checker.facts.score import ScoreFacts
    from checker.ruledata import DocTypes, Framework, Registry, Template


@dataclass
class Options:
    """The options of one check run that the rules read (selection, framework, template, year, …)."""
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    framework: str | None = None
    template: str | None = None
    year: int | None = None
    lang: str = "vi"
    framework_dirs: list[Path] = field(default_factory=list)
    template_dirs: list[Path] = field(default_factory=list)
    max_bytes: int | None = None
    # report path → the score sheets sent with it (same folder or .zip), read by DG020
    companions: dict[str, list[str]] = field(default_factory=dict)


_Fact = TypeVar("_Fact")
# A report that scores itself says so (in the folded text): searched for from the words it starts with
_SCORES_ITSELF = re.compile(r"tự\s+(?:chấm|đánh\s+giá)|chấm\s+điểm\s+(?:công\s+tác\s+)?(?:dân\s+vận|dvcq)")


@dataclass
class Context:
    """What a rule sees of one file: its text, its parsed document, the options, and facts computed once."""
    src: SourceText
    doc: Document
    options: Options = field(default_factory=Options)
    _facts: dict[Callable[..., Any], Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def fact(self, build: Callable[[Context], _Fact]) -> _Fact:
        """`build(self)`, computed once per report and shared by every rule that asks for it: the one
        place a family of rules keeps what it reads (a .docx's formatting, a PDF's fonts), instead of
        each caching on the context by hand."""
        if build not in self._facts:
            self._facts[build] = build(self)
        return self._facts[build]

    @property
    def text(self) -> str:
        return self.src.text

    @functools.cached_property
    def folded(self) -> str:
        """Lower-cased, tone-placement-folded text with the same offsets as `text` (the lower-cased
        text itself when no pair needs folding: no second copy)."""
        return fold_lowered(self.lowered)

    @functools.cached_property
    def citations(self) -> list[CitationRef]:
        return extract_citations(self.src.text, self.lowered, self.number_starts)

    @functools.cached_property
    def dates(self) -> DateRefs:
        return extract_dates(self.src.text, self.lowered, self.number_starts)

    @property
    def lowered(self) -> str:
        """Lower-cased text with the same offsets as `text` (tone placement kept, unlike `folded`)."""
        return self.src.lowered

    @functools.cached_property
    def number_starts(self) -> Sequence[int]:
        """Offsets where a number starts a token: where every `(?<![\\w.,/])\\d…` pattern can match.
        4 bytes each (a list of ints took 36: a table of figures has a number every few characters)."""
        return array("I", map(re.Match.start, NUMBER_STARTS.finditer(self.src.text)))  # no Python frame a number

    def scan(self, regex: re.Pattern[str], starts: re.Pattern[str] | None = None, pos: int = 0) -> Iterator[re.Match[str]]:
        """`regex.finditer(text, pos)`, fast: tried only at `starts` (a literal-led `scan.anchors`
        pattern searched in the lower-cased text), or, without one, at `number_starts`."""
        if starts is None:
            starts = self.number_starts
            return finditer_at(regex, self.src.text, starts[bisect.bisect_left(starts, pos) :] if pos else starts)
        return finditer_anchored(regex, starts, self.src.text, self.lowered, pos)

    @functools.cached_property
    def score(self) -> ScoreFacts:
        """The self-score facts: the score sheet, prose scores and claims, final figures (found once)."""
        from checker.facts.score import ScoreFacts

        return ScoreFacts(self)

    @functools.cached_property
    def citation_facts(self) -> CitationFacts:
        """The report's own number as a citation and the citations with a symbol (found once)."""
        from checker.facts.citations import citation_facts

        return citation_facts(self)

    @functools.cached_property
    def report_date(self) -> ReportDate | None:
        """When the report was issued, or the latest it can have been, and how that was decided."""
        from checker.facts.dates import report_date

        return report_date(self)

    # -- rule data (rules/*.toml) ---------------------------------------------------------------
    @functools.cached_property
    def doctypes(self) -> DocTypes:
        from checker.ruledata import load_doctypes

        return load_doctypes()

    @functools.cached_property
    def registry(self) -> Registry:
        from checker.ruledata import load_registry

        return load_registry()

    @functools.cached_property
    def frameworks(self) -> dict[str, Framework]:
        from checker.ruledata import load_frameworks

        return load_frameworks(tuple(self.options.framework_dirs))

    @functools.cached_property
    def framework(self) -> Framework | None:
        """The scoring framework: --framework, else detected from the text, else generic."""
        from checker.ruledata import detect_framework

        if self.options.framework:
            return self._variant_of(self.frameworks.get(self.options.framework))
        # A report that merely cites the scoring decision (a Party review citing QĐ 274) has no
        # framework: only a report that scores itself gets one.
        scores_itself = self.doc.score_table is not None or search_led(
            _SCORES_ITSELF, leading_literals(_SCORES_ITSELF.pattern, 0), self.folded, self.folded
        )
        if not scores_itself:
            return None
        date_line = self.doc.header.date_line
        # the lower-cased text stands for the NFC text's (every reader normalises; a quick check, no copy)
        text = self.src.text
        lowered = self.lowered if self.src.nfc or unicodedata.is_normalized("NFC", text) else None
        found = detect_framework(text, self.frameworks, date_line.date if date_line else None, lowered)
        if found is not None:
            return self._variant_of(found)
        return self.frameworks.get("generic")

    def _variant_of(self, fw: Framework | None) -> Framework | None:
        """The framework as it applies to the body that wrote the report (sở / huyện / xã …)."""
        if fw is None or not fw.variants:
            return fw
        # the body is named in the header (issuer, document title), not in the body's quotations
        end = self.doc.header.summary_span.end if self.doc.header.summary_span else min(len(self.src.text), 600)
        variant = fw.variant_for(self.src.text[:end])
        return fw.for_variant(variant) if variant is not None else fw

    @functools.cached_property
    def templates(self) -> dict[str, Template]:
        from checker.ruledata import load_templates

        return load_templates(tuple(self.options.template_dirs))

    @functools.cached_property
    def template(self) -> Template:
        from checker.ruledata import select_template

        if self.options.template and self.options.template in self.templates:
            return self.templates[self.options.template]
        title = " ".join(x for x in (self.doc.header.doc_type, self.doc.header.summary) if x)
        return select_template(title, self.doc.kind, self.templates, self.doctype)

    @functools.cached_property
    def doctype(self):  # noqa: ANN201 - checker.ruledata.DocKind | None
        """The document's kind in rules/kinds.toml (None when it names no known type)."""
        from checker.ruledata import load_kinds

        return load_kinds().by_id(self.doc.doctype_id) if self.doc.doctype_id else None

    # -- helpers for rules ------------------------------------------------------------------------
    def body_text_range(self) -> tuple[int, int]:
        """The report body: after the header, before Nơi nhận (annexes such as the score table follow)."""
        start = self.doc.header.summary_span.end if self.doc.header.summary_span else 0
        return start, self.doc.body_end or len(self.src.text)

    def in_table(self, offset: int) -> bool:
        return any(t.start <= offset <= t.end for t in self.doc.tables)

    @functools.cached_property
    def _citation_starts(self) -> list[int]:
        return [c.start for c in self.citations]  # citations are found left to right, never overlapping

    def in_citation(self, start: int, end: int) -> bool:
        """Whether [start, end) begins or ends inside a citation (`c.start <= start < c.end` or
        `c.start < end <= c.end` for some citation)."""
        return self.overlaps_citation(start, start + 1) or self.overlaps_citation(end - 1, end)

    def overlaps_citation(self, start: int, end: int) -> bool:
        """Whether some citation overlaps [start, end) (citations are sorted and never overlap, so
        only the last one starting before `end` can)."""
        i = bisect.bisect_left(self._citation_starts, end) - 1
        return i >= 0 and self.citations[i].end > start

    @functools.cached_property
    def url_spans(self) -> list[tuple[int, int]]:
        """Whitespace-delimited tokens holding a web or mail address (http://, www., .gov.vn, .com, .vn, @)."""
        text = self.src.text
        spans: list[tuple[int, int]] = []
        done_to = -1
        # a few marks, one literal scan each (a superset of `_URL_MARK`'s: a line without a mark
        # gives no token); the token pattern runs on their lines
        for at in literal_starts(self.lowered, _URL_LITERALS):
            if at < done_to:
                continue
            line_start = text.rfind("\n", 0, at) + 1
            line_end = text.find("\n", at)
            done_to = line_end if line_end >= 0 else len(text)
            spans.extend(t.span() for t in _URL_TOKEN.finditer(text, line_start, done_to))
        return spans

    def in_url(self, offset: int) -> bool:
        spans = self.url_spans
        i = bisect.bisect_right(spans, (offset, len(self.src.text) + 1)) - 1
        return i >= 0 and spans[i][0] <= offset < spans[i][1]


# What makes a token an address; searched in lower-cased text so every branch starts with a literal.
_URL_MARK = re.compile(r"https?://|www\.|\.gov\.vn|\.com|\.vn\b|@")
# literals every mark holds (an alternation starting with h, w, . and @ enters the matcher at every "h")
_URL_LITERALS = ("http", "www.", ".vn", ".com", "@")
# the whole token around a mark; from a token start only, so linear on a 1 MB token
_URL_TOKEN = re.compile(r"(?<!\S)\S*?(?:https?://|www\.|\.gov\.vn|\.com|\.vn\b|@)\S*", re.I)
