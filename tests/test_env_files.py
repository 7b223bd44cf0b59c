"""environment.yml (conda) lists the same packages, with the same version ranges, as
requirements.txt (pip). Both are read as plain text: no YAML library needed."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(.*)$")
NOT_PACKAGES = {"python", "pip"}  # conda needs these; pip gets them from the venv


def spec(text):
    """'numpy >= 2.0, <3' -> ('numpy', '<3,>=2.0'): name lower-cased, '_' as '-', ranges sorted."""
    match = REQUIREMENT.match(text.strip())
    assert match, f"cannot read the requirement {text!r}"
    name, ranges = match.groups()
    return re.sub(r"[-_.]+", "-", name).lower(), ",".join(sorted(r.replace(" ", "") for r in ranges.split(",") if r.strip()))


def requirements(text):
    """name -> version ranges of a requirements.txt."""
    lines = [line.split("#")[0].strip() for line in text.splitlines()]
    return dict(spec(line) for line in lines if line and not line.startswith("-"))


def conda_dependencies(text):
    """name -> version ranges of an environment.yml's `dependencies:` list (a pip: sub-list
    is read too). Only the subset of YAML these files use: '- item' lines under the key."""
    found, inside = {}, False
    for raw in text.splitlines():
        line = raw.split("#")[0].rstrip()
        if not line:
            continue
        if not raw.startswith((" ", "-")):  # a top-level key
            inside = line.strip() == "dependencies:"
            continue
        item = line.strip()
        if inside and item.startswith("- ") and not item.endswith(":"):
            name, ranges = spec(item[2:].strip().strip("'\""))
            if name not in NOT_PACKAGES:
                found[name] = ranges
    return found


def test_the_parsers_read_what_they_should():
    assert requirements("# c\nnumpy>=2.0,<3  # why\n\nNB_Val >= 0.11, <0.12\n") == {
        "numpy": "<3,>=2.0", "nb-val": "<0.12,>=0.11"}
    yml = "name: x\nchannels:\n  - conda-forge\ndependencies:\n  - python>=3.10\n  - pip\n  - numpy>=2.0,<3\n"
    assert conda_dependencies(yml) == {"numpy": "<3,>=2.0"}


def test_environment_yml_agrees_with_requirements_txt():
    pip = requirements((ROOT / "requirements.txt").read_text())
    conda = conda_dependencies((ROOT / "environment.yml").read_text())
    assert pip, "requirements.txt lists no packages"
    assert conda == pip, (
        f"only in requirements.txt: {sorted(set(pip) - set(conda))}; "
        f"only in environment.yml: {sorted(set(conda) - set(pip))}; "
        f"different ranges: {sorted(n for n in set(pip) & set(conda) if pip[n] != conda[n])}"
    )


def test_every_package_has_a_version_range():
    for name, ranges in requirements((ROOT / "requirements.txt").read_text()).items():
        assert ">=" in ranges and "<" in ranges.replace("<=", ""), f"{name}: no lower and upper bound ({ranges!r})"
