"""Rule modules. Importing this package registers every rule with the engine.

One module per category; each rule is a function decorated with `checker.engine.rule`.
"""

from checker.checks import arithmetic, citation, date, ingest_notes, score, structure, style  # noqa: F401
