"""README promises what the repository does: its commands, screenshots and sections exist."""

from __future__ import annotations

import argparse
import re

import yaml

from conftest import REPO
from edition.cli import parse_args
from edition.metadata import FIELDS, OVERRIDE_KEYS

README = (REPO / "README.md").read_text(encoding="utf-8")
PLACEHOLDER_SECTIONS = ("Search", "Glossary", "Citing a paragraph", "Benchmarks")


def test_readme_names_the_two_commands_and_ci_runs_the_second():
    assert "bash scripts/serve.sh" in README
    assert "bash scripts/test.sh" in README
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/test.sh" in ci
    assert (REPO / "scripts" / "serve.sh").read_text(encoding="utf-8").rstrip().endswith("build.py serve \"$@\"")


def test_every_image_in_readme_exists_in_the_repository():
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README)
    assert len(images) >= 3
    for image in images:
        assert (REPO / image).is_file(), image
        assert not image.startswith("docs/"), "screenshots in docs/ would be published"


def test_readme_keeps_a_section_for_each_merged_topic():
    headings = re.findall(r"^#+ (.+)$", README, flags=re.MULTILINE)
    for section in PLACEHOLDER_SECTIONS:
        assert section in headings, section


def test_readme_metadata_example_uses_only_known_keys():
    example = re.search(r"```yaml\n(slug: .*?)```", README, flags=re.DOTALL).group(1)
    data = yaml.safe_load(example)
    assert set(data) <= set(FIELDS)
    assert set(data["reader"]) <= set(OVERRIDE_KEYS)


def test_readme_documents_every_cli_option():
    options = ("--root", "--docs-only", "--port", "--debug", "--quiet", "build", "serve", "check")
    assert isinstance(parse_args([]), argparse.Namespace)
    for option in options:
        assert f"`{option}" in README, option
