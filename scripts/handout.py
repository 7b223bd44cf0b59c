"""The learners' copy of the series: python scripts/handout.py DIR  (make handout DIR=path).

Writes into DIR, which must not exist or be empty, the files git holds at HEAD (the committed
series: uncommitted changes are not in it) except solutions/, and HANDOUT.md, a short guide for
learners. DIR may be outside any git clone or inside one (the teacher's, even): its make lab
and make test work in both places. Standard library and git only, so that a teacher can run it
before any set-up. Each file passes through `edit(path, data)`: the place to change what a
learner gets.

In a notebook, the lines a learner types sit between nbgrader's markers, in a code cell that
carries nbgrader's metadata (CONTRIBUTING.md, "Lines the learner types"):

    ### BEGIN SOLUTION
    Z1 = X1 @ W1  # X1 (N x 5) times W1 (5 x 2)
    ### END SOLUTION
    Z1 = exercises.typed("Z1", Z1, fwd.Z1, "nn.forward")

The handout keeps each marked line's name and comment and blanks the rest, `Z1 = ...  # X1
(N x 5) times W1 (5 x 2)`, drops the markers and the metadata, and clears the outputs and
execution counts of the blanked cells and of every cell after them that reads a name they
assign (found with ast, transitively), so that no output shows what the learner computes;
those cells get nbval's tag `nbval-ignore-output`, so that make test in the handout runs them
without comparing their outputs.
"""

import ast
import io
import json
import subprocess
import sys
import tarfile
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEFT_OUT = ("solutions/",)  # the exercises' solutions: the teacher's
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"  # nbgrader's markers (its defaults)
IGNORE = "nbval-ignore-output"  # the cell tag that tells nbval not to compare a cell's outputs
GUIDE = """\
# The series: your copy

Notebooks that walk through one small neural network by hand, after Ben Gorman's "Neural
Networks - A Worked Example". README.md describes the notebooks and the exercises.

    make lab     # sets up .venv once (Python 3.10 or newer), then opens JupyterLab on the notebooks

Start with `notebooks/00a_first_networks.ipynb`.

**The blanks.** From 03 on, the lines of numpy that the notebooks teach are yours to type. Each
is a blank such as

    Z1 = ...  # X1 (N x 5) times W1 (5 x 2)

whose comment gives the shapes. Replace `...` with the expression and run the cell: the line
after it checks yours against the helper the later notebooks call (`Z1 matches nn.forward's:
True`, or False and what is wrong: the shape, or where it is off, rows and columns counted
from 1). A blank you leave says `not typed yet` and lends the helper's value, so every cell
below still runs. The outputs that would show a blank's result are empty until you run them.

**The exercises.** Each is an `answer = ...` cell: replace `...` with your answer and run the
cell; `exercises.check` says what is right or wrong with it, never the answer itself. For a
hint, run `exercises.hint("03.1")` (with the exercise's id) in a cell of its own.

`make test` runs the series' own checks. The checks of the exercises' solutions need
solutions/, which stays with your teacher: they are skipped here, with that reason.
"""


class MarkerError(ValueError):
    """A marked region that breaks the convention (the message says where and how)."""


