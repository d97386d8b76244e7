package scarab.daemon.store;

/**
 * A recording as the store keeps it, so that it goes on after a restart: the pane it records, its
 * file, its asciicast version (2 or 3), whether it records input, and the header's timestamp
 * (epoch seconds), from which a version 2 file's times count.
 */
public record StoredRecording(int paneId, String file, int format, boolean input, long startedAt) {}
