"""The exercises of 08b_is_this_the_best: predictions about the start and about a network with
no hidden layer."""

import functools

import numpy as np

from helpers import data, nn, optim, training
from helpers.exercises import multiple_choice

SCALES = {"a": 0.01, "b": 1.0}  # the two starts: weights drawn from [-scale, scale]


@functools.lru_cache(maxsize=None)
def plateau_end(scale, seed=1):
    """The first epoch whose loss is under 0.6 (scaled pixels, step 1.0), from weights of this scale."""
    X1, Y, _, _ = data.stairs("scaled")
    W1, W2 = training.init_weights(seed, scale=scale)
    below = np.flatnonzero(training.train(X1, Y, W1, W2, 1.0, 400).history.loss < 0.6)
    return int(below[0]) if len(below) else 10**9


def sooner():
    small, large = (plateau_end(SCALES[k]) for k in "ab")
    return "a" if small < large else "b" if large < small else "c"


def measured():
    return (f"the loss falls under 0.6 at epoch {plateau_end(SCALES['a'])} from [-0.01, 0.01] and at epoch "
            f"{plateau_end(SCALES['b'])} from [-1, 1]")


multiple_choice("08b.1", "Predict: which start leaves the plateau at ln 2 sooner (scaled pixels, step 1.0)?",
                "Tiny weights give every image nearly the same hidden outputs; what is the gradient then?",
                {"a": "the start from [-0.01, 0.01], as the article draws its weights",
                 "b": "the start from [-1, 1]", "c": "both at the same epoch"}, sooner, reveal=measured)


@functools.lru_cache(maxsize=None)
def test_accuracies():
    """The test accuracy of softmax regression (2000 steps from zeros, step 1.0) and of the
    5-2-2 network trained from the R script's weights (1500 epochs, step 1.0), scaled pixels."""
    X1, Y, X1_test, Y_test = data.stairs("scaled")
    W = np.zeros((5, 2))
    for _ in range(2000):
        W = optim.update(W, X1.T @ (nn.softmax(X1 @ W) - Y) / len(X1), 1.0)  # the output layer's gradient
    network = training.train(X1, Y, *data.companion_weights(), 1.0, 1500, measure_every=1500)
    return (training.accuracy(nn.softmax(X1_test @ W), Y_test),
            training.evaluate(X1_test, Y_test, network.W1, network.W2).accuracy)


def better():
    linear, network = test_accuracies()
    return "a" if linear > network else "b" if linear < network else "c"


multiple_choice("08b.2", "Predict: without a hidden layer (softmax regression), is the test accuracy higher than, "
                         "lower than or the same as the 5-2-2 network's?",
                "A single line through the 4-pixel space: can it tell stairs from look-alikes as well as two "
                "hidden nodes can?",
                {"a": "softmax regression does better on the test images",
                 "b": "softmax regression does worse on the test images",
                 "c": "both reach the same test accuracy"}, better,
                reveal=lambda: "softmax regression reaches a test accuracy of {:.2f}, the network {:.2f}".format(
                    *test_accuracies()))
