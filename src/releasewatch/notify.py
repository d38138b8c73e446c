"""Deliver a rendered digest: stdout, a file or folder, SMTP, apprise URLs, or a webhook.

`deliver` never raises: a failure is a DeliveryResult with ok=False and an error that says what
went wrong, so the caller can keep the digest pending and try again with the next attempt.

Secrets never come from sources.yaml: SMTP credentials are read from the environment variables
named by `username_env` / `password_env`, and an apprise or webhook URL may carry `${NAME}`
placeholders that are filled from the environment at delivery time (`slack://${SLACK_TOKENS}`),
so the tokens in such URLs need not be written in the file either. `destination_key` names a
destination without its secrets: URLs are reduced to scheme, host and a short hash.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import smtplib
import ssl
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

EXTENSIONS = {"text": "txt", "markdown": "md", "html": "html", "json": "json"}
TIMEOUT = 30.0


@dataclass
class DigestMessage:
    """A digest rendered in one or more formats, with images the HTML refers to as cid:NAME."""

    subject: str
    bodies: dict[str, str]  # format (text, markdown, html, json) -> rendered digest
    attachments: list[tuple[str, bytes, str, str]] = field(default_factory=list)  # (filename, data, mime, cid)
    day: str = ""  # YYYY-MM-DD, for file names in a folder

    def body(self, fmt: str) -> str:
        """The body in FMT; for a missing format, the closest one that reads as plain text."""
        if fmt in self.bodies:
            return self.bodies[fmt]
        for other in ("text", "markdown"):
            if other in self.bodies:
                return self.bodies[other]
        if "html" in self.bodies:
            return html_to_text(self.bodies["html"])
        return next(iter(self.bodies.values()), "")


@dataclass(frozen=True)
class DeliveryResult:
    destination: str
    ok: bool
    error: str | None = None


class DeliveryError(Exception):
    """A delivery failed for a reason worth saying in words (the caller turns it into a result)."""


# --- naming destinations ------------------------------------------------------------------------


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:10]


def _redacted(url: str) -> str:
    """scheme://host/…#hash: names a URL without the tokens that are often in it."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    return f"{parts.scheme}://{host}/…#{_short_hash(url)}"


def destination_key(delivery: Any) -> str:
    """A stable name for a destination, remembered in the digests table ("email:a@b.c", "file:/path")."""
    opts = dict(delivery.options)
    if delivery.type == "file":
        return f"file:{opts['path']}"
    if delivery.type == "email":
        return "email:" + ",".join(opts["to"])
    if delivery.type == "apprise":
        return "apprise:" + ",".join(_redacted(u) for u in opts["urls"])
    if delivery.type == "webhook":
        return f"webhook:{_redacted(opts['url'])}"
    return str(delivery.type)


def delivery_format(delivery: Any, default: str = "text") -> str:
    """The digest format a destination gets: its `format`, or HTML for mail, Markdown for chat, JSON for hooks."""
    if "format" in delivery.options:
        return str(delivery.options["format"])
    return {"email": "html", "apprise": "markdown", "webhook": "json"}.get(delivery.type, default)


# --- delivering ----------------------------------------------------------------------------------


def deliver(message: DigestMessage, delivery: Any, *, env: Mapping[str, str] | None = None,
            stdout: TextIO | None = None) -> DeliveryResult:
    """Send MESSAGE to one destination. Never raises: failures come back as ok=False with an error."""
    try:
        key = destination_key(delivery)
    except Exception as exc:  # a malformed Delivery built by hand, not by config.py
        return DeliveryResult(str(getattr(delivery, "type", "?")), False, f"bad delivery settings: {exc!r}")
    try:
        sender = _DELIVERERS[delivery.type]
        sender(message, delivery, os.environ if env is None else env, stdout or sys.stdout)
    except DeliveryError as exc:
        log.warning("delivery to %s failed: %s", key, exc)
        return DeliveryResult(key, False, str(exc))
    except Exception as exc:  # every failure is reported, none is raised
        log.warning("delivery to %s failed: %s", key, exc)
        return DeliveryResult(key, False, f"{type(exc).__name__}: {exc}")
    log.info("delivered %r to %s", message.subject, key)
    return DeliveryResult(key, True)


