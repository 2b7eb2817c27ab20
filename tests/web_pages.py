"""Small web pages written for the tests, and a local HTTP server (127.0.0.1 only) that serves them."""

from __future__ import annotations

import signal
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARTICLE_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Council backs harbor bridge | Harbor Times</title>
<meta name="author" content="Ana Ruiz">
<meta property="article:published_time" content="2024-05-02T10:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a> Subscribe now</nav>
<article>
<h1>Council backs harbor bridge</h1>
<p>The city council voted on Tuesday to build a new bridge across the harbor, ending a debate that has divided residents for more than a decade.</p>
<p>“We will build the bridge this year, and it will carry buses as well as cars,” Mayor Jane Doe said after the vote. She called the decision historic.</p>
<p>Officials said the plan was sound, but Mr. Tom Lee, who leads the residents’ association, disagreed. “It is a waste of money that the harbor cannot afford,” he said.</p>
<p>The Harbor Authority said it would publish the full costs next week.</p>
</article>
<footer>Copyright 2024 Harbor Times. Cookie settings.</footer>
<script>document.title = "script ran"</script>
</body></html>
"""

PLAIN_ARTICLE = "“The ferry will keep running until the bridge opens,” Ann Cole said on Monday.\n"


class _Handler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, str, bytes]] = {}
    user_agents: list[str] = []
    release = threading.Event()

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self.user_agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/slow":
            self.release.wait(10)  # longer than the client's timeout
            return  # the client is gone: writing would only meet a closed socket
        status, content_type, body = self.routes.get(self.path, (404, "text/html", b"<h1>Not found</h1>"))
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:  # the client gave up (the timeout test)
            pass

    def log_message(self, *args) -> None:  # keep test output clean
        pass


class LocalServer:
    """`with LocalServer() as server:` serves ARTICLE_PAGE at /article, PLAIN_ARTICLE at /plain,
    404 elsewhere and a response slower than any test timeout at /slow."""

    def __enter__(self) -> LocalServer:
        handler = type("Handler", (_Handler,), {"routes": {}, "user_agents": [], "release": threading.Event()})
        handler.routes.update({
            "/article": (200, "text/html; charset=utf-8", ARTICLE_PAGE.encode("utf-8")),
            "/plain": (200, "text/plain; charset=utf-8", PLAIN_ARTICLE.encode("utf-8")),
        })
        self.handler = handler
        # The CLI, run in this process by CliRunner, restores SIGPIPE's default (die): a write to a
        # client that gave up must be an error in the server thread, not the end of the test run.
        self.sigpipe = signal.signal(signal.SIGPIPE, signal.SIG_IGN) if hasattr(signal, "SIGPIPE") else None
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    @property
    def user_agents(self) -> list[str]:
        return self.handler.user_agents

    def __exit__(self, *exc) -> None:
        self.handler.release.set()
        self.server.shutdown()
        self.server.server_close()
        if self.sigpipe is not None:
            signal.signal(signal.SIGPIPE, self.sigpipe)
