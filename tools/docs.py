"""Prepare the course's website source from the committed notebooks: `python tools/docs.py SRC`.

Jupyter Book 1 (Sphinx, myst-nb) builds the site from SRC (`bash tools/docs.sh` runs both steps). The notebooks are
copied with their stored outputs (nothing is executed) and made ready for the web:
- nbdev's `#|` directive lines leave the code; cells nbdev hides (`#| hide`, `#| default_exp`) leave the page;
- a kernelspec is supplied, so that code is highlighted as Python (the committed notebooks carry none: nbdev-clean);
- each page says which notebook it is, keeps its Colab badge, and links the API page of the module it exports;
- links out of `nbs/` (`../benchmarks/README.md`) become links to the repository on GitHub;
- one API page per library module: its docstrings, and each parameter's comment (fastcore's docments).
The table of contents puts 00_index first (the home page), then the lessons in order, then the appendices."""
import json, re, shutil, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPO = "https://github.com/diffedit-nbs/diffedit_nbs"
KERNEL = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
          "language_info": {"name": "python", "pygments_lexer": "ipython3"}}
COLAB_BADGE = "https://colab.research.google.com/assets/colab-badge.svg"
LINK = re.compile(r"\]\((\.\./[^)\s]+)\)")


def lesson_number(stem) -> str:
    "'06_mask' -> '06', '09a_benchmark' -> '09a'."
    return stem.split("_", 1)[0]


LETTERED_LESSONS = ("00a", "13b", "13c")  # lessons whose number has a letter; the other lettered ones are appendices


def is_appendix(stem) -> bool:
    n = lesson_number(stem)
    return n[:2] >= "90" or (len(n) > 2 and n not in LETTERED_LESSONS)


def directives(source) -> list:
    return [l[2:].split() for l in source.splitlines() if l.startswith("#|")]


def module_of(nb) -> str:
    "The module a notebook exports (`#| default_exp X`), or None."
    for c in nb["cells"]:
        for d in directives("".join(c["source"])):
            if d and d[0] == "default_exp": return d[1]
    return None


def web_cell(c):
    "The cell as the page shows it, or None for a cell nbdev hides."
    src = "".join(c["source"])
    ds = directives(src)
    if any(d and d[0] in ("hide", "default_exp") for d in ds): return None
    if c["cell_type"] == "markdown":
        src = LINK.sub(lambda m: m.group(0) if m.group(1).startswith("../images/")
                       else f"]({REPO}/blob/main/{m.group(1)[3:]})", src)
        src = src.replace(COLAB_BADGE, "../_static/colab-badge.svg")       # the badge from the site, not from Google
        return {**c, "source": src}
    if c["cell_type"] != "code": return c
    body = "\n".join(l for l in src.splitlines() if not l.startswith("#|")).strip("\n")
    if not body and not c.get("outputs"): return None
    return {**c, "source": body}


def note_cell(stem, module) -> dict:
    api = f" It exports `diffedit_nbs.{module}`: [its API page](../api/{module}.md)." if module else ""
    text = (f"*This page is the notebook [`nbs/{stem}.ipynb`]({REPO}/blob/main/nbs/{stem}.ipynb), with the outputs of "
            f"its committed run.{api}*")
    return {"cell_type": "markdown", "id": "docs-note", "metadata": {}, "source": text}


def prepare_notebook(path, out) -> str:
    "Copy one notebook, ready for the web; returns the module it exports."
    nb = json.loads(path.read_text())
    module = module_of(nb)
    cells = [w for w in (web_cell(c) for c in nb["cells"]) if w is not None]
    # the note goes after the title and summary (and the Colab badge, where the notebook has one)
    at = next((i + 1 for i, c in enumerate(cells[:4]) if "colab-badge" in "".join(c["source"])), 1)
    cells.insert(at, note_cell(path.stem, module))
    nb.update(cells=cells, metadata={**nb.get("metadata", {}), **KERNEL})
    out.write_text(json.dumps(nb, indent=1))
    return module


def api_page(module) -> str:
    return (f"# `diffedit_nbs.{module}`\n\n```{{eval-rst}}\n.. automodule:: diffedit_nbs.{module}\n"
            f"   :members:\n   :undoc-members:\n```\n")


def main(src):
    src = Path(src)
    if src.exists(): shutil.rmtree(src)
    (src / "nbs").mkdir(parents=True); (src / "api").mkdir()
    notebooks = sorted((ROOT / "nbs").glob("*.ipynb"))
    modules = {}
    for p in notebooks:
        m = prepare_notebook(p, src / "nbs" / p.name)
        if m: modules[p.stem] = m
    for m in modules.values(): (src / "api" / f"{m}.md").write_text(api_page(m))
    (src / "api" / "index.md").write_text(
        "# The library's API\n\nOne page per module of `diffedit_nbs`, from its docstrings and the comment on each "
        "parameter; each is exported by the notebook named beside it.\n\n"
        + "\n".join(f"- [`diffedit_nbs.{m}`]({m}.md): notebook [{s}](../nbs/{s}.ipynb)" for s, m in modules.items())
        + "\n")
    lessons = [p.stem for p in notebooks if p.stem != "00_index" and not is_appendix(p.stem)]
    appendices = [p.stem for p in notebooks if is_appendix(p.stem)]
    toc = ["format: jb-book", "root: nbs/00_index", "parts:",
           "  - caption: Lessons", "    chapters:", *[f"      - file: nbs/{s}" for s in lessons],
           "  - caption: Appendices", "    chapters:", *[f"      - file: nbs/{s}" for s in appendices],
           "  - caption: API", "    chapters:", "      - file: api/index", "        sections:",
           *[f"          - file: api/{m}" for m in modules.values()]]
    (src / "_toc.yml").write_text("\n".join(toc) + "\n")
    shutil.copy(ROOT / "tools" / "docs" / "_config.yml", src / "_config.yml")
    shutil.copy(ROOT / "tools" / "docs" / "docments_ext.py", src / "docments_ext.py")
    import jupyter_server_mathjax                                       # MathJax 2, served from the site itself
    # outside _static: Jupyter Book loads every .js file in _static on every page; html_extra_path copies it as it is
    shutil.copytree(Path(jupyter_server_mathjax.__file__).parent / "static", src / "_site_extra" / "mathjax",
                    ignore=shutil.ignore_patterns("localization"))
    (src / "_static").mkdir(exist_ok=True)
    shutil.copy(ROOT / "tools" / "docs" / "colab-badge.svg", src / "_static" / "colab-badge.svg")
    shutil.copytree(ROOT / "images", src / "images")
    print(f"{src}: {len(notebooks)} notebooks (the index, {len(lessons)} lessons with the guide, {len(appendices)} appendices), "
          f"{len(modules)} API pages")


if __name__ == "__main__":
    if len(sys.argv) != 2: sys.exit("usage: python tools/docs.py SRC")
    main(sys.argv[1])
