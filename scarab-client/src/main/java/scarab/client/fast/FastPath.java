package scarab.client.fast;

import scarab.client.LeadingOptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import scarab.client.ClientContext;
import scarab.client.Failures;
import scarab.client.attach.Attach;
import scarab.client.cli.VersionProvider;
import scarab.client.daemon.DaemonConnection;
import scarab.client.daemon.DaemonStarter;
import scarab.client.daemon.DaemonStop;
import scarab.client.ls.SessionLister;
import scarab.client.requests.SessionRequests;
import scarab.client.script.CommandSequence;

/**
 * The short way through the commands people, shell completion and scripts run most: {@code scarab
 * ls} (with {@code --json} or {@code --names}), {@code scarab attach} and the commands that are a
 * request to the daemon ({@code new}, {@code send-keys}, {@code capture}, {@code kill}, {@code
 * rename}, {@code detach}, {@code wait}, {@code daemon start} and {@code daemon stop}). picocli builds its model by reflection, interpreted:
 * some 90 ms more for a JVM that otherwise lives 50 (compiled for Java 17 so that class-data
 * sharing could archive it, it was only 12 ms faster). So these plain forms are recognised here
 * by hand and run the very code the picocli commands run ({@link SessionLister}, {@link Attach},
 * {@link SessionRequests}), with the same error reporting ({@link Failures}) and the same daemon
 * auto-start. {@code scarab --help} and {@code --version} are answered here too, the help from a
 * text the build rendered with picocli.
 *
 * <p>Anything else — a command's help, another option, a mistake to be explained — returns
 * {@link #NOT_SERVED} before any work is done, and goes through picocli as before.
 */
public final class FastPath {
    public static final int NOT_SERVED = -1;
    /** {@code scarab --help} as picocli renders it, written by the build (HelpTexts): plain, and styled. */
    public static final String HELP_PLAIN = "scarab/client/help/scarab.txt";
    public static final String HELP_ANSI = "scarab/client/help/scarab.ansi.txt";

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

    /** {@code scarab --help} or {@code --version}: answered here, with no daemon to talk to. */
    public static boolean aboutScarab(String[] args) {
        return args.length == 1 && (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("--version")
                || args[0].equals("-V"));
    }

    /**
     * Runs {@code args} if they are a plain form of a hot command, or a sequence of commands
     * ({@link CommandSequence}); else {@link #NOT_SERVED}.
     */
    public static int run(ClientContext ctx, String[] args) {
        if (CommandSequence.present(args)) {
            return CommandSequence.run(ctx, args);
        }
        return runSingle(ctx, args);
    }

    /** {@link #run} of one command: a {@code ;} word is only a word. */
    public static int runSingle(ClientContext ctx, String[] args) {
        if (aboutScarab(args)) {
            return about(ctx, args[0]);
        }
        int table = scarab.client.table.TableCli.run(ctx, args);
        if (table != scarab.client.table.TableCli.NOT_SERVED) {
            return table;
        }
        for (String a : args) {
            if (a.startsWith("@")) {
                return NOT_SERVED; // picocli may expand it as an argument file
            }
        }
        LeadingOptions lead = LeadingOptions.scan(args);
        boolean noStart = lead.noStart();
        int i = lead.command();
        if (i == args.length) {
            return NOT_SERVED;
        }
        try {
            return run(ctx, lead.starter(ctx), noStart, args[i], args, i + 1);
        } catch (Exception e) {
            return Failures.report(ctx, e);
        }
    }

