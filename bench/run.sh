#!/usr/bin/env bash
# Nexmark matrix: Tributary (file + in-memory generator) and the Flink anchor, back to back, p=1.
# usage: bench/run.sh [TAG] [QUERIES] [EVENTS] [REPS]      e.g. bench/run.sh r1 "q0 q1 q2" 1m 1
# env:   FLINK_DIR (default bench/target/flink-nexmark, a writable copy of ../shared/flink-nexmark),
#        SKIP_FLINK=1, SKIP_BUILD=1, HEAP (default 8g, both engines), TJAVA (JDK for Tributary),
#        TCP (Tributary's class path; default bench/target/classes and bench/target/lib)
# output: bench/results/<TAG>.jsonl (one JSON line per run) and bench/logs/<TAG>/
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TAG=${1:-$(date +%Y%m%d-%H%M)}; QUERIES=${2:-"q0 q1 q2"}; EVENTS=${3:-1m}; REPS=${4:-1}
FLINK_DIR=${FLINK_DIR:-$ROOT/bench/target/flink-nexmark}
HEAP=${HEAP:-8g}
: "${JAVA_HOME:?set JAVA_HOME to a JDK 21+}"
TJAVA=${TJAVA:-$JAVA_HOME/bin/java}
OUT=$ROOT/bench/results/$TAG.jsonl; LOGS=$ROOT/bench/logs/$TAG
mkdir -p "$ROOT/bench/results" "$LOGS"

n_events=$(python3 -c "s='$EVENTS'.lower(); m={'k':1e3,'m':1e6}.get(s[-1],1); print(int(float(s.rstrip('km'))*m))")
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  (cd "$ROOT" && ./mvnw -B -o -q -f bench/pom.xml package -DskipTests) || exit 1
  if [ "${SKIP_FLINK:-0}" != 1 ]; then
    [ -d "$FLINK_DIR" ] || cp -r "$ROOT/../shared/flink-nexmark" "$FLINK_DIR"
    [ -d "$FLINK_DIR/target/lib" ] || (cd "$FLINK_DIR" && mvn -q -B package -DskipTests) || exit 1
  fi
fi
DATA_DIR=$FLINK_DIR/data/nx-$EVENTS-s1
if [ ! -f "$DATA_DIR/manifest.json" ]; then
  (cd "$FLINK_DIR" && java -cp target/classes anchor.NexmarkGen --events "$EVENTS" --seed 42 --shards 1 \
    --out "data/nx-$EVENTS-s1") || exit 1
fi
DATA_FILE=$(ls "$DATA_DIR"/events/*.jsonl | head -1)
# in-memory generator: EVENT_RATE x RUNTIME = n_events; the rate is far above what we sustain,
# so the pacer never sleeps
RATE=100000000; RUNTIME=$(python3 -c "print($n_events/$RATE)")

CP=${TCP:-"$ROOT/bench/target/classes:$ROOT/bench/target/lib/*"}
TFLAGS=(-Xmx$HEAP --add-opens=java.base/java.nio=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)

# record ENGINE SOURCE QUERY REP LOGBASE RC: merge the RESULT line with /usr/bin/time -v figures
record() {
  python3 - "$@" >> "$OUT" <<'PY'
import json, re, sys
engine, source, q, rep, log, rc = sys.argv[1:]
res = {}
for line in open(log + '.out'):
    if line.startswith('RESULT '):
        res = json.loads(line[7:])
t = open(log + '.time').read()
def g(k): return next(l for l in t.splitlines() if k in l).split()[-1]
wall = g('Elapsed (wall clock)'); parts = [float(x) for x in wall.split(':')]
secs = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
user, sysc = float(g('User time')), float(g('System time'))
ev = res.get('events', 0)
res.update(engine=engine, source=source, query=q, rep=int(rep), rc=int(rc),
           proc_wall_s=round(secs, 2), proc_cpu_s=round(user + sysc, 2),
           proc_peak_rss_mb=round(int(g('Maximum resident set size')) / 1024))
if ev:
    res['proc_events_per_s'] = round(ev / secs); res['proc_events_per_cpu_s'] = round(ev / (user + sysc))
print(json.dumps(res))
PY
  tail -1 "$OUT"
}

for rep in $(seq 1 "$REPS"); do
  for q in $QUERIES; do
    if [ "${SKIP_FLINK:-0}" != 1 ] && [ -f "$FLINK_DIR/queries/$q.sql" ]; then
      log=$LOGS/flink-file-$q-r$rep
      (cd "$FLINK_DIR" && HEAP=$HEAP /usr/bin/time -v -o "$log.time" scripts/flink.sh --query "queries/$q.sql" \
        --data "$DATA_DIR" -p 1 --mode blackhole > "$log.out" 2> "$log.err"); rc=$?
      record flink file "$q" "$rep" "$log" "$rc"
    fi
    [ -f "$ROOT/bench/queries/$q.sql" ] || { echo "no bench/queries/$q.sql"; continue; }
    log=$LOGS/tributary-file-$q-r$rep
    /usr/bin/time -v -o "$log.time" "$TJAVA" "${TFLAGS[@]}" -cp "$CP" io.tributary.bench.NexmarkRunner \
      --ddl "$ROOT/bench/queries/file/ddl.sql" --query "$ROOT/bench/queries/$q.sql" --set "DATA=$DATA_FILE" \
      -p 1 --events "$n_events" --tag "$TAG" > "$log.out" 2> "$log.err"; rc=$?
    record tributary file "$q" "$rep" "$log" "$rc"
    log=$LOGS/tributary-mem-$q-r$rep
    /usr/bin/time -v -o "$log.time" "$TJAVA" "${TFLAGS[@]}" -cp "$CP" io.tributary.bench.NexmarkRunner \
      --ddl "$ROOT/bench/queries/mem/ddl.sql" --query "$ROOT/bench/queries/$q.sql" \
      --set "EVENT_RATE=$RATE" --set "RUNTIME=$RUNTIME" -p 1 --events "$n_events" --tag "$TAG" \
      > "$log.out" 2> "$log.err"; rc=$?
    record tributary mem "$q" "$rep" "$log" "$rc"
  done
done
