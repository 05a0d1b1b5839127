"""Each fast path of the course's DiffEdit, measured alone: the same work done both ways, alternated, medians and ratio.

    python benchmarks/fast_paths.py [--model sd-v1-4-random --device cuda] [--repeats 7]

1. the mask's n noises and both prompts in one UNet call, against one call per noise and prompt;
2. unconditional DDIM inversion (the paper's), against inversion guided at 7.5 (diffusers' default): twice the rows;
3. `torch.inference_mode` against `torch.no_grad` around a DDIM encoding;
4. channels-last memory format for the UNet, against the default (on a copy of the UNet);
5. scaled-dot-product attention (diffusers' default in PyTorch 2), against attention written out (`AttnProcessor`);
6. no intermediate decoding: a VAE decode of the latents at every step, as a callback that shows progress would do.
The largest difference of the results is printed for 1, 3, 4 and 5, so a fast path that changes the edit shows up.
"""
import argparse, copy, statistics, time

import torch

from diffedit_nbs.components import default_device, default_dtype, load_components, swap_unet
from diffedit_nbs.ddim import ddim_invert
from diffedit_nbs.diffedit import DEFAULT_ENCODE_RATIO
from diffedit_nbs.evaluation import benchmark_edits
from diffedit_nbs.mask import noise_difference
from diffedit_nbs.noise import strength_timesteps
from diffedit_nbs.shapes import draw_scene
from diffedit_nbs.text import encode_text
from diffedit_nbs.vae import decode_latents, encode_images, prepare_image
from diffusers import DDIMScheduler


def compare(name, a, b, repeats, sync):
    "Run a() and b() alternately `repeats` times after a warm-up; print medians and b/a."
    def timed(f):
        sync(); t0 = time.perf_counter(); out = f(); sync()
        return time.perf_counter() - t0, out
    ra, rb = timed(a)[1], timed(b)[1]
    ta, tb = [], []
    for i in range(repeats):
        for f, ts in ((a, ta), (b, tb)) if i % 2 == 0 else ((b, tb), (a, ta)): ts.append(timed(f)[0])
    ma, mb = statistics.median(ta), statistics.median(tb)
    print(f"{name:58} {ma * 1000:9.1f} ms {mb * 1000:9.1f} ms {ma / mb:7.2f}x")
    return ra, rb


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--model", default=None,
                   help="default: the embedded model; 'sd-v1-4-random': SD v1.4's architecture, random weights")
    p.add_argument("--device", default=None)
    p.add_argument("--repeats", type=int, default=7)
    p.add_argument("--steps", type=int, default=50)
    a = p.parse_args()
    device = default_device(a.device); dtype = default_dtype(device)
    c = load_components(a.model, device=device, dtype=dtype)
    sync = torch.cuda.synchronize if device.type == "cuda" else (lambda: None)
    e = benchmark_edits(1)[0]
    x0 = encode_images(c, [prepare_image(c, draw_scene(e.source))])                      # (1, C, h, w), scaled
    sched = DDIMScheduler.from_config(c.scheduler.config)
    ts = strength_timesteps(sched, a.steps, DEFAULT_ENCODE_RATIO)
    print(f"{c.name} on {device} ({str(dtype).replace('torch.', '')}), {x0.shape[-1] * c.vae_scale_factor} px, "
          f"{a.steps} steps, r = {DEFAULT_ENCODE_RATIO}; median of {a.repeats} alternated runs")
    print(f"{'':58} {'slow way':>12} {'fast way':>12} {'speed-up':>8}")

    seeded = lambda: torch.Generator().manual_seed(0)
    batched = lambda: noise_difference(c, x0, e.query, e.ref, generator=seeded())
    one_by_one = lambda: noise_difference(c, x0, e.query, e.ref, generator=seeded(), batch_size=1)
    slow, fast = compare("1. mask: 10 noises x 2 prompts, one call vs 20 calls", one_by_one, batched, a.repeats, sync)
    print(f"{'':58} max |difference| of the maps: {(slow - fast).abs().max().item():.1e}")

    guided = lambda: ddim_invert(c, x0, ts, prompt=e.ref, guidance_scale=7.5, scheduler=sched, progress=False)[-1]
    uncond = lambda: ddim_invert(c, x0, ts, scheduler=sched, progress=False)[-1]
    compare("2. DDIM inversion: guided 7.5 (2 rows/step) vs unconditional", guided, uncond, a.repeats, sync)

    invert = ddim_invert.__wrapped__                                                     # without its own grad-mode decorator
    def under(mode):
        def f():
            with mode(): return invert(c, x0, ts, scheduler=sched, progress=False)[-1]
        return f
    slow, fast = compare("3. DDIM inversion under no_grad vs inference_mode", under(torch.no_grad),
                         under(torch.inference_mode), a.repeats, sync)
    print(f"{'':58} max |difference|: {(slow - fast).abs().max().item():.1e}")

    unet = c.unet
    cl = copy.deepcopy(unet).to(memory_format=torch.channels_last)
    def with_unet(u):
        def f():
            with swap_unet(c, u): return ddim_invert(c, x0, ts, scheduler=sched, progress=False)[-1]
        return f
    slow, fast = compare("4. DDIM inversion, UNet contiguous vs channels-last", with_unet(unet), with_unet(cl), a.repeats, sync)
    print(f"{'':58} max |difference|: {(slow - fast).abs().max().item():.1e}")
    del cl

    from diffusers.models.attention_processor import AttnProcessor
    classic = copy.deepcopy(unet); classic.set_attn_processor(AttnProcessor())
    slow, fast = compare("5. DDIM inversion, attention by hand vs SDPA (the default)", with_unet(classic), with_unet(unet),
                         a.repeats, sync)
    print(f"{'':58} max |difference|: {(slow - fast).abs().max().item():.1e}")
    del classic

    preview = lambda step: decode_latents(c, step["latents"])
    previews = lambda: ddim_invert(c, x0, ts, scheduler=sched, progress=False, callback=preview)[-1]
    compare("6. DDIM inversion, decoding every step vs not", previews, uncond, a.repeats, sync)


if __name__ == "__main__":
    main()
