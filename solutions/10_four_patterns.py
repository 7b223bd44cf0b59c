"""Solutions to the exercises of notebook 10 (four patterns)."""

SOLUTIONS = {"10.1": lambda: 5 * 6 + 7 * 4,  # W1 is 5 x 6, W2 is 7 x 4
             "10.2": lambda: "a"}

MISTAKES = {
    "10.1": {"bias missing": lambda: 4 * 6 + 6 * 4, "W1 only": lambda: 5 * 6, "W2 only": lambda: 7 * 4},
    "10.2": {"choice b": lambda: "b", "choice d": lambda: "d"},
}

if __name__ == "__main__":
    from solutions import run

    run(SOLUTIONS)
