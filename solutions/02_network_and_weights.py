"""Solutions to the exercises of notebook 02 (the network and its weights)."""

# 02.1: W1 has a row per input (6 pixels and the bias) and a column per hidden node; W2 a row
# per hidden node and the bias, and a column per class.
SOLUTIONS = {"02.1": lambda: [7, 3, 4, 4],
             "02.2": lambda: 5 * 2 + 3 * 2,  # W1 is 5 x 2, W2 is 3 x 2
             "02.3": lambda: "a"}

MISTAKES = {
    "02.1": {"bias rows missing": lambda: [6, 3, 3, 4], "transpose": lambda: [3, 7, 4, 4]},
    "02.2": {"bias missing": lambda: 4 * 2 + 2 * 2, "W1 only": lambda: 5 * 2, "W2 only": lambda: 3 * 2},
    "02.3": {"choice b": lambda: "b", "choice d": lambda: "d"},
}

if __name__ == "__main__":
    from solutions import run

    run(SOLUTIONS)
