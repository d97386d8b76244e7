#!/usr/bin/env python3
"""Does a big capture or a snapshot stall the other sessions? (issue 13 item 5)

A session's echo latency (a byte written to its attached client's pty until it comes back;
session: stty raw -echo; cat) is measured idle, then while
  - a second session floods output (cat of a log in a loop), and
  - a third session, holding a 10,000-line, 200-column coloured history, is captured in a loop
    (`capture -e -S -`, sent over one connection of our own, back to back, so that no client JVM
    start-up competes for the two cores), and the daemon snapshots every 2 s as usual.
Reported: echo p50 and p99 idle and loaded, the ratio loaded/idle, and the captures done.
tmux runs the same scenario (capture-pane -e -p -S - in a loop through its own client) for scale.

Usage: bench/capture-stall.py [DIST_DIR]   (default: this checkout's scarab-dist/target/dist;
build it with  mvn -B -o -q -pl scarab-dist -am package -DskipTests). On demand, not in CI.
"""
import ptybench
from ptybench import drain, kill, read_until
import json, os, pty, select, shutil, signal, socket, struct, subprocess, sys, tempfile, threading, time

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIST = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else HERE + "/scarab-dist/target/dist"
work = tempfile.mkdtemp(prefix="scarab-stall-")
env = dict(os.environ, HOME=work, XDG_RUNTIME_DIR=work + "/run", XDG_DATA_HOME=work + "/data",
           XDG_STATE_HOME=work + "/state", XDG_CONFIG_HOME=work + "/config", XDG_CACHE_HOME=work + "/cache",
           TERM="xterm-256color")
os.makedirs(work + "/run")
shutil.copytree(DIST, work + "/dist")
if os.path.exists(work + "/dist/scarab-client.jsa"):
    os.remove(work + "/dist/scarab-client.jsa")
SCARAB = work + "/dist/bin/scarab"
TMUX = ["tmux", "-L", "scarab-stall-%d" % os.getpid(), "-f", "/dev/null"]
TMUX_SOCKET = os.path.join(os.environ.get("TMUX_TMPDIR") or "/tmp", "tmux-%d" % os.getuid(), "scarab-stall-%d" % os.getpid())
LOG = work + "/flood.log"
with open(LOG, "w") as f:
    i = 0
    while f.tell() < 20_000_000:
        f.write("\x1b[32m2026-11-25T06:00:00Z INFO\x1b[0m worker-3 request handled in 12 ms path=/api/items?page=%d\n" % i)
        i += 1
HIST = work + "/hist.sh"
with open(HIST, "w") as f:
    # 10,000 lines of 200 columns, coloured, then a line every 50 ms: the reader of the PTYs needs
    # this session's write lock now and then, as it would for any live program
    f.write("i=0; pad=$(printf '%0170d' 0)\n"
            "while [ $i -lt 10000 ]; do i=$((i+1)); printf '\\033[3%dmline %6d\\033[0m %s %s\\n' $((i % 8)) $i \"$pad\" history; done\n"
            "echo hist-done; while :; do echo tick; sleep 0.05; done\n")

def run(args):
    return subprocess.run(args, env=env, check=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT).stdout.decode()

def spawn(argv, cols=120, rows=40):
    return ptybench.spawn(argv, env, cols, rows)

def echo_times(fd, n=1000, warm=300):
    return ptybench.echo_percentiles(fd, n, warm, 30)

