"""Running MkDocs: build site/ into a temporary folder and swap it in only on success.

``build_site`` can build from a staged copy of docs/ (``docs_dir``): the CLI writes the
new pages into the copy, builds, and only then writes them into docs/ itself, so a
failing MkDocs run leaves both docs/ and site/ as they were.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .pipeline import SiteConfig
from .search_index import SearchIndexError, build_search_index


@dataclass(frozen=True)
class MkDocsRun:
    ok: bool
    output: str


@contextmanager
def config_for(config: SiteConfig, docs_dir: Path | None) -> Iterator[Path]:
    """mkdocs.yml itself, or a temporary file beside it that inherits it with another docs_dir."""
    if docs_dir is None:
        yield config.path
        return
    handle, name = tempfile.mkstemp(prefix=".mkdocs.building.", suffix=".yml", dir=config.path.parent)
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(f"INHERIT: {config.path.name}\ndocs_dir: {json.dumps(str(docs_dir))}\n")
    try:
        yield Path(name)
    finally:
        Path(name).unlink(missing_ok=True)


def run_mkdocs_build(config: SiteConfig, site_dir: Path, strict: bool = True,
                     docs_dir: Path | None = None) -> MkDocsRun:
    # No --quiet: MkDocs 1.6 counts warnings for --strict only when they are logged, so
    # --quiet silently turns strict mode off. Its INFO lines are dropped from the output here.
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.setdefault("SOURCE_DATE_EPOCH", "0")
    with config_for(config, docs_dir) as config_file:
        command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config_file),
                   "--site-dir", str(site_dir)]
        if strict:
            command.append("--strict")
        result = subprocess.run(command, cwd=config.path.parent, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                text=True, env=env)
    output = without_info_lines(result.stdout)
    if result.returncode != 0 and NOT_IN_NAV in output:
        output += ("\nhint: list the page under nav: in mkdocs.yml to show it in the sidebar, or under "
                   "not_in_nav: to publish it without a sidebar entry")
    return MkDocsRun(result.returncode == 0, output)


NOT_IN_NAV = 'but are not included in the "nav" configuration'  # MkDocs' words for a page left out of nav


def without_info_lines(output: str) -> str:
    """MkDocs' output without its progress lines (INFO, and DEBUG under --verbose)."""
    kept = [line for line in output.splitlines() if not line.startswith(("INFO ", "INFO\t", "DEBUG "))]
    return "\n".join(kept).strip()


def build_site(config: SiteConfig, strict: bool = True, docs_dir: Path | None = None) -> MkDocsRun:
    """Build (from ``docs_dir`` if given) into a sibling temporary folder, index it for search, then replace site/."""
    target = config.site_dir
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building.", dir=target.parent))
    try:
        run = run_mkdocs_build(config, staging, strict, docs_dir)
        if not run.ok:
            return run
        try:
            build_search_index(staging)
        except SearchIndexError as err:
            return MkDocsRun(False, f"{run.output}\n{err}".strip())
        retired = target.with_name(f".{target.name}.old")
        if retired.exists():
            shutil.rmtree(retired)
        if target.exists():
            os.replace(target, retired)
        os.replace(staging, target)
        shutil.rmtree(retired, ignore_errors=True)
        return run
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
