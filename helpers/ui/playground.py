"""The playground of notebook 09: sliders that retrain the network, pictures of its hidden
layer, and buttons that take the training one step, or many, at a time (ipywidgets).

    pg = playground.Playground()     the sliders, trained once at the default setting
    pg                               shown in a notebook: the live controls (and a recorded
                                     picture for readers without a running kernel)
    playground.run(seed=2)           what a slider change trains, without the widget

Every change of a slider trains again from scratch with training.train, on the 400 training
images, and redraws three pictures (helpers/ui/render.py): the loss and accuracy curves; the
hidden layer, where each image is the point (h1, h2) of its two hidden nodes' outputs, next to
the line where the output layer's two scores are equal; and what each hidden node responds to,
its pixel weights as a 2x2 image and its bias. "One step" continues the same run by one epoch
(the article's update, or momentum's), "Play" by the chosen number of epochs per frame (1 at
the start) at every tick of a timer that runs in the browser, "Reset" goes back to the initial
weights. Each is training.train again, from where the run stands, with the run's update rule:
there is no second copy of the math here. A value outside a control's range (a NaN set from code: the sliders' readouts
refuse one) is put back to the last one that trained, and the widget says so.
"""

import base64

import ipywidgets as widgets
import numpy as np

from helpers import checks, data, nn, training
from helpers.ui import render
from helpers.ui.display import fmt, show

# The setting the playground opens with: notebook 08a's stable recipe (pixels scaled to [0, 1],
# step 1.0, 1500 epochs) from seeded weights drawn as the article draws them (scale 0.01), on
# the article's network: 2 sigmoid hidden nodes, plain gradient descent.
DEFAULTS = {"stepsize": 1.0, "beta": 0.0, "scale": 0.01, "seed": 1, "epochs": 1500,
            "pixels": "scaled", "hidden": 2, "activation": "sigmoid"}
# Each setting's range: what its slider offers, and what Playground(...) and run(...) accept.
RANGES = {"stepsize": (0.001, 100), "beta": (0.0, 0.99), "scale": (0.001, 1.0), "seed": (0, 100),
          "epochs": (50, 3000), "hidden": (1, 8)}
EPOCHS_STEP = 50
PIXELS = {"raw": "raw 0-255", "scaled": "scaled to [0, 1]"}
LABELS = {"stepsize": "Step size α", "beta": "Momentum β", "scale": "Initial weight scale",
          "seed": "Seed", "epochs": "Epochs", "hidden": "Hidden nodes", "activation": "Activation",
          "pixels": "Pixels"}
MEASURE_EVERY = 10  # the curves get a point every 10 epochs (151 points for 1500 epochs)
# Play's speeds, in epochs per frame: each divides EPOCHS_STEP, so Play ends on a run's last
# epoch. It starts at one epoch per frame, slow enough to see the plateau end and the classes
# come apart (a few dozen epochs), or a run diverge (step size 100: by epoch 10).
SPEEDS = (1, 2, 5, 10, 25, 50)
# Play's timer waits this long after each frame it asks for (25 a second). The kernel keeps up
# (a frame costs it under 10 ms); the browser's own delays come on top (a headless Chromium on
# two busy cores showed 13-17 frames a second, with or without the weights' picture).
INTERVAL_MS = 40
SNAPSHOT_NOTE = "A recorded picture of the playground: run the notebook in JupyterLab to use its controls."


def check_setting(**setting):
    """The full setting (defaults filled in), each value checked against its range, else
    ValueError naming the setting, its value and the range."""
    unknown = sorted(set(setting) - set(DEFAULTS))
    if unknown:
        raise ValueError(f"unknown setting(s) {unknown}: choose from {sorted(DEFAULTS)}")
    s = {**DEFAULTS, **setting}
    for name in ("stepsize", "beta", "scale"):
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
    """training.train from W1, W2 for `epochs` more epochs at the checked setting s, with a
    new update rule, or an earlier run's `rule` to go on with (its momentum's velocity)."""
    X1, Y, X1_test, Y_test = data.stairs(s["pixels"])
    update = {"stepsize": s["stepsize"], "beta": s["beta"]} if rule is None else {"rule": rule}
    return training.train(X1, Y, W1, W2, epochs=epochs, X1_test=X1_test, Y_test=Y_test,
                          activation=s["activation"], measure_every=MEASURE_EVERY, **update)


