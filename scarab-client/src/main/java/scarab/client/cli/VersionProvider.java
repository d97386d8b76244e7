package scarab.client.cli;

import picocli.CommandLine.IVersionProvider;
import scarab.protocol.Protocol;
import scarab.protocol.Version;

/** {@code scarab --version}; the fast path prints the same {@link #text}. */
public final class VersionProvider implements IVersionProvider {
    public static String text() {
        return "scarab " + Version.get() + " (protocol " + Protocol.VERSION + ")";
    }

    @Override
    public String[] getVersion() {
        return new String[] {text()};
    }
}
