#!/usr/bin/env bash
# A Spark standalone cluster on this machine, from the Spark jars Maven put in runner/target/spark-jars (no Spark
# distribution needed): one Master and WORKERS Worker JVMs, all bound to 127.0.0.1.
#
#   scripts/local-cluster.sh start [WORKERS]   starts them, prints the master URL (spark://127.0.0.1:PORT) on stdout
#   scripts/local-cluster.sh stop              stops exactly the processes it started (by their PIDs)
#   scripts/local-cluster.sh status            prints the master URL and the PIDs, exit 1 when not running
#
# Environment: HYLA4J_CLUSTER_DIR (state: PID files, logs, the Spark home; default runs/local-cluster),
# WORKER_CORES (per worker, default 1), WORKER_MEMORY (per worker, default 2g), HYLA4J_CLUSTER_TTL (seconds after which
# the cluster stops by itself, default 14400; 0 = never). Then: ./hyla4j sweep FILE --master URL
set -euo pipefail
home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
state=${HYLA4J_CLUSTER_DIR:-$home/runs/local-cluster}
jars="$home/runner/target/spark-jars"
cores=${WORKER_CORES:-1}
memory=${WORKER_MEMORY:-2g}
ttl=${HYLA4J_CLUSTER_TTL:-14400}

die() { echo "error: $*" >&2; exit 2; }

alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

# whether PID is still the process this script started (a PID file may outlive its process, and PIDs are reused)
ours() { alive "$1" && tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qE "org\.apache\.spark\.deploy\.|local-cluster\.sh' stop"; }

stop() {
  [ -d "$state/pids" ] || { echo "local cluster: not running" >&2; return 0; }
  for f in "$state"/pids/*.pid; do
    [ -e "$f" ] || continue
    pid=$(cat "$f")
    if ours "$pid"; then
      # a Worker's executors are its children: end them with it, or they run on as orphans
      for child in $(pgrep -P "$pid" 2>/dev/null || true); do kill "$child" 2>/dev/null || true; done
      kill "$pid" 2>/dev/null || true
    fi
    rm -f "$f"
  done
  sleep 1
  rm -f "$state/master.url"
  echo "local cluster: stopped" >&2
}

start() {
  local workers=${1:-2}
  [[ "$workers" =~ ^[1-9][0-9]*$ ]] || die "WORKERS must be a positive number, got '$workers'"
  [ -d "$jars" ] && ls "$jars"/spark-core_*.jar >/dev/null 2>&1 || die "no Spark jars in $jars: run 'mvn -B package -DskipTests -pl runner -am' first"
  if [ -f "$state/master.url" ] && ours "$(cat "$state/pids/master.pid" 2>/dev/null)"; then
    die "a local cluster is already running at $(cat "$state/master.url") (scripts/local-cluster.sh stop)"
  fi
  rm -rf "$state/pids" # PID files of an earlier cluster (all its processes are gone: checked above)
  mkdir -p "$state/pids" "$state/logs" "$state/spark-home/jars" "$state/work"
  # a Spark home whose jars/ holds the class path: the Worker builds its executors' class path from it
  ln -sf "$jars"/*.jar "$state/spark-home/jars/"
  export SPARK_HOME="$state/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_HOSTNAME=127.0.0.1
  local cp="$jars/*"
  setsid java -Xmx512m -cp "$cp" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 0 --webui-port 0 \
    >"$state/logs/master.log" 2>&1 </dev/null &
  echo $! >"$state/pids/master.pid"
  local url=""
  for _ in $(seq 1 120); do
    url=$(grep -o 'spark://127\.0\.0\.1:[0-9]*' "$state/logs/master.log" 2>/dev/null | head -n 1 || true)
    [ -n "$url" ] && break
    alive "$(cat "$state/pids/master.pid")" || { cat "$state/logs/master.log" >&2; die "the Master did not start"; }
    sleep 0.5
  done
  [ -n "$url" ] || { stop; die "the Master did not report its URL within 60 s (log: $state/logs/master.log)"; }
  echo "$url" >"$state/master.url"
  for i in $(seq 1 "$workers"); do
    mkdir -p "$state/work/worker-$i"
    setsid java -Xmx512m -cp "$cp" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --port 0 --webui-port 0 \
      --cores "$cores" --memory "$memory" --work-dir "$state/work/worker-$i" "$url" \
      >"$state/logs/worker-$i.log" 2>&1 </dev/null &
    echo $! >"$state/pids/worker-$i.pid"
  done
  for i in $(seq 1 "$workers"); do # wait until every worker has registered
    for _ in $(seq 1 120); do
      grep -q "Successfully registered with master" "$state/logs/worker-$i.log" 2>/dev/null && break
      alive "$(cat "$state/pids/worker-$i.pid")" || { cat "$state/logs/worker-$i.log" >&2; stop; die "worker $i did not start"; }
      sleep 0.5
    done
    grep -q "Successfully registered with master" "$state/logs/worker-$i.log" || { stop; die "worker $i did not register within 60 s"; }
  done
  if [ "$ttl" -gt 0 ]; then # stop by itself after the TTL, whatever happens to the shell that started it
    setsid bash -c "sleep $ttl; '$home/scripts/local-cluster.sh' stop" >/dev/null 2>&1 </dev/null &
    echo $! >"$state/pids/ttl.pid"
  fi
  echo "local cluster: master and $workers worker(s) of $cores core(s) on 127.0.0.1 (state in $state)" >&2
  echo "$url"
}

case "${1:-}" in
  start) start "${2:-2}" ;;
  stop) stop ;;
  status)
    if [ -f "$state/master.url" ] && alive "$(cat "$state/pids/master.pid" 2>/dev/null)"; then
      cat "$state/master.url"; for f in "$state"/pids/*.pid; do echo "$(basename "$f" .pid) $(cat "$f")"; done
    else
      echo "local cluster: not running" >&2; exit 1
    fi ;;
  *) die "usage: scripts/local-cluster.sh start [WORKERS] | stop | status" ;;
esac
