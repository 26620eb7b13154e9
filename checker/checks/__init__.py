"""Rule modules. Importing this package registers every rule with the engine.

One module per category; each rule is a function decorated with `checker.engine.rule`.
"""

from checker.checks import (  # noqa: F401
    arithmetic,
    citation,
    companion,
    date,
    score,
    structure,
    style,
)
