"""Training (nn.train, predict, accuracy, init_weights) and the playground of notebook 09.

The reference values are computed here (a plain numpy loop, nn.backward + nn.update) or come
from data/article_worked_example.json and data/companion_init.json; never from notebook outputs.
The chaotic recipe (raw pixels, step 0.1) is checked with tolerances measured over 20 runs whose
initial weights differ by 1e-13: its exact end depends on floating-point summation order.
"""

import json
import warnings
from pathlib import Path

import numpy as np
import pytest

from helpers import data, nn, playground

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = json.loads((ROOT / "data" / "article_worked_example.json").read_text())
X1_RAW, Y, X1_TEST_RAW, Y_TEST = playground.dataset("raw")
X1_SCALED, _, X1_TEST_SCALED, _ = playground.dataset("scaled")


def reference_loop(X1, Y, W1, W2, stepsize, epochs):
    """Full-batch gradient descent written out plainly, independent of helpers.nn:
    the loss of each epoch (before its update) and the final weights."""
    N, losses = len(X1), []
    for _ in range(epochs):
        H = 1 / (1 + np.exp(-(X1 @ W1)))
        X2 = np.column_stack([np.ones(N), H])
        Z2 = X2 @ W2
        E = np.exp(Z2 - Z2.max(axis=1, keepdims=True))
        Yhat = E / E.sum(axis=1, keepdims=True)
        losses.append(-np.sum(Y * np.log(Yhat)) / N)
        d2 = (Yhat - Y) / N
        d1 = (d2 @ W2[1:].T) * H * (1 - H)
        W1, W2 = W1 - stepsize * X1.T @ d1, W2 - stepsize * X2.T @ d2
    return np.array(losses), W1, W2


def steps(X1, Y, W1, W2, stepsize, epochs):
    """epochs times one nn.backward and one nn.update: what train must do, one call at a time."""
    for _ in range(epochs):
        grad = nn.backward(X1, Y, W1, W2)
        W1, W2 = nn.update(W1, grad.W1, stepsize), nn.update(W2, grad.W2, stepsize)
    return W1, W2


def nudged(W, by=1e-13):
    W = W.copy()
    W[0, 0] += by
    return W


# --- train ---------------------------------------------------------------------------


def test_train_lowers_the_loss_on_the_article_sample():
    sample = data.article_sample()
    X1 = nn.add_bias(sample.X)
    W1, W2 = data.article_weights()
    history = nn.train(X1, sample.Y, W1, W2, stepsize=0.1, epochs=200).history
    first = nn.cross_entropy(nn.forward(X1, W1, W2).Yhat, sample.Y).mean()
    assert history.loss[0] == pytest.approx(first, abs=1e-15)
    # epoch 1's loss is measured after one update: the article's loss after its update
    assert round(history.loss[1], 5) == pytest.approx(REFERENCE["CE_mean_after_update"], abs=1e-12)
    assert history.loss[-1] < history.loss[0] - 0.1
    assert history.diverged_at is None and len(history.loss) == 200


@pytest.mark.parametrize("pixels, stepsize, epochs, atol", [
    ("raw", 0.1, 1, 1e-15),  # one epoch is one backward and one update
    # many epochs are as many steps: the scaled recipe is not chaotic, so 300 epochs
    # agree to near machine precision
    ("scaled", 1.0, 300, 1e-12),
])
def test_epochs_are_backward_and_update_steps(pixels, stepsize, epochs, atol):
    X1 = X1_RAW if pixels == "raw" else X1_SCALED
    W1, W2 = data.companion_weights()
    trained = nn.train(X1, Y, W1, W2, stepsize=stepsize, epochs=epochs)
    W1_ref, W2_ref = steps(X1, Y, W1, W2, stepsize, epochs)
    np.testing.assert_allclose(trained.W1, W1_ref, rtol=0, atol=atol)
    np.testing.assert_allclose(trained.W2, W2_ref, rtol=0, atol=atol)


def test_train_leaves_its_inputs_alone():
    W1, W2 = data.companion_weights()
    W1_copy, W2_copy, X1_copy = W1.copy(), W2.copy(), X1_RAW.copy()
    nn.train(X1_RAW, Y, W1, W2, epochs=5, X1_test=X1_TEST_RAW, Y_test=Y_TEST)
    for before, after in ((W1_copy, W1), (W2_copy, W2), (X1_copy, X1_RAW)):
        np.testing.assert_array_equal(before, after)


