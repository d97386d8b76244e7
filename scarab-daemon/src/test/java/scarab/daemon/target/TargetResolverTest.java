package scarab.daemon.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scarab.daemon.UserError;
import scarab.protocol.command.Caller;
import scarab.protocol.command.TargetKind;

/**
 * The resolver against a fake model, with cmd-find.c's semantics (checked by hand against tmux
 * 3.3a where the two agree; where Scarab differs, the test says why).
 */
class TargetResolverTest {
    private FakeModel model;
    private TargetResolver resolver;
    private FakeModel.S work;
    private FakeModel.S other;
    private FakeModel.S dotted;

    private static final Caller OUTSIDE = Caller.NOBODY;

    @BeforeEach
    void world() {
        model = new FakeModel();
        // work: $0, windows 0 "shell" (@0: %0 %1), 1 "editor" (@1: %2 %3), 2 "editor2" (@2: %4 %5), 5 "logs" (@3: %6 %7)
        work = model.session("work", 2, 0, "shell", 1, "editor", 2, "editor2", 5, "logs");
        // other: $1, window 0 "shell" (@4: %8 %9)
        other = model.session("other", 2, 0, "shell");
        // api.v2: $2, window 0 "main" (@5: %10 %11)
        dotted = model.session("api.v2", 2, 0, "main");
        model.recent = work;
        work.current = (FakeModel.W) work.windows.get(2);
        work.last = (FakeModel.W) work.windows.get(1);
        FakeModel.W w = (FakeModel.W) work.windows.get(2);
        w.active = (FakeModel.P) w.panes.get(1);
        w.last = (FakeModel.P) w.panes.get(0);
        resolver = new TargetResolver(model);
    }

    /** session:index.paneIndex %id of what {@code raw} resolves to. */
    private String at(String raw, TargetKind kind, Caller caller) {
        Target t = resolver.resolve(raw, kind, caller);
        return t.session().name() + ":" + t.window().index() + "." + t.pane().index() + " %" + t.pane().id();
    }

    private String pane(String raw) {
        return at(raw, TargetKind.PANE, OUTSIDE);
    }

    private String error(String raw, TargetKind kind) {
        UserError e = assertThrows(UserError.class, () -> resolver.resolve(raw, kind, OUTSIDE), raw);
        return e.code() + ": " + e.getMessage();
    }

    @Test
    void blanksComeFromTheMostRecentSessionOutsideAnyPane() {
        assertEquals("work:2.1 %5", pane(null));
        assertEquals("work:2.1 %5", pane(""));
        assertEquals("work:2.1 %5", pane("work"));
        assertEquals("work:1.0 %2", pane(":1"));
        assertEquals("work:2.0 %4", pane(".0"));
        assertEquals("work:2.0 %4", pane("0"), "a bare word of a pane target is a pane index first");
        assertEquals("work:0.0 %0", at("0", TargetKind.WINDOW, OUTSIDE));
    }

    @Test
    void blanksComeFromTheCallersOwnPane() {
        Caller inOther = new Caller("/", "%9", null);
        assertEquals("other:0.1 %9", at(null, TargetKind.PANE, inOther));
        assertEquals("other:0.0 %8", at(".0", TargetKind.PANE, inOther));
        assertEquals("work:1.0 %2", at("work:1", TargetKind.PANE, inOther));
        Caller inBackgroundPane = new Caller("/", "%6", null);
        assertEquals("work:5.0 %6", at(null, TargetKind.PANE, inBackgroundPane),
                "the caller's pane itself, not its session's current window (tmux's choice)");
        assertEquals("work:2.1 %5", at(null, TargetKind.PANE, new Caller("/", "%99", null)),
                "a pane that is gone: the most recent session");
    }

    @Test
    void sessions() {
        assertEquals("other:0.0 %8", at("other", TargetKind.SESSION, OUTSIDE));
        assertEquals("other:0.0 %8", at("oth", TargetKind.SESSION, OUTSIDE));
        assertEquals("other:0.0 %8", at("$1", TargetKind.PANE, OUTSIDE));
        assertEquals("other:0.0 %8", at("o*r", TargetKind.SESSION, OUTSIDE));
        assertEquals("other:0.0 %8", pane("other:"));
        assertEquals("not-found: can't find session: oth", error("=oth", TargetKind.SESSION));
        assertEquals("not-found: can't find session: $9", error("$9", TargetKind.SESSION));
        assertEquals("not-found: can't find session: nosuch", error("nosuch", TargetKind.SESSION));
        model.session("worker", 1, 0, "x");
        assertEquals("ambiguous: can't find session: wor", error("wor", TargetKind.SESSION));
        assertEquals("work:2.1 %5", at("work", TargetKind.SESSION, OUTSIDE), "an exact name beats a prefix");
    }

