package scarab.daemon.paste;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import scarab.daemon.UserError;

/**
 * The daemon's paste buffers, one set for every session and client, as tmux's server keeps them
 * ({@code paste.c}). A buffer copied or set without a name is automatic: named {@code buffer0},
 * {@code buffer1}, ... from a counter that only grows (a name already taken is skipped), and at
 * most {@link #DEFAULT_LIMIT} of them are kept (tmux's {@code buffer-limit}): the oldest automatic
 * one goes first. A named buffer ({@code -b}) is never dropped. Every change makes the buffer the
 * most recent; a rename does not, and makes the buffer a named one. Empty data never makes a
 * buffer. The buffers live in memory only, as tmux's do: a daemon restart starts with none.
 *
 * <p>Thread-safe: every method holds this object's monitor, which is a leaf (nothing else is
 * taken while it is held).
 */
public final class PasteBuffers {
    /** tmux 3.3a's default {@code buffer-limit}. */
    public static final int DEFAULT_LIMIT = 50;

    private final int limit;
    private final LongSupplier clock;
    private final Map<String, PasteBuffer> byName = new HashMap<>();
    /** By order, newest first. */
    private final TreeMap<Long, PasteBuffer> byOrder = new TreeMap<>((a, b) -> Long.compare(b, a));
    private long nextIndex;
    private long nextOrder;
    private int automatic;

    public PasteBuffers() {
        this(DEFAULT_LIMIT, () -> System.currentTimeMillis() / 1000);
    }

    /** {@code clock}: seconds since the epoch, for {@code #{buffer_created}}. */
    public PasteBuffers(int limit, LongSupplier clock) {
        if (limit < 1) {
            throw new IllegalArgumentException("buffer limit " + limit);
        }
        this.limit = limit;
        this.clock = clock;
    }

    /** Adds an automatic buffer (nothing for empty data), dropping the oldest automatic ones past the limit; its name or null. */
    public synchronized String add(byte[] data) {
        if (data.length == 0) {
            return null;
        }
        List<PasteBuffer> oldestFirst = new ArrayList<>(byOrder.values());
        for (int i = oldestFirst.size() - 1; i >= 0 && automatic >= limit; i--) {
            if (oldestFirst.get(i).automatic()) {
                remove(oldestFirst.get(i));
            }
        }
        String name;
        do {
            name = "buffer" + nextIndex++;
        } while (byName.containsKey(name));
        put(new PasteBuffer(name, data.clone(), nextOrder++, clock.getAsLong(), true));
        return name;
    }

    /**
     * Sets a named buffer, replacing one of that name (tmux's paste_set): it becomes the most
     * recent and a named one. A null name adds an automatic buffer; empty data does nothing.
     */
    public synchronized void set(String name, byte[] data) {
        if (data.length == 0) {
            return;
        }
        if (name == null) {
            add(data);
            return;
        }
        if (name.isEmpty()) {
            throw new UserError("bad-buffer", "empty buffer name");
        }
        PasteBuffer old = byName.get(name);
        if (old != null) {
            remove(old);
        }
        put(new PasteBuffer(name, data.clone(), nextOrder++, clock.getAsLong(), false));
    }

    /** Renames a buffer (tmux's paste_rename); it is a named buffer afterwards, and keeps its place. */
    public synchronized void rename(String oldName, String newName) {
        if (oldName == null || oldName.isEmpty()) {
            throw new UserError("bad-buffer", "no buffer");
        }
        if (newName == null || newName.isEmpty()) {
            throw new UserError("bad-buffer", "new name is empty");
        }
        PasteBuffer b = byName.get(oldName);
        if (b == null) {
            throw new UserError("not-found", "no buffer " + oldName);
        }
        if (byName.containsKey(newName)) {
            throw new UserError("exists", "buffer " + newName + " already exists");
        }
        remove(b);
        put(new PasteBuffer(newName, b.data(), b.order(), b.created(), false));
    }

    /** The buffer of this name, or null. */
    public synchronized PasteBuffer get(String name) {
        return name == null ? null : byName.get(name);
    }

    /** The most recent buffer, automatic or named (tmux 3.3a's paste_get_top), or null. */
    public synchronized PasteBuffer top() {
        return byOrder.isEmpty() ? null : byOrder.firstEntry().getValue();
    }

    /** Deletes this buffer if it is still the one stored under its name; false if it is gone. */
    public synchronized boolean delete(PasteBuffer b) {
        if (byName.get(b.name()) != b) {
            return false;
        }
        remove(b);
        return true;
    }

    /** Every buffer, most recent first. */
    public synchronized List<PasteBuffer> list() {
        return List.copyOf(byOrder.values());
    }

    private void put(PasteBuffer b) {
        byName.put(b.name(), b);
        byOrder.put(b.order(), b);
        if (b.automatic()) {
            automatic++;
        }
    }

    private void remove(PasteBuffer b) {
        byName.remove(b.name());
        byOrder.remove(b.order());
        if (b.automatic()) {
            automatic--;
        }
    }
}
