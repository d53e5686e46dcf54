"""The server entry point: `streamlit run serve.py` (what `make run` does).

Streamlit serves app.py (the page script) through st.App, whose lifespan hook starts the warm-up: the heavy
imports, the store connection and the default Network map in the pause while the first browser runs Streamlit's
frontend, the rest after its first page run (components/ui/warmup.py says when and why; bench/REPORT.md, cold
start). Pages and AppTest use app.py directly.
"""

import logging
import socket
import threading
import time
from contextlib import asynccontextmanager

import streamlit as st
from starlette.middleware import Middleware

from components.ui import warmup  # light: the package imports its modules when first asked

LISTEN_WAIT_S = 5.0
STORE_CHECK_S = 2.0  # how often an idle process looks for a newly published store version
log = logging.getLogger("utmc")


def wait_until_listening(host: str, port: int, timeout: float = LISTEN_WAIT_S) -> bool:
    """Wait until the server accepts connections (True), or give up after `timeout` seconds (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection((host, port), timeout=0.2).close()
            return True
        except OSError:
            time.sleep(0.02)
    return False


def warm_up_once_listening() -> None:
    # Started before the server binds its port: importing pandas and friends then would hold the GIL
    # while uvicorn starts, and the server would answer ~0.4 s later (docs/field-notes.md). So wait for it,
    # and then for an idle moment (components/ui/warmup.py).
    host = st.config.get_option("server.address") or "127.0.0.1"
    wait_until_listening("127.0.0.1" if host in ("0.0.0.0", "::") else host, st.config.get_option("server.port"))
    warmup.when_idle()


def follow_store_versions() -> None:
    """With a versioned store (several replicas, docs/deploy.md): open a newly published version within
    STORE_CHECK_S even when nobody is using this process, so the old one is released, and remove the versions
    no process holds (where this process may write; replicas on a read-only mount leave that to the admin)."""
    import queries
    from data.store import store_path, sweep_versions

    last_error = ""
    while True:
        time.sleep(STORE_CHECK_S)
        path = store_path()
        if not path.is_symlink():
            continue
        try:
            queries.connection()
            sweep_versions(path)
            last_error = ""
        except Exception as e:  # noqa: BLE001 - the next page run reports a broken store to its viewer
            if str(e) != last_error:  # once per problem, not every STORE_CHECK_S
                log.exception("store version check failed")
            last_error = str(e)


@asynccontextmanager
async def lifespan(_app):
    # A thread, not an await: the server answers the browser at once while the warm-up runs beside it.
    warmup.arm()
    threading.Thread(target=warm_up_once_listening, name="utmc-warm-up", daemon=True).start()
    threading.Thread(target=follow_store_versions, name="utmc-store-versions", daemon=True).start()
    yield


# Fixes to Streamlit's frontend (1.67), put into index.html before its bundle runs (docs/field-notes.md):
# - The frontend looks for its server at the page's own path first: a deep link such as /city asked
#   /city/_stcore/health and /city/_stcore/host-config (two 404s) before trying /. Naming the server's base URL
#   (window.__streamlit.BACKEND_BASE_URL, read by the frontend at start) makes it ask / at once.
# - A widget bound to the URL (bind="query-params") writes its value with history.replaceState, so Back after a
#   filter change left the app. The frontend's only replaceState with an absolute URL is that write (its other,
#   during Back/Forward, passes a path): made a pushState, Back returns to the previous filters, and Streamlit's
#   own popstate handler reruns the page with them. Naming the language on a first visit (?lang=, added to an
#   address without one) stays a replaceState: it is not a step for Back.
# - Captions (st.caption) are drawn at opacity 0.6: #828180 on white, a contrast of 3.9:1 where WCAG AA asks 4.5:1
#   (axe-core: color-contrast, serious, on every page; tests/e2e/test_accessibility.py). Opaque, in a grey of
#   6.0:1 or more on every background the light theme uses (#ffffff, #f8f8f7, #f1f0ee), links in them too.
# - Sections of a page are level-2 headings under its title (axe-core: heading-order), drawn at the size
#   st.subheader had, so the page looks as it did.
# - index.html says <html lang="en"> whatever the interface language: the page's language (?lang=, which the
#   language picker always writes) goes into <html lang> whenever the address changes, so screen readers
#   pronounce French as French (WCAG 3.1.1).
HEAD_SCRIPT = """<script>
window.__streamlit = Object.assign({}, window.__streamlit, {BACKEND_BASE_URL: location.origin + "__BASE__"});
(function (history) {
  function setLang() {
    var asked = new URLSearchParams(location.search).get("lang");
    var lang = ["en", "fr", "es", "pt"].indexOf(asked) >= 0 ? asked : (navigator.language || "en").slice(0, 2);
    document.documentElement.lang = ["en", "fr", "es", "pt"].indexOf(lang) >= 0 ? lang : "en";
  }
  function onlyAddsLang(next) {  // the first run naming the browser's language: not a step to go Back over
    var now = new URLSearchParams(location.search), then = new URLSearchParams(next.search);
    if (now.has("lang") || !then.has("lang")) return false;
    then.delete("lang");
    return now.toString() === then.toString();
  }
  var replace = history.replaceState.bind(history);
  var push = history.pushState.bind(history);
  history.pushState = function (state, title, url) {
    var out = push(state, title, url);
    setLang();
    return out;
  };
  history.replaceState = function (state, title, url) {
    if (typeof url === "string" && url.indexOf(location.origin + "/") === 0) {
      var next = new URL(url);
      if (next.pathname === location.pathname && next.search !== location.search && !onlyAddsLang(next)) {
        return history.pushState(state, title, url);
      }
    }
    var out = replace(state, title, url);
    setLang();
    return out;
  };
  window.addEventListener("popstate", setLang);
  setLang();
})(window.history);
</script><style>
.stApp [data-testid="stCaptionContainer"] { opacity: 1; color: #5c5a57; }
.stApp [data-testid="stMain"] h2 { font-size: 1.5rem; }
.stApp [data-testid="stMain"] [data-testid="stVerticalBlockBorderWrapper"] h2 { font-size: 1.25rem; }
</style>"""


def head_script() -> bytes:
    base = (st.config.get_option("server.baseUrlPath") or "").strip("/")
    return HEAD_SCRIPT.replace("__BASE__", f"/{base}/" if base else "/").encode()


class RequestsInFlight:
    """Counts the HTTP requests being answered (components/ui/warmup.py waits for a pause to warm up in)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        warmup.requests.started()
        try:
            return await self.app(scope, receive, send)
        finally:
            warmup.requests.ended(scope.get("path", ""))


class PageHeadMiddleware:
    """Puts HEAD_SCRIPT into the HTML page Streamlit serves for any page path (not its API, files or media)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        path = scope.get("path", "")
        last = path.rsplit("/", 1)[-1]
        if scope["type"] != "http" or "/_stcore/" in path or "/static/" in path or "/media/" in path or "." in last:
            return await self.app(scope, receive, send)
        warmup.page_asked.set()
        # the page itself is ~1.5 kB: ask for it uncompressed so it can be edited
        headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"accept-encoding"]
        scope = {**scope, "headers": headers}
        start: dict = {}
        body = bytearray()

        async def edit(message):
            if message["type"] == "http.response.start":
                start.update(message)
                return
            body.extend(message.get("body", b""))
            if message.get("more_body"):
                return
            out = bytes(body)
            response_headers = list(start.get("headers", []))
            kind = dict((k.lower(), v) for k, v in response_headers).get(b"content-type", b"")
            if kind.startswith(b"text/html") and b"<head>" in out:
                out = out.replace(b"<head>", b"<head>" + head_script(), 1)
                response_headers = [
                    (k, v) for k, v in response_headers if k.lower() not in (b"content-length", b"etag")
                ]
                response_headers.append((b"content-length", str(len(out)).encode()))
            await send({**start, "headers": response_headers})
            await send({"type": "http.response.body", "body": out})

        await self.app(scope, receive, edit)


app = st.App("app.py", lifespan=lifespan, middleware=[Middleware(RequestsInFlight), Middleware(PageHeadMiddleware)])
