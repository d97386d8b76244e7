package scarab.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Who holds a session database: the pid and socket a daemon writes into {@code sessions.db.lock}
 * while it holds that lock. The daemon that is refused and the client that started it both word
 * the refusal from it, so the user is told which socket to use.
 */
public record DatabaseHolder(long pid, String socket) {
    /** The lock file's text for this process serving {@code socket}. */
    public static String content(long pid, Path socket) {
        return pid + "\n" + socket + "\n";
    }

    /** The holder named in {@code lockFile}, if it names one. */
    public static Optional<DatabaseHolder> read(Path lockFile) {
        try {
            String[] lines = new String(Files.readAllBytes(lockFile), StandardCharsets.UTF_8).split("\n");
            if (lines.length >= 2 && !lines[1].isBlank()) {
                return Optional.of(new DatabaseHolder(Long.parseLong(lines[0].trim()), lines[1]));
            }
        } catch (NoSuchFileException | NumberFormatException e) {
            // no holder, or one that has not written its name yet
        } catch (IOException e) {
            // unreadable: worded without a holder
        }
        return Optional.empty();
    }

    /** The one line telling the user that {@code database} is taken, by whom if known. */
    public static String refusal(Path database, Optional<DatabaseHolder> holder) {
        return holder.map(h -> "the session database " + database + " is in use by the scarab daemon on " + h.socket()
                + " (pid " + h.pid() + "); use that socket (scarab -S " + h.socket() + " ...) or stop that daemon first")
                .orElse("the session database " + database + " is in use by another scarab daemon");
    }
}
