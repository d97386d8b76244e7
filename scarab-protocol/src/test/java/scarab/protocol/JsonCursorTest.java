package scarab.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The little reader agrees with Jackson on everything it takes, and declines what is not plain JSON. */
class JsonCursorTest {
    private static final ObjectMapper JACKSON = new ObjectMapper();

    /** The document as maps, lists, strings, longs, booleans and nulls; null when declined. */
    private static Object read(byte[] json) {
        JsonCursor c = new JsonCursor(json);
        try {
            Object v = value(c, c.next());
            return c.next() == null ? v : null;
        } catch (JsonCursor.Declined e) {
            return null;
        }
    }

    private static Object value(JsonCursor c, JsonCursor.Token t) throws JsonCursor.Declined {
        if (t == null) {
            throw new JsonCursor.Declined();
        }
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                JsonCursor.Token f;
                while ((f = c.next()) == JsonCursor.Token.FIELD_NAME) {
                    String name = c.text();
                    m.put(name, value(c, c.next()));
                }
                assertEquals(JsonCursor.Token.END_OBJECT, f);
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                JsonCursor.Token e;
                while ((e = c.next()) != JsonCursor.Token.END_ARRAY) {
                    l.add(value(c, e));
                }
                return l;
            }
            case STRING -> {
                return c.text();
            }
            case INT -> {
                return c.number();
            }
            case TRUE -> {
                return true;
            }
            case FALSE -> {
                return false;
            }
            case NULL -> {
                return "<null>";
            }
            default -> throw new AssertionError("unexpected " + t);
        }
    }

    /** Jackson's reading, in the same shapes (numbers as longs). */
    private static Object jackson(byte[] json) throws Exception {
        return normalise(JACKSON.readValue(json, Object.class));
    }

    @SuppressWarnings("unchecked")
    private static Object normalise(Object o) {
        if (o == null) {
            return "<null>";
        }
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, v) -> out.put(k, normalise(v)));
            return out;
        }
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(normalise(v)));
            return out;
        }
        if (o instanceof Integer i) {
            return i.longValue();
        }
        return o;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsWhatJacksonReads() throws Exception {
        for (String json : List.of("{}", "[]", " { \"a\" : [ 1 , -2 , 0 , true , false , null , \"x\" ] } \n",
                "{\"s\":\"caf\\u00e9 \\\"q\\\" \\\\ \\/ \\b\\f\\n\\r\\t \\ud83d\\ude00 \u00e9t\u00e9 \ud83d\ude00\"}",
                "{\"nested\":{\"a\":{\"b\":[[],[{}]]}},\"n\":123456789012345678,\"m\":-9}", "\"just a string\"", "7")) {
            assertEquals(jackson(utf8(json)), read(utf8(json)), json);
        }
    }

    @Test
    void declinesWhatIsNotPlainJson() {
        for (String json : List.of("", "{", "}", "{]", "[}", "[1,]", "{\"a\":1,}", "{\"a\"}", "{\"a\":}", "{a:1}",
                "{'a':1}", "[01]", "[1.5]", "[1e3]", "[-]", "[1234567890123456789]", "[tru]", "[nul]", "{} x",
                "{}{}", "[\"a\nb\"]", "[\"\\x\"]", "[\"\\u12\"]", "[\"unterminated]", "[1 2]", "{\"a\":1 \"b\":2}",
                "[NaN]", "[+1]")) {
            assertNull(read(utf8(json)), json);
        }
        assertNull(read(new byte[] {'[', '"', (byte) 0xc3, '"', ']'}), "malformed UTF-8");
        assertNull(read(new byte[] {'[', '"', (byte) 0xff, '"', ']'}), "not UTF-8 at all");
    }

    @Test
    void declinesNestingPastTheLimitAndTakesItUpToTheLimit() {
        assertNotNull(read(utf8("[".repeat(Json.MAX_NESTING) + "]".repeat(Json.MAX_NESTING))));
        assertNull(read(utf8("[".repeat(Json.MAX_NESTING + 1) + "]".repeat(Json.MAX_NESTING + 1))));
    }

    @Test
    void declinesStringsPastTheLimit() {
        String big = "x".repeat(Json.MAX_STRING + 1);
        assertNull(read(utf8("[\"" + big + "\"]")));
        assertNull(read(utf8("[\"\\n" + big + "\"]")));
    }

    @Test
    void skipsWholeContainers() throws Exception {
        JsonCursor c = new JsonCursor(utf8("{\"skip\":{\"a\":[1,{\"b\":2}],\"c\":3},\"keep\":4}"));
        assertEquals(JsonCursor.Token.START_OBJECT, c.next());
        assertEquals(JsonCursor.Token.FIELD_NAME, c.next());
        c.skipChildren(c.next());
        assertEquals(JsonCursor.Token.FIELD_NAME, c.next());
        assertEquals("keep", c.text());
        assertEquals(JsonCursor.Token.INT, c.next());
        assertEquals(4, c.number());
        assertEquals(JsonCursor.Token.END_OBJECT, c.next());
        assertNull(c.next());
        JsonCursor truncated = new JsonCursor(utf8("{\"skip\":{\"a\":[1,"));
        truncated.next();
        truncated.next();
        JsonCursor.Token start = truncated.next();
        assertThrows(JsonCursor.Declined.class, () -> truncated.skipChildren(start));
    }

    /** Mutated messages: whatever the reader takes, Jackson reads the same way. */
    @Test
    void mutatedMessagesAreDeclinedOrReadAsJacksonReadsThem() {
        List<byte[]> seeds = new ArrayList<>();
        for (Response r : MessageRoundTripTest.responses()) {
            seeds.add(utf8(Json.write(r)));
        }
        Random random = new Random(7);
        byte[] alphabet = utf8("{}[]\",:\\ 0123456789-.eEtruefalsn\u00e9");
        int taken = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] json = seeds.get(random.nextInt(seeds.size())).clone();
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                int at = random.nextInt(json.length);
                json[at] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
            }
            Object mine = read(json);
            if (mine == null) {
                continue;
            }
            taken++;
            Object theirs;
            try {
                theirs = jackson(json);
            } catch (Exception e) {
                throw new AssertionError("taken here, refused by Jackson: " + new String(json, StandardCharsets.UTF_8), e);
            }
            assertEquals(theirs, mine, new String(json, StandardCharsets.UTF_8));
        }
        assertEquals(true, taken > 1000, "enough mutations stay valid to compare: " + taken);
    }
}
