"""The Makefile's answers to a wrong start: make alone lists the targets; a Python that does
not exist is named as such; make record NB=typo lists the notebooks; make test names a
notebook in notebooks/ that is not part of the series. Each runs make in a small copy of the
project (the Makefile, scripts/, empty requirement files, two notebooks):
nothing is installed, no environment is created, no network."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ["01_first.ipynb", "02_second.ipynb"]


@pytest.fixture
def project(tmp_path):
    shutil.copy(ROOT / "Makefile", tmp_path)
    shutil.copytree(ROOT / "scripts", tmp_path / "scripts")
    for name in ["requirements.txt", "requirements-bench.txt", "constraints-lowest.txt", "pyproject.toml"]:
        (tmp_path / name).write_text("")
    (tmp_path / "notebooks").mkdir()
    for name in NOTEBOOKS:
        (tmp_path / "notebooks" / name).write_text("{}")
    return tmp_path


def make(project, *args):
    """make's exit code and its stdout and stderr together."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "PYTHON")}
    done = subprocess.run(["make", "--no-print-directory", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=60)
    return done.returncode, done.stdout + done.stderr


def environments(project):
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".venv"))


def test_make_alone_lists_the_targets_and_does_nothing_else(project):
    code, out = make(project)
    assert code == 0, out
    listed = re.findall(r"^\s*make (\S+)", out, re.M)
    assert {"lab", "test", "test-lowest", "record", "bench", "test-browser", "clean"} <= set(listed), out
    assert environments(project) == []
    code, dry = make(project, "-n")
    assert code == 0 and "pip" not in dry and "venv" not in dry, dry
    makefile = (ROOT / "Makefile").read_text()
    for target in set(listed) - {"..."}:
        assert re.search(rf"^{re.escape(target)}\s*:", makefile, re.M), f"make lists `make {target}`: no such target"


@pytest.mark.parametrize("target", ["setup", "test", "test-lowest", "lab"])
def test_a_python_that_does_not_exist_is_named(project, target):
    code, out = make(project, target, "PYTHON=/nonexistent/python3")
    assert code != 0
    assert "PYTHON=/nonexistent/python3 not found" in out, out
    assert "is needed" not in out and "version" not in out.lower(), out
    assert environments(project) == []


def test_a_python_that_is_too_old_is_called_too_old(project):
    old = project / "python3.9"
    old.write_text('#!/bin/sh\ncase "$1" in --version) echo "Python 3.9.18";; *) exit 1;; esac\n')
    old.chmod(0o755)
    code, out = make(project, "test", f"PYTHON={old}")
    assert code != 0
    assert f"Python >= 3.10 is needed; PYTHON={old} is Python 3.9.18" in out, out
    assert environments(project) == []


def test_record_with_an_unknown_notebook_lists_the_notebooks(project):
    code, out = make(project, "record", "NB=typo")
    assert code != 0
    assert "there is no notebook typo" in out, out
    for name in NOTEBOOKS:
        assert name.removesuffix(".ipynb") in out
    assert "nbconvert" not in out and "usage" not in out.lower(), out  # not nbconvert's help
    assert environments(project) == []


@pytest.mark.parametrize("nb", ["01_first", "01_first.ipynb", "notebooks/01_first.ipynb", "01*"])
def test_record_takes_a_notebook_by_name_and_hides_progress_bars(project, nb):
    code, out = make(project, "-n", "record", f"NB={nb}")
    assert code == 0, out
    [line] = [line for line in out.splitlines() if "nbconvert" in line]
    assert line.startswith("HELPERS_PROGRESS=off "), line
    assert "notebooks/01_first.ipynb" in out and "02_second" not in out


def test_make_test_names_a_notebook_that_is_not_part_of_the_series(project):
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "add", "Makefile", "notebooks"], cwd=project, check=True)
    (project / "notebooks" / "Untitled.ipynb").write_text("{}")  # a scratch notebook from make lab
    (project / "notebooks" / ".ipynb_checkpoints").mkdir()  # JupyterLab's, not collected by pytest
    (project / "notebooks" / ".ipynb_checkpoints" / "01_first-checkpoint.ipynb").write_text("{}")
    for target in ["test", "test-lowest"]:
        code, out = make(project, target)
        assert code != 0
        assert "notebooks/Untitled.ipynb is not part of the series" in out, out
        assert "Move it out of notebooks/" in out and "git add 'notebooks/Untitled.ipynb'" in out
        assert "checkpoint" not in out and "01_first" not in out
        assert environments(project) == []
    subprocess.run([*git, "add", "notebooks/Untitled.ipynb"], cwd=project, check=True)
    assert make(project, "series") == (0, "")


def test_outside_a_git_checkout_the_series_check_says_nothing(project):
    (project / "notebooks" / "Untitled.ipynb").write_text("{}")
    assert make(project, "series") == (0, "")


def test_test_lowest_runs_the_same_tests_with_every_dependency_at_its_minimum(project):
    _, test = make(project, "-n", "test")
    _, lowest = make(project, "-n", "test-lowest")
    assert "-m venv .venv-lowest" in lowest
    assert "-m pip install --quiet -c constraints-lowest.txt -r requirements.txt" in lowest
    [pytest_line] = [line for line in test.splitlines() if "pytest" in line]
    assert pytest_line.startswith(".venv/bin/python ")
    assert pytest_line.replace(".venv/", ".venv-lowest/", 1) in lowest.splitlines()


def test_ci_runs_the_tests_then_the_lowest_versions_then_the_browser():
    lines = [line.split("#")[0].strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    makes = [line for line in lines if line.startswith("make ")]
    assert makes[:3] == ["make test", "make test-lowest", "make test-browser"]


def test_bench_installs_the_benchmarks_peer_first(project):
    _, out = make(project, "-n", "bench")
    lines = out.splitlines()
    install = next(i for i, line in enumerate(lines) if "-r requirements-bench.txt" in line and "pip install" in line)
    assert install < next(i for i, line in enumerate(lines) if "benchmarks/run.py" in line)