    @Test
    void aSessionNameWithAPeriodIsFoundWhole() {
        assertEquals("api.v2:0.0 %10", pane("api.v2"));
        assertEquals("api.v2:0.0 %10", at("api.v2", TargetKind.SESSION, OUTSIDE));
        assertEquals("api.v2:0.1 %11", pane("api.v2:0.1"));
        assertEquals("not-found: can't find pane: v", error("api.v", TargetKind.PANE),
                "window api: none, so a session (api.v2, by prefix), which has no pane v");
    }

    @Test
    void windowsByIndexNameAndPrefix() {
        assertEquals("work:5.0 %6", pane("work:5"));
        assertEquals("work:5.0 %6", pane("work:logs"));
        assertEquals("work:5.0 %6", pane("work:lo"));
        assertEquals("work:5.0 %6", pane("work:l?gs"));
        assertEquals("work:1.0 %2", pane("work:editor"), "an exact name beats being a prefix of editor2");
        assertEquals("work:1.0 %2", pane("work:=editor"));
        assertEquals("ambiguous: can't find window: edit", error("work:edit", TargetKind.PANE));
        assertEquals("not-found: can't find window: =edit".replace("=", ""), error("work:=edit", TargetKind.PANE));
        assertEquals("not-found: can't find window: 9", error("work:9", TargetKind.PANE));
        assertEquals("not-found: can't find window: zz", error("work:zz", TargetKind.PANE));
        assertEquals("work:5.1 %7", pane("work:logs.1"));
        assertEquals("work:1.0 %2", at("@1", TargetKind.SESSION, OUTSIDE));
        assertEquals("not-found: can't find window: @4", error("work:@4", TargetKind.PANE), "@4 is other's");
        assertEquals("other:0.0 %8", pane("@4"));
        assertEquals("other:0.0 %8", at("other", TargetKind.WINDOW, OUTSIDE), "no such window: a session");
    }

    @Test
    void windowTokens() {
        // current is index 2, last is 1; indexes 0 1 2 5
        assertEquals("work:1.0 %2", pane("work:!"));
        assertEquals("work:1.0 %2", pane("work:{last}"));
        assertEquals("work:5.0 %6", pane("work:+"));
        assertEquals("work:5.0 %6", pane("work:{next}"));
        assertEquals("work:0.0 %0", pane("work:+2"), "wrapping round");
        assertEquals("work:1.0 %2", pane("work:-"));
        assertEquals("work:0.0 %0", pane("work:-2"));
        assertEquals("work:5.0 %6", pane("work:-3"));
        assertEquals("work:0.0 %0", pane("work:^"));
        assertEquals("work:0.0 %0", pane("work:{start}"));
        assertEquals("work:5.0 %6", pane("work:$"));
        assertEquals("work:5.0 %6", pane("work:{end}"));
        assertEquals("work:5.0 %6", at("+", TargetKind.WINDOW, OUTSIDE));
        assertEquals("not-found: can't find window: !", error("other:!", TargetKind.PANE), "other has no last window");
    }

    @Test
    void panes() {
        assertEquals("work:2.1 %5", pane("work:2.1"));
        assertEquals("work:2.0 %4", pane("work:2.!"), "the last active pane");
        assertEquals("work:2.0 %4", pane("work:2.{last}"));
        assertEquals("work:2.0 %4", pane("work:2.+"), "next after the active one, wrapping");
        assertEquals("work:2.0 %4", pane("work:2.{previous}"));
        assertEquals("other:0.1 %9", pane("%9"));
        assertEquals("other:0.1 %9", at("%9", TargetKind.SESSION, OUTSIDE));
        assertEquals("work:1.1 %3", pane("work:1.%3"));
        assertEquals("not-found: can't find pane: %9", error("work:1.%9", TargetKind.PANE));
        assertEquals("not-found: can't find pane: %99", error("%99", TargetKind.PANE));
        assertEquals("not-found: can't find pane: 7", error("work:0.7", TargetKind.PANE));
        assertEquals("not-found: can't find pane: 7", error(".7", TargetKind.PANE));
        assertEquals("not-found: can't find pane: !", error("work:0.!", TargetKind.PANE));
        assertEquals("work:5.0 %6", pane("logs"), "not a pane index: a window of the current session");
        assertEquals("other:0.0 %8", pane("oth"), "nor a window: a session");
        assertEquals("not-found: can't find pane: nosuch", error("nosuch", TargetKind.PANE));
        assertEquals("work:1.1 %3", pane("work:editor.1"));
        assertEquals("work:2.1 %5", pane("work.1"), "window work: none in the current session, so session work's current window, pane 1");
    }

    @Test
    void noSessionsAtAll() {
        model.sessions.clear();
        model.recent = null;
        assertEquals("not-found: no current session", error(null, TargetKind.PANE));
        assertEquals("not-found: can't find session: work", error("work", TargetKind.SESSION));
    }
}
