"""The exercises of 03_forward_pass: Z1, X2 and Z2 for training image 6, the article's weights."""

import numpy as np

from helpers import data, nn
from helpers.exercises import numeric


def forward(first, last=None):
    """nn.forward for training images first..last (counted from 1) under the article's weights."""
    X1 = nn.add_bias(data.load_stairs("train").X[first - 1:last or first])
    return X1, nn.forward(X1, *data.article_weights())


def by_hand(mistake):
    """Z1, X2, Z2 of image 6 computed with a mistake, as a learner makes it."""
    X1, fwd = forward(6)
    W1, W2 = data.article_weights()
    if mistake == "bias missing":  # the pixels through W1's pixel rows; no 1 in X2
        Z1 = X1[:, 1:] @ W1[1:]
        S = nn.sigmoid(Z1)
        return Z1, S, S @ W2[1:]
    if mistake == "bias column last":  # [pixels, 1] times W1, whose first row is the bias row
        X2 = np.roll(fwd.X2, -1, axis=1)
        return np.roll(X1, -1, axis=1) @ W1, X2, X2 @ W2
    if mistake == "no sigmoid":
        X2 = nn.add_bias(fwd.Z1)
        return fwd.Z1, X2, X2 @ W2
    raise ValueError(mistake)


IMAGE_7 = "that is image 7: Python counts rows from 0, so image 6 is row 5 (X[5:6])"
NOTEBOOK = "that is for the notebook's four images 1-4; the exercise is image 6 alone"
BIAS_LAST = "the bias column comes first: W's first row is the bias row, so X's first column must be the 1s"


def mistakes(k, missing, no_sigmoid):
    """The mistakes that apply to answer k of the forward pass (0: Z1, 1: X2, 2: Z2)."""
    field = ("Z1", "X2", "Z2")[k]
    left_out = (("bias column missing", forward(6)[1].X2[:, 1:]) if field == "X2"  # X2 without its 1s
                else ("bias missing", by_hand("bias missing")[k]))
    return {left_out[0]: (left_out[1], missing),
            "bias column last": (by_hand("bias column last")[k], BIAS_LAST),
            "counted from 1": (getattr(forward(7)[1], field), IMAGE_7),
            "the notebook's images": (getattr(forward(1, 4)[1], field), NOTEBOOK)} | (
        {} if no_sigmoid is None else {"no sigmoid": (by_hand("no sigmoid")[k], no_sigmoid)})


numeric("03.1", "Z1 for training image 6 alone, with the article's initial weights",
        "X1's row for image 6 (bias first) times W1.", expected=lambda: forward(6)[1].Z1,
        shape="a 1 x 2 row: one image, a column per hidden node",
        mistakes=lambda: mistakes(0, "you left out the bias: use X1 with its column of 1s, and all of W1", None))
numeric("03.2", "X2 for training image 6", "The sigmoid of Z1, then a 1 in front.",
        expected=lambda: forward(6)[1].X2, shape="a 1 x 3 row: the bias 1, then the two hidden outputs",
        mistakes=lambda: mistakes(1, "X2 starts with the bias column of 1s",
                                  "you forgot the sigmoid: X2 = [1, sigmoid(Z1)]"))
numeric("03.3", "Z2 for training image 6", "X2 (bias first) times W2.", expected=lambda: forward(6)[1].Z2,
        shape="a 1 x 2 row: a column per class",
        mistakes=lambda: mistakes(2, "you left out the bias: X2 starts with 1, W2 with its bias row",
                                  "you forgot the sigmoid: Z2 = X2 W2 with X2 = [1, sigmoid(Z1)]") | {
            "softmax applied": (forward(6)[1].Yhat, "that is Yhat, softmax(Z2): Z2 is the score before softmax")})
