"""A progress bar for training runs that take more than a moment (ipywidgets).

    trained = nn.train(..., progress=progress.bar(epochs))

nn.train calls its `progress` about 100 times a run with (epoch, loss). The bar appears in
the notebook only once the run has lasted `after` seconds, so quick runs show nothing and
slow ones (a slower machine, more epochs) show a bar and the latest loss, updated in place:
nothing is printed per epoch. A cell that trains with a bar may or may not show it, so
tag it `nbval-ignore-output` and check its numbers in a plain cell after it.
"""

import time

import ipywidgets as widgets
from IPython.display import display


class Bar:
    """A callable progress(epoch, loss) that draws a bar and the latest loss once the run
    has lasted `after` seconds. `widget` is None until then."""

    def __init__(self, epochs, label="training", after=1.0):
        if int(epochs) != epochs or epochs < 1:
            raise ValueError(f"epochs must be a whole number >= 1, got {epochs}")
        if not after >= 0:
            raise ValueError(f"after must be a number of seconds >= 0, got {after}")
        self.epochs, self.label, self.after = int(epochs), label, after
        self.start = time.perf_counter()
        self.widget = None

    def __call__(self, epoch, loss):
        if self.widget is None:
            if time.perf_counter() - self.start < self.after:
                return
            self.bar = widgets.IntProgress(min=0, max=self.epochs, description=self.label,
                                           style={"description_width": "initial"})
            self.text = widgets.Label()
            self.widget = widgets.HBox([self.bar, self.text])
            display(self.widget)
        self.bar.value = epoch + 1
        self.text.value = f"epoch {epoch + 1}/{self.epochs}, loss {loss:.5f}"


def bar(epochs, label="training", after=1.0):
    """A progress callback for nn.train(progress=...) over `epochs` epochs: a bar labelled
    `label` with the latest loss, shown once the run has lasted `after` seconds."""
    return Bar(epochs, label, after)
