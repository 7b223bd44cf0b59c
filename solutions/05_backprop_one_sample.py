"""Solutions to the exercises of notebook 05 (backpropagation for one sample): sample 2."""

import numpy as np

from helpers import data

sample = data.article_sample()
W1, W2 = data.article_weights()


def partials(i, sign=+1):
    """Sample i's (counted from 0) partials dZ2, dW2, dZ1, dW1, and its X1, S, dX2, Z1; sign -1
    starts from Y - Yhat."""
    X1 = np.column_stack([np.ones(1), sample.X[i:i + 1]])
    Z1 = X1 @ W1
    S = 1 / (1 + np.exp(-Z1))  # the hidden outputs
    X2 = np.column_stack([np.ones(1), S])
    Z2 = X2 @ W2
    Yhat = np.exp(Z2 - Z2.max()) / np.exp(Z2 - Z2.max()).sum()
    dZ2 = sign * (Yhat - sample.Y[i:i + 1])
    dX2 = dZ2 @ W2.T
    dZ1 = dX2[:, 1:] * S * (1 - S)
    return {"Z2": dZ2, "W2": X2.T @ dZ2, "Z1": dZ1, "W1": X1.T @ dZ1, "X1": X1, "S": S, "X2": X2, "dX2": dX2, "z1": Z1}


p = partials(1)  # sample 2 is row 1
SOLUTIONS = {"05.1": lambda: p["Z2"], "05.2": lambda: p["W2"], "05.3": lambda: p["Z1"], "05.4": lambda: p["W1"]}


def slips(name):
    """The sign, and the wrong sample (row 2 is sample 3; sample 1 is the notebook's)."""
    return {"sign": lambda: partials(1, sign=-1)[name], "counted from 1": lambda: partials(2)[name],
            "sample 1": lambda: partials(0)[name]}


def bias_row(name, rows):
    return {"bias row missing": lambda: p[rows][:, 1:].T @ p["Z1" if name == "W1" else "Z2"],
            "bias row last": lambda: np.vstack([p[name][1:], p[name][:1]])}


wrong_dZ1 = p["dX2"][:, 1:] * p["z1"] * (1 - p["z1"])  # sigmoid's slope taken of Z1
MISTAKES = {
    "05.1": {"transpose": lambda: p["Z2"].T} | slips("Z2"),
    "05.2": {"transpose": lambda: p["Z2"].T @ p["X2"]} | slips("W2") | bias_row("W2", "X2"),
    "05.3": {"sigmoid' of Z1": lambda: wrong_dZ1, "bias column kept": lambda: p["dX2"] * p["X2"] * (1 - p["X2"]),
             "no slope": lambda: p["dX2"][:, 1:], "transpose": lambda: p["Z1"].T} | slips("Z1"),
    "05.4": {"sigmoid' of Z1": lambda: p["X1"].T @ wrong_dZ1, "transpose": lambda: p["Z1"].T @ p["X1"]}
            | slips("W1") | bias_row("W1", "X1"),
}

if __name__ == "__main__":
    from solutions import run

    run(SOLUTIONS)
