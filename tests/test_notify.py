"""Delivering digests: a real SMTP server and real HTTP endpoints on 127.0.0.1; pending digests are retried."""

from __future__ import annotations

import email
import json
import socket
from datetime import datetime, timezone
from pathlib import Path

import pytest

from releasewatch.config import Delivery, parse_config
from releasewatch.notify import DigestMessage, deliver
from releasewatch.report.digest import send_digest
from releasewatch.store import Store

from .httpfixtures import LoopbackServer, Route

MESSAGE = DigestMessage(subject="releasewatch digest 2025-06-09: 1 change",
                        bodies={"text": "Ballerina: released Jun 6, 2025", "html": "<p>Ballerina <img src=\"cid:c1\"></p>",
                                "markdown": "**Ballerina**", "json": json.dumps({"subject": "s", "titles": []})},
                        attachments=[("chart.png", b"\x89PNG fake", "image/png", "c1")], day="2025-06-09")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    def __init__(self) -> None:
        self.messages: list[bytes] = []
        self.logins: list[tuple[str, str]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.messages.append(envelope.content)
        return "250 OK"


@pytest.fixture
def smtp():
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    inbox = Inbox()

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.password == b"s3cret"
        if ok:
            inbox.logins.append((auth_data.login.decode(), auth_data.password.decode()))
        return AuthResult(success=ok)

    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, authenticator=authenticator,
                            auth_require_tls=False)
    controller.start()
    yield inbox, port
    controller.stop()


def test_email_with_env_credentials_and_inline_chart(smtp) -> None:
    inbox, port = smtp
    target = Delivery("email", {"to": ["fan@example.org"], "host": "127.0.0.1", "port": port, "starttls": False,
                                "username_env": "RW_USER", "password_env": "RW_PASS", "sender": "rw@example.org"})
    result = deliver(MESSAGE, target, env={"RW_USER": "rw", "RW_PASS": "s3cret"})
    assert result.ok, result.error
    assert inbox.logins == [("rw", "s3cret")]
    mail = email.message_from_bytes(inbox.messages[0])
    assert mail["Subject"] == MESSAGE.subject
    parts = {p.get_content_type(): p for p in mail.walk()}
    assert "Ballerina: released" in parts["text/plain"].get_payload(decode=True).decode()
    assert "cid:c1" in parts["text/html"].get_payload(decode=True).decode()
    assert parts["image/png"]["Content-ID"] == "<c1>"


def test_email_missing_password_variable_is_a_clear_failure(smtp) -> None:
    _, port = smtp
    target = Delivery("email", {"to": ["a@example.org"], "host": "127.0.0.1", "port": port, "starttls": False,
                                "password_env": "RW_PASS"})
    result = deliver(MESSAGE, target, env={})
    assert not result.ok and "RW_PASS" in result.error


def test_unreachable_smtp_is_reported_not_raised() -> None:
    target = Delivery("email", {"to": ["a@example.org"], "host": "127.0.0.1", "port": free_port(), "starttls": False})
    result = deliver(MESSAGE, target, env={})
    assert not result.ok and "Connection refused" in result.error


def test_webhook_and_apprise_json_reach_a_local_endpoint() -> None:
    with LoopbackServer() as server:
        server.routes["/hook"] = Route(body=b"ok")
        server.routes["/apprise"] = Route(body=b"ok")
        hooked = deliver(MESSAGE, Delivery("webhook", {"url": server.url("/hook")}))
        notified = deliver(MESSAGE, Delivery("apprise", {"urls": [f"json://127.0.0.1:{server.port}/apprise"]}))
        posts = dict(server.posts)
    assert hooked.ok, hooked.error
    assert notified.ok, notified.error
    assert json.loads(posts["/hook"]) == {"subject": "s", "titles": []}
    assert b"Ballerina" in posts["/apprise"]


def test_file_and_folder(tmp_path: Path) -> None:
    assert deliver(MESSAGE, Delivery("file", {"path": str(tmp_path / "out.md"), "format": "markdown"})).ok
    assert (tmp_path / "out.md").read_text() == "**Ballerina**"
    assert deliver(MESSAGE, Delivery("file", {"path": f"{tmp_path}/digests/"})).ok
    assert (tmp_path / "digests" / "digest-2025-06-09.txt").exists()


def test_undelivered_digest_stays_pending_and_goes_out_once(tmp_path: Path, smtp) -> None:
    inbox, port = smtp
    dead_port = free_port()
    config_text = f"""
titles: [{{name: Mercy Street}}]
digest:
  deliver:
    - {{type: email, to: [fan@example.org], host: 127.0.0.1, port: {dead_port}, starttls: false}}
"""
    store = Store(tmp_path / "rw.db")
    now = datetime(2025, 6, 9, 8, tzinfo=timezone.utc)
    first = send_digest(parse_config(config_text), store, now=now)
    assert [r.ok for r in first] == [False]
    assert len(store.pending_digests()) == 1
    fixed = parse_config(config_text.replace(str(dead_port), str(port)))
    second = send_digest(fixed, store, now=now)  # same period: retried, not duplicated
    assert [r.ok for r in second] == [True]
    assert len(inbox.messages) == 1
    assert store.pending_digests() == []
    third = send_digest(fixed, store, now=now)
    assert third == [] and len(inbox.messages) == 1
