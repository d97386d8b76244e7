package scarab.daemon.terminal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Hand-written escape-sequence cases, one feature each, plus seeded random mixes of them all. */
final class TortureCases {
    record Case(String name, int cols, int rows, byte[] bytes) {
        @Override
        public String toString() {
            return name + " " + cols + "x" + rows;
        }
    }

    private TortureCases() {}

    private static Case c(String name, int cols, int rows, String text) {
        return new Case(name, cols, rows, text.getBytes(StandardCharsets.UTF_8));
    }

    static List<Case> all() {
        List<Case> l = new ArrayList<>();
        StringBuilder numbers = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            numbers.append("line ").append(i).append('\n');
        }
        l.add(c("scrolling-into-history", 20, 6, numbers.toString()));
        l.add(c("autowrap-and-pending-wrap", 10, 4, "abcdefghijklmnopqrstuvwxyz\nabcdefghij\bX\nabcdefghij\r\nnext"));
        l.add(c("autowrap-off", 10, 3, "\033[?7labcdefghijklmnop\033[?7h\r\nwrap on again and on"));
        l.add(c("cursor-motion", 20, 8, "\033[5;5Hx\033[2Ay\033[3Bz\033[4Cw\033[10Dv\033[2Eu\033[Ft\033[12Gs\033[3d r\033[7`q"
                + "\033[99;99Hcorner\033[H\033[Ahome"));
        l.add(c("index-and-reverse-index", 10, 5, "a\033Db\033Ec\033M\033M\033M\033Md\033[5;1H\033D\033Dend"));
        l.add(c("tabs", 30, 4, "\tA\tB\n\033[3g\tC\r\n\033[5G\033H\033[15G\033H\r\tD\tE\r\n\033[4I*\033[2Z#\033[0g\r\t%"));
        l.add(c("scroll-region", 20, 8, "1\n2\n3\n4\n5\n6\n7\n8\033[3;6r\033[6;1H\nA\nB\nC\033[3;1H\033MR\033[r\033[8;1H\nfull"));
        l.add(c("scroll-region-su-sd", 20, 6, "a\nb\nc\nd\ne\nf\033[2;5r\033[2S\033[1T\033[r\033[3S"));
        l.add(c("origin-mode", 20, 8, "\033[3;6r\033[?6h\033[1;1Hin\033[9;1Hbottom\033[?6l\033[1;1Hout"));
        l.add(c("insert-delete-lines", 12, 8, "1\n2\n3\n4\n5\n6\n7\n8\033[3;1H\033[2L\033[6;3H\033[M\033[2;7r\033[3;1H\033[3M\033[r"));
        l.add(c("insert-delete-chars", 12, 4, "abcdefghijkl\r\033[3@XY\033[8G\033[2P\r\n0123456789\033[4G\033[3X\033[10G\033[5@"));
        l.add(c("erase-display", 12, 6, "aaaa\nbbbb\ncccc\ndddd\neeee\033[3;3H\033[J\033[2;2H\033[1J\033[1;4H\033[K"));
        l.add(c("erase-line", 12, 4, "abcdefghij\033[5G\033[K\r\nabcdefghij\033[5G\033[1K\r\nabcdefghij\033[5G\033[2Kx"));
        l.add(c("clear-screen-into-history", 12, 4, "one\ntwo\nthree\033[2Jcleared\033[H\033[Jagain"));
        l.add(c("ed3-clears-history", 12, 3, "1\n2\n3\n4\n5\n6\033[3Jkept"));
        l.add(c("rep", 20, 3, "ab\033[5bc\033[0b\r\n\033(0q\033[4b\033(B"));
        l.add(c("save-restore-cursor", 20, 5, "\033[2;3Hab\0337\033[4;10Hcd\0338ef\033[s\033[1;1Hgh\033[ujk\033[?1048h\033[5;1H\033[?1048lmn"));
        l.add(c("sgr-attributes", 40, 4, "\033[1mbold\033[22m \033[3mital\033[0m \033[4;31munder\033[24;39m \033[7mrev\033[27m"
                + " \033[38;5;196m256\033[38:2::10:20:30mrgb\033[38:2:1:2:3mrgb2\033[48;2;5;6;7mbg\033[m plain"));
        l.add(c("dec-special-graphics", 20, 4, "\033(0lqqqk\r\nx   x\r\nmqqqj\033(B done \016q\017q"));
        l.add(c("alternate-screen-1049", 20, 5, "main1\nmain2\033[?1049halt screen\033[3;3Hx\033[?1049lback"));
        l.add(c("alternate-screen-47", 20, 5, "main\033[?47halt\033[?47l after\033[?1047hx\033[?1047ly"));
        l.add(c("alternate-screen-history", 20, 3, "a\nb\nc\nd\033[?1049h1\n2\n3\n4\n5\033[?1049le"));
        l.add(c("wide-chars", 10, 5, "中文字符\r\n123456789中x\r\n12345678中\r\nab中\033[3Dz\r\n\033[5;9H中"));
        l.add(c("emoji", 12, 4, "smile 😀 ok\r\n1234567890😀\r\nflags 🇫🇷 x"));
        l.add(c("combining", 12, 4, "e\u0301 a\u0308\u0323 x\u200bz\r\n\u0301start 中\u0301end"));
        l.add(c("invalid-utf8", 20, 3, "a\u0000b".replace("\u0000", "")));
        l.add(new Case("invalid-utf8-bytes", 20, 3, new byte[] {'A', (byte) 0xe4, (byte) 0xb8, 'X', 'B', (byte) 0x80, 'C',
                (byte) 0xc3, '(', 'D', (byte) 0xc2, (byte) 0x9b, 'E', (byte) 0xff, 'F', (byte) 0xf4, (byte) 0x90,
                (byte) 0x80, (byte) 0x80, 'G', (byte) 0xc0, (byte) 0xaf, 'H'}));
        l.add(c("c0-controls", 20, 3, "a\u0001b\u0007c\u007fd\u0000e\u001b[1;1H\u0005f"));
        l.add(c("osc-title-and-strings", 20, 3, "\033]0;my title\007a\033]2;other\033\\b\033P1$qm\033\\c\033_apc\033\\d"
                + "\033^pm\033\\e\033Xsos\033\\f\033]8;;http://x\033\\link\033]8;;\033\\"));
        l.add(c("cancelled-sequences", 20, 3, "a\033[12\u0018b\033[3\u001ac\033]0;x\u0018d"));
        l.add(c("decaln", 8, 4, "\033[2;3r\033#8\033[2;2Hx"));
        l.add(c("ris", 12, 4, "junk\033[?7l\033[5;6r\033c\tafter reset\033[3;1Habcdefghijklmno"));
        l.add(c("cursor-keys-mode-noop", 12, 3, "\033[?1h\033=\033[?2004h\033[?1000h\033[?1006hvisible\033[?25l"));
        l.add(c("backspace-reverse-wrap", 10, 4, "abcdefghijkl\r\033[A\033[B\b\bZ"));
        l.add(c("long-lines-history", 8, 3, "a very long line that wraps several times over\nshort\nanother long line to wrap"));
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            log.append("\033[32m2026-11-25\033[0m \033[1;34mINFO\033[0m request ").append(i).append(" took ")
                    .append(i * 7 % 100).append("ms\n");
        }
        l.add(c("colored-log", 50, 10, log.toString()));
        Random r = new Random(42);
        for (int i = 0; i < 12; i++) {
            l.add(random("random-" + i, r));
        }
        return l;
    }

    private static final String[] PIECES = {
        "hello", "world ", "中", "😀", "e\u0301", "\r\n", "\n", "\r", "\b", "\t", "\033[A", "\033[B", "\033[C", "\033[D",
        "\033[2;3H", "\033[K", "\033[1K", "\033[2K", "\033[J", "\033[1J", "\033[3@", "\033[2P", "\033[2X", "\033[L",
        "\033[M", "\033[2;5r", "\033[r", "\033M", "\033D", "\033E", "\0337", "\0338", "\033[1;31m", "\033[0m",
        "\033[?7l", "\033[?7h", "\033[4h", "\033[4l", "\033[S", "\033[T", "\033(0lqk\033(B", "\033[3b", "\033[10G",
        "\033[5d", "\033[?6h", "\033[?6l", "\033[2I", "\033[Z", "\033H", "\033[g", "abcdefghijklmnopqrstuvwxyz",
        "\033[?1049h", "\033[?1049l", "\033[99C", "\033[99B",
    };

    /** Prints the pieces of the random cases, one per line, for DiffMinimizer. */
    public static void main(String[] args) {
        java.io.PrintStream out = new java.io.PrintStream(System.out, true, StandardCharsets.UTF_8);
        Random r = new Random(42);
        int want = Integer.parseInt(args[0]);
        for (int i = 0; i <= want; i++) {
            List<String> pieces = pieces(r);
            int cols = 10 + r.nextInt(30);
            int rows = 4 + r.nextInt(10);
            if (i == want) {
                out.println(cols + " " + rows);
                for (String p : pieces) {
                    out.println(p.replace("\033", "\\033").replace("\n", "\\n").replace("\r", "\\r")
                            .replace("\b", "\\b").replace("\t", "\\t"));
                }
            }
        }
    }

    private static List<String> pieces(Random r) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            l.add(PIECES[r.nextInt(PIECES.length)]);
        }
        l.add("\033[?1049l\033[?6l\033[r");
        return l;
    }

    private static Case random(String name, Random r) {
        StringBuilder b = new StringBuilder();
        for (String p : pieces(r)) {
            b.append(p);
        }
        return c(name, 10 + r.nextInt(30), 4 + r.nextInt(10), b.toString());
    }
}
