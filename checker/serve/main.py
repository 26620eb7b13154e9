"""`baocao-lint serve`: start the web desk and the HTTP API on uvicorn."""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys
from pathlib import Path

TOKEN_ENV = "BAOCAO_LINT_TOKEN"


def add_arguments(p: argparse.ArgumentParser) -> None:
    from checker.serve.app import Limits

    d = Limits()
    p.add_argument("--host", default="127.0.0.1", help="địa chỉ lắng nghe (mặc định 127.0.0.1: chỉ máy này)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--token", help=f"mã truy cập bắt buộc cho /api/v1 và trang kiểm tra (hoặc biến môi trường {TOKEN_ENV})")
    p.add_argument("--keep", metavar="DIR", help="lưu tệp đã gửi và kết quả của mỗi yêu cầu vào DIR (mặc định: không lưu gì)")
    p.add_argument("--max-upload-mb", type=float, default=d.max_upload_mb, help=f"giới hạn một yêu cầu, MB (mặc định {d.max_upload_mb:g})")
    p.add_argument("--max-file-mb", type=float, default=d.max_file_mb, help=f"giới hạn một tệp, MB (mặc định {d.max_file_mb:g})")
    p.add_argument("--max-files", type=int, default=d.max_files, help=f"số tệp mỗi yêu cầu (mặc định {d.max_files})")
    p.add_argument("--timeout", type=float, default=d.timeout, help=f"giây cho một tệp (mặc định {d.timeout:g})")
    p.add_argument("--workers", type=int, default=None, help="số tiến trình kiểm tra dùng chung (mặc định: số lõi CPU)")
    p.add_argument("--max-queue", type=int, default=d.max_queue, help=f"số yêu cầu cùng lúc, quá thì trả 503 (mặc định {d.max_queue})")


def _loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return host == "localhost"
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
