package scarab.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The few control messages on the client's hot paths ({@code scarab ls}, {@code scarab attach}),
 * mapped with jackson-core's streaming parser and generator instead of databind. Databind's first
 * use costs a short-lived client more than everything else it does (some 600 classes); these
 * messages are small and fixed, so a hand-written mapping is cheap and easy to check against
 * {@link Json} (MessageRoundTripTest does).
 *
 * <p>Total on the easy cases only: {@link #write} returns null for a request it does not map, and
 * {@link #readResponse} returns null for a response it does not map or that is anything but
 * plainly well-formed (a number where a string belongs, a null primitive, bad JSON...). The caller
 * then goes through {@link Json}, which gives the answer or the error message it always gave.
 */
public final class LeanJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(Json.MAX_NESTING)
                    .maxStringLength(Json.MAX_STRING)
                    .maxNumberLength(32)
                    .build())
            .build();

    private LeanJson() {}

    private static final int ID = 1;
    private static final int PID = 2;
    private static final int PROTOCOL_VERSION = 4;
    private static final int EXIT_CODE = 8;
    private static final int DIRECT = 16;
    private static final int COLS = 16;
    private static final int ROWS = 32;
    private static final int CLIENTS = 64;
    private static final int RESTORED = 128;
    private static final int SESSION_PRIMITIVES = COLS | ROWS | CLIENTS | RESTORED;

    /** Thrown inside the reader when the message is not one of the easy cases. */
    private static final class NotLean extends Exception {
        NotLean() {
            super(null, null, false, false);
        }
    }

    // ---- requests ----------------------------------------------------------------------------

    /** The request as UTF-8 JSON, or null when this mapping does not cover it. */
    public static byte[] write(Request request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            if (request instanceof Request.Hello r) {
                g.writeStringField("type", "hello");
                g.writeNumberField("id", r.id());
                g.writeNumberField("protocolVersion", r.protocolVersion());
                g.writeStringField("clientVersion", r.clientVersion());
                writeStrings(g, "capabilities", r.capabilities());
            } else if (request instanceof Request.ListSessions r) {
                g.writeStringField("type", "ls");
                g.writeNumberField("id", r.id());
                g.writeStringField("format", r.format());
                if (r.now() == null) {
                    g.writeNullField("now");
                } else {
                    g.writeNumberField("now", r.now());
                }
            } else if (request instanceof Request.Attach r) {
                g.writeStringField("type", "attach");
                g.writeNumberField("id", r.id());
                g.writeStringField("target", r.target());
                g.writeBooleanField("readOnly", r.readOnly());
                g.writeBooleanField("detachOthers", r.detachOthers());
                g.writeNumberField("cols", r.cols());
                g.writeNumberField("rows", r.rows());
                g.writeStringField("fromSession", r.fromSession());
                if (r.terminalPid() == null) {
                    g.writeNullField("terminalPid");
                } else {
                    g.writeNumberField("terminalPid", r.terminalPid());
                }
                g.writeStringField("detachKeys", r.detachKeys());
            } else if (request instanceof Request.Resize r) {
                g.writeStringField("type", "resize");
                g.writeNumberField("id", r.id());
                g.writeNumberField("cols", r.cols());
                g.writeNumberField("rows", r.rows());
            } else if (request instanceof Request.Detach r) {
                g.writeStringField("type", "detach");
                g.writeNumberField("id", r.id());
                g.writeStringField("target", r.target());
            } else {
                return null;
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write to memory", e);
        }
        return out.toByteArray();
    }

    private static void writeStrings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeFieldName(field);
        if (values == null) {
            g.writeNull();
            return;
        }
        g.writeStartArray();
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    // ---- responses ---------------------------------------------------------------------------

    /**
     * The response in {@code json} (UTF-8), or null when it is not a plainly well-formed
     * {@code welcome}, {@code error}, {@code listing}, {@code attached}, {@code detached} or
     * {@code exited}: then ask {@link Json#readResponse}.
     */
    public static Response readResponse(byte[] json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            return response(p);
        } catch (NotLean | IOException | RuntimeException e) {
            return null;
        }
    }

    private static Response response(JsonParser p) throws IOException, NotLean {
        expect(p.nextToken(), JsonToken.START_OBJECT);
        String type = null;
        long id = 0;
        long pid = 0;
        int protocolVersion = 0;
        int exitCode = 0;
        String daemonVersion = null;
        String code = null;
        String message = null;
        String reason = null;
        boolean direct = false;
        String text = null;
        String terminalModes = null;
        String sessionName = null;
        SessionInfo session = null;
        List<String> capabilities = null;
        List<String> notices = null;
        List<SessionInfo> sessions = null;
        int seen = 0; // primitives present: databind refuses a message without one (FAIL_ON_NULL_FOR_PRIMITIVES)
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "type" -> type = string(p, t);
                case "id" -> {
                    id = longValue(p, t);
                    seen |= ID;
                }
                case "pid" -> {
                    pid = longValue(p, t);
                    seen |= PID;
                }
                case "protocolVersion" -> {
                    protocolVersion = intValue(p, t);
                    seen |= PROTOCOL_VERSION;
                }
                case "exitCode" -> {
                    exitCode = intValue(p, t);
                    seen |= EXIT_CODE;
                }
                case "daemonVersion" -> daemonVersion = string(p, t);
                case "code" -> code = string(p, t);
                case "message" -> message = string(p, t);
                case "reason" -> reason = string(p, t);
                case "direct" -> {
                    direct = bool(t);
                    seen |= DIRECT;
                }
                case "capabilities" -> capabilities = strings(p, t);
                case "notices" -> notices = strings(p, t);
                case "text" -> text = string(p, t);
                case "terminalModes" -> terminalModes = string(p, t);
                case "sessions" -> sessions = sessions(p, t);
                case "session" -> {
                    // An object in "attached", the session's name in "detached" and "exited".
                    if (t == JsonToken.START_OBJECT) {
                        session = session(p);
                    } else {
                        sessionName = string(p, t);
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (type == null) {
            throw new NotLean();
        }
        int required = switch (type) {
            case "welcome" -> ID | PROTOCOL_VERSION | PID;
            case "exited" -> ID | EXIT_CODE;
            case "attached" -> ID | DIRECT;
            default -> ID;
        };
        if ((seen & required) != required) {
            throw new NotLean();
        }
        return switch (type) {
            case "welcome" -> new Response.Welcome(id, protocolVersion, daemonVersion, pid, capabilities);
            case "error" -> new Response.Error(id, code, message);
            case "listing" -> new Response.Listing(id, sessions, notices, text);
            case "attached" -> {
                if (sessionName != null) {
                    throw new NotLean();
                }
                yield new Response.Attached(id, session, direct, terminalModes);
            }
            case "detached" -> new Response.Detached(id, objectFree(sessionName, session), reason);
            case "exited" -> new Response.Exited(id, objectFree(sessionName, session), exitCode);
            default -> throw new NotLean();
        };
    }

    private static String objectFree(String name, SessionInfo session) throws NotLean {
        if (session != null) {
            throw new NotLean();
        }
        return name;
    }

    private static List<SessionInfo> sessions(JsonParser p, JsonToken t) throws IOException, NotLean {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(t, JsonToken.START_ARRAY);
        List<SessionInfo> list = new ArrayList<>();
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            expect(e, JsonToken.START_OBJECT);
            list.add(session(p));
        }
        return list;
    }

    /** A session object; the parser is on its START_OBJECT. */
    private static SessionInfo session(JsonParser p) throws IOException, NotLean {
        String id = null;
        String name = null;
        String status = null;
        Integer exitCode = null;
        int cols = 0;
        int rows = 0;
        String createdAt = null;
        String lastAttachedAt = null;
        int clients = 0;
        List<String> command = null;
        String cwd = null;
        String title = null;
        boolean restored = false;
        int seen = 0;
        JsonToken f;
        while ((f = p.nextToken()) == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "id" -> id = string(p, t);
                case "name" -> name = string(p, t);
                case "status" -> status = string(p, t);
                case "exitCode" -> exitCode = t == JsonToken.VALUE_NULL ? null : intValue(p, t);
                case "cols" -> {
                    cols = intValue(p, t);
                    seen |= COLS;
                }
                case "rows" -> {
                    rows = intValue(p, t);
                    seen |= ROWS;
                }
                case "createdAt" -> createdAt = string(p, t);
                case "lastAttachedAt" -> lastAttachedAt = string(p, t);
                case "clients" -> {
                    clients = intValue(p, t);
                    seen |= CLIENTS;
                }
                case "command" -> command = strings(p, t);
                case "cwd" -> cwd = string(p, t);
                case "title" -> title = string(p, t);
                case "restored" -> {
                    restored = bool(t);
                    seen |= RESTORED;
                }
                default -> p.skipChildren();
            }
        }
        expect(f, JsonToken.END_OBJECT);
        if ((seen & SESSION_PRIMITIVES) != SESSION_PRIMITIVES) {
            throw new NotLean();
        }
        return new SessionInfo(id, name, status, exitCode, cols, rows, createdAt, lastAttachedAt, clients, command,
                cwd, title, restored);
    }

    private static List<String> strings(JsonParser p, JsonToken t) throws IOException, NotLean {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(t, JsonToken.START_ARRAY);
        List<String> list = new ArrayList<>();
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            list.add(string(p, e));
        }
        return list;
    }

    private static String string(JsonParser p, JsonToken t) throws IOException, NotLean {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(t, JsonToken.VALUE_STRING);
        return p.getText();
    }

    private static long longValue(JsonParser p, JsonToken t) throws IOException, NotLean {
        expect(t, JsonToken.VALUE_NUMBER_INT);
        JsonParser.NumberType n = p.getNumberType();
        if (n != JsonParser.NumberType.INT && n != JsonParser.NumberType.LONG) {
            throw new NotLean();
        }
        return p.getLongValue();
    }

    private static int intValue(JsonParser p, JsonToken t) throws IOException, NotLean {
        expect(t, JsonToken.VALUE_NUMBER_INT);
        if (p.getNumberType() != JsonParser.NumberType.INT) {
            throw new NotLean();
        }
        return p.getIntValue();
    }

    private static boolean bool(JsonToken t) throws NotLean {
        if (t == JsonToken.VALUE_TRUE) {
            return true;
        }
        if (t == JsonToken.VALUE_FALSE) {
            return false;
        }
        throw new NotLean();
    }

    private static void expect(JsonToken actual, JsonToken expected) throws NotLean {
        if (actual != expected) {
            throw new NotLean();
        }
    }
}
