"""The learners' copy of the series: python scripts/handout.py DIR  (make handout DIR=path).

Writes into DIR, which must not exist or be empty, the files git holds at HEAD (the committed
series: uncommitted changes are not in it) except solutions/, and HANDOUT.md, a short guide for
learners. DIR may be outside any git clone or inside one (the teacher's, even): its make lab
and make test work in both places. Standard library and git only, so that a teacher can run it
before any set-up. Each file passes through `edit(path, data)`: the place to change what a
learner gets (e.g. blank the answers between solution markers)."""

import io
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEFT_OUT = ("solutions/",)  # the exercises' solutions: the teacher's
GUIDE = """\
# The series: your copy

Notebooks that walk through one small neural network by hand, after Ben Gorman's "Neural
Networks - A Worked Example". README.md describes the notebooks and the exercises.

    make lab     # sets up .venv once (Python 3.10 or newer), then opens JupyterLab on the notebooks

Start with `notebooks/00a_first_networks.ipynb`. Each exercise is an `answer = ...` cell:
replace `...` with your answer and run the cell after it; `exercises.check` tells you what is
right or wrong with it.

`make test` runs the series' own checks. The checks of the exercises' solutions need
solutions/, which stays with your teacher: they are skipped here, with that reason.
"""


def edit(path, data):
    """What a learner gets of the file at path (its bytes, or None to leave it out)."""
    if path.startswith(LEFT_OUT):
        return None
    return data


def committed_files():
    """(path, mode, bytes) of every file git holds at HEAD in ROOT, else SystemExit saying why."""
    done = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", "HEAD"], capture_output=True)
    if done.returncode != 0:
        raise SystemExit(f"make handout: {ROOT} is not a git clone with a commit ({done.stderr.decode().strip()}); "
                         "the handout is the committed series (git archive HEAD)")
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as archive:
        return [(m.name, m.mode, archive.extractfile(m).read()) for m in archive.getmembers() if m.isfile()]


def write(target, files):
    """Write files into target, which must not exist or be empty."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        what = "a folder that is not empty" if target.is_dir() else "a file"
        raise SystemExit(f"make handout: {target} is {what}; name a new folder, e.g. DIR=../handout")
    for path, mode, data in files:
        data = edit(path, data)
        if data is not None:
            (target / path).parent.mkdir(parents=True, exist_ok=True)
            (target / path).write_bytes(data)
            (target / path).chmod(mode & 0o777)
    (target / "HANDOUT.md").write_text(GUIDE)


def main(argv):
    if len(argv) != 1:
        raise SystemExit("usage: python scripts/handout.py DIR   (make handout DIR=path)")
    target = Path(argv[0]).expanduser().absolute()
    write(target, committed_files())
    changed = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                             capture_output=True, text=True).stdout
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    print(f"make handout: wrote {target}: the series at {head.stdout.strip()} without {', '.join(LEFT_OUT)}")
    if changed:
        print("make handout: uncommitted changes are not in it (it is the last commit); commit them first to include them")


if __name__ == "__main__":
    main(sys.argv[1:])
