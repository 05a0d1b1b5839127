"""Start a training workdir from a VAE that is already trained, so that an experiment on the UNet and text encoder
skips the VAE stage (about 19 of the recipe's minutes on the 2-core CPU).

    python tools/reuse_vae.py diffedit_nbs/data/embedded runs/cmp-tiny-wide --configs tiny-wide
    python -m diffedit_nbs.train --world 2 --configs tiny-wide --workdir runs/cmp-tiny-wide ... (as usual)

It writes `WORKDIR/vae.ckpt` as `diffedit_nbs.train.train_vae` would have left it after its last step (the model
folder's VAE weights, a fresh AdamW state, the step count of the recipe's VAE stage, 0 seconds), so `train` finds the
stage finished and goes on to encode the scenes with that VAE. For comparing UNet and text-encoder choices only: a
model trained this way is not the recipe's (its VAE came through float16 weights and another run's seed), and its
training log counts 0 s for the VAE. Refused when the folder's VAE config differs from the config set's, or when the
workdir already holds a VAE checkpoint."""
import argparse, json
from pathlib import Path

import torch
from diffusers import AutoencoderKL

from diffedit_nbs.components import build_components
from diffedit_nbs.train import TrainConfig, save_checkpoint

# config keys that do not change the VAE's architecture (measured after training)
_IGNORED = {"scaling_factor"}  # and diffusers' own bookkeeping keys, which start with "_"


def reuse_vae(model, workdir, configs="tiny", cfg: TrainConfig = None) -> Path:
    "Write `workdir`/vae.ckpt holding `model`'s VAE as the finished VAE stage of `cfg` (default: the recipe's)."
    cfg = cfg or TrainConfig(configs=configs)
    ckpt = Path(workdir) / "vae.ckpt"
    if ckpt.exists(): raise FileExistsError(f"{ckpt} exists; use another workdir or delete it")
    vae = AutoencoderKL.from_pretrained(Path(model) / "vae", torch_dtype=torch.float32)
    fresh = build_components(configs, seed=cfg.seed).vae
    a = {k: v for k, v in vae.config.items() if k not in _IGNORED and not k.startswith("_")}
    b = {k: v for k, v in fresh.config.items() if k not in _IGNORED and not k.startswith("_")}
    differ = sorted(k for k in a.keys() | b.keys() if json.dumps(a.get(k)) != json.dumps(b.get(k)))
    if differ: raise ValueError(f"{model}'s VAE differs from config set {configs!r} in {', '.join(differ)}")
    opt = torch.optim.AdamW(vae.parameters(), lr=cfg.vae_lr, weight_decay=0.0)
    save_checkpoint(ckpt, vae=vae.state_dict(), opt=opt.state_dict(), step=cfg.vae_crop_steps + cfg.vae_full_steps,
                    log=[], seconds=0.0, reused_from=str(model))
    return ckpt


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("model", help="a model folder in diffusers layout (its vae/ subfolder is used)")
    p.add_argument("workdir", help="the training workdir to start")
    p.add_argument("--configs", default="tiny", help="the config set the training run will use")
    p.add_argument("--vae-crop-steps", type=int, default=TrainConfig.vae_crop_steps)
    p.add_argument("--vae-full-steps", type=int, default=TrainConfig.vae_full_steps)
    a = p.parse_args(argv)
    cfg = TrainConfig(configs=a.configs, vae_crop_steps=a.vae_crop_steps, vae_full_steps=a.vae_full_steps)
    print("wrote", reuse_vae(a.model, a.workdir, a.configs, cfg))


if __name__ == "__main__": main()
