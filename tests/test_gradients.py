"""backward's gradients against central finite differences, on random networks.

For every matrix M of the forward pass, backward returns d loss / dM; here each entry is
checked against (loss(M + eps) - loss(M - eps)) / (2 eps). The weight gradients are those of
the mean cross entropy; the per-sample rows of Z2, X2, Z1 are those of each sample's own CE,
so they are checked against the sum of the CE_i (sample i's CE depends only on row i).
"""

import numpy as np
import pytest

from helpers import nn

EPS = 1e-6
SHAPES = [(4, 2, 2), (1, 1, 2), (3, 5, 4), (7, 3, 3), (2, 8, 5)]  # (d inputs, h hidden, k classes)
ACTIVATIONS = ["sigmoid", "relu"]


def relative_error(A, B):
    return nn.relative_error(A, B)


def central_difference(loss, M, eps=EPS):
    """d loss / dM entry by entry."""
    return nn.central_difference(loss, M, eps)


def random_network(seed, d, h, k, activation, N=6):
    """X1, Y, W1, W2 drawn at random. For relu, redrawn until every hidden sum is at least
    0.05 away from the kink at 0, so that no finite-difference nudge crosses it, and every
    hidden node is active for some sample, so that no gradient is trivially 0."""
    rng = np.random.default_rng(seed)
    for _ in range(1000):
        X1 = nn.add_bias(rng.normal(size=(N, d)))
        W1 = rng.normal(size=(d + 1, h))
        W2 = rng.normal(size=(h + 1, k))
        Z1 = X1 @ W1
        if activation != "relu" or (np.abs(Z1).min() > 0.05 and (Z1 > 0).any(axis=0).all()):
            break
    else:
        raise RuntimeError("no relu network away from the kink")  # pragma: no cover
    Y = np.eye(k)[rng.integers(k, size=N)]
    return X1, Y, W1, W2


def mean_CE(X1, Y, W1, W2, activation):
    return nn.cross_entropy(nn.forward(X1, W1, W2, activation).Yhat, Y).mean()


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("d, h, k", SHAPES)
def test_weight_gradients(d, h, k, activation):
    X1, Y, W1, W2 = random_network([d, h, k, len(activation)], d, h, k, activation)
    grad = nn.backward(X1, Y, W1, W2, activation)
    numeric_W1 = central_difference(lambda W: mean_CE(X1, Y, W, W2, activation), W1)
    numeric_W2 = central_difference(lambda W: mean_CE(X1, Y, W1, W, activation), W2)
    assert relative_error(numeric_W1, grad.W1) < 1e-7
    assert relative_error(numeric_W2, grad.W2) < 1e-7


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("d, h, k", SHAPES)
def test_per_sample_gradients(d, h, k, activation):
    """grad.Z2, grad.X2, grad.Z1: row i is d CE_i / d(row i); checked through sum_i CE_i."""
    X1, Y, W1, W2 = random_network([d, h, k, len(activation), 1], d, h, k, activation)
    f = nn.activation_pair(activation)[0]
    grad = nn.backward(X1, Y, W1, W2, activation)
    fwd = nn.forward(X1, W1, W2, activation)

    def total_from_Z2(Z2):
        return nn.cross_entropy(nn.softmax(Z2), Y).sum()

    def total_from_X2(X2):
        return total_from_Z2(X2 @ W2)

    def total_from_Z1(Z1):
        return total_from_X2(nn.add_bias(f(Z1)))

    assert relative_error(central_difference(total_from_Z2, fwd.Z2), grad.Z2) < 1e-7
    assert relative_error(central_difference(total_from_X2, fwd.X2), grad.X2) < 1e-7
    assert relative_error(central_difference(total_from_Z1, fwd.Z1), grad.Z1) < 1e-7


def test_the_article_network():
    """The article's sample and weights: pixels of 0-255 make the W1 gradient stiff."""
    from helpers import data

    sample = data.article_sample()
    W1, W2 = data.article_weights()
    X1, Y = nn.add_bias(sample.X), sample.Y
    grad = nn.backward(X1, Y, W1, W2)
    numeric_W1 = central_difference(lambda W: mean_CE(X1, Y, W, W2, "sigmoid"), W1)
    numeric_W2 = central_difference(lambda W: mean_CE(X1, Y, W1, W, "sigmoid"), W2)
    assert relative_error(numeric_W1, grad.W1) < 1e-7
    assert relative_error(numeric_W2, grad.W2) < 1e-7


def test_a_wrong_gradient_is_caught():
    """The check can fail: a gradient off by 1e-6 in one entry is rejected."""
    X1, Y, W1, W2 = random_network(0, 4, 2, 2, "sigmoid")
    grad = nn.backward(X1, Y, W1, W2)
    numeric_W2 = central_difference(lambda W: mean_CE(X1, Y, W1, W, "sigmoid"), W2)
    wrong = grad.W2.copy()
    wrong[0, 0] += 1e-4 * np.abs(grad.W2).max()
    assert relative_error(numeric_W2, grad.W2) < 1e-7
    assert relative_error(numeric_W2, wrong) > 1e-7


def test_softmax_jacobian_is_the_derivative_of_softmax():
    rng = np.random.default_rng(3)
    for k in (2, 3, 6):
        z = rng.normal(size=k)
        J = nn.softmax_jacobian(nn.softmax(z))
        # row c: d softmax(z) / d z_c
        numeric = np.array([(nn.softmax(z + EPS * e) - nn.softmax(z - EPS * e)) / (2 * EPS) for e in np.eye(k)])
        assert relative_error(numeric, J) < 1e-7
