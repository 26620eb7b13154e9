"""Configuration: `baocao-lint.toml` or `[tool.baocao-lint]` in `pyproject.toml`, searched upward.

Keys (all optional): select, ignore (lists of codes or prefixes), fail-on, lang, framework, template,
year, max-size, framework-dirs, template-dirs, per-file-ignores (glob → list of codes).
Command-line options override the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Literal


class ConfigError(Exception):
    pass


# The reporting years the checker can reason about (dates past 9999 do not exist in Python; a report
# dated outside this span is a typo, not a year to compute with).
MIN_YEAR, MAX_YEAR = 1900, 2100


@dataclass(kw_only=True)
class Config:
    """The settings of a configuration file (validated by `_schema()`), or the defaults."""

    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: Literal["error", "warning", "info", "never"] = "error"
    lang: Literal["vi", "en"] = "vi"
    framework: str | None = None
    template: str | None = None
    year: int | None = None
    max_size: int | None = None
    framework_dirs: list[str] = field(default_factory=list)
    template_dirs: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    base_dir: str = "."


def _schema() -> type:
    """The pydantic model that validates a configuration file: built only when there is a file, so a
    run without one never imports pydantic (a third of the command's start)."""
    from pydantic import BaseModel, ConfigDict, Field

    class ConfigFile(BaseModel):
        model_config = ConfigDict(extra="forbid", populate_by_name=True)

        select: list[str] = Field(default_factory=list)
        ignore: list[str] = Field(default_factory=list)
        fail_on: Literal["error", "warning", "info", "never"] = Field(default="error", alias="fail-on")
        lang: Literal["vi", "en"] = "vi"
        framework: str | None = None
        template: str | None = None
        year: int | None = Field(default=None, ge=MIN_YEAR, le=MAX_YEAR)
        max_size: int | None = Field(default=None, alias="max-size", gt=0)
        framework_dirs: list[str] = Field(default_factory=list, alias="framework-dirs")
        template_dirs: list[str] = Field(default_factory=list, alias="template-dirs")
        per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-file-ignores")

    return ConfigFile


# Where the key `baocao-lint` (bare or quoted) may stand as a key: before a dot, a closing bracket or
# an equals sign. A mention as a value ("baocao-lint>=0.1", "baocao-lint==0.1", name = "baocao-lint")
# is none: TOML has no `==`.
_KEY = re.compile(r"""baocao-lint["']?[ \t]*(?:[.\]]|=(?!=))""")
# a one-line string or the comment that ends a line: their brackets are no value's, their # no comment
_STRING_OR_COMMENT = re.compile(r"""("(?:[^"\\\n]|\\.)*"|'[^'\n]*')|#.*""")
_TOOL_PATH = re.compile(r"""[ \t]*\[\[?[ \t]*["']?tool["']?[ \t]*[.\]]""")
_TOOL_KEY = re.compile(r"""[ \t]*["']?tool["']?[ \t]*\.""")
_TOOL_HEADER = re.compile(r"""[ \t]*\[[ \t]*(?:tool|"tool"|'tool')[ \t]*\][ \t]*""")


def may_configure_us(text: str) -> bool:
    """False only when no mention of `baocao-lint` in the pyproject.toml `text` can be a key of its
    `tool` table: each is in a value, in a comment, in another table's header, or a key of another
    table (the package's own pyproject names its script `baocao-lint` under [project.scripts]).
    What this line-by-line reading cannot rule out (escapes, multi-line strings, an inline table, a
    dotted key, a multi-line value) says True, and tomllib decides."""
    if "\\u" in text or "\\U" in text:
        return True  # a key may spell the name with escapes ("baocao\\u002dlint")
    if '"""' in text or "'''" in text:
        return "baocao-lint" in text
    if not _KEY.search(text):
        return False
    under_tool = False  # whether the table header above the line is [tool]
    depth = 0  # brackets a multi-line value left open
    for line in text.splitlines():
        comment = next((m.start() for m in _STRING_OR_COMMENT.finditer(line) if not m.group(1)), len(line))
        code = line[:comment]
        bare = _STRING_OR_COMMENT.sub('""', code)
        mention = _KEY.search(code)
        if depth == 0 and bare.lstrip().startswith("["):
            if mention is not None and _TOOL_PATH.match(code):
                return True  # [tool.baocao-lint], [[tool.'baocao-lint']] …
            under_tool = _TOOL_HEADER.fullmatch(code) is not None
            continue
        if mention is not None:
            head = code[: mention.start()]
            if depth or "=" in head or "{" in head or _TOOL_KEY.match(head) or head.strip(" \t\"'"):
                return True  # in a value (an inline table's key?), a dotted key, a multi-line value
            if under_tool:
                return True  # a key of [tool]
        depth = max(0, depth + bare.count("[") - bare.count("]"))
    return False


def find_config(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        own = folder / "baocao-lint.toml"
        if own.is_file():
            return own
        py = folder / "pyproject.toml"
        if py.is_file():
            try:
                text = py.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            # a pyproject.toml that never names us as a key under `tool` has no [tool.baocao-lint]: not
            # parsed (tomllib's import and parse were ~2-5 ms of every start; a project that only lists
            # the package as a dependency or a script pays nothing)
            if not may_configure_us(text):
                continue
            import tomllib

            try:
                data = tomllib.loads(text)
            except tomllib.TOMLDecodeError:
                continue
            if "baocao-lint" in data.get("tool", {}):
                return py
    return None


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    import tomllib

    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, OSError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("baocao-lint", {})
    elif set(data) == {"tool"} and isinstance(data["tool"], dict) and set(data["tool"]) == {"baocao-lint"}:
        # the README's block pasted as is into baocao-lint.toml: `[tool.baocao-lint]` means the same
        # keys as at the top level (a file mixing both forms is still an error)
        data = data["tool"]["baocao-lint"]
    from pydantic import ValidationError

    try:
        checked = _schema().model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(x) for x in err["loc"])
        raise ConfigError(f"{path}: {where}: {err['msg']}") from exc
    values = {f.name: getattr(checked, f.name) for f in fields(Config) if f.name != "base_dir"}
    return Config(**values, base_dir=str(path.parent))
