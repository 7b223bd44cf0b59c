"""The exercises of 01_problem_and_data: X1 and Y for training images 5-8."""

import numpy as np

from helpers import data, nn
from helpers.exercises import numeric


def images(first, last):
    """Training images first..last (counted from 1, as the ImageIds) as X1 (bias column first) and Y."""
    train = data.load_stairs("train")
    return nn.add_bias(train.X[first - 1:last]), train.Y[first - 1:last]


COUNTED_FROM_1 = "those are images 6-9: Python counts rows from 0, so images 5-8 are rows 4 to 7 (X[4:8])"
ONE_EARLY = "those are images 4-7: images 5-8 are rows 4 to 7 (X[4:8])"
SAMPLE = "those are images 1-4, the article's sample the notebook shows; the exercise is images 5-8"

numeric("01.1", "X1 for training images 5-8",
        "A row per image: a 1 for the bias, then R1C1, R1C2, R2C1, R2C2.",
        expected=lambda: images(5, 8)[0], shape="a 4 x 5 matrix: a row per image, the bias column first",
        mistakes=lambda: {
            "bias column missing": (images(5, 8)[0][:, 1:], "you left out the bias column: X1 starts with "
                                                            "a column of 1s"),
            "bias column last": (np.roll(images(5, 8)[0], -1, axis=1), "the bias column comes first, before "
                                                                       "the pixels"),
            "counted from 1": (images(6, 9)[0], COUNTED_FROM_1),
            "the notebook's images": (images(1, 4)[0], SAMPLE),
            "one image early": (images(4, 7)[0], ONE_EARLY)})

numeric("01.2", "One-hot Y for training images 5-8",
        "A row per image, a column per class: [1, 0] for stairs, [0, 1] for not stairs.",
        expected=lambda: images(5, 8)[1], shape="a 4 x 2 matrix: a row per image, columns [stairs, not stairs]",
        mistakes=lambda: {
            "columns swapped": (images(5, 8)[1][:, ::-1], "the columns are swapped: column 1 is stairs, "
                                                          "column 2 not stairs"),
            "labels, not one-hot": (images(5, 8)[1][:, :1], "that is the IsStairs column; one-hot has a "
                                                            "column per class"),
            "counted from 1": (images(6, 9)[1], COUNTED_FROM_1),
            "the notebook's images": (images(1, 4)[1], SAMPLE),
            "one image early": (images(4, 7)[1], ONE_EARLY)})
