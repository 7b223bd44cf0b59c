"""The playground of notebook 09: sliders for the step size, the initial weights, the number of
hidden nodes and the hidden activation; each change retrains the network on the 400 training
images and redraws its curves (ipywidgets).

    pg = playground.Playground()   # builds the sliders and trains once at the default setting
    pg.widget                      # the sliders, a one-line summary, loss and accuracy curves
    pg.stepper                     # step mode: one gradient step per click, W and grad_W shown

What a slider change computes is `run`, a plain function, so a test or a plain notebook cell
can check the numbers the widgets show. The figure is drawn once; a change only replaces its
curves (the axes, ticks and labels are drawn once for each pair of axis limits), so an update
costs about the training time plus a few milliseconds.
"""

import io
import time
from functools import lru_cache
from typing import NamedTuple

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from helpers import data, display, nn

# The setting the playground opens with: notebook 08's stable recipe (pixels scaled to [0, 1],
# step 1.0, 1500 epochs) from seeded weights drawn as the article draws them (scale 0.01),
# on the article's network: 2 sigmoid hidden nodes.
DEFAULTS = {"stepsize": 1.0, "scale": 0.01, "seed": 1, "epochs": 1500, "pixels": "scaled",
            "hidden": 2, "activation": "sigmoid"}
PIXELS = {"raw": "raw 0-255", "scaled": "scaled to [0, 1]"}
# The step size slider reaches 100: raw pixels diverge from about 10-20, scaled ones from 20.
STEPSIZES = (-3, 2)  # the step size slider's range, as powers of 10
SEEDS = (0, 100)  # the seed slider's range
EPOCHS = (50, 3000, 50)  # the epochs slider's min, max, step
HIDDEN = (1, 8)  # the hidden nodes slider's range


@lru_cache(maxsize=None)
def dataset(pixels):
    """X1, Y, X1_test, Y_test: the 400 training and 100 test images, bias column added,
    pixels "raw" (0-255, as the article) or "scaled" (divided by 255, so in [0, 1])."""
    if pixels not in PIXELS:
        raise ValueError(f"pixels must be one of {sorted(PIXELS)}, got {pixels!r}")
    (_, X, Y), (_, X_test, Y_test) = data.load_stairs("train"), data.load_stairs("test")
    if pixels == "scaled":
        X, X_test = X / 255, X_test / 255
    return nn.add_bias(X), Y, nn.add_bias(X_test), Y_test


def initial_weights(seed, scale, hidden=DEFAULTS["hidden"]):
    """W1 (5 x hidden), W2 ((hidden+1) x 2) uniform in [-scale, scale], drawn by
    numpy.random.default_rng(seed); with 2 hidden nodes, the draws of the article's shapes."""
    return nn.init_weights(np.random.default_rng(seed), n_hidden=hidden, scale=scale)


class Run(NamedTuple):
    """One slider setting's result: the trained network and the summary line.
    loss and the accuracies are those of the final weights (after the last update);
    they are None when training diverged."""

    trained: nn.Trained
    loss: float | None
    accuracy: float | None
    test_accuracy: float | None
    message: str


def run(stepsize=DEFAULTS["stepsize"], scale=DEFAULTS["scale"], seed=DEFAULTS["seed"],
        epochs=DEFAULTS["epochs"], pixels=DEFAULTS["pixels"], hidden=DEFAULTS["hidden"],
        activation=DEFAULTS["activation"]):
    """Train as a slider change does: a 4-hidden-2 network with the named hidden activation,
    weights drawn uniformly from [-scale, scale] with numpy.random.default_rng(seed), then
    nn.train with the held-out set.
    Divergence is a result, not an error: the message says at which epoch."""
    X1, Y, X1_test, Y_test = dataset(pixels)
    nn.activation_pair(activation)  # an unknown name: ValueError before any work
    W1, W2 = initial_weights(seed, scale, hidden)
    trained = nn.train(X1, Y, W1, W2, stepsize, epochs, X1_test, Y_test, activation=activation)
    if trained.history.diverged_at is not None:
        return Run(trained, None, None, None, trained.history.message)
    finite = np.isfinite(trained.W1).all() and np.isfinite(trained.W2).all()
    with np.errstate(all="ignore"):  # finite but huge weights saturate (or overflow) quietly
        Yhat = nn.forward(X1, trained.W1, trained.W2, activation).Yhat if finite else None
        if Yhat is None or not np.isfinite(Yhat).all():
            # the loss was finite before the last update, and that update overflowed
            history = trained.history._replace(diverged_at=int(epochs))
            return Run(trained._replace(history=history), None, None, None, history.message)
        loss = float(nn.cross_entropy(Yhat, Y).mean())
        test_acc = nn.accuracy(X1_test, Y_test, trained.W1, trained.W2, activation)
    acc = float((Yhat.argmax(axis=1) == Y.argmax(axis=1)).mean())
    message = (f"after {epochs} epochs: loss {display.fmt(loss)}, train accuracy {acc:.4f}, "
               f"test accuracy {test_acc:.2f}")
    return Run(trained, loss, acc, test_acc, message)


