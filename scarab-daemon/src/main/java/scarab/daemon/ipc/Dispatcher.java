package scarab.daemon.ipc;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import scarab.protocol.Request;
import scarab.protocol.Response;

/** Routes each request to the one handler registered for its type. Immutable once built. */
public final class Dispatcher {
    private final Map<Class<? extends Request>, RequestHandler<?>> handlers;

    public Dispatcher(List<RequestHandler<?>> all) {
        Map<Class<? extends Request>, RequestHandler<?>> map = new HashMap<>();
        for (RequestHandler<?> h : all) {
            if (map.put(h.type(), h) != null) {
                throw new IllegalArgumentException("two handlers for " + h.type().getSimpleName());
            }
        }
        this.handlers = Map.copyOf(map);
    }

    @SuppressWarnings("unchecked")
    Response dispatch(Request request, Connection connection) {
        RequestHandler<Request> h = (RequestHandler<Request>) handlers.get(request.getClass());
        if (h == null) {
            return new Response.Error(request.id(), "unsupported", "this daemon does not handle \""
                    + request.getClass().getSimpleName() + "\" requests");
        }
        return h.handle(request, connection);
    }
}
