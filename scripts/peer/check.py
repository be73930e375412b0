#!/usr/bin/env python3
"""Checks that scripts/peer/torch_peer.py trains the same model with the same step as hyla4j (issue #51).

Input: trajectories written by hyla4j's scripts/paper/Trajectory.java (index.json, params-N/, grads-N/, batches/ with
every step's inputs, targets and attention-dropout masks). The peer loads hyla4j's initial parameters, replays the same
batches and masks through its own forward, backward and AdamW (the paper's decay mask, the schedule of docs/model.md §5),
and compares, for every step, the loss, the learning rate, and at the dumped steps the gradients and the parameters.

To say what "equal to float32 rounding" means here, the peer replays each trajectory a second time in float64 (same
parameters, data and masks): its distance to the float32 peer is the float32 noise floor, printed beside the distance
between hyla4j and the peer.

  /work/peerenv/bin/python scripts/peer/check.py TRAJECTORY_DIR... [--adamw fused,foreach,loop] [--mask paper|matrices]

Metrics (max over steps or tensors):
  loss     |loss_peer - loss_hyla4j| / |loss_hyla4j|
  grad     per tensor max|g_peer - g_hyla4j| / max|g_hyla4j|, at each dumped step
  update   per tensor max|dp_peer - dp_hyla4j| / max|dp_hyla4j|, dp = p_N - p_0 (what AdamW moved, which the
           parameters alone would hide while the learning rate is small)
  param    max|p_peer - p_hyla4j| over all tensors after N steps
  grad@s   as grad, but the peer's gradient of update s taken at hyla4j's own parameters before that update
           (params-(s-1), when dumped), so without the drift that AdamW amplifies over the replayed steps
A metric passes when hyla4j vs peer is within max(tolerance, 4 x the float32 noise floor); tolerances: loss 1e-5,
grad 1e-4, update 1e-3, param 1e-5. The floor matters for `update`: AdamW divides a gradient by its own magnitude, so an
entry whose exact gradient is about 0 moves by rounding noise alone (up to lr per step). Under softmax the key part of
qkv_bias is such a tensor: adding q.b_k adds the same to every key's score, which softmax over keys ignores.
The decay mask is compared by name with the tensors hyla4j decayed (index.json's `decayed`); --mask matrices gives the
peer a wrong one, to see the check fail. Exit status 1 on any failure, or if parameter counts, decayed tensors or
learning rates differ.
"""
import argparse
import json
import os
import re
import sys

import numpy as np
import torch

sys.dont_write_bytecode = True  # no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch_peer as peer  # noqa: E402

TOLERANCE = {"loss": 1e-5, "grad": 1e-4, "update": 1e-3, "param": 1e-5}
# hyla4j's parameter names, e.g. 02layer0_02attention_qkv_kernel or 01embed_kernel (block order prefixes)
HYLA4J_NAME = re.compile(r"^\d\d(embed|final_norm|readout|layer(\d+))_(?:\d\d(norm1|attention|norm2|mlp_in|mlp_out)_)?(.+)$")


def peer_name(hyla4j_name):
    """hyla4j's parameter name -> the peer's (e.g. layers.0.attention.qkv_kernel)."""
    m = HYLA4J_NAME.match(hyla4j_name)
    if not m:
        raise ValueError(f"unexpected hyla4j parameter name {hyla4j_name}")
    top, layer, sub, leaf = m.groups()
    if layer is not None:
        return f"layers.{layer}.{sub}.{leaf}"
    return f"{top}.{leaf}"


def load_dir(directory, names):
    return {peer_name(n): np.load(os.path.join(directory, n + ".npy")) for n in names}


def config_of(index):
    """The peer's built-in configuration of the task, checked against the model the trajectory trained."""
    c = dict(peer.TASKS[index["task"]])
    m = index["model"]
    mine = {"layers": c["layers"], "model_dim": c["model_dim"], "heads": c["heads"], "qk_dim": c["qk_dim"],
            "v_dim": c["v_dim"], "mlp_dim": c["mlp_dim"], "seq_len": c["seq_len"], "input_dim": c["input_dim"],
            "output_dim": c["output_dim"], "readout_positions": c["readout"], "causal": False}
    if mine != m:
        raise SystemExit(f"error: the peer's {index['task']} model {mine} is not the trajectory's {m}")
    return c


def load_model(index, params_dir, dtype):
    """The peer's model of the trajectory's task and variant, holding hyla4j's parameters from params_dir."""
    torch.manual_seed(0)
    model = peer.Transformer(config_of(index), index["attention"]).to(dtype)
    params = dict(model.named_parameters())
    values = load_dir(params_dir, index["parameters"])
    if set(values) != set(params):
        raise SystemExit(f"error: parameter names differ: {sorted(set(values) ^ set(params))}")
    with torch.no_grad():
        for n, p in params.items():
            if tuple(p.shape) != values[n].shape:
                raise SystemExit(f"error: {n} is {tuple(p.shape)} in the peer, {values[n].shape} in hyla4j")
            p.copy_(torch.from_numpy(values[n]).to(dtype))
    return model, params, values