def test_companion_recipe_first_epochs_match_a_plain_loop():
    W1, W2 = data.companion_weights()
    trained = nn.train(X1_RAW, Y, W1, W2, stepsize=0.1, epochs=8)
    losses, W1_ref, W2_ref = reference_loop(X1_RAW, Y, W1, W2, 0.1, 8)
    assert round(trained.history.loss[0], 7) == 0.6934985  # the mean cross entropy at the start
    np.testing.assert_allclose(trained.history.loss, losses, rtol=0, atol=1e-12)
    np.testing.assert_allclose(trained.W1, W1_ref, rtol=0, atol=1e-12)
    np.testing.assert_allclose(trained.W2, W2_ref, rtol=0, atol=1e-12)


def test_history_records_train_and_held_out_measures_before_each_update():
    W1, W2 = data.companion_weights()
    history = nn.train(X1_SCALED, Y, W1, W2, 1.0, 30, X1_TEST_SCALED, Y_TEST).history
    W1_k, W2_k = steps(X1_SCALED, Y, W1, W2, 1.0, 29)  # the weights that epoch 29 measures
    assert history.accuracy[29] == nn.accuracy(X1_SCALED, Y, W1_k, W2_k)
    assert history.test_accuracy[29] == nn.accuracy(X1_TEST_SCALED, Y_TEST, W1_k, W2_k)
    test_CE = nn.cross_entropy(nn.forward(X1_TEST_SCALED, W1_k, W2_k).Yhat, Y_TEST).mean()
    assert history.test_loss[29] == pytest.approx(test_CE, abs=1e-12)
    # with or without a held-out set: the same training, bit for bit
    alone = nn.train(X1_SCALED, Y, W1, W2, 1.0, 30).history
    np.testing.assert_array_equal(alone.loss, history.loss)
    assert len(alone.test_loss) == len(alone.test_accuracy) == 0


def test_scaled_recipe_is_reproducible_and_reaches_088():
    W1, W2 = data.companion_weights()
    a = nn.train(X1_SCALED, Y, W1, W2, stepsize=1.0, epochs=1500)
    b = nn.train(X1_SCALED, Y, nudged(W1), W2, stepsize=1.0, epochs=1500)
    assert np.abs(a.W1 - b.W1).max() < 1e-11 and np.abs(a.W2 - b.W2).max() < 1e-11  # 1e-13 stays small
    assert nn.accuracy(X1_TEST_SCALED, Y_TEST, a.W1, a.W2) == 0.88
    assert nn.accuracy(X1_TEST_SCALED, Y_TEST, b.W1, b.W2) == 0.88


def companion_raw_runs():
    """The chaotic recipe from the companion weights and from them nudged by 1e-13:
    what notebook 08 shows in its cells that nbval does not compare."""
    W1, W2 = data.companion_weights()
    return (nn.train(X1_RAW, Y, W1, W2, 0.1, 1500, X1_TEST_RAW, Y_TEST),
            nn.train(X1_RAW, Y, nudged(W1), W2, 0.1, 1500, X1_TEST_RAW, Y_TEST))


def test_chaotic_recipe_ends_within_tolerance():
    # 20 runs nudged by +-1e-13 ended at test accuracy 0.81-0.89, train 0.875-0.9175,
    # final loss 0.255-0.389; the R script reports 0.87. The bounds leave a little room.
    for trained in companion_raw_runs():
        assert trained.history.diverged_at is None
        assert 0.80 <= nn.accuracy(X1_TEST_RAW, Y_TEST, trained.W1, trained.W2) <= 0.91
        assert 0.86 <= nn.accuracy(X1_RAW, Y, trained.W1, trained.W2) <= 0.93
        assert 0.24 <= trained.history.loss[-1] <= 0.41


def test_chaotic_recipe_amplifies_a_nudge():
    # notebook 08: "a 1e-13 change moves the final weights by about 0.1"
    a, b = companion_raw_runs()
    moved = max(np.abs(a.W1 - b.W1).max(), np.abs(a.W2 - b.W2).max())
    assert 1e-3 < moved < 10
    # the first epochs agree to the size of the nudge; the curves part later
    np.testing.assert_allclose(a.history.loss[:5], b.history.loss[:5], rtol=0, atol=1e-12)


