package scarab.daemon.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import scarab.daemon.paste.BufferSample;
import scarab.daemon.paste.PasteBuffer;
import scarab.daemon.paste.PasteBuffers;
import scarab.protocol.command.Caller;
import scarab.protocol.command.CommandLine;

/**
 * {@code list-buffers [-F format] [--json]}: one line per buffer, most recent first, in tmux's
 * default format, or the format given ({@code #{buffer_name}}, {@code #{buffer_size}},
 * {@code #{buffer_sample}}, {@code #{buffer_created}}), or a JSON array ({@code name},
 * {@code size}, {@code sample}, {@code created}: seconds since the epoch).
 */
public final class ListBuffersCommand implements TableCommand {
    static final String DEFAULT = "#{buffer_name}: #{buffer_size} bytes: \"#{buffer_sample}\"";

    private final PasteBuffers buffers;

    public ListBuffersCommand(PasteBuffers buffers) {
        this.buffers = buffers;
    }

    @Override
    public void run(CommandLine line, Caller caller, Output out) {
        List<Function<String, String>> rows = new ArrayList<>();
        for (PasteBuffer b : buffers.list()) {
            rows.add(variables(b));
        }
        String format = line.value('F') != null ? line.value('F') : DEFAULT;
        Listing.print(rows, format, line.has("json"), ListBuffersCommand::object, out);
    }

    static Function<String, String> variables(PasteBuffer b) {
        return name -> switch (name) {
            case "buffer_name" -> b.name();
            case "buffer_size" -> Integer.toString(b.size());
            case "buffer_sample" -> BufferSample.of(b.data());
            case "buffer_created" -> Long.toString(b.created());
            default -> null;
        };
    }

    private static Map<String, Object> object(Function<String, String> v) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", v.apply("buffer_name"));
        o.put("size", Integer.parseInt(v.apply("buffer_size")));
        o.put("sample", v.apply("buffer_sample"));
        o.put("created", Long.parseLong(v.apply("buffer_created")));
        return o;
    }
}
