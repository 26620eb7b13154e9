"""The ASGI app behind `baocao-lint serve`: the upload page, the report pages and the HTTP API.

Everything a request brings is held in memory and dropped with the request: uploads are read into
bytes (never saved), checked from bytes, and answered. Only `--keep DIR` writes, and only into DIR.
The routes are those of ../shared/CONTRACT.md (`POST /api/v1/check`, `GET /api/v1/rules`, `GET /healthz`,
`GET /openapi.json`, `GET /`); `/ui/…` serves the pages' own needs (a report's page, an annotated copy).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import functools
import hmac
import io
import json
import re
import secrets
import zipfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from markupsafe import Markup
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from checker import __version__
from checker.context import Options
from checker.report import FileReport
from checker.serve.limits import Limits
from checker.serve.pool import CheckPool

# the pages load nothing from anywhere: scripts and styles are inline, requests go to this server only
PAGE_HEADERS = {
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    "connect-src 'self'; img-src data: blob:; form-action 'self'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}
FORMATS = ("json", "sarif", "html")
MEDIA = {"json": "application/json", "sarif": "application/sarif+json", "html": "text/html; charset=utf-8"}


@dataclass
class Settings:
    """The web service's settings: limits, token and where uploads are kept."""
    limits: Limits = field(default_factory=Limits)
    token: str | None = None  # required on /api/v1/* and /ui/* when set
    keep: Path | None = None  # a folder where each request's uploads and answer are kept


class BadRequest(Exception):
    """A request-level problem: answered with its status and the one-line `{"error": …}`."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


class _TooLarge(Exception):
    pass


def _error(message: str, status: int) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


# -- options ----------------------------------------------------------------------------------------
def _codes(value: str | None) -> list[str]:
    return [c.strip().upper() for c in (value or "").split(",") if c.strip()]


def options_from_query(params: dict[str, str]) -> Options:
    """The `check` options from query parameters, validated like the command line's."""
    from checker.engine import PREFIX, unknown_codes
    from checker.ruledata import RuleDataError, load_frameworks, load_templates

    known = {"framework", "template", "year", "lang", "select", "ignore", "categories"}
    extra = sorted(set(params) - known)
    if extra:
        raise BadRequest(f"tham số không hỗ trợ: {', '.join(extra)} (có: {', '.join(sorted(known))})")
    opts = Options()
    lang = params.get("lang") or "vi"
    if lang not in ("vi", "en"):
        raise BadRequest("lang phải là vi hoặc en")
    opts.lang = lang
    opts.select = _codes(params.get("select"))
    opts.ignore = _codes(params.get("ignore"))
    cats = [c.strip().lower() for c in (params.get("categories") or "").split(",") if c.strip()]
    if cats:
        by_cat = {cat: prefix for prefix, cat in PREFIX.items()}
        wrong = [c for c in cats if c not in by_cat]
        if wrong:
            raise BadRequest(f"nhóm quy tắc không tồn tại: {', '.join(wrong)} (có: {', '.join(sorted(by_cat))})")
        # categories narrow the selection: a code given in select stays only if its category is wanted
        prefixes = [by_cat[c] for c in cats]
        opts.select = [c for c in opts.select if c[:2] in prefixes] or prefixes
    bad = unknown_codes(opts.select + opts.ignore)
    if bad:
        raise BadRequest(f"mã quy tắc không tồn tại: {', '.join(bad)}")
    year = params.get("year")
    if year:
        if not re.fullmatch(r"(19|20)\d\d", year.strip()):
            raise BadRequest(f"year phải là một năm bốn chữ số, không phải {year!r}")
        opts.year = int(year)
    try:
        if params.get("framework"):
            frameworks = load_frameworks(())
            if params["framework"] not in frameworks:
                raise BadRequest(
                    f"không có khung chấm điểm {params['framework']} (có: {', '.join(sorted(frameworks))})"
                )
            opts.framework = params["framework"]
        if params.get("template"):
            templates = load_templates(())
            if params["template"] not in templates:
                raise BadRequest(f"không có mẫu báo cáo {params['template']} (có: {', '.join(sorted(templates))})")
            opts.template = params["template"]
    except RuleDataError as exc:
        raise BadRequest(f"lỗi dữ liệu quy tắc của máy chủ: {exc}", 500) from exc
    return opts


# -- uploads ----------------------------------------------------------------------------------------
def safe_name(name: str) -> str | None:
    """The uploaded name as a relative path to show, or None when it tries to leave its folder."""
    name = name.replace("\\", "/")
    if not name or name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return None
    parts = PurePosixPath(name).parts
    if any(p == ".." for p in parts):
        return None
    clean = "/".join(p for p in parts if p not in ("", "."))
    return clean or None


