"""Check options given to the library (`check(path, select="TD", year=2023)`) are validated the way
the command line validates its own: one `ValueError` with one line naming the option, never a
silent fallback and never an internal error from inside a rule."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from checker.context import Options

LANGS = ("vi", "en")
# A reporting year outside these bounds is a typo, not a report: no administrative document of the
# Democratic Republic (1945) or later is dated before it, and 2100 leaves room for plans.
YEAR_MIN, YEAR_MAX = 1945, 2100


class OptionError(ValueError):
    """An option value the checker cannot use; the message is one line, in Vietnamese."""


def _codes(name: str, value: object) -> list[str]:
    # A string is one code or prefix, as on the command line (`--select TD`), never its letters;
    # a comma list in a string is split as the command line splits it.
    if value is None:
        return []
    if isinstance(value, str):
        return [c.strip() for c in value.split(",") if c.strip()]
    if isinstance(value, Iterable) and all(isinstance(c, str) for c in value):  # type: ignore[union-attr]
        return [c.strip() for c in value if c.strip()]  # type: ignore[union-attr]
    raise OptionError(f"tùy chọn {name}: cần một mã quy tắc hoặc danh sách mã (chuỗi), không phải {value!r}")


def _dirs(name: str, value: object) -> list[Path]:
    if value is None:
        return []
    if isinstance(value, (str, os.PathLike)):
        return [Path(value)]
    if isinstance(value, Iterable):
        out = []
        for v in value:  # type: ignore[union-attr]
            if not isinstance(v, (str, os.PathLike)):
                raise OptionError(f"tùy chọn {name}: cần đường dẫn thư mục, không phải {v!r}")
            out.append(Path(v))
        return out
    raise OptionError(f"tùy chọn {name}: cần đường dẫn thư mục, không phải {value!r}")


def parse_year(value: object, name: str = "year") -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise OptionError(f"tùy chọn {name}: cần một năm ({YEAR_MIN}–{YEAR_MAX}), không phải {value!r}")
    try:
        year = int(str(value).strip()) if not isinstance(value, int) else value
    except ValueError:
        raise OptionError(f"tùy chọn {name}: cần một năm ({YEAR_MIN}–{YEAR_MAX}), không phải {value!r}") from None
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise OptionError(f"tùy chọn {name}: năm {year} nằm ngoài khoảng {YEAR_MIN}–{YEAR_MAX}")
    return year


def build_options(base: Options | None = None, **overrides: object) -> Options:
    """`base` with `overrides` applied and every value checked; raises `OptionError` (a ValueError)."""
    opts = base or Options()
    known = set(Options.__dataclass_fields__)
    for key, value in overrides.items():
        if key not in known:
            raise OptionError(f"tùy chọn không tồn tại: {key} (có: {', '.join(sorted(known))})")
        setattr(opts, key, value)
    opts.select = _codes("select", opts.select)
    opts.ignore = _codes("ignore", opts.ignore)
    opts.framework_dirs = _dirs("framework_dirs", opts.framework_dirs)
    opts.template_dirs = _dirs("template_dirs", opts.template_dirs)
    opts.year = parse_year(opts.year)
    if opts.lang not in LANGS:
        raise OptionError(f"tùy chọn lang: cần 'vi' hoặc 'en', không phải {opts.lang!r}")
    if opts.max_bytes is not None and (
        isinstance(opts.max_bytes, bool) or not isinstance(opts.max_bytes, int) or opts.max_bytes <= 0
    ):
        raise OptionError(f"tùy chọn max_bytes: cần số byte dương, không phải {opts.max_bytes!r}")
    for name in ("framework", "template"):
        value = getattr(opts, name)
        if value is not None and not isinstance(value, str):
            raise OptionError(f"tùy chọn {name}: cần tên (chuỗi), không phải {value!r}")
        if value == "":
            setattr(opts, name, None)
    _check_codes(opts)
    _check_names(opts)
    return opts


def _check_codes(opts: Options) -> None:
    from checker.engine import unknown_codes

    bad = unknown_codes(opts.select + opts.ignore)
    if bad:
        raise OptionError(f"mã quy tắc không tồn tại: {', '.join(bad)}")


def _check_names(opts: Options) -> None:
    if not opts.framework and not opts.template:
        return
    from checker.ruledata import RuleDataError, load_frameworks, load_templates

    try:
        if opts.framework:
            known = load_frameworks(tuple(opts.framework_dirs))
            if opts.framework not in known:
                raise OptionError(f"không có khung chấm điểm {opts.framework} (có: {', '.join(sorted(known))})")
        if opts.template:
            known_t = load_templates(tuple(opts.template_dirs))
            if opts.template not in known_t:
                raise OptionError(f"không có mẫu báo cáo {opts.template} (có: {', '.join(sorted(known_t))})")
    except RuleDataError as exc:
        raise OptionError(f"lỗi dữ liệu quy tắc: {exc}") from None
