"""Exercises with answers checked on the spot (numpy, and IPython to show the verdict).

In a notebook:

    answer = ...                      # replace ... with your answer
    exercises.check("03.1", answer)

`check` computes the right answer now, with the helpers (never from a stored file), compares
yours with it, shows a verdict and returns a Result(passed, message, mistake). An answer left
as `...` shows "not attempted yet" and a first hint. A wrong answer is told what is wrong: the
shape it should have, the entry that is off and by how much, or, when it matches a known
mistake (the transpose, a missing bias column, log10 for ln, ...), that mistake by name.
Nothing you type makes `check` raise: a wrong type, shape, NaN or None is a wrong answer too.

`ids()` lists the exercises in order; EXERCISES[id].question says what each one asks.
Their solutions are in the repository's solutions/ folder, outside the notebooks.
"""

import functools
import html
from typing import Callable, NamedTuple

import numpy as np

from helpers import checks, data, gradcheck, nn, optim, prelude, training

TOLERANCE = {"rtol": 1e-4, "atol": 1e-5}  # answers typed to 5 decimals pass, 4 do not always


class Result:
    """A verdict: passed (bool), message (str), and the known mistake it matched (or None)."""

    def __init__(self, passed, message, mistake=None):
        self.passed, self.message, self.mistake = passed, message, mistake
        self.shown = False

    def __repr__(self):
        return self.message

    def _ipython_display_(self):  # shown once, whether check() showed it or the cell's last line did
        if self.shown:
            return
        from IPython.display import display

        colour = "#e6f4ea" if self.passed else "#fdecea" if self.mistake != "not attempted" else "#f1f3f4"
        box = (f'<div style="background:{colour};padding:6px 10px;border-radius:4px">'
               f"{html.escape(self.message)}</div>")
        display({"text/plain": self.message, "text/html": box}, raw=True)
        self.shown = True


class Exercise(NamedTuple):
    id: str  # "03.1": notebook 03, exercise 1
    question: str  # one line, for the README's table
    hint: str  # shown while the answer is ...
    expected: Callable  # () -> the right answer, computed by the helpers
    mistakes: Callable = lambda: {}  # () -> {name: (wrong answer, what went wrong)}
    judge: Callable | None = None  # (answer) -> Result, for answers that are not numbers to compare
    shape: str = ""  # what the answer looks like, in words: "a 1 x 2 row"


EXERCISES = {}


def exercise(*args, **kwargs):
    """Register an exercise (in the order of the notebooks)."""
    e = Exercise(*args, **kwargs)
    EXERCISES[e.id] = e
    return e


def ids():
    """Every exercise id, in the order of the notebooks."""
    return list(EXERCISES)


def check(exercise_id, answer):
    """Compare answer with exercise_id's right answer; show the verdict and return it."""
    if exercise_id not in EXERCISES:
        raise ValueError(f"no exercise {exercise_id!r}; the exercises are {', '.join(EXERCISES)}")
    result = judge(EXERCISES[exercise_id], answer)
    try:
        from IPython import get_ipython

        if get_ipython() is not None:
            from IPython.display import display

            display(result)
    except ImportError:  # no IPython: the returned result is all there is
        pass
    return result


def judge(e, answer):
    """The verdict on answer for exercise e (never raises on a learner's answer)."""
    if answer is Ellipsis:
        return Result(False, f"{e.id}: not attempted yet. Hint: {e.hint}", "not attempted")
    try:
        if e.judge is not None:
            return e.judge(answer)
        return compare(e, answer)
    except Exception as error:  # a learner's function that raises, an answer of a strange type
        return Result(False, f"{e.id}: not yet. Working with your answer raised "
                             f"{type(error).__name__}: {error}")


def as_numbers(answer):
    """answer as a float array, or a string saying why it is not one."""
    if answer is None:
        return "your answer is None (did a function forget to return it?)"
    try:
        if isinstance(answer, (str, bytes)) or np.iscomplexobj(answer):
            return f"your answer must be numbers, got {checks.describe(answer)}"
        A = np.asarray(answer, dtype=float)
    except (TypeError, ValueError) as error:
        return f"your answer could not be read as numbers ({error})"
    return A


def same(A, B):
    """True when A and B have the same shape (a single number in any shape counts as a number)
    and agree within the tolerance."""
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    if A.size == 1 and B.size == 1:
        A, B = A.reshape(()), B.reshape(())
    return A.shape == B.shape and bool(np.allclose(A, B, **TOLERANCE))


