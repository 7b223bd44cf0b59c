"""helpers/patterns.py: the four-pattern images of notebook 10 (stairs, floor, ceiling,
something else), their rules, their generator and their files."""

import importlib.util

import numpy as np
import pytest

from helpers import nn, patterns, training
from tests.conftest import ROOT, bad, check_bad_input


@pytest.mark.parametrize("pixels, label", [
    ([200, 5, 160, 170], 0), ([5, 200, 160, 170], 0),  # stairs, dark top-left or top-right
    ([150, 10, 150, 255], 0), ([0, 255, 255, 150], 0),  # the ranges' ends are included
    ([3, 4, 200, 200], 1), ([0, 10, 150, 255], 1),      # floor
    ([200, 200, 3, 4], 2), ([255, 150, 10, 0], 2),      # ceiling
    ([200, 11, 160, 170], 3),   # top-right pixel 11 is not light
    ([200, 5, 149, 170], 3),    # bottom-left pixel 149 is not dark
    ([200, 200, 200, 200], 3), ([5, 5, 5, 5], 3), ([5, 200, 5, 200], 3),
    ([11, 4, 200, 200], 3), ([200, 200, 3, 11], 3), ([200, 149, 3, 4], 3),
])
def test_rules_by_hand(pixels, label):
    assert patterns.pattern_of(np.array([pixels]))[0] == label


def test_generator_deterministic_and_follows_rules():
    X, labels = patterns.make_patterns(203, 7)
    X2, labels2 = patterns.make_patterns(203, np.random.default_rng(7))
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(labels, labels2)
    other, _ = patterns.make_patterns(203, 8)
    assert not np.array_equal(X, other)
    assert X.shape == (203, 4) and X.min() >= 0 and X.max() <= 255
    np.testing.assert_array_equal(patterns.pattern_of(X), labels)
    np.testing.assert_array_equal(np.bincount(labels), [51, 51, 51, 50])
    stairs = X[labels == 0]  # both kinds of stairs occur
    assert patterns.is_dark(stairs[:, 0]).any() and patterns.is_dark(stairs[:, 1]).any()


def test_draw_image_follows_its_rule():
    rng = np.random.default_rng(0)
    for label in range(4):
        images = np.array([patterns.draw_image(label, rng) for _ in range(50)])
        assert (patterns.pattern_of(images) == label).all()


def load_script():
    spec = importlib.util.spec_from_file_location("make_patterns", ROOT / "scripts" / "make_patterns.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_csv_files_are_what_the_script_writes(tmp_path):
    for path in load_script().main(out_dir=tmp_path):
        assert path.read_bytes() == (ROOT / "data" / path.name).read_bytes(), path.name


def test_load_patterns():
    for split, n in (("train", 400), ("test", 200)):
        ids, X, Y = patterns.load_patterns(split)
        assert X.shape == (n, 4) and Y.shape == (n, 4)
        np.testing.assert_array_equal(Y.sum(axis=0), [n / 4] * 4)
        np.testing.assert_array_equal(patterns.pattern_of(X), Y.argmax(axis=1))
    train_ids, test_ids = patterns.load_patterns("train").ids, patterns.load_patterns("test").ids
    assert sorted([*train_ids, *test_ids]) == list(range(1, 601))


HEADER = "ImageId,R1C1,R1C2,R2C1,R2C2,Label\n"


@pytest.mark.parametrize("text, message", [
    (HEADER + "1,200,5,160,170,4\n", r"line 2: Label must be 0..3, got 4"),
    (HEADER + "1,200,5,160,170,0\n2,256,5,160,170,0\n", r"line 3: pixel values must be 0-255"),
    (HEADER + "1,200,x,160,170,0\n", r"line 2: R1C2 must be a whole number written in digits, got 'x'"),
    ("ImageId,R1C1,R1C2,R2C1,R2C2,IsStairs\n1,2,3,4,5,0\n", r"missing column\(s\): Label"),
    (HEADER, r"no images, only a header"),
])
def test_read_patterns_bad_files(tmp_path, text, message):
    path = tmp_path / "bad.csv"
    path.write_text(text)
    with pytest.raises(ValueError, match=message) as error:
        patterns._read_patterns(path)
    assert str(error.value).startswith(str(path))


@pytest.mark.slow
def test_five_h_four_learns_the_patterns():
    _, X, Y = patterns.load_patterns("train")
    _, X_test, Y_test = patterns.load_patterns("test")
    X1, X1_test = nn.add_bias(X / 255), nn.add_bias(X_test / 255)
    W1, W2 = training.init_weights(0, 4, 8, 4, scale=0.5)
    trained = training.train(X1, Y, W1, W2, stepsize=3.0, epochs=2000, measure_every=100)
    assert trained.history.diverged_at is None
    # the rules leave nothing to chance but the boundary cases of "something else"
    assert training.evaluate(X1_test, Y_test, trained.W1, trained.W2).accuracy >= 0.95


BAD_INPUTS = [  # issue 10 item 16: pattern_of labelled NaN, 300 and -5 as class 3; draw_image(7) drew
    bad(patterns.pattern_of, lambda: patterns.pattern_of([[np.nan, 0, 0, 0]]), r"^X has a NaN value at index \(0, 0\)"),
    bad(patterns.pattern_of, lambda: patterns.pattern_of([[0, 300, 0, 0]]),
        r"^X holds pixel intensities 0-255: X\[0, 1\] = 300"),
    bad(patterns.pattern_of, lambda: patterns.pattern_of([[0, 0, -5, 0]]),
        r"^X holds pixel intensities 0-255: X\[0, 2\] = -5"),
    bad(patterns.pattern_of, lambda: patterns.pattern_of(np.zeros((3, 5))),
        r"^X must be n x 4 \(pixels R1C1, R1C2, R2C1, R2C2\), got shape \(3, 5\)"),
    bad(patterns.draw_image, lambda: patterns.draw_image(7, 0),
        r"^label must be a whole number \(an int\) from 0 to 3, got 7"),
    bad(patterns.draw_image, lambda: patterns.draw_image(1, "seed"), r"^rng must be a numpy Generator"),
    bad(patterns.make_patterns, lambda: patterns.make_patterns(0, 1),
        r"^n must be a whole number \(an int\) from 1 to 1e\+07, got 0"),
    bad(patterns.load_patterns, lambda: patterns.load_patterns("validation"),
        r"^split must be one of 'train', 'test'; got 'validation'"),
]


@pytest.mark.parametrize("function, call, message", BAD_INPUTS)
def test_bad_input(function, call, message):
    check_bad_input(call, message)
