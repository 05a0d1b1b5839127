"""Committed notebook outputs must read as a learner's would: no torchvision warning (PIL does the image work here),
no warning of an unused scheduler setting, no progress bar, no path of the machine that ran them. Exit 1 naming each notebook and cell that has one."""
import json, re, sys
from pathlib import Path

BAD = {"transformers' torchvision warning": re.compile(r"requires torchvision"),
       "a progress bar": re.compile(r"\d+it/s\]|\d+/\d+ \[\d\d:\d\d<"),
       "a path of the build machine": re.compile(r"(?<![\w.])/(?:work|tmp|home|root|opt|usr)/[\w.-]+"),
       "a profiler's log line": re.compile(r"USDT:.*ProfilerHandler"),
       "diffusers' warning of an unused config setting": re.compile(r"are not expected and will be ignored")}

def texts(output):
    "The text of one cell output, whatever its kind."
    if "text" in output: yield "".join(output["text"])
    for kind, value in output.get("data", {}).items():
        if kind.startswith("text/") or kind == "application/json": yield "".join(value) if isinstance(value, list) else str(value)
    if "traceback" in output: yield "\n".join(output["traceback"])

found = []
for nb in sorted(Path("nbs").glob("*.ipynb")):
    for i, cell in enumerate(json.loads(nb.read_text())["cells"]):
        for out in cell.get("outputs", []):
            for text in texts(out):
                for what, pattern in BAD.items():
                    m = pattern.search(text)
                    if m: found.append(f"{nb.name} cell {i}: {what}: {text[max(0, m.start() - 40):m.end() + 40]!r}")
print("\n".join(found) or "no warnings, progress bars or machine paths in the committed outputs")
sys.exit(1 if found else 0)
