"""The learners' edition (scripts/handout.py, make handout): the lines a learner types, marked
in the series with nbgrader's markers, become blanks with their hints; the outputs that would
show what a blank computes are cleared; the handout runs top to bottom; filling each blank with
its marked line gives the series back; nbgrader's generate_assignment blanks the same lines; no
recorded output of the series shows a hint, or an exercise's answer before the exercise.

The first tests work on small notebooks made here; the series' own are checked after them (in
the teacher's copy only: a handout holds blanks, not marks). make test-nbgrader runs the
nbgrader test with nbgrader from its own environment (NBGRADER_PYTHON); make test skips it."""

import copy
import importlib.util
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from helpers import exercises

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("handout", ROOT / "scripts" / "handout.py")
handout = importlib.util.module_from_spec(spec)
spec.loader.exec_module(handout)

TEACHERS = (ROOT / "solutions").is_dir()  # a handout has blanks, not marks, and no solutions/
SERIES = sorted((ROOT / "notebooks").glob("*.ipynb"))
MUST_BE_MARKED = ["03_forward_pass", "07_weight_update"]  # at least these (issue 19)
NBGRADER = {"solution": True, "grade": False, "locked": False, "task": False, "schema_version": 3}
ASSIGNMENT = re.compile(r"^(\s*)(\w+(?:, \w+)*) = (.+?)(  # .+)$")  # a marked line: NAME = expr  # hint


def source(cell):
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def code(text, outputs=(), count=None, **metadata):
    lines = text.splitlines(keepends=True)
    return {"cell_type": "code", "execution_count": count, "id": f"c{count}", "metadata": metadata,
            "outputs": [{"name": "stdout", "output_type": "stream", "text": t} for t in outputs],
            "source": lines}


def marked_cell(text, outputs, count, grade_id):
    return code(text, outputs, count, nbgrader={**NBGRADER, "grade_id": grade_id})


def notebook(*cells):
    return {"cells": list(cells), "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python",
                                                              "name": "python3"}},
            "nbformat": 4, "nbformat_minor": 5}


def fixture_notebook():
    return notebook(
        {"cell_type": "markdown", "id": "m1", "metadata": {}, "source": ["# Z1 = X1 @ W1\n"]},
        code("import numpy as np\nX1, W1 = np.ones((4, 5)), np.ones((5, 2))", ["set up\n"], 1),
        marked_cell("### BEGIN SOLUTION\nZ1 = X1 @ W1  # X1 (N x 5) times W1 (5 x 2)\n### END SOLUTION\n"
                    "print(Z1.sum())", ["40.0\n"], 2, "t-Z1"),
        code("other = X1.sum()\nprint(other)", ["20.0\n"], 3),               # reads no blank: kept
        code("S = 1 / (1 + np.exp(-Z1))\nprint(S.shape)", ["(4, 2)\n"], 4),  # reads Z1: cleared
        code("def f():\n    return S.max()\nprint(1)", ["1\n"], 5),          # reads S in f: cleared
        code("print(f())", ["0.99\n"], 6),                                   # f reads S: cleared
        code("Z1 = np.zeros(2)\nprint(Z1)", ["[0. 0.]\n"], 7),               # Z1 anew: kept
        code("print(Z1)", ["[0. 0.]\n"], 8),                                 # that Z1: kept
        marked_cell("for i in range(2):\n    ### BEGIN SOLUTION\n    a, b = i, i + 1  # two numbers\n"
                    "    ### END SOLUTION\n    print(a + b)", ["1\n3\n"], 9, "t-ab"),
        code("W1 += 1\nprint(W1[0, 0])", ["2.0\n"], 10),                     # in place: kept
        code("answer = ...  # your answer\nprint(answer)", ["Ellipsis\n"], 11),
    )


# --- blanking a notebook made here ----------------------------------------------------------------


