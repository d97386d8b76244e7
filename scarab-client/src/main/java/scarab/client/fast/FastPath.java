package scarab.client.fast;

import scarab.client.ClientContext;
import scarab.client.Failures;
import scarab.client.attach.Attach;
import scarab.client.daemon.DaemonStarter;
import scarab.client.ls.SessionLister;

/**
 * The short way through the commands people and shell completion run most: {@code scarab ls}
 * (with {@code --json} or {@code --names}) and {@code scarab attach}. picocli builds its model by
 * reflection, which costs a JVM that lives 50 ms more than the command's own work, and it cannot
 * be archived by class-data sharing (Java 5 bytecode); so these plain forms are recognised here by
 * hand and run the very code the picocli commands run ({@link SessionLister}, {@link Attach}),
 * with the same error reporting ({@link Failures}) and the same daemon auto-start.
 *
 * <p>Anything else — help, a version, another option, a mistake to be explained — returns
 * {@link #NOT_SERVED} before any work is done, and goes through picocli as before.
 */
public final class FastPath {
    public static final int NOT_SERVED = -1;

    private FastPath() {}

    /** Might these arguments be an attach (a cheap look, before anything is set up)? */
    public static boolean mayAttach(String[] args) {
        for (String a : args) {
            if (a.equals("attach") || a.equals("a") || a.equals("attach-session")) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code args} if they are a plain form of a hot command; else {@link #NOT_SERVED}. */
    public static int run(ClientContext ctx, String[] args) {
        for (String a : args) {
            if (a.startsWith("@")) {
                return NOT_SERVED; // picocli may expand it as an argument file
            }
        }
        String socket = null;
        boolean noStart = false;
        int i = 0;
        for (; i < args.length; i++) {
            String a = args[i];
            if ((a.equals("-S") || a.equals("--socket")) && socket == null && i + 1 < args.length
                    && !args[i + 1].startsWith("-") && !args[i + 1].isEmpty()) {
                socket = args[++i];
            } else if (a.startsWith("--socket=") && socket == null && a.length() > "--socket=".length()) {
                socket = a.substring("--socket=".length());
            } else if (a.equals("--no-start") && !noStart) {
                noStart = true;
            } else {
                break;
            }
        }
        if (i == args.length) {
            return NOT_SERVED;
        }
        String command = args[i];
        if (command.equals("ls") || command.equals("list") || command.equals("list-sessions")) {
            return ls(ctx, socket, noStart, args, i + 1);
        }
        if (command.equals("attach") || command.equals("a") || command.equals("attach-session")) {
            return attach(ctx, socket, noStart, args, i + 1);
        }
        return NOT_SERVED;
    }

    private static int ls(ClientContext ctx, String socket, boolean noStart, String[] args, int from) {
        boolean json = false;
        boolean names = false;
        for (int i = from; i < args.length; i++) {
            if (args[i].equals("--json") && !json) {
                json = true;
            } else if (args[i].equals("--names") && !names) {
                names = true;
            } else {
                return NOT_SERVED;
            }
        }
        try {
            return SessionLister.run(ctx, starter(ctx, socket), noStart, json, names);
        } catch (Exception e) {
            return Failures.report(ctx, e);
        }
    }

    private static int attach(ClientContext ctx, String socket, boolean noStart, String[] args, int from) {
        String target = null;
        boolean readOnly = false;
        boolean detachOthers = false;
        String keys = null;
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-r") && !readOnly) {
                readOnly = true;
            } else if (a.equals("-d") && !detachOthers) {
                detachOthers = true;
            } else if (a.equals("--detach-keys") && keys == null && i + 1 < args.length
                    && !args[i + 1].startsWith("-")) {
                keys = args[++i];
            } else if (a.startsWith("--detach-keys=") && keys == null) {
                keys = a.substring("--detach-keys=".length());
            } else if (!a.startsWith("-") && target == null) {
                target = a;
            } else {
                return NOT_SERVED;
            }
        }
        try {
            return Attach.run(ctx, starter(ctx, socket), noStart, target, readOnly, detachOthers, keys);
        } catch (Exception e) {
            return Failures.report(ctx, e);
        }
    }

    /** As {@code ScarabCommand.starter()} does it. */
    private static DaemonStarter starter(ClientContext ctx, String socket) {
        return new DaemonStarter(ctx, ctx.paths().socket(socket), socket != null);
    }
}
