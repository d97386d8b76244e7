package scarab.daemon.events;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of one event after its {@code seq}, {@code time} and {@code type}, in the order
 * they are written: ids as tmux writes them ({@code $N}, {@code @N}, {@code %N}) with the names
 * beside them. Strings, numbers and booleans only. Built by the publisher, then read only.
 */
public final class EventFields {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private final List<String> names = new ArrayList<>(8);
    private final List<Object> values = new ArrayList<>(8);

    public static EventFields of() {
        return new EventFields();
    }

    /** A field; a null value is left out. */
    public EventFields put(String name, Object value) {
        if (value != null) {
            names.add(name);
            values.add(value);
        }
        return this;
    }

    /** {@code session} ({@code $N}) and {@code session_name}. */
    public EventFields session(int number, String name) {
        return put("session", "$" + number).put("session_name", name);
    }

    /** {@code window} ({@code @N}), {@code window_index} and {@code window_name}. */
    public EventFields window(int id, int index, String name) {
        return put("window", "@" + id).put("window_index", index).put("window_name", name);
    }

    /** {@code pane} ({@code %N}). */
    public EventFields pane(int id) {
        return put("pane", "%" + id);
    }

    public String get(String name) {
        int i = names.indexOf(name);
        return i < 0 ? null : String.valueOf(values.get(i));
    }

    public List<String> names() {
        return names;
    }

    /** The value of field {@code i} as text (a format variable's value). */
    public String text(int i) {
        return String.valueOf(values.get(i));
    }

    /** {@code ,"type":"T","name":value,...}\n}: the event's JSON after its seq and time. */
    byte[] body(String type) {
        StringBuilder b = new StringBuilder(64 + 24 * names.size());
        b.append(",\"type\":");
        quote(b, type);
        for (int i = 0; i < names.size(); i++) {
            b.append(',');
            quote(b, names.get(i));
            b.append(':');
            Object v = values.get(i);
            if (v instanceof Number || v instanceof Boolean) {
                b.append(v);
            } else {
                quote(b, String.valueOf(v));
            }
        }
        return b.append("}\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON string: quotes, backslashes and every control character escaped (RFC 8259). */
    static void quote(StringBuilder b, String s) {
        b.append('"');
        int start = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f) {
                continue;
            }
            b.append(s, start, i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> b.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 15]);
            }
            start = i + 1;
        }
        b.append(s, start, n).append('"');
    }
}
