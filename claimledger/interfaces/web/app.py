"""The web reading room and REST API: every page has a JSON twin made from the same view."""

from __future__ import annotations

import functools
import hmac
import io
import os
import threading
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from ... import __version__
from ...analysis.figures import chart, compare
from ...errors import ClaimledgerError
from ...extract import Extractor
from ...ingest.options import IngestOptions
from ...ledger.read.filters import FilterError
from ...ledger.store import Ledger
from ..dates import human_date, human_moment
from . import pages
from .security import Guard, SafeJSON

HERE = Path(__file__).parent
DEFAULT_MAX_BODY = 2 * 1024 * 1024


def safe_href(url: str | None) -> str | None:
    """Only http(s) links become links; 'javascript:' and friends stay text."""
    if not url:
        return None
    return url if urlparse(url).scheme in ("http", "https") else None


def number(v: float | None) -> str:
    if v is None:
        return ""
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}"


def _env() -> Environment:
    env = Environment(loader=PackageLoader("claimledger.interfaces.web", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.filters["href"] = safe_href
    env.filters["num"] = number
    env.filters["day"] = human_date  # dates as people read them; the JSON twin keeps ISO
    env.filters["moment"] = human_moment
    env.globals["version"] = __version__
    return env


def twin(app: FastAPI, path: str, template: str, view: Callable[..., dict[str, Any]], summary: str,
         tags: list[str | Enum]) -> None:
    """Register ``path`` (HTML) and ``path.json`` (API) for one view; the JSON route first, so that
    '/actors/x.json' is never read as the actor 'x.json'."""
    env: Environment = app.state.templates
    json_path = "/index.json" if path == "/" else f"{path}.json"

    @functools.wraps(view)
    def as_json(*args: Any, **kwargs: Any) -> SafeJSON:
        return SafeJSON(jsonable_encoder(view(*args, **kwargs)))

    @functools.wraps(view)
    def as_html(*args: Any, **kwargs: Any) -> HTMLResponse:
        data = view(*args, **kwargs)
        request: Request = kwargs["request"]
        return HTMLResponse(env.get_template(template).render(**data, request=request,
                                                              json_url=_json_url(request)))

    app.add_api_route(json_path, as_json, methods=["GET"], summary=summary, tags=tags, response_class=SafeJSON,
                      name=f"{view.__name__}_json")
    app.add_api_route(path, as_html, methods=["GET"], include_in_schema=False, response_class=HTMLResponse,
                      name=view.__name__)


def _json_url(request: Request) -> str:
    path = request.url.path
    path = "/index.json" if path == "/" else path + ".json"
    return path + (f"?{request.url.query}" if request.url.query else "")


class ArticleIn(BaseModel):
    """One article: its text, its HTML, or only a URL to fetch."""

    text: str | None = Field(None, description="plain article text")
    html: str | None = Field(None, description="an HTML page; the article is extracted from it")
    url: str | None = Field(None, description="where the article lives; fetched when neither text nor html is given")
    title: str | None = None
    outlet: str | None = None
    published: str | None = Field(None, description="ISO 8601 date")
    author: str | None = None


def create_app(db: str | None = None, extractor: Extractor | None = None, token: str | None = None,
               max_body: int = DEFAULT_MAX_BODY, allow_private: bool = False) -> FastAPI:
    """The ASGI app over one ledger. ``token`` (else $CLAIMLEDGER_TOKEN) enables writes; none: read-only.

    A read-only app opens the ledger for reading (it must exist) and never loads the model; a writable
    one extracts posted articles with ``extractor`` (default: the default configuration), whose model
    loads with the first post.
    """
    token = (token if token is not None else os.environ.get("CLAIMLEDGER_TOKEN")) or None  # "" = read-only
    ledger = Ledger.open(db, mode="write" if token else "read")
    app = FastAPI(title="claimledger", version=__version__, docs_url=None, redoc_url=None,
                  description="Who said what, when, with which figures: attributed statements and figures "
                              "from news, each with offsets into its stored article.")
    app.state.ledger = ledger
    app.state.extractor = extractor if extractor is not None else Extractor()
    threading.Thread(target=pages.warm, args=(ledger,), daemon=True, name="warm-aggregates").start()
    app.state.templates = _env()
    app.add_middleware(Guard, max_body=max_body)
    _swagger(app)  # before /static, which would otherwise take /static/swagger/…
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _pages(app)
    _writes(app, token, allow_private)
    _errors(app)
    return app


def _pages(app: FastAPI) -> None:
    """Every page and its JSON twin, and the comparison chart."""
    ledger = app.state.ledger
    twin(app, "/", "overview.html", pages.overview, "Counts, latest articles, most-quoted actors, contested figures",
         ["overview"])
    twin(app, "/articles", "articles.html", pages.articles, "Articles, newest first", ["articles"])
    twin(app, "/articles/{article_id:int}", "article.html", pages.article,
         "One article: its text, statements, figures and segments with offsets", ["articles"])
    twin(app, "/actors", "actors.html", pages.actors, "Actors, most quoted first", ["actors"])
    twin(app, "/actors/{slug}", "actor.html", pages.actor,
         "One actor: aliases, roles, statements over time, figures claimed, outlets quoting", ["actors"])
    twin(app, "/statements", "statements.html", pages.statements, "Statements with filters", ["statements"])
    twin(app, "/figures", "figures.html", pages.figures, "Figures with filters; contested quantities",
         ["figures"])
    twin(app, "/figures/compare", "compare.html", pages.comparison,
         "One quantity as each claimant gives it", ["figures"])
    twin(app, "/positions", "positions.html", pages.positions,
         "Who stands where: actor x topic stances with evidence, and the talks timeline", ["positions"])
    twin(app, "/claims", "claims.html", pages.claims,
         "Claims across sources: one quote or figure of one actor, carried by several articles", ["claims"])
    twin(app, "/claims/{claim_id:int}", "claim.html", pages.claim,
         "One claim: where it first appeared, who carried it, how its wording or number changed", ["claims"])
    twin(app, "/search", "search.html", pages.search, "Full-text search over statements and articles", ["search"])
    twin(app, "/outlets", "outlets.html", pages.outlets, "Outlets (or countries) and whom they quote", ["outlets"])
    twin(app, "/outlets/{outlet_id:int}", "outlet.html", pages.outlet, "One outlet and whom it quotes",
         ["outlets"])

    @app.get("/figures/compare.svg", include_in_schema=False)
    def compare_svg(request: Request, q: str = Query(..., min_length=1), since: str | None = None,
                    until: str | None = None) -> Response:
        cmp = compare(ledger, q, pages.filters(since=since, until=until))
        buf = io.BytesIO()
        chart(cmp, buf, fmt="svg")  # text drawn as paths: nothing in an actor's name can run
        return Response(buf.getvalue(), media_type="image/svg+xml")


def _writes(app: FastAPI, token: str | None, allow_private: bool) -> None:
    """POST /articles, behind the token: 403 without one configured, 401 for a wrong one."""
    ledger = app.state.ledger

    def need_token(request: Request) -> None:
        if token is None:
            raise HTTPException(403, "this server is read-only; start it with CLAIMLEDGER_TOKEN set to allow writes")
        given = request.headers.get("authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
            raise HTTPException(401, "missing or wrong token; send 'Authorization: Bearer <CLAIMLEDGER_TOKEN>'")

    @app.post("/articles", tags=["articles"], dependencies=[Depends(need_token)], status_code=201,
              summary="Ingest one article (text, HTML or URL) and return its extraction")
    def post_article(body: ArticleIn) -> SafeJSON:
        from ...workflow import ingest_document

        try:
            res = ingest_document(ledger, app.state.extractor, text=body.text, html=body.html, url=body.url,
                                  title=body.title, outlet=body.outlet, published=body.published, author=body.author,
                                  options=IngestOptions(allow_private=allow_private))
        except ClaimledgerError as e:
            raise HTTPException(422, str(e)) from None
        return SafeJSON(jsonable_encoder({
            "article_id": res.article_id, "added": res.added, "identity": res.article.identity,
            "title": res.article.title, "published": res.article.published,
            "extraction": res.extraction.to_dict() if res.extraction else None,
        }), status_code=201 if res.added else 200)


def _swagger(app: FastAPI) -> None:
    """API docs from Swagger UI as packaged by fastapi-offline: no CDN, and no inline script."""
    import fastapi_offline

    assets = Path(fastapi_offline.__file__).parent / "static"
    app.mount("/static/swagger", StaticFiles(directory=assets), name="swagger")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(app.state.templates.get_template("docs.html").render())


def _errors(app: FastAPI) -> None:
    def wants_json(request: Request) -> bool:
        return request.url.path.endswith(".json") or request.method != "GET"

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if wants_json(request):
            return SafeJSON({"detail": exc.detail}, status_code=exc.status_code)
        html = app.state.templates.get_template("error.html").render(status=exc.status_code, detail=exc.detail,
                                                                     request=request)
        return HTMLResponse(html, status_code=exc.status_code)

    @app.exception_handler(FilterError)
    async def bad_filter(request: Request, exc: FilterError) -> Response:
        """A filter value that cannot mean anything (a date that is none, an unknown kind): 400 with the fix."""
        detail = str(exc).removeprefix("--")  # the parameter's name as the URL spells it
        if wants_json(request):
            return SafeJSON({"detail": detail}, status_code=400)
        html = app.state.templates.get_template("error.html").render(status=400, detail=detail, request=request)
        return HTMLResponse(html, status_code=400)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        detail = "; ".join(f"{'.'.join(str(x) for x in e['loc'][1:])}: {e['msg']}" for e in exc.errors())
        # a query parameter out of range is a bad request; a posted body that is no article stays 422
        status = 400 if all(e["loc"][:1] == ("query",) for e in exc.errors()) else 422
        if wants_json(request):
            return SafeJSON({"detail": detail}, status_code=status)
        html = app.state.templates.get_template("error.html").render(status=status, detail=detail, request=request)
        return HTMLResponse(html, status_code=status)