def _to_stdout(message: DigestMessage, delivery: Any, env: Mapping[str, str], stdout: TextIO) -> None:
    body = message.body(delivery_format(delivery))
    stdout.write(body if body.endswith("\n") else body + "\n")
    stdout.flush()


def _write_atomically(target: Path, data: bytes) -> None:
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(target)


def _to_file(message: DigestMessage, delivery: Any, env: Mapping[str, str], stdout: TextIO) -> None:
    """A file, or a folder (a path ending in / or an existing directory): digest-YYYY-MM-DD.<ext>."""
    fmt = delivery_format(delivery)
    raw = str(delivery.options["path"])
    target = Path(raw).expanduser()
    if raw.endswith(("/", os.sep)) or target.is_dir():
        target = target / f"digest-{message.day or 'latest'}.{EXTENSIONS.get(fmt, 'txt')}"
    target.parent.mkdir(parents=True, exist_ok=True)
    body = message.body(fmt)
    if fmt == "html":  # images next to the page, referred to by file name instead of cid:
        for name, data, _mime, cid in message.attachments:
            if f"cid:{cid}" in body:
                _write_atomically(target.parent / name, data)
                body = body.replace(f"cid:{cid}", name)
    _write_atomically(target, body.encode("utf-8"))


# --- e-mail ---


class _TextExtractor(HTMLParser):
    _BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "blockquote"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head"):
            self._skip += 1
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head"):
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCKS and tag != "li":
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """A readable plain-text alternative for an HTML digest that came without one."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def _mail(message: DigestMessage, opts: Mapping[str, Any], fmt: str) -> EmailMessage:
    """multipart/alternative: text, and HTML with the chart images as related inline parts."""
    sender = opts.get("sender") or "releasewatch@localhost"
    mail = EmailMessage()
    mail["Subject"] = opts.get("subject") or message.subject
    mail["From"] = sender
    mail["To"] = ", ".join(opts["to"])
    mail["Date"] = formatdate(localtime=False)
    mail["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or "localhost")
    mail.set_content(message.body("text"))
    if fmt == "html" and "html" in message.bodies:
        mail.add_alternative(message.bodies["html"], subtype="html")
        html_part = mail.get_body(preferencelist=("html",))
        assert html_part is not None
        for name, data, mime, cid in message.attachments:
            maintype, _, subtype = mime.partition("/")
            html_part.add_related(data, maintype=maintype, subtype=subtype or "octet-stream", cid=f"<{cid}>",
                                  filename=name, disposition="inline")
    return mail


def _credentials(opts: Mapping[str, Any], env: Mapping[str, str]) -> tuple[str, str] | None:
    """(user, password) from the environment variables the options name; None when no login is configured."""
    for key in ("username_env", "password_env"):
        name = opts.get(key)
        if name and name not in env:
            raise DeliveryError(f"environment variable {name} ({key}) is not set")
    if not opts.get("password_env"):
        return None
    user = env[opts["username_env"]] if opts.get("username_env") else opts.get("sender", "")
    return user, env[opts["password_env"]]


def _to_email(message: DigestMessage, delivery: Any, env: Mapping[str, str], stdout: TextIO) -> None:
    opts = delivery.options
    login = _credentials(opts, env)
    mail = _mail(message, opts, delivery_format(delivery))
    host, use_ssl = opts["host"], bool(opts.get("ssl"))
    port = int(opts.get("port") or (465 if use_ssl else 587))
    context = ssl.create_default_context()  # certificates are verified, in both TLS modes
    try:
        smtp: smtplib.SMTP = (smtplib.SMTP_SSL(host, port, timeout=TIMEOUT, context=context) if use_ssl
                              else smtplib.SMTP(host, port, timeout=TIMEOUT))
    except (OSError, smtplib.SMTPException) as exc:
        raise DeliveryError(f"cannot connect to SMTP server {host}:{port}: {_reason(exc)}") from exc
    with smtp:
        if not use_ssl:
            _maybe_starttls(smtp, opts, context, will_login=login is not None)
        if login is not None:
            try:
                smtp.login(*login)
            except smtplib.SMTPAuthenticationError as exc:
                said = exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) else exc.smtp_error
                raise DeliveryError(f"SMTP login to {host}:{port} refused: {exc.smtp_code} {said}") from exc
        refused = smtp.send_message(mail)
    if refused:
        raise DeliveryError("SMTP server refused recipients: " + ", ".join(sorted(refused)))


def _maybe_starttls(smtp: smtplib.SMTP, opts: Mapping[str, Any], context: ssl.SSLContext, *,
                    will_login: bool) -> None:
    """STARTTLS unless `starttls: false`. Without it a password is never sent; with `starttls: true` it is required."""
    wanted = opts.get("starttls")
    if wanted is False:
        return
    smtp.ehlo()
    if smtp.has_extn("starttls"):
        smtp.starttls(context=context)
        smtp.ehlo()
    elif wanted is True or will_login:
        raise DeliveryError(f"the SMTP server {opts['host']} does not offer STARTTLS; refusing to send "
                            + ("credentials" if will_login else "mail") + " unencrypted "
                            "(set starttls: false to allow it, or ssl: true for implicit TLS)")


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def _os_reason(exc: BaseException) -> str:
    """The operating system's words inside a requests error ("Connection refused"), without the URL."""
    found = re.search(r"\[Errno -?\d+\] ([^'\")]+)", str(exc))
    return found.group(1).strip() if found else type(exc).__name__


