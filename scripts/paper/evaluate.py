"""Scores a hyla4j fuzzy-logic checkpoint with the paper's own code: the weights loaded into the paper's Flax model,
evaluated on the paper's evaluation sets with its R² (hyla/loss.py), for the run's seed and options. For a run under
split jax these are the paper code's sets for the same seed; it prints the paper's numbers beside the ones hyla4j
logged at that step.

    scripts/paper/run evaluate.py RUN_DIR [--step N]      (default: every kept checkpoint at an evaluation step)
"""
import argparse
import json
import os
import struct
import sys

import jax
import numpy as np

import parity
from configs.logic import get_config
from hyla.data import logic as logic_data
from hyla.experiment import Experiment, ExperimentState
from hyla.loss import FuzzyLogicLoss
from hyla.models.transformer import CausalTransformer, TransformerConfig


def read_checkpoint(path):
    """hyla4j's checkpoint.bin (core/.../Checkpoint.java, big-endian): the parameters by name."""
    with open(path, "rb") as f:
        data = f.read()
    pos = 0

    def take(fmt):
        nonlocal pos
        v = struct.unpack_from(fmt, data, pos)
        pos += struct.calcsize(fmt)
        return v

    magic, fmt_version = take(">ii")
    assert magic == 0x48594C41 and fmt_version == 1, f"{path} is not a hyla4j checkpoint"
    steps, _updates, n = take(">qqi")
    params = {}
    for _ in range(n):
        (length,) = take(">H")
        name = data[pos:pos + length].decode("utf-8")
        pos += length
        (rank,) = take(">i")
        shape = take(">" + "q" * rank)
        size = int(np.prod(shape))
        values = np.frombuffer(data, dtype=">f4", count=size, offset=pos).astype(np.float32).reshape(shape)
        pos += 3 * 4 * size  # the parameter, then AdamW's two moments
        params[name] = values
    return steps, params


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("run")
    ap.add_argument("--step", type=int)
    a = ap.parse_args()
    config_json = json.load(open(os.path.join(a.run, "config.json")))
    options = config_json["taskOptions"]
    assert options.get("split") == "jax", "the paper's evaluation sets are the run's only under split jax"
    seed = config_json["seeds"][0]
    attention = config_json["attention"][0]
    config = get_config("logic_4var_2term;" + parity.VARIANTS.get(attention, attention))
    config.seed = seed
    config.data.seq_len = int(options["seq_len"])
    config.data.frac_test = float(options["frac_test"])
    config.model.relative_position_max_dist = config.data.seq_len
    model = CausalTransformer(TransformerConfig(**config.model))
    heads = config.model.num_heads
    dk, dv = config.model.qk_dim // heads, config.model.v_dim // heads
    (train_loader, eval_loaders, _), _ = logic_data.create_fuzzy_logic_datasets(
        batch_size=config.batch_size, seed=seed, **config.data)
    exp = Experiment(config=config, model=model, loss=FuzzyLogicLoss, optimizer=None, train_loader=train_loader,
                     eval_loaders=eval_loaders, callback_loaders={}, logger=[], callbacks=[], log_every=1, eval_every=1)
    logged = {}
    for line in open(os.path.join(a.run, "metrics.jsonl")):
        r = json.loads(line)
        if r.get("type") == "eval":
            logged[r["step"]] = r
    kept = os.path.join(a.run, "checkpoints")
    steps = [a.step] if a.step else sorted(s for s in logged if os.path.exists(os.path.join(kept, f"step-{s}.bin")))
    for s in steps:
        _, h = read_checkpoint(os.path.join(kept, f"step-{s}.bin"))
        params = parity.to_paper(h, heads, dk, dv)
        state = ExperimentState(optim=None, params=params, rng=jax.random.PRNGKey(0), step=s)
        row = {"step": s}
        for name, loader in eval_loaders.items():
            row[f"paper_{name}_r2"] = round(float(exp.eval(state, loader)["r2"]), 4)
            if s in logged and f"{name}/r2" in logged[s]:
                row[f"hyla4j_{name}_r2"] = round(logged[s][f"{name}/r2"], 4)
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    sys.exit(main())
