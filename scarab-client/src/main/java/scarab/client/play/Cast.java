package scarab.client.play;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import scarab.client.ClientError;
import scarab.protocol.Json;

/**
 * An asciicast file (version 2 or 3) read line by line: its header, then its events with their
 * times made absolute (version 3 writes intervals). Read as it is played, never whole: a long
 * recording costs no memory. A last line cut short (a recorder killed mid-write) ends it.
 */
final class Cast implements AutoCloseable {
    /** One event: seconds since the start, its code ({@code o}, {@code i}, {@code r}, {@code m}, {@code x}), its data. */
    record Event(double time, String code, String data) {}

    private final BufferedReader reader;
    private final int version;
    private final int cols;
    private final int rows;
    private final Double idleTimeLimit;
    private double time;
    private int line = 1;
    private final Path path;

    private Cast(Path path, BufferedReader reader, JsonNode header) {
        this.path = path;
        this.reader = reader;
        this.version = header.path("version").asInt();
        if (version != 2 && version != 3) {
            throw new ClientError(path + " is not an asciicast file of version 2 or 3");
        }
        JsonNode term = header.path("term");
        this.cols = version == 3 ? term.path("cols").asInt() : header.path("width").asInt();
        this.rows = version == 3 ? term.path("rows").asInt() : header.path("height").asInt();
        this.idleTimeLimit = header.hasNonNull("idle_time_limit") ? header.get("idle_time_limit").asDouble() : null;
    }

    static Cast open(Path path) throws IOException {
        BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8);
        try {
            String first = r.readLine();
            if (first == null) {
                throw new ClientError(path + " is empty");
            }
            JsonNode header;
            try {
                header = Json.mapper().readTree(first);
            } catch (IOException e) {
                throw new ClientError(path + " is not an asciicast file: its first line is not a JSON object");
            }
            if (header == null || !header.isObject()) {
                throw new ClientError(path + " is not an asciicast file: its first line is not a JSON object");
            }
            return new Cast(path, r, header);
        } catch (RuntimeException | IOException e) {
            r.close();
            throw e;
        }
    }

    int cols() {
        return cols;
    }

    int rows() {
        return rows;
    }

    Double idleTimeLimit() {
        return idleTimeLimit;
    }

    /** The next event, or null at the end. */
    Event next() {
        while (true) {
            String text;
            try {
                text = reader.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            line++;
            if (text == null) {
                return null;
            }
            if (text.isBlank() || text.startsWith("#")) {
                continue; // v3 allows comment lines
            }
            JsonNode e;
            try {
                e = Json.mapper().readTree(text);
            } catch (IOException ex) {
                return null; // a line cut short: the recording ends there
            }
            if (e == null || !e.isArray() || e.size() < 3 || !e.get(0).isNumber()) {
                throw new ClientError(path + ":" + line + ": not an asciicast event: " + abbreviate(text));
            }
            double t = e.get(0).asDouble();
            time = version == 3 ? time + t : t;
            return new Event(time, e.get(1).asText(), e.get(2).asText());
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
