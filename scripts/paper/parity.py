"""Replays a hyla4j training trajectory (written by scripts/paper/Trajectory.java) with the paper's own model, loss
and optimizer, and compares them step by step: the loss of every step, and every parameter and every gradient at the
dumped steps. The task is the trajectory's (index.json): fuzzy logic with the paper's configs/logic.py
(logic_4var_2term) and FuzzyLogicLoss, or SRAVEN with its configs/raven.py (raven_3x3_4features) and
SymbolicRavenLoss; the model and optimizer settings hyla4j trained with are checked against that config first.

Both sides start from hyla4j's initial weights and see the same batches and the same attention-dropout masks, so
the two trajectories differ only through what each implementation computes. Floating-point rounding alone also
makes two trajectories drift apart, more so under Adam, whose update of a parameter with a near-zero gradient is
close to a sign; to tell that from a real difference, the paper's side is run a second time in float64 (a child
process with jax_enable_x64), and its distance from the paper's float32 run is the "noise floor": what float32
rounding alone does to the trajectory. A parameter whose hyla4j-vs-paper difference stands far above the floor
is trained differently.

    java -cp runner/target/hyla4j-runner-*-all.jar scripts/paper/Trajectory.java DIR linear_hypatt 0 200 1,10,50,100,200 \
        [--task=sraven]
    scripts/paper/run parity.py DIR [--decay-mask paper|no-qkv-bias] [--tolerance 10] [--out STEM]

--out STEM writes the report to STEM.txt and its numbers to STEM.json (docs/results/fidelity/parity-*).

--decay-mask no-qkv-bias replays hyla4j's earlier mask (HYLA4J_TRAJ_DECAY=matrices on the Java side), which left the
fused query/key/value bias undecayed.

Exit status 1 when some parameter or gradient differs by more than --tolerance times the noise floor (and more than
1e-5, relative).
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

import configs.logic
import configs.raven
import hyla.models.attention as paper_attention
from hyla.data.base import Dataset
from hyla.loss import FuzzyLogicLoss, SymbolicRavenLoss
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
    """hyla4j's parameters (name -> array) as the paper's Flax tree. hyla4j's names are numbered in model order:
    01embed, 02layer0 ... (L+1)layer(L-1), then the final norm and the readout."""
    def one(suffix):
        (name,) = [n for n in h if n[2:] == suffix]
        return h[name]
    layers = sorted({int(n.split("_")[0][len("00layer"):]) for n in h if n[2:7] == "layer"})
    p = {"embedding": {"kernel": one("embed_kernel"), "bias": one("embed_bias")},
         "decoder_norm": {"scale": one("final_norm_scale"), "bias": one("final_norm_bias")},
         "logitdense": {"kernel": one("readout_kernel"), "bias": one("readout_bias")}}
    for layer in layers:
        pre = f"{layer + 2:02d}layer{layer}_"
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


def paper_config(index):
    """The paper's own config for the trajectory's task and variant, and the list of hyla4j settings that differ."""
    variant = VARIANTS.get(index["attention"], index["attention"])
    task = index.get("task", "fuzzylogic")
    if task == "fuzzylogic":
        config = configs.logic.get_config("logic_4var_2term;" + variant)
        # the fuzzy-a1-paper settings: the paper's A1 sweep sets T and frac_test (hyla4j's fuzzy-a1 experiment)
        config.model.relative_position_max_dist = int(index["options"]["seq_len"])
        schedule_steps = config.data.num_train // config.batch_size
    elif task == "sraven":
        config = configs.raven.get_config("raven_3x3_4features;" + variant)
        schedule_steps = config.data.num_train // config.batch_size  # run.py: len(train_loader)
    else:
        raise ValueError(f"unknown task {task}")
    mc = TransformerConfig(**config.model)
    m = index.get("model", {})
    want = {"lr": (index["lr"], config.lr), "weight_decay": (index["weight_decay"], config.weight_decay),
            "warmup": (index["warmup"], config.warmup_steps), "schedule_steps": (index["schedule_steps"], schedule_steps),
            "attention dropout": (index["dropout"], mc.attention_dropout_rate), "dropout": (0.0, mc.dropout_rate),
            "batch": (index.get("batch", 128), config.batch_size)}
    if m:
        want.update({"layers": (m["layers"], mc.num_layers), "model_dim": (m["model_dim"], mc.emb_dim),
                     "heads": (m["heads"], mc.num_heads), "qk_dim": (m["qk_dim"], mc.qk_dim),
                     "v_dim": (m["v_dim"], mc.v_dim), "mlp_dim": (m["mlp_dim"], mc.mlp_dim),
                     "causal": (m["causal"], mc.use_causal_mask),
                     "relative position buckets (T)": (m["seq_len"], mc.relative_position_max_dist)})
        if task == "sraven":
            want.update({"readout positions (K)": (m["readout_positions"], config.data.num_features),
                         "token width (F)": (m["input_dim"], config.data.feature_maxval),
                         "logits (F)": (m["output_dim"], mc.output_dim), "T": (m["seq_len"], config.data.seq_len)})
    differ = [f"{k}: hyla4j {a}, paper {b}" for k, (a, b) in want.items() if abs(float(a) - float(b)) > 1e-12]
    return config, mc, differ


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
    ap.add_argument("--out", help="write the report to OUT.txt and its numbers to OUT.json")
    ap.add_argument("--x64", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--save", help=argparse.SUPPRESS)
    a = ap.parse_args()
    dtype = np.float64 if a.x64 else np.float32
    index = json.load(open(os.path.join(a.trajectory, "index.json")))
    task = index.get("task", "fuzzylogic")
    config, mc, differ = paper_config(index)
    model = CausalTransformer(mc)
    heads, layers = mc.num_heads, mc.num_layers
    dk, dv = mc.qk_dim // heads, mc.v_dim // heads

    steps_total = index["schedule_steps"]
    schedule = optax.warmup_cosine_decay_schedule(
        init_value=0.0, peak_value=index["lr"], warmup_steps=index["warmup"],
        decay_steps=steps_total - index["warmup"], end_value=index["lr"] * 0.1)

    def decay_mask(p):
        m = jax.tree_util.tree_map(lambda x: x.ndim != 1, p)
        if a.decay_mask == "no-qkv-bias":
            for layer in range(layers):
                for name in ("query", "key", "value"):
                    m["params"][f"transformer_block_{layer}"]["sequence_mixer"][name]["bias"] = False
        return m

    optimizer = optax.adamw(learning_rate=schedule, weight_decay=index["weight_decay"], mask=decay_mask)
    if task == "sraven":
        loss_fn = SymbolicRavenLoss(apply_fn=model.apply, num_features=config.data.num_features,
                                    num_feature_values=config.data.feature_maxval)
    else:
        loss_fn = FuzzyLogicLoss(apply_fn=model.apply)

    @jax.jit
    def step(params, opt_state, x, y, masks):
        _MASKS[:] = list(masks)
        batch = Dataset(x, y, info={"base_mse": jnp.ones_like(y)})
        (loss, _), grads = jax.value_and_grad(loss_fn, has_aux=True)(params, jax.random.PRNGKey(0), batch, False)
        updates, opt_state = optimizer.update(grads, opt_state, params)
        return optax.apply_updates(params, updates), opt_state, loss, grads

    def load_batch(t):
        b = os.path.join(a.trajectory, "batches")
        x, y = np.load(f"{b}/x-{t}.npy").astype(dtype), np.load(f"{b}/y-{t}.npy")
        y = y.astype(np.int32) if task == "sraven" else y.astype(dtype)  # SRAVEN: class indices, (B, K)
        masks = tuple(np.load(f"{b}/mask-{t}-{l}.npy").astype(dtype) for l in range(layers))
        return x, y, masks

    def trajectory(params):
        opt_state = optimizer.init(params)
        losses, snapshots, gradients = [], {}, {}
        for t in range(index["steps"]):
            params, opt_state, loss, grads = step(params, opt_state, *load_batch(t))
            losses.append(float(loss))
            if t + 1 in index["dumped"]:
                snapshots[t + 1] = flat(params)
                gradients[t + 1] = flat(grads)
        return losses, snapshots, gradients

    h0 = {k: v.astype(dtype) for k, v in load_params(os.path.join(a.trajectory, "params-0")).items()}
    losses, snaps, grads = trajectory(to_paper(h0, heads, dk, dv))
    if a.x64:
        np.savez(a.save, losses=np.array(losses), **{f"p{s}|{k}": v for s, d in snaps.items() for k, v in d.items()},
                 **{f"g{s}|{k}": v for s, d in grads.items() for k, v in d.items()})
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        floor_file = os.path.join(tmp, "x64.npz")
        args = [x for i, x in enumerate(sys.argv[1:]) if x != "--out" and (i == 0 or sys.argv[i] != "--out")]
        subprocess.run([sys.executable, os.path.abspath(__file__), *args, "--x64", "--save", floor_file], check=True)
        z = np.load(floor_file)
        losses_p = list(z["losses"])
        snaps_p = {s: {k: z[f"p{s}|{k}"] for k in snaps[s]} for s in snaps}
        grads_p = {s: {k: z[f"g{s}|{k}"] for k in grads[s]} for s in grads}

    lines = []
    out = lines.append
    batch = index.get("batch", 128)
    out(f"{task} {index['attention']} seed {index['seed']}: {index['steps']} steps, batch {batch}, decay mask "
        f"'{a.decay_mask}', jax {jax.__version__}, paper config "
        f"{'raven_3x3_4features' if task == 'sraven' else 'logic_4var_2term'}")
    if batch != config.batch_size:
        out(f"NOTE: batch {batch} instead of the paper's {config.batch_size} (the schedule is the full run's)")
    settings_differ = [d for d in differ if not d.startswith("batch")]
    out("settings against the paper's config: " + ("the same" if not settings_differ else "DIFFER: " + "; ".join(settings_differ)))
    out("loss: relative difference hyla4j vs paper (float32) and the noise floor (paper float64 vs float32)")
    out(" step  loss hyla4j   loss paper   rel diff   noise floor")
    report = {"task": task, "attention": index["attention"], "seed": index["seed"], "steps": index["steps"], "batch": batch,
              "decay_mask": a.decay_mask, "jax": jax.__version__, "settings_differ": settings_differ, "loss": [],
              "parameters": {}, "gradients": {}}
    for t in range(len(losses)):
        lj = index["losses"][t]
        d, f = abs(lj - losses[t]) / abs(losses[t]), abs(losses_p[t] - losses[t]) / abs(losses[t])
        report["loss"].append({"step": t + 1, "hyla4j": lj, "paper": losses[t], "paper_x64": losses_p[t], "rel_diff": d,
                               "floor": f})
        if t in sorted(set([0, 1, 2, 4, 9] + [s - 1 for s in index["dumped"]])):
            out(f"{t + 1:5d}  {lj:.7f}  {losses[t]:.7f}  {d:.2e}  {f:.2e}")
    ld = [r["rel_diff"] for r in report["loss"]]
    out(f"loss over all {len(ld)} steps: largest relative difference {max(ld):.2e}, median {np.median(ld):.2e}")

    worst = {"parameters": 0.0, "gradients": 0.0}

    def compare(kind, s, mine, paper, floor_run):
        rows = []
        for k in mine:
            d, floor = rel(mine[k], paper[k]), rel(floor_run[k], paper[k])
            rows.append((d / max(floor, 1e-9), d, floor, k))
        rows.sort(reverse=True)
        report[kind][str(s)] = [{"name": k, "rel_diff": d, "floor": f, "ratio": r} for r, d, f, k in rows]
        above = [r for r, d, _, _ in rows if d > 1e-5]
        worst[kind] = max(worst[kind], max(above) if above else 0.0)
        out(f"  {kind} after step {s}: the largest hyla4j-vs-paper differences (relative L2) against the floor "
            f"(all {len(rows)}: median ratio {np.median([r[0] for r in rows]):.2f})")
        for ratio, d, floor, k in rows[:4]:
            out(f"    {d:.2e}  floor {floor:.2e}  x{ratio:8.2f}  {k}")

    for s in index["dumped"]:
        hj = flat(to_paper(load_params(os.path.join(a.trajectory, f"params-{s}")), heads, dk, dv))
        compare("parameters", s, hj, snaps[s], snaps_p[s])
        gdir = os.path.join(a.trajectory, f"grads-{s}")
        if os.path.isdir(gdir):
            # the gradient of step s, each side at its own parameters (identical at step 1)
            compare("gradients", s, flat(to_paper(load_params(gdir), heads, dk, dv)), grads[s], grads_p[s])
    ok = worst["parameters"] <= a.tolerance and worst["gradients"] <= a.tolerance and not settings_differ
    report.update({"worst_parameter_ratio": worst["parameters"], "worst_gradient_ratio": worst["gradients"],
                   "tolerance": a.tolerance, "pass": ok})
    out(f"largest ratio to the floor (differences above 1e-5): parameters {worst['parameters']:.2f}x, "
        f"gradients {worst['gradients']:.2f}x (tolerance {a.tolerance:g}x)")
    out("PASS" if ok else "FAIL: " + ("settings differ" if settings_differ else
                                      f"a parameter or gradient differs by more than {a.tolerance:g}x the noise floor"))
    print("\n".join(lines))
    if a.out:
        with open(a.out + ".txt", "w") as f:
            f.write("\n".join(lines) + "\n")
        with open(a.out + ".json", "w") as f:
            json.dump(report, f, indent=1, sort_keys=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
