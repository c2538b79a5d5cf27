"""influence benchmarks: one command, a markdown table per case (median of N runs).

    python benchmarks/run.py [--runs 3] [--out benchmarks/RESULTS.md]

Every target is measured side by side with its reference, in the same run:
  1. `influence gaps` end to end on 200, 2,000 and 20,000 people; at 20,000 the YAML
     file against libyaml's bare event parse of the same file (<= 3x), the JSON file
     against `json.load` plus process start (<= 2x), and beside both `influence validate`
     (reading and checking alone) and the floor: the least a Python `gaps` could do
     (benchmarks/floor.py)
  2. `influence portfolio` over 1,000 accounts x 1,000 people (1,000,000 people):
     time, cpu/wall (>= 1.5 on 2 cores), peak memory of the whole process tree (<= 1 GiB)
  3. Neo4j: the `influence db push` process on the 20,000-person account, first push
     (>= 25,000 nodes+rels/s), re-push of the unchanged account (>= 5x faster), pull (>= 25,000/s)
  4. `influence map` at 200 and 2,000 people (<= 3 s at 2,000), file size, time to interactive
     in headless Chromium (<= 10 s at 2,000)
  5. anti-influence paths of a 2,000-person account: Cypher variable-length query vs influence,
     results checked equal
  6. `influence plan` next to `influence gaps` on the same 2,000- and 20,000-person files
     (target: plan within 1.5x of gaps), and the plan's own share in process
Needs Java + Maven (starts the bundled Neo4j unless NEO4J_URI is set) and Debian's chromium.
Not part of the test suite. Timing uses only public tools: time.perf_counter, resource
(getrusage of the finished command) and /proc (the memory of a command's process tree).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from influence.analysis import Facts, anti_influence_paths  # noqa: E402
from influence.generate import generate_account  # noqa: E402
from influence.graph import influence_graph  # noqa: E402
from influence.loading import load_file, read_document  # noqa: E402
from influence.maps.static import CHROMIUM_ARGS  # noqa: E402
from influence.serialize import dump_document  # noqa: E402
from influence.store import Neo4jConfig  # noqa: E402
from influence.store.cypher import parse_named  # noqa: E402
from influence.store.neo4j import Neo4jStore, push_plan  # noqa: E402

AS_OF = "2026-06-01"
PY = [sys.executable, "-m", "influence"]


# Runs the command from a small Python so the peak RSS is the command's own: on Linux a
# child's ru_maxrss starts from its parent's size at fork, and this script holds big accounts.
# The wrapper also sums the resident memory of the command's whole process tree (its
# session) every 20 ms from a thread, for commands that start workers, and reports the
# command's CPU time including its (waited-for) workers. The wall time ends when the command
# exits (the main thread waits on it), not at the next sample: a sub-second command measured
# by polling came out up to 20 ms late, the ratios of short commands with it.
_WRAP = r"""
import os, resource, subprocess, sys, threading, time

def tree_kib(session):
    total = 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                if int(f.read().rsplit(")", 1)[1].split()[3]) != session:
                    continue
            with open(f"/proc/{pid}/status") as f:
                total += next(int(l.split()[1]) for l in f if l.startswith("VmRSS:"))
        except (OSError, StopIteration, ValueError, IndexError):
            pass
    return total

def sample(proc, done, peak):
    while True:
        peak[0] = max(peak[0], tree_kib(proc.pid))
        if done.wait(0.02):
            return

t = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, start_new_session=True)
done, peak = threading.Event(), [0]
sampler = threading.Thread(target=sample, args=(proc, done, peak))
sampler.start()
proc.wait()  # the wall time ends when the command does, not at the next sample
wall = time.perf_counter() - t
done.set()
sampler.join()
peak = peak[0]
use = resource.getrusage(resource.RUSAGE_CHILDREN)
print(wall, use.ru_maxrss, proc.returncode, use.ru_utime + use.ru_stime, peak)
"""


@dataclasses.dataclass
class Timing:
    """Median wall seconds, largest single-process peak RSS (MiB), median CPU seconds, largest tree peak (MiB)."""

    wall: float
    peak: float
    cpu: float = 0.0
    tree: float = 0.0


def measure(args: list[str], runs: int, env: dict[str, str] | None = None) -> Timing:
    """Run a command ``runs`` times; medians of wall and CPU time, the largest peaks."""
    walls, peaks, cpus, trees = [], [], [], []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _WRAP, *args], capture_output=True, text=True, cwd=ROOT, env=env
        )
        wall, rss, code, cpu, tree = out.stdout.split()
        if int(code) not in (0, 1):
            raise RuntimeError(f"{' '.join(args)} failed: {out.stderr}")
        walls.append(float(wall))
        peaks.append(int(rss) / 1024)
        cpus.append(float(cpu))
        trees.append(int(tree) / 1024)
    return Timing(statistics.median(walls), max(peaks), statistics.median(cpus), max(trees))


def timed_process(args: list[str], runs: int) -> tuple[float, float]:
    """Median wall seconds and the largest peak RSS (MiB) of ``runs`` runs of a command."""
    t = measure(args, runs)
    return t.wall, t.peak


def _server_java_opts() -> str:
    """The bundled server's heap and GC flags, as ``tools/neo4j/server`` starts it."""
    env = os.environ.get("NEO4J_JAVA_OPTS")
    if env:
        return env
    for line in (ROOT / "tools" / "neo4j" / "server").read_text(encoding="utf-8").splitlines():
        if line.startswith("java_opts="):
            return line.split("=", 1)[1].strip('"')
    return "default JVM flags"


def _server_plugins() -> str:
    """Whether the bundled server loads APOC Core (the unchanged re-push's fingerprint needs it)."""
    return "without APOC" if os.environ.get("NEO4J_APOC") == "0" else "APOC Core 5.26"


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    chromium = shutil.which("chromium")
    chromium_version = (
        subprocess.run([chromium, "--version"], capture_output=True, text=True).stdout.strip()
        if chromium
        else "none"
    )
    return (
        f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, Python {platform.python_version()}, "
        f"Neo4j 5.26 (bundled dev server, {_server_java_opts()}, {_server_plugins()}), {chromium_version}"
    )


def write_account(folder: Path, people: int, seed: int = 1) -> Path:
    path = folder / f"acct-{people}.yaml"
    if not path.exists():
        path.write_text(dump_document(generate_account(people, seed), "yaml"), encoding="utf-8")
    return path


def write_json_copy(path: Path) -> Path:
    target = path.with_suffix(".json")
    if not target.exists():
        target.write_text(dump_document(read_document(path).data, "json"), encoding="utf-8")
    return target


_BARE_YAML = (
    "import sys, yaml\n"
    "text = open(sys.argv[1], encoding='utf-8').read()\n"
    "for _ in yaml.parse(text, Loader=yaml.CSafeLoader): pass\n"
)
_BARE_JSON = "import json, sys\njson.load(open(sys.argv[1], encoding='utf-8'))\n"


def case_gaps(folder: Path, runs: int) -> str:
    rows, times = [], {}
    for people in (200, 2_000, 20_000):
        path = write_account(folder, people)
        t = measure([*PY, "gaps", str(path), "--as-of", AS_OF, "--format", "json"], runs)
        times[people] = t.wall
        rows.append(f"| {people:,} | {t.wall:.2f} | {t.peak:.0f} |")
    growth = (
        f"time grows {times[2_000] / times[200]:.1f}x from 200 to 2,000 people and "
        f"{times[20_000] / times[2_000]:.1f}x from 2,000 to 20,000 (process start included)"
    )
    return "\n".join(
        [
            "### 1. `influence gaps` end to end",
            "",
            "| people | seconds | peak RSS MiB |",
            "|---|---|---|",
            *rows,
            "",
            growth,
            "",
            case_gaps_targets(folder, runs),
        ]
    )


