"""The least a Python `gaps` could do on a JSON account: a floor to measure against.

    python benchmarks/floor.py ACCOUNT.json [--search]

Not a tool and not influence's code: a measuring stick for the JSON target of
issue 16 (`gaps` within 2x of a `json.load` process). It does, in one process,
only what no Python implementation of `gaps` can skip, the cheapest way:

- imports click (every command of ours parses its options with it) and
  dataclasses (the records are declared with it);
- parses the file refusing duplicate keys (the format requires it);
- checks each person's id and unit, one regex and one lookup;
- makes one record object per person, without ``__init__``;
- with ``--search``, also builds the adjacency of reporting lines and links
  and runs one strongest-path search from the first person over the whole graph;
- prints one line, and exits without the interpreter's teardown, as the
  console script does.

No other validation rule, no analysis and no report. `benchmarks/run.py`
(case 1) times it beside the `json.load` process; what is left between the
floor and `influence gaps` is everything the tool does beyond it.
"""

from __future__ import annotations

import gc
import heapq
import json
import os
import re
import sys
from dataclasses import dataclass

import click


@dataclass(frozen=True)
class Person:
    """A person with the fields the generated account gives most people."""

    id: str
    name: str
    title: str | None = None
    unit: str | None = None
    email: str | None = None
    reports_to: str | None = None


def _refuse_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    mapping = dict(pairs)
    if len(mapping) != len(pairs):
        raise click.ClickException("duplicate key")
    return mapping


def _people(doc: dict) -> list[Person]:
    fullmatch = re.compile(r"[A-Za-z0-9_.-]+").fullmatch
    units = {unit["id"] for unit in doc["units"]}
    new = object.__new__
    people = []
    for record in doc["people"]:
        unit = record.get("unit")
        if not fullmatch(record["id"]) or (unit is not None and unit not in units):
            raise click.ClickException(f"bad person {record['id']!r}")
        person = new(Person)
        person.__dict__.update(record)
        people.append(person)
    return people


def _reached(people: list[Person], links: list[dict]) -> int:
    """How many people one strongest-path search from the first person reaches."""
    adjacency: dict[str, list[tuple[str, float]]] = {p.id: [] for p in people}
    for person in people:
        manager = person.__dict__.get("reports_to")
        if manager is not None:
            adjacency[manager].append((person.id, 0.8))
            adjacency[person.id].append((manager, 0.5))
    for link in links:
        if link["from"] in adjacency and link["to"] in adjacency:
            adjacency[link["from"]].append((link["to"], 0.6))
            adjacency[link["to"]].append((link["from"], 0.6))
    best = {people[0].id: 1.0}
    heap = [(-1.0, people[0].id)]
    while heap:
        negative, node = heapq.heappop(heap)
        if -negative < best[node]:
            continue
        for other, weight in adjacency[node]:
            strength = -negative * weight
            if strength > best.get(other, 0.0):
                best[other] = strength
                heapq.heappush(heap, (-strength, other))
    return len(best)


@click.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--search", is_flag=True, help="Also run one search over the whole graph.")
def main(path: str, search: bool) -> None:
    """Parse, check and build ACCOUNT.json's people; print how many (or how many reached)."""
    with open(path, "rb") as handle:
        doc = json.loads(handle.read(), object_pairs_hook=_refuse_duplicates)
    people = _people(doc)
    reached = _reached(people, doc["links"]) if search else None
    click.echo(json.dumps({"people": len(people), "reached": reached}))


if __name__ == "__main__":
    gc.disable()
    try:
        main()
    except SystemExit as done:
        sys.stdout.flush()
        os._exit(done.code if isinstance(done.code, int) else 1)
