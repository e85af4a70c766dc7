"""Running MkDocs: build site/ into a temporary folder and swap it in only on success."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .pipeline import SiteConfig
from .search_index import SearchIndexError, build_search_index

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MkDocsRun:
    ok: bool
    output: str


def run_mkdocs_build(config: SiteConfig, site_dir: Path, strict: bool = True) -> MkDocsRun:
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config.path),
               "--site-dir", str(site_dir), "--quiet"]
    if strict:
        command.append("--strict")
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", "0")
    result = subprocess.run(command, cwd=config.path.parent, capture_output=True, text=True, env=env)
    return MkDocsRun(result.returncode == 0, (result.stdout + result.stderr).strip())


def build_site(config: SiteConfig, strict: bool = True) -> MkDocsRun:
    """Build into a sibling temporary folder, index it for search, then replace site/ in two renames."""
    target = config.site_dir
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building.", dir=target.parent))
    try:
        run = run_mkdocs_build(config, staging, strict)
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
