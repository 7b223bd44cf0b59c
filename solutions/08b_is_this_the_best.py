"""Solutions to the exercises of notebook 08b (is this the best?)."""

import numpy as np

from helpers import data, nn, training


def faster_start():
    """08b.1: train from both starts and see which one's loss falls under 0.6 first."""
    X1, Y, _, _ = data.stairs("scaled")
    first = {}
    for letter, scale in (("a", 0.01), ("b", 1.0)):
        W1, W2 = training.init_weights(1, scale=scale)
        loss = training.train(X1, Y, W1, W2, 1.0, 400).history.loss
        first[letter] = next((k for k, value in enumerate(loss) if value < 0.6), 10**9)
    return "c" if first["a"] == first["b"] else min(first, key=first.get)


def no_hidden_layer():
    """08b.2: train softmax regression and the 5-2-2 network, compare their test accuracies."""
    X1, Y, X1_test, Y_test = data.stairs("scaled")
    W = np.zeros((5, 2))
    for _ in range(2000):
        Yhat = nn.softmax(X1 @ W)
        W = W - 1.0 * X1.T @ (Yhat - Y) / len(X1)
    linear = np.mean(nn.softmax(X1_test @ W).argmax(axis=1) == Y_test.argmax(axis=1))
    run = training.train(X1, Y, *data.companion_weights(), 1.0, 1500)
    network = np.mean(training.predict(X1_test, run.W1, run.W2) == Y_test.argmax(axis=1))
    return "a" if linear > network else "b" if linear < network else "c"


SOLUTIONS = {"08b.1": faster_start, "08b.2": no_hidden_layer}

MISTAKES = {
    "08b.1": {f"choice {letter}": (lambda letter=letter: letter) for letter in "abc" if letter != faster_start()},
    "08b.2": {f"choice {letter}": (lambda letter=letter: letter) for letter in "abc" if letter != no_hidden_layer()},
}

if __name__ == "__main__":
    from solutions import run

    run(SOLUTIONS)