def forward_if_possible(X1, W1, W2, activation):
    """nn.forward of the weights W1, W2, or None when it refuses them (the weights of a
    diverged run can be too large to compute with)."""
    try:
        return nn.forward(X1, W1, W2, activation)
    except ValueError:
        return None


def summary(history):
    """One line on the weights a run ended with (the last entry of its history)."""
    if history.diverged_at is not None:
        return history.message
    return (f"after {history.last_epoch} epochs: loss {fmt(history.loss[-1])}, train accuracy "
            f"{history.accuracy[-1]:.4f}, test accuracy {history.test_accuracy[-1]:.2f}")


def value_text(x):
    """A slider value as its label shows it: 32, 1.00, 0.10, 0.050, 0.0013."""
    if x >= 9.95:
        return f"{x:.0f}"
    return f"{x:.2f}" if x >= 0.095 or x == 0 else f"{x:.2g}"


def label(name, value):
    """A control's label with its value: "Step size α = 0.10", "Activation = relu"."""
    return f"{LABELS[name]} = {value_text(value) if isinstance(value, float) else value}"


def settings_text(s):
    """The setting in one line, as the controls' labels show it."""
    return ", ".join(label(name, s[name]) for name in DEFAULTS)


def decimals(M):
    """Decimals to show M with: the article's 5, or more for a matrix of tiny numbers
    (three significant digits of its largest entry, at most 9 decimals)."""
    biggest = np.abs(M).max()
    if not biggest > 0:
        return 5
    return int(min(9, max(5, 2 - np.floor(np.log10(biggest)))))


def slider_style(width="420px"):
    return {"style": {"description_width": "170px"}, "layout": widgets.Layout(width=width)}


