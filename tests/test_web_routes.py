"""The web app's routes through Starlette's test client, on a small store built here."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from eventwire.cli import app as cli_app
from eventwire.store import Store
from eventwire.web import create_app, plotly_js, rows
from eventwire.web.highlight import Span, highlight
from eventwire.web.params import MAX_SIZE
from web_helpers import HOSTILE_TEXT, HOSTILE_TITLE, build_web_store


class _Tags(HTMLParser):
    """The elements of a page and their attributes, as a browser would read them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def dangers(html: str) -> list[str]:
    """What in a page could run script: handlers, inline scripts, foreign tags, js: links."""
    parser = _Tags()
    parser.feed(html)
    found = []
    for tag, attrs in parser.tags:
        found += [f"{tag} {name}" for name in attrs if name.startswith("on")]
        if tag == "script" and not (attrs.get("src") or "").startswith("/"):
            found.append("inline or foreign script")
        if tag in ("img", "b", "i", "iframe", "object"):
            found.append(f"<{tag}> from the text")
        if (attrs.get("href") or "").strip().lower().startswith("javascript"):
            found.append("javascript: link")
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The test store's path and the ids of things in it."""
    path = tmp_path_factory.mktemp("web") / "web.duckdb"
    return path, build_web_store(path)


@pytest.fixture(scope="module")
def web(built):
    """The app over a read-only store, and the ids of things in it."""
    path, ids = built
    store = Store(path, read_only=True)
    yield TestClient(create_app(store)), ids
    store.close()


def pages(ids: dict[str, str]) -> list[str]:
    """Every kind of page, with ids that exist."""
    return [
        "/", "/events", "/events?dyad=USA-RUS&modality=asserted&since=2012-03&until=2012-09",
        "/event/rich/0", "/event/evil/1", f"/fused/{ids['fused']}", "/fused?min_articles=2",
        "/dyad/USA-RUS", "/dyad/USA~RUS?by=week&all=1", "/dyad/USA~RUS/2012-11",
        "/documents", "/documents?q=Putin&since=2012", "/document/rich", "/document/evil",
        "/document/rich?mark=0-10", "/actors", "/actors?q=Putin", f"/actor/{ids['actor']}",
        "/stories", f"/story/{ids['story']}", "/quotes", "/quotes?speaker=Putin",
        "/search", "/search?q=Putin", "/search?q=alert",
    ]  # fmt: skip


def twin(url: str, fmt: str) -> str:
    """The JSON or CSV address of a page."""
    here, _, query = url.partition("?")
    here = "/index" if here == "/" else here
    return f"{here}.{fmt}" + (f"?{query}" if query else "")


def test_every_page_and_its_json_twin_answer(web) -> None:
    client, ids = web
    for url in pages(ids):
        page = client.get(url)
        assert page.status_code == 200, url
        assert page.headers["content-type"].startswith("text/html"), url
        data = client.get(twin(url, "json"))
        assert data.status_code == 200, url
        assert isinstance(data.json(), dict), url


def test_csv_downloads_parse_and_match_the_json(web) -> None:
    client, ids = web
    for url in pages(ids):
        data = client.get(twin(url, "json")).json()
        tables = [
            k for k, v in data.items() if isinstance(v, list) and v and isinstance(v[0], dict)
        ]
        for table in tables:
            sep = "&" if "?" in url else "?"
            response = client.get(twin(url, "csv") + f"{sep}table={table}")
            assert response.status_code == 200, (url, table)
            assert response.headers["content-type"].startswith("text/csv")
            rows = list(csv.DictReader(io.StringIO(response.text)))
            assert len(rows) == len(data[table]), (url, table)
            assert set(rows[0]) == set(data[table][0]), (url, table)


def test_unknown_ids_give_a_404_page(web) -> None:
    client, _ = web
    for url in ("/document/nope", "/event/rich/99", "/event/nope/0", "/fused/nope",
                "/actor/nope", "/story/nope", "/nothing-here"):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Not found" in response.text and "Traceback" not in response.text
    missing = client.get("/document/nope.json")
    assert missing.status_code == 404
    assert missing.json() == {"error": "no document 'nope'", "status": 404}


