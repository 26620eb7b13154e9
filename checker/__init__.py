"""baocao-lint: a rule-based compliance checker for Vietnamese government reports.

    from checker import check
    report = check("bao-cao.txt")          # or check(b"...bytes...", name="x.txt")
    for f in report.findings: print(f.line, f.rule, f.message)
"""

__version__ = "0.1.0"


def check(source, **kwargs):  # noqa: ANN001, ANN201 - thin re-export, typed in checker.api
    from checker.api import check as _check

    return _check(source, **kwargs)


__all__ = ["check", "__version__"]
