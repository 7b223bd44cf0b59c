"""Input checks: one checker per kind of input (numpy only).

Each checker returns its input in the form the math needs (a float array, an int, a float) or
raises a ValueError that names the argument, shows the value and says what is allowed.

Training checks its inputs once, before its loop; inside the loop, `with already_checked():`
makes every checker hand its input straight back, so the loop calls the very same public
functions (forward, backward, update) without re-checking what cannot change.
"""

import numbers
from contextlib import contextmanager
from contextvars import ContextVar

import numpy as np

_checking = ContextVar("checking", default=True)


@contextmanager
def already_checked():
    """Inside this block the checkers pass their inputs through unchanged."""
    token = _checking.set(False)
    try:
        yield
    finally:
        _checking.reset(token)


def describe(x):
    """A short description of a value for an error message: `'0.1' (a str)`, `an array of shape (3, 4)`."""
    if isinstance(x, np.ndarray):
        return f"an array of shape {x.shape} and dtype {x.dtype}"
    if isinstance(x, (list, tuple)) and len(x) > 6:
        return f"a {type(x).__name__} of {len(x)} items"
    text = repr(x)
    text = text if len(text) <= 60 else text[:57] + "..."
    return text if type(x) in (int, float) else f"{text} (a {type(x).__name__})"


def is_real(x):
    """True for a real number (int, float, numpy integer or float), False for bool, complex, str..."""
    return isinstance(x, numbers.Real) and not isinstance(x, (bool, np.bool_))


def number(x, name, low=-np.inf, high=np.inf, low_open=False):
    """x as a finite float with low <= x <= high (low < x when low_open), else ValueError."""
    if not _checking.get():
        return x
    if isinstance(x, np.ndarray) and x.ndim == 0:
        x = x[()]
    allowed = "a finite number" + bounds(low, high, low_open)
    if not is_real(x):
        raise ValueError(f"{name} must be {allowed}, got {describe(x)}")
    try:
        value = float(x)
    except OverflowError:  # a Python int beyond 1.8e308
        raise ValueError(f"{name} must be {allowed}, got an int of {len(str(abs(x)))} digits") from None
    if not (np.isfinite(value) and (low < value if low_open else low <= value) and value <= high):
        raise ValueError(f"{name} must be {allowed}, got {describe(x)}")
    return value


def count(n, name, low=0, high=2**31 - 1):
    """n as an int with low <= n <= high, else ValueError (a bool or a float such as 2.0 is not a count)."""
    if not _checking.get():
        return n
    if isinstance(n, np.ndarray) and n.ndim == 0:
        n = n[()]
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, numbers.Integral) or not low <= n <= high:
        hint = f" (write {int(n)})" if is_real(n) and low <= n <= high and n == int(n) else ""
        raise ValueError(f"{name} must be a whole number (an int){bounds(low, high)}, got {describe(n)}{hint}")
    return int(n)


def one_of(value, name, options):
    """value if it is one of options, else ValueError listing them."""
    if not _checking.get():
        return value
    if not isinstance(value, str) or value not in options:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, options))}; got {describe(value)}")
    return value


def bounds(low, high, low_open=False):
    """' >= 0', ' from 1 to 8', ' > 0 and at most 100': the allowed range in words."""
    has_low, has_high = low > -np.inf, high < np.inf and high != 2**31 - 1  # count's default: no bound in words
    low_text = f"> {low:g}" if low_open else f">= {low:g}"
    if has_low and has_high:
        return f" from {low:g} to {high:g}" if not low_open else f" {low_text} and at most {high:g}"
    return f" {low_text}" if has_low else (f" <= {high:g}" if has_high else "")


def array(A, name, ndim=None, allow="finite"):
    """A as a non-empty float array (of `ndim` dimensions if given), else ValueError. Its
    entries must be finite; allow="inf" lets infinities through, allow="nan" NaN too.
    Lists of lists are fine; ragged ones, strings, complex numbers, dates and None are not."""
    if not _checking.get():
        return A
    if A is None or isinstance(A, (str, bytes)):
        raise ValueError(f"{name} must be an array of real numbers, got {describe(A)}")
    try:
        M = np.asarray(A)
    except ValueError:  # numpy refuses lists of unequal lengths
        raise ValueError(f"{name} must be a rectangular array of numbers; its rows differ in length") from None
    if M.dtype.kind not in "biuf":  # complex numbers (kind "c"), dates, strings, objects
        raise ValueError(f"{name} must be an array of real numbers, got {describe(A)}")
    M = M.astype(float)
    if ndim is not None and M.ndim != ndim:
        what = {0: "a single number", 1: "a vector (1 dimension)", 2: "a matrix (2 dimensions)"}[ndim]
        raise ValueError(f"{name} must be {what}, got shape {M.shape}")
    if M.size == 0:
        raise ValueError(f"{name} is empty (shape {M.shape})")
    if allow == "nan":
        return M
    bad = np.isnan(M) if allow == "inf" else ~np.isfinite(M)
    if bad.any():
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        raise ValueError(f"{name} has {'a NaN' if np.isnan(M[index]) else 'an infinite'} value at index {index}")
    return M


