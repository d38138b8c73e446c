"""Load and validate sources.yaml.

Defaults first, the user's file laid over them; every key is checked against one
table of names, types and allowed values. Errors name the file, the key path and
the line, and unknown keys are errors, not silently ignored.
"""

from __future__ import annotations

import functools
import ipaddress
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError
from .models import SOURCE_KINDS, TITLE_KINDS, Source, Title

log = logging.getLogger(__name__)

DEFAULT_CONFIG = "sources.yaml"
DEFAULT_DATABASE = "db/releasewatch.db"
DEFAULT_USER_AGENT = "releasewatch/0.1 (release-date tracker; +https://pypi.org/project/releasewatch/)"
DELIVERY_TYPES = ("stdout", "file", "email", "apprise", "webhook")
DIGEST_FORMATS = ("text", "markdown", "html", "json")


@dataclass(frozen=True)
class FetchSettings:
    user_agent: str = DEFAULT_USER_AGENT
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_bytes: int = 5_000_000
    retries: int = 3
    backoff: float = 1.0
    max_backoff: float = 60.0
    per_host_delay: float = 1.0
    per_host_concurrency: int = 2
    concurrency: int = 8
    respect_robots: bool = True
    allow_addresses: tuple[str, ...] = ()
    proxies: Mapping[str, str] = field(default_factory=dict)
    max_redirects: int = 5
    jitter: float = 0.1


@dataclass(frozen=True)
class ScheduleSettings:
    timezone: str = "UTC"
    digest_at: str = "08:00"
    misfire_grace: int = 600
    max_backoff_factor: int = 8
    digest_every: str | None = None  # an interval or cron expression instead of the daily digest_at


@dataclass(frozen=True)
class Delivery:
    type: str
    options: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DigestSettings:
    silent_after_days: int = 14
    format: str = "text"
    deliver: tuple[Delivery, ...] = (Delivery("stdout"),)
    send_empty: bool = False  # `digest --send` on a day with nothing new sends nothing unless true


@dataclass(frozen=True)
class Config:
    titles: tuple[Title, ...] = ()
    sources: tuple[Source, ...] = ()
    fetch: FetchSettings = field(default_factory=FetchSettings)
    schedule: ScheduleSettings = field(default_factory=ScheduleSettings)
    digest: DigestSettings = field(default_factory=DigestSettings)
    database: str = DEFAULT_DATABASE
    path: str = ""
    lines: Mapping[tuple[Any, ...], int] = field(default_factory=dict, compare=False, repr=False)

    def title(self, name: str) -> Title:
        wanted = name.casefold()
        for title in self.titles:
            if any(n.casefold() == wanted for n in title.names):
                return title
        raise ConfigError(f"no tracked title named {name!r}", path=self.path, key="titles")

    def source(self, name: str) -> Source:
        for source in self.sources:
            if source.name == name:
                return source
        raise ConfigError(f"no source named {name!r}", path=self.path, key="sources")

    def reliability(self) -> dict[str, float]:
        return {s.name: s.reliability for s in self.sources}


# --- durations -------------------------------------------------------------

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|d|w)\s*$", re.I)
_UNIT_SECONDS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_interval(text: str) -> timedelta | None:
    """"30s", "15m", "2h", "1d" -> timedelta; a cron expression -> None.

    Raises ValueError for anything else.
    """
    match = _INTERVAL.match(str(text))
    if match:
        seconds = float(match.group(1)) * _UNIT_SECONDS[match.group(2).lower()]
        if seconds <= 0:
            raise ValueError(f"interval must be positive: {text!r}")
        return timedelta(seconds=seconds)
    if len(str(text).split()) == 5:
        _check_cron(str(text))
        return None
    raise ValueError(f"not an interval (like 30m, 2h, 1d) or a 5-field cron expression: {text!r}")


def _check_cron(expr: str) -> None:
    from apscheduler.triggers.cron import CronTrigger

    CronTrigger.from_crontab(expr)


