"""Solutions to the exercises of notebook 00a (first networks)."""

import numpy as np


def nand():
    """00a.1: NAND is 0 only for (1, 1): a bias of 1.5 gives 1 for (0, 0); weights of -1 each keep
    one input alone above 0 (0.5) and bring both together below it (-0.5)."""
    return [-1.0, -1.0, 1.5]


def rule_update():
    """00a.2: output step(0.5 * 1 - 0.5 * 1 + 0) = step(0) = 0, so t - output = 1."""
    w, b, lr, x, t = np.array([0.5, -0.5]), 0.0, 0.5, np.array([1.0, 1.0]), 1.0
    output = 1.0 if w @ x + b > 0 else 0.0
    w, b = w + lr * (t - output) * x, b + lr * (t - output)
    return [*w, b]


def neuron():
    """00a.3"""
    z = 0.5 * 1 + 0.25 * -2 + 0.1
    return 1 / (1 + np.exp(-z))


SOLUTIONS = {"00a.1": nand, "00a.2": rule_update, "00a.3": neuron}

MISTAKES = {
    "00a.1": {"AND": lambda: [1.0, 1.0, -1.5], "OR": lambda: [2.0, 2.0, -1.0]},
    "00a.2": {"sign": lambda: [0.5 - 0.5, -0.5 - 0.5, -0.5],
              "no learning rate": lambda: [0.5 + 1, -0.5 + 1, 1.0],
              "bias not updated": lambda: [1.0, 0.0, 0.0],
              "no update": lambda: [0.5, -0.5, 0.0]},
    "00a.3": {"bias missing": lambda: 1 / (1 + np.exp(-(0.5 - 0.5))),
              "no sigmoid": lambda: 0.5 * 1 + 0.25 * -2 + 0.1,
              "step": lambda: 1.0 if 0.5 * 1 + 0.25 * -2 + 0.1 > 0 else 0.0},
}

if __name__ == "__main__":
    from solutions import run

    run(SOLUTIONS)
