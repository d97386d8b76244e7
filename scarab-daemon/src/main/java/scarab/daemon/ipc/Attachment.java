package scarab.daemon.ipc;

import java.io.IOException;

/** What a connection attached to a session routes to it. */
public interface Attachment {
    /** Keystrokes from the client ('I' frames). */
    void input(byte[] data) throws IOException;

    /** The client's terminal changed size. */
    void resize(int cols, int rows);

    /** The client asked to detach. */
    void detach();

    /** The connection is gone (EOF, error, SIGKILLed client). */
    void closed();
}
