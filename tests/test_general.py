"""Beyond the worked example: any (d, h, k), sigmoid or ReLU, the four-pattern data,
confusion matrices, the progress bar and the new plots."""

import importlib.util
import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers import data, nn, patterns, plots, progress  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = json.loads((ROOT / "data" / "article_worked_example.json").read_text())


def mean_ce(X1, Y, W1, W2, activation):
    return nn.cross_entropy(nn.forward(X1, W1, W2, activation).Yhat, Y).mean()


def numeric_gradient(X1, Y, W1, W2, activation, which, eps=1e-6):
    """d mean(CE) / d W by central differences, one weight at a time."""
    if which == 1:
        return nn.central_difference(lambda W: mean_ce(X1, Y, W, W2, activation), W1, eps)
    return nn.central_difference(lambda W: mean_ce(X1, Y, W1, W, activation), W2, eps)


def random_problem(d, h, k, n=7, seed=0):
    rng = np.random.default_rng(seed)
    X1 = nn.add_bias(rng.uniform(-1, 1, size=(n, d)))
    Y = np.eye(k)[rng.integers(0, k, n)]
    W1, W2 = nn.init_weights(rng, d, h, k, scale=0.8)
    return X1, Y, W1, W2


# --- gradients ------------------------------------------------------------------------


@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
@pytest.mark.parametrize("d, h, k", [(4, 2, 2), (1, 1, 3), (3, 5, 4), (6, 3, 10), (64, 4, 10)])
def test_gradients_match_central_differences(d, h, k, activation):
    X1, Y, W1, W2 = random_problem(d, h, k, seed=d * 100 + h * 10 + k)
    if activation == "relu":  # no Z1 on ReLU's kink, where the derivative is undefined
        assert np.abs(X1 @ W1).min() > 1e-4
    grad = nn.backward(X1, Y, W1, W2, activation)
    assert grad.W1.shape == W1.shape and grad.W2.shape == W2.shape
    np.testing.assert_allclose(grad.W1, numeric_gradient(X1, Y, W1, W2, activation, 1), rtol=1e-5, atol=1e-8)
    np.testing.assert_allclose(grad.W2, numeric_gradient(X1, Y, W1, W2, activation, 2), rtol=1e-5, atol=1e-8)


def test_relu_and_its_derivative():
    Z = np.array([[-2.0, 0.0, 3.0]])
    np.testing.assert_array_equal(nn.relu(Z), [[0, 0, 3]])
    np.testing.assert_array_equal(nn.relu_prime(nn.relu(Z)), [[0, 0, 1]])


def test_relu_hidden_layer_in_forward():
    X1, _, W1, W2 = random_problem(3, 4, 2)
    fwd = nn.forward(X1, W1, W2, "relu")
    np.testing.assert_allclose(fwd.X2[:, 1:], np.maximum(X1 @ W1, 0))
    np.testing.assert_allclose(fwd.Yhat.sum(axis=1), 1)


# --- the article's 5-2-2 case still holds -----------------------------------------------------


def test_article_reference_unchanged():
    ref = {key: np.array(value) for key, value in REFERENCE.items() if not key.startswith("_")}
    fwd = nn.forward(ref["X1"], ref["W1"], ref["W2"])
    grad = nn.backward(ref["X1"], ref["Y"], ref["W1"], ref["W2"])
    for name, value in [("Z1", fwd.Z1), ("X2", fwd.X2), ("Yhat", fwd.Yhat),
                        ("grad_Z1", grad.Z1), ("grad_W1", grad.W1), ("grad_W2", grad.W2),
                        ("W1_updated", nn.update(ref["W1"], grad.W1, 0.1)),
                        ("W2_updated", nn.update(ref["W2"], grad.W2, 0.1))]:
        np.testing.assert_allclose(value, ref[name], atol=5.01e-6, err_msg=name)


# --- bad input -------------------------------------------------------------------------------


def test_unknown_activation_raises_everywhere():
    X1, Y, W1, W2 = random_problem(3, 2, 3)
    for call in (lambda: nn.forward(X1, W1, W2, "tanh"), lambda: nn.backward(X1, Y, W1, W2, "tanh"),
                 lambda: nn.predict(X1, W1, W2, "tanh"), lambda: nn.accuracy(X1, Y, W1, W2, "tanh"),
                 lambda: nn.train(X1, Y, W1, W2, epochs=2, activation="tanh")):
        with pytest.raises(ValueError, match="unknown activation 'tanh'"):
            call()


