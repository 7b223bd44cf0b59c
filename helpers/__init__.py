"""Shared code for the notebook series on Ben Gorman's "Neural Networks - A Worked Example".

Read from the bottom up; each layer imports only the ones below it.

    ui/          display   matrices as the article shows them (LaTeX bmatrix, 5 decimals)
                 plots     2x2 images, the network drawing, curves (matplotlib)
                 playground  the sliders of notebook 09 (ipywidgets)
    exercises    the exercises' checker: compares an answer with the helpers' own result
    training     init_weights, train (a plain loop over nn and optim), evaluate, predict
    gradcheck    central differences and relative error: gradients checked without calculus
    optim        update rules: the article's gradient descent, and momentum
    nn           the equations: forward, softmax, cross entropy, backward (start here)
    prelude      the first networks of notebooks 00a and 00b: a neuron, a perceptron
    patterns     the four-pattern images of notebook 10
    data         the images and weights in data/, read and checked
    checks       one checker per kind of input, each raising a ValueError that says what is wrong

Everything below ui/ needs numpy alone.
"""
