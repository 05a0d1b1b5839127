"""Where an edit's time goes in `diffedit-app`: the same edits timed as `diffedit()`, as `Editor.edit` (the app's
function, nothing kept) and through the app's `edit` endpoint with gradio_client, alternating on the three example
images, at the library's defaults (threshold 0.5, encoding ratio, paste-back), all model calls on the main thread as
`diffedit-app` runs them; then Gradio's own round trip for an endpoint with the same inputs and outputs that does no
work; and why the app runs the model on its main thread: the same UNet calls timed on the main thread and on another.
Prints medians and ratios; with --json, writes them (and every run's seconds) to a file.

    python tools/app_profile.py [--rounds 5] [--json benchmarks/app_profile_cpu.json]
"""
import argparse, json, os, platform, statistics, threading, time

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def thread_cost(c, calls=50) -> dict:
    "Seconds for `calls` UNet calls (batch 2) on the main thread, on another thread, and on another with one torch thread."
    import torch
    u = c.unet
    x = torch.randn(2, u.config.in_channels, u.config.sample_size, u.config.sample_size)
    emb = torch.randn(2, 77, u.config.cross_attention_dim)
    def run(out, one_thread=False):
        if one_thread: torch.set_num_threads(1)                  # this thread only
        with torch.inference_mode():
            u(x, 500, encoder_hidden_states=emb)                   # warm-up
            t0 = time.perf_counter()
            for _ in range(calls): u(x, 500, encoder_hidden_states=emb)
        out.append(time.perf_counter() - t0)
    main, other, other1 = [], [], []
    run(main)
    for out, one in ((other, False), (other1, True)):
        t = threading.Thread(target=run, args=(out, one)); t.start(); t.join()
    return {"calls": calls, "main thread": main[0], "another thread": other[0],
            "another thread, one torch thread": other1[0]}


def main():
    a = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    a.add_argument("--rounds", type=int, default=5)
    a.add_argument("--port", type=int, default=7875)
    a.add_argument("--json", help="also write the medians and every run's seconds to this file")
    args = a.parse_args()
    if args.rounds < 1: a.error(f"--rounds must be at least 1, got {args.rounds}")
    if args.json and Path(args.json).exists(): a.error(f"--json {args.json!r} exists: remove it first")
    import gradio as gr
    from gradio_client import Client, handle_file
    from PIL import Image
    from diffedit_nbs.app import EXAMPLE_TEXTS, Editor, ModelThread, build_app
    from diffedit_nbs.components import load_components
    from diffedit_nbs.diffedit import diffedit
    from diffedit_nbs.settings import DEFAULT_ENCODE_RATIO

    c = load_components(); ed = Editor(c); mt = ModelThread()
    threads = thread_cost(c)
    print(f"{threads['calls']} UNet calls: main thread {threads['main thread']:.2f} s, another thread "
          f"{threads['another thread']:.2f} s, another thread with one torch thread "
          f"{threads['another thread, one torch thread']:.2f} s")
    demo = build_app(ed, mt)
    im = Image.open(ROOT / "images" / "red_circle_on_blue.png").convert("RGB")
    with demo:   # the same inputs and outputs as `edit`, no work: Gradio's own cost
        ins = [gr.Image(type="filepath", visible=False)] + [gr.Textbox(visible=False) for _ in range(2)] + \
              [gr.Number(visible=False) for _ in range(5)]
        gr.Button(visible=False).click(lambda *_: (im, im, im), ins, [gr.Image(type="pil", visible=False) for _ in range(3)],
                                       api_name="nothing")
    demo.queue(default_concurrency_limit=1).launch(server_name="127.0.0.1", server_port=args.port,
                                                   prevent_thread_lock=True, quiet=True)
    times = {"diffedit()": [], "Editor.edit": [], "app /edit": [], "app /nothing": []}

    def forget(): ed.cache.clear()

    def client_side():
        mt.serving.wait()
        client = Client(f"http://127.0.0.1:{args.port}/", verbose=False)
        names = list(EXAMPLE_TEXTS)
        for s in range(args.rounds + 1):                             # the first round warms up, not counted
            n = names[s % len(names)]; p = str(ROOT / "images" / n); q, r = EXAMPLE_TEXTS[n]
            runs = {"diffedit()": lambda: mt(diffedit, p, q, r, components=c, seed=s, progress=False),
                    "Editor.edit": lambda: mt(ed.edit, p, q, r, mask_threshold=0.5, encode_ratio=DEFAULT_ENCODE_RATIO,
                                                  guidance_scale=7.5, num_inference_steps=50, seed=s),
                    "app /edit": lambda: client.predict(handle_file(p), q, r, 0.5, DEFAULT_ENCODE_RATIO, 7.5, 50, s,
                                                        api_name="/edit"),
                    "app /nothing": lambda: client.predict(handle_file(p), q, r, 0.5, DEFAULT_ENCODE_RATIO, 7.5, 50, s,
                                                           api_name="/nothing")}
            for k, run in runs.items():
                forget(); t0 = time.perf_counter(); run(); dt = time.perf_counter() - t0
                if s: times[k].append(dt)
        forget()

    t = threading.Thread(target=client_side); t.start()
    mt.serve(until=lambda: not t.is_alive())
    demo.close()
    med = {k: statistics.median(v) for k, v in times.items()}
    for k, v in times.items(): print(f"{k:14s} median {med[k]:.3f} s  {[round(x, 3) for x in v]}")
    print(f"ratios to diffedit(): Editor.edit {med['Editor.edit'] / med['diffedit()']:.2f}, "
          f"app {med['app /edit'] / med['diffedit()']:.2f} (target <= 1.2); Gradio's own round trip "
          f"{med['app /nothing']:.3f} s = {med['app /nothing'] / med['diffedit()']:.2f} of an edit")
    if args.json:
        import torch
        Path(args.json).write_text(json.dumps(dict(
            median_s=med, runs_s=times, thread_cost_s=threads, rounds=args.rounds, model=c.name, settings="threshold 0.5, r = "
            f"{DEFAULT_ENCODE_RATIO}, guidance 7.5, 50 steps, paste-back on (the defaults)", date=time.strftime("%Y-%m-%d"),
            machine=f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, {torch.get_num_threads()} torch threads",
            command="python tools/app_profile.py --rounds %d --json %s" % (args.rounds, args.json)), indent=1) + "\n")


if __name__ == "__main__": main()