def compare(e, answer):
    """The verdict for an exercise whose answer is a number or a matrix."""
    expected = np.asarray(e.expected(), dtype=float)
    A = as_numbers(answer)
    if isinstance(A, str):
        return Result(False, f"{e.id}: not yet: {A}. Expected {e.shape}.")
    if A.size and not np.isfinite(A).all():
        where = tuple(int(i) for i in np.argwhere(~np.isfinite(A))[0])
        return Result(False, f"{e.id}: not yet: your answer has {A[where]} at index {where}. If it came "
                             "from e^z of a large z, it overflowed: subtract each row's largest value first.")
    if same(A, expected):
        return Result(True, f"{e.id}: correct.")
    known = dict(e.mistakes())
    if expected.ndim == 2 and not same(expected, expected.T):
        known.setdefault("transpose", (expected.T, "you have the transpose: rows and columns swapped. "
                                                   f"The answer is {e.shape}"))
    for name, (wrong, why) in known.items():
        if same(A, wrong) and not same(wrong, expected):
            return Result(False, f"{e.id}: not yet: {why}.", name)
    if A.size != expected.size or (A.shape != expected.shape and expected.size > 1):
        return Result(False, f"{e.id}: not yet: the answer is {e.shape}, of shape {expected.shape}; yours "
                             f"has shape {A.shape}.")
    A = A.reshape(expected.shape)
    if expected.ndim == 0:
        return Result(False, f"{e.id}: not yet: off by {float(A - expected):+.5g} (yours minus the right value).")
    off = ~np.isclose(A, expected, **TOLERANCE)
    worst = np.unravel_index(np.argmax(np.where(off, np.abs(A - expected), -1)), expected.shape)
    return Result(False, f"{e.id}: not yet: {int(off.sum())} of the {expected.size} numbers are off; the "
                         f"furthest, entry {tuple(int(i) for i in worst)}, by {A[worst] - expected[worst]:+.5g} "
                         "(yours minus the right value).")


def choice(e_id, options, right):
    """A judge for a multiple-choice question: options maps each letter to what a learner who
    picks it should hear (for the right one: why it is right); right() gives the right letter."""

    def judge_choice(answer):
        letter = answer.strip().lower() if isinstance(answer, str) else answer
        if letter not in options:
            return Result(False, f"{e_id}: answer with one of the letters {', '.join(map(repr, options))}; "
                                 f"got {checks.describe(answer)}.")
        if letter == right():
            return Result(True, f"{e_id}: correct: {options[letter]}.")
        return Result(False, f"{e_id}: not yet: {options[letter]}.", f"choice {letter}")

    return judge_choice


def multiple_choice(exercise_id, question, hint, options, right):
    """Register a multiple-choice exercise whose right letter is `right` (options: as for choice)."""
    return exercise(exercise_id, question, hint, expected=lambda: right,
                    judge=choice(exercise_id, options, lambda: right),
                    mistakes=choice_mistakes(options, lambda: right))


def choice_mistakes(options, right):
    """The wrong letters of a multiple-choice question, as known mistakes (for the tests)."""
    return lambda: {f"choice {k}": (k, why) for k, why in options.items() if k != right()}


# --- what the exercises compute with --------------------------------------------------------------


def sample():
    """The article's four images and initial weights: X1 (bias column added), Y, W1, W2."""
    s = data.article_sample()
    W1, W2 = data.article_weights()
    return nn.add_bias(s.X), s.Y, W1, W2


def images(first, last):
    """Training images first..last (ImageIds, counted from 1) as X1 and Y."""
    train = data.load_stairs("train")
    return nn.add_bias(train.X[first - 1:last]), train.Y[first - 1:last]


def sigmoid_of_row(x, w, b):
    return float(nn.sigmoid(np.dot(x, w) + b))


# --- 00a: first networks ---------------------------------------------------------------------------

NAND_X, NAND_t = prelude.gate("NAND")


def judge_nand(answer):
    A = as_numbers(answer)
    if isinstance(A, str) or A.shape != (3,) or not np.isfinite(A).all():
        return Result(False, "00a.1: not yet: the answer is three numbers [w1, w2, b]"
                             + (f": {A}" if isinstance(A, str) else f", got shape {np.shape(A)}") + ".")
    out = prelude.perceptron(NAND_X, A[:2], A[2])
    for gate in ("AND", "OR", "NOR"):
        if np.array_equal(out, GATE_TABLES[gate]):
            return Result(False, f"00a.1: not yet: these weights compute {gate}. "
                                 + {"AND": "NAND is NOT AND: flip the sign of all three numbers",
                                    "OR": "OR is 1 when either input is 1; NAND is 1 unless both are",
                                    "NOR": "NOR is 1 only when both inputs are 0; NAND only refuses (1, 1)"}[gate]
                                 + ".", gate)
    wrong = [f"({x[0]:g}, {x[1]:g}) gives {o:g}, NAND says {t:g}" for x, o, t in zip(NAND_X, out, NAND_t) if o != t]
    if wrong:
        return Result(False, f"00a.1: not yet: " + "; ".join(wrong) + ".")
    terms = f"{A[0]:g} x1 {'-' if A[1] < 0 else '+'} {abs(A[1]):g} x2 {'-' if A[2] < 0 else '+'} {abs(A[2]):g}"
    return Result(True, f"00a.1: correct: step({terms}) is NAND.")


GATE_TABLES = {name: prelude.gate(name)[1] for name in ("AND", "OR")} | {"NOR": np.array([1.0, 0, 0, 0])}

