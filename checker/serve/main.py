"""`baocao-lint serve`: start the web desk and the HTTP API on uvicorn."""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys
from collections.abc import Callable
from pathlib import Path

TOKEN_ENV = "BAOCAO_LINT_TOKEN"


def add_arguments(p: argparse.ArgumentParser, t: Callable[[str, str], str] = lambda vi, en: vi) -> None:
    from checker.serve.limits import Limits

    d = Limits()
    p.add_argument("--host", default="127.0.0.1",
                   help=t("địa chỉ lắng nghe (mặc định 127.0.0.1: chỉ máy này)", "address to listen on (default 127.0.0.1: this machine only)"))
    p.add_argument("--port", type=int, default=8000, help=t("cổng (mặc định 8000)", "port (default 8000)"))
    p.add_argument("--token", help=t(f"mã truy cập bắt buộc cho /api/v1 và trang kiểm tra (hoặc biến môi trường {TOKEN_ENV})",
                                     f"access token required by /api/v1 and the pages (or the {TOKEN_ENV} variable)"))
    p.add_argument("--keep", metavar="DIR", help=t("lưu tệp đã gửi và kết quả của mỗi yêu cầu vào DIR (mặc định: không lưu gì)",
                                                   "keep each request's files and results in DIR (default: nothing is kept)"))
    p.add_argument("--max-upload-mb", type=float, default=d.max_upload_mb,
                   help=t(f"giới hạn một yêu cầu, MB (mặc định {d.max_upload_mb:g})", f"limit of one request, MB (default {d.max_upload_mb:g})"))
    p.add_argument("--max-file-mb", type=float, default=d.max_file_mb,
                   help=t(f"giới hạn một tệp, MB (mặc định {d.max_file_mb:g})", f"limit of one file, MB (default {d.max_file_mb:g})"))
    p.add_argument("--max-files", type=int, default=d.max_files,
                   help=t(f"số tệp mỗi yêu cầu (mặc định {d.max_files})", f"files per request (default {d.max_files})"))
    p.add_argument("--timeout", type=float, default=d.timeout,
                   help=t(f"giây cho một tệp (mặc định {d.timeout:g})", f"seconds for one file (default {d.timeout:g})"))
    p.add_argument("--workers", type=int, default=None,
                   help=t("số tiến trình kiểm tra dùng chung (mặc định: số lõi CPU)", "shared checking processes (default: number of cores)"))
    p.add_argument("--max-queue", type=int, default=d.max_queue,
                   help=t(f"số yêu cầu cùng lúc, quá thì trả 503 (mặc định {d.max_queue})",
                          f"requests at once, beyond which 503 is answered (default {d.max_queue})"))


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run(args: argparse.Namespace) -> int:
    from checker.serve.app import Limits, Settings, create_app

    for name in ("max_upload_mb", "max_file_mb", "timeout"):
        if getattr(args, name) <= 0:
            print(f"baocao-lint: --{name.replace('_', '-')} phải lớn hơn 0", file=sys.stderr)
            return 2
    for name in ("max_files", "max_queue"):
        if getattr(args, name) < 1:
            print(f"baocao-lint: --{name.replace('_', '-')} phải là số nguyên dương", file=sys.stderr)
            return 2
    workers = args.workers if args.workers is not None else (os.cpu_count() or 1)
    if workers < 0:
        print("baocao-lint: --workers phải ≥ 0", file=sys.stderr)
        return 2
    keep = Path(args.keep) if args.keep else None
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
    limits = Limits(max_upload_mb=args.max_upload_mb, max_file_mb=args.max_file_mb, max_files=args.max_files,
                    timeout=args.timeout, workers=workers, max_queue=args.max_queue)
    token = args.token or os.environ.get(TOKEN_ENV) or None
    if not _loopback(args.host):
        print(
            f"baocao-lint: CẢNH BÁO: máy chủ nghe trên {args.host}, máy khác trong mạng gửi tệp tới được"
            + ("" if token else f"; nên đặt --token hoặc {TOKEN_ENV}")
            + " (WARNING: not bound to loopback)",
            file=sys.stderr,
        )
    import uvicorn

    app = create_app(Settings(limits=limits, token=token, keep=keep))
    print(f"baocao-lint: mở http://{args.host}:{args.port}/ trong trình duyệt (Ctrl+C để dừng)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", server_header=False)
    return 0
