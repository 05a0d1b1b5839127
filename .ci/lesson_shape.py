"""The core lessons (01 to 08), and lessons 14 and 15, keep the lesson's shape and its length: a picture within the first ten cells, an
Exercise, a Summary and a Going deeper section, and at most 1,300 words of prose before Going deeper. Prose is the
markdown cells' text; code cells, fenced blocks (diagrams), display math, table rows and link targets do not count.
Prints each lesson's count, so that a lesson that grows shows before it passes the cap."""
import json, re, sys
from pathlib import Path

NBS = Path(__file__).resolve().parent.parent / "nbs"
CAP, PICTURE_BY = 1300, 10


def prose_words(text) -> int:
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    text = re.sub(r"\$\$.*?\$\$", "", text, flags=re.S)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    lines = [l for l in text.splitlines() if not l.lstrip().startswith("|")]
    return sum(1 for l in lines for t in l.split() if re.search(r"[A-Za-z0-9]", t))


def shape(nb) -> dict:
    words, first_picture, headings = 0, None, []
    for i, c in enumerate(nb["cells"]):
        src = "".join(c["source"])
        if c["cell_type"] == "markdown":
            if not any(h.startswith("## Going deeper") for h in headings):
                words += prose_words(src.split("## Going deeper")[0])
            headings += [l for l in src.splitlines() if l.startswith("#")]
        elif first_picture is None and any("image/png" in o.get("data", {}) for o in c.get("outputs", [])):
            first_picture = i
    has = lambda word: any(word in h for h in headings if h.startswith("## "))
    return dict(words=words, first_picture=first_picture, exercise=has("Exercise"), summary=has("Summary"),
                deeper=has("Going deeper"))


def main() -> int:
    failed = 0
    print(f"{'lesson':<26}{'words':>6}  first picture  exercise  summary  going deeper")
    for path in sorted([*NBS.glob("0[1-8]_*.ipynb"), *NBS.glob("1[45]_*.ipynb")]):
        s = shape(json.loads(path.read_text()))
        bad = [f"{s['words']} words of prose before Going deeper (at most {CAP})"] if s["words"] > CAP else []
        if s["first_picture"] is None or s["first_picture"] >= PICTURE_BY:
            bad.append(f"no picture within the first {PICTURE_BY} cells (first: cell {s['first_picture']})")
        bad += [f"no '## {k}' section" for k, v in (("Exercise", s["exercise"]), ("Summary", s["summary"]),
                                                    ("Going deeper", s["deeper"])) if not v]
        print(f"{path.stem:<26}{s['words']:>6}  {str(s['first_picture']):>13}  {str(s['exercise']):>8}  "
              f"{str(s['summary']):>7}  {str(s['deeper']):>12}")
        for b in bad: print(f"  FAILED {path.name}: {b}")
        failed += bool(bad)
    print(f"{failed} core lesson(s) out of shape" if failed else "all core lessons in shape")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
