"""make bench: how fast the series is, measured in one run on this machine (not tests).

    .venv/bin/python benchmarks/run.py                 # every job, in order
    .venv/bin/python benchmarks/run.py train latency   # the jobs whose names contain these words

Jobs (one function each, listed in JOBS; add a function and a line there for a new one):
- train:      training.train, 1500 full-batch epochs on the 400 stairs images, against the same
              job in scikit-learn's MLPClassifier and, if torch is installed, a plain PyTorch
              loop; the cost per epoch, and the numpy calls one epoch makes
- multiclass: the four-pattern and digits networks against MLPClassifier (multiclass.py)
- latency:    the playground's update, from a slider change to both redrawn pictures, measured
              inside a Jupyter kernel
- animation:  the playground's Play: frames per second, each frame a few epochs of training and
              three pictures redrawn, inside a Jupyter kernel
- notebooks:  every notebook under nbval (pytest --nbval), each and all together

scikit-learn is the peers' package, not the series': `make bench` installs it (requirements-bench.txt).

Times are wall clock, medians of several runs unless a job says otherwise. Other processes on
the machine slow every number; the load average is printed with the machine.
"""

import collections
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import warnings
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a clone as is

from helpers import data, nn, training  # noqa: E402
from helpers.ui import playground  # noqa: E402

EPOCHS, STEPSIZE = 1500, 0.1  # the companion R script's recipe: raw pixels, step 0.1


def median_seconds(run, repeats):
    """The median wall-clock time of `repeats` calls of run(), after one call to warm up."""
    run()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def ms(seconds):
    return f"{1000 * seconds:7.1f} ms"


def line(label, seconds, note=""):
    print(f"  {label:38} {ms(seconds)}" + (f"  ({note})" if note else ""))


# --- jobs ----------------------------------------------------------------------------


GOALS = {"train": 1.2, "train_sparse": 1.6, "slider": 0.8, "fps": 20}  # issue 16's goals


def interleaved(jobs, rounds):
    """The median wall-clock time of each of jobs (name -> function), timed in turn, round after
    round (ours, theirs, ours, ...): on a shared machine, whose speed drifts by 2x, a ratio of
    times taken side by side holds where two absolute times taken apart do not."""
    for run in jobs.values():
        run()  # warm up
    times = {name: [] for name in jobs}
    for _ in range(rounds):
        for name, run in jobs.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) for name, t in times.items()}


def train():
    """training.train against scikit-learn's MLPClassifier (and PyTorch, if installed) on the
    same job: the 5-2-2 network, raw pixels, step 0.1, 1500 full-batch epochs on the 400
    training images; timed in turn, as ratios (their time / ours) against issue 16's goals."""
    X1, Y, X1_test, Y_test = data.stairs("raw")
    W1, W2 = data.companion_weights()
    fit, iterations, accuracy = sklearn_fit(X1[:, 1:], Y.argmax(axis=1), X1_test[:, 1:], Y_test.argmax(axis=1))
    t = interleaved({
        "every": lambda: training.train(X1, Y, W1, W2, STEPSIZE, EPOCHS),
        "sparse": lambda: training.train(X1, Y, W1, W2, STEPSIZE, EPOCHS, measure_every=10),
        "held_out": lambda: training.train(X1, Y, W1, W2, STEPSIZE, EPOCHS, X1_test=X1_test, Y_test=Y_test),
        "sklearn": fit}, rounds=9)
    line("numpy training.train", t["every"], "loss and accuracy after every epoch")
    line("  measured every 10 epochs", t["sparse"], "measure_every=10")
    line("  with the held-out set measured too", t["held_out"], "as the notebooks run it")
    line("scikit-learn MLPClassifier", t["sklearn"], f"{iterations} iterations, test accuracy {accuracy:.2f}")
    print(f"  ratio, scikit-learn's time / ours: {t['sklearn'] / t['every']:.2f}x measured every epoch "
          f"(goal: at least {GOALS['train']}x), {t['sklearn'] / t['sparse']:.2f}x measured every 10 "
          f"(goal: at least {GOALS['train_sparse']}x); medians of 9, timed in turn")
    calls, update_only = numpy_calls_per_epoch(X1, Y, W1, W2)
    print(f"  per epoch: {1e6 * t['every'] / EPOCHS:.0f} us measured every epoch, {1e6 * t['sparse'] / EPOCHS:.0f} us "
          f"every 10; numpy calls per epoch: {sum(calls.values())} measured, {sum(update_only.values())} "
          f"without measuring")
    print("  the calls of one epoch, without measuring: " + ", ".join(f"{name} {n}" for name, n in update_only.most_common()))
    try:
        import torch
    except ImportError:
        print("  PyTorch: not installed (optional: .venv/bin/pip install torch), skipped")
        return
    seconds, first_loss, accuracy = torch_fit(torch, X1, Y, W1, W2, X1_test, Y_test)
    line(f"PyTorch {torch.__version__} eager, 1 thread", seconds,
         f"median of 3; first loss {first_loss:.7f}, test accuracy {accuracy:.2f}; ratio {seconds / t['every']:.1f}x")