def test_divergence_is_reported_not_raised():
    W1, W2 = nn.init_weights(np.random.default_rng(0), scale=10)
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")  # any numpy warning would fail the test
        history = nn.train(X1_RAW, Y, W1, W2, stepsize=50, epochs=1500, X1_test=X1_TEST_RAW,
                           Y_test=Y_TEST).history
    k = history.diverged_at
    assert k is not None and 0 < k < 1500
    assert len(history.loss) == len(history.test_loss) == k + 1
    assert np.isfinite(history.loss[:k]).all()
    last = history.loss[k]
    assert not last <= nn.DIVERGED * history.loss[:k].min()  # past 10x its lowest, or NaN
    assert not last <= history.loss[0]  # and worse than where it started
    assert history.message == f"diverged at epoch {k}: step size too large"


def test_train_rejects_bad_input():
    W1, W2 = data.companion_weights()
    with pytest.raises(ValueError, match="epochs"):
        nn.train(X1_RAW, Y, W1, W2, epochs=-1)
    with pytest.raises(ValueError, match="stepsize"):
        nn.train(X1_RAW, Y, W1, W2, stepsize=-0.1)
    with pytest.raises(ValueError, match="X1_test and Y_test"):
        nn.train(X1_RAW, Y, W1, W2, X1_test=X1_TEST_RAW)
    with pytest.raises(ValueError, match="Y must be"):
        nn.train(X1_RAW, Y[:10], W1, W2)


# --- init_weights, predict, accuracy ---------------------------------------------------


def test_init_weights_is_seeded_and_uniform_in_the_scale():
    a = nn.init_weights(np.random.default_rng(7), scale=0.3)
    b = nn.init_weights(np.random.default_rng(7), scale=0.3)
    for A, B, shape in zip(a, b, ((5, 2), (3, 2))):
        np.testing.assert_array_equal(A, B)
        assert A.shape == shape and np.abs(A).max() <= 0.3
    many = nn.init_weights(np.random.default_rng(1), n_inputs=999, scale=0.3)[0]
    assert many.min() < -0.29 and many.max() > 0.29  # fills [-scale, scale]
    with pytest.raises(ValueError, match="scale"):
        nn.init_weights(np.random.default_rng(1), scale=0)


def test_predict_and_accuracy():
    W1, W2 = data.companion_weights()
    trained = nn.train(X1_SCALED, Y, W1, W2, 1.0, 1500)
    predicted = nn.predict(X1_TEST_SCALED, trained.W1, trained.W2)
    Yhat = nn.forward(X1_TEST_SCALED, trained.W1, trained.W2).Yhat
    np.testing.assert_array_equal(predicted, Yhat.argmax(axis=1))
    assert predicted.shape == (100,) and set(predicted) <= {0, 1}
    correct = np.count_nonzero(predicted == Y_TEST.argmax(axis=1))
    assert nn.accuracy(X1_TEST_SCALED, Y_TEST, trained.W1, trained.W2) == correct / 100


@pytest.mark.parametrize("X1, match", [
    (np.ones((3, 4)), "shapes do not chain"),
    (np.full((3, 5), 2.0), "bias column"),
    (np.array([[1, 0, 0, np.nan, 0.0]]), "NaN"),
    (np.ones(5), "dimension"),
    ("pixels", "numeric"),
])
def test_predict_and_accuracy_reject_bad_X1(X1, match):
    W1, W2 = data.companion_weights()
    with pytest.raises(ValueError, match=match):
        nn.predict(X1, W1, W2)
    with pytest.raises(ValueError, match=match):
        nn.accuracy(X1, np.ones((np.shape(X1)[0] if np.ndim(X1) else 1, 2)) / 2, W1, W2)


@pytest.mark.parametrize("Y_bad, match", [
    (np.full((4, 2), 0.5), "one-hot"),
    (np.ones((4, 2)), "one-hot"),
    (np.eye(2)[[0, 1, 0]], "Y must be 4x2"),
    (np.eye(3)[[0, 1, 2, 0]], "Y must be 4x2"),
])
def test_accuracy_rejects_bad_Y(Y_bad, match):
    W1, W2 = data.companion_weights()
    with pytest.raises(ValueError, match=match):
        nn.accuracy(X1_RAW[:4], Y_bad, W1, W2)


