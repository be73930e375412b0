"""Trains the paper's own code (smonsays/hypernetwork-attention, a checkout outside this repository) on the
fuzzy-logic task at the settings hyla4j's paper-budget runs use, and logs its evaluations as JSON lines.

It builds the optimizer and schedule as the paper's run.py does (optax warmup_cosine_decay to 0.1·lr,
adamw with the `ndim != 1` decay mask) and trains with the paper's `Experiment.train_step` on the batches of the
paper's training loader (`fold_in(PRNGKey(seed), i)` for step i), as `Experiment.run` does; nothing of the paper's
code is changed, except, with --train-pairs, which held-in term pairs the generator trains on (to run the paper's
code on a hyla4j split). A checkpoint (OUT.ckpt) is written every 1,000 steps, and a rerun of the same command
resumes from it, so a run survives being stopped. Run through scripts/paper/run, which sets up the environment.
"""
import argparse
import json
import os
import pickle
import sys
import time

import jax
import jax.numpy as jnp
import numpy as np
import optax

from configs.logic import get_config
from hyla.data import logic as logic_data
from hyla.experiment import Experiment
from hyla.logging import Logger
from hyla.loss import FuzzyLogicLoss
from hyla.models.transformer import CausalTransformer, TransformerConfig


class JsonLogger(Logger):
    def __init__(self, path):
        self.path = path
        self.start = time.time()

    def log(self, step, metrics):
        row = {"step": int(step), "wall_s": round(time.time() - self.start, 1)}
        for k, v in metrics.items():
            if isinstance(v, (int, float, np.ndarray, jnp.ndarray)) and np.size(v) == 1:
                row[k] = float(v)
        with open(self.path, "a") as f:
            f.write(json.dumps(row) + "\n")
        print(json.dumps(row), flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--attention", default="linear_hypatt")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--steps", type=int, default=50_000)
    ap.add_argument("--seq-len", type=int, default=32)
    ap.add_argument("--frac-test", type=float, default=0.7)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--weight-decay", type=float, default=0.1)
    ap.add_argument("--eval-every", type=int, default=10_000)
    ap.add_argument("--precision", choices=["default", "highest"], default="default",
                    help="jax_default_matmul_precision; 'default' is TF32 on recent GPUs, float32 on a CPU")
    ap.add_argument("--train-pairs", default=None,
                    help="train on these held-in term pairs, e.g. '4-11,1-6,...'; the other held-in pairs become test")
    ap.add_argument("--out", required=True, help="JSON-lines log to append to")
    a = ap.parse_args()
    if a.precision == "highest":
        jax.config.update("jax_default_matmul_precision", "highest")

    name = "logic_4var_2term;" + {"softmax_attention": "transformer",
                                   "linear_attention": "linear_transformer"}.get(a.attention, a.attention)
    config = get_config(name)
    config.seed = a.seed
    config.lr = a.lr
    config.weight_decay = a.weight_decay
    config.data.seq_len = a.seq_len
    config.data.frac_test = a.frac_test
    config.data.num_train = a.steps * config.batch_size

    if a.train_pairs:
        pairs = [tuple(int(t) for t in p.split("-")) for p in a.train_pairs.split(",")]
        original = logic_data.FuzzyLogicGenerator.__init__

        def init(self, *args, **kwargs):
            original(self, *args, **kwargs)
            held_in = [tuple(int(t) for t in row) for row in np.asarray(self.terms_idx_in_dist)]
            train = [p for p in held_in if p in pairs]
            assert len(train) == len(pairs), f"pairs not held in: {set(pairs) - set(train)}"
            self.terms_idx_train = jnp.array(train)
            self.terms_idx_test = jnp.array([p for p in held_in if p not in pairs])

        logic_data.FuzzyLogicGenerator.__init__ = init

    (train_loader, eval_loaders, _), _ = logic_data.create_fuzzy_logic_datasets(
        batch_size=config.batch_size, seed=config.seed, **config.data)
    # the in-distribution score hyla4j reports as train/r2: fresh sequences of the training pairs
    eval_loaders = {**eval_loaders, "indist": logic_data.SyntheticDataloader(
        16000, config.batch_size, a.seq_len,
        lambda rng, b, t: train_loader.sample_fn(jax.random.fold_in(rng, 7), b, t), config.seed)}
    config.model.relative_position_max_dist = config.data.seq_len
    model = CausalTransformer(TransformerConfig(**config.model))

    train_steps = config.data.num_train // config.batch_size
    schedule = optax.warmup_cosine_decay_schedule(
        init_value=0.0, peak_value=config.lr, warmup_steps=config.warmup_steps,
        decay_steps=train_steps - config.warmup_steps, end_value=config.lr * 0.1)
    optimizer = optax.chain(optax.adamw(
        learning_rate=schedule, weight_decay=config.weight_decay,
        mask=lambda p: jax.tree_util.tree_map(lambda x: x.ndim != 1, p)))

    logger = JsonLogger(a.out)
    exp = Experiment(config=config, model=model, loss=FuzzyLogicLoss, optimizer=optimizer,
                     train_loader=train_loader, eval_loaders=eval_loaders, callback_loaders={},
                     logger=[logger], callbacks=[], log_every=1000, eval_every=a.eval_every)
    state = exp.reset(jax.random.PRNGKey(config.seed))
    ckpt = a.out + ".ckpt"
    start = 0
    if os.path.exists(ckpt):
        with open(ckpt, "rb") as f:
            saved = pickle.load(f)
        assert saved["args"] == vars(a), f"{ckpt} was made by another command: {saved['args']}"
        state = jax.tree_util.tree_map(jnp.asarray, saved["state"])
        start = int(saved["step"])
        print(f"resumed at step {start}", flush=True)
    else:
        logger.log(0, {"num_params": float(sum(np.size(x) for x in jax.tree_util.tree_leaves(state.params)))})
    fixed = jax.random.PRNGKey(config.seed)
    for i in range(start, train_steps):
        state, metrics = exp.train_step(state, train_loader.sample_fn(
            jax.random.fold_in(fixed, i), train_loader.batch_size, train_loader.seq_len))
        done = i + 1
        if done % 1000 == 0:
            logger.log(done, {("train_batch_" + k): v for k, v in metrics.items()})
        if done % a.eval_every == 0 or done == train_steps:
            for name, loader in eval_loaders.items():
                logger.log(done, {f"{name}_{k}": v for k, v in exp.eval(state, loader).items()})
        if done % 1000 == 0 or done == train_steps:
            with open(ckpt + ".tmp", "wb") as f:
                pickle.dump({"args": vars(a), "step": done, "state": jax.device_get(state)}, f)
            os.replace(ckpt + ".tmp", ckpt)


if __name__ == "__main__":
    sys.exit(main())