@pytest.mark.parametrize(
    "url",
    [
        "/events?size=0", f"/events?size={MAX_SIZE + 1}", "/events?page=0", "/events?page=two",
        "/events?size=%C2%B2", "/events?since=yesterday", "/events?dyad=USA",
        "/events?modality=maybe", "/dyad/US-RUS", "/dyad/USA-RUS?by=year",
        "/dyad/USA-RUS?all=perhaps", "/dyad/USA-RUS/2012.json", "/document/rich?mark=9-2",
        "/events.csv?table=nope", "/search?q=" + "x" * 201, "/fused?min_articles=-1",
    ],
)  # fmt: skip
def test_bad_parameters_give_a_400(web, url) -> None:
    client, _ = web
    response = client.get(url)
    assert response.status_code == 400
    assert "Traceback" not in response.text


def test_a_hostile_article_comes_back_as_text(web) -> None:
    client, ids = web
    assert len(dangers(HOSTILE_TITLE + HOSTILE_TEXT)) == 6  # the check sees them when raw
    for url in ("/document/evil", "/event/evil/0", "/event/evil/1", "/documents", "/",
                "/search?q=alert", "/events", "/quotes", "/dyad/USA~RUS/2012-11", "/stories",
                f"/story/{ids['story']}"):  # fmt: skip
        assert dangers(client.get(url).text) == [], url
    page = client.get("/document/evil").text
    assert "&lt;script&gt;window.__pwned = 1; alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=" in page
    assert 'href="javascript' not in page


def test_list_tables_escape_every_value_and_encode_every_link() -> None:
    bad = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    key = 'a/b?c#d"e'
    tables = [
        rows.documents_table([{"doc_id": key, "title": bad, "outlet": bad, "published": bad,
                               "published_inferred": True, "n_chars": 9}]),
        rows.actors_table([{"actor_id": key, "name": bad, "kind": bad, "country": bad,
                            "sector": bad, "origin": bad, "first_seen": bad, "last_seen": bad}]),
        rows.stories_table([{"story_id": key, "label": bad, "first_published": bad,
                             "last_published": bad, "num_documents": 2, "outlets": [bad, bad]}]),
        rows.quotes_table([{"doc_id": key, "start": 3, "end": 9, "text": bad, "published": bad,
                            "speaker_name": None, "speaker_text": bad, "speaker_country": bad,
                            "speaker_sector": None, "outlet": bad}]),
    ]  # fmt: skip
    for html in map(str, tables):
        assert dangers(html) == [], html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "a%2Fb%3Fc%23d%22e" in html and key not in html
    assert '<a href="/document/a%2Fb%3Fc%23d%22e?mark=3-9#cited">' in str(tables[3])
    empty = [rows.documents_table([]), rows.actors_table([]), rows.quotes_table([])]
    assert all('class="empty"' in str(html) for html in empty)


def test_list_pages_find_and_order_rows_as_the_full_reads_do(built) -> None:
    path, _ = built
    with Store(path, read_only=True) as store:
        for filters in ({}, {"search": "putin"}, {"country": "RUS"}, {"kind": "person"}):
            assert [a["actor_id"] for a in store.actor_listing(**filters)] == [
                a["actor_id"] for a in store.actors(**filters)
            ], filters
        for filters in ({}, {"speaker": "putin"}, {"doc_id": "evil"}):
            assert [(q["doc_id"], q["quote"]) for q in store.quote_listing(**filters)] == [
                (q["doc_id"], q["quote"]) for q in store.quotes(**filters)
            ], filters
        listed = store.story_listing(limit=3, offset=1)
        full = store.stories(limit=3, offset=1)
        assert [(s["story_id"], s["outlets"]) for s in listed] == [
            (s["story_id"], s["outlets"]) for s in full
        ]