def test_marked_lines_become_blanks_with_their_hints_and_dependent_outputs_are_cleared():
    series = fixture_notebook()
    learners = handout.learners_notebook(series)
    assert series == fixture_notebook(), "the series' notebook was changed"
    cells = learners["cells"]
    assert source(cells[2]) == "Z1 = ...  # X1 (N x 5) times W1 (5 x 2)\nprint(Z1.sum())"
    assert source(cells[9]) == "for i in range(2):\n    a, b = ...  # two numbers\n    print(a + b)"
    assert [source(c) for i, c in enumerate(cells) if i not in (2, 9)] == \
           [source(c) for i, c in enumerate(series["cells"]) if i not in (2, 9)]
    cleared = [i for i, c in enumerate(cells) if c["cell_type"] == "code" and not c["outputs"]]
    assert cleared == [2, 4, 5, 6, 9]  # 5 defines f, which reads S: ast cannot tell that print(1) does not
    for i, (new, old) in enumerate(zip(cells, series["cells"])):
        if i in cleared:
            assert new["execution_count"] is None and new["metadata"]["tags"] == ["nbval-ignore-output"], i
            assert "nbgrader" not in new["metadata"], i
        else:
            assert new == old, i


def test_the_learners_notebook_is_written_as_jupyter_writes_it():
    series = json.dumps(fixture_notebook(), sort_keys=True, indent=1, ensure_ascii=False) + "\n"
    data = handout.edit("notebooks/t.ipynb", series.encode())
    assert data.decode() == json.dumps(handout.learners_notebook(fixture_notebook()), sort_keys=True,
                                       indent=1, ensure_ascii=False) + "\n"
    plain = json.dumps(notebook(code("x = 1", ["1\n"], 1)), sort_keys=True, indent=1) + "\n"
    assert handout.edit("notebooks/u.ipynb", plain.encode()) == plain.encode()
    assert handout.edit("solutions/03_forward_pass.py", b"x") is None
    assert handout.edit("README.md", b"SOLUTION") == b"SOLUTION"


@pytest.mark.parametrize("text, problem", [
    ("### BEGIN SOLUTION\nZ1 = X1 @ W1\n### END SOLUTION", "'Z1 = X1 @ W1' has no hint"),
    ("### BEGIN SOLUTION\nfor i in x:  # a loop\n### END SOLUTION", "is not `NAME = expression  # hint`"),
    ("### BEGIN SOLUTION\nZ1[0] = 1  # a number\n### END SOLUTION", "is not `NAME = expression  # hint`"),
    ("### BEGIN SOLUTION\nZ1 = X1 @ W1  # shapes", "'### BEGIN SOLUTION' without its '### END SOLUTION'"),
    ("Z1 = X1 @ W1  # shapes\n### END SOLUTION", "'### END SOLUTION' without its BEGIN"),
    ("### BEGIN SOLUTION\n### END SOLUTION", "an empty marked region"),
    ("x = 1  ### BEGIN SOLUTION", "holds a marker: a marker is a line of its own"),
])
def test_marks_that_break_the_convention_stop_make_handout_naming_the_cell(text, problem):
    series = notebook(code("x = 1", [], 1), marked_cell(text, [], 2, "t-1"))
    with pytest.raises(SystemExit, match=re.escape(f"make handout: notebooks/t.ipynb: cell 2: ") + ".*"
                       + re.escape(problem)):
        handout.edit("notebooks/t.ipynb", json.dumps(series).encode())


def test_write_blanks_the_notebooks_leaves_solutions_out_and_writes_a_guide(tmp_path):
    series = json.dumps(fixture_notebook()).encode()
    files = [("notebooks/t.ipynb", 0o644, series), ("solutions/t.py", 0o644, b"Z1 = X1 @ W1"),
             ("Makefile", 0o644, b"all:\n")]
    handout.write(tmp_path / "h", files)
    written = sorted(str(p.relative_to(tmp_path / "h")) for p in (tmp_path / "h").rglob("*") if p.is_file())
    assert written == ["HANDOUT.md", "Makefile", "notebooks/t.ipynb"]
    assert "X1 @ W1" not in source(json.loads((tmp_path / "h" / "notebooks" / "t.ipynb").read_text())["cells"][2])
    guide = (tmp_path / "h" / "HANDOUT.md").read_text()
    assert "Z1 = ...  # X1 (N x 5) times W1 (5 x 2)" in guide and 'exercises.hint("03.1")' in guide
    bad = json.dumps(notebook(marked_cell("### BEGIN SOLUTION\nx = 1\n### END SOLUTION", [], 1, "t"))).encode()
    with pytest.raises(SystemExit, match="has no hint"):
        handout.write(tmp_path / "bad", [("README.md", 0o644, b"r"), ("notebooks/b.ipynb", 0o644, bad)])
    assert not (tmp_path / "bad").exists() or not any((tmp_path / "bad").iterdir()), "half a handout written"


