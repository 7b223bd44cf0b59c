"""The Makefile's answers to a wrong start: make alone lists the targets; a Python that does
not exist is named as such; make record NB=typo (or NB= empty) lists the notebooks; make test
names a notebook in notebooks/ that is not part of the series; a set-up interrupted before pip
was in the environment recovers; make clean removes every generated folder. Each runs make in
a small copy of the project (the Makefile, scripts/, empty requirement files, two notebooks):
no network; only the interrupted set-up's test creates environments (a few seconds each)."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ["01_first.ipynb", "02_second.ipynb"]


@pytest.fixture
def project(tmp_path):
    shutil.copy(ROOT / "Makefile", tmp_path)
    shutil.copytree(ROOT / "scripts", tmp_path / "scripts")
    (tmp_path / "site_src").mkdir()
    for name in ["requirements.txt", "requirements-bench.txt", "constraints-lowest.txt", "pyproject.toml",
                 "site_src/requirements.txt"]:
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
    assert {"lab", "test", "test-lowest", "record", "bench", "test-browser", "handout", "clean"} <= set(listed), out
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
    assert "-m venv --clear .venv-lowest" in lowest
    assert "-m pip install --quiet -c constraints-lowest.txt -e . -r requirements.txt" in lowest
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


@pytest.mark.parametrize("nb", ["", " "])
def test_record_with_an_empty_nb_lists_the_notebooks(project, nb):  # issue 17: nbconvert's whole help
    code, out = make(project, "record", f"NB={nb}")
    assert code != 0
    assert out.startswith("make record: NB is empty: name a notebook.\nThe notebooks"), out
    for name in NOTEBOOKS:
        assert name.removesuffix(".ipynb") in out
    assert "nbconvert" not in out and "usage" not in out.lower(), out
    assert environments(project) == []


GENERATED = [".venv", ".venv-lowest", ".venv-site", ".venv-nbgrader", "site", "build", "nn_worked_example.egg-info", ".pytest_cache",
             ".hypothesis", "helpers/__pycache__", "tests/__pycache__"]


def test_clean_removes_every_generated_folder_and_nothing_else(project):  # issue 16: it left .venv-site and site/
    assert len(re.findall(r"^clean\s*:", (ROOT / "Makefile").read_text(), re.M)) == 1
    for folder in GENERATED:
        (project / folder).mkdir(parents=True)
        (project / folder / "file").write_text("")
    (project / "helpers" / "nn.py").write_text("")
    kept = sorted(path for path in paths(project) if not any(path == g or path.startswith(g + "/") for g in GENERATED))
    code, out = make(project, "clean")
    assert code == 0, out
    assert [folder for folder in GENERATED if (project / folder).exists()] == []
    assert paths(project) == kept


def paths(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


# A project that pip installs offline: a build back end of its own (no build requirement to
# download) that writes a wheel with metadata alone.
BACKEND = """
import zipfile
METADATA = "Metadata-Version: 2.1\\nName: probe\\nVersion: 0\\n"
WHEEL = "Wheel-Version: 1.0\\nGenerator: probe\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n"
def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    name = "probe-0-py3-none-any.whl"
    with zipfile.ZipFile(f"{wheel_directory}/{name}", "w") as wheel:
        for file, text in [("METADATA", METADATA), ("WHEEL", WHEEL), ("RECORD", "")]:
            wheel.writestr(f"probe-0.dist-info/{file}", text)
    return name