def split_comment(line):
    """(code, comment) of one line of Python: the comment with its #, or "" when it has none."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(line.strip() + "\n").readline))
    except (tokenize.TokenError, SyntaxError):
        return line.strip(), ""
    for t in tokens:
        if t.type == tokenize.COMMENT:
            return line.strip()[:t.start[1]].rstrip(), t.string
    return line.strip(), ""


def blank_line(line):
    """The blank of one marked line: `Z1 = X1 @ W1  # hint` -> `Z1 = ...  # hint` (its indent
    kept), else MarkerError saying what a marked line must be."""
    indent = line[:len(line) - len(line.lstrip())]
    code, comment = split_comment(line)
    try:
        statement = ast.parse(code).body
    except SyntaxError:
        statement = []
    targets = statement[0].targets if len(statement) == 1 and isinstance(statement[0], ast.Assign) else []
    names = [t for target in targets for t in (target.elts if isinstance(target, ast.Tuple) else [target])]
    if len(targets) != 1 or not all(isinstance(t, ast.Name) for t in names):
        raise MarkerError(f"the marked line {line.strip()!r} is not `NAME = expression  # hint`")
    if not comment:
        raise MarkerError(f"the marked line {line.strip()!r} has no hint: end it with `  # ` and the shapes")
    return f"{indent}{ast.get_source_segment(code, targets[0])} = ...  {comment}"


def marked(lines):
    """The indexes of the lines between the markers of one cell's lines, and of the marker
    lines themselves (MarkerError for a marker out of place). A line that holds nbgrader's
    delimiter anywhere counts as a marker, as nbgrader counts it."""
    inside, regions, markers = None, [], []
    for i, line in enumerate(lines):
        if "BEGIN SOLUTION" in line or "END SOLUTION" in line:
            begin = "BEGIN SOLUTION" in line
            if line.strip() != (BEGIN if begin else END):
                raise MarkerError(f"the line {line.strip()!r} holds a marker: a marker is a line of its own, "
                                  f"{BEGIN!r} or {END!r}")
            if begin == (inside is not None):
                raise MarkerError(f"{line.strip()!r} {'inside another region' if begin else 'without its BEGIN'}")
            if begin:
                inside = i
            else:
                if i == inside + 1:
                    raise MarkerError("an empty marked region")
                regions.extend(range(inside + 1, i))
                inside = None
            markers.append(i)
    if inside is not None:
        raise MarkerError(f"{BEGIN!r} without its {END!r}")
    return regions, markers


def blank_source(source):
    """(the cell's source with each marked line blanked and the markers dropped, the line
    numbers, counted from 1, of the marked lines in the original source)."""
    lines = source.splitlines(keepends=True)
    regions, markers = marked(lines)
    out = []
    for i, line in enumerate(lines):
        if i in regions:
            end = "\n" if line.endswith("\n") else ""
            out.append(blank_line(line.rstrip("\n")) + end)
        elif i not in markers:
            out.append(line)
    text = "".join(out)
    return text.rstrip("\n") if not source.endswith("\n") else text, [i + 1 for i in regions]


def names(node):
    """(the names a statement reads, the names it assigns); a name changed in place
    (x += 1, x[0] = 1, x.a = 1) is read too."""
    reads, writes = set(), set()
    for n in ast.walk(node):
        if isinstance(n, ast.Name):
            (reads if isinstance(n.ctx, ast.Load) else writes).add(n.id)
        elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            writes.add(n.name)
        elif isinstance(n, ast.alias):
            writes.add((n.asname or n.name).split(".")[0])
        elif isinstance(n, ast.AugAssign) and isinstance(n.target, ast.Name):
            reads.add(n.target.id)
    return reads, writes


def statements(source):
    """The cell's top-level statements as (first line, last line, node), or None when it is
    not plain Python (a magic, a syntax error)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    return [(s.lineno, s.end_lineno, s) for s in tree.body]


def learners_notebook(notebook):
    """The learners' edition of a notebook (a dict as json reads it; a new one is returned):
    marked lines blanked, markers and nbgrader metadata dropped, the outputs of blanked
    cells and of the cells that read what they assign cleared. Raises MarkerError naming the
    cell whose marks break the convention."""
    notebook = json.loads(json.dumps(notebook))
    tainted = set()  # the names whose value depends on a blank
    for number, cell in enumerate(notebook["cells"], 1):
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        try:
            blanked, lines = blank_source(source)
        except MarkerError as error:
            raise MarkerError(f"cell {number}: {error}") from None
        found = statements(source)
        clear = bool(lines)
        if found is None:  # not Python ast can read: it may read anything
            clear = clear or bool(tainted)
        for first, last, node in found or []:
            reads, writes = names(node)
            if any(first <= line <= last for line in lines) or reads & tainted:
                clear = clear or bool(reads & tainted)
                tainted |= writes
            else:
                tainted -= writes
        if lines:
            cell["source"] = blanked.splitlines(keepends=True)
            cell["metadata"].pop("nbgrader", None)
        if clear:  # nbval (make test in the handout) runs it without comparing what it shows
            cell["outputs"], cell["execution_count"] = [], None
            tags = cell["metadata"].setdefault("tags", [])
            tags += [IGNORE] if IGNORE not in tags else []
    return notebook


def edit(path, data):
    """What a learner gets of the file at path (its bytes, or None to leave it out)."""
    if path.startswith(LEFT_OUT):
        return None
    if path.endswith(".ipynb") and b"SOLUTION" in data:
        try:
            notebook = learners_notebook(json.loads(data))
        except MarkerError as error:
            raise SystemExit(f"make handout: {path}: {error}") from None
        return (json.dumps(notebook, sort_keys=True, indent=1, ensure_ascii=False) + "\n").encode()
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
    files = [(path, mode, edit(path, data)) for path, mode, data in files]  # every error before a file is written
    for path, mode, data in files:
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
