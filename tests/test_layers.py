"""helpers/ is built in layers: each module imports only modules of the layers below its own
(and, in a package layer such as ui/, the other modules of its package). Read from the
imports themselves (ast), every import in every module, at the top or inside a function."""

import ast
from pathlib import Path

import pytest

HELPERS = Path(__file__).resolve().parent.parent / "helpers"

# Bottom up, the one table of the layers (helpers/__init__.py's docstring draws it top down).
LAYERS = ["checks", "data", "patterns", "nn", "prelude", "optim", "gradcheck", "autograd", "training", "landscape", "exercises", "ui"]


def module_name(path):
    """helpers/ui/plots.py -> helpers.ui.plots; helpers/exercises/__init__.py -> helpers.exercises."""
    parts = path.relative_to(HELPERS.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_module(name):
    path = HELPERS.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imported(source, package):
    """The helpers modules that Python source, in package, imports (`from helpers import nn` -> helpers.nn)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # from . import x, from .engine import y
                parts = package.split(".")
                base = ".".join(parts[:len(parts) - node.level + 1] + ([base] if base else []))
            for alias in node.names:
                names.add(f"{base}.{alias.name}" if is_module(f"{base}.{alias.name}") else base)
    return {name for name in names if name == "helpers" or name.startswith("helpers.")}


def layer(name):
    """The layer of a module: helpers.ui.render -> 'ui'."""
    return name.split(".")[1]


def wrong_imports(name, is_package, imports):
    """The imports of module `name` that are not below its layer (nor in its own package layer)."""
    package = name if is_package else name.rpartition(".")[0]
    own = LAYERS.index(layer(name))
    return sorted(other for other in imports
                  if other == "helpers" or (LAYERS.index(layer(other)) >= own
                                            and not (package != "helpers" and (other + ".").startswith(package + "."))))


FILES = sorted(p for p in HELPERS.rglob("*.py") if "__pycache__" not in p.parts)


def imports_of(path):
    name = module_name(path)
    return imported(path.read_text(), name if path.name == "__init__.py" else name.rpartition(".")[0])


def test_every_module_has_a_layer():
    assert {layer(module_name(p)) for p in FILES if p != HELPERS / "__init__.py"} == set(LAYERS)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(HELPERS)))
def test_imports_only_lower_layers(path):
    name = module_name(path)
    if name == "helpers":  # the package's docstring: it imports nothing, so `import helpers.nn` stays light
        assert not imports_of(path)
        return
    wrong = wrong_imports(name, path.name == "__init__.py", imports_of(path))
    assert not wrong, f"{name} (layer {layer(name)}) imports {wrong}: a layer imports only the layers below it"


def test_the_rule_can_fail():
    assert imported("from helpers import training, checks\nimport helpers.ui.plots\n", "helpers") == {
        "helpers.training", "helpers.checks", "helpers.ui.plots"}
    assert wrong_imports("helpers.nn", False, {"helpers.training", "helpers.checks", "helpers.nn"}) == [
        "helpers.nn", "helpers.training"]
    assert wrong_imports("helpers.nn", False, {"helpers.prelude"}) == ["helpers.prelude"]  # prelude sits above nn
    assert wrong_imports("helpers.ui.plots", False, {"helpers.ui.display", "helpers.exercises"}) == []
    assert wrong_imports("helpers.exercises.nb03", False, {"helpers.exercises", "helpers.ui.display"}) == [
        "helpers.ui.display"]


def test_the_docstring_draws_the_same_layers():
    """helpers/__init__.py lists the layers top down, prelude above nn."""
    doc = ast.get_docstring(ast.parse((HELPERS / "__init__.py").read_text()))
    order = [line.split()[0].rstrip("/") for line in doc.splitlines()
             if line.startswith("    ") and line.split()[0].rstrip("/") in LAYERS]
    assert order == LAYERS[::-1]
