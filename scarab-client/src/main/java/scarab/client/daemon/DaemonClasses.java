package scarab.client.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the daemon's JVM loads its classes from: its class path, and a class-data sharing archive
 * of the classes a start and its first requests load ({@code scarab-daemon.jsa} beside the
 * client's archive, recorded by {@link DaemonArchiveRecorder}). A cold start maps the archive's
 * classes already parsed and verified instead of reading them from the jars (a cold {@code ls}
 * took about two thirds of the time).
 *
 * <p>The archive is used only while it is fresh: newer than every jar of the class path and than
 * the JDK's module image. The JVM ignores an archive recorded from other jars or another JDK on its
 * own, but then starts as slowly as without one and nothing would record it again. A damaged
 * archive must never stop a daemon: {@code -Xshare:auto} falls back to the jars when the archive
 * does not match, and {@code -XX:+VerifySharedSpaces} (a CRC of the archive, recorded with it and
 * checked when it is mapped) turns an overwritten file into such a mismatch. A truncated one still
 * kills the JVM that maps it (SIGBUS on JDK 17, CRC or not; the CRC reads every page as the
 * archive is mapped, so it dies there, never later): {@link DaemonStarter} then starts
 * the daemon again without it and {@link #discard}s it, and the recorder tries each archive in a
 * JVM of its own before it installs it.
 */
public final class DaemonClasses {
    /** The launcher names the daemon's archive; without it (tests, a development run) there is none. */
    static final String ARCHIVE_PROPERTY = scarab.protocol.ClassDataArchive.PROPERTY;

    private final String classPath;
    private final Path archive;
    private final Path recordTo;

    private DaemonClasses(String classPath, Path archive, Path recordTo) {
        this.classPath = classPath;
        this.archive = archive;
        this.recordTo = recordTo;
    }

    /** What the launcher named: the daemon's class path and its archive (or none). */
    public static DaemonClasses fromSystem() {
        String archive = System.getProperty(ARCHIVE_PROPERTY);
        return using(System.getProperty("scarab.daemon.class.path", System.getProperty("java.class.path")),
                archive == null || archive.isBlank() ? null : Path.of(archive));
    }

    /** A class path and the archive to use while it is fresh (null: none). */
    public static DaemonClasses using(String classPath, Path archive) {
        return new DaemonClasses(classPath, archive, null);
    }

    /** A training start: the JVM archives every class it loaded into {@code recordTo} when it exits. */
    static DaemonClasses recording(String classPath, Path recordTo) {
        return new DaemonClasses(classPath, null, recordTo);
    }

    public String classPath() {
        return classPath;
    }

    /** The archive used while fresh, or null. */
    public Path archive() {
        return archive;
    }

    /** The JVM options for a start: the recording's in a training run, else the archive's if {@code useArchive}. */
    List<String> jvmOptions(boolean useArchive) {
        List<String> options = new ArrayList<>();
        if (recordTo != null) {
            options.add("-XX:ArchiveClassesAtExit=" + recordTo);
            options.addAll(List.of("-XX:+VerifySharedSpaces", "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        } else {
            if (useArchive) {
                options.addAll(useOptions(archive)); // -Xshare:auto is among the daemon's own options
            }
            if (archive != null) {
                // Named even when not mapped: an in-place upgrade execs with it once it is fresh.
                options.add("-D" + ARCHIVE_PROPERTY + "=" + archive);
            }
        }
        return options;
    }

    /** The options that map {@code archive}. */
    static List<String> useOptions(Path archive) {
        return scarab.protocol.ClassDataArchive.useOptions(archive);
    }

    /** Would a start map the archive? Only a fresh one, and never in a training run. */
    boolean usesArchive() {
        return recordTo == null && fresh();
    }

    /** Removes an archive that made the daemon's JVM die, so that the next start records a new one. */
    void discard() {
        try {
            Files.deleteIfExists(archive);
        } catch (IOException e) {
            // the starter does not use it again in this process either way
        }
    }

    /** Should a recording be started after this start? Only for a named archive that is not fresh. */
    boolean wantsRecording() {
        return recordTo == null && archive != null && !fresh();
    }

    /** Is the archive there, readable, and newer than every jar of the class path and the JDK's modules? */
    public boolean fresh() {
        return scarab.protocol.ClassDataArchive.fresh(archive, classPath, Path.of(System.getProperty("java.home")));
    }
}
