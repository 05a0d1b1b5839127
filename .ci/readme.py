"""Write README.md from nbs/00_index.ipynb: markdown cells as they are, code cells fenced, with their text outputs.

nbdev's own `nbdev-readme` renders through Quarto, which installs by downloading a binary and so cannot be
installed on machines without general network access; this does the same job for our simple index.
`python .ci/readme.py` writes README.md; `python .ci/readme.py --check` exits 1 if README.md is stale."""
import base64, json, re, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
HEADER = "<!-- Generated from nbs/00_index.ipynb by `python .ci/readme.py`: edit the notebook, not this file. -->"

LINK = re.compile(r"\]\((?!https?:|#|/)([^)\s]+)\)")

def repo_links(text) -> str:
    "Links written for the notebook (in nbs/) rewritten for the README (at the root): '../x' -> 'x', 'n.ipynb' -> 'nbs/n.ipynb'."
    def fix(m):
        target = m.group(1)
        if target.startswith("../"): return f"]({target[3:]})"
        if "/" not in target and target.endswith(".ipynb"): return f"](nbs/{target})"
        return m.group(0)
    return LINK.sub(fix, text)

def cell_text(c, images):
    "Markdown for one cell; PNG outputs are added to `images` as (file name, bytes) and linked."
    lines = "".join(c["source"]).splitlines()
    directives = [l[2:].split() for l in lines if l.startswith("#|")]
    if any(d and d[0] in ("hide", "default_exp") for d in directives): return None
    body = "\n".join(l for l in lines if not l.startswith("#|")).strip()
    if not body: return None
    if c["cell_type"] == "markdown": return repo_links(body)
    echo = not any(d[:2] == ["echo:", "false"] for d in directives)
    parts = [f"```python\n{body}\n```"] if echo else []
    for o in c.get("outputs", []):
        if o.get("name") == "stderr": continue  # progress bars and warnings are not part of the README
        md = o.get("data", {}).get("text/markdown")
        if md: parts.append(repo_links("".join(md).strip())); continue  # tables made by the notebook from committed results
        png = o.get("data", {}).get("image/png")
        if png:
            name = f"images/index_{len(images)}.png"
            images.append((name, base64.b64decode("".join(png)))); parts.append(f"![]({name})"); continue
        txt = "".join(o.get("text") or o.get("data", {}).get("text/plain") or [])
        if txt.strip(): parts.append(f"```\n{txt.rstrip()}\n```")
    return "\n\n".join(parts)

def readme():
    "README text, and the images it links: [(path, bytes)]."
    nb = json.loads((root / "nbs" / "00_index.ipynb").read_text(encoding="utf-8"))
    images = []
    cells = [t for t in (cell_text(c, images) for c in nb["cells"]) if t]
    return HEADER + "\n\n" + "\n\n".join(cells) + "\n", images

if __name__ == "__main__":
    (text, images), dest = readme(), root / "README.md"
    if "--check" in sys.argv[1:]:
        stale = [n for n, b in images if not (root / n).is_file() or (root / n).read_bytes() != b]
        if not dest.exists() or dest.read_bytes() != text.encode("utf-8") or stale:
            print("README.md or its images are stale: run `python .ci/readme.py` and commit them"); sys.exit(1)
        print("README.md matches nbs/00_index.ipynb")
    else:
        dest.write_bytes(text.encode("utf-8"))
        for n, b in images: (root / n).write_bytes(b)
        print(f"wrote {dest} and {len(images)} image(s)")
