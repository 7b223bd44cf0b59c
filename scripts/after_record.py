"""What `make record` does to a notebook after executing it, so that the saved file is what a
reader without a running kernel should see, and re-recording an unchanged notebook changes nothing.

1. An output that carries both a live widget (whose view refers to a model that exists only while
   the kernel runs, under a new id at every run) and a recorded picture (image/png) keeps the
   picture and its text; the widgets' saved state goes too. GitHub, the static site and a
   JupyterLab without a kernel show the picture; running the cell shows the live widget again.
2. Consecutive pieces of one print (the kernel sometimes sends a line in two messages, at random)
   are joined into one output, as nbval joins them when it compares.

    .venv/bin/python scripts/after_record.py notebooks/*.ipynb
"""

import sys

import nbformat

WIDGET = "application/vnd.jupyter.widget-view+json"


def tidy(nb):
    """nb with the live widgets' references dropped where a picture stands in, and streams joined."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        outputs = []
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET in data and "image/png" in data:
                del data[WIDGET]
            previous = outputs[-1] if outputs else None
            if (output.output_type == "stream" and previous is not None and previous.output_type == "stream"
                    and previous.name == output.name):
                previous.text += output.text
            else:
                outputs.append(output)
        if cell.cell_type == "code":
            cell.outputs = outputs
    return nb


if __name__ == "__main__":
    for path in sys.argv[1:]:
        nbformat.write(tidy(nbformat.read(path, as_version=4)), path)
