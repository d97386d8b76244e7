package scarab.daemon.ipc;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last input number applied for each client identity, kept across that client's connections:
 * a client that lost its connection (a dropped ssh) sends again what the daemon may not have had,
 * and what the daemon had already applied is dropped here, so every key reaches the session once.
 * The identities are random ids chosen by the clients; the oldest are forgotten past
 * {@link #MAX_CLIENTS} (such a client is told "unknown" and drops what it cannot be sure of).
 */
public final class InputSequences {
    static final int MAX_CLIENTS = 4096;

    /** One client's numbering; its lock orders the check and the delivery of each input. */
    public static final class Entry {
        private long last;

        /** Runs {@code apply} if {@code seq} is new for this client; false for one applied already. */
        public synchronized boolean applyOnce(long seq, Delivery apply) throws java.io.IOException {
            if (seq <= last) {
                return false;
            }
            apply.deliver();
            last = seq;
            return true;
        }

        synchronized long last() {
            return last;
        }
    }

    /** Delivers one input to the session. */
    @FunctionalInterface
    public interface Delivery {
        void deliver() throws java.io.IOException;
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    /**
     * The entry of {@code client}, made if new.
     *
     * @return the entry and the last number applied for it (-1 for an identity seen first now)
     */
    public synchronized Map.Entry<Entry, Long> enter(String client) {
        Entry e = entries.get(client);
        if (e == null) {
            e = new Entry();
            entries.put(client, e);
            return Map.entry(e, -1L);
        }
        return Map.entry(e, e.last());
    }
}