def case_gaps_targets(folder: Path, runs: int) -> str:
    yaml_path = write_account(folder, 20_000)
    json_path = write_json_copy(yaml_path)
    gaps = [*PY, "gaps"]
    fixed = ["--as-of", AS_OF, "--format", "json"]
    bare_yaml = measure([sys.executable, "-c", _BARE_YAML, str(yaml_path)], runs)
    gaps_yaml = measure([*gaps, str(yaml_path), *fixed], runs)
    bare_json = measure([sys.executable, "-c", _BARE_JSON, str(json_path)], runs)
    start = measure([*PY, "--version"], runs)
    load_json = statistics.median(_in_process_json_load(json_path) for _ in range(runs))
    gaps_json = measure([*gaps, str(json_path), *fixed], runs)
    validate_json = measure([*PY, "validate", str(json_path)], runs)
    floor = [sys.executable, str(ROOT / "benchmarks" / "floor.py"), str(json_path)]
    floors = [measure(floor, runs), measure([*floor, "--search"], runs)]
    rows = [
        f"| YAML: libyaml's bare event parse of the file (a Python process) | {bare_yaml.wall:.2f} | "
        f"{bare_yaml.cpu:.2f} | reference |",
        f"| YAML: `influence gaps` | {gaps_yaml.wall:.2f} | {gaps_yaml.cpu:.2f} | "
        f"**{gaps_yaml.wall / bare_yaml.wall:.2f}x** (target <= 3x) |",
        f"| JSON: `json.load` of the file (a Python process: json.load plus process start) | "
        f"{bare_json.wall:.2f} | {bare_json.cpu:.2f} | reference A |",
        f"| JSON: `influence --version` (the tool's process start) + in-process `json.load` "
        f"({load_json:.3f} s) | {start.wall + load_json:.2f} | {start.cpu + load_json:.2f} | reference B |",
        f"| JSON: `influence gaps` | {gaps_json.wall:.2f} | {gaps_json.cpu:.2f} | "
        f"**{gaps_json.wall / bare_json.wall:.2f}x** of A, **{gaps_json.wall / (start.wall + load_json):.2f}x** "
        "of B (target <= 2x) |",
        f"| JSON: `influence validate` (reading and every rule of the format; no analysis, no report) | "
        f"{validate_json.wall:.2f} | {validate_json.cpu:.2f} | {validate_json.wall / bare_json.wall:.2f}x of A |",
        f"| JSON floor: `benchmarks/floor.py` (click, the duplicate-key parse, an id and unit check "
        f"and one object per person; nothing else) | {floors[0].wall:.2f} | {floors[0].cpu:.2f} | "
        f"{floors[0].wall / bare_json.wall:.2f}x of A |",
        f"| JSON floor with one strongest-path search over the whole graph (`--search`) | "
        f"{floors[1].wall:.2f} | {floors[1].cpu:.2f} | {floors[1].wall / bare_json.wall:.2f}x of A |",
    ]
    return "\n".join(
        [
            "20,000 people against the references, each a process measured the same way:",
            "",
            "| what | wall s | CPU s | ratio of wall times |",
            "|---|---|---|---|",
            *rows,
        ]
    )


def _in_process_json_load(path: Path) -> float:
    import json

    t = time.perf_counter()
    with path.open(encoding="utf-8") as handle:
        json.load(handle)
    return time.perf_counter() - t


def _write_portfolio_account(task: tuple[Path, int, int, int]) -> None:
    folder, people, seed, index = task
    path = folder / f"acct{index:04d}.yaml"
    path.write_text(dump_document(generate_account(people, seed, index), "yaml"), encoding="utf-8")


def _write_portfolio(target: Path, accounts: int, people: int, distinct: int = 50) -> None:
    """``distinct`` generated accounts, then the rest as renamed copies of them.

    Copy ``i`` is base ``i % distinct`` with every id prefix ``acctBBBB`` turned
    into ``acctIIII``: the same structure, its own ids. Generating a million
    people takes minutes; renaming takes a second.
    """
    import multiprocessing

    target.mkdir()
    base = min(distinct, accounts)
    with multiprocessing.get_context("spawn").Pool(os.cpu_count() or 1) as pool:
        pool.map(_write_portfolio_account, [(target, people, 7, i) for i in range(base)], chunksize=2)
    texts = [(target / f"acct{b:04d}.yaml").read_text(encoding="utf-8") for b in range(base)]
    for i in range(base, accounts):
        b = i % base
        (target / f"acct{i:04d}.yaml").write_text(
            texts[b].replace(f"acct{b:04d}", f"acct{i:04d}"), encoding="utf-8"
        )


