#!/usr/bin/env bash
# Restore time: 100 sessions, each with 2,000 lines of history, stopped with the daemon; then the
# wall time from starting a daemon to `scarab ls` listing all 100 restored. On demand, not in CI.
#   bench/restore.sh [SESSIONS]
# LINES=10000 WIDE=1 make long histories of 200-column lines in 200x50 sessions; DIST=dir runs
# another build's distribution (another version's, to compare).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:-100}"
work="$(mktemp -d)"
export HOME="$work" XDG_RUNTIME_DIR="$work/run" XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state" XDG_CONFIG_HOME="$work/config"
mkdir -p "$XDG_RUNTIME_DIR"
dist="${DIST:-$here/scarab-dist/target/dist}"
lines="${LINES:-2000}"
size=80x24; pad=""
if [ -n "${WIDE:-}" ]; then size=200x50; pad=" $(printf '%0190d' 0)"; fi
[ -x "$dist/bin/scarab" ] || (cd "$here" && mvn -B -q -DskipTests install)
cp -r "$dist" "$work/dist"
scarab="$work/dist/bin/scarab"
trap '"$scarab" daemon stop >/dev/null 2>&1 || true; cp "$XDG_STATE_HOME/scarab/daemon.log" /tmp/restore-bench-daemon.log 2>/dev/null; rm -rf "$work"' EXIT

for i in $(seq 1 "$n"); do
  "$scarab" new -d --size "$size" -c "sh -c 'seq 1 $lines | sed \"s/\$/$pad/\"; echo ready-$i; exec sh'" "s$i" >/dev/null
done
for i in $(seq 1 "$n"); do
  until "$scarab" capture "s$i" | grep -q "ready-$i"; do sleep 0.1; done
done
"$scarab" daemon stop
db_size=$(du -k "$XDG_DATA_HOME/scarab/sessions.db" | cut -f1)

# Start the daemon as systemd does, wait for its socket to answer a hello (a cheap probe, not a
# JVM), then time one real `scarab ls`.
start=$(date +%s%N)
setsid "$scarab" daemon --foreground >/dev/null 2>&1 < /dev/null &
python3 - "$XDG_RUNTIME_DIR/scarab/scarab.sock" <<'PY'
import socket, struct, sys, time
hello = b'J{"type":"hello","id":1,"protocolVersion":1,"clientVersion":"bench","capabilities":[]}'
while True:
    try:
        s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.sendall(struct.pack('>I', len(hello)) + hello)
        if s.recv(4096): break
    except OSError:
        time.sleep(0.005)
PY
ready=$(date +%s%N)
listed=$("$scarab" ls --names | wc -l)
end=$(date +%s%N)
echo "daemon answering after $(( (ready - start) / 1000000 )) ms; one scarab ls took $(( (end - ready) / 1000000 )) ms"
history_ok=$("$scarab" capture -S - "s$n" | grep -c "^$lines\( 0*\)\?$" || true)
echo "restored $listed of $n sessions (database ${db_size} KB) in $(( (end - start) / 1000000 )) ms from daemon start to ls"
echo "history of s$n back: $([ "$history_ok" -ge 1 ] && echo yes || echo NO)"
