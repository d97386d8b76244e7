package scarab.client;

import scarab.client.attach.Attach;
import scarab.client.cli.Cli;
import scarab.client.daemon.DaemonConnection;
import scarab.client.fast.FastPath;

/** The {@code scarab} command: the fast path for the hot commands' plain forms, else picocli. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (FastPath.mayAttach(args) && !"false".equals(System.getProperty("scarab.terminal"))) {
            Attach.openTerminalEarly();
        }
        if (!FastPath.aboutScarab(args)) {
            DaemonConnection.warmUp();
        }
        ClientContext ctx = ClientContext.system();
        int status = FastPath.run(ctx, args);
        if (status == FastPath.NOT_SERVED) {
            status = Cli.run(ctx, args);
        }
        System.out.flush();
        System.exit(status);
    }
}
