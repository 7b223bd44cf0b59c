"""Shared code for the notebook series on Ben Gorman's "Neural Networks - A Worked Example".

nn          the math: forward, backward, update, train (numpy only)
data        the stairs images, the article's sample and initial weights (numpy only)
patterns    the four-pattern images: stairs, floor, ceiling, something else (numpy only)
prelude     the first networks: one neuron, the perceptron rule, "hello world" (numpy only)
display     matrices shown as the article shows them (LaTeX bmatrix, 5 decimals)
plots       2x2 images, the network drawing, curves (matplotlib)
progress    a progress bar for runs longer than a second (ipywidgets)
playground  the sliders: retrain and redraw (ipywidgets)
"""
