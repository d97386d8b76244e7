package scarab.client.cli;

import picocli.CommandLine.IVersionProvider;
import scarab.protocol.Protocol;
import scarab.protocol.Version;

final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"scarab " + Version.get() + " (protocol " + Protocol.VERSION + ")"};
    }
}