def case_portfolio(folder: Path, runs: int, accounts: int = 1_000, people: int = 1_000) -> str:
    target = folder / f"portfolio-{accounts}x{people}"
    if not target.exists():
        _write_portfolio(target, accounts, people)
    args = [*PY, "portfolio", str(target), "--as-of", AS_OF, "--format", "csv"]
    pool_run = measure(args, runs)
    one = measure([*args, "--jobs", "1"], 1)
    total = accounts * people
    return "\n".join(
        [
            f"### 2. `influence portfolio` over {accounts:,} accounts x {people:,} people ({total:,} people)",
            "",
            "| workers | seconds | CPU s | cpu/wall | peak memory of the process tree MiB | largest process MiB |",
            "|---|---|---|---|---|---|",
            f"| one per core ({os.cpu_count()}), median of {runs} | {pool_run.wall:.1f} | {pool_run.cpu:.1f} | "
            f"**{pool_run.cpu / pool_run.wall:.2f}** | **{pool_run.tree:.0f}** | {pool_run.peak:.0f} |",
            f"| `--jobs 1`, one run | {one.wall:.1f} | {one.cpu:.1f} | {one.cpu / one.wall:.2f} | "
            f"{one.tree:.0f} | {one.peak:.0f} |",
            "",
            f"Targets: cpu/wall >= 1.5 on 2 cores, at most 1 GiB. The accounts are written by this "
            f"script into a temporary folder: 50 generated (seed 7), the rest renamed copies of them "
            f"(own ids, same structure). With workers: {pool_run.wall / one.wall:.2f} of the one-worker time.",
        ]
    )


def start_neo4j() -> tuple[Neo4jConfig, dict[str, str] | None]:
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
    exports = dict(line.removeprefix("export ").split("=", 1) for line in out.stdout.splitlines())
    return Neo4jConfig(uri=exports["NEO4J_URI"], password="bench-pw"), env


def stop_neo4j(env: dict[str, str] | None) -> None:
    """Stop the server :func:`start_neo4j` started (None: it used $NEO4J_URI, nothing to stop)."""
    if env is not None:
        subprocess.run(["bash", str(ROOT / "tools/neo4j/server"), "stop"], env=env, capture_output=True)


# a fresh JVM runs each statement at speed only after a few rounds (4 or 5, measured)
WARMUP_ROUNDS = 5


def _every(seconds: list[float]) -> str:
    return ", ".join(f"{x:.2f}" for x in seconds)


def case_neo4j(folder: Path, config: Neo4jConfig, runs: int, people: int = 20_000) -> str:
    path = write_account(folder, people)
    account = load_file(path)
    size = push_plan(account).size
    env = {
        **os.environ,
        "NEO4J_URI": config.uri or "",
        "NEO4J_USERNAME": config.username or "neo4j",
        "NEO4J_PASSWORD": config.password or "",
    }
    db = [*PY, "db"]
    subprocess.run([*db, "init"], env=env, check=True, capture_output=True, cwd=ROOT)
    first, again, later, pull = [], [], [], []
    pulled = folder / "pulled.yaml"
    for i in range(WARMUP_ROUNDS + runs):  # the first rounds warm the server's JIT and caches, unmeasured
        subprocess.run([*db, "delete", account.id, "--yes"], env=env, capture_output=True, cwd=ROOT)
        pushes = [measure([*db, "push", str(path)], 1, env).wall for _ in range(3)]
        # a pull into a new file: one left in --work by an earlier server's store is refused (rightly)
        pulled.unlink(missing_ok=True)
        rounds = (*pushes, measure([*db, "pull", account.id, "-o", str(pulled)], 1, env).wall)
        if i >= WARMUP_ROUNDS:
            for series, seconds in zip((first, again, later, pull), rounds, strict=True):
                series.append(seconds)
    subprocess.run([*db, "delete", account.id, "--yes"], env=env, capture_output=True, cwd=ROOT)
    start = measure([*PY, "--version"], runs).wall
    load = measure([*PY, "validate", str(path)], runs).wall
    f, a, a2, pl = (statistics.median(x) for x in (first, again, later, pull))
    return "\n".join(
        [
            f"### 3. Neo4j push and pull: {len(account.people):,} people, {size:,} nodes + relationships",
            "",
            "Each figure is the wall time of the whole `influence db ...` process (start, reading and "
            "validating the file, the database work; the unchanged re-push recognises the file by its "
            "digest and the graph's fingerprint, so it reads neither the file nor the graph), "
            f"median of {runs} runs after {WARMUP_ROUNDS} unmeasured "
            "round(s) of the same four commands (a team's server runs warm; a freshly started JVM "
            "interprets before it compiles, and its first push takes about three times as long). "
            "The first re-push follows the first push at once; the second comes right after the "
            "first re-push.",
            "",
            "| operation | seconds | nodes+rels per second | target | every measured run, s |",
            "|---|---|---|---|---|",
            f"| `influence db push FILE`, first push (account deleted before) | {f:.2f} | **{size / f:,.0f}** | "
            f">= 25,000/s | {_every(first)} |",
            f"| `influence db push FILE` again, account unchanged | {a:.2f} | {size / a:,.0f} | "
            f"**{f / a:.2f}x** faster than the first (target >= 5x) | {_every(again)} |",
            f"| `influence db push FILE` a second time, unchanged | {a2:.2f} | {size / a2:,.0f} | "
            f"**{f / a2:.2f}x** faster than the first | {_every(later)} |",
            f"| `influence db pull ACCOUNT -o FILE` | {pl:.2f} | **{size / pl:,.0f}** | >= 25,000/s | {_every(pull)} |",
            f"| for scale: `influence --version` / `influence validate FILE` | {start:.2f} / {load:.2f} | | | |",
        ]
    )


