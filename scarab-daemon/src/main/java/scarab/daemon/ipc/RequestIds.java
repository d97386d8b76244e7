package scarab.daemon.ipc;

import com.fasterxml.jackson.databind.JsonNode;
import scarab.protocol.Json;

/** Best effort to echo the id of a request that could not be decoded, so the client can match the error. */
final class RequestIds {
    private RequestIds() {}

    static long guess(String json) {
        try {
            JsonNode node = Json.mapper().readTree(json);
            JsonNode id = node == null ? null : node.get("id");
            return id != null && id.canConvertToLong() ? id.asLong() : 0;
        } catch (Exception e) {
            return 0;
        }
    }
}
