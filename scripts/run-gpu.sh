#!/usr/bin/env bash
# Runs hyla4j on a machine's own PyTorch, from the bundle scripts/device-bundle writes (this script is its run-gpu.sh):
#   engine  build DJL's JNI against the machine's libtorch (scripts/build-engine, with the bundle's Java runtime and
#           the JNI header made beforehand: no Java and no network needed)
#   test    the golden-value, naive-reference (outputs and gradients) and contract tests on the device: the references
#           are float32 CPU values, so passing means the device's results are within float32 tolerance of the CPU's
#   bench   hyla4j bench --repeat 5 on both paper configurations (fuzzy logic T 32, SRAVEN), with MFU against a matmul
#           measured on the same device
#   train   one fuzzy-logic HYLA run at the paper's settings for as many steps as fit in --train-seconds, then its
#           held-out R² (test/r2), steps/s and MFU
#
#   run-gpu.sh [--device gpu|cpu] [--phase all|engine|test|bench|train] [--train-seconds 300] [--out DIR]
#
# The torch it builds against: $TORCH_DIR, else the one `python3 -c 'import torch'` finds.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
device=gpu phase=all train_seconds=300 out=${OUT:-$here/results}
die() { echo "error: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    --device) device=${2:?}; shift 2 ;;
    --phase) phase=${2:?}; shift 2 ;;
    --train-seconds) train_seconds=${2:?}; shift 2 ;;
    --out) out=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done
[[ $device == gpu || $device == cpu ]] || die "--device must be gpu or cpu"
[[ $phase =~ ^(all|engine|test|bench|train)$ ]] || die "--phase must be all, engine, test, bench or train"
[[ $train_seconds =~ ^[0-9]+$ ]] || die "--train-seconds must be a whole number"
mkdir -p "$out"
export DJL_CACHE_DIR=$here/cache
summary=$out/summary.txt
note() { echo "$*" | tee -a "$summary"; }
stamp() { date +%s; }
t0=$(stamp)
note "hyla4j bundle $(cat "$here/COMMIT" 2>/dev/null || echo unknown), device $device, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader | sed 's/^/gpu: /' | tee -a "$summary" || true

if [[ $phase == all || $phase == engine ]]; then
  torch=${TORCH_DIR:-$(python3 -c 'import os, torch; print(os.path.dirname(torch.__file__))' 2>/dev/null || true)}
  [ -n "$torch" ] && [ -d "$torch" ] || die "no PyTorch found: set TORCH_DIR to a torch/ folder or a libtorch"
  s=$(stamp)
  JAVA_HOME=$here/jre JNI_HEADER_DIR=$here/djl/include BUILD_JOBS=${BUILD_JOBS:-$(nproc)} \
    "$here/build-engine" "$torch" "$here/djl" > "$here/engine.env" 2> "$out/engine.log" || { cat "$out/engine.log" >&2; die "the engine did not build"; }
  note "engine: built in $(( $(stamp) - s )) s against $torch: $(tr '\n' ' ' < "$here/engine.env")"
fi
[ -f "$here/engine.env" ] || die "no engine built yet: run --phase engine first"
. "$here/engine.env"
# DJL finds a GPU by loading libcudart through JNA; a wheel's CUDA runtime lives beside torch, not on the system path
cudart_dirs=$( { find "$(dirname "$PYTORCH_LIBRARY_PATH")/.." "$(dirname "$PYTORCH_LIBRARY_PATH")/../.." -maxdepth 4 -name 'libcudart.so*' 2>/dev/null;
  ls /usr/local/cuda*/lib64/libcudart.so* 2>/dev/null; } | xargs -r -n1 dirname | sort -u | tr '\n' ':' )
if [ -n "$cudart_dirs" ]; then
  export LD_LIBRARY_PATH="${cudart_dirs}${LD_LIBRARY_PATH:-}"
  export HYLA4J_JAVA_OPTS="-Djna.library.path=${cudart_dirs%:} ${HYLA4J_JAVA_OPTS:-}"
  note "cuda runtime: ${cudart_dirs%:}"
fi
if [[ $device == gpu && $PYTORCH_FLAVOR == cpu ]]; then die "the libtorch at $PYTORCH_LIBRARY_PATH is a CPU build: --device gpu needs a CUDA one"; fi

if [[ $phase == all || $phase == test ]]; then
  s=$(stamp)
  classes=(org.hyla4j.api.attention.GoldenForwardTest org.hyla4j.api.attention.NaiveReferenceTest
    org.hyla4j.api.attention.RmsHeadAndBucketsTest org.hyla4j.api.attention.DropoutFoldingTest
    org.hyla4j.core.nn.TransformerReferenceTest org.hyla4j.core.nn.CausalModelTest
    org.hyla4j.attention.hyla.HylaContractTest org.hyla4j.attention.softmax.SoftmaxAttentionContractTest
    org.hyla4j.attention.linear.LinearAttentionContractTest)
  selects=()
  for c in "${classes[@]}"; do selects+=(--select-class "$c"); done
  set +e
  "$here/jre/bin/java" ${HYLA4J_JAVA_OPTS:-} -Dai.djl.offline=true -Djava.awt.headless=true \
    -jar "$here"/tests/junit-platform-console-standalone-*.jar execute --class-path "$(ls "$here"/tests/*.jar "$here"/lib/*.jar | grep -v console-standalone | tr '\n' ':')" \
    --details=summary --disable-banner "${selects[@]}" > "$out/tests.log" 2>&1
  rc=$?
  set -e
  note "tests: $(grep -E 'tests (successful|failed)' "$out/tests.log" | tr -s ' ' | tr '\n' ' ')(exit $rc, $(( $(stamp) - s )) s; $out/tests.log)"