# --- the series' marks ---------------------------------------------------------------------------

teachers_only = pytest.mark.skipif(not TEACHERS, reason="the series' marks are in the teacher's copy: a "
                                                        "handout (make handout) holds the blanks")


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def marked_notebooks():
    return [p for p in SERIES if "### BEGIN SOLUTION" in p.read_text(encoding="utf-8")]


MARKED = marked_notebooks()


def regions(cell):
    """The marked lines of a cell's source, in order."""
    lines, inside, found = source(cell).splitlines(), False, []
    for line in lines:
        if line.strip() in (handout.BEGIN, handout.END):
            inside = line.strip() == handout.BEGIN
        elif inside:
            found.append(line)
    return found


@teachers_only
def test_03_and_07_are_marked_and_every_marked_cell_carries_nbgraders_metadata():
    assert {p.stem for p in MARKED} >= set(MUST_BE_MARKED)
    for path in SERIES:
        ids = []
        for number, cell in enumerate(load(path)["cells"], 1):
            meta = cell["metadata"].get("nbgrader")
            has_marks = "SOLUTION" in source(cell)
            where = f"{path.name}, cell {number}"
            assert cell["cell_type"] == "code" or not has_marks, f"{where}: marks in a markdown cell"
            assert has_marks == (meta is not None), (
                f"{where}: nbgrader's metadata and the markers go together (a solution cell without "
                "markers is blanked whole by nbgrader)")
            if meta is not None:
                assert {k: v for k, v in meta.items() if k != "grade_id"} == NBGRADER, where
                assert re.fullmatch(rf"{path.stem[:3].rstrip('_')}-\w+", meta["grade_id"]), where
                ids.append(meta["grade_id"])
        assert len(ids) == len(set(ids)), f"{path.name}: grade_id repeated: {ids}"


@teachers_only
@pytest.mark.parametrize("path", MARKED, ids=[p.stem for p in MARKED])
def test_each_marked_line_is_checked_by_exercises_typed_right_after_its_region(path):
    for number, cell in enumerate(load(path)["cells"], 1):
        where, names, checks = f"{path.name}, cell {number}", [], []
        lines = source(cell).splitlines()
        for index, line in enumerate(lines):
            if line.strip() == handout.BEGIN:
                names = []
            elif line.strip() == handout.END:
                checks.append((names, lines[index + 1:index + 1 + len(names)]))
            elif line in regions(cell):
                match = ASSIGNMENT.match(line)
                assert match, f"{where}: {line!r} is not `NAME = expression  # hint`"
                assert match.group(3) not in match.group(4), f"{where}: the hint of {line!r} gives the answer"
                names += match.group(2).split(", ")
        for names, after in checks:
            for name, line in zip(names, after + [""] * len(names)):
                assert re.match(rf'^\s*{name} = exercises\.typed\("{name}", {name},', line), (
                    f"{where}: the marked {name} is not followed by `{name} = exercises.typed(\"{name}\", "
                    f"{name}, ...)`, but by {line!r}")