class Counted(np.ndarray):
    """An array that counts the numpy calls made on it (ufuncs, their reductions, array functions,
    indexing), passing the count on to every array computed from it."""

    calls = collections.Counter()

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        Counted.calls[ufunc.__name__ if method == "__call__" else f"{ufunc.__name__}.{method}"] += 1
        plain = [x.view(np.ndarray) if isinstance(x, Counted) else x for x in inputs]
        return counted(getattr(ufunc, method)(*plain, **kwargs))

    def __array_function__(self, func, types, args, kwargs):
        Counted.calls[func.__name__] += 1
        plain = [[x.view(np.ndarray) if isinstance(x, Counted) else x for x in a] if isinstance(a, list)
                 else a.view(np.ndarray) if isinstance(a, Counted) else a for a in args]
        return counted(func(*plain, **kwargs))

    def __getitem__(self, index):
        Counted.calls["indexing"] += 1
        return counted(self.view(np.ndarray)[index.view(np.ndarray) if isinstance(index, Counted) else index])


def counted(result):
    if isinstance(result, tuple):
        return tuple(counted(r) for r in result)
    return result.view(Counted) if isinstance(result, np.ndarray) else result


def numpy_calls_per_epoch(X1, Y, W1, W2):
    """The numpy calls of one epoch of training.train (the difference between 2 epochs and 1), with
    the loss measured every epoch, and without (the update alone). The inputs are counted arrays,
    given to train's body unchecked (the checks would turn them into plain ones)."""
    def calls(epochs, measure_every):
        Counted.calls.clear()
        training.train.unchecked(*(counted(np.array(A)) for A in (X1, Y, W1, W2)), STEPSIZE, epochs, 0.0,
                                 measure_every=measure_every)
        return collections.Counter(Counted.calls)

    measured = calls(2, 1) - calls(1, 1)
    update = calls(2, 10**6) - calls(1, 10**6)
    return measured, update


def sklearn_fit(X, y, X_test, y_test):
    """MLPClassifier on the same job: 2 logistic hidden nodes, plain SGD, step 0.1, no momentum,
    batch of all 400 images, no L2 penalty, 1500 iterations with early stopping switched off.
    (For two classes it has one logistic output instead of two softmax outputs, and its own
    initial weights: the same job, not the same numbers.) Returns the fit (to time), its
    iterations and its test accuracy."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    def fit():
        model = MLPClassifier(
            hidden_layer_sizes=(2,), activation="logistic", solver="sgd", learning_rate="constant",
            learning_rate_init=STEPSIZE, momentum=0.0, nesterovs_momentum=False, batch_size=len(X),
            alpha=0.0, max_iter=EPOCHS, shuffle=False, random_state=1,
            tol=0.0, n_iter_no_change=EPOCHS + 1, early_stopping=False)
        with warnings.catch_warnings():  # "maximum iterations reached": that is the point here
            warnings.simplefilter("ignore", ConvergenceWarning)
            return model.fit(X, y)

    model = fit()
    return fit, model.n_iter_, model.score(X_test, y_test)


def torch_fit(torch, X1, Y, W1, W2, X1_test, Y_test):
    """A plain PyTorch loop, float64 on the CPU, autograd for the gradients: the same forward
    pass, mean cross entropy, update, and loss and accuracy recorded per epoch as nn.train.
    One thread, like numpy here: at 400 x 5 a second thread only adds hand-offs (and, on a
    busy machine, waits)."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        return _torch_fit(torch, X1, Y, W1, W2, X1_test, Y_test)
    finally:
        torch.set_num_threads(threads)


