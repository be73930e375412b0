#!/usr/bin/env python3
"""A PyTorch-eager peer of hyla4j: the same model and the same training step, written op by op in Python.

It exists to time hyla4j against (issue #51): forward, backward and AdamW of the model of docs/model.md on the two
paper configurations, with nothing but PyTorch's eager API. It is not part of the Maven build; scripts/peer/setup
installs it into a virtual environment outside the repository, from a local torch wheel.

What it computes, and where the repository specifies it:
  * the transformer of docs/model.md §2.1-2.2: input Dense (no absolute positions), pre-LayerNorm blocks
    (LayerNorm eps 1e-6, tanh-GELU MLP), final LayerNorm and a Dense readout at the last P positions;
  * attention as (sigma, target network), §1.1-1.5: fused Q/K/V projection in Flax layout (D, 2*H*d_k + H*d_v),
    scores (Q/sqrt(d_k)) K^T plus a per-layer T5 relative-position bias (§2.3, unidirectional, n_b = T), sigma in
    {softmax, identity, RMSHead}, attention dropout with one (1, 1, T, T) mask per layer shared by batch and heads
    (§1.4), target network `default` or HYLA's `mlp_relu` / `mlp_linear`;
  * the loss of each task: mean squared error without 1/2 at the last position (fuzzy logic, §3), softmax
    cross-entropy over 8 classes averaged over batch x 4 readout positions (SRAVEN, §4);
  * AdamW as optax composes it (§5): beta1 0.9, beta2 0.999, eps 1e-8 outside the square root, bias correction,
    decoupled decay scaled by the scheduled lr, on the paper's decay mask (§5 and §10 item 9: every parameter with
    two or more dimensions, and the fused query/key/value bias); the warm-up + cosine schedule of §5.
    torch.optim.AdamW is exactly this update: p <- p - lr*wd*p - lr*m_hat/(sqrt(v_hat) + eps).

Parameters are initialised with Flax's laws (§2.4) from torch's generator; scripts/peer/check.py loads hyla4j's own
initial parameters instead and compares losses, gradients and parameters step by step.

Timing mode (the default) trains on synthetic batches of the right shapes (the data generator is not what is timed;
batches are made before timing) and prints one JSON line:

  torch_peer.py --task fuzzylogic|sraven --attention ID --threads N --steps S --warmup-steps W [--adamw fused|foreach|loop]

Legend: B batch, T tokens, D model width, H heads, d_k / d_v per-head widths, P readout positions, O output width.
"""
import argparse
import json
import math
import statistics
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn

# The two paper configurations (docs/model.md §2.5, §5): the `paper` presets of hyla4j's tasks, fuzzy logic at T = 32
# as in Table A1. seq_len = T = n_b; steps/warmup set the lr schedule of a full run.
TASKS = {
    "fuzzylogic": dict(layers=2, model_dim=128, heads=8, qk_dim=16, v_dim=16, mlp_dim=256, seq_len=32, input_dim=5,
                       output_dim=1, readout=1, batch=128, lr=1e-3, weight_decay=0.1, warmup=100, steps=50_000),
    "sraven": dict(layers=4, model_dim=128, heads=16, qk_dim=64, v_dim=64, mlp_dim=256, seq_len=36, input_dim=8,
                   output_dim=8, readout=4, batch=128, lr=1e-3, weight_decay=0.1, warmup=1_000, steps=156_250),
}

# Variant id -> (sigma, target network), the ids of docs/model.md §1.5.
VARIANTS = {
    "softmax_attention": ("softmax", "default"),
    "linear_attention": ("none", "default"),
    "linear_attention_rms_head": ("rms_head", "default"),
    "linear_hypatt": ("rms_head", "mlp_relu"),
    "linear_hypatt_no_rms_head": ("none", "mlp_relu"),
    "linear_hypatt_mlp_linear": ("rms_head", "mlp_linear"),
    "linear_hypatt_mlp_linear_no_rms_head": ("none", "mlp_linear"),
    "softmax_hypatt": ("softmax", "mlp_relu"),
}

RMS_HEAD_EPS = 1e-6  # docs/model.md §1.3
LAYER_NORM_EPS = 1e-6  # Flax's default, §2.1
TRUNCATED_STD = 0.87962566103423978  # std of N(0, 1) truncated to [-2, 2], §2.4
BETAS = (0.9, 0.999)
ADAM_EPS = 1e-8


