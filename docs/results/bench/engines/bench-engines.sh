#!/usr/bin/env bash
# Maven Central's engine (libtorch 2.7.1, DJL's published JNI) against the self-built one (libtorch 2.13.0 from the CPU
# wheel, DJL 0.35.1's JNI compiled by scripts/build-engine), `hyla4j bench --repeat 5` on both paper configurations, on an
# idle machine (background runs stopped with SIGSTOP meanwhile). The engines alternate within each round, two rounds,
# so that drift of the machine hits both alike. ENGINE_ENV: the file scripts/build-engine's output was saved to.
#   docs/results/bench/engines/bench-engines.sh ENGINE_ENV OUT_DIR
set -u
env_file=$1 out=$2
cd "$(dirname "$0")/../../../.."
mkdir -p "$out"
jar=$(ls runner/target/hyla4j-runner-*-all.jar | head -n 1)
cp "$jar" "$out/runner.jar"   # a private copy: a rebuild meanwhile cannot change it
for round in 1 2; do
  for cfg in "fuzzy-t32:--task fuzzylogic --preset paper --seq-len 32 --batch 128" "sraven:--task sraven --preset paper --batch 128"; do
    name=${cfg%%:*}; args=${cfg#*:}
    for engine in central 2.13; do
      echo "== round $round $name $engine $(date +%T)"
      (
        if [ "$engine" = 2.13 ]; then . "$env_file"; export PYTORCH_LIBRARY_PATH PYTORCH_VERSION PYTORCH_FLAVOR; fi
        java -Dhyla4j.home="$PWD" -cp "$out/runner.jar" org.hyla4j.runner.Main bench $args --no-peer \
          --attention softmax_attention,linear_attention,linear_hypatt --steps 20 --repeat 5 --json "$out/$name-$engine-r$round.json" \
          2>/dev/null | sed -n '/^over/,$p'
      )
    done
  done
done
echo "== end $(date +%T)"
