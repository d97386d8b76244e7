package scarab.daemon.command;

import scarab.daemon.UserError;
import scarab.daemon.ipc.Attachment;
import scarab.daemon.ipc.Connection;
import scarab.daemon.ipc.RequestHandler;
import scarab.daemon.session.SessionManager;
import scarab.protocol.Request;
import scarab.protocol.Response;

/** An attached client's terminal changed size. */
public final class ResizeHandler implements RequestHandler<Request.Resize> {
    @Override
    public Class<Request.Resize> type() {
        return Request.Resize.class;
    }

    @Override
    public Response handle(Request.Resize r, Connection connection) {
        Attachment a = connection.attachment();
        if (a == null) {
            throw new UserError("not-attached", "resize on a connection that is not attached");
        }
        SessionManager.checkSize(r.cols(), r.rows());
        a.resize(r.cols(), r.rows());
        return new Response.Done(r.id());
    }
}
