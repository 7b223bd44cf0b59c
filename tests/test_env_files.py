"""The install files agree with each other and with the code:

- pyproject.toml's dependencies are what helpers/ imports (so `pip install .` is complete);
- requirements.txt is the tools that run and check the notebooks, and nothing read against the
  folder pip runs in (make setup installs the project with `-e .` from the clone's folder);
- environment.yml (conda) lists the same packages with the same version ranges;
- constraints-lowest.txt (make test-lowest) pins each of them at its declared minimum;
- the learners' install has no scikit-learn, scipy or torch: those are for make bench.

The files are read as plain text (environment.yml) or with tomllib: no YAML library needed."""

import ast
import re
import subprocess
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: pytest itself depends on tomli there
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(.*)$")
NOT_PACKAGES = {"python", "pip"}  # conda needs these; pip gets them from the venv
# conda-forge's names for two of them: matplotlib without the Qt back end, nbconvert without pandoc
CONDA_NAMES = {"matplotlib-base": "matplotlib", "nbconvert-core": "nbconvert"}
BENCH_ONLY = {"scikit-learn", "scipy", "torch"}


def normalize(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def spec(text):
    """'numpy >= 2.0, <3' -> ('numpy', '<3,>=2.0'): name lower-cased, '_' as '-', ranges sorted."""
    match = REQUIREMENT.match(text.strip())
    assert match, f"cannot read the requirement {text!r}"
    name, ranges = match.groups()
    return normalize(name), ",".join(sorted(r.replace(" ", "") for r in ranges.split(",") if r.strip()))


def requirement_lines(text):
    """The lines of a requirements file without comments and blank lines."""
    return [line for line in (raw.split("#")[0].strip() for raw in text.splitlines()) if line]


def requirements(text):
    """name -> version ranges of a requirements file's package lines (not -e, -r, -c ...)."""
    return dict(spec(line) for line in requirement_lines(text) if not line.startswith("-"))


def conda_dependencies(text):
    """name -> version ranges of an environment.yml's `dependencies:` list, and the items of its
    `pip:` sub-list. Only the subset of YAML these files use: '- item' lines under the key."""
    found, pip, inside = {}, [], False
    for raw in text.splitlines():
        line = raw.split(" #")[0].rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not raw.startswith((" ", "-")):  # a top-level key
            inside = line.strip() == "dependencies:"
            continue
        item = line.strip()
        if not inside or not item.startswith("- ") or item.endswith(":"):
            continue
        item = item[2:].strip().strip("'\"")
        if len(raw) - len(raw.lstrip()) > 2 and item.startswith("-"):  # under `- pip:`: -e .
            pip.append(item)
            continue
        name, ranges = spec(item)
        if name not in NOT_PACKAGES:
            found[CONDA_NAMES.get(name, name)] = ranges
    return found, pip


def pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def runtime():
    """name -> ranges of pyproject.toml's dependencies: what helpers needs."""
    return dict(spec(d) for d in pyproject()["project"]["dependencies"])


def tools():
    """name -> ranges of requirements.txt's own package lines: what runs and checks the notebooks."""
    return requirements((ROOT / "requirements.txt").read_text())


def minimum(ranges):
    """'<3,>=2.0' -> '2.0'."""
    return next(r[2:] for r in ranges.split(",") if r.startswith(">="))


def same_version(a, b):
    """'2.0' and '2.0.0' name the same release."""
    parts = lambda v: [int(x) for x in v.split(".")]  # noqa: E731
    a, b = parts(a), parts(b)
    width = max(len(a), len(b))
    return a + [0] * (width - len(a)) == b + [0] * (width - len(b))


def test_the_parsers_read_what_they_should():
    assert requirements("# c\n-e .\nnumpy>=2.0,<3  # why\n\nNB_Val >= 0.11, <0.12\n") == {
        "numpy": "<3,>=2.0", "nb-val": "<0.12,>=0.11"}
    yml = ("name: x\nchannels:\n  - conda-forge\ndependencies:\n  - python>=3.10\n  - pip\n"
           "  - numpy>=2.0,<3\n  - matplotlib-base>=3.8.4,<4  # no Qt\n  - pip:\n      - -e .  # the project\n")
    assert conda_dependencies(yml) == ({"numpy": "<3,>=2.0", "matplotlib": "<4,>=3.8.4"}, ["-e ."])
    assert minimum("<3,>=2.0") == "2.0" and same_version("2.0", "2.0.0") and not same_version("2.0", "2.0.1")


# --- pip install -r requirements.txt and pip install . (issue 10, item 7) ----------------------


def test_requirements_txt_means_the_same_from_any_folder(tmp_path):
    """issue 17: its `-e .` installed whatever project was in the folder pip ran in. Now it
    names packages only; run from another project's folder, pip installs nothing of it (offline:
    the tools are installed here already)."""
    lines = requirement_lines((ROOT / "requirements.txt").read_text())
    assert [line for line in lines if line.startswith("-") or "/" in line or line.startswith(".")] == []
    other = tmp_path / "other"
    (other / "other").mkdir(parents=True)
    (other / "other" / "__init__.py").write_text("")
    (other / "pyproject.toml").write_text('[project]\nname = "other"\nversion = "1"\n')
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--dry-run", "--no-deps", "--no-index",
                           "--disable-pip-version-check", "-r", str(ROOT / "requirements.txt")],
                          cwd=other, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "other" not in done.stdout.lower() + done.stderr.lower()
    assert sorted(re.findall(r"Requirement already satisfied: ([\w-]+)", done.stdout)) == sorted(tools())


