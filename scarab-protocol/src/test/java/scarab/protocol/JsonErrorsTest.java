package scarab.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JsonErrorsTest {

    private static MessageException fails(String json) {
        return assertThrows(MessageException.class, () -> Json.readRequest(json));
    }

    @Test
    void malformedJsonIsNamed() {
        MessageException e = fails("{\"type\":\"ls\",");
        assertEquals("malformed", e.code());
        assertTrue(e.getMessage().startsWith("malformed JSON"), e.getMessage());
    }

    @Test
    void unknownTypeIsNamed() {
        MessageException e = fails("{\"type\":\"format-disk\",\"id\":1}");
        assertEquals("unknown-type", e.code());
        assertTrue(e.getMessage().contains("format-disk"), e.getMessage());
    }

    @Test
    void missingTypeIsNamed() {
        assertEquals("unknown-type", fails("{\"id\":1}").code());
    }

    @Test
    void wrongFieldTypeIsRefused() {
        assertEquals("malformed", fails("{\"type\":\"new\",\"id\":1,\"name\":\"x\",\"cols\":\"wide\"}").code());
        assertEquals("malformed", fails("{\"type\":\"kill\",\"id\":1,\"targets\":{\"a\":1},\"force\":false}").code());
    }

    @Test
    void nonObjectsAreRefused() {
        assertEquals("malformed", fails("[1,2,3]").code());
        assertEquals("malformed", fails("42").code());
        assertEquals("malformed", fails("").code());
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "{\"type\":\"ls\",\"id\":1,\"x\":" + "[".repeat(1000) + "]".repeat(1000) + "}";
        assertEquals("malformed", fails(deep).code());
    }

    @Test
    void unknownFieldsAreIgnoredForForwardCompatibility() throws MessageException {
        assertInstanceOf(Request.ListSessions.class, Json.readRequest("{\"type\":\"ls\",\"id\":1,\"future\":true}"));
    }
}
