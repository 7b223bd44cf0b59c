"""The exercises of 00b_why_a_hidden_layer: can one perceptron do it, detectors by hand, a score."""

import numpy as np

from helpers import data, prelude
from helpers.exercises import Result, as_numbers, exercise, multiple_choice, numeric

multiple_choice("00b.1", "Predict: can one perceptron call both stairs images stairs and both others not? "
                "(multiple choice)",
                "Think of the four images with a black bottom row, and the average image of each pair.", {
                    "a": "no: whatever the weights, one of the two others always lands on the stairs side "
                         "with them; the next cells show why (the average image of each pair)",
                    "b": "no weights do it: the two stairs images and the two others have the same average "
                         "image, and a linear score of the average is the average of the scores, so no flat "
                         "cut puts both stairs on one side and both others on the other",
                    "c": "no: the sigmoid changes the scores, not the cut: P > 0.5 exactly where z > 0, so "
                         "the sigmoid version draws one flat cut, as the perceptron does"}, "b")


def detector_accuracy(W1, W2):
    train = data.load_stairs("train")
    out = prelude.sigmoid_network(train.X, W1, W2).out
    return float(np.mean((out > 0.5) == (train.Y[:, 0] == 1)))


def judge_detectors(answer):
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        return Result(False, "not yet: the answer is the pair (W1, W2): W1 5 x 2, W2 3 x 1.")
    W1, W2 = (as_numbers(M) for M in answer)
    if isinstance(W1, str) or isinstance(W2, str):
        return Result(False, f"not yet: W1 and W2 must be matrices of numbers: {W1 if isinstance(W1, str) else W2}.")
    if W1.shape != (5, 2) or W2.shape != (3, 1):
        transposed = " (W1 transposed?)" if W1.shape == (2, 5) else ""
        return Result(False, f"not yet: W1 must be 5 x 2 and W2 3 x 1, got {W1.shape} and {W2.shape}{transposed}.")
    if not (np.isfinite(W1).all() and np.isfinite(W2).all()):
        return Result(False, "not yet: the weights must be finite numbers.")
    article_W1, article_W2 = prelude.detector_network()
    acc = detector_accuracy(W1, W2)
    if np.allclose(W1, article_W1) and np.allclose(W2, article_W2):
        return Result(False, f"not yet: these are the article's weights, right on {acc:.0%} of the images.",
                      "unchanged")
    if acc >= 0.9:
        return Result(True, f"correct: your network is right on {acc:.2%} of the 400 training images.")
    if np.allclose(W1[0], article_W1[0]) and not np.allclose(W1[1:], article_W1[1:]):
        return Result(False, f"not yet ({acc:.2%}): you kept the biases at {article_W1[0, 0]:g}, so a white top "
                             "row over a dark bottom row still fires both detectors: lower the biases.", "biases kept")
    return Result(False, f"not yet: right on {acc:.2%} of the training images; 90% is the goal.")


exercise("00b.2", "Correct the hand-set detectors: right on at least 90% of the training images",
         "Make each detector count its dark top pixel as strongly as its white one (0.05 in place of "
         "0.002), then lower both biases until the white top row no longer fires either detector.",
         judge_detectors)

def score(image, bias=True):
    """The article's linear perceptron's score for training image `image` (counted from 1)."""
    X = data.load_stairs("train").X[image - 1:image]
    return float(prelude.linear_score(X, prelude.LINEAR_W, prelude.LINEAR_B if bias else 0.0)[0])


numeric("00b.3", "The article's linear perceptron's score for training image 5",
        "yhat = w . x + b with the article's w and b, and x the four pixels of image 5.",
        expected=lambda: score(5), shape="a single number",
        mistakes=lambda: {"bias missing": (score(5, bias=False), f"you left out the bias b = {prelude.LINEAR_B:g}"),
                          "counted from 1": (score(6), "that is image 6: Python counts rows from 0, so image 5 "
                                                       "is row 4 (X[4])"),
                          "one image early": (score(4), "that is image 4: image 5 is row 4 (X[4])")})
