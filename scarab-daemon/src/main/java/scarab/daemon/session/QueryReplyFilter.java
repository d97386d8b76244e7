package scarab.daemon.session;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Takes out of one client's input the answers its own terminal gives to the queries a program
 * writes. A client that gets the program's raw output passes the queries to its terminal, which
 * answers them as typed input; Scarab's emulator has already answered the program, so without this
 * the program would get every answer twice (tmux's tty-keys.c swallows the same replies).
 *
 * <p>Only answers to the queries the emulator itself answers are taken out: primary and secondary
 * device attributes ({@code CSI ? ... c}, {@code CSI > ... c}), status ({@code CSI 0 n}), mode
 * reports ({@code CSI ? ... $ y}, {@code CSI ... $ y}), the window size ({@code CSI 8 ; r ; c t}),
 * the terminal's version ({@code DCS > | ... ST}) and cursor position reports. No key is sent in
 * those forms except the cursor position report, which looks like a modified F3 ({@code CSI 1 ; 2 R}
 * is Shift-F3): one is taken out only while the terminal owes one (the emulator answered a cursor
 * position query in the output this client was sent).
 *
 * <p>A reply cut in two by the end of a read is held until the next read. Fewer than three bytes
 * are not held: a lone ESC, {@code ESC [} and {@code ESC P} at the end of a read are the keys
 * Escape, Alt-[ and Alt-P, which nothing may follow soon.
 * {@link #filter} is called by one thread (the one that reads this client's keys);
 * {@link #expectPositionReports} by the poller.
 */
final class QueryReplyFilter {
    private static final int ESC = 0x1b;
    /** Longer than any reply of the kinds above: a longer sequence is not one of them. */
    private static final int MAX_REPLY = 256;
    /** A terminal that never answers must not leave Shift-F3 swallowed for long: owed reports are capped. */
    private static final int MAX_OWED = 16;
    private static final int NOT_A_REPLY = 0;
    private static final int INCOMPLETE = -1;

    private final AtomicInteger owedPositions = new AtomicInteger();
    private byte[] held = new byte[0];

    /** The client's terminal was sent {@code n} more cursor position queries (it will answer each). */
    void expectPositionReports(int n) {
        if (n > 0) {
            owedPositions.updateAndGet(owed -> Math.min(MAX_OWED, owed + n));
        }
    }

    /** The input without the terminal's replies (possibly empty). */
    byte[] filter(byte[] data) {
        byte[] in = data;
        if (held.length > 0) {
            in = Arrays.copyOf(held, held.length + data.length);
            System.arraycopy(data, 0, in, held.length, data.length);
            held = new byte[0];
        }
        ByteArrayOutputStream out = null;
        int copied = 0;
        for (int i = 0; i < in.length; i++) {
            if (in[i] != ESC) {
                continue;
            }
            int n = replyLength(in, i, in.length);
            if (n == INCOMPLETE) {
                if (in.length - i > 2) {
                    out = copyTo(out, in, copied, i);
                    held = Arrays.copyOfRange(in, i, in.length);
                    return out.toByteArray();
                }
                break;
            }
            if (n > 0) {
                out = copyTo(out, in, copied, i);
                copied = i + n;
                i += n - 1;
            }
        }
        if (out == null) {
            return in;
        }
        out.write(in, copied, in.length - copied);
        return out.toByteArray();
    }

    /** How many cursor position reports {@code replies} (the emulator's answers) holds. */
    static int positionReports(byte[] replies) {
        int count = 0;
        for (int i = 0; i < replies.length; i++) {
            if (replies[i] == ESC && isPositionReport(replies, i, replies.length)) {
                count++;
            }
        }
        return count;
    }

    private static ByteArrayOutputStream copyTo(ByteArrayOutputStream out, byte[] in, int from, int to) {
        ByteArrayOutputStream o = out != null ? out : new ByteArrayOutputStream(in.length);
        o.write(in, from, to - from);
        return o;
    }

    private static boolean isPositionReport(byte[] b, int at, int end) {
        int n = csiEnd(b, at, end);
        return n > 0 && b[at + n - 1] == 'R' && b[at + 2] != '?' && b[at + 2] != '>' && parameterCount(b, at + 2, at + n - 1) == 2;
    }

    /**
     * The length of the reply starting at {@code at} (an ESC) to take out, {@link #NOT_A_REPLY}, or
     * {@link #INCOMPLETE} when the input ends inside what may still become one.
     */
    private int replyLength(byte[] b, int at, int end) {
        if (at + 1 >= end) {
            return INCOMPLETE;
        }
        if (b[at + 1] == '[') {
            int n = csiEnd(b, at, end);
            if (n <= 0) {
                return n;
            }
            return isSwallowedCsi(b, at, n) ? n : NOT_A_REPLY;
        }
        if (b[at + 1] == 'P') {
            return versionReplyLength(b, at, end);
        }
        return NOT_A_REPLY;
    }

    /** The length of the CSI sequence at {@code at}, 0 if it is not one a reply could be, or INCOMPLETE. */
    private static int csiEnd(byte[] b, int at, int end) {
        int i = at + 2;
        if (i >= end) {
            return INCOMPLETE;
        }
        if (b[i] == '?' || b[i] == '>') {
            i++;
        }
        for (; i < end && i - at < MAX_REPLY; i++) {
            int c = b[i] & 0xff;
            if ((c >= '0' && c <= '9') || c == ';' || c == ':' || c == '$') {
                continue;
            }
            return c >= 0x40 && c <= 0x7e ? i - at + 1 : NOT_A_REPLY;
        }
        return i - at >= MAX_REPLY ? NOT_A_REPLY : INCOMPLETE;
    }

    private boolean isSwallowedCsi(byte[] b, int at, int n) {
        byte lead = b[at + 2];
        byte fin = b[at + n - 1];
        boolean dollar = n >= 4 && b[at + n - 2] == '$';
        if (fin == 'c') {
            return lead == '?' || lead == '>';
        }
        if (fin == 'y') {
            return dollar;
        }
        if (lead == '?' || lead == '>') {
            return false;
        }
        String params = new String(b, at + 2, n - 3, java.nio.charset.StandardCharsets.US_ASCII);
        switch (fin) {
            case 'n':
                return params.equals("0") || params.equals("3");
            case 't':
                return params.startsWith("8;") && parameterCount(b, at + 2, at + n - 1) == 3;
            case 'R':
                if (parameterCount(b, at + 2, at + n - 1) != 2) {
                    return false;
                }
                while (true) {
                    int owed = owedPositions.get();
                    if (owed == 0) {
                        return false;
                    }
                    if (owedPositions.compareAndSet(owed, owed - 1)) {
                        return true;
                    }
                }
            default:
                return false;
        }
    }

    private static int parameterCount(byte[] b, int from, int to) {
        if (from >= to) {
            return 0;
        }
        int count = 1;
        for (int i = from; i < to; i++) {
            if (b[i] == ';') {
                count++;
            } else if (b[i] < '0' || b[i] > '9') {
                return -1;
            }
        }
        return count;
    }

    /** XTVERSION's answer, {@code DCS > | text ST}: its length, NOT_A_REPLY or INCOMPLETE. */
    private static int versionReplyLength(byte[] b, int at, int end) {
        if (at + 2 >= end) {
            return INCOMPLETE;
        }
        if (b[at + 2] != '>') {
            return NOT_A_REPLY;
        }
        if (at + 3 >= end) {
            return INCOMPLETE;
        }
        if (b[at + 3] != '|') {
            return NOT_A_REPLY;
        }
        for (int i = at + 4; i < end && i - at < MAX_REPLY; i++) {
            if (b[i] == ESC) {
                if (i + 1 >= end) {
                    return INCOMPLETE;
                }
                return b[i + 1] == '\\' ? i + 2 - at : NOT_A_REPLY;
            }
            if (b[i] == 0x07) {
                return i + 1 - at;
            }
        }
        return end - at >= MAX_REPLY ? NOT_A_REPLY : INCOMPLETE;
    }
}
