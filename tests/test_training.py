"""helpers/training.py: train, its History, init_weights, evaluate, accuracy, predict and
confusion_matrix.

train is checked against plain_training below: the same training written out in plain numpy,
independent of helpers.nn and helpers.optim. The chaotic recipe (raw pixels, step 0.1) is
checked with tolerances measured over 20 runs whose initial weights differ by 1e-13: its exact
end depends on floating-point summation order.
"""

import os

import numpy as np
import pytest

from helpers import data, nn, optim, training
from tests.conftest import RAW, REFERENCE, SCALED, bad, check_bad_input, with_value

# --- train, written out plainly --------------------------------------------------------------


def plain_measure(X1, Y, W1, W2, activation="sigmoid"):
    """(loss, accuracy): the mean of CE_i = ln sum_j e^(Z2_ij) - Z2_i,true, computed from the
    logits by numpy's logaddexp, and the fraction of rows whose largest logit is the true class."""
    H = np.maximum(X1 @ W1, 0) if activation == "relu" else 1 / (1 + np.exp(-(X1 @ W1)))
    Z2 = np.column_stack([np.ones(len(X1)), H]) @ W2
    CE = np.logaddexp.reduce(Z2, axis=1) - Z2[Y == 1]
    return CE.mean(), np.mean(Z2.argmax(axis=1) == Y.argmax(axis=1))


def plain_training(X1, Y, W1, W2, stepsize, epochs, beta=0.0, activation="sigmoid", batch_size=None,
                   seed=None, measure_every=1, X1_test=None, Y_test=None):
    """Gradient descent with classical momentum, v := beta v + grad, W := W - stepsize v
    (beta = 0: plain gradient descent), full batch or, each epoch, the rows shuffled by
    rng.permutation and cut into mini-batches. Returns W1, W2 and the measures (epoch, loss,
    accuracy[, test loss, test accuracy]) at epoch 0, every measure_every-th and the last."""
    rng, N = np.random.default_rng(seed), len(X1)
    size = N if batch_size is None else batch_size
    V1, V2 = np.zeros_like(W1), np.zeros_like(W2)
    measured = []
    for epoch in range(epochs + 1):
        if epoch % measure_every == 0 or epoch == epochs:
            test = [] if X1_test is None else plain_measure(X1_test, Y_test, W1, W2, activation)
            measured.append([epoch, *plain_measure(X1, Y, W1, W2, activation), *test])
        if epoch == epochs:
            break
        order = np.arange(N) if size >= N else rng.permutation(N)
        for start in range(0, N, size):
            X, T = X1[order[start:start + size]], Y[order[start:start + size]]
            Z1 = X @ W1
            H = np.maximum(Z1, 0) if activation == "relu" else 1 / (1 + np.exp(-Z1))
            X2 = np.column_stack([np.ones(len(X)), H])
            E = np.exp(X2 @ W2 - (X2 @ W2).max(axis=1, keepdims=True))
            d2 = (E / E.sum(axis=1, keepdims=True) - T) / len(X)  # d loss / d Z2
            slope = (Z1 > 0) if activation == "relu" else H * (1 - H)
            d1 = (d2 @ W2[1:].T) * slope  # d loss / d Z1
            V1, V2 = beta * V1 + X.T @ d1, beta * V2 + X2.T @ d2
            W1, W2 = W1 - stepsize * V1, W2 - stepsize * V2
    return W1, W2, np.array(measured).T


def assert_history_is(history, measured, atol=1e-12):
    np.testing.assert_array_equal(history.epoch, measured[0])
    for got, want in zip(history[1:5], measured[1:]):
        np.testing.assert_allclose(got, want, rtol=0, atol=atol)
    assert len(history.test_loss) == len(history.test_accuracy) == (len(history.epoch) if len(measured) == 5 else 0)


