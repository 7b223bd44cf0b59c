"""The playground of notebook 09: sliders that retrain the network, a picture of its hidden
layer, and buttons that take the training one step, or many, at a time (ipywidgets).

    pg = playground.Playground()     the sliders, trained once at the default setting
    pg                               shown in a notebook: the live controls (and a recorded
                                     picture for readers without a running kernel)

Every change of a slider trains again from scratch with training.train, on the 400 training
images, and redraws two pictures: the loss and accuracy curves, and the hidden layer, where
each image is the point (h1, h2) of its two hidden nodes' outputs, next to the line where the
output layer's two scores are equal. "One step" continues the same run by one epoch (the
article's update, or momentum's), "Play" by a few epochs at every tick of a timer that runs in
the browser, "Reset" goes back to the initial weights. Each is training.train again, from where
the run stands, with the same update rule: there is no second copy of the math here.

The pictures are drawn once and then only their points and lines change (matplotlib's
blitting), so a frame costs a few milliseconds plus the training.
"""

import base64
import io
import math
from typing import NamedTuple

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from helpers import checks, data, nn, training
from helpers.ui import plots
from helpers.ui.display import fmt, show

# The setting the playground opens with: notebook 08's stable recipe (pixels scaled to [0, 1],
# step 1.0, 1500 epochs) from seeded weights drawn as the article draws them (scale 0.01), on
# the article's network: 2 sigmoid hidden nodes, plain gradient descent.
DEFAULTS = {"stepsize": 1.0, "momentum": 0.0, "scale": 0.01, "seed": 1, "epochs": 1500,
            "pixels": "scaled", "hidden": 2, "activation": "sigmoid"}
# Each setting's range: what its slider offers, and what Playground(...) and run(...) accept.
RANGES = {"stepsize": (0.001, 100), "momentum": (0.0, 0.99), "scale": (0.001, 1.0), "seed": (0, 100),
          "epochs": (50, 3000), "hidden": (1, 8)}
EPOCHS_STEP = 50
PIXELS = {"raw": "raw 0-255", "scaled": "scaled to [0, 1]"}
LABELS = {"stepsize": "Step size α", "momentum": "Momentum β", "scale": "Initial weight scale",
          "seed": "Seed", "epochs": "Epochs", "hidden": "Hidden nodes", "activation": "Activation",
          "pixels": "Pixels"}
MEASURE_EVERY = 10  # the curves get a point every 10 epochs (151 points for 1500 epochs)
FRAMES = 120  # Play shows a run in about this many frames
INTERVAL_MS = 50  # one frame every 50 ms: 20 frames per second


def check_setting(**setting):
    """The full setting (defaults filled in), each value checked against its range, else
    ValueError naming the setting, its value and the range."""
    unknown = sorted(set(setting) - set(DEFAULTS))
    if unknown:
        raise ValueError(f"unknown setting(s) {unknown}: choose from {sorted(DEFAULTS)}")
    s = {**DEFAULTS, **setting}
    for name in ("stepsize", "momentum", "scale"):
        s[name] = checks.number(s[name], name, *RANGES[name])
    for name in ("seed", "epochs", "hidden"):
        s[name] = checks.count(s[name], name, *RANGES[name])
    checks.one_of(s["pixels"], "pixels", list(PIXELS))
    checks.one_of(s["activation"], "activation", list(nn.ACTIVATIONS))
    return s


def initial_weights(seed, scale, hidden=DEFAULTS["hidden"]):
    """W1 (5 x hidden), W2 ((hidden+1) x 2) uniform in [-scale, scale], drawn by
    numpy.random.default_rng(seed)."""
    return training.init_weights(seed, n_hidden=hidden, scale=scale)


def run(**setting):
    """Train as a slider change does: initial weights from the seed and scale, then
    training.train on the 400 training images with the 100 test images measured alongside.
    Divergence is a result, not an error: its history says at which epoch."""
    s = check_setting(**setting)
    W1, W2 = initial_weights(s["seed"], s["scale"], s["hidden"])
    return continue_run(s, W1, W2, s["epochs"])


