"""Citation facts: which cited documents are the same document, and the report's own number as a citation.

Computed once per report (`Context.citation_facts`) from `Context.citations` and the header's `Số`
line, and read by the citation rules (TD). Identity is eyecite-style resolution (anchors-parsing §1):
two citations name the same document when number, type code and issuer codes agree, whatever the
form they were written in. Where that is not enough (a state number reused every year, a "UBND" that
may be the province's or the district's) the rules add their own conditions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from checker.entities import CitationRef, citation_of_symbol

if TYPE_CHECKING:
    from checker.context import Context


class DocumentId(NamedTuple):
    """What identifies a cited document: its number, type code and issuer codes, upper-cased."""

    number: str
    type_code: str
    issuer_codes: tuple[str, ...]


_NO_IDENTITY = object()  # kept in `CitationRef.identity` for a citation that names no document


def document_id(c: CitationRef) -> DocumentId | None:
    """The identity of the document `c` cites; None for a citation with no symbol or no type code.
    Read once per citation (`c.identity`): the TD rules compare citations pair by pair."""
    known = c.identity
    if known is not None:
        return None if known is _NO_IDENTITY else known  # type: ignore[return-value]
    if c.form not in ("state", "party") or not c.type_code:
        c.identity = _NO_IDENTITY
        return None
    identity = DocumentId(c.number.upper(), c.type_code.upper(), tuple(x.upper() for x in c.issuer_codes))
    c.identity = identity
    return identity


@dataclass(frozen=True, slots=True)
class CitationFacts:
    """The citations the TD rules judge."""

    own: list[CitationRef]
    """The report's own `Số:` line as a citation of its own type ("Số: 88/BCUBND" under BÁO CÁO), so
    that TD001 and TD003 judge it like every symbol it cites; empty for a blank draft number (VB002)."""
    with_symbol: list[CitationRef]
    """Citations with a symbol (state or Party form), not the bare "Quyết định 274", in text order."""


def own_number(ctx: Context) -> list[CitationRef]:
    number, doc_type = ctx.doc.header.number, ctx.doc.header.doc_type
    if number is None or number.blank or not number.number or not doc_type:
        return []
    head = re.match(r"\s*số\s*:?", number.raw, re.IGNORECASE)
    if head is None:
        return []
    rest = number.raw[head.end() :]
    own = citation_of_symbol(doc_type.capitalize(), rest, number.start + head.end())
    return [own] if own is not None and own.form in ("state", "party") else []


def citation_facts(ctx: Context) -> CitationFacts:
    return CitationFacts(
        own=own_number(ctx),
        with_symbol=[c for c in ctx.citations if c.form in ("state", "party")],
    )