def case_maps(folder: Path, runs: int) -> str:
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=shutil.which("chromium") or "/usr/bin/chromium",
            args=CHROMIUM_ARGS,
        )
        for people in (200, 2_000):
            path = write_account(folder, people)
            out = folder / f"map-{people}.html"
            wall, _ = timed_process([*PY, "map", str(path), "-o", str(out), "--as-of", AS_OF], runs)
            ready = []
            for _ in range(runs):
                page = browser.new_page(viewport={"width": 1500, "height": 900})
                page.route(
                    "**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort()
                )
                t = time.perf_counter()
                page.goto(out.as_uri())
                page.wait_for_function("window.influenceMap && window.influenceMap.drawn", timeout=120_000)
                ready.append(time.perf_counter() - t)
                page.close()
            rows.append(
                f"| {people:,} | {wall:.2f} | {out.stat().st_size / 2**20:.2f} | {statistics.median(ready):.2f} |"
            )
        browser.close()
    return "\n".join(
        [
            "### 4. `influence map`",
            "",
            "| people | generation s (end to end) | file MiB | interactive in Chromium s (load to first draw) |",
            "|---|---|---|---|",
            *rows,
        ]
    )


def case_cypher(folder: Path, config: Neo4jConfig, runs: int) -> str:
    account = load_file(write_account(folder, 2_000))
    graph = influence_graph(account)
    q = parse_named((ROOT / "benchmarks" / "anti_paths.cypher").read_text(encoding="utf-8"))
    facts = Facts(account)
    sources, targets = facts.anti_sources, [p.id for p in account.decision_makers]
    ours, theirs = [], []
    for _ in range(runs):
        fresh = dataclasses.replace(account)  # a new Account: its graph is built again, no cached searches
        t = time.perf_counter()
        rows = [r for r in anti_influence_paths(fresh) if r.source != r.target]
        ours.append(time.perf_counter() - t)
    cli, _ = timed_process([*PY, "paths", str(write_account(folder, 2_000)), "--format", "json"], runs)
    run = "bench"
    with Neo4jStore(config) as store, store._session() as session:
        session.run(q["index"]).consume()
        session.run(q["drop_projection"], run=run).consume()
        nodes = [{"id": n, "kind": d["kind"], "stance": d["stance"]} for n, d in graph.nodes(data=True)]
        edges = [{"from": u, "to": v, "strength": d["strength"]} for u, v, d in graph.edges(data=True)]
        session.run(q["project_nodes"], run=run, rows=nodes).consume()
        session.run(q["project_edges"], run=run, rows=edges).consume()
        result = []
        for _ in range(runs):
            t = time.perf_counter()
            result = session.run(
                q["anti_paths"], run=run, sources=sources, targets=targets, min_strength=0.25 - 1e-9
            ).data()
            theirs.append(time.perf_counter() - t)
        session.run(q["drop_projection"], run=run).consume()
    mine = sorted((r.source, r.target, round(r.strength, 9), r.path) for r in rows)
    cypher = sorted((r["source"], r["target"], round(r["strength"], 9), tuple(r["path"])) for r in result)
    equal = mine == cypher
    a, b = statistics.median(ours), statistics.median(theirs)
    hops = max((len(r.path) - 1 for r in rows), default=0)
    return "\n".join(
        [
            f"### 5. Anti-influence paths of a 2,000-person account ({len(sources)} sources x {len(targets)} "
            "decision makers)",
            "",
            "| method | seconds | paths |",
            "|---|---|---|",
            f"| influence: build the graph + searches, in process | {a:.3f} | {len(mine)} |",
            f"| Cypher variable-length query, up to 6 hops, same Neo4j (warm, graph already projected) "
            f"| {b:.3f} | {len(cypher)} |",
            f"| for scale: `influence paths FILE` end to end (process start, YAML parse, validation) | {cli:.3f} | |",
            "",
            f"Results equal: {'yes' if equal else 'NO'} (longest path found: {hops} hops). "
            f"influence is {b / a:.1f}x faster, and exact for any length, where the query stops at 6 hops.",
        ]
    )


