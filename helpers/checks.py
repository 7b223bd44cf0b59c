"""Input checks: one checker per kind of input (numpy only), and `checked`, the boundary of
every public function of the math.

Each checker returns its input in the form the math needs (a float array, an int, a float) or
raises a ValueError that names the argument, shows the value and says what is allowed.

`@checked(...)` puts a function's checks in one place, above it, so that its body holds the
math alone. At a call from outside, the checkers run once, the body runs with numpy's
floating-point warnings off, and a result that overflowed (inf or NaN) is a ValueError. A call
from inside another checked function (evaluate calling forward, forward calling softmax) skips
the input checks, which the outer call made; inside train's loop nothing is checked: a run
that diverges is measured by train, not raised.
"""

import functools
import inspect
import numbers
from contextvars import ContextVar

import numpy as np

# Where a call stands: None outside any checked function; "checked" inside one (its inputs are
# checked, overflows still raise); "trusted" inside train's loop or f.unchecked (nothing checked).
_inside = ContextVar("inside a checked call", default=None)


def checked(check=None, *, overflow=None, **specs):
    """Decorator: check a function's arguments at its boundary, once.

    check       a function of some of the arguments (by name) that checks how they fit
                together and returns them as the math needs them (a tuple in its parameters'
                order, or a dict by name)
    specs       argument name -> checker(value, name), e.g. Z=checks.matrix; run after check
    same_shape  (among specs) two argument names whose arrays must have the same shape
    overflow    what a result holding inf or NaN means: the equation as text, or a dict of
                the result's field -> equation (checked in that order). overflow=False: the
                body measures overflow itself (train: a diverged run), so the calls it makes
                check nothing.
    Calls made from inside a checked function skip the input checks (the outer call made
    them) and keep the overflow checks. `f.unchecked(...)` runs the body alone, checking
    nothing, for values known to be fine or to be shown as they are (a diverged run's NaN)."""
    pair = specs.pop("same_shape", ())

    def decorate(f):
        signature = inspect.signature(f)
        check_names = list(inspect.signature(check).parameters) if check else []
        equations = {None: overflow} if isinstance(overflow, str) else overflow or {}
        inner = "trusted" if overflow is False else "checked"

        @functools.wraps(f)
        def boundary(*args, **kwargs):
            state = _inside.get()
            if state == "trusted":
                return f(*args, **kwargs)
            if state is None:
                bound = signature.bind(*args, **kwargs)
                bound.apply_defaults()
                args, kwargs = (), bound.arguments
                if check:
                    cleaned = check(**{n: kwargs[n] for n in check_names if n in kwargs})
                    kwargs.update(cleaned if isinstance(cleaned, dict) else zip(check_names, cleaned))
                for name, checker in specs.items():
                    kwargs[name] = checker(kwargs[name], name)
                if pair:
                    same_shape(*(kwargs[n] for n in pair), *pair)
                result = _run(f, inner, *args, **kwargs)
            else:
                result = _run(f, inner, *args, **kwargs) if inner == "trusted" else f(*args, **kwargs)
            for field, equation in equations.items():
                for M in _matrices(result if field is None else getattr(result, field)):
                    not_overflowed(M, equation)
            return result

        boundary.unchecked = functools.partial(_run, f, "trusted")
        return boundary

    return decorate


def _run(f, state, *args, **kwargs):
    """f(*args, **kwargs) as a checked body: numpy's floating-point warnings off (an overflow
    is checked after, not warned about) and the calls it makes marked as inside (state)."""
    token = _inside.set(state)
    try:
        with np.errstate(all="ignore"):
            return f(*args, **kwargs)
    finally:
        _inside.reset(token)


def _matrices(result):
    """The arrays of a result: itself, or each one of a list of them."""
    return result if isinstance(result, list) else [result]


def describe(x):
    """A short description of a value for an error message: `'0.1' (a str)`, `an array of shape (3, 4)`."""
    if isinstance(x, np.ndarray):
        return f"an array of shape {x.shape} and dtype {x.dtype}"
    if isinstance(x, (list, tuple)) and len(x) > 6:
        return f"a {type(x).__name__} of {len(x)} items"
    text = repr(x)
    text = text if len(text) <= 60 else text[:57] + "..."
    return text if type(x) in (int, float) else f"{text} (a {type(x).__name__})"


def exact(x):
    """A number as short as it can be written without changing it: 0.5, 1e+07, 1.0000000001."""
    text = f"{x:g}"
    return text if float(text) == x else repr(x.item() if isinstance(x, np.generic) else x)


def is_real(x):
    """True for a real number (int, float, numpy integer or float), False for bool, complex, str..."""
    return isinstance(x, numbers.Real) and not isinstance(x, (bool, np.bool_))


def number(x, name, low=-np.inf, high=np.inf, low_open=False):
    """x as a finite float with low <= x <= high (low < x when low_open), else ValueError."""
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


def count(n, name, low=0, high=np.inf):
    """n as an int with low <= n <= high, else ValueError (a bool or a float such as 2.0 is not a count)."""
    if isinstance(n, np.ndarray) and n.ndim == 0:
        n = n[()]
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, numbers.Integral) or not low <= n <= high:
        whole_float = is_real(n) and not isinstance(n, numbers.Integral) and float(n).is_integer()
        hint = f" (write {int(n)})" if whole_float and low <= n <= high else ""
        raise ValueError(f"{name} must be a whole number (an int){bounds(low, high)}, got {describe(n)}{hint}")
    return int(n)


def one_of(value, name, options):
    """value if it is one of options, else ValueError listing them."""
    if not isinstance(value, str) or value not in options:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, options))}; got {describe(value)}")
    return value


