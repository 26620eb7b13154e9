"""`--format json`: exactly the contract's version 1 document."""

from __future__ import annotations

import json

from checker.report import FileReport, json_document


def render_json(reports: list[FileReport], lang: str = "vi", color: bool = False) -> str:
    return json.dumps(json_document(reports), ensure_ascii=False, indent=2) + "\n"
