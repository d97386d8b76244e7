package scarab.client;

import scarab.client.cli.Cli;

/** The {@code scarab} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int status = Cli.run(ClientContext.system(), args);
        System.out.flush();
        System.exit(status);
    }
}
