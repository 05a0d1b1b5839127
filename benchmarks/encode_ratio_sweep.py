"""A first sweep of DiffEdit's encoding ratio r on the embedded model (lesson 09 will measure the full trade-off).

For colour edits of held-out shapes scenes (ref = the scene's caption, query = the same caption with another object
colour), at each r: the share of edits whose result reads back (with `read_scene`, independent of the model) as the
query's scene (object colour, shape and background), and the PSNR of the background outside the dilated true mask.

    python benchmarks/encode_ratio_sweep.py [--scenes 40] [--ratios 0.3 0.4 0.5 0.6 0.7 0.8 0.9]
"""
import argparse, random, time

import numpy as np
import torch
from scipy import ndimage

from diffedit_nbs.components import load_components
from diffedit_nbs.diffedit import diffedit
from diffedit_nbs.shapes import COLOURS, HELDOUT_SEED, draw_scene, object_mask, read_scene, scenes


def background_psnr(a, b, keep):
    a, b = np.asarray(a, dtype=np.float32) / 255, np.asarray(b, dtype=np.float32) / 255
    mse = float(((a - b) ** 2)[keep].mean())
    return float("inf") if mse == 0 else 10 * np.log10(1 / mse)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--scenes", type=int, default=40)
    p.add_argument("--ratios", type=float, nargs="+", default=[0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])
    a = p.parse_args()
    torch.set_num_threads(2)
    c = load_components(device="cpu")
    rng = random.Random(0)
    edits = [(s, s.edit(colour=rng.choice([k for k in COLOURS if k not in (s.colour, s.background)])))
             for s in scenes(a.scenes, seed=HELDOUT_SEED + 4)]
    print(f"{len(edits)} colour edits, model {c.name!r}, 50 DDIM steps, guidance 7.5")
    print(f"{'r':>5} {'success':>8} {'bg PSNR dB':>11} {'s/edit':>7}")
    for r in a.ratios:
        ok, psnrs, t0 = 0, [], time.perf_counter()
        for s, target in edits:
            res = diffedit(draw_scene(s), target.caption(), ref=s.caption(), components=c, encode_ratio=r, progress=False)
            got = read_scene(res.image)
            ok += (got.colour, got.shape, got.background) == (target.colour, target.shape, target.background)
            keep = ~ndimage.binary_dilation(object_mask(s), iterations=2)
            psnrs.append(background_psnr(res.image, draw_scene(s), keep))
        print(f"{r:5.2f} {ok / len(edits):8.0%} {np.mean(psnrs):11.1f} {(time.perf_counter() - t0) / len(edits):7.2f}")


if __name__ == "__main__":
    main()
