"""Tests of helpers/prelude.py (notebooks 00a and 00b) and plots.draw_gate.

Reference values are recomputed here from their definitions (an independent loop, math.exp),
except 0.99993704, the prediction the "hello world" example's source reports."""

import math

import matplotlib
import matplotlib.collections
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import prelude

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from helpers import plots  # noqa: E402

# --- one neuron ----------------------------------------------------------------------


def test_one_neuron_is_sigmoid_of_7():
    assert prelude.weighted_sum([2, 3], [0, 1], 4) == 7
    expected = 1 / (1 + math.exp(-7))
    assert prelude.neuron([2, 3], [0, 1], 4) == pytest.approx(expected, abs=1e-15)
    assert f"{prelude.neuron([2, 3], [0, 1], 4):.8f}" == f"{expected:.8f}" == "0.99908895"


@pytest.mark.parametrize("x, w, b, message", [
    ([2, 3], [0, 1, 5], 4, "x has 2 inputs but w has 3"),
    ([2, np.nan], [0, 1], 4, "x has a NaN"),
    ([[2, 3]], [0, 1], 4, "x must have 1 dimension"),
    ([2, 3], [0, 1], "four", "b must be a number"),
    ([2, 3], [0, 1], np.inf, "b must be finite"),
    ("ab", [0, 1], 4, "x must be numeric"),
    ([], [], 4, "x is empty"),
])
def test_one_neuron_bad_input(x, w, b, message):
    with pytest.raises(ValueError, match=message):
        prelude.neuron(x, w, b)


# --- perceptron gates ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["OR", "AND", "NAND"])
def test_perceptron_rule_learns_the_gate(name):
    X, t = prelude.gate(name)
    learned = prelude.perceptron_rule(X, t, w=[0, 0], b=-0.5)
    assert learned.converged and learned.mistakes[-1] == 0
    assert learned.epochs == len(learned.mistakes)
    assert prelude.perceptron(X, learned.w, learned.b).tolist() == t.tolist()


def test_learned_truth_tables():
    """The truth tables the notebook prints, compared with the gates' definitions."""
    for name, logic in (("OR", lambda a, b: a or b), ("AND", lambda a, b: a and b)):
        X, t = prelude.gate(name)
        learned = prelude.perceptron_rule(X, t, w=[0, 0], b=-0.5)
        table = prelude.truth_table(X, t, learned.w, learned.b).splitlines()
        assert table[0].split() == ["x1", "x2", "target", "w.x+b", "output"]
        for line, (a, b) in zip(table[1:], [(0, 0), (0, 1), (1, 0), (1, 1)]):
            x1, x2, target, z, output = line.split()
            assert (int(x1), int(x2)) == (a, b)
            assert int(target) == int(output) == int(logic(a, b))
            assert float(z) == pytest.approx(learned.w @ [a, b] + learned.b)


def test_or_from_the_notebooks_start():
    """From w = 0, b = -0.5, lr = 1, tracing the rule by hand gives x1 + x2 - 0.5 in 4 passes."""
    learned = prelude.perceptron_rule(*prelude.gate("OR"), w=[0, 0], b=-0.5)
    assert learned.w.tolist() == [1, 1] and learned.b == -0.5
    assert learned.mistakes == [1, 2, 1, 0]


def test_truth_table_marks_wrong_rows():
    X, t = prelude.gate("XOR")
    lines = prelude.truth_table(X, t, [1, 1], -0.5).splitlines()
    assert ["wrong" in line for line in lines[1:]] == [False, False, False, True]


@settings(max_examples=60, deadline=None)
@given(w=st.lists(st.floats(-3, 3), min_size=2, max_size=2), b=st.floats(-3, 3),
       lr=st.floats(0.05, 2), name=st.sampled_from(["OR", "AND", "NAND"]))
def test_perceptron_rule_converges_on_separable_gates(w, b, lr, name):
    """The perceptron convergence theorem: a separable truth table is learned from any start."""
    X, t = prelude.gate(name)
    learned = prelude.perceptron_rule(X, t, w=w, b=b, lr=lr, max_epochs=2000)
    assert learned.converged
    assert prelude.perceptron(X, learned.w, learned.b).tolist() == t.tolist()


@settings(max_examples=40, deadline=None)
@given(w=st.lists(st.floats(-3, 3), min_size=2, max_size=2), b=st.floats(-3, 3), lr=st.floats(0.05, 2))
def test_no_line_does_xor(w, b, lr):
    X, t = prelude.gate("XOR")
    learned = prelude.perceptron_rule(X, t, w=w, b=b, lr=lr, max_epochs=50)
    assert not learned.converged and learned.epochs == 50
    assert (prelude.perceptron(X, learned.w, learned.b) != t).sum() >= 1


