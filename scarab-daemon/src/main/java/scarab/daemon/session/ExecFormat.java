package scarab.daemon.session;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Would the kernel run this file? An executable file can still fail at exec: a script whose
 * {@code #!} interpreter is missing (ENOENT), or a file that is neither a binary nor a script
 * (ENOEXEC). pty4j does not report those: the child exits 127 with nothing on its screen, which
 * would show up as a session that "exited (127)" for no visible reason. Checked before spawning,
 * so that {@code new} fails with a line that says why and nothing is created.
 */
final class ExecFormat {
    private static final int HEADER = 256;

    private ExecFormat() {}

    /** @return null when {@code file} looks runnable (or cannot be read: exec will decide), else why not */
    static String problem(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEADER);
        } catch (IOException e) {
            return null;
        }
        if (head.length >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') {
            return null;
        }
        if (head.length < 2 || head[0] != '#' || head[1] != '!') {
            return "cannot execute " + file + ": not a program and no #! line (exec format error)";
        }
        String line = new String(head, 2, head.length - 2, StandardCharsets.ISO_8859_1);
        int nl = line.indexOf('\n');
        line = (nl < 0 ? line : line.substring(0, nl)).strip();
        String interpreter = line.split("[ \t]", 2)[0];
        if (interpreter.isEmpty()) {
            return "cannot execute " + file + ": its #! line names no interpreter";
        }
        Path path = Path.of(interpreter);
        if (!Files.exists(path)) {
            return "cannot execute " + file + ": its interpreter " + interpreter + " does not exist";
        }
        if (!Files.isExecutable(path) || Files.isDirectory(path)) {
            return "cannot execute " + file + ": its interpreter " + interpreter + " is not executable";
        }
        return null;
    }
}
