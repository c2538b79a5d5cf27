"""Push, re-push and pull one generated account through Neo4j, as processes, with CPU seconds.

Usage: python benchmarks/neo4j_push.py [--people 20000] [--runs 3] [--warmup 2] [--server-pid PID]

Each run: ``influence db delete --yes ACCOUNT``, then, each timed as one
process, ``influence db push FILE`` (first push), the same again (re-push,
unchanged: nothing written), ``influence db pull ACCOUNT -o x.json`` and
``-o x.yaml``. For each: wall seconds, the command's CPU seconds (getrusage
of the finished child) and the server's (utime + stime of its Java process
from /proc/PID/stat, before and after), since the machine may be shared.
``--warmup`` runs first, untimed (the server's JIT). Uses NEO4J_URI,
NEO4J_USERNAME, NEO4J_PASSWORD when set (pass ``--server-pid`` for the
server's CPU), else starts the bundled server on a free port and stops it
afterwards. Results as markdown on stdout (medians, then every run).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import PY, ROOT, machine, start_neo4j, stop_neo4j, write_account

from influence.loading import load_file
from influence.store.neo4j import push_plan

STEPS = ("first push", "re-push", "pull -o x.json", "pull -o x.yaml")


def server_pid(env: dict[str, str] | None, given: int | None) -> int | None:
    """The Java process of the bundled server this script started (its pid file), or ``given``."""
    if given or env is None:
        return given
    state = Path(os.environ.get("XDG_RUNTIME_DIR", "/tmp")) / f"influence-neo4j-{env['NEO4J_PORT']}" / "pid"
    return int(state.read_text().strip())


def server_cpu(pid: int | None) -> float:
    if pid is None:
        return float("nan")
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(args: list[str], env: dict[str, str], pid: int | None) -> tuple[float, float, float]:
    """Wall, client CPU and server CPU seconds of one command (which must succeed)."""
    s0, r0, t0 = server_cpu(pid), resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run(args, env=env, check=True, capture_output=True, cwd=ROOT)
    t1, r1, s1 = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN), server_cpu(pid)
    client = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    return t1 - t0, client, s1 - s0


def one_run(path: Path, account: str, folder: Path, env: dict[str, str], pid: int | None) -> list[tuple]:
    db = [*PY, "db"]
    subprocess.run([*db, "delete", account, "--yes"], env=env, capture_output=True, cwd=ROOT)
    return [
        timed([*db, "push", str(path)], env, pid),
        timed([*db, "push", str(path)], env, pid),
        timed([*db, "pull", account, "-o", str(folder / "x.json")], env, pid),
        timed([*db, "pull", account, "-o", str(folder / "x.yaml")], env, pid),
    ]


def report(runs: list[list[tuple]], size: int, people: int) -> str:
    lines = [
        f"Account: {people:,} people, {size:,} nodes + relationships. Median of {len(runs)} runs "
        "(wall / client CPU / server CPU seconds).",
        "",
        "| step | wall s | nodes+rels/s | client CPU s | server CPU s | every run (wall) |",
        "|---|---|---|---|---|---|",
    ]
    for i, step in enumerate(STEPS):
        wall, client, server = (statistics.median(r[i][k] for r in runs) for k in range(3))
        every = ", ".join(f"{r[i][0]:.2f}" for r in runs)
        lines.append(f"| {step} | {wall:.2f} | {size / wall:,.0f} | {client:.2f} | {server:.2f} | {every} |")
    first = statistics.median(r[0][0] for r in runs)
    again = statistics.median(r[1][0] for r in runs)
    lines += ["", f"Re-push of the unchanged account: {first / again:.2f}x faster than the first push."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--server-pid", type=int, default=None)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="influence-bench-"))
    config, started = start_neo4j()
    try:
        env = {
            **os.environ,
            "NEO4J_URI": config.uri or "",
            "NEO4J_USERNAME": config.username or "neo4j",
            "NEO4J_PASSWORD": config.password or "",
        }
        pid = server_pid(started, args.server_pid)
        path = write_account(folder, args.people)
        account = load_file(path)
        size = push_plan(account).size
        subprocess.run([*PY, "db", "init"], env=env, check=True, capture_output=True, cwd=ROOT)
        for _ in range(args.warmup):
            one_run(path, account.id, folder, env, pid)
        runs = [one_run(path, account.id, folder, env, pid) for _ in range(args.runs)]
        subprocess.run([*PY, "db", "delete", account.id, "--yes"], env=env, capture_output=True, cwd=ROOT)
        print(f"Machine: {machine()}; load average {os.getloadavg()[0]:.1f} at the end.\n")
        print(report(runs, size, len(account.people)))
    finally:
        stop_neo4j(started)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
