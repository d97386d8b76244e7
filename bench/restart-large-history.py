#!/usr/bin/env python3
"""Restart after kill -9 with large histories (issue #20): SESSIONS sessions of 1000x1000, each
flooded with LINES lines of combining-mark cells (a base letter and MARKS marks each); the
daemon's RSS after the floods, then a kill -9 of the daemon and the wall time from starting a new
one to its socket answering and to `scarab ls` listing every session (the restarted commands do not
flood again); then `capture -S -` of one
session (lines and time). On demand, not in CI.

    bench/restart-large-history.py [--sessions 10] [--lines 2000] [--marks 9] [--rows 1000] [--dist DIR]
                                   [--config 'history-disk = "0"']

DIST defaults to this checkout's scarab-dist/target/dist (mvn -o package -DskipTests).
"""
import argparse, os, re, shutil, signal, socket, struct, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sessions", type=int, default=10)
    ap.add_argument("--lines", type=int, default=2000)
    ap.add_argument("--marks", type=int, default=9)
    ap.add_argument("--cols", type=int, default=1000)
    ap.add_argument("--rows", type=int, default=1000)
    ap.add_argument("--dist", default=os.path.join(HERE, "..", "scarab-dist", "target", "dist"))
    ap.add_argument("--config", default="", help="lines for config.toml")
    a = ap.parse_args()

    work = tempfile.mkdtemp(prefix="scarab-restart-")
    env = dict(os.environ, HOME=work, XDG_RUNTIME_DIR=work + "/run", XDG_DATA_HOME=work + "/data",
               XDG_STATE_HOME=work + "/state", XDG_CONFIG_HOME=work + "/config")
    os.makedirs(work + "/run", mode=0o700)
    os.makedirs(work + "/config/scarab")
    with open(work + "/config/scarab/config.toml", "w") as f:
        f.write(a.config.replace("\\n", "\n") + "\n")
    dist = work + "/dist"
    shutil.copytree(a.dist, dist)
    scarab = dist + "/bin/scarab"
    sock = work + "/run/scarab/scarab.sock"

    def run(*args, check=True):
        r = subprocess.run([scarab, *args], env=env, capture_output=True, text=True)
        if check and r.returncode != 0:
            sys.exit("scarab %s: status %d: %s" % (" ".join(args), r.returncode, r.stderr.strip()))
        return r.stdout

    def daemon_pid():
        return int(re.search(r"pid\D*(\d+)", run("daemon", "status")).group(1))

    def rss_mb(pid):
        with open("/proc/%d/status" % pid) as f:
            return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1)) // 1024

    try:
        cell = "a" + "".join(chr(0x300 + k) for k in range(a.marks))
        flood = work + "/flood.txt"
        with open(flood, "w", encoding="utf-8") as f:
            for i in range(a.lines):
                f.write(("%08d" % i) + cell * (a.cols - 9) + "\n")
        size_mb = os.path.getsize(flood) / 1e6
        t0 = time.monotonic()
        for i in range(a.sessions):
            run("new", "-d", "--size", "%dx%d" % (a.cols, a.rows), "-c",
                "sh -c 'test -e %s.%d || cat %s; touch %s.%d; echo done-$((%d*1)); exec sleep 100000'"
                % (flood, i, flood, flood, i, i), "s%d" % i)
        for i in range(a.sessions):
            while not os.path.exists("%s.%d" % (flood, i)) and "OutOfMemoryError" not in open(work + "/state/scarab/daemon.out").read():  # touched after the flood (a capture of 1000
                time.sleep(0.2)                             # lines of heavy cells is a load of its own)
        flooded = time.monotonic() - t0
        pid = daemon_pid()
        if not os.path.exists("/proc/%d" % pid):
            sys.exit("the daemon died during the floods: " + open(work + "/state/scarab/daemon.out").read()[-300:])
        time.sleep(6)  # three snapshot rounds: the histories are stored
        rss = rss_mb(pid)
        db = sum(os.path.getsize(os.path.join(work, "data/scarab", n)) for n in os.listdir(work + "/data/scarab"))
        print("floods: %d sessions x %.1f MB in %.1f s; daemon RSS %d MB; database %d MB"
              % (a.sessions, size_mb, flooded, rss, db // 1000000))
        os.kill(pid, signal.SIGKILL)
        while os.path.exists("/proc/%d" % pid) and "zombie" not in open("/proc/%d/status" % pid).read():
            time.sleep(0.01)

        start = time.monotonic()
        restart_log = open(work + "/state/scarab/restart.log", "w")
        daemon = subprocess.Popen(["setsid", scarab, "daemon", "--foreground"], env=env, stdin=subprocess.DEVNULL,
                                  stdout=restart_log, stderr=subprocess.STDOUT)
        hello = b'J{"type":"hello","id":1,"protocolVersion":1,"clientVersion":"bench","capabilities":[]}'
        while True:
            try:
                s = socket.socket(socket.AF_UNIX)
                s.connect(sock)
                s.sendall(struct.pack(">I", len(hello)) + hello)
                if s.recv(4096):
                    s.close()
                    break
            except OSError:
                time.sleep(0.005)
            if time.monotonic() - start > 300:
                sys.exit("the daemon did not answer within 300 s")
        answering = time.monotonic() - start
        listed = len(run("ls", "--names").split())
        ls_done = time.monotonic() - start
        print("restart: socket answering after %.2f s; ls listed %d of %d sessions %.2f s after start"
              % (answering, listed, a.sessions, ls_done))
        c0 = time.monotonic()
        captured = run("capture", "-S", "-", "s0")
        numbered = [l[:8] for l in captured.splitlines() if re.match(r"\d{8}a", l)]
        in_order = numbered == sorted(numbered) and len(set(numbered)) == len(numbered)
        print("capture -S - of s0: %d lines, %d of the %d flood lines (oldest %s, in order: %s), %.2f s"
              % (len(captured.splitlines()), len(numbered), a.lines, numbered[0] if numbered else "-",
                 "yes" if in_order else "NO", time.monotonic() - c0))
        pid = daemon_pid()
        time.sleep(4)
        print("daemon RSS after the restart: %d MB" % rss_mb(pid))
        for line in open(work + "/state/scarab/restart.log"):
            if "loaded" in line:
                print("restart log:", line.strip()[line.find("] ") + 2:])
        run("daemon", "stop", check=False)
        daemon.wait(30)
    finally:
        subprocess.run([scarab, "daemon", "stop"], env=env, capture_output=True)
        for name in ("daemon.log", "daemon.out", "restart.log"):
            if os.path.exists(work + "/state/scarab/" + name):
                shutil.copy(work + "/state/scarab/" + name, "/tmp/restart-large-history-" + name)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