@pytest.mark.parametrize("epochs, measure_every", [(12, 1), (14, 4)])
@pytest.mark.parametrize("beta", [0.0, 0.9])
@pytest.mark.parametrize("held_out", [False, True])
@pytest.mark.parametrize("batch_size", [None, 64])
@pytest.mark.parametrize("activation, stepsize", [("sigmoid", 0.5), ("relu", 0.1)])
def test_train_is_the_plain_loop(activation, stepsize, batch_size, held_out, beta, epochs, measure_every):
    X1, Y, X1_test, Y_test = SCALED
    test = dict(X1_test=X1_test, Y_test=Y_test) if held_out else {}
    W1, W2 = training.init_weights(1, scale=0.5)
    trained = training.train(X1, Y, W1, W2, stepsize, epochs, beta, activation=activation,
                             batch_size=batch_size, rng=7, measure_every=measure_every, **test)
    W1_ref, W2_ref, measured = plain_training(X1, Y, W1, W2, stepsize, epochs, beta, activation,
                                              batch_size, 7, measure_every, **test)
    assert trained.history.diverged_at is None
    assert trained.history.loss[-1] < trained.history.loss[0] - 0.001  # it learned something
    np.testing.assert_allclose(trained.W1, W1_ref, rtol=0, atol=1e-12)
    np.testing.assert_allclose(trained.W2, W2_ref, rtol=0, atol=1e-12)
    assert_history_is(trained.history, measured)


def steps(X1, Y, W1, W2, stepsize, epochs):
    """epochs times nn.forward, nn.backward and optim.update: what train does, one call at a time."""
    for _ in range(epochs):
        grad = nn.backward(X1, Y, W2, nn.forward(X1, W1, W2))
        W1, W2 = optim.update(W1, grad.W1, stepsize), optim.update(W2, grad.W2, stepsize)
    return W1, W2


@pytest.mark.parametrize("pixels, stepsize, epochs", [("raw", 0.1, 1), ("scaled", 1.0, 300)])
def test_epochs_are_the_public_functions_steps(pixels, stepsize, epochs):
    """train is a plain loop over the functions the notebooks teach: the very same numbers."""
    X1, Y, _, _ = RAW if pixels == "raw" else SCALED
    W1, W2 = data.companion_weights()
    trained = training.train(X1, Y, W1, W2, stepsize=stepsize, epochs=epochs)
    W1_ref, W2_ref = steps(X1, Y, W1, W2, stepsize, epochs)
    np.testing.assert_array_equal(trained.W1, W1_ref)
    np.testing.assert_array_equal(trained.W2, W2_ref)


def test_the_articles_recipe_is_the_plain_loop():
    """Raw pixels, step 0.1, the companion script's weights: chaotic later, not in 8 epochs."""
    W1, W2 = data.companion_weights()
    trained = training.train(RAW.X1, RAW.Y, W1, W2, stepsize=0.1, epochs=8)
    W1_ref, W2_ref, measured = plain_training(RAW.X1, RAW.Y, W1, W2, 0.1, 8)
    np.testing.assert_allclose(trained.W1, W1_ref, rtol=0, atol=1e-12)
    np.testing.assert_allclose(trained.W2, W2_ref, rtol=0, atol=1e-12)
    assert_history_is(trained.history, measured)


def test_a_held_out_set_changes_nothing_but_the_history():
    W1, W2 = data.companion_weights()
    alone = training.train(SCALED.X1, SCALED.Y, W1, W2, 1.0, 30)
    watched = training.train(SCALED.X1, SCALED.Y, W1, W2, 1.0, 30, X1_test=SCALED.X1_test, Y_test=SCALED.Y_test)
    np.testing.assert_array_equal(alone.W1, watched.W1)
    np.testing.assert_array_equal(alone.history.loss, watched.history.loss)
    assert len(alone.history.test_loss) == len(alone.history.test_accuracy) == 0


def test_train_leaves_its_inputs_alone():
    W1, W2 = data.companion_weights()
    X1, Y, X1_test, Y_test = (np.array(M) for M in RAW)  # writable copies
    before = [M.copy() for M in (W1, W2, X1, Y, X1_test, Y_test)]
    training.train(X1, Y, W1, W2, epochs=5, beta=0.5, X1_test=X1_test, Y_test=Y_test)
    for M, M_before in zip((W1, W2, X1, Y, X1_test, Y_test), before):
        np.testing.assert_array_equal(M, M_before)