def test_highlighted_spans_may_overlap_and_stay_escaped() -> None:
    text = "a <b>c</b> d"
    html = highlight(text, [Span(0, 6, "mention", 'x"y'), Span(2, 12, "event"), Span(5, 99, "x")])
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert 'title="x&#34;y"' in html
    assert re.sub(r"<[^>]+>", "", str(html)) == "a &lt;b&gt;c&lt;/b&gt; d"
    assert html.count("<mark") == html.count("</mark>") == 3


def test_the_event_page_shows_every_report_at_its_evidence(web) -> None:
    client, ids = web
    data = client.get(f"/fused/{ids['fused']}.json").json()
    assert len(data["reports"]) >= 2
    assert set(data["outlets"]) >= {"Meridian Wire", "Harbor Daily"}
    for report in data["reports"]:
        assert "".join(report["parts"]) == report["sentence"]
        assert report["parts"][1] == report["evidence"]


def test_a_series_point_opens_onto_its_events(web) -> None:
    client, _ = web
    series = client.get("/dyad/USA~RUS.json").json()
    assert series["by"] == "month" and series["points"]
    for point in series["points"]:
        events = client.get(f"/dyad/USA~RUS/{point['period']}.json").json()["events"]
        assert len(events) == point["events"]
        assert all(e["event_date"].startswith(point["period"]) for e in events)
        assert all(e["reports"] for e in events)
    weekly = client.get("/dyad/USA~RUS.json?by=week").json()
    assert sum(p["events"] for p in weekly["points"]) == sum(p["events"] for p in series["points"])


def test_large_tables_are_paged(web) -> None:
    client, _ = web
    first = client.get("/events.json?size=5").json()
    second = client.get("/events.json?size=5&page=2").json()
    assert len(first["events"]) == 5 and first["paging"] == {"page": 1, "size": 5, "next": True}
    assert {(e["doc_id"], e["event"]) for e in first["events"]}.isdisjoint(
        {(e["doc_id"], e["event"]) for e in second["events"]}
    )


def test_an_error_in_a_view_gives_a_plain_500_page(tmp_path, caplog) -> None:
    path = tmp_path / "web.duckdb"
    build_web_store(path)
    with Store(path, read_only=True) as store:

        def broken(*_args: object, **_kwargs: object) -> None:
            raise RuntimeError("secret detail /etc/passwd")

        store.stats = broken  # type: ignore[method-assign]
        client = TestClient(create_app(store), raise_server_exceptions=False)
        for url in ("/", "/index.json"):
            response = client.get(url)
            assert response.status_code == 500
            assert "secret detail" not in response.text and "Traceback" not in response.text
    assert "secret detail" in caplog.text  # logged for the operator, not shown


def test_pages_load_scripts_only_from_the_app(web) -> None:
    client, _ = web
    page = client.get("/dyad/USA-RUS")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    sources = re.findall(r'<script[^>]*src="([^"]+)"', page.text)
    assert sources == ["/vendor/plotly.min.js", "/static/dyad.js"]
    assert "<script>" not in page.text  # no inline script at all
    plotly = client.get("/vendor/plotly.min.js")
    assert plotly.status_code == 200 and plotly_js() is not None
    assert len(plotly.content) > 1_000_000


def test_serve_refuses_a_missing_store(tmp_path) -> None:
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 3
    assert "E202" in result.output


def test_serve_binds_to_this_machine_by_default(tmp_path, monkeypatch) -> None:
    import uvicorn

    path = tmp_path / "web.duckdb"
    build_web_store(path)
    seen: dict[str, object] = {}

    def fake_run(app, host: str, port: int, **_kwargs: object) -> None:
        seen.update(host=host, port=port, status=TestClient(app).get("/index.json").status_code)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert seen == {"host": "127.0.0.1", "port": 8000, "status": 200}
    assert "http://127.0.0.1:8000/" in result.output
