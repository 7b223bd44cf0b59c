"""helpers/ui/plots.py: images, the network drawing, training curves, a gate's line, confusion
matrices and weight images (matplotlib, without a display)."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.collections  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers import data, nn, prelude, training  # noqa: E402
from helpers.ui import plots  # noqa: E402
from tests.conftest import SCALED, bad, check_bad_input  # noqa: E402


@pytest.fixture
def ax():
    fig, ax = plt.subplots()
    yield ax
    plt.close(fig)


def test_draw_image_writes_the_pixels(ax):
    plots.draw_image(ax, [252, 4, 155, 175], title="image 1", values=True)
    assert [t.get_text() for t in ax.texts] == ["252", "4", "155", "175"]
    np.testing.assert_array_equal(ax.images[0].get_array(), [[252, 4], [155, 175]])
    assert ax.get_title() == "image 1"


def test_draw_images_makes_a_grid():
    fig = plots.draw_images(np.arange(5 * 4).reshape(5, 4), titles=list("abcde"), ncols=2)
    assert len(fig.axes) == 6  # 3 rows of 2, the last one empty
    assert [ax.get_title() for ax in fig.axes[:5]] == list("abcde") and not fig.axes[5].axison
    plt.close(fig)


def test_draw_network_labels_every_weight(ax):
    W1, W2 = data.article_weights()
    plots.draw_network(W1, W2, inputs=["R1C1", "R1C2", "R2C1", "R2C2"], ax=ax)
    labels = [t.get_text() for t in ax.texts]
    for w in (*W1.ravel(), *W2.ravel()):
        assert f"{w:.5f}" in labels or f"{w + 0.0:.5f}" in labels
    assert "R2C2" in labels


def test_draw_curves_puts_the_measures_at_their_epochs(ax):
    W1, W2 = data.companion_weights()
    history = training.train(SCALED.X1, SCALED.Y, W1, W2, 1.0, 23, X1_test=SCALED.X1_test,
                             Y_test=SCALED.Y_test, measure_every=5).history
    plots.draw_curves(ax, history, "loss", label="run")
    train, test = ax.lines
    np.testing.assert_array_equal(train.get_xdata(), [0, 5, 10, 15, 20, 23])
    np.testing.assert_array_equal(train.get_ydata(), history.loss)
    np.testing.assert_array_equal(test.get_ydata(), history.test_loss)
    assert [train.get_label(), test.get_label()] == ["run train", "run test"]


def test_draw_confusion_and_weight_images(ax):
    plots.draw_confusion(ax, np.array([[3, 1], [0, 4]]), ["a", "b"])
    assert [t.get_text() for t in ax.texts] == ["3", "1", "0", "4"]
    W1 = np.zeros((65, 5))
    W1[1 + 9, 3] = -2.0  # node 4 (h_4): pixel (1, 1) negative, the rest 0
    fig = plots.draw_weight_images(W1, suptitle="W1")
    (mosaic_ax,) = fig.axes
    assert [t.get_text() for t in mosaic_ax.texts] == [f"$h_{{{j}}}$" for j in range(1, 6)]
    mosaic = mosaic_ax.images[0].get_array()
    tiles = [mosaic[2:10, j * 9:j * 9 + 8] for j in range(5)]  # 8x8 tiles below a 2-row gap, 1 column apart
    assert all(not np.ma.getmaskarray(tile).any() for tile in tiles)
    assert tiles[3][1, 1] == -1 and np.abs(tiles[3]).sum() == 1 and not np.abs(tiles[0]).any()
    plt.close(fig)


def test_draw_gate_rings_the_wrong_points(ax):
    X, t = prelude.gate("XOR")
    plots.draw_gate(ax, X, t, [1, 1], -0.5)
    rings = [c for c in ax.collections
             if isinstance(c, matplotlib.collections.PathCollection) and c.get_facecolor().size == 0]
    assert len(rings) == 1 and rings[0].get_offsets().tolist() == [[1.0, 1.0]]


def test_the_stairs_side_of_the_hidden_plane():
    W2 = np.array([[0.0, 0.5], [1.0, 0.0], [0.0, 0.0]])  # z2_1 - z2_2 = -0.5 + h1: stairs where h1 > 0.5
    side, ends = plots.stairs_side(W2, 2, 0.0, 1.0)
    np.testing.assert_allclose(sorted(map(tuple, ends)), [(0.5, 0.0), (0.5, 1.0)])
    assert (side[:, 0] >= 0.5 - 1e-12).all() and len(side) == 4
    assert len(plots.stairs_side(W2, 3, 0.0, 1.0)[1]) == 0  # more than two nodes: no line


# --- bad input -----------------------------------------------------------------------------------

AX = plt.figure().add_subplot()
HISTORY = training.train(SCALED.X1, SCALED.Y, *data.companion_weights(), 1.0, 3).history  # no held-out set

BAD_INPUTS = [
    bad(plots.draw_images, lambda: plots.draw_images(np.ones((3, 4)), ncols=0),
        r"^ncols must be a whole number \(an int\) >= 1, got 0"),
    bad(plots.draw_images, lambda: plots.draw_images(np.ones((3, 4)), titles=["a"]), r"^got 1 titles for 3 images"),
    bad(plots.draw_images, lambda: plots.draw_images(np.ones((3, 5))),
        r"^pixels must make a square image, got 5 values"),
    bad(plots.draw_image, lambda: plots.draw_image(AX, [[1, 2], [3, 4]]), r"^pixels must be a vector \(1 dimension\)"),
    bad(plots.draw_network, lambda: plots.draw_network(np.ones((5, 2)), np.ones((2, 2)), ax=AX),
        r"^W2 needs 3 rows \(bias \+ hidden nodes\), got 2"),
    bad(plots.draw_network, lambda: plots.draw_network(np.ones((5, 2)), np.ones((3, 2)), inputs=["a"], ax=AX),
        r"^got 1 names for 4 inputs"),
    bad(plots.draw_gate, lambda: plots.draw_gate(AX, [[0, 0, 0]], [0]), r"^draw_gate needs X of shape N x 2"),
    bad(plots.draw_gate, lambda: plots.draw_gate(AX, [[0, 0]], [0, 1]), r"and 2 targets$"),
    bad(plots.draw_gate, lambda: plots.draw_gate(AX, [[0, 0]], [0], [0, 0]),
        r"^w must be two weights, not both 0, got \[0.0, 0.0\]"),
    bad(plots.draw_curves, lambda: plots.draw_curves(AX, HISTORY, "test_loss"),
        r"^what must be one of 'loss', 'accuracy'; got 'test_loss'"),
    bad(plots.draw_curves, lambda: plots.draw_curves(AX, HISTORY.loss), r"^history must be a training History"),
    bad(plots.draw_confusion, lambda: plots.draw_confusion(AX, np.eye(2), ["a", "b", "c"]),
        r"^C must be 3x3 for 3 classes, got \(2, 2\)"),
    bad(plots.draw_weight_images, lambda: plots.draw_weight_images(np.ones((6, 2))),
        r"^W1 must have 1 \+ a square number of rows \(bias \+ pixels\), got 6"),
    bad(plots.draw_weight_images, lambda: plots.draw_weight_images(np.ones((5, 3)), titles=["a", "b"]),
        r"^got 2 titles for 3 hidden nodes"),
    bad(plots.draw_weight_images, lambda: plots.draw_weight_images(np.ones((5, 3)), ncols=0),
        r"^ncols must be a whole number"),
]


@pytest.mark.parametrize("function, call, message", BAD_INPUTS)
def test_bad_input(function, call, message):
    check_bad_input(call, message)
    plt.close("all")


def test_draw_network_shows_one_samples_backpropagation(ax):
    """values above the nodes (whole numbers as they are), deltas below, gradients on the edges."""
    W1, W2 = data.article_weights()
    X1 = nn.add_bias(data.article_sample().X[:1])
    Y = data.article_sample().Y[:1]
    fwd = nn.forward(X1, W1, W2)
    grad = nn.backward(X1, Y, W2, fwd)
    plots.draw_network(W1, W2, ax=ax, values=(X1, fwd.X2, fwd.Yhat), deltas=(grad.Z1, grad.Z2),
                       edges=(grad.W1, grad.W2))
    labels = [t.get_text() for t in ax.texts]
    for g in (*grad.W1.ravel(), *grad.W2.ravel()):
        assert f"{g:.5f}" in labels or f"{g + 0.0:.5f}" in labels
    assert f"{W2[1, 0]:.5f}" not in labels  # the gradients replace the weights
    assert {"252", "4", "155", "175", "0.39558", "0.75548", "0.49865", "0.50135"} <= set(labels)
    assert [t for t in labels if t.startswith("$\\delta$")] == [
        "$\\delta$ = 0.00142", "$\\delta$ = -0.00035", "$\\delta$ = -0.50135", "$\\delta$ = 0.50135"]
    widest = max(ax.lines, key=lambda line: line.get_linewidth())
    # the edges are drawn by the gradients: the widest is the hidden bias's into stairs, -0.50135, red
    assert widest.get_xydata().tolist() == [[2.0, 1.0], [4.0, 0.5]] and widest.get_color() == "tab:red"


@pytest.mark.parametrize("function, call, message", [
    bad(plots.draw_network, lambda: plots.draw_network(np.ones((5, 2)), np.ones((3, 2)), ax=AX,
                                                       values=np.ones(10)), r"values must be 3 arrays"),
    bad(plots.draw_network, lambda: plots.draw_network(np.ones((5, 2)), np.ones((3, 2)), ax=AX,
                                                       deltas=(np.ones(2), np.ones(3))),
        r"deltas\[1\] must have shape \(2,\), got \(3,\)"),
    bad(plots.draw_network, lambda: plots.draw_network(np.ones((5, 2)), np.ones((3, 2)), ax=AX,
                                                       edges=(np.ones((5, 2)), np.ones((2, 3)))),
        r"edges\[1\] must have shape \(3, 2\), got \(2, 3\)"),
    bad(plots.draw_network, lambda: plots.draw_network(np.ones((5, 2)), np.ones((3, 2)), ax=AX,
                                                       values=(np.ones(5), [1, "a", 2], np.ones(2))),
        r"values\[1\] must be an array of real numbers"),
])
def test_draw_network_bad_rows(function, call, message):
    check_bad_input(call, message)
