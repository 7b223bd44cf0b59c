"""`pip install .` (not editable) gives a complete install: the wheel holds every module of
helpers, its sub-packages included, and every data file, under share/nn-worked-example/data.
pip puts those under the installation's prefix (a virtual environment's, the user base's with
--user, DIR with --target DIR); helpers.data finds them in each. The wheel is built once (a few
seconds); installing it is offline (--no-index --no-deps) and takes under a second."""

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARE = "share/nn-worked-example/data"
DATA_FILES = sorted(p.name for p in (ROOT / "data").iterdir() if p.is_file())
# what an installed helpers reports: where it is, where its data is, and that the data reads
PROBE = ("from helpers import data; print(data.__file__); print(data.data_dir()); "
         "print(len(data.load_stairs('train').ids), data.article_weights()[0].shape, len(data.load_digits().ids))")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    # Build from a copy: setuptools leaves build/ and *.egg-info in the folder it builds, and
    # a stale build/lib would put modules that no longer exist into later wheels.
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv*", "build", "site", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis", "notebooks"))
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir",
                           str(tmp / "dist"), str(source)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    [built] = (tmp / "dist").glob("*.whl")
    return built


def test_the_wheel_holds_every_helpers_module_and_every_data_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    data_dir = wheel.name.split("-py3")[0] + ".data/data/" + SHARE  # nn_worked_example-0.1.0.data/...

    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "helpers").rglob("*.py") if "__pycache__" not in p.parts}
    data = {f"{data_dir}/{name}" for name in DATA_FILES}
    assert {"helpers/__init__.py", "helpers/nn.py"} <= modules and f"{data_dir}/README.md" in data
    assert modules - names == set(), f"modules missing from the wheel: {sorted(modules - names)}"
    assert data - names == set(), f"data files missing from the wheel: {sorted(data - names)}"
    stray = {n for n in names if not n.startswith(("helpers/", data_dir + "/", "nn_worked_example-"))}
    assert not stray, f"the wheel holds more than helpers and data/: {sorted(stray)}"


def pip_install(python, wheel, *options, env=None):
    done = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                           "--disable-pip-version-check", *options, str(wheel)],
                          capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stdout + done.stderr


def probe(python, cwd, env):
    """What PROBE prints, run in cwd (away from the clone, so its helpers/ is not on the path)."""
    done = subprocess.run([str(python), "-c", PROBE], cwd=cwd, capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stderr == ""
    return done.stdout.splitlines()


def env_with_numpy(*first):
    """The environment variables for a Python that sees the folders first, then this
    environment's packages (numpy, pip) on PYTHONPATH, which, unlike a site folder, runs no .pth
    file: the clone's editable helpers stays out."""
    packages = Path(np.__file__).parent.parent
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    return {**env, "PYTHONPATH": os.pathsep.join(map(str, [*first, packages]))}


def test_pip_install_target_finds_its_data(wheel, tmp_path):  # issue 17: "the data files were not found"
    target = tmp_path / "target"
    pip_install(sys.executable, wheel, "--target", str(target))
    assert sorted(p.name for p in (target / SHARE).iterdir()) == DATA_FILES
    module, folder, counts = probe(sys.executable, tmp_path, env_with_numpy(target))
    assert module == str(target / "helpers" / "data.py")
    assert folder == str(target / SHARE)
    assert counts == "400 (5, 2) 1797"


def test_pip_install_user_finds_its_data(wheel, tmp_path):  # issue 17: "the data files were not found"
    # A virtual environment hides the user's site-packages unless it sees the system's
    # packages too: such an environment (no pip of its own; this one's pip, numpy via PYTHONPATH)
    # and a user base of its own in tmp_path (PYTHONUSERBASE).
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(tmp_path / "env")],
                   check=True, timeout=120)
    python = tmp_path / "env" / "bin" / "python"
    env = {**env_with_numpy(), "PYTHONUSERBASE": str(tmp_path / "user")}
    pip_install(python, wheel, "--user", env=env)
    [share] = (tmp_path / "user").glob("**/" + SHARE)
    assert share == tmp_path / "user" / SHARE
    module, folder, counts = probe(python, tmp_path, env)
    assert Path(module).is_relative_to(tmp_path / "user" / "lib")
    assert folder == str(tmp_path / "user" / SHARE)
    assert counts == "400 (5, 2) 1797"


def test_helpers_without_its_data_says_where_it_looked(tmp_path):
    shutil.copytree(ROOT / "helpers", tmp_path / "alone" / "helpers", ignore=shutil.ignore_patterns("__pycache__"))
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          env=env_with_numpy(tmp_path / "alone"))
    assert done.returncode != 0
    last = done.stderr.splitlines()[-1]
    assert last.startswith(f"ValueError: the data files were not found: helpers is installed at {tmp_path / 'alone'}")
    assert f"(looked in {tmp_path / 'alone' / 'data'}, {tmp_path / 'alone' / SHARE}). " in last
