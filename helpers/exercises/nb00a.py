"""The exercises of 00a_first_networks: a perceptron, its learning rule, a sigmoid neuron."""

import numpy as np

from helpers import prelude
from helpers.exercises import Result, as_numbers, exercise, numeric

GATES = {name: prelude.gate(name)[1] for name in ("AND", "OR")} | {"NOR": np.array([1.0, 0, 0, 0])}
WHY_NOT = {"AND": "NAND is NOT AND: flip the sign of all three numbers",
           "OR": "OR is 1 when either input is 1; NAND is 1 unless both are",
           "NOR": "NOR is 1 only when both inputs are 0; NAND only refuses (1, 1)"}


def judge_nand(answer):
    A = as_numbers(answer)
    if isinstance(A, str) or A.shape != (3,) or not np.isfinite(A).all():
        got = A if isinstance(A, str) else f"got shape {A.shape}" if A.shape != (3,) else "got a NaN or inf"
        return Result(False, f"not yet: the answer is three finite numbers [w1, w2, b]: {got}.")
    X, t = prelude.gate("NAND")
    out = prelude.perceptron(X, A[:2], A[2])
    for gate, table in GATES.items():
        if np.array_equal(out, table):
            return Result(False, f"not yet: these weights compute {gate}. {WHY_NOT[gate]}.", gate)
    wrong = [f"({x[0]:g}, {x[1]:g}) gives {o:g}, NAND says {y:g}" for x, o, y in zip(X, out, t) if o != y]
    if wrong:
        return Result(False, "not yet: " + "; ".join(wrong) + ".")
    return Result(True, "correct: these weights compute NAND.")


exercise("00a.1", "Weights and a bias by hand for a perceptron that computes NAND",
         "NAND is 0 only for (1, 1). A positive bias makes (0, 0) give 1; negative weights, each "
         "too small alone but together larger than the bias, bring (1, 1) below 0.", judge_nand)

X_RULE, T_RULE, W_RULE, ALPHA = [[1.0, 1.0]], [1.0], [0.5, -0.5], 0.5


def rule_update():
    """One update of the perceptron rule from w = [0.5, -0.5], b = 0, alpha = 0.5, on x = [1, 1], t = 1."""
    p = prelude.perceptron_rule(X_RULE, T_RULE, w=W_RULE, b=0.0, alpha=ALPHA, max_epochs=1)
    return [*p.w, p.b]


def by_hand(sign=1, alpha=ALPHA, bias=True):
    """The rule written out, for its mistakes: output step(0) = 0, so t - output = 1."""
    change = sign * alpha * (1 - 0)
    return [W_RULE[0] + change, W_RULE[1] + change, change if bias else 0.0]


numeric("00a.2", "One update of the perceptron rule by hand: w = [0.5, -0.5], b = 0, alpha = 0.5, x = [1, 1], t = 1",
        "First the output: step(w . x + b) with step(0) = 0. Then w += alpha (t - output) x and "
        "b += alpha (t - output).",
        expected=rule_update, shape="three numbers [w1, w2, b]",
        mistakes=lambda: {
            "sign": (by_hand(sign=-1), "the rule adds alpha (t - output) x: here t - output = 1 - 0 = +1, "
                                       "so the weights go up, not down"),
            "no learning rate": (by_hand(alpha=1.0), "you left out alpha, the step size: each change is "
                                                     "0.5 (t - output) x, not (t - output) x"),
            "bias not updated": (by_hand(bias=False), "the bias moves too: b += alpha (t - output)"),
            "no update": ([*W_RULE, 0.0], "step(0) is 0 (the step gives 1 only for z > 0), so the "
                                          "perceptron answered 0 where t = 1 and must update")})

X, W, B = [1.0, -2.0], [0.5, 0.25], 0.1
numeric("00a.3", "One sigmoid neuron: x = [1, -2], w = [0.5, 0.25], b = 0.1",
        "z = w . x + b first, then 1 / (1 + e^-z).",
        expected=lambda: prelude.neuron(X, W, B), shape="a single number",
        mistakes=lambda: {"bias missing": (prelude.neuron(X, W, 0.0), "you left out the bias b"),
                          "no sigmoid": (prelude.weighted_sum(X, W, B), "that is z, the weighted sum: pass it "
                                                                        "through the sigmoid"),
                          "step": (float(prelude.weighted_sum(X, W, B) > 0), "that is the perceptron's step; "
                                                                              "this neuron uses the sigmoid")})
