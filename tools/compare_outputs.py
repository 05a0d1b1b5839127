"""Compare the outputs of two runs of the same notebooks, cell by cell: the text outputs, and every picture pixel by
pixel. For a change that should alter structure only: run each notebook with the old code and with the new on the same
machine (committed outputs may come from another machine, whose float rounding differs), then compare.

    python tools/compare_outputs.py [--position] OLD_DIR NEW_DIR 07_ddim 08_diffedit ...

Cells are matched by their source, so cells the change rewrote are counted apart (as "changed"), not compared; with
`--position`, the n-th code cell is compared with the n-th (for a change that rewrote cells but added none).
Lines that report a duration are ignored. Exit status 1 when a compared output differs."""
import base64, io, json, re, sys
from pathlib import Path

import numpy as np
from PIL import Image

TIMING = re.compile(r"\d+(\.\d+)? ?(s|ms|seconds)\b|ran in|it/s")


def outputs(cell):
    "(texts without their timing lines, pictures) of one code cell."
    texts, pictures = [], []
    for o in cell.get("outputs", []):
        text = "".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/plain", ""))
        texts += [line for line in text.splitlines() if not TIMING.search(line)]
        if "image/png" in o.get("data", {}): pictures.append(o["data"]["image/png"])
    return texts, pictures


def pixels(png):
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(png))).convert("RGB"))


def compare(old_nb, new_nb, position=False) -> tuple:
    "(cells compared, cells that differ, cells changed by the edit, pictures compared, pictures that differ)."
    code = lambda nb: [c for c in json.loads(Path(nb).read_text())["cells"] if c["cell_type"] == "code"]
    key = (lambda i, c: i) if position else (lambda i, c: "".join(c["source"]))
    cells = lambda nb: {key(i, c): outputs(c) for i, c in enumerate(code(nb))}
    old, new = cells(old_nb), cells(new_nb)
    if position and len(old) != len(new): raise SystemExit(f"{new_nb}: {len(new)} code cells, {len(old)} before")
    same_source = [s for s in new if s in old]
    differ = [s for s in same_source if old[s][0] != new[s][0]]
    pics = [(a, b) for s in same_source for a, b in zip(old[s][1], new[s][1])]
    bad = sum(1 for a, b in pics if a != b and not np.array_equal(pixels(a), pixels(b)))
    return len(same_source), len(differ), len(new) - len(same_source), len(pics), bad


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--position"]
    if len(args) < 3: sys.exit(__doc__)
    old_dir, new_dir, failed = Path(args[0]), Path(args[1]), False
    for name in args[2:]:
        n, d, changed, p, bad = compare(old_dir / f"{name}.ipynb", new_dir / f"{name}.ipynb", "--position" in sys.argv)
        failed |= bool(d or bad)
        print(f"{name}: {n} cells compared, {d} with other text; {changed} cells changed by the edit; "
              f"{p - bad} of {p} pictures identical, pixel for pixel")
    sys.exit(1 if failed else 0)
