package scarab.daemon.resources;

/**
 * What a session's panes may use, each pane's process tree on its own: {@code memoryMax} bytes,
 * {@code cpuMax} percent of one CPU (200: two CPUs), {@code tasksMax} processes and threads.
 * Null: no limit of that kind.
 */
public record Limits(Long memoryMax, Integer cpuMax, Integer tasksMax) {
    public static final Limits NONE = new Limits(null, null, null);

    public Limits {
        if (memoryMax != null && memoryMax < 1024 * 1024) {
            throw new IllegalArgumentException("memory-max must be at least 1M, not " + memoryMax + " bytes");
        }
        if (cpuMax != null && (cpuMax < 1 || cpuMax > 100_000)) {
            throw new IllegalArgumentException("cpu-max must be a percentage from 1 to 100000, not " + cpuMax);
        }
        if (tasksMax != null && tasksMax < 1) {
            throw new IllegalArgumentException("tasks-max must be at least 1, not " + tasksMax);
        }
    }

    public static Limits of(Long memoryMax, Integer cpuMax, Integer tasksMax) {
        return memoryMax == null && cpuMax == null && tasksMax == null ? NONE : new Limits(memoryMax, cpuMax, tasksMax);
    }

    public boolean none() {
        return memoryMax == null && cpuMax == null && tasksMax == null;
    }
}
