package scarab.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import scarab.protocol.JsonCursor.Declined;
import scarab.protocol.JsonCursor.Token;
import scarab.protocol.command.Caller;

/**
 * The client's side of the control messages (every request it writes, every response it reads),
 * mapped by hand over a strict little reader ({@link JsonCursor}) and writer instead of Jackson.
 * Databind's first use costs a short-lived client more than everything else it does (some 600
 * classes: a {@code scarab kill} took 190 ms, {@code scarab ls} without it 50), and even
 * jackson-core's set-up took 8 ms of an attach; the messages are small and fixed, so a
 * hand-written mapping is cheap and easy to check against {@link Json} (LeanJsonTest does,
 * message by message and on odd input). The daemon, long-lived, reads and writes with databind.
 *
 * <p>Total on the easy cases only: {@link #write} returns null for a request it does not map, and
 * {@link #readResponse} returns null for a response it does not map or that is anything but
 * plainly well-formed (a number where a string belongs, a null primitive, bad JSON...). The caller
 * then goes through {@link Json}, which gives the answer or the error message it always gave.
 */
public final class LeanJson {
    private LeanJson() {}

    /**
     * The primitive fields whose absence makes databind refuse a message
     * (FAIL_ON_NULL_FOR_PRIMITIVES), a response's and a session's. One bit each, from the constant's
     * place in this one list: two can never share a bit (hand-numbered flags once did: DIRECT and
     * COLS were both 16, harmless only while the two kinds were never tested in one mask).
     */
    enum Primitive {
        ID, PID, PROTOCOL_VERSION, EXIT_CODE, DIRECT, MORE, STARTED_AT, SESSION_COUNT,
        COLS, ROWS, CLIENTS, RESTORED, EXIT_STATUS, LAST_SEQ;

        final int bit = 1 << ordinal();
    }

    private static final int ID = Primitive.ID.bit;
    private static final int PID = Primitive.PID.bit;
    private static final int PROTOCOL_VERSION = Primitive.PROTOCOL_VERSION.bit;
    private static final int EXIT_CODE = Primitive.EXIT_CODE.bit;
    private static final int DIRECT = Primitive.DIRECT.bit;
    private static final int MORE = Primitive.MORE.bit;
    private static final int STARTED_AT = Primitive.STARTED_AT.bit;
    private static final int SESSION_COUNT = Primitive.SESSION_COUNT.bit;
    private static final int COLS = Primitive.COLS.bit;
    private static final int ROWS = Primitive.ROWS.bit;
    private static final int CLIENTS = Primitive.CLIENTS.bit;
    private static final int RESTORED = Primitive.RESTORED.bit;
    private static final int EXIT_STATUS = Primitive.EXIT_STATUS.bit;
    private static final int LAST_SEQ = Primitive.LAST_SEQ.bit;
    private static final int SESSION_PRIMITIVES = COLS | ROWS | CLIENTS | RESTORED;

    // ---- requests ----------------------------------------------------------------------------

