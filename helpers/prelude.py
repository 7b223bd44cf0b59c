"""The smallest networks, before the worked example (numpy only): notebooks 00a and 00b.

One neuron        z = w . x + b,  output sigmoid(z)
A perceptron      output step(w . x + b), trained on a truth table by the perceptron rule
"Hello world"     one sigmoid neuron, no bias, 10,000 full-batch updates
                  w += X^T ((y - out) out (1 - out))
Why a hidden layer, on the stairs images (Ben Gorman, "Introduction to Neural Networks",
GormAnalysis): the article's hand-set linear perceptron, its sigmoid version, and its
hand-built network of two detectors ("left stairs", "right stairs") and an output sigmoid.

Shapes: x is one input (d,), X is N inputs (N x d), w is (d,) or (d x 1), b a number.
Pixels are in reading order R1C1, R1C2, R2C1, R2C2 on the raw 0-255 scale.
Bad input raises ValueError with a message that names what is wrong.
"""

from typing import NamedTuple

import numpy as np

from helpers import checks, nn

# --- checks -------------------------------------------------------------------


def as_vector(v, name):
    """v as a non-empty, finite float vector (d,), else ValueError."""
    return checks.array(v, name, ndim=1)


def as_binary(t, name):
    """t as a float vector of 0s and 1s, else ValueError."""
    t = as_vector(t, name)
    bad = (t != 0) & (t != 1)
    if bad.any():
        i = int(np.argmax(bad))
        raise ValueError(f"{name} must hold only 0s and 1s: {name}[{i}] = {t[i]:g}")
    return t


def check_inputs(X, w, X_name="X", w_name="w"):
    """X as an N x d matrix and w as a (d,) vector (or d x 1), else ValueError."""
    X = checks.array(X, X_name, ndim=2)
    w = as_vector(np.ravel(w) if np.ndim(w) == 2 and min(np.shape(w)) == 1 else w, w_name)
    if X.shape[1] != len(w):
        raise ValueError(f"{X_name} has {X.shape[1]} columns but {w_name} has {len(w)} weights; "
                         "they must match (one weight per input)")
    return X, w


# --- one neuron -----------------------------------------------------------------


def weighted_sum(x, w, b):
    """z = w . x + b = sum_i w_i x_i + b for one input x (d,) and weights w (d,); a number."""
    x, w = as_vector(x, "x"), as_vector(w, "w")
    if len(x) != len(w):
        raise ValueError(f"x has {len(x)} inputs but w has {len(w)} weights; they must match")
    return float(linear(x, w, checks.number(b, "b")))


def neuron(x, w, b):
    """One sigmoid neuron: sigmoid(w . x + b), a number in (0, 1)."""
    return float(nn.sigmoid(weighted_sum(x, w, b)))


# --- a perceptron as a logic gate ------------------------------------------------

# The four rows of a two-input truth table, in the usual order.
TRUTH_INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
GATES = {
    "OR": np.array([0, 1, 1, 1], dtype=float),
    "AND": np.array([0, 0, 0, 1], dtype=float),
    "NAND": np.array([1, 1, 1, 0], dtype=float),
    "XOR": np.array([0, 1, 1, 0], dtype=float),
}


def gate(name):
    """(X, t): the truth table's inputs (4 x 2) and the gate's outputs (4,) for
    "OR", "AND", "NAND" or "XOR"."""
    if not isinstance(name, str) or name not in GATES:
        raise ValueError(f"unknown gate {name!r}: choose one of {sorted(GATES)}")
    return TRUTH_INPUTS.copy(), GATES[name].copy()


def step_function(z):
    """The perceptron's activation: 1 where z > 0, else 0 (element-wise)."""
    return (checks.array(z, "z", allow="inf") > 0).astype(float)


def linear(X, w, b):
    """X w + b, the weighted sum of each row of X; a ValueError if it overflows (inputs near 1e308)."""
    with np.errstate(all="ignore"):
        z = X @ w + b
    checks.not_overflowed(z, "the weighted sum w . x + b")
    return z


def perceptron(X, w, b):
    """step(X w + b): the 0/1 output for each row of X (N x d), weights w (d,), bias b; (N,)."""
    X, w = check_inputs(X, w)
    return step_function(linear(X, w, checks.number(b, "b")))


class Perceptron(NamedTuple):
    """What perceptron_rule learned: weights w (d,), bias b, the number of passes over the
    data it made, whether its last pass made no mistake, the mistakes of each pass, and
    whether it stopped because it came back to the weights it had at an earlier pass's start."""

    w: np.ndarray
    b: float
    epochs: int
    converged: bool
    mistakes: list
    cycled: bool


