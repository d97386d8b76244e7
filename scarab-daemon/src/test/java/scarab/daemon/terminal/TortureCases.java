package scarab.daemon.terminal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Escape-sequence torture snippets for the differential test against tmux. */
final class TortureCases {
    private TortureCases() {}

    static final String E = "\u001b";
    static final String CSI = E + "[";

    private static final List<TmuxOracle.Case> CASES = new ArrayList<>();

    private static void add(String name, String s) { add(name, s, 80, 24); }

    private static void add(String name, String s, int cols, int rows) {
        CASES.add(new TmuxOracle.Case(name, s.getBytes(StandardCharsets.UTF_8), cols, rows));
    }

    private static void addBytes(String name, byte[] b, int cols, int rows) {
        CASES.add(new TmuxOracle.Case(name, b, cols, rows));
    }

    private static String lines(int n, String prefix) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) sb.append(prefix).append(i).append('\n');
        return sb.toString();
    }

    static synchronized List<TmuxOracle.Case> all() {
        if (!CASES.isEmpty()) return CASES;
        add("plain", "hello world\nsecond line\n\tTabbed\tcols\n");
        add("autowrap", "0123456789".repeat(20) + "\nnext\n");
        add("autowrap-small", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH\n", 20, 6);
        add("exact-width-then-newline", "x".repeat(80) + "\nafter\n");
        add("pending-wrap-cr", "y".repeat(80) + "\rZ");
        add("pending-wrap-bs", "y".repeat(80) + "\bQ");
        add("pending-wrap-cub", "y".repeat(80) + CSI + "DQ" + CSI + "3DR");
        add("pending-wrap-el", "y".repeat(80) + CSI + "K" + "\n" + "z".repeat(80) + CSI + "1K");
        add("pending-wrap-cuf-cuu", "\n\n" + "w".repeat(80) + CSI + "CA" + CSI + "AB");
        add("pending-wrap-ech-ich-dch", "a".repeat(80) + CSI + "5X\n" + "b".repeat(80) + CSI + "2@\n" + "c".repeat(80) + CSI + "2P");
        add("pending-wrap-lf-then-print", "p".repeat(80) + "\u000bq");
        add("decawm-off", CSI + "?7l" + "0123456789".repeat(10) + "\n" + CSI + "?7hwrapped " + "z".repeat(80));
        add("decawm-off-wide", CSI + "?7l" + "x".repeat(79) + "\u4e2d" + "\nnext" + CSI + "?7h");
        add("cursor-basic", CSI + "5;10HA" + CSI + "2AB" + CSI + "3BC" + CSI + "4CD" + CSI + "2DE" + CSI + "0AF" + CSI + "0CG");
        add("cursor-cnl-cpl", CSI + "10;10HX" + CSI + "2EY" + CSI + "3FZ" + CSI + "EW" + CSI + "FV");
        add("cursor-cha-hpa-vpa", CSI + "5;5H" + CSI + "20GA" + CSI + "30`B" + CSI + "12dC" + CSI + "GD" + CSI + "dE");
        add("cursor-cup-hvp-clamp", CSI + "100;200HA" + CSI + "0;0HB" + CSI + ";5HC" + CSI + "7fD" + CSI + "8;9fE" + CSI + "HF");
        add("cursor-huge", CSI + "99999A" + CSI + "99999CX" + CSI + "99999B" + CSI + "99999DY");
        add("ind-nel-ri", "top" + E + "D" + "ind" + E + "E" + "nel" + E + "M" + E + "M" + E + "M" + "ri");
        add("ri-at-top-scrolls", "line1\nline2\nline3" + CSI + "H" + E + "M" + "new top");
        add("lf-vt-ff", "a\nb\u000bc\u000cd\re\bf");
        add("bs-at-start-of-wrapped", "q".repeat(85) + "\r\b\bX", 80, 24);
        add("tabs-default", "a\tb\tc\td\te\tf\tg\th\ti\tj\tk\tl\n\t\t\t\t\t\t\t\t\t\t\t\tend");
        add("tabs-hts-tbc", CSI + "3g" + CSI + "5G" + E + "H" + CSI + "15G" + E + "H" + "\r\tA\tB\tC" + "\n" + CSI + "15G" + CSI + "g" + "\r\tD\tE");
        add("tabs-cbt", CSI + "40GX" + CSI + "ZA" + CSI + "2ZB" + CSI + "99ZC");
        add("scroll-region-lf", CSI + "5;10r" + CSI + "10;1H" + "r1\nr2\nr3\nr4" + CSI + "r" + CSI + "24;1Hbottom\n");
        add("scroll-region-history-full", lines(40, "full "));
        add("scroll-region-history-top2", "header1\nheader2\n" + CSI + "3;24r" + CSI + "24;1H" + lines(30, "reg "));
        add("scroll-region-history-small", CSI + "2;5r" + CSI + "5;1H" + lines(10, "sr "), 30, 8);
        add("scroll-region-invalid", CSI + "10;5r" + "A" + CSI + "5;5r" + "B" + CSI + "0;0r" + "C");
        add("origin-mode", CSI + "5;15r" + CSI + "?6h" + CSI + "HA" + CSI + "3;3HB" + CSI + "99;1HC" + CSI + "?6lD" + CSI + "HE" + CSI + "r");
        add("origin-mode-decsc", CSI + "3;10r" + CSI + "?6h" + CSI + "2;2H" + E + "7" + CSI + "?6l" + CSI + "20;20HX" + E + "8Y" + CSI + "r");
        add("il-dl-in-region", lines(20, "L") + CSI + "5;15r" + CSI + "7;1H" + CSI + "2L" + "ins" + CSI + "10;1H" + CSI + "3M" + "del" + CSI + "r");
        add("il-dl-outside-region", lines(20, "L") + CSI + "5;15r" + CSI + "2;1H" + CSI + "L" + "out" + CSI + "18;1H" + CSI + "2M" + CSI + "r");
        add("il-dl-large", lines(20, "L") + CSI + "10;1H" + CSI + "99L" + CSI + "5;1H" + CSI + "99M");
        add("ich-dch-ech", "0123456789abcdefghij\n0123456789abcdefghij\n0123456789abcdefghij" + CSI + "1;5H" + CSI + "3@" + CSI + "2;5H" + CSI + "3P" + CSI + "3;5H" + CSI + "3X" + CSI + "4;1H");
        add("ich-dch-big", "0123456789abcdefghij\n0123456789abcdefghij" + CSI + "1;70H" + CSI + "99@X" + CSI + "2;3H" + CSI + "99P");
        add("ed-variants", lines(10, "line number ") + CSI + "3;5H" + CSI + "J" + CSI + "1;3H" + CSI + "1J");
        add("ed2-history", "1\n2\n3" + CSI + "2J");
        add("ed2-history-full", lines(30, "row ") + CSI + "2J" + "after");
        add("ed2-empty", CSI + "2J" + CSI + "2J" + "x");
        add("ed0-home-history", "a\nb\nc" + CSI + "H" + CSI + "J" + "d");
        add("ed3-clears-history", lines(40, "h") + CSI + "3J" + "x");
        add("ed3-param", lines(40, "h") + CSI + "3;1J" + "x");
        add("el-variants", "abcdefghij\nabcdefghij\nabcdefghij" + CSI + "1;5H" + CSI + "K" + CSI + "2;5H" + CSI + "1K" + CSI + "3;5H" + CSI + "2K");
        add("rep", "a" + CSI + "5b" + "\nb" + CSI + "b" + "\n" + CSI + "31mc" + CSI + "3b" + CSI + "0m" + "\nd" + CSI + "m" + CSI + "3b" + "\n\u00e9" + CSI + "3b" + "\nlong" + CSI + "200b");
        add("su-sd", lines(10, "s") + CSI + "2S" + CSI + "T" + CSI + "5;8r" + CSI + "S" + CSI + "2T" + CSI + "r");
        add("su-history", lines(5, "su") + CSI + "3S", 20, 6);
        add("irm", "abcdef" + CSI + "1;3H" + CSI + "4hXY" + CSI + "4lZ" + "\n" + "x".repeat(79) + CSI + "2;1H" + CSI + "4hINS" + CSI + "4l");
        add("irm-wide", "abcdef" + CSI + "1;2H" + CSI + "4h\u4e2d\u6587" + CSI + "4l");
        add("decsc-decrc", CSI + "31;1m" + E + "(0" + CSI + "5;5H" + E + "7" + CSI + "0m" + E + "(B" + CSI + "10;10Hmid" + E + "8lqk" + CSI + "0m" + E + "(B");
        add("csi-s-u", CSI + "3;3Hone" + CSI + "s" + CSI + "8;8Htwo" + CSI + "uthree");
        add("decrc-without-save", CSI + "5;5Hx" + E + "8y");
        add("decsc-pending-wrap", "\n" + "s".repeat(80) + E + "7" + CSI + "HA" + E + "8B");
        add("sgr-basic", CSI + "1mbold" + CSI + "22m " + CSI + "2mdim" + CSI + "0m " + CSI + "3mit" + CSI + "23m " + CSI + "4mul" + CSI + "24m "
                + CSI + "5mbl" + CSI + "25m " + CSI + "7mrev" + CSI + "27m " + CSI + "8mhid" + CSI + "28m " + CSI + "9mst" + CSI + "29m "
                + CSI + "53mov" + CSI + "55m " + CSI + "21mdbl" + CSI + "0m " + CSI + "6mfast" + CSI + "m end");
        add("sgr-colors-16", CSI + "31mred" + CSI + "42mgreenbg" + CSI + "39mdeffg" + CSI + "49mdefbg " + CSI + "91mbright" + CSI + "103mbrbg" + CSI + "0m"
                + CSI + "30;47mx" + CSI + "37;40my" + CSI + "97;100mz" + CSI + "m");
        add("sgr-256", CSI + "38;5;196ma" + CSI + "48;5;21mb" + CSI + "38;5;300mc" + CSI + "48;5md" + CSI + "38;5;7me" + CSI + "0m");
        add("sgr-rgb", CSI + "38;2;10;20;30ma" + CSI + "48;2;255;128;0mb" + CSI + "38;2;300;0;0mc" + CSI + "0m" + CSI + "38;2;1;2md" + CSI + "0m");
        add("sgr-colon", CSI + "38:2::10:20:30ma" + CSI + "38:2:40:50:60mb" + CSI + "48:5:123mc" + CSI + "4:3md" + CSI + "4:0me"
                + CSI + "4:2mf" + CSI + "58:2::1:2:3mg" + CSI + "59mh" + CSI + "58;5;100mi" + CSI + "0mj" + CSI + "38:2:1:2:3:4:5:6:7mk" + CSI + "0m");
        add("sgr-underline-styles", CSI + "4:1ma" + CSI + "4:2mb" + CSI + "4:3mc" + CSI + "4:4md" + CSI + "4:5me" + CSI + "24mf" + CSI + "4mg" + CSI + "0m");
        add("sgr-mixed", CSI + "1;4;31;44mA" + CSI + "22;24mB" + CSI + "7;38;5;82mC" + CSI + ";1mD" + CSI + "0;;3mE" + CSI + "m");
        add("bce-erase", CSI + "44m" + CSI + "2J" + CSI + "5;5Hx" + CSI + "K" + CSI + "41m" + CSI + "6;1H" + CSI + "10X" + CSI + "7;10H" + CSI + "1K" + CSI + "0m\n\n\n\n");
        add("bce-scroll", CSI + "45m" + lines(30, "bg ") + CSI + "0m", 40, 10);
        add("bce-il-dl", lines(10, "x") + CSI + "46m" + CSI + "3;1H" + CSI + "2L" + CSI + "6;1H" + CSI + "2M" + CSI + "1;5H" + CSI + "3@" + CSI + "2;5H" + CSI + "3P" + CSI + "0m");
        add("dec-graphics", E + "(0lqqqk\nx   x\nmqqqj" + E + "(B normal\n" + E + ")0" + "\u000elqk\u000f back");
        add("dec-graphics-all", E + "(0" + "+,-.0`abcdefghijklmnopqrstuvwxyz{|}~" + E + "(B");
        add("alt-1049", "main screen\nline2" + CSI + "?1049h" + "alt content" + CSI + "5;5Halt2" + CSI + "?1049l" + "back");
        add("alt-1049-still-active", "main\n" + CSI + "31m" + CSI + "?1049h" + CSI + "0m" + "in alt\n" + CSI + "2;3Hxx");
        add("alt-47", "main47" + CSI + "?47h" + "alt47" + CSI + "?47l" + "!");
        add("alt-1047", "main1047\n" + CSI + "?1047h" + "alt1047" + CSI + "?1047l" + "!");
        add("alt-no-history", lines(5, "m") + CSI + "?1049h" + lines(40, "alt ") + CSI + "?1049l" + "done");
        add("alt-ed2", lines(5, "m") + CSI + "?1049h" + "x" + CSI + "2J" + "y" + CSI + "?1049l");
        add("alt-double-on", "a" + CSI + "?1049h" + "b" + CSI + "?1049h" + "c" + CSI + "?1049l" + "d");
        add("alt-off-when-not-on", CSI + "5;5Hq" + CSI + "?1049l" + "r");
        add("modes", CSI + "?1h" + E + "=" + CSI + "?2004h" + CSI + "?1000h" + CSI + "?1006h" + CSI + "?1004h" + CSI + "?25l" + "modes");
        add("osc-title", E + "]0;my title\u0007" + "a" + E + "]2;other" + E + "\\" + "b" + E + "]1;icon\u0007c");
        add("osc-title-can", E + "]2;cancelled\u0018" + "after");
        add("apc-title", E + "_apctitle" + E + "\\" + "x");
        add("title-invalid", E + "]2;ok\u0007" + E + "]2;bad\u0001x\u0007" + "y");
        add("title-push-pop", E + "]2;first\u0007" + CSI + "22;0t" + E + "]2;second\u0007" + CSI + "23;0t" + "z");
        add("ris", "before" + CSI + "31m" + CSI + "?1h" + E + "c" + "after");
        add("ris-history", lines(10, "r") + E + "c" + "after");
        add("decaln", E + "#8" + CSI + "3;3Hx");
        add("wide-cjk", "\u4e2d\u6587\u5b57\u7b26 mixed \u3042\u3044\u3046\n\uff21\uff22\uff23");
        add("wide-at-last-col", "x".repeat(79) + "\u4e2dy\n" + "z".repeat(78) + "\u4e2dw");
        add("wide-last-col-keeps-old", "abcdefghij" + CSI + "1;1H" + "x".repeat(9) + "\u4e2d", 10, 4);
        add("wide-overwrite-halves", "\u4e2d\u6587\u5b57" + CSI + "1;2Hx" + "\n\u4e2d\u6587\u5b57" + CSI + "2;3Hy" + "\n\u4e2d\u6587" + CSI + "3;1H\u00e9" + "\n\u4e2d\u6587" + CSI + "4;2H\u5b57");
        add("wide-erase", "\u4e2d\u6587\u5b57" + CSI + "1;2H" + CSI + "X" + "\n\u4e2d\u6587\u5b57" + CSI + "2;2H" + CSI + "P" + "\n\u4e2d\u6587\u5b57" + CSI + "3;2H" + CSI + "@");
        add("wide-wrap-small", "\u4e2d\u6587\u5b57\u7b26\u4e2d\u6587\u5b57\u7b26", 9, 4);
        add("emoji", "smile \ud83d\ude00 ok \u2764\ufe0f flag \ud83c\uddfa\ud83c\uddf8 end\n\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67 family");
        add("zwj-ascii", "a\u200db c\u200d\u00e9 d");
        add("combining", "e\u0301 a\u0308\u0304 n\u0303\n\u0301start x\u20dd\n\u4e2d\u0301wide");
        add("combining-many", "a" + "\u0301".repeat(12) + "b");
        add("combining-after-move", "abc" + CSI + "1;10H\u0301" + CSI + "2;1H\u0301x");
        add("unprintable", "a\u0378b\u0085c\ue000d\udbff\udfffe\u00adf\u200bg");
        addBytes("invalid-utf8", bytes("A\u00c3B", "\u00e4\u00c3\u00a9Z", "\u00ff\u00feC", "\u00c0\u00afD", "\u00ed\u00a0\u0080E",
                "\u00f4\u0090\u0080\u0080F", "\u00e0\u0080\u0080G", "\u0080\u0081\u009fH", "\u00e2\u0082\u00acI"), 80, 24);
        addBytes("c1-raw", bytes("a\u009b31mb\u0090c\u009dd\u009ce"), 80, 24);
        add("c0-misc", "a\u0000b\u0007c\u0005d\u007fe\u001cf");
        add("csi-colon-ignored", CSI + "5:1HA" + CSI + "3;4HB" + CSI + "2:3CC");
        add("csi-long-params", CSI + "0;".repeat(40) + "31mA" + CSI + "0m" + CSI + "1;2;3;4;5;6;7;8;9;1;2;3;4;5;6;7;8;9;1;2;3;4;5;6;32mB" + CSI + "m");
        add("csi-private-unknown", CSI + "?999h" + CSI + ">1;2mX" + CSI + "=5cY" + CSI + "?5WZ" + CSI + "1$pW");
        add("csi-interrupted", CSI + "31" + "\n" + "mA" + CSI + "3\u001b[4mB" + CSI + "0m");
        add("csi-ignore-state", CSI + "1;2?3mA" + CSI + "1 2mB");
        add("esc-unknown", E + "Zx" + E + "(Ay" + E + "#3z" + E + " Fw" + E + "%Gv");
        add("dcs-string", E + "P1;2|some data\u001b[31m more" + E + "\\" + "after" + E + "Pq#0;2;0;0;0#1~~" + E + "\\" + "z");
        add("sos-pm", E + "Xsos data" + E + "\\" + "a" + E + "^pm data" + E + "\\" + "b" + E + "kwinname" + E + "\\" + "c");
        add("deccolm", lines(5, "c") + CSI + "?3h" + "x");
        add("winops", CSI + "8;10;10t" + CSI + "1t" + CSI + "18t" + "w");
        add("queries-no-effect", CSI + "c" + CSI + ">c" + CSI + "5n" + CSI + "6n" + CSI + ">q" + "q");
        add("many-lines-history", lines(500, "history line "));
        add("history-limit", lines(10050, "L"), 20, 5);
        add("wrapped-join", "0123456789".repeat(25) + "\nshort\n" + "abcdefghij".repeat(9), 40, 10);
        add("wrapped-then-el", "0123456789".repeat(10) + CSI + "2;1H" + CSI + "2K" + "\n", 40, 10);
        add("resize-like-vim", CSI + "?1049h" + CSI + "1;23r" + CSI + "H" + CSI + "2J" + lines(22, "~") + CSI + "24;1H\"file\" 22L" + CSI + "1;1H" + CSI + "M" + CSI + "r" + CSI + "?1049l");
        add("cup-after-wide", "\u4e2d\u6587" + CSI + "1;2H" + "\u0301");
        for (int seed = 1; seed <= 12; seed++) {
            addBytes("random-" + seed, RandomSequences.generate(seed, 3000, true), seed % 3 == 0 ? 30 : 80, seed % 3 == 0 ? 8 : 24);
        }
        addBytes("random-long", RandomSequences.generate(4242, 60000, true), 80, 24);
        return CASES;
    }

    /** Each string's chars are bytes (ISO-8859-1). */
    static byte[] bytes(String... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (String p : parts) {
            byte[] b = p.getBytes(StandardCharsets.ISO_8859_1);
            o.write(b, 0, b.length);
            o.write('\n');
        }
        return o.toByteArray();
    }

    /** Sequences tmux 3.3a ignores but we implement (xterm behaviour); checked against tmux in strict mode. */
    static List<TmuxOracle.Case> strictOnly() {
        List<TmuxOracle.Case> l = new ArrayList<>();
        l.add(new TmuxOracle.Case("cht-hpr-vpr", (CSI + "2IA" + CSI + "5aB" + CSI + "3eC").getBytes(StandardCharsets.UTF_8), 80, 24));
        l.add(new TmuxOracle.Case("decstr-1048", ("x" + CSI + "4h" + CSI + "!py" + CSI + "5;5H" + CSI + "?1048hz" + CSI + "1;1H" + CSI + "?1048lw").getBytes(StandardCharsets.UTF_8), 80, 24));
        return l;
    }

    /** Random generator of terminal output, used by the differential and renderer property tests. */
    static final class RandomSequences {
        private RandomSequences() {}

        static byte[] generate(long seed, int ops, boolean allowAlt) {
            Random r = new Random(seed);
            StringBuilder sb = new StringBuilder();
            String[] words = {"hello", "world", "foo", "bar", "\u4e2d\u6587", "\u00e9t\u00e9", "x", "  ", "e\u0301",
                    "\ud83d\ude00", "\t", "lorem ipsum dolor sit amet"};
            for (int i = 0; i < ops; i++) {
                int k = r.nextInt(100);
                if (k < 30) sb.append(words[r.nextInt(words.length)]);
                else if (k < 38) sb.append('\n');
                else if (k < 40) sb.append('\r');
                else if (k < 50) sb.append(CSI).append(sgr(r)).append('m');
                else if (k < 60) sb.append(CSI).append(1 + r.nextInt(30)).append(';').append(1 + r.nextInt(90)).append('H');
                else if (k < 63) sb.append(CSI).append(r.nextInt(6)).append("ABCDEFG".charAt(r.nextInt(7)));
                else if (k < 66) sb.append(CSI).append(r.nextInt(3)).append(r.nextBoolean() ? 'J' : 'K');
                else if (k < 70) sb.append(CSI).append(r.nextInt(5)).append("@PXLMSTb".charAt(r.nextInt(8)));
                else if (k < 72) sb.append(CSI).append(1 + r.nextInt(10)).append(';').append(5 + r.nextInt(25)).append('r');
                else if (k < 73) sb.append(CSI).append('r');
                else if (k < 75) sb.append(E).append("78DEMH".charAt(r.nextInt(6)));
                else if (k < 77) sb.append(CSI).append(r.nextBoolean() ? "?7" : "?6").append(r.nextBoolean() ? 'h' : 'l');
                else if (k < 78) sb.append(CSI).append("4").append(r.nextBoolean() ? 'h' : 'l');
                else if (k < 80) sb.append(E).append(r.nextBoolean() ? "(0" : "(B");
                else if (k < 81) sb.append(r.nextBoolean() ? '\u000e' : '\u000f');
                else if (k < 82 && allowAlt) sb.append(CSI).append(r.nextBoolean() ? "?1049" : "?47").append(r.nextBoolean() ? 'h' : 'l');
                else if (k < 84) sb.append(CSI).append(r.nextBoolean() ? "?1" : "?2004").append(r.nextBoolean() ? 'h' : 'l');
                else if (k < 85) sb.append(CSI).append(r.nextBoolean() ? "?25" : "?1000").append(r.nextBoolean() ? 'h' : 'l');
                else if (k < 86) sb.append(E).append("]2;t").append(r.nextInt(100)).append('\u0007');
                else if (k < 87) sb.append('\b');
                else if (k < 88) sb.append(CSI).append(r.nextInt(3)).append('g');
                else if (k < 89) sb.append(E).append(r.nextBoolean() ? "=" : ">");
                else if (k < 90) sb.append(CSI).append(r.nextInt(4)).append('Z');
                else if (k < 95) {
                    for (int j = 0; j < 1 + r.nextInt(40); j++) sb.append((char) ('a' + r.nextInt(26)));
                } else if (k < 96) sb.append(CSI).append(r.nextInt(40)).append('d');
                else if (k < 97) sb.append(CSI).append(r.nextInt(90)).append('G');
                else if (k < 98) sb.append(CSI).append("s");
                else if (k < 99) sb.append(CSI).append("u");
                else sb.append(E).append("#8");
            }
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        }

        private static String sgr(Random r) {
            switch (r.nextInt(9)) {
                case 0: return "";
                case 1: return Integer.toString(r.nextInt(10));
                case 2: return Integer.toString(30 + r.nextInt(10));
                case 3: return Integer.toString(40 + r.nextInt(10));
                case 4: return "38;5;" + r.nextInt(256);
                case 5: return "48;2;" + r.nextInt(256) + ";" + r.nextInt(256) + ";" + r.nextInt(256);
                case 6: return (90 + r.nextInt(8)) + ";" + (100 + r.nextInt(8));
                case 7: return "4:" + r.nextInt(6);
                default: return Integer.toString(20 + r.nextInt(10));
            }
        }
    }
}