def test_step_is_zero_at_zero():
    assert prelude.step([-1, 0, 1e-12]).tolist() == [0, 0, 1]


@pytest.mark.parametrize("kwargs, message", [
    (dict(t=[0, 1, 1, 2]), r"t must hold only 0s and 1s: t\[3\] = 2"),
    (dict(t=[0, 1, 1]), "t has 3 targets but X has 4 rows"),
    (dict(w=[0, 0, 0]), "X has 2 columns but w has 3 weights"),
    (dict(lr=0), "lr .* must be > 0"),
    (dict(lr=-1), "lr .* must be > 0"),
    (dict(max_epochs=0), "max_epochs must be a whole number >= 1"),
    (dict(max_epochs=2.5), "max_epochs must be a whole number >= 1"),
    (dict(max_epochs=True), "max_epochs must be a whole number >= 1"),
    (dict(b=None), "b must be a number"),
])
def test_perceptron_rule_bad_input(kwargs, message):
    X, t = prelude.gate("OR")
    args = dict(X=X, t=t) | kwargs
    with pytest.raises(ValueError, match=message):
        prelude.perceptron_rule(**args)


def test_bad_gate_and_truth_table():
    with pytest.raises(ValueError, match="unknown gate 'XNOR'"):
        prelude.gate("XNOR")
    X, t = prelude.gate("OR")
    with pytest.raises(ValueError, match="t has 2 targets but X has 4 rows"):
        prelude.truth_table(X, t[:2], [1, 1], 0)
    with pytest.raises(ValueError, match="X has 2 columns but w has 1 weights"):
        prelude.perceptron(X, [1], 0)


# --- the "hello world" network ---------------------------------------------------------


def legacy_hello_world():
    """The example as its source writes it: numpy's global legacy generator, 10,000 in-place
    updates. Restores numpy's global random state afterwards."""
    X = np.array([[0, 0, 1], [1, 1, 1], [1, 0, 1], [0, 1, 1]])
    y = np.array([[0, 1, 1, 0]]).T
    state = np.random.get_state()
    try:
        np.random.seed(1)
        w = 2 * np.random.random((3, 1)) - 1
    finally:
        np.random.set_state(state)
    w0 = w.copy()
    for _ in range(10000):
        out = 1 / (1 + np.exp(-(X @ w)))
        w += X.T @ ((y - out) * out * (1 - out))
    prediction = 1 / (1 + np.exp(-(np.array([1, 0, 0]) @ w)))
    return w0, w, float(prediction[0])


def test_hello_world_predicts_0_99993704():
    w0, w_ref, prediction_ref = legacy_hello_world()
    X, y, x_new = prelude.hello_world_data()
    assert np.array_equal(prelude.hello_world_weights(seed=1), w0)
    trained = prelude.hello_world_train(X, y, prelude.hello_world_weights(seed=1))
    assert np.allclose(trained.w, w_ref, rtol=0, atol=1e-12)
    prediction = prelude.neuron(x_new, trained.w[:, 0], 0)
    assert prediction == pytest.approx(prediction_ref, abs=1e-12)
    assert f"{prediction:.8f}" == f"{prediction_ref:.8f}" == "0.99993704"


def test_hello_world_data_label_is_first_input():
    X, y, x_new = prelude.hello_world_data()
    assert X.shape == (4, 3) and y.shape == (4, 1)
    assert np.array_equal(y[:, 0], X[:, 0]) and x_new.tolist() == [1, 0, 0]


def test_hello_world_errors():
    X, y, _ = prelude.hello_world_data()
    w0 = prelude.hello_world_weights()
    trained = prelude.hello_world_train(X, y, w0, iterations=500)
    out0 = 1 / (1 + np.exp(-(X @ w0)))
    assert trained.errors.shape == (500,)
    assert trained.errors[0] == pytest.approx(0.5 * np.sum((y - out0) ** 2))
    assert (np.diff(trained.errors) < 0).all()
    assert np.array_equal(w0, prelude.hello_world_weights())  # w0 not modified
    assert prelude.hello_world_train(X, y, w0, iterations=0).w.tolist() == w0.tolist()


def test_hello_world_weights_leave_global_state_alone():
    np.random.seed(123)
    expected = np.random.random()
    np.random.seed(123)
    prelude.hello_world_weights(seed=1)
    assert np.random.random() == expected


