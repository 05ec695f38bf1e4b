"""Article text is hostile input: headers that keep a browser from running anything it carries,
a body-size cap, and JSON that cannot be read as HTML."""

from __future__ import annotations

import json
from typing import Any

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ...errors import size_text

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# Swagger UI sets inline styles; its scripts still come only from our own files
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'").replace(
    "img-src 'self'", "img-src 'self' data:")
HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
}


class SafeJSON(JSONResponse):
    """JSON with <, > and & escaped: inert even if some client sniffs it as HTML."""

    def render(self, content: Any) -> bytes:
        body = json.dumps(content, ensure_ascii=False, allow_nan=False, default=str, separators=(",", ":"))
        return body.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").encode("utf-8")


class Guard:
    """ASGI middleware: security headers on every response; request bodies over ``max_body`` get 413."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = DOCS_CSP if scope["path"] == "/docs" else CSP

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.decode().lower() not in HEADERS and k.decode().lower() != "content-security-policy"]
                headers += [(k.encode(), v.encode()) for k, v in HEADERS.items()]
                headers.append((b"content-security-policy", csp.encode()))
                message["headers"] = headers
            await send(message)

        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            await _too_large(self.max_body, send_with_headers)
            return
        seen = 0
        too_big = False

        async def counted_receive() -> Message:
            nonlocal seen, too_big
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    too_big = True
                    return {"type": "http.disconnect"}
            return message

        started = False

        async def send_tracked(message: Message) -> None:
            # once the body ran over, whatever the app answers (a parse error, say) becomes our 413
            nonlocal started
            if too_big:
                if not started:
                    started = True
                    await _too_large(self.max_body, send_with_headers)
                return
            if message["type"] == "http.response.start":
                started = True
            await send_with_headers(message)

        try:
            await self.app(scope, counted_receive, send_tracked)
        except Exception:
            if not too_big:  # the app's own failure, not our cut-off body
                raise
        if too_big and not started:
            await _too_large(self.max_body, send_with_headers)


async def _too_large(limit: int, send: Send) -> None:
    body = json.dumps({"detail": f"request body over {size_text(limit)} ({limit} bytes); send a smaller article"}
                      ).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
