package scarab.client.requests;

/**
 * {@code --memory-max SIZE --cpu-max PCT --tasks-max N} (and a workspace's {@code memory-max},
 * {@code cpu-max}, {@code tasks-max}), read: bytes, percent of one CPU, tasks; null where not given.
 */
public record ResourceLimits(Long memoryMax, Integer cpuMax, Integer tasksMax) {

    /** The limits given, or null when none is. Words that are not sizes or numbers are refused. */
    public static ResourceLimits parse(String memoryMax, String cpuMax, String tasksMax) {
        if (memoryMax == null && cpuMax == null && tasksMax == null) {
            return null;
        }
        return new ResourceLimits(memoryMax == null ? null : size(memoryMax, "--memory-max"),
                cpuMax == null ? null : percent(cpuMax, "--cpu-max"),
                tasksMax == null ? null : count(tasksMax, "--tasks-max"));
    }

    /** {@code 512M}, {@code 2G}, {@code 1048576}, {@code 300K}: binary units, as systemd's MemoryMax reads them. */
    public static long size(String text, String what) {
        String t = text.trim();
        long unit = 1;
        if (!t.isEmpty()) {
            switch (Character.toUpperCase(t.charAt(t.length() - 1))) {
                case 'K' -> unit = 1L << 10;
                case 'M' -> unit = 1L << 20;
                case 'G' -> unit = 1L << 30;
                case 'T' -> unit = 1L << 40;
                default -> unit = 1;
            }
        }
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
        try {
            long n = Long.parseLong(digits);
            if (n <= 0 || n > Long.MAX_VALUE / unit) {
                throw new NumberFormatException();
            }
            long bytes = n * unit;
            if (bytes < (1L << 20)) {
                throw new IllegalArgumentException(what + " " + text + " is under the least of 1M");
            }
            return bytes;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " wants a size such as 512M or 2G, not \"" + text + "\"");
        }
    }

    /** {@code 50} or {@code 50%}: percent of one CPU (200% is two). */
    public static int percent(String text, String what) {
        String t = text.trim();
        if (t.endsWith("%")) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            int n = Integer.parseInt(t);
            if (n < 1 || n > 100_000) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " wants a percentage of one CPU from 1 to 100000 (50, 150%), not \""
                    + text + "\"");
        }
    }

    public static int count(String text, String what) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " wants a number of tasks of at least 1, not \"" + text + "\"");
        }
    }
}
