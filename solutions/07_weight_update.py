"""Solutions to the exercises of notebook 07 (the weight update)."""

from helpers import data, nn, optim

sample = data.article_sample()
X1, Y = nn.add_bias(sample.X), sample.Y
W1, W2 = data.article_weights()
grad = nn.backward(X1, Y, W2, nn.forward(X1, W1, W2))


def loss_after(alpha):
    """The mean cross entropy after one step of size alpha."""
    return nn.loss(nn.forward(X1, optim.update(W1, grad.W1, alpha), optim.update(W2, grad.W2, alpha)).Z2, Y)


def lowers():
    """07.1: compare the loss after a step of 0.4 with the loss before (a step of 0)."""
    before, after = loss_after(0.0), loss_after(0.4)
    return "a" if after < before else "b" if after > before else "c"


SOLUTIONS = {"07.1": lowers,
             "07.2": lambda: min([0.02, 0.05, 0.1, 0.2, 0.25], key=loss_after),
             "07.3": lambda: W2 - 0.05 * grad.W2}

MISTAKES = {
    "07.1": {f"choice {letter}": (lambda letter=letter: letter) for letter in "abc" if letter != lowers()},
    "07.2": {"largest": lambda: 0.25, "smallest": lambda: 0.02},
    "07.3": {"+ instead of -": lambda: W2 + 0.05 * grad.W2,
             "step size applied twice": lambda: W2 - 0.05 * 0.05 * grad.W2,
             "the article's step": lambda: W2 - 0.1 * grad.W2,
             "the gradient": lambda: grad.W2, "transpose": lambda: (W2 - 0.05 * grad.W2).T},
}

if __name__ == "__main__":
    from solutions import run

    run(SOLUTIONS)
