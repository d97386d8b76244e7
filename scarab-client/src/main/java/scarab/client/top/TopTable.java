package scarab.client.top;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import scarab.protocol.SessionInfo;
import scarab.protocol.SessionTable;

/**
 * What {@code scarab top} shows between two samples: each session's share of a CPU over the
 * interval (the CPU time its panes' process trees gained, over the time between the samples),
 * its CPU time and memory now, and its busiest pane in the interval; sorted by CPU use.
 */
final class TopTable {
    private TopTable() {}

    record Row(String name, String group, String status, double cpuPercent, Long cpuMillis, Long memoryBytes, int panes,
               String busiest) {}

    static List<Row> rows(TopSample before, TopSample after) {
        double elapsedMillis = Math.max(1, (after.nanos() - before.nanos()) / 1e6);
        Map<String, Long> gained = new HashMap<>();
        Map<String, TopSample.Pane> busiest = new HashMap<>();
        Map<String, Long> busiestGain = new HashMap<>();
        for (Map.Entry<String, TopSample.Pane> e : after.panes().entrySet()) {
            TopSample.Pane now = e.getValue();
            TopSample.Pane then = before.panes().get(e.getKey());
            // A pane started within the interval: all its time was gained in it.
            long gain = Math.max(0, now.cpuMillis() - (then == null ? 0 : then.cpuMillis()));
            gained.merge(now.session(), gain, Long::sum);
            if (gain > 0 && gain > busiestGain.getOrDefault(now.session(), 0L)) {
                busiestGain.put(now.session(), gain);
                busiest.put(now.session(), now);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (SessionInfo s : after.sessions()) {
            double percent = gained.getOrDefault(s.name(), 0L) * 100.0 / elapsedMillis;
            TopSample.Pane b = busiest.get(s.name());
            String busy = b == null ? "-"
                    : b.label() + " " + b.command() + " (" + percent(busiestGain.get(s.name()) * 100.0 / elapsedMillis) + "%)";
            rows.add(new Row(s.name(), s.group() == null ? "-" : s.group(), SessionTable.status(s), percent,
                    s.cpuMillis(), s.memoryBytes(), s.panes() == null ? 1 : s.panes(), busy));
        }
        rows.sort(Comparator.comparingDouble(Row::cpuPercent).reversed()
                .thenComparing(r -> r.cpuMillis() == null ? -1 : r.cpuMillis(), Comparator.reverseOrder())
                .thenComparing(Row::name));
        return rows;
    }

    /** The screen: a summary line, then the table. */
    static String render(List<Row> rows, LocalTime now) {
        double cpu = 0;
        long memory = 0;
        int panes = 0;
        for (Row r : rows) {
            cpu += r.cpuPercent();
            memory += r.memoryBytes() == null ? 0 : r.memoryBytes();
            panes += r.panes();
        }
        StringBuilder out = new StringBuilder();
        out.append("scarab top - ").append(now.withNano(0)).append(", ").append(rows.size())
                .append(rows.size() == 1 ? " session, " : " sessions, ").append(panes).append(panes == 1 ? " pane" : " panes")
                .append(", CPU ").append(percent(cpu)).append("%, MEM ").append(SessionTable.memory(memory)).append('\n');
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"NAME", "GROUP", "STATUS", "%CPU", "TIME", "MEM", "PANES", "BUSIEST PANE"});
        for (Row r : rows) {
            cells.add(new String[] {r.name(), r.group(), r.status(), percent(r.cpuPercent()), SessionTable.cpu(r.cpuMillis()),
                    SessionTable.memory(r.memoryBytes()), Integer.toString(r.panes()), r.busiest()});
        }
        int[] widths = new int[cells.get(0).length];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                boolean right = i >= 3 && i <= 6; // figures line up on the right
                String pad = " ".repeat(widths[i] - row[i].length());
                line.append(right ? pad + row[i] : row[i] + (i == row.length - 1 ? "" : pad)).append("  ");
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** One decimal, without a locale's comma. */
    static String percent(double p) {
        long tenths = Math.round(p * 10);
        return tenths / 10 + "." + tenths % 10;
    }
}
