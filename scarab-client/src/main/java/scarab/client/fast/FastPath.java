package scarab.client.fast;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import scarab.client.ClientContext;
import scarab.client.Failures;
import scarab.client.attach.Attach;
import scarab.client.daemon.DaemonConnection;
import scarab.client.daemon.DaemonStarter;
import scarab.client.ls.SessionLister;
import scarab.client.requests.SessionRequests;

/**
 * The short way through the commands people, shell completion and scripts run most: {@code scarab
 * ls} (with {@code --json} or {@code --names}), {@code scarab attach} and the commands that are one
 * request ({@code send-keys}, {@code kill}, {@code rename}, {@code detach}, {@code wait}). picocli
 * builds its model by reflection, interpreted, which costs a JVM that lives 50 ms some 90 ms more
 * (recompiled so that class-data sharing can archive it, it saved 12 of them); so these plain
 * forms are recognised here by hand and run the very code the picocli commands run ({@link
 * SessionLister}, {@link Attach}, {@link SessionRequests}), with the same error reporting ({@link
 * Failures}) and the same daemon auto-start.
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
        OneRequest request = oneRequest(command, Plain.parse(args, i + 1));
        if (request == null) {
            return NOT_SERVED;
        }
        try (DaemonConnection c = starter(ctx, socket).connect(noStart)) {
            return request.run(c);
        } catch (Exception e) {
            return Failures.report(ctx, e);
        }
    }

    /** A command that is one request to the daemon, ready to run on a connection. */
    private interface OneRequest {
        int run(DaemonConnection c) throws IOException;
    }

    /**
     * The one-request commands in their plain forms (the flags and number of words their picocli
     * commands take), or null: anything else is picocli's to run or explain.
     */
    private static OneRequest oneRequest(String command, Plain p) {
        if (p == null) {
            return null;
        }
        List<String> w = p.words;
        return switch (command) {
            case "send-keys", "send" -> p.only("-l") && w.size() >= 2
                    ? c -> SessionRequests.sendKeys(c, w.get(0), w.subList(1, w.size()), p.has("-l")) : null;
            case "kill", "kill-session" -> p.only("-f", "--force") && w.size() >= 1
                    ? c -> SessionRequests.kill(c, w, p.has("-f") || p.has("--force")) : null;
            case "rename", "rename-session" -> p.only() && w.size() == 2
                    ? c -> SessionRequests.rename(c, w.get(0), w.get(1)) : null;
            case "detach", "detach-client" -> p.only() && w.size() == 1 ? c -> SessionRequests.detach(c, w.get(0)) : null;
            case "wait" -> p.only() && w.size() == 1 ? c -> SessionRequests.waitFor(c, w.get(0)) : null;
            default -> null;
        };
    }

    /** The words and flags after a command: flags are single words starting with '-', each once. */
    private static final class Plain {
        final List<String> words = new ArrayList<>();
        final Set<String> flags = new HashSet<>();

        static Plain parse(String[] args, int from) {
            Plain p = new Plain();
            for (int i = from; i < args.length; i++) {
                String a = args[i];
                if (!a.startsWith("-")) {
                    p.words.add(a);
                } else if (!p.flags.add(a)) {
                    return null; // given twice: picocli's to refuse
                }
            }
            return p;
        }

        /** Are all the flags given among {@code allowed} (at most one spelling of each)? */
        boolean only(String... allowed) {
            Set<String> ok = Set.of(allowed);
            if (!ok.containsAll(flags)) {
                return false;
            }
            return !(flags.contains("-f") && flags.contains("--force"));
        }

        boolean has(String flag) {
            return flags.contains(flag);
        }
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