exercise("00a.1", "Weights and a bias by hand for a perceptron that computes NAND",
         "NAND is 0 only for (1, 1). A positive bias makes (0, 0) give 1; negative weights, each "
         "too small alone but together larger than the bias, bring (1, 1) below 0.",
         expected=lambda: None, judge=judge_nand,
         mistakes=lambda: {"AND": ([1, 1, -1.5], "AND"), "OR": ([1, 1, -0.5], "OR")})


def rule_update():
    """One update of the perceptron rule from w = [0.5, -0.5], b = 0, learning rate 0.5, on x = [1, 1], t = 1."""
    p = prelude.perceptron_rule([[1.0, 1.0]], [1.0], w=[0.5, -0.5], b=0.0, alpha=0.5, max_epochs=1)
    return [*p.w, p.b]


exercise("00a.2", "One update of the perceptron rule by hand: w = [0.5, -0.5], b = 0, alpha = 0.5, x = [1, 1], t = 1",
         "First the output: step(w . x + b) with step(0) = 0. Then w += alpha (t - output) x and "
         "b += alpha (t - output).",
         expected=rule_update, shape="three numbers [w1, w2, b]",
         mistakes=lambda: {
             "sign": ([0.0, -1.0, -0.5], "the rule adds alpha (t - output) x: here t - output = 1 - 0 = +1, "
                                         "so the weights go up, not down"),
             "no learning rate": ([1.5, 0.5, 1.0], "you left out alpha, the step size: each change is "
                                                   "0.5 (t - output) x, not (t - output) x"),
             "bias not updated": ([1.0, 0.0, 0.0], "the bias moves too: b += alpha (t - output)"),
             "no update": ([0.5, -0.5, 0.0], "step(0) is 0 (the step gives 1 only for z > 0), so the "
                                             "perceptron answered 0 where t = 1 and must update")})

exercise("00a.3", "One sigmoid neuron: x = [1, -2], w = [0.5, 0.25], b = 0.1",
         "z = w . x + b first, then 1 / (1 + e^-z).",
         expected=lambda: sigmoid_of_row([1, -2], [0.5, 0.25], 0.1), shape="a single number",
         mistakes=lambda: {"bias missing": (sigmoid_of_row([1, -2], [0.5, 0.25], 0), "you left out the bias b"),
                           "no sigmoid": (0.1, "that is z, the weighted sum: pass it through the sigmoid"),
                           "step": (1.0, "that is the perceptron's step; this neuron uses the sigmoid")})

# --- 00b: why a hidden layer -------------------------------------------------------------------------


def detector_accuracy(W1, W2):
    train = data.load_stairs("train")
    out = prelude.sigmoid_network(train.X, W1, W2).out
    return float(np.mean((out > 0.5) == (train.Y[:, 0] == 1)))


def judge_detectors(answer):
    try:
        W1, W2 = (np.asarray(M, dtype=float) for M in answer)
    except (TypeError, ValueError):
        return Result(False, "00b.1: not yet: the answer is the pair (W1, W2): W1 5 x 2, W2 3 x 1.")
    if W1.shape != (5, 2) or W2.shape != (3, 1):
        hint = " (W1 transposed?)" if W1.shape == (2, 5) else ""
        return Result(False, f"00b.1: not yet: W1 must be 5 x 2 and W2 3 x 1, got {W1.shape} and {W2.shape}{hint}.")
    if not (np.isfinite(W1).all() and np.isfinite(W2).all()):
        return Result(False, "00b.1: not yet: the weights must be finite numbers.")
    article_W1, article_W2 = prelude.detector_network()
    if np.allclose(W1, article_W1) and np.allclose(W2, article_W2):
        return Result(False, f"00b.1: not yet: these are the article's weights, right on "
                             f"{detector_accuracy(W1, W2):.0%} of the images.", "unchanged")
    acc = detector_accuracy(W1, W2)
    if acc >= 0.9:
        return Result(True, f"00b.1: correct: your network is right on {acc:.2%} of the 400 training images.")
    if np.allclose(W1[0], article_W1[0]) and not np.allclose(W1[1:], article_W1[1:]):
        return Result(False, f"00b.1: not yet ({acc:.2%}): you kept the biases at -0.05, so a white top row "
                             "over a dark bottom row still fires both detectors: lower the biases.", "biases kept")
    return Result(False, f"00b.1: not yet: right on {acc:.2%} of the training images; 90% is the goal.")


exercise("00b.1", "Correct the hand-set detectors: right on at least 90% of the training images",
         "Make each detector count its dark top pixel as strongly as its white one (0.05 in place of "
         "0.002), then lower both biases until the white top row no longer fires either detector.",
         expected=lambda: None, judge=judge_detectors,
         mistakes=lambda: {"unchanged": (prelude.detector_network(), "the article's weights")})

XOR_OPTIONS = {
    "a": "no: scaling the pixels only stretches the picture, and a flat cut stays flat",
    "b": "the two stairs images and the two others have the same average image, and a linear "
         "score of the average is the average of the scores, so no flat cut puts both stairs on one "
         "side and both others on the other",
    "c": "no: the sigmoid version is still one flat cut, since P > 0.5 exactly where z > 0",
    "d": "no: no weights at all do it, so no amount of training finds them",
}
multiple_choice("00b.2", "Why no single perceptron separates stairs from the rest (multiple choice)",
                "Think of the four images of the XOR argument and their average.", XOR_OPTIONS, "b")