def _torch_fit(torch, X1, Y, W1, W2, X1_test, Y_test):
    X1_t, y_t = torch.from_numpy(np.array(X1)), torch.from_numpy(Y.argmax(axis=1))  # a writable copy
    ones = torch.ones(len(X1), 1, dtype=torch.float64)

    def fit():
        V1 = torch.tensor(W1, requires_grad=True)
        V2 = torch.tensor(W2, requires_grad=True)
        loss_curve, accuracy_curve = torch.empty(EPOCHS, dtype=torch.float64), torch.empty(EPOCHS)
        for epoch in range(EPOCHS):
            Z2 = torch.cat([ones, torch.sigmoid(X1_t @ V1)], dim=1) @ V2
            loss = torch.nn.functional.cross_entropy(Z2, y_t)
            V1.grad, V2.grad = None, None
            loss.backward()
            with torch.no_grad():
                loss_curve[epoch] = loss
                accuracy_curve[epoch] = (Z2.argmax(dim=1) == y_t).double().mean()
                V1 -= STEPSIZE * V1.grad
                V2 -= STEPSIZE * V2.grad
        return V1.detach().numpy(), V2.detach().numpy(), loss_curve

    V1, V2, loss_curve = fit()
    return median_seconds(fit, repeats=3), float(loss_curve[0]), training.evaluate(X1_test, Y_test, V1, V2).accuracy


def multiclass():
    """The four-pattern and digits networks of notebooks 10 and 11 against MLPClassifier."""
    from benchmarks import multiclass as jobs

    jobs.print_rows(jobs.rows())


LATENCY_CODE = """
import json, time, warnings
from helpers import data
from helpers.ui import playground
from benchmarks.run import sklearn_fit
X1, Y, X1_test, Y_test = data.stairs("raw")
fit = sklearn_fit(X1[:, 1:], Y.argmax(axis=1), X1_test[:, 1:], Y_test.argmax(axis=1))[0]
pg = playground.Playground()
pg.seed.value = 2; pg.seed.value = 1  # warm up
rows, fits = [], []
for seed in range(2, 22):  # 20 slider changes at the default setting, each beside a scikit-learn fit
    start = time.perf_counter()
    pg.seed.value = seed  # the observer retrains and sets both Image widgets' PNGs
    rows.append(time.perf_counter() - start)
    start = time.perf_counter()
    fit()
    fits.append(time.perf_counter() - start)
train = []
for seed in range(2, 12):  # the training alone, as run() does it
    start = time.perf_counter()
    playground.run(seed=seed)
    train.append(time.perf_counter() - start)
frames = []
pg.reset()
pg.tick({"new": 0})
pg.play.playing = True  # as the browser sets it when Play is pressed
for epoch in range(pg.play.step, pg.play.max + 1, pg.play.step):  # Play's values are epochs, a speed apart, as the front end's timer sends them
    start = time.perf_counter()
    pg.tick({"new": epoch})
    frames.append(time.perf_counter() - start)
print(json.dumps({"rows": rows, "fits": fits, "train": train, "frames": frames, "per_frame": pg.per_frame(),
                  "png_bytes": len(pg.curves_image.value) + len(pg.hidden_image.value)}))
"""


def in_kernel():
    """Run LATENCY_CODE in a fresh Jupyter kernel (where the widgets really send messages)."""
    from jupyter_client.manager import start_new_kernel

    manager, client = start_new_kernel(kernel_name="python3", cwd=str(ROOT / "notebooks"),
                                       stderr=subprocess.DEVNULL)  # its start-up notices
    try:
        out = []
        reply = client.execute_interactive(
            f"import sys; sys.path.insert(0, {str(ROOT)!r})\n" + LATENCY_CODE, timeout=600,
            output_hook=lambda m: out.append(m["content"]["text"]) if m["msg_type"] == "stream" else None)
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"the kernel failed: {reply['content'].get('evalue')}")
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    return json.loads("".join(out))