def bounds(low, high, low_open=False):
    """' >= 0', ' from 1 to 8', ' > 0 and at most 100': the allowed range in words."""
    has_low, has_high = low > -np.inf, high < np.inf
    low_text = f"> {exact(low)}" if low_open else f">= {exact(low)}"
    if has_low and has_high:
        return f" from {exact(low)} to {exact(high)}" if not low_open else f" {low_text} and at most {exact(high)}"
    return f" {low_text}" if has_low else (f" <= {exact(high)}" if has_high else "")


def array(A, name, ndim=None, allow="finite"):
    """A as a non-empty float array (of `ndim` dimensions if given), else ValueError. Its
    entries must be finite; allow="inf" lets infinities through, allow="nan" NaN too.
    Lists of lists are fine; ragged ones, strings, complex numbers, dates, None and masked
    arrays (whose mask numpy's math ignores) are not."""
    if A is None or isinstance(A, (str, bytes)):
        raise ValueError(f"{name} must be an array of real numbers, got {describe(A)}")
    if isinstance(A, np.ma.MaskedArray):
        raise ValueError(f"{name} must be a plain array, got a masked array (the math would ignore its "
                         f"mask): pass {name}.filled(value) or the rows you mean")
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


def matrix(A, name):
    """A as a float matrix (2 dimensions) of finite numbers, else ValueError."""
    return array(A, name, ndim=2)


def vector(A, name):
    """A as a float vector (1 dimension) of finite numbers, else ValueError."""
    return array(A, name, ndim=1)


def one_hot(Y, name="Y"):
    """Y as a float matrix whose rows each hold one 1 and otherwise 0s, else ValueError."""
    Y = matrix(Y, name)
    not_binary = (Y != 0) & (Y != 1)
    if not_binary.any():
        i, j = np.argwhere(not_binary)[0]
        raise ValueError(f"{name} must be one-hot: {name}[{i}, {j}] = {exact(Y[i, j])}, not 0 or 1")
    ones = Y.sum(axis=1)
    if (ones != 1).any():
        i = int(np.argmax(ones != 1))
        raise ValueError(f"{name} must be one-hot: row {i} has {ones[i]:g} ones, not exactly 1")
    return Y


def same_shape(A, B, a, b):
    """ValueError unless arrays A and B (named a and b) have the same shape."""
    if np.shape(A) != np.shape(B):
        raise ValueError(f"{a} and {b} must have the same shape, got {np.shape(A)} and {np.shape(B)}")


def bias_column(X1, name="X1"):
    """X1 as a float matrix whose column 0 is all 1s (the bias input), else ValueError."""
    X1 = matrix(X1, name)
    if (X1[:, 0] != 1).any():
        i = int(np.argmax(X1[:, 0] != 1))
        raise ValueError(f"{name}'s first column must be the bias column of 1s; row {i} has "
                         f"{exact(X1[i, 0])} (add it with nn.add_bias)")
    return X1


def network(X1, W1, W2, X1_name="X1"):
    """X1, W1, W2 as float matrices: X1's column 0 all 1s (the bias), and shapes that chain
    (X1 N x (d+1), W1 (d+1) x h, W2 (h+1) x k); else ValueError."""
    X1, W1, W2 = bias_column(X1, X1_name), matrix(W1, "W1"), matrix(W2, "W2")
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
    Y = one_hot(Y, name)
    if Y.shape != (N, k):
        raise ValueError(f"{name} must be {N}x{k} (a row per sample of {X1_name}, a column per output "
                         f"of W2), got {Y.shape[0]}x{Y.shape[1]}")
    return Y


def forward_pass(X1, Y, W2, fwd):
    """backward's arguments: X1 with its bias column, W2, Y one-hot (a row per row of X1, a
    column per column of W2), and fwd, the forward pass made from them: Z1 N x h, X2 N x (h+1),
    Z2 and Yhat N x k for N rows of X1, h + 1 rows and k columns of W2; else ValueError."""
    X1, W2 = bias_column(X1), matrix(W2, "W2")
    if not all(hasattr(fwd, name) for name in ("Z1", "X2", "Z2", "Yhat", "activation", "_replace")):
        raise ValueError(f"fwd must be the result of nn.forward(X1, W1, W2), got {describe(fwd)}")
    (N, _), (h1, k) = X1.shape, W2.shape
    matrices = {name: matrix(getattr(fwd, name), f"fwd.{name}") for name in ("Z1", "X2", "Z2", "Yhat")}
    for name, shape in (("X2", (N, h1)), ("Z1", (N, h1 - 1)), ("Z2", (N, k)), ("Yhat", (N, k))):
        if matrices[name].shape != shape:
            M = matrices[name]
            raise ValueError(f"fwd does not match: its {name} is {M.shape[0]}x{M.shape[1]}, but X1 has {N} rows "
                             f"and W2 is {h1}x{k}, so {name} must be {shape[0]}x{shape[1]}")
    return X1, targets(Y, N, k), W2, fwd._replace(**matrices)


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
    P = matrix(P, name)
    outside = (P < 0) | (P > 1)
    if outside.any():
        i, j = np.argwhere(outside)[0]
        raise ValueError(f"{name} must hold probabilities (0 to 1): {name}[{i}, {j}] = {exact(P[i, j])}")
    return P


def not_overflowed(M, equation):
    """ValueError if a computed matrix M holds inf or NaN: its finite inputs were too large."""
    if not np.isfinite(M).all():
        raise ValueError(f"{equation} overflowed (inf or NaN): the inputs or weights are too large "
                         "for floating point (about 1.8e308 is the largest number)")
