"""The notebooks as a learner reads them: code prints, markdown states (every number in the prose is
shown by a code cell above it), code lines fit a narrow pane, every notebook opens and closes the
same way, one notation, no helper source printed as the explanation.

nbval (make test) re-executes the notebooks and compares their outputs; these tests read the
recorded notebooks as files."""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PATHS = sorted((ROOT / "notebooks").glob("*.ipynb"))
# A learner's copy (make handout: no solutions/) has the outputs of its blanks, and of the cells
# that read them, emptied: its recorded outputs are checked in the teacher's copy.
recorded = pytest.mark.skipif(not (ROOT / "solutions").is_dir(), reason=(
    "the recorded outputs are checked in the teacher's copy: a learner's copy (make handout) has the outputs of its blanks emptied"))
NAMES = [p.stem for p in PATHS]
NOTATION = "02_network_and_weights.ipynb#Notation"

# Numbers a notebook's prose may state without a cell above printing them: the givens of the
# problem (a sign does not matter). Numbers typed in the notebook's code are settings and count too.
GIVENS = {
    "0.1",  # the article's step size
    "0.01",  # the article's initial weights are drawn from [-0.01, 0.01]
    "255",  # the largest pixel intensity
    "150",  # the rule's threshold for a dark pixel (150-255); a light one is 0-10
    "400", "100", "500",  # training images, test images, both
    "1797",  # the handwritten digits
}
YEAR = re.compile(r"(19|20)\d\d")  # years: of the article, of a data set
# A decimal number, or a whole number of three digits or more (with or without thousands commas),
# not inside a LaTeX sub- or superscript, a word or a link.
NUMBER = re.compile(r"(?<![\w.^_{\\])-?(?:\d{1,3}(?:,\d{3})+|\d+\.\d+|\d{3,})(?![\w]|\.\d|[\w.]*\})")


def load(path):
    return json.loads(path.read_text())


def source(cell):
    return "".join(cell["source"])


def outputs_text(cell):
    """What a code cell shows as text: its outputs."""
    parts = []
    for out in cell.get("outputs", []):
        parts.append("".join(out.get("text", "")))
        for mime, value in out.get("data", {}).items():
            if mime.startswith("text/"):
                parts.append("".join(value) if isinstance(value, list) else value)
    return "\n".join(parts)


def shown_before(nb):
    """For each cell, what the prose there may state: the outputs of the code cells above it, and
    the notebook's code (numbers typed there are settings, not measurements: "10_000" is 10000)."""
    code = "\n".join(source(c) for c in nb["cells"] if c["cell_type"] == "code")
    seen, parts = [], [re.sub(r"(?<=\d)_(?=\d)", "", code)]
    for cell in nb["cells"]:
        seen.append("\n".join(parts))
        if cell["cell_type"] == "code":
            parts.append(outputs_text(cell))
    return seen


def appears(number, text):
    """Whether number is in text as a whole number: 0.88 is not in 0.8850, nor 150 in 1500."""
    return re.search(rf"(?<![\d.]){re.escape(number)}(?![\d]|\.\d)", text) is not None


def prose_numbers(text):
    text = re.sub(r"\]\([^)]*\)", "]", text)  # link targets are not prose
    text = re.sub(r"`[^`]*`", "", text)  # nor is code in backticks
    text = re.sub(r"(?i)exercise \d\d[ab]?\.\d", "", text)  # nor an exercise's name
    return NUMBER.findall(text)


@pytest.mark.parametrize("path", PATHS, ids=NAMES)
@recorded
def test_every_number_in_the_prose_is_a_given_or_shown_above_it(path):
    nb = load(path)
    missing = []
    for index, (cell, shown) in enumerate(zip(nb["cells"], shown_before(nb))):
        if cell["cell_type"] != "markdown":
            continue
        for number in prose_numbers(source(cell)):
            plain = number.replace(",", "")
            given = plain.lstrip("-") in GIVENS or YEAR.fullmatch(plain)
            if given or appears(number, shown) or appears(plain, shown):
                continue
            missing.append(f"cell {index}: {number}")
    assert not missing, (f"{path.name}: numbers in the prose that are neither givens nor printed above them "
                         f"nor typed in code: {', '.join(missing)}")


def test_a_number_shown_only_below_the_prose_does_not_count():
    nb = {"cells": [{"cell_type": "markdown", "source": "the loss is 0.693"},
                    {"cell_type": "code", "source": "print(loss(epochs=10_000))",
                     "outputs": [{"output_type": "stream", "name": "stdout", "text": "0.693\n"}]},
                    {"cell_type": "markdown", "source": "still 0.693"}]}
    seen = shown_before(nb)
    assert not appears("0.693", seen[0]) and appears("0.693", seen[2])
    assert appears("10000", seen[0]), "numbers typed in code are settings, wherever they are typed"


