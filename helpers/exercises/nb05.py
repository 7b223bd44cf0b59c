"""The exercises of 05_backprop_one_sample: sample 2's partials, from the loss back to W1."""

import numpy as np

from helpers import data, nn
from helpers.exercises import numeric


def backward(sample):
    """nn.backward for sample `sample` (counted from 1) of the article's four, its weights."""
    s, (W1, W2) = data.article_sample(), data.article_weights()
    X1, Y = nn.add_bias(s.X[sample - 1:sample]), s.Y[sample - 1:sample]
    return nn.backward(X1, Y, W2, nn.forward(X1, W1, W2))


def with_wrong_slope(bias_column=False):
    """dCE_2/dZ1_2 and dCE_2/dW1 with sigmoid's slope taken of Z1 (S' = Z1 (1 - Z1)), or, with
    bias_column, dCE_2/dZ1_2 with the bias column of dCE_2/dX2_2 kept: as a learner gets them."""
    s, (W1, W2) = data.article_sample(), data.article_weights()
    X1 = nn.add_bias(s.X[1:2])
    fwd, grad = nn.forward(X1, W1, W2), backward(2)
    if bias_column:
        return grad.X2 * fwd.X2 * (1 - fwd.X2)
    grad_Z1 = grad.X2[:, 1:] * fwd.Z1 * (1 - fwd.Z1)
    return grad_Z1, X1.T @ grad_Z1


SIGN = "that is Y - Yhat: the partial of the loss by Z2 is Yhat - Y, prediction minus truth"
SIGMOID_Z1 = ("the sigmoid's slope is sigmoid(z)(1 - sigmoid(z)): apply S(1 - S) to X2's hidden "
              "columns, sigmoid(Z1), not to Z1 itself")


def slips(field):
    """The mistakes of every exercise here: the sign, and the wrong sample."""
    right = getattr(backward(2), field)
    return {"sign": (-right, SIGN),
            "counted from 1": (getattr(backward(3), field), "that is sample 3: Python counts rows from 0, "
                                                            "so sample 2 is row 1 (X1[1:2])"),
            "sample 1": (getattr(backward(1), field), "that is sample 1, the one the notebook works; "
                                                      "the exercise is sample 2")}


def bias_row(field, rows):
    """The bias-row mistakes of a weight gradient: left out, or put last."""
    right = getattr(backward(2), field)
    return {"bias row missing": (right[1:], f"{field} has a bias row: {rows} starts with its 1"),
            "bias row last": (np.roll(right, -1, axis=0), f"{field}'s bias row comes first, as {rows}'s 1 does")}


numeric("05.1", "dCE_2/dZ2_2 for sample 2", "Softmax and cross entropy together: prediction minus truth.",
        expected=lambda: backward(2).Z2, shape="a 1 x 2 row", overflow=True,
        mistakes=lambda: slips("Z2"))
numeric("05.2", "dCE_2/dW2 for sample 2", "(X2_2)^T times dCE_2/dZ2_2: a column times a row.",
        expected=lambda: backward(2).W2, shape="a 3 x 2 matrix, the shape of W2", overflow=True,
        mistakes=lambda: slips("W2") | bias_row("W2", "X2_2"))
numeric("05.3", "dCE_2/dZ1_2 for sample 2", "dCE_2/dX2_2 without its bias column, times S (1 - S) with S "
        "the sample's hidden outputs.", expected=lambda: backward(2).Z1, shape="a 1 x 2 row", overflow=True,
        mistakes=lambda: slips("Z1") | {
            "sigmoid' of Z1": (with_wrong_slope()[0], SIGMOID_Z1),
            "bias column kept": (with_wrong_slope(bias_column=True), "drop dCE_2/dX2_2's bias column first: "
                                                                     "the bias input depends on no Z1"),
            "no slope": (backward(2).X2[:, 1:], "you left out the sigmoid's slope S (1 - S)")})
numeric("05.4", "dCE_2/dW1 for sample 2", "(X1_2)^T times dCE_2/dZ1_2.",
        expected=lambda: backward(2).W1, shape="a 5 x 2 matrix, the shape of W1", overflow=True,
        mistakes=lambda: slips("W1") | bias_row("W1", "X1_2") | {"sigmoid' of Z1": (with_wrong_slope()[1], SIGMOID_Z1)})
