#!/usr/bin/env python3
"""Attach benchmarks, Scarab beside tmux in the same run, alternating, reported as medians and ratios.

  echo:        a byte written to the attached client's pty until it comes back (session: stty raw -echo; cat);
               1000 keystrokes timed after 500 untimed ones, for both servers
  throughput:  cat of a 50 MB log in a 120x40 session, with one attached client draining its pty, and with none;
               timed from just before cat starts until its last line is on the client's pty (or cat is done),
               after one untimed run for both servers
  attach:      from starting the attach command until a known line of the screen is on the client's pty
  bare pty:    the same cat and drain with no server at all, for scale (what the pty itself gives here)

Usage: bench/attach.py [ROUNDS]   (needs the built distribution: mvn -DskipTests package)
       BENCH_CONFIG=FILE bench/attach.py   runs the daemon with FILE as its config.toml
On demand, not in CI.
"""
import ptybench
from ptybench import drain, kill, read_until
import os, pty, select, shutil, signal, statistics, subprocess, sys, tempfile, time

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 3
HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
work = tempfile.mkdtemp(prefix="scarab-bench-")
env = dict(os.environ, HOME=work, XDG_RUNTIME_DIR=work + "/run", XDG_DATA_HOME=work + "/data",
           XDG_STATE_HOME=work + "/state", XDG_CONFIG_HOME=work + "/config", TERM="xterm-256color")
os.makedirs(work + "/run")
if os.environ.get("BENCH_CONFIG"):
    os.makedirs(work + "/config/scarab")
    shutil.copy(os.environ["BENCH_CONFIG"], work + "/config/scarab/config.toml")
shutil.copytree(HERE + "/scarab-dist/target/dist", work + "/dist")
if os.path.exists(work + "/dist/scarab-client.jsa"):  # recorded afresh for this copy
    os.remove(work + "/dist/scarab-client.jsa")
SCARAB = work + "/dist/bin/scarab"
TMUX = ["tmux", "-L", "scarab-bench-%d" % os.getpid(), "-f", "/dev/null"]
# tmux leaves the socket file of -L NAME behind when its server ends: removed at the end.
TMUX_SOCKET = os.path.join(os.environ.get("TMUX_TMPDIR") or "/tmp", "tmux-%d" % os.getuid(), "scarab-bench-%d" % os.getpid())
LOG = work + "/big.log"
with open(LOG, "w") as f:
    line = "\x1b[32m2026-11-25T06:00:00Z INFO\x1b[0m worker-3 request handled in 12 ms path=/api/items?page=%d\n"
    i = 0
    while f.tell() < 50_000_000:
        f.write(line % i); i += 1

def run(args, **kw):
    return subprocess.run(args, env=env, check=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **kw).stdout.decode()

def spawn(argv, cols=120, rows=40):
    return ptybench.spawn(argv, env, cols, rows)

class Scarab:
    name = "scarab"
    def new(self, name, cmd): run([SCARAB, "new", "-d", "--size", "120x40", "-c", cmd, name])
    def attach_argv(self, name): return [SCARAB, "attach", name]
    def send(self, name, *keys): run([SCARAB, "send-keys", name] + list(keys))
    def kill(self, name): run([SCARAB, "kill", "-f", name])

class Tmux:
    name = "tmux"
    def new(self, name, cmd): run(TMUX + ["new-session", "-d", "-x", "120", "-y", "40", "-s", name, cmd])
    def attach_argv(self, name): return TMUX + ["attach", "-t", name]
    def send(self, name, *keys): run(TMUX + ["send-keys", "-t", name] + list(keys))
    def kill(self, name): run(TMUX + ["kill-session", "-t", name])

def echo(t, n=1000, warm=500):
    """Steady-state echo: the first `warm` keystrokes are not timed, for either server (a daemon
    runs for months; its JIT compiles the keystroke path within the first few hundred keys)."""
    t.new("echo", "sh -c 'stty raw -echo; cat'")
    pid, fd = spawn(t.attach_argv("echo"))
    time.sleep(1.0); drain(fd)
    p50, p99 = ptybench.echo_percentiles(fd, n, warm, 5)
    kill(pid); t.kill("echo")
    return p50, p99

END_MARK = b"THROUGHPUT-RUN-ENDED"

def timed_cat(name):
    """The shell command of a throughput run and its two clock files: the time just before cat
    starts, and just after it has written its last byte; then a marker line (printed in two halves,
    so that it reaches the screen only after cat)."""
    start, done = "%s/start-%s" % (work, name), "%s/done-%s" % (work, name)
    for f in (start, done):
        if os.path.exists(f): os.remove(f)
    cmd = ("read x; date +%%s.%%N > %s; cat %s; date +%%s.%%N > %s.part; mv %s.part %s; "
           "printf \"%%s%%s\\\\n\" %s %s; sleep 100000" % (start, LOG, done, done, done,
                                                          END_MARK[:10].decode(), END_MARK[10:].decode()))
    return cmd, start, done

