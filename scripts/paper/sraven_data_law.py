"""Compares hyla4j's SRAVEN generator with the paper's own (hyla/data/raven.py, SymbolicRavenGenerator, at its
configs/raven.py raven_3x3_4features settings): the held-out rule multisets, and the law of the problems.

    scripts/paper/run sraven_data_law.py --jar runner/target/hyla4j-runner-*-all.jar --out docs/results/fidelity/sraven-data-law

The hyla4j side comes from scripts/paper/SravenData.java (run here with --jar, or read from --hyla4j-data): the
`ood` and in-distribution rule multisets of seeds 0, 1, 2 under `split: jax`, and --count training problems and
--count/4 `ood` problems drawn exactly as training and evaluation draw them. The paper's side draws the same numbers
with SymbolicRavenGenerator.sample. Two independent streams cannot be compared problem by problem, so the law is
compared by statistics: each as a two-sample chi-square test of homogeneity of two histograms (p-value; a table
of them with a Bonferroni threshold, and as a control the same tests between two samples of the paper's own
generator), plus checks that must hold exactly (split sets, every problem following its
rules, the encoding of a batch).

Writes OUT.txt (the report) and OUT.json (the numbers). Exit status 1 when an exact check fails or a p-value falls
below 0.01 / the number of tests.
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from itertools import combinations, permutations

import jax
import jax.numpy as jnp
import numpy as np
from jax.scipy.special import gammaincc

import configs.raven
from hyla.data.raven import SymbolicRavenGenerator

RULES = ["constant", "progression+1", "progression+2", "progression-1", "progression-2", "addition", "subtraction",
         "distribute_three"]
PERMS = list(permutations(range(4)))


def follows(rule, g, F):
    """Whether the 3x3 grid g (rows x columns) follows the rule (the rules of the paper's raven.py; docs/model.md §4)."""
    if rule == 0:
        return all(r[0] == r[1] == r[2] for r in g)
    if 1 <= rule <= 4:
        inc = {1: 1, 2: 2, 3: -1, 4: -2}[rule]
        return all(r[j] == (r[0] + inc * j) % F for r in g for j in range(3))
    if rule == 5:
        return all(r[2] == (r[0] + r[1]) % F for r in g)
    if rule == 6:
        return all(r[2] == (r[0] - r[1]) % F for r in g)
    s0 = sorted(g[0])
    return len(set(g[0])) == 3 and all(sorted(r) == s0 for r in g)


def original(panels, perms):
    """The 3x3 grid of each original feature: displayed slot s of column c holds original feature perms[c][s]."""
    p = np.asarray(panels).reshape(3, 3, -1)  # (rows, columns, K)
    K = p.shape[-1]
    g = np.zeros((K, 3, 3), dtype=int)
    for c in range(3):
        for s in range(K):
            g[perms[c][s], :, c] = p[:, c, s]
    return g


def chi2(a, b):
    """Two-sample chi-square test that histograms a and b (counts) come from one law: (statistic, dof, p)."""
    a, b = np.asarray(a, float).ravel(), np.asarray(b, float).ravel()
    keep = (a + b) > 0
    a, b = a[keep], b[keep]
    na, nb = a.sum(), b.sum()
    stat = float(np.sum((a * np.sqrt(nb / na) - b * np.sqrt(na / nb)) ** 2 / (a + b)))
    dof = int(keep.sum()) - 1
    p = float(gammaincc(dof / 2.0, stat / 2.0)) if dof > 0 else 1.0
    return stat, dof, p


def statistics(problems, F):
    """Histograms of one side's problems (dict of name -> count array) and its exact-check counters. Every histogram
    counts one observation per problem or per feature grid, never several correlated ones (the rows of one
    distribute-three grid share their three values), so that the chi-square tests below are calibrated."""
    rules = np.asarray(problems["rules"])
    perms = np.asarray(problems["perms"])
    panels = np.asarray(problems["panels"]).reshape(len(rules), 9, -1)
    n, K = rules.shape
    h, exact = {}, Counter()
    for f in range(K):
        h[f"rule of sorted slot {f}"] = np.bincount(rules[:, f], minlength=8)
    h["_rule, all slots"] = np.bincount(rules.ravel(), minlength=8)  # a summary number, not a test (4 per problem)
    h["_multisets"] = Counter(tuple(r) for r in rules)
    perm_index = {p: i for i, p in enumerate(PERMS)}
    for c in range(3):
        h[f"permutation of column {c}"] = np.bincount([perm_index[tuple(p)] for p in perms[:, c]], minlength=24)
    same = [len({tuple(p) for p in pp}) for pp in perms]  # distinct permutations among the 3 columns
    h["distinct column permutations (1, 2, 3)"] = np.bincount(same, minlength=4)[1:]
    for pos in range(9):
        h[f"displayed value of slot 0, panel {pos}"] = np.bincount(panels[:, pos, 0], minlength=F)
    h["_all displayed values"] = np.bincount(panels.ravel(), minlength=F)
    for s in range(K):
        h[f"answer value, displayed slot {s}"] = np.bincount(panels[:, 8, s], minlength=F)
    by_rule_answer = np.zeros((8, F), int)
    by_rule_pairs = np.zeros((8, 3, F * F), int)
    by_rule_rows_equal = np.zeros((8, 3), int)
    three_sets = {c: i for i, c in enumerate(combinations(range(F), 3))}
    d3_sets = np.zeros(len(three_sets), int)
    answer_in_context = 0
    for i in range(n):
        g = original(panels[i], perms[i])
        for f in range(K):
            r = rules[i, f]
            exact["features"] += 1
            exact["features following their rule"] += follows(r, g[f].tolist(), F)
            by_rule_answer[r, g[f][2, 2]] += 1
            for j, row in enumerate(g[f]):
                by_rule_pairs[r, j, row[0] * F + row[1]] += 1
            by_rule_rows_equal[r, sum(int((g[f][j] == g[f][0]).all()) for j in (1, 2))] += 1
            if r == 7:
                d3_sets[three_sets[tuple(sorted(g[f][0].tolist()))]] += 1
        answer_in_context += any((panels[i, 8] == panels[i, j]).all() for j in range(8))
    for r in range(8):
        for j in range(3):
            h[f"{RULES[r]}: (first, second) value of row {j + 1}"] = by_rule_pairs[r, j]
        h[f"{RULES[r]}: answer value"] = by_rule_answer[r]
        h[f"{RULES[r]}: rows 2, 3 equal to row 1 (0, 1, 2)"] = by_rule_rows_equal[r]
    h[f"distribute_three: its set of three values ({len(three_sets)} bins)"] = d3_sets
    h["answer panel equals a context panel (no, yes)"] = np.array([n - answer_in_context, answer_in_context])
    exact["problems"] = n
    return h, exact


def paper_problems(gen, seed, count, split):
    rules, perms, panels = [], [], []
    key = jax.random.PRNGKey(seed)
    i = 0
    while sum(len(r) for r in rules) < count:
        n = min(1024, count - sum(len(r) for r in rules))
        instances, info = gen.sample(jax.random.fold_in(key, i), n, split)
        i += 1
        rules.append(np.asarray(info["latents"]))
        perms.append(np.asarray(info["perms"]))
        panels.append(np.asarray(instances).reshape(n, 9, -1))  # (tasks, rows, columns, K) -> 9 panels row-major
    return {"rules": np.concatenate(rules), "perms": np.concatenate(perms), "panels": np.concatenate(panels)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jar", help="the runner's shaded jar, to run scripts/paper/SravenData.java")
    ap.add_argument("--hyla4j-data", help="SravenData.java's output, instead of running it")
    ap.add_argument("--count", type=int, default=20000, help="training problems per side (ood: a quarter)")
    ap.add_argument("--ambiguity", type=int, default=2000, help="problems per side for the paper's ambiguity check")
    ap.add_argument("--seeds", default="0,1,2")
    ap.add_argument("--out", required=True, help="write OUT.txt and OUT.json")
    a = ap.parse_args()
    seeds = [int(s) for s in a.seeds.split(",")]
    here = os.path.dirname(os.path.abspath(__file__))
    if a.hyla4j_data:
        hj = json.load(open(a.hyla4j_data))
    else:
        jar = glob.glob(a.jar)[0]
        with tempfile.TemporaryDirectory() as tmp:
            f = os.path.join(tmp, "hyla4j.json")
            subprocess.run(["java", "-cp", jar, os.path.join(here, "SravenData.java"), f, a.seeds, str(a.count)],
                           check=True, stdout=subprocess.DEVNULL)
            hj = json.load(open(f))
    dc = configs.raven.data_config("raven_3x3_4features")
    F, K = dc.feature_maxval, dc.num_features
    assert hj["options"] == {"num_features": str(K), "feature_maxval": str(F), "frac_ood": str(dc.frac_ood),
                             "permute_features": str(dc.permute_features).lower(), "split": "jax"}, hj["options"]
    lines, report = [], {"jax": jax.__version__, "count": a.count, "seeds": seeds, "tests": [], "exact": {}}
    out = lines.append
    out(f"SRAVEN data law: hyla4j (split jax) against the paper's SymbolicRavenGenerator (raven_3x3_4features: K {K}, "
        f"F {F}, frac_ood {dc.frac_ood}, permute_features {dc.permute_features}); jax {jax.__version__}")
    failures = []

    def exact(name, ok, detail=""):
        report["exact"][name] = {"ok": bool(ok), "detail": detail}
        out(f"  {'ok  ' if ok else 'FAIL'} {name}{': ' + detail if detail else ''}")
        if not ok:
            failures.append(name)

    out("")
    out("1. Held-out rule multisets (the paper: jax.random.permutation(jax.random.key(seed)) of "
        "combinations_with_replacement(range(8), 4), the first int(0.25 n) held out)")
    gens = {}
    for seed in seeds:
        gen = SymbolicRavenGenerator(K, F, dc.grid_size, dc.permute_features, dc.frac_ood, seed)
        gens[seed] = gen
        p_ood = [list(map(int, x)) for x in np.asarray(gen.latents_all[gen.latents_idx_out_dist])]
        p_in = [list(map(int, x)) for x in np.asarray(gen.latents_all[gen.latents_idx_in_dist])]
        h_ood, h_in = hj["latents"][str(seed)]["ood"], hj["latents"][str(seed)]["in_distribution"]
        exact(f"seed {seed}: the same ood multisets in the same order", p_ood == h_ood,
              f"{len(h_ood)} held out, {len(h_in)} in distribution (paper {len(p_ood)}, {len(p_in)})")
        exact(f"seed {seed}: the same in-distribution multisets in the same order", p_in == h_in)
    others = [sorted(map(tuple, hj["latents"][str(s)]["ood"])) for s in seeds]
    out(f"  (the seeds' held-out sets differ from each other: {len({tuple(o) for o in others}) == len(seeds)})")

    seed = hj["seed"]
    gen = gens[seed]
    paper = {"train": paper_problems(gen, seed, a.count, "train"), "ood": paper_problems(gen, seed, a.count // 4, "ood")}
    in_set = {tuple(x) for x in hj["latents"][str(seed)]["in_distribution"]}
    ood_set = {tuple(x) for x in hj["latents"][str(seed)]["ood"]}

    out("")
    out(f"2. Exact checks on the problems (seed {seed}; {a.count} training and {a.count // 4} ood problems per side)")
    stats = {}
    for side, probs in (("hyla4j", {"train": hj["train"], "ood": hj["ood"]}), ("paper", paper)):
        for split, allowed in (("train", in_set), ("ood", ood_set)):
            h, ex = statistics(probs[split], F)
            stats[(side, split)] = h
            seen = set(h["_multisets"])
            exact(f"{side} {split}: every feature follows its rule after undoing the column permutations",
                  ex["features following their rule"] == ex["features"],
                  f"{ex['features following their rule']} of {ex['features']}")
            exact(f"{side} {split}: every problem's rule multiset is in its split", seen <= allowed,
                  f"{len(seen)} distinct of {len(allowed)}")
            rules = np.asarray(probs[split]["rules"])
            exact(f"{side} {split}: rule multisets are drawn sorted (a latent, as in combinations_with_replacement)",
                  bool((np.diff(rules, axis=1) >= 0).all()))
    # the encoding (the paper's sample_fn in create_raven_datasets): one-hot context panels, then K zero tokens
    fb = hj["first_batch"]
    B, T, W = fb["shape"]
    panels = np.asarray(hj["train"]["panels"][:B]).reshape(B, 9, K)
    x = np.asarray(jax.nn.one_hot(panels[:, :8].reshape(B, 8 * K), F)).reshape(B, 8 * K, F)
    x = np.concatenate([x, np.zeros((B, K, F))], axis=1)
    exact("encoding: hyla4j's first training batch is the paper's sample_fn encoding of its problems "
          "(one-hot panels 1-8, then K zero tokens; targets the 9th panel)",
          (B, T, W) == (128, dc.seq_len, F) and np.array_equal(np.asarray(fb["inputs"]).reshape(B, T, W), x)
          and np.array_equal(np.asarray(fb["targets"]).reshape(B, K), panels[:, 8]), f"shape {(B, T, W)}")

    out("")
    out("3. The law: two-sample chi-square tests, hyla4j against the paper (p: the probability of a difference at "
        "least this large between two samples of one law)")
    def battery(sa, sb):
        tests = []
        for split in ("train", "ood"):
            hh, hp = sa[split], sb[split]
            keys = [k for k in hh if not k.startswith("_")]
            allms = sorted(set(hh["_multisets"]) | set(hp["_multisets"]))
            rows = [(f"rule multiset ({len(allms)} bins)", [hh["_multisets"][m] for m in allms],
                     [hp["_multisets"][m] for m in allms])]
            rows += [(k, hh[k], hp[k]) for k in keys]
            for name, x1, x2 in rows:
                stat, dof, p = chi2(x1, x2)
                tests.append({"split": split, "statistic": name, "chi2": stat, "dof": dof, "p": p,
                              "hyla4j": np.asarray(x1).tolist(), "paper": np.asarray(x2).tolist()})
        return tests

    tests = battery({sp: stats[("hyla4j", sp)] for sp in ("train", "ood")},
                    {sp: stats[("paper", sp)] for sp in ("train", "ood")})
    threshold = 0.01 / len(tests)
    for t in tests:
        flag = "  <-- below threshold" if t["p"] < threshold else ""
        out(f"  {t['split']:5s} {t['statistic'][:60]:60s} chi2 {t['chi2']:8.1f} dof {t['dof']:4d}  p {t['p']:.3f}{flag}")
        if t["p"] < threshold:
            failures.append(f"{t['split']}: {t['statistic']}")
    ps = np.array([t["p"] for t in tests])
    out(f"  {len(tests)} tests: smallest p {ps.min():.4f}, {int((ps < 0.05).sum())} below 0.05 "
        f"(about {0.05 * len(tests):.0f} expected by chance), {int((ps < 0.01).sum())} below 0.01; "
        f"threshold 0.01/{len(tests)} = {threshold:.1e}")
    report["tests"] = tests
    # the control: the same battery between two independent samples of the paper's own generator
    control = {sp: statistics(paper_problems(gen, seed + 1000, a.count if sp == "train" else a.count // 4, sp), F)[0]
               for sp in ("train", "ood")}
    ctests = battery({sp: stats[("paper", sp)] for sp in ("train", "ood")}, control)
    cps = np.array([t["p"] for t in ctests])
    out(f"  control, the paper's generator against a second sample of itself (stream key PRNGKey({seed + 1000})): "
        f"smallest p {cps.min():.4f}, {int((cps < 0.05).sum())} below 0.05, {int((cps < 0.01).sum())} below 0.01, "
        f"{int((cps < threshold).sum())} below the threshold")
    report["control"] = [{k: t[k] for k in ("split", "statistic", "chi2", "dof", "p")} for t in ctests]
    out("")
    out("4. Summary numbers (train split)")
    hh, hp = stats[("hyla4j", "train")], stats[("paper", "train")]
    for name, key in (("rule frequency, all slots", "_rule, all slots"),):
        out(f"  {name} (constant ... distribute_three):")
        out("    hyla4j " + " ".join(f"{v / hh[key].sum():.4f}" for v in hh[key]))
        out("    paper  " + " ".join(f"{v / hp[key].sum():.4f}" for v in hp[key]))
    for f in range(K):
        key = f"rule of sorted slot {f}"
        out(f"  {key}: hyla4j " + " ".join(f"{v / hh[key].sum():.3f}" for v in hh[key]))
        out(f"  {' ' * len(key)}  paper  " + " ".join(f"{v / hp[key].sum():.3f}" for v in hp[key]))
    key = "distinct column permutations (1, 2, 3)"
    out(f"  {key}: hyla4j {(hh[key] / hh[key].sum()).round(4).tolist()}, paper {(hp[key] / hp[key].sum()).round(4).tolist()}"
        f" (uniform and independent: {[round(1 / 576, 4), round(69 / 576, 4), round(506 / 576, 4)]})")
    for c in range(3):
        key = f"permutation of column {c}"
        out(f"  {key}: frequency of the 24 permutations in [{hh[key].min() / hh[key].sum():.4f}, "
            f"{hh[key].max() / hh[key].sum():.4f}] (hyla4j), [{hp[key].min() / hp[key].sum():.4f}, "
            f"{hp[key].max() / hp[key].sum():.4f}] (paper); 1/24 = {1 / 24:.4f}")
    key = "answer panel equals a context panel (no, yes)"
    out(f"  answer panel equals a context panel: hyla4j {hh[key][1] / hh[key].sum():.4f}, paper {hp[key][1] / hp[key].sum():.4f}")
    allv_h, allv_p = hh["_all displayed values"], hp["_all displayed values"]
    out("  value frequency 0..7, all panels: hyla4j " + " ".join(f"{v / allv_h.sum():.4f}" for v in allv_h))
    out("                                    paper  " + " ".join(f"{v / allv_p.sum():.4f}" for v in allv_p))

    out("")
    n_amb = min(a.ambiguity, a.count)
    out(f"5. The paper's own ambiguity check (SymbolicRavenGenerator.check_is_ambiguous, over all {24 ** 3} column "
        f"permutations) on the first {n_amb} training problems of each side")
    amb = {}
    for side, probs in (("hyla4j", hj["train"]), ("paper", paper["train"])):
        inst = jnp.asarray(np.asarray(probs["panels"][:n_amb]).reshape(n_amb, 3, 3, K))
        counts = np.concatenate([np.asarray(gen.check_is_ambiguous(inst[i:i + 500])) for i in range(0, n_amb, 500)])
        amb[side] = int((counts > 0).sum())
    stat, dof, p = chi2([n_amb - amb["hyla4j"], amb["hyla4j"]], [n_amb - amb["paper"], amb["paper"]])
    out(f"  ambiguous: hyla4j {amb['hyla4j'] / n_amb:.4f}, paper {amb['paper'] / n_amb:.4f} (chi2 {stat:.2f}, p {p:.3f})")
    report["ambiguity"] = {"problems": n_amb, "hyla4j": amb["hyla4j"], "paper": amb["paper"], "p": p}

    out("")
    out("PASS: the same held-out multisets, every exact check holds and no statistic differs" if not failures
        else "FAIL: " + "; ".join(failures))
    report["pass"] = not failures
    print("\n".join(lines))
    with open(a.out + ".txt", "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(a.out + ".json", "w") as f:
        json.dump(report, f, indent=1, sort_keys=True)
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
