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


class TextReader:
    """What a terminal would print from a stream of output bytes: escape sequences (CSI, OSC, DCS and
    the other strings, two- and three-byte ESC sequences) and controls taken out, so that a typed
    character is found where it is drawn, not inside a cursor move or a mode change (`ESC [ ? 25 l`
    holds an `l`). The state carries over from one read to the next."""
    GROUND, ESC, CSI, STRING, STRING_ESC, INTERMEDIATE = range(6)

    def __init__(self):
        self.state = self.GROUND

    def text(self, data):
        out = bytearray()
        st = self.state
        for b in data:
            if st == self.GROUND:
                if b == 0x1b: st = self.ESC
                elif b >= 0x20 and b != 0x7f: out.append(b)
            elif st == self.ESC:
                if b == ord('['): st = self.CSI
                elif b in b"]P_^X": st = self.STRING
                elif 0x20 <= b <= 0x2f: st = self.INTERMEDIATE
                else: st = self.GROUND
            elif st == self.CSI:
                if 0x40 <= b <= 0x7e: st = self.GROUND
            elif st == self.INTERMEDIATE:
                if not 0x20 <= b <= 0x2f: st = self.GROUND
            elif st == self.STRING:
                if b == 0x07: st = self.GROUND
                elif b == 0x1b: st = self.STRING_ESC
            elif st == self.STRING_ESC:
                st = self.GROUND if b == ord('\\') else self.STRING
        self.state = st
        return bytes(out)


def read_until_drawn(fd, reader, needle, timeout=30.0):
    """Reads fd until needle is among what a terminal would print (TextReader)."""
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("waiting for %r to be drawn" % needle)
        if select.select([fd], [], [], left)[0] and needle in reader.text(os.read(fd, 65536)):
            return


def drawn_echo_samples(fd, n, warm, timeout, keys=b"!#$%&+=/^~"):
    """Writes one key at a time to a raw `cat` behind fd (a client drawing a composed window: its
    echo is drawn among cursor moves and mode changes) and times each until it is drawn; the last n
    of warm + n times, in ms. The keys are symbols that no status line or pane title here holds."""
    reader = TextReader()
    samples = []
    for i in range(warm + n):
        ch = keys[i % len(keys):i % len(keys) + 1]
        s = time.perf_counter()
        os.write(fd, ch)
        read_until_drawn(fd, reader, ch, timeout)
        if i >= warm:
            samples.append((time.perf_counter() - s) * 1000)
        while select.select([fd], [], [], 0.002)[0]:
            reader.text(os.read(fd, 65536))
    return samples
