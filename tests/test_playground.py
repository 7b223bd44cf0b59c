"""The playground of notebook 09 (helpers/ui/playground.py), driven the way its controls drive it.

Every number is checked against training.train or a plain update written out here: the playground
has no math of its own. The browser tests (browser_tests/) drive the same widgets in JupyterLab."""

import base64

import numpy as np
import pytest

from helpers import data, nn, optim, training
from helpers.ui import playground, render

PNG = b"\x89PNG\r\n\x1a\n"
SCALED = data.stairs("scaled")


def reference_run(epochs=1500, seed=1, scale=0.01, stepsize=1.0, beta=0.0, hidden=2, activation="sigmoid"):
    W1, W2 = training.init_weights(seed, n_hidden=hidden, scale=scale)
    return training.train(SCALED.X1, SCALED.Y, W1, W2, stepsize, epochs, beta=beta, X1_test=SCALED.X1_test,
                          Y_test=SCALED.Y_test, activation=activation, measure_every=playground.MEASURE_EVERY)


def test_run_is_training_train_at_the_sliders_setting():
    result = playground.run(seed=2, epochs=300, beta=0.5, hidden=3, activation="relu")
    expected = reference_run(300, seed=2, beta=0.5, hidden=3, activation="relu")
    np.testing.assert_array_equal(result.W1, expected.W1)
    np.testing.assert_array_equal(result.history.loss, expected.history.loss)
    loss, acc = training.evaluate(SCALED.X1, SCALED.Y, result.W1, result.W2, "relu")
    assert playground.summary(result.history) == (
        f"after 300 epochs: loss {loss:.5f}, train accuracy {acc:.4f}, test accuracy "
        f"{training.evaluate(SCALED.X1_test, SCALED.Y_test, result.W1, result.W2, 'relu').accuracy:.2f}")


@pytest.mark.parametrize("setting, message", [
    ({"stepsize": 1e6}, r"stepsize must be a finite number from 0.001 to 100, got 1000000.0"),
    ({"stepsize": -1}, r"stepsize must be .* from 0.001 to 100, got -1"),
    ({"stepsize": 0}, r"stepsize must be .* from 0.001 to 100, got 0"),
    ({"stepsize": float("nan")}, r"stepsize must be a finite number"),
    ({"stepsize": "0.1"}, r"stepsize must be a finite number .* got '0.1' \(a str\)"),
    ({"beta": 1.0}, r"beta must be .* from 0 to 0.99"),
    ({"momentum": 0.5}, r"unknown setting\(s\) \['momentum'\]"),
    ({"seed": -1}, r"seed must be a whole number \(an int\) from 0 to 100, got -1"),
    ({"seed": 2.0}, r"seed must be a whole number .* \(write 2\)"),
    ({"epochs": 0}, r"epochs must be a whole number \(an int\) from 50 to 3000, got 0"),
    ({"scale": 10}, r"scale must be a finite number from 0.001 to 1, got 10"),
    ({"hidden": 9}, r"hidden must be a whole number \(an int\) from 1 to 8, got 9"),
    ({"activation": "tanh"}, r"activation must be one of 'sigmoid', 'relu'; got 'tanh'"),
    ({"pixels": "grey"}, r"pixels must be one of 'raw', 'scaled'; got 'grey'"),
    ({"step": 1.0}, r"unknown setting\(s\) \['step'\]"),
])
def test_settings_outside_the_sliders_ranges_are_refused(setting, message):
    for make in (playground.Playground, playground.run):
        with pytest.raises(ValueError, match=message):
            make(**setting)


@pytest.fixture(scope="module")
def pg():
    return playground.Playground()  # a warning from helpers would be an error (pyproject.toml)


