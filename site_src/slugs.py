"""Heading anchors for the site, made the way JupyterLab makes them (a module of its own: Sphinx
keeps its settings by pickling, and a function defined in conf.py cannot be pickled)."""


def jupyterlab_slug(text):
    """ "## Notation" -> "Notation", "## What changed" -> "What-changed": spaces become "-"."""
    return text.strip().replace(" ", "-")