def case_plan(folder: Path, runs: int) -> str:
    from influence.analysis import Facts, plan

    rows = []
    for people in (2_000, 20_000):
        path = write_account(folder, people)
        gaps, _ = timed_process([*PY, "gaps", str(path), "--as-of", AS_OF, "--format", "json"], runs)
        planned, peak = timed_process([*PY, "plan", str(path), "--as-of", AS_OF, "--format", "json"], runs)
        account = load_file(path)
        facts_s, plan_s, moves = [], [], 0
        for _ in range(runs):
            t = time.perf_counter()
            facts = Facts(account)
            facts.decision_makers, facts.access  # noqa: B018  the searches the plan reads
            facts_s.append(time.perf_counter() - t)
            t = time.perf_counter()
            moves = len(plan(account, AS_OF, facts=facts).moves)
            plan_s.append(time.perf_counter() - t)
        rows.append(
            f"| {people:,} | {gaps:.2f} | {planned:.2f} | {planned / gaps:.2f}x | {peak:.0f} | "
            f"{statistics.median(facts_s):.3f} | {statistics.median(plan_s):.3f} | {moves} |"
        )
    return "\n".join(
        [
            "### 6. `influence plan` next to `influence gaps` (same file, both `--format json`, end to end)",
            "",
            "| people | gaps s | plan s | plan / gaps | plan peak RSS MiB | in process: searches s | "
            "in process: plan s (5 moves) | moves |",
            "|---|---|---|---|---|---|---|---|",
            *rows,
        ]
    )


def _done(table: str) -> list[str]:
    """Keep a finished case, and show it at once on stderr (a later case may fail)."""
    print(table + "\n", file=sys.stderr, flush=True)
    return [table, ""]


def compile_package() -> None:
    """Write influence's bytecode (``__pycache__``), as ``pip install`` does for an installed package."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "influence")], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=None, help="Also write the markdown here.")
    parser.add_argument("--cases", default="1,2,3,4,5,6")
    parser.add_argument(
        "--portfolio", default="1000x1000", help="Case 2's size, ACCOUNTSxPEOPLE (default 1000x1000)."
    )
    parser.add_argument(
        "--heavy-runs",
        type=int,
        default=1,
        help="Runs of the long measurements: case 2's worker run and case 3 (default 1).",
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=None,
        help="Keep the generated accounts in this folder and reuse them (default: a temporary folder).",
    )
    args = parser.parse_args()
    cases = {int(c) for c in args.cases.split(",")}
    compile_package()
    folder = args.work or Path(tempfile.mkdtemp(prefix="influence-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    parts = [
        f"Machine: {machine()}. Median of {args.runs} runs ({args.heavy_runs} for the portfolio's worker run "
        "and Neo4j); peak RSS is the largest of the runs. The package's bytecode is compiled first, as an "
        "installed package has it (this machine sets PYTHONDONTWRITEBYTECODE=1, which would otherwise make "
        "every process compile influence's sources again, about 40 ms).",
        "",
    ]
    config, env = (None, None)
    try:
        if 1 in cases:
            parts += _done(case_gaps(folder, args.runs))
        if 2 in cases:
            accounts, people = (int(n) for n in args.portfolio.lower().split("x"))
            parts += _done(case_portfolio(folder, args.heavy_runs, accounts, people))
        if cases & {3, 5}:
            config, env = start_neo4j()
        if 3 in cases:
            parts += _done(case_neo4j(folder, config, args.heavy_runs))
        if 4 in cases:
            parts += _done(case_maps(folder, args.runs))
        if 5 in cases:
            parts += _done(case_cypher(folder, config, args.runs))
        if 6 in cases:
            parts += _done(case_plan(folder, args.runs))
    finally:
        stop_neo4j(env)
        if args.work is None:
            shutil.rmtree(folder, ignore_errors=True)
    text = "\n".join(parts)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
