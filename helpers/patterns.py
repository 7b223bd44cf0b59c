"""Four 2x2 patterns: stairs, floor, ceiling, something else (numpy only).

The article treats stairs as a two-class problem with softmax outputs so that it can grow
to more classes, and names them: stairs, floor, ceiling and something else. This module
makes such a data set at random, by fixed rules, and reads it back from data/.

Pixels are in reading order R1C1, R1C2, R2C1, R2C2 (x1..x4), 0 = white .. 255 = black.
A pixel is DARK when its intensity is 150-255 and LIGHT when it is 0-10 (the ranges of the
stairs data). The rules, one per class, in the order of the Label column and of Y's columns:

    0 stairs          one top pixel dark and the other light, both bottom pixels dark
    1 floor           both top pixels light, both bottom pixels dark
    2 ceiling         both top pixels dark, both bottom pixels light
    3 something else  any image that matches none of the three rules above

No image matches two rules (dark and light do not overlap), so pattern_of(X) gives the one
class every image belongs to. make_patterns draws the pixels of a class uniformly from the
ranges its rule allows (stairs: left or right stairs with equal chance); an image of
"something else" is four uniform intensities 0-255, drawn again while it matches a rule.
"""

import numpy as np

from helpers import checks, data

CLASSES = ["stairs", "floor", "ceiling", "something else"]  # Label 0..3, the columns of Y
DARK = (150, 255)  # inclusive intensity ranges
LIGHT = (0, 10)


def is_dark(X):
    """True where a pixel is dark (150-255)."""
    return (X >= DARK[0]) & (X <= DARK[1])


def is_light(X):
    """True where a pixel is light (0-10)."""
    return (X >= LIGHT[0]) & (X <= LIGHT[1])


def pattern_of(X):
    """The class (0..3) each image's pixels belong to, by the rules; X is n x 4 intensities 0-255."""
    X = checks.array(X, "X", ndim=2)
    if X.shape[1] != 4:
        raise ValueError(f"X must be n x 4 (pixels R1C1, R1C2, R2C1, R2C2), got shape {X.shape}")
    outside = (X < 0) | (X > 255)
    if outside.any():
        i, j = np.argwhere(outside)[0]
        raise ValueError(f"X holds pixel intensities 0-255: X[{i}, {j}] = {X[i, j]:g}")
    dark, light = is_dark(X), is_light(X)
    top_dark, top_light = dark[:, :2], light[:, :2]
    bottom_dark, bottom_light = dark[:, 2:].all(axis=1), light[:, 2:].all(axis=1)
    one_dark_one_light = (top_dark[:, 0] & top_light[:, 1]) | (top_light[:, 0] & top_dark[:, 1])
    labels = np.full(len(X), 3)
    labels[one_dark_one_light & bottom_dark] = 0
    labels[top_light.all(axis=1) & bottom_dark] = 1
    labels[top_dark.all(axis=1) & bottom_light] = 2
    return labels


def make_patterns(n, rng):
    """n images (n x 4 integer pixels) and their labels (0..3), each class n/4 times
    (the first n % 4 classes once more), in random order. rng is a numpy Generator or a seed."""
    n = checks.count(n, "n", 1, 10**7)
    rng = checks.generator(rng)
    labels = rng.permutation(np.arange(n) % 4)
    X = np.empty((len(labels), 4), dtype=int)
    for i, label in enumerate(labels):
        X[i] = draw_image(label, rng)
    return X, labels


def draw_image(label, rng):
    """One image (4 integer pixels) that follows the rule of class `label` (0..3)."""
    label = checks.count(label, "label", 0, len(CLASSES) - 1)
    rng = checks.generator(rng)

    def dark(size):
        return rng.integers(DARK[0], DARK[1] + 1, size)

    def light(size):
        return rng.integers(LIGHT[0], LIGHT[1] + 1, size)

    if label == 0:  # stairs: the dark top pixel is left or right
        top = np.concatenate([dark(1), light(1)])
        return np.concatenate([top if rng.random() < 0.5 else top[::-1], dark(2)])
    if label == 1:
        return np.concatenate([light(2), dark(2)])
    if label == 2:
        return np.concatenate([dark(2), light(2)])
    while True:  # something else: uniform pixels that match none of the rules
        pixels = rng.integers(0, 256, 4)
        if pattern_of(pixels[None, :])[0] == 3:
            return pixels


def load_patterns(split):
    """The "train" (400 images) or "test" (200 images) split of data/patterns_*.csv as
    (ids, X, Y): X n x 4 pixel floats, Y n x 4 one-hot in the order of CLASSES."""
    split = checks.one_of(split, "split", ["train", "test"])
    return _read_patterns(data.data_dir() / f"patterns_{split}.csv")


def _read_patterns(path):
    """A CSV file of four-pattern images (ImageId, R1C1, R1C2, R2C1, R2C2, Label); ValueError
    naming the file and line of anything malformed."""
    ids, X, labels = data.read_images(path, data.PIXELS, "Label", n_classes=len(CLASSES))
    return data.Images(ids, X, np.eye(len(CLASSES))[labels])
