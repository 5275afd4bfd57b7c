"""What keeps the app trustworthy at its edge: errors as plain pages, strict headers."""

from __future__ import annotations

import logging

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventwire.web.params import BadRequest
from eventwire.web.render import NotFound, json_response

LOGGER = logging.getLogger(__name__)

# No script but the app's own files: even text that escaped escaping could not run.
_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; script-src 'self'; style-src 'self' "
     b"'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
     b"form-action 'self'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]  # fmt: skip
_MESSAGES = {400: "Bad request", 404: "Not found", 405: "Method not allowed", 500: "Server error"}


def error_handlers(templates: Jinja2Templates) -> dict:
    """Errors as plain pages (or JSON for a `.json` request): never a stack trace."""

    def render(request: Request, status: int, message: str) -> Response:
        if request.url.path.endswith(".json"):
            return json_response({"error": message, "status": status}, status)
        title = _MESSAGES.get(status, "Error")
        context = {"title": title, "status": status, "message": message}
        return templates.TemplateResponse(request, "error.html", context, status_code=status)

    async def bad_request(request: Request, exc: Exception) -> Response:
        return render(request, 400, str(exc))

    async def not_found(request: Request, exc: Exception) -> Response:
        return render(request, 404, str(exc))

    async def http_error(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 500)
        return render(request, status, _MESSAGES.get(status, "The request failed."))

    async def server_error(request: Request, exc: Exception) -> Response:
        LOGGER.exception("error serving %s", request.url.path, exc_info=exc)
        return render(request, 500, "Something went wrong on the server; the log has details.")

    return {
        BadRequest: bad_request,
        NotFound: not_found,
        HTTPException: http_error,
        Exception: server_error,
    }


class SecurityHeaders:
    """ASGI middleware adding the content security policy and no-sniff headers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)