def continue_run(s, W1, W2, epochs, rule=None):
    """training.train from W1, W2 for `epochs` more epochs at setting s (rule: an earlier
    run's update rule, to go on with its momentum)."""
    X1, Y, X1_test, Y_test = data.stairs(s["pixels"])
    return training.train(X1, Y, W1, W2, s["stepsize"], epochs, s["momentum"], X1_test, Y_test,
                          activation=s["activation"], measure_every=MEASURE_EVERY, rule=rule)


def summary(history):
    """One line on the weights a run ended with (the last entry of its history)."""
    if history.diverged_at is not None:
        return history.message
    return (f"after {history.epochs} epochs: loss {fmt(history.loss[-1])}, train accuracy "
            f"{history.accuracy[-1]:.4f}, test accuracy {history.test_accuracy[-1]:.2f}")


def value_text(x):
    """A slider value as its label shows it: 32, 1.00, 0.10, 0.050, 0.0013."""
    if x >= 9.95:
        return f"{x:.0f}"
    return f"{x:.2f}" if x >= 0.095 or x == 0 else f"{x:.2g}"


# --- the two pictures ------------------------------------------------------------------------


class Picture:
    """A matplotlib figure redrawn as PNG bytes by blitting: the axes, ticks and labels are drawn
    once for each set of axis limits and kept (the last few sets); a redraw restores that
    background and draws only the changing artists."""

    KEEP = 8

    def __init__(self, figsize, dpi=90):
        self.fig = Figure(figsize=figsize, dpi=dpi)  # not pyplot's: nothing is shown by itself
        FigureCanvasAgg(self.fig)
        self.limits, self.backgrounds = None, {}

    def png(self, limits, set_limits, artists):
        """The figure as PNG: set_limits(limits) if they changed, then the artists drawn."""
        canvas = self.fig.canvas
        if limits != self.limits:
            set_limits(limits)
            self.limits = limits
        if limits not in self.backgrounds:  # new limits: draw everything but the artists, keep it
            canvas.draw()
            self.backgrounds[limits] = canvas.copy_from_bbox(self.fig.bbox)
            if len(self.backgrounds) > self.KEEP:
                del self.backgrounds[next(iter(self.backgrounds))]  # the oldest
        else:
            canvas.restore_region(self.backgrounds[limits])
        for artist in artists:
            artist.axes.draw_artist(artist)
        image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        out = io.BytesIO()
        image.save(out, format="png", compress_level=1)  # fast; the image is small either way
        return out.getvalue()


# The loss axis's top is the first of these above the highest loss, so that it rarely changes.
LOSS_TOPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 10**4, 10**5, 10**6)


class Curves(Picture):
    """The loss and the accuracy at the measured epochs, on the training and the test images."""

    def __init__(self):
        super().__init__(figsize=(7.2, 2.6))
        self.fig.subplots_adjust(left=0.09, right=0.96, bottom=0.19, top=0.92, wspace=0.3)
        self.ax_loss, self.ax_acc = self.fig.subplots(1, 2)
        self.lines = {}
        for ax, what in ((self.ax_loss, "loss"), (self.ax_acc, "accuracy")):
            self.lines[what] = ax.plot([], [], color="tab:blue", label="train", animated=True)[0]
            self.lines[f"test_{what}"] = ax.plot([], [], color="tab:orange", ls="--", label="test",
                                                 animated=True)[0]
            ax.set_xlabel("epoch")
            ax.legend(loc="upper right" if what == "loss" else "lower right", fontsize=8)
        self.ax_loss.set_ylabel("mean cross entropy")
        self.ax_acc.set_ylabel("accuracy")
        self.ax_acc.set_ylim(0, 1.02)

    def draw(self, history, epochs):
        """The curves of history on an epoch axis of at least `epochs` (the run's length)."""
        finite = history.loss[np.isfinite(history.loss)]
        highest = finite.max() if len(finite) else 1
        top = next((t for t in LOSS_TOPS if t >= 1.05 * highest), LOSS_TOPS[-1])
        right = max(epochs, history.epochs) if history.diverged_at is None else max(10, history.epochs)
        for name, line in self.lines.items():
            line.set_data(history.epoch, getattr(history, name))
        return self.png((right, top), self.set_limits, self.lines.values())

    def set_limits(self, limits):
        right, top = limits
        self.ax_loss.set_ylim(0, top)
        for ax in (self.ax_loss, self.ax_acc):
            ax.set_xlim(0, right)


