"""Trains the paper's own model, loss and optimizer on a hyla4j run's streams: its initial weights, its batches and its
attention-dropout masks, as scripts/paper/Trajectory.java wrote them with HYLA4J_TRAJ_TRAIN=0, and evaluates with the
paper's own evaluation sets and R² (fuzzy logic, the paper's split for the run's seed: hyla4j's runs under split jax
train on the same pairs). Beside the hyla4j run of the same variant and seed, whose streams these are, it tells
whether a difference in outcome comes from the code that trains (the same streams, two codes) or from the streams
(compare with scripts/paper/paper_train.py, the paper's code on its own streams).

    scripts/paper/run replay.py TRAJECTORY_DIR --out LOG.jsonl [--eval-every 2000]

A checkpoint (LOG.jsonl.ckpt) is written every 1,000 steps (--checkpoint-every), and a rerun of the same command resumes from it, so a
50,000-step replay (about two hours on one core) can be carried between sessions like paper_train.py's runs.
"""
import argparse
import json
import os
import pickle
import sys
import time

import jax
import numpy as np

import parity  # noqa: F401  (installs the mask hand-in of the paper's attention dropout)
from configs.logic import get_config
from hyla.data import logic as logic_data
from hyla.experiment import Experiment, ExperimentState
from hyla.loss import FuzzyLogicLoss
from hyla.models.transformer import CausalTransformer, TransformerConfig
import optax


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("trajectory")
    ap.add_argument("--out", required=True)
    ap.add_argument("--eval-every", type=int, default=2000)
    ap.add_argument("--checkpoint-every", type=int, default=1000)
    a = ap.parse_args()
    index = json.load(open(os.path.join(a.trajectory, "index.json")))
    assert index["options"].get("split") == "jax", "replay needs a run under split jax (the paper's split)"
    config = get_config("logic_4var_2term;" + parity.VARIANTS.get(index["attention"], index["attention"]))
    config.seed = int(index["seed"])
    config.data.seq_len = int(index["options"]["seq_len"])
    config.data.frac_test = float(index["options"]["frac_test"])
    config.model.relative_position_max_dist = config.data.seq_len
    model = CausalTransformer(TransformerConfig(**config.model))
    heads = config.model.num_heads
    dk, dv = config.model.qk_dim // heads, config.model.v_dim // heads
    _, eval_loaders, _ = logic_data.create_fuzzy_logic_datasets(
        batch_size=config.batch_size, seed=config.seed, **config.data)[0]
    schedule = optax.warmup_cosine_decay_schedule(
        init_value=0.0, peak_value=index["lr"], warmup_steps=index["warmup"],
        decay_steps=index["schedule_steps"] - index["warmup"], end_value=index["lr"] * 0.1)
    optimizer = optax.adamw(learning_rate=schedule, weight_decay=index["weight_decay"],
                            mask=lambda p: jax.tree_util.tree_map(lambda x: x.ndim != 1, p))
    exp = Experiment(config=config, model=model, loss=FuzzyLogicLoss, optimizer=optimizer, train_loader=[],
                     eval_loaders=eval_loaders, callback_loaders={}, logger=[], callbacks=[], log_every=1, eval_every=1)
    loss_fn = FuzzyLogicLoss(apply_fn=model.apply)

    @jax.jit
    def step(params, opt_state, x, y, masks):
        parity._MASKS[:] = list(masks)
        batch = logic_data.Dataset(x, y, info={"base_mse": jax.numpy.ones_like(y)})
        (loss, _), grads = jax.value_and_grad(loss_fn, has_aux=True)(params, jax.random.PRNGKey(0), batch, False)
        updates, opt_state = optimizer.update(grads, opt_state, params)
        return optax.apply_updates(params, updates), opt_state, loss

    params = parity.to_paper(parity.load_params(os.path.join(a.trajectory, "params-0")), heads, dk, dv)
    opt_state = optimizer.init(params)
    first, ckpt = 0, a.out + ".ckpt"
    if os.path.exists(ckpt):
        with open(ckpt, "rb") as f:
            saved = pickle.load(f)
        assert saved["args"] == vars(a), f"{ckpt} was made by another command: {saved['args']}"
        first, params, opt_state = saved["step"], saved["params"], saved["opt_state"]
        print(f"resumed from {ckpt} at step {first}", flush=True)
        if os.path.exists(a.out):  # rows past the checkpoint are written again by this run
            rows = [line for line in open(a.out) if line.strip() and json.loads(line)["step"] <= first]
            with open(a.out + ".tmp", "w") as f:
                f.writelines(rows)
            os.replace(a.out + ".tmp", a.out)
    start, b = time.time(), os.path.join(a.trajectory, "batches")
    for t in range(first, index["steps"]):
        x, y = np.load(f"{b}/x-{t}.npy"), np.load(f"{b}/y-{t}.npy")
        masks = tuple(np.load(f"{b}/mask-{t}-{l}.npy") for l in range(2))
        params, opt_state, loss = step(params, opt_state, x, y, masks)
        done = t + 1
        if done % a.eval_every == 0 or done == index["steps"]:
            row = {"step": done, "wall_s": round(time.time() - start, 1), "train_batch_loss": float(loss)}
            for name, loader in eval_loaders.items():
                metrics = exp.eval(ExperimentState(optim=None, params=params, rng=jax.random.PRNGKey(0), step=done), loader)
                row.update({f"{name}_{k}": float(v) for k, v in metrics.items()})
            with open(a.out, "a") as f:
                f.write(json.dumps(row) + "\n")
            print(json.dumps(row), flush=True)
        if done % a.checkpoint_every == 0 and done < index["steps"]:
            with open(ckpt + ".tmp", "wb") as f:
                pickle.dump({"args": vars(a), "step": done,
                             "params": jax.device_get(params), "opt_state": jax.device_get(opt_state)}, f)
            os.replace(ckpt + ".tmp", ckpt)


if __name__ == "__main__":
    sys.exit(main())
