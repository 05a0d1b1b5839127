#!/usr/bin/env bash
# Build the course's website into _docs/html from the committed notebooks and their stored outputs (nothing is
# executed, no network): Jupyter Book 1's configuration (Sphinx, myst-nb, sphinx-book-theme), warnings as errors.
#   pip install -e ".[docs]"; bash tools/docs.sh; then python -m http.server -d _docs/html and open its address
set -euo pipefail
cd "$(dirname "$0")/.."
python tools/docs.py _docs/src
# Jupyter Book writes the Sphinx configuration; Thebe (live code from a remote kernel, and a script that registers
# itself twice on every page) is left out: each lesson has its Colab badge instead
jupyter-book config sphinx _docs/src >/dev/null
python - <<'PY'
from pathlib import Path
conf = Path("_docs/src/conf.py")
conf.write_text("import os, sys\nsys.path.insert(0, os.path.dirname(__file__))  # docments_ext\n"
                + conf.read_text().replace("'sphinx_thebe', ", "")
                + "html_context = {**globals().get('html_context', {}), 'default_mode': 'light'}  # no 'invalid theme mode'\n")
PY
rm -rf _docs/html _docs/doctrees
python -m sphinx -W --keep-going -q -b html -d _docs/doctrees _docs/src _docs/html
rm -rf _docs/doctrees
echo "the site: _docs/html/index.html ($(du -sh _docs/html | cut -f1))"
