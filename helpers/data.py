"""The stairs images and the article's starting point, read from data/ (numpy only).

Each CSV row is one 2x2 grayscale image: ImageId, the pixels R1C1, R1C2, R2C1, R2C2
(0 = white .. 255 = black, in reading order: these are x1..x4) and IsStairs (1 or 0).
"""

import csv
import json
from pathlib import Path
from typing import NamedTuple

import numpy as np

DATA = Path(__file__).resolve().parent.parent / "data"
PIXELS = ["R1C1", "R1C2", "R2C1", "R2C2"]
CLASSES = ["stairs", "not stairs"]  # the columns of Y and Yhat


class Images(NamedTuple):
    ids: np.ndarray  # ImageId, n integers
    X: np.ndarray  # n x 4 pixel intensities, floats
    Y: np.ndarray  # n x 2 one-hot, columns [stairs, not stairs]


def load_stairs(split="train", path=None):
    """The "train" (400 images) or "test" (100 images) split as (ids, X, Y).
    Raises ValueError naming the file and row of anything malformed."""
    if path is None:
        if split not in ("train", "test"):
            raise ValueError(f"split must be 'train' or 'test', got {split!r}")
        path = DATA / f"stairs_{split}.csv"
    ids, X, labels = read_images(path, PIXELS, "IsStairs", n_classes=2)
    return Images(ids, X, np.column_stack([labels == 1, labels == 0]).astype(float))


def read_images(path, pixel_columns, label_column, n_classes):
    """ids, pixels (n x len(pixel_columns) floats) and integer labels of an image CSV.
    Pixels must be whole numbers 0-255 and labels whole numbers 0..n_classes-1."""
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"{path}: no such file")
    with open(path, newline="") as file:
        reader = csv.DictReader(file)
        wanted = ["ImageId", *pixel_columns, label_column]
        missing = [c for c in wanted if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: missing column(s) {', '.join(missing)}; has {reader.fieldnames}")
        rows, lines = [], []
        for row in reader:
            rows.append([whole_number(row, c, path, reader.line_num) for c in wanted])
            lines.append(reader.line_num)
    if not rows:
        raise ValueError(f"{path}: no images, only a header")
    table = np.array(rows)
    for line, row in zip(lines, table):
        pixels, label = row[1:-1], row[-1]
        if ((pixels < 0) | (pixels > 255)).any():
            raise ValueError(f"{path}, line {line}: pixel values must be 0-255, got {pixels.tolist()}")
        if not 0 <= label < n_classes:
            raise ValueError(f"{path}, line {line}: {label_column} must be 0..{n_classes - 1}, got {label}")
    return table[:, 0], table[:, 1:-1].astype(float), table[:, -1]


def whole_number(row, column, path, line):
    """The integer in row[column], else ValueError naming the file, line and column."""
    text = row[column]
    try:
        return int(text)
    except (TypeError, ValueError):
        raise ValueError(f"{path}, line {line}: {column} must be a whole number, got {text!r}") from None


def article_weights():
    """The initial W1 (5x2) and W2 (3x2) the article prints, row 0 the bias row."""
    return load_weights(DATA / "article_weights.json")


def companion_weights():
    """The initial W1, W2 of the article's companion R script (set.seed(1), runif)."""
    return load_weights(DATA / "companion_init.json")


def load_weights(path):
    saved = json.loads(Path(path).read_text())
    return np.array(saved["W1"], dtype=float), np.array(saved["W2"], dtype=float)


def article_sample():
    """The article's worked sample, training images 1-4: (ids, X, Y)."""
    ids, X, Y = load_stairs("train")
    return Images(ids[:4], X[:4], Y[:4])
