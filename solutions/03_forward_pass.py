"""Solutions to the exercises of notebook 03 (the forward pass): training image 6, row 5."""

import numpy as np

from helpers import data

train_X = data.load_stairs("train").X
x = train_X[5:6]  # image 6, as a 1 x 4 row
W1, W2 = data.article_weights()


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward(x):
    """Z1, X2, Z2 for the images in the rows of x."""
    X1 = np.column_stack([np.ones(len(x)), x])
    Z1 = X1 @ W1
    X2 = np.column_stack([np.ones(len(x)), sigmoid(Z1)])
    return Z1, X2, X2 @ W2


Z1, X2, Z2 = forward(x)

SOLUTIONS = {"03.1": lambda: Z1, "03.2": lambda: X2, "03.3": lambda: Z2}

bias_last = np.column_stack([sigmoid(Z1), np.ones(1)])  # X2 with its 1 at the end
image_7, images_1_4 = forward(train_X[6:7]), forward(train_X[0:4])  # x = X[6:7]; the notebook's X1
MISTAKES = {
    "03.1": {"bias missing": lambda: x @ W1[1:], "transpose": lambda: Z1.T,
             "bias column last": lambda: np.column_stack([x, np.ones(1)]) @ W1,
             "counted from 1": lambda: image_7[0], "the notebook's images": lambda: images_1_4[0]},
    "03.2": {"bias column missing": lambda: sigmoid(Z1), "no sigmoid": lambda: np.column_stack([np.ones(1), Z1]),
             "bias column last": lambda: bias_last, "transpose": lambda: X2.T,
             "counted from 1": lambda: image_7[1], "the notebook's images": lambda: images_1_4[1]},
    "03.3": {"bias missing": lambda: sigmoid(x @ W1[1:]) @ W2[1:],
             "no sigmoid": lambda: np.column_stack([np.ones(1), Z1]) @ W2,
             "bias column last": lambda: bias_last @ W2,
             "softmax applied": lambda: np.exp(Z2) / np.exp(Z2).sum(), "transpose": lambda: Z2.T,
             "counted from 1": lambda: image_7[2], "the notebook's images": lambda: images_1_4[2]},
}

if __name__ == "__main__":
    from solutions import run

    run(SOLUTIONS)
