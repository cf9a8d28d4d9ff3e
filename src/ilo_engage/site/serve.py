"""`ilo-engage site --serve`: a preview of the built site on this machine only (127.0.0.1).

Bounded: it serves the site's files and nothing else (no folder listings, nothing outside the
folder), answers each request within a time limit, and stops on Ctrl-C."""

from __future__ import annotations

import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from ..core.errors import IloEngageError

HOST = "127.0.0.1"
REQUEST_SECONDS = 30


class _SiteFiles(SimpleHTTPRequestHandler):
    """Files of the site; a folder is served by its index.html, never listed."""

    timeout = REQUEST_SECONDS  # a client that stops sending does not hold a thread for ever

    def list_directory(self, path: Any) -> None:
        self.send_error(404, "Not found")
        return None

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002  # the name http.server uses
        pass  # the preview prints its address once; each request would bury it


class PreviewServer(ThreadingHTTPServer):
    """The preview's server: request threads end with it."""

    daemon_threads = True


def preview_server(folder: Path, port: int) -> PreviewServer:
    """A server for the site in `folder` on 127.0.0.1:`port` (0: any free port), not yet serving."""
    handler = functools.partial(_SiteFiles, directory=str(folder))
    try:
        return PreviewServer((HOST, port), handler)
    except OSError as exc:
        raise IloEngageError(f"cannot serve on {HOST}:{port}: {exc.strerror}; choose another --port") from None


def address(server: PreviewServer) -> str:
    return f"http://{HOST}:{server.server_address[1]}/"
