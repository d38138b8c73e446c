"""Deliver a rendered digest: stdout, a file or folder, SMTP, apprise URLs, or a webhook.

`deliver` never raises: a failure is a DeliveryResult with ok=False, so the caller can keep the
digest pending and try again with the next attempt.
"""

from __future__ import annotations

import json
import logging
import os
import smtplib
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any, TextIO

log = logging.getLogger(__name__)

EXTENSIONS = {"text": "txt", "markdown": "md", "html": "html", "json": "json"}


@dataclass
class DigestMessage:
    subject: str
    bodies: dict[str, str]  # format -> rendered digest
    attachments: list[tuple[str, bytes, str, str]] = field(default_factory=list)  # (name, data, mime, cid)
    day: str = ""  # YYYY-MM-DD, for file names

    def body(self, fmt: str) -> str:
        return self.bodies.get(fmt) or self.bodies.get("text") or next(iter(self.bodies.values()), "")


@dataclass(frozen=True)
class DeliveryResult:
    destination: str
    ok: bool
    error: str | None = None


def destination_key(delivery: Any) -> str:
    """A stable name for a destination, remembered in the digests table."""
    opts = dict(delivery.options)
    if delivery.type == "file":
        return f"file:{opts['path']}"
    if delivery.type == "email":
        return "email:" + ",".join(opts["to"])
    if delivery.type == "apprise":
        return "apprise:" + ",".join(u.split("://", 1)[0] + "://…" for u in opts["urls"])
    if delivery.type == "webhook":
        return f"webhook:{opts['url']}"
    return delivery.type


def delivery_format(delivery: Any, default: str = "text") -> str:
    if "format" in delivery.options:
        return str(delivery.options["format"])
    return {"email": "html", "apprise": "markdown", "webhook": "json"}.get(delivery.type, default)


def deliver(message: DigestMessage, delivery: Any, *, env: Mapping[str, str] | None = None,
            stdout: TextIO | None = None) -> DeliveryResult:
    key = destination_key(delivery)
    try:
        _DELIVERERS[delivery.type](message, delivery, env if env is not None else os.environ,
                                   stdout or sys.stdout)
    except Exception as exc:  # every failure is reported, none is raised
        log.warning("delivery to %s failed: %s", key, exc)
        return DeliveryResult(key, False, f"{type(exc).__name__}: {exc}")
    return DeliveryResult(key, True)


def _to_stdout(message: DigestMessage, delivery: Any, env: Mapping[str, str], stdout: TextIO) -> None:
    stdout.write(message.body(delivery_format(delivery)))
    stdout.flush()


def _to_file(message: DigestMessage, delivery: Any, env: Mapping[str, str], stdout: TextIO) -> None:
    fmt = delivery_format(delivery)
    target = Path(delivery.options["path"])
    if str(delivery.options["path"]).endswith("/") or target.is_dir():
        target = target / f"digest-{message.day or 'latest'}.{EXTENSIONS.get(fmt, 'txt')}"
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(message.body(fmt), encoding="utf-8")
    tmp.replace(target)


def _to_email(message: DigestMessage, delivery: Any, env: Mapping[str, str], stdout: TextIO) -> None:
    opts = delivery.options
    mail = EmailMessage()
    mail["Subject"] = opts.get("subject") or message.subject
    mail["From"] = opts.get("sender") or "releasewatch@localhost"
    mail["To"] = ", ".join(opts["to"])
    mail.set_content(message.body("text"))
    if "html" in message.bodies:
        mail.add_alternative(message.bodies["html"], subtype="html")
        html_part = mail.get_payload()[-1]
        for name, data, mime, cid in message.attachments:
            maintype, subtype = mime.split("/", 1)
            html_part.add_related(data, maintype=maintype, subtype=subtype, cid=f"<{cid}>", filename=name)
    port = int(opts.get("port", 587))
    smtp_cls = smtplib.SMTP_SSL if opts.get("ssl") else smtplib.SMTP
    with smtp_cls(opts["host"], port, timeout=30) as smtp:
        if opts.get("starttls", True) and not opts.get("ssl"):
            smtp.ehlo()
            if smtp.has_extn("starttls"):
                smtp.starttls()
                smtp.ehlo()
            elif opts.get("starttls") is True and "starttls" in opts:
                raise smtplib.SMTPException("the server does not offer STARTTLS, which the config requires")
        user = env.get(opts["username_env"]) if opts.get("username_env") else None
        password = env.get(opts["password_env"]) if opts.get("password_env") else None
        if opts.get("password_env") and password is None:
            raise KeyError(f"environment variable {opts['password_env']} is not set")
        if password is not None:
            smtp.login(user or opts.get("sender", ""), password)
        smtp.send_message(mail)


def _to_apprise(message: DigestMessage, delivery: Any, env: Mapping[str, str], stdout: TextIO) -> None:
    import apprise

    notifier = apprise.Apprise()
    for url in delivery.options["urls"]:
        if not notifier.add(url):
            raise ValueError(f"apprise does not understand the URL scheme of {url.split('://')[0]}://")
    fmt = delivery_format(delivery)
    body_format = {"markdown": apprise.NotifyFormat.MARKDOWN, "html": apprise.NotifyFormat.HTML}.get(
        fmt, apprise.NotifyFormat.TEXT)
    if not notifier.notify(title=message.subject, body=message.body(fmt), body_format=body_format):
        raise RuntimeError("apprise reported a failed notification")


def _to_webhook(message: DigestMessage, delivery: Any, env: Mapping[str, str], stdout: TextIO) -> None:
    import requests

    fmt = delivery_format(delivery)
    body = message.body(fmt)
    payload = json.loads(body) if fmt == "json" else {"subject": message.subject, "text": body}
    response = requests.post(delivery.options["url"], json=payload, timeout=30)
    response.raise_for_status()


_DELIVERERS = {"stdout": _to_stdout, "file": _to_file, "email": _to_email, "apprise": _to_apprise,
               "webhook": _to_webhook}