def relative_buckets(seq_len, num_buckets):
    """Bucket of every (q, k), (T, T) long: T5 buckets, unidirectional, computed in float32 (docs/model.md §2.3)."""
    eps = torch.tensor(2.0 ** -23, dtype=torch.float32)
    max_exact = num_buckets // 2
    out = torch.empty(seq_len, seq_len, dtype=torch.long)
    for q in range(seq_len):
        for k in range(seq_len):
            n = max(q - k, 0)
            if n < max_exact:
                out[q, k] = n
            else:
                ratio = torch.tensor(n, dtype=torch.float32) / max_exact + eps
                log_ratio = torch.log(ratio) / torch.log(torch.tensor(2.0, dtype=torch.float32))
                out[q, k] = min(num_buckets - 1, max_exact + int(math.floor(float(log_ratio) * max_exact)))
    return out


def lecun_kernel(fan_in, *shape):
    """Flax's default kernel: N(0, 1) truncated to [-2, 2], times (1/sqrt(fan_in))/0.8796 (docs/model.md §2.4)."""
    w = torch.empty(*shape)
    nn.init.trunc_normal_(w, 0.0, 1.0, -2.0, 2.0)
    return nn.Parameter(w * ((1.0 / math.sqrt(fan_in)) / TRUNCATED_STD))


class Dense(nn.Module):
    """y = x W + b with a Flax-layout kernel (in, out)."""

    def __init__(self, n_in, n_out):
        super().__init__()
        self.kernel = lecun_kernel(n_in, n_in, n_out)
        self.bias = nn.Parameter(torch.zeros(n_out))

    def forward(self, x):
        return F.linear(x, self.kernel.t(), self.bias)


class LayerNorm(nn.Module):
    """LayerNorm over the last axis with scale and bias, eps 1e-6."""

    def __init__(self, dim):
        super().__init__()
        self.scale = nn.Parameter(torch.ones(dim))
        self.bias = nn.Parameter(torch.zeros(dim))

    def forward(self, x):
        return F.layer_norm(x, self.scale.shape, self.scale, self.bias, LAYER_NORM_EPS)


class Attention(nn.Module):
    """One multi-head attention layer of any (sigma, target network) variant, docs/model.md §1.1-1.5."""

    def __init__(self, c, sigma, target):
        super().__init__()
        d, h = c["model_dim"], c["heads"]
        self.h, self.qk, self.v = h, c["qk_dim"], c["v_dim"]
        self.dk, self.dv = self.qk // h, self.v // h
        self.sigma, self.target = sigma, target
        # [W_q | W_k | W_v], each (D, H, d) flattened row-major: column h*d + e is head h, entry e (§1.1)
        self.qkv_kernel = lecun_kernel(d, d, 2 * self.qk + self.v)
        self.qkv_bias = nn.Parameter(torch.zeros(2 * self.qk + self.v))
        self.out_kernel = lecun_kernel(self.v, self.v, d)  # rows h-major, e-minor
        self.out_bias = nn.Parameter(torch.zeros(d))
        t = c["seq_len"]
        self.relative_table = nn.Parameter(torch.randn(h, t) / math.sqrt(t))  # N(0, 1/n_b), §2.3
        self.register_buffer("buckets", relative_buckets(t, t), persistent=False)

    def forward(self, x, keep):
        """x (B, T, D); keep: the (1, 1, T, T) dropout mask scaled by 1/(1 - rate), or None."""
        b, t, _ = x.shape
        h, dk, dv = self.h, self.dk, self.dv
        qkv = F.linear(x, self.qkv_kernel.t(), self.qkv_bias)  # (B, T, 2*H*d_k + H*d_v)
        q, k, v = qkv.split([self.qk, self.qk, self.v], dim=-1)
        q = q.view(b, t, h, dk).transpose(1, 2) * (1.0 / math.sqrt(dk))  # (B, H, T, d_k)
        k = k.view(b, t, h, dk).permute(0, 2, 3, 1)  # (B, H, d_k, T)
        v = v.view(b, t, h, dv)  # (B, T, H, d_v)
        bias = self.relative_table[:, self.buckets[:t, :t]]  # (H, T, T)
        s = torch.matmul(q, k) + bias  # (B, H, T, T)
        a = self.normalize(s, keep)  # (B, H, T, T): the latent code, dropped
        if self.target == "default":
            z = torch.matmul(a, v.transpose(1, 2))  # (B, H, T, d_v)
            y = z.transpose(1, 2).reshape(b, t, h * dv)  # (B, T, H*d_v)
        else:  # HYLA's value network, §1.5 and §1.7
            u = torch.matmul(a.permute(0, 3, 2, 1), v)  # (B, k, q, H) @ (B, k, H, d_v) -> (B, k, q, d_v)
            if self.target == "mlp_relu":
                u = torch.relu(u)
            u = u.transpose(1, 2)  # U: (B, q, k, d_v)
            y = torch.matmul(a.transpose(1, 2), u)  # (B, q, H, k) @ (B, q, k, d_v) -> (B, q, H, d_v)
            y = y.reshape(b, t, h * dv)  # (B, T, H*d_v)
        return F.linear(y, self.out_kernel.t(), self.out_bias)  # (B, T, D)

    def normalize(self, s, keep):
        """sigma(S) times the dropout mask (§1.3-1.4)."""
        if self.sigma == "softmax":
            a = torch.softmax(s, dim=-1)
            return a if keep is None else a * keep
        if self.sigma == "rms_head":  # RMS over the head axis, no gain
            factor = torch.rsqrt(s.square().mean(dim=1, keepdim=True) + RMS_HEAD_EPS)  # (B, 1, T, T)
            return s * (factor if keep is None else factor * keep)
        return s if keep is None else s * keep


