package scarab.daemon.command;

import java.util.Comparator;
import java.util.List;
import scarab.daemon.UserError;
import scarab.daemon.session.ClientLink;
import scarab.daemon.session.Session;
import scarab.daemon.session.SessionManager;
import scarab.daemon.target.TargetResolver;
import scarab.protocol.command.Caller;

/**
 * Finds the attached client a command is for, as tmux's cmd_find_client: {@code -c NAME} by its
 * name (its terminal's path, {@code /dev/} may be left out), else the client a bound key was
 * typed in, else the most recently active client of the caller's session (the session of the
 * shell it runs in, else the most recent session).
 */
final class AttachedClients {
    private final SessionManager sessions;
    private final TargetResolver resolver;

    AttachedClients(SessionManager sessions, TargetResolver resolver) {
        this.sessions = sessions;
        this.resolver = resolver;
    }

    /** The clients of {@code session} (null: of every session), oldest attach first. */
    List<ClientLink> of(Session session) {
        return sessions.clients().stream()
                .filter(c -> c.name() != null && (session == null || c.session() == session))
                .sorted(Comparator.comparingLong(ClientLink::createdMillis))
                .toList();
    }

    ClientLink find(String name, Caller caller) {
        if (name != null) {
            return named(name).orElseThrow(() -> new UserError("not-found", "can't find client: " + name));
        }
        if (caller.client() != null) {
            ClientLink typedIn = named(caller.client()).orElse(null);
            if (typedIn != null) {
                return typedIn;
            }
        }
        Session current;
        try {
            current = ModelTargets.session(resolver.current(caller));
        } catch (UserError none) {
            throw new UserError("not-found", "no current client");
        }
        return of(current).stream()
                .max((a, b) -> Long.signum(a.lastActive() - b.lastActive())) // nanoTime: compared by difference
                .orElseThrow(() -> new UserError("not-found", "no current client"));
    }

    java.util.Optional<ClientLink> named(String name) {
        String full = name.startsWith("/") ? name : "/dev/" + name;
        // The first attached of that name, as of(null) orders them; one pass, no sort (every key
        // command of an attached client looks its client up here).
        ClientLink first = null;
        for (ClientLink c : sessions.clients()) {
            String n = c.name();
            if (n != null && (n.equals(name) || n.equals(full))
                    && (first == null || c.createdMillis() < first.createdMillis())) {
                first = c;
            }
        }
        return java.util.Optional.ofNullable(first);
    }
}
