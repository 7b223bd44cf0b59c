"""Solutions to the exercises of notebook 08 (training)."""

from helpers import data, nn, optim, training


def train_loop(X1, Y, W1, W2, stepsize, epochs):
    """08.1: the article's step, repeated: forward, backward, both layers updated."""
    for _ in range(epochs):
        grad = nn.backward(X1, Y, W2, nn.forward(X1, W1, W2))
        W1, W2 = optim.update(W1, grad.W1, stepsize), optim.update(W2, grad.W2, stepsize)
    return W1, W2


def faster_start():
    """08.2: train from both starts and see which one's loss falls under 0.6 first."""
    X1, Y, _, _ = data.stairs("scaled")
    first = {}
    for letter, scale in (("a", 0.01), ("b", 1.0)):
        W1, W2 = training.init_weights(1, scale=scale)
        loss = training.train(X1, Y, W1, W2, 1.0, 400).history.loss
        first[letter] = next((k for k, value in enumerate(loss) if value < 0.6), 10**9)
    return "c" if first["a"] == first["b"] else min(first, key=first.get)


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


SOLUTIONS = {"08.1": lambda: train_loop, "08.2": faster_start}

MISTAKES = {
    "08.1": {"+ instead of -": lambda: uphill, "only W2 updated": lambda: only_W2,
             "step size applied twice": lambda: (lambda X1, Y, W1, W2, s, n: train_loop(X1, Y, W1, W2, s * s, n)),
             "one epoch too many": lambda: (lambda X1, Y, W1, W2, s, n: train_loop(X1, Y, W1, W2, s, n + 1)),
             "in-place update": lambda: in_place},
    "08.2": {f"choice {letter}": (lambda letter=letter: letter) for letter in "abc" if letter != faster_start()},
}

if __name__ == "__main__":
    from solutions import run

    run(SOLUTIONS)