    /** The request as UTF-8 JSON, or null when this mapping does not cover it. */
    public static byte[] write(Request request) {
        Writer w = new Writer();
        if (request instanceof Request.Hello r) {
            w.string("type", "hello").number("id", r.id()).number("protocolVersion", r.protocolVersion())
                    .string("clientVersion", r.clientVersion()).strings("capabilities", r.capabilities());
        } else if (request instanceof Request.ListSessions r) {
            w.string("type", "ls").number("id", r.id()).string("format", r.format()).number("now", r.now());
            if (r.group() != null) {
                w.string("group", r.group());
            }
        } else if (request instanceof Request.Attach r) {
            w.string("type", "attach").number("id", r.id()).string("target", r.target())
                    .bool("readOnly", r.readOnly()).bool("detachOthers", r.detachOthers())
                    .number("cols", r.cols()).number("rows", r.rows()).string("fromSession", r.fromSession())
                    .number("terminalPid", r.terminalPid()).string("detachKeys", r.detachKeys())
                    .number("terminalDevice", r.terminalDevice()).string("ttyName", r.ttyName())
                    .string("termName", r.termName());
        } else if (request instanceof Request.Resize r) {
            w.string("type", "resize").number("id", r.id()).number("cols", r.cols()).number("rows", r.rows());
        } else if (request instanceof Request.InputIdentity r) {
            w.string("type", "input-identity").number("id", r.id()).string("client", r.client());
        } else if (request instanceof Request.Ping r) {
            w.string("type", "ping").number("id", r.id());
        } else if (request instanceof Request.Detach r) {
            w.string("type", "detach").number("id", r.id()).string("target", r.target());
        } else if (request instanceof Request.NewSession r) {
            w.string("type", "new").number("id", r.id()).string("name", r.name()).strings("command", r.command())
                    .string("cwd", r.cwd()).number("cols", r.cols()).number("rows", r.rows()).map("env", r.env());
            if (r.recording() != null) {
                w.recording("recording", r.recording());
            }
            // Written only when given: the everyday new stays as short as it was.
            if (r.group() != null) {
                w.string("group", r.group());
            }
            if (r.memoryMax() != null || r.cpuMax() != null || r.tasksMax() != null) {
                w.number("memoryMax", r.memoryMax())
                        .number("cpuMax", r.cpuMax() == null ? null : Long.valueOf(r.cpuMax()))
                        .number("tasksMax", r.tasksMax() == null ? null : Long.valueOf(r.tasksMax()));
            }
        } else if (request instanceof Request.RecordStart r) {
            w.string("type", "record-start").number("id", r.id()).string("target", r.target())
                    .recording("recording", r.recording());
        } else if (request instanceof Request.RecordStop r) {
            w.string("type", "record-stop").number("id", r.id()).string("target", r.target());
        } else if (request instanceof Request.Kill r) {
            w.string("type", "kill").number("id", r.id()).strings("targets", r.targets()).bool("force", r.force());
            if (r.group() != null) {
                w.string("group", r.group());
            }
        } else if (request instanceof Request.Rename r) {
            w.string("type", "rename").number("id", r.id()).string("target", r.target()).string("newName", r.newName());
        } else if (request instanceof Request.Capture r) {
            w.string("type", "capture").number("id", r.id()).string("target", r.target()).bool("escapes", r.escapes())
                    .string("start", r.start()).string("end", r.end()).bool("join", r.join());
        } else if (request instanceof Request.SendKeys r) {
            w.string("type", "send-keys").number("id", r.id()).string("target", r.target())
                    .strings("keys", r.keys()).bool("literal", r.literal());
        } else if (request instanceof Request.Wait r) {
            w.string("type", "wait").number("id", r.id()).string("target", r.target());
        } else if (request instanceof Request.WaitForOutput r) {
            w.string("type", "wait-for-output").number("id", r.id()).string("target", r.target())
                    .string("pattern", r.pattern()).number("timeoutMillis", r.timeoutMillis());
        } else if (request instanceof Request.WaitIdle r) {
            w.string("type", "wait-idle").number("id", r.id()).string("target", r.target())
                    .number("idleMillis", r.idleMillis()).number("timeoutMillis", r.timeoutMillis());
        } else if (request instanceof Request.DaemonStatus r) {
            w.string("type", "daemon-status").number("id", r.id());
        } else if (request instanceof Request.DaemonStop r) {
            w.string("type", "daemon-stop").number("id", r.id());
        } else if (request instanceof Request.DaemonUpgrade r) {
            w.string("type", "daemon-upgrade").number("id", r.id());
        } else if (request instanceof Request.Events r) {
            w.string("type", "events").number("id", r.id()).strings("types", r.types()).string("target", r.target())
                    .bool("output", r.output()).number("since", r.since());
        } else if (request instanceof Request.Command r) {
            w.string("type", "command").number("id", r.id()).strings("argv", r.argv()).caller("caller", r.caller());
            if (r.input() != null) {
                w.string("input", r.input());
            }
        } else {
            return null;
        }
        return w.bytes();
    }

    /** One JSON object, field by field: strings escaped as RFC 8259 requires, the rest as UTF-8. */
    private static final class Writer {
        private final StringBuilder b = new StringBuilder(160).append('{');