def value_text(x):
    """A slider value as its label shows it: 32, 1.00, 0.10, 0.050, 0.0013."""
    if x >= 9.95:
        return f"{x:.0f}"
    return f"{x:.2f}" if x >= 0.095 else f"{x:.2g}"


# The controls' labels, and the settings whose change leaves the step mode's weights alone
# (the others draw new initial weights, of a new shape when the hidden nodes change).
LABELS = {"stepsize": "Step size", "scale": "Initial weight scale", "seed": "Seed", "epochs": "Epochs",
          "hidden": "Hidden nodes", "activation": "Activation"}
KEEP_STEP_MODE = ("stepsize", "epochs")

# The loss axis's top is the first of these above the highest loss, so at the default
# setting it stays put and only the curves are redrawn.
LOSS_TOPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)


class Curves:
    """Loss and accuracy per epoch, train and test, as a PNG for an ipywidgets Image.
    One figure for the playground's life: axes and labels are drawn the first time a pair of
    axis limits is needed and kept (the last BACKGROUNDS pairs); after that the saved
    background is restored and only the four curves drawn. (ReLU runs flip the loss axis
    between two tops from one seed to the next: that is two backgrounds, each drawn once.)"""

    BACKGROUNDS = 8

    def __init__(self, figsize=(8, 2.6), dpi=90):
        self.fig = Figure(figsize=figsize, dpi=dpi)  # not pyplot's: nothing is shown by itself
        FigureCanvasAgg(self.fig)
        self.fig.subplots_adjust(left=0.08, right=0.97, bottom=0.19, top=0.93, wspace=0.25)
        self.ax_loss, self.ax_acc = self.fig.subplots(1, 2)
        self.lines = {}
        for ax, what in ((self.ax_loss, "loss"), (self.ax_acc, "accuracy")):
            self.lines[what] = ax.plot([], [], color="tab:blue", label="train", animated=True)[0]
            self.lines[f"test_{what}"] = ax.plot([], [], color="tab:orange", ls="--", label="test",
                                                 animated=True)[0]
            ax.set_xlabel("epoch")
            ax.legend(loc="upper right" if what == "loss" else "lower right", fontsize=9)
        self.ax_loss.set_ylabel("mean cross entropy")
        self.ax_acc.set_ylabel("accuracy")
        self.ax_acc.set_ylim(0, 1.02)
        self.limits, self.backgrounds = None, {}  # (right, top) -> the figure without curves

    def png(self, history, epochs):
        """The figure with history's curves, as PNG bytes. A diverged run's few epochs
        fill the width, so that the blow-up is visible."""
        finite = history.loss[np.isfinite(history.loss)]
        highest = finite.max() if len(finite) else 1
        top = next((t for t in LOSS_TOPS if t >= 1.05 * highest), 1.05 * highest)
        right = epochs if history.diverged_at is None else max(10, history.diverged_at + 1)
        if (right, top) != self.limits:
            self.ax_loss.set_ylim(0, top)
            for ax in (self.ax_loss, self.ax_acc):
                ax.set_xlim(0, right)
            self.limits = (right, top)
        if self.limits not in self.backgrounds:  # new axes: draw everything but the curves, keep it
            self.fig.canvas.draw()
            self.backgrounds[self.limits] = self.fig.canvas.copy_from_bbox(self.fig.bbox)
            if len(self.backgrounds) > self.BACKGROUNDS:
                del self.backgrounds[next(iter(self.backgrounds))]  # the oldest
        else:
            self.fig.canvas.restore_region(self.backgrounds[self.limits])
        x = np.arange(len(history.loss))
        for name, line in self.lines.items():
            line.set_data(x, getattr(history, name))
            line.axes.draw_artist(line)
        canvas = self.fig.canvas
        image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        out = io.BytesIO()
        image.save(out, format="png", compress_level=1)  # fast; the image is small either way
        return out.getvalue()


