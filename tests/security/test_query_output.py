"""A remote endpoint's literals cannot drive the terminal through ``graphkit query``.

A loopback endpoint answers every query with literals full of terminal
escape sequences (set the window title, clear the screen, recolour, CSI in
its one-byte C1 form, a bidirectional override). The people formats show
them as escapes; the machine formats keep them exact.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from bounded import run_cli

HOSTILE = "\x1b]0;owned\x07\x1b[2J\x1b[31mred\x1b[0m\r\x9b2J\u202eevil"
CONTROLS = ["\x1b", "\x07", "\r", "\x9b", "\u202e"]


class HostileEndpoint(BaseHTTPRequestHandler):
    """Answers any POST with one row whose literal and IRI hold escape sequences."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = json.dumps(
            {
                "head": {"vars": ["name", "page"]},
                "results": {
                    "bindings": [
                        {
                            "name": {"type": "literal", "value": HOSTILE},
                            "page": {"type": "uri", "value": "http://example.org/\x1b[5mblink"},
                        }
                    ]
                },
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(name="endpoint")
def fixture_endpoint() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), HostileEndpoint)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()


QUERY = "SELECT ?name ?page WHERE { ?page <urn:name> ?name }"


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_people_formats_reach_the_terminal_without_control_characters(endpoint: str, fmt: str) -> None:
    outcome = run_cli("query", QUERY, "--endpoint", endpoint, "--no-labels", "--format", fmt)
    assert outcome.returncode == 0, outcome.stderr
    assert [c for c in CONTROLS if c in outcome.stdout + outcome.stderr] == []
    shown = outcome.stdout.replace("\\\\", "\\")
    for escape in ["\\x1b]0;owned\\x07", "\\u202eevil", "\\x1b[5mblink"]:
        assert escape in shown


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_machine_formats_keep_the_remote_value_exact(endpoint: str, fmt: str) -> None:
    outcome = run_cli("query", QUERY, "--endpoint", endpoint, "--no-labels", "--format", fmt)
    assert outcome.returncode == 0, outcome.stderr
    if fmt == "json":
        assert json.loads(outcome.stdout)["results"]["bindings"][0]["name"]["value"] == HOSTILE
    else:  # the child's output is read as text, which turns its CR into LF
        assert all(part in outcome.stdout for part in HOSTILE.split("\r"))
