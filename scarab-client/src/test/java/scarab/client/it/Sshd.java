package scarab.client.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A private OpenSSH server on a free loopback port, as the current user: a throwaway host key and
 * user key made with ssh-keygen in {@code dir}, the user key the only one authorised, and every
 * session given {@code remoteEnv} (sshd's {@code SetEnv}: HOME, PATH, the XDG directories of the
 * test's daemon), so the remote side's shell reads that HOME's {@code .bashrc} and finds the
 * {@code scarab} on that PATH. {@link #sshConfig} is an ssh_config naming it {@code host} (and
 * any other aliases given), so the client runs the plain {@code ssh -F CONFIG HOST}.
 * {@link #close} ends only this sshd (sessions already open end with their ssh).
 */
final class Sshd implements AutoCloseable {
    static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final Duration START = Duration.ofSeconds(60);

    final Path dir;
    final int port;
    final Path sshConfig;
    private final Process process;
    private final Path log;

    /**
     * @param dir       a directory of its own (keys, config, log)
     * @param remoteEnv the environment of every remote session
     * @param aliases   more ssh_config host entries: alias to port (a port where nothing listens, say)
     */
    Sshd(Path dir, Map<String, String> remoteEnv, Map<String, Integer> aliases) throws IOException {
        if (!Files.isExecutable(SSHD)) {
            throw new AssertionError(SSHD + " is missing: install openssh-server (.ci/run does)");
        }
        if (uid() == 0 && !Files.isDirectory(Path.of("/run/sshd"))) {
            throw new AssertionError("sshd run by root needs its privilege separation directory /run/sshd "
                    + "(the ssh service makes it at start): mkdir -p -m 0755 /run/sshd (.ci/run does)");
        }
        this.dir = Files.createDirectories(dir);
        Path hostKey = dir.resolve("host_key");
        Path userKey = dir.resolve("user_key");
        keygen(hostKey);
        keygen(userKey);
        Path authorized = dir.resolve("authorized_keys");
        Files.copy(dir.resolve("user_key.pub"), authorized);
        log = dir.resolve("sshd.log");
        port = freePort();
        for (Map.Entry<String, String> e : remoteEnv.entrySet()) {
            if (e.getValue().matches(".*[\\s\"].*")) {
                throw new IllegalArgumentException("SetEnv cannot carry " + e);
            }
        }
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
                "ListenAddress 127.0.0.1",
                "Port " + port,
                "HostKey " + hostKey,
                "AuthorizedKeysFile " + authorized,
                "PidFile " + dir.resolve("sshd.pid"),
                "StrictModes no",
                "UsePAM no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PubkeyAuthentication yes",
                "PermitRootLogin prohibit-password",
                "AllowTcpForwarding no",
                "X11Forwarding no",
                "PrintMotd no",
                "PrintLastLog no",
                "LogLevel VERBOSE",
                "SetEnv " + remoteEnv.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(" ")),
                ""));
        StringBuilder client = new StringBuilder();
        client.append(hostEntry("host", port, userKey));
        for (Map.Entry<String, Integer> a : aliases.entrySet()) {
            client.append(hostEntry(a.getKey(), a.getValue(), userKey));
        }
        sshConfig = dir.resolve("ssh_config");
        Files.writeString(sshConfig, client);
        process = new ProcessBuilder(SSHD.toString(), "-D", "-f", config.toString(), "-E", log.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.out").toFile()).start();
        Scarab.waitFor(() -> "sshd to listen on port " + port + "; its log:\n" + logText(), START, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("sshd ended (status " + process.exitValue() + "): " + logText());
            }
            return logText().contains("Server listening on 127.0.0.1 port " + port);
        });
    }

    private static String hostEntry(String alias, int port, Path key) {
        return "Host " + alias + "\n"
                + "  HostName 127.0.0.1\n"
                + "  Port " + port + "\n"
                + "  IdentityFile " + key + "\n"
                + "  IdentitiesOnly yes\n"
                + "  StrictHostKeyChecking no\n"
                + "  UserKnownHostsFile /dev/null\n"
                + "  GlobalKnownHostsFile /dev/null\n"
                + "  BatchMode yes\n"
                + "  LogLevel ERROR\n"
                + "  ConnectTimeout 30\n";
    }

    /** The ssh command a client is given ({@code --ssh} or SCARAB_SSH). */
    String sshCommand() {
        return "ssh -F " + sshConfig;
    }

    /** A loopback port nothing listens on (just closed: as good as a machine that is down). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static void keygen(Path key) throws IOException {
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "scarab-test", "-f", key.toString()));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    }

    private static void run(List<String> argv) throws IOException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", argv) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static int uid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
