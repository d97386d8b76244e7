package scarab.daemon.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SessionNameTest {
    @Test
    void acceptsTheDocumentedAlphabet() {
        assertNull(SessionName.problem("dev-server"));
        assertNull(SessionName.problem("a"));
        assertNull(SessionName.problem("A.b_c-9"));
        assertNull(SessionName.problem("x".repeat(64)));
        assertNull(SessionName.problem("a-"));
        assertNull(SessionName.problem("..."));
        assertNull(SessionName.problem(".hidden"));
    }

    @Test
    void refusesEverythingElseWithAReason() {
        assertEquals("session name is empty", SessionName.problem(""));
        assertNotNull(SessionName.problem(null));
        assertTrue(SessionName.problem("x".repeat(65)).contains("limit is 64"));
        assertTrue(SessionName.problem("bad name").contains("letters, digits"));
        assertNotNull(SessionName.problem("a/b"));
        assertNotNull(SessionName.problem("héllo"));
        assertTrue(SessionName.problem("evil\u001b[2J").contains("\\x1b"), "control characters are shown escaped");
        assertTrue(SessionName.problem("-h").contains("may not start with '-'"));
        assertTrue(SessionName.problem("-x").contains("may not start with '-'"));
        assertTrue(SessionName.problem("--").contains("may not start with '-'"));
        assertTrue(SessionName.problem(".").contains("are not names"));
        assertTrue(SessionName.problem("..").contains("are not names"));
    }
}
