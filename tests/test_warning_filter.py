"""pyproject.toml's filterwarnings: a warning from the project's own code (helpers, the tests,
the root conftest) fails the test that raised it, numpy's RuntimeWarnings in helpers too;
another package's deprecation warning is shown in pytest's summary, not an error (an old
matplotlib with today's pyparsing raises some at import: make test-lowest must still run).

Each case runs a line of code as if it were in the named module: warnings are attributed to
the module whose code called warnings.warn (or the numpy function that warned)."""

import warnings

import numpy as np
import pytest


def run_as(module, code):
    exec(compile(code, f"<{module}>", "exec"), {"__name__": module, "np": np, "warnings": warnings})


@pytest.mark.parametrize("module", ["helpers", "helpers.nn", "helpers.ui.plots", "tests.test_x", "test_x", "conftest"])
@pytest.mark.parametrize("category", [UserWarning, DeprecationWarning])
def test_a_warning_from_the_projects_own_code_is_an_error(module, category):
    with pytest.raises(category):
        run_as(module, f"warnings.warn('from {module}', {category.__name__})")


def test_numpys_runtime_warning_in_helpers_is_an_error():
    with pytest.raises(RuntimeWarning, match="divide by zero"), np.errstate(divide="warn"):
        run_as("helpers.nn", "np.log(np.zeros(1))")


@pytest.mark.parametrize("category", [DeprecationWarning, PendingDeprecationWarning])
def test_another_packages_deprecation_warning_is_shown_not_raised(category):
    with warnings.catch_warnings(record=True) as shown:  # keeps the filters, records what they show
        run_as("matplotlib._mathtext", f"warnings.warn('old name', {category.__name__})")
    assert [(w.category, str(w.message)) for w in shown] == [(category, "old name")]


def test_another_packages_other_warnings_are_still_errors():
    with pytest.raises(UserWarning):
        run_as("matplotlib.figure", "warnings.warn('something is wrong', UserWarning)")