def test_a_number_counts_only_whole():
    assert appears("0.88", "test accuracy 0.88\n") and appears("-4.20", "z: -4.20")
    assert not appears("0.88", "accuracy 0.8850") and not appears("150", "1500 epochs")
    assert not appears("0.88", "10.88") and not appears("0.5", "0.5.1")


def test_the_prose_number_scanner_finds_what_it_should():
    found = prose_numbers("loss 0.693 and 1,347 images, 2,000 epochs; $w^1_{01}$, $10^{-13}$, x_{255}, "
                          "[a](02_x.ipynb#1.5) and `0.25`; 12 of 97; Exercise 10.2, exercise 00b.1")
    assert found == ["0.693", "1,347", "2,000"]


@pytest.mark.parametrize("path", PATHS, ids=NAMES)
def test_opens_and_closes_the_same_way(path):
    cells = load(path)["cells"]
    first, last = source(cells[0]), source(cells[-1])
    assert cells[0]["cell_type"] == "markdown" and re.match(rf"# {path.stem[:path.stem.index('_')]} \S", first), \
        f"{path.name} must open with '# <number> <title>'"
    assert len(first.split("\n\n")) >= 2, f"{path.name}: the title needs a paragraph on what the notebook computes"
    assert cells[-1]["cell_type"] == "markdown" and "## What changed" in last, \
        f"{path.name} must close with a '## What changed' recap"
    later = NAMES[NAMES.index(path.stem) + 1:]
    if later:
        assert f"({later[0]}.ipynb)" in last, f"{path.name}'s last cell must link to {later[0]}.ipynb"


@pytest.mark.parametrize("path", [p for p in PATHS if p.stem[:2] >= "03"], ids=lambda p: p.stem)
def test_links_to_the_notation_card(path):
    text = "".join(source(c) for c in load(path)["cells"] if c["cell_type"] == "markdown")
    assert NOTATION in text, f"{path.name} must link to the notation card ({NOTATION})"


def test_the_notation_card_is_in_02():
    cells = load(ROOT / "notebooks" / "02_network_and_weights.ipynb")["cells"]
    assert any(re.match(r"## Notation\s*$", source(c).splitlines()[0]) for c in cells if c["cell_type"] == "markdown")


@pytest.mark.parametrize("path", PATHS, ids=NAMES)
def test_one_notation_and_no_helper_source_as_explanation(path):
    cells = load(path)["cells"]
    prose = "\n".join(source(c) for c in cells if c["cell_type"] == "markdown")
    code = "\n".join(source(c) for c in cells if c["cell_type"] == "code")
    assert "\\eta" not in prose and "η" not in prose, f"{path.name}: the step size is alpha everywhere"
    assert not re.search(r"\\log(?![a-z])", prose), f"{path.name}: the natural log is written \\ln"
    assert "getsource" not in code, f"{path.name} prints a helper's source: type the equation instead"
    assert not re.search(r"\b(?:nn|training|optim|data|gradcheck|plots|display|playground|prelude|exercises)\._\w",
                         code), f"{path.name} uses a private name"


@pytest.mark.parametrize("path", PATHS, ids=NAMES)
@recorded
def test_saved_executed_top_to_bottom_without_errors_or_stderr(path):
    counts, problems = [], []
    for cell in load(path)["cells"]:
        if cell["cell_type"] == "code" and source(cell).strip():
            counts.append(cell.get("execution_count"))
            for out in cell.get("outputs", []):
                if out["output_type"] == "error" or out.get("name") == "stderr":
                    problems.append(out.get("ename") or "".join(out.get("text", ""))[:80])
    assert counts == list(range(1, len(counts) + 1)), f"{path.name}: not run top to bottom in a fresh kernel"
    assert not problems, f"{path.name}: {problems}"


MAX_LINE = 79  # as PEP 8: a line fits a narrow JupyterLab pane and the site's code blocks


@pytest.mark.parametrize("path", PATHS, ids=NAMES)
def test_code_lines_are_short(path):
    long = [f"cell {index}: {len(line)} characters: {line.strip()[:40]}"
            for index, cell in enumerate(load(path)["cells"]) if cell["cell_type"] == "code"
            for line in source(cell).splitlines() if len(line) > MAX_LINE]
    assert not long, f"{path.name}: code lines over {MAX_LINE} characters: " + "; ".join(long)


@pytest.mark.parametrize("path", PATHS, ids=NAMES)
def test_code_writes_no_prose(path):
    # Code prints, markdown states: no cell builds markdown, no code is hidden from the reader.
    for index, cell in enumerate(load(path)["cells"]):
        if cell["cell_type"] == "code":
            assert "Markdown(" not in source(cell), f"{path.name} cell {index} builds markdown in Python"
            hidden = (cell["metadata"].get("jupyter", {}).get("source_hidden")
                      or "hide-input" in cell["metadata"].get("tags", []))
            assert not hidden, f"{path.name} cell {index}: its code is hidden from the reader"
