"""Shared code for the notebook series on Ben Gorman's "Neural Networks - A Worked Example".

nn       the math: forward, backward, update, train (numpy only)
data     the stairs images, the article's sample and initial weights (numpy only)
display  matrices shown as the article shows them (LaTeX bmatrix, 5 decimals)
plots    2x2 images, the network drawing, curves (matplotlib)
"""
