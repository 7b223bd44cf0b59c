"""Shared code for the notebook series on Ben Gorman's "Neural Networks - A Worked Example".

Read from the bottom up; each layer imports only the ones below it (tests/test_layers.py
checks the imports against this order).

    ui/          display   matrices as the article shows them (LaTeX bmatrix, 5 decimals)
                 plots     2x2 images, the network drawing, curves (matplotlib)
                 render    the playground's two pictures, redrawn fast (blitting, PNG)
                 playground  the sliders of notebook 09 (ipywidgets)
    exercises/   the exercises' checker and, one module per notebook, its questions
    landscape    the loss on a plane through weight space, and a run's path on it (08a)
    training     init_weights, train (a plain loop over nn and optim), evaluate, predict
    autograd     a scalar Value that backpropagates itself, after micrograd (notebook 05)
    gradcheck    central differences and relative error: gradients checked without calculus
    optim        update rules: the article's gradient descent, and momentum
    prelude      the first networks of notebooks 00a and 00b: a neuron, a perceptron
    nn           the equations: forward, softmax, cross entropy, backward (start here)
    patterns     the four-pattern images of notebook 10
    data         the images and weights in data/, read and checked
    checks       one checker per kind of input, each raising a ValueError that says what is
                 wrong, and @checked, which checks a function's inputs once at its boundary

Everything below ui/ needs numpy alone.
"""
