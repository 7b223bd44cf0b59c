"""Solutions to the exercises of notebook 00b (why a hidden layer)."""

import numpy as np

from helpers import data, prelude


def detectors():
    """00b.2: each detector counts its dark top pixel as much as its white one (0.05), and a bias
    of -12 keeps a white top row over a dark bottom row (0.012 * 510 = 6.1 < 12) from firing."""
    W1 = np.array([[-12.0, -12.0],
                   [0.05, -0.05],
                   [-0.05, 0.05],
                   [0.012, 0.012],
                   [0.012, 0.012]])
    W2 = np.array([[-1.0], [3.0], [3.0]])
    return W1, W2


def linear_score():
    """00b.3: image 5 is row 4 of the training images."""
    x = data.load_stairs("train").X[4]
    return x @ prelude.LINEAR_W + prelude.LINEAR_B


SOLUTIONS = {"00b.1": lambda: "b", "00b.2": detectors, "00b.3": linear_score}

MISTAKES = {
    "00b.1": {"choice a": lambda: "a", "choice c": lambda: "c"},
    "00b.2": {"unchanged": prelude.detector_network,
              "biases kept": lambda: (np.vstack([[-0.05, -0.05], detectors()[0][1:]]), detectors()[1])},
    "00b.3": {"bias missing": lambda: data.load_stairs("train").X[4] @ prelude.LINEAR_W,
              "counted from 1": lambda: data.load_stairs("train").X[5] @ prelude.LINEAR_W + prelude.LINEAR_B,
              "one image early": lambda: data.load_stairs("train").X[3] @ prelude.LINEAR_W + prelude.LINEAR_B},
}

if __name__ == "__main__":
    from solutions import run

    run(SOLUTIONS)
