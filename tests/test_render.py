"""The playground's pictures (helpers/ui/render.py): blitted PNGs of the curves and of the
hidden layer, and the recorded snapshot."""

import io

import numpy as np
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


def test_snapshot_stacks_the_pictures_under_the_text():
    pictures = [render.Curves().draw(history(50), 50), render.HiddenSpace().draw(None, SCALED.Y, np.ones((3, 2)))]
    whole = Image.open(io.BytesIO(render.snapshot(pictures, "note", "setting", "summary")))
    sizes = [Image.open(io.BytesIO(p)).size for p in pictures]
    assert whole.width == sum(w for w, _ in sizes) and whole.height == max(h for _, h in sizes) + render.DPI


def test_axis_tops():
    assert [render.top_above(x) for x in (0.69, 0.96, 2.1, 5e6, 1e9)] == [1, 2, 5, 10**6, 10**6]


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
