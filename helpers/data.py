"""The data the notebooks read, from the repository's data/ folder (numpy only).

    load_stairs("train")     the 400 training (or 100 test) stairs images: ids, X, Y
    stairs("scaled")         the same as the network reads them: X1 (bias column added), Y, and
                             the test images; pixels "raw" (0-255) or "scaled" (divided by 255)
    article_weights()        the initial W1, W2 the article prints; companion_weights() the R
                             script's
    load_digits(), split()   the 8x8 handwritten digits, and a stratified train / test split

A stairs CSV row is one 2x2 image: ImageId, the pixels R1C1, R1C2, R2C1, R2C2 (0 = white ..
255 = black, in reading order: x1..x4) and IsStairs (1 or 0). Every reader checks its file
and names the file, line and column of anything malformed.
"""

import csv
import errno
import importlib.metadata
import itertools
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np

from helpers import checks

PIXELS = ["R1C1", "R1C2", "R2C1", "R2C2"]
CLASSES = ["stairs", "not stairs"]  # the columns of Y and Yhat


SHARE = Path("share", "nn-worked-example", "data")  # where `pip install .` puts data/ (pyproject.toml)


def data_dir():
    """The folder of the data files: data/ beside the helpers package in a clone of the
    repository (also with `pip install -e .`), or wherever `pip install .` put them: the
    installation's RECORD lists them (<prefix>/share/..., or the user base's with --user);
    `pip install --target DIR` puts them in DIR/share/nn-worked-example/data."""
    site = Path(__file__).resolve().parent.parent  # the clone, or the folder holding helpers/
    looked = []
    for folder in itertools.chain([site / "data", site / SHARE], _recorded_places(site)):
        if (folder / "stairs_train.csv").is_file():
            return folder
        looked.append(str(folder))
    raise ValueError(
        f"the data files were not found: helpers is installed at {Path(__file__).parent} without "
        f"the repository's data/ folder (looked in {', '.join(looked)}). "
        "From a clone of the repository, run `make lab`, or `pip install -e .` in the clone's folder.")


def _recorded_places(site):
    """The folders where pip put this distribution's stairs_train.csv, as its RECORD says."""
    for dist in importlib.metadata.distributions(path=[str(site)]):
        if dist.metadata["Name"] == "nn-worked-example":
            recorded = [f for f in dist.files or [] if f.name == "stairs_train.csv"]
            yield from (Path(dist.locate_file(f)).resolve().parent for f in recorded)


class Images(NamedTuple):
    ids: np.ndarray  # ImageId, n integers
    X: np.ndarray  # n x (pixels) intensities, floats
    Y: np.ndarray  # n x (classes) one-hot


def load_stairs(split):
    """The "train" (400 images) or "test" (100 images) stairs images as (ids, X, Y); Y's columns
    are [stairs, not stairs]."""
    split = checks.one_of(split, "split", ["train", "test"])
    return _read_stairs(data_dir() / f"stairs_{split}.csv")


def _read_stairs(path):
    """A CSV file of stairs images (columns ImageId, R1C1, R1C2, R2C1, R2C2, IsStairs)."""
    ids, X, labels = read_images(path, PIXELS, "IsStairs", n_classes=2)
    return Images(ids, X, np.column_stack([labels == 1, labels == 0]).astype(float))


def read_images(path, pixel_columns, label_column, n_classes, max_pixel=255):
    """ids, pixels (n x len(pixel_columns) floats) and integer labels of an image CSV whose
    header holds exactly ImageId, the pixel columns and the label column, each once.
    ImageIds are distinct whole numbers >= 1, pixels whole numbers 0..max_pixel and labels
    0..n_classes-1, written in plain digits; anything else is a ValueError with file and line."""
    path = file_path(path)
    n_classes = checks.count(n_classes, "n_classes", 1)
    max_pixel = checks.count(max_pixel, "max_pixel", 1)
    text = _read_text(path, "save it as CSV in UTF-8")
    reader = csv.reader(text.splitlines(), strict=True)
    wanted = ["ImageId", *pixel_columns, label_column]
    try:
        header = next(reader, [])
        check_header(path, header, wanted)
        order = [header.index(name) for name in wanted]
        rows, seen = [], {}
        for fields in reader:
            line = reader.line_num
            if not fields:
                continue  # a blank line
            if len(fields) != len(header):
                raise ValueError(f"{path}, line {line}: {len(fields)} fields, but the header has {len(header)}")
            row = [whole_number(fields[i], name, path, line) for i, name in zip(order, wanted)]
            check_row(path, line, row, seen, max_pixel, n_classes, label_column)
            rows.append(row)
    except csv.Error as error:  # an unclosed quote, for example
        raise ValueError(f"{path}, line {reader.line_num}: not valid CSV ({error})") from None
    if not rows:
        raise ValueError(f"{path}: no images, only a header")
    table = np.array(rows)
    return table[:, 0], table[:, 1:-1].astype(float), table[:, -1]


