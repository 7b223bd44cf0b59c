"""Solutions to the notebooks' exercises (see README.md); `run` checks a file's answers."""


def run(solutions):
    """Check each solution with helpers.exercises and print the verdicts."""
    from helpers import exercises

    for exercise_id, solve in solutions.items():
        print(exercises.check(exercise_id, solve()).message)
