"""Run the course's lessons on a chosen model, device and dtype, and print a table of what passed.

    python tools/lessons.py                                   # every lesson that loads a model, the defaults
    python tools/lessons.py 01 02 03 --model sd-v1-4-random   # SD v1.4's architecture, random weights
    python tools/lessons.py 01 02 03 04 06 07 08 --dtype float16 --device cpu   # lessons 01-08 in float16 on the CPU
    python tools/lessons.py --device cuda --markdown benchmarks/lessons_gpu.md

Each lesson is executed top to bottom with papermill in a fresh kernel, in `nbs/` (as `nbdev-test` runs it), with
`MODEL`, `DEVICE` and `DTYPE` injected after the lesson's settings cell (the cell tagged `parameters`). The table
gives, per lesson: passed or failed (with the failing cell and its error), seconds, and on CUDA the peak memory that
PyTorch allocated (`torch.cuda.max_memory_allocated`). Exit status: 0 when all pass, 1 when any fails, 2 for bad
arguments. Not part of the library: it needs papermill (in the `dev` extras)."""
import argparse, json, os, platform, re, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NBS = ROOT / "nbs"
DTYPES = ("float32", "float16", "bfloat16")
DEVICES = ("cpu", "cuda", "mps")
PEAK = "__lessons_peak_memory__"
# Appended to each lesson: the kernel's own peak CUDA memory (the runner's process never touches the GPU).
PEAK_CELL = f"""import json, torch
print({PEAK!r}, json.dumps(torch.cuda.max_memory_allocated() if torch.cuda.is_available() else None))"""


def is_lesson(path) -> bool:
    "A lesson that loads a model: it has a cell tagged `parameters`."
    cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    return any("parameters" in c.get("metadata", {}).get("tags", []) for c in cells)


def all_lessons() -> list:
    return [p for p in sorted(NBS.glob("*.ipynb")) if is_lesson(p)]


def find_lesson(name) -> Path:
    "'01', '01_text', '01_text.ipynb' or a path -> the notebook; ValueError naming the choices otherwise."
    p = Path(name)
    if p.suffix == ".ipynb" and p.is_file(): found = [p.resolve()]
    else: found = [q for q in sorted(NBS.glob("*.ipynb")) if q.stem == p.stem or q.stem.split("_")[0] == p.stem]
    if len(found) != 1:
        raise ValueError(f"unknown lesson {name!r}; lessons that load a model: {' '.join(q.stem for q in all_lessons())}")
    if not is_lesson(found[0]): raise ValueError(f"{found[0].stem} has no cell tagged 'parameters': it takes no model setting")
    return found[0]


def check_device(device):
    "ValueError in words when `device` is unknown or not on this machine."
    if device is None: return
    if device not in DEVICES: raise ValueError(f"unknown device {device!r}; expected one of {', '.join(DEVICES)}")
    import torch
    if device == "cuda" and not torch.cuda.is_available():
        raise ValueError("--device cuda, but PyTorch sees no CUDA GPU on this machine "
                         f"(torch {torch.__version__}, built {'with' if torch.version.cuda else 'without'} CUDA)")
    if device == "mps" and not torch.backends.mps.is_available(): raise ValueError("--device mps, but MPS is not available here")


def _runnable(nb):
    "Drop the cells that `nbdev-test` skips (`#| eval: false`), so both run the same cells."
    nb.cells = [c for c in nb.cells if not (c.cell_type == "code" and "#| eval: false" in c.source)]
    return nb


def run_lesson(path, parameters, timeout=900, keep=None) -> dict:
    "Execute one lesson with papermill; its row of the table."
    import nbformat, papermill as pm
    nb = _runnable(nbformat.read(path, as_version=4))
    nb.cells.append(nbformat.v4.new_code_cell(PEAK_CELL))
    out = Path(keep) / path.name if keep else Path(tempfile.mkdtemp()) / path.name
    row = dict(lesson=path.stem, status="passed", error="", seconds=0.0, peak_gib=None)
    t0 = time.perf_counter()
    try:
        done = pm.execute_notebook(nb, str(out), parameters=parameters, cwd=str(NBS), kernel_name="python3", language="python",
                                   progress_bar=False, log_output=False, execution_timeout=timeout)
    except pm.PapermillExecutionError as e:
        evalue = " ".join(str(e.evalue).split())
        row.update(status="failed", error=f"cell {e.exec_count}: {e.ename}: {evalue[:200]}")
        # the table keeps one line per lesson; the traceback's last frames go to stderr, to find the line at fault
        tb = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(e.traceback or []))
        print(f"--- {path.stem}, cell {e.exec_count}:\n" + "\n".join(tb.splitlines()[-25:]), file=sys.stderr)
        done = None
    except Exception as e:  # a kernel that died, a timeout
        row.update(status="failed", error=f"{type(e).__name__}: {' '.join(str(e).split())[:200]}")
        done = None
    row["seconds"] = time.perf_counter() - t0
    if done is not None:
        for o in done.cells[-1].get("outputs", []):
            text = o.get("text", "")
            if PEAK in text: peak = json.loads(text.split(PEAK, 1)[1].strip().split()[0]); row["peak_gib"] = peak and peak / 2**30
    return row


