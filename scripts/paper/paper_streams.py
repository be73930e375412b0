"""Writes the streams the paper's own code trains a fuzzy-logic run on, in the layout scripts/paper/Trajectory.java
writes hyla4j's: the initial weights (`model.init` of `Experiment.reset(PRNGKey(seed))`, under hyla4j's parameter
names), every step's batch (the training loader's `fold_in(PRNGKey(seed), i)`), and every step's attention-dropout
masks (drawn as the training step draws them: the state's rng split once per step, `make_rng('dropout')` in each
attention layer; scaled as hyla4j scales its masks). scripts/paper/Replay.java then trains hyla4j on them, whole or
in part: the paper's streams, the other code.

    scripts/paper/run paper_streams.py OUT --attention linear_hypatt --seed 0 --steps 10000 [--stream-seed 1]

--seed is the paper's seed (its split, its initial weights, its batches, its masks); --stream-seed, when given, draws
the initial weights, batches and masks from that seed instead and keeps --seed's split: another draw of the paper's
streams on the same held-out pairs.
"""
import argparse
import json
import os
import sys
import types

import jax
import jax.numpy as jnp
import numpy as np

import hyla.models.attention as paper_attention
from configs.logic import get_config
from hyla.data import logic as logic_data
from hyla.experiment import Experiment
from hyla.loss import FuzzyLogicLoss
from hyla.models.transformer import CausalTransformer, TransformerConfig

VARIANTS = {"softmax_attention": "transformer", "linear_attention": "linear_transformer"}
_DRAWN = []
_bernoulli = jax.random.bernoulli


def _recording_bernoulli(key, p, shape):
    keep = _bernoulli(key, p, shape)
    _DRAWN.append(keep)
    return keep


paper_attention.random = types.SimpleNamespace(bernoulli=_recording_bernoulli)


def to_hyla4j(tree):
    """The paper's Flax parameters under hyla4j's names and fused layout (the inverse of parity.to_paper)."""
    p = tree["params"]
    h = {"01embed_kernel": p["embedding"]["kernel"], "01embed_bias": p["embedding"]["bias"],
         "04final_norm_scale": p["decoder_norm"]["scale"], "04final_norm_bias": p["decoder_norm"]["bias"],
         "05readout_kernel": p["logitdense"]["kernel"], "05readout_bias": p["logitdense"]["bias"]}
    for layer in range(2):
        b = p[f"transformer_block_{layer}"]
        m = b["sequence_mixer"]
        pre = f"0{layer + 2}layer{layer}_"
        d = m["query"]["kernel"].shape[0]
        h[pre + "01norm1_scale"], h[pre + "01norm1_bias"] = b["norm1"]["scale"], b["norm1"]["bias"]
        h[pre + "02attention_qkv_kernel"] = np.concatenate([np.asarray(m[n]["kernel"]).reshape(d, -1) for n in ("query", "key", "value")], 1)
        h[pre + "02attention_qkv_bias"] = np.concatenate([np.asarray(m[n]["bias"]).ravel() for n in ("query", "key", "value")])
        h[pre + "02attention_out_kernel"] = np.asarray(m["out"]["kernel"]).reshape(-1, d)
        h[pre + "02attention_out_bias"] = m["out"]["bias"]
        h[pre + "02attention_relative_table"] = b["relative_embedding"]["rel_embedding"]
        h[pre + "03norm2_scale"], h[pre + "03norm2_bias"] = b["norm2"]["scale"], b["norm2"]["bias"]
        h[pre + "04mlp_in_kernel"], h[pre + "04mlp_in_bias"] = b["state_mixer"]["Dense_0"]["kernel"], b["state_mixer"]["Dense_0"]["bias"]
        h[pre + "05mlp_out_kernel"], h[pre + "05mlp_out_bias"] = b["state_mixer"]["Dense_1"]["kernel"], b["state_mixer"]["Dense_1"]["bias"]
    return {k: np.asarray(v, dtype=np.float32) for k, v in h.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--attention", default="linear_hypatt")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--steps", type=int, default=10_000)
    ap.add_argument("--stream-seed", type=int, default=None)
    a = ap.parse_args()
    stream_seed = a.seed if a.stream_seed is None else a.stream_seed
    config = get_config("logic_4var_2term;" + VARIANTS.get(a.attention, a.attention))
    config.seed = a.seed
    config.data.seq_len = 32
    config.data.frac_test = 0.7
    config.data.num_train = 50_000 * config.batch_size
    config.model.relative_position_max_dist = 32
    model = CausalTransformer(TransformerConfig(**config.model))
    (train_loader, _, _), _ = logic_data.create_fuzzy_logic_datasets(batch_size=config.batch_size, seed=a.seed, **config.data)
    exp = Experiment(config=config, model=model, loss=FuzzyLogicLoss, optimizer=__import__("optax").identity(),
                     train_loader=train_loader, eval_loaders={}, callback_loaders={}, logger=[], callbacks=[])
    state = exp.reset(jax.random.PRNGKey(stream_seed))  # run.py: PRNGKey(config.seed)
    os.makedirs(os.path.join(a.out, "params-0"), exist_ok=True)
    os.makedirs(os.path.join(a.out, "batches"), exist_ok=True)
    for name, v in to_hyla4j(state.params).items():
        np.save(os.path.join(a.out, "params-0", name + ".npy"), v)
    probe = jnp.zeros((1, 32, 5))
    scale = np.float32(1) / (np.float32(1) - np.float32(TransformerConfig(**config.model).attention_dropout_rate))

    @jax.jit
    def masks(params, rng):
        _DRAWN.clear()
        model.apply(params, probe, deterministic=False, rngs={"dropout": rng})  # FuzzyLogicLoss's call, on one sequence
        return tuple(_DRAWN)

    fixed = jax.random.PRNGKey(stream_seed)  # the training loader's fixed_rng
    rng = state.rng
    for t in range(a.steps):
        batch = train_loader.sample_fn(jax.random.fold_in(fixed, t), config.batch_size, 32)
        np.save(f"{a.out}/batches/x-{t}.npy", np.asarray(batch.x, dtype=np.float32))
        np.save(f"{a.out}/batches/y-{t}.npy", np.asarray(batch.y, dtype=np.float32).reshape(-1, 1))
        rng_grad, rng = jax.random.split(rng)  # Experiment.train_step
        for layer, keep in enumerate(masks(state.params, rng_grad)):
            np.save(f"{a.out}/batches/mask-{t}-{layer}.npy", np.asarray(keep, dtype=np.float32) * scale)
    index = {"source": "paper", "attention": a.attention, "seed": a.seed, "stream_seed": stream_seed, "steps": a.steps,
             "options": {"seq_len": "32", "frac_test": "0.7", "split": "jax"}, "lr": config.lr,
             "weight_decay": config.weight_decay, "warmup": config.warmup_steps, "schedule_steps": 50_000,
             "dropout": TransformerConfig(**config.model).attention_dropout_rate, "trained": False, "dumped": []}
    json.dump(index, open(os.path.join(a.out, "index.json"), "w"), indent=1)
    print("wrote", a.out)


if __name__ == "__main__":
    sys.exit(main())