def linear_score_of_image(i, bias=True):
    X = data.load_stairs("train").X[i - 1:i]
    return float(prelude.linear_score(X, prelude.LINEAR_W, prelude.LINEAR_B if bias else 0.0)[0])


exercise("00b.3", "The article's linear perceptron's score for training image 5",
         "yhat = w . x + b with the article's w and b, and x the four pixels of image 5 (row 4 in Python).",
         expected=lambda: linear_score_of_image(5), shape="a single number",
         mistakes=lambda: {"bias missing": (linear_score_of_image(5, bias=False), "you left out the bias b = 0.0003"),
                           "off by one": (linear_score_of_image(4), "that is image 4: image 5 is row 4, "
                                                                    "since Python counts from 0")})

# --- 01: the problem and the data -------------------------------------------------------------------------

exercise("01.1", "X1 for training images 5-8", "A row per image: a 1 for the bias, then R1C1, R1C2, R2C1, "
         "R2C2. Images 5-8 are rows 4 to 7 in Python (X[4:8]).",
         expected=lambda: images(5, 8)[0], shape="a 4 x 5 matrix: a row per image, the bias column first",
         mistakes=lambda: {
             "bias column missing": (images(5, 8)[0][:, 1:],
                                     "you left out the bias column: X1 starts with a column of 1s"),
             "bias column last": (np.roll(images(5, 8)[0], -1, axis=1),
                                  "the bias column comes first, before the pixels"),
             "off by one": (images(4, 7)[0], "those are images 4-7: image 5 is row 4, since Python counts from 0")})

exercise("01.2", "One-hot Y for training images 5-8", "A row per image, a column per class: [1, 0] for "
         "stairs, [0, 1] for not stairs.",
         expected=lambda: images(5, 8)[1], shape="a 4 x 2 matrix: a row per image, columns [stairs, not stairs]",
         mistakes=lambda: {
             "columns swapped": (images(5, 8)[1][:, ::-1],
                                 "the columns are swapped: column 1 is stairs, column 2 not stairs"),
             "labels, not one-hot": (images(5, 8)[1][:, :1],
                                     "that is the IsStairs column; one-hot has a column per class"),
             "off by one": (images(4, 7)[1], "those are images 4-7: image 5 is row 4, since Python counts from 0")})

# --- 02: the network and its weights --------------------------------------------------------------------

exercise("02.1", "The shapes of W1 and W2 for 6 pixels, 3 hidden nodes and 4 classes",
         "A row per input of the layer, the bias input included, and a column per node it feeds.",
         expected=lambda: [7, 3, 4, 4], shape="four numbers [rows of W1, columns of W1, rows of W2, columns of W2]",
         mistakes=lambda: {"bias rows missing": ([6, 3, 3, 4], "each layer has one more input, the bias 1, so "
                                                               "each W has one more row"),
                           "transpose": ([3, 7, 4, 4], "rows and columns swapped: W1 has a row per input")})


def weight_count(d, h, k, biases=True):
    return (d + biases) * h + (h + biases) * k


exercise("02.2", "How many weights the 5-2-2 network learns, biases included",
         "Count the entries of W1 and of W2.",
         expected=lambda: weight_count(4, 2, 2), shape="a whole number",
         mistakes=lambda: {"bias missing": (weight_count(4, 2, 2, biases=False), "the biases are weights too: "
                                                                                 "the bias rows of W1 and W2"),
                           "W1 only": (5 * 2, "that is W1 alone: add W2's")})

ZERO_OPTIONS = {
    "a": "with all weights equal, both hidden nodes compute the same output and receive the same "
         "gradient, so they stay equal forever: the network has in effect one hidden node",
    "b": "no: with every weight 0 the loss starts at ln 2, not at 0",
    "c": "no: softmax of zeros is fine, [0.5, 0.5]",
    "d": "no: small random weights are just as small; what matters is that they differ",
}
multiple_choice("02.3", "Why not start with every weight 0? (multiple choice)",
                "Follow two hidden nodes that start equal.", ZERO_OPTIONS, "a")

# --- 03: the forward pass -------------------------------------------------------------------------------


def image6():
    X1, Y = images(6, 6)
    _, _, W1, W2 = sample()
    return X1, Y, W1, W2


def forward6(bias=True, sigmoid=True):
    """Z1, X2, Z2 of image 6 under the article's weights; with bias=False the pixel rows only
    (the mistake of leaving out the bias), with sigmoid=False no activation."""
    X1, _, W1, W2 = image6()
    Z1 = X1 @ W1 if bias else X1[:, 1:] @ W1[1:]
    H = nn.sigmoid(Z1) if sigmoid else Z1
    X2 = nn.add_bias(H) if bias else H
    Z2 = X2 @ W2 if bias else X2 @ W2[1:]
    return Z1, X2, Z2


