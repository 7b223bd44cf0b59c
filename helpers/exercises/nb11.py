"""The exercises of 11_digits: leaky ReLU and its derivative, and the digits network's weights."""

import numpy as np

from helpers import gradcheck, nn
from helpers.exercises import Result, as_numbers, exercise, same
from helpers.exercises.nb02 import counts

Z = np.array([[-3.0, -0.5, -1e-3, 1e-3, 0.5, 2.0]])  # both sides of 0, near it and far
SLOPE = 0.01  # leaky ReLU's slope below 0


def judge_leaky(answer):
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        return Result(False, "not yet: the answer is the pair (leaky_relu, leaky_relu_prime) of functions.")
    f, f_prime = answer
    if not (callable(f) and callable(f_prime)):
        return Result(False, "not yet: both parts of the answer must be functions.")
    out = as_numbers(f(Z.copy()))
    if isinstance(out, str):
        return Result(False, f"not yet: what leaky_relu returns is not right: {out}.")
    if same(out, nn.relu(Z)):
        return Result(False, f"not yet: that is ReLU: leaky ReLU keeps a slope of {SLOPE} below 0, so "
                             f"leaky_relu(z) = z for z > 0 and {SLOPE} z otherwise.", "plain ReLU")
    if not same(out, np.where(Z > 0, Z, SLOPE * Z)):
        return Result(False, f"not yet: leaky_relu({Z.tolist()}) gives {out.tolist()}.")
    slope = as_numbers(f_prime(out))
    if isinstance(slope, str):
        return Result(False, f"not yet: what leaky_relu_prime returns is not right: {slope}.")
    if same(slope, nn.relu_prime(out)):
        return Result(False, f"not yet: your derivative is ReLU's (0 below 0): leaky ReLU's slope there is {SLOPE}.",
                      "ReLU's derivative")
    measured = np.array([[gradcheck.central_difference(lambda z: float(np.sum(as_numbers(f(z)))), np.array([z]))[0]
                          for z in Z[0]]])
    error = gradcheck.relative_error(slope, measured) if slope.shape == measured.shape else 1.0
    if error > 1e-7:
        return Result(False, f"not yet: the gradient check fails: relative error {error:.2g} between your "
                             "derivative (given the activation's output) and the measured slopes.")
    return Result(True, f"correct: the gradient check passes (relative error {error:.1e}).")


exercise("11.1", "Leaky ReLU and its derivative, passing a gradient check",
         "leaky_relu(Z) = Z where Z > 0, else 0.01 Z; its derivative, written with its own output R: "
         "1 where R > 0, else 0.01 (R has the sign of Z).", judge_leaky)
counts("11.2", "How many weights the 64-32-10 network learns, biases included", (64, 32, 10))
