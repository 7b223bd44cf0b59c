"""Solutions to the exercises of notebook 03 (the forward pass): training image 6, row 5."""

import numpy as np

from helpers import data

x = data.load_stairs("train").X[5:6]  # image 6, as a 1 x 4 row
W1, W2 = data.article_weights()
X1 = np.column_stack([np.ones(1), x])


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


Z1 = X1 @ W1
X2 = np.column_stack([np.ones(1), sigmoid(Z1)])
Z2 = X2 @ W2

SOLUTIONS = {"03.1": lambda: Z1, "03.2": lambda: X2, "03.3": lambda: Z2}

MISTAKES = {
    "03.1": {"bias missing": lambda: x @ W1[1:], "transpose": lambda: Z1.T},
    "03.2": {"bias column missing": lambda: sigmoid(Z1), "no sigmoid": lambda: np.column_stack([np.ones(1), Z1])},
    "03.3": {"bias missing": lambda: sigmoid(x @ W1[1:]) @ W2[1:],
             "no sigmoid": lambda: np.column_stack([np.ones(1), Z1]) @ W2},
}

if __name__ == "__main__":
    from solutions import run

    run(SOLUTIONS)
