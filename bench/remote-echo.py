#!/usr/bin/env python3
"""Keystroke echo through loopback ssh: `scarab attach host:echo` beside `ssh -t host tmux attach -t
echo`, in the same run, alternating (issue 18).

A private sshd on a free loopback port (throwaway host and user keys in the work directory, the
current user, as the tests' Sshd does) gives every remote session the workplace's HOME, XDG
directories and a PATH starting with the copied distribution's bin, so `scarab proxy` on the
"remote" side reaches the benchmark's own daemon and `tmux -L NAME` the benchmark's own tmux. Both
sessions run `stty raw -echo; cat` in 120x40; the client (scarab's, or ssh running tmux's) is in a
pty of 120x40 owned by this script: a key is written to it and timed until the echoed character is
drawn. WARM untimed keys, then KEYS timed ones per round; the medians of each round's p50/p90/p99
and scarab/tmux. Both go through one ssh connection each with the same options; Scarab's path has
one more hop (ssh -> scarab proxy -> the daemon's socket) where tmux's remote client talks to its
server directly.

Usage: bench/remote-echo.py [ROUNDS] [KEYS]   (default 3 rounds of 300 keys after 500 untimed;
needs /usr/sbin/sshd (openssh-server), and, as root, /run/sshd; build first with
mvn -B -o -q -DskipTests package). On demand, not in CI.
"""
import benchlib, ptybench
from benchlib import percentile
from ptybench import drain, kill
import os, socket, subprocess, sys, time

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 3
KEYS = int(sys.argv[2]) if len(sys.argv) > 2 else 300
WARM = 500
COLS, ROWS = 120, 40
ECHO = "sh -c 'stty raw -echo; cat'"
SSHD = "/usr/sbin/sshd"

wp = benchlib.Workplace("scarab-remote-echo-")
SCARAB = wp.scarab


def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
    return port


class Sshd:
    def __init__(self, work, env):
        if not os.access(SSHD, os.X_OK):
            raise SystemExit("%s is missing: apt-get install openssh-server" % SSHD)
        if os.getuid() == 0 and not os.path.isdir("/run/sshd"):
            raise SystemExit("sshd run by root needs /run/sshd: mkdir -p -m 0755 /run/sshd")
        d = self.dir = work + "/sshd"
        os.makedirs(d)
        for key in ("host_key", "user_key"):
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", d + "/" + key], check=True)
        os.rename(d + "/user_key.pub", d + "/authorized_keys")
        self.port = free_port()
        setenv = " ".join("%s=%s" % kv for kv in env.items())
        with open(d + "/sshd_config", "w") as f:
            f.write("\n".join(["ListenAddress 127.0.0.1", "Port %d" % self.port, "HostKey %s/host_key" % d,
                               "AuthorizedKeysFile %s/authorized_keys" % d, "PidFile %s/sshd.pid" % d,
                               "StrictModes no", "UsePAM no", "PasswordAuthentication no",
                               "KbdInteractiveAuthentication no", "PermitRootLogin prohibit-password",
                               "PrintMotd no", "PrintLastLog no", "SetEnv " + setenv, ""]))
        self.config = d + "/ssh_config"
        with open(self.config, "w") as f:
            f.write("Host host\n  HostName 127.0.0.1\n  Port %d\n  IdentityFile %s/user_key\n  IdentitiesOnly yes\n"
                    "  StrictHostKeyChecking no\n  UserKnownHostsFile /dev/null\n  BatchMode yes\n  LogLevel ERROR\n"
                    % (self.port, d))
        self.p = subprocess.Popen([SSHD, "-D", "-f", d + "/sshd_config", "-E", d + "/sshd.log"])
        deadline = time.monotonic() + 30
        while "Server listening" not in self.log():
            if time.monotonic() > deadline or self.p.poll() is not None:
                raise SystemExit("sshd did not start: " + self.log())
            time.sleep(0.1)

    def log(self):
        path = self.dir + "/sshd.log"
        return open(path).read() if os.path.exists(path) else ""

    def ssh(self):
        return ["ssh", "-F", self.config]

    def close(self):
        self.p.terminate(); self.p.wait()


class Scarab:
    name = "scarab"
    def start(self): wp.run([SCARAB, "new", "-d", "--size", "%dx%d" % (COLS, ROWS), "-c", ECHO, "echo"])
    def attach_argv(self): return [SCARAB, "attach", "host:echo"]   # ssh: SCARAB_SSH
    def stop(self): wp.run([SCARAB, "kill", "-f", "echo"])


class Tmux:
    name = "tmux"
    def start(self): wp.run(TMUX + ["new-session", "-d", "-x", str(COLS), "-y", str(ROWS), "-s", "echo", ECHO])
    def attach_argv(self): return SSH.ssh() + ["-t", "host", " ".join(TMUX + ["attach", "-t", "echo"])]
    def stop(self): wp.run(TMUX + ["kill-session", "-t", "echo"])


def echo(t):
    t.start()
    pid, fd = ptybench.spawn(t.attach_argv(), wp.env, COLS, ROWS)
    time.sleep(2.0); drain(fd, 0.5)
    samples = ptybench.drawn_echo_samples(fd, KEYS, WARM, 30)
    kill(pid); t.stop()
    return percentile(samples, 50), percentile(samples, 90), percentile(samples, 99)


SSH = None
try:
    TMUX = wp.tmux("inner")
    wp.start_scarab()
    remote_env = {"HOME": wp.work, "PATH": wp.work + "/dist/bin:" + os.environ.get("PATH", "/usr/bin:/bin"),
                  "LANG": "C.UTF-8", "TERM": "xterm-256color"}
    for k in ("XDG_RUNTIME_DIR", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        remote_env[k] = wp.env[k]
    if os.environ.get("TMUX_TMPDIR"):
        remote_env["TMUX_TMPDIR"] = os.environ["TMUX_TMPDIR"]
    SSH = Sshd(wp.work, remote_env)
    wp.env["SCARAB_SSH"] = " ".join(SSH.ssh())   # the same ssh and options as tmux's
    results = {}
    for r in range(ROUNDS):
        for t in ((Scarab(), Tmux()) if r % 2 == 0 else (Tmux(), Scarab())):
            p50, p90, p99 = echo(t)
            print("  round %d %-6s p50 %.3f ms  p90 %.3f ms  p99 %.3f ms" % (r + 1, t.name, p50, p90, p99), flush=True)
            for k, v in (("echo p50", p50), ("echo p90", p90), ("echo p99", p99)):
                results.setdefault((t.name, k), []).append(v)
    print("keystroke echo over loopback ssh, %dx%d, %d keys timed after %d per round; load %.1f"
          % (COLS, ROWS, KEYS, WARM, os.getloadavg()[0]))
    benchlib.report(results, [("echo p50", "ms"), ("echo p90", "ms"), ("echo p99", "ms")], ROUNDS)
finally:
    if SSH:
        SSH.close()
    wp.close()
