package scarab.daemon.session;

import java.util.UUID;

/** A session's identity for life: a random UUID, shown to people as its first 8 hex digits. */
public record SessionId(UUID uuid) implements Comparable<SessionId> {

    public static SessionId random() {
        return new SessionId(UUID.randomUUID());
    }

    public static SessionId parse(String text) {
        return new SessionId(UUID.fromString(text));
    }

    public String full() {
        return uuid.toString();
    }

    public String shortForm() {
        return full().substring(0, 8);
    }

    @Override
    public int compareTo(SessionId other) {
        return full().compareTo(other.full());
    }

    @Override
    public String toString() {
        return full();
    }
}