@pytest.mark.parametrize("kwargs, message", [
    (dict(y=[[0], [1], [1]]), "y has 3 labels but X has 4 rows"),
    (dict(y=[[0], [1], [0.5], [0]]), "y must hold only 0s and 1s"),
    (dict(w=[[0.1], [0.2]]), "X has 3 columns but w has 2 weights"),
    (dict(iterations=-1), "iterations must be a whole number >= 0"),
    (dict(iterations=10.5), "iterations must be a whole number >= 0"),
    (dict(X=[[0, 0, np.nan]] * 4), "X has a NaN or inf value"),
])
def test_hello_world_bad_input(kwargs, message):
    X, y, _ = prelude.hello_world_data()
    args = dict(X=X, y=y, w=prelude.hello_world_weights()) | kwargs
    with pytest.raises(ValueError, match=message):
        prelude.hello_world_train(**args)


def test_hello_world_weights_bad_seed():
    with pytest.raises(ValueError, match="seed must be a whole number >= 0"):
        prelude.hello_world_weights(seed=-1)


# --- why a hidden layer --------------------------------------------------------------------


def test_cases_a_and_b_move_the_linear_score_equally():
    cases = np.array([[100, 0, 0, 125], [100, 0, 60, 125], [100, 0, 120, 125]])
    score = prelude.linear_score(cases)
    assert np.diff(score) == pytest.approx([0.0020 * 60, 0.0020 * 60])
    assert score[0] == pytest.approx(-0.0019 * 100 + 0.0023 * 125 + 0.0003)


def test_detector_network_matches_the_article_equations():
    rng = np.random.default_rng(5)
    X = rng.integers(0, 256, size=(50, 4)).astype(float)
    s = lambda z: 1 / (1 + np.exp(-z))
    left = s(0.002 * X[:, 0] - 0.05 * X[:, 1] + 0.012 * X[:, 2] + 0.012 * X[:, 3] - 0.05)
    right = s(-0.05 * X[:, 0] + 0.002 * X[:, 1] + 0.012 * X[:, 2] + 0.012 * X[:, 3] - 0.05)
    net = prelude.sigmoid_network(X, *prelude.detector_network())
    assert np.allclose(net.H, np.column_stack([left, right]), rtol=0, atol=1e-14)
    assert np.allclose(net.out, s(3 * left + 3 * right - 1), rtol=0, atol=1e-14)


def test_stairs_xor_averages():
    """The notebook's argument: the stairs pair and the other pair have the same average, so
    no linear score puts both stairs above 0 and both others at or below 0."""
    four = np.array([[255, 0, 255, 255], [0, 255, 255, 255], [255, 255, 255, 255], [0, 0, 255, 255]])
    assert np.array_equal(four[:2].mean(axis=0), four[2:].mean(axis=0))
    rng = np.random.default_rng(0)
    for _ in range(2000):
        s = prelude.linear_score(four, rng.normal(size=4), rng.normal())
        assert not (s[0] > 0 and s[1] > 0 and s[2] <= 0 and s[3] <= 0)


@pytest.mark.parametrize("X, W2, message", [
    ([[1, 2, 3]], None, "shapes do not chain"),
    ([[1, 2, 3, 4]], [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], "W2 must have one column"),
    ([[1, 2, np.inf, 4]], None, "X has a NaN or inf value"),
])
def test_sigmoid_network_bad_input(X, W2, message):
    W1, W2_ok = prelude.detector_network()
    with pytest.raises(ValueError, match=message):
        prelude.sigmoid_network(X, W1, W2_ok if W2 is None else W2)


def test_linear_score_bad_input():
    with pytest.raises(ValueError, match="X has 3 columns but w has 4 weights"):
        prelude.linear_score([[1, 2, 3]])


# --- plots.draw_gate ----------------------------------------------------------------------


def test_draw_gate_rings_the_wrong_points():
    X, t = prelude.gate("XOR")
    fig, ax = plt.subplots()
    plots.draw_gate(ax, X, t, [1, 1], -0.5)
    rings = [c for c in ax.collections
             if isinstance(c, matplotlib.collections.PathCollection) and c.get_facecolor().size == 0]
    assert len(rings) == 1 and rings[0].get_offsets().tolist() == [[1.0, 1.0]]
    plt.close(fig)


@pytest.mark.parametrize("X, t, w, message", [
    ([[0, 0, 0]], [0], None, "X of shape N x 2"),
    ([[0, 0]], [0, 1], None, "and 2 targets"),
    ([[0, 0]], [0], [0, 0], "not both 0"),
])
def test_draw_gate_bad_input(X, t, w, message):
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match=message):
        plots.draw_gate(ax, X, t, w)
    plt.close(fig)
