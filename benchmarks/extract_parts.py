"""Instructions spent in one extraction function, for callgrind: which part of extract_claims costs what.

    PYTHONHASHSEED=0 valgrind --tool=callgrind --collect-atstart=no --toggle-collect=_operator_call \
        --callgrind-out-file=/tmp/cg.part .venv/bin/python benchmarks/extract_parts.py events:event_cues
    callgrind_annotate /tmp/cg.part | grep TOTALS

Runs extract_claims over the first 60 articles of extract_speed.py (the warm-up), then wraps the
named functions (module:function under releasewatch.extract, comma-separated; a trailing "*" for a
generator function, whose items are then made in the call) so that each call goes through
operator.call, and runs the next 60. With the toggle above, callgrind counts only inside those
calls: the function's cost in the 60 articles that extract_speed.py's "120 minus 60" measures.
Calls nested inside another wrapped function are not counted twice: a wrapped call inside a
wrapped call switches the count off.
"""

from __future__ import annotations

import importlib
import operator
import random
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(1, str(Path(__file__).resolve().parent))

import extract_speed  # noqa: E402

from releasewatch.extract import claims  # noqa: E402


def _wrapped(function: Callable[..., Any], generator: bool) -> Callable[..., Any]:
    if generator:
        return lambda *a, **k: iter(operator.call(lambda: list(function(*a, **k))))
    return lambda *a, **k: operator.call(function, *a, **k)


def wrap(spec: str) -> None:
    """Route every module-level name bound to the function `module:function` through operator.call."""
    module_name, name = spec.split(":")
    generator = name.endswith("*")
    name = name.rstrip("*")
    original = getattr(importlib.import_module(f"releasewatch.extract.{module_name}"), name)
    replacement = _wrapped(original, generator)
    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("releasewatch"):
            for key, value in list(vars(module).items()):
                if value is original:
                    setattr(module, key, replacement)


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    rng = random.Random(20221106)  # the articles of extract_speed.py --extract-only, in its order
    texts = [extract_speed.make_article(rng, rng.randint(2_000, 10_000)) for _ in range(120)]
    published = date(2022, 11, 6)
    for text in texts[:60]:
        claims.extract_claims(text, extract_speed.TITLES, published)
    for spec in sys.argv[1].split(","):
        wrap(spec)
    for text in texts[60:]:
        claims.extract_claims(text, extract_speed.TITLES, published)


if __name__ == "__main__":
    main()