    /**
     * The version as picocli's --version prints it, or the help text the build rendered with
     * picocli; styled when picocli would style it (its own test of the terminal and NO_COLOR, one
     * small class rather than the model). Left to picocli when the build wrote no text or a usage
     * width is asked for.
     */
    private static int about(ClientContext ctx, String option) {
        PrintWriter out = new PrintWriter(ctx.out(), true); // as picocli writes: the default charset
        if (option.equals("--version") || option.equals("-V")) {
            out.println(VersionProvider.text(ctx.env()));
            out.flush();
            return 0;
        }
        if (System.getProperty("picocli.usage.width") != null) {
            return NOT_SERVED;
        }
        String resource = picocli.CommandLine.Help.Ansi.AUTO.enabled() ? HELP_ANSI : HELP_PLAIN;
        byte[] text;
        try (InputStream in = FastPath.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return NOT_SERVED;
            }
            text = in.readAllBytes();
        } catch (IOException e) {
            return NOT_SERVED;
        }
        out.print(new String(text, StandardCharsets.UTF_8));
        out.flush();
        return 0;
    }

    /**
     * The daemon, started if need be (unless --no-start). A class, not a lambda: a short command
     * would pay for the first lambda's set-up (see DaemonConnection.warmUp).
     */
    private static final class Starting implements SessionRequests.Connector {
        private final DaemonStarter starter;
        private final boolean noStart;

        Starting(DaemonStarter starter, boolean noStart) {
            this.starter = starter;
            this.noStart = noStart;
        }

        @Override
        public DaemonConnection connect() {
            return starter.connect(noStart);
        }
    }

    /**
     * Runs the hot commands in their plain forms (the options their picocli commands take, each
     * once unless it repeats, and the right number of words); anything else is {@link
     * #NOT_SERVED}, picocli's to run or explain, before any work is done.
     */
    private static int run(ClientContext ctx, DaemonStarter starter, boolean noStart, String command, String[] args,
                           int from) throws IOException {
        SessionRequests.Connector daemon = new Starting(starter, noStart);
        switch (command) {
            case "ls", "list", "list-sessions" -> {
                Plain p = Plain.parse(args, from, Set.of("--json", "--names"), Set.of("-F"), Set.of());
                if (p == null || !p.words.isEmpty()) {
                    return NOT_SERVED;
                }
                return SessionLister.run(ctx, starter, noStart, p.has("--json"), p.has("--names"), p.value("-F"));
            }
            case "attach", "a", "attach-session" -> {
                Plain p = Plain.parse(args, from, Set.of("-r", "-d"), Set.of("--detach-keys"), Set.of());
                if (p == null || p.words.size() > 1) {
                    return NOT_SERVED;
                }
                return Attach.run(ctx, starter, noStart, p.words.isEmpty() ? null : p.words.get(0), p.has("-r"),
                        p.has("-d"), p.value("--detach-keys"));
            }
            case "proxy" -> {
                // Every remote command starts one, behind ssh: picocli's start-up would be a third of it.
                Plain p = Plain.parse(args, from, Set.of(), Set.of(), Set.of());
                return p == null || !p.words.isEmpty() || starter.remote() != null ? NOT_SERVED
                        : scarab.client.remote.Proxy.run(starter, noStart);
            }
            case "send-keys", "send" -> {
                Plain p = Plain.parse(args, from, Set.of("-l"), Set.of(), Set.of());
                if (p == null || p.words.size() < 2) {
                    return NOT_SERVED;
                }
                return SessionRequests.sendKeys(daemon, p.words.get(0), p.words.subList(1, p.words.size()), p.has("-l"));
            }
            case "kill", "kill-session" -> {
                Plain p = Plain.parse(args, from, Set.of("-f", "--force"), Set.of(), Set.of());
                if (p == null || p.words.isEmpty() || p.has("-f") && p.has("--force")) {
                    return NOT_SERVED;
                }
                return SessionRequests.kill(daemon, p.words, p.has("-f") || p.has("--force"));
            }
            case "rename", "rename-session" -> {
                Plain p = Plain.parse(args, from, Set.of(), Set.of(), Set.of());
                return p == null || p.words.size() != 2 ? NOT_SERVED
                        : SessionRequests.rename(daemon, p.words.get(0), p.words.get(1));
            }
            case "detach", "detach-client" -> {
                Plain p = Plain.parse(args, from, Set.of(), Set.of(), Set.of());
                return p == null || p.words.size() != 1 ? NOT_SERVED : SessionRequests.detach(daemon, p.words.get(0));
            }
            case "wait" -> {
                Plain p = Plain.parse(args, from, Set.of(), Set.of(), Set.of());
                return p == null || p.words.size() != 1 ? NOT_SERVED : SessionRequests.waitFor(daemon, p.words.get(0));
            }
            case "capture", "capture-pane" -> {
                Plain p = Plain.parse(args, from, Set.of("-e", "-J"), Set.of("-S", "-E"), Set.of());
                if (p == null || p.words.size() != 1) {
                    return NOT_SERVED;
                }
                return SessionRequests.capture(ctx, daemon, p.words.get(0), p.has("-e"), p.value("-S"), p.value("-E"),
                        p.has("-J"));
            }
            case "new", "new-session" -> {
                Plain p = Plain.parse(args, from, Set.of("-d", "-A"), Set.of("--detach-keys", "-c", "-C", "--size"),
                        Set.of("-e", "--env"));
                // -e and --env mixed: picocli keeps them in the order given; left to it.
                if (p == null || p.words.size() != 1 || !p.values("-e").isEmpty() && !p.values("--env").isEmpty()) {
                    return NOT_SERVED;
                }
                List<String> env = p.values("-e").isEmpty() ? p.values("--env") : p.values("-e");
                return SessionRequests.create(ctx, daemon, p.words.get(0), p.has("-d"), p.has("-A"), p.value("--detach-keys"),
                        p.value("-c"), null, p.value("-C"), p.value("--size"), env.isEmpty() ? null : env, null);
            }
            case "daemon" -> {
                Plain p = Plain.parse(args, from, Set.of(), Set.of(), Set.of());
                if (p == null || p.words.size() != 1) {
                    return NOT_SERVED;
                }
                return switch (p.words.get(0)) {
                    case "start" -> starter.startUnlessRunning();
                    case "stop" -> DaemonStop.run(ctx, starter);
                    case "upgrade" -> scarab.client.daemon.DaemonUpgrade.run(ctx, starter);
                    default -> NOT_SERVED;
                };
            }
            default -> {
                return NOT_SERVED;
            }
        }
    }

    /**
     * The words and options after a command. Flags are single words, each given once; an option
     * with a value takes the next word, or what follows '=' in a long option's word (once, unless
     * it repeats). A next-word value that starts with '-' is taken only if it is "-" or a negative
     * number (capture's lines), and a word never: the form is not plain then, and picocli decides
     * what such words are.
     */
    private static final class Plain {
        final List<String> words = new ArrayList<>();
        private final Set<String> flags = new HashSet<>();
        private final Map<String, List<String>> values = new HashMap<>();

        static Plain parse(String[] args, int from, Set<String> flagNames, Set<String> single, Set<String> repeated) {
            Plain p = new Plain();
            for (int i = from; i < args.length; i++) {
                String a = args[i];
                int eq = a.startsWith("--") ? a.indexOf('=') : -1;
                String value = null;
                if (eq > 0) {
                    value = a.substring(eq + 1);
                    a = a.substring(0, eq);
                    if (!single.contains(a) && !repeated.contains(a)) {
                        return null;
                    }
                }
                if (single.contains(a) || repeated.contains(a)) {
                    if (value == null) {
                        if (i + 1 == args.length || !plainValue(args[i + 1])) {
                            return null;
                        }
                        value = args[++i];
                    }
                    List<String> v = p.values.get(a);
                    if (v == null) {
                        v = new ArrayList<>();
                        p.values.put(a, v);
                    } else if (single.contains(a)) {
                        return null; // given twice: picocli's to refuse
                    }
                    v.add(value);
                } else if (!a.startsWith("-")) {
                    p.words.add(a);
                } else if (!flagNames.contains(a) || !p.flags.add(a)) {
                    return null; // unknown here, or given twice
                }
            }
            return p;
        }

        private static boolean plainValue(String v) {
            if (!v.startsWith("-") || v.equals("-")) {
                return true;
            }
            for (int i = 1; i < v.length(); i++) {
                if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                    return false;
                }
            }
            return v.length() > 1;
        }

        boolean has(String flag) {
            return flags.contains(flag);
        }

        String value(String option) {
            List<String> v = values.get(option);
            return v == null ? null : v.get(0);
        }

        List<String> values(String option) {
            return values.getOrDefault(option, List.of());
        }
    }

}
