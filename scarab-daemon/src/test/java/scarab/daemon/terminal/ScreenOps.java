package scarab.daemon.terminal;

import java.util.Random;

/** Random program output for the damage tests: text, moves, erases, scrolls, regions, the alternate screen. */
public final class ScreenOps {
    private static final String[] WORDS = {"alpha", "beta", "x", "中文", "e\u0301", "naïve", "0123456789", "😀", "\t"};
    private static final String[] SGR = {"0", "1", "7", "31", "42", "38;5;130", "48;2;1;2;3", "4"};

    private ScreenOps() {}

    /** One burst of output for a screen of {@code cols x rows}. */
    public static String random(Random r, int cols, int rows) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + r.nextInt(6);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(16)) {
                case 0, 1, 2, 3 -> text(r, sb, cols);
                case 4, 5 -> {
                    int lines = 1 + r.nextInt(rows + 2);
                    for (int k = 0; k < lines; k++) {
                        text(r, sb, cols);
                        sb.append("\r\n");
                    }
                }
                case 6 -> sb.append("\033[").append(1 + r.nextInt(rows)).append(';').append(1 + r.nextInt(cols)).append('H');
                case 7 -> sb.append("\033[").append(r.nextInt(3)).append('K');
                case 8 -> sb.append("\033[").append(r.nextInt(3)).append('J');
                case 9 -> sb.append("\033[").append(1 + r.nextInt(3)).append("LM".charAt(r.nextInt(2)));
                case 10 -> {
                    int top = 1 + r.nextInt(rows), bottom = top + r.nextInt(rows - top + 1);
                    sb.append("\033[").append(top).append(';').append(bottom).append('r');
                    sb.append("\033[").append(bottom).append(";1H");
                    for (int k = r.nextInt(4); k >= 0; k--) sb.append('\n');
                    sb.append("\033[r");
                }
                case 11 -> sb.append("\033[H\033M");
                case 12 -> sb.append("\033[").append(1 + r.nextInt(3)).append("ST".charAt(r.nextInt(2)));
                case 13 -> sb.append(r.nextBoolean() ? "\033[?1049h" : "\033[?1049l");
                case 14 -> sb.append("\033[").append(1 + r.nextInt(4)).append("@PX".charAt(r.nextInt(3)));
                default -> sb.append(r.nextBoolean() ? "\033[?25l" : "\033[?25h");
            }
        }
        return sb.toString();
    }

    private static void text(Random r, StringBuilder sb, int cols) {
        int len = r.nextInt(cols + 3);
        for (int done = 0; done < len; ) {
            if (r.nextInt(3) == 0) sb.append("\033[").append(SGR[r.nextInt(SGR.length)]).append('m');
            String w = WORDS[r.nextInt(WORDS.length)];
            sb.append(w).append(' ');
            done += w.length() + 1;
        }
    }
}
