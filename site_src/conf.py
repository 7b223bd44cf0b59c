"""Sphinx configuration of the static site; site_src/build.py stages the sources and runs it.

Tool: Sphinx with MyST-NB and sphinx-book-theme. All three install with pip alone
(no Node.js), are actively maintained (MyST-NB and the book theme by the Executable Books
project, the engine of Jupyter Book 1), render the recorded outputs without executing anything
and let us choose which output format wins; the theme gives the sidebar, the page contents and
the previous / next links.
"""

import json
import sys
from pathlib import Path

from docutils import nodes

project = "Neural networks, a worked example"
html_title = project

extensions = ["myst_nb", "sphinx.ext.mathjax", "sphinx-mathjax-offline", "sphinx.ext.githubpages"]
# sphinx-mathjax-offline copies MathJax into _static/mathjax/ and points mathjax_path there;
# githubpages writes .nojekyll, so GitHub Pages serves the _static/ and _images/ folders.

exclude_patterns = ["solutions", "**/solutions", "**/.ipynb_checkpoints"]  # never published

myst_enable_extensions = ["dollarmath", "amsmath"]  # $...$, $$...$$, \begin{aligned} in prose

# Headings get anchors as JupyterLab makes them ("## Notation" -> #Notation), so links between
# notebooks, such as 02_network_and_weights.ipynb#Notation, work on the site too (slugs.py).
sys.path.insert(0, str(Path(__file__).resolve().parent))
myst_heading_anchors = 3
myst_heading_slug_func = "slugs.jupyterlab_slug"

nb_execution_mode = "off"  # pages show the outputs recorded in the notebooks
nb_render_markdown_format = "myst"  # Markdown outputs, if any, with their math (the notebooks print none)
# A widget view needs a kernel, or the widgets' JavaScript from a CDN: never use it. The next
# format in the bundle is shown instead: image/png before text/plain (MyST-NB's order).
nb_mime_priority_overrides = [("html", "application/vnd.jupyter.widget-view+json", None)]
nb_ipywidgets_js = {}  # and load no widget JavaScript (MyST-NB's default comes from a CDN)

html_theme = "sphinx_book_theme"
html_theme_options = {
    "home_page_in_toc": True,
    "use_download_button": True,  # the page's .ipynb (copied to _sources/) and print-to-PDF
    "show_toc_level": 2,
    "navbar_persistent": [],  # else pydata-sphinx-theme >= 0.20 adds a top bar with a 2nd search box
    "footer_content_items": ["extra-footer.html"],  # no "By Author name not set"
    "extra_footer": "Math rendered by MathJax (Apache License 2.0), served from this site.",
}
html_context = {"default_mode": "light"}  # unset, the theme logs a console error on a first visit
html_static_path = ["static"]  # site_src/static/, next to this file
html_css_files = ["series.css"]  # code cells sized to fit their 79-character lines
html_copy_source = True      # the notebooks themselves, for download
html_sourcelink_suffix = ""  # as .ipynb, not .ipynb.txt


def notebook_note(app, doctree):
    """Under each notebook page's title: where its notebook is, and how to run it live."""
    docname = app.env.docname
    path = Path(app.env.doc2path(docname))
    if path.suffix != ".ipynb":
        return
    depth = docname.count("/")
    download = "../" * depth + f"_sources/{docname}.ipynb"
    note = nodes.note()
    para = nodes.paragraph()
    para += nodes.Text("The notebook ")
    para += nodes.literal(text=f"{docname}.ipynb")
    para += nodes.Text(" of the repository, with the outputs recorded when it last ran. ")
    para += nodes.reference("", f"Download {path.name}", refuri=download,
                            classes=["notebook-download"])
    para += nodes.Text(".")
    note += para
    notebook = json.loads(path.read_text(encoding="utf-8"))
    if any("application/vnd.jupyter.widget-view+json" in output.get("data", {})
           for cell in notebook["cells"] for output in cell.get("outputs", [])) or any(
           "ipywidgets" in "".join(cell["source"]) or "helpers.ui import playground" in "".join(cell["source"])
           for cell in notebook["cells"] if cell["cell_type"] == "code"):  # live widgets, recorded as a picture
        live = nodes.paragraph(classes=["run-live"])
        live += nodes.Text("Its sliders and buttons need a running Python kernel, so this page "
                           "shows what was recorded. To use them live, in a copy of the "
                           "repository run ")
        live += nodes.literal(text="make lab")
        live += nodes.Text(", then open ")
        live += nodes.literal(text=path.name)
        live += nodes.Text(" in JupyterLab.")
        note += live
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        doctree.insert(0, note)
    else:
        section.insert(1, note)  # after the title


def setup(app):
    app.connect("doctree-read", notebook_note)