        private Writer field(String name) {
            if (b.length() > 1) {
                b.append(',');
            }
            quote(name);
            b.append(':');
            return this;
        }

        Writer string(String name, String value) {
            field(name);
            if (value == null) {
                b.append("null");
            } else {
                quote(value);
            }
            return this;
        }

        Writer number(String name, Long value) {
            field(name).b.append(value == null ? "null" : value.toString());
            return this;
        }

        Writer number(String name, long value) {
            field(name).b.append(value);
            return this;
        }

        Writer bool(String name, boolean value) {
            field(name).b.append(value);
            return this;
        }

        Writer map(String name, Map<String, String> values) {
            field(name);
            if (values == null) {
                b.append("null");
                return this;
            }
            b.append('{');
            boolean first = true;
            for (Map.Entry<String, String> e : values.entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                quote(e.getKey());
                b.append(':');
                if (e.getValue() == null) {
                    b.append("null");
                } else {
                    quote(e.getValue());
                }
            }
            b.append('}');
            return this;
        }

        Writer caller(String name, Caller caller) {
            field(name);
            if (caller == null) {
                b.append("null");
                return this;
            }
            b.append("{\"cwd\":");
            nullableQuote(caller.cwd());
            b.append(",\"pane\":");
            nullableQuote(caller.pane());
            b.append(",\"session\":");
            nullableQuote(caller.session());
            b.append(",\"client\":");
            nullableQuote(caller.client());
            b.append('}');
            return this;
        }

        Writer recording(String name, Request.Recording r) {
            field(name);
            if (r == null) {
                b.append("null");
                return this;
            }
            b.append("{\"file\":");
            nullableQuote(r.file());
            b.append(",\"input\":").append(r.input());
            b.append(",\"format\":");
            nullableQuote(r.format());
            b.append('}');
            return this;
        }

        private void nullableQuote(String s) {
            if (s == null) {
                b.append("null");
            } else {
                quote(s);
            }
        }

        Writer strings(String name, List<String> values) {
            field(name);
            if (values == null) {
                b.append("null");
                return this;
            }
            b.append('[');
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                if (values.get(i) == null) {
                    b.append("null");
                } else {
                    quote(values.get(i));
                }
            }
            b.append(']');
            return this;
        }

