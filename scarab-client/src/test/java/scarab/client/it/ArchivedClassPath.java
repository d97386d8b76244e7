package scarab.client.it;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import scarab.client.ClientContext;
import scarab.client.daemon.DaemonArchiveRecorder;
import scarab.client.daemon.DaemonClasses;
import scarab.client.daemon.DaemonStarter;

/**
 * The daemon run as an installed one runs: from jars, with its class-data archive. Class-data
 * sharing archives classes from jars only, so this test JVM's class directories are packed into
 * jars of their own, and a training run records the archive from them, once per test JVM (it
 * takes a daemon's start, an in-place upgrade and a stop); both are removed when the JVM ends.
 */
final class ArchivedClassPath {
    private static ArchivedClassPath instance;

    final String classPath;
    /** The recorded archive: copy it where a test wants it. */
    final Path recorded;

    private ArchivedClassPath(String classPath, Path recorded) {
        this.classPath = classPath;
        this.recorded = recorded;
    }

    static synchronized ArchivedClassPath get() throws IOException {
        if (instance == null) {
            Path jars = Files.createTempDirectory(Path.of("/tmp"), "scarab-jsa-it-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(jars)));
            List<String> entries = new ArrayList<>();
            int n = 0;
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path p = Path.of(entry);
                if (Files.isDirectory(p)) {
                    Path jar = jars.resolve("classes-" + n++ + ".jar");
                    packDirectory(p, jar);
                    entries.add(jar.toString());
                } else if (entry.endsWith(".jar")) {
                    entries.add(entry);
                }
            }
            String classPath = String.join(File.pathSeparator, entries);
            Path recorded = jars.resolve("recorded.jsa");
            DaemonArchiveRecorder.record(DaemonClasses.using(classPath, recorded));
            instance = new ArchivedClassPath(classPath, recorded);
        }
        return instance;
    }

    /**
     * Starts {@code scarab}'s daemon from these jars with {@code archive} as its archive (mapped if
     * fresh). No recording is started beside the test: a live recorder (this JVM) is named.
     */
    void startDaemon(Scarab scarab, Path archive) throws IOException {
        Files.createDirectories(archive.getParent());
        Files.writeString(archive.resolveSibling(archive.getFileName() + ".recording"), ProcessHandle.current().pid() + "\n");
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        ClientContext ctx = new ClientContext(scarab.env, scarab.root, nowhere, nowhere, false);
        new DaemonStarter(ctx, scarab.socket(), false, DaemonClasses.using(classPath, archive)).start();
    }

    private static void packDirectory(Path dir, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(dir.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: best effort
        }
    }
}