def test_predict_rejects_mismatched_weights():
    W1, W2 = data.companion_weights()
    with pytest.raises(ValueError, match="W2 needs 3 rows"):
        nn.predict(X1_RAW, W1, W2[:2])


# --- the playground ----------------------------------------------------------------------


def test_run_at_the_default_setting():
    result = playground.run(**playground.DEFAULTS)
    W1, W2 = nn.init_weights(np.random.default_rng(playground.DEFAULTS["seed"]), scale=0.01)
    trained = nn.train(X1_SCALED, Y, W1, W2, 1.0, 1500)
    np.testing.assert_array_equal(result.trained.W1, trained.W1)
    assert result.test_accuracy == nn.accuracy(X1_TEST_SCALED, Y_TEST, trained.W1, trained.W2)
    assert result.accuracy == nn.accuracy(X1_SCALED, Y, trained.W1, trained.W2)
    assert result.message == (f"after 1500 epochs: loss {result.loss:.5f}, train accuracy "
                              f"{result.accuracy:.4f}, test accuracy {result.test_accuracy:.2f}")


def test_playground_redraws_in_place_and_labels_show_values():
    pg = playground.Playground()
    figure, lines, first = pg.curves.fig, dict(pg.curves.lines), pg.image.value
    assert first[:8] == b"\x89PNG\r\n\x1a\n"
    assert pg.summary.value == playground.run(**playground.DEFAULTS).message
    assert pg.stepsize.description == "Step size = 1.00"
    assert pg.scale.description == "Initial weight scale = 0.01"
    pg.seed.value = 2  # a slider change retrains and redraws
    assert pg.seed.description == "Seed = 2"
    assert pg.summary.value == playground.run(seed=2).message
    assert pg.image.value != first and pg.image.value[:8] == b"\x89PNG\r\n\x1a\n"
    assert pg.curves.fig is figure and pg.curves.lines == lines  # same figure, same artists
    assert all(len(ax.lines) == 2 for ax in figure.axes)
    assert set(pg.timings) == {"train", "draw"}


@pytest.mark.parametrize("pixels", ["raw", "scaled"])
def test_playground_extreme_values_give_a_message_not_an_exception(pixels):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pg = playground.Playground(pixels=pixels, epochs=playground.EPOCHS[0])
        for name, values in (("scale", (1.0, 0.001)), ("epochs", playground.EPOCHS[:2]),
                             ("seed", playground.SEEDS), ("stepsize", (0.001, 100.0))):
            for value in values:
                getattr(pg, name).value = value
                assert pg.summary.value.startswith(("after", "diverged at epoch"))
        assert pg.stepsize.description == "Step size = 100"
        assert "diverged at epoch" in pg.summary.value and "step size too large" in pg.summary.value
        for _ in range(3):
            pg.step()  # with step size 100: no exception, a readable status
        assert pg.step_status.value.startswith("step ")


def test_playground_step_mode_is_the_articles_update():
    pg = playground.Playground(stepsize=0.1, pixels="raw", seed=3, scale=0.01)
    W1, W2 = nn.init_weights(np.random.default_rng(3), scale=0.01)
    np.testing.assert_array_equal(pg.W1, W1)
    assert pg.step_status.value.startswith("step 0: mean cross entropy")
    for _ in range(2):
        pg.step()
    W1_ref, W2_ref = steps(X1_RAW, Y, W1, W2, 0.1, 2)
    np.testing.assert_allclose(pg.W1, W1_ref, rtol=0, atol=1e-15)
    np.testing.assert_allclose(pg.W2, W2_ref, rtol=0, atol=1e-15)
    assert pg.step_status.value.startswith("step 2:")
    assert r"W^1 = \begin{bmatrix}" in pg.matrices.value and r"\partial W^2}" in pg.matrices.value
    pg.reset()
    np.testing.assert_array_equal(pg.W1, W1)
    pg.seed.value = 4  # new initial weights reset the step mode to them
    np.testing.assert_array_equal(pg.W1, nn.init_weights(np.random.default_rng(4), scale=0.01)[0])


def test_playground_rejects_unknown_settings():
    with pytest.raises(ValueError, match="unknown setting"):
        playground.Playground(step=1.0)
    with pytest.raises(ValueError, match="pixels"):
        playground.run(pixels="grey")


