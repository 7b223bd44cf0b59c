"""Solutions to the exercises of notebook 08a (training)."""

from helpers import data, nn, optim, training


def train_loop(X1, Y, W1, W2, stepsize, epochs):
    """08a.1: the article's step, repeated: forward, backward, both layers updated."""
    for _ in range(epochs):
        grad = nn.backward(X1, Y, W2, nn.forward(X1, W1, W2))
        W1, W2 = optim.update(W1, grad.W1, stepsize), optim.update(W2, grad.W2, stepsize)
    return W1, W2


def nudge_survives():
    """08a.2: train twice on the scaled pixels, once with W1[0, 0] nudged by 1e-13, and compare."""
    X1, Y, _, _ = data.stairs("scaled")
    W1, W2 = data.companion_weights()
    nudged = W1.copy()
    nudged[0, 0] += 1e-13
    A, B = (training.train(X1, Y, V1, W2, 1.0, 1500) for V1 in (W1, nudged))
    gap = max(abs(A.W1 - B.W1).max(), abs(A.W2 - B.W2).max())
    return "a" if gap > 0.01 else "b" if gap < 1e-11 else "c"


def uphill(X1, Y, W1, W2, stepsize, epochs):
    for _ in range(epochs):
        grad = nn.backward(X1, Y, W2, nn.forward(X1, W1, W2))
        W1, W2 = W1 + stepsize * grad.W1, W2 + stepsize * grad.W2
    return W1, W2


def only_W2(X1, Y, W1, W2, stepsize, epochs):
    for _ in range(epochs):
        grad = nn.backward(X1, Y, W2, nn.forward(X1, W1, W2))
        W2 = W2 - stepsize * grad.W2
    return W1, W2


def in_place(X1, Y, W1, W2, stepsize, epochs):
    for _ in range(epochs):
        grad = nn.backward(X1, Y, W2, nn.forward(X1, W1, W2))
        W1 -= stepsize * grad.W1  # writes into the caller's W1
        W2 -= stepsize * grad.W2
    return W1, W2


SOLUTIONS = {"08a.1": lambda: train_loop, "08a.2": nudge_survives}

MISTAKES = {
    "08a.1": {"+ instead of -": lambda: uphill, "only W2 updated": lambda: only_W2,
              "step size applied twice": lambda: (lambda X1, Y, W1, W2, s, n: train_loop(X1, Y, W1, W2, s * s, n)),
              "one epoch too many": lambda: (lambda X1, Y, W1, W2, s, n: train_loop(X1, Y, W1, W2, s, n + 1)),
              "in-place update": lambda: in_place},
    "08a.2": {f"choice {letter}": (lambda letter=letter: letter) for letter in "abc" if letter != nudge_survives()},
}

if __name__ == "__main__":
    from solutions import run

    run(SOLUTIONS)
