package scarab.daemon.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An asciicast file open for appending: the header of a new one, then event lines, each written
 * whole by one {@code write} (a daemon killed at any moment leaves complete lines, and the kernel
 * has every line written before: nothing waits in this process). Times are kept in microseconds
 * since the epoch and written as the format wants them: since the header's timestamp (v2) or
 * since the event before (v3). Used by one recording's writer thread.
 */
final class CastFile implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final CastFormat format;
    /** v2: the header's timestamp, in microseconds; the times count from it. */
    private final long baseMicros;
    /** v3: when the last event was; the next one's time counts from it. */
    private long lastMicros;
    /** v3: the time of the event begun, which becomes the last one when it is ended (not when dropped). */
    private long begunMicros;

    private CastFile(Path path, FileChannel channel, CastFormat format, long baseMicros, long lastMicros) {
        this.path = path;
        this.channel = channel;
        this.format = format;
        this.baseMicros = baseMicros;
        this.lastMicros = lastMicros;
    }

    /** A new file (one that exists is refused: a recording never overwrites). */
    static CastFile create(Path path, CastFormat format, long timestampSeconds) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        long base = timestampSeconds * 1_000_000;
        return new CastFile(path, ch, format, base, base);
    }

    /**
     * The file of a recording that goes on (after a restart): whatever follows its last complete
     * line (a write cut short) is cut off first, so the file stays valid line by line. A v3 file's
     * next interval counts from the file's last change, when its last event was written.
     */
    static CastFile reopen(Path path, CastFormat format, long timestampSeconds) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toString(), null, "the recording's file is gone");
        }
        FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.READ);
        try {
            long size = ch.size();
            long keep = completeLines(ch, size);
            if (keep < size) {
                ch.truncate(keep);
            }
            ch.close();
            long last = Files.getLastModifiedTime(path).toMillis() * 1000;
            FileChannel append = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            return new CastFile(path, append, format, timestampSeconds * 1_000_000, last);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** The length of the file up to and with its last newline. */
    private static long completeLines(FileChannel ch, long size) throws IOException {
        long pos = size;
        ByteBuffer b = ByteBuffer.allocate(8192);
        while (pos > 0) {
            int n = (int) Math.min(b.capacity(), pos);
            b.clear().limit(n);
            ch.read(b, pos - n);
            for (int i = n - 1; i >= 0; i--) {
                if (b.get(i) == '\n') {
                    return pos - n + i + 1;
                }
            }
            pos -= n;
        }
        return 0;
    }

    Path path() {
        return path;
    }

    CastFormat format() {
        return format;
    }

    /** The header line. */
    void header(ByteBuf out, int cols, int rows, String title, String command, String term, String shell) {
        out.ascii("{\"version\": ").ascii(String.valueOf(format.version()));
        if (format == CastFormat.V3) {
            out.ascii(", \"term\": {\"cols\": ").ascii(String.valueOf(cols)).ascii(", \"rows\": ")
                    .ascii(String.valueOf(rows)).ascii(", \"type\": ");
            Utf8Json.quoted(term, out);
            out.ascii("}");
        } else {
            out.ascii(", \"width\": ").ascii(String.valueOf(cols)).ascii(", \"height\": ").ascii(String.valueOf(rows));
        }
        out.ascii(", \"timestamp\": ").ascii(String.valueOf(baseMicros / 1_000_000));
        if (title != null) {
            out.ascii(", \"title\": ");
            Utf8Json.quoted(title, out);
        }
        if (command != null) {
            out.ascii(", \"command\": ");
            Utf8Json.quoted(command, out);
        }
        out.ascii(", \"env\": {");
        if (format == CastFormat.V2) {
            out.ascii("\"TERM\": ");
            Utf8Json.quoted(term, out);
            out.ascii(", ");
        }
        out.ascii("\"SHELL\": ");
        Utf8Json.quoted(shell, out);
        out.ascii("}}\n");
    }

    /** {@code [time, "type", "} : the start of an event line; the caller writes the data and {@link #endEvent}. */
    void beginEvent(ByteBuf out, long epochMicros, char type) {
        long t;
        if (format == CastFormat.V3) {
            t = epochMicros - lastMicros;
            begunMicros = Math.max(lastMicros, epochMicros);
        } else {
            t = epochMicros - baseMicros;
        }
        out.write('[');
        out.seconds(t);
        out.ascii(", \"");
        out.write(type);
        out.ascii("\", \"");
    }

    void endEvent(ByteBuf out) {
        out.ascii("\"]\n");
        if (format == CastFormat.V3) {
            lastMicros = begunMicros;
        }
    }

    /** Writes the lines in {@code out} (whole lines only) to the file. */
    void write(ByteBuf out) throws IOException {
        ByteBuffer b = out.buffer();
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
