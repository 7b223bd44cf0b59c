"""helpers/prelude.py: the first networks of notebooks 00a and 00b (a neuron, a perceptron,
the "hello world" network, the article's hand-set detectors).

Reference values are recomputed here from their definitions (an independent loop, math.exp),
except 0.99993704, the prediction the "hello world" example's source reports."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import prelude
from tests.conftest import bad, check_bad_input

# --- one neuron ----------------------------------------------------------------------


def test_one_neuron_is_sigmoid_of_7():
    assert prelude.weighted_sum([2, 3], [0, 1], 4) == 7
    expected = 1 / (1 + math.exp(-7))
    assert prelude.neuron([2, 3], [0, 1], 4) == pytest.approx(expected, abs=1e-15)
    assert f"{prelude.neuron([2, 3], [0, 1], 4):.8f}" == f"{expected:.8f}" == "0.99908895"


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
    """From w = 0, b = -0.5, alpha = 1, tracing the rule by hand gives x1 + x2 - 0.5 in 4 passes."""
    learned = prelude.perceptron_rule(*prelude.gate("OR"), w=[0, 0], b=-0.5)
    assert learned.w.tolist() == [1, 1] and learned.b == -0.5
    assert learned.mistakes == [1, 2, 1, 0]


def test_truth_table_marks_wrong_rows():
    X, t = prelude.gate("XOR")
    lines = prelude.truth_table(X, t, [1, 1], -0.5).splitlines()
    assert ["wrong" in line for line in lines[1:]] == [False, False, False, True]


@settings(max_examples=60, deadline=None)
@given(w=st.lists(st.floats(-3, 3), min_size=2, max_size=2), b=st.floats(-3, 3),
       alpha=st.floats(0.05, 2), name=st.sampled_from(["OR", "AND", "NAND"]))
def test_perceptron_rule_converges_on_separable_gates(w, b, alpha, name):
    """The perceptron convergence theorem: a separable truth table is learned from any start."""
    X, t = prelude.gate(name)
    learned = prelude.perceptron_rule(X, t, w=w, b=b, alpha=alpha, max_epochs=2000)
    assert learned.converged
    assert prelude.perceptron(X, learned.w, learned.b).tolist() == t.tolist()


@settings(max_examples=40, deadline=None)
@given(w=st.lists(st.floats(-3, 3), min_size=2, max_size=2), b=st.floats(-3, 3), alpha=st.floats(0.05, 2))
def test_no_line_does_xor(w, b, alpha):
    X, t = prelude.gate("XOR")
    learned = prelude.perceptron_rule(X, t, w=w, b=b, alpha=alpha, max_epochs=50)
    assert not learned.converged and (learned.epochs == 50 or learned.cycled)
    assert learned.epochs == len(learned.mistakes) and min(learned.mistakes) >= 1
    assert (prelude.perceptron(X, learned.w, learned.b) != t).sum() >= 1


def test_xor_stops_when_the_rule_goes_round_in_a_circle():
    """Issue 10 item 16: on XOR the rule never converges; it used to run all max_epochs passes.
    It stops at the first pass that starts from weights an earlier pass started from."""
    X, t = prelude.gate("XOR")
    learned = prelude.perceptron_rule(X, t, max_epochs=10**6)
    assert learned.cycled and not learned.converged and learned.epochs < 10
    w, b, starts = np.zeros(2), 0.0, []  # the passes replayed: the next one would repeat one
    for _ in range(learned.epochs):
        starts.append((*w, b))
        for x, target in zip(X, t):
            error = target - float(x @ w + b > 0)
            w, b = w + error * x, b + error
    assert (*w, b) in starts and len(set(starts)) == len(starts)
    assert w.tolist() == learned.w.tolist() and b == learned.b


def test_a_separable_gate_does_not_cycle():
    learned = prelude.perceptron_rule(*prelude.gate("AND"), max_epochs=10**6)
    assert learned.converged and not learned.cycled


def test_step_function_is_zero_at_zero():
    assert prelude.step_function([-1, 0, 1e-12]).tolist() == [0, 0, 1]


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


# --- bad input -----------------------------------------------------------------------------------

X_OR, T_OR = prelude.gate("OR")
X_HW, Y_HW, _ = prelude.hello_world_data()
W1_DET, W2_DET = prelude.detector_network()


def rule(**kwargs):
    return prelude.perceptron_rule(**(dict(X=X_OR, t=T_OR) | kwargs))


def hello(**kwargs):
    return prelude.hello_world_train(**(dict(X=X_HW, y=Y_HW, w=prelude.hello_world_weights()) | kwargs))


BAD_INPUTS = [
    bad(prelude.neuron, lambda: prelude.neuron([2, 3], [0, 1, 5], 4),
        r"^x has 2 inputs but w has 3 weights; they must match"),
    bad(prelude.neuron, lambda: prelude.neuron([2, np.nan], [0, 1], 4), r"^x has a NaN value at index \(1,\)"),
    bad(prelude.neuron, lambda: prelude.neuron([2, 3], [0, 1], "four"),
        r"^b must be a finite number, got 'four' \(a str\)"),
    bad(prelude.perceptron_rule, lambda: rule(t=[0, 1, 1, 2]), r"^t must hold only 0s and 1s: t\[3\] = 2"),
    bad(prelude.perceptron_rule, lambda: rule(t=[0, 1, 1]), r"^t has 3 targets but X has 4 rows"),
    bad(prelude.perceptron_rule, lambda: rule(w=[0, 0, 0]), r"^X has 2 columns but w has 3 weights"),
    bad(prelude.perceptron_rule, lambda: rule(alpha=0), r"^alpha \(the learning rate\) must be a finite number > 0 and at most 1e\+100, got 0"),
    bad(prelude.perceptron_rule, lambda: rule(max_epochs=0),
        r"^max_epochs must be a whole number \(an int\) from 1 to 1e\+06, got 0"),
    bad(prelude.perceptron_rule, lambda: rule(b=None), r"^b must be a finite number from -1e\+100 to 1e\+100, got None"),
    bad(prelude.gate, lambda: prelude.gate("XNOR"),
        r"^unknown gate 'XNOR': choose one of \['AND', 'NAND', 'OR', 'XOR'\]"),
    bad(prelude.gate, lambda: prelude.gate(["OR"]), r"^unknown gate \['OR'\]"),
    bad(prelude.truth_table, lambda: prelude.truth_table(X_OR, T_OR[:2], [1, 1], 0),
        r"^t has 2 targets but X has 4 rows"),
    bad(prelude.perceptron, lambda: prelude.perceptron(X_OR, [1], 0), r"^X has 2 columns but w has 1 weights"),
    bad(prelude.hello_world_train, lambda: hello(y=[[0], [1], [1]]), r"^y has 3 labels but X has 4 rows"),
    bad(prelude.hello_world_train, lambda: hello(y=[[0], [1], [0.5], [0]]),
        r"^y must hold only 0s and 1s: y\[2\] = 0.5"),
    bad(prelude.hello_world_train, lambda: hello(w=[[0.1], [0.2]]), r"^X has 3 columns but w has 2 weights"),
    bad(prelude.hello_world_train, lambda: hello(iterations=-1),
        r"^iterations must be a whole number \(an int\) from 0 to 1e\+07, got -1"),
    bad(prelude.hello_world_train, lambda: hello(X=[[0, 0, np.nan]] * 4), r"^X has a NaN value at index \(0, 2\)"),
    bad(prelude.hello_world_weights, lambda: prelude.hello_world_weights(seed=-1),
        r"^seed must be a whole number \(an int\) >= 0, got -1"),
    bad(prelude.sigmoid_network, lambda: prelude.sigmoid_network([[1, 2, 3]], W1_DET, W2_DET), r"^shapes do not chain"),
    bad(prelude.sigmoid_network, lambda: prelude.sigmoid_network([[1, 2, 3, 4]], W1_DET, [[1.0, 2.0]] * 3),
        r"^W2 must have one column \(one output node\), got 2"),
    bad(prelude.sigmoid_network, lambda: prelude.sigmoid_network([[1, 2, np.inf, 4]], W1_DET, W2_DET),
        r"^X has an infinite value at index \(0, 2\)"),
    bad(prelude.linear_score, lambda: prelude.linear_score([[1, 2, 3]]), r"^X has 3 columns but w has 4 weights"),
    # issue 17: an overflow said "has a NaN value" after a RuntimeWarning, or passed as an output of 1
    bad(prelude.sigmoid_network, lambda: prelude.sigmoid_network([[1e308] * 4], np.ones((5, 2)), W2_DET),
        r"^the hidden nodes' weighted sums \[1, X\] W1 overflowed \(inf or NaN\): the inputs or weights are too large"),
    bad(prelude.sigmoid_network, lambda: prelude.sigmoid_network([[1, 2, 3, 4]], W1_DET, [[1e308]] * 3),
        r"^the output's weighted sum \[1, H\] W2 overflowed \(inf or NaN\): the inputs or weights are too large"),
]


@pytest.mark.parametrize("function, call, message", BAD_INPUTS)
def test_bad_input(function, call, message):
    check_bad_input(call, message)
