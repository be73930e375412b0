"""Replays a hyla4j training trajectory (written by scripts/paper/Trajectory.java) with the paper's own model, loss
and optimizer, and compares them step by step: the loss of every step, and every parameter after the dumped steps.

Both sides start from hyla4j's initial weights and see the same batches and the same attention-dropout masks, so
the two trajectories differ only through what each implementation computes. Floating-point rounding alone also
makes two trajectories drift apart, more so under Adam, whose update of a parameter with a near-zero gradient is
close to a sign; to tell that from a real difference, the paper's side is run a second time in float64 (a child
process with jax_enable_x64), and its distance from the paper's float32 run is the "noise floor": what float32
rounding alone does to the trajectory. A parameter whose hyla4j-vs-paper difference stands far above the floor
is trained differently.

    java -cp runner/target/hyla4j-runner-*-all.jar scripts/paper/Trajectory.java DIR linear_hypatt 0 200 1,10,50,100,200
    scripts/paper/run parity.py DIR [--decay-mask paper|no-qkv-bias] [--tolerance 10]

--decay-mask no-qkv-bias replays hyla4j's earlier mask (HYLA4J_TRAJ_DECAY=matrices on the Java side), which left the
fused query/key/value bias undecayed.

Exit status 1 when some parameter differs by more than --tolerance times the noise floor (and more than 1e-5).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import types

import jax
import jax.numpy as jnp
import numpy as np
import optax

if "--x64" in sys.argv:
    jax.config.update("jax_enable_x64", True)

import hyla.models.attention as paper_attention
from configs.logic import get_config
from hyla.data.base import Dataset
from hyla.loss import FuzzyLogicLoss
from hyla.models.transformer import CausalTransformer, TransformerConfig

jax.config.update("jax_default_matmul_precision", "highest")

# The paper draws attention-dropout masks with jax.random.bernoulli inside DotProductAttention; here they are the
# masks hyla4j used, handed in layer by layer (layer 0 calls first).
_MASKS = []


def _bernoulli(key, p, shape):
    mask = _MASKS.pop(0)
    assert tuple(mask.shape) == tuple(shape), (mask.shape, shape)
    return mask > 0


paper_attention.random = types.SimpleNamespace(bernoulli=_bernoulli)

VARIANTS = {"softmax_attention": "transformer", "linear_attention": "linear_transformer"}


def to_paper(h, heads, dk, dv):
    """hyla4j's parameters (name -> array) as the paper's Flax tree."""
    p = {"embedding": {"kernel": h["01embed_kernel"], "bias": h["01embed_bias"]},
         "decoder_norm": {"scale": h["04final_norm_scale"], "bias": h["04final_norm_bias"]},
         "logitdense": {"kernel": h["05readout_kernel"], "bias": h["05readout_bias"]}}
    for layer in range(2):
        pre = f"0{layer + 2}layer{layer}_"
        qkv_k, qkv_b = h[pre + "02attention_qkv_kernel"], h[pre + "02attention_qkv_bias"]
        d, q = qkv_k.shape[0], heads * dk
        cuts = {"query": (0, q), "key": (q, 2 * q), "value": (2 * q, 2 * q + heads * dv)}
        mixer = {}
        for name, (a, b) in cuts.items():
            width = dv if name == "value" else dk
            mixer[name] = {"kernel": qkv_k[:, a:b].reshape(d, heads, width), "bias": qkv_b[a:b].reshape(heads, width)}
        mixer["out"] = {"kernel": h[pre + "02attention_out_kernel"].reshape(heads, dv, d),
                        "bias": h[pre + "02attention_out_bias"]}
        p[f"transformer_block_{layer}"] = {
            "norm1": {"scale": h[pre + "01norm1_scale"], "bias": h[pre + "01norm1_bias"]},
            "norm2": {"scale": h[pre + "03norm2_scale"], "bias": h[pre + "03norm2_bias"]},
            "relative_embedding": {"rel_embedding": h[pre + "02attention_relative_table"]},
            "sequence_mixer": mixer,
            "state_mixer": {"Dense_0": {"kernel": h[pre + "04mlp_in_kernel"], "bias": h[pre + "04mlp_in_bias"]},
                            "Dense_1": {"kernel": h[pre + "05mlp_out_kernel"], "bias": h[pre + "05mlp_out_bias"]}}}
    return {"params": jax.tree_util.tree_map(jnp.asarray, p)}


def load_params(directory):
    return {f[:-4]: np.load(os.path.join(directory, f)) for f in sorted(os.listdir(directory)) if f.endswith(".npy")}


def flat(tree):
    return {jax.tree_util.keystr(k): np.asarray(v) for k, v in jax.tree_util.tree_flatten_with_path(tree)[0]}


def rel(a, b):
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(b), 1e-30))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("trajectory")
    ap.add_argument("--decay-mask", choices=["paper", "no-qkv-bias"], default="paper",
                    help="paper: run.py's ndim != 1 rule on the paper's shapes (q/k/v biases decayed); no-qkv-bias: "
                         "the same without decaying the q/k/v biases")
    ap.add_argument("--tolerance", type=float, default=10.0)
    ap.add_argument("--x64", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--save", help=argparse.SUPPRESS)
    a = ap.parse_args()
    dtype = np.float64 if a.x64 else np.float32
    index = json.load(open(os.path.join(a.trajectory, "index.json")))
    config = get_config("logic_4var_2term;" + VARIANTS.get(index["attention"], index["attention"]))
    seq_len = int(index["options"]["seq_len"])
    config.model.relative_position_max_dist = seq_len
    model = CausalTransformer(TransformerConfig(**config.model))
    heads = config.model.num_heads
    dk, dv = config.model.qk_dim // heads, config.model.v_dim // heads
    assert abs(TransformerConfig(**config.model).attention_dropout_rate - index["dropout"]) < 1e-6, "another dropout rate"

    steps_total = index["schedule_steps"]
    schedule = optax.warmup_cosine_decay_schedule(
        init_value=0.0, peak_value=index["lr"], warmup_steps=index["warmup"],
        decay_steps=steps_total - index["warmup"], end_value=index["lr"] * 0.1)

    def decay_mask(p):
        m = jax.tree_util.tree_map(lambda x: x.ndim != 1, p)
        if a.decay_mask == "no-qkv-bias":
            for layer in range(2):
                for name in ("query", "key", "value"):
                    m["params"][f"transformer_block_{layer}"]["sequence_mixer"][name]["bias"] = False
        return m

    optimizer = optax.adamw(learning_rate=schedule, weight_decay=index["weight_decay"], mask=decay_mask)
    loss_fn = FuzzyLogicLoss(apply_fn=model.apply)

    @jax.jit
    def step(params, opt_state, x, y, masks):
        _MASKS[:] = list(masks)
        batch = Dataset(x, y, info={"base_mse": jnp.ones_like(y)})
        (loss, _), grads = jax.value_and_grad(loss_fn, has_aux=True)(params, jax.random.PRNGKey(0), batch, False)
        updates, opt_state = optimizer.update(grads, opt_state, params)
        return optax.apply_updates(params, updates), opt_state, loss

    def trajectory(params):
        opt_state = optimizer.init(params)
        losses, snapshots = [], {}
        for t in range(index["steps"]):
            b = os.path.join(a.trajectory, "batches")
            x, y = np.load(f"{b}/x-{t}.npy").astype(dtype), np.load(f"{b}/y-{t}.npy").astype(dtype)
            masks = tuple(np.load(f"{b}/mask-{t}-{l}.npy").astype(dtype) for l in range(2))
            params, opt_state, loss = step(params, opt_state, x, y, masks)
            losses.append(float(loss))
            if t + 1 in index["dumped"]:
                snapshots[t + 1] = flat(params)
        return losses, snapshots

    h0 = {k: v.astype(dtype) for k, v in load_params(os.path.join(a.trajectory, "params-0")).items()}
    losses, snaps = trajectory(to_paper(h0, heads, dk, dv))
    if a.x64:
        np.savez(a.save, losses=np.array(losses), **{f"{s}|{k}": v for s, d in snaps.items() for k, v in d.items()})
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        floor_file = os.path.join(tmp, "x64.npz")
        subprocess.run([sys.executable, os.path.abspath(__file__), *sys.argv[1:], "--x64", "--save", floor_file],
                       check=True)
        z = np.load(floor_file)
        losses_p = list(z["losses"])
        snaps_p = {s: {k: z[f"{s}|{k}"] for k in snaps[s]} for s in snaps}

    print(f"{index['attention']} seed {index['seed']}: {index['steps']} steps, decay mask '{a.decay_mask}'")
    print("step  loss hyla4j   loss paper   rel diff   noise floor")
    for t in sorted(set([0, 1, 2, 4, 9] + [s - 1 for s in index["dumped"]])):
        if t < len(losses):
            lj = index["losses"][t]
            print(f"{t + 1:5d}  {lj:.7f}  {losses[t]:.7f}  {abs(lj - losses[t]) / abs(losses[t]):.2e}  "
                  f"{abs(losses_p[t] - losses[t]) / abs(losses[t]):.2e}")
    worst = 0.0
    for s in index["dumped"]:
        hj = flat(to_paper(load_params(os.path.join(a.trajectory, f"params-{s}")), heads, dk, dv))
        rows = []
        for k in hj:
            d, floor = rel(hj[k], snaps[s][k]), rel(snaps_p[s][k], snaps[s][k])
            rows.append((d / max(floor, 1e-9), d, floor, k))
        rows.sort(reverse=True)
        print(f"after step {s}: parameters with the largest hyla4j-vs-paper difference (relative L2) against the floor")
        for ratio, d, floor, k in rows[:6]:
            print(f"  {d:.2e}  floor {floor:.2e}  x{ratio:8.1f}  {k}")
        worst = max(worst, max(r for r, d, _, _ in rows if d > 1e-5) if any(d > 1e-5 for _, d, _, _ in rows) else 0)
    print("PASS" if worst <= a.tolerance else f"FAIL: a parameter differs by {worst:.0f}x the noise floor")
    return 0 if worst <= a.tolerance else 1


if __name__ == "__main__":
    sys.exit(main())