@teachers_only
@pytest.mark.parametrize("path", MARKED, ids=[p.stem for p in MARKED])
def test_filling_every_blank_with_its_marked_line_gives_the_series_back(path):
    series = load(path)
    learners = handout.learners_notebook(series)
    blanks = 0
    for number, (old, new) in enumerate(zip(series["cells"], learners["cells"], strict=True), 1):
        marked = regions(old)
        want = [line for line in source(old).splitlines() if line.strip() not in (handout.BEGIN, handout.END)]
        have = source(new).splitlines()
        assert len(have) == len(want), f"{path.name}, cell {number}"
        filled = []
        for mine, theirs in zip(have, want):
            if theirs in marked:
                indent, names, _, hint = ASSIGNMENT.match(theirs).groups()
                assert mine == f"{indent}{names} = ...{hint}", f"{path.name}, cell {number}: {mine!r}"
                mine, blanks = theirs, blanks + 1
            filled.append(mine)
        assert filled == want, f"{path.name}, cell {number}"
        assert not marked or not new["outputs"], f"{path.name}, cell {number}: a blanked cell keeps its outputs"
    assert blanks == sum(len(regions(c)) for c in series["cells"]) > 0


def exercise_cells(cells):
    """{exercise id: the index of the cell that checks it}."""
    found = {}
    for index, cell in enumerate(cells):
        for i in re.findall(r"exercises\.check\(\s*[\"']([\w.]+)[\"']", source(cell)):
            found[i] = index
    return found


def shown(cell):
    """What a code cell's recorded outputs show, as text."""
    parts = []
    for out in cell.get("outputs", []):
        parts.append("".join(out.get("text", "")))
        for value in out.get("data", {}).values():
            parts.append("".join(value) if isinstance(value, list) else str(value))
    return "\n".join(parts)


@teachers_only
@pytest.mark.parametrize("path", SERIES, ids=[p.stem for p in SERIES])
def test_no_recorded_output_shows_a_hint(path):
    text = "\n".join(shown(c) for c in load(path)["cells"] if c["cell_type"] == "code")
    found = [i for i, e in exercises.EXERCISES.items() if e.hint in text or f"{i} hint:" in text]
    assert not found, f"{path.name}: the recorded outputs show the hints of {found}"


def numbers_of(answer):
    """An answer's entries as the series prints them (5 decimals), or [] when it is not a
    matrix of fractions (a count, a letter, a function: nothing to look for)."""
    try:
        A = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return []
    if A.size < 2 or np.all(A == np.round(A)):
        return []
    return [f"{x:.5f}" for x in A.ravel() + 0.0]


WITH_SOLUTIONS = [p for p in SERIES if (ROOT / "solutions" / f"{p.stem}.py").exists()]


@teachers_only
@pytest.mark.parametrize("path", WITH_SOLUTIONS, ids=[p.stem for p in WITH_SOLUTIONS])
def test_no_recorded_output_shows_an_exercises_answer_before_the_exercise(path):
    solutions = importlib.import_module(f"solutions.{path.stem}").SOLUTIONS
    cells = load(path)["cells"]
    given = []
    for i, index in exercise_cells(cells).items():
        entries = numbers_of(solutions[i]())
        before = [shown(c) for c in cells[:index] if c["cell_type"] == "code"]
        if entries and any(all(e in text for e in entries) for text in before):
            given.append(i)
    assert not given, f"{path.name}: an output above the exercise shows every entry of the answer of {given}"


def test_an_answer_shown_above_its_exercise_is_found():
    cells = [code("print('[ 0.12346  -0.50000 ]')", ["[ 0.12346  -0.50000 ]\n"], 1),
             code('answer = ...\nexercises.check("99.1", answer)', [], 2)]
    entries = numbers_of(np.array([[0.123456, -0.5]]))
    assert exercise_cells(cells) == {"99.1": 1}
    assert all(e in shown(cells[0]) for e in entries)
    assert numbers_of(12) == numbers_of("a") == numbers_of(np.array([1.0, 2.0])) == []


# --- the handout runs -------------------------------------------------------------------------------