exercise("03.1", "Z1 for training image 6 alone, with the article's initial weights",
         "X1's row for image 6 (bias first) times W1.", expected=lambda: forward6()[0],
         shape="a 1 x 2 row: one image, a column per hidden node",
         mistakes=lambda: {"bias missing": (forward6(bias=False)[0], "you left out the bias: use X1 with its "
                                                                     "column of 1s, and all of W1")})
exercise("03.2", "X2 for training image 6", "The sigmoid of Z1, then a 1 in front.", expected=lambda: forward6()[1],
         shape="a 1 x 3 row: the bias 1, then the two hidden outputs",
         mistakes=lambda: {"bias column missing": (forward6()[1][:, 1:], "X2 starts with the bias column of 1s"),
                           "no sigmoid": (forward6(sigmoid=False)[1], "you forgot the sigmoid: X2 = [1, sigmoid(Z1)]")})
exercise("03.3", "Z2 for training image 6", "X2 (bias first) times W2.", expected=lambda: forward6()[2],
         shape="a 1 x 2 row: a column per class",
         mistakes=lambda: {"bias missing": (forward6(bias=False)[2], "you left out the bias: X2 starts with 1, "
                                                                     "W2 with its bias row"),
                           "no sigmoid": (forward6(sigmoid=False)[2], "you forgot the sigmoid: Z2 = X2 W2 with "
                                                                      "X2 = [1, sigmoid(Z1)]")})

# --- 04: softmax and cross entropy -------------------------------------------------------------------------

BIG = np.array([[1000.0, 998.0], [-1.0, 2.0]])


def column_softmax(Z):
    E = np.exp(Z - Z.max(axis=0))
    return E / E.sum(axis=0)


exercise("04.1", "softmax of Z = [[1000, 998], [-1, 2]], row by row, without overflow",
         "Subtract each row's largest value before e^z: the result does not change, and nothing overflows.",
         expected=lambda: nn.softmax(BIG), shape="a 2 x 2 matrix whose rows each sum to 1",
         mistakes=lambda: {"softmax of a column": (column_softmax(BIG), "that is the softmax of each column: "
                                                   "softmax works along each row, one sample's scores")})


def ce_big(log=np.log, true_class=1):
    return float(-log(nn.softmax(BIG)[0, true_class]))


exercise("04.2", "The cross entropy of Z's first row when its true class is not stairs",
         "-ln of the probability the row gives its true class, the second column.",
         expected=ce_big, shape="a single number",
         mistakes=lambda: {"log10 instead of ln": (ce_big(np.log10), "you used log10: the cross entropy uses the "
                                                                     "natural log, ln (np.log)"),
                           "wrong class": (ce_big(true_class=0), "that is -ln of the stairs probability; the "
                                                                 "true class here is not stairs"),
                           "no minus sign": (-ce_big(), "a cross entropy is never negative: -ln p")})

exercise("04.3", "The mean cross entropy when every image gets probability 0.25 for its true class",
         "Each CE_i = -ln 0.25, and the mean of equal numbers is that number.",
         expected=lambda: float(-np.log(0.25)), shape="a single number",
         mistakes=lambda: {"log10 instead of ln": (float(-np.log10(0.25)), "you used log10: use ln (np.log)"),
                           "wrong class": (float(-np.log(0.75)), "that is -ln 0.75: the probability of the "
                                                                 "other class, not of the true one")})

# --- 05: backpropagation, one sample ---------------------------------------------------------------------


def sample2(variant=None):
    """Sample 2's partials (05's six steps), or those of a known mistake."""
    X1, Y, W1, W2 = sample()
    x1, y = X1[1:2], Y[1:2]
    fwd = nn.forward(x1, W1, W2)
    dZ2 = fwd.Yhat - y if variant != "sign" else y - fwd.Yhat
    dX2 = dZ2 @ W2.T
    S = fwd.X2[:, 1:]
    slope = S * (1 - S) if variant != "sigmoid' of Z1" else fwd.Z1 * (1 - fwd.Z1)
    dZ1 = dX2[:, 1:] * slope
    return {"Z2": dZ2, "W2": fwd.X2.T @ dZ2, "X2": dX2, "Z1": dZ1, "W1": x1.T @ dZ1,
            "Z1 with the bias column": dX2 * fwd.X2 * (1 - fwd.X2)}


SIGMOID_Z1 = ("the sigmoid's slope is sigmoid(z)(1 - sigmoid(z)): apply S(1 - S) to X2's hidden "
              "columns, sigmoid(Z1), not to Z1 itself")
exercise("05.1", "dCE_2/dZ2_2 for sample 2", "Softmax and cross entropy together: prediction minus truth.",
         expected=lambda: sample2()["Z2"], shape="a 1 x 2 row",
         mistakes=lambda: {"sign": (sample2("sign")["Z2"], "that is Y - Yhat: the partial is Yhat - Y, "
                                                           "prediction minus truth")})
exercise("05.2", "dCE_2/dW2 for sample 2", "(X2_2)^T times dCE_2/dZ2_2: a column times a row.",
         expected=lambda: sample2()["W2"], shape="a 3 x 2 matrix, the shape of W2",
         mistakes=lambda: {"bias row missing": (sample2()["W2"][1:], "W2 has a bias row: X2_2 starts with its 1"),
                           "sign": (sample2("sign")["W2"], "the sign: start from Yhat - Y, not Y - Yhat")})
