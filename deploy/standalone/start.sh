#!/usr/bin/env bash
# Starts a real Spark standalone cluster on this machine: one Master and N Workers, each its own JVM,
# listening on 127.0.0.1 only, from the project's jars (no Spark distribution needed). The Workers
# launch executor JVMs whose class path is the cluster's SPARK_HOME/jars (Spark, Hadoop, Log4j);
# qtune itself reaches them as the application jar that deploy/bin/qtune-submit sends.
#
#   deploy/standalone/start.sh [--workers N] [--cores C] [--memory M] [--port P] [--webui-port W] [--dir DIR]
#   deploy/bin/qtune-submit --master spark://127.0.0.1:7077 finetune ...
#   deploy/standalone/stop.sh [--dir DIR]
#
# Defaults: 2 workers of 1 core and 2g each, master port 7077, web UI 8080, DIR
# ${QTUNE_STANDALONE_DIR:-/tmp/qtune-standalone-$USER} (the cluster's SPARK_HOME, pid files, logs,
# the workers' work folders). Prints the master URL as its last line, after every Worker registered.
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../bin/qtune-env.sh"

workers=2 cores=1 memory=2g port=7077 webui=8080
dir="${QTUNE_STANDALONE_DIR:-/tmp/qtune-standalone-${USER:-$(id -un)}}"
while (($#)); do
  case "$1" in
    --workers|--cores|--memory|--port|--webui-port|--dir)
      if [[ $# -lt 2 ]]; then echo "start.sh: $1 needs a value" >&2; exit 2; fi
      case "$1" in
        --workers) workers="$2" ;; --cores) cores="$2" ;; --memory) memory="$2" ;;
        --port) port="$2" ;; --webui-port) webui="$2" ;; --dir) dir="$2" ;;
      esac
      shift 2 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "start.sh: unknown option $1 (--help lists them)" >&2; exit 2 ;;
  esac
done
for v in "$workers" "$cores" "$port" "$webui"; do
  if ! [[ "$v" =~ ^[1-9][0-9]{0,4}$ ]]; then echo "start.sh: '$v' is not a positive whole number" >&2; exit 2; fi
done
if ! [[ "$memory" =~ ^[1-9][0-9]*[mMgG]$ ]]; then echo "start.sh: --memory takes e.g. 512m or 2g, not '$memory'" >&2; exit 2; fi
if [[ -f "$dir/master.pid" ]] && kill -0 "$(cat "$dir/master.pid")" 2>/dev/null; then
  echo "start.sh: a cluster is already running from $dir (master $(cat "$dir/master-url" 2>/dev/null)); stop.sh --dir $dir first" >&2
  exit 1
fi

# the cluster's SPARK_HOME: jars/ links to Spark's runtime, conf/ holds Log4j's settings
home="$dir/spark-home"
rm -rf "$home" "$dir"/*.pid
mkdir -p "$home/jars" "$home/conf" "$dir/logs" "$dir/work"
ln -s "$spark_lib"/*.jar "$home/jars/"
cp "$root/conf/log4j2.properties" "$home/conf/log4j2.properties"
export SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 SPARK_CONF_DIR="$home/conf"
daemon_opts=("${opts[@]/-Xmx*/-Xmx512m}" -XX:+UseSerialGC -Dlog4j.configurationFile="$home/conf/log4j2.properties")

master_url="spark://127.0.0.1:$port"
nohup "$JAVA" "${daemon_opts[@]}" -cp "$home/conf:$home/jars/*" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$port" --webui-port "$webui" > "$dir/logs/master.log" 2>&1 &
echo $! > "$dir/master.pid"
for i in $(seq 1 "$workers"); do
  nohup "$JAVA" "${daemon_opts[@]}" -cp "$home/conf:$home/jars/*" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --cores "$cores" --memory "$memory" --work-dir "$dir/work/worker-$i" --webui-port 0 \
    "$master_url" > "$dir/logs/worker-$i.log" 2>&1 &
  echo $! > "$dir/worker-$i.pid"
done

# wait (at most 90 s) until the Master's page lists every Worker as alive
for _ in $(seq 1 90); do
  alive=$(curl -fsS "http://127.0.0.1:$webui/json/" 2>/dev/null | sed -n 's/.*"aliveworkers" *: *\([0-9]*\).*/\1/p' || true)
  if [[ "${alive:-0}" -ge "$workers" ]]; then
    echo "$master_url" > "$dir/master-url"
    echo "started: $workers worker(s) of $cores core(s) and $memory; web UI http://127.0.0.1:$webui; logs in $dir/logs" >&2
    echo "$master_url"
    exit 0
  fi
  for pidfile in "$dir"/*.pid; do
    if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      echo "start.sh: $(basename "$pidfile" .pid) exited; its log:" >&2
      tail -20 "$dir/logs/$(basename "$pidfile" .pid).log" >&2
      "$(dirname "$0")/stop.sh" --dir "$dir" >&2 || true
      exit 1
    fi
  done
  sleep 1
done
echo "start.sh: the workers did not register within 90 s; logs in $dir/logs" >&2
"$(dirname "$0")/stop.sh" --dir "$dir" >&2 || true
exit 1