@pytest.mark.parametrize("beta", [0.0, 0.9])
def test_continuing_with_the_rule_is_one_longer_run(beta):
    X1, Y, X1_test, Y_test = SCALED
    W1, W2 = data.companion_weights()
    held_out = dict(X1_test=X1_test, Y_test=Y_test)
    whole = training.train(X1, Y, W1, W2, 0.5, 30, beta, **held_out)
    first = training.train(X1, Y, W1, W2, 0.5, 18, beta, **held_out)
    fresh = training.train(X1, Y, first.W1, first.W2, 0.5, 12, beta, **held_out)  # momentum forgotten
    then = training.train(X1, Y, first.W1, first.W2, epochs=12, rule=first.rule, **held_out)
    np.testing.assert_array_equal(then.W1, whole.W1)
    np.testing.assert_array_equal(then.W2, whole.W2)
    joined = first.history.then(then.history)
    np.testing.assert_array_equal(joined.epoch, np.arange(31))
    for got, want in zip(joined, whole.history):
        np.testing.assert_array_equal(got, want)
    assert np.array_equal(fresh.W1, whole.W1) == (beta == 0)  # so the rule's memory matters


def test_a_rule_handed_in_is_not_advanced():  # issue 17: continuing a checkpoint twice gave other weights
    X1, Y = SCALED.X1, SCALED.Y
    W1, W2 = data.companion_weights()
    first = training.train(X1, Y, W1, W2, 0.5, 10, 0.9)
    velocity = [v.copy() for v in first.rule.velocity]
    a = training.train(X1, Y, first.W1, first.W2, epochs=5, rule=first.rule)
    b = training.train(X1, Y, first.W1, first.W2, epochs=5, rule=first.rule)
    np.testing.assert_array_equal(a.W1, b.W1)
    for v, v_before in zip(first.rule.velocity, velocity):
        np.testing.assert_array_equal(v, v_before)
    assert a.rule is not first.rule and not np.array_equal(a.rule.velocity[0], velocity[0])  # the advanced copy


def test_then_shifts_a_later_divergence():
    X1, Y = SCALED.X1, SCALED.Y
    W1, W2 = data.companion_weights()
    first = training.train(X1, Y, W1, W2, stepsize=1.0, epochs=5)
    later = training.train(X1, Y, first.W1, first.W2, stepsize=1e5, epochs=3)
    assert later.history.diverged_at is not None
    assert first.history.then(later.history).diverged_at == 5 + later.history.diverged_at


def test_then_refuses_what_cannot_be_joined():  # issue 17: arrays of different lengths; a forgotten divergence
    X1, Y, X1_test, Y_test = SCALED
    W1, W2 = data.companion_weights()
    alone = training.train(X1, Y, W1, W2, 1.0, 3).history
    watched = training.train(X1, Y, W1, W2, 1.0, 3, X1_test=X1_test, Y_test=Y_test).history
    diverged = training.train(X1, Y, W1, W2, 1e5, 3).history
    assert diverged.diverged_at is not None
    with pytest.raises(ValueError, match=r"^only the later run measured a held-out set"):
        alone.then(watched)
    with pytest.raises(ValueError, match=r"^only this run measured a held-out set"):
        watched.then(alone)
    with pytest.raises(ValueError, match=rf"^this run diverged at epoch {diverged.diverged_at}: a diverged run "
                                         "cannot be continued"):
        diverged.then(alone)
    with pytest.raises(ValueError, match=r"^later must be the History of a later run, got \(1, 2\)"):
        alone.then((1, 2))


# --- what train reports (issue 10 items 2, 3 and 13) ------------------------------------------------


@pytest.mark.parametrize("stepsize, epochs", [(50, 2), (1e5, 1), (1.0, 3)])
def test_the_last_loss_is_that_of_the_returned_weights(stepsize, epochs):
    """The old train reported the loss before each update, so never that of the last one."""
    W1, W2 = data.companion_weights()
    trained = training.train(SCALED.X1, SCALED.Y, W1, W2, stepsize=stepsize, epochs=epochs)
    history = trained.history
    loss, accuracy = plain_measure(SCALED.X1, SCALED.Y, trained.W1, trained.W2)
    assert history.epoch[-1] == (epochs if history.diverged_at is None else history.diverged_at)
    assert history.loss[-1] == pytest.approx(loss, rel=1e-12) and history.accuracy[-1] == accuracy
    assert abs(history.loss[-1] - history.loss[0]) > 1e-6  # not the loss of the start
    assert history.message.endswith(f"loss {loss:.5f}") or history.diverged_at is not None


