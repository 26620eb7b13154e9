"""Configuration: `baocao-lint.toml` or `[tool.baocao-lint]` in `pyproject.toml`, searched upward.

Keys (all optional): select, ignore (lists of codes or prefixes), fail-on, lang, framework, template,
year, max-size, framework-dirs, template-dirs, per-file-ignores (glob → list of codes).
Command-line options override the file.
"""

from __future__ import annotations

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
            # a pyproject.toml that never names us has no [tool.baocao-lint]: not parsed (the hook runs
            # in projects that have one; tomllib's import and parse were ~2-5 ms of every start)
            if "baocao-lint" not in text:
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
