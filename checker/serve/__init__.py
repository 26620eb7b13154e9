"""`baocao-lint serve`: the reviewer's web desk and the HTTP API for e-office systems.

Importing this package is cheap (the batch HTML reporter shares its templates through
`checker.serve.render`); Starlette and uvicorn are imported only by `checker.serve.app`.
"""
