package scarab.daemon.command;

import scarab.daemon.UserError;
import scarab.daemon.paste.PasteBuffer;
import scarab.daemon.paste.PasteBuffers;
import scarab.protocol.command.CommandLine;

/**
 * Which buffer {@code -b NAME} names, else the most recent, with the words each tmux 3.3a command
 * uses when there is none: show-buffer and save-buffer say {@code no buffer NAME} and {@code no
 * buffers}; delete-buffer and {@code set-buffer -n} say {@code unknown buffer: NAME} and {@code no
 * buffer}; paste-buffer says {@code no buffer NAME} and pastes nothing when there are none.
 */
final class BufferChoice {
    private BufferChoice() {}

    /** show-buffer, save-buffer and paste-buffer's: null only when there are none and {@code noneMessage} is null. */
    static PasteBuffer named(PasteBuffers buffers, CommandLine line, String noneMessage) {
        String name = line.value('b');
        if (name != null) {
            PasteBuffer b = buffers.get(name);
            if (b == null) {
                throw new UserError("not-found", "no buffer " + name);
            }
            return b;
        }
        PasteBuffer top = buffers.top();
        if (top == null && noneMessage != null) {
            throw new UserError("not-found", noneMessage);
        }
        return top;
    }

    /** delete-buffer's and {@code set-buffer -n}'s. */
    static PasteBuffer existing(PasteBuffers buffers, CommandLine line) {
        String name = line.value('b');
        PasteBuffer b = name == null ? buffers.top() : buffers.get(name);
        if (b == null) {
            throw new UserError("not-found", name == null ? "no buffer" : "unknown buffer: " + name);
        }
        return b;
    }
}
