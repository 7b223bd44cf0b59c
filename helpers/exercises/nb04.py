"""The exercises of 04_softmax_and_cross_entropy: a softmax that does not overflow, cross entropies."""

import numpy as np

from helpers import nn
from helpers.exercises import numeric

Z = np.array([[1000.0, 998.0], [-1.0, 2.0]])
NOT_STAIRS, STAIRS = np.array([[0.0, 1.0]]), np.array([[1.0, 0.0]])
LOG10 = "you used log10: the cross entropy uses the natural log, ln (np.log)"
NO_MINUS = "a cross entropy is never negative: -ln p"


def column_softmax(Z):
    """Softmax down each column: the mistake of reducing along the wrong axis."""
    E = np.exp(Z - Z.max(axis=0))
    return E / E.sum(axis=0)


numeric("04.1", "softmax of Z = [[1000, 998], [-1, 2]], row by row, without overflow",
        "Subtract each row's largest value before e^z: the result does not change, and nothing overflows.",
        expected=lambda: nn.softmax(Z), shape="a 2 x 2 matrix whose rows each sum to 1", overflow=True,
        mistakes=lambda: {"softmax of a column": (column_softmax(Z), "that is the softmax of each column: "
                                                  "softmax works along each row, one sample's scores")})


def ce(Yhat, Y, log=np.log):
    """CE of each row, -sum_c Y_c log Yhat_c; with log10, the mistake of the wrong logarithm."""
    return float(nn.cross_entropy(Yhat, Y)[0]) if log is np.log else float(-log(Yhat[Y == 1])[0])


numeric("04.2", "The cross entropy of Z's first row when its true class is not stairs",
        "-ln of the probability the row gives its true class, the second column.",
        expected=lambda: ce(nn.softmax(Z[:1]), NOT_STAIRS), shape="a single number", overflow=True,
        mistakes=lambda: {"log10 instead of ln": (ce(nn.softmax(Z[:1]), NOT_STAIRS, np.log10), LOG10),
                          "wrong class": (ce(nn.softmax(Z[:1]), STAIRS), "that is -ln of the stairs probability; "
                                                                         "the true class here is not stairs"),
                          "no minus sign": (-ce(nn.softmax(Z[:1]), NOT_STAIRS), NO_MINUS)})

QUARTER = np.array([[0.25, 0.75]])  # the true class, stairs, gets 0.25
numeric("04.3", "The mean cross entropy when every image gets probability 0.25 for its true class",
        "Each CE_i = -ln 0.25, and the mean of equal numbers is that number.",
        expected=lambda: ce(QUARTER, STAIRS), shape="a single number",
        mistakes=lambda: {"log10 instead of ln": (ce(QUARTER, STAIRS, np.log10), LOG10),
                          "wrong class": (ce(QUARTER, NOT_STAIRS), "that is -ln 0.75: the probability of the "
                                                                   "other class, not of the true one"),
                          "no minus sign": (-ce(QUARTER, STAIRS), NO_MINUS)})
