package scarab.protocol;

import java.util.List;

/**
 * The types of the daemon's events ({@code scarab events}), shared by the daemon that publishes
 * them, the client that filters them, and the config check of the {@code [hooks]} table, whose
 * keys are these names.
 */
public final class EventTypes {
    private EventTypes() {}

    public static final String OUTPUT = "output";
    /** Sent to one subscriber that fell behind; never published, so no hook can run on it. */
    public static final String OVERFLOW = "overflow";

    /** Every type a hook may be set on: what the daemon publishes (output included). */
    public static final List<String> ALL = List.of(
            "session-created", "session-renamed", "session-exited", "session-killed", "session-restored",
            "window-added", "window-closed", "window-renamed",
            "pane-added", "pane-closed", "layout-changed",
            "client-attached", "client-detached", "client-resized", "client-switched",
            "title-changed", "bell", "activity",
            "recording-started", "recording-stopped",
            "daemon-upgraded",
            OUTPUT);

    /** Whether {@code type} is one a subscriber may ask for ({@link #ALL} and {@code overflow}). */
    public static boolean known(String type) {
        return ALL.contains(type) || OVERFLOW.equals(type);
    }
}
