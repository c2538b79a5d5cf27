"""Map benchmark: how soon a large account's map is usable in the meeting.

    python benchmarks/maps.py [--runs 3] [--people 2000,20000] [--out FILE.md]

For each size: `influence generate` writes the account (seed 1), `influence
map` renders it (a process, timed end to end), then headless Chromium opens
the file offline and we time

- *load to first draw*: navigation start until the map has drawn once;
- *first interaction*: clicking the first high finding until the map has
  drawn its highlighted route (the panel says what is shown), plus typing
  three letters into the search until the result list is filled — both timed
  inside the page, so the figure is what a person waits;
- *interactive*: load to first draw plus the first interaction — the figure
  the targets apply to (2,000 people: 2 s; 20,000 people: 5 s);
- *switch to everyone*: the filter's "everyone" view with every person drawn.

Needs Debian's `chromium` and Playwright (the test extras). Median of
`--runs`. Not part of the test suite.
"""

from __future__ import annotations

import argparse
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

from influence.maps.static import CHROMIUM_ARGS  # noqa: E402

PY = [sys.executable, "-m", "influence"]
AS_OF = "2026-06-01"
TARGETS = {2_000: 2.0, 20_000: 5.0}
ARGS = CHROMIUM_ARGS  # the flags the static export uses (no background requests)


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def _make(folder: Path, people: int) -> tuple[Path, float]:
    """Generate the account and render its map; returns the map and the render's median-free wall time."""
    account = folder / f"acct-{people}.yaml"
    out = folder / f"map-{people}.html"
    subprocess.run(
        [*PY, "generate", "--people", str(people), "--seed", "1", "-o", str(account)],
        check=True,
        env=_env(),
        capture_output=True,
    )
    start = time.perf_counter()
    subprocess.run(
        [*PY, "map", str(account), "-o", str(out), "--as-of", AS_OF],
        check=True,
        env=_env(),
        capture_output=True,
    )
    return out, time.perf_counter() - start


def _poll(page, expression: str, timeout: float = 60.0) -> None:
    # the page's CSP forbids the eval that wait_for_function uses after its first try
    end = time.perf_counter() + timeout
    while not page.evaluate(expression):
        if time.perf_counter() > end:
            raise TimeoutError(expression)
        time.sleep(0.005)


_NEXT_DRAW = "new Promise(r => influenceMap.network.once('afterDrawing', () => r(true)))"
# each step runs in the page and ends when its result is on screen (the next frame drawn),
# so the figures are what a person waits, not the automation's own latency
_CLICK_FINDING = (
    "(async () => { const t = performance.now(); const drawn = " + _NEXT_DRAW + ";"
    " document.querySelector('#findings li').click(); await drawn;"
    " if (document.getElementById('showing').hidden) { throw new Error('no highlight'); }"
    " return performance.now() - t; })()"
)
_SEARCH = (
    "(async (q) => { influenceMap.clearHighlight(); const t = performance.now(); const box = document.getElementById('search');"
    " box.value = q; box.dispatchEvent(new Event('input'));"
    " if (!document.querySelectorAll('#results li').length) { throw new Error('no result'); }"
    " return performance.now() - t; })"
)
_EVERYONE = (
    "(async () => { const t = performance.now(); const drawn = " + _NEXT_DRAW + ";"
    " document.querySelector('#views button[data-view=all]').click(); await drawn; return performance.now() - t; })()"
)


def _open_once(browser, path: Path) -> dict[str, float]:
    page = browser.new_page(viewport={"width": 1500, "height": 900})
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    start = time.perf_counter()
    page.goto(path.as_uri())
    _poll(page, "window.influenceMap && window.influenceMap.drawn")
    drawn = time.perf_counter() - start
    query = page.evaluate("influenceMap.data.nodes.find(n => n.kind === 'decision_maker').label.slice(0, 3)")
    click = page.evaluate(_CLICK_FINDING) / 1000
    search = page.evaluate(_SEARCH, query) / 1000
    everyone = page.evaluate(_EVERYONE) / 1000
    page.close()
    return {"drawn": drawn, "interaction": click + search, "everyone": everyone}


def run(sizes: list[int], runs: int) -> str:
    """Markdown: one row per size."""
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=ARGS
        )
        for people in sizes:
            renders, samples = [], []
            for _ in range(runs):
                path, wall = _make(Path(tmp), people)
                renders.append(wall)
                samples.append(_open_once(browser, path))
            med = {k: statistics.median(s[k] for s in samples) for k in samples[0]}
            interactive = med["drawn"] + med["interaction"]
            target = TARGETS.get(people)
            verdict = "" if target is None else ("yes" if interactive <= target else "**no**")
            rows.append(
                f"| {people:,} | {statistics.median(renders):.2f} | {path.stat().st_size / 2**20:.1f} | {med['drawn']:.2f} "
                f"| {med['interaction']:.2f} | **{interactive:.2f}** | {target or '–'} | {verdict} | {med['everyone']:.2f} |"
            )
        browser.close()
    head = [
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, headless Chromium; median of {runs} runs.",
        "",
        "| people | `influence map` s | file MiB | load to first draw s | first interaction s | interactive s | target s | met | switch to everyone s |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    return "\n".join(head + rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--people", default="2000,20000")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    text = run([int(p) for p in args.people.split(",")], args.runs)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
