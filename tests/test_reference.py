"""Every matrix of the article's worked example, recomputed by helpers/, equals the reference.

The reference, data/article_worked_example.json, holds the numbers as the article prints them
(5 decimals). Here they are recomputed from the article's sample (training images 1-4) and its
printed initial weights, and compared after rounding to 5 decimals. The last test checks that
the recorded notebook outputs show every one of them.
"""

import json
import re

import numpy as np
import pytest

from helpers import data, nn, optim
from tests.conftest import REFERENCE, ROOT

KEYS = sorted(REFERENCE)
NOTEBOOKS = sorted((ROOT / "notebooks").glob("0[1-7]_*.ipynb"))


def computed():
    """Every reference key, computed with helpers from the article's sample and weights."""
    sample = data.article_sample()
    W1, W2 = data.article_weights()
    X1, Y = nn.add_bias(sample.X), sample.Y
    stepsize = 0.1
    fwd = nn.forward(X1, W1, W2)
    CE = nn.cross_entropy(fwd.Yhat, Y)
    dCE1 = nn.backward(X1[:1], Y[:1], W2, nn.forward(X1[:1], W1, W2))  # sample 1 alone
    grad = nn.backward(X1, Y, W2, fwd)
    W1_new, W2_new = optim.update(W1, grad.W1, stepsize), optim.update(W2, grad.W2, stepsize)
    CE_new = nn.cross_entropy(nn.forward(X1, W1_new, W2_new).Yhat, Y)
    dCE1_dYhat1 = -Y[0] / fwd.Yhat[0]  # step 1: d(-sum y log yhat)/d yhat
    dYhat1_dZ2_1 = nn.softmax_jacobian(fwd.Yhat[0])
    return {
        "X1": X1, "Y": Y, "W1": W1, "W2": W2, "stepsize": stepsize,
        "Z1": fwd.Z1, "X2": fwd.X2, "Z2": fwd.Z2, "Yhat": fwd.Yhat,
        "CE": CE, "CE_mean": CE.mean(),
        "dCE1_dYhat1": dCE1_dYhat1,
        "dYhat1_dZ2_1": dYhat1_dZ2_1,
        # step 3 through the chain rule, not through backward's shortcut Yhat - Y
        "dCE1_dZ2_1": dCE1_dYhat1 @ dYhat1_dZ2_1,
        "dCE1_dW2": dCE1.W2, "dCE1_dX2_1": dCE1.X2[0], "dCE1_dZ1_1": dCE1.Z1[0], "dCE1_dW1": dCE1.W1,
        "grad_Z2": grad.Z2, "grad_X2": grad.X2, "grad_Z1": grad.Z1, "grad_W2": grad.W2, "grad_W1": grad.W1,
        "W1_updated": W1_new, "W2_updated": W2_new,
        "CE_after_update": CE_new, "CE_mean_after_update": CE_new.mean(),
    }


COMPUTED = computed()


def test_every_reference_key_is_computed():
    assert sorted(COMPUTED) == KEYS


@pytest.mark.parametrize("key", KEYS)
def test_matches_the_article_to_5_decimals(key):
    got, want = np.asarray(COMPUTED[key], dtype=float), np.asarray(REFERENCE[key], dtype=float)
    assert got.shape == want.shape, f"{key}: shape {got.shape}, reference {want.shape}"
    np.testing.assert_array_equal(np.round(got, 5) + 0.0, want + 0.0, err_msg=key)


def test_backward_step_3_is_the_chain_rule_product():
    """backward's Yhat - Y for sample 1 is steps 1 and 2 multiplied, not just rounded alike."""
    X1, W1, W2 = COMPUTED["X1"][:1], COMPUTED["W1"], COMPUTED["W2"]
    dCE1 = nn.backward(X1, COMPUTED["Y"][:1], W2, nn.forward(X1, W1, W2))
    np.testing.assert_allclose(dCE1.Z2[0], COMPUTED["dCE1_dZ2_1"], rtol=1e-12)


def test_the_per_sample_rows_are_sample_1s_partials():
    """Row 1 of the all-samples partials is what backward gives for sample 1 alone."""
    np.testing.assert_allclose(COMPUTED["grad_Z2"][0], COMPUTED["dCE1_dZ2_1"], rtol=1e-12)
    np.testing.assert_allclose(COMPUTED["grad_X2"][0], COMPUTED["dCE1_dX2_1"], rtol=1e-12)
    np.testing.assert_allclose(COMPUTED["grad_Z1"][0], COMPUTED["dCE1_dZ1_1"], rtol=1e-12)


def test_reference_inputs_are_the_projects_data():
    """The reference's stepsize and weights are those stored in data/article_weights.json."""
    saved = json.loads((ROOT / "data" / "article_weights.json").read_text())
    assert REFERENCE["stepsize"] == saved["stepsize"]
    assert REFERENCE["W1"] == saved["W1"] and REFERENCE["W2"] == saved["W2"]


# --- the recorded notebooks show every reference matrix ---------------------------------

NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def shown_rows(path):
    """Each text/plain output of a notebook as a list of rows, each row a list of numbers."""
    outputs = []
    for cell in json.loads(path.read_text())["cells"]:
        for out in cell.get("outputs", []):
            text = out.get("data", {}).get("text/plain") or out.get("text") or ""
            text = "".join(text) if isinstance(text, list) else text
            rows = [[float(x) for x in NUMBER.findall(line)] for line in text.splitlines()]
            # drop a matrix's heading, e.g. "Z^1 (4x2)"; keep a "name = value" line's value
            outputs.append([r for line, r in zip(text.splitlines(), rows)
                            if r and not re.search(r"\(\d+x\d+\)\s*$", line)])
    return outputs


def contains(rows, matrix):
    """True if the consecutive rows of `rows` end with exactly the rows of `matrix`."""
    want = [list(r) for r in matrix]
    return any(
        all(len(rows[i + j]) >= len(w) and rows[i + j][-len(w):] == w for j, w in enumerate(want))
        for i in range(len(rows) - len(want) + 1)
    )


@pytest.mark.parametrize("key", [k for k in KEYS if k != "stepsize"])
@pytest.mark.skipif(not (ROOT / "solutions").is_dir(), reason=(
    "the recorded outputs are checked in the teacher's copy: a learner's copy (make handout) has the outputs "
    "of its blanks emptied"))
def test_every_reference_matrix_is_shown_in_the_notebooks(key):
    """Some recorded output of notebooks 01-07 shows the reference numbers (a vector as a
    row or as a column, a number on its own). nbval checks that the code still produces them."""
    assert NOTEBOOKS, "notebooks 01-07 are missing"
    want = np.atleast_1d(np.asarray(REFERENCE[key], dtype=float))
    shapes = [want] if want.ndim == 2 else [want[None, :], want[:, None]]
    for path in NOTEBOOKS:
        for rows in shown_rows(path):
            if any(contains(rows, m.tolist()) for m in shapes):
                return
    pytest.fail(f"no recorded output of {[p.name for p in NOTEBOOKS]} shows {key} = {REFERENCE[key]}")