@teachers_only
@pytest.mark.slow  # a kernel per notebook: about 5 s each
@pytest.mark.parametrize("path", MARKED, ids=[p.stem for p in MARKED])
def test_the_handout_runs_top_to_bottom_with_its_blanks_untouched(path, tmp_path):
    nbclient = pytest.importorskip("nbclient")
    import nbformat

    series = load(path)
    learners = handout.learners_notebook(series)
    nb = nbformat.reads(json.dumps(learners), as_version=4)
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(ROOT / "notebooks")}})
    client.execute()
    problems, not_typed = [], []
    for number, cell in enumerate(nb.cells, 1):
        if cell.cell_type != "code":
            continue
        for out in cell.outputs:
            if out.output_type == "error" or out.get("name") == "stderr":
                problems.append(f"cell {number}: {out.get('ename') or out.get('text', '')[:200]}")
        not_typed += re.findall(r"^(\w+): not typed yet \(using .+'s \1 so that the cells below run\)$",
                                shown(cell), re.M)
    assert not problems, f"{path.name}: " + "; ".join(problems)
    assert [source(c) for c in nb.cells] == [source(c) for c in learners["cells"]], "a blank was changed"
    blanks = [n for c in series["cells"] for line in regions(c) for n in ASSIGNMENT.match(line).group(2).split(", ")]
    assert not_typed == blanks


# --- nbgrader -----------------------------------------------------------------------------------------

STUB = "<<BLANK>>"


def nbgrader_python():
    """nbgrader's Python: NBGRADER_PYTHON (make test-nbgrader sets it), or .venv-nbgrader's."""
    named = os.environ.get("NBGRADER_PYTHON")
    if named:
        return Path(named).absolute()  # not resolved: the venv's python, not the one it links to
    found = ROOT / ".venv-nbgrader" / "bin" / "python"
    if not found.exists():
        pytest.skip("nbgrader is not in the project's environment: make test-nbgrader installs it in "
                    ".venv-nbgrader and runs this test")
    return found


def with_stub(series_cell, learners_cell):
    """The learners' cell with each blanked region replaced by STUB (as nbgrader replaces it)."""
    lines, have = source(series_cell).splitlines(), source(learners_cell).splitlines()
    out, j, inside = [], 0, False
    for line in lines:
        if line.strip() == handout.BEGIN:
            out.append(line[:len(line) - len(line.lstrip())] + STUB)
            inside = True
        elif line.strip() == handout.END:
            inside = False
        else:
            if not inside:
                out.append(have[j])
            j += 1
    return "\n".join(out)


@teachers_only
@pytest.mark.slow  # nbgrader's start-up: about 10 s
def test_nbgrader_generate_assignment_blanks_the_same_lines(tmp_path):
    python = nbgrader_python()
    course = tmp_path / "course"
    (course / "source" / "series").mkdir(parents=True)
    for path in MARKED:
        shutil.copy(path, course / "source" / "series" / path.name)
    (course / "nbgrader_config.py").write_text(f"c = get_config()\nc.CourseDirectory.root = {str(course)!r}\n"
                                               f"c.ClearSolutions.code_stub = {{'python': {STUB!r}}}\n")
    env = {**os.environ, "PATH": f"{python.parent}{os.pathsep}{os.environ['PATH']}"}  # it runs alembic
    done = subprocess.run([str(python), "-m", "nbgrader", "generate_assignment", "series"], cwd=course, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    for path in MARKED:
        series = load(path)
        released = load(course / "release" / "series" / path.name)
        learners = handout.learners_notebook(series)
        for number, (old, theirs, mine) in enumerate(zip(series["cells"], released["cells"], learners["cells"],
                                                         strict=True), 1):
            if "SOLUTION" in source(old):
                assert source(theirs) == with_stub(old, mine), f"{path.name}, cell {number}"
            else:
                assert source(theirs) == source(mine) == source(old), f"{path.name}, cell {number}"


def test_with_stub_puts_nbgraders_stub_where_the_blanks_are():
    series = fixture_notebook()
    learners = handout.learners_notebook(copy.deepcopy(series))
    assert with_stub(series["cells"][2], learners["cells"][2]) == f"{STUB}\nprint(Z1.sum())"
    assert with_stub(series["cells"][9], learners["cells"][9]) == f"for i in range(2):\n    {STUB}\n    print(a + b)"
