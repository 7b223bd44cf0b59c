"""helpers/landscape.py: a plane through weight space, the loss on it, a training run's path
projected onto it; and plots.draw_loss_slice, which draws them (matplotlib, no display)."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers import data, landscape, nn, training  # noqa: E402
from helpers.ui import plots  # noqa: E402
from tests.conftest import SCALED, bad, check_bad_input  # noqa: E402

X1, Y = SCALED[0], SCALED[1]
START = data.companion_weights()
RNG = np.random.default_rng(3)
END = tuple(M + RNG.normal(size=M.shape) for M in START)
OTHER = tuple(M + RNG.normal(size=M.shape) for M in START)


def test_the_plane_goes_through_start_end_and_toward():
    p = landscape.plane(START, END, toward=OTHER)
    assert abs(p.d1 @ p.d2) < 1e-12 * (p.d1 @ p.d1)  # at right angles
    assert np.isclose(np.linalg.norm(p.d1), np.linalg.norm(p.d2))  # as long
    for W, a, b in ((END, 0.0, 0.0), (START, -1.0, 0.0)):
        assert np.allclose(landscape.project(p, *W), (a, b), atol=1e-12)
        assert all(np.allclose(M, N) for M, N in zip(landscape.weights(p, a, b), W))
    a, b = landscape.project(p, *OTHER)
    assert b > 0 and all(np.allclose(M, N) for M, N in zip(landscape.weights(p, a, b), OTHER))


def test_a_random_second_direction_is_drawn_from_rng_and_orthogonal():
    p, q = landscape.plane(START, END, rng=0), landscape.plane(START, END, rng=0)
    assert np.array_equal(p.d2, q.d2) and abs(p.d1 @ p.d2) < 1e-12 * (p.d1 @ p.d1)
    assert not np.array_equal(p.d2, landscape.plane(START, END, rng=1).d2)


def test_the_grid_holds_nn_loss_at_each_point_rows_for_b():
    p = landscape.plane(START, END, rng=0)
    a, b = np.array([-1.0, 0.0, 0.5]), np.array([0.0, 0.25])
    L = landscape.loss_grid(p, X1, Y, a, b)
    assert L.shape == (2, 3)
    W1, W2 = landscape.weights(p, 0.5, 0.25)
    assert L[1, 2] == nn.loss(nn.forward(X1, W1, W2).Z2, Y)
    assert L[0, 0] == nn.loss(nn.forward(X1, *START).Z2, Y)


@pytest.mark.parametrize("beta", [0.0, 0.9])
def test_the_path_is_trains_weights_every_few_epochs(beta):
    points = landscape.path(X1, Y, *START, 1.0, 40, 10, beta=beta)
    assert len(points) == 5 and points[0] == START
    for k in (1, 4):
        run = training.train(X1, Y, *START, 1.0, 10 * k, beta=beta)
        assert np.array_equal(points[k][0], run.W1) and np.array_equal(points[k][1], run.W2)


def test_draw_loss_slice_draws_contours_the_paths_and_their_ends():
    p = landscape.plane(START, END, rng=0)
    a, b = np.linspace(-1.2, 0.5, 7), np.linspace(-0.5, 0.5, 5)
    L = landscape.loss_grid(p, X1, Y, a, b)
    path = np.array([[-1.0, 0.0], [-0.5, 0.1], [0.0, 0.0]])
    fig, ax = plt.subplots()
    plots.draw_loss_slice(ax, a, b, L, [("gradient descent", path, "tab:orange")], "slice")
    lines = [line for line in ax.get_lines() if line.get_label() == "gradient descent"]
    assert len(lines) == 1 and np.array_equal(lines[0].get_xydata(), path)
    assert ax.get_title() == "slice" and len(ax.get_lines()) == 3  # the path, its end, the start's ring
    plt.close(fig)


P = landscape.plane(START, END, rng=0)
GRID = np.zeros((2, 3))


@pytest.mark.parametrize("function, call, message", [
    bad(landscape.plane, lambda: landscape.plane(START, START, rng=0), "start and end must differ"),
    bad(landscape.plane, lambda: landscape.plane(START, END), "give toward .* or rng"),
    bad(landscape.plane, lambda: landscape.plane(START, END, toward=OTHER, rng=0), "give toward .* or rng"),
    bad(landscape.plane, lambda: landscape.plane(START, END, toward=START), "toward must lie off the line"),
    bad(landscape.plane, lambda: landscape.plane(START[0], END, rng=0), "start must be a pair"),
    bad(landscape.plane, lambda: landscape.plane(START, (END[0], END[0]), rng=0), "same shapes"),
    bad(landscape.weights, lambda: landscape.weights(P, np.nan, 0), "a must be"),
    bad(landscape.weights, lambda: landscape.weights("plane", 0, 0), "p must be a Plane"),
    bad(landscape.project, lambda: landscape.project(P, START[1], START[0]), "W1 and W2 must have the plane's"),
    bad(landscape.loss_grid, lambda: landscape.loss_grid(P, X1[:, 1:], Y, [0.0], [0.0]), "X1"),
    bad(landscape.loss_grid, lambda: landscape.loss_grid(P, X1, Y[:5], [0.0], [0.0]), "Y"),
    bad(landscape.loss_grid, lambda: landscape.loss_grid(P, X1, Y, [np.inf], [0.0]), "a"),
    bad(landscape.path, lambda: landscape.path(X1, Y, *START, 1.0, 25, 10), "multiple of every"),
    bad(landscape.path, lambda: landscape.path(X1, Y, *START, 1.0, 20, 0), "every"),
    bad(landscape.path, lambda: landscape.path(X1, Y, *START, -1.0, 20, 10), "stepsize"),
    bad(plots.draw_loss_slice, lambda: plots.draw_loss_slice(None, [0, 1], [0, 1, 2], GRID), "L must hold"),
    bad(plots.draw_loss_slice, lambda: plots.draw_loss_slice(None, [0, 1, 2], [0, 1], GRID), "L must vary"),
])
def test_bad_input(function, call, message):
    check_bad_input(call, message)
