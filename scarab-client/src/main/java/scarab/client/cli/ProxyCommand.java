package scarab.client.cli;

import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import scarab.client.ClientContext;
import scarab.client.remote.Proxy;

/** {@code scarab proxy}: what {@code -H HOST} runs on HOST through ssh. */
@Command(name = "proxy", mixinStandardHelpOptions = true,
        description = {"Relay the Scarab protocol between standard input/output and this machine's daemon",
                "(starting it unless --no-start). Run by another machine's client as: ssh HOST scarab proxy;",
                "not for people."})
public final class ProxyCommand implements java.util.concurrent.Callable<Integer> {
    @ParentCommand
    ScarabCommand parent;

    public ProxyCommand(ClientContext ctx) {
    }

    @Override
    public Integer call() throws IOException {
        return Proxy.run(parent.starter(), parent.noStart);
    }
}
