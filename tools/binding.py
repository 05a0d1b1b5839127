"""Where two-object captions go wrong: a breakdown of the `prompt_both_colours` bar of model v2, for models side by side.

    python tools/binding.py embedded runs/cmp-tiny-wide-model [--n 100] [--steps 50]

For `n` held-out two-object captions (seeded, balanced over solid, striped and checkered backgrounds), each model
draws one image per caption through diffusers' `StableDiffusionPipeline` (the quality command's `generate`, same seed),
and the judge reads it (touching objects of two colours as two: `read_scene(..., split_touching=True)`, as the
quality command reads them). Printed per model, as shares of the captions:

- `two read`: the judge finds two objects (not one, not none);
- `colour set`: the two colours read are the caption's two, in either order: the quality bar `prompt_both_colours`;
- `in order`: ... and in the caption's order (left edge, then top), reported as `prompt_both_colours_in_order`;
- `reversed`: the caption's two colours, swapped;
- `shapes in order`: both shapes right, in order;
- `background`: kind and colours right.

A model that binds nothing gets `in order` about as often as `reversed`; one that binds colours to places does not."""
import argparse, random, time

import numpy as np

from diffedit_nbs.components import load_components
from diffedit_nbs.quality import colours_read, generate
from diffedit_nbs.shapes import BACKGROUNDS, HELDOUT_SEED, random_scene_v2, read_scene


def two_object_captions(n, seed=HELDOUT_SEED + 7):
    "`n` held-out two-object scenes, the background kinds in turn (balanced), the same for the same `seed`."
    rng = random.Random(seed)
    return [random_scene_v2(rng, pattern=BACKGROUNDS[i % len(BACKGROUNDS)], n_objects=2) for i in range(n)]


def breakdown(images, targets) -> dict:
    "The shares described in the module's docstring."
    rows = []
    for im, s in zip(images, targets):
        r = read_scene(im, split_touching=True)
        colour_set, in_order = colours_read(r, s)
        got, want = [o.colour for o in r.objects], [o.colour for o in s.objects]
        rows.append(dict(two_read=len(r.objects) == 2, colour_set=colour_set, in_order=in_order,
                         reversed=len(got) == 2 and got == want[::-1],
                         shapes_in_order=[o.shape for o in r.objects] == [o.shape for o in s.objects],
                         background=(r.pattern, r.background, r.background2) == (s.pattern, s.background,
                                                                                   s.background2)))
    return {k: float(np.mean([row[k] for row in rows])) for k in rows[0]}


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("models", nargs="+", help="model folders in diffusers layout")
    p.add_argument("--n", type=int, default=100, help="two-object captions")
    p.add_argument("--steps", type=int, default=50, help="DDIM steps")
    p.add_argument("--guidance", type=float, default=7.5)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args(argv)
    if a.n < 1: p.error(f"--n must be at least 1, got {a.n}")
    targets = two_object_captions(a.n)
    captions = [s.caption() for s in targets]
    print(f"{a.n} two-object captions, {a.steps} DDIM steps, guidance {a.guidance}, seed {a.seed}")
    print(f"{'model':40s} " + " ".join(f"{k:>15s}" for k in ("two read", "colour set", "in order", "reversed",
                                                               "shapes in order", "background")) + "  seconds")
    for m in a.models:
        t0 = time.perf_counter()
        c = load_components(m, device="cpu")
        b = breakdown(generate(c, captions, a.steps, a.guidance, a.seed), targets)
        print(f"{m:40s} " + " ".join(f"{v:15.2f}" for v in b.values()) + f"  {time.perf_counter() - t0:7.0f}")


if __name__ == "__main__": main()