def perceptron_rule(X, t, w=None, b=0.0, alpha=1.0, max_epochs=100):
    """Rosenblatt's perceptron rule: go through the rows of X (N x d) in order; for each,
    out = step(w . x + b), then w += alpha (t - out) x and b += alpha (t - out), so weights move
    only on a mistake. Stops after the first pass with no mistake (converged), after
    max_epochs passes, or when a pass starts from weights an earlier pass started from: the
    rule is then going round in a circle and would repeat itself forever (cycled).
    w starts at w (default zeros), b at b. t (N,) holds 0s and 1s."""
    X, t, w, b, alpha, max_epochs = check_perceptron_rule(X, t, w, b, alpha, max_epochs)
    with np.errstate(all="ignore"):  # weights near 1e308 overflow: checked below
        return finish_rule(X, t, w, b, alpha, max_epochs)


def finish_rule(X, t, w, b, alpha, max_epochs):
    """perceptron_rule's passes, from checked arguments."""
    mistakes, starts = [], set()
    for _ in range(max_epochs):
        if (tuple(w), b) in starts:
            return Perceptron(w, float(b), len(mistakes), False, mistakes, True)
        starts.add((tuple(w), b))
        wrong = 0
        for x, target in zip(X, t):
            error = target - step_function(x @ w + b)  # 0 when right, +1 or -1 when wrong
            if error != 0:
                w, b, wrong = w + alpha * error * x, b + alpha * error, wrong + 1
        mistakes.append(wrong)
        if wrong == 0:
            break
    checks.not_overflowed(np.append(w, b), "the learned weights and bias")
    return Perceptron(w, float(b), len(mistakes), mistakes[-1] == 0, mistakes, False)


def check_perceptron_rule(X, t, w, b, alpha, max_epochs):
    """perceptron_rule's arguments as arrays and numbers of the right shapes, else ValueError."""
    X = checks.array(X, "X", ndim=2)
    t = as_binary(t, "t")
    if len(t) != len(X):
        raise ValueError(f"t has {len(t)} targets but X has {len(X)} rows; they must match")
    X, w = check_inputs(X, np.zeros(X.shape[1]) if w is None else w)
    alpha = checks.number(alpha, "alpha (the learning rate)", low=0, low_open=True, high=1e100)
    b = checks.number(b, "b", low=-1e100, high=1e100)
    return X, t, w.copy(), b, alpha, checks.count(max_epochs, "max_epochs", 1, 10**6)


def truth_table(X, t, w, b):
    """The perceptron's truth table as text: a row per input with its target t, its
    weighted sum w . x + b and its output step(w . x + b), marked where they disagree."""
    X, w = check_inputs(X, w)
    t = as_binary(t, "t")
    if len(t) != len(X):
        raise ValueError(f"t has {len(t)} targets but X has {len(X)} rows; they must match")
    z = linear(X, w, checks.number(b, "b"))
    inputs = [f"x{i + 1}" for i in range(X.shape[1])]
    lines = ["  ".join(inputs) + "  target  w.x+b  output"]
    for x, target, zi, out in zip(X, t, z, step_function(z)):
        cells = "  ".join(f"{v:>{len(n)}g}" for v, n in zip(x, inputs))
        mark = "" if out == target else "  <- wrong"
        lines.append(f"{cells}  {target:>6g}  {zi + 0.0:>5g}  {out:>6g}{mark}")
    return "\n".join(lines)


# --- the "hello world" network -----------------------------------------------------


def hello_world_data():
    """(X, y, x_new): four examples of three binary inputs (4 x 3) whose label (4 x 1) is
    the first input, and the new case [1, 0, 0] the trained neuron is asked about."""
    X = np.array([[0, 0, 1], [1, 1, 1], [1, 0, 1], [0, 1, 1]], dtype=float)
    return X, X[:, :1].copy(), np.array([1.0, 0.0, 0.0])


def hello_world_weights(seed=1):
    """The starting weights (3 x 1), uniform in [-1, 1): 2 random((3, 1)) - 1 after numpy's
    legacy np.random.seed(seed). Drawn from a private RandomState(seed), which gives the same
    numbers without resetting numpy's global random state."""
    seed = checks.count(seed, "seed", 0)
    return 2 * np.random.RandomState(seed).random_sample((3, 1)) - 1


class HelloWorld(NamedTuple):
    """The trained weights (d x 1) and the error E before each update (iterations,)."""

    w: np.ndarray
    errors: np.ndarray