@dataclass
class Upload:
    """One uploaded file: its name and bytes, or why it was refused."""
    name: str
    data: bytes | None = None
    error: str | None = None


def unpack(name: str, data: bytes, limits: Limits, room: int) -> list[Upload]:
    """A .zip bundle's members (in memory, never on disk); unsafe or oversized members become errors."""
    try:
        bundle = zipfile.ZipFile(io.BytesIO(data))
        infos = [i for i in bundle.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        return [Upload(name, error=f"tệp .zip hỏng, không mở được ({type(exc).__name__})")]
    from checker.ingest import unsupported_reason

    out: list[Upload] = []
    if len(infos) > room:
        raise BadRequest(f"quá nhiều tệp: {name} có {len(infos)} tệp, giới hạn còn {room} tệp cho yêu cầu này", 413)
    file_limit = int(limits.max_file_mb * 1024 * 1024)
    for info in infos:
        member = safe_name(info.filename)
        shown = f"{name}/{member or info.filename}"
        base = PurePosixPath(info.filename).name
        if base.startswith(".") or "__MACOSX" in info.filename:
            out.append(Upload(shown, error="bỏ qua: tệp ẩn hoặc tệp phụ của hệ điều hành trong .zip"))
            continue
        if member is None:
            out.append(Upload(shown, error="tên tệp trong .zip không an toàn (đường dẫn ra ngoài thư mục), không giải nén"))
            continue
        if info.file_size > file_limit:
            out.append(Upload(shown, error=f"tệp quá lớn khi giải nén: {info.file_size // 1024} KB > {file_limit // 1024} KB"))
            continue
        if info.compress_size and info.file_size / max(1, info.compress_size) > limits.zip_ratio:
            out.append(Upload(shown, error="tệp trong .zip nén bất thường (nghi zip bomb), không giải nén"))
            continue
        try:
            with bundle.open(info) as fh:
                content = fh.read(file_limit + 1)
        except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError) as exc:
            out.append(Upload(shown, error=f"không giải nén được ({type(exc).__name__})"))
            continue
        if len(content) > file_limit:
            out.append(Upload(shown, error=f"tệp quá lớn khi giải nén: hơn {file_limit // 1024} KB"))
            continue
        if member.lower().endswith(".zip"):
            out.append(Upload(shown, error="tệp .zip lồng trong .zip: hãy giải nén ra trước"))
            continue
        reason = unsupported_reason(member)
        if reason is not None:  # as a folder's files are: listed with the reason, not checked
            out.append(Upload(shown, error=reason))
            continue
        out.append(Upload(shown, content))
    return out


async def read_uploads(request: Request, limits: Limits) -> list[Upload]:
    """The `files` of a multipart request, with the size and count limits applied while reading."""
    ctype = request.headers.get("content-type", "")
    if not ctype.startswith("multipart/form-data"):
        raise BadRequest("cần gửi multipart/form-data với trường files (một hoặc nhiều tệp)", 415)
    body_limit = int(limits.max_upload_mb * 1024 * 1024)
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > body_limit:
        raise BadRequest(f"yêu cầu quá lớn: {int(declared) // 1024} KB > giới hạn {body_limit // 1024} KB", 413)
    seen = 0
    receive = request.receive

    async def counted() -> dict:
        nonlocal seen
        message = await receive()
        seen += len(message.get("body", b""))
        if seen > body_limit:
            raise _TooLarge()
        return message

    counted_request = Request(request.scope, counted)
    # uploads stay in memory up to the per-file limit (Starlette spools a part over 1 MB to a temporary
    # file otherwise): nothing of a request touches the disk
    from starlette.formparsers import MultiPartParser

    MultiPartParser.spool_max_size = max(MultiPartParser.spool_max_size, int(limits.max_file_mb * 1024 * 1024) + 1)
    file_limit = int(limits.max_file_mb * 1024 * 1024)
    try:
        form = await counted_request.form(max_files=limits.max_files, max_fields=50, max_part_size=64 * 1024)
    except _TooLarge as exc:
        raise BadRequest(f"yêu cầu quá lớn: hơn {body_limit // 1024} KB", 413) from exc
    except HTTPException as exc:  # Starlette's own limits and a malformed body
        detail = str(exc.detail)
        if "files" in detail.lower() and "maximum" in detail.lower():
            raise BadRequest(f"quá nhiều tệp trong một yêu cầu (giới hạn {limits.max_files})", 413) from exc
        raise BadRequest(f"nội dung multipart hỏng: {detail}") from exc
    except Exception as exc:  # python-multipart on a broken body
        raise BadRequest(f"nội dung multipart hỏng ({type(exc).__name__})") from exc
    try:
        items = form.getlist("files")
        if not items:
            raise BadRequest("không có tệp nào: gửi tệp trong trường files")
        uploads: list[Upload] = []
        for item in items:
            if not isinstance(item, UploadFile):
                raise BadRequest("trường files phải là tệp, không phải chữ")
            raw_name = item.filename or "tep-khong-ten.txt"
            name = safe_name(raw_name)
            data = await item.read(file_limit + 1)
            if name is None:
                uploads.append(Upload(raw_name, error="tên tệp không an toàn (đường dẫn ra ngoài thư mục)"))
            elif len(data) > file_limit:
                uploads.append(Upload(name, error=f"tệp quá lớn: hơn {file_limit // 1024} KB"))
            elif name.lower().endswith(".zip"):  # (.docx, .xlsx, .odt are ZIP packages too: by name only)
                uploads.extend(unpack(name, data, limits, limits.max_files - len(uploads)))
            else:
                uploads.append(Upload(name, data))
            if len(uploads) > limits.max_files:
                raise BadRequest(f"quá nhiều tệp trong một yêu cầu (giới hạn {limits.max_files})", 413)
        return uploads
    finally:
        await form.close()


