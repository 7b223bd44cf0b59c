"""Write data/patterns_train.csv (400 images) and data/patterns_test.csv (200 images).

A four-class version of the stairs data: 2x2 grayscale images labelled
0 stairs, 1 floor, 2 ceiling, 3 something else. A pixel is dark at 150-255 and light at 0-10
(0 = white, 255 = black), and the classes follow these rules:

    0 stairs          one top pixel dark and the other light, both bottom pixels dark
    1 floor           both top pixels light, both bottom pixels dark
    2 ceiling         both top pixels dark, both bottom pixels light
    3 something else  four uniform intensities 0-255 that match none of the rules above

Each class is a quarter of each file. The generator is helpers.patterns.make_patterns; it is
seeded (SEED below), so running this script again writes the same files byte for byte:

    .venv/bin/python scripts/make_patterns.py
"""

import csv
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a clone without `pip install -e .` too

from helpers import data, patterns  # noqa: E402

SEED = 2017  # the year of the article
N_TRAIN, N_TEST = 400, 200


def rows(seed=SEED):
    """The CSV rows (without header) of train and test: ImageId, 4 pixels, Label."""
    rng = np.random.default_rng(seed)
    tables, first_id = [], 1
    for n in (N_TRAIN, N_TEST):  # one draw per file, so each is balanced; ids run on
        X, labels = patterns.make_patterns(n, rng)
        tables.append([[first_id + i, *map(int, x), int(label)] for i, (x, label) in enumerate(zip(X, labels))])
        first_id += n
    return tables


def main(out_dir=None, seed=SEED):
    """Write both files into out_dir (default: the data folder); returns their paths."""
    out_dir = data.data_dir() if out_dir is None else out_dir
    paths = []
    for split, table in zip(("train", "test"), rows(seed)):
        path = Path(out_dir) / f"patterns_{split}.csv"
        with open(path, "w", newline="") as file:
            writer = csv.writer(file, lineterminator="\n")
            writer.writerow(["ImageId", *data.PIXELS, "Label"])
            writer.writerows(table)
        paths.append(path)
    return paths


if __name__ == "__main__":
    for path in main():
        print(f"wrote {path.relative_to(ROOT)}")