# --- apprise and webhooks ---

_PLACEHOLDER = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def expand_env(text: str, env: Mapping[str, str]) -> str:
    """Fill ${NAME} placeholders from the environment; a missing variable is an error, not an empty string."""
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in env:
            raise DeliveryError(f"environment variable {name} (used in a delivery URL) is not set")
        return env[name]

    return _PLACEHOLDER.sub(value, text)


def _to_apprise(message: DigestMessage, delivery: Any, env: Mapping[str, str], stdout: TextIO) -> None:
    import apprise

    notifier = apprise.Apprise()
    for url in delivery.options["urls"]:
        if not notifier.add(expand_env(url, env)):
            raise DeliveryError(f"apprise does not understand the URL {_redacted(url)} (check its scheme and form)")
    fmt = delivery_format(delivery)
    body_format = {"markdown": apprise.NotifyFormat.MARKDOWN, "html": apprise.NotifyFormat.HTML}.get(
        fmt, apprise.NotifyFormat.TEXT)
    with apprise.LogCapture(level=logging.WARNING) as captured:
        ok = notifier.notify(title=message.subject, body=message.body(fmt), body_format=body_format)
    if not ok:
        detail = " ".join(captured.getvalue().split())[-300:]
        raise DeliveryError("apprise could not deliver the notification" + (f": {detail}" if detail else ""))


def _to_webhook(message: DigestMessage, delivery: Any, env: Mapping[str, str], stdout: TextIO) -> None:
    """POST JSON: the JSON digest itself, or {"subject", "format", "text"} for another format."""
    import requests

    fmt = delivery_format(delivery)
    body = message.body(fmt)
    payload = json.loads(body) if fmt == "json" else {"subject": message.subject, "format": fmt, "text": body}
    url = expand_env(delivery.options["url"], env)
    timeout = float(delivery.options.get("timeout", TIMEOUT))
    try:
        response = requests.post(url, json=payload, timeout=timeout,
                                 headers={"User-Agent": "releasewatch (digest webhook)"})
    except requests.RequestException as exc:
        raise DeliveryError(f"webhook {_redacted(url)} unreachable: {_os_reason(exc)}") from exc
    if response.status_code >= 400:
        raise DeliveryError(f"webhook {_redacted(url)} answered HTTP {response.status_code} {response.reason}")


_DELIVERERS = {"stdout": _to_stdout, "file": _to_file, "email": _to_email, "apprise": _to_apprise,
               "webhook": _to_webhook}