# -- the app ----------------------------------------------------------------------------------------
class Desk:
    """State shared by all requests: settings, the process pool and the request queue."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.pool = CheckPool(settings.limits.workers, settings.limits.timeout)
        self.active = 0

    def authorised(self, request: Request) -> bool:
        token = self.settings.token
        if not token:
            return True
        given = request.headers.get("authorization", "")
        given = given[7:] if given.lower().startswith("bearer ") else request.headers.get("x-baocao-token", "")
        return hmac.compare_digest(given.encode(), token.encode())

    async def run(self, request: Request, keep_text: bool) -> tuple[list[Upload], list[FileReport], Options]:
        """Read, check and return the reports of one request (in upload order)."""
        if not self.authorised(request):
            raise BadRequest("thiếu hoặc sai mã truy cập (Authorization: Bearer …)", 401)
        params = dict(request.query_params)
        # `only`: of a .zip bundle, check just this member (the page opening one report of a bundle)
        only = params.pop("only", None)
        params.pop("format", None)
        params.pop("index", None)
        opts = options_from_query(params)
        if self.active >= self.settings.limits.max_queue:
            raise BadRequest("máy chủ đang bận (hàng đợi đầy), hãy thử lại sau ít giây", 503)
        self.active += 1
        try:
            uploads = await read_uploads(request, self.settings.limits)
            if only:
                uploads = [u for u in uploads if u.name == only]
                if not uploads:
                    raise BadRequest(f"không có tệp {only} trong các tệp đã gửi")
            opts.max_bytes = int(self.settings.limits.max_file_mb * 1024 * 1024)

            async def one(up: Upload) -> FileReport:
                if up.error is not None or up.data is None:
                    fmt = up.name.rsplit(".", 1)[-1].lower() if "." in up.name else "txt"
                    return FileReport(path=up.name, format=fmt, error=up.error)
                return await self.pool.check(up.data, up.name, opts, keep_text)

            reports = list(await asyncio.gather(*(one(u) for u in uploads)))
            if self.settings.keep is not None:
                self._keep(uploads, reports)
            return uploads, reports, opts
        finally:
            self.active -= 1

    def _keep(self, uploads: list[Upload], reports: list[FileReport]) -> None:
        from checker.report import json_document

        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S")
        folder = self.settings.keep / f"{stamp}-{secrets.token_hex(4)}"  # type: ignore[operator]
        for up in uploads:
            if up.data is not None:
                target = folder / "files" / up.name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(up.data)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "report.json").write_text(json.dumps(json_document(reports), ensure_ascii=False, indent=2), "utf-8")


def render(reports: list[FileReport], fmt: str, lang: str) -> str:
    """The same reporter code as `baocao-lint check --format …`."""
    from checker.reporters import REPORTERS

    return REPORTERS[fmt](reports, lang, False)


def _desk(request: Request) -> Desk:
    return request.app.state.desk


def _guarded(handler: Callable[[Request], Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
    """A route whose `BadRequest` is answered with its status and the one-line `{"error": …}`."""

    @functools.wraps(handler)
    async def route(request: Request) -> Response:
        try:
            return await handler(request)
        except BadRequest as exc:
            return _error(str(exc), exc.status)

    return route


@_guarded
async def _api_check(request: Request) -> Response:
    fmt = request.query_params.get("format", "json")
    if fmt not in FORMATS:
        raise BadRequest(f"format không hỗ trợ: {fmt} (có: {', '.join(FORMATS)})")
    _, reports, opts = await _desk(request).run(request, keep_text=fmt == "html")
    return Response(render(reports, fmt, opts.lang), media_type=MEDIA[fmt])


async def _api_rules(request: Request) -> Response:
    if not _desk(request).authorised(request):
        return _error("thiếu hoặc sai mã truy cập (Authorization: Bearer …)", 401)
    lang = request.query_params.get("lang", "vi")
    return JSONResponse(rules_table(lang))


async def _healthz(request: Request) -> Response:
    return JSONResponse({"status": "ok", "version": __version__, "active_requests": _desk(request).active})


async def _openapi(request: Request) -> Response:
    from checker.serve.openapi import openapi_document

    return JSONResponse(openapi_document(_desk(request).settings))


async def _index(request: Request) -> Response:
    from checker.serve.render import page

    settings = _desk(request).settings
    lang = "en" if request.query_params.get("lang") == "en" else "vi"
    limits = settings.limits
    return HTMLResponse(page("index.html", lang, limits=limits, token=bool(settings.token),
                             choices=_choices(), version=__version__,
                             limits_json=Markup(json.dumps(dataclasses.asdict(limits)))),
                        headers=PAGE_HEADERS)


@_guarded
async def _ui_report(request: Request) -> Response:
    """One report's page (an HTML fragment the upload page shows when a report is opened)."""
    from checker.serve.render import report_fragment

    _, reports, opts = await _desk(request).run(request, keep_text=True)
    first = request.query_params.get("index", "0")
    base = int(first) if first.isdigit() else 0
    return HTMLResponse("".join(report_fragment(base + k, r, opts.lang) for k, r in enumerate(reports)))