class HiddenSpace(Picture):
    """Each training image as the point (h1, h2): the outputs of the first two hidden nodes,
    X2's columns 1 and 2, coloured by its label; and the line where the output layer scores
    stairs and not stairs equally (z2_1 = z2_2), its stairs side shaded. With one hidden node
    the points sit at their h1, apart by label; with more than two the picture shows h1, h2 alone."""

    def __init__(self):
        super().__init__(figsize=(3.4, 2.6))
        self.fig.subplots_adjust(left=0.19, right=0.96, bottom=0.19, top=0.9)
        self.ax = self.fig.subplots()
        self.stairs_side = self.ax.fill([], [], color="tab:green", alpha=0.1, lw=0, animated=True)[0]
        self.points = [self.ax.scatter([], [], s=7, color=color, label=label, animated=True, zorder=z)
                       for color, label, z in (("tab:green", "stairs", 3), ("tab:purple", "not stairs", 2))]
        self.boundary = self.ax.plot([], [], color="black", lw=1.2, animated=True)[0]
        self.title = self.ax.text(0.5, 1.03, "", transform=self.ax.transAxes, ha="center", fontsize=9,
                                  animated=True)
        self.ax.legend(loc="upper right", fontsize=7, markerscale=1.5)

    def draw(self, X2, Y, W2, title):
        """The points of X2 (N x (h+1)) labelled by Y, and W2's line, for the hidden nodes."""
        h = X2.shape[1] - 1
        H = X2[:, 1:3] if h >= 2 else np.column_stack([X2[:, 1], np.where(Y[:, 0] == 1, 0.6, 0.4)])
        finite = np.isfinite(H).all(axis=1)
        biggest = np.abs(H[finite]).max() if finite.any() else 1
        top = 1.0 if biggest <= 1 else float(next((t for t in LOSS_TOPS if t >= 1.05 * biggest), LOSS_TOPS[-1]))
        for points, label in zip(self.points, (0, 1)):
            points.set_offsets(H[finite & (Y[:, label] == 1)])
        pad = 0.04 * top
        side, ends = plots.stairs_side(W2, h, -pad, top + pad)
        self.stairs_side.set_xy(side)
        self.boundary.set_data(ends[:, 0], ends[:, 1])
        self.title.set_text(title)
        return self.png((top, min(h, 3)), self.set_limits,  # stairs drawn last, on top
                        [self.stairs_side, self.points[1], self.points[0], self.boundary, self.title])

    def set_limits(self, limits):
        top, h = limits
        pad = 0.04 * top
        self.ax.set_xlim(-pad, top + pad)
        self.ax.set_ylim(-pad, top + pad)
        self.ax.set_xlabel("$h_1$ (hidden node 1)")
        self.ax.set_ylabel("$h_2$ (hidden node 2)" if h >= 2 else "(apart by label)")