def bmatrix(tex, name):
    """The rows of the LaTeX matrix `name = \\begin{bmatrix} ... \\end{bmatrix}` in tex, as lists of strings."""
    body = tex.split(f"{name} = \\begin{{bmatrix}}", 1)[1].split("\\end{bmatrix}", 1)[0]
    return [[x.strip() for x in row.split("&")] for row in body.split("\\\\")]


def test_playground_hidden_nodes_and_activation_change_the_step_mode():
    pg = playground.Playground(stepsize=0.5, seed=3)
    assert pg.hidden.description == "Hidden nodes = 2" and pg.activation_label.value == "Activation = sigmoid"
    assert pg.W1.shape == (5, 2) and pg.W2.shape == (3, 2)
    for hidden in (5, 1, 8):
        pg.hidden.value = hidden  # new shapes: new initial weights, step mode back to step 0
        assert pg.hidden.description == f"Hidden nodes = {hidden}"
        W1, W2 = nn.init_weights(np.random.default_rng(3), n_hidden=hidden, scale=0.01)
        assert pg.W1.shape == (5, hidden) and pg.W2.shape == (hidden + 1, 2)
        np.testing.assert_array_equal(pg.W1, W1)
        np.testing.assert_array_equal(pg.W2, W2)
        assert pg.summary.value == playground.run(stepsize=0.5, seed=3, hidden=hidden).message
        # every row of every matrix is shown, so the shapes can be read off the step mode
        for name, rows, cols in (("W^1", 5, hidden), (r"\partial W^1}", 5, hidden),
                                 ("W^2", hidden + 1, 2), (r"\partial W^2}", hidden + 1, 2)):
            M = bmatrix(pg.matrices.value, name)
            assert len(M) == rows and all(len(row) == cols for row in M), (name, hidden)
            assert "\\vdots" not in str(M)
        assert f"$W^1$ is $5 \\times {hidden}$" in pg.matrices.value
        assert f"$W^2$ is ${hidden + 1} \\times 2$" in pg.matrices.value
    pg.step()
    pg.activation.value = "relu"  # a new network: back to the initial weights, then ReLU steps
    assert pg.activation_label.value == "Activation = relu" and pg.steps == 0
    assert pg.summary.value == playground.run(stepsize=0.5, seed=3, hidden=8, activation="relu").message
    W1, W2 = nn.init_weights(np.random.default_rng(3), n_hidden=8, scale=0.01)
    for _ in range(3):
        pg.step()
        grad = nn.backward(X1_SCALED, Y, W1, W2, activation="relu")
        W1, W2 = W1 - 0.5 * grad.W1, W2 - 0.5 * grad.W2
    np.testing.assert_allclose(pg.W1, W1, rtol=0, atol=1e-15)
    np.testing.assert_allclose(pg.W2, W2, rtol=0, atol=1e-15)
    sigmoid = nn.backward(X1_SCALED, Y, pg.W1, pg.W2).W1  # the shown gradient is ReLU's, not this
    relu = nn.backward(X1_SCALED, Y, pg.W1, pg.W2, activation="relu").W1
    assert not np.allclose(sigmoid, relu)
    shown = np.array(bmatrix(pg.matrices.value, r"\partial W^1}"), dtype=float)
    np.testing.assert_allclose(shown, relu, rtol=0, atol=0.6 * 10.0 ** -playground.decimals(relu))
    pg.stepsize.value = 0.25  # a new step size keeps the weights and is shown in the status
    assert pg.steps == 3 and "subtracts 0.25 x the gradients" in pg.step_status.value


def test_run_passes_hidden_nodes_and_activation_to_train():
    result = playground.run(seed=2, epochs=300, hidden=6, activation="relu")
    W1, W2 = nn.init_weights(np.random.default_rng(2), n_hidden=6, scale=0.01)
    trained = nn.train(X1_SCALED, Y, W1, W2, 1.0, 300, activation="relu")
    np.testing.assert_array_equal(result.trained.W1, trained.W1)
    np.testing.assert_array_equal(result.trained.W2, trained.W2)
    assert result.test_accuracy == nn.accuracy(X1_TEST_SCALED, Y_TEST, trained.W1, trained.W2, "relu")
    assert result.accuracy == nn.accuracy(X1_SCALED, Y, trained.W1, trained.W2, "relu")
    sigmoid = playground.run(seed=2, epochs=300, hidden=6)
    assert not np.array_equal(sigmoid.trained.W1, result.trained.W1)