exercise("05.3", "dCE_2/dZ1_2 for sample 2", "dCE_2/dX2_2 without its bias column, times S (1 - S) with S "
         "the sample's hidden outputs.", expected=lambda: sample2()["Z1"], shape="a 1 x 2 row",
         mistakes=lambda: {"sigmoid' of Z1": (sample2("sigmoid' of Z1")["Z1"], SIGMOID_Z1),
                           "bias column kept": (sample2()["Z1 with the bias column"],
                                                "drop dCE_2/dX2_2's bias column first: the bias input depends on no Z1"),
                           "no slope": (sample2()["X2"][:, 1:], "you left out the sigmoid's slope S (1 - S)")})
exercise("05.4", "dCE_2/dW1 for sample 2", "(X1_2)^T times dCE_2/dZ1_2.",
         expected=lambda: sample2()["W1"], shape="a 5 x 2 matrix, the shape of W1",
         mistakes=lambda: {"bias row missing": (sample2()["W1"][1:], "W1 has a bias row: X1_2 starts with its 1"),
                           "sigmoid' of Z1": (sample2("sigmoid' of Z1")["W1"], SIGMOID_Z1)})

# --- 06: backpropagation, all samples ---------------------------------------------------------------------

MEAN_OPTIONS = {
    "a": "the loss is the mean of the N cross entropies, and the derivative of a mean is the mean "
         "of the derivatives",
    "b": "no: another constant would be the gradient of another loss; 1/N is what makes it the "
         "mean's gradient (the step size then needs no change when N changes)",
    "c": "no: softmax's division is inside each row; this one is across the samples",
    "d": "no: N counts samples, not weights",
}
multiple_choice("06.1", "Why the weight gradients are divided by N (multiple choice)",
                "Which loss does training lower?", MEAN_OPTIONS, "a")


def gradients_5_8():
    X1, Y = images(5, 8)
    _, _, W1, W2 = sample()
    return nn.backward(X1, Y, W2, nn.forward(X1, W1, W2))


PER_SAMPLE = "you added the four samples' gradients: the loss is their mean, so divide the sum by N = 4"
exercise("06.2", "The averaged gradient dCE-bar/dW1 for training images 5-8 (article's initial weights)",
         "The stacked steps of this notebook on images 5-8, then (X1)^T dCE/dZ1 / N.",
         expected=lambda: gradients_5_8().W1, shape="a 5 x 2 matrix, the shape of W1",
         mistakes=lambda: {"per-sample instead of averaged": (4 * gradients_5_8().W1, PER_SAMPLE),
                           "averaged twice": (gradients_5_8().W1 / 4, "you divided by N twice")})
exercise("06.3", "The averaged gradient dCE-bar/dW2 for training images 5-8", "(X2)^T (Yhat - Y) / N.",
         expected=lambda: gradients_5_8().W2, shape="a 3 x 2 matrix, the shape of W2",
         mistakes=lambda: {"per-sample instead of averaged": (4 * gradients_5_8().W2, PER_SAMPLE),
                           "bias row missing": (gradients_5_8().W2[1:], "W2 has a bias row: X2 starts with 1s")})

# --- 07: the weight update ----------------------------------------------------------------------------------


def loss_after_step(alpha):
    """The mean cross entropy on the article's sample after one step of size alpha."""
    X1, Y, W1, W2 = sample()
    grad = nn.backward(X1, Y, W2, nn.forward(X1, W1, W2))
    return nn.loss(nn.forward(X1, optim.update(W1, grad.W1, alpha), optim.update(W2, grad.W2, alpha)).Z2, Y)


def step_03_lowers():
    before, after = loss_after_step(0.0), loss_after_step(0.3)
    return "a" if after < before else "b" if after > before else "c"


STEP_OPTIONS = {"a": "it goes down", "b": "it ends higher than it started", "c": "it stays exactly the same"}


def judge_step(answer):
    result = choice("07.1", STEP_OPTIONS, step_03_lowers)(answer)
    if result.mistake is not None:
        before, after = loss_after_step(0.0), loss_after_step(0.3)
        result.message = (f"07.1: not yet: after a step of 0.3 the loss is {after:.7f}, against {before:.7f} "
                          f"before ({after - before:+.1e}).")
    return result


exercise("07.1", "Predict: does one step of size 0.3 from the article's weights lower the loss?",
         "The gradient is measured at the starting weights; how far does it stay true?",
         expected=step_03_lowers, judge=judge_step,
         mistakes=lambda: {f"choice {k}": (k, "") for k in STEP_OPTIONS if k != step_03_lowers()})
STEPS = [0.02, 0.05, 0.1, 0.2, 0.25]
exercise("07.2", f"Which of the step sizes {', '.join(map(str, STEPS))} lowers the loss most in one step?",
         "Compute the loss after one step for each and pick the smallest.",
         expected=lambda: min(STEPS, key=loss_after_step), shape="one of the step sizes",
         mistakes=lambda: {"largest": (max(STEPS), "the largest step overshoots: the loss is not a straight line"),
                           "smallest": (min(STEPS), "the smallest step is safe but lowers the loss least")})


