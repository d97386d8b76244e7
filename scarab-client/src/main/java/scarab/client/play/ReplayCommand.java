package scarab.client.play;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import scarab.client.ClientError;

/**
 * {@code new --replay FILE}: the session's program is this client's own {@code play --hold FILE},
 * run by the same Java and class path as this client, in a terminal of the recording's size.
 */
public final class ReplayCommand {
    private ReplayCommand() {}

    public static List<String> argv(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ClientError(file + ": No such file");
        }
        List<String> argv = new ArrayList<>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        argv.add("-XX:TieredStopAtLevel=1");
        argv.add("-Xshare:auto");
        argv.add("-cp");
        argv.add(System.getProperty("java.class.path"));
        argv.add("scarab.client.Main");
        argv.add("play");
        argv.add("--hold");
        argv.add(file.toString());
        return argv;
    }

    /** {@code COLSxROWS} from the recording's header. */
    public static String size(Path file) {
        try (Cast cast = Cast.open(file)) {
            if (cast.cols() < 1 || cast.rows() < 1) {
                throw new ClientError(file + ": its header has no size");
            }
            return cast.cols() + "x" + cast.rows();
        } catch (IOException e) {
            throw new ClientError("cannot read " + file + ": " + e.getMessage());
        }
    }
}