def decimals(M):
    """Decimals to show M with: the article's 5, or more for a matrix of tiny numbers
    (three significant digits of its largest entry, at most 9 decimals)."""
    biggest = np.abs(M).max()
    if not biggest > 0:
        return 5
    return int(min(9, max(5, 2 - np.floor(np.log10(biggest)))))


def side_label(text=""):
    """A label in the sliders' label column (190 px, right-aligned), for toggle buttons."""
    return widgets.Label(text, layout=widgets.Layout(width="190px", display="flex", justify_content="flex-end"))


def slider_style():
    return {"style": {"description_width": "190px"}, "layout": widgets.Layout(width="440px")}


class Playground:
    """Sliders, a summary line and the curves (`widget`), and a step mode (`stepper`).
    Each slider change retrains with `run` and redraws; `timings` holds the last update's
    seconds for training and for drawing."""

    def __init__(self, **setting):
        unknown = set(setting) - set(DEFAULTS)
        if unknown:
            raise ValueError(f"unknown setting(s) {sorted(unknown)}: choose from {sorted(DEFAULTS)}")
        s = {**DEFAULTS, **setting}
        nn.activation_pair(s["activation"])  # ValueError for an unknown name
        if s["pixels"] not in PIXELS:
            raise ValueError(f"pixels must be one of {sorted(PIXELS)}, got {s['pixels']!r}")
        if not (int(s["hidden"]) == s["hidden"] and HIDDEN[0] <= s["hidden"] <= HIDDEN[1]):
            raise ValueError(f"hidden must be a whole number from {HIDDEN[0]} to {HIDDEN[1]}, "
                             f"got {s['hidden']}")
        common = {"continuous_update": False, "readout": False, **slider_style()}
        # one control per keyword argument of `run`; a new setting needs a control here,
        # a default in DEFAULTS, a label in LABELS and a parameter of `run`
        self.controls = {
            "stepsize": widgets.FloatLogSlider(value=s["stepsize"], base=10, min=STEPSIZES[0],
                                               max=STEPSIZES[1], step=0.1, **common),
            "scale": widgets.FloatLogSlider(value=s["scale"], base=10, min=-3, max=0, step=0.1, **common),
            "seed": widgets.IntSlider(value=s["seed"], min=SEEDS[0], max=SEEDS[1], **common),
            "epochs": widgets.IntSlider(value=s["epochs"], min=EPOCHS[0], max=EPOCHS[1], step=EPOCHS[2],
                                        **common),
            "pixels": widgets.ToggleButtons(options=[(label, key) for key, label in PIXELS.items()],
                                            value=s["pixels"], style={"button_width": "130px"}),
            "hidden": widgets.IntSlider(value=s["hidden"], min=HIDDEN[0], max=HIDDEN[1], **common),
            "activation": widgets.ToggleButtons(options=list(nn.ACTIVATIONS), value=s["activation"],
                                                style={"button_width": "80px"}),
        }
        for name, control in self.controls.items():  # pg.stepsize is pg.controls["stepsize"]
            setattr(self, name, control)
        # toggle buttons show their label beside them here, in a column with the sliders' labels
        self.activation_label = side_label()
        self.summary = widgets.Label()
        self.curves = Curves()
        width, _ = self.curves.fig.canvas.get_width_height()
        self.image = widgets.Image(format="png", layout=widgets.Layout(width=f"{width}px", max_width="100%"))
        self.widget = widgets.VBox([
            widgets.HBox([self.stepsize, self.scale]),
            widgets.HBox([self.seed, self.epochs]),
            widgets.HBox([self.hidden, self.activation_label, self.activation]),
            widgets.HBox([side_label("Pixels"), self.pixels]),
            self.summary, self.image])
        # the step size also takes a typed value; CSS classes are browser_tests/'s hooks
        self.stepsize.readout = True
        self.stepsize.add_class("playground-stepsize")
        self.summary.add_class("playground-summary")
        self.image.add_class("playground-curves")

        # step mode: the article's update, one click at a time, from the sliders' initial weights
        self.step_button = widgets.Button(description="One step", icon="step-forward")
        self.reset_button = widgets.Button(description="Reset", icon="undo")
        self.step_status = widgets.Label()
        self.matrices = widgets.HTMLMath()
        self.stepper = widgets.VBox([
            widgets.HBox([self.step_button, self.reset_button, self.step_status]), self.matrices])
        self.step_button.on_click(self.step)
        self.reset_button.on_click(self.reset)

        self.timings = {}
        self.update()
        for control in self.controls.values():
            control.observe(self.update, names="value")

    def setting(self):
        """The controls' current values, as keyword arguments of `run`."""
        return {name: control.value for name, control in self.controls.items()}

    def relabel(self):
        """Each control's label shows its current value: "Step size = 0.10", "Activation = relu"."""
        for name, label in LABELS.items():
            value = self.controls[name].value
            shown = value_text(value) if isinstance(value, float) else value
            text = f"{label} = {shown}"
            if name == "activation":
                self.activation_label.value = text
            else:
                self.controls[name].description = text

    def update(self, change=None):
        """Retrain at the controls' setting and redraw; returns the summary line.
        A change of the initial weights or the network (seed, scale, pixels, hidden nodes,
        activation) resets the step mode; a new step size is shown in its status line."""
        self.relabel()
        start = time.perf_counter()
        try:
            result = run(**self.setting())
        except ValueError as error:  # not reachable from the sliders' ranges; shown, not raised
            self.summary.value = f"cannot train: {error}"
            return self.summary.value
        trained = time.perf_counter()
        self.image.value = self.curves.png(result.trained.history, self.epochs.value)
        self.summary.value = result.message
        self.timings = {"train": trained - start, "draw": time.perf_counter() - trained}
        keeps_weights = change is not None and any(change["owner"] is self.controls[name]
                                                   for name in KEEP_STEP_MODE)
        if keeps_weights:
            self.show_step()
        else:
            self.reset()
        return result.message

    # --- step mode ---------------------------------------------------------------

    def reset(self, button=None):
        """Back to the initial weights of the sliders' seed, scale and hidden nodes, step 0."""
        self.W1, self.W2 = initial_weights(self.seed.value, self.scale.value, self.hidden.value)
        self.steps = 0
        self.show_step()

    def step(self, button=None):
        """One gradient step from the current weights: W := W - stepsize grad_W."""
        grad = self.gradients()
        if grad is None:
            return
        with np.errstate(all="ignore"):
            self.W1 = self.W1 - self.stepsize.value * grad.W1
            self.W2 = self.W2 - self.stepsize.value * grad.W2
        self.steps += 1
        self.show_step()

    def gradients(self):
        """backward at the current weights, or None (and a message) if they are not finite."""
        X1, Y, _, _ = dataset(self.pixels.value)
        if not (np.isfinite(self.W1).all() and np.isfinite(self.W2).all()):
            self.step_status.value = (f"step {self.steps}: the weights are no longer finite numbers "
                                      "(step size too large); press Reset")
            return None
        with np.errstate(all="ignore"):  # saturated sigmoids (or huge ReLU sums) are fine here
            grad = nn.backward(X1, Y, self.W1, self.W2, self.activation.value)
        if not all(np.isfinite(M).all() for M in grad):
            self.step_status.value = (f"step {self.steps}: the gradients are no longer finite numbers "
                                      "(step size too large); press Reset")
            return None
        return grad

    def show_step(self):
        """The current W1, W2 and the gradients that the next step subtracts (times the step size)."""
        grad = self.gradients()
        if grad is None:
            self.matrices.value = ""
            return
        X1, Y, _, _ = dataset(self.pixels.value)
        with np.errstate(all="ignore"):
            loss = nn.cross_entropy(nn.forward(X1, self.W1, self.W2, self.activation.value).Yhat, Y).mean()
        self.step_status.value = (f"step {self.steps}: mean cross entropy {display.fmt(loss)} on the "
                                  f"400 training images; the next step subtracts "
                                  f"{value_text(self.stepsize.value)} x the gradients")
        parts = [(self.W1, "W^1"), (grad.W1, r"\frac{\partial \overline{CE}}{\partial W^1}"),
                 (self.W2, "W^2"), (grad.W2, r"\frac{\partial \overline{CE}}{\partial W^2}")]
        tex = [display.show(M, name, decimals(M), max_rows=max(6, len(M)))._repr_latex_().strip("$")
               for M, name in parts]  # every row: the shapes are part of the lesson
        (n_in, h), k = self.W1.shape, self.W2.shape[1]
        shapes = (f"<p>{n_in - 1} pixels, {h} {self.activation.value} hidden node{'s' * (h > 1)}, "
                  f"{k} classes: $W^1$ is ${n_in} \\times {h}$ (a bias row and a row per pixel, "
                  f"a column per hidden node), $W^2$ is ${h + 1} \\times {k}$ (a bias row and a row "
                  f"per hidden node, a column per class).</p>")
        first = f"$${tex[0]} \\qquad {tex[1]}$$" if h <= 3 else f"$${tex[0]}$$ $${tex[1]}$$"  # wide: stacked
        self.matrices.value = f"{shapes}{first} $${tex[2]} \\qquad {tex[3]}$$"
