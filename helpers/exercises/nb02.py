"""The exercises of 02_network_and_weights: the shapes and number of the weights, a zero start."""

from helpers import training
from helpers.exercises import multiple_choice, numeric


def shapes(pixels, hidden, classes, biases=True):
    """[rows of W1, columns of W1, rows of W2, columns of W2] for such a network."""
    W1, W2 = training.init_weights(0, pixels, hidden, classes)
    return [*W1[int(not biases):].shape, *W2[int(not biases):].shape]


def transposed(shape):
    """The shapes of W1^T and W2^T, from [rows of W1, columns of W1, rows of W2, columns of W2]."""
    rows1, columns1, rows2, columns2 = shape
    return [columns1, rows1, columns2, rows2]


def count(pixels, hidden, classes, layers="W1 W2", biases=True):
    """How many weights (entries of W1 and W2) such a network learns, or a mistaken count."""
    W1, W2 = training.init_weights(0, pixels, hidden, classes)
    return sum(W[int(not biases):].size for name, W in (("W1", W1), ("W2", W2)) if name in layers)


def counts(exercise_id, question, sizes):
    """An exercise counting the weights of a network of these sizes (also used by 10 and 11)."""
    numeric(exercise_id, question, "Count the entries of W1 and of W2.",
            expected=lambda: count(*sizes), shape="a whole number", whole=True,
            mistakes=lambda: {"bias missing": (count(*sizes, biases=False), "the biases are weights too: "
                                                                            "the bias rows of W1 and W2"),
                              "W1 only": (count(*sizes, layers="W1"), "that is W1 alone: add W2's"),
                              "W2 only": (count(*sizes, layers="W2"), "that is W2 alone: add W1's")})


numeric("02.1", "The shapes of W1 and W2 for 6 pixels, 3 hidden nodes and 4 classes",
        "A row per input of the layer, the bias input included, and a column per node it feeds.",
        expected=lambda: shapes(6, 3, 4), whole=True,
        shape="four numbers [rows of W1, columns of W1, rows of W2, columns of W2]",
        mistakes=lambda: {"bias rows missing": (shapes(6, 3, 4, biases=False), "each layer has one more input, "
                                                "the bias 1, so each W has one more row"),
                          "transpose": (transposed(shapes(6, 3, 4)), "rows and columns swapped: W1 has a "
                                                                     "row per input")})
counts("02.2", "How many weights the 5-2-2 network learns, biases included", (4, 2, 2))
multiple_choice("02.3", "Why not start with every weight 0? (multiple choice)",
                "Follow two hidden nodes that start equal.", {
                    "a": "with all weights equal, both hidden nodes compute the same output and every "
                         "training step changes their weights by the same amount, so they stay equal "
                         "forever: the network has in effect one hidden node",
                    "b": "no: with every weight 0 both scores are 0 for every image, so the network "
                         "favours neither class anywhere: far from right, with plenty left to learn",
                    "c": "no: weights of 0 give weighted sums of 0, and every output is well defined "
                         "(notebook 04 shows that the two classes then get one half each)",
                    "d": "no: small random weights are just as small; what matters is that they differ"}, "a")