        private void quote(String s) {
            b.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') {
                    b.append('\\').append(c);
                } else if (c < 0x20) {
                    b.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
                } else {
                    b.append(c);
                }
            }
            b.append('"');
        }

        byte[] bytes() {
            return b.append('}').toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    // ---- responses ---------------------------------------------------------------------------

    /**
     * The response in {@code json} (UTF-8), or null when it is not a plainly well-formed response
     * of a known type: then ask {@link Json#readResponse}.
     */
    public static Response readResponse(byte[] json) {
        try {
            return response(new JsonCursor(json));
        } catch (Declined | RuntimeException e) {
            return null;
        }
    }

    private static Response response(JsonCursor p) throws Declined {
        expect(p.next(), Token.START_OBJECT);
        String type = null;
        long id = 0;
        long pid = 0;
        long lastSeq = 0;
        int protocolVersion = 0;
        int exitCode = 0;
        int exitStatus = 0;
        String stdout = null;
        String stderr = null;
        String daemonVersion = null;
        String code = null;
        String message = null;
        String reason = null;
        boolean direct = false;
        String text = null;
        String terminalModes = null;
        String version = null;
        String socket = null;
        String database = null;
        String config = null;
        long startedAt = 0;
        int sessionCount = 0;
        boolean more = false;
        List<String> lines = null;
        String line = null;
        String sessionName = null;
        SessionInfo session = null;
        List<String> capabilities = null;
        List<String> notices = null;
        List<String> configWarnings = null;
        List<SessionInfo> sessions = null;
        int seen = 0; // primitives present: databind refuses a message without one (FAIL_ON_NULL_FOR_PRIMITIVES)
        Token f;
        Set<String> names = new HashSet<>();
        while ((f = p.next()) == Token.FIELD_NAME) {
            String field = once(names, p.text());
            Token t = p.next();
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
                case "exitStatus" -> {
                    exitStatus = intValue(p, t);
                    seen |= EXIT_STATUS;
                }
                case "lastSeq" -> {
                    lastSeq = longValue(p, t);
                    seen |= LAST_SEQ;
                }
                case "stdout" -> stdout = string(p, t);
                case "stderr" -> stderr = string(p, t);
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
                case "configWarnings" -> configWarnings = strings(p, t);
                case "text" -> text = string(p, t);
                case "terminalModes" -> terminalModes = string(p, t);
                case "sessions" -> {
                    // The sessions in "listing" and "killed", their number in "status".
                    if (t == Token.INT) {
                        sessionCount = intValue(p, t);
                        seen |= SESSION_COUNT;
                    } else {
                        sessions = sessions(p, t);
                    }
                }
                case "startedAt" -> {
                    startedAt = longValue(p, t);
                    seen |= STARTED_AT;
                }
                case "more" -> {
                    more = bool(t);
                    seen |= MORE;
                }
                case "lines" -> lines = strings(p, t);
                case "line" -> line = string(p, t);
                case "version" -> version = string(p, t);
                case "socket" -> socket = string(p, t);
                case "database" -> database = string(p, t);
                case "config" -> config = string(p, t);
                case "session" -> {
                    // An object in "attached", "created" and "renamed"; the name in "detached" and "exited".
                    if (t == Token.START_OBJECT) {
                        session = session(p);
                    } else {
                        sessionName = string(p, t);
                    }
                }
                default -> p.skipChildren(t);
            }
        }
        expect(f, Token.END_OBJECT);
        expect(p.next(), null); // the end of the document
        if (type == null) {
            throw new JsonCursor.Declined();
        }
        int required = switch (type) {
            case "welcome" -> ID | PROTOCOL_VERSION | PID;
            case "exited" -> ID | EXIT_CODE;
            case "attached" -> ID | DIRECT;
            case "captured" -> ID | MORE;
            case "status" -> ID | PID | STARTED_AT | SESSION_COUNT;
            case "command-result" -> ID | EXIT_STATUS;
            case "subscribed", "input-ack" -> ID | LAST_SEQ;
            default -> ID;
        };
        if ((seen & required) != required || (seen & SESSION_COUNT) != 0 && !type.equals("status")) {
            throw new JsonCursor.Declined();
        }
        return switch (type) {
            case "welcome" -> new Response.Welcome(id, protocolVersion, daemonVersion, pid, capabilities);
            case "error" -> new Response.Error(id, code, message);
            case "listing" -> new Response.Listing(id, sessions, notices, text);
            case "attached" -> new Response.Attached(id, nameFree(sessionName, session), direct, terminalModes);
            case "created" -> new Response.Created(id, nameFree(sessionName, session), configWarnings);
            case "renamed" -> new Response.Renamed(id, nameFree(sessionName, session));
            case "killed" -> new Response.Killed(id, sessions);
            case "captured" -> new Response.Captured(id, lines, more);
            case "done" -> new Response.Done(id);
            case "output-matched" -> new Response.OutputMatched(id, line);
            case "status" -> new Response.Status(id, version, pid, startedAt, socket, database, config, sessionCount,
                    configWarnings, notices);
            case "detached" -> new Response.Detached(id, objectFree(sessionName, session), reason);
            case "exited" -> new Response.Exited(id, objectFree(sessionName, session), exitCode);
            case "command-result" -> new Response.CommandResult(id, exitStatus, stdout, stderr);
            case "subscribed" -> new Response.Subscribed(id, lastSeq);
            case "input-ack" -> new Response.InputAck(id, lastSeq);
            default -> throw new JsonCursor.Declined();
        };
    }

    /**
     * The field's name, the first time in its object. A repeated name is declined: databind takes
     * the first "type" and may build a record before a later duplicate, so "the last one wins"
     * would not always read the message as it does.
     */
    private static String once(Set<String> names, String name) throws Declined {
        if (!names.add(name)) {
            throw new JsonCursor.Declined();
        }
        return name;
    }

    /** Where a session object belongs, a string is left to databind (which refuses it). */
    private static SessionInfo nameFree(String name, SessionInfo session) throws Declined {
        if (name != null) {
            throw new JsonCursor.Declined();
        }
        return session;
    }

    private static String objectFree(String name, SessionInfo session) throws Declined {
        if (session != null) {
            throw new JsonCursor.Declined();
        }
        return name;
    }

    private static List<SessionInfo> sessions(JsonCursor p, Token t) throws Declined {
        if (t == Token.NULL) {
            return null;
        }
        expect(t, Token.START_ARRAY);
        List<SessionInfo> list = new ArrayList<>();
        Token e;
        while ((e = p.next()) != Token.END_ARRAY) {
            expect(e, Token.START_OBJECT);
            list.add(session(p));
        }
        return list;
    }

    /** A session object; the parser is on its START_OBJECT. */
    private static SessionInfo session(JsonCursor p) throws Declined {
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
        Integer windows = null;
        Integer panes = null;
        String group = null;
        Long cpuMillis = null;
        Long memoryBytes = null;
        String exitReason = null;
        Long memoryMax = null;
        Integer cpuMax = null;
        Integer tasksMax = null;
        int seen = 0;
        Token f;
        Set<String> names = new HashSet<>();
        while ((f = p.next()) == Token.FIELD_NAME) {
            String field = once(names, p.text());
            Token t = p.next();
            switch (field) {
                case "id" -> id = string(p, t);
                case "name" -> name = string(p, t);
                case "status" -> status = string(p, t);
                case "exitCode" -> exitCode = t == Token.NULL ? null : intValue(p, t);
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
                case "windows" -> windows = t == Token.NULL ? null : intValue(p, t);
                case "panes" -> panes = t == Token.NULL ? null : intValue(p, t);
                case "group" -> group = string(p, t);
                case "cpuMillis" -> cpuMillis = t == Token.NULL ? null : longValue(p, t);
                case "memoryBytes" -> memoryBytes = t == Token.NULL ? null : longValue(p, t);
                case "exitReason" -> exitReason = string(p, t);
                case "memoryMax" -> memoryMax = t == Token.NULL ? null : longValue(p, t);
                case "cpuMax" -> cpuMax = t == Token.NULL ? null : intValue(p, t);
                case "tasksMax" -> tasksMax = t == Token.NULL ? null : intValue(p, t);
                default -> p.skipChildren(t);
            }
        }
        expect(f, Token.END_OBJECT);
        if ((seen & SESSION_PRIMITIVES) != SESSION_PRIMITIVES) {
            throw new JsonCursor.Declined();
        }
        return new SessionInfo(id, name, status, exitCode, cols, rows, createdAt, lastAttachedAt, clients, command,
                cwd, title, restored, windows, panes, group, cpuMillis, memoryBytes, exitReason, memoryMax, cpuMax,
                tasksMax);
    }

    private static List<String> strings(JsonCursor p, Token t) throws Declined {
        if (t == Token.NULL) {
            return null;
        }
        expect(t, Token.START_ARRAY);
        List<String> list = new ArrayList<>();
        Token e;
        while ((e = p.next()) != Token.END_ARRAY) {
            list.add(string(p, e));
        }
        return list;
    }

    private static String string(JsonCursor p, Token t) throws Declined {
        if (t == Token.NULL) {
            return null;
        }
        expect(t, Token.STRING);
        return p.text();
    }

    private static long longValue(JsonCursor p, Token t) throws Declined {
        expect(t, Token.INT);
        return p.number();
    }

    private static int intValue(JsonCursor p, Token t) throws Declined {
        expect(t, Token.INT);
        long n = p.number();
        if (n != (int) n) {
            throw new JsonCursor.Declined();
        }
        return (int) n;
    }

    private static boolean bool(Token t) throws Declined {
        if (t == Token.TRUE) {
            return true;
        }
        if (t == Token.FALSE) {
            return false;
        }
        throw new JsonCursor.Declined();
    }

    private static void expect(Token actual, Token expected) throws Declined {
        if (actual != expected) {
            throw new JsonCursor.Declined();
        }
    }
}
