"""The OpenAPI 3.1 description of the HTTP API, written out by hand: four routes do not need a generator,
and the check route's options are the command line's, documented once here."""

from __future__ import annotations

from typing import Any

from checker import __version__


def _query_parameters() -> list[dict[str, Any]]:
    """The check route's query options: the command line's, under the same names."""
    from checker.categories import NAMES

    query = [
        ("format", "json (default), sarif or html: the same output as `baocao-lint check --format`", ["json", "sarif", "html"]),
        ("framework", "scoring framework id from rules/frameworks (default: detected from the text)", None),
        ("template", "report template id from rules/templates (default: detected)", None),
        ("year", "the reporting year, when the document does not say it (YYYY)", None),
        ("lang", "language of messages: vi (default) or en", ["vi", "en"]),
        ("select", "comma list of rule codes or prefixes to run (DG, TD0, VB002)", None),
        ("ignore", "comma list of rule codes or prefixes to skip", None),
        ("categories", f"comma list of categories to run: {', '.join(NAMES)}", None),
        ("only", "of an uploaded .zip bundle, check only the member with this path (bundle.zip/member.docx)", None),
    ]
    params = []
    for name, text, enum in query:
        schema: dict[str, Any] = {"type": "string"}
        if enum:
            schema["enum"] = enum
        params.append({"name": name, "in": "query", "required": False, "description": text, "schema": schema})
    return params


def _description(limits: Any) -> str:  # noqa: ANN401 - checker.serve.app.Limits
    return (
        "Checks Vietnamese administrative reports (báo cáo). The JSON answer of /api/v1/check is version 1 of "
        "the contract of `baocao-lint check --format json`. Limits of this server: "
        f"{limits.max_upload_mb:g} MB per request, {limits.max_file_mb:g} MB per file, {limits.max_files} files "
        f"per request (.zip members counted), {limits.timeout:g} s per file, {limits.workers} checking processes, "
        f"{limits.max_queue} requests at once (then 503)."
    )


def openapi_document(settings: Any) -> dict[str, Any]:  # noqa: ANN401 - checker.serve.app.Settings
    params = _query_parameters()
    security = [{"bearer": []}] if settings.token else []
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "baocao-lint",
            "version": __version__,
            "description": _description(settings.limits),
        },
        "paths": {
            "/api/v1/check": _check_route(params, security),
            "/api/v1/rules": {
                "get": {
                    "summary": "The rules table",
                    "security": security,
                    "parameters": [params[4]],
                    "responses": {"200": {"description": "One entry per rule", "content": {"application/json": {
                        "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Rule"}}}}}},
                }
            },
            "/healthz": {"get": {"summary": "200 when ready", "responses": {"200": {"description": "ready"}}}},
            "/openapi.json": {"get": {"summary": "This document", "responses": {"200": {"description": "OpenAPI 3.1"}}}},
        },
        "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}, "schemas": _schemas()},
    }


def _check_route(params: list[dict[str, Any]], security: list[dict[str, list[str]]]) -> dict[str, Any]:
    error = {"description": "Bad request: one line saying what is wrong",
             "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    return {
        "post": {
            "summary": "Check one or more reports",
            "security": security,
            "parameters": params,
            "requestBody": {
                "required": True,
                "content": {"multipart/form-data": {"schema": {
                    "type": "object",
                    "required": ["files"],
                    "properties": {"files": {"type": "array", "items": {"type": "string", "format": "binary"},
                                             "description": ".txt .md .docx .pdf …, or a .zip bundle of them"}},
                }}},
            },
            "responses": {
                "200": {
                    "description": "The report; a file that could not be read has its `error` set",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Report"}},
                        "application/sarif+json": {"schema": {"type": "object"}},
                        "text/html": {"schema": {"type": "string"}},
                    },
                },
                "400": error, "401": error, "413": error, "415": error, "503": error,
            },
        }
    }


def _schemas() -> dict[str, Any]:
    """The JSON shapes of the answers: an error, a rule, and the contract's report."""
    return {
        "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}},
        "Rule": {"type": "object", "properties": {
            "code": {"type": "string"}, "name": {"type": "string"}, "category": {"type": "string"},
            "severity": {"type": "string", "enum": ["error", "warning", "info"]},
            "summary": {"type": "string"}, "fixable": {"type": "boolean"}}},
        "Finding": {"type": "object", "required": ["rule", "category", "severity", "message", "line", "column",
                                                   "end_line", "end_column", "evidence"],
                    "properties": {
                        "rule": {"type": "string"}, "category": {"type": "string"},
                        "severity": {"type": "string", "enum": ["error", "warning", "info"]},
                        "message": {"type": "string"}, "line": {"type": "integer"}, "column": {"type": "integer"},
                        "end_line": {"type": "integer"}, "end_column": {"type": "integer"},
                        "evidence": {"type": "string"}, "fix": {"type": ["string", "null"]},
                        "location": {"type": ["string", "null"]}}},
        "File": {"type": "object", "required": ["path", "format", "error", "findings"], "properties": {
            "path": {"type": "string"}, "format": {"type": "string"}, "error": {"type": ["string", "null"]},
            "report": {"type": ["object", "null"]},
            "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}}}},
        "Report": {"type": "object", "required": ["version", "tool", "files", "summary"], "properties": {
            "version": {"const": 1},
            "tool": {"type": "object", "properties": {"name": {"type": "string"}, "version": {"type": "string"}}},
            "files": {"type": "array", "items": {"$ref": "#/components/schemas/File"}},
            "summary": {"type": "object", "properties": {
                "files": {"type": "integer"}, "errors": {"type": "integer"},
                "warnings": {"type": "integer"}, "infos": {"type": "integer"}}}}},
    }