fi

if [[ $phase == all || $phase == bench ]]; then
  s=$(stamp)
  "$here/hyla4j" bench --task fuzzylogic --preset paper --seq-len 32 --device "$device" --repeat 5 --steps 20 --no-peer \
    --attention softmax_attention,linear_attention,linear_hypatt --json "$out/bench-fuzzy.json" > "$out/bench-fuzzy.txt" 2>&1
  "$here/hyla4j" bench --task sraven --preset paper --device "$device" --repeat 5 --steps 20 --no-peer \
    --attention softmax_attention,linear_attention,linear_hypatt --json "$out/bench-sraven.json" > "$out/bench-sraven.txt" 2>&1
  for f in fuzzy sraven; do
    note "bench $f: $(python3 - "$out/bench-$f.json" <<'PY' 2>/dev/null || echo "see bench-$f.txt"
import json, sys
d = json.load(open(sys.argv[1]))
print(", ".join(f"{r['attention']} {r['step_ms']['median']:.1f} ms/step MFU {100 * r['mfu']['median']:.1f} %" for r in d["summary"]))
PY
)"
  done
  note "bench: $(( $(stamp) - s )) s"
fi

if [[ $phase == all || $phase == train ]]; then
  # steps that fit: HYLA's measured step time (the bench above, else 20 timed steps now) and a margin for evaluation
  ms=$(python3 - "$out/bench-fuzzy.json" <<'PY' 2>/dev/null || true
import json, sys
print(next(r["step_ms"]["median"] for r in json.load(open(sys.argv[1]))["summary"] if r["attention"] == "linear_hypatt"))
PY
)
  if [ -z "$ms" ]; then
    "$here/hyla4j" bench --task fuzzylogic --preset paper --seq-len 32 --device "$device" --repeat 1 --steps 20 --no-peer \
      --attention linear_hypatt --json "$out/bench-train.json" > /dev/null 2>&1
    ms=$(python3 -c "import json; print(json.load(open('$out/bench-train.json'))['summary'][0]['step_ms']['median'])")
  fi
  steps=$(python3 -c "print(max(100, int(0.85 * $train_seconds * 1000 / $ms) // 100 * 100))")
  s=$(stamp)
  rm -rf "$out/train"
  "$here/hyla4j" train --task fuzzylogic --preset paper --seq-len 32 --frac-test 0.7 --attention linear_hypatt --device "$device" \
    --steps "$steps" --eval-every "$steps" --eval-examples 16000 --out "$out/train" > "$out/train.log" 2>&1
  wall=$(( $(stamp) - s ))
  note "train: HYLA, fuzzy logic T 32, 70 % held out, $steps steps ($(python3 -c "print(round($steps / $wall, 1))") steps/s in $wall s with start-up and evaluation): $(grep -E '^  (test|train)/r2' "$out/train.log" | tr -s ' ' | tr '\n' ' ')"
  note "train: $(python3 -c "
import json
r = json.load(open('$out/train/result.json')); p = json.load(open('$out/train/provenance.json'))
print('device', r.get('device', '?'), '| pytorch', p.get('pytorch_version'), '| libtorch', p.get('libtorch', {}).get('dir'))" 2>/dev/null)"
  # MFU of the training itself: its steps/s without start-up and evaluation (the last train row of metrics.jsonl), HYLA's
  # model FLOPs per step and the matmul peak the bench measured on this device
  bench_json=$out/bench-fuzzy.json; [ -f "$bench_json" ] || bench_json=$out/bench-train.json
  note "train: $(python3 - "$out/train/metrics.jsonl" "$bench_json" <<'PY' 2>/dev/null || echo "no MFU (no bench of this device to take the peak from)"
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
last = [r for r in rows if r.get("type") == "train"][-1]
# wall_s counts evaluations and checkpoint writes too: take out those logged before the last training row
pauses = sum(r.get("eval_s", 0) + r.get("checkpoint_s", 0) for r in rows if r.get("type") in ("eval", "checkpoint")
             and r["wall_s"] <= last["wall_s"])
bench = json.load(open(sys.argv[2]))
flop = next(r["gflop_per_step"] for r in bench["repetitions"][0]["rows"] if r["attention"] == "linear_hypatt")
peak = statistics.median(r["peak_gflops"] for r in bench["repetitions"])
rate = last["step"] / (last["wall_s"] - pauses)
print(f"{rate:.2f} training steps/s without start-up and evaluation, {rate * flop:.1f} GFLOP/s, MFU {100 * rate * flop / peak:.1f} % "
      f"of the measured matmul peak ({peak:.0f} GFLOP/s)")
PY
)"
fi
note "done in $(( $(stamp) - t0 )) s; results in $out"
