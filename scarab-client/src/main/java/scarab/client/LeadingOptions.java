package scarab.client;

/**
 * The global options before the command word ({@code -S SOCKET}, {@code --socket=SOCKET},
 * {@code --no-start}), read the way the fast paths read them: each at most once, a value never
 * empty nor starting with {@code -}; anything else ends them. picocli reads the full grammar.
 *
 * @param socket  the socket given, or null
 * @param command where the command word is in the arguments ({@code args.length}: none)
 */
public record LeadingOptions(String socket, boolean noStart, int command) {

    public static LeadingOptions scan(String[] args) {
        String socket = null;
        boolean noStart = false;
        int i = 0;
        for (; i < args.length; i++) {
            String a = args[i];
            if ((a.equals("-S") || a.equals("--socket")) && socket == null && i + 1 < args.length
                    && !args[i + 1].isEmpty() && !args[i + 1].startsWith("-")) {
                socket = args[++i];
            } else if (a.startsWith("--socket=") && socket == null && a.length() > "--socket=".length()) {
                socket = a.substring("--socket=".length());
            } else if (a.equals("--no-start") && !noStart) {
                noStart = true;
            } else {
                break;
            }
        }
        return new LeadingOptions(socket, noStart, i);
    }
}
