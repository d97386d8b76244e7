package scarab.protocol;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The daemon's class-data sharing archive ({@code scarab-daemon.jsa}) as both its starters see it:
 * the client that starts a daemon, and a daemon that re-executes itself ({@code daemon upgrade}).
 * An archive is used only while fresh: newer than every jar of the class path and the JDK's module
 * image. The JVM ignores one recorded from other jars or another JDK, but then starts as slowly
 * as without one.
 */
public final class ClassDataArchive {
    /** The system property naming the daemon's archive (the launcher's; a daemon started with one keeps it). */
    public static final String PROPERTY = "scarab.daemon.archive";
    private static final List<String> SAFE_AND_QUIET = List.of("-XX:+VerifySharedSpaces", "-Xlog:cds=off",
            "-Xlog:cds+dynamic=off");

    private ClassDataArchive() {}

    /**
     * The options that map {@code archive}: a damaged one must never stop a daemon, and
     * {@code -XX:+VerifySharedSpaces} (a CRC recorded with the archive, checked as it is mapped)
     * turns an overwritten file into a mismatch that {@code -Xshare:auto} falls back from.
     */
    public static List<String> useOptions(Path archive) {
        List<String> options = new ArrayList<>();
        options.add("-XX:SharedArchiveFile=" + archive);
        options.addAll(SAFE_AND_QUIET);
        return options;
    }

    /** The options of {@link #useOptions} and of a recording's, recognised on a command line. */
    public static boolean isArchiveOption(String arg) {
        return arg.startsWith("-XX:SharedArchiveFile=") || SAFE_AND_QUIET.contains(arg);
    }

    /**
     * Is {@code archive} there, readable, and newer than every jar of {@code classPath} (a
     * {@code dir/*} entry is its jars) and {@code javaHome}'s module image?
     */
    public static boolean fresh(Path archive, String classPath, Path javaHome) {
        if (archive == null || !Files.isRegularFile(archive) || !Files.isReadable(archive)) {
            return false;
        }
        try {
            FileTime recorded = Files.getLastModifiedTime(archive);
            for (Path p : inputs(classPath, javaHome)) {
                if (Files.exists(p) && Files.getLastModifiedTime(p).compareTo(recorded) >= 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<Path> inputs(String classPath, Path javaHome) throws IOException {
        List<Path> inputs = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.endsWith("/*") || entry.equals("*")) {
                Path dir = Path.of(entry.substring(0, entry.length() - 1));
                try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "*.{jar,JAR}")) {
                    jars.forEach(inputs::add);
                }
            } else {
                inputs.add(Path.of(entry));
            }
        }
        inputs.add(javaHome.resolve("lib").resolve("modules"));
        return inputs;
    }
}
