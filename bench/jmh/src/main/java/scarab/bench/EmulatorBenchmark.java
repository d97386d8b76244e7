package scarab.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import scarab.daemon.terminal.Screen;
import scarab.daemon.terminal.VtParser;

/**
 * Parser + screen throughput on realistic output, fed in 16 KiB chunks as the PTY reader does.
 * The score is in operations (one pass over the input) per second; bench/emulator.sh converts it
 * to MB/s with the input sizes it prints.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EmulatorBenchmark {
    /** log: colored log lines scrolling into history; vim, top: recorded full-screen programs. */
    @Param({"log", "vim", "top"})
    public String input;

    private byte[] bytes;
    private Screen screen;
    private VtParser parser;

    @Setup
    public void setUp() throws IOException {
        bytes = switch (input) {
            case "log" -> logLines();
            case "vim" -> repeat(resource("/vt-corpus/vim-edit.100x30.bytes"));
            case "top" -> repeat(resource("/vt-corpus/top-refresh.120x40.bytes"));
            default -> throw new IllegalArgumentException(input);
        };
        screen = new Screen(120, 40, 10_000);
        parser = new VtParser(screen);
        System.out.println("\n[input " + input + ": " + bytes.length + " bytes]");
    }

    @Benchmark
    public void feed(Blackhole hole) {
        for (int off = 0; off < bytes.length; off += 16 * 1024) {
            parser.feed(bytes, off, Math.min(16 * 1024, bytes.length - off));
        }
        hole.consume(screen.cursorY());
    }

    static byte[] logLines() {
        StringBuilder b = new StringBuilder();
        String[] levels = {"\033[32mINFO\033[0m ", "\033[33mWARN\033[0m ", "\033[1;31mERROR\033[0m"};
        for (int i = 0; b.length() < 4 << 20; i++) {
            b.append("\033[2m2026-11-25T05:46:").append(10 + i % 50).append(".123Z\033[0m ").append(levels[i % 3])
                    .append(" [worker-").append(i % 8).append("] \033[36mscarab.http.Server\033[0m request ").append(i)
                    .append(" GET /api/v1/items?page=").append(i % 97).append(" -> 200 in ").append(i % 300).append(" ms\r\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = EmulatorBenchmark.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing " + name + " (run from the built benchmarks jar)");
            }
            return in.readAllBytes();
        }
    }

    /** The recording repeated to about 4 MiB, so one operation is long enough to time well. */
    private static byte[] repeat(byte[] one) {
        int times = Math.max(1, (4 << 20) / one.length);
        byte[] out = new byte[one.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(one, 0, out, i * one.length, one.length);
        }
        return out;
    }
}
