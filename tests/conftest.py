"""What the tests share: the repository's root, the article's reference numbers, the stairs
data sets as the network reads them, small random networks, and the form of a bad input.

A warning from the project's own code is an error (pyproject.toml's filterwarnings): a numpy
RuntimeWarning from inside the helpers fails the test that caused it. Tests marked slow take a
few seconds each; they run by default (`-m "not slow"` leaves them out)."""

import json
from pathlib import Path

import numpy as np
import pytest

from helpers import data, nn

ROOT = Path(__file__).resolve().parent.parent
# the article's numbers (data/article_worked_example.json), "_about" left out
REFERENCE = {key: value for key, value in
             json.loads((ROOT / "data" / "article_worked_example.json").read_text()).items()
             if not key.startswith("_")}
RAW = data.stairs("raw")  # X1, Y, X1_test, Y_test: pixels 0-255, as in the article
SCALED = data.stairs("scaled")  # pixels divided by 255


def random_network(seed, d, h, k, activation="sigmoid", N=6):
    """X1 (N x (d+1), bias column first), one-hot Y (N x k), W1, W2, drawn from a normal
    distribution. For relu, drawn again until every hidden sum is at least 0.05 away from the
    kink at 0 (so no finite-difference nudge crosses it) and every hidden node is active for
    some sample (so no gradient column is trivially 0)."""
    rng = np.random.default_rng(seed)
    for _ in range(1000):
        X1 = nn.add_bias(rng.normal(size=(N, d)))
        W1, W2 = rng.normal(size=(d + 1, h)), rng.normal(size=(h + 1, k))
        Z1 = X1 @ W1
        if activation != "relu" or (np.abs(Z1).min() > 0.05 and (Z1 > 0).any(axis=0).all()):
            return X1, np.eye(k)[rng.integers(k, size=N)], W1, W2
    raise RuntimeError("no relu network away from the kink")  # pragma: no cover


def with_value(M, index, value):
    """A float copy of M with M[index] = value."""
    M = np.array(M, dtype=float)
    M[index] = value
    return M


def bad(function, call, message):
    """One row of a bad-input table: call() (which calls function) must raise a ValueError
    whose message matches the regular expression `message`, naming the argument."""
    return pytest.param(function, call, message, id=f"{function.__name__}: {message[:40]}")


def check_bad_input(call, message):
    """call() raises a ValueError matching message (not a warning, not another exception)."""
    with pytest.raises(ValueError, match=message):
        call()
