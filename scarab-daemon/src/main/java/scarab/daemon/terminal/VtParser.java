package scarab.daemon.terminal;

/**
 * The DEC/ANSI escape sequence state machine of Paul Williams' VT500 diagram
 * (https://vt100.net/emu/dec_ansi_parser), with UTF-8 decoding in the ground state.
 *
 * <p>States: GROUND, ESCAPE, ESCAPE_INTERMEDIATE, CSI_ENTRY, CSI_PARAM, CSI_INTERMEDIATE,
 * CSI_IGNORE, OSC_STRING, DCS_ENTRY, DCS_PARAM, DCS_INTERMEDIATE, DCS_PASSTHROUGH, DCS_IGNORE,
 * SOS_PM_APC_STRING. "Anywhere" transitions: CAN and SUB abort a sequence, ESC starts a new one.
 *
 * <p>Total and bounded (as vte): parameters are capped ({@link Params}), at most two
 * intermediates are kept, an OSC string is capped at {@link #MAX_OSC} bytes; past a cap the
 * sequence is marked ignored, never thrown. A UTF-8 character split across {@link #feed} calls
 * is completed by the next call; invalid bytes become U+FFFD. As in tmux, 8-bit C1 controls are
 * not recognised in UTF-8 text: bytes 0x80-0x9F are (invalid) UTF-8.
 */
public final class VtParser {
    static final int MAX_OSC = 4096;

    private static final int GROUND = 0;
    private static final int ESCAPE = 1;
    private static final int ESCAPE_INTERMEDIATE = 2;
    private static final int CSI_ENTRY = 3;
    private static final int CSI_PARAM = 4;
    private static final int CSI_INTERMEDIATE = 5;
    private static final int CSI_IGNORE = 6;
    private static final int OSC_STRING = 7;
    private static final int DCS_ENTRY = 8;
    private static final int DCS_PARAM = 9;
    private static final int DCS_INTERMEDIATE = 10;
    private static final int DCS_PASSTHROUGH = 11;
    private static final int DCS_IGNORE = 12;
    private static final int SOS_PM_APC_STRING = 13;

    private final VtHandler handler;
    private final Params params = new Params();
    private final byte[] osc = new byte[MAX_OSC];
    private int oscLength;
    private int state = GROUND;
    private int intermediates;
    private int intermediateCount;
    /** Set when a string state saw ESC: the next byte decides whether it was ST. */
    private boolean stringEscape;

    // UTF-8 decoding state (ground only)
    private int utf8Code;
    private int utf8Needed;
    private int utf8Min;

    public VtParser(VtHandler handler) {
        this.handler = handler;
    }

