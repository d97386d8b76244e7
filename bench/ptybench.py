"""What the pty benchmarks share: a client in a pty of its own, and reading that pty."""
import fcntl, os, pty, select, signal, struct, termios, time


def spawn(argv, env, cols=120, rows=40):
    """A client in its own pty of the given size; returns (pid, master fd)."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    return pid, fd


def read_until(fd, needle, timeout=30.0):
    """Reads fd until needle has been seen; what was read. TimeoutError past the timeout."""
    buf = b""
    deadline = time.monotonic() + timeout
    while needle not in buf:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("waiting for %r; got %r" % (needle, buf[-200:]))
        if select.select([fd], [], [], left)[0]:
            buf += os.read(fd, 65536)
    return buf


def drain(fd, quiet=0.2):
    """Reads and drops whatever comes until fd is quiet for `quiet` seconds."""
    while select.select([fd], [], [], quiet)[0]:
        try:
            os.read(fd, 65536)
        except OSError:
            return


def kill(pid):
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except OSError:
        pass


def echo_percentiles(fd, n, warm, timeout):
    """Writes one byte at a time to a raw `cat` behind fd and times each until it comes back;
    (p50, p99) in ms over the last n of warm + n keys."""
    samples = []
    for i in range(warm + n):
        ch = bytes([ord('a') + i % 26])
        s = time.perf_counter()
        os.write(fd, ch)
        read_until(fd, ch, timeout)
        if i >= warm:
            samples.append((time.perf_counter() - s) * 1000)
        drain(fd, 0.002)
    samples.sort()
    return samples[len(samples) // 2], samples[int(len(samples) * 0.99) - 1]
