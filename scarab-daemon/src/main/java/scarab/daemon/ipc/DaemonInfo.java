package scarab.daemon.ipc;

import java.util.List;

/** What a connection says about the daemon in its welcome. */
public record DaemonInfo(String version) {
    public static final List<String> CAPABILITIES = List.of("sessions", "capture", "send-keys", "attach", "wait");
}