def test_opens_at_the_default_run_with_labels_that_show_values(pg):
    expected = reference_run()
    np.testing.assert_array_equal(pg.trained.W1, expected.W1)
    assert pg.summary.value == playground.summary(expected.history)
    assert pg.epoch_label.value == "epoch 1500"
    assert pg.stepsize.description == "Step size α = 1.00" and pg.beta.description == "Momentum β = 0.00"
    assert pg.scale.description == "Initial weight scale = 0.01"
    assert pg.side_labels["activation"].value == "Activation = sigmoid"
    for image in (pg.curves_image, pg.hidden_image):
        assert image.value[:8] == PNG


def test_a_slider_change_retrains_and_redraws_both_pictures_in_place():
    pg = playground.Playground(epochs=300)
    curves, hidden = pg.curves_image.value, pg.hidden_image.value
    figures, lines = (pg.curves.fig, pg.hidden_space.fig), dict(pg.curves.lines)
    pg.seed.value = 2
    assert pg.seed.description == "Seed = 2"
    assert pg.summary.value == playground.summary(reference_run(300, seed=2).history)
    assert pg.curves_image.value != curves and pg.hidden_image.value != hidden
    assert (pg.curves.fig, pg.hidden_space.fig) == figures and pg.curves.lines == lines  # the same artists
    pg.beta.value = 0.9
    np.testing.assert_array_equal(pg.trained.W2, reference_run(300, seed=2, beta=0.9).W2)


def test_reset_and_one_step_are_the_update_rule_from_the_initial_weights():
    pg = playground.Playground(stepsize=0.5, seed=3, epochs=300)
    pg.reset()
    W1, W2 = training.init_weights(3, scale=0.01)
    np.testing.assert_array_equal(pg.trained.W1, W1)
    assert pg.epoch_label.value == "epoch 0" and pg.summary.value.startswith("after 0 epochs")
    hidden = pg.hidden_image.value
    for _ in range(2):
        pg.one_step()
        grad = nn.backward(SCALED.X1, SCALED.Y, W2, nn.forward(SCALED.X1, W1, W2))
        W1, W2 = W1 - 0.5 * grad.W1, W2 - 0.5 * grad.W2  # the article's update, written out
    np.testing.assert_allclose(pg.trained.W1, W1, rtol=0, atol=1e-15)
    np.testing.assert_allclose(pg.trained.W2, W2, rtol=0, atol=1e-15)
    assert pg.epoch_label.value == "epoch 2" and pg.hidden_image.value != hidden
    assert pg.step_status.value.startswith("epoch 2: mean cross entropy")
    assert "the next step subtracts 0.50 x the gradients" in pg.step_status.value
    assert r"W^1 = \begin{bmatrix}" in pg.matrices.value and r"\partial W^2}" in pg.matrices.value


def test_one_step_with_momentum_is_the_textbook_formula():
    pg = playground.Playground(stepsize=0.5, beta=0.9, seed=3, epochs=300)
    pg.reset()
    W1, W2 = training.init_weights(3, scale=0.01)
    V1, V2 = np.zeros_like(W1), np.zeros_like(W2)
    for _ in range(3):
        pg.one_step()
        grad = nn.backward(SCALED.X1, SCALED.Y, W2, nn.forward(SCALED.X1, W1, W2))
        V1, V2 = 0.9 * V1 + grad.W1, 0.9 * V2 + grad.W2
        W1, W2 = W1 - 0.5 * V1, W2 - 0.5 * V2
    np.testing.assert_allclose(pg.trained.W1, W1, rtol=0, atol=1e-14)
    assert "velocity v := 0.90 v + gradients" in pg.step_status.value


