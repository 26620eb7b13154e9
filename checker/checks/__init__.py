"""Rule modules, one per category (a category may spread its rules over several modules).

Each rule is a function decorated with `checker.engine.rule` and listed in its module's `RULES`;
`checker/categories.py` names the modules of each category. Importing this package registers nothing.
"""