class ConfigErrors(ConfigError):
    """Several problems in one file: the first one's file, key and line, and every message in `errors`."""

    def __init__(self, errors: list[ConfigError]):
        first = errors[0]
        super().__init__("", path=first.path, key=first.key, line=first.line)
        self.errors = [e for err in errors for e in getattr(err, "errors", [err])]
        self.args = ("\n".join(str(e) for e in self.errors),)


def error_list(exc: ConfigError) -> list[ConfigError]:
    """The single problems of a ConfigError (one, or each of a ConfigErrors)."""
    return list(getattr(exc, "errors", [exc]))


def error_fields(exc: ConfigError) -> dict[str, Any]:
    """One problem as data: file, line, key and the message without them (for `check --json`)."""
    text = str(exc)
    where = exc.path + (f":{exc.line}" if exc.line is not None else "") if exc.path else (
        f"line {exc.line}" if exc.line is not None else "")
    for prefix in (f"{where}: " if where else "", f"{exc.key}: " if exc.key else ""):
        if prefix and text.startswith(prefix):
            text = text[len(prefix):]
    return {"file": exc.path or None, "line": exc.line, "key": exc.key or None, "message": text}


# --- YAML with line numbers -------------------------------------------------

Lines = dict[tuple[Any, ...], int]

# The tags YAML gives plain scalars, lists and mappings by itself; any other (!foo, !!python/...) is refused.
_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")}
MAX_NODES = 100_000  # aliases can make a small file huge ("billion laughs")