def snapshot(history, X2, Y, W2, setting, epochs):
    """A picture of the playground for readers without a running kernel (PNG bytes): the
    setting, the curves and the hidden layer, drawn the way the live widget draws them."""
    curves, hidden = Curves(), HiddenSpace()
    images = [Image.open(io.BytesIO(curves.draw(history, epochs))),
              Image.open(io.BytesIO(hidden.draw(X2, Y, W2, hidden_title(history.epochs, X2.shape[1] - 1))))]
    text = settings_text(setting)
    width, height = sum(i.width for i in images), max(i.height for i in images)
    fig = Figure(figsize=(width / 90, 1.0), dpi=90)
    FigureCanvasAgg(fig)
    fig.text(0.01, 0.75, "A recorded picture of the playground: run the notebook in JupyterLab to use its controls.",
             fontsize=9, style="italic", color="dimgray")
    fig.text(0.01, 0.45, text, fontsize=9)
    fig.text(0.01, 0.15, summary(history), fontsize=9, weight="bold")
    fig.canvas.draw()
    header = Image.frombuffer("RGBA", fig.canvas.get_width_height(), fig.canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    whole = Image.new("RGBA", (width, height + header.height), "white")
    whole.paste(header, (0, 0))
    x = 0
    for image in images:
        whole.paste(image, (x, header.height))
        x += image.width
    out = io.BytesIO()
    whole.save(out, format="png")
    return out.getvalue()


def settings_text(s):
    """The setting in one line, as the sliders' labels show it."""
    parts = [f"{LABELS[name]} = {value_text(s[name]) if isinstance(s[name], float) else s[name]}"
             for name in DEFAULTS]
    return ", ".join(parts)


def hidden_title(epoch, h):
    return f"hidden layer after {epoch} epochs" + ("" if h <= 2 else f" (h1, h2 of {h})")


# --- the widget ------------------------------------------------------------------------------


class State(NamedTuple):
    """Where the run stands: the weights after history.epochs epochs, and the update rule."""

    W1: np.ndarray
    W2: np.ndarray
    history: training.History
    rule: object


def slider_style(width="420px"):
    return {"style": {"description_width": "170px"}, "layout": widgets.Layout(width=width)}


class Playground:
    """The controls, the two pictures and the step details, as one widget (`widget`)."""

    def __init__(self, **setting):
        s = check_setting(**setting)
        common = {"continuous_update": False, "readout": False, **slider_style()}
        self.controls = {
            "stepsize": widgets.FloatLogSlider(value=s["stepsize"], base=10, min=-3, max=2, step=0.1, **common),
            "momentum": widgets.FloatSlider(value=s["momentum"], min=0, max=0.99, step=0.01, **common),
            "scale": widgets.FloatLogSlider(value=s["scale"], base=10, min=-3, max=0, step=0.1, **common),
            "seed": widgets.IntSlider(value=s["seed"], min=RANGES["seed"][0], max=RANGES["seed"][1], **common),
            "epochs": widgets.IntSlider(value=s["epochs"], min=RANGES["epochs"][0], max=RANGES["epochs"][1],
                                        step=EPOCHS_STEP, **common),
            "hidden": widgets.IntSlider(value=s["hidden"], min=RANGES["hidden"][0], max=RANGES["hidden"][1],
                                        **common),
            "activation": widgets.ToggleButtons(options=list(nn.ACTIVATIONS), value=s["activation"],
                                                style={"button_width": "80px"}),
            "pixels": widgets.ToggleButtons(options=[(label, key) for key, label in PIXELS.items()],
                                            value=s["pixels"], style={"button_width": "130px"}),
        }
        self.stepsize.readout = True  # the step size also takes a typed value
        self.side_labels = {name: widgets.Label(layout=widgets.Layout(width="170px", display="flex",
                                                                      justify_content="flex-end"))
                            for name in ("activation", "pixels")}
        self.play = widgets.Play(value=0, min=0, max=1, step=1, interval=INTERVAL_MS, show_repeat=False)
        self.step_button = widgets.Button(description="One step", icon="step-forward")
        self.reset_button = widgets.Button(description="Reset", icon="undo")
        self.epoch_label, self.summary, self.step_status = widgets.Label(), widgets.Label(), widgets.Label()
        self.curves, self.hidden_space = Curves(), HiddenSpace()
        self.curves_image, self.hidden_image = (widgets.Image(format="png") for _ in range(2))
        self.matrices = widgets.HTMLMath()
        c = self.controls
        self.widget = widgets.VBox([
            widgets.HBox([c["stepsize"], c["momentum"]]), widgets.HBox([c["scale"], c["seed"]]),
            widgets.HBox([c["epochs"], c["hidden"]]),
            widgets.HBox([self.side_labels["activation"], c["activation"]]),
            widgets.HBox([self.side_labels["pixels"], c["pixels"]]),
            widgets.HBox([self.play, self.step_button, self.reset_button, self.epoch_label]),
            self.summary, widgets.HBox([self.curves_image, self.hidden_image]),
            self.step_status, self.matrices])
        for name, hook in (("stepsize", "stepsize"), ("seed", "seed")):  # browser_tests/'s hooks
            c[name].add_class(f"playground-{hook}")
        for w, hook in ((self.summary, "summary"), (self.curves_image, "curves"), (self.hidden_image, "hidden"),
                        (self.epoch_label, "epoch"), (self.play, "play"), (self.step_button, "step"),
                        (self.reset_button, "reset"), (self.step_status, "step-status")):
            w.add_class(f"playground-{hook}")
        self.quiet = False  # True while the code itself moves the Play slider
        self.retrain()
        for control in self.controls.values():
            control.observe(self.retrain, names="value")
        self.play.observe(self.tick, names="value")
        self.step_button.on_click(self.step)
        self.reset_button.on_click(self.reset)

    def __getattr__(self, name):  # pg.stepsize is pg.controls["stepsize"]
        controls = self.__dict__.get("controls", {})
        if name in controls:
            return controls[name]
        raise AttributeError(name)

    def setting(self):
        """The controls' current values, as keyword arguments of run."""
        return {name: control.value for name, control in self.controls.items()}

    # --- what the controls do ---------------------------------------------------------------

    def retrain(self, change=None):
        """A slider moved: train the whole run again and show its end."""
        self.relabel()
        s = self.setting()
        W1, W2 = initial_weights(s["seed"], s["scale"], s["hidden"])
        trained = continue_run(s, W1, W2, s["epochs"])
        self.state = State(trained.W1, trained.W2, trained.history, trained.rule)
        self.show()
        return self.summary.value

    def reset(self, button=None):
        """Back to the initial weights of the seed and scale: epoch 0, a fresh update rule."""
        s = self.setting()
        W1, W2 = initial_weights(s["seed"], s["scale"], s["hidden"])
        start = continue_run(s, W1, W2, 0)
        self.state = State(W1, W2, start.history, start.rule)
        self.show()

    def step(self, button=None):
        """One more epoch from where the run stands."""
        self.advance(self.state.history.epochs + 1)

    def tick(self, change):
        """Play's timer moved its slider to frame `value`: train on to that frame's epoch, from
        the start again if the frame is behind the run."""
        if self.quiet:
            return
        target = min(change["new"] * self.per_frame(), self.epochs.value)
        if target < self.state.history.epochs:
            self.reset()
        self.advance(target)
        if target >= self.epochs.value:
            self.play.playing = False

    def advance(self, target):
        """Train from the current state on to epoch `target` (no further once diverged)."""
        s, (W1, W2, history, rule) = self.setting(), self.state
        if target > history.epochs and history.diverged_at is None:
            more = continue_run(s, W1, W2, target - history.epochs, rule)
            self.state = State(more.W1, more.W2, history.then(more.history), more.rule)
        self.show()

    def per_frame(self):
        return max(1, math.ceil(self.epochs.value / FRAMES))

    # --- showing the state ------------------------------------------------------------------

    def relabel(self):
        """Each control's label shows its value: "Step size α = 0.10", "Activation = relu"."""
        for name, control in self.controls.items():
            value = control.value
            text = f"{LABELS[name]} = {value_text(value) if isinstance(value, float) else value}"
            if name in self.side_labels:
                self.side_labels[name].value = text
            else:
                control.description = text

    def show(self):
        """Redraw both pictures, the summary, the epoch counter and the step details."""
        W1, W2, history, rule = self.state
        s = self.setting()
        X1, Y, _, _ = data.stairs(s["pixels"])
        with np.errstate(all="ignore"), checks.already_checked():  # diverged weights: NaN is shown, not warned
            X2 = nn.forward(X1, W1, W2, s["activation"]).X2
        self.curves_image.value = self.curves.draw(history, s["epochs"])
        self.hidden_image.value = self.hidden_space.draw(X2, Y, W2, hidden_title(history.epochs, s["hidden"]))
        self.summary.value = summary(history)
        self.epoch_label.value = f"epoch {history.epochs}"
        self.quiet = True
        self.play.max = math.ceil(s["epochs"] / self.per_frame())
        self.play.value = min(history.epochs // self.per_frame(), self.play.max)
        self.quiet = False
        self.show_step(X1, Y)

    def show_step(self, X1, Y):
        """The weights, and the gradients that the next step will use."""
        W1, W2, history, rule = self.state
        if history.diverged_at is not None or not (np.isfinite(W1).all() and np.isfinite(W2).all()):
            self.step_status.value = f"epoch {history.epochs}: training diverged (step size too large); press Reset"
            self.matrices.value = ""
            return
        grad = nn.backward(X1, Y, W2, nn.forward(X1, W1, W2, self.activation.value))
        moves = (f"{value_text(rule.stepsize)} x the gradients" if not getattr(rule, "beta", 0) else
                 f"{value_text(rule.stepsize)} x the velocity v := {value_text(rule.beta)} v + gradients")
        self.step_status.value = (f"epoch {history.epochs}: mean cross entropy {fmt(history.loss[-1])} on the "
                                  f"400 training images; the next step subtracts {moves}")
        parts = [(W1, "W^1"), (grad.W1, r"\frac{\partial \overline{CE}}{\partial W^1}"),
                 (W2, "W^2"), (grad.W2, r"\frac{\partial \overline{CE}}{\partial W^2}")]
        tex = [show(M, name, decimals(M), max_rows=max(6, len(M)))._repr_latex_().strip("$") for M, name in parts]
        (n_in, h), k = W1.shape, W2.shape[1]
        shapes = (f"<p>{n_in - 1} pixels, {h} {self.activation.value} hidden node{'s' * (h > 1)}, {k} "
                  f"classes: $W^1$ is ${n_in} \\times {h}$ (a bias row and a row per pixel, a column per "
                  f"hidden node), $W^2$ is ${h + 1} \\times {k}$ (a bias row and a row per hidden node, a "
                  f"column per class).</p>")
        first = f"$${tex[0]} \\qquad {tex[1]}$$" if h <= 3 else f"$${tex[0]}$$ $${tex[1]}$$"  # wide: stacked
        self.matrices.value = f"{shapes}{first} $${tex[2]} \\qquad {tex[3]}$$"

    # --- how a notebook shows it --------------------------------------------------------------

    def _repr_mimebundle_(self, **kwargs):
        """The live widget, a picture of it for readers without a kernel, and a text summary."""
        bundle = self.widget._repr_mimebundle_(**kwargs)
        W1, W2, history, _ = self.state
        s = self.setting()
        X1, Y, _, _ = data.stairs(s["pixels"])
        with np.errstate(all="ignore"), checks.already_checked():
            X2 = nn.forward(X1, W1, W2, s["activation"]).X2
        png = snapshot(history, X2, Y, W2, s, s["epochs"])
        bundle["image/png"] = base64.b64encode(png).decode("ascii")
        bundle["text/plain"] = f"Playground: {settings_text(s)}\n{summary(history)}"
        return bundle


def decimals(M):
    """Decimals to show M with: the article's 5, or more for a matrix of tiny numbers
    (three significant digits of its largest entry, at most 9 decimals)."""
    biggest = np.abs(M).max()
    if not biggest > 0:
        return 5
    return int(min(9, max(5, 2 - np.floor(np.log10(biggest)))))
