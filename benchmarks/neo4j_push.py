"""Push and pull one generated account through Neo4j; compare with one statement per row.

Usage: python benchmarks/neo4j_push.py [--people 10000] [--runs 3]
The same measurement as case 3 of benchmarks/run.py, for any size. Uses
NEO4J_URI/NEO4J_USERNAME/NEO4J_PASSWORD when set, else starts the bundled
server on a free port and stops it afterwards.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import case_neo4j, machine, start_neo4j, stop_neo4j


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="influence-bench-"))
    config, env = start_neo4j()
    try:
        print(f"Machine: {machine()}. Median of {args.runs} runs.\n")
        print(case_neo4j(folder, config, args.runs, args.people))
    finally:
        stop_neo4j(env)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
