"""The server's limits, apart from the app so that `baocao-lint --help` (which lists their defaults)
does not import Starlette."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Limits:
    """Every limit of the server; `baocao-lint serve --help` and docs/serve.md list them."""

    max_upload_mb: float = 50.0  # the whole request body
    max_file_mb: float = 20.0  # one file, or one member of a .zip once unpacked
    max_files: int = 200  # files per request, members of .zip bundles included
    timeout: float = 60.0  # seconds for one file's check
    workers: int = 2  # processes checking files, shared by all requests (0: in the server's own thread)
    max_queue: int = 64  # requests in the server (being checked or waiting for a worker); more get 503
    zip_ratio: int = 200  # largest unpacked/packed size of a .zip member (zip bombs)