class Playground:
    """The controls, the two pictures and the step details, as one widget (`widget`).
    `trained` is where the run stands (training.Trained: the weights after
    trained.history.last_epoch epochs, and the update rule to go on with); `setting` is the
    checked setting it was trained at."""

    def __init__(self, **setting):
        s = check_setting(**setting)
        common = {"continuous_update": False, "readout": False, **slider_style()}
        self.controls = {
            "stepsize": widgets.FloatLogSlider(value=s["stepsize"], base=10, min=-3, max=2, step=0.1, **common),
            "beta": widgets.FloatSlider(value=s["beta"], min=0, max=0.99, step=0.01, **common),
            "scale": widgets.FloatLogSlider(value=s["scale"], base=10, min=-3, max=0, step=0.1, **common),
            "seed": widgets.IntSlider(value=s["seed"], min=RANGES["seed"][0], max=RANGES["seed"][1], **common),
            "epochs": widgets.IntSlider(value=s["epochs"], min=RANGES["epochs"][0], max=RANGES["epochs"][1],
                                        step=EPOCHS_STEP, **common),
            "hidden": widgets.IntSlider(value=s["hidden"], min=RANGES["hidden"][0], max=RANGES["hidden"][1],
                                        **common),
            "activation": widgets.ToggleButtons(options=list(nn.ACTIVATIONS), value=s["activation"],
                                                style={"button_width": "80px"}),
            "pixels": widgets.ToggleButtons(options=[(text, key) for key, text in PIXELS.items()],
                                            value=s["pixels"], style={"button_width": "130px"}),
        }
        self.stepsize.readout = True  # the step size also takes a typed value
        self.side_labels = {name: widgets.Label(layout=widgets.Layout(width="170px", display="flex",
                                                                      justify_content="flex-end"))
                            for name in ("activation", "pixels")}
        # Play's value is the epoch a frame shows; each frame moves it on by `step` epochs (the speed)
        self.play = widgets.Play(value=0, min=0, max=1, step=SPEEDS[0], interval=INTERVAL_MS, show_repeat=False)
        self.speed = widgets.ToggleButtons(options=SPEEDS, value=SPEEDS[0], style={"button_width": "42px"})
        self.speed_label = widgets.Label(layout=widgets.Layout(width="170px", display="flex",
                                                               justify_content="flex-end"))
        self.one_step_button = widgets.Button(description="One step", icon="step-forward")
        self.reset_button = widgets.Button(description="Reset", icon="undo")
        self.epoch_label, self.summary, self.step_status = widgets.Label(), widgets.Label(), widgets.Label()
        self.notice = widgets.Label(layout=widgets.Layout(display="none"))  # shown when it says something
        self.curves, self.hidden_space = render.Curves(), render.HiddenSpace()
        self.hidden_weights = render.HiddenWeights()
        self.curves_image, self.hidden_image, self.weights_image = (widgets.Image(format="png") for _ in range(3))
        self.matrices = widgets.HTMLMath()
        c = self.controls
        self.widget = widgets.VBox([
            widgets.HBox([c["stepsize"], c["beta"]]), widgets.HBox([c["scale"], c["seed"]]),
            widgets.HBox([c["epochs"], c["hidden"]]),
            widgets.HBox([self.side_labels["activation"], c["activation"]]),
            widgets.HBox([self.side_labels["pixels"], c["pixels"]]), self.notice,
            widgets.HBox([self.speed_label, self.speed]),
            widgets.HBox([self.play, self.one_step_button, self.reset_button, self.epoch_label]),
            self.summary, widgets.HBox([self.curves_image]),  # in a box: shown at its own size
            widgets.HBox([self.hidden_image, self.weights_image]),
            self.step_status, self.matrices])
        for name in ("stepsize", "seed"):  # browser_tests/'s hooks
            c[name].add_class(f"playground-{name}")
        for w, hook in ((self.summary, "summary"), (self.curves_image, "curves"), (self.hidden_image, "hidden"),
                        (self.weights_image, "weights"), (self.speed, "speed"), (self.epoch_label, "epoch"),
                        (self.play, "play"), (self.one_step_button, "one-step"), (self.reset_button, "reset"), (self.step_status, "step-status"),
                        (self.notice, "notice")):
            w.add_class(f"playground-{hook}")
        self.quiet = False  # True while the code itself moves the Play slider
        self.setting = s
        self.retrain()
        for control in self.controls.values():
            control.observe(self.retrain, names="value")
        self.play.observe(self.tick, names="value")
        self.speed.observe(self.set_speed, names="value")
        self.set_speed()
        self.play.observe(lambda change: self.redraw(), names="playing")  # paused or ended: the details again
        self.one_step_button.on_click(self.one_step)
        self.reset_button.on_click(self.reset)

    def __getattr__(self, name):  # pg.stepsize is pg.controls["stepsize"]
        controls = self.__dict__.get("controls", {})
        if name in controls:
            return controls[name]
        raise AttributeError(name)

    # --- what the controls do ---------------------------------------------------------------

    def retrain(self, change=None):
        """A control moved: train the whole run again and show its end. A value outside its
        range is put back to the last valid one (and the notice says so): nothing retrains."""
        values = {name: control.value for name, control in self.controls.items()}
        try:
            s = check_setting(**values)
        except ValueError as refused:
            kept = [name for name in self.controls if values[name] != self.setting[name]]
            for name in kept:  # back to the run shown: nothing retrains
                self.controls[name].value = self.setting[name]
            return self.say(f"⚠ {refused}: kept {', '.join(label(n, self.setting[n]) for n in kept)}")
        self.say("")
        if change is not None and s == self.setting:  # a value put back, as above
            return self.summary.value
        self.setting = s
        for name, value in s.items():
            if name in self.side_labels:
                self.side_labels[name].value = label(name, value)
            else:
                self.controls[name].description = label(name, value)
        W1, W2 = initial_weights(s["seed"], s["scale"], s["hidden"])
        self.trained = continue_run(s, W1, W2, s["epochs"])
        self.redraw()
        return self.summary.value

    def reset(self, button=None):
        """Back to the initial weights of the seed and scale: epoch 0, a fresh update rule."""
        s = self.setting
        W1, W2 = initial_weights(s["seed"], s["scale"], s["hidden"])
        self.trained = continue_run(s, W1, W2, 0)
        self.redraw()

    def say(self, text):
        """The notice under the controls: text, or hidden when text is empty."""
        self.notice.value = text
        self.notice.layout.display = None if text else "none"
        return text

    def one_step(self, button=None):
        """The "One step" button: one more epoch from where the run stands."""
        self.advance(self.trained.history.last_epoch + 1)

    def tick(self, change):
        """Play's timer moved its slider to epoch `new` (a frame): train on to that epoch, from
        the start again if it is behind the run (Play's stop button sets 0)."""
        if self.quiet:
            return
        epochs = self.setting["epochs"]
        target = change["new"] if change["new"] + self.per_frame() <= epochs else epochs  # the last frame: the end
        if target < self.trained.history.last_epoch:
            self.reset()
        self.advance(target)
        if target >= epochs:
            self.play.playing = False

    def set_speed(self, change=None):
        """The speed buttons: Play's frames move the run on by this many epochs."""
        self.play.step = self.per_frame()
        self.speed_label.value = f"Epochs per frame = {self.per_frame()}"

    def advance(self, target):
        """Train from where the run stands on to epoch `target` (no further once diverged)."""
        W1, W2, history, rule = self.trained
        if target > history.last_epoch and history.diverged_at is None:
            more = continue_run(self.setting, W1, W2, target - history.last_epoch, rule)
            self.trained = more._replace(history=history.then(more.history))
        self.redraw()

    def per_frame(self):
        """The epochs each frame of Play moves the run on by: the chosen speed."""
        return self.speed.value

    # --- showing where the run stands -------------------------------------------------------

    def redraw(self):
        """Redraw the three pictures, the summary, the epoch counter and the step details."""
        W1, W2, history, rule = self.trained
        s = self.setting
        X1, Y, _, _ = data.stairs(s["pixels"])
        fwd = forward_if_possible(X1, W1, W2, s["activation"])
        X2 = None if fwd is None else fwd.X2
        self.curves_image.value = self.curves.draw(history, s["epochs"])
        self.hidden_image.value = self.hidden_space.draw(X2, Y, W2)
        self.weights_image.value = self.hidden_weights.draw(W1)
        self.summary.value = summary(history)
        self.epoch_label.value = f"epoch {history.last_epoch}"
        self.quiet = True
        self.play.max = s["epochs"]
        self.play.value = min(history.last_epoch, s["epochs"])
        self.quiet = False
        if self.play.playing:  # the matrices wait for Pause: typeset 20 times a second, they slow the browser
            self.step_status.value = f"epoch {history.last_epoch}: playing; the matrices below wait for Pause"
        else:
            self.redraw_step_details(X1, Y, fwd)

    def redraw_step_details(self, X1, Y, fwd):
        """The weights, and the gradients that the next step will use (fwd: their forward pass)."""
        W1, W2, history, rule = self.trained
        try:
            grad = None if history.diverged_at is not None or fwd is None else nn.backward(X1, Y, W2, fwd)
        except ValueError:  # gradients too large to compute with
            grad = None
        if grad is None:
            self.step_status.value = (f"epoch {history.last_epoch}: training diverged (step size too large); "
                                      "press Reset")
            self.matrices.value = ""
            return
        moves = (f"{value_text(rule.stepsize)} x the gradients" if not getattr(rule, "beta", 0) else
                 f"{value_text(rule.stepsize)} x the velocity v := {value_text(rule.beta)} v + gradients")
        self.step_status.value = (f"epoch {history.last_epoch}: mean cross entropy {fmt(history.loss[-1])} on "
                                  f"the 400 training images; the next step subtracts {moves}")
        parts = [(W1, "W^1"), (grad.W1, r"\frac{\partial \overline{CE}}{\partial W^1}"),
                 (W2, "W^2"), (grad.W2, r"\frac{\partial \overline{CE}}{\partial W^2}")]
        tex = [show(M, name, decimals(M), max_rows=max(6, len(M)))._repr_latex_().strip("$") for M, name in parts]
        (n_in, h), k = W1.shape, W2.shape[1]
        shapes = (f"<p>{n_in - 1} pixels, {h} {self.setting['activation']} hidden node{'s' * (h > 1)}, {k} "
                  f"classes: $W^1$ is ${n_in} \\times {h}$ (a bias row and a row per pixel, a column per "
                  f"hidden node), $W^2$ is ${h + 1} \\times {k}$ (a bias row and a row per hidden node, a "
                  f"column per class).</p>")
        first = f"$${tex[0]} \\qquad {tex[1]}$$" if h <= 3 else f"$${tex[0]}$$ $${tex[1]}$$"  # wide: stacked
        self.matrices.value = f"{shapes}{first} $${tex[2]} \\qquad {tex[3]}$$"

    # --- how a notebook shows it --------------------------------------------------------------

    def _repr_mimebundle_(self, **kwargs):
        """The live widget, a picture of it for readers without a kernel, and a text summary."""
        bundle = self.widget._repr_mimebundle_(**kwargs)
        s, history = self.setting, self.trained.history
        pictures = [[bytes(self.curves_image.value)],  # as shown now, in the widget's rows
                    [bytes(self.hidden_image.value), bytes(self.weights_image.value)]]
        png = render.snapshot(pictures, SNAPSHOT_NOTE, settings_text(s), summary(history))
        bundle["image/png"] = base64.b64encode(png).decode("ascii")
        bundle["text/plain"] = f"Playground: {settings_text(s)}\n{summary(history)}"
        return bundle
