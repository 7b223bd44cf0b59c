"""Solutions to the exercises of notebook 06 (backpropagation for all samples): images 5-8."""

import numpy as np

from helpers import data

train = data.load_stairs("train")
W1, W2 = data.article_weights()


def gradients(rows, sign=+1, slope_of_Z1=False):
    """grad_W1, grad_W2 (averaged), and the summed ones, for the training images in these rows;
    sign -1 starts from Y - Yhat; slope_of_Z1 takes sigmoid's slope of Z1 (both mistakes)."""
    X = train.X[rows]
    X1 = np.column_stack([np.ones(len(X)), X])
    N = len(X1)
    Z1 = X1 @ W1
    S = 1 / (1 + np.exp(-Z1))
    X2 = np.column_stack([np.ones(N), S])
    Z2 = X2 @ W2
    E = np.exp(Z2 - Z2.max(axis=1, keepdims=True))
    Yhat = E / E.sum(axis=1, keepdims=True)
    grad_Z2 = sign * (Yhat - train.Y[rows])
    grad_Z1 = (grad_Z2 @ W2.T)[:, 1:] * (Z1 * (1 - Z1) if slope_of_Z1 else S * (1 - S))
    return {"W1": X1.T @ grad_Z1 / N, "W2": X2.T @ grad_Z2 / N, "summed W1": X1.T @ grad_Z1,
            "summed W2": X2.T @ grad_Z2, "S": S, "grad_Z2": grad_Z2}


images_5_8 = slice(4, 8)  # rows 4 to 7
g = gradients(images_5_8)
SOLUTIONS = {"06.1": lambda: "a", "06.2": lambda: g["W1"], "06.3": lambda: g["W2"]}


def mistakes(name):
    return {"per-sample instead of averaged": lambda: g[f"summed {name}"],
            "averaged twice": lambda: g[name] / 4,
            "sign": lambda: gradients(images_5_8, sign=-1)[name],
            "bias row last": lambda: np.vstack([g[name][1:], g[name][:1]]),
            "counted from 1": lambda: gradients(slice(5, 9))[name],
            "the notebook's images": lambda: gradients(slice(0, 4))[name]}


MISTAKES = {
    "06.1": {"choice b": lambda: "b", "choice c": lambda: "c"},
    "06.2": {"transpose": lambda: g["W1"].T, "bias row missing": lambda: g["W1"][1:],
             "sigmoid' of Z1": lambda: gradients(images_5_8, slope_of_Z1=True)["W1"]} | mistakes("W1"),
    "06.3": {"bias row missing": lambda: g["S"].T @ g["grad_Z2"] / 4, "transpose": lambda: g["W2"].T}
            | mistakes("W2"),
}

if __name__ == "__main__":
    from solutions import run

    run(SOLUTIONS)
