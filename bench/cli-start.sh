#!/usr/bin/env bash
# CLI start-up: median wall time of `scarab ls` with 10 sessions, beside a bare JVM hello-world and
# `tmux ls` with 10 sessions, measured alternately in the same run; `send-keys` and `capture`
# beside tmux's; `--version` and `--help`. Then the daemon's own start and stop, in worlds of their
# own: a cold `daemon start` until `ls` answers, a cold `ls` that starts the daemon itself, and
# `daemon stop` with no session and with 10. On demand, not in CI.
#   bench/cli-start.sh [RUNS] [LIFECYCLE_RUNS]
# Uses the installed-style launcher of scarab-dist/target/dist, or of the distribution directory
# named by SCARAB_DIST (to compare two builds: run it for each, alternately).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-30}"
life_runs="${2:-10}"
work="$(mktemp -d)"
export HOME="$work" XDG_RUNTIME_DIR="$work/run" XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state" XDG_CONFIG_HOME="$work/config"
mkdir -p "$XDG_RUNTIME_DIR"
sock="scarab-bench-$$"
trap 'for w in "$work" "$work/cold" "$work/ten"; do HOME="$w" XDG_RUNTIME_DIR="$w/run" XDG_DATA_HOME="$w/data" XDG_STATE_HOME="$w/state" XDG_CONFIG_HOME="$w/config" "$scarab" daemon stop >/dev/null 2>&1 || true; done; tmux -L "$sock" kill-server 2>/dev/null || true; rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock"; rm -rf "$work"' EXIT
dist="${SCARAB_DIST:-$here/scarab-dist/target/dist}"
[ -x "$dist/bin/scarab" ] || (cd "$here" && mvn -B -q -DskipTests package)
# A private copy of the distribution, so the class-data archive is recorded for this layout.
cp -r "$dist" "$work/dist"
rm -f "$work/dist/scarab-client.jsa" "$work/dist/scarab-daemon.jsa"   # recorded afresh for this copy (an old one may not match the jars)
scarab="$work/dist/bin/scarab"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"

mkdir -p "$work/hello" && cat > "$work/hello/Hello.java" <<'J'
public class Hello { public static void main(String[] a) { System.out.println("hello"); } }
J
"${java_bin%java}javac" -d "$work/hello" "$work/hello/Hello.java"

for i in $(seq 1 10); do "$scarab" new -d -c "sleep 100000" "s$i" >/dev/null; done
tmux -L "$sock" -f /dev/null new-session -d -s t1 "sleep 100000"
for i in $(seq 2 10); do tmux -L "$sock" new-session -d -s "t$i" "sleep 100000"; done
"$scarab" ls >/dev/null   # the launcher records its class-data archive in the background on the first run
for i in $(seq 1 600); do [ -f "$work/dist/scarab-client.jsa" ] && break; sleep 0.1; done
[ -f "$work/dist/scarab-client.jsa" ] || echo "warning: no class-data archive yet; the figures are without it" >&2
# The daemon's archive, recorded in the background after the first daemon start (by a build
# whose launcher names one).
if grep -q scarab-daemon.jsa "$scarab"; then
  for i in $(seq 1 1200); do [ -f "$work/dist/scarab-daemon.jsa" ] && [ ! -f "$work/dist/scarab-daemon.jsa.recording" ] && break; sleep 0.1; done
  [ -f "$work/dist/scarab-daemon.jsa" ] || echo "warning: no class-data archive of the daemon yet; the figures are without it" >&2
fi
"$scarab" ls >/dev/null

ms() { local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000 )); }
: > "$work/scarab.t"; : > "$work/hello.t"; : > "$work/tmux.t"
: > "$work/scarab-send.t"; : > "$work/tmux-send.t"; : > "$work/scarab-capture.t"; : > "$work/tmux-capture.t"
: > "$work/version.t"; : > "$work/help.t"
for i in $(seq 1 "$runs"); do
  ms "$scarab" ls >> "$work/scarab.t"
  ms "$java_bin" -Xshare:auto -XX:TieredStopAtLevel=1 -cp "$work/hello" Hello >> "$work/hello.t"
  ms tmux -L "$sock" ls >> "$work/tmux.t"
  ms "$scarab" send-keys s1 x >> "$work/scarab-send.t"
  ms tmux -L "$sock" send-keys -t t1 x >> "$work/tmux-send.t"
  ms "$scarab" capture s1 >> "$work/scarab-capture.t"
  ms tmux -L "$sock" capture-pane -p -t t1 >> "$work/tmux-capture.t"
  ms "$scarab" --version >> "$work/version.t"
  ms "$scarab" --help >> "$work/help.t"