def test_bad_shapes_raise():
    X1, Y, W1, W2 = random_problem(3, 2, 3)
    with pytest.raises(ValueError, match="W1 needs 4 rows"):
        nn.forward(X1, W1[:3], W2)
    with pytest.raises(ValueError, match="W2 needs 3 rows"):
        nn.forward(X1, W1, np.vstack([W2, W2[:1]]))
    with pytest.raises(ValueError, match="Y must be 7x3 .* got 7x4"):
        nn.backward(X1, np.hstack([Y, np.zeros((7, 1))]), W1, W2)
    with pytest.raises(ValueError, match="Y must be 7x3"):
        nn.train(X1, Y[:5], W1, W2, epochs=1)
    with pytest.raises(ValueError, match="n_hidden must be a whole number >= 1"):
        nn.init_weights(0, 3, 0, 3)
    with pytest.raises(ValueError, match="batch_size"):
        nn.train(X1, Y, W1, W2, epochs=1, batch_size=0)


def test_init_weights_any_shape():
    W1, W2 = nn.init_weights(1, n_inputs=64, n_hidden=32, n_classes=10, scale=0.1)
    assert W1.shape == (65, 32) and W2.shape == (33, 10)
    assert np.abs(W1).max() <= 0.1 and np.abs(W2).max() <= 0.1


# --- confusion matrix -----------------------------------------------------------------------


def test_confusion_matrix_counts():
    C = nn.confusion_matrix([0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 0, 2], n_classes=3)
    np.testing.assert_array_equal(C, [[1, 1, 0], [0, 1, 0], [1, 0, 2]])
    assert C.sum() == 6


def test_confusion_matrix_bad_input():
    with pytest.raises(ValueError, match="equally long"):
        nn.confusion_matrix([0, 1], [0], 2)
    with pytest.raises(ValueError, match=r"predicted\[1\] = 5 is not a class number 0..2"):
        nn.confusion_matrix([0, 1], [0, 5], 3)


# --- the four-pattern generator -------------------------------------------------------------


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


def test_generator_bad_n():
    with pytest.raises(ValueError, match="n must be a whole number >= 1"):
        patterns.make_patterns(0, 1)
    with pytest.raises(ValueError, match="n x 4"):
        patterns.pattern_of(np.zeros((3, 5)))


