"""`pip install .` (not editable) gives a complete install: the wheel holds every module of
helpers, its sub-packages included, and every data file, under share/nn-worked-example/data
(installed to <sys.prefix>/share/nn-worked-example/data, where helpers.data looks when there
is no data/ beside the package). Building the wheel takes a few seconds."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARE = "share/nn-worked-example/data"


def test_the_wheel_holds_every_helpers_module_and_every_data_file(tmp_path):
    # Build from a copy: setuptools leaves build/ and *.egg-info in the folder it builds, and
    # a stale build/lib would put modules that no longer exist into later wheels.
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv*", "build", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis", "notebooks"))
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir",
                           str(tmp_path / "dist"), str(source)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    [wheel] = (tmp_path / "dist").glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    data_dir = wheel.name.split("-py3")[0] + ".data/data/" + SHARE  # nn_worked_example-0.1.0.data/...

    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "helpers").rglob("*.py") if "__pycache__" not in p.parts}
    data = {f"{data_dir}/{p.name}" for p in (ROOT / "data").iterdir() if p.is_file()}
    assert {"helpers/__init__.py", "helpers/nn.py"} <= modules and f"{data_dir}/README.md" in data
    assert modules - names == set(), f"modules missing from the wheel: {sorted(modules - names)}"
    assert data - names == set(), f"data files missing from the wheel: {sorted(data - names)}"
    stray = {n for n in names if not n.startswith(("helpers/", data_dir + "/", "nn_worked_example-"))}
    assert not stray, f"the wheel holds more than helpers and data/: {sorted(stray)}"