@pytest.mark.parametrize("pixels", ["raw", "scaled"])
def test_playground_relu_and_extreme_values_give_a_message_not_an_exception(pixels):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pg = playground.Playground(pixels=pixels, activation="relu", epochs=playground.EPOCHS[0])
        for name, values in (("hidden", playground.HIDDEN), ("scale", (0.001, 1.0)),
                             ("stepsize", (0.001, 10.0, 100.0)), ("activation", ("sigmoid", "relu"))):
            for value in values:
                getattr(pg, name).value = value
                assert pg.summary.value.startswith(("after", "diverged at epoch")), pg.summary.value
                assert pg.image.value[:8] == b"\x89PNG\r\n\x1a\n"
        assert pg.hidden.value == 8 and pg.stepsize.description == "Step size = 100"
        if pixels == "scaled":  # (raw pixels and scale 1 start at a loss in the hundreds, which
            # the huge steps lower to a few units before they settle, stuck: not divergence)
            assert pg.summary.value.startswith("diverged at epoch") and "step size too large" in pg.summary.value
        for _ in range(5):
            pg.step()  # ReLU, 8 nodes, step size 100: no exception, a readable status
            assert pg.step_status.value.startswith("step ")
        assert "press Reset" in pg.step_status.value or pg.steps == 5


def test_run_reports_an_overflow_in_the_last_update_as_divergence():
    # one epoch measures the loss of the initial weights (finite); its update then makes the
    # weights or the outputs overflow: no later epoch sees it, so run must say it diverged
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = playground.run(1e300, 1.0, 1, 1, "raw", 8, "relu")
        png = playground.Curves().png(result.trained.history, 1)
    assert result.message == "diverged at epoch 1: step size too large"
    assert result.loss is None and result.test_accuracy is None and png[:4] == b"\x89PNG"


def test_curves_keep_a_background_per_axis_limits():
    curves = playground.Curves()
    low = playground.run(seed=1, epochs=200).trained.history  # highest loss 0.69: loss axis up to 1
    high = playground.run(seed=4, epochs=200, activation="relu").trained.history  # ReLU spikes past 1
    assert low.loss.max() < 0.95 < high.loss.max() < 1.9
    draws = []
    draw = curves.fig.canvas.draw
    curves.fig.canvas.draw = lambda: draws.append(curves.limits) or draw()
    first = curves.png(low, 200)
    second = curves.png(high, 200)
    assert second != first and curves.limits == (200, 2)
    for _ in range(2):  # the kept backgrounds give the same pictures, without drawing the axes again
        assert curves.png(low, 200) == first and curves.png(high, 200) == second
    assert draws == [(200, 1), (200, 2)] and set(curves.backgrounds) == {(200, 1), (200, 2)}
    for epochs in range(300, 300 + 50 * (curves.BACKGROUNDS + 2), 50):
        curves.png(low, epochs)
    assert len(curves.backgrounds) == curves.BACKGROUNDS


def test_playground_rejects_bad_hidden_nodes_and_activation():
    with pytest.raises(ValueError, match="unknown activation 'tanh'"):
        playground.Playground(activation="tanh")
    with pytest.raises(ValueError, match="unknown activation"):
        playground.run(activation="tanh")
    for hidden in (0, 9, 2.5):
        with pytest.raises(ValueError, match="hidden must be a whole number from 1 to 8"):
            playground.Playground(hidden=hidden)
    with pytest.raises(ValueError, match="n_hidden"):
        playground.run(hidden=0)
    with pytest.raises(ValueError, match="pixels"):
        playground.Playground(pixels="grey")


def test_notebook_09_claims_about_seeds():
    # notebook 09's "what to try": raw pixels at step 0.1 leave some seeds stuck at test
    # accuracy 0.47 (3 of seeds 1-20 when measured; chaos may move a seed or two), while
    # scaled pixels at step 1.0 reach 0.85-0.89 for each of them.
    raw = [playground.run(0.1, 0.01, seed, 1500, "raw").test_accuracy for seed in range(1, 21)]
    scaled = [playground.run(1.0, 0.01, seed, 1500, "scaled").test_accuracy for seed in range(1, 21)]
    stuck = [a for a in raw if a < 0.6]
    assert 1 <= len(stuck) <= 6 and all(a == 0.47 for a in stuck)
    assert min(scaled) >= 0.84 and max(scaled) <= 0.90


