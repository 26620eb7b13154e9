"""The shapes of a document's number and symbol (số và ký hiệu), in one place.

A state symbol (Nghị định 30/2020, Phụ lục I): number, optional year, type code, issuer codes
(`274/QĐ-UBND`, `04/2015/NĐ-CP`). A Party symbol (Hướng dẫn 36-HD/VPTW): number, type code, then the
issuing body after a slash (`114-KL/TW`, `98-KH/BDVTU`). Citations in prose are parsed by
`grammar/symbol.lark` (malformed forms too, so the rules can judge them); what is here serves the
places that only ask which system a written symbol belongs to, or whether a registry entry is
well formed.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Literal

System = Literal["state", "party"]

# Well formed, spaces removed (registry entries): the whole string is one symbol.
WELL_FORMED_STATE = re.compile(
    r"^\d{1,6}[a-z]?/(?:(?P<year>(?:19|20)\d{2})/)?[A-ZĐ][A-Za-zĐđ&0-9]*(?:-[A-ZĐ][A-Za-zĐđ&0-9]*)*$"
)
WELL_FORMED_PARTY = re.compile(r"^\d{1,6}[a-z]?-[A-ZĐ][A-Za-zĐđ]*/[A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-ZĐ][A-Za-zĐđ0-9]*)*$")

# As written in a header's `Số:` line (spaces around the separators allowed): enough of the shape
# to tell the system, not to judge the form.
_WRITTEN_PARTY = re.compile(r"\d+[a-z]?\s*-\s*[A-ZĐ][\w]*\s*/\s*[A-ZĐ]")
_WRITTEN_STATE = re.compile(r"\d*\s*/\s*[A-ZĐ][\w]*\s*-\s*[A-ZĐ]")
# A Party symbol named inside a sentence ("kèm theo Báo cáo số 12-BC/TU"): its issuer is one of the
# Party levels' codes, so a state symbol with a dash in its number is not taken for one.
_PARTY_IN_PROSE = re.compile(r"\d+-[A-ZĐ]+/(?:TW|TU|HU|QU|ĐU|TƯ)\b")


_WHITESPACE = re.compile(r"\s+")


@functools.lru_cache(maxsize=4096)  # asked for every citation by TD004 and TD007; a report repeats its symbols
def symbol_key(symbol: str) -> str:
    """Registry look-up key: NFC with all whitespace removed ("01- KL/TW" -> "01-KL/TW")."""
    return _WHITESPACE.sub("", unicodedata.normalize("NFC", symbol))


def well_formed_system(symbol: str) -> System | None:
    """The system of a well-formed symbol without spaces, or None when it is neither form."""
    if WELL_FORMED_PARTY.match(symbol):
        return "party"
    if WELL_FORMED_STATE.match(symbol):
        return "state"
    return None


def written_system(raw: str) -> System | None:
    """The system of the symbol in a `Số:` line as written, or None when its shape does not say."""
    if _WRITTEN_PARTY.search(raw):
        return "party"
    if _WRITTEN_STATE.search(raw) or ("/" in raw and "-" in raw.split("/", 1)[-1]):
        return "state"
    return None


def names_party_symbol(text: str) -> bool:
    """Whether a sentence names a Party document by its symbol (`12-BC/TU`)."""
    return _PARTY_IN_PROSE.search(text) is not None
