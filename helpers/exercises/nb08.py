"""The exercises of 08_training: the training loop by hand, and a prediction about the start."""

import functools

import numpy as np

from helpers import checks, data, nn, training
from helpers.exercises import Result, as_numbers, exercise, multiple_choice


def problem():
    """What 08.1's loop is checked on: the scaled images, the R script's weights, step 0.5, 100 epochs."""
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


exercise("08.1", "The training loop in a few lines: equal to training.train after 100 epochs",
         "Each epoch: fwd = nn.forward(X1, W1, W2); grad = nn.backward(X1, Y, W2, fwd); then "
         "W1 and W2 each move by optim.update.", judge_loop)

SCALES = {"a": 0.01, "b": 1.0}  # the two starts: weights drawn from [-scale, scale]


@functools.lru_cache(maxsize=None)
def plateau_end(scale, seed=1):
    """The first epoch whose loss is under 0.6 (scaled pixels, step 1.0), from weights of this scale."""
    X1, Y, _, _ = data.stairs("scaled")
    W1, W2 = training.init_weights(seed, scale=scale)
    below = np.flatnonzero(training.train(X1, Y, W1, W2, 1.0, 400).history.loss < 0.6)
    return int(below[0]) if len(below) else 10**9


def sooner():
    small, large = (plateau_end(SCALES[k]) for k in "ab")
    return "a" if small < large else "b" if large < small else "c"


def measured():
    return (f"the loss falls under 0.6 at epoch {plateau_end(SCALES['a'])} from [-0.01, 0.01] and at epoch "
            f"{plateau_end(SCALES['b'])} from [-1, 1]")


multiple_choice("08.2", "Predict: which start leaves the plateau at ln 2 sooner (scaled pixels, step 1.0)?",
                "Tiny weights give every image nearly the same hidden outputs; what is the gradient then?",
                {"a": "the start from [-0.01, 0.01], as the article draws its weights",
                 "b": "the start from [-1, 1]", "c": "both at the same epoch"}, sooner, reveal=measured)