@_guarded
async def _ui_annotate(request: Request) -> Response:
    """The annotated Word copy of one uploaded file."""
    from checker.annotate import annotated_docx, annotated_name

    uploads, reports, opts = await _desk(request).run(request, keep_text=True)
    if len(reports) != 1:
        raise BadRequest("gửi đúng một tệp để lấy bản Word có nhận xét")
    rep = reports[0]
    if rep.error:
        raise BadRequest(f"{rep.path}: {rep.error}", 422)
    data = await asyncio.to_thread(annotated_docx, rep, uploads[0].data)
    name = annotated_name(rep.path)
    return Response(data, media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    headers={"content-disposition": f"attachment; filename*=UTF-8''{_quote(name)}"})


async def _not_found(request: Request, exc: Exception) -> Response:
    status = getattr(exc, "status_code", 404)
    return _error("không có đường dẫn này" if status == 404 else "phương thức không được hỗ trợ", status)


ROUTES = [
    Route("/", _index),
    Route("/healthz", _healthz),
    Route("/openapi.json", _openapi),
    Route("/api/v1/check", _api_check, methods=["POST"]),
    Route("/api/v1/rules", _api_rules),
    Route("/ui/report", _ui_report, methods=["POST"]),
    Route("/ui/annotate", _ui_annotate, methods=["POST"]),
]


def create_app(settings: Settings | None = None) -> Starlette:
    """The app: the routes above, each reading the one `Desk` (settings, pool, counters) from `app.state`."""
    desk = Desk(settings or Settings())

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):  # noqa: ANN202
        yield
        desk.pool.close()

    app = Starlette(routes=ROUTES, exception_handlers={404: _not_found, 405: _not_found}, lifespan=lifespan)
    app.state.desk = desk
    return app


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="")


def rules_table(lang: str = "vi") -> list[dict[str, object]]:
    from checker.engine import all_rules

    return [
        {
            "code": r.code,
            "name": r.name,
            "category": r.category,
            "severity": r.severity,
            "summary": r.summary_en if lang == "en" else r.summary_vi,
            "fixable": r.fixable,
        }
        for r in all_rules().values()
    ]


def _choices() -> dict[str, list[str]]:
    """Frameworks, templates and categories offered on the upload page."""
    from checker.engine import PREFIX
    from checker.ruledata import load_frameworks, load_templates

    try:
        frameworks = sorted(load_frameworks(()))
        templates = sorted(load_templates(()))
    except Exception:  # broken rule data: the page still opens, the check will say what is wrong
        frameworks, templates = [], []
    return {"frameworks": frameworks, "templates": templates, "categories": list(PREFIX.values())}
