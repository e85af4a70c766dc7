"""The GitHub Pages workflow builds with the pinned dependencies and deploys with the official actions."""

from __future__ import annotations

import yaml

from conftest import REPO

WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"
OFFICIAL_PAGES_ACTIONS = ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages")


def load_workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def all_steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def used_actions(workflow: dict) -> list[str]:
    return [step["uses"].split("@")[0] for step in all_steps(workflow) if "uses" in step]


def run_lines(workflow: dict) -> list[str]:
    return [line.strip() for step in all_steps(workflow) for line in step.get("run", "").splitlines()]


def test_workflow_installs_the_pinned_requirements():
    assert any("pip install" in line and "-r requirements.txt" in line for line in run_lines(load_workflow()))


def test_workflow_builds_with_build_py_before_uploading():
    workflow = load_workflow()
    steps = workflow["jobs"]["build"]["steps"]
    build_index = next(i for i, s in enumerate(steps) if s.get("run", "").strip() == "python build.py")
    upload_index = next(i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert build_index < upload_index
    assert steps[upload_index]["with"]["path"] == "site"


def test_workflow_deploys_with_the_official_pages_actions():
    actions = used_actions(load_workflow())
    for action in OFFICIAL_PAGES_ACTIONS:
        assert action in actions, f"{action} missing"
    assert all(a.startswith("actions/") for a in actions), f"third-party actions: {actions}"


def test_workflow_has_pages_permissions_and_concurrency():
    workflow = load_workflow()
    assert workflow["permissions"]["pages"] == "write"
    assert workflow["permissions"]["id-token"] == "write"
    assert workflow["concurrency"]["group"]
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"


def test_every_action_is_pinned_to_a_version():
    assert all("@" in step["uses"] for step in all_steps(load_workflow()) if "uses" in step)


def test_requirements_are_pinned_exactly():
    lines = [line.strip() for line in (REPO / "requirements.txt").read_text().splitlines()]
    packages = [line for line in lines if line and not line.startswith("#")]
    assert packages and all("==" in line for line in packages), packages


def test_workflow_builds_for_the_published_address():
    steps = load_workflow()["jobs"]["build"]["steps"]
    build = next(s for s in steps if s.get("run", "").strip() == "python build.py")
    assert "steps.pages.outputs.base_url" in build["env"]["SITE_URL"]
    assert "!ENV [SITE_URL" in (REPO / "mkdocs.yml").read_text(encoding="utf-8")
