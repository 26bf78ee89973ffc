#!/bin/bash
# One start of a build to /readyz: wall ms, CPU ms (user+system) and VmHWM at ready, and where the
# graph came from. A/B: alternate two builds, each with its own cache folder (the parse cache and
# the graph snapshot are keyed by the bundle), e.g.
#   for i in 1 2 3; do bench/start-hwm.sh . /tmp/cB /tmp/10k 4920; bench/start-hwm.sh ../other /tmp/cA /tmp/10k 4921; done
# Extra arguments go to the CLI (--log-level debug shows the snapshot's write time).
ROOT=$1; CACHE=$2; CONTENT=$3; PORT=$4; shift 4
LOG=/tmp/start-hwm-$PORT.log
t0=$(date +%s%N)
node "$ROOT/dist/cli.js" --content "$CONTENT" --port "$PORT" --parse-cache "$CACHE" --no-watch "$@" > "$LOG" 2>&1 &
PID=$!
until curl -sf -o /dev/null "localhost:$PORT/readyz"; do sleep 0.05; done
t2=$(date +%s%N)
CPU=$(awk -v hz="$(getconf CLK_TCK)" '{print int(($14+$15)*1000/hz)}' /proc/$PID/stat)
echo "ready $(( (t2-t0)/1000000 )) ms cpu ${CPU} ms $(grep VmHWM /proc/$PID/status | tr -s ' \t' ' ') $(grep -o 'fromParseCache":[0-9]*\(,"fromSnapshot":[a-z]*\)\?' "$LOG") loaded $(grep -o 'in [0-9]* ms' "$LOG" | head -1)"
kill $PID; wait $PID 2>/dev/null