def test_the_reported_loss_is_exact_where_softmax_underflows():
    """A ReLU network with large weights on raw pixels: Yhat rounds to 0 for many true
    classes. The old loss capped each row at 708.4, -ln of the smallest normal float."""
    W1, W2 = training.init_weights(3, n_hidden=8, scale=10.0)
    exact, _ = plain_measure(RAW.X1, RAW.Y, W1, W2, "relu")
    assert exact > 10 * 708.4
    trained = training.train(RAW.X1, RAW.Y, W1, W2, epochs=0, activation="relu")
    assert trained.history.loss[0] == pytest.approx(exact, rel=1e-12)
    assert training.evaluate(RAW.X1, RAW.Y, W1, W2, "relu").loss == pytest.approx(exact, rel=1e-12)


def test_zero_epochs_measures_the_start():
    W1, W2 = data.companion_weights()
    trained = training.train(RAW.X1, RAW.Y, W1, W2, epochs=0, X1_test=RAW.X1_test, Y_test=RAW.Y_test)
    loss, accuracy = plain_measure(RAW.X1, RAW.Y, W1, W2)
    np.testing.assert_array_equal(trained.W1, W1)
    np.testing.assert_array_equal(trained.W2, W2)
    history = trained.history
    assert history.epoch.tolist() == [0] and history.last_epoch == 0 and len(history.test_loss) == 1
    assert history.loss[0] == pytest.approx(loss, rel=1e-12) and history.accuracy[0] == accuracy
    assert history.message == f"ran 0 epochs: loss {loss:.5f}"  # it raised IndexError


def test_train_lowers_the_loss_on_the_article_sample():
    sample = data.article_sample()
    X1 = nn.add_bias(sample.X)
    W1, W2 = data.article_weights()
    history = training.train(X1, sample.Y, W1, W2, stepsize=0.1, epochs=200).history
    assert history.loss[0] == pytest.approx(plain_measure(X1, sample.Y, W1, W2)[0], rel=1e-15)
    # epoch 1 measures the weights after one update: the article's loss after its update
    assert round(history.loss[1], 5) == REFERENCE["CE_mean_after_update"]
    assert history.loss[-1] < history.loss[0] - 0.1
    assert history.diverged_at is None and len(history.loss) == 201


# --- divergence -----------------------------------------------------------------------------------


def test_divergence_is_reported_not_raised():
    W1, W2 = training.init_weights(np.random.default_rng(0), scale=10)
    with np.errstate(all="raise"):  # and every warning is an error (tests/conftest.py)
        history = training.train(RAW.X1, RAW.Y, W1, W2, stepsize=50, epochs=1500,
                                  X1_test=RAW.X1_test, Y_test=RAW.Y_test).history
    k = history.diverged_at
    assert k is not None and 0 < k < 1500
    assert history.epoch.tolist() == list(range(k + 1)) and len(history.test_loss) == k + 1
    assert np.isfinite(history.loss[:k]).all()
    last = history.loss[k]
    assert not last <= training.DIVERGED * history.loss[:k].min()  # past 10x its lowest, or NaN
    assert not last <= history.loss[0]  # and worse than where it started
    assert history.message == f"diverged at epoch {k}: step size too large"


def test_divergence_rule():
    diverged = training._diverged
    assert diverged(np.nan, 0.1, 0.7) and diverged(np.inf, 0.1, 0.7)
    assert diverged(1.1, 0.1, 0.7)  # 11x the lowest and above the start
    assert not diverged(0.9, 0.1, 0.7)  # 9x the lowest
    assert not diverged(0.5, 0.01, 0.7)  # 50x a deep minimum, but below the start: a spike


