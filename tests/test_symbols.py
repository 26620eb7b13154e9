"""checker/symbols.py: the one home of the symbol shapes the registry, the header and the annex rules ask."""

from __future__ import annotations

import pytest

from checker.symbols import names_party_symbol, symbol_key, well_formed_system, written_system


@pytest.mark.parametrize(
    ("symbol", "system"),
    [
        ("274/QĐ-UBND", "state"),
        ("04/2015/NĐ-CP", "state"),
        ("10/2022/QH15", "state"),
        ("114-KL/TW", "party"),
        ("98-KH/BDVTU-BCSĐUBND", "party"),
        ("677/QĐUBND", "state"),  # one code: still the state shape
        ("01- KL/TW", None),  # a space: not a registry key
        ("QĐ-UBND", None),
        ("274/qđ-UBND", None),
    ],
)
def test_well_formed_system(symbol: str, system: str | None) -> None:
    assert well_formed_system(symbol) == system


@pytest.mark.parametrize(
    ("raw", "system"),
    [
        ("45 /BC-UBND", "state"),
        ("   /KH-UBND", "state"),  # a draft's blank number keeps its shape
        ("12 - BC/HU", "party"),
        ("07-CTPH/BDVTU", "party"),
        ("88/BCUBND", None),  # no dash after the slash: the shape does not say
        ("2024", None),
    ],
)
def test_written_system(raw: str, system: str | None) -> None:
    assert written_system(raw) == system


def test_party_symbol_in_prose_needs_a_party_issuer() -> None:
    assert names_party_symbol("(Kèm theo Báo cáo số 12-BC/TU ngày 3/4/2024)")
    assert names_party_symbol("kèm theo Kế hoạch số 5-KH/ĐU")
    assert not names_party_symbol("(Kèm theo Báo cáo số 12/BC-UBND ngày 3/4/2024)")
    assert not names_party_symbol("số 12-BC/SNV")  # a dash, but not a Party level's code


def test_symbol_key_removes_spaces_and_composes() -> None:
    assert symbol_key("01- KL/TW") == "01-KL/TW"
    assert symbol_key("274/Q\u0110-UBND") == "274/QĐ-UBND"
