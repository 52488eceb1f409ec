"""The GitHub workflows publish safely: pinned actions, least privilege, deploy only from main.

Deploy workflows copied from tutorials use tags that can be moved under them and write tokens
for every step; these rules are what a partnership's security reviewer would check by hand.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
CI = WORKFLOWS / "ci.yml"
PAGES = WORKFLOWS / "pages.yml"
USES = re.compile(r"^\s*(?:-\s*)?uses:\s*(\S+)(.*)$", re.MULTILINE)


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on:` as the boolean True.
    if True in data:
        data["on"] = data.pop(True)
    return data


def all_workflows() -> list[Path]:
    files = sorted(WORKFLOWS.glob("*.yml")) + sorted(WORKFLOWS.glob("*.yaml"))
    assert CI in files and PAGES in files
    return files


def steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def test_every_action_is_pinned_to_a_commit_with_its_version_in_a_comment():
    seen = 0
    for path in all_workflows():
        for ref, rest in USES.findall(path.read_text(encoding="utf-8")):
            seen += 1
            assert not ref.startswith("./"), f"{path.name}: local action {ref}: pin what it uses too"
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", ref), f"{path.name}: {ref} is not pinned to a full commit SHA"
            assert re.match(r"\s*#\s*v\d+(\.\d+)*\s*$", rest), f"{path.name}: {ref} needs its version in a comment (# vX.Y.Z)"
    assert seen >= 3


def test_permissions_are_read_only_except_the_deploy_job():
    for path in all_workflows():
        workflow = load(path)
        assert workflow.get("permissions") == {"contents": "read"}, f"{path.name}: top-level permissions must be contents: read"
        for name, job in workflow["jobs"].items():
            granted = job.get("permissions")
            if path == PAGES and name == "deploy":
                assert granted == {"pages": "write", "id-token": "write"}, granted
            else:
                assert granted in (None, {"contents": "read"}), f"{path.name}: job {name} asks for {granted}"


def test_no_checkout_keeps_credentials_and_no_workflow_runs_for_forks_with_secrets():
    for path in all_workflows():
        text = path.read_text(encoding="utf-8")
        workflow = load(path)
        assert "pull_request_target" not in text, f"{path.name}: pull_request_target runs fork code with secrets"
        assert "workflow_run" not in workflow["on"], f"{path.name}: workflow_run runs with write tokens"
        assert "${{ secrets." not in text, f"{path.name}: no secrets are needed"
        for job in workflow["jobs"].values():
            for step in steps(job):
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step.get("with", {}).get("persist-credentials") is False, f"{path.name}: set persist-credentials: false"


def test_pages_deploys_only_from_main_one_run_at_a_time():
    workflow = load(PAGES)
    assert workflow["on"] == {"push": {"branches": ["main"]}}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    deploy = workflow["jobs"]["deploy"]
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["needs"] == "build"
    assert [s["uses"].split("@")[0] for s in steps(deploy)] == ["actions/deploy-pages"]
    build = workflow["jobs"]["build"]
    uses = [s["uses"].split("@")[0] for s in steps(build) if "uses" in s]
    runs = [s["run"] for s in steps(build) if "run" in s]
    assert uses[-1] == "actions/upload-pages-artifact"
    upload = [s for s in steps(build) if s.get("uses", "").startswith("actions/upload-pages-artifact@")][0]
    assert upload["with"]["path"] == "site"
    # Nothing is published that fails the tests, and the site is the strict build, for its own address.
    build_step = next(i for i, r in enumerate(runs) if "mkdocs build --strict" in r or r == "make build")
    assert runs.index("make test") < build_step
    assert "site_url" in runs[build_step] or "SITE_URL" in str(steps(build))


def test_ci_checks_reviews_and_runs_every_test_on_pull_requests_and_pushes():
    workflow = load(CI)
    assert "pull_request" in workflow["on"] and "push" in workflow["on"]
    (job,) = workflow["jobs"].values()
    runs = [s.get("run", "") for s in steps(job)]
    install = next(i for i, r in enumerate(runs) if ".installed-dev" in r or "pip install -r requirements-dev.txt" in r)
    check = runs.index(".venv/bin/casebook check --format github")
    assert install < check < runs.index("make test")
    # The install is pinned: every requirement line is an exact version (or the project itself).
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
            line = line.split("#")[0].strip()
            if line and not line.startswith(("-r ", "-e ")):
                assert re.fullmatch(r"[A-Za-z0-9_.\[\],-]+==[\w.+-]+", line), f"{name}: {line} is not pinned exactly"


def test_dependabot_watches_python_packages_and_actions():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    ecosystems = {u["package-ecosystem"] for u in config["updates"]}
    assert {"pip", "github-actions"} <= ecosystems


def _zizmor() -> str | None:
    found = shutil.which("zizmor", path=str(Path(sys.executable).parent))
    return found or shutil.which("zizmor")


def test_zizmor_finds_nothing():
    """zizmor's offline audits (its default persona) over the workflows and dependabot.yml."""
    exe = _zizmor()
    if exe is None:
        pytest.skip("zizmor is not installed: pip install -r requirements-dev.txt")
    result = subprocess.run([exe, "--offline", "--no-progress", str(ROOT / ".github")],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_rules_catch_a_tutorial_workflow(tmp_path, monkeypatch):
    """The usual copied deploy workflow fails these tests: the rules are not vacuous."""
    bad = tmp_path / "workflows"
    bad.mkdir()
    (bad / "ci.yml").write_text(CI.read_text(encoding="utf-8"))
    (bad / "pages.yml").write_text(
        "on: [push, pull_request_target]\npermissions: write-all\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/deploy-pages@v4\n")
    monkeypatch.setattr(sys.modules[__name__], "WORKFLOWS", bad)
    monkeypatch.setattr(sys.modules[__name__], "CI", bad / "ci.yml")
    monkeypatch.setattr(sys.modules[__name__], "PAGES", bad / "pages.yml")
    for rule in (test_every_action_is_pinned_to_a_commit_with_its_version_in_a_comment,
                 test_permissions_are_read_only_except_the_deploy_job,
                 test_no_checkout_keeps_credentials_and_no_workflow_runs_for_forks_with_secrets,
                 test_pages_deploys_only_from_main_one_run_at_a_time):
        with pytest.raises((AssertionError, KeyError, TypeError)):
            rule()
    exe = _zizmor()
    if exe is not None:
        github = tmp_path / ".github"
        github.mkdir()
        bad.rename(github / "workflows")
        result = subprocess.run([exe, "--offline", "--no-progress", str(github)], capture_output=True, text=True)
        assert result.returncode != 0 and "unpinned-uses" in result.stdout, result.stdout + result.stderr
