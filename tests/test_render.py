"""The playground's pictures (helpers/ui/render.py): blitted PNGs of the curves, of the
hidden layer and of the hidden nodes' weights, and the recorded snapshot."""

import io

import numpy as np
import pytest
from PIL import Image

from helpers import data, nn, training
from helpers.ui import render

PNG = b"\x89PNG\r\n\x1a\n"
SCALED = data.stairs("scaled")


def history(epochs):
    W1, W2 = training.init_weights(1, scale=0.01)
    return training.train(SCALED.X1, SCALED.Y, W1, W2, 1.0, epochs, X1_test=SCALED.X1_test,
                          Y_test=SCALED.Y_test, measure_every=10).history


def test_pictures_keep_a_background_per_axis_limits():
    curves = render.Curves()
    low = history(200)  # highest loss about 0.69: the loss axis goes up to 1
    high = low._replace(loss=3 * low.loss)  # about 2.1: up to 5
    draws = []
    draw = curves.fig.canvas.draw
    curves.fig.canvas.draw = lambda: draws.append(curves.limits) or draw()
    first, second = curves.draw(low, 200), curves.draw(high, 200)
    assert first != second and first[:8] == PNG
    for _ in range(2):  # the kept backgrounds give the same pictures, without drawing the axes again
        assert curves.draw(low, 200) == first and curves.draw(high, 200) == second
    assert draws == [(200, 1), (200, 5)]


def test_the_hidden_layer_without_points_when_there_is_no_forward_pass():
    W1, W2 = training.init_weights(1, scale=0.01)
    hidden = render.HiddenSpace()
    with_points = hidden.draw(nn.forward(SCALED.X1, W1, W2).X2, SCALED.Y, W2)
    assert [len(p.get_xdata()) for p in hidden.points] == [(SCALED.Y[:, c] == 1).sum() for c in (0, 1)]
    without = hidden.draw(None, SCALED.Y, W2)
    assert [len(p.get_xdata()) for p in hidden.points] == [0, 0] and without != with_points


def test_snapshot_stacks_the_rows_of_pictures_under_the_text():
    W1, W2 = training.init_weights(1, scale=0.01)
    rows = [[render.Curves().draw(history(50), 50)],
            [render.HiddenSpace().draw(None, SCALED.Y, W2), render.HiddenWeights().draw(W1)]]
    whole = Image.open(io.BytesIO(render.snapshot(rows, "note", "setting", "summary")))
    sizes = [[Image.open(io.BytesIO(p)).size for p in row] for row in rows]
    assert whole.width == max(sum(w for w, _ in row) for row in sizes)
    header = whole.height - sum(max(h for _, h in row) for row in sizes)
    assert abs(header - render.DPI) <= 1  # 3 lines of text: 1 inch (an older matplotlib rounds 89.99 px down)
    below = np.asarray(whole.convert("RGB"))[header + sizes[0][0][1]:]  # the second row, as drawn alone
    hidden = np.asarray(Image.open(io.BytesIO(rows[1][0])).convert("RGB"))
    assert (below[:hidden.shape[0], :hidden.shape[1]] == hidden).all()
    setting = ", ".join(f"Setting {k} = {k}" for k in range(20))  # wider than the pictures: two lines or more
    taller = Image.open(io.BytesIO(render.snapshot(rows, "note", setting, "summary")))
    assert taller.width == whole.width and taller.height >= whole.height + 0.3 * render.DPI


def test_axis_tops():
    assert [render.top_above(x) for x in (0.69, 0.96, 2.1, 5e6, 1e9)] == [1, 2, 5, 10**6, 10**6]


def test_colour_scales_are_one_two_five_times_a_power_of_ten():
    highest = [0.0093, 0.01, 0.0101, 0.3, 4.1, 5.0, 37, 0, np.nan, np.inf]
    assert [render.nice_above(x) for x in highest] == [0.01, 0.01, 0.02, 0.5, 5, 5, 50, 1, 1, 1]


def trained_W1(hidden):
    W1, W2 = training.init_weights(hidden, n_hidden=hidden, scale=0.5)
    return training.train(SCALED.X1, SCALED.Y, W1, W2, 1.0, 100).W1


def cell_colours(weights, W1):
    """The PNG's colour at the centre of each pixel weight's cell: node j's tile, row r, column c."""
    image = np.asarray(Image.open(io.BytesIO(weights.draw(W1))).convert("RGB")).astype(int)
    _, corners = weights.layout(W1.shape[1])
    colours = np.zeros((W1.shape[1], 2, 2, 3), dtype=int)
    for j, (top, left) in enumerate(corners):
        for r in range(2):
            for c in range(2):
                x, y = weights.ax.transData.transform((left + c + 0.5, top + r + 0.5))
                colours[j, r, c] = image[image.shape[0] - 1 - int(y), int(x)]
    return colours


