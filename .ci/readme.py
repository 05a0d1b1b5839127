"""Write README.md from nbs/00_index.ipynb: markdown cells as they are, code cells fenced, with their text outputs.

nbdev's own `nbdev-readme` renders through Quarto, which installs by downloading a binary and so cannot be
installed on machines without general network access; this does the same job for our simple index.
`python .ci/readme.py` writes README.md; `python .ci/readme.py --check` exits 1 if README.md is stale."""
import json, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
HEADER = "<!-- Generated from nbs/00_index.ipynb by `python .ci/readme.py`: edit the notebook, not this file. -->"

def cell_text(c):
    lines = "".join(c["source"]).splitlines()
    directives = [l[2:].split() for l in lines if l.startswith("#|")]
    if any(d and d[0] in ("hide", "default_exp") for d in directives): return None
    body = "\n".join(l for l in lines if not l.startswith("#|")).strip()
    if not body: return None
    if c["cell_type"] == "markdown": return body
    parts = [f"```python\n{body}\n```"]
    for o in c.get("outputs", []):
        txt = "".join(o.get("text") or o.get("data", {}).get("text/plain") or [])
        if txt.strip(): parts.append(f"```\n{txt.rstrip()}\n```")
    return "\n\n".join(parts)

def readme() -> str:
    nb = json.loads((root / "nbs" / "00_index.ipynb").read_text(encoding="utf-8"))
    cells = [t for t in map(cell_text, nb["cells"]) if t]
    return HEADER + "\n\n" + "\n\n".join(cells) + "\n"

if __name__ == "__main__":
    text, dest = readme(), root / "README.md"
    if "--check" in sys.argv[1:]:
        if not dest.exists() or dest.read_text(encoding="utf-8") != text:
            print("README.md is stale: run `python .ci/readme.py` and commit it"); sys.exit(1)
        print("README.md matches nbs/00_index.ipynb")
    else: dest.write_text(text, encoding="utf-8"); print(f"wrote {dest}")