KERNEL = {}


def latency():
    """The playground's update in a Jupyter kernel: set a slider's value (as the front end does
    when a slider is released), its observer retrains, redraws the three pictures and sends the PNGs;
    median over 20 seed changes at the default setting, each timed beside a scikit-learn fit."""
    KERNEL.update(KERNEL or in_kernel())
    total, fit = statistics.median(KERNEL["rows"]), statistics.median(KERNEL["fits"])
    trained = statistics.median(KERNEL["train"])
    setting = ", ".join(f"{k} {v}" for k, v in playground.DEFAULTS.items())
    print(f"  default setting: {setting}")
    line("slider change -> three pictures redrawn", total, "median of 20, in the kernel")
    line("  of which training (playground.run)", trained, "median of 10")
    line("  the rest", total - trained, f"drawing, PNGs ({KERNEL['png_bytes'] // 1000} kB), step details, messages")
    line("scikit-learn MLPClassifier fit alone", fit, "the train job's fit, timed in turn with the slider")
    print(f"  ratio, slider change / scikit-learn's fit: {total / fit:.2f}x (goal: at most {GOALS['slider']}x)")


def animation():
    """The playground's Play in a Jupyter kernel: each tick of the browser's timer trains a few
    epochs on from where the run stands and redraws the three pictures; a whole run from epoch 0."""
    KERNEL.update(KERNEL or in_kernel())
    frames = KERNEL["frames"]
    median = statistics.median(frames)
    line("one frame (train + redraw the three)", median,
         f"median of {len(frames)}, {KERNEL['per_frame']} epochs each; slowest {1000 * max(frames):.1f} ms")
    print(f"  {1 / median:.0f} frames per second in the kernel (goal: at least {GOALS['fps']}; the timer asks "
          f"for {1000 / playground.INTERVAL_MS:.0f})")


def notebooks():
    """Every notebook under nbval, as `make test` runs them, in one pytest process:
    per notebook the sum of its cells' times (with the kernel start), and the wall clock."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "nbval.xml"
        command = [sys.executable, "-m", "pytest", "--nbval", "--nbval-current-env", "-q",
                   "-p", "no:cacheprovider", f"--junitxml={report}", "notebooks"]
        start = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        wall = time.perf_counter() - start
        per_notebook, failed = {}, {}
        for case in ElementTree.parse(report).getroot().iter("testcase"):
            name = case.get("classname").removeprefix("notebooks.")  # e.g. 08a_training.ipynb
            per_notebook[name] = per_notebook.get(name, 0.0) + float(case.get("time"))
            if case.find("failure") is not None or case.find("error") is not None:
                failed[name] = failed.get(name, 0) + 1
    for name, seconds in sorted(per_notebook.items()):
        note = f"  ({failed[name]} cell(s) FAILED)" if name in failed else ""
        print(f"  {name:34} {seconds:6.1f} s{note}")
    print(f"  {'whole series (pytest wall clock)':34} {wall:6.1f} s  (goal: under 60 s on 2 cores)")
    if done.returncode != 0:
        print("  nbval did not pass: " + (done.stdout.strip().splitlines() or ["?"])[-1])


JOBS = [train, multiclass, latency, animation, notebooks]


def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown CPU")
    versions = [f"Python {platform.python_version()}", f"numpy {np.__version__}"]
    for module in ("sklearn", "torch", "matplotlib"):
        try:
            versions.append(f"{module} {__import__(module).__version__}")
        except ImportError:
            pass
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{cpu}, {os.cpu_count()} cores, load average {load}; " + ", ".join(versions)


def main(words):
    jobs = [job for job in JOBS if not words or any(w in job.__name__ for w in words)]
    if not jobs:
        raise SystemExit(f"no job matches {words}; jobs: {', '.join(j.__name__ for j in JOBS)}")
    print(f"machine: {machine()}")
    for job in jobs:
        print(f"\n{job.__name__}: " + textwrap.shorten(job.__doc__, 300))
        start = time.perf_counter()
        job()
        print(f"  ({job.__name__} took {time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main(sys.argv[1:])