def one_hot(Y, name="Y"):
    """Y as a float matrix whose rows each hold one 1 and otherwise 0s, else ValueError."""
    if not _checking.get():
        return Y
    Y = array(Y, name, ndim=2)
    not_binary = (Y != 0) & (Y != 1)
    if not_binary.any():
        i, j = np.argwhere(not_binary)[0]
        raise ValueError(f"{name} must be one-hot: {name}[{i}, {j}] = {Y[i, j]:g}, not 0 or 1")
    ones = Y.sum(axis=1)
    if (ones != 1).any():
        i = int(np.argmax(ones != 1))
        raise ValueError(f"{name} must be one-hot: row {i} has {ones[i]:g} ones, not exactly 1")
    return Y


def same_shape(A, B, a, b):
    """ValueError unless arrays A and B (named a and b) have the same shape."""
    if _checking.get() and A.shape != B.shape:
        raise ValueError(f"{a} and {b} must have the same shape, got {A.shape} and {B.shape}")


def network(X1, W1, W2, X1_name="X1"):
    """X1, W1, W2 as float matrices: X1's column 0 all 1s (the bias), and shapes that chain
    (X1 N x (d+1), W1 (d+1) x h, W2 (h+1) x k); else ValueError."""
    if not _checking.get():
        return X1, W1, W2
    X1, W1, W2 = array(X1, X1_name, ndim=2), array(W1, "W1", ndim=2), array(W2, "W2", ndim=2)
    if (X1[:, 0] != 1).any():
        i = int(np.argmax(X1[:, 0] != 1))
        raise ValueError(f"{X1_name}'s first column must be the bias column of 1s; row {i} has "
                         f"{X1[i, 0]:g} (add it with nn.add_bias)")
    if X1.shape[1] != W1.shape[0]:
        raise ValueError(f"shapes do not chain: {X1_name} is {X1.shape[0]}x{X1.shape[1]}, so W1 needs "
                         f"{X1.shape[1]} rows, but W1 is {W1.shape[0]}x{W1.shape[1]}")
    if W2.shape[0] != W1.shape[1] + 1:
        raise ValueError(f"shapes do not chain: X2 = [1, f(Z1)] has {W1.shape[1] + 1} columns (bias + "
                         f"{W1.shape[1]} hidden nodes), so W2 needs {W1.shape[1] + 1} rows, but W2 is "
                         f"{W2.shape[0]}x{W2.shape[1]}")
    return X1, W1, W2


def targets(Y, N, k, name="Y", X1_name="X1"):
    """Y as a one-hot N x k matrix (a row per sample of X1, a column per output), else ValueError."""
    if not _checking.get():
        return Y
    Y = one_hot(Y, name)
    if Y.shape != (N, k):
        raise ValueError(f"{name} must be {N}x{k} (a row per sample of {X1_name}, a column per output "
                         f"of W2), got {Y.shape[0]}x{Y.shape[1]}")
    return Y


def generator(rng, name="rng"):
    """A numpy random Generator from rng: a Generator, a seed (a whole number >= 0), or None
    (fresh, unpredictable draws)."""
    if rng is None or isinstance(rng, np.random.Generator):
        return np.random.default_rng(rng)
    try:
        return np.random.default_rng(count(rng, name, 0))
    except ValueError:
        raise ValueError(f"{name} must be a numpy Generator, a seed (a whole number >= 0) or None, "
                         f"got {describe(rng)}") from None


def probabilities(P, name="Yhat"):
    """P as a float matrix of numbers from 0 to 1, else ValueError."""
    if not _checking.get():
        return P
    P = array(P, name, ndim=2)
    outside = (P < 0) | (P > 1)
    if outside.any():
        i, j = np.argwhere(outside)[0]
        raise ValueError(f"{name} must hold probabilities (0 to 1): {name}[{i}, {j}] = {P[i, j]:g}")
    return P


def not_overflowed(M, equation):
    """ValueError if a computed matrix M holds inf or NaN: its finite inputs were too large."""
    if _checking.get() and not np.isfinite(M).all():
        raise ValueError(f"{equation} overflowed (inf or NaN): the inputs or weights are too large "
                         "for floating point (about 1.8e308 is the largest number)")


def backward(X1, Y, W2, fwd):
    """backward's arguments: X1 (with its bias column), Y one-hot, W2, and the forward pass fwd
    made from them (as many rows as X1, as many columns of X2 as W2 has rows); else ValueError."""
    if not _checking.get():
        return X1, Y, W2
    X1, W2 = array(X1, "X1", ndim=2), array(W2, "W2", ndim=2)
    if not all(hasattr(fwd, name) for name in ("Z1", "X2", "Z2", "Yhat", "activation")):
        raise ValueError(f"fwd must be the result of nn.forward(X1, W1, W2), got {describe(fwd)}")
    if fwd.X2.shape != (len(X1), W2.shape[0]):
        raise ValueError(f"fwd does not match: its X2 is {fwd.X2.shape[0]}x{fwd.X2.shape[1]}, but X1 has "
                         f"{len(X1)} rows and W2 has {W2.shape[0]} rows (X2 needs one column per row of W2)")
    return X1, targets(Y, len(X1), W2.shape[1]), W2
