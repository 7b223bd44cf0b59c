"""The exercises of 07_weight_update: one step of gradient descent, and its size."""

from helpers import checks, data, nn, optim
from helpers.exercises import Result, as_numbers, exercise, multiple_choice, numeric, same


def start():
    """The article's sample, weights, and their gradient (notebook 06)."""
    s, (W1, W2) = data.article_sample(), data.article_weights()
    X1, Y = nn.add_bias(s.X), s.Y
    return X1, Y, W1, W2, nn.backward(X1, Y, W2, nn.forward(X1, W1, W2))


def loss_after_step(stepsize):
    """The loss on the article's sample after one step of this size (0: the loss before)."""
    X1, Y, W1, W2, grad = start()
    return nn.loss(nn.forward(X1, optim.update(W1, grad.W1, stepsize), optim.update(W2, grad.W2, stepsize)).Z2, Y)


LONG_STEP = 0.4  # 07.1's step: four times the article's


def measured():
    before, after = loss_after_step(0.0), loss_after_step(LONG_STEP)
    return (f"after a step of {LONG_STEP} the loss is {after:.5f}, against {before:.5f} before "
            f"({after - before:+.5f})")


def lowers():
    before, after = loss_after_step(0.0), loss_after_step(LONG_STEP)
    return "a" if after < before else "b" if after > before else "c"


multiple_choice("07.1", f"Predict: does one step of size {LONG_STEP} from the article's weights lower the loss?",
                "The gradient is measured at the starting weights; how far does it stay true?",
                {"a": "it goes down", "b": "it ends higher than it started", "c": "it stays exactly the same"},
                lowers, reveal=measured)

STEPS = [0.02, 0.05, 0.1, 0.2, 0.25]


def judge_steps(answer):
    A = as_numbers(answer)
    picked = [s for s in STEPS if not isinstance(A, str) and A.size == 1 and same(A, s)]
    if not picked:
        return Result(False, f"not yet: answer with one of the step sizes {', '.join(map(str, STEPS))}; got "
                             f"{checks.describe(answer)}.")
    pick, best = picked[0], min(STEPS, key=loss_after_step)
    if pick == best:
        return Result(True, f"correct: after a step of {pick} the loss is {loss_after_step(pick):.5f}, the lowest "
                            "of the five.")
    if pick == max(STEPS):
        return Result(False, "not yet: the largest step overshoots: the loss is not a straight line.", "largest")
    if pick == min(STEPS):
        return Result(False, "not yet: the smallest step is safe but lowers the loss least.", "smallest")
    return Result(False, f"not yet: after a step of {pick} the loss is {loss_after_step(pick):.5f}; another "
                         "step size ends lower.")


exercise("07.2", f"Which of the step sizes {', '.join(map(str, STEPS))} lowers the loss most in one step?",
         "Compute the loss after one step for each and pick the smallest.", judge_steps)


def W2_after(stepsize, sign=-1):
    """W2 after one step, by hand: W2 + sign stepsize grad (sign +1: the mistake of climbing)."""
    _, _, _, W2, grad = start()
    return W2 + sign * stepsize * grad.W2


numeric("07.3", "W2 after one step of size 0.05 from the article's weights",
        "W2 - 0.05 dCE-bar/dW2, with the gradient of notebook 06.",
        expected=lambda: optim.update(start()[3], start()[4].W2, 0.05), shape="a 3 x 2 matrix, the shape of W2",
        mistakes=lambda: {"+ instead of -": (W2_after(0.05, +1), "the update goes downhill: W - alpha grad, not +"),
                          "step size applied twice": (W2_after(0.05 ** 2), "you multiplied by the step size "
                                                                           "twice: W - alpha grad, once"),
                          "the article's step": (W2_after(0.1), "that is the article's step of 0.1; this one is 0.05"),
                          "the gradient": (start()[4].W2, "that is the gradient alone: the new W2 is "
                                                          "W2 - 0.05 times it")})
