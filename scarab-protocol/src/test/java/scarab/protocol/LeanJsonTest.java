package scarab.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The client's streaming mapping agrees with databind's, and declines what it cannot read as databind does. */
class LeanJsonTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyRequestItWritesReadsBackThroughDatabind() throws Exception {
        Set<Class<?>> covered = new HashSet<>();
        for (Request r : MessageRoundTripTest.requests()) {
            byte[] lean = LeanJson.write(r);
            assertNotNull(lean, r.toString());
            assertEquals(r, Json.readRequest(new String(lean, StandardCharsets.UTF_8)));
            covered.add(r.getClass());
        }
        assertEquals(Set.of(Request.class.getPermittedSubclasses()), covered, "a sample of every request");
    }

    @Test
    void everyResponseItReadsEqualsDatabindsReading() {
        Set<Class<?>> covered = new HashSet<>();
        for (Response r : MessageRoundTripTest.responses()) {
            assertEquals(r, LeanJson.readResponse(utf8(Json.write(r))));
            covered.add(r.getClass());
        }
        assertEquals(Set.of(Response.class.getPermittedSubclasses()), covered, "a sample of every response");
    }

    @Test
    void oddSessionsSessionAndStatusFieldsAreLeftToDatabind() throws Exception {
        List<String> read = List.of(
                "{\"type\":\"captured\",\"id\":1,\"lines\":null,\"more\":false}",
                "{\"type\":\"status\",\"id\":1,\"pid\":2,\"startedAt\":3,\"sessions\":0,\"socket\":null}",
                "{\"type\":\"killed\",\"id\":1,\"sessions\":[]}",
                "{\"type\":\"created\",\"id\":1,\"session\":null,\"lines\":[\"ignored\"]}");
        for (String json : read) {
            assertEquals(Json.readResponse(json), LeanJson.readResponse(utf8(json)), json);
        }
        List<String> declined = List.of(
                "{\"type\":\"status\",\"id\":1,\"pid\":2,\"startedAt\":3,\"sessions\":[]}",
                "{\"type\":\"status\",\"id\":1,\"pid\":2,\"sessions\":4}",
                "{\"type\":\"listing\",\"id\":1,\"sessions\":3}",
                "{\"type\":\"killed\",\"id\":1,\"sessions\":3}",
                "{\"type\":\"created\",\"id\":1,\"session\":\"x\"}",
                "{\"type\":\"renamed\",\"id\":1,\"session\":\"x\"}",
                "{\"type\":\"captured\",\"id\":1,\"lines\":[\"a\"]}",
                "{\"type\":\"captured\",\"id\":1,\"lines\":[1],\"more\":true}");
        for (String json : declined) {
            assertNull(LeanJson.readResponse(utf8(json)), json);
        }
    }

    @Test
    void oddButValidMessagesAgreeWithDatabindOrAreDeclined() throws Exception {
        List<String> cases = List.of(
                "{\"id\":3,\"type\":\"welcome\",\"protocolVersion\":1,\"daemonVersion\":\"0.2\",\"pid\":9,\"capabilities\":[]}",
                "{\"type\":\"welcome\",\"id\":1,\"pid\":2,\"protocolVersion\":1,\"future\":{\"a\":[1,2,{\"b\":null}]},\"capabilities\":null}",
                "{\"type\":\"listing\",\"id\":1,\"sessions\":[{\"id\":\"x\",\"extra\":[true],\"exitCode\":null,\"command\":[\"a\",null],"
                        + "\"cols\":1,\"rows\":2,\"clients\":3,\"restored\":true}],\"notices\":[]}",
                "{\"type\":\"listing\",\"id\":1}",
                "{\"type\":\"detached\",\"id\":0,\"session\":null,\"reason\":\"server-exit\"}",
                "{\"type\":\"exited\",\"id\":0,\"session\":\"w\",\"exitCode\":-1}",
                "{\"type\":\"error\",\"id\":0,\"code\":\"malformed\",\"message\":\"caf\\u00e9 \\\"q\\\" \\n\"}",
                "{\"type\":\"attached\",\"id\":2,\"direct\":true,\"session\":{\"name\":\"\u00e9t\u00e9 \ud83d\ude00\",\"cols\":80,\"rows\":24,\"clients\":0,\"restored\":false}}",
                // Declined: databind coerces or rejects these, and says so in its own words.
                "{\"type\":\"welcome\",\"id\":\"7\"}",
                "{\"type\":\"exited\",\"id\":0,\"session\":\"w\",\"exitCode\":null}",
                "{\"type\":\"exited\",\"id\":0,\"session\":{},\"exitCode\":1}",
                "{\"type\":\"welcome\",\"id\":1.5}",
                "{\"type\":\"welcome\",\"id\":1,\"protocolVersion\":1}",
                "{\"type\":\"error\",\"code\":\"x\",\"message\":\"y\"}",
                "{\"type\":\"listing\",\"id\":1,\"sessions\":[{\"cols\":80,\"rows\":24,\"clients\":0}]}",
                "{\"type\":\"welcome\",\"id\":99999999999999999999999}",
                "{\"type\":\"listing\",\"id\":1,\"sessions\":[{\"cols\":\"80\"}]}",
                "{\"type\":\"listing\",\"id\":1,\"sessions\":[{\"restored\":1}]}",
                "{\"type\":\"done\",\"id\":1}",
                "{\"type\":\"nonsense\",\"id\":1}",
                "{\"id\":1}",
                "[1]",
                "{\"type\":\"welcome\",",
                // Repeated names: databind keeps the first "type"; declined here.
                "{\"type\":\"detached\",\"id\":0,\"session\":\"s\",\"reason\":\"x\",\"type\":\"exited\",\"exitCode\":3}",
                "{\"type\":\"listing\",\"id\":1,\"sessions\":[{\"cols\":1,\"rows\":2,\"clients\":3,\"restored\":true,\"cols\":4}]}",
                // A field name past jackson-core's limit: databind refuses the message.
                "{\"type\":\"error\",\"id\":1,\"code\":\"c\",\"message\":\"m\",\"" + "a".repeat(50_001) + "\":0}",
                "");
        for (String json : cases) {
            Response lean = LeanJson.readResponse(utf8(json));
            if (lean != null) {
                assertEquals(Json.readResponse(json), lean, json);
            }
        }
        for (int i = 0; i < 8; i++) {
            assertNotNull(LeanJson.readResponse(utf8(cases.get(i))), cases.get(i));
        }
        assertNull(LeanJson.readResponse(utf8("{\"type\":\"exited\",\"id\":0,\"session\":\"w\",\"exitCode\":null}")));
        for (String declined : cases.subList(cases.size() - 4, cases.size() - 1)) {
            assertNull(LeanJson.readResponse(utf8(declined)), declined.length() > 200 ? "a long field name" : declined);
        }
    }

    /**
     * Each message with each of its primitive fields left out in turn (a response's and its
     * session's): databind refuses every one, so the lean reading must decline every one. This is
     * what the flags of the two kinds would get wrong if they shared bits within one mask.
     */
    @Test
    void aMessageWithoutOneOfItsPrimitivesIsDeclined() {
        String session = "{\"id\":\"a\",\"name\":\"n\",\"cols\":80,\"rows\":24,\"clients\":1,\"restored\":true}";
        List<String> complete = List.of(
                "{\"type\":\"welcome\",\"id\":1,\"protocolVersion\":1,\"pid\":9,\"daemonVersion\":\"v\"}",
                "{\"type\":\"exited\",\"id\":0,\"session\":\"w\",\"exitCode\":3}",
                "{\"type\":\"attached\",\"id\":2,\"direct\":true,\"session\":" + session + "}",
                "{\"type\":\"captured\",\"id\":3,\"lines\":[\"x\"],\"more\":true}",
                "{\"type\":\"status\",\"id\":4,\"pid\":9,\"startedAt\":5,\"sessions\":2,\"version\":\"v\"}",
                "{\"type\":\"listing\",\"id\":5,\"sessions\":[" + session + "]}",
                "{\"type\":\"created\",\"id\":6,\"session\":" + session + "}",
                "{\"type\":\"command-result\",\"id\":7,\"exitStatus\":1,\"stdout\":\"\",\"stderr\":\"x\"}");
        List<String> primitives = List.of("id", "protocolVersion", "pid", "exitCode", "direct", "more", "startedAt",
                "sessions", "cols", "rows", "clients", "restored", "exitStatus");
        int checked = 0;
        for (String json : complete) {
            assertNotNull(LeanJson.readResponse(utf8(json)), json);
            for (String field : primitives) {
                String without = json.replaceFirst("\"" + field + "\":(-?[0-9]+|true|false),?", "");
                if (without.equals(json)) {
                    continue;
                }
                without = without.replace(",}", "}");
                String message = without;
                assertThrows(MessageException.class, () -> Json.readResponse(message), message);
                assertNull(LeanJson.readResponse(utf8(message)), message);
                checked++;
            }
        }
        assertEquals(29, checked);
    }

    /** The flags of those primitives: one bit each, all different, named after their field. */
    @Test
    void everyPrimitiveHasABitOfItsOwn() throws Exception {
        Set<Integer> bits = new HashSet<>();
        for (LeanJson.Primitive p : LeanJson.Primitive.values()) {
            assertEquals(1, Integer.bitCount(p.bit), p.name());
            assertEquals(true, bits.add(p.bit), p + " shares a bit");
            java.lang.reflect.Field flag = LeanJson.class.getDeclaredField(p.name());
            flag.setAccessible(true);
            assertEquals(p.bit, flag.getInt(null), "the flag " + p + " is its own constant's bit");
        }
    }

    @Test
    void randomSessionListingsAgree() throws Exception {
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            List<SessionInfo> sessions = new ArrayList<>();
            for (int i = random.nextInt(5); i > 0; i--) {
                sessions.add(new SessionInfo(text(random), text(random), random.nextBoolean() ? "running" : "exited",
                        random.nextBoolean() ? null : random.nextInt(), random.nextInt(500), random.nextInt(500),
                        text(random), random.nextBoolean() ? null : text(random), random.nextInt(3),
                        random.nextBoolean() ? null : List.of(text(random), text(random)), text(random),
                        random.nextBoolean() ? null : text(random), random.nextBoolean(),
                        1 + random.nextInt(9), 1 + random.nextInt(99), random.nextBoolean() ? null : text(random),
                        random.nextBoolean() ? null : random.nextInt(Integer.MAX_VALUE) * 1000L,
                        random.nextBoolean() ? null : random.nextInt(Integer.MAX_VALUE) * 4096L,
                        random.nextBoolean() ? null : text(random),
                        random.nextBoolean() ? null : (1L + random.nextInt(Integer.MAX_VALUE)) << 20,
                        random.nextBoolean() ? null : 1 + random.nextInt(100_000),
                        random.nextBoolean() ? null : 1 + random.nextInt(Integer.MAX_VALUE - 1)));
            }
            Response r = new Response.Listing(random.nextInt(1000), sessions, List.of(text(random)));
            assertEquals(Json.readResponse(Json.write(r)), LeanJson.readResponse(utf8(Json.write(r))));
        }
    }

    private static String text(Random random) {
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            int kind = random.nextInt(4);
            s.appendCodePoint(kind == 0 ? random.nextInt(0x20) : kind == 1 ? 0x20 + random.nextInt(0x5f)
                    : kind == 2 ? 0xa0 + random.nextInt(0x2000) : 0x1f600 + random.nextInt(40));
        }
        return s.toString();
    }
}
