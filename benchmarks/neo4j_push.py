"""Push and pull a generated account through Neo4j; compare with one statement per row.

Usage: python benchmarks/neo4j_push.py [--people 10000] [--runs 3]
Uses NEO4J_URI/NEO4J_USERNAME/NEO4J_PASSWORD when set, else starts the
bundled server (tools/neo4j/server) on a free port and stops it afterwards.
Prints a markdown table (median of the runs).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from influence.generate import generate_account  # noqa: E402
from influence.loading import Document  # noqa: E402
from influence.store import Neo4jConfig  # noqa: E402
from influence.store.neo4j import Neo4jStore, push_plan  # noqa: E402
from influence.validation import build_account  # noqa: E402


def _server() -> tuple[Neo4jConfig, dict[str, str] | None]:
    if os.environ.get("NEO4J_URI"):
        return Neo4jConfig().resolved(), None
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "NEO4J_PORT": str(port), "NEO4J_PASSWORD": "bench-pw"}
    out = subprocess.run(
        ["bash", str(ROOT / "tools/neo4j/server"), "start"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return Neo4jConfig(uri=out.stdout.strip(), password="bench-pw"), env


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    account = build_account(Document("bench", generate_account(args.people, 1), {}))
    rows = push_plan(account).size
    config, env = _server()
    try:
        push, pull, single = [], [], []
        with Neo4jStore(config) as store:
            store.init()
            for _ in range(args.runs):
                t = time.perf_counter()
                written = store.push(account)
                push.append(time.perf_counter() - t)
                t = time.perf_counter()
                pulled = store.pull(account.id)
                pull.append(time.perf_counter() - t)
                assert pulled == account
        with Neo4jStore(config, batch_size=1) as one_by_one:
            for _ in range(args.runs):
                t = time.perf_counter()
                one_by_one.push(account)
                single.append(time.perf_counter() - t)
    finally:
        if env is not None:
            subprocess.run(["bash", str(ROOT / "tools/neo4j/server"), "stop"], env=env, capture_output=True)
    mp, ml, ms = (statistics.median(x) for x in (push, pull, single))
    print(
        f"Neo4j push/pull of a generated account: {len(account.people):,} people, {rows:,} rows, "
        f"{written:,} nodes+relationships; median of {args.runs} runs\n"
    )
    print("| operation | seconds | nodes+rels per second |")
    print("|---|---|---|")
    print(f"| push, UNWIND batches of 5,000 (one transaction) | {mp:.2f} | {written / mp:,.0f} |")
    print(f"| push, one statement per row (one transaction) | {ms:.2f} | {written / ms:,.0f} |")
    print(f"| pull (read + validate) | {ml:.2f} | {written / ml:,.0f} |")
    print(f"\nbatched push is {ms / mp:.1f}x faster than one statement per row")


if __name__ == "__main__":
    main()
