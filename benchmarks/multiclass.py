"""Multiclass jobs: our numpy network against scikit-learn's MLPClassifier.

Both sides get the same job: the same data and split, the same architecture (one hidden
layer, softmax outputs, cross entropy), the same activation, plain SGD with the same step
size and batch size, no momentum, no L2 penalty, and the same number of epochs (sklearn:
max_iter, with its early stopping switched off). They differ in their random initial
weights (sklearn uses Glorot's scheme) and shuffles, so accuracies differ a little.
Times are the best of `repeats` fits (wall clock); ratio = sklearn's time / ours, so a
ratio above 1 means our loop is faster.

    .venv/bin/python benchmarks/multiclass.py        # prints the table
    from benchmarks.multiclass import rows, print_rows  # or import it (run.py does)
"""

import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a clone as is

from helpers import checks, data, nn, patterns, training  # noqa: E402


def four_patterns():
    """data/patterns_*.csv, pixels scaled to [0, 1]."""
    _, X, Y = patterns.load_patterns("train")
    _, X_test, Y_test = patterns.load_patterns("test")
    return X / 255, Y.argmax(axis=1), X_test / 255, Y_test.argmax(axis=1)


def digits():
    """data/digits.csv scaled to [0, 1], 25% stratified hold-out (seed 0), as notebook 11."""
    train, test = data.split(data.load_digits(), 0.25, 0)
    return train.X / 16, train.Y.argmax(axis=1), test.X / 16, test.Y.argmax(axis=1)


# name, data, hidden nodes, activation, step size, batch size (None = full batch), epochs;
# the settings of notebooks 10 and 11
JOBS = [
    ("four patterns 5-8-4 sigmoid, full batch", four_patterns, 8, "sigmoid", 3.0, None, 2000),
    ("digits 64-32-10 sigmoid, batch 16", digits, 32, "sigmoid", 0.3, 16, 100),
    ("digits 64-32-10 relu, batch 16", digits, 32, "relu", 0.05, 16, 100),
]


def fit_ours(X, y, X_test, y_test, h, activation, stepsize, batch_size, epochs, scale):
    k = int(y.max()) + 1
    rng = np.random.default_rng(0)
    W1, W2 = training.init_weights(rng, X.shape[1], h, k, scale=scale)
    X1, Y = nn.add_bias(X), np.eye(k)[y]
    start = time.perf_counter()
    trained = training.train(X1, Y, W1, W2, stepsize=stepsize, epochs=epochs, activation=activation,
                             batch_size=batch_size, rng=rng)
    seconds = time.perf_counter() - start
    predicted = training.predict(nn.add_bias(X_test), trained.W1, trained.W2, activation)
    return seconds, float(np.mean(predicted == y_test))


def fit_sklearn(X, y, X_test, y_test, h, activation, stepsize, batch_size, epochs):
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    model = MLPClassifier(
        hidden_layer_sizes=(h,), activation={"sigmoid": "logistic", "relu": "relu"}[activation],
        solver="sgd", alpha=0.0, batch_size=len(X) if batch_size is None else batch_size,
        learning_rate="constant", learning_rate_init=stepsize, momentum=0.0,
        nesterovs_momentum=False, max_iter=epochs, shuffle=True, random_state=0,
        tol=0.0, n_iter_no_change=epochs + 1, early_stopping=False)
    start = time.perf_counter()
    with warnings.catch_warnings():  # "maximum iterations reached": that is the point here
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(X, y)
    seconds = time.perf_counter() - start
    return seconds, float(model.score(X_test, y_test))


def rows(repeats=3):
    """One dict per job: job, epochs, ours_s, sklearn_s, ratio (sklearn_s / ours_s),
    ours_accuracy, sklearn_accuracy (on the held-out images). Times: best of `repeats`."""
    repeats = checks.count(repeats, "repeats", 1)
    table = []
    for name, load, h, activation, stepsize, batch_size, epochs in JOBS:
        X, y, X_test, y_test = load()
        scale = 0.5 if load is four_patterns else 0.1
        ours = [fit_ours(X, y, X_test, y_test, h, activation, stepsize, batch_size, epochs, scale)
                for _ in range(repeats)]
        theirs = [fit_sklearn(X, y, X_test, y_test, h, activation, stepsize, batch_size, epochs)
                  for _ in range(repeats)]
        ours_s, sklearn_s = min(s for s, _ in ours), min(s for s, _ in theirs)
        table.append(dict(job=name, epochs=epochs, ours_s=ours_s, sklearn_s=sklearn_s,
                          ratio=sklearn_s / ours_s, ours_accuracy=ours[0][1],
                          sklearn_accuracy=theirs[0][1]))
    return table


def print_rows(table):
    """The rows of rows() as an aligned text table."""
    print(f"{'job':42} {'epochs':>6} {'numpy s':>8} {'sklearn s':>9} {'ratio':>6} "
          f"{'numpy acc':>9} {'sklearn acc':>11}")
    for r in table:
        print(f"{r['job']:42} {r['epochs']:6d} {r['ours_s']:8.3f} {r['sklearn_s']:9.3f} "
              f"{r['ratio']:6.2f} {r['ours_accuracy']:9.3f} {r['sklearn_accuracy']:11.3f}")
    print("ratio = sklearn time / numpy time (above 1: the numpy loop is faster); "
          "times: best of 3 fits; accuracy on the held-out images")


if __name__ == "__main__":
    print_rows(rows())
