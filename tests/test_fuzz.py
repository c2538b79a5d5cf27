"""1,000+ malformed documents through ``influence validate``: exit 0 or 2, never a traceback."""

from __future__ import annotations

import copy
import json
import random

import pytest
import yaml

from tests.conftest import EXAMPLES

BASE = yaml.safe_load((EXAMPLES / "uralmet-ru.yaml").read_text(encoding="utf-8"))
ODD = [
    "",
    " ",
    "\u200b",
    "\u202eRTL",
    "Ω≈ç√",
    "🔥" * 5,
    "null",
    "~",
    "'; DROP TABLE people; --",
    "<img src=x onerror=alert(1)>",
    "a" * 5000,
    "Иван\tИванов",
    "x-",
    "2027-13-45",
    "01-32",
    "-0",
    "1e309",
    "NaN",
]


def _values(rng: random.Random):
    nested = "deep"
    for _ in range(rng.randint(1, 80)):
        nested = [nested] if rng.random() < 0.5 else {"k": nested}
    return [
        None,
        True,
        False,
        0,
        -1,
        3,
        1.5,
        -0.0,
        float("inf"),
        float("nan"),
        rng.choice(ODD),
        [],
        {},
        [rng.choice(ODD)],
        {"id": rng.choice(ODD)},
        nested,
        "2027-02-30",
        rng.choice(["weak", "medium", "strong", "champion", "supporter", "economic_buyer"]),
    ]


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, (*prefix, i))


def _mutate(doc, rng: random.Random):
    paths = [p for p in _paths(doc) if p]
    path = rng.choice(paths)
    parent = doc
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    op = rng.randrange(7)
    if op == 0:  # delete
        del parent[last]
    elif op == 1:  # wrong type / odd value
        parent[last] = rng.choice(_values(rng))
    elif op == 2:  # dangling or random reference-like text
        parent[last] = rng.choice(["ghost", "ivanov", "steel-it", "olga", "rival", "Ivanov"])
    elif op == 3 and isinstance(parent, dict):  # unknown key
        parent[rng.choice(ODD) or "k"] = rng.choice(_values(rng))
    elif op == 4 and isinstance(parent, list):  # duplicate an entry
        parent.append(copy.deepcopy(parent[last]))
    elif op == 5 and isinstance(parent, dict):  # rename a key
        parent[str(last) + rng.choice(["", "s", "_", "X"])] = parent.pop(last)
    else:
        parent[last] = {"nested": parent[last]}


def _render(doc, rng: random.Random) -> tuple[str, bytes]:
    if rng.random() < 0.5:
        text = json.dumps(doc, ensure_ascii=rng.random() < 0.5, default=str)
        suffix = ".json"
    else:
        text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=rng.choice([40, 80, 1000]))
        suffix = ".yaml"
    data = text.encode("utf-8")
    r = rng.random()
    if r < 0.05 and data:
        data = data[: rng.randrange(len(data))]  # truncated
    elif r < 0.08:
        pos = rng.randrange(len(data) + 1)
        data = data[:pos] + bytes(rng.randrange(256) for _ in range(4)) + data[pos:]  # garbage bytes
    elif r < 0.10:
        data = data.replace(b":", b"", 1)
    return suffix, data


@pytest.mark.parametrize("chunk", range(10))
def test_malformed_documents_never_crash(run, tmp_path, chunk):
    outcomes = {0: 0, 2: 0}
    for seed in range(chunk * 110, (chunk + 1) * 110):
        rng = random.Random(seed)
        doc = copy.deepcopy(BASE)
        for _ in range(rng.randint(1, 6)):
            _mutate(doc, rng)
        suffix, data = _render(doc, rng)
        path = tmp_path / f"fuzz{seed}{suffix}"
        path.write_bytes(data)
        result = run("validate", path)
        assert result.exit_code in (0, 2), (seed, result.output)
        assert "Traceback" not in result.output, seed
        assert "internal error" not in result.output, (seed, result.stderr)
        if result.exit_code == 2:
            assert result.stderr.strip(), seed
        outcomes[result.exit_code] += 1
    assert outcomes[2] > 50  # the mutations really do break documents
