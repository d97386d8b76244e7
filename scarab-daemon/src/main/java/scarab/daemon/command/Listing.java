package scarab.daemon.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import scarab.protocol.Json;
import scarab.protocol.command.Format;

/** How the list commands print their rows: a format per row, or with --json one array of objects. */
final class Listing {
    private Listing() {}

    /**
     * Prints each row's variables through {@code format}, or (json) the array of their objects
     * as {@code object} makes them.
     */
    static void print(List<Function<String, String>> rows, String format, boolean json,
                      Function<Function<String, String>, Map<String, Object>> object, TableCommand.Output out) {
        if (json) {
            List<Map<String, Object>> objects = new ArrayList<>();
            for (Function<String, String> v : rows) {
                objects.add(object.apply(v));
            }
            out.println(Json.write(objects));
            return;
        }
        for (Function<String, String> v : rows) {
            out.println(Format.expand(format, v));
        }
    }
}
