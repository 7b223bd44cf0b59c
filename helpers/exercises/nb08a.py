"""The exercises of 08a_training: the training loop by hand, and a prediction about the nudge
on scaled pixels."""

import functools

import numpy as np

from helpers import checks, data, nn, training
from helpers.exercises import Result, as_numbers, exercise, multiple_choice


def problem():
    """What 08a.1's loop is checked on: the scaled images, the R script's weights, step 0.5, 100 epochs."""
    X1, Y, _, _ = data.stairs("scaled")
    W1, W2 = data.companion_weights()
    return X1, Y, W1, W2, 0.5, 100


def by_hand(mistake):
    """The weights of a loop written with a known mistake (the right loop is training.train)."""
    X1, Y, W1, W2, stepsize, epochs = problem()
    for _ in range(epochs + (mistake == "one epoch too many")):
        grad = nn.backward(X1, Y, W2, nn.forward(X1, W1, W2))
        if mistake == "+ instead of -":
            W1, W2 = W1 + stepsize * grad.W1, W2 + stepsize * grad.W2
        elif mistake == "step size applied twice":
            W1, W2 = W1 - stepsize ** 2 * grad.W1, W2 - stepsize ** 2 * grad.W2
        elif mistake == "only W2 updated":
            W2 = W2 - stepsize * grad.W2
        else:
            W1, W2 = W1 - stepsize * grad.W1, W2 - stepsize * grad.W2
    return W1, W2


LOOP_MISTAKES = {"+ instead of -": "the weights climb: the update is W - stepsize grad",
                 "step size applied twice": "you multiplied by the step size twice: W - stepsize grad, once",
                 "only W2 updated": "W1 never moves: update both layers each epoch",
                 "one epoch too many": "one step too many: range(epochs) takes epochs steps"}
SIGNATURE = "train_loop(X1, Y, W1, W2, stepsize, epochs)"


def judge_loop(answer):
    if not callable(answer):
        return Result(False, f"not yet: the answer is a function {SIGNATURE}, got {checks.describe(answer)}.")
    X1, Y, W1, W2, stepsize, epochs = problem()
    given = [M.copy() for M in (X1, Y, W1, W2)]
    out = answer(*given, stepsize, epochs)
    changed = [name for name, M, G in zip(("X1", "Y", "W1", "W2"), (X1, Y, W1, W2), given) if not np.array_equal(M, G)]
    if changed:
        return Result(False, f"not yet: your loop changed the {' and '.join(changed)} it was given (W1 -= ... writes "
                             "into the caller's array): write W1 = W1 - ..., or use optim.update, which returns "
                             "new weights.", "in-place update")
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        return Result(False, f"not yet: train_loop must return the pair (W1, W2), got {checks.describe(out)}.")
    V1, V2 = (as_numbers(M) for M in out)
    if isinstance(V1, str) or isinstance(V2, str):
        return Result(False, f"not yet: the W1 and W2 train_loop returns must be matrices of numbers: "
                             f"{V1 if isinstance(V1, str) else V2}.")
    if V1.shape != W1.shape or V2.shape != W2.shape:
        return Result(False, f"not yet: the weights must keep their shapes {W1.shape} and {W2.shape}, "
                             f"got {V1.shape} and {V2.shape}.")
    if not (np.isfinite(V1).all() and np.isfinite(V2).all()):
        return Result(False, "not yet: the weights your loop returns have a NaN or inf.")
    right = training.train(X1, Y, W1, W2, stepsize, epochs)
    gap = max(np.abs(V1 - right.W1).max(), np.abs(V2 - right.W2).max())
    if gap <= 1e-12:
        return Result(True, f"correct: after {epochs} epochs your weights equal training.train's "
                            f"(largest difference {gap:.1e}).")
    for name, why in LOOP_MISTAKES.items():
        M1, M2 = by_hand(name)
        if max(np.abs(V1 - M1).max(), np.abs(V2 - M2).max()) <= 1e-9:
            return Result(False, f"not yet: {why}.", name)
    return Result(False, f"not yet: after {epochs} epochs your weights differ from training.train's.")


exercise("08a.1", "The training loop in a few lines: equal to training.train after 100 epochs",
         "Each epoch: fwd = nn.forward(X1, W1, W2); grad = nn.backward(X1, Y, W2, fwd); then "
         "W1 and W2 each move by optim.update.", judge_loop)

@functools.lru_cache(maxsize=None)
def nudge_gap():
    """The largest difference between the final weights of two runs on the scaled pixels (step
    1.0, 1500 epochs, the R script's weights), one with w1_11 nudged by 1e-13."""
    X1, Y, _, _ = data.stairs("scaled")
    W1, W2 = data.companion_weights()
    nudged = W1.copy()
    nudged[0, 0] += 1e-13
    runs = [training.train(X1, Y, V1, W2, 1.0, 1500, measure_every=1500) for V1 in (W1, nudged)]
    return max(np.abs(runs[0].W1 - runs[1].W1).max(), np.abs(runs[0].W2 - runs[1].W2).max())


NUDGE = {"a": "the two runs end apart, as on raw pixels (their final weights differ by more than 0.01)",
         "b": "the two runs end together (their final weights differ by less than 1e-11)",
         "c": "the difference grows but stays small (from 1e-11 to 0.01)"}


multiple_choice("08a.2", "Predict: on the scaled pixels (step 1.0, 1500 epochs), does the 1e-13 nudge still "
                         "change where training ends?",
                "On raw pixels one step moved Z1 by several units; by how much does it move Z1 now?",
                NUDGE, lambda: "a" if nudge_gap() > 0.01 else "b" if nudge_gap() < 1e-11 else "c",
                reveal=lambda: f"the final weights differ by at most {nudge_gap():.0e}")
