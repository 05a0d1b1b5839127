"""Every exercise's solution is hidden wherever a learner may open the notebook: a Colab form (`#@title` on its first
line and `cellView: form`, which Colab shows folded), `jupyter.source_hidden` (JupyterLab) and the `hide-cell` tag
(the website). A notebook with an "Exercise" heading must have a solution cell."""
import json, re, sys
from pathlib import Path

NBS = Path(__file__).resolve().parent.parent / "nbs"


def solution_cells(nb) -> list:
    "The code cells that hold a solution: they define a `solution_...` function or say they are a solution."
    return [c for c in nb["cells"] if c["cell_type"] == "code"
            and re.search(r"^\s*(def solution_|#@title A solution|# A solution)", "".join(c["source"]), re.M)]


def problems(cell) -> list:
    src, meta = "".join(cell["source"]), cell.get("metadata", {})
    out = []
    if not src.startswith("#@title"): out.append("its first line is not a Colab form title (#@title ...)")
    if meta.get("cellView") != "form": out.append("no cellView: form (Colab shows the code)")
    if not meta.get("jupyter", {}).get("source_hidden"): out.append("not jupyter.source_hidden (JupyterLab shows it)")
    if "hide-cell" not in meta.get("tags", []): out.append("no hide-cell tag (the website shows it)")
    return out


def main() -> int:
    failed, checked = 0, 0
    for path in sorted(NBS.glob("*.ipynb")):
        nb = json.loads(path.read_text())
        cells = solution_cells(nb)
        has_exercise = any(c["cell_type"] == "markdown" and re.search(r"^#+ Exercise", "".join(c["source"]), re.M)
                           for c in nb["cells"])
        if has_exercise and not cells:
            print(f"FAIL {path.name}: an Exercise heading but no solution cell"); failed += 1
        for c in cells:
            checked += 1
            for p in problems(c):
                print(f"FAIL {path.name}: solution cell {''.join(c['source']).splitlines()[0][:60]!r}: {p}"); failed += 1
    print(f"{checked} solution cells checked: {'all hidden in Colab, JupyterLab and the website' if not failed else f'{failed} problems'}")
    return 1 if failed else 0


if __name__ == "__main__": sys.exit(main())
