"""Matrices shown as the article shows them: LaTeX bmatrix, 5 decimals.

    show(Z1, "Z^1")          renders  Z^1 = [[-0.42392, 1.12803], ...]  as a matrix
    show(grad.W1, r"\\frac{\\partial CE}{\\partial W^1}")
    show(CE.mean(), r"\\overline{CE}")   a single number renders as  \\overline{CE} = 0.69257

The returned object renders as LaTeX in JupyterLab and as plain text elsewhere; both forms
carry the same rounded numbers, so nbval compares numbers, not object reprs.
"""

import numpy as np

from helpers import checks


def fmt(x, decimals=5):
    """x to `decimals` places, never "-0.00000"; in powers of 10 beyond a billion ("1.00000e+308")."""
    x = float(checks.array(x, "x", ndim=0, allow="nan"))
    decimals = checks.count(decimals, "decimals", 0, 15)
    if not np.isfinite(x):
        return str(x)
    if abs(x) >= 1e9:
        return f"{x:.{decimals}e}"
    return f"{round(x, decimals) + 0.0:.{decimals}f}"


class Matrix:
    """A matrix to display: first rows, a row of dots, last row when it is long.
    A vector shows as one row; a single number shows without brackets."""

    def __init__(self, M, name="", decimals=5, max_rows=6):
        M = checks.array(M, "M", allow="nan")
        if M.ndim > 2:
            raise ValueError(f"show needs a number, a vector or a matrix, got shape {M.shape}")
        max_rows = checks.count(max_rows, "max_rows", 3)
        decimals = checks.count(decimals, "decimals", 0, 15)
        self.scalar = M.ndim == 0
        self.M = M.reshape(1, -1) if M.ndim < 2 else M  # a vector shows as one row
        self.name, self.decimals, self.max_rows = name, decimals, max_rows

    def rows(self):
        """The cells as strings; None marks the row of dots."""
        n = len(self.M)
        keep = range(n) if n <= self.max_rows else [*range(self.max_rows - 2), None, n - 1]
        return [None if i is None else [fmt(x, self.decimals) for x in self.M[i]] for i in keep]

    def _repr_latex_(self):
        cols = self.M.shape[1]
        tex = {"nan": r"\text{nan}", "inf": r"\infty", "-inf": r"-\infty"}
        lines = [r" & ".join([r"\vdots"] * cols) if r is None else " & ".join(tex.get(x, x) for x in r)
                 for r in self.rows()]
        body = r" \\ ".join(lines)
        lhs = f"{self.name} = " if self.name else ""
        if self.scalar:
            return f"$${lhs}{body}$$"
        return f"$${lhs}\\begin{{bmatrix}} {body} \\end{{bmatrix}}$$"

    def __repr__(self):
        rows = self.rows()
        if self.scalar:
            return f"{self.name} = {rows[0][0]}" if self.name else rows[0][0]
        width = max(len(x) for r in rows if r for x in r)
        lines = ["  ".join(["...".rjust(width)] * self.M.shape[1]) if r is None
                 else "  ".join(x.rjust(width) for x in r) for r in rows]
        shape = f"({self.M.shape[0]}x{self.M.shape[1]})"
        head = f"{self.name} {shape}" if self.name else shape
        return head + "\n" + "\n".join("[ " + line + " ]" for line in lines)


def show(M, name="", decimals=5, max_rows=6):
    """M as the article shows it; end a cell with this to display it."""
    return Matrix(M, name, decimals, max_rows)
