"""Scheduled publishing: the daily workflow that asks Read the Docs for a build.

Read the Docs builds on a push only; a post dated tomorrow goes online with
the first build on or after its date.  ``.github/workflows/scheduled-build.yml``
triggers that build every morning through Read the Docs' API v3.  These tests
read the workflow as the repository host reads it, run its shell steps with a
stand-in ``curl`` (no network), and run actionlint on it where it is installed.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from support.building import PROJECT

WORKFLOW = PROJECT / ".github" / "workflows" / "scheduled-build.yml"
ENDPOINT = "https://readthedocs.org/api/v3/projects/{project}/versions/{version}/builds/"
PARIS = ZoneInfo("Europe/Paris")


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def triggers(data: dict) -> dict:
    # YAML 1.1 (PyYAML) reads the key ``on`` as the boolean True.
    return data.get("on", data.get(True))


def steps(data: dict) -> list[dict]:
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def job_env(data: dict) -> dict[str, str]:
    (job,) = data["jobs"].values()
    return job.get("env", {})


def run_step(name: str, env: dict[str, str], path_prefix: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run one ``run:`` step as GitHub's runner does (``bash --noprofile --norc -eo pipefail``)."""
    (script,) = [step["run"] for step in steps(workflow()) if step.get("name") == name]
    path = os.environ["PATH"] if path_prefix is None else f"{path_prefix}{os.pathsep}{os.environ['PATH']}"
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        env={"PATH": path, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )


def test_runs_every_morning_paris_time_and_by_hand() -> None:
    on = triggers(workflow())
    assert "workflow_dispatch" in on, "a build can be asked for by hand"
    (schedule,) = on["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month, weekday) == ("*", "*", "*"), "once a day, every day"
    assert minute.isdigit() and hour.isdigit(), "one fixed time"
    for summer_or_winter in (datetime(2026, 1, 15, tzinfo=UTC), datetime(2026, 7, 15, tzinfo=UTC)):
        start = summer_or_winter.replace(hour=int(hour), minute=int(minute))
        paris = start.astimezone(PARIS)
        assert 4 <= paris.hour < 8, f"early morning in Paris, not {paris:%H:%M}"
        # The build decides "future" with its own (UTC) day: it must be Paris' day already.
        assert paris.date() == start.date()


def test_token_is_a_secret_and_project_a_variable() -> None:
    data = workflow()
    env = job_env(data)
    assert env["RTD_TOKEN"] == "${{ secrets.RTD_TOKEN }}"  # noqa: S105 (names the secret, holds none)
    assert env["RTD_PROJECT"] == "${{ vars.RTD_PROJECT }}"
    assert "vars.RTD_VERSION" in env["RTD_VERSION"]
    # The secret reaches the scripts through the environment only, never pasted into them.
    for step in steps(data):
        assert "secrets." not in step.get("run", ""), step["name"]
    assert data["permissions"] == {}, "the job needs no access to the repository"


def test_no_unpinned_third_party_action() -> None:
    for step in steps(workflow()):
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", step["uses"]), step["uses"]


@pytest.mark.parametrize(
    ("token", "project", "missing"),
    [("", "leadership", ["RTD_TOKEN"]), ("t0ken", "", ["RTD_PROJECT"]), ("", "", ["RTD_TOKEN", "RTD_PROJECT"])],
)
def test_missing_settings_fail_loudly(token: str, project: str, missing: list[str]) -> None:
    result = run_step("Check the settings", {"RTD_TOKEN": token, "RTD_PROJECT": project, "RTD_VERSION": "latest"})
    assert result.returncode != 0
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error")]
    assert [name for name in ("RTD_TOKEN", "RTD_PROJECT") if any(name in line for line in errors)] == missing


def test_settings_present_pass() -> None:
    result = run_step(
        "Check the settings", {"RTD_TOKEN": "t0ken", "RTD_PROJECT": "leadership", "RTD_VERSION": "latest"}
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "t0ken" not in result.stdout + result.stderr


@pytest.fixture
def fake_curl(tmp_path: Path) -> Path:
    """A ``curl`` that writes its arguments, one a line, to ``curl.args`` and succeeds."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    curl = bin_dir / "curl"
    curl.write_text(f'#!/usr/bin/env bash\nprintf "%s\\n" "$@" > "{tmp_path / "curl.args"}"\n', encoding="utf-8")
    curl.chmod(curl.stat().st_mode | stat.S_IXUSR)
    return bin_dir


def test_posts_to_the_api_v3_build_endpoint_with_the_token(fake_curl: Path) -> None:
    env = {"RTD_TOKEN": "t0ken", "RTD_PROJECT": "leadership", "RTD_VERSION": "latest"}
    result = run_step("Trigger the build", env, path_prefix=fake_curl)
    assert result.returncode == 0, result.stdout + result.stderr
    args = (fake_curl.parent / "curl.args").read_text(encoding="utf-8").splitlines()
    assert ENDPOINT.format(project="leadership", version="latest") in args
    assert args[args.index("--request") + 1] == "POST"
    assert args[args.index("--header") + 1] == "Authorization: Token t0ken"
    assert "--fail-with-body" in args, "an HTTP error (bad token, unknown project) fails the run, with the reason"


def _actionlint() -> str | None:
    configured = os.environ.get("ACTIONLINT")
    if configured:
        return configured
    beside_python = PROJECT / ".venv" / "bin" / "actionlint"
    return str(beside_python) if beside_python.exists() else shutil.which("actionlint")


def test_actionlint_is_clean() -> None:
    actionlint = _actionlint()
    if actionlint is None:
        pytest.skip("actionlint not found (ACTIONLINT=/path/to/actionlint, or on PATH): workflow not linted")
    result = subprocess.run(
        [actionlint, "-no-color", str(WORKFLOW)], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
