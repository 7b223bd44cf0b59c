"""Build the static site of the series: `python site_src/build.py` (what `make site` runs).

1. Stage the sources in build/site-src/: a copy of each notebooks/*.ipynb (sorted by name,
   found anew at each build) and the landing page index.md, made from README.md: its
   introduction and its table of notebooks. Nothing else is copied, so solutions/ never
   reaches the site.
2. Run Sphinx with site_src/conf.py on them (a fresh build; no notebook is run), then move
   its output to site/.
"""

import argparse
import re
import shutil
import sys
import time
from pathlib import Path

from sphinx.cmd.build import build_main

HERE = Path(__file__).resolve().parent
NOTEBOOKS_HEADING = "## The notebooks"


def landing_page(readme, names):
    """index.md from the README's title, introduction and table of notebooks, with a toctree."""
    lines = readme.splitlines()
    if not lines or not lines[0].startswith("# "):
        sys.exit("site: README.md must start with a '# title' line")
    sections = [i for i, line in enumerate(lines) if line.startswith("## ")]
    intro = "\n".join(lines[1:sections[0] if sections else len(lines)]).strip()
    try:
        start = lines.index(NOTEBOOKS_HEADING) + 1
    except ValueError:
        sys.exit(f"site: README.md has no '{NOTEBOOKS_HEADING}' section")
    while start < len(lines) and not lines[start].startswith("|"):
        start += 1
    end = start
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    if end - start < 3:
        sys.exit(f"site: no table under '{NOTEBOOKS_HEADING}' in README.md")

    def link(match):  # `03_forward_pass` -> a link to its page, if that notebook exists
        name = match.group(1)
        return f"[`{name}`](notebooks/{name}.ipynb)" if name in names else match.group(0)

    table = [re.sub(r"^\| `([^`]+)`", link, line) for line in lines[start:end]]
    toctree = "\n".join(f"notebooks/{name}" for name in names)
    return f"""{lines[0]}

{intro}

## The notebooks

{chr(10).join(table)}

Each page shows a notebook as it was recorded, outputs included (nothing is run to make these
pages), with a link to download the notebook. To run the notebooks yourself, clone the
repository and run `make lab`: its README says more.

```{{toctree}}
:hidden:
:caption: Notebooks

{toctree}
```
"""


def stage(repo, src):
    """Copy the notebooks (and only them) and write index.md into src; returns the names."""
    notebooks = sorted((repo / "notebooks").glob("*.ipynb"))
    if not notebooks:
        sys.exit(f"site: no notebooks in {repo / 'notebooks'}")
    shutil.rmtree(src, ignore_errors=True)
    (src / "notebooks").mkdir(parents=True)
    for notebook in notebooks:
        shutil.copy2(notebook, src / "notebooks" / notebook.name)
    names = [notebook.stem for notebook in notebooks]
    readme = (repo / "README.md").read_text(encoding="utf-8")
    (src / "index.md").write_text(landing_page(readme, names), encoding="utf-8")
    return names


def build(repo, out, work):
    """Stage and build; returns Sphinx's exit code (warnings count as errors)."""
    names = stage(repo, work / "src")
    for old in (work / "doctrees", work / "html", out):
        shutil.rmtree(old, ignore_errors=True)
    # Into work/ first: MyST-NB writes a folder beside Sphinx's output folder.
    code = build_main(["-b", "html", "-q", "-W", "--keep-going", "-c", str(HERE),
                       "-d", str(work / "doctrees"), str(work / "src"), str(work / "html")])
    if code:
        print("site: build failed")
        return code
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(work / "html", out)
    print(f"site: {len(names)} notebooks -> {out}")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, default=HERE.parent, help="default: this repository")
    parser.add_argument("--out", type=Path, help="default: REPO/site")
    parser.add_argument("--work", type=Path, help="staging folder, default: REPO/build/site-src")
    args = parser.parse_args()
    repo = args.repo.resolve()
    t0 = time.monotonic()
    code = build(repo, (args.out or repo / "site").resolve(),
                 (args.work or repo / "build" / "site-src").resolve())
    print(f"site: built in {time.monotonic() - t0:.1f} s")
    return code


if __name__ == "__main__":
    sys.exit(main())