build_editable = build_wheel
"""


@pytest.mark.slow  # about 7 s each: a real environment is made
@pytest.mark.parametrize("stamp", [".venv/.installed", ".venv-lowest/.installed", ".venv-site/.installed"])
def test_an_interrupted_setup_recovers_by_itself(project, stamp):  # issue 17: "No module named pip", for ever
    (project / "pyproject.toml").write_text('[build-system]\nrequires = []\nbuild-backend = "backend"\n'
                                            'backend-path = ["."]\n[project]\nname = "probe"\nversion = "0"\n')
    (project / "backend.py").write_text(BACKEND)
    venv = project / stamp.split("/")[0]
    # what Ctrl-C leaves while `python -m venv` runs: a python, and no pip yet
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    assert subprocess.run([venv / "bin" / "python", "-m", "pip", "--version"], capture_output=True).returncode != 0
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "PYTHON")}
    done = subprocess.run(["make", "--no-print-directory", stamp, f"PYTHON={sys.executable}"], cwd=project,
                          env={**env, "PIP_NO_INDEX": "1"}, capture_output=True, text=True, timeout=300)
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    assert f"make: {venv.name} has no working pip (an interrupted set-up?): creating it again" in out
    assert subprocess.run([venv / "bin" / "python", "-m", "pip", "--version"], capture_output=True).returncode == 0
    assert (project / stamp).exists()
    code, again = make(project, stamp, f"PYTHON={sys.executable}")
    assert code == 0 and "is up to date" in again, again


# --- make handout (issue 17) --------------------------------------------------------------------


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    """A git clone of the project as it is now (every file git tracks or would, committed)."""
    clone = tmp_path_factory.mktemp("clone") / "series"
    done = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip("make handout's tests need a git clone of the series; this copy (a handout?) is not one")
    listed = done.stdout.split("\0")
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, clone / name)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "the series"]):
        subprocess.run([*git, *command], cwd=clone, check=True, capture_output=True)
    return clone


def learners_checks(handout):
    """make series, then pytest on the tests that read solutions/, in the handout."""
    assert make(handout, "series") == (0, "")
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs",
                           "tests/test_exercises.py"], cwd=handout, capture_output=True, text=True, timeout=300)
    out = done.stdout + done.stderr
    assert done.returncode == 0, out[-3000:]
    assert re.search(r"^SKIPPED .*solutions/", out, re.M), out[-3000:]


@pytest.mark.slow  # about 8 s each: a handout written, and pytest run in it
@pytest.mark.parametrize("where", ["outside", "inside"])
def test_make_handout_writes_the_series_without_solutions(clone, tmp_path, where):
    target = tmp_path / "handout" if where == "outside" else clone / f"handout-{tmp_path.name}"
    code, out = make(clone, "handout", f"DIR={target}", f"PYTHON={sys.executable}")
    assert code == 0, out
    assert f"make handout: wrote {target}: the series at " in out and "uncommitted" not in out, out
    files = paths(target)
    assert not [p for p in files if p.startswith("solutions")]
    assert "HANDOUT.md" in files and "notebooks/00a_first_networks.ipynb" in files and "Makefile" in files
    assert (target / "notebooks" / "01_problem_and_data.ipynb").read_bytes() == (clone / "notebooks" / "01_problem_and_data.ipynb").read_bytes()
    assert "Z1 = ...  # X1 (N x 5) times W1 (5 x 2)" in (target / "notebooks" / "03_forward_pass.ipynb").read_text()
    learners_checks(target)
    if where == "inside":  # the teacher's own checks do not see it either
        assert make(clone, "series") == (0, "")
        shutil.rmtree(target)


def test_make_handout_refuses_a_folder_in_use_and_says_what_is_not_committed(clone, tmp_path):
    code, out = make(clone, "handout")
    assert code != 0 and "make handout: name the folder to write: make handout DIR=../handout" in out, out
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "notes.txt").write_text("mine")
    code, out = make(clone, "handout", f"DIR={tmp_path / 'used'}", f"PYTHON={sys.executable}")
    assert code != 0 and f"make handout: {tmp_path / 'used'} is a folder that is not empty; name a new folder" in out
    assert paths(tmp_path / "used") == ["notes.txt"]
    (tmp_path / "empty").mkdir()
    (clone / "README.md").write_text((clone / "README.md").read_text() + "\nedited\n")
    try:
        code, out = make(clone, "handout", f"DIR={tmp_path / 'empty'}", f"PYTHON={sys.executable}")
    finally:
        subprocess.run(["git", "checkout", "-q", "README.md"], cwd=clone, check=True)
    assert code == 0, out
    assert "make handout: uncommitted changes are not in it (it is the last commit)" in out
    assert "edited" not in (tmp_path / "empty" / "README.md").read_text()
