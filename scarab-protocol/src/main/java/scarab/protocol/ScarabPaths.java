package scarab.protocol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where Scarab keeps things, per the XDG base directory spec. Client and daemon resolve the
 * socket the same way, so both live here. The socket path is deliberately not versioned: a
 * client meeting a daemon of another protocol version says so instead of silently starting a
 * second daemon that hides the first one's sessions.
 */
public final class ScarabPaths {
    private final Map<String, String> env;

    public ScarabPaths(Map<String, String> env) {
        this.env = env;
    }

    /** {@code -S PATH}, else {@code SCARAB_SOCKET}, else the runtime dir, else {@code /tmp/scarab-UID/}. */
    public Path socket(String override) {
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath();
        }
        String fromEnv = env.get("SCARAB_SOCKET");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv).toAbsolutePath();
        }
        return defaultSocket();
    }

    /**
     * The socket when neither {@code -S} nor {@code SCARAB_SOCKET} names one. Its directory is
     * Scarab's own (created 0700 by the daemon), so client and daemon hold it to tmux's rule:
     * ours, and closed to other users.
     */
    public Path defaultSocket() {
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank() && Path.of(runtime).isAbsolute()) {
            return Path.of(runtime, "scarab", "scarab.sock");
        }
        return Path.of("/tmp", "scarab-" + uid(), "scarab.sock");
    }

    public Path dataDir() {
        return xdg("XDG_DATA_HOME", ".local/share").resolve("scarab");
    }

    public Path database() {
        return dataDir().resolve("sessions.db");
    }

    /** Held by the daemon that serves {@link #database()}; names its pid and socket ({@link DatabaseHolder}). */
    public Path databaseLock() {
        return dataDir().resolve("sessions.db.lock");
    }

    public Path stateDir() {
        return xdg("XDG_STATE_HOME", ".local/state").resolve("scarab");
    }

    /** Files the daemon can make again at will (pty4j's native helper). */
    public Path cacheDir() {
        return xdg("XDG_CACHE_HOME", ".cache").resolve("scarab");
    }

    public Path configDir() {
        return xdg("XDG_CONFIG_HOME", ".config").resolve("scarab");
    }

    public Path home() {
        String home = env.get("HOME");
        return Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home);
    }

    private Path xdg(String variable, String fallbackUnderHome) {
        String value = env.get(variable);
        if (value != null && !value.isBlank() && Path.of(value).isAbsolute()) {
            return Path.of(value);
        }
        return home().resolve(fallbackUnderHome);
    }

    /** True when {@code socket} lies in the default socket directory (see {@link #defaultSocket}). */
    public boolean inDefaultDirectory(Path socket) {
        return socket.toAbsolutePath().getParent().equals(defaultSocket().getParent());
    }

    /**
     * The refusal of a socket outside the default directory whose directory does not exist: only
     * the default directory is ever created, so a typo in {@code -S} leaves no tree behind.
     */
    public static String missingSocketDirectory(Path socket) {
        return "the directory of socket " + socket + " does not exist (" + socket.toAbsolutePath().getParent()
                + "); create it first, or use the default socket";
    }

    /**
     * This process's user as the JDK's principal, for comparing with a peer's SO_PEERCRED user:
     * both are made from a uid, and the JDK's principals compare by uid (by name only when the
     * uid is unknown), so a uid with no passwd entry works too.
     */
    public static java.nio.file.attribute.UserPrincipal user() {
        try {
            return Files.getOwner(Path.of("/proc/self"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot determine the current user", e);
        }
    }

    /** The real uid of this process, read from procfs (no native code needed). */
    public static int uid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("cannot determine the current uid", e);
        }
    }
}