@pytest.mark.slow
def test_mini_batch_spikes_after_a_deep_minimum_are_not_divergence():
    # XOR of two coordinates, one row per step: the loss spikes past 10x its lowest value
    # yet stays far below where it started, and training recovers, so train must go on
    rng = np.random.default_rng(0)
    X = rng.uniform(0, 1, (40, 2))
    X1, Y = nn.add_bias(X), np.eye(2)[((X[:, 0] > 0.5) ^ (X[:, 1] > 0.5)).astype(int)]
    W1, W2 = training.init_weights(0, n_inputs=2, n_hidden=8, scale=1.0)
    history = training.train(X1, Y, W1, W2, stepsize=1.0, epochs=400, batch_size=1, rng=0).history
    spike = (history.loss[1:] / np.minimum.accumulate(history.loss)[:-1]).max()
    assert spike > training.DIVERGED  # the old rule (10x the lowest alone) would have stopped here
    assert history.diverged_at is None and history.last_epoch == 400
    assert np.median(history.loss[-50:]) < 0.1 * history.loss[0]


# --- the digits network of notebook 11 --------------------------------------------------------------


@pytest.mark.parametrize("activation, stepsize, epochs, goal", [("sigmoid", 0.3, 20, 0.945), ("relu", 0.05, 20, 0.93)])
def test_digits_network_learns(activation, stepsize, epochs, goal):
    """Notebook 11's recipe (64-32-10, mini-batches of 16, scale 0.1, seeded), cut to 20 epochs
    to be fast: measured 0.9511 (sigmoid) and 0.9378 (relu) on this split."""
    train, test = data.split(data.load_digits(), 0.25, 0)
    rng = np.random.default_rng(0)
    W1, W2 = training.init_weights(rng, 64, 32, 10, scale=0.1)
    trained = training.train(nn.add_bias(train.X / 16), train.Y, W1, W2, stepsize=stepsize, epochs=epochs,
                             batch_size=16, rng=rng, activation=activation, measure_every=epochs)
    assert training.evaluate(nn.add_bias(test.X / 16), test.Y, trained.W1, trained.W2, activation).accuracy >= goal


# --- init_weights, evaluate, accuracy, predict, confusion_matrix -----------------------------------


def test_init_weights_is_seeded_and_uniform_in_the_scale():
    a = training.init_weights(np.random.default_rng(7), scale=0.3)
    b = training.init_weights(7, scale=0.3)
    for A, B, shape in zip(a, b, ((5, 2), (3, 2))):
        np.testing.assert_array_equal(A, B)
        assert A.shape == shape and np.abs(A).max() <= 0.3
    many = training.init_weights(1, n_inputs=999, scale=0.3)[0]
    assert many.min() < -0.29 and many.max() > 0.29  # fills [-scale, scale]
    W1, W2 = training.init_weights(1, n_inputs=64, n_hidden=32, n_classes=10, scale=0.1)
    assert W1.shape == (65, 32) and W2.shape == (33, 10)


def test_evaluate_predict_and_accuracy():
    W1, W2 = data.companion_weights()
    X1, Y, X1_test, Y_test = SCALED
    trained = training.train(X1, Y, W1, W2, 1.0, 300)
    predicted = training.predict(X1_test, trained.W1, trained.W2)
    Yhat = nn.forward(X1_test, trained.W1, trained.W2).Yhat
    np.testing.assert_array_equal(predicted, Yhat.argmax(axis=1))
    assert predicted.shape == (100,) and set(predicted) == {0, 1}
    correct = np.count_nonzero(predicted == Y_test.argmax(axis=1))
    assert training.accuracy(Yhat, Y_test) == correct / 100
    loss, accuracy = training.evaluate(X1_test, Y_test, trained.W1, trained.W2)
    assert accuracy == correct / 100
    assert loss == pytest.approx(plain_measure(X1_test, Y_test, trained.W1, trained.W2)[0], rel=1e-12)


def test_confusion_matrix_counts():
    C = training.confusion_matrix([0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 0, 2], n_classes=3)
    np.testing.assert_array_equal(C, [[1, 1, 0], [0, 1, 0], [1, 0, 2]])
    assert C.dtype.kind == "i"


def test_train_passes_progress_to_its_bar(monkeypatch):
    asked = []
    monkeypatch.setattr(training, "progress_bar", lambda steps, show: asked.append(show) or steps)
    W1, W2 = data.companion_weights()
    quiet = training.train(SCALED.X1, SCALED.Y, W1, W2, epochs=3)
    shown = training.train(SCALED.X1, SCALED.Y, W1, W2, epochs=3, progress=True)
    assert asked == [False, True]
    np.testing.assert_array_equal(quiet.W1, shown.W1)