def load_batch(directory, index, t, dtype):
    """Step t's inputs (B, T, in), targets and dropout masks (layers, 1, 1, T, T) as hyla4j trained on them."""
    batches = os.path.join(directory, "batches")
    x = torch.from_numpy(np.load(os.path.join(batches, f"x-{t}.npy"))).to(dtype)
    y = torch.from_numpy(np.load(os.path.join(batches, f"y-{t}.npy")))
    y = y.reshape(-1).to(dtype) if index["task"] == "fuzzylogic" else y.to(torch.long)
    keeps = None
    if index["dropout"] > 0:
        keeps = torch.stack([torch.from_numpy(np.load(os.path.join(batches, f"mask-{t}-{l}.npy")))
                             for l in range(index["model"]["layers"])]).to(dtype)
    return x, y, keeps


def replay(directory, index, dtype, adamw, mask):
    """Runs the trajectory's steps in the peer; returns losses, lrs, grads and params at the dumped steps."""
    model, params, init = load_model(index, os.path.join(directory, "params-0"), dtype)
    decayed = sorted(peer_name(n) for n in index["decayed"])
    if mask == "matrices":  # a deliberately wrong mask, to show that the check notices (a negative control)
        peer.decays = lambda n, p: p.dim() >= 2
    mine = sorted(n for n, p in params.items() if peer.decays(n, p))
    optimizer = peer.make_optimizer(model, index["weight_decay"], adamw if dtype == torch.float32 else "loop")
    dumped = set(index["dumped"])
    losses, lrs, grads, states = [], [], {}, {}
    for t in range(index["steps"]):
        x, y, keeps = load_batch(directory, index, t, dtype)
        lr = peer.schedule(index["lr"], index["warmup"], index["schedule_steps"], t)
        for group in optimizer.param_groups:
            group["lr"] = lr
        loss = peer.forward_backward(model, index["task"], x, y, keeps)
        if t + 1 in dumped:
            grads[t + 1] = {n: p.grad.detach().double().numpy().copy() for n, p in params.items()}
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        losses.append(loss.item())
        lrs.append(lr)
        if t + 1 in dumped:
            states[t + 1] = {n: p.detach().double().numpy().copy() for n, p in params.items()}
    count = sum(p.numel() for p in params.values())
    return dict(losses=np.array(losses), lrs=lrs, grads=grads, params=states, count=count, decayed=(decayed, mine),
                init={n: a.astype(np.float64) for n, a in init.items()})


def grads_at_hyla4j_params(directory, index, dtype):
    """For every dumped gradient of update s whose parameters before it (params-(s-1)) were dumped too: the peer's loss
    and gradient at exactly hyla4j's parameters and batch, free of any drift between the two trajectories."""
    out = {}
    for s in index["dumped"]:
        before = os.path.join(directory, f"params-{s - 1}")
        if not (os.path.isdir(before) and os.path.isdir(os.path.join(directory, f"grads-{s}"))):
            continue
        model, params, _ = load_model(index, before, dtype)
        loss = peer.forward_backward(model, index["task"], *load_batch(directory, index, s - 1, dtype))
        out[s] = (loss.item(), {n: p.grad.detach().double().numpy().copy() for n, p in params.items()})
    return out


def rel_max(a, b):
    """(max over tensors of max|a - b| / max|b|, the tensor where it is)."""
    worst = (0.0, "")
    for n in b:
        scale = np.max(np.abs(b[n]))
        if scale > 0:
            worst = max(worst, (float(np.max(np.abs(a[n] - b[n])) / scale), n))
    return worst


def abs_max(a, b):
    return max((float(np.max(np.abs(a[n] - b[n]))), n) for n in b)


def compare(ref, other, init):
    """Distances of the run `other` from `ref` (both dicts of losses, grads, params): metric -> (value, tensor)."""
    out = {"loss": (float(np.max(np.abs(other["losses"] - ref["losses"]) / np.abs(ref["losses"]))), "")}
    out["grad"] = max(rel_max(other["grads"][s], ref["grads"][s]) for s in ref["grads"])
    out["update"] = max(rel_max({n: other["params"][s][n] - init[n] for n in init},
                                {n: ref["params"][s][n] - init[n] for n in init}) for s in ref["params"])
    out["param"] = max(abs_max(other["params"][s], ref["params"][s]) for s in ref["params"])
    return out


