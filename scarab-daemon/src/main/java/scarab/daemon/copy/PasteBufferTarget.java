package scarab.daemon.copy;

import scarab.daemon.paste.PasteBuffer;
import scarab.daemon.paste.PasteBuffers;

/** Copies into the daemon's paste buffers as tmux does: a new automatic buffer, or appended to the most recent one. */
public final class PasteBufferTarget implements CopyTarget {
    private final PasteBuffers buffers;

    public PasteBufferTarget(PasteBuffers buffers) {
        this.buffers = buffers;
    }

    @Override
    public void copy(byte[] text) {
        buffers.add(text);
    }

    @Override
    public void append(byte[] text) {
        PasteBuffer top = buffers.top();
        if (top == null) {
            buffers.set(null, text);
            return;
        }
        byte[] joined = new byte[top.size() + text.length];
        System.arraycopy(top.data(), 0, joined, 0, top.size());
        System.arraycopy(text, 0, joined, top.size(), text.length);
        buffers.set(top.name(), joined);
    }
}
