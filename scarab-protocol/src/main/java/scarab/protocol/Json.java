package scarab.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The one JSON mapping for control messages. Limits are set for our messages, not Jackson's
 * generous defaults: a hostile peer cannot make the daemon parse deep or huge documents.
 */
public final class Json {
    /** Our messages nest three levels at most; anything deeper is an attack or a bug. */
    static final int MAX_NESTING = 32;
    /**
     * A string may be as long as a whole message: a captured line (a long line wrapped over
     * thousands of rows, joined) or a command can pass a frame's size. A request is one frame, so
     * the daemon never reads one longer than that.
     */
    static final int MAX_STRING = Frame.MAX_MESSAGE;

    private static final ObjectMapper MAPPER = createMapper();

    private Json() {}

    private static ObjectMapper createMapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        .maxStringLength(MAX_STRING)
                        .maxNumberLength(32)
                        .build())
                .build();
        return new ObjectMapper(factory)
                // A newer peer may add fields; the type and the fields we know are what matter.
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
                .setSerializationInclusion(JsonInclude.Include.ALWAYS);
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object message) {
        try {
            return MAPPER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + message.getClass().getSimpleName(), e);
        }
    }

    public static Request readRequest(String json) throws MessageException {
        return read(json, Request.class);
    }

    public static Response readResponse(String json) throws MessageException {
        return read(json, Response.class);
    }

    /** For tests and tools: a response, or an IllegalArgumentException naming what is wrong. */
    public static Response readResponseUnchecked(String json) {
        try {
            return readResponse(json);
        } catch (MessageException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static <T> T read(String json, Class<T> type) throws MessageException {
        if (!json.stripLeading().startsWith("{")) {
            throw new MessageException("malformed", "control message must be a JSON object with a \"type\" field");
        }
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new MessageException("malformed", "control message is empty (expected a JSON object)");
            }
            return value;
        } catch (InvalidTypeIdException e) {
            String id = e.getTypeId();
            throw new MessageException("unknown-type", id == null
                    ? "control message has no \"type\" field"
                    : "unknown message type \"" + id + "\"");
        } catch (JsonParseException e) {
            throw new MessageException("malformed", "malformed JSON: " + firstLine(e.getOriginalMessage()));
        } catch (MismatchedInputException e) {
            throw new MessageException("malformed", "bad message: " + firstLine(e.getOriginalMessage())
                    + (e.getPathReference() == null ? "" : " at " + e.getPathReference()));
        } catch (JsonProcessingException e) {
            throw new MessageException("malformed", "bad message: " + firstLine(e.getOriginalMessage()));
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
