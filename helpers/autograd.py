"""A scalar autograd, after Karpathy's micrograd: backpropagation as an algorithm.

A Value is a number that remembers how it was made: the Values it came from (_prev) and a
function, _backward, that passes its gradient back to them, multiplied by the local
derivative of the operation that made it (the chain rule, one link). backward() runs these
from the last Value to the first, in reverse topological order, so that each Value's gradient
has received every path's share before it is passed on. Notebook 05 builds sample 1's loss
from the article's weights with it, scalar by scalar, and compares the gradients with
nn.backward's. Each operation's derivative sits beside it.
"""

import math

from helpers import checks


class Value:
    """A number (data) and the partial of the final result by it (grad, set by backward)."""

    def __init__(self, data, _prev=(), _op=""):
        self.data = checks.number(data, "data")
        self.grad = 0.0
        self._prev, self._op = _prev, _op  # the Values it was made from, and how
        self._backward = lambda: None  # a Value made by no operation passes nothing back

    def __add__(self, other):
        other = _value(other, "other")
        out = _made(self.data + other.data, (self, other), "+")

        def _backward():  # d(a + b)/da = 1, d(a + b)/db = 1
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = _value(other, "other")
        out = _made(self.data * other.data, (self, other), "*")

        def _backward():  # d(a b)/da = b, d(a b)/db = a
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def __truediv__(self, other):
        other = _value(other, "other")
        if other.data == 0:
            raise ValueError(f"cannot divide {checks.exact(self.data)} by 0 (other is a Value of 0)")
        out = _made(self.data / other.data, (self, other), "/")

        def _backward():  # d(a / b)/da = 1 / b, d(a / b)/db = -a / b^2
            self.grad += out.grad / other.data
            other.grad -= out.data / other.data * out.grad
        out._backward = _backward
        return out

    def exp(self):
        try:
            e = math.exp(self.data)
        except OverflowError:  # past e^709.78, the largest float
            e = math.inf
        out = _made(e, (self,), "exp")

        def _backward():  # d e^a/da = e^a
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    def log(self):
        if self.data <= 0:
            raise ValueError(f"log needs a Value > 0, got a Value of {checks.exact(self.data)}")
        out = _made(math.log(self.data), (self,), "log")

        def _backward():  # d ln a/da = 1 / a
            self.grad += out.grad / self.data
        out._backward = _backward
        return out

    def backward(self):
        """Fill in grad, the partial of this Value by each Value it was made from."""
        order, seen, stack = [], set(), [(self, False)]
        while stack:  # depth first: a Value goes into order after every Value it came from
            v, inputs_done = stack.pop()
            if inputs_done:
                order.append(v)
            elif v not in seen:
                seen.add(v)
                stack += [(v, True)] + [(p, False) for p in v._prev]
        for v in order:
            v.grad = 0.0
        self.grad = 1.0  # d self / d self
        for v in reversed(order):  # from self back to the inputs
            v._backward()
        if not all(math.isfinite(v.grad) for v in order):
            raise ValueError("backward overflowed: a gradient is beyond the largest float (about 1.8e308)")

    def __neg__(self):  # -a = a (-1)
        return self * -1

    def __sub__(self, other):  # a - b = a + (-b)
        return self + -_value(other, "other")

    def __radd__(self, other):  # 2 + a, and sum() starting from 0
        return _value(other, "other") + self

    def __rmul__(self, other):
        return _value(other, "other") * self

    def __rsub__(self, other):
        return _value(other, "other") - self

    def __rtruediv__(self, other):  # 1 / a
        return _value(other, "other") / self

    def __repr__(self):
        return f"Value(data={self.data:.5f}, grad={self.grad:.5f})"


def _value(x, name):
    """x as a Value: a Value as it is, a real number wrapped; else ValueError naming x."""
    if isinstance(x, Value):
        return x
    if not checks.is_real(x) and not (hasattr(x, "ndim") and x.ndim == 0):
        raise ValueError(f"{name} must be a number or a Value, got {checks.describe(x)}")
    return Value(x)


def _made(data, prev, op):
    """The Value an operation made from prev, or ValueError if it overflowed floating point."""
    if not math.isfinite(data):
        raise ValueError(f"{op} overflowed: the result is beyond the largest float (about 1.8e308)")
    return Value(data, prev, op)