class Scarab:
    name = "scarab"
    def new(self, name, cmd, size="120x40"): run([SCARAB, "new", "-d", "--size", size, "-c", cmd, name])
    def attach_argv(self, name): return [SCARAB, "attach", name]
    def capture(self, name): return run([SCARAB, "capture", "-S", "-", name])
    def kill(self, name): run([SCARAB, "kill", "-f", name])
    def stop(self): subprocess.run([SCARAB, "daemon", "stop"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def capture_loop(self, name, stop, count):
        """capture -e -S - over one connection of our own: length-prefixed JSON frames."""
        s = socket.socket(socket.AF_UNIX); s.connect(work + "/run/scarab/scarab.sock")
        def send(obj):
            body = b"J" + json.dumps(obj).encode()
            s.sendall(struct.pack(">I", len(body)) + body)
        def recv():
            head = b""
            while len(head) < 4:
                head += s.recv(4 - len(head))
            n = struct.unpack(">I", head)[0]; body = b""
            while len(body) < n:
                body += s.recv(n - len(body))
            return json.loads(body[1:])
        send({"type": "hello", "id": 1, "protocolVersion": 1, "clientVersion": "bench", "capabilities": []})
        welcome = recv()
        if welcome.get("type") != "welcome":
            raise RuntimeError("the daemon said %r" % welcome)
        k = 2
        while not stop.is_set():
            send({"type": "capture", "id": k, "target": name, "escapes": True, "start": "-", "end": None, "join": False})
            lines = 0
            while True:
                m = recv()
                if m.get("type") != "captured":
                    raise RuntimeError("unexpected answer %r" % m)
                lines += len(m["lines"])
                if not m["more"]:
                    break
            if lines < 9000:
                raise RuntimeError("a capture of %d lines only" % lines)
            count[0] += 1; k += 1
        s.close()

class Tmux:
    name = "tmux"
    started = False
    def new(self, name, cmd, size="120x40"):
        if not self.started:  # history-limit applies to panes made after it is set
            run(TMUX + ["new-session", "-d", "-s", "keep", "sleep 100000", ";", "set-option", "-g", "history-limit", "10000"])
            self.started = True
        x, y = size.split("x")
        run(TMUX + ["new-session", "-d", "-x", x, "-y", y, "-s", name, cmd])
    def attach_argv(self, name): return TMUX + ["attach", "-t", name]
    def capture(self, name): return run(TMUX + ["capture-pane", "-p", "-S", "-", "-t", name])
    def kill(self, name): run(TMUX + ["kill-session", "-t", name])
    def stop(self): subprocess.run(TMUX + ["kill-server"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    def capture_loop(self, name, stop, count):
        while not stop.is_set():
            out = subprocess.run(TMUX + ["capture-pane", "-e", "-p", "-S", "-", "-t", name], env=env, check=True,
                                 stdout=subprocess.PIPE).stdout
            if out.count(b"\n") < 9000:
                raise RuntimeError("a capture of %d lines only" % out.count(b"\n"))
            count[0] += 1

def scenario(t):
    t.new("hist", "sh " + HIST, "200x50")
    deadline = time.monotonic() + 300
    while "hist-done" not in t.capture("hist"):
        if time.monotonic() > deadline:
            raise TimeoutError("the history session never finished")
        time.sleep(0.5)
    t.new("echo", "sh -c 'stty raw -echo; cat'")
    pid, fd = spawn(t.attach_argv("echo"))
    time.sleep(1.0); drain(fd)
    results = {"idle": (echo_times(fd), None)}

    def with_captures():
        stop = threading.Event(); count = [0]; errors = []
        def loop():
            try:
                t.capture_loop("hist", stop, count)
            except Exception as e:  # reported, not hidden
                errors.append(e)
        th = threading.Thread(target=loop); th.start()
        time.sleep(2.0)
        started = time.monotonic(); done0 = count[0]
        times = echo_times(fd)
        rate = (count[0] - done0) / (time.monotonic() - started)
        stop.set(); th.join()
        if errors:
            raise errors[0]
        return times, rate

    results["capture loop"] = with_captures()
    t.new("flood", "sh -c 'while :; do cat %s; done'" % LOG)
    time.sleep(2.0)
    results["flood"] = (echo_times(fd), None)
    results["flood + capture loop"] = with_captures()
    kill(pid); t.kill("flood"); t.kill("echo"); t.kill("hist")
    return results

try:
    print("dist: %s" % DIST)
    print("%-7s %-22s %10s %10s %8s %10s" % ("", "echo of a third session", "p50", "p99", "p99/idle", "captures/s"))
    for t in (Scarab(), Tmux()):
        try:
            results = scenario(t)
        finally:
            t.stop()
        idle99 = results["idle"][0][1]
        for phase, ((p50, p99), rate) in results.items():
            print("%-7s %-22s %7.2f ms %7.2f ms %7.1fx %10s" % (t.name, phase, p50, p99, p99 / idle99,
                                                                  "" if rate is None else "%.1f" % rate))
finally:
    if os.path.exists(TMUX_SOCKET):
        os.remove(TMUX_SOCKET)
    shutil.rmtree(work, ignore_errors=True)
