package scarab.daemon.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The {@code recordings} table: one row per pane being recorded, written through the store's writer. */
public final class RecordingRows {
    private final SessionStore store;

    public RecordingRows(SessionStore store) {
        this.store = store;
    }

    public CompletableFuture<Void> save(StoredRecording r) {
        return store.write(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT OR REPLACE INTO recordings"
                    + " (pane_id, file, format, input, started_at) VALUES (?, ?, ?, ?, ?)")) {
                p.setInt(1, r.paneId());
                p.setString(2, r.file());
                p.setInt(3, r.format());
                p.setInt(4, r.input() ? 1 : 0);
                p.setLong(5, r.startedAt());
                p.executeUpdate();
            }
        });
    }

    public CompletableFuture<Void> delete(int paneId) {
        return store.write(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM recordings WHERE pane_id = ?")) {
                p.setInt(1, paneId);
                p.executeUpdate();
            }
        });
    }

    public List<StoredRecording> loadAll() {
        return store.read(c -> {
            List<StoredRecording> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT pane_id, file, format, input, started_at FROM recordings ORDER BY pane_id");
                 ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredRecording(rs.getInt(1), rs.getString(2), rs.getInt(3), rs.getInt(4) != 0,
                            rs.getLong(5)));
                }
            }
            return out;
        });
    }
}