def W2_after(alpha, sign=-1):
    X1, Y, W1, W2 = sample()
    grad = nn.backward(X1, Y, W2, nn.forward(X1, W1, W2))
    return W2 + sign * alpha * grad.W2


exercise("07.3", "W2 after one step of size 0.05 from the article's weights",
         "W2 - 0.05 dCE-bar/dW2, with the gradient of notebook 06.",
         expected=lambda: W2_after(0.05), shape="a 3 x 2 matrix, the shape of W2",
         mistakes=lambda: {"+ instead of -": (W2_after(0.05, +1), "the update goes downhill: W - alpha grad, not +"),
                           "step size applied twice": (W2_after(0.05 ** 2), "you multiplied by the step size "
                                                                            "twice: W - alpha grad, once"),
                           "the article's step": (W2_after(0.1), "that is the article's step of 0.1; this one is 0.05")})

# --- 08: training --------------------------------------------------------------------------------------------


def loop_problem():
    """What 08.1's loop is checked on: the scaled images, the R script's weights, step 0.5, 100 epochs."""
    X1, Y, _, _ = data.stairs("scaled")
    W1, W2 = data.companion_weights()
    return X1, Y, W1, W2, 0.5, 100


def reference_loop(variant=None):
    """train's weights for loop_problem(), or those of a known mistake in the loop."""
    X1, Y, W1, W2, alpha, epochs = loop_problem()
    if variant is None:
        trained = training.train(X1, Y, W1, W2, alpha, epochs)
        return trained.W1, trained.W2
    for _ in range(epochs + (variant == "one epoch too many")):
        grad = nn.backward(X1, Y, W2, nn.forward(X1, W1, W2))
        if variant == "+ instead of -":
            W1, W2 = W1 + alpha * grad.W1, W2 + alpha * grad.W2
        elif variant == "step size applied twice":
            W1, W2 = W1 - alpha ** 2 * grad.W1, W2 - alpha ** 2 * grad.W2
        elif variant == "only W2 updated":
            W2 = W2 - alpha * grad.W2
        else:
            W1, W2 = W1 - alpha * grad.W1, W2 - alpha * grad.W2
    return W1, W2


LOOP_MISTAKES = {"+ instead of -": "the weights climb: the update is W - stepsize grad",
                 "step size applied twice": "you multiplied by the step size twice: W - stepsize grad, once",
                 "only W2 updated": "W1 never moves: update both layers each epoch",
                 "one epoch too many": "one step too many: range(epochs) takes epochs steps"}


def judge_loop(answer):
    if not callable(answer):
        return Result(False, f"08.1: not yet: the answer is a function train_loop(X1, Y, W1, W2, stepsize, "
                             f"epochs), got {checks.describe(answer)}.")
    X1, Y, W1, W2, alpha, epochs = loop_problem()
    out = answer(X1.copy(), Y.copy(), W1.copy(), W2.copy(), alpha, epochs)
    try:
        V1, V2 = (np.asarray(M, dtype=float) for M in out)
    except (TypeError, ValueError):
        return Result(False, f"08.1: not yet: train_loop must return the pair (W1, W2), got {checks.describe(out)}.")
    if V1.shape != W1.shape or V2.shape != W2.shape:
        return Result(False, f"08.1: not yet: the weights must keep their shapes {W1.shape} and {W2.shape}, "
                             f"got {V1.shape} and {V2.shape}.")
    T1, T2 = reference_loop()
    gap = max(np.abs(V1 - T1).max(), np.abs(V2 - T2).max())
    if gap <= 1e-12:
        return Result(True, f"08.1: correct: after {epochs} epochs your weights equal training.train's "
                            f"(largest difference {gap:.1e}).")
    for name, why in LOOP_MISTAKES.items():
        M1, M2 = reference_loop(name)
        if max(np.abs(V1 - M1).max(), np.abs(V2 - M2).max()) <= 1e-9:
            return Result(False, f"08.1: not yet: {why}.", name)
    return Result(False, f"08.1: not yet: after {epochs} epochs your weights differ from training.train's "
                         f"by up to {gap:.3g}.")


exercise("08.1", "The training loop in a few lines: equal to training.train after 100 epochs",
         "Each epoch: fwd = nn.forward(X1, W1, W2); grad = nn.backward(X1, Y, W2, fwd); then "
         "W1 and W2 each move by optim.update.",
         expected=lambda: None, judge=judge_loop,
         mistakes=lambda: {name: (None, why) for name, why in LOOP_MISTAKES.items()})


@functools.lru_cache(maxsize=None)
def plateau_end(scale, seed=1):
    """The first epoch whose loss is under 0.6 (scaled pixels, step 1.0), from weights of this scale."""
    X1, Y, _, _ = data.stairs("scaled")
    W1, W2 = training.init_weights(seed, scale=scale)
    loss = training.train(X1, Y, W1, W2, 1.0, 400).history.loss
    below = np.flatnonzero(loss < 0.6)
    return int(below[0]) if len(below) else 10**9


