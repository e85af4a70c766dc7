#!/usr/bin/env python3
"""Build benchmark: build.py's own work against MkDocs (and Zensical) on generated editions.

    python bench/build_bench.py --sizes 5 100 1000 [--zensical /tmp/zensical-venv/bin/zensical]

For each size it generates an edition from the seeds (bench/editions.py) under
--work, then measures, each as a separate process: build.py --docs-only cold
(parallel and serial), warm (everything from the cache), editing one article to
regenerated Markdown (in a serve-like process and as a CLI run), `mkdocs build`
alone on the same docs/ (the baseline, run in turn with the parallel cold build), the
full build, and optionally Zensical.
Up to 1,000 articles, build.py's docs steps and the baseline run three times each and
the median run is reported (REPEATS); larger sizes, Zensical and the full build run
once. An untimed build first writes the anchor locks, as a clone of a published
edition has them; "cold" then means no docs/ pages and no cache.
Results are merged into bench/results.json (so sizes can be run at different
times) and the table in bench/results.md is rendered from all of them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

from editions import make_edition  # noqa: E402
from report import render_results  # noqa: E402

GNU_TIME = "/usr/bin/time"
# Everything a build writes except the anchor locks, which a clone of a published edition has.
GENERATED = ("docs/articles", "docs/reports", "docs/index.md", "docs/glossary.md", "docs/editorial-notes.md",
             ".edition-cache", "site")


@dataclass
class Run:
    step: str
    wall: float  # seconds
    cpu: float  # user + system seconds of the process and its children (workers)
    peak_mb: float  # largest resident set of the process or one of its children
    ok: bool
    walls: tuple[float, ...] = ()  # every repeat's wall time, when the step was repeated


# Steps are repeated this many times up to REPEAT_UP_TO articles and the median run
# (by wall time) is kept: on a shared VM, creating the same 2,000 files took from
# 0.07 s to 1.3 s within minutes, which made single cold runs 20 % apart.
REPEATS = 3
REPEAT_UP_TO = 1000


def measure_median(step: str, command: list[str], cwd: Path, env: dict | None, repeats: int,
                   prepare=None) -> Run:
    """``measure`` ``repeats`` times (``prepare()`` before each); the median run, with every wall time."""
    runs = []
    for _ in range(repeats):
        if prepare:
            prepare()
        runs.append(measure(step, command, cwd, env))
    return median_run(runs)


def median_run(runs: list[Run]) -> Run:
    """The run with the median wall time, with every run's wall time when there are several."""
    median = sorted(runs, key=lambda run: run.wall)[len(runs) // 2]
    return replace(median, ok=all(r.ok for r in runs), walls=tuple(r.wall for r in runs) if len(runs) > 1 else ())


def measure(step: str, command: list[str], cwd: Path, env: dict | None = None) -> Run:
    """Run ``command``; wall time, CPU time of the whole process tree, peak RSS."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.NamedTemporaryFile("r", suffix=".time") as timing:
        wrapped = [GNU_TIME, "-f", "%M", "-o", timing.name, *command] if os.path.exists(GNU_TIME) else command
        started = time.perf_counter()
        done = subprocess.run(wrapped, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        wall = time.perf_counter() - started
        lines = [line for line in Path(timing.name).read_text().splitlines() if line.strip().isdigit()]
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak_kb = int(lines[-1]) if lines else after.ru_maxrss
    if done.returncode != 0:
        print(f"  {step}: FAILED (exit {done.returncode})\n{done.stdout[-3000:]}", file=sys.stderr)
    return Run(step, round(wall, 3), round(cpu, 3), round(peak_kb / 1024, 1), done.returncode == 0)


class Trash:
    """Where the bench puts what it would delete, until the whole run is over.

    Deleting thousands of files just before a timed step slowed that step down: ext4
    avoids reusing inodes freed in the last minutes, and searching for others cost the
    next cold build at 1,000 articles 1.5-3 s of extra (kernel) CPU time: 5.1-6.6 s
    after deleting the previous output, 3.8-4.4 s after moving it aside. It slows
    MkDocs' writing of site/ the same way, so both are measured after a move.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0

    def discard(self, path: Path) -> None:
        if path.exists() or path.is_symlink():
            self.folder.mkdir(parents=True, exist_ok=True)
            self.count += 1
            os.rename(path, self.folder / f"{self.count}-{path.name}")

    def empty(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def clean(root: Path, trash: Trash) -> None:
    for part in GENERATED:
        trash.discard(root / part)


def quiet_env() -> dict:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="0")
    env.pop("EDITION_JOBS", None)  # the build decides its workers, as for an editor
    return env


def build_py(root: Path, *args: str) -> list[str]:
    return [sys.executable, str(REPO / "build.py"), "--root", str(root), "-q", *args]


def edit_probe(root: Path) -> dict:
    """Seconds from an edited source to its regenerated Markdown, as serve and as the CLI."""
    probe = subprocess.run([sys.executable, str(BENCH / "edit_probe.py"), str(root)], capture_output=True,
                           text=True, env=quiet_env(), cwd=REPO)
    if probe.returncode != 0:
        print(probe.stderr[-3000:], file=sys.stderr)
        return {}
    return json.loads(probe.stdout.strip().splitlines()[-1])


def zensical_config(root: Path) -> Path:
    """mkdocs.yml with its own site_dir, so Zensical does not write over MkDocs' site/."""
    text = (root / "mkdocs.yml").read_text(encoding="utf-8").replace("site_dir: site", "site_dir: site-zensical")
    config = root / "mkdocs.zensical.yml"
    config.write_text(text, encoding="utf-8")
    return config


def bench_size(size: int, work: Path, zensical: str | None, trash: Trash) -> dict:
    load = round(os.getloadavg()[0], 2)  # other work on the machine: compare wall with CPU time
    trash.discard(work / f"edition-{size}")
    root = make_edition(REPO, work / f"edition-{size}", size)
    print(f"{size} articles: {root}", file=sys.stderr)
    repeats = REPEATS if size <= REPEAT_UP_TO else 1
    # Untimed: writes the anchor locks, which every timed cold build then reads. Without it
    # the first timed build alone wrote a lock file per article and the others did not.
    subprocess.run(build_py(root, "--docs-only"), cwd=REPO, env=quiet_env(), check=True, capture_output=True)
    runs = []
    runs.append(measure_median("build.py docs, cold, serial (--jobs 1)",
                               build_py(root, "--docs-only", "--jobs", "1"), REPO, quiet_env(), repeats,
                               lambda: clean(root, trash)))
    site = work / f"site-{size}"
    # No -q: MkDocs' --quiet turns --strict off (build.py runs it the same way).
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(root / "mkdocs.yml"),
              "--site-dir", str(site)]
    # The cold build and its baseline take turns, so that both are sampled over the same
    # minutes: this shared VM's speed drifts by a fifth within minutes, and with the three
    # MkDocs runs two minutes after the three cold builds, the same engine measured 8.7 %
    # of MkDocs in one run and 11.4 % in the next.
    cold, baseline = [], []
    for _ in range(repeats):
        clean(root, trash)
        cold.append(measure("build.py docs, cold", build_py(root, "--docs-only"), REPO, quiet_env()))
        trash.discard(site)
        baseline.append(measure("mkdocs build (baseline)", mkdocs, root, quiet_env()))
    runs.append(median_run(cold))
    runs.append(measure_median("build.py docs, warm (all cached)", build_py(root, "--docs-only"), REPO,
                               quiet_env(), repeats))
    edit = edit_probe(root)
    runs.append(median_run(baseline))
    if zensical:
        config = str(zensical_config(root))
        runs.append(measure("zensical build", [zensical, "build", "--clean", "--config-file", config],
                            root, quiet_env()))
        runs.append(measure("zensical build again (its cache warm)", [zensical, "build", "--config-file", config],
                            root, quiet_env()))
    clean(root, trash)
    runs.append(measure("build.py full build, cold", build_py(root), REPO, quiet_env()))
    return {"articles": size, "pages": 2 * size + 3, "runs": [asdict(r) for r in runs], "edit": edit,
            "measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "load_before": load}


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), "0")
    versions = subprocess.run([sys.executable, "-m", "pip", "list", "--format=json"], capture_output=True, text=True)
    wanted = {"mkdocs", "mkdocs-material", "markdown", "pymdown-extensions"}
    packages = {p["name"].lower(): p["version"] for p in json.loads(versions.stdout or "[]")
                if p["name"].lower() in wanted}
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_gb": round(int(mem) / 1024 / 1024, 1),
            "python": platform.python_version(), "packages": packages}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5, 100, 1000])
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "edition-bench")
    parser.add_argument("--zensical", help="path of a zensical executable (in its own venv) to measure too")
    parser.add_argument("--results", type=Path, default=BENCH / "results.json",
                        help="raw figures, merged across runs; the table goes beside it (.md)")
    args = parser.parse_args()
    stored = json.loads(args.results.read_text(encoding="utf-8")) if args.results.exists() else {"sizes": {}}
    stored["machine"] = machine()
    trash = Trash(args.work / ".trash")
    trash.empty()  # left by an interrupted run
    try:
        for size in args.sizes:
            stored["sizes"][str(size)] = bench_size(size, args.work, args.zensical, trash)
            args.results.write_text(json.dumps(stored, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            table = render_results(stored)
            args.results.with_suffix(".md").write_text(table, encoding="utf-8")
    finally:
        trash.empty()
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