def test_play_ticks_continue_the_run_and_equal_one_long_run():
    pg = playground.Playground(epochs=300)
    assert pg.per_frame() == 1 and pg.play.step == 1 and pg.play.max == 300  # one epoch per frame at the start
    pg.speed.value = 5
    assert pg.per_frame() == 5 and pg.play.step == 5 and pg.speed_label.value == "Epochs per frame = 5"
    pg.tick({"new": 0})  # Play starts from the beginning
    assert pg.epoch_label.value == "epoch 0"
    for frame in (1, 2, 3):  # the front end's timer moves Play's value on by its step: the epoch shown
        pg.tick({"new": frame * 5})
        assert pg.epoch_label.value == f"epoch {frame * 5}" and pg.play.value == frame * 5
    expected = reference_run(15)
    np.testing.assert_allclose(pg.trained.W1, expected.W1, rtol=0, atol=1e-13)
    W1, W2 = training.init_weights(1, scale=0.01)  # the loss at every epoch, to compare at those Play measured
    every = training.train(SCALED.X1, SCALED.Y, W1, W2, 1.0, 15).history
    history = pg.trained.history
    assert list(history.epoch) == [0, 5, 10, 15]
    np.testing.assert_allclose(history.loss, every.loss[history.epoch], rtol=0, atol=1e-13)
    assert pg.step_status.value.startswith("epoch 15: mean cross entropy")  # not playing: details
    pg.play.playing = True  # as the front end sets it when Play is pressed
    matrices = pg.matrices.value
    pg.tick({"new": 20})
    assert pg.step_status.value == "epoch 20: playing; the matrices below wait for Pause"
    assert pg.matrices.value == matrices
    pg.play.playing = False  # Pause: the details of where the run stands
    assert pg.step_status.value.startswith("epoch 20: mean cross entropy")
    assert pg.matrices.value != matrices
    pg.speed.value = 1  # slower from here: one epoch a frame
    pg.play.playing = True
    pg.tick({"new": 21})
    assert pg.epoch_label.value == "epoch 21" and pg.play.step == 1
    pg.tick({"new": pg.play.max})  # the last frame: the run's end, and Play stops
    assert pg.epoch_label.value == "epoch 300" and not pg.play.playing
    pg.tick({"new": 1})  # behind the run: start again from the initial weights
    assert pg.epoch_label.value == "epoch 1"


def test_plays_last_frame_is_the_runs_end_whatever_the_epoch_it_starts_from():
    pg = playground.Playground(epochs=100)
    pg.reset()
    pg.one_step()  # epoch 1: at 25 epochs a frame, Play's value goes 26, 51, 76, then 101 is past the end
    pg.speed.value = 25
    for value in (26, 51, 76):
        pg.tick({"new": value})
    assert pg.epoch_label.value == "epoch 100" and pg.play.value == pg.play.max == 100


@pytest.mark.parametrize("speed", playground.SPEEDS)
def test_every_speed_divides_the_epochs_sliders_step(speed):  # so Play lands on a run's last epoch
    assert playground.EPOCHS_STEP % speed == 0 and playground.RANGES["epochs"][0] % speed == 0


def shows_the_weights(pg):
    """Whether the weights' picture is that of where the run stands (drawn afresh)."""
    return pg.weights_image.value == render.HiddenWeights().draw(pg.trained.W1)


def test_the_hidden_nodes_weights_follow_every_control():
    pg = playground.Playground(epochs=100)
    assert shows_the_weights(pg)
    seen = [pg.weights_image.value]
    for act in (lambda: setattr(pg.seed, "value", 2), pg.reset, pg.one_step,
                lambda: pg.tick({"new": 10}), lambda: setattr(pg.hidden, "value", 3)):
        act()
        assert shows_the_weights(pg) and pg.weights_image.value not in seen
        seen.append(pg.weights_image.value)
    assert [t.get_text() for t in pg.hidden_weights.biases] == [f"{b:.3g}" for b in pg.trained.W1[0]]


