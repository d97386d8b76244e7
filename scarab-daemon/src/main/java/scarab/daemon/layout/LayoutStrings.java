package scarab.daemon.layout;

import scarab.daemon.layout.Cell.Type;

/**
 * tmux 3.3a's layout strings (layout-custom.c): {@code csum,WxH,X,Y,ID} for a pane,
 * {@code WxH,X,Y{...}} for cells side by side and {@code WxH,X,Y[...]} for cells one above the
 * other, preceded by a 16-bit checksum of the rest in four hex digits.
 */
final class LayoutStrings {
    private LayoutStrings() {
    }

    /** layout_dump: the whole string with its checksum, as #{window_layout}. */
    static String dump(Cell root) {
        StringBuilder body = new StringBuilder();
        append(root, body);
        return String.format("%04x,%s", checksum(body), body);
    }

    private static void append(Cell lc, StringBuilder out) {
        out.append(Integer.toUnsignedString(lc.sx)).append('x').append(Integer.toUnsignedString(lc.sy))
                .append(',').append(lc.xoff).append(',').append(lc.yoff);
        if (lc.isLeaf()) {
            out.append(',').append(lc.paneId);
            return;
        }
        out.append(lc.type == Type.LEFT_RIGHT ? '{' : '[');
        for (int i = 0; i < lc.children.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            append(lc.children.get(i), out);
        }
        out.append(lc.type == Type.LEFT_RIGHT ? '}' : ']');
    }

    /** layout_checksum: rotate right by one and add each byte, in 16 bits. */
    static int checksum(CharSequence layout) {
        int csum = 0;
        for (int i = 0; i < layout.length(); i++) {
            csum = ((csum >> 1) + ((csum & 1) << 15)) & 0xffff;
            csum = (csum + (layout.charAt(i) & 0xff)) & 0xffff;
        }
        return csum;
    }

    /**
     * The tree a layout string describes, its checksum checked, with no panes assigned yet, or
     * null when it is not a layout (tmux's "invalid layout"). Numbers that do not fit an int
     * are refused here, where tmux would wrap them.
     */
    static Cell parse(String layout) {
        if (!checksumPrefix(layout)) {
            return null;
        }
        String body = layout.substring(5);
        if (Integer.parseInt(layout.substring(0, 4), 16) != checksum(body)) {
            return null;
        }
        Reader r = new Reader(body);
        Cell lc = construct(null, r);
        if (lc == null || !r.atEnd()) {
            return null;
        }
        return lc;
    }

    /** Four hex digits and a comma; tmux's sscanf is laxer but anything else fails its checksum. */
    private static boolean checksumPrefix(String layout) {
        if (layout.length() < 5 || layout.charAt(4) != ',') {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            if (Character.digit(layout.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static final class Reader {
        final String s;
        int pos;

        Reader(String s) {
            this.s = s;
        }

        char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        boolean digit() {
            char c = peek();
            return c >= '0' && c <= '9';
        }

        /** Digits as a number, or -1 if there are none or it does not fit an int. */
        long number() {
            int start = pos;
            while (digit()) {
                pos++;
            }
            if (pos == start || pos - start > 10) {
                return -1;
            }
            long v = Long.parseLong(s.substring(start, pos));
            return v > Integer.MAX_VALUE ? -1 : v;
        }

        boolean expect(char c) {
            if (peek() != c) {
                return false;
            }
            pos++;
            return true;
        }
    }

    /** layout_construct */
    private static Cell construct(Cell parent, Reader r) {
        long sx = r.number();
        if (sx < 0 || !r.expect('x')) {
            return null;
        }
        long sy = r.number();
        if (sy < 0 || !r.expect(',')) {
            return null;
        }
        long xoff = r.number();
        if (xoff < 0 || !r.expect(',')) {
            return null;
        }
        long yoff = r.number();
        if (yoff < 0) {
            return null;
        }
        if (r.peek() == ',') {
            int saved = r.pos;
            r.pos++;
            while (r.digit()) {
                r.pos++;
            }
            if (r.peek() == 'x') {
                r.pos = saved;
            }
        }
        Cell lc = new Cell(parent);
        lc.setSize((int) sx, (int) sy, (int) xoff, (int) yoff);
        switch (r.peek()) {
            case ',', '}', ']', '\0' -> {
                return lc;
            }
            case '{' -> lc.type = Type.LEFT_RIGHT;
            case '[' -> lc.type = Type.TOP_BOTTOM;
            default -> {
                return null;
            }
        }
        do {
            r.pos++;
            Cell child = construct(lc, r);
            if (child == null) {
                return null;
            }
            lc.children.add(child);
        } while (r.peek() == ',');
        if (!r.expect(lc.type == Type.LEFT_RIGHT ? '}' : ']')) {
            return null;
        }
        return lc;
    }

    /** layout_check: do the children of every node add up to it, borders included? */
    static boolean check(Cell lc) {
        if (lc.isLeaf()) {
            return true;
        }
        long n = 0;
        for (Cell c : lc.children) {
            if (lc.type == Type.LEFT_RIGHT ? c.sy != lc.sy : c.sx != lc.sx) {
                return false;
            }
            if (!check(c)) {
                return false;
            }
            n += (lc.type == Type.LEFT_RIGHT ? c.sx : c.sy) + 1L;
        }
        return n - 1 == (lc.type == Type.LEFT_RIGHT ? lc.sx : lc.sy);
    }

    /** layout_find_bottomright */
    static Cell bottomRight(Cell lc) {
        while (!lc.isLeaf()) {
            lc = lc.last();
        }
        return lc;
    }
}
