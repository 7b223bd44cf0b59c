"""Solutions to the exercises of notebook 06 (backpropagation for all samples): images 5-8."""

import numpy as np

from helpers import data

train = data.load_stairs("train")
X1 = np.column_stack([np.ones(4), train.X[4:8]])  # images 5-8
Y = train.Y[4:8]
W1, W2 = data.article_weights()
N = len(X1)

S = 1 / (1 + np.exp(-(X1 @ W1)))
X2 = np.column_stack([np.ones(N), S])
Z2 = X2 @ W2
E = np.exp(Z2 - Z2.max(axis=1, keepdims=True))
Yhat = E / E.sum(axis=1, keepdims=True)
grad_Z2 = Yhat - Y
grad_Z1 = (grad_Z2 @ W2.T)[:, 1:] * S * (1 - S)
grad_W2 = X2.T @ grad_Z2 / N  # 06.3
grad_W1 = X1.T @ grad_Z1 / N  # 06.2

SOLUTIONS = {"06.1": lambda: "a", "06.2": lambda: grad_W1, "06.3": lambda: grad_W2}

MISTAKES = {
    "06.1": {"choice b": lambda: "b", "choice c": lambda: "c"},
    "06.2": {"per-sample instead of averaged": lambda: X1.T @ grad_Z1, "transpose": lambda: grad_W1.T},
    "06.3": {"per-sample instead of averaged": lambda: X2.T @ grad_Z2,
             "bias row missing": lambda: S.T @ grad_Z2 / N},
}

if __name__ == "__main__":
    from solutions import run

    run(SOLUTIONS)