def machine(device) -> str:
    import torch
    if device == "cuda": return f"{torch.cuda.get_device_name()} ({torch.cuda.get_device_properties(0).total_memory / 2**30:.0f} GiB)"
    try: cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
    except (OSError, StopIteration): cpu = platform.machine()
    return f"{cpu}, {os.cpu_count()} cores"


def _shown_args(argv) -> list:
    "The command's arguments without those that only say where its results go (--markdown, --keep, --force)."
    out, skip = [], False
    for a in argv:
        if skip: skip = False; continue
        if a in ("--markdown", "--keep"): skip = True; continue
        if a == "--force" or a.startswith(("--markdown=", "--keep=")): continue
        out.append(a)
    return out

def table(rows, args) -> str:
    import torch, diffusers, transformers
    device = args.device or ("cuda" if torch.cuda.is_available() else "cpu")
    shown = _shown_args(sys.argv[1:])
    head = (f"Lessons run with `python tools/lessons.py{' ' + ' '.join(shown) if shown else ''}` on "
            f"{machine(device)}, {time.strftime('%Y-%m-%d')}: MODEL={args.model!r}, DEVICE={args.device!r}, DTYPE={args.dtype!r}; "
            f"torch {torch.__version__}, diffusers {diffusers.__version__}, transformers {transformers.__version__}.\n")
    lines = ["| lesson | result | seconds | peak CUDA memory |", "|---|---|---:|---:|"]
    for r in rows:
        peak = "-" if r["peak_gib"] is None else f"{r['peak_gib']:.2f} GiB"
        result = r["status"] + (f": {r['error']}" if r["error"] else "")
        lines.append(f"| {r['lesson']} | {result.replace('|', '/')} | {r['seconds']:.0f} | {peak} |")
    passed = sum(r["status"] == "passed" for r in rows)
    return head + "\n" + "\n".join(lines) + f"\n\n{passed} of {len(rows)} passed.\n"


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python tools/lessons.py", description=__doc__.splitlines()[0])
    p.add_argument("lessons", nargs="*", help="e.g. 01 02_vae (default: every lesson that loads a model)")
    p.add_argument("--model", default=None, help="None: the embedded model; 'sd-v1-4-random'; a Hub id; a folder")
    p.add_argument("--device", default=None, help=f"one of {', '.join(DEVICES)} (default: CUDA if there is one, else the CPU)")
    p.add_argument("--dtype", default=None, help=f"one of {', '.join(DTYPES)} (default: float16 on CUDA, else float32)")
    p.add_argument("--timeout", type=int, default=900, help="seconds per cell")
    p.add_argument("--keep", default=None, help="a folder to keep the executed notebooks in")
    p.add_argument("--markdown", default=None, help="also write the table to this file (refused if it exists, unless --force)")
    p.add_argument("--force", action="store_true")
    a = p.parse_args(argv)
    try:
        lessons = [find_lesson(n) for n in a.lessons] if a.lessons else all_lessons()
        if a.dtype is not None and a.dtype not in DTYPES: raise ValueError(f"unknown dtype {a.dtype!r}; expected one of {', '.join(DTYPES)}")
        check_device(a.device)
        if a.markdown and Path(a.markdown).exists() and not a.force: raise ValueError(f"--markdown {a.markdown!r} exists; pass --force to overwrite it")
        if a.keep and not Path(a.keep).is_dir(): raise ValueError(f"--keep {a.keep!r} is not a folder")
    except ValueError as e:
        print(f"lessons: error: {e}", file=sys.stderr); return 2
    parameters = dict(MODEL=a.model, DEVICE=a.device, DTYPE=a.dtype)
    rows = []
    for path in lessons:
        rows.append(run_lesson(path, parameters, a.timeout, a.keep))
        r = rows[-1]
        print(f"{r['lesson']:22} {r['status']:7} {r['seconds']:6.0f} s  {r['error']}", flush=True)
    text = table(rows, a)
    print("\n" + text)
    if a.markdown: Path(a.markdown).write_text(text)
    return 0 if all(r["status"] == "passed" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