def test_notebook_09_claims_about_step_sizes_and_scale():
    def runs(stepsize, scale, pixels):
        return [playground.run(stepsize, scale, seed, 1500, pixels) for seed in (1, 2, 3)]

    for r in runs(0.01, 0.01, "scaled"):  # still on the plateau at ln 2
        assert r.test_accuracy == 0.47 and r.loss > 0.69
    assert all(r.test_accuracy == 0.88 for r in runs(5, 0.01, "scaled"))
    assert all(r.test_accuracy == 0.53 for r in runs(15, 0.01, "scaled"))  # all "not stairs"
    for pixels in ("scaled", "raw"):
        assert all("diverged at epoch" in r.message for r in runs(20, 0.01, pixels))
    for r in runs(1.0, 1.0, "scaled"):  # no plateau: the loss falls from the start
        assert 0.86 <= r.test_accuracy <= 0.94 and r.trained.history.loss[50] < 0.6


def test_notebook_09_claims_about_hidden_nodes_and_relu():
    # notebook 09's "what to try", seeds 1-10 at the default setting (scaled pixels, step 1.0)
    def runs(hidden, activation):
        return [playground.run(hidden=hidden, activation=activation, seed=seed) for seed in range(1, 11)]

    def plateau_ends(results):  # the first epoch with a loss under 0.6, None if never
        return [int(np.argmax(r.trained.history.loss < 0.6)) if (r.trained.history.loss < 0.6).any()
                else None for r in results]

    sigmoid = {hidden: runs(hidden, "sigmoid") for hidden in (1, 2, 8)}
    assert all(r.test_accuracy == 0.85 for r in sigmoid[1])
    assert all(0.86 <= r.test_accuracy <= 0.88 for r in sigmoid[8])
    assert min(r.test_accuracy for r in sigmoid[2]) == 0.87
    assert max(r.test_accuracy for rs in sigmoid.values() for r in rs) == 0.89
    relu = runs(2, "relu")
    assert 130 <= min(plateau_ends(sigmoid[2])) and max(plateau_ends(sigmoid[2])) <= 190
    ends = plateau_ends(relu)
    assert ends[2] is None and all(30 <= e <= 75 for i, e in enumerate(ends) if i != 2)
    assert relu[2].test_accuracy == 0.47  # seed 3: its ReLU nodes died
    # seed 3 starts with a dead node: negative sum for every image, a gradient column of zeros
    W1, W2 = playground.initial_weights(3, 0.01, 2)
    dead = (X1_SCALED @ W1 <= 0).all(axis=0)
    assert dead.tolist() == [False, True]
    assert (nn.backward(X1_SCALED, Y, W1, W2, activation="relu").W1[:, dead] == 0).all()
    relu8 = [r.test_accuracy for r in runs(8, "relu")]
    assert min(relu8) >= 0.84 and max(relu8) == 0.98 and sum(a >= 0.96 for a in relu8) == 3


def test_divergence_rule():
    assert nn.diverged(np.nan, 0.1, 0.7) and nn.diverged(np.inf, 0.1, 0.7)
    assert nn.diverged(1.1, 0.1, 0.7)  # 11x the lowest and above the start
    assert not nn.diverged(0.9, 0.1, 0.7)  # 9x the lowest
    assert not nn.diverged(0.5, 0.01, 0.7)  # 50x a deep minimum, but below the start: a spike


def test_mini_batch_spikes_after_a_deep_minimum_are_not_divergence():
    # XOR of two coordinates, one row per step: the loss spikes past 10x its lowest value
    # yet stays far below where it started, and training recovers, so train must go on
    rng = np.random.default_rng(0)
    X = rng.uniform(0, 1, (40, 2))
    X1, Y = nn.add_bias(X), np.eye(2)[((X[:, 0] > 0.5) ^ (X[:, 1] > 0.5)).astype(int)]
    W1, W2 = nn.init_weights(0, n_inputs=2, n_hidden=8, scale=1.0)
    history = nn.train(X1, Y, W1, W2, stepsize=1.0, epochs=400, batch_size=1, rng=0).history
    spike = (history.loss[1:] / np.minimum.accumulate(history.loss)[:-1]).max()
    assert spike > nn.DIVERGED  # the old rule (10x the lowest alone) would have stopped here
    assert history.diverged_at is None and len(history.loss) == 400
    assert history.loss[-1] < 0.1 * history.loss[0]