def timed_drain(fd, start, done):
    """Drains fd (None: nothing attached) as fast as it can until the run is over; the run's MB/s."""
    tail = b""
    deadline = time.monotonic() + 300
    while True:
        if time.monotonic() > deadline:
            raise TimeoutError("the throughput run did not end within 300 s")
        if fd is not None:
            if select.select([fd], [], [], 0)[0]:
                seen = tail + os.read(fd, 1 << 20)
                if END_MARK in seen:
                    end = time.time()
                    break
                tail = seen[-len(END_MARK):]
        elif os.path.exists(done):
            end = float(open(done).read())
            break
        else:
            time.sleep(0.002)
    return os.path.getsize(LOG) / (end - float(open(start).read())) / 1e6

def throughput(t, attached):
    """MB/s of the cat itself: from the session's clock reading just before cat starts until the
    drain has the line printed after it (attached), or until cat has written its last byte (none
    attached). The command that starts the run (send-keys: 3 ms for tmux, a JVM for scarab) is not
    timed: that is start-up, which cli-start.sh measures, not throughput."""
    cmd, start, done = timed_cat(t.name)
    t.new("thr", "sh -c '%s'" % cmd)
    pid = fd = None
    if attached:
        pid, fd = spawn(t.attach_argv("thr")); time.sleep(1.0); drain(fd)
    t.send("thr", "Enter")
    mb = timed_drain(fd, start, done)
    if pid: kill(pid)
    t.kill("thr")
    return mb

def bare_pty():
    """The same cat and the same drain with no server between them: what a pty gives here."""
    cmd, start, done = timed_cat("bare")
    pid, fd = spawn(["sh", "-c", cmd])
    time.sleep(0.3); drain(fd, 0.05)
    os.write(fd, b"\n")
    mb = timed_drain(fd, start, done)
    kill(pid); os.close(fd)
    return mb

def attach_time(t):
    t.new("att", "sh -c 'printf \"\\033[2J\\033[20;10HKNOWN-LINE-ON-SCREEN\"; sleep 100000'")
    time.sleep(0.5)
    s = time.perf_counter(); pid, fd = spawn(t.attach_argv("att")); read_until(fd, b"KNOWN-LINE-ON-SCREEN")
    ms = (time.perf_counter() - s) * 1000
    kill(pid); t.kill("att")
    return ms

results = {}
# The launcher records its class-data archive in the background on first use: let it finish first.
run([SCARAB, "ls"])
deadline = time.monotonic() + 60
while not os.path.exists(work + "/dist/scarab-client.jsa") and time.monotonic() < deadline:
    time.sleep(0.1)
try:
    # One untimed throughput run each first, as the echo test's untimed keys: a daemon runs for
    # months, and its JIT compiles the output path within the first megabytes it ever parses.
    for t in (Scarab(), Tmux()):
        throughput(t, True)
    for r in range(ROUNDS):
        for t in (Scarab(), Tmux()):
            p50, p99 = echo(t)
            results.setdefault((t.name, "echo p50"), []).append(p50)
            results.setdefault((t.name, "echo p99"), []).append(p99)
            results.setdefault((t.name, "MB/s attached"), []).append(throughput(t, True))
            results.setdefault((t.name, "MB/s detached"), []).append(throughput(t, False))
            results.setdefault((t.name, "attach ms"), []).append(attach_time(t))
        results.setdefault(("bare", "MB/s"), []).append(bare_pty())
finally:
    subprocess.run([SCARAB, "daemon", "stop"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run(TMUX + ["kill-server"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if os.path.exists(TMUX_SOCKET): os.remove(TMUX_SOCKET)
    shutil.rmtree(work, ignore_errors=True)

print("medians over %d rounds, alternating scarab and tmux:" % ROUNDS)
for metric in ("echo p50", "echo p99", "MB/s attached", "MB/s detached", "attach ms"):
    s = statistics.median(results[("scarab", metric)]); m = statistics.median(results[("tmux", metric)])
    unit = "ms" if "echo" in metric else ""
    print("  %-14s scarab %8.2f%s   tmux %8.2f%s   scarab/tmux %.2fx" % (metric, s, unit, m, unit, s / m))
print("  the same cat and drain on a bare pty, no server: %.2f MB/s" % statistics.median(results[("bare", "MB/s")]))
