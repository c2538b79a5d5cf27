"""Reading the current version does not slow down as versions pile up.

Usage: python benchmarks/versions.py [--people 2000] [--versions 20] [--rounds 15]

Two accounts of the same generated content are pushed: `bench-one` once
(one version) and `bench-many` as `--versions` versions (the earlier ones
differ in the segment text, the last equals `bench-one`). Then reading and
analysing the current version (`neo4j:ID` through the same open_source the
commands use, then analyze) is timed for both, alternating the two in each
round so that load on the machine hits both alike. The target: the account
with many versions within 10% of the one with one version. Uses
NEO4J_URI/NEO4J_USERNAME/NEO4J_PASSWORD when set, else starts the bundled
server on a free port and stops it afterwards.
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import AS_OF, machine, start_neo4j, stop_neo4j, write_account

from influence.analysis import analyze
from influence.loading import load_file
from influence.model import Account
from influence.store import Neo4jConfig, open_source
from influence.store.neo4j import Neo4jStore


def renamed(account: Account, ident: str, segment: str | None = None) -> Account:
    info = dataclasses.replace(account.info, id=ident, segment=segment or account.info.segment)
    return dataclasses.replace(account, info=info)


def read_and_analyse(source: str, config: Neo4jConfig) -> float:
    start = time.perf_counter()
    analyze(open_source(source, config), AS_OF)
    return time.perf_counter() - start


def measure(config: Neo4jConfig, people: int, versions: int, rounds: int, folder: Path) -> str:
    base = load_file(write_account(folder, people))
    with Neo4jStore(config) as store:
        for ident in ("bench-one", "bench-many"):
            if store.exists(ident):
                store.delete(ident)
        store.push(renamed(base, "bench-one"), author="bench")
        for i in range(1, versions):
            store.push(renamed(base, "bench-many", f"draft {i}"), author="bench", force=True)
        store.push(renamed(base, "bench-many"), author="bench", force=True)
        assert len(store.history("bench-one")) == 1 and len(store.history("bench-many")) == versions
        assert store.pull("bench-many") == renamed(base, "bench-many")
    times: dict[str, list[float]] = {"bench-one": [], "bench-many": []}
    for ident in times:  # warm up: query plans and caches
        read_and_analyse(f"neo4j:{ident}", config)
    for r in range(rounds):
        order = ("bench-one", "bench-many") if r % 2 == 0 else ("bench-many", "bench-one")
        for ident in order:
            times[ident].append(read_and_analyse(f"neo4j:{ident}", config))
    one, many = (statistics.median(times[k]) for k in ("bench-one", "bench-many"))
    ratio = many / one
    verdict = "within" if ratio <= 1.10 else "NOT within"
    with Neo4jStore(config) as store:
        store.delete("bench-one")
        store.delete("bench-many")
    return "\n".join(
        [
            f"### Reading the current version with {versions} stored versions ({len(base.people):,} people)",
            "",
            f"Median of {rounds} alternating rounds of `open_source('neo4j:ID')` + `analyze`.",
            "",
            "| account | stored versions | seconds |",
            "|---|---|---|",
            f"| bench-one | 1 | {one:.3f} |",
            f"| bench-many | {versions} | {many:.3f} |",
            "",
            f"{versions} versions / 1 version = {ratio:.3f}: {verdict} the 10% target.",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=2_000)
    parser.add_argument("--versions", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="influence-bench-"))
    config, env = start_neo4j()
    try:
        print(f"Machine: {machine()}.\n")
        print(measure(config, args.people, args.versions, args.rounds, folder))
    finally:
        stop_neo4j(env)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