def faster_start():
    small, large = plateau_end(0.01), plateau_end(1.0)
    return "a" if small < large else "b" if large < small else "c"


START_OPTIONS = {"a": "weights drawn from [-0.01, 0.01], as the article draws them",
                 "b": "weights drawn from [-1, 1]", "c": "both at the same epoch"}


def judge_start(answer):
    result = choice("08.2", START_OPTIONS, faster_start)(answer)
    note = (f" (the loss falls under 0.6 at epoch {plateau_end(0.01)} from [-0.01, 0.01] and at epoch "
            f"{plateau_end(1.0)} from [-1, 1])")
    result.message = result.message.rstrip(".") + note + "."
    return result


exercise("08.2", "Predict: which start leaves the plateau at ln 2 sooner (scaled pixels, step 1.0)?",
         "Tiny weights give every image nearly the same hidden outputs; what is the gradient then?",
         expected=faster_start, judge=judge_start,
         mistakes=lambda: {f"choice {k}": (k, "") for k in START_OPTIONS if k != faster_start()})

# --- 10: four patterns --------------------------------------------------------------------------------------

exercise("10.1", "How many weights a 5-6-4 network learns, biases included", "Count the entries of W1 and W2.",
         expected=lambda: weight_count(4, 6, 4), shape="a whole number",
         mistakes=lambda: {"bias missing": (weight_count(4, 6, 4, biases=False), "the biases are weights too"),
                           "W1 only": (5 * 6, "that is W1 alone: add W2's")})

ONE_NODE_OPTIONS = {
    "a": "all four class scores are straight-line functions of one number, sigmoid(z1), so along that "
         "one axis each class can win on only one stretch, and the classes must line up in some order",
    "b": "no: a single node learns as fast as each of several",
    "c": "no: softmax handles any number of classes",
    "d": "no: 2,000 epochs are enough for wider networks on the same images",
}
multiple_choice("10.2", "Why one hidden node is not enough for four classes (multiple choice)",
                "Write Z2 as a function of the single hidden output, sigmoid(z1).", ONE_NODE_OPTIONS, "a")

# --- 11: digits ---------------------------------------------------------------------------------------------

LEAKY_TEST = np.array([[-3.0, -0.5, -1e-3, 1e-3, 0.5, 2.0]])


def judge_leaky(answer):
    try:
        f, f_prime = answer
    except (TypeError, ValueError):
        return Result(False, "11.1: not yet: the answer is the pair (leaky_relu, leaky_relu_prime) of functions.")
    if not (callable(f) and callable(f_prime)):
        return Result(False, "11.1: not yet: both parts of the answer must be functions.")
    out = np.asarray(f(LEAKY_TEST.copy()), dtype=float)
    if same(out, np.maximum(LEAKY_TEST, 0)):
        return Result(False, "11.1: not yet: that is ReLU: leaky ReLU keeps a slope of 0.01 below 0, so "
                             "leaky_relu(z) = z for z > 0 and 0.01 z otherwise.", "plain ReLU")
    if not same(out, np.where(LEAKY_TEST > 0, LEAKY_TEST, 0.01 * LEAKY_TEST)):
        return Result(False, f"11.1: not yet: leaky_relu({LEAKY_TEST.tolist()}) gives {out.tolist()}.")
    slope = np.asarray(f_prime(out), dtype=float)
    numeric = np.array([[gradcheck.central_difference(lambda z: float(np.asarray(f(z)).sum()), np.array([z]))[0]
                         for z in LEAKY_TEST[0]]])
    if same(slope, (LEAKY_TEST > 0).astype(float)):
        return Result(False, "11.1: not yet: your derivative is ReLU's (0 below 0): leaky ReLU's slope "
                             "there is 0.01.", "ReLU's derivative")
    error = gradcheck.relative_error(slope, numeric) if slope.shape == numeric.shape else 1.0
    if error > 1e-7:
        return Result(False, f"11.1: not yet: the gradient check fails: relative error {error:.2g} between "
                             "your derivative (given the activation's output) and the measured slopes.")
    return Result(True, f"11.1: correct: the gradient check passes (relative error {error:.1e}).")


exercise("11.1", "Leaky ReLU and its derivative, passing a gradient check",
         "leaky_relu(Z) = Z where Z > 0, else 0.01 Z; its derivative, written with its own output R: "
         "1 where R > 0, else 0.01 (R has the sign of Z).",
         expected=lambda: None, judge=judge_leaky,
         mistakes=lambda: {"plain ReLU": (None, "ReLU"), "ReLU's derivative": (None, "ReLU's derivative")})
exercise("11.2", "How many weights the 64-32-10 network learns, biases included", "Count W1's and W2's entries.",
         expected=lambda: weight_count(64, 32, 10), shape="a whole number",
         mistakes=lambda: {"bias missing": (weight_count(64, 32, 10, biases=False), "the biases are weights too"),
                           "W1 only": (65 * 32, "that is W1 alone: add W2's")})
