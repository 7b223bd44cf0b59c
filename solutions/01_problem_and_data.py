"""Solutions to the exercises of notebook 01 (the problem and the data)."""

import numpy as np

from helpers import data

train = data.load_stairs("train")
X, Y = train.X[4:8], train.Y[4:8]  # images 5-8: rows 4 to 7


def X1():
    """01.1: a column of 1s, then the pixels."""
    return np.column_stack([np.ones(4), X])


SOLUTIONS = {"01.1": X1, "01.2": lambda: Y}

MISTAKES = {
    "01.1": {"bias column missing": lambda: X, "transpose": lambda: X1().T,
             "bias column last": lambda: np.column_stack([X, np.ones(4)]),
             "counted from 1": lambda: np.column_stack([np.ones(4), train.X[5:9]]),
             "one image early": lambda: np.column_stack([np.ones(4), train.X[3:7]]),
             "the notebook's images": lambda: np.column_stack([np.ones(4), data.article_sample().X])},
    "01.2": {"columns swapped": lambda: Y[:, [1, 0]], "transpose": lambda: Y.T,
             "labels, not one-hot": lambda: Y[:, :1],
             "counted from 1": lambda: train.Y[5:9],
             "one image early": lambda: train.Y[3:7],
             "the notebook's images": lambda: data.article_sample().Y},
}

if __name__ == "__main__":
    from solutions import run

    run(SOLUTIONS)