def file_path(path):
    """path as a pathlib.Path, else ValueError: a str or a Path (os.PathLike) names a file."""
    if not isinstance(path, (str, os.PathLike)):
        raise ValueError(f"path must be a file's path (a str or a pathlib.Path), got {checks.describe(path)}")
    return Path(path)


# What an OSError's errno means for a path that should be a readable file.
NOT_A_FILE = {errno.ENOENT: "no such file", errno.EISDIR: "a folder, not a file",
              errno.ELOOP: "a loop of symbolic links, not a file", errno.ENOTDIR: "no such file (a part of the path is not a folder)",
              errno.EACCES: "cannot be read: permission denied", errno.EPERM: "cannot be read: permission denied"}


def _read_text(path, advice):
    """The UTF-8 text of the file at path (a leading byte-order mark, as Excel writes, is
    skipped), else ValueError naming the path and what is there instead; advice ends the
    message about a file that is not UTF-8."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        what = NOT_A_FILE.get(error.errno, f"cannot be read ({error.strerror})")
        if error.errno == errno.ENOENT and path.is_symlink():
            what = "a symbolic link to a file that does not exist"
        raise ValueError(f"{path}: {what}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(f"{path}: not UTF-8 text (byte {error.start} is {error.object[error.start]:#x}); "
                         f"{advice}") from None


def check_header(path, header, wanted):
    """ValueError unless the header holds each wanted column exactly once and nothing else."""
    twice = sorted({name for name in header if header.count(name) > 1})
    missing = [name for name in wanted if name not in header]
    extra = [name for name in header if name not in wanted]
    if twice or missing or extra:
        problems = [f"{what} {', '.join(names)}" for what, names in
                    (("column(s) twice:", twice), ("missing column(s):", missing), ("unknown column(s):", extra))
                    if names]
        raise ValueError(f"{path}, line 1: {'; '.join(problems)}; the header must be {','.join(wanted)}")


def whole_number(text, column, path, line):
    """The whole number >= 0 written in plain digits 0-9 in text, else ValueError."""
    if not (text.isascii() and text.isdigit()):
        raise ValueError(f"{path}, line {line}: {column} must be a whole number written in digits, got {text!r}")
    if len(text) > 9:  # nothing here needs more; Python refuses to read ints of over 4300 digits
        raise ValueError(f"{path}, line {line}: {column} must be below 1000000000, got {len(text)} digits")
    return int(text)


def check_row(path, line, row, seen, max_pixel, n_classes, label_column):
    """ValueError unless a row's id is new and >= 1 and its pixels and label are in range."""
    image_id, pixels, label = row[0], row[1:-1], row[-1]
    if image_id < 1 or image_id in seen:
        why = "must be >= 1" if image_id < 1 else f"already used on line {seen[image_id]}"
        raise ValueError(f"{path}, line {line}: ImageId {image_id} {why}")
    seen[image_id] = line
    if max(pixels) > max_pixel:
        raise ValueError(f"{path}, line {line}: pixel values must be 0-{max_pixel}, got {pixels}")
    if label >= n_classes:
        raise ValueError(f"{path}, line {line}: {label_column} must be 0..{n_classes - 1}, got {label}")


# --- the stairs images as the network reads them -------------------------------------------------

SCALINGS = {"raw": 1.0, "scaled": 255.0}  # pixels are divided by this


class Dataset(NamedTuple):
    X1: np.ndarray  # training images, bias column first
    Y: np.ndarray
    X1_test: np.ndarray  # test images, bias column first
    Y_test: np.ndarray


def stairs(pixels="scaled"):
    """The 400 training and 100 test images as the network reads them: X1 (bias column added)
    and one-hot Y, pixels "raw" (0-255, as in the article) or "scaled" (divided by 255, so in
    [0, 1]). Loaded once and shared, so the arrays are read-only for good: copy one to change it."""
    return _stairs(checks.one_of(pixels, "pixels", list(SCALINGS)))


@lru_cache(maxsize=None)
def _stairs(pixels):
    """stairs(pixels), loaded once (pixels is checked before: the cache needs a str)."""
    divisor = SCALINGS[pixels]
    train, test = load_stairs("train"), load_stairs("test")
    arrays = [add_bias_column(train.X / divisor), train.Y, add_bias_column(test.X / divisor), test.Y]
    return Dataset(*map(_frozen, arrays))


def _frozen(A):
    """A copy of A that nothing can change: its memory is a bytes object, so numpy refuses to
    make it writeable (a plain read-only array could be made writeable again)."""
    return np.frombuffer(A.tobytes(), dtype=A.dtype).reshape(A.shape)


def add_bias_column(X):
    """[1, X] (nn.add_bias does the same for the notebooks; data sits below nn, so it has its own)."""
    return np.concatenate([np.ones((len(X), 1)), X], axis=1)


# --- the starting weights --------------------------------------------------------------------------


