package scarab.daemon.terminal;

/**
 * Paul Williams' DEC/ANSI parser state machine (https://vt100.net/emu/dec_ansi_parser), adjusted where tmux 3.3a
 * differs observably: ':' is accepted in CSI parameters (sub-parameters), OSC/APC strings are dispatched whenever their
 * state is left (ST, BEL, CAN, SUB or a new ESC), DCS passthrough ends only with ESC \, and bytes 0x80-0xff are UTF-8
 * (decoded tmux-style in ground state, collected raw in strings, ignored elsewhere; C1 controls are not recognised).
 *
 * <p>Never throws on any input; allocation-free after construction. Not thread safe.
 */
public final class VtParser {
    static final int GROUND = 0, ESCAPE = 1, ESCAPE_INTERMEDIATE = 2, CSI_ENTRY = 3, CSI_PARAM = 4,
            CSI_INTERMEDIATE = 5, CSI_IGNORE = 6, DCS_ENTRY = 7, DCS_PARAM = 8, DCS_INTERMEDIATE = 9,
            DCS_PASSTHROUGH = 10, DCS_ESCAPE = 11, DCS_IGNORE = 12, OSC_STRING = 13, SOS_PM_STRING = 14,
            APC_STRING = 15;

    /** Maximum collected OSC/APC length in bytes; longer strings are flagged as overflowed (and ignored by Screen). */
    public static final int MAX_STRING = 4096;
    /** Maximum number of intermediate bytes (private markers included), like tmux; more discards the sequence. */
    public static final int MAX_INTERMEDIATES = 3;

    private final VtHandler handler;
    private final boolean replaceInvalid;
    private int state = GROUND;

    private final VtParams params = new VtParams();
    private boolean lastWasSemicolon;
    private int intermediates;
    private int nIntermediates;
    private boolean discard;

    private final byte[] str = new byte[MAX_STRING];
    private int strLen;
    private boolean strOverflow;
    private int strKind;

    // UTF-8 decoding state (tmux semantics)
    private int utf8Size, utf8Have, utf8Cp;
    private boolean utf8Bad;

    public VtParser(VtHandler handler) {
        this.handler = handler;
        this.replaceInvalid = handler.replaceInvalidUtf8();
    }

    /** Packs an intermediate string (e.g. "?" or " ") the way handlers receive it. */
    public static int intermediates(String s) {
        int v = 0;
        for (int i = 0; i < s.length() && i < 4; i++) v |= (s.charAt(i) & 0xff) << (8 * i);
        return v;
    }

    public void feed(byte[] data, int off, int len) {
        final int end = off + len;
        int i = off;
        while (i < end) {
            int b = data[i];
            if (state == GROUND && b >= 0x20 && b < 0x7f) {
                if (utf8Size != 0) utf8Invalid();
                int j = i + 1;
                while (j < end) {
                    int c = data[j];
                    if (c < 0x20 || c == 0x7f) break; // negative bytes (>= 0x80) are < 0x20 too
                    j++;
                }
                handler.printAscii(data, i, j - i);
                i = j;
                continue;
            }
            step(b & 0xff);
            i++;
        }
    }

    public void feed(byte[] data) { feed(data, 0, data.length); }

    /** True if the parser is in ground state with no partial UTF-8 character pending. */
    public boolean isGround() { return state == GROUND && utf8Size == 0; }

    private void step(int b) {
        // "anywhere" transitions
        if (b == 0x1b) {
            if (state != DCS_PASSTHROUGH && state != DCS_ESCAPE) {
                leaveState();
                enterEscape();
                return;
            }
        } else if (b == 0x18 || b == 0x1a) {
            if (state != DCS_PASSTHROUGH && state != DCS_ESCAPE) {
                leaveState();
                state = GROUND;
                handler.execute(b);
                return;
            }
        }
        switch (state) {
            case GROUND: ground(b); break;
            case ESCAPE: escape(b); break;
            case ESCAPE_INTERMEDIATE:
                if (b < 0x20) handler.execute(b);
                else if (b < 0x30) collect(b);
                else if (b < 0x7f) { state = GROUND; if (!discard) handler.escDispatch(intermediates, b); }
                break;
            case CSI_ENTRY:
                if (b < 0x20) handler.execute(b);
                else if (b < 0x30) { collect(b); state = CSI_INTERMEDIATE; }
                else if (b < 0x3c) { param(b); state = CSI_PARAM; }
                else if (b < 0x40) { collect(b); state = CSI_PARAM; }
                else if (b < 0x7f) csiDispatch(b);
                break;
            case CSI_PARAM:
                if (b < 0x20) handler.execute(b);
                else if (b < 0x30) { collect(b); state = CSI_INTERMEDIATE; }
                else if (b < 0x3c) param(b);
                else if (b < 0x40) state = CSI_IGNORE;
                else if (b < 0x7f) csiDispatch(b);
                break;
            case CSI_INTERMEDIATE:
                if (b < 0x20) handler.execute(b);
                else if (b < 0x30) collect(b);
                else if (b < 0x40) state = CSI_IGNORE;
                else if (b < 0x7f) csiDispatch(b);
                break;
            case CSI_IGNORE:
                if (b < 0x20) handler.execute(b);
                else if (b >= 0x40 && b < 0x7f) state = GROUND;
                break;
            case DCS_ENTRY:
                if (b < 0x20) break;
                else if (b < 0x30) { collect(b); state = DCS_INTERMEDIATE; }
                else if (b == 0x3a) state = DCS_IGNORE;
                else if (b < 0x3c) { param(b); state = DCS_PARAM; }
                else if (b < 0x40) { collect(b); state = DCS_PARAM; }
                else if (b < 0x7f) dcsHook(b);
                break;
            case DCS_PARAM:
                if (b < 0x20) break;
                else if (b < 0x30) { collect(b); state = DCS_INTERMEDIATE; }
                else if (b == 0x3a) state = DCS_IGNORE;
                else if (b < 0x3c) param(b);
                else if (b < 0x40) state = DCS_IGNORE;
                else if (b < 0x7f) dcsHook(b);
                break;
            case DCS_INTERMEDIATE:
                if (b < 0x20) break;
                else if (b < 0x30) collect(b);
                else if (b < 0x40) state = DCS_IGNORE;
                else if (b < 0x7f) dcsHook(b);
                break;
            case DCS_PASSTHROUGH:
                if (b == 0x1b) state = DCS_ESCAPE;
                else handler.dcsPut(b);
                break;
            case DCS_ESCAPE:
                if (b == '\\') { state = GROUND; handler.dcsUnhook(); }
                else { state = DCS_PASSTHROUGH; handler.dcsPut(b); }
                break;
            case DCS_IGNORE:
                break;
            case OSC_STRING:
                if (b == 0x07) { leaveState(); state = GROUND; }
                else if (b >= 0x20) strPut(b);
                break;
            case SOS_PM_STRING:
                break;
            case APC_STRING:
                if (b >= 0x20) strPut(b);
                break;
            default:
                state = GROUND;
        }
    }

