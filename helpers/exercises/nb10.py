"""The exercises of 10_four_patterns: a wider network's weights, and one hidden node."""

from helpers.exercises import multiple_choice
from helpers.exercises.nb02 import counts

counts("10.1", "How many weights a 5-6-4 network learns, biases included", (4, 6, 4))
multiple_choice("10.2", "Why one hidden node is not enough for four classes (multiple choice)",
                "Write Z2 as a function of the single hidden output, sigmoid(z1).", {
                    "a": "all four class scores are straight-line functions of one number, sigmoid(z1), so "
                         "along that one axis each class can win on only one stretch, and the classes must "
                         "line up in some order",
                    "b": "no: a single node learns as fast as each of several",
                    "c": "no: softmax handles any number of classes",
                    "d": "no: 2,000 epochs are enough for wider networks on the same images"}, "a")
