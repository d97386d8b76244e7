package scarab.daemon.resources;

/** What a process tree used: CPU time so far and resident memory now. */
public record Usage(long cpuMillis, long memoryBytes) {
    public static final Usage ZERO = new Usage(0, 0);

    public Usage plus(Usage other) {
        return other == null ? this : new Usage(cpuMillis + other.cpuMillis, memoryBytes + other.memoryBytes);
    }
}