def test_make_setup_installs_the_project_editable_from_the_clones_folder():
    makefile = (ROOT / "Makefile").read_text()
    assert "$(PY) -m pip install --quiet -e . -r requirements.txt" in makefile
    assert "$(LOWEST)/bin/python -m pip install --quiet -c constraints-lowest.txt -e . -r requirements.txt" in makefile


def test_pyproject_declares_every_package_helpers_imports():
    """`pip install .` installs what helpers imports: no ImportError after a complete install."""
    imported = set()
    for path in (ROOT / "helpers").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    third_party = imported - set(sys.stdlib_module_names) - {"helpers"}
    distributions = packages_distributions()  # e.g. PIL -> pillow, IPython -> ipython
    needed = {normalize(distributions.get(module, [module])[0]) for module in third_party}
    missing = needed - set(runtime())
    assert not missing, f"helpers/ imports {sorted(missing)}, which pyproject.toml's dependencies do not list"


def test_pyproject_declares_no_tool_and_no_benchmark_peer():
    """The tools (pytest, JupyterLab...) are in requirements.txt, the benchmark's peers in
    requirements-bench.txt: `pip install .` brings only what helpers needs."""
    assert not set(runtime()) & set(tools()), f"in both pyproject.toml and requirements.txt: {set(runtime()) & set(tools())}"
    assert not set(runtime()) & BENCH_ONLY


# --- honest lower bounds (item 8) -------------------------------------------------------------


def test_every_package_has_a_version_range():
    bench = requirements((ROOT / "requirements-bench.txt").read_text())
    for name, ranges in {**runtime(), **tools(), **bench}.items():
        assert ">=" in ranges and "<" in ranges.replace("<=", ""), f"{name}: no lower and upper bound ({ranges!r})"


def test_constraints_lowest_pins_every_direct_dependency_at_its_minimum():
    """make test-lowest installs with constraints-lowest.txt: each direct dependency, the
    runtime ones and the tools, exactly at the lowest version the ranges allow."""
    declared = {**runtime(), **tools()}
    pins = {}
    for line in requirement_lines((ROOT / "constraints-lowest.txt").read_text()):
        name, ranges = spec(line)
        assert ranges.startswith("==") and "," not in ranges, f"constraints-lowest.txt: {line!r} is not a pin (==)"
        pins[name] = ranges[2:]
    assert set(pins) == set(declared), (
        f"not pinned: {sorted(set(declared) - set(pins))}; pinned but not a direct dependency: "
        f"{sorted(set(pins) - set(declared))}")
    wrong = {n: (pins[n], minimum(declared[n])) for n in pins if not same_version(pins[n], minimum(declared[n]))}
    assert not wrong, f"pinned at a version that is not the declared minimum (pin, minimum): {wrong}"


# --- conda (item 9) ---------------------------------------------------------------------------


def test_environment_yml_agrees_with_pyproject_and_requirements_txt():
    pip = {**runtime(), **tools()}
    conda, _ = conda_dependencies((ROOT / "environment.yml").read_text())
    assert pip, "pyproject.toml and requirements.txt list no packages"
    assert conda == pip, (
        f"only in pyproject.toml/requirements.txt: {sorted(set(pip) - set(conda))}; "
        f"only in environment.yml: {sorted(set(conda) - set(pip))}; "
        f"different ranges: {sorted(n for n in set(pip) & set(conda) if pip[n] != conda[n])}"
    )


def test_environment_yml_takes_matplotlib_without_qt_and_installs_the_project():
    text = (ROOT / "environment.yml").read_text()
    names = [spec(item)[0] for item in re.findall(r"^  - ([A-Za-z][^\s#]*)", text, re.M)]
    assert "matplotlib-base" in names and "matplotlib" not in names, "conda's matplotlib pulls in Qt: use matplotlib-base"
    assert conda_dependencies(text)[1] == ["-e ."], "environment.yml's pip: list should install the project: '- -e .'"


def test_readme_gives_conda_users_the_commands_that_work():
    """The README's conda commands: the environment's real name, and the test command that
    make test runs (with the environment's python instead of .venv's)."""
    readme = (ROOT / "README.md").read_text()
    name = re.search(r"^name:\s*(\S+)", (ROOT / "environment.yml").read_text(), re.M).group(1)
    tests = re.search(r"^TESTS\s*:?=\s*(.+)$", (ROOT / "Makefile").read_text(), re.M).group(1).strip()
    assert f"conda env create -f environment.yml && conda activate {name}" in readme
    assert f"python {tests}" in readme, f"the README should give conda users `python {tests}`"


# --- a lean install (item 10) -----------------------------------------------------------------


def test_the_learners_install_has_no_scikit_learn_scipy_or_torch():
    """scikit-learn (and scipy under it) is only the benchmark's peer: make bench installs it
    from requirements-bench.txt. torch is optional and in no requirements file."""
    conda, _ = conda_dependencies((ROOT / "environment.yml").read_text())
    for where, names in [("pyproject.toml", runtime()), ("requirements.txt", tools()), ("environment.yml", conda)]:
        assert not set(names) & BENCH_ONLY, f"{where} lists {sorted(set(names) & BENCH_ONLY)}"
    bench = requirements((ROOT / "requirements-bench.txt").read_text())
    assert "scikit-learn" in bench and "torch" not in bench
