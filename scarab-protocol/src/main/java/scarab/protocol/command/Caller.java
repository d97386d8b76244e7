package scarab.protocol.command;

/**
 * Who runs a table command: what the resolver fills a target's blanks from, as tmux's client
 * sends its environment. Every field may be null (a command run outside any session).
 *
 * @param cwd     the caller's working directory (a new pane's default directory)
 * @param pane    {@code SCARAB_PANE} of the calling shell: {@code %N}
 * @param session {@code SCARAB_SESSION_ID} of the calling shell (else {@code SCARAB_SESSION}):
 *                the session's id or, from older sessions, its name
 * @param client  the attached client a bound key was typed in (its name, as {@code list-clients}
 *                shows it): the client {@code switch-client} switches when {@code -c} is left out
 */
public record Caller(String cwd, String pane, String session, String client) {
    public static final Caller NOBODY = new Caller(null, null, null, null);

    /** A caller that is no attached client: a shell, a script. */
    public Caller(String cwd, String pane, String session) {
        this(cwd, pane, session, null);
    }
}
