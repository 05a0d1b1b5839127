"""Seconds per training step of the UNet and text encoder, for architecture config sets side by side.

    python tools/train_cost.py tiny tiny-wide tiny-wide-attn16 [--steps 20] [--rounds 3] [--threads 2]

One step is `diffedit_nbs.train.unet_train_step`, what `train_unet` runs per step (loss, backward, clipping, AdamW, both EMA
updates) at the recipe's batch size, on random latents of the model's size with real version 2 captions. The sets
are timed in alternating rounds, so that a machine that slows down mid-run slows all of them alike; compare the
ratios, which is what a training budget needs (steps that fit = budget / seconds per step)."""
import argparse, copy, random, statistics, time

import torch

from diffedit_nbs.components import build_components, n_params
from diffedit_nbs.shapes import scenes
from diffedit_nbs.train import TrainConfig, caption_ids, training_scheduler, unet_train_step


def stepper(configs, cfg: TrainConfig):
    "A function that runs one training step of `configs`' UNet and text encoder, as `train_unet` does."
    c = build_components(configs, seed=0)
    unet, te, sched = c.unet.train().requires_grad_(True), c.text_encoder.train().requires_grad_(True), \
        training_scheduler(configs)
    params = [*unet.parameters(), *te.parameters()]
    opt = torch.optim.AdamW(params, lr=cfg.unet_lr, weight_decay=0.01)
    ema_unet, ema_te = copy.deepcopy(unet), copy.deepcopy(te)
    size = unet.config.sample_size
    captions = caption_ids(c.tokenizer, scenes(256, seed=12345, world=2))
    latents = torch.randn(256, unet.config.in_channels, size, size, generator=torch.Generator().manual_seed(0))
    state = dict(step=0)

    def step():
        g = torch.Generator().manual_seed(state["step"])
        unet_train_step(unet, te, sched, opt, ((ema_unet, unet), (ema_te, te)), latents, captions, cfg, g)
        state["step"] += 1
    return step, c


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("configs", nargs="+", help="config sets, e.g. tiny tiny-wide")
    p.add_argument("--steps", type=int, default=20, help="timed steps per set per round")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args(argv)
    if a.steps < 1 or a.rounds < 1: p.error("--steps and --rounds must be at least 1")
    torch.set_num_threads(a.threads)
    cfg = TrainConfig(world=2)
    steps = {}
    for name in a.configs:
        steps[name], c = stepper(name, cfg)
        print(f"{name}: UNet {n_params(c.unet) / 1e6:.2f} M, text encoder {n_params(c.text_encoder) / 1e6:.2f} M "
              f"parameters")
        for _ in range(3): steps[name]()                                  # warm-up
    times = {name: [] for name in a.configs}
    for r in range(a.rounds):
        for name in random.Random(r).sample(a.configs, len(a.configs)):
            t = time.perf_counter()
            for _ in range(a.steps): steps[name]()
            times[name].append((time.perf_counter() - t) / a.steps)
    base = statistics.median(times[a.configs[0]])
    print(f"\nseconds per step at batch {cfg.unet_batch}, {a.threads} threads (median of {a.rounds} rounds of "
          f"{a.steps} steps), torch {torch.__version__}")
    for name in a.configs:
        m = statistics.median(times[name])
        print(f"{name:>20}: {m:.3f} s/step ({m / base:.2f}x {a.configs[0]}), "
              f"rounds {', '.join(f'{t:.3f}' for t in times[name])}")


if __name__ == "__main__":
    main()
