"""What the `diffedit` command costs: `diffedit --help` (it must answer before PyTorch is imported), and N edits as N
single `diffedit` calls against one `diffedit --batch` call on a CSV of the same N edits, measured side by side in one
run; the batch's outputs are checked to be the single calls', pixel for pixel.

    python tools/cli_benchmark.py [--edits 20] [--json benchmarks/cli_cpu.json [--force]]

The edits are the first N of lesson 09's version 2 benchmark, at the command's defaults, on the embedded model."""
import argparse, csv, json, os, platform, shutil, statistics, subprocess, sys, tempfile, time
from pathlib import Path


def command():
    "The installed `diffedit` console script, else the module."
    exe = shutil.which("diffedit")
    return [exe] if exe else [sys.executable, "-m", "diffedit_nbs.cli"]


def timed(args, cwd):
    t0 = time.perf_counter()
    r = subprocess.run(command() + args, cwd=cwd, capture_output=True, text=True)
    if r.returncode != 0 and "--help" not in args: raise SystemExit(f"diffedit {' '.join(args)} failed:\n{r.stderr[-2000:]}")
    return time.perf_counter() - t0


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--edits", type=int, default=20, help="how many edits (default 20)")
    p.add_argument("--json", default=None, help="also write the figures to this file (refused if it exists, unless --force)")
    p.add_argument("--force", action="store_true")
    a = p.parse_args(argv)
    if a.edits < 1: p.error(f"--edits must be a positive integer, got {a.edits}")
    if a.json and Path(a.json).exists() and not a.force: p.error(f"--json {a.json!r} exists; pass --force to overwrite it")
    import numpy as np
    from PIL import Image
    from diffedit_nbs.evaluation import benchmark_edits
    from diffedit_nbs.shapes import draw_scene

    d = Path(tempfile.mkdtemp(prefix="cli-benchmark-"))
    edits = benchmark_edits(a.edits, world=2)
    with open(d / "edits.csv", "w", newline="") as f:
        w = csv.writer(f); w.writerow(["image", "query", "ref", "out"])
        for i, e in enumerate(edits):
            draw_scene(e.source).save(d / f"in{i}.png")
            w.writerow([f"in{i}.png", e.query, e.ref, f"batch{i}.png"])

    help_s = statistics.median(timed(["--help"], d) for _ in range(5))
    single = sum(timed([f"in{i}.png", "--query", e.query, "--ref", e.ref, "--out", f"single{i}.png", "--quiet"], d)
                 for i, e in enumerate(edits))
    batch = timed(["--batch", "edits.csv", "--quiet"], d)
    same = all(np.array_equal(np.asarray(Image.open(d / f"single{i}.png")), np.asarray(Image.open(d / f"batch{i}.png")))
               for i in range(len(edits)))
    res = dict(edits=len(edits), help_seconds=round(help_s, 3), single_calls_seconds=round(single, 2),
               batch_seconds=round(batch, 2), ratio=round(batch / single, 3), outputs_identical=same,
               machine=f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores",
               date=time.strftime("%Y-%m-%d"), command=" ".join(["python", "tools/cli_benchmark.py"] + (argv or sys.argv[1:])))
    print(f"diffedit --help: {help_s:.2f} s (median of 5; target under 1 s)")
    print(f"{len(edits)} edits: {len(edits)} single calls {single:.1f} s, one --batch call {batch:.1f} s, "
          f"ratio {batch / single:.2f} (target at most 0.35); outputs identical: {same}")
    if a.json: Path(a.json).write_text(json.dumps(res, indent=1) + "\n")
    shutil.rmtree(d)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
