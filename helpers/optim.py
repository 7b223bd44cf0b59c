"""Update rules: how the weights move once backward has found their gradients (numpy only).

    update(W, grad_W, stepsize)        the article's step: W - stepsize grad_W
    GradientDescent(stepsize)          that step for every weight matrix at once
    Momentum(stepsize, beta)           classical momentum: v := beta v + grad_W, W := W - stepsize v
    rule(stepsize, beta)               the one of the two that beta asks for

A rule's `step(weights, grads)` takes a list of weight matrices and a list of their gradients,
in the same order, and returns the new weights; a rule with a memory (momentum's velocity)
keeps it between steps, for weights of the same shapes. training.train, the playground's
"One step" and notebook 07 all use these.
"""

from functools import partial

import numpy as np

from helpers import checks

nonnegative = partial(checks.number, low=0)
momentum_beta = partial(checks.number, low=0, high=0.999)


@checks.checked(W=checks.array, grad_W=checks.array, stepsize=nonnegative, same_shape=("W", "grad_W"),
                overflow="W - stepsize grad_W")
def update(W, grad_W, stepsize):
    """One step of gradient descent: W - stepsize grad_W."""
    return W - stepsize * grad_W  # W := W - stepsize dCE-bar/dW


def _step_args(self, weights, grads):
    """A rule's step: a list of weight matrices and a list of as many gradients, each of its
    matrix's shape (and of the velocity's, for a rule that has stepped before); else ValueError."""
    for value, name in ((weights, "weights"), (grads, "grads")):
        if not isinstance(value, (list, tuple)):
            raise ValueError(f"{name} must be a list of matrices (such as [W1, W2]), got {checks.describe(value)}")
    if len(weights) != len(grads):
        raise ValueError(f"step needs one gradient per weight matrix, got {len(weights)} weight matrices "
                         f"and {len(grads)} gradients")
    weights = [checks.array(W, f"weights[{i}]") for i, W in enumerate(weights)]
    grads = [checks.array(G, f"grads[{i}]") for i, G in enumerate(grads)]
    for i, (W, G) in enumerate(zip(weights, grads)):
        checks.same_shape(W, G, f"weights[{i}]", f"grads[{i}]")
    velocity = getattr(self, "velocity", None)
    if velocity is not None and [v.shape for v in velocity] != [W.shape for W in weights]:
        raise ValueError(f"{self!r} has stepped weights of shapes {[v.shape for v in velocity]}: it continues "
                         f"only weights of those shapes, got {[W.shape for W in weights]}")
    return self, weights, grads


class GradientDescent:
    """W := W - stepsize grad_W for each weight matrix, all from the same gradients."""

    def __init__(self, stepsize):
        self.stepsize = nonnegative(stepsize, "stepsize")

    @checks.checked(_step_args)  # update checks each result for overflow
    def step(self, weights, grads):
        return [update(W, grad_W, self.stepsize) for W, grad_W in zip(weights, grads)]  # W := W - stepsize grad_W

    def __repr__(self):
        return f"GradientDescent(stepsize={self.stepsize:g})"


class Momentum:
    """Classical momentum: each weight matrix keeps a velocity v (zeros at first), and
        v := beta v + grad_W,   W := W - stepsize v.
    v sums the past gradients, each older one weighted by another factor beta: steps that
    agree build up speed, steps that zigzag cancel. beta = 0 is plain gradient descent."""

    def __init__(self, stepsize, beta=0.9):
        self.stepsize = nonnegative(stepsize, "stepsize")
        self.beta = momentum_beta(beta, "beta")
        self.velocity = None

    @checks.checked(_step_args)  # update checks each result for overflow
    def step(self, weights, grads):
        velocity = self.velocity or [np.zeros(np.shape(W)) for W in weights]  # v starts at 0
        self.velocity = [self.beta * v + grad_W for v, grad_W in zip(velocity, grads)]  # v := beta v + grad_W
        return [update(W, v, self.stepsize) for W, v in zip(weights, self.velocity)]  # W := W - stepsize v

    def __repr__(self):
        return f"Momentum(stepsize={self.stepsize:g}, beta={self.beta:g})"


@checks.checked(stepsize=nonnegative, beta=momentum_beta)
def rule(stepsize, beta=0.0):
    """The update rule for a step size and a momentum beta: plain gradient descent when
    beta is 0, classical momentum otherwise."""
    return Momentum(stepsize, beta) if beta else GradientDescent(stepsize)