def test_progress_bar_is_off_under_HELPERS_PROGRESS_off(monkeypatch):
    monkeypatch.setenv("HELPERS_PROGRESS", "off")
    steps = range(3)
    assert training.progress_bar(steps, True) is steps and training.progress_bar(steps, False) is steps


def test_progress_bar_is_tqdm_unless_turned_off(monkeypatch):
    monkeypatch.delenv("HELPERS_PROGRESS")
    bar = training.progress_bar(range(5), True)
    assert type(bar).__module__.startswith("tqdm") and list(bar) == [0, 1, 2, 3, 4]
    assert training.progress_bar(range(5), False) == range(5)


# --- bad input (issue 10 items 11 and 13): one row per public function and argument, proving it
# calls its checker, and train's and confusion_matrix's own rules (each checker's table: test_checks.py)

X1, Y, X1_TEST, Y_TEST = (np.array(M) for M in RAW)
W1, W2 = data.companion_weights()


OTHER_SHAPES = training.train(X1, Y, *training.init_weights(0, n_hidden=3), 0.1, 1, 0.9)


def train(**kwargs):
    """train on the raw stairs images for one epoch, with kwargs changed."""
    return training.train(**(dict(X1=X1, Y=Y, W1=W1, W2=W2, epochs=1) | kwargs))


