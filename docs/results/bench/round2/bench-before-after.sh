#!/usr/bin/env bash
# before/after --repeat 5 benches on an idle machine; alternates jars per config
set -u
cd /work/main
SP="/work/main/runner/target/spark-jars/*"
for cfg in "t32:--task fuzzylogic --preset paper --seq-len 32 --batch 128" "sraven:--task sraven --preset paper --batch 128" "t64:--task fuzzylogic --preset paper --seq-len 64 --batch 128 --no-peer" "t96:--task fuzzylogic --preset paper --seq-len 96 --batch 128 --no-peer"; do
  name=${cfg%%:*}; args=${cfg#*:}
  for j in before after; do
    echo "== $name $j $(date +%T)"
    java -Dhyla4j.home=/work/main -cp "/tmp/hx/$j.jar" org.hyla4j.runner.Main bench $args \
      --attention softmax_attention,linear_attention,linear_hypatt --steps 20 --repeat 5 --json /tmp/bench/$name-$j.json 2>/dev/null | sed -n '/^over/,$p'
  done
done
echo "== end $(date +%T)"
