"""Elasticsearch configured but down, hanging or erroring: the public search page is answered by
the database, calmly, and every process leaves Elasticsearch alone for
``SEARCH_RETRY_AFTER_SECONDS`` before trying it again (``search.engines.breaker``).

The "servers" here are sockets in a thread of the test: one that refuses (a closed port), one
that accepts and never answers, one that answers 500. No Elasticsearch needed."""

import socket
import threading
import time

import pytest
import time_machine
from django.test import override_settings

from directory.factories import ResourceFactory
from search.engines import breaker
from search.engines.elastic import connection
from search.indexing import reindex_now

pytestmark = pytest.mark.django_db

TIMEOUT = 0.3
RETRY_AFTER = 30
# A hang check, not a speed goal: far above TIMEOUT, far below a request that never ends.
NEVER_HANGS_SECONDS = 8
ALARMING = ("elasticsearch", "error", "unavailable", "went wrong", "try again", "traceback")


class Server:
    """A listening socket on 127.0.0.1 that handles each connection with ``answer`` in a thread
    and counts the connections."""

    def __init__(self, answer):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.answer = answer
        self.connections = 0
        self.held = []
        self.closing = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        self.sock.settimeout(0.1)
        while not self.closing.is_set():
            try:
                conn, _address = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            self.held.append(conn)
            self.answer(conn)

    def close(self):
        self.closing.set()
        self.thread.join(5)
        for conn in self.held:
            conn.close()
        self.sock.close()


def hang(conn):
    """Read the request, never answer (the connection is held open until the test ends)."""


def error_500(conn):
    conn.settimeout(1)
    try:
        conn.recv(65536)
    except OSError:
        pass
    body = b'{"error":{"type":"exception","reason":"boom"},"status":500}'
    conn.sendall(
        b"HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\n"
        b"X-Elastic-Product: Elasticsearch\r\n"
        + f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
        + body
    )
    conn.close()


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"  # nothing listens there now: connections are refused


@pytest.fixture
def listing(django_capture_on_commit_callbacks):
    # Indexed on commit, in the database only (Elasticsearch is not configured yet).
    with django_capture_on_commit_callbacks(execute=True):
        return ResourceFactory(
            name_en="Low-cost veterinary clinic", short_description_en="Vaccines for dogs."
        )


@pytest.fixture
def elastic_at():
    """Point search at a URL, with a short timeout and the pause of the issue."""
    stack = []

    def configure(url):
        settings = override_settings(
            ELASTICSEARCH_URL=url,
            SEARCH_TIMEOUT_SECONDS=TIMEOUT,
            SEARCH_RETRY_AFTER_SECONDS=RETRY_AFTER,
            ELASTICSEARCH_CLIENT_OPTIONS={},
        )
        settings.enable()
        stack.append(settings)
        connection.forget()
        breaker.reset()

    yield configure
    for settings in stack:
        settings.disable()
    connection.forget()
    breaker.reset()


@pytest.fixture
def hanging():
    server = Server(hang)
    yield server
    server.close()


@pytest.fixture
def erroring():
    server = Server(error_500)
    yield server
    server.close()


def calm_results(client, path="/en/search/?q=veterinary", found=("Low-cost", "veterinary")):
    began = time.monotonic()
    response = client.get(path)
    elapsed = time.monotonic() - began
    body = response.content.decode()
    assert response.status_code == 200
    assert "1 service" in body or "1 servicio" in body  # the database answered
    assert all(word in body for word in found)
    visible = body.lower()
    assert not [word for word in ALARMING if word in visible], "the page says something alarming"
    return elapsed


def test_elasticsearch_on_a_closed_port_the_database_answers(client, listing, elastic_at):
    elastic_at(closed_port_url())
    assert calm_results(client) < NEVER_HANGS_SECONDS
    assert breaker.is_open()


def test_elasticsearch_that_never_answers_the_database_answers_after_the_timeout(
    client, listing, elastic_at, hanging
):
    elastic_at(hanging.url)
    assert calm_results(client) < NEVER_HANGS_SECONDS
    assert hanging.connections == 1 and breaker.is_open()


def test_elasticsearch_answering_errors_the_database_answers(client, listing, elastic_at, erroring):
    elastic_at(erroring.url)
    calm_results(client)
    assert erroring.connections == 1 and breaker.is_open()


def test_after_a_failure_elasticsearch_is_left_alone_then_tried_again(
    client, listing, elastic_at, hanging
):
    elastic_at(hanging.url)
    with time_machine.travel(time.time(), tick=True) as traveller:
        calm_results(client)
        assert hanging.connections == 1
        # Every search during the pause goes straight to the database: no wait for the timeout.
        for text in ("veterinary+clinic", "vaccines", "veterinary+dogs"):
            calm_results(client, f"/en/search/?q={text}", found=("Low-cost",))
        assert hanging.connections == 1
        traveller.shift(RETRY_AFTER + 1)
        assert not breaker.is_open()
        calm_results(client)
        assert hanging.connections == 2  # tried again, failed again, paused again
        assert breaker.is_open()


def test_suggestions_fall_back_too(client, listing, elastic_at, hanging):
    elastic_at(hanging.url)
    response = client.get("/en/search/suggest/?q=low")
    assert response.status_code == 200
    assert "Low-cost veterinary clinic" in [s["text"] for s in response.json()["suggestions"]]


def test_a_save_while_elasticsearch_hangs_still_reaches_the_database_index(
    client, listing, elastic_at, hanging
):
    elastic_at(hanging.url)
    added = ResourceFactory(name_en="Veterinary dental day")
    reindex_now([added.pk])  # what the save's commit runs (search.indexing)
    assert hanging.connections == 1 and breaker.is_open()
    body = client.get("/en/search/?q=dental").content.decode()
    assert "Veterinary" in body and "<mark>dental</mark>" in body