def load_script():
    spec = importlib.util.spec_from_file_location("make_patterns", ROOT / "scripts" / "make_patterns.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_csv_files_are_what_the_script_writes(tmp_path):
    script = load_script()
    for path in script.main(out_dir=tmp_path):
        assert path.read_bytes() == (ROOT / "data" / path.name).read_bytes(), path.name


def test_load_patterns():
    for split, n in (("train", 400), ("test", 200)):
        ids, X, Y = patterns.load_patterns(split)
        assert X.shape == (n, 4) and Y.shape == (n, 4)
        np.testing.assert_array_equal(Y.sum(axis=0), [n / 4] * 4)
        np.testing.assert_array_equal(patterns.pattern_of(X), Y.argmax(axis=1))
    train_ids, test_ids = patterns.load_patterns("train").ids, patterns.load_patterns("test").ids
    assert len(set(train_ids) | set(test_ids)) == 600


HEADER = "ImageId,R1C1,R1C2,R2C1,R2C2,Label\n"


@pytest.mark.parametrize("text, message", [
    (HEADER + "1,200,5,160,170,4\n", r"line 2: Label must be 0..3, got 4"),
    (HEADER + "1,200,5,160,170,0\n2,256,5,160,170,0\n", r"line 3: pixel values must be 0-255"),
    (HEADER + "1,200,x,160,170,0\n", r"line 2: R1C2 must be a whole number, got 'x'"),
    ("ImageId,R1C1,R1C2,R2C1,R2C2,IsStairs\n1,2,3,4,5,0\n", r"missing column\(s\) Label"),
    (HEADER, r"no images, only a header"),
])
def test_load_patterns_bad_files(tmp_path, text, message):
    path = tmp_path / "bad.csv"
    path.write_text(text)
    with pytest.raises(ValueError, match=message) as error:
        patterns.load_patterns(path=path)
    assert "bad.csv" in str(error.value)


def test_load_patterns_bad_split_and_missing_file(tmp_path):
    with pytest.raises(ValueError, match="split must be 'train' or 'test'"):
        patterns.load_patterns("validation")
    with pytest.raises(ValueError, match="no such file"):
        patterns.load_patterns(path=tmp_path / "absent.csv")


# --- training beyond 5-2-2 ------------------------------------------------------------------


def test_five_h_four_learns_the_patterns():
    _, X, Y = patterns.load_patterns("train")
    _, X_test, Y_test = patterns.load_patterns("test")
    X1, X1_test = nn.add_bias(X / 255), nn.add_bias(X_test / 255)
    W1, W2 = nn.init_weights(0, 4, 8, 4, scale=0.5)
    trained = nn.train(X1, Y, W1, W2, stepsize=3.0, epochs=2000)
    assert trained.history.diverged_at is None
    # the rules leave nothing to chance but the boundary cases of "something else"
    assert nn.accuracy(X1_test, Y_test, trained.W1, trained.W2) >= 0.95


@pytest.mark.parametrize("activation, stepsize", [("sigmoid", 0.3), ("relu", 0.05)])
def test_digits_reach_the_goal(activation, stepsize):
    """Notebook 11's runs: at least 0.97 on a 25% stratified hold-out of load_digits."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    digits = load_digits()
    X_train, X_test, y_train, y_test = train_test_split(
        digits.data / 16, digits.target, test_size=0.25, stratify=digits.target, random_state=0)
    rng = np.random.default_rng(0)
    W1, W2 = nn.init_weights(rng, 64, 32, 10, scale=0.1)
    trained = nn.train(nn.add_bias(X_train), np.eye(10)[y_train], W1, W2, stepsize=stepsize,
                       epochs=100, batch_size=16, rng=rng, activation=activation)
    accuracy = nn.accuracy(nn.add_bias(X_test), np.eye(10)[y_test], trained.W1, trained.W2, activation)
    assert accuracy >= 0.97


# --- progress bar ---------------------------------------------------------------------------


def test_progress_bar_appears_only_after_its_delay(capsys):
    quiet = progress.bar(10, after=3600)
    quiet(0, 1.0)
    assert quiet.widget is None
    shown = progress.bar(10, label="run", after=0)
    shown(0, 2.0)
    shown(9, 0.123456)
    assert shown.widget is not None
    assert shown.bar.value == 10 and shown.bar.max == 10
    assert shown.text.value == "epoch 10/10, loss 0.12346"
    capsys.readouterr()  # outside a notebook, display() prints the widget's repr


def test_progress_bar_bad_input():
    with pytest.raises(ValueError, match="epochs must be a whole number >= 1"):
        progress.bar(0)
    with pytest.raises(ValueError, match="after must be a number of seconds >= 0"):
        progress.bar(5, after=-1)


def test_train_calls_progress():
    X1, Y, W1, W2 = random_problem(3, 2, 3)
    calls = []
    trained = nn.train(X1, Y, W1, W2, epochs=250, progress=lambda epoch, loss: calls.append((epoch, loss)))
    assert 50 <= len(calls) <= 150 and calls[-1][0] == 249
    assert calls[-1][1] == trained.history.loss[-1]


# --- plots ------------------------------------------------------------------------------------


def test_draw_confusion_and_weight_images():
    fig, ax = plt.subplots()
    plots.draw_confusion(ax, np.array([[3, 1], [0, 4]]), ["a", "b"])
    assert [t.get_text() for t in ax.texts] == ["3", "1", "0", "4"]
    with pytest.raises(ValueError, match="C must be 3x3"):
        plots.draw_confusion(ax, np.eye(2), ["a", "b", "c"])
    plt.close(fig)
    W1 = np.zeros((65, 5))
    W1[1 + 9, 3] = -2.0  # node 4 (h_4): pixel (1, 1) negative, the rest 0
    fig = plots.draw_weight_images(W1, suptitle="W1")
    (ax,) = fig.axes
    assert [t.get_text() for t in ax.texts] == [f"$h_{{{j}}}$" for j in range(1, 6)]
    mosaic = ax.images[0].get_array()
    tiles = [mosaic[2:10, j * 9:j * 9 + 8] for j in range(5)]  # 8x8 tiles below a 2-row gap, 1 column apart
    assert all(not np.ma.getmaskarray(tile).any() for tile in tiles)
    assert tiles[3][1, 1] == -1 and np.abs(tiles[3]).sum() == 1 and not np.abs(tiles[0]).any()
    plt.close(fig)
    with pytest.raises(ValueError, match="square number"):
        plots.draw_weight_images(np.ones((6, 2)))
    with pytest.raises(ValueError, match="2 titles for 3 hidden nodes"):
        plots.draw_weight_images(np.ones((5, 3)), titles=["a", "b"])