class _Walk:
    def __init__(self, file: str, lines: Lines):
        self.file = file
        self.lines = lines
        self.nodes = 0
        self.open: set[int] = set()  # nodes on the current path: an alias back to one is a loop

    def fail(self, message: str, path: tuple[Any, ...], node: yaml.Node) -> ConfigError:
        return ConfigError(message, path=self.file, key=_dotted(path), line=node.start_mark.line + 1)

    def value(self, node: yaml.Node, path: tuple[Any, ...]) -> Any:
        self.lines.setdefault(path, node.start_mark.line + 1)
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self.fail(f"more than {MAX_NODES} values (aliases that expand without end?)", path, node)
        if node.tag not in _PLAIN_TAGS:
            raise self.fail(f"YAML tags such as {node.tag.replace('tag:yaml.org,2002:', '!!')} are not allowed "
                            "in sources.yaml", path, node)
        if id(node) in self.open:
            raise self.fail("an alias that refers to itself", path, node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            self.open.add(id(node))
            try:
                return [self.value(item, (*path, i)) for i, item in enumerate(node.value)]
            finally:
                self.open.discard(id(node))
        try:
            return yaml.SafeLoader(" ").construct_object(node)  # scalars: ints, floats, bools, null
        except yaml.YAMLError as exc:
            raise self.fail(f"not a valid value: {getattr(exc, 'problem', None) or exc}", path, node) from None

    def _mapping(self, node: yaml.MappingNode, path: tuple[Any, ...]) -> dict[str, Any]:
        self.open.add(id(node))
        result: dict[str, Any] = {}
        try:
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise self.fail("merge keys (<<) are not supported in sources.yaml", path, key_node)
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                    raise self.fail("a key must be a plain word, not a list, mapping or tagged value", path, key_node)
                key = key_node.value
                if key in result:
                    raise self.fail("duplicate key", (*path, key), key_node)
                self.lines[(*path, key)] = key_node.start_mark.line + 1
                result[key] = self.value(value_node, (*path, key))
        finally:
            self.open.discard(id(node))
        return result


def _to_python(node: yaml.Node, path: tuple[Any, ...], lines: Lines, file: str) -> Any:
    return _Walk(file, lines).value(node, path)


# PyYAML's words for common slips, in a user's words.
_YAML_PROBLEMS = [
    ("expected <block end>", "the indentation does not line up with the lines above"),
    ("did not find expected key", "the indentation does not line up with the lines above"),
    ("mapping values are not allowed here", "a ':' where none is expected: check the indentation, "
     "or quote a value that contains ': '"),
    ("could not find expected ':'", "a line without 'key: value' (or one indented as if it continued the line above)"),
    ("cannot start any token", "a character YAML cannot read here (a tab? indent with spaces)"),
    ("found undefined alias", "an alias (*name) with no anchor (&name) before it"),
    ("expected ',' or ']'", "a list in [brackets] that is not closed"),
    ("expected ',' or '}'", "a mapping in {braces} that is not closed"),
    ("found unexpected end of stream", "the file ends inside a quoted string or a bracket"),
    ("found unknown escape character", "a backslash escape that YAML does not know inside double quotes "
     "(use single quotes for regular expressions)"),
]


def _yaml_problem(exc: yaml.MarkedYAMLError) -> str:
    problem = str(exc.problem or exc)
    for needle, plain in _YAML_PROBLEMS:
        if needle in problem:
            return plain
    return problem


def _dotted(path: tuple[Any, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class _Checker:
    """Validates one document against the key tables, remembering where each key was."""

    def __init__(self, file: str, lines: Lines):
        self.file = file
        self.lines = lines

    def fail(self, path: tuple[Any, ...], message: str) -> ConfigError:
        line = None
        for cut in range(len(path), -1, -1):
            if path[:cut] in self.lines:
                line = self.lines[path[:cut]]
                break
        return ConfigError(message, path=self.file, key=_dotted(path), line=line)

    def mapping(self, value: Any, path: tuple[Any, ...], allowed: Mapping[str, Any]) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.fail(path, f"expected a mapping, got {type(value).__name__}")
        unknown = [self.fail((*path, key), f"unknown key (allowed here: {', '.join(sorted(allowed))})")
                   for key in value if key not in allowed]
        if unknown:
            raise ConfigErrors(unknown)
        return value

    def typed(self, value: Any, path: tuple[Any, ...], kind: type | tuple[type, ...], what: str) -> Any:
        if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
            raise self.fail(path, f"expected {what}, got a boolean")
        if not isinstance(value, kind):
            raise self.fail(path, f"expected {what}, got {value!r}")
        return value

    def string_list(self, value: Any, path: tuple[Any, ...]) -> tuple[str, ...]:
        if isinstance(value, str):
            return (value,)
        self.typed(value, path, list, "a list of strings")
        for i, item in enumerate(value):
            self.typed(item, (*path, i), str, "a string")
        return tuple(value)


# --- sections ----------------------------------------------------------------

TOP_KEYS = {"titles": list, "sources": list, "fetch": dict, "schedule": dict, "digest": dict, "database": str}
TITLE_KEYS = {"name": str, "aliases": list, "kind": str, "context": list, "common_word": bool}
SOURCE_KEYS = {"name": str, "url": str, "kind": str, "reliability": float, "every": str,
               "link_pattern": str, "titles": list, "enabled": bool}
FETCH_KEYS: dict[str, Any] = {
    "user_agent": str, "connect_timeout": float, "read_timeout": float, "max_bytes": int, "retries": int,
    "backoff": float, "max_backoff": float, "per_host_delay": float, "per_host_concurrency": int,
    "concurrency": int, "respect_robots": bool, "allow_addresses": list, "proxies": dict,
    "max_redirects": int, "jitter": float,
}
SCHEDULE_KEYS = {"timezone": str, "digest_at": str, "misfire_grace": int, "max_backoff_factor": int,
                 "digest_every": str}
DIGEST_KEYS = {"silent_after_days": int, "format": str, "deliver": list, "send_empty": bool}
DELIVERY_KEYS: dict[str, dict[str, Any]] = {
    "stdout": {"format": str},
    "file": {"path": str, "format": str},
    "email": {"to": list, "sender": str, "host": str, "port": int, "starttls": bool, "ssl": bool,
              "username_env": str, "password_env": str, "subject": str, "format": str},
    "apprise": {"urls": list, "format": str},
    "webhook": {"url": str, "format": str},
}
REQUIRED_DELIVERY = {"file": ("path",), "email": ("to", "host"), "apprise": ("urls",), "webhook": ("url",)}
_SECRET_KEYS = {"password", "pass", "secret", "token", "api_key", "username", "user"}


def _scalar(chk: _Checker, value: Any, path: tuple[Any, ...], kind: type) -> Any:
    if kind is float:
        return float(chk.typed(value, path, (int, float), "a number"))
    if kind is int:
        return chk.typed(value, path, int, "a whole number")
    if kind is bool:
        return chk.typed(value, path, bool, "true or false")
    if kind is str:
        return chk.typed(value, path, str, "a string")
    return value


def _settings(chk: _Checker, raw: Any, path: tuple[Any, ...], keys: Mapping[str, Any],
              convert: Mapping[str, Callable[[Any, tuple[Any, ...]], Any]] | None = None) -> dict[str, Any]:
    data = chk.mapping(raw, path, keys)
    out: dict[str, Any] = {}
    for key, value in data.items():
        kpath = (*path, key)
        if convert and key in convert:
            out[key] = convert[key](value, kpath)
        else:
            out[key] = _scalar(chk, value, kpath, keys[key])
    return out


def _parse_title(chk: _Checker, raw: Any, path: tuple[Any, ...]) -> Title:
    data = chk.mapping(raw, path, TITLE_KEYS)
    if "name" not in data:
        raise chk.fail(path, "a title needs a name")
    name = _scalar(chk, data["name"], (*path, "name"), str).strip()
    kind = _scalar(chk, data.get("kind", "film"), (*path, "kind"), str)
    if kind not in TITLE_KINDS:
        raise chk.fail((*path, "kind"), f"must be one of {', '.join(TITLE_KINDS)}, got {kind!r}")
    context = chk.string_list(data.get("context", []), (*path, "context"))
    common = data.get("common_word")
    if common is None:  # one plain dictionary word needs context by default
        common = bool(re.fullmatch(r"[A-Za-z]+", name)) and len(name.split()) == 1
    else:
        common = _scalar(chk, common, (*path, "common_word"), bool)
    if common and not context:
        raise chk.fail((*path, "context"), f"{name!r} is a common word: give context words "
                       "(e.g. a franchise, a star) or set common_word: false")
    return Title(name=name, aliases=chk.string_list(data.get("aliases", []), (*path, "aliases")),
                 kind=kind, context=context, common_word=common)


def _parse_source(chk: _Checker, raw: Any, path: tuple[Any, ...]) -> Source:
    data = chk.mapping(raw, path, SOURCE_KEYS)
    for key in ("name", "url"):
        if key not in data:
            raise chk.fail(path, f"a source needs a {key}")
    url = _scalar(chk, data["url"], (*path, "url"), str)
    if not re.match(r"^https?://[^/\s]+", url):
        raise chk.fail((*path, "url"), f"must be an http(s) URL, got {url!r}")
    kind = _scalar(chk, data.get("kind", "feed"), (*path, "kind"), str)
    if kind not in SOURCE_KINDS:
        raise chk.fail((*path, "kind"), f"must be one of {', '.join(SOURCE_KINDS)}, got {kind!r}")
    reliability = _scalar(chk, data.get("reliability", 0.6), (*path, "reliability"), float)
    if not 0 <= reliability <= 1:
        raise chk.fail((*path, "reliability"), f"must be between 0 and 1, got {reliability}")
    every = str(data.get("every", "2h"))
    try:
        parse_interval(every)
    except ValueError as exc:
        raise chk.fail((*path, "every"), str(exc)) from None
    pattern = data.get("link_pattern")
    if pattern is not None:
        _scalar(chk, pattern, (*path, "link_pattern"), str)
        try:
            re.compile(pattern)
        except re.error as exc:
            raise chk.fail((*path, "link_pattern"), f"not a valid regular expression: {exc}") from None
    elif kind == "listing":
        raise chk.fail(path, "a listing source needs a link_pattern (a regex that article links match)")
    return Source(
        name=_scalar(chk, data["name"], (*path, "name"), str), url=url, kind=kind, reliability=reliability,
        every=every, link_pattern=pattern,
        titles=chk.string_list(data.get("titles", []), (*path, "titles")),
        enabled=_scalar(chk, data.get("enabled", True), (*path, "enabled"), bool),
    )


def _parse_fetch(chk: _Checker, raw: Any) -> FetchSettings:
    def addresses(value: Any, path: tuple[Any, ...]) -> tuple[str, ...]:
        items = chk.string_list(value, path)
        for i, item in enumerate(items):
            try:
                ipaddress.ip_network(item, strict=False)
            except ValueError:
                raise chk.fail((*path, i), f"not an IP address or network: {item!r}") from None
        return items

    def proxies(value: Any, path: tuple[Any, ...]) -> dict[str, str]:
        data = chk.mapping(value, path, {"http": str, "https": str})
        return {k: _scalar(chk, v, (*path, k), str) for k, v in data.items()}

    values = _settings(chk, raw, ("fetch",), FETCH_KEYS,
                       {"allow_addresses": addresses, "proxies": proxies})
    for key in ("connect_timeout", "read_timeout", "max_bytes", "per_host_concurrency", "concurrency"):
        if key in values and values[key] <= 0:
            raise chk.fail(("fetch", key), "must be positive")
    for key in ("retries", "backoff", "max_backoff", "per_host_delay", "max_redirects", "jitter"):
        if key in values and values[key] < 0:
            raise chk.fail(("fetch", key), "must not be negative")
    return FetchSettings(**values)


def _parse_schedule(chk: _Checker, raw: Any) -> ScheduleSettings:
    values = _settings(chk, raw, ("schedule",), SCHEDULE_KEYS)
    if "timezone" in values:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(values["timezone"])
        except (ZoneInfoNotFoundError, ValueError):
            raise chk.fail(("schedule", "timezone"), f"unknown time zone {values['timezone']!r}") from None
    if "digest_at" in values and not re.fullmatch(r"([01]?\d|2[0-3]):[0-5]\d", values["digest_at"]):
        raise chk.fail(("schedule", "digest_at"), f"expected a time like 08:00, got {values['digest_at']!r}")
    if "digest_every" in values:
        try:
            parse_interval(values["digest_every"])
        except ValueError as exc:
            raise chk.fail(("schedule", "digest_every"), str(exc)) from None
    return ScheduleSettings(**values)


def _parse_delivery(chk: _Checker, raw: Any, path: tuple[Any, ...]) -> Delivery:
    if isinstance(raw, str):  # "- stdout"
        raw = {"type": raw}
    if not isinstance(raw, dict) or "type" not in raw:
        raise chk.fail(path, "each delivery needs a type: " + ", ".join(DELIVERY_TYPES))
    kind = raw["type"]
    if kind not in DELIVERY_TYPES:
        raise chk.fail((*path, "type"), f"must be one of {', '.join(DELIVERY_TYPES)}, got {kind!r}")
    for key in raw:
        if key.lower() in _SECRET_KEYS:
            raise chk.fail((*path, key), "credentials do not belong in sources.yaml: name environment "
                           "variables with username_env / password_env instead")
    keys = {"type": str, **DELIVERY_KEYS[kind]}
    options = _settings(chk, raw, path, keys, {
        "to": lambda v, p: list(chk.string_list(v, p)),
        "urls": lambda v, p: list(chk.string_list(v, p)),
    })
    options.pop("type")
    for key in REQUIRED_DELIVERY.get(kind, ()):
        if key not in options:
            raise chk.fail(path, f"a {kind} delivery needs {key}")
    if options.get("format", "text") not in DIGEST_FORMATS:
        raise chk.fail((*path, "format"), f"must be one of {', '.join(DIGEST_FORMATS)}")
    return Delivery(type=kind, options=options)


def _parse_digest(chk: _Checker, raw: Any) -> DigestSettings:
    def deliveries(value: Any, path: tuple[Any, ...]) -> tuple[Delivery, ...]:
        chk.typed(value, path, list, "a list of deliveries")
        return tuple(_parse_delivery(chk, item, (*path, i)) for i, item in enumerate(value))

    values = _settings(chk, raw, ("digest",), DIGEST_KEYS, {"deliver": deliveries})
    if values.get("format", "text") not in DIGEST_FORMATS:
        raise chk.fail(("digest", "format"), f"must be one of {', '.join(DIGEST_FORMATS)}")
    return DigestSettings(**values)


def _check_unique(chk: _Checker, items: list[tuple[int, Any]], section: str, errors: list[ConfigError]) -> None:
    seen: dict[str, int] = {}
    for i, item in items:
        name = item.name.casefold()
        if name in seen:
            errors.append(chk.fail((section, i, "name"),
                                   f"duplicate name {item.name!r} (also at {section}[{seen[name]}])"))
        else:
            seen[name] = i


def _collect(errors: list[ConfigError], parse: Callable[[], Any]) -> Any:
    """Run one part of the validation; a problem is noted and the rest of the file is still checked."""
    try:
        return parse()
    except ConfigError as exc:
        errors.append(exc)
        return None


def _compose(text: str, path: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = f" (column {mark.column + 1})" if mark else ""
        raise ConfigError(f"not valid YAML: {_yaml_problem(exc)}{column}", path=path, line=line) from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"not valid YAML: {exc}", path=path) from None


def parse_config(text: str, path: str = "<string>") -> Config:
    """Parse the text of a sources.yaml; every problem found is reported (ConfigErrors), not only the first."""
    node = _compose(text, path)
    lines: Lines = {}
    data = _to_python(node, (), lines, path) if node is not None else {}
    chk = _Checker(path, lines)
    errors: list[ConfigError] = []
    data = _collect(errors, lambda: chk.mapping(data, (), TOP_KEYS))
    if data is None:
        raise ConfigErrors(errors)
    data = {k: v for k, v in data.items() if k in TOP_KEYS}
    titles_raw = _collect(errors, lambda: chk.typed(data.get("titles", []) or [], ("titles",), list,
                                                     "a list of titles")) or []
    sources_raw = _collect(errors, lambda: chk.typed(data.get("sources", []) or [], ("sources",), list,
                                                      "a list of sources")) or []
    titles: list[tuple[int, Title]] = []
    for i, raw in enumerate(titles_raw):
        title = _collect(errors, functools.partial(_parse_title, chk, raw, ("titles", i)))
        if title is not None:
            titles.append((i, title))
    sources: list[tuple[int, Source]] = []
    for i, raw in enumerate(sources_raw):
        source = _collect(errors, functools.partial(_parse_source, chk, raw, ("sources", i)))
        if source is not None:
            sources.append((i, source))
    _check_unique(chk, titles, "titles", errors)
    _check_unique(chk, sources, "sources", errors)
    known = {n.casefold() for _, t in titles for n in t.names}
    for i, source in sources:
        for j, name in enumerate(source.titles):
            if name.casefold() not in known:
                errors.append(chk.fail(("sources", i, "titles", j), f"{name!r} is not a tracked title"))
    database = data.get("database", DEFAULT_DATABASE)
    _collect(errors, lambda: _scalar(chk, database, ("database",), str))
    fetch = _collect(errors, lambda: _parse_fetch(chk, data.get("fetch")))
    schedule = _collect(errors, lambda: _parse_schedule(chk, data.get("schedule")))
    digest = _collect(errors, lambda: _parse_digest(chk, data.get("digest")))
    if errors:
        errors.sort(key=lambda e: (e.line or 0))
        raise ConfigErrors(errors)
    return Config(
        titles=tuple(t for _, t in titles), sources=tuple(s for _, s in sources),
        fetch=fetch, schedule=schedule, digest=digest, database=database, path=path, lines=dict(lines),
    )


def load_config(path: str | Path = DEFAULT_CONFIG) -> Config:
    """Read and validate a sources.yaml file."""
    file = Path(path)
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise ConfigError("file not found (create one with `releasewatch init`)", path=str(file)) from None
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", path=str(file)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError("not UTF-8 text", path=str(file), line=line) from None
    config = parse_config(text, str(file))
    log.debug("loaded %s: %d titles, %d sources", file, len(config.titles), len(config.sources))
    return config
