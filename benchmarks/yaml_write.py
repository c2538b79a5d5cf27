"""Writing an account as YAML: the fast writer beside PyYAML's emitters, in process.

Usage: python benchmarks/yaml_write.py [--people 20000] [--runs 5]
Times, best of ``--runs``, ``yaml.safe_dump(..., allow_unicode=True,
sort_keys=False, width=100)`` (PyYAML's pure-Python emitter, what
``dump_document`` called before), the same with libyaml's ``CSafeDumper``, and
``influence.serialize.dump_document(doc, "yaml")``, on two documents of one
generated account: as ``influence generate`` writes it, and as
``to_document`` gives it back after loading (what ``db pull`` and ``plan
--apply`` write: dates as shared ``datetime.date`` objects). Each text is
compared with ``safe_dump``'s with aliases off (``reference_dump``: influence
never writes an anchor or alias), which the pure-Python row times.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from influence.generate import generate_account
from influence.loading import parse_text
from influence.serialize import dump_document, to_document
from influence.validation import build_account
from influence.yamlwriter import reference_dump

OPTIONS: dict[str, Any] = {"allow_unicode": True, "sort_keys": False, "width": 100}


def best(fn: Callable[[], str], runs: int) -> tuple[float, str]:
    """The fastest of ``runs`` calls, in seconds, and the text."""
    times, text = [], ""
    for _ in range(runs):
        start = time.perf_counter()
        text = fn()
        times.append(time.perf_counter() - start)
    return min(times), text


def measure(name: str, doc: dict[str, Any], runs: int) -> None:
    """One markdown row per writer."""
    t_py, reference = best(lambda: reference_dump(doc), runs)

    class CNoAliases(yaml.CSafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True

    t_c, c_text = best(lambda: yaml.dump(doc, Dumper=CNoAliases, **OPTIONS), runs)
    t_fast, fast = best(lambda: dump_document(doc, "yaml"), runs)
    size = len(reference.encode("utf-8")) / 1e6
    print(f"| {name}, {size:.1f} MB | safe_dump, no aliases (pure Python) | {t_py:.2f} | 1.0x | yes |")
    print(
        f"| | CSafeDumper (libyaml) | {t_c:.2f} | {t_py / t_c:.1f}x | {'yes' if c_text == reference else 'no'} |"
    )
    print(
        f"| | dump_document | {t_fast:.3f} | {t_py / t_fast:.0f}x | {'yes' if fast == reference else 'NO'} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    generated = generate_account(args.people, 1)
    text = yaml.safe_dump(generated, **OPTIONS)
    loaded = to_document(build_account(parse_text(text, "a.yaml", "yaml")))
    print(f"Best of {args.runs}, {args.people:,} people, seed 1.\n")
    print("| document | writer | s | speed-up | same bytes as safe_dump |\n|---|---|---|---|---|")
    measure("as generated", generated, args.runs)
    measure("loaded, to_document", loaded, args.runs)


if __name__ == "__main__":
    main()