@pytest.mark.parametrize("hidden", [1, 2, 3, 8])
def test_each_hidden_node_shows_its_pixel_weights_as_a_tile_and_its_bias(hidden):
    W1 = trained_W1(hidden)
    weights = render.HiddenWeights()
    weights.draw(W1)
    shown = weights.shown()
    assert shown.shape == (hidden, 2, 2)
    for j in range(hidden):  # rows 2-5 of column j, laid out as R1C1 R1C2 / R2C1 R2C2
        np.testing.assert_array_equal(shown[j], [[W1[1, j], W1[2, j]], [W1[3, j], W1[4, j]]])
    corners = [tuple(np.min(cell, axis=0)) for cell in weights.cells.get_paths() for cell in [cell.vertices]]
    assert len(set(corners)) == 4 * hidden  # a square each, none on another
    assert [t.get_text() for t in weights.biases] == [f"{b:.3g}" for b in W1[0]]
    assert [t.get_text() for t in weights.titles][:1] == ["hidden node 1" if hidden <= 2 else "node 1"]
    low, high = weights.cells.get_clim()  # one scale for every node, 0 in the middle (white)
    biggest = np.abs(W1[1:]).max()
    assert low == -high and biggest <= high < 2.5 * biggest


def test_the_tiles_colours_are_the_weights_on_one_scale():
    W1 = trained_W1(2)
    weights = render.HiddenWeights()
    colours = cell_colours(weights, W1)
    top = weights.cells.get_clim()[1]
    expected = np.round(255 * render.WEIGHT_COLORS((W1[1:].T.reshape(-1, 2, 2) + top) / (2 * top))[..., :3])
    assert np.abs(colours - expected).max() <= 10  # PALETTE's 16 shades of each colour
    assert (colours[W1[1:].T.reshape(-1, 2, 2) > 0][:, 2] > colours[W1[1:].T.reshape(-1, 2, 2) > 0][:, 0]).all()  # blue
    zero = W1.copy()
    zero[1:, 0] = 0  # node 1's weights 0: white
    assert (cell_colours(weights, zero)[0] == 255).all()


def test_the_weights_redraw_in_place_and_keep_a_background_per_scale():
    weights = render.HiddenWeights()
    W1 = trained_W1(2)
    first = weights.draw(W1)
    cells, backgrounds = weights.cells, len(weights.backgrounds)
    moved = W1.copy()
    moved[1, 0] *= 0.9  # a step later: the same scale, one tile's colour changes
    second = weights.draw(moved)
    assert second != first and weights.cells is cells and len(weights.backgrounds) == backgrounds
    assert weights.draw(W1) == first
    wider = trained_W1(3)
    weights.draw(wider)  # another layout, then back
    assert len(weights.titles) == 3 and weights.draw(W1) == first and len(weights.titles) == 2


def test_weights_too_large_to_draw_are_said_so():
    W1 = trained_W1(2)
    W1[:, 1] = np.inf
    weights = render.HiddenWeights()
    assert weights.draw(W1)[:8] == PNG
    assert weights.cells.get_clim()[1] >= np.abs(W1[1:, 0]).max()  # the scale of the finite ones
    assert [t.get_text() for t in weights.biases] == [f"{W1[0, 0]:.3g}", "too large"]


@pytest.mark.parametrize("W1, message", [
    (np.zeros((3, 2)), r"W1 must be 5 x h .* got 3 x 2"),
    (np.zeros((5, 17)), r"W1 must be 5 x h .* from 1 to 16, got 5 x 17"),
    (np.zeros(5), r"W1 must be .*2 dimensions"),
    ("W1", r"W1 must be an array of real numbers"),
])
def test_weights_that_are_not_a_hidden_layers_are_refused(W1, message):
    with pytest.raises(ValueError, match=message):
        render.HiddenWeights().draw(W1)


def test_the_palette_keeps_white_and_every_drawing_colour_exact():
    curves = render.Curves()
    image = np.asarray(Image.open(io.BytesIO(curves.draw(history(50), 50))).convert("RGB"))
    canvas = np.asarray(curves.fig.canvas.buffer_rgba())[:, :, :3]
    exact = (image == canvas).all(axis=2)
    for colour in [(255, 255, 255), (0, 0, 0), (31, 119, 180), (255, 127, 14)]:  # white, black, tab:blue, orange
        where = (canvas == colour).all(axis=2)
        assert where.any() and exact[where].all(), colour
    error = np.abs(image.astype(int) - canvas).max(axis=2)
    assert (error > 24).mean() < 0.001  # the rest (antialiased edges) near their colour, but where lines cross