    private void ground(int b) {
        if (b < 0x20) {
            if (utf8Size != 0) utf8Invalid();
            handler.execute(b);
        } else if (b < 0x7f) {
            if (utf8Size != 0) utf8Invalid();
            handler.print(b);
        } else if (b == 0x7f) {
            // DEL ignored
        } else {
            utf8Byte(b);
        }
    }

    private void escape(int b) {
        if (b < 0x20) { handler.execute(b); return; }
        if (b < 0x30) { collect(b); state = ESCAPE_INTERMEDIATE; return; }
        if (b >= 0x7f) return;
        switch (b) {
            case 'P':
                params.begin(); lastWasSemicolon = false; intermediates = 0; nIntermediates = 0; discard = false;
                state = DCS_ENTRY; return;
            case '[':
                params.begin(); lastWasSemicolon = false;
                state = CSI_ENTRY; return;
            case ']': startString(']'); state = OSC_STRING; return;
            case 'X': case '^': startString(b); state = SOS_PM_STRING; return;
            case '_': case 'k': startString(b); state = APC_STRING; return;
            default:
                state = GROUND;
                if (!discard) handler.escDispatch(intermediates, b);
        }
    }

    private void enterEscape() {
        if (utf8Size != 0) utf8Invalid();
        state = ESCAPE;
        intermediates = 0;
        nIntermediates = 0;
        discard = false;
    }

    /** Exit actions of string states (tmux dispatches OSC/APC whenever the state is left). */
    private void leaveState() {
        int s = state;
        if (s == OSC_STRING) {
            state = GROUND;
            handler.oscDispatch(str, strLen, strOverflow);
        } else if (s == APC_STRING || s == SOS_PM_STRING) {
            state = GROUND;
            handler.stringDispatch(strKind, str, s == SOS_PM_STRING ? 0 : strLen, strOverflow);
        }
    }

    private void startString(int kind) {
        strKind = kind;
        strLen = 0;
        strOverflow = false;
    }

    private void strPut(int b) {
        if (strLen < MAX_STRING) str[strLen++] = (byte) b;
        else strOverflow = true;
    }

    private void collect(int b) {
        if (nIntermediates >= MAX_INTERMEDIATES) { discard = true; return; }
        intermediates |= b << (8 * nIntermediates);
        nIntermediates++;
    }

    private void param(int b) {
        if (b == ';') { params.semicolon(); lastWasSemicolon = true; return; }
        lastWasSemicolon = false;
        if (b == ':') params.colon();
        else params.digit(b - '0');
    }

    private void csiDispatch(int b) {
        state = GROUND;
        params.finish(lastWasSemicolon);
        if (!discard) handler.csiDispatch(params, intermediates, b);
    }

    private void dcsHook(int b) {
        state = DCS_PASSTHROUGH;
        params.finish(lastWasSemicolon);
        handler.dcsHook(params, intermediates, b);
    }

    // ---- UTF-8 (tmux's utf8_open/utf8_append semantics) ----
    private void utf8Byte(int b) {
        if (utf8Size == 0) {
            if (b >= 0xc2 && b <= 0xdf) { utf8Size = 2; utf8Cp = b & 0x1f; }
            else if (b >= 0xe0 && b <= 0xef) { utf8Size = 3; utf8Cp = b & 0x0f; }
            else if (b >= 0xf0 && b <= 0xf4) { utf8Size = 4; utf8Cp = b & 0x07; }
            else { invalid(); return; }
            utf8Have = 1;
            utf8Bad = false;
            return;
        }
        if ((b & 0xc0) != 0x80) utf8Bad = true;
        utf8Cp = (utf8Cp << 6) | (b & 0x3f);
        if (++utf8Have < utf8Size) return;
        int size = utf8Size;
        int cp = utf8Cp;
        utf8Size = 0;
        if (utf8Bad
                || (size == 3 && cp < 0x800)
                || (size == 4 && (cp < 0x10000 || cp > 0x10ffff))
                || (cp >= 0xd800 && cp <= 0xdfff)) {
            invalid();
            return;
        }
        handler.print(cp);
    }

    /** Sequence interrupted by a non-continuation byte below 0x80. */
    private void utf8Invalid() {
        utf8Size = 0;
        invalid();
    }

    private void invalid() {
        if (replaceInvalid) handler.print(0xfffd);
    }
}