BAD_INPUTS = [
    bad(training.train, lambda: train(stepsize=-0.1), r"^stepsize must be a finite number >= 0, got -0.1"),
    bad(training.train, lambda: train(epochs=np.inf),
        r"^epochs must be a whole number \(an int\) from 0 to 1e\+07, got inf"),
    bad(training.train, lambda: train(batch_size=0), r"^batch_size must be a whole number \(an int\) >= 1, got 0"),
    bad(training.train, lambda: train(rng=-1),
        r"^rng must be a numpy Generator, a seed \(a whole number >= 0\) or None, got -1"),
    bad(training.train, lambda: train(beta=1.0), r"^beta must be a finite number from 0 to 0.999, got 1.0"),
    bad(training.train, lambda: train(measure_every=0),
        r"^measure_every must be a whole number \(an int\) >= 1, got 0"),
    bad(training.train, lambda: train(activation="tanh"), r"^activation must be one of 'sigmoid', 'relu'; got 'tanh'"),
    bad(training.train, lambda: train(rule="sgd"), r"^rule must be an update rule of helpers.optim.*got 'sgd'"),
    bad(training.train, lambda: train(rule=optim.Momentum(0.1, 0.9), stepsize=0.1),
        r"^give rule \(to continue a run\) or stepsize and beta \(to start one\), not both: got "
        r"rule=Momentum\(stepsize=0.1, beta=0.9\), stepsize=0.1, beta=None"),
    bad(training.train, lambda: train(rule=optim.GradientDescent(0.1), beta=0.0), r"^give rule .* not both"),
    bad(training.train, lambda: train(rule=OTHER_SHAPES.rule),  # issue 17: a bias-only difference broadcast
        r"^rule=Momentum\(stepsize=0.1, beta=0.9\) comes from a network of other shapes: its velocity is 5x3 "
        r"and 4x2, but W1 is 5x2 and W2 is 3x2"),
    bad(training.train, lambda: train(X1_test=X1_TEST), r"^give both X1_test and Y_test, or neither"),
    bad(training.train, lambda: train(Y_test=Y_TEST), r"^give both X1_test and Y_test, or neither"),
    bad(training.train, lambda: train(X1_test=with_value(X1_TEST, (3, 2), np.nan), Y_test=Y_TEST),
        r"^X1_test has a NaN value at index \(3, 2\)"),
    bad(training.train, lambda: train(X1_test=X1_TEST, Y_test=Y_TEST[:5]),
        r"^Y_test must be 100x2 \(a row per sample of X1_test, a column per output of W2\), got 5x2"),
    bad(training.train, lambda: train(X1=with_value(X1, (3, 2), np.inf)),
        r"^X1 has an infinite value at index \(3, 2\)"),
    bad(training.train, lambda: train(Y=Y[:10]), r"^Y must be 400x2 \(a row per sample of X1"),
    bad(training.train, lambda: train(W1=W1[:4]), r"^shapes do not chain: X1 is 400x5, so W1 needs 5 rows"),
    bad(training.train, lambda: train(W2=[[0.1, 0.2]] * 3 + [[0.1]]), r"^W2 must be a rectangular array"),
    bad(training.init_weights, lambda: training.init_weights(0, n_hidden=0),
        r"^n_hidden must be a whole number \(an int\) from 1 to 100000, got 0"),
    bad(training.init_weights, lambda: training.init_weights(0, n_inputs=True),
        r"^n_inputs must be a whole number .*bool"),
    bad(training.init_weights, lambda: training.init_weights(0, n_classes=-2), r"^n_classes must be a whole number"),
    bad(training.init_weights, lambda: training.init_weights(0, scale=1e308),
        r"^scale must be a finite number > 0 and at most 1e\+100, got 1e\+308"),
    bad(training.init_weights, lambda: training.init_weights("0"), r"^rng must be a numpy Generator.*'0' \(a str\)"),
    bad(training.evaluate, lambda: training.evaluate([[1, 0, 0, np.nan, 0.0]], Y[:1], W1, W2),
        r"^X1 has a NaN value at index \(0, 3\)"),
    bad(training.evaluate, lambda: training.evaluate(np.ones((3, 4)), Y[:3], W1, W2),
        r"^shapes do not chain: X1 is 3x4, so W1 needs 4 rows"),
    bad(training.evaluate, lambda: training.evaluate(X1[:4], Y[:4], W1, W2[:2]),
        r"^shapes do not chain: .*W2 needs 3 rows"),
    bad(training.evaluate, lambda: training.evaluate(X1[:4], np.eye(2)[[0, 1, 0]], W1, W2), r"^Y must be 4x2"),
    bad(training.evaluate, lambda: training.evaluate(X1[:4], Y[:4], W1, W2, "tanh"), r"^activation must be one of"),
    bad(training.evaluate, lambda: training.evaluate(X1[:4], Y[:4], np.full((5, 2), 1e306), W2),
        r"^Z1 = X1 W1 overflowed"),
    bad(training.predict, lambda: training.predict([[1, 0, 0, np.nan, 0.0]], W1, W2),
        r"^X1 has a NaN value at index \(0, 3\)"),
    bad(training.predict, lambda: training.predict(np.ones((3, 4)), W1, W2),
        r"^shapes do not chain: X1 is 3x4, so W1 needs 4 rows"),
    bad(training.predict, lambda: training.predict(X1, W1, W2[:2]), r"^shapes do not chain: .*W2 needs 3 rows"),
    bad(training.predict, lambda: training.predict(X1, W1, W2, "tanh"), r"^activation must be one of"),
    bad(training.accuracy, lambda: training.accuracy(np.full((3, 2), 0.5), np.eye(2)[[0, 1]]),
        r"^Yhat and Y must have the same shape, got \(3, 2\) and \(2, 2\)"),
    bad(training.accuracy, lambda: training.accuracy([[0.5, np.nan]], [[1, 0]]), r"^Yhat has a NaN value"),
    bad(training.accuracy, lambda: training.accuracy([[0.5, 0.5]], [[1, 1]]), r"^Y must be one-hot: row 0 has 2 ones"),
    bad(training.confusion_matrix, lambda: training.confusion_matrix([0, 1], [0], 2),
        r"^true and predicted must have the same shape, got \(2,\) and \(1,\)"),
    bad(training.confusion_matrix, lambda: training.confusion_matrix([0, 1], [0, 5], 3),
        r"^predicted\[1\] = 5 is not a class number 0..2"),
    bad(training.confusion_matrix, lambda: training.confusion_matrix([0, 1.0000000001], [0, 1], 2),
        r"^true\[1\] = 1.0000000001 is not a class number 0..1"),  # issue 17: it said "= 1"
    bad(training.confusion_matrix, lambda: training.confusion_matrix([-1, 1], [0, 1], 2),
        r"^true\[0\] = -1 is not a class number"),
    bad(training.confusion_matrix, lambda: training.confusion_matrix([0, 1], [0, 1], True),
        r"^n_classes must be a whole number .*bool"),
]


@pytest.mark.parametrize("function, call, message", BAD_INPUTS)
def test_bad_input(function, call, message):
    check_bad_input(call, message)
