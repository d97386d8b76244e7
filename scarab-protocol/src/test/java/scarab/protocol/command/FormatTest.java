package scarab.protocol.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Formats expand as tmux 3.3a expands them: fixed cases (each checked by hand against {@code
 * tmux display-message -p}), and generated formats compared with a live tmux on a private socket
 * whose session and window carry the same names as the variables here.
 */
class FormatTest {
    private static final Map<String, String> VARS = Map.of(
            "session_name", "work", "window_name", "editor", "window_index", "0", "pane_index", "0",
            "pane_id", "%0", "pane_in_mode", "0");

    private static String x(String fmt) {
        return Format.expand(fmt, VARS::get);
    }

    @Test
    void variablesEscapesAndShortNames() {
        assertEquals("work", x("#{session_name}"));
        assertEquals("", x("#{nosuch}"));
        assertEquals("", x("#{}"));
        assertEquals("#", x("##"));
        assertEquals("##", x("###"));
        assertEquals("x#", x("x#"));
        assertEquals("}", x("#}"));
        assertEquals(",", x("#,"));
        assertEquals("work/editor/0/0/%0", x("#S/#W/#I/#P/#D"));
        assertEquals("#Z", x("#Z"));
        assertEquals("#[fg=red]x", x("#[fg=red]x"));
        assertEquals("ab", x("a#(echo hi)b"));
        assertEquals("work", x("#{#{session_name}}"));
        assertEquals("session_name", x("#{l:session_name}"));
    }

    @Test
    void choices() {
        assertEquals("ayesb", x("a#{?session_name,yes,no}b"));
        assertEquals("no", x("#{?nosuch,yes,no}"));
        assertEquals("no", x("#{?,yes,no}"));
        assertEquals("n", x("#{?pane_in_mode,y,n}"), "0 is false");
        assertEquals("n", x("#{?1,y,n}"), "a literal condition is false: expanding it changes nothing");
        assertEquals("y", x("#{?#{session_name},y,n}"));
        assertEquals("n", x("#{?#{nosuch},y,n}"));
        assertEquals("a", x("#{?session_name,a,b,c}"));
        assertEquals("nosuch,b,c", x("#{?nosuch,a,nosuch,b,c}"));
        assertEquals("a,b", x("#{?session_name,a#,b,c}"));
        assertEquals("a}b", x("#{?session_name,a#}b,c}"));
        assertEquals("editor", x("#{?session_name,#{window_name},c}"));
        assertEquals("1", x("#{?session_name,#{?window_name,1,2},3}"));
        assertEquals("a}", x("#{?session_name,a,b}}"));
    }

    @Test
    void malformedEndsTheExpansionKeepingWhatCameBefore() {
        assertEquals("x", x("x#{?session_name,yes}y"));
        assertEquals("x", x("x#{session_name"));
        assertEquals("x", x("x#{?session_name,{a},b}y"));
        assertEquals("work", x("#{session_name}#{?session_name,yes}"));
        assertEquals("", x("#{?session_name,a,b"));
    }

    @Test
    void truncation() {
        assertEquals("wor", x("#{=3:session_name}"));
        assertEquals("ork", x("#{=-3:session_name}"));
        assertEquals("work", x("#{=10:session_name}"));
        assertEquals("work", x("#{=0:session_name}"));
        assertEquals("", x("#{=3:nosuch}"));
        assertEquals("wor...", x("#{=/3/...:session_name}"));
        assertEquals("editor", x("#{=-2/..:window_name}"), "=-2/.. does not read as a number: no trim");
        assertEquals("wo", x("#{=/2:session_name}"));
        assertEquals("wox", x("#{=/2:session_name}x"));
        assertEquals("work", x("#{=5/x:session_name}"));
        assertEquals("wo", x("#{=+2:session_name}"));
        assertEquals("wo", x("#{= 2:session_name}"));
        assertEquals("work", x("#{=x:session_name}"));
        assertEquals("work", x("#{=:session_name}"));
        assertEquals("wo", x("#{=3;=2:session_name}"), "the last modifier wins");
        assertEquals("", x("#{=3:=2:session_name}"));
        assertEquals("xw", x("#{=2:x#{session_name}}"));
        assertEquals("woeditor", x("#{=/2/#{window_name}:session_name}"));
        assertEquals("or,z", x("#{?session_name,#{=-2:window_name}#,z,q}"));
        assertEquals("", x("#{window_name:x}"));
        assertEquals("éwo", x("é#{=2:session_name}"));
        assertEquals("ab", Format.expand("#{=2:v}", Map.of("v", "abé")::get));
        assertEquals("bé", Format.expand("#{=-2:v}", Map.of("v", "abé")::get));
    }

    @Test
    void nestingPastTmuxsLimitExpandsToNothing() {
        String deep = "#{?session_name,".repeat(150) + "x" + ",n}".repeat(150);
        assertEquals("", x(deep));
    }