def test_extreme_settings_give_a_message_never_an_exception():
    pg = playground.Playground(epochs=50)
    for pixels in ("scaled", "raw"):
        pg.pixels.value = pixels
        for name, values in (("hidden", (1, 8)), ("activation", ("relu", "sigmoid")), ("scale", (1.0, 0.001)),
                             ("stepsize", (0.001, 100.0))):
            for value in values:
                getattr(pg, name).value = value
                assert pg.summary.value.startswith(("after", "diverged at epoch")), pg.summary.value
                assert pg.curves_image.value[:8] == PNG and pg.hidden_image.value[:8] == PNG
    pg.pixels.value, pg.scale.value, pg.hidden.value = "scaled", 0.01, 2
    assert pg.stepsize.description == "Step size α = 100" and pg.summary.value.startswith("diverged at epoch")
    for _ in range(3):
        pg.one_step()  # a diverged run does not go on, and says so
        assert "diverged" in pg.step_status.value and "press Reset" in pg.step_status.value
    pg.reset()
    assert pg.epoch_label.value == "epoch 0" and not pg.summary.value.startswith("diverged")


@pytest.mark.parametrize("hidden", [1, 3, 8])
def test_step_mode_shows_every_row_of_every_matrix(hidden):
    pg = playground.Playground(hidden=hidden, epochs=50)
    for name, rows, cols in (("W^1", 5, hidden), (r"\partial W^1}", 5, hidden), ("W^2", hidden + 1, 2)):
        body = pg.matrices.value.split(f"{name} = \\begin{{bmatrix}}", 1)[1].split("\\end{bmatrix}", 1)[0]
        M = [row.split("&") for row in body.split("\\\\")]
        assert len(M) == rows and all(len(row) == cols for row in M) and "\\vdots" not in body
    assert f"$W^1$ is $5 \\times {hidden}$" in pg.matrices.value


def test_shown_in_a_notebook_with_a_recorded_picture_for_readers_without_a_kernel(pg):
    bundle = pg._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    png = base64.b64decode(bundle["image/png"])
    rows = [[pg.curves_image.value], [pg.hidden_image.value, pg.weights_image.value]]
    assert png == render.snapshot(rows, playground.SNAPSHOT_NOTE, playground.settings_text(pg.setting),
                                  pg.summary.value)  # the three pictures as the widget shows them
    assert bundle["text/plain"] == f"Playground: {playground.settings_text(pg.setting)}\n{pg.summary.value}"


@pytest.mark.parametrize("name", ["stepsize", "beta", "scale"])
def test_a_nan_is_put_back_and_the_widget_says_so(name):
    pg = playground.Playground(epochs=100)
    pg.one_step()
    trained, shown, value = pg.trained, pg.curves_image.value, getattr(pg, name).value
    getattr(pg, name).value = float("nan")  # as a NaN typed into a readout arrives
    assert getattr(pg, name).value == value and pg.setting[name] == value
    assert getattr(pg, name).description == playground.label(name, value)  # never "= nan"
    assert pg.notice.value == (f"⚠ {name} must be a finite number from {playground.RANGES[name][0]:g} to "
                               f"{playground.RANGES[name][1]:g}, got nan: kept {playground.label(name, value)}")
    assert pg.notice.layout.display is None
    assert pg.trained is trained and pg.curves_image.value == shown  # nothing retrained
    pg.one_step()
    assert pg.epoch_label.value == "epoch 102"
    pg.reset()
    assert pg.epoch_label.value == "epoch 0"
    pg.seed.value = 2  # the next valid change clears the notice
    assert pg.notice.value == "" and pg.notice.layout.display == "none"
    assert pg.summary.value == playground.summary(reference_run(100, seed=2).history)


def test_weights_the_forward_pass_refuses_are_drawn_without_points():
    pg = playground.Playground(epochs=50)
    pg.trained = pg.trained._replace(W1=np.full((5, 2), np.inf))  # as a run could end between measurements
    with pytest.raises(ValueError):
        nn.forward(SCALED.X1, pg.trained.W1, pg.trained.W2)
    pg.redraw()
    assert [len(points.get_xdata()) for points in pg.hidden_space.points] == [0, 0]
    assert pg.hidden_image.value[:8] == PNG and "press Reset" in pg.step_status.value
    assert base64.b64decode(pg._repr_mimebundle_()["image/png"])[:8] == PNG
