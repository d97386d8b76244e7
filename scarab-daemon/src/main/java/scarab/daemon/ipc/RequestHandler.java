package scarab.daemon.ipc;

import scarab.protocol.Request;
import scarab.protocol.Response;

/**
 * Carries out one kind of request. One class per request type, registered in
 * {@link scarab.daemon.command.Commands}, in the spirit of tmux's one file per command.
 * Throw {@link scarab.daemon.UserError} for anything the user should be told.
 */
public interface RequestHandler<R extends Request> {
    Class<R> type();

    Response handle(R request, Connection connection);
}
