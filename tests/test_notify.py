"""Delivering digests: a real SMTP server and real HTTP endpoints on 127.0.0.1; pending digests are retried."""

from __future__ import annotations

import email
import io
import json
import socket
import ssl
from datetime import datetime, timezone
from email.message import Message
from pathlib import Path

import pytest
from werkzeug import Response

from releasewatch.config import Delivery, parse_config
from releasewatch.notify import DigestMessage, deliver, destination_key, html_to_text
from releasewatch.report.digest import send_digest
from releasewatch.store import Store

from .httpfixtures import self_signed_certificate

HTML = "<html><head><style>p{}</style></head><body><h1>Ballerina</h1><p>released Jun 6, 2025</p>" \
       "<img src=\"cid:c1\"><script>alert(1)</script></body></html>"
MESSAGE = DigestMessage(subject="releasewatch digest 2025-06-09: 1 change",
                        bodies={"text": "Ballerina: released Jun 6, 2025", "html": HTML,
                                "markdown": "**Ballerina**", "json": json.dumps({"subject": "s", "titles": []})},
                        attachments=[("chart.png", b"\x89PNG fake", "image/png", "c1")], day="2025-06-09")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- SMTP -------------------------------------------------------------------------------------------


class Inbox:
    def __init__(self) -> None:
        self.messages: list[bytes] = []
        self.logins: list[tuple[str, str]] = []
        self.envelopes: list[tuple[str, list[str]]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.messages.append(envelope.content)
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 OK"

    def mail(self, i: int = 0) -> Message:
        return email.message_from_bytes(self.messages[i])


def _authenticator(inbox: Inbox):
    from aiosmtpd.smtp import AuthResult, LoginPassword

    def check(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.password == b"s3cret"
        if ok:
            inbox.logins.append((auth_data.login.decode(), auth_data.password.decode()))
        return AuthResult(success=ok, handled=False)  # handled=False: the server answers 535

    return check


def _start(inbox: Inbox, **kwargs):
    from aiosmtpd.controller import Controller

    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, authenticator=_authenticator(inbox), **kwargs)
    controller.start()
    return controller, port


@pytest.fixture
def smtp():
    """A plain SMTP server (no TLS) that accepts AUTH without it: only for tests on loopback."""
    inbox = Inbox()
    controller, port = _start(inbox, auth_require_tls=False)
    yield inbox, port
    controller.stop()


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1."""
    return self_signed_certificate(tmp_path_factory.mktemp("tls"), "127.0.0.1", "IP:127.0.0.1")


def _email(port: int, **options) -> Delivery:
    return Delivery("email", {"to": ["fan@example.org"], "host": "127.0.0.1", "port": port,
                              "sender": "rw@example.org", **options})


def _parts(mail: Message) -> dict[str, Message]:
    return {p.get_content_type(): p for p in mail.walk()}


def test_email_with_env_credentials_and_inline_chart(smtp) -> None:
    inbox, port = smtp
    target = _email(port, starttls=False, username_env="RW_USER", password_env="RW_PASS")
    result = deliver(MESSAGE, target, env={"RW_USER": "rw", "RW_PASS": "s3cret"})
    assert result.ok, result.error
    assert result.destination == "email:fan@example.org"
    assert inbox.logins == [("rw", "s3cret")]
    assert inbox.envelopes == [("rw@example.org", ["fan@example.org"])]
    mail = inbox.mail()
    assert mail["Subject"] == MESSAGE.subject
    assert mail["Message-ID"] and mail["Date"]
    assert mail.get_content_type() == "multipart/alternative"
    parts = _parts(mail)
    assert "multipart/related" in parts
    assert parts["text/plain"].get_payload(decode=True).decode().strip() == "Ballerina: released Jun 6, 2025"
    assert "cid:c1" in parts["text/html"].get_payload(decode=True).decode()
    image = parts["image/png"]
    assert image["Content-ID"] == "<c1>"
    assert image.get_content_disposition() == "inline"
    assert image.get_payload(decode=True) == b"\x89PNG fake"


def test_html_only_digest_gets_a_readable_text_part(smtp) -> None:
    """send_digest renders only the format a destination asks for: the text part is made from the HTML."""
    inbox, port = smtp
    html_only = DigestMessage(subject="s", bodies={"html": HTML}, attachments=MESSAGE.attachments)
    assert deliver(html_only, _email(port, starttls=False), env={}).ok
    text = _parts(inbox.mail())["text/plain"].get_payload(decode=True).decode()
    assert "Ballerina" in text and "released Jun 6, 2025" in text
    assert "<" not in text and "alert" not in text and "p{}" not in text


def test_credentials_come_from_the_environment_only(smtp) -> None:
    inbox, port = smtp
    target = _email(port, starttls=False, username_env="RW_USER", password_env="RW_PASS")
    missing = deliver(MESSAGE, target, env={"RW_USER": "rw"})
    assert not missing.ok and "RW_PASS" in missing.error and "not set" in missing.error
    wrong = deliver(MESSAGE, target, env={"RW_USER": "rw", "RW_PASS": "nope"})
    assert not wrong.ok and "login" in wrong.error and "535" in wrong.error
    assert inbox.messages == [] and inbox.logins == []


def test_password_in_yaml_is_rejected_by_the_config_loader() -> None:
    from releasewatch.errors import ConfigError

    with pytest.raises(ConfigError, match="password_env"):
        parse_config("digest:\n  deliver:\n    - {type: email, to: [a@b.c], host: h, password: hunter2}\n")


def test_no_password_over_a_plain_connection_unless_starttls_is_switched_off(smtp) -> None:
    inbox, port = smtp  # this server offers no STARTTLS
    target = _email(port, username_env="RW_USER", password_env="RW_PASS")  # starttls not set: the default
    result = deliver(MESSAGE, target, env={"RW_USER": "rw", "RW_PASS": "s3cret"})
    assert not result.ok and "STARTTLS" in result.error and "starttls: false" in result.error
    assert inbox.logins == [] and inbox.messages == []
    required = deliver(MESSAGE, _email(port, starttls=True), env={})
    assert not required.ok and "STARTTLS" in required.error
    # No login and no explicit demand: a local relay without TLS still gets the mail.
    assert deliver(MESSAGE, _email(port), env={}).ok
    assert len(inbox.messages) == 1


def test_starttls_with_a_verified_certificate(certificate, monkeypatch) -> None:
    cert, key = certificate
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert, key)
    inbox = Inbox()
    controller, port = _start(inbox, tls_context=server_tls, require_starttls=True)  # AUTH only after TLS
    try:
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # trust the test's own certificate authority
        target = _email(port, username_env="RW_USER", password_env="RW_PASS")
        result = deliver(MESSAGE, target, env={"RW_USER": "rw", "RW_PASS": "s3cret"})
        assert result.ok, result.error
        assert inbox.logins == [("rw", "s3cret")] and len(inbox.messages) == 1
        monkeypatch.delenv("SSL_CERT_FILE")  # an unknown certificate is refused
        monkeypatch.setenv("SSL_CERT_DIR", str(cert.parent / "nowhere"))
        untrusted = deliver(MESSAGE, target, env={"RW_USER": "rw", "RW_PASS": "s3cret"})
        assert not untrusted.ok and "CERTIFICATE" in untrusted.error.upper()
        assert len(inbox.messages) == 1
    finally:
        controller.stop()


def test_implicit_tls(certificate, monkeypatch) -> None:
    cert, key = certificate
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert, key)
    inbox = Inbox()
    # aiosmtpd counts only STARTTLS as TLS for AUTH; this whole connection is TLS from the first byte.
    controller, port = _start(inbox, ssl_context=server_tls, auth_require_tls=False)
    try:
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))
        result = deliver(MESSAGE, _email(port, ssl=True, username_env="RW_USER", password_env="RW_PASS"),
                         env={"RW_USER": "rw", "RW_PASS": "s3cret"})
        assert result.ok, result.error
        assert inbox.logins == [("rw", "s3cret")] and len(inbox.messages) == 1
    finally:
        controller.stop()


def test_unreachable_smtp_is_reported_not_raised() -> None:
    port = free_port()
    result = deliver(MESSAGE, _email(port, starttls=False), env={})
    assert not result.ok
    assert f"127.0.0.1:{port}" in result.error and "Connection refused" in result.error


# --- webhooks and apprise ---------------------------------------------------------------------------


def test_webhook_posts_the_json_digest(httpserver) -> None:
    httpserver.expect_oneshot_request("/hook", method="POST").respond_with_data("ok")
    result = deliver(MESSAGE, Delivery("webhook", {"url": httpserver.url_for("/hook")}))
    assert result.ok, result.error
    request, _ = httpserver.log[0]
    assert request.headers["Content-Type"] == "application/json"
    assert request.get_json() == {"subject": "s", "titles": []}


def test_webhook_other_format_and_url_from_environment(httpserver) -> None:
    httpserver.expect_oneshot_request("/hook/T0KEN", method="POST").respond_with_data("ok")
    url = f"http://127.0.0.1:{httpserver.port}/hook/${{HOOK_TOKEN}}"
    target = Delivery("webhook", {"url": url, "format": "markdown"})
    result = deliver(MESSAGE, target, env={"HOOK_TOKEN": "T0KEN"})
    assert result.ok, result.error
    assert "T0KEN" not in result.destination and "${HOOK_TOKEN}" not in result.destination
    request, _ = httpserver.log[0]
    assert request.get_json() == {"subject": MESSAGE.subject, "format": "markdown", "text": "**Ballerina**"}
    missing = deliver(MESSAGE, target, env={})
    assert not missing.ok and "HOOK_TOKEN" in missing.error


def test_webhook_failures_are_results(httpserver) -> None:
    httpserver.expect_request("/broken", method="POST").respond_with_data("boom", status=500)
    broken = deliver(MESSAGE, Delivery("webhook", {"url": httpserver.url_for("/broken")}))
    assert not broken.ok and "HTTP 500" in broken.error
    closed = deliver(MESSAGE, Delivery("webhook", {"url": f"http://127.0.0.1:{free_port()}/x", "timeout": 5}))
    assert not closed.ok and "Connection refused" in closed.error


def test_apprise_json_url_reaches_a_local_endpoint(httpserver) -> None:
    httpserver.expect_oneshot_request("/apprise", method="POST").respond_with_data("ok")
    target = Delivery("apprise", {"urls": [f"json://127.0.0.1:{httpserver.port}/apprise"]})
    result = deliver(MESSAGE, target)
    assert result.ok, result.error
    payload = httpserver.log[0][0].get_json()
    assert payload["title"] == MESSAGE.subject
    assert payload["message"] == "**Ballerina**"  # markdown by default for chat tools


def test_apprise_failures_are_results(httpserver) -> None:
    httpserver.expect_request("/down", method="POST").respond_with_response(Response("no", status=503))
    down = deliver(MESSAGE, Delivery("apprise", {"urls": [f"json://127.0.0.1:{httpserver.port}/down"]}))
    assert not down.ok and "apprise could not deliver" in down.error and "503" in down.error
    unknown = deliver(MESSAGE, Delivery("apprise", {"urls": ["nosuchservice://abc/def"]}))
    assert not unknown.ok and "does not understand" in unknown.error


def test_destination_keys_are_stable_distinct_and_without_secrets() -> None:
    slack_a = Delivery("apprise", {"urls": ["slack://TA/TB/SECRET1"]})
    slack_b = Delivery("apprise", {"urls": ["slack://TA/TB/SECRET2"]})
    hook = Delivery("webhook", {"url": "https://hooks.example.org/services/SECRET3"})
    keys = [destination_key(d) for d in (slack_a, slack_b, hook)]
    assert keys == [destination_key(d) for d in (slack_a, slack_b, hook)]
    assert len(set(keys)) == 3
    assert not any("SECRET" in k for k in keys)
    assert keys[2].startswith("webhook:https://hooks.example.org/")
    assert destination_key(Delivery("file", {"path": "/srv/digests/"})) == "file:/srv/digests/"
    assert destination_key(Delivery("email", {"to": ["a@b.c", "d@e.f"], "host": "h"})) == "email:a@b.c,d@e.f"
    assert destination_key(Delivery("stdout")) == "stdout"


# --- stdout and files -------------------------------------------------------------------------------


def test_stdout() -> None:
    out = io.StringIO()
    assert deliver(MESSAGE, Delivery("stdout"), stdout=out).ok
    assert out.getvalue() == "Ballerina: released Jun 6, 2025\n"
    out = io.StringIO()
    assert deliver(MESSAGE, Delivery("stdout", {"format": "markdown"}), stdout=out).ok
    assert out.getvalue() == "**Ballerina**\n"


def test_file_and_folder(tmp_path: Path) -> None:
    assert deliver(MESSAGE, Delivery("file", {"path": str(tmp_path / "out.md"), "format": "markdown"})).ok
    assert (tmp_path / "out.md").read_text() == "**Ballerina**"
    assert deliver(MESSAGE, Delivery("file", {"path": f"{tmp_path}/digests/"})).ok
    assert (tmp_path / "digests" / "digest-2025-06-09.txt").read_text() == "Ballerina: released Jun 6, 2025"
    (tmp_path / "existing").mkdir()
    assert deliver(MESSAGE, Delivery("file", {"path": str(tmp_path / "existing"), "format": "json"})).ok
    assert json.loads((tmp_path / "existing" / "digest-2025-06-09.json").read_text()) == {"subject": "s", "titles": []}
    leftovers = [p.name for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


def test_html_file_gets_its_chart_beside_it(tmp_path: Path) -> None:
    assert deliver(MESSAGE, Delivery("file", {"path": f"{tmp_path}/", "format": "html"})).ok
    page = (tmp_path / "digest-2025-06-09.html").read_text()
    assert 'src="chart.png"' in page and "cid:" not in page
    assert (tmp_path / "chart.png").read_bytes() == b"\x89PNG fake"


def test_file_delivery_failure_is_a_result(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    result = deliver(MESSAGE, Delivery("file", {"path": str(blocker / "sub" / "out.txt")}))
    assert not result.ok and result.error
    assert not deliver(MESSAGE, Delivery("carrier-pigeon")).ok


def test_html_to_text() -> None:
    text = html_to_text("<ul><li>one &amp; two</li><li>three</li></ul><p>a\n   b</p>")
    assert text == "- one & two\n- three\n\na b\n"


# --- the digests table: pending until delivered ------------------------------------------------------


def test_undelivered_digest_stays_pending_and_goes_out_once(tmp_path: Path, smtp) -> None:
    inbox, port = smtp
    dead_port = free_port()
    config_text = f"""
titles: [{{name: Mercy Street}}]
digest:
  send_empty: true
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


class SlowInbox(Inbox):
    """Takes half a second over each message, so that two senders overlap for certain."""

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        import asyncio

        await asyncio.sleep(0.5)
        return await super().handle_DATA(server, session, envelope)


def _mail_config(port: int, fmt: str = "text") -> str:
    return f"""
titles: [{{name: Mercy Street}}]
digest:
  send_empty: true
  deliver:
    - {{type: email, to: [fan@example.org], host: 127.0.0.1, port: {port}, starttls: false, format: {fmt}}}
"""


def test_two_senders_at_once_deliver_each_digest_once(tmp_path: Path) -> None:
    import threading

    from aiosmtpd.controller import Controller

    inbox = SlowInbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        db = tmp_path / "rw.db"
        day1, day2 = datetime(2025, 6, 8, 8, tzinfo=timezone.utc), datetime(2025, 6, 9, 8, tzinfo=timezone.utc)
        first = send_digest(parse_config(_mail_config(free_port())), Store(db), now=day1)  # nobody listens: pending
        assert [r.ok for r in first] == [False]
        config = parse_config(_mail_config(port))
        barrier = threading.Barrier(2)
        outcomes: list[list] = []

        def sender() -> None:
            store = Store(db)  # each sender its own connection, as two processes would have
            barrier.wait()
            outcomes.append(send_digest(config, store, now=day2))
            store.close()

        threads = [threading.Thread(target=sender) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
    finally:
        controller.stop()
    assert len(inbox.messages) == 2  # the day-1 retry and the day-2 digest, once each
    assert sorted(len(o) for o in outcomes) in ([0, 2], [1, 1])
    assert Store(db).pending_digests() == []


def test_a_retried_email_keeps_its_chart(tmp_path: Path, smtp) -> None:
    from releasewatch.extract.claims import extract_claims
    from releasewatch.models import Article, Title

    inbox, port = smtp
    store = Store(tmp_path / "rw.db")
    text = "Mercy Street opens in theaters on June 6, 2025, the studio announced."
    published = datetime(2025, 5, 1, tzinfo=timezone.utc)
    article = Article(url="https://news.example.org/a", text=text, headline="Mercy Street dated",
                      published=published, source="Feed", content_hash="h1")
    claims = extract_claims(text, [Title(name="Mercy Street")], published.date())
    assert claims
    store.save_article(article, [c.replace(article_url=article.url, source="Feed") for c in claims])
    now = datetime(2025, 6, 9, 8, tzinfo=timezone.utc)
    first = send_digest(parse_config(_mail_config(free_port(), "html")), store, now=now)
    assert [r.ok for r in first] == [False]
    second = send_digest(parse_config(_mail_config(port, "html")), store, now=now)
    assert [r.ok for r in second] == [True] and len(inbox.messages) == 1
    parts = _parts(inbox.mail())
    html = parts["text/html"].get_payload(decode=True).decode()
    assert "cid:chart-mercy-street" in html
    image = parts["image/png"]
    assert image["Content-ID"] == "<chart-mercy-street>"
    assert image.get_payload(decode=True).startswith(b"\x89PNG")
