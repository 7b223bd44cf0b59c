"""pytest set-up shared by tests/ and notebooks/: nbval's sanitize file, found from any folder,
and no progress bars in the kernels nbval starts (they inherit this environment)."""

import os
from pathlib import Path


def pytest_configure(config):
    os.environ["HELPERS_PROGRESS"] = "off"
    if hasattr(config.option, "nbval_sanitize_with") and not config.option.nbval_sanitize_with:
        config.option.nbval_sanitize_with = str(Path(__file__).with_name("nbval_sanitize.cfg"))