def article_weights():
    """The initial W1 (5x2) and W2 (3x2) the article prints (5 decimals), row 0 the bias row."""
    return load_weights(data_dir() / "article_weights.json")


def companion_weights():
    """The same draws as the article's companion R script prints them (set.seed(1), runif)."""
    return load_weights(data_dir() / "companion_init.json")


def load_weights(path):
    """W1 and W2 from a JSON file {"W1": [[...], ...], "W2": [[...], ...]}; their shapes must
    chain (W2 has a row more than W1 has columns)."""
    path = file_path(path)
    text = _read_text(path, "save it as JSON in UTF-8")
    try:
        saved = json.loads(text, object_pairs_hook=lambda pairs: _unique_keys(path, pairs))
    except json.JSONDecodeError as error:
        raise ValueError(f"{path}: cannot read weights ({error})") from None
    missing = [key for key in ("W1", "W2") if not isinstance(saved, dict) or key not in saved]
    if missing:
        raise ValueError(f"{path}: missing {' and '.join(missing)}; expected {{\"W1\": [[...]], \"W2\": [[...]]}}")
    for key in ("W1", "W2"):
        where = _first_bool(saved[key])
        if where is not None:  # json reads true, false as bools; numpy would take them as 1.0, 0.0
            raise ValueError(f"{path}: {key}{''.join(f'[{i}]' for i in where[0])} is {where[1]}, "
                             "but weights must be numbers")
    W1, W2 = (checks.array(saved[key], f"{path.name}'s {key}", ndim=2) for key in ("W1", "W2"))
    if W2.shape[0] != W1.shape[1] + 1:
        raise ValueError(f"{path}: W1 is {W1.shape[0]}x{W1.shape[1]}, so W2 needs {W1.shape[1] + 1} rows "
                         f"(bias + hidden nodes), but it is {W2.shape[0]}x{W2.shape[1]}")
    return W1, W2


def _unique_keys(path, pairs):
    """A JSON object's (key, value) pairs as a dict, else ValueError naming a key written twice
    (json alone would keep the last silently)."""
    keys = [key for key, _ in pairs]
    twice = sorted({key for key in keys if keys.count(key) > 1})
    if twice:
        raise ValueError(f"{path}: {', '.join(map(json.dumps, twice))} written twice; write each key once")
    return dict(pairs)


def _first_bool(value, where=()):
    """(index, "true" or "false") of the first JSON true or false in nested lists, else None."""
    if isinstance(value, bool):
        return where, json.dumps(value)
    if isinstance(value, list):
        for i, item in enumerate(value):
            found = _first_bool(item, (*where, i))
            if found is not None:
                return found
    return None


def article_sample():
    """The article's worked sample, training images 1-4: (ids, X, Y)."""
    ids, X, Y = load_stairs("train")
    return Images(ids[:4], X[:4], Y[:4])


# --- the handwritten digits --------------------------------------------------------------------

DIGIT_PIXELS = [f"R{r}C{c}" for r in range(1, 9) for c in range(1, 9)]


def load_digits():
    """The 1,797 handwritten digits of data/digits.csv (see data/README.md): ids, X (1797 x 64
    pixels 0-16 in reading order) and Y (1797 x 10 one-hot, column c for digit c)."""
    ids, X, labels = read_images(data_dir() / "digits.csv", DIGIT_PIXELS, "Digit", n_classes=10, max_pixel=16)
    return Images(ids, X, np.eye(10)[labels])


def split(images, test_fraction, rng):
    """(train, test): a stratified split of images (ids, X, Y): of each class, a random
    test_fraction of its images (rounded) goes to test. rng is a numpy Generator or a seed.
    Both parts keep the original order; neither may be empty."""
    if not (isinstance(images, tuple) and len(images) == 3):
        raise ValueError(f"images must be (ids, X, Y), as load_digits() returns them, got {checks.describe(images)}")
    ids, X, Y = images
    X, Y = checks.array(X, "X", ndim=2), checks.one_hot(Y)
    if not np.shape(ids) == (len(X),) == (len(Y),):
        raise ValueError(f"images must hold one id, one row of X and one row of Y per image, got "
                         f"{len(np.atleast_1d(ids))} ids, {len(X)} rows of X and {len(Y)} rows of Y")
    ids = np.asarray(ids)
    test_fraction = checks.number(test_fraction, "test_fraction", low=0, high=1, low_open=True)
    rng = checks.generator(rng)
    labels = Y.argmax(axis=1)
    test = np.zeros(len(labels), dtype=bool)
    for c in np.unique(labels):
        members = rng.permutation(np.flatnonzero(labels == c))
        test[members[:round(test_fraction * len(members))]] = True
    if test.all() or not test.any():
        raise ValueError(f"test_fraction = {test_fraction:g} gives {(~test).sum()} training and {test.sum()} test "
                         f"images (of {len(test)}); each part needs at least one image")
    return Images(ids[~test], X[~test], Y[~test]), Images(ids[test], X[test], Y[test])