    public void feed(byte[] data, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end) {
            int b = data[i] & 0xff;
            if (state == GROUND && utf8Needed == 0 && b >= 0x20 && b < 0x7f) {
                int run = i + 1;
                while (run < end && data[run] >= 0x20 && data[run] < 0x7f) {
                    run++;
                }
                handler.printAscii(data, i, run - i);
                i = run;
                continue;
            }
            advance(b);
            i++;
        }
    }

    private void advance(int b) {
        if (state == GROUND) {
            ground(b);
            return;
        }
        if (state == OSC_STRING || state == DCS_PASSTHROUGH || state == DCS_IGNORE || state == SOS_PM_APC_STRING) {
            string(b);
            return;
        }
        // "Anywhere" transitions for the sequence states.
        if (b == 0x18 || b == 0x1a) {
            handler.execute(b);
            state = GROUND;
            return;
        }
        if (b == 0x1b) {
            enterEscape();
            return;
        }
        switch (state) {
            case ESCAPE -> escape(b);
            case ESCAPE_INTERMEDIATE -> escapeIntermediate(b);
            case CSI_ENTRY, CSI_PARAM -> csiParam(b);
            case CSI_INTERMEDIATE -> csiIntermediate(b);
            case CSI_IGNORE -> csiIgnore(b);
            case DCS_ENTRY, DCS_PARAM -> dcsParam(b);
            case DCS_INTERMEDIATE -> dcsIntermediate(b);
            default -> state = GROUND;
        }
    }

    // ---- ground and UTF-8 -------------------------------------------------------------------

    private void ground(int b) {
        if (utf8Needed > 0) {
            if ((b & 0xc0) == 0x80) {
                utf8Code = (utf8Code << 6) | (b & 0x3f);
                if (--utf8Needed == 0) {
                    int cp = utf8Code;
                    if (cp < utf8Min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
                        handler.invalidUtf8();
                    } else {
                        handler.print(cp);
                    }
                }
                return;
            }
            // A broken sequence: one replacement character, then this byte afresh.
            utf8Needed = 0;
            handler.invalidUtf8();
        }
        if (b < 0x20) {
            if (b == 0x1b) {
                enterEscape();
            } else {
                handler.execute(b);
            }
        } else if (b < 0x7f) {
            handler.print(b);
        } else if (b == 0x7f) {
            // DEL is ignored in ground.
        } else if (b >= 0xc2 && b <= 0xdf) {
            start(b & 0x1f, 1, 0x80);
        } else if (b >= 0xe0 && b <= 0xef) {
            start(b & 0x0f, 2, 0x800);
        } else if (b >= 0xf0 && b <= 0xf4) {
            start(b & 0x07, 3, 0x10000);
        } else {
            handler.invalidUtf8();
        }
    }

    private void start(int bits, int needed, int min) {
        utf8Code = bits;
        utf8Needed = needed;
        utf8Min = min;
    }

    // ---- escape -----------------------------------------------------------------------------

    private void enterEscape() {
        if (utf8Needed > 0) {
            utf8Needed = 0;
            handler.invalidUtf8();
        }
        state = ESCAPE;
        intermediates = 0;
        intermediateCount = 0;
        params.clear();
    }

    private void collect(int b) {
        if (intermediateCount < 2) {
            intermediates = (intermediates << 8) | b;
        }
        intermediateCount++;
    }

    private void escape(int b) {
        if (b < 0x20) {
            handler.execute(b);
        } else if (b <= 0x2f) {
            collect(b);
            state = ESCAPE_INTERMEDIATE;
        } else if (b == '[') {
            state = CSI_ENTRY;
        } else if (b == ']') {
            oscLength = 0;
            stringEscape = false;
            state = OSC_STRING;
        } else if (b == 'P') {
            state = DCS_ENTRY;
        } else if (b == 'X' || b == '^' || b == '_') {
            stringEscape = false;
            state = SOS_PM_APC_STRING;
        } else if (b <= 0x7e) {
            handler.escDispatch(intermediates, b);
            state = GROUND;
        }
        // 0x7f: ignored
    }

    private void escapeIntermediate(int b) {
        if (b < 0x20) {
            handler.execute(b);
        } else if (b <= 0x2f) {
            collect(b);
        } else if (b <= 0x7e) {
            if (intermediateCount <= 2) {
                handler.escDispatch(intermediates, b);
            }
            state = GROUND;
        }
    }

    // ---- CSI --------------------------------------------------------------------------------

    private void csiParam(int b) {
        if (b < 0x20) {
            handler.execute(b);
        } else if (b >= '0' && b <= '9') {
            params.digit(b - '0');
            state = CSI_PARAM;
        } else if (b == ';' || b == ':') {
            if (params.count() == 0) {
                params.start(false); // the empty first parameter
            }
            params.start(b == ':');
            state = CSI_PARAM;
        } else if (b >= '<' && b <= '?') {
            if (state == CSI_ENTRY) {
                collect(b); // private marker
            } else {
                state = CSI_IGNORE;
            }
        } else if (b <= 0x2f) {
            collect(b);
            state = CSI_INTERMEDIATE;
        } else if (b <= 0x7e) {
            dispatchCsi(b);
        }
    }

    private void csiIntermediate(int b) {
        if (b < 0x20) {
            handler.execute(b);
        } else if (b <= 0x2f) {
            collect(b);
        } else if (b <= 0x3f) {
            state = CSI_IGNORE;
        } else if (b <= 0x7e) {
            dispatchCsi(b);
        }
    }

    private void csiIgnore(int b) {
        if (b < 0x20) {
            handler.execute(b);
        } else if (b >= 0x40 && b <= 0x7e) {
            state = GROUND;
        }
    }

    private void dispatchCsi(int finalByte) {
        handler.csiDispatch(params, intermediates, finalByte, params.overflowed() || intermediateCount > 2);
        state = GROUND;
    }

    // ---- DCS --------------------------------------------------------------------------------

    private void dcsParam(int b) {
        if (b < 0x20) {
            return; // ignored in DCS entry/param
        }
        if (b >= '0' && b <= '9') {
            params.digit(b - '0');
            state = DCS_PARAM;
        } else if (b == ';' || b == ':') {
            if (params.count() == 0) {
                params.start(false);
            }
            params.start(b == ':');
            state = DCS_PARAM;
        } else if (b >= '<' && b <= '?') {
            if (state == DCS_ENTRY) {
                collect(b);
            } else {
                stringEscape = false;
                state = DCS_IGNORE;
            }
        } else if (b <= 0x2f) {
            collect(b);
            state = DCS_INTERMEDIATE;
        } else if (b <= 0x7e) {
            hook(b);
        }
    }

    private void dcsIntermediate(int b) {
        if (b < 0x20) {
            return;
        }
        if (b <= 0x2f) {
            collect(b);
        } else if (b <= 0x3f) {
            stringEscape = false;
            state = DCS_IGNORE;
        } else if (b <= 0x7e) {
            hook(b);
        }
    }

    private void hook(int finalByte) {
        handler.dcsHook(params, intermediates, finalByte);
        stringEscape = false;
        state = DCS_PASSTHROUGH;
    }

    // ---- strings: OSC, DCS passthrough, SOS/PM/APC --------------------------------------------

    /**
     * Strings end with ST ({@code ESC \}) or BEL (xterm's OSC terminator, accepted for all, as
     * tmux does); CAN and SUB abort them. An ESC followed by anything but {@code \} ends the
     * string and starts a new escape sequence.
     */
    private void string(int b) {
        if (stringEscape) {
            stringEscape = false;
            endString();
            if (b == '\\') {
                state = GROUND;
                return;
            }
            enterEscape();
            advance(b);
            return;
        }
        if (b == 0x1b) {
            stringEscape = true;
            return;
        }
        if (b == 0x07) {
            endString();
            state = GROUND;
            return;
        }
        if (b == 0x18 || b == 0x1a) {
            if (state == DCS_PASSTHROUGH) {
                handler.dcsUnhook();
            }
            state = GROUND;
            return;
        }
        switch (state) {
            case OSC_STRING -> {
                if (oscLength < MAX_OSC) {
                    osc[oscLength++] = (byte) b;
                } else {
                    oscLength = MAX_OSC + 1; // too long: dropped at the end
                }
            }
            case DCS_PASSTHROUGH -> handler.dcsPut(b);
            default -> {
                // DCS ignore and SOS/PM/APC: consumed silently
            }
        }
    }

    private void endString() {
        if (state == OSC_STRING) {
            if (oscLength <= MAX_OSC) {
                handler.oscDispatch(osc, oscLength);
            }
        } else if (state == DCS_PASSTHROUGH) {
            handler.dcsUnhook();
        }
    }
}
