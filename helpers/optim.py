"""Update rules: how the weights move once backward has found their gradients (numpy only).

    update(W, grad_W, stepsize)        the article's step: W - stepsize grad_W
    GradientDescent(stepsize)          that step for every weight matrix at once
    Momentum(stepsize, beta)           classical momentum: v := beta v + grad_W, W := W - stepsize v

A rule's `step(weights, grads)` takes the weight matrices and their gradients, in the same
order, and returns the new weights; a rule with a memory (momentum's velocity) keeps it
between steps. training.train, the playground's "One step" and notebook 07 all use these.
"""

import numpy as np

from helpers import checks


def update(W, grad_W, stepsize):
    """One step of gradient descent: W - stepsize grad_W."""
    W, grad_W = checks.array(W, "W"), checks.array(grad_W, "grad_W")
    checks.same_shape(W, grad_W, "W", "grad_W")
    stepsize = checks.number(stepsize, "stepsize", low=0)
    with np.errstate(over="ignore", invalid="ignore"):  # an overflow is a ValueError below, not a warning
        W_new = W - stepsize * grad_W
    checks.not_overflowed(W_new, "W - stepsize grad_W")
    return W_new


def _pairs(weights, grads):
    """The (W, grad_W) pairs of a rule's step: as many gradients as weight matrices, else ValueError."""
    if len(weights) != len(grads):
        raise ValueError(f"step needs one gradient per weight matrix, got {len(weights)} weight matrices "
                         f"and {len(grads)} gradients")
    return zip(weights, grads)


class GradientDescent:
    """W := W - stepsize grad_W for each weight matrix, all from the same gradients."""

    def __init__(self, stepsize):
        self.stepsize = checks.number(stepsize, "stepsize", low=0)

    def step(self, weights, grads):
        return [update(W, grad_W, self.stepsize) for W, grad_W in _pairs(weights, grads)]

    def __repr__(self):
        return f"GradientDescent(stepsize={self.stepsize:g})"


class Momentum:
    """Classical momentum: each weight matrix keeps a velocity v (zeros at first), and
        v := beta v + grad_W,   W := W - stepsize v.
    v sums the past gradients, each older one weighted by another factor beta: steps that
    agree build up speed, steps that zigzag cancel. beta = 0 is plain gradient descent."""

    def __init__(self, stepsize, beta=0.9):
        self.stepsize = checks.number(stepsize, "stepsize", low=0)
        self.beta = checks.number(beta, "beta", low=0, high=0.999)
        self.velocity = None

    def step(self, weights, grads):
        grads = [checks.array(grad_W, "grad_W") for _, grad_W in _pairs(weights, grads)]
        velocity = self.velocity or [np.zeros(np.shape(W)) for W in weights]
        for v, grad_W in zip(velocity, grads):  # a rule continues the run it came from, with its shapes
            checks.same_shape(v, grad_W, "the velocity", "grad_W")
        with np.errstate(over="ignore", invalid="ignore"):  # an overflow is a ValueError below, not a warning
            velocity = [self.beta * v + grad_W for v, grad_W in zip(velocity, grads)]
        for v in velocity:
            checks.not_overflowed(v, "the velocity v = beta v + grad_W")
        self.velocity = velocity
        return [update(W, v, self.stepsize) for W, v in zip(weights, self.velocity)]

    def __repr__(self):
        return f"Momentum(stepsize={self.stepsize:g}, beta={self.beta:g})"


def rule(stepsize, momentum=0.0):
    """The update rule for a step size and a momentum beta: plain gradient descent when
    momentum is 0, classical momentum otherwise."""
    momentum = checks.number(momentum, "momentum", low=0, high=0.999)
    return Momentum(stepsize, momentum) if momentum else GradientDescent(stepsize)
