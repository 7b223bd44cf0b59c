#!/bin/sh
# make test runs every notebook in notebooks/ (pytest collects them all). The series is the
# notebooks git tracks; any other notebook there, a scratch copy left by JupyterLab say, would
# be run too and fail with no hint, so this names it first. Run from the project's folder.
# Where git tracks no notebook here there is no series to compare with: outside a git checkout
# (no git, a copy without .git), or in a copy inside another clone (a handout made in the
# teacher's clone, say). Then it says nothing and make test goes on.
command -v git >/dev/null 2>&1 || exit 0
git rev-parse --is-inside-work-tree >/dev/null 2>&1 || exit 0
[ -n "$(git ls-files -- notebooks)" ] || exit 0
stray=$(git -c core.quotepath=off ls-files --others -- 'notebooks/*.ipynb' | grep -v '/\.')
[ -z "$stray" ] && exit 0
echo "$stray" | while IFS= read -r nb; do
    echo "make: $nb is not part of the series (git does not track it), and make test runs every notebook in notebooks/."
    echo "      Move it out of notebooks/ (a scratch copy), or add it to the series: git add '$nb'"
done
exit 1