class Block(nn.Module):
    """h = x + Attn(LN1(x)); out = h + MLP(LN2(h)), MLP = Dense -> tanh-GELU -> Dense (docs/model.md §2.1)."""

    def __init__(self, c, sigma, target):
        super().__init__()
        self.norm1 = LayerNorm(c["model_dim"])
        self.attention = Attention(c, sigma, target)
        self.norm2 = LayerNorm(c["model_dim"])
        self.mlp_in = Dense(c["model_dim"], c["mlp_dim"])
        self.mlp_out = Dense(c["mlp_dim"], c["model_dim"])

    def forward(self, x, keep):
        h = x + self.attention(self.norm1(x), keep)  # (B, T, D)
        return h + self.mlp_out(F.gelu(self.mlp_in(self.norm2(h)), approximate="tanh"))


class Transformer(nn.Module):
    """Input Dense, pre-LN blocks, final LayerNorm and readout at the last P positions (docs/model.md §2.2)."""

    def __init__(self, c, attention):
        super().__init__()
        sigma, target = VARIANTS[attention]
        self.readout_positions = c["readout"]
        self.embed = Dense(c["input_dim"], c["model_dim"])
        self.layers = nn.ModuleList(Block(c, sigma, target) for _ in range(c["layers"]))
        self.final_norm = LayerNorm(c["model_dim"])
        self.readout = Dense(c["model_dim"], c["output_dim"])

    def forward(self, x, keeps):
        """x (B, T, input_dim); keeps: one (1, 1, T, T) mask per layer, or None. Returns (B, P, O)."""
        h = self.embed(x)  # (B, T, D)
        for i, layer in enumerate(self.layers):
            h = layer(h, None if keeps is None else keeps[i])
        return self.readout(self.final_norm(h[:, -self.readout_positions:, :]))  # (B, P, O)


def loss_fn(task, prediction, targets):
    """fuzzylogic: targets (B,), MSE without 1/2. sraven: targets (B, P) class indices, CE averaged over B x P."""
    if task == "fuzzylogic":
        return F.mse_loss(prediction.reshape(targets.shape), targets)
    classes = prediction.shape[-1]
    return F.cross_entropy(prediction.reshape(-1, classes), targets.reshape(-1))


def decays(name, param):
    """The paper's decay mask on hyla4j's fused layout (docs/model.md §5, §10 item 9)."""
    return param.dim() >= 2 or name.endswith("qkv_bias")


def make_optimizer(model, weight_decay, impl):
    """torch's AdamW over two groups (decayed, not decayed); impl: fused, foreach or loop (torch's CPU default)."""
    decayed = [p for n, p in model.named_parameters() if decays(n, p)]
    kept = [p for n, p in model.named_parameters() if not decays(n, p)]
    kwargs = {"fused": True} if impl == "fused" else {"foreach": impl == "foreach"}
    return torch.optim.AdamW([{"params": decayed, "weight_decay": weight_decay},
                              {"params": kept, "weight_decay": 0.0}],
                             lr=0.0, betas=BETAS, eps=ADAM_EPS, **kwargs)


def schedule(peak, warmup, steps, t):
    """optax's warmup_cosine_decay_schedule as docs/model.md §5 writes it: lr(0) = 0, end value 0.1*peak."""
    if t < warmup:
        return peak * t / warmup
    decay = max(1, steps - 2 * warmup)
    progress = min(t - warmup, decay) / decay
    end = 0.1 * peak
    return end + (peak - end) * 0.5 * (1 + math.cos(math.pi * progress))


def forward_backward(model, task, x, y, keeps):
    """The loss of one batch and its gradients in every parameter's .grad (which must be None or zero before)."""
    loss = loss_fn(task, model(x, keeps), y)
    loss.backward()
    return loss