    // ---- against a live tmux -------------------------------------------------------------------

    @Test
    void generatedFormatsExpandAsTmuxExpandsThem() throws Exception {
        Random random = new Random(3_3);
        for (int world = 0; world < 3; world++) {
            String session = name(random, "abcXYZ019_-é", 1 + random.nextInt(8));
            String window = name(random, "abcdefxyz019 _-#,}é", 1 + random.nextInt(10));
            Map<String, String> vars = new LinkedHashMap<>();
            vars.put("session_name", session);
            vars.put("window_name", window);
            vars.put("window_index", "0");
            vars.put("pane_index", "0");
            vars.put("session_id", "$0");
            vars.put("window_id", "@0");
            vars.put("pane_id", "%0");
            vars.put("pane_in_mode", "0");
            List<String> formats = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                formats.add("<" + format(random, vars, 0) + ">");
            }
            List<String> tmux = tmuxExpand(session, window, formats);
            for (int i = 0; i < formats.size(); i++) {
                assertEquals(tmux.get(i), Format.expand(formats.get(i), vars::get),
                        "format " + formats.get(i) + " with session " + session + ", window " + window);
            }
        }
    }

    private static String name(Random random, String alphabet, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private static final String[] NAMES = {"session_name", "window_name", "window_index", "pane_index",
            "session_id", "window_id", "pane_id", "pane_in_mode", "nosuch", "window", ""};

    /** A random format: text, escapes, variables, truncations and choices, sometimes malformed. */
    private static String format(Random r, Map<String, String> vars, int depth) {
        StringBuilder b = new StringBuilder();
        int parts = 1 + r.nextInt(depth == 0 ? 4 : 2);
        for (int p = 0; p < parts; p++) {
            String var = NAMES[r.nextInt(NAMES.length)];
            switch (r.nextInt(depth >= 2 ? 8 : 11)) {
                case 0 -> b.append(name(r, "ab z-", 1 + r.nextInt(3)));
                case 1 -> b.append(new String[] {"##", "#,", "#}", "#S", "#W", "#I", "#P", "#D", "#Z", "#"}[r.nextInt(10)]);
                case 2, 3 -> b.append("#{").append(var).append('}');
                case 4 -> b.append("#{=").append(r.nextInt(25) - 12).append(':').append(var).append('}');
                case 5 -> b.append("#{=/").append(r.nextInt(25) - 12).append('/').append(name(r, "._", r.nextInt(3)))
                        .append(":").append(var).append('}');
                case 6 -> b.append(r.nextBoolean() ? "#{" + var : "#{?" + var + ",a}"); // malformed
                case 7 -> b.append(',');
                default -> {
                    String cond = switch (r.nextInt(3)) {
                        case 0 -> var;
                        case 1 -> "#{" + var + "}";
                        default -> name(r, "01a", 1 + r.nextInt(2));
                    };
                    b.append("#{?").append(cond).append(',').append(format(r, vars, depth + 1)).append(',')
                            .append(format(r, vars, depth + 1)).append('}');
                }
            }
        }
        return b.toString();
    }

    /** Each format expanded by {@code tmux display-message -p} in a fresh private server. */
    private static List<String> tmuxExpand(String session, String window, List<String> formats) throws Exception {
        String socket = "scarab-format-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        try {
            run(List.of("tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", session, "-n", window,
                    "-x", "80", "-y", "24", "sleep 600"));
            List<String> argv = new ArrayList<>(List.of("tmux", "-L", socket));
            for (int i = 0; i < formats.size(); i++) {
                if (i > 0) {
                    argv.add(";");
                }
                argv.addAll(List.of("display-message", "-p", formats.get(i)));
            }
            String out = run(argv);
            List<String> lines = List.of(out.split("\n", -1)).subList(0, formats.size());
            assertEquals(formats.size() + 1, out.split("\n", -1).length, "one line per format:\n" + out);
            return lines;
        } finally {
            new ProcessBuilder("tmux", "-L", socket, "kill-server").redirectErrorStream(true).start()
                    .waitFor(10, TimeUnit.SECONDS);
            // tmux leaves the socket file of -L NAME behind: ${TMUX_TMPDIR:-/tmp}/tmux-UID/NAME
            String dir = System.getenv("TMUX_TMPDIR");
            int uid = (Integer) java.nio.file.Files.getAttribute(java.nio.file.Path.of("/proc/self"), "unix:uid");
            java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(dir == null || dir.isEmpty() ? "/tmp" : dir,
                    "tmux-" + uid, socket));
        }
    }

    private static String run(List<String> argv) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("TMUX");
        pb.environment().put("LANG", "C.UTF-8");
        pb.environment().put("LC_ALL", "C.UTF-8");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(argv.subList(0, 5) + "... failed: " + out);
        }
        return out;
    }
}
