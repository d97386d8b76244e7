"""What the benchmarks beside tmux share: a private Scarab and private tmux servers in one temporary
directory, Scarab's wire protocol for issuing many requests without a JVM each, a process's RSS,
and the medians and ratios the scripts print.

A Workplace copies the built distribution (scarab-dist/target/dist: `mvn -B -o -q -DskipTests
package`) into the directory, so the client's class-data archive is recorded afresh for the copy,
and points HOME and the XDG directories there, so nothing touches the user's own daemon.
BENCH_CONFIG (environment) is written as the daemon's config.toml, to compare settings in one
session: BENCH_CONFIG='history-disk = "0"' bench/two-pane-flood.py
"""
import json, os, re, shutil, socket, statistics, struct, subprocess, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Workplace:
    def __init__(self, prefix, dist=None, config=None):
        self.work = tempfile.mkdtemp(prefix=prefix)
        w = self.work
        self.env = dict(os.environ, HOME=w, XDG_RUNTIME_DIR=w + "/run", XDG_DATA_HOME=w + "/data",
                        XDG_STATE_HOME=w + "/state", XDG_CONFIG_HOME=w + "/config",
                        XDG_CACHE_HOME=w + "/cache", TERM="xterm-256color")
        for var in ("TMUX", "TMUX_PANE", "SCARAB_SESSION", "SCARAB_SESSION_ID", "SCARAB_PANE", "SCARAB_SOCKET"):
            self.env.pop(var, None)   # run from inside tmux or scarab: the servers here are our own
        os.makedirs(w + "/run")
        config = os.environ.get("BENCH_CONFIG", "") if config is None else config
        if config:
            os.makedirs(w + "/config/scarab")
            with open(w + "/config/scarab/config.toml", "w") as f:
                f.write(config + "\n")
        shutil.copytree(dist or ROOT + "/scarab-dist/target/dist", w + "/dist")
        if os.path.exists(w + "/dist/scarab-client.jsa"):
            os.remove(w + "/dist/scarab-client.jsa")
        self.scarab = w + "/dist/bin/scarab"
        self.socket = w + "/run/scarab/scarab.sock"
        self._tmux_names = []
        self._prefix = prefix.strip("-")

    def tmux(self, role="tmux", config="/dev/null"):
        """The argv start of a private tmux server for `role`, started with a session of its own
        that keeps it running between the benchmark's sessions (a server whose last session was
        killed exits, and a new-session racing with that exit fails); killed, and its socket file
        removed, by close."""
        name = "%s-%s-%d" % (self._prefix, role, os.getpid())
        argv = ["tmux", "-L", name, "-f", config]
        if name not in self._tmux_names:
            self._tmux_names.append(name)
            self.run(argv + ["new-session", "-d", "-s", "bench-keeper", "sleep 1000000"])
        return argv

    def run(self, args, check=True):
        p = subprocess.run(args, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if check and p.returncode != 0:
            raise SystemExit("%s ... failed (status %d): %s" % (" ".join(args[:6]), p.returncode, p.stdout.decode()[-500:]))
        return p.stdout.decode()

    def start_scarab(self):
        """Starts the daemon and waits for the launcher's class-data archive, recorded in the
        background on first use, so that no later measurement competes with it."""
        self.run([self.scarab, "ls"])
        deadline = time.monotonic() + 60
        while not os.path.exists(self.work + "/dist/scarab-client.jsa") and time.monotonic() < deadline:
            time.sleep(0.1)

    def connect(self):
        """A wire-protocol connection to the daemon (its pid is .pid)."""
        return Protocol(self.socket)

    def close(self):
        subprocess.run([self.scarab, "daemon", "stop"], env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        tmpdir = os.path.join(os.environ.get("TMUX_TMPDIR") or "/tmp", "tmux-%d" % os.getuid())
        for name in self._tmux_names:
            subprocess.run(["tmux", "-L", name, "kill-server"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            # tmux leaves the socket file of -L NAME behind when its server ends.
            if os.path.exists(os.path.join(tmpdir, name)):
                os.remove(os.path.join(tmpdir, name))
        shutil.rmtree(self.work, ignore_errors=True)


class Protocol:
    """Scarab's wire protocol over one connection: many requests without a client JVM each."""
    def __init__(self, path):
        self.s = socket.socket(socket.AF_UNIX); self.s.connect(path); self.id = 0
        self.pid = self.call({"type": "hello", "protocolVersion": 1, "clientVersion": "bench", "capabilities": []})["pid"]

    def call(self, msg):
        self.id += 1; msg["id"] = self.id
        body = json.dumps(msg).encode()
        self.s.sendall(struct.pack(">I", len(body) + 1) + b"J" + body)
        n = struct.unpack(">I", self._recv(4))[0]
        reply = json.loads(self._recv(n)[1:])
        if reply["type"] == "error":
            raise RuntimeError(reply["message"])
        return reply

    def command(self, *argv):
        """A table command (split-window, list-panes, ...) as the CLI sends it; its stdout."""
        r = self.call({"type": "command", "argv": list(argv), "caller": {}})
        if r["exitStatus"] != 0:
            raise RuntimeError("%s: %s" % (" ".join(argv), r["stderr"].strip()))
        return r["stdout"]

    def close(self):
        self.s.close()

    def _recv(self, n):
        b = b""
        while len(b) < n:
            chunk = self.s.recv(n - len(b))
            if not chunk:
                raise EOFError("daemon closed the connection")
            b += chunk
        return b


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])


def live_heap_kb(pid):
    """A JVM's live heap after a full GC (jcmd; the daemon's serial GC: new generation + tenured)."""
    subprocess.run(["jcmd", str(pid), "GC.run"], stdout=subprocess.DEVNULL, check=True)
    out = subprocess.run(["jcmd", str(pid), "GC.heap_info"], stdout=subprocess.PIPE, check=True).stdout.decode()
    used = [int(x) for x in re.findall(r"used (\d+)K", out)]
    return sum(used[:2]) if len(used) >= 2 else used[0]


def settle_rss(pid):
    """RSS once it stops moving."""
    last = None
    for _ in range(20):
        time.sleep(0.5)
        r = rss_kb(pid)
        if last is not None and abs(r - last) < 64:
            return r
        last = r
    return last


def percentile(samples, p):
    s = sorted(samples)
    return s[min(len(s) - 1, max(0, int(round(len(s) * p / 100.0)) - 1))]


def report(results, metrics, rounds, higher_is_better=()):
    """Prints, per metric, the medians of scarab's and tmux's figures (results[(name, metric)] is a
    list) and scarab/tmux; for the metrics in higher_is_better also tmux/scarab's inverse is what
    'faster' means, so the ratio printed is always scarab/tmux and its sense is said."""
    print("medians over %d rounds, alternating scarab and tmux:" % rounds)
    for metric, unit in metrics:
        s = statistics.median(results[("scarab", metric)]); t = statistics.median(results[("tmux", metric)])
        sense = "higher is better" if metric in higher_is_better else "lower is better"
        print("  %-22s scarab %9.2f %-3s tmux %9.2f %-3s scarab/tmux %5.2fx  (%s)"
              % (metric, s, unit, t, unit, s / t if t else float("inf"), sense))


class TmuxControl:
    """One control-mode client (tmux -C) of a tmux server, to run many commands (capture-pane in a
    polling loop) without a process each. Attach it to a session of its own: a control client is
    sent the output of every pane of its session."""
    def __init__(self, tmux_argv, env, session):
        self.p = subprocess.Popen(tmux_argv + ["-C", "attach", "-t", session], env=env,
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.n = 0

    def cmd(self, line):
        """The output lines of one command; RuntimeError with its message if tmux refused it."""
        self.n += 1
        sync = "bench-sync-%d" % self.n
        self.p.stdin.write(("%s\ndisplay-message -p %s\n" % (line, sync)).encode())
        self.p.stdin.flush()
        answer = None
        while True:
            ok, block = self._block()
            if block == [sync]:
                break
            answer = (ok, block)
        if answer is None:
            raise RuntimeError("no answer to %r" % line)
        if not answer[0]:
            raise RuntimeError("%s: %s" % (line, "\n".join(answer[1])))
        return answer[1]

    def _block(self):
        lines = None
        while True:
            raw = self.p.stdout.readline()
            if not raw:
                raise EOFError("the tmux control client ended")
            text = raw.decode("utf-8", "replace").rstrip("\n")
            if lines is None:
                if text.startswith("%begin "):
                    lines = []
                continue   # a notification between blocks
            if text.startswith("%end ") or text.startswith("%error "):
                return text.startswith("%end "), lines
            lines.append(text)

    def close(self):
        try:
            self.p.stdin.close()
        except OSError:
            pass
        self.p.kill(); self.p.wait()


END_MARK = "THROUGHPUT-RUN-ENDED"


def timed_cat(work, log, name):
    """A shell command that waits for a line of input, then cats `log`, with two clock files: the
    time just before cat starts and just after it wrote its last byte; then END_MARK on a line of its
    own (printed in two halves, so that it is on the screen only after cat's output). Returns
    (command, start file, done file)."""
    start, done = "%s/start-%s" % (work, name), "%s/done-%s" % (work, name)
    for f in (start, done):
        if os.path.exists(f): os.remove(f)
    cmd = ("read x; date +%%s.%%N > %s; cat %s; date +%%s.%%N > %s.part; mv %s.part %s; "
           "printf \"%%s%%s\\\\n\" %s %s; sleep 100000" % (start, log, done, done, done, END_MARK[:10], END_MARK[10:]))
    return cmd, start, done


def clock(path):
    """The time a timed_cat clock file holds (seconds since the epoch)."""
    with open(path) as f:
        return float(f.read())


def write_flood_log(path, size, seed, words, lengths):
    """A log of `size` bytes for the flood benchmarks: numbered lines of `words` (a `%d` or `%x`
    in one is filled with a random number), each as long as a random choice of `lengths`, a third
    of them with colours; the same file for the same arguments."""
    import random
    rnd = random.Random(seed)
    pool = []
    for i in range(4000):
        n = rnd.choice(lengths)
        parts, length = [], 0
        while length < n:
            w = rnd.choice(words)
            w = w % rnd.randrange(1 << 16) if "%" in w else w
            parts.append(w); length += len(w) + 1
        text = " ".join(parts)[:n]
        if i % 3 == 0 and text:
            k = len(text) // 2
            text = "\x1b[3%dm%s\x1b[0m%s" % (1 + i % 7, text[:k], text[k:])
        pool.append(text)
    with open(path, "w", encoding="utf-8") as f:
        i = 0
        while f.tell() < size:
            f.write("%d %s\n" % (i, pool[i % len(pool)])); i += 1