def hyla4j_run(directory, index):
    names = index["parameters"]
    dumped = index["dumped"]
    return dict(losses=np.array(index["losses"], dtype=np.float64),
                grads={s: {k: v.astype(np.float64) for k, v in load_dir(os.path.join(directory, f"grads-{s}"), names).items()}
                       for s in dumped if os.path.isdir(os.path.join(directory, f"grads-{s}"))},
                params={s: {k: v.astype(np.float64) for k, v in load_dir(os.path.join(directory, f"params-{s}"), names).items()}
                        for s in dumped})


def check(directory, adamw, mask):
    with open(os.path.join(directory, "index.json")) as f:
        index = json.load(f)
    if not index.get("trained", True):
        raise SystemExit(f"error: {directory} was written without training (HYLA4J_TRAJ_TRAIN=0)")
    h = hyla4j_run(directory, index)
    hyla4j_count = sum(int(np.prod(a.shape)) for a in h["params"][index["dumped"][0]].values())
    ok = True
    f64 = replay(directory, index, torch.float64, "loop", mask)
    for impl in adamw:
        p32 = replay(directory, index, torch.float32, impl, mask)
        lr_diff = max(abs(a - b) for a, b in zip(p32["lrs"], index["lrs"]))
        decayed, mine = p32["decayed"]
        versus = compare(h, p32, f64["init"])  # hyla4j (float32) against the peer (float32)
        floor = compare(f64, p32, f64["init"])  # the peer in float32 against itself in float64: rounding alone
        h_vs_64 = compare(f64, h, f64["init"])  # hyla4j (float32) against the peer in float64
        print(f"{index['task']} {index['attention']} ({os.path.basename(os.path.normpath(directory))}), AdamW {impl}, "
              f"{index['steps']} steps, batch {index['batch']}, dumps {index['dumped']}:")
        print(f"  parameters: peer {p32['count']:,}, hyla4j {hyla4j_count:,}; decayed tensors: peer {len(mine)}, "
              f"hyla4j {len(decayed)}{'' if mine == decayed else ' (DIFFERENT)'}; max |lr_peer - lr_hyla4j| = {lr_diff:.1e}")
        print(f"  losses, hyla4j: {' '.join(f'{v:.6f}' for v in h['losses'][:5])} ... {h['losses'][-1]:.6f}")
        print(f"  losses, peer:   {' '.join(f'{v:.6f}' for v in p32['losses'][:5])} ... {p32['losses'][-1]:.6f}")
        print(f"  {'metric':7s} {'hyla4j vs peer':>15s} {'hyla4j vs peer64':>17s} {'peer vs peer64':>15s} {'bound':>9s}  worst tensor")
        for k in ("loss", "grad", "update", "param"):
            bound = max(TOLERANCE[k], 4 * floor[k][0])
            bad = versus[k][0] > bound
            ok = ok and not bad
            print(f"  {k:7s} {versus[k][0]:15.2e} {h_vs_64[k][0]:17.2e} {floor[k][0]:15.2e} {bound:9.1e}"
                  f"{'  EXCEEDED' if bad else ''}  {versus[k][1]}")
        same = p32["count"] == hyla4j_count and mine == decayed and lr_diff < 1e-12
        ok = ok and same
    # the gradient of the same parameters and batch, without the drift of 20 steps of AdamW
    g32, g64 = grads_at_hyla4j_params(directory, index, torch.float32), grads_at_hyla4j_params(directory, index, torch.float64)
    for s in g32:
        versus, floor = rel_max(g32[s][1], h["grads"][s]), rel_max(g32[s][1], g64[s][1])
        h_vs_64 = rel_max(h["grads"][s], g64[s][1])
        loss_diff = abs(g32[s][0] - h["losses"][s - 1]) / abs(h["losses"][s - 1])
        bound = max(TOLERANCE["grad"], 4 * floor[0])
        bad = versus[0] > bound
        ok = ok and not bad
        print(f"  grad of update {s} at hyla4j's own parameters and batch (loss rel. diff {loss_diff:.1e}):")
        print(f"  {'grad@' + str(s):7s} {versus[0]:15.2e} {h_vs_64[0]:17.2e} {floor[0]:15.2e} {bound:9.1e}"
              f"{'  EXCEEDED' if bad else ''}  {versus[1]}")
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dirs", nargs="+", help="trajectory directories written by scripts/paper/Trajectory.java")
    ap.add_argument("--adamw", default="fused", help="comma-separated AdamW implementations to check (fused,foreach,loop)")
    ap.add_argument("--mask", choices=["paper", "matrices"], default="paper",
                    help="matrices: give the peer the wrong decay mask, to see the check fail (negative control)")
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    torch.set_num_interop_threads(1)
    torch.set_num_threads(args.threads)
    ok = all([check(d, args.adamw.split(","), args.mask) for d in args.dirs])
    print("PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
