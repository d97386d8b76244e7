#!/usr/bin/env bash
# Restore time: 100 sessions, each with 2,000 lines of history, stopped with the daemon; then the
# wall time from starting a daemon to `scarab ls` listing all 100 restored. On demand, not in CI.
#   bench/restore.sh [SESSIONS]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:-100}"
work="$(mktemp -d)"
export HOME="$work" XDG_RUNTIME_DIR="$work/run" XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state" XDG_CONFIG_HOME="$work/config"
mkdir -p "$XDG_RUNTIME_DIR"
[ -x "$here/scarab-dist/target/dist/bin/scarab" ] || (cd "$here" && mvn -B -q -DskipTests install)
cp -r "$here/scarab-dist/target/dist" "$work/dist"
scarab="$work/dist/bin/scarab"
trap '"$scarab" daemon stop >/dev/null 2>&1 || true; cp "$XDG_STATE_HOME/scarab/daemon.log" /tmp/restore-bench-daemon.log 2>/dev/null; rm -rf "$work"' EXIT

for i in $(seq 1 "$n"); do
  "$scarab" new -d -c "sh -c 'seq 1 2000; echo ready-$i; exec sh'" "s$i" >/dev/null
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
history_ok=$("$scarab" capture -S - "s$n" | grep -c "^2000$" || true)
echo "restored $listed of $n sessions (database ${db_size} KB) in $(( (end - start) / 1000000 )) ms from daemon start to ls"
echo "history of s$n back: $([ "$history_ok" -ge 1 ] && echo yes || echo NO)"
