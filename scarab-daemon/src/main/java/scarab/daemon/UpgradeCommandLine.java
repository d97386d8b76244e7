package scarab.daemon;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scarab.protocol.ClassDataArchive;

/**
 * The command line an in-place upgrade execs: the one this daemon was started with, its class-data
 * archive options decided again. The daemon may have started before its archive was recorded (the
 * first start after an install records it in the background), and a new release brings new jars
 * that make the old archive stale, so the archive named by {@code scarab.daemon.archive} is mapped
 * by the next program only if it is fresh now and a JVM of its own maps it cleanly (a truncated
 * archive kills the JVM that maps it, and here that JVM would be the daemon with every session's
 * terminal). Without an archive the new program loads some 2,000 classes from the jars again: the
 * largest part of an upgrade's pause.
 *
 * <p>A training run ({@code -XX:ArchiveClassesAtExit}) and a daemon started without the property
 * (the user's own {@code SCARAB_DAEMON_JAVA_OPTS}, a development run) exec their command line as it is.
 */
final class UpgradeCommandLine {
    private static final Logger log = LoggerFactory.getLogger(UpgradeCommandLine.class);
    private static final Set<String> CLASS_PATH_OPTIONS = Set.of("-cp", "-classpath", "--class-path");
    /** How long the JVM that tries the archive may take: a start on a busy machine, at most. */
    private static final long CHECK_SECONDS = 30;

    private UpgradeCommandLine() {}

    /**
     * @param argv    this process's command line ({@code /proc/self/cmdline})
     * @param program the Java launcher to exec
     * @param archive the archive named by the property, or null
     */
    static List<String> of(List<String> argv, String program, String archive) {
        if (archive == null || archive.isBlank() || argv.stream().anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit"))) {
            return argv;
        }
        int main = mainClassIndex(argv);
        String classPath = classPath(argv, main);
        if (main < 0 || classPath == null) {
            return argv;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            if (i == main) {
                Path javaHome = javaHome(program);
                Path file = Path.of(archive);
                if (javaHome != null && ClassDataArchive.fresh(file, classPath, javaHome)) {
                    if (mapsCleanly(program, file, classPath)) {
                        out.addAll(ClassDataArchive.useOptions(file));
                    } else {
                        log.warn("upgrade: the class-data archive {} does not map cleanly: the new program starts without it",
                                file);
                    }
                }
            }
            if (i > 0 && i < main && ClassDataArchive.isArchiveOption(argv.get(i))) {
                continue;
            }
            out.add(argv.get(i));
        }
        return out;
    }

    /** Where the main class is: the first word after the launcher that is neither an option nor a class path. */
    static int mainClassIndex(List<String> argv) {
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            if (CLASS_PATH_OPTIONS.contains(a)) {
                i++;
            } else if (a.equals("-jar")) {
                return -1; // the class path is the jar's: not a command line of ours
            } else if (!a.startsWith("-")) {
                return i;
            }
        }
        return -1;
    }

    private static String classPath(List<String> argv, int main) {
        for (int i = 1; i < main - 1; i++) {
            if (CLASS_PATH_OPTIONS.contains(argv.get(i))) {
                return argv.get(i + 1);
            }
        }
        return null;
    }

    /** The JDK of a launcher {@code HOME/bin/java}; null for another path (/proc/self/exe: the JDK is gone). */
    static Path javaHome(String program) {
        Path p = Path.of(program);
        Path bin = p.getParent();
        if (!p.getFileName().toString().equals("java") || bin == null || !bin.getFileName().toString().equals("bin")
                || bin.getParent() == null) {
            return null;
        }
        return bin.getParent();
    }

    /** Does a JVM given this archive start and end well? It maps and checks the archive as the next program's would. */
    private static boolean mapsCleanly(String program, Path archive, String classPath) {
        List<String> cmd = new ArrayList<>(List.of(program, "-Xshare:auto"));
        cmd.addAll(ClassDataArchive.useOptions(archive));
        cmd.addAll(List.of("-cp", classPath, "-version"));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!p.waitFor(CHECK_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