def hello_world_train(X, y, w, iterations=10_000):
    """One sigmoid neuron without bias, trained on all rows at once. Each iteration:
        out = sigmoid(X w)                        N x 1
        E   = 1/2 sum (y - out)^2                 the error, recorded before the update
        w  += X^T ((y - out) out (1 - out))       = w - dE/dw, a step of size 1
    X is N x d, y is N x 1 (or (N,)) of 0s and 1s, w is d x 1 (not modified)."""
    X, y, w, iterations = check_hello_world(X, y, w, iterations)
    errors = np.empty(iterations)
    with np.errstate(all="ignore"):  # weights near 1e308 overflow: checked below
        for i in range(iterations):
            out = nn.sigmoid(X @ w)
            errors[i] = 0.5 * np.sum((y - out) ** 2)
            w = w + X.T @ ((y - out) * out * (1 - out))
    checks.not_overflowed(w, "the trained weights w")
    return HelloWorld(w, errors)


def check_hello_world(X, y, w, iterations):
    """X (N x d), y (N x 1) of 0s and 1s, a copy of w as d x 1, iterations >= 0; else ValueError."""
    X = checks.array(X, "X", ndim=2)
    y = as_binary(np.ravel(y) if np.ndim(y) == 2 and np.shape(y)[1] == 1 else y, "y")[:, None]
    if len(y) != len(X):
        raise ValueError(f"y has {len(y)} labels but X has {len(X)} rows; they must match")
    X, w = check_inputs(X, w)
    return X, y, w[:, None].copy(), checks.count(iterations, "iterations", 0, 10**7)


# --- why a hidden layer: the stairs images, weights set by hand ----------------------

# The article's linear perceptron: yhat = w . x + b, "stairs" when yhat > 0.
LINEAR_W = np.array([-0.0019, -0.0016, 0.0020, 0.0023])
LINEAR_B = 0.0003

# Its sigmoid version: P(stairs) = sigmoid(z),
# z = -0.196 R1C1 - 0.189 R1C2 + 0.136 R2C1 + 0.109 R2C2 - 0.006.
SIGMOID_W = np.array([-0.196, -0.189, 0.136, 0.109])
SIGMOID_B = -0.006


def linear_score(X, w=LINEAR_W, b=LINEAR_B):
    """yhat = X w + b for each image (row) of X (N x 4); (N,)."""
    X, w = check_inputs(X, w)
    return linear(X, w, checks.number(b, "b"))


def detector_network():
    """The article's hand-built network in the worked example's layout (bias row first):
    W1 (5 x 2), columns "left stairs" and "right stairs":
        left  = sigmoid(0.002 R1C1 - 0.05 R1C2 + 0.012 R2C1 + 0.012 R2C2 - 0.05)
        right = sigmoid(-0.05 R1C1 + 0.002 R1C2 + 0.012 R2C1 + 0.012 R2C2 - 0.05)
    W2 (3 x 1): output = sigmoid(-1 + 3 left + 3 right)."""
    W1 = np.array([[-0.05, -0.05],
                   [0.002, -0.05],
                   [-0.05, 0.002],
                   [0.012, 0.012],
                   [0.012, 0.012]])
    W2 = np.array([[-1.0], [3.0], [3.0]])
    return W1, W2


class Detectors(NamedTuple):
    """The hidden nodes' outputs H (N x h) and the network's output (N,)."""

    H: np.ndarray
    out: np.ndarray


def sigmoid_network(X, W1, W2):
    """H = sigmoid([1, X] W1), out = sigmoid([1, H] W2) for images X (N x d) without a
    bias column; W1 is (d+1) x h, W2 is (h+1) x 1 (row 0 of each is the bias row)."""
    X1 = nn.add_bias(X)
    X1, W1, W2 = checks.network(X1, W1, W2)
    if W2.shape[1] != 1:
        raise ValueError(f"W2 must have one column (one output node), got {W2.shape[1]}")
    with np.errstate(all="ignore"):  # inputs or weights near 1e308 overflow: checked below
        Z1 = X1 @ W1
    checks.not_overflowed(Z1, "the hidden nodes' weighted sums [1, X] W1")
    H = nn.sigmoid(Z1)
    with np.errstate(all="ignore"):
        Z2 = nn.add_bias(H) @ W2
    checks.not_overflowed(Z2, "the output's weighted sum [1, H] W2")
    return Detectors(H, nn.sigmoid(Z2)[:, 0])
