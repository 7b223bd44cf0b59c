"""The exercises of 06_backprop_all_samples: why 1/N, and the averaged gradients of images 5-8."""

import numpy as np

from helpers import data, nn
from helpers.exercises import multiple_choice, numeric

multiple_choice("06.1", "Why the weight gradients are divided by N (multiple choice)",
                "Which loss does training lower?", {
                    "a": "the loss is the mean of the N cross entropies, and the derivative of a mean is "
                         "the mean of the derivatives",
                    "b": "no: another constant would be the gradient of another loss; 1/N is what makes it "
                         "the mean's gradient (the step size then needs no change when N changes)",
                    "c": "no: softmax's division is inside each row; this one is across the samples",
                    "d": "no: N counts samples, not weights"}, "a")


def backward(first, last):
    """nn.backward for training images first..last (counted from 1), the article's weights."""
    train, (W1, W2) = data.load_stairs("train"), data.article_weights()
    X1, Y = nn.add_bias(train.X[first - 1:last]), train.Y[first - 1:last]
    return nn.backward(X1, Y, W2, nn.forward(X1, W1, W2))


def with_slope_of_Z1():
    """dCE-bar/dW1 for images 5-8 with sigmoid's slope taken of Z1, as a learner gets it."""
    train, (W1, W2) = data.load_stairs("train"), data.article_weights()
    X1 = nn.add_bias(train.X[4:8])
    fwd = nn.forward(X1, W1, W2)
    grad_Z1 = backward(5, 8).X2[:, 1:] * fwd.Z1 * (1 - fwd.Z1)
    return X1.T @ grad_Z1 / len(X1)


def mistakes(field, rows):
    """The mistakes that apply to the averaged gradient of `field` (W1 or W2)."""
    grad = backward(5, 8)
    right, N = getattr(grad, field), len(grad.Z2)  # Z2's partials have a row per sample
    return {"per-sample instead of averaged": (N * right, f"you added the {N} samples' gradients: the loss is "
                                                          f"their mean, so divide the sum by N = {N}"),
            "averaged twice": (right / N, "you divided by N twice"),
            "sign": (-right, "that is with Y - Yhat: dCE/dZ2 is Yhat - Y, prediction minus truth"),
            "bias row missing": (right[1:], f"{field} has a bias row: {rows} starts with 1s"),
            "bias row last": (np.roll(right, -1, axis=0), f"{field}'s bias row comes first, as {rows}'s 1s do"),
            "counted from 1": (getattr(backward(6, 9), field), "those are images 6-9: Python counts rows "
                                                               "from 0, so images 5-8 are rows 4 to 7 (X[4:8])"),
            "the notebook's images": (getattr(backward(1, 4), field), "that is for the notebook's images 1-4; "
                                                                      "the exercise is images 5-8")}


numeric("06.2", "The averaged gradient dCE-bar/dW1 for training images 5-8 (article's initial weights)",
        "The stacked steps of this notebook on images 5-8, then (X1)^T dCE/dZ1 / N.",
        expected=lambda: backward(5, 8).W1, shape="a 5 x 2 matrix, the shape of W1", overflow=True,
        mistakes=lambda: mistakes("W1", "X1") | {"sigmoid' of Z1": (
            with_slope_of_Z1(), "the sigmoid's slope is S(1 - S) of X2's hidden columns, not of Z1")})
numeric("06.3", "The averaged gradient dCE-bar/dW2 for training images 5-8", "(X2)^T (Yhat - Y) / N.",
        expected=lambda: backward(5, 8).W2, shape="a 3 x 2 matrix, the shape of W2", overflow=True,
        mistakes=lambda: mistakes("W2", "X2"))
