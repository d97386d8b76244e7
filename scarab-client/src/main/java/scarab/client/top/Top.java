package scarab.client.top;

import java.io.IOException;
import java.time.LocalTime;
import java.util.List;
import scarab.client.ClientContext;
import scarab.client.daemon.DaemonConnection;
import scarab.client.requests.SessionRequests;

/**
 * {@code scarab top}: the sessions' CPU and memory use, sampled every {@code delay} and shown
 * sorted by CPU use, each with its busiest pane. On a terminal it redraws one screen until q (or
 * Ctrl-C); otherwise, or with {@code -b}, it prints one table per interval, as top's batch mode.
 * Each table needs two samples: the first is shown one interval after the start.
 */
public final class Top {
    private Top() {}

    /** @param iterations how many tables to show, null for no end */
    public static int run(ClientContext ctx, SessionRequests.Connector daemon, Integer iterations, long delayMillis,
                          boolean batch) throws IOException {
        if (iterations != null && iterations < 1) {
            throw new IllegalArgumentException("-n wants a number of at least 1, not " + iterations);
        }
        if (delayMillis < 100) {
            throw new IllegalArgumentException("-d wants at least 0.1 seconds");
        }
        boolean screen = ctx.interactive() && !batch;
        try (DaemonConnection c = daemon.connect(); TopKeys keys = screen ? TopKeys.open() : TopKeys.none()) {
            if (screen) {
                ctx.out().print("\033[?1049h\033[?25l\033[H\033[2Jscarab top: sampling...\n");
                ctx.out().flush();
            }
            try {
                TopSample before = TopSample.take(c, System.nanoTime());
                for (int shown = 0; iterations == null || shown < iterations; shown++) {
                    if (keys.quitWithin(delayMillis)) {
                        break;
                    }
                    TopSample after = TopSample.take(c, System.nanoTime());
                    List<TopTable.Row> rows = TopTable.rows(before, after);
                    String table = TopTable.render(rows, LocalTime.now(ctx.clock()));
                    if (screen) {
                        ctx.out().print("\033[H\033[2J" + fit(table, keys.rows()) + "\n(q quits)");
                    } else {
                        ctx.out().print(table + (iterations != null && shown + 1 == iterations ? "" : "\n"));
                    }
                    ctx.out().flush();
                    before = after;
                }
            } finally {
                if (screen) {
                    ctx.out().print("\033[?25h\033[?1049l");
                    ctx.out().flush();
                }
            }
        }
        return 0;
    }

    /** The first lines of {@code table} that fit a terminal of {@code rows} rows with a line left for the hint. */
    private static String fit(String table, int rows) {
        if (rows <= 2) {
            return table;
        }
        String[] lines = table.split("\n");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(lines.length, rows - 2); i++) {
            out.append(lines[i]).append('\n');
        }
        return out.toString();
    }
}