def train_step(model, optimizer, task, x, y, keeps, lr):
    """One update: forward, backward, AdamW at learning rate lr; returns the loss as a float."""
    for group in optimizer.param_groups:
        group["lr"] = lr
    loss = forward_backward(model, task, x, y, keeps)
    optimizer.step()
    optimizer.zero_grad(set_to_none=True)
    return loss.item()


def dropout_masks(generator, layers, t, rate):
    """One Bernoulli(1 - rate) mask per layer scaled by 1/(1 - rate): (layers, 1, 1, T, T), docs/model.md §1.4."""
    keep = torch.rand(layers, 1, 1, t, t, generator=generator) >= rate
    return keep.to(torch.float32) * (1.0 / (1.0 - rate))


def synthetic_batch(task, c, batch, generator):
    """Inputs and targets of the right shapes and kinds (what is timed is the step, not the data generator)."""
    t = c["seq_len"]
    if task == "fuzzylogic":  # tokens [x_1..x_4, y], the query's y is 0 (docs/model.md §3)
        x = torch.rand(batch, t, c["input_dim"], generator=generator)
        x[:, -1, -1] = 0.0
        return x, torch.rand(batch, generator=generator)
    # SRAVEN: one-hot tokens of 8 values for the 32 context tokens, 4 zero query tokens (§4)
    values = torch.randint(0, c["input_dim"], (batch, t), generator=generator)
    x = F.one_hot(values, c["input_dim"]).to(torch.float32)
    x[:, -c["readout"]:, :] = 0.0
    return x, torch.randint(0, c["output_dim"], (batch, c["readout"]), generator=generator)


def parameter_count(model):
    return sum(p.numel() for p in model.parameters())


def main(argv=None):
    ap = argparse.ArgumentParser(description="Time training steps of the PyTorch-eager peer of hyla4j (one JSON line).")
    ap.add_argument("--task", choices=sorted(TASKS), default="fuzzylogic")
    ap.add_argument("--attention", choices=sorted(VARIANTS), default="linear_hypatt")
    ap.add_argument("--threads", type=int, default=1, help="intra-op threads (inter-op: 1). Default 1.")
    ap.add_argument("--steps", type=int, default=20, help="timed steps. Default 20.")
    ap.add_argument("--warmup-steps", type=int, default=5, help="untimed steps first. Default 5.")
    ap.add_argument("--batch", type=int, default=None, help="batch size. Default: the paper's 128.")
    ap.add_argument("--attention-dropout", type=float, default=0.1, help="Default 0.1 (docs/model.md §1.4).")
    ap.add_argument("--adamw", choices=["fused", "foreach", "loop"], default="fused",
                    help="torch.optim.AdamW's implementation: fused (one kernel over all parameters, the default), "
                         "foreach (multi-tensor ops) or loop (torch's CPU default: ops per parameter)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    if args.steps < 1 or args.warmup_steps < 0 or args.threads < 1:
        ap.error("--steps must be >= 1, --warmup-steps >= 0, --threads >= 1")
    torch.set_num_interop_threads(1)
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    c = TASKS[args.task]
    batch = args.batch or c["batch"]
    model = Transformer(c, args.attention)
    model.train()
    optimizer = make_optimizer(model, c["weight_decay"], args.adamw)
    gen = torch.Generator().manual_seed(args.seed + 1)
    batches = [synthetic_batch(args.task, c, batch, gen) for _ in range(4)]
    times = []
    for step in range(args.warmup_steps + args.steps):
        x, y = batches[step % len(batches)]
        start = time.perf_counter()
        keeps = dropout_masks(gen, c["layers"], c["seq_len"], args.attention_dropout) \
            if args.attention_dropout > 0 else None
        loss = train_step(model, optimizer, args.task, x, y, keeps,
                          schedule(c["lr"], c["warmup"], c["steps"], step))
        elapsed = time.perf_counter() - start
        if not math.isfinite(loss):
            sys.exit(f"error: training loss became {loss} at step {step + 1}")
        if step >= args.warmup_steps:
            times.append(elapsed * 1e3)
    times.sort()
    median = statistics.median(times)
    print(json.dumps({
        "system": "torch-eager", "torch": torch.__version__, "task": args.task, "attention": args.attention,
        "threads": args.threads, "batch": batch, "seq_len": c["seq_len"], "parameters": parameter_count(model),
        "adamw": args.adamw, "steps": args.steps, "warmup_steps": args.warmup_steps,
        "step_ms_median": round(median, 3), "step_ms_min": round(times[0], 3), "step_ms_max": round(times[-1], 3),
        "steps_per_s": round(1e3 / median, 4), "last_loss": loss}))


if __name__ == "__main__":
    main()
