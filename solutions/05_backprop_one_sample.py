"""Solutions to the exercises of notebook 05 (backpropagation for one sample): sample 2."""

import numpy as np

from helpers import data

sample = data.article_sample()
W1, W2 = data.article_weights()
X1_2 = np.column_stack([np.ones(1), sample.X[1:2]])  # sample 2, a 1 x 5 row
Y_2 = sample.Y[1:2]

Z1 = X1_2 @ W1
S = 1 / (1 + np.exp(-Z1))  # the hidden outputs
X2_2 = np.column_stack([np.ones(1), S])
Z2 = X2_2 @ W2
Yhat_2 = np.exp(Z2 - Z2.max()) / np.exp(Z2 - Z2.max()).sum()

dZ2 = Yhat_2 - Y_2  # 05.1
dW2 = X2_2.T @ dZ2  # 05.2
dX2 = dZ2 @ W2.T
dZ1 = dX2[:, 1:] * S * (1 - S)  # 05.3
dW1 = X1_2.T @ dZ1  # 05.4

SOLUTIONS = {"05.1": lambda: dZ2, "05.2": lambda: dW2, "05.3": lambda: dZ1, "05.4": lambda: dW1}

MISTAKES = {
    "05.1": {"sign": lambda: Y_2 - Yhat_2, "transpose": lambda: dZ2.T},
    "05.2": {"bias row missing": lambda: S.T @ dZ2, "transpose": lambda: dZ2.T @ X2_2},
    "05.3": {"sigmoid' of Z1": lambda: dX2[:, 1:] * Z1 * (1 - Z1),
             "bias column kept": lambda: dX2 * X2_2 * (1 - X2_2),
             "no slope": lambda: dX2[:, 1:]},
    "05.4": {"bias row missing": lambda: sample.X[1:2].T @ dZ1,
             "sigmoid' of Z1": lambda: X1_2.T @ (dX2[:, 1:] * Z1 * (1 - Z1))},
}

if __name__ == "__main__":
    from solutions import run

    run(SOLUTIONS)
