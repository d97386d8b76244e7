package scarab.daemon.command;

import scarab.daemon.UserError;
import scarab.daemon.session.Session;
import scarab.daemon.session.SessionManager;
import scarab.daemon.target.Target;
import scarab.daemon.target.TargetResolver;
import scarab.protocol.command.Caller;
import scarab.protocol.command.TargetKind;

/**
 * Targets of the commands that predate windows ({@code capture}, {@code send-keys}, {@code kill},
 * {@code wait}, {@code attach}, ...): a bare word is what it always was (a session name, a full
 * id or a unique id prefix, with the same messages), and tmux's forms ({@code work:1.2},
 * {@code %3}, {@code @2}, {@code $1}) go through the {@link TargetResolver}.
 */
public final class SessionTargets {
    private final SessionManager sessions;
    private final TargetResolver resolver;

    public SessionTargets(SessionManager sessions, TargetResolver resolver) {
        this.sessions = sessions;
        this.resolver = resolver;
    }

    public Target resolve(String raw, TargetKind kind) {
        if (raw == null || raw.isEmpty()) {
            throw new UserError("bad-target", "no session given");
        }
        if (raw.indexOf(':') >= 0 || "%@$=".indexOf(raw.charAt(0)) >= 0) {
            return resolver.resolve(raw, kind, Caller.NOBODY);
        }
        Session s;
        try {
            s = sessions.resolve(raw);
        } catch (UserError notASession) {
            if (!"not-found".equals(notASession.code())) {
                throw notASession;
            }
            try {
                return resolver.resolve(raw, kind, Caller.NOBODY);
            } catch (UserError alsoNot) {
                throw notASession;
            }
        }
        return ModelTargets.of(s, s.currentWindow(), s.activePane());
    }

    /** The session a target names. */
    public Session session(String raw) {
        return ModelTargets.session(resolve(raw, TargetKind.SESSION));
    }
}