done

# The daemon's start and stop, each world with its own directories: "cold" has no session, "ten"
# has 10 (restored and started again at each start, as after a reboot).
in_world() { local w="$work/$1"; shift; HOME="$w" XDG_RUNTIME_DIR="$w/run" XDG_DATA_HOME="$w/data" XDG_STATE_HOME="$w/state" XDG_CONFIG_HOME="$w/config" "$@"; }
for w in cold ten; do mkdir -p "$work/$w/run"; done
in_world ten "$scarab" daemon start >/dev/null
for i in $(seq 1 10); do in_world ten "$scarab" new -d -c "sleep 100000" "s$i" >/dev/null; done
in_world ten "$scarab" daemon stop >/dev/null
in_world cold "$scarab" daemon start >/dev/null   # creates the database and the cached native libraries
in_world cold "$scarab" daemon stop >/dev/null
start_ls() { "$scarab" daemon start && "$scarab" ls; }
running10() { [ "$(in_world ten "$scarab" ls | grep -c running)" -ge 10 ]; }
: > "$work/start.t"; : > "$work/cold-ls.t"; : > "$work/cold-cpu.t"; : > "$work/stop0.t"; : > "$work/stop10.t"; : > "$work/hello2.t"
for i in $(seq 1 "$life_runs"); do
  ms in_world cold start_ls >> "$work/start.t"
  ms in_world cold "$scarab" daemon stop >> "$work/stop0.t"
  ms in_world cold "$scarab" ls >> "$work/cold-ls.t"
  # CPU time (all threads, user+sys) the daemon spent until that ls was answered: unlike wall
  # time, hardly changed by other work on the machine.
  read -r -a stat < <(sed 's/.*) //' "/proc/$(cat "$work/cold/run/scarab/scarab.sock.lock")/stat")
  echo $(( (stat[11] + stat[12]) * 1000000 / $(getconf CLK_TCK) )) >> "$work/cold-cpu.t"
  ms in_world cold "$scarab" daemon stop >/dev/null
  ms "$java_bin" -Xshare:auto -XX:TieredStopAtLevel=1 -cp "$work/hello" Hello >> "$work/hello2.t"
  in_world ten "$scarab" daemon start >/dev/null
  for j in $(seq 1 600); do running10 && break; sleep 0.1; done
  ms in_world ten "$scarab" daemon stop >> "$work/stop10.t"
done
median() { sort -n "$1" | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f", m/1000}'; }
s=$(median "$work/scarab.t"); h=$(median "$work/hello.t"); t=$(median "$work/tmux.t")
echo "median over $runs runs, alternating:"
echo "  scarab ls (10 sessions):  $s ms"
echo "  java hello-world:         $h ms"
echo "  tmux ls (10 sessions):    $t ms"
awk -v s="$s" -v h="$h" -v t="$t" 'BEGIN { printf "  scarab / hello-world = %.2fx, scarab / tmux = %.1fx\n", s/h, s/t }'
echo "  scarab send-keys:         $(median "$work/scarab-send.t") ms   (tmux $(median "$work/tmux-send.t") ms)"
echo "  scarab capture:           $(median "$work/scarab-capture.t") ms   (tmux $(median "$work/tmux-capture.t") ms)"
echo "  scarab --version:         $(median "$work/version.t") ms"
echo "  scarab --help:            $(median "$work/help.t") ms"
echo "median over $life_runs runs, alternating (java hello-world meanwhile: $(median "$work/hello2.t") ms):"
echo "  daemon start, then ls:    $(median "$work/start.t") ms"
echo "  ls starting the daemon:   $(median "$work/cold-ls.t") ms"
echo "  the daemon's CPU until it answered that ls: $(median "$work/cold-cpu.t") ms"
echo "  daemon stop, no session:  $(median "$work/stop0.t") ms"
echo "  daemon stop, 10 sessions: $(median "$work/stop10.t") ms"
